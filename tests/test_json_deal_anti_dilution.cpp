// Deal files with an anti-dilution charter (json/deal_file.hpp, "anti_dilution"): the down rounds
// of docs/how-to-down-round.md §4 read from examples/down_rounds.json give exactly the
// table and conversion prices of the same chain built in C++ (tests/test_round_chain.cpp's
// figures: 7,000,000 -> 9,712,416 -> 11,085,593 shares; CP2 by the NVCA model charter's broad-based
// weighted average, CP1 x (A + B) / (A + C), rounded to $0.0001); written and read back; every bad
// term at its JSON pointer with its value and rule.
#include <fundround/fundround.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/deal_file_test.hpp"
#include "support/down_company.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef FUNDROUND_EXAMPLES_DIR
#error "FUNDROUND_EXAMPLES_DIR must name examples/ (tests/CMakeLists.txt sets it)"
#endif

namespace test_json_deal_anti_dilution {

using namespace fundround;
using namespace fundround::literals;
using fundround_test::problems_of;
using nlohmann::json;

std::string file_text() {
    std::ifstream in(std::string(FUNDROUND_EXAMPLES_DIR) + "/down_rounds.json", std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

share_count sh(std::int64_t n) { return share_count(n); }

// tests/support/down_company.hpp: the down company of tests/test_round_chain.cpp, in C++.
using fundround_test::down_company;

cap_table_round priced(const std::string& series, const char* investor, const char* name, money price, money amount) {
    return cap_table_round(priced_round_terms(series).at_price(price_per_share(price, sh(1))).invest(investor, amount),
                           series + " Preferred")
        .add_investor(holder::investor(investor, name));
}

// Mills per share for a price in dollars with four decimals: $0.8889 -> 888.9 mills.
fraction dollars4(std::int64_t ten_thousandths) { return fraction(ten_thousandths, 10); }

TEST_CASE("deal file anti-dilution: the file's down rounds give the C++ chain's table and conversion prices") {
    const deal_file deal = parse_deal_file(file_text());
    REQUIRE(deal.charter.protections.size() == 3);
    CHECK(deal.charter.protections[0] == anti_dilution_terms::broad_based("Series A Preferred"));
    CHECK(deal.protected_from(0) == std::optional<std::size_t>(0));
    CHECK(deal.protected_from(2) == std::optional<std::size_t>(1));  // created by Series C: from Series D on
    CHECK(deal.protections_in_force(0) == std::vector<std::size_t>{0, 1});
    CHECK(deal.protections_in_force(1) == std::vector<std::size_t>{0, 1, 2});
    const round_chain_result from_file = deal.chain(2).run();
    const round_chain_result in_cpp =
        round_chain(down_company())
            .charter(anti_dilution()
                         .protect(anti_dilution_terms::broad_based("Series A Preferred"))
                         .protect(anti_dilution_terms::broad_based("Series B Preferred")))
            .then(priced("Series C", "carl", "Carl Capital", 0.50_usd, 1_M))
            .protect(anti_dilution_terms::broad_based("Series C Preferred"))
            .then(priced("Series D", "dora", "Dora Ventures", 0.40_usd, 400_K))
            .run();
    CHECK(from_file.totals() == std::vector<share_count>{sh(7'000'000), sh(9'712'416), sh(11'085'593)});
    CHECK(from_file.totals() == in_cpp.totals());
    CHECK(from_file.final_table() == in_cpp.final_table());
    CHECK(from_file.rounds()[0].after() == in_cpp.rounds()[0].after());
    CHECK(from_file.rounds()[1].holders() == in_cpp.rounds()[1].holders());
    REQUIRE(from_file.adjustment(0) != nullptr);
    REQUIRE(from_file.adjustment(1) != nullptr);
    const anti_dilution_adjustment& c = *from_file.adjustment(0);
    const anti_dilution_adjustment& d = *from_file.adjustment(1);
    CHECK(c.of("Series A Preferred").cp2_units == dollars4(8'889));
    CHECK(c.of("Series B Preferred").cp2_units == dollars4(16'667));
    CHECK(d.of("Series A Preferred").cp2_units == dollars4(8'433));
    CHECK(d.of("Series B Preferred").cp2_units == dollars4(15'485));
    CHECK(d.of("Series C Preferred").cp2_units == dollars4(4'907));
    for (std::size_t i = 0; i < 2; ++i) {
        const anti_dilution_adjustment& want = *in_cpp.adjustment(i);
        const anti_dilution_adjustment& got = *from_file.adjustment(i);
        REQUIRE(got.series().size() == want.series().size());
        for (std::size_t k = 0; k < want.series().size(); ++k) {
            CHECK(got.series()[k].series == want.series()[k].series);
            CHECK(got.series()[k].cp1_units == want.series()[k].cp1_units);
            CHECK(got.series()[k].cp2_units == want.series()[k].cp2_units);
            CHECK(got.series()[k].as_converted_after == want.series()[k].as_converted_after);
        }
    }
    // Without the charter the same file's rounds add no shares: 9,000,000 after Series C.
    json plain = json::parse(file_text());
    plain.erase("anti_dilution");
    CHECK(read_deal_file_json(plain).chain(2).run().totals()[1] == sh(9'000'000));
}

TEST_CASE("deal file anti-dilution: written and read back, the same charter and text") {
    json doc = json::parse(file_text());
    doc["anti_dilution"]["protections"][0] = {{"series", "Series A Preferred"}, {"method", "full_ratchet"}};
    doc["anti_dilution"]["protections"][1] = {{"series", "Series B Preferred"},
                                              {"method", "narrow_based_weighted_average"},
                                              {"narrow_classes", {"Series A Preferred", "Series B Preferred"}}};
    doc["anti_dilution"]["protections"][2]["base"] = "full";
    doc["anti_dilution"]["conversion_price_rounding"] = "exact";
    const deal_file deal = read_deal_file_json(doc);
    CHECK_FALSE(deal.charter.conversion_price_rounding.has_value());
    CHECK(deal.charter.protections[1] ==
          anti_dilution_terms::narrow_based("Series B Preferred", {"Series A Preferred", "Series B Preferred"}));
    CHECK(deal.charter.protections[2] == anti_dilution_terms::broad_based("Series C Preferred", fully_diluted_basis::full()));
    const std::string text = write_deal_file(deal);
    const deal_file back = parse_deal_file(text);
    CHECK(back.charter.protections == deal.charter.protections);
    CHECK_FALSE(back.charter.conversion_price_rounding.has_value());
    CHECK(write_deal_file(back) == text);
    const json written = json::parse(text);
    CHECK(written["anti_dilution"]["protections"][0] == json{{"series", "Series A Preferred"}, {"method", "full_ratchet"}});
    CHECK(written["anti_dilution"]["protections"][2]["base"] == "full");
    CHECK(written["anti_dilution"]["conversion_price_rounding"] == "exact");
    // The default rounding is written as the file's terms: 4 decimals, half away from zero.
    const std::string defaults = write_deal_file(parse_deal_file(file_text()));
    CHECK(json::parse(defaults)["anti_dilution"]["conversion_price_rounding"] ==
          json{{"decimals", 4}, {"mode", "half_away_from_zero"}});
    CHECK(json::parse(defaults)["anti_dilution"]["protections"][0]["base"] ==
          json{{"granted_options", true}, {"unallocated_pool", false}, {"warrants", true}, {"convertibles", false}});
    // No charter, no member.
    json plain = json::parse(file_text());
    plain.erase("anti_dilution");
    CHECK_FALSE(json::parse(write_deal_file(read_deal_file_json(plain))).contains("anti_dilution"));
}

TEST_CASE("deal file anti-dilution: every bad term at its pointer, with its value and rule, at once") {
    json doc = json::parse(file_text());
    json& p = doc["anti_dilution"]["protections"];
    p[0]["method"] = "weighted_average";
    p[1]["series"] = "Series Z Preferred";
    p[2] = {{"series", "Common"}, {"method", "full_ratchet"}, {"base", "full"}};
    p.push_back({{"series", "Series A Preferred"}, {"method", "narrow_based_weighted_average"}});
    p.push_back({{"series", "Series B Preferred"},
                 {"method", "narrow_based_weighted_average"},
                 {"narrow_classes", {"Series B Preferred", "Seed", "Series B Preferred"}}});
    p.push_back({{"series", "Series C Preferred"}, {"method", "full_ratchet"}, {"narrow_classes", {"Common"}}});
    doc["anti_dilution"]["conversion_price_rounding"] = "nearest";
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/anti_dilution/protections/0/method = \"weighted_average\": must be an anti-dilution method: one of none, "
        "broad_based_weighted_average, narrow_based_weighted_average, full_ratchet",
        "/anti_dilution/protections/2/base = \"full\": applies only to the method broad_based_weighted_average (A on a fully "
        "diluted basis)",
        "/anti_dilution/protections/3/narrow_classes: is required with narrow_based_weighted_average: the classes whose issued "
        "shares, as converted, make A",
        "/anti_dilution/protections/4/narrow_classes/2 = \"Series B Preferred\": is listed twice (first at "
        "/anti_dilution/protections/4/narrow_classes/0): a class counts once in A",
        "/anti_dilution/protections/5/narrow_classes = [\"Common\"]: applies only to the method narrow_based_weighted_average",
        "/anti_dilution/conversion_price_rounding = \"nearest\": must be \"exact\" or a price rounding {\"decimals\", \"mode\"}",
        "/anti_dilution/protections/1/series = \"Series Z Preferred\": is not a preferred series of /cap_table nor the series of "
        "a priced round (they are: \"Series A Preferred\", \"Series B Preferred\", \"Series C Preferred\", \"Series D "
        "Preferred\")",
        "/anti_dilution/protections/2/series = \"Common\": must be a preferred series with an original issue price (a class of "
        "/cap_table that is not)",
        "/anti_dilution/protections/4/narrow_classes/1 = \"Seed\": is not a share class of /cap_table nor the series of a priced "
        "round",
        "/anti_dilution/protections/3/series = \"Series A Preferred\": is also protected by /anti_dilution/protections/0: "
        "state a series' terms once",
    });
    json empty = json::parse(file_text());
    empty["anti_dilution"] = {{"protections", json::array()}, {"extra", 1}};
    CHECK(problems_of(empty) == std::vector<std::string>{
        "/anti_dilution/extra: is not a member of an anti-dilution charter; expected protections, conversion_price_rounding",
        "/anti_dilution/protections = []: must protect at least one series (or leave \"anti_dilution\" out)"});
}

TEST_CASE("deal file anti-dilution: a protection of a series that exists nowhere is reported by the chain, not dropped") {
    // A deal_file built in code (the reader refuses such a file): "Series Z Preferred" is neither
    // on the table nor created by a round. chain() used to never protect it, silently.
    deal_file deal = parse_deal_file(file_text());
    deal.charter.protections.push_back(anti_dilution_terms::broad_based("Series Z Preferred"));
    REQUIRE_FALSE(deal.protected_from(3).has_value());
    const round_chain_outcome ran = deal.chain(2).try_run();
    REQUIRE_FALSE(ran.ok());
    bool named = false;
    for (const diagnostic& d : ran.problems) {
        if (d.message().find("Series Z Preferred") != std::string::npos) named = true;
    }
    CHECK(named);
}

TEST_CASE("deal file anti-dilution: a base counting convertibles is refused at read time, at its base") {
    // A cap table holds no SAFEs or notes for A to count; the chain's own check named the library's
    // broad_base at the protection, and for a series never in force (Series D's, created by the
    // last round) nothing reported it at all.
    for (const int k : {0, 2}) {
        json doc = json::parse(file_text());
        doc["anti_dilution"]["protections"][static_cast<std::size_t>(k)] = {
            {"series", k == 0 ? "Series A Preferred" : "Series D Preferred"},
            {"method", "broad_based_weighted_average"},
            {"base", {{"granted_options", true}, {"unallocated_pool", false}, {"warrants", true}, {"convertibles", true}}}};
        const std::vector<std::string> p = problems_of(doc);
        REQUIRE(p.size() == 1);
        CHECK(p[0].rfind("/anti_dilution/protections/" + std::to_string(k) + "/base = ", 0) == 0);
        CHECK(p[0].find("must not count convertibles") != std::string::npos);
    }
}

TEST_CASE("deal file anti-dilution: what chain() gives each round is what protections_in_force() says") {
    // A series that exists nowhere (a deal_file built in code) is given to the first round by
    // chain(); protections_in_force() used to leave it out, so its positions named the wrong terms.
    deal_file deal = parse_deal_file(file_text());
    deal.charter.protections.insert(deal.charter.protections.begin(), anti_dilution_terms::broad_based("Series Z Preferred"));
    CHECK(deal.applies_from(0) == 0);
    CHECK(deal.protections_in_force(0) == std::vector<std::size_t>{0, 1, 2});
    CHECK(deal.protections_in_force(1) == std::vector<std::size_t>{0, 1, 2, 3});
}

TEST_CASE("deal file anti-dilution: a term written for another method is written, so reading it back reports it") {
    // Built in code: a broad-based term with narrow classes, a full ratchet with a base. The writer
    // wrote neither (the file read back clean, the terms gone).
    deal_file deal = parse_deal_file(file_text());
    deal.charter.protections[0].narrow_classes = {"Series A Preferred"};
    deal.charter.protections[1] = anti_dilution_terms::full_ratchet("Series B Preferred");
    deal.charter.protections[1].broad_base = fully_diluted_basis::full();
    const json written = json::parse(write_deal_file(deal));
    CHECK(written["anti_dilution"]["protections"][0]["narrow_classes"] == json::array({"Series A Preferred"}));
    CHECK(written["anti_dilution"]["protections"][1].contains("base"));
    const std::vector<std::string> p = problems_of(written);
    REQUIRE(p.size() == 2);
    CHECK(p[0].rfind("/anti_dilution/protections/0/narrow_classes = ", 0) == 0);
    CHECK(p[1].rfind("/anti_dilution/protections/1/base = ", 0) == 0);
}

TEST_CASE("deal file anti-dilution: a problem the chain finds is at the protection, naming the round") {
    // Series C's terms name Series D Preferred in their narrow base: on the table only after
    // Series D, so Series D's adjustment cannot count it.
    json doc = json::parse(file_text());
    doc["anti_dilution"]["protections"][2] = {{"series", "Series C Preferred"},
                                              {"method", "narrow_based_weighted_average"},
                                              {"narrow_classes", {"Series C Preferred", "Series D Preferred"}}};
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/anti_dilution/protections/2/narrow_classes/1 = \"Series D Preferred\": in /priced_rounds/1 (\"Series D\"): is not a "
        "share class on the cap table (the round does not apply to the cap table after /priced_rounds/0)"});
    // Kept exact under rounding::exact at 4 decimals: CP2 = $0.8888... is not whole at 4 decimals.
    json exact = json::parse(file_text());
    exact["anti_dilution"]["conversion_price_rounding"] = {{"decimals", 4}, {"mode", "exact"}};
    const std::vector<std::string> p = problems_of(exact);
    REQUIRE_FALSE(p.empty());
    CHECK(p[0].rfind("/anti_dilution/conversion_price_rounding/mode = exact: in /priced_rounds/0 (\"Series C\"): ", 0) == 0);
}

}  // namespace test_json_deal_anti_dilution
