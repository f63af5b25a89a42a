// The cap table at scale the benchmarks share (bench_cap_table.cpp, bench_ocf.cpp): n holders,
// every one holding common; one in 20 also Series A preferred (conversion ratio 1); one in 10 an
// option grant from the one pool; one in 50 a warrant. Ids "h<i>", names "Holder <i>".
#ifndef FUNDROUND_BENCH_TABLES_HPP
#define FUNDROUND_BENCH_TABLES_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/numeric/literals.hpp>

#include <cstdint>
#include <string>

namespace fundround_bench {

/// The builder of the table of @p n holders (filled, not built).
inline fundround::cap_table_builder make_builder(std::int64_t n) {
    using namespace fundround;
    using namespace fundround::literals;
    const price_per_share strike(money::from_units(1), share_count(10));
    cap_table_builder b;
    b.add(share_class::common("Common"));
    b.add(share_class::preferred("Series A Preferred", price_per_share(1_usd, share_count(1))));
    std::int64_t granted = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const holder_id id("h" + std::to_string(i));
        b.add(holder(id, "Holder " + std::to_string(i), holder_kind::employee));
        b.holding(id, "Common", share_count(1'000 + i % 977));
        if (i % 20 == 0) b.holding(id, "Series A Preferred", share_count(5'000 + i % 101));
        if (i % 10 == 0) {
            b.grant({id, "Plan", share_count(100 + i % 13), strike});
            granted += 100 + i % 13;
        }
        if (i % 50 == 0) b.add(warrant{id, "Series A Preferred", share_count(10 + i % 7), strike});
    }
    b.add(option_pool{"Plan", "Common", share_count(granted + 1'000'000)});
    return b;
}

}  // namespace fundround_bench

#endif  // FUNDROUND_BENCH_TABLES_HPP
