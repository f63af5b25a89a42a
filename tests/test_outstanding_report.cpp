// SAFEs and notes outstanding at an exit printed (io/outstanding_report.hpp): the instruments'
// lines, the stages of exit values with their exact Liquidity Capitalization, and the payout
// chart with its jumps.
#include <fundround/io/outstanding_report.hpp>
#include <fundround/io/svg_chart.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_outstanding_report {

using namespace fundround;
using fundround_test::ymd;

TEST_CASE("The instruments, the stages and the chart: two post-money SAFEs, L = 8.25M then 12M") {
    // tests/test_outstanding_instruments.cpp works the figures: 6.6M common, $1M at a $5M cap and
    // $2M at an $8M cap; the second joins at $8M.
    const cap_table table = cap_table_builder()
                                .add(holder::founder("f", "Founder"))
                                .add(holder::investor("a", "Angel"))
                                .add(holder::investor("b", "Fund"))
                                .add(share_class::common("Common"))
                                .holding(holder_id("f"), "Common", share_count(6'600'000))
                                .build();
    const std::vector<safe> safes{
        safe::post_money_cap(holder_id("a"), money::from_major(1'000'000), money::from_major(5'000'000), ymd(2025, 1, 1)),
        safe::post_money_cap(holder_id("b"), money::from_major(2'000'000), money::from_major(8'000'000), ymd(2025, 2, 1))};
    std::ostringstream out;
    print_outstanding_instruments(out, outstanding_waterfall::build(table, safes, {}));
    CHECK(out.str() ==
          "SAFEs and notes outstanding at the exit (B = 6,600,000 shares before them)\n"
          "  Line         Instrument                       Seniority       Cash-out  Interest  Cap  Cap over\n"
          "  SAFE: Angel  post-money SAFE (valuation cap)          0  $1,000,000.00            $5M  L (converting ones)\n"
          "  SAFE: Fund   post-money SAFE (valuation cap)          0  $2,000,000.00            $8M  L (converting ones)\n"
          "\n"
          "Stages: L counts the converting post-money instruments only; where one joins, the others' shares grow\n"
          "  Exit values                    Converting (may convert)  L (shares)\n"
          "  from $0.000 to $8,000,000.000  SAFE: Angel                8,250,000\n"
          "  above $8,000,000.000           SAFE: Angel, SAFE: Fund   12,000,000\n");
    // The chart: each stage from its own waterfall, $8M twice in every series (the jump).
    const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {});
    const chart c = payout_chart(w, money::from_major(12'000'000));
    CHECK(validate_chart(c).empty());
    CHECK(c.subtitle == "Exact: linear between 3 breakpoints (dashed); jumps where a post-money SAFE joins L");
    REQUIRE(c.lines.size() == 3);
    const line_series& angel = c.lines[1];
    CHECK(angel.name == "SAFE: Angel");
    std::vector<std::string> points;
    for (const chart_point& p : angel.points) points.push_back(p.x.to_string() + " " + p.y.to_string());
    CHECK(points == std::vector<std::string>{"$0.00 $0.00", "$3,000,000.00 $1,000,000.00", "$7,000,000.00 $1,000,000.00",
                                             "$8,000,000.00 $1,200,000.00", "$8,000,000.00 $1,600,000.00",
                                             "$12,000,000.00 $2,400,000.00"});
    CHECK(to_svg(c).find("SAFE: Fund") != std::string::npos);
    payout_chart_options areas;
    areas.style = series_style::stacked_area;
    try {
        (void)payout_chart(w, money::from_major(12'000'000), areas);
        FAIL("payout_chart did not throw");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message() ==
              "options.style = stacked_area: must be line: the payouts jump where a post-money SAFE joins L (2 stages), "
              "and an area cannot");
    }
    // One stage (a single SAFE): no stages table.
    std::ostringstream one;
    print_outstanding_instruments(one, outstanding_waterfall::build(table, {safes[0]}, {}));
    CHECK(one.str().find("Stages") == std::string::npos);
    CHECK(one.str().find("  SAFE: Angel  post-money SAFE (valuation cap)") != std::string::npos);
}

}  // namespace test_outstanding_report
