/// @file deal/round_builder.hpp
/// @brief A builder that reads like the deal and validates everything at once.
#ifndef FUNDROUND_DEAL_ROUND_BUILDER_HPP
#define FUNDROUND_DEAL_ROUND_BUILDER_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/error.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/valuation.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The outcome of round_builder::try_build(): a round, or every problem found.
struct build_result {
    std::optional<funding_round> round;  ///< The round, when there were no problems.
    std::vector<diagnostic> problems;    ///< Every problem found (empty on success).

    /// True if the round was built.
    bool ok() const noexcept { return round.has_value(); }
    /// True if the round was built.
    explicit operator bool() const noexcept { return ok(); }
};

/// Builds a funding_round step by step, the way the deal is described:
///
///     funding_round r = round_builder("Series X")
///         .pre_money(730_B).close_date(date::year{2026} / 2 / 27)
///         .invest(investor::strategic("Amazon"), 50_B,
///                 {tranche::at_close(15_B), tranche::when(35_B, milestone("conditions"))})
///         .invest(investor::strategic("Nvidia"), 30_B)
///         .build();
///
/// build() validates and throws one validation_error listing every problem; try_build() returns
/// them instead. Setters never throw.
class round_builder {
public:

    /// A builder for a round called @p name, in US dollars.
    explicit round_builder(std::string name = {}) : name_(std::move(name)) {}

    /// Sets the round's name.
    round_builder& name(std::string n) { name_ = std::move(n); return *this; }
    /// Sets the round's currency (default USD); every amount must be in it.
    round_builder& currency(fundround::currency c) { currency_ = c; return *this; }
    /// Sets the pre-money valuation (required).
    round_builder& pre_money(money m) { pre_money_ = m; return *this; }
    /// Sets the fully diluted share count before the round (fixes the price per share).
    round_builder& pre_money_shares(share_count s) { shares_ = s; return *this; }
    /// Sets the previous valuation mark and what it was ("October 2025 secondary").
    round_builder& prior_mark(money m, std::string label = {}) {
        prior_mark_ = m;
        prior_mark_label_ = std::move(label);
        return *this;
    }
    /// Sets the previous round's amount and what it was ("2025 round").
    round_builder& prior_round(money m, std::string label = {}) {
        prior_round_ = m;
        prior_round_label_ = std::move(label);
        return *this;
    }
    /// Sets the close date (required: pick one and say so if the deal does not give it).
    round_builder& close_date(calendar_date d) { close_date_ = d; return *this; }

    /// @p who commits @p amount, all funded at close.
    round_builder& invest(investor who, money amount) {
        entries_.push_back({std::move(who), {tranche::at_close(amount)}, std::nullopt, true});
        return *this;
    }
    /// @p who commits the sum of @p tranches.
    round_builder& invest(investor who, std::vector<tranche> tranches) {
        entries_.push_back({std::move(who), std::move(tranches), std::nullopt, false});
        return *this;
    }
    /// @p who commits the sum of @p tranches (a braced list; `{}` is reported by build()).
    round_builder& invest(investor who, std::initializer_list<tranche> tranches) {
        return invest(std::move(who), std::vector<tranche>(tranches));
    }
    /// @p who commits @p commitment, paid as @p tranches, which must sum to it exactly.
    round_builder& invest(investor who, money commitment, std::vector<tranche> tranches) {
        entries_.push_back({std::move(who), std::move(tranches), commitment, false});
        return *this;
    }

    /// Every problem that build() would report (empty if the round is valid).
    std::vector<diagnostic> validate() const { return try_build().problems; }
    /// The round, or every problem found; never throws for bad input.
    build_result try_build() const;
    /// The round; throws validation_error listing every problem.
    funding_round build() const {
        build_result r = try_build();
        if (!r.ok()) throw validation_error("round \"" + name_ + "\" is invalid", std::move(r.problems));
        return std::move(*r.round);
    }

private:
    struct entry {
        investor who;
        std::vector<tranche> tranches;
        std::optional<money> stated;
        bool single = false;  // invest(who, amount): problems are reported as ".commitment"
    };
    struct placement {
        funding_status status;
        std::optional<calendar_date> date;
        // A tranche with a fallback is scheduled as two parts: the excess (status/date above)
        // and the fallback, paid when the condition is settled either way (below).
        bool split = false;
        funding_status fallback_status = funding_status::at_close;
        std::optional<calendar_date> fallback_date;
    };
    static placement placed(funding_status status,
                            std::optional<calendar_date> date) {
        placement p;
        p.status = status;
        p.date = date;
        return p;
    }
    // What a milestone-dependent condition can do, over the outcomes of its milestones.
    struct outcomes {
        bool some_met = false;  // met in at least one outcome
        bool all_met = true;    // met in every outcome: certain, only its date is unknown
        std::optional<calendar_date> latest_since;  // latest day it is met by, when all_met
    };
    using outcome_cache = std::unordered_map<const void*, outcomes>;


    void check_amount(std::vector<diagnostic>& out, const std::string& field, money m) const {
        if (m.currency() != currency_) {
            out.push_back({field, format_full(m),
                           "must be in " + to_string(currency_) + ", the round's currency"});
        } else if (!m.is_positive()) {
            out.push_back({field, format_full(m), "must be positive"});
        }
    }

    static std::string investor_path(std::size_t i, const investor& who) {
        std::string path = "investors[" + std::to_string(i) + "]";
        if (!who.name().empty()) path += " \"" + who.name() + "\"";
        return path;
    }

    void check_round(std::vector<diagnostic>& out) const {
        if (!pre_money_) {
            out.push_back({"pre_money", "", "is required"});
        } else {
            check_amount(out, "pre_money", *pre_money_);
        }
        if (shares_ && shares_->value() <= 0) {
            out.push_back({"pre_money_shares", std::to_string(shares_->value()), "must be positive"});
        }
        if (!close_date_) {
            out.push_back({"close_date", "", "is required (pick one and label it as an assumption)"});
        } else if (!close_date_->ok()) {
            out.push_back({"close_date", to_string(*close_date_), "is not a valid calendar date"});
        }
        if (prior_mark_) check_amount(out, "prior_mark", *prior_mark_);
        if (prior_round_) check_amount(out, "prior_round", *prior_round_);
        if (entries_.empty()) out.push_back({"investors", "", "at least one investor is required"});
    }

    // Validates one commitment; returns its total when it can be computed.
    std::optional<money> check_entry(
        std::vector<diagnostic>& out, std::size_t i,
        std::unordered_map<std::string, std::size_t>& seen,
        const std::optional<world_state>& at_close, const world_state& end_of_time,
        std::vector<placement>& placements, outcome_cache& outcomes_of) const {
        const entry& e = entries_[i];
        const std::string path = investor_path(i, e.who);
        if (e.who.name().empty()) {
            out.push_back({path + ".name", "", "must not be empty"});
        } else {
            const auto [it, fresh] = seen.emplace(e.who.name(), i);
            if (!fresh) {
                out.push_back({path + ".name", e.who.name(),
                               "duplicates investors[" + std::to_string(it->second) +
                                   "]; combine their tranches under one investor"});
            }
        }
        if (e.tranches.empty()) out.push_back({path + ".tranches", "", "at least one tranche is required"});
        bool summable = true;
        money total = money::zero(currency_);
        for (std::size_t k = 0; k < e.tranches.size(); ++k) {
            const tranche& t = e.tranches[k];
            // The path is formatted only for a tranche with something to report: formatting it
            // for every tranche was the largest constant cost of build().
            const auto tpath = [&] {
                return e.single ? path + ".commitment" : path + ".tranches[" + std::to_string(k) + "]";
            };
            std::vector<diagnostic> own = t.validate(std::string());
            if (!own.empty()) own = t.validate(tpath());
            if (t.amount().currency() != currency_) {
                own.insert(own.begin(), {e.single ? tpath() : tpath() + ".amount", format_full(t.amount()),
                                         "must be in " + to_string(currency_) + ", the round's currency"});
                summable = false;
            }
            if (close_date_ && close_date_->ok() && t.expected_date() && t.expected_date()->ok() &&
                *t.expected_date() < *close_date_) {
                own.push_back({tpath() + ".expected_date", to_string(*t.expected_date()),
                               "must not be before the close date " + to_string(*close_date_)});
            } else if (at_close && (!t.expected_date() || t.expected_date()->ok())) {
                // Placement problems (a condition that can never be met, an expected date before the
                // condition is met) are reported with every other problem, not only when there is none.
                if (has_valid_fallback(t)) {
                    placements.push_back(place_with_fallback(t, *close_date_, *at_close, end_of_time,
                                                             tpath, own, outcomes_of));
                } else {
                    placements.push_back(
                        place(t, *close_date_, *at_close, end_of_time, tpath, own, outcomes_of));
                }
            }
            if (e.single) {  // the user wrote one amount, not a tranche: name it that way
                const std::string amount_field = tpath() + ".amount";
                for (auto& d : own) {
                    if (d.field == amount_field) d.field = tpath();
                }
            }
            out.insert(out.end(), own.begin(), own.end());
            if (summable) {
                try {
                    total += t.amount();
                } catch (const overflow_error&) {
                    out.push_back({path + ".tranches", "", "the tranches' sum overflows the amount range"});
                    summable = false;
                }
            }
        }
        if (!summable) return std::nullopt;
        if (e.stated) {
            if (e.stated->currency() != currency_) {
                check_amount(out, path + ".commitment", *e.stated);
            } else if (*e.stated != total) {
                out.push_back({path + ".commitment", format_full(*e.stated),
                               "the tranches sum to " + format_full(total) +
                                   "; they must sum exactly to the stated commitment"});
            }
        }
        return total;
    }

    template <class PathFn>
    static placement place(const tranche& t, calendar_date close, const world_state& at_close,
                           const world_state& end_of_time, const PathFn& path,
                           std::vector<diagnostic>& out, outcome_cache& outcomes_of) {
        const condition& c = t.condition();
        const condition_status s = c.evaluate(at_close);
        if (s.is_met() && (!t.expected_date() || *t.expected_date() <= close)) {
            return placed(funding_status::at_close, close);
        }
        std::optional<calendar_date> met_by;
        if (c.depends_on_milestone()) {
            // enumerate_outcomes() may try thousands of outcomes: once per shared condition.
            auto [it, fresh] = outcomes_of.try_emplace(c.identity());
            if (fresh) it->second = enumerate_outcomes(c, close, end_of_time);
            const outcomes& o = it->second;
            if (!o.some_met) out.push_back({path() + ".condition", c.to_string(), "can never be met"});
            if (!o.some_met || !o.all_met) {
                return placed(funding_status::conditional, t.expected_date());
            }
            met_by = o.latest_since;  // certain whatever the milestones do: scheduled
        } else {
            const condition_status e = c.evaluate(end_of_time);
            if (!e.is_met()) {
                out.push_back({path() + ".condition", c.to_string(), "can never be met"});
                return placed(funding_status::scheduled, std::nullopt);
            }
            met_by = e.since;
        }
        calendar_date due = close;
        if (met_by && *met_by > due) due = *met_by;
        if (t.expected_date()) {
            if (*t.expected_date() < due) {
                out.push_back({path() + ".expected_date", to_string(*t.expected_date()),
                               "must not be before the condition is met on " + to_string(due)});
            }
            due = *t.expected_date();
        }
        return placed(funding_status::scheduled, due);
    }

    static bool has_valid_fallback(const tranche& t) {
        const std::optional<money> fallback = t.fallback();
        return fallback && fallback->currency() == t.amount().currency() && fallback->is_positive() &&
               *fallback < t.amount();
    }

    // The fallback part is paid once the condition is met or lapses, whichever comes first.
    static condition settled(const condition& c) {
        const condition& d = c;
        return d || !d;
    }

    // Places both parts of a tranche with a valid fallback: the excess under the tranche's own
    // condition and expected date, the fallback when the condition is settled.
    template <class PathFn>
    static placement place_with_fallback(const tranche& t, calendar_date close, const world_state& at_close,
                                         const world_state& end_of_time, const PathFn& path,
                                         std::vector<diagnostic>& out, outcome_cache& outcomes_of) {
        const condition& c = t.condition();
        placement p = place(tranche(t.excess(), c, t.expected_date()), close, at_close, end_of_time,
                            path, out, outcomes_of);
        // The derived conditions are temporaries: their identities must not enter the shared
        // cache (a later temporary could reuse the address), so they get a cache of their own.
        outcome_cache local;
        std::vector<diagnostic> lapse_problems;
        place(tranche(*t.fallback(), !c), close, at_close, end_of_time, path, lapse_problems, local);
        if (!lapse_problems.empty()) {
            out.push_back({path() + ".fallback", format_full(*t.fallback()),
                           "is never paid: the condition " + c.to_string() + " can never lapse" +
                               (c.deadline() ? "" : " (give it a long-stop date)")});
        }
        std::vector<diagnostic> ignored;  // the excess part reports the condition's own problems
        const condition either = settled(c);
        local.clear();
        const placement f =
            place(tranche(*t.fallback(), either), close, at_close, end_of_time, path, ignored, local);
        p.split = true;
        p.fallback_status = f.status;
        p.fallback_date = f.date;
        return p;
    }

    // The day after each long-stop on or after @p close: the days on which an outcome can change.
    template <class Days>
    static void collect_lapse_days(const condition& c, calendar_date close, Days& days) {
        if (c.kind() == condition_kind::long_stop && *c.date() >= close) days.push_back(next_day(*c.date()));
        for (const auto& p : c.parts()) collect_lapse_days(p, close, days);
    }

    // Tries each milestone achieved, failed or never settled, on the close date or the day after
    // a long-stop (the only days the rules compare against), judged at the end of time. Too many
    // combinations (over 4096) count as "can be met, not certain".
    static outcomes enumerate_outcomes(const condition& c, calendar_date close,
                                       const world_state& end_of_time) {
        const std::vector<std::string> names = c.milestones();
        outcomes result;
        {  // Fast path for the common case: met if achieved, not met if never settled.
            world_state achieved = end_of_time;
            for (const auto& name : names) achieved.achieve(name, close);
            if (c.evaluate(achieved).is_met() && !c.evaluate(end_of_time).is_met()) {
                result.some_met = true;
                result.all_met = false;
                return result;
            }
        }
        std::vector<calendar_date> days{close};
        collect_lapse_days(c, close, days);
        const std::size_t options = 2 * days.size() + 1;
        std::size_t combinations = 1;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (combinations > 4096 / options) return {true, false, std::nullopt};
            combinations *= options;
        }
        for (std::size_t n = 0; n < combinations; ++n) {
            world_state w = end_of_time;
            std::size_t code = n;
            for (const auto& name : names) {
                const std::size_t o = code % options;
                code /= options;
                if (o == 0) continue;  // never settled
                const calendar_date day = days[(o - 1) / 2];
                if ((o - 1) % 2 == 0) {
                    w.achieve(name, day);
                } else {
                    w.fail(name, day);
                }
            }
            const condition_status st = c.evaluate(w);
            if (st.is_met()) {
                result.some_met = true;
                if (st.since && (!result.latest_since || *result.latest_since < *st.since)) {
                    result.latest_since = st.since;
                }
            } else {
                result.all_met = false;
            }
        }
        return result;
    }

    std::string name_;
    fundround::currency currency_;
    std::optional<money> pre_money_;
    std::optional<share_count> shares_;
    std::optional<money> prior_mark_;
    std::string prior_mark_label_;
    std::optional<money> prior_round_;
    std::string prior_round_label_;
    std::optional<calendar_date> close_date_;
    std::vector<entry> entries_;
};

inline build_result round_builder::try_build() const {
    build_result result;
    std::vector<diagnostic>& out = result.problems;
    check_round(out);
    std::unordered_map<std::string, std::size_t> seen;
    seen.reserve(entries_.size());
    std::vector<money> totals;
    totals.reserve(entries_.size());
    std::optional<world_state> at_close;
    if (close_date_ && close_date_->ok()) at_close.emplace(*close_date_);
    const world_state end_of_time(date::year{9999} / 12 / 31);
    std::vector<std::vector<placement>> placements(entries_.size());
    outcome_cache outcomes_of;
    bool summable = true;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        placements[i].reserve(entries_[i].tranches.size());
        auto total = check_entry(out, i, seen, at_close, end_of_time, placements[i], outcomes_of);
        if (total) {
            totals.push_back(*total);
        } else {
            summable = false;
        }
    }
    // The round's total and post-money must fit the amount range: checked here so an overflow
    // is reported together with every other problem.
    if (summable && pre_money_ && pre_money_->currency() == currency_) {
        try {
            money post = *pre_money_;
            for (const money& t : totals) post += t;
        } catch (const overflow_error&) {
            out.push_back({"investors", "", "the round's total or post-money overflows the amount range"});
        }
    }
    if (!out.empty()) return result;

    funding_round r;
    r.name_ = name_;
    r.currency_ = currency_;
    r.close_date_ = *close_date_;
    r.valuation_ = shares_ ? valuation(*pre_money_, *shares_) : valuation(*pre_money_);
    r.prior_mark_ = prior_mark_;
    r.prior_mark_label_ = prior_mark_label_;
    r.prior_round_ = prior_round_;
    r.prior_round_label_ = prior_round_label_;
    r.raised_ = r.at_close_ = r.scheduled_ = r.conditional_ = money::zero(currency_);

    std::vector<disbursement> dated;
    std::vector<disbursement> undated;
    std::size_t tranche_count = 0;
    for (const auto& e : entries_) tranche_count += e.tranches.size();
    dated.reserve(tranche_count);
    r.commitments_.reserve(entries_.size());
    r.index_.reserve(entries_.size());
    // No overflow is possible below: every amount is positive and the pre-check above proved that
    // pre-money plus all commitments fits, so every partial sum fits too (checked arithmetic
    // would still throw rather than wrap).
    {
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            const entry& e = entries_[i];
            commitment c{e.who, e.tranches, totals[i], money::zero(currency_),
                         money::zero(currency_), money::zero(currency_)};
            const auto add = [&](commitment& into, funding_status status, money amount) {
                switch (status) {
                    case funding_status::at_close: into.at_close += amount; break;
                    case funding_status::scheduled: into.scheduled += amount; break;
                    case funding_status::conditional: into.conditional += amount; break;
                }
            };
            for (std::size_t k = 0; k < e.tranches.size(); ++k) {
                const tranche& t = e.tranches[k];
                const placement& p = placements[i][k];
                if (p.split) {
                    add(c, p.fallback_status, *t.fallback());
                    disbursement f{p.fallback_date, e.who.name(), i, k, *t.fallback(), settled(t.condition()),
                                   p.fallback_status, money::zero(currency_), tranche_part::fallback};
                    (p.fallback_date ? dated : undated).push_back(std::move(f));
                }
                const money amount = p.split ? t.excess() : t.amount();
                add(c, p.status, amount);
                disbursement d{p.date, e.who.name(), i, k, amount, t.condition(), p.status,
                               money::zero(currency_), p.split ? tranche_part::excess : tranche_part::whole};
                (p.date ? dated : undated).push_back(std::move(d));
            }
            r.raised_ += c.total;
            r.at_close_ += c.at_close;
            r.scheduled_ += c.scheduled;
            r.conditional_ += c.conditional;
            r.index_.emplace(e.who.name(), i);
            r.commitments_.push_back(std::move(c));
        }
        r.post_money_ = r.valuation_.post_money(r.raised_);
        r.post_money_at_close_ = r.valuation_.post_money(r.at_close_);
    }
    r.schedule_ = disbursement_schedule(std::move(dated), std::move(undated), currency_);
    result.round = std::move(r);
    return result;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_ROUND_BUILDER_HPP
