// The fundround tool's commands on deals built in code (tools/fundround/deal_commands.hpp): priced
// rounds, scenarios, counter-commitments and SAFEs go through the same code as
// `fundround report deal.json`, with exact figures checked here. The runs on deal files are the
// end-to-end tests of tests/cli/cases.cmake.
#include "deal_commands.hpp"

#include <fundround/deal/round_builder.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/time/installments.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace test_cli_commands {

using namespace fundround;
using namespace fundround::literals;
using namespace fundround_cli;

/// What a command printed and returned.
struct run_result {
    int code;         ///< The exit code.
    std::string out;  ///< Standard output.
    std::string err;  ///< Standard error.
};

/// True if @p text has a line whose words (split at spaces) are exactly @p words: a table row,
/// whatever the column widths.
bool has_row(const std::string& text, const std::vector<std::string>& words) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        std::vector<std::string> got;
        std::string w;
        while (in >> w) got.push_back(w);
        if (got == words) return true;
    }
    return false;
}

/// Runs @p command (a run_* of deal_commands.hpp) on @p deal with @p request.
template <class Request, class Command>
run_result run(Command command, const deal_file& deal, const Request& request) {
    std::ostringstream out;
    std::ostringstream err;
    const streams io{out, err, false};
    const int code = command(deal, request, io);
    return {code, out.str(), err.str()};
}

/// The reference round (shared/REFERENCE.md), Amazon's $35B waiting on "certain conditions"
/// (close assumed on 2026-02-27, Nvidia and SoftBank in full at close: examples/reference_round.cpp).
funding_round reference_round() {
    return round_builder("Reference round, 2026")
        .pre_money(730_B)
        .close_date(year{2026} / 2 / 27)
        .invest(investor::strategic("Amazon"), 50_B,
                {tranche::at_close(15_B), tranche::when(35_B, milestone("certain conditions"))})
        .invest(investor::strategic("Nvidia"), 30_B)
        .invest(investor::financial("SoftBank"), 30_B)
        .build();
}

/// The reference round with a scenario where the conditions are met on 2026-09-30 and the
/// company's $100B of new cloud spend with Amazon, $12.5B each 31 December 2026-2033.
deal_file reference_deal() {
    deal_file d;
    d.company = "Reference";
    d.rounds.push_back(reference_round());
    d.scenarios.push_back(scenario("met").achieve("certain conditions", year{2026} / 9 / 30));
    d.scenarios.push_back(scenario("typo").achieve("certain conditionz", year{2026} / 9 / 30));
    d.counter_commitments.push_back(counter_commitment::from_installments(
        "AWS cloud contract growth", "Amazon", installments(100_B, year{2026} / 12 / 31, 8, frequency::yearly)));
    return d;
}

/// 8,000,000 common for Ada and a 1,000,000-share pool (9,000,000 fully diluted), then a Series A
/// of $2M at an $8M pre-money: $8M / 9,000,000 = $0.888... a share, 2,250,000 new shares, and
/// Blue owns 2,250,000 / 11,250,000 = 1/5 after it.
deal_file company_with_series_a() {
    deal_file d;
    d.company = "Small Co";
    d.cap_table_before = cap_table_builder()
                             .add(holder(holder_id("ada"), "Ada", holder_kind::founder))
                             .add(share_class::common("Common"))
                             .add(option_pool{"Plan", "Common", share_count(1'000'000)})
                             .holding(holder_id("ada"), "Common", share_count(8'000'000))
                             .build();
    d.priced_rounds.push_back(
        cap_table_round(priced_round_terms("Series A").pre_money(8_M).invest("blue", 2_M), "Series A Preferred")
            .add_investor(holder::investor("blue", "Blue Shirt Capital")));
    return d;
}

TEST_CASE("report: the net flows with the counter-commitments, in a scenario of the deal") {
    const deal_file d = reference_deal();
    report_request rq;
    rq.file = "deal.json";
    rq.scenario = "met";
    const run_result r = run<report_request>(
        [](const deal_file& x, const report_request& q, const streams& io) { return run_report(x, q, io); }, d, rq);
    INFO(r.out, r.err);
    CHECK(r.code == exit_ok);
    CHECK(r.err.empty());
    CHECK(r.out.find("Company: Reference\n") == 0);
    CHECK(r.out.find("Net flows with the counter-commitments, the equity paid in scenario \"met\"\n") !=
          std::string::npos);
    // 2026: Amazon pays $15B at close and $35B on 2026-09-30; the company pays $12.5B on 31 December.
    CHECK(has_row(r.out, {"2026", "$50B", "$12.5B", "$37.5B", "$37.5B"}));
    // 2033: the last $12.5B; in total $50B in, $100B out, net -$50B.
    CHECK(has_row(r.out, {"2033", "$0", "$12.5B", "-$12.5B", "-$50B"}));
    CHECK(has_row(r.out, {"Total", "$50B", "$100B", "-$50B"}));

    // With no milestone settled, Amazon pays only its $15B.
    rq.scenario.reset();
    const run_result at_close = run<report_request>(
        [](const deal_file& x, const report_request& q, const streams& io) { return run_report(x, q, io); }, d, rq);
    INFO(at_close.out);
    CHECK(at_close.code == exit_ok);
    CHECK(has_row(at_close.out, {"Total", "$15B", "$100B", "-$85B"}));
}

TEST_CASE("schedule: in a scenario; a scenario that does not fit the round; an unknown scenario") {
    const deal_file d = reference_deal();
    const auto command = [](const deal_file& x, const schedule_request& q, const streams& io) {
        return run_schedule(x, q, io);
    };
    schedule_request rq;
    rq.file = "deal.json";
    rq.as_of = "2026-12-31";
    rq.scenario = "met";
    const run_result met = run<schedule_request>(command, d, rq);
    INFO(met.out, met.err);
    CHECK(met.code == exit_ok);
    CHECK(met.out.find("Reference round, 2026 (USD) on 2026-12-31, in scenario \"met\"\n") == 0);
    CHECK(has_row(met.out, {"Funded", "$110B", "paid", "on", "or", "before", "2026-12-31"}));
    CHECK(has_row(met.out, {"Post-money", "$840B", "pre-money", "$730B", "+", "funded", "$110B"}));
    // Amazon 50/840 = 5/84 = 5.9524%.
    CHECK(has_row(met.out, {"Amazon", "$50B", "$0", "$0", "$0", "$50B", "5.9524%"}));
    CHECK(has_row(met.out, {"2026-09-30", "Amazon", "2", "$35B", "$110B", "paid"}));

    rq.scenario = "typo";
    const run_result typo = run<schedule_request>(command, d, rq);
    CHECK(typo.code == exit_not_applicable);
    CHECK(typo.out.empty());
    CHECK(typo.err.find("deal.json: --scenario \"typo\" on round \"Reference round, 2026\": ") == 0);
    CHECK(typo.err.find("certain conditionz") != std::string::npos);

    rq.scenario = "never";
    const run_result unknown = run<schedule_request>(command, d, rq);
    CHECK(unknown.code == exit_not_applicable);
    CHECK(unknown.err ==
          "deal.json: --scenario = \"never\": not in the deal file (its scenarios: \"met\", \"typo\")\n");
}

TEST_CASE("captable --after: the priced round's pricing and the cap table after it") {
    const deal_file d = company_with_series_a();
    const auto command = [](const deal_file& x, const captable_request& q, const streams& io) {
        return run_captable(x, q, io);
    };
    captable_request rq;
    rq.file = "deal.json";
    const run_result before = run<captable_request>(command, d, rq);
    CHECK(before.code == exit_ok);
    CHECK(before.out.find("Cap table before the priced rounds of Small Co\n") == 0);

    rq.after = "Series A";
    const run_result after = run<captable_request>(command, d, rq);
    CHECK(after.code == exit_ok);
    CHECK(after.err.empty());
    CHECK(after.out.find("\nCap table after Series A of Small Co\n") != std::string::npos);
    // 2,250,000 new shares; 11,250,000 fully diluted; Blue owns 1/5.
    CHECK(after.out.find("2,250,000") != std::string::npos);
    CHECK(after.out.find("11,250,000") != std::string::npos);
    CHECK(after.out.find("Blue Shirt Capital") != std::string::npos);
    CHECK(after.out.find("20.0000%") != std::string::npos);

    rq.after = "Series B";
    const run_result unknown = run<captable_request>(command, d, rq);
    CHECK(unknown.code == exit_not_applicable);
    CHECK(unknown.err ==
          "deal.json: --after = \"Series B\": not a priced round of the deal file (its priced rounds: \"Series A\")\n");
}

TEST_CASE("report: the priced rounds on the cap table") {
    const deal_file d = company_with_series_a();
    report_request rq;
    rq.file = "deal.json";
    const run_result r = run<report_request>(
        [](const deal_file& x, const report_request& q, const streams& io) { return run_report(x, q, io); }, d, rq);
    INFO(r.out, r.err);
    CHECK(r.code == exit_ok);
    CHECK(r.out.find("Company: Small Co\n\nPriced rounds on the cap table\n") == 0);
    CHECK(r.out.find("Blue Shirt Capital") != std::string::npos);
}

// --after names a round: the table just after it, as `captable --after` shows it, for the file's
// last round too, whose chain (deal_file::chain()) goes on with the issuances after it (a lender
// the issue adds is not on it); without --after, convert exports the whole file, the issue too.
TEST_CASE("waterfall and convert --after the last round: the table just after it, not the issuances after it") {
    deal_file d = company_with_series_a();
    d.issuances.push_back({1, chain_issuance(share_issuance::sale("Lender shares", share_count(500'000), 50_K),
                                             holder_id("lender"), "Common")
                                  .add_holder(holder::investor("lender", "Lender Co"))});
    waterfall_request wq;
    wq.file = "deal.json";
    wq.exits = {"10M"};
    wq.after = "Series A";
    const run_result w = run<waterfall_request>(
        [](const deal_file& x, const waterfall_request& q, const streams& io) { return run_waterfall(x, q, io); }, d, wq);
    INFO(w.out, w.err);
    CHECK(w.code == exit_ok);
    CHECK(w.out.find("On the cap table after Series A of Small Co\n") == 0);
    CHECK(w.out.find("Blue Shirt Capital") != std::string::npos);
    CHECK(w.out.find("Lender Co") == std::string::npos);

    const auto convert = [](const deal_file& x, const convert_request& q, const streams& io) { return run_convert(x, q, io); };
    convert_request cq;
    cq.file = "deal.json";
    cq.to = "ocf";
    cq.as_of = "2026-06-30";
    const run_result all = run<convert_request>(convert, d, cq);
    INFO(all.err);
    CHECK(all.code == exit_ok);
    CHECK(all.out.find("Lender Co") != std::string::npos);
    CHECK(all.err.find("the cap table after Series A and the issuances after it (Lender shares)") != std::string::npos);
    // The issue is its own transaction, at $0.1 a share, dated the as-of date and said so.
    CHECK(all.out.find("\"fundround: issuance between priced rounds: Lender shares\"") != std::string::npos);
    CHECK(all.out.find("\"amount\": \"0.1\"") != std::string::npos);
    CHECK(all.err.find("left out: 1 issuance(s) between priced rounds have no date: they are dated the as-of date 2026-06-30") !=
          std::string::npos);
    cq.after = "Series A";
    const run_result after = run<convert_request>(convert, d, cq);
    INFO(after.err);
    CHECK(after.code == exit_ok);
    CHECK(after.out.find("Lender Co") == std::string::npos);
    CHECK(after.out.find("Blue Shirt Capital") != std::string::npos);
    CHECK(after.err.find("package of the cap table after Series A\n") != std::string::npos);
    CHECK(after.out.find("Lender shares") == std::string::npos);
    CHECK(after.err.find("issuance(s) between priced rounds") == std::string::npos);
}

TEST_CASE("waterfall --after: on the cap table after the round; the SAFEs still outstanding are paid there") {
    deal_file d = company_with_series_a();
    const auto command = [](const deal_file& x, const waterfall_request& q, const streams& io) {
        return run_waterfall(x, q, io);
    };
    waterfall_request rq;
    rq.file = "deal.json";
    rq.exits = {"1M", "10M"};
    rq.after = "Series A";
    const run_result r = run<waterfall_request>(command, d, rq);
    INFO(r.out, r.err);
    CHECK(r.code == exit_ok);
    CHECK(r.err.empty());
    CHECK(r.out.find("On the cap table after Series A of Small Co\n") == 0);
    // At $1M the Series A's $2M preference (2,250,000 shares at $8M / 9,000,000) takes everything.
    CHECK(r.out.find("Exit values: $1,000,000.00, $10,000,000.00\n") != std::string::npos);
    CHECK(r.out.find("partly_paid") != std::string::npos);

    // A SAFE no priced round converts is outstanding after Series A too, and paid there; its
    // holder must be on the table (a deal file read from JSON is checked for that; a deal built in
    // code is not), before and after the round alike.
    d.safes.push_back(safe::post_money_cap(holder_id("angel"), 500_K, 10_M, year{2026} / 1 / 15));
    const run_result unknown = run<waterfall_request>(command, d, rq);
    CHECK(unknown.code == exit_not_applicable);
    CHECK(unknown.err == "fundround: safes[0] \"angel\".holder = \"angel\": is not a holder on the cap table\n");
    rq.after.reset();
    const run_result before = run<waterfall_request>(command, d, rq);
    CHECK(before.code == exit_not_applicable);
    CHECK(before.err == unknown.err);

    d.cap_table_before = cap_table_builder(*d.cap_table_before).add(holder::investor("angel", "Angel")).build();
    rq.after = "Series A";
    const run_result paid = run<waterfall_request>(command, d, rq);
    INFO(paid.out, paid.err);
    CHECK(paid.code == exit_ok);
    CHECK(paid.err.empty());
    CHECK(paid.out.find("On the cap table after Series A of Small Co, with the SAFEs and notes outstanding\n") == 0);
    // $500K at a $10M post-money cap: the SAFE's line, on par with the Series A (seniority 0).
    CHECK(has_row(paid.out, {"SAFE:", "Angel", "post-money", "SAFE", "(valuation", "cap)", "0", "$500,000.00", "$10M",
                             "L", "(converting", "ones)"}));
}

// Regression (twelfth session, a new user's friction): on a file without priced rounds the header
// said "On the cap table before the priced rounds of"; it now names the file's cap table, as
// captable does ("Cap table of").
TEST_CASE("waterfall: the header names the table it is on, with priced rounds or without") {
    deal_file d = company_with_series_a();
    const auto command = [](const deal_file& x, const waterfall_request& q, const streams& io) {
        return run_waterfall(x, q, io);
    };
    waterfall_request rq;
    rq.file = "deal.json";
    rq.exits = {"10M"};
    const run_result with_rounds = run<waterfall_request>(command, d, rq);
    CHECK(with_rounds.code == exit_ok);
    CHECK(with_rounds.out.find("On the cap table before the priced rounds of Small Co\n") == 0);
    d.priced_rounds.clear();
    const run_result without = run<waterfall_request>(command, d, rq);
    INFO(without.out, without.err);
    CHECK(without.code == exit_ok);
    CHECK(without.out.find("On the cap table of Small Co\n") == 0);
    d.company.clear();
    CHECK(run<waterfall_request>(command, d, rq).out.find("On the cap table\n") == 0);
    // With SAFEs outstanding, the same header goes on.
    d.cap_table_before = cap_table_builder(*d.cap_table_before).add(holder::investor("angel", "Angel")).build();
    d.safes.push_back(safe::post_money_cap(holder_id("angel"), 500_K, 10_M, year{2026} / 1 / 15));
    d.company = "Small Co";
    CHECK(run<waterfall_request>(command, d, rq).out.find("On the cap table of Small Co, with the SAFEs and notes outstanding\n") == 0);
}

TEST_CASE("odds: several rounds share the --p options; a milestone no round uses is refused") {
    deal_file d = reference_deal();
    d.rounds.push_back(round_builder("Follow-on")
                           .pre_money(900_B)
                           .close_date(year{2027} / 3 / 31)
                           .invest(investor::financial("Fund"), 10_B,
                                   {tranche::when(10_B, milestone("IPO filed"))})
                           .build());
    const auto command = [](const deal_file& x, const odds_request& q, const streams& io) { return run_odds(x, q, io); };
    odds_request rq;
    rq.file = "deal.json";
    rq.chances = {"certain conditions=0.7", "IPO filed=1/4"};
    const run_result r = run<odds_request>(command, d, rq);
    INFO(r.out, r.err);
    CHECK(r.code == exit_ok);
    CHECK(r.err.empty());
    CHECK(has_row(r.out, {"Expected", "raise", "$99.5B", "of", "$110B", "committed"}));
    // The follow-on: $10B with probability 1/4, $2.5B expected.
    CHECK(r.out.find("\nFollow-on (USD): 1 milestone, 1 uncertain; exact over 2 outcomes\n") != std::string::npos);
    CHECK(has_row(r.out, {"Expected", "raise", "$2.5B", "of", "$10B", "committed"}));

    rq.round = "Follow-on";
    const run_result one = run<odds_request>(command, d, rq);
    CHECK(one.code == exit_not_applicable);
    CHECK(one.err ==
          "deal.json: --p = \"certain conditions=0.7\": no condition of round \"Follow-on\" waits on milestone "
          "\"certain conditions\" (its milestones: \"IPO filed\")\n");
}

}  // namespace test_cli_commands
