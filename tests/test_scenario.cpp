// Tests for scenario.hpp: fixed milestone outcomes applied to a round (issue 3, "Scenarios").
#include <fundround/time/scenario.hpp>
#include <fundround/deal/round_builder.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_scenario {

namespace {

using namespace fundround;
using namespace fundround::literals;

using fundround_test::reference_round;  // the reference round, assumptions A1-A4
using fundround_test::ymd;

const calendar_date kClose = fundround_test::reference_close();  // assumption A1

}  // namespace

// shared/REFERENCE.md: "if the conditions are never met: raised $75B, post-money $805B, Amazon 3/161";
// fully funded: post-money $840B, Amazon 5/84.
TEST_CASE("scenario: the reference round, conditions met vs never met") {
    const funding_round r = reference_round();
    const scenario_result met =
        scenario("conditions met").achieve("certain conditions", ymd(2026, 9, 30)).apply_to(r);
    const scenario_result never = scenario("never met").apply_to(r);

    CHECK(met.name() == "conditions met");
    CHECK(met.raised() == 110_B);
    CHECK(met.post_money() == 840_B);
    CHECK(met.ownership("Amazon") == fraction(5, 84));
    CHECK(met.ownership("Nvidia") == fraction(1, 28));
    CHECK(met.paid_by("Amazon") == 50_B);
    CHECK(met.new_investors_ownership() == fraction(11, 84));
    CHECK(met.existing_holders_ownership() == fraction(73, 84));
    CHECK(met.lapsed() == 0_B);
    CHECK(met.never_settled() == 0_B);
    REQUIRE(met.payments().size() == 4);
    CHECK(met.payments()[3].date == ymd(2026, 9, 30));

    CHECK(never.raised() == 75_B);
    CHECK(never.post_money() == 805_B);
    CHECK(never.ownership("Amazon") == fraction(3, 161));
    CHECK(never.ownership("Nvidia") == fraction(6, 161));
    CHECK(never.paid_by("Amazon") == 15_B);
    CHECK(never.never_settled() == 35_B);  // no long-stop: promised, never paid, never lapsed
    CHECK(never.lapsed() == 0_B);
    CHECK(never.payments().size() == 3);
    // The same world as an explicit "never".
    CHECK(scenario("explicit").never("certain conditions").apply_to(r).post_money() == 805_B);
    // Within a scenario, the timeline answers as-of questions.
    CHECK(met.timeline().as_of(ymd(2026, 9, 29)).post_money == 805_B);
}

// A scenario of two rounds (as a deal file has): seen from one round, the other round's
// milestones are left out and the round's own apply; applied whole, they are reported.
TEST_CASE("scenario: for_round keeps the outcomes of the round's own milestones") {
    const funding_round r = reference_round();
    const scenario both = scenario("both rounds")
                              .achieve("certain conditions", ymd(2026, 9, 30))
                              .fail("Series B launch", ymd(2026, 10, 1))
                              .never("other round's audit");
    REQUIRE(both.validate(r).size() == 2);
    CHECK(both.validate(r)[0].message() ==
          "scenario \"both rounds\".milestones[1].name = Series B launch: is not a milestone of round \"Reference round, "
          "2026\" (its milestones: \"certain conditions\")");

    const scenario mine = both.for_round(r);
    CHECK(mine.name() == "both rounds");
    REQUIRE(mine.outcomes().size() == 1);
    CHECK(mine.outcomes()[0].milestone == "certain conditions");
    CHECK(mine.outcomes()[0].kind == scenario::outcome_kind::achieved);
    CHECK(mine.outcomes()[0].on == ymd(2026, 9, 30));
    CHECK(mine.validate(r).empty());
    CHECK(mine.apply_to(r).raised() == 110_B);
    // None of the round's: as things stand at close.
    const scenario other = scenario("other").achieve("Series B launch", ymd(2026, 9, 30)).for_round(r);
    CHECK(other.outcomes().empty());
    CHECK(other.apply_to(r).raised() == 75_B);
    // A date problem of the round's own milestone is still reported.
    const scenario late = scenario("late").achieve("certain conditions", year{10000} / 1 / 1).for_round(r);
    CHECK(late.validate(r).size() == 1);
}

TEST_CASE("scenario: a failed milestone lapses the money that waits on it") {
    const scenario_result failed =
        scenario("failed").fail("certain conditions", ymd(2026, 6, 1)).apply_to(reference_round());
    CHECK(failed.raised() == 75_B);
    CHECK(failed.lapsed() == 35_B);
    CHECK(failed.never_settled() == 0_B);
    CHECK(failed.timeline().as_of(ymd(2026, 5, 31)).conditional == 35_B);
    CHECK(failed.timeline().as_of(ymd(2026, 6, 1)).lapsed == 35_B);
}

TEST_CASE("scenario: a milestone shared by several tranches moves them together") {
    const funding_round r = round_builder("Shared")
                                .pre_money(90_B)
                                .close_date(kClose)
                                .invest(investor::financial("A"), {tranche::when(4_B, milestone("approval"))})
                                .invest(investor::financial("B"), {tranche::at_close(1_B),
                                                                   tranche::when(5_B, milestone("approval"))})
                                .invest(investor::financial("C"), {tranche::when(2_B, milestone("other"))})
                                .build();
    const scenario_result s = scenario("approved").achieve("approval", ymd(2026, 5, 1)).apply_to(r);
    CHECK(s.raised() == 10_B);
    CHECK(s.post_money() == 100_B);
    CHECK(s.ownership("A") == fraction(1, 25));
    CHECK(s.ownership("B") == fraction(3, 50));
    CHECK(s.ownership("C") == fraction(0));
    CHECK(s.never_settled() == 2_B);
}

TEST_CASE("scenario: fallback amounts in a scenario") {
    const funding_round r =
        round_builder("Fallback")
            .pre_money(100_B)
            .close_date(kClose)
            .invest(investor::financial("A"),
                    {tranche::when(30_B, milestone("m").with_long_stop(ymd(2026, 12, 31))).otherwise(20_B)})
            .build();
    CHECK(scenario("met").achieve("m", ymd(2026, 12, 31)).apply_to(r).raised() == 30_B);  // inclusive
    const scenario_result late = scenario("late").achieve("m", ymd(2027, 1, 1)).apply_to(r);
    CHECK(late.raised() == 20_B);
    REQUIRE(late.payments().size() == 1);  // one payment, on the settlement date
    CHECK(late.payments()[0].date == ymd(2026, 12, 31));
    CHECK(late.payments()[0].part == tranche_part::fallback);
    CHECK(late.lapsed() == 10_B);
    CHECK(late.post_money() == 120_B);
    CHECK(late.ownership("A") == fraction(1, 6));
}

// Issue 9, item 8: a date after 9999-12-31 is refused, not dropped.
TEST_CASE("scenario: dates after end_of_time() are reported") {
    const scenario s = scenario("far").achieve("certain conditions", ymd(10000, 1, 1));
    const std::vector<diagnostic> problems = s.validate(reference_round());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field.to_string() == "scenario \"far\".milestones[0].date");
    // Structured: the scenario's name is a label on "scenario", not part of the JSON pointer.
    CHECK(problems[0].field == field_path("scenario").labelled("far").member("milestones").index(0).member("date"));
    CHECK(problems[0].field.json_pointer() == "/scenario/milestones/0/date");
    CHECK(problems[0].value == "10000-01-01");
    CHECK(problems[0].rule == "is after 9999-12-31, the last day fundround models");
}

TEST_CASE("scenario: every problem is reported at once") {
    const funding_round r = reference_round();
    const scenario s = scenario("typos")
                           .achieve("certain condition", ymd(2026, 9, 30))
                           .fail("certain conditions", ymd(2026, 2, 30))
                           .never("certain conditions");
    const std::vector<diagnostic> problems = s.validate(r);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].field.to_string() == "scenario \"typos\".milestones[0].name");
    CHECK(problems[0].value == "certain condition");
    CHECK(problems[0].rule ==
          "is not a milestone of round \"Reference round, 2026\" (its milestones: \"certain conditions\")");
    CHECK(problems[1].field.to_string() == "scenario \"typos\".milestones[1].date");
    CHECK(problems[1].value == "2026-02-30");
    CHECK(problems[1].rule == "is not a valid calendar date");
    CHECK(problems[2].field.to_string() == "scenario \"typos\".milestones[2].name");
    CHECK(problems[2].field == field_path("scenario").labelled("typos").member("milestones").index(2).member("name"));
    // Regression (h7 review): the rule did not say which outcome came first, as the deal file
    // reader's does ("first at /scenarios/0/milestones/1").
    CHECK(problems[2].rule == "is given more than one outcome (first at milestones[1])");
    CHECK_THROWS_AS((void)s.apply_to(r), validation_error);
    try {
        (void)s.apply_to(r);
    } catch (const validation_error& e) {
        CHECK(e.problems().size() == 3);
    }
    const funding_round plain = round_builder("Plain").pre_money(10_B).close_date(kClose)
                                    .invest(investor::financial("A"), 1_B).build();
    const std::vector<diagnostic> none = scenario("x").achieve("m", kClose).validate(plain);
    REQUIRE(none.size() == 1);
    CHECK(none[0].rule == "is not a milestone of round \"Plain\" (it has none)");
    CHECK(scenario("ok").achieve("certain conditions", kClose).validate(r).empty());
}

TEST_CASE("scenario: payments() and timeline() of a temporary result are moved out") {
    const funding_round r = reference_round();
    money sum = money::zero(currencies::usd);
    for (const payment& p : scenario("met").achieve("certain conditions", kClose).apply_to(r).payments()) {
        sum += p.amount;
    }
    CHECK(sum == 110_B);
    const round_timeline t = scenario("never").apply_to(r).timeline();
    CHECK(t.in_the_end().funded == 75_B);
}

// Seeded property over random rounds closing at either end of the calendar or mid-range, with
// composite conditions (and, or, a date), expected dates, long-stops and fallbacks, in random
// scenarios: on every day, funded + committed + conditional + lapsed is the amount committed;
// funded and lapsed never shrink; money counted committed on a day (certain) ends funded;
// nothing is paid before the close; the payments add up to what is raised.
TEST_CASE("scenario: property - every dollar accounted for on every date, at both ends of the calendar") {
    std::mt19937 rng(20261206);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    int applied = 0;
    for (int round_no = 0; round_no < 120; ++round_no) {
        const int where = pick(0, 2);
        const calendar_date close = where == 0   ? calendar_date{end_of_time() - days{pick(0, 60)}}
                                    : where == 1 ? calendar_date{calendar_date::min() + days{pick(0, 60)}}
                                                 : kClose;
        // close + offset, held to the modelled days.
        const auto day = [&](int offset) {
            const std::int64_t room_after = (calendar_date{end_of_time()} - close).count();
            const std::int64_t room_before = (close - calendar_date::min()).count();
            if (offset > room_after) return end_of_time();
            if (-offset > room_before) return calendar_date::min();
            return calendar_date{close + days{offset}};
        };
        const auto cond = [&](const auto& self, int depth) -> condition {
            const std::string m = "m" + std::to_string(pick(0, 3));
            switch (depth > 2 ? pick(0, 1) : pick(0, 5)) {
                case 0: return milestone(m);
                case 1: return milestone(m).with_long_stop(day(pick(0, 90)));
                case 2: return self(self, depth + 1) && self(self, depth + 1);
                case 3: return self(self, depth + 1) || on_or_after(day(pick(0, 90)));
                case 4: return milestone(m) && on_or_after(day(pick(-5, 90)));
                default: return self(self, depth + 1) || self(self, depth + 1);
            }
        };
        round_builder b("random");
        b.pre_money(money::from_major(pick(1, 1000), currencies::usd)).close_date(close);
        const int investors = pick(1, 4);
        for (int i = 0; i < investors; ++i) {
            std::vector<tranche> ts;
            for (int k = pick(1, 5); k > 0; --k) {
                const money a = money::from_major(pick(1, 100), currencies::usd);
                switch (pick(0, 4)) {
                    case 0: ts.push_back(tranche::at_close(a)); break;
                    case 1: ts.push_back(tranche::on(a, day(pick(0, 90)))); break;
                    case 2: ts.push_back(tranche::when(a, cond(cond, 0))); break;
                    case 3: ts.push_back(tranche::when(a, cond(cond, 0)).expected_on(day(pick(0, 90)))); break;
                    default:
                        ts.push_back(tranche::when(a + money::from_major(1, currencies::usd),
                                                   milestone("m" + std::to_string(pick(0, 3)))
                                                       .with_long_stop(day(pick(0, 90))))
                                         .otherwise(a));
                }
            }
            b.invest(investor::financial("I" + std::to_string(i)), ts);
        }
        const std::vector<diagnostic> problems = b.validate();
        if (!problems.empty()) continue;  // e.g. a condition that can never be met: the builder's rule
        const funding_round r = b.build();
        scenario sc("random");
        for (const std::string& m : r.milestones()) {
            const int what = pick(0, 2);
            if (what == 1) sc.achieve(m, day(pick(-10, 120)));
            if (what == 2) sc.fail(m, day(pick(-10, 120)));
        }
        const scenario_result result = sc.apply_to(r);
        ++applied;
        const round_timeline& t = result.timeline();
        CHECK(result.raised() + result.lapsed() + result.never_settled() == r.raised());
        money previous_funded = money::zero(currencies::usd);
        money previous_lapsed = previous_funded;
        for (int offset = -15; offset <= 130; offset += 3) {
            const calendar_date d = day(offset);
            const round_position p = t.as_of(d);
            CHECK(p.total() == r.raised());
            CHECK(previous_funded <= p.funded);
            CHECK(previous_lapsed <= p.lapsed);
            previous_funded = p.funded;
            previous_lapsed = p.lapsed;
            for (const std::string& name : t.investors()) {
                const round_position mine = t.as_of(name, d);
                CHECK(mine.total() == r.commitment_of(name).total);
                CHECK(mine.funded + mine.committed <= result.paid_by(name));
            }
        }
        money paid = money::zero(currencies::usd);
        for (const payment& x : result.payments()) {
            CHECK(close <= x.date);
            paid += x.amount;
        }
        CHECK(paid == result.raised());
    }
    CHECK(applied >= 60);  // most random rounds are valid: the property is not vacuous
}

}  // namespace test_scenario
