// Unit tests for fundround::money (numeric/money.hpp): construction, checked arithmetic,
// comparisons, rounding, hashing, constexpr use and the code generated for the currency.
// Literals, allocation, formatting and parsing have their own files (test_literals.cpp,
// test_allocation.cpp, test_money_format.cpp, test_money_parse.cpp).
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/io/money_parse.hpp>

#include <doctest/doctest.h>

#include "support/money_test.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <random>
#include <type_traits>
#include <unordered_map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_money {

using namespace fundround;

namespace {

using fundround_test::i64_max;
using fundround_test::i64_min;
using fundround_test::usd_units;

/// Every rounding mode except rounding::exact, in a fixed order used by the tables below.
constexpr std::array<rounding, 7> inexact_modes = {
    rounding::toward_zero,         rounding::away_from_zero,   rounding::floor,
    rounding::ceiling,             rounding::half_away_from_zero, rounding::half_toward_zero,
    rounding::half_even};

/// units / den under each mode of inexact_modes.
struct division_case {
    std::int64_t units;
    std::int64_t den;
    std::array<std::int64_t, 7> expected;
};

// clang-format off
//                                      tz  afz  floor ceil  hafz  htz  heven
const division_case division_cases[] = {
    { 5,  2, {{ 2,  3,  2,  3,  3,  2,  2}}},   //  2.5  (tie, even neighbour 2)
    {-5,  2, {{-2, -3, -3, -2, -3, -2, -2}}},   // -2.5
    { 7,  2, {{ 3,  4,  3,  4,  4,  3,  4}}},   //  3.5  (tie, even neighbour 4)
    {-7,  2, {{-3, -4, -4, -3, -4, -3, -4}}},   // -3.5
    { 7,  3, {{ 2,  3,  2,  3,  2,  2,  2}}},   //  2.333...
    {-7,  3, {{-2, -3, -3, -2, -2, -2, -2}}},   // -2.333...
    { 8,  3, {{ 2,  3,  2,  3,  3,  3,  3}}},   //  2.666...
    {-8,  3, {{-2, -3, -3, -2, -3, -3, -3}}},   // -2.666...
    { 5, -2, {{-2, -3, -3, -2, -3, -2, -2}}},   // negative divisor: -2.5
    {-5, -2, {{ 2,  3,  2,  3,  3,  2,  2}}},   // both negative: 2.5
    { 1,  3, {{ 0,  1,  0,  1,  0,  0,  0}}},   //  0.333...
    {-1,  3, {{ 0, -1, -1,  0,  0,  0,  0}}},   // -0.333...
};
// clang-format on

}  // namespace
// ---------------------------------------------------------------------------------------------
// Construction

TEST_CASE("money: construction from units, major units and zero") {
    const money def;
    CHECK(def.units() == 0);
    CHECK(def.currency() == currencies::usd);
    CHECK(def.is_zero());
    CHECK_FALSE(def.is_negative());
    CHECK_FALSE(def.is_positive());

    const money a = money::from_units(1234, currencies::eur);
    CHECK(a.units() == 1234);
    CHECK(a.currency() == currencies::eur);
    CHECK(a.is_positive());
    CHECK_FALSE(a.is_zero());

    CHECK(money::from_units(-1).is_negative());
    CHECK(money::from_units(-1).currency() == currencies::usd);
    CHECK(money::units_per_major == 1000);

    CHECK(money::from_major(15).units() == 15'000);
    CHECK(money::from_major(-7, currencies::gbp).units() == -7'000);
    CHECK(money::from_major(-7, currencies::gbp).currency() == currencies::gbp);

    const money z = money::zero(currencies::jpy);
    CHECK(z.is_zero());
    CHECK(z.currency() == currencies::jpy);
    CHECK(z != money{});  // zero yen is not zero dollars

    // The largest whole number of dollars that fits, and one more.
    CHECK(money::from_major(i64_max / 1000).units() == i64_max / 1000 * 1000);
    CHECK_THROWS_AS((void)(money::from_major(i64_max / 1000 + 1)), overflow_error);
    CHECK_THROWS_AS((void)(money::from_major(i64_min / 1000 - 1)), overflow_error);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic and overflow

TEST_CASE("money: arithmetic") {
    CHECK((1.5_usd + 2.25_usd).units() == 3'750);
    CHECK((1.5_usd - 2.25_usd).units() == -750);
    CHECK((1.5_usd * 3).units() == 4'500);
    CHECK((3 * 1.5_usd).units() == 4'500);
    CHECK((1.5_usd * -2).units() == -3'000);
    CHECK((-(1.5_usd)).units() == -1'500);
    CHECK((-money{}).units() == 0);
    CHECK(15_B + 500_M == 15.5_B);

    money m = 10_usd;
    m += 5_usd;
    CHECK(m == 15_usd);
    m -= 20_usd;
    CHECK(m == -(5_usd));
    m *= -3;
    CHECK(m == 15_usd);

    const money e1 = money::from_units(1'000, currencies::eur);
    const money e2 = money::from_units(250, currencies::eur);
    CHECK((e1 + e2) == money::from_units(1'250, currencies::eur));
    CHECK((e1 - e2).currency() == currencies::eur);
    CHECK((e1 * 4).currency() == currencies::eur);

    CHECK(sum({1_usd, 2_usd, 3.5_usd}) == 6.5_usd);
    // An empty list has no currency: it does not silently sum to $0 (issue 9, item 4).
    CHECK_THROWS_WITH_AS((void)sum({}),
                         "sum: amounts: empty, so the currency of the sum is unknown: pass it, "
                         "sum(amounts, currency)",
                         invalid_argument_error);
    CHECK(sum({}, currencies::eur) == money::zero(currencies::eur));
    CHECK(sum(std::vector<money>{}, currencies::jpy).currency() == currencies::jpy);
    CHECK(sum({e1, e2}, currencies::eur) == money::from_units(1'250, currencies::eur));
    CHECK(sum({e1, e2}) == money::from_units(1'250, currencies::eur));  // currency of the first
    CHECK_THROWS_AS((void)(sum({e1, 1_usd})), currency_mismatch_error);
    CHECK_THROWS_AS((void)(sum({e1, e2}, currencies::usd)), currency_mismatch_error);
}

TEST_CASE("money: comparisons") {
    CHECK(1_usd < 2_usd);
    CHECK(-(2_usd) < -(1_usd));
    CHECK(2_usd > 1_usd);
    CHECK(1_usd <= 1_usd);
    CHECK(1_usd >= 1_usd);
    CHECK_FALSE(1_usd < 1_usd);
    CHECK_FALSE(2_usd <= 1_usd);
    CHECK(1_usd == 1000_usd * 1 - 999_usd);
    CHECK(1_usd != 1.001_usd);
}

TEST_CASE("money: overflow at the limits throws overflow_error and never wraps") {
    const money max = usd_units(i64_max);
    const money min = usd_units(i64_min);
    const money one = usd_units(1);

    CHECK((max + usd_units(0)) == max);
    CHECK_THROWS_AS((void)(max + one), overflow_error);
    CHECK_THROWS_AS((void)(one + max), overflow_error);
    CHECK_THROWS_AS((void)(min - one), overflow_error);
    CHECK_THROWS_AS((void)(max - usd_units(-1)), overflow_error);
    CHECK((min + one).units() == i64_min + 1);
    CHECK((max - max).units() == 0);

    CHECK_THROWS_AS((void)(-min), overflow_error);
    CHECK((-max).units() == -i64_max);

    CHECK_THROWS_AS((void)(max * 2), overflow_error);
    CHECK_THROWS_AS((void)(2 * max), overflow_error);
    CHECK_THROWS_AS((void)(min * -1), overflow_error);
    CHECK_THROWS_AS((void)(usd_units(i64_max / 2 + 1) * 2), overflow_error);
    CHECK((usd_units(i64_max / 2) * 2).units() == i64_max - 1);
    CHECK((max * -1).units() == -i64_max);

    // Compound assignment leaves the value unchanged when it throws.
    money m = max;
    CHECK_THROWS_AS(m += one, overflow_error);
    CHECK(m == max);
    CHECK_THROWS_AS(m *= 3, overflow_error);
    CHECK(m == max);

    // Ratios use a 128-bit intermediate: the product may exceed 64 bits, the result may not.
    CHECK(max.times(i64_max, i64_max, rounding::exact) == max);
    CHECK(max.times(3, 4, rounding::floor).units() == 6'917'529'027'641'081'855);
    CHECK_THROWS_AS((void)(max.times(3, 2, rounding::toward_zero)), overflow_error);
    CHECK_THROWS_AS((void)(max.times(fraction(3, 2), rounding::toward_zero)), overflow_error);
    CHECK_THROWS_AS((void)(min.divided_by(-1, rounding::exact)), overflow_error);
    CHECK(min.divided_by(1, rounding::exact) == min);
    CHECK_THROWS_AS((void)(max.rounded_to(1_usd, rounding::ceiling)), overflow_error);

    try {
        (void)(max + one);
        FAIL("expected overflow_error");
    } catch (const overflow_error& e) {
        CHECK(std::string(e.what()).find("addition") != std::string::npos);
    }
}

TEST_CASE("money: combining currencies throws currency_mismatch_error") {
    const money d = 1_usd;
    const money e = money::from_major(1, currencies::eur);

    CHECK_THROWS_AS((void)(d + e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d - e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d < e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d > e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d <= e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d >= e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d.ratio_to(e)), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d.rounded_to(money::from_units(10, currencies::eur), rounding::half_even)),
                    currency_mismatch_error);
    CHECK_THROWS_WITH_AS((void)(d + e), "cannot add USD and EUR amounts: convert one of them first",
                         currency_mismatch_error);

    // Equality is defined across currencies: same number, different currency is not equal.
    CHECK_FALSE(d == e);
    CHECK(d != e);
    CHECK_FALSE(money::zero(currencies::eur) == money::zero(currencies::usd));
}

TEST_CASE("money: ratio_to") {
    CHECK((50_B).ratio_to(840_B) == fraction(5, 84));
    CHECK((-(3_usd)).ratio_to(6_usd) == fraction(-1, 2));
    CHECK((1_usd).ratio_to(usd_units(-3)) == fraction(-1000, 3));
    CHECK_THROWS_AS((void)((1_usd).ratio_to(money{})), invalid_argument_error);
}

// ---------------------------------------------------------------------------------------------
// Ratios and rounding modes

TEST_CASE("money: divided_by / times(num, den) / times(fraction) under every rounding mode") {
    for (const division_case& c : division_cases) {
        for (std::size_t i = 0; i < inexact_modes.size(); ++i) {
            const rounding mode = inexact_modes[i];
            const money m = money::from_units(c.units, currencies::eur);
            const std::string mode_name(to_string(mode));
            CAPTURE(c.units);
            CAPTURE(c.den);
            CAPTURE(mode_name);
            const std::int64_t want = c.expected[i];

            const money by_div = m.divided_by(c.den, mode);
            CHECK(by_div.units() == want);
            CHECK(by_div.currency() == currencies::eur);
            CHECK(m.times(1, c.den, mode).units() == want);
            CHECK(money::from_units(1, currencies::eur).times(c.units, c.den, mode).units() == want);
            CHECK(m.times(fraction(1, c.den), mode).units() == want);
            CHECK(money::from_units(1, currencies::eur).times(fraction(c.units, c.den), mode).units() ==
                  want);
        }
        // None of the cases divides exactly.
        CHECK_THROWS_AS((void)(money::from_units(c.units).divided_by(c.den, rounding::exact)), inexact_error);
        CHECK_THROWS_AS((void)(money::from_units(c.units).times(1, c.den, rounding::exact)), inexact_error);
        CHECK_THROWS_AS((void)(money::from_units(c.units).times(fraction(1, c.den), rounding::exact)),
                        inexact_error);
    }
}

TEST_CASE("money: exact ratios") {
    CHECK(usd_units(6).divided_by(3, rounding::exact).units() == 2);
    CHECK(usd_units(-6).divided_by(3, rounding::exact).units() == -2);
    CHECK(usd_units(6).times(-2, 3, rounding::exact).units() == -4);
    CHECK((840_B).times(fraction(5, 84), rounding::exact) == 50_B);
    CHECK((840_B).times(5, 84, rounding::exact) == 50_B);
    CHECK((1_usd).times(fraction(0), rounding::exact).is_zero());
    CHECK((100_usd).times(fraction(3, 2), rounding::exact) == 150_usd);
    // 1/3 of a dollar is 333.33... mills.
    CHECK((1_usd).divided_by(3, rounding::half_even).units() == 333);
    CHECK((2_usd).divided_by(3, rounding::half_even).units() == 667);
    CHECK_THROWS_AS((void)((1_usd).divided_by(3, rounding::exact)), inexact_error);
    CHECK_THROWS_AS((void)((1_usd).divided_by(0, rounding::toward_zero)), invalid_argument_error);
    CHECK_THROWS_AS((void)((1_usd).times(1, 0, rounding::toward_zero)), invalid_argument_error);
}

TEST_CASE("money: rounded_to and rounded_to_minor_unit") {
    SUBCASE("half-cent ties") {
        const money half_cent = 0.005_usd;
        CHECK(half_cent.units() == 5);
        CHECK(half_cent.rounded_to_minor_unit(rounding::half_away_from_zero) == 0.01_usd);
        CHECK(half_cent.rounded_to_minor_unit(rounding::half_even) == 0_usd);
        CHECK(half_cent.rounded_to_minor_unit(rounding::half_toward_zero) == 0_usd);
        CHECK((0.015_usd).rounded_to_minor_unit(rounding::half_even) == 0.02_usd);
        CHECK((0.025_usd).rounded_to_minor_unit(rounding::half_even) == 0.02_usd);
        CHECK((0.015_usd).rounded_to_minor_unit(rounding::half_toward_zero) == 0.01_usd);
        CHECK((1.005_usd).rounded_to_minor_unit(rounding::half_away_from_zero) == 1.01_usd);
        CHECK((1.005_usd).rounded_to_minor_unit(rounding::half_even) == 1_usd);

        const money neg = -(0.005_usd);
        CHECK(neg.rounded_to_minor_unit(rounding::half_away_from_zero) == -(0.01_usd));
        CHECK(neg.rounded_to_minor_unit(rounding::half_even).units() == 0);
        CHECK(neg.rounded_to_minor_unit(rounding::floor) == -(0.01_usd));
        CHECK(neg.rounded_to_minor_unit(rounding::ceiling).units() == 0);
        CHECK((-(0.015_usd)).rounded_to_minor_unit(rounding::half_even) == -(0.02_usd));
    }
    SUBCASE("non-ties and every directed mode") {
        const money m = 1.234_usd;
        CHECK(m.rounded_to_minor_unit(rounding::toward_zero) == 1.23_usd);
        CHECK(m.rounded_to_minor_unit(rounding::away_from_zero) == 1.24_usd);
        CHECK(m.rounded_to_minor_unit(rounding::floor) == 1.23_usd);
        CHECK(m.rounded_to_minor_unit(rounding::ceiling) == 1.24_usd);
        CHECK(m.rounded_to_minor_unit(rounding::half_away_from_zero) == 1.23_usd);
        CHECK(m.rounded_to_minor_unit(rounding::half_toward_zero) == 1.23_usd);
        CHECK(m.rounded_to_minor_unit(rounding::half_even) == 1.23_usd);
        CHECK((-m).rounded_to_minor_unit(rounding::floor) == -(1.24_usd));
        CHECK((-m).rounded_to_minor_unit(rounding::ceiling) == -(1.23_usd));
        CHECK((1.236_usd).rounded_to_minor_unit(rounding::half_toward_zero) == 1.24_usd);
    }
    SUBCASE("exact") {
        CHECK((1.23_usd).rounded_to_minor_unit(rounding::exact) == 1.23_usd);
        CHECK_THROWS_AS((void)((1.234_usd).rounded_to_minor_unit(rounding::exact)), inexact_error);
        CHECK_THROWS_AS((void)((0.005_usd).rounded_to_minor_unit(rounding::exact)), inexact_error);
    }
    SUBCASE("other currencies use their own minor unit") {
        const money yen = money::from_units(1'500, currencies::jpy);  // 1.5 yen
        CHECK(yen.rounded_to_minor_unit(rounding::half_even) == money::from_units(2'000, currencies::jpy));
        CHECK(money::from_units(2'500, currencies::jpy).rounded_to_minor_unit(rounding::half_even) ==
              money::from_units(2'000, currencies::jpy));
        CHECK(money::from_units(2'500, currencies::jpy).rounded_to_minor_unit(rounding::half_away_from_zero) ==
              money::from_units(3'000, currencies::jpy));
        const money dinar = money::from_units(1'234, currency("KWD"));  // 3 minor digits
        CHECK(dinar.rounded_to_minor_unit(rounding::exact) == dinar);
        const money euro = money::from_units(1'235, currencies::eur);
        CHECK(euro.rounded_to_minor_unit(rounding::half_even) == money::from_units(1'240, currencies::eur));
    }
    SUBCASE("arbitrary steps") {
        CHECK((2'500_usd).rounded_to(1'000_usd, rounding::half_even) == 2'000_usd);
        CHECK((3'500_usd).rounded_to(1'000_usd, rounding::half_even) == 4'000_usd);
        CHECK((3'499.999_usd).rounded_to(1'000_usd, rounding::half_away_from_zero) == 3'000_usd);
        CHECK((1.07_usd).rounded_to(0.05_usd, rounding::half_even) == 1.05_usd);
        CHECK((1.08_usd).rounded_to(0.05_usd, rounding::half_even) == 1.1_usd);
        CHECK_THROWS_AS((void)((1_usd).rounded_to(money{}, rounding::half_even)), invalid_argument_error);
        CHECK_THROWS_AS((void)((1_usd).rounded_to(-(0.01_usd), rounding::half_even)), invalid_argument_error);
    }
}

TEST_CASE("money: binary floating point misrounds half-cent ties, money does not") {
    // 1.005 has no exact binary representation: the nearest double is 1.00499999999999989...
    const double price = 1.005;
    const double cents = price * 100.0;
    CHECK(cents < 100.5);
    CHECK(std::llround(cents) == 100);  // $1.00: the tie was lost before rounding
    // The exact amount keeps the tie and rounds it up as asked.
    CHECK((1.005_usd).rounded_to_minor_unit(rounding::half_away_from_zero) == 1.01_usd);
    CHECK((1.005_usd).rounded_to_minor_unit(rounding::half_away_from_zero).units() == 1'010);
    CHECK(parse_money("$1.005").rounded_to_minor_unit(rounding::half_away_from_zero) == 1.01_usd);

    // The sum of ten dimes is exactly a dollar.
    double dimes = 0.0;
    money exact_dimes;
    for (int i = 0; i < 10; ++i) {
        dimes += 0.1;
        exact_dimes += 0.1_usd;
    }
    CHECK(dimes != 1.0);
    CHECK(exact_dimes == 1_usd);
}

// ---------------------------------------------------------------------------------------------
// Representation, constexpr, hashing, error messages (issue 9, items 3 and 7)

static_assert(sizeof(money) == 16, "money is an int64 and a 4-byte currency");
static_assert(std::is_trivially_copyable_v<money>, "money is copied as two registers");

// constexpr arithmetic: the example and the other operators.
namespace {
constexpr money constexpr_b = 15_B + 35_B;
static_assert(constexpr_b == 50_B, "constexpr money b = 15_B + 35_B");
static_assert((50_B - 15_B) == 35_B, "constexpr subtraction");
static_assert(2 * 15_B == 30_B && 15_B * 2 == 30_B, "constexpr multiplication by an integer");
static_assert(-(15_B) < 15_B && 15_B > 1_B && 1_B <= 1_B && 1_B >= 1_B, "constexpr ordering");
static_assert(15_B != 15_B_eur, "the currency is part of equality");
static_assert(money::from_major(15, currencies::eur).units() == 15'000, "constexpr from_major");
constexpr money compound() {
    money m = 10_usd;
    m += 5_usd;
    m -= 1_usd;
    m *= 3;
    return m;
}
static_assert(compound() == 42_usd, "constexpr compound assignment");
}  // namespace

TEST_CASE("money: constexpr arithmetic still throws at run time") {
    // The same constexpr functions, called with run-time values, throw as before.
    volatile std::int64_t big = i64_max;
    const money max = usd_units(big);
    CHECK_THROWS_AS((void)(max + usd_units(1)), overflow_error);
    CHECK_THROWS_AS((void)(15_B_eur + 15_B), currency_mismatch_error);
    CHECK(constexpr_b.units() == 50'000'000'000'000);
}

TEST_CASE("money: error messages name money and the currencies") {
    const money max = usd_units(i64_max);
    const money min = usd_units(i64_min);
    CHECK_THROWS_WITH_AS((void)(max + 1_usd),
                         "fundround: money addition overflows the 64-bit amount range (about "
                         "+/-9.2e15 in major units)",
                         overflow_error);
    CHECK_THROWS_WITH_AS((void)(min - 1_usd), doctest::Contains("money subtraction"), overflow_error);
    CHECK_THROWS_WITH_AS((void)(max * 2), doctest::Contains("money multiplication"), overflow_error);
    CHECK_THROWS_WITH_AS((void)(-min), doctest::Contains("money negation"), overflow_error);
    CHECK_THROWS_WITH_AS((void)max.times(4, 3, rounding::half_even),
                         doctest::Contains("money multiplication by a ratio"), overflow_error);
    CHECK_THROWS_WITH_AS((void)max.times(fraction(4, 3), rounding::half_even),
                         doctest::Contains("money multiplication by a fraction"), overflow_error);
    CHECK_THROWS_WITH_AS((void)(1_usd + 1_eur),
                         "cannot add USD and EUR amounts: convert one of them first",
                         currency_mismatch_error);
    CHECK_THROWS_WITH_AS((void)(1_gbp < 1_usd),
                         "cannot compare GBP and USD amounts: convert one of them first",
                         currency_mismatch_error);
    CHECK_THROWS_WITH_AS((void)(1_usd).times(1, 0, rounding::half_even),
                         doctest::Contains("division by zero"), invalid_argument_error);
}

TEST_CASE("money: std::hash") {
    const std::hash<money> h;
    CHECK(h(15_B) == h(15_B));
    CHECK(h(15_B) == h(money::from_major(15'000'000'000)));
    CHECK(h(15_B) != h(15_B_eur));  // same units, another currency
    CHECK(h(1_usd) != h(2_usd));
    std::unordered_map<money, int> counts;
    for (const money m : {1_usd, 2_usd, 1_usd, 1_eur, 1_eur, 1_eur}) ++counts[m];
    CHECK(counts.size() == 3);
    CHECK(counts[1_usd] == 2);
    CHECK(counts[1_eur] == 3);
}

TEST_CASE("money: times(num, den) takes the 64-bit path when it can and agrees with 128 bits") {
    // Reference: the 128-bit product divided and rounded by detail::divide_rounded.
    std::mt19937_64 gen(9);
    const std::int64_t edges[] = {0, 1, -1, 2, -2, 3, 84, -84, 1000, i64_max, i64_min, i64_max - 1,
                                  i64_min + 1, 4294967295, 4294967297, -274177, 67280421310721};
    std::uniform_int_distribution<std::int64_t> any(i64_min, i64_max);
    std::uniform_int_distribution<std::int64_t> small(-100000, 100000);
    const rounding modes[] = {rounding::toward_zero, rounding::away_from_zero,
                              rounding::floor, rounding::ceiling,
                              rounding::half_away_from_zero, rounding::half_toward_zero,
                              rounding::half_even, rounding::exact};
    int checked = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t a = i % 4 == 0 ? edges[static_cast<std::size_t>(i) % std::size(edges)]
                               : i % 4 == 1 ? small(gen) : any(gen) >> (i % 60);
        const std::int64_t n = i % 3 == 0 ? small(gen) : edges[static_cast<std::size_t>(i / 3) % std::size(edges)];
        std::int64_t d = i % 5 == 0 ? edges[static_cast<std::size_t>(i / 5) % std::size(edges)] : small(gen);
        if (d == 0) d = -1;
        for (const rounding mode : modes) {
            bool ref_throws = false;
            bool ref_inexact = false;
            std::int64_t expected = 0;
            try {
                const detail::int128 q = detail::divide_rounded(detail::int128(a) * n, d, mode);
                if (q > detail::int128(i64_max) || q < detail::int128(i64_min)) {
                    ref_throws = true;
                } else {
                    expected = static_cast<std::int64_t>(q);
                }
            } catch (const inexact_error&) {
                ref_inexact = true;
            }
            const money m = usd_units(a);
            if (ref_inexact) {
                CHECK_THROWS_AS((void)m.times(n, d, mode), inexact_error);
            } else if (ref_throws) {
                CHECK_THROWS_AS((void)m.times(n, d, mode), overflow_error);
            } else {
                const money got = m.times(n, d, mode);
                if (got.units() != expected) {
                    CAPTURE(a);
                    CAPTURE(n);
                    CAPTURE(d);
                    CAPTURE(to_string(mode));
                    CHECK(got.units() == expected);
                }
            }
            ++checked;
        }
    }
    CHECK(checked == 160000);
}

TEST_CASE("money: a rounding mode outside the enumeration is refused by every rounding operation") {
    // Regression: money::times rounded like toward_zero ($10 x 2/3 under mode 8 was $6.666), and
    // an exact product (or zero) computed with the unknown mode.
    const std::string rule = "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even";
    const money ten = money::from_units(10'000);
    for (const int value : {8, -1, 1000}) {
        CAPTURE(value);
        const auto mode = static_cast<rounding>(value);
        const std::string message = "rounding = " + std::to_string(value) + ": " + rule;
        CHECK_THROWS_WITH_AS((void)ten.times(2, 3, mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)ten.times(3, 3, mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)ten.times(fraction(2, 3), mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)ten.times(fraction(1, 2), mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)money::from_units(0).times(fraction(1, 3), mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)ten.divided_by(3, mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)ten.rounded_to(money::from_units(3), mode), message.c_str(),
                             invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)ten.rounded_to_minor_unit(mode), message.c_str(), invalid_argument_error);
    }
}

}  // namespace test_money
