// Pro-rata rights: what each holder with the right may buy of N new shares to keep its fully
// diluted percentage, exact, with the share rounding named.
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/pro_rata.hpp>
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
namespace test_pro_rata {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// 1984.vc founders handbook, "Cap Table 101": two founders with 1M shares each and a seed
// investor with 500,000 shares bought at $4.00 ($2M at $8M pre-money): the investor owns 20%.
cap_table seed_table() {
    return cap_table_builder()
        .add(holder::founder("a", "Founder A"))
        .add(holder::founder("b", "Founder B"))
        .add(holder::investor("vc", "Seed VC"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Seed Preferred", price_per_share(8_M, sh(2'000'000))))
        .holding(holder_id("a"), "Common", sh(1'000'000))
        .holding(holder_id("b"), "Common", sh(1'000'000))
        .holding(holder_id("vc"), "Seed Preferred", sh(500'000))
        .build();
}

}  // namespace

TEST_CASE("pro rata: the seed investor's 20% of a Series A issuing 625,000 shares is 125,000") {
    // A pro-rata right (NVCA Investors' Rights Agreement, right of first offer) lets the holder buy
    // its percentage of the new securities: 1/5 x 625,000 = 125,000, exactly.
    const cap_table t = seed_table();
    const pro_rata_offer o = pro_rata_rights(t, {holder_id("vc")}, sh(625'000), fully_diluted_basis::full());
    CHECK(o.basis() == fully_diluted_basis::full());
    CHECK(o.total_before() == sh(2'500'000));
    CHECK(o.new_shares() == sh(625'000));
    CHECK(o.share_rounding() == rounding::floor);
    REQUIRE(o.entitlements().size() == 1);
    const pro_rata_entitlement& e = o.entitlements()[0];
    CHECK(e.holder == holder_id("vc"));
    CHECK(e.held == sh(500'000));
    CHECK(e.ownership == fraction(1, 5));
    CHECK(e.exact_shares == fraction(125'000));
    CHECK(e.shares == sh(125'000));
    CHECK(e == pro_rata_entitlement{holder_id("vc"), sh(500'000), fraction(1, 5), fraction(125'000), sh(125'000)});
    CHECK(o.total_entitled() == sh(125'000));
    CHECK(o.left_for_others() == sh(500'000));
    // Exercised, the investor keeps exactly 20%: (500,000 + 125,000) / 3,125,000.
    const cap_table after = cap_table_builder(t)
                                .add(holder::investor("new", "Series A Lead"))
                                .add(share_class::preferred("Series A Preferred", price_per_share(5_M, sh(625'000))))
                                .issue(holder_id("vc"), "Series A Preferred", e.shares)
                                .issue(holder_id("new"), "Series A Preferred", o.left_for_others())
                                .build();
    CHECK(after.ownership(holder_id("vc")) == fraction(1, 5));
    CHECK(after.ownership(holder_id("a")) == fraction(8, 25));  // the founders alone are diluted
}

TEST_CASE("pro rata: rounding is named; floor by default, never past the percentage") {
    const cap_table t = seed_table();
    // 1,001 new shares: founders 400.4 each, the investor 200.2.
    const std::vector<holder_id> all{holder_id("a"), holder_id("b"), holder_id("vc")};
    const pro_rata_offer down = pro_rata_rights(t, all, sh(1'001), fully_diluted_basis::full());
    CHECK(down.entitlements()[0].exact_shares == fraction(2'002, 5));
    CHECK(down.entitlements()[0].shares == sh(400));
    CHECK(down.entitlements()[2].shares == sh(200));
    CHECK(down.total_entitled() == sh(1'000));
    CHECK(down.left_for_others() == sh(1));
    const pro_rata_offer nearest = pro_rata_rights(t, {holder_id("vc")}, sh(1'003), fully_diluted_basis::full(),
                                                   rounding::half_even);
    CHECK(nearest.entitlements()[0].exact_shares == fraction(1'003, 5));
    CHECK(nearest.entitlements()[0].shares == sh(201));  // 200.6 -> 201
    // Rounding every holder up would issue more than the new shares: reported, not clamped.
    CHECK_THROWS_AS((void)pro_rata_rights(t, all, sh(1'001), fully_diluted_basis::full(), rounding::ceiling),
                    validation_error);
}

// Near the 64-bit limit, entitlements rounded up can total past new_shares and past the largest
// share count: that is the documented validation_error naming the mode, not a bare share count
// overflow (regression: the running total was a share_count, whose += threw overflow_error).
TEST_CASE("pro rata: rounded up near the 64-bit limit, the total past new_shares is a validation_error") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("a", "Ada")).add(holder::founder("b", "Bob")).add(holder::founder("c", "Cy"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("a"), "Common", sh(1))
                            .holding(holder_id("b"), "Common", sh(1))
                            .holding(holder_id("c"), "Common", sh(1))
                            .build();
    const std::vector<holder_id> all{holder_id("a"), holder_id("b"), holder_id("c")};
    const share_count n(std::numeric_limits<std::int64_t>::max());  // 3 x (n / 3 = 3,074,457,345,618,258,602 1/3)
    CHECK_THROWS_WITH_AS((void)pro_rata_rights(t, all, n, fully_diluted_basis::full(), rounding::ceiling),
                         "pro-rata rights: 1 problem\n  - mode = ceiling: the rounded entitlements total 9223372036854775809 shares, more "
                         "than the 9223372036854775807 new shares; round down (rounding::floor)",
                         validation_error);
    const pro_rata_offer down = pro_rata_rights(t, all, n, fully_diluted_basis::full());
    CHECK(down.entitlements()[2].shares == sh(3'074'457'345'618'258'602));
    CHECK(down.total_entitled() == sh(9'223'372'036'854'775'806));
    CHECK(down.left_for_others() == sh(1));
}

// rounding::exact: whole entitlements pass; one that is not whole is an inexact_error naming the
// holder and the figure, as a priced round names its inexact figure (was a bare "result is not
// exact" naming no one).
TEST_CASE("pro rata: rounding::exact names the holder whose entitlement is not whole") {
    const cap_table t = seed_table();
    const pro_rata_offer whole = pro_rata_rights(t, {holder_id("vc")}, sh(1'000), fully_diluted_basis::full(), rounding::exact);
    CHECK(whole.entitlements()[0].shares == sh(200));
    // A holder with no shares first (its 0 is whole), then the investor's 1/5 of 1,001.
    const cap_table with_lender = cap_table_builder(t).add(holder::investor("l", "Lender")).build();
    CHECK_THROWS_WITH_AS((void)pro_rata_rights(with_lender, {holder_id("l"), holder_id("vc")}, sh(1'001),
                                               fully_diluted_basis::full(), rounding::exact),
                         "with_right[1] = \"vc\": its pro-rata shares 1001/5 are not whole, and the rounding is rounding::exact",
                         inexact_error);
}

TEST_CASE("pro rata: the basis is a term; on issued shares only the percentage differs") {
    const cap_table t = cap_table_builder(seed_table())
                            .add(option_pool{"Plan", "Common", sh(500'000)})
                            .build();
    const pro_rata_offer full = pro_rata_rights(t, {holder_id("vc")}, sh(300'000), fully_diluted_basis::full());
    const pro_rata_offer issued = pro_rata_rights(t, {holder_id("vc")}, sh(300'000), fully_diluted_basis::outstanding());
    CHECK(full.entitlements()[0].ownership == fraction(1, 6));
    CHECK(full.entitlements()[0].shares == sh(50'000));
    CHECK(issued.entitlements()[0].ownership == fraction(1, 5));
    CHECK(issued.entitlements()[0].shares == sh(60'000));
}

TEST_CASE("pro rata: every problem at once") {
    const cap_table t = seed_table();
    try {
        (void)pro_rata_rights(t, {holder_id("vc"), holder_id("ghost"), holder_id("vc")}, sh(0),
                              fully_diluted_basis::full());
        FAIL("no validation_error");
    } catch (const validation_error& e) {
        CHECK(e.problems() == std::vector<diagnostic>{
                                  {field_path("new_shares"), "0", "must be positive"},
                                  {field_path("with_right").index(1), "\"ghost\"", "is not a holder on the cap table"},
                                  {field_path("with_right").index(2), "\"vc\"", "appears twice; list each holder once"}});
    }
}

TEST_CASE("pro rata property: exercised exactly, every holder with the right keeps its percentage") {
    fundround_test::lcg rng{4242};
    for (int trial = 0; trial < 30; ++trial) {
        cap_table_builder b;
        b.add(share_class::common("Common")).add(share_class::preferred("New", price_per_share(1_usd, sh(1))));
        const std::size_t n = 2 + static_cast<std::size_t>(rng.next(20));
        std::vector<holder_id> with_right;
        std::int64_t total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const holder_id id("h" + std::to_string(i));
            const auto s = static_cast<std::int64_t>(1 + rng.next(100'000));
            total += s;
            b.add(holder(id, "Holder " + std::to_string(i))).holding(id, "Common", sh(s));
            if (rng.next(2) == 0) with_right.push_back(id);
        }
        b.add(holder::investor("lead", "Lead"));
        // N a multiple of the total: every entitlement is a whole number of shares.
        const std::int64_t new_shares = total * static_cast<std::int64_t>(1 + rng.next(3));
        const cap_table before = b.build();
        const pro_rata_offer o = pro_rata_rights(before, with_right, sh(new_shares), fully_diluted_basis::full());
        cap_table_builder after(before);
        for (const pro_rata_entitlement& e : o.entitlements()) {
            CHECK(e.exact_shares == fraction(e.shares.value()));
            after.issue(e.holder, "New", e.shares);
        }
        if (o.left_for_others().value() > 0) after.issue(holder_id("lead"), "New", o.left_for_others());
        const cap_table t2 = after.build();
        CHECK(t2.fully_diluted().total() == sh(total + new_shares));
        for (const pro_rata_entitlement& e : o.entitlements()) {
            CHECK(t2.ownership(e.holder) == e.ownership);
            // The identity behind it: (F + N F / T) / (T + N) = F / T.
            CHECK((fraction(e.held.value()) + e.exact_shares) / fraction(total + new_shares) == e.ownership);
        }
    }
}

// Issue 10: "what each holder with the right may buy to keep its percentage, and the round with
// or without them exercising it". The 1984.vc seed table above (Cap Table 101: founders 1M + 1M,
// the seed VC 500,000 of 2.5M fully diluted, 20%), then a Series A of ours: $5M on a $20M
// pre-money, $8.00 a share = $20M / 2.5M, 625,000 new shares. The round's size is fixed: the
// lead takes what the seed VC does not. Figures by hand: the right is 1/5 x 625,000 = 125,000
// shares = $1M at $8.00; exercised, the VC holds 625,000 of 3,125,000 = 1/5 (kept) and the lead
// 500,000 = 4/25; not exercised, the VC holds 500,000 of 3,125,000 = 4/25 and the lead 1/5. The
// founders hold 1M of 3,125,000 = 8/25 each either way: the round dilutes them, not the choice.
TEST_CASE("pro rata in a priced round on the cap table: the round with and without the right exercised") {
    const cap_table t = seed_table();
    const auto series_a = [&](money vc, money lead) {
        priced_round_terms terms = priced_round_terms("Series A").pre_money(20_M);
        if (vc.units() > 0) terms.invest("vc", vc);
        terms.invest("lead", lead);
        return cap_table_round(terms, "Series A Preferred").add_investor(holder::investor("lead", "Series A Lead")).apply_to(t);
    };
    const round_on_cap_table without = series_a(0_usd, 5_M);
    CHECK(without.pricing().price_units() == fraction(8'000));  // $8.00
    const share_count n = without.pricing().post_money_shares() - without.pricing().pre_round().fully_diluted;
    CHECK(n == sh(625'000));
    const pro_rata_offer o = pro_rata_rights(t, {holder_id("vc")}, n, without.basis());
    const pro_rata_entitlement& e = o.entitlements()[0];
    CHECK(e.shares == sh(125'000));
    const money cost = without.pricing().price().cost_of(e.shares, rounding::ceiling);
    CHECK(cost == 1_M);

    const round_on_cap_table with = series_a(cost, 5_M - cost);
    CHECK(with.pricing().price_units() == fraction(8'000));  // same money, same price
    CHECK(with.pricing().investment_of("vc").shares == sh(125'000));
    CHECK(with.pricing().investment_of("lead").shares == sh(500'000));
    CHECK(with.after().fully_diluted().total() == sh(3'125'000));
    CHECK(with.change_of(holder_id("vc")).ownership_after == fraction(1, 5));  // kept exactly
    CHECK(with.change_of(holder_id("vc")).dilution() == fraction(0));
    CHECK(with.change_of(holder_id("lead")).ownership_after == fraction(4, 25));
    CHECK(without.after().fully_diluted().total() == sh(3'125'000));
    CHECK(without.change_of(holder_id("vc")).ownership_after == fraction(4, 25));
    CHECK(without.change_of(holder_id("vc")).dilution() == fraction(1, 5));  // 1 - (4/25) / (1/5)
    CHECK(without.change_of(holder_id("lead")).ownership_after == fraction(1, 5));
    for (const char* founder : {"a", "b"}) {
        CHECK(with.change_of(holder_id(founder)).ownership_after == fraction(8, 25));
        CHECK(without.change_of(holder_id(founder)).ownership_after == fraction(8, 25));
    }
}

// Merging Traffic, "What Investors Need to Know About Pro Rata Rights and Dilution" (5 July
// 2017, https://www.mergingtraffic.com/learn/pro-rata/): an angel owns 10% after the seed; the
// company raises $2,000,000 at a $4,000,000 pre-money ($6,000,000 post). Not exercising, the
// angel is diluted to 10% x 4/6 = 6.7% (exactly 1/15); exercising, it invests $200,000 (10% of
// the round) and keeps 10%. The share counts are ours: 900,000 common and the angel's 100,000,
// so the price is $4.00 and the round adds 500,000 shares.
TEST_CASE("pro rata: Merging Traffic's angel keeps 10% of a $2M round at a $4M pre-money for $200,000") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founder"))
                            .add(holder::investor("angel", "Angel"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("Seed Preferred", price_per_share(1_usd, sh(1))))
                            .holding(holder_id("f"), "Common", sh(900'000))
                            .holding(holder_id("angel"), "Seed Preferred", sh(100'000))
                            .build();
    const auto round = [&](money angel) {
        priced_round_terms terms = priced_round_terms("Series A").pre_money(4_M);
        if (angel.units() > 0) terms.invest("angel", angel);
        terms.invest("lead", 2_M - angel);
        return cap_table_round(terms, "Series A Preferred").add_investor(holder::investor("lead", "Lead")).apply_to(t);
    };
    const round_on_cap_table without = round(0_usd);
    CHECK(without.pricing().price_units() == fraction(4'000));  // $4.00
    const share_count n = without.pricing().post_money_shares() - without.pricing().pre_round().fully_diluted;
    CHECK(n == sh(500'000));
    CHECK(without.change_of(holder_id("angel")).ownership_after == fraction(1, 15));
    CHECK(without.change_of(holder_id("angel")).ownership_after.to_percent_string(1) == "6.7%");
    const pro_rata_entitlement e = pro_rata_rights(t, {holder_id("angel")}, n, without.basis()).entitlements()[0];
    CHECK(e.ownership == fraction(1, 10));
    CHECK(e.shares == sh(50'000));
    const money cost = without.pricing().price().cost_of(e.shares, rounding::ceiling);
    CHECK(cost == 200'000_usd);
    const round_on_cap_table with = round(cost);
    CHECK(with.pricing().investment_of("angel").shares == sh(50'000));
    CHECK(with.after().fully_diluted().total() == sh(1'500'000));
    CHECK(with.change_of(holder_id("angel")).ownership_after == fraction(1, 10));
}

// Calculator City, "Pro Rata Rights Calculator" (https://costcalculator.calculator.city/?p=49910),
// "Practical Example": an investor holds 100,000 of 1,000,000 shares outstanding (10%); the company
// raises a $5,000,000 Series A at a $20,000,000 pre-money. Pro-rata investment $5,000,000 x 10% =
// $500,000; new share price $20,000,000 / 1,000,000 = $20.00; shares to purchase $500,000 / $20.00
// = 25,000; investing it, the holder keeps 10% after the $5M round. The source gives every share
// count; only the split of the other 900,000 shares (one founder) is ours.
TEST_CASE("pro rata: Calculator City's 10% holder buys 25,000 shares at $20.00 for $500,000 in a $5M round") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founder"))
                            .add(holder::investor("inv", "Investor"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("f"), "Common", sh(900'000))
                            .holding(holder_id("inv"), "Common", sh(100'000))
                            .build();
    const auto round = [&](money exercised) {
        priced_round_terms terms = priced_round_terms("Series A").pre_money(20_M);
        if (exercised.units() > 0) terms.invest("inv", exercised);
        terms.invest("lead", 5_M - exercised);
        return cap_table_round(terms, "Series A Preferred").add_investor(holder::investor("lead", "Lead")).apply_to(t);
    };
    const round_on_cap_table without = round(0_usd);
    CHECK(without.pricing().price().to_string(2) == "$20.00");
    CHECK(without.pricing().price_units() == fraction(20'000));
    const share_count n = without.pricing().new_shares();
    CHECK(n == sh(250'000));
    CHECK(without.change_of(holder_id("inv")).ownership_after == fraction(2, 25));  // 8%: diluted
    const pro_rata_offer offer = pro_rata_rights(t, {holder_id("inv")}, n, without.basis());
    CHECK(offer.entitlements()[0].ownership == fraction(1, 10));
    CHECK(offer.entitlements()[0].exact_shares == fraction(25'000));
    CHECK(offer.entitlements()[0].shares == sh(25'000));
    CHECK(offer.left_for_others() == sh(225'000));
    const money cost = without.pricing().price().cost_of(offer.entitlements()[0].shares, rounding::exact);
    CHECK(cost == 500'000_usd);
    CHECK(cost == money::from_units(5_M .units() / 10));  // the source's 5,000,000 x 10%
    const round_on_cap_table with = round(cost);
    CHECK(with.pricing().investment_of("inv").shares == sh(25'000));
    CHECK(with.pricing().investment_of("inv").not_converted == 0_usd);
    CHECK(with.after().fully_diluted().total() == sh(1'250'000));
    CHECK(with.change_of(holder_id("inv")).after == sh(125'000));
    CHECK(with.change_of(holder_id("inv")).ownership_after == fraction(1, 10));
}

// Futureproof, "Pro Rata Rights" (https://www.runfutureproof.com/terms/pro-rata-rights), "Example":
// you own 10% after the Series A; the Series B is "$10M for 20% of company" (a $40M pre-money);
// "Without pro rata, your 10% dilutes to 8%. With pro rata (and $5M), you stay at 10%." The 8% is
// right; the $5M is not: it comes from the page's first formula, $10M x (10% / 20%), which is not a
// pro-rata amount. Its second formula, "New Round Size x Your Current Ownership %", gives the
// right figure: $10M x 10% = $1M, 10% of the round's new shares, bought as part of the $10M (the
// lead takes $9M). Investing $5M of the $10M would leave you 18%. The share counts are ours:
// 10,000,000 before the round, 1,000,000 of them yours, so the price is $4.00.
TEST_CASE("pro rata: Futureproof's 10% holder keeps 10% of a $10M-for-20% Series B for $1M (the page says $5M)") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founders"))
                            .add(holder::investor("you", "You"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("f"), "Common", sh(9'000'000))
                            .holding(holder_id("you"), "Common", sh(1'000'000))
                            .build();
    const auto series_b = [&](money yours) {
        priced_round_terms terms = priced_round_terms("Series B").pre_money(40_M);
        if (yours.units() > 0) terms.invest("you", yours);
        terms.invest("lead", 10_M - yours);
        return cap_table_round(terms, "Series B Preferred").add_investor(holder::investor("lead", "Lead")).apply_to(t);
    };
    const round_on_cap_table without = series_b(0_usd);
    CHECK(without.pricing().price_units() == fraction(4'000));  // $4.00
    CHECK(without.change_of(holder_id("lead")).ownership_after == fraction(1, 5));  // "$10M for 20%"
    CHECK(without.change_of(holder_id("you")).ownership_after == fraction(2, 25));  // "dilutes to 8%"
    const share_count n = without.pricing().post_money_shares() - without.pricing().pre_round().fully_diluted;
    CHECK(n == sh(2'500'000));
    const pro_rata_entitlement e = pro_rata_rights(t, {holder_id("you")}, n, without.basis()).entitlements()[0];
    CHECK(e.shares == sh(250'000));
    const money cost = without.pricing().price().cost_of(e.shares, rounding::ceiling);
    CHECK(cost == 1_M);  // $10M x 10%, not the page's $5M
    CHECK(series_b(cost).change_of(holder_id("you")).ownership_after == fraction(1, 10));  // "you stay at 10%"
    CHECK(series_b(5_M).change_of(holder_id("you")).ownership_after == fraction(9, 50));  // $5M: 18%
}

// HealthTech Investors newsletter, "What are pro rata rights?"
// (https://www.healthtechinvestors.com/newsletter/what-are-pro-rata-rights): you invest $100,000 at
// a $1,000,000 valuation, 100,000 shares at $1 of 1,000,000 (10%); the next round gives a new
// investor 10% for $200K at a $2M valuation (post-money: a $1.8M pre-money, $1.80 a share), "111k
// additional shares", 1.11M in all, "your ownership is 100,000/1,111,111 = 9.0%", worth "9.0% of
// 2M which is $180,000" (exactly 100,000 x $1.80; 9.0% is rounded). Pro-rata keeps the 10%: 10% of
// the round's 111,111 new shares, 11,111 for $19,999.80 inside the $200K (the page gives no
// figure for it). Only the founders' 900,000 shares are ours (the page's "remaining 90%").
TEST_CASE("pro rata: HealthTech Investors' 10% holder, diluted to 9.0% ($180,000) by a $200K round at $2M post") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founders"))
                            .add(holder::investor("you", "You"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("Seed Preferred", price_per_share(1_usd, sh(1))))
                            .holding(holder_id("f"), "Common", sh(900'000))
                            .holding(holder_id("you"), "Seed Preferred", sh(100'000))
                            .build();
    const auto next = [&](money yours) {
        priced_round_terms terms = priced_round_terms("Next round").post_money(2_M);
        if (yours.units() > 0) terms.invest("you", yours);
        terms.invest("a", 200'000_usd - yours);
        return cap_table_round(terms, "Series A Preferred").add_investor(holder::investor("a", "Investor A")).apply_to(t);
    };
    const round_on_cap_table without = next(0_usd);
    CHECK(without.pricing().price_units() == fraction(1'800));  // $1.80
    CHECK(without.pricing().new_shares() == sh(111'111));     // floor(111,111.1)
    CHECK(without.after().fully_diluted().total() == sh(1'111'111));
    CHECK(without.change_of(holder_id("you")).ownership_after == fraction(100'000, 1'111'111));
    CHECK(without.change_of(holder_id("you")).ownership_after.to_percent_string(1) == "9.0%");
    CHECK(without.pricing().price().cost_of(sh(100'000), rounding::exact) == 180'000_usd);
    const pro_rata_entitlement e =
        pro_rata_rights(t, {holder_id("you")}, without.pricing().new_shares(), without.basis()).entitlements()[0];
    CHECK(e.shares == sh(11'111));
    const money cost = without.pricing().price().cost_of(e.shares, rounding::ceiling);
    CHECK(cost == money::from_units(19'999'800));  // $19,999.80
    const round_on_cap_table with = next(cost);
    CHECK(with.change_of(holder_id("you")).after == sh(111'111));
    CHECK(with.change_of(holder_id("you")).ownership_after.to_percent_string(4) == "10.0000%");
}

// Vircon Legal, "Super pro-rata rights" (https://virconlegal.com/term/super-pro-rata-rights/):
// "A seed investor with 10% ownership and 2x super pro-rata can take up to 20% of the Series A
// round." A super pro-rata right of k x is k times the pro-rata entitlement (k x N x F / T); the
// page's "a USD 10M Series A with a seed investor exercising 2x super pro-rata might mean only
// USD 7M available to the lead" is not this investor's figure: 20% of $10M is $2M, leaving $8M
// ($7M would be a 15% holder's 2x). The share counts and the $40M pre-money are ours.
TEST_CASE("pro rata: Vircon's 10% seed investor with a 2x super pro-rata right takes 20% of a $10M Series A") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founders"))
                            .add(holder::investor("seed", "Seed Fund"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("f"), "Common", sh(9'000'000))
                            .holding(holder_id("seed"), "Common", sh(1'000'000))
                            .build();
    const auto series_a = [&](money seed) {
        priced_round_terms terms = priced_round_terms("Series A").pre_money(40_M);
        if (seed.units() > 0) terms.invest("seed", seed);
        terms.invest("lead", 10_M - seed);
        return cap_table_round(terms, "Series A Preferred").add_investor(holder::investor("lead", "Lead")).apply_to(t);
    };
    const round_on_cap_table without = series_a(0_usd);
    const share_count n = without.pricing().new_shares();
    const pro_rata_entitlement e = pro_rata_rights(t, {holder_id("seed")}, n, without.basis()).entitlements()[0];
    CHECK(e.ownership == fraction(1, 10));
    const share_count super = sh(2 * e.shares.value());  // 2x the entitlement
    CHECK(fraction(super.value(), n.value()) == fraction(1, 5));  // "20% of the Series A round"
    const money cost = without.pricing().price().cost_of(super, rounding::ceiling);
    CHECK(cost == 2_M);
    const round_on_cap_table with = series_a(cost);
    CHECK(with.pricing().investment_of("lead").amount == 8_M);  // left for the lead: $8M, not $7M
    CHECK(with.change_of(holder_id("seed")).ownership_after == fraction(3, 25));  // 12%: up from 10%
    CHECK(with.change_of(holder_id("lead")).ownership_after == fraction(4, 25));
}

// The same on random tables and rounds: the round priced from a pre-money (a pool target in the
// pre-money or none; the price exact or to $0.0001), every new fully diluted share it adds (N,
// pool increase included) offered pro rata; each holder with the right buys its entitlement
// (its cost rounded up, so the money buys every share of it), the lead the rest of the same new
// money. The price does not move; each holder exercising holds its shares plus exactly its
// entitlement; its percentage after is within (1 + |N' - N|) / T' of before, N' the shares the
// round adds when the right is exercised (investors' shares are rounded one by one) and T' the
// total after; without exercising it is strictly diluted.
TEST_CASE("pro rata property: a priced round with the rights exercised keeps each percentage within rounding") {
    fundround_test::lcg rng{20261203};
    int checked = 0;
    for (int trial = 0; trial < 40; ++trial) {
        cap_table_builder b;
        b.add(share_class::common("Common"));
        b.add(option_pool{"Plan", "Common", sh(static_cast<std::int64_t>(1 + rng.next(2'000'000)))});
        const std::size_t holders = 2 + static_cast<std::size_t>(rng.next(12));
        std::vector<holder_id> with_right;
        for (std::size_t i = 0; i < holders; ++i) {
            const holder_id id("h" + std::to_string(i));
            b.add(holder(id, "Holder " + std::to_string(i)))
                .holding(id, "Common", sh(static_cast<std::int64_t>(100'000 + rng.next(5'000'000))));
            if (rng.next(3) == 0) with_right.push_back(id);
        }
        if (with_right.empty()) with_right.push_back(holder_id("h0"));
        const cap_table before = b.build();
        const money pre = money::from_major(static_cast<std::int64_t>(1'000'000 + rng.next(100'000'000)));
        const money raised = money::from_major(static_cast<std::int64_t>(500'000 + rng.next(20'000'000)));
        const bool pool = rng.next(2) == 0;
        const bool rounded = rng.next(2) == 0;
        const fraction target(static_cast<std::int64_t>(5 + rng.next(15)), 100);
        const auto round = [&](const std::vector<std::pair<holder_id, money>>& rights, money lead) {
            priced_round_terms terms = priced_round_terms("Series A").pre_money(pre);
            for (const auto& r : rights) terms.invest(r.first.str(), r.second);
            terms.invest("lead", lead);
            if (pool) terms.option_pool(target, pool_placement::pre_money);
            if (rounded) terms.price_rounded(4, rounding::half_even);
            cap_table_round c(terms, "Series A Preferred");
            c.add_investor(holder::investor("lead", "Lead"));
            if (pool) c.top_up_pool("Plan");
            return c.try_apply_to(before);
        };
        const cap_table_round_result plain = round({}, raised);
        if (!plain.ok()) continue;  // a pool target the new money leaves no room for: not this property
        const round_on_cap_table& without = *plain.round;
        const share_count n = without.pricing().post_money_shares() - without.pricing().pre_round().fully_diluted;
        const pro_rata_offer o = pro_rata_rights(before, with_right, n, without.basis());
        std::vector<std::pair<holder_id, money>> rights;
        money paid = money::from_units(0);
        for (const pro_rata_entitlement& e : o.entitlements()) {
            if (e.shares.value() == 0) continue;
            const money cost = without.pricing().price().cost_of(e.shares, rounding::ceiling);
            rights.emplace_back(e.holder, cost);
            paid += cost;
        }
        if (!(paid < raised)) continue;  // the rights would take the whole round (the pool counts in N)
        ++checked;
        const cap_table_round_result exercised = round(rights, raised - paid);
        REQUIRE(exercised.ok());
        const round_on_cap_table& with = *exercised.round;
        CHECK(with.pricing().price_units() == without.pricing().price_units());
        const share_count n2 = with.pricing().post_money_shares() - with.pricing().pre_round().fully_diluted;
        const std::int64_t dn = n2.value() > n.value() ? n2.value() - n.value() : n.value() - n2.value();
        const fraction bound(1 + dn, with.after().fully_diluted().total().value());
        for (const pro_rata_entitlement& e : o.entitlements()) {
            const holder_change& c = with.change_of(e.holder);
            CHECK(c.after == e.held + e.shares);
            const fraction moved = c.ownership_after - e.ownership;
            CHECK((moved.sign() < 0 ? -moved : moved) < bound);
            CHECK(without.change_of(e.holder).ownership_after < e.ownership);
        }
    }
    CHECK(checked >= 20);
}

TEST_CASE("pro_rata_rights: a rounding mode outside the enumeration is a problem naming it") {
    // Regression: entitlements were rounded under it by truncation (or threw without the field).
    const cap_table t = seed_table();
    try {
        (void)pro_rata_rights(t, {holder_id("vc")}, sh(1'003), fully_diluted_basis::full(), static_cast<rounding>(8));
        FAIL("no validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message() == "mode = 8: must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even");
    }
}

}  // namespace test_pro_rata
