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
#include <fundround/fundround.hpp>

#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;
    using date::year;

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
                 "             A4 Amazon, Nvidia strategic, SoftBank financial.\n\n";
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

    // Money flowing back (REFERENCE.md): the company's cloud commitments to Amazon (AWS).
    const money cloud_existing = 38_B;
    const money cloud_new = 100_B;  // over the next eight years
    const money cloud_total = cloud_existing + cloud_new;
    const money amazon_in = round.commitment_of("Amazon").total;
    std::cout << "\nCompany -> Amazon cloud commitments: " << format_compact(cloud_existing)
              << " existing + " << format_compact(cloud_new) << " new over eight years = "
              << format_compact(cloud_total) << ", against Amazon's " << format_compact(amazon_in)
              << " in (" << cloud_total.ratio_to(amazon_in).to_multiple_string(2) << ")\n";
    return 0;
}
