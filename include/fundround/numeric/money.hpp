/// @file numeric/money.hpp
/// @brief The money type: exact amounts of one currency and their checked arithmetic.
///
/// One concept per header: allocation and sums are in numeric/allocation.hpp, text forms in
/// numeric/money_format.hpp, parsing in io/money_parse.hpp, literals in numeric/literals.hpp.
#ifndef FUNDROUND_NUMERIC_MONEY_HPP
#define FUNDROUND_NUMERIC_MONEY_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/fwd.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// Throws the currency_mismatch_error of combining @p a and @p b (cold path, out of line).
[[noreturn]] FUNDROUND_COLD inline void throw_currency_mismatch(currency a, currency b,
                                                               const char* verb) {
    throw currency_mismatch_error(
        concat({"cannot ", verb, " ", a.code(), " and ", b.code(), " amounts: convert one of them first"}));
}

/// Throws currency_mismatch_error unless @p a == @p b: one inline compare, the throw is cold.
constexpr void check_same_currency(currency a, currency b, const char* verb) {
    if (a != b) throw_currency_mismatch(a, b, verb);
}

/// Sets @p sum to a + b and returns true if it fits 64 bits; returns false (@p sum unchanged)
/// otherwise: for a caller that reports an overflow with its figures rather than throwing it.
[[nodiscard]] constexpr bool add_fits(std::int64_t a, std::int64_t b, std::int64_t& sum) noexcept {
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) return false;
    sum = r;
#else
    if ((b > 0 && a > int64_max - b) || (b < 0 && a < int64_min - b)) return false;
    sum = a + b;
#endif
    return true;
}

/// a + b on money units; throws overflow_error naming money. Usable in constant expressions.
[[nodiscard]] constexpr std::int64_t money_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (!add_fits(a, b, r)) throw_money_overflow("addition");
    return r;
}

/// a - b on money units; throws overflow_error naming money. Usable in constant expressions.
[[nodiscard]] constexpr std::int64_t money_sub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    if (__builtin_sub_overflow(a, b, &r)) throw_money_overflow("subtraction");
#else
    if ((b < 0 && a > int64_max + b) || (b > 0 && a < int64_min + b)) throw_money_overflow("subtraction");
    r = a - b;
#endif
    return r;
}

/// a * b on money units; throws overflow_error naming money. Usable in constant expressions.
[[nodiscard]] constexpr std::int64_t money_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    if (__builtin_mul_overflow(a, b, &r)) throw_money_overflow("multiplication");
#else
    const bool overflows =
        a != 0 && b != 0 &&
        ((a == -1 && b == int64_min) || (b == -1 && a == int64_min) ||
         (a > 0 ? (b > 0 ? a > int64_max / b : b < int64_min / a)
                : (b > 0 ? a < int64_min / b : a < int64_max / b)));
    if (overflows) throw_money_overflow("multiplication");
    r = a * b;
#endif
    return r;
}

/// -a on money units; throws overflow_error for the most negative amount.
[[nodiscard]] constexpr std::int64_t money_neg(std::int64_t a) {
    if (a == int64_min) throw_money_overflow("negation");
    return -a;
}

/// money_mul_div's 128-bit path: a product beyond 64 bits, or den 0 or -1. Out of line, so that
/// the 64-bit path stays small enough to inline into a caller's loop (clang 14 did not inline
/// money::times otherwise).
[[nodiscard]] FUNDROUND_COLD inline std::int64_t money_mul_div_wide(std::int64_t a, std::int64_t num,
                                                                    std::int64_t den, rounding mode) {
    const int128 q = divide_rounded(int128(a) * int128(num), int128(den), mode);
    if (q > int128(int64_max) || q < int128(int64_min)) throw_money_overflow("multiplication by a ratio");
    return static_cast<std::int64_t>(q);
}

/// a * num / den rounded by @p mode: 64-bit when the product fits (the usual case), else with a
/// 128-bit intermediate. Throws overflow_error (naming money) if the result does not fit.
[[nodiscard]] inline std::int64_t money_mul_div(std::int64_t a, std::int64_t num, std::int64_t den,
                                  rounding mode) {
    // round_increment() checks the mode only when something rounds: an unknown one is refused
    // on every call (a compare; the throw is out of line).
    if (!enum_known(mode, rounding_names)) throw_unknown_rounding(mode);
    std::int64_t p = 0;
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    const bool wide = __builtin_mul_overflow(a, num, &p);
#else
    const int128 wide_product = int128(a) * int128(num);
    const bool wide = wide_product > int128(int64_max) || wide_product < int128(int64_min);
    if (!wide) p = static_cast<std::int64_t>(wide_product);
#endif
    if (!wide && den != 0 && den != -1) {
        std::int64_t q = p / den;  // one division gives both quotient and remainder
        const std::int64_t r = p - q * den;
        if (r != 0) {
            const bool negative = (p < 0) != (den < 0);
            const auto ur = r < 0 ? 0 - static_cast<std::uint64_t>(r) : static_cast<std::uint64_t>(r);
            const auto ud = den < 0 ? 0 - static_cast<std::uint64_t>(den) : static_cast<std::uint64_t>(den);
            const auto uq = q < 0 ? 0 - static_cast<std::uint64_t>(q) : static_cast<std::uint64_t>(q);
            // |q| < |p| here (|den| >= 2), so one more unit of magnitude cannot overflow.
            if (round_increment(uq, ur, ud, negative, mode)) q += negative ? -1 : 1;
        }
        return q;
    }
    return money_mul_div_wide(a, num, den, mode);
}

}  // namespace detail

/// An exact amount of one currency, stored as a signed 64-bit count of thousandths of the
/// currency's major unit ("mills": $0.001) and a 4-byte currency: 16 bytes in all. Range about
/// +/-9.2 * 10^15 major units.
///
/// Every operation is exact or rounds by a mode you name; overflow throws overflow_error and
/// combining two currencies throws currency_mismatch_error. Arithmetic, comparisons and the
/// literals are constexpr: `constexpr money b = 15_B + 35_B;`. money{} is zero US dollars (a
/// regular value type needs a default); where the currency matters, name it: money::zero(c),
/// sum(amounts, c).
class money {
public:
    /// The integer representation: a count of units.
    using rep = std::int64_t;
    /// Units per major currency unit: one unit is a mill, a tenth of a cent.
    static constexpr rep units_per_major = 1000;

    /// Zero US dollars.
    constexpr money() noexcept = default;

    /// Exactly @p units thousandths of a major unit of @p c.
    [[nodiscard]] static constexpr money from_units(rep units, fundround::currency c = {}) noexcept {
        return money(units, c);
    }
    /// Exactly @p whole major units (dollars) of @p c; throws overflow_error out of range.
    [[nodiscard]] static constexpr money from_major(rep whole, fundround::currency c = {}) {
        return money(detail::money_mul(whole, units_per_major), c);
    }
    /// Zero in currency @p c (start sums of non-USD amounts from this).
    [[nodiscard]] static constexpr money zero(fundround::currency c) noexcept { return money(0, c); }

    /// The exact count of units (thousandths of a major unit).
    [[nodiscard]] constexpr rep units() const noexcept { return units_; }
    /// The currency of the amount.
    [[nodiscard]] constexpr fundround::currency currency() const noexcept { return currency_; }

    /// True if the amount is zero.
    [[nodiscard]] constexpr bool is_zero() const noexcept { return units_ == 0; }
    /// True if the amount is below zero.
    [[nodiscard]] constexpr bool is_negative() const noexcept { return units_ < 0; }
    /// True if the amount is above zero.
    [[nodiscard]] constexpr bool is_positive() const noexcept { return units_ > 0; }

    /// The amount with its sign flipped; throws overflow_error for the most negative amount.
    [[nodiscard]] constexpr money operator-() const { return money(detail::money_neg(units_), currency_); }
    /// Adds @p o (same currency) in place; throws currency_mismatch_error or overflow_error.
    /// Compiles to a compare of the currencies, an add and a jo.
    constexpr money& operator+=(money o) {
        detail::check_same_currency(currency_, o.currency_, "add");
        units_ = detail::money_add(units_, o.units_);
        return *this;
    }
    /// Subtracts @p o (same currency) in place; throws currency_mismatch_error or overflow_error.
    constexpr money& operator-=(money o) {
        detail::check_same_currency(currency_, o.currency_, "subtract");
        units_ = detail::money_sub(units_, o.units_);
        return *this;
    }
    /// Multiplies by a whole number in place; throws overflow_error out of range.
    constexpr money& operator*=(rep factor) {
        units_ = detail::money_mul(units_, factor);
        return *this;
    }
    /// The exact sum; throws currency_mismatch_error or overflow_error.
    [[nodiscard]] friend constexpr money operator+(money a, money b) { return a += b; }
    /// The exact difference; throws currency_mismatch_error or overflow_error.
    [[nodiscard]] friend constexpr money operator-(money a, money b) { return a -= b; }
    /// The amount times a whole number, exactly; throws overflow_error out of range.
    [[nodiscard]] friend constexpr money operator*(money a, rep factor) { return a *= factor; }
    /// The amount times a whole number, exactly; throws overflow_error out of range.
    [[nodiscard]] friend constexpr money operator*(rep factor, money a) { return a *= factor; }

    // A floating-point factor would be truncated to an integer without a named rounding mode:
    // use times() or divided_by() with integers or a fraction instead.
    /// Deleted: a floating-point count of units does not compile; pass an integer.
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    static money from_units(F, fundround::currency = {}) = delete;
    /// Deleted: floating-point major units do not compile; use a literal (1.25_usd) or
    /// parse_money().
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
    /// Deleted: a floating-point divisor does not compile; use an integer, or times() with a
    /// fraction.
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    money divided_by(F, rounding) const = delete;

    /// The amount times @p numerator / @p denominator, rounded to a unit by @p mode
    /// (128-bit intermediate when needed, so the product never overflows before the division).
    /// Throws invalid_argument_error for a zero denominator, overflow_error out of range.
    [[nodiscard]] money times(rep numerator, rep denominator, rounding mode) const {
        return money(detail::money_mul_div(units_, numerator, denominator, mode), currency_);
    }
    /// The amount times the exact fraction @p ratio, rounded to a unit by @p mode.
    [[nodiscard]] money times(const fraction& ratio, rounding mode) const {
        return money(detail::scale_units(units_, ratio, mode), currency_);
    }
    /// The amount divided by @p divisor, rounded to a unit by @p mode.
    [[nodiscard]] money divided_by(rep divisor, rounding mode) const { return times(1, divisor, mode); }

    /// The exact ratio of this amount to @p denominator (same currency, not zero), for example
    /// 50_B .ratio_to(840_B) == 5/84; throws currency_mismatch_error or invalid_argument_error.
    [[nodiscard]] fraction ratio_to(money denominator) const {
        detail::check_same_currency(currency_, denominator.currency_, "divide");
        if (denominator.units_ == 0) throw_zero_ratio_denominator();
        return fraction(units_, denominator.units_);
    }

    /// The amount rounded to a multiple of @p step (e.g. to whole cents) by @p mode.
    [[nodiscard]] money rounded_to(money step, rounding mode) const {
        detail::check_same_currency(currency_, step.currency_, "round");
        if (step.units_ <= 0) throw_bad_step();
        const detail::int128 q =
            detail::divide_rounded(detail::int128(units_), detail::int128(step.units_), mode);
        const detail::int128 r = q * detail::int128(step.units_);
        if (r > detail::int128(detail::int64_max) || r < detail::int128(detail::int64_min)) {
            detail::throw_money_overflow("rounding");
        }
        return money(static_cast<rep>(r), currency_);
    }
    /// The amount rounded to the currency's minor unit (cents for USD) by @p mode.
    [[nodiscard]] money rounded_to_minor_unit(rounding mode) const {
        rep step = units_per_major;
        for (int i = 0; i < currency_.minor_digits(); ++i) step /= 10;
        return rounded_to(money(step, currency_), mode);
    }

    /// Equal when both currency and amount are equal (two compares, never throws).
    [[nodiscard]] friend constexpr bool operator==(money a, money b) noexcept {
        return a.units_ == b.units_ && a.currency_ == b.currency_;
    }
    /// True if the currency or the amount differs (never throws).
    [[nodiscard]] friend constexpr bool operator!=(money a, money b) noexcept { return !(a == b); }
    /// Ordering; throws currency_mismatch_error for different currencies.
    [[nodiscard]] friend constexpr bool operator<(money a, money b) {
        detail::check_same_currency(a.currency_, b.currency_, "compare");
        return a.units_ < b.units_;
    }
    /// Ordering; throws currency_mismatch_error for different currencies.
    [[nodiscard]] friend constexpr bool operator>(money a, money b) { return b < a; }
    /// Ordering; throws currency_mismatch_error for different currencies.
    [[nodiscard]] friend constexpr bool operator<=(money a, money b) { return !(b < a); }
    /// Ordering; throws currency_mismatch_error for different currencies.
    [[nodiscard]] friend constexpr bool operator>=(money a, money b) { return !(a < b); }

private:
    constexpr money(rep units, fundround::currency c) noexcept : units_(units), currency_(c) {}

    [[noreturn]] FUNDROUND_COLD static void throw_zero_ratio_denominator() {
        throw invalid_argument_error("money ratio: denominator = 0 units: must not be zero");
    }
    [[noreturn]] FUNDROUND_COLD static void throw_bad_step() {
        throw invalid_argument_error("money rounding step: must be a positive amount");
    }

    rep units_ = 0;
    fundround::currency currency_{};
};

static_assert(sizeof(money) == 16, "money is an int64 and a 4-byte currency");

FUNDROUND_END_NAMESPACE

namespace std {
/// Hash of an amount: its units and its currency, mixed (for std::unordered_map and friends).
template <>
struct hash<fundround::money> {
    /// The hash value of @p m.
    [[nodiscard]] std::size_t operator()(fundround::money m) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(m.units()) ^
                          (std::uint64_t{m.currency().key()} << 32 | m.currency().key());
        h *= 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
        return static_cast<std::size_t>(h);
    }
};
}  // namespace std

#endif  // FUNDROUND_NUMERIC_MONEY_HPP
