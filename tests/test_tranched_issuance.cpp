// Unit tests for fundround/company/tranched_issuance.hpp: shares issued as each tranche funds,
// at the round price or at a tranche's own (step-up) price; ownership on any date and in any
// scenario, reusing round_timeline and scenario.
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/tranched_issuance.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/numeric/literals.hpp>

#include "support/fundround_test.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_tranched_issuance {

namespace fr = fundround;
using namespace fundround::literals;
using fr::fraction;
using fr::money;
using fr::pre_round_shares;
using fr::priced_round;
using fr::rounding;
using fr::share_count;
using fr::tranched_issuance;
using fundround_test::ymd;

namespace {

// The reference round's fully diluted count is not reported: 1,000,000,000 is an assumption,
// which makes the price $730,000,000,000 / 1,000,000,000 = $730.
const pre_round_shares assumed_base{"assumed (the report gives none)", share_count(1'000'000'000), share_count(0)};

}  // namespace

TEST_CASE("reference round: shares per tranche at $730, ownership at close and once the conditions are met") {
    const fr::funding_round round = fundround_test::reference_round();
    const priced_round priced = fr::priced_terms_of(round).solve(assumed_base);
    CHECK(priced.price().rounded(rounding::exact) == 730_usd);

    // At close nothing conditional settles: Amazon's $35B waits.
    const tranched_issuance at_close(round, priced, fr::world_state(round.close_date()));
    const auto close = fundround_test::reference_close();
    CHECK(at_close.shares_of("Amazon", close) == share_count(20'547'945));  // $15B / $730, floor
    CHECK(at_close.shares_of("Nvidia", close) == share_count(41'095'890));
    CHECK(at_close.new_shares(close) == share_count(102'739'725));
    CHECK(at_close.fully_diluted(close) == share_count(1'102'739'725));
    CHECK(at_close.ownership("Amazon", close) == fraction(4'109'589, 220'547'945));  // ~3/161
    CHECK(at_close.shares_of("Amazon", fr::end_of_time()) == share_count(20'547'945));
    CHECK(at_close.shares_of("Amazon", ymd(2026, 2, 26)) == share_count(0));
    CHECK(at_close.not_converted(close) == 150_usd + 300_usd + 300_usd);

    // The conditions met on 2026-09-30 (an assumption): $35B buys 47,945,205 more shares.
    const fr::scenario met = fr::scenario("conditions met").achieve("certain conditions", ymd(2026, 9, 30));
    const tranched_issuance later(round, priced, met);
    CHECK(later.shares_of("Amazon", ymd(2026, 9, 29)) == share_count(20'547'945));
    CHECK(later.shares_of("Amazon", ymd(2026, 9, 30)) == share_count(68'493'150));
    CHECK(later.fully_diluted(ymd(2026, 9, 30)) == share_count(1'150'684'930));
    REQUIRE(later.issues().size() == 4);
    CHECK(later.issues().back().shares == share_count(47'945'205));
    CHECK(later.issues().back().not_converted == 350_usd);
    // Ownership sums to exactly 1 on every date.
    for (const auto d : {close, ymd(2026, 9, 30), fr::end_of_time()}) {
        fraction total = later.existing_ownership(d) + later.pool_increase_ownership(d);
        for (const auto& who : later.investors()) total += later.ownership(who, d);
        CHECK(total == fraction(1));
    }
}

// A Series Seed in three closings at $1.3248 per share (SEC EDGAR, CIK 1731831, 10-K for 2019,
// note 8): "The second tranche of $3.0 million was received and 2,264,492 shares were issued in
// September 2016. The third tranche of $4.0 million was received and 3,019,323 shares were
// issued in March 2017." Both are the amount / $1.3248 rounded down.
TEST_CASE("SEC filing: milestone tranches at $1.3248, shares rounded down") {
    using fr::milestone;
    using fr::tranche;
    const fr::funding_round round =
        fr::round_builder("Series Seed")
            .pre_money(1_M)  // only the price matters here: it is given
            .close_date(ymd(2016, 4, 4))
            .invest(fr::investor::financial("Seed investors"),
                    {tranche::at_close(1_M), tranche::when(3_M, milestone("second milestone")),
                     tranche::when(4_M, milestone("third milestone"))})
            .build();
    const priced_round priced = fr::priced_round_terms("Series Seed")
                                    .at_price(fr::price_per_share(money::from_units(13'248), share_count(10)))
                                    .invest("Seed investors", 8_M)
                                    .solve({"issued common", share_count(10'000'000), share_count(0)});
    const fr::scenario s = fr::scenario("as filed")
                               .achieve("second milestone", ymd(2016, 9, 15))
                               .achieve("third milestone", ymd(2017, 3, 15));
    const tranched_issuance issued(round, priced, s);
    REQUIRE(issued.issues().size() == 3);
    CHECK(issued.issues()[1].shares == share_count(2'264'492));
    CHECK(issued.issues()[2].shares == share_count(3'019'323));
    CHECK(issued.shares_of("Seed investors", ymd(2017, 3, 15)) - issued.shares_of("Seed investors", ymd(2016, 9, 15)) ==
          share_count(3'019'323));
}

// A step-up tranche (our example, biotech style): $20M Series A on a $40M pre-money over 10M
// fully diluted shares ($4.00); $10M at close, $10M at $6.00 once the IND is cleared.
TEST_CASE("step-up tranche: the second tranche at its own, higher price") {
    using fr::tranche;
    const fr::funding_round round =
        fr::round_builder("Series A")
            .pre_money(40_M)
            .close_date(ymd(2026, 3, 31))
            .invest(fr::investor::financial("Bio Fund"), 20_M,
                    {tranche::at_close(10_M), tranche::when(10_M, fr::milestone("IND cleared"))})
            .build();
    const priced_round priced = fr::priced_terms_of(round).solve({"issued + options", share_count(10'000'000), share_count(0)});
    CHECK(priced.price().rounded(rounding::exact) == 4_usd);
    const std::vector<fr::tranche_price> step_up{{"Bio Fund", 1, fr::price_per_share(6_usd, share_count(1))}};
    const fr::scenario cleared = fr::scenario("IND cleared").achieve("IND cleared", ymd(2027, 1, 15));
    const tranched_issuance issued(round, priced, cleared, step_up);
    CHECK(issued.shares_of("Bio Fund", ymd(2026, 3, 31)) == share_count(2'500'000));
    CHECK(issued.shares_of("Bio Fund", ymd(2027, 1, 15)) == share_count(4'166'666));  // + floor(1,666,666.67)
    CHECK(issued.issues()[1].not_converted == 4_usd);                                 // 2/3 share at $6
    CHECK(issued.ownership("Bio Fund", ymd(2026, 6, 30)) == fraction(1, 5));
    CHECK(issued.ownership("Bio Fund", ymd(2027, 1, 15)) == fraction(2'083'333, 7'083'333));
    // The same round if the IND never clears: the second tranche never issues.
    const tranched_issuance never(round, priced, fr::scenario("never"), step_up);
    CHECK(never.shares_of("Bio Fund", fr::end_of_time()) == share_count(2'500'000));
}

TEST_CASE("tranche prices: every problem at once") {
    const fr::funding_round round = fundround_test::reference_round();
    const priced_round priced = fr::priced_terms_of(round).solve(assumed_base);
    const std::vector<fr::tranche_price> bad{
        {"Amzon", 0, fr::price_per_share(1_usd, share_count(1))},
        {"Amazon", 2, fr::price_per_share(1_usd, share_count(1))},
        {"Nvidia", 0, fr::price_per_share(1_eur, share_count(1))},
        {"Nvidia", 0, fr::price_per_share(2_usd, share_count(1))},
    };
    const auto problems = tranched_issuance::validate(round, priced, bad);
    std::vector<std::string> fields;
    for (const auto& d : problems) fields.push_back(d.field.to_string());
    CHECK(fields == std::vector<std::string>{"tranche_prices[0].investor", "tranche_prices[1].tranche_index",
                                             "tranche_prices[2].price", "tranche_prices[3]"});
    CHECK_THROWS_AS(tranched_issuance(round, priced, fr::world_state(round.close_date()), bad), fr::validation_error);
    CHECK_THROWS_AS(tranched_issuance(round, priced, fr::scenario("typo").achieve("certain condition", ymd(2026, 5, 1))),
                    fr::validation_error);
}

TEST_CASE("tranches on a cap table: the table as of any date in a scenario") {
    const fr::funding_round round = fundround_test::reference_round();
    // ASSUMED cap table (the report gives none): the holders before the round as one line.
    const fr::cap_table before = fr::cap_table_builder()
                                     .add(fr::holder(fr::holder_id("existing"), "Existing holders"))
                                     .add(fr::share_class::common("Common"))
                                     .holding(fr::holder_id("existing"), "Common", share_count(1'000'000'000))
                                     .build();
    const fr::round_on_cap_table committed = fr::cap_table_round(fr::priced_terms_of(round), "Series 2026")
                                                 .add_investor(fr::holder::investor("Amazon", "Amazon"))
                                                 .add_investor(fr::holder::investor("Nvidia", "Nvidia"))
                                                 .add_investor(fr::holder::investor("SoftBank", "SoftBank"))
                                                 .apply_to(before);
    const fr::scenario met = fr::scenario("met").achieve("certain conditions", ymd(2026, 9, 30));
    const tranched_issuance issued(round, committed.pricing(), met);
    const fr::cap_table at_close = fr::cap_table_as_of(committed, issued, fundround_test::reference_close());
    CHECK(at_close.shares_of(fr::holder_id("Amazon"), "Series 2026") == share_count(20'547'945));
    CHECK(at_close.fully_diluted().total() == issued.fully_diluted(fundround_test::reference_close()));
    CHECK(at_close.ownership(fr::holder_id("Amazon")) == issued.ownership("Amazon", fundround_test::reference_close()));
    CHECK(at_close.ownership(fr::holder_id("existing")) == fraction(1'000'000'000, 1'102'739'725));
    const fr::cap_table later = fr::cap_table_as_of(committed, issued, ymd(2026, 9, 30));
    CHECK(later.shares_of(fr::holder_id("Amazon"), "Series 2026") == share_count(68'493'150));
    // Here floor($15B / $730) + floor($35B / $730) = floor($50B / $730): once everything is paid
    // the table is the one the committed round gives.
    CHECK(later == committed.after());
    // Before the close, nobody holds the new series yet.
    const fr::cap_table earlier = fr::cap_table_as_of(committed, issued, ymd(2026, 1, 1));
    CHECK(earlier.issued_shares("Series 2026") == share_count(0));
    CHECK(earlier.fully_diluted().total() == share_count(1'000'000'000));
}

// Buying into a series already issued, planned in the round: a later closing is a dated tranche.
// Ours: founders 6M + 4M; a seed at $8M pre-money = $0.80 a share; the lead's $2M at close
// (2,500,000 shares) and a late investor's $400,000 at a second closing on 2026-06-30 (500,000
// shares of the same series at the same price). Before that date the late investor holds
// nothing (the lead 1/5 of 12.5M); from it, 1/26 of 13M, and the table is the round's as committed.
TEST_CASE("a second closing: a new investor's dated tranche buys the round's series at its price") {
    using fr::holder;
    using fr::holder_id;
    using fr::tranche;
    const fr::cap_table founders = fr::cap_table_builder()
                                       .add(holder::founder("ada", "Ada"))
                                       .add(holder::founder("bob", "Bob"))
                                       .add(fr::share_class::common("Common"))
                                       .holding(holder_id("ada"), "Common", share_count(6'000'000))
                                       .holding(holder_id("bob"), "Common", share_count(4'000'000))
                                       .build();
    const fr::funding_round round = fr::round_builder("Seed")
                                        .pre_money(8_M)
                                        .close_date(ymd(2026, 3, 31))
                                        .invest(fr::investor::financial("lead"), 2_M)
                                        .invest(fr::investor::financial("late"), 400'000_usd,
                                                {tranche::on(400'000_usd, ymd(2026, 6, 30))})
                                        .build();
    const fr::round_on_cap_table committed = fr::cap_table_round(fr::priced_terms_of(round), "Seed Preferred")
                                                 .add_investor(holder::investor("lead", "Lead"))
                                                 .add_investor(holder::investor("late", "Late Investor"))
                                                 .apply_to(founders);
    CHECK(committed.pricing().price_units() == fraction(800));  // $0.80 = $8M / 10M
    const tranched_issuance issued(round, committed.pricing(), fr::scenario("as planned"));
    const fr::cap_table first = fr::cap_table_as_of(committed, issued, ymd(2026, 6, 29));
    CHECK(first.shares_of(holder_id("lead"), "Seed Preferred") == share_count(2'500'000));
    CHECK(first.shares_of(holder_id("late"), "Seed Preferred") == share_count(0));
    CHECK(first.ownership(holder_id("lead")) == fraction(1, 5));
    const fr::cap_table second = fr::cap_table_as_of(committed, issued, ymd(2026, 6, 30));
    CHECK(second.shares_of(holder_id("late"), "Seed Preferred") == share_count(500'000));
    CHECK(second.issued_shares("Seed Preferred") == share_count(3'000'000));
    CHECK(second.ownership(holder_id("late")) == fraction(1, 26));
    CHECK(second.classes().size() == 2);  // one series, bought at two closings
    CHECK(second == committed.after());
}

}  // namespace test_tranched_issuance
