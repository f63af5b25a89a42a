/// @file time/timeline.hpp
/// @brief As-of views of a round: funded, committed, conditional and lapsed money on any date.
#ifndef FUNDROUND_TIME_TIMELINE_HPP
#define FUNDROUND_TIME_TIMELINE_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/classify.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/schedule.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Where a round's money (or one investor's) stands on one date. The four parts always add up
/// to the committed total: funded + committed + conditional + lapsed == total().
struct round_position {
    calendar_date as_of;  ///< The date looked at.
    money funded;         ///< Paid on or before the date.
    money committed;      ///< Certain (met, or met whatever milestones do) but not yet paid.
    money conditional;    ///< Still waiting on a milestone that may never come.
    money lapsed;         ///< Lost: its condition lapsed on or before the date.
    money post_money;     ///< The round's pre-money + everything funded by the date.

    /// funded + committed + conditional + lapsed: the committed total.
    [[nodiscard]] money total() const { return funded + committed + conditional + lapsed; }
};

namespace detail {

/// @p c with every milestone that @p world records as settled on or before @p d replaced by its
/// outcome: on_or_after(the day achieved), or a condition lapsed since the day it failed.
[[nodiscard]] inline condition settled_by(const condition& c, const world_state& world, calendar_date d) {
    switch (c.kind()) {
        case condition_kind::milestone: {
            const std::string& name = c.milestone_name();
            if (const auto on = world.achieved_on(name); on && *on <= d) return condition::on_or_after(*on);
            if (const auto on = world.failed_on(name); on && *on <= d) return !condition::on_or_after(*on);
            return c;
        }
        case condition_kind::all_of:
        case condition_kind::any_of: {
            std::vector<condition> parts;
            parts.reserve(c.parts().size());
            for (const condition& part : c.parts()) parts.push_back(settled_by(part, world, d));
            return c.kind() == condition_kind::all_of ? condition::all_of(std::move(parts))
                                                      : condition::any_of(std::move(parts));
        }
        case condition_kind::negation: return !settled_by(c.parts().front(), world, d);
        case condition_kind::long_stop: return settled_by(c.parts().front(), world, d).with_long_stop(*c.date());
        default: return c;
    }
}

/// True if @p world records a milestone of @p c as achieved or failed before @p close: a fact the
/// round's classification (every milestone settles on the close date or later) does not cover.
[[nodiscard]] inline bool settles_before(const condition& c, const world_state& world, calendar_date close) {
    for (const std::string& name : c.milestones()) {
        for (const std::optional<calendar_date> on : {world.achieved_on(name), world.failed_on(name)}) {
            if (on && *on < close) return true;
        }
    }
    return false;
}

/// Appends to @p out the long-stop dates of @p c.
inline void long_stop_dates(const condition& c, std::vector<calendar_date>& out) {
    if (c.kind() == condition_kind::long_stop) out.push_back(*c.date());
    for (const condition& part : c.parts()) long_stop_dates(part, out);
}

/// False if @p c can be certain only once met: without milestones, or a milestone alone, with or
/// without a long-stop (the common cases: nothing to try, no tree to rebuild).
[[nodiscard]] inline bool may_be_certain_before_met(const condition& c) {
    if (!c.depends_on_milestone()) return false;
    const condition& core = c.kind() == condition_kind::long_stop ? c.parts().front() : c;
    return core.kind() != condition_kind::milestone;
}

/// The first day from @p from (the close) to the day before @p met on which @p c, met since
/// @p met in @p world, is already certain to be met by @p by whatever its milestones not yet
/// settled do; empty if none. Certainty can only begin on the close, a day one of its
/// milestones settles or a long-stop date (its last day passes): only those days are tried.
[[nodiscard]] inline std::optional<calendar_date> certain_before(const condition& c, const world_state& world,
                                                                 calendar_date from, calendar_date met,
                                                                 calendar_date by) {
    if (!(from < met) || !may_be_certain_before_met(c)) return std::nullopt;
    std::vector<calendar_date> tried{from};
    for (const std::string& name : c.milestones()) {
        for (const std::optional<calendar_date> on : {world.achieved_on(name), world.failed_on(name)}) {
            if (on && from < *on && *on < met) tried.push_back(*on);
        }
    }
    std::vector<calendar_date> stops;
    long_stop_dates(c, stops);
    for (const calendar_date d : stops) {
        if (from < d && d < met) tried.push_back(d);
    }
    std::sort(tried.begin(), tried.end());
    for (const calendar_date d : tried) {
        // Facts up to d are known: what is still open settles from the next day on.
        if (classify_condition(settled_by(c, world, d), d + days{1}, std::max(by, d + days{1})).certain) return d;
    }
    return std::nullopt;
}

}  // namespace detail

/// One payment as it happens in a given world: who pays what, on which day.
struct payment {
    calendar_date date;                       ///< The day the money is paid.
    std::string investor;                     ///< The investor's name.
    std::size_t investor_index = 0;           ///< Position of the investor in the round.
    std::size_t tranche_index = 0;            ///< Position of the tranche in the investor's list.
    tranche_part part = tranche_part::whole;  ///< Which part of the tranche is paid.
    money amount;                             ///< The amount paid.
};

/// A round's money over time in one world: which tranches are paid when, and where every amount
/// stands on any date.
///
/// Rules, per schedule entry: money whose condition is met since day M is paid on the latest of
/// the close date, M and the tranche's expected date. A fallback tranche pays on its settlement
/// date S (the entry's date): its amount if the condition is met by S, its fallback otherwise;
/// until S the fallback counts as committed and the rest as conditional (committed from the day
/// the condition is met; lapsed from the day it lapses, or on S if it is still pending then). Until
/// then it counts as committed if it is certain (met, or scheduled whatever milestones do) and as
/// conditional otherwise; conditional money is committed from the first day the milestones settled
/// by then make it certain (`milestone("x") && on_or_after(d)` from the day x is achieved), not
/// only once met. Money whose condition lapses moves to lapsed on the first day of the lapse: a
/// long-stop date is inclusive, so a milestone achieved on the long-stop date still pays and the
/// money lapses the day after. Money whose condition never settles stays conditional for ever.
/// Certainty is judged with every fact the world records, also a milestone settled before the close
/// date: money the round schedules (certain if no milestone settles before the close) may then be
/// conditional.
///
/// Construction is O(n log n) in the number of schedule entries; every as-of query is O(log n)
/// (O(log n_i) for one investor). The timeline copies what it needs: it does not refer back to
/// the round.
class round_timeline {
public:
    /// The round as things stand at close: no milestone achieved or failed, so conditional money
    /// waits, and lapses at its long-stop date if it has one.
    explicit round_timeline(const funding_round& r) : round_timeline(r, world_state(r.close_date())) {}

    /// The round in the world @p facts: its recorded milestone achievements and failures count on
    /// their own dates (the world's as-of date is ignored).
    round_timeline(const funding_round& r, const world_state& facts);

    /// Where the whole round stands on @p d. O(log n).
    [[nodiscard]] round_position as_of(calendar_date d) const { return position(all_, d); }
    /// Where @p investor's commitment stands on @p d (post_money is the round's). O(log n_i);
    /// throws invalid_argument_error if the investor is not in the round.
    [[nodiscard]] round_position as_of(std::string_view investor, calendar_date d) const {
        round_position p = position(investors_[index_of(investor)], d);
        p.post_money = as_of(d).post_money;
        return p;
    }
    /// Where the round stands once everything that will happen has happened (end_of_time()).
    [[nodiscard]] round_position in_the_end() const { return as_of(end_of_time()); }

    /// @p investor's ownership on @p d: its funded money / the post-money on @p d (zero before
    /// it pays anything). O(log n).
    [[nodiscard]] fraction ownership(std::string_view investor, calendar_date d) const {
        const round_position mine = as_of(investor, d);
        return mine.funded.ratio_to(mine.post_money);
    }
    /// The holders before the round on @p d: pre-money / the post-money on @p d.
    [[nodiscard]] fraction existing_holders_ownership(calendar_date d) const {
        const money pre = pre_money_;
        return pre.ratio_to(as_of(d).post_money);
    }
    /// The new investors together on @p d: funded / the post-money on @p d.
    [[nodiscard]] fraction new_investors_ownership(calendar_date d) const {
        const round_position p = as_of(d);
        return p.funded.ratio_to(p.post_money);
    }

    /// Every payment made in this world, in date order; payments on the same day keep the
    /// schedule's order (its dated entries, then its undated ones), which is not always round
    /// order.
    [[nodiscard]] const std::vector<payment>& payments() const& noexcept { return payments_; }
    /// Every payment made in this world, moved out of a temporary timeline (so that
    /// `for (auto& p : round_timeline(r).payments())` does not dangle).
    [[nodiscard]] std::vector<payment> payments() && {
        std::vector<payment>& p = payments_;
        return std::move(p);
    }
    /// The round's pre-money valuation.
    [[nodiscard]] money pre_money() const noexcept { return pre_money_; }
    /// The round's close date.
    [[nodiscard]] calendar_date close_date() const noexcept { return close_; }
    /// The investors' names, in round order.
    [[nodiscard]] const std::vector<std::string>& investors() const noexcept { return names_; }

private:
    enum bucket : std::size_t { funded_b, committed_b, conditional_b, lapsed_b };
    using totals = std::array<money::rep, 4>;
    // Totals after each day on which something moves; `initial` before the first such day.
    struct track {
        std::vector<calendar_date> days;
        std::vector<totals> after;
        totals initial{};
    };
    struct move {
        calendar_date day;
        std::size_t investor;
        bucket from, to;
        money::rep amount;
    };

    std::size_t index_of(std::string_view name) const {
        // The round's own name index (positions in detail::name_key_less() order), copied: 4 bytes
        // per investor.
        const auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name, [&](std::uint32_t i, std::string_view n) {
            return detail::name_key_less(names_[i], n);
        });
        if (it == by_name_.end() || names_[*it] != name) {
            detail::throw_unknown_investor(name, "is not in the round", &names_, names_.size(), detail::string_at);
        }
        return *it;
    }

    round_position position(const track& t, calendar_date d) const {
        require_valid(d, "as_of");
        const auto it = std::upper_bound(t.days.begin(), t.days.end(), d);
        const totals& v = it == t.days.begin() ? t.initial : t.after[static_cast<std::size_t>(it - t.days.begin()) - 1];
        const auto m = [&](money::rep units) { return money::from_units(units, pre_money_.currency()); };
        return {d, m(v[funded_b]), m(v[committed_b]), m(v[conditional_b]), m(v[lapsed_b]),
                pre_money_ + m(v[funded_b])};
    }

    // Applies @p moves (sorted by day) to @p t, one totals row per distinct day.
    template <class Moves>
    static void replay(track& t, const Moves& moves, std::size_t first, std::size_t last) {
        totals running = t.initial;
        for (std::size_t i = first; i < last; ++i) {
            const auto& mv = moves[i];
            // Each bucket holds part of the round's total, which fits (the builder checked
            // pre-money + total): no intermediate can overflow.
            running[mv.from] -= mv.amount;
            running[mv.to] += mv.amount;
            if (!t.days.empty() && t.days.back() == mv.day) {
                t.after.back() = running;
            } else {
                t.days.push_back(mv.day);
                t.after.push_back(running);
            }
        }
    }

    money pre_money_;
    calendar_date close_{};
    std::vector<std::string> names_;
    std::vector<std::uint32_t> by_name_;
    track all_;
    std::vector<track> investors_;
    std::vector<payment> payments_;
};

inline round_timeline::round_timeline(const funding_round& r, const world_state& facts)
    : pre_money_(r.pre_money()), close_(r.close_date()), by_name_(r.by_name_) {
    const std::vector<commitment>& cs = r.commitments();
    names_.reserve(cs.size());
    for (std::size_t i = 0; i < cs.size(); ++i) names_.push_back(cs[i].investor.name());
    investors_.resize(cs.size());

    const world_state world = facts.at(end_of_time());
    // Conditions are shared between entries (one milestone, many tranches): evaluate each once.
    // The keys point into the round's schedule, alive for the whole constructor.
    std::unordered_map<const void*, condition_status> seen;
    std::unordered_map<const void*, std::optional<calendar_date>> certain_from;  // certain_before() of met conditions
    std::unordered_map<const void*, bool> uncertain_at_close;  // certain at close as classified, but not in this world
    std::vector<move> moves;
    const calendar_date close{close_};
    // Only a fact dated before the close can make money the round schedules uncertain: without
    // one (the common case, and round_timeline(r)), no condition is looked at for it.
    const bool early_facts = world.any_fact_before(close);
    const auto handle = [&](const disbursement& e) {
        const money::rep units = e.amount().units();
        const std::size_t who = e.investor_index();
        if (const auto fallback = e.fallback()) {  // pays on its date: the amount if met by then, the fallback otherwise
            const money::rep floor = fallback->units();
            const money::rep rest = units - floor;
            investors_[who].initial[committed_b] += floor;
            all_.initial[committed_b] += floor;
            investors_[who].initial[conditional_b] += rest;
            all_.initial[conditional_b] += rest;
            const calendar_date settle{*e.date()};
            const condition_status st = e.when().evaluate(world.at(*e.date()));
            const calendar_date since = st.since ? std::max(close, *st.since) : close;
            if (st.is_met()) {
                // Committed from the first day it is certain to be met by the settlement date.
                const std::optional<calendar_date> sure = detail::certain_before(e.when(), world, close, since, settle);
                const calendar_date from = sure ? *sure : since;
                if (from < settle) moves.push_back({from, who, conditional_b, committed_b, rest});
                moves.push_back({settle, who, from < settle ? committed_b : conditional_b, funded_b, rest});
            } else {
                // Lapsed from the first day of the lapse, as any tranche's money (before the close
                // too).
                const calendar_date lapsed = st.since ? *st.since : close;
                moves.push_back({st.is_lapsed() ? std::min(lapsed, settle) : settle, who, conditional_b, lapsed_b, rest});
            }
            moves.push_back({settle, who, committed_b, funded_b, floor});
            payments_.push_back({*e.date(), e.investor(), who, e.tranche_index(),
                                 st.is_met() ? tranche_part::whole : tranche_part::fallback,
                                 st.is_met() ? e.amount() : *fallback});
            return;
        }
        auto [it, fresh] = seen.try_emplace(e.when().identity());
        if (fresh) it->second = e.when().evaluate(world);
        const condition_status& st = it->second;
        bucket start = e.status() == funding_status::conditional ? conditional_b : committed_b;
        // The status assumes that no milestone settles before the close. A world that records one
        // (achieved or failed before the close date) may leave the money uncertain at the close:
        // it is committed only if it is certain with those facts.
        if (early_facts && start == committed_b && e.when().depends_on_milestone()) {
            auto [at, first] = uncertain_at_close.try_emplace(e.when().identity());
            if (first) {
                at->second = detail::settles_before(e.when(), world, close) &&
                             !classify_condition(detail::settled_by(e.when(), world, close - days{1}), close,
                                                 end_of_time())
                                  .certain;
            }
            if (at->second) start = conditional_b;
        }
        investors_[who].initial[start] += units;
        all_.initial[start] += units;
        if (st.is_met()) {
            const calendar_date met = st.since ? std::max(close, *st.since) : close;
            calendar_date paid = met;
            const auto expected = cs[who].tranches[e.tranche_index()].expected_date();
            if (expected) paid = std::max(paid, *expected);
            // Committed from the first day it is certain to be met (its milestones settled so that
            // only time is left, as `milestone && on_or_after(d)` once the milestone is achieved).
            calendar_date from = met;
            if (start == conditional_b && detail::may_be_certain_before_met(e.when())) {
                auto [at, first] = certain_from.try_emplace(e.when().identity());
                if (first) at->second = detail::certain_before(e.when(), world, close, met, end_of_time());
                if (at->second) from = *at->second;
            }
            if (start == conditional_b && from < paid) {
                moves.push_back({from, who, conditional_b, committed_b, units});
                moves.push_back({paid, who, committed_b, funded_b, units});
            } else {
                moves.push_back({paid, who, start, funded_b, units});
            }
            payments_.push_back({paid, e.investor(), who, e.tranche_index(), tranche_part::whole,
                                 e.amount()});
        } else if (st.is_lapsed()) {
            const calendar_date lapsed = st.since ? *st.since : close;
            moves.push_back({lapsed, who, start, lapsed_b, units});
        }
    };
    moves.reserve(2 * (r.schedule().dated().size() + r.schedule().undated().size()));
    for (const disbursement& e : r.schedule().dated()) handle(e);
    for (const disbursement& e : r.schedule().undated()) handle(e);

    // The whole round: moves by day (stable, so ties keep schedule order).
    std::stable_sort(moves.begin(), moves.end(), [](const move& a, const move& b) { return a.day < b.day; });
    replay(all_, moves, 0, moves.size());
    // Each investor: the same moves grouped by investor, still in day order.
    std::stable_sort(moves.begin(), moves.end(),
                     [](const move& a, const move& b) { return a.investor < b.investor; });
    for (std::size_t first = 0; first < moves.size();) {
        std::size_t last = first;
        while (last < moves.size() && moves[last].investor == moves[first].investor) ++last;
        replay(investors_[moves[first].investor], moves, first, last);
        first = last;
    }
    std::vector<payment>& paid = payments_;
    std::stable_sort(paid.begin(), paid.end(),
                     [](const payment& a, const payment& b) { return a.date < b.date; });
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_TIMELINE_HPP
