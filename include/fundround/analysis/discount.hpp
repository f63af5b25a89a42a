/// @file analysis/discount.hpp
/// @brief Exact present values: named day-count conventions, simple or annual compounding with a
/// simple stub, a rate given as an exact decimal; no floating point anywhere.
#ifndef FUNDROUND_ANALYSIS_DISCOUNT_HPP
#define FUNDROUND_ANALYSIS_DISCOUNT_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>


#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How the time between two dates becomes a fraction of a year.
enum class day_count {
    actual_365_fixed,  ///< Actual days / 365, leap years included ("ACT/365F").
    actual_360,        ///< Actual days / 360 ("ACT/360", money-market basis).
    thirty_e_360,      ///< 30E/360 (Eurobond basis): day 31 counts as 30, February is not adjusted.
};

/// The convention's market name: "actual/365 fixed", "actual/360" or "30E/360".
[[nodiscard]] constexpr std::string_view to_string(day_count convention) noexcept {
    switch (convention) {
        case day_count::actual_365_fixed: return "actual/365 fixed";
        case day_count::actual_360: return "actual/360";
        case day_count::thirty_e_360: return "30E/360";
    }
    return "unknown";
}

/// How interest grows over a year fraction t at annual rate r.
enum class compounding {
    simple,                   ///< Growth 1 + r t.
    annual_with_simple_stub,  ///< Growth (1 + r)^n (1 + r f), n = whole years of t, f = t - n.
};

/// The method's name as written in code, e.g. "annual_with_simple_stub".
[[nodiscard]] constexpr std::string_view to_string(compounding method) noexcept {
    switch (method) {
        case compounding::simple: return "simple";
        case compounding::annual_with_simple_stub: return "annual_with_simple_stub";
    }
    return "unknown";
}

/// What happens to a flow dated before the valuation date.
enum class past_flow_rule {
    compound_forward,  ///< Valued at the valuation date: amount times the growth over the gap.
    reject,            ///< An error: every flow must be on or after the valuation date.
};

/// The rule's name as written in code, e.g. "compound_forward".
[[nodiscard]] constexpr std::string_view to_string(past_flow_rule rule) noexcept {
    switch (rule) {
        case past_flow_rule::compound_forward: return "compound_forward";
        case past_flow_rule::reject: return "reject";
    }
    return "unknown";
}

namespace detail {

/// day_count's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view day_count_names[] = {"actual_365_fixed", "actual_360", "thirty_e_360"};
/// compounding's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view compounding_names[] = {"simple", "annual_with_simple_stub"};
/// past_flow_rule's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view past_flow_rule_names[] = {"compound_forward", "reject"};

/// Day-count numerator and denominator for from -> to (valid dates; negative if to < from).
inline std::pair<std::int64_t, std::int64_t> day_count_parts(calendar_date from, calendar_date to0,
                                                      day_count convention) {
    const calendar_date to = to0;
    switch (convention) {
        case day_count::actual_365_fixed:
        case day_count::actual_360: {
            const std::int64_t elapsed = (to - from).count();
            return {elapsed, convention == day_count::actual_360 ? 360 : 365};
        }
        case day_count::thirty_e_360: {
            const auto clamp30 = [](calendar_date d) {
                const auto dd = static_cast<std::int64_t>(static_cast<unsigned>(d.day()));
                return dd > 30 ? std::int64_t{30} : dd;
            };
            const std::int64_t years = std::int64_t{static_cast<int>(to.year())} -
                                       std::int64_t{static_cast<int>(from.year())};
            const std::int64_t months =
                static_cast<std::int64_t>(static_cast<unsigned>(to.month())) -
                static_cast<std::int64_t>(static_cast<unsigned>(from.month()));
            return {360 * years + 30 * months + clamp30(to) - clamp30(from), 360};
        }
    }
    throw_unknown_enum("day_count", convention, day_count_names);
}

}  // namespace detail

/// The exact year fraction from @p from to @p to under @p convention: actual days / 365 or / 360,
/// or (360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1)) / 360 for 30E/360 with D = min(day, 30).
/// Negative when @p to is before @p from (year_fraction(a, b) == -year_fraction(b, a)).
/// Throws invalid_argument_error for an invalid date or an unknown convention.
[[nodiscard]] inline fraction year_fraction(calendar_date from, calendar_date to, day_count convention) {
    require_valid(from, "year_fraction: from");
    require_valid(to, "year_fraction: to");
    const auto parts = detail::day_count_parts(from, to, convention);
    return fraction(parts.first, parts.second);
}

namespace detail {

/// growth_factor() on big integers: (1 + r)^n needs more than 128 bits after a few decades.
inline big_rational growth_big(const fraction& annual_rate, const fraction& years,
                               compounding method) {
    const fraction& r = annual_rate;
    const fraction& t = years;
    if (r.sign() < 0) {
        throw invalid_argument_error("growth_factor: annual_rate = " + r.to_string() +
                                     ": must not be negative");
    }
    if (t.sign() < 0) {
        throw invalid_argument_error("growth_factor: years = " + t.to_string() +
                                     ": must not be negative");
    }
    const big_rational rate(r);
    switch (method) {
        case compounding::simple: {
            big_rational result = rate;
            result *= big_rational(t);
            result += big_rational(fraction(1));
            return result.reduce();
        }
        case compounding::annual_with_simple_stub: {
            const fraction::rep whole_years = t.numerator() / t.denominator();
            if (r.sign() > 0 && whole_years > fraction::rep(1) << 20) {
                throw overflow_error("growth_factor: years = " + t.to_string() +
                                     ": (1 + r)^n above 2^20 whole years does not fit a fraction");
            }
            auto whole = r.sign() > 0 ? static_cast<std::uint64_t>(whole_years) : 0U;
            big_rational result(to_big(t.numerator() % t.denominator()), to_big(t.denominator()));
            result *= rate;  // r f
            result += big_rational(fraction(1));
            result.reduce();
            big_rational base = rate;
            base += big_rational(fraction(1));
            base.reduce();
            while (whole > 0) {  // square and multiply: (1 + r)^n exactly
                if ((whole & 1U) != 0) result.reduce() *= base;
                whole >>= 1U;
                if (whole > 0) base.reduce() *= base;
            }
            return result.reduce();
        }
    }
    throw_unknown_enum("compounding", method, compounding_names);
}

}  // namespace detail

/// The exact growth of 1 over @p years (not negative) at @p annual_rate (not negative):
/// 1 + r t (simple), or (1 + r)^n (1 + r f) with n = floor(t), f = t - n
/// (annual_with_simple_stub). Throws invalid_argument_error for negative inputs and
/// overflow_error if the exact result does not fit a fraction (computed on big integers).
[[nodiscard]] inline fraction growth_factor(const fraction& annual_rate, const fraction& years, compounding method) {
    return detail::growth_big(annual_rate, years, method).to_fraction("growth_factor");
}

class exact_rational;
namespace detail {
/// Makes an exact_rational from a big rational already in lowest terms, without the gcd that
/// puts it there (internal use: the conversion solver keeps its big values in lowest terms).
struct exact_rational_access;
}  // namespace detail

/// An exact rational number of any size: a present value summed over many dates outgrows the
/// 128-bit fraction ((1 + r)^n denominators multiply), so a value that does not fit is kept on
/// big integers (detail::big_rational, in lowest terms). A value that fits is kept as a
/// fraction (no big integers, no allocation: most values do); the two are one value type, with
/// the same results either way. Compares with and converts from fraction; to_fraction() narrows
/// it.
class exact_rational {
public:
    /// Zero.
    exact_rational() = default;
    /// The fraction @p f, exactly.
    exact_rational(const fraction& f) : small_(f) {}  // NOLINT(google-explicit-constructor)
    /// The big rational @p v (put in lowest terms; kept as a fraction if it fits).
    explicit exact_rational(detail::big_rational v) { set(std::move(v)); }
    /// Now the fraction @p f, exactly (no temporary: a value assigned in a loop costs a copy).
    exact_rational& operator=(const fraction& f) {
        small_ = f;
        big_.reset();
        return *this;
    }

    /// The value as a fraction; throws overflow_error if a term in lowest terms reaches 2^127.
    [[nodiscard]] fraction to_fraction() const { return big_ ? big_->to_fraction("exact_rational") : small_; }
    /// The value on big integers, in lowest terms (internal use).
    [[nodiscard]] detail::big_rational big() const { return big_ ? *big_ : detail::big_rational(small_); }
    /// True if the value fits a fraction (the light representation).
    [[nodiscard]] bool fits_fraction() const noexcept { return !big_; }
    /// -1, 0 or 1.
    [[nodiscard]] int sign() const { return big_ ? big_->sign() : small_.sign(); }
    /// Exact text "n/d", or "n" when the denominator is 1.
    [[nodiscard]] std::string to_string() const { return big_ ? big_->to_string() : small_.to_string(); }
    /// Decimal text with exactly @p decimals digits (0 to 60) after the point, rounded by @p mode.
    [[nodiscard]] std::string to_decimal_string(int decimals, rounding mode = rounding::half_even) const {
        return big().to_decimal_string(decimals, mode);
    }

    /// The negated value.
    [[nodiscard]] exact_rational operator-() const { return big_ ? exact_rational(-*big_) : exact_rational(-small_); }
    /// Adds @p o in place, exactly.
    exact_rational& operator+=(const exact_rational& o) { return add(o, false); }
    /// Subtracts @p o in place, exactly.
    exact_rational& operator-=(const exact_rational& o) { return add(o, true); }
    /// The exact sum.
    [[nodiscard]] friend exact_rational operator+(exact_rational a, const exact_rational& b) { return a += b; }
    /// The exact difference.
    [[nodiscard]] friend exact_rational operator-(exact_rational a, const exact_rational& b) { return a -= b; }
    /// True if the values are equal.
    [[nodiscard]] friend bool operator==(const exact_rational& a, const exact_rational& b) {
        if (!a.big_ && !b.big_) return a.small_ == b.small_;
        if (!a.big_ || !b.big_) return false;  // both in lowest terms: a value that fits a fraction is kept as one
        return *a.big_ == *b.big_;
    }
    /// True if the values differ.
    [[nodiscard]] friend bool operator!=(const exact_rational& a, const exact_rational& b) { return !(a == b); }
    /// Writes the exact form "n/d".
    friend std::ostream& operator<<(std::ostream& os, const exact_rational& v) {
        return os << v.to_string();
    }

private:
    friend struct detail::exact_rational_access;
    void set(detail::big_rational v) {
        v.reduce();
        set_lowest(std::move(v));
    }
    void set_lowest(detail::big_rational v) {  // v in lowest terms
        const detail::big_int& n = v.numerator();
        const detail::big_int& d = v.denominator();
        if ((n == 0 || boost::multiprecision::msb(n < 0 ? detail::big_int(-n) : n) < 127) && boost::multiprecision::msb(d) < 127) {
            small_ = fraction(detail::from_big(n, "exact_rational"), detail::from_big(d, "exact_rational"));
            big_.reset();
        } else {
            small_ = fraction();
            big_ = std::make_shared<const detail::big_rational>(std::move(v));
        }
    }
    exact_rational& add(const exact_rational& o, bool subtract) {
        if (!big_ && !o.big_) {
            try {
                small_ = subtract ? small_ - o.small_ : small_ + o.small_;
                return *this;
            } catch (const overflow_error&) {  // the sum outgrows 128 bits: on big integers
            } catch (const std::overflow_error&) {  // Boost's checked 128-bit integers (FUNDROUND_NO_INT128)
            }
        }
        detail::big_rational r = big();
        if (subtract) {
            r -= o.big();
        } else {
            r += o.big();
        }
        set(std::move(r));
        return *this;
    }

    fraction small_;                                      // the value, when it fits
    std::shared_ptr<const detail::big_rational> big_;     // the value, when it does not (immutable, shared by copies)
};

namespace detail {
struct exact_rational_access {
    /// @p v, which is in lowest terms, as an exact_rational (no gcd).
    [[nodiscard]] static exact_rational lowest(big_rational v) {
        exact_rational r;
        r.set_lowest(std::move(v));
        return r;
    }
};
}  // namespace detail

/// An exact value in major currency units together with that value rounded to an amount.
struct present_value {
    exact_rational exact;  ///< The exact value in major units of the currency (dollars for USD).
    money rounded;   ///< @ref exact rounded once to the currency's minor unit (cents) by the named mode.

    /// True if both the exact and the rounded values are equal.
    [[nodiscard]] friend bool operator==(const present_value& a, const present_value& b) {
        const present_value& x = a;
        return x.exact == b.exact && x.rounded == b.rounded;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const present_value& a, const present_value& b) {
        return !(a == b);
    }
};

namespace detail {

/// @p minor minor units of a currency with @p minor_digits digits as major-unit text: exact
/// ("-123.45") up to 30 integer digits, else its magnitude ("about 1.23e+456").
inline std::string minor_units_text(const big_int& minor, int minor_digits) {
    std::string digits = (minor < 0 ? big_int(-minor) : minor).str();
    const std::string sign = minor < 0 ? "-" : "";
    const auto scale = static_cast<std::size_t>(minor_digits);
    if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
    const std::size_t whole = digits.size() - scale;
    if (whole <= 30) {
        return sign + digits.substr(0, whole) + (scale > 0 ? "." + digits.substr(whole) : "");
    }
    return "about " + sign + digits.substr(0, 1) + "." + digits.substr(1, 2) + "e+" + std::to_string(whole - 1);
}

/// @p exact major units of @p c rounded once to the minor unit (cents for USD) by @p mode;
/// throws overflow_error naming @p what, the rounded value and the limit if the result does
/// not fit in a money.
inline money round_exact_to_minor_unit(const big_rational& exact, currency c, rounding mode,
                                       std::string_view what = "present value") {
    std::int64_t unit = money::units_per_major;  // units per minor unit
    for (int i = 0; i < c.minor_digits(); ++i) unit /= 10;
    const big_int minor = exact.scaled_rounded(big_int(money::units_per_major / unit), mode);
    const big_int units = minor * unit;
    if (units > detail::int64_max || units < detail::int64_min) {
        throw overflow_error(std::string(what) + " = " + minor_units_text(minor, c.minor_digits()) + " " +
                             c.c_str() + ": does not fit a money (at most " +
                             minor_units_text(big_int(detail::int64_max / unit), c.minor_digits()) +
                             " in magnitude)");
    }
    return money::from_units(static_cast<std::int64_t>(units), c);
}

/// @p exact major units of @p c rounded once to the minor unit (cents for USD) by @p mode;
/// throws overflow_error if the result does not fit in a money.
inline money round_exact_to_minor_unit(const fraction& exact, currency c, rounding mode,
                                       std::string_view what = "present value") {
    return round_exact_to_minor_unit(big_rational(exact), c, mode, what);
}

/// @p exact major units of @p c rounded once to the minor unit (cents for USD) by @p mode;
/// throws overflow_error if the result does not fit in a money.
inline money round_exact_to_minor_unit(const exact_rational& exact, currency c, rounding mode,
                                       std::string_view what = "present value") {
    return round_exact_to_minor_unit(exact.big(), c, mode, what);
}

}  // namespace detail

/// The terms of a valuation: an annual rate, a valuation date, a named day count, a named
/// compounding method and a rule for flows dated before the valuation date. Immutable.
///
/// A flow of amount A on date d is worth A / g(t) at the valuation date v when d >= v, where
/// t = year_fraction(v, d) and g is growth_factor(). A flow before v is worth A * g(t) with
/// t = year_fraction(d, v) under past_flow_rule::compound_forward (the same formula run forward),
/// and is an error under past_flow_rule::reject.
class discount_terms {
public:
    /// Validates every input at once; throws validation_error listing each problem
    /// (negative rate, invalid valuation date or one after 9999-12-31, unknown convention,
    /// method or rule).
    discount_terms(fraction annual_rate, calendar_date valuation_date, day_count convention,
                   compounding method,
                   past_flow_rule past_flows = past_flow_rule::compound_forward)
        : rate_(std::move(annual_rate)),
          valuation_date_(valuation_date),
          convention_(convention),
          method_(method),
          past_(past_flows) {
        std::vector<diagnostic> problems;
        if (rate_.sign() < 0) {
            problems.push_back({field_path("annual_rate"), rate_.to_string(), "must not be negative"});
        }
        if (!is_modelled(valuation_date_)) {
            problems.push_back({field_path("valuation_date"), to_string(valuation_date_),
                                valuation_date_.ok() ? date_rule(valuation_date_) : "must be a valid calendar date"});
        }
        detail::check_known_enum(problems, field_path("convention"), convention_, detail::day_count_names);
        detail::check_known_enum(problems, field_path("method"), method_, detail::compounding_names);
        detail::check_known_enum(problems, field_path("past_flows"), past_, detail::past_flow_rule_names);
        if (!problems.empty()) throw validation_error("discount_terms", std::move(problems));
    }

    /// The annual rate, e.g. 2/25 for fraction::from_decimal("0.08").
    [[nodiscard]] const fraction& annual_rate() const noexcept { return rate_; }
    /// The date every flow is valued at.
    [[nodiscard]] calendar_date valuation_date() const noexcept { return valuation_date_; }
    /// The day-count convention that turns dates into year fractions.
    [[nodiscard]] day_count convention() const noexcept { return convention_; }
    /// The compounding method.
    [[nodiscard]] compounding method() const noexcept { return method_; }
    /// The rule for flows dated before the valuation date.
    [[nodiscard]] past_flow_rule past_flows() const noexcept { return past_; }

    /// True if a flow on @p paid_on is refused by past_flow_rule::reject.
    [[nodiscard]] bool rejects(calendar_date paid_on) const {
        return past_ == past_flow_rule::reject && paid_on < valuation_date_;
    }

    /// The exact multiplier that values a flow on @p paid_on at the valuation date: 1 / g(t) on
    /// or after it, g(t) before it (compound_forward). Throws invalid_argument_error for an
    /// invalid date or a date the reject rule refuses.
    [[nodiscard]] fraction value_factor(calendar_date paid_on) const {
        return value_factor_big(paid_on).to_fraction("value_factor");
    }

    /// The exact value at the valuation date, in major units, of @p amount paid on @p paid_on
    /// (on big integers: decades of (1 + r)^n outgrow a fraction).
    [[nodiscard]] exact_rational exact_value(money amount, calendar_date paid_on) const {
        return exact_rational(exact_value_big(amount, paid_on));
    }

    /// The value of @p amount paid on @p paid_on: exact, and rounded to the minor unit by @p mode;
    /// throws overflow_error naming the flow and the rounded value if that does not fit a money.
    [[nodiscard]] present_value value(money amount, calendar_date paid_on, rounding mode) const {
        const detail::big_rational exact = exact_value_big(amount, paid_on);
        const money rounded = detail::round_exact_to_minor_unit(
            exact, amount.currency(), mode, "value of " + format_full(amount) + " paid on " + to_string(paid_on));
        return present_value{exact_rational(exact), rounded};
    }

private:
    detail::big_rational exact_value_big(money amount, calendar_date paid_on) const {
        detail::big_rational exact(fraction(amount.units(), money::units_per_major));
        exact *= value_factor_big(paid_on);
        return exact.reduce();
    }

    detail::big_rational value_factor_big(calendar_date paid_on) const {
        const calendar_date day = paid_on;
        require_valid(day, "value_factor: paid_on");
        if (rejects(day)) {
            throw invalid_argument_error("paid_on = " + to_string(day) +
                                         ": is before the valuation date " +
                                         to_string(valuation_date_) + " (past_flow_rule::reject)");
        }
        if (day < valuation_date_) {
            return detail::growth_big(rate_, year_fraction(day, valuation_date_, convention_),
                                      method_);
        }
        const detail::big_rational g =
            detail::growth_big(rate_, year_fraction(valuation_date_, day, convention_), method_);
        return detail::big_rational(g.denominator(), g.numerator());  // 1 / g, g >= 1
    }

    fraction rate_;
    calendar_date valuation_date_;
    day_count convention_;
    compounding method_;
    past_flow_rule past_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_ANALYSIS_DISCOUNT_HPP
