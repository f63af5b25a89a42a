// docs/how-to-down-round.md §4's company, for the tests of down rounds in a chain and in a deal
// file (examples/down_rounds.json): Series A at $1 and Series B at $2 (original issue prices),
// 1,500,000 common, a 1,000,000-share plan fully granted; 7,000,000 shares fully diluted.
#ifndef FUNDROUND_TESTS_SUPPORT_DOWN_COMPANY_HPP
#define FUNDROUND_TESTS_SUPPORT_DOWN_COMPANY_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/numeric/literals.hpp>

namespace fundround_test {

inline fundround::cap_table down_company() {
    using namespace fundround;
    using namespace fundround::literals;
    const auto sh = [](std::int64_t n) { return share_count(n); };
    return cap_table_builder()
        .add(holder::founder("founder", "Founder"))
        .add(holder::investor("fund-a", "Fund A"))
        .add(holder::investor("fund-b", "Fund B"))
        .add(holder::employee("staff", "Staff"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Series A Preferred", price_per_share(1_usd, sh(1))))
        .add(share_class::preferred("Series B Preferred", price_per_share(2_usd, sh(1))))
        .add(option_pool{"Plan", "Common", sh(1'000'000)})
        .holding(holder_id("founder"), "Common", sh(1'500'000))
        .holding(holder_id("fund-a"), "Series A Preferred", sh(2'500'000))
        .holding(holder_id("fund-b"), "Series B Preferred", sh(2'000'000))
        .grant({holder_id("staff"), "Plan", sh(1'000'000), price_per_share(1_usd, sh(10))})
        .build();
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_DOWN_COMPANY_HPP
