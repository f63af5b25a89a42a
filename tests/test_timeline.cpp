// Tests for timeline.hpp: as-of views of a round (issue 3, "As-of views of a round").
#include <fundround/time/timeline.hpp>
#include <fundround/deal/round_builder.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_timeline {

namespace {

using namespace fundround;
using namespace fundround::literals;

using fundround_test::reference_round;  // the reference round, assumptions A1-A4
using fundround_test::ymd;

const calendar_date kClose = fundround_test::reference_close();  // assumption A1

void check_position(const round_position& p, money funded, money committed, money conditional, money lapsed,
                    money post) {
    CHECK(p.funded == funded);
    CHECK(p.committed == committed);
    CHECK(p.conditional == conditional);
    CHECK(p.lapsed == lapsed);
    CHECK(p.post_money == post);
}

}  // namespace

TEST_CASE("timeline: the reference round as things stand at close") {
    const funding_round r = reference_round();
    const round_timeline t(r);
    // The day before close nothing is paid: the at-close money is committed, Amazon's $35B waits.
    check_position(t.as_of(ymd(2026, 2, 26)), 0_B, 75_B, 35_B, 0_B, 730_B);
    // REFERENCE.md: at close $75B funded, $35B conditional outstanding, post-money $805B.
    check_position(t.as_of(kClose), 75_B, 0_B, 35_B, 0_B, 805_B);
    // No long-stop and nothing achieved: the $35B stays conditional for ever.
    check_position(t.in_the_end(), 75_B, 0_B, 35_B, 0_B, 805_B);
    CHECK(t.ownership("Amazon", kClose) == fraction(3, 161));
    CHECK(t.ownership("Nvidia", kClose) == fraction(6, 161));
    CHECK(t.ownership("Amazon", ymd(2026, 2, 26)) == fraction(0));
    CHECK(t.existing_holders_ownership(kClose) == fraction(730, 805));
    CHECK(t.new_investors_ownership(kClose) == fraction(75, 805));
    const round_position amazon = t.as_of("Amazon", kClose);
    CHECK(amazon.funded == 15_B);
    CHECK(amazon.conditional == 35_B);
    CHECK(amazon.total() == 50_B);
    CHECK(amazon.post_money == 805_B);  // the round's post-money, not the investor's
    CHECK(t.payments().size() == 3);
    CHECK(t.pre_money() == 730_B);
    CHECK(t.close_date() == kClose);
    CHECK(t.investors() == std::vector<std::string>{"Amazon", "Nvidia", "SoftBank"});
}

TEST_CASE("timeline: a milestone achieved later funds the conditional money on that day") {
    const funding_round r = reference_round();
    world_state facts(kClose);
    facts.achieve("certain conditions", ymd(2026, 9, 30));  // an assumed date
    const round_timeline t(r, facts);
    check_position(t.as_of(ymd(2026, 9, 29)), 75_B, 0_B, 35_B, 0_B, 805_B);
    check_position(t.as_of(ymd(2026, 9, 30)), 110_B, 0_B, 0_B, 0_B, 840_B);
    CHECK(t.ownership("Amazon", ymd(2026, 9, 30)) == fraction(5, 84));
    CHECK(t.ownership("Amazon", ymd(2026, 9, 29)) == fraction(3, 161));
    REQUIRE(t.payments().size() == 4);
    CHECK(t.payments().back().date == ymd(2026, 9, 30));
    CHECK(t.payments().back().investor == "Amazon");
    CHECK(t.payments().back().amount == 35_B);
    CHECK(t.payments().back().tranche_index == 1);
}

TEST_CASE("timeline: money met before its expected date is committed until then") {
    const funding_round r =
        round_builder("R")
            .pre_money(100_B)
            .close_date(kClose)
            .invest(investor::financial("A"), {tranche::when(10_B, milestone("m"), ymd(2026, 12, 1))})
            .build();
    world_state facts(kClose);
    facts.achieve("m", ymd(2026, 9, 30));
    const round_timeline t(r, facts);
    check_position(t.as_of(ymd(2026, 9, 29)), 0_B, 0_B, 10_B, 0_B, 100_B);
    check_position(t.as_of(ymd(2026, 9, 30)), 0_B, 10_B, 0_B, 0_B, 100_B);   // certain now, not paid
    check_position(t.as_of(ymd(2026, 11, 30)), 0_B, 10_B, 0_B, 0_B, 100_B);
    check_position(t.as_of(ymd(2026, 12, 1)), 10_B, 0_B, 0_B, 0_B, 110_B);
    // Achieved after the expected date: paid the day it is achieved.
    world_state late(kClose);
    late.achieve("m", ymd(2027, 3, 15));
    const round_timeline t2(r, late);
    check_position(t2.as_of(ymd(2027, 3, 14)), 0_B, 0_B, 10_B, 0_B, 100_B);
    check_position(t2.as_of(ymd(2027, 3, 15)), 10_B, 0_B, 0_B, 0_B, 110_B);
}

TEST_CASE("timeline: scheduled money is committed until its date, then funded") {
    const funding_round r = round_builder("R")
                                .pre_money(100_B)
                                .close_date(kClose)
                                .invest(investor::financial("A"), {tranche::at_close(5_B),
                                                                   tranche::on(10_B, ymd(2026, 6, 30))})
                                .build();
    const round_timeline t(r);
    check_position(t.as_of(kClose), 5_B, 10_B, 0_B, 0_B, 105_B);
    check_position(t.as_of(ymd(2026, 6, 29)), 5_B, 10_B, 0_B, 0_B, 105_B);
    check_position(t.as_of(ymd(2026, 6, 30)), 15_B, 0_B, 0_B, 0_B, 115_B);
}

TEST_CASE("timeline: the long-stop date is inclusive; the money lapses the day after") {
    const calendar_date stop = ymd(2026, 12, 31);
    const funding_round r =
        round_builder("R")
            .pre_money(100_B)
            .close_date(kClose)
            .invest(investor::financial("A"), {tranche::when(10_B, milestone("m").with_long_stop(stop))})
            .build();
    SUBCASE("achieved on the long-stop date itself: paid") {
        world_state facts(kClose);
        facts.achieve("m", stop);
        const round_timeline t(r, facts);
        check_position(t.as_of(stop), 10_B, 0_B, 0_B, 0_B, 110_B);
    }
    SUBCASE("achieved the day after: lapsed") {
        world_state facts(kClose);
        facts.achieve("m", ymd(2027, 1, 1));
        const round_timeline t(r, facts);
        check_position(t.as_of(stop), 0_B, 0_B, 10_B, 0_B, 100_B);
        check_position(t.as_of(ymd(2027, 1, 1)), 0_B, 0_B, 0_B, 10_B, 100_B);
        CHECK(t.payments().empty());
    }
    SUBCASE("never achieved: conditional through the long-stop, lapsed after") {
        const round_timeline t(r);
        check_position(t.as_of(stop), 0_B, 0_B, 10_B, 0_B, 100_B);
        check_position(t.as_of(ymd(2027, 1, 1)), 0_B, 0_B, 0_B, 10_B, 100_B);
        check_position(t.in_the_end(), 0_B, 0_B, 0_B, 10_B, 100_B);
    }
    SUBCASE("failed before the long-stop: lapsed the day it fails") {
        world_state facts(kClose);
        facts.fail("m", ymd(2026, 7, 1));
        const round_timeline t(r, facts);
        check_position(t.as_of(ymd(2026, 6, 30)), 0_B, 0_B, 10_B, 0_B, 100_B);
        check_position(t.as_of(ymd(2026, 7, 1)), 0_B, 0_B, 0_B, 10_B, 100_B);
    }
}

// "$30B if the milestone is met by the long-stop date, otherwise $20B" (issue 3), paid on one
// date, the settlement date (issue 9).
TEST_CASE("timeline: a fallback tranche pays one amount on its settlement date") {
    const calendar_date stop = ymd(2026, 12, 31);
    const funding_round r = round_builder("R")
                                .pre_money(100_B)
                                .close_date(kClose)
                                .invest(investor::financial("A"),
                                        {tranche::when(30_B, milestone("m").with_long_stop(stop)).otherwise(20_B)})
                                .build();
    SUBCASE("met before the long-stop: $30B on the long-stop date, committed from the day it is met") {
        world_state facts(kClose);
        facts.achieve("m", ymd(2026, 10, 1));
        const round_timeline t(r, facts);
        // Until then the fallback is certain (committed) and the excess conditional.
        check_position(t.as_of(ymd(2026, 9, 30)), 0_B, 20_B, 10_B, 0_B, 100_B);
        check_position(t.as_of(ymd(2026, 10, 1)), 0_B, 30_B, 0_B, 0_B, 100_B);
        check_position(t.as_of(ymd(2026, 12, 30)), 0_B, 30_B, 0_B, 0_B, 100_B);
        check_position(t.as_of(stop), 30_B, 0_B, 0_B, 0_B, 130_B);
        REQUIRE(t.payments().size() == 1);
        CHECK(t.payments()[0].part == tranche_part::whole);
        CHECK(t.payments()[0].amount == 30_B);
        CHECK(t.payments()[0].date == stop);
    }
    SUBCASE("met on the long-stop date itself: still $30B") {
        world_state facts(kClose);
        facts.achieve("m", stop);
        const round_timeline t(r, facts);
        check_position(t.as_of(ymd(2026, 12, 30)), 0_B, 20_B, 10_B, 0_B, 100_B);
        check_position(t.as_of(stop), 30_B, 0_B, 0_B, 0_B, 130_B);
    }
    SUBCASE("not met by the long-stop: $20B paid on it, $10B lapses then") {
        const round_timeline t(r);
        check_position(t.as_of(ymd(2026, 12, 30)), 0_B, 20_B, 10_B, 0_B, 100_B);
        check_position(t.as_of(stop), 20_B, 0_B, 0_B, 10_B, 120_B);
        check_position(t.in_the_end(), 20_B, 0_B, 0_B, 10_B, 120_B);
        REQUIRE(t.payments().size() == 1);
        CHECK(t.payments()[0].part == tranche_part::fallback);
        CHECK(t.payments()[0].amount == 20_B);
        CHECK(t.payments()[0].date == stop);
    }
    SUBCASE("failed before the long-stop: the excess lapses that day, the fallback is paid on the long-stop") {
        world_state facts(kClose);
        facts.fail("m", ymd(2026, 7, 1));
        const round_timeline t(r, facts);
        check_position(t.as_of(ymd(2026, 7, 1)), 0_B, 20_B, 0_B, 10_B, 100_B);
        check_position(t.as_of(stop), 20_B, 0_B, 0_B, 10_B, 120_B);
    }
}

// SoftBank: "$22.5B by Dec 31 if the restructuring is done, otherwise $12.5B" (issue 9, item 6).
TEST_CASE("timeline: a milestone failing before the close lapses plain and fallback money on the same day") {
    // Regression (review of 2026-12-05): the fallback tranche's excess lapsed only on the close
    // date while the plain tranche on the same milestone lapsed on the day it failed.
    const calendar_date close = ymd(2026, 3, 1);
    const funding_round r =
        round_builder("R")
            .pre_money(100_M)
            .close_date(close)
            .invest(investor::financial("A"), {tranche::when(10_M, milestone("m"))})
            .invest(investor::financial("B"),
                    {tranche::when(10_M, milestone("m").with_long_stop(ymd(2026, 12, 31))).otherwise(4_M)})
            .build();
    world_state facts(close);
    facts.fail("m", ymd(2026, 1, 10));
    const round_timeline t(r, facts);
    for (const calendar_date d : {ymd(2026, 1, 10), ymd(2026, 2, 28), close}) {
        CAPTURE(to_string(d));
        CHECK(t.as_of("A", d).lapsed == 10_M);
        CHECK(t.as_of("B", d).lapsed == 6_M);
        CHECK(t.as_of("B", d).conditional == 0_M);
        CHECK(t.as_of("B", d).committed == 4_M);  // the fallback, paid on the long-stop
    }
    CHECK(t.as_of("B", ymd(2026, 1, 9)).conditional == 6_M);
    CHECK(t.as_of("B", ymd(2026, 12, 31)).funded == 4_M);
}

TEST_CASE("timeline: a fallback tranche with an expected date pays on it, not when the condition is met") {
    const funding_round r =
        round_builder("R")
            .pre_money(100_B)
            .close_date(kClose)
            .invest(investor::financial("SoftBank"),
                    {tranche::when(22'500_M, milestone("restructuring"), ymd(2026, 12, 31)).otherwise(12'500_M)})
            .build();
    world_state done(kClose);
    done.achieve("restructuring", ymd(2026, 6, 1));
    const round_timeline met(r, done);
    REQUIRE(met.payments().size() == 1);
    CHECK(met.payments()[0].date == ymd(2026, 12, 31));
    CHECK(met.payments()[0].amount == 22'500_M);
    check_position(met.as_of(ymd(2026, 6, 1)), 0_B, 22'500_M, 0_B, 0_B, 100_B);
    world_state late(kClose);
    late.achieve("restructuring", ymd(2027, 1, 1));
    const round_timeline missed(r, late);
    REQUIRE(missed.payments().size() == 1);
    CHECK(missed.payments()[0].date == ymd(2026, 12, 31));
    CHECK(missed.payments()[0].amount == 12'500_M);
    CHECK(missed.payments()[0].part == tranche_part::fallback);
    check_position(missed.in_the_end(), 12'500_M, 0_B, 0_B, 10_B, 112'500_M);
}

TEST_CASE("timeline: money is committed from the day its milestones make it certain, before it is met") {
    // Found by review: `milestone && on_or_after(d)` stayed conditional after the milestone was
    // achieved until d, although it then waits on no milestone; expected on d instead, it was
    // committed (the same fact, two buckets). Likewise a fallback tranche's excess.
    const funding_round r =
        round_builder("Certain")
            .pre_money(100_M)
            .close_date(ymd(2026, 1, 1))
            .invest(investor::financial("A"), {tranche::when(10_M, milestone("x") && on_or_after(ymd(2026, 12, 31)))})
            .invest(investor::financial("B"), {tranche::when(10_M, milestone("x"), ymd(2026, 12, 31))})
            .invest(investor::financial("C"),
                    {tranche::when(6_M, milestone("x") && on_or_after(ymd(2026, 9, 30)), ymd(2026, 12, 31))
                         .otherwise(2_M)})
            .invest(investor::financial("D"),
                    {tranche::when(10_M, milestone("x").with_long_stop(ymd(2026, 12, 31)) && milestone("y"))})
            .build();
    world_state w(ymd(2026, 1, 1));
    w.achieve("x", ymd(2026, 3, 1));
    const round_timeline t(r, w);
    for (const char* who : {"A", "B"}) {
        check_position(t.as_of(who, ymd(2026, 2, 28)), 0_M, 0_M, 10_M, 0_M, 100_M);
        check_position(t.as_of(who, ymd(2026, 3, 1)), 0_M, 10_M, 0_M, 0_M, 100_M);
        check_position(t.as_of(who, ymd(2026, 12, 31)), 10_M, 0_M, 0_M, 0_M, 126_M);
    }
    check_position(t.as_of("C", ymd(2026, 2, 28)), 0_M, 2_M, 4_M, 0_M, 100_M);
    check_position(t.as_of("C", ymd(2026, 3, 1)), 0_M, 6_M, 0_M, 0_M, 100_M);
    // D still waits on y: conditional.
    check_position(t.as_of("D", ymd(2026, 6, 1)), 0_M, 0_M, 10_M, 0_M, 100_M);
    check_position(t.as_of(ymd(2026, 6, 1)), 0_M, 26_M, 10_M, 0_M, 100_M);
}

TEST_CASE("timeline: a milestone settled before the close can make scheduled money uncertain") {
    // Found by review (helper h7, randomised against an independent model): the round classifies
    // a tranche assuming no milestone settles before its close date. Here, with "a" settling only
    // from the close (2026-04-12) on, the long-stop of 2026-04-09 has passed, so the condition is
    // met whatever happens: scheduled. But a world may record "a" achieved on 2026-04-09, before
    // the close: the condition then waits on "b" (met if it fails, lapsed if it is achieved). The
    // timeline counted the money as committed ("certain") from the close anyway, and kept it
    // committed until it lapsed on 2026-12-04 (or for ever when "b" never settles).
    const condition c = !(milestone("a").with_long_stop(ymd(2026, 4, 9)) && milestone("b"));
    const funding_round r = round_builder("Early facts")
                                .pre_money(100_M)
                                .close_date(ymd(2026, 4, 12))
                                .invest(investor::financial("A"), {tranche::when(10_M, c, ymd(2027, 2, 22))})
                                .build();
    CHECK(r.raised_scheduled() == 10_M);  // as classified at close: unchanged
    world_state lapses(ymd(2026, 4, 12));
    lapses.achieve("a", ymd(2026, 4, 9)).achieve("b", ymd(2026, 12, 4));
    const round_timeline t(r, lapses);
    check_position(t.as_of(ymd(2026, 4, 12)), 0_M, 0_M, 10_M, 0_M, 100_M);
    check_position(t.as_of(ymd(2026, 12, 3)), 0_M, 0_M, 10_M, 0_M, 100_M);
    check_position(t.as_of(ymd(2026, 12, 4)), 0_M, 0_M, 0_M, 10_M, 100_M);
    // "b" never settles: the money waits on it for ever (never settled in a scenario), not committed.
    world_state waits(ymd(2026, 4, 12));
    waits.achieve("a", ymd(2026, 4, 9));
    check_position(round_timeline(r, waits).in_the_end(), 0_M, 0_M, 10_M, 0_M, 100_M);
    // "b" fails: the money is committed from that day (certain) and paid on its expected date.
    world_state pays(ymd(2026, 4, 12));
    pays.achieve("a", ymd(2026, 4, 9)).fail("b", ymd(2026, 6, 1));
    const round_timeline p(r, pays);
    check_position(p.as_of(ymd(2026, 5, 31)), 0_M, 0_M, 10_M, 0_M, 100_M);
    check_position(p.as_of(ymd(2026, 6, 1)), 0_M, 10_M, 0_M, 0_M, 100_M);
    check_position(p.as_of(ymd(2027, 2, 22)), 10_M, 0_M, 0_M, 0_M, 110_M);
    // Without facts before the close, the classification holds: committed from the close.
    check_position(round_timeline(r).as_of(ymd(2026, 4, 12)), 0_M, 10_M, 0_M, 0_M, 100_M);
}

TEST_CASE("timeline: bad queries are clear errors") {
    const round_timeline t(reference_round());
    // Regression: the message said only "is not in the round"; it now says what to write instead.
    CHECK_THROWS_WITH_AS((void)t.as_of("Microsoft", kClose),
                         "investor = \"Microsoft\": is not in the round (its investors: \"Amazon\", \"Nvidia\", \"SoftBank\")",
                         invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)t.ownership("Soft Bank", kClose),
                         "investor = \"Soft Bank\": is not in the round; did you mean \"SoftBank\"? (names are matched exactly; these differ only in case, spaces or punctuation)",
                         invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)t.as_of(ymd(2026, 2, 30)), "as_of = 2026-02-30: is not a valid calendar date",
                         invalid_argument_error);
}

// Property: against a brute-force replay of the payments and lapses, on random rounds and worlds.
TEST_CASE("timeline: property - positions reconcile and match a brute-force count") {
    std::mt19937 rng(20261126);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const calendar_date base{kClose};
    const auto day = [&](int offset) { return calendar_date{base + days{offset}}; };
    for (int round_no = 0; round_no < 60; ++round_no) {
        round_builder b("random");
        b.pre_money(money::from_major(pick(1, 1000) * 1000, currencies::usd)).close_date(kClose);
        const int investors = pick(1, 5);
        for (int i = 0; i < investors; ++i) {
            std::vector<tranche> ts;
            const int n = pick(1, 6);
            for (int k = 0; k < n; ++k) {
                const money amount = money::from_major(pick(1, 500), currencies::usd);
                const std::string m = "m" + std::to_string(pick(0, 3));
                switch (pick(0, 4)) {
                    case 0: ts.push_back(tranche::at_close(amount)); break;
                    case 1: ts.push_back(tranche::on(amount, day(pick(0, 400)))); break;
                    case 2: ts.push_back(tranche::when(amount, milestone(m))); break;
                    case 3: ts.push_back(tranche::when(amount, milestone(m).with_long_stop(day(pick(0, 400))))); break;
                    default:
                        ts.push_back(tranche::when(amount + money::from_major(1, currencies::usd),
                                                   milestone(m).with_long_stop(day(pick(0, 400))))
                                         .otherwise(amount));
                }
            }
            b.invest(investor::financial("I" + std::to_string(i)), ts);
        }
        const funding_round r = b.build();
        world_state facts(kClose);
        for (int m = 0; m < 4; ++m) {
            const int what = pick(0, 2);
            if (what == 1) facts.achieve("m" + std::to_string(m), day(pick(-10, 500)));
            if (what == 2) facts.fail("m" + std::to_string(m), day(pick(-10, 500)));
        }
        const round_timeline t(r, facts);
        money previous_funded = money::zero(currencies::usd);
        money previous_lapsed = money::zero(currencies::usd);
        for (int q = 0; q < 30; ++q) {
            const calendar_date d = day(pick(-20, 520));
            const round_position p = t.as_of(d);
            CHECK(p.total() == r.raised());
            CHECK(p.post_money == r.pre_money() + p.funded);
            money paid = money::zero(currencies::usd);
            for (const payment& x : t.payments()) {
                if (x.date <= d) paid += x.amount;
            }
            CHECK(p.funded == paid);
            money sum_funded = money::zero(currencies::usd);
            money sum_committed = sum_funded, sum_conditional = sum_funded, sum_lapsed = sum_funded;
            for (const std::string& name : t.investors()) {
                const round_position ip = t.as_of(name, d);
                CHECK(ip.total() == r.commitment_of(name).total);
                sum_funded += ip.funded;
                sum_committed += ip.committed;
                sum_conditional += ip.conditional;
                sum_lapsed += ip.lapsed;
            }
            CHECK(sum_funded == p.funded);
            CHECK(sum_committed == p.committed);
            CHECK(sum_conditional == p.conditional);
            CHECK(sum_lapsed == p.lapsed);
            fraction owned = t.existing_holders_ownership(d);
            for (const std::string& name : t.investors()) owned = owned + t.ownership(name, d);
            CHECK(owned == fraction(1));
        }
        // Funded and lapsed only grow with time.
        for (int offset = -5; offset < 520; offset += 7) {
            const round_position p = t.as_of(day(offset));
            CHECK(previous_funded <= p.funded);
            CHECK(previous_lapsed <= p.lapsed);
            previous_funded = p.funded;
            previous_lapsed = p.lapsed;
        }
        money all_paid = money::zero(currencies::usd);
        for (const payment& x : t.payments()) all_paid += x.amount;
        CHECK(all_paid == t.in_the_end().funded);
    }
}

TEST_CASE("timeline: payments() of a temporary is moved out, not left dangling") {
    std::size_t count = 0;
    money sum = money::zero(currencies::usd);
    for (const payment& p : round_timeline(reference_round()).payments()) {  // would dangle if a reference
        ++count;
        sum += p.amount;
    }
    CHECK(count == 3);
    CHECK(sum == 75_B);
}

}  // namespace test_timeline
