// Unit tests for fundround::fraction: exact rationals, rounding to integers and decimal text.
#include <fundround/numeric/fraction.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

using namespace fundround;

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

/// The outcome of a from_decimal() that is expected to fail.
struct parse_failure {
    bool thrown = false;
    std::size_t position = 0;
    std::string what;
};

parse_failure from_decimal_fails(std::string_view text) {
    try {
        (void)fraction::from_decimal(text);
    } catch (const parse_error& e) {
        return {true, e.position(), e.what()};
    }
    return {};
}

}  // namespace

TEST_CASE("fraction: normalisation to lowest terms with a positive denominator") {
    const fraction f(50, 840);
    CHECK(f == fraction(5, 84));
    CHECK(f.numerator() == 5);
    CHECK(f.denominator() == 84);

    const fraction neg_den(3, -6);
    CHECK(neg_den.numerator() == -1);
    CHECK(neg_den.denominator() == 2);
    CHECK(neg_den == fraction(-1, 2));

    const fraction both_neg(-3, -6);
    CHECK(both_neg.numerator() == 1);
    CHECK(both_neg.denominator() == 2);

    const fraction zero(0, -7);
    CHECK(zero.numerator() == 0);
    CHECK(zero.denominator() == 1);
    CHECK(zero.is_zero());
    CHECK(zero == fraction());

    const fraction whole(12, 4);
    CHECK(whole.is_integer());
    CHECK(whole.numerator() == 3);
    CHECK(whole == fraction(3));

    const fraction extreme(i64_min, i64_min);
    CHECK(extreme == fraction(1));
    const fraction extreme2(i64_min, -1);
    CHECK(extreme2.numerator() == fraction::integer(i64_max) + 1);

    const fraction big(fraction::integer(10), fraction::integer(-4));
    CHECK(big == fraction(-5, 2));
    const fraction wrapped(fraction::rational(6, 8));
    CHECK(wrapped == fraction(3, 4));
    CHECK(wrapped.value() == fraction::rational(3, 4));
}

TEST_CASE("fraction: a zero denominator throws") {
    CHECK_THROWS_AS(fraction(1, 0), invalid_argument_error);
    CHECK_THROWS_AS(fraction(0, 0), invalid_argument_error);
    CHECK_THROWS_AS(fraction(fraction::integer(5), fraction::integer(0)), invalid_argument_error);
    CHECK_THROWS_WITH_AS(fraction(1, 0), "fraction: denominator = 0: must not be zero",
                         invalid_argument_error);
    CHECK_THROWS_AS(fraction(1) / fraction(0), invalid_argument_error);
    fraction f(1, 2);
    CHECK_THROWS_AS(f /= fraction(0, 5), invalid_argument_error);
    CHECK(f == fraction(1, 2));  // unchanged
}

TEST_CASE("fraction: sign, zero and integer queries") {
    CHECK(fraction(-3, 4).sign() == -1);
    CHECK(fraction(3, -4).sign() == -1);
    CHECK(fraction(0).sign() == 0);
    CHECK(fraction(3, 4).sign() == 1);
    CHECK(fraction().is_zero());
    CHECK_FALSE(fraction(1, 1000).is_zero());
    CHECK(fraction(-8, 4).is_integer());
    CHECK_FALSE(fraction(1, 2).is_integer());
}

TEST_CASE("fraction: arithmetic is exact") {
    const fraction half(1, 2);
    const fraction third(1, 3);
    CHECK(half + third == fraction(5, 6));
    CHECK(half - third == fraction(1, 6));
    CHECK(third - half == fraction(-1, 6));
    CHECK(fraction(2, 3) * fraction(3, 4) == half);
    CHECK(half / fraction(1, 4) == fraction(2));
    CHECK(-half == fraction(-1, 2));
    CHECK(-(-half) == half);
    CHECK(half + 1 == fraction(3, 2));  // whole numbers convert implicitly
    CHECK(half * 4 == fraction(2));

    fraction f = third;
    f += third;
    CHECK(f == fraction(2, 3));
    f -= fraction(1, 6);
    CHECK(f == half);
    f *= fraction(6);
    CHECK(f == fraction(3));
    f /= fraction(9, 2);
    CHECK(f == fraction(2, 3));

    // Arbitrary precision: no 64-bit overflow.
    const fraction max(i64_max);
    const fraction square = max * max;
    CHECK(square.to_string() == "85070591730234615847396907784232501249");
    CHECK(square / max == max);
    CHECK(fraction(1, i64_max) + fraction(1, i64_max - 1) ==
          fraction(fraction::integer(i64_max) + (i64_max - 1),
                   fraction::integer(i64_max) * (i64_max - 1)));

    // 0.1 + 0.2 is exactly 0.3.
    CHECK(fraction(1, 10) + fraction(2, 10) == fraction(3, 10));
}

TEST_CASE("fraction: comparisons") {
    const fraction a(1, 3);
    const fraction b(1, 2);
    CHECK(a < b);
    CHECK(a <= b);
    CHECK(b > a);
    CHECK(b >= a);
    CHECK(a != b);
    CHECK_FALSE(a == b);
    CHECK_FALSE(b < a);
    CHECK_FALSE(a > b);
    CHECK(fraction(2, 4) == b);
    CHECK(fraction(2, 4) <= b);
    CHECK(fraction(2, 4) >= b);
    CHECK(fraction(-1, 2) < fraction(-1, 3));
    CHECK(fraction(-1, 2) < fraction(0));
    CHECK(fraction(5, 84) < fraction(6, 100));
    CHECK(fraction(5, 84) > fraction(5, 85));
    CHECK(fraction(3) == 3);
}

TEST_CASE("fraction: to_string and operator<<") {
    CHECK(fraction(5, 84).to_string() == "5/84");
    CHECK(fraction(50, 840).to_string() == "5/84");
    CHECK(fraction(3).to_string() == "3");
    CHECK(fraction(-1, 2).to_string() == "-1/2");
    CHECK(fraction(1, -2).to_string() == "-1/2");
    CHECK(fraction().to_string() == "0");
    CHECK(fraction(-6, 3).to_string() == "-2");

    std::ostringstream os;
    os << fraction(73, 50) << ' ' << fraction(-4, 2);
    CHECK(os.str() == "73/50 -2");
}

TEST_CASE("fraction: round_to_integer under every rounding mode") {
    struct row {
        std::int64_t num;
        std::int64_t den;
        std::array<std::int64_t, 7> expected;  // tz, afz, floor, ceil, hafz, htz, heven
    };
    constexpr std::array<rounding, 7> modes = {
        rounding::toward_zero,         rounding::away_from_zero,   rounding::floor,
        rounding::ceiling,             rounding::half_away_from_zero, rounding::half_toward_zero,
        rounding::half_even};
    // clang-format off
    const row rows[] = {
        { 5, 2, {{ 2,  3,  2,  3,  3,  2,  2}}},   //  2.5
        {-5, 2, {{-2, -3, -3, -2, -3, -2, -2}}},   // -2.5
        { 7, 2, {{ 3,  4,  3,  4,  4,  3,  4}}},   //  3.5
        {-7, 2, {{-3, -4, -4, -3, -4, -3, -4}}},   // -3.5
        { 7, 3, {{ 2,  3,  2,  3,  2,  2,  2}}},   //  2.333...
        {-7, 3, {{-2, -3, -3, -2, -2, -2, -2}}},   // -2.333...
        { 8, 3, {{ 2,  3,  2,  3,  3,  3,  3}}},   //  2.666...
        {-8, 3, {{-2, -3, -3, -2, -3, -3, -3}}},   // -2.666...
        { 1, 2, {{ 0,  1,  0,  1,  1,  0,  0}}},   //  0.5
        {-1, 2, {{ 0, -1, -1,  0, -1,  0,  0}}},   // -0.5
        { 3, 2, {{ 1,  2,  1,  2,  2,  1,  2}}},   //  1.5
    };
    // clang-format on
    for (const row& r : rows) {
        const fraction f(r.num, r.den);
        for (std::size_t i = 0; i < modes.size(); ++i) {
            const std::string mode_name(to_string(modes[i]));
            CAPTURE(r.num);
            CAPTURE(r.den);
            CAPTURE(mode_name);
            CHECK(f.round_to_integer(modes[i]) == r.expected[i]);
        }
        CHECK_THROWS_AS(f.round_to_integer(rounding::exact), inexact_error);
    }
    CHECK(fraction(6, 3).round_to_integer(rounding::exact) == 2);
    CHECK(fraction(-6, 3).round_to_integer(rounding::exact) == -2);
    CHECK(fraction(0).round_to_integer(rounding::exact) == 0);
    // Beyond 64 bits.
    const fraction huge = fraction(i64_max) * fraction(4) + fraction(1, 2);
    CHECK(huge.round_to_integer(rounding::ceiling) == fraction::integer(i64_max) * 4 + 1);
    CHECK(huge.round_to_integer(rounding::half_even) == fraction::integer(i64_max) * 4);
}

TEST_CASE("fraction: to_decimal_string / to_percent_string / to_multiple_string") {
    const fraction share(5, 84);  // 0.05952380952...
    CHECK(share.to_percent_string(6) == "5.952381%");
    CHECK(share.to_percent_string(6, rounding::half_even) == "5.952381%");
    CHECK(share.to_percent_string(6, rounding::toward_zero) == "5.952380%");
    CHECK(share.to_percent_string(6, rounding::floor) == "5.952380%");
    CHECK(share.to_percent_string(6, rounding::ceiling) == "5.952381%");
    CHECK(share.to_percent_string(2) == "5.95%");
    CHECK(share.to_percent_string(0) == "6%");
    CHECK((-share).to_percent_string(6, rounding::toward_zero) == "-5.952380%");
    CHECK((-share).to_percent_string(6, rounding::floor) == "-5.952381%");
    CHECK(share.to_decimal_string(4) == "0.0595");
    CHECK_THROWS_AS(share.to_decimal_string(4, rounding::exact), inexact_error);

    CHECK(fraction(73, 50).to_multiple_string(2) == "1.46x");
    CHECK(fraction(73, 50).to_multiple_string(1) == "1.5x");  // 1.46 -> 1.5
    CHECK(fraction(73, 50).to_multiple_string(0) == "1x");
    CHECK(fraction(3).to_multiple_string(1) == "3.0x");

    // Ties at the last digit: 1/8 = 0.125, 3/8 = 0.375.
    CHECK(fraction(1, 8).to_decimal_string(2, rounding::half_even) == "0.12");
    CHECK(fraction(1, 8).to_decimal_string(2, rounding::half_away_from_zero) == "0.13");
    CHECK(fraction(1, 8).to_decimal_string(2, rounding::half_toward_zero) == "0.12");
    CHECK(fraction(3, 8).to_decimal_string(2, rounding::half_even) == "0.38");
    CHECK(fraction(-1, 8).to_decimal_string(2, rounding::floor) == "-0.13");
    CHECK(fraction(-1, 8).to_decimal_string(2, rounding::ceiling) == "-0.12");
    CHECK(fraction(-1, 8).to_decimal_string(2, rounding::half_even) == "-0.12");
    CHECK(fraction(1, 8).to_decimal_string(3, rounding::exact) == "0.125");

    CHECK(fraction(1, 3).to_decimal_string(2, rounding::ceiling) == "0.34");
    CHECK(fraction(-2, 3).to_decimal_string(2) == "-0.67");
    CHECK(fraction(-1, 1000).to_decimal_string(2) == "0.00");   // no "-0.00"
    CHECK(fraction(-1, 1000).to_decimal_string(2, rounding::floor) == "-0.01");
    CHECK(fraction(-5, 2).to_decimal_string(0) == "-2");
    CHECK(fraction(5, 2).to_decimal_string(0, rounding::half_away_from_zero) == "3");
    CHECK(fraction(7).to_decimal_string(3) == "7.000");
    CHECK(fraction(1, 3).to_percent_string(0) == "33%");
    CHECK(fraction(1).to_percent_string(1) == "100.0%");
    CHECK(fraction(1, 7).to_decimal_string(20) == "0.14285714285714285714");

    CHECK_THROWS_AS(share.to_decimal_string(-1), invalid_argument_error);
    CHECK_THROWS_AS(share.to_decimal_string(61), invalid_argument_error);
    CHECK_THROWS_AS(share.to_percent_string(-1), invalid_argument_error);
    CHECK_NOTHROW((void)share.to_decimal_string(60));
}

TEST_CASE("fraction: from_decimal") {
    CHECK(fraction::from_decimal("0.7") == fraction(7, 10));
    CHECK(fraction::from_decimal("70%") == fraction(7, 10));
    CHECK(fraction::from_decimal("-1.25") == fraction(-5, 4));
    CHECK(fraction::from_decimal("+0.5") == fraction(1, 2));
    CHECK(fraction::from_decimal("5") == fraction(5));
    CHECK(fraction::from_decimal("12.5%") == fraction(1, 8));
    CHECK(fraction::from_decimal("-12.5%") == fraction(-1, 8));
    CHECK(fraction::from_decimal("0.000") == fraction(0));
    CHECK(fraction::from_decimal("100%") == fraction(1));
    CHECK(fraction::from_decimal("5.952381%") == fraction(5'952'381, 100'000'000));
    CHECK(fraction::from_decimal("123456789012345678901234567890") ==
          fraction(fraction::integer("123456789012345678901234567890"), fraction::integer(1)));

    struct bad {
        const char* text;
        std::size_t position;
    };
    const bad cases[] = {
        {"1.2.3", 3}, {"abc", 0}, {"%", 0}, {"", 0}, {"-", 1}, {"1%%", 1},
        {"1,5", 1},   {"1e5", 1}, {" 1", 0}, {"+-1", 1}, {"1%5", 1},
        // Like parse_money: a decimal point needs a digit on each side.
        {".5", 0},    {"5.", 1},  {"5.%", 1},
    };
    for (const bad& c : cases) {
        CAPTURE(c.text);
        const parse_failure f = from_decimal_fails(c.text);
        REQUIRE(f.thrown);
        CHECK(f.position == c.position);
        CHECK(f.what.find("at position " + std::to_string(c.position)) != std::string::npos);
    }
    CHECK_THROWS_WITH_AS(fraction::from_decimal("1.2.3"),
                         "cannot parse \"1.2.3\" at position 3: unexpected '.'; expected a "
                         "decimal number such as 0.7 or 70%",
                         parse_error);
    CHECK_THROWS_WITH_AS(fraction::from_decimal(""),
                         "cannot parse \"\" at position 0: expected at least one digit",
                         parse_error);
}

TEST_CASE("fraction: to_double is approximate only") {
    CHECK(fraction(1, 3).to_double() == doctest::Approx(0.3333333333333333));
    CHECK(fraction(5, 84).to_double() == doctest::Approx(0.05952380952380952));
    CHECK(fraction(-7, 2).to_double() == doctest::Approx(-3.5));
    CHECK(fraction(0).to_double() == doctest::Approx(0.0));
    CHECK(fraction(i64_max).to_double() == doctest::Approx(9.223372036854775807e18));
}
