// Unit tests for fundround/io/waterfall_chart.hpp: the payout of a liquidation waterfall against
// the exit value as chart data (exact points at the breakpoints, markers labelled by what starts
// there), per class and per holder, lines and stacked areas, and its SVG (deterministic). The
// rendering itself is checked by the charts_render ctest (tests/charts/render_charts.py).
#include <fundround/io/waterfall_chart.hpp>

#include <fundround/company/cap_table.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/crowded_charts.hpp"
#include "support/series_abc.hpp"
#include "support/svg_geometry.hpp"
#include "support/waterfall_test.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_waterfall_chart {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }
money usd(std::int64_t dollars) { return money::from_major(dollars); }
// An exact amount of dollars as a chart value on a USD money axis.
chart_value dollars(const fraction& d) { return chart_value::amount(d, currency()); }
chart_value dollars(std::int64_t d) { return dollars(fraction(d)); }

using fundround_test::one_series;  // tests/support/waterfall_test.hpp

liquidation_terms capped(std::int64_t cap_multiple) {
    liquidation_terms t;
    t.participation = participation::capped(fraction(cap_multiple));
    return t;
}

// VentureSouth's example (cited in test_waterfall.cpp): $2M for 25%, 1x participating capped at
// 4x. Breakpoints $2M (preference paid), $26M (cap reached), $32M (converts).
waterfall venturesouth_capped() { return waterfall::build(one_series(6'000'000, 2'000'000, 2'000'000, capped(4))); }

std::vector<chart_value> xs_of(const line_series& s) {
    std::vector<chart_value> out;
    for (const chart_point& p : s.points) out.push_back(p.x);
    return out;
}
std::vector<chart_value> ys_of(const line_series& s) {
    std::vector<chart_value> out;
    for (const chart_point& p : s.points) out.push_back(p.y);
    return out;
}
std::vector<std::string> labels_of(const chart& c) {
    std::vector<std::string> out;
    for (const chart_marker& m : c.markers) out.push_back(m.label);
    return out;
}

}  // namespace

TEST_CASE("Per class, lines: exact points at 0, each breakpoint and the maximum; a marker at each breakpoint") {
    // Series A: $2M preference to $2M; then $1.5M + x / 4 to $26M ($8M, the 4x cap); $8M to $32M;
    // then x / 4 converted. Common takes the rest.
    const waterfall w = venturesouth_capped();
    const chart c = payout_chart(w, usd(40'000'000));
    CHECK(validate_chart(c).empty());
    CHECK(c.title == "Payout by class at each exit value");
    CHECK(c.subtitle == "Exact: linear between 3 breakpoints (dashed)");
    CHECK(c.x_axis.format == axis_format::money);
    CHECK(c.y_axis.format == axis_format::money);
    REQUIRE(c.lines.size() == 2);
    CHECK(c.lines[0].name == "Common");
    CHECK(c.lines[1].name == "Series A");
    const std::vector<chart_value> xs{dollars(0), dollars(2'000'000), dollars(26'000'000), dollars(32'000'000),
                                      dollars(40'000'000)};
    CHECK(xs_of(c.lines[0]) == xs);
    CHECK(xs_of(c.lines[1]) == xs);
    CHECK(ys_of(c.lines[1]) == std::vector<chart_value>{dollars(0), dollars(2'000'000), dollars(8'000'000),
                                                         dollars(8'000'000), dollars(10'000'000)});
    CHECK(ys_of(c.lines[0]) == std::vector<chart_value>{dollars(0), dollars(0), dollars(18'000'000),
                                                         dollars(24'000'000), dollars(30'000'000)});
    CHECK(c.lines[0].style == series_style::line);
    CHECK(c.lines[0].show_points);
    REQUIRE(c.markers.size() == 3);
    CHECK(c.markers[0].x == dollars(2'000'000));
    CHECK(c.markers[1].x == dollars(26'000'000));
    CHECK(c.markers[2].x == dollars(32'000'000));
    CHECK(labels_of(c) ==
          std::vector<std::string>{"Preferences paid", "Series A reaches its cap", "Series A converts"});
    // Regression (audit of 2026-12-05): without markers the subtitle no longer says "(dashed)".
    payout_chart_options plain;
    plain.mark_breakpoints = false;
    const chart unmarked = payout_chart(w, usd(40'000'000), plain);
    CHECK(unmarked.markers.empty());
    CHECK(unmarked.subtitle == "Exact: linear between 3 breakpoints");
}

TEST_CASE("The maximum exit cuts the series and the markers; a breakpoint at the maximum is marked once") {
    const waterfall w = venturesouth_capped();
    const chart below = payout_chart(w, usd(20'000'000));
    CHECK(xs_of(below.lines[1]) == std::vector<chart_value>{dollars(0), dollars(2'000'000), dollars(20'000'000)});
    // $1.5M + $20M / 4 = $6.5M.
    CHECK(ys_of(below.lines[1]) == std::vector<chart_value>{dollars(0), dollars(2'000'000), dollars(6'500'000)});
    CHECK(below.markers.size() == 1);
    const chart at = payout_chart(w, usd(26'000'000));
    CHECK(xs_of(at.lines[0]) == std::vector<chart_value>{dollars(0), dollars(2'000'000), dollars(26'000'000)});
    CHECK(labels_of(at) == std::vector<std::string>{"Preferences paid", "Series A reaches its cap"});
    CHECK(at.subtitle == "Exact: linear between 2 breakpoints (dashed)");
    CHECK(validate_chart(at).empty());
    // Below the preference, common receives nothing: left out unless asked for.
    const chart small = payout_chart(w, usd(1'000'000));
    REQUIRE(small.lines.size() == 1);
    CHECK(small.lines[0].name == "Series A");
    // No breakpoint up to $1M: the old subtitle said "linear between 0 breakpoints (dashed)",
    // pointing at dashed lines the chart does not have.
    CHECK(small.markers.empty());
    CHECK(small.subtitle == "Exact: linear, no breakpoint up to the maximum exit");
    payout_chart_options keep;
    keep.include_zero_series = true;
    CHECK(payout_chart(w, usd(1'000'000), keep).lines.size() == 2);
}

TEST_CASE("A breakpoint that is not a whole number of mills is a point exactly") {
    // 7M common, 3M Series A for $2M, 1x non-participating: it converts when a share is worth
    // $2M / 3M, i.e. at an exit of 10M x $2/3 = $20M / 3 = $6,666,666.666...
    const waterfall w = waterfall::build(one_series(7'000'000, 3'000'000, 2'000'000, liquidation_terms::standard()));
    const chart c = payout_chart(w, usd(10'000'000));
    REQUIRE(c.lines.size() == 2);
    CHECK(xs_of(c.lines[1]) == std::vector<chart_value>{dollars(0), dollars(2'000'000), dollars(fraction(20'000'000, 3)),
                                                         dollars(10'000'000)});
    // Series A: $2M from $2M to the conversion, then 30% of the exit.
    CHECK(ys_of(c.lines[1]) == std::vector<chart_value>{dollars(0), dollars(2'000'000), dollars(2'000'000),
                                                         dollars(3'000'000)});
    CHECK(ys_of(c.lines[0]) == std::vector<chart_value>{dollars(0), dollars(0), dollars(fraction(14'000'000, 3)),
                                                         dollars(7'000'000)});
    REQUIRE(c.markers.size() == 2);
    CHECK(c.markers[1].x == dollars(fraction(20'000'000, 3)));
    CHECK(c.markers[1].label == "Series A converts");
    CHECK(validate_chart(c).empty());
}

TEST_CASE("Per holder, stacked areas: the areas add up to the exit value at every point") {
    // Two holders of common, an investor, and options at $0.50 from a pool: the options come into
    // the money where a share is worth $0.50.
    const cap_table table =
        cap_table_builder()
            .add(holder::founder("ada", "Ada"))
            .add(holder::employee("eve", "Eve"))
            .add(holder::investor("vc", "Fund"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1)), capped(3)))
            .add(option_pool{"Plan", "Common", sh(1'000'000)})
            .holding(holder_id("ada"), "Common", sh(8'000'000))
            .holding(holder_id("vc"), "Series A", sh(2'000'000))
            .grant({holder_id("eve"), "Plan", sh(1'000'000), price_per_share(money::from_units(500), sh(1))})
            .build();
    const waterfall w = waterfall::build(table);
    payout_chart_options o;
    o.by = payout_chart_by::holder;
    o.style = series_style::stacked_area;
    o.title = "By holder";
    const chart c = payout_chart(w, usd(60'000'000), o);
    CHECK(validate_chart(c).empty());
    CHECK(c.title == "By holder");
    CHECK(c.subtitle ==
          "Exact: linear between " + std::to_string(w.breakpoints().size()) +
              " breakpoints (dashed); options exercise net; the areas add up to the exit value");
    REQUIRE(c.lines.size() == 3);
    CHECK(c.lines[0].name == "Ada");
    CHECK(c.lines[1].name == "Eve");
    CHECK(c.lines[2].name == "Fund");
    for (const line_series& s : c.lines) {
        CHECK(s.style == series_style::stacked_area);
        CHECK_FALSE(s.show_points);
    }
    for (std::size_t k = 0; k < c.lines[0].points.size(); ++k) {
        fraction sum;
        for (const line_series& s : c.lines) sum += s.points[k].y.value();
        CHECK(sum == c.lines[0].points[k].x.value());
    }
    // Preference $2M paid at $2M; the options exercise at $0.50 a share: $2M + 8M x $0.50 + 2M
    // x $0.50 (participating) = $7M.
    REQUIRE(c.markers.size() >= 2);
    CHECK(c.markers[0].x == dollars(2'000'000));
    CHECK(c.markers[1].x == dollars(7'000'000));
    CHECK(c.markers[1].label == "Options: Plan at $0.50 exercise");
    // Every point is where the payout bends (or an end), and matches the waterfall exactly there.
    const std::vector<waterfall_breakpoint>& bps = w.breakpoints();
    CHECK(c.lines[0].points.size() == bps.size() + 2);
    for (std::size_t k = 1; k + 1 < c.lines[0].points.size(); ++k) {
        CHECK(c.lines[0].points[k].x.value() * fraction(1000) == bps[k - 1].exit_value);
        const std::vector<fraction> exact = w.exact_holder_payouts(bps[k - 1].exit_value);
        for (std::size_t h = 0; h < 3; ++h) CHECK(c.lines[h].points[k].y.value() * fraction(1000) == exact[h]);
    }
}

TEST_CASE("Marker labels: brief, the events' descriptions, or none; markers can be left out") {
    const waterfall w = venturesouth_capped();
    payout_chart_options o;
    o.markers = payout_marker_labels::descriptions;
    CHECK(payout_chart(w, usd(40'000'000), o).markers.at(2).label == "Series A converts to common (above its cap)");
    o.markers = payout_marker_labels::none;
    const chart unlabelled = payout_chart(w, usd(40'000'000), o);
    REQUIRE(unlabelled.markers.size() == 3);
    CHECK(unlabelled.markers[0].label.empty());
    o.mark_breakpoints = false;
    CHECK(payout_chart(w, usd(40'000'000), o).markers.empty());
    CHECK(brief_breakpoint_label(w, w.breakpoints().at(1)) == "Series A reaches its cap");
}

TEST_CASE("Stacked tiers: a tier's marker names its classes") {
    // Series B senior (seniority 1) over Series A (seniority 0): "Series B paid" then
    // "Preferences paid".
    liquidation_terms senior;
    senior.seniority = 1;
    const cap_table table = cap_table_builder()
                                .add(holder::founder("f", "Founder"))
                                .add(holder::investor("a", "A"))
                                .add(holder::investor("b", "B"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1))))
                                .add(share_class::preferred("Series B", price_per_share(usd(2), sh(1)), senior))
                                .holding(holder_id("f"), "Common", sh(6'000'000))
                                .holding(holder_id("a"), "Series A", sh(1'000'000))
                                .holding(holder_id("b"), "Series B", sh(1'000'000))
                                .build();
    const chart c = payout_chart(waterfall::build(table), usd(50'000'000));
    REQUIRE(c.markers.size() >= 2);
    CHECK(c.markers[0].x == dollars(2'000'000));
    CHECK(c.markers[0].label == "Series B paid");
    CHECK(c.markers[1].x == dollars(3'000'000));
    CHECK(c.markers[1].label == "Preferences paid");
}

TEST_CASE("Bad arguments are reported at once") {
    const waterfall w = venturesouth_capped();
    payout_chart_options step;
    step.style = series_style::step;
    try {
        (void)payout_chart(w, usd(0), step);
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].field.to_string() == "max_exit");
        CHECK(e.problems()[0].rule == "must be positive");
        CHECK(e.problems()[1].field.to_string() == "options.style");
    }
    CHECK_THROWS_AS((void)payout_chart(w, money::from_major(10, currencies::eur)), validation_error);
    CHECK_THROWS_AS((void)payout_chart(w, usd(-1)), validation_error);
    // A curve of another waterfall (other lines) is refused.
    const waterfall other = waterfall::build(cap_table_builder()
                                                 .add(holder::founder("f", "Founder"))
                                                 .add(share_class::common("Common"))
                                                 .holding(holder_id("f"), "Common", sh(1'000))
                                                 .build());
    try {
        (void)payout_chart(w, other.curve(), usd(10));
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string() == "curve");
    }
}

TEST_CASE("The SVG is deterministic and carries the series and markers") {
    const waterfall w = venturesouth_capped();
    const std::string a = to_svg(payout_chart(w, usd(40'000'000)));
    const std::string b = to_svg(payout_chart(w, w.curve(), usd(40'000'000)));
    CHECK(a == b);
    CHECK(a.find("<svg") != std::string::npos);
    CHECK(a.find("</svg>") != std::string::npos);
    CHECK(a.find("Series A converts") != std::string::npos);
    CHECK(a.find("Preferences paid") != std::string::npos);
    CHECK(a.find("Exit value") != std::string::npos);
    CHECK(a.find("$40M") != std::string::npos);
}

// Layout, regression: breakpoints $100 apart on a $0 to $100M axis ($1,000,000: the preference
// paid; $1,000,100: Series A converts, 10,000 of 10,001 shares) were two markers 0.0008 px apart
// whose labels were drawn over each other. Their labels are joined, each with its exit value.
TEST_CASE("Breakpoints a few pixels apart: one label naming both, each with its exit value") {
    const chart c = fundround_test::crowded_breakpoints();
    REQUIRE(c.markers.size() == 2);
    CHECK(c.markers[0].x == dollars(1'000'000));
    CHECK(c.markers[1].x == dollars(1'000'100));
    const std::string svg = to_svg(c);
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    CHECK(svg.find(">Preferences paid at $1M; Series A converts at $1.0001M</text>") != std::string::npos);
}

// The Series A/B/C company's payout charts, per class and per holder (docs/images/): every text
// inside the chart, none over another.
TEST_CASE("The Series A/B/C payout charts: no text leaves the chart or overlaps another") {
    const waterfall abc = waterfall::build(fundround_test::series_abc().final_table());
    payout_chart_options by_holder;
    by_holder.by = payout_chart_by::holder;
    by_holder.style = series_style::stacked_area;
    CHECK(fundround_test::svg_layout_problems(to_svg(payout_chart(abc, 300_M))) == std::vector<std::string>{});
    CHECK(fundround_test::svg_layout_problems(to_svg(payout_chart(abc, 300_M, by_holder))) == std::vector<std::string>{});
    payout_chart_options described;
    described.markers = payout_marker_labels::descriptions;
    CHECK(fundround_test::svg_layout_problems(to_svg(payout_chart(abc, 300_M, described))) == std::vector<std::string>{});
}

TEST_CASE("An exit at the largest money is charted: the axes end past it, labelled exactly") {
    // Regression (2026-12-06): an exit within a step of 2^63 - 1 mills ($9,223,372,036,854,775.807)
    // gave axes ending at $10,000T, whose tick labels were made as money: to_svg threw
    // overflow_error (the command-line tool exited 5, "cannot be computed").
    const waterfall w = venturesouth_capped();
    const money most = money::from_units(detail::int64_max);
    const chart c = payout_chart(w, most);
    CHECK(validate_chart(c).empty());
    REQUIRE(c.lines.size() == 2);
    CHECK(c.lines[0].points.back().x == chart_value(most));
    const std::string svg = to_svg(c);
    CHECK(svg.find(">$10,000T</text>") != std::string::npos);
    CHECK(svg.find(">$0</text>") != std::string::npos);
    // $9,000T, a step below the limit, also needs an axis end past it.
    CHECK(to_svg(payout_chart(w, usd(9'000'000'000'000'000))).find(">$10,000T</text>") != std::string::npos);
}

TEST_CASE("A chart point whose exact payouts overflow: overflow_error naming the exit and the price") {
    // Regression (fourth session of 2026-12-06): an exercise price of 2^63 - 1 mills per
    // 9,223,372,036,854,775,783 shares (a prime) charted up to the largest exit: the curve is
    // built, but its last segment's intercept + slope x at that exit overflows, and the chart
    // threw the fraction's bare "fraction: 3952875047705194896539401/6588125518716850374935938 +
    // ... overflows" (the command-line tool's --svg exited 5 naming nothing). The point falls back
    // to the waterfall's direct exact payouts, which overflow too and name the exit and the price.
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(holder::investor("vc", "Fund"))
                           .add(holder::employee("e", "Employee"))
                           .add(share_class::common("Common"))
                           .add(share_class::preferred("Seed", price_per_share(usd(1), sh(1)), liquidation_terms::standard()))
                           .add(option_pool{"Plan", "Common", sh(1)})
                           .holding(holder_id("f"), "Common", sh(3'000'001))
                           .holding(holder_id("vc"), "Seed", sh(2'000'000))
                           .grant({holder_id("e"), "Plan", sh(1),
                                   price_per_share(money::from_units(9'223'372'036'854'775'807), sh(9'223'372'036'854'775'783))})
                           .build();
    const waterfall w = waterfall::build(table);
    const std::string message =
        "liquidation waterfall: exit_value = $9,223,372,036,854,775.807: the exact payouts at this exit overflow the "
        "exact range (fractions below 2^127); the price with the largest denominator: cap_table.grants[0].exercise_price "
        "= $0.0010 (9223372036854775807/9223372036854775783 mills a share)";
    const money most = money::from_units(detail::int64_max);
    CHECK_THROWS_WITH_AS((void)payout_chart(w, most), message.c_str(), overflow_error);
    payout_chart_options by_holder;
    by_holder.by = payout_chart_by::holder;
    CHECK_THROWS_WITH_AS((void)payout_chart(w, most, by_holder), message.c_str(), overflow_error);
    // Up to $5M it is charted from the curve: the last point is the waterfall's payout there.
    const chart c = payout_chart(w, usd(5'000'000));
    REQUIRE(c.lines.size() == 3);
    CHECK(c.lines[1].points.back().y == dollars(2'000'000));
}

TEST_CASE("payout_chart: choices outside their enumerations are problems naming the field, the integer and the names") {
    // Regression: an unknown by was drawn per holder, an unknown style and markers passed as
    // something else (to_string of the series style: "unknown").
    const waterfall w = venturesouth_capped();
    payout_chart_options o;
    o.by = static_cast<payout_chart_by>(2);
    o.style = static_cast<series_style>(9);
    o.markers = static_cast<payout_marker_labels>(3);
    try {
        (void)payout_chart(w, usd(40'000'000), o);
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].message() == "options.by = 2: must be line or holder");
        CHECK(e.problems()[1].message() == "options.style = 9: must be line, step or stacked_area");
        CHECK(e.problems()[2].message() == "options.markers = 3: must be brief, descriptions or none");
    }
}

}  // namespace test_waterfall_chart
