// Secondary sales and tender offers: shares change hands at a price, no new shares and no new
// money; the price sets a mark (price x fully diluted shares on a named basis).
#include <fundround/company/secondary.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_secondary {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// The company of the reference round (shared/REFERENCE.md) with an ASSUMED capitalization: the
// report gives no share count, so 5,000,000,000 fully diluted shares are assumed here (4.5B
// common held by "existing holders", 0.5B unallocated pool).
cap_table reference_company() {
    return cap_table_builder()
        .add(holder(holder_id("existing"), "Existing holders", holder_kind::other))
        .add(holder::employee("emp", "Employees"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", sh(500'000'000)})
        .holding(holder_id("existing"), "Common", sh(4'400'000'000))
        .holding(holder_id("emp"), "Common", sh(100'000'000))
        .build();
}

cap_table small_company() {
    return cap_table_builder()
        .add(holder::founder("a", "Ada"))
        .add(holder::founder("b", "Bob"))
        .add(holder::employee("c", "Cy"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Seed", price_per_share(1_usd, sh(1))))
        .holding(holder_id("a"), "Common", sh(600))
        .holding(holder_id("b"), "Common", sh(300))
        .holding(holder_id("c"), "Common", sh(100))
        .build();
}

}  // namespace

TEST_CASE("secondary: the reference round's $500B prior mark was a secondary; step-up 1.46x") {
    // shared/REFERENCE.md: "The previous mark was a $500B valuation set by a secondary sale";
    // pre-money $730B, step-up 730/500 = 1.46x. On the assumed 5B fully diluted shares the
    // secondary's price is $100.00 and the round's $146.00: the step-up is the price ratio.
    const cap_table t = reference_company();
    const price_per_share secondary_price(500_B, sh(5'000'000'000));
    CHECK(secondary_price.to_string(2) == "$100.00");
    const secondary_result r = secondary_sale("October secondary", secondary_price)
                                   .new_buyer(holder::investor("buyer", "Secondary buyer"))
                                   .transfer(holder_id("existing"), holder_id("buyer"), "Common", sh(10'000'000))
                                   .try_apply(t);
    REQUIRE(r.ok());
    CHECK(r.consideration == std::vector<money>{1_B});
    CHECK(r.total_consideration == 1_B);
    const valuation_mark mark = implied_valuation(*r.after, secondary_price, fully_diluted_basis::full());
    CHECK(mark.value == 500_B);
    CHECK(mark.exact_units == fraction(500_B .units()));
    CHECK(mark.fully_diluted == sh(5'000'000'000));
    CHECK(mark == secondary_sale("again", secondary_price).mark(*r.after, fully_diluted_basis::full()));
    CHECK(mark != implied_valuation(*r.after, secondary_price, fully_diluted_basis::outstanding()));
    // No new shares: the fully diluted count and the pool are unchanged; only ownership moved.
    CHECK(r.after->fully_diluted().total() == t.fully_diluted().total());
    CHECK(r.after->ownership(holder_id("buyer")) == fraction(1, 500));
    CHECK(r.after->ownership(holder_id("existing")) == fraction(439, 500));
    const price_per_share round_price(730_B, sh(5'000'000'000));
    CHECK(round_price.to_string(2) == "$146.00");
    CHECK(round_price.units_per_share() / secondary_price.units_per_share() == fraction(73, 50));
    // A mark on another basis is another number, and says so.
    const valuation_mark outstanding = implied_valuation(t, secondary_price, fully_diluted_basis::outstanding());
    CHECK(outstanding.value == 450_B);
    CHECK(outstanding.basis.to_string() == "issued");
}

TEST_CASE("secondary: transfers apply in order, holdings merge, emptied holdings disappear") {
    const cap_table t = small_company();
    const cap_table after = secondary_sale("Founder liquidity", price_per_share(5_usd, sh(2)))
                                .new_buyer(holder::investor("f", "Fund"))
                                .transfer(holder_id("b"), holder_id("f"), "Common", sh(300))
                                .transfer(holder_id("f"), holder_id("a"), "Common", sh(50))
                                .transfer(holder_id("c"), holder_id("a"), "Common", sh(1))
                                .apply(t);
    CHECK(after.holdings() == std::vector<holding>{{holder_id("a"), "Common", sh(651)},
                                                   {holder_id("c"), "Common", sh(99)},
                                                   {holder_id("f"), "Common", sh(250)}});
    CHECK(after.holders().size() == 4);
    CHECK(after.fully_diluted().total() == sh(1'000));
}

TEST_CASE("secondary: consideration rounded per transfer by the named mode, and reconciles") {
    const cap_table t = small_company();
    // $1/3 per share: 100 shares cost $33.333... -> $33.333 (a mill) half away from zero.
    const price_per_share third(1_usd, sh(3));
    const secondary_result r = secondary_sale("s", third)
                                   .transfer(holder_id("a"), holder_id("b"), "Common", sh(100))
                                   .transfer(holder_id("a"), holder_id("c"), "Common", sh(200))
                                   .try_apply(t);
    REQUIRE(r.ok());
    CHECK(r.consideration == std::vector<money>{money::from_units(33'333), money::from_units(66'667)});
    CHECK(r.total_consideration == money::from_units(100'000));
    const secondary_result down = secondary_sale("s", third)
                                      .consideration_rounding(rounding::floor)
                                      .transfer(holder_id("a"), holder_id("c"), "Common", sh(200))
                                      .try_apply(t);
    CHECK(down.consideration == std::vector<money>{money::from_units(66'666)});
}

TEST_CASE("secondary: every problem at once") {
    const cap_table t = small_company();
    const secondary_result r = secondary_sale("bad", price_per_share(1_eur, sh(1)))
                                   .new_buyer(holder::investor("z", "ADA"))
                                   .transfer(holder_id("ghost"), holder_id("a"), "Common", sh(1))
                                   .transfer(holder_id("a"), holder_id("nobody"), "Series Q", sh(0))
                                   .transfer(holder_id("a"), holder_id("a"), "Common", sh(1))
                                   .transfer(holder_id("b"), holder_id("z"), "Common", sh(200))
                                   .transfer(holder_id("b"), holder_id("z"), "Common", sh(101))
                                   .transfer(holder_id("c"), holder_id("z"), "Seed", sh(1))
                                   .try_apply(t);
    CHECK_FALSE(r.ok());
    CHECK(r.consideration.empty());
    const std::vector<diagnostic> expected{
        {field_path("price"), "€1.0000", "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"},
        {field_path("new_buyers").index(0).member("name"), "\"ADA\"",
         "nearly duplicates holders[0] \"Ada\" (ids \"a\" and \"z\"); use one holder, or declare the two distinct"},
        {field_path("transfers").index(0).member("seller"), "\"ghost\"", "is not a holder on the cap table"},
        {field_path("transfers").index(1).member("buyer"), "\"nobody\"", "is neither on the cap table nor a new buyer of the sale"},
        {field_path("transfers").index(1).member("share_class"), "\"Series Q\"", "is not a share class on the cap table"},
        {field_path("transfers").index(1).member("shares"), "0", "must be positive"},
        {field_path("transfers").index(2).member("buyer"), "\"a\"", "is the seller; a holder cannot sell to itself"},
        {field_path("transfers").index(4).member("shares"), "101", "more than the 100 shares of \"Common\" \"b\" holds at this point"},
        {field_path("transfers").index(5).member("shares"), "1", "more than the 0 shares of \"Seed\" \"c\" holds at this point"},
    };
    REQUIRE(r.problems.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CAPTURE(r.problems[i].message());
        CHECK(r.problems[i] == expected[i]);
    }
    CHECK_THROWS_AS((void)secondary_sale("none", price_per_share(1_usd, sh(1))).apply(t), validation_error);
    CHECK(secondary_sale("none", price_per_share(1_usd, sh(1))).validate(t) ==
          std::vector<diagnostic>{{field_path("transfers"), "", "at least one transfer is required"}});
}

// Regression (fifth session): a consideration that did not fit 64 bits escaped try_apply() as a
// bare overflow_error ("money multiplication by a fraction overflows ..."), naming no transfer
// and losing the other problems (here transfer 1's sale to itself); a sum of considerations that
// overflowed, the same. Both are now problems of the sale, with the others; the tender, which
// applies through the same sale, names its tender.
TEST_CASE("secondary: a consideration or a total that overflows the amount range is a problem, with the others") {
    const std::int64_t big = 4'000'000'000'000'000'000;
    const cap_table t = cap_table_builder()
                            .add(holder::founder("a", "Ada"))
                            .add(holder::founder("b", "Bob"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("a"), "Common", sh(big))
                            .holding(holder_id("b"), "Common", sh(big))
                            .build();
    const std::string most = "($9,223,372,036,854,775.807 at most)";
    const secondary_result one = secondary_sale("s", price_per_share(1'000_usd, sh(1)))
                                     .transfer(holder_id("a"), holder_id("b"), "Common", sh(big))
                                     .transfer(holder_id("b"), holder_id("b"), "Common", sh(1))
                                     .try_apply(t);
    CHECK_FALSE(one.ok());
    CHECK(one.consideration.empty());
    CHECK(one.total_consideration == 0_usd);
    CHECK(one.problems ==
          std::vector<diagnostic>{
              {field_path("transfers").index(0).member("shares"), "4000000000000000000",
               "at $1,000.0000 a share the consideration overflows the amount range " + most},
              {field_path("transfers").index(1).member("buyer"), "\"b\"", "is the seller; a holder cannot sell to itself"}});
    // Each consideration fits ($4e15 at $1.00), their sum does not: named once, at the transfer that overflows it.
    const secondary_result sum = secondary_sale("s", price_per_share(1_usd, sh(1)))
                                     .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                                     .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                                     .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                                     .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                                     .try_apply(t);
    CHECK(sum.problems == std::vector<diagnostic>{{field_path("transfers"), "",
                                                   "the total consideration overflows the amount range " + most +
                                                       " with transfers[2].shares"}});
    CHECK_THROWS_AS((void)secondary_sale("s", price_per_share(1_usd, sh(1)))
                        .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                        .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                        .transfer(holder_id("a"), holder_id("b"), "Common", sh(big / 1000))
                        .apply(t),
                    validation_error);
    const tender_result tender = tender_offer("T", holder_id("b"), "Common", price_per_share(1'000_usd, sh(1)), sh(big))
                                     .tender(holder_id("a"), sh(big))
                                     .try_apply(t);
    CHECK(tender.sale.problems ==
          std::vector<diagnostic>{{field_path("tenders").index(0).member("shares"), "4000000000000000000",
                                   "at $1,000.0000 a share the consideration overflows the amount range " + most}});
}

// Regression (fifth session): a mark that did not fit the amount range threw "money
// multiplication by a fraction overflows the 64-bit amount range", naming neither the price, the
// count nor the basis. 8 x 10^18 shares at $1,000.00 is $8 x 10^21, above the largest amount.
TEST_CASE("secondary: a mark that overflows the amount range names the price, the count and the basis") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("a", "Ada"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("a"), "Common", sh(8'000'000'000'000'000'000))
                            .build();
    const price_per_share price(1'000_usd, sh(1));
    CHECK_THROWS_WITH_AS((void)implied_valuation(t, price, fully_diluted_basis::full()),
                         "implied_valuation: $1,000.0000 a share x 8000000000000000000 shares on basis "
                         "\"issued + granted options + unallocated pool + warrants\" overflows the amount range "
                         "($9,223,372,036,854,775.807 at most)",
                         overflow_error);
    CHECK_THROWS_AS((void)secondary_sale("s", price).mark(t, fully_diluted_basis::full()), overflow_error);
    // At $0.001 a share it fits: $8 x 10^15.
    CHECK(implied_valuation(t, price_per_share(1_usd, sh(1'000)), fully_diluted_basis::full()).value ==
          money::from_units(8'000'000'000'000'000'000));
}

// Regression: under rounding::exact a consideration that is not a whole money unit made
// try_apply() throw a bare inexact_error ("result is not exact and rounding::exact was
// requested"), naming no transfer and losing the other problems; it is a problem of the
// transfer, reported with the others. implied_valuation() names its figures likewise.
TEST_CASE("secondary: under rounding::exact a consideration that is not whole is a problem of its transfer") {
    const cap_table t = small_company();
    const price_per_share third(1_usd, sh(3));
    const secondary_result r = secondary_sale("s", third)
                                   .consideration_rounding(rounding::exact)
                                   .transfer(holder_id("a"), holder_id("b"), "Common", sh(1))
                                   .transfer(holder_id("a"), holder_id("c"), "Common", sh(3))
                                   .transfer(holder_id("a"), holder_id("zed"), "Common", sh(1))
                                   .try_apply(t);
    CHECK_FALSE(r.ok());
    std::vector<std::string> messages;
    for (const diagnostic& d : r.problems) messages.push_back(d.message());
    CHECK(messages == std::vector<std::string>{
                          "transfers[0].shares = 1: at $0.3333 a share the consideration is 1000/3 money units "
                          "(thousandths), not whole, and the consideration rounding is rounding::exact",
                          "transfers[2].buyer = \"zed\": is neither on the cap table nor a new buyer of the sale"});
    // 3 shares at $1/3 cost $1.000 exactly.
    const secondary_result whole = secondary_sale("s", third)
                                       .consideration_rounding(rounding::exact)
                                       .transfer(holder_id("a"), holder_id("c"), "Common", sh(3))
                                       .try_apply(t);
    REQUIRE(whole.ok());
    CHECK(whole.total_consideration == 1_usd);
    // 1,000 fully diluted shares at $1/3: 1,000,000/3 money units.
    CHECK_THROWS_WITH_AS((void)implied_valuation(t, third, fully_diluted_basis::full(), rounding::exact),
                         "implied_valuation: $0.3333 a share x 1000 shares on basis \"issued + granted options + "
                         "unallocated pool + warrants\" is 1000000/3 money units (thousandths), not whole, and the "
                         "rounding is rounding::exact",
                         inexact_error);
}

// Regression: a price below $0.00005 a share was written "€0.0000" in the diagnostics (a
// positive price shown as zero); it is written as display_string() shows it.
TEST_CASE("secondary: a tiny price is never written as 0.0000 in a problem") {
    const cap_table t = small_company();
    const price_per_share tiny(money::from_units(1, currency("EUR")), sh(100));  // EUR 0.00001
    const secondary_result r = secondary_sale("s", tiny).transfer(holder_id("a"), holder_id("b"), "Common", sh(1)).try_apply(t);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].value == tiny.display_string());
    CHECK(r.problems[0].value.find("0.000010") != std::string::npos);
    const tender_result tr = tender_offer("T", holder_id("b"), "Common", tiny, sh(1)).tender(holder_id("a"), sh(1)).try_apply(t);
    REQUIRE(tr.sale.problems.size() == 1);
    CHECK(tr.sale.problems[0].value == tiny.display_string());
}

// Review regression: a new buyer that bought nothing used to be added to the table silently.
TEST_CASE("secondary: a new buyer that buys nothing is reported, not added") {
    const cap_table t = small_company();
    const secondary_result r = secondary_sale("s", price_per_share(1_usd, sh(1)))
                                   .new_buyer(holder::investor("fund", "Growth Fund"))
                                   .new_buyer(holder::investor("idle", "Idle Fund"))
                                   .transfer(holder_id("b"), holder_id("fund"), "Common", sh(10))
                                   .try_apply(t);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message() ==
          "new_buyers[1].id = \"idle\": buys nothing in the sale: add only buyers of a transfer");
}

TEST_CASE("tender offer: undersubscribed, every tender is bought") {
    const cap_table t = small_company();
    const tender_result r = tender_offer("Tender", holder_id("f"), "Common", price_per_share(2_usd, sh(1)), sh(500))
                                .new_buyer(holder::investor("f", "Fund"))
                                .tender(holder_id("a"), sh(100))
                                .tender(holder_id("c"), sh(100))
                                .try_apply(t);
    REQUIRE(r.ok());
    CHECK_FALSE(r.oversubscribed);
    CHECK(r.tendered == sh(200));
    CHECK(r.accepted == std::vector<share_count>{sh(100), sh(100)});
    CHECK(r.sale.total_consideration == 400_usd);
    CHECK(r.sale.after->shares_of(holder_id("f"), "Common") == sh(200));
    CHECK(r.sale.after->shares_of(holder_id("c"), "Common") == sh(0));
}

TEST_CASE("tender offer: oversubscribed, cut back pro rata by largest remainder, summing to the maximum") {
    const cap_table t = small_company();
    // 100 shares bought of 300 + 200 + 100 = 600 tendered: 50, 33.3, 16.7 -> 50, 33, 17.
    const tender_result r = tender_offer("Tender", holder_id("f"), "Common", price_per_share(2_usd, sh(1)), sh(100))
                                .new_buyer(holder::investor("f", "Fund"))
                                .tender(holder_id("a"), sh(300))
                                .tender(holder_id("b"), sh(200))
                                .tender(holder_id("c"), sh(100))
                                .try_apply(t);
    REQUIRE(r.ok());
    CHECK(r.oversubscribed);
    CHECK(r.accepted == std::vector<share_count>{sh(50), sh(33), sh(17)});
    CHECK(r.sale.after->shares_of(holder_id("f"), "Common") == sh(100));
    CHECK(r.sale.total_consideration == 200_usd);
    // Property: over random tenders the accepted shares sum to min(maximum, tendered), none
    // exceeds its tender, and the fully diluted count never changes.
    fundround_test::lcg rng{77};
    for (int trial = 0; trial < 50; ++trial) {
        const auto maximum = static_cast<std::int64_t>(1 + rng.next(1'000));
        tender_offer offer("T", holder_id("f"), "Common", price_per_share(1_usd, sh(1)), sh(maximum));
        offer.new_buyer(holder::investor("f", "Fund"));
        const std::int64_t ta = static_cast<std::int64_t>(1 + rng.next(600));
        const std::int64_t tb = static_cast<std::int64_t>(1 + rng.next(300));
        const std::int64_t tc = static_cast<std::int64_t>(1 + rng.next(100));
        offer.tender(holder_id("a"), sh(ta)).tender(holder_id("b"), sh(tb)).tender(holder_id("c"), sh(tc));
        const tender_result x = offer.try_apply(t);
        REQUIRE(x.ok());
        const std::int64_t sum = x.accepted[0].value() + x.accepted[1].value() + x.accepted[2].value();
        CHECK(sum == std::min(maximum, ta + tb + tc));
        CHECK(x.accepted[0] <= sh(ta));
        CHECK(x.accepted[1] <= sh(tb));
        CHECK(x.accepted[2] <= sh(tc));
        CHECK(x.sale.after->fully_diluted().total() == sh(1'000));
    }
}

// TenderOffer.co, "Oversubscription and pro-rata allocation" (updated 28 February 2025,
// https://tenderoffer.pages.dev/guide/oversubscription-and-pro-rata), "A worked example": the
// offer can buy 10,000,000 shares; sellers tender 14,000,000; factor 10/14 = 0.7143; "a seller
// who tendered 1,000 shares is allocated 1,000 x 0.7143 = 714 shares; 286 shares remain". The
// other sellers (one holder of 20,000,000 tendering 13,999,000), the buyer and the $10.00 price
// are ours: their 9,999,285.71 takes the largest remainder, 9,999,286.
TEST_CASE("tender offer: TenderOffer.co's 10M of 14M tendered, the 1,000-share seller sells 714 and keeps 286") {
    const cap_table t = cap_table_builder()
                            .add(holder::employee("seller", "Seller"))
                            .add(holder(holder_id("others"), "Other sellers", holder_kind::other))
                            .add(share_class::common("Common"))
                            .holding(holder_id("seller"), "Common", sh(1'000))
                            .holding(holder_id("others"), "Common", sh(20'000'000))
                            .build();
    const tender_result r =
        tender_offer("Tender", holder_id("buyer"), "Common", price_per_share(10_usd, sh(1)), sh(10'000'000))
            .new_buyer(holder::investor("buyer", "Buyer"))
            .tender(holder_id("seller"), sh(1'000))
            .tender(holder_id("others"), sh(13'999'000))
            .try_apply(t);
    REQUIRE(r.ok());
    CHECK(r.oversubscribed);
    CHECK(r.tendered == sh(14'000'000));
    CHECK(r.accepted == std::vector<share_count>{sh(714), sh(9'999'286)});
    CHECK(r.sale.after->shares_of(holder_id("seller"), "Common") == sh(286));  // "286 shares remain"
    CHECK(r.sale.after->shares_of(holder_id("buyer"), "Common") == sh(10'000'000));
    CHECK(r.sale.total_consideration == 100_M);
}

// Capipedia, "Proration" (https://capipedia.com/doku.php?id=proration): Widget Corp offers to
// buy back 10% of its shares, 1,000,000, at $50 each; 2,000,000 are tendered; factor 50%; "if
// you tendered 200 shares ... Widget Corp will only purchase 100". A buyback by the company
// itself: the tender gives the pro-ration, and the company's shares bought are retired
// (cap_table_builder::remove), not held by a buyer, so 9,000,000 shares remain. The holders'
// split of the other 9,999,800 shares (one holder tendering 1,999,800) is ours.
TEST_CASE("tender offer: Capipedia's Widget Corp buys back 1M of 2M tendered at $50: 200 tendered, 100 bought") {
    const cap_table t = cap_table_builder()
                            .add(holder::investor("you", "You"))
                            .add(holder(holder_id("others"), "Other holders", holder_kind::other))
                            .add(share_class::common("Common"))
                            .holding(holder_id("you"), "Common", sh(200))
                            .holding(holder_id("others"), "Common", sh(9'999'800))
                            .build();
    CHECK(t.fully_diluted().total() == sh(10'000'000));  // 1,000,000 is "10% of its shares"
    const tender_result r =
        tender_offer("Widget buyback", holder_id("widget"), "Common", price_per_share(50_usd, sh(1)), sh(1'000'000))
            .new_buyer(holder(holder_id("widget"), "Widget Corp (treasury)", holder_kind::other))
            .tender(holder_id("you"), sh(200))
            .tender(holder_id("others"), sh(1'999'800))
            .try_apply(t);
    REQUIRE(r.ok());
    CHECK(r.accepted == std::vector<share_count>{sh(100), sh(999'900)});  // factor 1/2
    CHECK(r.sale.total_consideration == 50_M);
    const cap_table retired = cap_table_builder(t)
                                  .remove(holder_id("you"), "Common", r.accepted[0])
                                  .remove(holder_id("others"), "Common", r.accepted[1])
                                  .build();
    CHECK(retired.fully_diluted().total() == sh(9'000'000));
    CHECK(retired.shares_of(holder_id("you"), "Common") == sh(100));
    CHECK(retired.ownership(holder_id("you")) == fraction(1, 90'000));
}

TEST_CASE("tender offer: problems named by tender") {
    const cap_table t = small_company();
    const tender_result r = tender_offer("T", holder_id("f"), "Common", price_per_share(1_usd, sh(1)), sh(0))
                                .new_buyer(holder::investor("g", "Fund"))
                                .tender(holder_id("a"), sh(-1))
                                .try_apply(t);
    CHECK(r.sale.problems == std::vector<diagnostic>{{field_path("maximum"), "0", "must be positive"},
                                                     {field_path("new_buyer").member("id"), "\"g\"", "must be the offer's buyer \"f\""},
                                                     {field_path("tenders").index(0).member("shares"), "-1", "must be positive"}});
    const tender_result over = tender_offer("T", holder_id("b"), "Common", price_per_share(1_usd, sh(1)), sh(10))
                                   .tender(holder_id("a"), sh(400))
                                   .tender(holder_id("a"), sh(201))
                                   .tender(holder_id("ghost"), sh(5))
                                   .tender(holder_id("b"), sh(5))
                                   .try_apply(t);
    CHECK(over.sale.problems ==
          std::vector<diagnostic>{
              {field_path("tenders").index(1).member("shares"), "201", "more than the 200 shares of \"Common\" \"a\" holds and has not tendered"},
              {field_path("tenders").index(2).member("seller"), "\"ghost\"", "is not a holder on the cap table"},
              {field_path("tenders").index(3).member("seller"), "\"b\"", "is the offer's buyer; a holder cannot sell to itself"}});
    const tender_result unknown = tender_offer("T", holder_id("x"), "Pref", price_per_share(1_usd, sh(1)), sh(10))
                                      .tender(holder_id("a"), sh(5))
                                      .try_apply(t);
    CHECK(unknown.sale.problems ==
          std::vector<diagnostic>{{field_path("buyer"), "\"x\"", "is not on the cap table; add it with new_buyer()"},
                                  {field_path("share_class"), "\"Pref\"", "is not a share class on the cap table"}});
    const tender_result near = tender_offer("T", holder_id("x"), "Common", price_per_share(1_usd, sh(1)), sh(10))
                                   .new_buyer(holder::investor("x", "Bob."))
                                   .tender(holder_id("a"), sh(5))
                                   .try_apply(t);
    REQUIRE(near.sale.problems.size() == 1);
    CHECK(near.sale.problems[0].field.to_string() == "new_buyer.name");
    // The one new buyer is a member, not a list entry: no index in its path.
    CHECK(near.sale.problems[0].field == field_path("new_buyer").member("name"));
    CHECK(near.sale.problems[0].field.json_pointer() == "/new_buyer/name");
}

// Regression: a tender's price in another currency was reported only when the tender had no
// other problem (the secondary it amounts to checked it, and ran last): with a maximum of 0 it
// was missing. Every problem at once.
// Regression: after a tender for more than the holder holds, the holder's later tenders were
// measured against 0 ("more than the 0 shares of \"Common\" \"a\" holds and has not tendered",
// false: Ada holds 600 and no valid tender took any); the tender too large is the one problem.
TEST_CASE("tender offer: a tender too large does not make the holder's next tender a problem") {
    const cap_table t = small_company();
    const tender_result r = tender_offer("T", holder_id("b"), "Common", price_per_share(1_usd, sh(1)), sh(10))
                                .tender(holder_id("a"), sh(700))
                                .tender(holder_id("a"), sh(100))
                                .tender(holder_id("a"), sh(501))
                                .try_apply(t);
    CHECK(r.sale.problems ==
          std::vector<diagnostic>{
              {field_path("tenders").index(0).member("shares"), "700", "more than the 600 shares of \"Common\" \"a\" holds and has not tendered"},
              {field_path("tenders").index(2).member("shares"), "501", "more than the 500 shares of \"Common\" \"a\" holds and has not tendered"}});
}

// Regression: shares tendered past 64 bits were reported at every later tender ("the shares
// tendered overflow 64 bits" twice for three tenders), naming none; once, at the tender.
TEST_CASE("tender offer: shares tendered past 64 bits are one problem, naming the tender") {
    const cap_table t = small_company();
    const share_count most(std::numeric_limits<std::int64_t>::max());
    const tender_result r = tender_offer("T", holder_id("b"), "Common", price_per_share(1_usd, sh(1)), sh(10))
                                .tender(holder_id("x"), most)
                                .tender(holder_id("y"), most)
                                .tender(holder_id("z"), most)
                                .try_apply(t);
    std::vector<std::string> messages;
    for (const diagnostic& d : r.sale.problems) messages.push_back(d.message());
    CHECK(messages == std::vector<std::string>{"tenders[0].seller = \"x\": is not a holder on the cap table",
                                               "tenders[1].seller = \"y\": is not a holder on the cap table",
                                               "tenders: the shares tendered overflow 64 bits at tenders[1].shares",
                                               "tenders[2].seller = \"z\": is not a holder on the cap table"});
}

TEST_CASE("tender offer: a price in another currency is reported with the other problems") {
    const cap_table t = small_company();
    const tender_result r = tender_offer("T", holder_id("b"), "Common", price_per_share(1_eur, sh(1)), sh(0))
                                .tender(holder_id("a"), sh(10))
                                .try_apply(t);
    CHECK(r.sale.problems == std::vector<diagnostic>{{field_path("maximum"), "0", "must be positive"},
                                                     {field_path("price"), "€1.0000", "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"}});
    // Alone, once (not again by the secondary).
    const tender_result alone = tender_offer("T", holder_id("b"), "Common", price_per_share(1_eur, sh(1)), sh(10))
                                    .tender(holder_id("a"), sh(10))
                                    .try_apply(t);
    CHECK(alone.sale.problems ==
          std::vector<diagnostic>{{field_path("price"), "€1.0000", "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"}});
}

TEST_CASE("secondary property: no new shares; class totals, the fully diluted count and 1 are kept") {
    fundround_test::lcg rng{9001};
    for (int trial = 0; trial < 30; ++trial) {
        cap_table_builder b;
        b.add(share_class::common("Common")).add(share_class::preferred("Pref", price_per_share(1_usd, sh(1))));
        const std::size_t n = 2 + static_cast<std::size_t>(rng.next(30));
        for (std::size_t i = 0; i < n; ++i) {
            const holder_id id("h" + std::to_string(i));
            b.add(holder(id, "Holder " + std::to_string(i)));
            b.holding(id, "Common", sh(static_cast<std::int64_t>(1 + rng.next(10'000))));
            if (rng.next(2) == 0) b.holding(id, "Pref", sh(static_cast<std::int64_t>(1 + rng.next(10'000))));
        }
        const cap_table before = b.build();
        secondary_sale sale("s", price_per_share(3_usd, sh(7)));
        sale.new_buyer(holder::investor("buyer", "Buyer"));
        // Each transfer sells part of what the seller holds at that point (tracked here).
        std::vector<std::int64_t> common(n);
        for (std::size_t i = 0; i < n; ++i) common[i] = before.shares_of(holder_id("h" + std::to_string(i)), "Common").value();
        for (int k = 0; k < 10; ++k) {
            const std::size_t from = static_cast<std::size_t>(rng.next(n));
            const std::size_t to = static_cast<std::size_t>(rng.next(n));
            if (from == to || common[from] == 0) continue;
            const auto s = static_cast<std::int64_t>(1 + rng.next(static_cast<std::uint64_t>(common[from])));
            const bool to_buyer = rng.next(3) == 0;
            sale.transfer(holder_id("h" + std::to_string(from)),
                          to_buyer ? holder_id("buyer") : holder_id("h" + std::to_string(to)), "Common", sh(s));
            common[from] -= s;
            if (!to_buyer) common[to] += s;
        }
        if (sale.transfers().empty()) continue;
        const secondary_result r = sale.try_apply(before);
        REQUIRE(r.ok());
        const cap_table& after = *r.after;
        CHECK(after.issued_shares("Common") == before.issued_shares("Common"));
        CHECK(after.issued_shares("Pref") == before.issued_shares("Pref"));
        const fully_diluted_counts fd = after.fully_diluted();
        CHECK(fd.total() == before.fully_diluted().total());
        fraction owned;
        for (std::size_t i = 0; i < after.holders().size(); ++i) owned += fd.holder_ownership(i);
        CHECK(owned == fraction(1));
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(after.shares_of(holder_id("h" + std::to_string(i)), "Common") == sh(common[i]));
        }
        // What the buyers paid equals the shares moved times the price, each rounded once.
        money paid = money::zero(currencies::usd);
        for (std::size_t k = 0; k < sale.transfers().size(); ++k) {
            CHECK(r.consideration[k] == sale.price().cost_of(sale.transfers()[k].shares, rounding::half_away_from_zero));
            paid += r.consideration[k];
        }
        CHECK(paid == r.total_consideration);
    }
}

TEST_CASE("secondary: a consideration or mark rounding outside the enumeration is refused by name") {
    // Regression: the consideration was rounded under it by truncation; implied_valuation named
    // "rounding", not its parameter.
    const cap_table t = reference_company();
    const price_per_share price(500_B, sh(5'000'000'000));
    const secondary_result r = secondary_sale("October secondary", price)
                                   .new_buyer(holder::investor("buyer", "Secondary buyer"))
                                   .transfer(holder_id("existing"), holder_id("buyer"), "Common", sh(10'000'000))
                                   .consideration_rounding(static_cast<rounding>(8))
                                   .try_apply(t);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message() == "consideration_rounding = 8: must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even");
    CHECK_THROWS_WITH_AS((void)implied_valuation(t, price, fully_diluted_basis::full(), static_cast<rounding>(-1)),
                         "mode = -1: must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even", invalid_argument_error);
}

}  // namespace test_secondary
