/// @file detail/condition_diagram.hpp
/// @brief The outlook of a condition built from parts (all_of, any_of, not, a long-stop), by
/// decision diagrams over its milestones: what classify_condition() returns for such a condition.
///
/// Reached only through the function a combined condition's node holds (condition::combine()
/// sets it): a program that never combines conditions never compiles this code (see
/// docs/decisions.md, 2026-12-04, "the decision diagram behind combined conditions").
#ifndef FUNDROUND_DETAIL_CONDITION_DIAGRAM_HPP
#define FUNDROUND_DETAIL_CONDITION_DIAGRAM_HPP

#include <fundround/config.hpp>
#include <fundround/deal/condition.hpp>  // (included at the end of condition.hpp, which this completes)
#include <fundround/detail/key_index.hpp>
#include <fundround/error.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

// A day of the classification as a 64-bit key in day order: days since 1970-01-01 plus 2^31 (the
// high half of the schedule's sort keys). The classification's days are kept, compared, sorted
// and searched as such keys: one std::sort over 64-bit keys serves it and the schedule.
using day_key = std::uint64_t;

// The key of @p d (a valid date).
[[nodiscard]] inline day_key key_of_day(calendar_date d) noexcept {
    return static_cast<day_key>(static_cast<std::int64_t>(day_number(d)) + (std::int64_t{1} << 31));
}

// The date of key @p k.
[[nodiscard]] inline calendar_date day_of_key(day_key k) noexcept {
    const auto day = static_cast<int>(static_cast<std::int64_t>(k) - (std::int64_t{1} << 31));
    return calendar_date::from_day_number(day);
}

// Throws the classification_limit_error of a diagram past @p limit nodes (cold path, out of line).
FUNDROUND_COLD inline void throw_node_limit(std::size_t limit) {
    throw classification_limit_error("its decision diagram needs more than " + detail::digits(limit) +
                                     " nodes (max_classification_nodes)");
}

// A reduced, ordered multi-valued decision diagram over finite-domain variables, hash-consed so
// that equal functions are equal ids: 0 is "false", 1 is "true". Bounded by a node limit.
class decision_diagram {
public:
    using id = std::uint32_t;
    static constexpr id no = 0;
    static constexpr id yes = 1;

    decision_diagram(std::vector<std::uint32_t> domains, std::size_t limit)
        : domains_(std::move(domains)), limit_(limit), nodes_(4, terminal) {}  // the two terminals

    // The function "variable @p var takes one of the values whose entry in @p values is yes"
    // (each entry yes or no).
    id atom(std::uint32_t var, const std::vector<id>& values) { return make(var, values); }
    id negate(id a) {
        if (a <= yes) return a == yes ? no : yes;
        if (const id* found = not_memo_.find(a)) return *found;
        const std::uint32_t var = var_of(a);
        std::vector<id> kids(domains_[var]);
        for (std::size_t k = 0; k < kids.size(); ++k) kids[k] = negate(children_[first_of(a) + k]);
        const id r = make(var, kids);
        not_memo_.find_or_insert(a, r);
        return r;
    }
    id both(id a, id b) { return apply(false, a, b); }
    id either(id a, id b) { return apply(true, a, b); }

private:
    static constexpr std::uint32_t terminal = 0xFFFFFFFFU;

    // Node @p a's variable, and the index of its first child in children_.
    std::uint32_t var_of(id a) const noexcept { return nodes_[2 * std::size_t{a}]; }
    std::uint32_t first_of(id a) const noexcept { return nodes_[2 * std::size_t{a} + 1]; }
    std::size_t node_count() const noexcept { return nodes_.size() / 2; }

    // The node (var, kids), hash-consed: an equal node already made is returned, not a copy.
    id make(std::uint32_t var, const std::vector<id>& kids) {
        if (std::all_of(kids.begin(), kids.end(), [&](id k) { return k == kids.front(); })) return kids.front();
        const std::uint64_t h = node_hash(var, kids.data(), kids.size());
        std::size_t s = unique_slot(h, var, kids.data());
        if (unique_[s] != no) return unique_[s];
        if (node_count() >= limit_) throw_node_limit(limit_);
        const auto r = static_cast<id>(node_count());
        const auto first = static_cast<std::uint32_t>(children_.size());
        nodes_.push_back(var);
        nodes_.push_back(first);
        for (const id k : kids) children_.push_back(k);
        if (2 * (node_count() - 2) > unique_.size()) {
            rehash();
        } else {
            unique_[s] = r;
        }
        return r;
    }
    std::uint64_t node_hash(std::uint32_t var, const id* kids, std::size_t n) const noexcept {
        std::uint64_t h = mix_bits(var);
        for (std::size_t k = 0; k < n; ++k) h = mix_bits(h ^ kids[k]);
        return h;
    }
    // The slot of unique_ holding the node (var, kids), or the empty slot where it belongs.
    std::size_t unique_slot(std::uint64_t h, std::uint32_t var, const id* kids) const noexcept {
        const std::size_t mask = unique_.size() - 1;
        for (std::size_t s = static_cast<std::size_t>(h) & mask;; s = (s + 1) & mask) {
            const id e = unique_[s];
            if (e == no) return s;
            if (var_of(e) == var && std::equal(kids, kids + domains_[var], children_.data() + first_of(e))) return s;
        }
    }
    void rehash() {  // doubles unique_ (kept at most half full) and places every node again
        unique_ = std::vector<id>(2 * unique_.size(), no);  // the vector's fill constructor, as everywhere here
        for (id i = 2; i < node_count(); ++i) {
            const std::uint32_t var = var_of(i);
            const id* kids = children_.data() + first_of(i);
            unique_[unique_slot(node_hash(var, kids, domains_[var]), var, kids)] = i;
        }
    }
    id cofactor(id a, std::uint32_t var, std::size_t value) const {
        if (a <= yes || var_of(a) != var) return a;
        return children_[first_of(a) + value];
    }
    id apply(bool is_or, id a, id b) {
        if (is_or) {
            if (a == yes || b == yes) return yes;
            if (a == no) return b;
            if (b == no || a == b) return a;
        } else {
            if (a == no || b == no) return no;
            if (a == yes) return b;
            if (b == yes || a == b) return a;
        }
        if (b < a) std::swap(a, b);
        const std::uint64_t key = (std::uint64_t{a} << 32) | b;
        key_index& memo = is_or ? or_memo_ : and_memo_;
        if (const id* found = memo.find(key)) return *found;
        const std::uint32_t var = std::min(var_of(a), var_of(b));
        std::vector<id> kids(domains_[var]);
        for (std::size_t k = 0; k < kids.size(); ++k) {
            kids[k] = apply(is_or, cofactor(a, var, k), cofactor(b, var, k));
        }
        const id r = make(var, kids);
        memo.find_or_insert(key, r);
        return r;
    }

    std::vector<std::uint32_t> domains_;
    std::size_t limit_;
    std::vector<std::uint32_t> nodes_;  // two words per node: its variable and its first child's index
    std::vector<id> children_;
    // The nodes by content (hash-consing): node ids in open-addressed slots, "no" (0) when empty
    // (the terminals are never stored), at most half full.
    std::vector<id> unique_ = std::vector<id>(16, no);
    key_index and_memo_, or_memo_, not_memo_;
};

// The states of a condition tree seen on given days, as decision diagrams over its milestones.
//
// Milestone m's outcome is one variable: 0 = never settles; 1 + j = achieved in slot j;
// 1 + K + j = failed in slot j, where slot j is the days (b[j-1], b[j]] of the sorted boundary
// days b (slot 0 starts on the close date). Every day a state is asked about is a boundary, so
// "m achieved by day t" is exact whatever day in its slot m settles on.
class condition_states {
public:
    condition_states(const condition& c, calendar_date close, std::vector<day_key> boundaries)
        : close_(close), bounds_(std::move(boundaries)), diagram_(domains(c, bounds_.size()), max_classification_nodes) {}

    decision_diagram::id met(const condition& c, day_key t) { return state(c, t, true); }
    bool is_yes(decision_diagram::id a) const { return a == decision_diagram::yes; }
    bool is_no(decision_diagram::id a) const { return a == decision_diagram::no; }

private:
    std::vector<std::uint32_t> domains(const condition& c, std::size_t slots) {
        std::vector<std::string> names = c.milestones();
        if (names.size() > max_classified_milestones) {
            throw classification_limit_error("it names " + detail::digits(names.size()) +
                                             " milestones, more than " + detail::digits(max_classified_milestones) +
                                             " (max_classified_milestones)");
        }
        const auto count = names.size();
        names_ = std::move(names);  // sorted and distinct: a milestone's variable is its position
        return std::vector<std::uint32_t>(count, static_cast<std::uint32_t>(1 + 2 * slots));
    }

    // Milestone @p name achieved (or failed) on or before day @p t.
    decision_diagram::id settled_by(const std::string& name, day_key t, bool achieved) {
        const auto var = static_cast<std::uint32_t>(std::lower_bound(names_.begin(), names_.end(), name) - names_.begin());
        const std::size_t k = bounds_.size();
        std::vector<decision_diagram::id> values(1 + 2 * k, decision_diagram::no);
        if (key_of_day(close_) <= t) {
            for (std::size_t j = 0; j < k && bounds_[j] <= t; ++j) {
                values[(achieved ? 1 : 1 + k) + j] = decision_diagram::yes;
            }
        }
        return diagram_.atom(var, values);
    }

    // The key of memo_: the condition's index in node_of_ (numbered on first sight) and the
    // day with the state asked for (2 * key + 1 modulo 2^32: distinct for every valid date, whose
    // days span less than 2^31), in 64 bits.
    std::uint64_t memo_key(const void* identity, day_key t, bool want_met) {
        const std::uint32_t index = node_of_.find_or_insert(reinterpret_cast<std::uintptr_t>(identity),
                                                            static_cast<std::uint32_t>(node_of_.size()));
        const std::uint64_t day = t * 2 + (want_met ? 1 : 0);
        return (std::uint64_t{index} << 32) | static_cast<std::uint32_t>(day);
    }

    decision_diagram::id state(const condition& c, day_key t, bool want_met) {
        const std::uint64_t key = c.identity() != nullptr ? memo_key(c.identity(), t, want_met) : 0;
        if (c.identity() != nullptr) {
            if (const decision_diagram::id* found = memo_.find(key)) return *found;
        }
        using dd = decision_diagram;
        dd::id r = dd::no;
        switch (c.kind()) {
            case condition_kind::always: r = want_met ? dd::yes : dd::no; break;
            case condition_kind::on_or_after:
                r = want_met && key_of_day(*c.date()) <= t ? dd::yes : dd::no;
                break;
            case condition_kind::milestone: r = settled_by(c.milestone_name(), t, want_met); break;
            case condition_kind::all_of:
            case condition_kind::any_of: {
                // met(all) = and of met; lapsed(all) = or of lapsed; any_of the other way round.
                const bool conjunction = (c.kind() == condition_kind::all_of) == want_met;
                r = conjunction ? dd::yes : dd::no;
                for (const condition& p : c.parts()) {
                    const dd::id s = state(p, t, want_met);
                    r = conjunction ? diagram_.both(r, s) : diagram_.either(r, s);
                }
                break;
            }
            case condition_kind::negation: r = state(c.parts().front(), t, !want_met); break;
            case condition_kind::long_stop: {
                const day_key stop = key_of_day(*c.date());
                const condition& p = c.parts().front();
                if (want_met) {
                    r = state(p, std::min(t, stop), true);
                } else {
                    r = state(p, t, false);
                    if (stop < t) r = diagram_.either(r, diagram_.negate(state(p, stop, true)));
                }
                break;
            }
        }
        if (c.identity() != nullptr) memo_.find_or_insert(key, r);
        return r;
    }

    std::vector<std::string> names_;  // the milestones, sorted; before diagram_: domains() fills it
    calendar_date close_;
    std::vector<day_key> bounds_;
    decision_diagram diagram_;
    key_index node_of_;  // condition identity -> its position, numbered on first sight
    key_index memo_;     // memo_key() -> the state's diagram
};

inline void collect_condition_days(const condition& c, std::vector<day_key>& long_stops, std::vector<day_key>& starts) {
    if (c.kind() == condition_kind::long_stop) long_stops.push_back(key_of_day(*c.date()));
    if (c.kind() == condition_kind::on_or_after) starts.push_back(key_of_day(*c.date()));
    for (const condition& p : c.parts()) collect_condition_days(p, long_stops, starts);
}

// The outlook of @p c, built from parts and naming a milestone, by day @p by (not before @p close,
// both valid): the body of classify_condition() for such a condition. With @p cache, the outlook
// cached for @p c is returned, or the one computed is cached.
inline condition_outlook combined_outlook(const condition& c, calendar_date close, calendar_date by,
                                          condition_outlook_cache* cache) {
    if (cache != nullptr) {
        if (const condition_outlook* cached = cache->find(c)) return *cached;
        const condition_outlook o = combined_outlook(c, close, by, nullptr);
        cache->insert(c, o);
        return o;
    }
    condition_outlook o;
    using days = std::vector<detail::day_key>;
    const detail::day_key first = detail::key_of_day(close);
    const detail::day_key last = detail::key_of_day(by);
    days stops;
    days starts;
    detail::collect_condition_days(c, stops, starts);
    // Candidate days on which "met in every outcome" can begin to hold: the close, the dates
    // conditions start on, the days after long-stops (within [close, by]). Days are pushed as
    // values (day_key{d}, d + 1): one vector growth path to compile, not one per argument kind.
    days candidates{first, last};
    for (const auto d : starts) {
        if (first < d && d < last) candidates.push_back(detail::day_key{d});
    }
    for (const auto d : stops) {
        if (first <= d && d < last) candidates.push_back(d + 1);
    }
    std::sort(candidates.data(), candidates.data() + candidates.size());  // on pointers, as the schedule's
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    days bounds = candidates;
    for (const auto d : stops) {
        if (first <= d && d <= last) bounds.push_back(detail::day_key{d});
    }
    std::sort(bounds.data(), bounds.data() + bounds.size());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

    detail::condition_states states(c, close, bounds);
    const auto at_end = states.met(c, last);
    o.possible = !states.is_no(at_end);
    o.certain = states.is_yes(at_end);
    if (o.certain) {
        // "Met by t in every outcome" only switches on at a candidate day and stays on: the first
        // such day is found by bisection.
        std::size_t lo = 0;
        std::size_t hi = candidates.size() - 1;  // holds at `last`
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (states.is_yes(states.met(c, candidates[mid]))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        o.certain_from = detail::day_of_key(candidates[lo]);
    }
    return o;
}

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_CONDITION_DIAGRAM_HPP
