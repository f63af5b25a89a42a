/// @file io/outstanding_report.hpp
/// @brief SAFEs and notes outstanding at an exit printed for a person: each instrument's
/// waterfall line (cash-out, interest, cap and the capitalization it divides), and, when the
/// converting post-money SAFEs change with the exit value, the stages of exit values with the
/// converting set and its Liquidity Capitalization (exit/outstanding_instruments.hpp); the
/// pre-money SAFEs short at given exit values, with the common their unpaid rest converts into; its
/// payout chart, each stage from its own waterfall, with the jumps between them.
#ifndef FUNDROUND_IO_OUTSTANDING_REPORT_HPP
#define FUNDROUND_IO_OUTSTANDING_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/io/waterfall_chart.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Prints the instruments of @p w (line, what it is, seniority, cash-out, a note's interest,
/// the cap and the capitalization it divides: B or the post-money L; a discount-only SAFE's
/// conversion value), then, if there is more
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
        } else if (x.fixed_percentage) {
            t.none().text(detail::fixed_percentage_text(*x.fixed_percentage) + " of L (converting ones)");
        } else if (x.conversion_value) {
            t.none().text("p (1 - d): worth " + format_full(*x.conversion_value));
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

namespace detail {

/// print_outstanding_remainders() with @p remainders_at(i) giving the remainders at the i th of
/// @p exit_values.
template <class Remainders>
bool print_outstanding_remainders_with(std::ostream& os, const outstanding_waterfall& w, const std::vector<money>& exit_values,
                                       const Remainders& remainders_at) {
    detail::report_table t(detail::table_target::text);
    t.column("Exit value", true, "exit_value").column("Line", false, "line").column("Paid", true, "paid");
    t.column("Unpaid", true, "unpaid").column("Common shares (exact)", true, "exact_shares");
    t.column("Shares (" + std::string(to_string(w.share_rounding())) + ")", true, "shares");
    t.column("Value at the exit", true, "value").end_header();
    bool any = false;
    bool uncapped = false;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        const money exit = exit_values[i];
        for (const outstanding_remainder& r : remainders_at(i)) {
            const outstanding_instrument& x = w.instruments()[r.instrument];
            any = true;
            t.full_amount(exit).text(x.name).full_amount(x.cash_out - r.unpaid).full_amount(r.unpaid);
            if (r.exact_shares) {
                // A whole number of shares as it is, else 3 decimals and the exact fraction.
                const std::string exact = r.exact_shares->to_string();
                const bool whole = exact.find('/') == std::string::npos;
                std::string text = whole ? exact : r.exact_shares->to_decimal_string(3, rounding::half_even);
                const std::size_t point = std::min(text.find('.'), text.size());
                text = detail::group_thousands(text.substr(0, point)) + text.substr(point);
                if (!whole) text += " (" + exact + ")";
                t.text(text).shares(r.shares);
            } else {
                uncapped = true;
                t.none("none: no cap").none();
            }
            t.full_amount(r.value);
        }
    }
    if (!any) return false;
    os << "Pre-money SAFEs short at an exit value (their form, section 1(b)): the exit is shared pro rata to their\n"
          "purchase amounts, and the unpaid rest of each converts into common at the Liquidity Price, cap / B\n";
    t.print(os, "  ");
    os << "  Nothing is left for the common where one is short: those shares are worth nothing at that exit.\n";
    if (uncapped) {
        os << "  Without a cap the Liquidity Price is a common share's value (times 1 - d for a discount), 0 there:\n"
              "  no share count.\n";
    }
    return true;
}

}  // namespace detail

/// Prints, at each of @p exit_values where a pre-money SAFE of @p w is short
/// (outstanding_waterfall::remainders), what it is paid, its unpaid purchase amount and the common
/// that converts into at cap / B: exactly (a whole number, or 3 decimals and the fraction) and
/// rounded by the waterfall's share_rounding, with its value at that exit; none without a cap (no
/// Liquidity Price where the common gets nothing). Prints nothing and returns false when none is
/// short.
inline bool print_outstanding_remainders(std::ostream& os, const outstanding_waterfall& w,
                                         const std::vector<money>& exit_values) {
    return detail::print_outstanding_remainders_with(os, w, exit_values,
                                                     [&](std::size_t i) { return w.remainders(exit_values[i]); });
}

/// print_outstanding_remainders() from @p payouts, the payouts at @p exit_values already
/// computed (outstanding_waterfall::payouts_at(exit_values)): no exit solved again. Throws
/// invalid_argument_error if they are not at @p exit_values.
inline bool print_outstanding_remainders(std::ostream& os, const outstanding_waterfall& w, const std::vector<money>& exit_values,
                                         const waterfall_payouts& payouts) {
    if (payouts.size() != exit_values.size()) {
        throw invalid_argument_error("print_outstanding_remainders: " + std::to_string(payouts.size()) +
                                     " payouts for " + std::to_string(exit_values.size()) + " exit values");
    }
    return detail::print_outstanding_remainders_with(os, w, exit_values, [&](std::size_t i) {
        return w.remainders(exit_values[i], payouts.without_holders(i));
    });
}

/// The chart of @p w's payouts for exit values from 0 to @p max_exit, as payout_chart() draws one
/// waterfall's: each stage from its own waterfall (exact at its breakpoints), its start's exit
/// value twice (the jump drawn vertical), markers at w.breakpoints(). Throws validation_error as
/// payout_chart() does, and for stacked areas over several stages (an area cannot jump).
[[nodiscard]] inline chart payout_chart(const outstanding_waterfall& w, money max_exit,
                                        const payout_chart_options& options = {}) {
    std::vector<diagnostic> problems =
        detail::payout_chart_problems(w.stages().front().payouts.currency(), max_exit, options);
    if (options.style == series_style::stacked_area && w.stages().size() > 1) {
        problems.push_back({field_path("options").member("style"), "stacked_area",
                            "must be line: the payouts jump where a post-money SAFE joins L (" +
                                std::to_string(w.stages().size()) + " stages), and an area cannot"});
    }
    if (!problems.empty()) throw validation_error("payout_chart", std::move(problems));
    std::vector<payout_curve> curves;
    curves.reserve(w.stages().size());
    for (const outstanding_stage& st : w.stages()) curves.push_back(st.payouts.curve());
    std::vector<detail::payout_chart_piece> pieces;
    for (std::size_t k = 0; k < w.stages().size(); ++k) {
        pieces.push_back({&w.stages()[k].payouts, &curves[k], w.stages()[k].from, w.stages()[k].to});
    }
    return detail::payout_chart_of(pieces, w.breakpoints(), max_exit, options,
                                   w.stages().size() > 1 ? "; jumps where a post-money SAFE joins L" : "");
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_OUTSTANDING_REPORT_HPP
