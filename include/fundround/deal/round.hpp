/// @file deal/round.hpp
/// @brief An immutable, validated funding round and every figure it answers.
#ifndef FUNDROUND_DEAL_ROUND_HPP
#define FUNDROUND_DEAL_ROUND_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/valuation.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

class round_builder;
class round_timeline;

/// A validated funding round. Built only by round_builder; immutable afterwards.
///
/// "Committed" figures assume every tranche is paid; "at close" figures count only the money
/// funded on the close date. Post-money = pre-money + money in (shares are issued at one price).
class funding_round {
public:

    /// The round's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The round's currency.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }
    /// The close date.
    [[nodiscard]] calendar_date close_date() const noexcept { return close_date_; }
    /// The valuation (pre-money and optional share count).
    [[nodiscard]] const fundround::valuation& valuation() const noexcept { return valuation_; }
    /// The pre-money valuation.
    [[nodiscard]] money pre_money() const noexcept { return valuation_.pre_money(); }
    /// The prior mark (e.g. a secondary sale's valuation), if given.
    [[nodiscard]] std::optional<money> prior_mark() const noexcept { return prior_mark_; }
    /// What the prior mark was ("October 2025 secondary").
    [[nodiscard]] const std::string& prior_mark_label() const noexcept { return prior_mark_label_; }
    /// The amount of the previous round, if given.
    [[nodiscard]] std::optional<money> prior_round() const noexcept { return prior_round_; }
    /// What the previous round was.
    [[nodiscard]] const std::string& prior_round_label() const noexcept { return prior_round_label_; }

    /// Every commitment, in the order added.
    [[nodiscard]] const std::vector<commitment>& commitments() const noexcept { return schedule_.commitments(); }
    /// The names of the milestones the round's conditions wait on, sorted, each once.
    [[nodiscard]] std::vector<std::string> milestones() const {
        std::vector<std::string> out;
        for (const commitment& c : commitments()) {
            for (const tranche& t : c.tranches) {
                for (std::string& m : t.condition().milestones()) out.push_back(std::move(m));
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    /// True if an investor of this name is in the round.
    [[nodiscard]] bool has_investor(std::string_view name) const { return find(name) != nullptr; }
    /// The commitment of the investor called @p name; throws invalid_argument_error if absent.
    [[nodiscard]] const commitment& commitment_of(std::string_view name) const {
        const commitment* c = find(name);
        if (c == nullptr) {
            detail::throw_unknown_investor(name, detail::concat({"is not in round \"", name_, "\""}), &commitments(),
                                           commitments().size(), [](const void* cs, std::size_t i) noexcept -> std::string_view {
                                               return (*static_cast<const std::vector<commitment>*>(cs))[i].investor.name();
                                           });
        }
        return *c;
    }

    /// Amount raised if every tranche is paid.
    [[nodiscard]] money raised() const noexcept { return raised_; }
    /// Amount funded at close.
    [[nodiscard]] money raised_at_close() const noexcept { return at_close_; }
    /// Certain amounts due after close.
    [[nodiscard]] money raised_scheduled() const noexcept { return scheduled_; }
    /// Amounts that depend on milestones.
    [[nodiscard]] money raised_conditional() const noexcept { return conditional_; }

    /// Pre-money + everything committed.
    [[nodiscard]] money post_money() const noexcept { return post_money_; }
    /// Pre-money + money funded at close.
    [[nodiscard]] money post_money_at_close() const noexcept { return post_money_at_close_; }

    /// Fully funded ownership of @p name: committed / post-money.
    [[nodiscard]] fraction ownership(std::string_view name) const {
        return commitment_of(name).total.ratio_to(post_money_);
    }
    /// Fully funded ownership of @p who (looked up by name).
    [[nodiscard]] fraction ownership(const fundround::investor& who) const { return ownership(who.name()); }
    /// Ownership of @p name right after close: funded at close / post-money at close.
    [[nodiscard]] fraction ownership_at_close(std::string_view name) const {
        return commitment_of(name).at_close.ratio_to(post_money_at_close_);
    }
    /// The new investors together, fully funded: raised / post-money.
    [[nodiscard]] fraction new_investors_ownership() const { return raised_.ratio_to(post_money_); }
    /// The holders before the round, fully funded: pre-money / post-money.
    [[nodiscard]] fraction existing_holders_ownership() const { return pre_money().ratio_to(post_money_); }
    /// The new investors together right after close.
    [[nodiscard]] fraction new_investors_ownership_at_close() const { return at_close_.ratio_to(post_money_at_close_); }
    /// The holders before the round, right after close.
    [[nodiscard]] fraction existing_holders_ownership_at_close() const {
        return pre_money().ratio_to(post_money_at_close_);
    }

    /// Pre-money / prior mark (1.46x for $730B vs $500B), if a prior mark is given.
    [[nodiscard]] std::optional<fraction> step_up() const {
        if (!prior_mark_) return std::nullopt;
        return valuation_.step_up_from(*prior_mark_);
    }
    /// Post-money (committed) / prior mark, if a prior mark is given.
    [[nodiscard]] std::optional<fraction> post_money_step_up() const {
        if (!prior_mark_) return std::nullopt;
        return post_money_.ratio_to(*prior_mark_);
    }
    /// Amount raised / the prior round's amount (2.75x for $110B vs $40B), if given.
    [[nodiscard]] std::optional<fraction> raise_multiple() const {
        if (!prior_round_) return std::nullopt;
        return raised_.ratio_to(*prior_round_);
    }

    /// When the money arrives: dated entries plus undated conditional ones.
    [[nodiscard]] const disbursement_schedule& schedule() const noexcept { return schedule_; }

private:
    /// The only way to make a funding_round: round_builder::build() or try_build().
    friend class round_builder;
    friend class round_timeline;  // copies the name index
    funding_round() = default;

    const commitment* find(std::string_view name) const {
        const std::vector<commitment>& cs = commitments();
        const std::uint32_t* const end = by_name_.data() + by_name_.size();
        const std::uint32_t* const it = std::lower_bound(by_name_.data(), end, name, [&](std::uint32_t i, std::string_view n) {
            return detail::name_key_less(cs[i].investor.name(), n);
        });
        if (it == end || cs[*it].investor.name() != name) return nullptr;
        return &cs[*it];
    }

    std::string name_;
    fundround::currency currency_;
    calendar_date close_date_{};
    fundround::valuation valuation_{money::from_units(1)};
    std::optional<money> prior_mark_;
    std::string prior_mark_label_;
    std::optional<money> prior_round_;
    std::string prior_round_label_;
    // Positions in commitments() (held by schedule_, which refers to them), sorted by investor name
    // in detail::name_key_less() order: the one index of investors (4 bytes each).
    std::vector<std::uint32_t> by_name_;
    money raised_, at_close_, scheduled_, conditional_;
    money post_money_, post_money_at_close_;
    disbursement_schedule schedule_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_ROUND_HPP
