// Unit tests for fundround::fraction: exact rationals, rounding to integers and decimal text.
#include <fundround/detail/bigint.hpp>  // tests compare against Boost cpp_int / cpp_rational
#include <fundround/numeric/fraction.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_fraction {

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
    CHECK(extreme2.numerator() == fraction::rep(i64_max) + 1);

    const fraction big(fraction::rep(10), fraction::rep(-4));
    CHECK(big == fraction(-5, 2));
    const fraction mixed(fraction::rep(6), 8);
    CHECK(mixed == fraction(3, 4));
    // numerator() and denominator() are the 128-bit rep (no Boost type in the signature).
    static_assert(std::is_same_v<decltype(mixed.numerator()), fraction::rep>);
    static_assert(std::is_same_v<decltype(mixed.denominator()), fraction::rep>);
}

TEST_CASE("fraction: a zero denominator throws") {
    CHECK_THROWS_AS(fraction(1, 0), invalid_argument_error);
    CHECK_THROWS_AS(fraction(0, 0), invalid_argument_error);
    CHECK_THROWS_AS(fraction(fraction::rep(5), fraction::rep(0)), invalid_argument_error);
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

    // 128-bit terms: no 64-bit overflow.
    const fraction max(i64_max);
    const fraction square = max * max;
    CHECK(square.to_string() == "85070591730234615847396907784232501249");
    CHECK(square / max == max);
    CHECK(fraction(1, i64_max) + fraction(1, i64_max - 1) ==
          fraction(fraction::rep(i64_max) + (i64_max - 1),
                   fraction::rep(i64_max) * (i64_max - 1)));

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
    CHECK(huge.round_to_integer(rounding::ceiling) == fraction::rep(i64_max) * 4 + 1);
    CHECK(huge.round_to_integer(rounding::half_even) == fraction::rep(i64_max) * 4);
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
          fraction(fraction::rep(123456789012345678) * 1'000'000'000'000 + 901234567890, 1));

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

// ---------------------------------------------------------------------------------------------
// The 128-bit representation (issue 9): limits, overflow, exact comparison, linear parsing.
// ---------------------------------------------------------------------------------------------

namespace {

using rep = fraction::rep;
using big = boost::multiprecision::cpp_int;
using big_rational = boost::multiprecision::cpp_rational;

/// 2^127 - 1, the largest magnitude a term may have.
const rep rep_max = rep((detail::uint128(1) << 127) - 1);

big to_big(rep v) { return detail::to_big(v); }
big_rational to_rational(const fraction& f) {
    return big_rational(to_big(f.numerator()), to_big(f.denominator()));
}
bool fits(const big_rational& q) {
    const big n = boost::multiprecision::numerator(q);
    const big d = boost::multiprecision::denominator(q);
    return boost::multiprecision::msb(d) < 127 && (n == 0 || boost::multiprecision::msb(abs(n)) < 127);
}

/// A small deterministic generator for the property tests.
struct lcg {
    std::uint64_t state;
    std::uint64_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 11;
    }
};

/// A random term: small, near 2^64, or near 2^127 (to hit every overflow edge).
rep random_term(lcg& g) {
    switch (g.next() % 4) {
        case 0: return rep(g.next() % 1000 + 1);
        case 1: return rep(g.next()) + 1;
        case 2: return rep_max - rep(g.next() % 1000);
        default: {  // two statements: the order of the draws is fixed in both configurations
            const rep high = rep(g.next()) << 63;
            return high + rep(g.next() % 1000 + 1);
        }
    }
}

fraction random_fraction(lcg& g) {
    rep n = random_term(g);
    if (g.next() % 5 == 0) n = rep(g.next() % 7);
    if (g.next() % 2 == 0) n = -n;
    return fraction(n, random_term(g));
}

}  // namespace

TEST_CASE("fraction: constexpr construction, arithmetic and comparison") {
    constexpr fraction half(1, 2);
    constexpr fraction third(1, 3);
    static_assert(half + third == fraction(5, 6));
    static_assert(half - third == fraction(1, 6));
    static_assert(half * third == fraction(1, 6));
    static_assert(half / third == fraction(3, 2));
    static_assert(third < half && half > third && half <= half && -half < third);
    static_assert(fraction(50, 840).numerator() == 5 && fraction(50, 840).denominator() == 84);
    static_assert(fraction(7, 2).round_to_integer(rounding::half_even) == 4);
    static_assert(fraction(-7, 2).round_to_integer(rounding::floor) == -4);
    static_assert(fraction(3, -6).sign() == -1 && fraction().is_zero() && fraction(4, 2).is_integer());
    CHECK(half + third == fraction(5, 6));
}

TEST_CASE("fraction: terms up to 2^127 - 1; overflow throws overflow_error, never wraps") {
    const fraction top(rep_max);
    CHECK(top.numerator() == rep_max);
    CHECK(top.to_string() == "170141183460469231731687303715884105727");
    CHECK((-top).to_string() == "-170141183460469231731687303715884105727");
    // The 128-bit digits are written 19 at a time: a chunk of zeros or with leading zeros inside
    // a number must keep every zero (10^19, 10^38, 2^64, 10^19 + 1, 10^20 + 7).
    const fraction ten19 = fraction(10'000'000'000'000'000'000ULL);  // 10^19
    CHECK(ten19.to_string() == "10000000000000000000");
    CHECK((ten19 * ten19).to_string() == "100000000000000000000000000000000000000");
    CHECK((ten19 + fraction(1)).to_string() == "10000000000000000001");
    CHECK((ten19 * fraction(10) + fraction(7)).to_string() == "100000000000000000007");
    CHECK((fraction(std::uint64_t{1} << 63) * fraction(2)).to_string() == "18446744073709551616");
    CHECK((ten19 * ten19 + fraction(1)).to_string() == "100000000000000000000000000000000000001");
    CHECK(fraction(1, rep_max).denominator() == rep_max);
    // -2^127 is representable by __int128 but not as a term: its magnitude is 2^127.
    const rep min_rep = -rep_max - 1;
    CHECK_THROWS_AS(fraction(min_rep, rep(1)), overflow_error);
    CHECK_THROWS_AS(fraction(rep(1), min_rep), overflow_error);
    CHECK(fraction(min_rep, rep(2)) == fraction(-(rep(1) << 126), rep(1)));  // reduced first
    CHECK(fraction(min_rep, min_rep) == fraction(1));
    CHECK_THROWS_WITH_AS(fraction(min_rep, rep(3)),
                         "fraction: -170141183460469231731687303715884105728/3: numerator and "
                         "denominator in lowest terms must be below 2^127 in magnitude",
                         overflow_error);

    CHECK_THROWS_AS(top + fraction(1), overflow_error);
    CHECK_THROWS_AS(-top - fraction(1), overflow_error);
    CHECK_THROWS_AS(top * fraction(2), overflow_error);
    CHECK_THROWS_AS(top / fraction(1, 2), overflow_error);
    CHECK_THROWS_AS(fraction(1, rep_max) * fraction(1, 2), overflow_error);
    CHECK_THROWS_AS(fraction(1, rep_max) + fraction(1, 2), overflow_error);
    CHECK_THROWS_AS(fraction(1, rep_max - 1) - fraction(1, rep_max), overflow_error);
    CHECK_THROWS_WITH_AS(top + fraction(1),
                         "fraction: 170141183460469231731687303715884105727 + 1 overflows: "
                         "numerator and denominator in lowest terms must be below 2^127 in "
                         "magnitude",
                         overflow_error);
    // Up to the limit, exact: cancellation first keeps results small.
    CHECK(top + fraction(-1) == fraction(rep_max - 1));
    CHECK(top - top == fraction(0));
    CHECK(top * fraction(1, rep_max) == fraction(1));
    CHECK(fraction(rep_max, 3) * fraction(3, rep_max) == fraction(1));
    CHECK(top / top == fraction(1));
    CHECK(fraction(1, rep_max) + fraction(1, rep_max) == fraction(2, rep_max));
    // A failed compound operation leaves the value unchanged.
    fraction f = top;
    CHECK_THROWS_AS(f += fraction(1), overflow_error);
    CHECK(f == top);
    CHECK_THROWS_WITH_AS(fraction(1, 2) / fraction(0),
                         "fraction: division by zero: 1/2 / 0: the divisor must not be zero",
                         invalid_argument_error);
}

TEST_CASE("fraction: + and - are exact whenever the sum in lowest terms fits (256-bit intermediates)") {
    // Regression (review of 2026-12-05): (2^64+7)/8 + 1/(8(2^64+1)) threw overflow_error because
    // the cross products pass 2^128, though the sum is (2^125+2^64+1)/(2^64+1).
    const rep two64 = rep(1) << 64;
    const fraction a(two64 + 7, rep(8));
    const fraction b(rep(1), rep(8) * (two64 + 1));
    const fraction sum((rep(1) << 125) + two64 + 1, two64 + 1);
    CHECK(a + b == sum);
    CHECK(b + a == sum);
    CHECK(sum - b == a);
    CHECK(sum - a == b);
    CHECK(-a - b == -sum);
    CHECK(to_rational(a + b) == to_rational(a) + to_rational(b));
    // Cross products near 2^254 that cancel: x/d - (x-1)/d' with large terms.
    const rep big_n = (rep(1) << 126) + 1;
    const rep d1 = (rep(1) << 100) + 3;
    const rep d2 = (rep(1) << 100) + 5;
    const fraction p(big_n, d1);
    const fraction q(big_n, d2);
    const big_rational exact_diff = to_rational(p) - to_rational(q);
    if (fits(exact_diff)) {
        CHECK(to_rational(p - q) == exact_diff);
    } else {
        CHECK_THROWS_AS((void)(p - q), overflow_error);
    }
    // A sum whose lowest terms do not fit still throws, naming both operands.
    CHECK_THROWS_AS((void)(fraction(1, (rep(1) << 100) + 1) + fraction(1, (rep(1) << 100) + 3)), overflow_error);
    // The same in a constant expression.
    constexpr fraction c = fraction(3, 4) + fraction(1, 4);
    static_assert(c == fraction(1), "constexpr +");
}

TEST_CASE("fraction: property - + - * / against cpp_rational, near every limit") {
    lcg g{2026};
    int exact = 0;
    int overflowed = 0;
    for (int i = 0; i < 20000; ++i) {
        const fraction a = random_fraction(g);
        const fraction b = random_fraction(g);
        const big_rational x = to_rational(a);
        const big_rational y = to_rational(b);
        CAPTURE(a);
        CAPTURE(b);
        // Comparison is exact and never throws, whatever the sizes.
        REQUIRE((a < b) == (x < y));
        REQUIRE((a == b) == (x == y));
        REQUIRE((a >= b) == (x >= y));
        // Every operation is exact when the result in lowest terms fits, and throws
        // overflow_error when it does not (+ and - too, whatever their intermediates need).
        const auto check = [&](auto op, const big_rational& expected) {
            if (fits(expected)) {
                REQUIRE(to_rational(op()) == expected);
                ++exact;
            } else {
                CHECK_THROWS_AS((void)op(), overflow_error);
                ++overflowed;
            }
        };
        check([&] { return a * b; }, x * y);
        if (fits(x * y)) REQUIRE(to_rational(a * b) == x * y);
        else CHECK_THROWS_AS((void)(a * b), overflow_error);
        if (!b.is_zero()) {
            if (fits(x / y)) REQUIRE(to_rational(a / b) == x / y);
            else CHECK_THROWS_AS((void)(a / b), overflow_error);
        }
        check([&] { return a + b; }, x + y);
        check([&] { return a - b; }, x - y);
        if (!fits(x + y)) CHECK_THROWS_AS((void)(a + b), overflow_error);
        if (!fits(x - y)) CHECK_THROWS_AS((void)(a - b), overflow_error);
    }
    CHECK(exact > 10000);
    CHECK(overflowed > 1000);
}

// Terms that fit 64 bits take the 64-bit paths (gcds and divisions on 64 bits, one 64 x 64
// product per term): every bit length up to 64, and the edges 2^63 and 2^64 - 1, where a product
// can pass 2^127 and must throw.
TEST_CASE("fraction: 64-bit terms (the 64-bit paths) agree with cpp_rational, overflow at 2^127") {
    lcg g{64};
    const auto term = [&]() -> rep {  // 1 to 2^64 - 1, every bit length
        const std::uint64_t high = g.next();  // one draw per statement: the same numbers on every compiler
        const std::uint64_t full = (high << 32) ^ g.next();  // 64 random bits (next() has 53)
        switch (g.next() % 5) {
            case 0: return rep(std::numeric_limits<std::uint64_t>::max() - g.next() % 3);
            case 1: return rep(std::uint64_t{1} << 63) + rep(g.next() % 3) - 1;
            case 2: return rep(g.next() % 1000 + 1);
            default: {
                const std::uint64_t v = full >> (g.next() % 64);
                return rep(v == 0 ? 1 : v);
            }
        }
    };
    int products = 0;
    int overflows = 0;
    for (int i = 0; i < 20000; ++i) {
        const rep an = (g.next() % 2 == 0 ? -1 : 1) * term();
        const rep ad = term();
        const rep bn = (g.next() % 7 == 0 ? 0 : (g.next() % 2 == 0 ? -1 : 1)) * term();
        const rep bd = term();
        const fraction a(an, ad);
        const fraction b(bn, bd);
        const big_rational x(to_big(an), to_big(ad));
        const big_rational y(to_big(bn), to_big(bd));
        CAPTURE(a);
        CAPTURE(b);
        REQUIRE(to_rational(a) == x);
        REQUIRE(to_rational(b) == y);
        REQUIRE(boost::multiprecision::denominator(to_rational(a)) == to_big(a.denominator()));  // lowest terms
        const auto check = [&](auto op, const big_rational& expected) {
            if (fits(expected)) {
                REQUIRE(to_rational(op()) == expected);
                ++products;
            } else {
                CHECK_THROWS_AS((void)op(), overflow_error);
                ++overflows;
            }
        };
        check([&] { return a * b; }, x * y);
        if (!b.is_zero()) check([&] { return a / b; }, x / y);
        check([&] { return a + b; }, x + y);
        check([&] { return a - b; }, x - y);
        // Order (the 64-bit cross products), rounding (the 64-bit division) and the reciprocal.
        REQUIRE((a < b) == (x < y));
        REQUIRE((a == b) == (x == y));
        REQUIRE((b < a) == (y < x));
        {
            const big n = boost::multiprecision::numerator(x);
            const big d = boost::multiprecision::denominator(x);
            const big fl = n >= 0 ? big(n / d) : big(-((-n + d - 1) / d));  // floor
            REQUIRE(to_big(a.round_to_integer(rounding::floor)) == fl);
            REQUIRE(to_big(a.round_to_integer(rounding::ceiling)) == (fl * d == n ? fl : fl + 1));
            const big twice = 2 * (n - fl * d);  // 2 x the fractional part, in units of 1/d
            const big half_even = twice < d ? fl : (twice > d ? fl + 1 : (fl % 2 == 0 ? fl : fl + 1));
            REQUIRE(to_big(a.round_to_integer(rounding::half_even)) == half_even);
        }
        REQUIRE(to_rational(a.reciprocal()) == 1 / x);
        if (!b.is_zero()) REQUIRE(b.reciprocal().reciprocal() == b);
        const std::uint64_t u = static_cast<std::uint64_t>(term());
        const std::uint64_t v = g.next() % 9 == 0 ? 0 : static_cast<std::uint64_t>(term());
        REQUIRE(detail::gcd64(u, v) == static_cast<std::uint64_t>(boost::multiprecision::gcd(big(u), big(v))));
        REQUIRE(detail::gcd64(v, u) == detail::gcd64(u, v));
    }
    CHECK(products > 20000);
    CHECK(overflows > 100);
    CHECK(detail::gcd64(0, 0) == 0);
    CHECK(detail::gcd64(0, 12) == 12);
    CHECK(detail::gcd64(1, 0) == 1);
    CHECK(detail::gcd64(std::uint64_t{1} << 63, std::uint64_t{3} << 40) == std::uint64_t{1} << 40);
}

TEST_CASE("fraction: comparison near 2^127 agrees with cpp_rational") {
    // Neighbours whose cross products need 254 bits.
    const fraction a(rep_max - 1, rep_max);
    const fraction b(rep_max - 2, rep_max - 1);
    CHECK(b < a);
    CHECK(a > b);
    CHECK_FALSE(a < b);
    CHECK(to_rational(b) < to_rational(a));
    CHECK(fraction(rep_max, rep_max - 1) < fraction(rep_max - 1, rep_max - 2));
    CHECK(fraction(-rep_max, 3) < fraction(-rep_max, 5));
    CHECK(fraction(rep_max) > fraction(rep_max - 1, 1));
    CHECK(fraction(1, rep_max) > fraction(0));
    CHECK(fraction(-1, rep_max) < fraction(0));
    // The reciprocal swaps the terms at any size (nothing to reduce), its sign on the numerator.
    CHECK(fraction(rep_max - 1, rep_max).reciprocal() == fraction(rep_max, rep_max - 1));
    CHECK(fraction(-3, 7).reciprocal() == fraction(-7, 3));
    CHECK(fraction(-3, 7).reciprocal().denominator() == 3);
    CHECK(fraction(rep_max).reciprocal() == fraction(rep(1), rep_max));
    CHECK_THROWS_AS((void)fraction(0).reciprocal(), invalid_argument_error);
}

TEST_CASE("fraction: to_decimal_string and round_to_integer at the limits") {
    const fraction top(rep_max);
    CHECK(top.to_decimal_string(2) == "170141183460469231731687303715884105727.00");
    CHECK(top.to_percent_string(0) == "17014118346046923173168730371588410572700%");
    CHECK((-top).round_to_integer(rounding::exact) == -rep_max);
    // (2^127 - 1) / (2^127 - 2): remainders close to 2^127 in the long division.
    const fraction near_one(rep_max, rep_max - 1);
    CHECK(near_one.to_decimal_string(45) == "1.000000000000000000000000000000000000005877472");
    CHECK(near_one.round_to_integer(rounding::ceiling) == 2);
    CHECK(near_one.round_to_integer(rounding::half_even) == 1);
    const fraction almost_one(rep_max - 1, rep_max);
    CHECK(almost_one.to_decimal_string(3) == "1.000");
    CHECK(almost_one.to_decimal_string(3, rounding::floor) == "0.999");
    CHECK(almost_one.to_decimal_string(60).size() == 62);
    CHECK(fraction(-999, 1000).to_decimal_string(2) == "-1.00");
    CHECK(fraction(999, 1000).to_percent_string(0) == "100%");
    CHECK(fraction(-5, 1000).to_percent_string(0) == "0%");  // no "-0%"
    CHECK(fraction(-5, 1000).to_percent_string(0, rounding::floor) == "-1%");
}

TEST_CASE("fraction: from_decimal caps the digits it reads, linearly") {
    const std::string max38(38, '9');
    CHECK(fraction::from_decimal(max38).to_string() == max38);
    CHECK(fraction::from_decimal("0." + std::string(37, '0') + "1") ==
          fraction(1, rep(1'000'000'000'000'000'000) * 1'000'000'000'000'000'000 * 100));
    // Leading zeros and trailing zeros after the point are free.
    CHECK(fraction::from_decimal(std::string(1000, '0') + "1.5" + std::string(1000, '0')) ==
          fraction(3, 2));
    CHECK(fraction::from_decimal("-" + std::string(100, '0') + "." + std::string(100, '0')) ==
          fraction(0));
    CHECK(fraction::from_decimal("1." + std::string(36, '0') + "1").denominator() ==
          rep(1'000'000'000'000'000'000) * 1'000'000'000'000'000'000 * 10);

    const parse_failure too_many = from_decimal_fails(std::string(39, '9'));
    REQUIRE(too_many.thrown);
    CHECK(too_many.position == 0);
    CHECK(too_many.what.find("fraction: 39 significant digits: at most 38 fit the exact "
                             "128-bit fraction") != std::string::npos);
    const parse_failure too_fine = from_decimal_fails("0." + std::string(38, '0') + "1");
    REQUIRE(too_fine.thrown);
    CHECK(too_fine.position == 2);
    CHECK(too_fine.what.find("39 digits after the point: at most 38") != std::string::npos);
    const parse_failure percent = from_decimal_fails("0." + std::string(36, '0') + "1%");
    REQUIRE(percent.thrown);
    CHECK(percent.what.find("37 digits after the point of a percentage: at most 36") !=
          std::string::npos);
    CHECK(fraction::from_decimal("0." + std::string(35, '0') + "1%") ==
          fraction(1, rep(1'000'000'000'000'000'000) * 1'000'000'000'000'000'000 * 100));

    // Regression (issue 9): a million digits took 44 s (quadratic); now one linear pass.
    const std::string million(1'000'000, '7');
    CHECK_THROWS_AS(fraction::from_decimal(million), parse_error);
    const parse_failure bad_tail = from_decimal_fails(million + "x");
    REQUIRE(bad_tail.thrown);
    CHECK(bad_tail.position == 1'000'000);  // syntax errors are still reported where they are
}

TEST_CASE("fraction: std::hash agrees with ==") {
    const std::hash<fraction> h;
    CHECK(h(fraction(1, 2)) == h(fraction(2, 4)));
    CHECK(h(fraction(1, 2)) == h(fraction::from_decimal("50%")));
    CHECK(h(fraction(1, 2)) != h(fraction(-1, 2)));
    CHECK(h(fraction(1, 2)) != h(fraction(2, 1)));
    CHECK(h(fraction(rep_max)) != h(fraction(-rep_max)));
    std::unordered_set<fraction> set{fraction(1, 3), fraction(2, 6), fraction(1, 2), fraction(0)};
    CHECK(set.size() == 3);
    CHECK(set.count(fraction(3, 9)) == 1);
}

TEST_CASE("detail::scale_units: units times a fraction, rounded once, exactly") {
    CHECK(detail::scale_units(1000, fraction(1, 3), rounding::half_even) == 333);
    CHECK(detail::scale_units(-1000, fraction(2, 3), rounding::half_even) == -667);
    CHECK(detail::scale_units(-1000, fraction(2, 3), rounding::toward_zero) == -666);
    CHECK(detail::scale_units(i64_max, fraction(1), rounding::exact) == i64_max);
    CHECK(detail::scale_units(i64_min, fraction(1), rounding::exact) == i64_min);
    CHECK(detail::scale_units(i64_max, fraction(-1), rounding::exact) == -i64_max);
    CHECK_THROWS_AS(detail::scale_units(i64_min, fraction(-1), rounding::exact), overflow_error);
    CHECK_THROWS_AS(detail::scale_units(2, fraction(i64_max), rounding::exact), overflow_error);
    CHECK_THROWS_AS(detail::scale_units(1, fraction(1, 3), rounding::exact), inexact_error);
    // 192-bit intermediate: i64_max * (2^127 - 2) / (2^127 - 1) is just below i64_max.
    CHECK(detail::scale_units(i64_max, fraction(rep_max - 1, rep_max), rounding::floor) ==
          i64_max - 1);
    CHECK(detail::scale_units(i64_max, fraction(rep_max - 1, rep_max), rounding::ceiling) ==
          i64_max);
    // Property against cpp_int, terms of every size.
    lcg g{7};
    for (int i = 0; i < 20000; ++i) {
        const auto raw = static_cast<std::int64_t>(g.next() << 11);
        const auto units = raw >> (g.next() % 64);
        const fraction f = random_fraction(g);
        const big num = big(units) * to_big(f.numerator());
        const big den = to_big(f.denominator());
        const big expected = detail::divide_rounded_integer<big>(num, den, rounding::half_even);
        CAPTURE(units);
        CAPTURE(f);
        if (expected > i64_max || expected < i64_min) {
            CHECK_THROWS_AS(detail::scale_units(units, f, rounding::half_even), overflow_error);
        } else {
            REQUIRE(big(detail::scale_units(units, f, rounding::half_even)) == expected);
        }
    }
}

TEST_CASE("fraction: a rounding mode outside the enumeration is refused") {
    // Regression: round_to_integer and the decimal texts truncated under an unknown mode (7/2 was 3).
    const std::string rule = "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even";
    for (const int value : {8, -1}) {
        CAPTURE(value);
        const auto mode = static_cast<rounding>(value);
        const std::string message = "rounding = " + std::to_string(value) + ": " + rule;
        CHECK_THROWS_WITH_AS((void)fraction(7, 2).round_to_integer(mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)fraction(6, 2).round_to_integer(mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)fraction(2, 3).to_decimal_string(2, mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)fraction(1, 2).to_percent_string(0, mode), message.c_str(), invalid_argument_error);
    }
}

}  // namespace test_fraction
