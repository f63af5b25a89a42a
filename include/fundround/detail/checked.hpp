/// @file detail/checked.hpp
/// @brief Overflow-checked 64-bit arithmetic and 128-bit intermediates (internal).
#ifndef FUNDROUND_DETAIL_CHECKED_HPP
#define FUNDROUND_DETAIL_CHECKED_HPP

#include <fundround/config.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstdint>
#include <limits>
#include <string>

#if !FUNDROUND_HAS_INT128
#include <boost/multiprecision/cpp_int.hpp>
#endif

FUNDROUND_BEGIN_NAMESPACE
namespace detail {

#if FUNDROUND_HAS_INT128
/// Signed 128-bit integer of the intermediates (the compiler's __int128).
__extension__ typedef __int128 int128;           // NOLINT(modernize-use-using)
/// Unsigned 128-bit integer of the intermediates (the compiler's unsigned __int128).
__extension__ typedef unsigned __int128 uint128;  // NOLINT(modernize-use-using)
#else
/// Signed 128-bit integer of the intermediates: Boost's fixed-width checked integer (it throws
/// std::overflow_error instead of wrapping; fundround checks its ranges explicitly first).
using int128 = boost::multiprecision::checked_int128_t;
/// Unsigned 128-bit integer of the intermediates: Boost's fixed-width checked integer.
using uint128 = boost::multiprecision::checked_uint128_t;
#endif

/// 2^127 - 1: the largest magnitude fundround keeps in a signed 128-bit value, in both
/// configurations (Boost's checked_int128_t is sign-magnitude and would reach 2^128 - 1).
inline constexpr uint128 int128_max_magnitude = (uint128(1) << 127) - 1;
/// The largest unsigned 128-bit value.
inline constexpr uint128 uint128_max = ~uint128(0);

inline constexpr std::int64_t int64_max = (std::numeric_limits<std::int64_t>::max)();
inline constexpr std::int64_t int64_min = (std::numeric_limits<std::int64_t>::min)();

/// Throws overflow_error "fundround: <operation> overflows 64 bits (...)". The text names no
/// domain (share counts, mills, prices all come here); money has its own, throw_money_overflow().
[[noreturn]] inline void throw_overflow(const char* operation) {
    throw overflow_error(concat({"fundround: ", operation, " overflows 64 bits (a value beyond +/-9,223,372,036,854,775,807)"}));
}

/// Throws the overflow_error of a money operation (cold path, out of line).
[[noreturn]] FUNDROUND_COLD inline void throw_money_overflow(const char* operation) {
    throw overflow_error(
        concat({"fundround: money ", operation, " overflows the 64-bit amount range (about +/-9.2e15 in major units)"}));
}

/// a + b; throws overflow_error naming @p operation if it does not fit 64 bits.
inline std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* operation = "addition") {
    std::int64_t r = 0;
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    if (__builtin_add_overflow(a, b, &r)) throw_overflow(operation);
#else
    if ((b > 0 && a > int64_max - b) || (b < 0 && a < int64_min - b)) throw_overflow(operation);
    r = a + b;
#endif
    return r;
}

/// a - b; throws overflow_error naming @p operation if it does not fit 64 bits.
inline std::int64_t checked_sub(std::int64_t a, std::int64_t b, const char* operation = "subtraction") {
    std::int64_t r = 0;
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    if (__builtin_sub_overflow(a, b, &r)) throw_overflow(operation);
#else
    if ((b < 0 && a > int64_max + b) || (b > 0 && a < int64_min + b)) throw_overflow(operation);
    r = a - b;
#endif
    return r;
}

inline std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    if (__builtin_mul_overflow(a, b, &r)) throw_overflow("multiplication");
#else
    const int128 wide = int128(a) * int128(b);
    if (wide > int128(int64_max) || wide < int128(int64_min)) throw_overflow("multiplication");
    r = static_cast<std::int64_t>(wide);
#endif
    return r;
}

inline std::int64_t checked_neg(std::int64_t a) {
    if (a == int64_min) throw_overflow("negation");
    return -a;
}

/// Narrows a 128-bit value to 64 bits, throwing if it does not fit.
inline std::int64_t narrow(int128 v, const char* operation) {
    if (v > int128(int64_max) || v < int128(int64_min)) throw_overflow(operation);
    return static_cast<std::int64_t>(v);
}

/// Throws the inexact_error of rounding::exact (cold path, out of line: keeps round_increment
/// small enough to inline).
[[noreturn]] FUNDROUND_COLD inline void throw_inexact() {
    throw inexact_error("fundround: result is not exact and rounding::exact was requested");
}

/// Throws the invalid_argument_error of a rounding mode outside the enumeration (cold path).
[[noreturn]] FUNDROUND_COLD inline void throw_unknown_rounding(rounding mode) {
    throw_unknown_enum("rounding", mode, rounding_names);
}

/// Rounds the magnitude quotient q (remainder r, divisor d > 0) of a value whose sign is
/// @p negative: returns whether the magnitude must be incremented. Works on any unsigned-like T.
/// Throws invalid_argument_error for a mode outside the enumeration, also when nothing rounds.
template <class T>
constexpr bool round_increment(const T& q, const T& r, const T& d, bool negative, rounding mode) {
    if (!enum_known(mode, rounding_names)) throw_unknown_rounding(mode);
    if (r == 0) return false;
    switch (mode) {
        case rounding::exact: throw_inexact();
        case rounding::toward_zero: return false;
        case rounding::away_from_zero: return true;
        case rounding::floor: return negative;
        case rounding::ceiling: return !negative;
        case rounding::half_away_from_zero:
        case rounding::half_toward_zero:
        case rounding::half_even: {
            const T rest = d - r;  // r + rest == d, so compare r with rest without overflow
            if (r > rest) return true;
            if (r < rest) return false;
            if (mode == rounding::half_away_from_zero) return true;
            if (mode == rounding::half_toward_zero) return false;
            return (q % 2) != 0;
        }
    }
    return false;
}

/// |v| as an unsigned 128-bit value (|-2^127| = 2^127 fits); the same in both configurations.
constexpr uint128 magnitude(int128 v) {
    return v < 0 ? static_cast<uint128>(-(v + 1)) + 1U : static_cast<uint128>(v);
}

/// r = a + b on unsigned 128 bits; returns true (and leaves r unspecified) on overflow.
constexpr bool add_overflow(uint128 a, uint128 b, uint128& r) {
#if FUNDROUND_HAS_INT128 && FUNDROUND_HAS_OVERFLOW_BUILTINS
    return __builtin_add_overflow(a, b, &r);
#else
    if (b > uint128_max - a) return true;
    r = a + b;
    return false;
#endif
}

/// r = a * b on unsigned 128 bits; returns true (and leaves r unspecified) on overflow.
constexpr bool mul_overflow(uint128 a, uint128 b, uint128& r) {
#if FUNDROUND_HAS_INT128 && FUNDROUND_HAS_OVERFLOW_BUILTINS
    return __builtin_mul_overflow(a, b, &r);
#else
    if (a != 0 && b > uint128_max / a) return true;
    r = a * b;
    return false;
#endif
}

/// The number of trailing zero bits of @p x (x != 0).
constexpr int trailing_zeros(std::uint64_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(x);
#else
    int n = 0;
    while ((x & 1U) == 0) {
        x >>= 1U;
        ++n;
    }
    return n;
#endif
}

/// Greatest common divisor of two unsigned 64-bit values (gcd(0, b) == b): one Euclid step
/// (the terms are often of very different sizes, or one is 1), then the binary (Stein's)
/// algorithm, shifts and subtractions instead of divisions.
constexpr std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) noexcept {
    if (a < b) {
        const std::uint64_t t = a;
        a = b;
        b = t;
    }
    if (b <= 1) return b == 0 ? a : 1;
    a %= b;
    if (a == 0) return b;
    const int shift = trailing_zeros(a | b);
    a >>= trailing_zeros(a);
    b >>= trailing_zeros(b);
    // Both odd: while they differ, the smaller and the difference (even, non-zero) with its
    // factors of 2 removed; the two are computed side by side, without a branch.
    while (a != b) {
        const std::uint64_t diff = b - a;  // modulo 2^64: the low bits are those of |b - a|
        const int z = trailing_zeros(diff);
        const std::uint64_t low = a < b ? a : b;
        b = (a < b ? diff : a - b) >> z;
        a = low;
    }
    return a << shift;
}

/// Greatest common divisor of two unsigned 128-bit values (gcd(0, b) == b); 64-bit fast path.
constexpr uint128 gcd(uint128 a, uint128 b) {
    while (b != 0 && ((a >> 64) != 0 || (b >> 64) != 0)) {  // 128-bit steps until both fit 64 bits
        const uint128 t = a % b;
        a = b;
        b = t;
    }
    if (b == 0) return a;
    return uint128(gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)));
}

/// An unsigned 256-bit value in four 64-bit words, least significant first: the exact
/// intermediate of a fraction sum whose cross products pass 2^128 (rare: fraction::sum128()).
struct uint256 {
    std::uint64_t w[4] = {0, 0, 0, 0};  ///< The words, w[0] the least significant.
};

/// The low 64 bits of @p v.
constexpr std::uint64_t low64(uint128 v) { return static_cast<std::uint64_t>(v & uint128(~std::uint64_t{0})); }

/// Adds @p v to word @p k of @p r and carries upwards (the caller knows the total fits).
constexpr void add_word(uint256& r, int k, std::uint64_t v) {
    for (; k < 4 && v != 0; ++k) {
        const uint128 s = uint128(r.w[k]) + v;
        r.w[k] = low64(s);
        v = static_cast<std::uint64_t>(s >> 64);
    }
}

/// @p a * @p b exactly.
constexpr uint256 mul_wide(uint128 a, uint128 b) {
    const std::uint64_t x[2] = {low64(a), low64(a >> 64)};
    const std::uint64_t y[2] = {low64(b), low64(b >> 64)};
    uint256 r;
    for (int i = 0; i < 2; ++i) {
        for (int j = 0; j < 2; ++j) {
            const uint128 p = uint128(x[i]) * y[j];  // below 2^128
            add_word(r, i + j, low64(p));
            add_word(r, i + j + 1, low64(p >> 64));
        }
    }
    return r;
}

/// True if @p a < @p b.
constexpr bool less_wide(const uint256& a, const uint256& b) {
    for (int k = 3; k >= 0; --k) {
        if (a.w[k] != b.w[k]) return a.w[k] < b.w[k];
    }
    return false;
}

/// @p a + @p b (both below 2^255: the sum fits).
constexpr uint256 add_wide(const uint256& a, const uint256& b) {
    uint256 r;
    std::uint64_t carry = 0;
    for (int k = 0; k < 4; ++k) {
        const uint128 s = uint128(a.w[k]) + b.w[k] + carry;
        r.w[k] = low64(s);
        carry = static_cast<std::uint64_t>(s >> 64);
    }
    return r;
}

/// @p a - @p b, for @p b <= @p a.
constexpr uint256 sub_wide(const uint256& a, const uint256& b) {
    uint256 r;
    std::uint64_t borrow = 0;
    for (int k = 0; k < 4; ++k) {
        const uint128 take = uint128(b.w[k]) + borrow;
        const uint128 have = uint128(a.w[k]);
        borrow = have < take ? 1 : 0;
        r.w[k] = low64((uint128(borrow) << 64) + have - take);
    }
    return r;
}

/// @p a / @p d, the remainder in @p rem; @p d nonzero and below 2^127 (bit by bit: a rare path).
constexpr uint256 divmod_wide(const uint256& a, uint128 d, uint128& rem) {
    uint256 q;
    rem = 0;
    for (int bit = 255; bit >= 0; --bit) {
        rem = (rem << 1) | uint128((a.w[bit / 64] >> (bit % 64)) & 1U);  // below 2d < 2^128
        if (rem >= d) {
            rem -= d;
            q.w[bit / 64] |= std::uint64_t{1} << (bit % 64);
        }
    }
    return q;
}

/// True if @p a fits 128 bits, then stored in @p out.
constexpr bool narrow_wide(const uint256& a, uint128& out) {
    if (a.w[2] != 0 || a.w[3] != 0) return false;
    out = (uint128(a.w[1]) << 64) | a.w[0];
    return true;
}

/// The signed value with sign @p negative and magnitude @p m (m <= 2^127 - 1, checked by callers).
constexpr int128 signed_from(bool negative, uint128 m) {
    const auto v = static_cast<int128>(m);
    return negative ? int128(-v) : v;
}

/// num / den rounded by @p mode, on 128-bit integers. Throws on den == 0 and if the result
/// does not fit in a signed 128-bit integer.
inline int128 divide_rounded(int128 num, int128 den, rounding mode) {
    if (den == 0) throw invalid_argument_error("fundround: division by zero");
    const bool negative = (num < 0) != (den < 0);
    const uint128 n = magnitude(num);
    const uint128 d = magnitude(den);
    uint128 q = n / d;
    const uint128 r = n % d;
    if (round_increment(q, r, d, negative, mode)) q += 1;
    const uint128 limit = static_cast<uint128>(1) << 127;  // |int128 min|
    if (negative) {
        if (q > limit) throw_overflow("division");
        return q == limit ? static_cast<int128>(-static_cast<int128>(limit - 1) - 1)
                          : -static_cast<int128>(q);
    }
    if (q >= limit) throw_overflow("division");
    return static_cast<int128>(q);
}

/// n / d (d > 0) rounded to an integer by @p mode, on a big integer type such as cpp_int.
template <class Integer>
Integer divide_rounded_integer(const Integer& n, const Integer& d, rounding mode) {
    const bool negative = n < 0;
    Integer mag = negative ? Integer(-n) : n;
    Integer q = mag / d;
    const Integer r = mag % d;
    if (round_increment(q, r, d, negative, mode)) q += 1;
    return negative ? Integer(-q) : q;
}

/// Throws the invalid_argument_error of @p decimals outside 0 to 60 (cold path, out of line).
[[noreturn]] FUNDROUND_COLD inline void throw_bad_decimals(int decimals) {
    throw invalid_argument_error(concat({"decimals = ", signed_digits(decimals), ": must be between 0 and 60"}));
}

/// Throws invalid_argument_error unless 0 <= @p decimals <= 60.
inline void check_decimals(int decimals) {
    if (decimals < 0 || decimals > 60) throw_bad_decimals(decimals);
}

/// a * num / den with a 128-bit intermediate, rounded by @p mode, narrowed to 64 bits.
inline std::int64_t mul_div(std::int64_t a, std::int64_t num, std::int64_t den, rounding mode) {
    return narrow(divide_rounded(int128(a) * int128(num), int128(den), mode), "multiplication by a ratio");
}

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_CHECKED_HPP
