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

TEST_CASE("Pre-money SAFEs short at an exit: what each is paid, its unpaid amount and the common it converts into") {
    // tests/test_outstanding_instruments.cpp works the figures (the pre-money safe's section 1(b),
    // YC's 2016-2018 forms): 8.5M common and 500,000 Seed Preferred at $1.00 (B = 9,000,000), a
    // pre-money $600,000 at a $7M cap, a pre-money $400,000 uncapped, a post-money $500,000 at
    // $10M. At $700,000 the pre-money SAFEs share it pro rata (70%); the capped one's unpaid
    // $180,000 converts into 180,000 / (7,000,000 / 9,000,000) = 1620000/7 shares, the uncapped
    // one's $120,000 into none (its Liquidity Price, a common share's value, is 0 there).
    const cap_table table = cap_table_builder()
                                .add(holder::founder("ada", "Ada"))
                                .add(holder::investor("seed", "Seed Fund"))
                                .add(holder::investor("a", "Angel A"))
                                .add(holder::investor("b", "Angel B"))
                                .add(holder::investor("c", "Angel C"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Seed Preferred", price_per_share(money::from_major(1), share_count(1))))
                                .holding(holder_id("ada"), "Common", share_count(8'500'000))
                                .holding(holder_id("seed"), "Seed Preferred", share_count(500'000))
                                .build();
    safe uncapped = safe::post_money_uncapped(holder_id("b"), money::from_major(400'000), ymd(2017, 6, 1));
    uncapped.form = safe_form::pre_money;
    const std::vector<safe> safes{
        safe::pre_money_cap(holder_id("a"), money::from_major(600'000), money::from_major(7'000'000), ymd(2017, 1, 1)), uncapped,
        safe::post_money_cap(holder_id("c"), money::from_major(500'000), money::from_major(10'000'000), ymd(2019, 1, 1))};
    const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {});
    CHECK(w.share_rounding() == rounding::floor);
    std::ostringstream out;
    CHECK(print_outstanding_remainders(
        out, w, {money::from_major(700'000), money::from_major(850'000), money::from_major(1'000'000), money::from_major(1'500'000)}));
    // $850,000: 85%, $90,000 unpaid, 810000/7 = 115,714.29 shares. $1M pays both exactly in full
    // and $1.5M more: no row.
    CHECK(out.str() ==
          "Pre-money SAFEs short at an exit value (their form, section 1(b)): the exit is shared pro rata to their\n"
          "purchase amounts, and the unpaid rest of each converts into common at the Liquidity Price, cap / B\n"
          "   Exit value  Line                  Paid       Unpaid    Common shares (exact)  Shares (floor)  Value at the exit\n"
          "  $700,000.00  SAFE: Angel A  $420,000.00  $180,000.00  231,428.571 (1620000/7)         231,428              $0.00\n"
          "  $700,000.00  SAFE: Angel B  $280,000.00  $120,000.00             none: no cap                              $0.00\n"
          "  $850,000.00  SAFE: Angel A  $510,000.00   $90,000.00   115,714.286 (810000/7)         115,714              $0.00\n"
          "  $850,000.00  SAFE: Angel B  $340,000.00   $60,000.00             none: no cap                              $0.00\n"
          "  Nothing is left for the common where one is short: those shares are worth nothing at that exit.\n"
          "  Without a cap the Liquidity Price is a common share's value (times 1 - d for a discount), 0 there:\n"
          "  no share count.\n");
    // The rounding the terms name, in the title and the whole shares; a whole count has no fraction.
    outstanding_instrument_terms terms;
    terms.share_rounding = rounding::ceiling;
    const std::vector<safe> capped{safes[0]};
    std::ostringstream up;
    CHECK(print_outstanding_remainders(up, outstanding_waterfall::build(table, capped, {}, terms),
                                       {money::from_major(530'000), money::from_major(546'000)}));
    // $530,000: $70,000 unpaid, 90,000 shares exactly; $546,000: $54,000, 486000/7 = 69,428.57.
    CHECK(up.str() ==
          "Pre-money SAFEs short at an exit value (their form, section 1(b)): the exit is shared pro rata to their\n"
          "purchase amounts, and the unpaid rest of each converts into common at the Liquidity Price, cap / B\n"
          "   Exit value  Line                  Paid      Unpaid  Common shares (exact)  Shares (ceiling)  Value at the exit\n"
          "  $530,000.00  SAFE: Angel A  $530,000.00  $70,000.00                 90,000            90,000              $0.00\n"
          "  $546,000.00  SAFE: Angel A  $546,000.00  $54,000.00  69,428.571 (486000/7)            69,429              $0.00\n"
          "  Nothing is left for the common where one is short: those shares are worth nothing at that exit.\n");
    // None short at the exit values (or none given): nothing printed.
    std::ostringstream none;
    CHECK_FALSE(print_outstanding_remainders(none, w, {money::from_major(1'000'000), money::from_major(20'000'000)}));
    CHECK_FALSE(print_outstanding_remainders(none, w, {}));
    CHECK(none.str().empty());
}

}  // namespace test_outstanding_report
