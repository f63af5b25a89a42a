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

#include <algorithm>
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

TEST_CASE("deal file with issuances: written and read back, the same issuances and the same chain") {
    json doc = example_json();
    // A sale at a price whose aggregate is not whole money units, and one before the first round.
    doc["issuances"].push_back({{"name", "Advisor shares"}, {"holder", "staff"}, {"share_class", "Common"}, {"shares", 3},
                                {"price_per_share", {{"amount", "0.001 USD"}, {"shares", 7}}}});
    const deal_file d = read_deal_file_json(doc);
    REQUIRE(d.issuances.size() == 3);
    CHECK(d.issuances[2].rounds_before == 0);
    CHECK(d.issuances[2].issue.issuance().consideration_units() == fraction(3, 7));
    const std::string text = write_deal_file(d);
    const deal_file back = parse_deal_file(text);
    CHECK(write_deal_file(back) == text);
    REQUIRE(back.issuances.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK(back.issuances[k].rounds_before == d.issuances[k].rounds_before);
        CHECK(back.issuances[k].issue.issuance() == d.issuances[k].issue.issuance());
        CHECK(back.issuances[k].issue.to() == d.issuances[k].issue.to());
        CHECK(back.issuances[k].issue.share_class() == d.issuances[k].issue.share_class());
        CHECK(back.issuances[k].issue.new_holder() == d.issuances[k].issue.new_holder());
        CHECK(back.issuances[k].issue.exercise_price() == d.issuances[k].issue.exercise_price());
    }
    const json written = json::parse(text);
    CHECK(written["issuances"][0]["after"] == "Series A");
    CHECK(written["issuances"][0]["holder"]["id"] == "lessor");
    CHECK(written["issuances"][1]["consideration"] == "1000000 USD");
    CHECK_FALSE(written["issuances"][2].contains("after"));
    CHECK(written["issuances"][2]["price_per_share"] == json{{"amount", "0.001 USD"}, {"shares", 7}});
    CHECK(back.chain().run().final_table().fully_diluted().total() == d.chain().run().final_table().fully_diluted().total());
    // A file without issuances writes none (the files written before are unchanged).
    json none = example_json();
    none.erase("issuances");
    CHECK_FALSE(json::parse(write_deal_file(read_deal_file_json(none))).contains("issuances"));
}

TEST_CASE("deal file with issuances: every bad field at its pointer, all at once") {
    json doc = example_json();
    json& n = doc["issuances"];
    n[0]["after"] = "Series Z";
    n[0]["exemption"] = "landlord";
    n[1]["shares"] = 0;
    n[1]["consideration"] = "-5 USD";
    n[1]["share_class"] = "Founders";
    n.push_back({{"name", "Strategic sale"}, {"holder", "nobody"}, {"share_class", "Common"}, {"shares", 10},
                 {"consideration", "10 EUR"}, {"price_per_share", {{"amount", "1 USD"}, {"shares", 1}}},
                 {"warrant", {{"exercise_price", {{"amount", "1 EUR"}, {"shares", 1}}}}}, {"kind", "sale"}});
    n.push_back({{"name", "Again"}, {"holder", {{"id", "founder"}, {"name", "Founder again"}}}, {"share_class", "Common"},
                 {"shares", 10}, {"after", "Series B"}});
    const std::vector<std::string> p = problems_of(doc);
    const std::string table_currency =
        ": must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, "
        "\"currency\" in a deal file's cap_table)";
    CHECK(p == std::vector<std::string>{
                   "/issuances/1/shares = 0: must be positive: an issuance issues shares",
                   "/issuances/1/consideration = -$5.00: must not be negative (an issue is for some consideration or, as the NVCA "
                   "charter allows, none)",
                   "/issuances/2/kind: is not a member of an issuance; expected name, after, holder, share_class, shares, "
                   "consideration, price_per_share, exemption, warrant",
                   "/issuances/2 = consideration, price_per_share: must give exactly one of consideration (the aggregate) and "
                   "price_per_share",
                   "/issuances/2/consideration = €10.00" + table_currency,
                   "/issuances/2/warrant/exercise_price = €1.0000" + table_currency,
                   "/issuances/3: needs what the shares are issued for: consideration (the aggregate; \"0\" for none) or "
                   "price_per_share",
                   "/issuances/2/name = \"Strategic sale\": must be unique (it is also the name of /issuances/1): issuances are "
                   "named in reports and problems",
                   "/issuances/0/after = \"Series Z\": is not the name of a priced round of /priced_rounds (they are: \"Series A\", "
                   "\"Series B\")",
                   "/issuances/0/exemption = \"landlord\": is not an exemption /anti_dilution/exemptions names (it names "
                   "\"equipment lessor\"): an issue is exempted only under a name the charter gives",
                   "/issuances/1/share_class = \"Founders\": is not a class of /cap_table nor the series of a priced round before "
                   "this issue (the classes: \"Common\", \"Series A Preferred\")",
                   "/issuances/2/holder = \"nobody\": is not a holder of /cap_table nor one a priced round or issuance before this "
                   "one adds: give the holder {\"id\", \"name\", \"kind\"} to add it",
                   "/issuances/3/holder/id = \"founder\": is a holder before this issue already (/cap_table/holders/0): give its id "
                   "as \"holder\"",
               });
}

// The chain's problems at the issuance's own members, and a priced round after issuances named by
// its place among the priced rounds (the chain counts the issuances among its steps).
TEST_CASE("deal file with issuances: the chain's problems at the issuance's or the round's pointer") {
    json doc = example_json();
    // The strategic buys Series A Preferred, a series the charter protects then: the chain's rule.
    doc["issuances"][1]["share_class"] = "Series A Preferred";
    CHECK(problems_of(doc) ==
          std::vector<std::string>{
              "/issuances/1/share_class = \"Series A Preferred\": is a series the charter protects at this step: its own shares "
              "issued below its conversion price would convert at the ratio the issue adjusts; issue another class (the "
              "issuance does not apply to the cap table after /issuances/0)"});

    // The Series B (step 3 of the chain) invests a holder the strategic sale added, and a fund
    // no one adds: reported at /priced_rounds/1, not at a priced round 3 the file does not have.
    json later = example_json();
    later["priced_rounds"][1]["investors"].push_back({{"holder", "strategic"}, {"amount", "100K"}});
    const deal_file d = read_deal_file_json(later);
    CHECK(d.chain().run().final_table().shares_of(holder_id("strategic"), "Series B Preferred") == sh(125'000));
    // The Series A cannot take the strategic's money: the sale comes after it.
    json early = later;
    early["priced_rounds"][0]["investors"].push_back({{"holder", "strategic"}, {"amount", "100K"}});
    CHECK(problems_of(early) == std::vector<std::string>{
                                    "/priced_rounds/0/investors/1/holder = \"strategic\": is not a holder of /cap_table, nor in "
                                    "the new_investors of this round or an earlier one, nor one an issuance before this round adds"});
    later["priced_rounds"][1]["option_pool"] = {{"target", "1/10"}, {"top_up", "No Plan"}};
    const std::vector<std::string> p = problems_of(later);
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("/priced_rounds/1/option_pool/top_up = \"No Plan\": ", 0) == 0);
    CHECK(p[0].find("(the round does not apply to the cap table after /issuances/1)") != std::string::npos);
}

// The cap table after an issue that does not build: the problem at the issuance's member that
// makes it (the holder it adds, its shares), not at the element with the library's path
// ("after.holders[4].name").
TEST_CASE("deal file with issuances: a table after the issue that does not build, at the issuance's member") {
    json doc = example_json();
    doc["issuances"][1]["holder"]["name"] = "";
    CHECK(problems_of(doc) == std::vector<std::string>{
                                  "/issuances/1/holder/name = \"\": must contain a letter or digit (in the cap table after the "
                                  "issue) (the issuance does not apply to the cap table after /issuances/0)"});
    json big = example_json();
    big["issuances"][1].erase("after");  // before the first round: no charter in force to adjust
    big["issuances"][1]["shares"] = 9'223'372'036'854'775'000;
    std::vector<std::string> p = problems_of(big);
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("/issuances/1/shares = 9223372036854775000: ", 0) == 0);
    CHECK(p[0].find("after.") == std::string::npos);
    json warrant = example_json();
    warrant["issuances"][1]["after"] = "Series B";
    warrant["issuances"][1]["warrant"] = {{"exercise_price", {{"amount", "1 USD"}, {"shares", 1}}}};
    warrant["issuances"][1]["shares"] = 9'223'372'036'854'775'000;
    p = problems_of(warrant);
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("/issuances/1/shares: ", 0) == 0);
    CHECK(p[0].find("after.") == std::string::npos);
    CHECK(p[0].find("(the issuance does not apply to the cap table after /priced_rounds/1)") != std::string::npos);
}

}  // namespace test_json_deal_issuances
