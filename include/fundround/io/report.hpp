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
#include <optional>
#include <ostream>
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
        const std::pair<const char*, int> fields[] = {{"percent_decimals", percent_decimals},
                                                      {"multiple_decimals", multiple_decimals}};
        for (const auto& [field, decimals] : fields) {
            if (decimals < 0 || decimals > 60) {
                detail::add_problem(out, field_path("report_options"), field, detail::signed_digits(decimals),
                                    "must be between 0 and 60");
            }
        }
        return out;
    }
};

namespace detail {

/// Throws the validation_error of print_summary() for @p opt, which is not valid.
[[noreturn]] FUNDROUND_COLD inline void throw_invalid_report_options(const report_options& opt) {
    throw validation_error("report options", opt.validate());
}

/// A figure of a summary line: an amount, or a fraction (a percentage or a multiple).
struct summary_figure {
    money amount;                     ///< The amount, when @ref ratio is null.
    const fraction* ratio = nullptr;  ///< The fraction (valid for the call that prints it).
};
/// The figure of amount @p m.
[[nodiscard]] inline summary_figure figure(money m) noexcept { return {m, nullptr}; }
/// The figure of fraction @p f (referred to: a temporary lives to the end of the call).
[[nodiscard]] inline summary_figure figure(const fraction& f) noexcept { return {money(), &f}; }

/// Appends @p pattern to @p out with each placeholder replaced by the next of @p figures: '$' an
/// amount (compact where exact, or in full with report_options::full_amounts), '%' a percentage,
/// '*' a multiple ("1.46x"), with the decimals of @p opt. The one writer of print_summary's
/// figures: each line is its pattern and its figures, no code per piece.
inline void append_figures(std::string& out, std::string_view pattern, std::initializer_list<summary_figure> figures,
                           const report_options& opt) {
    const summary_figure* f = figures.begin();
    for (const char c : pattern) {
        if (c == '$') {
            append_compact_if_exact(out, (f++)->amount, opt.full_amounts);
        } else if (c == '%' || c == '*') {
            const bool percent = c == '%';
            append_decimal(out, *(f++)->ratio, percent ? opt.percent_decimals : opt.multiple_decimals,
                           percent ? 2 : 0, rounding::half_even);
            out += percent ? '%' : 'x';
        } else {
            out += c;
        }
    }
}

/// Appends " (@p label)" to @p out unless @p label is empty.
inline void append_label(std::string& out, const std::string& label) {
    if (!label.empty()) out.append(" (").append(label).append(")");
}

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
        t.text(c.investor.is_lead() ? "true" : "false").text(kind_name(c.investor.kind()));
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
    // One row, dated or not.
    const auto row = [&t, full, cur](const disbursement& d) {
        if (const auto day = d.date()) {
            t.date(*day);
        } else {
            t.cell("undated", "");
        }
        t.text(d.investor()).amount(d.amount(), full).text(to_string(d.status()));
        t.text(condition_text(d)).amount(d.cumulative(), full).text(cur.code());
    };
    for (const auto& d : s.dated()) {
        if (as_of && *as_of < *d.date()) break;
        row(d);
    }
    if (as_of) return;
    for (const auto& d : s.undated()) row(d);
}

/// The text of summary(): appended to @p out, the options checked before anything is written.
inline void append_summary(std::string& out, const funding_round& round, const report_options& opt) {
    const auto valid = [](int decimals) { return decimals >= 0 && decimals <= 60; };
    if (!valid(opt.percent_decimals) || !valid(opt.multiple_decimals)) detail::throw_invalid_report_options(opt);
    const funding_round& r = round;

    std::string& line = out;
    line += r.name();
    line += " (";
    line.append(r.currency().code().data(), 3);
    line += "), closing ";
    detail::append_date(line, r.close_date());
    line += '\n';
    detail::text_table t;
    static constexpr detail::column_spec two_columns[] = {{"", false, ""}, {"", false, ""}};
    t.columns(two_columns, 2);  // no titles: no header row
    // Each headline row: its label, then its line of figures (one append_figures() call each).
    const auto row = [&t](std::string_view label) -> std::string& {
        t.add_cell(label);
        return t.add_cell();
    };
    using detail::append_figures;
    using detail::figure;
    append_figures(row("Pre-money"), "$", {figure(r.pre_money())}, opt);
    append_figures(row("Raised, committed"), "$ = $ at close + $ scheduled + $ conditional",
                   {figure(r.raised()), figure(r.raised_at_close()), figure(r.raised_scheduled()),
                    figure(r.raised_conditional())},
                   opt);
    append_figures(row("Post-money"), "$ committed, $ at close", {figure(r.post_money()), figure(r.post_money_at_close())},
                   opt);
    if (auto price = r.valuation().price()) row("Price per share") += price->display_string();
    if (r.prior_mark()) {
        std::string& cell = row("Step-up");
        append_figures(cell, "* pre-money, * post-money, vs $",
                       {figure(*r.step_up()), figure(*r.post_money_step_up()), figure(*r.prior_mark())}, opt);
        detail::append_label(cell, r.prior_mark_label());
    }
    if (r.prior_round()) {
        std::string& cell = row("Raise multiple");
        append_figures(cell, "* the prior round of $", {figure(*r.raise_multiple()), figure(*r.prior_round())}, opt);
        detail::append_label(cell, r.prior_round_label());
    }
    append_figures(row("New investors own"), "% committed, % at close",
                   {figure(r.new_investors_ownership()), figure(r.new_investors_ownership_at_close())}, opt);
    append_figures(row("Existing holders own"), "% committed, % at close",
                   {figure(r.existing_holders_ownership()), figure(r.existing_holders_ownership_at_close())}, opt);
    t.append_to(out, "  ");

    out += "\nInvestors\n";
    t.clear();
    detail::fill_investors_table(t, r, opt);
    t.append_to(out, "  ");
    out += "\nSchedule\n";
    t.clear();
    detail::fill_schedule_table(t, r, opt);
    t.append_to(out, "  ");
    const disbursement_schedule& s = r.schedule();
    append_figures(out, "  Dated $ + undated $ = $ committed\n",
                           {figure(s.dated_total()), figure(s.undated_total()), figure(s.total())}, opt);
}

}  // namespace detail

/// Prints @p round for a person: a header with the headline figures, then aligned tables of
/// investors and of the disbursement schedule, with totals that reconcile. Throws
/// validation_error listing every problem with @p opt before printing anything.
inline void print_summary(std::ostream& os, const funding_round& round, const report_options& opt = {}) {
    std::string text;
    detail::append_summary(text, round, opt);
    os << text;
}

/// Writes print_summary() with default options.
inline std::ostream& operator<<(std::ostream& os, const funding_round& r) {
    print_summary(os, r);
    return os;
}

/// print_summary() as a string.
[[nodiscard]] inline std::string summary(const funding_round& r, const report_options& opt = {}) {
    std::string text;
    detail::append_summary(text, r, opt);
    return text;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_REPORT_HPP
