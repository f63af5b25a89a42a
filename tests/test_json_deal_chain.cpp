// Deal files whose priced rounds convert the file's SAFEs and notes (json/deal_file.hpp,
// "converts"): examples/seed_safes_to_series_a.json read to the figures
// examples/seed_safes_to_series_a.cpp prints, written and read back, and every bad reference
// an error at its JSON pointer.
#include <fundround/fundround.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/deal_file_test.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#ifndef FUNDROUND_EXAMPLES_DIR
#error "FUNDROUND_EXAMPLES_DIR must name examples/ (tests/CMakeLists.txt sets it)"
#endif

namespace test_json_deal_chain {

using namespace fundround;
using namespace fundround::literals;
using nlohmann::json;

std::string example_text() {
    std::ifstream in(std::string(FUNDROUND_EXAMPLES_DIR) + "/seed_safes_to_series_a.json", std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

json example_json() { return json::parse(example_text()); }

bool same_precision(const std::optional<price_precision>& a, const std::optional<price_precision>& b) {
    return a.has_value() == b.has_value() && (!a || (a->decimals == b->decimals && a->mode == b->mode));
}

using fundround_test::problems_of;

// The Series A of examples/seed_safes_to_series_a.cpp, written as that example writes it (its
// SAFE and note holders on the table already, as the deal file has them).
conversion_round cpp_series_a() {
    convertible_note bridge;
    bridge.holder = holder_id("bridge");
    bridge.principal = 300'000_usd;
    bridge.issue_date = year{2025} / 1 / 15;
    bridge.maturity_date = year{2026} / 1 / 15;
    bridge.annual_rate = fraction(6, 100);
    bridge.valuation_cap = 12_M;
    bridge.cap_form = safe_form::pre_money;
    bridge.discount = fraction(1, 5);
    bridge.qualified_financing = 3_M;
    return conversion_round("Series A", "Series A Preferred", year{2025} / 9 / 30)
        .pre_money(24_M)
        .invest(holder_id("lead"), 6_M)
        .add_holder(holder::investor("lead", "Lead Ventures"))
        .option_pool(fraction(12, 100), pool_placement::pre_money, "2024 Plan")
        .price_rounded(4, rounding::half_even)
        .conversion_price_rounded(4, rounding::half_even)
        .convert(safe::post_money_cap(holder_id("accel"), 500'000_usd, 10_M, year{2024} / 3 / 1))
        .convert(safe::post_money_mfn(holder_id("friend"), 100'000_usd, year{2024} / 5 / 1))
        .convert(safe::post_money_cap_and_discount(holder_id("angel"), 250'000_usd, 8_M, fraction(1, 5), year{2024} / 6 / 15))
        .convert(bridge);
}

// The figures of examples/expected/seed_safes_to_series_a.out: price $1.9553, the SAFEs'
// 613,722 / 153,421 / 383,553 shares, the note's 282,521, the lead's 3,068,582, the pool
// +841,155 (15,342,954 after). The Series B, by hand: a 20%-discount post-money SAFE and $20M at
// an $80M pre-money counting it: P = 80M / (15,342,954 + 1M / 0.8P), so
// P = 78,750,000 / 15,342,954 = $5.132649..., rounded $5.1326; the SAFE's price 0.8 x 5.1326 =
// 4.10608 -> $4.1061; 1,000,000 / 4.1061 -> 243,540 shares, $0.406 not converted; the growth
// fund 20,000,000 / 5.1326 -> 3,896,660 shares; 19,483,154 after.
TEST_CASE("deal file with conversions: examples/seed_safes_to_series_a.json gives examples/seed_safes_to_series_a.cpp's figures") {
    const deal_file d = parse_deal_file(example_text());
    REQUIRE(d.conversions.size() == 2);
    CHECK(d.conversions[0].all_outstanding);
    CHECK(d.conversions[0].close_date == year{2025} / 9 / 30);
    CHECK(d.conversions[1].listed.safes == std::vector<std::size_t>{3});
    // "all_outstanding" at the Series A's close: the three SAFEs dated before it and the note,
    // not the SAFE of 2026-03-01.
    const deal_instruments a_in = d.converting_in(0);
    CHECK(a_in.safes == std::vector<std::size_t>{0, 1, 2});
    CHECK(a_in.notes == std::vector<std::size_t>{0});

    const round_chain_result chain = d.chain(2).run();
    REQUIRE(chain.conversion(0));
    const converted_round& a = *chain.conversion(0);
    CHECK(a.price().units_per_share() == fraction(19'553, 10));
    REQUIRE(a.conversions().size() == 4);
    CHECK(a.conversions()[0].shares == share_count(613'722));
    CHECK(a.conversions()[1].shares == share_count(153'421));
    CHECK(a.conversions()[2].shares == share_count(383'553));
    CHECK(a.conversions()[3].shares == share_count(282'521));
    CHECK(a.new_money().investment_of("lead").shares == share_count(3'068'582));
    CHECK(a.pool_increase() == share_count(841'155));
    CHECK(chain.totals()[1] == share_count(15'342'954));
    // The same as the C++ example's round applied alone to the file's cap table.
    const converted_round alone = cpp_series_a().apply_to(*d.cap_table_before);
    CHECK(alone.price() == a.price());
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(alone.conversions()[i].shares == a.conversions()[i].shares);
        CHECK(alone.conversions()[i].not_converted_units == a.conversions()[i].not_converted_units);
    }
    CHECK(alone.after().fully_diluted().total() == a.after().fully_diluted().total());

    REQUIRE(chain.conversion(1));
    const converted_round& b = *chain.conversion(1);
    CHECK(b.price().units_per_share() == fraction(51'326, 10));
    CHECK(b.exact_price_units() == exact_rational(fraction(78'750'000'000, 15'342'954)));
    REQUIRE(b.conversions().size() == 1);
    CHECK(b.conversions()[0].holder == holder_id("later"));
    CHECK(b.conversions()[0].conversion_price.units_per_share() == fraction(41'061, 10));
    CHECK(b.conversions()[0].shares == share_count(243'540));
    CHECK(b.conversions()[0].not_converted() == money::from_units(406));
    CHECK(b.new_money().investment_of("growth").shares == share_count(3'896'660));
    CHECK(chain.final_table().fully_diluted().total() == share_count(19'483'154));

    // What is outstanding after each stage.
    const deal_instruments after_a = d.outstanding_after(d.chain(1).run());
    CHECK(after_a.safes == std::vector<std::size_t>{3});
    CHECK(after_a.notes.empty());
    const deal_instruments after_b = d.outstanding_after(chain);
    CHECK(after_b.safes.empty());
    CHECK(after_b.notes.empty());
    const deal_instruments before = d.outstanding_after(d.chain(0).run());
    CHECK(before.safes.size() == 4);
    CHECK(before.notes.size() == 1);
}

TEST_CASE("deal file with conversions: written and read back, the same conversions and the same chain") {
    const deal_file d = parse_deal_file(example_text());
    const std::string text = write_deal_file(d);
    const deal_file back = parse_deal_file(text);
    CHECK(write_deal_file(back) == text);
    REQUIRE(back.conversions.size() == d.conversions.size());
    for (std::size_t i = 0; i < d.conversions.size(); ++i) {
        const priced_round_conversion& x = d.conversions[i];
        const priced_round_conversion& y = back.conversions[i];
        CHECK((x.round == y.round && x.all_outstanding == y.all_outstanding && x.listed.safes == y.listed.safes &&
               x.listed.notes == y.listed.notes && x.close_date == y.close_date && x.convention == y.convention &&
               same_precision(x.conversion_price_rounding, y.conversion_price_rounding) && x.conversion_share_rounding == y.conversion_share_rounding));
    }
    CHECK(back.chain(2).run().final_table() == d.chain(2).run().final_table());
    // Every term is written, the defaults included.
    const json j = json::parse(text);
    CHECK(j["priced_rounds"][0]["converts"] == "all_outstanding");
    CHECK(j["priced_rounds"][0]["conversion_pricing"] == "conversion_shares_in_pre_money");
    CHECK(j["priced_rounds"][0]["conversion_share_rounding"] == "floor");
    CHECK(j["priced_rounds"][1]["converts"] == json::array({"/safes/3"}));
    CHECK(j["priced_rounds"][1]["close_date"] == "2026-10-31");
}

TEST_CASE("deal file with conversions: the pricing convention and the roundings read") {
    json doc = example_json();
    doc["priced_rounds"][0]["conversion_pricing"] = "dollars_invested";
    doc["priced_rounds"][0]["conversion_share_rounding"] = "half_even";
    doc["priced_rounds"][0]["conversion_price_rounding"] = json{{"decimals", 6}, {"mode", "floor"}};
    const deal_file d = read_deal_file_json(doc);
    CHECK(d.conversions[0].convention == conversion_pricing::dollars_invested);
    CHECK(d.conversions[0].conversion_share_rounding == rounding::half_even);
    CHECK(same_precision(d.conversions[0].conversion_price_rounding, price_precision{6, rounding::floor}));
    const round_chain_result chain = d.chain(1).run();
    const converted_round& a = *chain.conversion(0);
    CHECK(a.convention() == conversion_pricing::dollars_invested);
    CHECK(a.conversion_share_rounding() == rounding::half_even);
    // Without a conversion price rounding the exact prices need more than 64 bits: the round
    // says so at the instrument's reference.
    doc["priced_rounds"][0].erase("conversion_price_rounding");
    const std::vector<std::string> p = problems_of(doc);
    REQUIRE(p.size() == 4);
    CHECK(p[0] == "/priced_rounds/0/converts = $0.816243: /safes/0/conversion_price: the exact conversion price does not fit a "
                  "price_per_share (terms of 63 bits and a sign): its numerator has 23 digits (74 bits) and its denominator 20 digits "
                  "(64 bits): name a conversion price rounding, e.g. conversion_price_rounded(6, rounding::half_even) (the round "
                  "does not apply to the cap table before the rounds)");
}

TEST_CASE("deal file with conversions: every bad reference at its pointer") {
    {
        INFO("references that are not pointers to the file's instruments, listed twice, an empty list");
        json doc = example_json();
        doc["priced_rounds"][1]["converts"] = json::array({"/safes/3", "/safes/9", "/notes/x", "safes/0", 4, "/safes/3"});
        doc["priced_rounds"][0]["converts"] = json::array();
        CHECK(problems_of(doc) == std::vector<std::string>{
                                      "/priced_rounds/0/converts = []: must name at least one SAFE or note (or leave \"converts\" out)",
                                      "/priced_rounds/1/converts/1 = \"/safes/9\": is not in the file: it has 4 SAFE(s)",
                                      "/priced_rounds/1/converts/2 = \"/notes/x\": must be a JSON pointer to a SAFE or a note of the "
                                      "file (\"/safes/0\", \"/notes/1\")",
                                      "/priced_rounds/1/converts/3 = \"safes/0\": must be a JSON pointer to a SAFE or a note of the "
                                      "file (\"/safes/0\", \"/notes/1\")",
                                      "/priced_rounds/1/converts/4 = 4: must be a JSON pointer to a SAFE or a note of the file "
                                      "(\"/safes/0\"), not a number",
                                      "/priced_rounds/1/converts/5 = \"/safes/3\": is listed twice (first at "
                                      "/priced_rounds/1/converts/0): an instrument converts once",
                                  });
    }
    {
        INFO("conversion terms without \"converts\"; \"converts\" without a close; a round priced by ownership");
        json doc = example_json();
        doc["priced_rounds"][1].erase("converts");
        doc["priced_rounds"][0].erase("close_date");
        doc["priced_rounds"][0]["conversion_pricing"] = "average";
        doc["priced_rounds"][0].erase("pre_money");
        doc["priced_rounds"][0]["new_money_ownership"] = "0.2";
        doc["priced_rounds"][0]["converts"] = "everything";
        CHECK(problems_of(doc) ==
              std::vector<std::string>{
                  "/priced_rounds/0/converts = \"everything\": must be \"all_outstanding\" or an array of JSON pointers to the "
                  "file's SAFEs and notes (\"/safes/0\", \"/notes/1\")",
                  "/priced_rounds/0/close_date: is required with \"converts\": the round's close, to which interest accrues "
                  "and after which nothing converts",
                  "/priced_rounds/0/conversion_pricing = \"average\": must be a conversion pricing: one of "
                  "conversion_shares_in_pre_money, conversion_shares_not_in_pre_money, dollars_invested",
                  "/priced_rounds/0/new_money_ownership = \"0.2\": a round that converts SAFEs or notes is priced by pre_money, "
                  "post_money or price_per_share",
                  "/priced_rounds/1/close_date = \"2026-10-31\": applies only to a round that converts SAFEs or notes (\"converts\")",
                  "/priced_rounds/1/conversion_price_rounding = {\"decimals\":4,\"mode\":\"half_even\"}: applies only to a round "
                  "that converts SAFEs or notes (\"converts\")",
              });
    }
    {
        INFO("an instrument dated after the round's close");
        json doc = example_json();
        doc["priced_rounds"][0]["converts"] = json::array({"/safes/0", "/safes/3"});
        CHECK(problems_of(doc) == std::vector<std::string>{
                                      "/priced_rounds/0/converts/1 = 2026-03-01: /safes/3/date: is after the round's close 2025-09-30: "
                                      "the SAFE cannot convert in it (the round does not apply to the cap table before the rounds)",
                                  });
    }
    {
        INFO("an instrument converting twice: both places named");
        json doc = example_json();
        doc["priced_rounds"][1]["converts"] = json::array({"/safes/3", "/notes/0"});
        CHECK(problems_of(doc) == std::vector<std::string>{
                                      "/priced_rounds/1/converts/1 = \"bridge\", $300,000.00: /notes/0: converted already in "
                                      "/priced_rounds/0 (\"Series A\"), listed by its \"all_outstanding\" (/priced_rounds/0/converts): "
                                      "an instrument converts once (the round does not apply to the cap table after /priced_rounds/0)",
                                  });
        // Listed by its pointer in both rounds.
        doc["priced_rounds"][0]["converts"] = json::array({"/safes/0", "/safes/1", "/notes/0", "/safes/2"});
        CHECK(problems_of(doc) == std::vector<std::string>{
                                      "/priced_rounds/1/converts/1 = \"bridge\", $300,000.00: /notes/0: converted already in "
                                      "/priced_rounds/0 (\"Series A\"), listed at /priced_rounds/0/converts/2: an instrument converts "
                                      "once (the round does not apply to the cap table after /priced_rounds/0)",
                                  });
    }
    {
        INFO("a round with conversions closing before the previous one; a problem of its terms at its member");
        json doc = example_json();
        doc["priced_rounds"][1]["close_date"] = "2025-06-30";
        doc["priced_rounds"][1]["series"] = "Series A Preferred";
        CHECK(problems_of(doc) ==
              std::vector<std::string>{
                  "/priced_rounds/1/close_date = 2025-06-30: is before the close 2025-09-30 of /priced_rounds/0 (\"Series A\"): rounds with "
                  "conversions close in the chain's order (the round does not apply to the cap table after /priced_rounds/0)",
                  "/priced_rounds/1/series = \"Series A Preferred\": is already a class on the cap table (\"Series A Preferred\"): a "
                  "priced round issues a new series (the round does not apply to the cap table after /priced_rounds/0)",
                  "/priced_rounds/1/converts/0 = 2026-03-01: /safes/3/date: is after the round's close 2025-06-30: the SAFE cannot "
                  "convert in it (the round does not apply to the cap table after /priced_rounds/0)",
              });
    }
}

// The chain's problems that name an earlier round are written from its facts (tenth session: the
// deal file read the round and place back from the rule's text, and a round name holding that
// text fooled it: the close's "rounds[0] (" in a name became "/priced_rounds/0 (", and the rule
// of an instrument converting again was cut at the name's ": an instrument converts once").
TEST_CASE("deal file with conversions: a problem naming an earlier round names it by its pointer, whatever its name") {
    json doc = example_json();
    const std::string name = "Series A, rounds[0] (the seed's): an instrument converts once";
    doc["priced_rounds"][0]["name"] = name;
    {
        INFO("the facts of the chain: the note /notes/0 listed again by the Series B, second on its list");
        deal_file d = parse_deal_file(doc.dump());
        REQUIRE(d.conversions.size() == 2);
        d.conversions[1].listed.notes = {0};
        const round_chain_outcome ran = d.chain(2).try_run();
        REQUIRE_FALSE(ran.ok());
        CHECK(ran.failed_round == std::optional<std::size_t>(1));
        REQUIRE(ran.problems.size() == 1);
        CHECK(ran.problems[0].field == field_path("rounds").index(1).member("notes").index(0));
        CHECK(ran.repeated == std::vector<repeated_conversion>{{0, instrument_kind::note, 0, "/notes/0", 0, 0, "/notes/0"}});
        CHECK_FALSE(ran.early_close);
    }
    {
        INFO("an instrument converting again: the earlier round by its pointer and its listing");
        json again = doc;
        again["priced_rounds"][1]["converts"] = json::array({"/safes/3", "/notes/0"});
        CHECK(problems_of(again) == std::vector<std::string>{
                                        "/priced_rounds/1/converts/1 = \"bridge\", $300,000.00: /notes/0: converted already in "
                                        "/priced_rounds/0 (\"" + name + "\"), listed by its \"all_outstanding\" "
                                        "(/priced_rounds/0/converts): an instrument converts once (the round does not apply to the "
                                        "cap table after /priced_rounds/0)",
                                    });
        again["priced_rounds"][0]["converts"] = json::array({"/safes/0", "/safes/1", "/notes/0", "/safes/2"});
        CHECK(problems_of(again) == std::vector<std::string>{
                                        "/priced_rounds/1/converts/1 = \"bridge\", $300,000.00: /notes/0: converted already in "
                                        "/priced_rounds/0 (\"" + name + "\"), listed at /priced_rounds/0/converts/2: an instrument "
                                        "converts once (the round does not apply to the cap table after /priced_rounds/0)",
                                    });
    }
    {
        INFO("a close before the earlier round's");
        json early = doc;
        early["priced_rounds"][1]["close_date"] = "2025-06-30";
        early["priced_rounds"][1]["converts"] = json::array({"/safes/2"});
        CHECK(problems_of(early) == std::vector<std::string>{
                                        "/priced_rounds/1/close_date = 2025-06-30: is before the close 2025-09-30 of /priced_rounds/0 "
                                        "(\"" + name + "\"): rounds with conversions close in the chain's order (the round does not "
                                        "apply to the cap table after /priced_rounds/0)",
                                        "/priced_rounds/1/converts/0 = \"angel\", $250,000.00: /safes/2: converted already in "
                                        "/priced_rounds/0 (\"" + name + "\"), listed by its \"all_outstanding\" "
                                        "(/priced_rounds/0/converts): an instrument converts once (the round does not apply to the "
                                        "cap table after /priced_rounds/0)",
                                    });
    }
}

// A holder a chain problem names ("holders[1]") is named by its pointer from the chain's facts
// (eleventh session: the deal file replaced every "holders[k]" in the rule's text, and a name
// holding "holders[0]" became "/cap_table/holders/0" inside the quoted name).
TEST_CASE("deal file with conversions: a holder a problem names is named by its pointer, whatever its name") {
    const std::string bob = "Bob (not holders[0], nor holders[7])";
    json doc = example_json();
    doc["cap_table"]["holders"][1]["name"] = bob;
    {
        INFO("a converting round's new investor with a holder's name: the table after names it");
        json same = doc;
        same["priced_rounds"][0]["new_investors"][0]["name"] = bob;
        CHECK(problems_of(same) ==
              std::vector<std::string>{"/priced_rounds/0 = \"" + bob + "\": after.holders[8].name: is the same name as "
                                       "/cap_table/holders/1 \"" + bob + "\" (ids \"bob\" and \"lead\"); use one holder, or declare the "
                                       "two distinct (in the cap table after the round) (the round does not apply to the cap table "
                                       "before the rounds)"});
    }
    {
        INFO("a plain round's new investor with the name of one an earlier round added");
        json same = doc;
        same["priced_rounds"][0]["new_investors"][0]["name"] = "Lead (holders[1])";
        for (const char* member : {"converts", "close_date", "conversion_price_rounding"}) same["priced_rounds"][1].erase(member);
        same["priced_rounds"][1]["new_investors"][0]["name"] = "Lead (holders[1])";
        CHECK(problems_of(same) == std::vector<std::string>{
                                       "/priced_rounds/1/new_investors/0/name = \"Lead (holders[1])\": is the same name as "
                                       "/priced_rounds/0/new_investors/0 \"Lead (holders[1])\" (ids \"lead\" and \"growth\"); use one "
                                       "holder, or declare the two distinct (the round does not apply to the cap table after "
                                       "/priced_rounds/0)"});
    }
}

namespace {

// The example with a second SAFE of the same terms as the later angel's (/safes/4: $1M, 20%
// discount, 2026-03-01, the second tranche of one commitment) and a Series C at $10.00 a share
// ($10M from a crossover fund, 1,000,000 shares) converting @p c_converts.
json with_identical_safe(const json& c_converts) {
    json doc = example_json();
    doc["safes"].push_back(doc["safes"][3]);
    doc["priced_rounds"].push_back(json{{"name", "Series C"},
                                        {"series", "Series C Preferred"},
                                        {"price_per_share", {{"amount", "$10"}, {"shares", 1}}},
                                        {"investors", json::array({json{{"holder", "crossover"}, {"amount", "$10M"}}})},
                                        {"new_investors", json::array({json{{"id", "crossover"}, {"name", "Crossover"}, {"kind", "investor"}}})},
                                        {"converts", c_converts},
                                        {"close_date", "2027-03-31"},
                                        {"conversion_price_rounding", {{"decimals", 4}, {"mode", "half_even"}}}});
    return doc;
}

}  // namespace

// Two SAFEs with the same terms at two places of the file are two instruments, each converting
// once (regression: the chain told instruments apart by their terms and reported the second as
// the first converting twice). The Series B as in the example (the first: $4.1061, 243,540
// shares; 19,483,154 after); in the Series C at $10.00 the second converts at 0.8 x $10.00 =
// $8.00: 1,000,000 / 8 = 125,000 shares exactly; 19,483,154 + 125,000 + 1,000,000 = 20,608,154.
TEST_CASE("deal file with conversions: two SAFEs with the same terms each convert once, in the rounds that list them") {
    for (const json& converts : {json::array({"/safes/4"}), json("all_outstanding")}) {
        INFO("the Series C converts " << converts.dump());
        const json doc = with_identical_safe(converts);
        json_reader reader;
        const std::optional<deal_file> d = read_deal_file(reader, doc);
        for (const diagnostic& p : reader.problems()) INFO(detail::json_problem_line(p));
        REQUIRE(reader.problems().empty());
        REQUIRE(d);
        CHECK(d->converting_in(2).safes == std::vector<std::size_t>{4});
        const round_chain_result chain = d->chain(3).run();
        REQUIRE(chain.conversion(1));
        REQUIRE(chain.conversion(1)->conversions().size() == 1);
        CHECK(chain.conversion(1)->conversions()[0].shares == share_count(243'540));
        REQUIRE(chain.conversion(2));
        REQUIRE(chain.conversion(2)->conversions().size() == 1);
        const instrument_conversion& c = chain.conversion(2)->conversions()[0];
        CHECK(c.holder == holder_id("later"));
        CHECK(c.conversion_price.units_per_share() == fraction(8'000));
        CHECK(c.shares == share_count(125'000));
        CHECK(c.not_converted_units == fraction(0));
        CHECK(chain.final_table().fully_diluted().total() == share_count(20'608'154));
        CHECK(chain.shares_history(holder_id("later")) ==
              std::vector<share_count>{share_count(0), share_count(0), share_count(243'540), share_count(368'540)});
        CHECK(d->outstanding_after(chain).safes.empty());
    }
    // The same place listed by the Series B and the Series C: one instrument converting twice.
    CHECK(problems_of(with_identical_safe(json::array({"/safes/3"}))) ==
          std::vector<std::string>{
              "/priced_rounds/2/converts/0 = \"later\", $1,000,000.00: /safes/3: converted already in /priced_rounds/1 (\"Series B\"), "
              "listed at /priced_rounds/1/converts/0: an instrument converts once (the round does not apply to the cap table after "
              "/priced_rounds/1)",
          });
}

// Both in the Series B: P = 80M / (15,342,954 + 2 x 1M / 0.8P), P = 77,500,000 / 15,342,954 =
// $5.05117..., rounded $5.0512; each SAFE's price 0.8 x 5.0512 = 4.04096 -> $4.0410;
// 1,000,000 / 4.0410 -> 247,463 shares each; the growth fund 20,000,000 / 5.0512 -> 3,959,455;
// 15,342,954 + 2 x 247,463 + 3,959,455 = 19,797,335 after.
TEST_CASE("deal file with conversions: two SAFEs with the same terms in one round both convert") {
    json doc = example_json();
    doc["safes"].push_back(doc["safes"][3]);
    doc["priced_rounds"][1]["converts"] = json::array({"/safes/3", "/safes/4"});
    const deal_file d = parse_deal_file(doc.dump());
    const round_chain_result chain = d.chain(2).run();
    const converted_round& b = *chain.conversion(1);
    CHECK(b.price().units_per_share() == fraction(50'512, 10));
    REQUIRE(b.conversions().size() == 2);
    CHECK(b.conversions()[0].conversion_price.units_per_share() == fraction(40'410, 10));
    CHECK(b.conversions()[0].shares == share_count(247'463));
    CHECK(b.conversions()[1].shares == share_count(247'463));
    CHECK(b.new_money().investment_of("growth").shares == share_count(3'959'455));
    CHECK(chain.final_table().fully_diluted().total() == share_count(19'797'335));
}

TEST_CASE("deal file with conversions: a converting round's own problems at the members of the file") {
    // conversion_round's fields mapped to the document: option_pool.pool is option_pool/top_up,
    // investors[k].amount is investors/k/amount, price is price_per_share.
    json doc = example_json();
    doc["priced_rounds"][0]["option_pool"]["top_up"] = "Nope";
    doc["priced_rounds"][0]["investors"][0]["amount"] = "$0";
    CHECK(problems_of(doc) == std::vector<std::string>{
                                  "/priced_rounds/0/investors/0/amount = $0.00: must be positive (the round does not apply to the "
                                  "cap table before the rounds)",
                                  "/priced_rounds/0/option_pool/top_up = \"Nope\": is not a pool on the cap table (its pools: "
                                  "\"2024 Plan\"); to create it in the round, use new_pool() (in a deal file, option_pool's "
                                  "\"create\") (the round does not apply to the cap table before the rounds)",
                              });
    // A pool target without top_up: the member the file leaves out, by its JSON name (regression,
    // review of 2026-12-05: "option_pool = \"\": option_pool.pool: is not a pool on the cap table").
    json no_top_up = example_json();
    no_top_up["priced_rounds"][0]["option_pool"].erase("top_up");
    CHECK(problems_of(no_top_up) == std::vector<std::string>{
                                        "/priced_rounds/0/option_pool: top_up: the pool target needs the pool to top up: name it (the "
                                        "round does not apply to the cap table before the rounds)",
                                    });
    json priced = example_json();
    priced["priced_rounds"][1].erase("pre_money");
    priced["priced_rounds"][1]["price_per_share"] = json{{"amount", "0.5 EUR"}, {"shares", 1}};
    CHECK(problems_of(priced) == std::vector<std::string>{
                                     // Read-time check (the reader knows the cap table's currency): the price in full.
                                     "/priced_rounds/1/price_per_share = €0.5000: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
                                 });
}

}  // namespace test_json_deal_chain
