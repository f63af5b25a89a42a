// The Series A/B/C company of examples/series_abc_waterfall.cpp (invented for the example), for
// the tests and the chart gallery that use it: founders Ada and Bob, options for Eve and Finn at
// two exercise prices, then Series A (1x non-participating), Series B (1x participating, capped
// at 3x) and a senior Series C (1x non-participating), each priced by its pre-money.
#ifndef FUNDROUND_TESTS_SUPPORT_SERIES_ABC_HPP
#define FUNDROUND_TESTS_SUPPORT_SERIES_ABC_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/numeric/literals.hpp>

namespace fundround_test {

// The chain seed -> Series A -> Series B -> Series C of examples/series_abc_waterfall.cpp.
inline fundround::round_chain_result series_abc() {
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
    liquidation_terms series_a;
    liquidation_terms series_b;
    series_b.participation = participation::capped(fraction(3));
    liquidation_terms series_c;
    series_c.seniority = 1;
    const auto terms = [](const char* name, money pre) {
        return priced_round_terms(name).pre_money(pre).price_rounded(4, rounding::half_even);
    };
    return round_chain(founding)
        .then(cap_table_round(terms("Series A", 12_M).invest("a-fund", 4_M), "Series A", series_a)
                  .add_investor(holder::investor("a-fund", "A Fund")))
        .then(cap_table_round(terms("Series B", 45_M).invest("b-fund", 15_M), "Series B", series_b)
                  .add_investor(holder::investor("b-fund", "B Fund")))
        .then(cap_table_round(terms("Series C", 150_M).invest("c-fund", 50_M), "Series C", series_c)
                  .add_investor(holder::investor("c-fund", "C Fund")))
        .run();
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_SERIES_ABC_HPP
