/// @file deal/condition.hpp
/// @brief Composable conditions on money arriving, evaluated against a state of the world.
#ifndef FUNDROUND_DEAL_CONDITION_HPP
#define FUNDROUND_DEAL_CONDITION_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/digits.hpp>
#include <fundround/detail/key_index.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/detail/shared_ref.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {
/// How positions_by_name() orders names.
enum class name_order {
    exact,   ///< By the names' bytes (std::string's <).
    by_key,  ///< By holder_name_key(), equal keys by the exact name (name_key_less()).
};

/// The positions 0 to n-1 ordered by the name at each, `name_at(i)` (a `const std::string&`), as
/// @p order_by says, equal names by position: the order of a stable sort. The one sort of names
/// in the library's core (the milestones of a condition, exact; the investors of a round, by
/// key); the names are read where they are, not gathered into a vector of pointers first.
///
/// A bottom-up merge sort (runs of 1, 2, 4, ... positions merged with std::merge, which keeps
/// equal names in position order): O(n log n) comparisons, n extra positions, and one small
/// merge loop to compile, where std::sort with this comparator compiled an introsort, a heap sort
/// and an insertion sort (about 2% of the README example's compile time at -O2, g++ 12).
template <class NameAt>
[[nodiscard]] std::vector<std::uint32_t> positions_by_name(std::size_t n, const NameAt& name_at,
                                                           name_order order_by = name_order::exact) {
    std::vector<std::uint32_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
    if (n < 2) return order;  // nothing to merge: no buffer (one milestone is the common case)
    const bool by_key = order_by == name_order::by_key;
    const auto by_name = [&name_at, by_key](std::uint32_t a, std::uint32_t b) {
        const std::string& x = name_at(a);
        const std::string& y = name_at(b);
        return by_key ? name_key_less(x, y) : x < y;
    };
    std::vector<std::uint32_t> merged(n);
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            // On pointers, as every algorithm over index arrays in the library: one instantiation
            // per element type, whatever holds the elements.
            const std::uint32_t* first = order.data();
            const std::size_t mid = std::min(lo + width, n);
            const std::size_t hi = std::min(mid + width, n);
            std::merge(first + lo, first + mid, first + mid, first + hi, merged.data() + lo, by_name);
        }
        order.swap(merged);
    }
    return order;
}
}  // namespace detail

/// What a state of the world knows: a date, plus milestones achieved (or failed) with their dates.
/// Events dated after as_of() are ignored when evaluating, so one world can describe a whole
/// scenario and be looked at on any date with at().
///
/// Recording n facts costs O(n log n) in all, in any order (each record amortized O(log n)); a
/// lookup is a binary search in each of at most log2(n) + 1 sorted runs, one run (a single binary
/// search) in a world made by at() or after compact().
class world_state {
public:
    /// The world on @p as_of with no milestones achieved.
    explicit world_state(calendar_date as_of) : as_of_(as_of) { require_valid(as_of, "as_of"); }
    /// A copy of @p other: what it knows, seen on its date.
    world_state(const world_state& other) = default;
    /// Takes @p other's records (never throws).
    world_state(world_state&& other) noexcept = default;
    /// Becomes a copy of @p other. Strong guarantee: if it throws (std::bad_alloc), this world is
    /// unchanged (a member-by-member copy could leave the other's records under this one's runs).
    world_state& operator=(const world_state& other) {
        world_state copy(other);
        *this = std::move(copy);
        return *this;
    }
    /// Takes @p other's records (never throws).
    world_state& operator=(world_state&& other) noexcept = default;
    /// Frees the records.
    ~world_state() = default;

    /// Records that milestone @p name was achieved on @p on (replaces any earlier record of it).
    /// Strong guarantee: if it throws (an invalid date, std::bad_alloc), the world is unchanged.
    world_state& achieve(const std::string& name, calendar_date on) {
        require_valid(on, "milestone \"" + name + "\" achieved on");
        record(name, on, true);
        return *this;
    }
    /// Records that milestone @p name became impossible on @p on (replaces any earlier record).
    /// Strong guarantee: if it throws (an invalid date, std::bad_alloc), the world is unchanged.
    world_state& fail(const std::string& name, calendar_date on) {
        require_valid(on, "milestone \"" + name + "\" failed on");
        record(name, on, false);
        return *this;
    }
    /// The same world seen on another date (its records in one sorted run, as after compact()).
    [[nodiscard]] world_state at(calendar_date as_of) const {
        require_valid(as_of, "as_of");
        world_state copy(*this, as_of);
        return copy;
    }
    /// Merges the records into one sorted run, one record per milestone (its latest), so that a
    /// lookup is one binary search; what the world knows is unchanged, also if it throws
    /// (std::bad_alloc). Linear in the records.
    world_state& compact() {
        std::vector<milestone_record> merged;
        while (runs_.size() > 1) merge_last_runs(merged);
        return *this;
    }

    /// The date the world is seen on.
    [[nodiscard]] calendar_date as_of() const noexcept { return as_of_; }
    /// When @p name was achieved, if it was on or before as_of().
    [[nodiscard]] std::optional<calendar_date> achieved_on(const std::string& name) const {
        return settled_on(name, true);
    }
    /// When @p name failed, if it did on or before as_of().
    [[nodiscard]] std::optional<calendar_date> failed_on(const std::string& name) const {
        return settled_on(name, false);
    }

private:
    // round_timeline asks once whether any fact is dated before the close (to skip re-classifying
    // money when none is, the common case).
    friend class round_timeline;

    struct milestone_record {
        std::string name;
        calendar_date on;
        bool achieved;
    };

    // records_ is a sequence of runs, oldest first; runs_[k] is the end of run k (run k starts at
    // runs_[k - 1], run 0 at 0). Each run is sorted by name with one record per name, and a later
    // run's record of a name replaces an earlier run's. A record appends a run of one, then the
    // last two runs merge while the earlier is no longer than twice the later: the runs' lengths
    // at least halve from the oldest to the newest (at most log2(n) + 1 runs), and a record moves
    // O(log n) times in all (the logarithmic method; the insertion into one sorted vector this
    // replaces moved O(n) records each time: 3.4 s for 10^5 milestones).
    std::size_t run_begin(std::size_t k) const noexcept { return k == 0 ? 0 : runs_[k - 1]; }

    // The index in [lo, hi) of the first record whose name is not less than @p name.
    std::size_t position(const std::string& name, std::size_t lo, std::size_t hi) const noexcept {
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (records_[mid].name < name) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
    // The latest record of @p name, or null.
    const milestone_record* latest(const std::string& name) const noexcept {
        for (std::size_t k = runs_.size(); k-- > 0;) {
            const std::size_t end = runs_[k];
            const std::size_t i = position(name, run_begin(k), end);
            if (i < end && records_[i].name == name) return &records_[i];
        }
        return nullptr;
    }
    // Strong guarantee: everything that can throw comes first (the record's copy of the name,
    // room for one more record and run, the buffer of the merges the record sets off); the
    // moves and merges after it do not allocate and cannot throw.
    void record(const std::string& name, calendar_date on, bool achieved) {
        if (!runs_.empty()) {  // the newest run holds it already (the same milestone recorded again): in place
            const std::size_t end = runs_.back();
            const std::size_t i = position(name, run_begin(runs_.size() - 1), end);
            if (i < end && records_[i].name == name) {
                records_[i].on = on;
                records_[i].achieved = achieved;
                return;
            }
        }
        milestone_record added{name, on, achieved};
        room_for_one_more(records_);
        room_for_one_more(runs_);
        std::vector<milestone_record> merged;
        merged.reserve(merge_room());
        records_.push_back(std::move(added));  // within capacity: no throw from here on
        runs_.push_back(records_.size());
        while (runs_.size() > 1) {
            const std::size_t k = runs_.size() - 1;
            if (run_begin(k) - run_begin(k - 1) > 2 * (runs_[k] - run_begin(k))) break;
            merge_last_runs(merged);
        }
    }
    // Makes push_back() on @p v allocation-free (doubling, as push_back grows).
    template <class T>
    static void room_for_one_more(std::vector<T>& v) {
        if (v.size() == v.capacity()) v.reserve(v.empty() ? 4 : 2 * v.size());
    }
    // The records the merges after a new run of one may hold at once, at most: the cascade
    // record() runs, counted without dropping the replaced records (a merge that drops some
    // leaves a shorter run, which merges no further than this count does, and no longer).
    std::size_t merge_room() const noexcept {
        std::size_t later = 1;
        std::size_t room = 0;
        for (std::size_t k = runs_.size(); k-- > 0;) {
            const std::size_t earlier = runs_[k] - run_begin(k);
            if (earlier > 2 * later) break;
            later += earlier;
            room = later;
        }
        return room;
    }
    // Merges the last two runs into one (the later's record of a name kept, the earlier's
    // dropped), through @p merged; throws (std::bad_alloc) only while making room in @p merged,
    // before anything moves.
    void merge_last_runs(std::vector<milestone_record>& merged) {
        const std::size_t k = runs_.size() - 1;
        const std::size_t first = run_begin(k - 1);
        const std::size_t mid = run_begin(k);
        const std::size_t last = runs_[k];
        merged.clear();
        merged.reserve(last - first);
        std::size_t a = first;
        std::size_t b = mid;
        while (a < mid && b < last) {
            if (records_[a].name < records_[b].name) {
                merged.push_back(std::move(records_[a++]));
            } else {
                if (!(records_[b].name < records_[a].name)) ++a;  // the same milestone: the later record
                merged.push_back(std::move(records_[b++]));
            }
        }
        for (; a < mid; ++a) merged.push_back(std::move(records_[a]));
        for (; b < last; ++b) merged.push_back(std::move(records_[b]));
        records_.erase(records_.begin() + static_cast<std::ptrdiff_t>(first), records_.end());
        for (milestone_record& m : merged) records_.push_back(std::move(m));  // fewer than before: no allocation
        runs_.pop_back();
        runs_.back() = records_.size();
    }
    std::optional<calendar_date> settled_on(const std::string& name, bool achieved) const {
        const milestone_record* m = latest(name);
        if (m == nullptr || m->achieved != achieved || m->on > as_of_) return std::nullopt;
        return m->on;
    }
    // True if a fact the world knows (the latest record of a milestone) is dated before @p day.
    bool any_fact_before(calendar_date day) const {
        for (std::size_t k = 0; k < runs_.size(); ++k) {
            for (std::size_t i = run_begin(k); i < runs_[k]; ++i) {
                if (records_[i].on < day && latest(records_[i].name) == &records_[i]) return true;
            }
        }
        return false;
    }
    // @p w seen on @p as_of, its runs merged into one.
    world_state(const world_state& w, calendar_date as_of) : as_of_(as_of), records_(w.records_), runs_(w.runs_) {
        compact();
    }

    calendar_date as_of_;
    std::vector<milestone_record> records_;
    std::vector<std::size_t> runs_;
};

/// The three outcomes of a condition on a date.
enum class condition_state {
    met,      ///< Satisfied, and stays satisfied.
    pending,  ///< Not settled yet.
    lapsed,   ///< Can no longer be satisfied.
};

/// "met", "pending" or "lapsed".
[[nodiscard]] constexpr std::string_view to_string(condition_state s) noexcept {
    switch (s) {
        case condition_state::met: return "met";
        case condition_state::pending: return "pending";
        case condition_state::lapsed: return "lapsed";
    }
    return "unknown";
}

/// The answer of condition::evaluate(): the state and, for met or lapsed, since when.
struct condition_status {
    condition_state state = condition_state::pending;  ///< Met, pending or lapsed.
    /// First day of the state for met/lapsed; empty for "always" (met from the start) and for
    /// "never" (lapsed from the start), and for pending.
    std::optional<calendar_date> since;

    /// True if met.
    [[nodiscard]] bool is_met() const noexcept { return state == condition_state::met; }
    /// True if pending.
    [[nodiscard]] bool is_pending() const noexcept { return state == condition_state::pending; }
    /// True if lapsed.
    [[nodiscard]] bool is_lapsed() const noexcept { return state == condition_state::lapsed; }
    /// True if both the state and the since date are equal.
    [[nodiscard]] friend bool operator==(const condition_status& a, const condition_status& b) {
        return a.state == b.state && a.since == b.since;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const condition_status& a, const condition_status& b) {
        return !(a == b);
    }
};

/// The building blocks of a condition.
enum class condition_kind {
    always,       ///< Met unconditionally (money due at close).
    on_or_after,  ///< Met from a date on.
    milestone,    ///< Met once a named milestone is achieved; lapses if it fails.
    all_of,       ///< Met when every part is met; lapses when any part lapses.
    any_of,       ///< Met when any part is met; lapses when every part has lapsed.
    negation,     ///< The opposite outcome: met once the part lapses, lapsed once it is met.
    long_stop,    ///< The part, but lapsing if it is not met by a long-stop date (inclusive).
};

/// The deepest nesting a condition may have: every factory that would build a deeper tree throws
/// invalid_argument_error. Bounds the recursion of evaluate(), to_string(), == and destruction.
inline constexpr std::size_t max_condition_depth = 1000;

/// "always", "on_or_after", "milestone", "all_of", "any_of", "negation" or "long_stop".
[[nodiscard]] constexpr std::string_view to_string(condition_kind k) noexcept {
    switch (k) {
        case condition_kind::always: return "always";
        case condition_kind::on_or_after: return "on_or_after";
        case condition_kind::milestone: return "milestone";
        case condition_kind::all_of: return "all_of";
        case condition_kind::any_of: return "any_of";
        case condition_kind::negation: return "negation";
        case condition_kind::long_stop: return "long_stop";
    }
    return "unknown";
}

class condition;

/// The most distinct milestones one condition may name for classify_condition(); a condition with
/// more is reported as too complex to classify (a diagnostic on its tranche's condition).
inline constexpr std::size_t max_classified_milestones = 1000;
/// The most decision-diagram nodes classify_condition() builds for one condition; beyond it the
/// condition is reported as too complex to classify (a diagnostic on its tranche's condition).
inline constexpr std::size_t max_classification_nodes = 1000000;

/// Thrown by classify_condition() (deal/classify.hpp) when a condition exceeds
/// max_classified_milestones or max_classification_nodes; the round builder reports it as a
/// diagnostic.
class classification_limit_error : public invalid_argument_error {
public:
    using invalid_argument_error::invalid_argument_error;
};

/// What a condition can do by a date, over every outcome of its milestones: each milestone is
/// achieved or fails on any day from the close date on, or never settles.
struct condition_outlook {
    bool possible = false;  ///< Met by the date in at least one outcome.
    bool certain = false;   ///< Met by the date in every outcome.
    /// When certain: the first day, not before the close date, by which the condition is met in
    /// every outcome (the worst case over the outcomes).
    std::optional<calendar_date> certain_from;
};

class condition_outlook_cache;

namespace detail {
struct condition_access;

// The part limit of condition::to_string(): every part of every all_of and any_of shown (the
// largest std::size_t: no vector holds more).
inline constexpr std::size_t all_condition_parts = ~std::size_t{0};

// What a condition built from parts (all_of, any_of, not, a long-stop) does by walking them,
// reached through its node: a program that never combines conditions never compiles these.
struct combined_operations {
    condition_status (*evaluate)(const condition&, const world_state&);
    // evaluate() in the world of one day where no milestone has settled
    condition_status (*unsettled)(const condition&, calendar_date);
    // the text, each all_of/any_of showing at most a number of parts (append_combined_text)
    void (*append_text)(const condition&, std::string&, std::size_t);
    // classify_condition(), the outlook looked up in (and added to) the cache when there is one
    condition_outlook (*outlook)(const condition&, calendar_date, calendar_date, condition_outlook_cache*);
    // frees a combined node (it holds the parts: a lone node has none to destroy)
    void (*destroy)(const void*) noexcept;
};
// condition::evaluate() of combined condition @p c (below).
inline condition_status evaluate_combined(const condition& c, const world_state& world);
// The status of a block of @p kind (all_of, any_of, negation or long_stop; @p day the long-stop
// date) with @p part_count parts, part i's status status_of(i), seen on @p as_of: the one
// definition of what the blocks mean, for evaluate_combined() and for the odds' truth tables
// (analysis/odds.hpp), which evaluate the parts without a world (below).
template <class StatusOf>
condition_status combine_statuses(condition_kind kind, calendar_date day, std::size_t part_count,
                                  calendar_date as_of, const StatusOf& status_of);
// evaluate_combined(@p c, world_state(@p day)): no milestone settled (below).
inline condition_status unsettled_combined(const condition& c, calendar_date day);
// condition::to_string()'s text of combined condition @p c, appended to @p out, each all_of or
// any_of showing at most @p part_limit parts and then "... (N more)" (below).
inline void append_combined_text(const condition& c, std::string& out, std::size_t part_limit);
// The outlook of combined condition @p c by day @p by, by decision diagrams, through @p cache
// when not null (detail/condition_diagram.hpp).
inline condition_outlook combined_outlook(const condition& c, calendar_date close, calendar_date by,
                                          condition_outlook_cache* cache);
// Frees combined node @p n, its parts with it (below).
inline void destroy_combined(const void* n) noexcept;
// The operations every combined node points to (condition::combine() takes its address).
inline constexpr combined_operations combined_condition_operations{&evaluate_combined, &unsettled_combined,
                                                                   &append_combined_text, &combined_outlook,
                                                                   &destroy_combined};
}  // namespace detail

/// A composable, immutable condition: always, on or after a date, a named milestone,
/// all-of / any-of / not, each optionally with a long-stop date after which it lapses.
///
/// Conditions are regular values: copy them freely (the tree is shared, never mutated), compare
/// them with ==, print them with to_string(). A moved-from condition is `always()`. Nesting is
/// at most max_condition_depth levels deep.
class condition {
public:
    /// Always met: money due at close.
    constexpr condition() noexcept = default;
    /// A copy sharing @p other's tree (one atomic increment).
    condition(const condition& other) noexcept = default;
    /// Takes @p other's tree; @p other becomes always().
    condition(condition&& other) noexcept = default;
    /// Shares @p other's tree (@p other may live inside this one's tree).
    condition& operator=(const condition& other) noexcept = default;
    /// Takes @p other's tree; @p other becomes always().
    condition& operator=(condition&& other) noexcept = default;
    /// Releases this reference to the tree (the last reference destroys it).
    ~condition() = default;

    /// Always met: money due at close.
    [[nodiscard]] static condition always() noexcept { return condition(); }
    /// Met from @p d on (inclusive); throws invalid_argument_error unless is_modelled(@p d).
    [[nodiscard]] static condition on_or_after(calendar_date d) {
        require_valid(d, "on_or_after");
        node* n = new node;
        n->kind = condition_kind::on_or_after;
        n->date = d;
        return condition(n);
    }
    /// Met once milestone @p name is achieved; throws if the name is empty.
    [[nodiscard]] static condition milestone(std::string_view name) {
        if (name.empty()) throw invalid_argument_error("milestone name: must not be empty");
        std::string owned(name);  // made before the node: nothing below can throw once n is allocated
        node* n = new node;
        n->kind = condition_kind::milestone;
        n->has_milestone = true;
        n->name = std::move(owned);
        return condition(n);
    }
    /// Met when all @p parts are met (an empty list is always met).
    [[nodiscard]] static condition all_of(std::vector<condition> parts) {
        return combine(condition_kind::all_of, std::move(parts));
    }
    /// Met when any of @p parts is met (an empty list is never met).
    [[nodiscard]] static condition any_of(std::vector<condition> parts) {
        return combine(condition_kind::any_of, std::move(parts));
    }
    /// The opposite outcome of @p part.
    [[nodiscard]] static condition negation(condition part) {
        std::vector<condition> parts;
        parts.push_back(std::move(part));
        return combine(condition_kind::negation, std::move(parts));
    }
    /// This condition, lapsing if it is not met on or before @p last_day; throws
    /// invalid_argument_error unless is_modelled(@p last_day).
    [[nodiscard]] condition with_long_stop(calendar_date last_day) const {
        require_valid(last_day, "long_stop");
        return combine(condition_kind::long_stop, std::vector<condition>{*this}, last_day);
    }

    /// The kind of the outermost building block.
    [[nodiscard]] condition_kind kind() const noexcept { return node_ ? node_->kind : condition_kind::always; }
    /// The date of an on_or_after or long_stop block.
    [[nodiscard]] std::optional<calendar_date> date() const {
        if (kind() == condition_kind::on_or_after || kind() == condition_kind::long_stop) {
            return node_->date;
        }
        return std::nullopt;
    }
    /// The milestone's name ("" unless kind() is milestone).
    [[nodiscard]] const std::string& milestone_name() const noexcept { return get().name; }
    /// Identifies the shared, immutable tree: copies of one condition have the same identity
    /// (for caching per-condition results; equal conditions built separately differ). Every
    /// always() condition has the identity nullptr.
    [[nodiscard]] const void* identity() const noexcept { return node_.get(); }
    /// The parts of all_of, any_of, negation and long_stop blocks (empty for the others).
    [[nodiscard]] const std::vector<condition>& parts() const noexcept {
        if (node_ && node_->combined != nullptr) return static_cast<const combined_node&>(*node_).parts;
        static const std::vector<condition> none;
        return none;
    }
    /// Levels of nesting: 1 for a leaf, at most max_condition_depth.
    [[nodiscard]] std::size_t depth() const noexcept { return node_ ? node_->depth : 1; }

    /// True if the outcome depends on a milestone, i.e. is uncertain rather than a matter of time.
    [[nodiscard]] bool depends_on_milestone() const noexcept { return node_ && node_->has_milestone; }
    /// The names of every milestone referenced, sorted, without duplicates.
    [[nodiscard]] std::vector<std::string> milestones() const {
        // Sorts the positions of the names in the tree, then copies each distinct name once.
        std::vector<const std::string*> names;
        collect_milestones(names);
        std::vector<std::string> out;  // each name pushed as a std::string value, as the tables' cells
        const auto name_at = [&names](std::size_t i) -> const std::string& { return *names[i]; };
        for (const std::uint32_t i : detail::positions_by_name(names.size(), name_at)) {
            if (out.empty() || out.back() != *names[i]) out.push_back(std::string(*names[i]));
        }
        return out;
    }
    /// The earliest long-stop date anywhere in the condition, if any.
    [[nodiscard]] std::optional<calendar_date> earliest_long_stop() const {
        std::optional<calendar_date> best;
        if (kind() == condition_kind::long_stop) best = node_->date;
        for (const auto& p : parts()) {
            const auto d = p.earliest_long_stop();
            if (d && (!best || *d < *best)) best = d;
        }
        return best;
    }

    /// The last day on which the whole condition can still become met, if there is one: after it
    /// the condition is lapsed unless already met. A long stop binds its part; all_of and any_of
    /// are bound only when every part is (by the latest such day); negation is never bound.
    /// (Computed when the condition is built: O(1).)
    [[nodiscard]] std::optional<calendar_date> deadline() const noexcept {
        if (node_) return node_->deadline;
        return std::nullopt;
    }

    /// The state of the condition in @p world: met (since when), pending or lapsed (since when).
    [[nodiscard]] condition_status evaluate(const world_state& world) const;

    /// Readable form, such as `milestone "certain conditions" by 2026-12-31`.
    [[nodiscard]] std::string to_string() const;

    /// True if @p a and @p b have the same structure: kinds, dates, names and parts, in order.
    [[nodiscard]] friend bool operator==(const condition& a, const condition& b) {
        if (a.node_.get() == b.node_.get()) return true;
        const node& x = a.get();
        const node& y = b.get();
        return x.kind == y.kind && x.date == y.date && x.name == y.name && a.parts() == b.parts();
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const condition& a, const condition& b) {
        return !(a == b);
    }
    /// Writes to_string().
    friend std::ostream& operator<<(std::ostream& os, const condition& c) {
        return os << c.to_string();
    }

private:
    // The immutable tree node, with its own reference count (an intrusive count: a condition is
    // one 8-byte pointer, where std::shared_ptr took 16; see docs/decisions.md). The count is
    // atomic, so copies of one condition may be made and dropped on different threads, as with
    // shared_ptr; the node itself is never written after it is built.
    //
    // A node built from parts is a combined_node, which holds them; it points to the walks over
    // them (detail::combined_operations), which also free it: a program that never combines
    // conditions compiles no walk and no destruction of parts.
    struct node {
        condition_kind kind = condition_kind::always;
        calendar_date date{};
        std::uint32_t depth = 1;
        bool has_milestone = false;
        std::optional<calendar_date> deadline;  // deadline(), computed when built
        mutable std::atomic<std::size_t> references{1};
        std::string name;
        // Set for a combined_node only.
        const detail::combined_operations* combined = nullptr;

        // Frees @p n (shared_ref's last reference): a combined node through its operations.
        static void destroy(const node* n) noexcept {
            if (n->combined != nullptr) {
                n->combined->destroy(n);
            } else {
                delete n;
            }
        }
    };
    struct combined_node : node {
        std::vector<condition> parts;
    };

    // Adopts @p n, a new node holding one reference. The last reference to a node destroys it,
    // and so releases its parts: the recursion is bounded by max_condition_depth.
    explicit condition(const node* n) noexcept : node_(n) {}

    // The node of always(), for a condition without a tree (default-constructed or moved from).
    static const node& always_node() noexcept {
        static const node shared{};
        return shared;
    }
    const node& get() const noexcept { return node_ ? *node_ : always_node(); }

    static condition combine(condition_kind kind, std::vector<condition> parts, calendar_date d = {}) {
        std::size_t depth = 0;
        bool has_milestone = false;
        for (const condition& p : parts) {
            depth = std::max(depth, p.depth());
            has_milestone = has_milestone || p.depends_on_milestone();
        }
        if (depth + 1 > max_condition_depth) {
            throw invalid_argument_error(std::string("condition.").append(fundround::to_string(kind)) + " = nesting depth " +
                                         detail::digits(depth + 1) + ": must be at most " +
                                         detail::digits(max_condition_depth) +
                                         " levels deep (flatten it with all_of/any_of)");
        }
        combined_node* n = new combined_node;
        n->kind = kind;
        n->date = d;
        n->depth = static_cast<std::uint32_t>(depth + 1);
        n->has_milestone = has_milestone;
        n->deadline = combined_deadline(kind, parts, d);
        n->parts = std::move(parts);  // noexcept: nothing below can throw once n is allocated
        n->combined = &detail::combined_condition_operations;
        return condition(n);
    }
    // deadline() of a block of @p kind with @p parts (and long-stop @p d): a long stop binds its
    // part; all_of and any_of are bound only when every part is, by the latest such day;
    // negation is never bound.
    static std::optional<calendar_date> combined_deadline(condition_kind kind, const std::vector<condition>& parts,
                                                          calendar_date d) noexcept {
        switch (kind) {
            case condition_kind::long_stop: {
                const auto inner = parts.front().deadline();
                if (inner && *inner < d) return inner;
                return d;
            }
            case condition_kind::all_of:
            case condition_kind::any_of: {
                std::optional<calendar_date> latest;
                for (const auto& p : parts) {
                    const auto pd = p.deadline();
                    if (!pd) return std::nullopt;
                    if (!latest || *latest < *pd) latest = pd;
                }
                return latest;
            }
            default: return std::nullopt;
        }
    }
    void collect_milestones(std::vector<const std::string*>& out) const {
        if (kind() == condition_kind::milestone) out.push_back(&node_->name);
        for (const auto& p : parts()) p.collect_milestones(out);
    }

    // Appends to_string()'s text to @p out (one buffer for the whole tree), each all_of or any_of
    // showing at most @p part_limit of its parts (detail::append_combined_text).
    void append_text(std::string& out, std::size_t part_limit) const;

    // The status on @p day of lone node @p n, always() or on_or_after(): a matter of the date.
    static condition_status lone_time_status(const node& n, calendar_date day) noexcept {
        if (n.kind == condition_kind::always) return {condition_state::met, std::nullopt};
        if (day >= n.date) return {condition_state::met, n.date};
        return {condition_state::pending, std::nullopt};
    }

    friend struct detail::condition_access;

    detail::shared_ref<node> node_;  // null: always(); otherwise one reference to the node
};

namespace detail {
// What classify_condition() reads of a condition's node.
struct condition_access {
    // Frees combined node @p n (condition::node::destroy(), through the node's operations).
    static void destroy_combined(const void* n) noexcept { delete static_cast<const condition::combined_node*>(n); }
    // The outlook of @p c, built from parts (through its node), by day @p by; through @p cache
    // when not null.
    static condition_outlook combined_outlook(const condition& c, calendar_date close, calendar_date by,
                                              condition_outlook_cache* cache) {
        return c.node_->combined->outlook(c, close, by, cache);
    }
    // Appends the text of @p c to @p out (condition::to_string(), one buffer for a whole tree),
    // each all_of or any_of showing at most @p part_limit of its parts.
    static void append_text(const condition& c, std::string& out, std::size_t part_limit) {
        c.append_text(out, part_limit);
    }
    // @p c.evaluate(world_state(@p day)), @p day valid: the status on @p day in the world where no
    // milestone has settled. A lone condition is decided here, without a world_state, so a
    // program that never combines conditions compiles no world (nor its milestone records) to
    // classify its tranches; a combined one is evaluated through its node.
    static condition_status unsettled(const condition& c, calendar_date day) {
        const condition::node& n = c.get();
        if (n.combined != nullptr) return n.combined->unsettled(c, day);
        return n.kind == condition_kind::milestone ? condition_status{} : condition::lone_time_status(n, day);
    }
};
}  // namespace detail

/// Always met: the money is due at close.
[[nodiscard]] inline condition at_close() { return condition::always(); }
/// Met from @p d on.
[[nodiscard]] inline condition on_or_after(calendar_date d) { return condition::on_or_after(d); }
/// Met once the named milestone is achieved.
[[nodiscard]] inline condition milestone(std::string_view name) { return condition::milestone(name); }
/// Met when all parts are met.
[[nodiscard]] inline condition all_of(std::vector<condition> parts) { return condition::all_of(std::move(parts)); }
/// Met when any part is met.
[[nodiscard]] inline condition any_of(std::vector<condition> parts) { return condition::any_of(std::move(parts)); }
/// The opposite outcome.
[[nodiscard]] inline condition operator!(const condition& c) { return condition::negation(c); }
/// Both must be met.
[[nodiscard]] inline condition operator&&(const condition& a, const condition& b) {
    return condition::all_of({a, b});
}
/// Either may be met.
[[nodiscard]] inline condition operator||(const condition& a, const condition& b) {
    return condition::any_of({a, b});
}

namespace detail {
// Orders "since" dates where an empty value means "from the start" (earliest).
inline bool since_before(const std::optional<calendar_date>& a,
                         const std::optional<calendar_date>& b) {
    if (!a) return static_cast<bool>(b);
    if (!b) return false;
    return *a < *b;
}
}  // namespace detail

/// Caches the outlooks of combined conditions (all_of, any_of, not, a long-stop: those classified
/// by decision diagrams) by the condition's identity(), for one close date and horizon (the round
/// builder's: conditions are shared between many tranches); the conditions must outlive the cache.
class condition_outlook_cache {
public:
    /// An empty cache (it allocates nothing until the first insert()).
    condition_outlook_cache() noexcept = default;
    condition_outlook_cache(const condition_outlook_cache&) = delete;
    condition_outlook_cache& operator=(const condition_outlook_cache&) = delete;
    /// Frees what insert() stored.
    ~condition_outlook_cache() {
        if (store_ != nullptr) free_(store_);
    }

    /// The outlook cached for @p c, or null (valid until the next insert()).
    [[nodiscard]] const condition_outlook* find(const condition& c) const noexcept {
        if (store_ == nullptr) return nullptr;
        const std::uint32_t* at = store_->index.find(key(c));
        return at != nullptr ? &store_->outlooks[*at] : nullptr;
    }
    /// Caches @p o as the outlook of @p c (a condition already cached keeps its outlook).
    void insert(const condition& c, const condition_outlook& o) {
        if (store_ == nullptr) {
            store_ = new storage;
            free_ = [](storage* s) noexcept { delete s; };
        }
        if (store_->index.find_or_insert(key(c), static_cast<std::uint32_t>(store_->outlooks.size())) ==
            store_->outlooks.size()) {
            store_->outlooks.push_back(o);
        }
    }
    /// Number of conditions cached.
    [[nodiscard]] std::size_t size() const noexcept { return store_ != nullptr ? store_->outlooks.size() : 0; }

private:
    static std::uint64_t key(const condition& c) noexcept { return reinterpret_cast<std::uintptr_t>(c.identity()); }
    // Made by the first insert(), which also says how it is freed: only code that classifies
    // combined conditions inserts, so a program that never combines them compiles neither the
    // index nor the outlooks' vector beyond their declarations (the destructor calls free_).
    struct storage {
        detail::key_index index;
        std::vector<condition_outlook> outlooks;
    };
    storage* store_ = nullptr;
    void (*free_)(storage*) noexcept = nullptr;
};

inline condition_status condition::evaluate(const world_state& world) const {
    const node& n = get();
    if (n.combined != nullptr) return n.combined->evaluate(*this, world);
    switch (n.kind) {
        case condition_kind::always:
        case condition_kind::on_or_after: return lone_time_status(n, world.as_of());
        case condition_kind::milestone:
            if (auto a = world.achieved_on(n.name)) return {condition_state::met, a};
            if (auto f = world.failed_on(n.name)) return {condition_state::lapsed, f};
            return {condition_state::pending, std::nullopt};
        default: break;  // built from parts: above
    }
    return {condition_state::pending, std::nullopt};
}

namespace detail {
inline void destroy_combined(const void* n) noexcept { condition_access::destroy_combined(n); }

inline condition_status unsettled_combined(const condition& c, calendar_date day) {
    return evaluate_combined(c, world_state(day));
}

inline condition_status evaluate_combined(const condition& c, const world_state& world) {
    const std::vector<condition>& parts = c.parts();
    return combine_statuses(c.kind(), c.date().value_or(calendar_date{}), parts.size(), world.as_of(),
                            [&](std::size_t i) { return parts[i].evaluate(world); });
}

template <class StatusOf>
condition_status combine_statuses(condition_kind kind, calendar_date day, std::size_t part_count,
                                  calendar_date as_of, const StatusOf& status_of) {
    switch (kind) {
        case condition_kind::all_of: {
            bool all_met = true;
            bool any_lapsed = false;
            std::optional<calendar_date> met_since;     // latest
            std::optional<calendar_date> lapsed_since;  // earliest
            for (std::size_t i = 0; i < part_count; ++i) {
                const condition_status s = status_of(i);
                if (s.is_lapsed()) {
                    if (!any_lapsed || detail::since_before(s.since, lapsed_since)) lapsed_since = s.since;
                    any_lapsed = true;
                } else if (s.is_met()) {
                    if (detail::since_before(met_since, s.since)) met_since = s.since;
                } else {
                    all_met = false;
                }
            }
            if (any_lapsed) return {condition_state::lapsed, lapsed_since};
            if (all_met) return {condition_state::met, met_since};
            return {condition_state::pending, std::nullopt};
        }
        case condition_kind::any_of: {
            bool any_met = false;
            bool all_lapsed = true;
            std::optional<calendar_date> met_since;     // earliest
            std::optional<calendar_date> lapsed_since;  // latest
            for (std::size_t i = 0; i < part_count; ++i) {
                const condition_status s = status_of(i);
                if (s.is_met()) {
                    if (!any_met || detail::since_before(s.since, met_since)) met_since = s.since;
                    any_met = true;
                    all_lapsed = false;
                } else if (s.is_lapsed()) {
                    if (detail::since_before(lapsed_since, s.since)) lapsed_since = s.since;
                } else {
                    all_lapsed = false;
                }
            }
            if (any_met) return {condition_state::met, met_since};
            if (all_lapsed) return {condition_state::lapsed, lapsed_since};
            return {condition_state::pending, std::nullopt};
        }
        case condition_kind::negation: {
            const condition_status s = status_of(0);
            if (s.is_met()) return {condition_state::lapsed, s.since};
            if (s.is_lapsed()) return {condition_state::met, s.since};
            return {condition_state::pending, std::nullopt};
        }
        case condition_kind::long_stop: {
            const condition_status s = status_of(0);
            const auto lapse_day = next_day(day);
            if (s.is_met()) {
                if (!s.since || *s.since <= day) return s;
                return {condition_state::lapsed, lapse_day};
            }
            if (s.is_lapsed()) {
                if (s.since && lapse_day < *s.since) return {condition_state::lapsed, lapse_day};
                return s;
            }
            if (as_of > day) return {condition_state::lapsed, lapse_day};
            return {condition_state::pending, std::nullopt};
        }
        default: break;  // a lone condition: condition::evaluate()
    }
    return {condition_state::pending, std::nullopt};
}
}  // namespace detail

inline std::string condition::to_string() const {
    std::string text;
    append_text(text, detail::all_condition_parts);
    return text;
}

inline void condition::append_text(std::string& out, std::size_t part_limit) const {
    const node& n = get();
    if (n.combined != nullptr) {
        n.combined->append_text(*this, out, part_limit);
        return;
    }
    switch (n.kind) {
        case condition_kind::always: out += "at close"; return;
        case condition_kind::on_or_after:
            out += "on or after ";
            out += fundround::to_string(n.date);
            return;
        case condition_kind::milestone:
            out += "milestone \"";
            out += n.name;
            out += '"';
            return;
        default: break;  // built from parts: above
    }
    out += "unknown";
}

namespace detail {
inline void append_combined_text(const condition& c, std::string& out, std::size_t part_limit) {
    switch (c.kind()) {
        case condition_kind::all_of:
        case condition_kind::any_of: {
            const bool all = c.kind() == condition_kind::all_of;
            const std::size_t n = c.parts().size();
            if (n == 0) {
                out += all ? "always" : "never";
                return;
            }
            out += '(';
            for (std::size_t i = 0; i < n && i < part_limit; ++i) {
                if (i > 0) out += all ? " and " : " or ";
                condition_access::append_text(c.parts()[i], out, part_limit);
            }
            if (n > part_limit) {
                out += all ? " and ... (" : " or ... (";
                append_digits(out, n - part_limit, false, true);
                out += " more)";
            }
            out += ')';
            return;
        }
        case condition_kind::negation: {
            const condition& part = c.parts().front();
            const bool bracket = part.kind() == condition_kind::long_stop;
            out += bracket ? "not (" : "not ";
            condition_access::append_text(part, out, part_limit);
            if (bracket) out += ')';
            return;
        }
        case condition_kind::long_stop: {
            const condition& part = c.parts().front();
            const bool bracket = part.kind() == condition_kind::negation;
            if (bracket) out += '(';
            condition_access::append_text(part, out, part_limit);
            if (bracket) out += ')';
            out += " by ";
            out += fundround::to_string(*c.date());
            return;
        }
        default: break;  // a lone condition: condition::append_text()
    }
    out += "unknown";
}

/// Texts of conditions quoted in a one-line problem: up to this many characters, whole.
inline constexpr std::size_t condition_quote_limit = 1000;
/// Beyond condition_quote_limit, the parts an all_of or any_of shows before "... (N more)".
inline constexpr std::size_t condition_quote_parts = 3;

/// The text of @p c to quote in a one-line problem: to_string() when it has at most
/// condition_quote_limit characters; beyond, each all_of or any_of of more than
/// condition_quote_parts parts shortened to its first ones and "... (N more)" (a condition of
/// 10,000 milestones is not quoted whole).
[[nodiscard]] inline std::string quoted_condition(const condition& c) {
    std::string text = c.to_string();
    if (text.size() <= condition_quote_limit) return text;
    text.clear();
    condition_access::append_text(c, text, condition_quote_parts);
    return text;
}
}  // namespace detail

FUNDROUND_END_NAMESPACE

// The outlook of combined conditions (condition::combine() takes its address): compiled only in a
// program that combines conditions.
#include <fundround/detail/condition_diagram.hpp>

#endif  // FUNDROUND_DEAL_CONDITION_HPP
