/// @file detail/bigint.hpp
/// @brief Arbitrary-precision integers and the one big rational (big_rational) for the analysis
/// code whose sums truly exceed 128 bits: present values and odds (internal, opt-in: the only
/// header besides the FUNDROUND_NO_INT128 configuration that includes Boost.Multiprecision's
/// cpp_int).
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
    if ((m >> 64) == 0) {  // the usual case: one limb, no shift and add
        r = static_cast<std::uint64_t>(m);
    } else {
        r <<= 64;
        r += static_cast<std::uint64_t>(m & uint128(~std::uint64_t{0}));
    }
    if (v < 0) r.backend().negate();
    return r;
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

/// 10^@p exponent (exponent >= 0).
inline big_int pow10_big(int exponent) {
    big_int r = 1;
    for (int i = 0; i < exponent; ++i) r *= 10;
    return r;
}

/// @p scaled with a decimal point @p decimals digits from the right ("-0.05" for -5, 2).
inline std::string decimal_point_text(const big_int& scaled, int decimals) {
    const bool negative = scaled < 0;
    std::string digits = (negative ? big_int(-scaled) : scaled).str();
    const auto d = static_cast<std::size_t>(decimals);
    if (digits.size() <= d) digits.insert(0, d + 1 - digits.size(), '0');
    if (d > 0) digits.insert(digits.size() - d, 1, '.');
    return (negative ? "-" : "") + digits;
}

/// The one exact rational of any size behind the analysis headers: present values
/// (exact_rational) and the odds engine's results (odds_value) outgrow the 128-bit fraction.
///
/// The denominator is positive. The terms are kept as computed, not reduced (values of the odds
/// engine share one denominator by construction, and reducing each would cost a gcd):
/// reduce() puts them in lowest terms when a caller wants small terms. Equality and order
/// compare values; to_string() and to_fraction() use the lowest terms.
class big_rational {
public:
    /// Zero.
    big_rational() = default;
    /// @p f exactly.
    explicit big_rational(const fraction& f) : num_(to_big(f.numerator())), den_(to_big(f.denominator())) {}
    /// @p n / @p d, not reduced; a negative @p d moves its sign to @p n. Throws
    /// invalid_argument_error if @p d is zero.
    big_rational(big_int n, big_int d) : num_(std::move(n)), den_(std::move(d)) {
        if (den_ == 0) throw invalid_argument_error("big_rational: denominator = 0: must not be zero");
        if (den_ < 0) {
            num_ = -num_;
            den_ = -den_;
        }
    }

    /// The numerator as stored (carries the sign; not necessarily in lowest terms).
    [[nodiscard]] const big_int& numerator() const noexcept { return num_; }
    /// The denominator as stored (positive; not necessarily in lowest terms).
    [[nodiscard]] const big_int& denominator() const noexcept { return den_; }
    /// -1, 0 or 1.
    [[nodiscard]] int sign() const { return num_.sign(); }

    /// Puts the terms in lowest terms (0 is 0/1).
    big_rational& reduce() {
        if (num_ == 0) {
            den_ = 1;
            return *this;
        }
        const big_int g = boost::multiprecision::gcd(num_, den_);
        if (g != 1) {
            num_ /= g;
            den_ /= g;
        }
        return *this;
    }
    /// The value in lowest terms.
    [[nodiscard]] big_rational reduced() const {
        big_rational r = *this;
        return r.reduce();
    }
    /// The value as a fraction; throws overflow_error naming @p what if a term in lowest terms
    /// reaches 2^127.
    [[nodiscard]] fraction to_fraction(const std::string& what) const {
        return detail::to_fraction(num_, den_, what);
    }
    /// Exact text "n/d" in lowest terms, or "n" for a whole number.
    [[nodiscard]] std::string to_string() const {
        const big_rational r = reduced();
        if (r.den_ == 1) return r.num_.str();
        return r.num_.str() + "/" + r.den_.str();
    }
    /// The value times @p scale, rounded to an integer by @p mode.
    [[nodiscard]] big_int scaled_rounded(const big_int& scale, rounding mode) const {
        return divide_rounded(num_ * scale, den_, mode);
    }
    /// Decimal text of the value times @p factor with exactly @p decimals digits (0 to 60) after
    /// the point, rounded by @p mode.
    [[nodiscard]] std::string to_decimal_string(int decimals, rounding mode, int factor = 1) const {
        check_decimals(decimals);
        return decimal_point_text(scaled_rounded(pow10_big(decimals) * factor, mode), decimals);
    }
    /// Approximate value, for display only.
    [[nodiscard]] double to_double() const {
        return boost::multiprecision::cpp_rational(num_, den_).convert_to<double>();
    }

    /// The negated value.
    [[nodiscard]] big_rational operator-() const {
        big_rational r = *this;
        r.num_ = -r.num_;
        return r;
    }
    /// Adds @p o in place, exactly (one denominator is kept when both share it).
    big_rational& operator+=(const big_rational& o) {
        if (den_ == o.den_) {
            num_ += o.num_;
        } else {
            num_ = num_ * o.den_ + o.num_ * den_;
            den_ *= o.den_;
        }
        return *this;
    }
    /// Subtracts @p o in place, exactly.
    big_rational& operator-=(const big_rational& o) {
        if (den_ == o.den_) {
            num_ -= o.num_;
        } else {
            num_ = num_ * o.den_ - o.num_ * den_;
            den_ *= o.den_;
        }
        return *this;
    }
    /// Multiplies by @p o in place, exactly.
    big_rational& operator*=(const big_rational& o) {
        num_ *= o.num_;
        den_ *= o.den_;
        return *this;
    }
    /// The exact sum.
    [[nodiscard]] friend big_rational operator+(big_rational a, const big_rational& b) { return a += b; }
    /// The exact difference.
    [[nodiscard]] friend big_rational operator-(big_rational a, const big_rational& b) { return a -= b; }
    /// The exact product.
    [[nodiscard]] friend big_rational operator*(big_rational a, const big_rational& b) { return a *= b; }
    /// -1, 0 or 1 as this value is less than, equal to or greater than @p o.
    [[nodiscard]] int compare(const big_rational& o) const {
        if (den_ == o.den_) return num_ < o.num_ ? -1 : (o.num_ < num_ ? 1 : 0);
        const big_int l = num_ * o.den_;
        const big_int r = o.num_ * den_;
        return l < r ? -1 : (r < l ? 1 : 0);
    }
    /// True if the values are equal (whatever the terms).
    [[nodiscard]] friend bool operator==(const big_rational& a, const big_rational& b) { return a.compare(b) == 0; }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const big_rational& a, const big_rational& b) { return !(a == b); }
    /// Exact order.
    [[nodiscard]] friend bool operator<(const big_rational& a, const big_rational& b) { return a.compare(b) < 0; }
    /// Exact order.
    [[nodiscard]] friend bool operator>(const big_rational& a, const big_rational& b) { return a.compare(b) > 0; }

private:
    big_int num_ = 0;
    big_int den_ = 1;
};

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_BIGINT_HPP
