// The liquidation waterfall: preferences by seniority tier and pari passu, participation (none,
// full, capped), joint conversion, dividends, options, warrants and convertibles; exact
// breakpoints and the piecewise-linear payout curve; property tests against an independent
// brute-force solver on random cap tables.
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"
#include "support/waterfall_test.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_waterfall {

using namespace fundround;
using namespace fundround::literals;
using fundround_test::ymd;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }
money usd(std::int64_t dollars) { return money::from_major(dollars); }
fraction units(std::int64_t dollars) { return fraction(dollars * 1000); }

using fundround_test::one_series;  // tests/support/waterfall_test.hpp

liquidation_terms non_participating() { return liquidation_terms::standard(); }
liquidation_terms participating() {
    liquidation_terms t;
    t.participation = participation::full();
    return t;
}
liquidation_terms capped(std::int64_t cap_multiple) {
    liquidation_terms t;
    t.participation = participation::capped(fraction(cap_multiple));
    return t;
}

// Line 1 (Series A) and line 0 (Common) at an exit of `dollars`.
money series_a_at(const waterfall& w, std::int64_t dollars) { return w.at(usd(dollars)).by_line.at(1); }

}  // namespace

TEST_CASE("VentureSouth: $2M for 25%, 1x non-participating, fully participating and capped at 4x") {
    // VentureSouth, "Capped participation preferreds: the real impact part 1" and "part 2: the
    // grey zone" (https://venturesouth.vc/capped-participation-preference-impact/,
    // https://www.venturesouth.vc/the-grey-zone): $2M buys 25% with a 1x preference. Fire sale
    // ($1M, $2M): the preference takes everything. $10M: non-participating converts ($2.5M),
    // capped participation gives $4M. $26M to $32M: the 4x cap holds at $8M; at $31M the cap
    // costs $1.25M against full participation ($9.25M) and is $0.25M better than converting
    // ($7.75M). From $33M converting pays 25% ($8.25M).
    const cap_table non = one_series(6'000'000, 2'000'000, 2'000'000, non_participating());
    const cap_table full = one_series(6'000'000, 2'000'000, 2'000'000, participating());
    const cap_table cap4 = one_series(6'000'000, 2'000'000, 2'000'000, capped(4));
    const waterfall wn = waterfall::build(non);
    const waterfall wf = waterfall::build(full);
    const waterfall wc = waterfall::build(cap4);
    for (const waterfall* w : {&wn, &wf, &wc}) {
        CHECK(series_a_at(*w, 1'000'000) == usd(1'000'000));
        CHECK(series_a_at(*w, 2'000'000) == usd(2'000'000));
    }
    CHECK(series_a_at(wn, 10'000'000) == usd(2'500'000));
    CHECK(series_a_at(wf, 10'000'000) == usd(4'000'000));
    CHECK(series_a_at(wc, 10'000'000) == usd(4'000'000));
    CHECK(series_a_at(wc, 26'000'000) == usd(8'000'000));
    CHECK(series_a_at(wn, 31'000'000) == usd(7'750'000));
    CHECK(series_a_at(wf, 31'000'000) == usd(9'250'000));
    CHECK(series_a_at(wc, 31'000'000) == usd(8'000'000));
    CHECK(series_a_at(wc, 33'000'000) == usd(8'250'000));
    CHECK(wc.at(usd(33'000'000)).status[1] == line_status::converted);
    CHECK(wc.at(usd(31'000'000)).status[1] == line_status::capped);
    CHECK(wn.at(usd(31'000'000)).status[1] == line_status::converted);
    // Exact breakpoints: non-participating converts at $8M (25% of $8M = $2M); the capped class
    // reaches $8M at $26M ($2M + 25% of $24M) and converts above $32M (25% of $32M = $8M).
    REQUIRE(wn.breakpoints().size() == 2);
    CHECK(wn.breakpoints()[0].exit_value == units(2'000'000));
    CHECK(wn.breakpoints()[1].exit_value == units(8'000'000));
    CHECK(wn.breakpoints()[1].events.at(0).kind == waterfall_event_kind::converts);
    REQUIRE(wc.breakpoints().size() == 3);
    CHECK(wc.breakpoints()[1].exit_value == units(26'000'000));
    CHECK(wc.breakpoints()[1].events.at(0).kind == waterfall_event_kind::reaches_cap);
    CHECK(wc.breakpoints()[2].exit_value == units(32'000'000));
    CHECK(wc.breakpoints()[2].events.at(0).description == "Series A converts to common (above its cap)");
    CHECK(wc.breakpoints()[2].value_per_share == fraction(4'000));  // $4.000 a share, in mills
}

TEST_CASE("The curve's segments: exact slopes and intercepts (VentureSouth, capped at 4x)") {
    // Common 6M shares, Series A 2M shares, $2M preference, $8M cap. In mills: to $2M Series A
    // takes everything; then a share is worth (x - $2M) / 8M, Series A $2M + 2M shares x that =
    // x / 4 + $1.5M, common 3 x / 4 - $1.5M; from $26M Series A holds $8M; from $32M it converts:
    // x / 4 and 3 x / 4.
    const waterfall w = waterfall::build(one_series(6'000'000, 2'000'000, 2'000'000, capped(4)));
    const payout_curve c = w.curve();
    REQUIRE(c.segments().size() == 4);
    const auto line = [&](std::size_t s, std::size_t l) { return c.segments()[s].lines[l]; };
    CHECK(c.segments()[0].from == fraction());
    CHECK(c.segments()[1].from == units(2'000'000));
    CHECK(c.segments()[2].from == units(26'000'000));
    CHECK(c.segments()[3].from == units(32'000'000));
    CHECK_FALSE(c.segments()[3].to.has_value());
    CHECK(line(0, 1) == linear_payout{fraction(), fraction(1)});
    CHECK(line(1, 1) == linear_payout{units(1'500'000), fraction(1, 4)});
    CHECK(line(1, 0) == linear_payout{-units(1'500'000), fraction(3, 4)});
    CHECK(line(2, 1) == linear_payout{units(8'000'000), fraction()});
    CHECK(line(2, 0) == linear_payout{-units(8'000'000), fraction(1)});
    CHECK(line(3, 1) == linear_payout{fraction(), fraction(1, 4)});
    CHECK(c.segments()[1].value_per_share == linear_payout{fraction(-250), fraction(1, 8'000'000)});
    CHECK(c.segments()[2].status[1] == line_status::capped);
    // The holders' lines are the classes' here (one holder each).
    CHECK(c.segments()[1].holders[1] == line(1, 1));
    CHECK(c.segment_index(units(26'000'000)) == 2);
    CHECK(c.segment_index(units(25'999'999)) == 1);
}

TEST_CASE("Gust: $2MM for 30%, 1x participating, acquired for $10MM: the investor takes $4.4MM") {
    // Gust Equity Management, "Participating Preferred"
    // (https://docs.equity.gust.com/article/42-participating-preferred): the preference of $2MM,
    // then 30% of the remaining $8MM ($2.4MM), $4.4MM in all. The issue price $2MM / 3MM shares
    // is not a whole number of mills; the preference is exact.
    const waterfall w = waterfall::build(one_series(7'000'000, 3'000'000, 2'000'000, participating()));
    const waterfall_payout p = w.at(usd(10'000'000));
    CHECK(p.by_line[1] == usd(4'400'000));
    CHECK(p.by_line[0] == usd(5'600'000));
    CHECK(p.by_holder[1] == usd(4'400'000));
    CHECK(w.lines()[1].preference == units(2'000'000));
}

TEST_CASE("caplink.capital: EUR 5M for 25% (founders 60%, ESOP 15%): non-participating, participating, capped at 3x") {
    // caplink.capital, "Participating Preferred Stock: How Double-Dipping Affects Founder Returns
    // in an Exit" (https://caplink.capital/captable/participating-preferred): the investor puts in
    // EUR 5M for 25% at Series A; at exit the investor holds 25%, the founders 60%, the ESOP 15%.
    // At a EUR 20M exit, non-participating: EUR 5M (preference and conversion tie), founders
    // EUR 12M, ESOP EUR 3M; participating: EUR 5M + 25% of EUR 15M = EUR 8.75M, founders EUR 9M,
    // ESOP EUR 2.25M; capped at 3x (EUR 15M): the same EUR 8.75M, and EUR 13.75M at a EUR 40M exit
    // ("still under the cap"). Our share counts (100M in all, so EUR 0.20 a Series A share) and the
    // ESOP held as common (the page counts it as 15% of the exit; an option at a zero exercise
    // price cannot be written, price_per_share needs a positive price). The cap is reached at
    // EUR 45M and the class converts above EUR 60M (25% of EUR 60M = EUR 15M): the library's
    // breakpoints, not the page's figures.
    const auto company = [](participation p) {
        liquidation_terms a;
        a.participation = p;
        return cap_table_builder()
            .currency(currencies::eur)
            .add(holder::founder("founders", "Founders"))
            .add(holder::employee("esop", "ESOP"))
            .add(holder::investor("investor", "Investor"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(5_M_eur, sh(25'000'000)), a))
            .holding(holder_id("founders"), "Common", sh(60'000'000))
            .holding(holder_id("esop"), "Common", sh(15'000'000))
            .holding(holder_id("investor"), "Series A", sh(25'000'000))
            .build();
    };
    const auto eur = [](std::int64_t euros) { return money::from_major(euros, currencies::eur); };
    // by_holder follows the order the holders were added: founders, ESOP, investor.
    const auto payouts = [&](const waterfall& w, std::int64_t exit) {
        const waterfall_payout p = w.at(eur(exit));
        return std::vector<money>{p.by_holder.at(0), p.by_holder.at(1), p.by_holder.at(2)};
    };
    SUBCASE("non-participating") {
        const waterfall w = waterfall::build(company(participation::none()));
        CHECK(payouts(w, 20'000'000) == std::vector<money>{eur(12'000'000), eur(3'000'000), eur(5'000'000)});
        REQUIRE(w.breakpoints().size() == 2);
        CHECK(w.breakpoints()[1].exit_value == units(20'000'000));  // the tie: converts above it
    }
    SUBCASE("fully participating") {
        const waterfall w = waterfall::build(company(participation::full()));
        CHECK(payouts(w, 20'000'000) == std::vector<money>{eur(9'000'000), eur(2'250'000), eur(8'750'000)});
    }
    SUBCASE("participating capped at 3x") {
        const waterfall w = waterfall::build(company(participation::capped(fraction(3))));
        CHECK(payouts(w, 20'000'000) == std::vector<money>{eur(9'000'000), eur(2'250'000), eur(8'750'000)});
        CHECK(payouts(w, 40'000'000).at(2) == eur(13'750'000));
        REQUIRE(w.breakpoints().size() == 3);
        CHECK(w.breakpoints()[1].exit_value == units(45'000'000));
        CHECK(w.breakpoints()[2].exit_value == units(60'000'000));
        CHECK(payouts(w, 60'000'000).at(2) == eur(15'000'000));
    }
}

TEST_CASE("VC Experts: $5M for 50%: non-participating at $5.5M and $12M; participating with $500,000 of dividends") {
    // VC Experts encyclopedia, "Participating Preferred"
    // (http://seyfarth.vcexperts.com/reference/encyclopedia/chapters/slug/participating-preferred):
    // $5M for 50%. Sold for $5.5M, convertible preferred keeps its preference; sold for well over
    // $10M it converts ($6M of $12M). Participating with $500,000 accrued dividends at $12M:
    // $5M + $0.5M + 50% of $6.5M = $8.75M, common $3.25M. The dividends here: 10% cumulative
    // simple for 365 days on $5M.
    const waterfall wn = waterfall::build(one_series(5'000'000, 5'000'000, 5'000'000, non_participating()));
    CHECK(series_a_at(wn, 5'500'000) == usd(5'000'000));
    CHECK(wn.at(usd(5'500'000)).by_line[0] == usd(500'000));
    CHECK(series_a_at(wn, 12'000'000) == usd(6'000'000));
    liquidation_terms t = participating();
    t.dividends = dividend_terms::cumulative_simple(fraction(10, 100), ymd(2025, 1, 1));
    waterfall_terms terms;
    terms.exit_date = ymd(2026, 1, 1);
    const waterfall wp = waterfall::build(one_series(5'000'000, 5'000'000, 5'000'000, t), terms);
    CHECK(wp.lines()[1].accrued_dividends == usd(500'000));
    const waterfall_payout p = wp.at(usd(12'000'000));
    CHECK(p.by_line[1] == usd(8'750'000));
    CHECK(p.by_line[0] == usd(3'250'000));
}

TEST_CASE("Full participation: $5M for 10%, sold for $12M: $5.7M") {
    // T. Mahale, "Economic terminology 2" (https://tusharmahale.wixsite.com/home/economic-terminology-2):
    // $5,000,000 Series A for 10%, 1x fully participating, sale at $12,000,000: $5M back first,
    // then 10% of the remaining $7M.
    const waterfall w = waterfall::build(one_series(9'000'000, 1'000'000, 5'000'000, participating()));
    CHECK(series_a_at(w, 12'000'000) == usd(5'700'000));
}

TEST_CASE("Gust: $2MM for 30% at 1x non-participating converts at a $10MM sale ($3MM); at 2x it keeps $4MM") {
    // Gust Equity Management, "Liquidation Preference"
    // (https://docs.equity.gust.com/article/41-liquidation-preference): a sole investor puts $2MM
    // in for 30% at a 1X preference and the company is acquired for $10MM: the preference is
    // $2MM, converting gives 30% of $10MM = $3MM, so the investor converts; at 2X the preference
    // of $4MM is the better choice. 7,000,000 common and 3,000,000 Series A are ours (the article
    // gives no share counts).
    const waterfall w1 = waterfall::build(one_series(7'000'000, 3'000'000, 2'000'000, non_participating()));
    const waterfall_payout p1 = w1.at(usd(10'000'000));
    CHECK(p1.by_line[1] == usd(3'000'000));
    CHECK(p1.by_line[0] == usd(7'000'000));
    CHECK(p1.status[1] == line_status::converted);
    liquidation_terms two_x = non_participating();
    two_x.multiple = fraction(2);
    const waterfall w2 = waterfall::build(one_series(7'000'000, 3'000'000, 2'000'000, two_x));
    CHECK(w2.lines()[1].preference == units(4'000'000));
    const waterfall_payout p2 = w2.at(usd(10'000'000));
    CHECK(p2.by_line[1] == usd(4'000'000));
    CHECK(p2.by_line[0] == usd(6'000'000));
    CHECK(p2.status[1] == line_status::preference);
    // At 2x the investor converts only once 30% of the exit beats $4MM: above $40MM / 3.
    REQUIRE(w2.breakpoints().size() == 2);
    CHECK(w2.breakpoints()[1].exit_value == fraction(40'000'000'000LL, 3));
    CHECK(w2.breakpoints()[1].events.at(0).kind == waterfall_event_kind::converts);
}

TEST_CASE("Scribd liquidation preference table: $5M on $10M pre, 1x non-participating vs 2x participating capped at 3x") {
    // "Liquidation Preference Calculation Table V1" (Scribd document 6879756,
    // https://www.scribd.com/document/6879756/Liquidation-Preference-Calculation-English-Version):
    // Series A $5,000,000 at a $10,000,000 pre-money (investors 1/3, management 2/3). The "plain
    // vanilla" financing is 1x non-participating; the "negotiated" one is participating with a
    // 2x preference and a cap of 3x the investment ($15M in all, preference included). The table
    // prints whole dollars; the exact payouts are thirds of a dollar, which the waterfall pays to
    // the mill (largest remainder): at $20M the table's $13,333,333 / $6,666,667 are
    // $13,333,333.333 / $6,666,666.667 here. Our share counts: 10,000,000 common, 5,000,000
    // Series A at $1.00.
    liquidation_terms negotiated;
    negotiated.multiple = fraction(2);
    negotiated.participation = participation::capped(fraction(3));
    const waterfall vanilla = waterfall::build(one_series(10'000'000, 5'000'000, 5'000'000, non_participating()));
    const waterfall nego = waterfall::build(one_series(10'000'000, 5'000'000, 5'000'000, negotiated));
    const money third_20m = money::from_units(6'666'666'667);  // $6,666,666.667
    // {exit, vanilla investors, negotiated investors}, as the table's rows (in mills).
    struct row {
        std::int64_t exit;
        money vanilla_investors;
        money negotiated_investors;
    };
    const row rows[] = {
        {5'000'000, usd(5'000'000), usd(5'000'000)},
        {10'000'000, usd(5'000'000), usd(10'000'000)},
        {20'000'000, third_20m, usd(20'000'000) - third_20m},  // 2x = $10M, then 1/3 of $10M
        {30'000'000, usd(10'000'000), usd(15'000'000)},         // $10M + 1/3 of $20M, capped at $15M
        {40'000'000, money::from_units(13'333'333'333), usd(15'000'000)},  // capped beats 1/3 = $13.3M
        {50'000'000, money::from_units(16'666'666'667), money::from_units(16'666'666'667)},  // converts
        {60'000'000, usd(20'000'000), usd(20'000'000)},
        {70'000'000, money::from_units(23'333'333'333), money::from_units(23'333'333'333)},
        {80'000'000, money::from_units(26'666'666'667), money::from_units(26'666'666'667)},
        {90'000'000, usd(30'000'000), usd(30'000'000)},
        {100'000'000, money::from_units(33'333'333'333), money::from_units(33'333'333'333)},
    };
    for (const row& r : rows) {
        CAPTURE(r.exit);
        const waterfall_payout v = vanilla.at(usd(r.exit));
        const waterfall_payout n = nego.at(usd(r.exit));
        CHECK(v.by_line[1] == r.vanilla_investors);
        CHECK(v.by_line[0] == usd(r.exit) - r.vanilla_investors);
        CHECK(n.by_line[1] == r.negotiated_investors);
        CHECK(n.by_line[0] == usd(r.exit) - r.negotiated_investors);
    }
    CHECK(nego.at(usd(30'000'000)).status[1] == line_status::capped);
    CHECK(nego.at(usd(50'000'000)).status[1] == line_status::converted);
    // The cap binds from $25M ($10M + 1/3 of $15M = $15M); converting pays more above $45M.
    REQUIRE(nego.breakpoints().size() == 3);
    CHECK(nego.breakpoints()[0].exit_value == units(10'000'000));
    CHECK(nego.breakpoints()[1].exit_value == units(25'000'000));
    CHECK(nego.breakpoints()[1].events.at(0).kind == waterfall_event_kind::reaches_cap);
    CHECK(nego.breakpoints()[2].exit_value == units(45'000'000));
    // The table's note 3: with the cap at 4x instead, the investors' return is flat at $20M for
    // exits from $40M to $60M.
    liquidation_terms cap4 = negotiated;
    cap4.participation = participation::capped(fraction(4));
    const waterfall w4 = waterfall::build(one_series(10'000'000, 5'000'000, 5'000'000, cap4));
    for (const std::int64_t exit : {40'000'000, 50'000'000, 60'000'000}) {
        CHECK(w4.at(usd(exit)).by_line[1] == usd(20'000'000));
    }
    CHECK(w4.at(usd(39'000'000)).by_line[1] < usd(20'000'000));
    CHECK(w4.at(usd(61'000'000)).by_line[1] > usd(20'000'000));
}

TEST_CASE("Wikipedia: $1M at a $6M pre-money, 2x participating or not, sold for $15M") {
    // Wikipedia, "Liquidation preference" (https://en.wikipedia.org/wiki/Liquidation_preference,
    // read as mirrored at theinfolist.com): $1M at a $6M pre-money ($7M post) with a 2x
    // preference; sold for $15M. Participating: $2M, then the investor's share of the remaining
    // $13M. Non-participating: the greater of $2M and its share of $15M. The article prints the
    // share as 14.4% and the results as $1.9M more ($3.9M) and $2.2M; the share is $1M / $7M =
    // 1/7 = 14.2857%, so the exact payouts are $2M + $13M / 7 = $3,857,142.857 and
    // $15M / 7 = $2,142,857.143. The printed figures come from the misprinted 14.4% (of $13M,
    // $1.872M; of $15M, $2.16M) rounded to $0.1M; from 1/7 they would read $3.9M and $2.1M.
    // Our share counts: 6,000,000 common, 1,000,000 Series A at $1.00.
    liquidation_terms part = participating();
    part.multiple = fraction(2);
    liquidation_terms non = non_participating();
    non.multiple = fraction(2);
    const waterfall_payout p = waterfall::build(one_series(6'000'000, 1'000'000, 1'000'000, part)).at(usd(15'000'000));
    CHECK(p.by_line[1] == money::from_units(3'857'142'857));
    CHECK(p.by_line[0] == money::from_units(11'142'857'143));
    CHECK(p.status[1] == line_status::participating);
    const waterfall_payout n = waterfall::build(one_series(6'000'000, 1'000'000, 1'000'000, non)).at(usd(15'000'000));
    CHECK(n.by_line[1] == money::from_units(2'142'857'143));
    CHECK(n.by_line[0] == money::from_units(12'857'142'857));
    CHECK(n.status[1] == line_status::converted);
}

TEST_CASE("Waterfall coding challenge: three stacked series, each 1x participating capped at 2x, at $25M, $35M, $45M, $60M") {
    // "Coding Challenge: Waterfall Analysis", the problem statement kept in the public repository
    // github.com/metju90/capitalization-table (problem-definition.txt): Common 1,000,000 shares;
    // Preferred A 200,000 for $900,000, B 300,000 for $2,100,000, C 1,500,000 for $15,000,000,
    // each 1x participating with a 2x cap, C senior to B senior to A. Its worked exits:
    //   $25M: the preferences ($18M), then $7M pro rata: founders $2.33M, A $0.9M + $0.47M,
    //     B $2.1M + $0.7M, C $15M + $3.5M.
    //   $35M: A reaches its cap ($1.8M); the other $16.1M of participation goes to the other 2.8M
    //     shares: founders $5.75M, B $2.1M + $1.725M, C $15M + $8.625M.
    //   $45M: B holds its cap ($4.2M); A converts (its 200,000 / 2.7M of $25.8M beats $1.8M):
    //     founders $9.56M, A $1.91M, C $15M + $14.3M.
    //   $60M: as if all converted: founders $20M, A $4M, B $6M, C $30M.
    // The printed figures are rounded to $0.01M; the exact ones are thirds and ninths of a dollar,
    // paid here to the mill by the largest remainder (at $25M A's $1,366,666.666... takes the odd
    // mill, at $45M the founders' $9,555,555.555...). At $60M C is indifferent ($30M capped or
    // converted): by the tie rule it is taken not to convert, the money is the same.
    liquidation_terms a = capped(2);
    liquidation_terms b = capped(2);
    liquidation_terms c = capped(2);
    a.seniority = 1;
    b.seniority = 2;
    c.seniority = 3;
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founders"))
                            .add(holder::investor("a", "Series A Investors"))
                            .add(holder::investor("b", "Series B Investors"))
                            .add(holder::investor("c", "Series C Investors"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("Preferred A", price_per_share(usd(900'000), sh(200'000)), a))
                            .add(share_class::preferred("Preferred B", price_per_share(usd(2'100'000), sh(300'000)), b))
                            .add(share_class::preferred("Preferred C", price_per_share(usd(15'000'000), sh(1'500'000)), c))
                            .holding(holder_id("f"), "Common", sh(1'000'000))
                            .holding(holder_id("a"), "Preferred A", sh(200'000))
                            .holding(holder_id("b"), "Preferred B", sh(300'000))
                            .holding(holder_id("c"), "Preferred C", sh(1'500'000))
                            .build();
    const waterfall w = waterfall::build(t);
    const auto mills = [](std::int64_t m) { return money::from_units(m); };

    const waterfall_payout p25 = w.at(usd(25'000'000));
    CHECK(p25.by_holder == std::vector<money>{mills(2'333'333'333), mills(1'366'666'667), usd(2'800'000), usd(18'500'000)});
    CHECK(p25.status[1] == line_status::participating);

    const waterfall_payout p35 = w.at(usd(35'000'000));
    CHECK(p35.by_holder == std::vector<money>{usd(5'750'000), usd(1'800'000), usd(3'825'000), usd(23'625'000)});
    CHECK(p35.status[1] == line_status::capped);
    CHECK(p35.status[2] == line_status::participating);

    const waterfall_payout p45 = w.at(usd(45'000'000));
    CHECK(p45.by_holder == std::vector<money>{mills(9'555'555'556), mills(1'911'111'111), usd(4'200'000), mills(29'333'333'333)});
    CHECK(p45.status[1] == line_status::converted);
    CHECK(p45.status[2] == line_status::capped);
    CHECK(p45.value_per_share == fraction(86'000'000'000LL, 9'000'000));  // $25.8M / 2.7M shares, in mills

    const waterfall_payout p60 = w.at(usd(60'000'000));
    CHECK(p60.by_holder == std::vector<money>{usd(20'000'000), usd(4'000'000), usd(6'000'000), usd(30'000'000)});
    CHECK(p60.status[1] == line_status::converted);
    CHECK(p60.status[2] == line_status::converted);
    CHECK(p60.status[3] == line_status::capped);  // the tie: $30M either way
}

TEST_CASE("Stacked vs pari passu: Series B senior to Series A, or both in one tier") {
    // The rule (Altum Law, "Should the Series B liquidation preference be senior to the Series
    // A?", https://altumlegal.com/should-the-series-b-liquidation-preference-be-senior-to-the-series-a;
    // Caplink, "The Preference Stack", https://caplink.capital/captable/preference-stack):
    // stacked, the senior series is paid in full first; pari passu, the series share a shortfall
    // pro rata to their preference amounts. Figures by hand: Series A $5M (5M shares at $1),
    // Series B $10M (5M shares at $2), common 10M shares, all 1x non-participating.
    const auto table = [](int b_rank) {
        liquidation_terms a = liquidation_terms::standard();
        liquidation_terms b = liquidation_terms::standard();
        b.seniority = b_rank;
        return cap_table_builder()
            .add(holder::founder("f", "Founder"))
            .add(holder::investor("a", "A Fund"))
            .add(holder::investor("b", "B Fund"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(usd(5'000'000), sh(5'000'000)), a))
            .add(share_class::preferred("Series B", price_per_share(usd(10'000'000), sh(5'000'000)), b))
            .holding(holder_id("f"), "Common", sh(10'000'000))
            .holding(holder_id("a"), "Series A", sh(5'000'000))
            .holding(holder_id("b"), "Series B", sh(5'000'000))
            .build();
    };
    const waterfall stacked = waterfall::build(table(1));
    const waterfall pari = waterfall::build(table(0));
    // $12M: stacked, B takes $10M and A the remaining $2M; pari passu, 5:10 of $12M = $4M and $8M.
    const waterfall_payout s = stacked.at(usd(12'000'000));
    CHECK(s.by_line[2] == usd(10'000'000));
    CHECK(s.by_line[1] == usd(2'000'000));
    CHECK(s.by_line[0] == usd(0));
    CHECK(s.status[1] == line_status::partly_paid);
    const waterfall_payout p = pari.at(usd(12'000'000));
    CHECK(p.by_line[1] == usd(4'000'000));
    CHECK(p.by_line[2] == usd(8'000'000));
    // $6M: stacked, B takes it all.
    CHECK(stacked.at(usd(6'000'000)).by_line[2] == usd(6'000'000));
    CHECK(stacked.at(usd(6'000'000)).by_line[1] == usd(0));
    // $100M: both convert (A at $5M = 25% of $20M, B at $10M = 25% of $40M); 25% / 25% / 50%.
    for (const waterfall* w : {&stacked, &pari}) {
        const waterfall_payout q = w->at(usd(100'000'000));
        CHECK(q.by_line[0] == usd(50'000'000));
        CHECK(q.by_line[1] == usd(25'000'000));
        CHECK(q.by_line[2] == usd(25'000'000));
    }
    // Breakpoints of the stack: B paid at $10M (tier), all paid at $15M; A converts where a share
    // is worth $1: with B not converted, 15M shares share x - $10M, so at $25M; B converts at $2
    // a share: 20M shares x $2 = $40M.
    std::vector<fraction> xs;
    for (const waterfall_breakpoint& b : stacked.breakpoints()) xs.push_back(b.exit_value);
    CHECK(xs == std::vector<fraction>{units(10'000'000), units(15'000'000), units(25'000'000), units(40'000'000)});
    CHECK(stacked.breakpoints()[0].events[0].kind == waterfall_event_kind::tier_paid);
    CHECK(stacked.breakpoints()[1].events[0].kind == waterfall_event_kind::preferences_paid);
}

TEST_CASE("Fundwave: a senior $5M Series A for 37.5% over a $3M Seed for 25%, each 1x participating capped at 2x") {
    // S. Agrawal, "The Perils of Liquidation Waterfall: Part 2", Fundwave, 24 Apr 2018
    // (https://fundwave.com/blogs/liquidation-waterfall-part-2/): ISA Ventures invests $5M for
    // 37.5% in Series A (seniority 3), MPG holds the Seed ($3M, 25%, seniority 2), the founder
    // 37.5% in common; both series 1x participating with a 2x cap. "Till a value of $5m only
    // Series A shareholders are paid back. After that Seed shareholders join in. Common
    // shareholders join in the last - at an exit value of $8m." (An earlier copy of the post,
    // getfundwave.com, says $9.8m: the preferences add up to $8M, so $8M is right.) The shares
    // are assumed (10M in all); the breakpoints and payouts above $8M are worked out by hand from
    // the stated terms: the Seed's participation room ($3M over 2.5M shares) fills at $1.20 a
    // share (8M + 10M x 1.2 = $20M), Series A's ($5M over 3.75M) at $4/3 (8M + 3M + 7.5M x 4/3 =
    // $21M); the Seed converts when 2.5M shares beat its $6M cap, at $2.40 (10M + 6.25M x 2.4 =
    // $25M), Series A when 3.75M shares beat $10M, at $8/3 (10M + 6.25M x 8/3 = $26,666,666.667).
    liquidation_terms series_a = capped(2);
    series_a.seniority = 3;
    liquidation_terms seed = capped(2);
    seed.seniority = 2;
    const cap_table table = cap_table_builder()
                                .add(holder::founder("founder", "Founder"))
                                .add(holder::investor("mpg", "MPG"))
                                .add(holder::investor("isa", "ISA Ventures"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Seed", price_per_share(usd(3'000'000), sh(2'500'000)), seed))
                                .add(share_class::preferred("Series A", price_per_share(usd(5'000'000), sh(3'750'000)), series_a))
                                .holding(holder_id("founder"), "Common", sh(3'750'000))
                                .holding(holder_id("mpg"), "Seed", sh(2'500'000))
                                .holding(holder_id("isa"), "Series A", sh(3'750'000))
                                .build();
    const waterfall w = waterfall::build(table);
    std::vector<fraction> xs;
    std::vector<waterfall_event_kind> kinds;
    for (const waterfall_breakpoint& b : w.breakpoints()) {
        xs.push_back(b.exit_value);
        for (const waterfall_event& e : b.events) kinds.push_back(e.kind);
    }
    CHECK(xs == std::vector<fraction>{units(5'000'000), units(8'000'000), units(20'000'000), units(21'000'000),
                                      units(25'000'000), fraction(80'000'000'000, 3)});
    CHECK(kinds == std::vector<waterfall_event_kind>{waterfall_event_kind::tier_paid, waterfall_event_kind::preferences_paid,
                                                     waterfall_event_kind::reaches_cap, waterfall_event_kind::reaches_cap,
                                                     waterfall_event_kind::converts, waterfall_event_kind::converts});
    // Lines: Common, Seed, Series A. Below $5M Series A alone; then the Seed; common from $8M.
    CHECK(w.at(usd(4'000'000)).by_line == std::vector<money>{usd(0), usd(0), usd(4'000'000)});
    CHECK(w.at(usd(7'000'000)).by_line == std::vector<money>{usd(0), usd(2'000'000), usd(5'000'000)});
    CHECK(w.at(usd(8'000'000)).by_line == std::vector<money>{usd(0), usd(3'000'000), usd(5'000'000)});
    // $12M: $4M shared as common, $0.40 a share.
    CHECK(w.at(usd(12'000'000)).by_line == std::vector<money>{usd(1'500'000), usd(4'000'000), usd(6'500'000)});
    // $22M: both at their caps ($6M, $10M); the founder's 3.75M shares take the other $6M.
    const waterfall_payout capped_both = w.at(usd(22'000'000));
    CHECK(capped_both.by_line == std::vector<money>{usd(6'000'000), usd(6'000'000), usd(10'000'000)});
    CHECK(capped_both.status == std::vector<line_status>{line_status::participating, line_status::capped, line_status::capped});
    // $30M: both converted, 37.5% / 25% / 37.5%.
    CHECK(w.at(usd(30'000'000)).by_line == std::vector<money>{usd(11'250'000), usd(7'500'000), usd(11'250'000)});
}

TEST_CASE("Conversion order: Series A 2x, B, C, D non-participating over 10M founder shares (D, then B, then A and C)") {
    // A venture-capital course problem in the style of Metrick & Yasuda, "Venture Capital and the
    // Finance of Innovation" (as posted at
    // https://www.expertsmind.com/questions/find-the-conversion-order-for-investors-30149689.aspx
    // and https://solutioninn.com/study-help/questions/consider-the-following-four-cp-investors-1-series-a-5m-8206223):
    // "Series A: $5M (and 2X liquidation preference) or converts to 5M shares; Series B: $10M or
    // converts to 8M shares; Series C: $10M or converts to 5M shares; Series D: $5M or converts to
    // 10M shares. In addition ... the founders hold 10M shares of common. (a) Find the conversion
    // order ... (b) Find the conversion conditions." The posts give no answer; ours, by hand: a
    // class converts once a common share is worth its preference per share: D at $0.50, B at
    // $1.25, A ($10M / 5M) and C ($10M / 5M) both at $2.00. With every preference paid ($35M),
    // D converts above 30M + 20M x 0.50 = $40M, B above 20M + 28M x 1.25 = $55M, A and C together
    // above 38M x 2 = $76M. The problem states no seniority; above $35M it changes nothing, so the
    // classes are pari passu here (below $35M they share pro rata to their preferences).
    liquidation_terms two_x = non_participating();
    two_x.multiple = fraction(2);
    const cap_table table = cap_table_builder()
                                .add(holder::founder("founders", "Founders"))
                                .add(holder::investor("a", "A investors"))
                                .add(holder::investor("b", "B investors"))
                                .add(holder::investor("c", "C investors"))
                                .add(holder::investor("d", "D investors"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Series A", price_per_share(usd(5'000'000), sh(5'000'000)), two_x))
                                .add(share_class::preferred("Series B", price_per_share(usd(10'000'000), sh(8'000'000))))
                                .add(share_class::preferred("Series C", price_per_share(usd(10'000'000), sh(5'000'000))))
                                .add(share_class::preferred("Series D", price_per_share(usd(5'000'000), sh(10'000'000))))
                                .holding(holder_id("founders"), "Common", sh(10'000'000))
                                .holding(holder_id("a"), "Series A", sh(5'000'000))
                                .holding(holder_id("b"), "Series B", sh(8'000'000))
                                .holding(holder_id("c"), "Series C", sh(5'000'000))
                                .holding(holder_id("d"), "Series D", sh(10'000'000))
                                .build();
    const waterfall w = waterfall::build(table);
    CHECK(w.lines()[1].preference == units(10'000'000));
    // (b) The conversion conditions: the breakpoints, with what converts at each.
    const std::vector<waterfall_breakpoint>& bps = w.breakpoints();
    REQUIRE(bps.size() == 4);
    CHECK(bps[0].exit_value == units(35'000'000));
    CHECK(bps[0].events.at(0).kind == waterfall_event_kind::preferences_paid);
    // (a) The order: D, B, then A and C at the same exit value.
    const std::vector<std::int64_t> at{40'000'000, 55'000'000, 76'000'000};
    const std::vector<std::vector<std::size_t>> converting{{4}, {2}, {1, 3}};
    const std::vector<fraction> share_value{fraction(1, 2), fraction(5, 4), fraction(2)};
    for (std::size_t k = 0; k < at.size(); ++k) {
        const waterfall_breakpoint& b = bps[k + 1];
        CAPTURE(k);
        CHECK(b.exit_value == units(at[k]));
        CHECK(b.value_per_share == share_value[k] * fraction(1000));
        std::vector<std::size_t> lines;
        for (const waterfall_event& e : b.events) {
            CHECK(e.kind == waterfall_event_kind::converts);
            lines.push_back(e.line);
        }
        CHECK(lines == converting[k]);
    }
    // Lines: Common, A, B, C, D. $38M: every preference, $0.30 a share to the founders.
    CHECK(w.at(usd(38'000'000)).by_line ==
          std::vector<money>{usd(3'000'000), usd(10'000'000), usd(10'000'000), usd(10'000'000), usd(5'000'000)});
    // $50M: D has converted: (50M - 30M) / 20M shares = $1.00 a share.
    CHECK(w.at(usd(50'000'000)).by_line ==
          std::vector<money>{usd(10'000'000), usd(10'000'000), usd(10'000'000), usd(10'000'000), usd(10'000'000)});
    // $62M: B too: (62M - 20M) / 28M = $1.50.
    const waterfall_payout p62 = w.at(usd(62'000'000));
    CHECK(p62.by_line == std::vector<money>{usd(15'000'000), usd(10'000'000), usd(12'000'000), usd(10'000'000), usd(15'000'000)});
    CHECK(p62.status == std::vector<line_status>{line_status::participating, line_status::preference, line_status::converted,
                                                  line_status::preference, line_status::converted});
    // $95M: everyone as common, 38M shares at $2.50.
    CHECK(w.at(usd(95'000'000)).by_line ==
          std::vector<money>{usd(25'000'000), usd(12'500'000), usd(20'000'000), usd(12'500'000), usd(25'000'000)});
    // $30M, short of the $35M of preferences: each class receives 30/35 of its preference (the
    // last two mills by the largest remainder).
    const waterfall_payout p30 = w.at(usd(30'000'000));
    CHECK(p30.by_line == std::vector<money>{usd(0), money::from_units(8'571'428'572), money::from_units(8'571'428'571),
                                            money::from_units(8'571'428'571), money::from_units(4'285'714'286)});

    // Stacked instead (D over C over B over A): the tiers are paid in turn below $35M, and the
    // conversion points stay where they are (above $35M every preference is paid either way).
    cap_table_builder stacked = cap_table_builder()
                                    .add(holder::founder("founders", "Founders"))
                                    .add(holder::investor("a", "A investors"))
                                    .add(holder::investor("b", "B investors"))
                                    .add(holder::investor("c", "C investors"))
                                    .add(holder::investor("d", "D investors"))
                                    .add(share_class::common("Common"));
    const std::vector<std::string> names{"Series A", "Series B", "Series C", "Series D"};
    const std::vector<std::int64_t> invested{5'000'000, 10'000'000, 10'000'000, 5'000'000};
    const std::vector<std::int64_t> shares{5'000'000, 8'000'000, 5'000'000, 10'000'000};
    const std::vector<std::string> ids{"a", "b", "c", "d"};
    for (std::size_t k = 0; k < names.size(); ++k) {
        liquidation_terms terms = k == 0 ? two_x : non_participating();
        terms.seniority = static_cast<int>(k);
        stacked.add(share_class::preferred(names[k], price_per_share(usd(invested[k]), sh(shares[k])), terms));
    }
    stacked.holding(holder_id("founders"), "Common", sh(10'000'000));
    for (std::size_t k = 0; k < names.size(); ++k) stacked.holding(holder_id(ids[k]), names[k], sh(shares[k]));
    const waterfall ws = waterfall::build(stacked.build());
    std::vector<fraction> conversions;
    for (const waterfall_breakpoint& b : ws.breakpoints()) {
        if (b.events.at(0).kind == waterfall_event_kind::converts) conversions.push_back(b.exit_value);
    }
    CHECK(conversions == std::vector<fraction>{units(40'000'000), units(55'000'000), units(76'000'000)});
    CHECK(ws.at(usd(30'000'000)).by_line == std::vector<money>{usd(0), usd(5'000'000), usd(10'000'000), usd(10'000'000), usd(5'000'000)});
    CHECK(ws.at(usd(62'000'000)).by_line == p62.by_line);
}

TEST_CASE("Michael Best: $1M for 40%, sold for $3M: $1.8M participating, $1.2M non-participating") {
    // P. A. Jones (Michael Best & Friedrich), "Partially Participating Preferred: An Alternative to
    // Participation Caps?" (VC Experts' copy, 13 Jan 2015,
    // https://blog.vcexperts.com/2015/01/13/partially-participating-preferred-an-alternative-to-participation-caps/):
    // "An investor who put down $1 million for a 40% ownership position in Newco in the form of
    // 'participating' preferred shares would, in the event Newco was sold for $3 million, receive
    // $1 million 'off the top' and in addition 40% of the remaining $2 million of proceeds for a
    // total of $1.8 million. ... 'non-participating' ... his 40% pro-rata share of the $3 million or
    // $1.2 million", leaving the entrepreneur "$600,000 more money". The author's own post
    // (https://pajones1.wordpress.com/2014/02/01/partially-participating-preferred-an-alternative-to-participation-caps/)
    // and the National Law Review's copy say "$400,000 more" and "the difference is always
    // $400,000": the figures give $1.8M - $1.2M = $600,000, and so does the library at every exit
    // where the non-participating investor converts (the source's slip, corrected in the VC
    // Experts copy). 6,000,000 common and 4,000,000 preferred are ours.
    const waterfall full = waterfall::build(one_series(6'000'000, 4'000'000, 1'000'000, participating()));
    const waterfall none = waterfall::build(one_series(6'000'000, 4'000'000, 1'000'000, non_participating()));
    CHECK(full.at(usd(3'000'000)).by_line == std::vector<money>{usd(1'200'000), usd(1'800'000)});
    const waterfall_payout converted = none.at(usd(3'000'000));
    CHECK(converted.by_line == std::vector<money>{usd(1'800'000), usd(1'200'000)});
    CHECK(converted.status[1] == line_status::converted);
    for (const std::int64_t exit : {3'000'000, 10'000'000, 100'000'000}) {
        CAPTURE(exit);
        CHECK(none.at(usd(exit)).by_line[0] - full.at(usd(exit)).by_line[0] == usd(600'000));
    }
    // Non-participating converts once 40% of the exit beats $1M: above $2.5M.
    REQUIRE(none.breakpoints().size() == 2);
    CHECK(none.breakpoints()[1].exit_value == units(2'500'000));
}

TEST_CASE("The Supernova: $10M at a $40M pre-money, sold for $50M: $26M at 2x participating, $10M at 1x non-participating") {
    // The Supernova, "Fundraising terms" (https://www.thesupernova.xyz/resources/fundraising-terms):
    // "A startup raises $10M Series A at a $40M pre-money valuation (20% equity to investor)" with
    // "2x participating preferred": on a $50M exit "Investor gets: $20M (2x their $10M) + 20% of
    // remaining $30M = $26M total; Founders + employees get: $24M". "With standard 1x
    // non-participating preferred: Investor gets: 20% of $50M = $10M; Founders + employees get:
    // $40M". At $50M converting pays exactly the $10M preference: a tie, which the library calls
    // "preference" (the money is the same). 8,000,000 common and 2,000,000 Series A are ours.
    liquidation_terms two_x = participating();
    two_x.multiple = fraction(2);
    const waterfall w2 = waterfall::build(one_series(8'000'000, 2'000'000, 10'000'000, two_x));
    CHECK(w2.lines()[1].preference == units(20'000'000));
    CHECK(w2.at(usd(50'000'000)).by_line == std::vector<money>{usd(24'000'000), usd(26'000'000)});
    const waterfall w1 = waterfall::build(one_series(8'000'000, 2'000'000, 10'000'000, non_participating()));
    const waterfall_payout p1 = w1.at(usd(50'000'000));
    CHECK(p1.by_line == std::vector<money>{usd(40'000'000), usd(10'000'000)});
    CHECK(p1.status[1] == line_status::preference);
    REQUIRE(w1.breakpoints().size() == 2);
    CHECK(w1.breakpoints()[1].exit_value == units(50'000'000));  // converts above it
    CHECK(w1.at(usd(60'000'000)).status[1] == line_status::converted);
}

TEST_CASE("Smartup Academy: $10M Series A 1x non-participating and $5M Series B 1x participating, sold for $50M and $15M") {
    // Smartup Academy, "Waterfall" (https://www.smartupacademy.org/?p=4936): "a company is sold for
    // $50 million after having received $15 million in total investment. The Series A investor
    // invested $10 million with a 1x liquidation preference and non-participating rights. The
    // Series B investor invested $5 million with a 1x liquidation preference and participating
    // rights." Tier 1 pays both preferences (one tier: pari passu), leaving $35M; "If Series B owns
    // 10% of the company, they take an additional $3.5 million (10% of the remaining $35
    // million)"; common receives $31.5M. "If the company had sold for only $15 million, the entire
    // amount would have gone to investors in Tier 1, leaving the founders with $0."
    // The source's split of the $35M (10% to Series B, 90% to common) leaves nothing to the Series A,
    // which keeps its preference and so does not share as common: its figures hold when Series B
    // has 10% of the shares that share the rest (Series B : common = 1 : 9). Our share counts:
    // 9,000,000 common, Series A 2,000,000 at $5.00, Series B 1,000,000 at $5.00 (Series B has
    // 1/12 of the company). Series A converting would take 2/12 of $45M = $7.5M < $10M: it keeps its
    // preference.
    const auto company = [](std::int64_t common, std::int64_t a_shares, std::int64_t b_shares) {
        return cap_table_builder()
            .add(holder::founder("f", "Founders"))
            .add(holder::investor("a", "Series A investor"))
            .add(holder::investor("b", "Series B investor"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(usd(10'000'000), sh(a_shares)), non_participating()))
            .add(share_class::preferred("Series B", price_per_share(usd(5'000'000), sh(b_shares)), participating()))
            .holding(holder_id("f"), "Common", sh(common))
            .holding(holder_id("a"), "Series A", sh(a_shares))
            .holding(holder_id("b"), "Series B", sh(b_shares))
            .build();
    };
    const waterfall w = waterfall::build(company(9'000'000, 2'000'000, 1'000'000));
    const waterfall_payout at50 = w.at(usd(50'000'000));
    CHECK(at50.by_line == std::vector<money>{usd(31'500'000), usd(10'000'000), usd(8'500'000)});
    CHECK(at50.status[1] == line_status::preference);
    CHECK(at50.status[2] == line_status::participating);
    CHECK(at50.by_holder == std::vector<money>{usd(31'500'000), usd(10'000'000), usd(8'500'000)});
    const waterfall_payout at15 = w.at(usd(15'000'000));
    CHECK(at15.by_line == std::vector<money>{usd(0), usd(10'000'000), usd(5'000'000)});
    CHECK(at15.status[0] == line_status::nothing);
    // Below $15M the one tier is shared in proportion to the preferences (2 : 1).
    CHECK(w.at(usd(12'000'000)).by_line == std::vector<money>{usd(0), usd(8'000'000), usd(4'000'000)});

    // Read literally, "Series B owns 10% of the company" with Series A at 20% (7,000,000 common,
    // 2,000,000 Series A, 1,000,000 Series B; our derivation): Series A still keeps its $10M
    // (converting: 20% of $45M = $9M), and the $35M is shared by the 8,000,000 participating
    // shares: Series B $5M + $35M / 8 = $9,375,000, common $35M x 7/8 = $30,625,000, not the
    // source's $8.5M and $31.5M, which count the non-converting Series A's shares as common's.
    const waterfall_payout literal = waterfall::build(company(7'000'000, 2'000'000, 1'000'000)).at(usd(50'000'000));
    CHECK(literal.by_line == std::vector<money>{usd(30'625'000), usd(10'000'000), usd(9'375'000)});
    CHECK(literal.status[1] == line_status::preference);
}

TEST_CASE("A preferred class with no shares issued receives nothing and says so, at every exit") {
    // Regression (fifth session of 2026-12-06): a class on the table with no shares issued (a
    // series authorized, not yet sold) receives $0, but above the preferences its status was
    // "preference" (non-participating) or "participating" (full or capped), in at() and on the
    // curve's segments, as if it were paid something; it is "nothing" at every exit.
    const std::vector<participation> kinds{participation::none(), participation::full(), participation::capped(fraction(3))};
    for (const participation& kind : kinds) {
        liquidation_terms t;
        t.participation = kind;
        const cap_table table = cap_table_builder()
                                    .add(holder::founder("a", "Ann"))
                                    .add(holder::investor("f", "Fund"))
                                    .add(share_class::common("Common"))
                                    .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1))))
                                    .add(share_class::preferred("Series B", price_per_share(usd(2), sh(1)), t))
                                    .holding(holder_id("a"), "Common", sh(1'000'000))
                                    .holding(holder_id("f"), "Series A", sh(1'000'000))
                                    .build();
        const waterfall w = waterfall::build(table);
        const payout_curve curve = w.curve();
        for (const std::int64_t dollars : {0, 500'000, 1'000'000, 1'500'000, 2'000'000, 10'000'000}) {
            const waterfall_payout p = w.at(usd(dollars));
            CHECK(p.by_line[2] == usd(0));
            CHECK(p.status[2] == line_status::nothing);
            CHECK(curve.at(usd(dollars)).status == p.status);
        }
        for (const waterfall_segment& s : curve.segments()) CHECK(s.status[2] == line_status::nothing);
        CHECK(w.at(usd(10'000'000)).status == std::vector<line_status>{line_status::participating, line_status::converted,
                                                                       line_status::nothing});
    }
}

TEST_CASE("Joint conversion regression: a capped participating class converts when converting pays more") {
    // The issue's case: liqpref-waterfall-py never converts a capped participating class, and
    // pays it its cap ($3.0M) where converting pays $5M. Series A: $1M at $1 a share, 1x
    // participating capped at 3x; common 1M shares; exit $10M. Not converted: $1M + half of $9M =
    // $5.5M, capped at $3M. Converted: half of $10M = $5M.
    const waterfall w = waterfall::build(one_series(1'000'000, 1'000'000, 1'000'000, capped(3)));
    const waterfall_payout p = w.at(usd(10'000'000));
    CHECK(p.by_line[1] == usd(5'000'000));
    CHECK(p.by_line[1] != usd(3'000'000));
    CHECK(p.status[1] == line_status::converted);
    CHECK(p.by_line[0] == usd(5'000'000));
    // The cap binds from $5M ($1M + half of $4M = $3M) and conversion starts at $6M (half = $3M).
    REQUIRE(w.breakpoints().size() == 3);
    CHECK(w.breakpoints()[1].exit_value == units(5'000'000));
    CHECK(w.breakpoints()[2].exit_value == units(6'000'000));
    CHECK(series_a_at(w, 5'500'000) == usd(3'000'000));
    CHECK(series_a_at(w, 6'000'000) == usd(3'000'000));
    CHECK(w.at(usd(6'000'000)).status[1] == line_status::capped);  // a tie does not convert
}

TEST_CASE("Joint conversion: each class's choice depends on the others'") {
    // Two non-participating series, 1M shares each; A's preference $1M, B's $6M; common 2M
    // shares. B alone would convert once 1/4 of the exit beats $6M ($24M) if A converted too,
    // but A converts first (at a share value of $1). The consistent outcome at $20M: A converts
    // (a share is worth ($20M - $6M) / 3M = $4.67 > $1), B keeps $6M (converting would give
    // $5M). At $24M + : B converts.
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founder"))
                            .add(holder::investor("a", "A"))
                            .add(holder::investor("b", "B"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("A", price_per_share(usd(1'000'000), sh(1'000'000))))
                            .add(share_class::preferred("B", price_per_share(usd(6'000'000), sh(1'000'000))))
                            .holding(holder_id("f"), "Common", sh(2'000'000))
                            .holding(holder_id("a"), "A", sh(1'000'000))
                            .holding(holder_id("b"), "B", sh(1'000'000))
                            .build();
    const waterfall w = waterfall::build(t);
    const waterfall_payout p = w.at(usd(20'000'000));
    CHECK(p.by_line[2] == usd(6'000'000));
    CHECK(p.status[1] == line_status::converted);
    CHECK(p.status[2] == line_status::preference);
    CHECK(p.value_per_share == fraction(14'000'000'000, 3'000'000));
    const waterfall_payout q = w.at(usd(28'000'000));
    CHECK(q.status[2] == line_status::converted);
    CHECK(q.by_line[2] == usd(7'000'000));
    CHECK(w.breakpoints().back().exit_value == units(24'000'000));
}

TEST_CASE("Several holders of a class after an anti-dilution adjustment: preference by shares, participation as converted") {
    // Series A: 1,000 shares at $1 converting 3:2 (a conversion price cut to $0.6667), held 600 /
    // 400 (900 / 600 as converted); common 1,500 shares. The 1x preference ($1,000) is shared by
    // issued shares; converting, by as-converted shares. Conversion where a share is worth
    // $1,000 / 1,500: at $1,000 + 1,500 x 2/3 = $2,000.
    const cap_table t = cap_table_builder()
                            .add(holder::founder("f", "Founder"))
                            .add(holder::investor("a1", "Fund One"))
                            .add(holder::investor("a2", "Fund Two"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("Series A", price_per_share(usd(1'000), sh(1'000)))
                                     .with_conversion_ratio(fraction(3, 2)))
                            .holding(holder_id("f"), "Common", sh(1'500))
                            .holding(holder_id("a1"), "Series A", sh(600))
                            .holding(holder_id("a2"), "Series A", sh(400))
                            .build();
    const waterfall w = waterfall::build(t);
    CHECK(w.lines()[1].shares == fraction(1'500));
    const waterfall_payout low = w.at(usd(500));
    CHECK(low.by_holder == std::vector<money>{usd(0), usd(300), usd(200)});
    const waterfall_payout high = w.at(usd(3'000));
    CHECK(high.status[1] == line_status::converted);
    CHECK(high.by_holder == std::vector<money>{usd(1'500), usd(900), usd(600)});
    CHECK(w.breakpoints().back().exit_value == units(2'000));
}

TEST_CASE("Options: out of the money they do not exercise; net or paid in, the net value is the same") {
    // 9M common, 1M options at $1.00. Below a share value of $1 (exit $9M) the options are out
    // of the money. At $19M a share is worth ($19M + $1M) / 10M = $2: options net $1M.
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(holder::employee("e", "Employee"))
                           .add(share_class::common("Common"))
                           .add(option_pool{"Plan", "Common", sh(2'000'000)})
                           .holding(holder_id("f"), "Common", sh(9'000'000))
                           .grant({holder_id("e"), "Plan", sh(1'000'000), price_per_share(usd(1), sh(1))})
                           .build();
    waterfall_terms net;
    waterfall_terms paid;
    paid.exercise = option_exercise::paid_in;
    const waterfall wn = waterfall::build(table, net);
    const waterfall wp = waterfall::build(table, paid);
    const waterfall_payout low = wn.at(usd(5'000'000));
    CHECK(low.by_holder[1] == usd(0));
    CHECK(low.status[1] == line_status::nothing);
    CHECK(low.value_per_share == fraction(5'000'000'000, 9'000'000));
    const waterfall_payout n = wn.at(usd(19'000'000));
    const waterfall_payout p = wp.at(usd(19'000'000));
    CHECK(n.value_per_share == fraction(2'000));
    CHECK(n.by_holder[1] == usd(1'000'000));
    CHECK(n.by_holder[0] == usd(18'000'000));
    CHECK(n.exercise_paid_by_holder[1] == usd(0));
    CHECK(p.by_holder == n.by_holder);
    CHECK(p.exercise_paid_by_holder[1] == usd(1'000'000));
    CHECK(p.gross_for_holder(1) == usd(2'000'000));
    CHECK(wp.curve().at(usd(19'000'000)).exercise_paid_by_holder[1] == usd(1'000'000));
    REQUIRE(wn.breakpoints().size() == 1);
    CHECK(wn.breakpoints()[0].exit_value == units(9'000'000));
    CHECK(wn.breakpoints()[0].events[0].kind == waterfall_event_kind::exercises);
    // At exactly $9M the options are at the money: no exercise.
    CHECK(wp.at(usd(9'000'000)).exercise_paid_by_holder[1] == usd(0));
}

// Startup Company Lawyer (Yokum), "What does a liquidation preference spreadsheet look like?"
// (http://www.startupcompanylawyer.com/2008/11/17/what-does-a-liquidation-preference-spreadsheet-look-like,
// the spreadsheet at https://www.scribd.com/doc/10126912/Sample-Liquidation-Preference-Spreadsheet):
// 10,000,000 common; options at seven exercise prices ($0.10 to $0.38, 3,730,000 in all);
// Series A 2,500,000 at $1.00, Series B 2,000,000 at $1.25, Series C 1,000,000 at $1.50, all 1x
// non-participating and pari passu; warrants for 100,000 Series A at $1.00 and 25,000 Series B
// at $1.25; "acquired for $25 million", every option "vested and exercised". Its published
// figures: 19,355,000 shares in all, $6,500,000 of preferred preference, Series A, B and both
// warrants convert, Series C does not and takes $1,500,000, and each manager's aggregate
// exercise price (Alpha 275,000 at $0.38: $104,500; ...). The holders not named there hold the
// rest (2,675,000 common, 1,960,000 options). It also lists $6,631,250 "including warrants": it
// gives each preferred warrant a preference of its exercise price; here a warrant on a preferred
// class exercises and converts and claims no preference (waterfall.hpp), which changes nothing
// at $25M, where they convert. Our derivation: a share is worth ($23.5M + $1,299,100 of exercise
// prices) / 18,355,000 = $1.35108145; Series C converts above $27,733,400, where a share is
// worth its $1.50.
TEST_CASE("Startup Company Lawyer's spreadsheet: options at seven prices, preferred warrants, Series C keeps $1.5M at $25M") {
    // Prices in mills (thousandths of a dollar): pps(380) = $0.38 a share.
    const auto pps = [](std::int64_t mills) { return price_per_share(money::from_units(mills), sh(1)); };
    struct grant_row { const char* holder; std::int64_t shares; std::int64_t price; };
    const grant_row grants[] = {{"alpha", 275'000, 380},   {"beta", 275'000, 380},      {"gamma", 50'000, 380},
                                {"cfo", 60'000, 150},      {"cfo", 10'000, 175},       {"cfo", 10'000, 300},
                                {"cfo", 25'000, 380},      {"coo", 335'000, 380},       {"vpadmin", 450'000, 380},
                                {"cio", 20'000, 380},      {"vpsales", 100'000, 100},   {"vpsales", 50'000, 175},
                                {"vpsales", 40'000, 380},  {"vpservices", 30'000, 380}, {"vpbizdev", 40'000, 380},
                                {"others", 100'000, 100},  {"others", 365'000, 150},    {"others", 270'000, 175},
                                {"others", 60'000, 210},   {"others", 15'000, 250},     {"others", 190'000, 300},
                                {"others", 960'000, 380}};
    cap_table_builder b;
    for (const char* id : {"alpha", "beta", "gamma", "cfo", "coo", "vpadmin", "cio", "vpsales", "vpservices", "vpbizdev", "others"}) {
        b.add(holder::employee(id, id));
    }
    b.add(holder::investor("a", "Series A investors"))
        .add(holder::investor("b", "Series B investors"))
        .add(holder::investor("c", "Series C investors"))
        .add(holder::investor("lender", "Warrant holders"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Series A", pps(1000)))
        .add(share_class::preferred("Series B", pps(1250)))
        .add(share_class::preferred("Series C", pps(1500)))
        .add(option_pool{"Plan", "Common", sh(3'730'000)})
        .holding(holder_id("alpha"), "Common", sh(2'500'000))
        .holding(holder_id("beta"), "Common", sh(2'000'000))
        .holding(holder_id("gamma"), "Common", sh(1'000'000))
        .holding(holder_id("cfo"), "Common", sh(75'000))
        .holding(holder_id("cio"), "Common", sh(750'000))
        .holding(holder_id("vpservices"), "Common", sh(600'000))
        .holding(holder_id("vpbizdev"), "Common", sh(400'000))
        .holding(holder_id("others"), "Common", sh(2'675'000))
        .holding(holder_id("a"), "Series A", sh(2'500'000))
        .holding(holder_id("b"), "Series B", sh(2'000'000))
        .holding(holder_id("c"), "Series C", sh(1'000'000))
        .add(warrant{holder_id("lender"), "Series A", sh(100'000), pps(1000)})
        .add(warrant{holder_id("lender"), "Series B", sh(25'000), pps(1250)});
    for (const grant_row& g : grants) b.grant({holder_id(g.holder), "Plan", sh(g.shares), pps(g.price)});
    const cap_table table = b.build();
    CHECK(table.fully_diluted().total() == sh(19'355'000));
    CHECK(table.fully_diluted().granted_options() == sh(3'730'000));

    waterfall_terms paid_in;
    paid_in.exercise = option_exercise::paid_in;
    const waterfall w = waterfall::build(table, paid_in);
    CHECK(w.total_preference() == units(6'500'000));
    REQUIRE(w.lines().size() == 7);  // Common, Series A, B, C, Options: Plan, Warrants: Series A, B
    const waterfall_payout p = w.at(usd(25'000'000));
    CHECK(p.status[1] == line_status::converted);
    CHECK(p.status[2] == line_status::converted);
    CHECK(p.status[3] == line_status::preference);
    CHECK(p.by_line[3] == usd(1'500'000));
    CHECK(p.status[4] == line_status::exercised);
    CHECK(p.status[5] == line_status::exercised);
    CHECK(p.status[6] == line_status::exercised);
    const auto holder_index = [&](const char* id) {
        const auto it = std::find(w.holders().begin(), w.holders().end(), holder_id(id));
        REQUIRE(it != w.holders().end());
        return static_cast<std::size_t>(it - w.holders().begin());
    };
    const auto paid = [&](const char* id) { return p.exercise_paid_by_holder[holder_index(id)]; };
    CHECK(paid("alpha") == usd(104'500));
    CHECK(paid("beta") == usd(104'500));
    CHECK(paid("gamma") == usd(19'000));
    CHECK(paid("cfo") == usd(23'250));  // $9,000 + $1,750 + $3,000 + $9,500
    CHECK(paid("coo") == usd(127'300));
    CHECK(paid("vpadmin") == usd(171'000));
    CHECK(paid("cio") == usd(7'600));
    CHECK(paid("vpsales") == usd(33'950));  // $10,000 + $8,750 + $15,200
    CHECK(paid("vpservices") == usd(11'400));
    CHECK(paid("vpbizdev") == usd(15'200));
    CHECK(paid("lender") == usd(131'250));  // $100,000 + $31,250
    // Our derivation from here on.
    CHECK(p.value_per_share == fraction(24'799'100'000, 18'355'000));  // $1.35108145
    CHECK(p.by_line[1] == money::from_units(3'377'703'623));           // 2,500,000 x $1.35108145
    // Where each series converts: a share is then worth its issue price.
    const auto converts_above = [&](std::size_t line) {
        for (const waterfall_breakpoint& bp : w.breakpoints()) {
            for (const waterfall_event& e : bp.events) {
                if (e.kind == waterfall_event_kind::converts && e.line == line) return bp.exit_value;
            }
        }
        return fraction(-1);
    };
    CHECK(converts_above(1) == units(19'062'150));
    CHECK(converts_above(2) == units(23'144'650));
    CHECK(converts_above(3) == units(27'733'400));
    CHECK(w.at(usd(27'733'400)).status[3] == line_status::preference);
    CHECK(w.at(usd(27'733'401)).status[3] == line_status::converted);
}

TEST_CASE("Warrants on common exercise like options") {
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(holder::investor("l", "Lender"))
                           .add(share_class::common("Common"))
                           .holding(holder_id("f"), "Common", sh(900))
                           .add(warrant{holder_id("l"), "Common", sh(100), price_per_share(usd(2), sh(1))})
                           .build();
    const waterfall w = waterfall::build(table);
    CHECK(w.lines()[1].name == "Warrants: Common");
    CHECK(w.at(usd(1'000)).by_holder[1] == usd(0));      // $1.11 a share < $2
    CHECK(w.at(usd(3'800)).by_holder[1] == usd(200));    // ($3,800 + $200) / 1,000 = $4: 100 x $2
}

TEST_CASE("Cumulative compound dividends: yearly, with a simple stub, each step rounded") {
    // $1M at 8% compounded yearly from 2020-01-01 to 2022-07-01: $80,000, then 8% of $1,080,000
    // = $86,400, then 181/365 of 8% of $1,166,400 = $46,272.526027... -> $46,272.526 (half even):
    // $212,672.526 in all.
    liquidation_terms t = non_participating();
    t.dividends = dividend_terms::cumulative_compound(fraction(8, 100), ymd(2020, 1, 1));
    waterfall_terms terms;
    terms.exit_date = ymd(2022, 7, 1);
    const waterfall w = waterfall::build(one_series(1'000'000, 1'000'000, 1'000'000, t), terms);
    CHECK(w.lines()[1].accrued_dividends == money::from_units(212'672'526));
    CHECK(w.lines()[1].preference == fraction(1'212'672'526));
    CHECK(series_a_at(w, 1'000'000) == usd(1'000'000));
}

TEST_CASE("Cumulative dividends that overflow by a far exit date: overflow_error naming the date and class") {
    // Regression (review of 2026-12-05): the overflow was a validation_error on "cap_table" (the
    // tool's exit code 4, "does not apply") though the input is valid and the amount cannot be
    // computed (exit code 5).
    liquidation_terms t = non_participating();
    t.dividends = dividend_terms::cumulative_compound(fraction(8, 100), ymd(2020, 1, 1));
    waterfall_terms terms;
    terms.exit_date = ymd(2500, 1, 1);  // 1.08^480: far beyond 2^63 mills
    const cap_table table = one_series(1'000'000, 1'000'000, 1'000'000, t);
    const waterfall_result r = waterfall::try_build(table, terms);
    CHECK_FALSE(r.ok());
    CHECK(r.overflowed);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field.to_string() == "exit_date");
    CHECK(r.problems[0].value == "2500-01-01");
    CHECK(r.problems[0].rule == "is too far for class \"Series A\": its cumulative dividends accrued to it overflow "
                                "the exact amount range (64-bit mills)");
    CHECK_THROWS_WITH_AS((void)waterfall::build(table, terms),
                         "liquidation waterfall: exit_date = 2500-01-01: is too far for class \"Series A\": its "
                         "cumulative dividends accrued to it overflow the exact amount range (64-bit mills)",
                         overflow_error);
    // Bad input is still a validation_error, whatever the dates.
    terms.exit_date = ymd(2019, 1, 1);
    CHECK_FALSE(waterfall::try_build(table, terms).overflowed);
    CHECK_THROWS_AS((void)waterfall::build(table, terms), validation_error);
}

namespace {

// The table of the regression test below: an exercise price of 2^63 - 1 mills per
// 9,223,372,036,854,775,783 shares (a prime), whose exact payouts overflow at the largest exit.
cap_table grant_price_overflow_table() {
    return cap_table_builder()
        .add(holder::founder("f", "Founder"))
        .add(holder::investor("vc", "Fund"))
        .add(holder::employee("e", "Employee"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Seed", price_per_share(usd(1), sh(1)), non_participating()))
        .add(option_pool{"Plan", "Common", sh(1)})
        .holding(holder_id("f"), "Common", sh(3'000'001))
        .holding(holder_id("vc"), "Seed", sh(2'000'000))
        .grant({holder_id("e"), "Plan", sh(1),
                price_per_share(money::from_units(9'223'372'036'854'775'807), sh(9'223'372'036'854'775'783))})
        .build();
}

const char* const grant_price_named =
    "overflow the exact range (fractions below 2^127); the price with the largest denominator: "
    "cap_table.grants[0].exercise_price = $0.0010 (9223372036854775807/9223372036854775783 mills a share)";

}  // namespace

TEST_CASE("Exact payouts that overflow at an exit: overflow_error naming the exit and the price of the largest denominator") {
    // Regression (scale review of 2026-12-06): an exercise price of 2^63 - 1 mills per
    // 9,223,372,036,854,775,783 shares (a prime) at the largest exit made the value of a common
    // share a fraction whose multiples do not fit; at() threw a bare "fraction: 3000001 * ...
    // overflows" naming no input (the tool's exit 5 without a path).
    const waterfall w = waterfall::build(grant_price_overflow_table());
    const money top = money::from_units((std::numeric_limits<std::int64_t>::max)());
    CHECK_THROWS_WITH_AS((void)w.at(top),
                         "liquidation waterfall: exit_value = $9,223,372,036,854,775.807: the exact payouts at this exit "
                         "overflow the exact range (fractions below 2^127); the price with the largest denominator: "
                         "cap_table.grants[0].exercise_price = $0.0010 (9223372036854775807/9223372036854775783 mills a "
                         "share)",
                         overflow_error);
    CHECK_THROWS_AS((void)w.at(std::vector<money>{usd(5'000'000), top}), overflow_error);
    // Below it the same table computes exactly.
    CHECK(w.at(usd(5'000'000)).by_line[1] == usd(2'000'000));
}

TEST_CASE("Preferences totalling past the money range: a tier partly paid at any exit, directly as by the curve") {
    // Regression (fifth session of 2026-12-06): two pari passu classes with a 10^12x preference
    // (1,000,000,000 shares at $1 and at $3: preferences of 10^24 and 3 x 10^24 mills, past
    // 64-bit money) share every exit 1 : 3. waterfall::at computed paid x preference / tier total,
    // a product past 2^127 from an exit of $1T, and threw overflow_error ("the exact payouts at
    // this exit overflow"), where the curve (paid x the share of the tier) paid Series A $250B and
    // Series B $750B.
    liquidation_terms huge;
    huge.multiple = fraction(1'000'000'000'000);
    const cap_table table = cap_table_builder()
                                .add(holder::founder("a", "Ann"))
                                .add(holder::investor("f", "Fund A"))
                                .add(holder::investor("g", "Fund B"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1)), huge))
                                .add(share_class::preferred("Series B", price_per_share(usd(3), sh(1)), huge))
                                .holding(holder_id("a"), "Common", sh(1'000'000))
                                .holding(holder_id("f"), "Series A", sh(1'000'000'000))
                                .holding(holder_id("g"), "Series B", sh(1'000'000'000))
                                .build();
    const waterfall w = waterfall::build(table);
    CHECK(w.total_preference() == fraction(4) * fraction(1'000'000'000'000'000'000) * fraction(1'000'000));
    const payout_curve curve = w.curve();
    const money top = money::from_units((std::numeric_limits<std::int64_t>::max)());
    const waterfall_payout p = w.at(usd(1'000'000'000'000));
    CHECK(p.by_line == std::vector<money>{usd(0), usd(250'000'000'000), usd(750'000'000'000)});
    CHECK(p.by_holder == std::vector<money>{usd(0), usd(250'000'000'000), usd(750'000'000'000)});
    CHECK(p.status == std::vector<line_status>{line_status::nothing, line_status::partly_paid, line_status::partly_paid});
    CHECK(w.exact_line_payouts(fraction(top.units())) ==
          std::vector<fraction>{fraction(), fraction(top.units(), 4), fraction(top.units()) * fraction(3, 4)});
    const waterfall_payout at_top = w.at(top);
    // 2^63 - 1 = 4 x 2,305,843,009,213,693,951 + 3: Series B's remainder 1/4 mill, A's 3/4: the
    // last mill to Series A.
    CHECK(at_top.by_line == std::vector<money>{money::zero(currencies::usd), money::from_units(2'305'843'009'213'693'952),
                                               money::from_units(6'917'529'027'641'081'855)});
    CHECK(at_top.by_line == curve.at(top).by_line);
    CHECK(at_top.by_holder == curve.at(top).by_holder);
}

TEST_CASE("Exact payouts that overflow at an exit, from the curve: overflow_error naming the exit and the price") {
    // Regression (fourth session of 2026-12-06): payout_curve::at and lines_at at the largest
    // exit of the table above threw the fraction's bare "fraction: 3952875047705194896539401/
    // 6588125518716850374935938 + ... overflows" (the curve itself is built: its slopes and
    // intercepts fit, their value at that exit does not).
    const waterfall w = waterfall::build(grant_price_overflow_table());
    const payout_curve c = w.curve();
    const money top = money::from_units((std::numeric_limits<std::int64_t>::max)());
    const std::string message = std::string("payout curve: exit_value = $9,223,372,036,854,775.807: the exact payouts at "
                                            "this exit ") +
                                grant_price_named;
    CHECK_THROWS_WITH_AS((void)c.at(top), message.c_str(), overflow_error);
    curve_payout into;
    CHECK_THROWS_WITH_AS(c.at(top, into), message.c_str(), overflow_error);
    CHECK_THROWS_WITH_AS(c.lines_at(top, into), message.c_str(), overflow_error);
    // Below it the curve computes exactly, into the same storage.
    c.lines_at(usd(5'000'000), into);
    CHECK(into.by_line == w.at(usd(5'000'000)).by_line);
}

TEST_CASE("Exact payouts that overflow at an exit value given as a fraction: overflow_error naming it and the price") {
    // Regression (fourth session of 2026-12-06): exact_line_payouts and exact_holder_payouts at
    // the largest exit of the table above threw the fraction's bare "fraction: 3000001 * ...
    // overflows".
    const waterfall w = waterfall::build(grant_price_overflow_table());
    const fraction top((std::numeric_limits<std::int64_t>::max)());
    const std::string message =
        std::string("liquidation waterfall: exit_value = $9,223,372,036,854,775.807: the exact payouts at this exit ") + grant_price_named;
    CHECK_THROWS_WITH_AS((void)w.exact_line_payouts(top), message.c_str(), overflow_error);
    CHECK_THROWS_WITH_AS((void)w.exact_holder_payouts(top), message.c_str(), overflow_error);
    // An exit that is not a whole number of mills is named by its exact mills and the amount nearest.
    const fraction near_top = top - fraction(1, 3);
    CHECK_THROWS_WITH_AS((void)w.exact_line_payouts(near_top),
                         (std::string("liquidation waterfall: exit_value = 27670116110564327420/3 mills (about "
                                      "$9,223,372,036,854,775.807): the exact payouts at this exit ") +
                          grant_price_named)
                             .c_str(),
                         overflow_error);
    CHECK(w.exact_line_payouts(fraction(5'000'000'000))[1] == fraction(2'000'000'000));
}

TEST_CASE("A curve whose exact slopes and intercepts overflow: overflow_error naming the breakpoint and the price") {
    // Regression (fourth session of 2026-12-06): two grants at 1 mill per P1 and per P2 shares
    // (P1 = 1,099,511,627,689 and P2 = 1,099,511,627,609, primes near 2^40) beside
    // 1,125,899,906,842,597 common shares (a prime near 2^50). Once both are exercised the
    // exercise prices add up to 1/P1 + 1/P2 mills, over P1 P2 (near 2^80); the common's intercept
    // divides that by the shares outstanding (near 2^50): a denominator near 2^130. build() fits
    // (its breakpoints are exit values over P1 P2); curve() threw the fraction's bare "fraction:
    // 1125899906842597/1125899906842599 * -2199023255298/1208925819335353221265601 overflows".
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(holder::employee("e", "Employee"))
                           .add(share_class::common("Common"))
                           .add(option_pool{"Plan", "Common", sh(2)})
                           .holding(holder_id("f"), "Common", sh(1'125'899'906'842'597))
                           .grant({holder_id("e"), "Plan", sh(1), price_per_share(money::from_units(1), sh(1'099'511'627'689))})
                           .grant({holder_id("e"), "Plan", sh(1), price_per_share(money::from_units(1), sh(1'099'511'627'609))})
                           .build();
    const waterfall w = waterfall::build(table);
    REQUIRE(w.breakpoints().size() == 2);
    CHECK(w.breakpoints()[1].exit_value.to_string() == "1237940039187397296189868413/1208925819335353221265601");
    CHECK_THROWS_WITH_AS((void)w.curve(),
                         "payout curve: breakpoints[1].exit_value = 1237940039187397296189868413/1208925819335353221265601 "
                         "mills (about $1.024): the exact slopes and intercepts of the payouts from this exit value up "
                         "overflow the exact range (fractions below 2^127); the price with the largest denominator: "
                         "cap_table.grants[0].exercise_price = $0.00000000000000091 (1/1099511627689 mills a share)",
                         overflow_error);
}

TEST_CASE("The sweep's running sums overflow where each piece's sums fit: the pieces by every term at every piece") {
    // The sweep adds, at a kink, each term's change in term order. Here Series Y (term 1) reaches
    // its cap at v = 1 / (P2 Q) (its intercept gains 1/Q) in the same kink where Series X (term 2)
    // converts (its preference 1/P2 leaves): between the two the running intercept holds 1/P1,
    // 1/P2 and 1/Q at once, a denominator P1 P2 Q above 2^127, while every piece's own sums hold
    // two of them. build() gets there by its fallback (every term at every piece); without it,
    // it would end in overflow_error. The expectations below are this table's closed form.
    using rep = fraction::rep;
    const std::int64_t q = 1'048'583;             // the next prime from 2^20
    const std::int64_t p2 = 1'099'511'627'791;    // the next prime from 2^40
    const rep p1 = rep(295'147'905'179) * rep(1'000'000'000) + rep(352'825'889);  // the next prime from 2^68
    const std::int64_t s0 = (q - p2 % q - 1) % q;  // common shares: S0 + 1 + Q = -P2 (mod Q)
    REQUIRE(s0 == 1'048'518);
    const price_per_share mill(money::from_units(1), sh(1));
    liquidation_terms ty;
    ty.multiple = fraction(1, p2);
    ty.participation = participation::capped(fraction(q + 1, rep(p2) * q));
    liquidation_terms tx;
    tx.multiple = fraction(1, rep(p2) * q);
    liquidation_terms tr;
    tr.multiple = fraction(rep(1), p1);
    tr.participation = participation::full();
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(holder::investor("y", "Y"))
                           .add(holder::investor("x", "X"))
                           .add(holder::investor("r", "R"))
                           .add(share_class::common("Common"))
                           .add(share_class::preferred("Series Y", mill, ty))
                           .add(share_class::preferred("Series X", mill, tx))
                           .add(share_class::preferred("Series R", mill, tr))
                           .holding(holder_id("f"), "Common", sh(s0))
                           .holding(holder_id("y"), "Series Y", sh(p2))
                           .holding(holder_id("x"), "Series X", sh(q))
                           .holding(holder_id("r"), "Series R", sh(1))
                           .build();
    const fraction v(1, rep(p2) * q);              // Y reaches its cap, X converts
    const fraction v_cap(q + 1, rep(p2) * q);      // Y converts above its cap
    const fraction total = fraction(1) + fraction(1, p2) + fraction(rep(1), p1);  // 1 + 1/P2 + 1/P1 mills
    // The sweep's running intercept between Y's change and X's: total + 1/Q does not fit.
    CHECK_THROWS_AS((void)(total + fraction(1, q)), overflow_error);

    const waterfall w = waterfall::build(table);
    CHECK(w.total_preference() == total);
    // Exit values at the kinks: D(v) = (1 + 1/Q + 1/P1) + (S0 + 1 + Q) v and D(v_cap) = 1/P1 +
    // (S0 + 1 + Q + P2) v_cap, each summed so that the multiple of Q cancels first.
    const fraction at_v = (fraction(1, q) + fraction(s0 + 1 + q) * v) + fraction(1) + fraction(rep(1), p1);
    const fraction at_cap = fraction(s0 + 1 + q + p2) * v_cap + fraction(rep(1), p1);
    REQUIRE(w.breakpoints().size() == 3);
    CHECK(w.breakpoints()[0].exit_value == total);
    CHECK(w.breakpoints()[1].exit_value == at_v);
    CHECK(w.breakpoints()[1].value_per_share == v);
    CHECK(w.breakpoints()[2].exit_value == at_cap);
    CHECK(w.breakpoints()[2].value_per_share == v_cap);
    REQUIRE(w.breakpoints()[1].events.size() == 2);
    CHECK(w.breakpoints()[1].events[0].kind == waterfall_event_kind::reaches_cap);
    CHECK(w.breakpoints()[1].events[0].line == 1);
    CHECK(w.breakpoints()[1].events[1].kind == waterfall_event_kind::converts);
    CHECK(w.breakpoints()[1].events[1].line == 2);
    REQUIRE(w.breakpoints()[2].events.size() == 1);
    CHECK(w.breakpoints()[2].events[0].line == 1);
    // Each piece's statuses (Common, Y, X, R).
    using ls = line_status;
    CHECK(w.status_at((total + at_v) / fraction(2)) ==
          std::vector<ls>{ls::participating, ls::participating, ls::preference, ls::participating});
    CHECK(w.status_at((at_v + at_cap) / fraction(2)) ==
          std::vector<ls>{ls::participating, ls::capped, ls::converted, ls::participating});
    CHECK(w.status_at(fraction(2)) == std::vector<ls>{ls::participating, ls::converted, ls::converted, ls::participating});
    // Whole exits: 1 mill is in the preferences (each pro rata), from 2 mills everything shares
    // as common: v = (x - 1/P1) / (S0 + 1 + Q + P2).
    CHECK(w.exact_line_payouts(fraction(1)) ==
          std::vector<fraction>{fraction(), fraction(1) / total, fraction(1, p2) / total, fraction(rep(1), p1) / total});
    for (const std::int64_t x : {2, 7, 1'000, 100'000}) {
        CAPTURE(x);
        const fraction vx = (fraction(x) - fraction(rep(1), p1)) / fraction(s0 + 1 + q + p2);
        CHECK(w.value_per_share(fraction(x)) == vx);
        const std::vector<fraction> expected{fraction(s0) * vx, fraction(p2) * vx, fraction(q) * vx,
                                             fraction(rep(1), p1) + vx};
        CHECK(w.exact_line_payouts(fraction(x)) == expected);
        const waterfall_payout p = w.at(money::from_units(x));
        CHECK(p.value_per_share == vx);
        money sum;
        for (std::size_t l = 0; l < 4; ++l) {
            sum += p.by_line[l];
            CHECK(fraction(p.by_line[l].units()) >= expected[l] - fraction(1));
            CHECK(fraction(p.by_line[l].units()) <= expected[l] + fraction(1));
        }
        CHECK(sum == money::from_units(x));
    }
}

TEST_CASE("A SAFE outstanding at the exit: the greater of its cash-out and conversion") {
    // Y Combinator post-money SAFE, Liquidity Event: the greater of the Purchase Amount and the
    // as-converted amount. $1M SAFE converting into 1M shares beside 9M common.
    const cap_table table = cap_table_builder()
                                .add(holder::founder("f", "Founder"))
                                .add(holder::investor("s", "Angel"))
                                .add(share_class::common("Common"))
                                .holding(holder_id("f"), "Common", sh(9'000'000))
                                .build();
    waterfall_terms terms;
    terms.convertibles.push_back({"Angel SAFE", holder_id("s"), usd(1'000'000), sh(1'000'000), 0});
    const waterfall w = waterfall::build(table, terms);
    CHECK(w.at(usd(5'000'000)).by_holder[1] == usd(1'000'000));
    CHECK(w.at(usd(20'000'000)).by_holder[1] == usd(2'000'000));
    CHECK(w.at(usd(20'000'000)).status[1] == line_status::converted);
    CHECK(w.breakpoints().back().exit_value == units(10'000'000));
}

TEST_CASE("Rounding: payouts are whole mills adding up to the exit value; exact mode refuses a remainder") {
    const cap_table table = cap_table_builder()
                                .add(holder::founder("a", "A"))
                                .add(holder::founder("b", "B"))
                                .add(holder::founder("c", "C"))
                                .add(share_class::common("Common"))
                                .holding(holder_id("a"), "Common", sh(1))
                                .holding(holder_id("b"), "Common", sh(1))
                                .holding(holder_id("c"), "Common", sh(1))
                                .build();
    const waterfall w = waterfall::build(table);
    const waterfall_payout p = w.at(money::from_units(10));
    CHECK(p.by_holder == std::vector<money>{money::from_units(4), money::from_units(3), money::from_units(3)});
    CHECK(w.curve().at(money::from_units(10)).by_holder == p.by_holder);
    waterfall_terms exact;
    exact.payouts = payout_rounding::exact;
    const waterfall we = waterfall::build(table, exact);
    CHECK_THROWS_AS((void)we.at(money::from_units(10)), inexact_error);
    CHECK_THROWS_AS((void)we.curve().at(money::from_units(10)), inexact_error);
    CHECK(we.at(money::from_units(9)).by_holder[2] == money::from_units(3));
}

TEST_CASE("Errors: every problem at once, each naming its field, value and rule") {
    const waterfall w = waterfall::build(one_series(1'000, 1'000, 1'000, non_participating()));
    try {
        (void)w.at(std::vector<money>{usd(5), -usd(1), money::from_major(3, currencies::eur), -usd(2)});
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].field.to_string() == "exit_values[1]");
        CHECK(e.problems()[0].rule == "must not be negative");
        CHECK(e.problems()[1].field.to_string() == "exit_values[2]");
        CHECK(e.problems()[2].field.to_string() == "exit_values[3]");
    }
    CHECK_THROWS_AS((void)w.at(-usd(1)), validation_error);
    CHECK_THROWS_AS((void)w.curve().at(-usd(1)), validation_error);

    // Convertibles and dividends against the table.
    liquidation_terms t = non_participating();
    t.dividends = dividend_terms::cumulative_simple(fraction(8, 100), ymd(2025, 1, 1));
    const cap_table table = one_series(1'000, 1'000, 1'000, t);
    waterfall_terms terms;
    terms.convertibles.push_back({"", holder_id("nobody"), -usd(1), sh(-5), -1});
    const waterfall_result r = waterfall::try_build(table, terms);
    CHECK_FALSE(r.ok());
    std::vector<std::string> fields;
    for (const diagnostic& d : r.problems) fields.push_back(d.field.to_string());
    CHECK(fields == std::vector<std::string>{"convertibles[0].name", "convertibles[0].cash_out",
                                             "convertibles[0].conversion_shares", "convertibles[0].seniority",
                                             "convertibles[0].holder", "exit_date"});
    CHECK(r.problems.back().rule == "is required: class \"Series A\" accrues cumulative dividends to the exit");
    terms.convertibles.clear();
    terms.exit_date = ymd(2024, 1, 1);
    const waterfall_result early = waterfall::try_build(table, terms);
    REQUIRE(early.problems.size() == 1);
    CHECK(early.problems[0].message() ==
          "exit_date = 2024-01-01: is before class \"Series A\"'s dividend accrual start 2025-01-01");
    CHECK_THROWS_AS((void)waterfall::build(table, terms), validation_error);
}

TEST_CASE("Several exits side by side, from the waterfall and from the curve") {
    const waterfall w = waterfall::build(one_series(6'000'000, 2'000'000, 2'000'000, capped(4)));
    const std::vector<money> exits{usd(1'000'000), usd(10'000'000), usd(31'000'000), usd(33'000'000)};
    const std::vector<waterfall_payout> a = w.at(exits);
    const std::vector<waterfall_payout> b = w.curve().at(exits);
    REQUIRE(a.size() == 4);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].by_line == b[i].by_line);
        CHECK(a[i].by_holder == b[i].by_holder);
        CHECK(a[i].status == b[i].status);
        CHECK(a[i].value_per_share == b[i].value_per_share);
    }
    CHECK(a[3].by_line[1] == usd(8'250'000));
}

// ---------------------------------------------------------------------------------------------
// Property tests on random cap tables, against an independent brute-force solver.

namespace {

struct class_spec {
    std::int64_t shares = 0;
    std::int64_t price_units = 0;  // issue price, mills a share
    fraction multiple;
    participation_kind kind = participation_kind::non_participating;
    fraction cap_multiple;
    int rank = 0;
};

struct grant_spec {
    std::int64_t shares = 0;
    std::int64_t strike_units = 0;
};

struct table_spec {
    std::int64_t common_a = 0, common_b = 0;
    std::vector<class_spec> classes;
    std::vector<grant_spec> grants;
    std::optional<std::pair<std::int64_t, std::int64_t>> safe;  // cash-out units, shares
    int safe_rank = 0;
};

table_spec random_spec(fundround_test::lcg& g) {
    table_spec s;
    s.common_a = 1 + static_cast<std::int64_t>(g.next(5'000));
    s.common_b = static_cast<std::int64_t>(g.next(3'000));
    const std::size_t n = 1 + g.next(4);
    for (std::size_t i = 0; i < n; ++i) {
        class_spec c;
        c.shares = 1 + static_cast<std::int64_t>(g.next(3'000));
        c.price_units = 1 + static_cast<std::int64_t>(g.next(5'000));
        const fraction multiples[] = {fraction(1), fraction(3, 2), fraction(2), fraction(0)};
        c.multiple = multiples[g.next(g.next(4) == 0 ? 4 : 3)];
        c.kind = static_cast<participation_kind>(g.next(3));
        if (c.kind == participation_kind::capped) c.cap_multiple = c.multiple + fraction(1 + static_cast<std::int64_t>(g.next(3)));
        c.rank = static_cast<int>(g.next(3));
        s.classes.push_back(c);
    }
    const std::size_t grants = g.next(3);
    for (std::size_t i = 0; i < grants; ++i) {
        s.grants.push_back({1 + static_cast<std::int64_t>(g.next(1'000)), static_cast<std::int64_t>(g.next(8'000))});
    }
    if (g.next(3) == 0) {
        // Drawn one after the other: the order of a call's arguments is unspecified.
        const auto cash = static_cast<std::int64_t>(g.next(2'000'000));
        const auto shares = 1 + static_cast<std::int64_t>(g.next(2'000));
        s.safe = std::make_pair(cash, shares);
        s.safe_rank = static_cast<int>(g.next(3));
    }
    return s;
}

// Holders: "c0" (common), "c1" (common, maybe), "p<i>" and "q<i>" (class i), "e<j>" (grant j), "s" (SAFE).
std::pair<cap_table, waterfall_terms> build_spec(const table_spec& s) {
    cap_table_builder b;
    b.add(share_class::common("Common"));
    b.add(holder::founder("c0", "Founder Zero")).holding(holder_id("c0"), "Common", sh(s.common_a));
    b.add(holder::founder("c1", "Founder One"));
    if (s.common_b > 0) b.holding(holder_id("c1"), "Common", sh(s.common_b));
    for (std::size_t i = 0; i < s.classes.size(); ++i) {
        const class_spec& c = s.classes[i];
        liquidation_terms t;
        t.multiple = c.multiple;
        t.seniority = c.rank;
        if (c.kind == participation_kind::full) t.participation = participation::full();
        if (c.kind == participation_kind::capped) t.participation = participation::capped(c.cap_multiple);
        const std::string name = "Series " + std::to_string(i);
        b.add(share_class::preferred(name, price_per_share(money::from_units(c.price_units), sh(1)), t));
        const std::string id = "p" + std::to_string(i);
        // Odd classes are split between two holders (2/3 and 1/3 of the shares, rounded).
        const std::int64_t second = i % 2 == 1 ? c.shares / 3 : 0;
        b.add(holder::investor(id, "Investor " + std::to_string(i))).holding(holder_id(id), name, sh(c.shares - second));
        if (second > 0) {
            const std::string id2 = "q" + std::to_string(i);
            b.add(holder::investor(id2, "Co-investor " + std::to_string(i))).holding(holder_id(id2), name, sh(second));
        }
    }
    if (!s.grants.empty()) b.add(option_pool{"Plan", "Common", sh(1'000'000)});
    for (std::size_t j = 0; j < s.grants.size(); ++j) {
        const std::string id = "e" + std::to_string(j);
        b.add(holder::employee(id, "Employee " + std::to_string(j)));
        const std::int64_t strike = std::max<std::int64_t>(s.grants[j].strike_units, 1);
        b.grant({holder_id(id), "Plan", sh(s.grants[j].shares), price_per_share(money::from_units(strike), sh(1))});
    }
    waterfall_terms terms;
    b.add(holder::investor("s", "SAFE holder"));
    if (s.safe) terms.convertibles.push_back({"SAFE", holder_id("s"), money::from_units(s.safe->first), sh(s.safe->second), s.safe_rank});
    return {b.build(), terms};
}

// The brute force: claims in a flat list; the conversion set is enumerated, and for a given set
// the rest is shared by enumerating which caps bind and which options exercise.
struct bf_claim {
    fraction pref, cap, shares;
    participation_kind kind = participation_kind::non_participating;
    int rank = 0;
    bool may_convert = false;
};

struct bf_model {
    fraction common_shares;
    std::vector<bf_claim> claims;      // line i + 1 of the waterfall (classes), then the SAFE
    std::vector<grant_spec> grants;    // one options line
};

bf_model model_of(const table_spec& s) {
    bf_model m;
    m.common_shares = fraction(s.common_a + s.common_b);
    for (const class_spec& c : s.classes) {
        bf_claim k;
        const fraction base = fraction(c.price_units) * fraction(c.shares);
        k.pref = c.multiple * base;
        k.cap = c.cap_multiple * base;
        k.shares = fraction(c.shares);
        k.kind = c.kind;
        k.rank = c.rank;
        k.may_convert = c.kind != participation_kind::full;
        m.claims.push_back(k);
    }
    if (s.safe) {
        bf_claim k;
        k.pref = fraction(s.safe->first);
        k.shares = fraction(s.safe->second);
        k.rank = s.safe_rank;
        k.may_convert = true;
        m.claims.push_back(k);
    }
    m.grants = s.grants;
    for (grant_spec& g : m.grants) g.strike_units = std::max<std::int64_t>(g.strike_units, 1);
    return m;
}

// Payouts (claims..., common, options) for exit x when the claims in `converted` convert.
std::vector<fraction> bf_payouts(const bf_model& m, const fraction& x, std::uint32_t converted) {
    const std::size_t n = m.claims.size();
    std::vector<fraction> pay(n + 2);
    fraction left = x;
    std::vector<int> ranks;
    for (const bf_claim& c : m.claims) ranks.push_back(c.rank);
    std::sort(ranks.rbegin(), ranks.rend());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    for (const int r : ranks) {
        fraction owed;
        for (std::size_t i = 0; i < n; ++i) {
            if (m.claims[i].rank == r && !(converted >> i & 1U)) owed += m.claims[i].pref;
        }
        if (owed.is_zero()) continue;
        const fraction paid = std::min(owed, left);
        for (std::size_t i = 0; i < n; ++i) {
            if (m.claims[i].rank == r && !(converted >> i & 1U)) pay[i] = paid * m.claims[i].pref / owed;
        }
        left -= paid;
    }
    if (left.is_zero()) return pay;
    // Share `left`: enumerate binding caps (capped, not converted) and exercised grants.
    std::vector<std::size_t> capped;
    for (std::size_t i = 0; i < n; ++i) {
        if (m.claims[i].kind == participation_kind::capped && !(converted >> i & 1U)) capped.push_back(i);
    }
    const std::size_t g = m.grants.size();
    for (std::uint32_t bind = 0; bind < (1U << capped.size()); ++bind) {
        for (std::uint32_t ex = 0; ex < (1U << g); ++ex) {
            fraction num = left;
            fraction den = m.common_shares;
            for (std::size_t i = 0; i < n; ++i) {
                const bf_claim& c = m.claims[i];
                if (converted >> i & 1U) {
                    den += c.shares;
                } else if (c.kind == participation_kind::full) {
                    den += c.shares;
                }
            }
            for (std::size_t k = 0; k < capped.size(); ++k) {
                const bf_claim& c = m.claims[capped[k]];
                if (bind >> k & 1U) {
                    num -= c.cap - c.pref;
                } else {
                    den += c.shares;
                }
            }
            for (std::size_t j = 0; j < g; ++j) {
                if (ex >> j & 1U) {
                    num += fraction(m.grants[j].shares) * fraction(m.grants[j].strike_units);
                    den += fraction(m.grants[j].shares);
                }
            }
            if (den.sign() <= 0) continue;
            const fraction v = num / den;
            if (v.sign() < 0) continue;
            bool ok = true;
            for (std::size_t k = 0; k < capped.size(); ++k) {
                const bf_claim& c = m.claims[capped[k]];
                const fraction room = c.cap - c.pref;
                ok = ok && ((bind >> k & 1U) ? c.shares * v >= room : c.shares * v <= room);
            }
            for (std::size_t j = 0; j < g; ++j) {
                const fraction strike(m.grants[j].strike_units);
                ok = ok && ((ex >> j & 1U) ? v >= strike : v <= strike);
            }
            if (!ok) continue;
            for (std::size_t i = 0; i < n; ++i) {
                const bf_claim& c = m.claims[i];
                if (converted >> i & 1U) {
                    pay[i] = c.shares * v;
                } else if (c.kind == participation_kind::full) {
                    pay[i] += c.shares * v;
                } else if (c.kind == participation_kind::capped) {
                    pay[i] += std::min(c.shares * v, c.cap - c.pref);
                }
            }
            pay[n] = m.common_shares * v;
            for (std::size_t j = 0; j < g; ++j) {
                const fraction strike(m.grants[j].strike_units);
                if (v > strike) pay[n + 1] += fraction(m.grants[j].shares) * (v - strike);
            }
            return pay;
        }
    }
    FAIL("brute force: no consistent sharing of the rest");
    return pay;
}

// Every consistent conversion set's payouts: a claim converts exactly when converting pays it
// strictly more given the others' choices.
std::vector<std::vector<fraction>> bf_equilibria(const bf_model& m, const fraction& x) {
    const std::size_t n = m.claims.size();
    std::vector<std::vector<fraction>> found;
    for (std::uint32_t set = 0; set < (1U << n); ++set) {
        bool valid = true;
        for (std::size_t i = 0; i < n; ++i) valid = valid && (m.claims[i].may_convert || !(set >> i & 1U));
        if (!valid) continue;
        const std::vector<fraction> pay = bf_payouts(m, x, set);
        bool stable = true;
        for (std::size_t i = 0; i < n && stable; ++i) {
            if (!m.claims[i].may_convert) continue;
            const std::vector<fraction> other = bf_payouts(m, x, set ^ (1U << i));
            stable = (set >> i & 1U) ? pay[i] > other[i] : pay[i] >= other[i];
        }
        if (stable) found.push_back(pay);
    }
    return found;
}

}  // namespace

TEST_CASE("Property: random cap tables (seeded): sums, monotonicity, conversion, curve = direct = brute force") {
    fundround_test::lcg g{20261202};
    int tables = 0;
    int exits_checked = 0;
    for (int round = 0; round < 60; ++round) {
        const table_spec spec = random_spec(g);
        const auto [table, terms] = build_spec(spec);
        const waterfall w = waterfall::build(table, terms);
        const payout_curve curve = w.curve();
        ++tables;
        const std::size_t n_lines = w.lines().size();
        // Every segment: slopes non-negative, lines and holders each sum to the exit value.
        for (const waterfall_segment& s : curve.segments()) {
            fraction a, b, ha, hb;
            for (const linear_payout& l : s.lines) {
                CHECK(l.slope.sign() >= 0);
                a += l.intercept;
                b += l.slope;
            }
            for (const linear_payout& h : s.holders) {
                CHECK(h.slope.sign() >= 0);
                ha += h.intercept;
                hb += h.slope;
            }
            CHECK(a.is_zero());
            CHECK(b == fraction(1));
            CHECK(ha.is_zero());
            CHECK(hb == fraction(1));
        }
        // Breakpoints are exactly the segment starts after 0 (where something starts).
        for (std::size_t k = 1; k < curve.segments().size(); ++k) {
            bool listed = false;
            for (const waterfall_breakpoint& bp : w.breakpoints()) listed = listed || bp.exit_value == curve.segments()[k].from;
            CHECK(listed);
        }
        const bf_model m = model_of(spec);
        fraction top = w.total_preference() * fraction(3) + fraction(50'000'000);
        std::vector<std::int64_t> xs;
        for (int k = 0; k < 12; ++k) {
            xs.push_back(static_cast<std::int64_t>(g.next(static_cast<std::uint64_t>(top.round_to_integer(rounding::floor)))));
        }
        for (const waterfall_breakpoint& bp : w.breakpoints()) {
            if (bp.exit_value.is_integer()) xs.push_back(static_cast<std::int64_t>(bp.exit_value.numerator()));
        }
        std::sort(xs.begin(), xs.end());
        std::vector<fraction> previous_lines, previous_holders;
        for (const std::int64_t xu : xs) {
            const fraction x(xu);
            const money exit = money::from_units(xu);
            const waterfall_payout direct = w.at(exit);
            const waterfall_payout from_curve = curve.at(exit);
            ++exits_checked;
            // Rounded payouts reconcile, and both paths agree.
            CHECK(sum(direct.by_line, currencies::usd) == exit);
            CHECK(sum(direct.by_holder, currencies::usd) == exit);
            CHECK(direct.by_line == from_curve.by_line);
            CHECK(direct.by_holder == from_curve.by_holder);
            CHECK(direct.status == from_curve.status);
            CHECK(direct.value_per_share == from_curve.value_per_share);
            // Exact payouts: from the segments' lines = the direct solve.
            const std::vector<fraction> lines = w.exact_line_payouts(x);
            const std::vector<fraction> holders = w.exact_holder_payouts(x);
            const waterfall_segment& seg = curve.segments()[curve.segment_index(x)];
            for (std::size_t l = 0; l < n_lines; ++l) CHECK(seg.lines[l].at(x) == lines[l]);
            for (std::size_t h = 0; h < holders.size(); ++h) CHECK(seg.holders[h].at(x) == holders[h]);
            // Non-decreasing in the exit value.
            if (!previous_lines.empty()) {
                for (std::size_t l = 0; l < n_lines; ++l) CHECK(lines[l] >= previous_lines[l]);
                for (std::size_t h = 0; h < holders.size(); ++h) CHECK(holders[h] >= previous_holders[h]);
            }
            previous_lines = lines;
            previous_holders = holders;
            // A class that converts gets at least its preference.
            for (std::size_t l = 0; l < n_lines; ++l) {
                if (direct.status[l] == line_status::converted) CHECK(lines[l] >= w.lines()[l].preference);
            }
            // The brute force: the engine's outcome is a consistent one (lines: Common, the
            // classes, then Options, then the SAFE).
            const std::vector<std::vector<fraction>> eq = bf_equilibria(m, x);
            REQUIRE_FALSE(eq.empty());
            bool matches = false;
            for (const std::vector<fraction>& pay : eq) {
                const std::size_t n = m.claims.size();
                bool same = lines[0] == pay[n];
                for (std::size_t i = 0; i < spec.classes.size(); ++i) same = same && lines[1 + i] == pay[i];
                std::size_t next = 1 + spec.classes.size();
                if (!spec.grants.empty()) same = same && lines[next++] == pay[n + 1];
                if (spec.safe) same = same && lines[next] == pay[n - 1];
                matches = matches || same;
            }
            CHECK(matches);
        }
    }
    CHECK(tables == 60);
    CHECK(exits_checked >= 60 * 12);
}

TEST_CASE("Property: caps and preferences with cumulative dividends, conversion ratios and warrants (seeded) = brute force") {
    // The property test above draws no dividends, conversion ratios or warrants. Here each class
    // accrues 8% simple cumulative dividends from 2024-01-01 to an exit on 2026-07-01 (912 days,
    // rounded half-even to the mill), added to its preference and to its cap; a class converts
    // into 1, 2 or 3/2 common shares a share; warrants on common exercise like options. The
    // brute force gets the amounts from the terms: preference = multiple x price x shares +
    // dividends, cap = cap multiple x price x shares + dividends, shares as converted.
    fundround_test::lcg g{20261206};
    int exits_checked = 0;
    int converted_seen = 0, capped_seen = 0, warrants_exercised = 0, shortfalls = 0;
    const fraction ratios[] = {fraction(1), fraction(2), fraction(3, 2)};
    const fraction multiples[] = {fraction(1), fraction(3, 2), fraction(2), fraction(0)};
    for (int round = 0; round < 40; ++round) {
        cap_table_builder b;
        b.add(share_class::common("Common")).add(holder::founder("c0", "Founder"));
        b.holding(holder_id("c0"), "Common", sh(1 + static_cast<std::int64_t>(g.next(5'000))));
        bf_model m;
        m.common_shares = fraction(b.build().issued_shares("Common").value());
        const std::size_t n = 1 + g.next(3);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t shares = 2 * (1 + static_cast<std::int64_t>(g.next(1'500)));  // even: 3/2 x shares is whole
            const std::int64_t price = 1 + static_cast<std::int64_t>(g.next(5'000));
            const fraction ratio = ratios[g.next(3)];
            liquidation_terms t;
            t.multiple = multiples[g.next(4)];
            t.seniority = static_cast<int>(g.next(3));
            t.dividends = dividend_terms::cumulative_simple(fraction(8, 100), ymd(2024, 1, 1));
            const auto kind = static_cast<participation_kind>(g.next(3));
            fraction cap_multiple;
            if (kind == participation_kind::full) t.participation = participation::full();
            if (kind == participation_kind::capped) {
                cap_multiple = t.multiple + fraction(1 + static_cast<std::int64_t>(g.next(3)));
                t.participation = participation::capped(cap_multiple);
            }
            const std::string name = "Series " + std::to_string(i);
            const std::string id = "p" + std::to_string(i);
            b.add(share_class::preferred(name, price_per_share(money::from_units(price), sh(1)), t).with_conversion_ratio(ratio));
            b.add(holder::investor(id, "Investor " + std::to_string(i))).holding(holder_id(id), name, sh(shares));
            bf_claim k;
            const fraction base = fraction(price) * fraction(shares);
            const fraction dividends((base * fraction(8, 100) * fraction(912, 365)).round_to_integer(rounding::half_even));
            k.pref = t.multiple * base + dividends;
            k.cap = kind == participation_kind::capped ? cap_multiple * base + dividends : fraction();
            k.shares = fraction(shares) * ratio;
            k.kind = kind;
            k.rank = t.seniority;
            k.may_convert = kind != participation_kind::full;
            m.claims.push_back(k);
        }
        const std::size_t n_warrants = g.next(3);
        for (std::size_t j = 0; j < n_warrants; ++j) {
            const std::string id = "w" + std::to_string(j);
            const grant_spec x{1 + static_cast<std::int64_t>(g.next(1'000)), 1 + static_cast<std::int64_t>(g.next(8'000))};
            b.add(holder::investor(id, "Lender " + std::to_string(j)));
            b.add(warrant{holder_id(id), "Common", sh(x.shares), price_per_share(money::from_units(x.strike_units), sh(1))});
            m.grants.push_back(x);
        }
        waterfall_terms terms;
        terms.exit_date = ymd(2026, 7, 1);
        const waterfall w = waterfall::build(b.build(), terms);
        REQUIRE(w.lines().size() == 1 + n + (n_warrants > 0 ? 1 : 0));
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(w.lines()[1 + i].preference == m.claims[i].pref);
            CHECK(w.lines()[1 + i].shares == m.claims[i].shares);
            if (m.claims[i].kind == participation_kind::capped) CHECK(w.lines()[1 + i].cap == m.claims[i].cap);
        }
        std::vector<std::int64_t> xs;
        const std::uint64_t top = static_cast<std::uint64_t>((w.total_preference() * fraction(3)).round_to_integer(rounding::floor)) + 20'000'000;
        for (int k = 0; k < 10; ++k) xs.push_back(static_cast<std::int64_t>(g.next(top)));
        for (const waterfall_breakpoint& bp : w.breakpoints()) {
            const auto below = static_cast<std::int64_t>(bp.exit_value.round_to_integer(rounding::floor));
            xs.push_back(below);
            xs.push_back(below + 1);
        }
        for (const std::int64_t xu : xs) {
            const fraction x(xu);
            const std::vector<fraction> lines = w.exact_line_payouts(x);
            const std::vector<line_status> status = w.at(money::from_units(xu)).status;
            const std::vector<std::vector<fraction>> eq = bf_equilibria(m, x);
            REQUIRE_FALSE(eq.empty());
            bool matches = false;
            for (const std::vector<fraction>& pay : eq) {
                bool same = lines[0] == pay[n];
                for (std::size_t i = 0; i < n; ++i) same = same && lines[1 + i] == pay[i];
                if (n_warrants > 0) same = same && lines[1 + n] == pay[n + 1];
                matches = matches || same;
            }
            CHECK(matches);
            ++exits_checked;
            for (std::size_t i = 0; i < n; ++i) {
                converted_seen += status[1 + i] == line_status::converted;
                capped_seen += status[1 + i] == line_status::capped;
                shortfalls += status[1 + i] == line_status::partly_paid;
            }
            if (n_warrants > 0) warrants_exercised += status[1 + n] != line_status::nothing;
        }
    }
    // The draws reach every case the test is about.
    CHECK(exits_checked >= 40 * 10);
    CHECK(converted_seen > 0);
    CHECK(capped_seen > 0);
    CHECK(warrants_exercised > 0);
    CHECK(shortfalls > 0);
}

// ---------------------------------------------------------------------------------------------
// payout_curve::at(exit, into): the evaluation path for many exits, against at(exit) and the
// direct solve waterfall::at(exit).

namespace {

// The exits (in mills) the path comparisons probe on waterfall @p w: small ones, 40 random ones
// up to three times the preferences (+ $50,000), each breakpoint's whole neighbours (either side
// of a fractional one), and huge ones up to the largest amount, where the 64-bit numerators
// overflow (the 128-bit route) and the exact payouts may not fit (every path throws
// overflow_error).
std::vector<std::int64_t> probe_exits(const waterfall& w, fundround_test::lcg& g) {
    std::vector<std::int64_t> xs{0, 1, 2, 3, 999, 1000, 1001};
    const std::uint64_t top = static_cast<std::uint64_t>((w.total_preference() * fraction(3)).round_to_integer(rounding::floor)) + 50'000'000;
    for (int k = 0; k < 40; ++k) xs.push_back(static_cast<std::int64_t>(g.next(top)));
    for (const waterfall_breakpoint& bp : w.breakpoints()) {
        const auto below = static_cast<std::int64_t>(bp.exit_value.round_to_integer(rounding::floor));
        for (std::int64_t d = -2; d <= 2; ++d) {
            if (below + d >= 0) xs.push_back(below + d);
        }
    }
    const std::int64_t huge[] = {std::int64_t{1} << 40, std::int64_t{1} << 50, std::int64_t{1} << 56,
                                 std::int64_t{1} << 61, (std::numeric_limits<std::int64_t>::max)()};
    for (const std::int64_t h : huge) xs.push_back(h - static_cast<std::int64_t>(g.next(1000)));
    return xs;
}

// Checks the into-path at `exit` against the curve's at() and the waterfall's at(); both throw
// the same kind of error or neither does. Returns the number of exits compared (0 or 1).
int compare_paths(const waterfall& w, const payout_curve& c, curve_payout& into, money exit) {
    waterfall_payout direct;
    try {
        direct = w.at(exit);
    } catch (const overflow_error&) {
        CHECK_THROWS_AS(c.at(exit, into), overflow_error);
        return 0;
    }
    c.at(exit, into);
    const waterfall_payout full = c.at(exit);
    CHECK(into.exit_value == exit);
    CHECK(into.by_line == full.by_line);
    CHECK(into.by_holder == full.by_holder);
    CHECK(into.by_line == direct.by_line);
    CHECK(into.by_holder == direct.by_holder);
    CHECK(c.status(into) == direct.status);
    CHECK(c.value_per_share(into) == direct.value_per_share);
    CHECK(c.exercise_paid_by_line(into) == direct.exercise_paid_by_line);
    CHECK(c.exercise_paid_by_holder(into) == direct.exercise_paid_by_holder);
    CHECK(into.segment == c.segment_index(fraction(exit.units())));
    return 1;
}

}  // namespace

TEST_CASE("Property: at(exit, into) = at(exit) = waterfall::at on random cap tables, at breakpoints and huge exits") {
    fundround_test::lcg g{20261203};
    int compared = 0;
    curve_payout into;  // reused across every table and exit (its vectors resize to each curve)
    for (int round = 0; round < 80; ++round) {
        const table_spec spec = random_spec(g);
        auto [table, terms] = build_spec(spec);
        if (round % 3 == 1) terms.exercise = option_exercise::paid_in;  // exercise prices paid in
        const waterfall w = waterfall::build(table, terms);
        const payout_curve c = w.curve();
        const std::vector<std::int64_t> xs = probe_exits(w, g);
        for (const std::int64_t x : xs) compared += compare_paths(w, c, into, money::from_units(x));
    }
    CHECK(compared >= 80 * 47);
}

TEST_CASE("at(exit, into): the five-class table of bench_waterfall, 20,000 exits from $0 to $400M and around each breakpoint") {
    liquidation_terms a = capped(3);
    a.seniority = 1;
    liquidation_terms bc = non_participating();
    bc.seniority = 2;
    const cap_table table = cap_table_builder()
                                .add(holder::founder("f1", "Founder One"))
                                .add(holder::founder("f2", "Founder Two"))
                                .add(holder::investor("angel", "Angel"))
                                .add(holder::investor("fa", "Fund A"))
                                .add(holder::investor("fb", "Fund B"))
                                .add(holder::investor("fc", "Fund C"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Seed", price_per_share(usd(1'000'000), sh(2'000'000)), non_participating()))
                                .add(share_class::preferred("Series A", price_per_share(usd(5'000'000), sh(2'000'000)), a))
                                .add(share_class::preferred("Series B", price_per_share(usd(15'000'000), sh(3'000'000)), bc))
                                .add(share_class::preferred("Series C", price_per_share(usd(30'000'000), sh(3'000'000)), bc))
                                .holding(holder_id("f1"), "Common", sh(4'000'000))
                                .holding(holder_id("f2"), "Common", sh(3'000'000))
                                .holding(holder_id("angel"), "Seed", sh(2'000'000))
                                .holding(holder_id("fa"), "Series A", sh(2'000'000))
                                .holding(holder_id("fb"), "Series B", sh(3'000'000))
                                .holding(holder_id("fc"), "Series C", sh(3'000'000))
                                .build();
    const waterfall w = waterfall::build(table);
    const payout_curve c = w.curve();
    fundround_test::lcg g{42};
    curve_payout into;
    int compared = 0;
    for (int k = 0; k < 20'000; ++k) {
        compared += compare_paths(w, c, into, money::from_units(static_cast<std::int64_t>(g.next(400'000'000'000ULL))));
    }
    for (const waterfall_breakpoint& bp : w.breakpoints()) {
        const auto below = static_cast<std::int64_t>(bp.exit_value.round_to_integer(rounding::floor));
        for (std::int64_t d = -3; d <= 3; ++d) compared += compare_paths(w, c, into, money::from_units(below + d));
    }
    CHECK(compared == 20'000 + 7 * static_cast<int>(w.breakpoints().size()));
    // Payouts in whole mills add up to the exit, and the statuses are the segment's, by reference.
    c.at(usd(300'000'000), into);
    CHECK(sum(into.by_line, currencies::usd) == usd(300'000'000));
    CHECK(sum(into.by_holder, currencies::usd) == usd(300'000'000));
    CHECK(&c.status(into) == &c.segments()[into.state_segment].status);
    CHECK(c.status(into)[4] == line_status::converted);
}

TEST_CASE("at(exit, into): errors as at(exit); a curve_payout of another curve is refused") {
    const waterfall w = waterfall::build(one_series(10'000'000, 2'000'000, 4'000'000, participating()));
    const payout_curve c = w.curve();
    curve_payout into;
    CHECK_THROWS_AS(c.at(-usd(1), into), validation_error);
    CHECK_THROWS_WITH_AS(c.at(money::from_major(5, currencies::eur), into), doctest::Contains("exit_value"), validation_error);
    c.at(usd(7'000'000), into);
    into.segment = c.segments().size();
    into.state_segment = c.segments().size();
    CHECK_THROWS_AS((void)c.status(into), invalid_argument_error);
    CHECK_THROWS_AS((void)c.value_per_share(into), invalid_argument_error);
    CHECK_THROWS_AS((void)c.exercise_paid_by_line(into), invalid_argument_error);
    // Exact rounding: a payout that is not a whole number of mills throws, as at(exit).
    waterfall_terms exact;
    exact.payouts = payout_rounding::exact;
    const payout_curve ce = waterfall::build(one_series(10'000'000, 2'000'000, 4'000'000, participating()), exact).curve();
    CHECK_THROWS_AS(ce.at(money::from_units(4'000'000'001), into), inexact_error);  // 1 mill shared 5:1
    CHECK_THROWS_AS((void)ce.at(money::from_units(4'000'000'001)), inexact_error);
    ce.at(money::from_units(4'000'000'006), into);  // $4M of preference, then 6 mills shared 5:1
    CHECK(into.by_holder == std::vector<money>{money::from_units(5), money::from_units(4'000'000'001)});
}

// ---------------------------------------------------------------------------------------------
// No common outstanding: at a share value of 0 nothing is shared, so the value of a share jumps
// from 0 to the first exercise price (or conversion value) at the total preference, a piece of
// zero width in exit value that has no segment of its own. The curve still gives what
// waterfall::at gives there: a share worth 0, and the state before (nothing exercised, nothing
// paid in; ties do not exercise).

namespace {

// Every field of the curve's payout at `exit`, by at(exit), at(exit, into) and lines_at, against
// waterfall::at(exit); returns waterfall::at(exit).
waterfall_payout flat_start_same(const waterfall& w, const payout_curve& c, money exit) {
    INFO("exit ", format_full(exit));
    const waterfall_payout direct = w.at(exit);
    const waterfall_payout full = c.at(exit);
    CHECK(full.exit_value == direct.exit_value);
    CHECK(full.value_per_share == direct.value_per_share);
    CHECK(full.by_line == direct.by_line);
    CHECK(full.by_holder == direct.by_holder);
    CHECK(full.exercise_paid_by_line == direct.exercise_paid_by_line);
    CHECK(full.exercise_paid_by_holder == direct.exercise_paid_by_holder);
    CHECK(full.status == direct.status);
    curve_payout into;
    c.at(exit, into);
    CHECK(into.exit_value == exit);
    CHECK(into.by_line == direct.by_line);
    CHECK(into.by_holder == direct.by_holder);
    CHECK(c.status(into) == direct.status);
    CHECK(c.value_per_share(into) == direct.value_per_share);
    CHECK(c.exercise_paid_by_line(into) == direct.exercise_paid_by_line);
    CHECK(c.exercise_paid_by_holder(into) == direct.exercise_paid_by_holder);
    c.lines_at(exit, into);
    CHECK(into.by_line == direct.by_line);
    CHECK(c.status(into) == direct.status);
    CHECK(c.value_per_share(into) == direct.value_per_share);
    CHECK(c.exercise_paid_by_line(into) == direct.exercise_paid_by_line);
    return direct;
}

money mills(std::int64_t n) { return money::from_units(n); }

}  // namespace

TEST_CASE("Curve = waterfall::at with no common outstanding: options only, exit 0 and just above") {
    // 1,000,000 options at $0.25 and nothing else: at $0 nothing is distributed (a share is
    // worth 0, the options are not exercised); from 1 mill on, every option is exercised and a
    // share is worth $0.25 + the exit / 1,000,000.
    const cap_table table = cap_table_builder()
                                .add(holder::employee("sam", "Sam"))
                                .add(share_class::common("Common"))
                                .add(option_pool{"Plan", "Common", sh(1'000'000)})
                                .grant({holder_id("sam"), "Plan", sh(1'000'000), price_per_share(usd(1), sh(4))})
                                .build();
    for (const option_exercise mode : {option_exercise::net, option_exercise::paid_in}) {
        INFO("paid in: ", mode == option_exercise::paid_in);
        waterfall_terms terms;
        terms.exercise = mode;
        const waterfall w = waterfall::build(table, terms);
        const payout_curve c = w.curve();
        CHECK(w.total_preference() == fraction());
        // The segments are unchanged: one, from 0, with the options exercised.
        REQUIRE(c.segments().size() == 1);
        CHECK(c.segments()[0].from == fraction());
        CHECK(c.segments()[0].status[1] == line_status::exercised);
        CHECK(c.segments()[0].value_per_share.at(fraction()) == fraction(250));
        const money paid = mode == option_exercise::paid_in ? usd(250'000) : usd(0);

        // $0 (the total preference and where a share reaches the exercise price).
        const waterfall_payout zero = flat_start_same(w, c, mills(0));
        CHECK(zero.value_per_share == fraction());
        CHECK(zero.status[1] == line_status::nothing);
        CHECK(zero.by_line == std::vector<money>{usd(0), usd(0)});
        CHECK(zero.by_holder == std::vector<money>{usd(0)});
        CHECK(zero.exercise_paid_by_line == std::vector<money>{usd(0), usd(0)});
        CHECK(zero.exercise_paid_by_holder == std::vector<money>{usd(0)});
        curve_payout into;
        c.at(mills(0), into);
        CHECK(into.segment == 0);
        CHECK(into.state_segment == 0);

        // 1 and 2 mills: exercised.
        const waterfall_payout one = flat_start_same(w, c, mills(1));
        CHECK(one.value_per_share == fraction(250'000'001, 1'000'000));
        CHECK(one.status[1] == line_status::exercised);
        CHECK(one.by_line == std::vector<money>{usd(0), mills(1)});
        CHECK(one.by_holder == std::vector<money>{mills(1)});
        CHECK(one.exercise_paid_by_line == std::vector<money>{usd(0), paid});
        CHECK(one.exercise_paid_by_holder == std::vector<money>{paid});
        const waterfall_payout two = flat_start_same(w, c, mills(2));
        CHECK(two.value_per_share == fraction(250'000'002, 1'000'000));
        CHECK(two.status[1] == line_status::exercised);
        CHECK(two.exercise_paid_by_holder == std::vector<money>{paid});
        // $250,000: a share worth $0.50.
        const waterfall_payout high = flat_start_same(w, c, usd(250'000));
        CHECK(high.value_per_share == fraction(500));
        CHECK(high.by_holder == std::vector<money>{usd(250'000)});
        CHECK(high.exercise_paid_by_holder == std::vector<money>{paid});
    }
}

TEST_CASE("Curve = waterfall::at with no common outstanding: at the total preference, a share is worth 0") {
    // Series A: 1,000,000 shares at $1, 1x non-participating ($1M preference); options for
    // 100,000 shares at $0.50; no common. Up to $1M the Series A takes everything and a share is
    // worth 0; above it the options are exercised at once (a share worth $0.50 + what is above
    // $1M / 100,000); at $1.05M a share is worth $1 and the Series A converts.
    const cap_table table = cap_table_builder()
                                .add(holder::investor("f", "Fund"))
                                .add(holder::employee("sam", "Sam"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1))))
                                .add(option_pool{"Plan", "Common", sh(100'000)})
                                .holding(holder_id("f"), "Series A", sh(1'000'000))
                                .grant({holder_id("sam"), "Plan", sh(100'000), price_per_share(usd(1), sh(2))})
                                .build();
    for (const option_exercise mode : {option_exercise::net, option_exercise::paid_in}) {
        INFO("paid in: ", mode == option_exercise::paid_in);
        waterfall_terms terms;
        terms.exercise = mode;
        const waterfall w = waterfall::build(table, terms);
        const payout_curve c = w.curve();
        CHECK(w.total_preference() == units(1'000'000));
        // The segments and breakpoints are unchanged: the tier to $1M, then from $1M (options
        // exercised) and from $1.05M (Series A converted).
        REQUIRE(c.segments().size() == 3);
        CHECK(c.segments()[1].from == units(1'000'000));
        CHECK(c.segments()[2].from == units(1'050'000));
        CHECK(c.segments()[1].status[2] == line_status::exercised);
        REQUIRE(w.breakpoints().size() == 2);
        CHECK(w.breakpoints()[0].exit_value == units(1'000'000));
        CHECK(w.breakpoints()[1].exit_value == units(1'050'000));
        const money paid = mode == option_exercise::paid_in ? usd(50'000) : usd(0);
        const std::vector<money> none{usd(0), usd(0), usd(0)};

        const waterfall_payout zero = flat_start_same(w, c, mills(0));
        CHECK(zero.value_per_share == fraction());
        CHECK(zero.by_line == none);
        CHECK(zero.exercise_paid_by_line == none);

        // 1 mill below the preference, at it (where a share reaches the exercise price), above it.
        const waterfall_payout below = flat_start_same(w, c, mills(999'999'999));
        CHECK(below.value_per_share == fraction());
        CHECK(below.status[1] == line_status::partly_paid);
        CHECK(below.status[2] == line_status::nothing);
        CHECK(below.by_line == std::vector<money>{usd(0), mills(999'999'999), usd(0)});
        CHECK(below.exercise_paid_by_line == none);
        const waterfall_payout at_pref = flat_start_same(w, c, usd(1'000'000));
        CHECK(at_pref.value_per_share == fraction());
        CHECK(at_pref.status[1] == line_status::partly_paid);
        CHECK(at_pref.status[2] == line_status::nothing);
        CHECK(at_pref.by_line == std::vector<money>{usd(0), usd(1'000'000), usd(0)});
        CHECK(at_pref.by_holder == std::vector<money>{usd(1'000'000), usd(0)});
        CHECK(at_pref.exercise_paid_by_line == none);
        CHECK(at_pref.exercise_paid_by_holder == std::vector<money>{usd(0), usd(0)});
        const waterfall_payout above = flat_start_same(w, c, mills(1'000'000'001));
        CHECK(above.value_per_share == fraction(50'000'001, 100'000));
        CHECK(above.status[1] == line_status::preference);
        CHECK(above.status[2] == line_status::exercised);
        CHECK(above.by_line == std::vector<money>{usd(0), usd(1'000'000), mills(1)});
        CHECK(above.by_holder == std::vector<money>{usd(1'000'000), mills(1)});
        CHECK(above.exercise_paid_by_line == std::vector<money>{usd(0), usd(0), paid});
        CHECK(above.exercise_paid_by_holder == std::vector<money>{usd(0), paid});

        // The Series A's conversion at $1.05M and 1 mill either side (a tie does not convert).
        const waterfall_payout before = flat_start_same(w, c, mills(1'049'999'999));
        CHECK(before.value_per_share == fraction(99'999'999, 100'000));
        CHECK(before.status[1] == line_status::preference);
        CHECK(before.by_line == std::vector<money>{usd(0), usd(1'000'000), mills(49'999'999)});
        const waterfall_payout conv = flat_start_same(w, c, usd(1'050'000));
        CHECK(conv.value_per_share == fraction(1'000));
        CHECK(conv.status[1] == line_status::preference);
        CHECK(conv.by_line == std::vector<money>{usd(0), usd(1'000'000), usd(50'000)});
        CHECK(conv.exercise_paid_by_holder == std::vector<money>{usd(0), paid});
        const waterfall_payout after = flat_start_same(w, c, mills(1'050'000'001));
        CHECK(after.value_per_share == fraction(1'100'000'001, 1'100'000));
        CHECK(after.status[1] == line_status::converted);
        CHECK(after.status[2] == line_status::exercised);
        CHECK(after.exercise_paid_by_holder == std::vector<money>{usd(0), paid});

        // And everywhere the path comparisons probe.
        fundround_test::lcg g{20261204};
        curve_payout into;
        for (const std::int64_t x : probe_exits(w, g)) (void)compare_paths(w, c, into, mills(x));
    }
}

// ---------------------------------------------------------------------------------------------
// payout_curve::lines_at(exit, into): the payouts by line only, against at(exit).by_line.

namespace {

// Checks lines_at at `exit` against the curve's at(exit); returns the number of exits compared
// (0 or 1). Where at(exit) overflows (a holder's or a line's exact payout beyond 64 bits),
// lines_at either overflows too or gives lines adding up to the exit.
int compare_lines(const payout_curve& c, curve_payout& into, money exit) {
    waterfall_payout full;
    try {
        full = c.at(exit);
    } catch (const overflow_error&) {
        try {
            c.lines_at(exit, into);
        } catch (const overflow_error&) {
            return 0;
        }
        CHECK(sum(into.by_line, exit.currency()) == exit);
        return 0;
    }
    c.lines_at(exit, into);
    CHECK(into.exit_value == exit);
    CHECK(into.by_line == full.by_line);
    CHECK(into.by_holder.empty());
    CHECK(into.segment == c.segment_index(fraction(exit.units())));
    CHECK(c.status(into) == full.status);
    CHECK(c.value_per_share(into) == full.value_per_share);
    CHECK(c.exercise_paid_by_line(into) == full.exercise_paid_by_line);
    return 1;
}

}  // namespace

TEST_CASE("Property: lines_at(exit, into).by_line = at(exit).by_line on random cap tables, at breakpoints and huge exits") {
    fundround_test::lcg g{20261204};
    int compared = 0;
    curve_payout into;  // reused across every table and exit, and between lines_at and at
    for (int round = 0; round < 80; ++round) {
        const table_spec spec = random_spec(g);
        auto [table, terms] = build_spec(spec);
        if (round % 3 == 1) terms.exercise = option_exercise::paid_in;
        const waterfall w = waterfall::build(table, terms);
        const payout_curve c = w.curve();
        const std::vector<std::int64_t> xs = probe_exits(w, g);
        for (const std::int64_t x : xs) {
            compared += compare_lines(c, into, money::from_units(x));
            if (x % 7 == 0) {  // at(exit, into) into the same storage, then lines_at again: no stale holders
                try {
                    c.at(money::from_units(x), into);
                    CHECK(into.by_holder.size() == table.holders().size());
                } catch (const overflow_error&) {
                }
            }
        }
    }
    CHECK(compared >= 80 * 47);
}

TEST_CASE("lines_at(exit, into): more than eight lines (the general route), no allocation once used, errors as at(exit)") {
    // Ten preferred classes in three tiers, some participating: 11 lines.
    cap_table_builder b;
    b.add(share_class::common("Common"));
    b.add(holder::founder("f", "Founder")).holding(holder_id("f"), "Common", sh(5'000'000));
    for (int i = 0; i < 10; ++i) {
        liquidation_terms t = i % 3 == 0 ? participating() : non_participating();
        t.seniority = i % 3;
        const std::string name = "Series " + std::to_string(i);
        const std::string id = "i" + std::to_string(i);
        b.add(share_class::preferred(name, price_per_share(usd(1'000'000 + 250'000 * i), sh(400'000 + 30'000 * i)), t));
        b.add(holder::investor(id, "Investor " + std::to_string(i)));
        b.holding(holder_id(id), name, sh(400'000 + 30'000 * i));
    }
    const waterfall w = waterfall::build(b.build());
    const payout_curve c = w.curve();
    REQUIRE(c.lines().size() == 11);
    fundround_test::lcg g{99};
    curve_payout into;
    c.lines_at(usd(1), into);
    const money* storage = into.by_line.data();
    int compared = 0;
    for (int k = 0; k < 2'000; ++k) compared += compare_lines(c, into, money::from_units(static_cast<std::int64_t>(g.next(100'000'000'000ULL))));
    CHECK(compared == 2'000);
    CHECK(into.by_line.data() == storage);  // the same storage: nothing allocated per exit
    CHECK(sum(into.by_line, currencies::usd) == into.exit_value);

    // Errors as at(exit).
    CHECK_THROWS_AS(c.lines_at(-usd(1), into), validation_error);
    CHECK_THROWS_WITH_AS(c.lines_at(money::from_major(5, currencies::eur), into), doctest::Contains("exit_value"), validation_error);
    // Exact rounding: lines whose payouts are not whole mills throw, as at(exit).
    waterfall_terms exact;
    exact.payouts = payout_rounding::exact;
    const payout_curve ce = waterfall::build(one_series(10'000'000, 2'000'000, 4'000'000, participating()), exact).curve();
    CHECK_THROWS_AS(ce.lines_at(money::from_units(4'000'000'001), into), inexact_error);  // 1 mill shared 5:1
    ce.lines_at(money::from_units(4'000'000'006), into);
    CHECK(into.by_line == ce.at(money::from_units(4'000'000'006)).by_line);
    CHECK(into.by_holder.empty());
}

TEST_CASE("Division by a precomputed reciprocal (detail::wf_divide) = the division, for numerators below 2^63") {
    fundround_test::lcg g{7};
    const auto wide = [&] {  // < 2^63; one draw per statement (the same numbers on every compiler)
        const std::uint64_t high = g.next(std::uint64_t{1} << 32);
        return (high << 31) ^ g.next(std::uint64_t{1} << 31);
    };
    std::vector<std::uint64_t> divisors{2, 3, 5, 6, 7, 10, 1000, 7'000'000, 17'000'000, (std::uint64_t{1} << 32) - 1,
                                        std::uint64_t{1} << 32, (std::uint64_t{1} << 32) + 1, (std::uint64_t{1} << 57) + 3,
                                        (std::uint64_t{1} << 63) - 1, std::uint64_t{1} << 63, (std::uint64_t{1} << 63) + 1,
                                        ~std::uint64_t{0}};
    for (int k = 0; k < 200; ++k) divisors.push_back(2 + wide() % (std::uint64_t{1} << (2 + g.next(62))));
    int checked = 0;
    for (const std::uint64_t d : divisors) {
        const detail::wf_divisor v = detail::wf_divisor_of(d);
        const std::uint64_t max63 = (std::uint64_t{1} << 63) - 1;
        std::vector<std::uint64_t> ns{0, 1, d - 1, d, d + 1, max63, max63 - 1, max63 / d * d, max63 / d * d - 1};
        for (int k = 0; k < 200; ++k) ns.push_back(wide());
        for (int k = 0; k < 50; ++k) ns.push_back(wide() % (d < 1000 ? 1000 : d));
        for (const std::uint64_t n : ns) {
            if (n > max63) continue;
            CHECK(detail::wf_divide(n, v) == n / d);
            ++checked;
        }
    }
    CHECK(checked > 200 * 250);
    CHECK_THROWS_AS((void)detail::wf_divisor_of(1), invalid_argument_error);
}

TEST_CASE("Leftover mills: the packed-key selection = the largest remainder method, ties to the earlier part") {
    fundround_test::lcg g{11};
    std::vector<std::size_t> order;
    for (int round = 0; round < 3'000; ++round) {
        const std::size_t count = 1 + g.next(round % 10 == 0 ? 63 : 12);
        const std::uint64_t d = 1 + g.next(round % 2 == 0 ? 5 : (std::uint64_t{1} << 40));  // small d: many ties
        std::vector<std::uint64_t> rem(count);
        for (std::uint64_t& r : rem) r = g.next(d);
        const auto leftover = static_cast<std::int64_t>(g.next(count));
        std::vector<std::int64_t> packed(count), reference(count), ranked(count);
        for (std::size_t i = 0; i < count; ++i) packed[i] = reference[i] = ranked[i] = static_cast<std::int64_t>(g.next(1000));
        detail::wf_give_leftover_packed(packed.data(), rem.data(), count, leftover);
        detail::wf_give_leftover(ranked.data(), rem.data(), count, leftover, order);
        detail::wf_distribute_leftover(reference, leftover, [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
        CHECK(packed == reference);
        CHECK(ranked == reference);
    }
}

TEST_CASE("waterfall_terms: choices outside their enumerations are problems naming the field, the integer and the names") {
    // Regression: validate() and try_build() accepted them; an unknown exercise was computed as
    // net, unknown payouts as largest_remainder, and to_string() called them "paid_in" and "exact".
    const cap_table table = one_series(1'000'000, 1'000'000, 1'000'000, non_participating());
    waterfall_terms terms;
    terms.exercise = static_cast<option_exercise>(2);
    terms.dividend_rounding = static_cast<rounding>(8);
    terms.exercise_rounding = static_cast<rounding>(-1);
    terms.payouts = static_cast<payout_rounding>(7);
    CHECK(to_string(terms.exercise) == "unknown");
    CHECK(to_string(terms.payouts) == "unknown");
    CHECK(to_string(option_exercise::paid_in) == "paid_in");
    CHECK(to_string(payout_rounding::exact) == "exact");
    const std::vector<diagnostic> expected = {
        {field_path("exercise"), "2", "must be net or paid_in"},
        {field_path("dividend_rounding"), "8", "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even"},
        {field_path("exercise_rounding"), "-1", "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even"},
        {field_path("payouts"), "7", "must be largest_remainder or exact"},
    };
    CHECK(terms.validate() == expected);
    const waterfall_result r = waterfall::try_build(table, terms);
    CHECK_FALSE(r.overflowed);
    CHECK(r.problems == expected);
    CHECK_THROWS_AS((void)waterfall::build(table, terms), validation_error);
    // One at a time, each alone is the only problem.
    waterfall_terms one;
    one.exercise = static_cast<option_exercise>(-3);
    REQUIRE(waterfall::try_build(table, one).problems.size() == 1);
    CHECK(waterfall::try_build(table, one).problems[0].message() == "exercise = -3: must be net or paid_in");
    CHECK(waterfall_terms{}.validate().empty());
}

TEST_CASE("Warrants on a preferred class convert into whole common shares, as the cap table counts them") {
    // Regression (tenth session): a warrant for 3 Series A shares converting 3:2 was counted as
    // 4.5 common shares at $0.6667 each, though cap_table::fully_diluted counts each warrant's
    // shares times the ratio rounded down (no fractional share is issued on conversion): 4.
    // It now holds 4 common shares for its whole price, $3.00 (a share of it at $0.75). At a
    // $10,000 exit everything converts: 846 + 150 + 4 = 1,000 shares share $10,000 + $3 paid in,
    // $10.003 each; the warrant nets 4 x $10.003 - $3 = $37.012.
    const cap_table table =
        cap_table_builder()
            .add(holder::founder("f", "Founder"))
            .add(holder::investor("vc", "Fund"))
            .add(holder::investor("bank", "Bank"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1))).with_conversion_ratio(fraction(3, 2)))
            .holding(holder_id("f"), "Common", sh(846))
            .holding(holder_id("vc"), "Series A", sh(100))
            .add(warrant{holder_id("bank"), "Series A", sh(3), price_per_share(usd(1), sh(1))})
            .build();
    CHECK(table.fully_diluted().warrants() == sh(4));
    const waterfall w = waterfall::build(table);
    REQUIRE(w.lines().size() == 3);
    CHECK(w.lines()[2].shares == fraction(4));
    const waterfall_payout p = w.at(usd(10'000));
    CHECK(p.value_per_share == fraction(10'003));
    CHECK(p.by_line[0] == money::from_units(8'462'538));
    CHECK(p.by_line[1] == money::from_units(1'500'450));
    CHECK(p.by_line[2] == money::from_units(37'012));
    CHECK(p.status[2] == line_status::exercised);
    // The warrant exercises once 4 common shares are worth more than $3.00: a share above $0.75.
    bool found = false;
    for (const waterfall_breakpoint& b : w.breakpoints()) {
        for (const waterfall_event& e : b.events) {
            if (e.kind != waterfall_event_kind::exercises) continue;
            found = true;
            CHECK(b.value_per_share == fraction(750));
        }
    }
    CHECK(found);
    CHECK(w.curve().at(usd(10'000)).by_line == p.by_line);
}

TEST_CASE("curve() under paid-in exercise: segments whose midpoint does not fit 128 bits still build") {
    // Regression (tenth session): curve() found which grants are exercised on a segment by
    // evaluating the share value at the segment's midpoint, (from + to) / 2, even with no grant
    // at all; with large coprime prices and conversion ratios that sum overflowed, and curve()
    // threw a bare fraction overflow_error naming neither the segment nor a price. Whether a grant
    // is exercised is now read from the share value where the segment starts (as the statuses).
    liquidation_terms senior;
    senior.multiple = fraction(3);
    senior.seniority = 4;
    liquidation_terms capped;
    capped.multiple = fraction(3);
    capped.participation = participation::capped(fraction(7, 2));
    capped.seniority = 3;
    const cap_table table =
        cap_table_builder()
            .add(holder::founder("f", "Founder"))
            .add(holder::investor("a", "A"))
            .add(holder::investor("b", "B"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(money::from_units(44'390), sh(1'000)), capped)
                     .with_conversion_ratio(fraction(3, 2)))
            .add(share_class::preferred("Series B", price_per_share(money::from_units(73'223), sh(1'000)), senior)
                     .with_conversion_ratio(fraction(1'000, 999)))
            .holding(holder_id("f"), "Common", sh(2'124'441))
            .holding(holder_id("a"), "Series A", sh(225'731'358'511))
            .holding(holder_id("b"), "Series B", sh(896'155'985'552))
            .build();
    waterfall_terms terms;
    terms.exercise = option_exercise::paid_in;
    const waterfall w = waterfall::build(table, terms);
    const payout_curve c = w.curve();
    REQUIRE(c.segments().size() >= 2);
    for (const waterfall_breakpoint& b : w.breakpoints()) {
        const money x = money::from_units(static_cast<std::int64_t>(b.exit_value.round_to_integer(rounding::floor)) + 1);
        const waterfall_payout direct = w.at(x);
        const waterfall_payout from_curve = c.at(x);
        CHECK(from_curve.by_line == direct.by_line);
        CHECK(from_curve.by_holder == direct.by_holder);
        CHECK(from_curve.status == direct.status);
        CHECK(from_curve.exercise_paid_by_line == direct.exercise_paid_by_line);
    }
}

TEST_CASE("A common class with no shares issued is nothing above the preferences, not participating") {
    // Regression (tenth session): line_status::nothing is documented for "a class with no shares
    // issued", yet a common class without holdings showed participating wherever the rest was
    // shared, receiving nothing. Series A, 1,000 shares at $1.00 fully participating, holds every
    // share: at a $2,000 exit it takes $1,000 and the $1,000 left.
    liquidation_terms full;
    full.participation = participation::full();
    const cap_table table = cap_table_builder()
                                .add(holder::investor("vc", "Fund"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Series A", price_per_share(usd(1), sh(1)), full))
                                .holding(holder_id("vc"), "Series A", sh(1'000))
                                .build();
    const waterfall w = waterfall::build(table);
    const waterfall_payout p = w.at(usd(2'000));
    CHECK(p.by_line[0] == usd(0));
    CHECK(p.by_line[1] == usd(2'000));
    CHECK(p.status[0] == line_status::nothing);
    CHECK(p.status[1] == line_status::participating);
    const payout_curve c = w.curve();
    CHECK(c.at(usd(2'000)).status == p.status);
    CHECK(c.segments().back().status[0] == line_status::nothing);
}


// ---------------------------------------------------------------------------------------------
// Many exit values at once: waterfall::at(exit_values) evaluates them from the payout curve when
// there are more exit values than segments (eleventh session, 2026-12-07); every payout must be
// the direct solve's, waterfall::at(exit_value), exactly.

namespace {

// Every field of two payouts equal (not only the rounded amounts).
void check_same_payout(const waterfall_payout& a, const waterfall_payout& b) {
    CHECK(a.exit_value == b.exit_value);
    CHECK(a.value_per_share == b.value_per_share);
    CHECK(a.by_line == b.by_line);
    CHECK(a.by_holder == b.by_holder);
    CHECK(a.exercise_paid_by_line == b.exercise_paid_by_line);
    CHECK(a.exercise_paid_by_holder == b.exercise_paid_by_holder);
    CHECK(a.status == b.status);
}

// The compact payouts (payouts_at) equal to @p many (at(exit_values)) field by field, every
// holder's amount read on its own (by_holder(i, h), recomputed from the curve where compact).
void check_same_payouts(const waterfall_payouts& compact, const std::vector<waterfall_payout>& many) {
    REQUIRE(compact.size() == many.size());
    for (std::size_t i = 0; i < many.size(); ++i) {
        check_same_payout(compact.at(i), many[i]);
        CHECK(compact.without_holders(i).by_holder.empty());
        CHECK(compact.without_holders(i).by_line == many[i].by_line);
        REQUIRE(compact.holders() == many[i].by_holder.size());
        for (std::size_t h = 0; h < compact.holders(); ++h) {
            CHECK(compact.by_holder(i, h) == many[i].by_holder[h]);
            CHECK(compact.exercise_paid_by_holder(i, h) == many[i].exercise_paid_by_holder[h]);
        }
    }
}

}  // namespace

TEST_CASE("Property: many exits at once (from the payout curve) = each exit solved directly (seeded)") {
    // Random tables with 3 to 120 holders (each class split among several, grants to several
    // employees, a SAFE line some of the time), net or paid-in exercise, largest-remainder or
    // exact rounding; exits at random, at every breakpoint (whole mills beside it too) and 0.
    fundround_test::lcg g{20261207};
    int tables = 0, from_curve = 0, exits_checked = 0;
    for (int round = 0; round < 80; ++round) {
        const table_spec spec = random_spec(g);
        cap_table_builder b;
        b.add(share_class::common("Common"));
        int next_id = 0;
        const auto add_holder = [&](const std::string& cls, std::int64_t shares) {
            const std::string id = "h" + std::to_string(next_id++);
            b.add(holder::investor(id, "Holder " + id)).holding(holder_id(id), cls, sh(shares));
        };
        const std::size_t commons = 1 + g.next(30);
        for (std::size_t k = 0; k < commons; ++k) add_holder("Common", 1 + static_cast<std::int64_t>(g.next(5'000)));
        for (std::size_t i = 0; i < spec.classes.size(); ++i) {
            const class_spec& c = spec.classes[i];
            liquidation_terms t;
            t.multiple = c.multiple;
            t.seniority = c.rank;
            if (c.kind == participation_kind::full) t.participation = participation::full();
            if (c.kind == participation_kind::capped) t.participation = participation::capped(c.cap_multiple);
            const std::string name = "Series " + std::to_string(i);
            b.add(share_class::preferred(name, price_per_share(money::from_units(c.price_units), sh(1)), t));
            const std::size_t holders = 1 + g.next(20);
            for (std::size_t k = 0; k < holders; ++k) add_holder(name, 1 + static_cast<std::int64_t>(g.next(3'000)));
        }
        if (!spec.grants.empty()) b.add(option_pool{"Plan", "Common", sh(10'000'000)});
        for (const grant_spec& gs : spec.grants) {
            const std::size_t employees = 1 + g.next(10);
            for (std::size_t k = 0; k < employees; ++k) {
                const std::string id = "e" + std::to_string(next_id++);
                b.add(holder::employee(id, "Employee " + id));
                b.grant({holder_id(id), "Plan", sh(1 + static_cast<std::int64_t>(g.next(1'000))),
                         price_per_share(money::from_units(std::max<std::int64_t>(gs.strike_units, 1)), sh(1))});
            }
        }
        waterfall_terms terms;
        b.add(holder::investor("s", "SAFE holder"));
        if (spec.safe) {
            terms.convertibles.push_back({"SAFE", holder_id("s"), money::from_units(spec.safe->first), sh(spec.safe->second), spec.safe_rank});
        }
        if (g.next(2) == 0) terms.exercise = option_exercise::paid_in;
        const bool exact = g.next(8) == 0;
        if (exact) terms.payouts = payout_rounding::exact;
        const waterfall w = waterfall::build(b.build(), terms);
        ++tables;
        std::vector<money> exits{money::zero(currencies::usd)};
        const fraction top = w.total_preference() * fraction(3) + fraction(50'000'000);
        for (int k = 0; k < 30; ++k) {
            exits.push_back(money::from_units(static_cast<std::int64_t>(g.next(static_cast<std::uint64_t>(top.round_to_integer(rounding::floor))))));
        }
        for (const waterfall_breakpoint& bp : w.breakpoints()) {
            if (bp.exit_value > fraction(std::numeric_limits<std::int64_t>::max() - 1)) continue;
            const auto at = static_cast<std::int64_t>(bp.exit_value.round_to_integer(rounding::floor));
            for (std::int64_t d = -1; d <= 1; ++d) {
                if (at + d >= 0) exits.push_back(money::from_units(at + d));
            }
        }
        if (exits.size() > w.breakpoints().size() + 1) ++from_curve;
        if (exact) {
            // Exact rounding throws inexact_error at an exit whose exact payouts are not whole: the
            // same exits throw (the curve's failure falls back to the direct solve's error).
            for (const money m : exits) {
                std::optional<waterfall_payout> direct;
                try {
                    direct = w.at(m);
                } catch (const inexact_error&) {
                }
                std::optional<waterfall_payout> many;
                const std::vector<money> twenty(20, m);
                try {
                    many = w.at(twenty).front();
                } catch (const inexact_error&) {
                }
                std::optional<waterfall_payout> compact;
                try {
                    compact = w.payouts_at(twenty).at(19);
                } catch (const inexact_error&) {
                }
                REQUIRE(direct.has_value() == many.has_value());
                REQUIRE(direct.has_value() == compact.has_value());
                if (direct) check_same_payout(*many, *direct);
                if (direct) check_same_payout(*compact, *direct);
                ++exits_checked;
            }
            continue;
        }
        const std::vector<waterfall_payout> many = w.at(exits);
        REQUIRE(many.size() == exits.size());
        check_same_payouts(w.payouts_at(exits), many);
        for (std::size_t i = 0; i < exits.size(); ++i) {
            check_same_payout(many[i], w.at(exits[i]));
            CHECK(sum(many[i].by_holder, currencies::usd) == exits[i]);
            CHECK(sum(many[i].by_line, currencies::usd) == exits[i]);
            ++exits_checked;
        }
    }
    CHECK(tables == 80);
    CHECK(from_curve == 80);  // every table had more exit values than segments: the curve's path
    CHECK(exits_checked >= 80 * 31);
}

TEST_CASE("Many exits where the curve overflows: each exit solved directly, as one at a time") {
    // The table of "A curve whose exact slopes and intercepts overflow" above: curve() throws
    // overflow_error, so at(exit_values) solves every exit directly (the same payouts).
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(holder::employee("e", "Employee"))
                           .add(share_class::common("Common"))
                           .add(option_pool{"Plan", "Common", sh(2)})
                           .holding(holder_id("f"), "Common", sh(1'125'899'906'842'597))
                           .grant({holder_id("e"), "Plan", sh(1), price_per_share(money::from_units(1), sh(1'099'511'627'689))})
                           .grant({holder_id("e"), "Plan", sh(1), price_per_share(money::from_units(1), sh(1'099'511'627'609))})
                           .build();
    const waterfall w = waterfall::build(table);
    CHECK_THROWS_AS((void)w.curve(), overflow_error);
    std::vector<money> exits;
    for (std::int64_t u = 0; u <= 1'020; u += 12) exits.push_back(money::from_units(u));
    REQUIRE(exits.size() > w.breakpoints().size() + 1);
    const std::vector<waterfall_payout> many = w.at(exits);
    REQUIRE(many.size() == exits.size());
    for (std::size_t i = 0; i < exits.size(); ++i) check_same_payout(many[i], w.at(exits[i]));
    check_same_payouts(w.payouts_at(exits), many);  // no curve: every exit's amounts kept whole
    // Past the second breakpoint the exact payouts themselves overflow: the same error as one exit.
    exits.push_back(money::from_units(1'067));
    std::string one, all;
    try {
        (void)w.at(money::from_units(1'067));
    } catch (const overflow_error& e) {
        one = e.what();
    }
    try {
        (void)w.at(exits);
    } catch (const overflow_error& e) {
        all = e.what();
    }
    std::string compact;
    try {
        (void)w.payouts_at(exits);
    } catch (const overflow_error& e) {
        compact = e.what();
    }
    CHECK_FALSE(one.empty());
    CHECK(all == one);
    CHECK(compact == one);
}

TEST_CASE("An exit whose direct solve overflows but the curve gives: at(exit) gives it too, as at(exit_values)") {
    // Found by a seeded stress of at(exit_values) against at(exit) (review r3, 2026-12-07): near
    // the int64 limit the terms' fractions (strikes of 4464/652723 and 1/51181 mills a share)
    // overflow 128 bits in the direct solve, while the segment's slopes and intercepts over one
    // common denominator do not. at(exit_values) answered from the curve where at(exit) threw,
    // so the same exit was paid or refused by how many exits were asked. Now at(exit) falls
    // back to the curve too: both give the curve's payouts (payout_curve::at's).
    cap_table_builder b;
    b.add(share_class::common("Common"));
    const auto holding = [&](const char* id, const char* cls, std::int64_t shares) {
        b.add(holder::investor(id, id)).holding(holder_id(id), cls, sh(shares));
    };
    const auto preferred = [&](const char* name, std::int64_t units, std::int64_t per, int rank, participation p) {
        liquidation_terms t;
        t.seniority = rank;
        t.participation = p;
        b.add(share_class::preferred(name, price_per_share(money::from_units(units), sh(per)), t));
    };
    holding("h0", "Common", 419);
    preferred("S0", 115, 1, 1, participation::capped(fraction(8, 3)));
    holding("h3", "S0", 1);
    holding("h5", "S0", 23);
    preferred("S1", 1, 323'365, 2, participation::full());
    holding("h6", "S1", 1'335);
    holding("h7", "S1", 1);
    holding("h8", "S1", 312);
    preferred("S2", 6'767, 1, 1, participation::capped(fraction(5, 3)));
    holding("h9", "S2", 1);
    preferred("S3", 3, 1, 1, participation::full());
    holding("h10", "S3", 535);
    b.add(option_pool{"Plan", "Common", sh(1'000'000)});
    const auto grant = [&](const char* id, std::int64_t shares, std::int64_t units, std::int64_t per) {
        b.add(holder::employee(id, id));
        b.grant({holder_id(id), "Plan", sh(shares), price_per_share(money::from_units(units), sh(per))});
    };
    grant("e11", 761, 6'034, 1);
    grant("e12", 634, 100, 1);
    grant("e13", 5'386, 4'464, 652'723);
    grant("e14", 102, 1, 51'181);
    grant("e15", 562, 34, 63);
    b.add(holder::investor("s", "SAFE holder"));
    waterfall_terms terms;
    terms.exercise = option_exercise::paid_in;
    terms.convertibles.push_back({"SAFE", holder_id("s"), money::from_units(2), sh(18), 2});
    const waterfall w = waterfall::build(b.build(), terms);
    const money exit = money::from_units(473'015'205'529'691'958);
    const waterfall_payout curve = w.curve().at(exit);
    CHECK(sum(curve.by_holder, currencies::usd) == exit);
    CHECK(sum(curve.by_line, currencies::usd) == exit);
    // Each holder's exact payout (which alone fits) within a mill of the curve's rounded one.
    const std::vector<fraction> exact = w.exact_holder_payouts(fraction(exit.units()));
    REQUIRE(exact.size() == curve.by_holder.size());
    for (std::size_t h = 0; h < exact.size(); ++h) {
        const fraction off = exact[h] - fraction(curve.by_holder[h].units());
        CHECK(off < fraction(1));
        CHECK(off > fraction(-1));
    }
    const waterfall_payout one = w.at(exit);  // threw overflow_error before
    check_same_payout(one, curve);
    const std::vector<waterfall_payout> few = w.at(std::vector<money>{exit});  // directly, as at(exit)
    check_same_payout(few.at(0), curve);
    const std::vector<waterfall_payout> many = w.at(std::vector<money>(w.breakpoints().size() + 2, exit));  // from the curve
    for (const waterfall_payout& p : many) check_same_payout(p, curve);
    check_same_payouts(w.payouts_at(std::vector<money>(w.breakpoints().size() + 2, exit)), many);
}

TEST_CASE("Property: SAFEs outstanding, many exits at once (each stage from its curve) = each exit directly (seeded)") {
    // outstanding_waterfall::at(exit_values) evaluates each stage's exits from that stage's curve
    // (more exits than segments there), in the order given: the same payouts as at(exit) one at a
    // time. Tables of 20 to 80 holders of common, Series A (1x, capped at 3x for half the tables)
    // and options; 2 to 6 SAFEs: post-money at caps $4M to $24M, pre-money, discount-only.
    fundround_test::lcg g{202612071};
    int staged = 0;
    for (int round = 0; round < 12; ++round) {
        cap_table_builder b;
        b.add(share_class::common("Common"));
        liquidation_terms t;
        if (round % 2 == 0) t.participation = participation::capped(fraction(3));
        b.add(share_class::preferred("Series A", price_per_share(money::from_units(500 + static_cast<std::int64_t>(g.next(1'500))), sh(1)), t));
        b.add(option_pool{"Plan", "Common", sh(5'000'000)});
        const std::size_t n = 20 + g.next(61);
        for (std::size_t k = 0; k < n; ++k) {
            const std::string id = "h" + std::to_string(k);
            b.add(holder::investor(id, "Holder " + id));
            b.holding(holder_id(id), k % 5 == 0 ? "Series A" : "Common", sh(1'000 + static_cast<std::int64_t>(g.next(200'000))));
            if (k % 7 == 3) {
                b.grant({holder_id(id), "Plan", sh(1 + static_cast<std::int64_t>(g.next(50'000))),
                         price_per_share(money::from_units(1 + static_cast<std::int64_t>(g.next(2'000))), sh(1))});
            }
        }
        std::vector<safe> safes;
        const std::size_t m = 2 + g.next(5);
        for (std::size_t k = 0; k < m; ++k) {
            const holder_id id("s" + std::to_string(k));
            b.add(holder::investor(id.str(), "SAFE holder " + std::to_string(k)));
            const money amount = money::from_units(50'000'000 + static_cast<std::int64_t>(g.next(500'000'000)));
            const money cap = usd(4'000'000 + 1'000'000 * static_cast<std::int64_t>(g.next(21)));
            const std::uint64_t kind = g.next(4);
            if (kind == 0) {
                safes.push_back(safe::pre_money_cap(id, amount, cap, ymd(2025, 1, 1)));
            } else if (kind == 1 && k == 0) {
                safes.push_back(safe::post_money_discount(id, amount, fraction(1, 5), ymd(2025, 1, 1)));
            } else {
                safes.push_back(safe::post_money_cap(id, amount, cap, ymd(2025, 1, 1)));
            }
        }
        const outstanding_waterfall w = outstanding_waterfall::build(b.build(), safes, {});
        if (w.stages().size() > 1) ++staged;
        std::vector<money> exits;
        for (int k = 0; k < 200; ++k) exits.push_back(money::from_units(static_cast<std::int64_t>(g.next(60'000'000'000))));
        for (const waterfall_breakpoint& bp : w.breakpoints()) {
            const auto at = static_cast<std::int64_t>(bp.exit_value.round_to_integer(rounding::floor));
            for (std::int64_t d = -1; d <= 1; ++d) exits.push_back(money::from_units(std::max<std::int64_t>(at + d, 0)));
        }
        const std::vector<waterfall_payout> many = w.at(exits);
        REQUIRE(many.size() == exits.size());
        for (std::size_t i = 0; i < exits.size(); ++i) check_same_payout(many[i], w.at(exits[i]));
        check_same_payouts(w.payouts_at(exits), many);
        std::sort(exits.begin(), exits.end());  // in increasing order, as the tool asks them
        check_same_payouts(w.payouts_at(exits), w.at(exits));
    }
    CHECK(staged >= 6);  // most tables have SAFEs joining at different exits: several stages
}

}  // namespace test_waterfall

namespace test_waterfall {

TEST_CASE("payouts_at: bad exit values reported at once, as at(exit_values); out-of-range reads refused") {
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(share_class::common("Common"))
                           .holding(holder_id("f"), "Common", sh(1'000))
                           .build();
    const waterfall w = waterfall::build(table);
    const std::vector<money> bad{money::from_units(-1), money::from_units(5, currencies::eur), money::from_units(7)};
    std::string many, compact;
    try {
        (void)w.at(bad);
    } catch (const validation_error& e) {
        many = e.what();
    }
    try {
        (void)w.payouts_at(bad);
    } catch (const validation_error& e) {
        compact = e.what();
    }
    CHECK_FALSE(many.empty());
    CHECK(compact == many);
    const waterfall_payouts p = w.payouts_at({money::from_units(7)});
    CHECK(p.by_holder(0, 0) == money::from_units(7));
    CHECK_THROWS_AS((void)p.by_holder(1, 0), invalid_argument_error);
    CHECK_THROWS_AS((void)p.by_holder(0, 1), invalid_argument_error);
}

}  // namespace test_waterfall

namespace test_waterfall {

TEST_CASE("waterfall_payouts: every read out of range refused alike, naming the exit or the holder (review r4)") {
    // by_holder(i, h) named a bad exit or holder; exercise_paid_by_holder(i, h) with a bad
    // holder, without_holders(i) and at(i) with a bad exit threw std::out_of_range from
    // std::vector::at ("vector::_M_range_check: __n (which is 1) >= this->size() (which is 1)").
    const auto table = cap_table_builder()
                           .add(holder::founder("f", "Founder"))
                           .add(share_class::common("Common"))
                           .holding(holder_id("f"), "Common", sh(1'000))
                           .build();
    waterfall_terms paid;
    paid.exercise = option_exercise::paid_in;
    for (const waterfall_terms& terms : {waterfall_terms{}, paid}) {
        const waterfall_payouts p = waterfall::build(table, terms).payouts_at({money::from_units(7)});
        const auto message = [](const auto& read) {
            try {
                (void)read();
            } catch (const invalid_argument_error& e) {
                return std::string(e.what());
            } catch (const std::exception& e) {
                return std::string("not invalid_argument_error: ") + e.what();
            }
            return std::string("no error");
        };
        const std::string bad_exit = "waterfall_payouts: exit 1 is not one of the 1 exit values";
        const std::string bad_holder = "waterfall_payouts: holder 1 is not one of the 1 holders";
        CHECK(message([&] { return p.by_holder(1, 0); }) == bad_exit);
        CHECK(message([&] { return p.by_holder(0, 1); }) == bad_holder);
        CHECK(message([&] { return p.exercise_paid_by_holder(1, 0); }) == bad_exit);
        CHECK(message([&] { return p.exercise_paid_by_holder(0, 1); }) == bad_holder);
        CHECK(message([&] { return p.without_holders(1); }) == bad_exit);
        CHECK(message([&] { return p.at(1); }) == bad_exit);
        CHECK(p.without_holders(0).exit_value == money::from_units(7));
        CHECK(p.at(0).by_holder == std::vector<money>{money::from_units(7)});
        CHECK(p.exercise_paid_by_holder(0, 0) == money::zero(currencies::usd));
    }
}

}  // namespace test_waterfall
