/// @file company/pricing.hpp
/// @brief A priced round as a term sheet states it: price per share from a pre-money, a
/// post-money, a price or a target ownership, on a named fully diluted base; an option pool
/// top-up solved in closed form; every rounding named and its effect reported.
///
/// Notation: `F0` fully diluted shares before the round on a named
/// definition, `E` its unallocated pool, `V` pre-money, `N` new money, `P` price per share, `T`
/// post-money fully diluted shares, `t` the pool target as a fraction of `T`, `q = N / (V + N)`.
/// Pool in the pre-money (the "option pool shuffle"): `T = (F0 - E) / (1 - t - q)` and
/// `P = (V - t (V + N)) / (F0 - E)`; in the post-money: `P = V / F0`. Both are solved exactly
/// with fractions (no iteration, no floating point); then the price is rounded to the named
/// precision, each investor's shares are rounded with the named mode, and the pool increase is
/// sized so that the pool is the target of the actual post-money count, rounded with its mode.
#ifndef FUNDROUND_COMPANY_PRICING_HPP
#define FUNDROUND_COMPANY_PRICING_HPP

#include <fundround/config.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Which figure of the term sheet fixes the price per share.
enum class price_basis {
    pre_money,            ///< A pre-money valuation on the named fully diluted base.
    post_money,           ///< A post-money valuation (pre-money = post-money - new money).
    price_per_share,      ///< The price itself.
    new_money_ownership,  ///< The fraction of the post-money fully diluted count the new money buys.
};

/// "pre-money", "post-money", "price per share" or "new-money ownership".
[[nodiscard]] constexpr std::string_view to_string(price_basis b) noexcept {
    switch (b) {
        case price_basis::pre_money: return "pre-money";
        case price_basis::post_money: return "post-money";
        case price_basis::price_per_share: return "price per share";
        case price_basis::new_money_ownership: return "new-money ownership";
    }
    return "unknown";
}

/// Where an option pool top-up is created, i.e. whom it dilutes.
enum class pool_placement {
    pre_money,   ///< In the pre-money (the "option pool shuffle"): only the holders before the round.
    post_money,  ///< In the post-money: the new investors too.
};

/// "pre-money" or "post-money" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(pool_placement p) noexcept {
    return p == pool_placement::pre_money ? "pre-money" : p == pool_placement::post_money ? "post-money" : "unknown";
}

/// What a pool target measures: the whole unallocated pool after the round, or only new shares.
enum class pool_target_basis {
    includes_existing_pool,  ///< Unallocated pool after the round (existing + increase) = target x T.
    new_shares_only,         ///< The increase alone = target x T (the existing pool is not counted).
};

/// "includes existing pool" or "new shares only" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(pool_target_basis b) noexcept {
    return b == pool_target_basis::includes_existing_pool ? "includes existing pool"
           : b == pool_target_basis::new_shares_only      ? "new shares only"
                                                          : "unknown";
}

namespace detail {
/// pool_placement's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view pool_placement_names[] = {"pre_money", "post_money"};
/// pool_target_basis's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view pool_target_basis_names[] = {"includes_existing_pool", "new_shares_only"};
}  // namespace detail

/// The fully diluted share count before a round, with its definition named (deals differ on
/// what "fully diluted" counts): the base a pre-money price is computed on.
struct pre_round_shares {
    /// What the count includes, e.g. "issued + granted options + unallocated pool".
    std::string definition;
    /// `F0`: the fully diluted shares before the round on that definition.
    share_count fully_diluted;
    /// `E`: the unallocated option pool, a part of fully_diluted.
    share_count unallocated_pool;

    /// Every problem with the base, fields under @p path (e.g. `base.fully_diluted`).
    [[nodiscard]] std::vector<diagnostic> validate(const field_path& path = field_path("base")) const {
        std::vector<diagnostic> out;
        if (definition.empty()) {
            out.push_back({path.member("definition"), "",
                           "name what the fully diluted count includes (deals differ on it)"});
        }
        if (fully_diluted.value() <= 0) {
            out.push_back({path.member("fully_diluted"), std::to_string(fully_diluted.value()), "must be positive"});
        }
        if (unallocated_pool.value() < 0) {
            out.push_back({path.member("unallocated_pool"), std::to_string(unallocated_pool.value()),
                           "must not be negative"});
        } else if (unallocated_pool.value() >= fully_diluted.value() && fully_diluted.value() > 0) {
            out.push_back({path.member("unallocated_pool"), std::to_string(unallocated_pool.value()),
                           "must be less than the fully diluted count " + std::to_string(fully_diluted.value())});
        }
        return out;
    }
};

/// The precision a price per share is rounded to: @p decimals digits of the major currency unit
/// (4: $0.0001, the usual term-sheet precision), by @p mode.
struct price_precision {
    int decimals = 4;                     ///< Digits after the point, 0 to max_decimals.
    rounding mode = rounding::half_even;  ///< How the exact price is rounded to that step.

    /// The most digits a price may be rounded to.
    static constexpr int max_decimals = 12;

    /// The step in money units (thousandths of the major unit): 10^(3 - decimals).
    [[nodiscard]] fraction step_units() const {
        std::int64_t p = 1;
        for (int i = 0; i < (decimals > 3 ? decimals - 3 : 3 - decimals); ++i) p *= 10;
        return decimals > 3 ? fraction(1, p) : fraction(p);
    }
    /// @p units_per_share rounded to a multiple of step_units() by mode.
    [[nodiscard]] fraction round(const fraction& units_per_share) const;
};

/// One investor's purchase in a priced round.
struct priced_investment {
    std::string investor;  ///< Who buys.
    money amount;          ///< The money invested.
    share_count shares;    ///< Shares issued: amount / price, rounded by the named share mode.
    money cost;            ///< shares x price, rounded to a money unit by the named cash mode.
    /// amount - cost: cash not converted into shares (negative when rounding shares up asked
    /// for more than was invested).
    money not_converted;
};

class priced_round_terms;

/// A solved priced round: the price, the pool top-up, the shares each investor gets and the
/// valuations the rounded figures imply. Made by priced_round_terms::solve().
///
/// Invariants: post_money_shares() = pre_round().fully_diluted + pool_increase() + new_shares();
/// the ownership fractions (existing_ownership(), pool_increase_ownership(), each investor's)
/// sum to exactly 1; implied_post_money_units() = price x post_money_shares() exactly.
class priced_round {
public:
    /// The round's name ("Series A").
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The figure that fixed the price.
    [[nodiscard]] price_basis basis() const noexcept { return basis_; }
    /// The currency of every amount.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }
    /// The fully diluted base before the round, with its definition.
    [[nodiscard]] const pre_round_shares& pre_round() const noexcept { return base_; }

    /// The exact price per share the terms imply before rounding, in money units per share.
    [[nodiscard]] const fraction& exact_price_units() const noexcept { return exact_price_; }
    /// The price per share after the named rounding, in money units per share.
    [[nodiscard]] const fraction& price_units() const noexcept { return price_; }
    /// The price per share after the named rounding; throws overflow_error in the rare case its
    /// terms do not fit 64 bits (use price_units()).
    [[nodiscard]] fundround::price_per_share price() const {
        return fundround::price_per_share(
            money::from_units(detail::narrow(price_.numerator(), "price per share"), currency_),
            share_count(detail::narrow(price_.denominator(), "price per share")));
    }
    /// The price rounding, if the terms name one (empty: the exact price is used).
    [[nodiscard]] const std::optional<price_precision>& price_rounding() const noexcept { return precision_; }
    /// How investors' shares were rounded.
    [[nodiscard]] rounding share_rounding() const noexcept { return share_mode_; }
    /// How the pool increase was rounded.
    [[nodiscard]] rounding pool_rounding() const noexcept { return pool_mode_; }
    /// How each investor's cost was rounded to a money unit.
    [[nodiscard]] rounding cash_rounding() const noexcept { return cash_mode_; }

    /// Each investor's purchase, in the order given.
    [[nodiscard]] const std::vector<priced_investment>& investments() const noexcept { return investments_; }
    /// The purchase of @p investor; throws invalid_argument_error if it is not in the round.
    [[nodiscard]] const priced_investment& investment_of(std::string_view investor) const {
        for (const priced_investment& i : investments_) {
            if (i.investor == investor) return i;
        }
        detail::throw_unknown_investor(investor, detail::concat({"is not in round \"", name_, "\""}), &investments_,
                                       investments_.size(), [](const void* is, std::size_t i) noexcept -> std::string_view {
                                           return (*static_cast<const std::vector<priced_investment>*>(is))[i].investor;
                                       });
    }
    /// The purchase of holder @p id (a round on a cap table names its investors by holder id:
    /// the same as investment_of(id.str())); throws invalid_argument_error if it is not in the round.
    [[nodiscard]] const priced_investment& investment_of(const holder_id& id) const { return investment_of(id.str()); }
    /// The new money: the sum of the investments.
    [[nodiscard]] money new_money() const noexcept { return new_money_; }
    /// The new shares: the sum of the investors' shares.
    [[nodiscard]] share_count new_shares() const noexcept { return new_shares_; }
    /// Cash not converted into shares, over all investors (sum of not_converted).
    [[nodiscard]] money not_converted() const noexcept { return not_converted_; }

    /// True if the terms ask for an option pool target.
    [[nodiscard]] bool has_pool_target() const noexcept { return pool_target_.has_value(); }
    /// The pool target as a fraction of the post-money fully diluted count, if any.
    [[nodiscard]] std::optional<fraction> pool_target() const noexcept { return pool_target_; }
    /// Where the top-up is created.
    [[nodiscard]] pool_placement placement() const noexcept { return placement_; }
    /// What the target measures.
    [[nodiscard]] pool_target_basis target_basis() const noexcept { return target_basis_; }
    /// Shares added to the unallocated pool (zero without a target, or if the existing pool
    /// already meets it: the pool is never shrunk).
    [[nodiscard]] share_count pool_increase() const noexcept { return pool_increase_; }
    /// The unallocated pool after the round: existing + increase.
    [[nodiscard]] share_count pool_after() const { return base_.unallocated_pool + pool_increase_; }
    /// True if the existing unallocated pool already meets the target (no top-up needed).
    [[nodiscard]] bool pool_target_already_met() const noexcept { return pool_target_ && pool_increase_.value() == 0; }

    /// Shares the pre-money price counts: F0, plus the pool increase if it is in the pre-money.
    [[nodiscard]] share_count pre_money_shares() const {
        return placement_ == pool_placement::pre_money ? base_.fully_diluted + pool_increase_ : base_.fully_diluted;
    }
    /// `T`: fully diluted shares after the round = F0 + pool increase + new shares.
    [[nodiscard]] share_count post_money_shares() const noexcept { return post_shares_; }

    /// The pre-money the terms state (pre-money basis, or post-money minus new money); empty for
    /// a round priced by its price or by a target ownership.
    [[nodiscard]] std::optional<money> stated_pre_money() const noexcept { return stated_pre_; }
    /// The post-money the terms state (pre- or post-money basis); empty otherwise.
    [[nodiscard]] std::optional<money> stated_post_money() const {
        if (!stated_pre_) return std::nullopt;
        return *stated_pre_ + new_money_;
    }
    /// Price x pre_money_shares(), exactly, in money units: the pre-money after rounding.
    [[nodiscard]] fraction implied_pre_money_units() const { return price_ * fraction(pre_money_shares().value()); }
    /// Price x post_money_shares(), exactly, in money units: the post-money after rounding.
    [[nodiscard]] fraction implied_post_money_units() const { return price_ * fraction(post_shares_.value()); }
    /// Price x (F0 - E), exactly, in money units: the effective pre-money, what the holders before
    /// the round hold (the unallocated pool is no one's) at the round price: the stated pre-money
    /// less the whole unallocated pool it counts (existing and increase), at the price.
    [[nodiscard]] fraction effective_pre_money_units() const {
        return price_ * fraction(base_.fully_diluted.value() - base_.unallocated_pool.value());
    }
    /// implied_pre_money_units() rounded to a money unit by @p mode.
    [[nodiscard]] money implied_pre_money(rounding mode) const { return to_money(implied_pre_money_units(), mode); }
    /// implied_post_money_units() rounded to a money unit by @p mode.
    [[nodiscard]] money implied_post_money(rounding mode) const { return to_money(implied_post_money_units(), mode); }
    /// effective_pre_money_units() rounded to a money unit by @p mode.
    [[nodiscard]] money effective_pre_money(rounding mode) const { return to_money(effective_pre_money_units(), mode); }

    /// The holders before the round (F0, including the existing pool) / T.
    [[nodiscard]] fraction existing_ownership() const { return fraction(base_.fully_diluted.value(), post_shares_.value()); }
    /// The pool increase / T.
    [[nodiscard]] fraction pool_increase_ownership() const { return fraction(pool_increase_.value(), post_shares_.value()); }
    /// The unallocated pool after the round / T.
    [[nodiscard]] fraction pool_ownership() const { return fraction(pool_after().value(), post_shares_.value()); }
    /// All new shares / T.
    [[nodiscard]] fraction new_money_ownership() const { return fraction(new_shares_.value(), post_shares_.value()); }
    /// @p investor's shares / T; throws invalid_argument_error if it is not in the round.
    [[nodiscard]] fraction ownership(std::string_view investor) const {
        return fraction(investment_of(investor).shares.value(), post_shares_.value());
    }
    /// Holder @p id's shares / T (ownership(id.str())); throws invalid_argument_error if it is not
    /// in the round.
    [[nodiscard]] fraction ownership(const holder_id& id) const { return ownership(id.str()); }

private:
    friend class priced_round_terms;
    friend class conversion_round;  // instruments/conversion.hpp: solves its new money in place
    friend class converted_round;   // instruments/conversion.hpp: made empty, then solved in place
    priced_round() = default;

    money to_money(const fraction& units, rounding mode) const {
        return money::from_units(detail::narrow(units.round_to_integer(mode), "valuation"), currency_);
    }

    std::string name_;
    price_basis basis_ = price_basis::pre_money;
    fundround::currency currency_{};
    pre_round_shares base_;
    fraction exact_price_;
    fraction price_;
    std::optional<price_precision> precision_;
    rounding share_mode_ = rounding::floor;
    rounding pool_mode_ = rounding::ceiling;
    rounding cash_mode_ = rounding::half_away_from_zero;
    std::vector<priced_investment> investments_;
    money new_money_;
    share_count new_shares_;
    money not_converted_;
    std::optional<fraction> pool_target_;
    pool_placement placement_ = pool_placement::pre_money;
    pool_target_basis target_basis_ = pool_target_basis::includes_existing_pool;
    share_count pool_increase_;
    share_count post_shares_;
    std::optional<money> stated_pre_;
};

/// The outcome of priced_round_terms::try_solve(): a priced round, or every problem found.
struct pricing_result {
    std::optional<priced_round> round;  ///< The solved round, when there were no problems.
    std::vector<diagnostic> problems;   ///< Every problem found (empty on success).

    /// True if the round was solved.
    [[nodiscard]] bool ok() const noexcept { return round.has_value(); }
    /// True if the round was solved.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

namespace detail {

/// 10^k for 0 <= k <= 18.
[[nodiscard]] constexpr std::int64_t power_of_ten(int k) noexcept {
    std::int64_t p = 1;
    for (int i = 0; i < k; ++i) p *= 10;
    return p;
}

/// "3/20 (15%)": a fraction with its percentage, for diagnostics.
[[nodiscard]] inline std::string fraction_text(const fraction& f) {
    return f.to_string() + " (" + f.to_percent_string(4) + ")";
}

/// The decimals a price is shown with, as the term sheet states it: the named rounding's
/// decimals (at least 2, cents), or 4 ($0.0001) when the price is not rounded.
[[nodiscard]] inline int price_decimals(const std::optional<price_precision>& precision) noexcept {
    if (!precision) return 4;
    return precision->decimals < 2 ? 2 : precision->decimals;
}

/// A price of @p units money units per share as the term sheet states it, e.g. "$1.2500" for a
/// price rounded to 4 decimals, "$1.3333 (exact 4/3)" for an unrounded price that does not
/// fit 4 decimals (the exact value in the major unit beside it).
[[nodiscard]] inline std::string price_text(const fraction& units, fundround::currency c,
                                            const std::optional<price_precision>& precision) {
    const int decimals = price_decimals(precision);
    const fraction major = units / fraction(money::units_per_major);
    const std::string text = major.to_decimal_string(decimals, rounding::half_even);
    const std::size_t point = text.find('.');
    std::string out = currency_prefix(c) + group_thousands(text.substr(0, point)) +
                      (point == std::string::npos ? std::string() : text.substr(point));
    if (!precision && !(major * fraction(power_of_ten(decimals))).is_integer()) {
        out += " (exact " + major.to_string() + ")";
    }
    return out;
}

}  // namespace detail

/// The terms of a priced round, written the way a term sheet reads:
///
///     priced_round r = priced_round_terms("Series A")
///         .pre_money(8_M)
///         .invest("Blue Shirt Capital", 2_M)
///         .option_pool(fraction(1, 5), pool_placement::pre_money)  // 20% post, in the pre-money
///         .price_rounded(4, rounding::half_even)                    // $0.0001
///         .solve({"issued common", share_count(6'000'000), share_count(0)});
///     r.price();  // $1.0000; r.effective_pre_money(...) == $6M
///
/// Exactly one of pre_money(), post_money(), at_price() and new_money_ownership() fixes the
/// price. Defaults, each named and reported by the result: the exact price (no rounding),
/// investors' shares rounded down (rounding::floor: no fractional shares), the pool increase
/// rounded up (rounding::ceiling: the pool reaches at least its target), each cost rounded to a
/// money unit half away from zero. Setters never throw; solve() reports every problem at once.
class priced_round_terms {
public:
    /// Terms of a round called @p name.
    explicit priced_round_terms(std::string name = {}) : name_(std::move(name)) {}

    /// The price is fixed by a pre-money valuation of @p v on the base's fully diluted count
    /// (including any pool increase in the pre-money).
    priced_round_terms& pre_money(money v) { return set(price_basis::pre_money, v); }
    /// The price is fixed by a post-money valuation of @p v (pre-money = @p v - new money).
    priced_round_terms& post_money(money v) { return set(price_basis::post_money, v); }
    /// The price is @p p per share.
    priced_round_terms& at_price(const fundround::price_per_share& p) {
        bases_.push_back(price_basis::price_per_share);
        price_ = p.units_per_share();
        price_currency_ = p.currency();
        return *this;
    }
    /// The price is @p per_share per share (an amount of at most three decimals; for $0.0001
    /// precision pass a price_per_share). A price that is not positive is reported by solve().
    priced_round_terms& at_price(money per_share) {
        bases_.push_back(price_basis::price_per_share);
        price_ = fraction(per_share.units());
        price_currency_ = per_share.currency();
        return *this;
    }
    /// The price is fixed so that the new money buys @p o of the post-money fully diluted count
    /// (a pool target, wherever placed, then dilutes only the holders before the round).
    priced_round_terms& new_money_ownership(fraction o) {
        bases_.push_back(price_basis::new_money_ownership);
        ownership_ = o;
        return *this;
    }
    /// @p investor buys shares for @p amount.
    priced_round_terms& invest(std::string investor, money amount) {
        investors_.push_back({std::move(investor), amount});
        return *this;
    }
    /// The unallocated pool after the round must be @p target of the post-money fully diluted
    /// count, topped up in the pre-money (the shuffle) or the post-money; @p basis says whether
    /// the existing unallocated pool counts toward the target. With post_money() the pool must
    /// be in the pre-money (a stated post-money fixes the new money's ownership; solve()
    /// reports pool_placement::post_money there).
    priced_round_terms& option_pool(fraction target, pool_placement where,
                                    pool_target_basis basis = pool_target_basis::includes_existing_pool) {
        pool_target_ = target;
        placement_ = where;
        target_basis_ = basis;
        return *this;
    }
    /// Round the price per share to @p decimals digits of the major unit (4: $0.0001) by @p mode.
    priced_round_terms& price_rounded(int decimals, rounding mode) {
        precision_ = price_precision{decimals, mode};
        return *this;
    }
    /// Round each investor's shares by @p mode (default floor; ceiling is Series Seed's "rounded
    /// up to the next whole share").
    priced_round_terms& shares_rounded(rounding mode) {
        share_mode_ = mode;
        return *this;
    }
    /// Round the pool increase by @p mode (default ceiling).
    priced_round_terms& pool_rounded(rounding mode) {
        pool_mode_ = mode;
        return *this;
    }
    /// Round each investor's cost (shares x price) to a money unit by @p mode (default
    /// half_away_from_zero).
    priced_round_terms& cash_rounded(rounding mode) {
        cash_mode_ = mode;
        return *this;
    }

    /// The round's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// True if the terms set an option pool target.
    [[nodiscard]] bool has_pool_target() const noexcept { return pool_target_.has_value(); }
    /// The investors and amounts, in the order given.
    [[nodiscard]] const std::vector<std::pair<std::string, money>>& investors() const noexcept { return investors_; }
    /// The figures that fix the price, in the order given (solve() needs exactly one).
    [[nodiscard]] const std::vector<price_basis>& price_bases() const noexcept { return bases_; }
    /// The valuation given to pre_money() or post_money() (the last one given).
    [[nodiscard]] money stated_valuation() const noexcept { return valuation_; }
    /// The price given to at_price(), in money units per share (zero if none).
    [[nodiscard]] const fraction& price_units() const noexcept { return price_; }
    /// The currency of the price given to at_price(), if one was given.
    [[nodiscard]] std::optional<fundround::currency> price_currency() const noexcept { return price_currency_; }
    /// The ownership given to new_money_ownership() (zero if none).
    [[nodiscard]] const fraction& target_ownership() const noexcept { return ownership_; }
    /// The option pool target, if one was set.
    [[nodiscard]] std::optional<fraction> pool_target() const noexcept { return pool_target_; }
    /// Where the pool top-up is created.
    [[nodiscard]] pool_placement placement() const noexcept { return placement_; }
    /// What the pool target measures.
    [[nodiscard]] pool_target_basis target_basis() const noexcept { return target_basis_; }
    /// The price rounding, if price_rounded() was called.
    [[nodiscard]] const std::optional<price_precision>& price_rounding() const noexcept { return precision_; }
    /// How each investor's shares are rounded.
    [[nodiscard]] rounding share_rounding() const noexcept { return share_mode_; }
    /// How the pool increase is rounded.
    [[nodiscard]] rounding pool_rounding() const noexcept { return pool_mode_; }
    /// How each investor's cost is rounded to a money unit.
    [[nodiscard]] rounding cash_rounding() const noexcept { return cash_mode_; }

    /// Every problem with these terms on @p base (empty if they can be solved).
    [[nodiscard]] std::vector<diagnostic> validate(const pre_round_shares& base) const;
    /// The round solved on @p base, or every problem found (an investor's shares, or all of
    /// them together, that do not fit a 64-bit share count among them). Throws only for other
    /// arithmetic that does not fit (overflow_error: the pool increase, the post-money count) or a
    /// rounding::exact mode that meets an inexact figure (inexact_error).
    [[nodiscard]] pricing_result try_solve(pre_round_shares base) const;
    /// The round solved on @p base; throws validation_error listing every problem.
    [[nodiscard]] priced_round solve(pre_round_shares base) const;

private:
    friend class conversion_round;  // instruments/conversion.hpp: solves its new money in place
    /// Solves into @p r (its base moved from @p base); false with every problem in @p problems.
    bool solve_into(pre_round_shares& base, priced_round& r, std::vector<diagnostic>& problems) const;
    priced_round_terms& set(price_basis b, money v) {
        bases_.push_back(b);
        valuation_ = v;
        return *this;
    }
    /// The new money's currency: the first investor's, else the valuation's.
    fundround::currency currency() const {
        if (!investors_.empty()) return investors_.front().second.currency();
        if (price_currency_) return *price_currency_;
        return valuation_.currency();
    }
    std::string name_;
    std::vector<price_basis> bases_;
    money valuation_;
    fraction price_;
    std::optional<fundround::currency> price_currency_;
    fraction ownership_;
    std::vector<std::pair<std::string, money>> investors_;
    std::optional<fraction> pool_target_;
    pool_placement placement_ = pool_placement::pre_money;
    pool_target_basis target_basis_ = pool_target_basis::includes_existing_pool;
    std::optional<price_precision> precision_;
    rounding share_mode_ = rounding::floor;
    rounding pool_mode_ = rounding::ceiling;
    rounding cash_mode_ = rounding::half_away_from_zero;
};

namespace detail {

/// The inexact_error a priced round's figure throws under rounding::exact ("investors[0].shares =
/// 10/3 is not whole, and its rounding is rounding::exact"), with the figure as a diagnostic:
/// cap_table_round::try_apply_to() reports it as a problem of the round.
class inexact_figure_error : public inexact_error {
public:
    /// The error for @p d: its message is "field = value rule".
    explicit inexact_figure_error(diagnostic d)
        : inexact_error(d.field.to_string() + " = " + d.value + " " + d.rule), problem_(std::move(d)) {}
    /// The figure: its field, its exact value and the rule.
    [[nodiscard]] const diagnostic& problem() const noexcept { return problem_; }

private:
    diagnostic problem_;
};

/// a * b on signed 128-bit integers, or empty if the product's magnitude reaches 2^127.
[[nodiscard]] inline std::optional<int128> product_if_fits(int128 a, int128 b) {
    uint128 m = 0;
    if (mul_overflow(magnitude(a), magnitude(b), m) || m > int128_max_magnitude) return std::nullopt;
    return signed_from((a < 0) != (b < 0), m);
}

/// a * b - c * d on signed 128-bit integers, or empty if an intermediate does not fit.
[[nodiscard]] inline std::optional<int128> products_difference_if_fits(int128 a, int128 b, int128 c, int128 d) {
    const auto x = product_if_fits(a, b);
    const auto y = product_if_fits(c, d);
    if (!x || !y) return std::nullopt;
    // Both magnitudes are below 2^127: the difference fits unless the signs differ and it is huge.
    if ((*x >= 0) == (*y >= 0)) return *x - *y;
    const uint128 m = magnitude(*x) + magnitude(*y);
    if (m > int128_max_magnitude) return std::nullopt;
    return signed_from(*x < 0, m);
}

/// @p num / @p den rounded by @p mode: one 64-bit division when both magnitudes fit 64 bits (the
/// usual case for money units and share counts), divide_rounded() otherwise.
[[nodiscard]] inline int128 quotient_rounded(int128 num, int128 den, rounding mode) {
    const uint128 n = magnitude(num);
    const uint128 d = magnitude(den);
    if ((n >> 64) != 0 || (d >> 64) != 0 || d == 0) return divide_rounded(num, den, mode);
    const auto n64 = static_cast<std::uint64_t>(n);
    const auto d64 = static_cast<std::uint64_t>(d);
    std::uint64_t q = n64 / d64;
    const std::uint64_t r = n64 - q * d64;
    const bool negative = (num < 0) != (den < 0);
    if (round_increment(q, r, d64, negative, mode)) ++q;  // q < 2^64 - 1 when r > 0
    return signed_from(negative, uint128(q));
}

/// @p f x @p n rounded to an integer by @p mode: one 128-bit division when the product fits,
/// the exact fraction product otherwise.
[[nodiscard]] inline int128 times_rounded(const fraction& f, int128 n, rounding mode) {
    if (const auto p = product_if_fits(f.numerator(), n)) return quotient_rounded(*p, f.denominator(), mode);
    return (f * fraction(n)).round_to_integer(mode);
}

/// @p n / @p f rounded to an integer by @p mode (f positive).
[[nodiscard]] inline int128 over_rounded(int128 n, const fraction& f, rounding mode) {
    if (const auto p = product_if_fits(n, f.denominator())) return quotient_rounded(*p, f.numerator(), mode);
    return (fraction(n) / f).round_to_integer(mode);
}

}  // namespace detail

inline fraction price_precision::round(const fraction& units_per_share) const {
    if (decimals >= 3) {
        const std::int64_t scale = detail::power_of_ten(decimals - 3);
        return fraction(detail::times_rounded(units_per_share, scale, mode), detail::int128(scale));
    }
    const std::int64_t scale = detail::power_of_ten(3 - decimals);
    return fraction((units_per_share / fraction(scale)).round_to_integer(mode) * scale);
}

inline std::vector<diagnostic> priced_round_terms::validate(const pre_round_shares& base) const {
    // The success path builds no text and allocates nothing for diagnostics: each check is a
    // comparison; a field path and a message are made only for a problem found.
    std::vector<diagnostic> out;
    if (base.definition.empty() || base.fully_diluted.value() <= 0 || base.unallocated_pool.value() < 0 ||
        base.unallocated_pool.value() >= base.fully_diluted.value()) {
        out = base.validate(field_path("base"));
    }
    const fundround::currency c = currency();

    // Investors: one name each (exactly, and by holder_name_key: "SoftBank" = "Softbank "). The
    // first investor of each key: pairwise for a few investors, comparing the keys in place
    // (no key is built), else one sort of the built keys, O(k log k).
    const std::size_t k = investors_.size();
    if (k == 0) out.push_back({field_path("investors"), "", "a priced round needs at least one investor"});
    constexpr std::size_t few = 16;
    std::array<std::uint8_t, few> first_few{};  // 16 bytes: positions below 16
    std::vector<std::string> keys;
    std::vector<std::size_t> first_many;
    if (k <= few) {
        for (std::size_t i = 0; i < k; ++i) {
            first_few[i] = static_cast<std::uint8_t>(i);
            for (std::size_t j = 0; j < i; ++j) {
                if (detail::compare_name_keys(investors_[j].first, investors_[i].first) == 0) {
                    first_few[i] = static_cast<std::uint8_t>(j);
                    break;
                }
            }
        }
    } else {
        keys.reserve(k);
        for (const auto& inv : investors_) keys.push_back(holder_name_key(inv.first));
        const auto key = [&](std::size_t i) -> const std::string& { return keys[i]; };
        std::vector<std::size_t> order(k);
        for (std::size_t i = 0; i < k; ++i) order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t x, std::size_t y) { return key(x) < key(y) || (key(x) == key(y) && x < y); });
        first_many.resize(k);
        for (std::size_t j = 0; j < k; ++j) {
            first_many[order[j]] = j > 0 && key(order[j]) == key(order[j - 1]) ? first_many[order[j - 1]] : order[j];
        }
    }
    const auto first_of = [&](std::size_t i) -> std::size_t { return k <= few ? first_few[i] : first_many[i]; };
    const auto key_empty = [&](std::size_t i) {
        return k <= few ? detail::name_key_empty(investors_[i].first) : keys[i].empty();
    };
    detail::int128 new_money = 0;
    bool money_ok = k > 0;
    std::size_t over_at = k;        // the investment with which the running total leaves 64 bits
    detail::int128 over_before = 0;  // the total of the investments before it
    for (std::size_t i = 0; i < k; ++i) {
        const auto& [who, amount] = investors_[i];
        const auto path = [i] { return field_path("investors").index(i); };
        if (key_empty(i)) {
            out.push_back({path().member("name"), "\"" + who + "\"", "must contain a letter or digit"});
        } else if (first_of(i) != i) {
            const std::string& first = investors_[first_of(i)].first;
            const std::string at = field_path("investors").index(first_of(i)).to_string();
            out.push_back({path().member("name"), "\"" + who + "\"",
                           first == who ? "appears twice (also " + at + ")"
                                        : "is the same investor as " + at + " \"" + first +
                                              "\" but for case, spaces or punctuation: use one name"});
        }
        if (amount.currency() != c) {
            out.push_back({path().member("amount"), format_full(amount), "must be in " + to_string(c) + " like the rest"});
            money_ok = false;
        } else if (!amount.is_positive()) {
            out.push_back({path().member("amount"), format_full(amount), "must be positive"});
            money_ok = false;
        } else {
            if (over_at == k && new_money + amount.units() > detail::int128(std::numeric_limits<money::rep>::max())) {
                over_at = i;
                over_before = new_money;
            }
            new_money += amount.units();
        }
    }

    // The new money is a money amount itself: its total must fit 64 bits. Named as the round
    // builder names its total: the sum before the investment that overflows, and that investment.
    if (money_ok && over_at < k) {
        const std::string next = field_path("investors").index(over_at, investors_[over_at].first).to_string();
        const money before = money::from_units(static_cast<money::rep>(over_before), c);
        out.push_back({field_path("investors"), "",
                       "the total of the investments overflows the amount range: the sum of the investments before " + next +
                           ", " + format_full(before) + ", plus " + next + ", " + format_full(investors_[over_at].second) +
                           ", is above the largest amount, " + format_full(money::from_units(detail::int64_max, c))});
        money_ok = false;
    }

    // The figure that fixes the price, and with it the new money's fraction q of T: q = N / post.
    std::optional<detail::int128> post;  // post-money in units, when the terms fix it
    if (bases_.empty()) {
        out.push_back({field_path("price"), "", "give one of pre_money, post_money, at_price or new_money_ownership"});
    } else if (bases_.size() > 1) {
        std::string given;
        for (const price_basis b : bases_) given += (given.empty() ? "" : ", ") + std::string(to_string(b));
        out.push_back({field_path("price"), given, "give exactly one figure that fixes the price"});
    } else {
        switch (bases_.front()) {
            case price_basis::pre_money:
                if (valuation_.currency() != c) {
                    out.push_back({field_path("pre_money"), format_full(valuation_), "must be in " + to_string(c)});
                } else if (!valuation_.is_positive()) {
                    out.push_back({field_path("pre_money"), format_full(valuation_), "must be positive"});
                } else if (money_ok && detail::int128(valuation_.units()) + new_money > detail::int128(detail::int64_max)) {
                    // The post-money is a figure of the round (stated_post_money(), the summary).
                    out.push_back({field_path("pre_money"), format_full(valuation_),
                                   "with the new money " +
                                       format_full(money::from_units(detail::narrow(new_money, "new money"), c)) +
                                       " the post-money overflows the amount range (64-bit thousandths of a unit)"});
                } else if (money_ok) {
                    post = detail::int128(valuation_.units()) + new_money;
                }
                break;
            case price_basis::post_money:
                if (valuation_.currency() != c) {
                    out.push_back({field_path("post_money"), format_full(valuation_), "must be in " + to_string(c)});
                } else if (!valuation_.is_positive()) {
                    out.push_back({field_path("post_money"), format_full(valuation_), "must be positive"});
                } else if (money_ok && detail::int128(valuation_.units()) <= new_money) {
                    out.push_back({field_path("post_money"), format_full(valuation_),
                                   "must exceed the new money " +
                                       format_full(money::from_units(detail::narrow(new_money, "new money"), c))});
                } else if (money_ok) {
                    post = detail::int128(valuation_.units());
                }
                break;
            case price_basis::price_per_share:
                if (price_currency_ && *price_currency_ != c) {
                    out.push_back({field_path("price"), to_string(*price_currency_), "must be in " + to_string(c)});
                } else if (price_.sign() <= 0) {
                    out.push_back({field_path("price"), price_.to_string() + " units per share", "must be positive"});
                }
                break;
            case price_basis::new_money_ownership:
                if (ownership_.sign() <= 0 || ownership_ >= fraction(1)) {
                    out.push_back({field_path("new_money_ownership"), detail::fraction_text(ownership_),
                                   "must be above 0% and below 100%"});
                }
                break;
        }
    }

    // The pool: below 100%, and, where it dilutes only the holders before the round (in the
    // pre-money on a valuation, or on a new-money ownership), below 100% together with the new
    // money: t + q < 1, that is t.num x post < t.den x (post - N) (all positive), in integers
    // when the products fit. A pool in the post-money dilutes the new money too: the holders
    // before keep (1 - t)(1 - q) of T, whatever t + q.
    if (pool_target_) {
        const fraction& t = *pool_target_;
        const bool own = bases_.size() == 1 && bases_.front() == price_basis::new_money_ownership;
        if (t.numerator() < 0 || t.numerator() >= t.denominator()) {  // t < 0 or t >= 1 (den > 0)
            out.push_back({field_path("option_pool").member("target"), detail::fraction_text(t), "must be at least 0% and below 100%"});
        } else if ((post && placement_ == pool_placement::pre_money) ||
                   (own && ownership_.sign() > 0 && ownership_ < fraction(1))) {
            bool too_much = false;
            const fraction q = own ? ownership_ : fraction();
            if (own) {
                too_much = t + q >= fraction(1);
            } else if (const auto d = detail::products_difference_if_fits(t.numerator(), *post, t.denominator(),
                                                                           *post - new_money)) {
                too_much = *d >= 0;
            } else {
                too_much = t + fraction(new_money) / fraction(*post) >= fraction(1);
            }
            if (too_much) {
                const fraction share = own ? q : fraction(new_money) / fraction(*post);
                out.push_back({field_path("option_pool").member("target"), detail::fraction_text(t),
                               "with the new money's " + detail::fraction_text(share) +
                                   " of the post-money it leaves nothing for the holders before the round: the "
                                   "two together must be below 100%"});
            }
        }
    }
    // A stated post-money fixes the new money's ownership at N / post-money: a pool that also
    // diluted the new investors would put price x post-money shares above the stated figure.
    // The pool can only dilute the holders before the round: that is the pre-money placement.
    if (pool_target_ && pool_target_->sign() > 0 && placement_ == pool_placement::post_money && bases_.size() == 1 &&
        bases_.front() == price_basis::post_money) {
        out.push_back({field_path("option_pool").member("placement"), "post-money",
                       "cannot be combined with a post_money valuation: the stated post-money fixes the new "
                       "money's ownership (new money / post-money), so the pool can dilute only the holders "
                       "before the round; use pool_placement::pre_money (the same post-money, the pool inside "
                       "it), or price by pre_money to have the pool dilute the new investors too"});
    }
    if (precision_ && (precision_->decimals < 0 || precision_->decimals > price_precision::max_decimals)) {
        out.push_back({field_path("price_rounding").member("decimals"), std::to_string(precision_->decimals),
                       "must be from 0 to " + std::to_string(price_precision::max_decimals)});
    }
    // Values cast from integers outside the enumerations: nothing is computed with them.
    if (precision_) detail::check_known_enum(out, field_path("price_rounding").member("mode"), precision_->mode, detail::rounding_names);
    detail::check_known_enum(out, field_path("share_rounding"), share_mode_, detail::rounding_names);
    detail::check_known_enum(out, field_path("pool_rounding"), pool_mode_, detail::rounding_names);
    detail::check_known_enum(out, field_path("cash_rounding"), cash_mode_, detail::rounding_names);
    detail::check_known_enum(out, field_path("option_pool").member("placement"), placement_, detail::pool_placement_names);
    detail::check_known_enum(out, field_path("option_pool").member("basis"), target_basis_, detail::pool_target_basis_names);
    return out;
}

inline bool priced_round_terms::solve_into(pre_round_shares& base, priced_round& r, std::vector<diagnostic>& problems) const {
    problems = validate(base);
    if (!problems.empty()) return false;

    const fundround::currency c = currency();
    const price_basis basis = bases_.front();
    detail::int128 n = 0;  // new money, units
    for (const auto& inv : investors_) n += inv.second.units();
    const std::int64_t f0 = base.fully_diluted.value();
    const std::int64_t e =
        target_basis_ == pool_target_basis::includes_existing_pool ? base.unallocated_pool.value() : std::int64_t{0};
    const bool pool = pool_target_.has_value() && pool_target_->sign() > 0;

    // 1. The exact price, in closed form.
    std::optional<money> stated_pre;
    if (basis == price_basis::pre_money) stated_pre = valuation_;
    if (basis == price_basis::post_money) {
        stated_pre = money::from_units(valuation_.units() - detail::narrow(n, "new money"), c);
    }
    fraction exact;
    switch (basis) {
        case price_basis::pre_money:
        case price_basis::post_money: {
            const detail::int128 v = stated_pre->units();
            // No pool, or a pool in the post-money: P = V / F0. With the pool in the pre-money
            // (the shuffle): P = (V - t (V + N)) / (F0 - E) = num / den, unless the existing pool
            // already meets the target, which is exactly when that is not below V / F0.
            bool shuffle = false;
            if (pool && placement_ == pool_placement::pre_money) {
                const fraction& t = *pool_target_;
                const auto num = detail::products_difference_if_fits(t.denominator(), v, t.numerator(), v + n);
                const auto den = detail::product_if_fits(t.denominator(), detail::int128(f0 - e));
                const auto cross = num && den ? detail::products_difference_if_fits(*num, f0, v, *den) : std::nullopt;
                if (cross) {  // num / den < v / f0, compared without reducing either
                    if (*cross < 0) {
                        exact = fraction(*num, *den);
                        shuffle = true;
                    }
                } else {
                    const fraction candidate = (fraction(v) - t * fraction(v + n)) / fraction(f0 - e);
                    if (candidate < fraction(v, detail::int128(f0))) {
                        exact = candidate;
                        shuffle = true;
                    }
                }
            }
            if (!shuffle) exact = fraction(v, detail::int128(f0));
            break;
        }
        case price_basis::price_per_share: exact = price_; break;
        case price_basis::new_money_ownership: {
            // The new money holds o of T: without a pool T = F0 / (1 - o); with a target t
            // (wherever it sits) T = (F0 - E) / (1 - t - o), unless the existing pool already
            // meets the target. P = N / (o T).
            const fraction& o = ownership_;
            const fraction one(1);
            fraction total = fraction(f0) / (one - o);
            if (pool) {
                const fraction with_pool = fraction(f0 - e) / (one - *pool_target_ - o);
                if (*pool_target_ * with_pool >= fraction(e)) total = with_pool;
            }
            exact = fraction(n) / (o * total);
            break;
        }
    }
    if (exact.sign() <= 0) {
        problems.push_back({field_path("price"), exact.to_string() + " units per share",
                                   "the terms imply a price that is not positive"});
        return false;
    }

    // 2. The named roundings: price, then each investor's shares, then the pool increase.
    r.name_ = name_;
    r.basis_ = basis;
    r.currency_ = c;
    r.exact_price_ = exact;
    r.precision_ = precision_;
    // A rounding::exact mode that meets an inexact figure throws inexact_error naming it (an
    // inexact_figure_error: the figure as a diagnostic too, for cap_table_round's problems).
    const auto named = [](auto compute, const auto& field, const auto& value) {
        try {
            return compute();
        } catch (const inexact_error&) {
            throw detail::inexact_figure_error({field(), value(), "is not whole, and its rounding is rounding::exact"});
        }
    };
    const auto major = [&](const fraction& units) {
        return (units / fraction(money::units_per_major)).to_decimal_string(price_precision::max_decimals) + " " +
               to_string(c);
    };
    r.price_ = precision_ ? named([&] { return precision_->round(exact); }, [] { return field_path("price"); },
                                  [&] {
                                      return major(exact) + " per share in steps of " +
                                             std::to_string(precision_->decimals) + " decimals";
                                  })
                          : exact;
    if (r.price_.sign() <= 0) {
        problems.push_back({field_path("price_rounding").member("decimals"), std::to_string(precision_->decimals),
                                   "rounds the price " + (exact / fraction(money::units_per_major)).to_decimal_string(price_precision::max_decimals) +
                                       " to zero: use more decimals"});
        return false;
    }
    r.share_mode_ = share_mode_;
    r.pool_mode_ = pool_mode_;
    r.cash_mode_ = cash_mode_;
    r.stated_pre_ = stated_pre;
    r.pool_target_ = pool_target_;
    r.placement_ = placement_;
    r.target_basis_ = target_basis_;
    r.investments_.reserve(investors_.size());
    detail::int128 new_shares = 0;
    money::rep not_converted = 0;
    for (std::size_t i = 0; i < investors_.size(); ++i) {
        const std::string& who = investors_[i].first;
        const money amount = investors_[i].second;
        const auto field = [i] { return field_path("investors").index(i); };  // built only for a problem
        const detail::int128 whole =
            named([&] { return detail::over_rounded(amount.units(), r.price_, share_mode_); },
                  [&] { return field().member("shares"); }, [&] { return (fraction(amount.units()) / r.price_).to_string(); });
        if (whole > detail::int128(detail::int64_max)) {  // a share count is 64 bits: name the investment
            problems.push_back(
                {field().member("shares"), detail::group_thousands(fraction(whole).to_string()),
                 "does not fit a share count (" + detail::group_thousands(std::to_string(detail::int64_max)) +
                     " at most): " + format_full(amount) + " at the price of " + detail::price_text(r.price_, c, precision_) +
                     " per share; raise the price or lower the amount"});
            continue;
        }
        const share_count s(static_cast<std::int64_t>(whole));
        if (s.value() == 0) {  // nothing silently dropped: an investment that buys no share is a problem
            problems.push_back(
                {field().member("amount"), format_full(amount),
                 "buys no whole share at the price of " + detail::price_text(r.price_, c, precision_) +
                     " per share (shares rounded " + std::string(to_string(share_mode_)) +
                     "): invest at least one share's price"});
        }
        const money paid = money::from_units(
            detail::narrow(named([&] { return detail::times_rounded(r.price_, s.value(), cash_mode_); },
                                 [&] { return field().member("cost"); },
                                 [&] { return (r.price_ * fraction(s.value())).to_string() + " units"; }),
                           "cost of shares"),
            c);
        r.investments_.push_back({who, amount, s, paid, amount - paid});
        new_shares += s.value();
        not_converted = detail::money_add(not_converted, (amount - paid).units());
    }
    if (problems.empty() && new_shares > detail::int128(detail::int64_max)) {  // each fits, their sum does not
        problems.push_back({field_path("investors"), detail::group_thousands(fraction(new_shares).to_string()) + " shares",
                            "the investors' shares together do not fit a share count (" +
                                detail::group_thousands(std::to_string(detail::int64_max)) + " at most)"});
    }
    if (!problems.empty()) return false;
    r.new_money_ = money::from_units(detail::narrow(n, "new money"), c);
    r.new_shares_ = share_count(detail::narrow(new_shares, "new shares"));
    r.not_converted_ = money::from_units(not_converted, c);
    if (pool) {
        // The pool after the round is t of the actual T = F0 + increase + S:
        // increase = (t (F0 + S) - E) / (1 - t) = (a (F0 + S) - b E) / (b - a) for t = a / b.
        const fraction& t = *pool_target_;
        const detail::int128 counted = detail::int128(f0) + new_shares;
        const auto num = detail::products_difference_if_fits(t.numerator(), counted, t.denominator(), e);
        const auto den = t.denominator() - t.numerator();
        if (num) {
            if (*num > 0) {
                r.pool_increase_ = share_count(detail::narrow(
                    named([&] { return detail::quotient_rounded(*num, den, pool_mode_); },
                          [] { return field_path("pool_increase"); }, [&] { return fraction(*num, den).to_string() + " shares"; }),
                    "pool increase"));
            }
        } else {
            const fraction increase = (t * fraction(counted) - fraction(e)) / (fraction(1) - t);
            if (increase.sign() > 0) {
                r.pool_increase_ = share_count(detail::narrow(
                    named([&] { return increase.round_to_integer(pool_mode_); },
                          [] { return field_path("pool_increase"); }, [&] { return increase.to_string() + " shares"; }),
                    "pool increase"));
            }
        }
    }
    r.post_shares_ = base.fully_diluted + r.pool_increase_ + r.new_shares_;
    r.base_ = std::move(base);
    return true;
}

inline pricing_result priced_round_terms::try_solve(pre_round_shares base) const {
    pricing_result result;
    priced_round r;
    if (solve_into(base, r, result.problems)) result.round = std::move(r);
    return result;
}

inline priced_round priced_round_terms::solve(pre_round_shares base) const {
    priced_round r;
    std::vector<diagnostic> problems;
    if (!solve_into(base, r, problems)) {
        throw validation_error("priced round \"" + name_ + "\" is invalid", std::move(problems));
    }
    return r;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_PRICING_HPP
