// Public worked examples modelled the way a new user would: from README.md and docs/ only, with
// the umbrella header. Each test cites its source and asserts the published figures exactly;
// where a source rounds or says less than the model needs, the comment says what is ours and
// how the published figure reconciles with the exact one.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include <string>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_public_examples {

using namespace fundround;
using namespace fundround::literals;

// Holder `id`'s payout at one exit, by its position on the table (waterfall_payout::by_holder is
// in cap_table::holders() order).
money payout_of(const cap_table& t, const waterfall_payout& p, const char* id) {
    return p.by_holder.at(*t.holder_index(holder_id(id)));
}

// Line `name`'s status at one exit (classes come first, in table order).
line_status status_of(const cap_table& t, const waterfall_payout& p, const char* name) {
    return p.status.at(*t.class_index(name));
}

// CYT Law, "Post-Money SAFE Math Problems" (Medium, https://medium.com/@cytlaw/post-money-safe-math-problems-3f9afca5be61):
// "a $1,000,000 SAFE with a $10,000,000 post-money valuation cap represents 10% of a company
// immediately prior to a preferred stock financing ... If a founder owned 100% of the company
// prior to issuing the SAFE, that founder now owns 90%. If a second SAFE is issued to another
// investor for $600,000 at a $15,000,000 post-money valuation cap, the new investor knows that
// its SAFE represents 4% of the company ... the first SAFE still represents 10%", so the
// founder holds 86%. Ours: the founder's 8,600,000 shares (so that the capitalization is a round
// 10,000,000), no option pool, and a Series A of $5M at a $30M pre-money (above both caps, so
// both SAFEs convert at their caps); the dates.
TEST_CASE("CYT Law: post-money SAFEs at $10M and $15M caps hold 10% and 4%, the founder 86%") {
    const cap_table seed = cap_table_builder()
                               .add(holder::founder("founder", "Founder"))
                               .add(holder::investor("s1", "SAFE 1"))
                               .add(holder::investor("s2", "SAFE 2"))
                               .add(holder::investor("lead", "Lead"))
                               .add(share_class::common("Common"))
                               .holding(holder_id("founder"), "Common", share_count(8'600'000))
                               .build();
    const safe first = safe::post_money_cap(holder_id("s1"), 1_M, 10_M, year{2025} / 1 / 15);
    const safe second = safe::post_money_cap(holder_id("s2"), 600_K, 15_M, year{2025} / 9 / 1);

    SUBCASE("both SAFEs: 10%, 4% and 86% of the capitalization right before the new money") {
        const converted_round a = conversion_round("Series A", "Series A Preferred", year{2026} / 6 / 30)
                                      .pre_money(30_M)
                                      .invest(holder_id("lead"), 5_M)
                                      .convert(first)
                                      .convert(second)
                                      .apply_to(seed);
        const fraction q = a.exact_capitalization().to_fraction();
        CHECK(q == fraction(10'000'000));
        const instrument_conversion& c1 = a.safe_conversion(0);
        const instrument_conversion& c2 = a.safe_conversion(1);
        CHECK(c1.basis == conversion_basis::cap);
        CHECK(c2.basis == conversion_basis::cap);
        CHECK(c1.exact_shares.to_fraction() / q == fraction(10, 100));
        CHECK(c2.exact_shares.to_fraction() / q == fraction(4, 100));
        CHECK(fraction(8'600'000) / q == fraction(86, 100));
        CHECK(c1.shares == share_count(1'000'000));
        CHECK(c2.shares == share_count(400'000));
        // The cap price is the cap over Q: $1.00 and $1.50 a share; the round price $30M / Q = $3.
        CHECK(c1.conversion_price == price_per_share(1_usd, share_count(1)));
        CHECK(c2.conversion_price == price_per_share(3_usd, share_count(2)));
        CHECK(a.price() == price_per_share(3_usd, share_count(1)));
        // The Series A then dilutes everyone alike: $5M of $35M post-money.
        CHECK(a.new_money().investment_of(holder_id("lead")).shares == share_count(1'666'666));
        CHECK(a.after().ownership(holder_id("s1")) == fraction(1'000'000, 11'666'666));
    }
    SUBCASE("the first SAFE alone: 10%, the founder 90%") {
        const converted_round a = conversion_round("Series A", "Series A Preferred", year{2026} / 6 / 30)
                                      .pre_money(30_M)
                                      .invest(holder_id("lead"), 5_M)
                                      .convert(first)
                                      .apply_to(seed);
        const fraction q = a.exact_capitalization().to_fraction();
        CHECK(a.safe_conversion(0).exact_shares.to_fraction() / q == fraction(1, 10));
        CHECK(fraction(8'600'000) / q == fraction(9, 10));
    }
}

// FundersClub glossary, "Interest (in a convertible note)"
// (https://fundersclub.com/learn/glossary/q/convertible-note-interest/): "if an investor invests
// $1 million in a convertible note with 5% interest, and a year later, is converted at a
// valuation of $10 million. The investor will own $1 million * 1.05 = $1.05 million / $10
// million = 10.5% of the company." Also Aparna Gupta, "Convertible note, part 3"
// (https://aparanagupta.com/2022/01/13/convertible-note-3.html): "if the interest rate is 5% on
// a $500k note and the next equity financing round occurs after one year, then conversion would
// happen on $525k".
//
// One year of 5% is the same simple or compounded annually, and on Actual/365 Fixed (the
// default) a non-leap year is exactly one: 2023-03-01 to 2024-03-01 is 366 days (it spans
// 2024-02-29), so the dates are 2022-03-01 to 2023-03-01. "Converted at a valuation of $10
// million" is 10.5% only when $10M is the valuation *after* the note's shares (a post-money cap):
// with the usual pre-money cap the note holds 1.05M / 10M = 10.5% *of the pre-money
// capitalization*, 1.05 / 11.05 = 9.50% once its shares are added. Ours: 10,000,000 founder
// shares, a $2M Series A at a $20M pre-money (above the cap), the note's maturity.
TEST_CASE("FundersClub: a $1M note at 5% for a year converts $1.05M, 10.5% at a $10M valuation") {
    convertible_note n;
    n.holder = holder_id("note");
    n.principal = 1_M;
    n.issue_date = year{2022} / 3 / 1;
    n.maturity_date = year{2024} / 3 / 1;
    n.annual_rate = fraction(5, 100);
    n.valuation_cap = 10_M;
    const calendar_date close = year{2023} / 3 / 1;
    CHECK(n.years_to(close) == fraction(1));
    CHECK(n.conversion_amount(close) == 1'050'000_usd);
    n.method = interest_method::compound;  // annually, by default
    CHECK(n.conversion_amount(close) == 1'050'000_usd);
    n.method = interest_method::simple;

    // The same year a year later, across 29 February 2024: 366/365 of a year on the default
    // Actual/365 Fixed.
    convertible_note leap = n;
    leap.issue_date = year{2023} / 3 / 1;
    leap.maturity_date = year{2025} / 3 / 1;
    CHECK(leap.accrued_interest(year{2024} / 3 / 1) == 50'136.986_usd);
    convertible_note gupta = n;
    gupta.principal = 500_K;
    CHECK(gupta.conversion_amount(close) == 525'000_usd);

    const cap_table t = cap_table_builder()
                            .add(holder::founder("founder", "Founder"))
                            .add(holder::investor("note", "Noteholder"))
                            .add(holder::investor("lead", "Lead"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("founder"), "Common", share_count(10'000'000))
                            .build();
    const auto round = [&](const convertible_note& note) {
        return conversion_round("Series A", "Series A Preferred", close)
            .pre_money(20_M)
            .invest(holder_id("lead"), 2_M)
            .convert(note)
            .apply_to(t);
    };

    SUBCASE("a post-money cap: 10.5% of the capitalization, as the glossary says") {
        convertible_note post = n;
        post.cap_form = safe_form::post_money;
        const converted_round a = round(post);
        const instrument_conversion& c = a.note_conversion(0);
        CHECK(c.amount == 1'050'000_usd);
        CHECK(c.interest == 50'000_usd);
        CHECK(c.basis == conversion_basis::cap);
        CHECK(c.exact_shares.to_fraction() / a.exact_capitalization().to_fraction() == fraction(105, 1000));
    }
    SUBCASE("the usual pre-money cap: 10.5% of the pre-money shares, 9.50% after conversion") {
        const converted_round a = round(n);
        const instrument_conversion& c = a.note_conversion(0);
        CHECK(c.basis == conversion_basis::cap);
        CHECK(c.conversion_price == price_per_share(1_usd, share_count(1)));  // $10M / 10,000,000
        CHECK(c.shares == share_count(1'050'000));
        
        const fraction after_conversion = c.exact_shares.to_fraction() / a.exact_capitalization().to_fraction();
        CHECK(after_conversion == fraction(105, 1105));
        CHECK(after_conversion.to_percent_string(2) == "9.50%");
    }
}

// VC Beast glossary, "Liquidation Stack"
// (https://vcbeast.com/venture-capital-glossary/liquidation-stack), "In Practice": "Series C
// ($50M, 1x non-participating) at the top, followed by Series B ($30M, 1x participating), Series
// A ($10M, 1x participating), then common shareholders. When the company sold for $120M, Series C
// took $50M off the top, Series B took $30M plus participation, leaving only $15M for Series A
// participation and common holders."
//
// The source gives no share counts, and its "$15M" reads two ways; each pins one ratio. After
// the three preferences ($90M) the $30M left is shared by Series B, Series A and common (Series
// C keeps its preference: it is non-participating and converting would pay it less).
//  - Read literally, $15M is Series A's and common's *participation*: Series B holds half of the
//    shares that share, its participation is $15M, $45M in all.
//  - Read as all that Series A and common receive, Series A's $10M preference included: they
//    share $5M of the $30M, Series B holds 5/6 of the shares that share and takes $55M.
// Ours: the share counts and prices below, chosen to give the stated preferences and the ratio,
// with Series C small enough that $50M beats converting.
TEST_CASE("VC Beast: a $120M exit through a senior C, participating B and A: C $50M, $15M left") {
    liquidation_terms c_terms;
    c_terms.seniority = 2;
    liquidation_terms b_terms;
    b_terms.participation = participation::full();
    b_terms.seniority = 1;
    liquidation_terms a_terms;
    a_terms.participation = participation::full();
    const auto company = [&](share_count common, price_per_share a_price, share_count a,
                             price_per_share b_price, share_count b) {
        return cap_table_builder()
            .add(holder::founder("founders", "Founders"))
            .add(holder::investor("a", "Series A investors"))
            .add(holder::investor("b", "Series B investors"))
            .add(holder::investor("c", "Series C investors"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", a_price, a_terms))
            .add(share_class::preferred("Series B", b_price, b_terms))
            .add(share_class::preferred("Series C", price_per_share(20_usd, share_count(1)), c_terms))
            .holding(holder_id("founders"), "Common", common)
            .holding(holder_id("a"), "Series A", a)
            .holding(holder_id("b"), "Series B", b)
            .holding(holder_id("c"), "Series C", share_count(2'500'000))  // $50M at $20.00
            .build();
    };

    SUBCASE("$15M of participation: Series B half of the shares that share, $45M") {
        // Common 6,000,000; Series A 2,000,000 at $5.00 ($10M); Series B 8,000,000 at $3.75
        // ($30M): Series B has 8 of the 16M shares that share. Series C converting would get
        // 2.5M / 18.5M of $120M, $16.2M.
        const cap_table t = company(share_count(6'000'000), price_per_share(5_usd, share_count(1)),
                                    share_count(2'000'000), price_per_share(15_usd, share_count(4)),
                                    share_count(8'000'000));
        const waterfall_payout p = waterfall::build(t).at(120_M);
        CHECK(payout_of(t, p, "c") == 50_M);
        CHECK(payout_of(t, p, "b") == 45_M);  // $30M + $15M of participation
        CHECK(payout_of(t, p, "a") == 13'750'000_usd);
        CHECK(payout_of(t, p, "founders") == 11'250'000_usd);
        CHECK(payout_of(t, p, "a") - 10_M + payout_of(t, p, "founders") == 15_M);
        CHECK(status_of(t, p, "Series C") == line_status::preference);
        CHECK(status_of(t, p, "Series B") == line_status::participating);
        CHECK(status_of(t, p, "Series A") == line_status::participating);
    }
    SUBCASE("$15M in all to Series A and common: Series B 5/6 of the shares that share, $55M") {
        // Common 1,000,000; Series A 200,000 at $50.00 ($10M); Series B 6,000,000 at $5.00
        // ($30M): Series B has 6 of the 7.2M shares that share. Series C converting would get
        // 2.5M / 9.7M of $120M, $30.9M.
        const cap_table t = company(share_count(1'000'000), price_per_share(50_usd, share_count(1)),
                                    share_count(200'000), price_per_share(5_usd, share_count(1)),
                                    share_count(6'000'000));
        const waterfall_payout p = waterfall::build(t).at(120_M);
        CHECK(payout_of(t, p, "c") == 50_M);
        CHECK(payout_of(t, p, "b") == 55_M);  // $30M + $25M of participation
        CHECK(payout_of(t, p, "a") + payout_of(t, p, "founders") == 15_M);
        // $10M + 0.2/7.2 of $30M, and 1/7.2 of it: the last mill by the largest remainder.
        CHECK(payout_of(t, p, "a") == 10'833'333.333_usd);
        CHECK(payout_of(t, p, "founders") == 4'166'666.667_usd);
        CHECK(status_of(t, p, "Series C") == line_status::preference);
    }
}

// JMFG, "Convertible Note" (https://jmfg.ca/psychology/money-strategies/tactics/convertible-note),
// "How It Works": "Investor lends $100K as a note ... Note has valuation cap of $4M and 20%
// discount ... Company later raises at $8M valuation ... Investor converts at lower of: cap ($4M)
// or discount ($6.4M) ... Investor gets $100K worth of shares at $4M valuation = 2.5%".
//
// The source states the comparison as valuations: the discount's "$6.4M" is 80% of the $8M, which
// is a price only when the round is priced on the shares before it, P = $8M / F0 (the "pre-money
// method", conversion_pricing::conversion_shares_not_in_pre_money); the cap's "$4M" is the cap
// over F0 (the note's default pre-money cap form). "2.5%" is $100K / $4M: the note's shares over
// F0, the pre-money shares; once its own shares are counted it holds 250,000 / 10,250,000 =
// 2.44%, and less after the new money. It gives no interest: ours is a note at 0%. Ours also: the
// 10,000,000 founder shares (no pool), a $2M Series A, the dates.
TEST_CASE("JMFG: a $100K note with a $4M cap and 20% off converts at the cap in an $8M round: 2.5%") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("founder", "Founder"))
                            .add(holder::investor("note", "Noteholder"))
                            .add(holder::investor("lead", "Lead"))
                            .add(share_class::common("Common"))
                            .holding(holder_id("founder"), "Common", share_count(10'000'000))
                            .build();
    convertible_note n;
    n.holder = holder_id("note");
    n.principal = 100_K;
    n.issue_date = year{2024} / 1 / 15;
    n.maturity_date = year{2026} / 1 / 15;
    n.valuation_cap = 4_M;
    n.discount = fraction(1, 5);
    const auto round = [&](conversion_pricing convention) {
        return conversion_round("Series A", "Series A Preferred", year{2025} / 6 / 30)
            .pre_money(8_M)
            .invest(holder_id("lead"), 2_M)
            .convention(convention)
            .convert(n)
            .apply_to(t);
    };

    SUBCASE("priced on the shares before the round: the source's $8M, $6.4M and $4M as prices") {
        const converted_round a = round(conversion_pricing::conversion_shares_not_in_pre_money);
        const instrument_conversion& c = a.note_conversion(0);
        const fraction f0(10'000'000);
        // The round at $8M / F0 = $0.80; the discount's price 80% of it, $0.64, is "$6.4M" over
        // F0; the cap's $0.40 is "$4M" over F0, the lower: the note converts at the cap.
        CHECK(a.price() == price_per_share(8_M, share_count(10'000'000)));
        // The price that lost, as docs/how-to-safes-and-notes.md computes it from the round.
        const fraction discount_price = a.price().units_per_share() * (fraction(1) - *c.discount);
        CHECK(discount_price == fraction(640));                 // $0.64, in mills a share
        CHECK(discount_price * f0 == fraction(6'400'000'000));  // $6.4M, in mills
        CHECK(c.basis == conversion_basis::cap);
        CHECK(c.exact_capitalization.to_fraction() == f0);
        const fraction cap_price = fraction(c.valuation_cap->units()) / c.exact_capitalization.to_fraction();
        CHECK(c.conversion_price.units_per_share() == cap_price);
        CHECK(c.conversion_price == price_per_share(4_M, share_count(10'000'000)));
        CHECK(cap_price * f0 == fraction(4'000'000'000));  // $4M
        CHECK(c.interest == 0_usd);
        CHECK(c.amount == 100_K);
        CHECK(c.shares == share_count(250'000));
        CHECK(fraction(250'000) / f0 == fraction(25, 1000));  // "2.5%", of the pre-money shares
        CHECK((fraction(250'000) / a.exact_capitalization().to_fraction()).to_percent_string(2) == "2.44%");
    }
    SUBCASE("the default convention (conversion shares in the pre-money): the same 250,000 shares") {
        // The cap price does not depend on the round price, and the discount price stays higher:
        // $8M / 10,250,000 x 80% = $0.6244.
        const converted_round a = round(conversion_pricing::conversion_shares_in_pre_money);
        const instrument_conversion& c = a.note_conversion(0);
        CHECK(a.price() == price_per_share(8_M, share_count(10'250'000)));
        CHECK(c.basis == conversion_basis::cap);
        CHECK(c.shares == share_count(250'000));
    }
}

// DeckMetric glossary, "Option Pool Shuffle" (https://deckmetric.com/glossary/option-pool-shuffle),
// "Worked example": "A $20M pre-money offer 'assuming a 12% post-close pool.' True effective
// pre-money to founders = $20M - (12% pool x $25M post) = $17M. Pushing for the pool to come out
// of post-money instead lifts the effective founder valuation by $3M".
//
// "$25M post" makes the new money $5M. Ours: 17,000,000 founder shares and no pool before the
// round, so that the price is a round $1.00 and every share count is whole (the figures in
// dollars do not depend on the count).
TEST_CASE("DeckMetric: a $20M pre-money with a 12% post-close pool is a $17M effective pre-money") {
    const pre_round_shares base{"issued common", share_count(17'000'000), share_count(0)};
    const auto terms = [](pool_placement where) {
        return priced_round_terms("Series A")
            .pre_money(20_M)
            .invest("Investor", 5_M)
            .option_pool(fraction(12, 100), where);
    };

    SUBCASE("the pool in the pre-money: $17M to the founders, the pool $3M = 12% of $25M") {
        const priced_round r = terms(pool_placement::pre_money).solve(base);
        CHECK(r.stated_post_money() == 25_M);
        CHECK(r.price() == price_per_share(1_usd, share_count(1)));
        CHECK(r.effective_pre_money(rounding::half_even) == 17_M);
        CHECK(r.pool_increase() == share_count(3'000'000));
        CHECK(r.price().cost_of(r.pool_increase(), rounding::half_even) == 3_M);
        CHECK(r.new_shares() == share_count(5'000'000));
        CHECK(r.post_money_shares() == share_count(25'000'000));
        CHECK(r.pool_ownership() == fraction(12, 100));
        CHECK(r.new_money_ownership() == fraction(20, 100));
        CHECK(r.existing_ownership() == fraction(68, 100));
        CHECK(r.implied_post_money(rounding::half_even) == 25_M);
    }
    SUBCASE("the pool in the post-money: the founders' effective pre-money is the stated $20M, $3M more") {
        const priced_round r = terms(pool_placement::post_money).solve(base);
        // The price is $20M / 17,000,000 (exact: no price rounding named); the pool then dilutes
        // the investor too.
        CHECK(r.price() == price_per_share(20_M, share_count(17'000'000)));
        CHECK(r.effective_pre_money_units() == fraction(20'000'000'000));
        CHECK(r.effective_pre_money_units() - terms(pool_placement::pre_money).solve(base).effective_pre_money_units() ==
              fraction(3'000'000'000));
    }
}

// HomeworkSource, "Suppose VCs invested 40 million to purchase 3000..."
// (https://homeworksource.com/p/1018928/6-points-9x-suppose-vcs-invested-40-million-to-purchase-3000-1018928):
// the posted solution to a 3x participating preferred at a $300M sale: "with 3x participating,
// they will get 3 times the original investment. So, VC investor will get: 40 million * 3 = $120
// millions. Now, $180 millions are left (300 - 120). Then they will be converted into common
// shares @ 2 per preference share = 3,000,000 * 2 = 6,000,000. So, now there are 20,000,000
// shares. So, they will receive another = $54 millions (180*6000000/20000000). So, VC investor
// will receive = $174 millions (54+120). Other shareholders will receive = $126 millions".
//
// The page shows the question cut off; from the solution: 3,000,000 preferred shares for $40M
// (an issue price of $13.33..., exact here as $40M / 3,000,000), each converting into 2 common,
// and 14,000,000 other shares (20,000,000 as converted less the preferred's 6,000,000), which we
// hold as common under one holder. The conversion ratio is the share class's
// (share_class::with_conversion_ratio): the participation is on the 6,000,000 shares it converts
// into, not the 3,000,000 it holds.
TEST_CASE("HomeworkSource: $40M of 3x participating preferred converting 2:1 takes $174M of $300M") {
    liquidation_terms terms;
    terms.multiple = fraction(3);
    terms.participation = participation::full();
    const cap_table t =
        cap_table_builder()
            .add(holder::founder("others", "Other shareholders"))
            .add(holder::investor("vc", "VCs"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(40_M, share_count(3'000'000)), terms)
                     .with_conversion_ratio(fraction(2)))
            .holding(holder_id("others"), "Common", share_count(14'000'000))
            .holding(holder_id("vc"), "Series A", share_count(3'000'000))
            .build();
    const waterfall w = waterfall::build(t);
    CHECK(w.total_preference() == fraction(120'000'000'000));  // 40 million * 3, in mills
    const waterfall_payout p = w.at(300_M);
    CHECK(payout_of(t, p, "vc") == 174_M);       // $120M + 6/20 of the $180M left, $54M
    CHECK(payout_of(t, p, "others") == 126_M);  // 14/20 of the $180M
    CHECK(payout_of(t, p, "vc") - 120_M == 54_M);
    CHECK(status_of(t, p, "Series A") == line_status::participating);

    // Converting 1:1 instead (the class's default), the same preferred would share on 3,000,000
    // of 17,000,000 shares: $120M + 3/17 of $180M.
    const cap_table one_to_one =
        cap_table_builder()
            .add(holder::founder("others", "Other shareholders"))
            .add(holder::investor("vc", "VCs"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(40_M, share_count(3'000'000)), terms))
            .holding(holder_id("others"), "Common", share_count(14'000'000))
            .holding(holder_id("vc"), "Series A", share_count(3'000'000))
            .build();
    const waterfall_payout q = waterfall::build(one_to_one).at(300_M);
    CHECK(payout_of(one_to_one, q, "vc") + payout_of(one_to_one, q, "others") == 300_M);
    CHECK(payout_of(one_to_one, q, "vc") == 151'764'705.882_usd);
}

}  // namespace test_public_examples
