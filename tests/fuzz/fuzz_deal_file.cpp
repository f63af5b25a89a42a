// libFuzzer target: arbitrary bytes to parse_deal_file (json/deal_file.hpp), with invariants
// checked on every input (not only "does not crash"):
//
//   1. Reading throws nothing but json_error (an overflow_error, invalid_argument_error or
//      nlohmann exception escaping the reader is a finding).
//   2. A file that reads is written and read back equal: write(read(write(d))) == write(d), the
//      written text compared (every member of deal_file is in it).
//   3. A json_error has at least one problem. If the text is not JSON, exactly one, at the
//      root. Otherwise every problem's pointer resolves in the input document, or names a
//      missing member of an object that does (a required member that is absent); the root
//      pointer "" always resolves.
//
// Any finding is printed and aborts the run (libFuzzer saves the input as a crash).
//
// Built two ways (tests/fuzz/CMakeLists.txt): with -fsanitize=fuzzer as fuzz_deal_file (clang,
// FUNDROUND_BUILD_FUZZERS), and with FUNDROUND_DEAL_FILE_REPLAY as fuzz_deal_file_replay, a
// program that checks every file of the directories it is given (the seed corpus
// tests/fuzz/corpus/deal_file/ in ctest fuzz_deal_file_replay, with any compiler).
#include "harness.hpp"

#include <fundround/json/deal_file.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace fundround_fuzz_deal_file {

// True if @p pointer resolves in @p doc, or names a missing member of an object that does.
inline bool resolves(const nlohmann::json& doc, const std::string& pointer) {
    if (pointer.empty()) return true;
    try {
        const nlohmann::json::json_pointer p(pointer);
        if (doc.contains(p)) return true;
        const nlohmann::json::json_pointer parent = p.parent_pointer();
        return doc.contains(parent) && doc.at(parent).is_object();
    } catch (const nlohmann::json::exception&) {
        return false;  // not a well-formed pointer
    }
}

// The invariants above on @p text; one line per violation.
inline std::vector<std::string> check(std::string_view text) {
    std::vector<std::string> findings;
    try {
        const fundround::deal_file d = fundround::parse_deal_file(text);
        const std::string written = fundround::write_deal_file(d);
        try {
            const std::string again = fundround::write_deal_file(fundround::parse_deal_file(written));
            if (again != written) findings.push_back("written and read back, the file is written differently:\n" + written + "\n---\n" + again);
        } catch (const fundround::json_error& e) {
            findings.push_back(std::string("the written file does not read back: ") + e.what() + "\n" + written);
        }
    } catch (const fundround::json_error& e) {
        const auto& problems = e.problems();
        if (problems.empty()) findings.push_back("a json_error without problems");
        nlohmann::json doc;
        bool is_json = true;
        try {
            doc = nlohmann::json::parse(text.begin(), text.end());
        } catch (const nlohmann::json::exception&) {
            is_json = false;
        }
        if (!is_json) {
            if (problems.size() != 1 || !problems.front().field.empty()) {
                findings.push_back(std::string("text that is not JSON must be one problem at the root: ") + e.what());
            }
        } else {
            for (const fundround::diagnostic& p : problems) {
                const std::string ptr = p.field.json_pointer();
                if (!resolves(doc, ptr)) findings.push_back("the pointer " + ptr + " does not resolve in the input: " + e.what());
            }
        }
    } catch (const std::exception& e) {
        findings.push_back(std::string("an exception other than json_error escaped: ") + e.what());
    }
    return findings;
}

}  // namespace fundround_fuzz_deal_file

#ifndef FUNDROUND_DEAL_FILE_REPLAY

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fundround_fuzz::run_one("fuzz_deal_file", fundround_fuzz_deal_file::check, data, size);
}

#else

// fuzz_deal_file_replay DIR...: the checks on every file of each directory (harness.hpp).
int main(int argc, char** argv) {
    return fundround_fuzz::replay_main("fuzz_deal_file_replay", fundround_fuzz_deal_file::check, argc, argv);
}

#endif
