// What every fuzz target of tests/fuzz/ shares: reading a seed corpus, the libFuzzer entry's
// "print the findings and abort", and the replay program that runs a target's checks on every
// file of its corpus directories (the `*_replay` ctests, in every preset, with any compiler).
//
// A target is one function, its checks: the bytes of one input in, one line per finding out
// (nothing: the input keeps every invariant). The target's .cpp then only names it:
//
//   extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
//       return fundround_fuzz::run_one("fuzz_x", check, data, size);
//   }
//   int main(int argc, char** argv) { return fundround_fuzz::replay_main("fuzz_x_replay", check, argc, argv); }
#ifndef FUNDROUND_TESTS_FUZZ_HARNESS_HPP
#define FUNDROUND_TESTS_FUZZ_HARNESS_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace fundround_fuzz {

/// One seed of a corpus: its file name and its bytes.
struct corpus_file {
    std::string name;
    std::string bytes;
};

/// The regular files of the directory @p dir (not its subdirectories), sorted by name.
inline std::vector<corpus_file> read_corpus(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> paths;
    for (const std::filesystem::directory_entry& e : std::filesystem::directory_iterator(dir)) {
        if (e.is_regular_file()) paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<corpus_file> files;
    files.reserve(paths.size());
    for (const std::filesystem::path& p : paths) {
        std::ifstream in(p, std::ios::binary);
        files.push_back({p.filename().string(), std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
    }
    return files;
}

/// The libFuzzer side of a target named @p target: its checks on one input; every finding is
/// printed to standard error and the run aborts (libFuzzer saves the input as a crash).
template <class Check>
int run_one(const char* target, const Check& check, const std::uint8_t* data, std::size_t size) {
    const std::vector<std::string> found = check(std::string_view(reinterpret_cast<const char*>(data), size));
    for (const std::string& f : found) std::fprintf(stderr, "%s finding: %s\n", target, f.c_str());
    if (!found.empty()) std::abort();
    return 0;
}

/// The replay program `program DIR...`: the checks on every regular file of each directory
/// (sorted by name), one line per file ("ok" or "FAIL" and its findings). Exit status 0 if every
/// file keeps the invariants, 1 if any has a finding or no file was read, 2 without a directory
/// (a directory that cannot be read ends the program with its exception).
template <class Check>
int replay_main(const char* program, const Check& check, int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus directory>...\n", program);
        return 2;
    }
    std::size_t files = 0;
    std::size_t bad = 0;
    for (int a = 1; a < argc; ++a) {
        for (const corpus_file& f : read_corpus(argv[a])) {
            ++files;
            const std::vector<std::string> found = check(std::string_view(f.bytes));
            std::printf("%s %s\n", found.empty() ? "ok  " : "FAIL", f.name.c_str());
            for (const std::string& line : found) std::printf("  %s\n", line.c_str());
            if (!found.empty()) ++bad;
        }
    }
    std::printf("%s: %zu files, %zu with findings\n", program, files, bad);
    return bad == 0 && files > 0 ? 0 : 1;
}

}  // namespace fundround_fuzz

#endif  // FUNDROUND_TESTS_FUZZ_HARNESS_HPP
