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
                out.push_back({field, std::to_string(decimals), "must be between 0 and 60"});
            }
        };
        check("report_options.percent_decimals", percent_decimals);
        check("report_options.multiple_decimals", multiple_decimals);
        return out;
    }
};

namespace detail {

/// The figures of print_summary() as text, with its options.
class summary_text {
public:
    explicit summary_text(const report_options& opt) : opt_(opt) {}
    /// Compact only when it is exact, so every figure printed adds up ($1.004M prints in full).
    [[nodiscard]] std::string amount(money m) const { return compact_if_exact(m, opt_.full_amounts); }
    /// A percentage with the chosen decimals.
    [[nodiscard]] std::string pct(const fraction& f) const { return f.to_percent_string(opt_.percent_decimals); }
    /// A multiple ("1.46x") with the chosen decimals.
    [[nodiscard]] std::string mult(const fraction& f) const { return f.to_multiple_string(opt_.multiple_decimals); }

private:
    const report_options& opt_;
};

/// A step-up or raise-multiple line: "<figure> <what> <amount>", then " (<label>)" if labelled.
inline std::string labelled_figure(std::string text, const std::string& label) {
    if (!label.empty()) text.append(" (").append(label).append(")");
    return text;
}

}  // namespace detail

/// Prints @p r for a person: a header with the headline figures, then aligned tables of
/// investors and of the disbursement schedule, with totals that reconcile. Throws
/// validation_error listing every problem with @p opt before printing anything.
inline void print_summary(std::ostream& os, const funding_round& round, const report_options& opt = {}) {
    if (std::vector<diagnostic> problems = opt.validate(); !problems.empty()) {
        throw validation_error("report options", std::move(problems));
    }
    const funding_round& r = round;
    const detail::summary_text t(opt);
    using detail::concat;

    os << concat({r.name(), " (", to_string(r.currency()), "), closing ", to_string(r.close_date()), "\n"});
    detail::text_table head({"", ""}, {false, false});
    head.add({"Pre-money", t.amount(r.pre_money())});
    head.add({"Raised, committed",
              concat({t.amount(r.raised()), " = ", t.amount(r.raised_at_close()), " at close + ",
                      t.amount(r.raised_scheduled()), " scheduled + ", t.amount(r.raised_conditional()),
                      " conditional"})});
    head.add({"Post-money",
              concat({t.amount(r.post_money()), " committed, ", t.amount(r.post_money_at_close()), " at close"})});
    if (auto price = r.valuation().price()) head.add({"Price per share", price->to_string()});
    if (r.prior_mark()) {
        head.add({"Step-up", detail::labelled_figure(concat({t.mult(*r.step_up()), " pre-money, ",
                                                             t.mult(*r.post_money_step_up()), " post-money, vs ",
                                                             t.amount(*r.prior_mark())}),
                                                     r.prior_mark_label())});
    }
    if (r.prior_round()) {
        head.add({"Raise multiple",
                  detail::labelled_figure(concat({t.mult(*r.raise_multiple()), " the prior round of ",
                                                  t.amount(*r.prior_round())}),
                                          r.prior_round_label())});
    }
    head.add({"New investors own", concat({t.pct(r.new_investors_ownership()), " committed, ",
                                           t.pct(r.new_investors_ownership_at_close()), " at close"})});
    head.add({"Existing holders own", concat({t.pct(r.existing_holders_ownership()), " committed, ",
                                              t.pct(r.existing_holders_ownership_at_close()), " at close"})});
    head.print(os, "  ");

    os << "\nInvestors\n";
    detail::text_table inv({"Investor", "Kind", "Committed", "At close", "Scheduled", "Conditional",
                            "Owns committed", "Owns at close"},
                           {false, false, true, true, true, true, true, true});
    for (const auto& c : r.commitments()) {
        inv.add({concat({c.investor.name(), c.investor.is_lead() ? " (lead)" : ""}), to_string(c.investor.kind()),
                 t.amount(c.total), t.amount(c.at_close), t.amount(c.scheduled), t.amount(c.conditional),
                 t.pct(c.total.ratio_to(r.post_money())), t.pct(c.at_close.ratio_to(r.post_money_at_close()))});
    }
    inv.add({"Total", "", t.amount(r.raised()), t.amount(r.raised_at_close()), t.amount(r.raised_scheduled()),
             t.amount(r.raised_conditional()), t.pct(r.new_investors_ownership()),
             t.pct(r.new_investors_ownership_at_close())});
    inv.print(os, "  ");

    const disbursement_schedule& s = r.schedule();
    os << "\nSchedule\n";
    detail::text_table sched({"Date", "Investor", "Amount", "Status", "Condition", "Cumulative"},
                             {false, false, true, false, false, true});
    for (const auto& d : s.dated()) {
        sched.add({to_string(*d.date), d.investor, t.amount(d.amount), to_string(d.status), condition_text(d),
                   t.amount(d.cumulative)});
    }
    for (const auto& d : s.undated()) {
        sched.add({"undated", d.investor, t.amount(d.amount), to_string(d.status), condition_text(d),
                   t.amount(d.cumulative)});
    }
    sched.print(os, "  ");
    os << concat({"  Dated ", t.amount(s.dated_total()), " + undated ", t.amount(s.undated_total()), " = ",
                  t.amount(s.total()), " committed\n"});
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
