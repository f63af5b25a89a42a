// Deal files with issues of shares between the priced rounds (json/deal_file.hpp, "issuances"):
// examples/issuances_between_rounds.json read to tests/test_round_chain.cpp's figures (Gust's
// Series A, a lessor's exempted warrant, 2,000,000 common sold at $0.50, a down Series B),
// written and read back, and every bad field an error at its JSON pointer.
#include <fundround/fundround.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/deal_file_test.hpp"
#include "support/gust_chain.hpp"

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

// A waiver for one issue of shares: Series A's holders waive their adjustment for the strategic
// sale ("waived_in" names the issuance). The figures are tests/test_round_chain.cpp's, worked by
// hand there: Series A stays at $1.0000 through the sale (without the waiver $0.8582), the Series
// B adjusts it from $1.0000: A = 7,050,000, CP2 = 7,850,000 / 8,050,000 -> $0.9752; 2,500,000 x
// 10000/9752 -> 2,563,576 as converted; fully diluted 7,050,000 + 63,576 + 1,000,000 = 8,113,576.
TEST_CASE("deal file with issuances: a waiver names an issuance; the same chain as in C++, written and read back") {
    json doc = example_json();
    doc["anti_dilution"]["protections"][0]["waived_in"] = {"Strategic sale"};
    const deal_file d = read_deal_file_json(doc);
    REQUIRE(d.charter.waived_in.size() == 1);
    CHECK(d.charter.waived_in[0] == std::vector<std::string>{"Strategic sale"});
    CHECK(d.waiving_for_issuance(1) == std::vector<std::size_t>{0});
    CHECK(d.waiving_for_issuance(0).empty());
    CHECK(d.waiving_in(0).empty());
    CHECK(d.waiving_in(1).empty());
    CHECK(d.ambiguous_waivers().empty());

    const round_chain_result r = d.chain().run();
    const series_adjustment& lessor = r.issuances()[0].adjustment()->of("Series A Preferred");
    CHECK_FALSE(lessor.waived);
    CHECK(lessor.reason == "exempted: equipment lessor");
    const series_adjustment& sale = r.issuances()[1].adjustment()->of("Series A Preferred");
    CHECK(sale.waived);
    CHECK_FALSE(sale.adjusted);
    CHECK(sale.cp1_units == fraction(10'000, 10));
    CHECK(sale.cp2_units == fraction(10'000, 10));
    CHECK(sale.as_converted_after == sh(2'500'000));
    CHECK(sale.reason ==
          "waived by the series for this issue (a down round: the issue price $0.5000 is below the conversion price $1.0000)");
    const series_adjustment& b = r.adjustment(1)->of("Series A Preferred");
    CHECK_FALSE(b.waived);
    CHECK(b.a == sh(7'050'000));
    CHECK(b.cp1_units == fraction(10'000, 10));
    CHECK(b.cp2_units == fraction(9752, 10));
    CHECK(b.as_converted_after == sh(2'563'576));
    CHECK(r.final_table().fully_diluted().total() == sh(8'113'576));
    // The chain built in C++ with round_chain::waive() before the sale: the same tables.
    const round_chain_result in_cpp = round_chain(fundround_test::gust_founding())
                                          .then(fundround_test::gust_series_a())
                                          .charter(fundround_test::lessor_charter())
                                          .then(fundround_test::lessor_warrant())
                                          .waive("Series A Preferred")
                                          .then(fundround_test::strategic_sale())
                                          .then(fundround_test::gust_series_b())
                                          .run();
    CHECK(r.final_table() == in_cpp.final_table());
    CHECK(r.totals() == in_cpp.totals());

    // Written and read back: the name as written, the same text, the same chain.
    const std::string text = write_deal_file(d);
    CHECK(json::parse(text)["anti_dilution"]["protections"][0]["waived_in"] == json{"Strategic sale"});
    const deal_file back = parse_deal_file(text);
    CHECK(back.charter.waived_in == d.charter.waived_in);
    CHECK(write_deal_file(back) == text);
    CHECK(back.chain().run().final_table() == r.final_table());

    // A round and an issuance in one list: each waived in its own step, Series A unchanged at
    // $1.0000 to the end (the Series B's issue at $0.80 waived too).
    doc["anti_dilution"]["protections"][0]["waived_in"] = {"Series B", "Strategic sale"};
    const round_chain_result both = read_deal_file_json(doc).chain().run();
    CHECK(both.issuances()[1].adjustment()->of("Series A Preferred").waived);
    CHECK(both.adjustment(1)->of("Series A Preferred").waived);
    CHECK(both.adjustment(1)->of("Series A Preferred").cp2_units == fraction(10'000, 10));
    CHECK(both.final_table().fully_diluted().total() == sh(8'050'000));
}

// Every bad "waived_in" reference at its pointer, with the file's other problems, at once: a name
// both a priced round and an issuance have (named both, not a silent pick), a name that differs
// only in case from an issuance's, one that is neither, an issuance before the round that creates
// the series, and a series with no price-based protection.
TEST_CASE("deal file with issuances: every bad waiver of an issuance at its pointer, with the other problems") {
    json doc = example_json();
    doc["issuances"][0]["name"] = "Series B";  // a round's name too: allowed while no waiver names it
    CHECK(read_deal_file_json(doc).issuances[0].issue.issuance().name() == "Series B");
    doc["issuances"][1]["shares"] = 0;
    doc["anti_dilution"]["protections"][0]["waived_in"] = {"Series B", "strategic sale", "Bridge"};
    doc["anti_dilution"]["protections"].push_back(
        {{"series", "Series B Preferred"}, {"method", "broad_based_weighted_average"}, {"waived_in", {"Strategic sale"}}});
    CHECK(problems_of(doc) ==
          std::vector<std::string>{
              "/issuances/1/shares = 0: must be positive: an issuance issues shares",
              "/anti_dilution/protections/0/waived_in/0 = \"Series B\": names both /priced_rounds/1 (\"Series B\") and "
              "/issuances/0 (\"Series B\"): a waiver is for one round or issuance; rename one of them (names are unique within "
              "each list, not across the two)",
              "/anti_dilution/protections/0/waived_in/1 = \"strategic sale\": is not the name of a priced round or an issuance "
              "of the deal file; did you mean \"Strategic sale\"? (names are matched exactly; these differ only in case, "
              "spaces or punctuation)",
              "/anti_dilution/protections/0/waived_in/2 = \"Bridge\": is not the name of a priced round or an issuance of the "
              "deal file (its priced rounds and issuances: \"Series A\", \"Series B\", \"Series B\", \"Strategic sale\")",
              "/anti_dilution/protections/1/waived_in/0 = \"Strategic sale\": is /issuances/1 (\"Strategic sale\"), before "
              "/priced_rounds/1 (\"Series B\") creates \"Series B Preferred\" (protected from the issuances after it): a "
              "series waives only a protection it has",
          });
    json none = example_json();
    none["anti_dilution"]["protections"].push_back(
        {{"series", "Series B Preferred"}, {"method", "none"}, {"waived_in", {"Lessor warrant"}}});
    // A waiver of an exempted issue waives nothing (the exemption already keeps every series
    // unchanged): refused like a waiver by a series with method none, not silently without effect.
    json exempted = example_json();
    exempted["anti_dilution"]["protections"][0]["waived_in"] = {"Lessor warrant"};
    CHECK(problems_of(exempted) == std::vector<std::string>{
                                       "/anti_dilution/protections/0/waived_in/0 = \"Lessor warrant\": waives nothing: "
                                       "/issuances/0 (\"Lessor warrant\") is exempted (\"equipment lessor\"), so no series "
                                       "adjusts for it"});
    CHECK(problems_of(none) == std::vector<std::string>{
                                   "/anti_dilution/protections/1/waived_in/0 = \"Lessor warrant\": waives nothing: \"Series B "
                                   "Preferred\" has no price-based protection (its method is none)"});
}

// A deal_file built in code may hold a waiver naming both a round and an issuance: chain()
// throws it and write_deal_file() refuses it, naming both, rather than pick one.
TEST_CASE("deal file with issuances: a waiver naming both a round and an issuance, in code: chain() and the writer refuse it") {
    json doc = example_json();
    doc["anti_dilution"]["protections"][0]["waived_in"] = {"Strategic sale"};
    deal_file d = read_deal_file_json(doc);
    d.issuances[0].issue = chain_issuance(share_issuance::exempted("Series B", sh(50'000), 10_K, "equipment lessor"),
                                          holder_id("lessor"), "Common")
                               .add_holder(holder::investor("lessor", "Lessor Co"))
                               .as_warrant(price_per_share(1_usd, sh(1)));
    d.charter.waived_in[0] = {"Strategic sale", "Series B"};
    const std::vector<diagnostic> a = d.ambiguous_waivers();
    REQUIRE(a.size() == 1);
    CHECK(a[0].field.to_string() == "anti_dilution.protections[0].waived_in[1]");
    CHECK(a[0].value == "\"Series B\"");
    CHECK(a[0].rule == "names both priced_rounds[1] and issuances[0]: a waiver is for one round or issuance; rename one of them");
    CHECK_THROWS_WITH_AS(static_cast<void>(d.chain()),
                         "deal file: a waiver names both a priced round and an issuance: 1 problem\n"
                         "  - anti_dilution.protections[0].waived_in[1] = \"Series B\": names both priced_rounds[1] and "
                         "issuances[0]: a waiver is for one round or issuance; rename one of them",
                         validation_error);
    try {
        static_cast<void>(write_deal_file(d));
        FAIL("write_deal_file wrote an ambiguous waiver");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string() == "anti_dilution.protections[0].waived_in[1]");
    }
}

}  // namespace test_json_deal_issuances
