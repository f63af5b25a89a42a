// A note that does not qualify in a small seed and converts in the Series A of a chain (shared by
// the chain's and the chain reports' tests; figures worked by hand in test_round_chain.cpp).
//
// Ada 8,000,000 common and a 2,000,000-share plan nothing granted (10,000,000 fully diluted); a
// $500,000 note to a lender, 0% interest, 20% discount, qualified financing $3M. The seed: $2M at
// $1.00, the lender added to the table: below the threshold, the note stays outstanding and the
// lender holds nothing. The Series A: $5M at $2.00, the note converts at $1.60: 312,500 shares.
#ifndef FUNDROUND_TESTS_SUPPORT_NOTE_CHAIN_HPP
#define FUNDROUND_TESTS_SUPPORT_NOTE_CHAIN_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/numeric/literals.hpp>

namespace fundround_test {

// Ada 8,000,000 common, a 2,000,000-share plan nothing granted.
inline fundround::cap_table note_chain_founding() {
    using namespace fundround;
    return cap_table_builder()
        .add(holder::founder("ada", "Ada"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", share_count(2'000'000)})
        .holding(holder_id("ada"), "Common", share_count(8'000'000))
        .build();
}

// The lender's $500,000 note: 0%, 20% discount, qualified financing $3M.
inline fundround::convertible_note unqualified_note() {
    using namespace fundround;
    using namespace fundround::literals;
    convertible_note n;
    n.holder = holder_id("lender");
    n.principal = 500'000_usd;
    n.issue_date = year{2025} / 1 / 1;
    n.maturity_date = year{2027} / 1 / 1;
    n.annual_rate = fraction(0);
    n.discount = fraction(1, 5);
    n.qualified_financing = 3_M;
    return n;
}

// The seed ($2M at $1.00, below the note's threshold) and the Series A ($5M at $2.00), each
// given note @p n.
inline fundround::conversion_round note_chain_seed(const fundround::convertible_note& n) {
    using namespace fundround;
    using namespace fundround::literals;
    return conversion_round("Seed", "Seed Preferred", year{2025} / 3 / 31)
        .at_price(price_per_share(1_usd, share_count(1)))
        .invest(holder_id("seedfund"), 2_M)
        .add_holder(holder::investor("seedfund", "Seed Fund"))
        .add_holder(holder::investor("lender", "Lender"))
        .convert(n);
}
inline fundround::conversion_round note_chain_series_a(const fundround::convertible_note& n) {
    using namespace fundround;
    using namespace fundround::literals;
    return conversion_round("Series A", "Series A Preferred", year{2025} / 9 / 30)
        .at_price(price_per_share(2_usd, share_count(1)))
        .invest(holder_id("lead"), 5_M)
        .add_holder(holder::investor("lead", "Lead"))
        .convert(n);
}

// The chain: founding -> seed -> Series A.
inline fundround::round_chain_result note_chain() {
    const fundround::convertible_note n = unqualified_note();
    return fundround::round_chain(note_chain_founding()).then(note_chain_seed(n)).then(note_chain_series_a(n)).run();
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_NOTE_CHAIN_HPP
