// Charts whose texts crowd the layout (made-up names and values, for the layout checks): names
// wider than the chart (Latin and CJK), titles, subtitles and notes that must wrap, markers a
// few pixels apart and by the dozen, a marker label longer than the plot is high, long category
// names, bar labels wider than their bars, turned bar labels on bars under 11 px apart, more end
// labels than the plot's height holds, and a payout chart whose breakpoints are $100 apart on a
// $0 to $100M axis. test_svg_chart.cpp and test_waterfall_chart.cpp check their geometry
// (support/svg_geometry.hpp); chart_gallery writes them for the render test (rsvg-convert).
#ifndef FUNDROUND_TESTS_SUPPORT_CROWDED_CHARTS_HPP
#define FUNDROUND_TESTS_SUPPORT_CROWDED_CHARTS_HPP

#include <fundround/exit/waterfall.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/io/waterfall_chart.hpp>
#include <fundround/numeric/money.hpp>

#include "support/waterfall_test.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fundround_test {

// Dollars as money.
inline fundround::money crowded_usd(std::int64_t dollars) { return fundround::money::from_major(dollars); }

// A USD line from ($0, $0) to ($100M, $60M), titled "Payout", 880 x 500.
inline fundround::chart crowded_base() {
    using namespace fundround;
    chart c;
    c.title = "Payout";
    c.x_axis = money_axis("Exit value", currency());
    c.y_axis = money_axis("Payout", currency());
    line_series s{"Common"};
    s.add(crowded_usd(0), crowded_usd(0)).add(crowded_usd(100'000'000), crowded_usd(60'000'000));
    c.lines.push_back(s);
    return c;
}

// The name of a holder wider than the 880 px chart (about 1,040 px at 12 px).
inline const std::string crowded_long_name =
    "Andreessen Horowitz Growth Opportunities Fund IV, L.P. and its parallel vehicles (Series B-2 Preferred, "
    "participating, 1x non-cumulative)";

// A Japanese fund's name six times over: 150 wide characters, 1,800 px at 12 px.
inline std::string crowded_cjk_name() {
    std::string name;
    for (int i = 0; i < 6; ++i) name += "株式会社東京ベンチャーキャピタル投資事業有限責任組合";
    return name;
}

// crowded_base() with a second series named @p name, @p width px wide.
inline fundround::chart crowded_legend(const std::string& name, int width) {
    using namespace fundround;
    chart c = crowded_base();
    c.width = width;
    line_series s{name};
    s.add(crowded_usd(0), crowded_usd(0)).add(crowded_usd(100'000'000), crowded_usd(40'000'000));
    c.lines.push_back(s);
    return c;
}

// A 480 px chart whose title, subtitle and note are each about twice as wide as it is.
inline fundround::chart crowded_texts() {
    fundround::chart c = crowded_base();
    c.width = 480;
    c.title = "Payout by class at each exit value for the Series C extension with the bridge notes converted at the cap";
    c.subtitle = "Exact: linear between 12 breakpoints (dashed); options exercise when in the money; the areas add up "
                 "to the exit value";
    c.note = "Assumes every SAFE converts in the priced round and the option pool is fully granted before the exit; " +
             crowded_cjk_name();
    c.y_axis.title = "Payout to each class of shares after every preference, conversion and exercise";
    return c;
}

// Two markers $100 apart on the $0 to $100M axis: 0.0008 px.
inline fundround::chart crowded_close_markers() {
    fundround::chart c = crowded_base();
    c.markers.push_back({crowded_usd(1'000'000), "Series B converts"});
    c.markers.push_back({crowded_usd(1'000'100), "Series A converts"});
    return c;
}

// 99 markers, one at each $1M (7.8 px apart), labelled "Series k converts".
inline fundround::chart crowded_many_markers() {
    fundround::chart c = crowded_base();
    for (std::int64_t k = 1; k <= 99; ++k) {
        c.markers.push_back({crowded_usd(k * 1'000'000), "Series " + std::to_string(k) + " converts"});
    }
    return c;
}

// A 300 px chart with a marker label longer than its plot is high, and one by the y axis.
inline fundround::chart crowded_long_marker() {
    fundround::chart c = crowded_base();
    c.height = 300;
    c.markers.push_back({crowded_usd(50'000'000), "Series B converts: its holders receive more as common than their "
                                                  "1x non-participating preference; Series A reaches its cap"});
    c.markers.push_back({crowded_usd(100'000), "Preferences paid"});
    return c;
}

// Six bars with category names of about 420 px each.
inline fundround::chart crowded_categories() {
    using namespace fundround;
    chart c;
    c.title = "Schedule";
    c.x_axis = category_axis("");
    c.y_axis = money_axis("", currency());
    bar_series b{"Investor"};
    for (int k = 0; k < 6; ++k) {
        c.categories.push_back("Tranche " + std::to_string(k) + " conditional on the FDA approval of the second indication");
        b.values.push_back(crowded_usd(1'000'000 + k));
    }
    c.bars.push_back(b);
    return c;
}

// Twelve labelled bars on a 400 px chart, stacked (@p grouped: with a second series, grouped),
// their labels ("$123.456789012M") far wider than a bar.
inline fundround::chart crowded_bars(bool grouped) {
    using namespace fundround;
    chart c;
    c.title = grouped ? "Grouped bars" : "Stacked bars";
    c.width = 400;
    c.x_axis = category_axis("");
    c.y_axis = money_axis("", currency());
    c.label_bars = true;
    c.layout = grouped ? bar_layout::grouped : bar_layout::stacked;
    bar_series a{"A"};
    bar_series b{"B"};
    for (std::int64_t k = 0; k < 12; ++k) {
        c.categories.push_back(std::to_string(2020 + k));
        a.values.push_back(money::from_units(123'456'789'012 + k, currency()));
        b.values.push_back(money::from_units(-(987'654'321 + k), currency()));
    }
    c.bars.push_back(a);
    if (grouped) c.bars.push_back(b);
    return c;
}

// @p n bars on a @p width px chart, named "Category k" (@p cjk: "第k期投資ラウンド", 9 wide
// characters and the digits), each $1M + $k: bands of about plot width / n, under 17 px from
// 10 bars on 240 px, 20 on 400 px and 50 on 880 px, where turned names are thinned.
inline fundround::chart crowded_many_categories(int n, int width, bool cjk) {
    using namespace fundround;
    chart c;
    c.title = std::to_string(n) + " categories";
    c.width = width;
    c.x_axis = category_axis("");
    c.y_axis = money_axis("", currency());
    bar_series b{"Investor"};
    for (int k = 0; k < n; ++k) {
        c.categories.push_back(cjk ? "第" + std::to_string(k + 1) + "期投資ラウンド" : "Category " + std::to_string(k + 1));
        b.values.push_back(crowded_usd(1'000'000 + k));
    }
    c.bars.push_back(b);
    return c;
}

// @p n labelled bars on a 400 px chart, stacked (@p grouped: three series side by side), bar
// j of band k $1.2345M + $(k x series + j), every label different ("$1.234501M" and on, about 60
// px: turned), all above the axis: bands of about 300 / n px, bars of 7/10 of that (a third of
// it grouped), under the 11 px of a turned label from about 28 stacked bands, 10 grouped ones.
inline fundround::chart crowded_thin_bars(int n, bool grouped) {
    using namespace fundround;
    chart c;
    c.title = std::to_string(n) + (grouped ? " groups of thin bars" : " thin stacks");
    c.width = 400;
    c.x_axis = category_axis("");
    c.y_axis = money_axis("", currency());
    c.label_bars = true;
    c.layout = grouped ? bar_layout::grouped : bar_layout::stacked;
    const int m = grouped ? 3 : 1;
    for (int j = 0; j < m; ++j) c.bars.push_back(bar_series{"Fund " + std::string(1, static_cast<char>('A' + j))});
    for (int k = 0; k < n; ++k) {
        c.categories.push_back(std::to_string(k + 1));
        for (int j = 0; j < m; ++j) c.bars[static_cast<std::size_t>(j)].values.push_back(crowded_usd(1'234'500 + k * m + j));
    }
    return c;
}

// @p n lines with end labels on an 880 x @p height px chart, from $0 to $1M + $k x 10,000 each:
// their labels ($1M, $1.01M, ...) stand 13 px apart, more than the plot is high when
// n x 13 px is more.
inline fundround::chart crowded_end_labels(int n, int height) {
    using namespace fundround;
    chart c;
    c.title = std::to_string(n) + " end labels";
    c.height = height;
    c.x_axis = money_axis("", currency());
    c.y_axis = money_axis("", currency());
    for (int k = 0; k < n; ++k) {
        line_series s{"Holder " + std::to_string(k + 1)};
        s.label_end = true;
        s.add(crowded_usd(0), crowded_usd(0)).add(crowded_usd(100'000'000), crowded_usd(1'000'000 + k * 10'000));
        c.lines.push_back(s);
    }
    return c;
}

// One common share for 10,000 Series A shares bought for $1M (1x non-participating): the
// preference is paid at $1,000,000 and Series A converts at $1,000,100 (where 10,000/10,001 of
// the exit is $1M); the payout chart to $100M.
inline fundround::chart crowded_breakpoints() {
    using namespace fundround;
    const waterfall w = waterfall::build(one_series(1, 10'000, 1'000'000, liquidation_terms::standard()));
    return payout_chart(w, crowded_usd(100'000'000));
}

// Every crowded chart with a file name.
inline std::vector<std::pair<std::string, fundround::chart>> crowded_charts() {
    return {{"crowded_long_name", crowded_legend(crowded_long_name, 880)},
            {"crowded_cjk_name", crowded_legend(crowded_cjk_name(), 480)},
            {"crowded_texts", crowded_texts()},
            {"crowded_close_markers", crowded_close_markers()},
            {"crowded_many_markers", crowded_many_markers()},
            {"crowded_long_marker", crowded_long_marker()},
            {"crowded_categories", crowded_categories()},
            {"crowded_stacked_bars", crowded_bars(false)},
            {"crowded_grouped_bars", crowded_bars(true)},
            {"crowded_breakpoints", crowded_breakpoints()},
            {"crowded_10_categories_240", crowded_many_categories(10, 240, false)},
            {"crowded_20_categories_400", crowded_many_categories(20, 400, false)},
            {"crowded_50_categories_880", crowded_many_categories(50, 880, false)},
            {"crowded_cjk_categories", crowded_many_categories(30, 400, true)},
            {"crowded_1px_categories", crowded_many_categories(400, 480, false)},
            {"crowded_thin_stacks", crowded_thin_bars(40, false)},
            {"crowded_thin_groups", crowded_thin_bars(12, true)},
            {"crowded_end_labels", crowded_end_labels(40, 400)}};
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_CROWDED_CHARTS_HPP
