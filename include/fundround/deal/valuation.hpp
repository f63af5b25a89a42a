/// @file deal/valuation.hpp
/// @brief Pre-money, post-money, price per share and step-up against a prior mark.
#ifndef FUNDROUND_DEAL_VALUATION_HPP
#define FUNDROUND_DEAL_VALUATION_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/shares.hpp>

#include <optional>

FUNDROUND_BEGIN_NAMESPACE

/// A company's valuation for a round: the pre-money value and, optionally, the fully diluted
/// share count before the round (which fixes the price per share).
///
/// Definitions: post-money = pre-money + money in; price per share = pre-money / pre-money
/// fully diluted shares; step-up = this valuation / a prior mark.
///
class valuation {

public:
    /// A valuation of @p pre_money; throws unless it is positive.
    explicit valuation(money pre_money) : pre_money_(pre_money) {
        if (!pre_money.is_positive()) {
            throw invalid_argument_error("pre_money = " + format_full(pre_money) + ": must be positive");
        }
    }
    /// A valuation of @p pre_money over @p fully_diluted_shares shares before the round.
    valuation(money pre_money, share_count fully_diluted_shares) : valuation(pre_money) {
        if (fully_diluted_shares.value() <= 0) {
            throw invalid_argument_error("pre_money_shares = " + detail::signed_digits(fully_diluted_shares.value()) +
                                         ": must be positive");
        }
        shares_ = fully_diluted_shares;
    }

    /// The pre-money valuation.
    [[nodiscard]] money pre_money() const noexcept { return pre_money_; }
    /// Pre-money plus @p money_in (throws on overflow or currency mismatch).
    [[nodiscard]] money post_money(money money_in) const { return pre_money_ + money_in; }
    /// Fully diluted shares before the round, if given.
    [[nodiscard]] std::optional<share_count> pre_money_shares() const noexcept {
        if (shares_.value() <= 0) return std::nullopt;
        return shares_;
    }
    /// Price per share = pre-money / pre-money fully diluted shares (only if shares are given).
    [[nodiscard]] std::optional<price_per_share> price() const {
        if (shares_.value() <= 0) return std::nullopt;
        return price_per_share(pre_money_, shares_);
    }
    /// Pre-money / @p prior_mark, e.g. $730B / $500B = 73/50 (1.46x).
    [[nodiscard]] fraction step_up_from(money prior_mark) const {
        return pre_money_.ratio_to(prior_mark);
    }
    /// Post-money (with @p money_in) / @p prior_mark, e.g. $840B / $500B = 42/25 (1.68x).
    [[nodiscard]] fraction post_money_step_up_from(money prior_mark, money money_in) const {
        return post_money(money_in).ratio_to(prior_mark);
    }
    /// The fraction of the company @p money_in buys: money_in / post-money.
    [[nodiscard]] fraction ownership_bought_by(money money_in) const {
        return money_in.ratio_to(post_money(money_in));
    }

    /// True if the pre-money amounts and the (optional) share counts are equal.
    [[nodiscard]] friend bool operator==(const valuation& a, const valuation& b) {
        return a.pre_money_ == b.pre_money_ && a.shares_ == b.shares_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const valuation& a, const valuation& b) { return !(a == b); }

private:
    money pre_money_;
    share_count shares_;  // zero when not given (a given count is positive)
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_VALUATION_HPP
