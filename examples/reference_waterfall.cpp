// The reference round (shared/REFERENCE.md) at an exit: who would receive what if the company
// were sold after the round. The report gives no cap table and no preference terms, so the cap
// table AND the preference stack below are ASSUMPTIONS, made up for the example and marked as
// such in the output:
//   - the holders before the round as 1,000,000,000 fully diluted shares (as in
//     examples/reference_cap_table.cpp), of which ASSUMED: 900,000,000 common and 100,000,000
//     "Series 2025 Preferred" bought for the prior year's $40B ($400.00 a share);
//   - ASSUMED preferences: Series 2025 1x non-participating, seniority 0; the new "Series 2026
//     Preferred" (Amazon, Nvidia, SoftBank at $730.00 a share, committed in full) 1x
//     non-participating, seniority 1 (senior);
//   - the round committed in full (Amazon's $35B conditional tranche included).
//
//   reference_waterfall [chart.svg]   writes the payout chart (by class) when given a path
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/tranched_issuance.hpp>
#include <fundround/core.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/io/waterfall_chart.hpp>
#include <fundround/io/waterfall_report.hpp>

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
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

    liquidation_terms series_2025;  // ASSUMED: 1x non-participating, seniority 0
    liquidation_terms series_2026;  // ASSUMED: 1x non-participating, seniority 1 (senior)
    series_2026.seniority = 1;

    // ASSUMED cap table before the round: the report gives none.
    const cap_table before =
        cap_table_builder()
            .add(holder(holder_id("common"), "Common holders (assumed, as one)"))
            .add(holder(holder_id("prior"), "2025 investors (assumed, as one)"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series 2025 Preferred", price_per_share(40_B, share_count(100'000'000)),
                                        series_2025))
            .holding(holder_id("common"), "Common", share_count(900'000'000))
            .holding(holder_id("prior"), "Series 2025 Preferred", share_count(100'000'000))
            .build();

    const round_on_cap_table after = cap_table_round(priced_terms_of(round), "Series 2026 Preferred", series_2026)
                                         .add_investor(holder::investor("Amazon", "Amazon"))
                                         .add_investor(holder::investor("Nvidia", "Nvidia"))
                                         .add_investor(holder::investor("SoftBank", "SoftBank"))
                                         .apply_to(before);

    std::cout << "ASSUMPTION: the report gives no cap table and no preference terms. Assumed here: 900,000,000\n"
                 "common and 100,000,000 Series 2025 Preferred ($40B, 1x non-participating, seniority 0) before\n"
                 "the round; Series 2026 Preferred at $730.00 a share, 1x non-participating, seniority 1 (senior),\n"
                 "committed in full.\n\n";
    const waterfall w = waterfall::build(after.after());
    print_waterfall(std::cout, w, {100_B, 200_B, 500_B, 840_B, 1500_B});
    std::cout << '\n';
    print_breakpoints(std::cout, w);

    if (argc > 1) {
        payout_chart_options options;
        options.title = "Reference round at an exit: payout by class (assumed preferences)";
        options.note = "ASSUMED: 900M common + 100M Series 2025 Preferred ($40B, 1x non-participating); "
                       "Series 2026 1x non-participating, senior.";
        std::ofstream out(argv[1], std::ios::binary);
        write_svg(out, payout_chart(w, 1_T, options));
        out.close();
        if (!out) {
            std::cerr << "reference_waterfall: cannot write " << argv[1] << '\n';
            return 1;
        }
        std::cout << "\nWrote " << argv[1] << '\n';
    }
}
