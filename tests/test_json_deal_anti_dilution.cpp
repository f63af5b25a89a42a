// Deal files with an anti-dilution charter (json/deal_file.hpp, "anti_dilution"): the down rounds
// of docs/how-to-down-round.md §4 read from examples/down_rounds.json give exactly the
// table and conversion prices of the same chain built in C++ (tests/test_round_chain.cpp's
// figures: 7,000,000 -> 9,712,416 -> 11,085,593 shares; CP2 by the NVCA model charter's broad-based
// weighted average, CP1 x (A + B) / (A + C), rounded to $0.0001); written and read back; every bad
// term at its JSON pointer with its value and rule; a protection's "waived_in" (the series waives
// in the rounds named) read, written back and checked.
#include <fundround/fundround.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/deal_file_test.hpp"
#include "support/down_company.hpp"
#include "support/gust_chain.hpp"

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
using fundround_test::down_chain;

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
    const round_chain_result in_cpp = down_chain();
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
        "/anti_dilution/extra: is not a member of an anti-dilution charter; expected protections, conversion_price_rounding, exemptions",
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

// A broad base counting convertibles (the NVCA's Convertible Securities outstanding immediately
// prior) was refused at read time ("must not count convertibles") while A could count none; the
// file's rounds run as a round_chain, which counts the SAFEs and notes converting in each round
// (tests/test_round_chain.cpp works one by hand). The file's down rounds convert none: A's part
// for them is 0, printed, and A is the table's, as without the flag; written back the same.
TEST_CASE("deal file anti-dilution: a base counting convertibles is read, counted by the chain, written back") {
    json doc = json::parse(file_text());
    doc["anti_dilution"]["protections"][0] = {
        {"series", "Series A Preferred"},
        {"method", "broad_based_weighted_average"},
        {"base", {{"granted_options", true}, {"unallocated_pool", false}, {"warrants", true}, {"convertibles", true}}}};
    const deal_file deal = read_deal_file_json(doc);
    CHECK(deal.charter.protections[0].broad_base.convertibles);
    CHECK(read_deal_file_json(json::parse(write_deal_file(deal))).charter.protections == deal.charter.protections);
    const round_chain_result with = deal.chain(2).run();
    const round_chain_result without = read_deal_file_json(json::parse(file_text())).chain(2).run();
    std::size_t counted = 0;
    for (std::size_t i = 0; i < with.rounds().size(); ++i) {
        if (with.adjustment(i) == nullptr) continue;
        const series_adjustment& s = with.adjustment(i)->of("Series A Preferred");
        CHECK(s.a_counts_convertibles);
        CHECK(s.a_convertibles == sh(0));
        CHECK(s.a == without.adjustment(i)->of("Series A Preferred").a);
        CHECK(s.cp2_units == without.adjustment(i)->of("Series A Preferred").cp2_units);
        ++counted;
    }
    CHECK(counted > 0);
    CHECK(with.final_table() == without.final_table());
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

// docs/how-to-down-round.md §3 ("Every series a round with SAFEs and notes made"): the Series A of
// the SAFE how-to ($4M at a $16M pre-money, a 10% pool, an angel's $200K SAFE at a $4M cap and a
// fund's $800K SAFE at an $8M cap, both post-money) makes "Series A Preferred-1" (the angel's
// $0.3053) and "-2" (the fund's $0.6105); a Series B at $0.50 follows.
json conversion_file() {
    return json::parse(R"({
      "fundround_deal": 1,
      "cap_table": {
        "currency": "USD",
        "holders": [{"id": "ada", "name": "Ada", "kind": "founder"},
                    {"id": "angel", "name": "Angel", "kind": "investor"},
                    {"id": "fund", "name": "Seed Fund", "kind": "investor"}],
        "classes": [{"name": "Common", "kind": "common"}],
        "holdings": [{"holder": "ada", "share_class": "Common", "shares": 9500000}],
        "pools": [{"name": "Plan", "share_class": "Common", "authorized": 500000}]},
      "safes": [{"holder": "angel", "purchase_amount": "$200K", "date": "2025-01-10", "valuation_cap": "$4M"},
                {"holder": "fund", "purchase_amount": "$800K", "date": "2025-02-03", "valuation_cap": "$8M"}],
      "priced_rounds": [
        {"name": "Series A", "series": "Series A Preferred", "pre_money": "$16M",
         "investors": [{"holder": "lead", "amount": "$4M"}],
         "new_investors": [{"id": "lead", "name": "Lead", "kind": "investor"}],
         "option_pool": {"target": "0.1", "placement": "pre_money", "top_up": "Plan"},
         "converts": "all_outstanding", "close_date": "2026-06-30"},
        {"name": "Series B", "series": "Series B Preferred", "price_per_share": {"amount": "0.50 USD", "shares": 1},
         "investors": [{"holder": "new", "amount": "$3M"}],
         "new_investors": [{"id": "new", "name": "New Lead", "kind": "investor"}]}],
      "anti_dilution": {"protections": [
        {"series": "Series A Preferred", "method": "broad_based_weighted_average"},
        {"series": "Series A Preferred-1", "method": "broad_based_weighted_average"},
        {"series": "Series A Preferred-2", "method": "broad_based_weighted_average"}]}})");
}

// Regression: a protection could not name the series a conversion makes ("Series A Preferred-1"):
// the reader refused it ("is not a preferred series of /cap_table nor the series of a priced
// round"), although round_chain::protect() takes it after the round that makes it. It is
// protected from the round after, as the round's own series is, and the file gives the C++
// chain's figures: the how-to's $1.2211 -> $1.0125 (+674,755), $0.3053 unchanged (the Series B's
// $0.50 is above it), $0.6105 -> $0.5786 (+72,302).
TEST_CASE("deal file anti-dilution: a conversion series a round makes is protected from the next round") {
    const deal_file deal = read_deal_file_json(conversion_file());
    CHECK(deal.protected_from(1) == std::optional<std::size_t>(1));
    CHECK(deal.protected_from(2) == std::optional<std::size_t>(1));
    CHECK(deal.protections_in_force(0).empty());
    CHECK(deal.protections_in_force(1) == std::vector<std::size_t>{0, 1, 2});
    const round_chain_result from_file = deal.chain(2).run();
    REQUIRE(from_file.adjustment(0) == nullptr);
    REQUIRE(from_file.adjustment(1) != nullptr);
    const anti_dilution_adjustment& b = *from_file.adjustment(1);
    REQUIRE(b.series().size() == 3);
    // CP1 is each series' original issue price, exact: the round's $1.2211 is 23.2/19 = $1.22105..., the
    // angel's $0.3053 is 5.8/19 and the fund's $0.6105 is 11.6/19 (mills per share below).
    CHECK(b.of("Series A Preferred").cp1_units == fraction(23'200, 19));
    CHECK(b.of("Series A Preferred").cp2_units == dollars4(10'125));
    CHECK(b.of("Series A Preferred").additional() == sh(674'755));
    CHECK_FALSE(b.of("Series A Preferred-1").adjusted);
    CHECK(b.of("Series A Preferred-1").cp2_units == fraction(5'800, 19));
    CHECK(b.of("Series A Preferred-2").cp1_units == fraction(11'600, 19));
    CHECK(b.of("Series A Preferred-2").cp2_units == dollars4(5'786));
    CHECK(b.of("Series A Preferred-2").additional() == sh(72'302));
    // The same in C++: protect() after the conversion round names its conversion series.
    conversion_round a("Series A", "Series A Preferred", year{2026} / 6 / 30);
    a.pre_money(16_M)
        .invest(holder_id("lead"), 4_M)
        .add_holder(holder::investor("lead", "Lead"))
        .option_pool(fraction(1, 10), pool_placement::pre_money, "Plan")
        .convert(deal.safes[0])
        .convert(deal.safes[1]);
    const round_chain_result in_cpp = round_chain(*deal.cap_table_before)
                                          .charter(anti_dilution())
                                          .then(a)
                                          .protect(anti_dilution_terms::broad_based("Series A Preferred"))
                                          .protect(anti_dilution_terms::broad_based("Series A Preferred-1"))
                                          .protect(anti_dilution_terms::broad_based("Series A Preferred-2"))
                                          .then(priced("Series B", "new", "New Lead", 0.50_usd, 3_M))
                                          .run();
    CHECK(from_file.final_table() == in_cpp.final_table());
    CHECK(from_file.totals() == in_cpp.totals());
    // Written and read back: the same charter.
    CHECK(read_deal_file_json(json::parse(write_deal_file(deal))).charter.protections == deal.charter.protections);
}

TEST_CASE("deal file anti-dilution: a conversion series a round does not make is a problem at the protection") {
    // In force in a later round: the chain reports it there, at the protection.
    json later = conversion_file();
    later["anti_dilution"]["protections"][2]["series"] = "Series A Preferred-3";
    const std::vector<std::string> p = problems_of(later);
    REQUIRE(p.size() == 1);
    CHECK(p[0].rfind("/anti_dilution/protections/2/series = \"Series A Preferred-3\": in /priced_rounds/1 (\"Series B\"): "
                     "is not a share class on the cap table, whose preferred series are ",
                     0) == 0);
    // The last round's: never in force, found once the chain has run.
    json last = conversion_file();
    last["priced_rounds"].erase(1);
    last["anti_dilution"]["protections"][2]["series"] = "Series A Preferred-3";
    last["anti_dilution"]["protections"][0] = {{"series", "Series A Preferred"},
                                               {"method", "narrow_based_weighted_average"},
                                               {"narrow_classes", {"Series A Preferred", "Series A Preferred-03"}}};
    CHECK(problems_of(last) == std::vector<std::string>{
        "/anti_dilution/protections/0/narrow_classes/1 = \"Series A Preferred-03\": is not a series /priced_rounds/0 "
        "(\"Series A\") creates: its conversions make \"Series A Preferred-1\", \"Series A Preferred-2\"",
        "/anti_dilution/protections/2/series = \"Series A Preferred-3\": is not a series /priced_rounds/0 (\"Series A\") "
        "creates: its conversions make \"Series A Preferred-1\", \"Series A Preferred-2\""});
    // Regression (review of the eighth session): with a later round failing on one protection, a
    // conversion series never in force (a narrow class of the last round's protection) was not
    // checked: the check ran only after a successful chain. Both come at once now.
    json both = conversion_file();
    both["anti_dilution"]["protections"][2]["series"] = "Series A Preferred-3";
    both["anti_dilution"]["protections"].push_back({{"series", "Series B Preferred"},
                                                    {"method", "narrow_based_weighted_average"},
                                                    {"narrow_classes", {"Series B Preferred", "Series A Preferred-7"}}});
    const std::vector<std::string> at_once = problems_of(both);
    REQUIRE(at_once.size() == 2);
    CHECK(at_once[0].rfind("/anti_dilution/protections/2/series = \"Series A Preferred-3\": in /priced_rounds/1", 0) == 0);
    CHECK(at_once[1] == "/anti_dilution/protections/3/narrow_classes/1 = \"Series A Preferred-7\": is not a series "
                        "/priced_rounds/0 (\"Series A\") creates: its conversions make \"Series A Preferred-1\", "
                        "\"Series A Preferred-2\"");
    // A round that converts nothing makes no conversion series: refused at read time, as before.
    json plain = conversion_file();
    plain["anti_dilution"]["protections"][2]["series"] = "Series B Preferred-1";
    CHECK(problems_of(plain) == std::vector<std::string>{
        "/anti_dilution/protections/2/series = \"Series B Preferred-1\": is not a preferred series of /cap_table nor the "
        "series of a priced round (they are: \"Series A Preferred\", \"Series B Preferred\", \"Series A Preferred-1\", ...)"});
}

// A protection's "waived_in": the series waives its adjustment in the priced rounds named
// (round_chain::waive() before each). Series A waiving in the Series C: the C++ chain's figures
// (tests/test_round_chain.cpp): $1.0000 kept in the C, $0.9423 in the D; 9,399,952 shares after the C.
TEST_CASE("deal file anti-dilution: waived_in waives the series' adjustment in the rounds named, as round_chain::waive") {
    json doc = json::parse(file_text());
    doc["anti_dilution"]["protections"][0]["waived_in"] = {"Series C"};
    const deal_file deal = read_deal_file_json(doc);
    REQUIRE(deal.charter.waived_in.size() == 1);
    CHECK(deal.charter.waived_in[0] == std::vector<std::string>{"Series C"});
    CHECK(deal.waiving_in(0) == std::vector<std::size_t>{0});
    CHECK(deal.waiving_in(1).empty());
    const round_chain_result from_file = deal.chain(2).run();
    const round_chain_result in_cpp = down_chain({"Series A Preferred"});
    CHECK(from_file.totals() == std::vector<share_count>{sh(7'000'000), sh(9'399'952), sh(10'781'397)});
    CHECK(from_file.totals() == in_cpp.totals());
    CHECK(from_file.final_table() == in_cpp.final_table());
    CHECK(from_file.adjustment(0)->of("Series A Preferred").waived);
    CHECK(from_file.adjustment(0)->of("Series A Preferred").cp2_units == dollars4(10'000));
    CHECK_FALSE(from_file.adjustment(1)->of("Series A Preferred").waived);
    CHECK(from_file.adjustment(1)->of("Series A Preferred").cp2_units == dollars4(9'423));
    // Without the member the file adjusts Series A in the C (the regression this guards: $0.8889).
    CHECK(parse_deal_file(file_text()).chain(1).run().adjustment(0)->of("Series A Preferred").cp2_units == dollars4(8'889));

    // Written and read back: the member under its protection, the same text.
    doc["anti_dilution"]["protections"][2]["waived_in"] = {"Series D"};
    const deal_file both = read_deal_file_json(doc);
    const std::string text = write_deal_file(both);
    const json written = json::parse(text);
    CHECK(written["anti_dilution"]["protections"][0]["waived_in"] == json{"Series C"});
    CHECK_FALSE(written["anti_dilution"]["protections"][1].contains("waived_in"));
    CHECK(written["anti_dilution"]["protections"][2]["waived_in"] == json{"Series D"});
    const deal_file back = parse_deal_file(text);
    CHECK(back.charter.waived_in == both.charter.waived_in);
    CHECK(write_deal_file(back) == text);
    CHECK(back.chain(2).run().adjustment(1)->of("Series C Preferred").waived);
}

TEST_CASE("deal file anti-dilution: every bad waived_in at its pointer, with its value and rule, at once") {
    json doc = json::parse(file_text());
    json& p = doc["anti_dilution"]["protections"];
    p[0]["waived_in"] = {"Series Z", "series c", "Series C", "Series C"};
    p[1]["waived_in"] = "Series C";
    p[2]["waived_in"] = {"Series C", "", 7};
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/anti_dilution/protections/0/waived_in/3 = \"Series C\": is listed twice (first at "
        "/anti_dilution/protections/0/waived_in/2): a series waives once in a round or issuance",
        "/anti_dilution/protections/1/waived_in = \"Series C\": must be an array of names of priced rounds or issuances, not a string",
        "/anti_dilution/protections/2/waived_in/1 = \"\": must name a priced round or an issuance",
        "/anti_dilution/protections/2/waived_in/2 = 7: must be a string, not a number",
        "/anti_dilution/protections/0/waived_in/0 = \"Series Z\": is not the name of a priced round of the deal file (its "
        "priced rounds: \"Series C\", \"Series D\")",
        "/anti_dilution/protections/0/waived_in/1 = \"series c\": is not the name of a priced round of the deal file; did "
        "you mean \"Series C\"? (names are matched exactly; these differ only in case, spaces or punctuation)",
        "/anti_dilution/protections/2/waived_in/0 = \"Series C\": is /priced_rounds/0 (\"Series C\"), in which \"Series C "
        "Preferred\" is not protected yet (from /priced_rounds/1 (\"Series D\"), the round after the one that creates it): a "
        "series waives only a protection it has",
    });
    json none = json::parse(file_text());
    none["anti_dilution"]["protections"][1] = {{"series", "Series B Preferred"}, {"method", "none"}, {"waived_in", {"Series D"}}};
    CHECK(problems_of(none) == std::vector<std::string>{
        "/anti_dilution/protections/1/waived_in/0 = \"Series D\": waives nothing: \"Series B Preferred\" has no price-based "
        "protection (its method is none)"});
}

// A priced round's "pay_to_play" (round_chain::pay_to_play() before the round): Series A's
// holders must buy half their Pro Rata Amount of the Series C, converting the fraction not taken
// up; Fund A buys $250,000 of its $500,000 (Carl Capital $750,000), so 1,250,000 of its 2,500,000
// Series A convert into Common (tests/support/down_company.hpp's pay_to_play_chain(), worked
// there by hand): the file gives the C++ chain's figures, and is written back as read.
json pay_to_play_doc() {
    json doc = json::parse(file_text());
    json& c = doc["priced_rounds"][0];
    c["investors"] = json::array({json{{"holder", "fund-a"}, {"amount", "250K"}}, json{{"holder", "carl"}, {"amount", "750K"}}});
    c["pay_to_play"] = json{{"terms", json::array({json{{"series", "Series A Preferred"}, {"conversion", "proportionate"}, {"required", "1/2"}}})}};
    return doc;
}

TEST_CASE("deal file pay_to_play: a priced round's pay-to-play converts before it, as round_chain::pay_to_play") {
    json doc = pay_to_play_doc();
    const deal_file deal = read_deal_file_json(doc);
    REQUIRE(deal.pay_to_plays.size() == 1);
    CHECK(deal.pay_to_plays[0].round == 0);
    REQUIRE(deal.pay_to_play_of(0) != nullptr);
    CHECK(deal.pay_to_play_of(1) == nullptr);
    const pay_to_play_terms& t = deal.pay_to_play_of(0)->terms().at(0);
    CHECK(t.series == "Series A Preferred");
    CHECK(t.proportionate);
    CHECK(t.required == fraction(1, 2));
    const round_chain_result from_file = deal.chain(1).run();
    const round_chain_result in_cpp = fundround_test::pay_to_play_chain();
    REQUIRE(from_file.pay_to_play(0) != nullptr);
    const pay_to_play_holder& a = from_file.pay_to_play(0)->of(holder_id("fund-a"), "Series A Preferred");
    CHECK(a.converted == sh(1'250'000));
    CHECK(a.received == sh(1'250'000));
    CHECK(from_file.final_table() == in_cpp.final_table());
    CHECK(from_file.totals() == std::vector<share_count>{sh(7'000'000), sh(9'556'184)});
    // Without the member Fund A's Series A all stays preferred.
    json without = doc;
    without["priced_rounds"][0].erase("pay_to_play");
    CHECK(read_deal_file_json(without).chain(1).run().pay_to_play(0) == nullptr);

    // Every term written and read back: the same text, the same chain.
    doc["priced_rounds"][1]["pay_to_play"] =
        json{{"terms", json::array({json{{"series", "Series B Preferred"}, {"conversion_ratio", "1/10"}, {"shadow_series", "Series B-1 Preferred"}}})},
             {"offered", "$400K"},
             {"into", "Common"}};
    const deal_file both = read_deal_file_json(doc);
    const std::string text = write_deal_file(both);
    const json written = json::parse(text);
    CHECK(written["priced_rounds"][0]["pay_to_play"] ==
          json{{"terms", json::array({json{{"series", "Series A Preferred"}, {"conversion", "proportionate"}, {"required", "1/2"}}})}});
    CHECK(written["priced_rounds"][1]["pay_to_play"] ==
          json{{"terms", json::array({json{{"series", "Series B Preferred"}, {"conversion", "all_or_nothing"}, {"required", "1"},
                                           {"conversion_ratio", "1/10"}, {"shadow_series", "Series B-1 Preferred"}}})},
               {"offered", "400000 USD"},
               {"into", "Common"}});
    const deal_file back = parse_deal_file(text);
    CHECK(write_deal_file(back) == text);
    const round_chain_result run = back.chain(2).run();
    // Fund B buys nothing of the Series D: its 2,000,000 Series B (2,399,952 as converted after the
    // C) become 2,000,000 Series B-1 Preferred, share for share.
    REQUIRE(run.pay_to_play(1) != nullptr);
    CHECK(run.pay_to_play(1)->of(holder_id("fund-b"), "Series B Preferred").received == sh(2'000'000));
    CHECK(run.rounds()[1].before().shares_of(holder_id("fund-b"), "Series B-1 Preferred") == sh(2'000'000));
}

// pay_to_play_doc() with Fund A's bridge note converting in the Series C ("converts", closing
// 2027-07-01): $300,000 at 8% simple from 2026-07-01 (365 days: $24,000), 20% discount. Only the
// new cash counts: Fund A's Pro Rata Amount is still $1M x 2.5M / 2.5M ($500,000 required) and
// it bought $250,000 (its note's $324,000 is not a purchase; counted, it would have met the
// $500,000), so 1,250,000 Series A convert into Common as in pay_to_play_chain(); the round then
// converts the note at $0.40 into 810,000 shares on the converted table, exempt from the
// charter: 9,556,184 + 810,000 = 10,366,184.
json pay_to_play_with_note_doc() {
    json doc = pay_to_play_doc();
    doc["notes"] = json::array({json{{"holder", "fund-a"},
                                     {"principal", "$300K"},
                                     {"issue_date", "2026-07-01"},
                                     {"maturity_date", "2028-07-01"},
                                     {"annual_rate", "8/100"},
                                     {"discount", "1/5"}}});
    doc["priced_rounds"][0]["converts"] = json::array({"/notes/0"});
    doc["priced_rounds"][0]["close_date"] = "2027-07-01";
    return doc;
}

TEST_CASE("deal file pay_to_play: beside \"converts\", the preferred converts first and the round's notes convert after") {
    // Regression: the chain refused the round ("/priced_rounds/0/pay_to_play: cannot apply to a
    // round in which SAFEs or notes convert (not modelled)").
    const json doc = pay_to_play_with_note_doc();
    const deal_file deal = read_deal_file_json(doc);
    REQUIRE(deal.pay_to_play_of(0) != nullptr);
    REQUIRE(deal.conversion_of(0) != nullptr);
    const round_chain_result from_file = deal.chain(1).run();
    const pay_to_play_conversions* p = from_file.pay_to_play(0);
    REQUIRE(p != nullptr);
    const pay_to_play_holder& a = p->of(holder_id("fund-a"), "Series A Preferred");
    CHECK(a.bought_units == fraction(250'000 * money::units_per_major));
    CHECK(a.converted == sh(1'250'000));
    REQUIRE(from_file.conversion(0) != nullptr);
    CHECK(from_file.conversion(0)->before() == p->after());
    CHECK(from_file.conversion(0)->conversions().at(0).shares == sh(810'000));
    CHECK(from_file.totals() == std::vector<share_count>{sh(7'000'000), sh(10'366'184)});
    // The same chain in C++.
    convertible_note n;
    n.holder = holder_id("fund-a");
    n.principal = 300_K;
    n.issue_date = year{2026} / 7 / 1;
    n.maturity_date = year{2028} / 7 / 1;
    n.annual_rate = fraction(8, 100);
    n.discount = fraction(1, 5);
    const round_chain_result in_cpp =
        round_chain(fundround_test::down_company())
            .charter(anti_dilution()
                         .protect(anti_dilution_terms::broad_based("Series A Preferred"))
                         .protect(anti_dilution_terms::broad_based("Series B Preferred")))
            .pay_to_play(pay_to_play().require(pay_to_play_terms::proportionate_conversion("Series A Preferred", fraction(1, 2))))
            .then(with_conversions(cap_table_round(priced_round_terms("Series C")
                                                       .at_price(price_per_share(0.50_usd, share_count(1)))
                                                       .invest("fund-a", 250_K)
                                                       .invest("carl", 750_K),
                                                   "Series C Preferred")
                                       .add_investor(holder::investor("carl", "Carl Capital")),
                                   year{2027} / 7 / 1)
                      .convert(n))
            .run();
    CHECK(from_file.final_table() == in_cpp.final_table());
    // Written back as read: the round keeps both members.
    const std::string text = write_deal_file(deal);
    const json written = json::parse(text);
    CHECK(written["priced_rounds"][0]["pay_to_play"] ==
          json{{"terms", json::array({json{{"series", "Series A Preferred"}, {"conversion", "proportionate"}, {"required", "1/2"}}})}});
    CHECK(written["priced_rounds"][0]["converts"] == json::array({"/notes/0"}));
    CHECK(write_deal_file(parse_deal_file(text)) == text);
    // "conversions_count": Fund A's note counts as bought, and in the amount offered: $1,324,000,
    // all Fund A's Pro Rata Amount (it alone holds Series A), $662,000 required, $250,000 +
    // $324,000 = $574,000 bought: 2,500,000 x $88,000 / $662,000 = 332,326.3 -> 332,326 convert.
    json counted = doc;
    counted["priced_rounds"][0]["pay_to_play"]["conversions_count"] = true;
    const deal_file counted_deal = read_deal_file_json(counted);
    REQUIRE(counted_deal.pay_to_play_of(0) != nullptr);
    CHECK(counted_deal.pay_to_play_of(0)->counts_conversions());
    const round_chain_result counted_run = counted_deal.chain(1).run();
    CHECK(counted_run.pay_to_play(0)->of(holder_id("fund-a"), "Series A Preferred").converted == sh(332'326));
    CHECK(json::parse(write_deal_file(counted_deal))["priced_rounds"][0]["pay_to_play"]["conversions_count"] == true);
    CHECK_FALSE(written["priced_rounds"][0]["pay_to_play"].contains("conversions_count"));
    // On a round in which nothing converts it is a problem at the member (it was accepted and
    // changed nothing): a round without "converts", reported by the reader with the others...
    json no_converts = pay_to_play_doc();
    no_converts["priced_rounds"][0]["pay_to_play"]["conversions_count"] = true;
    no_converts["priced_rounds"][0]["pay_to_play"]["into"] = "";
    CHECK(problems_of(no_converts) == std::vector<std::string>{
        "/priced_rounds/0/pay_to_play/into = \"\": must name the common class",
        "/priced_rounds/0/pay_to_play/conversions_count = true: no SAFE or note converts in round \"Series C\" (it has "
        "no \"converts\"): there is nothing to count as bought (leave \"conversions_count\" out, or name what converts "
        "with \"converts\")"});
    // ... and a round whose note the new money ($1M) does not qualify ($2M), by the chain.
    json unqualified = counted;
    unqualified["notes"][0]["qualified_financing"] = "$2M";
    CHECK(problems_of(unqualified) == std::vector<std::string>{
        "/priced_rounds/0/pay_to_play/conversions_count = true: no SAFE or note converts in round \"Series C\": there is "
        "nothing to count as bought (set it only for a round in which SAFEs or notes convert) (the round does not apply "
        "to the cap table before the rounds)"});
    // The fuzz corpus holds the file as written (validated by the schema test).
    std::ifstream corpus(std::string(FUNDROUND_EXAMPLES_DIR) + "/../tests/fuzz/corpus/deal_file/valid_pay_to_play_notes.json");
    REQUIRE(corpus.good());
    std::stringstream corpus_text;
    corpus_text << corpus.rdbuf();
    CHECK(json::parse(corpus_text.str()) == written);
}

TEST_CASE("deal file pay_to_play: every bad term at its pointer, with its value and rule, at once") {
    json doc = pay_to_play_doc();
    json& p = doc["priced_rounds"][0]["pay_to_play"];
    p["terms"][0]["conversion"] = "half";
    p["terms"][0]["required"] = "0";
    p["terms"].push_back(json{{"series", ""}, {"conversion_ratio", "-1/10"}, {"shadow", "x"}});
    p["terms"].push_back(7);
    p["offered"] = "0 USD";
    p["into"] = "";
    doc["priced_rounds"][1]["pay_to_play"] = json{{"terms", json::array()}, {"by", 1}};
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/priced_rounds/0/pay_to_play/terms/0/conversion = \"half\": must be \"all_or_nothing\" or \"proportionate\"",
        "/priced_rounds/0/pay_to_play/terms/0/required = \"0\": must be positive: the share of its Pro Rata Amount a "
        "holder must buy",
        "/priced_rounds/0/pay_to_play/terms/1/shadow: is not a member of a series' pay-to-play terms; expected series, "
        "conversion, required, conversion_ratio, shadow_series",
        "/priced_rounds/0/pay_to_play/terms/1/series = \"\": must name a preferred series",
        "/priced_rounds/0/pay_to_play/terms/1/conversion_ratio = \"-1/10\": must be positive",
        "/priced_rounds/0/pay_to_play/terms/2 = 7: must be an object (a series' pay-to-play terms), not a number",
        "/priced_rounds/0/pay_to_play/offered = $0.00: must be positive",
        "/priced_rounds/0/pay_to_play/into = \"\": must name the common class",
        "/priced_rounds/1/pay_to_play/by: is not a member of a pay-to-play; expected terms, offered, into, conversions_count",
        "/priced_rounds/1/pay_to_play/terms = []: must name at least one series (or leave \"pay_to_play\" out)"});
    // The chain's own problems, at the member's pointer: a series not on the table.
    json chain = pay_to_play_doc();
    chain["priced_rounds"][0]["pay_to_play"]["terms"][0]["series"] = "Series Z Preferred";
    CHECK(problems_of(chain) == std::vector<std::string>{
        "/priced_rounds/0/pay_to_play/terms/0/series = \"Series Z Preferred\": is not a share class on the cap table, "
        "whose preferred series are \"Series A Preferred\", \"Series B Preferred\" (the round does not apply to the cap "
        "table before the rounds)"});
}

// A series with two terms, or a shadow series two terms name, is named by the other term's
// pointer (review r4: the chain's rule named it "terms[0]", the library's path, inside a file
// whose every other reference is a JSON pointer), and reported by the reader with the rest.
TEST_CASE("deal file pay_to_play: a series or shadow series named twice names the other term by its pointer") {
    json doc = pay_to_play_doc();
    json& terms = doc["priced_rounds"][0]["pay_to_play"]["terms"];
    terms[0]["shadow_series"] = "Series A-1 Preferred";
    terms.push_back(json{{"series", "Series A Preferred"}});
    terms.push_back(json{{"series", "Series B Preferred"}, {"shadow_series", "Series A 1 Preferred"}});
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/priced_rounds/0/pay_to_play/terms/1/series = \"Series A Preferred\": has a term already "
        "(/priced_rounds/0/pay_to_play/terms/0): one term per series",
        "/priced_rounds/0/pay_to_play/terms/2/shadow_series = \"Series A 1 Preferred\": is the shadow series of "
        "/priced_rounds/0/pay_to_play/terms/0 too: one per series"});
}

// The charter's named exemptions ("exemptions"; anti_dilution::exempt()), on the company of
// docs/how-to-down-round.md (Gust Equity Management, "Anti-Dilution"; tests/test_round_chain.cpp's
// issues between rounds): the founder's 1,500,000 common and 1,000,000 options, a Series A of
// 2,500,000 at $1.00, a Series B of 1,000,000 at $0.80, Series A protected broad-based and the
// charter naming "equipment lessor". A deal file states no issues between rounds: the C++ chain
// deal_file::chain() gives carries the file's exemptions, so a lessor's warrant exempted under
// that name adjusts nothing and a sale to a strategic at $0.50 does (CP2 121/141 -> $0.8582,
// 2,913,073 as converted), then the Series B ($0.8513, 2,936,685; 8,486,685 fully diluted; worked
// by hand in tests/test_round_chain.cpp).
json gust_doc() {
    return json::parse(R"({
  "fundround_deal": 1,
  "company": "Gust Co",
  "cap_table": {
    "currency": "USD",
    "holders": [
      {"id": "founder", "name": "Founder", "kind": "founder"},
      {"id": "staff", "name": "Staff", "kind": "employee"}
    ],
    "classes": [{"name": "Common", "kind": "common"}],
    "holdings": [{"holder": "founder", "share_class": "Common", "shares": 1500000}],
    "pools": [{"name": "Plan", "share_class": "Common", "authorized": 1000000}],
    "grants": [{"holder": "staff", "pool": "Plan", "shares": 1000000, "exercise_price": {"amount": "1 USD", "shares": 10}}]
  },
  "priced_rounds": [
    {
      "name": "Series A",
      "series": "Series A Preferred",
      "price_per_share": {"amount": "1 USD", "shares": 1},
      "investors": [{"holder": "fund-a", "amount": "2.5M"}],
      "new_investors": [{"id": "fund-a", "name": "Fund A", "kind": "investor"}]
    },
    {
      "name": "Series B",
      "series": "Series B Preferred",
      "price_per_share": {"amount": "0.80 USD", "shares": 1},
      "investors": [{"holder": "fund-b", "amount": "800K"}],
      "new_investors": [{"id": "fund-b", "name": "Fund B", "kind": "investor"}]
    }
  ],
  "anti_dilution": {
    "protections": [{"series": "Series A Preferred", "method": "broad_based_weighted_average"}],
    "exemptions": ["equipment lessor"]
  }
})");
}

// The file's Series A, then the issues (tests/support/gust_chain.hpp, as the C++ chain of
// tests/test_round_chain.cpp issues them), then its Series B: Series A is protected from the round
// after it (deal_file::protected_from() == 1), so from the issues on.
round_chain gust_chain(const deal_file& deal) {
    REQUIRE(deal.protected_from(0) == std::optional<std::size_t>(1));
    round_chain c = deal.chain(1);
    c.protect(deal.charter.protections[0])
        .then(fundround_test::lessor_warrant())
        .then(fundround_test::strategic_sale())
        .then(deal.priced_rounds[1]);
    return c;
}

TEST_CASE("deal file anti-dilution: the charter's exemptions reach the chain, so an issue under one adjusts nothing") {
    const deal_file deal = read_deal_file_json(gust_doc());
    CHECK(deal.charter.exemptions == std::vector<std::string>{"equipment lessor"});
    const round_chain_result r = gust_chain(deal).run();
    REQUIRE(r.issuances().size() == 2);
    REQUIRE(r.issuances()[0].adjustment() != nullptr);
    const series_adjustment& lessor = r.issuances()[0].adjustment()->of("Series A Preferred");
    CHECK_FALSE(lessor.adjusted);
    CHECK(lessor.reason == "exempted: equipment lessor");
    REQUIRE(r.issuances()[1].adjustment() != nullptr);
    const series_adjustment& sale = r.issuances()[1].adjustment()->of("Series A Preferred");
    CHECK(sale.a == sh(5'050'000));
    CHECK(sale.exact_cp2_units == std::optional<fraction>(fraction(121'000, 141)));
    CHECK(sale.cp2_units == dollars4(8582));
    CHECK(sale.as_converted_after == sh(2'913'073));
    REQUIRE(r.adjustment(1) != nullptr);
    CHECK(r.adjustment(1)->of("Series A Preferred").cp1_units == dollars4(8582));
    CHECK(r.adjustment(1)->of("Series A Preferred").cp2_units == dollars4(8513));
    CHECK(r.adjustment(1)->of("Series A Preferred").as_converted_after == sh(2'936'685));
    CHECK(r.final_table().fully_diluted().total() == sh(8'486'685));
    // The priced rounds alone: the exemptions exempt no round's new money (Series B at $0.80 < $1.00:
    // A 5,000,000, B 800,000, C 1,000,000, CP2 = 5,800,000 / 6,000,000 = 29/30 -> $0.9667).
    json plain = gust_doc();
    plain["anti_dilution"].erase("exemptions");
    const round_chain_result rounds = deal.chain(2).run();
    const round_chain_result without = read_deal_file_json(plain).chain(2).run();
    CHECK(rounds.final_table() == without.final_table());
    REQUIRE(rounds.adjustment(1) != nullptr);
    CHECK(rounds.adjustment(1)->of("Series A Preferred").cp2_units == dollars4(9667));
    // Without the exemption in the file, the chain names the lessor's warrant a problem.
    const round_chain_outcome refused = gust_chain(read_deal_file_json(plain)).try_run();
    REQUIRE(refused.problems.size() == 1);
    CHECK(refused.problems[0].field.to_string() == "rounds[1].issuance.exemption");
    CHECK(refused.problems[0].rule ==
          "is not an exemption the charter in force names (it names none): name it with anti_dilution::exempt() in the charter "
          "before this step");
}

TEST_CASE("deal file anti-dilution: the charter's exemptions are written back as read, in order") {
    json doc = gust_doc();
    doc["anti_dilution"]["exemptions"] = {"equipment lessor", "strategic partner", "Bank loan"};
    const deal_file deal = read_deal_file_json(doc);
    CHECK(deal.charter.exemptions == std::vector<std::string>{"equipment lessor", "strategic partner", "Bank loan"});
    const std::string text = write_deal_file(deal);
    CHECK(json::parse(text)["anti_dilution"]["exemptions"] == doc["anti_dilution"]["exemptions"]);
    const deal_file back = parse_deal_file(text);
    CHECK(back.charter.exemptions == deal.charter.exemptions);
    CHECK(back.charter.protections == deal.charter.protections);
    CHECK(write_deal_file(back) == text);
    // None named, none written (an empty list reads as none).
    doc["anti_dilution"]["exemptions"] = json::array();
    const deal_file none = read_deal_file_json(doc);
    CHECK(none.charter.exemptions.empty());
    CHECK_FALSE(json::parse(write_deal_file(none))["anti_dilution"].contains("exemptions"));
}

TEST_CASE("deal file anti-dilution: every bad exemption at its pointer, with its value and rule, at once") {
    json doc = gust_doc();
    doc["anti_dilution"]["exemptions"] = {"-", "equipment lessor", "Bank loan", "equipment lessor", " "};
    doc["anti_dilution"]["protections"][0]["method"] = "weighted_average";
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/anti_dilution/protections/0/method = \"weighted_average\": must be an anti-dilution method: one of none, "
        "broad_based_weighted_average, narrow_based_weighted_average, full_ratchet",
        "/anti_dilution/exemptions/0 = \"-\": must contain a letter or digit: the name an exempted issue gives "
        "(share_issuance::exempted())",
        "/anti_dilution/exemptions/4 = \" \": must contain a letter or digit: the name an exempted issue gives "
        "(share_issuance::exempted())",
        "/anti_dilution/exemptions/3 = \"equipment lessor\": is listed twice (first at /anti_dilution/exemptions/1): the "
        "charter names an exemption once",
    });
    json wrong = gust_doc();
    wrong["anti_dilution"]["exemptions"] = "equipment lessor";
    CHECK(problems_of(wrong) == std::vector<std::string>{
        "/anti_dilution/exemptions = \"equipment lessor\": must be an array of exempted issuances' names, not a string"});
    wrong["anti_dilution"]["exemptions"] = {"equipment lessor", 7};
    CHECK(problems_of(wrong) == std::vector<std::string>{"/anti_dilution/exemptions/1 = 7: must be a string, not a number"});
}

}  // namespace test_json_deal_anti_dilution
