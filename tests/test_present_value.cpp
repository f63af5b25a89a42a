// Unit tests for fundround/analysis/present_value.hpp: present values of cash flows and of a
// net-flow view (the reference deal's Amazon flows, assumptions in support/flows_test.hpp).
#include <fundround/analysis/present_value.hpp>
#include <fundround/io/money_parse.hpp>

#include <doctest/doctest.h>

#include "support/flows_test.hpp"

#include <cstdint>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_present_value {

namespace fr = fundround;
using fr::calendar_date;
using fr::fraction;
using fr::money;
using fr::net_flows;
using fr::rounding;
using namespace fr::literals;

namespace {

using fundround_test::amazon;
using fundround_test::ymd;

money eur(std::int64_t whole) { return money::from_major(whole, fr::currencies::eur); }

}  // namespace

TEST_CASE("present_value_of: a net-flow view, each side at 8%, actual/365 fixed") {
    const net_flows f = amazon();
    // Simple compounding, valued at the close 2026-02-27:
    //   in  = 15e9 + 35e9 / (1 + 0.08 * 215/365) = 15e9 + 9125e9/273 = 13220e9/273
    const fr::discount_terms simple(fraction::from_decimal("0.08"), ymd(2026, 2, 27),
                                    fr::day_count::actual_365_fixed, fr::compounding::simple);
    const fr::flows_present_value s = fr::present_value_of(f, simple, rounding::half_even);
    CHECK(s.money_in.exact == fraction(13220000000000, 273));
    CHECK(s.money_in.rounded == "48424908424.91"_usd);
    // out: the first payment, 2026-12-31, is 307 days out: 17.25e9 / (1 + 0.08 * 307/365).
    CHECK(fr::present_value_of({f.money_out()[0], f.money_out()[1]}, simple, rounding::half_even)
              .exact == fraction(17250000000) / (fraction(1) + fraction(2, 25) * fraction(307, 365)));

    // Annual compounding with a simple stub: the k-th payment (k = 0..7) is 307 days + k years
    // out; 365 + 307 = 672 days spans one whole year under actual/365 fixed (no Feb 29 between
    // 2027-02-27 and 2027-12-31), and so on. Summed exactly, rounded once.
    const fr::discount_terms annual(fraction::from_decimal("0.08"), ymd(2026, 2, 27),
                                    fr::day_count::actual_365_fixed,
                                    fr::compounding::annual_with_simple_stub);
    const fr::flows_present_value a = fr::present_value_of(f, annual, rounding::half_even);
    CHECK(a.money_in.exact == fraction(13220000000000, 273));  // within a year: same as simple
    CHECK(a.money_out.rounded == "100292010798.39"_usd);
    CHECK(a.net.exact == a.money_in.exact - a.money_out.exact);
    CHECK(a.net.rounded == "-51867102373.48"_usd);
    fr::exact_rational by_flow;  // 8 years of (1 + r)^n: beyond a 128-bit fraction
    for (const auto& flow : f.money_out()) by_flow += annual.exact_value(flow.amount, flow.date);
    CHECK(a.money_out.exact == by_flow);
}

TEST_CASE("present_value_of: empty lists, currency and the reject rule") {
    const fr::discount_terms strict(fraction::from_decimal("0.05"), ymd(2026, 6, 1),
                                    fr::day_count::actual_360, fr::compounding::simple,
                                    fr::past_flow_rule::reject);
    const fr::present_value none = fr::present_value_of({}, strict, rounding::half_even,
                                                        fr::currencies::eur);
    CHECK(none == fr::present_value{fraction(0), eur(0)});
    try {
        (void)fr::present_value_of({{ymd(2026, 1, 1), 1_M, "a"},
                                    {ymd(2026, 6, 1), 1_M, "b"},
                                    {ymd(2026, 5, 31), 1_M, "c"}},
                                   strict, rounding::half_even);
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        const std::vector<fr::diagnostic> expected{
            {fr::field_path("flows").index(0).member("date"), "2026-01-01",
             "must not be before the valuation date 2026-06-01 (past_flow_rule::reject)"},
            {fr::field_path("flows").index(2).member("date"), "2026-05-31",
             "must not be before the valuation date 2026-06-01 (past_flow_rule::reject)"}};
        CHECK(e.problems() == expected);
    }
    CHECK_THROWS_AS(fr::present_value_of({{ymd(2026, 7, 1), 1_M, ""}, {ymd(2026, 7, 1), eur(1), ""}},
                                         strict, rounding::half_even),
                    fr::currency_mismatch_error);
    // The net-flow view under reject: money in at the close is before a later valuation date.
    CHECK_THROWS_AS((void)fr::present_value_of(amazon(), strict, rounding::half_even), fr::validation_error);
    // Every refused flow of both sides at once, each named by its side (found by review: only
    // money in's first flow was reported, as "flows[0]").
    const fr::discount_terms late(fraction::from_decimal("0.05"), ymd(2027, 1, 1), fr::day_count::actual_360,
                                  fr::compounding::simple, fr::past_flow_rule::reject);
    try {
        (void)fr::present_value_of(amazon(), late, rounding::half_even);
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        std::vector<std::string> fields;
        for (const fr::diagnostic& d : e.problems()) fields.push_back(d.field.to_string() + " = " + d.value);
        CHECK(fields == std::vector<std::string>{"money_in[0].date = 2026-02-27", "money_in[1].date = 2026-09-30",
                                                 "money_out[0].date = 2026-12-31", "money_out[1].date = 2026-12-31"});
    }
}

TEST_CASE("present_value_of: the pairwise sum is the exact sum of the terms, whatever their number") {
    // present_value_of() adds the terms in pairs, then pairs of pairs (fast: bench_present_value);
    // the result is the same exact fraction as one running sum, for any count, odd or even.
    const fr::discount_terms terms(fraction::from_decimal("0.0123456789"), ymd(2026, 1, 1), fr::day_count::actual_365_fixed,
                                   fr::compounding::annual_with_simple_stub);
    std::vector<fr::cash_flow> flows;
    for (std::int32_t k = 0; k < 65; ++k) {
        flows.push_back({ymd(2026, 1, 2) + fr::days{k * 37}, money::from_units(1'000'000 + 7'919 * k), "f"});
        fr::exact_rational running;
        for (const fr::cash_flow& f : flows) running += terms.exact_value(f.amount, f.date);
        const fr::present_value pv = fr::present_value_of(flows, terms, rounding::half_even);
        CHECK(pv.exact == running);
        CHECK(pv.rounded == fr::detail::round_exact_to_minor_unit(running.big(), fr::currencies::usd, rounding::half_even));
    }
}

TEST_CASE("present_value_of: invalid and out-of-range dates are listed with the refused flows") {
    // Found by review: the first invalid date threw invalid_argument_error (undocumented), so the
    // other problems, refused flows included, were not reported.
    const fr::discount_terms strict(fraction::from_decimal("0.05"), ymd(2026, 6, 1),
                                    fr::day_count::actual_360, fr::compounding::simple,
                                    fr::past_flow_rule::reject);
    try {
        (void)fr::present_value_of({{ymd(2026, 1, 1), 1_M, "a"},
                                    {fr::calendar_date(fr::year{2026} / 2 / 30), 1_M, "b"},
                                    {fr::calendar_date(fr::year{10000} / 1 / 1), 1_M, "c"}},
                                   strict, rounding::half_even);
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        const std::vector<fr::diagnostic> expected{
            {fr::field_path("flows").index(0).member("date"), "2026-01-01",
             "must not be before the valuation date 2026-06-01 (past_flow_rule::reject)"},
            {fr::field_path("flows").index(1).member("date"), "2026-02-30", "must be a valid calendar date"},
            {fr::field_path("flows").index(2).member("date"), "10000-01-01",
             "is after 9999-12-31, the last day fundround models"}};
        CHECK(e.problems() == expected);
    }
}

// Regression: a present value beyond the money range threw "fundround: rounding a present value
// overflows 64 bits", naming neither what was valued nor the value; it now names both and the
// limit.
TEST_CASE("present_value_of: a value beyond the money range names what, the value and the limit (regression)") {
    const money half = money::from_major(5'000'000'000'000'000, fr::currencies::usd);
    const fr::discount_terms zero(fraction(0), ymd(2026, 1, 1), fr::day_count::actual_360, fr::compounding::simple);
    CHECK_THROWS_WITH_AS(
        (void)fr::present_value_of(std::vector<fr::cash_flow>{{ymd(2026, 1, 1), half, "a"}, {ymd(2027, 1, 1), half, "b"}},
                                   zero, rounding::half_even),
        "present value of flows = 10000000000000000.00 USD: does not fit a money (at most "
        "9223372036854775.80 in magnitude)",
        fr::overflow_error);
    // 9e15 compounded forward six years (2192 days) at 8% simple: 9e15 * (1 + 0.08 * 2192/365).
    const fr::discount_terms eight(fraction::from_decimal("0.08"), ymd(2026, 1, 1), fr::day_count::actual_365_fixed,
                                   fr::compounding::simple);
    const money nine = money::from_major(9'000'000'000'000'000, fr::currencies::usd);
    CHECK_THROWS_WITH_AS(
        (void)fr::present_value_of(net_flows("X", {{ymd(2020, 1, 1), nine, "a"}}, {}), eight, rounding::half_even),
        "present value of money_in = 13323945205479452.05 USD: does not fit a money (at most "
        "9223372036854775.80 in magnitude)",
        fr::overflow_error);
    CHECK_THROWS_WITH_AS(
        (void)fr::present_value_of(
            net_flows("X", {}, {fr::counter_commitment("c", "X", {{ymd(2020, 1, 1), money::from_major(9'000'000'000'000'000, fr::currencies::jpy), "a"}})}),
            eight, rounding::half_even),
        "present value of money_out = 13323945205479452 JPY: does not fit a money (at most "
        "9223372036854775 in magnitude)",
        fr::overflow_error);
    // One cent paid on the first day of the calendar, valued on the last at 5% a year: about
    // 1.05^42765 cents, a number of 918 digits, shown by its magnitude.
    const fr::discount_terms last(fraction::from_decimal("0.05"), fr::end_of_time(), fr::day_count::actual_360,
                                  fr::compounding::annual_with_simple_stub);
    CHECK_THROWS_WITH_AS((void)last.value(money::from_units(10), calendar_date::min(), rounding::half_even),
                         "value of $0.01 paid on -32767-01-01 = about 2.50e+917 USD: does not fit a money "
                         "(at most 9223372036854775.80 in magnitude)",
                         fr::overflow_error);
}

// Expected values computed independently with Python's fractions module from the rules'
// formulas (days by datetime.date, 30E/360 by its formula, (1 + r)^n (1 + r f) by Fraction
// powers), then rounded half-even to cents: exact equality, every day count and method, with
// flows before the valuation date (compounded forward, one on 2024-02-29), on it, and 34 years
// after it.
TEST_CASE("present_value_of: every day count and method equals an independent exact computation") {
    const std::vector<fr::cash_flow> flows{{ymd(2024, 2, 29), 15_B, "a"},
                                           {ymd(2026, 9, 30), 35_B, "b"},
                                           {ymd(2031, 1, 31), money::from_units(1'234'567'890), "c"},
                                           {ymd(2020, 12, 31), 7_M, "d"},
                                           {ymd(2026, 2, 27), 3_M, "e"},
                                           {ymd(2060, 3, 31), 9_B, "f"}};
    struct expected {
        const char* rate;
        fr::day_count dc;
        fr::compounding method;
        const char* exact;  // "" when not checked (its text runs to some 130 digits)
        std::int64_t cents;
    };
    using fr::compounding;
    using fr::day_count;
    const expected cases[] = {
        {"0.08", day_count::actual_365_fixed, compounding::simple, "87508493263778728905655/1643385277716", 5324892126659},
        {"0.08", day_count::actual_365_fixed, compounding::annual_with_simple_stub,
         "4981096420525596459938266366795801100643102665286948217811008044672988054337/"
         "96564365650659049387641061988635761334257414884272599638157187500",
         5158317343010},
        {"0.08", day_count::actual_360, compounding::simple, "699175635873240654365/13133244927", 5323708190623},
        {"0.08", day_count::actual_360, compounding::annual_with_simple_stub,
         "4980848300263628641802174826435474280868615293825552817206333835754709757/"
         "96570546455569426112921733509089872011136101031945028040859375",
         5157730263601},
        {"0.08", day_count::thirty_e_360, compounding::simple, "325938563739213207645/6122072317", 5323990747939},
        {"0.08", day_count::thirty_e_360, compounding::annual_with_simple_stub,
         "294115420397247221574273977614261416024946440032679213429757084181328481/"
         "5702797203406121653709167993141504042452046555397577729140625",
         5157388732350},
        {"12.5", day_count::actual_365_fixed, compounding::simple, "", 39415411646394},
        {"12.5", day_count::actual_365_fixed, compounding::annual_with_simple_stub, "", 1221196975279249},
        {"12.5", day_count::actual_360, compounding::simple, "", 39931074218826},
        {"12.5", day_count::actual_360, compounding::annual_with_simple_stub, "", 1588590941932059},
        {"12.5", day_count::thirty_e_360, compounding::simple, "", 39360951181197},
        {"12.5", day_count::thirty_e_360, compounding::annual_with_simple_stub, "", 1207493729894740},
    };
    for (const expected& e : cases) {
        CAPTURE(e.rate);
        CAPTURE(fr::to_string(e.dc));
        CAPTURE(fr::to_string(e.method));
        const fr::discount_terms terms(fraction::from_decimal(e.rate), ymd(2026, 2, 27), e.dc, e.method);
        const fr::present_value pv = fr::present_value_of(flows, terms, rounding::half_even);
        if (e.exact[0] != '\0') CHECK(pv.exact.to_string() == e.exact);
        CHECK(pv.rounded == money::from_units(e.cents * 10));
    }
}

}  // namespace test_present_value
