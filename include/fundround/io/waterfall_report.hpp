/// @file io/waterfall_report.hpp
/// @brief A liquidation waterfall printed for a person: payouts per class and per holder at
/// chosen exit values side by side, what each class does there, the breakpoint table
/// ("above $X, Series B converts"), and a group's payout after each round of a chain.
#ifndef FUNDROUND_IO_WATERFALL_REPORT_HPP
#define FUNDROUND_IO_WATERFALL_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// "$1,234.5678": an exact amount of money units shown in major units with @p decimals digits
/// (half even), for breakpoints and share values that need not be whole mills.
[[nodiscard]] inline std::string exact_units_text(const fraction& units, currency c, int decimals) {
    const fraction major = units / fraction(money::units_per_major);
    const std::string text = major.to_decimal_string(decimals, rounding::half_even);
    const bool negative = !text.empty() && text[0] == '-';
    const std::string body = negative ? text.substr(1) : text;
    const std::size_t point = body.find('.');
    const std::string whole = body.substr(0, point);
    const std::string rest = point == std::string::npos ? "" : body.substr(point);
    return (negative ? "-" : "") + currency_prefix(c) + group_thousands(whole) + rest;
}

/// The column titles of the exits: "Exit $10M" (compact; the full amounts are in the header).
[[nodiscard]] inline std::vector<std::string> exit_titles(const std::string& first, const std::vector<money>& exits) {
    std::vector<std::string> head{first};
    for (const money m : exits) head.push_back(format_compact(m, 3));
    return head;
}

}  // namespace detail

/// Prints the waterfall of @p w at each of @p exit_values side by side: the terms (exercise
/// choice, payout rounding), by line (the class's preference, then its payout at each exit, in
/// whole mills, and a total row equal to the exit), what each line does at each exit, and by
/// holder (net payouts, a total row; under option_exercise::paid_in also the exercise prices
/// paid in). Throws validation_error listing every bad exit value.
inline void print_waterfall(std::ostream& os, const waterfall& w, const std::vector<money>& exit_values) {
    const std::vector<waterfall_payout> payouts = w.at(exit_values);
    const currency c = w.currency();
    os << "Liquidation waterfall (" << to_string(c) << "), exercise " << to_string(w.terms().exercise)
       << ", payouts rounded by " << to_string(w.terms().payouts) << "; total preference "
       << detail::exact_units_text(w.total_preference(), c, 3) << '\n';
    os << "Exit values:";
    for (std::size_t i = 0; i < exit_values.size(); ++i) os << (i == 0 ? " " : ", ") << format_full(exit_values[i]);
    os << '\n';

    std::vector<bool> right(exit_values.size() + 1, true);
    right[0] = false;
    {
        os << "\nBy class\n";
        std::vector<std::string> head{"Line", "Kind", "Seniority", "Preference"};
        for (const money m : exit_values) head.push_back(format_compact(m, 3));
        std::vector<bool> r{false, false, true, true};
        r.insert(r.end(), exit_values.size(), true);
        detail::text_table table(head, r);
        for (std::size_t l = 0; l < w.lines().size(); ++l) {
            const waterfall_line& line = w.lines()[l];
            std::vector<std::string> row{line.name, std::string(to_string(line.kind)),
                                         line.has_preference() ? std::to_string(line.seniority) : "",
                                         line.has_preference() ? detail::exact_units_text(line.preference, c, 3) : ""};
            for (const waterfall_payout& p : payouts) row.push_back(format_full(p.by_line[l]));
            table.add_row(row);
        }
        std::vector<std::string> total{"Total", "", "", detail::exact_units_text(w.total_preference(), c, 3)};
        for (const waterfall_payout& p : payouts) total.push_back(format_full(p.exit_value));
        table.add_row(total);
        table.print(os, "  ");
    }
    {
        os << "\nWhat each line does\n";
        detail::text_table table(detail::exit_titles("Line", exit_values), right);
        for (std::size_t l = 0; l < w.lines().size(); ++l) {
            std::vector<std::string> row{w.lines()[l].name};
            for (const waterfall_payout& p : payouts) row.emplace_back(to_string(p.status[l]));
            table.add_row(row);
        }
        std::vector<std::string> share{"Value of a common share"};
        for (const waterfall_payout& p : payouts) share.push_back(detail::exact_units_text(p.value_per_share, c, 4));
        table.add_row(share);
        table.print(os, "  ");
    }
    {
        os << "\nBy holder\n";
        detail::text_table table(detail::exit_titles("Holder", exit_values), right);
        for (std::size_t h = 0; h < w.holders().size(); ++h) {
            std::vector<std::string> row{w.holder_names()[h]};
            for (const waterfall_payout& p : payouts) row.push_back(format_full(p.by_holder[h]));
            table.add_row(row);
        }
        std::vector<std::string> total{"Total"};
        for (const waterfall_payout& p : payouts) total.push_back(format_full(p.exit_value));
        table.add_row(total);
        table.print(os, "  ");
    }
    if (w.terms().exercise == option_exercise::paid_in) {
        os << "\nExercise prices paid in (gross payout = net payout + exercise price)\n";
        detail::text_table table(detail::exit_titles("Holder", exit_values), right);
        for (std::size_t h = 0; h < w.holders().size(); ++h) {
            bool any = false;
            for (const waterfall_payout& p : payouts) any = any || !p.exercise_paid_by_holder[h].is_zero();
            if (!any) continue;
            std::vector<std::string> row{w.holder_names()[h]};
            for (const waterfall_payout& p : payouts) row.push_back(format_full(p.exercise_paid_by_holder[h]));
            table.add_row(row);
        }
        table.print(os, "  ");
    }
}

/// Prints the breakpoint table of @p w: each exit value where the payout function bends (in
/// major units to the mill, with the exact amount in mills when it is not whole), the value of
/// a common share there, and what starts above it, one event a row.
inline void print_breakpoints(std::ostream& os, const waterfall& w) {
    const currency c = w.currency();
    os << "Breakpoints (" << to_string(c) << "): above each exit value, the event starts\n";
    detail::text_table table({"Exit value", "Exact (mills)", "Share value", "Event", "What starts"},
                             {true, true, true, false, false});
    for (const waterfall_breakpoint& b : w.breakpoints()) {
        bool first = true;
        for (const waterfall_event& e : b.events) {
            table.add({first ? detail::exact_units_text(b.exit_value, c, 3) : "",
                       first && !b.exit_value.is_integer() ? b.exit_value.to_string() : "",
                       first ? detail::exact_units_text(b.value_per_share, c, 4) : "", to_string(e.kind), e.description});
            first = false;
        }
    }
    table.print(os, "  ");
}

/// Prints @p p (payouts_by_round()): the group's payout at each exit value (columns) on the cap
/// table at the start and after each round (rows), headed by @p title ("" for "Payout of <the
/// holders' ids> on the cap table after each round").
inline void print_payouts_by_round(std::ostream& os, const chain_payouts& p, const std::string& title = {}) {
    if (title.empty()) {
        os << "Payout of ";
        for (std::size_t i = 0; i < p.holders.size(); ++i) os << (i == 0 ? "" : " + ") << p.holders[i].str();
        os << " on the cap table after each round\n";
    } else {
        os << title << '\n';
    }
    std::vector<bool> right(p.exit_values.size() + 1, true);
    right[0] = false;
    detail::text_table table(detail::exit_titles("Cap table", p.exit_values), right);
    for (std::size_t s = 0; s < p.stages.size(); ++s) {
        std::vector<std::string> row{p.stages[s]};
        for (const money m : p.payouts[s]) row.push_back(format_full(m));
        table.add_row(row);
    }
    table.print(os, "  ");
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_WATERFALL_REPORT_HPP
