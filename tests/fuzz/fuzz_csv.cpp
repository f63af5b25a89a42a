// libFuzzer target: arbitrary bytes made into CSV cells (csv_oracle.hpp), written by io/csv.hpp's
// writer, read back with an independent RFC 4180 reader: the cells must come back exactly and
// every row must have the header's field count. Any finding aborts the run (the input is saved
// as a crash).
#include "csv_oracle.hpp"
#include "harness.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fundround_fuzz::run_one("fuzz_csv", fundround_fuzz::check_csv_input, data, size);
}
