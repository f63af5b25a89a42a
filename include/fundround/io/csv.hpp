/// @file io/csv.hpp
/// @brief CSV export (RFC 4180) of every table the reports print: the round's investors and
/// disbursement schedule, the cap table by holder and by class and a change of it (by holder and
/// by class), share valuations, net flows, the waterfall at exit values (by line, by holder,
/// statuses, share values, exercise prices) and its breakpoints, payouts by round, priced
/// rounds, rounds on a cap table, chains and conversions.
///
/// Each table comes from the same model as its printed report (detail::report_table), so the
/// CSV has the report's columns and rows; the text's total rows are left out (the CSV's rows
/// add up to them exactly). The fields are for a machine, never through floating point:
/// - amounts in major units, plain decimal digits, no grouping, no symbol, no trailing zeros
///   ("15000000000", "1234.567", "-0.5"); the ISO code in a `currency` column;
/// - share counts as integers ("1000000");
/// - fractions exact as "n/d" ("5/84"; "1" when whole) in the column named for the value, and
///   in a `<name>_decimal` column as a decimal with csv_options::decimals digits, rounded half
///   to even ("0.059523809524"); ownership is a fraction of 1, not a percentage;
/// - amounts that need not be whole mills (breakpoints, share values, preferences): the exact
///   decimal when it has one ("1234.567"), else "n/d" of major units, and a `_decimal` column;
/// - dates ISO 8601 ("2026-06-30"); an empty field where the text says "n/a", "new", "undated".
/// Rows end in CRLF (RFC 4180) unless csv_options::line_ending says LF; a field holding a comma,
/// a double quote, CR or LF is quoted, its quotes doubled; every row has as many fields as the
/// header. Text is written as given (UTF-8).
#ifndef FUNDROUND_IO_CSV_HPP
#define FUNDROUND_IO_CSV_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/pay_to_play.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/io/conversion_report.hpp>
#include <fundround/io/flows_report.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/io/report.hpp>
#include <fundround/io/waterfall_report.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/time/calendar.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How CSV rows end.
enum class csv_line_ending {
    crlf,  ///< "\r\n", as RFC 4180 says (the default; what spreadsheets expect).
    lf,    ///< "\n", for Unix tools and files kept in git (readers such as pandas take both).
};

namespace detail {
/// csv_line_ending's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view csv_line_ending_names[] = {"crlf", "lf"};
}  // namespace detail

/// Choices for the CSV functions.
struct csv_options {
    csv_line_ending line_ending = csv_line_ending::crlf;  ///< How rows end.
    /// Digits after the point in the `_decimal` columns (0 to 60), rounded half to even; the exact
    /// value is always in the column beside.
    int decimals = 12;
    /// Start with a UTF-8 byte order mark, which Excel needs to read non-ASCII names as UTF-8
    /// (most other readers do not want it).
    bool byte_order_mark = false;

    /// Every problem with these options (empty if they are valid).
    [[nodiscard]] std::vector<diagnostic> validate() const {
        std::vector<diagnostic> out;
        if (decimals < 0 || decimals > 60) {
            detail::add_problem(out, field_path("csv_options"), "decimals", std::to_string(decimals),
                                "must be between 0 and 60");
        }
        detail::check_known_enum(out, field_path("csv_options").member("line_ending"), line_ending, detail::csv_line_ending_names);
        return out;
    }
};

/// True if @p field must be quoted in CSV: it holds a comma, a double quote, CR or LF.
[[nodiscard]] inline bool csv_needs_quotes(std::string_view field) noexcept {
    return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

/// @p field as one CSV field: as is, or quoted with its double quotes doubled if it needs it.
[[nodiscard]] inline std::string csv_field(std::string_view field) {
    if (!csv_needs_quotes(field)) return std::string(field);
    std::string out;
    out.reserve(field.size() + 2);
    out += '"';
    for (const char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

/// @p fields as one CSV row, fields quoted as needed, ending in @p ending (invalid_argument_error
/// for a line ending outside the enumeration).
[[nodiscard]] inline std::string csv_row(const std::vector<std::string>& fields,
                                         csv_line_ending ending = csv_line_ending::crlf) {
    detail::require_known_enum("line_ending", ending, detail::csv_line_ending_names);
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        line += csv_field(fields[i]);
    }
    line += ending == csv_line_ending::crlf ? "\r\n" : "\n";
    return line;
}

namespace detail {

/// The investors table of print_summary() for @p target (see fill_investors_table()): what
/// write_investors_csv() writes.
[[nodiscard]] inline report_table investors_table(const funding_round& r, const report_options& opt, table_target target,
                                                  int csv_decimals = 12) {
    report_table t(target, csv_decimals);
    fill_investors_table(t, r, opt);
    return t;
}

/// The schedule table of print_summary() for @p target (see fill_schedule_table()): what
/// write_schedule_csv() writes.
[[nodiscard]] inline report_table schedule_table(const funding_round& r, const report_options& opt, table_target target,
                                                 int csv_decimals = 12,
                                                 std::optional<calendar_date> as_of = std::nullopt) {
    report_table t(target, csv_decimals);
    fill_schedule_table(t, r, opt, as_of);
    return t;
}

/// Throws validation_error listing @p problems (if any) of the CSV of @p what.
inline void require_no_csv_problems(const char* what, std::vector<diagnostic> problems) {
    if (!problems.empty()) throw validation_error(what, std::move(problems));
}

/// Throws validation_error if @p opt has problems.
inline void require_valid_csv_options(const csv_options& opt) { require_no_csv_problems("csv options", opt.validate()); }

/// Writes @p t (built for the CSV) to @p os: the byte order mark if asked, then the header and
/// each row. Throws invalid_argument_error for a table with a row cut short (a bug in the table's
/// builder: every row must have the header's fields).
inline void write_csv_table(std::ostream& os, const report_table& t, const csv_options& opt) {
    if (!t.complete()) throw invalid_argument_error("CSV table: the last row is incomplete (a report table's builder bug)");
    if (opt.byte_order_mark) os << "\xEF\xBB\xBF";
    const std::vector<std::string>& cells = t.cells();
    const std::size_t width = t.width();
    std::vector<std::string> row;
    for (std::size_t first = 0; width > 0 && first + width <= cells.size(); first += width) {
        row.assign(cells.begin() + static_cast<std::ptrdiff_t>(first),
                   cells.begin() + static_cast<std::ptrdiff_t>(first + width));
        os << csv_row(row, opt.line_ending);
    }
}

/// What @p write writes to a string stream, as a string.
template <class Write>
[[nodiscard]] std::string csv_text(Write write) {
    std::ostringstream os;
    write(os);
    return os.str();
}

/// Runs waterfall::at(@p exits) for the CSV; throws one validation_error listing the problems of
/// @p opt and every bad exit value together.
[[nodiscard]] inline std::vector<waterfall_payout> csv_payouts(const waterfall& w, const std::vector<money>& exits,
                                                               const csv_options& opt) {
    std::vector<diagnostic> problems = opt.validate();
    std::vector<waterfall_payout> payouts;
    try {
        payouts = w.at(exits);
    } catch (const validation_error& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    require_no_csv_problems("waterfall CSV", std::move(problems));
    return payouts;
}

/// The anti-dilution table of chain_adjustments_csv(), for the CSV: one row per round with
/// protected series (adjustment(i) not null) and per series, in the order of
/// anti_dilution_adjustment::series(): the figures operator<< prints for the adjustment, exact;
/// a_convertibles is the part of `a` that is SAFEs and notes converting in the round (empty unless
/// the broad base counts convertibles).
/// An issue of shares between rounds with protected series (round_chain_result::issuances()) has
/// its rows in its place among the rounds; the round column names each step as chain_csv()'s
/// columns do (chain_stage_names()).
[[nodiscard]] inline report_table chain_adjustments_table(const round_chain_result& chain, int csv_decimals = 12) {
    report_table t(table_target::csv, csv_decimals);
    t.csv_column("round").csv_column("series").csv_column("method").csv_column("base").csv_column("adjusted");
    t.csv_column("reason").csv_column("a").csv_column("a_convertibles").csv_column("b").csv_column("b_decimal").csv_column("c");
    t.csv_column("issue_price", 2).csv_column("conversion_price_before", 2).csv_column("conversion_price_exact", 2);
    t.csv_column("conversion_price_after", 2).csv_column("conversion_price_decimals").csv_column("conversion_price_mode");
    t.csv_column("ratio_before", 2);
    t.csv_column("ratio_after", 2).csv_column("as_converted_before").csv_column("as_converted_after");
    t.csv_column("additional").csv_column("as_converted_mode").csv_column("currency").end_header();
    // Each step with an adjustment, in the chain's order, named as the chain CSV's columns name it
    // (chain_stage_names(): an unnamed issue by its holder, a label two steps share with its step).
    const std::vector<std::string> names = chain_stage_names(chain);
    std::vector<std::pair<const anti_dilution_adjustment*, const std::string*>> steps;
    for (std::size_t s = 0; s < chain.steps().size(); ++s) {
        const chain_step& st = chain.steps()[s];
        const anti_dilution_adjustment* a =
            st.kind == chain_step_kind::round ? chain.adjustment(st.index) : chain.issuances()[st.index].adjustment();
        if (a != nullptr) steps.emplace_back(a, &names[s + 1]);
    }
    const currency cur = chain.final_table().currency();
    for (const auto& [a, name] : steps) {
        const std::optional<price_precision>& rounded = a->conversion_price_rounding();
        for (const series_adjustment& s : a->series()) {
            t.text(*name).text(s.series).text(to_string(s.method)).text(s.base);
            t.text(s.adjusted ? "true" : "false").text(s.reason).shares(s.a);
            if (s.a_counts_convertibles) {
                t.shares(s.a_convertibles);
            } else {
                t.none();
            }
            if (s.method == anti_dilution_method::broad_based_weighted_average ||
                s.method == anti_dilution_method::narrow_based_weighted_average) {
                // B = consideration / CP1 exactly, as the text prints it (its terms may pass 128 bits)
                const big_rational consideration(s.consideration_units);
                const big_rational cp1(s.cp1_units);
                const big_rational b(consideration.numerator() * cp1.denominator(),
                                     consideration.denominator() * cp1.numerator());
                t.text(b.to_string()).text(b.to_decimal_string(csv_decimals, rounding::half_even));
            } else {
                t.none().none();
            }
            t.shares(s.c).units(s.issue_price_units, cur, 4).units(s.cp1_units, cur, 4);
            if (s.exact_cp2_units) {
                t.units(*s.exact_cp2_units, cur, 4);
            } else {
                t.none();  // beyond the 128-bit fraction: conversion_price_after is rounded from it
            }
            t.units(s.cp2_units, cur, 4);
            if (rounded) {
                t.text(std::to_string(rounded->decimals)).text(to_string(rounded->mode));
            } else {
                t.none().none();  // kept exact
            }
            t.exact(s.ratio_before).exact(s.ratio_after);
            t.shares(s.as_converted_before).shares(s.as_converted_after).shares(s.additional());
            t.text(to_string(a->share_rounding())).text(to_string(cur));  // the text's "floor per holding"
        }
    }
    return t;
}

/// The pay-to-play table of chain_pay_to_play_csv(): one row per round with pay-to-play
/// (pay_to_play(i) not null) and per holder of a term's series, in the order of
/// pay_to_play_conversions::holders(): the figures operator<< prints for the conversions, exact.
[[nodiscard]] inline report_table chain_pay_to_play_table(const round_chain_result& chain, int csv_decimals = 12) {
    report_table t(table_target::csv, csv_decimals);
    t.csv_column("round").csv_column("holder_id").csv_column("holder").csv_column("series").csv_column("held");
    t.csv_column("offered", 2).csv_column("conversions_counted").csv_column("pro_rata_amount", 2).csv_column("required_amount", 2).csv_column("bought", 2);
    t.csv_column("converts").csv_column("converted").csv_column("kept").csv_column("converted_into");
    t.csv_column("ratio", 2).csv_column("received").csv_column("reason").csv_column("currency").end_header();
    for (std::size_t i = 0; i < chain.rounds().size(); ++i) {
        const pay_to_play_conversions* c = chain.pay_to_play(i);
        if (c == nullptr) continue;
        const currency cur = c->before().currency();
        for (const pay_to_play_holder& h : c->holders()) {
            t.text(c->round_name()).text(h.holder.str()).text(h.name).text(h.series).shares(h.held);
            t.units(c->offered_units(), cur, 2).text(c->conversions_counted() ? "true" : "false").units(h.pro_rata_units, cur, 2).units(h.required_units, cur, 2);
            t.units(h.bought_units, cur, 2).text(h.converts() ? "true" : "false").shares(h.converted).shares(h.kept);
            t.text(h.converted_into).exact(h.ratio).shares(h.received).text(h.reason).text(to_string(cur));
        }
    }
    return t;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// The round (io/report.hpp)

/// Writes the disbursement schedule of @p r as CSV: date (empty if undated), investor, amount,
/// status, condition, cumulative, currency; dated entries first, as print_summary() lists them.
inline void write_schedule_csv(std::ostream& os, const funding_round& r, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::schedule_table(r, {}, detail::table_target::csv, opt.decimals), opt);
}

/// Writes the schedule of @p r as of @p as_of as CSV: the dated entries due on or before it (the
/// last cumulative is what is due by then). Throws validation_error listing every problem with
/// @p as_of and @p opt.
inline void write_schedule_csv(std::ostream& os, const funding_round& r, calendar_date as_of,
                               const csv_options& opt = {}) {
    std::vector<diagnostic> problems = opt.validate();
    if (!is_modelled(as_of)) detail::add_problem(problems, field_path("as_of"), to_string(as_of), date_rule(as_of));
    detail::require_no_csv_problems("schedule CSV", std::move(problems));
    detail::write_csv_table(os, detail::schedule_table(r, {}, detail::table_target::csv, opt.decimals, as_of), opt);
}

/// write_schedule_csv() as a string.
[[nodiscard]] inline std::string schedule_csv(const funding_round& r, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_schedule_csv(os, r, opt); });
}

/// write_schedule_csv() as of @p as_of, as a string.
[[nodiscard]] inline std::string schedule_csv(const funding_round& r, calendar_date as_of, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_schedule_csv(os, r, as_of, opt); });
}

/// Writes the investors of @p r as CSV: investor, lead (true/false), kind, committed, at close,
/// scheduled, conditional, ownership committed and at close (exact, decimal), currency.
inline void write_investors_csv(std::ostream& os, const funding_round& r, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::investors_table(r, {}, detail::table_target::csv, opt.decimals), opt);
}

/// write_investors_csv() as a string.
[[nodiscard]] inline std::string investors_csv(const funding_round& r, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_investors_csv(os, r, opt); });
}

// ---------------------------------------------------------------------------------------------
// The cap table (io/cap_table_report.hpp)

/// Writes @p table by holder as CSV on @p basis: holder, kind, issued, options and warrants (when
/// the basis counts them), fully diluted, ownership (exact, decimal; empty when the total is 0);
/// then each pool's unallocated shares (kind "pool", holder the pool's name).
inline void write_cap_table_csv(std::ostream& os, const cap_table& table,
                                const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    cap_table_report_options report;
    report.basis = basis;
    detail::write_csv_table(os, detail::cap_table_holders_table(table, report, detail::table_target::csv, opt.decimals),
                            opt);
}

/// write_cap_table_csv() as a string.
[[nodiscard]] inline std::string cap_table_csv(const cap_table& table,
                                               const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                               const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_cap_table_csv(os, table, basis, opt); });
}

/// Writes @p valuations as CSV: class, type, price_per_share (exact major units),
/// price_per_share_decimal, currency, effective_date, board_approval_date and
/// stockholder_approval_date (empty when not stated), provider.
inline void write_share_valuations_csv(std::ostream& os, const std::vector<share_valuation>& valuations, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::share_valuations_table(valuations, detail::table_target::csv, opt.decimals), opt);
}

/// write_share_valuations_csv() as a string.
[[nodiscard]] inline std::string share_valuations_csv(const std::vector<share_valuation>& valuations, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_share_valuations_csv(os, valuations, opt); });
}

/// Writes @p table by class as CSV on @p basis: class, kind, issued, conversion ratio (exact),
/// fully diluted, ownership (exact, decimal).
inline void write_cap_table_classes_csv(std::ostream& os, const cap_table& table,
                                        const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                        const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    cap_table_report_options report;
    report.basis = basis;
    detail::write_csv_table(os, detail::cap_table_classes_table(table, report, detail::table_target::csv, opt.decimals),
                            opt);
}

/// write_cap_table_classes_csv() as a string.
[[nodiscard]] inline std::string cap_table_classes_csv(const cap_table& table,
                                                       const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                                       const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_cap_table_classes_csv(os, table, basis, opt); });
}

/// Writes the change from @p before to @p after by holder as CSV on @p basis: holder, fully
/// diluted shares and ownership before and after, and the change in ownership (each exact, then
/// decimal); each pool's unallocated shares as a row named for the pool.
inline void write_cap_table_change_csv(std::ostream& os, const cap_table& before, const cap_table& after,
                                       const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                       const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    cap_table_report_options report;
    report.basis = basis;
    detail::write_csv_table(
        os, detail::cap_table_change_table(before, after, detail::change_counts(before, after, report.basis), report, {}, {},
                                       detail::table_target::csv, opt.decimals), opt);
}

/// write_cap_table_change_csv() as a string.
[[nodiscard]] inline std::string cap_table_change_csv(const cap_table& before, const cap_table& after,
                                                      const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                                      const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_cap_table_change_csv(os, before, after, basis, opt); });
}

/// Writes the change from @p before to @p after by class as CSV on @p basis: class, kind (the
/// class's, or "pool" for a pool's unallocated shares), fully diluted shares and ownership
/// before and after, the change in shares and in ownership (each ownership exact, then decimal);
/// the before fields are empty for a class or pool new in @p after, the after fields for one
/// not on it. The rows add up to the fully diluted total on each side.
inline void write_cap_table_classes_change_csv(std::ostream& os, const cap_table& before, const cap_table& after,
                                               const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                               const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    cap_table_report_options report;
    report.basis = basis;
    detail::write_csv_table(
        os, detail::cap_table_class_change_table(before, after, detail::change_counts(before, after, report.basis), report, {},
                                             {}, detail::table_target::csv, opt.decimals),
        opt);
}

/// write_cap_table_classes_change_csv() as a string.
[[nodiscard]] inline std::string cap_table_classes_change_csv(const cap_table& before, const cap_table& after,
                                                              const fully_diluted_basis& basis = fully_diluted_basis::full(),
                                                              const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_cap_table_classes_change_csv(os, before, after, basis, opt); });
}

// ---------------------------------------------------------------------------------------------
// Net flows (io/flows_report.hpp)

/// Writes the year table of @p flows as CSV: year, money in, money out, net, cumulative net,
/// currency.
inline void write_net_flows_csv(std::ostream& os, const net_flows& flows, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::net_flows_table(flows, {}, detail::table_target::csv), opt);
}

/// write_net_flows_csv() as a string.
[[nodiscard]] inline std::string net_flows_csv(const net_flows& flows, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_net_flows_csv(os, flows, opt); });
}

// ---------------------------------------------------------------------------------------------
// The waterfall (io/waterfall_report.hpp)

/// Writes @p w by line at @p exit_values as CSV: line, kind, seniority, preference (exact,
/// decimal; empty for lines without one), a `payout_<exit>` column per exit value (named by the
/// plain amount: "payout_10000000"), currency. Throws validation_error listing every bad exit
/// value and option.
inline void write_waterfall_csv(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                                const csv_options& opt = {}) {
    // By line only: the payouts kept without every holder's amount at every exit
    // (waterfall::payouts_at()), the same problems reported as csv_payouts().
    std::vector<diagnostic> problems = opt.validate();
    std::optional<waterfall_payouts> payouts;
    try {
        payouts.emplace(w.payouts_at(exit_values));
    } catch (const validation_error& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    detail::require_no_csv_problems("waterfall CSV", std::move(problems));
    detail::write_csv_table(
        os, detail::waterfall_lines_table(w, exit_values, payouts->without_holders(), detail::table_target::csv, opt.decimals),
        opt);
}

/// write_waterfall_csv() as a string.
[[nodiscard]] inline std::string waterfall_csv(const waterfall& w, const std::vector<money>& exit_values,
                                               const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_waterfall_csv(os, w, exit_values, opt); });
}

/// Writes @p w by holder at @p exit_values as CSV: holder, a `payout_<exit>` column per exit
/// value (net payouts), currency.
inline void write_waterfall_holders_csv(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                                        const csv_options& opt = {}) {
    const std::vector<waterfall_payout> payouts = detail::csv_payouts(w, exit_values, opt);
    detail::write_csv_table(os, detail::waterfall_holders_table(w, exit_values, payouts, detail::table_target::csv),
                            opt);
}

/// write_waterfall_holders_csv() as a string.
[[nodiscard]] inline std::string waterfall_holders_csv(const waterfall& w, const std::vector<money>& exit_values,
                                                       const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_waterfall_holders_csv(os, w, exit_values, opt); });
}

/// Writes what each line of @p w does at @p exit_values as CSV: line, a `status_<exit>` column
/// per exit value holding the line_status's name ("nothing", "partly_paid", "preference",
/// "participating", "capped", "converted", "exercised", "partly_exercised").
inline void write_waterfall_status_csv(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                                       const csv_options& opt = {}) {
    const std::vector<waterfall_payout> payouts = detail::csv_payouts(w, exit_values, opt);
    detail::write_csv_table(os, detail::waterfall_status_table(w, exit_values, payouts, detail::table_target::csv),
                            opt);
}

/// write_waterfall_status_csv() as a string.
[[nodiscard]] inline std::string waterfall_status_csv(const waterfall& w, const std::vector<money>& exit_values,
                                                      const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_waterfall_status_csv(os, w, exit_values, opt); });
}

/// Writes the value of a common share of @p w at each of @p exit_values as CSV: exit value,
/// share value (exact, decimal), currency; one row per exit value.
inline void write_share_values_csv(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                                   const csv_options& opt = {}) {
    const std::vector<waterfall_payout> payouts = detail::csv_payouts(w, exit_values, opt);
    detail::write_csv_table(
        os, detail::share_values_table(w, exit_values, payouts, detail::table_target::csv, opt.decimals), opt);
}

/// write_share_values_csv() as a string.
[[nodiscard]] inline std::string share_values_csv(const waterfall& w, const std::vector<money>& exit_values,
                                                  const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_share_values_csv(os, w, exit_values, opt); });
}

/// Writes the exercise prices the holders of @p w pay in at @p exit_values as CSV (under
/// option_exercise::paid_in; holders who pay none left out): holder, an `exercise_paid_<exit>`
/// column per exit value, currency.
inline void write_exercise_paid_csv(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values,
                                    const csv_options& opt = {}) {
    const std::vector<waterfall_payout> payouts = detail::csv_payouts(w, exit_values, opt);
    detail::write_csv_table(
        os, detail::waterfall_holders_table(w, exit_values, payouts, detail::table_target::csv, true), opt);
}

/// write_exercise_paid_csv() as a string.
[[nodiscard]] inline std::string exercise_paid_csv(const waterfall& w, const std::vector<money>& exit_values,
                                                   const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_exercise_paid_csv(os, w, exit_values, opt); });
}

/// Writes the breakpoints of @p w as CSV, one row per event: exit value and share value (each
/// exact in major units, then decimal), event, what starts, currency.
inline void write_breakpoints_csv(std::ostream& os, const waterfall& w, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::breakpoints_table(w, detail::table_target::csv, opt.decimals), opt);
}

/// write_breakpoints_csv() as a string.
[[nodiscard]] inline std::string breakpoints_csv(const waterfall& w, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_breakpoints_csv(os, w, opt); });
}

/// Writes @p p (payouts_by_round()) as CSV: cap table ("Start", "After <series>" for a round,
/// "After <issue name>" for an issue of shares between rounds), a `payout_<exit>` column per exit
/// value, currency. Throws validation_error listing the problems
/// of @p opt and every row of @p p that does not match its stages and exit values.
inline void write_payouts_by_round_csv(std::ostream& os, const chain_payouts& p, const csv_options& opt = {}) {
    std::vector<diagnostic> problems = opt.validate();
    for (diagnostic& d : detail::chain_payouts_problems(p)) problems.push_back(std::move(d));
    detail::require_no_csv_problems("payouts by round CSV", std::move(problems));
    detail::write_csv_table(os, detail::payouts_by_round_table(p, detail::table_target::csv), opt);
}

/// write_payouts_by_round_csv() as a string.
[[nodiscard]] inline std::string payouts_by_round_csv(const chain_payouts& p, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_payouts_by_round_csv(os, p, opt); });
}

// ---------------------------------------------------------------------------------------------
// Priced rounds, rounds on a cap table, chains (io/pricing_report.hpp), conversions
// (io/conversion_report.hpp)

/// Writes the investors of @p r as CSV: investor, invested, shares, cost, not converted,
/// ownership after the round (exact, decimal), currency.
inline void write_priced_round_csv(std::ostream& os, const priced_round& r, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::priced_investors_table(r, detail::table_target::csv, opt.decimals), opt);
}

/// write_priced_round_csv() as a string.
[[nodiscard]] inline std::string priced_round_csv(const priced_round& r, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_priced_round_csv(os, r, opt); });
}

/// Writes the holders of @p r as CSV: holder, fully diluted shares and ownership before and
/// after, dilution (exact, decimal; empty for a new holder); the unallocated pool last when the
/// company has a pool (no row for a company without one).
inline void write_round_on_cap_table_csv(std::ostream& os, const round_on_cap_table& r, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::round_holders_table(r, detail::table_target::csv, opt.decimals), opt);
}

/// write_round_on_cap_table_csv() as a string.
[[nodiscard]] inline std::string round_on_cap_table_csv(const round_on_cap_table& r, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_round_on_cap_table_csv(os, r, opt); });
}

/// Writes @p chain as CSV: holder, then for the start and after each step (each round, and each
/// issue of shares between rounds in its place) `shares_<stage>` and `ownership_<stage>` (exact,
/// decimal), stage "start" or the step's label (the round's or the issue's name,
/// round_chain_result::steps(); " (step s)" added to the label of steps()[s] when two stages would
/// share a column's name); empty where the holder had no shares; the unallocated pool last when a
/// stage has a pool.
inline void write_chain_csv(std::ostream& os, const round_chain_result& chain, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::chain_table(chain, detail::table_target::csv, opt.decimals), opt);
}

/// write_chain_csv() as a string.
[[nodiscard]] inline std::string chain_csv(const round_chain_result& chain, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_chain_csv(os, chain, opt); });
}

/// Writes the dilution each step of @p chain (a round, or an issue of shares between rounds)
/// caused each holder as CSV: holder, a `dilution_<step label>` pair of columns (exact, decimal)
/// per step (the label as in write_chain_csv()); empty for a holder new in that step or not yet
/// there.
inline void write_chain_dilution_csv(std::ostream& os, const round_chain_result& chain, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::chain_dilution_table(chain, detail::table_target::csv, opt.decimals), opt);
}

/// write_chain_dilution_csv() as a string.
[[nodiscard]] inline std::string chain_dilution_csv(const round_chain_result& chain, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_chain_dilution_csv(os, chain, opt); });
}

/// Writes the anti-dilution adjustments of @p chain's rounds as CSV, one row per round with
/// protected series and per series (the figures print_round_chain() prints after its tables):
/// round (the step's label as in write_chain_csv(), an issue between rounds in its place),
/// series, method, base, adjusted (true/false), reason, a, b (exact n/d, then its decimal; empty
/// for a full ratchet), c, the issue price and the conversion price before, exact
/// and after (each exact in major units, then decimal; the exact one empty beyond the 128-bit
/// fraction), the rounding (its decimals and mode, empty when kept exact), the conversion ratio
/// before and after (exact, decimal), the as-converted shares before and after and the
/// additional shares, the mode as-converted shares were rounded with per holding, currency. A chain
/// without protected series gives the header only.
inline void write_chain_adjustments_csv(std::ostream& os, const round_chain_result& chain, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::chain_adjustments_table(chain, opt.decimals), opt);
}

/// write_chain_adjustments_csv() as a string.
[[nodiscard]] inline std::string chain_adjustments_csv(const round_chain_result& chain, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_chain_adjustments_csv(os, chain, opt); });
}

/// Writes the pay-to-play conversions of @p chain's rounds as CSV, one row per round with
/// pay-to-play and per holder of a term's series (the figures print_round_chain() prints before
/// the round's adjustments): round, holder_id, holder, series, held (its shares of the series
/// before), offered, conversions_counted (true/false: the round's SAFEs and notes converting
/// count as bought and in the default offered amount, pay_to_play::conversions_count()),
/// pro_rata_amount, required_amount, bought (each amount exact in major units, then decimal),
/// converts (true/false), converted, kept, converted_into (the common class or the
/// shadow series), ratio (exact, decimal), received, reason, currency. A chain without
/// pay-to-play gives the header only.
inline void write_chain_pay_to_play_csv(std::ostream& os, const round_chain_result& chain, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::chain_pay_to_play_table(chain, opt.decimals), opt);
}

/// write_chain_pay_to_play_csv() as a string.
[[nodiscard]] inline std::string chain_pay_to_play_csv(const round_chain_result& chain, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_chain_pay_to_play_csv(os, chain, opt); });
}

/// Writes the converting instruments of @p r as CSV: holder, instrument, converts (amount),
/// terms, at (the price basis), conversion price and amount not converted (each exact in major
/// units, then decimal), shares, currency.
inline void write_conversions_csv(std::ostream& os, const converted_round& r, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::conversions_table(r, detail::table_target::csv, opt.decimals), opt);
}

/// write_conversions_csv() as a string.
[[nodiscard]] inline std::string conversions_csv(const converted_round& r, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_conversions_csv(os, r, opt); });
}

/// Writes the holders of @p r before and after the conversion as CSV: holder, fully diluted
/// shares and ownership before and after (exact, decimal); the unallocated pool last when the
/// company has a pool.
inline void write_converted_holders_csv(std::ostream& os, const converted_round& r, const csv_options& opt = {}) {
    detail::require_valid_csv_options(opt);
    detail::write_csv_table(os, detail::converted_holders_table(r, detail::table_target::csv, opt.decimals), opt);
}

/// write_converted_holders_csv() as a string.
[[nodiscard]] inline std::string converted_holders_csv(const converted_round& r, const csv_options& opt = {}) {
    return detail::csv_text([&](std::ostream& os) { write_converted_holders_csv(os, r, opt); });
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_CSV_HPP
