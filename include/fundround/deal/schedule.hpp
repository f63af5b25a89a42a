/// @file deal/schedule.hpp
/// @brief The disbursement schedule: when each tranche's money is due, with running totals.
#ifndef FUNDROUND_DEAL_SCHEDULE_HPP
#define FUNDROUND_DEAL_SCHEDULE_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/numeric/money.hpp>

#include <algorithm>
#include <cstddef>
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
inline std::string to_string(funding_status s) {
    switch (s) {
        case funding_status::at_close: return "at close";
        case funding_status::scheduled: return "scheduled";
        case funding_status::conditional: return "conditional";
    }
    return "unknown";
}

/// Which part of a tranche a schedule entry pays.
enum class tranche_part {
    whole,     ///< The whole tranche (an all-or-nothing tranche).
    fallback,  ///< The fallback amount, paid once the condition is met or lapses, whichever first.
    excess,    ///< The amount above the fallback, paid only if the condition is met.
};

/// "whole", "fallback" or "excess".
inline std::string to_string(tranche_part p) {
    switch (p) {
        case tranche_part::whole: return "whole";
        case tranche_part::fallback: return "fallback";
        case tranche_part::excess: return "excess";
    }
    return "unknown";
}

/// One entry of a disbursement schedule: one tranche of one investor, or one part of a tranche
/// with a fallback amount (see tranche::otherwise()).
struct disbursement {
    std::optional<calendar_date> date;  ///< When the money is due; empty if undated.
    std::string investor;               ///< The investor's name.
    std::size_t investor_index = 0;     ///< Position of the investor in the round.
    std::size_t tranche_index = 0;      ///< Position of the tranche in the investor's list.
    money amount;                       ///< The amount of the tranche, or of this part of it.
    condition when;                     ///< When this amount is paid (for a fallback part: `c || !c`).
    funding_status status = funding_status::at_close;  ///< Standing at close.
    /// Running total up to and including this entry: dated entries first, then the undated ones
    /// continuing from the dated total, so the last entry's cumulative is the whole commitment.
    money cumulative;
    tranche_part part = tranche_part::whole;  ///< Which part of the tranche this entry pays.
};

/// The entry's condition as text: the condition itself for a whole tranche, "<c>, met or lapsed
/// (fallback)" for a fallback part and "<c> (excess over the fallback)" for an excess part.
inline std::string condition_text(const disbursement& d) {
    switch (d.part) {
        case tranche_part::whole: break;
        case tranche_part::fallback:
            // The builder gives a fallback part the condition `c || !c`: name c once.
            if (!d.when.parts().empty()) return d.when.parts().front().to_string() + ", met or lapsed (fallback)";
            break;
        case tranche_part::excess: return d.when.to_string() + " (excess over the fallback)";
    }
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
    /// and fills in the running totals.
    disbursement_schedule(std::vector<disbursement> dated, std::vector<disbursement> undated,
                          currency c)
        : dated_(std::move(dated)), undated_(std::move(undated)),
          dated_total_(money::zero(c)), undated_total_(money::zero(c)) {
        for (std::size_t i = 0; i < dated_.size(); ++i) {
            if (!dated_[i].date) {
                throw invalid_argument_error("dated[" + std::to_string(i) +
                                             "].date: is missing; undated entries go in the undated list");
            }
        }
        // Sort small (day, position) keys, not the 112-byte entries, then move each entry once:
        // same order as a stable sort by date, a fraction of the memory traffic.
        std::vector<std::pair<date::sys_days, std::size_t>> keys;
        keys.reserve(dated_.size());
        for (std::size_t i = 0; i < dated_.size(); ++i) keys.emplace_back(date::sys_days{*dated_[i].date}, i);
        std::sort(keys.begin(), keys.end());
        std::vector<disbursement> sorted;
        sorted.reserve(dated_.size());
        for (const auto& k : keys) sorted.push_back(std::move(dated_[k.second]));
        dated_ = std::move(sorted);
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

    /// Dated entries, in date order.
    const std::vector<disbursement>& dated() const noexcept { return dated_; }
    /// Undated (conditional) entries, in round order.
    const std::vector<disbursement>& undated() const noexcept { return undated_; }
    /// Sum of the dated entries.
    money dated_total() const noexcept { return dated_total_; }
    /// Sum of the undated entries.
    money undated_total() const noexcept { return undated_total_; }
    /// Dated plus undated: the whole commitment.
    money total() const { return dated_total_ + undated_total_; }
    /// Sum of dated entries due on or before @p d (conditions not evaluated). O(log n).
    money due_through(calendar_date d) const {
        const std::vector<disbursement>& dated = dated_;
        const auto it = std::upper_bound(dated.begin(), dated.end(), d,
                                         [](calendar_date x, const disbursement& e) { return x < *e.date; });
        if (it == dated.begin()) return money::zero(dated_total_.currency());
        return std::prev(it)->cumulative;
    }

private:
    std::vector<disbursement> dated_;
    std::vector<disbursement> undated_;
    money dated_total_;
    money undated_total_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_SCHEDULE_HPP
