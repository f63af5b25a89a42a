// fuzz_csv_replay: the CSV fuzz checks (csv_oracle.hpp) on the seed corpus in
// tests/fuzz/corpus/csv/, with any compiler, in every preset: each seed's cells, written and
// read back, are the same cells in rows of one width.
#include "csv_oracle.hpp"
#include "harness.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#ifndef FUNDROUND_FUZZ_CSV_CORPUS_DIR
#error "FUNDROUND_FUZZ_CSV_CORPUS_DIR must name tests/fuzz/corpus/csv"
#endif

namespace test_fuzz_csv_replay {

namespace fs = std::filesystem;

TEST_CASE("fuzz_csv corpus: every seed's cells read back exactly") {
    const std::vector<fundround_fuzz::corpus_file> files = fundround_fuzz::read_corpus(fs::path(FUNDROUND_FUZZ_CSV_CORPUS_DIR));
    REQUIRE(files.size() >= 10);
    for (const fundround_fuzz::corpus_file& f : files) {
        CAPTURE(f.name);
        const std::vector<std::string> found = fundround_fuzz::check_csv_input(f.bytes);
        CHECK(found.empty());
        for (const std::string& m : found) MESSAGE(m);
    }
}

// The oracle itself catches a broken writer: a hand-made row with an unquoted comma, a bare
// quote, or a missing line end does not read back (so a replay that passes means something).
TEST_CASE("fuzz_csv oracle: the reader refuses what RFC 4180 refuses") {
    CHECK_FALSE(fundround_fuzz::read_csv("a\"b\r\n").ok);
    CHECK_FALSE(fundround_fuzz::read_csv("\"a\"b\r\n").ok);
    CHECK_FALSE(fundround_fuzz::read_csv("\"ab\r\n").ok);
    CHECK_FALSE(fundround_fuzz::read_csv("a,b").ok);
    CHECK_FALSE(fundround_fuzz::read_csv("a\nb\r\n").ok);
    CHECK_FALSE(fundround_fuzz::read_csv("a\rb\r\n").ok);
    const fundround_fuzz::csv_read_result r = fundround_fuzz::read_csv("a,\"b,\"\"c\"\"\r\nd\",\r\n");
    REQUIRE(r.ok);
    CHECK(r.rows == std::vector<std::vector<std::string>>{{"a", "b,\"c\"\r\nd", ""}});
}

}  // namespace test_fuzz_csv_replay
