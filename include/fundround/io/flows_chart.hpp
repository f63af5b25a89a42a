/// @file io/flows_chart.hpp
/// @brief The chart of a net-flow view (analysis/flows.hpp): money in up and money out down
/// around zero, per year, with the cumulative net as a line (io/chart.hpp, io/svg_chart.hpp).
#ifndef FUNDROUND_IO_FLOWS_CHART_HPP
#define FUNDROUND_IO_FLOWS_CHART_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

FUNDROUND_BEGIN_NAMESPACE

/// The year table of @p flows as a chart: per year a bar of money in (up, blue) and a bar of
/// money out (down, vermillion) stacked around zero and labelled, and the cumulative net at the
/// end of each year as a black line with dots at the band centres. Titled "<counterparty>:
/// money in and out by year" unless @p title is given.
[[nodiscard]] inline chart net_flows_chart(const net_flows& flows, std::string title = {}) {
    chart out;
    out.title = title.empty() ? flows.counterparty() + ": money in and out by year" : std::move(title);
    out.subtitle = "Company's view: in " + detail::compact_money_label(flows.total_in()) + ", out " +
                   detail::compact_money_label(flows.total_out()) + ", net " + detail::compact_money_label(flows.total_net());
    out.x_axis = category_axis("Year");
    out.y_axis = money_axis("Amount (" + to_string(flows.currency()) + ")", flows.currency());
    out.layout = bar_layout::stacked;
    out.label_bars = true;
    bar_series in{"Money in", {}, "#0072B2"};
    bar_series money_out{"Money out", {}, "#D55E00"};
    line_series cumulative{"Cumulative net", {}, series_style::line, true, "#000000"};
    for (std::size_t k = 0; k < flows.by_year().size(); ++k) {
        const flow_year& y = flows.by_year()[k];
        out.categories.push_back(std::to_string(y.year));
        in.values.emplace_back(y.money_in);
        money_out.values.emplace_back(-y.money_out);
        cumulative.add(fraction(static_cast<std::int64_t>(2 * k + 1), 2), y.cumulative_net);
    }
    out.bars.push_back(std::move(in));
    out.bars.push_back(std::move(money_out));
    if (cumulative.points.size() >= 2) out.lines.push_back(std::move(cumulative));
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_FLOWS_CHART_HPP
