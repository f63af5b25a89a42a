/// @file analysis/odds.hpp
/// @brief Probabilities on milestones applied to a round: expected amount raised and post-money,
/// the distribution of the amount raised and probability-weighted ownership, exactly or by a
/// seeded Monte Carlo. Opt-in: this header (alone) brings Boost.Multiprecision's cpp_int, for
/// results that exceed 128 bits; they are handed out as odds_value, never as a Boost type.
#ifndef FUNDROUND_ANALYSIS_ODDS_HPP
#define FUNDROUND_ANALYSIS_ODDS_HPP

#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/config.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/random.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/deal/schedule.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The chance of one milestone and the day it is achieved on if it is.
struct milestone_chance {
    fraction probability;  ///< The chance it is achieved, from 0 to 1 inclusive.
    /// The day it is achieved on, if it is; empty means the round's close date.
    std::optional<calendar_date> achieved_on;

    /// True if probability and date are equal.
    [[nodiscard]] friend bool operator==(const milestone_chance& a, const milestone_chance& b) {
        const milestone_chance& x = a;
        return x.probability == b.probability && x.achieved_on == b.achieved_on;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const milestone_chance& a, const milestone_chance& b) {
        return !(a == b);
    }
};

/// Probabilities for the milestones of a round's conditions.
///
/// The outcome model: each milestone, independently of the others, is achieved on its date with
/// its probability p, or is never settled (neither achieved nor failed) with probability 1 - p.
/// A milestone named by several tranches is one event, so those tranches move together.
/// Nothing is checked when odds are set; validate() (and every evaluation) reports all problems.
class milestone_odds {
    using chance_map = std::map<std::string, milestone_chance, std::less<>>;

public:
    /// No odds yet.
    milestone_odds() = default;

    /// Milestone @p name is achieved with @p probability, on @p achieved_on (default: the round's
    /// close date), and never settles otherwise. Replaces any odds set before for @p name.
    milestone_odds& set(std::string name, fraction probability,
                        std::optional<calendar_date> achieved_on = std::nullopt) {
        chances_[std::move(name)] = milestone_chance{std::move(probability), achieved_on};
        return *this;
    }

    /// The odds of every milestone, by name.
    [[nodiscard]] const std::map<std::string, milestone_chance, std::less<>>& chances() const noexcept {
        return chances_;
    }
    /// The odds of milestone @p name; throws invalid_argument_error if none were set.
    [[nodiscard]] const milestone_chance& chance(std::string_view name) const {
        const auto it = chances_.find(name);
        if (it == chances_.end()) {
            throw invalid_argument_error("milestone = \"" + std::string(name) + "\": has no odds");
        }
        return it->second;
    }
    /// True if odds were set for @p name.
    [[nodiscard]] bool contains(std::string_view name) const {
        return chances_.find(name) != chances_.end();
    }
    /// The number of milestones with odds.
    [[nodiscard]] std::size_t size() const noexcept { return chances_.size(); }
    /// True if no odds were set.
    [[nodiscard]] bool empty() const noexcept { return chances_.empty(); }

    /// Every problem with these odds for @p round, in name order: a probability outside [0, 1],
    /// an invalid date, odds for a milestone the round never mentions (a typo?), then every
    /// milestone the round's conditions use that has no odds.
    [[nodiscard]] std::vector<diagnostic> validate(const funding_round& round) const;

    /// True if both give the same odds to the same milestones.
    [[nodiscard]] friend bool operator==(const milestone_odds& a, const milestone_odds& b) {
        return a.chances_ == b.chances_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const milestone_odds& a, const milestone_odds& b) {
        return !(a.chances_ == b.chances_);
    }

private:

    chance_map chances_;
};

/// How a round_odds was computed.
enum class odds_method {
    exact,        ///< Every outcome enumerated, probabilities exact.
    monte_carlo,  ///< Seeded random samples; figures are sample averages.
};

/// "exact" or "monte_carlo".
[[nodiscard]] constexpr std::string_view to_string(odds_method m) noexcept {
    switch (m) {
        case odds_method::exact: return "exact";
        case odds_method::monte_carlo: return "monte_carlo";
    }
    return "unknown";
}
/// Writes to_string(@p m).
inline std::ostream& operator<<(std::ostream& os, odds_method m) {
    return os << to_string(m);
}

namespace detail {

// ---------------------------------------------------------------------------------------------
// The one place that knows how fraction stores its integers and where time ends. When fraction
// becomes a 128-bit type, only these functions change.

/// The big integer of the odds engine (detail/bigint.hpp: only analysis headers include Boost).
using odds_big = big_int;

/// The numerator of @p f as a big integer.
inline odds_big big_numerator(const fraction& f) { return to_big(f.numerator()); }
/// The denominator of @p f as a big integer.
inline odds_big big_denominator(const fraction& f) { return to_big(f.denominator()); }
// ---------------------------------------------------------------------------------------------

/// A weight of the engine (64-bit, 128-bit or big) as a big integer.
inline odds_big to_big(std::uint64_t v) { return odds_big(v); }
/// A weight of the engine (64-bit, 128-bit or big) as a big integer.
inline odds_big to_big(const uint128& v) {
#if FUNDROUND_HAS_INT128
    odds_big hi(static_cast<std::uint64_t>(v >> 64));
    hi <<= 64;
    return hi + odds_big(static_cast<std::uint64_t>(v));
#else
    return odds_big(v);
#endif
}
/// A weight of the engine (64-bit, 128-bit or big) as a big integer.
inline const odds_big& to_big(const odds_big& v) { return v; }

struct odds_engine;

}  // namespace detail

/// A result of the odds engine: an exact rational of any size, or, for a probability-weighted
/// ownership whose exact value is too large to compute (see max_exact_ownership_bits), an
/// enclosure: exact lower and upper bounds less than 2^-128 apart.
///
/// Expectations over 20 milestones with unrelated probability denominators exceed what a
/// fraction holds; an odds_value holds them exactly. Read it as text (to_string(),
/// to_decimal_string()), as a fraction when it fits (to_fraction()), or compare it with a fraction.
class odds_value {
public:
    /// Exactly zero.
    odds_value() = default;
    /// Exactly @p f.
    odds_value(const fraction& f)  // NOLINT(google-explicit-constructor): a fraction is exact
        : value_(f) {}

    /// True if the value is exact; false for an enclosure [lower(), upper()].
    [[nodiscard]] bool is_exact() const noexcept { return !upper_; }
    /// The exact value, or the lower bound of an enclosure.
    [[nodiscard]] odds_value lower() const { return odds_value(value_); }
    /// The exact value, or the upper bound of an enclosure.
    [[nodiscard]] odds_value upper() const { return odds_value(high()); }

    /// As a fraction. Throws inexact_error for an enclosure, overflow_error if the value does
    /// not fit a fraction (then use to_string() or to_decimal_string()).
    [[nodiscard]] fraction to_fraction() const {
        require_exact("to_fraction()");
        return value_.to_fraction("odds_value");
    }
    /// Exact text "n/d" in lowest terms ("n" for a whole number); an enclosure reads "[lo, hi]".
    [[nodiscard]] std::string to_string() const {
        if (!upper_) return value_.to_string();
        return "[" + value_.to_string() + ", " + high().to_string() + "]";
    }
    /// Decimal text with exactly @p decimals digits, rounded by @p mode ("0.0473"). For an
    /// enclosure, throws inexact_error if its bounds round differently.
    [[nodiscard]] std::string to_decimal_string(int decimals, rounding mode = rounding::half_even) const {
        return scaled_text(1, decimals, mode, "");
    }
    /// Percentage text with @p decimals digits, rounded by @p mode ("4.7257%"); as
    /// to_decimal_string().
    [[nodiscard]] std::string to_percent_string(int decimals, rounding mode = rounding::half_even) const {
        return scaled_text(100, decimals, mode, "%");
    }
    /// Approximate value (of the lower bound, for an enclosure), for display only.
    [[nodiscard]] double to_double() const { return value_.to_double(); }

    /// The exact sum (of the bounds, for enclosures).
    [[nodiscard]] friend odds_value operator+(const odds_value& a, const odds_value& b) {
        if (a.is_exact() && b.is_exact()) return odds_value(a.value_ + b.value_);
        return odds_value(a.value_ + b.value_, a.high() + b.high());
    }
    /// The exact difference (for enclosures: lower - other upper, upper - other lower).
    [[nodiscard]] friend odds_value operator-(const odds_value& a, const odds_value& b) {
        if (a.is_exact() && b.is_exact()) return odds_value(a.value_ - b.value_);
        return odds_value(a.value_ - b.high(), a.high() - b.value_);
    }
    /// Adds @p o in place.
    odds_value& operator+=(const odds_value& o) { return *this = *this + o; }

    /// Exact values: equal values. Enclosures: equal bounds (an enclosure never equals an exact
    /// value).
    [[nodiscard]] friend bool operator==(const odds_value& a, const odds_value& b) {
        if (a.is_exact() != b.is_exact()) return false;
        return a.value_ == b.value_ && (a.is_exact() || a.high() == b.high());
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const odds_value& a, const odds_value& b) { return !(a == b); }
    /// Exact order; throws inexact_error if an enclosure overlaps the other value.
    [[nodiscard]] friend bool operator<(const odds_value& a, const odds_value& b) { return compare(a, b) < 0; }
    /// Exact order; throws inexact_error if an enclosure overlaps the other value.
    [[nodiscard]] friend bool operator>(const odds_value& a, const odds_value& b) { return compare(a, b) > 0; }
    /// Exact order; throws inexact_error if an enclosure overlaps the other value.
    [[nodiscard]] friend bool operator<=(const odds_value& a, const odds_value& b) { return compare(a, b) <= 0; }
    /// Exact order; throws inexact_error if an enclosure overlaps the other value.
    [[nodiscard]] friend bool operator>=(const odds_value& a, const odds_value& b) { return compare(a, b) >= 0; }

    /// Writes to_string().
    friend std::ostream& operator<<(std::ostream& os, const odds_value& v) {
        return os << v.to_string();
    }

private:
    friend struct detail::odds_engine;
    friend class round_odds;
    using big = detail::odds_big;
    using rational = detail::big_rational;

    explicit odds_value(rational v) : value_(std::move(v)) {}
    odds_value(big num, big den) : value_(std::move(num), std::move(den)) {}
    odds_value(big lower, big upper, big den) : value_(std::move(lower), std::move(den)), upper_(std::move(upper)) {}
    // The enclosure [lower, upper], over one denominator.
    odds_value(const rational& lower, const rational& upper) {
        if (lower.denominator() == upper.denominator()) {
            value_ = lower;
            upper_ = upper.numerator();
        } else {
            value_ = rational(lower.numerator() * upper.denominator(), lower.denominator() * upper.denominator());
            upper_ = upper.numerator() * lower.denominator();
        }
    }

    // The upper bound (the value itself when exact).
    [[nodiscard]] rational high() const { return upper_ ? rational(*upper_, value_.denominator()) : value_; }

    void require_exact(const char* what) const {
        if (upper_) {
            throw inexact_error(std::string("odds_value::") + what + ": the value is known within " +
                                to_string() + " only; use to_decimal_string()");
        }
    }

    [[nodiscard]] std::string scaled_text(int factor, int decimals, rounding mode, const char* suffix) const {
        const std::string lo = value_.to_decimal_string(decimals, mode, factor);
        if (upper_ && high().to_decimal_string(decimals, mode, factor) != lo) {
            throw inexact_error("odds_value: " + to_string() + " does not round to " +
                                std::to_string(decimals) + " decimals unambiguously");
        }
        return lo + suffix;
    }

    static int compare(const odds_value& a, const odds_value& b) {
        if (a.is_exact() && b.is_exact()) return a.value_.compare(b.value_);
        if (a.high() < b.value_) return -1;
        if (a.value_ > b.high()) return 1;
        throw inexact_error("odds_value: comparing " + a.to_string() + " with " + b.to_string() +
                            ": an enclosure overlaps the other value");
    }

    rational value_;            ///< The exact value, or the lower bound of an enclosure.
    std::optional<big> upper_;  ///< The upper bound's numerator over value_'s denominator, for an enclosure.
};

/// One value of the amount raised and its probability (for Monte Carlo: its sample frequency).
struct raised_outcome {
    money raised;            ///< The amount raised.
    money post_money;        ///< Pre-money plus the amount raised.
    odds_value probability;  ///< Its probability, exactly.

    /// True if all three are equal.
    [[nodiscard]] friend bool operator==(const raised_outcome& a, const raised_outcome& b) {
        return a.raised == b.raised && a.post_money == b.post_money && a.probability == b.probability;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const raised_outcome& a, const raised_outcome& b) {
        return !(a == b);
    }
    /// Writes e.g. "$75B: 3/10".
    friend std::ostream& operator<<(std::ostream& os, const raised_outcome& o) {
        return os << format_compact(o.raised) << ": " << o.probability;
    }
};

/// One investor's expectations.
struct investor_odds {
    std::string investor;           ///< The investor's name.
    odds_value expected_amount;     ///< The expected amount it pays, exactly, in currency units.
    /// Probability-weighted ownership E[paid / post-money]: exact, or an enclosure narrower than
    /// 2^-128 when the exact value is too large (see max_exact_ownership_bits).
    odds_value expected_ownership;

    /// True if all three are equal.
    [[nodiscard]] friend bool operator==(const investor_odds& a, const investor_odds& b) {
        return a.investor == b.investor && a.expected_amount == b.expected_amount &&
               a.expected_ownership == b.expected_ownership;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const investor_odds& a, const investor_odds& b) {
        return !(a == b);
    }
};

/// The number of uncertain milestones (probability strictly between 0 and 1) up to which
/// evaluate_odds() enumerates every outcome: 2^20 = 1,048,576 outcomes.
inline constexpr std::size_t max_exact_milestones = 20;

/// The most samples a Monte Carlo run draws (each is kept until the figures are final: about
/// 24 bytes per sample up to 64 uncertain milestones).
inline constexpr std::uint64_t max_monte_carlo_samples = 10'000'000;

/// Probability-weighted ownership is exact while the least common multiple of the post-money
/// values (in units) of all outcomes has at most this many bits; beyond it (typically: many
/// milestones on amounts without a common round figure, so that thousands of post-money values
/// share no factor) the exact fraction would have millions of digits, and each ownership is an
/// enclosure whose bounds are less than 2^-128 apart.
inline constexpr std::size_t max_exact_ownership_bits = 8192;

/// Settings of a Monte Carlo run.
struct monte_carlo_options {
    /// The number of samples, from 2 to max_monte_carlo_samples.
    std::uint64_t samples = 100000;
    std::uint64_t seed = 1;  ///< The seed: the same seed gives identical results.
};

/// Called as a Monte Carlo run draws its samples, with (drawn, samples): every
/// monte_carlo_progress_step samples, and once with drawn == samples when all are drawn (the
/// figures are then summed). It cannot change the results; an exception it throws propagates.
using monte_carlo_progress = std::function<void(std::uint64_t drawn, std::uint64_t samples)>;

/// How many samples a Monte Carlo run draws between two calls of its monte_carlo_progress.
inline constexpr std::uint64_t monte_carlo_progress_step = 65536;

/// What probabilities on the milestones imply for a round: expected amount raised and
/// post-money, the distribution of the amount raised and each investor's expectations.
///
/// Exact results (odds_method::exact) are exact rationals (odds_value). Monte Carlo results are
/// the exact averages over the samples, with the standard error of the mean amount raised.
/// Built by evaluate_odds(), enumerate_odds() or simulate_odds().
class round_odds {
public:
    /// How the figures were computed.
    [[nodiscard]] odds_method method() const noexcept { return method_; }
    /// The number of distinct milestones in the round's conditions.
    [[nodiscard]] std::size_t milestone_count() const noexcept { return milestone_count_; }
    /// Those with a probability strictly between 0 and 1 (the others are fixed, not enumerated).
    [[nodiscard]] std::size_t uncertain_milestone_count() const noexcept { return uncertain_count_; }
    /// Exact: the number of outcomes enumerated (2^uncertain_milestone_count()).
    /// Monte Carlo: the number of samples drawn.
    [[nodiscard]] std::uint64_t outcome_count() const noexcept { return outcome_count_; }
    /// The seed of a Monte Carlo run; empty for exact results.
    [[nodiscard]] std::optional<std::uint64_t> seed() const noexcept { return seed_; }
    /// The round's currency.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }

    /// The expected amount raised, exactly, in currency units (99500000000 for $99.5B).
    [[nodiscard]] const odds_value& expected_raised() const noexcept { return expected_raised_; }
    /// The expected amount raised, rounded to a unit (a thousandth of a currency unit) by @p mode.
    [[nodiscard]] money expected_raised(rounding mode) const { return to_money(expected_raised_, mode); }
    /// The expected post-money, exactly, in currency units: pre-money + expected_raised().
    [[nodiscard]] const odds_value& expected_post_money() const noexcept { return expected_post_money_; }
    /// The expected post-money, rounded to a unit by @p mode.
    [[nodiscard]] money expected_post_money(rounding mode) const {
        return to_money(expected_post_money_, mode);
    }
    /// The new investors' probability-weighted ownership together: E[raised / post-money]
    /// (exact, or an enclosure as investor_odds::expected_ownership).
    [[nodiscard]] const odds_value& expected_new_investors_ownership() const noexcept {
        return new_investors_;
    }
    /// True if every ownership figure is exact (see max_exact_ownership_bits).
    [[nodiscard]] bool ownership_is_exact() const noexcept { return ownership_exact_; }

    /// Every amount raised with a non-zero probability, in increasing order; the probabilities
    /// sum to exactly 1.
    [[nodiscard]] const std::vector<raised_outcome>& distribution() const noexcept { return distribution_; }
    /// The probability that at least @p amount is raised, exactly.
    [[nodiscard]] odds_value probability_at_least(money amount) const;

    /// Every investor's expectations, in the round's order.
    [[nodiscard]] const std::vector<investor_odds>& investors() const noexcept { return investors_; }
    /// The expectations of investor @p name; throws invalid_argument_error if absent.
    [[nodiscard]] const investor_odds& investor(std::string_view name) const {
        for (const auto& i : investors_) {
            if (i.investor == name) return i;
        }
        detail::throw_unknown_investor(name, "is not in the round", &investors_, investors_.size(),
                                       [](const void* is, std::size_t i) noexcept -> std::string_view {
                                           return (*static_cast<const std::vector<investor_odds>*>(is))[i].investor;
                                       });
    }
    /// The expected amount investor @p name pays, rounded to a unit by @p mode.
    [[nodiscard]] money expected_amount(std::string_view name, rounding mode) const {
        return to_money(investor(name).expected_amount, mode);
    }

    /// Monte Carlo: the estimated variance of the mean amount raised, exactly, in squared
    /// currency units: sum((x - mean)^2) / (n - 1) / n over the n samples. Empty for exact results.
    [[nodiscard]] const std::optional<odds_value>& variance_of_mean() const noexcept {
        return variance_of_mean_;
    }
    /// Monte Carlo: the standard error of the mean amount raised, sqrt(variance_of_mean()),
    /// rounded to a unit by @p mode (computed on integers, no floating point). Empty for exact
    /// results.
    [[nodiscard]] std::optional<money> standard_error(rounding mode) const;

    /// True if every figure is equal (same method, counts, seed and results).
    [[nodiscard]] friend bool operator==(const round_odds& a, const round_odds& b) {
        return a.method_ == b.method_ && a.milestone_count_ == b.milestone_count_ &&
               a.uncertain_count_ == b.uncertain_count_ && a.outcome_count_ == b.outcome_count_ &&
               a.seed_ == b.seed_ && a.currency_ == b.currency_ &&
               a.expected_raised_ == b.expected_raised_ &&
               a.expected_post_money_ == b.expected_post_money_ &&
               a.new_investors_ == b.new_investors_ && a.distribution_ == b.distribution_ &&
               a.investors_ == b.investors_ && a.variance_of_mean_ == b.variance_of_mean_ &&
               a.ownership_exact_ == b.ownership_exact_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const round_odds& a, const round_odds& b) {
        return !(a == b);
    }

private:
    /// Only the evaluation functions build results.
    friend struct detail::odds_engine;
    round_odds() = default;

    money to_money(const odds_value& major, rounding mode) const;

    odds_method method_ = odds_method::exact;
    std::size_t milestone_count_ = 0;
    std::size_t uncertain_count_ = 0;
    std::uint64_t outcome_count_ = 0;
    std::optional<std::uint64_t> seed_;
    fundround::currency currency_;
    odds_value expected_raised_;
    odds_value expected_post_money_;
    odds_value new_investors_;
    std::vector<raised_outcome> distribution_;
    std::vector<investor_odds> investors_;
    std::optional<odds_value> variance_of_mean_;
    bool ownership_exact_ = true;
};

/// Applies @p odds to @p round: exact enumeration when at most max_exact_milestones milestones
/// are uncertain, otherwise a Monte Carlo run with @p monte_carlo's sample count and seed.
/// Throws validation_error listing every problem with the odds (see milestone_odds::validate())
/// and, when it samples, with the options; a sampling run reports to @p progress.
[[nodiscard]] inline round_odds evaluate_odds(const funding_round& round, const milestone_odds& odds,
                                const monte_carlo_options& monte_carlo = {},
                                const monte_carlo_progress& progress = {});
/// Exact enumeration of all 2^k outcomes of the k uncertain milestones. Throws one
/// validation_error listing every problem with the odds and, if k exceeds max_exact_milestones,
/// that one too.
[[nodiscard]] inline round_odds enumerate_odds(const funding_round& round, const milestone_odds& odds);
/// A seeded, reproducible Monte Carlo run (same seed, same results on every compiler). Each
/// sample draws the uncertain milestones in name order, each exactly with its probability
/// (whose denominator must be below 2^64). Throws one validation_error listing every problem
/// with the odds and with the options (samples from 2 to max_monte_carlo_samples), all at once.
/// Reports the samples drawn to @p progress.
[[nodiscard]] inline round_odds simulate_odds(const funding_round& round, const milestone_odds& odds,
                                const monte_carlo_options& options, const monte_carlo_progress& progress = {});

// ---------------------------------------------------------------------------------------------
// Implementation

namespace detail {

/// odds["name"] for diagnostics.
[[nodiscard]] inline field_path odds_field(const std::string& name) {
    return field_path("odds").key(name);
}

/// The sorted names of every milestone the round's schedule entries use.
inline std::vector<std::string> round_milestones(const funding_round& round) {
    std::set<std::string> names;
    std::unordered_map<const void*, bool> seen;
    for (const disbursement_list& list : {round.schedule().dated(), round.schedule().undated()}) {
        for (const disbursement& d : list) {
            if (!seen.emplace(d.when().identity(), true).second) continue;
            for (auto& n : d.when().milestones()) names.insert(std::move(n));
        }
    }
    return {names.begin(), names.end()};
}

}  // namespace detail

inline std::vector<diagnostic> milestone_odds::validate(const funding_round& round) const {
    const std::vector<std::string> used = detail::round_milestones(round);
    std::vector<diagnostic> out;
    for (const auto& [name, chance] : chances_) {
        if (chance.probability.sign() < 0 || chance.probability > fraction(1)) {
            out.push_back({detail::odds_field(name).member("probability"), chance.probability.to_string(),
                           "must be between 0 and 1 inclusive"});
        }
        if (chance.achieved_on && !is_modelled(*chance.achieved_on)) {
            out.push_back({detail::odds_field(name).member("achieved_on"), to_string(*chance.achieved_on),
                           date_rule(*chance.achieved_on)});
        }
        if (!std::binary_search(used.begin(), used.end(), name)) {
            std::string known;
            for (const auto& u : used) known += (known.empty() ? "" : ", ") + ("\"" + u + "\"");
            out.push_back({detail::odds_field(name), "",
                           "is not a milestone of round \"" + round.name() + "\" (a typo?); its "
                           "conditions name " + (known.empty() ? "no milestone" : known)});
        }
    }
    for (const auto& name : used) {
        if (!contains(name)) {
            out.push_back({detail::odds_field(name), "",
                           "is missing: the round's conditions use this milestone; give it a "
                           "probability"});
        }
    }
    return out;
}

inline money round_odds::to_money(const odds_value& major, rounding mode) const {
    major.require_exact("to money");
    const detail::odds_big units = major.value_.scaled_rounded(detail::odds_big(money::units_per_major), mode);
    if (units > detail::int64_max || units < detail::int64_min) {
        detail::throw_overflow("rounding an expectation to money");
    }
    return money::from_units(units.convert_to<std::int64_t>(), currency_);
}

inline odds_value round_odds::probability_at_least(money amount) const {
    // Every probability of one result shares one denominator (the outcomes' or the samples').
    detail::odds_big num = 0;
    detail::odds_big den = 1;
    for (const auto& o : distribution_) {
        den = o.probability.value_.denominator();
        if (o.raised >= amount) num += o.probability.value_.numerator();
    }
    return odds_value(std::move(num), std::move(den));
}

inline std::optional<money> round_odds::standard_error(rounding mode) const {
    const std::optional<odds_value>& variance = variance_of_mean_;
    if (!variance) return std::nullopt;
    using big = detail::odds_big;
    // In squared units (thousandths of a currency unit): x = variance * 1000^2.
    const big num = variance->value_.numerator() * (money::units_per_major * money::units_per_major);
    const big& den = variance->value_.denominator();
    big q = boost::multiprecision::sqrt(big(num / den));  // floor(sqrt(x))
    const bool exact = q * q * den == num;
    bool up = false;
    if (!detail::enum_known(mode, detail::rounding_names)) detail::throw_unknown_rounding(mode);
    switch (mode) {
        case rounding::exact:
            if (!exact) {
                throw inexact_error("standard error: the square root of " + variance->to_string() +
                                    " is not a whole number of units; name a rounding mode");
            }
            break;
        case rounding::toward_zero:
        case rounding::floor: break;
        case rounding::away_from_zero:
        case rounding::ceiling: up = !exact; break;
        case rounding::half_away_from_zero:
        case rounding::half_toward_zero:
        case rounding::half_even: {
            // Compare x with (q + 1/2)^2 = (4q^2 + 4q + 1) / 4.
            const big lhs = 4 * num;
            const big rhs = (4 * q * q + 4 * q + 1) * den;
            if (lhs > rhs) {
                up = true;
            } else if (lhs == rhs) {
                up = mode == rounding::half_away_from_zero ||
                     (mode == rounding::half_even && (q % 2) != 0);
            }
            break;
        }
    }
    if (up) q += 1;
    if (q > detail::int64_max) detail::throw_overflow("standard error");
    return money::from_units(q.convert_to<std::int64_t>(), currency_);
}

namespace detail {

/// A condition's tree laid out for evaluation over uncertain milestones without a world: its
/// nodes (each shared node once) children first, the root last. A leaf (always, on or after, a
/// milestone) was evaluated in a real world in each state of its milestone (not settled, or
/// achieved on its date); a block combines its parts' statuses with combine_statuses(), the
/// definition condition::evaluate() itself uses, so evaluating the nodes in order for a set of
/// achieved milestones gives exactly what evaluating the condition in that set's world gives.
struct condition_layout {
    /// One node of the tree.
    struct node {
        bool block = false;                ///< A combined block (else a leaf).
        condition_kind kind = condition_kind::always;  ///< A block's kind.
        calendar_date day{};               ///< A long-stop block's date.
        std::size_t first = 0;             ///< Its parts: parts[first, first + count).
        std::size_t count = 0;
        std::size_t bit = 0;               ///< A leaf on an uncertain milestone: its row bit + 1.
        condition_status off;              ///< A leaf's status (its milestone not settled).
        condition_status on;               ///< A leaf's status with its milestone achieved.
    };
    std::vector<node> nodes;         ///< Children first, the root last.
    std::vector<std::size_t> parts;  ///< The parts of the blocks, as node positions.
    std::size_t root = 0;            ///< The condition's node.
    calendar_date as_of{};           ///< The day the world is seen on.
    /// Each node's status when no uncertain milestone is achieved.
    std::vector<condition_status> initial;
    /// The nodes depending on an uncertain milestone, children first: the only ones whose
    /// status a set of achieved milestones changes.
    std::vector<std::size_t> varying;

    /// No nodes.
    condition_layout() = default;

    /// The layout of @p c over the uncertain milestones at positions @p bits of @p names (row bit
    /// b: milestone bits[b], achieved on dates[bits[b]]), in the world @p world (the fixed
    /// milestones, seen on the day the condition must be met by). Cost: the tree's nodes, each
    /// leaf evaluated once in @p world and, for each uncertain milestone the condition names, once
    /// in a world holding that milestone alone (no copy of @p world).
    condition_layout(const condition& c, const world_state& world, const std::vector<std::size_t>& bits,
                     const std::vector<std::string>& names, const std::vector<calendar_date>& dates)
        : as_of(world.as_of()) {
        std::unordered_map<const void*, std::size_t> placed;
        std::unordered_map<std::string_view, std::size_t> bit_of;  // milestone name -> row bit
        for (std::size_t b = 0; b < bits.size(); ++b) bit_of.try_emplace(names[bits[b]], b);
        // Each uncertain milestone's status once achieved, evaluated once whatever the number of
        // leaves naming it.
        std::vector<std::optional<condition_status>> on_status(bits.size());
        // Lays out @p x and its parts, children first (depth bounded by max_condition_depth).
        const auto lay_out = [&](const auto& self, const condition& x) -> std::size_t {
            const auto found = placed.find(x.identity());
            if (found != placed.end()) return found->second;
            node n;
            if (x.kind() != condition_kind::always && x.kind() != condition_kind::on_or_after &&
                x.kind() != condition_kind::milestone) {
                std::vector<std::size_t> own;
                own.reserve(x.parts().size());
                for (const condition& p : x.parts()) own.push_back(self(self, p));
                n.block = true;
                n.kind = x.kind();
                n.day = x.date().value_or(calendar_date{});
                n.first = parts.size();
                n.count = own.size();
                parts.insert(parts.end(), own.begin(), own.end());
            } else {
                n.off = x.evaluate(world);
                n.on = n.off;
                if (x.kind() == condition_kind::milestone) {
                    const auto b = bit_of.find(x.milestone_name());
                    if (b != bit_of.end()) {
                        std::optional<condition_status>& on = on_status[b->second];
                        if (!on) {  // once per milestone, not per leaf
                            // In a world holding that milestone alone: a leaf reads only its
                            // milestone's record, and achieve() replaces any record of it, so
                            // this is its status in a copy of @p world with it achieved (a copy
                            // per milestone cost milestones x records: 3.9 s for 20 groups on
                            // 990 milestones beside 8,000 fixed ones, 0.10 s before layouts).
                            world_state achieved(world.as_of());
                            achieved.achieve(names[bits[b->second]], dates[bits[b->second]]);
                            on = x.evaluate(achieved);
                        }
                        n.on = *on;
                        n.bit = b->second + 1;
                    }
                }
            }
            nodes.push_back(n);
            placed.emplace(x.identity(), nodes.size() - 1);
            return nodes.size() - 1;
        };
        root = lay_out(lay_out, c);

        std::vector<std::uint8_t> varies(nodes.size(), 0);
        initial.resize(nodes.size());
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const node& n = nodes[i];
            if (n.block) {
                for (std::size_t p = 0; p < n.count && varies[i] == 0; ++p) varies[i] = varies[parts[n.first + p]];
                initial[i] = combined(n, initial.data());
            } else {
                varies[i] = n.bit != 0 ? 1 : 0;
                initial[i] = n.off;
            }
            if (varies[i] != 0) varying.push_back(i);
        }
    }

    /// Block @p n's status from its parts' in @p status (indexed by node).
    [[nodiscard]] condition_status combined(const node& n, const condition_status* status) const {
        const std::size_t* own = parts.data() + n.first;
        return combine_statuses(n.kind, n.day, n.count, as_of, [&](std::size_t p) { return status[own[p]]; });
    }

    /// True if the condition is met when the uncertain milestones with @p achieved(b) true (b a
    /// row bit) are achieved and the others are not settled. @p status holds a status per node,
    /// initialised from `initial` (only the varying nodes are written, children first, so one
    /// buffer serves any number of calls). No allocation; cost: the varying nodes and their
    /// parts. (Combining a block only when one of its parts changed since the previous call was
    /// slower on random samples: 0.27 s against 0.21 s for 10^5 samples on 40 milestones.)
    template <class Achieved>
    [[nodiscard]] bool met(condition_status* status, const Achieved& achieved) const {
        for (const std::size_t i : varying) {
            const node& n = nodes[i];
            status[i] = n.block ? combined(n, status) : achieved(n.bit - 1) ? n.on : n.off;
        }
        return status[root].is_met();
    }
};

/// The truth table of @p c over the uncertain milestones at positions @p bits of @p names (row r:
/// milestone bits[b] achieved on dates[bits[b]] if bit b of r is set, otherwise not settled), in
/// the world @p world (the fixed milestones, seen on the day the condition must be met by):
/// table[r] is 1 where c.evaluate() of that row's world is met. Exactly that evaluation, without
/// building a world per row: the condition is laid out once (condition_layout), and the rows
/// are visited in Gray-code order (one milestone changes from a row to the next): only the
/// blocks above that milestone whose parts changed are combined again. Cost: the layout, then
/// at most 2^b x the parts of the blocks naming the changed milestone, no allocation per row.
/// At most 63 bits.
inline std::vector<std::uint8_t> condition_rows(const condition& c, const world_state& world,
                                                const std::vector<std::size_t>& bits,
                                                const std::vector<std::string>& names,
                                                const std::vector<calendar_date>& dates) {
    const condition_layout layout(c, world, bits, names, dates);
    const auto& nodes = layout.nodes;
    const auto& parts = layout.parts;

    // The row bits each node depends on (its leaves'), and for each bit the nodes that depend on
    // it, children first: the only ones a change of that bit can change.
    std::vector<std::uint64_t> depends(nodes.size(), 0);
    std::vector<std::vector<std::size_t>> affected(bits.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const condition_layout::node& n = nodes[i];
        if (!n.block) {
            if (n.bit != 0) depends[i] = std::uint64_t{1} << (n.bit - 1);
        } else {
            for (std::size_t p = 0; p < n.count; ++p) depends[i] |= depends[parts[n.first + p]];
        }
        for (std::size_t b = 0; b < bits.size(); ++b) {
            if (((depends[i] >> b) & 1U) != 0) affected[b].push_back(i);
        }
    }

    // Row 0 (no uncertain milestone achieved): every node.
    std::vector<condition_status> status = layout.initial;
    std::vector<std::uint8_t> changed(nodes.size(), 0);
    const std::size_t rows = std::size_t{1} << bits.size();
    std::vector<std::uint8_t> table(rows);
    table[0] = status[layout.root].is_met() ? 1 : 0;
    // The other rows in Gray-code order: each differs from the one before in one bit b, and only
    // the nodes depending on b are evaluated again, those whose parts changed.
    std::size_t row = 0;
    for (std::size_t step = 1; step < rows; ++step) {
        std::size_t b = 0;
        while (((step >> b) & 1U) == 0) ++b;
        row ^= std::size_t{1} << b;
        const bool achieved = ((row >> b) & 1U) != 0;
        for (const std::size_t i : affected[b]) {
            const condition_layout::node& n = nodes[i];
            if (!n.block) {
                changed[i] = n.on != n.off ? 1 : 0;
                status[i] = achieved ? n.on : n.off;
                continue;
            }
            bool any = false;
            for (std::size_t p = 0; p < n.count && !any; ++p) any = changed[parts[n.first + p]] != 0;
            if (!any) continue;
            const condition_status now = layout.combined(n, status.data());
            changed[i] = now != status[i] ? 1 : 0;
            status[i] = now;
        }
        for (const std::size_t i : affected[b]) changed[i] = 0;
        table[row] = status[layout.root].is_met() ? 1 : 0;
    }
    return table;
}

/// One distinct way of paying: the conditions (merged) that pay in exactly the same outcomes.
struct odds_group {
    condition when;                ///< The (first) condition.
    /// The day it must be met by: end_of_time(), or a fallback tranche's settlement date.
    calendar_date by = end_of_time();
    std::int64_t amount = 0;       ///< Units paid when it is met, all investors together.
    /// (investor position, units) for each investor with money on it, by investor position.
    std::vector<std::pair<std::size_t, std::int64_t>> by_investor;
    /// Positions of its uncertain milestones, increasing (its row bits).
    std::vector<std::size_t> bits;
    /// Paid (1) or not per row; empty: evaluate `layout` for each sample.
    std::vector<std::uint8_t> table;
    /// The condition laid out, for a group with too many bits for a table (Monte Carlo only;
    /// null otherwise: most groups have a table, and a round may have 10^5 groups before merging).
    std::unique_ptr<const condition_layout> layout;
};

/// A round reduced to what the outcome walk needs.
struct odds_model {
    fundround::currency currency;        ///< The round's currency.
    std::int64_t pre_units = 0;          ///< Pre-money, in units.
    std::vector<std::string> investors;  ///< Names, round order.
    std::vector<std::int64_t> certain;   ///< Units each investor pays in every outcome.
    std::int64_t certain_total = 0;
    std::vector<odds_group> groups;       ///< Ways of paying whose outcome varies.
    std::vector<std::string> names;       ///< Uncertain milestones, name order.
    std::vector<fraction> probabilities;  ///< Their probabilities.
    std::vector<calendar_date> dates;     ///< The days they are achieved on.
    /// Fixed milestones applied.
    world_state base{end_of_time()};
    std::size_t milestone_count = 0;  ///< Every milestone with odds (fixed ones included).

    /// True if group @p g pays when the uncertain milestones are those set in @p achieved
    /// (bit j of word j / 64): its table's row, or else its layout evaluated on those bits, with
    /// @p status as the layout's buffer (see condition_layout::met(); unused for a table).
    bool pays(const odds_group& g, const std::uint64_t* achieved, condition_status* status) const {
        const auto bit = [&](std::size_t j) { return ((achieved[j / 64] >> (j % 64)) & 1U) != 0; };
        if (!g.table.empty()) {
            std::size_t row = 0;
            for (std::size_t b = 0; b < g.bits.size(); ++b) {
                row |= static_cast<std::size_t>(bit(g.bits[b])) << b;
            }
            return g.table[row] != 0;
        }
        return g.layout->met(status, [&](std::size_t b) { return bit(g.bits[b]); });
    }
};

/// One item of a walk (an outcome or a sample): the amount raised and its index.
struct odds_item {
    std::int64_t raised;   ///< The amount raised in it, in units.
    std::uint32_t index;   ///< The outcome (bit pattern) or the sample number.
};

/// The sums a walk produces, all over the common denominator `denominator` (the product of the
/// probability denominators, or the sample count).
struct odds_sums {
    odds_big denominator;  ///< The common denominator of every weight.
    std::vector<std::pair<std::int64_t, odds_big>> distribution;  ///< (raised, weight), increasing
    odds_big sum_raised;    ///< sum of weight * raised
    odds_big sum_squares;   ///< sum of weight * raised^2 (Monte Carlo only)
    std::vector<odds_big> group_weight;  ///< per group: the weight W_g of the items where it pays
    /// Ownership: S_0 = A_0 / (denominator * scale) is sum of weight / post over every item,
    /// S_g = A_g / (denominator * scale) the same over the items where group g pays. Exact
    /// (scale = the lcm of the post-money values) or, if `enclosure`, lower bounds (scale =
    /// 2^ownership_shift, each weight / post rounded down) with A_0 + denominator and
    /// A_g + W_g the upper bounds.
    odds_big scale;
    bool enclosure = false;
    odds_big all_scaled;                 ///< A_0
    std::vector<odds_big> group_scaled;  ///< A_g
};

/// Bits of 2^-shift used for ownership enclosures: bounds less than 2^63 / 2^192 = 2^-129 apart.
inline constexpr unsigned ownership_shift = 192;

/// Folds the items, sorted by amount raised, into sums: one run per distinct amount. Cost:
/// O(items x groups) table look-ups, plus O(runs x groups paying in the run) big-integer
/// multiply-adds; the ownership scale is the lcm of the post-money values if it has at most
/// max_exact_ownership_bits bits, otherwise 2^ownership_shift (an enclosure).
/// @p weight_of(index) gives an item's weight; @p paying(index, f) calls f(g) for every group
/// paying in the item.
template <class Weight, class WeightOf, class Paying>
odds_sums fold_items(const odds_model& m, std::vector<odds_item>& items, odds_big denominator,
                     bool squares, WeightOf weight_of, Paying paying) {
    std::sort(items.begin(), items.end(), [](const odds_item& a, const odds_item& b) {
        return a.raised < b.raised || (a.raised == b.raised && a.index < b.index);
    });
    const std::size_t g_count = m.groups.size();
    odds_sums s;
    s.denominator = std::move(denominator);
    s.group_scaled.assign(g_count, 0);
    std::vector<Weight> group_weight(g_count, Weight(0U));

    const auto post_of = [&](std::int64_t raised) {
        const std::int64_t post = checked_add(m.pre_units, raised);
        if (post <= 0) {
            throw invalid_argument_error("post-money = " + std::to_string(post) +
                                         " units in an outcome: ownership needs a positive post-money");
        }
        return static_cast<std::uint64_t>(post);
    };

    // The lcm of the distinct post-money values, while it stays within the budget.
    odds_big lcm = 1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && items[i].raised == items[i - 1].raised) continue;
        const std::uint64_t post = post_of(items[i].raised);
        const auto rest = static_cast<std::uint64_t>(odds_big(lcm % post));
        lcm *= post / std::gcd(post, rest);
        if (boost::multiprecision::msb(lcm) >= max_exact_ownership_bits) {
            s.enclosure = true;
            break;
        }
    }
    s.scale = s.enclosure ? odds_big(odds_big(1) << ownership_shift) : lcm;

    std::vector<Weight> run_weight(g_count, Weight(0U));
    std::vector<std::size_t> touched;
    std::vector<std::uint8_t> is_touched(g_count, 0);
    std::size_t i = 0;
    while (i < items.size()) {
        const std::int64_t raised = items[i].raised;
        Weight total(0U);
        for (; i < items.size() && items[i].raised == raised; ++i) {
            const Weight w = weight_of(items[i].index);
            total += w;
            paying(items[i].index, [&](std::size_t g) {
                if (is_touched[g] == 0) {
                    is_touched[g] = 1;
                    touched.push_back(g);
                    run_weight[g] = w;
                } else {
                    run_weight[g] += w;
                }
            });
        }
        const odds_big big_total = to_big(total);
        const odds_big x(raised);
        s.sum_raised += big_total * x;
        if (squares) s.sum_squares += big_total * x * x;
        const odds_big post_scale = s.scale / post_of(raised);  // exact for the lcm, else floor
        s.all_scaled += big_total * post_scale;
        for (const std::size_t g : touched) {
            group_weight[g] += run_weight[g];  // at most the denominator: fits Weight
            s.group_scaled[g] += to_big(run_weight[g]) * post_scale;
            is_touched[g] = 0;
        }
        touched.clear();
        s.distribution.emplace_back(raised, big_total);
    }
    s.group_weight.reserve(g_count);
    for (const auto& w : group_weight) s.group_weight.push_back(to_big(w));
    return s;
}

/// The steps of an evaluation: the model of a round, the walks over outcomes or samples, and
/// the results (a friend of round_odds and odds_value, which only it builds).
struct odds_engine {
    static odds_model model(const funding_round& round, const milestone_odds& odds,
                            std::size_t max_table_bits, bool exact,
                            std::vector<diagnostic> run_problems = {});
    static std::vector<diagnostic> monte_carlo_problems(const milestone_odds& odds,
                                                        const monte_carlo_options& options);
    static round_odds finish(const odds_model& m, const odds_sums& s, odds_method method,
                             std::uint64_t outcome_count, std::optional<std::uint64_t> seed);
    template <class Weight>
    static round_odds walk(const odds_model& m, const std::vector<Weight>& achieved_factor,
                           const std::vector<Weight>& missed_factor, odds_big denominator);
    static round_odds exact(const odds_model& m);
    static round_odds monte_carlo(const odds_model& m, const monte_carlo_options& options,
                                  const monte_carlo_progress& progress);
};

/// The problems of a Monte Carlo run's @p options and of the probabilities of @p odds a sample
/// cannot draw (a denominator of 2^64 or more), in name order.
inline std::vector<diagnostic> odds_engine::monte_carlo_problems(const milestone_odds& odds,
                                                                 const monte_carlo_options& options) {
    std::vector<diagnostic> problems;
    if (options.samples < 2 || options.samples > max_monte_carlo_samples) {
        problems.push_back({field_path("monte_carlo").member("samples"), std::to_string(options.samples),
                            options.samples < 2
                                ? "must be at least 2 (a standard error needs two samples)"
                                : "must be at most " + std::to_string(max_monte_carlo_samples) +
                                      " (max_monte_carlo_samples)"});
    }
    const odds_big limit = std::numeric_limits<std::uint64_t>::max();
    for (const auto& [name, chance] : odds.chances()) {
        const fraction& p = chance.probability;
        if (p.sign() > 0 && p < fraction(1) && big_denominator(p) > limit) {
            problems.push_back({odds_field(name).member("probability"), p.to_string(),
                                "Monte Carlo draws need a denominator below 2^64"});
        }
    }
    return problems;
}

/// The model of @p round under @p odds. Throws one validation_error listing every problem: the
/// odds' own, too many uncertain milestones for an @p exact enumeration, then @p run_problems
/// (a Monte Carlo run's options).
inline odds_model odds_engine::model(const funding_round& round, const milestone_odds& odds,
                                     std::size_t max_table_bits, bool exact,
                                     std::vector<diagnostic> run_problems) {
    std::vector<diagnostic> problems = odds.validate(round);
    const bool odds_problems = !problems.empty();
    if (exact) {
        std::size_t uncertain = 0;
        for (const auto& entry : odds.chances()) {
            const fraction& p = entry.second.probability;
            if (p.sign() > 0 && p < fraction(1)) ++uncertain;
        }
        if (uncertain > max_exact_milestones) {
            problems.push_back(
                {field_path("odds"), std::to_string(uncertain) + " uncertain milestones",
                 "exact enumeration handles at most " + std::to_string(max_exact_milestones) +
                     " (2^" + std::to_string(max_exact_milestones) +
                     " outcomes); use simulate_odds() or evaluate_odds()"});
        }
    }
    const bool count_problem = !odds_problems && !problems.empty();
    problems.insert(problems.end(), std::make_move_iterator(run_problems.begin()),
                    std::make_move_iterator(run_problems.end()));
    if (!problems.empty()) {
        // The heading names what was wrong: the odds (with anything else), else the count of
        // uncertain milestones, else the run's options.
        throw validation_error(odds_problems   ? "milestone odds for round \"" + round.name() + "\""
                               : count_problem ? "exact odds for round \"" + round.name() + "\""
                                               : std::string("Monte Carlo run"),
                               std::move(problems));
    }
    odds_model m;
    m.currency = round.currency();
    m.pre_units = round.pre_money().units();
    for (const auto& c : round.commitments()) m.investors.push_back(c.investor.name());
    m.certain.assign(m.investors.size(), 0);

    // Milestones: fixed ones go into the base world, uncertain ones get a bit position.
    std::map<std::string, std::size_t, std::less<>> position;
    for (const auto& [name, chance] : odds.chances()) {
        const calendar_date on = chance.achieved_on.value_or(round.close_date());
        if (chance.probability == fraction(1)) {
            m.base.achieve(name, on);
        } else if (!chance.probability.is_zero()) {
            position.emplace(name, m.names.size());
            m.names.push_back(name);
            m.probabilities.push_back(chance.probability);
            m.dates.push_back(on);
        }
    }
    m.milestone_count = odds.size();  // validated: exactly the round's milestones

    // Group the schedule's entries by condition identity and the day it must be met by, and
    // within a group by investor. A fallback tranche pays its fallback in every outcome and the
    // rest if its condition is met by the settlement date.
    std::map<std::pair<const void*, calendar_date>, std::size_t> group_of;
    std::vector<odds_group> groups;
    std::int64_t magnitude = 0;  // every amount's magnitude, summed checked
    for (const disbursement_list& list : {round.schedule().dated(), round.schedule().undated()}) {
        for (const disbursement& d : list) {
            std::int64_t units = d.amount().units();
            magnitude = checked_add(magnitude, units < 0 ? checked_neg(units) : units);
            calendar_date by = end_of_time();
            const auto fallback = d.fallback();
            const auto due = d.date();
            if (fallback && due) {
                const std::int64_t paid_anyway = fallback->units();
                m.certain[d.investor_index()] = checked_add(m.certain[d.investor_index()], paid_anyway);
                m.certain_total = checked_add(m.certain_total, paid_anyway);
                units = checked_sub(units, paid_anyway);
                by = *due;
            }
            const auto found = group_of.try_emplace({d.when().identity(), by}, groups.size());
            if (found.second) {
                groups.emplace_back();
                groups.back().when = d.when();
                groups.back().by = by;
            }
            odds_group& g = groups[found.first->second];
            g.amount += units;
            g.by_investor.emplace_back(d.investor_index(), units);
        }
    }
    checked_add(m.pre_units, magnitude);  // every post-money fits

    // Truth table of each condition over its own uncertain milestones; constant ones are
    // folded, and conditions that pay in exactly the same outcomes (same milestones, same
    // table) are merged: 10^5 tranches on 8 milestones are at most a few hundred groups.
    std::map<std::pair<std::vector<std::size_t>, std::vector<std::uint8_t>>, std::size_t> merged;
    for (auto& g : groups) {
        for (const auto& name : g.when.milestones()) {  // sorted: bits increase
            const auto it = position.find(name);
            if (it != position.end()) g.bits.push_back(it->second);
        }
        if (g.bits.size() <= max_table_bits) {
            const std::size_t rows = std::size_t{1} << g.bits.size();
            g.table = condition_rows(g.when, m.base.at(g.by), g.bits, m.names, m.dates);
            std::size_t met = 0;
            for (const std::uint8_t paid : g.table) met += paid;
            if (met == 0) continue;  // never pays
            if (met == rows) {       // pays in every outcome
                for (const auto& [inv, units] : g.by_investor) m.certain[inv] += units;
                m.certain_total += g.amount;
                continue;
            }
            const auto key = merged.try_emplace({g.bits, g.table}, m.groups.size());
            if (!key.second) {
                odds_group& into = m.groups[key.first->second];
                into.amount += g.amount;
                into.by_investor.insert(into.by_investor.end(), g.by_investor.begin(),
                                        g.by_investor.end());
                continue;
            }
        } else {  // too many bits for a table (Monte Carlo): laid out, evaluated per sample
            g.layout = std::make_unique<const condition_layout>(g.when, m.base.at(g.by), g.bits, m.names, m.dates);
        }
        m.groups.push_back(std::move(g));
    }
    // One entry per investor in each group.
    for (auto& g : m.groups) {
        auto& v = g.by_investor;
        std::stable_sort(v.begin(), v.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::size_t out = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (out > 0 && v[out - 1].first == v[i].first) {
                v[out - 1].second += v[i].second;
            } else {
                v[out++] = v[i];
            }
        }
        v.resize(out);
    }
    return m;
}

inline round_odds odds_engine::finish(const odds_model& m, const odds_sums& s, odds_method method,
                                      std::uint64_t outcome_count, std::optional<std::uint64_t> seed) {
    const odds_big& den = s.denominator;
    const odds_big per_major(money::units_per_major);
    const std::size_t g_count = m.groups.size();

    round_odds r;
    r.method_ = method;
    r.milestone_count_ = m.milestone_count;
    r.uncertain_count_ = m.names.size();
    r.outcome_count_ = outcome_count;
    r.seed_ = seed;
    r.currency_ = m.currency;

    r.distribution_.reserve(s.distribution.size());
    for (const auto& [raised, weight] : s.distribution) {
        r.distribution_.push_back({money::from_units(raised, m.currency),
                                   money::from_units(m.pre_units + raised, m.currency),
                                   odds_value(weight, den)});
    }
    const odds_big money_den = den * per_major;
    r.expected_raised_ = odds_value(s.sum_raised, money_den);
    r.expected_post_money_ =
        odds_value(odds_big(m.pre_units) * den + s.sum_raised, money_den);

    // Ownership: investor i owns certain_i * S_0 + sum over its groups of units * S_g.
    const odds_big own_den = den * s.scale;
    const auto ownership = [&](const odds_big& lower, const odds_big& upper) {
        return s.enclosure && lower != upper ? odds_value(lower, upper, own_den)
                                             : odds_value(lower, own_den);
    };
    std::vector<odds_big> amount(m.investors.size());
    std::vector<odds_big> lower(m.investors.size());
    std::vector<odds_big> upper(m.investors.size());
    const auto add = [&](std::size_t i, std::int64_t units, const odds_big& weight,
                         const odds_big& scaled, const odds_big& error) {
        const odds_big u(units);
        amount[i] += u * weight;
        const odds_big base = u * scaled;
        lower[i] += base;
        upper[i] += base;
        if (s.enclosure) (units < 0 ? lower[i] : upper[i]) += u * error;
    };
    odds_big all_lower = 0;
    odds_big all_upper = 0;
    {
        const odds_big certain_total(m.certain_total);
        all_lower = certain_total * s.all_scaled;
        all_upper = all_lower;
        if (s.enclosure) (m.certain_total < 0 ? all_lower : all_upper) += certain_total * den;
    }
    for (std::size_t i = 0; i < m.investors.size(); ++i) {
        if (m.certain[i] != 0) add(i, m.certain[i], den, s.all_scaled, den);
    }
    for (std::size_t g = 0; g < g_count; ++g) {
        for (const auto& [inv, units] : m.groups[g].by_investor) {
            add(inv, units, s.group_weight[g], s.group_scaled[g], s.group_weight[g]);
        }
        const odds_big total(m.groups[g].amount);
        const odds_big base = total * s.group_scaled[g];
        all_lower += base;
        all_upper += base;
        if (s.enclosure) (m.groups[g].amount < 0 ? all_lower : all_upper) += total * s.group_weight[g];
    }
    r.new_investors_ = ownership(all_lower, all_upper);
    r.ownership_exact_ = !s.enclosure;
    r.investors_.reserve(m.investors.size());
    for (std::size_t i = 0; i < m.investors.size(); ++i) {
        r.investors_.push_back({m.investors[i], odds_value(std::move(amount[i]), money_den),
                                ownership(lower[i], upper[i])});
    }

    if (method == odds_method::monte_carlo) {
        // Variance of the mean: (n * S2 - S1^2) / (n^2 * (n - 1)); S1, S2 are in units, the
        // result in squared currency units.
        const odds_big n(outcome_count);
        r.variance_of_mean_ = odds_value(n * s.sum_squares - s.sum_raised * s.sum_raised,
                                         n * n * (n - 1) * per_major * per_major);
    }
    return r;
}

/// Walks all 2^k outcomes of the k uncertain milestones. An outcome's weight is the product of
/// p_j (achieved) or 1 - p_j (not) as integer numerators over the product of denominators; it
/// is split into a low-bits and a high-bits factor, and each group's truth-table row likewise.
template <class Weight>
round_odds odds_engine::walk(const odds_model& m, const std::vector<Weight>& achieved_factor,
                             const std::vector<Weight>& missed_factor, odds_big denominator) {
    using rows = std::vector<std::uint32_t>;
    const std::size_t k = m.names.size();
    const std::size_t low_bits = k / 2;
    const std::size_t high_bits = k - low_bits;
    const std::size_t low_count = std::size_t{1} << low_bits;
    const std::size_t high_count = std::size_t{1} << high_bits;
    const std::size_t g_count = m.groups.size();

    const auto weights = [&](std::size_t first, std::size_t bits) {
        std::vector<Weight> w(std::size_t{1} << bits, Weight(1U));
        for (std::size_t r = 0; r < w.size(); ++r) {
            for (std::size_t b = 0; b < bits; ++b) {
                w[r] *= ((r >> b) & 1U) != 0 ? achieved_factor[first + b] : missed_factor[first + b];
            }
        }
        return w;
    };
    const std::vector<Weight> low_weight = weights(0, low_bits);
    const std::vector<Weight> high_weight = weights(low_bits, high_bits);

    // Row bits of each group contributed by the low and by the high milestone bits, stored
    // outcome-major so that one outcome reads one contiguous run.
    rows low_row(low_count * g_count, 0U);
    rows high_row(high_count * g_count, 0U);
    std::vector<const std::uint8_t*> table(g_count);
    std::vector<std::int64_t> amount(g_count);
    for (std::size_t g = 0; g < g_count; ++g) {
        table[g] = m.groups[g].table.data();
        amount[g] = m.groups[g].amount;
        const auto& bits = m.groups[g].bits;
        for (std::size_t b = 0; b < bits.size(); ++b) {
            const std::uint32_t row_bit = std::uint32_t{1} << b;
            if (bits[b] < low_bits) {
                for (std::size_t r = 0; r < low_count; ++r) {
                    if (((r >> bits[b]) & 1U) != 0) low_row[r * g_count + g] |= row_bit;
                }
            } else {
                for (std::size_t r = 0; r < high_count; ++r) {
                    if (((r >> (bits[b] - low_bits)) & 1U) != 0) high_row[r * g_count + g] |= row_bit;
                }
            }
        }
    }

    // Outcome index = high << low_bits | low, so its weight and rows are two look-ups.
    std::vector<odds_item> items;
    items.reserve(low_count * high_count);
    for (std::size_t hi = 0; hi < high_count; ++hi) {
        const std::uint32_t* high_part = high_row.data() + hi * g_count;
        for (std::size_t lo = 0; lo < low_count; ++lo) {
            const std::uint32_t* low_part = low_row.data() + lo * g_count;
            // Every post-money fits (checked when the model was built), so no partial sum of
            // the amounts can overflow.
            std::int64_t raised = m.certain_total;
            for (std::size_t g = 0; g < g_count; ++g) {
                raised += amount[g] * table[g][low_part[g] | high_part[g]];
            }
            items.push_back({raised, static_cast<std::uint32_t>(hi << low_bits | lo)});
        }
    }
    const std::size_t low_mask = low_count - 1;
    const auto weight_of = [&](std::uint32_t o) {
        return Weight(low_weight[o & low_mask] * high_weight[o >> low_bits]);
    };
    const auto paying = [&](std::uint32_t o, auto&& f) {
        const std::uint32_t* low_part = low_row.data() + (o & low_mask) * g_count;
        const std::uint32_t* high_part = high_row.data() + (o >> low_bits) * g_count;
        for (std::size_t g = 0; g < g_count; ++g) {
            if (table[g][low_part[g] | high_part[g]] != 0) f(g);
        }
    };
    const odds_sums s = fold_items<Weight>(m, items, std::move(denominator), false, weight_of, paying);
    return finish(m, s, odds_method::exact, std::uint64_t{1} << k, std::nullopt);
}

inline round_odds odds_engine::exact(const odds_model& m) {
    odds_big den = 1;
    for (const auto& p : m.probabilities) den *= big_denominator(p);
    if (boost::multiprecision::msb(den) < 128) {  // weights and their sums fit 128 bits
        const auto to_u128 = [](const odds_big& v) {
            uint128 r = static_cast<std::uint64_t>(odds_big(v >> 64));
            r <<= 64;
            r |= static_cast<std::uint64_t>(odds_big(v & std::numeric_limits<std::uint64_t>::max()));
            return r;
        };
        std::vector<uint128> achieved, missed;
        for (const auto& p : m.probabilities) {
            achieved.push_back(to_u128(big_numerator(p)));
            missed.push_back(to_u128(big_denominator(p) - big_numerator(p)));
        }
        return walk<uint128>(m, achieved, missed, std::move(den));
    }
    std::vector<odds_big> achieved, missed;
    for (const auto& p : m.probabilities) {
        achieved.push_back(big_numerator(p));
        missed.push_back(big_denominator(p) - big_numerator(p));
    }
    return walk<odds_big>(m, achieved, missed, std::move(den));
}

inline round_odds odds_engine::monte_carlo(const odds_model& m, const monte_carlo_options& options,
                                           const monte_carlo_progress& progress) {
    const std::size_t k = m.names.size();
    // The options and the denominators were checked with the odds (model()).
    std::vector<std::uint64_t> num(k), den(k);
    for (std::size_t j = 0; j < k; ++j) {
        const auto& p = m.probabilities[j];
        num[j] = static_cast<std::uint64_t>(big_numerator(p));
        den[j] = static_cast<std::uint64_t>(big_denominator(p));
    }

    // Every sample's achieved milestones are kept (k bits) for the second pass.
    const std::size_t words = k == 0 ? 1 : (k + 63) / 64;
    const auto n = static_cast<std::size_t>(options.samples);
    std::vector<std::uint64_t> achieved(n * words, 0U);
    std::vector<odds_item> items;
    items.reserve(n);
    xoshiro256 generator(options.seed);
    const std::size_t g_count = m.groups.size();
    // A status buffer per group evaluated without a table (condition_layout::met()).
    std::vector<std::vector<condition_status>> status(g_count);
    for (std::size_t g = 0; g < g_count; ++g) {
        if (m.groups[g].layout) status[g] = m.groups[g].layout->initial;
    }
    for (std::size_t sample = 0; sample < n; ++sample) {
        if (progress && sample > 0 && sample % monte_carlo_progress_step == 0) progress(sample, options.samples);
        std::uint64_t* bits = achieved.data() + sample * words;
        for (std::size_t j = 0; j < k; ++j) {
            if (generator.bernoulli(num[j], den[j])) bits[j / 64] |= std::uint64_t{1} << (j % 64);
        }
        std::int64_t raised = m.certain_total;
        for (std::size_t g = 0; g < g_count; ++g) {
            if (m.pays(m.groups[g], bits, status[g].data())) raised += m.groups[g].amount;
        }
        items.push_back({raised, static_cast<std::uint32_t>(sample)});
    }
    if (progress) progress(options.samples, options.samples);
    const auto weight_of = [](std::uint32_t) { return std::uint64_t{1}; };
    const auto paying = [&](std::uint32_t sample, auto&& f) {
        const std::uint64_t* bits = achieved.data() + std::size_t{sample} * words;
        for (std::size_t g = 0; g < g_count; ++g) {
            if (m.pays(m.groups[g], bits, status[g].data())) f(g);
        }
    };
    const odds_sums s = fold_items<std::uint64_t>(m, items, odds_big(options.samples), true,
                                                       weight_of, paying);
    return finish(m, s, odds_method::monte_carlo, options.samples, options.seed);
}

}  // namespace detail

inline round_odds enumerate_odds(const funding_round& round, const milestone_odds& odds) {
    using engine = detail::odds_engine;
    return engine::exact(engine::model(round, odds, max_exact_milestones, true));
}

inline round_odds simulate_odds(const funding_round& round, const milestone_odds& odds,
                                const monte_carlo_options& options, const monte_carlo_progress& progress) {
    using engine = detail::odds_engine;
    return engine::monte_carlo(engine::model(round, odds, 16, false, engine::monte_carlo_problems(odds, options)),
                               options, progress);
}

inline round_odds evaluate_odds(const funding_round& round, const milestone_odds& odds,
                                const monte_carlo_options& monte_carlo, const monte_carlo_progress& progress) {
    std::size_t uncertain = 0;
    for (const auto& entry : odds.chances()) {
        const auto& p = entry.second.probability;
        if (p.sign() > 0 && p < fraction(1)) ++uncertain;
    }
    if (uncertain <= max_exact_milestones) return enumerate_odds(round, odds);
    return simulate_odds(round, odds, monte_carlo, progress);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_ANALYSIS_ODDS_HPP
