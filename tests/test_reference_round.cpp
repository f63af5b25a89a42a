// Acceptance test: the reference round of /work/shared/REFERENCE.md, built exactly as
// examples/reference_round.cpp and examples/reference_deal.cpp build it, with every figure of REFERENCE.md's
// "Figures that follow exactly" table asserted exactly (money and fractions, never doubles).
//
// Assumptions (REFERENCE.md: "An example that needs one must pick it and say so"), the same as
// the example's:
//   A1. The round closes on 2026-02-27 (the report gives no calendar date).
//   A2. Nvidia and SoftBank fund in full at close (the report does not say when).
//   A3. Amazon's $35B depends on one milestone we name "certain conditions"; no long-stop date.
//   A4. Investor kinds: Amazon and Nvidia strategic, SoftBank financial.
//   A5. In the "conditions met" scenario they are met on 2026-09-30.
//   A6. HYPOTHETICAL later close: "Investor D (hypothetical)" joins with $10B on 2026-06-30.
//   A7. The $100B new cloud spend is paid $12.5B every 31 December, 2026-2033.
//   A8. The existing $38B cloud contract is spread evenly over the same eight dates.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include <string>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_reference_round {

namespace {

using namespace fundround;
using namespace fundround::literals;

calendar_date close_day() { return year{2026} / 2 / 27; }  // A1

// The reference round builder, as in examples/reference_round.cpp and reference_deal.cpp.
round_builder reference_builder() {
    round_builder b("Reference round, 2026");
    b.pre_money(730_B)                                              // REFERENCE.md: pre-money $730B
        .prior_mark(500_B, "secondary sale, October 2025")          // last mark $500B
        .prior_round(40_B, "the previous year's round")             // prior round $40B
        .close_date(close_day())                                    // A1
        .invest(investor::strategic("Amazon"), 50_B,
                {tranche::at_close(15_B).labelled("first"),
                 tranche::when(35_B, milestone("certain conditions")).labelled("second")})  // A3
        .invest(investor::strategic("Nvidia"), 30_B)     // A2
        .invest(investor::financial("SoftBank"), 30_B);  // A2, A4
    return b;
}

funding_round reference_round() { return reference_builder().build(); }

}  // namespace

TEST_CASE("reference round: it builds without a single diagnostic") {
    const round_builder b = reference_builder();
    CHECK(b.validate().empty());
    const build_result result = b.try_build();
    REQUIRE(result.ok());
    CHECK(static_cast<bool>(result));
    CHECK(result.problems.empty());
    CHECK_NOTHROW((void)b.build());

    const funding_round r = reference_round();
    CHECK(r.name() == "Reference round, 2026");
    CHECK(r.currency() == currencies::usd);
    CHECK(r.close_date() == close_day());
    CHECK(r.pre_money() == 730_B);
    CHECK(r.pre_money() == money::from_major(730'000'000'000));
    REQUIRE(r.prior_mark().has_value());
    CHECK(*r.prior_mark() == 500_B);
    CHECK(r.prior_mark_label() == "secondary sale, October 2025");
    REQUIRE(r.prior_round().has_value());
    CHECK(*r.prior_round() == 40_B);
    CHECK(r.prior_round_label() == "the previous year's round");
    CHECK_FALSE(r.valuation().price().has_value());  // no share count given

    REQUIRE(r.commitments().size() == 3);
    CHECK(r.commitments()[0].investor == investor::strategic("Amazon"));
    CHECK(r.commitments()[1].investor == investor::strategic("Nvidia"));
    CHECK(r.commitments()[2].investor == investor::financial("SoftBank"));
    CHECK(r.has_investor("Amazon"));
    CHECK(r.has_investor("Nvidia"));
    CHECK(r.has_investor("SoftBank"));
    CHECK_FALSE(r.has_investor("Microsoft"));
    CHECK_FALSE(r.has_investor("amazon"));  // names are exact
}

TEST_CASE("reference round: amount raised and post-money (REFERENCE.md table rows 1-2)") {
    const funding_round r = reference_round();
    // amount raised (committed): $110B
    CHECK(r.raised() == 110_B);
    CHECK(r.raised() == money::from_units(110'000'000'000'000));
    // post-money (committed): $730B + $110B = $840B
    CHECK(r.post_money() == 840_B);
    CHECK(r.post_money() == r.pre_money() + r.raised());
    CHECK(format_full(r.post_money()) == "$840,000,000,000.00");
    CHECK(format_compact(r.post_money()) == "$840B");
}

TEST_CASE("reference round: ownership fully funded (REFERENCE.md rows 3-5)") {
    const funding_round r = reference_round();
    // Amazon, fully funded: 50/840 = 5/84 = 5.952380...%
    CHECK(r.ownership("Amazon") == fraction(5, 84));
    CHECK(r.ownership("Amazon") == fraction(50, 840));
    CHECK(r.ownership("Amazon").to_string() == "5/84");
    CHECK(r.ownership("Amazon").to_percent_string(6) == "5.952381%");
    CHECK(r.ownership("Amazon").to_percent_string(6, rounding::half_even) == "5.952381%");
    CHECK(r.ownership("Amazon").to_percent_string(6, rounding::toward_zero) == "5.952380%");
    // Nvidia, SoftBank, each: 30/840 = 1/28 = 3.571428...%
    CHECK(r.ownership("Nvidia") == fraction(1, 28));
    CHECK(r.ownership("SoftBank") == fraction(1, 28));
    CHECK(r.ownership("Nvidia").to_percent_string(6) == "3.571429%");
    CHECK(r.ownership("SoftBank").to_percent_string(6, rounding::toward_zero) == "3.571428%");
    // new investors together 11/84 = 13.095238...%; existing holders 73/84 = 86.904761...%
    CHECK(r.new_investors_ownership() == fraction(11, 84));
    CHECK(r.existing_holders_ownership() == fraction(73, 84));
    CHECK(r.new_investors_ownership().to_percent_string(6) == "13.095238%");
    CHECK(r.existing_holders_ownership().to_percent_string(6, rounding::toward_zero) == "86.904761%");
    CHECK(r.existing_holders_ownership().to_percent_string(6) == "86.904762%");
    // The parts add up exactly.
    CHECK(r.ownership("Amazon") + r.ownership("Nvidia") + r.ownership("SoftBank") ==
          r.new_investors_ownership());
    CHECK(r.new_investors_ownership() + r.existing_holders_ownership() == fraction(1));
}

TEST_CASE("reference round: step-up and raise multiple (REFERENCE.md rows 6-7)") {
    const funding_round r = reference_round();
    // step-up, pre-money vs last mark: 730/500 = 1.46x; post-money vs last mark 1.68x
    REQUIRE(r.step_up().has_value());
    CHECK(*r.step_up() == fraction(73, 50));
    CHECK(r.step_up()->to_multiple_string(2) == "1.46x");
    REQUIRE(r.post_money_step_up().has_value());
    CHECK(*r.post_money_step_up() == fraction(42, 25));
    CHECK(r.post_money_step_up()->to_multiple_string(2) == "1.68x");
    // raise vs the prior year's round: 110/40 = 2.75x
    REQUIRE(r.raise_multiple().has_value());
    CHECK(*r.raise_multiple() == fraction(11, 4));
    CHECK(r.raise_multiple()->to_multiple_string(2) == "2.75x");
    // REFERENCE.md: "more than double its raise of a year earlier"
    CHECK(*r.raise_multiple() > fraction(2));
}

TEST_CASE("reference round: at close (REFERENCE.md rows 8-10)") {
    const funding_round r = reference_round();
    // at close, if Nvidia and SoftBank fund in full and Amazon funds $15B:
    // funded $75B, conditional $35B outstanding
    CHECK(r.raised_at_close() == 75_B);
    CHECK(r.raised_conditional() == 35_B);
    CHECK(r.raised_scheduled() == money::zero(currencies::usd));
    CHECK(r.raised_at_close() + r.raised_scheduled() + r.raised_conditional() == r.raised());
    // post-money at close (price per share is fixed, so post = pre + money in): $805B
    CHECK(r.post_money_at_close() == 805_B);
    CHECK(format_full(r.post_money_at_close()) == "$805,000,000,000.00");
    // Amazon at close: 15/805 = 3/161 = 1.863354...% (Nvidia 6/161 = 3.726708...%)
    CHECK(r.ownership_at_close("Amazon") == fraction(3, 161));
    CHECK(r.ownership_at_close("Amazon") == fraction(15, 805));
    CHECK(r.ownership_at_close("Amazon").to_percent_string(6) == "1.863354%");
    CHECK(r.ownership_at_close("Nvidia") == fraction(6, 161));
    CHECK(r.ownership_at_close("Nvidia").to_percent_string(6) == "3.726708%");
    CHECK(r.ownership_at_close("SoftBank") == fraction(6, 161));
    CHECK(r.new_investors_ownership_at_close() == fraction(75, 805));
    CHECK(r.new_investors_ownership_at_close() == fraction(15, 161));
    CHECK(r.existing_holders_ownership_at_close() == fraction(146, 161));
    CHECK(r.new_investors_ownership_at_close() + r.existing_holders_ownership_at_close() ==
          fraction(1));

    // Per-investor split by status.
    const commitment& amazon = r.commitment_of("Amazon");
    CHECK(amazon.total == 50_B);
    CHECK(amazon.at_close == 15_B);
    CHECK(amazon.scheduled == money::zero(currencies::usd));
    CHECK(amazon.conditional == 35_B);
    REQUIRE(amazon.tranches.size() == 2);
    CHECK(amazon.tranches[0].label() == "first");
    CHECK(amazon.tranches[1].label() == "second");
    CHECK(amazon.tranches[1].is_conditional());
    CHECK_FALSE(amazon.tranches[0].is_conditional());
    for (const char* name : {"Nvidia", "SoftBank"}) {
        CAPTURE(name);
        const commitment& c = r.commitment_of(name);
        CHECK(c.total == 30_B);
        CHECK(c.at_close == 30_B);
        CHECK(c.scheduled == money::zero(currencies::usd));
        CHECK(c.conditional == money::zero(currencies::usd));
    }
}

TEST_CASE("reference round: if the conditions are never met (REFERENCE.md row 11)") {
    const funding_round r = reference_round();
    // if the conditions are never met: raised $75B, post-money $805B, Amazon 3/161.
    // The round's "at close" figures are exactly that outcome.
    CHECK(r.raised() - r.raised_conditional() == 75_B);
    CHECK(r.pre_money() + (r.raised() - r.raised_conditional()) == 805_B);
    CHECK((r.commitment_of("Amazon").total - r.commitment_of("Amazon").conditional)
              .ratio_to(r.post_money_at_close()) == fraction(3, 161));

    // The same outcome modelled directly: a round in which Amazon commits only its first $15B.
    const funding_round failed = round_builder("Reference round, conditions never met")
                                     .pre_money(730_B)
                                     .close_date(close_day())
                                     .invest(investor::strategic("Amazon"), 15_B)
                                     .invest(investor::strategic("Nvidia"), 30_B)
                                     .invest(investor::financial("SoftBank"), 30_B)
                                     .build();
    CHECK(failed.raised() == 75_B);
    CHECK(failed.post_money() == 805_B);
    CHECK(failed.ownership("Amazon") == fraction(3, 161));
    CHECK(failed.ownership("Nvidia") == fraction(6, 161));
}

TEST_CASE("reference round: Amazon cloud commitments (REFERENCE.md row 12)") {
    // company -> Amazon cloud commitments: $38B existing + $100B new = $138B, against Amazon's
    // $50B in. Not part of the round; checked with plain money arithmetic. The $100B spread
    // evenly over eight years is REFERENCE.md's example assumption: $12.5B a year.
    const funding_round r = reference_round();
    const money cloud = 38_B + 100_B;
    CHECK(cloud == 138_B);
    CHECK(cloud - r.commitment_of("Amazon").total == 88_B);
    const std::vector<money> yearly = allocate_evenly(100_B, 8);
    REQUIRE(yearly.size() == 8);
    for (const money& y : yearly) CHECK(y == 12.5_B);
    CHECK(sum(yearly) == 100_B);
}

TEST_CASE("reference round: the disbursement schedule (REFERENCE.md 'When does the money arrive?')") {
    const funding_round r = reference_round();
    const disbursement_schedule& s = r.schedule();

    // A dated schedule: $15B + $30B + $30B at close ...
    REQUIRE(s.dated().size() == 3);
    const char* const names[] = {"Amazon", "Nvidia", "SoftBank"};
    const money amounts[] = {15_B, 30_B, 30_B};
    const money cumulative[] = {15_B, 45_B, 75_B};
    const std::size_t investor_index[] = {0, 1, 2};
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        const disbursement& d = s.dated()[i];
        REQUIRE(d.date().has_value());
        CHECK(*d.date() == close_day());
        CHECK(d.investor() == names[i]);
        CHECK(d.investor_index() == investor_index[i]);
        CHECK(d.tranche_index() == 0);
        CHECK(d.amount() == amounts[i]);
        CHECK(d.cumulative() == cumulative[i]);
        CHECK(d.status() == funding_status::at_close);
        CHECK(d.when() == at_close());
    }
    CHECK(s.dated_total() == 75_B);

    // ... and $35B conditional, undated.
    REQUIRE(s.undated().size() == 1);
    const disbursement& u = s.undated()[0];
    CHECK_FALSE(u.date().has_value());
    CHECK(u.investor() == "Amazon");
    CHECK(u.investor_index() == 0);
    CHECK(u.tranche_index() == 1);
    CHECK(u.amount() == 35_B);
    CHECK(u.cumulative() == 110_B);  // continues from the dated $75B: the whole commitment
    CHECK(u.status() == funding_status::conditional);
    CHECK(u.when() == milestone("certain conditions"));
    CHECK(s.undated_total() == 35_B);

    // Totals reconcile to the committed $110B.
    CHECK(s.total() == 110_B);
    CHECK(s.dated_total() + s.undated_total() == r.raised());
    CHECK(s.dated_total() == r.raised_at_close() + r.raised_scheduled());
    CHECK(s.undated_total() == r.raised_conditional());

    // Money due by date.
    CHECK(s.due_through(year{2026} / 2 / 26) == money::zero(currencies::usd));
    CHECK(s.due_through(close_day()) == 75_B);
    CHECK(s.due_through(year{2030} / 12 / 31) == 75_B);  // the $35B is undated
}

TEST_CASE("reference round: what-if the conditional $35B has a 70% chance") {
    // REFERENCE.md: "How much of the round is conditional, and what is it worth if the
    // conditions have a 70% chance?" Expected value of the conditional part: $24.5B, exactly.
    const funding_round r = reference_round();
    const fraction p = fraction::from_decimal("70%");
    CHECK(p == fraction(7, 10));
    CHECK(r.raised_conditional().times(p, rounding::exact) == 24.5_B);
    CHECK(r.raised_at_close() + r.raised_conditional().times(p, rounding::exact) == 99.5_B);
}

TEST_CASE("reference round: HYPOTHETICAL another investor joins at the same $730B pre-money") {
    // REFERENCE.md: "More investors may still join while the round continues" and "What if
    // another investor joins later at the same price?". HYPOTHETICAL, not in the report: an
    // investor we call "Hypothetical Fund" commits $20B, funded at close, same pre-money.
    const funding_round r =
        reference_builder().invest(investor::financial("Hypothetical Fund"), 20_B).build();
    CHECK(r.pre_money() == 730_B);
    CHECK(r.raised() == 130_B);
    CHECK(r.post_money() == 860_B);
    CHECK(r.ownership("Amazon") == fraction(50, 860));
    CHECK(r.ownership("Amazon") == fraction(5, 86));
    CHECK(r.ownership("Nvidia") == fraction(3, 86));
    CHECK(r.ownership("SoftBank") == fraction(3, 86));
    CHECK(r.ownership("Hypothetical Fund") == fraction(1, 43));
    CHECK(r.new_investors_ownership() == fraction(13, 86));
    CHECK(r.existing_holders_ownership() == fraction(73, 86));
    // Everyone already in is diluted by the newcomer: 5/86 < 5/84.
    CHECK(r.ownership("Amazon") < reference_round().ownership("Amazon"));
    // At close: $95B in, post-money $825B, Amazon 15/825 = 1/55.
    CHECK(r.raised_at_close() == 95_B);
    CHECK(r.post_money_at_close() == 825_B);
    CHECK(r.ownership_at_close("Amazon") == fraction(1, 55));
    CHECK(r.ownership_at_close("Hypothetical Fund") == fraction(4, 165));
    // Step-up vs the $500B mark is unchanged pre-money, higher post-money: 860/500 = 43/25.
    CHECK(*r.step_up() == fraction(73, 50));
    CHECK(*r.post_money_step_up() == fraction(43, 25));
    CHECK(*r.raise_multiple() == fraction(13, 4));
    // The newcomer's $20B is dated at close, after the original three (round order).
    REQUIRE(r.schedule().dated().size() == 4);
    CHECK(r.schedule().dated()[3].investor() == "Hypothetical Fund");
    CHECK(r.schedule().dated()[3].cumulative() == 95_B);
    CHECK(r.schedule().total() == 130_B);

    // HYPOTHETICAL, later: the newcomer joins and funds on 2026-06-30 instead of at close.
    const calendar_date later = year{2026} / 6 / 30;
    const funding_round late =
        reference_builder()
            .invest(investor::financial("Hypothetical Fund"), 20_B, {tranche::on(20_B, later)})
            .build();
    CHECK(late.post_money() == 860_B);
    CHECK(late.ownership("Amazon") == fraction(5, 86));
    CHECK(late.raised_scheduled() == 20_B);
    CHECK(late.raised_at_close() == 75_B);
    CHECK(late.post_money_at_close() == 805_B);  // not in yet at close
    CHECK(late.ownership_at_close("Amazon") == fraction(3, 161));
    CHECK(late.ownership_at_close("Hypothetical Fund") == fraction(0));
    CHECK(late.schedule().due_through(later) == 95_B);
    CHECK(late.schedule().due_through(year{2026} / 6 / 29) == 75_B);
}

TEST_CASE("reference round: scenarios side by side - conditions met (A5) vs never met") {
    // REFERENCE.md: post-money $840B vs $805B; Amazon 5/84 vs 3/161.
    const funding_round r = reference_round();
    const scenario_result met =
        scenario("met").achieve("certain conditions", year{2026} / 9 / 30).apply_to(r);
    const scenario_result never = scenario("never met").apply_to(r);
    CHECK(met.raised() == 110_B);
    CHECK(met.post_money() == 840_B);
    CHECK(met.ownership("Amazon") == fraction(5, 84));
    CHECK(met.ownership("Nvidia") == fraction(1, 28));
    CHECK(never.raised() == 75_B);
    CHECK(never.post_money() == 805_B);
    CHECK(never.ownership("Amazon") == fraction(3, 161));
    CHECK(never.ownership("Nvidia") == fraction(6, 161));
    // On dates in between (as-of view of the "met" scenario).
    CHECK(met.timeline().as_of(close_day()).funded == 75_B);
    CHECK(met.timeline().as_of(year{2026} / 9 / 29).conditional == 35_B);
    CHECK(met.timeline().as_of(year{2026} / 9 / 30).post_money == 840_B);
}

TEST_CASE("reference round: HYPOTHETICAL later close at the same price (A6), before and after") {
    open_round open(reference_round());
    open.add(closing(year{2026} / 6 / 30, "hypothetical second close")
                 .invest(investor::financial("Investor D (hypothetical)"), 10_B));
    REQUIRE(open.closes().size() == 2);
    const closing_figures& before = open.closes()[0];
    const closing_figures& after = open.closes()[1];
    CHECK(before.raised == 110_B);
    CHECK(before.post_money == 840_B);
    CHECK(after.money_in == 10_B);
    CHECK(after.raised == 120_B);
    CHECK(after.post_money == 850_B);
    CHECK(after.ownership("Amazon") == fraction(1, 17));
    CHECK(after.ownership("Nvidia") == fraction(3, 85));
    CHECK(after.ownership("Investor D (hypothetical)") == fraction(1, 85));
    CHECK(after.existing_holders_ownership == fraction(73, 85));
    // Earlier investors are diluted only by the later money: Amazon/Nvidia stays 5/3.
    CHECK(after.ownership("Amazon") / after.ownership("Nvidia") == fraction(5, 3));
}

TEST_CASE("reference round: Amazon's flows year by year over eight years (A5, A7, A8)") {
    const scenario_result met =
        scenario("met").achieve("certain conditions", year{2026} / 9 / 30).apply_to(reference_round());
    const counter_commitment growth = counter_commitment::from_installments(
        "growth", "Amazon", installments(100_B, year{2026} / 12 / 31, 8, frequency::yearly));
    const counter_commitment existing = counter_commitment::from_installments(
        "existing", "Amazon", installments(38_B, year{2026} / 12 / 31, 8, frequency::yearly));
    const net_flows amazon("Amazon", equity_flows(met.timeline(), "Amazon"), {growth, existing});
    CHECK(amazon.total_in() == 50_B);
    CHECK(amazon.total_out() == 138_B);  // REFERENCE.md row 12: $38B + $100B
    CHECK(amazon.total_net() == -88_B);
    REQUIRE(amazon.by_year().size() == 8);
    CHECK(amazon.by_year()[0].year == 2026);
    CHECK(amazon.by_year()[0].money_in == 50_B);
    CHECK(amazon.by_year()[0].money_out == 17.25_B);  // $12.5B + $4.75B
    CHECK(amazon.by_year()[0].net == 32.75_B);
    CHECK(amazon.by_year()[7].year == 2033);
    CHECK(amazon.by_year()[7].cumulative_net == -88_B);
    CHECK(amazon.net_position(year{2026} / 12 / 30) == 50_B);
}

TEST_CASE("reference round: the conditions at a 70% chance (A9), exactly") {
    // REFERENCE.md: "what is it worth if the conditions have a 70% chance?"
    const round_odds odds = evaluate_odds(
        reference_round(), milestone_odds().set("certain conditions", fraction::from_decimal("70%")));
    CHECK(odds.method() == odds_method::exact);
    CHECK(odds.expected_raised(rounding::exact) == 99.5_B);       // 75 + 0.7 * 35
    CHECK(odds.expected_post_money(rounding::exact) == 829.5_B);  // 730 + 99.5
    REQUIRE(odds.distribution().size() == 2);
    CHECK(odds.distribution()[0].raised == 75_B);
    CHECK(odds.distribution()[0].probability == fraction(3, 10));
    CHECK(odds.distribution()[1].raised == 110_B);
    CHECK(odds.distribution()[1].probability == fraction(7, 10));
    // 3/10 * 3/161 + 7/10 * 5/84 = 913/19320
    CHECK(odds.investor("Amazon").expected_ownership == fraction(3, 10) * fraction(3, 161) + fraction(7, 10) * fraction(5, 84));
    CHECK(odds.investor("Amazon").expected_ownership == fraction(913, 19320));
}

}  // namespace test_reference_round
