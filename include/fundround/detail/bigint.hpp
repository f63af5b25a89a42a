/// @file detail/bigint.hpp
/// @brief Arbitrary-precision integers for the analysis code whose sums truly exceed 128 bits
/// (internal, opt-in: the only header besides the FUNDROUND_NO_INT128 configuration that
/// includes Boost.Multiprecision's cpp_int).
#ifndef FUNDROUND_DETAIL_BIGINT_HPP
#define FUNDROUND_DETAIL_BIGINT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/rounding.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <string>
#include <utility>

FUNDROUND_BEGIN_NAMESPACE
namespace detail {

/// An arbitrary-precision integer (Boost.Multiprecision's cpp_int).
using big_int = boost::multiprecision::cpp_int;

/// @p v as a big integer.
inline big_int to_big(const fraction::rep& v) {
    const uint128 m = magnitude(v);
    big_int r(static_cast<std::uint64_t>(m >> 64));
    r <<= 64;
    r += static_cast<std::uint64_t>(m & uint128(~std::uint64_t{0}));
    return v < 0 ? big_int(-r) : r;
}

/// @p v as a fraction::rep; throws overflow_error naming @p what if |v| >= 2^127.
inline fraction::rep from_big(const big_int& v, const std::string& what) {
    const big_int m = v < 0 ? big_int(-v) : v;
    if (m != 0 && boost::multiprecision::msb(m) >= 127) {
        throw overflow_error(what + " = " + v.str() +
                             ": does not fit the exact 128-bit fraction (magnitude below 2^127)");
    }
    const auto hi = static_cast<std::uint64_t>(m >> 64);
    const auto lo = static_cast<std::uint64_t>(m & big_int(~std::uint64_t{0}));
    const uint128 u = (uint128(hi) << 64) | uint128(lo);
    return signed_from(v < 0, u);
}

/// @p numerator / @p denominator as a fraction, reduced first; throws invalid_argument_error
/// naming @p what for a zero denominator and overflow_error naming @p what if a reduced term
/// does not fit 128 bits.
inline fraction to_fraction(const big_int& numerator, const big_int& denominator,
                            const std::string& what = "fraction") {
    if (denominator == 0) {
        throw invalid_argument_error(what + ": denominator = 0: must not be zero");
    }
    big_int g = boost::multiprecision::gcd(numerator, denominator);
    if (denominator < 0) g = -g;
    const big_int n = numerator / g;
    const big_int d = denominator / g;
    if ((n != 0 && boost::multiprecision::msb(n < 0 ? big_int(-n) : n) >= 127) ||
        boost::multiprecision::msb(d) >= 127) {
        throw overflow_error(what + " = " + n.str() + "/" + d.str() +
                             ": does not fit the exact 128-bit fraction (numerator and "
                             "denominator in lowest terms must be below 2^127 in magnitude)");
    }
    return fraction(from_big(n, what), from_big(d, what));
}

/// n / d (d > 0) rounded to an integer by @p mode, on big integers.
inline big_int divide_rounded(const big_int& n, const big_int& d, rounding mode) {
    return divide_rounded_integer<big_int>(n, d, mode);
}

/// An exact rational on big integers, for intermediate results that may exceed 128 bits
/// (the denominator is kept positive; terms are reduced by normalize()).
struct big_fraction {
    big_int num = 0;  ///< Numerator (carries the sign).
    big_int den = 1;  ///< Denominator (positive).

    /// Zero.
    big_fraction() = default;
    /// @p f exactly.
    explicit big_fraction(const fraction& f)
        : num(to_big(f.numerator())), den(to_big(f.denominator())) {}
    /// @p n / @p d (d > 0), reduced.
    big_fraction(big_int n, big_int d) : num(std::move(n)), den(std::move(d)) { normalize(); }

    /// Divides both terms by their gcd.
    void normalize() {
        if (num == 0) {
            den = 1;
            return;
        }
        const big_int g = boost::multiprecision::gcd(num, den);
        if (g != 1) {
            num /= g;
            den /= g;
        }
    }
    /// Multiplies by @p o in place, exactly.
    big_fraction& operator*=(const big_fraction& o) {
        num *= o.num;
        den *= o.den;
        normalize();
        return *this;
    }
    /// Adds @p o in place, exactly.
    big_fraction& operator+=(const big_fraction& o) {
        num = num * o.den + o.num * den;
        den *= o.den;
        normalize();
        return *this;
    }
    /// The value as a fraction; throws overflow_error naming @p what if it does not fit.
    fraction to_fraction(const std::string& what) const {
        return detail::to_fraction(num, den, what);
    }
};

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_BIGINT_HPP
