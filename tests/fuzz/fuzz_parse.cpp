// libFuzzer target: arbitrary bytes to parse_money and fraction::from_decimal, checked against the
// reference reading of the documented grammar (reference_grammar.hpp), plus the printed forms
// parsed back (parse_oracle.hpp). Any finding aborts the run (the input is saved as a crash).
#include "parse_oracle.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<fundround_fuzz::finding> found = fundround_fuzz::check_input(text);
    for (const fundround_fuzz::finding& f : found) std::fprintf(stderr, "fuzz_parse finding: %s\n", f.message.c_str());
    if (!found.empty()) std::abort();
    return 0;
}
