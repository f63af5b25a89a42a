/// @file analysis/odds.hpp
/// @brief Probabilities on milestones applied to a round: expected amount raised and post-money,
/// the distribution of the amount raised and probability-weighted ownership, exactly or by a
/// seeded Monte Carlo.
#ifndef FUNDROUND_ANALYSIS_ODDS_HPP
#define FUNDROUND_ANALYSIS_ODDS_HPP

#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/config.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/random.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/deal/schedule.hpp>

#include <fundround/detail/bigint.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
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
    friend bool operator==(const milestone_chance& a, const milestone_chance& b) {
        const milestone_chance& x = a;
        return x.probability == b.probability && x.achieved_on == b.achieved_on;
    }
    /// True unless @p a == @p b.
    friend bool operator!=(const milestone_chance& a, const milestone_chance& b) {
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
    const std::map<std::string, milestone_chance, std::less<>>& chances() const noexcept {
        return chances_;
    }
    /// The odds of milestone @p name; throws invalid_argument_error if none were set.
    const milestone_chance& chance(std::string_view name) const {
        const auto it = chances_.find(name);
        if (it == chances_.end()) {
            throw invalid_argument_error("milestone = \"" + std::string(name) + "\": has no odds");
        }
        return it->second;
    }
    /// True if odds were set for @p name.
    bool contains(std::string_view name) const {
        return chances_.find(name) != chances_.end();
    }
    /// The number of milestones with odds.
    std::size_t size() const noexcept { return chances_.size(); }
    /// True if no odds were set.
    bool empty() const noexcept { return chances_.empty(); }

    /// Every problem with these odds for @p round, in name order: a probability outside [0, 1],
    /// an invalid date, odds for a milestone the round never mentions (a typo?), then every
    /// milestone the round's conditions use that has no odds.
    std::vector<diagnostic> validate(const funding_round& round) const;

    /// True if both give the same odds to the same milestones.
    friend bool operator==(const milestone_odds& a, const milestone_odds& b) {
        return a.chances_ == b.chances_;
    }
    /// True unless @p a == @p b.
    friend bool operator!=(const milestone_odds& a, const milestone_odds& b) {
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
inline std::string to_string(odds_method m) {
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

/// One value of the amount raised and its probability (for Monte Carlo: its sample frequency).
struct raised_outcome {
    money raised;          ///< The amount raised.
    money post_money;      ///< Pre-money plus the amount raised.
    fraction probability;  ///< Its probability, exactly.

    /// True if all three are equal.
    friend bool operator==(const raised_outcome& a, const raised_outcome& b) {
        const raised_outcome& x = a;
        return x.raised == b.raised && x.post_money == b.post_money && x.probability == b.probability;
    }
    /// True unless @p a == @p b.
    friend bool operator!=(const raised_outcome& a, const raised_outcome& b) {
        return !(a == b);
    }
    /// Writes e.g. "$75B: 3/10".
    friend std::ostream& operator<<(std::ostream& os, const raised_outcome& o) {
        const raised_outcome& x = o;
        return os << format_compact(x.raised) << ": " << x.probability;
    }
};

/// One investor's expectations.
struct investor_odds {
    std::string investor;         ///< The investor's name.
    fraction expected_amount;     ///< The expected amount it pays, exactly, in currency units.
    fraction expected_ownership;  ///< Probability-weighted ownership: E[paid / post-money].

    /// True if all three are equal.
    friend bool operator==(const investor_odds& a, const investor_odds& b) {
        const investor_odds& x = a;
        return x.investor == b.investor && x.expected_amount == b.expected_amount &&
               x.expected_ownership == b.expected_ownership;
    }
    /// True unless @p a == @p b.
    friend bool operator!=(const investor_odds& a, const investor_odds& b) {
        return !(a == b);
    }
};

/// The number of uncertain milestones (probability strictly between 0 and 1) up to which
/// evaluate_odds() enumerates every outcome: 2^20 = 1,048,576 outcomes.
inline constexpr std::size_t max_exact_milestones = 20;

/// Settings of a Monte Carlo run.
struct monte_carlo_options {
    std::uint64_t samples = 100000;  ///< The number of samples (at least 2).
    std::uint64_t seed = 1;          ///< The seed: the same seed gives identical results.
};

namespace detail {
struct odds_engine;
}  // namespace detail

/// What probabilities on the milestones imply for a round: expected amount raised and
/// post-money, the distribution of the amount raised and each investor's expectations.
///
/// Exact results (odds_method::exact) are exact fractions. Monte Carlo results are the exact
/// averages over the samples, with the standard error of the mean amount raised.
/// Built by evaluate_odds(), enumerate_odds() or simulate_odds().
class round_odds {
public:
    /// How the figures were computed.
    odds_method method() const noexcept { return method_; }
    /// The number of distinct milestones in the round's conditions.
    std::size_t milestone_count() const noexcept { return milestone_count_; }
    /// Those with a probability strictly between 0 and 1 (the others are fixed, not enumerated).
    std::size_t uncertain_milestone_count() const noexcept { return uncertain_count_; }
    /// Exact: the number of outcomes enumerated (2^uncertain_milestone_count()).
    /// Monte Carlo: the number of samples drawn.
    std::uint64_t outcome_count() const noexcept { return outcome_count_; }
    /// The seed of a Monte Carlo run; empty for exact results.
    std::optional<std::uint64_t> seed() const noexcept { return seed_; }
    /// The round's currency.
    fundround::currency currency() const noexcept { return currency_; }

    /// The expected amount raised, exactly, in currency units (99500000000 for $99.5B).
    const fraction& expected_raised() const noexcept { return expected_raised_; }
    /// The expected amount raised, rounded to a unit (a thousandth of a currency unit) by @p mode.
    money expected_raised(rounding mode) const { return to_money(expected_raised_, mode); }
    /// The expected post-money, exactly, in currency units: pre-money + expected_raised().
    const fraction& expected_post_money() const noexcept { return expected_post_money_; }
    /// The expected post-money, rounded to a unit by @p mode.
    money expected_post_money(rounding mode) const {
        return to_money(expected_post_money_, mode);
    }
    /// The new investors' probability-weighted ownership together: E[raised / post-money].
    const fraction& expected_new_investors_ownership() const noexcept { return new_investors_; }

    /// Every amount raised with a non-zero probability, in increasing order; the probabilities
    /// sum to exactly 1.
    const std::vector<raised_outcome>& distribution() const noexcept { return distribution_; }
    /// The probability that at least @p amount is raised.
    fraction probability_at_least(money amount) const {
        fraction p;
        for (const auto& o : distribution_) {
            if (o.raised >= amount) p += o.probability;
        }
        return p;
    }

    /// Every investor's expectations, in the round's order.
    const std::vector<investor_odds>& investors() const noexcept { return investors_; }
    /// The expectations of investor @p name; throws invalid_argument_error if absent.
    const investor_odds& investor(std::string_view name) const {
        const std::string_view wanted = name;
        for (const auto& i : investors_) {
            if (i.investor == wanted) return i;
        }
        throw invalid_argument_error("investor = \"" + std::string(wanted) + "\": is not in the round");
    }
    /// The expected amount investor @p name pays, rounded to a unit by @p mode.
    money expected_amount(std::string_view name, rounding mode) const {
        return to_money(investor(name).expected_amount, mode);
    }

    /// Monte Carlo: the estimated variance of the mean amount raised, exactly, in squared
    /// currency units: sum((x - mean)^2) / (n - 1) / n over the n samples. Empty for exact results.
    const std::optional<fraction>& variance_of_mean() const noexcept { return variance_of_mean_; }
    /// Monte Carlo: the standard error of the mean amount raised, sqrt(variance_of_mean()),
    /// rounded to a unit by @p mode (computed on integers, no floating point). Empty for exact
    /// results.
    std::optional<money> standard_error(rounding mode) const;

    /// True if every figure is equal (same method, counts, seed and results).
    friend bool operator==(const round_odds& a, const round_odds& b) {
        const round_odds& x = a;
        return x.method_ == b.method_ && x.milestone_count_ == b.milestone_count_ &&
               x.uncertain_count_ == b.uncertain_count_ && x.outcome_count_ == b.outcome_count_ &&
               x.seed_ == b.seed_ && x.currency_ == b.currency_ &&
               x.expected_raised_ == b.expected_raised_ &&
               x.expected_post_money_ == b.expected_post_money_ &&
               x.new_investors_ == b.new_investors_ && x.distribution_ == b.distribution_ &&
               x.investors_ == b.investors_ && x.variance_of_mean_ == b.variance_of_mean_;
    }
    /// True unless @p a == @p b.
    friend bool operator!=(const round_odds& a, const round_odds& b) {
        return !(a == b);
    }

private:
    /// Only the evaluation functions build results.
    friend struct detail::odds_engine;
    round_odds() = default;

    money to_money(const fraction& major, rounding mode) const;

    odds_method method_ = odds_method::exact;
    std::size_t milestone_count_ = 0;
    std::size_t uncertain_count_ = 0;
    std::uint64_t outcome_count_ = 0;
    std::optional<std::uint64_t> seed_;
    fundround::currency currency_;
    fraction expected_raised_;
    fraction expected_post_money_;
    fraction new_investors_;
    std::vector<raised_outcome> distribution_;
    std::vector<investor_odds> investors_;
    std::optional<fraction> variance_of_mean_;
};

/// Applies @p odds to @p round: exact enumeration when at most max_exact_milestones milestones
/// are uncertain, otherwise a Monte Carlo run with @p monte_carlo's sample count and seed.
/// Throws validation_error listing every problem with the odds (see milestone_odds::validate()).
inline round_odds evaluate_odds(const funding_round& round, const milestone_odds& odds,
                         const monte_carlo_options& monte_carlo = {});
/// Exact enumeration of all 2^k outcomes of the k uncertain milestones; throws
/// invalid_argument_error if k exceeds max_exact_milestones, validation_error for bad odds.
inline round_odds enumerate_odds(const funding_round& round, const milestone_odds& odds);
/// A seeded, reproducible Monte Carlo run (same seed, same results on every compiler). Each
/// sample draws the uncertain milestones in name order, each exactly with its probability
/// (whose denominator must be below 2^64). Throws validation_error for bad odds or options.
inline round_odds simulate_odds(const funding_round& round, const milestone_odds& odds,
                         const monte_carlo_options& options);

// ---------------------------------------------------------------------------------------------
// Implementation

namespace detail {

/// "odds[\"name\"]" for diagnostics.
inline std::string odds_field(const std::string& name) {
    return "odds[\"" + name + "\"]";
}

/// The sorted names of every milestone the round's schedule entries use.
inline std::vector<std::string> round_milestones(const funding_round& round) {
    std::set<std::string> names;
    std::unordered_map<const void*, bool> seen;
    for (const auto* list : {&round.schedule().dated(), &round.schedule().undated()}) {
        for (const disbursement& d : *list) {
            if (!seen.emplace(d.when.identity(), true).second) continue;
            for (auto& n : d.when.milestones()) names.insert(std::move(n));
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
            out.push_back({detail::odds_field(name) + ".probability", chance.probability.to_string(),
                           "must be between 0 and 1 inclusive"});
        }
        if (chance.achieved_on && !chance.achieved_on->ok()) {
            out.push_back({detail::odds_field(name) + ".achieved_on", to_string(*chance.achieved_on),
                           "is not a valid calendar date"});
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

inline money round_odds::to_money(const fraction& major, rounding mode) const {
    const detail::big_int units = detail::divide_rounded(
        detail::to_big(major.numerator()) * money::units_per_major, detail::to_big(major.denominator()), mode);
    if (units > detail::int64_max || units < detail::int64_min) {
        detail::throw_overflow("rounding an expectation to money");
    }
    return money::from_units(units.template convert_to<std::int64_t>(), currency_);
}

inline std::optional<money> round_odds::standard_error(rounding mode) const {
    const std::optional<fraction>& variance = variance_of_mean_;
    if (!variance) return std::nullopt;
    using integer = detail::big_int;
    // In squared units (thousandths of a currency unit): x = variance * 1000^2.
    const integer num = detail::to_big(variance->numerator()) * (money::units_per_major * money::units_per_major);
    const integer den = detail::to_big(variance->denominator());
    integer q = boost::multiprecision::sqrt(integer(num / den));  // floor(sqrt(x))
    const bool exact = q * q * den == num;
    bool up = false;
    switch (mode) {
        case rounding::exact:
            if (!exact) {
                throw inexact_error("standard error: the square root of " +
                                    variance->to_string() +
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
            const integer lhs = 4 * num;
            const integer rhs = (4 * q * q + 4 * q + 1) * den;
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
    return money::from_units(q.template convert_to<std::int64_t>(), currency_);
}

namespace detail {

/// One distinct condition whose outcome varies with the uncertain milestones.
struct odds_group {
    condition when;  ///< The condition (one identity).
    std::int64_t amount = 0;       ///< Units paid when it is met, all investors together.
    /// (investor position, units) for each investor with money on this condition.
    std::vector<std::pair<std::size_t, std::int64_t>> by_investor;
    /// Positions of its uncertain milestones (its row bits).
    std::vector<std::size_t> bits;
    /// Paid (1) or not per row; empty: evaluate directly.
    std::vector<std::uint8_t> table;
};

/// A round reduced to what the outcome walk needs.
struct odds_model {
    fundround::currency currency;
    std::int64_t pre_units = 0;
    std::vector<std::string> investors;  ///< Names, round order.
    std::vector<std::int64_t> certain;   ///< Units each investor pays in every outcome.
    std::int64_t certain_total = 0;
    std::vector<odds_group> groups;               ///< Conditions whose outcome varies.
    std::vector<std::string> names;       ///< Uncertain milestones, name order.
    std::vector<fraction> probabilities;  ///< Their probabilities.
    std::vector<calendar_date> dates;     ///< The days they are achieved on.
    /// Fixed milestones applied.
    world_state base{calendar_date{date::year::max() / 12 / 31}};
    std::size_t milestone_count = 0;

    /// True if group @p g pays when the uncertain milestones are @p achieved (by position).
    bool evaluate_directly(const odds_group& g,
                           const std::vector<std::uint8_t>& achieved) const {
        world_state w = base;
        for (const std::size_t b : g.bits) {
            if (achieved[b] != 0) w.achieve(names[b], dates[b]);
        }
        return g.when.evaluate(w).is_met();
    }
};

/// Tallies of the outcome walk, by amount raised: total weight, and weight per paying group.
template <class Weight>
struct odds_tally {
    explicit odds_tally(std::size_t groups) : group_count(groups) {}

    void add(std::int64_t raised_units, const Weight& w, const std::uint32_t* paying,
             std::size_t count) {
        const auto found = slot_of.try_emplace(raised_units, static_cast<std::uint32_t>(raised.size()));
        if (found.second) {
            if ((raised.size() + 1) * (group_count + 1) > max_tallies) too_many(raised.size() + 1);
            raised.push_back(raised_units);
            weight.emplace_back(0U);
            group_weight.resize(group_weight.size() + group_count, Weight(0U));
        }
        const std::size_t s = found.first->second;
        weight[s] += w;
        Weight* gw = group_weight.data() + s * group_count;
        for (std::size_t i = 0; i < count; ++i) gw[paying[i]] += w;
    }

    /// Tallies kept in memory at most (distinct amounts raised x (conditions + 1)).
    static constexpr std::size_t max_tallies = std::size_t{1} << 24;

    [[noreturn]] FUNDROUND_COLD void too_many(std::size_t amounts) const {
        throw invalid_argument_error(
            "distinct amounts raised = " + std::to_string(amounts) + " with " +
            std::to_string(group_count) + " uncertain conditions: more than " +
            std::to_string(max_tallies) + " tallies (one per amount and condition); use round "
            "amounts, fewer conditions or fewer samples");
    }

    std::size_t group_count;
    std::unordered_map<std::int64_t, std::uint32_t> slot_of;
    std::vector<std::int64_t> raised;
    std::vector<Weight> weight;
    std::vector<Weight> group_weight;  // slot-major
};

/// A tally weight as a big integer.
inline detail::big_int to_integer(std::uint64_t v) {
    return detail::big_int(v);
}
/// A tally weight as a big integer.
inline detail::big_int to_integer(const uint128& v) {
    using integer = detail::big_int;
    integer hi(static_cast<std::uint64_t>(v >> 64));
    hi <<= 64;
    return hi + integer(static_cast<std::uint64_t>(v));
}
/// A tally weight as a big integer.
inline const detail::big_int& to_integer(const detail::big_int& v) { return v; }

/// The tallies on big integers, over a common denominator.
struct odds_sums {
    std::vector<std::int64_t> raised;
    std::vector<detail::big_int> weight;
    std::vector<detail::big_int> group_weight;  // slot-major
    detail::big_int denominator;
};

template <class Weight>
odds_sums to_sums(const odds_tally<Weight>& t, detail::big_int denominator) {
    odds_sums s;
    s.raised = t.raised;
    s.weight.reserve(t.weight.size());
    for (const auto& w : t.weight) s.weight.push_back(to_integer(w));
    s.group_weight.reserve(t.group_weight.size());
    for (const auto& w : t.group_weight) s.group_weight.push_back(to_integer(w));
    s.denominator = std::move(denominator);
    return s;
}

/// Converts a non-negative big integer below 2^128 to uint128.
inline uint128 to_uint128(const detail::big_int& v) {
    using integer = detail::big_int;
    const integer mask = (integer(1) << 64) - 1;
    uint128 r = static_cast<std::uint64_t>(integer(v >> 64).template convert_to<std::uint64_t>());
    r <<= 64;
    r |= static_cast<std::uint64_t>(integer(v & mask).template convert_to<std::uint64_t>());
    return r;
}

/// Walks all 2^k outcomes of the k uncertain milestones. An outcome's weight is the product of
/// p_j (achieved) or 1 - p_j (not) as integer numerators over the product of denominators; it
/// is split into a low-bits and a high-bits factor, and each group's truth-table row likewise.
template <class Weight>
odds_sums enumerate_outcomes(const odds_model& m,
                                   const std::vector<Weight>& achieved_factor,
                                   const std::vector<Weight>& missed_factor,
                                   detail::big_int denominator) {
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

    odds_tally<Weight> tally(g_count);
    rows paying(g_count);
    for (std::size_t hi = 0; hi < high_count; ++hi) {
        const std::uint32_t* high_part = high_row.data() + hi * g_count;
        for (std::size_t lo = 0; lo < low_count; ++lo) {
            const std::uint32_t* low_part = low_row.data() + lo * g_count;
            // Every amount is positive and their total fits (the round summed them checked),
            // so no partial sum can overflow.
            std::int64_t raised = m.certain_total;
            std::size_t n = 0;
            for (std::size_t g = 0; g < g_count; ++g) {
                const std::uint8_t paid = table[g][low_part[g] | high_part[g]];  // 0 or 1
                raised += amount[g] * paid;
                paying[n] = static_cast<std::uint32_t>(g);
                n += paid;
            }
            tally.add(raised, Weight(low_weight[lo] * high_weight[hi]), paying.data(), n);
        }
    }
    return to_sums(tally, std::move(denominator));
}

/// The steps of an evaluation: the model of a round, the walks over outcomes or samples, and
/// the results (a friend of round_odds, which only it builds). A class template (on an unused
/// parameter) so that its member bodies are instantiated only where an evaluation is called.
struct odds_engine {
    using model_type = odds_model;
    using sums_type = odds_sums;
    using integer = detail::big_int;

    static model_type model(const funding_round& round, const milestone_odds& odds,
                            std::size_t max_table_bits, bool exact);
    static round_odds finish(const model_type& m, const sums_type& s, odds_method method,
                             std::uint64_t outcome_count, std::optional<std::uint64_t> seed);
    static round_odds exact(const model_type& m);
    static round_odds monte_carlo(const model_type& m, const monte_carlo_options& options);
};

inline odds_model odds_engine::model(const funding_round& round, const milestone_odds& odds,
                                          std::size_t max_table_bits, bool exact) {
    std::vector<diagnostic> problems = odds.validate(round);
    if (!problems.empty()) {
        throw validation_error("milestone odds for round \"" + round.name() + "\"", std::move(problems));
    }
    model_type m;
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
    if (exact && m.names.size() > max_exact_milestones) {
        throw invalid_argument_error(
            "uncertain milestones = " + std::to_string(m.names.size()) +
            ": exact enumeration handles at most " + std::to_string(max_exact_milestones) + " (2^" +
            std::to_string(max_exact_milestones) + " outcomes); use simulate_odds() or evaluate_odds()");
    }

    // Group the schedule's entries by condition identity, and within a group by investor
    // (hashed, so a condition shared by many investors, like "at close", stays linear).
    std::unordered_map<const void*, std::size_t> group_of;
    // group * investors + investor
    std::unordered_map<std::uint64_t, std::size_t> share_of;
    const auto investor_count = static_cast<std::uint64_t>(m.investors.size());
    std::vector<odds_group> groups;
    std::int64_t magnitude = 0;  // every amount's magnitude, summed checked
    for (const auto* list : {&round.schedule().dated(), &round.schedule().undated()}) {
        for (const auto& d : *list) {
            const std::int64_t units = d.amount.units();
            magnitude = checked_add(magnitude, units < 0 ? checked_neg(units) : units);
            const auto found = group_of.try_emplace(d.when.identity(), groups.size());
            if (found.second) {
                groups.emplace_back();
                groups.back().when = d.when;
            }
            odds_group& g = groups[found.first->second];
            g.amount += units;
            const std::uint64_t key = found.first->second * investor_count + d.investor_index;
            const auto share = share_of.try_emplace(key, g.by_investor.size());
            if (share.second) {
                g.by_investor.emplace_back(d.investor_index, units);
            } else {
                g.by_investor[share.first->second].second += units;
            }
        }
    }
    checked_add(m.pre_units, magnitude);  // every post-money fits

    // Truth table of each condition over its own uncertain milestones; constant ones are folded.
    for (auto& g : groups) {
        for (const auto& name : g.when.milestones()) {
            const auto it = position.find(name);
            if (it != position.end()) g.bits.push_back(it->second);
        }
        if (g.bits.size() <= max_table_bits) {
            const std::size_t rows = std::size_t{1} << g.bits.size();
            g.table.resize(rows);
            std::size_t met = 0;
            for (std::size_t r = 0; r < rows; ++r) {
                world_state w = m.base;
                for (std::size_t b = 0; b < g.bits.size(); ++b) {
                    if (((r >> b) & 1U) != 0) w.achieve(m.names[g.bits[b]], m.dates[g.bits[b]]);
                }
                g.table[r] = g.when.evaluate(w).is_met() ? 1 : 0;
                met += g.table[r];
            }
            if (met == 0) continue;  // never pays
            if (met == rows) {       // pays in every outcome
                for (const auto& [inv, units] : g.by_investor) m.certain[inv] += units;
                m.certain_total += g.amount;
                continue;
            }
        }
        m.groups.push_back(std::move(g));
    }
    return m;
}

inline round_odds odds_engine::finish(const model_type& m, const sums_type& s, odds_method method,
                                      std::uint64_t outcome_count, std::optional<std::uint64_t> seed) {
    const integer& den = s.denominator;
    const std::size_t slots = s.raised.size();
    const std::size_t g_count = m.groups.size();
    const integer per_major(money::units_per_major);

    round_odds r;
    r.method_ = method;
    r.milestone_count_ = m.milestone_count;
    r.uncertain_count_ = m.names.size();
    r.outcome_count_ = outcome_count;
    r.seed_ = seed;
    r.currency_ = m.currency;

    std::vector<std::size_t> order(slots);
    for (std::size_t i = 0; i < slots; ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return s.raised[a] < s.raised[b]; });

    // Distribution and the sums over slots, with L = lcm of all post-money values (in units).
    integer sum_raised = 0;  // sum of weight * raised
    integer sum_squares = 0; // sum of weight * raised^2 (Monte Carlo)
    integer lcm_post = 1;
    for (const std::size_t i : order) {
        const integer x(s.raised[i]);
        sum_raised += s.weight[i] * x;
        if (method == odds_method::monte_carlo) sum_squares += s.weight[i] * x * x;
        const integer post(m.pre_units + s.raised[i]);
        lcm_post = lcm_post / boost::multiprecision::gcd(lcm_post, post) * post;
        r.distribution_.push_back({money::from_units(s.raised[i], m.currency),
                                   money::from_units(m.pre_units + s.raised[i], m.currency),
                                   to_fraction(s.weight[i], den, "odds: probability")});
    }
    // E[raised/post] and, per group, sum of weight * L / post over the slots where it pays.
    integer new_investors = 0;
    integer certain_scaled = 0;  // sum of weight * L / post
    std::vector<detail::big_int> group_scaled(g_count);
    std::vector<detail::big_int> group_total(g_count);
    for (std::size_t i = 0; i < slots; ++i) {
        const integer scale = lcm_post / integer(m.pre_units + s.raised[i]);
        const integer ws = s.weight[i] * scale;
        certain_scaled += ws;
        new_investors += ws * s.raised[i];
        for (std::size_t g = 0; g < g_count; ++g) {
            const integer& gw = s.group_weight[i * g_count + g];
            if (gw == 0) continue;
            group_total[g] += gw;
            group_scaled[g] += gw * scale;
        }
    }
    r.expected_raised_ = to_fraction(sum_raised, den * per_major, "odds: expected raised");
    r.expected_post_money_ = fraction(m.pre_units, money::units_per_major) + r.expected_raised_;
    r.new_investors_ = to_fraction(new_investors, den * lcm_post, "odds: new investors' share");

    std::vector<detail::big_int> amount(m.investors.size());
    std::vector<detail::big_int> owned(m.investors.size());
    for (std::size_t i = 0; i < m.investors.size(); ++i) {
        amount[i] = integer(m.certain[i]) * den;
        owned[i] = integer(m.certain[i]) * certain_scaled;
    }
    for (std::size_t g = 0; g < g_count; ++g) {
        for (const auto& [inv, units] : m.groups[g].by_investor) {
            amount[inv] += integer(units) * group_total[g];
            owned[inv] += integer(units) * group_scaled[g];
        }
    }
    for (std::size_t i = 0; i < m.investors.size(); ++i) {
        r.investors_.push_back({m.investors[i], to_fraction(amount[i], den * per_major, "odds: expected amount"),
                                to_fraction(owned[i], den * lcm_post, "odds: expected ownership")});
    }

    if (method == odds_method::monte_carlo) {
        // Variance of the mean: (n * S2 - S1^2) / (n^2 * (n - 1)); S1, S2 are in units, the
        // result in squared currency units.
        const integer n(outcome_count);
        r.variance_of_mean_ = to_fraction(n * sum_squares - sum_raised * sum_raised,
                                       n * n * (n - 1) * per_major * per_major, "odds: variance");
    }
    return r;
}

inline round_odds odds_engine::exact(const model_type& m) {
    const std::size_t k = m.names.size();
    integer den = 1;
    for (const auto& p : m.probabilities) den *= to_big(p.denominator());
    const std::uint64_t outcomes = std::uint64_t{1} << k;
    if (boost::multiprecision::msb(den) < 128) {  // weights and their sums fit 128 bits
        std::vector<uint128> achieved, missed;
        for (const auto& p : m.probabilities) {
            achieved.push_back(static_cast<uint128>(p.numerator()));
            missed.push_back(static_cast<uint128>(p.denominator() - p.numerator()));
        }
        return finish(m, enumerate_outcomes<uint128>(m, achieved, missed, den), odds_method::exact,
                      outcomes, std::nullopt);
    }
    std::vector<detail::big_int> achieved, missed;
    for (const auto& p : m.probabilities) {
        achieved.push_back(to_big(p.numerator()));
        missed.push_back(to_big(p.denominator() - p.numerator()));
    }
    return finish(m, enumerate_outcomes<detail::big_int>(m, achieved, missed, den),
                  odds_method::exact, outcomes, std::nullopt);
}

inline round_odds odds_engine::monte_carlo(const model_type& m, const monte_carlo_options& options) {
    const std::size_t k = m.names.size();
    std::vector<diagnostic> problems;
    if (options.samples < 2) {
        problems.push_back({"monte_carlo.samples", std::to_string(options.samples),
                            "must be at least 2 (a standard error needs two samples)"});
    }
    std::vector<std::uint64_t> num(k), den(k);
    const integer limit = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t j = 0; j < k; ++j) {
        const auto& p = m.probabilities[j];
        if (to_big(p.denominator()) > limit) {
            problems.push_back({odds_field(m.names[j]) + ".probability", p.to_string(),
                                "Monte Carlo draws need a denominator below 2^64"});
            continue;
        }
        num[j] = static_cast<std::uint64_t>(p.numerator());
        den[j] = static_cast<std::uint64_t>(p.denominator());
    }
    if (!problems.empty()) throw validation_error("Monte Carlo run", std::move(problems));

    xoshiro256 generator(options.seed);
    const std::size_t g_count = m.groups.size();
    odds_tally<std::uint64_t> tally(g_count);
    std::vector<std::uint8_t> achieved(k);
    std::vector<std::uint32_t> paying(g_count);
    for (std::uint64_t sample = 0; sample < options.samples; ++sample) {
        for (std::size_t j = 0; j < k; ++j) achieved[j] = generator.bernoulli(num[j], den[j]) ? 1 : 0;
        std::int64_t raised = m.certain_total;
        std::size_t n = 0;
        for (std::size_t g = 0; g < g_count; ++g) {
            const odds_group& group = m.groups[g];
            bool paid = false;
            if (group.table.empty()) {
                paid = m.evaluate_directly(group, achieved);
            } else {
                std::size_t row = 0;
                for (std::size_t b = 0; b < group.bits.size(); ++b) {
                    row |= static_cast<std::size_t>(achieved[group.bits[b]]) << b;
                }
                paid = group.table[row] != 0;
            }
            raised += paid ? group.amount : 0;
            paying[n] = static_cast<std::uint32_t>(g);
            n += paid ? 1U : 0U;
        }
        tally.add(raised, 1U, paying.data(), n);
    }
    return finish(m, to_sums(tally, integer(options.samples)), odds_method::monte_carlo,
                  options.samples, options.seed);
}

}  // namespace detail

inline round_odds enumerate_odds(const funding_round& round, const milestone_odds& odds) {
    using engine = detail::odds_engine;
    return engine::exact(engine::model(round, odds, max_exact_milestones, true));
}

inline round_odds simulate_odds(const funding_round& round, const milestone_odds& odds,
                         const monte_carlo_options& options) {
    using engine = detail::odds_engine;
    return engine::monte_carlo(engine::model(round, odds, 16, false), options);
}

inline round_odds evaluate_odds(const funding_round& round, const milestone_odds& odds,
                         const monte_carlo_options& monte_carlo) {
    std::size_t uncertain = 0;
    for (const auto& entry : odds.chances()) {
        const auto& p = entry.second.probability;
        if (p.sign() > 0 && p < fraction(1)) ++uncertain;
    }
    if (uncertain <= max_exact_milestones) return enumerate_odds(round, odds);
    return simulate_odds(round, odds, monte_carlo);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_ANALYSIS_ODDS_HPP
