/// @file deal/tranche.hpp
/// @brief One payment of an investor's commitment: an amount, a condition, an expected date.
#ifndef FUNDROUND_DEAL_TRANCHE_HPP
#define FUNDROUND_DEAL_TRANCHE_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// A payment: @p amount, paid when its condition is met, optionally expected on a date.
///
/// All or nothing by default: if the condition lapses nothing is paid. With otherwise() it is a
/// **fallback tranche**: it pays on one date, its settlement_date() (the expected date, or else
/// the condition's deadline()), either amount() if the condition is met by then or the fallback
/// instead ("$22.5B by Dec 31 if the restructuring is done, otherwise $12.5B": $22.5B or $12.5B,
/// paid on Dec 31).
///
/// Construction never throws for a bad amount or expected date: the round builder validates every
/// tranche and reports all problems at once (see validate()). The conditions' own factories check
/// their dates (tranche::on() throws invalid_argument_error for an invalid due date), and
/// otherwise() checks the fallback against the amount when it is written.
class tranche {
public:

    /// @p amount paid when @p when is met (default: at close), optionally expected on @p expected.
    explicit tranche(money amount, condition when = condition::always(),
                     std::optional<calendar_date> expected = std::nullopt, std::string_view label = {})
        : amount_(amount), condition_(std::move(when)), expected_(expected) {
        if (!label.empty()) extra_ = new extras{std::nullopt, std::string(label)};
    }
    /// A copy (the label and fallback, stored out of line, are copied too).
    tranche(const tranche& other)
        : amount_(other.amount_), condition_(other.condition_), expected_(other.expected_),
          extra_(other.extra_ ? new extras(*other.extra_) : nullptr) {}
    /// Takes @p other's contents; @p other stays a valid tranche (condition always(), no label, no
    /// fallback).
    tranche(tranche&& other) noexcept
        : amount_(other.amount_), condition_(std::move(other.condition_)), expected_(other.expected_),
          extra_(std::exchange(other.extra_, nullptr)) {}
    /// Copy assignment.
    tranche& operator=(const tranche& other) {
        if (this != &other) *this = tranche(other);
        return *this;
    }
    /// Move assignment.
    tranche& operator=(tranche&& other) noexcept {
        if (this != &other) {
            amount_ = other.amount_;
            condition_ = std::move(other.condition_);
            expected_ = other.expected_;
            delete extra_;
            extra_ = std::exchange(other.extra_, nullptr);
        }
        return *this;
    }
    /// Frees the label and fallback stored out of line.
    ~tranche() { delete extra_; }

    /// @p amount due at close.
    [[nodiscard]] static tranche at_close(money amount) { return tranche(amount); }
    /// @p amount due on @p due (condition: on or after that date; expected on it).
    [[nodiscard]] static tranche on(money amount, calendar_date due) {
        return tranche(amount, condition::on_or_after(due), due);
    }
    /// @p amount paid when @p when is met; @p expected is the date it is expected, if known.
    [[nodiscard]] static tranche when(money amount, condition when,
                                      std::optional<calendar_date> expected = std::nullopt) {
        return tranche(amount, std::move(when), expected);
    }

    /// The same tranche with a label ("first tranche").
    [[nodiscard]] tranche labelled(std::string_view label) const {
        tranche t = *this;
        if (t.extra_) {
            t.extra_->label = label;
        } else if (!label.empty()) {
            t.extra_ = new extras{std::nullopt, std::string(label)};
        }
        return t;
    }
    /// The same tranche as a fallback tranche: on its settlement_date() it pays amount() if the
    /// condition is met by then, @p fallback otherwise. Throws invalid_argument_error (field
    /// "fallback") unless @p fallback is in the amount's currency, positive and less than amount().
    [[nodiscard]] tranche otherwise(money fallback) const {
        const auto reject = [&](const std::string& rule) {
            throw invalid_argument_error(diagnostic{field_path("fallback"), format_full(fallback), rule}.message());
        };
        if (fallback.currency() != amount_.currency()) {
            reject("must be in the amount's currency, " + to_string(amount_.currency()));
        }
        if (!fallback.is_positive()) reject("must be positive");
        if (!(fallback < amount_)) reject("must be less than the amount if met, " + format_full(amount_));
        tranche t = *this;
        if (t.extra_) {
            t.extra_->fallback = fallback;
        } else {
            t.extra_ = new extras{fallback, std::string()};
        }
        return t;
    }
    /// The same tranche expected on @p d.
    [[nodiscard]] tranche expected_on(calendar_date d) const {
        tranche t = *this;
        t.expected_ = d;
        return t;
    }

    /// The amount (for a fallback tranche: the amount paid if the condition is met in time).
    [[nodiscard]] money amount() const noexcept { return amount_; }
    /// The condition under which it is paid.
    [[nodiscard]] const fundround::condition& condition() const noexcept { return condition_; }
    /// The date it is expected, if known.
    [[nodiscard]] std::optional<calendar_date> expected_date() const noexcept { return expected_; }
    /// The amount paid instead if the condition is not met by the settlement date; empty for an
    /// all-or-nothing tranche.
    [[nodiscard]] std::optional<money> fallback() const noexcept {
        return extra_ ? extra_->fallback : std::nullopt;
    }
    /// True if the tranche has a fallback (see otherwise()).
    [[nodiscard]] bool has_fallback() const noexcept { return extra_ && extra_->fallback.has_value(); }
    /// amount() minus the fallback: what the condition decides (amount() if there is no fallback).
    [[nodiscard]] money excess() const { return has_fallback() ? amount_ - *extra_->fallback : amount_; }
    /// The day a fallback tranche settles and pays: the expected date if there is one, otherwise
    /// the condition's deadline() (its long-stop); empty if neither (a problem for a fallback
    /// tranche, reported by validate()).
    [[nodiscard]] std::optional<calendar_date> settlement_date() const {
        if (expected_) return expected_;
        return condition_.deadline();
    }
    /// A free-text label ("" if none).
    [[nodiscard]] const std::string& label() const noexcept {
        static const std::string none;
        return extra_ ? extra_->label : none;
    }
    /// True if the condition refers to a milestone. (A round classifies tranches exactly: one
    /// that is met whatever the milestones do, like `milestone("IPO") || on_or_after(d)`, is
    /// scheduled, not conditional; see funding_status.)
    [[nodiscard]] bool is_conditional() const noexcept { return condition_.depends_on_milestone(); }

    /// Every problem with this tranche, fields under @p path (e.g. investors[0].tranches[1]).
    [[nodiscard]] std::vector<diagnostic> validate(const field_path& path) const {
        std::vector<diagnostic> out;
        validate(path, out);
        return out;
    }
    /// Appends every problem with this tranche to @p out, fields under @p path.
    void validate(const field_path& path, std::vector<diagnostic>& out) const {
        if (!amount_.is_positive()) {
            detail::add_problem(out, path, "amount", format_full(amount_), "must be positive");
        }
        if (expected_ && !is_modelled(*expected_)) {
            detail::add_problem(out, path, "expected_date", to_string(*expected_), date_rule(*expected_));
        }
        const auto stop = condition_.deadline();
        if (expected_ && stop && *stop < *expected_) {
            detail::add_problem(out, path.member("condition"), "long_stop", to_string(*stop),
                                {"must not be before the expected date ", to_string(*expected_)});
        }
        if (has_fallback() && !expected_ && !stop) {
            detail::add_problem(out, path, "fallback", format_full(*fallback()),
                                "needs a settlement date: give the tranche an expected date or its condition "
                                "a long-stop date");
        }
    }

    /// True if amount, fallback, condition, expected date and label are all equal.
    [[nodiscard]] friend bool operator==(const tranche& a, const tranche& b) {
        return a.amount_ == b.amount_ && a.fallback() == b.fallback() && a.condition_ == b.condition_ &&
               a.expected_ == b.expected_ && a.label() == b.label();
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const tranche& a, const tranche& b) {
        return !(a == b);
    }
    /// Writes e.g. "$35B when milestone "certain conditions"".
    friend std::ostream& operator<<(std::ostream& os, const tranche& t) {
        os << format_compact(t.amount_) << " " << t.condition_.to_string();
        if (t.has_fallback()) os << ", otherwise " << format_compact(*t.fallback());
        if (t.expected_) os << ", expected " << to_string(*t.expected_);
        if (!t.label().empty()) os << " [" << t.label() << "]";
        return os;
    }

private:
    // 40 bytes: the amount (16), the condition (one pointer to a shared node, 8), the expected
    // date (8); the rarely given fallback and label out of line (8), allocated only for a
    // tranche that has one. extra_ is owned by this tranche (copied by the copy constructor,
    // handed over by moves, deleted by the destructor): a plain pointer, not std::unique_ptr,
    // whose ~45 small functions every program building a round compiled at -O0.
    struct extras {
        std::optional<money> fallback;
        std::string label;
    };
    money amount_;
    fundround::condition condition_;
    std::optional<calendar_date> expected_;
    extras* extra_ = nullptr;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_TRANCHE_HPP
