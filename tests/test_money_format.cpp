// Unit tests for format_full, format_compact, operator<< and the std::format specs
// (numeric/money_format.hpp).
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/io/money_parse.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

using namespace fundround;

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

money usd_units(std::int64_t units) { return money::from_units(units, currencies::usd); }

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

