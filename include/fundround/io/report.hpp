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

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
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
                out.push_back({field, std::to_string(decimals), "must be between 0 and 60"});
            }
        };
        check("report_options.percent_decimals", percent_decimals);
        check("report_options.multiple_decimals", multiple_decimals);
        return out;
    }
};

/// Prints @p r for a person: a header with the headline figures, then aligned tables of
/// investors and of the disbursement schedule, with totals that reconcile. Throws
/// validation_error listing every problem with @p opt before printing anything.
inline void print_summary(std::ostream& os, const funding_round& round, const report_options& opt = {}) {
    if (std::vector<diagnostic> problems = opt.validate(); !problems.empty()) {
        throw validation_error("report options", std::move(problems));
    }
    const funding_round& r = round;
    // Compact only when it is exact, so every figure printed adds up ($1.004M prints in full).
    auto amount = [&](money m) { return detail::compact_if_exact(m, opt.full_amounts); };
    auto pct = [&](const fraction& f) { return f.to_percent_string(opt.percent_decimals); };
    auto mult = [&](const fraction& f) { return f.to_multiple_string(opt.multiple_decimals); };

    os << r.name() << " (" << to_string(r.currency()) << "), closing " << to_string(r.close_date()) << '\n';
    detail::text_table head({"", ""}, {false, false});
    head.add({"Pre-money", amount(r.pre_money())});
    head.add({"Raised, committed", amount(r.raised()) + " = " + amount(r.raised_at_close()) +
                                       " at close + " + amount(r.raised_scheduled()) + " scheduled + " +
                                       amount(r.raised_conditional()) + " conditional"});
    head.add({"Post-money", amount(r.post_money()) + " committed, " + amount(r.post_money_at_close()) +
                                " at close"});
    if (auto price = r.valuation().price()) head.add({"Price per share", price->to_string()});
    if (r.prior_mark()) {
        std::string text = mult(*r.step_up()) + " pre-money, " + mult(*r.post_money_step_up()) +
                           " post-money, vs " + amount(*r.prior_mark());
        if (!r.prior_mark_label().empty()) text += " (" + r.prior_mark_label() + ")";
        head.add({"Step-up", text});
    }
    if (r.prior_round()) {
        std::string text = mult(*r.raise_multiple()) + " the prior round of " + amount(*r.prior_round());
        if (!r.prior_round_label().empty()) text += " (" + r.prior_round_label() + ")";
        head.add({"Raise multiple", text});
    }
    head.add({"New investors own", pct(r.new_investors_ownership()) + " committed, " +
                                       pct(r.new_investors_ownership_at_close()) + " at close"});
    head.add({"Existing holders own", pct(r.existing_holders_ownership()) + " committed, " +
                                          pct(r.existing_holders_ownership_at_close()) + " at close"});
    head.print(os, "  ");

    os << "\nInvestors\n";
    detail::text_table inv({"Investor", "Kind", "Committed", "At close", "Scheduled", "Conditional",
                            "Owns committed", "Owns at close"},
                           {false, false, true, true, true, true, true, true});
    for (const auto& c : r.commitments()) {
        inv.add({c.investor.name() + (c.investor.is_lead() ? " (lead)" : ""), to_string(c.investor.kind()),
                 amount(c.total), amount(c.at_close), amount(c.scheduled), amount(c.conditional),
                 pct(c.total.ratio_to(r.post_money())), pct(c.at_close.ratio_to(r.post_money_at_close()))});
    }
    inv.add({"Total", "", amount(r.raised()), amount(r.raised_at_close()), amount(r.raised_scheduled()),
             amount(r.raised_conditional()), pct(r.new_investors_ownership()),
             pct(r.new_investors_ownership_at_close())});
    inv.print(os, "  ");

    const disbursement_schedule& s = r.schedule();
    os << "\nSchedule\n";
    detail::text_table sched({"Date", "Investor", "Amount", "Status", "Condition", "Cumulative"},
                             {false, false, true, false, false, true});
    for (const auto& d : s.dated()) {
        sched.add({to_string(*d.date()), d.investor(), amount(d.amount()), to_string(d.status()), condition_text(d),
                   amount(d.cumulative())});
    }
    for (const auto& d : s.undated()) {
        sched.add({"undated", d.investor(), amount(d.amount()), to_string(d.status()), condition_text(d),
                   amount(d.cumulative())});
    }
    sched.print(os, "  ");
    os << "  Dated " << amount(s.dated_total()) << " + undated " << amount(s.undated_total()) << " = "
       << amount(s.total()) << " committed\n";
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
