/// @file numeric/money.hpp
/// @brief Exact amounts of one currency: arithmetic, rounding, allocation, parsing, formatting.
#ifndef FUNDROUND_NUMERIC_MONEY_HPP
#define FUNDROUND_NUMERIC_MONEY_HPP

#include <fundround/config.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/fwd.hpp>
#include <fundround/numeric/rounding.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// An exact amount of one currency, stored as a signed 64-bit count of thousandths of the
/// currency's major unit ("mills": $0.001). Range about +/-9.2 * 10^15 major units.
///
/// Every operation is exact or rounds by a mode you name; overflow throws overflow_error and
/// combining two currencies throws currency_mismatch_error. A default-constructed money is $0.
class money {
public:
    /// The integer representation: a count of units.
    using rep = std::int64_t;
    /// Units per major currency unit: one unit is a mill, a tenth of a cent.
    static constexpr rep units_per_major = 1000;

    /// Zero US dollars.
    constexpr money() noexcept = default;

    /// Exactly @p units thousandths of a major unit of @p c.
    static constexpr money from_units(rep units, fundround::currency c = {}) noexcept {
        return money(units, c);
    }
    /// Exactly @p whole major units (dollars) of @p c; throws overflow_error out of range.
    static money from_major(rep whole, fundround::currency c = {}) {
        return money(detail::checked_mul(whole, units_per_major), c);
    }
    /// Zero in currency @p c (start sums of non-USD amounts from this).
    static constexpr money zero(fundround::currency c) noexcept { return money(0, c); }

    /// The exact count of units (thousandths of a major unit).
    constexpr rep units() const noexcept { return units_; }
    /// The currency of the amount.
    constexpr fundround::currency currency() const noexcept { return currency_; }

    /// True if the amount is zero.
    constexpr bool is_zero() const noexcept { return units_ == 0; }
    /// True if the amount is below zero.
    constexpr bool is_negative() const noexcept { return units_ < 0; }
    /// True if the amount is above zero.
    constexpr bool is_positive() const noexcept { return units_ > 0; }

    /// The amount with its sign flipped; throws overflow_error for the most negative amount.
    money operator-() const { return money(detail::checked_neg(units_), currency_); }
    /// Adds @p o (same currency) in place; throws currency_mismatch_error or overflow_error.
    money& operator+=(money o) {
        if (currency_ != o.currency_) throw_currency_mismatch(currency_, o.currency_, "add");
        units_ = detail::checked_add(units_, o.units_);
        return *this;
    }
    /// Subtracts @p o (same currency) in place; throws currency_mismatch_error or overflow_error.
    money& operator-=(money o) {
        if (currency_ != o.currency_) throw_currency_mismatch(currency_, o.currency_, "subtract");
        units_ = detail::checked_sub(units_, o.units_);
        return *this;
    }
    /// Multiplies by a whole number in place; throws overflow_error out of range.
    money& operator*=(rep factor) {
        units_ = detail::checked_mul(units_, factor);
        return *this;
    }
    /// The exact sum; throws currency_mismatch_error or overflow_error.
    friend money operator+(money a, money b) { return a += b; }
    /// The exact difference; throws currency_mismatch_error or overflow_error.
    friend money operator-(money a, money b) { return a -= b; }
    /// The amount times a whole number, exactly; throws overflow_error out of range.
    friend money operator*(money a, rep factor) { return a *= factor; }
    /// The amount times a whole number, exactly; throws overflow_error out of range.
    friend money operator*(rep factor, money a) { return a *= factor; }

    // A floating-point factor would be truncated to an integer without a named rounding mode:
    // use times() or divided_by() with integers or a fraction instead.
    /// Deleted: a floating-point count of units does not compile; pass an integer.
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    static money from_units(F, fundround::currency = {}) = delete;
    /// Deleted: floating-point major units do not compile; use a literal (1.25_usd) or parse_money().
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    static money from_major(F, fundround::currency = {}) = delete;
    /// Deleted: a floating-point factor does not compile; use times() with integers or a fraction.
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    money& operator*=(F) = delete;
    /// Deleted: a floating-point factor does not compile; use times() with integers or a fraction.
    template <class F>
    friend std::enable_if_t<std::is_floating_point_v<F>, money> operator*(money, F) = delete;
    /// Deleted: a floating-point factor does not compile; use times() with integers or a fraction.
    template <class F>
    friend std::enable_if_t<std::is_floating_point_v<F>, money> operator*(F, money) = delete;
    /// Deleted: a floating-point ratio does not compile; use integers or a fraction.
    template <class N, class D,
              std::enable_if_t<std::is_floating_point_v<N> || std::is_floating_point_v<D>, int> = 0>
    money times(N, D, rounding) const = delete;
    /// Deleted: a floating-point divisor does not compile; use an integer, or times() with a fraction.
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    money divided_by(F, rounding) const = delete;

    /// The amount times @p numerator / @p denominator, rounded to a unit by @p mode
    /// (128-bit intermediate, so the product never overflows before the division).
    money times(rep numerator, rep denominator, rounding mode) const {
        return money(detail::mul_div(units_, numerator, denominator, mode), currency_);
    }
    /// The amount times the exact fraction @p ratio, rounded to a unit by @p mode (with
    /// <fundround/numeric/fraction.hpp> included: money.hpp itself does not need Boost.Multiprecision).
    money times(const fraction& ratio, rounding mode) const {
        return money(detail::scale_units(units_, ratio, mode), currency_);
    }
    /// The amount divided by @p divisor, rounded to a unit by @p mode.
    money divided_by(rep divisor, rounding mode) const { return times(1, divisor, mode); }

    /// The exact ratio of this amount to @p denominator (same currency, not zero), for example
    /// 50_B .ratio_to(840_B) == 5/84; throws currency_mismatch_error or invalid_argument_error.
    /// Needs <fundround/numeric/fraction.hpp> (money.hpp only declares fraction).
    fraction ratio_to(money denominator) const {
        check_same_currency(denominator, "divide");
        if (denominator.units_ == 0) {
            throw invalid_argument_error("money ratio: denominator = " +
                                         std::to_string(denominator.units_) +
                                         " units: must not be zero");
        }
        return fraction(units_, denominator.units_);
    }

    /// The amount rounded to a multiple of @p step (e.g. to whole cents) by @p mode.
    money rounded_to(money step, rounding mode) const {
        check_same_currency(step, "round");
        if (step.units_ <= 0) {
            throw invalid_argument_error("rounding step: must be a positive amount");
        }
        const detail::int128 q =
            detail::divide_rounded(detail::int128(units_), detail::int128(step.units_), mode);
        return money(detail::narrow(q * detail::int128(step.units_), "rounding"), currency_);
    }
    /// The amount rounded to the currency's minor unit (cents for USD) by @p mode.
    money rounded_to_minor_unit(rounding mode) const {
        rep step = units_per_major;
        for (int i = 0; i < currency_.minor_digits(); ++i) step /= 10;
        return rounded_to(money(step, currency_), mode);
    }

    /// Equal when both currency and amount are equal.
    friend constexpr bool operator==(money a, money b) noexcept {
        return a.currency_ == b.currency_ && a.units_ == b.units_;
    }
    /// True if the currency or the amount differs (never throws).
    friend constexpr bool operator!=(money a, money b) noexcept { return !(a == b); }
    /// Ordering; throws currency_mismatch_error for different currencies.
    friend bool operator<(money a, money b) {
        a.check_same_currency(b, "compare");
        return a.units_ < b.units_;
    }
    /// Ordering; throws currency_mismatch_error for different currencies.
    friend bool operator>(money a, money b) { return b < a; }
    /// Ordering; throws currency_mismatch_error for different currencies.
    friend bool operator<=(money a, money b) { return !(b < a); }
    /// Ordering; throws currency_mismatch_error for different currencies.
    friend bool operator>=(money a, money b) { return !(a < b); }

private:
    constexpr money(rep units, fundround::currency c) noexcept : units_(units), currency_(c) {}

    // The comparison stays inline; building the message and throwing live in a cold,
    // never-inlined function, so += compiles to a compare, an add and a jo.
    void check_same_currency(money o, const char* verb) const {
        if (currency_ != o.currency_) throw_currency_mismatch(currency_, o.currency_, verb);
    }
    [[noreturn]] FUNDROUND_COLD static void throw_currency_mismatch(fundround::currency a,
                                                                    fundround::currency b,
                                                                    const char* verb) {
        throw currency_mismatch_error("cannot " + std::string(verb) + " " + to_string(a) +
                                      " and " + to_string(b) +
                                      " amounts: convert one of them first");
    }

    rep units_ = 0;
    fundround::currency currency_{};
};

/// The sum of @p amounts, all in currency @p c; throws on overflow or a different currency.
inline money sum(const std::vector<money>& amounts, currency c) {
    money total = money::zero(c);
    for (const money& m : amounts) total += m;
    return total;
}

/// The sum of @p amounts in their (common) currency; an empty list sums to $0.
inline money sum(const std::vector<money>& amounts) {
    return sum(amounts, amounts.empty() ? currency{} : amounts.front().currency());
}

// ---------------------------------------------------------------------------------------------
// Allocation

namespace detail {

/// Largest-remainder split of @p total over @p weights (non-negative, not all zero).
/// Parts are proportional rounded down; the units left over go one each to the largest
/// remainders, ties to the earlier weight. The parts always sum exactly to @p total.
inline std::vector<std::int64_t> allocate_units(
    std::int64_t total, const std::vector<std::int64_t>& weights) {
    using units_vector = std::vector<uint128>;
    if (weights.empty()) throw invalid_argument_error("allocate: weights: must not be empty");
    int128 weight_sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] < 0) {
            throw invalid_argument_error("allocate: weights[" + std::to_string(i) +
                                         "] = " + std::to_string(weights[i]) +
                                         ": must not be negative");
        }
        weight_sum += weights[i];
    }
    if (weight_sum == 0) throw invalid_argument_error("allocate: weights: must not all be zero");
    const bool negative = total < 0;
    const uint128 magnitude_total = magnitude(int128(total));
    const auto wsum = static_cast<uint128>(weight_sum);
    units_vector magnitudes(weights.size());
    units_vector remainders(weights.size());
    uint128 assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const uint128 product = magnitude_total * static_cast<uint128>(weights[i]);
        const uint128 q = product / wsum;
        remainders[i] = product % wsum;
        magnitudes[i] = q;  // q <= |total| <= 2^63
        assigned += q;
    }
    auto leftover = static_cast<std::size_t>(magnitude_total - assigned);  // < weights.size()
    if (leftover > 0) {
        std::vector<std::size_t> order(weights.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(leftover),
                          order.end(), [&](std::size_t a, std::size_t b) {
                              if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
                              return a < b;
                          });
        for (std::size_t k = 0; k < leftover; ++k) magnitudes[order[k]] += 1;
    }
    std::vector<std::int64_t> parts(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const int128 m = static_cast<int128>(magnitudes[i]);  // <= |total| <= 2^63
        parts[i] = narrow(negative ? int128(-m) : m, "allocation");
    }
    return parts;
}

}  // namespace detail

/// Splits @p total over @p weights so the parts sum exactly to @p total (largest remainder
/// method, ties to the earlier weight). Throws on negative or all-zero weights.
inline std::vector<money> allocate(
    money total, const std::vector<std::int64_t>& weights) {
    const auto units = detail::allocate_units(total.units(), weights);
    std::vector<money> parts;
    parts.reserve(units.size());
    for (auto u : units) parts.push_back(money::from_units(u, total.currency()));
    return parts;
}

/// Splits @p total pro rata to the amounts @p weights (same currency as each other).
inline std::vector<money> allocate(
    money total, const std::vector<money>& weights) {
    std::vector<std::int64_t> w;
    w.reserve(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i].currency() != weights.front().currency()) {
            throw currency_mismatch_error("allocate: weights[" + std::to_string(i) +
                                          "] is in " + to_string(weights[i].currency()) +
                                          ", weights[0] in " +
                                          to_string(weights.front().currency()));
        }
        w.push_back(weights[i].units());
    }
    return allocate(total, w);
}

/// Splits @p total over @p weights in whole multiples of @p step (such as whole cents);
/// @p total must itself be a multiple of @p step.
inline std::vector<money> allocate(
    money total, const std::vector<std::int64_t>& weights, money step) {
    if (step.currency() != total.currency()) {
        throw currency_mismatch_error("allocate: step and total are in different currencies");
    }
    if (!step.is_positive()) throw invalid_argument_error("allocate: step: must be positive");
    if (total.units() % step.units() != 0) {
        throw invalid_argument_error("allocate: total = " + std::to_string(total.units()) +
                                     " units: must be a multiple of the step (" +
                                     std::to_string(step.units()) + " units)");
    }
    const auto steps = detail::allocate_units(total.units() / step.units(), weights);
    std::vector<money> parts;
    parts.reserve(steps.size());
    for (auto s : steps) parts.push_back(money::from_units(s * step.units(), total.currency()));
    return parts;
}

/// Splits @p total into @p count parts that differ by at most one unit and sum exactly.
inline std::vector<money> allocate_evenly(money total, std::size_t count) {
    if (count == 0) throw invalid_argument_error("allocate_evenly: count = 0: must be positive");
    return allocate(total, std::vector<std::int64_t>(count, 1));
}

// ---------------------------------------------------------------------------------------------
// Formatting

namespace detail {

/// @p digits with a comma before every group of three digits from the right.
inline std::string group_thousands(std::string digits) {
    for (std::ptrdiff_t pos = static_cast<std::ptrdiff_t>(digits.size()) - 3; pos > 0; pos -= 3) {
        digits.insert(static_cast<std::size_t>(pos), 1, ',');
    }
    return digits;
}

/// The symbol of @p c ("$"), or its code and a space ("CHF ") when it has none.
inline std::string currency_prefix(currency c) {
    const std::string_view symbol = c.symbol();
    return symbol.empty() ? to_string(c) + " " : std::string(symbol);
}

/// "1,234.5" style text of |units|, showing at least @p min_decimals decimals and more only when
/// the sub-unit digits are non-zero.
inline std::string format_magnitude(std::int64_t units, int min_decimals, bool group) {
    const uint128 mag = magnitude(int128(units));
    const auto whole = static_cast<std::uint64_t>(mag / 1000);
    const auto frac = static_cast<unsigned>(mag % 1000);
    std::string text = std::to_string(whole);
    if (group) text = group_thousands(text);
    const std::string decimals =
        std::to_string(frac + 1000).substr(1);  // three digits
    std::size_t keep = 3;
    while (keep > static_cast<std::size_t>(min_decimals) && decimals[keep - 1] == '0') --keep;
    if (keep > 0) text += "." + decimals.substr(0, keep);
    return text;
}

}  // namespace detail

/// Exact text with thousands separators and the currency's minor digits, such as
/// "$840,000,000,000.00"; sub-cent units are shown when present ("$0.005").
inline std::string format_full(money m) {
    return (m.is_negative() ? "-" : "") + detail::currency_prefix(m.currency()) +
           detail::format_magnitude(m.units(), m.currency().minor_digits(), true);
}

/// Short text as in the press: "$840B", "$1.25T", "$15.5M", "$999.95M", "$25K".
///
/// Picks the largest of K, M, B, T not above the amount, rounds the mantissa half away from zero
/// to at most @p max_decimals decimals and drops trailing zeros; a mantissa that rounds up to
/// 1000 moves to the next suffix ($999.999M -> "$1B"). Below 1,000 it prints "$950" or "$12.50".
/// This is a display form: it may round, format_full() never does.
inline std::string format_compact(money m, int max_decimals = 2) {
    detail::check_decimals(max_decimals);
    if (max_decimals > 15) {
        throw invalid_argument_error("max_decimals = " + std::to_string(max_decimals) +
                                     ": must be between 0 and 15");
    }
    static constexpr const char* suffixes[] = {"K", "M", "B", "T"};
    const auto mag = static_cast<detail::int128>(detail::magnitude(detail::int128(m.units())));
    const std::string sign = m.is_negative() ? "-" : "";
    const std::string prefix =
        sign + detail::currency_prefix(m.currency());
    detail::int128 scale = 1000 * money::units_per_major;  // K in units
    int index = -1;
    for (int i = 0; i < 4; ++i) {
        if (mag >= scale) index = i;
        if (i < 3 && mag >= scale) scale *= 1000;
    }
    if (index < 0) {
        // Below 1,000: the exact amount, whole numbers without decimals.
        const bool whole = mag % money::units_per_major == 0;
        const std::string text = detail::format_magnitude(
            m.units(), whole ? 0 : m.currency().minor_digits(), false);
        return prefix + text;
    }
    detail::int128 pow10 = 1;
    for (int i = 0; i < max_decimals; ++i) pow10 *= 10;
    for (;;) {
        detail::int128 suffix_units = money::units_per_major;
        for (int i = 0; i <= index; ++i) suffix_units *= 1000;
        const detail::int128 scaled =
            detail::divide_rounded(mag * pow10, suffix_units, rounding::half_away_from_zero);
        if (scaled >= 1000 * pow10 && index < 3) {
            ++index;
            continue;
        }
        const auto whole = static_cast<std::uint64_t>(scaled / pow10);
        auto frac = static_cast<std::uint64_t>(scaled % pow10);
        std::string text = detail::group_thousands(std::to_string(whole));
        if (frac != 0) {
            std::string digits = std::to_string(frac);
            digits.insert(0, static_cast<std::size_t>(max_decimals) - digits.size(), '0');
            while (!digits.empty() && digits.back() == '0') digits.pop_back();
            text += "." + digits;
        }
        return prefix + text + suffixes[index];
    }
}

/// Same as format_full().
inline std::string to_string(money m) { return format_full(m); }

/// Writes the exact full form, e.g. "$15,000,000,000.00".
inline std::ostream& operator<<(std::ostream& os, money m) { return os << format_full(m); }

// ---------------------------------------------------------------------------------------------
// Parsing

namespace detail {

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Multiplier in major units for a scale word, or 0 if it is not one.
inline std::int64_t scale_word(std::string_view word) {
    std::string w;
    for (char c : word) w += lower(c);
    if (w == "k" || w == "thousand") return 1000;
    if (w == "m" || w == "mn" || w == "mm" || w == "million") return 1000000;
    if (w == "b" || w == "bn" || w == "billion") return 1000000000;
    if (w == "t" || w == "tn" || w == "trillion") return 1000000000000;
    return 0;
}

class money_parser {
public:
    money_parser(std::string_view text, currency fallback) : text_(text), fallback_(fallback) {}

    money parse() {
        skip_spaces();
        bool negative = accept_sign();
        skip_spaces();
        const bool prefixed = accept_currency_prefix();
        skip_spaces();
        if (!negative && prefixed && peek() == '-') negative = accept_sign();
        read_number();
        skip_spaces();
        std::int64_t scale = 1;
        if (is_alpha(peek())) {
            const std::size_t start = pos_;
            std::string word = read_word();
            scale = scale_word(word);
            if (scale == 0) {
                if (currency::valid_code(word)) {
                    if (prefixed && currency(word) != currency_) {
                        fail(start, "currency code " + word +
                                        " contradicts the symbol at the start");
                    }
                    currency_ = currency(word);
                    suffixed_ = true;
                    scale = 1;
                } else {
                    fail(start, "unknown scale \"" + word +
                                    "\"; expected K, M, B, T, thousand, million, billion, "
                                    "trillion or a currency code");
                }
            }
            skip_spaces();
        }
        if (!suffixed_ && is_alpha(peek())) {
            const std::size_t start = pos_;
            std::string word = read_word();
            if (!currency::valid_code(word)) {
                fail(start, "unexpected \"" + word + "\"; expected a currency code such as USD");
            }
            const currency code(word);
            if (prefixed && code != currency_) {
                fail(start, "currency code " + word + " contradicts the symbol at the start");
            }
            currency_ = code;
            skip_spaces();
        }
        if (pos_ != text_.size()) {
            fail(pos_, std::string("unexpected '") + text_[pos_] + "' after the amount");
        }
        return make(negative, scale);
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& why) const {
        throw parse_error(std::string(text_), at, why);
    }
    char peek() const noexcept { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    bool starts_with(std::string_view s) const noexcept {
        return text_.substr(pos_, s.size()) == s;
    }
    void skip_spaces() noexcept {
        for (;;) {
            if (pos_ < text_.size() && is_space(text_[pos_])) {
                ++pos_;
            } else if (starts_with("\xC2\xA0")) {  // no-break space, common in press copy
                pos_ += 2;
            } else if (starts_with("\xE2\x80\xAF")) {  // narrow no-break space
                pos_ += 3;
            } else {
                return;
            }
        }
    }
    bool accept_sign() {
        if (peek() == '-') { ++pos_; return true; }
        if (peek() == '+') ++pos_;
        return false;
    }
    std::string read_word() {
        std::string w;
        while (is_alpha(peek())) w += text_[pos_++];
        return w;
    }
    bool accept_currency_prefix() {
        struct symbol_entry { std::string_view text; std::string_view code; };
        static constexpr symbol_entry symbols[] = {{"US$", "USD"},
                                                   {"$", "USD"},
                                                   {"\xE2\x82\xAC", "EUR"},
                                                   {"\xC2\xA3", "GBP"},
                                                   {"\xC2\xA5", "JPY"}};
        for (const auto& s : symbols) {
            if (starts_with(s.text)) {
                pos_ += s.text.size();
                currency_ = currency(s.code);
                return true;
            }
        }
        if (pos_ + 3 <= text_.size() && currency::valid_code(text_.substr(pos_, 3)) &&
            (pos_ + 3 == text_.size() || !is_alpha(text_[pos_ + 3]))) {
            currency_ = currency(text_.substr(pos_, 3));
            pos_ += 3;
            return true;
        }
        return false;
    }
    void add_digit(char c) {
        if (significant_ >= 36) fail(pos_, "too many digits: the amount is out of range");
        if (point_ != 0 && c == '0') {  // a decimal zero matters only if a non-zero digit follows
            ++pending_zeros_;
            return;
        }
        for (; pending_zeros_ > 0; --pending_zeros_) {
            if (significant_ >= 36) fail(pos_, "too many digits: the amount is out of range");
            mantissa_ = mantissa_ * 10;
            ++decimals_;
            if (mantissa_ != 0) ++significant_;
        }
        if (point_ != 0) ++decimals_;
        mantissa_ = mantissa_ * 10 + (c - '0');
        if (mantissa_ != 0) ++significant_;
    }
    void read_number() {
        if (!is_digit(peek())) fail(pos_, "expected a digit");
        std::size_t group = 0;
        while (is_digit(peek())) { add_digit(text_[pos_++]); ++group; }
        if (peek() == ',') {
            if (group > 3) fail(pos_, "a thousands separator must follow 1 to 3 leading digits");
            if (text_[pos_ - group] == '0') {
                fail(pos_ - group, "a number with thousands separators must not start with 0 "
                                   "(write a decimal point as '.')");
            }
            while (peek() == ',') {
                ++pos_;
                const std::size_t group_start = pos_;
                std::size_t n = 0;
                while (is_digit(peek())) { add_digit(text_[pos_++]); ++n; }
                if (n != 3) {
                    fail(n > 3 ? group_start + 3 : pos_,
                         "expected exactly 3 digits after a thousands separator");
                }
            }
        }
        if (peek() == '.') {
            point_ = pos_;
            ++pos_;
            if (!is_digit(peek())) fail(pos_, "expected a digit after the decimal point");
            while (is_digit(peek())) add_digit(text_[pos_++]);
        }
    }
    money make(bool negative, std::int64_t scale) const {
        // units = mantissa * scale * 1000 / 10^decimals, which must be a whole number.
        // Divide before multiplying so no intermediate can overflow 128 bits.
        const currency c = currency_.code().empty() ? fallback_ : currency_;
        int128 mantissa = mantissa_;  // < 10^36
        int decimals = decimals_;
        while (decimals > 0 && mantissa % 10 == 0) { mantissa /= 10; --decimals; }
        int128 multiplier = int128(scale) * int128(money::units_per_major);  // 10^3 .. 10^15
        int allowed = 0;  // decimals the multiplier absorbs
        for (int128 m = multiplier; m % 10 == 0; m /= 10) ++allowed;
        if (decimals > allowed) {
            // The first non-zero digit beyond the allowed decimals is the offending one.
            std::size_t at = point_ + 1 + static_cast<std::size_t>(allowed);
            while (at < text_.size() && text_[at] == '0') ++at;
            fail(at, "more precise than a thousandth of a currency unit (the smallest amount)");
        }
        for (int i = 0; i < decimals; ++i) multiplier /= 10;
        // The magnitude may reach 2^63 only for a negative amount (the most negative money).
        const int128 limit = int128(int64_max) + (negative ? 1 : 0);
        if (mantissa > limit / multiplier) {
            fail(0, "the amount is out of range (about +/-9.2e15 whole currency units)");
        }
        const int128 units = mantissa * multiplier;
        return money::from_units(static_cast<std::int64_t>(negative ? int128(-units) : units), c);
    }

    std::string_view text_;
    currency fallback_;
    currency currency_ = fallback_;
    bool suffixed_ = false;
    std::size_t pos_ = 0;
    std::size_t point_ = 0;          // position of the decimal point (0: none yet)
    int pending_zeros_ = 0;          // decimal zeros not yet known to matter
    int128 mantissa_ = 0;
    int significant_ = 0;
    int decimals_ = 0;
};

}  // namespace detail

/// Parses amounts as people write them: "$15B", "$1.25 trillion", "15,000,000,000.00",
/// "-$2.5M", "EUR 300M", "40 bn USD". Amounts without a currency get @p fallback.
/// Throws parse_error naming the position and the rule broken; never rounds.
inline money parse_money(std::string_view text, currency fallback = {}) {
    return detail::money_parser(text, fallback).parse();
}

// ---------------------------------------------------------------------------------------------
// Literals

namespace detail {

/// Units of a numeric literal made of digits, optional ' separators and one optional point,
/// multiplied by @p units_per_one. Used at compile time: a bad literal does not compile.
constexpr std::int64_t literal_units(const char* s, std::size_t n, std::int64_t units_per_one) {
    std::int64_t mantissa = 0;
    std::int64_t divisor = 1;
    bool point = false;
    bool digit = false;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[i];
        if (c == '\'') continue;
        if (c == '.') {
            if (point) throw invalid_argument_error("money literal: two decimal points");
            point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            throw invalid_argument_error("money literal: only decimal digits are allowed");
        }
        if (mantissa > (int64_max - (c - '0')) / 10) throw overflow_error("money literal: out of range");
        mantissa = mantissa * 10 + (c - '0');
        digit = true;
        if (point) {
            if (divisor > int64_max / 10) throw overflow_error("money literal: too many decimals");
            divisor *= 10;
        }
    }
    if (!digit) throw invalid_argument_error("money literal: no digits");
    // mantissa * units_per_one / divisor, exactly.
    std::int64_t g = units_per_one;
    std::int64_t d = divisor;
    while (d != 0) { const std::int64_t t = g % d; g = d; d = t; }  // gcd(units_per_one, divisor)
    const std::int64_t per = units_per_one / g;
    const std::int64_t div = divisor / g;
    if (mantissa % div != 0) {
        throw invalid_argument_error("money literal: finer than a thousandth of a dollar");
    }
    const std::int64_t m = mantissa / div;
    if (per != 0 && m > int64_max / per) throw overflow_error("money literal: out of range");
    return m * per;
}

template <std::int64_t UnitsPerOne, char... Chars>
constexpr money make_literal() {
    constexpr char chars[] = {Chars..., '\0'};
    constexpr std::int64_t units = literal_units(chars, sizeof...(Chars), UnitsPerOne);
    return money::from_units(units);
}

}  // namespace detail

/// User-defined literals for US dollar amounts: `15_B`, `1.25_T`, `500_M`, `25_K`,
/// `1234.56_usd`, `"1234.56"_usd`. Numeric forms are checked at compile time.
inline namespace literals {
/// The money literals alone (`using namespace fundround::money_literals;`).
inline namespace money_literals {

/// Thousands of dollars: 25_K == $25,000.
template <char... Chars>
constexpr money operator""_K() { return detail::make_literal<1000LL * 1000, Chars...>(); }
/// Millions of dollars: 500_M == $500,000,000.
template <char... Chars>
constexpr money operator""_M() { return detail::make_literal<1000LL * 1000000, Chars...>(); }
/// Billions of dollars: 15_B, 1.5_B.
template <char... Chars>
constexpr money operator""_B() { return detail::make_literal<1000LL * 1000000000, Chars...>(); }
/// Trillions of dollars: 1.25_T.
template <char... Chars>
constexpr money operator""_T() { return detail::make_literal<1000LL * 1000000000000, Chars...>(); }
/// Dollars with up to three decimals: 1234.56_usd.
template <char... Chars>
constexpr money operator""_usd() { return detail::make_literal<1000, Chars...>(); }
/// Dollars from text, parsed by parse_money(): "15,000,000,000.00"_usd, "$1.25 trillion"_usd.
inline money operator""_usd(const char* text, std::size_t size) {
    const money m = parse_money(std::string_view(text, size), currencies::usd);
    if (m.currency() != currencies::usd) {
        throw currency_mismatch_error("\"" + std::string(text, size) + "\"_usd: is not in USD");
    }
    return m;
}

}  // namespace money_literals
}  // namespace literals

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_NUMERIC_MONEY_HPP
