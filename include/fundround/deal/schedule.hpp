/// @file deal/schedule.hpp
/// @brief The disbursement schedule: when each tranche's money is due, with running totals.
#ifndef FUNDROUND_DEAL_SCHEDULE_HPP
#define FUNDROUND_DEAL_SCHEDULE_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
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
[[nodiscard]] inline std::string to_string(funding_status s) {
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
[[nodiscard]] inline std::string to_string(tranche_part p) {
    switch (p) {
        case tranche_part::whole: return "whole";
        case tranche_part::fallback: return "fallback";
    }
    return "unknown";
}

/// One entry of a disbursement schedule: one tranche of one investor.
///
/// A fallback tranche (see tranche::otherwise()) is one entry too, dated its settlement date: it
/// pays `amount` then if `when` is met by that date, `*fallback` otherwise. Its fallback counts
/// as scheduled (certain) in the commitment and the rest as conditional; the entry's status is
/// conditional.
struct disbursement {
    std::optional<calendar_date> date;  ///< When the money is due; empty if undated.
    std::string investor;               ///< The investor's name.
    std::size_t investor_index = 0;     ///< Position of the investor in the round.
    std::size_t tranche_index = 0;      ///< Position of the tranche in the investor's list.
    money amount;                       ///< The amount of the tranche (if met, for a fallback tranche).
    condition when;                     ///< When the amount is paid.
    funding_status status = funding_status::at_close;  ///< Standing at close.
    /// Running total up to and including this entry: dated entries first, then the undated ones
    /// continuing from the dated total, so the last entry's cumulative is the whole commitment.
    money cumulative;
    std::optional<money> fallback;  ///< Paid on `date` instead if `when` is not met by then.
};

/// The entry's condition as text: the condition, followed by ", otherwise <fallback>" for a
/// fallback tranche.
[[nodiscard]] inline std::string condition_text(const disbursement& d) {
    if (d.fallback) return d.when.to_string() + ", otherwise " + format_compact(*d.fallback);
    return d.when.to_string();
}

/// A disbursement schedule: dated entries in date order (ties keep round order) and undated
/// conditional entries listed separately. Totals reconcile: dated + undated = committed.
class disbursement_schedule {
public:
    /// An empty schedule in currency @p c.
    explicit disbursement_schedule(currency c = {})
        : dated_total_(money::zero(c)), undated_total_(money::zero(c)) {}

    /// Builds the schedule from entries in round order; sorts the dated ones by date (stable)
    /// and fills in the running totals. Throws invalid_argument_error for a dated entry without
    /// a date.
    disbursement_schedule(std::vector<disbursement> dated, std::vector<disbursement> undated,
                          currency c)
        : dated_total_(money::zero(c)), undated_total_(money::zero(c)) {
        for (std::size_t i = 0; i < dated.size(); ++i) {
            if (!dated[i].date) {
                throw invalid_argument_error("dated[" + std::to_string(i) +
                                             "].date: is missing; undated entries go in the undated list");
            }
        }
        // Sort 8-byte keys (day, position), not the entries, then move each entry once: the
        // same order as a stable sort by date.
        std::vector<std::uint64_t> keys;
        keys.reserve(dated.size());
        for (std::size_t i = 0; i < dated.size(); ++i) {
            const auto day = static_cast<std::uint32_t>(
                static_cast<std::int64_t>(date::sys_days{*dated[i].date}.time_since_epoch().count()) +
                (std::int64_t{1} << 31));
            keys.push_back((std::uint64_t{day} << 32) | static_cast<std::uint64_t>(i));
        }
        std::sort(keys.begin(), keys.end());
        dated_.reserve(dated.size());
        for (const std::uint64_t k : keys) dated_.push_back(std::move(dated[static_cast<std::size_t>(k & 0xFFFFFFFFU)]));
        undated_ = std::move(undated);
        total_up();
    }

    /// Marks entries already in schedule order (see the constructor taking it).
    struct in_order_t {
        explicit in_order_t() = default;
    };
    /// Marks entries already in schedule order.
    static constexpr in_order_t in_order{};
    /// Builds the schedule from dated entries already in date order (ties in round order) and
    /// undated entries in round order, filling in the running totals; the round builder sorts
    /// small keys and creates the entries in order.
    disbursement_schedule(in_order_t, std::vector<disbursement> dated, std::vector<disbursement> undated, currency c)
        : dated_(std::move(dated)), undated_(std::move(undated)), dated_total_(money::zero(c)),
          undated_total_(money::zero(c)) {
        total_up();
    }

    /// Dated entries, in date order.
    [[nodiscard]] const std::vector<disbursement>& dated() const noexcept { return dated_; }
    /// Undated (conditional) entries, in round order.
    [[nodiscard]] const std::vector<disbursement>& undated() const noexcept { return undated_; }
    /// Sum of the dated entries.
    [[nodiscard]] money dated_total() const noexcept { return dated_total_; }
    /// Sum of the undated entries.
    [[nodiscard]] money undated_total() const noexcept { return undated_total_; }
    /// Dated plus undated: the whole commitment.
    [[nodiscard]] money total() const { return dated_total_ + undated_total_; }
    /// Sum of dated entries due on or before @p d (conditions not evaluated). O(log n).
    [[nodiscard]] money due_through(calendar_date d) const {
        const std::vector<disbursement>& dated = dated_;
        const auto it = std::upper_bound(dated.begin(), dated.end(), d,
                                         [](calendar_date x, const disbursement& e) { return x < *e.date; });
        if (it == dated.begin()) return money::zero(dated_total_.currency());
        return std::prev(it)->cumulative;
    }

private:
    void total_up() {
        for (auto& d : dated_) {
            dated_total_ += d.amount;
            d.cumulative = dated_total_;
        }
        money running = dated_total_;  // undated entries continue the dated running total
        for (auto& d : undated_) {
            undated_total_ += d.amount;
            running += d.amount;
            d.cumulative = running;
        }
    }

    std::vector<disbursement> dated_;
    std::vector<disbursement> undated_;
    money dated_total_;
    money undated_total_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_SCHEDULE_HPP
