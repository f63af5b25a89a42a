// Unit tests for fundround/detail/bigint.hpp: big_rational, the one big rational behind
// exact_rational (present values) and odds_value (the odds engine).
#include <fundround/detail/bigint.hpp>

#include <doctest/doctest.h>

#include <string>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_bigint {

namespace fr = fundround;
using fr::fraction;
using fr::rounding;
using big_int = fr::detail::big_int;
using big_rational = fr::detail::big_rational;

namespace {

big_int pow2(unsigned k) {
    big_int r = 1;
    r <<= k;
    return r;
}

}  // namespace

TEST_CASE("big_rational: terms as given, the sign on the numerator, zero denominator refused") {
    const big_rational a(6, 4);
    CHECK(a.numerator() == 6);
    CHECK(a.denominator() == 4);  // not reduced
    CHECK(a.to_string() == "3/2");  // text in lowest terms
    const big_rational b(3, -2);
    CHECK(b.numerator() == -3);
    CHECK(b.denominator() == 2);
    CHECK(b.sign() == -1);
    CHECK(big_rational().sign() == 0);
    CHECK(big_rational().to_string() == "0");
    CHECK(big_rational(0, 7).reduced().denominator() == 1);
    CHECK_THROWS_AS(big_rational(1, 0), fr::invalid_argument_error);
    CHECK(big_rational(fraction(-5, 84)).to_string() == "-5/84");
    CHECK(big_rational(10, 5).to_string() == "2");
}

TEST_CASE("big_rational: equality and order compare values, whatever the terms") {
    CHECK(big_rational(6, 4) == big_rational(3, 2));
    CHECK(big_rational(6, 4) != big_rational(5, 4));
    CHECK(big_rational(1, 3) < big_rational(1, 2));
    CHECK(big_rational(-1, 2) < big_rational(1, 3));
    CHECK(big_rational(2, 3) > big_rational(3, 5));
    CHECK(big_rational(4, 6).compare(big_rational(2, 3)) == 0);
    CHECK(big_rational(1, 6).compare(big_rational(5, 6)) == -1);  // same denominator
    CHECK(big_rational(5, 6).compare(big_rational(1, 3)) == 1);
    CHECK(big_rational(6, 4).reduced().numerator() == 3);
    big_rational c(100, 1000);
    CHECK(c.reduce().denominator() == 10);
}

TEST_CASE("big_rational: arithmetic is exact and keeps a shared denominator") {
    const big_rational half(1, 2);
    const big_rational third(1, 3);
    CHECK(half + third == big_rational(5, 6));
    CHECK(half - third == big_rational(1, 6));
    CHECK(half * third == big_rational(1, 6));
    CHECK(-half == big_rational(-1, 2));
    // Over one denominator the sum keeps it (the odds engine's probabilities share one).
    const big_rational s = big_rational(1, 8) + big_rational(3, 8);
    CHECK(s.denominator() == 8);
    CHECK(s.numerator() == 4);
    CHECK(s.to_string() == "1/2");
    // Beyond 128 bits: 2^-200 + 2^-200 = 2^-199.
    const big_rational tiny(1, pow2(200));
    CHECK(tiny + tiny == big_rational(1, pow2(199)));
    CHECK((tiny + tiny).reduced().denominator() == pow2(199));
}

TEST_CASE("big_rational: to_fraction narrows or throws, never wraps") {
    CHECK(big_rational(6, 4).to_fraction("x") == fraction(3, 2));
    CHECK(big_rational(pow2(130), pow2(129)).to_fraction("x") == fraction(2));  // reduced first
    CHECK_THROWS_AS((void)big_rational(1, pow2(127)).to_fraction("x"), fr::overflow_error);
    CHECK_THROWS_WITH_AS((void)big_rational(pow2(127), 3).to_fraction("odds_value"),
                         doctest::Contains("odds_value = "), fr::overflow_error);
}

TEST_CASE("big_rational: decimal text with a named rounding, scaled") {
    const big_rational two_thirds(2, 3);
    CHECK(two_thirds.to_decimal_string(4, rounding::half_even) == "0.6667");
    CHECK(two_thirds.to_decimal_string(4, rounding::floor) == "0.6666");
    CHECK(two_thirds.to_decimal_string(0, rounding::half_even) == "1");
    CHECK(two_thirds.to_decimal_string(2, rounding::half_even, 100) == "66.67");  // a percentage
    CHECK(big_rational(-1, 8).to_decimal_string(2, rounding::half_even) == "-0.12");
    CHECK(big_rational(-1, 8).to_decimal_string(2, rounding::half_away_from_zero) == "-0.13");
    CHECK(big_rational(1, 20).to_decimal_string(3, rounding::exact) == "0.050");
    CHECK_THROWS_AS((void)two_thirds.to_decimal_string(2, rounding::exact), fr::inexact_error);
    CHECK_THROWS_AS((void)two_thirds.to_decimal_string(61, rounding::half_even), fr::invalid_argument_error);
    CHECK(two_thirds.scaled_rounded(1000, rounding::ceiling) == 667);
    CHECK(fr::detail::decimal_point_text(-5, 2) == "-0.05");
    CHECK(fr::detail::pow10_big(3) == 1000);
    CHECK(big_rational(1, 4).to_double() == 0.25);
}


// to_big() takes a one-limb value (the usual case) directly and a wider one in two limbs; both
// signs, and the limits of each, come back unchanged through from_big().
TEST_CASE("to_big: one and two limbs, both signs, round trip through from_big") {
    using rep = fraction::rep;
    const rep two64 = rep(1) << 64;
    const rep max128 = (two64 / 2 - 1) * two64 + (two64 - 1);  // 2^127 - 1
    const rep values[] = {0, 1, -1, 42, -42, two64 - 1, -(two64 - 1), two64, -two64, two64 + 1, -(two64 + 1), max128, -max128};
    for (const rep& v : values) {
        const big_int b = fr::detail::to_big(v);
        CHECK(fr::detail::from_big(b, "v") == v);
        CHECK((b < 0) == (v < 0));
    }
    CHECK(fr::detail::to_big(-(two64 - 1)).str() == "-18446744073709551615");
    CHECK(fr::detail::to_big(two64 + 1).str() == "18446744073709551617");
    CHECK(fr::detail::to_big(-max128) == -(pow2(127) - 1));
}

}  // namespace test_bigint
