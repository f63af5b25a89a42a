// The one-preferred-series company that the waterfall and payout-chart tests share.
#ifndef FUNDROUND_TESTS_SUPPORT_WATERFALL_TEST_HPP
#define FUNDROUND_TESTS_SUPPORT_WATERFALL_TEST_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstdint>

namespace fundround_test {

// Founder "f" with `common_shares` of "Common", and fund "vc" with `preferred_shares` of
// "Series A", bought for `invested` dollars on `terms`.
inline fundround::cap_table one_series(std::int64_t common_shares, std::int64_t preferred_shares,
                                       std::int64_t invested, fundround::liquidation_terms terms) {
    using namespace fundround;
    const share_count preferred(preferred_shares);
    return cap_table_builder()
        .add(holder::founder("f", "Founder"))
        .add(holder::investor("vc", "Fund"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Series A", price_per_share(money::from_major(invested), preferred), terms))
        .holding(holder_id("f"), "Common", share_count(common_shares))
        .holding(holder_id("vc"), "Series A", preferred)
        .build();
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_WATERFALL_TEST_HPP
