/// @file deal/schedule.hpp
/// @brief The disbursement schedule: when each tranche's money is due, with running totals.
#ifndef FUNDROUND_DEAL_SCHEDULE_HPP
#define FUNDROUND_DEAL_SCHEDULE_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/detail/shared_ref.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How a tranche stands on the round's close date.
enum class funding_status {
    at_close,     ///< Condition met at close and due at close.
    scheduled,    ///< Certain whatever any milestone does, but due after close (by its date).
    conditional,  ///< Depends on a milestone that may never be achieved.
};

/// "at close", "scheduled" or "conditional".
[[nodiscard]] constexpr std::string_view to_string(funding_status s) noexcept {
    switch (s) {
        case funding_status::at_close: return "at close";
        case funding_status::scheduled: return "scheduled";
        case funding_status::conditional: return "conditional";
    }
    return "unknown";
}

/// Which amount of a tranche a payment pays.
enum class tranche_part {
    whole,     ///< The tranche's amount (its condition was met in time, or it has no fallback).
    fallback,  ///< A fallback tranche's fallback amount: its condition was not met by its settlement date.
};

/// "whole" or "fallback".
[[nodiscard]] constexpr std::string_view to_string(tranche_part p) noexcept {
    switch (p) {
        case tranche_part::whole: return "whole";
        case tranche_part::fallback: return "fallback";
    }
    return "unknown";
}

/// One investor's part of a round: the investor, its tranches and their totals by status.
struct commitment {
    fundround::investor investor;   ///< Who commits.
    std::vector<tranche> tranches;  ///< The payments, in the order given.
    money total;                    ///< Sum of the tranches.
    money at_close;                 ///< Tranches funded at close.
    money scheduled;                ///< Certain tranches due after close.
    money conditional;              ///< Tranches that depend on a milestone.
};

namespace detail {

/// The commitments a round and its schedule share: one immutable vector with its own atomic
/// reference count (an intrusive count, as condition's nodes: one pointer, and no
/// std::shared_ptr control block, allocator and virtual disposal to compile for it). Copies share
/// the vector; the last one destroys it. Null holds no commitments.
class shared_commitments {
public:
    /// No commitments.
    shared_commitments() noexcept = default;
    /// Takes @p items.
    explicit shared_commitments(std::vector<commitment> items) : ref_(new block{std::move(items)}) {}

    /// The commitments (an empty vector when null).
    [[nodiscard]] const std::vector<commitment>& items() const noexcept { return ref_ ? ref_->items : none(); }
    /// The first commitment, or null when null.
    [[nodiscard]] const commitment* data() const noexcept { return ref_ ? ref_->items.data() : nullptr; }

private:
    struct block {
        std::vector<commitment> items;
        mutable std::atomic<std::size_t> references{1};
        // Frees a block made with new (shared_ref's last reference).
        static void destroy(const block* b) noexcept { delete b; }
    };
    // The empty vector of a null holder: out of line, so that its guarded static is compiled once.
    FUNDROUND_NOINLINE static const std::vector<commitment>& none() noexcept {
        static const std::vector<commitment> empty;
        return empty;
    }

    shared_ref<block> ref_;  // copies share the block; a moved-from holder is null
};

}  // namespace detail

/// Where one tranche of a schedule's commitments stands: its status and the date of its entry.
struct schedule_placement {
    std::size_t investor_index = 0;                    ///< Position of the investor in the commitments.
    std::size_t tranche_index = 0;                     ///< Position of the tranche in the investor's list.
    funding_status status = funding_status::at_close;  ///< Standing at close.
    std::optional<calendar_date> date;                 ///< When the money is due; empty if undated.
};

namespace detail {
// One schedule entry as stored (24 bytes): the investor's name, the tranche's condition and
// fallback are read through the indices from the schedule's commitments, never copied. The
// amount is not stored: it is the running total minus the previous entry's (or, for the first
// entry of a list, minus the list's starting total: 0 for the dated entries, the dated total for
// the undated ones), exact since the running total is an overflow-checked sum of the amounts.
// While a schedule is being built, `cumulative` holds the entry's own amount until total_up().
struct schedule_entry {
    std::int64_t cumulative;   // units
    std::int32_t day;          // days since 1970-01-01 (dated entries)
    std::uint32_t investor;    // position in the commitments
    std::uint32_t tranche;     // position in the investor's tranches
    funding_status status;
};
}  // namespace detail

/// One entry of a disbursement schedule: one tranche of one investor, read through the
/// schedule (a light view: valid while the schedule, or the round holding it, lives).
///
/// A fallback tranche (see tranche::otherwise()) is one entry too, dated its settlement date: it
/// pays amount() then if when() is met by that date, *fallback() otherwise. Its fallback counts
/// as scheduled (certain) in the commitment, or at close when it settles on the close date, and
/// the rest as conditional; the entry's status is conditional.
struct disbursement {
public:
    /// When the money is due; empty if undated.
    [[nodiscard]] std::optional<calendar_date> date() const noexcept {
        if (!dated_) return std::nullopt;
        return calendar_date::from_day_number(e_->day);
    }
    /// The investor's name.
    [[nodiscard]] const std::string& investor() const noexcept { return source_[e_->investor].investor.name(); }
    /// Position of the investor in the round (in the schedule's commitments()).
    [[nodiscard]] std::size_t investor_index() const noexcept { return e_->investor; }
    /// Position of the tranche in the investor's list.
    [[nodiscard]] std::size_t tranche_index() const noexcept { return e_->tranche; }
    /// The tranche this entry pays.
    [[nodiscard]] const fundround::tranche& tranche() const noexcept {
        return source_[e_->investor].tranches[e_->tranche];
    }
    /// The amount of the tranche (if met, for a fallback tranche).
    [[nodiscard]] money amount() const noexcept { return money::from_units(e_->cumulative - before_, currency_); }
    /// When the amount is paid: the tranche's condition.
    [[nodiscard]] const condition& when() const noexcept { return tranche().condition(); }
    /// Standing at close.
    [[nodiscard]] funding_status status() const noexcept { return e_->status; }
    /// Running total up to and including this entry: dated entries first, then the undated ones
    /// continuing from the dated total, so the last entry's cumulative is the whole commitment.
    [[nodiscard]] money cumulative() const noexcept { return money::from_units(e_->cumulative, currency_); }
    /// Paid on date() instead if when() is not met by then; empty for an all-or-nothing tranche.
    [[nodiscard]] std::optional<money> fallback() const noexcept { return tranche().fallback(); }

private:
    friend class disbursement_list;
    disbursement(const detail::schedule_entry* e, std::int64_t before, const commitment* source, currency c,
                 bool dated) noexcept
        : e_(e), before_(before), source_(source), currency_(c), dated_(dated) {}

    const detail::schedule_entry* e_;
    std::int64_t before_;  // the running total before this entry (units)
    const commitment* source_;
    currency currency_;
    bool dated_;
};

/// The entry's condition as text: the condition, followed by ", otherwise <fallback>" for a
/// fallback tranche.
[[nodiscard]] inline std::string condition_text(const disbursement& d) {
    if (const auto f = d.fallback()) return detail::concat({d.when().to_string(), ", otherwise ", format_compact(*f)});
    return d.when().to_string();
}

/// The dated or the undated entries of a schedule: a random-access range of disbursement
/// values (read like a `const std::vector<disbursement>&`: size(), [], at(), front(), back(),
/// range-for). Valid while the schedule lives.
class disbursement_list {
public:
    /// A random-access iterator yielding disbursement values.
    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;  ///< Random access.
        using value_type = disbursement;                            ///< The entry.
        using difference_type = std::ptrdiff_t;                     ///< Distance.
        using reference = disbursement;                             ///< Entries are views, by value.
        /// Gives `it->amount()`.
        struct pointer {
            disbursement d;  ///< The entry.
            /// The entry.
            [[nodiscard]] const disbursement* operator->() const noexcept { return &d; }
        };

        /// A singular iterator.
        iterator() = default;
        /// The entry.
        [[nodiscard]] disbursement operator*() const noexcept { return list_->make(pos_); }
        /// The entry, for `it->`.
        [[nodiscard]] pointer operator->() const noexcept { return {**this}; }
        /// The entry @p n further on.
        [[nodiscard]] disbursement operator[](difference_type n) const noexcept { return *(*this + n); }
        /// Next entry.
        iterator& operator++() noexcept { ++pos_; return *this; }
        /// Next entry (postfix).
        iterator operator++(int) noexcept { iterator t = *this; ++pos_; return t; }
        /// Previous entry.
        iterator& operator--() noexcept { --pos_; return *this; }
        /// Previous entry (postfix).
        iterator operator--(int) noexcept { iterator t = *this; --pos_; return t; }
        /// Moves by @p n.
        iterator& operator+=(difference_type n) noexcept { pos_ = static_cast<std::size_t>(static_cast<difference_type>(pos_) + n); return *this; }
        /// Moves back by @p n.
        iterator& operator-=(difference_type n) noexcept { return *this += -n; }
        /// @p it moved by @p n.
        [[nodiscard]] friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
        /// @p it moved by @p n.
        [[nodiscard]] friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
        /// @p it moved back by @p n.
        [[nodiscard]] friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
        /// The distance from @p b to @p a.
        [[nodiscard]] friend difference_type operator-(iterator a, iterator b) noexcept {
            return static_cast<difference_type>(a.pos_) - static_cast<difference_type>(b.pos_);
        }
        /// Same position.
        [[nodiscard]] friend bool operator==(iterator a, iterator b) noexcept { return a.pos_ == b.pos_; }
        /// Different positions.
        [[nodiscard]] friend bool operator!=(iterator a, iterator b) noexcept { return a.pos_ != b.pos_; }
        /// Earlier position.
        [[nodiscard]] friend bool operator<(iterator a, iterator b) noexcept { return a.pos_ < b.pos_; }
        /// Later position.
        [[nodiscard]] friend bool operator>(iterator a, iterator b) noexcept { return a.pos_ > b.pos_; }
        /// Not later.
        [[nodiscard]] friend bool operator<=(iterator a, iterator b) noexcept { return a.pos_ <= b.pos_; }
        /// Not earlier.
        [[nodiscard]] friend bool operator>=(iterator a, iterator b) noexcept { return a.pos_ >= b.pos_; }

    private:
        friend class disbursement_list;
        iterator(const disbursement_list* list, std::size_t pos) noexcept : list_(list), pos_(pos) {}
        const disbursement_list* list_ = nullptr;
        std::size_t pos_ = 0;
    };
    using const_iterator = iterator;     ///< The same iterator.
    using value_type = disbursement;     ///< The entry.
    using size_type = std::size_t;       ///< A count.

    /// The number of entries.
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    /// True if there is no entry.
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    /// Entry @p i (i < size()).
    [[nodiscard]] disbursement operator[](std::size_t i) const noexcept { return make(i); }
    /// Entry @p i; throws invalid_argument_error unless i < size().
    [[nodiscard]] disbursement at(std::size_t i) const {
        if (i >= size_) {
            throw invalid_argument_error("index = " + detail::digits(i) + ": must be less than the " +
                                         detail::digits(size_) + " entries");
        }
        return make(i);
    }
    /// The first entry (not empty()).
    [[nodiscard]] disbursement front() const noexcept { return make(0); }
    /// The last entry (not empty()).
    [[nodiscard]] disbursement back() const noexcept { return make(size_ - 1); }
    /// The first entry.
    [[nodiscard]] iterator begin() const noexcept { return iterator(this, 0); }
    /// Past the last entry.
    [[nodiscard]] iterator end() const noexcept { return iterator(this, size_); }

private:
    friend class disbursement_schedule;
    disbursement_list(const detail::schedule_entry* first, std::size_t size, std::int64_t start,
                      const commitment* source, currency c, bool dated) noexcept
        : first_(first), size_(size), start_(start), source_(source), currency_(c), dated_(dated) {}
    disbursement make(std::size_t i) const noexcept {
        return disbursement(first_ + i, i == 0 ? start_ : first_[i - 1].cumulative, source_, currency_, dated_);
    }

    const detail::schedule_entry* first_;
    std::size_t size_;
    std::int64_t start_;  // the running total before the first entry (units)
    const commitment* source_;
    currency currency_;
    bool dated_;
};

/// A disbursement schedule: dated entries in date order (ties keep round order) and undated
/// conditional entries listed separately. Totals reconcile: dated + undated = committed.
///
/// Each entry is 24 bytes (the running total as an integer, the date as a day number, indices
/// into the commitments, which the schedule shares with its round; an entry's amount is the
/// difference of two running totals): see docs/decisions.md.
class disbursement_schedule {
public:
    /// An empty schedule in currency @p c.
    explicit disbursement_schedule(fundround::currency c = {})
        : dated_total_(money::zero(c)), undated_total_(money::zero(c)) {}

    /// The schedule of @p commitments' tranches placed by @p placements (in any order; a
    /// placement with a date is a dated entry): sorts the dated ones by date (ties in
    /// placement order) and fills in the running totals. Throws invalid_argument_error for a
    /// placement naming no tranche of @p commitments, a date that is not is_modelled(), or a
    /// tranche not in currency @p c; overflow_error if the total overflows.
    disbursement_schedule(std::vector<commitment> commitments, const std::vector<schedule_placement>& placements,
                          fundround::currency c)
        : source_(std::move(commitments)),
          dated_total_(money::zero(c)), undated_total_(money::zero(c)) {
        const std::vector<commitment>& cs = source_.items();
        if (placements.size() > 0xFFFFFFFFU) {
            throw invalid_argument_error("placements: " + detail::digits(placements.size()) +
                                         " entries; must be fewer than 2^32");
        }
        std::vector<std::uint64_t> keys;
        for (std::size_t i = 0; i < placements.size(); ++i) {
            const schedule_placement& p = placements[i];
            const std::string at = "placements[" + detail::digits(i) + "]";
            if (p.investor_index >= cs.size() || p.tranche_index >= cs[p.investor_index].tranches.size() ||
                cs.size() > 0xFFFFFFFFU || cs[p.investor_index].tranches.size() > 0xFFFFFFFFU) {
                throw invalid_argument_error(at + ": names no tranche of the commitments");
            }
            const money amount = cs[p.investor_index].tranches[p.tranche_index].amount();
            if (amount.currency() != c) {
                throw invalid_argument_error(at + ".amount = " + format_full(amount) + ": must be in " +
                                             to_string(c) + ", the schedule's currency");
            }
            if (p.date && !is_modelled(*p.date)) {
                throw invalid_argument_error(at + ".date = " + to_string(*p.date) + ": " + date_rule(*p.date));
            }
            const detail::schedule_entry e{amount.units(), p.date ? detail::day_number(*p.date) : 0,
                                           static_cast<std::uint32_t>(p.investor_index),
                                           static_cast<std::uint32_t>(p.tranche_index), p.status};
            if (p.date) {
                keys.push_back(sort_key(e.day, dated_.size()));
                dated_.push_back(e);
            } else {
                undated_.push_back(e);
            }
        }
        put_in_date_order(keys);
        total_up();
    }

    /// Dated entries, in date order.
    [[nodiscard]] disbursement_list dated() const noexcept {
        return disbursement_list(dated_.data(), dated_.size(), 0, source(), currency(), true);
    }
    /// Undated (conditional) entries, in round order.
    [[nodiscard]] disbursement_list undated() const noexcept {
        return disbursement_list(undated_.data(), undated_.size(), dated_total_.units(), source(), currency(), false);
    }
    /// The commitments the entries refer to (the round's commitments, shared).
    [[nodiscard]] const std::vector<commitment>& commitments() const noexcept {
        return source_.items();
    }
    /// The schedule's currency.
    [[nodiscard]] fundround::currency currency() const noexcept { return dated_total_.currency(); }
    /// Sum of the dated entries.
    [[nodiscard]] money dated_total() const noexcept { return dated_total_; }
    /// Sum of the undated entries.
    [[nodiscard]] money undated_total() const noexcept { return undated_total_; }
    /// Dated plus undated: the whole commitment.
    [[nodiscard]] money total() const { return dated_total_ + undated_total_; }
    /// Sum of dated entries due on or before @p d (conditions not evaluated). O(log n).
    [[nodiscard]] money due_through(calendar_date d) const {
        if (!is_modelled(d)) {  // rare: compare as calendar dates (every entry's date is modelled)
            const auto it = std::upper_bound(dated_.begin(), dated_.end(), d, [](calendar_date x, const detail::schedule_entry& e) {
                return x < calendar_date::from_day_number(e.day);
            });
            if (it == dated_.begin()) return money::zero(currency());
            return money::from_units(it[-1].cumulative, currency());
        }
        const std::int32_t day = detail::day_number(d);
        const auto it = std::upper_bound(dated_.begin(), dated_.end(), day,
                                         [](std::int32_t x, const detail::schedule_entry& e) { return x < e.day; });
        if (it == dated_.begin()) return money::zero(currency());
        return money::from_units(it[-1].cumulative, currency());
    }

private:
    friend class round_builder;
    // The round builder's entries: dated and undated in round order, each holding its amount in
    // `cumulative`, the first dated.size() of `keys` holding sort_key(day, position) of each dated
    // entry.
    disbursement_schedule(detail::shared_commitments source,
                          std::vector<detail::schedule_entry> dated, std::vector<detail::schedule_entry> undated,
                          std::vector<std::uint64_t>& keys, fundround::currency c)
        : source_(std::move(source)), dated_(std::move(dated)), undated_(std::move(undated)),
          dated_total_(money::zero(c)), undated_total_(money::zero(c)) {
        put_in_date_order(keys);
        total_up();
    }

    static std::uint64_t sort_key(std::int32_t day, std::size_t position) noexcept {
        const auto biased = static_cast<std::uint32_t>(static_cast<std::int64_t>(day) + (std::int64_t{1} << 31));
        return (std::uint64_t{biased} << 32) | static_cast<std::uint64_t>(position);
    }

    // Sorts the 8-byte keys (day, position) of the dated entries, the first dated_.size() of
    // @p keys, then gathers the dated entries in key order: the order of a stable sort by day, one
    // copy per entry. (Gathering reads the entries independently; following the permutation's
    // cycles in place chained one cache miss to the next and took three times as long at 10^6
    // entries.) The sort is on pointers, as every algorithm over index arrays in the library.
    void put_in_date_order(std::vector<std::uint64_t>& keys) {
        std::uint64_t* const first = keys.data();
        std::uint64_t* const last = first + dated_.size();
        std::sort(first, last);
        std::vector<detail::schedule_entry> sorted;
        sorted.reserve(dated_.size());
        for (const std::uint64_t* k = first; k != last; ++k) sorted.push_back(dated_[static_cast<std::size_t>(*k & 0xFFFFFFFFU)]);
        dated_ = std::move(sorted);
    }

    // Replaces each entry's amount (held in `cumulative` until now) with the running total.
    void total_up() {
        std::int64_t running = 0;
        for (auto& e : dated_) {
            running = detail::money_add(running, e.cumulative);
            e.cumulative = running;
        }
        dated_total_ = money::from_units(running, currency());
        std::int64_t undated = 0;
        for (auto& e : undated_) {
            undated = detail::money_add(undated, e.cumulative);
            running = detail::money_add(running, e.cumulative);  // undated entries continue the dated running total
            e.cumulative = running;
        }
        undated_total_ = money::from_units(undated, currency());
    }

    const commitment* source() const noexcept { return source_.data(); }

    detail::shared_commitments source_;  // shared with the round (and copies of both)
    std::vector<detail::schedule_entry> dated_;
    std::vector<detail::schedule_entry> undated_;
    money dated_total_;
    money undated_total_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_SCHEDULE_HPP
