/// @file numeric/shares.hpp
/// @brief Share counts and prices per share: strong types that do not mix with money.
#ifndef FUNDROUND_NUMERIC_SHARES_HPP
#define FUNDROUND_NUMERIC_SHARES_HPP

#include <fundround/config.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

FUNDROUND_BEGIN_NAMESPACE

/// A whole number of shares. Not money: adding a share count to an amount does not compile.
class share_count {
public:
    /// Zero shares.
    constexpr share_count() noexcept = default;
    /// Exactly @p count shares.
    constexpr explicit share_count(std::int64_t count) noexcept : count_(count) {}
    /// The number of shares.
    [[nodiscard]] constexpr std::int64_t value() const noexcept { return count_; }

    /// Adds @p o shares in place; throws overflow_error out of the 64-bit range.
    share_count& operator+=(share_count o) {
        count_ = detail::checked_add(count_, o.count_, "share count addition");
        return *this;
    }
    /// Subtracts @p o shares in place; throws overflow_error out of the 64-bit range.
    share_count& operator-=(share_count o) {
        count_ = detail::checked_sub(count_, o.count_, "share count subtraction");
        return *this;
    }
    /// The exact sum; throws overflow_error out of the 64-bit range.
    [[nodiscard]] friend share_count operator+(share_count a, share_count b) { return a += b; }
    /// The exact difference; throws overflow_error out of the 64-bit range.
    [[nodiscard]] friend share_count operator-(share_count a, share_count b) { return a -= b; }
    /// True if the counts are equal.
    [[nodiscard]] friend constexpr bool operator==(share_count a, share_count b) noexcept { return a.count_ == b.count_; }
    /// True if the counts differ.
    [[nodiscard]] friend constexpr bool operator!=(share_count a, share_count b) noexcept { return a.count_ != b.count_; }
    /// True if @p a is fewer shares than @p b.
    [[nodiscard]] friend constexpr bool operator<(share_count a, share_count b) noexcept { return a.count_ < b.count_; }
    /// True if @p a is more shares than @p b.
    [[nodiscard]] friend constexpr bool operator>(share_count a, share_count b) noexcept { return a.count_ > b.count_; }
    /// True if @p a is at most @p b shares.
    [[nodiscard]] friend constexpr bool operator<=(share_count a, share_count b) noexcept { return a.count_ <= b.count_; }
    /// True if @p a is at least @p b shares.
    [[nodiscard]] friend constexpr bool operator>=(share_count a, share_count b) noexcept { return a.count_ >= b.count_; }
    /// Writes e.g. "1,000,000 shares".
    friend std::ostream& operator<<(std::ostream& os, share_count s) {
        return os << detail::signed_digits(s.count_, true) << " shares";
    }

private:
    std::int64_t count_ = 0;
};

namespace detail {

/// The digits after the point a price of @p units_per_share money units (thousandths) shows: 4,
/// or more for a positive price that 4 would show with less than two significant digits
/// ($0.00001 needs 6: "$0.000010"), at most 18. Integers only: no fraction arithmetic to compile
/// for a display choice.
[[nodiscard]] inline int price_display_decimals(const fraction& units_per_share) {
    // With k digits the price n/d units (n/d/1000 of a currency unit) shows 10^k n/(1000 d):
    // at 4 digits 10 n/d, and each further digit multiplies by 10; it has two significant
    // digits once that is at least 10, i.e. once n 10^(k-4) >= d.
    const uint128 d = magnitude(units_per_share.denominator());
    uint128 m = magnitude(units_per_share.numerator());
    int decimals = 4;
    if (m == 0U) return decimals;
    while (decimals < 18 && m < d) {
        ++decimals;
        if (m > (d - 1) / 10U) break;  // 10 m >= d: this digit is enough (and 10 m could overflow)
        m *= 10U;
    }
    return decimals;
}

}  // namespace detail

/// An exact price per share: an amount of money divided by a share count, kept as a fraction of
/// money units so nothing is lost until you ask for a rounded amount. Not a valuation.
class price_per_share {

public:
    /// The price @p total / @p shares; throws unless @p total and @p shares are both positive.
    price_per_share(money total, share_count shares) : currency_(total.currency()) {
        if (!total.is_positive() || shares.value() <= 0) reject(total, shares);
        units_per_share_ = fraction(total.units(), shares.value());
    }

    /// The exact price in money units (thousandths of a currency unit) per share.
    [[nodiscard]] const fraction& units_per_share() const noexcept { return units_per_share_; }
    /// The currency of the price.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }
    /// The price rounded to a money unit by @p mode.
    [[nodiscard]] money rounded(rounding mode) const {
        return money::from_units(
            detail::narrow(units_per_share_.round_to_integer(mode), "rounding a price per share"),
            currency_);
    }
    /// The exact cost of @p shares at this price, rounded to a money unit by @p mode.
    [[nodiscard]] money cost_of(share_count shares, rounding mode) const {
        return money::from_units(detail::scale_units(shares.value(), units_per_share_, mode),
                                 currency_);
    }
    /// The shares @p amount buys at this price, rounded to whole shares by @p mode
    /// (usually rounding::floor: no fractional shares are issued).
    [[nodiscard]] share_count shares_for(money amount, rounding mode) const {
        if (amount.currency() != currency_) {
            throw currency_mismatch_error("price is in " + fundround::to_string(currency_) + ", amount in " +
                                          fundround::to_string(amount.currency()));
        }
        const fraction exact_shares = fraction(amount.units()) / units_per_share_;
        const fraction::rep n = exact_shares.round_to_integer(mode);
        if (n > detail::int64_max || n < detail::int64_min) {
            throw overflow_error("shares_for: " + format_full(amount) + " at " + to_string() +
                                 " per share buys " + exact_shares.to_string() +
                                 " shares: the share count must fit 64 bits");
        }
        return share_count(static_cast<std::int64_t>(n));
    }
    /// Decimal text in currency units with @p decimals digits, e.g. "$12.3456".
    [[nodiscard]] std::string to_string(int decimals = 4, rounding mode = rounding::half_even) const {
        // In currency units: n / (1000 d) for the price n / d units, made directly (every
        // constructor keeps d within 64 bits: 1000 d fits), no general fraction division to
        // compile.
        const fraction major(units_per_share_.numerator(), units_per_share_.denominator() * money::units_per_major);
        std::string text = detail::currency_prefix(currency_);
        detail::append_decimal(text, major, decimals, 0, mode, true);
        return text;
    }

    /// True if the currencies and the exact prices are equal ($10 / 4 shares == $5 / 2 shares).
    [[nodiscard]] friend bool operator==(const price_per_share& a, const price_per_share& b) {
        return a.currency_ == b.currency_ && a.units_per_share_ == b.units_per_share_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const price_per_share& a, const price_per_share& b) { return !(a == b); }
    /// The digits after the point display_string() shows: 4, or more for a price that 4 would
    /// show as less than two significant digits ($0.00001 needs 6: "$0.000010"), at most 18.
    [[nodiscard]] int display_decimals() const { return detail::price_display_decimals(units_per_share_); }
    /// to_string() with display_decimals() digits: "$12.3456", "$0.000010" (never "$0.0000" for
    /// a positive price).
    [[nodiscard]] std::string display_string() const { return to_string(display_decimals()); }
    /// Writes display_string().
    friend std::ostream& operator<<(std::ostream& os, const price_per_share& p) {
        return os << p.display_string();
    }

private:
    // Throws the invalid_argument_error of a price from @p total and @p shares, one of which is
    // not positive (cold path, out of line).
    [[noreturn]] FUNDROUND_COLD static void reject(money total, share_count shares) {
        if (!total.is_positive()) {
            throw invalid_argument_error(
                detail::concat({"price total = ", format_full(total), ": must be positive to derive a price per share"}));
        }
        throw invalid_argument_error(detail::concat(
            {"shares = ", detail::signed_digits(shares.value()), ": must be positive to derive a price per share"}));
    }

    friend class conversion_round;  // instruments/conversion.hpp: its prices are positive, in lowest terms of 64 bits
    friend class prepared_conversion;  // instruments/prepared_conversion.hpp: the same prices
    struct in_lowest_terms {};
    /// @p units_per_share as it is: positive, its terms fitting 64 bits (the caller checked),
    /// already in lowest terms (no gcd again).
    price_per_share(in_lowest_terms, const fraction& units_per_share, fundround::currency c)
        : units_per_share_(units_per_share), currency_(c) {}

    fraction units_per_share_;
    fundround::currency currency_;
};

FUNDROUND_END_NAMESPACE

namespace std {
/// Hash of a share count (of its 64-bit value, mixed), for std::unordered_map and friends.
template <>
struct hash<fundround::share_count> {
    /// The hash value of @p s; equal counts hash equally.
    [[nodiscard]] std::size_t operator()(fundround::share_count s) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(s.value()) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
        return static_cast<std::size_t>(h);
    }
};

/// Hash of a price per share: its exact value (in lowest terms) and its currency, mixed, for
/// std::unordered_map and friends.
template <>
struct hash<fundround::price_per_share> {
    /// The hash value of @p p; equal prices ($10 / 4 shares and $5 / 2 shares) hash equally.
    [[nodiscard]] std::size_t operator()(const fundround::price_per_share& p) const noexcept {
        const std::size_t a = std::hash<fundround::fraction>()(p.units_per_share());
        const std::size_t b = std::hash<fundround::currency>()(p.currency());
        return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }
};
}  // namespace std

#endif  // FUNDROUND_NUMERIC_SHARES_HPP
