// The reference round (shared/REFERENCE.md) on a cap table: price per share and the shares each
// tranche issues. The report gives no share count and no cap table, so both are ASSUMPTIONS,
// marked as such: the holders before the round as one line of 1,000,000,000 fully diluted
// common shares (which makes the price $730,000,000,000 / 1,000,000,000 = $730.00); a new
// "Series 2026 Preferred" for the new money; Nvidia and SoftBank funding in full at close; the
// close on 2026-02-27; Amazon's conditions met on 2026-09-30 in the second scenario.
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/tranched_issuance.hpp>
#include <fundround/core.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/io/report.hpp>
#include <fundround/time/scenario.hpp>

#include <iostream>
#include <string>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const funding_round round =
        round_builder("Reference round, 2026")
            .pre_money(730_B)
            .close_date(year{2026} / 2 / 27)  // assumed: the report gives no date
            .invest(investor::strategic("Amazon"), 50_B,
                    {tranche::at_close(15_B).labelled("first"),
                     tranche::when(35_B, milestone("certain conditions")).labelled("second")})
            .invest(investor::strategic("Nvidia"), 30_B)     // assumed: all at close
            .invest(investor::financial("SoftBank"), 30_B)  // assumed: all at close
            .build();

    // ASSUMED cap table: the report gives none.
    const cap_table before = cap_table_builder()
                                 .add(holder(holder_id("existing"), "Existing holders (assumed, as one)"))
                                 .add(share_class::common("Common"))
                                 .holding(holder_id("existing"), "Common", share_count(1'000'000'000))
                                 .build();

    // The round as committed, priced on the cap table: investor names are the holder ids.
    const round_on_cap_table committed = cap_table_round(priced_terms_of(round), "Series 2026 Preferred")
                                             .add_investor(holder::investor("Amazon", "Amazon"))
                                             .add_investor(holder::investor("Nvidia", "Nvidia"))
                                             .add_investor(holder::investor("SoftBank", "SoftBank"))
                                             .apply_to(before);
    print_round_on_cap_table(std::cout, committed);

    // Shares are issued as each tranche funds: at close, and when the conditions are met.
    const scenario met = scenario("conditions met 2026-09-30 (assumed)").achieve("certain conditions", year{2026} / 9 / 30);
    for (const scenario& s : {scenario("conditions pending"), met}) {
        const tranched_issuance issued(round, committed.pricing(), s);
        std::cout << "\nScenario: " << s.name() << '\n';
        for (const share_issue& i : issued.issues()) {
            std::cout << "  " << to_string(i.date) << "  " << i.investor << "  " << format_compact(i.amount) << " at "
                      << i.price << " = " << i.shares << ", not converted " << format_full(i.not_converted) << '\n';
        }
        for (const calendar_date d : {year{2026} / 2 / 27, year{2026} / 12 / 31}) {
            const cap_table t = cap_table_as_of(committed, issued, d);
            const fully_diluted_counts fd = t.fully_diluted();
            std::cout << "  Cap table on " << to_string(d) << ": " << fd.total() << " fully diluted\n";
            for (std::size_t h = 0; h < t.holders().size(); ++h) {
                std::cout << "    " << t.holders()[h].name() << "  " << fd.by_holder()[h] << "  "
                          << fd.holder_ownership(h).to_percent_string(4) << '\n';
            }
        }
    }
}
