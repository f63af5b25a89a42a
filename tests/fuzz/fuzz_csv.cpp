// libFuzzer target: arbitrary bytes made into CSV cells (csv_oracle.hpp), written by io/csv.hpp's
// writer, read back with an independent RFC 4180 reader: the cells must come back exactly and
// every row must have the header's field count. Any finding aborts the run (the input is saved
// as a crash).
#include "csv_oracle.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string> found = fundround_fuzz::check_csv_input(text);
    for (const std::string& f : found) std::fprintf(stderr, "fuzz_csv finding: %s\n", f.c_str());
    if (!found.empty()) std::abort();
    return 0;
}
