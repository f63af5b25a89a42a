// Who gets what when a Series A/B/C company is sold: the liquidation waterfall at five exit
// values, its exact breakpoints, the payout chart, and what each round's terms did to the
// founders' payout.
//
// The company (invented for the example): founders Ada and Bob hold common; an option pool with
// options granted at two exercise prices ($0.50 and $2.00); then a chain of priced rounds, each
// buying a new preferred series whose liquidation preference is data on the class:
//   Series A  1x non-participating, seniority 0
//   Series B  1x participating capped at 3x, seniority 0 (pari passu with Series A)
//   Series C  1x non-participating, seniority 1 (stacked: paid before Series A and B)
//
//   series_abc_waterfall [chart.svg]   writes the payout chart (by class) when given a path
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/core.hpp>
#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/io/waterfall_chart.hpp>
#include <fundround/io/waterfall_report.hpp>

#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    using namespace fundround;
    using namespace fundround::literals;

    const cap_table founding =
        cap_table_builder()
            .add(holder::founder("ada", "Ada"))
            .add(holder::founder("bob", "Bob"))
            .add(holder::employee("eve", "Eve"))
            .add(holder::employee("finn", "Finn"))
            .add(share_class::common("Common"))
            .add(option_pool{"Plan", "Common", share_count(2'000'000)})
            .holding(holder_id("ada"), "Common", share_count(5'000'000))
            .holding(holder_id("bob"), "Common", share_count(3'000'000))
            .grant({holder_id("eve"), "Plan", share_count(600'000), price_per_share(500_K, share_count(1'000'000))})
            .grant({holder_id("finn"), "Plan", share_count(400'000), price_per_share(2_M, share_count(1'000'000))})
            .build();

    liquidation_terms series_a;  // 1x non-participating, seniority 0
    liquidation_terms series_b;  // 1x participating capped at 3x, seniority 0 (pari passu with A)
    series_b.participation = participation::capped(fraction(3));
    liquidation_terms series_c;  // 1x non-participating, seniority 1 (senior)
    series_c.seniority = 1;

    const auto terms = [](const char* name, money pre) {
        return priced_round_terms(name).pre_money(pre).price_rounded(4, rounding::half_even);
    };
    const round_chain_result chain =
        round_chain(founding)
            .then(cap_table_round(terms("Series A", 12_M).invest("a-fund", 4_M), "Series A", series_a)
                      .add_investor(holder::investor("a-fund", "A Fund")))
            .then(cap_table_round(terms("Series B", 45_M).invest("b-fund", 15_M), "Series B", series_b)
                      .add_investor(holder::investor("b-fund", "B Fund")))
            .then(cap_table_round(terms("Series C", 150_M).invest("c-fund", 50_M), "Series C", series_c)
                      .add_investor(holder::investor("c-fund", "C Fund")))
            .run();

    // The waterfall on the company after Series C, at five exit values, and where it bends.
    const waterfall w = waterfall::build(chain.final_table());
    print_waterfall(std::cout, w, {30_M, 50_M, 100_M, 250_M, 600_M});
    std::cout << '\n';
    print_breakpoints(std::cout, w);

    // What each round's terms did to the founders: Ada's and Bob's payout together, on the cap
    // table at the start and after each round, at the same exit values.
    std::cout << '\n';
    const chain_payouts founders =
        payouts_by_round(chain, {holder_id("ada"), holder_id("bob")}, {30_M, 100_M, 250_M, 600_M});
    print_payouts_by_round(std::cout, founders, "Founders' payout (Ada + Bob) on the cap table after each round");

    if (argc > 1) {
        payout_chart_options options;
        options.title = "Series A/B/C company: payout by class";
        std::ofstream out(argv[1], std::ios::binary);
        write_svg(out, payout_chart(w, 300_M, options));
        out.close();
        if (!out) {
            std::cerr << "series_abc_waterfall: cannot write " << argv[1] << '\n';
            return 1;
        }
        std::cout << "\nWrote " << argv[1] << '\n';
    }
}
