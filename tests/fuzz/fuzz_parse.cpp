// libFuzzer target: arbitrary bytes to parse_money and fraction::from_decimal, checked against the
// reference reading of the documented grammar (reference_grammar.hpp), plus the printed forms
// parsed back (parse_oracle.hpp).
//
// A finding that no known defect explains aborts the run. Findings explained by a known defect
// (parse_oracle.hpp, namespace known) are ignored unless FUNDROUND_FUZZ_STRICT=1 is set, so that
// a run keeps looking for new bugs while the known ones wait for their fix.
#include "parse_oracle.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

bool strict_mode() {
    const char* v = std::getenv("FUNDROUND_FUZZ_STRICT");
    return v != nullptr && std::strcmp(v, "0") != 0 && v[0] != '\0';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool strict = strict_mode();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<fundround_fuzz::finding> found = fundround_fuzz::check_input(text);
    bool fail = false;
    for (const fundround_fuzz::finding& f : found) {
        if (!strict && !f.defect.empty()) continue;
        std::fprintf(stderr, "fuzz_parse finding%s%s: %s\n", f.defect.empty() ? " (new)" : " (known: ",
                     f.defect.empty() ? "" : (f.defect + ")").c_str(), f.message.c_str());
        fail = true;
    }
    if (fail) std::abort();
    return 0;
}
