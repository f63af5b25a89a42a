// Unit tests for fundround/company/cap_table_round.hpp: a priced round applied to a cap table
// (new series, pool top-up, new investors), every holder's dilution, and rounds in a chain.
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/numeric/literals.hpp>

#include "support/fundround_test.hpp"
#include "support/public_examples.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_cap_table_round {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }
price_per_share strike() { return price_per_share(money::from_units(1), sh(10)); }  // $0.0001

// Venture Hacks' company ("The Option Pool Shuffle"): 6M shares outstanding. Here they are two
// founders' 4M + 1.5M common and 500,000 options granted from a fully granted plan.
cap_table venture_hacks_company() {
    return cap_table_builder()
        .add(holder::founder("ada", "Ada"))
        .add(holder::founder("bob", "Bob"))
        .add(holder::employee("eve", "Eve"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", sh(500'000)})
        .holding(holder_id("ada"), "Common", sh(4'000'000))
        .holding(holder_id("bob"), "Common", sh(1'500'000))
        .grant({holder_id("eve"), "Plan", sh(500'000), strike()})
        .build();
}

// Our seed -> A -> B example: Ada 6M and Bob 3M common, a 1M-share plan nothing granted yet.
cap_table founding() {
    return cap_table_builder()
        .add(holder::founder("ada", "Ada"))
        .add(holder::founder("bob", "Bob"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", sh(1'000'000)})
        .holding(holder_id("ada"), "Common", sh(6'000'000))
        .holding(holder_id("bob"), "Common", sh(3'000'000))
        .build();
}

fraction total_ownership(const cap_table& t) {
    const fully_diluted_counts c = t.fully_diluted();
    fraction sum;
    for (std::size_t i = 0; i < t.holders().size(); ++i) sum += c.holder_ownership(i);
    for (std::size_t p = 0; p < t.pools().size(); ++p) sum += c.pool_ownership(p);
    return sum;
}

}  // namespace

// Venture Hacks, "The Option Pool Shuffle": $2M on an $8M pre-money that "includes an option
// pool equal to 20% of the post-financing fully diluted capitalization": $1.00 a share.
TEST_CASE("the shuffle on a cap table: new series, pool top-up, every holder's dilution") {
    const cap_table before = venture_hacks_company();
    const round_on_cap_table a =
        cap_table_round(priced_round_terms("Series A")
                            .pre_money(8_M)
                            .invest("blue", 2_M)
                            .option_pool(fraction(1, 5), pool_placement::pre_money)
                            .price_rounded(4, rounding::half_even),
                        "Series A Preferred")
            .add_investor(holder::investor("blue", "Blue Shirt Capital"))
            .top_up_pool("Plan")
            .apply_to(before);
    CHECK(a.pricing().pre_round().fully_diluted == sh(6'000'000));
    CHECK(a.pricing().pre_round().definition == "issued + granted options + unallocated pool + warrants");
    CHECK(a.pricing().price().rounded(rounding::exact) == 1_usd);
    CHECK(a.after().shares_of(holder_id("blue"), "Series A Preferred") == sh(2'000'000));
    CHECK(a.after().unallocated("Plan") == sh(2'000'000));
    CHECK(a.after().pools()[0].authorized == sh(2'500'000));
    CHECK(a.after().fully_diluted().total() == sh(10'000'000));
    CHECK(a.after().fully_diluted().total() == a.pricing().post_money_shares());
    const share_class& series = a.after().classes()[1];
    CHECK(series.name() == "Series A Preferred");
    CHECK(series.original_issue_price() == a.pricing().price());
    // Ada: 4M of 6M before, 4M of 10M after: 2/3 -> 2/5, she loses 2/5 of her stake.
    const holder_change& ada = a.change_of(holder_id("ada"));
    CHECK(ada.ownership_before == fraction(2, 3));
    CHECK(ada.ownership_after == fraction(2, 5));
    CHECK(ada.dilution() == fraction(2, 5));
    CHECK(ada.points_lost() == fraction(4, 15));
    const holder_change& blue = a.change_of(holder_id("blue"));
    CHECK(blue.before == sh(0));
    CHECK(blue.ownership_after == fraction(1, 5));
    CHECK(blue.dilution() == fraction(0));
    CHECK_THROWS_WITH_AS((void)a.change_of(holder_id("nobody")), "holder = \"nobody\": not on the cap table after the round",
                         invalid_argument_error);
    CHECK(a.pool_ownership_before() == fraction(0));
    CHECK(a.pool_ownership_after() == fraction(1, 5));
    CHECK(total_ownership(a.after()) == fraction(1));
    // The table before is untouched.
    CHECK(a.before() == before);
}

// Holloway, "Angel Investing: Start to Finish" (Joe Wallin and Pete Baltaxe), the Pext, Inc.
// example, sections "Convertible Note to Priced Round", "Effects of Note Conversion on Dilution",
// "Option Pool Top-Up", "Sale of Preferred Stock" and "Checking the Convertible Note Conversion"
// (https://www.holloway.com/g/angel-investing/sections/effects-of-note-conversion-on-dilution):
// founders 10,000,000 shares, employees 345,000, 1,155,000 available in the plan (11,500,000
// fully diluted). A $400K note at 5% (one year: $420K), a $3M cap "divided by the issued and
// outstanding securities" (10,345,000: the pool left out) and a 20% discount converts into a
// $2M Series Seed at an $8M pre-money, the pool topped up to 15% of the post-money fully
// diluted count in the pre-money. Published: the cap price $0.28999517, 1,448,299 note shares,
// the pool 2,721,531 (18.75% of 14,514,830 before the sale), 3,628,708 preferred shares (20.00%)
// at $0.55116, 18,143,538 fully diluted; the discount would give $0.44093 and 952,532 shares.
// Here the note converts by hand into the table and the round is priced on it, as the source
// does; the same note as a conversion_round term (convertible_note::cap_basis) is in
// tests/test_conversion.cpp ("Holloway's Pext"). The source's conventions, each named: the cap price
// rounded to 8 decimals before dividing (the exact price gives 1,448,300 shares), the note's
// shares floored, the preferred shares rounded up (3,628,707.5 exactly; floor gives 3,628,707
// and 18,143,537 in all), the pool increase rounded up (the default). The source's founders'
// "55.21%" is 10,000,000 / 18,143,538 = 55.12% with two digits swapped.
TEST_CASE("Holloway's Pext: a capped note over the issued shares, then a Series Seed with a 15% pool in the pre-money") {
    const cap_table pext = fundround_test::pext_table();
    CHECK(pext.fully_diluted().total() == sh(11'500'000));
    CHECK(pext.fully_diluted(fully_diluted_basis::issued_and_granted()).total() == sh(10'345'000));

    // The note: $420K at the cap price over the 10,345,000 issued and outstanding.
    const price_per_share cap_price(3_M, pext.fully_diluted(fully_diluted_basis::issued_and_granted()).total());
    CHECK(cap_price.to_string(8) == "$0.28999517");
    CHECK(cap_price.shares_for(420_K, rounding::floor) == sh(1'448'300));  // the exact price
    const price_per_share published_cap_price(28'999'517_usd, sh(100'000'000));
    CHECK(published_cap_price.to_string(8) == cap_price.to_string(8));
    const share_count note_shares = published_cap_price.shares_for(420_K, rounding::floor);
    CHECK(note_shares == sh(1'448'299));
    const cap_table converted = cap_table_builder(pext)
                                    .add(share_class::preferred("Series Seed Preferred (notes)", published_cap_price))
                                    .issue(holder_id("notes"), "Series Seed Preferred (notes)", note_shares)
                                    .build();
    CHECK(converted.fully_diluted().total() == sh(12'948'299));  // Figure 4
    CHECK(converted.ownership(holder_id("notes")).to_percent_string(2) == "11.19%");

    const auto round = [&](rounding shares) {
        return cap_table_round(priced_round_terms("Series Seed")
                                   .pre_money(8_M)
                                   .invest("seed", 2_M)
                                   .option_pool(fraction(15, 100), pool_placement::pre_money)
                                   .shares_rounded(shares),
                               "Series Seed Preferred")
            .top_up_pool("Plan")
            .apply_to(converted);
    };
    const round_on_cap_table seed = round(rounding::ceiling);
    const priced_round& p = seed.pricing();
    // P = ($8M - 15% x $10M) / (12,948,299 - 1,155,000): the pool is the holders' before the round.
    CHECK(p.price() == price_per_share(6'500'000_usd, sh(11'793'299)));
    CHECK(p.price().to_string(5) == "$0.55116");
    CHECK(p.pool_increase() == sh(1'566'531));
    CHECK(seed.after().unallocated("Plan") == sh(2'721'531));
    CHECK(fraction(2'721'531, 14'514'830).to_percent_string(2) == "18.75%");  // Figure 5
    CHECK(p.investment_of("seed").shares == sh(3'628'708));
    const cap_table& after = seed.after();
    CHECK(after.fully_diluted().total() == sh(18'143'538));
    CHECK(after.fully_diluted(fully_diluted_basis::issued_and_granted()).total() == sh(15'422'007));
    CHECK(after.ownership(holder_id("seed")).to_percent_string(2) == "20.00%");
    CHECK(after.fully_diluted().pool_ownership(0).to_percent_string(2) == "15.00%");
    CHECK(after.ownership(holder_id("notes")).to_percent_string(2) == "7.98%");
    CHECK(after.ownership(holder_id("employees")).to_percent_string(2) == "1.90%");
    CHECK(after.ownership(holder_id("founders")).to_percent_string(2) == "55.12%");  // "55.21%" in the source
    CHECK(after.ownership(holder_id("founders"), fully_diluted_basis::issued_and_granted()).to_percent_string(2) == "64.84%");

    // The preferred shares are 3,628,707.5 exactly: floored (the default), one fewer.
    const round_on_cap_table floored = round(rounding::floor);
    CHECK(floored.pricing().investment_of("seed").shares == sh(3'628'707));
    CHECK(floored.after().fully_diluted().total() == sh(18'143'537));

    // The discount would not beat the cap: 80% of the round price buys 952,535 shares exactly
    // (the source's 952,532 divides by the price rounded twice, $0.44093).
    const price_per_share discounted(5'200'000_usd, sh(11'793'299));
    CHECK(discounted.shares_for(420_K, rounding::floor) == sh(952'535));
    CHECK(price_per_share(44'093_usd, sh(100'000)).shares_for(420_K, rounding::floor) == sh(952'532));
    CHECK(discounted.shares_for(420_K, rounding::floor) < note_shares);
}

// 1984.vc founders handbook, "Raising Your Series A": before the round Founder A and Founder B
// hold 1,000,000 shares each (35%), employees 200,000 (7%), the seed investor 571,428 (20%) and
// the pool has 85,714 available (3%): 2,857,142 fully diluted. "$8M investment at a $40M post
// money valuation ... 714,286 shares (PPS is 32,000,000 / 2,857,142 = $11.2)"; after it the
// founders hold 28% each, employees 5.6%, the seed investor 16%, the Series A 20% and the pool
// 2.4%. The page's 714,286 is $8M / $11.20 = 714,285.71 rounded to the nearest share (rounded
// down, the default here, it is 714,285), and its total "3,571,427" is one short of
// 2,857,142 + 714,286 = 3,571,428. Here the employees' 200,000 are options granted from a plan
// of 285,714.
TEST_CASE("1984.vc Raising Your Series A: $8M at $40M post-money on 2,857,142 shares, $11.20, 714,286 shares") {
    const cap_table before = cap_table_builder()
                                 .add(holder::founder("a", "Founder A"))
                                 .add(holder::founder("b", "Founder B"))
                                 .add(holder::employee("emp", "Employees"))
                                 .add(holder::investor("seed", "Seed Investor"))
                                 .add(share_class::common("Common"))
                                 .add(share_class::preferred("Seed Preferred", price_per_share(4_usd, sh(1))))
                                 .add(option_pool{"Plan", "Common", sh(285'714)})
                                 .holding(holder_id("a"), "Common", sh(1'000'000))
                                 .holding(holder_id("b"), "Common", sh(1'000'000))
                                 .holding(holder_id("seed"), "Seed Preferred", sh(571'428))
                                 .grant({holder_id("emp"), "Plan", sh(200'000), strike()})
                                 .build();
    CHECK(before.fully_diluted().total() == sh(2'857'142));
    const auto series_a = [&](rounding shares) {
        return cap_table_round(priced_round_terms("Series A")
                                   .post_money(40_M)
                                   .invest("lead", 8_M)
                                   .price_rounded(4, rounding::half_even)
                                   .shares_rounded(shares),
                               "Series A Preferred")
            .add_investor(holder::investor("lead", "Series A investor"))
            .apply_to(before);
    };
    const round_on_cap_table a = series_a(rounding::half_even);
    CHECK(a.pricing().exact_price_units() == fraction(32'000'000'000, 2'857'142));
    CHECK(a.pricing().price().to_string() == "$11.2000");
    CHECK(a.pricing().investment_of("lead").shares == sh(714'286));
    CHECK(a.after().fully_diluted().total() == sh(3'571'428));
    const auto pct = [&](const char* id) { return a.change_of(holder_id(id)).ownership_after.to_percent_string(1); };
    CHECK(pct("a") == "28.0%");
    CHECK(pct("b") == "28.0%");
    CHECK(pct("emp") == "5.6%");
    CHECK(pct("seed") == "16.0%");
    CHECK(pct("lead") == "20.0%");
    CHECK(a.pool_ownership_after().to_percent_string(1) == "2.4%");
    // "the investment would only dilute each shareholder by 20% (8/40)": 714,286 / 3,571,428.
    CHECK(a.change_of(holder_id("a")).dilution() == fraction(714'286, 3'571'428));
    CHECK(a.change_of(holder_id("a")).dilution().to_percent_string(2) == "20.00%");
    // Rounded down instead, the same money buys one share less.
    CHECK(series_a(rounding::floor).pricing().investment_of("lead").shares == sh(714'285));
}

TEST_CASE("applying a round: every problem at once") {
    const cap_table t = venture_hacks_company();
    const auto problems = cap_table_round(priced_round_terms("Bad")
                                              .pre_money(8_M)
                                              .invest("nobody", 1_M)
                                              .invest("ada", 0_usd)
                                              .option_pool(fraction(1, 5), pool_placement::pre_money),
                                          "common ")
                              .add_investor(holder::founder("bob", "Bob again"))
                              .price_on(fully_diluted_basis::issued_and_granted())
                              .validate(t);
    std::vector<std::string> fields;
    for (const auto& d : problems) fields.push_back(d.field.to_string());
    CHECK(fields == std::vector<std::string>{"terms.investors[1].amount", "new_investors[0].id",
                                             "terms.investors[0].name", "series", "top_up_pool", "basis"});
    CHECK(problems[3].message() ==
          "series = \"common \": is already a class on the cap table (\"Common\"): a priced round issues a new series");
    // The terms' own problems sit under `terms`, structurally.
    CHECK(problems[0].field == field_path("terms").member("investors").index(1).member("amount"));
    CHECK(problems[0].field.json_pointer() == "/terms/investors/1/amount");
    CHECK_THROWS_AS((void)cap_table_round(priced_round_terms("X").pre_money(1_M).invest("ada", 1_M), "A")
                        .top_up_pool("No such pool")
                        .apply_to(t),
                    validation_error);
}

// Pillar VC, "Founder Playlist, Part 1: Increase to Option Pool"
// (https://www.pillar.vc/playlist/article/part-1-increase-to-option-pool/): founders hold
// 10,000,000 shares and no pool; a VC invests $5M on a $10M pre-money and asks for a 10% pool.
// In the pre-money: $0.85 a share, 1,764,706 new options (1.76M), the VC 33.33%, the founders
// 56.67% (85% of the pre-money), the pool 10.00% of 17,647,058. In the post-money: $1.00, 1,666,667
// options (10% of 16,666,667, rounded up), the VC "purchased 30%", the founders 60.00%.
cap_table founders_only() {
    return cap_table_builder()
        .add(holder::founder("f", "Founders"))
        .add(share_class::common("Common"))
        .holding(holder_id("f"), "Common", sh(10'000'000))
        .build();
}

cap_table_round pillar_round(pool_placement where) {
    return cap_table_round(priced_round_terms("Series A").pre_money(10_M).invest("vc", 5_M).option_pool(fraction(1, 10), where),
                           "Series A Preferred")
        .add_investor(holder::investor("vc", "VC"))
        .new_pool("2027 Plan", "Common");
}

TEST_CASE("a round that creates the company's first pool: Pillar VC's 10% pool in the pre-money and in the post-money") {
    const cap_table before = founders_only();
    const round_on_cap_table pre = pillar_round(pool_placement::pre_money).apply_to(before);
    CHECK(pre.pricing().exact_price_units() == fraction(850));  // $0.85
    CHECK(pre.pricing().pool_increase() == sh(1'764'706));
    CHECK(pre.pool() == std::optional<std::string>("2027 Plan"));
    CHECK(pre.pool_created());
    REQUIRE(pre.after().pools().size() == 1);
    CHECK(pre.after().pools()[0] == option_pool{"2027 Plan", "Common", sh(1'764'706)});
    CHECK(pre.after().unallocated("2027 Plan") == sh(1'764'706));
    CHECK(pre.after().fully_diluted().total() == sh(17'647'058));
    CHECK(pre.after().fully_diluted().total() == pre.pricing().post_money_shares());
    CHECK(pre.change_of(holder_id("vc")).after == sh(5'882'352));
    CHECK(pre.change_of(holder_id("vc")).ownership_after.to_percent_string(2) == "33.33%");
    CHECK(pre.change_of(holder_id("f")).ownership_after.to_percent_string(2) == "56.67%");
    CHECK(pre.pool_ownership_before() == fraction(0));
    CHECK(pre.pool_ownership_after() == fraction(1'764'706, 17'647'058));
    CHECK(pre.pool_ownership_after().to_percent_string(2) == "10.00%");
    CHECK(pre.after().fully_diluted().pool_ownership(0).to_percent_string(2) == "10.00%");
    std::ostringstream report;
    print_round_on_cap_table(report, pre);
    CHECK(report.str().find("\nThe round creates option pool \"2027 Plan\" (Common): 1,764,706 shares\n") != std::string::npos);

    const round_on_cap_table post = pillar_round(pool_placement::post_money).apply_to(before);
    CHECK(post.pricing().exact_price_units() == fraction(1000));  // $1.00
    CHECK(post.after().pools()[0] == option_pool{"2027 Plan", "Common", sh(1'666'667)});
    CHECK(post.after().fully_diluted().total() == sh(16'666'667));
    CHECK(post.change_of(holder_id("vc")).after == sh(5'000'000));
    CHECK(post.change_of(holder_id("vc")).ownership_after.to_percent_string(2) == "30.00%");
    CHECK(post.change_of(holder_id("f")).ownership_after.to_percent_string(2) == "60.00%");
    CHECK(post.pool_ownership_after().to_percent_string(2) == "10.00%");
    // A top-up of an existing pool is not a creation.
    const round_on_cap_table again =
        cap_table_round(priced_round_terms("B").pre_money(30_M).invest("vc", 1_M).option_pool(fraction(1, 10), pool_placement::pre_money),
                        "Series B Preferred")
            .top_up_pool("2027 Plan")
            .apply_to(pre.after());
    CHECK_FALSE(again.pool_created());
    std::ostringstream top_up;
    print_round_on_cap_table(top_up, again);
    CHECK(top_up.str().find("creates option pool") == std::string::npos);
}

TEST_CASE("creating a pool in a round: a name already on the table, a misspelt top-up, every problem at once") {
    // A pool of that name already on the table: a problem naming it (never a silent top-up).
    const auto taken = pillar_round(pool_placement::pre_money).new_pool("Plan", "Common").validate(venture_hacks_company());
    REQUIRE(taken.size() == 1);
    CHECK(taken[0].message() == "new_pool.name = \"Plan\": is already a pool on the cap table (pools[0]): top it up with top_up_pool()");
    // A misspelt pool to top up is never created: the pools that exist are named.
    const auto misspelt = pillar_round(pool_placement::pre_money).top_up_pool("Plna").validate(venture_hacks_company());
    REQUIRE(misspelt.size() == 1);
    CHECK(misspelt[0].message() ==
          "top_up_pool = \"Plna\": is not a pool on the cap table (its pools: \"Plan\"); to create it in the round, use new_pool() (in a deal file, "
          "option_pool's \"create\")");
    const auto none = pillar_round(pool_placement::pre_money).top_up_pool("2027 Plan").validate(founders_only());
    REQUIRE(none.size() == 1);
    CHECK(none[0].message() ==
          "top_up_pool = \"2027 Plan\": is not a pool on the cap table (it has none); to create it in the round, use new_pool() (in a deal file, "
          "option_pool's \"create\")");
    // Every problem at once: a name without a letter, an unknown class, no pool target.
    const auto all = cap_table_round(priced_round_terms("A").pre_money(10_M).invest("f", 1_M), "Series A Preferred")
                         .new_pool(" - ", "Comon")
                         .validate(founders_only());
    std::vector<std::string> messages;
    for (const auto& d : all) messages.push_back(d.message());
    CHECK(messages == std::vector<std::string>{
                          "new_pool.name = \" - \": must contain a letter or digit",
                          "new_pool.share_class = \"Comon\": is not a share class on the cap table",
                          "new_pool = \" - \": the terms set no pool target: a new pool is sized by the round's pool target"});
    // top_up_pool() after new_pool() tops up (the last call wins).
    CHECK_FALSE(pillar_round(pool_placement::pre_money).top_up_pool("Plan").new_pool_class());
}

// A chain whose first round creates the pool (Pillar VC's, in the pre-money) and whose second
// tops it up: Series B $10M on a $30M pre-money, a 15% pool in the pre-money. By hand: F0 =
// 17,647,058 with 1,764,706 unallocated; the pre-money count F solves F - F0 + 1,764,706 =
// 15% x F x 40/30, F = 15,882,352 / 0.8 = 19,852,940 (exact): 2,205,882 new options, the price
// $30M / 19,852,940, the fund's floor($10M / price) = floor(6,617,646.67) = 6,617,646 shares;
// 26,470,586 after, the pool 3,970,588 (15.00%).
TEST_CASE("a chain: round 1 creates the pool, round 2 tops it up") {
    const round_chain_result history =
        round_chain(founders_only())
            .then(pillar_round(pool_placement::pre_money))
            .then(cap_table_round(priced_round_terms("Series B").pre_money(30_M).invest("growth", 10_M).option_pool(
                                      fraction(15, 100), pool_placement::pre_money),
                                  "Series B Preferred")
                      .add_investor(holder::investor("growth", "Growth Fund"))
                      .top_up_pool("2027 Plan"))
            .run();
    REQUIRE(history.rounds().size() == 2);
    CHECK(history.rounds()[0].pool_created());
    CHECK_FALSE(history.rounds()[1].pool_created());
    CHECK(history.rounds()[1].pricing().pool_increase() == sh(2'205'882));
    CHECK(history.rounds()[1].pricing().price() == price_per_share(30_M, sh(19'852'940)));
    CHECK(history.rounds()[1].pricing().investment_of("growth").shares == sh(6'617'646));
    CHECK(history.final_table().pools()[0] == option_pool{"2027 Plan", "Common", sh(3'970'588)});
    CHECK(history.totals() == std::vector<share_count>{sh(10'000'000), sh(17'647'058), sh(26'470'586)});
    CHECK(history.rounds()[1].pool_ownership_after().to_percent_string(2) == "15.00%");
    CHECK(history.ownership_history(holder_id("f")) ==
          std::vector<fraction>{fraction(1), fraction(10'000'000, 17'647'058), fraction(10'000'000, 26'470'586)});
    // with_conversions() carries the pool the round creates (it threw before: "a round with
    // conversions tops up a pool on the cap table"); nothing converting, the same figures.
    const conversion_round c = with_conversions(pillar_round(pool_placement::pre_money), year{2027} / 1 / 1);
    CHECK(c.new_pool_class() == std::optional<std::string>("Common"));
    CHECK(c.pool() == std::optional<std::string>("2027 Plan"));
    const converted_round same = c.apply_to(founders_only());
    CHECK(same.pool_created());
    CHECK(same.after() == history.rounds()[0].after());
}

// A seed company whose post-money SAFEs convert in a Series A that creates its first pool, then a
// Series B that tops the pool up (round_chain). By hand (test_conversion's worked Series A):
// founders 8,000,000; SAFEs $200,000 at a $4M post-money cap and $250,000 at $10M; the lead $4M
// at a $16M pre-money, a 10% pool created in the pre-money: Q = 10,000,000, $1.60, 500,000 and
// 250,000 conversion shares, 2,500,000 new, a 2027 Plan of 1,250,000; 12,500,000 after. Series
// B $10M at a $40M pre-money, a 16% pool in the pre-money counting the 1,250,000 unallocated: the
// pre-money count F = 12,500,000 + I, T = 1.25 F, 1,250,000 + I = 0.16 T = 0.2 F, so 0.8 I =
// 1,250,000 and I = 1,562,500 exactly; F = 14,062,500, the price $40M / F = $2.8444... (128/45),
// the fund's 10M x 45 / 128 = 3,515,625 shares exactly; T = 17,578,125, the pool 2,812,500 (16%).
TEST_CASE("a chain: a Series A converting SAFEs creates the pool, a Series B tops it up") {
    const cap_table seed = cap_table_builder()
                               .add(holder::founder("f", "Founders"))
                               .add(holder::investor("a", "Angel A"))
                               .add(holder::investor("b", "Fund B"))
                               .add(share_class::common("Common"))
                               .holding(holder_id("f"), "Common", sh(8'000'000))
                               .build();
    const cap_table_round series_a =
        cap_table_round(priced_round_terms("Series A").pre_money(16_M).invest("lead", 4_M).option_pool(fraction(1, 10),
                                                                                                      pool_placement::pre_money),
                        "Series A Preferred")
            .add_investor(holder::investor("lead", "Lead"))
            .new_pool("2027 Plan", "Common");
    const round_chain_result history =
        round_chain(seed)
            .then(with_conversions(series_a, year{2027} / 3 / 1)
                      .convert(safe::post_money_cap(holder_id("a"), 200'000_usd, 4_M, year{2025} / 1 / 1))
                      .convert(safe::post_money_cap(holder_id("b"), 250'000_usd, 10_M, year{2026} / 1 / 1)))
            .then(cap_table_round(priced_round_terms("Series B").pre_money(40_M).invest("growth", 10_M).option_pool(
                                      fraction(16, 100), pool_placement::pre_money),
                                  "Series B Preferred")
                      .add_investor(holder::investor("growth", "Growth Fund"))
                      .top_up_pool("2027 Plan"))
            .run();
    REQUIRE(history.rounds().size() == 2);
    REQUIRE(history.conversion(0) != nullptr);
    const converted_round& a = *history.conversion(0);
    CHECK(a.pool_created());
    CHECK(a.price() == price_per_share(160_usd, sh(100)));
    CHECK(a.safe_conversion(0).shares == sh(500'000));
    CHECK(a.safe_conversion(1).shares == sh(250'000));
    CHECK(a.new_money().investment_of("lead").shares == sh(2'500'000));
    CHECK(history.rounds()[0].pool_created());
    CHECK(history.rounds()[0].after().pools() == std::vector<option_pool>{{"2027 Plan", "Common", sh(1'250'000)}});
    CHECK(history.rounds()[0].pool_ownership_after() == fraction(1, 10));
    CHECK(history.rounds()[0].change_of(holder_id("f")).ownership_after == fraction(64, 100));
    CHECK_FALSE(history.rounds()[1].pool_created());
    CHECK(history.rounds()[1].pricing().pool_increase() == sh(1'562'500));
    CHECK(history.rounds()[1].pricing().price() == price_per_share(40_M, sh(14'062'500)));
    CHECK(history.rounds()[1].pricing().investment_of("growth").shares == sh(3'515'625));
    CHECK(history.final_table().pools() == std::vector<option_pool>{{"2027 Plan", "Common", sh(2'812'500)}});
    CHECK(history.totals() == std::vector<share_count>{sh(8'000'000), sh(12'500'000), sh(17'578'125)});
    CHECK(history.rounds()[1].pool_ownership_after() == fraction(16, 100));
    CHECK(history.ownership_history(holder_id("f")) ==
          std::vector<fraction>{fraction(1), fraction(64, 100), fraction(8'000'000, 17'578'125)});
    // The chain's report says the Series A creates the pool, and not the Series B.
    std::ostringstream first, second;
    print_round_on_cap_table(first, history.rounds()[0]);
    print_round_on_cap_table(second, history.rounds()[1]);
    CHECK(first.str().find("The round creates option pool \"2027 Plan\" (Common): 1,250,000 shares") != std::string::npos);
    CHECK(second.str().find("creates option pool") == std::string::npos);
}

// Our example, seed -> Series A -> Series B; figures checked by an independent exact
// computation (Python fractions) of the same closed forms and roundings:
// seed $2M on $8M pre, 10% pool in the pre-money; A $9M + $1M (the seed fund again) on $30M pre,
// 15% pool in the pre-money; B $30M on $120M pre, 15% pool in the post-money. Prices to $0.0001.
TEST_CASE("a chain of rounds: seed -> A -> B, shares and ownership after each round") {
    const auto priced = [](priced_round_terms t) { return t.price_rounded(4, rounding::half_even); };
    const round_chain_result history =
        round_chain(founding())
            .then(cap_table_round(priced(priced_round_terms("Seed").pre_money(8_M).invest("seed", 2_M).option_pool(
                                      fraction(1, 10), pool_placement::pre_money)),
                                  "Seed Preferred")
                      .add_investor(holder::investor("seed", "Seed Fund"))
                      .top_up_pool("Plan"))
            .then(cap_table_round(priced(priced_round_terms("Series A")
                                             .pre_money(30_M)
                                             .invest("lead-a", 9_M)
                                             .invest("seed", 1_M)
                                             .option_pool(fraction(15, 100), pool_placement::pre_money)),
                                  "Series A Preferred")
                      .add_investor(holder::investor("lead-a", "Lead A"))
                      .top_up_pool("Plan"))
            .then(cap_table_round(priced(priced_round_terms("Series B").pre_money(120_M).invest("growth", 30_M).option_pool(
                                      fraction(15, 100), pool_placement::post_money)),
                                  "Series B Preferred")
                      .add_investor(holder::investor("growth", "Growth Fund"))
                      .top_up_pool("Plan"))
            .run();
    REQUIRE(history.rounds().size() == 3);
    const auto& seed = history.rounds()[0].pricing();
    CHECK(seed.price_units() == fraction(3889, 5));  // $0.7778 (exact $7/9)
    CHECK(seed.investment_of("seed").shares == sh(2'571'355));
    CHECK(seed.pool_increase() == sh(285'707));
    CHECK(seed.effective_pre_money(rounding::exact) == 7'000'200_usd);  // $0.7778 x (10M - 1M unallocated)
    const auto& a = history.rounds()[1].pricing();
    CHECK(a.price_units() == fraction(20741, 10));  // $2.0741
    CHECK(a.investment_of("lead-a").shares == sh(4'339'231));
    CHECK(a.investment_of("seed").shares == sh(482'136));
    CHECK(a.pool_increase() == sh(1'607'127));
    const auto& b = history.rounds()[2].pricing();
    CHECK(b.price_units() == fraction(62223, 10));  // $6.2223
    CHECK(b.investment_of("growth").shares == sh(4'821'368));
    CHECK(b.pool_increase() == sh(850'829));
    CHECK(history.totals() == std::vector<share_count>{sh(10'000'000), sh(12'857'062), sh(19'285'556), sh(24'957'753)});

    CHECK(history.shares_history(holder_id("seed")) == std::vector<share_count>{sh(0), sh(2'571'355), sh(3'053'491), sh(3'053'491)});
    CHECK(history.ownership_history(holder_id("ada")) ==
          std::vector<fraction>{fraction(3, 5), fraction(3'000'000, 6'428'531), fraction(1'500'000, 4'821'389),
                                fraction(2'000'000, 8'319'251)});
    CHECK(history.rounds()[0].change_of(holder_id("ada")).dilution() == fraction(1'428'531, 6'428'531));
    CHECK(history.rounds()[1].change_of(holder_id("ada")).dilution() == fraction(3'214'247, 9'642'778));
    CHECK(history.rounds()[2].change_of(holder_id("ada")).dilution() == fraction(5'672'197, 24'957'753));
    // The seed fund's follow-on in A did not stop its dilution, and grew its share count.
    CHECK(history.rounds()[1].change_of(holder_id("seed")).dilution() > fraction(0));
    // Every table: FD counts add up to the pricing's post-money count, ownership sums to 1.
    for (const round_on_cap_table& r : history.rounds()) {
        CHECK(r.after().fully_diluted().total() == r.pricing().post_money_shares());
        CHECK(r.before().fully_diluted().total() == r.pricing().pre_round().fully_diluted);
        CHECK(total_ownership(r.after()) == fraction(1));
        fraction sum = r.pool_ownership_after();
        for (const holder_change& h : r.holders()) sum += h.ownership_after;
        CHECK(sum == fraction(1));
    }
    CHECK_THROWS_AS((void)history.shares_history(holder_id("nobody")), invalid_argument_error);
}

TEST_CASE("a chain stops at the first round that does not apply, naming it") {
    try {
        (void)round_chain(founding())
            .then(cap_table_round(priced_round_terms("Seed").pre_money(8_M).invest("seed", 2_M), "Seed Preferred")
                      .add_investor(holder::investor("seed", "Seed Fund")))
            .then(cap_table_round(priced_round_terms("A").pre_money(30_M).invest("seed", 1_M), "Seed Preferred"))
            .run();
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string() == "rounds[1].series");
        CHECK(e.problems()[0].field.json_pointer() == "/rounds/1/series");
    }
    // A problem of a later round's terms: under rounds[i].terms.
    try {
        (void)round_chain(founding())
            .then(cap_table_round(priced_round_terms("Seed").pre_money(8_M).invest("seed", 2_M), "Seed Preferred")
                      .add_investor(holder::investor("seed", "Seed Fund")))
            .then(cap_table_round(priced_round_terms("A").pre_money(30_M).invest("seed", 0_usd), "Series A"))
            .run();
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0] == diagnostic{field_path("rounds").index(1).member("terms").member("investors").index(0).member("amount"),
                                            "$0.00", "must be positive"});
        CHECK(e.problems()[0].field.to_string() == "rounds[1].terms.investors[0].amount");
        CHECK(e.problems()[0].field.json_pointer() == "/rounds/1/terms/investors/0/amount");
    }
}

TEST_CASE("pre_round_shares_of equals the table's fully diluted count on every basis") {
    // Preferred converting at 3/2 (floor per holding), grants and warrants of several classes.
    const cap_table t =
        cap_table_builder()
            .add(holder::founder("ada", "Ada"))
            .add(holder::investor("vc", "Fund"))
            .add(holder::employee("eve", "Eve"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(1_usd, sh(1))).with_conversion_ratio(fraction(3, 2)))
            .add(option_pool{"Plan", "Common", sh(1'000'001)})
            .add(option_pool{"Pref plan", "Series A", sh(11)})
            .holding(holder_id("ada"), "Common", sh(5'000'000))
            .holding(holder_id("vc"), "Series A", sh(1'000'001))
            .holding(holder_id("ada"), "Series A", sh(3))
            .grant({holder_id("eve"), "Plan", sh(250'000), strike()})
            .grant({holder_id("eve"), "Pref plan", sh(5), strike()})
            .add(warrant{holder_id("vc"), "Series A", sh(7), strike()})
            .build();
    for (const fully_diluted_basis& b :
         {fully_diluted_basis::full(), fully_diluted_basis::outstanding(), fully_diluted_basis::issued_and_granted(),
          fully_diluted_basis{false, true, true, false}}) {
        const pre_round_shares base = pre_round_shares_of(t, b);
        const fully_diluted_counts c = t.fully_diluted(b);
        CHECK(base.fully_diluted == c.total());
        CHECK(base.unallocated_pool == c.unallocated_pool());
        CHECK(base.definition == b.to_string());
    }
}

// Review regression: a holder given to add_investor() that invests nothing used to be added to
// the table silently, with no shares.
TEST_CASE("a new investor that does not invest in the round is reported, not added") {
    const auto problems = cap_table_round(priced_round_terms("A").pre_money(8_M).invest("ada", 2_M), "Series A")
                              .add_investor(holder::investor("idle", "Idle Fund"))
                              .validate(venture_hacks_company());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message() ==
          "new_investors[0].id = \"idle\": does not invest in the round: add only the round's investors");
}

// Review property: random cap tables (holders, common, an option pool partly granted, warrants)
// and random rounds on them (new and existing investors, a pool target in the pre-money or none,
// exact or $0.0001 prices): the pricing's T is the table's fully diluted count after the round;
// holders' and pools' counts and the classes' add up to it; ownership sums to exactly 1; each
// holder gains exactly the shares it bought; cost + cash not converted = amount, with less than
// one share's price not converted; the pool reaches its target with the fewest whole shares; and
// with an exact price the post-money is price x T within one share per investor plus one pool share.
TEST_CASE("property: a random round on a random cap table reconciles exactly") {
    fundround_test::lcg rng{20261202};
    int solved = 0;
    for (int trial = 0; trial < 300; ++trial) {
        CAPTURE(trial);
        const auto n_holders = static_cast<std::size_t>(1 + rng.next(5));
        cap_table_builder b;
        b.add(share_class::common("Common"));
        for (std::size_t i = 0; i < n_holders; ++i) {
            const std::string id = "h" + std::to_string(i);
            b.add(holder::founder(id, "Holder " + std::to_string(i)));
            b.holding(holder_id(id), "Common", sh(1 + static_cast<std::int64_t>(rng.next(10'000'000))));
        }
        const std::int64_t authorized = static_cast<std::int64_t>(rng.next(3'000'000));
        if (authorized > 0) {
            b.add(option_pool{"Plan", "Common", sh(authorized)});
            const std::int64_t granted = static_cast<std::int64_t>(rng.next(static_cast<std::uint64_t>(authorized) + 1));
            if (granted > 0) b.grant({holder_id("h0"), "Plan", sh(granted), strike()});
        }
        if (rng.next(2) == 0) b.add(warrant{holder_id("h0"), "Common", sh(1 + static_cast<std::int64_t>(rng.next(50'000))), strike()});
        const cap_table table = b.build();

        priced_round_terms terms("Series A");
        terms.pre_money(money::from_units(1'000'000 + static_cast<std::int64_t>(rng.next(50'000'000'000))));
        const auto k = static_cast<std::size_t>(1 + rng.next(3));
        std::vector<holder> added;
        for (std::size_t j = 0; j < k; ++j) {
            const bool existing = rng.next(3) == 0;
            const std::string id = existing ? "h" + std::to_string(rng.next(n_holders)) : "new" + std::to_string(j);
            bool repeated = false;
            for (const auto& inv : terms.investors()) repeated = repeated || inv.first == id;
            if (repeated) continue;
            terms.invest(id, money::from_units(1'000'000 + static_cast<std::int64_t>(rng.next(20'000'000'000))));
            if (!existing) added.push_back(holder::investor(id, "New Fund " + std::to_string(j)));
        }
        const bool pool = authorized > 0 && rng.next(3) != 0;
        fraction target;
        if (pool) {
            target = fraction(static_cast<std::int64_t>(rng.next(31)), 100);
            terms.option_pool(target, pool_placement::pre_money);
        }
        const bool rounded_price = rng.next(2) == 0;
        if (rounded_price) terms.price_rounded(4, rounding::half_even);
        cap_table_round r(terms, "Series A Preferred");
        for (const holder& h : added) r.add_investor(h);
        if (pool) r.top_up_pool("Plan");
        const cap_table_round_result result = r.try_apply_to(table);
        if (!result.ok()) {
            // Only a pool target that leaves nothing for the holders before, or an investment
            // below one share's price, may stop a round here.
            for (const diagnostic& d : result.problems) {
                CAPTURE(d.message());
                CHECK((d.field.to_string() == "terms.option_pool.target" ||
                       (d.field.starts_with(field_path("terms").member("investors")) && d.rule.find("buys no whole share") != std::string::npos)));
            }
            continue;
        }
        ++solved;
        const round_on_cap_table& on = *result.round;
        const priced_round& p = on.pricing();
        {
            // The table after is issued into the built table (its indexes merged, only what is
            // new validated): it equals the table a builder makes from scratch with the same
            // changes, and its indexes find every holder.
            cap_table_builder rebuilt(table);
            for (const holder& h : added) rebuilt.add(h);
            rebuilt.add(share_class::preferred("Series A Preferred", p.price()));
            for (const priced_investment& i : p.investments()) rebuilt.issue(holder_id(i.investor), "Series A Preferred", i.shares);
            if (p.pool_increase().value() > 0) rebuilt.increase_pool("Plan", p.pool_increase());
            const cap_table expected = rebuilt.build();
            CHECK(on.after() == expected);
            CHECK(on.after().fully_diluted() == expected.fully_diluted());
            for (std::size_t i = 0; i < expected.holders().size(); ++i) {
                CHECK(on.after().holder_index(expected.holders()[i].id()) == i);
            }
            CHECK(on.after().shares_of(holder_id(p.investments()[0].investor), "Series A Preferred") ==
                  p.investments()[0].shares);
        }
        const fully_diluted_counts before = on.before().fully_diluted();
        const fully_diluted_counts after = on.after().fully_diluted();
        CHECK(p.pre_round().fully_diluted == before.total());
        CHECK(p.post_money_shares() == after.total());
        share_count holders_and_pools, classes;
        for (const share_count s : after.by_holder()) holders_and_pools += s;
        for (const share_count s : after.by_pool()) holders_and_pools += s;
        for (const share_count s : after.by_class()) classes += s;
        CHECK(holders_and_pools == after.total());
        CHECK(classes == after.total());
        CHECK(after.issued() + after.granted_options() + after.unallocated_pool() + after.warrants() == after.total());
        fraction owned = on.pool_ownership_after();
        for (const holder_change& c : on.holders()) owned += c.ownership_after;
        CHECK(owned == fraction(1));
        CHECK(p.existing_ownership() + p.pool_increase_ownership() + p.new_money_ownership() == fraction(1));
        money paid = money::zero(table.currency());
        for (const priced_investment& i : p.investments()) {
            const holder_change& c = on.change_of(holder_id(i.investor));
            CHECK(c.after == c.before + i.shares);
            CHECK(i.cost + i.not_converted == i.amount);
            CHECK(i.shares.value() > 0);
            CHECK_FALSE(i.not_converted.is_negative());
            CHECK(fraction(i.not_converted.units()) < p.price_units() + fraction(1));  // < 1 share (+ cash rounding)
            paid += i.amount;
        }
        CHECK(paid == p.new_money());
        CHECK(on.after().issued_shares("Series A Preferred") == p.new_shares());
        if (pool && target.sign() > 0) {
            const fraction pool_after(p.pool_after().value(), p.post_money_shares().value());
            CHECK(pool_after >= target);
            if (p.pool_increase().value() > 0) {
                CHECK(fraction(p.pool_after().value() - 1, p.post_money_shares().value() - 1) < target);
            }
        } else {
            CHECK(p.pool_increase() == sh(0));
        }
        if (!rounded_price) {
            const fraction stated(p.stated_post_money()->units());
            const fraction gap = p.implied_post_money_units() - stated;
            const fraction bound = p.price_units() * fraction(static_cast<std::int64_t>(p.investments().size()) + 1);
            CHECK((gap.sign() < 0 ? -gap : gap) <= bound);
        }
    }
    CHECK(solved > 200);  // the property ran on real rounds, not only on rejected ones
}

// Review regression: a new investor whose name nearly duplicates a holder's ("Softbank " for
// "SoftBank") was reported only after pricing, as "cap table after the round: holders[3].name".
TEST_CASE("a new investor nearly duplicating a holder's name is reported up front, by its own field") {
    const cap_table t = cap_table_builder(venture_hacks_company()).add(holder::investor("sb", "SoftBank")).build();
    const auto problems = cap_table_round(priced_round_terms("A").pre_money(8_M).invest("sb2", 2_M).invest("x", 0_usd),
                                          "Series A")
                              .add_investor(holder::investor("sb2", "Softbank "))
                              .add_investor(holder::investor("x", "X"))
                              .validate(t);
    std::vector<std::string> fields;
    for (const auto& d : problems) fields.push_back(d.field.to_string());
    CHECK(fields == std::vector<std::string>{"terms.investors[1].amount", "new_investors[0].name"});
    CHECK(problems[1].rule ==
          "nearly duplicates holders[3] \"SoftBank\" (ids \"sb\" and \"sb2\"); use one holder, or declare the two distinct");
}

// Issue 10: a round is issued into the built table (no re-validation or re-sort of its
// holders), so the checks on new investors use the table's indexes. A holder added by one round
// is found by the next through the merged indexes: by id and by near-duplicate name.
TEST_CASE("a round on the table a round left: the merged indexes find the holders it added") {
    const round_on_cap_table seed =
        cap_table_round(priced_round_terms("Seed").pre_money(8_M).invest("sb", 2_M), "Seed Preferred")
            .add_investor(holder::investor("sb", "SoftBank"))
            .apply_to(venture_hacks_company());
    const cap_table& t = seed.after();
    REQUIRE(t.holder_index(holder_id("sb")) == std::size_t{3});
    const auto problems = cap_table_round(priced_round_terms("A").pre_money(20_M).invest("sb", 1_M).invest("sb2", 1_M)
                                              .invest("z1", 1_M).invest("z2", 1_M),
                                          "Series A Preferred")
                              .add_investor(holder::investor("sb", "SoftBank"))
                              .add_investor(holder::investor("sb2", "Soft Bank"))
                              .add_investor(holder::investor("z1", "Zeta"))
                              .add_investor(holder::investor("z1", "Zeta Two"))
                              .add_investor(holder::investor("", "Nobody"))
                              .validate(t);
    std::vector<std::string> messages;
    for (const auto& d : problems) messages.push_back(d.message());
    CHECK(messages == std::vector<std::string>{
                          "new_investors[0].id = \"sb\": is already on the cap table: invest with its id, do not add it again",
                          "new_investors[3].id = \"z1\": duplicates the id of new_investors[2]; a holder appears once",
                          "new_investors[4].id: must not be empty",
                          "new_investors[1].name = \"Soft Bank\": nearly duplicates holders[3] \"SoftBank\" (ids \"sb\" "
                          "and \"sb2\"); use one holder, or declare the two distinct",
                          "new_investors[4].id = \"\": does not invest in the round: add only the round's investors",
                          "terms.investors[3].name = \"z2\": is not a holder id on the cap table: add the investor with "
                          "add_investor()"});
    // Two new investors whose names nearly match each other (neither is on the table).
    const auto twins = cap_table_round(priced_round_terms("A").pre_money(20_M).invest("n1", 1_M).invest("n2", 1_M),
                                       "Series A Preferred")
                           .add_investor(holder::investor("n1", "Nova Fund"))
                           .add_investor(holder::investor("n2", "NOVA-FUND"))
                           .validate(t);
    REQUIRE(twins.size() == 1);
    CHECK(twins[0].message() ==
          "new_investors[1].name = \"NOVA-FUND\": nearly duplicates new_investors[0] \"Nova Fund\" (ids \"n1\" and "
          "\"n2\"); use one holder, or declare the two distinct");
    // And a valid second round applies, the seed investor buying again under its id.
    const round_on_cap_table a = cap_table_round(priced_round_terms("A").pre_money(20_M).invest("sb", 1_M).invest("n1", 4_M),
                                                 "Series A Preferred")
                                     .add_investor(holder::investor("n1", "Nova Fund"))
                                     .apply_to(t);
    CHECK(a.after().holder_index(holder_id("n1")) == std::size_t{4});
    CHECK(a.after().holders().size() == 5);
    CHECK(total_ownership(a.after()) == fraction(1));
}

// Issue 10 loose end: no test reached the problems of the table the round would leave, reported
// under `after` with the rule saying so. Two ways there: the new series' liquidation terms, and
// a raw share total that overflows 64 bits although every as-converted count fits.
TEST_CASE("problems of the table after the round are reported under `after`") {
    liquidation_terms negative;
    negative.multiple = fraction(-1);
    const auto bad_terms = cap_table_round(priced_round_terms("A").pre_money(8_M).invest("blue", 2_M), "Series A", negative)
                               .add_investor(holder::investor("blue", "Blue Shirt Capital"))
                               .try_apply_to(venture_hacks_company());
    REQUIRE_FALSE(bad_terms.ok());
    REQUIRE(bad_terms.problems.size() == 1);
    CHECK(bad_terms.problems[0].message() ==
          "after.classes[1].terms.multiple = -1: must not be negative (in the cap table after the round)");
    CHECK(bad_terms.problems[0].field.starts_with(field_path("after")));

    // 9 x 10^18 raw shares of a series converting 1:10 (9 x 10^17 as converted) at 1 unit a
    // share; the round issues 3 x 10^17 more: every as-converted count fits 64 bits, the raw
    // issued total (9.3 x 10^18) does not.
    const cap_table huge = cap_table_builder()
                               .add(holder::investor("old", "Old Fund"))
                               .add(share_class::preferred("Old Preferred", price_per_share(money::from_units(1), sh(1)))
                                        .with_conversion_ratio(fraction(1, 10)))
                               .holding(holder_id("old"), "Old Preferred", sh(9'000'000'000'000'000'000))
                               .build();
    const auto overflow = cap_table_round(priced_round_terms("B")
                                              .pre_money(money::from_units(900'000'000'000'000'000))
                                              .invest("new", money::from_units(300'000'000'000'000'000)),
                                          "Series B")
                              .add_investor(holder::investor("new", "New Fund"))
                              .try_apply_to(huge);
    REQUIRE_FALSE(overflow.ok());
    REQUIRE(overflow.problems.size() == 1);
    CHECK(overflow.problems[0].message() ==
          "after.holdings[1].shares = 300000000000000000: the total overflows 64 bits (in the cap table after the round)");
}

// Review regression: a round whose own share counts pass 64 bits made try_apply_to() (and
// round_chain::run()) throw overflow_error from the pricing instead of reporting it. 4 x 10^18
// common and a $1 pre-money: $2 buys 8 x 10^18 new shares, a post-money count of 1.2 x 10^19.
TEST_CASE("a round whose share counts overflow 64 bits is reported, not thrown") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("ada", "Ada"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("ada"), "Common", sh(4'000'000'000'000'000'000))
                            .build();
    const cap_table_round round =
        cap_table_round(priced_round_terms("A").pre_money(1_usd).invest("new", 2_usd), "Series A Preferred")
            .add_investor(holder::investor("new", "New Fund"));
    const cap_table_round_result r = round.try_apply_to(t);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field.to_string() == "terms");
    CHECK(r.problems[0].value == "4000000000000000000 shares before the round");
    CHECK(r.problems[0].rule.rfind("the round's share counts overflow 64 bits on this cap table: ", 0) == 0);
    CHECK_THROWS_AS((void)round.apply_to(t), validation_error);
    CHECK_THROWS_AS((void)round_chain(t).then(round).run(), validation_error);
    // $1 buys 4 x 10^18: 8 x 10^18 in all fits, and applies.
    const round_on_cap_table fits =
        cap_table_round(priced_round_terms("A").pre_money(1_usd).invest("new", 1_usd), "Series A Preferred")
            .add_investor(holder::investor("new", "New Fund"))
            .apply_to(t);
    CHECK(fits.after().fully_diluted().total() == sh(8'000'000'000'000'000'000));
}

// Regression (fifth session): a round whose exact price has terms that do not fit a
// price_per_share (the series' original issue price) made try_apply_to() throw overflow_error
// "price per share overflows 64 bits". 4 x 10^18 + 4 shares (one unallocated), $7,000B
// pre-money, $3,000B in, a 1/7 pool in the pre-money: P = 39 x 10^15 / (28 x 10^18 + 21) units
// a share, a denominator past 64 bits. Now a problem of the terms; rounded, the round applies.
TEST_CASE("an exact price that does not fit a price per share is a problem of the terms, not thrown") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("ada", "Ada"))
                            .add(share_class::common("Common"))
                            .add(option_pool{"Plan", "Common", sh(1)})
                            .holding(holder_id("ada"), "Common", sh(4'000'000'000'000'000'003))
                            .build();
    const auto round = [](bool rounded) {
        priced_round_terms terms = priced_round_terms("A").pre_money(7'000_B).invest("x", 3'000_B).option_pool(
            fraction(1, 7), pool_placement::pre_money);
        if (rounded) terms.price_rounded(12, rounding::half_even);
        return cap_table_round(terms, "Series A Preferred").add_investor(holder::investor("x", "X Fund")).top_up_pool("Plan");
    };
    const cap_table_round_result r = round(false).try_apply_to(t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problems ==
          std::vector<diagnostic>{{field_path("terms").member("price"), "39000000000000000/28000000000000000021 units per share",
                                   "does not fit a price per share (a 64-bit amount over a 64-bit share count), the new "
                                   "series' original issue price: name a price rounding (price_rounded)"}});
    CHECK_THROWS_AS((void)round(false).apply_to(t), validation_error);
    const round_on_cap_table ok = round(true).apply_to(t);
    CHECK(ok.pricing().price_units() == fraction(1'392'857, 1'000'000'000));  // $0.000001392857 a share
    CHECK(*ok.after().classes()[*ok.after().class_index("Series A Preferred")].original_issue_price() == ok.pricing().price());
}

// An amount in another currency than the table's is one problem, at its field, against the
// table's currency (it was reported twice: "like the rest" by the terms, then against the table).
// An amount in the table's currency after a first one that is not is no problem of its own.
TEST_CASE("an investor amount in another currency than the table's is reported once") {
    const cap_table t = founding();
    const auto round = [](money first, money second) {
        return cap_table_round(priced_round_terms("A").pre_money(8_M).invest("x", first).invest("y", second), "Series A Preferred")
            .add_investor(holder::investor("x", "X Fund"))
            .add_investor(holder::investor("y", "Y Fund"));
    };
    CHECK(round(1_M, 1_eur).validate(t) ==
          std::vector<diagnostic>{{field_path("terms").member("investors").index(1).member("amount"), "\u20ac1.00",
                                   "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"}});
    const std::vector<diagnostic> first = round(1_eur, 1_M).validate(t);
    std::vector<std::string> amounts;  // (the pre-money is compared with the first amount's currency: not pinned here)
    for (const diagnostic& d : first) {
        if (d.field.to_string().rfind("terms.investors", 0) == 0) amounts.push_back(d.message());
    }
    CHECK(amounts == std::vector<std::string>{"terms.investors[0].amount = \u20ac1.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"});
}

// $10 at $3.00 a share with the shares rounded rounding::exact: 10/3 shares is a problem of the
// round at terms.investors[0].shares, not an inexact_error escaping try_apply_to() (it was, naming
// `investors[0].shares` without the `terms.` its other problems carry).
TEST_CASE("an exact share rounding that meets a fractional share is a problem of the terms, not thrown") {
    const cap_table t = founding();
    const cap_table_round round =
        cap_table_round(priced_round_terms("A").at_price(price_per_share(3_usd, sh(1))).invest("new", 10_usd)
                            .shares_rounded(rounding::exact),
                        "Series A Preferred")
            .add_investor(holder::investor("new", "New Fund"));
    const cap_table_round_result r = round.try_apply_to(t);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problems == std::vector<diagnostic>{{field_path("terms").member("investors").index(0).member("shares"), "10/3",
                                                 "is not whole, and its rounding is rounding::exact"}});
    CHECK(round.validate(t) == r.problems);
    CHECK_THROWS_AS((void)round.apply_to(t), validation_error);
    // The priced round alone still throws inexact_error, with the same words.
    CHECK_THROWS_WITH_AS((void)round.terms().solve(pre_round_shares_of(t)),
                         "investors[0].shares = 10/3 is not whole, and its rounding is rounding::exact", inexact_error);
}

// Review property: three rounds in a row on tables whose holders have near-duplicate names
// (declared distinct), a preferred class converting 3:2, a pool with a grant and a warrant; some
// new investors' names nearly duplicate a holder's (or each other's), some existing holders buy
// in. A round is refused for a name exactly when validate_holders() refuses the table's holders
// plus the new ones, and a round that applies equals the builder's table from scratch (lists,
// fully diluted counts, lookups by id and by holder and class), ownership summing to exactly 1.
// The merged name index is exercised by the later rounds' name checks.
TEST_CASE("property: rounds issued into built tables with near-duplicate names equal tables built from scratch") {
    fundround_test::lcg rng{20261203};
    const char* names[] = {"Ada", "ADA", "ada ", "Bob", "B.o.b", "Cy", "cy", "Dee", "Dee-1", "dee1", "Eve", "E V E"};
    int applied = 0, refused_for_names = 0;
    int next_id = 0;
    for (int trial = 0; trial < 120; ++trial) {
        CAPTURE(trial);
        cap_table_builder b;
        b.add(share_class::common("Common"));
        b.add(share_class::preferred("Old Preferred", price_per_share(money::from_units(1500), sh(1)))
                  .with_conversion_ratio(fraction(3, 2)));
        const auto n = static_cast<std::size_t>(1 + rng.next(6));
        std::vector<holder> hs;
        for (std::size_t i = 0; i < n; ++i) {
            hs.push_back(holder::founder("h" + std::to_string(i), names[rng.next(12)]));
            b.add(hs.back());
            b.holding(hs.back().id(), rng.next(2) == 0 ? "Common" : "Old Preferred",
                      sh(1 + static_cast<std::int64_t>(rng.next(1'000'000))));
        }
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (holder_name_key(hs[i].name()) == holder_name_key(hs[j].name())) b.declare_distinct(hs[i].id(), hs[j].id());
            }
        }
        b.add(option_pool{"Plan", "Common", sh(100'000)});
        b.grant({hs[0].id(), "Plan", sh(1 + static_cast<std::int64_t>(rng.next(50'000))), strike()});
        b.add(warrant{hs[n - 1].id(), "Old Preferred", sh(1 + static_cast<std::int64_t>(rng.next(5'000))), strike()});
        cap_table table = b.build();
        for (int round = 0; round < 3; ++round) {
            CAPTURE(round);
            const std::string series = "Series " + std::to_string(round);
            priced_round_terms terms("R" + std::to_string(round));
            terms.pre_money(money::from_units(1'000'000'000 + static_cast<std::int64_t>(rng.next(1'000'000'000))));
            std::vector<holder> added;
            const auto k = 1 + rng.next(3);
            for (std::uint64_t j = 0; j < k; ++j) {
                const bool existing = rng.next(3) == 0;
                const std::string id =
                    existing ? table.holders()[rng.next(table.holders().size())].id().str() : "n" + std::to_string(next_id++);
                bool repeated = false;
                for (const auto& inv : terms.investors()) repeated = repeated || inv.first == id;
                if (repeated) continue;
                if (!existing) added.push_back(holder::investor(id, names[rng.next(12)]));
                terms.invest(id, money::from_units(1'000'000 + static_cast<std::int64_t>(rng.next(100'000'000))));
            }
            const bool pool = rng.next(2) == 0;
            if (pool) terms.option_pool(fraction(1, 10), pool_placement::pre_money);
            cap_table_round r(terms, series);
            for (const holder& h : added) r.add_investor(h);
            if (pool) r.top_up_pool("Plan");
            const cap_table_round_result res = r.try_apply_to(table);
            std::vector<holder> all = table.holders();
            all.insert(all.end(), added.begin(), added.end());
            const bool names_refused = !validate_holders(all, table.declared_distinct()).empty();
            if (!res.ok()) {
                bool for_names = false;
                for (const diagnostic& d : res.problems) {
                    CAPTURE(d.message());
                    const bool name = d.field.to_string().find(".name") != std::string::npos;
                    CHECK((name || d.field.to_string() == "terms.option_pool.target"));
                    for_names = for_names || name;
                }
                CHECK(for_names == names_refused);
                refused_for_names += for_names ? 1 : 0;
                break;
            }
            CHECK_FALSE(names_refused);
            ++applied;
            const priced_round& p = res.round->pricing();
            cap_table_builder scratch(table);
            for (const holder& h : added) scratch.add(h);
            scratch.add(share_class::preferred(series, p.price()));
            for (const priced_investment& i : p.investments()) scratch.issue(holder_id(i.investor), series, i.shares);
            if (p.pool_increase().value() > 0) scratch.increase_pool("Plan", p.pool_increase());
            const cap_table expected = scratch.build();
            const cap_table& got = res.round->after();
            CHECK(got == expected);
            CHECK(got.fully_diluted() == expected.fully_diluted());
            for (std::size_t i = 0; i < got.holders().size(); ++i) {
                const holder_id& id = got.holders()[i].id();
                CHECK(got.holder_index(id) == i);
                for (const share_class& c : got.classes()) CHECK(got.shares_of(id, c.name()) == expected.shares_of(id, c.name()));
            }
            fraction owned = res.round->pool_ownership_after();
            for (const holder_change& c : res.round->holders()) owned += c.ownership_after;
            CHECK(owned == fraction(1));
            table = got;
        }
    }
    CHECK(applied > 80);  // 97 with this seed
    CHECK(refused_for_names > 10);
}

}  // namespace test_cap_table_round
