// docs/how-to-down-round.md §1's company (Gust Equity Management, "Anti-Dilution") as a chain with
// issues of shares between its rounds: the founder's 1,500,000 common and 1,000,000 options
// granted from the plan, a Series A of 2,500,000 at $1.00, a lessor's warrant exempted under
// "equipment lessor", 2,000,000 common sold to a strategic at $0.50, a Series B of 1,000,000 at
// $0.80; Series A protected broad-based. tests/test_round_chain.cpp builds the whole chain in
// C++ (and works it by hand); tests/test_json_deal_anti_dilution.cpp reads the company and its
// rounds from a deal file and adds the two issues from here.
#ifndef FUNDROUND_TESTS_SUPPORT_GUST_CHAIN_HPP
#define FUNDROUND_TESTS_SUPPORT_GUST_CHAIN_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/numeric/literals.hpp>

namespace fundround_test {

// The company before its Series A: the founder's 1,500,000 common, 1,000,000 options granted from
// the plan (fully granted) at $0.10.
inline fundround::cap_table gust_founding() {
    using namespace fundround;
    using namespace fundround::literals;
    return cap_table_builder()
        .add(holder::founder("founder", "Founder"))
        .add(holder::employee("staff", "Staff"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", share_count(1'000'000)})
        .holding(holder_id("founder"), "Common", share_count(1'500'000))
        .grant({holder_id("staff"), "Plan", share_count(1'000'000), price_per_share(1_usd, share_count(10))})
        .build();
}

// A priced round of the chain: @p investor (a new holder, @p investor_name) buys @p amount of
// @p series at @p price a share.
inline fundround::cap_table_round gust_round(const char* name, const char* series, fundround::money price,
                                             const char* investor, const char* investor_name, fundround::money amount) {
    using namespace fundround;
    const priced_round_terms terms = priced_round_terms(name).at_price(price_per_share(price, share_count(1)));
    return cap_table_round(priced_round_terms(terms).invest(investor, amount), series)
        .add_investor(holder::investor(investor, investor_name));
}

// Gust's Series A: 2,500,000 shares at $1.00 ($2.5M).
inline fundround::cap_table_round gust_series_a() {
    using namespace fundround::literals;
    return gust_round("Series A", "Series A Preferred", 1_usd, "fund-a", "Fund A", 2.5_M);
}

// The Series B: $800,000 at $0.80, 1,000,000 shares.
inline fundround::cap_table_round gust_series_b() {
    using namespace fundround::literals;
    return gust_round("Series B", "Series B Preferred", 0.80_usd, "fund-b", "Fund B", 800_K);
}

// The lessor's warrant for 50,000 common, $1.00 to exercise, under the exemption "equipment lessor".
inline fundround::chain_issuance lessor_warrant() {
    using namespace fundround;
    using namespace fundround::literals;
    return chain_issuance(share_issuance::exempted("Lessor warrant", share_count(50'000), 10_K, "equipment lessor"),
                          holder_id("lessor"), "Common")
        .add_holder(holder::investor("lessor", "Lessor Co"))
        .as_warrant(price_per_share(1_usd, share_count(1)));
}

// 2,000,000 common sold to a strategic for $1M ($0.50 a share), below Series A's $1.00.
inline fundround::chain_issuance strategic_sale() {
    using namespace fundround;
    using namespace fundround::literals;
    return chain_issuance(share_issuance::sale("Strategic sale", share_count(2'000'000), 1_M), holder_id("strategic"),
                          "Common")
        .add_holder(holder::investor("strategic", "Strategic Inc"));
}

// The charter: Series A broad-based (the NVCA's rounding), the exemption "equipment lessor".
inline fundround::anti_dilution lessor_charter() {
    using namespace fundround;
    return anti_dilution().protect(anti_dilution_terms::broad_based("Series A Preferred")).exempt("equipment lessor");
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_GUST_CHAIN_HPP
