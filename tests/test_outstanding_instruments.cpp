// SAFEs and notes outstanding at an exit (exit/outstanding_instruments.hpp): their waterfall
// lines from their terms, the post-money Liquidity Capitalization counting the converting SAFEs
// only (stages of exit values), seniorities, note interest to the exit date; figures worked by
// hand in the comments.
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_outstanding_instruments {

using namespace fundround;
using fundround_test::ymd;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }
money usd(std::int64_t dollars) { return money::from_major(dollars); }
fraction units(std::int64_t dollars) { return fraction(dollars * 1000); }

// A founder with `common` shares of common, and holders for the instruments.
cap_table founder_only(std::int64_t common) {
    return cap_table_builder()
        .add(holder::founder("f", "Founder"))
        .add(holder::investor("a", "Angel"))
        .add(holder::investor("b", "Fund"))
        .add(share_class::common("Common"))
        .holding(holder_id("f"), "Common", sh(common))
        .build();
}

// A simple-interest note of `holder`, issued 2025-01-01, due 2027-01-01.
convertible_note note_of(const char* holder, std::int64_t principal, fraction rate) {
    convertible_note n;
    n.holder = holder_id(holder);
    n.principal = usd(principal);
    n.issue_date = ymd(2025, 1, 1);
    n.maturity_date = ymd(2027, 1, 1);
    n.annual_rate = rate;
    return n;
}

// Payout of holder `h` (cap_table::holders() order) at `dollars`.
money holder_at(const outstanding_waterfall& w, std::size_t h, std::int64_t dollars) {
    return w.at(usd(dollars)).by_holder.at(h);
}

}  // namespace

TEST_CASE("One post-money SAFE: cash-out below the cap's value, A L / C shares above it") {
    // Y Combinator post-money SAFE: $1M at a $10M post-money cap owns 10% of the Liquidity
    // Capitalization. B = 9,000,000 common; L = B / (1 - 1/10) = 10,000,000; conversion shares
    // = A L / C = 1,000,000. The SAFE converts when L p > C, p > $1, i.e. above a $10M exit.
    const cap_table table = founder_only(9'000'000);
    const std::vector<safe> safes{safe::post_money_cap(holder_id("a"), usd(1'000'000), usd(10'000'000), ymd(2025, 3, 1))};
    const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {});
    REQUIRE(w.instruments().size() == 1);
    const outstanding_instrument& x = w.instruments()[0];
    CHECK(x.name == "SAFE: Angel");
    CHECK(x.source == "safes[0]");
    CHECK(x.description == "post-money SAFE (valuation cap)");
    CHECK(x.cash_out == usd(1'000'000));
    CHECK(x.seniority == 0);  // no preferred: rank 0
    CHECK(w.base_capitalization() == sh(9'000'000));
    // One SAFE: its own joining is in its L, nothing else depends on it: one stage.
    REQUIRE(w.stages().size() == 1);
    CHECK(w.stages()[0].liquidity_capitalization.to_string() == "10000000");
    CHECK(w.stages()[0].convertibles[0].conversion_shares == sh(1'000'000));
    CHECK(holder_at(w, 1, 5'000'000) == usd(1'000'000));   // cash-out
    CHECK(holder_at(w, 0, 5'000'000) == usd(4'000'000));
    CHECK(holder_at(w, 1, 20'000'000) == usd(2'000'000));  // 10% of $20M
    CHECK(w.at(usd(20'000'000)).status[1] == line_status::converted);
    CHECK(w.waterfall_at(usd(20'000'000)).breakpoints().back().exit_value == units(10'000'000));
}

TEST_CASE("Two post-money SAFEs: L counts the converting ones, so the payouts come in three stages") {
    // B = 6,600,000 common. SAFE A: $1M at a $5M cap (A/C = 1/5); SAFE B: $2M at an $8M cap (1/4).
    //   L with A converting: 6.6M / (4/5) = 8,250,000 -> A has 1M x 8.25M / 5M = 1,650,000 shares.
    //   L with both: 6.6M / (11/20) = 12,000,000 -> A 2,400,000, B 2M x 12M / 8M = 3,000,000.
    // Nobody converts up to $7M: A alone would convert above p = 1M / 1.65M = 20/33, an exit of
    // B's $2M + 8.25M x 20/33 = $7M (B alone would need $9M). With A converting, B joins where its
    // conversion starts in the waterfall of both: p = 2M / 3M = 2/3, exit 12M x 2/3 = $8M.
    // At $8M, A's payout jumps from 1.65M x 6M / 8.25M = $1.2M to 2.4M x 2/3 = $1.6M: B joining
    // raises L and A's shares; B is indifferent ($2M either way).
    const cap_table table = founder_only(6'600'000);
    const std::vector<safe> safes{safe::post_money_cap(holder_id("a"), usd(1'000'000), usd(5'000'000), ymd(2025, 1, 1)),
                                  safe::post_money_cap(holder_id("b"), usd(2'000'000), usd(8'000'000), ymd(2025, 2, 1))};
    const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {});
    // A joining changes nobody else's shares: below $7M it takes its cash-out in the waterfall
    // where it may convert, so the first stage runs to $8M.
    REQUIRE(w.stages().size() == 2);
    CHECK(w.stages()[0].from == fraction());
    CHECK(w.stages()[0].to == units(8'000'000));
    CHECK(w.stages()[0].converting == std::vector<bool>{true, false});
    CHECK(w.stages()[0].liquidity_capitalization.to_string() == "8250000");
    CHECK(w.stages()[0].convertibles[0].conversion_shares == sh(1'650'000));
    CHECK(w.stages()[0].convertibles[1].conversion_shares == sh(0));
    CHECK(w.stages()[0].payouts.breakpoints().back().exit_value == units(7'000'000));
    CHECK(w.stages()[1].from == units(8'000'000));
    CHECK_FALSE(w.stages()[1].to.has_value());
    CHECK(w.stages()[1].liquidity_capitalization.to_string() == "12000000");
    CHECK(w.stages()[1].convertibles[0].conversion_shares == sh(2'400'000));
    CHECK(w.stages()[1].convertibles[1].conversion_shares == sh(3'000'000));
    CHECK(w.stage_index(units(8'000'000)) == 0);  // at a stage's end the joiner is indifferent: ties do not convert
    CHECK(w.stage_index(units(8'000'001)) == 1);
    // $6M: both cash out, the founder has the rest.
    CHECK(holder_at(w, 0, 6'000'000) == usd(3'000'000));
    CHECK(holder_at(w, 1, 6'000'000) == usd(1'000'000));
    CHECK(holder_at(w, 2, 6'000'000) == usd(2'000'000));
    // $7.5M: A converts (p = 5.5M / 8.25M = 2/3: $1.1M), B cashes out; B joining would give it
    // 3M x 7.5M / 12M = $1.875M, less than $2M.
    CHECK(holder_at(w, 1, 7'500'000) == usd(1'100'000));
    CHECK(holder_at(w, 2, 7'500'000) == usd(2'000'000));
    CHECK(holder_at(w, 0, 7'500'000) == usd(4'400'000));
    // $8M, the end of stage 1: A $1.2M, B $2M, founder $4.8M; just above, A 2.4M x 8M / 12M.
    CHECK(holder_at(w, 1, 8'000'000) == usd(1'200'000));
    CHECK(holder_at(w, 0, 8'000'000) == usd(4'800'000));
    CHECK(w.at(money::from_units(8'000'000'005)).by_holder[1] == money::from_units(1'600'000'001));
    // $12M: both converted, each owns its A / C of the company: 20% and 25%, the founder 55%.
    CHECK(holder_at(w, 1, 12'000'000) == usd(2'400'000));
    CHECK(holder_at(w, 2, 12'000'000) == usd(3'000'000));
    CHECK(holder_at(w, 0, 12'000'000) == usd(6'600'000));
    // Several exits at once, each in its stage.
    const std::vector<waterfall_payout> side = w.at(std::vector<money>{usd(6'000'000), usd(12'000'000)});
    CHECK(side[1].by_holder[2] == usd(3'000'000));
    CHECK_THROWS_AS((void)w.at(std::vector<money>{usd(1), -usd(1)}), validation_error);
}

TEST_CASE("Preferred, a pre-money SAFE and a note: seniorities, interest to the exit date, conversion") {
    // 8,000,000 common (founder), 2,000,000 Seed Preferred at $1.00, 1x non-participating, rank 0
    // (the fund). Pre-money SAFE (angel): $1M at a $10M cap over B = 10,000,000: price $1, 1,000,000
    // shares, on par with the Seed (rank 0). Note (fund): $500,000 at 8% simple, actual/365, from
    // 2025-01-01; exit 2026-01-01, 365 days: $40,000 interest. Change of control: 2x principal
    // ($1,000,000) or principal plus interest ($540,000) or conversion at a $5M pre-money cap
    // ($0.50 a share: 540,000 / 0.50 = 1,080,000 shares); debt, rank 1, paid first.
    const cap_table table = cap_table_builder()
                                .add(holder::founder("f", "Founder"))
                                .add(holder::investor("a", "Angel"))
                                .add(holder::investor("b", "Fund"))
                                .add(share_class::common("Common"))
                                .add(share_class::preferred("Seed Preferred", price_per_share(usd(1), sh(1))))
                                .holding(holder_id("f"), "Common", sh(8'000'000))
                                .holding(holder_id("b"), "Seed Preferred", sh(2'000'000))
                                .build();
    const std::vector<safe> safes{safe::pre_money_cap(holder_id("a"), usd(1'000'000), usd(10'000'000), ymd(2024, 6, 1))};
    convertible_note n = note_of("b", 500'000, fraction(8, 100));
    n.valuation_cap = usd(5'000'000);
    n.at_change_of_control = note_change_of_control_terms{fraction(2), true, true};
    waterfall_terms base;
    base.exit_date = ymd(2026, 1, 1);
    const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {n}, {}, base);
    REQUIRE(w.instruments().size() == 2);
    const outstanding_instrument& note = w.instruments()[1];
    CHECK(note.name == "Note: Fund");
    CHECK(note.interest == usd(40'000));
    CHECK(note.conversion_base == usd(540'000));
    CHECK(note.cash_out == usd(1'000'000));
    CHECK(note.seniority == 1);
    CHECK(note.description == "note (2 x principal, principal plus interest, conversion at the cap (pre-money))");
    CHECK(w.instruments()[0].seniority == 0);
    // The note converts above p = 1M / 1.08M = 25/27: an exit of 1M + 2M + 1M + 8M x 25/27 =
    // 308,000,000,000/27 mills; the SAFE and the Seed above p = 1: 12.08M with the note converted.
    // Neither is post-money: their shares do not depend on who else converts, one stage.
    REQUIRE(w.stages().size() == 1);
    const std::vector<waterfall_breakpoint>& bps = w.stages()[0].payouts.breakpoints();
    REQUIRE(bps.size() == 4);
    CHECK(bps[0].exit_value == units(1'000'000));  // the note's tier
    CHECK(bps[1].exit_value == units(4'000'000));  // every preference
    CHECK(bps[2].exit_value == fraction(308'000'000'000, 27));
    CHECK(bps[2].events[0].description == "Note: Fund converts to common");
    CHECK(bps[3].exit_value == units(12'080'000));
    CHECK(w.stages()[0].convertibles[1].conversion_shares == sh(1'080'000));
    CHECK(w.stages()[0].convertibles[0].conversion_shares == sh(1'000'000));
    // $1.5M: the note's $1M first; the Seed's $2M and the SAFE's $1M share $0.5M pro rata.
    const waterfall_payout low = w.at(usd(1'500'000));
    CHECK(low.by_holder[0] == usd(0));
    CHECK(low.by_holder[1] == money::from_units(166'666'667));
    CHECK(low.by_holder[2] == money::from_units(1'333'333'333));
    // $5M: every preference paid, the founder's common has the last $1M.
    CHECK(holder_at(w, 0, 5'000'000) == usd(1'000'000));
    CHECK(holder_at(w, 1, 5'000'000) == usd(1'000'000));
    // $24.16M: everything converts, 12.08M shares at $2.
    CHECK(holder_at(w, 0, 24'160'000) == usd(16'000'000));
    CHECK(holder_at(w, 1, 24'160'000) == usd(2'000'000));
    CHECK(holder_at(w, 2, 24'160'000) == usd(4'000'000 + 2'160'000));
}

TEST_CASE("A note whose interest stops at maturity: an exit after it pays interest to maturity") {
    // $500,000 at 8% simple, actual/365, issued 2025-01-01, due 2027-01-01 (730 days); exit
    // 2028-01-01 (1,095 days). To the exit: 40,000 x 1,095/365 = $120,000; to maturity:
    // 40,000 x 730/365 = $80,000. No change-of-control terms: repaid principal plus interest.
    const cap_table table = founder_only(10'000'000);
    convertible_note n = note_of("b", 500'000, fraction(8, 100));
    waterfall_terms base;
    base.exit_date = ymd(2028, 1, 1);
    const outstanding_waterfall to_exit = outstanding_waterfall::build(table, {}, {n}, {}, base);
    REQUIRE(to_exit.instruments().size() == 1);
    CHECK(to_exit.instruments()[0].interest == usd(120'000));
    CHECK(to_exit.instruments()[0].cash_out == usd(620'000));
    n.interest_accrues = note_interest_accrual::to_maturity;
    const outstanding_waterfall w = outstanding_waterfall::build(table, {}, {n}, {}, base);
    REQUIRE(w.instruments().size() == 1);
    CHECK(w.instruments()[0].interest == usd(80'000));
    CHECK(w.instruments()[0].cash_out == usd(580'000));
    // $1M exit: the note's $580,000 first, the founder's common the other $420,000.
    CHECK(holder_at(w, 2, 1'000'000) == usd(580'000));
    CHECK(holder_at(w, 0, 1'000'000) == usd(420'000));
}

TEST_CASE("Cash-out only: an uncapped SAFE, a discount SAFE, a note without change-of-control terms") {
    // Uncapped and discount-only SAFEs convert at the liquidity price itself: the conversion
    // equals the cash-out, so they never convert. A note without terms is repaid with interest
    // ($100,000 at 10% simple for 365 days: $110,000).
    const cap_table table = founder_only(1'000'000);
    const std::vector<safe> safes{safe::post_money_uncapped(holder_id("a"), usd(50'000), ymd(2025, 1, 1)),
                                  safe::post_money_discount(holder_id("a"), usd(25'000), fraction(1, 5), ymd(2025, 2, 1))};
    const convertible_note n = note_of("b", 100'000, fraction(1, 10));
    waterfall_terms base;
    base.exit_date = ymd(2026, 1, 1);
    const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {n}, {}, base);
    REQUIRE(w.stages().size() == 1);
    CHECK(w.instruments()[0].name == "SAFE: Angel");
    CHECK(w.instruments()[1].name == "SAFE: Angel (2)");
    CHECK_FALSE(w.instruments()[0].can_convert());
    CHECK_FALSE(w.instruments()[1].can_convert());
    CHECK(w.instruments()[2].cash_out == usd(110'000));
    CHECK(w.instruments()[2].description == "note (principal plus interest)");
    CHECK(holder_at(w, 1, 100'000'000) == usd(75'000));
    CHECK(holder_at(w, 2, 100'000'000) == usd(110'000));
    CHECK(holder_at(w, 0, 100'000'000) == usd(100'000'000 - 185'000));
    // Seniorities stated: the SAFEs senior to the notes.
    outstanding_instrument_terms t;
    t.safe_seniority = 3;
    t.note_seniority = 2;
    const outstanding_waterfall stated = outstanding_waterfall::build(table, safes, {n}, t, base);
    const waterfall_payout p = stated.at(usd(100'000));
    CHECK(p.by_holder[1] == usd(75'000));
    CHECK(p.by_holder[2] == usd(25'000));
}

TEST_CASE("Every problem at once: holders, currencies, the exit date the notes need") {
    const cap_table table = founder_only(1'000'000);
    const std::vector<safe> safes{safe::post_money_cap(holder_id("ghost"), usd(1'000), usd(1'000'000), ymd(2025, 1, 1)),
                                  safe::post_money_cap(holder_id("a"), money::from_major(1'000, currencies::eur),
                                                       money::from_major(1'000'000, currencies::eur), ymd(2025, 1, 1))};
    const convertible_note n = note_of("b", 100'000, fraction(1, 10));
    std::vector<std::string> messages;
    try {
        (void)outstanding_waterfall::build(table, safes, {n});
    } catch (const validation_error& e) {
        for (const diagnostic& d : e.problems()) messages.push_back(d.message());
    }
    CHECK(messages == std::vector<std::string>{
                          "safes[0] \"ghost\".holder = \"ghost\": is not a holder on the cap table",
                          "safes[1] \"a\".purchase_amount = €1,000.00: must be in USD, the cap table's currency",
                          "exit_date: is required: notes[0] accrues interest to the exit"});
    waterfall_terms early;
    early.exit_date = ymd(2024, 12, 31);
    messages.clear();
    try {
        (void)outstanding_waterfall::build(table, {}, {n}, {}, early);
    } catch (const validation_error& e) {
        for (const diagnostic& d : e.problems()) messages.push_back(d.message());
    }
    CHECK(messages == std::vector<std::string>{"exit_date = 2024-12-31: is before notes[0]'s issue date 2025-01-01"});
}

TEST_CASE("Property: in the stage of any exit, no SAFE gains by switching (its switch moving L)") {
    // Random tables (common, sometimes a preferred class) with two to four SAFEs, post-money
    // and sometimes pre-money, at random exits. The outcome is an equilibrium: a SAFE that
    // converts would receive no more by taking its cash-out (the waterfall with it left out of
    // the converting set, L shrinking), and one that takes its cash-out would receive no more by
    // converting (the waterfall with it joining, L growing); exact payouts sum to the exit.
    fundround_test::lcg g{20261202};
    int later_stage = 0;  // exits in a stage after the first (a post-money SAFE joined L)
    int switches = 0;     // equilibrium checks made
    for (int round = 0; round < 12; ++round) {
        cap_table_builder b;
        b.add(holder::founder("f", "Founder")).add(share_class::common("Common"));
        b.holding(holder_id("f"), "Common", sh(1'000'000 + static_cast<std::int64_t>(g.next(9'000'000))));
        if (g.next(2) == 0) {
            b.add(holder::investor("p", "Preferred holder"));
            b.add(share_class::preferred("Seed Preferred", price_per_share(usd(1), sh(1))));
            b.holding(holder_id("p"), "Seed Preferred", sh(500'000 + static_cast<std::int64_t>(g.next(2'000'000))));
        }
        std::vector<safe> safes;
        const std::size_t count = 2 + static_cast<std::size_t>(g.next(3));
        for (std::size_t i = 0; i < count; ++i) {
            const std::string id = "s" + std::to_string(i);
            b.add(holder::investor(id, "SAFE holder " + std::to_string(i)));
            const std::int64_t amount = 100'000 + static_cast<std::int64_t>(g.next(1'900'000));
            const std::int64_t cap = amount * (8 + static_cast<std::int64_t>(g.next(20)));  // A / C <= 1/8
            if (g.next(4) == 0) {
                safes.push_back(safe::pre_money_cap(holder_id(id), usd(amount), usd(cap), ymd(2025, 1, 1)));
            } else {
                safes.push_back(safe::post_money_cap(holder_id(id), usd(amount), usd(cap), ymd(2025, 1, 1)));
            }
        }
        const cap_table table = b.build();
        const outstanding_waterfall w = outstanding_waterfall::build(table, safes, {});
        const std::vector<outstanding_instrument>& list = w.instruments();
        for (int k = 0; k < 25; ++k) {
            const fraction x(static_cast<std::int64_t>(g.next(80'000'000'000)));
            const outstanding_stage& st = w.stages()[w.stage_index(x)];
            if (w.stage_index(x) > 0) ++later_stage;
            const std::vector<fraction> paid = st.payouts.exact_line_payouts(x);
            const std::vector<line_status> status = st.payouts.status_at(x);
            fraction total;
            for (const fraction& p : paid) total += p;
            CHECK(total == x);
            const std::size_t first = paid.size() - list.size();
            for (std::size_t i = 0; i < list.size(); ++i) {
                const bool converted = status[first + i] == line_status::converted;
                if (st.converting[i] != converted && st.converting[i]) continue;  // in K, takes its cash-out here
                std::vector<bool> other = st.converting;
                other[i] = !converted;
                waterfall_terms t;
                t.convertibles = detail::outstanding_lines(list, w.base_capitalization(), other, rounding::floor).second;
                const waterfall switched = waterfall::build(table, t);
                INFO("round ", round, ", exit ", x.to_string(), " mills, ", list[i].name, converted ? " converted" : " cash-out");
                CHECK(switched.exact_line_payouts(x)[first + i] <= paid[first + i]);
                ++switches;
            }
        }
    }
    CHECK(later_stage > 20);
    CHECK(switches > 500);
}

}  // namespace test_outstanding_instruments
