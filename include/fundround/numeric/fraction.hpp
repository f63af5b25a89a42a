/// @file numeric/fraction.hpp
/// @brief Exact rational numbers for ownership, multiples and probabilities.
#ifndef FUNDROUND_NUMERIC_FRACTION_HPP
#define FUNDROUND_NUMERIC_FRACTION_HPP

#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/rounding.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace fundround {

/// An exact rational number, always in lowest terms with a positive denominator.
///
/// Ownership (5/84), multiples (73/50 = 1.46x) and probabilities are fractions. They never
/// pass through floating point; to_double() exists for display and plotting only.
class fraction {
    using rational_t = boost::multiprecision::cpp_rational;
    using integer_t = boost::multiprecision::cpp_int;

public:
    /// The arbitrary-precision integer type of numerator and denominator.
    using integer = boost::multiprecision::cpp_int;
    /// The underlying Boost.Multiprecision rational type.
    using rational = boost::multiprecision::cpp_rational;

    /// Zero.
    fraction() = default;
    /// The whole number @p n.
    fraction(std::int64_t n)  // NOLINT(google-explicit-constructor): 3 is a fraction
        : value_(rational_t(n)) {}
    /// Deleted: a binary floating-point value is not exact; use from_decimal("0.7") or fraction(7, 10).
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    fraction(F) = delete;
    /// Deleted: a binary floating-point value is not exact; use from_decimal() or integers.
    template <class N, class D,
              std::enable_if_t<std::is_floating_point_v<N> || std::is_floating_point_v<D>, int> = 0>
    fraction(N, D) = delete;
    /// @p numerator / @p denominator; throws invalid_argument_error if the denominator is zero.
    fraction(std::int64_t numerator, std::int64_t denominator)
        : fraction(integer(numerator), integer(denominator)) {}
    /// @p numerator / @p denominator on big integers; throws if the denominator is zero.
    fraction(const integer& numerator, const integer& denominator) {
        const integer& d = denominator;
        if (d == 0) throw invalid_argument_error("fraction: denominator = 0: must not be zero");
        value_ = rational_t(numerator, d);
    }
    /// Wraps a Boost rational.
    explicit fraction(rational value) : value_(std::move(value)) {}

    /// Parses an exact decimal such as "0.7", "-1.25" or "70%" (percent divides by 100).
    static fraction from_decimal(std::string_view text);

    /// The numerator in lowest terms (carries the sign).
    integer_t numerator() const { return boost::multiprecision::numerator(get()); }
    /// The denominator in lowest terms (always positive).
    integer_t denominator() const { return boost::multiprecision::denominator(get()); }
    /// The underlying Boost rational.
    const rational& value() const noexcept { return value_; }

    /// True if the value is zero.
    bool is_zero() const { return get() == 0; }
    /// True if the denominator is 1.
    bool is_integer() const { return denominator() == 1; }
    /// -1, 0 or 1.
    int sign() const { return get().sign(); }

    /// Approximate value for display only; never feed it back into money arithmetic.
    double to_double() const { return get().template convert_to<double>(); }

    /// The value rounded to an integer by @p mode.
    integer_t round_to_integer(rounding mode) const;

    /// Decimal text with exactly @p decimals digits after the point, rounded by @p mode ("1.46").
    std::string to_decimal_string(int decimals, rounding mode = rounding::half_even) const;
    /// Percentage text with @p decimals digits, rounded by @p mode ("5.952381%").
    std::string to_percent_string(int decimals, rounding mode = rounding::half_even) const;
    /// Multiple text with @p decimals digits ("1.46x").
    std::string to_multiple_string(int decimals, rounding mode = rounding::half_even) const;
    /// Exact text "n/d", or "n" when the denominator is 1.
    std::string to_string() const;

    /// The negated value (exact).
    fraction operator-() const { return fraction(rational(-get())); }
    /// Adds @p o in place, exactly.
    fraction& operator+=(const fraction& o) { get() += o.value_; return *this; }
    /// Subtracts @p o in place, exactly.
    fraction& operator-=(const fraction& o) { get() -= o.value_; return *this; }
    /// Multiplies by @p o in place, exactly.
    fraction& operator*=(const fraction& o) { get() *= o.value_; return *this; }
    /// Division; throws invalid_argument_error on division by zero.
    fraction& operator/=(const fraction& o) {
        if (o.get() == 0) throw invalid_argument_error("fraction: division by zero");
        get() /= o.value_;
        return *this;
    }
    /// The exact sum.
    friend fraction operator+(fraction a, const fraction& b) { return a.operator+=(b); }
    /// The exact difference.
    friend fraction operator-(fraction a, const fraction& b) { return a.operator-=(b); }
    /// The exact product.
    friend fraction operator*(fraction a, const fraction& b) { return a.operator*=(b); }
    /// The exact quotient; throws invalid_argument_error if @p b is zero.
    friend fraction operator/(fraction a, const fraction& b) { return a.operator/=(b); }

    /// True if the values are equal (1/2 == 2/4: both are kept in lowest terms).
    friend bool operator==(const fraction& a, const fraction& b) { return a.get() == b.value_; }
    /// True if the values differ.
    friend bool operator!=(const fraction& a, const fraction& b) { return a.get() != b.value_; }
    /// Exact numeric order: true if @p a is less than @p b.
    friend bool operator<(const fraction& a, const fraction& b) { return a.get() < b.value_; }
    /// Exact numeric order: true if @p a is at most @p b.
    friend bool operator<=(const fraction& a, const fraction& b) { return a.get() <= b.value_; }
    /// Exact numeric order: true if @p a is greater than @p b.
    friend bool operator>(const fraction& a, const fraction& b) { return a.get() > b.value_; }
    /// Exact numeric order: true if @p a is at least @p b.
    friend bool operator>=(const fraction& a, const fraction& b) { return a.get() >= b.value_; }

    /// Writes the exact form "n/d".
    friend std::ostream& operator<<(std::ostream& os, const fraction& f) {
        return os << f.to_string();
    }

private:
    rational_t& get() noexcept { return value_; }
    const rational_t& get() const noexcept { return value_; }

    rational value_;
};

namespace detail {

/// 10^@p exponent as a big integer.
inline fraction::integer pow10(int exponent) {
    fraction::integer r = 1;
    for (int i = 0; i < exponent; ++i) r *= 10;
    return r;
}

/// n / d (d > 0) rounded to an integer by @p mode, on big integers.
inline fraction::integer divide_rounded(const fraction::integer& n,
                                               const fraction::integer& d, rounding mode) {
    return divide_rounded_integer<fraction::integer>(n, d, mode);
}

/// Places a decimal point @p decimals digits from the right of the integer @p scaled.
inline std::string insert_decimal_point(const fraction::integer& scaled, int decimals) {
    using integer = fraction::integer;
    const bool negative = scaled < 0;
    std::string digits = (negative ? integer(-scaled) : scaled).str();
    const auto d = static_cast<std::size_t>(decimals);
    if (digits.size() <= d) digits.insert(0, d + 1 - digits.size(), '0');
    if (d > 0) digits.insert(digits.size() - d, 1, '.');
    return (negative ? "-" : "") + digits;
}

}  // namespace detail

inline fraction::integer_t fraction::round_to_integer(rounding mode) const {
    return detail::divide_rounded(numerator(), denominator(), mode);
}

inline std::string fraction::to_decimal_string(int decimals, rounding mode) const {
    detail::check_decimals(decimals);
    const integer_t scaled = detail::divide_rounded(
        numerator() * detail::pow10(decimals), denominator(), mode);
    return detail::insert_decimal_point(scaled, decimals);
}

inline std::string fraction::to_percent_string(int decimals, rounding mode) const {
    fraction percent = *this;
    percent.operator*=(fraction(100));
    return percent.to_decimal_string(decimals, mode) + "%";
}

inline std::string fraction::to_multiple_string(int decimals, rounding mode) const {
    return to_decimal_string(decimals, mode) + "x";
}

inline std::string fraction::to_string() const {
    if (is_integer()) return numerator().str();
    return numerator().str() + "/" + denominator().str();
}

inline fraction fraction::from_decimal(std::string_view text) {
    using big = integer;
    const std::string input(text);
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    big digits = 0;
    int fraction_digits = 0;
    bool seen_digit = false;
    bool seen_point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            digits = digits * 10 + (c - '0');
            seen_digit = true;
            if (seen_point) ++fraction_digits;
        } else if (c == '.' && !seen_point && seen_digit && i + 1 < text.size() &&
                   text[i + 1] >= '0' && text[i + 1] <= '9') {
            seen_point = true;
        } else if (c == '%' && i + 1 == text.size() && seen_digit) {
            break;
        } else {
            throw parse_error(input, i, std::string("unexpected '") + c +
                                            "'; expected a decimal number such as 0.7 or 70%");
        }
    }
    if (!seen_digit) throw parse_error(input, i, "expected at least one digit");
    const bool percent = !text.empty() && text.back() == '%';
    big denominator = detail::pow10(fraction_digits + (percent ? 2 : 0));
    return fraction(negative ? big(-digits) : digits, denominator);
}

}  // namespace fundround

#endif  // FUNDROUND_NUMERIC_FRACTION_HPP
