// Unit tests for fundround/analysis/discount.hpp: day counts, compounding, discount_terms, present values.
#include <fundround/analysis/discount.hpp>
#include <fundround/io/money_parse.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_discount {

namespace fr = fundround;
using fr::year;
using fr::days;
using fr::calendar_date;
using fr::compounding;
using fr::day_count;
using fr::fraction;
using fr::money;
using fr::past_flow_rule;
using fr::rounding;
using namespace fr::literals;

namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) {
    return year{y} / m / dd;
}

const fraction eight_percent = fraction::from_decimal("0.08");  // == 2/25

using fundround_test::lcg;

}  // namespace

TEST_CASE("day_count, compounding, past_flow_rule: names") {
    // The enums' convention (rounding, the company layer): constexpr string_view, noexcept; a value
    // outside the enum is "unknown".
    static_assert(fr::to_string(day_count::actual_360) == "actual/360");
    static_assert(fr::to_string(compounding::simple) == "simple");
    static_assert(fr::to_string(past_flow_rule::reject) == "reject");
    static_assert(noexcept(fr::to_string(day_count::actual_360)));
    static_assert(std::is_same_v<decltype(fr::to_string(past_flow_rule::reject)), std::string_view>);
    CHECK(fr::to_string(day_count::actual_365_fixed) == "actual/365 fixed");
    CHECK(fr::to_string(day_count::actual_360) == "actual/360");
    CHECK(fr::to_string(day_count::thirty_e_360) == "30E/360");
    CHECK(fr::to_string(static_cast<day_count>(7)) == "unknown");
    CHECK(fr::to_string(compounding::simple) == "simple");
    CHECK(fr::to_string(compounding::annual_with_simple_stub) == "annual_with_simple_stub");
    CHECK(fr::to_string(static_cast<compounding>(9)) == "unknown");
    CHECK(fr::to_string(past_flow_rule::compound_forward) == "compound_forward");
    CHECK(fr::to_string(past_flow_rule::reject) == "reject");
    CHECK(fr::to_string(static_cast<past_flow_rule>(5)) == "unknown");
}

TEST_CASE("year_fraction: actual/365 fixed and actual/360 count actual days") {
    // 2026-02-27 -> 2026-09-30 is 1 + 31 + 30 + 31 + 30 + 31 + 31 + 30 = 215 days.
    CHECK(fr::year_fraction(ymd(2026, 2, 27), ymd(2026, 9, 30), day_count::actual_365_fixed) ==
          fraction(215, 365));
    CHECK(fr::year_fraction(ymd(2026, 2, 27), ymd(2026, 9, 30), day_count::actual_360) ==
          fraction(215, 360));
    // A leap year has 366 actual days: more than one year under actual/365 fixed.
    CHECK(fr::year_fraction(ymd(2028, 1, 1), ymd(2029, 1, 1), day_count::actual_365_fixed) ==
          fraction(366, 365));
    CHECK(fr::year_fraction(ymd(2027, 1, 1), ymd(2028, 1, 1), day_count::actual_360) ==
          fraction(365, 360));
    CHECK(fr::year_fraction(ymd(2026, 5, 5), ymd(2026, 5, 5), day_count::actual_360).is_zero());
}

TEST_CASE("year_fraction: 30E/360 clamps day 31 to 30 and leaves February alone") {
    // (360 (Y2 - Y1) + 30 (M2 - M1) + (min(D2,30) - min(D1,30))) / 360
    CHECK(fr::year_fraction(ymd(2026, 2, 27), ymd(2026, 9, 30), day_count::thirty_e_360) ==
          fraction(213, 360));
    CHECK(fr::year_fraction(ymd(2026, 1, 31), ymd(2026, 3, 31), day_count::thirty_e_360) ==
          fraction(1, 6));  // 60 / 360
    CHECK(fr::year_fraction(ymd(2026, 2, 28), ymd(2026, 3, 31), day_count::thirty_e_360) ==
          fraction(32, 360));  // February end is not moved to the 30th under 30E/360
    CHECK(fr::year_fraction(ymd(2026, 1, 30), ymd(2026, 1, 31), day_count::thirty_e_360)
              .is_zero());
    CHECK(fr::year_fraction(ymd(2026, 12, 31), ymd(2034, 12, 31), day_count::thirty_e_360) ==
          fraction(8));
}

TEST_CASE("year_fraction: antisymmetric, and rejects invalid input") {
    for (auto dc : {day_count::actual_365_fixed, day_count::actual_360, day_count::thirty_e_360}) {
        CHECK(fr::year_fraction(ymd(2026, 9, 30), ymd(2026, 2, 27), dc) ==
              -fr::year_fraction(ymd(2026, 2, 27), ymd(2026, 9, 30), dc));
    }
    CHECK_THROWS_WITH_AS(
        fr::year_fraction(ymd(2026, 2, 30), ymd(2026, 3, 1), day_count::actual_360),
        "year_fraction: from = 2026-02-30: is not a valid calendar date", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::year_fraction(ymd(2026, 2, 1), ymd(2026, 3, 1), static_cast<day_count>(7)),
        "day_count = 7: must be actual_365_fixed, actual_360 or thirty_e_360",
        fr::invalid_argument_error);
}

TEST_CASE("growth_factor: simple is 1 + r t, annual is (1 + r)^n (1 + r f)") {
    CHECK(fr::growth_factor(eight_percent, fraction(1, 2), compounding::simple) ==
          fraction(26, 25));  // 1 + 0.08 * 0.5
    CHECK(fr::growth_factor(eight_percent, fraction(5, 2), compounding::simple) ==
          fraction(6, 5));  // 1 + 0.08 * 2.5
    // (27/25)^2 * (1 + 0.08 * 0.5) = 729/625 * 26/25
    CHECK(fr::growth_factor(eight_percent, fraction(5, 2), compounding::annual_with_simple_stub) ==
          fraction(18954, 15625));
    // whole years only: (27/25)^3
    CHECK(fr::growth_factor(eight_percent, fraction(3), compounding::annual_with_simple_stub) ==
          fraction(19683, 15625));
    CHECK(fr::growth_factor(eight_percent, fraction(0), compounding::annual_with_simple_stub) ==
          fraction(1));
    CHECK(fr::growth_factor(fraction(0), fraction(7, 3), compounding::simple) == fraction(1));
    CHECK_THROWS_WITH_AS(fr::growth_factor(fraction(-1, 100), fraction(1), compounding::simple),
                         "growth_factor: annual_rate = -1/100: must not be negative",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::growth_factor(eight_percent, fraction(-1, 2), compounding::simple),
                         "growth_factor: years = -1/2: must not be negative",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::growth_factor(eight_percent, fraction(1), static_cast<compounding>(4)),
                         "compounding = 4: must be simple or annual_with_simple_stub",
                         fr::invalid_argument_error);
}

TEST_CASE("growth_factor: property - under one year both methods agree; whole years add") {
    lcg rng{20260227};
    for (int i = 0; i < 200; ++i) {
        const fraction rate(static_cast<std::int64_t>(rng.next(2000)), 10000);  // 0 .. 19.99%
        const auto den = static_cast<std::int64_t>(rng.next(400) + 1);
        const fraction stub(static_cast<std::int64_t>(rng.next(static_cast<std::uint64_t>(den))), den);
        CHECK(fr::growth_factor(rate, stub, compounding::simple) ==
              fr::growth_factor(rate, stub, compounding::annual_with_simple_stub));
        const auto n = static_cast<std::int64_t>(rng.next(12));
        // (1 + r)^n on big integers: with r = k/10000 it outgrows 128 bits after about 9 years.
        fr::detail::big_rational whole(fraction(1));
        for (std::int64_t k = 0; k < n; ++k) whole *= fr::detail::big_rational(fraction(1) + rate);
        whole *= fr::detail::big_rational(fr::growth_factor(rate, stub, compounding::simple));
        whole.reduce();
        const bool fits = boost::multiprecision::msb(whole.denominator()) < 127 &&
                          (whole.sign() == 0 || boost::multiprecision::msb(whole.numerator()) < 127);
        if (fits) {
            CHECK(fr::growth_factor(rate, stub + fraction(n), compounding::annual_with_simple_stub) ==
                  whole.to_fraction("expected"));
        } else {  // a growth factor that does not fit a fraction throws, it never wraps
            CHECK_THROWS_AS(
                (void)fr::growth_factor(rate, stub + fraction(n), compounding::annual_with_simple_stub),
                fr::overflow_error);
        }
    }
}

TEST_CASE("growth_factor: property - monotone in time and rate; annual compounding at least simple from one year on") {
    lcg rng{20261206};
    for (int i = 0; i < 200; ++i) {
        const fraction rate(static_cast<std::int64_t>(rng.next(2000)) + 1, 10000);  // 0.01% .. 20%
        const fraction higher = rate + fraction(static_cast<std::int64_t>(rng.next(500)), 10000);
        const fraction t(static_cast<std::int64_t>(rng.next(2000)), 365);  // 0 .. 5.5 years
        const fraction later = t + fraction(static_cast<std::int64_t>(rng.next(800)), 365);
        for (const compounding m : {compounding::simple, compounding::annual_with_simple_stub}) {
            CHECK(fr::growth_factor(rate, t, m) <= fr::growth_factor(rate, later, m));
            CHECK(fr::growth_factor(rate, t, m) <= fr::growth_factor(higher, t, m));
        }
        const fraction past_a_year = fraction(1) + fraction(static_cast<std::int64_t>(rng.next(1000)) + 1, 365);
        CHECK(fr::growth_factor(rate, past_a_year, compounding::annual_with_simple_stub) >
              fr::growth_factor(rate, past_a_year, compounding::simple));
        CHECK(fr::growth_factor(rate, fraction(1), compounding::annual_with_simple_stub) ==
              fr::growth_factor(rate, fraction(1), compounding::simple));  // exactly one period: equal
    }
}

TEST_CASE("discount_terms: every problem reported at once") {
    try {
        fr::discount_terms bad(fraction::from_decimal("-0.01"), ymd(2026, 2, 30),
                               static_cast<day_count>(7), static_cast<compounding>(9),
                               static_cast<past_flow_rule>(5));
        FAIL("expected validation_error");
    } catch (const fr::validation_error& e) {
        const std::vector<fr::diagnostic> expected{
            {fr::field_path("annual_rate"), "-1/100", "must not be negative"},
            {fr::field_path("valuation_date"), "2026-02-30", "must be a valid calendar date"},
            {fr::field_path("convention"), "7", "must be actual_365_fixed, actual_360 or thirty_e_360"},
            {fr::field_path("method"), "9", "must be simple or annual_with_simple_stub"},
            {fr::field_path("past_flows"), "5", "must be compound_forward or reject"}};
        CHECK(e.problems() == expected);
        CHECK(e.problems()[1].field.json_pointer() == "/valuation_date");
        CHECK(std::string(e.what()) ==
              "discount_terms: 5 problems\n"
              "  - annual_rate = -1/100: must not be negative\n"
              "  - valuation_date = 2026-02-30: must be a valid calendar date\n"
              "  - convention = 7: must be actual_365_fixed, actual_360 or thirty_e_360\n"
              "  - method = 9: must be simple or annual_with_simple_stub\n"
              "  - past_flows = 5: must be compound_forward or reject");
    }
    // Regression (review of 2026-12-05): a valuation date after 9999-12-31 was accepted, and every
    // value() then threw invalid_argument_error from inside the computation.
    CHECK_THROWS_WITH_AS(fr::discount_terms(eight_percent, fr::year{10000} / 1 / 1, day_count::actual_365_fixed, compounding::simple),
                         "discount_terms: 1 problem\n"
                         "  - valuation_date = 10000-01-01: is after 9999-12-31, the last day fundround models",
                         fr::validation_error);
    const fr::discount_terms ok(eight_percent, ymd(2026, 2, 27), day_count::actual_360,
                                compounding::simple);
    CHECK(ok.annual_rate() == fraction(2, 25));
    CHECK(ok.valuation_date() == ymd(2026, 2, 27));
    CHECK(ok.convention() == day_count::actual_360);
    CHECK(ok.method() == compounding::simple);
    CHECK(ok.past_flows() == past_flow_rule::compound_forward);
    // A zero rate is allowed: every factor is 1.
    const fr::discount_terms zero(fraction(0), ymd(2026, 2, 27), day_count::actual_360,
                                  compounding::annual_with_simple_stub);
    CHECK(zero.value_factor(ymd(2040, 1, 1)) == fraction(1));
    CHECK(zero.value_factor(ymd(2020, 1, 1)) == fraction(1));
}

TEST_CASE("discount_terms: value of $35B on 2026-09-30 at 8% from 2026-02-27, each day count") {
    // Simple: PV = CF / (1 + r t).
    const calendar_date close = ymd(2026, 2, 27);
    const calendar_date paid = ymd(2026, 9, 30);
    {
        // t = 215/365 = 43/73; 1 + 0.08 * 43/73 = 7644/7300; 35e9 * 7300/7644 = 9125e9/273
        const fr::discount_terms t(eight_percent, close, day_count::actual_365_fixed,
                                   compounding::simple);
        CHECK(t.value_factor(paid) == fraction(1825, 1911));
        const fr::present_value pv = t.value(35_B, paid, rounding::half_even);
        CHECK(pv.exact == fraction(9125000000000, 273));  // 33,424,908,424.9084...
        CHECK(pv.rounded == "33424908424.91"_usd);
        CHECK(t.value(35_B, paid, rounding::floor).rounded == "33424908424.90"_usd);
        CHECK_THROWS_AS(t.value(35_B, paid, rounding::exact), fr::inexact_error);
    }
    {
        // t = 215/360 = 43/72; 1 + 0.08 * 43/72 = 943/900; 35e9 * 900/943
        const fr::discount_terms t(eight_percent, close, day_count::actual_360, compounding::simple);
        const fr::present_value pv = t.value(35_B, paid, rounding::half_even);
        CHECK(pv.exact == fraction(31500000000000, 943));  // 33,404,029,692.4708...
        CHECK(pv.rounded == "33404029692.47"_usd);
    }
    {
        // t = 213/360 = 71/120; 1 + 0.08 * 71/120 = 1571/1500; 35e9 * 1500/1571
        const fr::discount_terms t(eight_percent, close, day_count::thirty_e_360,
                                   compounding::simple);
        const fr::present_value pv = t.value(35_B, paid, rounding::half_even);
        CHECK(pv.exact == fraction(52500000000000, 1571));  // 33,418,204,964.9904...
        CHECK(pv.rounded == "33418204964.99"_usd);
    }
    // Paid on the valuation date: worth exactly its amount.
    const fr::discount_terms t(eight_percent, close, day_count::actual_365_fixed,
                               compounding::annual_with_simple_stub);
    CHECK(t.value(15_B, close, rounding::exact) == fr::present_value{fraction(15000000000), 15_B});
}

TEST_CASE("discount_terms: annual compounding with a simple stub over 672 days") {
    // 2026-02-27 -> 2027-12-31 is 365 + 307 = 672 days: t = 672/365 = 1 + 307/365.
    // PV = CF / ((1 + r)^1 (1 + r * 307/365)); 1 + 0.08 * 307/365 = 9739/9125, so
    // PV = 12.5e9 / (27/25 * 9739/9125) = 12.5e9 * 228125/262953.
    const fr::discount_terms t(eight_percent, ymd(2026, 2, 27), day_count::actual_365_fixed,
                               compounding::annual_with_simple_stub);
    const fr::present_value pv = t.value(12.5_B, ymd(2027, 12, 31), rounding::half_even);
    CHECK(pv.exact == fraction(2851562500000000, 262953));  // 10,844,380,934.99598...
    CHECK(pv.rounded == "10844380935.00"_usd);
    CHECK(t.value(12.5_B, ymd(2027, 12, 31), rounding::toward_zero).rounded ==
          "10844380934.99"_usd);
    // The same flow under simple compounding: 12.5e9 / (1 + 0.08 * 672/365)
    const fr::discount_terms s(eight_percent, ymd(2026, 2, 27), day_count::actual_365_fixed,
                               compounding::simple);
    CHECK(s.exact_value(12.5_B, ymd(2027, 12, 31)) == fraction(114062500000000, 10469));
}

TEST_CASE("discount_terms: a flow before the valuation date compounds forward, or is rejected") {
    // Valued at 2026-09-30, $15B paid 2026-02-27 is worth 15e9 * (1 + 0.08 * 215/365).
    const fr::discount_terms forward(eight_percent, ymd(2026, 9, 30), day_count::actual_365_fixed,
                                     compounding::simple);
    CHECK(forward.value_factor(ymd(2026, 2, 27)) == fraction(7644, 7300));
    const fr::present_value pv = forward.value(15_B, ymd(2026, 2, 27), rounding::half_even);
    CHECK(pv.exact == fraction(1146600000000, 73));  // 15,706,849,315.0684...
    CHECK(pv.rounded == "15706849315.07"_usd);
    // Not the naive CF / (1 + r t) with a negative t:
    CHECK(pv.exact != fraction(15000000000) / (fraction(1) - eight_percent * fraction(215, 365)));

    const fr::discount_terms strict(eight_percent, ymd(2026, 9, 30), day_count::actual_365_fixed,
                                    compounding::simple, past_flow_rule::reject);
    CHECK(strict.rejects(ymd(2026, 9, 29)));
    CHECK_FALSE(strict.rejects(ymd(2026, 9, 30)));
    CHECK(strict.value_factor(ymd(2026, 9, 30)) == fraction(1));
    CHECK_THROWS_WITH_AS(strict.value(15_B, ymd(2026, 2, 27), rounding::half_even),
                         "paid_on = 2026-02-27: is before the valuation date 2026-09-30 "
                         "(past_flow_rule::reject)",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(strict.value_factor(ymd(2026, 4, 31)),
                         "value_factor: paid_on = 2026-04-31: is not a valid calendar date",
                         fr::invalid_argument_error);
}

TEST_CASE("discount_terms: rounding goes to the currency's minor unit") {
    const fr::discount_terms t(eight_percent, ymd(2026, 1, 1), day_count::actual_365_fixed,
                               compounding::simple);
    // JPY has no minor digits: 1000 / 1.08 = 25000/27 = 925.92... -> 926 yen.
    const fr::present_value yen =
        t.value(money::from_major(1000, fr::currencies::jpy), ymd(2027, 1, 1), rounding::half_even);
    CHECK(yen.exact == fraction(25000, 27));
    CHECK(yen.rounded == money::from_major(926, fr::currencies::jpy));
    // EUR in cents: 100 / 1.08 = 92.592... -> 92.59
    const fr::present_value eur =
        t.value(money::from_major(100, fr::currencies::eur), ymd(2027, 1, 1), rounding::half_even);
    CHECK(eur.rounded == money::from_units(92590, fr::currencies::eur));
    CHECK(eur.rounded.currency() == fr::currencies::eur);
    // Negative amounts round symmetrically under half_even.
    CHECK(t.value(-money::from_major(100, fr::currencies::eur), ymd(2027, 1, 1),
                  rounding::half_even)
              .rounded == -money::from_units(92590, fr::currencies::eur));
}

TEST_CASE("discount_terms: a value beyond the money range throws overflow_error") {
    // $1T compounded forward 100 years at 100%: 2^100 * 10^12 does not fit in 64 bits.
    const fr::discount_terms t(fraction(1), ymd(2126, 1, 1), day_count::thirty_e_360,
                               compounding::annual_with_simple_stub);
    CHECK(t.value_factor(ymd(2026, 1, 1)) ==
          fraction(fraction::rep(1) << 100, fraction::rep(1)));
    CHECK_THROWS_AS(t.value(1_T, ymd(2026, 1, 1), rounding::half_even), fr::overflow_error);
}

TEST_CASE("discount_terms: property - discounting undoes growth, exactly") {
    lcg rng{42};
    for (int i = 0; i < 200; ++i) {
        const calendar_date v{ymd(2026, 1, 1) +
                              days{static_cast<int>(rng.next(3000))}};
        const calendar_date d{ymd(2026, 1, 1) +
                              days{static_cast<int>(rng.next(3000))}};
        const auto dc = static_cast<day_count>(rng.next(3));
        const auto m = static_cast<compounding>(rng.next(2));
        const fraction rate(static_cast<std::int64_t>(rng.next(1500)), 10000);
        const fr::discount_terms t(rate, v, dc, m);
        const fraction factor = t.value_factor(d);
        const fraction g = d < v ? fr::growth_factor(rate, fr::year_fraction(d, v, dc), m)
                                 : fr::growth_factor(rate, fr::year_fraction(v, d, dc), m);
        CHECK((d < v ? factor / g : factor * g) == fraction(1));
        if (rate.sign() > 0 && fr::year_fraction(v, d, dc).sign() > 0) CHECK(factor < fraction(1));
        if (rate.sign() > 0 && fr::year_fraction(d, v, dc).sign() > 0) CHECK(factor > fraction(1));
    }
}

TEST_CASE("discount_terms: (1 + r)^n is computed on big integers; factors must fit a fraction") {
    // Regression (issue 9): fraction is 128-bit now. 20 years at 8%: (27/25)^20 fits.
    const fr::discount_terms t(fraction::from_decimal("0.08"), ymd(2026, 1, 1),
                               day_count::thirty_e_360, compounding::annual_with_simple_stub);
    fraction expected(1);
    for (int k = 0; k < 20; ++k) expected *= fraction(25, 27);
    CHECK(t.value_factor(ymd(2046, 1, 1)) == expected);
    CHECK(t.value(1_M, ymd(2046, 1, 1), rounding::half_even).rounded == "214548.21"_usd);
    // 40 years: 25^40 > 2^127, so the exact value does not fit a fraction: overflow_error names it.
    CHECK_THROWS_WITH_AS((void)t.value_factor(ymd(2066, 1, 1)),
                         doctest::Contains("value_factor = "), fr::overflow_error);
    // The present value itself is an exact_rational on big integers: it still works.
    const fr::present_value far = t.value(1_M, ymd(2066, 1, 1), rounding::half_even);
    CHECK(far.rounded == "46030.93"_usd);
    CHECK(far.exact.to_decimal_string(2) == "46030.93");
    CHECK(far.exact.sign() == 1);
    CHECK_THROWS_AS((void)far.exact.to_fraction(), fr::overflow_error);
}

TEST_CASE("exact_rational: a fraction while it fits, big integers past 2^127, one value either way") {
    const fraction near(((fr::detail::int128(1) << 126) - 1) / 3 * 5, 11);  // numerator about 1.67 x 2^126, coprime to 11
    fr::exact_rational a(near);
    CHECK(a.fits_fraction());
    a += fr::exact_rational(near);  // the numerator passes 2^127: kept on big integers
    CHECK_FALSE(a.fits_fraction());
    CHECK(a.big() == fr::detail::big_rational(near) + fr::detail::big_rational(near));
    CHECK_THROWS_AS((void)a.to_fraction(), fr::overflow_error);
    CHECK(a != fr::exact_rational(near));
    a -= fr::exact_rational(near);  // back below 2^127: a fraction again, equal to one made from it
    CHECK(a.fits_fraction());
    CHECK(a == fr::exact_rational(near));
    CHECK(a.to_fraction() == near);
    CHECK(fr::exact_rational(fr::detail::big_rational(fr::detail::big_int(6), fr::detail::big_int(-4))) == fr::exact_rational(fraction(-3, 2)));
    CHECK((-fr::exact_rational(fraction(3, 2))).to_string() == "-3/2");
    const fr::exact_rational b = fr::exact_rational(fr::detail::big_rational(near)) + fr::exact_rational(near) + fr::exact_rational(near);
    CHECK_FALSE(b.fits_fraction());
    const fr::exact_rational c = b;  // copies share the big value
    CHECK(c == b);
    CHECK((-c).sign() == -1);
    CHECK(c.to_decimal_string(2) == b.big().to_decimal_string(2, rounding::half_even));
}

TEST_CASE("public worked examples: a lump sum at 10% for five years; simple interest by actual days") {
    // Wikipedia, "Present value", section "Present value of a lump sum"
    // (https://en.wikipedia.org/wiki/Present_value): $1000 received in five years at an
    // effective annual rate of 10% is worth $1000 / 1.1^5 = $620.92 today. Five whole years are
    // t = 5 exactly under 30E/360 (2026-01-15 -> 2031-01-15), so no stub is left.
    const fraction ten_percent = fraction::from_decimal("0.10");
    const fr::discount_terms lump(ten_percent, ymd(2026, 1, 15), day_count::thirty_e_360,
                                  compounding::annual_with_simple_stub);
    CHECK(fr::year_fraction(ymd(2026, 1, 15), ymd(2031, 1, 15), day_count::thirty_e_360) ==
          fraction(5));
    const fr::present_value pv = lump.value(1000_usd, ymd(2031, 1, 15), rounding::half_even);
    CHECK(pv.exact == fraction(100000000, 161051));  // 1000 / (161051/100000) = 620.9213...
    CHECK(pv.rounded == "620.92"_usd);
    // The same dates under actual/365 fixed span 1826 days (2028 is a leap year): t = 5 + 1/365,
    // and the stub day costs 1000 / (1.1^5 (1 + 0.1/365)) = $620.75.
    const fr::discount_terms actual(ten_percent, ymd(2026, 1, 15), day_count::actual_365_fixed,
                                    compounding::annual_with_simple_stub);
    CHECK(actual.value(1000_usd, ymd(2031, 1, 15), rounding::half_even) ==
          fr::present_value{fraction(365000000000, 587997201), "620.75"_usd});

    // BCcampus open textbook "Business Mathematics", Chapter 3 Review Questions, question 2
    // (https://pressbooks.bccampus.ca/businessmathematics/chapter/chapter-3-review-questions/):
    // simple interest by actual days over 365. Principal paid on the start date, valued at the
    // end date, compounds forward to P (1 + r t); the interest is that less P.
    struct loan {
        money principal;
        const char* rate;
        calendar_date from, to;
        money interest;  // as the textbook gives it
        fraction value;        // P (1 + r t), exactly
    };
    const loan loans[] = {
        // $850 at 11.5% from 2022-06-14 to 2022-10-19: 127 days, interest $34.01
        {850_usd, "0.115", ymd(2022, 6, 14), ymd(2022, 10, 19), "34.01"_usd, fraction(1290657, 1460)},
        // $2,800 at 11.25% from 2019-09-09 to 2020-03-19 (over 2020-02-29): 192 days, $165.70
        {2800_usd, "0.1125", ymd(2019, 9, 9), ymd(2020, 3, 19), "165.70"_usd, fraction(216496, 73)},
        // $4,100 at 7.5% from 2022-07-15 to 2022-09-06: 53 days, $44.65
        {4100_usd, "0.075", ymd(2022, 7, 15), ymd(2022, 9, 6), "44.65"_usd, fraction(605119, 146)},
    };
    for (const loan& l : loans) {
        CAPTURE(l.interest);
        const fr::discount_terms at_end(fraction::from_decimal(l.rate), l.to,
                                        day_count::actual_365_fixed, compounding::simple);
        const fr::present_value grown = at_end.value(l.principal, l.from, rounding::half_even);
        CHECK(grown.exact == l.value);
        CHECK(grown.rounded - l.principal == l.interest);
    }
}

}  // namespace test_discount
