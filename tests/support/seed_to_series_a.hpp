// A seed-stage company and its Series A with a pool top-up and a new series (invented for the
// cap table report and CSV tests; every figure worked by hand in the comment below).
//
// After the seed (1984.vc "Cap Table 101"'s founders and seed VC, with a 250,000-share plan of
// which 50,000 are granted): Founder A and Founder B 1,000,000 common each, Employee 50,000
// options, Seed VC 500,000 Seed Preferred, 200,000 unallocated: 2,750,000 fully diluted.
// Series A: $4M on a $12M pre-money with the pool topped up in the pre-money to 9/80 (11.25%) of
// the post-money fully diluted count. Post-money $16M, so the new shares are 1/4 of the total T;
// the pool after is 9T/80 = 200,000 + increase I, and 2,750,000 + I = 3T/4: T = 4,000,000,
// I = 250,000, price $12M / 3,000,000 = $4.00, 1,000,000 Series A Preferred shares for A Fund.
#ifndef FUNDROUND_TESTS_SUPPORT_SEED_TO_SERIES_A_HPP
#define FUNDROUND_TESTS_SUPPORT_SEED_TO_SERIES_A_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/numeric/literals.hpp>

namespace fundround_test {

// The company after its seed (2,750,000 fully diluted).
inline fundround::cap_table after_seed() {
    using namespace fundround;
    using namespace fundround::literals;
    return cap_table_builder()
        .add(holder::founder("a", "Founder A"))
        .add(holder::founder("b", "Founder B"))
        .add(holder::employee("e", "Employee"))
        .add(holder::investor("vc", "Seed VC"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Seed Preferred", price_per_share(8_M, share_count(2'000'000))))
        .add(option_pool{"Plan", "Common", share_count(250'000)})
        .holding(holder_id("a"), "Common", share_count(1'000'000))
        .holding(holder_id("b"), "Common", share_count(1'000'000))
        .holding(holder_id("vc"), "Seed Preferred", share_count(500'000))
        .grant({holder_id("e"), "Plan", share_count(50'000), price_per_share(money::from_units(1), share_count(10))})
        .build();
}

// Its Series A: $4M at $12M pre-money, pool topped up to 9/80 of the post-money in the pre-money.
inline fundround::round_on_cap_table seed_to_series_a() {
    using namespace fundround;
    using namespace fundround::literals;
    return cap_table_round(priced_round_terms("Series A")
                               .pre_money(12_M)
                               .invest("af", 4_M)
                               .option_pool(fraction(9, 80), pool_placement::pre_money)
                               .price_rounded(4, rounding::half_even),
                           "Series A Preferred")
        .add_investor(holder::investor("af", "A Fund"))
        .top_up_pool("Plan")
        .apply_to(after_seed());
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_SEED_TO_SERIES_A_HPP
