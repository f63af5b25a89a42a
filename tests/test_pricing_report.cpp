// Unit tests for fundround/io/pricing_report.hpp: the printed round on a cap table and the chain's
// tables. The figures of the chain below are worked by hand in test_round_chain.cpp ("a note that
// did not qualify stays outstanding..."), and of the down rounds with a charter ("a charter in the
// chain adjusts each down round..."); here what the reports say of them.
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/io/csv.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/down_company.hpp"
#include "support/note_chain.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace test_pricing_report {

using namespace fundround;
using namespace fundround::literals;

namespace {

std::string printed(const round_chain_result& chain) {
    std::ostringstream os;
    print_round_chain(os, chain);
    return os.str();
}

std::string printed(const round_on_cap_table& round) {
    std::ostringstream os;
    print_round_on_cap_table(os, round);
    return os.str();
}

}  // namespace

// Regression: a holder on the table with no shares before and none after (the lender whose note
// did not convert in the seed) was shown as "new" in the seed's dilution, as if the seed had given
// it shares. It has no stake to dilute: "-". In the Series A its note converts: "new".
TEST_CASE("dilution: \"new\" when a round gives a holder its first shares, \"-\" when it still has none") {
    const round_chain_result chain = fundround_test::note_chain();
    REQUIRE(chain.rounds().size() == 2);
    const std::string text = printed(chain);
    CHECK(text.find("Dilution caused by each round (1 - ownership after / ownership before)\n"
                    "  Holder       Seed  Series A\n"
                    "  Ada        16.67%    18.99%\n"
                    "  Seed Fund     new    18.99%\n"
                    "  Lender          -       new\n"
                    "  Lead            -       new\n") != std::string::npos);
    // The CSV leaves every one of them empty, as before.
    CHECK(chain_dilution_csv(chain) ==
          "holder,dilution_Seed,dilution_Seed_decimal,dilution_Series A,dilution_Series A_decimal\r\n"
          "Ada,1/6,0.166666666667,15/79,0.189873417722\r\n"
          "Seed Fund,,,15/79,0.189873417722\r\n"
          "Lender,,,,\r\n"
          "Lead,,,,\r\n");
    // The seed on its own: the same rule in its holders table.
    const std::string seed = printed(chain.rounds()[0]);
    CHECK(seed.find("  Holder                Before       Owns       After       Owns  Dilution\n"
                    "  Ada                8,000,000   80.0000%   8,000,000   66.6667%  16.6667%\n"
                    "  Seed Fund                  0    0.0000%   2,000,000   16.6667%       new\n"
                    "  Lender                     0    0.0000%           0    0.0000%         -\n") != std::string::npos);
    // The Series A: the lender's first shares.
    const std::string a = printed(chain.rounds()[1]);
    CHECK(a.find("  Lender                     0    0.0000%     312,500    2.1097%       new\n") != std::string::npos);
}

// Regression (fourteenth session): the holders tables printed an "Unallocated pool 0" row for a
// company that has no pool at all (`fundround captable --after` on a file without "pools"), a
// figure about nothing. The row is printed when the table before or after (for a chain: any
// stage) has a pool, however much of it is granted: down_chain()'s fully granted plan keeps its
// "0 0.00%" row (the test above). Ada's 8,000,000 common; the seed, $2M at $8M pre-money, sells
// 2,000,000 shares at $1.00; a Series A at $20M pre-money creates the company's first pool.
TEST_CASE("the unallocated pool row: none for a company without a pool, 0 at the stages before a round creates one") {
    const cap_table ada = cap_table_builder()
                              .add(holder::founder("ada", "Ada"))
                              .add(share_class::common("Common"))
                              .holding(holder_id("ada"), "Common", share_count(8'000'000))
                              .build();
    const cap_table_round seed =
        cap_table_round(priced_round_terms("Seed").pre_money(8_M).invest("seed", 2_M), "Seed Preferred")
            .add_investor(holder::investor("seed", "Seed Fund"));
    const round_chain_result no_pool = round_chain(ada).then(seed).run();
    REQUIRE(no_pool.rounds()[0].pricing().new_shares() == share_count(2'000'000));
    const std::string round_text = printed(no_pool.rounds()[0]);
    // The seed fund's row in the holders table, its cells as printed (the widths follow the widest
    // label, now "Seed Fund").
    const std::size_t at = round_text.find("  Seed Fund ", round_text.find("  Holder "));  // not the investors'
    REQUIRE(round_text.find("  Holder ") != std::string::npos);
    REQUIRE(at != std::string::npos);
    std::istringstream row(round_text.substr(at, round_text.find('\n', at) - at));
    std::vector<std::string> cells;
    for (std::string cell; row >> cell;) cells.push_back(cell);
    CHECK(cells == std::vector<std::string>{"Seed", "Fund", "0", "0.0000%", "2,000,000", "20.0000%", "new"});
    CHECK(round_text.find("Unallocated pool") == std::string::npos);
    CHECK(round_text.find("  Total ") != std::string::npos);
    CHECK(printed(no_pool).find("Unallocated pool") == std::string::npos);
    CHECK(round_on_cap_table_csv(no_pool.rounds()[0]).find("Unallocated pool") == std::string::npos);
    CHECK(chain_csv(no_pool).find("Unallocated pool") == std::string::npos);

    const priced_round_terms a_terms =
        priced_round_terms("Series A").pre_money(20_M).invest("lead", 5_M).option_pool(fraction(1, 10), pool_placement::pre_money);
    const cap_table_round series_a = cap_table_round(a_terms, "Series A Preferred")
            .add_investor(holder::investor("lead", "Lead"))
            .new_pool("Plan", "Common");
    const round_chain_result pooled = round_chain(ada).then(seed).then(series_a).run();
    REQUIRE(pooled.final_table().pools().size() == 1);
    // Start and after the seed: no pool yet, 0; after the Series A its unallocated shares.
    const std::string pool_row = "\r\nUnallocated pool,0,0,0.000000000000,0,0,0.000000000000," +
                                 std::to_string(pooled.final_table().pools()[0].authorized.value()) + ",";
    CHECK(chain_csv(pooled).find(pool_row) != std::string::npos);
    CHECK(printed(pooled.rounds()[1]).find("  Unallocated pool ") != std::string::npos);
    CHECK(printed(pooled.rounds()[0]).find("Unallocated pool") == std::string::npos);
}

// Regression: the chain's "Price per share" row showed every price to 4 decimals, so a round at
// $0.00001 a share ($10,000 pre-money on 1,000,000,000 founder shares) read "$0.0000".
TEST_CASE("chain: a price below $0.0001 is shown with its significant digits") {
    const cap_table founders = cap_table_builder()
                                   .add(holder::founder("ada", "Ada"))
                                   .add(share_class::common("Common"))
                                   .holding(holder_id("ada"), "Common", share_count(1'000'000'000))
                                   .build();
    const round_chain_result chain =
        round_chain(founders)
            .then(cap_table_round(priced_round_terms("Pre-seed").pre_money(10'000_usd).invest("f", 1'000_usd), "Pre-seed Preferred")
                      .add_investor(holder::investor("f", "Friends")))
            .run();
    REQUIRE(chain.rounds()[0].pricing().new_shares() == share_count(100'000'000));
    const std::string text = printed(chain);
    CHECK(text.find("  Price per share                                    $0.000010\n") != std::string::npos);
    CHECK(text.find("$0.0000\n") == std::string::npos);
}

// Regression: print_round_chain() printed the tables of a chain of down rounds and nothing of its
// anti-dilution: the conversion prices moved and the C++ print said nothing (the tool's `report`
// printed the adjustments itself, after it). The chain of docs/how-to-down-round.md §4 prints,
// after its tables, each round's adjustments as operator<< on anti_dilution_adjustment writes
// them: the same text as `fundround report examples/down_rounds.json`
// (tests/cli/expected/report_down_rounds.out, from its fourth line). CP2 = CP1 x (A + B) / (A + C),
// the NVCA model charter's broad-based weighted average: $1 x 8,000,000 / 9,000,000 = $0.8889.
TEST_CASE("chain: a chain with a charter prints each round's anti-dilution adjustments after its tables") {
    const round_chain_result chain = fundround_test::down_chain();
    CHECK(printed(chain) ==
          "Fully diluted shares and ownership (issued + granted options + unallocated pool + warrants)\n"
          "  Holder                       Start    After Series C    After Series D\n"
          "  Founder           1,500,000 21.43%  1,500,000 15.44%  1,500,000 13.53%\n"
          "  Fund A            2,500,000 35.71%  2,812,464 28.96%  2,964,544 26.74%\n"
          "  Fund B            2,000,000 28.57%  2,399,952 24.71%  2,583,144 23.30%\n"
          "  Staff             1,000,000 14.29%  1,000,000 10.30%   1,000,000 9.02%\n"
          "  Carl Capital                     -  2,000,000 20.59%  2,037,905 18.38%\n"
          "  Dora Ventures                    -                 -   1,000,000 9.02%\n"
          "  Unallocated pool           0 0.00%           0 0.00%           0 0.00%\n"
          "  Total                    7,000,000         9,712,416        11,085,593\n"
          "  Price per share                              $0.5000           $0.4000\n"
          "\n"
          "Dilution caused by each round (1 - ownership after / ownership before)\n"
          "  Holder         Series C  Series D\n"
          "  Founder          27.93%    12.39%\n"
          "  Fund A           18.92%     7.65%\n"
          "  Fund B           13.51%     5.70%\n"
          "  Staff            27.93%    12.39%\n"
          "  Carl Capital        new    10.73%\n"
          "  Dora Ventures         -       new\n"
          "\n"
          "Anti-dilution on Series C (new_securities, 2,000,000 shares at $0.5000)\n"
          "  Series A Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 7,000,000, B 1,000,000.0000, C 2,000,000\n"
          "    conversion price $1.0000 -> $0.8889 (exact $0.88888889, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 1 -> 10000/8889 = 1.124986\n"
          "    as converted 2,500,000 -> 2,812,464 (+312,464, floor per holding)\n"
          "  Series B Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 7,000,000, B 500,000.0000, C 2,000,000\n"
          "    conversion price $2.0000 -> $1.6667 (exact $1.66666667, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 1 -> 20000/16667 = 1.199976\n"
          "    as converted 2,000,000 -> 2,399,952 (+399,952, floor per holding)\n"
          "\n"
          "Anti-dilution on Series D (new_securities, 1,000,000 shares at $0.4000)\n"
          "  Series A Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 9,712,416, B 449,994.3751, C 1,000,000\n"
          "    conversion price $0.8889 -> $0.8433 (exact $0.84326137, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 10000/8889 -> 10000/8433 = 1.185818\n"
          "    as converted 2,812,464 -> 2,964,544 (+152,080, floor per holding)\n"
          "  Series B Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 9,712,416, B 239,995.2001, C 1,000,000\n"
          "    conversion price $1.6667 -> $1.5485 (exact $1.54845403, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 20000/16667 -> 4000/3097 = 1.291572\n"
          "    as converted 2,399,952 -> 2,583,144 (+183,192, floor per holding)\n"
          "  Series C Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 9,712,416, B 800,000.0000, C 1,000,000\n"
          "    conversion price $0.5000 -> $0.4907 (exact $0.49066504, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 1 -> 5000/4907 = 1.018953\n"
          "    as converted 2,000,000 -> 2,037,905 (+37,905, floor per holding)\n");
    // A chain without protected series prints no adjustment (its text is as before).
    CHECK(printed(fundround_test::note_chain()).find("Anti-dilution") == std::string::npos);
}

// Regression: print_round_chain() printed nothing of a round's pay-to-play conversions (the
// tables and the adjustment only, so a reader could not see why Fund A holds common). Now each
// round's conversions follow the tables, before its adjustments (they are made immediately
// before the round): tests/support/down_company.hpp's pay_to_play_chain(), worked there by hand.
TEST_CASE("chain: print_round_chain prints each round's pay-to-play conversions before its adjustments") {
    // Fund A after Series C: 1,250,000 common + its 1,250,000 Series A still preferred at
    // 10000/8889 (1,406,232) + 500,000 Series C = 3,156,232; Carl Capital $750,000 / $0.50.
    CHECK(printed(fundround_test::pay_to_play_chain()) ==
          "Fully diluted shares and ownership (issued + granted options + unallocated pool + warrants)\n"
          "  Holder                       Start    After Series C\n"
          "  Founder           1,500,000 21.43%  1,500,000 15.70%\n"
          "  Fund A            2,500,000 35.71%  3,156,232 33.03%\n"
          "  Fund B            2,000,000 28.57%  2,399,952 25.11%\n"
          "  Staff             1,000,000 14.29%  1,000,000 10.46%\n"
          "  Carl Capital                     -  1,500,000 15.70%\n"
          "  Unallocated pool           0 0.00%           0 0.00%\n"
          "  Total                    7,000,000         9,556,184\n"
          "  Price per share                              $0.5000\n"
          "\n"
          "Dilution caused by each round (1 - ownership after / ownership before)\n"
          "  Holder        Series C\n"
          "  Founder         26.75%\n"
          "  Fund A           7.52%\n"
          "  Fund B          12.10%\n"
          "  Staff           26.75%\n"
          "  Carl Capital       new\n"
          "\n"
          "Pay-to-play in Series C (offered $1,000,000.00)\n"
          "  Fund A, Series A Preferred: bought $250,000.00 of the $500,000.00 required (1/2 of its pro rata amount "
          "$1,000,000.00): 1,250,000 of its 2,500,000 shares convert into 1,250,000 Common (ratio 1)\n"
          "\n"
          "Anti-dilution on Series C (new_securities, 2,000,000 shares at $0.5000)\n"
          "  Series A Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 7,000,000, B 1,000,000.0000, C 2,000,000\n"
          "    conversion price $1.0000 -> $0.8889 (exact $0.88888889, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 1 -> 10000/8889 = 1.124986\n"
          "    as converted 1,250,000 -> 1,406,232 (+156,232, floor per holding)\n"
          "  Series B Preferred: broad_based_weighted_average on issued + granted options + warrants\n"
          "    A 7,000,000, B 500,000.0000, C 2,000,000\n"
          "    conversion price $2.0000 -> $1.6667 (exact $1.66666667, 4 decimals, half_away_from_zero)\n"
          "    conversion ratio 1 -> 20000/16667 = 1.199976\n"
          "    as converted 2,000,000 -> 2,399,952 (+399,952, floor per holding)\n");
    // A chain without pay-to-play prints none.
    CHECK(printed(fundround_test::down_chain()).find("Pay-to-play") == std::string::npos);
}

// print_round_chain_tables() prints the first part of print_round_chain(), its tables, and no
// adjustment: the CLI's `report` prints them and then, round by round, the SAFEs and notes each
// round converts and its adjustments (tests/cli/expected/report_conversion_series.out).
TEST_CASE("chain: print_round_chain_tables prints the tables of print_round_chain, without the adjustments") {
    const auto tables = [](const round_chain_result& chain) {
        std::ostringstream os;
        print_round_chain_tables(os, chain);
        return os.str();
    };
    const round_chain_result down = fundround_test::down_chain();
    const std::string head = tables(down);
    const std::string whole = printed(down);
    REQUIRE(whole.size() > head.size());
    CHECK(whole.compare(0, head.size(), head) == 0);
    CHECK(whole.compare(head.size(), 27, "\nAnti-dilution on Series C ") == 0);
    CHECK(head.find("Anti-dilution") == std::string::npos);
    CHECK(head.find("  Dora Ventures         -       new\n") != std::string::npos);
    // Without protected series the two print the same.
    CHECK(tables(fundround_test::note_chain()) == printed(fundround_test::note_chain()));
}

}  // namespace test_pricing_report
