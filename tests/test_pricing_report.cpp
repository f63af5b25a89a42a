// Unit tests for fundround/io/pricing_report.hpp: the printed round on a cap table and the chain's
// tables. The figures of the chain below are worked by hand in test_round_chain.cpp ("a note that
// did not qualify stays outstanding..."); here what the reports say of them.
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/io/csv.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/note_chain.hpp"

#include <sstream>
#include <string>

namespace test_pricing_report {

using namespace fundround;
using namespace fundround::literals;

namespace {

std::string printed(const round_chain_result& chain) {
    std::ostringstream os;
    print_round_chain(os, chain);
    return os.str();
}

std::string printed(const round_on_cap_table& round) {
    std::ostringstream os;
    print_round_on_cap_table(os, round);
    return os.str();
}

}  // namespace

// Regression: a holder on the table with no shares before and none after (the lender whose note
// did not convert in the seed) was shown as "new" in the seed's dilution, as if the seed had given
// it shares. It has no stake to dilute: "-". In the Series A its note converts: "new".
TEST_CASE("dilution: \"new\" when a round gives a holder its first shares, \"-\" when it still has none") {
    const round_chain_result chain = fundround_test::note_chain();
    REQUIRE(chain.rounds().size() == 2);
    const std::string text = printed(chain);
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
    const std::string seed = printed(chain.rounds()[0]);
    CHECK(seed.find("  Holder                Before       Owns       After       Owns  Dilution\n"
                    "  Ada                8,000,000   80.0000%   8,000,000   66.6667%  16.6667%\n"
                    "  Seed Fund                  0    0.0000%   2,000,000   16.6667%       new\n"
                    "  Lender                     0    0.0000%           0    0.0000%         -\n") != std::string::npos);
    // The Series A: the lender's first shares.
    const std::string a = printed(chain.rounds()[1]);
    CHECK(a.find("  Lender                     0    0.0000%     312,500    2.1097%       new\n") != std::string::npos);
}

// Regression: the chain's "Price per share" row showed every price to 4 decimals, so a round at
// $0.00001 a share ($10,000 pre-money on 1,000,000,000 founder shares) read "$0.0000".
TEST_CASE("chain: a price below $0.0001 is shown with its significant digits") {
    const cap_table founders = cap_table_builder()
                                   .add(holder::founder("ada", "Ada"))
                                   .add(share_class::common("Common"))
                                   .holding(holder_id("ada"), "Common", share_count(1'000'000'000))
                                   .build();
    const round_chain_result chain =
        round_chain(founders)
            .then(cap_table_round(priced_round_terms("Pre-seed").pre_money(10'000_usd).invest("f", 1'000_usd), "Pre-seed Preferred")
                      .add_investor(holder::investor("f", "Friends")))
            .run();
    REQUIRE(chain.rounds()[0].pricing().new_shares() == share_count(100'000'000));
    const std::string text = printed(chain);
    CHECK(text.find("  Price per share                                     $0.000010\n") != std::string::npos);
    CHECK(text.find("$0.0000\n") == std::string::npos);
}

}  // namespace test_pricing_report
