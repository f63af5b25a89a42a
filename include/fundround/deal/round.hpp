/// @file deal/round.hpp
/// @brief An immutable, validated funding round and every figure it answers.
#ifndef FUNDROUND_DEAL_ROUND_HPP
#define FUNDROUND_DEAL_ROUND_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/valuation.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

class round_builder;

/// One investor's part of a round: the investor, its tranches and their totals by status.
struct commitment {
    fundround::investor investor;   ///< Who commits.
    std::vector<tranche> tranches;  ///< The payments, in the order given.
    money total;                    ///< Sum of the tranches.
    money at_close;                 ///< Tranches funded at close.
    money scheduled;                ///< Certain tranches due after close.
    money conditional;              ///< Tranches that depend on a milestone.
};

/// A validated funding round. Built only by round_builder; immutable afterwards.
///
/// "Committed" figures assume every tranche is paid; "at close" figures count only the money
/// funded on the close date. Post-money = pre-money + money in (shares are issued at one price).
class funding_round {
public:

    /// The round's name.
    const std::string& name() const noexcept { return name_; }
    /// The round's currency.
    fundround::currency currency() const noexcept { return currency_; }
    /// The close date.
    calendar_date close_date() const noexcept { return close_date_; }
    /// The valuation (pre-money and optional share count).
    const fundround::valuation& valuation() const noexcept { return valuation_; }
    /// The pre-money valuation.
    money pre_money() const noexcept { return valuation_.pre_money(); }
    /// The prior mark (e.g. a secondary sale's valuation), if given.
    std::optional<money> prior_mark() const noexcept { return prior_mark_; }
    /// What the prior mark was ("October 2025 secondary").
    const std::string& prior_mark_label() const noexcept { return prior_mark_label_; }
    /// The amount of the previous round, if given.
    std::optional<money> prior_round() const noexcept { return prior_round_; }
    /// What the previous round was.
    const std::string& prior_round_label() const noexcept { return prior_round_label_; }

    /// Every commitment, in the order added.
    const std::vector<commitment>& commitments() const noexcept { return commitments_; }
    /// True if an investor of this name is in the round.
    bool has_investor(std::string_view name) const {
        const investor_index& index = index_;
        return index.count(std::string(name)) != 0;
    }
    /// The commitment of the investor called @p name; throws invalid_argument_error if absent.
    const commitment& commitment_of(std::string_view name) const {
        const investor_index& index = index_;
        const auto it = index.find(std::string(name));
        if (it == index.end()) {
            throw invalid_argument_error("investor = \"" + std::string(name) +
                                         "\": is not in round \"" + name_ + "\"");
        }
        return commitments_[it->second];
    }

    /// Amount raised if every tranche is paid.
    money raised() const noexcept { return raised_; }
    /// Amount funded at close.
    money raised_at_close() const noexcept { return at_close_; }
    /// Certain amounts due after close.
    money raised_scheduled() const noexcept { return scheduled_; }
    /// Amounts that depend on milestones.
    money raised_conditional() const noexcept { return conditional_; }

    /// Pre-money + everything committed.
    money post_money() const noexcept { return post_money_; }
    /// Pre-money + money funded at close.
    money post_money_at_close() const noexcept { return post_money_at_close_; }

    /// Fully funded ownership of @p name: committed / post-money.
    fraction ownership(std::string_view name) const {
        return commitment_of(name).total.ratio_to(post_money_);
    }
    /// Fully funded ownership of @p who (looked up by name).
    fraction ownership(const fundround::investor& who) const { return ownership(who.name()); }
    /// Ownership of @p name right after close: funded at close / post-money at close.
    fraction ownership_at_close(std::string_view name) const {
        return commitment_of(name).at_close.ratio_to(post_money_at_close_);
    }
    /// The new investors together, fully funded: raised / post-money.
    fraction new_investors_ownership() const { return raised_.ratio_to(post_money_); }
    /// The holders before the round, fully funded: pre-money / post-money.
    fraction existing_holders_ownership() const { return pre_money().ratio_to(post_money_); }
    /// The new investors together right after close.
    fraction new_investors_ownership_at_close() const { return at_close_.ratio_to(post_money_at_close_); }
    /// The holders before the round, right after close.
    fraction existing_holders_ownership_at_close() const {
        return pre_money().ratio_to(post_money_at_close_);
    }

    /// Pre-money / prior mark (1.46x for $730B vs $500B), if a prior mark is given.
    std::optional<fraction> step_up() const {
        if (!prior_mark_) return std::nullopt;
        return valuation_.step_up_from(*prior_mark_);
    }
    /// Post-money (committed) / prior mark, if a prior mark is given.
    std::optional<fraction> post_money_step_up() const {
        if (!prior_mark_) return std::nullopt;
        return post_money_.ratio_to(*prior_mark_);
    }
    /// Amount raised / the prior round's amount (2.75x for $110B vs $40B), if given.
    std::optional<fraction> raise_multiple() const {
        if (!prior_round_) return std::nullopt;
        return raised_.ratio_to(*prior_round_);
    }

    /// When the money arrives: dated entries plus undated conditional ones.
    const disbursement_schedule& schedule() const noexcept { return schedule_; }

private:
    /// The only way to make a funding_round: round_builder::build() or try_build().
    friend class round_builder;
    funding_round() = default;

    std::string name_;
    fundround::currency currency_;
    calendar_date close_date_{};
    fundround::valuation valuation_{money::from_units(1)};
    std::optional<money> prior_mark_;
    std::string prior_mark_label_;
    std::optional<money> prior_round_;
    std::string prior_round_label_;
    std::vector<commitment> commitments_;
    using investor_index = std::unordered_map<std::string, std::size_t>;
    investor_index index_;
    money raised_, at_close_, scheduled_, conditional_;
    money post_money_, post_money_at_close_;
    disbursement_schedule schedule_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_ROUND_HPP
