/// @file io/outstanding_report.hpp
/// @brief SAFEs and notes outstanding at an exit printed for a person: each instrument's
/// waterfall line (cash-out, interest, cap and the capitalization it divides), and, when the
/// converting post-money SAFEs change with the exit value, the stages of exit values with the
/// converting set and its Liquidity Capitalization (exit/outstanding_instruments.hpp).
#ifndef FUNDROUND_IO_OUTSTANDING_REPORT_HPP
#define FUNDROUND_IO_OUTSTANDING_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Prints the instruments of @p w (line, what it is, seniority, cash-out, a note's interest,
/// the cap and the capitalization it divides: B or the post-money L), then, if there is more
/// than one stage, the stages: the exit values of each, the instruments converting in it and
/// its L exactly (a whole number of shares, or 3 decimals and the exact fraction).
inline void print_outstanding_instruments(std::ostream& os, const outstanding_waterfall& w) {
    const std::vector<outstanding_instrument>& list = w.instruments();
    os << "SAFEs and notes outstanding at the exit (B = " << detail::share_text(w.base_capitalization())
       << " shares before them)\n";
    detail::report_table t(detail::table_target::text);
    t.column("Line", false, "line").column("Instrument", false, "instrument").column("Seniority", true, "seniority");
    t.column("Cash-out", true, "cash_out").column("Interest", true, "interest").column("Cap", true, "cap");
    t.column("Cap over", false, "cap_over").end_header();
    for (const outstanding_instrument& x : list) {
        t.text(x.name).text(x.description).text(std::to_string(x.seniority)).full_amount(x.cash_out);
        if (x.kind == outstanding_kind::note) {
            t.full_amount(x.interest);
        } else {
            t.none();
        }
        if (x.valuation_cap) {
            t.amount(*x.valuation_cap).text(x.form == safe_form::pre_money ? "B" : "L (converting ones)");
        } else {
            t.none().none("cash-out only");
        }
    }
    t.print(os, "  ");
    if (w.stages().size() < 2) return;
    os << "\nStages: L counts the converting post-money instruments only; where one joins, the others' shares grow\n";
    detail::report_table s(detail::table_target::text);
    s.column("Exit values", false, "exit_values").column("Converting (may convert)", false, "converting");
    s.column("L (shares)", true, "liquidity_capitalization").end_header();
    const currency c = w.stages().front().payouts.currency();
    for (std::size_t k = 0; k < w.stages().size(); ++k) {
        const outstanding_stage& st = w.stages()[k];
        std::string range = k == 0 ? "from " + detail::exact_units_text(st.from, c, 3) : "above " + detail::exact_units_text(st.from, c, 3);
        if (st.to) range += " to " + detail::exact_units_text(*st.to, c, 3);
        std::string names;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (st.converting[i]) names += (names.empty() ? "" : ", ") + list[i].name;
        }
        const fraction exact = st.liquidity_capitalization.to_fraction();
        const std::string l = exact.is_integer() ? detail::share_text(share_count(detail::narrow(exact.numerator(), "liquidity capitalization")))
                                                 : exact.to_decimal_string(3, rounding::half_even) + " (" + exact.to_string() + ")";
        s.text(range).text(names.empty() ? std::string("none") : names).text(l);
    }
    s.print(os, "  ");
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_OUTSTANDING_REPORT_HPP
