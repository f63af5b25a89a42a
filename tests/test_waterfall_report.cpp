// The waterfall printed: by class and by holder at exit values side by side, what each class
// does, the exercise prices paid in, and the breakpoint table.
#include <fundround/io/waterfall_report.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_waterfall_report {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }
money usd(std::int64_t dollars) { return money::from_major(dollars); }

// The issue's joint-conversion case beside options: Series A $1M at $1 a share, 1x participating
// capped at 3x; founders' common 1M shares; 100,000 options at $2.
cap_table company() {
    liquidation_terms capped;
    capped.participation = participation::capped(fraction(3));
    return cap_table_builder()
        .add(holder::founder("f", "Founder"))
        .add(holder::investor("vc", "Fund"))
        .add(holder::employee("e", "Employee"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Series A", price_per_share(usd(1'000'000), sh(1'000'000)), capped))
        .add(option_pool{"Plan", "Common", sh(100'000)})
        .holding(holder_id("f"), "Common", sh(1'000'000))
        .holding(holder_id("vc"), "Series A", sh(1'000'000))
        .grant({holder_id("e"), "Plan", sh(100'000), price_per_share(usd(2), sh(1))})
        .build();
}

}  // namespace

TEST_CASE("print_waterfall: by class, what each does, by holder, at four exits") {
    const waterfall w = waterfall::build(company());
    std::ostringstream os;
    print_waterfall(os, w, {usd(500'000), usd(4'000'000), usd(5'500'000), usd(10'000'000)});
    // Hand check: to $1M Series A's preference; then the Fund and the Founder share 1:1 ($4M: a
    // share is worth $1.50, Series A $1M + $1.5M); at $5M a share is worth $2: the 3x cap binds
    // and the options come into the money; at $5.5M: (5.5M - 3M + 0.2M) / 1.1M = $2.4545 a
    // share; above $6.1M ($3 a share) Series A converts: at $10M, (10M + 0.2M) / 2.1M a share.
    // The largest remainder gives the leftover mill to the options at $10M ($285,714.2857...).
    CHECK(os.str() == R"(Liquidation waterfall (USD), exercise net, payouts rounded by largest_remainder; total preference $1,000,000.000
Exit values: $500,000.00, $4,000,000.00, $5,500,000.00, $10,000,000.00

By class
  Line           Kind       Seniority      Preference        $500K            $4M           $5.5M            $10M
  Common         common                                      $0.00  $1,500,000.00  $2,454,545.455  $4,857,142.857
  Series A       preferred          0  $1,000,000.000  $500,000.00  $2,500,000.00   $3,000,000.00  $4,857,142.857
  Options: Plan  options                                     $0.00          $0.00     $45,454.545    $285,714.286
  Total                                $1,000,000.000  $500,000.00  $4,000,000.00   $5,500,000.00  $10,000,000.00

What each line does
  Line                           $500K            $4M          $5.5M           $10M
  Common                       nothing  participating  participating  participating
  Series A                 partly_paid  participating         capped      converted
  Options: Plan                nothing        nothing      exercised      exercised
  Value of a common share      $0.0000        $1.5000        $2.4545        $4.8571

By holder
  Holder          $500K            $4M           $5.5M            $10M
  Founder         $0.00  $1,500,000.00  $2,454,545.455  $4,857,142.857
  Fund      $500,000.00  $2,500,000.00   $3,000,000.00  $4,857,142.857
  Employee        $0.00          $0.00     $45,454.545    $285,714.286
  Total     $500,000.00  $4,000,000.00   $5,500,000.00  $10,000,000.00
)");
}

TEST_CASE("print_breakpoints: above each exit value, what starts") {
    const waterfall w = waterfall::build(company());
    std::ostringstream os;
    print_breakpoints(os, w);
    CHECK(os.str() == R"(Breakpoints (USD): above each exit value, the event starts
      Exit value  Exact (mills)  Share value  Event             What starts
  $1,000,000.000                     $0.0000  preferences_paid  every preference paid in full (last: seniority 0: Series A); the rest is shared as common
  $5,000,000.000                     $2.0000  reaches_cap       Series A reaches its participation cap
                                              exercises         Options: Plan with exercise price $2.0000 exercise
  $6,100,000.000                     $3.0000  converts          Series A converts to common (above its cap)
)");
}

TEST_CASE("print_waterfall with exercise prices paid in: the net is the same, the price paid in is listed") {
    waterfall_terms terms;
    terms.exercise = option_exercise::paid_in;
    const waterfall w = waterfall::build(company(), terms);
    std::ostringstream os;
    print_waterfall(os, w, {usd(4'000'000), usd(10'000'000)});
    CHECK(os.str() == R"(Liquidation waterfall (USD), exercise paid_in, payouts rounded by largest_remainder; total preference $1,000,000.000
Exit values: $4,000,000.00, $10,000,000.00

By class
  Line           Kind       Seniority      Preference            $4M            $10M
  Common         common                                $1,500,000.00  $4,857,142.857
  Series A       preferred          0  $1,000,000.000  $2,500,000.00  $4,857,142.857
  Options: Plan  options                                       $0.00    $285,714.286
  Total                                $1,000,000.000  $4,000,000.00  $10,000,000.00

What each line does
  Line                               $4M           $10M
  Common                   participating  participating
  Series A                 participating      converted
  Options: Plan                  nothing      exercised
  Value of a common share        $1.5000        $4.8571

By holder
  Holder              $4M            $10M
  Founder   $1,500,000.00  $4,857,142.857
  Fund      $2,500,000.00  $4,857,142.857
  Employee          $0.00    $285,714.286
  Total     $4,000,000.00  $10,000,000.00

Exercise prices paid in (gross payout = net payout + exercise price)
  Holder      $4M         $10M
  Employee  $0.00  $200,000.00
)");
}

TEST_CASE("print_breakpoints: a breakpoint that is not a whole mill shows its exact value") {
    // One common share and one Series A share issued at a third of a mill: the preference
    // (1/3 mill) is paid first, then Series A converts once a share is worth more than 1/3
    // mill, at an exit of 1/3 + 1/3 = 2/3 mill.
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founder"))
                            .add(holder::investor("vc", "Fund"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("Series A", price_per_share(money::from_units(1), sh(3))))
                            .holding(holder_id("f"), "Common", sh(1))
                            .holding(holder_id("vc"), "Series A", sh(1))
                            .build();
    const waterfall w = waterfall::build(t);
    REQUIRE(w.breakpoints().size() == 2);
    CHECK(w.breakpoints()[1].exit_value == fraction(2, 3));
    std::ostringstream os;
    print_breakpoints(os, w);
    CHECK(os.str().find("2/3") != std::string::npos);
}

TEST_CASE("print_waterfall reports every bad exit value at once") {
    const waterfall w = waterfall::build(company());
    std::ostringstream os;
    try {
        print_waterfall(os, w, {-usd(1), usd(1), -usd(2)});
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        CHECK(e.problems().size() == 2);
    }
    CHECK(os.str().empty());
}

TEST_CASE("print_waterfall with payouts given: payouts that do not fit are refused before printing") {
    // The old code indexed the payouts by the waterfall's lines and holders unchecked: one payout
    // short, or the payouts of another waterfall, read past their vectors (undefined behaviour;
    // an assertion failure under _GLIBCXX_ASSERTIONS).
    const waterfall w = waterfall::build(company());
    const waterfall alone = waterfall::build(cap_table_builder()
                                                 .add(holder::founder("f", "Founder"))
                                                 .add(share_class::common("Common"))
                                                 .holding(holder_id("f"), "Common", sh(1'000'000))
                                                 .build());
    std::ostringstream os;
    try {
        print_waterfall(os, w, {usd(1'000'000), usd(2'000'000)}, w.at(std::vector<money>{usd(1'000'000)}));
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()) ==
              "print_waterfall: 1 problem\n  - payouts = 1 payouts: must hold one payout per exit value (2)");
    }
    try {
        print_waterfall(os, w, {usd(1'000'000)}, alone.at(std::vector<money>{usd(2'000'000)}));
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()) ==
              "print_waterfall: 4 problems\n"
              "  - payouts[0].exit_value = $2,000,000.00: must be exit_values[0] = $1,000,000.00\n"
              "  - payouts[0].by_line = 1 entries: must hold one per line of the waterfall (3)\n"
              "  - payouts[0].status = 1 entries: must hold one per line of the waterfall (3)\n"
              "  - payouts[0].by_holder = 1 entries: must hold one per holder of the waterfall (3)");
    }
    CHECK(os.str().empty());
    // The payouts of the waterfall itself print as print_waterfall(os, w, exits) does.
    const std::vector<money> exits{usd(1'000'000), usd(4'000'000)};
    std::ostringstream given;
    std::ostringstream computed;
    print_waterfall(given, w, exits, w.at(exits));
    print_waterfall(computed, w, exits);
    CHECK(given.str() == computed.str());
    CHECK(!given.str().empty());
}

TEST_CASE("print_payouts_by_round: rows that do not match the stages and exit values are refused before printing") {
    // chain_payouts is a struct of public vectors; the old code read payouts[s][e] for every
    // stage unchecked: a row missing read past the vector (undefined behaviour), a short row
    // shifted the cells of the next rows into the wrong columns.
    chain_payouts p;
    p.exit_values = {usd(1'000'000), usd(2'000'000)};
    p.stages = {"Start", "After Series A"};
    p.payouts = {{usd(1'000'000)}};
    std::ostringstream os;
    try {
        print_payouts_by_round(os, p);
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()) == "print_payouts_by_round: 2 problems\n"
                                       "  - payouts = 1 rows: must hold one row per stage (2)\n"
                                       "  - payouts[0] = 1 payouts: must hold one payout per exit value (2)");
    }
    CHECK(os.str().empty());
    p.payouts = {{usd(1'000'000), usd(2'000'000)}, {usd(500'000), usd(1'000'000)}};
    print_payouts_by_round(os, p, "Founders");
    CHECK(os.str() == "Founders\n"
                      "  Cap table                 $1M            $2M\n"
                      "  Start           $1,000,000.00  $2,000,000.00\n"
                      "  After Series A    $500,000.00  $1,000,000.00\n");
}

TEST_CASE("The by-holder tables streamed (print_waterfall) = the same tables printed from their cells") {
    // print_waterfall() writes the by-holder tables a line at a time (eleventh session,
    // 2026-12-07) instead of building the table's cells; the text must be byte for byte the one
    // waterfall_holders_table() prints: wide and combining names (display width), exercise paid
    // in (only the holders who pay), one exit, no exit.
    liquidation_terms capped;
    capped.participation = participation::capped(fraction(3));
    const cap_table table = cap_table_builder()
                                .add(holder::founder("f", "創業者 Founder"))
                                .add(holder::investor("vc", "Fund\u0301"))
                                .add(holder::employee("e", "Employee"))
                                .add(holder::employee("x", "X"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Series A", price_per_share(usd(1'000'000), sh(1'000'000)), capped))
                                .add(option_pool{"Plan", "Common", sh(200'000)})
                                .holding(holder_id("f"), "Common", sh(1'000'000))
                                .holding(holder_id("vc"), "Series A", sh(1'000'000))
                                .grant({holder_id("e"), "Plan", sh(100'000), price_per_share(usd(2), sh(1))})
                                .grant({holder_id("x"), "Plan", sh(1), price_per_share(usd(50), sh(1))})
                                .build();
    waterfall_terms paid;
    paid.exercise = option_exercise::paid_in;
    const std::vector<std::vector<money>> exit_lists{
        {usd(500'000), usd(4'000'000), usd(5'500'000), money::from_units(10'000'000'001)}, {usd(7'000'000)}, {}};
    for (const waterfall_terms& terms : {waterfall_terms{}, paid}) {
        const waterfall w = waterfall::build(table, terms);
        for (const std::vector<money>& exits : exit_lists) {
            const std::vector<waterfall_payout> payouts = w.at(exits);
            for (const bool exercise_paid : {false, true}) {
                std::ostringstream streamed, cells;
                detail::print_holders_streamed(streamed, w, exits, payouts, exercise_paid, "  ");
                detail::waterfall_holders_table(w, exits, payouts, detail::table_target::text, exercise_paid).print(cells, "  ");
                CHECK(streamed.str() == cells.str());
                CHECK_FALSE(streamed.str().empty());
            }
        }
    }
}

TEST_CASE("print_waterfall from the compact payouts (payouts_at) = from at(exit_values), byte for byte") {
    // waterfall_payouts keeps each exit's by-holder amounts as the curve's segment and a
    // threshold (fifteenth session, 2026-12-08): the report printed from it must be the one
    // printed from every payout held. Net and paid-in exercise; few exits (solved directly, the
    // amounts kept whole) and many (from the curve, by its 64-bit and its 128-bit route), with
    // the exits of the curve's breakpoints and their neighbours (the state at a breakpoint is the
    // one below); payouts of another waterfall's holders refused before printing.
    liquidation_terms capped;
    capped.participation = participation::capped(fraction(3));
    cap_table_builder b;
    b.add(share_class::common("Common"))
        .add(share_class::preferred("Series A", price_per_share(usd(1'000'000), sh(1'000'000)), capped))
        .add(option_pool{"Plan", "Common", sh(900'000)});
    for (int k = 0; k < 40; ++k) {
        const std::string id = "h" + std::to_string(k);
        b.add(holder::investor(id, "Holder " + std::to_string(k)));
        b.holding(holder_id(id), k % 4 == 0 ? "Series A" : "Common", sh(10'000 + 7'919 * k));
        if (k % 3 == 1) b.grant({holder_id(id), "Plan", sh(1'000 + 101 * k), price_per_share(usd(1 + k % 5), sh(3))});
    }
    const cap_table table = b.build();
    waterfall_terms paid;
    paid.exercise = option_exercise::paid_in;
    for (const waterfall_terms& terms : {waterfall_terms{}, paid}) {
        const waterfall w = waterfall::build(table, terms);
        std::vector<money> many;
        for (std::int64_t u = 0; u <= 12'000'000'000; u += 37'000'001) many.push_back(money::from_units(u));
        for (const waterfall_breakpoint& bp : w.breakpoints()) {
            const auto at = static_cast<std::int64_t>(bp.exit_value.round_to_integer(rounding::floor));
            for (std::int64_t d = -1; d <= 1; ++d) many.push_back(money::from_units(at + d));
        }
        std::sort(many.begin(), many.end());
        many.erase(std::unique(many.begin(), many.end()), many.end());
        REQUIRE(many.size() > w.breakpoints().size() + 1);
        // Exits up to $111 billion: the curve's numerators past 64 bits (its 128-bit route).
        std::vector<money> large;
        for (std::int64_t u = 0; u <= 111'000'000'000'300; u += 370'000'000'001) large.push_back(money::from_units(u));
        for (const std::vector<money>& exits : {many, large, std::vector<money>{usd(3'000'000)}, std::vector<money>{}}) {
            std::ostringstream held, compact;
            print_waterfall(held, w, exits, w.at(exits));
            print_waterfall(compact, w, exits, w.payouts_at(exits));
            CHECK(compact.str() == held.str());
            CHECK_FALSE(compact.str().empty());
        }
    }
    const waterfall w = waterfall::build(table);
    const waterfall other = waterfall::build(cap_table_builder()
                                                 .add(holder::founder("f", "Founder"))
                                                 .add(share_class::common("Common"))
                                                 .holding(holder_id("f"), "Common", sh(1'000))
                                                 .build());
    const std::vector<money> exits{usd(1)};
    std::ostringstream os;
    CHECK_THROWS_AS(print_waterfall(os, w, exits, other.payouts_at(exits)), validation_error);
    CHECK(os.str().empty());
}

}  // namespace test_waterfall_report
