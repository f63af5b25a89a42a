/// @file io/waterfall_report.hpp
/// @brief A liquidation waterfall printed for a person: payouts per class and per holder at
/// chosen exit values side by side, what each class does there, the breakpoint table
/// ("above $X, Series B converts"), and a group's payout after each round of a chain.
#ifndef FUNDROUND_IO_WATERFALL_REPORT_HPP
#define FUNDROUND_IO_WATERFALL_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// Adds to @p t a column per exit value: titled compact and exact ("$10M", "$9.1875M": two exit
/// values never share a title), named @p csv_prefix and the plain amount in the CSV
/// ("payout_10000000").
inline void add_exit_columns(report_table& t, const std::vector<money>& exits, const char* csv_prefix) {
    // 15 decimals: a mill of a trillion, so the compact text is always the amount itself.
    for (const money m : exits) t.column(format_compact(m, 15), true, csv_prefix + plain_amount(m));
}

/// The by-line table of print_waterfall() for @p target: line, kind, seniority, preference
/// (exact), the payout at each exit (whole mills), and the currency in the CSV; in the text a
/// total row equal to the exits.
[[nodiscard]] inline report_table waterfall_lines_table(const waterfall& w, const std::vector<money>& exits,
                                                        const std::vector<waterfall_payout>& payouts,
                                                        table_target target, int csv_decimals = 12) {
    const currency c = w.currency();
    report_table t(target, csv_decimals);
    t.column("Line", false, "line").column("Kind", false, "kind").column("Seniority", true, "seniority");
    t.column("Preference", true, "preference", 2);
    add_exit_columns(t, exits, "payout_");
    t.csv_column("currency").end_header();
    const std::string cur = to_string(c);
    for (std::size_t l = 0; l < w.lines().size(); ++l) {
        const waterfall_line& line = w.lines()[l];
        t.text(line.name).text(to_string(line.kind));
        if (line.has_preference()) {
            t.text(std::to_string(line.seniority)).units(line.preference, c, 3);
        } else {
            t.none().none();
        }
        for (const waterfall_payout& p : payouts) t.full_amount(p.by_line[l]);
        t.text(cur);
    }
    if (t.for_text()) {
        t.text("Total").text("").text("").units(w.total_preference(), c, 3);
        for (const waterfall_payout& p : payouts) t.full_amount(p.exit_value);
        t.text("");
    }
    return t;
}

/// The table of what each line does at each exit (print_waterfall()) for @p target: line and
/// a status per exit; in the text a last row with the value of a common share at each exit.
[[nodiscard]] inline report_table waterfall_status_table(const waterfall& w, const std::vector<money>& exits,
                                                         const std::vector<waterfall_payout>& payouts,
                                                         table_target target) {
    report_table t(target);
    t.column("Line", false, "line");
    add_exit_columns(t, exits, "status_");
    t.end_header();
    for (std::size_t l = 0; l < w.lines().size(); ++l) {
        t.text(w.lines()[l].name);
        for (const waterfall_payout& p : payouts) t.text(to_string(p.status[l]));
    }
    if (t.for_text()) {
        t.text("Value of a common share");
        for (const waterfall_payout& p : payouts) t.units(p.value_per_share, w.currency(), 4);
    }
    return t;
}

/// The value of a common share at each exit, for the CSV: exit value, share value (exact major
/// units, then a decimal), currency; one row per exit.
[[nodiscard]] inline report_table share_values_table(const waterfall& w, const std::vector<money>& exits,
                                                     const std::vector<waterfall_payout>& payouts,
                                                     table_target target, int csv_decimals = 12) {
    report_table t(target, csv_decimals);
    t.column("Exit value", true, "exit_value").column("Value of a common share", true, "share_value", 2);
    t.csv_column("currency").end_header();
    const std::string cur = to_string(w.currency());
    for (std::size_t i = 0; i < exits.size(); ++i) {
        t.full_amount(exits[i]).units(payouts[i].value_per_share, w.currency(), 4).text(cur);
    }
    return t;
}

/// The by-holder table of print_waterfall() for @p target: holder and net payout at each exit
/// (the currency in the CSV); in the text a total row. With @p exercise_paid, the exercise
/// prices paid in instead, for the holders who pay any, and no total row.
[[nodiscard]] inline report_table waterfall_holders_table(const waterfall& w, const std::vector<money>& exits,
                                                          const std::vector<waterfall_payout>& payouts,
                                                          table_target target, bool exercise_paid = false) {
    report_table t(target);
    t.column("Holder", false, "holder");
    add_exit_columns(t, exits, exercise_paid ? "exercise_paid_" : "payout_");
    t.csv_column("currency").end_header();
    const std::string cur = to_string(w.currency());
    for (std::size_t h = 0; h < w.holders().size(); ++h) {
        if (exercise_paid) {
            bool any = false;
            for (const waterfall_payout& p : payouts) any = any || !p.exercise_paid_by_holder[h].is_zero();
            if (!any) continue;
        }
        t.text(w.holder_names()[h]);
        for (const waterfall_payout& p : payouts) {
            t.full_amount(exercise_paid ? p.exercise_paid_by_holder[h] : p.by_holder[h]);
        }
        t.text(cur);
    }
    if (t.for_text() && !exercise_paid) {
        t.text("Total");
        for (const waterfall_payout& p : payouts) t.full_amount(p.exit_value);
        t.text("");
    }
    return t;
}

/// What append_aligned() writes for a table of @p rows rows (the header row first) and
/// @p right.size() columns whose cell (r, c) @p cell(text, r, c) appends to the string text,
/// written to @p os a line at a time: each cell is made twice (for the widths, then for its
/// line) and none is kept, so a table of many rows and columns costs one line of memory, not
/// the table's text.
template <class Cell>
void print_aligned_streamed(std::ostream& os, std::size_t rows, std::string_view right, std::string_view indent,
                            const Cell& cell) {
    const std::size_t columns = right.size();
    if (rows == 0 || columns == 0) return;
    std::vector<std::size_t> width(columns, 0);
    bool header = false;
    std::string text;
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            text.clear();
            cell(text, r, c);
            width[c] = std::max(width[c], display_width(text));
            if (r == 0 && !text.empty()) header = true;
        }
    }
    std::string line;
    for (std::size_t r = header ? 0 : 1; r < rows; ++r) {
        line.assign(indent.data(), indent.size());
        for (std::size_t c = 0; c < columns; ++c) {
            text.clear();
            cell(text, r, c);
            const bool right_aligned = right[c] == 'r';
            const std::size_t pad = c + 1 < columns || right_aligned ? width[c] - display_width(text) : 0;
            if (c > 0) line += "  ";
            if (right_aligned) line.append(pad, ' ');
            line += text;
            if (!right_aligned) line.append(pad, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        line += '\n';
        os << line;
    }
}

/// The by-holder table of print_waterfall() for @p holders holders at @p exits, streamed
/// (print_aligned_streamed()): @p amount(i, h, paid) gives holder h's net payout (paid false) or
/// exercise price paid in (paid true) at the i th exit; @p names the holders' names. With
/// @p exercise_paid the exercise prices, for the holders who pay any, and no total row.
template <class Amount>
void print_holders_streamed_by(std::ostream& os, const std::vector<std::string>& names, std::size_t holders,
                               const std::vector<money>& exits, const Amount& amount, bool exercise_paid,
                               std::string_view indent) {
    std::vector<std::size_t> shown;  // the holders with a row
    for (std::size_t h = 0; h < holders; ++h) {
        bool any = !exercise_paid;
        for (std::size_t i = 0; i < exits.size() && !any; ++i) any = !amount(i, h, true).is_zero();
        if (any) shown.push_back(h);
    }
    const bool total = !exercise_paid;
    const std::size_t rows = 1 + shown.size() + (total ? 1 : 0);
    const std::string right = "l" + std::string(exits.size(), 'r');
    print_aligned_streamed(os, rows, right, indent, [&](std::string& text, std::size_t r, std::size_t c) {
        if (r == 0) {
            if (c == 0) {
                text += "Holder";
            } else {
                append_compact(text, exits[c - 1], 15);
            }
        } else if (r == 1 + shown.size()) {
            if (c == 0) {
                text += "Total";
            } else {
                append_compact_if_exact(text, exits[c - 1], true);
            }
        } else if (c == 0) {
            text += names[shown[r - 1]];
        } else {
            append_compact_if_exact(text, amount(c - 1, shown[r - 1], exercise_paid), true);
        }
    });
}

/// waterfall_holders_table(w, exits, payouts, table_target::text, @p exercise_paid).print(os,
/// @p indent), streamed (print_aligned_streamed()): the same text without the table's cells, which
/// for many holders at many exits were most of print_waterfall()'s memory. The payouts are at
/// @p exits (checked by the caller: payouts[i].exit_value == exits[i]).
inline void print_holders_streamed(std::ostream& os, const waterfall& w, const std::vector<money>& exits,
                                   const std::vector<waterfall_payout>& payouts, bool exercise_paid, std::string_view indent) {
    print_holders_streamed_by(
        os, w.holder_names(), w.holders().size(), exits,
        [&](std::size_t i, std::size_t h, bool paid) {
            return paid ? payouts[i].exercise_paid_by_holder[h] : payouts[i].by_holder[h];
        },
        exercise_paid, indent);
}

/// print_holders_streamed() from @p payouts (waterfall_payouts: the amounts read one at a time).
inline void print_holders_streamed(std::ostream& os, const waterfall& w, const std::vector<money>& exits,
                                   const waterfall_payouts& payouts, bool exercise_paid, std::string_view indent) {
    print_holders_streamed_by(
        os, w.holder_names(), w.holders().size(), exits,
        [&](std::size_t i, std::size_t h, bool paid) {
            return paid ? payouts.exercise_paid_by_holder(i, h) : payouts.by_holder(i, h);
        },
        exercise_paid, indent);
}

/// The breakpoint table of print_breakpoints() for @p target: one row per event: the exit
/// value (exact), the value of a common share there (exact), the event and what starts. The
/// text shows a breakpoint's figures on its first event only, with the exact mills when they
/// are not whole; the CSV repeats them on every row (exact major units, then a decimal).
[[nodiscard]] inline report_table breakpoints_table(const std::vector<waterfall_breakpoint>& breakpoints, currency c,
                                                      table_target target, int csv_decimals = 12) {
    report_table t(target, csv_decimals);
    t.column("Exit value", true, "exit_value", 2).column("Exact (mills)", true, "", 0);
    t.column("Share value", true, "share_value", 2).column("Event", false, "event");
    t.column("What starts", false, "what_starts").csv_column("currency").end_header();
    const std::string cur = to_string(c);
    for (const waterfall_breakpoint& b : breakpoints) {
        bool first = true;
        for (const waterfall_event& e : b.events) {
            if (first || !t.for_text()) {
                t.units(b.exit_value, c, 3).text(b.exit_value.is_integer() ? "" : b.exit_value.to_string());
                t.units(b.value_per_share, c, 4);
            } else {
                t.none().none().none();
            }
            t.text(to_string(e.kind)).text(e.description).text(cur);
            first = false;
        }
    }
    return t;
}

/// breakpoints_table() of @p w's breakpoints.
[[nodiscard]] inline report_table breakpoints_table(const waterfall& w, table_target target, int csv_decimals = 12) {
    return breakpoints_table(w.breakpoints(), w.currency(), target, csv_decimals);
}

/// Every way the fields of @p p do not fit together (empty if they do): a row of payouts per
/// stage, a payout per exit value in each row.
[[nodiscard]] inline std::vector<diagnostic> chain_payouts_problems(const chain_payouts& p) {
    std::vector<diagnostic> out;
    if (p.payouts.size() != p.stages.size()) {
        out.push_back({field_path("payouts"), std::to_string(p.payouts.size()) + " rows",
                       "must hold one row per stage (" + std::to_string(p.stages.size()) + ")"});
    }
    for (std::size_t s = 0; s < p.payouts.size(); ++s) {
        if (p.payouts[s].size() != p.exit_values.size()) {
            out.push_back({field_path("payouts").index(s), std::to_string(p.payouts[s].size()) + " payouts",
                           "must hold one payout per exit value (" + std::to_string(p.exit_values.size()) + ")"});
        }
    }
    return out;
}

/// The table of print_payouts_by_round() for @p target: the cap table (start, after each
/// step: round or issue of shares between rounds) and the group's payout at each exit (the
/// currency in the CSV).
[[nodiscard]] inline report_table payouts_by_round_table(const chain_payouts& p, table_target target) {
    report_table t(target);
    t.column("Cap table", false, "cap_table");
    add_exit_columns(t, p.exit_values, "payout_");
    t.csv_column("currency").end_header();
    const std::string cur = p.exit_values.empty() ? std::string() : to_string(p.exit_values.front().currency());
    for (std::size_t s = 0; s < p.stages.size(); ++s) {
        t.text(p.stages[s]);
        for (const money m : p.payouts[s]) t.full_amount(m);
        t.text(cur);
    }
    return t;
}

/// Every way @p payouts do not fit @p w and @p exit_values (empty if they do): one payout per
/// exit value, at that exit value, each with an amount and a status per line of @p w and an
/// amount per holder (and, under option_exercise::paid_in, an exercise price paid per holder):
/// the tables index them by @p w's lines and holders.
/// With @p holders false the per-holder vectors are not checked (waterfall_payouts::without_holders()).
[[nodiscard]] inline std::vector<diagnostic> payouts_problems(const waterfall& w, const std::vector<money>& exit_values,
                                                              const std::vector<waterfall_payout>& payouts,
                                                              bool holders_checked = true) {
    std::vector<diagnostic> out;
    if (payouts.size() != exit_values.size()) {
        out.push_back({field_path("payouts"), std::to_string(payouts.size()) + " payouts",
                       "must hold one payout per exit value (" + std::to_string(exit_values.size()) + ")"});
    }
    const std::size_t lines = w.lines().size();
    const std::size_t holders = w.holders().size();
    for (std::size_t i = 0; i < payouts.size(); ++i) {
        const waterfall_payout& p = payouts[i];
        const field_path at = field_path("payouts").index(i);
        if (i < exit_values.size() && p.exit_value != exit_values[i]) {
            out.push_back({at.member("exit_value"), format_full(p.exit_value),
                           "must be exit_values[" + std::to_string(i) + "] = " + format_full(exit_values[i])});
        }
        const auto check_size = [&](const char* name, std::size_t size, std::size_t want, const char* per) {
            if (size != want) {
                out.push_back({at.member(name), std::to_string(size) + " entries",
                               std::string("must hold one per ") + per + " of the waterfall (" + std::to_string(want) + ")"});
            }
        };
        check_size("by_line", p.by_line.size(), lines, "line");
        check_size("status", p.status.size(), lines, "line");
        if (!holders_checked) continue;
        check_size("by_holder", p.by_holder.size(), holders, "holder");
        if (w.terms().exercise == option_exercise::paid_in) {
            check_size("exercise_paid_by_holder", p.exercise_paid_by_holder.size(), holders, "holder");
        }
    }
    return out;
}

}  // namespace detail

namespace detail {

/// print_waterfall()'s text from the payouts at @p exit_values without their per-holder vectors
/// (@p lines) and its by-holder tables written by @p holders(os, exercise_paid, indent).
template <class Holders>
void print_waterfall_with(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                          const std::vector<waterfall_payout>& lines, const Holders& holders) {
    const currency c = w.currency();
    os << "Liquidation waterfall (" << to_string(c) << "), exercise " << to_string(w.terms().exercise)
       << ", payouts rounded by " << to_string(w.terms().payouts) << "; total preference "
       << exact_units_text(w.total_preference(), c, 3) << '\n';
    os << "Exit values:";
    for (std::size_t i = 0; i < exit_values.size(); ++i) os << (i == 0 ? " " : ", ") << format_full(exit_values[i]);
    os << '\n';

    os << "\nBy class\n";
    waterfall_lines_table(w, exit_values, lines, table_target::text).print(os, "  ");
    os << "\nWhat each line does\n";
    waterfall_status_table(w, exit_values, lines, table_target::text).print(os, "  ");
    os << "\nBy holder\n";
    holders(os, false, "  ");
    if (w.terms().exercise == option_exercise::paid_in) {
        os << "\nExercise prices paid in (gross payout = net payout + exercise price)\n";
        holders(os, true, "  ");
    }
}

}  // namespace detail

/// print_waterfall() with the @p payouts at @p exit_values given (one per exit value, on @p w's
/// lines and holders: from outstanding_waterfall::at(), whose stages share their lines). Throws
/// validation_error listing every way @p payouts do not fit (their count, an exit value, the
/// number of lines or holders) before printing anything.
inline void print_waterfall(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                            const std::vector<waterfall_payout>& payouts) {
    if (std::vector<diagnostic> problems = detail::payouts_problems(w, exit_values, payouts); !problems.empty()) {
        throw validation_error("print_waterfall", std::move(problems));
    }
    detail::print_waterfall_with(os, w, exit_values, payouts, [&](std::ostream& out, bool paid, std::string_view indent) {
        detail::print_holders_streamed(out, w, exit_values, payouts, paid, indent);
    });
}

/// print_waterfall() with the compact @p payouts at @p exit_values given
/// (waterfall::payouts_at() or outstanding_waterfall::payouts_at()): the same text, without
/// every holder's payout at every exit held at once. Throws validation_error listing every way
/// @p payouts do not fit (their count, an exit value, the number of lines or holders) before
/// printing anything.
inline void print_waterfall(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                            const waterfall_payouts& payouts) {
    std::vector<diagnostic> problems = detail::payouts_problems(w, exit_values, payouts.without_holders(), false);
    if (payouts.holders() != w.holders().size()) {
        problems.push_back({field_path("payouts").member("holders"), std::to_string(payouts.holders()) + " holders",
                            "must be the waterfall's holders (" + std::to_string(w.holders().size()) + ")"});
    }
    if (!problems.empty()) throw validation_error("print_waterfall", std::move(problems));
    detail::print_waterfall_with(os, w, exit_values, payouts.without_holders(),
                                 [&](std::ostream& out, bool paid, std::string_view indent) {
                                     detail::print_holders_streamed(out, w, exit_values, payouts, paid, indent);
                                 });
}

/// Prints the waterfall of @p w at each of @p exit_values side by side: the terms (exercise
/// choice, payout rounding), by line (the class's preference, then its payout at each exit, in
/// whole mills, and a total row equal to the exit), what each line does at each exit, and by
/// holder (net payouts, a total row; under option_exercise::paid_in also the exercise prices
/// paid in). Throws validation_error listing every bad exit value.
inline void print_waterfall(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values) {
    print_waterfall(os, w, exit_values, w.at(exit_values));
}

/// print_breakpoints() of @p breakpoints in currency @p c (e.g.
/// outstanding_waterfall::breakpoints()).
inline void print_breakpoints(std::ostream& os, const std::vector<waterfall_breakpoint>& breakpoints, currency c) {
    os << "Breakpoints (" << to_string(c) << "): above each exit value, the event starts\n";
    detail::breakpoints_table(breakpoints, c, detail::table_target::text).print(os, "  ");
}

/// Prints the breakpoint table of @p w: each exit value where the payout function bends (in
/// major units to the mill, with the exact amount in mills when it is not whole), the value of
/// a common share there, and what starts above it, one event a row.
inline void print_breakpoints(std::ostream& os, const waterfall& w) { print_breakpoints(os, w.breakpoints(), w.currency()); }

/// Prints @p p (payouts_by_round()): the group's payout at each exit value (columns) on the cap
/// table at the start and after each step, round or issue of shares between rounds (rows),
/// headed by @p title ("" for "Payout of <the holders' ids> on the cap table after each
/// round", or "... after each step (round or issuance)" when @p p has issuances). Throws
/// validation_error, before printing anything, if @p p's rows do not match its stages and exit
/// values.
inline void print_payouts_by_round(std::ostream& os, const chain_payouts& p, const std::string& title = {}) {
    if (std::vector<diagnostic> problems = detail::chain_payouts_problems(p); !problems.empty()) {
        throw validation_error("print_payouts_by_round", std::move(problems));
    }
    if (title.empty()) {
        os << "Payout of ";
        for (std::size_t i = 0; i < p.holders.size(); ++i) os << (i == 0 ? "" : " + ") << p.holders[i].str();
        os << (p.has_issuances ? " on the cap table after each step (round or issuance)\n" : " on the cap table after each round\n");
    } else {
        os << title << '\n';
    }
    detail::payouts_by_round_table(p, detail::table_target::text).print(os, "  ");
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_WATERFALL_REPORT_HPP
