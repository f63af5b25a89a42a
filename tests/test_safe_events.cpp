// Unit tests for fundround/instruments/safe_events.hpp: SAFEs at a liquidity event, at a
// dissolution, and the pro-rata side letter.
//
// The terms are Y Combinator's post-money SAFE (the 2018 form): section 1(b) Liquidity Event (the greater
// of the Cash-Out Amount = Purchase Amount and the Conversion Amount = the amount payable on
// Purchase Amount / Liquidity Price shares of common), section 2 Liquidity Price = Post-Money
// Valuation Cap / Liquidity Capitalization (converting SAFEs included, unissued pool excluded),
// section 1(c) Dissolution Amount = Purchase Amount, section 1(d) on par with other SAFEs and
// preferred, pro rata to the full payments on a shortfall; the original pre-money SAFE's Liquidity
// Capitalization excludes every SAFE. Every expected figure is derived by hand in its comment.
#include <fundround/instruments/safe_events.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_safe_events {

using namespace fundround;
using namespace fundround::literals;

namespace {

liquidity_terms event(std::int64_t base, std::int64_t mills_per_share) {
    liquidity_terms t;
    t.base_capitalization = share_count(base);
    t.proceeds_per_share_units = fraction(mills_per_share);
    return t;
}

}  // namespace

TEST_CASE("a post-money SAFE at an acquisition: the conversion amount when it is greater") {
    // $1M at a $10M post-money cap; 9,000,000 shares outstanding; the buyer pays $2.00 a share.
    // L = 9,000,000 / (1 - 1/10) = 10,000,000; liquidity price $10M / L = $1.00; 1,000,000
    // shares, worth $2,000,000 > $1,000,000: the holder converts, holding A / C = 10% of L.
    const std::vector<safe> safes{safe::post_money_cap(holder_id("angel"), 1_M, 10_M, year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(9'000'000, 2'000));
    const safe_liquidity_payout& s = r.payouts.at(0);
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(10'000'000)));
    CHECK(s.exact_liquidity_price_units == exact_rational(fraction(1'000)));
    CHECK(s.conversion_shares == share_count(1'000'000));
    CHECK(s.conversion_amount == 2_M);
    CHECK(s.choice == liquidity_choice::conversion);
    CHECK(s.paid == 2_M);
    CHECK(r.conversion_shares == share_count(1'000'000));
    // Property: the converting post-money SAFE holds purchase amount / cap of L.
    CHECK(fraction(s.conversion_shares.value(), 10'000'000) == fraction(1, 10));
}

TEST_CASE("a post-money SAFE at a low-priced acquisition takes its cash-out amount") {
    // Same SAFE, $0.80 a share: joining L it would be 10,000,000 shares x $0.80 = $8M < $10M cap,
    // so its 1,000,000 shares would be worth $800,000 < $1,000,000: cash-out. L stays 9,000,000.
    const std::vector<safe> safes{safe::post_money_cap(holder_id("angel"), 1_M, 10_M, year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(9'000'000, 800));
    const safe_liquidity_payout& s = r.payouts.at(0);
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(9'000'000)));
    CHECK(s.conversion_shares == share_count(1'000'000));
    CHECK(s.conversion_amount == 800'000_usd);
    CHECK(s.choice == liquidity_choice::cash_out);
    CHECK(s.paid == 1_M);
    CHECK(r.conversion_shares == share_count(0));
    // At exactly $1.00 the two amounts tie: the cash-out amount is taken.
    CHECK(safe_liquidity_payouts(safes, event(9'000'000, 1'000)).payouts.at(0).choice == liquidity_choice::cash_out);
}

TEST_CASE("two post-money SAFEs: the low cap converts, the high cap cashes out, L counts only the converting one") {
    // a: $500K at $5M; b: $1M at $20M; B = 8,500,000; $1.50 a share.
    // a joining: L = 8.5M / (1 - 0.1) = 85M/9 = 9,444,444.4; L p = $14.17M > $5M: converts.
    // b joining too: L = 8.5M / (1 - 0.1 - 0.05) = 10M; L p = $15M <= $20M: cash-out.
    // a's price: $5M / (85M/9) = 9000/17 mills; shares 500,000,000 x 17 / 9000 = 944,444.4 -> 944,444
    // (floor); worth 944,444 x $1.50 = $1,416,666.00. b quoted at L = 10M: $2.00, 500,000 shares, $750,000.
    const std::vector<safe> safes{safe::post_money_cap(holder_id("a"), 500'000_usd, 5_M, year{2024} / 1 / 1),
                                  safe::post_money_cap(holder_id("b"), 1_M, 20_M, year{2024} / 6 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(8'500'000, 1'500));
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(85'000'000, 9)));
    CHECK(r.payouts[0].exact_liquidity_price_units == exact_rational(fraction(9'000, 17)));
    CHECK(r.payouts[0].conversion_shares == share_count(944'444));
    CHECK(r.payouts[0].conversion_amount == 1'416'666_usd);
    CHECK(r.payouts[0].choice == liquidity_choice::conversion);
    CHECK(r.payouts[1].exact_liquidity_price_units == exact_rational(fraction(2'000)));
    CHECK(r.payouts[1].conversion_amount == 750'000_usd);
    CHECK(r.payouts[1].choice == liquidity_choice::cash_out);
    CHECK(r.total_paid() == 2'416'666_usd);
}

TEST_CASE("a pre-money SAFE's liquidity capitalization excludes SAFEs; a post-money SAFE's counts it") {
    // pre: $100K at a $5M cap, B = 10,000,000, $1.00 a share: price $5M / 10M = $0.50, 200,000
    // shares, $200,000 > $100,000: converts. post: $1M at $10M: L = (10M + 200K) / 0.9 = 102M/9,
    // L p = $11.33M > $10M: converts at $10M / (102M/9) = 15000/17 mills: 1,133,333.3 -> 1,133,333
    // shares ($1,133,333.00), exactly 10% of L before rounding.
    const std::vector<safe> safes{safe::pre_money_cap(holder_id("pre"), 100'000_usd, 5_M, year{2018} / 1 / 1),
                                  safe::post_money_cap(holder_id("post"), 1_M, 10_M, year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(10'000'000, 1'000));
    CHECK(r.pre_money_capitalization == share_count(10'000'000));
    CHECK(r.payouts[0].exact_liquidity_price_units == exact_rational(fraction(500)));
    CHECK(r.payouts[0].conversion_shares == share_count(200'000));
    CHECK(r.payouts[0].paid == 200'000_usd);
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(102'000'000, 9)));
    CHECK(r.payouts[1].exact_liquidity_price_units == exact_rational(fraction(15'000, 17)));
    CHECK(r.payouts[1].exact_conversion_shares == exact_rational(fraction(10'200'000, 9)));
    CHECK(r.payouts[1].conversion_shares == share_count(1'133'333));
    CHECK(r.payouts[1].paid == 1'133'333_usd);
}

TEST_CASE("uncapped and MFN SAFEs at a liquidity event") {
    // An uncapped SAFE's liquidity price is the event price: its conversion amount equals its
    // cash-out amount, so it takes the cash-out. The MFN SAFE takes the $4M cap of the later SAFE:
    // with both converting L = 7.6M / (1 - 0.05 - 0.05) = 76M/9; at $1.00 a share L p > $4M.
    const std::vector<safe> safes{safe::post_money_uncapped(holder_id("u"), 50'000_usd, year{2024} / 1 / 1),
                                  safe::post_money_mfn(holder_id("m"), 200'000_usd, year{2024} / 2 / 1),
                                  safe::post_money_cap(holder_id("c"), 200'000_usd, 4_M, year{2024} / 3 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(7'600'000, 1'000));
    CHECK(r.payouts[0].choice == liquidity_choice::cash_out);
    CHECK(r.payouts[0].conversion_amount == 50'000_usd);
    CHECK(r.payouts[1].valuation_cap == 4_M);
    CHECK(r.payouts[1].choice == liquidity_choice::conversion);
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(76'000'000, 9)));
    // Each holds 5% of L: 76M/9 x 1/20 = 3.8M/9 = 422,222.2 -> 422,222 shares.
    CHECK(r.payouts[1].conversion_shares == share_count(422'222));
    CHECK(r.payouts[2].conversion_shares == share_count(422'222));
}

TEST_CASE("cash-out amounts short of the proceeds are paid pro rata with the preferred, reconciling to the mill") {
    // Cash-outs $1,000,000 and $500,000 and a $1,500,000 Series Seed preference share $1,000,000:
    // 1/3, 1/6, 1/2 = 333,333,333.3 / 166,666,666.7 / 500,000,000 mills; floors sum to 999,999,999,
    // the mill left goes to the largest remainder (2/3 of a mill, the second claim).
    liquidity_terms t = event(9'000'000, 100);
    t.cash_out_proceeds = 1_M;
    t.other_claims = {{"Series Seed preference", 1'500'000_usd}};
    const std::vector<safe> safes{safe::post_money_cap(holder_id("a"), 1_M, 10_M, year{2024} / 1 / 1),
                                  safe::post_money_cap(holder_id("b"), 500'000_usd, 10_M, year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, t);
    REQUIRE(r.cash_out.has_value());
    CHECK(r.cash_out->shortfall);
    CHECK(r.payouts[0].paid == money::from_units(333'333'333));
    CHECK(r.payouts[1].paid == money::from_units(166'666'667));
    CHECK(r.cash_out->payments[2].paid == 500'000_usd);
    CHECK(r.cash_out->paid == 1_M);
    CHECK(r.cash_out->left_over == 0_usd);
}

TEST_CASE("a fixed-percentage SAFE at a liquidity event: the greater of its purchase amount and pct x L shares") {
    // YC's "$125K for 7%" (ycombinator.com/deal). B = 9,300,000; joining, L = 9,300,000 / (1 - 0.07)
    // = 10,000,000, 7% of it 700,000 shares at A / (pct L) = 125,000,000 / 700,000 = 1250/7 mills.
    // At $1.00 a share they are worth $700,000 > $125,000: conversion. At $0.10 they are worth
    // $70,000 < $125,000: the cash-out amount, and L stays B.
    const std::vector<safe> safes{safe::post_money_fixed_percentage(holder_id("yc"), 125'000_usd, fraction(7, 100), year{2026} / 1 / 5)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(9'300'000, 1'000));
    const safe_liquidity_payout& s = r.payouts.at(0);
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(10'000'000)));
    CHECK(s.fixed_percentage == fraction(7, 100));
    CHECK_FALSE(s.valuation_cap);
    CHECK(s.exact_liquidity_price_units == exact_rational(fraction(1'250, 7)));
    CHECK(s.exact_conversion_shares == exact_rational(fraction(700'000)));
    CHECK(s.conversion_amount == 700'000_usd);
    CHECK(s.choice == liquidity_choice::conversion);
    CHECK(s.paid == 700'000_usd);
    const safe_liquidity_result low = safe_liquidity_payouts(safes, event(9'300'000, 100));
    CHECK(low.exact_post_money_capitalization == exact_rational(fraction(9'300'000)));
    CHECK(low.payouts[0].conversion_amount == 70'000_usd);  // quoted at the L it would join
    CHECK(low.payouts[0].choice == liquidity_choice::cash_out);
    CHECK(low.payouts[0].paid == 125'000_usd);

    // With a cap SAFE ($1M at $10M: 10%), B = 8,300,000: both convert, L = 8.3M / 0.83 = 10,000,000;
    // the fixed SAFE holds 7% of L exactly, the cap SAFE 10%. At $2.00: $1,400,000 and $2,000,000.
    const std::vector<safe> two{safes[0], safe::post_money_cap(holder_id("fund"), 1_M, 10_M, year{2026} / 3 / 1)};
    const safe_liquidity_result both = safe_liquidity_payouts(two, event(8'300'000, 2'000));
    CHECK(both.exact_post_money_capitalization == exact_rational(fraction(10'000'000)));
    CHECK(both.payouts[0].conversion_shares == share_count(700'000));
    CHECK(both.payouts[0].paid == 1'400'000_usd);
    CHECK(both.payouts[1].conversion_shares == share_count(1'000'000));
    CHECK(both.payouts[1].paid == 2_M);

    // A cap SAFE at 5/9 of the company, then a fixed 60%: together past 100%, named on the fixed one.
    const std::vector<safe> over{safe::post_money_cap(holder_id("fund"), 500'000_usd, 900'000_usd, year{2026} / 3 / 1),
                                 safe::post_money_fixed_percentage(holder_id("yc"), 600'000_usd, fraction(3, 5), year{2026} / 1 / 5)};
    try {
        (void)safe_liquidity_payouts(over, event(1'000'000, 100'000));
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string().find("fixed_percentage") != std::string::npos);
        CHECK(e.problems()[0].value == "60.0000%");
        CHECK(e.problems()[0].rule.find("reach 100% of the company") != std::string::npos);
    }

    // At a dissolution: its purchase amount, on par with the other post-money SAFEs and the
    // preferred: $800K over $1,600,000 of claims ($125K + $1M + $475K) pays each half.
    const safe_dissolution_result d = safe_dissolution_payouts(two, 800'000_usd, {{"Seed preference", 475'000_usd}});
    CHECK(d.safe_paid == std::vector<money>{62'500_usd, 500'000_usd});
    CHECK(d.distribution.payments[2].paid == 237'500_usd);
}

TEST_CASE("dissolution: purchase amounts returned on par with other SAFEs and preferred, senior to common") {
    const std::vector<safe> safes{safe::post_money_cap(holder_id("a"), 300'000_usd, 5_M, year{2024} / 1 / 1),
                                  safe::post_money_discount(holder_id("b"), 200'000_usd, fraction(1, 5), year{2024} / 2 / 1)};
    const std::vector<pari_passu_claim> pref{{"Series Seed preference", 500'000_usd}};
    // $600K over $1M of claims: 60% each.
    const safe_dissolution_result short_ = safe_dissolution_payouts(safes, 600'000_usd, pref);
    CHECK(short_.safe_paid == std::vector<money>{180'000_usd, 120'000_usd});
    CHECK(short_.distribution.payments[2].paid == 300'000_usd);
    CHECK(short_.distribution.shortfall);
    // $1.2M covers them: $200K left for common.
    const safe_dissolution_result full = safe_dissolution_payouts(safes, 1'200'000_usd, pref);
    CHECK(full.safe_paid == std::vector<money>{300'000_usd, 200'000_usd});
    CHECK(full.distribution.left_over == 200'000_usd);
    CHECK_FALSE(full.distribution.shortfall);
}

TEST_CASE("property: a pari passu split always reconciles to the proceeds, each part within a mill of pro rata") {
    for (std::int64_t proceeds = 1; proceeds < 3'000'000'000; proceeds = proceeds * 7 + 13) {
        const std::vector<pari_passu_claim> claims{{"x", money::from_units(1'000'000'007)},
                                                   {"y", money::from_units(333'333'333)},
                                                   {"z", money::from_units(999)}};
        const pari_passu_distribution d = pay_pari_passu(money::from_units(proceeds), claims);
        money total = 0_usd;
        for (std::size_t i = 0; i < claims.size(); ++i) {
            total += d.payments[i].paid;
            CHECK(d.payments[i].paid <= claims[i].amount);
        }
        CHECK(total + d.left_over == money::from_units(proceeds));
        CHECK(d.paid == total);
    }
}

TEST_CASE("every problem at once") {
    const std::vector<safe> safes{safe::post_money_cap_and_discount(holder_id(""), 0_usd, 0_usd, fraction(1), year{2024} / 1 / 1)};
    liquidity_terms t = event(0, 0);
    try {
        (void)safe_liquidity_payouts(safes, t);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 6);
        CHECK(e.problems()[0].field.to_string() == "safes[0].holder");
        CHECK(e.problems()[4].message() == "terms.base_capitalization = 0: must be positive (shares outstanding as converted plus options outstanding, unissued pool excluded)");
        CHECK(e.problems()[5].field.to_string() == "terms.proceeds_per_share_units");
    }
    try {
        (void)pay_pari_passu(money::from_units(-1), {{"a", 0_usd}, {"b", 5_eur}});
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[1].message() == "claims[0] \"a\".amount = $0.00: must be positive");
    }
    // The cash-out proceeds and the other claims are checked with everything else, under terms
    // (review of 2026-12-05, second round: they were found after the solve, as "proceeds" and
    // "claims[1]", or blamed on a SAFE's purchase amount).
    liquidity_terms bad = event(0, 0);
    bad.cash_out_proceeds = -5_usd;
    bad.other_claims = {{"Seed pref", 400'000_eur}, {"Series A pref", 0_usd}};
    try {
        (void)safe_liquidity_payouts({safe::post_money_cap(holder_id("a"), 1_M, 8_M, year{2024} / 1 / 1)}, bad);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        std::vector<std::string> got;
        for (const diagnostic& d : e.problems()) got.push_back(d.message());
        CHECK(got == std::vector<std::string>{
                         "terms.base_capitalization = 0: must be positive (shares outstanding as converted plus options "
                         "outstanding, unissued pool excluded)",
                         "terms.proceeds_per_share_units = 0: must be positive",
                         "terms.cash_out_proceeds = -$5.00: must not be negative",
                         "terms.other_claims[0] \"Seed pref\".amount = €400,000.00: must be in USD, the SAFEs' currency",
                         "terms.other_claims[1] \"Series A pref\".amount = $0.00: must be positive"});
    }
    liquidity_terms eur_proceeds = event(1'000'000, 1'000);
    eur_proceeds.cash_out_proceeds = 600'000_eur;
    try {
        (void)safe_liquidity_payouts({safe::post_money_cap(holder_id("a"), 1_M, 8_M, year{2024} / 1 / 1)}, eur_proceeds);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message() == "terms.cash_out_proceeds = €600,000.00: must be in USD, the SAFEs' currency");
    }
    // Caps that would hand the SAFEs the whole company.
    const std::vector<safe> greedy{safe::post_money_cap(holder_id("g"), 6_M, 5_M, year{2024} / 1 / 1)};
    CHECK_THROWS_AS((void)safe_liquidity_payouts(greedy, event(1'000'000, 1'000)), validation_error);
}

TEST_CASE("pro-rata side letter: the right to keep the as-converted percentage in the round's new money") {
    // how-to-safes-and-notes.md section 1: angel $200K at $4M (5%), fund $800K at $8M (10%); the
    // Series A sells the lead 3,275,862 shares; 16,379,309 shares after. Capitalization before the
    // new money: 13,103,447. angel: 655,172 / 13,103,447 x 3,275,862 = 306607579752/1871921 =
    // 163,793.9 -> 163,793 (floor); fund 1,310,344 -> 613215159504/1871921 = 327,586.
    const cap_table seed = cap_table_builder()
                               .add(holder::founder("ada", "Ada"))
                               .add(share_class::common("Common"))
                               .add(option_pool{"Plan", "Common", share_count(500'000)})
                               .holding(holder_id("ada"), "Common", share_count(9'500'000))
                               .build();
    const converted_round a = conversion_round("Series A", "Series A Preferred", year{2026} / 6 / 30)
                                  .pre_money(16_M)
                                  .invest(holder_id("lead"), 4_M)
                                  .add_holder(holder::investor("lead", "Lead"))
                                  .add_holder(holder::investor("angel", "Angel"))
                                  .add_holder(holder::investor("fund", "Seed Fund"))
                                  .option_pool(fraction(1, 10), pool_placement::pre_money, "Plan")
                                  .convert(safe::post_money_cap(holder_id("angel"), 200'000_usd, 4_M, year{2025} / 1 / 10))
                                  .convert(safe::post_money_cap(holder_id("fund"), 800'000_usd, 8_M, year{2025} / 2 / 3))
                                  .apply_to(seed);
    const std::vector<pro_rata_entitlement> rights = safe_pro_rata_rights(a, {holder_id("angel"), holder_id("fund")});
    REQUIRE(rights.size() == 2);
    CHECK(rights[0].held == share_count(655'172));
    CHECK(rights[0].ownership == fraction(655'172, 13'103'447));
    CHECK(rights[0].exact_shares == fraction(306'607'579'752, 1'871'921));
    CHECK(rights[0].shares == share_count(163'793));
    CHECK(rights[1].shares == share_count(327'586));
    CHECK_THROWS_AS((void)safe_pro_rata_rights(a, {holder_id("angel"), holder_id("angel"), holder_id("nobody")}), validation_error);
    // A rounding mode outside the enumeration is a problem named "mode", with the holders'
    // problems (regression: it escaped from the rounding as invalid_argument_error "rounding =
    // 9", the holder problems lost; with no side letter it was accepted).
    const char* const mode_rule =
        "mode = 9: must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even";
    try {
        (void)safe_pro_rata_rights(a, {holder_id("angel"), holder_id("nobody")}, static_cast<rounding>(9));
        FAIL("no validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].field == field_path("with_side_letter").index(1));
        CHECK(e.problems()[1].message() == mode_rule);
    }
    try {
        (void)safe_pro_rata_rights(a, {}, static_cast<rounding>(9));
        FAIL("no validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message() == mode_rule);
    }
}

// Y Combinator's post-money SAFE Quick Start Guide, "Estimating the dilutive impact of pro-rata
// rights": SAFEs with pro-rata side letters hold 15% of the company capitalization before the
// Series A, the new investors will own 25% after it excluding the SAFEs' pro rata; "Safe
// Pro-Rata Allocation % = 25% / (100% - 15%) - 25% = 4.41%", the Series A with the pro rata
// 29.41%. The side letter's right is a share of all the preferred sold in the financing, the
// pro-rata purchase included, so the guide's figure is the fixed point x = 15% x (25% + x);
// safe_pro_rata_rights() takes the round with the purchase in it. Our figures (the guide's
// options and pool do not enter its formula; none here): founders 8,160,000; a $750,000 SAFE at
// a $5M post-money cap holds 15% of Q = 9,600,000 (1,440,000 shares at $5M / Q); a $28.8M
// pre-money prices the round at $3.00; the lead buys 3,400,000 shares ($10.2M), 25% of the
// 13,600,000 after; the SAFE holder's pro rata is 15% x 4,000,000 = 600,000 shares ($1.8M),
// 3/68 = 4.41% of the company; the Series A 5/17 = 29.41%.
TEST_CASE("YC quick start guide: the SAFEs' pro-rata allocation is 25% / (100% - 15%) - 25% = 4.41%") {
    const cap_table seed = cap_table_builder()
                               .add(holder::founder("ada", "Ada"))
                               .add(holder::investor("safe", "SAFE holder"))
                               .add(holder::investor("lead", "Lead"))
                               .add(share_class::common("Common"))
                               .holding(holder_id("ada"), "Common", share_count(8'160'000))
                               .build();
    const converted_round a = conversion_round("Series A", "Series A Preferred", year{2026} / 6 / 30)
                                  .pre_money(28'800'000_usd)
                                  .invest(holder_id("lead"), 10'200'000_usd)
                                  .invest(holder_id("safe"), 1'800'000_usd)  // the pro-rata purchase
                                  .convert(safe::post_money_cap(holder_id("safe"), 750'000_usd, 5_M, year{2025} / 1 / 10))
                                  .apply_to(seed);
    CHECK(a.price() == price_per_share(3_usd, share_count(1)));
    CHECK(a.safe_conversion(0).shares == share_count(1'440'000));
    CHECK(a.after().fully_diluted().total() == share_count(13'600'000));
    const std::vector<pro_rata_entitlement> rights = safe_pro_rata_rights(a, {holder_id("safe")});
    REQUIRE(rights.size() == 1);
    CHECK(rights[0].held == share_count(1'440'000));
    CHECK(rights[0].ownership == fraction(15, 100));
    CHECK(rights[0].shares == share_count(600'000));
    CHECK(rights[0].shares == a.new_money().investment_of("safe").shares);  // the purchase is the full right
    const fraction lead(a.new_money().investment_of("lead").shares.value(), a.after().fully_diluted().total().value());
    const fraction pro_rata(rights[0].shares.value(), a.after().fully_diluted().total().value());
    CHECK(lead == fraction(1, 4));
    CHECK(pro_rata == fraction(1, 4) / fraction(85, 100) - fraction(1, 4));  // the guide's formula, exactly
    CHECK(pro_rata.to_percent_string(2) == "4.41%");
    CHECK((lead + pro_rata).to_percent_string(2) == "29.41%");
}

TEST_CASE("liquidity event: a SAFE whose whole shares are worth less than its purchase amount takes the cash-out") {
    // Regression (review of 2026-12-05): the choice was made on the exact shares (L p > C) and the
    // rounded-down shares paid, less than the purchase amount. Pre-money: A = $10,500, C = $1M,
    // B = 1,000 shares, p = $1,000.50: exact shares 10.5, whole 10, worth $10,005 < $10,500.
    const std::vector<safe> pre{safe::pre_money_cap(holder_id("a"), money::from_units(10'500'000), money::from_units(1'000'000'000),
                                                    year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(pre, event(1'000, 1'000'500));
    CHECK(r.payouts[0].conversion_shares == share_count(10));
    CHECK(r.payouts[0].conversion_amount == money::from_units(10'005'000));
    CHECK(r.payouts[0].choice == liquidity_choice::cash_out);
    CHECK(r.payouts[0].paid == money::from_units(10'500'000));
    // At $1,050.01 a share the 10 whole shares pay $10,500.10: conversion.
    const safe_liquidity_result up = safe_liquidity_payouts(pre, event(1'000, 1'050'010));
    CHECK(up.payouts[0].choice == liquidity_choice::conversion);
    CHECK(up.payouts[0].paid == money::from_units(10'500'100));
    // Post-money: B = 1,000, p = $1,000: L = 1,000 / (1 - 0.0105) if it converts, 10.61 shares,
    // 10 whole, $10,000 < $10,500: it takes the cash-out and stays out of L.
    const std::vector<safe> post{safe::post_money_cap(holder_id("b"), money::from_units(10'500'000), money::from_units(1'000'000'000),
                                                      year{2024} / 1 / 1)};
    const safe_liquidity_result q = safe_liquidity_payouts(post, event(1'000, 1'000'000));
    CHECK(q.payouts[0].choice == liquidity_choice::cash_out);
    CHECK(q.payouts[0].paid == money::from_units(10'500'000));
    CHECK(q.exact_post_money_capitalization.big() == detail::big_rational(fraction(1'000)));
    CHECK(q.conversion_shares == share_count(0));
}

TEST_CASE("property: ten post-money SAFEs at odd caps — each converting SAFE holds A / C of L exactly, and the choice is each holder's best") {
    // Caps in mills that share no factors make L's denominator grow past 128 bits; the solve is on
    // big rationals. For several event prices: a converting SAFE's exact shares are A / C of L; a
    // converting SAFE's exact conversion amount exceeds its purchase amount; a SAFE taking the
    // cash-out would not gain by joining L (its quoted conversion amount, exact, is at most A).
    std::vector<safe> safes;
    for (std::int64_t i = 0; i < 10; ++i) {
        safes.push_back(safe::post_money_cap(holder_id("s" + std::to_string(i)), money::from_units(150'000'000 + 7'000'013 * i),
                                             money::from_units(7'000'000'001 + 1'300'000'006 * i), year{2025} / 1 / 1));
    }
    int converted = 0;
    int cashed_out = 0;
    for (const std::int64_t p : {300, 555, 777, 1'013, 1'999, 4'001}) {
        const safe_liquidity_result r = safe_liquidity_payouts(safes, event(10'000'000, p));
        const detail::big_rational l = r.exact_post_money_capitalization.big();
        for (std::size_t i = 0; i < safes.size(); ++i) {
            const safe_liquidity_payout& s = r.payouts[i];
            const detail::big_rational a(fraction(safes[i].purchase_amount.units()));
            const detail::big_rational c(fraction(safes[i].valuation_cap->units()));
            const detail::big_rational exact_value = s.exact_conversion_shares.big() * detail::big_rational(fraction(p));
            // The greater of the two amounts actually paid: the conversion amount on the whole shares.
            CHECK(s.paid >= s.cash_out_amount);
            if (s.choice == liquidity_choice::conversion) {
                // shares x C = A x L  <=>  shares / L = A / C
                CHECK(s.exact_conversion_shares.big() * c == a * l);
                CHECK(exact_value > a);
                CHECK(s.conversion_amount > s.cash_out_amount);
                CHECK(s.paid == s.conversion_amount);
                ++converted;
            } else {
                ++cashed_out;
                CHECK_FALSE(s.conversion_amount > s.cash_out_amount);
                CHECK(s.paid == safes[i].purchase_amount);
            }
            CHECK_FALSE(detail::big_rational(fraction(s.conversion_shares.value())) > s.exact_conversion_shares.big());  // floor
        }
    }
    // Both branches are exercised across the prices (25 conversions, 35 cash-outs).
    CHECK(converted > 10);
    CHECK(cashed_out > 10);
}

TEST_CASE("property: fixed-percentage SAFEs beside cap SAFEs — each converting one holds pct of L exactly, and the choice is each holder's best") {
    // Five fixed-percentage SAFEs (1.3% to 6.5%) and five cap SAFEs at odd caps, over several event
    // prices: a converting fixed SAFE's exact shares are pct x L; a converting cap SAFE's A / C of
    // L; each choice is the greater amount; L = B / (1 - the converting SAFEs' fractions).
    std::vector<safe> safes;
    for (std::int64_t i = 0; i < 5; ++i) {
        safes.push_back(safe::post_money_fixed_percentage(holder_id("f" + std::to_string(i)), money::from_units(100'000'000 + 9'000'007 * i),
                                                          fraction(13 * (i + 1), 1000), year{2025} / 1 / 1));
        safes.push_back(safe::post_money_cap(holder_id("c" + std::to_string(i)), money::from_units(150'000'000 + 7'000'013 * i),
                                             money::from_units(7'000'000'001 + 1'300'000'006 * i), year{2025} / 1 / 1));
    }
    int fixed_converted = 0;
    int fixed_cashed_out = 0;
    for (const std::int64_t p : {20, 90, 300, 777, 1'999}) {
        const safe_liquidity_result r = safe_liquidity_payouts(safes, event(10'000'000, p));
        const detail::big_rational l = r.exact_post_money_capitalization.big();
        detail::big_rational take;
        for (std::size_t i = 0; i < safes.size(); ++i) {
            const safe_liquidity_payout& s = r.payouts[i];
            const detail::big_rational a(fraction(safes[i].purchase_amount.units()));
            const detail::big_rational share = safes[i].fixed_percentage
                                                   ? detail::big_rational(*safes[i].fixed_percentage)
                                                   : detail::safe_events_div(a, detail::big_rational(fraction(safes[i].valuation_cap->units())));
            CHECK(s.paid >= s.cash_out_amount);
            if (s.choice == liquidity_choice::conversion) {
                CHECK(s.exact_conversion_shares.big() == share * l);
                CHECK(s.conversion_amount > s.cash_out_amount);
                take += share;
                if (safes[i].fixed_percentage) ++fixed_converted;
            } else {
                CHECK_FALSE(s.conversion_amount > s.cash_out_amount);
                CHECK(s.paid == safes[i].purchase_amount);
                if (safes[i].fixed_percentage) ++fixed_cashed_out;
            }
        }
        CHECK(l * (detail::big_rational(fraction(1)) - take) == detail::big_rational(fraction(10'000'000)));
    }
    CHECK(fixed_converted > 5);
    CHECK(fixed_cashed_out > 5);
}

TEST_CASE("liquidity event: a discount-only post-money SAFE's liquidity price is the event price times the Discount Rate") {
    // Regression (review of 2026-12-06): a SAFE without a cap was priced at p, so a discount-only
    // SAFE took its cash-out, $100,000. The post-money discount-only form defines the Liquidity
    // Price as "the fair market value of the Common Stock at the time of the Liquidity Event ...
    // multiplied by the Discount Rate": $1.00 x 80% = $0.80, 100,000 / 0.80 = 125,000 shares of
    // common, paid $125,000 (the greater of the two).
    const std::vector<safe> one{safe::post_money_discount(holder_id("d"), 100'000_usd, fraction(1, 5), year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(one, event(10'000'000, 1'000));
    CHECK(r.payouts[0].exact_liquidity_price_units == exact_rational(fraction(800)));
    CHECK(r.payouts[0].conversion_shares == share_count(125'000));
    CHECK(r.payouts[0].conversion_amount == 125'000_usd);
    CHECK(r.payouts[0].choice == liquidity_choice::conversion);
    CHECK(r.payouts[0].paid == 125'000_usd);
    CHECK(r.conversion_shares == share_count(125'000));
    // An MFN SAFE whose only later SAFE is discount-only takes that discount, and its price with it:
    // $0.75 a share, 133,333.3 -> 133,333 shares, $133,333.
    const std::vector<safe> mfn{safe::post_money_mfn(holder_id("m"), 100'000_usd, year{2024} / 1 / 1),
                                safe::post_money_discount(holder_id("d"), 100'000_usd, fraction(1, 4), year{2024} / 2 / 1)};
    const safe_liquidity_result m = safe_liquidity_payouts(mfn, event(10'000'000, 1'000));
    for (const safe_liquidity_payout& s : m.payouts) {
        CHECK(s.exact_liquidity_price_units == exact_rational(fraction(750)));
        CHECK(s.conversion_shares == share_count(133'333));
        CHECK(s.choice == liquidity_choice::conversion);
        CHECK(s.paid == 133'333_usd);
    }
    // At one mill a share: the price is 0.8 mill, 100,000,000 mills / 0.8 = 125,000,000 shares, each
    // paid one mill: $125,000.
    const safe_liquidity_result tiny = safe_liquidity_payouts(one, event(10'000'000, 1));
    CHECK(tiny.payouts[0].conversion_shares == share_count(125'000'000));
    CHECK(tiny.payouts[0].paid == 125'000_usd);
}

TEST_CASE("liquidity event: the pre-money discount-only SAFE is priced at the event price times the Discount Rate too") {
    // Regression (eighth session): only the post-money discount-only form was priced at p (1 - d);
    // a pre-money discount-only SAFE was priced at p and took its $100,000 cash-out. YC's 2016
    // pre-money "Safe: Discount, no Valuation Cap" defines the same Liquidity Price, "the fair
    // market value of the Common Stock at the time of the Liquidity Event, as determined by
    // reference to the purchase price payable in connection with such Liquidity Event, multiplied
    // by the Discount Rate", and lets the investor choose the cash or A / Liquidity Price shares:
    // $1.00 x 80% = $0.80, 125,000 shares, $125,000.
    safe pre;
    pre.holder = holder_id("d");
    pre.purchase_amount = 100'000_usd;
    pre.date = year{2024} / 1 / 1;
    pre.form = safe_form::pre_money;
    pre.discount = fraction(1, 5);
    const safe_liquidity_result r = safe_liquidity_payouts({pre}, event(10'000'000, 1'000));
    CHECK(r.payouts[0].exact_liquidity_price_units == exact_rational(fraction(800)));
    CHECK(r.payouts[0].conversion_shares == share_count(125'000));
    CHECK(r.payouts[0].choice == liquidity_choice::conversion);
    CHECK(r.payouts[0].paid == 125'000_usd);
    // Converting, its shares are Converting Securities in a post-money capped SAFE's Liquidity
    // Capitalization, as the post-money discount SAFE's are (the next test's figures):
    // L = (8,000,000 + 125,000) / 0.9, the capped SAFE's 10% of it 902,777 shares.
    const std::vector<safe> both{pre, safe::post_money_cap(holder_id("c"), 500'000_usd, 5_M, year{2024} / 2 / 1)};
    const safe_liquidity_result b = safe_liquidity_payouts(both, event(8'000'000, 1'000));
    CHECK(b.exact_post_money_capitalization == exact_rational(fraction(81'250'000, 9)));
    CHECK(b.payouts[0].paid == 125'000_usd);
    CHECK(b.payouts[1].conversion_shares == share_count(902'777));
    // A pre-money SAFE with a cap and a discount keeps the cap's price, cap / B (its form's
    // Liquidity Price), as the post-money one does: $5M / 10,000,000 = $0.50, 200,000 shares.
    safe capped = pre;
    capped.valuation_cap = 5_M;
    const safe_liquidity_result c = safe_liquidity_payouts({capped}, event(10'000'000, 1'000));
    CHECK(c.payouts[0].exact_liquidity_price_units == exact_rational(fraction(500)));
    CHECK(c.payouts[0].conversion_shares == share_count(200'000));
}

TEST_CASE("liquidity event: a converting discount-only SAFE is in the capped SAFEs' Liquidity Capitalization") {
    // Regression (review of 2026-12-06): the Liquidity Capitalization includes every Converting
    // Security not taking its cash-out. B = 8,000,000; a $100,000 20%-discount SAFE converts into
    // 125,000 shares at $1.00, so S = 125,000 and, with the $500,000 / $5M-cap SAFE (10%) in,
    // L = 8,125,000 / 0.9 = 81,250,000 / 9; the capped SAFE's shares 10% of L = 902,777.7 ->
    // 902,777 (the old code left the discount SAFE out: L = 80,000,000 / 9, 888,888 shares).
    const std::vector<safe> safes{safe::post_money_discount(holder_id("d"), 100'000_usd, fraction(1, 5), year{2024} / 1 / 1),
                                  safe::post_money_cap(holder_id("c"), 500'000_usd, 5_M, year{2024} / 2 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(8'000'000, 1'000));
    CHECK(r.exact_post_money_capitalization == exact_rational(fraction(81'250'000, 9)));
    CHECK(r.payouts[0].paid == 125'000_usd);
    CHECK(r.payouts[1].choice == liquidity_choice::conversion);
    CHECK(r.payouts[1].exact_conversion_shares == exact_rational(fraction(8'125'000, 9)));
    CHECK(r.payouts[1].conversion_shares == share_count(902'777));
    CHECK(r.payouts[1].paid == 902'777_usd);
    CHECK(r.conversion_shares == share_count(1'027'777));
}

TEST_CASE("property (seeded): cash-out amounts short of the proceeds — exact totals, pro-rata floors, monotone SAFE totals") {
    // Random SAFE lists (post-money capped, discount-only, uncapped, MFN; pre-money capped; the
    // same holder several times) at a low event price, so most cash out, with cash-out proceeds
    // stepped up from zero: the cash-out payments of the two tiers (pre-money SAFEs first, then
    // the rest with the preference) add up exactly to min(proceeds, claims); no SAFE gets less
    // than min(its cash-out, the floor of its pro-rata share of its tier's proceeds); a pre-money
    // SAFE's cash plus its remainder shares at its liquidity price is its purchase amount exactly;
    // a converting SAFE is paid its conversion amount; the SAFEs' total never falls as the
    // proceeds grow. (Each single claim
    // is not monotone: the largest-remainder split can move a mill between claims as the proceeds
    // grow by a mill; every claim stays within a mill of pro rata.)
    std::uint64_t state = 20261206;
    const auto next = [&state](std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    };
    int shortfalls = 0;
    int pre_shortfalls = 0;
    int conversions = 0;
    for (int trial = 0; trial < 40; ++trial) {
        std::vector<safe> safes;
        const std::size_t n = 1 + static_cast<std::size_t>(next(8));
        for (std::size_t i = 0; i < n; ++i) {
            const holder_id who("h" + std::to_string(next(3)));
            const money a = money::from_units(static_cast<std::int64_t>(1 + next(500'000'000)));
            const calendar_date on = year{2024} / static_cast<unsigned>(1 + next(12)) / 1;
            const money cap = money::from_units(static_cast<std::int64_t>(2'000'000'000 + next(40'000'000'000)));
            switch (next(5)) {
                case 0: safes.push_back(safe::post_money_cap(who, a, cap, on)); break;
                case 1: safes.push_back(safe::post_money_discount(who, a, fraction(static_cast<std::int64_t>(1 + next(40)), 100), on)); break;
                case 2: safes.push_back(safe::post_money_uncapped(who, a, on)); break;
                case 3: safes.push_back(safe::post_money_mfn(who, a, on)); break;
                default: safes.push_back(safe::pre_money_cap(who, a, cap, on)); break;
            }
        }
        liquidity_terms t = event(10'000'000, static_cast<std::int64_t>(1 + next(1'500)));
        t.other_claims = {{"Series Seed preference", money::from_units(static_cast<std::int64_t>(1 + next(900'000'000)))}};
        money last_total = 0_usd;
        for (std::int64_t proceeds = 0; proceeds < 4'000'000'000; proceeds = proceeds * 3 + 99'991) {
            t.cash_out_proceeds = money::from_units(proceeds);
            const safe_liquidity_result r = safe_liquidity_payouts(safes, t);
            money pre_claimed = 0_usd;
            money claimed = t.other_claims[0].amount;
            for (std::size_t i = 0; i < safes.size(); ++i) {
                if (r.payouts[i].choice != liquidity_choice::cash_out) continue;
                (safes[i].form == safe_form::pre_money ? pre_claimed : claimed) += r.payouts[i].cash_out_amount;
            }
            REQUIRE(r.cash_out.has_value());
            REQUIRE(r.pre_money_cash_out.has_value() == pre_claimed.is_positive());
            const money pre_paid = std::min(pre_claimed, money::from_units(proceeds));
            const money rest = money::from_units(proceeds) - pre_paid;
            if (r.pre_money_cash_out) CHECK(r.pre_money_cash_out->paid == pre_paid);
            money paid = 0_usd;
            for (const claim_payment& c : r.cash_out->payments) paid += c.paid;
            CHECK(paid == std::min(claimed, rest));
            CHECK(r.cash_out->left_over == rest - paid);
            if (r.cash_out->shortfall) ++shortfalls;
            if (r.pre_money_cash_out && r.pre_money_cash_out->shortfall) ++pre_shortfalls;
            share_count remainder;
            for (std::size_t i = 0; i < safes.size(); ++i) {
                const safe_liquidity_payout& s = r.payouts[i];
                remainder += s.remainder_shares;
                if (s.choice == liquidity_choice::conversion) {
                    ++conversions;
                    CHECK(s.paid == s.conversion_amount);
                    CHECK(s.paid > s.cash_out_amount);
                    CHECK(s.unpaid == 0_usd);
                    CHECK(s.remainder_shares == share_count());
                    continue;
                }
                // floor(tier proceeds x A / tier claims), exactly on 128 bits (both below 2^63).
                const bool pre = safes[i].form == safe_form::pre_money;
                const std::int64_t tier_proceeds = pre ? proceeds : rest.units();
                const money tier_claimed = pre ? pre_claimed : claimed;
                const auto share = static_cast<std::int64_t>(detail::int128(tier_proceeds) * s.cash_out_amount.units() / tier_claimed.units());
                CHECK(s.paid >= std::min(s.cash_out_amount, money::from_units(share)));
                CHECK(s.paid <= s.cash_out_amount);
                CHECK(s.unpaid == s.cash_out_amount - s.paid);
                if (!pre) {
                    CHECK(s.remainder_shares == share_count());
                    continue;
                }
                // Cash paid plus the remainder shares at the liquidity price is the purchase amount, exactly.
                const detail::big_rational at_price = s.exact_remainder_shares.big() * s.exact_liquidity_price_units.big();
                CHECK(exact_rational(at_price + detail::big_rational(fraction(s.paid.units()))) == exact_rational(fraction(s.cash_out_amount.units())));
                CHECK(s.remainder_shares.value() == s.exact_remainder_shares.big().scaled_rounded(1, rounding::floor));
            }
            CHECK(r.remainder_shares == remainder);
            CHECK(r.total_paid() >= last_total);
            last_total = r.total_paid();
        }
    }
    CHECK(shortfalls > 100);
    CHECK(pre_shortfalls > 50);
    CHECK(conversions > 10);
}

TEST_CASE("every problem at once: a post-money cap at or below the purchase amount, dissolution proceeds and preferred, an overflowing claims total") {
    // Regression (review of 2026-12-06): a post-money cap at or below the purchase amount was found
    // only in the solve, after every other problem had been fixed, and alone; the old code
    // reported just safes[0].date here.
    const std::vector<safe> safes{safe::post_money_cap(holder_id("a"), 100'000_usd, 8_M, calendar_date{}),
                                  safe::post_money_cap(holder_id("b"), 100'000_usd, money::from_units(1), year{2024} / 1 / 1),
                                  safe::post_money_mfn(holder_id("m"), 100'000_usd, year{2023} / 1 / 1)};
    try {
        (void)safe_liquidity_payouts(safes, event(1'000'000, 1'000));
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        std::vector<std::string> got;
        for (const diagnostic& d : e.problems()) got.push_back(d.message());
        CHECK(got == std::vector<std::string>{
                         "safes[0] \"a\".date = 0000-00-00: is not a valid calendar date",
                         "safes[1] \"b\".valuation_cap = $0.001: must exceed the purchase amount $100,000.00: a post-money "
                         "SAFE's purchase amount over its cap is its share of the company, below 100%",
                         "safes[2] \"m\".valuation_cap = $0.001 (safes[1]'s, by MFN): must exceed the purchase amount "
                         "$100,000.00: a post-money SAFE's purchase amount over its cap is its share of the company, below 100%"});
    }
    // A dissolution checks the proceeds and the preferred with the SAFEs (the old code reported
    // only the SAFE, and with valid SAFEs blamed a SAFE's amount for the proceeds' currency).
    try {
        (void)safe_dissolution_payouts({safe::post_money_cap(holder_id(""), 1_M, 10_M, year{2024} / 1 / 1)}, money::from_units(-1),
                                       {{"Series Seed preference", 500'000_eur}});
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        std::vector<std::string> got;
        for (const diagnostic& d : e.problems()) got.push_back(d.message());
        CHECK(got == std::vector<std::string>{"safes[0].holder = \"\": name the holder (a holder id on the cap table)",
                                              "proceeds = -$0.001: must not be negative",
                                              "preferred[0] \"Series Seed preference\".amount = €500,000.00: must be in USD, the SAFEs' currency"});
    }
    try {
        (void)safe_dissolution_payouts({safe::post_money_cap(holder_id("a"), 1_M, 10_M, year{2024} / 1 / 1)}, 600'000_eur);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message() == "proceeds = €600,000.00: must be in USD, the SAFEs' currency");
    }
    // Claims totalling past the 64-bit range: a problem named, not a bare overflow of the sum (the
    // old code threw overflow_error "money addition overflows").
    const money big = money::from_units(detail::int64_max / 3 + 1);
    try {
        (void)pay_pari_passu(100_usd, {{"a", big}, {"b", big}, {"c", big}});
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].message() ==
              "claims = 3 claims: must total at most $9,223,372,036,854,775.807, the 64-bit amount range: their sum would overflow");
    }
    // A conversion past 64 bits names its SAFE (the old message: "conversion amount overflows").
    const std::vector<safe> huge{safe::pre_money_cap(holder_id("a"), 100'000_usd, money::from_units(1), year{2024} / 1 / 1)};
    CHECK_THROWS_WITH_AS((void)safe_liquidity_payouts(huge, event(1'000'000'000, 1'000'000)),
                         doctest::Contains("safes[0] \"a\" conversion amount overflows"), overflow_error);
}

TEST_CASE("liquidity event: a cap-and-discount SAFE's liquidity price is the cap's alone; the discount is for a financing") {
    // The post-money "Valuation Cap and Discount" form prices a Liquidity Event at the Post-Money
    // Valuation Cap over the Liquidity Capitalization only (teju-finance's SAFE course, "Valuation
    // Cap and Discount Rate": "In the case of a Liquidation, the conversion of the SAFE is the same
    // as a Standard SAFE with a Valuation Cap and NO Discount Rate"). B = 8,500,000, $500,000 at a
    // $5M cap and 20% off, $0.40 a share: joining, L = 8,500,000 / 0.9, price $5M / L = 9000/17
    // mills, 944,444 shares worth $377,777.60 < $500,000: the cash-out. (Priced at the discount,
    // $0.32, it would have converted: 1,562,500 shares worth $625,000.)
    const std::vector<safe> safes{safe::post_money_cap_and_discount(holder_id("a"), 500'000_usd, 5_M, fraction(1, 5), year{2024} / 1 / 1)};
    const safe_liquidity_result r = safe_liquidity_payouts(safes, event(8'500'000, 400));
    CHECK(r.payouts[0].exact_liquidity_price_units == exact_rational(fraction(9'000, 17)));
    CHECK(r.payouts[0].conversion_shares == share_count(944'444));
    CHECK(r.payouts[0].conversion_amount == money::from_units(377'777'600));
    CHECK(r.payouts[0].choice == liquidity_choice::cash_out);
    CHECK(r.payouts[0].paid == 500'000_usd);
}

TEST_CASE("safe_liquidity_payouts: roundings and SAFE terms outside their enumerations are listed, not computed") {
    // Regression: an unknown share or amount rounding was used (truncating), an unknown SAFE form
    // was left out of the post-money SAFEs' sum but priced off L like one; to_string() of an
    // unknown choice said "conversion".
    const std::string rule = "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even";
    std::vector<safe> safes{safe::post_money_cap(holder_id("angel"), 1_M, 10_M, year{2024} / 1 / 1)};
    safes[0].form = static_cast<safe_form>(4);
    liquidity_terms t = event(9'000'000, 2'000);
    t.share_rounding = static_cast<rounding>(8);
    t.amount_rounding = static_cast<rounding>(-1);
    try {
        (void)safe_liquidity_payouts(safes, t);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        const std::vector<diagnostic> expected = {
            {field_path("safes").index(0, "angel").member("form"), "4", "must be post_money or pre_money"},
            {field_path("terms").member("share_rounding"), "8", rule},
            {field_path("terms").member("amount_rounding"), "-1", rule},
        };
        CHECK(e.problems() == expected);
    }
    CHECK(to_string(static_cast<liquidity_choice>(2)) == "unknown");
}


// The pre-money safe at a liquidity event and a dissolution (eighth session). Y Combinator's
// pre-money safe (the 2016-2018 forms; the valuation-cap form here), section 1(b): on a
// shortfall "all of the Company's available funds will be distributed with equal priority and pro
// rata among the Cash-Out Investors in proportion to their Purchase Amounts, and the Cash-Out
// Investors will automatically receive the number of shares of Common Stock equal to the
// remaining unpaid Purchase Amount divided by the Liquidity Price" (Liquidity Price = Valuation
// Cap / Liquidity Capitalization, every SAFE and note excluded); section 1(c): the Purchase
// Amount at a dissolution "will be paid prior and in preference to any Distribution of any of the
// assets of the Company to holders of outstanding Capital Stock". The post-money safe (2018-)
// has neither: its section 1(d) puts the cash-out on par with the preferred, pro rata on a
// shortfall, and converts nothing unpaid.
namespace {

// B = 9,000,000 shares; the buyer pays p = $0.50 a share.
// a: pre-money $600,000 at a $7M cap: liquidity price $7M / 9,000,000 = $7/9; 771,428 shares
//    (600,000 x 9/7 = 771,428.57, floored) x $0.50 = $385,714.00 < $600,000: cash-out.
// b: pre-money, no cap: price p; 800,000 shares worth exactly $400,000: a tie, cash-out.
// c: post-money $500,000 at a $10M cap: joining, L = 9,000,000 / 0.95 and its 5% of L is
//    473,684 shares x $0.50 = $236,842.00 < $500,000: cash-out.
// And a $500,000 Series Seed preference.
std::vector<safe> three_cash_outs() {
    safe b = safe::post_money_uncapped(holder_id("b"), 400'000_usd, year{2017} / 6 / 1);
    b.form = safe_form::pre_money;
    return {safe::pre_money_cap(holder_id("a"), 600'000_usd, 7_M, year{2017} / 1 / 1), b,
            safe::post_money_cap(holder_id("c"), 500'000_usd, 10_M, year{2019} / 1 / 1)};
}

liquidity_terms three_cash_outs_event(money proceeds) {
    liquidity_terms t = event(9'000'000, 500);
    t.cash_out_proceeds = proceeds;
    t.other_claims = {{"Series Seed preference", 500'000_usd}};
    return t;
}

}  // namespace

TEST_CASE("pre-money SAFEs short of the cash-out proceeds: paid first, pro rata, the unpaid rest converted into common") {
    // Worked by hand. $700,000 of cash-out proceeds. The pre-money SAFEs (the Cash-Out Investors
    // of their form) take all of it first: $1,000,000 claimed, 70% each: a $420,000, b $280,000.
    // Nothing is left for c and the preference (on par with each other, junior to a and b).
    // a's unpaid $180,000 / ($7/9) = 1,620,000/7 = 231,428.57 shares, floored to 231,428, worth
    // 231,428 x $0.50 = $115,714.00; b's $120,000 / $0.50 = 240,000 shares, worth $120,000.00.
    // Reconciles: a $420,000 + 1,620,000/7 x $7/9 = $420,000 + $180,000 = $600,000.
    const std::vector<safe> safes = three_cash_outs();
    const safe_liquidity_result r = safe_liquidity_payouts(safes, three_cash_outs_event(700'000_usd));
    const safe_liquidity_payout& a = r.payouts.at(0);
    const safe_liquidity_payout& b = r.payouts.at(1);
    const safe_liquidity_payout& c = r.payouts.at(2);
    CHECK(a.choice == liquidity_choice::cash_out);
    CHECK(b.choice == liquidity_choice::cash_out);
    CHECK(c.choice == liquidity_choice::cash_out);
    CHECK(a.conversion_amount == 385'714_usd);
    CHECK(a.exact_liquidity_price_units == exact_rational(fraction(7'000, 9)));
    // Regression: the old code paid all four claims on par, $700,000 / $2,000,000 = 35% each:
    // a $210,000, b $140,000, c $175,000, the preference $175,000, and converted nothing.
    CHECK(a.paid == 420'000_usd);
    CHECK(b.paid == 280'000_usd);
    CHECK(c.paid == 0_usd);
    REQUIRE(r.pre_money_cash_out.has_value());
    CHECK(r.pre_money_cash_out->shortfall);
    CHECK(r.pre_money_cash_out->left_over == 0_usd);
    REQUIRE(r.cash_out.has_value());
    CHECK(r.cash_out->proceeds == 0_usd);
    CHECK(r.cash_out->payments.at(1).name == "Series Seed preference");
    CHECK(r.cash_out->payments.at(1).paid == 0_usd);
    CHECK(a.unpaid == 180'000_usd);
    CHECK(a.exact_remainder_shares == exact_rational(fraction(1'620'000, 7)));
    CHECK(a.remainder_shares == share_count(231'428));
    CHECK(a.remainder_value == 115'714_usd);
    CHECK(b.unpaid == 120'000_usd);
    CHECK(b.exact_remainder_shares == exact_rational(fraction(240'000)));
    CHECK(b.remainder_shares == share_count(240'000));
    CHECK(b.remainder_value == 120'000_usd);
    // The post-money SAFE's form converts nothing unpaid.
    CHECK(c.unpaid == 500'000_usd);
    CHECK(c.exact_remainder_shares == exact_rational());
    CHECK(c.remainder_shares == share_count());
    CHECK(c.remainder_value == 0_usd);
    CHECK(r.remainder_shares == share_count(471'428));
    CHECK(r.conversion_shares == share_count());
    CHECK(r.total_paid() == 700'000_usd);
    // Invariant: cash paid + the remainder shares at the liquidity price = the purchase amount, exactly.
    for (const safe_liquidity_payout& s : {a, b}) {
        const detail::big_rational back = s.exact_remainder_shares.big() * s.exact_liquidity_price_units.big() +
                                          detail::big_rational(fraction(s.paid.units()));
        CHECK(exact_rational(back) == exact_rational(fraction(s.cash_out_amount.units())));
    }
    // The terms' share rounding names the whole shares: half away from zero, 231,429 worth $115,714.50.
    liquidity_terms up = three_cash_outs_event(700'000_usd);
    up.share_rounding = rounding::half_away_from_zero;
    const safe_liquidity_result u = safe_liquidity_payouts(safes, up);
    CHECK(u.payouts.at(0).remainder_shares == share_count(231'429));
    CHECK(u.payouts.at(0).remainder_value == money::from_units(115'714'500));
}

TEST_CASE("pre-money SAFEs paid in full at a liquidity event: the post-money SAFE and the preferred share the rest on par") {
    // $1,300,000: a and b take their $1,000,000 in full (nothing unpaid, no shares); the $300,000
    // left goes to c and the preference, $500,000 each: $150,000 each. c's $350,000 stays unpaid.
    // Regression: the old code paid the four claims on par, 65% each (a $390,000, b $260,000).
    const safe_liquidity_result r = safe_liquidity_payouts(three_cash_outs(), three_cash_outs_event(1'300'000_usd));
    CHECK(r.payouts.at(0).paid == 600'000_usd);
    CHECK(r.payouts.at(1).paid == 400'000_usd);
    CHECK(r.payouts.at(2).paid == 150'000_usd);
    REQUIRE(r.pre_money_cash_out.has_value());
    CHECK_FALSE(r.pre_money_cash_out->shortfall);
    REQUIRE(r.cash_out.has_value());
    CHECK(r.cash_out->proceeds == 300'000_usd);
    CHECK(r.cash_out->payments.at(1).paid == 150'000_usd);
    CHECK(r.payouts.at(0).unpaid == 0_usd);
    CHECK(r.payouts.at(0).remainder_shares == share_count());
    CHECK(r.payouts.at(2).unpaid == 350'000_usd);
    CHECK(r.remainder_shares == share_count());
    // Without proceeds named every cash-out is paid in full, as before.
    liquidity_terms enough = three_cash_outs_event(0_usd);
    enough.cash_out_proceeds.reset();
    const safe_liquidity_result e = safe_liquidity_payouts(three_cash_outs(), enough);
    CHECK(e.total_paid() == 1'500'000_usd);
    CHECK_FALSE(e.pre_money_cash_out.has_value());
    CHECK_FALSE(e.cash_out.has_value());
}

TEST_CASE("dissolution: pre-money SAFEs before all capital stock, post-money SAFEs on par with the preferred") {
    // a: pre-money $300,000; b: post-money $200,000; a $500,000 Series Seed preference; $600,000.
    // a first, in full: $300,000; the $300,000 left is 3/7 of b's and the preference's $700,000:
    // b 85,714,285.71 mills, the preference 214,285,714.29; floors sum to 299,999,999 and the mill
    // left goes to the larger remainder (b's .71): b $85,714.286, the preference $214,285.714.
    // Regression: the old code paid all three on par, 60%: a $180,000, b $120,000, preference $300,000.
    const std::vector<safe> safes{safe::pre_money_cap(holder_id("a"), 300'000_usd, 5_M, year{2017} / 1 / 1),
                                  safe::post_money_cap(holder_id("b"), 200'000_usd, 5_M, year{2019} / 1 / 1)};
    const std::vector<pari_passu_claim> pref{{"Series Seed preference", 500'000_usd}};
    const safe_dissolution_result d = safe_dissolution_payouts(safes, 600'000_usd, pref);
    CHECK(d.safe_paid == std::vector<money>{300'000_usd, money::from_units(85'714'286)});
    CHECK(d.pre_money.payments.size() == 1);
    CHECK_FALSE(d.pre_money.shortfall);
    CHECK(d.distribution.proceeds == 300'000_usd);
    CHECK(d.distribution.payments.at(0).name == "safes[1] b");
    CHECK(d.distribution.payments.at(1).paid == money::from_units(214'285'714));
    CHECK(d.distribution.shortfall);
    CHECK(d.distribution.left_over == 0_usd);
    // Pre-money SAFEs short on their own: pro rata among them, nothing for the rest.
    // $200,000 over a's $300,000 and a2's $100,000: 50% each, $150,000 and $50,000.
    const std::vector<safe> two_pre{safe::pre_money_cap(holder_id("a"), 300'000_usd, 5_M, year{2017} / 1 / 1),
                                    safe::pre_money_cap(holder_id("a2"), 100'000_usd, 4_M, year{2017} / 3 / 1),
                                    safe::post_money_cap(holder_id("b"), 200'000_usd, 5_M, year{2019} / 1 / 1)};
    const safe_dissolution_result s = safe_dissolution_payouts(two_pre, 200'000_usd, pref);
    CHECK(s.safe_paid == std::vector<money>{150'000_usd, 50'000_usd, 0_usd});
    CHECK(s.pre_money.shortfall);
    CHECK(s.distribution.paid == 0_usd);
    // Everything covered: what is left goes on to common, and the tiers reconcile to the proceeds.
    const safe_dissolution_result f = safe_dissolution_payouts(two_pre, 1'500'000_usd, pref);
    CHECK(f.safe_paid == std::vector<money>{300'000_usd, 100'000_usd, 200'000_usd});
    CHECK(f.distribution.left_over == 400'000_usd);
    CHECK(f.pre_money.paid + f.distribution.paid + f.distribution.left_over == 1'500'000_usd);
    // Only post-money SAFEs: the pre-money tier is empty and passes the proceeds on whole.
    const safe_dissolution_result p = safe_dissolution_payouts({safes[1]}, 600'000_usd, pref);
    CHECK(p.pre_money.payments.empty());
    CHECK(p.pre_money.left_over == 600'000_usd);
    CHECK(p.safe_paid == std::vector<money>{money::from_units(171'428'571)});
}

}  // namespace test_safe_events
