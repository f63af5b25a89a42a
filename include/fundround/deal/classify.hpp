/// @file deal/classify.hpp
/// @brief Exact classification of conditions and tranches over every outcome of their milestones:
/// what can be met, what is certain and from when, and how a tranche stands at close.
#ifndef FUNDROUND_DEAL_CLASSIFY_HPP
#define FUNDROUND_DEAL_CLASSIFY_HPP

#include <fundround/config.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// What @p c can do by day @p by (not before @p close, at most end_of_time()), over every outcome
/// of its milestones: each achieved or failed on any day from @p close on, or never settling.
///
/// Exact, by reasoning on the condition's structure rather than trying outcomes: the states
/// "met by day t" are built as reduced decision diagrams over the milestones, at the O(n)
/// distinct days of the tree (its dates, the days after its long-stops, @p close, @p by), where
/// "met in every outcome" and "met in no outcome" are constant diagrams. Throws
/// classification_limit_error for a condition naming more than max_classified_milestones
/// milestones or needing more than max_classification_nodes diagram nodes.
[[nodiscard]] inline condition_outlook classify_condition(const condition& c, calendar_date close,
                                                          calendar_date by = end_of_time());

namespace detail {
// classify_condition(@p c, @p close, @p by), a combined condition's outlook looked up in (and
// added to) @p cache when not null.
[[nodiscard]] inline condition_outlook classify_through(const condition& c, calendar_date close, calendar_date by,
                                                        condition_outlook_cache* cache) {
    require_valid(close, "close_date");
    require_valid(by, "by");
    if (by < close) by = close;
    condition_outlook o;
    if (!c.depends_on_milestone()) {  // a matter of time: one world decides it
        const condition_status s = condition_access::unsettled(c, by);
        o.possible = o.certain = s.is_met();
        if (o.certain) o.certain_from = s.since && close < *s.since ? *s.since : close;
        return o;
    }
    if (c.kind() == condition_kind::milestone) {  // achieved on the close in one outcome, never in another
        o.possible = true;
        return o;
    }
    // Built from parts (all_of, any_of, not, a long-stop): by decision diagrams, through the
    // function its node holds (detail/condition_diagram.hpp).
    return condition_access::combined_outlook(c, close, by, cache);
}
}  // namespace detail

inline condition_outlook classify_condition(const condition& c, calendar_date close, calendar_date by) {
    return detail::classify_through(c, close, by, nullptr);
}

/// Where a tranche stands at close: its funding status and the date of its schedule entry.
struct tranche_placement {
    funding_status status = funding_status::at_close;  ///< At close, scheduled or conditional.
    std::optional<calendar_date> date;                 ///< The entry's date; empty if undated.
};

namespace detail {

/// A reference to a callable returning a field_path, called only when a problem is reported: the
/// one non-template form of place_tranche()'s path argument.
class path_source {
public:
    /// Refers to @p f (which must outlive this reference).
    template <class F>
    explicit path_source(const F& f) noexcept
        : f_(&f), call_([](const void* g) -> field_path { return (*static_cast<const F*>(g))(); }) {}
    /// The path.
    [[nodiscard]] field_path operator()() const { return call_(f_); }

private:
    const void* f_;
    field_path (*call_)(const void*);
};

/// What place_tranche() finds wrong with a tranche.
enum class placement_problem {
    too_complex,                  ///< The condition is too complex to classify.
    never_met_by_settlement,      ///< A fallback tranche's condition can never be met in time.
    fallback_never_paid,          ///< A fallback tranche's condition is certain by its settlement.
    never_met,                    ///< The condition can never be met.
    expected_before_certain,      ///< Expected before the condition is certainly met.
};

/// Appends the diagnostic of problem @p p of tranche @p t, field under @p path(): the words of
/// every placement problem in one out-of-line function (@p day: the settlement date or the day the
/// condition is met; @p reason: why the condition is too complex).
FUNDROUND_COLD inline void add_placement_problem(std::vector<diagnostic>& out, const path_source& path,
                                                 placement_problem p, const tranche& t, calendar_date day,
                                                 const char* reason) {
    const condition& c = t.condition();
    switch (p) {
        case placement_problem::too_complex:
            add_problem(out, path(), "condition", detail::quoted_condition(c), {"is too complex to classify: ", reason});
            return;
        case placement_problem::never_met_by_settlement:
            add_problem(out, path(), "condition", detail::quoted_condition(c),
                        {"can never be met by the settlement date ", to_string(day)});
            return;
        case placement_problem::fallback_never_paid:
            add_problem(out, path(), "fallback", format_full(*t.fallback()),
                        {"is never paid: the condition is met by the settlement date ", to_string(day),
                         " whatever happens"});
            return;
        case placement_problem::never_met:
            add_problem(out, path(), "condition", detail::quoted_condition(c), "can never be met");
            return;
        case placement_problem::expected_before_certain:
            add_problem(out, path(), "expected_date", to_string(*t.expected_date()),
                        {"must not be before the condition is met on ", to_string(day)});
            return;
    }
}

/// place_tranche() with its path type-erased: the body is compiled once, whatever the path.
[[nodiscard]] inline tranche_placement place_tranche_at(const tranche& t, calendar_date close, const path_source& path,
                                                        std::vector<diagnostic>& out, condition_outlook_cache* cache) {
    const condition& c = t.condition();
    if (t.has_fallback()) {
        const std::optional<calendar_date> settles = t.settlement_date();
        if (!settles || !is_modelled(*settles)) return {funding_status::conditional, std::nullopt};
        const calendar_date day = std::max(close, *settles);
        try {
            const condition_outlook o = classify_condition(c, close, day);
            if (!o.possible) {
                add_placement_problem(out, path, placement_problem::never_met_by_settlement, t, day, "");
            } else if (o.certain) {
                add_placement_problem(out, path, placement_problem::fallback_never_paid, t, day, "");
            }
        } catch (const classification_limit_error& e) {
            add_placement_problem(out, path, placement_problem::too_complex, t, day, e.what());
        }
        return {funding_status::conditional, day};
    }
    require_valid(close, "close_date");
    const condition_status s = condition_access::unsettled(c, close);
    if (s.is_met() && (!t.expected_date() || *t.expected_date() <= close)) {
        return {funding_status::at_close, close};
    }
    condition_outlook o;
    try {
        o = classify_through(c, close, end_of_time(), cache);
    } catch (const classification_limit_error& e) {
        add_placement_problem(out, path, placement_problem::too_complex, t, close, e.what());
        return {funding_status::conditional, t.expected_date()};
    }
    if (!o.possible) {
        add_placement_problem(out, path, placement_problem::never_met, t, close, "");
        return {c.depends_on_milestone() ? funding_status::conditional : funding_status::scheduled,
                t.expected_date()};
    }
    if (!o.certain) return {funding_status::conditional, t.expected_date()};
    calendar_date due = *o.certain_from;
    if (t.expected_date()) {
        if (*t.expected_date() < due) {
            add_placement_problem(out, path, placement_problem::expected_before_certain, t, due, "");
        }
        due = *t.expected_date();
    }
    return {funding_status::scheduled, due};
}

}  // namespace detail

/// Places @p t in a round closing on @p close (see docs/concepts.md, "Tranches and funding
/// status"), appending any placement problem to @p out with fields under the field_path @p path():
/// a condition that can never be met, an expected date before the condition is met, a fallback
/// that is never paid, a condition too complex to classify. @p cache may be null.
///
/// - At close: met on the close date (no milestone settled) and not expected after it.
/// - Scheduled: met by the horizon in every outcome of its milestones; dated the later of the
///   close, the first day it is met in every outcome, and its expected date.
/// - Conditional: met in some outcomes only; dated its expected date, if any.
/// - A fallback tranche is conditional and dated its settlement date (not before the close): it
///   pays its amount or its fallback then.
template <class PathFn>
[[nodiscard]] tranche_placement place_tranche(const tranche& t, calendar_date close, const PathFn& path,
                                              std::vector<diagnostic>& out,
                                              condition_outlook_cache* cache = nullptr) {
    return detail::place_tranche_at(t, close, detail::path_source(path), out, cache);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_CLASSIFY_HPP
