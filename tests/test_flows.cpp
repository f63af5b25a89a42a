// Unit tests for fundround/analysis/flows.hpp: cash_flow, counter_commitment, net_flows.
#include <fundround/analysis/flows.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/time/scenario.hpp>

#include <doctest/doctest.h>

#include "support/flows_test.hpp"
#include "support/fundround_test.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

// The net-flow data are light: with __int128, nothing included above brings Boost.Multiprecision
// (present values do, from analysis/present_value.hpp).
#if FUNDROUND_HAS_INT128 && defined(BOOST_MP_CPP_INT_HPP)
#error "analysis/flows.hpp (or a header it includes) pulled in Boost.Multiprecision"
#endif

namespace fr = fundround;
using fr::year;
using fr::days;
using fr::calendar_date;
using fr::cash_flow;
using fr::counter_commitment;
using fr::flow_year;
using fr::fraction;
using fr::money;
using fr::net_flows;
using fr::rounding;
using namespace fr::literals;

namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) {
    return year{y} / m / dd;
}

money eur(std::int64_t whole) { return money::from_major(whole, fr::currencies::eur); }

using fundround_test::lcg;

using fundround_test::amazon;
using fundround_test::amazon_equity;
using fundround_test::cloud_existing;
using fundround_test::cloud_growth;

}  // namespace

TEST_CASE("cash_flow: regular value, printable") {
    const cash_flow f{ymd(2026, 2, 27), 15_B, "Amazon tranche 1"};
    CHECK(f == cash_flow{ymd(2026, 2, 27), 15_B, "Amazon tranche 1"});
    CHECK(f != cash_flow{ymd(2026, 2, 28), 15_B, "Amazon tranche 1"});
    CHECK(f != cash_flow{ymd(2026, 2, 27), 16_B, "Amazon tranche 1"});
    CHECK(f != cash_flow{ymd(2026, 2, 27), 15_B, "Amazon tranche 2"});
    CHECK(fr::to_string(f) == "2026-02-27 $15,000,000,000.00 Amazon tranche 1");
    CHECK(fr::to_string(cash_flow{ymd(2026, 2, 27), 1_M, ""}) == "2026-02-27 $1,000,000.00");
    std::ostringstream os;
    os << f;
    CHECK(os.str() == "2026-02-27 $15,000,000,000.00 Amazon tranche 1");
}

TEST_CASE("counter_commitment: explicit flows are kept in date order and total exactly") {
    const counter_commitment c("Data centre lease", "Landlord",
                               {{ymd(2027, 6, 30), 3_M, "second"},
                                {ymd(2026, 6, 30), 2_M, "first"},
                                {ymd(2027, 6, 30), 1_M, "second, same day"}});
    CHECK(c.name() == "Data centre lease");
    CHECK(c.counterparty() == "Landlord");
    CHECK(c.total() == 6_M);
    CHECK(c.currency() == fr::currencies::usd);
    CHECK(c.first_date() == ymd(2026, 6, 30));
    CHECK(c.last_date() == ymd(2027, 6, 30));
    const std::vector<cash_flow> expected{{ymd(2026, 6, 30), 2_M, "first"},
                                          {ymd(2027, 6, 30), 3_M, "second"},
                                          {ymd(2027, 6, 30), 1_M, "second, same day"}};
    CHECK(c.flows() == expected);
}

TEST_CASE("counter_commitment: from installments, total reconciles with the schedule") {
    const counter_commitment growth = cloud_growth();
    REQUIRE(growth.flows().size() == 8);
    CHECK(growth.total() == 100_B);
    CHECK(growth.flows()[0] == cash_flow{ymd(2026, 12, 31), 12.5_B, "AWS cloud contract growth 1/8"});
    CHECK(growth.flows()[7] == cash_flow{ymd(2033, 12, 31), 12.5_B, "AWS cloud contract growth 8/8"});
    const counter_commitment existing = cloud_existing();
    CHECK(existing.total() == 38_B);
    for (const auto& f : existing.flows()) CHECK(f.amount == 4.75_B);

    // An uneven split still reconciles: $100 over 3 months is 33.34 + 33.33 + 33.33.
    const counter_commitment uneven = counter_commitment::from_installments(
        "Support", "Vendor", fr::installments(100_usd, ymd(2026, 1, 31), 3, fr::frequency::monthly));
    CHECK(uneven.total() == 100_usd);
    CHECK(uneven.flows()[0].amount == 33.34_usd);
    CHECK(uneven.flows()[1] == cash_flow{ymd(2026, 2, 28), 33.33_usd, "Support 2/3"});
    CHECK(uneven.flows()[2].date == ymd(2026, 3, 31));
}

TEST_CASE("counter_commitment: every problem reported at once") {
    try {
        counter_commitment bad("", "", {{ymd(2026, 2, 30), 1_M, "a"},
                                        {ymd(2026, 3, 1), -(5_M), "b"},
                                        {ymd(2026, 3, 1), eur(7), "c"},
                                        {ymd(2026, 3, 1), 0_M, "d"}});
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        const std::vector<fr::diagnostic> expected{
            {fr::field_path("name"), "", "must not be empty"},
            {fr::field_path("counterparty"), "", "must not be empty"},
            {fr::field_path("flows").index(0).member("date"), "2026-02-30", "must be a valid calendar date"},
            {fr::field_path("flows").index(1).member("amount"), "-$5,000,000.00", "must be positive"},
            {fr::field_path("flows").index(2).member("amount"), "€7.00", "must be in USD like the other flows"},
            {fr::field_path("flows").index(3).member("amount"), "$0.00", "must be positive"}};
        CHECK(e.problems() == expected);
        CHECK(std::string(e.what()).rfind("counter_commitment \"\": 6 problems\n", 0) == 0);
        CHECK(e.problems()[2].message() == "flows[0].date = 2026-02-30: must be a valid calendar date");
        CHECK(e.problems()[3].field.json_pointer() == "/flows/1/amount");
    }
    // Regression (review of 2026-12-05): a flow after 9999-12-31 was accepted, and the net
    // position on the last modelled day then missed it.
    CHECK_THROWS_WITH_AS(counter_commitment("Lease", "Landlord", {{fr::year{12000} / 1 / 1, 1_M, "far"}}),
                         "counter_commitment \"Lease\": 1 problem\n"
                         "  - flows[0].date = 12000-01-01: is after 9999-12-31, the last day fundround models",
                         fr::validation_error);
    CHECK_NOTHROW(counter_commitment("Lease", "Landlord", {{fr::year{9999} / 12 / 31, 1_M, "last"}}));
    CHECK_THROWS_WITH_AS(counter_commitment("Lease", "Landlord", {}),
                         "counter_commitment \"Lease\": 1 problem\n"
                         "  - flows: must hold at least one payment",
                         fr::validation_error);
}

TEST_CASE("net_flows: the reference deal with Amazon, year by year") {
    const net_flows f = amazon();
    CHECK(f.counterparty() == "Amazon");
    CHECK(f.currency() == fr::currencies::usd);
    CHECK(f.total_in() == 50_B);
    CHECK(f.total_out() == 138_B);  // $38B existing + $100B new
    CHECK(f.total_net() == -(88_B));
    CHECK(f.money_in().size() == 2);
    CHECK(f.money_out().size() == 16);
    CHECK(f.commitments().size() == 2);
    // Same-day flows keep commitment order: growth first, then existing.
    CHECK(f.money_out()[0].label == "AWS cloud contract growth 1/8");
    CHECK(f.money_out()[1].label == "AWS cloud contract (existing) 1/8");

    // 2026: in 15 + 35 = 50, out 12.5 + 4.75 = 17.25; later years: out 17.25 each.
    const std::vector<flow_year> expected{
        {2026, 50_B, 17.25_B, 32.75_B, 32.75_B},
        {2027, 0_B, 17.25_B, -(17.25_B), 15.5_B},
        {2028, 0_B, 17.25_B, -(17.25_B), -(1.75_B)},
        {2029, 0_B, 17.25_B, -(17.25_B), -(19_B)},
        {2030, 0_B, 17.25_B, -(17.25_B), -(36.25_B)},
        {2031, 0_B, 17.25_B, -(17.25_B), -(53.5_B)},
        {2032, 0_B, 17.25_B, -(17.25_B), -(70.75_B)},
        {2033, 0_B, 17.25_B, -(17.25_B), -(88_B)}};
    CHECK(f.by_year() == expected);
}

TEST_CASE("net_flows: net position on chosen dates (end of day, inclusive)") {
    const net_flows f = amazon();
    CHECK(f.net_position(ymd(2026, 2, 26)) == 0_B);
    CHECK(f.net_position(ymd(2026, 2, 27)) == 15_B);
    CHECK(f.net_position(ymd(2026, 9, 29)) == 15_B);
    CHECK(f.net_position(ymd(2026, 9, 30)) == 50_B);
    CHECK(f.net_position(ymd(2026, 12, 30)) == 50_B);
    CHECK(f.net_position(ymd(2026, 12, 31)) == 32.75_B);
    CHECK(f.net_position(ymd(2027, 12, 31)) == 15.5_B);
    CHECK(f.net_position(ymd(2028, 12, 31)) == -(1.75_B));  // the company has paid back more
    CHECK(f.net_position(ymd(2033, 12, 30)) == -(70.75_B));
    CHECK(f.net_position(ymd(2033, 12, 31)) == -(88_B));
    CHECK(f.net_position(ymd(2040, 1, 1)) == -(88_B));
    CHECK(f.money_in_as_of(ymd(2026, 9, 29)) == 15_B);
    CHECK(f.money_out_as_of(ymd(2029, 6, 30)) == 51.75_B);
    CHECK_THROWS_WITH_AS(f.net_position(ymd(2026, 2, 29)),
                         "net_flows: date = 2026-02-29: is not a valid calendar date",
                         fr::invalid_argument_error);
}

TEST_CASE("net_flows: years without flows appear with zeros; one side may be empty") {
    const net_flows f("Supplier", {},
                      {counter_commitment("Chips", "Supplier",
                                          {{ymd(2026, 3, 1), 2_M, "a"}, {ymd(2029, 3, 1), 3_M, "b"}})});
    const std::vector<flow_year> expected{{2026, 0_M, 2_M, -(2_M), -(2_M)},
                                          {2027, 0_M, 0_M, 0_M, -(2_M)},
                                          {2028, 0_M, 0_M, 0_M, -(2_M)},
                                          {2029, 0_M, 3_M, -(3_M), -(5_M)}};
    CHECK(f.by_year() == expected);
    CHECK(f.total_in() == 0_M);
    CHECK(f.net_position(ymd(2028, 1, 1)) == -(2_M));

    const net_flows only_in("Investor", {{ymd(2026, 1, 1), eur(5), "x"}}, {});
    CHECK(only_in.currency() == fr::currencies::eur);
    CHECK(only_in.total_out() == eur(0));
    CHECK(only_in.by_year() == std::vector<flow_year>{{2026, eur(5), eur(0), eur(5), eur(5)}});
}

TEST_CASE("net_flows: every problem reported at once") {
    const counter_commitment to_other("Lease", "Landlord", {{ymd(2026, 1, 1), 1_M, ""}});
    const counter_commitment in_eur("Support", "Amazon", {{ymd(2026, 1, 1), eur(1), ""}});
    try {
        net_flows bad("Amazon",
                      {{ymd(2026, 2, 27), 15_B, "ok"},
                       {ymd(2026, 13, 1), 35_B, "bad date"},
                       {ymd(2026, 3, 1), -(1_B), "negative"},
                       {ymd(2026, 3, 1), eur(2), "euro"}},
                      {cloud_growth(), to_other, in_eur});
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        const std::vector<fr::diagnostic> expected{
            {fr::field_path("money_in").index(1).member("date"), "2026-13-01", "must be a valid calendar date"},
            {fr::field_path("money_in").index(2).member("amount"), "-$1,000,000,000.00", "must be positive"},
            {fr::field_path("money_in").index(3).member("amount"), "€2.00", "must be in USD like the other flows"},
            {fr::field_path("commitments").index(1).member("counterparty"), "Landlord", "must be \"Amazon\" like the view"},
            {fr::field_path("commitments").index(2).member("currency"), "EUR", "must be USD like the other flows"}};
        CHECK(e.problems() == expected);
        CHECK(std::string(e.what()).rfind("net_flows \"Amazon\": 5 problems\n", 0) == 0);
        CHECK(e.problems()[3].message() == "commitments[1].counterparty = Landlord: must be \"Amazon\" like the view");
        CHECK(e.problems()[0].field.json_pointer() == "/money_in/1/date");
    }
    CHECK_THROWS_WITH_AS(net_flows("", {}, {}),
                         "net_flows \"\": 2 problems\n"
                         "  - counterparty: must not be empty\n"
                         "  - money_in: there must be at least one flow: money_in and "
                         "commitments are both empty",
                         fr::validation_error);
}

TEST_CASE("net_flows: overflow of a cumulative sum throws") {
    const money big = money::from_units(std::numeric_limits<std::int64_t>::max() - 1);
    CHECK_THROWS_AS(net_flows("X", {{ymd(2026, 1, 1), big, ""}, {ymd(2027, 1, 1), big, ""}}, {}),
                    fr::overflow_error);
}

// Regression: a total past the largest money threw "money addition overflows the 64-bit amount
// range", naming neither the object nor the flow; it now names the flow (in input order), its
// amount, the limit and the sum before it.
TEST_CASE("counter_commitment, net_flows: an overflowing total names the flow that tips it (regression)") {
    const money big = money::from_major(5'000'000'000'000'000, fr::currencies::usd);
    CHECK_THROWS_WITH_AS(fr::counter_commitment("c", "X", {{ymd(2027, 1, 1), big, "a"}, {ymd(2026, 1, 1), big, "b"}}),
                         "counter_commitment \"c\": flows[1].amount = $5,000,000,000,000,000.00: takes the total "
                         "past $9,223,372,036,854,775.807, the largest amount (those before it total "
                         "$5,000,000,000,000,000.00)",
                         fr::overflow_error);
    CHECK_THROWS_WITH_AS(net_flows("X",
                                   {{ymd(2027, 1, 1), money::from_major(1, fr::currencies::usd), "z"},
                                    {ymd(2027, 1, 1), big, "a"},
                                    {ymd(2026, 1, 1), big, "b"}},
                                   {}),
                         "net_flows \"X\": money_in[2].amount = $5,000,000,000,000,000.00: takes the total past "
                         "$9,223,372,036,854,775.807, the largest amount (those before it total "
                         "$5,000,000,000,000,001.00)",
                         fr::overflow_error);
    CHECK_THROWS_WITH_AS(net_flows("X", {},
                                   {fr::counter_commitment("c", "X", {{ymd(2027, 1, 1), big, "a"}}),
                                    fr::counter_commitment("d", "X", {{ymd(2026, 1, 1), big, "a"}})}),
                         "net_flows \"X\": commitments[1].total = $5,000,000,000,000,000.00: takes the total past "
                         "$9,223,372,036,854,775.807, the largest amount (those before it total "
                         "$5,000,000,000,000,000.00)",
                         fr::overflow_error);
    // Exactly the largest amount is not an overflow.
    const money max = money::from_units(std::numeric_limits<std::int64_t>::max());
    const money rest = money::from_units(std::numeric_limits<std::int64_t>::max() - 5'000'000'000'000'000'000);
    CHECK(fr::counter_commitment("c", "X", {{ymd(2027, 1, 1), big, "a"}, {ymd(2026, 1, 1), rest, "b"}}).total() == max);
}

TEST_CASE("net_flows: property - years add up to totals, net position is a prefix sum") {
    lcg rng{20260227};
    for (int trial = 0; trial < 60; ++trial) {
        const calendar_date start = ymd(2024, 1, 1);
        auto random_flows = [&](std::size_t n) {
            std::vector<cash_flow> flows;
            for (std::size_t k = 0; k < n; ++k) {
                const calendar_date d{start +
                                      days{static_cast<int>(rng.next(4000))}};
                flows.push_back({d, money::from_units(static_cast<std::int64_t>(rng.next(1000000000)) + 1),
                                 "f" + std::to_string(k)});
            }
            return flows;
        };
        const std::vector<cash_flow> in = random_flows(rng.next(30));
        std::vector<counter_commitment> out;
        const std::size_t commitments = rng.next(4) + (in.empty() ? 1 : 0);
        for (std::size_t c = 0; c < commitments; ++c) {
            out.emplace_back("c" + std::to_string(c), "P", random_flows(rng.next(30) + 1));
        }
        const net_flows f("P", in, out);

        money years_in = 0_M, years_out = 0_M, years_net = 0_M;
        for (const auto& y : f.by_year()) {
            CHECK(y.net == y.money_in - y.money_out);
            years_in += y.money_in;
            years_out += y.money_out;
            years_net += y.net;
            CHECK(y.cumulative_net == years_net);
        }
        money brute_in = 0_M, brute_out = 0_M;
        for (const auto& x : in) brute_in += x.amount;
        for (const auto& c : out) brute_out += c.total();
        CHECK(years_in == f.total_in());
        CHECK(years_out == f.total_out());
        CHECK(f.total_in() == brute_in);
        CHECK(f.total_out() == brute_out);
        CHECK(f.by_year().back().cumulative_net == f.total_net());
        const calendar_date last = std::max(f.money_in().empty() ? start : f.money_in().back().date,
                                            f.money_out().empty() ? start : f.money_out().back().date);
        CHECK(f.net_position(last) == f.total_in() - f.total_out());

        // Any date: the O(log n) answer equals a linear scan.
        for (int q = 0; q < 10; ++q) {
            const calendar_date d{start +
                                  days{static_cast<int>(rng.next(4200)) - 100}};
            money expected = 0_M;
            for (const auto& x : f.money_in()) if (x.date <= d) expected += x.amount;
            for (const auto& x : f.money_out()) if (x.date <= d) expected -= x.amount;
            CHECK(f.net_position(d) == expected);
        }
    }
}

// The equity side from the round itself: the reference round replayed in a scenario where the
// conditions are met on 2026-09-30 (an assumption; the report gives no date).
TEST_CASE("equity_flows: an investor's payments in a scenario become cash flows") {
    const fr::funding_round r =
        fr::round_builder("Reference round, 2026")
            .pre_money(730_B)
            .close_date(ymd(2026, 2, 27))
            .invest(fr::investor::strategic("Amazon"), 50_B,
                    {fr::tranche::at_close(15_B), fr::tranche::when(35_B, fr::milestone("certain conditions"))})
            .invest(fr::investor::strategic("Nvidia"), 30_B)
            .build();
    const fr::scenario_result met =
        fr::scenario("met").achieve("certain conditions", ymd(2026, 9, 30)).apply_to(r);
    const std::vector<cash_flow> in = fr::equity_flows(met.timeline(), "Amazon");
    REQUIRE(in.size() == 2);
    CHECK(in[0] == cash_flow{ymd(2026, 2, 27), 15_B, "equity, tranche 1"});
    CHECK(in[1] == cash_flow{ymd(2026, 9, 30), 35_B, "equity, tranche 2"});
    const std::vector<cash_flow> never = fr::equity_flows(fr::scenario("never").apply_to(r).timeline(), "Amazon");
    REQUIRE(never.size() == 1);
    CHECK(never[0].amount == 15_B);
    // Regression: the message said only "is not in the round"; it now says what to write instead.
    CHECK_THROWS_WITH_AS(fr::equity_flows(met.timeline(), "AWS"),
                         "investor = \"AWS\": is not in the round (its investors: \"Amazon\", \"Nvidia\")",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::equity_flows(met.timeline(), "amazon "),
                         "investor = \"amazon \": is not in the round; did you mean \"Amazon\"? (names are matched exactly; these differ only in case, spaces or punctuation)",
                         fr::invalid_argument_error);

    // Fallback parts are labelled.
    const fr::funding_round f =
        fr::round_builder("F")
            .pre_money(100_B)
            .close_date(ymd(2026, 2, 27))
            .invest(fr::investor::financial("A"),
                    {fr::tranche::when(30_B, fr::milestone("m").with_long_stop(ymd(2026, 12, 31))).otherwise(20_B)})
            .build();
    const std::vector<cash_flow> lapsed = fr::equity_flows(fr::round_timeline(f), "A");
    REQUIRE(lapsed.size() == 1);
    CHECK(lapsed[0] == cash_flow{ymd(2026, 12, 31), 20_B, "equity, tranche 1 (fallback)"});  // paid on the settlement date (issue 9)
}
