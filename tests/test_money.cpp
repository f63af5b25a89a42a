// Unit tests for fundround::money: construction, literals, checked arithmetic, rounding,
// allocation, parsing and formatting.
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace fundround;

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

money usd_units(std::int64_t units) { return money::from_units(units, currencies::usd); }

/// The outcome of a parse that is expected to fail.
struct parse_failure {
    bool thrown = false;
    std::size_t position = 0;
    std::string what;
    std::string input;
};

parse_failure parse_fails(std::string_view text) {
    try {
        (void)parse_money(text);
    } catch (const parse_error& e) {
        return {true, e.position(), e.what(), e.input()};
    }
    return {};
}

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
    CHECK_THROWS_AS(money::from_major(i64_max / 1000 + 1), overflow_error);
    CHECK_THROWS_AS(money::from_major(i64_min / 1000 - 1), overflow_error);
}

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
    CHECK_THROWS_AS("EUR 5"_usd, currency_mismatch_error);
    CHECK_THROWS_AS("5 USDX"_usd, parse_error);

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
    CHECK_THROWS_AS(detail::literal_units("9223372036854775.808", 20, 1000), overflow_error);
    CHECK_THROWS_AS(detail::literal_units("1.0001", 6, 1000), invalid_argument_error);
    CHECK_THROWS_AS(detail::literal_units("1.2.3", 5, 1000), invalid_argument_error);
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
    CHECK(sum({}) == money{});
    CHECK(sum({e1, e2}, currencies::eur) == money::from_units(1'250, currencies::eur));
    CHECK(sum({e1, e2}) == money::from_units(1'250, currencies::eur));  // currency of the first
    CHECK_THROWS_AS(sum({e1, 1_usd}), currency_mismatch_error);
    CHECK_THROWS_AS(sum({e1, e2}, currencies::usd), currency_mismatch_error);
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
    CHECK_THROWS_AS(max + one, overflow_error);
    CHECK_THROWS_AS(one + max, overflow_error);
    CHECK_THROWS_AS(min - one, overflow_error);
    CHECK_THROWS_AS(max - usd_units(-1), overflow_error);
    CHECK((min + one).units() == i64_min + 1);
    CHECK((max - max).units() == 0);

    CHECK_THROWS_AS(-min, overflow_error);
    CHECK((-max).units() == -i64_max);

    CHECK_THROWS_AS(max * 2, overflow_error);
    CHECK_THROWS_AS(2 * max, overflow_error);
    CHECK_THROWS_AS(min * -1, overflow_error);
    CHECK_THROWS_AS(usd_units(i64_max / 2 + 1) * 2, overflow_error);
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
    CHECK_THROWS_AS(max.times(3, 2, rounding::toward_zero), overflow_error);
    CHECK_THROWS_AS(max.times(fraction(3, 2), rounding::toward_zero), overflow_error);
    CHECK_THROWS_AS(min.divided_by(-1, rounding::exact), overflow_error);
    CHECK(min.divided_by(1, rounding::exact) == min);
    CHECK_THROWS_AS(max.rounded_to(1_usd, rounding::ceiling), overflow_error);

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

    CHECK_THROWS_AS(d + e, currency_mismatch_error);
    CHECK_THROWS_AS(d - e, currency_mismatch_error);
    CHECK_THROWS_AS((void)(d < e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d > e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d <= e), currency_mismatch_error);
    CHECK_THROWS_AS((void)(d >= e), currency_mismatch_error);
    CHECK_THROWS_AS(d.ratio_to(e), currency_mismatch_error);
    CHECK_THROWS_AS(d.rounded_to(money::from_units(10, currencies::eur), rounding::half_even),
                    currency_mismatch_error);
    CHECK_THROWS_WITH_AS(d + e, "cannot add USD and EUR amounts: convert one of them first",
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
    CHECK_THROWS_AS((1_usd).ratio_to(money{}), invalid_argument_error);
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
        CHECK_THROWS_AS(money::from_units(c.units).divided_by(c.den, rounding::exact), inexact_error);
        CHECK_THROWS_AS(money::from_units(c.units).times(1, c.den, rounding::exact), inexact_error);
        CHECK_THROWS_AS(money::from_units(c.units).times(fraction(1, c.den), rounding::exact),
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
    CHECK_THROWS_AS((1_usd).divided_by(3, rounding::exact), inexact_error);
    CHECK_THROWS_AS((1_usd).divided_by(0, rounding::toward_zero), invalid_argument_error);
    CHECK_THROWS_AS((1_usd).times(1, 0, rounding::toward_zero), invalid_argument_error);
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
        CHECK_THROWS_AS((1.234_usd).rounded_to_minor_unit(rounding::exact), inexact_error);
        CHECK_THROWS_AS((0.005_usd).rounded_to_minor_unit(rounding::exact), inexact_error);
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
        CHECK_THROWS_AS((1_usd).rounded_to(money{}, rounding::half_even), invalid_argument_error);
        CHECK_THROWS_AS((1_usd).rounded_to(-(0.01_usd), rounding::half_even), invalid_argument_error);
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
// Allocation

namespace {

std::vector<std::int64_t> units_of(const std::vector<money>& parts) {
    std::vector<std::int64_t> out;
    out.reserve(parts.size());
    for (const money& p : parts) out.push_back(p.units());
    return out;
}

using v64 = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("money: allocate over integer weights") {
    CHECK(units_of(allocate(usd_units(100), v64{1, 1, 1})) == v64{34, 33, 33});
    CHECK(units_of(allocate(usd_units(-100), v64{1, 1, 1})) == v64{-34, -33, -33});
    CHECK(units_of(allocate(usd_units(2), v64{1, 1, 1})) == v64{1, 1, 0});
    CHECK(units_of(allocate(usd_units(7), v64{1, 2})) == v64{2, 5});        // 2.33 / 4.67
    CHECK(units_of(allocate(usd_units(5), v64{3, 3, 4})) == v64{2, 1, 2});  // 1.5 / 1.5 / 2
    CHECK(units_of(allocate(usd_units(3), v64{1, 1, 2})) == v64{1, 1, 1});  // .75 .75 1.5
    CHECK(units_of(allocate(usd_units(10), v64{0, 1, 0})) == v64{0, 10, 0});
    CHECK(units_of(allocate(usd_units(0), v64{1, 2, 3})) == v64{0, 0, 0});
    CHECK(units_of(allocate(usd_units(1), v64{1})) == v64{1});

    // Ties in the remainders go to the earlier weight, whatever its size.
    CHECK(units_of(allocate(usd_units(2), v64{1, 3})) == v64{1, 1});  // 0.5 / 1.5
    CHECK(units_of(allocate(usd_units(2), v64{3, 1})) == v64{2, 0});  // 1.5 / 0.5
    CHECK(units_of(allocate(usd_units(-2), v64{1, 3})) == v64{-1, -1});
    CHECK(units_of(allocate(usd_units(1), v64{1, 1, 1, 1})) == v64{1, 0, 0, 0});
    CHECK(units_of(allocate(usd_units(3), v64{1, 1, 1, 1})) == v64{1, 1, 1, 0});

    // Parts keep the total's currency.
    const auto parts = allocate(money::from_units(10, currencies::eur), v64{1, 1});
    REQUIRE(parts.size() == 2);
    CHECK(parts[0] == money::from_units(5, currencies::eur));
    CHECK(parts[1] == money::from_units(5, currencies::eur));

    // Large weights and amounts: 128-bit intermediates.
    const auto big = allocate(usd_units(i64_max), v64{i64_max, i64_max, 1});
    CHECK(sum(big) == usd_units(i64_max));
    CHECK(units_of(allocate(usd_units(i64_max), v64{1, 1})) ==
          v64{i64_max / 2 + 1, i64_max / 2});
    CHECK(units_of(allocate(usd_units(i64_min), v64{1, 1})) == v64{i64_min / 2, i64_min / 2});
}

TEST_CASE("money: allocate argument errors") {
    CHECK_THROWS_WITH_AS(allocate(1_usd, v64{}), "allocate: weights: must not be empty",
                         invalid_argument_error);
    CHECK_THROWS_WITH_AS(allocate(1_usd, v64{1, -1}),
                         "allocate: weights[1] = -1: must not be negative", invalid_argument_error);
    CHECK_THROWS_WITH_AS(allocate(1_usd, v64{0, 0}), "allocate: weights: must not all be zero",
                         invalid_argument_error);
    CHECK_THROWS_AS(allocate(1_usd, std::vector<money>{}), invalid_argument_error);
    CHECK_THROWS_AS(allocate(1_usd, std::vector<money>{1_usd, -(1_usd)}), invalid_argument_error);
    CHECK_THROWS_AS(allocate(1_usd, std::vector<money>{money{}, money{}}), invalid_argument_error);
    CHECK_THROWS_AS(allocate_evenly(1_usd, 0), invalid_argument_error);
}

TEST_CASE("money: allocate over money weights") {
    // A $100 round split pro rata to commitments of $30 and $70... and $0.
    const auto parts = allocate(100_usd, std::vector<money>{30_usd, 70_usd, 0_usd});
    REQUIRE(parts.size() == 3);
    CHECK(parts[0] == 30_usd);
    CHECK(parts[1] == 70_usd);
    CHECK(parts[2] == 0_usd);

    // Weights in another currency than the total are fine as long as they agree with each other.
    const money e1 = money::from_major(1, currencies::eur);
    const money e2 = money::from_major(2, currencies::eur);
    CHECK(units_of(allocate(usd_units(10), std::vector<money>{e1, e2})) == v64{3, 7});
    CHECK(allocate(usd_units(10), std::vector<money>{e1, e2})[0].currency() == currencies::usd);
    CHECK_THROWS_AS(allocate(usd_units(10), std::vector<money>{e1, 1_usd}), currency_mismatch_error);
}

TEST_CASE("money: allocate_evenly") {
    CHECK(units_of(allocate_evenly(usd_units(10), 3)) == v64{4, 3, 3});
    CHECK(units_of(allocate_evenly(usd_units(-10), 3)) == v64{-4, -3, -3});
    CHECK(units_of(allocate_evenly(usd_units(2), 5)) == v64{1, 1, 0, 0, 0});
    CHECK(units_of(allocate_evenly(100_usd, 4)) == units_of({25_usd, 25_usd, 25_usd, 25_usd}));
    const auto parts = allocate_evenly(1_B, 7);
    CHECK(sum(parts) == 1_B);
    for (const money& p : parts) {
        CHECK(p.units() >= (1_B).units() / 7);
        CHECK(p.units() <= (1_B).units() / 7 + 1);
    }
}

TEST_CASE("money: allocate in steps (whole cents)") {
    const money cent = 0.01_usd;
    const auto parts = allocate(100_usd, v64{1, 1, 1}, cent);
    REQUIRE(parts.size() == 3);
    CHECK(parts[0] == 33.34_usd);
    CHECK(parts[1] == 33.33_usd);
    CHECK(parts[2] == 33.33_usd);
    CHECK(sum(parts) == 100_usd);

    const auto neg = allocate(-(100_usd), v64{1, 1, 1}, cent);
    CHECK(units_of(neg) == v64{-33'340, -33'330, -33'330});

    CHECK(units_of(allocate(0.05_usd, v64{1, 1}, cent)) == v64{30, 20});
    CHECK(units_of(allocate(10_usd, v64{1, 2}, 1_usd)) == v64{3'000, 7'000});

    CHECK_THROWS_AS(allocate(100.005_usd, v64{1, 1}, cent), invalid_argument_error);
    CHECK_THROWS_AS(allocate(100_usd, v64{1, 1}, money{}), invalid_argument_error);
    CHECK_THROWS_AS(allocate(100_usd, v64{1, 1}, -cent), invalid_argument_error);
    CHECK_THROWS_AS(allocate(100_usd, v64{1, 1}, money::from_units(10, currencies::eur)),
                    currency_mismatch_error);
    CHECK_THROWS_AS(allocate(100_usd, v64{}, cent), invalid_argument_error);
}

TEST_CASE("money: allocate property: parts sum to the total and stay within one unit") {
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    auto next = [&state]() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
        return state ^ (state >> 29);
    };
    using detail::int128;
    for (int iteration = 0; iteration < 600; ++iteration) {
        // Totals of every magnitude from 0 to INT64_MAX, either sign.
        const auto total_shift = static_cast<unsigned>(next() % 64);
        auto magnitude_total = static_cast<std::int64_t>((next() >> 1) >> total_shift);
        const bool negative = (next() & 1U) != 0;
        const std::int64_t total_units = negative ? -magnitude_total : magnitude_total;

        // 1 to 12 weights up to 2^59 each (so their sum stays below 2^63), some zero.
        const std::size_t count = 1 + static_cast<std::size_t>(next() % 12);
        const auto weight_shift = static_cast<unsigned>(5 + next() % 59);
        v64 weights(count);
        bool any = false;
        for (auto& w : weights) {
            w = (next() % 5 == 0) ? 0 : static_cast<std::int64_t>((next() >> 1) >> weight_shift);
            any = any || w != 0;
        }
        if (!any) weights[static_cast<std::size_t>(next() % count)] = 1;

        CAPTURE(iteration);
        CAPTURE(total_units);
        const money total = money::from_units(total_units, currencies::gbp);
        const std::vector<money> parts = allocate(total, weights);
        REQUIRE(parts.size() == count);

        int128 weight_sum = 0;
        for (auto w : weights) weight_sum += w;
        int128 parts_sum = 0;
        bool ok = true;
        for (std::size_t i = 0; i < count; ++i) {
            ok = ok && parts[i].currency() == currencies::gbp;
            parts_sum += parts[i].units();
            // |part - total * w / W| < 1  <=>  |part * W - total * w| < W
            int128 diff = int128(parts[i].units()) * weight_sum - int128(total_units) * weights[i];
            if (diff < 0) diff = -diff;
            ok = ok && diff < weight_sum;
            // A part never has the opposite sign of the total.
            ok = ok && (negative ? parts[i].units() <= 0 : parts[i].units() >= 0);
        }
        CHECK(ok);
        CHECK((parts_sum == int128(total_units)));
    }
}

TEST_CASE("money: allocate the most negative amount") {
    // -2^63 units over a single weight is the amount itself; it must not overflow.
    const money min = usd_units(i64_min);
    std::vector<money> parts;
    CHECK_NOTHROW(parts = allocate(min, v64{1}));
    REQUIRE(parts.size() == 1);
    CHECK(parts[0] == min);
    CHECK_NOTHROW(parts = allocate_evenly(min, 1));
    CHECK(units_of(parts) == v64{i64_min});
    CHECK_NOTHROW(parts = allocate(min, v64{0, 5, 0}));
    CHECK(units_of(parts) == v64{0, i64_min, 0});
}

// ---------------------------------------------------------------------------------------------
// Parsing

TEST_CASE("money: parse_money accepts amounts as people write them") {
    CHECK(parse_money("$15B") == 15_B);
    CHECK(parse_money("$1.25 trillion") == 1.25_T);
    CHECK(parse_money("15,000,000,000.00") == 15_B);
    CHECK(parse_money("-$2.5M") == -(2.5_M));
    CHECK(parse_money("EUR 300M") == money::from_major(300'000'000, currencies::eur));
    CHECK(parse_money("40 bn USD") == 40_B);
    CHECK(parse_money("US$ 7") == 7_usd);
    CHECK(parse_money("$-3k") == -(3_K));
    CHECK(parse_money("$-3k").units() == -3'000'000);

    CHECK(parse_money("5 thousand") == 5_K);
    CHECK(parse_money("$15b") == 15_B);
    CHECK(parse_money("1.5 million EUR") == money::from_major(1'500'000, currencies::eur));
    CHECK(parse_money("+$5") == 5_usd);
    CHECK(parse_money("  $5  ") == 5_usd);
    CHECK(parse_money("$5 USD") == 5_usd);
    CHECK(parse_money("USD7") == 7_usd);
    CHECK(parse_money("$1,000.5K") == 1'000'500_usd);
    CHECK(parse_money("0.001") == usd_units(1));
    CHECK(parse_money("$1.0000") == 1_usd);  // trailing zeros are not extra precision
    CHECK(parse_money("-0") == money{});
    CHECK(parse_money("\xE2\x82\xAC" "5") == money::from_major(5, currencies::eur));
    CHECK(parse_money("\xC2\xA3" "2.50") == money::from_units(2'500, currencies::gbp));
    CHECK(parse_money("\xC2\xA5" "1,000") == money::from_major(1'000, currencies::jpy));
    CHECK(parse_money("CHF 5.00") == money::from_major(5, currencies::chf));
    CHECK(parse_money("1.5 tn") == 1.5_T);
    CHECK(parse_money("2 mn") == 2_M);
    CHECK(parse_money("$9,223,372,036,854,775.807") == usd_units(i64_max));

    // Amounts without a currency take the fallback; explicit ones win over it.
    CHECK(parse_money("300M", currencies::eur) == money::from_major(300'000'000, currencies::eur));
    CHECK(parse_money("$3", currencies::eur) == 3_usd);
    CHECK(parse_money("3 GBP", currencies::eur) == money::from_major(3, currencies::gbp));
}

TEST_CASE("money: parse_money rejects malformed input with a position and a reason") {
    struct bad_case {
        const char* text;
        std::size_t position;
        const char* reason;
    };
    const bad_case cases[] = {
        {"$15BB", 3,
         "unknown scale \"BB\"; expected K, M, B, T, thousand, million, billion, trillion or a "
         "currency code"},
        {"1,00", 4, "expected exactly 3 digits after a thousands separator"},
        {"abc", 0, "expected a digit"},
        {"", 0, "expected a digit"},
        {"$1 EUR", 3, "currency code EUR contradicts the symbol at the start"},
        {"1..5", 2, "expected a digit after the decimal point"},
        {"$ B", 2, "expected a digit"},
        {"5$", 1, "unexpected '$' after the amount"},
        {"$5 usd", 3,
         "unknown scale \"usd\"; expected K, M, B, T, thousand, million, billion, trillion or a "
         "currency code"},
        {"1234,567", 4, "a thousands separator must follow 1 to 3 leading digits"},
        {"$9,223,372,036,854,775.808", 0, "the amount is out of range (about +/-9.2e15 whole currency units)"},
        {"5 B EUR USD", 8, "unexpected 'U' after the amount"},
        // "0,123" is 0.123 in continental notation: refuse rather than read it as 123.
        {"0,123", 0,
         "a number with thousands separators must not start with 0 (write a decimal point as '.')"},
        {"$00,123", 1,
         "a number with thousands separators must not start with 0 (write a decimal point as '.')"},
    };
    for (const bad_case& c : cases) {
        CAPTURE(c.text);
        const parse_failure f = parse_fails(c.text);
        REQUIRE(f.thrown);
        CHECK(f.input == c.text);
        CHECK(f.position == c.position);
        CHECK(f.what == "cannot parse \"" + std::string(c.text) + "\" at position " +
                            std::to_string(c.position) + ": " + c.reason);
    }
    // These throw parse_error too; their positions are checked in the next test case.
    CHECK_THROWS_AS(parse_money("1,0000"), parse_error);
    CHECK_THROWS_AS(parse_money("$1.0001"), parse_error);
    CHECK_THROWS_WITH_AS(parse_money("$1.0001"),
                         doctest::Contains("more precise than a thousandth"), parse_error);
    // A parse_error is a fundround::error.
    CHECK_THROWS_AS(parse_money("x"), error);
}

TEST_CASE("money: parse_error position points at the first offending character") {
    // "1,0000": the fourth digit of the group (index 5) is the first character that breaks the
    // rule, not the end of the text.
    const parse_failure group = parse_fails("1,0000");
    REQUIRE(group.thrown);
    CHECK(group.position == 5);

    // "$1.0001": the final '1' (index 6) is the digit finer than a thousandth.
    const parse_failure precise = parse_fails("$1.0001");
    REQUIRE(precise.thrown);
    CHECK(precise.position == 6);

    const parse_failure precise_zeros = parse_fails("$1.00010");
    REQUIRE(precise_zeros.thrown);
    CHECK(precise_zeros.position == 6);
}

TEST_CASE("money: parse_money never wraps huge inputs") {
    // 2^116 * 10^12 * 1000 == 2^128 * 5^15: a 128-bit product that wraps to exactly zero.
    const parse_failure wraps_to_zero = parse_fails("83076749736557242056487941267521536B");
    CHECK(wraps_to_zero.thrown);
    const parse_failure wraps_t = parse_fails("10384593717069655257060992658440192T");
    CHECK(wraps_t.thrown);
    // 36 nines: 10^36 * 1000 does not fit in 128 bits either.
    const parse_failure nines = parse_fails("999999999999999999999999999999999999");
    CHECK(nines.thrown);
    CHECK(nines.what.find("out of range") != std::string::npos);
    // A legitimate $1T written with many trailing zeros.
    money one_t;
    CHECK_NOTHROW(one_t = parse_money("1.00000000000000000000000000000000000T"));
    CHECK(one_t == 1_T);
}

TEST_CASE("money: parse_money accepts the most negative amount") {
    // format_full() can print -2^63 units, so parse_money must read it back.
    money m;
    CHECK_NOTHROW(m = parse_money("-$9,223,372,036,854,775.808"));
    CHECK(m.units() == i64_min);
}

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
        CHECK_THROWS_AS(format_compact(1_B, -1), invalid_argument_error);
        CHECK_THROWS_AS(format_compact(1_B, 16), invalid_argument_error);
        CHECK(format_compact(1_B, 15) == "$1B");
    }
}

TEST_CASE("money: parse_money(format_full(x)) == x") {
    const money values[] = {
        money{},
        usd_units(1),
        usd_units(-1),
        0.005_usd,
        1234.56_usd,
        -(1234.567_usd),
        840_B,
        -(15_B),
        1.25_T,
        usd_units(i64_max),
        usd_units(i64_min + 1),
        money::from_units(300'000'000'000, currencies::eur),
        money::from_units(-12'340, currencies::gbp),
        money::from_units(1'000'000, currencies::jpy),
        money::from_units(1'500, currencies::jpy),
        money::from_units(5'000, currencies::chf),
        money::from_units(-5'001, currencies::chf),
        money::from_units(1'234, currency("KWD")),
        money::from_units(987'654'321, currency("SEK")),
    };
    for (const money& m : values) {
        const std::string text = format_full(m);
        CAPTURE(text);
        CHECK(parse_money(text) == m);
    }
    // Compact text of whole suffix amounts parses back exactly too.
    for (const money& m : {840_B, 1.25_T, 15.5_M, 25_K, -(15_B), 950_usd, 12.5_usd}) {
        const std::string text = format_compact(m);
        CAPTURE(text);
        CHECK(parse_money(text) == m);
    }
}

TEST_CASE("money: parse_money(format_full(x)) == x at the most negative amount") {
    const money min = usd_units(i64_min);
    money back;
    CHECK_NOTHROW(back = parse_money(format_full(min)));
    CHECK(back == min);
}

TEST_CASE("money: parse_money accepts press-style spaces and surplus decimal zeros") {
    // No-break space (U+00A0) and narrow no-break space (U+202F), as press copy has them.
    CHECK(parse_money("$15\xC2\xA0" "B") == 15_B);
    CHECK(parse_money("$1.25\xE2\x80\xAF" "trillion") == 1.25_T);
    CHECK(parse_money("\xC2\xA0$15B\xC2\xA0") == 15_B);
    // Trailing decimal zeros carry no precision, however many there are.
    CHECK(parse_money("1.000000000000000000000000000000000000000") == 1_usd);
    CHECK(parse_money("$1.2500000000000000000000000000000000000000000B") == 1.25_B);
    CHECK(parse_money("0.0010000000000000000000000000000000000000") == 0.001_usd);
    // ... but a non-zero digit after them still counts.
    CHECK_THROWS_AS(parse_money("1.0000000000000000000000000000000000001"), parse_error);
    CHECK_THROWS_AS(parse_money("$1.0001"), parse_error);
}
