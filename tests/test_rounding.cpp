// Unit tests for fundround::rounding: names of the modes and the 128-bit rounding division
// (detail::divide_rounded / detail::mul_div) every rounding in the library goes through.
#include <fundround/numeric/rounding.hpp>
#include <fundround/detail/checked.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_rounding {

using namespace fundround;

static_assert(to_string(rounding::exact) == "exact", "");
static_assert(to_string(rounding::toward_zero) == "toward_zero", "");
static_assert(to_string(rounding::away_from_zero) == "away_from_zero", "");
static_assert(to_string(rounding::floor) == "floor", "");
static_assert(to_string(rounding::ceiling) == "ceiling", "");
static_assert(to_string(rounding::half_away_from_zero) == "half_away_from_zero", "");
static_assert(to_string(rounding::half_toward_zero) == "half_toward_zero", "");
static_assert(to_string(rounding::half_even) == "half_even", "");
static_assert(noexcept(to_string(rounding::exact)), "to_string(rounding) is noexcept");

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

/// Every rounding mode except rounding::exact, in the order of the table columns below.
constexpr std::array<rounding, 7> inexact_modes = {
    rounding::toward_zero,         rounding::away_from_zero,   rounding::floor,
    rounding::ceiling,             rounding::half_away_from_zero, rounding::half_toward_zero,
    rounding::half_even};

/// divide_rounded narrowed to 64 bits, so doctest can print it (it cannot print __int128).
std::int64_t div(std::int64_t num, std::int64_t den, rounding mode) {
    return detail::narrow(detail::divide_rounded(detail::int128(num), detail::int128(den), mode), "test");
}

struct division_case {
    std::int64_t num;
    std::int64_t den;
    std::array<std::int64_t, 7> expected;  // per inexact_modes
};

// columns: toward_zero, away_from_zero, floor, ceiling, half_away, half_toward, half_even
constexpr std::array<division_case, 20> inexact_cases = {{
    {5, 2, {2, 3, 2, 3, 3, 2, 2}},          // 2.5: tie, even neighbour 2
    {-5, 2, {-2, -3, -3, -2, -3, -2, -2}},  // -2.5
    {5, -2, {-2, -3, -3, -2, -3, -2, -2}},  // sign from the denominator
    {-5, -2, {2, 3, 2, 3, 3, 2, 2}},
    {7, 2, {3, 4, 3, 4, 4, 3, 4}},          // 3.5: tie, even neighbour 4
    {-7, 2, {-3, -4, -4, -3, -4, -3, -4}},
    {7, -2, {-3, -4, -4, -3, -4, -3, -4}},
    {-7, -2, {3, 4, 3, 4, 4, 3, 4}},
    {7, 3, {2, 3, 2, 3, 2, 2, 2}},          // 2.333...
    {-7, 3, {-2, -3, -3, -2, -2, -2, -2}},
    {7, -3, {-2, -3, -3, -2, -2, -2, -2}},
    {-7, -3, {2, 3, 2, 3, 2, 2, 2}},
    {8, 3, {2, 3, 2, 3, 3, 3, 3}},          // 2.666...
    {-8, 3, {-2, -3, -3, -2, -3, -3, -3}},
    {8, -3, {-2, -3, -3, -2, -3, -3, -3}},
    {-8, -3, {2, 3, 2, 3, 3, 3, 3}},
    {1, 2, {0, 1, 0, 1, 1, 0, 0}},          // 0.5: tie, even neighbour 0
    {-1, 2, {0, -1, -1, 0, -1, 0, 0}},
    {1, 3, {0, 1, 0, 1, 0, 0, 0}},
    {-2, 3, {0, -1, -1, 0, -1, -1, -1}},
}};

struct exact_case {
    std::int64_t num;
    std::int64_t den;
    std::int64_t quotient;
};

constexpr std::array<exact_case, 10> exact_cases = {{
    {0, 5, 0},
    {0, -5, 0},
    {6, 3, 2},
    {-6, 3, -2},
    {6, -3, -2},
    {-6, -3, 2},
    {7, 1, 7},
    {-7, -1, 7},
    {i64_max, 1, i64_max},
    {i64_min, 1, i64_min},
}};

}  // namespace

TEST_CASE("to_string(rounding): the name of every mode") {
    CHECK(to_string(rounding::exact) == "exact");
    CHECK(to_string(rounding::toward_zero) == "toward_zero");
    CHECK(to_string(rounding::away_from_zero) == "away_from_zero");
    CHECK(to_string(rounding::floor) == "floor");
    CHECK(to_string(rounding::ceiling) == "ceiling");
    CHECK(to_string(rounding::half_away_from_zero) == "half_away_from_zero");
    CHECK(to_string(rounding::half_toward_zero) == "half_toward_zero");
    CHECK(to_string(rounding::half_even) == "half_even");
}

TEST_CASE("divide_rounded: every inexact mode on a table of quotients") {
    for (const division_case& c : inexact_cases) {
        for (std::size_t m = 0; m < inexact_modes.size(); ++m) {
            CAPTURE(c.num);
            CAPTURE(c.den);
            CAPTURE(std::string(to_string(inexact_modes[m])));
            CHECK(div(c.num, c.den, inexact_modes[m]) == c.expected[m]);
        }
        CAPTURE(c.num);
        CAPTURE(c.den);
        CHECK_THROWS_AS((void)div(c.num, c.den, rounding::exact), inexact_error);
    }
}

TEST_CASE("divide_rounded: exact quotients are the same under every mode") {
    for (const exact_case& c : exact_cases) {
        CAPTURE(c.num);
        CAPTURE(c.den);
        CHECK(div(c.num, c.den, rounding::exact) == c.quotient);
        for (rounding mode : inexact_modes) {
            CAPTURE(std::string(to_string(mode)));
            CHECK(div(c.num, c.den, mode) == c.quotient);
        }
    }
}

TEST_CASE("divide_rounded: rounding::exact throws inexact_error only when inexact") {
    CHECK_NOTHROW((void)div(10, 5, rounding::exact));
    CHECK_NOTHROW((void)div(0, 7, rounding::exact));
    CHECK_THROWS_AS((void)div(10, 4, rounding::exact), inexact_error);
    CHECK_THROWS_AS((void)div(1, 3, rounding::exact), inexact_error);
    CHECK_THROWS_AS((void)div(-1, 3, rounding::exact), inexact_error);
    CHECK_THROWS_WITH_AS((void)div(1, 3, rounding::exact),
                         "fundround: result is not exact and rounding::exact was requested",
                         inexact_error);
    CHECK_THROWS_AS((void)detail::mul_div(10, 1, 3, rounding::exact), inexact_error);
    CHECK(detail::mul_div(9, 1, 3, rounding::exact) == 3);
}

TEST_CASE("divide_rounded: division by zero throws invalid_argument_error") {
    CHECK_THROWS_AS((void)div(1, 0, rounding::half_even), invalid_argument_error);
    CHECK_THROWS_AS((void)div(0, 0, rounding::exact), invalid_argument_error);
    CHECK_THROWS_AS((void)div(-1, 0, rounding::floor), invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)div(5, 0, rounding::toward_zero), "fundround: division by zero",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)detail::mul_div(5, 1, 0, rounding::floor), invalid_argument_error);
}

TEST_CASE("divide_rounded: 128-bit operands beyond the 64-bit range") {
    const detail::int128 big = detail::int128(i64_max) * 4;  // does not fit in 64 bits
    CHECK(detail::narrow(detail::divide_rounded(big, 4, rounding::exact), "test") == i64_max);
    CHECK(detail::narrow(detail::divide_rounded(-big, 8, rounding::floor), "test") ==
          -(i64_max / 2) - 1);  // -i64_max/2 = -(2^62 - 0.5): floor goes one further
    CHECK(detail::narrow(detail::divide_rounded(-big, 8, rounding::ceiling), "test") == -(i64_max / 2));
    CHECK(detail::narrow(detail::divide_rounded(big, 8, rounding::half_even), "test") == i64_max / 2 + 1);
    CHECK(detail::narrow(detail::divide_rounded(big, 8, rounding::half_toward_zero), "test") == i64_max / 2);
}

#if FUNDROUND_HAS_INT128
TEST_CASE("divide_rounded: the ends of the signed 128-bit range") {
    const detail::int128 max128 =
        static_cast<detail::int128>((static_cast<detail::uint128>(1) << 127) - 1);
    const detail::int128 min128 = -max128 - 1;
    CHECK((detail::divide_rounded(min128, 1, rounding::exact) == min128));
    CHECK((detail::divide_rounded(max128, 1, rounding::exact) == max128));
    CHECK((detail::divide_rounded(max128, -1, rounding::exact) == -max128));
    CHECK((detail::divide_rounded(min128, 2, rounding::exact) == min128 / 2));
    // |min| / 1 does not fit as a positive quotient.
    CHECK_THROWS_AS((void)detail::divide_rounded(min128, -1, rounding::exact), overflow_error);
    CHECK((detail::divide_rounded(min128, 2, rounding::floor) == min128 / 2));
    CHECK((detail::divide_rounded(min128 + 1, 2, rounding::floor) == min128 / 2));
    CHECK((detail::divide_rounded(min128 + 1, 2, rounding::ceiling) == min128 / 2 + 1));
}
#endif

TEST_CASE("mul_div: 128-bit intermediate, narrowing overflow throws overflow_error") {
    // The product overflows 64 bits but the quotient fits.
    CHECK(detail::mul_div(i64_max, 3, 3, rounding::exact) == i64_max);
    CHECK(detail::mul_div(i64_min, 2, 2, rounding::exact) == i64_min);
    CHECK(detail::mul_div(i64_max, i64_max, i64_max, rounding::exact) == i64_max);
    CHECK(detail::mul_div(10, 2, 3, rounding::half_even) == 7);
    CHECK(detail::mul_div(10, 2, 3, rounding::floor) == 6);
    CHECK(detail::mul_div(-10, 2, 3, rounding::floor) == -7);
    CHECK(detail::mul_div(-10, 2, 3, rounding::toward_zero) == -6);
    // The quotient does not fit in 64 bits.
    CHECK_THROWS_AS((void)detail::mul_div(i64_max, 2, 1, rounding::exact), overflow_error);
    CHECK_THROWS_AS((void)detail::mul_div(i64_min, 2, 1, rounding::exact), overflow_error);
    CHECK_THROWS_AS((void)detail::mul_div(i64_min, -1, 1, rounding::exact), overflow_error);
    CHECK_THROWS_AS((void)detail::mul_div(i64_max, 3, 2, rounding::floor), overflow_error);
    // 4294967295 * 4294967297 == 2^64 - 1, so the quotient by 2 is i64_max + 0.5: rounding
    // decides whether it fits.
    CHECK(detail::mul_div(4294967295, 4294967297, 2, rounding::toward_zero) == i64_max);
    CHECK(detail::mul_div(4294967295, 4294967297, 2, rounding::floor) == i64_max);
    CHECK(detail::mul_div(4294967295, 4294967297, 2, rounding::half_toward_zero) == i64_max);
    CHECK_THROWS_AS((void)detail::mul_div(4294967295, 4294967297, 2, rounding::ceiling), overflow_error);
    CHECK_THROWS_AS((void)detail::mul_div(4294967295, 4294967297, 2, rounding::half_even), overflow_error);
    CHECK_THROWS_AS((void)detail::mul_div(4294967295, 4294967297, 2, rounding::exact), inexact_error);
    // 274177 * 67280421310721 == 2^64 + 1, so -(2^64 + 1) / 2 is i64_min - 0.5.
    CHECK(detail::mul_div(-274177, 67280421310721, 2, rounding::toward_zero) == i64_min);
    CHECK(detail::mul_div(-274177, 67280421310721, 2, rounding::ceiling) == i64_min);
    CHECK_THROWS_AS((void)detail::mul_div(-274177, 67280421310721, 2, rounding::floor), overflow_error);
    CHECK_THROWS_AS((void)detail::mul_div(-274177, 67280421310721, 2, rounding::away_from_zero),
                    overflow_error);
    CHECK_THROWS_WITH_AS(
        (void)detail::mul_div(i64_max, 2, 1, rounding::exact),
        "fundround: multiplication by a ratio overflows 64 bits (a value beyond +/-9,223,372,036,854,775,807)",
        overflow_error);
    // Exactly at the limits after rounding: no throw.
    CHECK(detail::mul_div(i64_min, 1, 1, rounding::exact) == i64_min);
    CHECK(detail::mul_div(i64_min, -1, -1, rounding::exact) == i64_min);
}

TEST_CASE("rounding outside the enumeration: invalid_argument_error naming the value and the modes, also when nothing rounds") {
    // Regression: round_increment() fell through its switch and truncated (7/2 under mode 8 was 3).
    const std::string rule = "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even";
    for (const int value : {8, 9, -1, 255}) {
        CAPTURE(value);
        const auto mode = static_cast<rounding>(value);
        const std::string message = "rounding = " + std::to_string(value) + ": " + rule;
        CHECK_THROWS_WITH_AS((void)detail::divide_rounded(detail::int128(7), detail::int128(2), mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)detail::divide_rounded(detail::int128(6), detail::int128(2), mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)detail::divide_rounded(detail::int128(-7), detail::int128(2), mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)detail::mul_div(10, 2, 3, mode), message.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)detail::mul_div(10, 3, 3, mode), message.c_str(), invalid_argument_error);
        CHECK(to_string(mode) == "unknown");
    }
    // Every named mode passes the check.
    for (const rounding mode : inexact_modes) CHECK(detail::divide_rounded(detail::int128(6), detail::int128(2), mode) == 3);
    CHECK(detail::divide_rounded(detail::int128(6), detail::int128(2), rounding::exact) == 3);
}

}  // namespace test_rounding
