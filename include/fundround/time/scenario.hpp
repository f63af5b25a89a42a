/// @file time/scenario.hpp
/// @brief What-ifs: fix milestone outcomes and see the round as it turns out.
#ifndef FUNDROUND_TIME_SCENARIO_HPP
#define FUNDROUND_TIME_SCENARIO_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/detail/digits.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/time/timeline.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

class scenario;

/// A round as it turns out in one scenario: the payments made, the amount raised, the
/// post-money and who owns what once everything that will happen has happened.
class scenario_result {
public:
    /// The scenario's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The payments made, in date order.
    [[nodiscard]] const std::vector<payment>& payments() const& noexcept { return timeline_.payments(); }
    /// The payments made, moved out of a temporary result (a range-for over
    /// `s.apply_to(r).payments()` does not dangle).
    [[nodiscard]] std::vector<payment> payments() && { return std::move(timeline_).payments(); }
    /// The whole timeline, for as-of questions within the scenario.
    [[nodiscard]] const round_timeline& timeline() const& noexcept { return timeline_; }
    /// The whole timeline, moved out of a temporary result.
    [[nodiscard]] round_timeline timeline() && {
        round_timeline& t = timeline_;
        return std::move(t);
    }

    /// Money paid in the end.
    [[nodiscard]] money raised() const { return end_.funded; }
    /// Money lost to lapsed conditions.
    [[nodiscard]] money lapsed() const { return end_.lapsed; }
    /// Money whose condition never settles: promised, never paid, never lapsed.
    [[nodiscard]] money never_settled() const { return end_.conditional; }
    /// Pre-money + raised().
    [[nodiscard]] money post_money() const { return end_.post_money; }
    /// @p investor's ownership in the end: what it paid / post_money().
    [[nodiscard]] fraction ownership(std::string_view investor) const {
        return timeline_.ownership(investor, end_of_time());
    }
    /// What @p investor paid in the end; throws invalid_argument_error if it is not in the round.
    [[nodiscard]] money paid_by(std::string_view investor) const {
        return timeline_.as_of(investor, end_of_time()).funded;
    }
    /// The holders before the round, in the end: pre-money / post_money().
    [[nodiscard]] fraction existing_holders_ownership() const {
        return timeline_.existing_holders_ownership(end_of_time());
    }
    /// The new investors together, in the end: raised() / post_money().
    [[nodiscard]] fraction new_investors_ownership() const {
        return timeline_.new_investors_ownership(end_of_time());
    }

private:
    friend class scenario;
    scenario_result(std::string name, round_timeline t)
        : name_(std::move(name)), timeline_(std::move(t)), end_(timeline_.in_the_end()) {}

    std::string name_;
    round_timeline timeline_;
    round_position end_;
};

/// A what-if that fixes milestone outcomes: each named milestone is achieved on a date, fails
/// on a date, or never settles. Milestones the scenario does not mention never settle.
///
///     const scenario met =
///         scenario("conditions met").achieve("certain conditions", year{2026}/9/30);
///     met.apply_to(round).post_money();  // $840B
///
/// Setters never throw; apply_to() reports every problem at once (a misspelt milestone, an
/// invalid date, a milestone given two outcomes).
class scenario {
public:
    /// How a scenario settles a milestone.
    enum class outcome_kind {
        achieved,  ///< Achieved on a date.
        failed,    ///< Failed on a date.
        never,     ///< Never settles.
    };
    /// One milestone's outcome, as given to achieve(), fail() or never().
    struct outcome {
        std::string milestone;            ///< The milestone's name.
        outcome_kind kind;                ///< Achieved, failed or never.
        std::optional<calendar_date> on;  ///< The date (empty for never).
    };

    /// An empty scenario (nothing settles) called @p name.
    explicit scenario(std::string name = {}) : name_(std::move(name)) {}

    /// Milestone @p milestone is achieved on @p on.
    scenario& achieve(std::string milestone, calendar_date on) {
        outcomes_.push_back({std::move(milestone), outcome_kind::achieved, on});
        return *this;
    }
    /// Milestone @p milestone fails on @p on: conditions waiting on it lapse that day.
    scenario& fail(std::string milestone, calendar_date on) {
        outcomes_.push_back({std::move(milestone), outcome_kind::failed, on});
        return *this;
    }
    /// Milestone @p milestone never settles (as if unmentioned, but checked against the round).
    scenario& never(std::string milestone) {
        outcomes_.push_back({std::move(milestone), outcome_kind::never, std::nullopt});
        return *this;
    }

    /// The scenario's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The outcomes, in the order given.
    [[nodiscard]] const std::vector<outcome>& outcomes() const noexcept { return outcomes_; }

    /// The outcomes of the milestones round @p r has, in order, under the same name: a scenario
    /// of several rounds (a deal file's) seen from one of them. The others leave @p r as it is.
    [[nodiscard]] scenario for_round(const funding_round& r) const {
        const std::vector<std::string> known = r.milestones();
        scenario out(name_);
        for (const outcome& o : outcomes_) {
            if (std::binary_search(known.begin(), known.end(), o.milestone)) out.outcomes_.push_back(o);
        }
        return out;
    }

    /// Every problem with applying this scenario to @p r (empty if none).
    [[nodiscard]] std::vector<diagnostic> validate(const funding_round& r) const {
        const std::vector<std::string> known = r.milestones();
        std::vector<diagnostic> out;
        std::map<std::string, std::size_t, std::less<>> given;  // name -> its first outcome
        for (std::size_t i = 0; i < outcomes_.size(); ++i) {
            const outcome& o = outcomes_[i];
            const field_path field = field_path("scenario").labelled(name_).member("milestones").index(i);
            if (!std::binary_search(known.begin(), known.end(), o.milestone)) {
                out.push_back({field.member("name"), o.milestone,
                               "is not a milestone of round \"" + r.name() + "\"" + known_list(known)});
            }
            if (const auto [first, fresh] = given.emplace(o.milestone, i); !fresh) {
                out.push_back({field.member("name"), o.milestone,
                               "is given more than one outcome (first at milestones[" + detail::digits(first->second) +
                                   "])"});
            }
            if (o.on && !is_modelled(*o.on)) {
                out.push_back({field.member("date"), to_string(*o.on), date_rule(*o.on)});
            }
        }
        return out;
    }

    /// The round as it turns out in this scenario; throws validation_error listing every problem.
    [[nodiscard]] scenario_result apply_to(const funding_round& r) const {
        std::vector<diagnostic> problems = validate(r);
        if (!problems.empty()) {
            throw validation_error("scenario \"" + name_ + "\" does not fit round \"" + r.name() + "\"",
                                   std::move(problems));
        }
        return scenario_result(name_, round_timeline(r, world()));
    }

    /// The scenario as a world_state seen at end_of_time(); throws invalid_argument_error for an
    /// invalid date.
    [[nodiscard]] world_state world() const {
        world_state w(end_of_time());
        for (const outcome& o : outcomes_) {
            if (o.kind == outcome_kind::achieved) w.achieve(o.milestone, *o.on);
            if (o.kind == outcome_kind::failed) w.fail(o.milestone, *o.on);
        }
        return w;
    }

private:
    static std::string known_list(const std::vector<std::string>& known) {
        if (known.empty()) return " (it has none)";
        std::string text = " (its milestones: ";
        for (const auto& m : known) text += (text.back() == ' ' ? "\"" : ", \"") + m + "\"";
        return text + ")";
    }

    std::string name_;
    std::vector<outcome> outcomes_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_SCENARIO_HPP
