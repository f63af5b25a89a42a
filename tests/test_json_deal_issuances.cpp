// Deal files with issues of shares between the priced rounds (json/deal_file.hpp, "issuances"):
// examples/issuances_between_rounds.json read to tests/test_round_chain.cpp's figures (Gust's
// Series A, a lessor's exempted warrant, 2,000,000 common sold at $0.50, a down Series B),
// written and read back, and every bad field an error at its JSON pointer.
#include <fundround/fundround.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/deal_file_test.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef FUNDROUND_EXAMPLES_DIR
#error "FUNDROUND_EXAMPLES_DIR must name examples/ (tests/CMakeLists.txt sets it)"
#endif

namespace test_json_deal_issuances {

using namespace fundround;
using namespace fundround::literals;
using nlohmann::json;
using fundround_test::problems_of;

json example_json() {
    std::ifstream in(std::string(FUNDROUND_EXAMPLES_DIR) + "/issuances_between_rounds.json", std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return json::parse(s.str());
}

share_count sh(std::int64_t n) { return share_count(n); }

// The figures are tests/test_round_chain.cpp's, worked by hand there (NVCA broad base): the
// strategic sale at $0.50 adjusts Series A to CP2 $0.8582 (2,913,073 as converted, 7,463,073
// fully diluted); the Series B at $0.80 to $0.8513 (2,936,685; 8,486,685 fully diluted).
TEST_CASE("deal file with issuances: Gust's Series A, an exempted warrant, a sale at $0.50, a down Series B") {
    const deal_file d = read_deal_file_json(example_json());
    REQUIRE(d.issuances.size() == 2);
    CHECK(d.issuances[0].rounds_before == 1);
    CHECK(d.issuances[1].rounds_before == 1);
    CHECK(d.issuances[0].issue.issuance().kind() == issuance_kind::exempted);
    CHECK(d.issuances[0].issue.issuance().exemption() == "equipment lessor");
    CHECK(d.issuances[0].issue.exercise_price() == std::optional<price_per_share>(price_per_share(1_usd, sh(1))));
    CHECK(d.issuances[1].issue.issuance() == share_issuance::sale("Strategic sale", sh(2'000'000), 1_M));
    const std::vector<deal_chain_step> steps = d.chain_steps(2);
    REQUIRE(steps.size() == 4);
    CHECK((!steps[0].issuance && steps[0].index == 0));
    CHECK((steps[1].issuance && steps[1].index == 0));
    CHECK((steps[2].issuance && steps[2].index == 1));
    CHECK((!steps[3].issuance && steps[3].index == 1));
    // chain(1): the Series A alone (the issuances after it come before the Series B).
    CHECK(d.chain_steps(1).size() == 1);

    const round_chain_result r = d.chain().run();
    REQUIRE(r.rounds().size() == 2);
    REQUIRE(r.issuances().size() == 2);
    CHECK(r.issuances()[0].warrant());
    REQUIRE(r.issuances()[0].adjustment() != nullptr);
    CHECK_FALSE(r.issuances()[0].adjustment()->of("Series A Preferred").adjusted);
    const series_adjustment& sale = r.issuances()[1].adjustment()->of("Series A Preferred");
    CHECK(sale.adjusted);
    CHECK(sale.cp2_units == fraction(8582, 10));
    CHECK(sale.as_converted_after == sh(2'913'073));
    CHECK(r.issuances()[1].after().fully_diluted().total() == sh(7'463'073));
    REQUIRE(r.adjustment(1) != nullptr);
    const series_adjustment& b = r.adjustment(1)->of("Series A Preferred");
    CHECK(b.cp1_units == fraction(8582, 10));
    CHECK(b.cp2_units == fraction(8513, 10));
    CHECK(b.as_converted_after == sh(2'936'685));
    CHECK(r.final_table().fully_diluted().total() == sh(8'486'685));
    CHECK(r.final_table().shares_of(holder_id("strategic"), "Common") == sh(2'000'000));
    CHECK(r.final_table().warrants().size() == 1);
}

}  // namespace test_json_deal_issuances
