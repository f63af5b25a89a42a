// Unit tests for fundround/exit/chain_waterfall.hpp (a group's payout at an exit on the cap table
// after each round of a chain) and its printing, print_payouts_by_round (io/waterfall_report.hpp).
#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/io/waterfall_report.hpp>

#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_chain_waterfall {

using namespace fundround;
using namespace fundround::literals;

namespace {

// A founder with 1,000,000 common; a Series A of $1M at $4M pre-money ($4.00 a share, 250,000
// shares, 1x non-participating); then a Series B of $3M at $12M pre-money ($9.60 a share,
// 312,500 shares, 1x non-participating, senior).
round_chain_result two_rounds() {
    const cap_table founding = cap_table_builder()
                                   .add(holder::founder("ann", "Ann"))
                                   .add(share_class::common("Common"))
                                   .holding(holder_id("ann"), "Common", share_count(1'000'000))
                                   .build();
    liquidation_terms senior;
    senior.seniority = 1;
    return round_chain(founding)
        .then(cap_table_round(priced_round_terms("Series A").pre_money(4_M).invest("a", 1_M), "Series A")
                  .add_investor(holder::investor("a", "A Fund")))
        .then(cap_table_round(priced_round_terms("Series B").pre_money(12_M).invest("b", 3_M), "Series B", senior)
                  .add_investor(holder::investor("b", "B Fund")))
        .run();
}

}  // namespace

TEST_CASE("The founder's payout at the start and after each round, exactly") {
    const round_chain_result chain = two_rounds();
    const chain_payouts p = payouts_by_round(chain, {holder_id("ann")}, {1_M, 4_M, 30_M});
    CHECK(p.stages == std::vector<std::string>{"Start", "After Series A", "After Series B"});
    REQUIRE(p.payouts.size() == 3);
    // Start: all common, the founder takes every exit.
    CHECK(p.payouts[0] == std::vector<money>{1_M, 4_M, 30_M});
    // After Series A: $1M preference first; above it the founder takes the rest until Series A
    // converts at $4.00 a share (exit 1,250,000 x $4 = $5M); at $30M, 1,000,000 / 1,250,000 = 80%.
    CHECK(p.payouts[1] == std::vector<money>{0_M, 3_M, 24_M});
    // After Series B: $3M senior, then $1M; at $4M only the preferences are paid. At $30M both
    // convert (Series B at $9.60 a share: exit 1,562,500 x $9.60 = $15M): 1,000,000 / 1,562,500
    // = 64%, $19.2M.
    CHECK(p.payouts[2] == std::vector<money>{0_M, 0_M, money::from_major(19'200'000)});
}

// The two rounds, then 437,500 common sold to C Co for $1 after the Series B (no charter): the
// issue is a stage of its own (the final table, 2,000,000 fully diluted), else C Co, on the final
// table, would receive nothing at every stage. At $30M everything converts ($15.00 a share: Series B's
// 312,500 x $15 = $4.6875M beats its $3M, Series A's 250,000 x $15 its $1M): C Co 437,500 x $15 =
// $6,562,500, Ann 1,000,000 x $15 = $15M; at $4M the preferences take it all.
TEST_CASE("Issues of shares between and after rounds are stages of their own; the last is the final table") {
    const round_chain_result chain =
        round_chain(two_rounds().start())
            .then(cap_table_round(priced_round_terms("Series A").pre_money(4_M).invest("a", 1_M), "Series A")
                      .add_investor(holder::investor("a", "A Fund")))
            .then(cap_table_round(priced_round_terms("Series B").pre_money(12_M).invest("b", 3_M), "Series B",
                                  [] { liquidation_terms t; t.seniority = 1; return t; }())
                      .add_investor(holder::investor("b", "B Fund")))
            .then(chain_issuance(share_issuance::sale("Late sale", share_count(437'500), 1_usd), holder_id("c"), "Common")
                      .add_holder(holder::investor("c", "C Co")))
            .run();
    const chain_payouts p = payouts_by_round(chain, {holder_id("c")}, {4_M, 30_M});
    CHECK(p.stages == std::vector<std::string>{"Start", "After Series A", "After Series B", "After Late sale"});
    REQUIRE(p.payouts.size() == 4);
    CHECK(p.payouts[2] == std::vector<money>{0_M, 0_M});
    CHECK(p.payouts[3] == std::vector<money>{0_M, money::from_major(6'562'500)});
    CHECK(payouts_by_round(chain, {holder_id("ann")}, {30_M}).payouts[3] == std::vector<money>{15_M});
    // An issue before a round is a stage of its own too: after it, Ann's 1,000,000 and C Co's
    // 437,500 common share $30M, C Co 30M x 437,500 / 1,437,500 = $9,130,434.783 (to the mill).
    const round_chain_result between =
        round_chain(two_rounds().start())
            .then(chain_issuance(share_issuance::sale("Early sale", share_count(437'500), 1_usd), holder_id("c"), "Common")
                      .add_holder(holder::investor("c", "C Co")))
            .then(cap_table_round(priced_round_terms("Series A").pre_money(4_M).invest("a", 1_M), "Series A")
                      .add_investor(holder::investor("a", "A Fund")))
            .run();
    const chain_payouts q = payouts_by_round(between, {holder_id("c")}, {30_M});
    CHECK(q.stages == std::vector<std::string>{"Start", "After Early sale", "After Series A"});
    REQUIRE(q.payouts.size() == 3);
    CHECK(q.payouts[0] == std::vector<money>{0_M});
    CHECK(q.payouts[1] == std::vector<money>{money::from_units(9'130'434'783)});
}

TEST_CASE("A group adds up; a holder not yet on a table receives nothing there") {
    const round_chain_result chain = two_rounds();
    const chain_payouts p = payouts_by_round(chain, {holder_id("ann"), holder_id("b")}, {30_M});
    // B Fund joins with Series B: $0 before, 312,500 / 1,562,500 = 20% of $30M after.
    CHECK(p.payouts[0] == std::vector<money>{30_M});
    CHECK(p.payouts[1] == std::vector<money>{24_M});
    CHECK(p.payouts[2] == std::vector<money>{money::from_major(25'200'000)});
}

TEST_CASE("Every bad holder is reported at once") {
    const round_chain_result chain = two_rounds();
    try {
        (void)payouts_by_round(chain, {holder_id("ann"), holder_id("zed"), holder_id("ann")}, {1_M});
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].field.to_string() == "holders[1]");
        CHECK(e.problems()[1].field.to_string() == "holders[2]");
        CHECK(e.problems()[1].rule == "must not repeat holders[0]");
    }
    CHECK_THROWS_AS((void)payouts_by_round(chain, {}, {1_M}), validation_error);
    CHECK_THROWS_AS((void)payouts_by_round(chain, {holder_id("ann")}, {money::from_major(-1)}), validation_error);
}

TEST_CASE("print_payouts_by_round: one row per stage, one column per exit") {
    const chain_payouts p = payouts_by_round(two_rounds(), {holder_id("ann")}, {4_M, 30_M});
    std::ostringstream os;
    print_payouts_by_round(os, p);
    CHECK(os.str() ==
          "Payout of ann on the cap table after each round\n"
          "  Cap table                 $4M            $30M\n"
          "  Start           $4,000,000.00  $30,000,000.00\n"
          "  After Series A  $3,000,000.00  $24,000,000.00\n"
          "  After Series B          $0.00  $19,200,000.00\n");
}

// A chain beginning with an issue, with two in a row and ending with one: a stage per step, each
// named, every stage's payouts to every holder on the final table adding up to each exit value
// exactly (a holder not yet on a stage's table receives nothing there), the exit values as given.
TEST_CASE("Issues first, two in a row and last: a stage each, the whole table's payouts add up to the exit") {
    const round_chain_result chain =
        round_chain(two_rounds().start())
            .then(chain_issuance(share_issuance::sale("Early sale", share_count(437'500), 1_usd), holder_id("c"), "Common")
                      .add_holder(holder::investor("c", "C Co")))
            .then(cap_table_round(priced_round_terms("Series A").at_price(4_usd).invest("a", 1_M), "Series A")
                      .add_investor(holder::investor("a", "A Fund")))
            .then(chain_issuance(share_issuance::sale("Lender warrant", share_count(100'000), 0_usd), holder_id("l"), "Common")
                      .add_holder(holder::investor("l", "Lender"))
                      .as_warrant(price_per_share(1_usd, share_count(1))))
            .then(chain_issuance(share_issuance::sale("", share_count(50'000), 0_usd), holder_id("s"), "Common")
                      .add_holder(holder::employee("s", "Sam")))
            .run();
    std::vector<holder_id> everyone;
    for (const holder& h : chain.final_table().holders()) everyone.push_back(h.id());
    const std::vector<money> exits{0_usd, money::from_units(1), 500_K, 1_M, money::from_units(1'000'000'007), 30_M};
    const chain_payouts p = payouts_by_round(chain, everyone, exits);
    CHECK(p.stages ==
          std::vector<std::string>{"Start", "After Early sale", "After Series A", "After Lender warrant", "After Issuance to Sam"});
    CHECK(p.exit_values == exits);
    REQUIRE(p.payouts.size() == 5);
    for (const std::vector<money>& stage : p.payouts) CHECK(stage == exits);
    // Sam is on the last table only: nothing before, the common's share after.
    const chain_payouts sam = payouts_by_round(chain, {holder_id("s")}, {30_M});
    CHECK(sam.payouts[3] == std::vector<money>{0_usd});
    CHECK(sam.payouts[4][0] > 0_usd);
}

// Regression: the default title said "after each round" when stages were issues of shares
// between rounds, and two issues to one holder with no name were both "After Issuance to Sam",
// told apart only by their row. The title now says each step, and alike labels get the step, as
// the chain's tables name their columns (chain_stage_names()).
TEST_CASE("print_payouts_by_round: a chain with issues of shares says each step, and alike stages name their step") {
    // Ann 1,000,000 common; Sam is issued 250,000 common; a Series A of $1M at $4M pre-money on
    // 1,250,000 shares ($3.20 a share, 312,500 shares, 1x non-participating); Sam is issued
    // 437,500 more: 2,000,000 shares in all.
    const round_chain_result chain =
        round_chain(two_rounds().start())
            .then(chain_issuance(share_issuance::sale("", share_count(250'000), 0_usd), holder_id("s"), "Common")
                      .add_holder(holder::employee("s", "Sam")))
            .then(cap_table_round(priced_round_terms("Series A").pre_money(4_M).invest("a", 1_M), "Series A")
                      .add_investor(holder::investor("a", "A Fund")))
            .then(chain_issuance(share_issuance::sale("", share_count(437'500), 0_usd), holder_id("s"), "Common"))
            .run();
    const chain_payouts p = payouts_by_round(chain, {holder_id("ann")}, {10_M});
    CHECK(p.stages == std::vector<std::string>{"Start", "After Issuance to Sam (step 0)", "After Series A",
                                               "After Issuance to Sam (step 2)"});
    CHECK(p.has_issuances);
    std::ostringstream os;
    print_payouts_by_round(os, p);
    // At $10M: all Ann's; 1,000,000 / 1,250,000 = 80%; Series A converts (its 20% is $2M, above
    // its $1M preference), 1,000,000 / 1,562,500 = 64%; still converting (312,500 / 2,000,000 of
    // $10M is $1,562,500), 1,000,000 / 2,000,000 = 50%.
    CHECK(os.str() ==
          "Payout of ann on the cap table after each step (round or issuance)\n"
          "  Cap table                                 $10M\n"
          "  Start                           $10,000,000.00\n"
          "  After Issuance to Sam (step 0)   $8,000,000.00\n"
          "  After Series A                   $6,400,000.00\n"
          "  After Issuance to Sam (step 2)   $5,000,000.00\n");
    // A chain without issues keeps its title and labels (the test above).
    CHECK_FALSE(payouts_by_round(two_rounds(), {holder_id("ann")}, {10_M}).has_issuances);
}

}  // namespace test_chain_waterfall
