// docs/how-to-down-round.md §4's company, for the tests of down rounds in a chain and in a deal
// file (examples/down_rounds.json): Series A at $1 and Series B at $2 (original issue prices),
// 1,500,000 common, a 1,000,000-share plan fully granted; 7,000,000 shares fully diluted. And its
// two down rounds as a chain with the charter, as examples/down_rounds.json states them.
// tests/test_pay_to_play.cpp builds on down_company(), a Fund X holding 1,000,000 of its Series A.
#ifndef FUNDROUND_TESTS_SUPPORT_DOWN_COMPANY_HPP
#define FUNDROUND_TESTS_SUPPORT_DOWN_COMPANY_HPP

#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/pay_to_play.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/numeric/literals.hpp>

#include <cstdint>
#include <string>
#include <vector>

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

// Series C ($1M at $0.50 from Carl Capital) then Series D ($400K at $0.40 from Dora Ventures)
// on down_company(), Series A and B protected from Series C on, Series C from Series D on, each
// by the NVCA broad-based weighted average (4 decimals, half away from zero): 7,000,000 ->
// 9,712,416 -> 11,085,593 shares (tests/test_round_chain.cpp checks it against down_round by hand).
// The series in @p waived_in_c waive their adjustment in Series C (round_chain::waive()).
inline fundround::round_chain_result down_chain(const std::vector<std::string>& waived_in_c = {}) {
    using namespace fundround;
    using namespace fundround::literals;
    const auto round = [](const std::string& series, const char* id, const char* name, money price, money amount) {
        return cap_table_round(priced_round_terms(series).at_price(price_per_share(price, share_count(1))).invest(id, amount),
                               series + " Preferred")
            .add_investor(holder::investor(id, name));
    };
    round_chain chain(down_company());
    chain.charter(anti_dilution()
                      .protect(anti_dilution_terms::broad_based("Series A Preferred"))
                      .protect(anti_dilution_terms::broad_based("Series B Preferred")));
    for (const std::string& series : waived_in_c) chain.waive(series);
    return chain.then(round("Series C", "carl", "Carl Capital", 0.50_usd, 1_M))
        .protect(anti_dilution_terms::broad_based("Series C Preferred"))
        .then(round("Series D", "dora", "Dora Ventures", 0.40_usd, 400_K))
        .run();
}

// down_company() with Series A's pay-to-play in Series C ($1M at $0.50): each Series A holder must
// buy half its Pro Rata Amount, converting into common the fraction it did not take up
// (proportionate_conversion). Fund A (all 2,500,000 Series A) buys $250,000, Carl Capital $750,000:
// Fund A's Pro Rata Amount is $1M x 2.5M / 2.5M = $1,000,000, it had to buy $500,000 and bought
// half of that, so 2,500,000 x ($500,000 - $250,000) / $500,000 = 1,250,000 Series A convert into
// 1,250,000 Common (ratio 1) immediately before the round. Series A and B protected (broad-based,
// as down_chain()).
inline fundround::round_chain_result pay_to_play_chain() {
    using namespace fundround;
    using namespace fundround::literals;
    return round_chain(down_company())
        .charter(anti_dilution()
                     .protect(anti_dilution_terms::broad_based("Series A Preferred"))
                     .protect(anti_dilution_terms::broad_based("Series B Preferred")))
        .pay_to_play(pay_to_play().require(pay_to_play_terms::proportionate_conversion("Series A Preferred", fraction(1, 2))))
        .then(cap_table_round(priced_round_terms("Series C")
                                  .at_price(price_per_share(0.50_usd, share_count(1)))
                                  .invest("fund-a", 250_K)
                                  .invest("carl", 750_K),
                              "Series C Preferred")
                  .add_investor(holder::investor("carl", "Carl Capital")))
        .run();
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_DOWN_COMPANY_HPP
