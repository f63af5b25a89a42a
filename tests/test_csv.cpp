// Unit tests for fundround/io/csv.hpp: RFC 4180 quoting, the CSV of each report table on real
// examples (the reference round of shared/REFERENCE.md, the Series A/B/C company of
// examples/series_abc_waterfall.cpp, the YC post-money SAFE user guide's capitalization of
// test_conversion.cpp, the Amazon net flows of test_flows_report.cpp), the fields read back
// exactly, and a property test: random cells written and read back with an independent reader.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include "fuzz/csv_oracle.hpp"
#include "fuzz/csv_reader.hpp"
#include "support/down_company.hpp"
#include "support/fundround_test.hpp"
#include "support/seed_to_series_a.hpp"
#include "support/series_abc.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_csv {

using namespace fundround;
using namespace fundround::literals;
using fundround_fuzz::read_csv;
using fundround_test::ymd;
using rows = std::vector<std::vector<std::string>>;

namespace {

// The CSV text with CRLF line ends written as "\n" (easier to read in the expected texts).
std::string lf(const std::string& crlf) {
    std::string out;
    for (std::size_t i = 0; i < crlf.size(); ++i) {
        if (crlf[i] == '\r' && i + 1 < crlf.size() && crlf[i + 1] == '\n') continue;
        out += crlf[i];
    }
    return out;
}

// Reads @p text (CRLF) and checks it is RFC 4180 with every row as wide as the header.
rows read_checked(const std::string& text) {
    const fundround_fuzz::csv_read_result r = read_csv(text);
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE_FALSE(r.rows.empty());
    for (const std::vector<std::string>& row : r.rows) CHECK(row.size() == r.rows.front().size());
    return r.rows;
}

// The column of @p header named @p name.
std::size_t column_of(const rows& table, const std::string& name) {
    for (std::size_t i = 0; i < table.front().size(); ++i) {
        if (table.front()[i] == name) return i;
    }
    FAIL("no column " << name);
    return 0;
}

// An exact "n/d" or "n" field as a fraction.
fraction exact_field(const std::string& text) {
    const std::size_t slash = text.find('/');
    if (slash == std::string::npos) return fraction::from_decimal(text);
    return fraction::from_decimal(text.substr(0, slash)) / fraction::from_decimal(text.substr(slash + 1));
}

// A plain amount field in US dollars.
money usd(const std::string& text) { return parse_money(text + " USD"); }

using fundround_test::series_abc;  // tests/support/series_abc.hpp

const std::vector<money> abc_exits{30_M, 50_M, 100_M, 250_M, 600_M};

}  // namespace

// ---------------------------------------------------------------------------------------------
// RFC 4180 quoting

TEST_CASE("csv_field: quoted exactly when it holds a comma, a quote, CR or LF; quotes doubled") {
    CHECK(csv_field("Amazon") == "Amazon");
    CHECK(csv_field("") == "");
    CHECK(csv_field("  padded ") == "  padded ");  // spaces are part of the field (RFC 4180 2.4)
    CHECK(csv_field("Zo\xC3\xAB Capital \xE2\x82\xAC") == "Zo\xC3\xAB Capital \xE2\x82\xAC");  // UTF-8 as is
    CHECK(csv_field("Smith, Jones & Co") == "\"Smith, Jones & Co\"");
    CHECK(csv_field("The \"Big\" Fund") == "\"The \"\"Big\"\" Fund\"");
    CHECK(csv_field("\"") == "\"\"\"\"");
    CHECK(csv_field("line one\nline two") == "\"line one\nline two\"");
    CHECK(csv_field("a\rb") == "\"a\rb\"");
    CHECK(csv_field("a\r\nb") == "\"a\r\nb\"");
    CHECK_FALSE(csv_needs_quotes("5/84"));
    CHECK_FALSE(csv_needs_quotes("-17250000000"));
    CHECK(csv_needs_quotes(","));
}

TEST_CASE("csv_row: fields joined by commas, CRLF by default, LF when asked") {
    CHECK(csv_row({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
    CHECK(csv_row({"a", "b"}, csv_line_ending::lf) == "a,b\n");
    CHECK(csv_row({""}) == "\r\n");
    CHECK(csv_row({}) == "\r\n");
    // A newline inside a field stays as written, whatever the line ending.
    CHECK(csv_row({"x\ny"}, csv_line_ending::crlf) == "\"x\ny\"\r\n");
}

TEST_CASE("property: random cells written as rows read back exactly, every row as wide") {
    // Cells drawn from the characters that matter to CSV (comma, quote, CR, LF, space), letters,
    // digits, a UTF-8 letter and a NUL; 2000 cases of 1 to 12 cells of 0 to 9 pieces each.
    const std::vector<std::string> pieces{",", "\"", "\r", "\n", "\r\n", " ", "a", "Z", "0", "5/84",
                                          "\xC3\xAB", std::string(1, '\0'), "\"\"", "-", "="};
    fundround_test::lcg gen{20261202};
    int quoted = 0;
    for (int n = 0; n < 2000; ++n) {
        fundround_fuzz::csv_case c;
        c.ending = gen.next(2) == 0 ? csv_line_ending::crlf : csv_line_ending::lf;
        const std::uint64_t cells = 1 + gen.next(12);
        for (std::uint64_t i = 0; i < cells; ++i) {
            std::string cell;
            const std::uint64_t parts = gen.next(10);
            for (std::uint64_t p = 0; p < parts; ++p) cell += pieces[gen.next(pieces.size())];
            if (csv_needs_quotes(cell)) ++quoted;
            c.cells.push_back(cell);
        }
        const std::vector<std::string> found = fundround_fuzz::check_csv_case(c);
        CAPTURE(n);
        CHECK(found.empty());
        for (const std::string& m : found) MESSAGE(m);
    }
    CHECK(quoted > 1000);  // the cases do exercise the quoting
}

TEST_CASE("property: random rounds with awkward investor names; the schedule and investors read back") {
    // 300 rounds of 1 to 5 investors named with commas, quotes, CR, LF and UTF-8, each with 1 to
    // 3 tranches (at close, on a date, on a milestone) of random whole-mill amounts: the CSV reads
    // back with the names exact, every row as wide as the header, the amounts adding up to the
    // round's committed money and the last cumulative equal to it.
    const std::vector<std::string> pieces{",", "\"", "\r", "\n", " ", "a", "Z", "\xC3\xAB", "&", "'"};
    fundround_test::lcg gen{13};
    for (int n = 0; n < 300; ++n) {
        round_builder b("Random " + std::to_string(n));
        b.pre_money(money::from_units(static_cast<std::int64_t>(1 + gen.next(1'000'000'000'000))));
        b.close_date(ymd(2026, 1, 31));
        const std::uint64_t investors = 1 + gen.next(5);
        std::vector<std::string> names;
        for (std::uint64_t i = 0; i < investors; ++i) {
            std::string name = "I" + std::to_string(i);
            for (std::uint64_t p = gen.next(6); p > 0; --p) name += pieces[gen.next(pieces.size())];
            names.push_back(name);
            std::vector<tranche> tranches;
            for (std::uint64_t k = 1 + gen.next(3); k > 0; --k) {
                const money amount = money::from_units(static_cast<std::int64_t>(1 + gen.next(10'000'000'000)));
                switch (gen.next(3)) {
                    case 0: tranches.push_back(tranche::at_close(amount)); break;
                    case 1: {
                        const calendar_date due = ymd(2026, 2 + static_cast<unsigned>(gen.next(11)), 28);
                        tranches.push_back(tranche::on(amount, due));
                        break;
                    }
                    default: tranches.push_back(tranche::when(amount, milestone("m" + std::to_string(k)))); break;
                }
            }
            b.invest(investor::financial(name), tranches);
        }
        const funding_round r = b.build();
        CAPTURE(n);
        const rows sched = read_checked(schedule_csv(r));
        money sum = money::zero(r.currency());
        for (std::size_t i = 1; i < sched.size(); ++i) {
            sum += usd(sched[i][column_of(sched, "amount")]);
            CHECK(std::find(names.begin(), names.end(), sched[i][column_of(sched, "investor")]) != names.end());
        }
        CHECK(sum == r.raised());
        CHECK(usd(sched.back()[column_of(sched, "cumulative")]) == r.raised());
        const rows inv = read_checked(investors_csv(r));
        REQUIRE(inv.size() == names.size() + 1);
        fraction owned;
        for (std::size_t i = 0; i < names.size(); ++i) {
            CHECK(inv[i + 1][0] == names[i]);
            owned += exact_field(inv[i + 1][column_of(inv, "owns_committed")]);
        }
        CHECK(owned == r.new_investors_ownership());
    }
}

// ---------------------------------------------------------------------------------------------
// The round: schedule and investors (the reference round, shared/REFERENCE.md, with the
// assumptions of tests/support/fundround_test.hpp: closes 2026-02-27, Nvidia and SoftBank all at close)

TEST_CASE("schedule_csv: the reference round, CRLF, the condition's quotes doubled") {
    const funding_round r = fundround_test::reference_round();
    const std::string text = schedule_csv(r);
    CHECK(text.substr(0, 59) == "date,investor,amount,status,condition,cumulative,currency\r\n");
    CHECK(lf(text) ==
          "date,investor,amount,status,condition,cumulative,currency\n"
          "2026-02-27,Amazon,15000000000,at close,at close,15000000000,USD\n"
          "2026-02-27,Nvidia,30000000000,at close,at close,45000000000,USD\n"
          "2026-02-27,SoftBank,30000000000,at close,at close,75000000000,USD\n"
          ",Amazon,35000000000,conditional,\"milestone \"\"certain conditions\"\"\",110000000000,USD\n");
    // Read back: the amounts add up to the commitment and the last cumulative is it.
    const rows t = read_checked(text);
    CHECK(t[4][4] == "milestone \"certain conditions\"");
    money sum = money::zero(r.currency());
    for (std::size_t i = 1; i < t.size(); ++i) sum += usd(t[i][column_of(t, "amount")]);
    CHECK(sum == r.raised());
    CHECK(usd(t.back()[column_of(t, "cumulative")]) == r.schedule().total());
}

TEST_CASE("schedule_csv as of a date: the dated entries due by then; the last cumulative is due_through") {
    const funding_round r = fundround_test::reference_round();
    CHECK(lf(schedule_csv(r, ymd(2026, 2, 27))) ==
          "date,investor,amount,status,condition,cumulative,currency\n"
          "2026-02-27,Amazon,15000000000,at close,at close,15000000000,USD\n"
          "2026-02-27,Nvidia,30000000000,at close,at close,45000000000,USD\n"
          "2026-02-27,SoftBank,30000000000,at close,at close,75000000000,USD\n");
    CHECK(lf(schedule_csv(r, ymd(2026, 2, 26))) == "date,investor,amount,status,condition,cumulative,currency\n");
    // A round paid over time: the last row's cumulative is due_through(as_of) on every date.
    const funding_round staged = round_builder("Staged")
                                     .pre_money(100_M)
                                     .close_date(ymd(2026, 1, 15))
                                     .invest(investor::financial("Fund, L.P."), 30_M,
                                             {tranche::at_close(10_M), tranche::on(10_M, ymd(2026, 6, 30)),
                                              tranche::on(10_M, ymd(2027, 1, 15))})
                                     .build();
    for (const calendar_date d : {ymd(2026, 1, 15), ymd(2026, 6, 29), ymd(2026, 6, 30), ymd(2030, 1, 1)}) {
        const rows t = read_checked(schedule_csv(staged, d));
        CAPTURE(to_string(d));
        REQUIRE(t.size() > 1);
        CHECK(usd(t.back()[column_of(t, "cumulative")]) == staged.schedule().due_through(d));
        CHECK(t.back()[column_of(t, "investor")] == "Fund, L.P.");
    }
}

TEST_CASE("investors_csv: the reference round's ownership exact (5/84) and as a 12-digit decimal") {
    CHECK(lf(investors_csv(fundround_test::reference_round())) ==
          "investor,lead,kind,committed,at_close,scheduled,conditional,owns_committed,owns_committed_decimal,"
          "owns_at_close,owns_at_close_decimal,currency\n"
          "Amazon,false,strategic,50000000000,15000000000,0,35000000000,5/84,0.059523809524,3/161,0.018633540373,USD\n"
          "Nvidia,false,strategic,30000000000,30000000000,0,0,1/28,0.035714285714,6/161,0.037267080745,USD\n"
          "SoftBank,false,financial,30000000000,30000000000,0,0,1/28,0.035714285714,6/161,0.037267080745,USD\n");
    csv_options opt;
    opt.decimals = 3;
    opt.line_ending = csv_line_ending::lf;
    const std::string three = investors_csv(fundround_test::reference_round(), opt);
    CHECK(three.find("Amazon,false,strategic,50000000000,15000000000,0,35000000000,5/84,0.060,3/161,0.019,USD\n") !=
          std::string::npos);
    CHECK(three.find('\r') == std::string::npos);
}

TEST_CASE("schedule_csv: investor names with commas, quotes, newlines and non-ASCII read back exactly") {
    const std::vector<std::string> names{"Smith, Jones & Co", "The \"Big\" Fund", "Line\nBreak Capital",
                                         "Zo\xC3\xAB Ventures \xE2\x82\xAC", "=HYPERLINK(\"x\")"};
    round_builder b("Names");
    b.pre_money(100_M).close_date(ymd(2026, 3, 31));
    for (const std::string& n : names) b.invest(investor::financial(n), 1_M);
    const funding_round r = b.build();
    const rows t = read_checked(schedule_csv(r));
    REQUIRE(t.size() == names.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) CHECK(t[i + 1][1] == names[i]);
    const rows inv = read_checked(investors_csv(r));
    for (std::size_t i = 0; i < names.size(); ++i) CHECK(inv[i + 1][0] == names[i]);
    // The text report is unchanged by the names (the CSV does not change what it prints).
    CHECK(summary(r).find("Smith, Jones & Co") != std::string::npos);
}

TEST_CASE("csv_options: byte order mark on request") {
    csv_options opt;
    opt.byte_order_mark = true;
    const std::string text = schedule_csv(fundround_test::reference_round(), opt);
    CHECK(text.substr(0, 8) == "\xEF\xBB\xBF" "date,");
    CHECK(read_checked(text.substr(3)).size() == 5);
}

// ---------------------------------------------------------------------------------------------
// The cap table

TEST_CASE("cap_table_csv: the Series A/B/C company after Series C, the exact ownership adds up to 1") {
    const round_chain_result chain = series_abc();
    const std::string text = cap_table_csv(chain.final_table());
    CHECK(lf(text) ==
          "holder,kind,issued,options,warrants,fully_diluted,ownership,ownership_decimal\n"
          "Ada,founder,5000000,0,0,5000000,2500000/11851851,0.210937515161\n"
          "Bob,founder,3000000,0,0,3000000,500000/3950617,0.126562509097\n"
          "Eve,employee,0,600000,0,600000,100000/3950617,0.025312501819\n"
          "Finn,employee,0,400000,0,400000,200000/11851851,0.016875001213\n"
          "A Fund,investor,3333333,0,0,3333333,1111111/7901234,0.140624996045\n"
          "B Fund,investor,4444444,0,0,4444444,2222222/11851851,0.187499994727\n"
          "C Fund,investor,5925925,0,0,5925925,5925925/23703702,0.249999978906\n"
          "Plan,pool,,,,1000000,500000/11851851,0.042187503032\n");
    const rows t = read_checked(text);
    fraction total;
    std::int64_t shares = 0;
    for (std::size_t i = 1; i < t.size(); ++i) {
        total += exact_field(t[i][column_of(t, "ownership")]);
        shares += std::stoll(t[i][column_of(t, "fully_diluted")]);
    }
    CHECK(total == fraction(1));
    CHECK(shares == chain.final_table().fully_diluted().total().value());
}

TEST_CASE("cap_table_csv: the basis picks the columns; an empty table has empty ownership") {
    const round_chain_result chain = series_abc();
    CHECK(lf(cap_table_csv(chain.start(), fully_diluted_basis::outstanding())) ==
          "holder,kind,issued,fully_diluted,ownership,ownership_decimal\n"
          "Ada,founder,5000000,5000000,5/8,0.625000000000\n"
          "Bob,founder,3000000,3000000,3/8,0.375000000000\n"
          "Eve,employee,0,0,0,0.000000000000\n"
          "Finn,employee,0,0,0,0.000000000000\n");
    const cap_table none = cap_table_builder().add(holder::founder("ada", "Ada")).build();
    CHECK(lf(cap_table_csv(none)) ==
          "holder,kind,issued,options,warrants,fully_diluted,ownership,ownership_decimal\n"
          "Ada,founder,0,0,0,0,,\n");
}

TEST_CASE("cap_table_classes_csv and cap_table_change_csv: the Series A/B/C company") {
    const round_chain_result chain = series_abc();
    CHECK(lf(cap_table_classes_csv(chain.final_table())) ==
          "class,kind,issued,conversion_ratio,fully_diluted,ownership,ownership_decimal\n"
          "Common,common,8000000,1,10000000,5000000/11851851,0.421875030322\n"
          "Series A,preferred,3333333,1,3333333,1111111/7901234,0.140624996045\n"
          "Series B,preferred,4444444,1,4444444,2222222/11851851,0.187499994727\n"
          "Series C,preferred,5925925,1,5925925,5925925/23703702,0.249999978906\n");
    const std::string change = cap_table_change_csv(chain.start(), chain.rounds()[0].after());
    CHECK(lf(change) ==
          "holder,before,before_ownership,before_ownership_decimal,after,after_ownership,after_ownership_decimal,"
          "change,change_decimal\n"
          "Ada,5000000,1/2,0.500000000000,5000000,5000000/13333333,0.375000009375,-3333333/26666666,-0.124999990625\n"
          "Bob,3000000,3/10,0.300000000000,3000000,3000000/13333333,0.225000005625,-9999999/133333330,-0.074999994375\n"
          "Eve,600000,3/50,0.060000000000,600000,600000/13333333,0.045000001125,-9999999/666666650,-0.014999998875\n"
          "Finn,400000,1/25,0.040000000000,400000,400000/13333333,0.030000000750,-3333333/333333325,-0.009999999250\n"
          "A Fund,0,0,0.000000000000,3333333,3333333/13333333,0.249999981250,3333333/13333333,0.249999981250\n"
          "Plan,1000000,1/10,0.100000000000,1000000,1000000/13333333,0.075000001875,-3333333/133333330,"
          "-0.024999998125\n");
    // The changes add up to 0 exactly (ownership moves between holders, the total stays 1).
    const rows t = read_checked(change);
    fraction sum;
    for (std::size_t i = 1; i < t.size(); ++i) sum += exact_field(t[i][column_of(t, "change")]);
    CHECK(sum == fraction());
}

// Issue 10: the change a round makes by class, as CSV (tests/support/seed_to_series_a.hpp works
// the figures): the new series has empty "before" fields, the pool is a row of kind "pool".
TEST_CASE("cap_table_classes_change_csv: seed -> Series A with a pool top-up and a new series") {
    const round_on_cap_table a = fundround_test::seed_to_series_a();
    CHECK(lf(cap_table_classes_change_csv(a.before(), a.after())) ==
          "class,kind,before,before_ownership,before_ownership_decimal,after,after_ownership,after_ownership_decimal,"
          "shares_change,change,change_decimal\n"
          "Common,common,2050000,41/55,0.745454545455,2050000,41/80,0.512500000000,0,-41/176,-0.232954545455\n"
          "Seed Preferred,preferred,500000,2/11,0.181818181818,500000,1/8,0.125000000000,0,-5/88,-0.056818181818\n"
          "Series A Preferred,preferred,,,,1000000,1/4,0.250000000000,1000000,1/4,0.250000000000\n"
          "Plan,pool,200000,4/55,0.072727272727,450000,9/80,0.112500000000,250000,7/176,0.039772727273\n");
    // The other direction: the series is not on the table after (empty "after" fields).
    CHECK(lf(cap_table_classes_change_csv(a.after(), a.before(), fully_diluted_basis::outstanding())) ==
          "class,kind,before,before_ownership,before_ownership_decimal,after,after_ownership,after_ownership_decimal,"
          "shares_change,change,change_decimal\n"
          "Common,common,2000000,4/7,0.571428571429,2000000,4/5,0.800000000000,0,8/35,0.228571428571\n"
          "Seed Preferred,preferred,500000,1/7,0.142857142857,500000,1/5,0.200000000000,0,2/35,0.057142857143\n"
          "Series A Preferred,preferred,1000000,2/7,0.285714285714,,,,-1000000,-2/7,-0.285714285714\n");
}

// The class rows add up: on each side the shares are the fully diluted total (the classes' rows
// its issued + granted + warrant components, the pools' rows its unallocated pool, as
// fully_diluted() counts them apart), the exact ownerships sum to exactly 1, the changes to 0.
// Three changes: the seed -> Series A above (pool top-up), the Series A/B/C company's Series A,
// and a table with a 3:2 converting series, warrants and a new pool, on five bases.
TEST_CASE("cap_table_classes_change_csv: the rows add up to the fully diluted totals on every basis") {
    const round_on_cap_table seed_a = fundround_test::seed_to_series_a();
    const round_chain_result abc = series_abc();
    const price_per_share strike(money::from_units(1), share_count(10));
    const cap_table converting =
        cap_table_builder()
            .add(holder::investor("i", "Investor"))
            .add(holder::founder("f", "Founder"))
            .add(holder::employee("e", "Employee"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series A", price_per_share(1_M, share_count(1'000))).with_conversion_ratio(fraction(3, 2)))
            .add(option_pool{"Plan", "Common", share_count(100)})
            .holding(holder_id("i"), "Series A", share_count(1'001))
            .holding(holder_id("f"), "Common", share_count(1'499))
            .grant({holder_id("e"), "Plan", share_count(10), strike})
            .add(warrant{holder_id("i"), "Series A", share_count(3), price_per_share(3_K, share_count(3))})
            .build();
    const cap_table converting_after = cap_table_builder(converting)
                                           .add(holder::investor("j", "New Investor"))
                                           .add(share_class::preferred("Series B", price_per_share(2_M, share_count(1'000))))
                                           .add(option_pool{"2027 Plan", "Common", share_count(77)})
                                           .holding(holder_id("j"), "Series B", share_count(333))
                                           .add(warrant{holder_id("j"), "Series B", share_count(7), strike})
                                           .build();
    const std::vector<std::pair<cap_table, cap_table>> changes = {
        {seed_a.before(), seed_a.after()}, {abc.start(), abc.rounds()[0].after()}, {converting, converting_after}};
    const std::vector<fully_diluted_basis> bases = {fully_diluted_basis::full(), fully_diluted_basis::outstanding(),
                                                    fully_diluted_basis::issued_and_granted(),
                                                    fully_diluted_basis{false, false, true, false},
                                                    fully_diluted_basis{false, true, false, false}};
    for (const auto& [before, after] : changes) {
        for (const fully_diluted_basis& basis : bases) {
            CAPTURE(basis.to_string());
            const fully_diluted_counts b = before.fully_diluted(basis);
            const fully_diluted_counts a = after.fully_diluted(basis);
            const rows t = read_checked(cap_table_classes_change_csv(before, after, basis));
            const std::size_t kind = column_of(t, "kind");
            const auto sum = [&](const std::string& column, bool pools) {
                fraction total;
                const std::size_t c = column_of(t, column);
                for (std::size_t i = 1; i < t.size(); ++i) {
                    if ((t[i][kind] == "pool") == pools && !t[i][c].empty()) total += exact_field(t[i][c]);
                }
                return total;
            };
            const auto count = [](share_count s) { return fraction(s.value()); };
            CHECK(sum("before", false) == count(b.issued() + b.granted_options() + b.warrants()));
            CHECK(sum("before", true) == count(b.unallocated_pool()));
            CHECK(sum("after", false) == count(a.issued() + a.granted_options() + a.warrants()));
            CHECK(sum("after", true) == count(a.unallocated_pool()));
            CHECK(sum("shares_change", false) + sum("shares_change", true) == count(a.total() - b.total()));
            CHECK(sum("before_ownership", false) + sum("before_ownership", true) == fraction(1));
            CHECK(sum("after_ownership", false) + sum("after_ownership", true) == fraction(1));
            CHECK(sum("change", false) + sum("change", true) == fraction());
        }
    }
}

TEST_CASE("share_valuations_csv: exact prices with a decimal and the currency, empty fields for unstated dates") {
    const std::vector<share_valuation> vs = {
        {"Common", price_per_share(money::from_units(10'532), share_count(10)), ymd(2025, 2, 1), share_valuation_type::section_409a,
         "Appraisers, LLP", ymd(2025, 2, 20), std::nullopt},
        {"Series A", price_per_share(money::from_units(2'000), share_count(3)), ymd(2026, 1, 15), share_valuation_type::section_409a, "",
         std::nullopt, ymd(2026, 1, 20)}};
    CHECK(lf(share_valuations_csv(vs)) ==
          "class,type,price_per_share,price_per_share_decimal,currency,effective_date,board_approval_date,stockholder_approval_date,"
          "provider\n"
          "Common,409A,1.0532,1.053200000000,USD,2025-02-01,2025-02-20,,\"Appraisers, LLP\"\n"
          "Series A,409A,2/3,0.666666666667,USD,2026-01-15,,2026-01-20,\n");
}

// ---------------------------------------------------------------------------------------------
// Net flows

TEST_CASE("net_flows_csv: the Amazon flows of the reference deal, negative amounts with a minus") {
    // As test_flows_report.cpp: $15B at close, $35B on 2026-09-30 (assumed), the $100B and $38B
    // cloud commitments in eight yearly installments from 2026-12-31 (assumed).
    const std::vector<cash_flow> equity = {{ymd(2026, 2, 27), 15_B, "Amazon tranche 1 (at close)"},
                                           {ymd(2026, 9, 30), 35_B, "Amazon tranche 2 (conditions met)"}};
    const net_flows f("Amazon", equity,
                      {counter_commitment::from_installments("AWS cloud contract growth", "Amazon",
                                                             installments(100_B, ymd(2026, 12, 31), 8, frequency::yearly)),
                       counter_commitment::from_installments("AWS cloud contract (existing)", "Amazon",
                                                             installments(38_B, ymd(2026, 12, 31), 8, frequency::yearly))});
    CHECK(lf(net_flows_csv(f)) ==
          "year,money_in,money_out,net,cumulative_net,currency\n"
          "2026,50000000000,17250000000,32750000000,32750000000,USD\n"
          "2027,0,17250000000,-17250000000,15500000000,USD\n"
          "2028,0,17250000000,-17250000000,-1750000000,USD\n"
          "2029,0,17250000000,-17250000000,-19000000000,USD\n"
          "2030,0,17250000000,-17250000000,-36250000000,USD\n"
          "2031,0,17250000000,-17250000000,-53500000000,USD\n"
          "2032,0,17250000000,-17250000000,-70750000000,USD\n"
          "2033,0,17250000000,-17250000000,-88000000000,USD\n");
    const rows t = read_checked(net_flows_csv(f));
    money net = money::zero(f.currency());
    for (std::size_t i = 1; i < t.size(); ++i) net += usd(t[i][column_of(t, "net")]);
    CHECK(net == f.total_net());
}

// ---------------------------------------------------------------------------------------------
// The waterfall

TEST_CASE("waterfall_csv: by line at five exits; each payout column adds up to its exit exactly") {
    const waterfall w = waterfall::build(series_abc().final_table());
    const std::string text = waterfall_csv(w, abc_exits);
    CHECK(lf(text) ==
          "line,kind,seniority,preference,preference_decimal,payout_30000000,payout_50000000,payout_100000000,"
          "payout_250000000,payout_600000000,currency\n"
          "Common,common,,,,0,0,17213250.271,88478962.594,211806867.444,USD\n"
          "Series A,preferred,0,3999999.6,3999999.600000000000,0,1.645,7172186.896,36866230.728,88252852.61,USD\n"
          "Series B,preferred,0,14999998.5,14999998.500000000000,0,6.168,24562914.361,49154974.303,117670470.146,USD\n"
          "Series C,preferred,1,49999992.1875,49999992.187500000000,30000000,49999992.187,49999992.188,65539962.051,"
          "156893951.37,USD\n"
          "Options: Plan,options,,,,0,0,1051656.284,9959870.324,25375858.43,USD\n");
    const rows t = read_checked(text);
    for (const money exit : abc_exits) {
        const std::size_t c = column_of(t, "payout_" + std::to_string(exit.units() / 1000));
        money sum = money::zero(w.currency());
        for (std::size_t i = 1; i < t.size(); ++i) sum += usd(t[i][c]);
        CHECK(sum == exit);
    }
    // The preference column is exact: Series C's 5,925,925 shares at $8.4375 = $49,999,992.1875.
    CHECK(exact_field(t[4][column_of(t, "preference")]) == fraction(5'925'925) * fraction(84375, 10000));

    // Regression (review of the written formats): the preference had no `_decimal` column, though
    // the format and write_waterfall_csv() promise one; a preference that is no decimal ($1.000001 a
    // share for 3 shares, over 3) was left to the reader as n/d.
    const cap_table odd = cap_table_builder()
                              .add(holder::investor("f", "F"))
                              .add(share_class::preferred("P", price_per_share(money::from_units(1'000'001), share_count(3))))
                              .holding(holder_id("f"), "P", share_count(1))
                              .build();
    CHECK(lf(waterfall_csv(waterfall::build(odd), {1_M})) ==
          "line,kind,seniority,preference,preference_decimal,payout_1000000,currency\n"
          "P,preferred,0,1000001/3000,333.333666666667,1000000,USD\n");
}

TEST_CASE("waterfall_holders_csv, waterfall_status_csv, share_values_csv: the Series A/B/C company") {
    const waterfall w = waterfall::build(series_abc().final_table());
    const std::string holders = waterfall_holders_csv(w, abc_exits);
    CHECK(lf(holders) ==
          "holder,payout_30000000,payout_50000000,payout_100000000,payout_250000000,payout_600000000,currency\n"
          "Ada,0,0,10758281.42,55299351.621,132379292.152,USD\n"
          "Bob,0,0,6454968.852,33179610.973,79427575.292,USD\n"
          "Eve,0,0,990993.77,6335922.195,15585515.058,USD\n"
          "Finn,0,0,60662.514,3623948.13,9790343.372,USD\n"
          "A Fund,0,1.645,7172186.896,36866230.727,88252852.61,USD\n"
          "B Fund,0,6.168,24562914.361,49154974.303,117670470.146,USD\n"
          "C Fund,30000000,49999992.187,49999992.187,65539962.051,156893951.37,USD\n");
    const rows t = read_checked(holders);
    const std::vector<waterfall_payout> payouts = w.at(abc_exits);
    for (std::size_t e = 0; e < abc_exits.size(); ++e) {
        money sum = money::zero(w.currency());
        for (std::size_t i = 1; i < t.size(); ++i) {
            CHECK(usd(t[i][e + 1]) == payouts[e].by_holder[i - 1]);
            sum += usd(t[i][e + 1]);
        }
        CHECK(sum == abc_exits[e]);
    }
    CHECK(lf(waterfall_status_csv(w, abc_exits)) ==
          "line,status_30000000,status_50000000,status_100000000,status_250000000,status_600000000\n"
          "Common,nothing,nothing,participating,participating,participating\n"
          "Series A,nothing,partly_paid,converted,converted,converted\n"
          "Series B,nothing,partly_paid,participating,converted,converted\n"
          "Series C,partly_paid,preference,preference,converted,converted\n"
          "Options: Plan,nothing,nothing,exercised,exercised,exercised\n");
    CHECK(lf(share_values_csv(w, abc_exits)) ==
          "exit_value,share_value,share_value_decimal,currency\n"
          "30000000,0,0.000000000000,USD\n"
          "50000000,0,0.000000000000,USD\n"
          "100000000,577600149/268444432,2.151656283934,USD\n"
          "250000000,125550000/11351851,11.059870324232,USD\n"
          "600000000,300550000/11351851,26.475858430489,USD\n");
    CHECK(exact_field("577600149/268444432") == payouts[2].value_per_share / fraction(1000));
    // No exercise price paid in under the default terms: the header only.
    CHECK(lf(exercise_paid_csv(w, abc_exits)) ==
          "holder,exercise_paid_30000000,exercise_paid_50000000,exercise_paid_100000000,exercise_paid_250000000,"
          "exercise_paid_600000000,currency\n");
}

TEST_CASE("exercise_paid_csv: under paid_in, the holders who pay their exercise prices") {
    waterfall_terms terms;
    terms.exercise = option_exercise::paid_in;
    const waterfall w = waterfall::build(series_abc().final_table(), terms);
    const std::vector<waterfall_payout> payouts = w.at({100_M, 600_M});
    const rows t = read_checked(exercise_paid_csv(w, {100_M, 600_M}));
    REQUIRE(t.size() == 3);  // Eve and Finn
    CHECK(t[1][0] == "Eve");
    CHECK(t[2][0] == "Finn");
    CHECK(usd(t[1][1]) == payouts[0].exercise_paid_by_holder[2]);
    CHECK(usd(t[2][2]) == payouts[1].exercise_paid_by_holder[3]);
    CHECK(usd(t[2][2]) == 800'000_usd);  // 400,000 options at $2.00
}

TEST_CASE("breakpoints_csv: every event a row with its exit value, exact and decimal") {
    const waterfall w = waterfall::build(series_abc().final_table());
    const std::string text = breakpoints_csv(w);
    CHECK(lf(text) ==
          "exit_value,exit_value_decimal,share_value,share_value_decimal,event,what_starts,currency\n"
          "49999992.1875,49999992.187500000000,0,0.000000000000,tier_paid,seniority 1 paid in full (Series C); "
          "seniority 0 starts,USD\n"
          "68999990.2875,68999990.287500000000,0,0.000000000000,preferences_paid,\"every preference paid in full "
          "(last: seniority 0: Series A, Series B); the rest is shared as common\",USD\n"
          "75222212.2875,75222212.287500000000,0.5,0.500000000000,exercises,Options: Plan with exercise price "
          "$0.5000 exercise,USD\n"
          "84353323.0875,84353323.087500000000,1.2,1.200000000000,converts,Series A converts to common,USD\n"
          "97455544.6875,97455544.687500000000,2,2.000000000000,exercises,Options: Plan with exercise price "
          "$2.0000 exercise,USD\n"
          "177149985.4375,177149985.437500000000,6.75,6.750000000000,reaches_cap,Series B reaches its "
          "participation cap,USD\n"
          "197962484.875,197962484.875000000000,8.4375,8.437500000000,converts,Series C converts to common,USD\n"
          "228774982.75,228774982.750000000000,10.125,10.125000000000,converts,Series B converts to common "
          "(above its cap),USD\n");
    // The exact fields are the breakpoints themselves (money units / 1000).
    const rows t = read_checked(text);
    std::size_t row = 1;
    for (const waterfall_breakpoint& b : w.breakpoints()) {
        for (std::size_t e = 0; e < b.events.size(); ++e, ++row) {
            REQUIRE(row < t.size());
            CHECK(exact_field(t[row][0]) * fraction(1000) == b.exit_value);
            CHECK(exact_field(t[row][2]) * fraction(1000) == b.value_per_share);
        }
    }
    CHECK(row == t.size());
}

TEST_CASE("exact_decimal_text: the exact decimal when there is one, else n/d") {
    // How breakpoints, share values and preferences that need not be whole mills are written.
    CHECK(detail::exact_decimal_text(fraction(1000, 3)) == "1000/3");
    CHECK(detail::exact_decimal_text(fraction(1, 8)) == "0.125");
    CHECK(detail::exact_decimal_text(fraction(-7, 40)) == "-0.175");
    CHECK(detail::exact_decimal_text(fraction(12)) == "12");
    CHECK(detail::exact_decimal_text(fraction(1, 1024)) == "0.0009765625");
}

TEST_CASE("payouts_by_round_csv: the founders' payout after each round") {
    const round_chain_result chain = series_abc();
    const chain_payouts p = payouts_by_round(chain, {holder_id("ada"), holder_id("bob")}, {30_M, 100_M});
    CHECK(lf(payouts_by_round_csv(p)) ==
          "cap_table,payout_30000000,payout_100000000,currency\n"
          "Start,27644444.445,89866666.667,USD\n"
          "After Series A,20172973.518,65578380.151,USD\n"
          "After Series B,6930154.723,41054307.254,USD\n"
          "After Series C,0,17213250.272,USD\n");
}

TEST_CASE("payouts_by_round_csv: rows that do not match the stages and exit values are refused with the options' problems") {
    // The old code read the rows unchecked: a missing row read past the vector (undefined
    // behaviour), a long row put an extra field in the row (more fields than the header).
    chain_payouts p;
    p.exit_values = {30_M};
    p.stages = {"Start", "After Series A"};
    p.payouts = {{1_M, 2_M}};
    csv_options opt;
    opt.decimals = -1;
    try {
        (void)payouts_by_round_csv(p, opt);
        FAIL("expected validation_error");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()) == "payouts by round CSV: 3 problems\n"
                                       "  - csv_options.decimals = -1: must be between 0 and 60\n"
                                       "  - payouts = 1 rows: must hold one row per stage (2)\n"
                                       "  - payouts[0] = 2 payouts: must hold one payout per exit value (1)");
    }
}

// ---------------------------------------------------------------------------------------------
// Priced rounds, chains, conversions

TEST_CASE("chain_csv and chain_dilution_csv: shares and exact ownership per stage, empty before a holder joins") {
    const round_chain_result chain = series_abc();
    const rows t = read_checked(chain_csv(chain));
    CHECK(t[0] == std::vector<std::string>{"holder", "shares_start", "ownership_start", "ownership_start_decimal",
                                           "shares_Series A", "ownership_Series A", "ownership_Series A_decimal",
                                           "shares_Series B", "ownership_Series B", "ownership_Series B_decimal",
                                           "shares_Series C", "ownership_Series C", "ownership_Series C_decimal"});
    CHECK(t[1] == std::vector<std::string>{"Ada", "5000000", "1/2", "0.500000000000", "5000000", "5000000/13333333",
                                           "0.375000009375", "5000000", "5000000/17777777", "0.281250012305",
                                           "5000000", "2500000/11851851", "0.210937515161"});
    CHECK(t[6] == std::vector<std::string>{"B Fund", "", "", "", "", "", "", "4444444", "4444444/17777777",
                                           "0.249999985937", "4444444", "2222222/11851851", "0.187499994727"});
    CHECK(t.back()[0] == "Unallocated pool");
    // Each stage's exact ownership adds up to 1 (holders and the pool).
    for (const char* stage : {"start", "Series A", "Series B", "Series C"}) {
        const std::size_t c = column_of(t, std::string("ownership_") + stage);
        fraction sum;
        for (std::size_t i = 1; i < t.size(); ++i) {
            if (!t[i][c].empty()) sum += exact_field(t[i][c]);
        }
        CHECK(sum == fraction(1));
    }
    CHECK(lf(chain_dilution_csv(chain)) ==
          "holder,dilution_Series A,dilution_Series A_decimal,dilution_Series B,dilution_Series B_decimal,"
          "dilution_Series C,dilution_Series C_decimal\n"
          "Ada,3333333/13333333,0.249999981250,4444444/17777777,0.249999985937,5925925/23703702,0.249999978906\n"
          "Bob,3333333/13333333,0.249999981250,4444444/17777777,0.249999985937,5925925/23703702,0.249999978906\n"
          "Eve,3333333/13333333,0.249999981250,4444444/17777777,0.249999985937,5925925/23703702,0.249999978906\n"
          "Finn,3333333/13333333,0.249999981250,4444444/17777777,0.249999985937,5925925/23703702,0.249999978906\n"
          "A Fund,,,4444444/17777777,0.249999985937,5925925/23703702,0.249999978906\n"
          "B Fund,,,,,5925925/23703702,0.249999978906\n"
          "C Fund,,,,,,\n");
}

// The down rounds of docs/how-to-down-round.md §4 (tests/support/down_company.hpp): the figures
// print_round_chain() prints after the chain's tables (test_pricing_report), one row per round and
// protected series, exact; each row reconciles: CP2 exact = CP1 x (A + B) / (A + C) (the NVCA
// model charter's broad-based weighted average), B = the consideration / CP1 = C x issue price /
// CP1, additional = as converted after - before, ratio after = original issue price / CP2.
TEST_CASE("chain_adjustments_csv: each round's anti-dilution adjustment per series, exact, reconciling") {
    const round_chain_result chain = fundround_test::down_chain();
    const std::string text = lf(chain_adjustments_csv(chain));
    const std::string header =
        "round,series,method,base,adjusted,reason,a,a_convertibles,b,b_decimal,c,issue_price,issue_price_decimal,"
        "conversion_price_before,conversion_price_before_decimal,conversion_price_exact,conversion_price_exact_decimal,"
        "conversion_price_after,conversion_price_after_decimal,conversion_price_decimals,conversion_price_mode,"
        "ratio_before,ratio_before_decimal,ratio_after,ratio_after_decimal,as_converted_before,as_converted_after,"
        "additional,as_converted_mode,currency\n";
    CHECK(text.rfind(header +
                         "Series C,Series A Preferred,broad_based_weighted_average,issued + granted options + warrants,true,"
                         "down round: the issue price $0.5000 is below the conversion price $1.0000,7000000,,1000000,"
                         "1000000.000000000000,2000000,0.5,0.500000000000,1,1.000000000000,8/9,0.888888888889,0.8889,"
                         "0.888900000000,4,half_away_from_zero,1,1.000000000000,10000/8889,1.124985937676,2500000,2812464,"
                         "312464,floor,USD\n",
                     0) == 0);
    CHECK(text.find("\nSeries D,Series A Preferred,broad_based_weighted_average,issued + granted options + warrants,true,"
                    "down round: the issue price $0.4000 is below the conversion price $0.8889,9712416,,4000000000/8889,"
                    "449994.375070311621,1000000,0.4,0.400000000000,0.8889,0.888900000000,2822927057/3347630000,"
                    "0.843261369088,0.8433,0.843300000000,4,half_away_from_zero,10000/8889,1.124985937676,10000/8433,"
                    "1.185817621250,2812464,2964544,152080,floor,USD\n") != std::string::npos);
    const rows t = read_checked(chain_adjustments_csv(chain));
    REQUIRE(t.size() == 6);  // Series A and B in Series C; A, B and C in Series D
    const auto at = [&](std::size_t row, const char* name) { return t[row][column_of(t, name)]; };
    for (std::size_t i = 1; i < t.size(); ++i) {
        const fraction a(std::stoll(at(i, "a"))), b = exact_field(at(i, "b")), c(std::stoll(at(i, "c")));
        const fraction cp1 = exact_field(at(i, "conversion_price_before"));
        CHECK(exact_field(at(i, "conversion_price_exact")) == cp1 * (a + b) / (a + c));
        CHECK(b == c * exact_field(at(i, "issue_price")) / cp1);
        CHECK(std::stoll(at(i, "additional")) == std::stoll(at(i, "as_converted_after")) - std::stoll(at(i, "as_converted_before")));
        const std::string& series = at(i, "series");
        const fraction oip = series == "Series A Preferred" ? fraction(1) : series == "Series B Preferred" ? fraction(2) : fraction(1, 2);
        CHECK(exact_field(at(i, "ratio_after")) == oip / exact_field(at(i, "conversion_price_after")));
    }
    // A chain without protected series: the header only.
    CHECK(lf(chain_adjustments_csv(round_chain(fundround_test::down_company()).run())) == header);
}

// The pay-to-play conversions print_round_chain() prints before a round's adjustments
// (test_pricing_report), one row per round and holder of the series: tests/support/
// down_company.hpp's pay_to_play_chain(), worked there by hand. Each row reconciles: required =
// pro rata x 1/2, converted + kept = held, received = converted x ratio (common, rounded down).
TEST_CASE("chain_pay_to_play_csv: each round's pay-to-play conversions per holder, exact, reconciling") {
    const round_chain_result chain = fundround_test::pay_to_play_chain();
    const std::string header =
        "round,holder_id,holder,series,held,offered,offered_decimal,conversions_counted,pro_rata_amount,pro_rata_amount_decimal,"
        "required_amount,required_amount_decimal,bought,bought_decimal,converts,converted,kept,converted_into,ratio,"
        "ratio_decimal,received,reason,currency\n";
    CHECK(lf(chain_pay_to_play_csv(chain)) ==
          header +
              "Series C,fund-a,Fund A,Series A Preferred,2500000,1000000,1000000.000000000000,false,1000000,"
              "1000000.000000000000,500000,500000.000000000000,250000,250000.000000000000,true,1250000,1250000,Common,"
              "1,1.000000000000,1250000,\"bought $250,000.00 of the $500,000.00 required (1/2 of its pro rata amount "
              "$1,000,000.00): 1,250,000 of its 2,500,000 shares convert into 1,250,000 Common (ratio 1)\",USD\n");
    const rows t = read_checked(chain_pay_to_play_csv(chain));
    REQUIRE(t.size() == 2);
    const auto at = [&](const char* name) { return t[1][column_of(t, name)]; };
    CHECK(exact_field(at("required_amount")) == exact_field(at("pro_rata_amount")) * fraction(1, 2));
    CHECK(std::stoll(at("converted")) + std::stoll(at("kept")) == std::stoll(at("held")));
    CHECK(fraction(std::stoll(at("received"))) == fraction(std::stoll(at("converted"))) * exact_field(at("ratio")));
    CHECK(at("conversions_counted") == "false");
    // A chain without pay-to-play: the header only.
    CHECK(lf(chain_pay_to_play_csv(fundround_test::down_chain())) == header);
}

TEST_CASE("priced_round_csv and round_on_cap_table_csv: Series A of the Series A/B/C company") {
    const round_chain_result chain = series_abc();
    // $4M at $1.20 (12M / 10,000,000 shares): 3,333,333 shares costing $3,999,999.60, $0.40 back.
    CHECK(lf(priced_round_csv(chain.rounds()[0].pricing())) ==
          "investor,invested,shares,cost,not_converted,ownership,ownership_decimal,currency\n"
          "a-fund,4000000,3333333,3999999.6,0.4,3333333/13333333,0.249999981250,USD\n");
    CHECK(lf(round_on_cap_table_csv(chain.rounds()[0])) ==
          "holder,before,ownership_before,ownership_before_decimal,after,ownership_after,ownership_after_decimal,"
          "dilution,dilution_decimal\n"
          "Ada,5000000,1/2,0.500000000000,5000000,5000000/13333333,0.375000009375,3333333/13333333,0.249999981250\n"
          "Bob,3000000,3/10,0.300000000000,3000000,3000000/13333333,0.225000005625,3333333/13333333,0.249999981250\n"
          "Eve,600000,3/50,0.060000000000,600000,600000/13333333,0.045000001125,3333333/13333333,0.249999981250\n"
          "Finn,400000,1/25,0.040000000000,400000,400000/13333333,0.030000000750,3333333/13333333,0.249999981250\n"
          "A Fund,0,0,0.000000000000,3333333,3333333/13333333,0.249999981250,,\n"
          "Unallocated pool,1000000,1/10,0.100000000000,1000000,1000000/13333333,0.075000001875,,\n");
}

TEST_CASE("conversions_csv and converted_holders_csv: the YC post-money SAFE user guide's capitalization") {
    // As test_conversion.cpp: 9,250,000 founders' shares, 650,000 options, a 100,000 pool; a $1M
    // and a $500k post-money SAFE at a $10M cap convert at $0.85 (10M / (10,000,000 / 0.85)).
    const cap_table t = cap_table_builder()
                            .add(holder::founder("founders", "Founders"))
                            .add(holder::employee("staff", "Staff"))
                            .add(holder::investor("a", "SAFE A"))
                            .add(holder::investor("b", "SAFE B"))
                            .add(holder::investor("lead", "Lead"))
                            .add(share_class::common("Common"))
                            .add(option_pool{"Plan", "Common", share_count(750'000)})
                            .grant({holder_id("staff"), "Plan", share_count(650'000),
                                    price_per_share(10_usd, share_count(100))})
                            .holding(holder_id("founders"), "Common", share_count(9'250'000))
                            .build();
    const converted_round r =
        conversion_round("Series A", "Series A Preferred", ymd(2025, 6, 30))
            .pre_money(30_M)
            .invest(holder_id("lead"), 6_M)
            .convert(safe::post_money_cap(holder_id("a"), 1_M, 10_M, ymd(2024, 1, 15)))
            .convert(safe::post_money_cap(holder_id("b"), 500'000_usd, 10_M, ymd(2024, 4, 2)))
            .apply_to(t);
    CHECK(lf(conversions_csv(r)) ==
          "holder,instrument,converts,terms,at,price,price_decimal,shares,not_converted,not_converted_decimal,currency\n"
          "SAFE A,post-money SAFE (valuation cap),1000000,\"cap $10,000,000.00\",cap,0.85,0.850000000000,1176470,0.5,"
          "0.500000000000,USD\n"
          "SAFE B,post-money SAFE (valuation cap),500000,\"cap $10,000,000.00\",cap,0.85,0.850000000000,588235,0.25,"
          "0.250000000000,USD\n");
    CHECK(lf(converted_holders_csv(r)) ==
          "holder,before,ownership_before,ownership_before_decimal,after,ownership_after,ownership_after_decimal\n"
          "Founders,9250000,37/40,0.925000000000,9250000,125000/190779,0.655208382474\n"
          "Staff,650000,13/200,0.065000000000,650000,325000/7058823,0.046041670120\n"
          "SAFE A,0,0,0.000000000000,1176470,588235/7058823,0.083333297917\n"
          "SAFE B,0,0,0.000000000000,588235,588235/14117646,0.041666648958\n"
          "Lead,0,0,0.000000000000,2352941,1/6,0.166666666667\n"
          "Unallocated pool,100000,1/100,0.010000000000,100000,50000/7058823,0.007083333865\n");
}

// ---------------------------------------------------------------------------------------------
// One model: the CSV has the text's rows (less the totals) in the same order

TEST_CASE("one model: the text table and the CSV of a report have the same rows in the same order") {
    const round_chain_result chain = series_abc();
    const cap_table_report_options opt;
    const detail::report_table text = detail::cap_table_holders_table(chain.final_table(), opt, detail::table_target::text);
    const detail::report_table csv = detail::cap_table_holders_table(chain.final_table(), opt, detail::table_target::csv);
    REQUIRE(text.complete());
    REQUIRE(csv.complete());
    const std::size_t text_rows = text.cells().size() / text.width();
    const std::size_t csv_rows = csv.cells().size() / csv.width();
    CHECK(text_rows == csv_rows + 1);  // the text's total row
    for (std::size_t r = 1; r < csv_rows; ++r) {
        const std::string& name = csv.cells()[r * csv.width()];
        const std::string& shown = text.cells()[r * text.width()];
        CHECK((shown == name || shown == "Unallocated: " + name));
    }
    CHECK(text.cells()[(text_rows - 1) * text.width()] == "Total");
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST_CASE("csv_options: decimals out of 0..60 is an error naming the field, the value and the rule") {
    csv_options opt;
    opt.decimals = 61;
    const funding_round r = fundround_test::reference_round();
    try {
        (void)schedule_csv(r, opt);
        FAIL("no error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string() == "csv_options.decimals");
        CHECK(e.problems()[0].value == "61");
        CHECK(e.problems()[0].rule == "must be between 0 and 60");
        CHECK(std::string(e.what()) == "csv options: 1 problem\n  - csv_options.decimals = 61: must be between 0 and 60");
    }
    opt.decimals = -1;
    CHECK_THROWS_WITH_AS((void)investors_csv(r, opt),
                         "csv options: 1 problem\n  - csv_options.decimals = -1: must be between 0 and 60",
                         validation_error);
    opt.decimals = 0;
    CHECK(investors_csv(r, opt).find(",5/84,0,3/161,0,") != std::string::npos);
    opt.decimals = 60;
    CHECK_NOTHROW((void)investors_csv(r, opt));
}

TEST_CASE("schedule_csv as of a date: a bad date and bad options reported together") {
    csv_options opt;
    opt.decimals = 99;
    const calendar_date bad = year{2026} / 2 / 30;
    try {
        (void)schedule_csv(fundround_test::reference_round(), bad, opt);
        FAIL("no error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 2);
        CHECK(e.problems()[0].field.to_string() == "csv_options.decimals");
        CHECK(e.problems()[1].field.to_string() == "as_of");
        CHECK(e.problems()[1].rule == "is not a valid calendar date");
        CHECK(std::string(e.what()).find("as_of = ") != std::string::npos);
    }
    CHECK_THROWS_AS((void)schedule_csv(fundround_test::reference_round(), year{10000} / 1 / 1), validation_error);
}

TEST_CASE("waterfall_csv: every bad exit value and bad option in one error") {
    const waterfall w = waterfall::build(series_abc().final_table());
    csv_options opt;
    opt.decimals = -5;
    try {
        (void)waterfall_csv(w, {-1_M, 100_M, 100_M_eur}, opt);
        FAIL("no error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].field.to_string() == "csv_options.decimals");
        CHECK(e.problems()[1].field.to_string() == "exit_values[0]");
        CHECK(e.problems()[1].value == "-$1,000,000.00");
        CHECK(e.problems()[1].rule == "must not be negative");
        CHECK(e.problems()[2].field.to_string() == "exit_values[2]");
        CHECK(e.problems()[2].rule == "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)");
        CHECK(std::string(e.what()).substr(0, 14) == "waterfall CSV:");
    }
    CHECK_THROWS_AS((void)waterfall_holders_csv(w, {-1_M}), validation_error);
    CHECK_THROWS_AS((void)breakpoints_csv(w, opt), validation_error);
}

TEST_CASE("write_csv_table: a row cut short is an error, not a short row") {
    detail::report_table t(detail::table_target::csv);
    t.column("A", false, "a").column("B", false, "b").end_header();
    t.text("only one");
    CHECK_FALSE(t.complete());
    std::ostringstream os;
    CHECK_THROWS_WITH_AS(detail::write_csv_table(os, t, {}),
                         "CSV table: the last row is incomplete (a report table's builder bug)", invalid_argument_error);
    CHECK(os.str().empty());
    t.text("two");
    CHECK(t.complete());
    detail::write_csv_table(os, t, {});
    CHECK(os.str() == "a,b\r\nonly one,two\r\n");
}

TEST_CASE("csv: a line ending outside the enumeration is an error naming the field, the integer and the names") {
    // Regression: it was written as "\n" (anything but crlf), with no problem reported.
    csv_options opt;
    opt.line_ending = static_cast<csv_line_ending>(2);
    REQUIRE(opt.validate().size() == 1);
    CHECK(opt.validate()[0].message() == "csv_options.line_ending = 2: must be crlf or lf");
    CHECK_THROWS_WITH_AS((void)investors_csv(fundround_test::reference_round(), opt),
                         "csv options: 1 problem\n  - csv_options.line_ending = 2: must be crlf or lf", validation_error);
    CHECK_THROWS_WITH_AS((void)csv_row({"a"}, static_cast<csv_line_ending>(-1)), "line_ending = -1: must be crlf or lf",
                         invalid_argument_error);
    CHECK(csv_row({"a"}, csv_line_ending::lf) == "a\n");
}

}  // namespace test_csv
