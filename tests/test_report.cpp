// print_summary / summary / operator<< on the reference round (/work/shared/REFERENCE.md),
// built as in examples/reference_round.cpp: headline figures, aligned tables, options.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_report {

namespace {

using namespace fundround;
using namespace fundround::literals;

// The reference round; assumptions as in the example: close on 2026-02-27 (A1), Nvidia and
// SoftBank fund in full at close (A2), Amazon's $35B waits on one milestone (A3), kinds (A4).
funding_round reference_round() {
    return round_builder("Reference round, 2026")
        .pre_money(730_B)
        .prior_mark(500_B, "secondary sale, October 2025")
        .prior_round(40_B, "the previous year's round")
        .close_date(year{2026} / 2 / 27)
        .invest(investor::strategic("Amazon"), 50_B,
                {tranche::at_close(15_B).labelled("first"),
                 tranche::when(35_B, milestone("certain conditions")).labelled("second")})
        .invest(investor::strategic("Nvidia"), 30_B)
        .invest(investor::financial("SoftBank"), 30_B)
        .build();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The lines of the section titled @p title: from its header row to the line before the next
// blank line (or the end).
std::vector<std::string> section(const std::string& text, const std::string& title) {
    const std::vector<std::string> all = lines_of(text);
    std::vector<std::string> out;
    bool in = false;
    for (const auto& line : all) {
        if (!in) {
            in = line == title;
            continue;
        }
        if (line.empty()) break;
        out.push_back(line);
    }
    return out;
}

// Display column (code points) of byte offset @p pos in UTF-8 @p line.
std::size_t column(const std::string& line, std::size_t pos) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < pos && i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0U) != 0x80U) ++n;
    }
    return n;
}

std::size_t width(const std::string& line) { return column(line, line.size()); }

// The code point at display column @p col of @p line, as a string ("" past the end).
std::string at_column(const std::string& line, std::size_t col) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) continue;
        if (n == col) {
            std::size_t j = i + 1;
            while (j < line.size() && (static_cast<unsigned char>(line[j]) & 0xC0U) == 0x80U) ++j;
            return line.substr(i, j - i);
        }
        ++n;
    }
    return "";
}

// Checks that in every row of @p table the right-aligned column titled @p title ends exactly
// where the title ends in the header row: a non-space there, and a space or line end after.
void check_right_aligned(const std::vector<std::string>& table, const std::string& title) {
    CAPTURE(title);
    REQUIRE(!table.empty());
    const std::size_t pos = table.front().find(title);
    REQUIRE(pos != std::string::npos);
    const std::size_t last = column(table.front(), pos) + width(title) - 1;
    for (const auto& row : table) {
        CAPTURE(row);
        CHECK(at_column(row, last) != " ");
        CHECK(at_column(row, last) != "");
        CHECK((at_column(row, last + 1) == " " || at_column(row, last + 1).empty()));
    }
}

// Checks that the left-aligned column titled @p title starts at the same column in every row
// (rows with an empty cell there are skipped by @p may_be_empty).
void check_left_aligned(const std::vector<std::string>& table, const std::string& title,
                        bool may_be_empty = false) {
    CAPTURE(title);
    REQUIRE(!table.empty());
    const std::size_t pos = table.front().find(title);
    REQUIRE(pos != std::string::npos);
    const std::size_t first = column(table.front(), pos);
    for (const auto& row : table) {
        CAPTURE(row);
        CHECK(at_column(row, first - 1) == " ");
        if (!may_be_empty || at_column(row, first) != " ") CHECK(at_column(row, first) != " ");
    }
}

}  // namespace

TEST_CASE("report: headline figures of the reference round") {
    const std::string text = summary(reference_round());
    CHECK(contains(text, "Reference round, 2026 (USD), closing 2026-02-27\n"));
    CHECK(contains(text, "$730B"));
    CHECK(contains(text, "  Pre-money             $730B\n"));
    CHECK(contains(text, "$110B = $75B at close + $0 scheduled + $35B conditional"));
    CHECK(contains(text, "$840B committed, $805B at close"));
    CHECK(contains(text, "  Post-money            $840B committed, $805B at close\n"));
    CHECK(contains(text, "1.46x"));
    CHECK(contains(text, "1.46x pre-money, 1.68x post-money, vs $500B (secondary sale, October 2025)"));
    CHECK(contains(text, "2.75x"));
    CHECK(contains(text, "2.75x the prior round of $40B (the previous year's round)"));
    CHECK(contains(text, "5.9524%"));
    CHECK(contains(text, "1.8634%"));
    CHECK(contains(text, "13.0952% committed, 9.3168% at close"));
    CHECK(contains(text, "86.9048% committed, 90.6832% at close"));
    CHECK_FALSE(contains(text, "Price per share"));  // no share count given
    CHECK(contains(text, "Dated $75B + undated $35B = $110B committed"));
    CHECK(contains(text, "  Dated $75B + undated $35B = $110B committed\n"));
}

TEST_CASE("report: the whole default summary, exactly") {
    const std::string expected =
        "Reference round, 2026 (USD), closing 2026-02-27\n"
        "  Pre-money             $730B\n"
        "  Raised, committed     $110B = $75B at close + $0 scheduled + $35B conditional\n"
        "  Post-money            $840B committed, $805B at close\n"
        "  Step-up               1.46x pre-money, 1.68x post-money, vs $500B (secondary sale, October 2025)\n"
        "  Raise multiple        2.75x the prior round of $40B (the previous year's round)\n"
        "  New investors own     13.0952% committed, 9.3168% at close\n"
        "  Existing holders own  86.9048% committed, 90.6832% at close\n"
        "\n"
        "Investors\n"
        "  Investor  Kind       Committed  At close  Scheduled  Conditional  Owns committed  Owns at close\n"
        "  Amazon    strategic       $50B      $15B         $0         $35B         5.9524%        1.8634%\n"
        "  Nvidia    strategic       $30B      $30B         $0           $0         3.5714%        3.7267%\n"
        "  SoftBank  financial       $30B      $30B         $0           $0         3.5714%        3.7267%\n"
        "  Total                    $110B      $75B         $0         $35B        13.0952%        9.3168%\n"
        "\n"
        "Schedule\n"
        "  Date        Investor  Amount  Status       Condition                       Cumulative\n"
        "  2026-02-27  Amazon      $15B  at close     at close                              $15B\n"
        "  2026-02-27  Nvidia      $30B  at close     at close                              $45B\n"
        "  2026-02-27  SoftBank    $30B  at close     at close                              $75B\n"
        "  undated     Amazon      $35B  conditional  milestone \"certain conditions\"       $110B\n"
        "  Dated $75B + undated $35B = $110B committed\n";
    const funding_round r = reference_round();
    CHECK(summary(r) == expected);
    std::ostringstream via_stream;
    via_stream << r;
    CHECK(via_stream.str() == expected);
    std::ostringstream via_print;
    print_summary(via_print, r);
    CHECK(via_print.str() == expected);
    CHECK(summary(r, report_options{}) == expected);
}

TEST_CASE("report: the schedule rows") {
    const std::vector<std::string> rows = section(summary(reference_round()), "Schedule");
    REQUIRE(rows.size() == 6);
    CHECK(rows[1].rfind("  2026-02-27  Amazon ", 0) == 0);
    CHECK(rows[2].rfind("  2026-02-27  Nvidia ", 0) == 0);
    CHECK(rows[3].rfind("  2026-02-27  SoftBank ", 0) == 0);
    CHECK(rows[4].rfind("  undated     Amazon ", 0) == 0);
    CHECK(contains(rows[1], " $15B  at close     at close "));
    CHECK(contains(rows[4], " $35B  conditional  milestone \"certain conditions\" "));
    // Cumulative column: $15B, $45B, $75B, then the undated entry brings it to $110B.
    const char* const cumulative[] = {"$15B", "$45B", "$75B", "$110B"};
    for (std::size_t i = 0; i < 4; ++i) {
        CAPTURE(i);
        const std::string& row = rows[i + 1];
        const std::string want = cumulative[i];
        REQUIRE(row.size() >= want.size());
        CHECK(row.substr(row.size() - want.size()) == want);
        CHECK(row[row.size() - want.size() - 1] == ' ');
    }
    CHECK(rows[5] == "  Dated $75B + undated $35B = $110B committed");
}

TEST_CASE("report: the investors table is aligned") {
    const std::vector<std::string> table = section(summary(reference_round()), "Investors");
    REQUIRE(table.size() == 5);  // header, three investors, total
    CHECK(table[0].rfind("  Investor  Kind ", 0) == 0);
    CHECK(table[4].rfind("  Total ", 0) == 0);
    // The last column is right-aligned and trailing blanks are trimmed, so every row has the
    // same length.
    for (const auto& row : table) {
        CAPTURE(row);
        CHECK(row.size() == table[0].size());
        CHECK(row.back() != ' ');
    }
    for (const char* title : {"Committed", "At close", "Scheduled", "Conditional", "Owns committed", "Owns at close"}) {
        check_right_aligned(table, title);
    }
    check_left_aligned(table, "Investor");
    check_left_aligned(table, "Kind", true);
    // The $50B sits under "Committed", the $15B under "At close".
    const std::size_t committed_end = table[0].find("Committed") + std::string("Committed").size();
    CHECK(table[1].substr(committed_end - 4, 4) == "$50B");
    const std::size_t at_close_end = table[0].find("At close") + std::string("At close").size();
    CHECK(table[1].substr(at_close_end - 4, 4) == "$15B");
    CHECK(table[4].substr(committed_end - 5, 5) == "$110B");
}

TEST_CASE("report: the schedule table is aligned") {
    const std::vector<std::string> table = section(summary(reference_round()), "Schedule");
    REQUIRE(table.size() == 6);
    const std::vector<std::string> rows(table.begin(), table.end() - 1);  // without the totals line
    for (const auto& row : rows) {
        CAPTURE(row);
        CHECK(row.size() == rows[0].size());
    }
    check_right_aligned(rows, "Amount");
    check_right_aligned(rows, "Cumulative");
    check_left_aligned(rows, "Date");
    check_left_aligned(rows, "Investor");
    check_left_aligned(rows, "Status");
    check_left_aligned(rows, "Condition");
}

TEST_CASE("report: the headline block is aligned") {
    const std::vector<std::string> all = lines_of(summary(reference_round()));
    REQUIRE(all.size() >= 8);
    // Values start in one column: after the longest label, "Existing holders own", plus two.
    const std::size_t value_column = std::string("  Existing holders own  ").size();
    for (std::size_t i = 1; i <= 7; ++i) {
        CAPTURE(all[i]);
        REQUIRE(all[i].size() > value_column);
        CHECK(all[i][value_column - 1] == ' ');
        CHECK(all[i][value_column] != ' ');
    }
}

TEST_CASE("report: full_amounts prints exact amounts") {
    report_options opt;
    opt.full_amounts = true;
    const std::string text = summary(reference_round(), opt);
    CHECK(contains(text, "$840,000,000,000.00"));
    CHECK(contains(text, "$840,000,000,000.00 committed, $805,000,000,000.00 at close"));
    CHECK(contains(text, "  Pre-money             $730,000,000,000.00\n"));
    CHECK(contains(text, "$110,000,000,000.00 = $75,000,000,000.00 at close + $0.00 scheduled + "
                         "$35,000,000,000.00 conditional"));
    CHECK(contains(text, "vs $500,000,000,000.00 (secondary sale, October 2025)"));
    CHECK(contains(text, "  Dated $75,000,000,000.00 + undated $35,000,000,000.00 = $110,000,000,000.00 committed\n"));
    CHECK_FALSE(contains(text, "$840B"));
    CHECK_FALSE(contains(text, "$15B"));
    // Percentages and multiples are unaffected.
    CHECK(contains(text, "1.46x pre-money"));
    CHECK(contains(text, "5.9524%"));
    // Still aligned.
    const std::vector<std::string> table = section(text, "Investors");
    REQUIRE(table.size() == 5);
    for (const auto& row : table) CHECK(row.size() == table[0].size());
    for (const char* title : {"Committed", "At close", "Scheduled", "Conditional"}) check_right_aligned(table, title);
    CHECK(contains(table[4], " $110,000,000,000.00  $75,000,000,000.00 "));
    const std::vector<std::string> sched = section(text, "Schedule");
    REQUIRE(sched.size() == 6);
    check_right_aligned(std::vector<std::string>(sched.begin(), sched.end() - 1), "Amount");
    check_right_aligned(std::vector<std::string>(sched.begin(), sched.end() - 1), "Cumulative");
}

TEST_CASE("report: percent_decimals and multiple_decimals") {
    report_options opt;
    opt.percent_decimals = 6;
    std::string text = summary(reference_round(), opt);
    CHECK(contains(text, "5.952381%"));
    CHECK(contains(text, "1.863354%"));
    CHECK(contains(text, "3.571429%"));
    CHECK(contains(text, "3.726708%"));
    CHECK(contains(text, "13.095238% committed, 9.316770% at close"));
    CHECK(contains(text, "86.904762% committed, 90.683230% at close"));
    CHECK_FALSE(contains(text, "5.9524%"));
    CHECK(contains(text, "1.46x"));  // multiples unaffected

    opt.percent_decimals = 0;
    text = summary(reference_round(), opt);
    CHECK(contains(text, "13% committed, 9% at close"));
    CHECK(contains(text, "87% committed, 91% at close"));
    const std::vector<std::string> table = section(text, "Investors");
    REQUIRE(table.size() == 5);
    CHECK(table[1].substr(table[1].size() - 2) == "2%");  // Amazon at close 1.86% -> 2%
    CHECK(contains(table[1], " 6% "));                    // Amazon committed 5.95% -> 6%

    report_options m;
    m.multiple_decimals = 3;
    text = summary(reference_round(), m);
    CHECK(contains(text, "1.460x pre-money, 1.680x post-money"));
    CHECK(contains(text, "2.750x the prior round"));

    report_options bad;
    bad.percent_decimals = -1;
    CHECK_THROWS_AS(summary(reference_round(), bad), fundround::validation_error);
}

TEST_CASE("report: options are validated before anything is printed, every problem at once") {
    report_options bad;
    bad.percent_decimals = -1;
    bad.multiple_decimals = 61;
    const std::vector<fundround::diagnostic> expected{
        {fundround::field_path("report_options").member("percent_decimals"), "-1", "must be between 0 and 60"},
        {fundround::field_path("report_options").member("multiple_decimals"), "61", "must be between 0 and 60"}};
    CHECK(bad.validate() == expected);
    CHECK(expected[0].message() == "report_options.percent_decimals = -1: must be between 0 and 60");
    CHECK(expected[1].field.json_pointer() == "/report_options/multiple_decimals");
    std::ostringstream os;
    try {
        fundround::print_summary(os, reference_round(), bad);
        FAIL("print_summary accepted invalid options");
    } catch (const fundround::validation_error& e) {
        CHECK(e.problems() == expected);
    }
    CHECK(os.str().empty());  // nothing printed before the error
    CHECK(report_options{}.validate().empty());
}

TEST_CASE("report: leads, share price, a round without prior figures, non-ASCII names and EUR") {
    const money eur_1m = money::from_major(1'000'000, currencies::eur);
    const funding_round r = round_builder("Euro")
                                .currency(currencies::eur)
                                .pre_money(money::from_major(9'000'000, currencies::eur))
                                .pre_money_shares(share_count(3'000'000))
                                .close_date(year{2026} / 2 / 27)
                                .invest(investor::angel("Zo\xC3\xAB").as_lead(), eur_1m)
                                .invest(investor("B"), {tranche::on(money::from_major(500'000, currencies::eur),
                                                                    year{2026} / 6 / 1)})
                                .build();
    const std::string text = summary(r);
    CHECK(contains(text, "Euro (EUR), closing 2026-02-27\n"));
    CHECK(contains(text, "  Price per share       \xE2\x82\xAC" "3.0000\n"));
    CHECK_FALSE(contains(text, "Step-up"));
    CHECK_FALSE(contains(text, "Raise multiple"));
    CHECK(contains(text, "Zo\xC3\xAB (lead)"));
    CHECK(contains(text, "\xE2\x82\xAC" "1.5M = \xE2\x82\xAC" "1M at close + \xE2\x82\xAC" "500K scheduled + "
                         "\xE2\x82\xAC" "0 conditional"));
    CHECK(contains(text, "2026-06-01  B "));
    CHECK(contains(text, "on or after 2026-06-01"));
    // Columns line up on screen even with multi-byte characters (measured in code points).
    const std::vector<std::string> table = section(text, "Investors");
    REQUIRE(table.size() == 4);
    for (const auto& row : table) CHECK(width(row) == width(table[0]));
    for (const char* title : {"Committed", "At close", "Scheduled", "Owns at close"}) check_right_aligned(table, title);
    check_left_aligned(table, "Kind", true);
    const std::vector<std::string> sched = section(text, "Schedule");
    REQUIRE(sched.size() == 4);
    const std::vector<std::string> rows(sched.begin(), sched.end() - 1);
    for (const auto& row : rows) CHECK(width(row) == width(rows[0]));
    check_right_aligned(rows, "Amount");
    check_right_aligned(rows, "Cumulative");
    check_left_aligned(rows, "Status");
}

TEST_CASE("report: columns line up on screen with wide (CJK) and combining characters") {
    // A terminal gives each CJK character two columns and a combining accent none: "任天堂" is
    // 6 columns wide, "Cafe" + U+0301 (an accent on the e) 4, "Société Générale" 16. The old
    // code counted code points (3 and 5), so the rows after those names were shifted.
    CHECK(detail::display_width("\xE4\xBB\xBB\xE5\xA4\xA9\xE5\xA0\x82") == 6);
    CHECK(detail::display_width("Cafe\xCC\x81") == 4);
    CHECK(detail::display_width("Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale") == 16);
    CHECK(detail::display_width("\xEF\xBC\xA1") == 2);  // U+FF21, a fullwidth A
    CHECK(detail::display_width("a\xFF" "b") == 3);      // a byte that starts no character: 1
    CHECK(detail::display_width("\xE4\xBB") == 2);       // a character cut short: 1 per byte
    // Decoded as the library validates UTF-8 (detail::utf8_char_at): an overlong form, a
    // surrogate and a lead byte past U+10FFFF start no character, 1 per byte (they counted as
    // one character each when the width had its own decoder).
    CHECK(detail::display_width("\xC0\x80") == 2);
    CHECK(detail::display_width("\xED\xA0\x80") == 3);
    CHECK(detail::display_width("\xF5\x80\x80\x80") == 4);
    const funding_round r = round_builder("Wide")
                                .pre_money(10_M)
                                .close_date(year{2026} / 3 / 31)
                                .invest(investor::financial("Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale"), 1_M)
                                .invest(investor::financial("\xE4\xBB\xBB\xE5\xA4\xA9\xE5\xA0\x82"), 2_M)
                                .invest(investor::financial("Cafe\xCC\x81 Ltd"), 3_M)
                                .build();
    const std::vector<std::string> table = section(summary(r), "Investors");
    const std::vector<std::string> expected = {
        "  Investor          Kind       Committed  At close  Scheduled  Conditional  Owns committed  Owns at close",
        "  Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale  financial        $1M       $1M         $0           $0         6.2500%        6.2500%",
        "  \xE4\xBB\xBB\xE5\xA4\xA9\xE5\xA0\x82            financial        $2M       $2M         $0           $0        12.5000%       12.5000%",
        "  Cafe\xCC\x81 Ltd          financial        $3M       $3M         $0           $0        18.7500%       18.7500%",
        "  Total                              $6M       $6M         $0           $0        37.5000%       37.5000%"};
    CHECK(table == expected);
    const std::vector<std::string> sched = section(summary(r), "Schedule");
    REQUIRE(sched.size() == 5);
    CHECK(sched[2] == "  2026-03-31  \xE4\xBB\xBB\xE5\xA4\xA9\xE5\xA0\x82               $2M  at close  at close          $3M");
    CHECK(sched[3] == "  2026-03-31  Cafe\xCC\x81 Ltd             $3M  at close  at close          $6M");
}

TEST_CASE("report: amounts print compact only when exact, so the totals add up") {
    // Two $1.004M investors: compact would print "$1M + $1M = $2.01M".
    const funding_round r = round_builder("Odd amounts")
                                .pre_money(10_M)
                                .close_date(year{2026} / 3 / 2)
                                .invest(investor("A"), 1.004_M)
                                .invest(investor("B"), 1.004_M)
                                .build();
    const std::string text = summary(r);
    CHECK(text.find("$1,004,000.00") != std::string::npos);
    CHECK(text.find("$2,008,000.00") != std::string::npos);
    CHECK(text.find("$10M") != std::string::npos);  // exact amounts stay compact
    CHECK(text.find("$1M") == std::string::npos);
    CHECK(text.find("$2.01M") == std::string::npos);
}

}  // namespace test_report
