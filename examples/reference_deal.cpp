// The reference round (shared/REFERENCE.md): a $110B round at a $730B pre-money valuation.
//
// Facts as reported: Amazon $50B ($15B first, then $35B "in the coming months when certain
// conditions are met"), Nvidia $30B, SoftBank $30B; last mark a $500B secondary; the prior
// year's round raised $40B.
//
// ASSUMPTIONS (the report does not say; each is ours and labelled as such):
//   A1. The round closes on 2026-02-27 (the report gives no calendar date).
//   A2. Nvidia and SoftBank fund in full at close (the report does not say when).
//   A3. Amazon's $35B depends on one milestone we name "certain conditions"; no long-stop date.
//   A4. Investor kinds: Amazon and Nvidia strategic, SoftBank financial.
//   A5. In the "conditions met" scenario they are met on 2026-09-30 ("in the coming months").
//   A6. HYPOTHETICAL later close: "Investor D (hypothetical)" joins with $10B on 2026-06-30 at the
//       same $730B pre-money (the report only says the round stays open to more investors).
//   A7. The $100B of new cloud spend is paid $12.5B a year, every 31 December from 2026 to 2033.
//   A8. The existing $38B cloud contract is spread evenly over the same eight dates ($4.75B a year).
//   A9. For the probability view, the conditions have a 70% chance (REFERENCE.md's question).
#include <fundround/analysis/flows.hpp>
#include <fundround/analysis/odds.hpp>
#include <fundround/core.hpp>
#include <fundround/deal/closing.hpp>
#include <fundround/io/flows_report.hpp>
#include <fundround/io/report.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/time/timeline.hpp>

#include <iomanip>
#include <iostream>
#include <string>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const funding_round round =
        round_builder("Reference round, 2026")
            .pre_money(730_B)
            .prior_mark(500_B, "secondary sale, October 2025")
            .prior_round(40_B, "the previous year's round")
            .close_date(year{2026} / 2 / 27)  // A1
            .invest(investor::strategic("Amazon"), 50_B,
                    {tranche::at_close(15_B).labelled("first"),
                     tranche::when(35_B, milestone("certain conditions")).labelled("second")})  // A3
            .invest(investor::strategic("Nvidia"), 30_B)     // A2
            .invest(investor::financial("SoftBank"), 30_B)  // A2, A4
            .build();

    std::cout << "Assumptions: A1 close on 2026-02-27; A2 Nvidia and SoftBank fund in full at close;\n"
                 "             A3 Amazon's $35B waits on one milestone, \"certain conditions\";\n"
                 "             A4 Amazon, Nvidia strategic, SoftBank financial;\n"
                 "             A5 in the \"met\" scenario the conditions are met on 2026-09-30;\n"
                 "             A6 HYPOTHETICAL: Investor D joins with $10B on 2026-06-30 at $730B pre-money;\n"
                 "             A7 the $100B new cloud spend is $12.5B each 31 December, 2026-2033;\n"
                 "             A8 the existing $38B contract is spread evenly over the same dates;\n"
                 "             A9 the conditions have a 70% chance, for the probability view.\n\n";
    print_summary(std::cout, round);

    std::cout << "\nExact figures\n";
    std::cout << "  Post-money committed     " << round.post_money() << '\n';
    std::cout << "  Post-money at close      " << round.post_money_at_close() << '\n';
    for (const char* name : {"Amazon", "Nvidia", "SoftBank"}) {
        std::cout << "  " << name << " owns " << round.ownership(name) << " committed ("
                  << round.ownership(name).to_percent_string(6) << "), "
                  << round.ownership_at_close(name) << " at close ("
                  << round.ownership_at_close(name).to_percent_string(6) << ")\n";
    }
    std::cout << "  New investors together   " << round.new_investors_ownership() << " ("
              << round.new_investors_ownership().to_percent_string(6) << "); existing holders "
              << round.existing_holders_ownership() << " ("
              << round.existing_holders_ownership().to_percent_string(6) << ")\n";
    std::cout << "  Step-up vs prior mark    " << *round.step_up() << " = "
              << round.step_up()->to_multiple_string(2) << " pre-money, "
              << round.post_money_step_up()->to_multiple_string(2) << " post-money\n";
    std::cout << "  Raise vs prior round     " << *round.raise_multiple() << " = "
              << round.raise_multiple()->to_multiple_string(2) << '\n';
    std::cout << "  Conditional outstanding  " << format_compact(round.raised_conditional())
              << " of " << format_compact(round.raised()) << '\n';
    std::cout << "  If the conditions are never met: raised " << format_compact(round.raised_at_close())
              << ", post-money " << format_compact(round.post_money_at_close()) << ", Amazon owns "
              << round.ownership_at_close("Amazon") << '\n';

    // Scenarios: the conditions met (A5) or never met, side by side.
    const scenario_result met =
        scenario("conditions met (A5)").achieve("certain conditions", year{2026} / 9 / 30).apply_to(round);
    const scenario_result never = scenario("never met").apply_to(round);
    std::cout << "\nScenarios                 raised  post-money  Amazon owns\n";
    for (const scenario_result* s : {&met, &never}) {
        std::cout << "  " << std::left << std::setw(22) << s->name() << std::right << std::setw(8)
                  << format_compact(s->raised()) << std::setw(12) << format_compact(s->post_money()) << "  "
                  << s->ownership("Amazon") << " (" << s->ownership("Amazon").to_percent_string(4) << ")\n";
    }

    // What the round is worth if the conditions have a 70% chance (A9): exact expectations.
    const round_odds odds =
        evaluate_odds(round, milestone_odds().set("certain conditions", fraction::from_decimal("70%")));
    std::cout << "\nIf the conditions have a 70% chance (A9): expected raise "
              << format_compact(odds.expected_raised(rounding::exact)) << ", expected post-money "
              << format_compact(odds.expected_post_money(rounding::exact)) << " (" << odds.method()
              << " over " << odds.outcome_count() << " outcomes)\n";
    for (const raised_outcome& o : odds.distribution()) {
        std::cout << "  raise " << format_compact(o.raised) << " with probability " << o.probability << '\n';
    }
    std::cout << "  Amazon's probability-weighted ownership " << odds.investor("Amazon").expected_ownership << " ("
              << odds.investor("Amazon").expected_ownership.to_percent_string(4) << ")\n";

    // A HYPOTHETICAL later close at the same price (A6): before and after.
    open_round open(round);
    open.add(closing(year{2026} / 6 / 30, "hypothetical second close (A6)")
                 .invest(investor::financial("Investor D (hypothetical)"), 10_B));
    const closing_figures& first = open.closes().front();
    const closing_figures& second = open.closes().back();
    std::cout << "\nHypothetical later close (A6), committed basis: before -> after\n"
              << "  Raised       " << format_compact(first.raised) << " -> " << format_compact(second.raised) << '\n'
              << "  Post-money   " << format_compact(first.post_money) << " -> " << format_compact(second.post_money)
              << '\n';
    for (const char* name : {"Amazon", "Nvidia", "SoftBank"}) {
        std::cout << "  " << name << std::string(13 - std::string(name).size(), ' ') << first.ownership(name)
                  << " -> " << second.ownership(name) << '\n';
    }
    std::cout << "  Investor D   0 -> " << second.ownership("Investor D (hypothetical)") << '\n'
              << "  Existing     " << first.existing_holders_ownership << " -> "
              << second.existing_holders_ownership << '\n';

    // Money flowing back (REFERENCE.md): the company's cloud commitments to Amazon (AWS), A7-A8,
    // against Amazon's equity in the "conditions met" scenario (A5).
    const counter_commitment growth = counter_commitment::from_installments(
        "AWS cloud contract growth", "Amazon", installments(100_B, year{2026} / 12 / 31, 8, frequency::yearly));
    const counter_commitment existing = counter_commitment::from_installments(
        "AWS cloud contract (existing)", "Amazon", installments(38_B, year{2026} / 12 / 31, 8, frequency::yearly));
    const net_flows amazon("Amazon", equity_flows(met.timeline(), "Amazon"), {growth, existing});
    std::cout << "\nCompany <-> Amazon, year by year (A5, A7, A8): "
              << format_compact(existing.total()) << " existing + " << format_compact(growth.total())
              << " new cloud commitments = " << format_compact(amazon.total_out()) << " out, against "
              << format_compact(amazon.total_in()) << " of equity in ("
              << amazon.total_out().ratio_to(amazon.total_in()).to_multiple_string(2) << ")\n";
    print_net_flows(std::cout, amazon);
    return 0;
}
