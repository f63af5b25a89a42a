// Unit tests for the money literals (numeric/literals.hpp; string forms in io/money_parse.hpp).
#include <fundround/numeric/literals.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/money.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

using namespace fundround;

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

}  // namespace

// ---------------------------------------------------------------------------------------------
// Literals

TEST_CASE("money: literals") {
    CHECK((15_B).units() == 15'000'000'000'000);
    CHECK((1.25_T).units() == 1'250'000'000'000'000);
    CHECK((500_M).units() == 500'000'000'000);
    CHECK((25_K).units() == 25'000'000);
    CHECK((1234.56_usd).units() == 1'234'560);
    CHECK((0.001_usd).units() == 1);
    CHECK((1.5_B).units() == 1'500'000'000'000);
    CHECK((2.5_K).units() == 2'500'000);
    CHECK((0.5_M).units() == 500'000'000);
    CHECK((1'000_M).units() == 1'000'000'000'000);
    CHECK((1'000_M) == 1_B);
    CHECK((1'234.5_usd).units() == 1'234'500);
    CHECK((15_B).currency() == currencies::usd);
    CHECK((1.25_T).currency() == currencies::usd);

    CHECK(("1234.56"_usd).units() == 1'234'560);
    CHECK("15,000,000,000.00"_usd == 15_B);
    CHECK("$1.25 trillion"_usd == 1.25_T);
    CHECK("-$2.5M"_usd == -(2.5_M));
    CHECK_THROWS_AS((void)("EUR 5"_usd), currency_mismatch_error);
    CHECK_THROWS_AS((void)("5 USDX"_usd), parse_error);

    // Literals are usable in constant expressions.
    constexpr money b = 15_B;
    static_assert(b.units() == 15'000'000'000'000, "15_B is 15e12 mills");
    static_assert((1.25_T).units() == 1'250'000'000'000'000, "1.25_T");
    static_assert((0.001_usd).units() == 1, "one mill");
    CHECK(b.units() == 15'000'000'000'000);
}

TEST_CASE("money: the literal parser accepts the whole 64-bit range") {
    // detail::literal_units is what the numeric literals run at compile time; run it here so a
    // failure is a failing test rather than a build break. INT64_MAX units is a valid amount.
    CHECK(detail::literal_units("9223372036854775.807", 20, 1000) == i64_max);
    CHECK(detail::literal_units("9223372036854775.806", 20, 1000) == i64_max - 1);
    CHECK_THROWS_AS((void)(detail::literal_units("9223372036854775.808", 20, 1000)), overflow_error);
    CHECK_THROWS_AS((void)(detail::literal_units("1.0001", 6, 1000)), invalid_argument_error);
    CHECK_THROWS_AS((void)(detail::literal_units("1.2.3", 5, 1000)), invalid_argument_error);
}

