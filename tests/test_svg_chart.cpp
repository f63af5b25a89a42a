// Unit tests for fundround/io/chart.hpp and io/svg_chart.hpp (the chart data, its validation, the
// nice scales, the SVG) and the chart adapters io/round_charts.hpp, io/flows_chart.hpp and
// io/chain_chart.hpp. The rendering itself is checked by the charts_render ctest
// (tests/charts/render_charts.py) with rsvg-convert.
#include <fundround/io/chain_chart.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/io/flows_chart.hpp>
#include <fundround/io/round_charts.hpp>
#include <fundround/io/svg_chart.hpp>

#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/time/installments.hpp>
#include <fundround/time/scenario.hpp>

#include "support/crowded_charts.hpp"
#include "support/svg_geometry.hpp"

#include <date/date.h>
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_svg_chart {

namespace fr = fundround;
using fr::axis_format;
using fr::chart;
using fr::chart_value;
using fr::fraction;
using fr::line_series;
using fr::money;
using fr::series_style;
using namespace fr::literals;
using fundround::year;

namespace {

std::vector<std::string> labels(const fr::axis_scale& s) {
    std::vector<std::string> out;
    for (const fr::axis_tick& t : s.ticks) out.push_back(t.label);
    return out;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// One line from (0, 0) through (3, 7) to (10, 10) on number axes, 880 x 500, no titles.
chart small_line_chart() {
    chart c;
    c.x_axis = fr::number_axis("");
    c.y_axis = fr::number_axis("");
    line_series s{"s", {}, series_style::line, false, {}, false};
    s.add(0, 0).add(3, 7).add(10, 10);
    c.lines.push_back(s);
    return c;
}

std::vector<std::string> problem_fields(const chart& c) {
    std::vector<std::string> out;
    for (const fr::diagnostic& d : fr::validate_chart(c)) out.push_back(d.field.to_string());
    return out;
}

// The reference round (shared/REFERENCE.md) with the assumptions of examples/reference_deal.cpp:
// A1 close on 2026-02-27, A2 Nvidia and SoftBank in full at close, A3 Amazon's $35B waits on one
// milestone, A5 met on 2026-09-30, A7/A8 cloud commitments paid evenly each 31 December 2026-2033.
fr::funding_round reference_round() {
    return fr::round_builder("Reference round, 2026")
        .pre_money(730_B)
        .close_date(year{2026} / 2 / 27)
        .invest(fr::investor::strategic("Amazon"), 50_B,
                {fr::tranche::at_close(15_B), fr::tranche::when(35_B, fr::milestone("certain conditions"))})
        .invest(fr::investor::strategic("Nvidia"), 30_B)
        .invest(fr::investor::financial("SoftBank"), 30_B)
        .build();
}

fr::scenario_result conditions_met(const fr::funding_round& r) {
    return fr::scenario("met").achieve("certain conditions", year{2026} / 9 / 30).apply_to(r);
}

}  // namespace

TEST_CASE("nice_scale: money ticks are 1-2-5 x 10^k with compact exact labels") {
    const fr::chart_axis usd = fr::money_axis("", fr::currencies::usd);
    const fr::axis_scale a = fr::nice_scale(usd, fraction(0), fraction(73'000'000), 6);
    CHECK(a.from == fraction(0));
    CHECK(a.to == fraction(80'000'000));
    CHECK(labels(a) == std::vector<std::string>{"$0", "$20M", "$40M", "$60M", "$80M"});

    const fr::axis_scale b = fr::nice_scale(usd, fraction(0), fraction(3'000'000'000), 6);
    CHECK(labels(b) == std::vector<std::string>{"$0", "$500M", "$1B", "$1.5B", "$2B", "$2.5B", "$3B"});

    // Negative values and zero inside: the net flows of the reference round (-$88B to $50B).
    const fr::axis_scale c = fr::nice_scale(usd, fraction(-88'000'000'000), fraction(50'000'000'000), 6);
    CHECK(labels(c) == std::vector<std::string>{"-$100B", "-$50B", "$0", "$50B"});

    // Zero is reached unless the axis says otherwise.
    fr::chart_axis no_zero = usd;
    no_zero.include_zero = false;
    const fr::axis_scale d = fr::nice_scale(no_zero, fraction(1'010'000'000), fraction(1'090'000'000), 5);
    CHECK(labels(d) == std::vector<std::string>{"$1B", "$1.02B", "$1.04B", "$1.06B", "$1.08B", "$1.1B"});
    CHECK(labels(fr::nice_scale(usd, fraction(1'010'000'000), fraction(1'090'000'000), 5)) ==
          std::vector<std::string>{"$0", "$500M", "$1B", "$1.5B"});

    // Other currencies: their symbol, or their code.
    CHECK(labels(fr::nice_scale(fr::money_axis("", fr::currencies::chf), fraction(0), fraction(2'000'000), 4)) ==
          std::vector<std::string>{"CHF 0", "CHF 500K", "CHF 1M", "CHF 1.5M", "CHF 2M"});
    CHECK(labels(fr::nice_scale(fr::money_axis("", fr::currencies::eur), fraction(0), fraction(250'000), 5)) ==
          std::vector<std::string>{"\xE2\x82\xAC" "0", "\xE2\x82\xAC" "50K", "\xE2\x82\xAC" "100K",
                                   "\xE2\x82\xAC" "150K", "\xE2\x82\xAC" "200K", "\xE2\x82\xAC" "250K"});

    // Money steps are never below a mill; one value v widens to [0, 2v] (or [0, 1] for 0).
    CHECK(labels(fr::nice_scale(usd, fraction(0), fraction(0), 4)) ==
          std::vector<std::string>{"$0", "$0.50", "$1"});
    const fr::axis_scale tiny = fr::nice_scale(usd, fraction(0), fraction(1, 100'000), 4);
    CHECK(tiny.to == fraction(1, 1000));
    CHECK(labels(tiny) == std::vector<std::string>{"$0", "$0.001"});
}

TEST_CASE("nice_scale: percentages, numbers and the smallest step that fits") {
    const fr::chart_axis pct = fr::percent_axis("");
    CHECK(labels(fr::nice_scale(pct, fraction(0), fraction(73, 84), 6)) ==
          std::vector<std::string>{"0%", "20%", "40%", "60%", "80%", "100%"});
    CHECK(labels(fr::nice_scale(pct, fraction(0), fraction(1, 40), 5)) ==
          std::vector<std::string>{"0%", "0.5%", "1%", "1.5%", "2%", "2.5%"});
    const fr::chart_axis num = fr::number_axis("");
    const fr::axis_scale n = fr::nice_scale(num, fraction(-1234), fraction(5678), 8);
    CHECK(n.from == fraction(-2000));
    CHECK(n.to == fraction(6000));
    CHECK(labels(n).front() == "-2,000");
    CHECK(labels(n).back() == "6,000");
    CHECK(labels(fr::nice_scale(num, fraction(0), fraction(1, 4), 5)) ==
          std::vector<std::string>{"0", "0.05", "0.1", "0.15", "0.2", "0.25"});
    // max_intervals decides: 0..10 in at most 4 steps is 0, 5, 10; in at most 10 steps 0, 1, ..., 10.
    CHECK(fr::nice_scale(num, fraction(0), fraction(10), 4).ticks.size() == 3);
    CHECK(fr::nice_scale(num, fraction(0), fraction(10), 10).ticks.size() == 11);
    // Property: every scale covers the data with at most max_intervals steps of 1, 2 or 5 x 10^k.
    for (std::int64_t hi = 1; hi < 2000; hi += 37) {
        for (int most = 2; most <= 9; ++most) {
            const fr::axis_scale s = fr::nice_scale(num, fraction(-hi / 3), fraction(hi), most);
            REQUIRE(s.ticks.size() >= 2);
            CHECK(s.from <= fraction(-hi / 3));
            CHECK(fraction(hi) <= s.to);
            CHECK(s.ticks.size() - 1 <= static_cast<std::size_t>(most));
            fraction step = s.ticks[1].value - s.ticks[0].value;
            while (fraction(10) <= step) step /= fraction(10);
            while (step < fraction(1)) step *= fraction(10);
            CHECK((step == fraction(1) || step == fraction(2) || step == fraction(5)));
        }
    }
    CHECK_THROWS_AS(fr::nice_scale(num, fraction(2), fraction(1), 5), fr::invalid_argument_error);
    CHECK_THROWS_AS(fr::nice_scale(num, fraction(0), fraction(1), 0), fr::invalid_argument_error);
    CHECK_THROWS_AS(fr::nice_scale(fr::category_axis(""), fraction(0), fraction(1), 5), fr::invalid_argument_error);
}

TEST_CASE("nice_scale: an axis may end past the largest money; its labels come from the exact ticks") {
    // Regression (2026-12-06): the axis of data within a step of the money limit (2^63 - 1 mills,
    // $9,223,372,036,854,775.807) ends past it, and every tick label was made as a money, so
    // nice_scale threw overflow_error and no such chart could be drawn.
    const fr::chart_axis usd = fr::money_axis("", fr::currencies::usd);
    const fraction most(fr::detail::int64_max, 1000);
    const fraction least(fr::detail::int64_min, 1000);
    const fr::axis_scale up = fr::nice_scale(usd, fraction(0), most, 5);
    CHECK(up.from == fraction(0));
    CHECK(up.to == fraction(10'000'000'000'000'000));
    CHECK(labels(up) == std::vector<std::string>{"$0", "$2,000T", "$4,000T", "$6,000T", "$8,000T", "$10,000T"});
    // Outflows down to the negative limit (-2^63 mills), and both ways at once.
    const fr::axis_scale down = fr::nice_scale(usd, least, fraction(0), 5);
    CHECK(down.from == fraction(-10'000'000'000'000'000));
    CHECK(labels(down) == std::vector<std::string>{"-$10,000T", "-$8,000T", "-$6,000T", "-$4,000T", "-$2,000T", "$0"});
    CHECK(labels(fr::nice_scale(usd, least, most, 5)) ==
          std::vector<std::string>{"-$10,000T", "-$5,000T", "$0", "$5,000T", "$10,000T"});
    // A finer step: the ticks past the limit read like those below it.
    fr::chart_axis no_zero = usd;
    no_zero.include_zero = false;
    CHECK(labels(fr::nice_scale(no_zero, fraction(9'223'000'000'000'000), most, 4)) ==
          std::vector<std::string>{"$9,223T", "$9,223.1T", "$9,223.2T", "$9,223.3T", "$9,223.4T"});
    CHECK(labels(fr::nice_scale(fr::money_axis("", fr::currencies::chf), fraction(0), most, 2)) ==
          std::vector<std::string>{"CHF 0", "CHF 5,000T", "CHF 10,000T"});
    // In range, the labels are those of money: the same text either side of the limit.
    CHECK(fr::format_axis_value(usd, most) == "$9,223.372036854775807T");
    CHECK(fr::format_axis_value(usd, most + fraction(1, 1000)) == "$9,223.372036854775808T");
    CHECK(fr::format_axis_value(usd, least) == "-$9,223.372036854775808T");
    CHECK(fr::format_axis_value(usd, least - fraction(1, 1000)) == "-$9,223.372036854775809T");
    CHECK(fr::format_axis_value(usd, most * fraction(2)) == "$18,446.744073709551614T");
    CHECK(fr::format_axis_value(usd, fraction(12'000'000'000'000'000)) == "$12,000T");
    // Rounded half-even to a mill, as in range: 0.0005 more is the even mill below.
    CHECK(fr::format_axis_value(usd, fraction(10'000'000'000'000'000) + fraction(1, 2000)) == "$10,000T");
    // Only what no 128-bit count of mills holds is refused, naming the value and the rule.
    const fraction huge(fraction::rep(fr::detail::int128_max_magnitude / 100));
    CHECK_THROWS_WITH_AS(fr::format_axis_value(usd, huge),
                         "money axis label: 1701411834604692317316873037158841057 USD: a money label counts "
                         "mills in 128 bits, at most (2^127 - 1) / 1000 major units",
                         fr::overflow_error);
}

TEST_CASE("nice_scale: numbers and percentages near the limit of the exact fraction") {
    // Percent labels are written from the exact tick by digit-by-digit division: a tick whose
    // percentage (x 100) is past 2^127 is still labelled (it threw from the product before).
    const fraction top(fraction::rep(fr::detail::int128_max_magnitude / 100));  // about 1.7e36
    const fr::axis_scale p = fr::nice_scale(fr::percent_axis(""), fraction(0), top, 2);
    CHECK(p.to == fraction(fraction::rep(2) * fraction::rep(1'000'000'000'000'000'000) *
                           fraction::rep(1'000'000'000'000'000'000)));
    CHECK(labels(p) == std::vector<std::string>{"0%", "100,000,000,000,000,000,000,000,000,000,000,000,000%",
                                                "200,000,000,000,000,000,000,000,000,000,000,000,000%"});
    CHECK(fr::format_axis_value(fr::percent_axis(""), top) ==
          "170,141,183,460,469,231,731,687,303,715,884,105,700%");
    // Numbers up to 2^127 - 1: no 1-2-5 x 10^k end fits (the next is 2 x 10^38), so the scale
    // is refused with the data range and the rule, not a bare fraction overflow.
    const fraction limit = fraction(fraction::rep(fr::detail::int128_max_magnitude));
    const fr::chart_axis num = fr::number_axis("");
    CHECK_THROWS_WITH_AS(
        fr::nice_scale(num, fraction(0), limit, 5),
        "nice_scale: a number axis for 0 to 170141183460469231731687303715884105727: its 1-2-5 x 10^k ticks do "
        "not fit exact fractions (numerators and denominators below 2^127): fraction: 4 * "
        "50000000000000000000000000000000000000 overflows: numerator and denominator in lowest terms must be "
        "below 2^127 in magnitude",
        fr::overflow_error);
    CHECK_THROWS_AS(fr::nice_scale(num, -limit, fraction(0), 5), fr::overflow_error);
    // A tenth of it has a scale.
    CHECK(labels(fr::nice_scale(num, fraction(0), limit / fraction(10), 2)).back() ==
          "20,000,000,000,000,000,000,000,000,000,000,000,000");
    // Such a chart is drawn: a coordinate is (v - from) / (to - from) x length, the product formed
    // without overflow (it overflowed the fraction from about 10^34 before).
    chart big;
    big.x_axis = fr::number_axis("");
    big.y_axis = fr::percent_axis("");
    line_series l{"L"};
    l.add(0, 0).add(fraction(fraction::rep(fr::detail::int128_max_magnitude / 2)),
                    fraction(fraction::rep(fr::detail::int128_max_magnitude / 200)));
    big.lines = {l};
    const std::string svg = fr::to_svg(big);
    CHECK(count(svg, ">100,000,000,000,000,000,000,000,000,000,000,000,000</text>") == 1);
    CHECK(count(svg, ">100,000,000,000,000,000,000,000,000,000,000,000,000%</text>") == 1);
}

TEST_CASE("nice_scale: dates tick on days, month starts or years") {
    const fr::chart_axis dates = fr::date_axis("");
    const auto day = [](int y, unsigned m, unsigned d) { return chart_value::date(y, m, d).value(); };
    CHECK(labels(fr::nice_scale(dates, day(2026, 1, 1), day(2026, 12, 31), 8)) ==
          std::vector<std::string>{"Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026", "Jan 2027"});
    CHECK(labels(fr::nice_scale(dates, day(2025, 11, 15), day(2027, 6, 30), 8)) ==
          std::vector<std::string>{"Oct 2025", "Jan 2026", "Apr 2026", "Jul 2026", "Oct 2026", "Jan 2027", "Apr 2027",
                                   "Jul 2027"});
    CHECK(labels(fr::nice_scale(dates, day(2026, 2, 27), day(2026, 3, 3), 8)) ==
          std::vector<std::string>{"2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-03"});
    const fr::axis_scale years = fr::nice_scale(dates, day(2020, 6, 1), day(2035, 3, 1), 8);
    CHECK(labels(years) == std::vector<std::string>{"2020", "2022", "2024", "2026", "2028", "2030", "2032", "2034", "2036"});
    CHECK(years.from == day(2020, 1, 1));
    CHECK(years.to == day(2036, 1, 1));
}

TEST_CASE("chart_value: dates round-trip through day numbers; bad dates throw") {
    CHECK(chart_value::date(1970, 1, 1).value() == fraction(0));
    CHECK(chart_value::date(2026, 2, 27).value() ==
          fraction(std::int64_t{(year{2026} / 2 / 27).day_number()}));
    CHECK(fr::chart_date(year{2000} / 2 / 29) == chart_value::date(2000, 2, 29));
    CHECK(chart_value::date(2026, 2, 27).to_string() == "2026-02-27");
    CHECK(chart_value(15_B).to_string() == "$15,000,000,000.00");
    CHECK(chart_value(fraction(7, 2)).to_string() == "7/2");
    // An exact amount that is not a whole number of mills: $70M / 3 (a breakpoint, say).
    const chart_value third = chart_value::amount(fraction(70'000'000, 3), fr::currencies::usd);
    CHECK(third.kind() == fr::chart_value_kind::money);
    CHECK(third.value() == fraction(70'000'000, 3));
    CHECK(third.to_string() == "$23,333,333.333 (70000000/3)");
    CHECK(chart_value::amount(fraction(3, 2), fr::currencies::usd) == chart_value(money::from_units(1500)));
    CHECK_THROWS_AS((void)chart_value::date(2026, 2, 29), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)chart_value::date(2026, 13, 1), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)chart_value::date(2026, 1, 0), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)chart_value::day_number(fr::detail::int64_max), fr::invalid_argument_error);
    CHECK(chart_value::day_number(-100'000'000).to_string() == "-271821-04-20");
    // The date writer takes any year a day number gives (years beyond an int, no narrowing); the
    // last 719,468 day numbers before INT64_MAX have no date and throw.
    CHECK(fr::detail::iso_date_text(1'000'000'000'000) == "2737908976-12-27");
    CHECK(fr::detail::iso_date_text(-1'000'000'000'000) == "-2737905037-01-05");
    CHECK_THROWS_AS((void)fr::detail::iso_date_text(fr::detail::int64_max), fr::invalid_argument_error);
    CHECK_FALSE(fr::detail::iso_date_text(fr::detail::int64_max - 719468).empty());
    // Property: the civil formulas agree with date's (an independent implementation) over four
    // centuries and more.
    for (std::int64_t d = -150'000; d <= 150'000; d += 61) {
        const fr::detail::civil_day c = fr::detail::civil_from_days(d);
        const date::year_month_day ymd{date::sys_days{date::days{d}}};
        REQUIRE(c.year == static_cast<int>(ymd.year()));
        REQUIRE(c.month == static_cast<unsigned>(ymd.month()));
        REQUIRE(c.day == static_cast<unsigned>(ymd.day()));
        REQUIRE(fr::detail::days_from_civil(c.year, c.month, c.day) == d);
    }
}

TEST_CASE("format_axis_value: compact exact money, short percentages and numbers") {
    const fr::chart_axis usd = fr::money_axis("", fr::currencies::usd);
    CHECK(fr::format_axis_value(usd, fraction(250'000)) == "$250K");
    CHECK(fr::format_axis_value(usd, fraction(17'250'000'000)) == "$17.25B");
    CHECK(fr::format_axis_value(usd, fraction(-88'000'000'000)) == "-$88B");
    CHECK(fr::format_axis_value(usd, fraction(0)) == "$0");
    CHECK(fr::format_axis_value(usd, fraction(1'234'567'891, 1000)) == "$1.234567891M");
    CHECK(fr::format_axis_value(fr::percent_axis(""), fraction(5, 84)) == "5.95%");
    CHECK(fr::format_axis_value(fr::percent_axis(""), fraction(1, 4)) == "25%");
    CHECK(fr::format_axis_value(fr::number_axis(""), fraction(1, 3)) == "0.3333");
    CHECK(fr::format_axis_value(fr::number_axis(""), fraction(12'500)) == "12,500");
    CHECK(fr::format_axis_value(fr::date_axis(""), chart_value::date(2026, 9, 30).value()) == "2026-09-30");
}

TEST_CASE("to_svg: coordinates are exact fractions rounded to 0.01 px") {
    // Layout of small_line_chart() (see write_svg): the legend row ends at y = 40 px, the plot
    // starts 10 px lower (50); the bottom keeps 16 px padding and 24 px of x labels (460). The y
    // axis 0..10 in steps of 2 ("10" is 2 x 0.64 em x 12 px = 15.36 px wide) puts the plot's left
    // edge at 16 + 15.36 + 8 = 39.36 px; the right edge is 880 - 24 = 856 px. So x = 3 is at
    // 39.36 + 816.64 x 3/10 = 284.352 -> 284.35 and y = 7 at 460 - 410 x 7/10 = 173.
    const std::string svg = fr::to_svg(small_line_chart());
    CHECK(svg.find("<path class=\"series\" d=\"M39.36 460 L284.35 173 L856 50\"") != std::string::npos);
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("width=\"880\" height=\"500\" viewBox=\"0 0 880 500\"") != std::string::npos);
    // y ticks 0, 2, ..., 10 with grid lines at their heights.
    CHECK(svg.find("<line x1=\"39.36\" y1=\"378\" x2=\"856\" y2=\"378\"") != std::string::npos);
    CHECK(svg.find(">10</text>") != std::string::npos);
    CHECK(count(svg, "<line x1=\"39.36\" y1=") == 8);  // 6 grid lines, the first x grid line, the x axis
    CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
    // The pixel rounding is named: half away from zero.
    CHECK(fr::svg_coordinate_rounding == fr::rounding::half_away_from_zero);
    const fr::detail::axis_map m{fraction(0), fraction(8), 0, 1, false};
    CHECK(m.at(fraction(4)) == 1);   // 0.5 hundredth -> 1
    CHECK(m.at(fraction(-4)) == -1);
    CHECK(fr::detail::px_text(12345) == "123.45");
    CHECK(fr::detail::px_text(12340) == "123.4");
    CHECK(fr::detail::px_text(12300) == "123");
    CHECK(fr::detail::px_text(-5) == "-0.05");
}

TEST_CASE("to_svg: deterministic, the same bytes from a copy and from write_svg") {
    const chart c = small_line_chart();
    const chart copy = c;
    const std::string once = fr::to_svg(c);
    CHECK(once == fr::to_svg(copy));
    std::ostringstream os;
    fr::write_svg(os, c);
    CHECK(os.str() == once);
    // No floating-point text anywhere: no digit followed by an exponent ("1e-05", "2.5e+06"),
    // outside the "#rrggbb" colours.
    bool exponent = false;
    for (std::size_t i = 1; i + 1 < once.size(); ++i) {
        if (once[i] == '#') {
            i += 6;
            continue;
        }
        const auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
        exponent = exponent || (digit(once[i - 1]) && (once[i] == 'e' || once[i] == 'E') &&
                                (digit(once[i + 1]) || once[i + 1] == '-' || once[i + 1] == '+'));
    }
    CHECK_FALSE(exponent);
}

TEST_CASE("to_svg: every text is XML-escaped") {
    chart c = small_line_chart();
    c.title = "A & B <C> \"D\" 'E'";
    c.lines[0].name = "x<y";
    c.markers.push_back({chart_value(5), "Series \"B\" converts & more"});
    c.note = "1 < 2";
    const std::string svg = fr::to_svg(c);
    CHECK(svg.find("<title>A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;</title>") != std::string::npos);
    CHECK(svg.find(">x&lt;y</text>") != std::string::npos);
    CHECK(svg.find(">Series &quot;B&quot; converts &amp; more</text>") != std::string::npos);
    CHECK(svg.find(">1 &lt; 2</text>") != std::string::npos);
    CHECK(svg.find("<C>") == std::string::npos);
    CHECK(svg.find("x<y") == std::string::npos);
    // UTF-8 passes through unchanged (the euro sign of a label).
    CHECK(fr::detail::xml_escaped("\xE2\x82\xAC 5 & 6") == "\xE2\x82\xAC 5 &amp; 6");
}

TEST_CASE("to_svg: breakpoint markers, points and the legend") {
    chart c;
    c.title = "Payout by exit value";
    c.x_axis = fr::money_axis("Exit value", fr::currencies::usd);
    c.y_axis = fr::money_axis("Payout", fr::currencies::usd);
    line_series a{"Series A"};  // the other members have defaults: no missing-initializer warning
    a.show_points = true;
    a.add(0_M, 0_M).add(10_M, 10_M).add(30_M, 10_M).add(100_M, 35_M);
    c.lines.push_back(a);
    c.markers.push_back({30_M, "Series A converts"});
    const std::string svg = fr::to_svg(c);
    CHECK(count(svg, "<circle") == 4 + 1);  // one dot per breakpoint, one in the legend
    CHECK(count(svg, "stroke-dasharray=\"4 3\"") == 1);
    CHECK(svg.find(">Series A converts</text>") != std::string::npos);
    CHECK(svg.find("transform=\"rotate(-90 ") != std::string::npos);
    CHECK(svg.find(">$100M</text>") != std::string::npos);
    CHECK(svg.find(">Exit value</text>") != std::string::npos);
    CHECK(svg.find("stroke=\"#0072B2\"") != std::string::npos);  // the palette's first colour
}

// Regression (audit of 2026-12-05): a ninth bar series took the first's colour as it was and
// could not be told from it. Filled series on a repeated pass of the palette (bars, and stacked
// areas like lines) are outlined with that pass's dash, in the plot and in the legend.
TEST_CASE("to_svg: bar series past the palette are outlined with the pass's dash") {
    chart c;
    c.x_axis = fr::category_axis("Year");
    c.y_axis = fr::number_axis("Count");
    c.categories = {"2026"};
    for (int i = 0; i < 9; ++i) c.bars.push_back(fr::bar_series{"b" + std::to_string(i), {i + 1}, ""});
    const std::string svg = fr::to_svg(c);
    // The first and the ninth share #0072B2; only the ninth has the outline, in the plot and the legend.
    CHECK(count(svg, "fill=\"#0072B2\"") == 4);
    CHECK(count(svg, "stroke=\"#222222\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"") == 2);
    CHECK(count(svg, "fill=\"#0072B2\" stroke=\"#222222\"") == 2);
    // Eight series: no outline anywhere (the bytes of every earlier chart are unchanged).
    c.bars.pop_back();
    CHECK(count(fr::to_svg(c), "stroke=\"#222222\"") == 0);
}

TEST_CASE("to_svg: a chart too small for its texts names the height") {
    chart c = small_line_chart();
    c.height = 200;
    c.title = "Title";
    c.subtitle = "Subtitle";
    c.note = "Note";
    c.x_axis.title = "x";
    c.lines[0].name = "One series";
    CHECK(fr::validate_chart(c).empty());
    try {
        (void)fr::to_svg(c);
        FAIL("to_svg did not throw");
    } catch (const fr::validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string() == "height");
        CHECK(e.problems()[0].value == "200");
    }
}

// Layout, regression: a legend that wraps to more rows made the plot shorter, down to nothing
// (20 series on a 200 px chart threw "height = 200: leaves less than 40 px for the plot"); each
// row past the first now makes the drawing 20 px taller, and the plot keeps its height.
TEST_CASE("to_svg: a legend of seven rows makes the drawing 120 px taller, not the plot shorter") {
    chart c = small_line_chart();
    c.height = 200;
    for (int i = 0; i < 20; ++i) {
        line_series s{"A long series name number " + std::to_string(i)};
        s.add(0, i).add(10, i);
        c.lines.push_back(s);
    }
    const std::string svg = fr::to_svg(c);
    CHECK(count(svg, "width=\"880\" height=\"320\" viewBox=\"0 0 880 320\"") == 1);
    CHECK(fundround_test::svg_layout_problems(svg).empty());
}

// The texts of a chart whose every <text> box is inside the viewBox and apart from every other.
std::vector<std::string> layout_problems(const chart& c) { return fundround_test::svg_layout_problems(fr::to_svg(c)); }

// Layout, regression: a legend entry wider than the chart ran past its right edge (the 1,040 px
// name to x = 894 of 880; the CJK name to x = 1,916 of 480). It is shortened with an ellipsis to
// the chart's width, less the padding and the swatch; the whole name is the entry's <title>.
TEST_CASE("to_svg: a legend name wider than the chart ends in an ellipsis, whole in its <title>") {
    for (const auto& name_width : {std::pair<std::string, int>{fundround_test::crowded_long_name, 880},
                                   std::pair<std::string, int>{fundround_test::crowded_cjk_name(), 480}}) {
        const std::string& name = name_width.first;
        const int width = name_width.second;
        CAPTURE(width);
        const std::string svg = fr::to_svg(fundround_test::crowded_legend(name, width));
        CHECK(fundround_test::svg_layout_problems(svg).empty());
        CHECK(count(svg, "<g><title>" + fr::detail::xml_escaped(name) + "</title>") == 1);
        bool shortened = false;
        for (const fundround_test::svg_text_box& b : fundround_test::svg_text_boxes(svg)) {
            if (b.text.size() < 3 || b.text.compare(b.text.size() - 3, 3, "\xE2\x80\xA6") != 0) continue;
            shortened = true;
            CHECK(name.compare(0, b.text.size() - 3, b.text, 0, b.text.size() - 3) == 0);  // a prefix of the name
            // The legend line swatch (22 px) and 6 px, then the text up to the right padding (16 px).
            CHECK(fr::detail::text_width(b.text, 12) <= fr::detail::svg_px(width) * 100 - 3200 - 2800);
        }
        CHECK(shortened);
    }
    // The CJK name is cut between whole characters: 34 of them and the ellipsis, 34 x 12 px + 8.4 px
    // of the 420 px room (480 less 32 px of padding and 28 px of swatch).
    const std::string svg = fr::to_svg(fundround_test::crowded_legend(fundround_test::crowded_cjk_name(), 480));
    CHECK(count(svg, ">" + fundround_test::crowded_cjk_name().substr(0, 34 * 3) + "\xE2\x80\xA6</text>") == 1);
}

// fit_text() and wrap_text(), the rules the layout uses.
TEST_CASE("fit_text and wrap_text: whole characters, an ellipsis, breaks at spaces") {
    using fr::detail::fit_text;
    using fr::detail::wrap_text;
    CHECK(fit_text("Series A", 12, 6000).shown == "Series A");  // 52.08 px fits in 60
    CHECK_FALSE(fit_text("Series A", 12, 6000).cut);
    CHECK(fit_text("Series A", 12, 5000).shown == "Series\xE2\x80\xA6");  // the space before the ellipsis dropped
    CHECK(fit_text("Series A", 12, 5000).cut);
    CHECK(fit_text("Series A", 12, 100).shown == "\xE2\x80\xA6");        // nothing fits: the ellipsis alone
    CHECK(fit_text("e\xCC\x81te\xCC\x81", 12, 1800).shown == "e\xCC\x81\xE2\x80\xA6");  // the accent stays with its e
    CHECK(wrap_text("one two three", 12, 6000) == std::vector<std::string>{"one two", "three"});
    CHECK(wrap_text("", 12, 6000) == std::vector<std::string>{""});
    CHECK(wrap_text("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD", 12, 2400) ==
          std::vector<std::string>{"\xE6\x9D\xB1\xE4\xBA\xAC", "\xE9\x83\xBD"});  // 2 CJK characters a line
}

// Layout, regression: a title, subtitle and note wider than the chart ran past its right edge
// (the title to x = 1,100 of 480) and a y axis title longer than the plot past its ends. They
// wrap, the drawing 22 px taller a title line, 17 px a subtitle line, 15 px a note line; the
// axis title is shortened with an ellipsis, whole in its <title>.
TEST_CASE("to_svg: a title, subtitle and note wider than the chart wrap; the drawing grows") {
    const chart c = fundround_test::crowded_texts();
    const std::string svg = fr::to_svg(c);
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    // 3 title lines (+44), 2 subtitle lines (+17), 6 note lines (+75): 500 + 136.
    CHECK(count(svg, "height=\"636\" viewBox=\"0 0 480 636\"") == 1);
    CHECK(count(svg, "font-size=\"11\" fill=\"#666666\"") == 6);
    CHECK(count(svg, ">Payout by class at each exit value for the</text>") == 1);
    CHECK(count(svg, "<g><title>" + c.y_axis.title + "</title>") == 1);
}

// Layout, regression: two markers $100 apart on a $0 to $100M axis (0.0008 px) drew their
// labels over each other. The label of a marker within 13 px of the previous label joins it,
// each part with its x value.
TEST_CASE("to_svg: marker labels closer than 13 px are joined, each with its x value") {
    const std::string svg = fr::to_svg(fundround_test::crowded_close_markers());
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    CHECK(count(svg, ">Series B converts at $1M; Series A converts at $1.0001M</text>") == 1);
    CHECK(count(svg, "stroke-dasharray=\"4 3\"") == 2);  // both lines drawn
}

// Layout, regression: 99 markers 7.8 px apart overlapped pairwise. Joined labels are cut to the
// plot's height with an ellipsis; every marker's label is in a label or its <title>.
TEST_CASE("to_svg: 99 markers 7.8 px apart: no label overlaps, none is lost") {
    const std::string svg = fr::to_svg(fundround_test::crowded_many_markers());
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    for (int k = 1; k <= 99; ++k) {
        CAPTURE(k);
        CHECK(count(svg, "Series " + std::to_string(k) + " converts at $" + std::to_string(k) + "M") >= 1);
    }
    CHECK(count(svg, "stroke-dasharray=\"4 3\"") == 99);
}

// Layout, regression: a marker label longer than the plot is high ran through the x axis title
// and past the bottom of the chart (to y = 781 of 300); a marker by the y axis put its label over
// the axis's tick labels ("$50M", "$100M"). The first is cut with an ellipsis, the second stands
// right of the axis.
TEST_CASE("to_svg: a marker label is cut to the plot's height and kept right of the y axis") {
    const chart c = fundround_test::crowded_long_marker();
    const std::string svg = fr::to_svg(c);
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    CHECK(count(svg, "<g><title>" + c.markers[0].label + "</title>") == 1);
    CHECK(count(svg, ">Preferences paid</text>") == 1);
}

// Layout, regression: category names of 420 px, turned 45 degrees, ran past the left edge of the
// chart (to x = -168). A turned label is at most 150 px and ends inside the chart's left edge,
// shortened with an ellipsis, whole in its <title>.
TEST_CASE("to_svg: long category names are shortened, whole in their <title>") {
    const chart c = fundround_test::crowded_categories();
    const std::string svg = fr::to_svg(c);
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    for (const std::string& name : c.categories) CHECK(count(svg, "<g><title>" + name + "</title>") == 1);
}

// Layout, regression: stack totals wider than their band ("$123.456789012M" on 22 px bands) ran
// into each other, and grouped bars' labels wider than their bars were left out without a
// trace (24 of 24). Labels wider than their slot now turn to read upwards along their bars.
TEST_CASE("to_svg: bar labels wider than their bars turn upwards; none is left out") {
    for (const bool grouped : {false, true}) {
        CAPTURE(grouped);
        const chart c = fundround_test::crowded_bars(grouped);
        const std::string svg = fr::to_svg(c);
        CHECK(fundround_test::svg_layout_problems(svg).empty());
        for (const fr::bar_series& b : c.bars) {
            for (const chart_value& v : b.values) {
                CHECK(count(svg, ">" + fr::format_axis_value(c.y_axis, v.value()) + "</text>") == 1);
            }
        }
        CHECK(count(svg, "transform=\"rotate(-90") == (grouped ? 24U : 12U));
    }
}

// Layout, regression (review r1, found by a seeded fuzzer): turned bar labels and turned
// category names take their room from the plot after the y scale's intervals were chosen for
// the taller plot, so on this 574 x 450 stacked chart five intervals ($500M apart, -$1B to
// $1.5B) were drawn 10.6 px apart in a 53 px plot and the 12 px tick labels overlapped. The y
// scale is now chosen again for the plot's final height.
TEST_CASE("to_svg: y tick labels stay apart when turned bar labels shorten the plot") {
    chart c;
    c.title = "T";
    c.width = 574;
    c.height = 450;
    c.x_axis = fr::category_axis("");
    c.y_axis = fr::money_axis("", fr::currency());
    c.layout = fr::bar_layout::stacked;
    c.label_bars = true;
    const std::vector<std::vector<std::int64_t>> mills{
        {129'201, -528'679, -583'232, 192'905, 806'964'000'000, 778'245},
        {809'783, 40'180, 955'836, -158'333, 448'456'000'000, 823'051},
        {431'753, -225'935'000'000, -175'390, -934'397, -999'197'000'000, -360'535}};
    for (int k = 0; k < 6; ++k) c.categories.push_back("Tranche " + std::to_string(k) + " conditional on the FDA approval");
    for (std::size_t s = 0; s < mills.size(); ++s) {
        fr::bar_series b{"S" + std::to_string(s)};
        for (const std::int64_t v : mills[s]) b.values.push_back(fr::money::from_units(v, fr::currency()));
        c.bars.push_back(b);
    }
    CHECK(layout_problems(c) == std::vector<std::string>{});
}

// Layout, regression (twelfth session h5's open items, found by a seeded fuzzer of grouped bar
// charts). (1) On this 655 x 491 chart turned bar labels leave a 64 px plot, and every scale with
// at most two intervals writes "-$100M", wider than the margin made for "$100M": six intervals
// were kept, tick labels 10.6 px apart. Now the scale is -$50M to $100M in three. (2) On the
// 971 x 461 chart two bars of a group 41 px wide carried "-$946.099" and "-$943.72" (up to 6 px
// wider than a bar) at about the same height: they touched. Now labels wider than their bar turn
// when the group has several bars.
TEST_CASE("to_svg: y tick labels apart when no shorter scale fits the margin; grouped labels no wider than their bar") {
    const auto grouped = [](int width, int height, const std::vector<int>& name_lengths,
                            const std::vector<std::vector<std::int64_t>>& mills) {
        chart c;
        c.title = "T";
        c.width = width;
        c.height = height;
        c.x_axis = fr::category_axis("");
        c.y_axis = fr::money_axis("", fr::currency());
        c.layout = fr::bar_layout::grouped;
        c.label_bars = true;
        for (std::size_t k = 0; k < name_lengths.size(); ++k) {
            c.categories.push_back(std::string(static_cast<std::size_t>(name_lengths[k]), 'x') + std::to_string(k));
        }
        for (std::size_t s = 0; s < mills.size(); ++s) {
            fr::bar_series b{"S" + std::to_string(s)};
            for (const std::int64_t v : mills[s]) b.values.push_back(fr::money::from_units(v, fr::currency()));
            c.bars.push_back(b);
        }
        return c;
    };
    const chart tall_scale = grouped(655, 491, {26, 23, 36}, {{154, 336, -453}, {93'969'753'167, -8'270'704'350, -9'126'994'473}});
    CHECK(layout_problems(tall_scale) == std::vector<std::string>{});
    const std::string svg = fr::to_svg(tall_scale);
    CHECK(svg.find(">-$50M</text>") != std::string::npos);
    CHECK(svg.find(">$100M</text>") != std::string::npos);
    CHECK(svg.find(">$20M</text>") == std::string::npos);
    const chart close_bars = grouped(971, 461, {40, 9, 2, 31, 9, 22},
                                     {{-863'410, -270'064, 560'491, -946'099, -576'623, -783'834},
                                      {-663'979, -804'932, 969'376, -943'720, -445'908, -121'547}});
    CHECK(layout_problems(close_bars) == std::vector<std::string>{});
    CHECK(fr::to_svg(close_bars).find("rotate(-90") != std::string::npos);
}

// Layout, regression (review r1's open item, eleventh session h10): turned (45 degree) category
// names are 12 px boxes a band apart across, band x sin 45 apart square to the text, so under
// 17 px a band they overlapped: 10 names on a 240 px chart, 20 on 400 px, 50 on 880 px. Now
// every k-th band is named (the smallest k keeping them 12 px apart, the first and the last
// named) and each unnamed band's name is in a <title> on its bar.
TEST_CASE("to_svg: turned category names in narrow bands are thinned, the others kept in titles") {
    const auto count = [](const std::string& svg, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) ++n;
        return n;
    };
    const auto names = [&count](const std::string& svg, int n, const std::string& prefix) {
        std::vector<int> shown;
        for (int k = 1; k <= n; ++k) {
            if (count(svg, ">" + prefix + std::to_string(k) + "</text>") == 1) shown.push_back(k);
        }
        return shown;
    };
    for (const std::pair<int, int>& size : std::vector<std::pair<int, int>>{{10, 240}, {20, 400}, {50, 880}, {30, 400}, {400, 480}}) {
        const int n = size.first;
        const int width = size.second;
        CAPTURE(n);
        CAPTURE(width);
        const chart c = fundround_test::crowded_many_categories(n, width, false);
        const std::string svg = fr::to_svg(c);
        CHECK(layout_problems(c) == std::vector<std::string>{});
        const std::vector<int> shown = names(svg, n, "Category ");
        REQUIRE(shown.size() >= 2);
        CHECK(shown.front() == 1);
        CHECK(shown.back() == n);
        CHECK(shown.size() < static_cast<std::size_t>(n));
        // Every name is written once: shown under its band or in its bar's <title>.
        for (int k = 1; k <= n; ++k) {
            CAPTURE(k);
            CHECK(count(svg, ">Category " + std::to_string(k) + "</text>") +
                      count(svg, "<g><title>Category " + std::to_string(k) + "</title>\n<rect ") ==
                  1);
        }
    }
    // 10 names on 240 px: bands of 16.9 px, every second one named, the last instead of the 9th.
    CHECK(names(fr::to_svg(fundround_test::crowded_many_categories(10, 240, false)), 10, "Category ") ==
          std::vector<int>{1, 3, 5, 7, 10});
    // CJK names: the same rule (the boxes' height, not their width, decides).
    const chart cjk = fundround_test::crowded_many_categories(30, 400, true);
    CHECK(layout_problems(cjk) == std::vector<std::string>{});
    // Lines on a category axis, no bars: an unnamed band's name on a transparent rectangle.
    chart lines = fundround_test::crowded_many_categories(20, 400, false);
    lines.bars.clear();
    line_series s{"Line"};
    s.add(fraction(0), fundround_test::crowded_usd(1)).add(fraction(20), fundround_test::crowded_usd(2));
    lines.lines.push_back(s);
    const std::string svg = fr::to_svg(lines);
    CHECK(layout_problems(lines) == std::vector<std::string>{});
    CHECK(count(svg, "fill=\"none\" pointer-events=\"all\"/></g>") == 20 - names(svg, 20, "Category ").size());
    // Bands of 17 px and more are all named, as before: 6 on 400 px.
    const chart six = fundround_test::crowded_many_categories(6, 400, false);
    CHECK(names(fr::to_svg(six), 6, "Category ").size() == 6);
}

// Layout, regression (the h10 entry's open item, twelfth session h5): turned (90 degree) bar
// labels are 11 px boxes across centred on their bars, so on bars (stacked: bands) under 11 px
// apart they overlapped: 40 stacks on a 400 px chart (7.5 px bands, 39 overlaps), 12 groups of
// three bars (7 px bars, 24 overlaps). Now the labels above the axis, and apart those below it,
// are thinned as turned category names are (every k-th, the first and the last drawn, each more
// than 11 px from the next), and a label not drawn is in a <title> on its bar.
TEST_CASE("to_svg: turned bar labels on bars under 11 px apart are thinned, the others kept in titles") {
    for (const bool grouped : {false, true}) {
        CAPTURE(grouped);
        const chart c = fundround_test::crowded_thin_bars(grouped ? 12 : 40, grouped);
        const std::string svg = fr::to_svg(c);
        CHECK(layout_problems(c) == std::vector<std::string>{});
        // Every label is written once: drawn, or in the <title> of its bar.
        std::size_t drawn = 0;
        for (const fr::bar_series& b : c.bars) {
            for (const chart_value& v : b.values) {
                const std::string text = fr::format_axis_value(c.y_axis, v.value());
                CAPTURE(text);
                const std::size_t shown = count(svg, ">" + text + "</text>");
                CHECK(shown + count(svg, "<g><title>" + text + "</title>\n<rect ") == 1);
                drawn += shown;
            }
        }
        // Stacks: every second band, the last (40) in place of the 39th; groups: every second
        // bar of 36 (14 px apart within a group), the last in place of the 35th.
        CHECK(drawn == (grouped ? 18U : 20U));
        CHECK(count(svg, ">$1.2345M</text>") == 1);
        CHECK(count(svg, grouped ? ">$1.234535M</text>" : ">$1.234539M</text>") == 1);
    }
    // Labels above and below the axis never meet: the 24 of the grouped crowded bars (A up, B
    // down, bars of 8.75 px) are all drawn, as before.
    CHECK(count(fr::to_svg(fundround_test::crowded_bars(true)), "transform=\"rotate(-90") == 24);
}

// Layout, regression (the eleventh session h3 entry's open item, twelfth session h5): end
// labels are pushed 13 px apart in order of height, then up from the bottom of the plot, so 40
// of them on a 400 px chart (520 px of labels, a 284 px plot) ran from y = -71 over the title
// and the legend. Now labels that do not fit in the plot's height are thinned as turned category
// names are (the smallest k that fits, the highest and the lowest drawn), and a label not drawn
// is in a <title> on its line.
TEST_CASE("to_svg: end labels more than the plot's height holds are thinned, the others kept in titles") {
    const chart c = fundround_test::crowded_end_labels(40, 400);
    const std::string svg = fr::to_svg(c);
    CHECK(layout_problems(c) == std::vector<std::string>{});
    // The end labels drawn with @p text (11 px, in the line's colour; "$1M" is also a y tick).
    const auto end_labels = [&svg](const std::string& text) {
        const std::string what = ">" + text + "</text>";
        std::size_t n = 0;
        for (std::size_t at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) {
            n += at >= 29 && svg.compare(at - 29, 22, "font-size=\"11\" fill=\"#") == 0 ? 1U : 0U;
        }
        return n;
    };
    std::vector<int> shown;
    for (int k = 0; k < 40; ++k) {
        const std::string text = fr::format_axis_value(c.y_axis, c.lines[static_cast<std::size_t>(k)].points.back().y.value());
        CAPTURE(text);
        const std::size_t drawn = end_labels(text);
        CHECK(drawn + count(svg, "<g><title>" + text + "</title>\n<path class=\"series\"") == 1);
        if (drawn == 1) shown.push_back(k);
    }
    // Every second from the highest ($1.39M, k = 39) down, the lowest ($1M) in place of $1.01M.
    std::vector<int> expected{0};
    for (int k = 3; k <= 39; k += 2) expected.push_back(k);
    CHECK(shown == expected);
    // Every drawn label stands right of the plot, between its top and its bottom: its baseline
    // from 4 px under the top grid line ($1.5M at y = 156) to 4 px under the x axis (y = 440).
    for (const fundround_test::svg_text_box& b : fundround_test::svg_text_boxes(svg)) {
        if (b.text.find("$1.") != 0 && b.text != "$1M") continue;
        if (b.xs[0] < 800) continue;  // a y tick label
        CAPTURE(b.text);
        CHECK(b.ys[0] >= 156 - 4.25);
        CHECK(b.ys[2] <= 440 + 6.75);
    }
    // As many as fit are all drawn, as before: 20 on the same chart.
    CHECK(count(fr::to_svg(fundround_test::crowded_end_labels(20, 400)), "<g><title>$1.") == 0);
}

// Every chart of the reference round and the crowded charts: every text inside the viewBox,
// no two overlapping.
TEST_CASE("to_svg: no text leaves the chart or overlaps another (crowded and reference charts)") {
    for (const auto& named : fundround_test::crowded_charts()) {
        CAPTURE(named.first);
        CHECK(layout_problems(named.second) == std::vector<std::string>{});
    }
    const fr::funding_round r = reference_round();
    CHECK(layout_problems(fr::schedule_chart(r)) == std::vector<std::string>{});
    const fr::scenario_result met = conditions_met(r);
    CHECK(layout_problems(fr::ownership_chart(met.timeline(), year{2026} / 1 / 1, year{2026} / 12 / 31)) ==
          std::vector<std::string>{});
}

TEST_CASE("stacked areas are evaluated exactly at the union of their points") {
    chart c;
    c.x_axis = fr::number_axis("");
    c.y_axis = fr::number_axis("");
    line_series a{"a", {}, series_style::stacked_area, false, {}, false};
    a.add(0, 0).add(4, 4).add(10, 4);
    line_series b{"b", {}, series_style::stacked_area, false, {}, false};
    b.add(0, 0).add(3, 1).add(10, 8);
    c.lines = {a, b};
    const fr::detail::stacked_areas s = fr::detail::stack_areas(c);
    CHECK(s.xs == std::vector<fraction>{0, 3, 4, 10});
    CHECK(s.tops[0] == std::vector<fraction>{0, 3, 4, 4});
    // b at 4 is 1 + (8 - 1) x (4 - 3) / (10 - 3) = 2, on top of a's 4.
    CHECK(s.tops[1] == std::vector<fraction>{0, 4, 6, 12});
    CHECK(count(fr::to_svg(c), "<path class=\"area\"") == 2);
}

TEST_CASE("validate_chart: every problem at once, each naming field, value and rule") {
    SUBCASE("no series") {
        chart c;
        const std::vector<fr::diagnostic> p = fr::validate_chart(c);
        REQUIRE(p.size() == 1);
        CHECK(p[0].field.to_string() == "lines");
        CHECK(p[0].rule == "a chart needs at least one series: lines and bars are both empty");
        CHECK_THROWS_AS(fr::check_chart(c), fr::validation_error);
        CHECK_THROWS_AS((void)fr::to_svg(c), fr::validation_error);
    }
    SUBCASE("a line may repeat an x once (a vertical jump); not twice, and not an area") {
        chart c = small_line_chart();
        line_series jump{"jump", {}, series_style::line, false, {}, false};
        jump.add(0, 1).add(3, 2).add(3, 5).add(4, 6);
        c.lines.push_back(jump);
        CHECK(fr::validate_chart(c).empty());
        CHECK(fr::to_svg(c).find("jump") != std::string::npos);
        c.lines.back().add(4, 7).add(4, 8);
        c.lines.back().style = series_style::line;
        const std::vector<fr::diagnostic> p = fr::validate_chart(c);
        REQUIRE(p.size() == 1);
        CHECK(p[0].field.to_string() == "lines[1] \"jump\".points[5].x");
        line_series area{"area", {}, series_style::stacked_area, false, {}, false};
        area.add(0, 1).add(3, 2).add(3, 5).add(4, 6);
        chart a = small_line_chart();
        a.lines = {area};
        const std::vector<fr::diagnostic> q = fr::validate_chart(a);
        REQUIRE(q.size() == 1);
        CHECK(q[0].rule == "must be greater than points[1].x = 3: x must increase strictly");
    }
    SUBCASE("an empty series and a non-monotonic x") {
        chart c = small_line_chart();
        c.lines.push_back(line_series{"empty", {}, series_style::line, false, {}, false});
        line_series back{"back", {}, series_style::line, false, {}, false};
        back.add(0, 1).add(3, 2).add(1, 3);
        c.lines.push_back(back);
        const std::vector<fr::diagnostic> p = fr::validate_chart(c);
        REQUIRE(p.size() == 2);
        CHECK(p[0].field.to_string() == "lines[1] \"empty\".points");
        CHECK(p[0].value == "0 points");
        CHECK(p[0].rule == "must hold at least two points (a line joins them)");
        CHECK(p[1].field.to_string() == "lines[2] \"back\".points[2].x");
        CHECK(p[1].value == "1");
        CHECK(p[1].rule == "must be greater than points[1].x = 3: x must increase (a line may repeat an x once, a vertical jump)");
        CHECK(p[1].field.json_pointer() == "/lines/2/points/2/x");
        try {
            fr::check_chart(c);
            FAIL("check_chart did not throw");
        } catch (const fr::validation_error& e) {
            CHECK(e.problems() == p);
            CHECK(std::string(e.what()).rfind("chart \"\": 2 problems", 0) == 0);
        }
    }
    SUBCASE("values of the wrong kind or currency") {
        chart c;
        c.x_axis = fr::money_axis("", fr::currencies::usd);
        c.y_axis = fr::percent_axis("");
        line_series s{"s", {}, series_style::line, false, {}, false};
        s.add(money::from_major(1, fr::currencies::eur), fraction(1, 2)).add(2_M, 3_M);
        c.lines.push_back(s);
        c.markers.push_back({chart_value::date(2026, 1, 1), "when"});
        const std::vector<fr::diagnostic> p = fr::validate_chart(c);
        REQUIRE(p.size() == 3);
        CHECK(p[0].field.to_string() == "lines[0] \"s\".points[0].x");
        CHECK(p[0].value == "\xE2\x82\xAC" "1.00");
        CHECK(p[0].rule == "must be in USD like the x axis");
        CHECK(p[1].field.to_string() == "lines[0] \"s\".points[1].y");
        CHECK(p[1].rule == "must be a number value like the y axis (a percent axis)");
        CHECK(p[2].field.to_string() == "markers[0] \"when\".x");
        CHECK(p[2].value == "2026-01-01");
    }
    SUBCASE("bars need a category axis and one value per category") {
        chart c;
        c.x_axis = fr::number_axis("");
        c.bars.push_back(fr::bar_series{"b", {1, 2}, ""});
        CHECK(problem_fields(c) == std::vector<std::string>{"x_axis.format", "bars[0] \"b\".values"});
        c.x_axis = fr::category_axis("");
        c.categories = {"2026", "2027", "2028"};
        const std::vector<fr::diagnostic> p = fr::validate_chart(c);
        REQUIRE(p.size() == 1);
        CHECK(p[0].value == "2 values");
        CHECK(p[0].rule == "must hold one value per category (3)");
        c.bars[0].values.emplace_back(3);
        CHECK(fr::validate_chart(c).empty());
        line_series over{"over", {}, series_style::line, false, {}, false};
        over.add(fraction(1, 2), 1).add(4, 2);
        c.lines.push_back(over);
        REQUIRE(fr::validate_chart(c).size() == 1);
        CHECK(fr::validate_chart(c)[0].rule ==
              "must be between 0 and 3, the number of categories (category k spans [k, k + 1], its centre is k + 1/2)");
    }
    SUBCASE("texts, colours, sizes, stacked ranges") {
        chart c = small_line_chart();
        c.title = "two\nlines";
        c.lines[0].colour = "blue";
        c.width = 100;
        c.y_axis.format = axis_format::category;
        line_series a1{"a1", {}, series_style::stacked_area, false, {}, false};
        a1.add(0, 1).add(10, 1);
        line_series a2{"a2", {}, series_style::stacked_area, false, {}, false};
        a2.add(0, 1).add(9, 1);
        c.lines.push_back(a1);
        c.lines.push_back(a2);
        const std::vector<fr::diagnostic> p = fr::validate_chart(c);
        REQUIRE(p.size() == 5);
        CHECK(p[0].field.to_string() == "title");
        CHECK(p[0].value == "\"two\\nlines\"");
        CHECK(p[1].field.to_string() == "width");
        CHECK(p[2].field.to_string() == "y_axis.format");
        CHECK(p[3].field.to_string() == "lines[0] \"s\".colour");
        CHECK(p[4].field.to_string() == "lines[2] \"a2\".points");
        CHECK(p[4].rule == "must span the same x range as lines[1], the first stacked area (0 to 10)");
    }
}

// Regression (review of the written formats): a name that is not UTF-8, or holds U+FFFE or
// U+FFFF (a deal file may: JSON carries them), was written into the SVG as it was, and the file
// was not well-formed XML (rsvg-convert and every XML parser refused it).
TEST_CASE("validate_chart: text an XML document cannot carry is refused") {
    chart c = small_line_chart();
    c.title = "Fund \xFF";                       // not UTF-8
    c.lines[0].name = "Seed \xEF\xBF\xBE Pref";  // U+FFFE
    c.note = "cut \xC3";                         // a character cut short
    c.markers.push_back({chart_value(5), "\xEF\xBF\xBF"});  // U+FFFF
    c.x_axis.title = "\xE2\x82\xAC \xC2\x85";  // the euro sign and U+0085 are XML characters
    const std::vector<fr::diagnostic> p = fr::validate_chart(c);
    REQUIRE(p.size() == 4);
    CHECK(p[0].field.to_string() == "title");
    CHECK(p[0].value == "\"Fund \\xFF\"");
    CHECK(p[0].rule == "must be UTF-8: byte 5 (\\xFF) starts no valid character (an SVG is UTF-8 XML)");
    CHECK(p[1].field.to_string() == "note");
    CHECK(p[1].rule == "must be UTF-8: byte 4 (\\xC3) starts no valid character (an SVG is UTF-8 XML)");
    CHECK(p[2].field.json_pointer() == "/lines/0/name");
    CHECK(p[2].value == "\"Seed \xEF\xBF\xBE Pref\"");
    CHECK(p[2].rule == "must not contain U+FFFE (at byte 5): XML 1.0 cannot carry it");
    CHECK(p[3].field.json_pointer() == "/markers/0/label");
    CHECK(p[3].rule == "must not contain U+FFFF (at byte 0): XML 1.0 cannot carry it");
    CHECK_THROWS_AS((void)fr::to_svg(c), fr::validation_error);
    chart ok = small_line_chart();
    ok.x_axis.title = "\xE2\x82\xAC \xC2\x85 \xF0\x9F\x9A\x80";
    CHECK(fr::validate_chart(ok).empty());
    CHECK(fr::to_svg(ok).find(">\xE2\x82\xAC \xC2\x85 \xF0\x9F\x9A\x80</text>") != std::string::npos);
}

TEST_CASE("schedule_chart: the reference round per date, then undated, stacked by investor") {
    const fr::funding_round r = reference_round();
    const chart c = fr::schedule_chart(r);
    CHECK(c.title == "Reference round, 2026: disbursement schedule");
    CHECK(c.subtitle == "Committed $110B = dated $75B + undated $35B");
    CHECK(c.categories == std::vector<std::string>{"2026-02-27", "Undated"});
    REQUIRE(c.bars.size() == 3);
    CHECK(c.bars[0].name == "Amazon");
    CHECK(c.bars[0].values == std::vector<chart_value>{15_B, 35_B});
    CHECK(c.bars[1].values == std::vector<chart_value>{30_B, 0_B});
    CHECK(c.bars[2].name == "SoftBank");
    CHECK(c.layout == fr::bar_layout::stacked);
    const std::string svg = fr::to_svg(c);
    CHECK(svg.find(">$75B</text>") != std::string::npos);  // the stacks' totals
    CHECK(svg.find(">$35B</text>") != std::string::npos);

    fr::schedule_chart_options by_status;
    by_status.period = fr::chart_period::by_year;
    by_status.stack = fr::schedule_stack::by_status;
    const chart s = fr::schedule_chart(r, by_status);
    CHECK(s.categories == std::vector<std::string>{"2026", "Undated"});
    REQUIRE(s.bars.size() == 2);  // nothing is scheduled after close: no "Scheduled" series
    CHECK(s.bars[0].name == "At close");
    CHECK(s.bars[0].values == std::vector<chart_value>{75_B, 0_B});
    CHECK(s.bars[1].name == "Conditional");
    CHECK(s.bars[1].values == std::vector<chart_value>{0_B, 35_B});
}

TEST_CASE("payments_chart and ownership_chart: the reference round if the conditions are met") {
    const fr::funding_round r = reference_round();
    const fr::scenario_result met = conditions_met(r);
    const chart p = fr::payments_chart(met.timeline(), "Payments");
    CHECK(p.categories == std::vector<std::string>{"2026-02-27", "2026-09-30"});
    CHECK(p.bars[0].values == std::vector<chart_value>{15_B, 35_B});
    CHECK(p.bars[1].values == std::vector<chart_value>{30_B, 0_B});
    CHECK(fr::payments_chart(met.timeline(), "", fr::chart_period::by_year).categories ==
          std::vector<std::string>{"2026"});

    const chart o = fr::ownership_chart(met.timeline(), year{2026} / 1 / 1, year{2026} / 12 / 31);
    REQUIRE(o.lines.size() == 3);
    CHECK(o.lines[0].name == "Existing holders");
    CHECK(o.lines[1].name == "Amazon");
    CHECK(o.lines[2].name == "Nvidia, SoftBank (each)");  // the same steps: one line
    const std::vector<fr::chart_point>& amazon = o.lines[1].points;
    REQUIRE(amazon.size() == 4);
    CHECK(amazon[0].x == chart_value::date(2026, 1, 1));
    CHECK(amazon[1].x == chart_value::date(2026, 2, 27));
    CHECK(amazon[2].x == chart_value::date(2026, 9, 30));
    CHECK(amazon[3].x == chart_value::date(2026, 12, 31));
    // $15B of an $805B post-money at close, $50B of $840B once the conditions are met.
    CHECK(amazon[0].y == chart_value(0));
    CHECK(amazon[1].y == chart_value(fraction(3, 161)));
    CHECK(amazon[2].y == chart_value(fraction(5, 84)));
    CHECK(amazon[3].y == chart_value(fraction(5, 84)));
    CHECK(o.lines[0].points[2].y == chart_value(fraction(73, 84)));
    CHECK(o.lines[1].style == series_style::step);
    const std::string svg = fr::to_svg(o);
    CHECK(svg.find(">86.90%</text>") != std::string::npos);  // 73/84 = 86.904...%, end label
    CHECK(svg.find(">Sep 2026</text>") != std::string::npos);

    fr::timeline_ownership_options only_investors;
    only_investors.existing_holders = false;
    CHECK(fr::ownership_chart(met.timeline(), year{2026} / 1 / 1, year{2026} / 12 / 31, only_investors).lines.size() == 2);
    CHECK_THROWS_AS((void)fr::ownership_chart(met.timeline(), year{2026} / 3 / 1, year{2026} / 3 / 1),
                    fr::validation_error);
}

TEST_CASE("svg text widths: a CJK character takes a whole em, a combining accent none") {
    // At 10 px, in hundredths of a pixel: the old estimate gave every non-ASCII code point 0.7 em,
    // so "任天堂" measured 2100 (drawn about 3000 wide: legend entries after it overlapped) and
    // "e" + U+0301 measured 1320 for one letter.
    CHECK(fr::detail::text_width("\xE4\xBB\xBB\xE5\xA4\xA9\xE5\xA0\x82", 10) == 3000);
    CHECK(fr::detail::text_width("e\xCC\x81", 10) == 620);
    CHECK(fr::detail::text_width("e", 10) == 620);
    CHECK(fr::detail::text_width("\xC3\xA9", 10) == 700);  // é precomposed: as before
    CHECK(fr::detail::text_width("Soci\xC3\xA9t\xC3\xA9", 10) == 4080);  // 72 + 62 + 62 + 32 + 70 + 40 + 70
    // Stray continuation bytes are one narrow character each (they were taken together up to the
    // next lead byte and sized as one wide character: 1000).
    CHECK(fr::detail::text_width("\x80\x80", 10) == 1400);
    CHECK(fr::detail::text_width("\x80\xC3\xA9", 10) == 1400);
}

TEST_CASE("schedule_chart and net_flows_chart: the subtitle's totals are exact, so they add up") {
    // $1M, then $1.5M at close and $500,000.001 on a milestone: the old subtitle rounded the
    // totals for display ("Committed $3M = dated $2.5M + undated $500K", a sum that is not what
    // the bars hold; the net flows' "net $765.43K" likewise). They are now in the shortest
    // compact form that reads back exactly, as the bar labels are.
    const fr::funding_round r = fr::round_builder("Odd")
                                    .pre_money(10_M)
                                    .close_date(year{2026} / 3 / 31)
                                    .invest(fr::investor::financial("A"), 1_M)
                                    .invest(fr::investor::financial("B"), {fr::tranche::at_close(1_M + 500_K),
                                                                          fr::tranche::when(500_K + money::from_units(1, fr::currencies::usd),
                                                                                            fr::milestone("m"))})
                                    .build();
    const chart c = fr::schedule_chart(r);
    CHECK(c.subtitle == "Committed $3.000000001M = dated $2.5M + undated $500.000001K");
    const fr::scenario_result met = fr::scenario("met").achieve("m", year{2027} / 1 / 15).apply_to(r);
    const fr::counter_commitment back = fr::counter_commitment::from_installments(
        "Services", "B", fr::installments(money::from_units(1'234'567'890, fr::currencies::usd), year{2027} / 12 / 31, 1, fr::frequency::yearly));
    const fr::net_flows flows("B", fr::equity_flows(met.timeline(), "B"), {back});
    CHECK(fr::net_flows_chart(flows).subtitle ==
          "Company's view: in $2.000000001M, out $1.23456789M, net $765.432111K");
}

TEST_CASE("net_flows_chart: money in up, money out down, cumulative net at the band centres") {
    // The reference round's flows with Amazon (A5, A7, A8 of examples/reference_deal.cpp).
    const fr::scenario_result met = conditions_met(reference_round());
    const fr::counter_commitment growth = fr::counter_commitment::from_installments(
        "AWS cloud contract growth", "Amazon",
        fr::installments(100_B, year{2026} / 12 / 31, 8, fr::frequency::yearly));
    const fr::counter_commitment existing = fr::counter_commitment::from_installments(
        "AWS cloud contract (existing)", "Amazon",
        fr::installments(38_B, year{2026} / 12 / 31, 8, fr::frequency::yearly));
    const fr::net_flows amazon("Amazon", fr::equity_flows(met.timeline(), "Amazon"), {growth, existing});
    const chart c = fr::net_flows_chart(amazon);
    CHECK(c.title == "Amazon: money in and out by year");
    CHECK(c.subtitle == "Company's view: in $50B, out $138B, net -$88B");
    REQUIRE(c.categories.size() == 8);
    CHECK(c.categories.front() == "2026");
    CHECK(c.categories.back() == "2033");
    CHECK(c.bars[0].values[0] == chart_value(50_B));
    CHECK(c.bars[0].values[1] == chart_value(0_B));
    CHECK(c.bars[1].values[0] == chart_value(-(17_B + 250_M)));
    REQUIRE(c.lines.size() == 1);
    CHECK(c.lines[0].points[0].x == chart_value(fraction(1, 2)));
    CHECK(c.lines[0].points[0].y == chart_value(32_B + 750_M));
    CHECK(c.lines[0].points[7].x == chart_value(fraction(15, 2)));
    CHECK(c.lines[0].points[7].y == chart_value(-88_B));
    const std::string svg = fr::to_svg(c);
    CHECK(count(svg, ">-$17.25B</text>") == 8);
    CHECK(svg.find(">$50B</text>") != std::string::npos);
    CHECK(svg.find("stroke=\"#333333\" stroke-width=\"1.2\"") != std::string::npos);  // the zero line
}

TEST_CASE("to_svg: money in and out at the money limits, stacked past them") {
    // Regression (2026-12-06): flows at the largest money and the most negative one (a year's
    // money in of 2^63 - 1 mills, money out of 2^63 mills) put the axis ends past the money
    // range, and a stack of two such bars totals past it; to_svg threw overflow_error.
    chart c;
    c.x_axis = fr::category_axis("Year");
    c.y_axis = fr::money_axis("Amount", fr::currencies::usd);
    c.categories = {"2026", "2027"};
    c.layout = fr::bar_layout::stacked;
    c.label_bars = true;
    const money most = money::from_units(fr::detail::int64_max);
    const money least = money::from_units(fr::detail::int64_min);
    c.bars = {fr::bar_series{"Money in", {most, most}, ""}, fr::bar_series{"Money out", {least, money()}, ""}};
    c.bars.push_back(fr::bar_series{"More in", {money(), most}, ""});
    const std::string svg = fr::to_svg(c);
    for (const char* tick : {">-$10,000T</text>", ">$0</text>", ">$10,000T</text>", ">$20,000T</text>"}) {
        CHECK(count(svg, tick) == 1);
    }
    // 2027's stack totals 2^64 - 2 mills.
    CHECK(count(svg, ">$18,446.744073709551614T</text>") == 1);
    CHECK(count(svg, ">-$9,223.372036854775808T</text>") == 1);
}

TEST_CASE("net_flows_chart: money in of the largest money, out nearly as much: axes to +/-$10,000T") {
    // Regression (2026-12-06): to_svg threw overflow_error for these flows (the axis ends past
    // the money limit could not be labelled as money).
    const money most = money::from_units(fr::detail::int64_max);
    const money owed = money::from_units(fr::detail::int64_max - 7);  // a whole number of cents
    const fr::counter_commitment contract = fr::counter_commitment::from_installments(
        "Contract", "Big", fr::installments(owed, year{2027} / 12 / 31, 1, fr::frequency::yearly));
    const fr::net_flows flows("Big", {fr::cash_flow{year{2026} / 3 / 1, most, "In"}}, {contract});
    const std::string svg = fr::to_svg(fr::net_flows_chart(flows));
    CHECK(count(svg, ">$10,000T</text>") == 1);
    CHECK(count(svg, ">-$10,000T</text>") == 1);
    CHECK(count(svg, ">$9,223.372036854775807T</text>") == 1);  // 2026's bar
    CHECK(count(svg, ">-$9,223.3720368547758T</text>") == 1);   // 2027's bar
}

TEST_CASE("ownership_chart of a chain: one band per round, holders from the round they join") {
    // examples/seed_to_series_b.cpp, its seed and Series A only.
    const fr::cap_table founding = fr::cap_table_builder()
                                       .add(fr::holder::founder("ada", "Ada"))
                                       .add(fr::holder::founder("bob", "Bob"))
                                       .add(fr::share_class::common("Common"))
                                       .add(fr::option_pool{"Plan", "Common", fr::share_count(1'000'000)})
                                       .holding(fr::holder_id("ada"), "Common", fr::share_count(6'000'000))
                                       .holding(fr::holder_id("bob"), "Common", fr::share_count(3'000'000))
                                       .build();
    const fr::round_chain_result chain =
        fr::round_chain(founding)
            .then(fr::cap_table_round(fr::priced_round_terms("Seed")
                                          .pre_money(8_M)
                                          .price_rounded(4, fr::rounding::half_even)
                                          .invest("seed", 2_M)
                                          .option_pool(fraction(1, 10), fr::pool_placement::pre_money),
                                      "Seed Preferred")
                      .add_investor(fr::holder::investor("seed", "Seed Fund"))
                      .top_up_pool("Plan"))
            .run();
    const chart c = fr::ownership_chart(chain);
    CHECK(c.categories == std::vector<std::string>{"Start", "After Seed"});
    REQUIRE(c.lines.size() == 4);
    CHECK(c.lines[0].name == "Ada");
    CHECK(c.lines[0].points.size() == 3);  // start, after the seed, and the end of the last band
    CHECK(c.lines[0].points[0].y == chart_value(fraction(6, 10)));
    CHECK(c.lines[0].points[1].y == chart_value(chain.ownership_history(fr::holder_id("ada"))[1]));
    CHECK(c.lines[0].points[2].x == chart_value(2));
    CHECK(c.lines[2].name == "Seed Fund");
    REQUIRE(c.lines[2].points.size() == 2);
    CHECK(c.lines[2].points[0].x == chart_value(1));  // joins at the seed
    CHECK(c.lines[3].name == "Unallocated pool");
    CHECK(c.lines[3].points[0].y == chart_value(fraction(1, 10)));
    CHECK(fr::validate_chart(c).empty());
    CHECK(fr::to_svg(c).find(">After Seed</text>") != std::string::npos);
}

TEST_CASE("ownership_chart of a chain: an issue of shares between rounds is a band of its own, labelled by its name") {
    const fr::cap_table founding = fr::cap_table_builder()
                                       .add(fr::holder::founder("ada", "Ada"))
                                       .add(fr::share_class::common("Common"))
                                       .holding(fr::holder_id("ada"), "Common", fr::share_count(8'000'000))
                                       .build();
    const auto priced = [](const std::string& name, std::int64_t dollars) {
        return fr::cap_table_round(fr::priced_round_terms(name).at_price(fr::price_per_share(fr::money::from_major(1), fr::share_count(1)))
                                       .invest(name, fr::money::from_major(dollars)),
                                   name + " Preferred")
            .add_investor(fr::holder::investor(name, name + " Fund"));
    };
    const auto issue = [](const std::string& name, const std::string& to, std::int64_t shares) {
        return fr::chain_issuance(fr::share_issuance::sale(name, fr::share_count(shares), fr::money::from_major(shares)),
                                  fr::holder_id(to), "Common")
            .add_holder(fr::holder::investor(to, to + " Co"));
    };
    // 8,000,000 -> Seed 2,000,000 (10,000,000) -> 500,000 to a lessor (10,500,000) -> 1,500,000 to
    // a strategic (12,000,000) -> Series A 3,000,000 (15,000,000) -> 1,000,000 to a partner (16,000,000).
    const fr::round_chain_result chain = fr::round_chain(founding)
                                             .then(priced("Seed", 2'000'000))
                                             .then(issue("Equipment lessor warrant", "lessor", 500'000))
                                             .then(issue("Strategic common sale", "strategic", 1'500'000))
                                             .then(priced("Series A", 3'000'000))
                                             .then(issue("Partner shares", "partner", 1'000'000))
                                             .run();
    const chart c = fr::ownership_chart(chain);
    CHECK(c.title == "Fully diluted ownership, step by step");
    CHECK(c.categories == std::vector<std::string>{"Start", "After Seed", "After Equipment lessor warrant",
                                                   "After Strategic common sale", "After Series A", "After Partner shares"});
    const fr::line_series* ada = nullptr;
    const fr::line_series* partner = nullptr;
    for (const fr::line_series& l : c.lines) {
        if (l.name == "Ada") ada = &l;
        if (l.name == "partner Co") partner = &l;
    }
    REQUIRE(ada != nullptr);
    REQUIRE(ada->points.size() == 7);
    CHECK(ada->points[2].y == chart_value(fraction(8, 10) * fraction(10'000'000, 10'500'000)));
    CHECK(ada->points[3].y == chart_value(fraction(8, 12)));
    CHECK(ada->points[5].y == chart_value(fraction(8, 16)));
    REQUIRE(partner != nullptr);
    REQUIRE(partner->points.size() == 2);
    CHECK(partner->points[0].x == chart_value(5));  // joins at the last step, the final table
    CHECK(partner->points[0].y == chart_value(fraction(1, 16)));
    CHECK(fr::validate_chart(c).empty());
    const std::string svg = fr::to_svg(c);
    CHECK(fundround_test::svg_layout_problems(svg).empty());
    CHECK(svg.find("<title>After Strategic common sale</title>") != std::string::npos);  // the label shortened on the axis
}

TEST_CASE("validate_chart: axis formats, a series style and the bar layout outside their enumerations are problems") {
    // Regression: they were accepted and drawn as something else (an unknown style as a line).
    chart c = small_line_chart();
    REQUIRE(fr::validate_chart(c).empty());
    c.x_axis.format = static_cast<fr::axis_format>(7);
    c.y_axis.format = static_cast<fr::axis_format>(200);
    c.layout = static_cast<fr::bar_layout>(2);
    c.lines[0].style = static_cast<fr::series_style>(3);
    std::vector<std::string> messages;
    for (const fr::diagnostic& d : fr::validate_chart(c)) messages.push_back(d.message());
    REQUIRE(messages.size() >= 4);
    CHECK(messages[0] == "x_axis.format = 7: must be number, percent, money, date or category");
    CHECK(messages[1] == "y_axis.format = 200: must be number, percent, money, date or category");
    CHECK(messages[2] == "layout = 2: must be grouped or stacked");
    CHECK(messages[3] == "lines[0].style = 3: must be line, step or stacked_area");
    CHECK_THROWS_AS((void)fr::to_svg(c), fr::validation_error);
}

TEST_CASE("schedule_chart and payments_chart: a period or stack outside its enumeration is a validation_error") {
    // Regression: an unknown period was drawn by year, an unknown stack by status.
    const fr::funding_round r = reference_round();
    fr::schedule_chart_options o;
    o.period = static_cast<fr::chart_period>(2);
    o.stack = static_cast<fr::schedule_stack>(5);
    try {
        (void)fr::schedule_chart(r, o);
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].message() == "options.period = 2: must be by_date or by_year");
        CHECK(e.problems()[1].message() == "options.stack = 5: must be by_investor or by_status");
    }
}

}  // namespace test_svg_chart
