/// @file numeric/fraction.hpp
/// @brief Exact rational numbers for ownership, multiples and probabilities (128-bit, checked).
#ifndef FUNDROUND_NUMERIC_FRACTION_HPP
#define FUNDROUND_NUMERIC_FRACTION_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/digits.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/rounding.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// True for the integer types a fraction is built from: built-in integers of at most 64 bits
/// (not bool) and the fraction's own 128-bit representation.
template <class T>
inline constexpr bool is_fraction_integer_v =
    (std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8) ||
    std::is_same_v<T, int128>;

/// Writes the decimal digits of @p v backwards, ending just before @p end; returns where they
/// start (at most 39 chars): 19 digits at a time (10^19 fits 64 bits) with the 64-bit writer of
/// detail/digits.hpp, one 128-bit division per 19 digits instead of one per digit.
inline char* write_digits_backward(char* end, uint128 v) {
    constexpr std::uint64_t ten_to_19 = 10000000000000000000ULL;
    while ((v >> 64) != 0) {
        char* start = write_digits_backward(end, static_cast<std::uint64_t>(v % ten_to_19));
        while (end - start < 19) *--start = '0';  // the 19 low digits, zero-padded
        end = start;
        v /= ten_to_19;
    }
    return write_digits_backward(end, static_cast<std::uint64_t>(v));
}

/// Writes the decimal text of @p v ("-12") backwards, ending just before @p end; returns where
/// it starts (at most 40 chars).
inline char* write_signed_backward(char* end, int128 v) {
    char* p = write_digits_backward(end, magnitude(v));
    if (v < 0) *--p = '-';
    return p;
}

/// Decimal digits of an unsigned 128-bit value.
inline std::string to_decimal_digits(uint128 v) {
    char buffer[40];
    const char* p = write_digits_backward(buffer + sizeof buffer, v);
    return std::string(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

/// Decimal text of a signed 128-bit value ("-170141183460469231731687303715884105727").
inline std::string to_decimal_digits(int128 v) {
    char buffer[40];
    const char* p = write_signed_backward(buffer + sizeof buffer, v);
    return std::string(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

/// Compares n1/d1 with n2/d2 (all positive except numerators, which may be 0) without
/// overflow: floor quotients first, then the reciprocals of the remainders, Euclid-like.
/// Returns -1, 0 or 1.
constexpr int compare_ratios(uint128 n1, uint128 d1, uint128 n2, uint128 d2) {
    for (;;) {
        const uint128 q1 = n1 / d1;
        const uint128 q2 = n2 / d2;
        if (q1 != q2) return q1 < q2 ? -1 : 1;
        const uint128 r1 = n1 % d1;
        const uint128 r2 = n2 % d2;
        if (r1 == 0 || r2 == 0) {
            if (r1 == r2) return 0;
            return r1 == 0 ? -1 : 1;
        }
        // r1/d1 < r2/d2  <=>  d2/r2 < d1/r1
        n1 = d2;
        const uint128 old_d1 = d1;
        d1 = r2;
        n2 = old_d1;
        d2 = r1;
    }
}

}  // namespace detail

class fraction;

namespace detail {
/// Appends the text of |@p v| * 10^@p shift with @p decimals digits after the point, rounded by
/// @p mode, its sign first unless it shows as zero, with a comma before every group of three
/// digits of the whole part if @p group ("1,234.5"): fraction's decimal, percent and multiple
/// texts, and the money-like texts of fractions (prices, exact amounts).
inline void append_decimal(std::string& out, const fraction& v, int decimals, int shift, rounding mode,
                           bool group = false);
}  // namespace detail

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Ownership (5/84), multiples (73/50 = 1.46x) and probabilities are fractions. They never
/// pass through floating point; to_double() exists for display and plotting only.
///
/// Numerator and denominator are 128-bit integers (@ref rep) whose magnitudes stay below 2^127.
/// Every operation is exact or throws overflow_error (it never wraps): * and / cancel common
/// factors crosswise first, + and - work over the lcm of the denominators, comparison never
/// overflows. Computations that truly need bigger integers (odds over 2^20 outcomes, (1+r)^n
/// over decades) use detail/bigint.hpp inside the analysis headers.
class fraction {
public:
    /// The integer type of numerator and denominator: the compiler's __int128, or Boost's
    /// checked 128-bit integer with FUNDROUND_NO_INT128 (see config.hpp).
    using rep = detail::int128;

    /// Zero.
    constexpr fraction() noexcept = default;
    /// The whole number @p n (any built-in integer of at most 64 bits: 3 is a fraction).
    template <class I, std::enable_if_t<detail::is_fraction_integer_v<I> &&
                                            !std::is_same_v<I, detail::int128>, int> = 0>
    constexpr fraction(I n) noexcept  // NOLINT(google-explicit-constructor)
        : num_(static_cast<rep>(n)) {}
    /// The whole number @p n; throws overflow_error if |n| >= 2^127.
    constexpr fraction(rep n)  // NOLINT(google-explicit-constructor)
        : num_(n) {
        if (detail::magnitude(n) > detail::int128_max_magnitude) out_of_range(n, rep(1));  // n/1 is in lowest terms
    }
    /// Deleted: a binary floating-point value is not exact; use from_decimal("0.7") or fraction(7,
    /// 10).
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    fraction(F) = delete;
    /// Deleted: a binary floating-point value is not exact; use from_decimal() or integers.
    template <class N, class D,
              std::enable_if_t<std::is_floating_point_v<N> || std::is_floating_point_v<D>, int> = 0>
    fraction(N, D) = delete;
    /// @p numerator / @p denominator (built-in integers of at most 64 bits); throws
    /// invalid_argument_error if the denominator is zero.
    template <class N, class D,
              std::enable_if_t<detail::is_fraction_integer_v<N> && detail::is_fraction_integer_v<D> &&
                                   !(std::is_same_v<N, rep> && std::is_same_v<D, rep>),
                               int> = 0>
    constexpr fraction(N numerator, D denominator)
        : fraction(static_cast<rep>(numerator), static_cast<rep>(denominator)) {}
    /// @p numerator / @p denominator on 128-bit integers, reduced to lowest terms; throws
    /// invalid_argument_error if the denominator is zero and overflow_error if a reduced term's
    /// magnitude is 2^127 or more.
    constexpr fraction(rep numerator, rep denominator) {
        if (denominator == 0) zero_denominator();
        const uint128 n = detail::magnitude(numerator);
        const uint128 d = detail::magnitude(denominator);
        if (((n | d) >> 64) == 0) {  // both fit 64 bits: 64-bit gcd and divisions
            const auto n64 = static_cast<std::uint64_t>(n);
            const auto d64 = static_cast<std::uint64_t>(d);
            if (n64 == 0) return;
            const std::uint64_t g = detail::gcd64(n64, d64);
            num_ = detail::signed_from((numerator < 0) != (denominator < 0), uint128(g == 1 ? n64 : n64 / g));
            den_ = static_cast<rep>(uint128(g == 1 ? d64 : d64 / g));
            return;
        }
        *this = reduced128(numerator, denominator);
    }

    /// Parses an exact decimal such as "0.7", "-1.25" or "70%" (percent divides by 100).
    /// Grammar: optional sign, digits, optionally '.' and digits, optionally a final '%'.
    /// Linear in the length. Leading zeros and trailing zeros after the point are free; at most
    /// @ref max_decimal_digits significant digits and @ref max_decimal_digits digits after the
    /// point (two fewer for a percentage), so that the value fits: beyond, parse_error says so.
    [[nodiscard]] static fraction from_decimal(std::string_view text);
    /// The most significant digits (and digits after the point) from_decimal() reads: 38, since
    /// 10^38 < 2^127.
    static constexpr int max_decimal_digits = 38;

    /// The numerator in lowest terms (carries the sign).
    [[nodiscard]] constexpr rep numerator() const noexcept { return num_; }
    /// The denominator in lowest terms (always positive).
    [[nodiscard]] constexpr rep denominator() const noexcept { return den_; }

    /// True if the value is zero.
    [[nodiscard]] constexpr bool is_zero() const noexcept { return num_ == 0; }
    /// True if the denominator is 1.
    [[nodiscard]] constexpr bool is_integer() const noexcept { return den_ == 1; }
    /// -1, 0 or 1.
    [[nodiscard]] constexpr int sign() const noexcept { return num_ < 0 ? -1 : (num_ == 0 ? 0 : 1); }

    /// Approximate value for display only; never feed it back into money arithmetic.
    [[nodiscard]] double to_double() const noexcept {
        return static_cast<double>(num_) / static_cast<double>(den_);
    }

    /// The value rounded to an integer by @p mode (inexact_error under rounding::exact if it is
    /// not whole).
    [[nodiscard]] constexpr rep round_to_integer(rounding mode) const {
        const uint128 n = detail::magnitude(num_);
        const auto d = static_cast<uint128>(den_);
        if (((n | d) >> 64) == 0) {  // both fit 64 bits: a 64-bit division
            const auto n64 = static_cast<std::uint64_t>(n);
            const auto d64 = static_cast<std::uint64_t>(d);
            std::uint64_t q = n64 / d64;  // q < 2^64 - 1 when r > 0 (d >= 2): the increment fits
            if (detail::round_increment(q, n64 % d64, d64, num_ < 0, mode)) q += 1U;
            return detail::signed_from(num_ < 0, uint128(q));
        }
        uint128 q = n / d;
        const uint128 r = n % d;
        if (detail::round_increment(q, r, d, num_ < 0, mode)) q += 1U;  // q < 2^126 when r > 0
        return detail::signed_from(num_ < 0, q);
    }

    /// Decimal text with exactly @p decimals digits after the point, rounded by @p mode ("1.46").
    /// Any value, 0 to 60 decimals: digit-by-digit long division, nothing overflows.
    [[nodiscard]] std::string to_decimal_string(int decimals, rounding mode = rounding::half_even) const {
        std::string out;
        detail::append_decimal(out, *this, decimals, 0, mode);
        return out;
    }
    /// Percentage text with @p decimals digits, rounded by @p mode ("5.952381%").
    [[nodiscard]] std::string to_percent_string(int decimals, rounding mode = rounding::half_even) const {
        std::string out;
        detail::append_decimal(out, *this, decimals, 2, mode);
        out += '%';
        return out;
    }
    /// Multiple text with @p decimals digits ("1.46x").
    [[nodiscard]] std::string to_multiple_string(int decimals, rounding mode = rounding::half_even) const {
        std::string out;
        detail::append_decimal(out, *this, decimals, 0, mode);
        out += 'x';
        return out;
    }
    /// Exact text "n/d", or "n" when the denominator is 1.
    [[nodiscard]] std::string to_string() const {
        char buffer[81];  // numerator, '/', denominator: written backwards
        char* const end = buffer + sizeof buffer;
        char* p = end;
        if (!is_integer()) {
            p = detail::write_digits_backward(p, static_cast<detail::uint128>(den_));
            *--p = '/';
        }
        p = detail::write_signed_backward(p, num_);
        return std::string(p, static_cast<std::size_t>(end - p));
    }

    /// 1 / value, exactly (the terms swapped: still in lowest terms, nothing to reduce); throws
    /// invalid_argument_error if the value is zero.
    [[nodiscard]] constexpr fraction reciprocal() const {
        if (num_ == 0) division_by_zero(fraction(1));
        return num_ < 0 ? fraction(raw{}, -den_, -num_) : fraction(raw{}, den_, num_);
    }
    /// The negated value (exact; never overflows: magnitudes are below 2^127).
    [[nodiscard]] constexpr fraction operator-() const noexcept { return fraction(raw{}, -num_, den_); }
    /// Adds @p o in place, exactly; throws overflow_error if the result does not fit.
    constexpr fraction& operator+=(const fraction& o) { return *this = sum(*this, o, false); }
    /// Subtracts @p o in place, exactly; throws overflow_error if the result does not fit.
    constexpr fraction& operator-=(const fraction& o) { return *this = sum(*this, o, true); }
    /// Multiplies by @p o in place, exactly; throws overflow_error if the result does not fit.
    constexpr fraction& operator*=(const fraction& o) {
        return *this = product(*this, o.num_ < 0, detail::magnitude(o.num_),
                               static_cast<uint128>(o.den_), o, '*');
    }
    /// Divides by @p o in place; throws invalid_argument_error on division by zero and
    /// overflow_error if the result does not fit.
    constexpr fraction& operator/=(const fraction& o) {
        if (o.num_ == 0) division_by_zero(*this);
        return *this = product(*this, o.num_ < 0, static_cast<uint128>(o.den_),
                               detail::magnitude(o.num_), o, '/');
    }
    // The binary operators return the result made in place (no copy of a temporary: a 32-byte
    // copy of terms just written costs a stalled load).
    /// The exact sum; throws overflow_error if it does not fit.
    [[nodiscard]] friend constexpr fraction operator+(const fraction& a, const fraction& b) { return sum(a, b, false); }
    /// The exact difference; throws overflow_error if it does not fit.
    [[nodiscard]] friend constexpr fraction operator-(const fraction& a, const fraction& b) { return sum(a, b, true); }
    /// The exact product; throws overflow_error if it does not fit.
    [[nodiscard]] friend constexpr fraction operator*(const fraction& a, const fraction& b) {
        return product(a, b.num_ < 0, detail::magnitude(b.num_), static_cast<uint128>(b.den_), b, '*');
    }
    /// The exact quotient; throws invalid_argument_error if @p b is zero.
    [[nodiscard]] friend constexpr fraction operator/(const fraction& a, const fraction& b) {
        if (b.num_ == 0) division_by_zero(a);
        return product(a, b.num_ < 0, static_cast<uint128>(b.den_), detail::magnitude(b.num_), b, '/');
    }

    /// True if the values are equal (1/2 == 2/4: both are kept in lowest terms).
    [[nodiscard]] friend constexpr bool operator==(const fraction& a, const fraction& b) noexcept {
        return a.num_ == b.num_ && a.den_ == b.den_;
    }
    /// True if the values differ.
    [[nodiscard]] friend constexpr bool operator!=(const fraction& a, const fraction& b) noexcept {
        return !(a == b);
    }
    /// Exact numeric order: true if @p a is less than @p b (never overflows).
    [[nodiscard]] friend constexpr bool operator<(const fraction& a, const fraction& b) noexcept {
        return compare(a, b) < 0;
    }
    /// Exact numeric order: true if @p a is at most @p b.
    [[nodiscard]] friend constexpr bool operator<=(const fraction& a, const fraction& b) noexcept {
        return compare(a, b) <= 0;
    }
    /// Exact numeric order: true if @p a is greater than @p b.
    [[nodiscard]] friend constexpr bool operator>(const fraction& a, const fraction& b) noexcept {
        return compare(a, b) > 0;
    }
    /// Exact numeric order: true if @p a is at least @p b.
    [[nodiscard]] friend constexpr bool operator>=(const fraction& a, const fraction& b) noexcept {
        return compare(a, b) >= 0;
    }

    /// Writes the exact form "n/d".
    friend std::ostream& operator<<(std::ostream& os, const fraction& f) {
        return os << f.to_string();
    }

private:
    using uint128 = detail::uint128;
    struct raw {};
    constexpr fraction(raw, rep n, rep d) noexcept : num_(n), den_(d) {}

    /// numerator / denominator (non-zero) in lowest terms when a term needs more than 64 bits.
    FUNDROUND_NOINLINE static constexpr fraction reduced128(rep numerator, rep denominator) {
        uint128 n = detail::magnitude(numerator);
        uint128 d = detail::magnitude(denominator);
        const uint128 g = detail::gcd(n, d);
        n /= g;
        d /= g;
        if (n > detail::int128_max_magnitude || d > detail::int128_max_magnitude) {
            out_of_range(numerator, denominator);
        }
        if (n == 0) return fraction();
        return fraction(raw{}, detail::signed_from((numerator < 0) != (denominator < 0), n), static_cast<rep>(d));
    }

    /// -1, 0 or 1: the exact order of @p a and @p b.
    static constexpr int compare(const fraction& a, const fraction& b) noexcept {
        if (a.den_ == b.den_) return a.num_ < b.num_ ? -1 : (b.num_ < a.num_ ? 1 : 0);
        const int sa = a.sign();
        const int sb = b.sign();
        if (sa != sb) return sa < sb ? -1 : 1;
        if (sa == 0) return 0;
        const uint128 an = detail::magnitude(a.num_);
        const uint128 bn = detail::magnitude(b.num_);
        const auto ad = static_cast<uint128>(a.den_);
        const auto bd = static_cast<uint128>(b.den_);
        if (((an | ad | bn | bd) >> 64) == 0) {  // every term fits 64 bits: the cross products fit 128
            const uint128 x = an * bd;
            const uint128 y = bn * ad;
            const int c = x < y ? -1 : (y < x ? 1 : 0);
            return sa > 0 ? c : -c;
        }
        const int c = detail::compare_ratios(detail::magnitude(a.num_), static_cast<uint128>(a.den_),
                                             detail::magnitude(b.num_), static_cast<uint128>(b.den_));
        return sa > 0 ? c : -c;
    }

    /// The fraction with sign @p negative and coprime magnitudes @p n / @p d, if they fit.
    static constexpr bool fits(uint128 n, uint128 d) noexcept {
        return n <= detail::int128_max_magnitude && d <= detail::int128_max_magnitude;
    }
    static constexpr fraction from_parts(bool negative, uint128 n, uint128 d) noexcept {
        if (n == 0) return fraction();
        return fraction(raw{}, detail::signed_from(negative, n), static_cast<rep>(d));
    }

    /// a * (±bn/bd), with bn/bd coprime: cross-cancel, then multiply.
    static constexpr fraction product(const fraction& a, bool b_negative, uint128 bn, uint128 bd,
                                      const fraction& b, char op) {
        const uint128 an = detail::magnitude(a.num_);
        const auto ad = static_cast<uint128>(a.den_);
        if (((an | ad | bn | bd) >> 64) == 0) {  // every term fits 64 bits: 64-bit gcds and divisions
            const auto x = static_cast<std::uint64_t>(an);
            const auto y = static_cast<std::uint64_t>(ad);
            const auto z = static_cast<std::uint64_t>(bn);
            const auto w = static_cast<std::uint64_t>(bd);
            if (x == 0 || z == 0) return fraction();
            const std::uint64_t g1 = detail::gcd64(x, w);
            const std::uint64_t g2 = detail::gcd64(z, y);
            const uint128 n = uint128(g1 == 1 ? x : x / g1) * uint128(g2 == 1 ? z : z / g2);  // < 2^128: no overflow
            const uint128 d = uint128(g2 == 1 ? y : y / g2) * uint128(g1 == 1 ? w : w / g1);
            if (!fits(n, d)) overflow(a, op, b);
            return from_parts((a.num_ < 0) != b_negative, n, d);
        }
        return product128(a, b_negative, bn, bd, b, op);
    }
    /// product() when a term needs more than 64 bits: 128-bit gcds, overflow-checked products.
    FUNDROUND_NOINLINE static constexpr fraction product128(const fraction& a, bool b_negative, uint128 bn, uint128 bd,
                                                             const fraction& b, char op) {
        const uint128 an = detail::magnitude(a.num_);
        const auto ad = static_cast<uint128>(a.den_);
        const uint128 g1 = detail::gcd(an, bd);
        const uint128 g2 = detail::gcd(bn, ad);
        uint128 n = 0;
        uint128 d = 0;
        if (detail::mul_overflow(an / g1, bn / g2, n) || detail::mul_overflow(ad / g2, bd / g1, d) ||
            !fits(n, d)) {
            overflow(a, op, b);
        }
        return from_parts((a.num_ < 0) != b_negative, n, d);
    }

    /// a + b or a - b over the lcm of the denominators (Knuth's gcd-reduced form).
    static constexpr fraction sum(const fraction& a, const fraction& b, bool subtract) {
        const uint128 an = detail::magnitude(a.num_);
        const uint128 bn = detail::magnitude(b.num_);
        const auto ad = static_cast<uint128>(a.den_);
        const auto bd = static_cast<uint128>(b.den_);
        if (((an | bn | ad | bd) >> 64) != 0) return sum128(a, b, subtract);
        // Every term fits 64 bits: 64-bit gcds and divisions, the cross products in 128 bits.
        const bool a_negative = a.num_ < 0;
        const bool b_negative = (b.num_ < 0) != subtract;
        const auto ad64 = static_cast<std::uint64_t>(ad);
        const auto bd64 = static_cast<std::uint64_t>(bd);
        const std::uint64_t g = detail::gcd64(ad64, bd64);
        const std::uint64_t a_scale = g == 1 ? bd64 : bd64 / g;  // bd / g
        const uint128 x = an * uint128(a_scale);  // < 2^128: no overflow
        const uint128 y = bn * uint128(g == 1 ? ad64 : ad64 / g);
        uint128 t = 0;
        bool negative = false;
        if (signed_sum(x, a_negative, y, b_negative, t, negative)) return sum_wide(a, b, subtract);
        if (t == 0) return fraction();
        if (g == 1) {  // the denominator ad bd; gcd(t, ad bd) = 1 (Knuth)
            const uint128 d = uint128(ad64) * uint128(bd64);
            if (!fits(t, d)) overflow(a, subtract ? '-' : '+', b);
            return from_parts(negative, t, d);
        }
        // gcd(t, ad bd / g) = gcd(t, g) = gcd(g, t mod g)
        const bool t64 = (t >> 64) == 0;
        const std::uint64_t t_mod_g = t64 ? static_cast<std::uint64_t>(t) % g : static_cast<std::uint64_t>(t % g);
        const std::uint64_t g2 = detail::gcd64(g, t_mod_g);
        const uint128 d = uint128(ad64 / g) * uint128(g2 == 1 ? bd64 : bd64 / g2);
        const uint128 n = g2 == 1 ? t : (t64 ? uint128(static_cast<std::uint64_t>(t) / g2) : t / g2);
        if (!fits(n, d)) overflow(a, subtract ? '-' : '+', b);
        return from_parts(negative, n, d);
    }
    /// t = |(+/-x) + (+/-y)| with its sign in @p negative (x negative if @p x_negative, y if
    /// @p y_negative); returns true if |t| needs more than 128 bits.
    static constexpr bool signed_sum(uint128 x, bool x_negative, uint128 y, bool y_negative, uint128& t,
                                     bool& negative) {
        negative = x_negative;
        if (x_negative == y_negative) return detail::add_overflow(x, y, t);
        if (x >= y) {
            t = x - y;
        } else {
            t = y - x;
            negative = y_negative;
        }
        return false;
    }
    /// sum() when a term needs more than 64 bits: 128-bit gcds, overflow-checked products.
    FUNDROUND_NOINLINE static constexpr fraction sum128(const fraction& a, const fraction& b, bool subtract) {
        const bool a_negative = a.num_ < 0;
        const bool b_negative = (b.num_ < 0) != subtract;
        const uint128 an = detail::magnitude(a.num_);
        const uint128 bn = detail::magnitude(b.num_);
        const auto ad = static_cast<uint128>(a.den_);
        const auto bd = static_cast<uint128>(b.den_);
        // A term needs more than 64 bits (sum() takes the case where all fit).
        uint128 x = 0;
        uint128 y = 0;
        const uint128 g = detail::gcd(ad, bd);
        uint128 t = 0;
        bool negative = false;
        if (detail::mul_overflow(an, bd / g, x) || detail::mul_overflow(bn, ad / g, y) ||
            signed_sum(x, a_negative, y, b_negative, t, negative)) {
            return sum_wide(a, b, subtract);
        }
        if (t == 0) return fraction();
        if ((g >> 64) == 0 && ((ad | bd) >> 64) == 0) {  // g, ad, bd fit 64 bits: gcd(t, g) = gcd(g, t mod g)
            const auto g64 = static_cast<std::uint64_t>(g);
            const std::uint64_t g2 = g64 == 1 ? 1 : detail::gcd64(g64, static_cast<std::uint64_t>(t % g));
            const auto ad64 = static_cast<std::uint64_t>(ad);
            const auto bd64 = static_cast<std::uint64_t>(bd);
            const uint128 d = uint128(g64 == 1 ? ad64 : ad64 / g64) * uint128(g2 == 1 ? bd64 : bd64 / g2);
            const uint128 n = g2 == 1 ? t : t / g2;
            if (!fits(n, d)) overflow(a, subtract ? '-' : '+', b);
            return from_parts(negative, n, d);
        }
        const uint128 g2 = detail::gcd(t, g);
        uint128 d = 0;
        if (detail::mul_overflow(ad / g, bd / g2, d) || !fits(t / g2, d)) {
            overflow(a, subtract ? '-' : '+', b);
        }
        return from_parts(negative, t / g2, d);
    }

    /// sum() when a cross product or their sum passes 2^128: the same steps on 256 bits. Throws
    /// overflow_error only if the result in lowest terms does not fit.
    FUNDROUND_NOINLINE static constexpr fraction sum_wide(const fraction& a, const fraction& b, bool subtract) {
        const bool a_negative = a.num_ < 0;
        const bool b_negative = (b.num_ < 0) != subtract;
        const auto ad = static_cast<uint128>(a.den_);
        const auto bd = static_cast<uint128>(b.den_);
        const uint128 g = detail::gcd(ad, bd);
        const detail::uint256 x = detail::mul_wide(detail::magnitude(a.num_), bd / g);
        const detail::uint256 y = detail::mul_wide(detail::magnitude(b.num_), ad / g);
        detail::uint256 t;
        bool negative = a_negative;
        if (a_negative == b_negative) {
            t = detail::add_wide(x, y);  // both below 2^254
        } else if (detail::less_wide(x, y)) {
            t = detail::sub_wide(y, x);
            negative = b_negative;
        } else {
            t = detail::sub_wide(x, y);
        }
        // gcd(t, ad bd / g) = gcd(t, g) (Knuth): the numerator t / g2 over (ad / g)(bd / g2).
        uint128 t_mod_g = 0;
        (void)detail::divmod_wide(t, g, t_mod_g);
        const uint128 g2 = detail::gcd(g, t_mod_g);
        uint128 rest = 0;
        uint128 n = 0;
        uint128 d = 0;
        if (!detail::narrow_wide(detail::divmod_wide(t, g2, rest), n) || detail::mul_overflow(ad / g, bd / g2, d) ||
            !fits(n, d)) {
            overflow(a, subtract ? '-' : '+', b);
        }
        return from_parts(negative, n, d);
    }

    [[noreturn]] FUNDROUND_COLD static void zero_denominator() {
        throw invalid_argument_error("fraction: denominator = 0: must not be zero");
    }
    [[noreturn]] FUNDROUND_COLD static void division_by_zero(const fraction& a) {
        throw invalid_argument_error("fraction: division by zero: " + a.to_string() +
                                     " / 0: the divisor must not be zero");
    }
    [[noreturn]] FUNDROUND_COLD static void out_of_range(rep n, rep d) {
        throw overflow_error(detail::concat({"fraction: ", detail::to_decimal_digits(n), "/", detail::to_decimal_digits(d),
                                             ": numerator and denominator in lowest terms must be below 2^127 in "
                                             "magnitude"}));
    }
    [[noreturn]] FUNDROUND_COLD static void overflow(const fraction& a, char op, const fraction& b) {
        throw overflow_error(detail::concat({"fraction: ", a.to_string(), " ", std::string_view(&op, 1), " ", b.to_string(),
                                             " overflows: numerator and denominator in lowest terms must be below "
                                             "2^127 in magnitude"}));
    }

    rep num_ = 0;
    rep den_ = 1;
};

inline void detail::append_decimal(std::string& out, const fraction& v, int decimals, int shift, rounding mode,
                                   bool group) {
    check_decimals(decimals);
    const uint128 d = static_cast<uint128>(v.denominator());
    const uint128 n = magnitude(v.numerator());
    // One buffer: room for a '-', a '.' and a carry digit, the whole digits (at most 39), then
    // decimals + shift digits by long division (at most 62), rounded as one digit string.
    char buffer[3 + 39 + 62];
    char* const whole_end = buffer + 3 + 39;
    char* first = write_digits_backward(whole_end, n / d);
    uint128 r = n % d;
    char* const end = whole_end + decimals + shift;
    if ((d >> 60) == 0) {  // d < 2^60, as nearly every denominator: 10 r < 2^64, one 64-bit division a digit
        const auto d64 = static_cast<std::uint64_t>(d);
        auto r64 = static_cast<std::uint64_t>(r);
        for (char* p = whole_end; p != end; ++p) {
            const std::uint64_t ten_r = r64 * 10U;
            *p = static_cast<char>('0' + ten_r / d64);
            r64 = ten_r % d64;
        }
        r = r64;
    } else {
        // x = x + y modulo d (x, y < d: never overflows); returns how many d were taken off (0 or
        // 1).
        const auto add_mod = [&d](uint128& x, const uint128& y) {
            const uint128 room = d - y;
            if (x >= room) {
                x -= room;
                return 1;
            }
            x += y;
            return 0;
        };
        for (char* p = whole_end; p != end; ++p) {
            // 10 r = digit d + r', with r < d < 2^127, by doublings modulo d and no division:
            // 2r = w1 d + r2, 4r = (2 w1 + w2) d + r4, 8r = (4 w1 + 2 w2 + w3) d + r8, and
            // 10r = 8r + 2r = (5 w1 + 2 w2 + w3 + w4) d + r'.
            uint128 r2 = r;
            const int w1 = add_mod(r2, r);
            uint128 r4 = r2;
            const int w2 = add_mod(r4, r2);
            r = r4;
            const int w3 = add_mod(r, r4);
            const int w4 = add_mod(r, r2);
            *p = static_cast<char>('0' + 5 * w1 + 2 * w2 + w3 + w4);
        }
    }
    const bool negative = v.sign() < 0;
    if (round_increment(uint128(static_cast<unsigned>(end[-1] - '0')), r, d, negative, mode)) {
        for (char* p = end;;) {
            if (p == first) {
                *--first = '1';
                break;
            }
            if (*--p != '9') {
                ++*p;
                break;
            }
            *p = '0';
        }
    }
    // The first `shift` fractional digits belong to the whole part (shift 2: percent); leading
    // zeros from the shift go ("005" -> "5").
    char* const point = whole_end + shift;
    while (first + 1 < point && *first == '0') ++first;
    const bool nonzero = std::find_if(first, end, [](char c) { return c != '0'; }) != end;
    if (negative && nonzero) out += '-';
    for (; group && point - first > 3; ++first) {  // grouped: the whole part digit by digit down to the last three
        out += *first;
        if ((point - first - 1) % 3 == 0) out += ',';
    }
    out.append(first, static_cast<std::size_t>(point - first));
    if (point != end) {
        out += '.';
        out.append(point, static_cast<std::size_t>(end - point));
    }
}

inline fraction fraction::from_decimal(std::string_view text) {
    using detail::uint128;
    const auto fail = [&](std::size_t at, const std::string& reason) {
        throw parse_error(std::string(text), at, reason);
    };
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    const std::size_t int_begin = i;
    std::size_t int_end = i;
    std::size_t frac_begin = 0;
    std::size_t frac_end = 0;
    bool seen_point = false;
    bool percent = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') continue;
        if (c == '.' && !seen_point && i > int_begin && i + 1 < text.size() && text[i + 1] >= '0' &&
            text[i + 1] <= '9') {
            seen_point = true;
            int_end = i;
            frac_begin = i + 1;
        } else if (c == '%' && i + 1 == text.size() && i > int_begin) {
            percent = true;
            break;
        } else {
            fail(i, "unexpected " + detail::quoted_char_at(text, i) + "; expected a decimal number such as 0.7 or 70%");
        }
    }
    if (i == int_begin) fail(i, "expected at least one digit");
    if (seen_point) {
        frac_end = i;
    } else {
        int_end = i;
        frac_begin = frac_end = i;
    }
    // Leading zeros of the whole part and trailing zeros after the point do not count.
    std::size_t first = int_begin;
    while (first < int_end && text[first] == '0') ++first;
    while (frac_end > frac_begin && text[frac_end - 1] == '0') --frac_end;
    const std::size_t frac_digits = frac_end - frac_begin;
    std::size_t significant = (int_end - first) + frac_digits;
    if (first == int_end) {  // 0.000123: the zeros after the point are not significant
        std::size_t j = frac_begin;
        while (j < frac_end && text[j] == '0') ++j;
        significant = frac_end - j;
    }
    const auto limit = static_cast<std::size_t>(max_decimal_digits);
    if (significant > limit) {
        fail(first, "fraction: " + detail::digits(significant) +
                        " significant digits: at most 38 fit the exact 128-bit fraction");
    }
    const std::size_t scale = frac_digits + (percent ? 2U : 0U);
    if (scale > limit) {
        fail(frac_begin, "fraction: " + detail::digits(frac_digits) + " digits after the point" +
                             (percent ? " of a percentage" : "") + ": at most " +
                             detail::digits(percent ? limit - 2 : limit) +
                             " fit the exact 128-bit fraction");
    }
    uint128 value = 0;
    for (std::size_t j = first; j < int_end; ++j) value = value * 10U + static_cast<unsigned>(text[j] - '0');
    for (std::size_t j = frac_begin; j < frac_end; ++j) {
        value = value * 10U + static_cast<unsigned>(text[j] - '0');
    }
    uint128 denominator = 1;
    for (std::size_t j = 0; j < scale; ++j) denominator *= 10U;
    const uint128 g = detail::gcd(value, denominator);
    if (value == 0) return fraction();
    return from_parts(negative, value / g, denominator / g);
}

namespace detail {

/// @p units * @p f rounded by @p mode, exactly (a 192-bit intermediate where needed); throws
/// overflow_error if the result does not fit 64 bits. money::times(fraction, mode) calls it.
inline std::int64_t scale_units(std::int64_t units, const fraction& f, rounding mode) {
    if (!enum_known(mode, rounding_names)) throw_unknown_rounding(mode);  // also when nothing rounds
    if (units == 0 || f.is_zero()) return 0;
    const bool negative = (units < 0) != (f.sign() < 0);
    uint128 u = magnitude(int128(units));
    uint128 n = magnitude(f.numerator());
    uint128 d = static_cast<uint128>(f.denominator());
    const uint128 g = gcd(u, d);
    u /= g;
    d /= g;
    uint128 q = 0;
    uint128 r = 0;
    uint128 p = 0;
    if (!mul_overflow(u, n, p)) {
        q = p / d;
        r = p % d;
    } else {
        // u n / d = u (n div d) + u (n mod d) / d; the second part by shift-and-add over u's
        // 64 bits keeping the remainder below d (so below 2^127: doubling it cannot overflow).
        if (mul_overflow(u, n / d, q) || q > uint128(int64_max) + 1U) {
            throw_money_overflow("multiplication by a fraction");
        }
        const uint128 rn = n % d;
        uint128 q2 = 0;
        for (int bit = 63; bit >= 0; --bit) {
            q2 <<= 1;
            r <<= 1;
            if (r >= d) {
                r -= d;
                q2 += 1U;
            }
            if (((u >> bit) & 1U) != 0) {
                r += rn;
                if (r >= d) {
                    r -= d;
                    q2 += 1U;
                }
            }
        }
        q += q2;  // both below 2^64 + small: no overflow in 128 bits
    }
    if (round_increment(q, r, d, negative, mode)) q += 1U;
    const uint128 limit = uint128(int64_max) + (negative ? 1U : 0U);
    if (q > limit) throw_money_overflow("multiplication by a fraction");
    if (negative) return q == limit ? int64_min : -static_cast<std::int64_t>(q);
    return static_cast<std::int64_t>(q);
}

/// A 64-bit mix of a 128-bit value (splitmix64 finaliser over both halves and the sign).
inline std::size_t hash_int128(int128 v) noexcept {
    const auto mix = [](std::uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    const uint128 m = magnitude(v);
    const auto lo = static_cast<std::uint64_t>(m & uint128(~std::uint64_t{0}));
    const auto hi = static_cast<std::uint64_t>(m >> 64);
    return static_cast<std::size_t>(mix(lo ^ mix(hi + (v < 0 ? 1U : 0U))));
}

}  // namespace detail

FUNDROUND_END_NAMESPACE

namespace std {

/// Hash of a fraction (of its lowest terms), for unordered containers.
template <>
struct hash<fundround::fraction> {
    /// The hash of @p f; equal fractions hash equally.
    [[nodiscard]] std::size_t operator()(const fundround::fraction& f) const noexcept {
        const std::size_t a = fundround::detail::hash_int128(f.numerator());
        const std::size_t b = fundround::detail::hash_int128(f.denominator());
        return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
};

}  // namespace std

#endif  // FUNDROUND_NUMERIC_FRACTION_HPP
