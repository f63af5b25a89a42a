// Deal files (json/deal_file.hpp): the example files read to the figures the C++ examples
// print, round trips on seeded random deal files, and every problem with its pointer and rule.
#include <fundround/json/deal_file.hpp>
#include <fundround/fundround.hpp>
#include <fundround/detail/random.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef FUNDROUND_EXAMPLES_DIR
#error "FUNDROUND_EXAMPLES_DIR must name examples/ (tests/CMakeLists.txt sets it)"
#endif

namespace test_json_deal_file {

using namespace fundround;
using namespace fundround::literals;
using nlohmann::json;
using date::year;

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string example(const std::string& name) { return file_text(std::string(FUNDROUND_EXAMPLES_DIR) + "/" + name); }

// The problems of reading @p doc as a deal file, one "pointer = value: rule" line each.
std::vector<std::string> problems_of(const json& doc) {
    json_reader reader;
    const auto d = read_deal_file(reader, doc);
    CHECK(!d);
    std::vector<std::string> lines;
    for (const diagnostic& p : reader.problems()) lines.push_back(fundround::detail::json_problem_line(p));
    return lines;
}

// Read, written, read again: the same text both times.
void check_round_trip(const deal_file& d) {
    const std::string once = write_deal_file(d);
    const deal_file again = parse_deal_file(once);
    CHECK(write_deal_file(again) == once);
    CHECK(again.company == d.company);
    CHECK(again.cap_table_before.has_value() == d.cap_table_before.has_value());
    if (d.cap_table_before && again.cap_table_before) CHECK(*again.cap_table_before == *d.cap_table_before);
}

// examples/reference_round.json is examples/reference_round.cpp's round: the same summary,
// character for character, then the scenarios and the counter-commitment of REFERENCE.md.
TEST_CASE("deal file: examples/reference_round.json prints what examples/reference_round.cpp prints") {
    const deal_file d = parse_deal_file(example("reference_round.json"));
    REQUIRE(d.rounds.size() == 1);
    const funding_round& round = d.round("Reference round, 2026");
    std::ostringstream out;
    print_summary(out, round);
    out << "\nAmazon owns " << round.ownership("Amazon") << " fully funded, " << round.ownership_at_close("Amazon")
        << " at close\n";
    CHECK(out.str() == example("expected/reference_round.txt"));
    CHECK(round.post_money() == 840_B);
    CHECK(round.ownership("Amazon") == fraction(5, 84));
    CHECK(round.ownership_at_close("Amazon") == fraction(3, 161));
    CHECK(round.ownership("Nvidia") == fraction(1, 28));

    REQUIRE(d.scenarios.size() == 3);
    const scenario_result met = d.scenarios[0].apply_to(round);
    CHECK(met.name() == "conditions met (A5)");
    CHECK(met.raised() == 110_B);
    CHECK(met.post_money() == 840_B);
    const scenario_result failed = d.scenarios[1].apply_to(round);
    CHECK(failed.raised() == 75_B);
    CHECK(failed.lapsed() == 35_B);
    CHECK(failed.post_money() == 805_B);
    CHECK(failed.ownership("Amazon") == fraction(3, 161));
    const scenario_result never = d.scenarios[2].apply_to(round);
    CHECK(never.never_settled() == 35_B);
    CHECK(never.post_money() == 805_B);

    REQUIRE(d.counter_commitments.size() == 1);
    const counter_commitment& aws = d.counter_commitments[0];
    CHECK(aws.counterparty() == "Amazon");
    CHECK(aws.total() == 100_B);
    REQUIRE(aws.flows().size() == 8);
    for (const cash_flow& f : aws.flows()) CHECK(f.amount == 12'500_M);
    CHECK(aws.first_date() == year{2026} / 12 / 31);
    CHECK(aws.last_date() == year{2033} / 12 / 31);
    CHECK(aws.flows()[0].label == "AWS cloud contract growth 1/8");
    check_round_trip(d);
}

// examples/series_abc.json is examples/series_abc_waterfall.cpp's company: its priced rounds
// as a chain give the waterfall, breakpoints and founders' payouts the example prints.
TEST_CASE("deal file: examples/series_abc.json prints what examples/series_abc_waterfall.cpp prints") {
    const deal_file d = parse_deal_file(example("series_abc.json"));
    REQUIRE(d.cap_table_before);
    REQUIRE(d.priced_rounds.size() == 3);
    round_chain chain(*d.cap_table_before);
    for (const cap_table_round& r : d.priced_rounds) chain.then(r);
    const round_chain_result history = chain.run();
    const waterfall w = waterfall::build(history.final_table());
    std::ostringstream out;
    print_waterfall(out, w, {30_M, 50_M, 100_M, 250_M, 600_M});
    out << '\n';
    print_breakpoints(out, w);
    out << '\n';
    const chain_payouts founders =
        payouts_by_round(history, {holder_id("ada"), holder_id("bob")}, {30_M, 100_M, 250_M, 600_M});
    print_payouts_by_round(out, founders, "Founders' payout (Ada + Bob) on the cap table after each round");
    // The file adds two holders the example does not have, the SAFE's and the note's: they hold
    // nothing until those convert, so the holder table shows them with $0.00 at every exit.
    std::istringstream lines(out.str());
    std::string printed;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  Angel ", 0) == 0 || line.rfind("  Bridge ", 0) == 0) {
            CHECK(line.find("$0.00            $0.00            $0.00            $0.00             $0.00") != std::string::npos);
            continue;
        }
        printed += line + "\n";
    }
    CHECK(printed == example("expected/series_abc_waterfall.txt"));

    // The SAFE and the note, every term as written.
    REQUIRE(d.safes.size() == 1);
    const safe& s = d.safes[0];
    CHECK(s.holder == holder_id("angel"));
    CHECK(s.purchase_amount == 500_K);
    CHECK(s.valuation_cap == std::optional<money>(10_M));
    CHECK(s.discount == std::optional<fraction>(fraction(1, 5)));
    CHECK(s.type() == safe_type::cap_and_discount);
    REQUIRE(d.notes.size() == 1);
    const convertible_note& n = d.notes[0];
    CHECK(n.principal == 250_K);
    CHECK(n.annual_rate == fraction(8, 100));
    // convertible_note.hpp's worked example: 366 days / 365 x 8% x $250,000 = $20,054.795.
    CHECK(n.accrued_interest(year{2025} / 1 / 1) == money::from_units(20'054'795));
    CHECK(n.qualifies(1_M));
    CHECK(!n.qualifies(999_K));
    check_round_trip(d);
}

}  // namespace test_json_deal_file
