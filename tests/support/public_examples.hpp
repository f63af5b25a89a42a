// Companies from public worked examples that more than one test file uses (each test cites the
// source and checks its own published figures).
#ifndef FUNDROUND_TESTS_SUPPORT_PUBLIC_EXAMPLES_HPP
#define FUNDROUND_TESTS_SUPPORT_PUBLIC_EXAMPLES_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/numeric/literals.hpp>

namespace fundround_test {

// Holloway, "Angel Investing: Start to Finish", Pext, Inc. before its Series Seed: founders
// 10,000,000 shares, employees 345,000 granted options (at $0.10: the source states no strike),
// 1,155,000 more in the 1,500,000-share plan; the note investors and the preferred investors
// on the table, holding nothing yet.
inline fundround::cap_table pext_table() {
    using namespace fundround;
    using namespace fundround::literals;
    return cap_table_builder()
        .add(holder::founder("founders", "Founders"))
        .add(holder::employee("employees", "Employees"))
        .add(holder::investor("notes", "Convertible note investors"))
        .add(holder::investor("seed", "Preferred stock investors"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", share_count(1'500'000)})
        .holding(holder_id("founders"), "Common", share_count(10'000'000))
        .grant({holder_id("employees"), "Plan", share_count(345'000), price_per_share(1_usd, share_count(10))})
        .build();
}

// Chris Harvey's cap-table problem before its Series Seed: 8,500,000 issued and outstanding
// (8,000,000 common and 500,000 granted options: the split is ours), 1,500,000 more in the
// plan; the noteholder, the SAFE holder and the round's lead on the table, holding nothing yet.
inline fundround::cap_table harvey_table() {
    using namespace fundround;
    using namespace fundround::literals;
    return cap_table_builder()
        .add(holder::founder("f", "Founders"))
        .add(holder::employee("e", "Employees"))
        .add(holder::investor("note", "Noteholder"))
        .add(holder::investor("safe", "SAFE holder"))
        .add(holder::investor("lead", "Lead"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", share_count(2'000'000)})
        .holding(holder_id("f"), "Common", share_count(8'000'000))
        .grant({holder_id("e"), "Plan", share_count(500'000), price_per_share(1_usd, share_count(10))})
        .build();
}

// Harvey's note: $750,000 converting (no interest), a $4M pre-money cap (its cap_basis left to
// the test).
inline fundround::convertible_note harvey_note() {
    using namespace fundround;
    using namespace fundround::literals;
    convertible_note n;
    n.holder = holder_id("note");
    n.principal = 750'000_usd;
    n.issue_date = year{2020} / 1 / 1;
    n.maturity_date = year{2022} / 1 / 1;
    n.valuation_cap = 4_M;
    return n;
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_PUBLIC_EXAMPLES_HPP
