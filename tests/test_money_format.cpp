// Unit tests for format_full, format_compact, operator<< and the std::format specs
// (numeric/money_format.hpp).
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/io/money_parse.hpp>

#include <doctest/doctest.h>

#include "support/money_test.hpp"

#include <cstdint>
#include <limits>
#include <sstream>
#include <cstddef>
#include <string>
#include <string_view>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_money_format {

using namespace fundround;

namespace {

using fundround_test::i64_max;
using fundround_test::i64_min;
using fundround_test::usd_units;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Formatting

TEST_CASE("money: format_full") {
    CHECK(format_full(840_B) == "$840,000,000,000.00");
    CHECK(format_full(-(15_B)) == "-$15,000,000,000.00");
    CHECK(format_full(0.005_usd) == "$0.005");
    CHECK(format_full(-(0.005_usd)) == "-$0.005");
    CHECK(format_full(money{}) == "$0.00");
    CHECK(format_full(1234.56_usd) == "$1,234.56");
    CHECK(format_full(1234.5_usd) == "$1,234.50");
    CHECK(format_full(999_usd) == "$999.00");
    CHECK(format_full(1'000_usd) == "$1,000.00");
    CHECK(format_full(0.12_usd) == "$0.12");
    CHECK(format_full(0.125_usd) == "$0.125");
    CHECK(format_full(money::from_major(300'000'000, currencies::eur)) == "\xE2\x82\xAC" "300,000,000.00");
    CHECK(format_full(money::from_major(12, currencies::gbp)) == "\xC2\xA3" "12.00");
    CHECK(format_full(money::from_major(1'000, currencies::jpy)) == "\xC2\xA5" "1,000");
    CHECK(format_full(money::from_units(1'500, currencies::jpy)) == "\xC2\xA5" "1.5");
    CHECK(format_full(money::from_major(5, currencies::chf)) == "CHF 5.00");
    CHECK(format_full(-money::from_major(5, currencies::chf)) == "-CHF 5.00");
    CHECK(format_full(money::from_units(1'500, currency("KWD"))) == "KWD 1.500");
    CHECK(format_full(usd_units(i64_max)) == "$9,223,372,036,854,775.807");
    CHECK(format_full(usd_units(i64_min)) == "-$9,223,372,036,854,775.808");
    CHECK(to_string(15_B) == "$15,000,000,000.00");
}

TEST_CASE("money: operator<< prints the full form") {
    std::ostringstream os;
    os << 15_B << " | " << -(0.005_usd) << " | " << money::from_major(5, currencies::chf);
    CHECK(os.str() == "$15,000,000,000.00 | -$0.005 | CHF 5.00");
}

TEST_CASE("money: format_compact") {
    CHECK(format_compact(840_B) == "$840B");
    CHECK(format_compact(1_B) == "$1B");
    CHECK(format_compact(1.25_T) == "$1.25T");
    CHECK(format_compact(15.5_M) == "$15.5M");
    CHECK(format_compact(25_K) == "$25K");
    CHECK(format_compact(950_usd) == "$950");
    CHECK(format_compact(12.5_usd) == "$12.50");
    CHECK(format_compact(-(15_B)) == "-$15B");
    CHECK(format_compact(-(12.5_usd)) == "-$12.50");
    CHECK(format_compact(money{}) == "$0");
    CHECK(format_compact(999.995_usd) == "$999.995");  // below 1,000 the exact amount
    CHECK(format_compact(1'000_usd) == "$1K");
    CHECK(format_compact(money::from_major(300'000'000, currencies::eur)) == "\xE2\x82\xAC" "300M");
    CHECK(format_compact(money::from_major(5, currencies::chf)) == "CHF 5");
    CHECK(format_compact(money::from_major(1'000, currencies::jpy)) == "\xC2\xA5" "1K");

    SUBCASE("suffix boundaries") {
        CHECK(format_compact(999.95_M) == "$999.95M");              // stays M
        CHECK(format_compact(999'999'999_usd) == "$1B");            // rounds up to the next suffix
        CHECK(format_compact(999'994'999.999_usd) == "$999.99M");   // just below the tie
        CHECK(format_compact(999'995'000_usd) == "$1B");            // the tie rounds away
        CHECK(format_compact(999'999.999_usd) == "$1M");
        CHECK(format_compact(999'994.999_usd) == "$999.99K");
        CHECK(format_compact(999.999_B) == "$1T");
        CHECK(format_compact(1'000_T) == "$1,000T");                // no suffix above T
        CHECK(format_compact(usd_units(i64_max)) == "$9,223.37T");
        CHECK(format_compact(usd_units(i64_min)) == "-$9,223.37T");
        CHECK(format_compact(1.005_M) == "$1.01M");                  // ties away from zero
        CHECK(format_compact(1.004_M) == "$1M");                     // trailing zeros dropped
        CHECK(format_compact(1.2_M) == "$1.2M");
    }
    SUBCASE("max_decimals") {
        CHECK(format_compact(1.25_T, 0) == "$1T");
        CHECK(format_compact(1.5_T, 0) == "$2T");
        CHECK(format_compact(-(1.5_T), 0) == "-$2T");
        CHECK(format_compact(999.5_M, 0) == "$1B");
        CHECK(format_compact(999.4_M, 0) == "$999M");
        CHECK(format_compact(1.2345_B, 3) == "$1.235B");
        CHECK(format_compact(1.0005_B, 3) == "$1.001B");
        CHECK(format_compact(1.005_B, 3) == "$1.005B");
        CHECK(format_compact(1.05_B, 3) == "$1.05B");
        CHECK(format_compact(999.9995_M, 3) == "$1B");
        CHECK(format_compact(999.9994_M, 3) == "$999.999M");
        CHECK(format_compact(12.5_usd, 0) == "$12.50");  // below 1,000 never rounds
        CHECK_THROWS_AS((void)(format_compact(1_B, -1)), invalid_argument_error);
        CHECK_THROWS_AS((void)(format_compact(1_B, 16)), invalid_argument_error);
        CHECK(format_compact(1_B, 15) == "$1B");
    }
}

TEST_CASE("money: format_compact argument errors name the function") {
    CHECK_THROWS_WITH_AS((void)format_compact(1_B, 16),
                         "format_compact: max_decimals = 16: must be between 0 and 15",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)format_compact(1_B, -1), invalid_argument_error);
}

TEST_CASE("money: compact text knows whether it is exact") {
    CHECK(detail::format_compact_text(125_B, 2).exact);
    CHECK_FALSE(detail::format_compact_text(1.234_B, 2).exact);
    CHECK(detail::format_compact_text(1.234_B, 3).exact);
    CHECK(detail::format_compact_text(12.345_usd, 0).exact);  // below 1,000: always exact
}

TEST_CASE("money: format specs shared by std::format and fmt") {
    struct spec_case {
        std::string_view spec;
        bool compact;
        int decimals;
        std::size_t stop;  // where parsing stopped
    };
    const spec_case good[] = {{"}", false, 2, 0}, {"", false, 2, 0},   {"f}", false, 2, 1},
                              {"c}", true, 2, 1}, {"c0}", true, 0, 2}, {"c15}", true, 15, 3},
                              {"c7", true, 7, 2}};
    for (const spec_case& c : good) {
        CAPTURE(c.spec);
        detail::money_format_spec spec;
        const char* error = "unset";
        const char* stop = detail::parse_money_format_spec(c.spec.data(), c.spec.data() + c.spec.size(),
                                                           spec, error);
        CHECK(error == nullptr);
        CHECK(spec.compact == c.compact);
        CHECK(spec.decimals == c.decimals);
        CHECK(static_cast<std::size_t>(stop - c.spec.data()) == c.stop);
    }
    for (std::string_view bad : {"x}", "c16}", "c100}", "fc}", "f2}", ">10}"}) {
        CAPTURE(bad);
        detail::money_format_spec spec;
        const char* error = nullptr;
        (void)detail::parse_money_format_spec(bad.data(), bad.data() + bad.size(), spec, error);
        CHECK(error != nullptr);
    }
    CHECK(detail::format_money(1.25_T, {}) == "$1,250,000,000,000.00");
    CHECK(detail::format_money(1.25_T, {true, 2}) == "$1.25T");
    CHECK(detail::format_money(1.2345_T, {true, 3}) == "$1.235T");
}

#if FUNDROUND_HAS_STD_FORMAT
TEST_CASE("money: std::format") {
    CHECK(std::format("{}", 15_B) == "$15,000,000,000.00");
    CHECK(std::format("{:f}", 15_B) == "$15,000,000,000.00");
    CHECK(std::format("{:c}", 1.25_T) == "$1.25T");
    CHECK(std::format("{:c3}", 1.2345_T) == "$1.235T");
    CHECK(std::format("{} {:>5}", currencies::eur, currencies::gbp) == "EUR   GBP");
}
#endif

}  // namespace test_money_format
