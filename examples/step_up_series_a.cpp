// A milestone-tranched Series A with a step-up second tranche, on a cap table (issue 10).
// A biotech company: two founders with 4,000,000 common shares each, an option plan of 1,000,000
// shares of which 400,000 are granted. Bio Fund leads a $20M Series A at a $40M pre-money on the
// full fully diluted basis, with the pool topped up to 10% of the post-money in the pre-money (the
// "option pool shuffle"); $10M at close, $10M when the IND is cleared (long-stop 2027-06-30) at a
// step-up price of $6.00 a share. Two scenarios: the IND cleared on 2027-01-15, and never cleared.
// The step-up shares are a series of their own, "Series A-2 Preferred", with an original issue
// price of $6.00 (the round's series has $4.0476): a waterfall on the table pays each series 1x of
// what its shares cost.
// Every figure is computed by the library; examples/expected/step_up_series_a.txt holds the output.
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/tranched_issuance.hpp>
#include <fundround/core.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/io/waterfall_report.hpp>
#include <fundround/time/scenario.hpp>

#include <iostream>
#include <vector>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const cap_table before = cap_table_builder()
                                 .add(holder::founder("ana", "Ana (founder)"))
                                 .add(holder::founder("ben", "Ben (founder)"))
                                 .add(holder::employee("eve", "Eve (employee)"))
                                 .add(share_class::common("Common"))
                                 .holding(holder_id("ana"), "Common", share_count(4'000'000))
                                 .holding(holder_id("ben"), "Common", share_count(4'000'000))
                                 .add(option_pool{"Plan", "Common", share_count(1'000'000)})
                                 .grant({holder_id("eve"), "Plan", share_count(400'000),
                                         price_per_share(1_usd, share_count(2))})
                                 .build();

    const funding_round round =
        round_builder("Series A")
            .pre_money(40_M)
            .close_date(year{2026} / 3 / 31)
            .invest(investor::financial("bio"), 20_M,
                    {tranche::at_close(10_M).labelled("first"),
                     tranche::when(10_M, milestone("IND cleared").with_long_stop(year{2027} / 6 / 30)).labelled("second")})
            .build();

    // The round on the cap table: price from the pre-money, pool to 10% post-money, in the pre-money.
    const round_on_cap_table committed =
        cap_table_round(priced_terms_of(round)
                            .option_pool(fraction(1, 10), pool_placement::pre_money)
                            .price_rounded(4, rounding::half_even),
                        "Series A Preferred")
            .add_investor(holder::investor("bio", "Bio Fund"))
            .top_up_pool("Plan")
            .apply_to(before);
    print_round_on_cap_table(std::cout, committed);

    // The second tranche buys at $6.00, not at the round price: a series of its own.
    const std::vector<tranche_price> step_up{{"bio", 1, price_per_share(6_usd, share_count(1)), "Series A-2 Preferred"}};
    const scenario cleared = scenario("IND cleared 2027-01-15").achieve("IND cleared", year{2027} / 1 / 15);
    const scenario failed = scenario("IND never cleared").fail("IND cleared", year{2027} / 6 / 30);
    for (const scenario& s : {cleared, failed}) {
        const tranched_issuance issued(round, committed.pricing(), s, step_up);
        std::cout << "\nScenario: " << s.name() << '\n';
        for (const share_issue& i : issued.issues()) {
            std::cout << "  " << to_string(i.date) << "  Bio Fund  " << format_compact(i.amount) << " at " << i.price
                      << ": " << i.shares << '\n';
        }
        const cap_table end = cap_table_as_of(committed, issued, year{2027} / 12 / 31);
        std::cout << "Cap table on 2027-12-31:\n" << end;
        std::cout << "\nWaterfall on that table:\n";
        print_waterfall(std::cout, waterfall::build(end), {30_M, 100_M});
    }
}
