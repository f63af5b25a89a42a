/// @file io/report.hpp
/// @brief A plain-text summary of a round: headline figures, investors and the schedule.
#ifndef FUNDROUND_IO_REPORT_HPP
#define FUNDROUND_IO_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/schedule.hpp>

#include <initializer_list>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Choices for print_summary().
struct report_options {
    int percent_decimals = 4;   ///< Digits after the point in percentages.
    int multiple_decimals = 2;  ///< Digits after the point in multiples ("1.46x").
    /// Always exact amounts ("$15,000,000,000.00"). When false, amounts print compact ("$15B")
    /// wherever the compact form is exact and in full otherwise, so the printed totals add up.
    bool full_amounts = false;

    /// Every problem with these options (empty if they are valid): each count of decimals must be
    /// between 0 and 60, the range fraction's decimal texts accept.
    [[nodiscard]] std::vector<diagnostic> validate() const {
        std::vector<diagnostic> out;
        const auto check = [&out](const char* field, int decimals) {
            if (decimals < 0 || decimals > 60) {
                detail::add_problem(out, field_path("report_options"), field, std::to_string(decimals),
                                    "must be between 0 and 60");
            }
        };
        check("percent_decimals", percent_decimals);
        check("multiple_decimals", multiple_decimals);
        return out;
    }
};

namespace detail {

/// Fills the cells of a text_table with the text and figures of print_summary(), one call per
/// piece (no string temporaries in print_summary itself: less code to compile).
class summary_cells {
public:
    summary_cells(text_table& table, const report_options& opt) : table_(table), opt_(opt) {}
    /// Starts a new cell holding @p text.
    summary_cells& cell(std::string_view text = {}) {
        current_ = &table_.add_cell(text);
        return *this;
    }
    /// Appends @p text to the current cell.
    summary_cells& text(std::string_view text) {
        current_->append(text.data(), text.size());
        return *this;
    }
    /// Appends an amount, compact only when it is exact, so every figure printed adds up
    /// ($1.004M prints in full).
    summary_cells& amount(money m) {
        *current_ += compact_if_exact(m, opt_.full_amounts);
        return *this;
    }
    /// Appends a percentage with the chosen decimals.
    summary_cells& pct(const fraction& f) {
        *current_ += f.to_percent_string(opt_.percent_decimals);
        return *this;
    }
    /// Appends a multiple ("1.46x") with the chosen decimals.
    summary_cells& mult(const fraction& f) {
        *current_ += f.to_multiple_string(opt_.multiple_decimals);
        return *this;
    }
    /// Appends " (@p label)" unless @p label is empty.
    summary_cells& label(const std::string& label) {
        if (!label.empty()) current_->append(" (").append(label).append(")");
        return *this;
    }

private:
    text_table& table_;
    const report_options& opt_;
    std::string* current_ = nullptr;
};

}  // namespace detail

/// Prints @p r for a person: a header with the headline figures, then aligned tables of
/// investors and of the disbursement schedule, with totals that reconcile. Throws
/// validation_error listing every problem with @p opt before printing anything.
inline void print_summary(std::ostream& os, const funding_round& round, const report_options& opt = {}) {
    if (std::vector<diagnostic> problems = opt.validate(); !problems.empty()) {
        throw validation_error("report options", std::move(problems));
    }
    const funding_round& r = round;

    os << detail::concat({r.name(), " (", to_string(r.currency()), "), closing ", to_string(r.close_date()), "\n"});
    detail::text_table head({"", ""}, {false, false});
    detail::summary_cells h(head, opt);
    h.cell("Pre-money").cell().amount(r.pre_money());
    h.cell("Raised, committed").cell().amount(r.raised()).text(" = ").amount(r.raised_at_close());
    h.text(" at close + ").amount(r.raised_scheduled()).text(" scheduled + ").amount(r.raised_conditional());
    h.text(" conditional");
    h.cell("Post-money").cell().amount(r.post_money()).text(" committed, ").amount(r.post_money_at_close());
    h.text(" at close");
    if (auto price = r.valuation().price()) h.cell("Price per share").cell(price->to_string());
    if (r.prior_mark()) {
        h.cell("Step-up").cell().mult(*r.step_up()).text(" pre-money, ").mult(*r.post_money_step_up());
        h.text(" post-money, vs ").amount(*r.prior_mark()).label(r.prior_mark_label());
    }
    if (r.prior_round()) {
        h.cell("Raise multiple").cell().mult(*r.raise_multiple()).text(" the prior round of ");
        h.amount(*r.prior_round()).label(r.prior_round_label());
    }
    h.cell("New investors own").cell().pct(r.new_investors_ownership()).text(" committed, ");
    h.pct(r.new_investors_ownership_at_close()).text(" at close");
    h.cell("Existing holders own").cell().pct(r.existing_holders_ownership()).text(" committed, ");
    h.pct(r.existing_holders_ownership_at_close()).text(" at close");
    head.print(os, "  ");

    os << "\nInvestors\n";
    detail::text_table inv({"Investor", "Kind", "Committed", "At close", "Scheduled", "Conditional",
                            "Owns committed", "Owns at close"},
                           {false, false, true, true, true, true, true, true});
    detail::summary_cells i(inv, opt);
    for (const auto& c : r.commitments()) {
        i.cell(c.investor.name()).text(c.investor.is_lead() ? " (lead)" : "").cell(to_string(c.investor.kind()));
        i.cell().amount(c.total).cell().amount(c.at_close).cell().amount(c.scheduled).cell().amount(c.conditional);
        i.cell().pct(c.total.ratio_to(r.post_money())).cell().pct(c.at_close.ratio_to(r.post_money_at_close()));
    }
    i.cell("Total").cell().cell().amount(r.raised()).cell().amount(r.raised_at_close());
    i.cell().amount(r.raised_scheduled()).cell().amount(r.raised_conditional());
    i.cell().pct(r.new_investors_ownership()).cell().pct(r.new_investors_ownership_at_close());
    inv.print(os, "  ");

    const disbursement_schedule& s = r.schedule();
    os << "\nSchedule\n";
    detail::text_table sched({"Date", "Investor", "Amount", "Status", "Condition", "Cumulative"},
                             {false, false, true, false, false, true});
    detail::summary_cells e(sched, opt);
    for (const auto& d : s.dated()) {
        e.cell(to_string(*d.date())).cell(d.investor()).cell().amount(d.amount()).cell(to_string(d.status()));
        e.cell(condition_text(d)).cell().amount(d.cumulative());
    }
    for (const auto& d : s.undated()) {
        e.cell("undated").cell(d.investor()).cell().amount(d.amount()).cell(to_string(d.status()));
        e.cell(condition_text(d)).cell().amount(d.cumulative());
    }
    sched.print(os, "  ");
    const bool full = opt.full_amounts;
    os << detail::concat({"  Dated ", detail::compact_if_exact(s.dated_total(), full), " + undated ",
                          detail::compact_if_exact(s.undated_total(), full), " = ",
                          detail::compact_if_exact(s.total(), full), " committed\n"});
}

/// Writes print_summary() with default options.
inline std::ostream& operator<<(std::ostream& os, const funding_round& r) {
    print_summary(os, r);
    return os;
}

/// print_summary() as a string.
[[nodiscard]] inline std::string summary(const funding_round& r, const report_options& opt = {}) {
    std::ostringstream os;
    print_summary(os, r, opt);
    return os.str();
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_REPORT_HPP
