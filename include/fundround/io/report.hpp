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
#include <fundround/time/calendar.hpp>

#include <initializer_list>
#include <iterator>
#include <optional>
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

/// Throws the validation_error of print_summary() for @p opt, which is not valid.
[[noreturn]] FUNDROUND_COLD inline void throw_invalid_report_options(const report_options& opt) {
    throw validation_error("report options", opt.validate());
}

/// Fills the cells of a text_table with the text and figures of print_summary(), one call per
/// piece (no string temporaries in print_summary itself: less code to compile).
class summary_cells {
public:
    summary_cells(text_table& table, const report_options& opt) : table_(table), opt_(opt) {}
    /// Starts a new row: a cell @p label, then the value cell, empty, to append to.
    summary_cells& row(std::string_view label) {
        table_.add_cell(label);
        current_ = &table_.add_cell();
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
        append_compact_if_exact(*current_, m, opt_.full_amounts);
        return *this;
    }
    /// Appends a percentage with the chosen decimals.
    summary_cells& pct(const fraction& f) {
        append_decimal(*current_, f, opt_.percent_decimals, 2, rounding::half_even);
        *current_ += '%';
        return *this;
    }
    /// Appends a multiple ("1.46x") with the chosen decimals.
    summary_cells& mult(const fraction& f) {
        append_decimal(*current_, f, opt_.multiple_decimals, 0, rounding::half_even);
        *current_ += 'x';
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

/// Fills @p t, a report_table or a text_table, with the investors table of print_summary():
/// investor, kind, committed, at close, scheduled, conditional, ownership committed and at close
/// (and in the text a total row; in the CSV whether the investor leads and the currency).
template <class Table>
void fill_investors_table(Table& t, const funding_round& r, const report_options& opt) {
    static constexpr column_spec columns[] = {
        {"Investor", false, "investor"},         {"", false, "lead", 1, false},
        {"Kind", false, "kind"},                 {"Committed", true, "committed"},
        {"At close", true, "at_close"},          {"Scheduled", true, "scheduled"},
        {"Conditional", true, "conditional"},    {"Owns committed", true, "owns_committed", 2},
        {"Owns at close", true, "owns_at_close", 2}, {"", false, "currency", 1, false},
    };
    t.columns(columns, std::size(columns));
    const bool full = opt.full_amounts;
    const int d = opt.percent_decimals;
    const currency cur = r.currency();
    for (const auto& c : r.commitments()) {
        const std::string& name = c.investor.name();
        t.cell(c.investor.is_lead() && t.for_text() ? name + " (lead)" : name, name);
        t.text(c.investor.is_lead() ? "true" : "false").text(to_string(c.investor.kind()));
        t.amount(c.total, full).amount(c.at_close, full).amount(c.scheduled, full).amount(c.conditional, full);
        t.percent(c.total.ratio_to(r.post_money()), d).percent(c.at_close.ratio_to(r.post_money_at_close()), d);
        t.text(cur.code());
    }
    if (t.for_text()) {
        t.text("Total").text("").text("").amount(r.raised(), full).amount(r.raised_at_close(), full);
        t.amount(r.raised_scheduled(), full).amount(r.raised_conditional(), full);
        t.percent(r.new_investors_ownership(), d).percent(r.new_investors_ownership_at_close(), d).text("");
    }
}

/// The investors table of print_summary() for @p target (see fill_investors_table()).
[[nodiscard]] inline report_table investors_table(const funding_round& r, const report_options& opt, table_target target,
                                                  int csv_decimals = 12) {
    report_table t(target, csv_decimals);
    fill_investors_table(t, r, opt);
    return t;
}

/// Fills @p t, a report_table or a text_table, with the schedule table of print_summary(): date
/// ("undated" in the text, empty in the CSV), investor, amount, status, condition, cumulative
/// (and the currency in the CSV). With @p as_of, only the dated entries due on or before it (the
/// last cumulative is then disbursement_schedule::due_through(*as_of)).
template <class Table>
void fill_schedule_table(Table& t, const funding_round& r, const report_options& opt,
                         std::optional<calendar_date> as_of = std::nullopt) {
    static constexpr column_spec columns[] = {
        {"Date", false, "date"},           {"Investor", false, "investor"},   {"Amount", true, "amount"},
        {"Status", false, "status"},       {"Condition", false, "condition"}, {"Cumulative", true, "cumulative"},
        {"", false, "currency", 1, false},
    };
    t.columns(columns, std::size(columns));
    const bool full = opt.full_amounts;
    const currency cur = r.currency();
    const disbursement_schedule& s = r.schedule();
    for (const auto& d : s.dated()) {
        if (as_of && *as_of < *d.date()) break;
        t.date(*d.date()).text(d.investor()).amount(d.amount(), full).text(to_string(d.status()));
        t.text(condition_text(d)).amount(d.cumulative(), full).text(cur.code());
    }
    if (as_of) return;
    for (const auto& d : s.undated()) {
        t.cell("undated", "").text(d.investor()).amount(d.amount(), full).text(to_string(d.status()));
        t.text(condition_text(d)).amount(d.cumulative(), full).text(cur.code());
    }
}

/// The schedule table of print_summary() for @p target (see fill_schedule_table()).
[[nodiscard]] inline report_table schedule_table(const funding_round& r, const report_options& opt, table_target target,
                                                 int csv_decimals = 12,
                                                 std::optional<calendar_date> as_of = std::nullopt) {
    report_table t(target, csv_decimals);
    fill_schedule_table(t, r, opt, as_of);
    return t;
}

}  // namespace detail

/// Prints @p r for a person: a header with the headline figures, then aligned tables of
/// investors and of the disbursement schedule, with totals that reconcile. Throws
/// validation_error listing every problem with @p opt before printing anything.
inline void print_summary(std::ostream& os, const funding_round& round, const report_options& opt = {}) {
    const auto valid = [](int decimals) { return decimals >= 0 && decimals <= 60; };
    if (!valid(opt.percent_decimals) || !valid(opt.multiple_decimals)) detail::throw_invalid_report_options(opt);
    const funding_round& r = round;

    std::string line = r.name();
    line += " (";
    line.append(r.currency().code().data(), 3);
    line += "), closing ";
    append_date(line, r.close_date());
    line += '\n';
    os << line;
    detail::text_table t;
    static constexpr detail::column_spec two_columns[] = {{"", false, ""}, {"", false, ""}};
    t.columns(two_columns, 2);  // no titles: no header row
    detail::summary_cells h(t, opt);
    h.row("Pre-money").amount(r.pre_money());
    h.row("Raised, committed").amount(r.raised()).text(" = ").amount(r.raised_at_close());
    h.text(" at close + ").amount(r.raised_scheduled()).text(" scheduled + ").amount(r.raised_conditional());
    h.text(" conditional");
    h.row("Post-money").amount(r.post_money()).text(" committed, ").amount(r.post_money_at_close());
    h.text(" at close");
    if (auto price = r.valuation().price()) h.row("Price per share").text(price->display_string());
    if (r.prior_mark()) {
        h.row("Step-up").mult(*r.step_up()).text(" pre-money, ").mult(*r.post_money_step_up());
        h.text(" post-money, vs ").amount(*r.prior_mark()).label(r.prior_mark_label());
    }
    if (r.prior_round()) {
        h.row("Raise multiple").mult(*r.raise_multiple()).text(" the prior round of ");
        h.amount(*r.prior_round()).label(r.prior_round_label());
    }
    h.row("New investors own").pct(r.new_investors_ownership()).text(" committed, ");
    h.pct(r.new_investors_ownership_at_close()).text(" at close");
    h.row("Existing holders own").pct(r.existing_holders_ownership()).text(" committed, ");
    h.pct(r.existing_holders_ownership_at_close()).text(" at close");
    t.print(os, "  ");

    os << "\nInvestors\n";
    t.clear();
    detail::fill_investors_table(t, r, opt);
    t.print(os, "  ");
    os << "\nSchedule\n";
    t.clear();
    detail::fill_schedule_table(t, r, opt);
    t.print(os, "  ");
    const disbursement_schedule& s = r.schedule();
    const bool full = opt.full_amounts;
    line = "  Dated ";
    detail::append_compact_if_exact(line, s.dated_total(), full);
    line += " + undated ";
    detail::append_compact_if_exact(line, s.undated_total(), full);
    line += " = ";
    detail::append_compact_if_exact(line, s.total(), full);
    line += " committed\n";
    os << line;
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
