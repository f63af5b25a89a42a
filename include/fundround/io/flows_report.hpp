/// @file io/flows_report.hpp
/// @brief Printing a net-flow view: the year table of money in, money out and the net.
#ifndef FUNDROUND_IO_FLOWS_REPORT_HPP
#define FUNDROUND_IO_FLOWS_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/numeric/money.hpp>

#include <ostream>
#include <sstream>
#include <string>

FUNDROUND_BEGIN_NAMESPACE

/// Choices for print_net_flows().
struct net_flows_format {
    /// Always exact amounts ("$15,000,000,000.00"). When false, amounts print compact ("$15B")
    /// wherever the compact form is exact and in full otherwise, so the printed figures add up.
    bool full_amounts = false;
};

namespace detail {

/// The year table of print_net_flows() for @p target: year, money in, money out, net,
/// cumulative net (and the currency in the CSV); in the text a total row.
[[nodiscard]] inline report_table net_flows_table(const net_flows& flows, const net_flows_format& format,
                                                  table_target target) {
    const bool full = format.full_amounts;
    report_table t(target);
    t.column("Year", false, "year").column("Money in", true, "money_in").column("Money out", true, "money_out");
    t.column("Net", true, "net").column("Cumulative net", true, "cumulative_net").csv_column("currency").end_header();
    const std::string cur = to_string(flows.currency());
    for (const flow_year& y : flows.by_year()) {
        t.text(std::to_string(y.year)).amount(y.money_in, full).amount(y.money_out, full).amount(y.net, full);
        t.amount(y.cumulative_net, full).text(cur);
    }
    if (t.for_text()) {
        t.text("Total").amount(flows.total_in(), full).amount(flows.total_out(), full);
        t.amount(flows.total_net(), full).text("").text("");
    }
    return t;
}

}  // namespace detail

/// Prints the year table of @p flows: a title naming the counterparty and the direction, one
/// aligned row per year (money in, money out, net, cumulative net) and a total row.
inline void print_net_flows(std::ostream& os, const net_flows& flows, const net_flows_format& format = {}) {
    const detail::report_table table = detail::net_flows_table(flows, format, detail::table_target::text);
    os << flows.counterparty() << ": net flows in " << to_string(flows.currency())
       << ", net = money in - money out (company's view)\n";
    table.print(os, "  ");
}

/// Writes print_net_flows() with default options.
inline std::ostream& operator<<(std::ostream& os, const net_flows& flows) {
    print_net_flows(os, flows);
    return os;
}

/// print_net_flows() as a string.
[[nodiscard]] inline std::string to_string(const net_flows& flows, const net_flows_format& format = {}) {
    std::ostringstream os;
    print_net_flows(os, flows, format);
    return os.str();
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_FLOWS_REPORT_HPP
