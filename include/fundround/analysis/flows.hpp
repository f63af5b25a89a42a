/// @file analysis/flows.hpp
/// @brief Money flowing both ways between the company and one counterparty: dated cash flows,
/// counter-commitments (company -> counterparty) and the net-flow view by year and by date.
/// Data only: present values are in analysis/present_value.hpp, printing in io/flows_report.hpp.
#ifndef FUNDROUND_ANALYSIS_FLOWS_HPP
#define FUNDROUND_ANALYSIS_FLOWS_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/time/installments.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/time/timeline.hpp>


#include <algorithm>
#include <cstddef>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// One dated payment. The direction is given by where it is used (money in or money out);
/// the amount itself is positive.
struct cash_flow {
    calendar_date date;  ///< The day the money moves.
    money amount;        ///< How much moves (positive).
    std::string label;   ///< What the payment is, e.g. "Amazon tranche 1 (at close)".

    /// True if date, amount and label are all equal.
    [[nodiscard]] friend bool operator==(const cash_flow& a, const cash_flow& b) {
        return a.date == b.date && a.amount == b.amount && a.label == b.label;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const cash_flow& a, const cash_flow& b) {
        return !(a == b);
    }
};

/// "2026-02-27 $15,000,000,000.00 Amazon tranche 1" (the label is omitted when empty).
[[nodiscard]] inline std::string to_string(const cash_flow& flow) {
    const cash_flow& f = flow;
    std::string text = to_string(f.date) + " " + format_full(f.amount);
    if (!f.label.empty()) text += " " + f.label;
    return text;
}

/// Writes to_string(@p f).
inline std::ostream& operator<<(std::ostream& os, const cash_flow& f) {
    return os << to_string(f);
}

namespace detail {

/// Appends a diagnostic for every invalid date (or one after 9999-12-31), non-positive amount or
/// currency other than
/// @p expected among @p flows; fields are named <field>[i].date / <field>[i].amount.
inline void check_cash_flows(const std::vector<cash_flow>& flows, const field_path& field, currency expected,
                      std::vector<diagnostic>& problems) {
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const field_path at = field.index(i);
        if (!is_modelled(flows[i].date)) {
            problems.push_back({at.member("date"), to_string(flows[i].date),
                                flows[i].date.ok() ? date_rule(flows[i].date) : "must be a valid calendar date"});
        }
        if (flows[i].amount.currency() != expected) {
            problems.push_back({at.member("amount"), to_string(flows[i].amount),
                                "must be in " + to_string(expected) + " like the other flows"});
        } else if (!flows[i].amount.is_positive()) {
            problems.push_back({at.member("amount"), to_string(flows[i].amount), "must be positive"});
        }
    }
}

/// The exact sum of @p flows (positive amounts in one currency @p c), added in input order;
/// throws overflow_error naming the flow ("<what>: <field>[i].<leaf>") that takes the sum past
/// the largest money.
inline money checked_total(const std::vector<cash_flow>& flows, currency c, const std::string& what,
                           const char* field, const char* leaf) {
    money::rep sum = 0;
    constexpr money::rep max = (std::numeric_limits<money::rep>::max)();
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const money::rep units = flows[i].amount.units();
        if (sum > max - units) {
            throw overflow_error(what + ": " + field + "[" + std::to_string(i) + "]." + leaf + " = " +
                                 format_full(flows[i].amount) + ": takes the total past " +
                                 format_full(money::from_units(max, c)) + ", the largest amount (those before it total " +
                                 format_full(money::from_units(sum, c)) + ")");
        }
        sum += units;
    }
    return money::from_units(sum, c);
}

/// Stable sort by date: flows on the same day keep their input order.
inline void sort_by_date(std::vector<cash_flow>& flows) {
    std::stable_sort(flows.begin(), flows.end(),
                     [](const cash_flow& a, const cash_flow& b) { return a.date < b.date; });
}

}  // namespace detail

/// A commercial commitment from the company to a counterparty ("AWS cloud contract growth" to
/// "Amazon"), with its own dated schedule of payments. Immutable once built; the flows are kept
/// in date order and total() is exactly their sum.
class counter_commitment {
public:
    /// A commitment paid as @p flows. Validates everything at once and throws validation_error
    /// listing every problem: empty name or counterparty, no flows, an invalid date, an amount
    /// that is not positive or not in the first flow's currency; then overflow_error naming the
    /// flow that takes the total past the largest money.
    counter_commitment(std::string name, std::string counterparty, std::vector<cash_flow> flows)
        : name_(std::move(name)), counterparty_(std::move(counterparty)), flows_(std::move(flows)) {
        std::vector<diagnostic> problems;
        if (name_.empty()) problems.push_back({field_path("name"), "", "must not be empty"});
        if (counterparty_.empty()) problems.push_back({field_path("counterparty"), "", "must not be empty"});
        if (flows_.empty()) {
            problems.push_back({field_path("flows"), "", "must hold at least one payment"});
        } else {
            detail::check_cash_flows(flows_, field_path("flows"), flows_.front().amount.currency(), problems);
        }
        if (!problems.empty()) {
            throw validation_error("counter_commitment \"" + name_ + "\"", std::move(problems));
        }
        total_ = detail::checked_total(flows_, flows_.front().amount.currency(),
                                       "counter_commitment \"" + name_ + "\"", "flows", "amount");
        detail::sort_by_date(flows_);
    }

    /// A commitment paid as an installments() or installments_between() schedule; the k-th of
    /// n payments is labelled "<name> k/n". Validated as the other constructor does.
    [[nodiscard]] static counter_commitment from_installments(std::string name, std::string counterparty,
                                                const std::vector<installment>& payments) {
        std::vector<cash_flow> flows;
        flows.reserve(payments.size());
        const std::string of = "/" + std::to_string(payments.size());
        for (std::size_t k = 0; k < payments.size(); ++k) {
            flows.push_back(cash_flow{payments[k].date, payments[k].amount,
                                      name + " " + std::to_string(k + 1) + of});
        }
        return counter_commitment(std::move(name), std::move(counterparty),
                                                        std::move(flows));
    }

    /// What the commitment is, e.g. "AWS cloud contract growth".
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// Who receives the payments, e.g. "Amazon".
    [[nodiscard]] const std::string& counterparty() const noexcept { return counterparty_; }
    /// The payments, in date order (same-day payments in input order).
    [[nodiscard]] const std::vector<cash_flow>& flows() const noexcept { return flows_; }
    /// The exact sum of the payments.
    [[nodiscard]] money total() const noexcept { return total_; }
    /// The currency of every payment.
    [[nodiscard]] fundround::currency currency() const noexcept { return total_.currency(); }
    /// The date of the first payment.
    [[nodiscard]] calendar_date first_date() const { return flows_.front().date; }
    /// The date of the last payment.
    [[nodiscard]] calendar_date last_date() const { return flows_.back().date; }

private:

    std::string name_;
    std::string counterparty_;
    std::vector<cash_flow> flows_;
    money total_;
};

/// One calendar year of a net-flow view, seen from the company.
struct flow_year {
    int year = 0;           ///< The calendar year, e.g. 2026.
    money money_in;         ///< Paid by the counterparty to the company during the year.
    money money_out;        ///< Paid by the company to the counterparty during the year.
    money net;              ///< money_in - money_out.
    money cumulative_net;   ///< Net from the first flow to the end of this year.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const flow_year& a, const flow_year& b) {
        return a.year == b.year && a.money_in == b.money_in && a.money_out == b.money_out &&
               a.net == b.net && a.cumulative_net == b.cumulative_net;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const flow_year& a, const flow_year& b) {
        return !(a == b);
    }
};

/// Money flowing both ways between the company and one counterparty, seen from the company:
/// money in is paid by the counterparty to the company (equity tranches), money out is paid by
/// the company to the counterparty (counter-commitments), and net = money in - money out.
///
/// Year table and cumulative figures are computed once; net_position() and the as-of sums
/// answer in O(log n) by binary search over per-date prefix sums. Totals reconcile exactly:
/// the years sum to the totals and the net position after the last flow is the total net.
class net_flows {
public:
    /// The view for @p counterparty. Validates everything at once and throws validation_error
    /// listing every problem: empty counterparty, no flow on either side, a money-in flow with
    /// an invalid date, a non-positive amount or another currency, a commitment to someone else
    /// or in another currency; then overflow_error naming the money-in flow or the commitment
    /// that takes a side's total past the largest money. The currency is that of the first
    /// money-in flow (else of the first commitment).
    net_flows(std::string counterparty, std::vector<cash_flow> money_in,
              std::vector<counter_commitment> commitments)
        : counterparty_(std::move(counterparty)),
          money_in_(std::move(money_in)),
          commitments_(std::move(commitments)) {
        validate();
        detail::sort_by_date(money_in_);
        std::vector<cash_flow>& out = money_out_;
        for (const counter_commitment& c : commitments_) {
            out.insert(out.end(), c.flows().begin(), c.flows().end());
        }
        detail::sort_by_date(money_out_);
        build();
    }

    /// Who the company exchanges money with, e.g. "Amazon".
    [[nodiscard]] const std::string& counterparty() const noexcept { return counterparty_; }
    /// The currency of every flow.
    [[nodiscard]] fundround::currency currency() const noexcept { return total_in_.currency(); }
    /// Money the counterparty pays to the company, in date order.
    [[nodiscard]] const std::vector<cash_flow>& money_in() const noexcept { return money_in_; }
    /// Money the company pays to the counterparty: every commitment's flows, in date order.
    [[nodiscard]] const std::vector<cash_flow>& money_out() const noexcept { return money_out_; }
    /// The commitments that make up money_out(), as given.
    [[nodiscard]] const std::vector<counter_commitment>& commitments() const noexcept { return commitments_; }

    /// Everything the counterparty pays the company.
    [[nodiscard]] money total_in() const noexcept { return total_in_; }
    /// Everything the company pays the counterparty.
    [[nodiscard]] money total_out() const noexcept { return total_out_; }
    /// total_in() - total_out(): positive when the company receives more than it pays.
    [[nodiscard]] money total_net() const { return total_in_ - total_out_; }

    /// One row per calendar year from the first flow's year to the last one's (years without
    /// flows included, with zeros); the rows sum exactly to the totals.
    [[nodiscard]] const std::vector<flow_year>& by_year() const noexcept { return years_; }

    /// Money in on or before @p on (inclusive); O(log n). Throws for an invalid date.
    [[nodiscard]] money money_in_as_of(calendar_date on) const { return cumulative_at(cumulative_in_, on); }
    /// Money out on or before @p on (inclusive); O(log n). Throws for an invalid date.
    [[nodiscard]] money money_out_as_of(calendar_date on) const { return cumulative_at(cumulative_out_, on); }
    /// Net position at the end of day @p on: money in minus money out of every flow dated on or
    /// before it; O(log n). Throws invalid_argument_error for an invalid date.
    [[nodiscard]] money net_position(calendar_date on) const {
        return money_in_as_of(on) - money_out_as_of(on);
    }

private:
    void validate() {
        std::vector<diagnostic> problems;
        if (counterparty_.empty()) problems.push_back({field_path("counterparty"), "", "must not be empty"});
        if (money_in_.empty() && commitments_.empty()) {
            problems.push_back({field_path("money_in"), "", "there must be at least one flow: money_in and "
                                                "commitments are both empty"});
        }
        const fundround::currency c = !money_in_.empty() ? money_in_.front().amount.currency()
                                      : !commitments_.empty() ? commitments_.front().currency()
                                                              : fundround::currency{};
        detail::check_cash_flows(money_in_, field_path("money_in"), c, problems);
        for (std::size_t i = 0; i < commitments_.size(); ++i) {
            const field_path at = field_path("commitments").index(i);
            if (commitments_[i].counterparty() != counterparty_) {
                problems.push_back({at.member("counterparty"), commitments_[i].counterparty(),
                                    "must be \"" + counterparty_ + "\" like the view"});
            }
            if (commitments_[i].currency() != c) {
                problems.push_back({at.member("currency"), to_string(commitments_[i].currency()),
                                    "must be " + to_string(c) + " like the other flows"});
            }
        }
        if (!problems.empty()) {
            throw validation_error("net_flows \"" + counterparty_ + "\"", std::move(problems));
        }
        // Both totals in input order, so that an overflow names the flow or commitment it is at.
        const std::string what = "net_flows \"" + counterparty_ + "\"";
        (void)detail::checked_total(money_in_, c, what, "money_in", "amount");
        std::vector<cash_flow> totals;
        totals.reserve(commitments_.size());
        for (const counter_commitment& cc : commitments_) totals.push_back({cc.first_date(), cc.total(), cc.name()});
        (void)detail::checked_total(totals, c, what, "commitments", "total");
        total_in_ = money::zero(c);
        total_out_ = money::zero(c);
    }

    void build() {
        // Per distinct date: cumulative in and out (merge of two sorted lists).
        std::vector<calendar_date>& dates = dates_;
        std::vector<money>& cumulative_in = cumulative_in_;
        std::vector<money>& cumulative_out = cumulative_out_;
        std::vector<flow_year>& years = years_;
        std::size_t i = 0;
        std::size_t o = 0;
        money in = total_in_;
        money out = total_out_;
        while (i < money_in_.size() || o < money_out_.size()) {
            const bool take_in =
                o == money_out_.size() || (i < money_in_.size() && money_in_[i].date <= money_out_[o].date);
            const calendar_date d = take_in ? money_in_[i].date : money_out_[o].date;
            while (i < money_in_.size() && money_in_[i].date == d) in += money_in_[i++].amount;
            while (o < money_out_.size() && money_out_[o].date == d) out += money_out_[o++].amount;
            dates.push_back(d);
            cumulative_in.push_back(in);
            cumulative_out.push_back(out);
        }
        total_in_ = in;
        total_out_ = out;
        // Year rows from the first year to the last; each year's sums are differences of the
        // cumulative sums at its last date, so the rows reconcile exactly with the totals.
        const int first = static_cast<int>(dates_.front().year());
        const int last = static_cast<int>(dates_.back().year());
        money prev_in = money::zero(currency());
        money prev_out = money::zero(currency());
        std::size_t k = 0;
        for (int y = first; y <= last; ++y) {
            while (k < dates_.size() && static_cast<int>(dates_[k].year()) == y) ++k;
            const money cum_in = k == 0 ? prev_in : cumulative_in_[k - 1];
            const money cum_out = k == 0 ? prev_out : cumulative_out_[k - 1];
            const money year_in = cum_in - prev_in;
            const money year_out = cum_out - prev_out;
            years.push_back(flow_year{y, year_in, year_out, year_in - year_out, cum_in - cum_out});
            prev_in = cum_in;
            prev_out = cum_out;
        }
    }

    [[nodiscard]] money cumulative_at(const std::vector<money>& cumulative, calendar_date on) const {
        require_valid(on, "net_flows: date");
        const std::vector<calendar_date>& dates = dates_;
        const auto it = std::upper_bound(dates.begin(), dates.end(), on);
        if (it == dates.begin()) return money::zero(currency());
        return cumulative[static_cast<std::size_t>(it - dates.begin()) - 1];
    }

    std::string counterparty_;
    std::vector<cash_flow> money_in_;
    std::vector<counter_commitment> commitments_;
    std::vector<cash_flow> money_out_;
    std::vector<calendar_date> dates_;      // distinct flow dates, ascending
    std::vector<money> cumulative_in_;      // money in on or before dates_[k]
    std::vector<money> cumulative_out_;     // money out on or before dates_[k]
    std::vector<flow_year> years_;
    money total_in_;
    money total_out_;
};

/// The payments @p investor makes into the company in @p timeline (a round replayed in one
/// world: see round_timeline and scenario_result::timeline()), as cash flows in date order,
/// labelled "equity, tranche k" (1-based; " (fallback)" added when a fallback tranche pays its
/// fallback, its condition not met by its settlement date: one payment either way). Throws
/// invalid_argument_error if the investor is not in the round.
[[nodiscard]] inline std::vector<cash_flow> equity_flows(const round_timeline& timeline, std::string_view investor) {
    const std::vector<std::string>& names = timeline.investors();
    if (std::find(names.begin(), names.end(), investor) == names.end()) {
        detail::throw_unknown_investor(investor, "is not in the round", &names, names.size(), detail::string_at);
    }
    std::vector<cash_flow> out;
    for (const payment& p : timeline.payments()) {
        if (p.investor != investor) continue;
        std::string label = "equity, tranche " + std::to_string(p.tranche_index + 1);
        if (p.part != tranche_part::whole) label.append(" (").append(to_string(p.part)).append(")");
        out.push_back(cash_flow{p.date, p.amount, std::move(label)});
    }
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_ANALYSIS_FLOWS_HPP
