/// @file deal/tranche.hpp
/// @brief One payment of an investor's commitment: an amount, a condition, an expected date.
#ifndef FUNDROUND_DEAL_TRANCHE_HPP
#define FUNDROUND_DEAL_TRANCHE_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/money.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// A payment: @p amount, paid when its condition is met, optionally expected on a date.
///
/// All or nothing by default: if the condition lapses nothing is paid. With otherwise(), a
/// smaller fallback amount is paid instead once the condition lapses ("$30B if the milestone is
/// met by the long-stop date, otherwise $20B"); a round then schedules it as two parts, the
/// fallback (paid when the condition is settled either way) and the excess (paid only if met).
///
/// Construction never throws for a bad amount or expected date: the round builder validates every
/// tranche and reports all problems at once (see validate()). Only the conditions' own factories
/// check their dates, so tranche::on() throws invalid_argument_error for an invalid due date.
class tranche {
public:

    /// @p amount paid when @p when is met (default: at close), optionally expected on @p expected.
    explicit tranche(money amount, condition when = condition::always(),
                     std::optional<calendar_date> expected = std::nullopt, std::string label = {})
        : amount_(amount), condition_(std::move(when)), expected_(expected), label_(std::move(label)) {}

    /// @p amount due at close.
    static tranche at_close(money amount) { return tranche(amount); }
    /// @p amount due on @p due (condition: on or after that date; expected on it).
    static tranche on(money amount, calendar_date due) {
        return tranche(amount, condition::on_or_after(due), due);
    }
    /// @p amount paid when @p when is met; @p expected is the date it is expected, if known.
    static tranche when(money amount, condition when,
                        std::optional<calendar_date> expected = std::nullopt) {
        return tranche(amount, std::move(when), expected);
    }

    /// The same tranche with a label ("first tranche").
    tranche labelled(std::string label) const {
        tranche t = *this;
        t.label_ = std::move(label);
        return t;
    }
    /// The same tranche paying @p fallback instead of amount() if its condition lapses; the
    /// fallback must be positive and smaller than amount() (checked by validate()).
    tranche otherwise(money fallback) const {
        tranche t = *this;
        t.fallback_ = fallback;
        return t;
    }
    /// The same tranche expected on @p d.
    tranche expected_on(calendar_date d) const {
        tranche t = *this;
        t.expected_ = d;
        return t;
    }

    /// The amount.
    money amount() const noexcept { return amount_; }
    /// The condition under which it is paid.
    const fundround::condition& condition() const noexcept { return condition_; }
    /// The date it is expected, if known.
    std::optional<calendar_date> expected_date() const noexcept { return expected_; }
    /// The amount paid instead if the condition lapses; empty for an all-or-nothing tranche.
    std::optional<money> fallback() const noexcept { return fallback_; }
    /// amount() minus the fallback: the part paid only if the condition is met (amount() if
    /// there is no fallback). Throws currency_mismatch_error if the fallback's currency differs.
    money excess() const {
        const std::optional<money>& fallback_amount = fallback_;
        return fallback_amount ? amount_ - *fallback_amount : amount_;
    }
    /// A free-text label ("" if none).
    const std::string& label() const noexcept { return label_; }
    /// True if the condition refers to a milestone. (A round classifies tranches exactly: one
    /// that is met whatever the milestones do, like `milestone("IPO") || on_or_after(d)`, is
    /// scheduled, not conditional; see funding_status.)
    bool is_conditional() const { return condition_.depends_on_milestone(); }

    /// Every problem with this tranche, fields prefixed by @p path (e.g. "investors[0].tranches[1]").
    std::vector<diagnostic> validate(const std::string& path) const {
        std::vector<diagnostic> out;
        const std::optional<money>& fallback_amount = fallback_;
        if (!amount_.is_positive()) {
            out.push_back({path + ".amount", format_full(amount_), "must be positive"});
        }
        if (expected_ && !expected_->ok()) {
            out.push_back({path + ".expected_date", to_string(*expected_), "is not a valid calendar date"});
        }
        if (fallback_amount) {
            if (fallback_amount->currency() != amount_.currency()) {
                out.push_back({path + ".fallback", format_full(*fallback_amount),
                               "must be in the amount's currency, " + to_string(amount_.currency())});
            } else if (!fallback_amount->is_positive()) {
                out.push_back({path + ".fallback", format_full(*fallback_amount), "must be positive"});
            } else if (!(*fallback_amount < amount_)) {
                out.push_back({path + ".fallback", format_full(*fallback_amount),
                               "must be less than the amount if met, " + format_full(amount_)});
            }
        }
        const auto stop = condition_.deadline();
        if (expected_ && stop && *stop < *expected_) {
            out.push_back({path + ".condition.long_stop", to_string(*stop),
                           "must not be before the expected date " + to_string(*expected_)});
        }
        return out;
    }

    /// True if amount, condition, expected date and label are all equal.
    friend bool operator==(const tranche& a, const tranche& b) {
        return a.amount_ == b.amount_ && a.fallback_ == b.fallback_ && a.condition_ == b.condition_ &&
               a.expected_ == b.expected_ && a.label_ == b.label_;
    }
    /// True unless @p a == @p b.
    friend bool operator!=(const tranche& a, const tranche& b) {
        return !(a == b);
    }
    /// Writes e.g. "$35B when milestone "certain conditions"".
    friend std::ostream& operator<<(std::ostream& os, const tranche& t) {
        os << format_compact(t.amount_) << " " << t.condition_.to_string();
        if (t.fallback_) os << ", otherwise " << format_compact(*t.fallback_);
        if (t.expected_) os << ", expected " << to_string(*t.expected_);
        if (!t.label_.empty()) os << " [" << t.label_ << "]";
        return os;
    }

private:
    money amount_;
    std::optional<money> fallback_;
    fundround::condition condition_;
    std::optional<calendar_date> expected_;
    std::string label_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_TRANCHE_HPP
