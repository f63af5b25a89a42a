// fuzz_replay: the fuzz checks (parse_oracle.hpp) on the seed corpus in tests/fuzz/corpus/parse/, with
// any compiler and in every preset, plus the reference grammar on the documented examples.
#include "harness.hpp"
#include "parse_oracle.hpp"
#include "reference_grammar.hpp"

#include <fundround/numeric/money.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#ifndef FUNDROUND_FUZZ_CORPUS_DIR
#error "FUNDROUND_FUZZ_CORPUS_DIR must name tests/fuzz/corpus/parse"
#endif

namespace {

namespace fs = std::filesystem;
using fundround_fuzz::finding;

using fundround_fuzz::corpus_file;
using fundround_fuzz::read_corpus;

const fs::path corpus_dir{FUNDROUND_FUZZ_CORPUS_DIR};

std::int64_t major(std::int64_t n) { return n * 1000; }

}  // namespace

TEST_CASE("fuzz_replay: the reference grammar reads the documented examples") {
    using fundround_fuzz::reference_parse_money;
    struct example {
        const char* text;
        std::int64_t units;
        const char* code;
    };
    // docs/concepts.md, "Parsing": the table of texts and values, and docs/exactness.md.
    const example accepted[] = {
        {"$15B", major(15'000'000'000), "USD"},
        {"$1.25 trillion", major(1'250'000'000'000), "USD"},
        {"15,000,000,000.00", major(15'000'000'000), "USD"},
        {"-$2.5M", -major(2'500'000), "USD"},
        {"$-2.5M", -major(2'500'000), "USD"},
        {"US$ 1.5M", major(1'500'000), "USD"},
        {"1.5 MM", major(1'500'000), "USD"},
        {"EUR 300M", major(300'000'000), "EUR"},
        {"EUR300M", major(300'000'000), "EUR"},
        {"\xE2\x82\xAC 300 m", major(300'000'000), "EUR"},
        {"40 bn USD", major(40'000'000'000), "USD"},
        {"\xC2\xA3" "2.5mn", major(2'500'000), "GBP"},
        {"300 EUR", major(300), "EUR"},
        {"$15B USD", major(15'000'000'000), "USD"},
        {"$1.0050", 1'005, "USD"},
        {"$1.2345M", major(1'234'500), "USD"},
        {"-$9,223,372,036,854,775.808", (std::numeric_limits<std::int64_t>::min)(), "USD"},
        // ws includes the no-break spaces U+00A0 and U+202F (docs/concepts.md, "Parsing")
        {"$15\xC2\xA0" "B", major(15'000'000'000), "USD"},
        {"\xC2\xA0$15B\xC2\xA0", major(15'000'000'000), "USD"},
        {"$1.25\xE2\x80\xAF" "trillion", major(1'250'000'000'000), "USD"},
        {"EUR\xE2\x80\xAF" "300\xC2\xA0M\t\xC2\xA0" "EUR", major(300'000'000), "EUR"},
        {"+$5", major(5), "USD"},
    };
    for (const example& e : accepted) {
        CAPTURE(e.text);
        const fundround_fuzz::money_reading r = reference_parse_money(e.text);
        CHECK(r.ok);
        CHECK(r.units == e.units);
        CHECK(r.code == e.code);
    }
    for (const char* bad : {"1.2345", "15 usd", "40bnUSD", ".5", "5$", "$15B EUR", "$1.0001",
                            "$10,000 trillion", "+$-5", "-$-5", "+EUR-3M", "--5", "0,123",
                            "1 000", "1\xC2\xA0" "000", "\xE2\x80\x83$5" /* U+2003: no other Unicode space */,
                            "$5\xC2" /* half a no-break space */, "$15\n"}) {
        CAPTURE(bad);
        CHECK_FALSE(reference_parse_money(bad).ok);
    }
    CHECK(reference_parse_money("300M", "EUR").code == "EUR");
    // docs/concepts.md, "Fractions": "0.7", "-1.25", "70%".
    const fundround_fuzz::decimal_reading seven = fundround_fuzz::reference_from_decimal("0.7");
    CHECK((seven.ok && seven.numerator == 7 && seven.denominator == 10));
    const fundround_fuzz::decimal_reading minus = fundround_fuzz::reference_from_decimal("-1.25");
    CHECK((minus.ok && minus.numerator == -5 && minus.denominator == 4));
    const fundround_fuzz::decimal_reading pct = fundround_fuzz::reference_from_decimal("70%");
    CHECK((pct.ok && pct.numerator == 7 && pct.denominator == 10));
    const fundround_fuzz::decimal_reading lead = fundround_fuzz::reference_from_decimal("007.50");
    CHECK((lead.ok && lead.numerator == 15 && lead.denominator == 2));  // leading zeros are not octal
    // The cap: at most 38 significant digits and 38 after the point, 36 for a percentage
    // (docs/reference.md); leading zeros and trailing zeros after the point do not count.
    const auto accepts = [](const std::string& t) { return fundround_fuzz::reference_from_decimal(t).ok; };
    const auto capped = [](const std::string& t) {
        const fundround_fuzz::decimal_reading r = fundround_fuzz::reference_from_decimal(t);
        return !r.ok && r.capped;
    };
    CHECK(accepts(std::string(38, '9')));
    CHECK(capped(std::string(39, '9')));
    CHECK(accepts("-" + std::string(20, '9') + "." + std::string(18, '9')));
    CHECK(capped("-" + std::string(20, '9') + "." + std::string(19, '9')));
    CHECK(accepts("0." + std::string(37, '0') + "1"));
    CHECK(capped("0." + std::string(38, '0') + "1"));
    CHECK(accepts("0." + std::string(35, '0') + "1%"));
    CHECK(capped("0." + std::string(36, '0') + "1%"));
    CHECK(accepts(std::string(100, '0') + "7." + std::string(36, '0') + "1" + std::string(100, '0')));
    CHECK(capped(std::string(100, '0') + "7." + std::string(37, '0') + "1" + std::string(100, '0')));
    CHECK(accepts(std::string(1'000, '0')));
    CHECK(capped("1" + std::string(1'000'000, '0')));
    CHECK_FALSE(fundround_fuzz::reference_from_decimal("1" + std::string(50, '0') + "x").capped);  // a bad character first
}

TEST_CASE("fuzz_replay: every seed input agrees with the documented grammar") {
    const std::vector<corpus_file> files = read_corpus(corpus_dir);
    REQUIRE(files.size() >= 70);
    for (const corpus_file& f : files) {
        CAPTURE(f.name);
        for (const finding& x : fundround_fuzz::check_input(f.bytes)) FAIL_CHECK(x.message);
    }
}

// The replay programs of every fuzz target are harness.hpp's replay_main: a seed with a finding,
// no seed at all and no directory must each fail the ctest (so a passing replay means something).
TEST_CASE("fuzz harness: replay_main passes only when every seed keeps the invariants") {
    const std::string dir = corpus_dir.string();
    char program[] = "replay";
    char* with_dir[] = {program, const_cast<char*>(dir.c_str()), nullptr};
    char* without_dir[] = {program, nullptr};
    const auto none = [](std::string_view) { return std::vector<std::string>{}; };
    const auto on_money = [](std::string_view text) {
        return text.find('$') == std::string_view::npos ? std::vector<std::string>{} : std::vector<std::string>{"a dollar sign"};
    };
    CHECK(fundround_fuzz::replay_main("replay", none, 2, with_dir) == 0);
    CHECK(fundround_fuzz::replay_main("replay", on_money, 2, with_dir) == 1);
    CHECK(fundround_fuzz::replay_main("replay", none, 1, without_dir) == 2);

    const fs::path empty = fs::temp_directory_path() / "fundround_fuzz_harness_empty";
    fs::remove_all(empty);
    fs::create_directory(empty);
    const std::string empty_dir = empty.string();
    char* with_empty[] = {program, const_cast<char*>(empty_dir.c_str()), nullptr};
    CHECK(fundround_fuzz::replay_main("replay", none, 2, with_empty) == 1);
    fs::remove_all(empty);
}
