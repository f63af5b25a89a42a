// Unit tests for fundround/io/pricing_report.hpp: the printed round on a cap table and the chain's
// tables. The figures of the chain below are worked by hand in test_round_chain.cpp ("a note that
// did not qualify stays outstanding..."); here what the reports say of them.
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/io/csv.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>

namespace test_pricing_report {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// Ada 8,000,000 common and a 2,000,000-share plan; a $500K note (20% discount, qualified
// financing $3M) to a lender added to the table in the seed ($2M at $1.00: below the threshold,
// the note stays outstanding, the lender holds nothing) and converting in the Series A ($5M at
// $2.00: 312,500 shares at $1.60).
round_chain_result note_chain() {
    const cap_table founding = cap_table_builder()
                                   .add(holder::founder("ada", "Ada"))
                                   .add(share_class::common("Common"))
                                   .add(option_pool{"Plan", "Common", sh(2'000'000)})
                                   .holding(holder_id("ada"), "Common", sh(8'000'000))
                                   .build();
    convertible_note n;
    n.holder = holder_id("lender");
    n.principal = 500'000_usd;
    n.issue_date = year{2025} / 1 / 1;
    n.maturity_date = year{2027} / 1 / 1;
    n.annual_rate = fraction(0);
    n.discount = fraction(1, 5);
    n.qualified_financing = 3_M;
    const conversion_round seed = conversion_round("Seed", "Seed Preferred", year{2025} / 3 / 31)
                                      .at_price(price_per_share(1_usd, sh(1)))
                                      .invest(holder_id("seedfund"), 2_M)
                                      .add_holder(holder::investor("seedfund", "Seed Fund"))
                                      .add_holder(holder::investor("lender", "Lender"))
                                      .convert(n);
    const conversion_round series_a = conversion_round("Series A", "Series A Preferred", year{2025} / 9 / 30)
                                          .at_price(price_per_share(2_usd, sh(1)))
                                          .invest(holder_id("lead"), 5_M)
                                          .add_holder(holder::investor("lead", "Lead"))
                                          .convert(n);
    return round_chain(founding).then(seed).then(series_a).run();
}

template <class Print, class... Args>
std::string printed(Print print, const Args&... args) {
    std::ostringstream os;
    print(os, args...);
    return os.str();
}

}  // namespace

// Regression: a holder on the table with no shares before and none after (the lender whose note
// did not convert in the seed) was shown as "new" in the seed's dilution, as if the seed had given
// it shares. It has no stake to dilute: "-". In the Series A its note converts: "new".
TEST_CASE("dilution: \"new\" when a round gives a holder its first shares, \"-\" when it still has none") {
    const round_chain_result chain = note_chain();
    REQUIRE(chain.rounds().size() == 2);
    const std::string text = printed([](std::ostream& os, const round_chain_result& c) { print_round_chain(os, c); }, chain);
    CHECK(text.find("Dilution caused by each round (1 - ownership after / ownership before)\n"
                    "  Holder       Seed  Series A\n"
                    "  Ada        16.67%    18.99%\n"
                    "  Seed Fund     new    18.99%\n"
                    "  Lender          -       new\n"
                    "  Lead            -       new\n") != std::string::npos);
    // The CSV leaves every one of them empty, as before.
    CHECK(chain_dilution_csv(chain) ==
          "holder,dilution_Seed,dilution_Seed_decimal,dilution_Series A,dilution_Series A_decimal\r\n"
          "Ada,1/6,0.166666666667,15/79,0.189873417722\r\n"
          "Seed Fund,,,15/79,0.189873417722\r\n"
          "Lender,,,,\r\n"
          "Lead,,,,\r\n");
    // The seed on its own: the same rule in its holders table.
    const std::string seed =
        printed([](std::ostream& os, const round_on_cap_table& r) { print_round_on_cap_table(os, r); }, chain.rounds()[0]);
    CHECK(seed.find("  Holder                Before       Owns       After       Owns  Dilution\n"
                    "  Ada                8,000,000   80.0000%   8,000,000   66.6667%  16.6667%\n"
                    "  Seed Fund                  0    0.0000%   2,000,000   16.6667%       new\n"
                    "  Lender                     0    0.0000%           0    0.0000%         -\n") != std::string::npos);
    // The Series A: the lender's first shares.
    const std::string a =
        printed([](std::ostream& os, const round_on_cap_table& r) { print_round_on_cap_table(os, r); }, chain.rounds()[1]);
    CHECK(a.find("  Lender                     0    0.0000%     312,500    2.1097%       new\n") != std::string::npos);
}

}  // namespace test_pricing_report
