/// @file fraction.hpp
/// @brief Exact rational numbers for ownership, multiples and probabilities.
#ifndef FUNDROUND_FRACTION_HPP
#define FUNDROUND_FRACTION_HPP

#include <fundround/detail/checked.hpp>
#include <fundround/detail/lazy.hpp>
#include <fundround/error.hpp>
#include <fundround/rounding.hpp>

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
    // Every member that does Boost.Multiprecision arithmetic is a template on a defaulted
    // `Lazy` parameter (detail/lazy.hpp): a translation unit that includes this header but does
    // not call it does not instantiate it. Callers never name the parameter. Results of type
    // integer are spelled integer_t<Lazy> (the same type): a function template defined with a
    // non-dependent return type of class type makes g++ instantiate that class right away.
    template <class Lazy>
    using rational_t = detail::lazy_t<boost::multiprecision::cpp_rational, Lazy>;
    template <class Lazy>
    using integer_t = detail::lazy_t<boost::multiprecision::cpp_int, Lazy>;

public:
    /// The arbitrary-precision integer type of numerator and denominator.
    using integer = boost::multiprecision::cpp_int;
    /// The underlying Boost.Multiprecision rational type.
    using rational = boost::multiprecision::cpp_rational;

    /// Zero.
    fraction() = default;
    /// The whole number @p n.
    template <class Lazy = void>
    fraction(std::int64_t n)  // NOLINT(google-explicit-constructor): 3 is a fraction
        : value_(rational_t<Lazy>(n)) {}
    /// Deleted: a binary floating-point value is not exact; use from_decimal("0.7") or fraction(7, 10).
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    fraction(F) = delete;
    /// Deleted: a binary floating-point value is not exact; use from_decimal() or integers.
    template <class N, class D,
              std::enable_if_t<std::is_floating_point_v<N> || std::is_floating_point_v<D>, int> = 0>
    fraction(N, D) = delete;
    /// @p numerator / @p denominator; throws invalid_argument_error if the denominator is zero.
    template <class Lazy = void>
    fraction(std::int64_t numerator, std::int64_t denominator)
        : fraction(detail::lazy_t<integer, Lazy>(numerator), integer(denominator)) {}
    /// @p numerator / @p denominator on big integers; throws if the denominator is zero.
    template <class Lazy = void>
    fraction(const integer& numerator, const integer& denominator) {
        const detail::lazy_t<integer, Lazy>& d = denominator;
        if (d == 0) throw invalid_argument_error("fraction: denominator = 0: must not be zero");
        value_ = rational_t<Lazy>(numerator, d);
    }
    /// Wraps a Boost rational.
    template <class Lazy = void>
    explicit fraction(rational value) : value_(std::move(value)) {}

    /// Parses an exact decimal such as "0.7", "-1.25" or "70%" (percent divides by 100).
    template <class Lazy = void>
    static fraction from_decimal(std::string_view text);

    /// The numerator in lowest terms (carries the sign).
    template <class Lazy = void>
    integer_t<Lazy> numerator() const { return boost::multiprecision::numerator(get<Lazy>()); }
    /// The denominator in lowest terms (always positive).
    template <class Lazy = void>
    integer_t<Lazy> denominator() const { return boost::multiprecision::denominator(get<Lazy>()); }
    /// The underlying Boost rational.
    const rational& value() const noexcept { return value_; }

    /// True if the value is zero.
    template <class Lazy = void>
    bool is_zero() const { return get<Lazy>() == 0; }
    /// True if the denominator is 1.
    template <class Lazy = void>
    bool is_integer() const { return denominator<Lazy>() == 1; }
    /// -1, 0 or 1.
    template <class Lazy = void>
    int sign() const { return get<Lazy>().sign(); }

    /// Approximate value for display only; never feed it back into money arithmetic.
    template <class Lazy = void>
    double to_double() const { return get<Lazy>().template convert_to<double>(); }

    /// The value rounded to an integer by @p mode.
    template <class Lazy = void>
    integer_t<Lazy> round_to_integer(rounding mode) const;

    /// Decimal text with exactly @p decimals digits after the point, rounded by @p mode ("1.46").
    template <class Lazy = void>
    std::string to_decimal_string(int decimals, rounding mode = rounding::half_even) const;
    /// Percentage text with @p decimals digits, rounded by @p mode ("5.952381%").
    template <class Lazy = void>
    std::string to_percent_string(int decimals, rounding mode = rounding::half_even) const;
    /// Multiple text with @p decimals digits ("1.46x").
    template <class Lazy = void>
    std::string to_multiple_string(int decimals, rounding mode = rounding::half_even) const;
    /// Exact text "n/d", or "n" when the denominator is 1.
    template <class Lazy = void>
    std::string to_string() const;

    /// The negated value (exact).
    template <class Lazy = void>
    fraction operator-() const { return fraction(rational(-get<Lazy>())); }
    /// Adds @p o in place, exactly.
    template <class Lazy = void>
    fraction& operator+=(const fraction& o) { get<Lazy>() += o.value_; return *this; }
    /// Subtracts @p o in place, exactly.
    template <class Lazy = void>
    fraction& operator-=(const fraction& o) { get<Lazy>() -= o.value_; return *this; }
    /// Multiplies by @p o in place, exactly.
    template <class Lazy = void>
    fraction& operator*=(const fraction& o) { get<Lazy>() *= o.value_; return *this; }
    /// Division; throws invalid_argument_error on division by zero.
    template <class Lazy = void>
    fraction& operator/=(const fraction& o) {
        if (o.get<Lazy>() == 0) throw invalid_argument_error("fraction: division by zero");
        get<Lazy>() /= o.value_;
        return *this;
    }
    /// The exact sum.
    template <class Lazy = void>
    friend fraction operator+(fraction a, const fraction& b) { return a.operator+=<Lazy>(b); }
    /// The exact difference.
    template <class Lazy = void>
    friend fraction operator-(fraction a, const fraction& b) { return a.operator-=<Lazy>(b); }
    /// The exact product.
    template <class Lazy = void>
    friend fraction operator*(fraction a, const fraction& b) { return a.operator*=<Lazy>(b); }
    /// The exact quotient; throws invalid_argument_error if @p b is zero.
    template <class Lazy = void>
    friend fraction operator/(fraction a, const fraction& b) { return a.operator/=<Lazy>(b); }

    /// True if the values are equal (1/2 == 2/4: both are kept in lowest terms).
    template <class Lazy = void>
    friend bool operator==(const fraction& a, const fraction& b) { return a.get<Lazy>() == b.value_; }
    /// True if the values differ.
    template <class Lazy = void>
    friend bool operator!=(const fraction& a, const fraction& b) { return a.get<Lazy>() != b.value_; }
    /// Exact numeric order: true if @p a is less than @p b.
    template <class Lazy = void>
    friend bool operator<(const fraction& a, const fraction& b) { return a.get<Lazy>() < b.value_; }
    /// Exact numeric order: true if @p a is at most @p b.
    template <class Lazy = void>
    friend bool operator<=(const fraction& a, const fraction& b) { return a.get<Lazy>() <= b.value_; }
    /// Exact numeric order: true if @p a is greater than @p b.
    template <class Lazy = void>
    friend bool operator>(const fraction& a, const fraction& b) { return a.get<Lazy>() > b.value_; }
    /// Exact numeric order: true if @p a is at least @p b.
    template <class Lazy = void>
    friend bool operator>=(const fraction& a, const fraction& b) { return a.get<Lazy>() >= b.value_; }

    /// Writes the exact form "n/d".
    template <class Lazy = void>
    friend std::ostream& operator<<(std::ostream& os, const fraction& f) {
        return os << f.to_string<Lazy>();
    }

private:
    // value_, as a type that depends on Lazy: what uses it is instantiated only when called.
    template <class Lazy>
    rational_t<Lazy>& get() noexcept { return value_; }
    template <class Lazy>
    const rational_t<Lazy>& get() const noexcept { return value_; }

    rational value_;
};

namespace detail {

/// 10^@p exponent as a big integer.
template <class Lazy = void>
lazy_t<fraction::integer, Lazy> pow10(int exponent) {
    lazy_t<fraction::integer, Lazy> r = 1;
    for (int i = 0; i < exponent; ++i) r *= 10;
    return r;
}

/// n / d (d > 0) rounded to an integer by @p mode, on big integers.
template <class Lazy = void>
lazy_t<fraction::integer, Lazy> divide_rounded(const fraction::integer& n,
                                               const fraction::integer& d, rounding mode) {
    return divide_rounded_integer<lazy_t<fraction::integer, Lazy>>(n, d, mode);
}

/// Places a decimal point @p decimals digits from the right of the integer @p scaled.
template <class Lazy = void>
std::string insert_decimal_point(const fraction::integer& scaled0, int decimals) {
    using integer = lazy_t<fraction::integer, Lazy>;
    const integer& scaled = scaled0;
    const bool negative = scaled < 0;
    std::string digits = (negative ? integer(-scaled) : scaled).str();
    const auto d = static_cast<std::size_t>(decimals);
    if (digits.size() <= d) digits.insert(0, d + 1 - digits.size(), '0');
    if (d > 0) digits.insert(digits.size() - d, 1, '.');
    return (negative ? "-" : "") + digits;
}

}  // namespace detail

template <class Lazy>
fraction::integer_t<Lazy> fraction::round_to_integer(rounding mode) const {
    return detail::divide_rounded<Lazy>(numerator<Lazy>(), denominator<Lazy>(), mode);
}

template <class Lazy>
std::string fraction::to_decimal_string(int decimals, rounding mode) const {
    detail::check_decimals(decimals);
    const integer_t<Lazy> scaled = detail::divide_rounded<Lazy>(
        numerator<Lazy>() * detail::pow10<Lazy>(decimals), denominator<Lazy>(), mode);
    return detail::insert_decimal_point<Lazy>(scaled, decimals);
}

template <class Lazy>
std::string fraction::to_percent_string(int decimals, rounding mode) const {
    fraction percent = *this;
    percent.operator*=<Lazy>(fraction(100));
    return percent.to_decimal_string<Lazy>(decimals, mode) + "%";
}

template <class Lazy>
std::string fraction::to_multiple_string(int decimals, rounding mode) const {
    return to_decimal_string<Lazy>(decimals, mode) + "x";
}

template <class Lazy>
std::string fraction::to_string() const {
    if (is_integer<Lazy>()) return numerator<Lazy>().str();
    return numerator<Lazy>().str() + "/" + denominator<Lazy>().str();
}

template <class Lazy>
fraction fraction::from_decimal(std::string_view text) {
    using big = detail::lazy_t<integer, Lazy>;
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
    big denominator = detail::pow10<Lazy>(fraction_digits + (percent ? 2 : 0));
    return fraction(negative ? big(-digits) : digits, denominator);
}

}  // namespace fundround

#endif  // FUNDROUND_FRACTION_HPP
