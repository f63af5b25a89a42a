// Unit tests for fundround/instruments/convertible_note.hpp: accrued interest by named day count,
// simple and compound, exact and rounded to the mill; validation of a note's fields.
//
// The day counts are the ISDA 2006 Definitions, section 4.16: Actual/365 (Fixed) = actual days /
// 365; Actual/360 = actual days / 360; 30E/360 = (360 (Y2-Y1) + 30 (M2-M1) + (D2-D1)) / 360 with
// D1, D2 = 31 -> 30; 30/360 (bond basis) the same but D2 = 31 -> 30 only when D1 is 30 or 31;
// Actual/Actual (ISDA) = days in a leap year / 366 + days in a non-leap year / 365. Every expected
// figure below is worked out from those definitions in its comment.
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/numeric/literals.hpp>

#include <fundround/detail/random.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_convertible_note {

using namespace fundround;
using namespace fundround::literals;

namespace {

// $100,000 at 8% a year from 1 January 2024, simple interest.
convertible_note note_100k(note_day_count dc) {
    convertible_note n;
    n.holder = holder_id("bridge");
    n.principal = 100'000_usd;
    n.issue_date = year{2024} / 1 / 1;
    n.maturity_date = year{2026} / 1 / 1;
    n.annual_rate = fraction(8, 100);
    n.day_count = dc;
    return n;
}

}  // namespace

TEST_CASE("accrued interest over the leap year 2024 under each day count") {
    // 2024-01-01 -> 2025-01-01 is 366 actual days; 12 months of 30 days under both 30/360s.
    const calendar_date on = year{2025} / 1 / 1;
    // Actual/365F: 100,000 x 8% x 366/365 = $8,021.917808... -> 8,021,918 mills (half_even).
    CHECK(note_100k(note_day_count::actual_365_fixed).accrued_interest_exact(on).to_fraction() == fraction(585'600'000, 73));
    CHECK(note_100k(note_day_count::actual_365_fixed).accrued_interest(on) == money::from_units(8'021'918));
    // Actual/360: 8,000 x 366/360 = $8,133.3333... -> $8,133.333.
    CHECK(note_100k(note_day_count::actual_360).accrued_interest(on) == money::from_units(8'133'333));
    // 30E/360, 30/360 US and Actual/Actual (ISDA, 366/366): exactly one year, $8,000.
    CHECK(note_100k(note_day_count::thirty_e_360).accrued_interest(on) == 8'000_usd);
    CHECK(note_100k(note_day_count::thirty_360_us).accrued_interest(on) == 8'000_usd);
    CHECK(note_100k(note_day_count::actual_actual_isda).accrued_interest(on) == 8'000_usd);
    CHECK(note_100k(note_day_count::actual_365_fixed).conversion_amount(on) == money::from_units(108'021'918));
}

TEST_CASE("Actual/Actual (ISDA) splits the days by the length of each calendar year") {
    // 2023-07-01 -> 2024-07-01: 184 days of 2023 (/365) and 182 days of 2024 (/366).
    convertible_note n = note_100k(note_day_count::actual_actual_isda);
    n.issue_date = year{2023} / 7 / 1;
    const calendar_date on = year{2024} / 7 / 1;
    CHECK(n.years_to(on) == fraction(184, 365) + fraction(182, 366));
    // 8,000 x (184/365 + 182/366) = $8,011.018788... -> 8,011,019 mills.
    CHECK(n.accrued_interest_exact(on).to_fraction() == fraction(107'019'200'000LL, 13'359));
    CHECK(n.accrued_interest(on) == money::from_units(8'011'019));
    n.interest_rounding = rounding::floor;  // the rounding is named and changes the mill
    CHECK(n.accrued_interest(on) == money::from_units(8'011'018));
}

TEST_CASE("30/360 US and 30E/360 differ when the period ends on the 31st") {
    // 2024-01-15 -> 2024-03-31: US keeps D2 = 31 (D1 < 30): 2 x 30 + 16 = 76 days; 30E: 75.
    convertible_note us = note_100k(note_day_count::thirty_360_us);
    convertible_note eu = note_100k(note_day_count::thirty_e_360);
    us.issue_date = eu.issue_date = year{2024} / 1 / 15;
    const calendar_date on = year{2024} / 3 / 31;
    CHECK(us.years_to(on) == fraction(76, 360));
    CHECK(eu.years_to(on) == fraction(75, 360));
    CHECK(us.accrued_interest(on) == money::from_units(1'688'889));  // 8,000 x 76/360 = 1,688.888...
    CHECK(eu.accrued_interest(on) == money::from_units(1'666'667));  // 8,000 x 75/360 = 1,666.666...
    // Both start from the 31st: D1 = 31 -> 30 and D2 = 31 -> 30: 60 days.
    us.issue_date = year{2024} / 1 / 31;
    CHECK(us.years_to(on) == fraction(60, 360));
}

TEST_CASE("compound interest: whole periods compounded, the stub accrued simply") {
    convertible_note n = note_100k(note_day_count::thirty_360_us);
    n.method = interest_method::compound;
    SUBCASE("monthly for a year: 100,000 x ((1 + 0.08/12)^12 - 1) = $8,299.950680...") {
        n.period = compounding_period::monthly;
        const calendar_date on = year{2025} / 1 / 1;
        // (1 + 1/150)^12 - 1 in lowest terms, times 10^8 mills: numerator 10768882055002518837736801,
        // denominator 1297463378906250000 (checked with exact rational arithmetic).
        CHECK(n.accrued_interest_exact(on).to_string() == "10768882055002518837736801/1297463378906250000");
        CHECK(n.accrued_interest(on) == money::from_units(8'299'951));
    }
    SUBCASE("annually for two and a half years at 10%: 1.1^2 x 1.05 - 1 = 27.05% exactly") {
        n.annual_rate = fraction(1, 10);
        n.period = compounding_period::annually;
        n.maturity_date = year{2027} / 1 / 1;
        CHECK(n.accrued_interest(year{2026} / 7 / 1) == 27'050_usd);
        n.method = interest_method::simple;  // simple: 10% x 2.5 = 25%
        CHECK(n.accrued_interest(year{2026} / 7 / 1) == 25'000_usd);
    }
    SUBCASE("no time, no interest") {
        CHECK(n.accrued_interest(n.issue_date).is_zero());
    }
}

TEST_CASE("the issue date is counted, the conversion date is not") {
    // The docs (how-to-safes-and-notes section 4, the issue_date comment): nothing on the issue
    // date, one day the day after: 100,000 x 8% / 365 = $21.917808... -> $21.918; the last day of
    // 2024 (365 days after 2024-01-01) is 365/365 of a year, 2025-01-01 366/365.
    const convertible_note n = note_100k(note_day_count::actual_365_fixed);
    CHECK(n.accrued_interest(year{2024} / 1 / 1).is_zero());
    CHECK(n.accrued_interest(year{2024} / 1 / 2) == money::from_units(21'918));
    CHECK(n.years_to(year{2024} / 12 / 31) == fraction(365, 365));
    CHECK(n.years_to(year{2025} / 1 / 1) == fraction(366, 365));
}

TEST_CASE("compound interest over thousands of periods: rounded from certified bounds, as the exact value rounds") {
    // Regression (review of 2026-12-05): a rate of 64-bit terms compounded monthly to 9999-12-31
    // (96,000 periods) took 17-46 s, the exact powers growing by 66 bits a period. The rounded
    // interest now comes from fixed-point lower and upper bounds when both round alike.
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.method = interest_method::compound;
    n.period = compounding_period::monthly;
    n.principal = 500'000_usd;
    n.maturity_date = year{9999} / 12 / 31;
    n.annual_rate = fraction(1, 9'223'372'036'854'775'807);
    CHECK(n.accrued_interest(year{9999} / 12 / 31) == money::from_units(0));  // $500,000 x ~8.7e-16 a month: < 0.5 mill
    n.annual_rate = fraction(1, 1'000'000'000'000);
    // 2,913,173 days / 365 x 12 = 95,775 whole months and a stub: 500,000,000 mills x
    // ((1 + 1/(12 x 10^12))^95775 (1 + stub / (12 x 10^12)) - 1) = 3.9906... mills (80-digit
    // decimal arithmetic), 4 mills half even.
    CHECK(n.accrued_interest(year{9999} / 12 / 31) == money::from_units(4));
    // Interest far beyond any amount overflows at once (the exact power would have 11,000 bits
    // per thousand periods): 100% a year compounded monthly for almost 8,000 years.
    n.annual_rate = fraction(1);
    CHECK_THROWS_AS((void)n.accrued_interest(year{9999} / 12 / 31), overflow_error);
    // Against the exact value, rounded the same way, for many rates, periods, dates and modes.
    std::uint64_t seed = 2026;
    const auto next = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return seed >> 33;
    };
    const rounding modes[] = {rounding::half_even, rounding::half_away_from_zero, rounding::floor, rounding::ceiling, rounding::half_toward_zero, rounding::toward_zero, rounding::away_from_zero};
    const compounding_period periods[] = {compounding_period::annually, compounding_period::semiannually,
                                          compounding_period::quarterly, compounding_period::monthly};
    for (int i = 0; i < 300; ++i) {
        n.annual_rate = fraction(static_cast<fraction::rep>(next() % 200 + 1), static_cast<fraction::rep>(next() % 997 + 1000));
        n.period = periods[next() % 4];
        n.interest_rounding = modes[next() % 7];
        n.principal = money::from_units(static_cast<std::int64_t>(next() % 1'000'000'000 + 1));
        const calendar_date on = n.issue_date + days{static_cast<std::int32_t>(next() % 20'000)};
        CAPTURE(i);
        const money exact = money::from_units(static_cast<std::int64_t>(
            n.accrued_interest_exact(on).big().scaled_rounded(1, n.interest_rounding)));
        CHECK(n.accrued_interest(on) == exact);
    }
    // An exact tie: 5 mills at 10% for one year is 0.5 mill. The bounds straddle it; the exact
    // value decides (half even: 0; half away from zero: 1).
    n.principal = money::from_units(5);
    n.annual_rate = fraction(1, 10);
    n.period = compounding_period::annually;
    n.day_count = note_day_count::thirty_360_us;
    n.interest_rounding = rounding::half_even;
    CHECK(n.accrued_interest(year{2025} / 1 / 1) == money::from_units(0));
    n.interest_rounding = rounding::half_away_from_zero;
    CHECK(n.accrued_interest(year{2025} / 1 / 1) == money::from_units(1));
}

TEST_CASE("the docs' note: $250k at 8% Actual/365 Fixed over 2024 accrues $20,054.795") {
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.principal = 250'000_usd;
    // 250,000 x 0.08 x 366/365 = 20,054.794520... -> 20,054,795 mills (half_even).
    CHECK(n.accrued_interest(year{2025} / 1 / 1) == money::from_units(20'054'795));
}

TEST_CASE("property: simple interest is additive over consecutive periods under Actual/365 Fixed") {
    const convertible_note n = note_100k(note_day_count::actual_365_fixed);
    const calendar_date mid = year{2024} / 5 / 17;
    const calendar_date end = year{2025} / 3 / 3;
    convertible_note second = n;
    second.issue_date = mid;
    CHECK(n.accrued_interest_exact(mid) + second.accrued_interest_exact(end) == n.accrued_interest_exact(end));
}

TEST_CASE("accrual before the issue date is refused") {
    CHECK_THROWS_AS((void)note_100k(note_day_count::actual_360).accrued_interest(year{2023} / 12 / 31), invalid_argument_error);
}

TEST_CASE("a financing qualifies at or above the threshold") {
    convertible_note n = note_100k(note_day_count::actual_360);
    CHECK(n.qualifies(1_usd));
    n.qualified_financing = 1_M;
    CHECK(n.qualifies(1_M));
    CHECK_FALSE(n.qualifies(999'999_usd));
    CHECK_FALSE(n.qualifies(money::from_units(999'999'999)));  // one mill below
    // Regression (review of 2026-12-06): new money in another currency threw "cannot compare USD
    // and EUR amounts", naming no field.
    CHECK_THROWS_WITH_AS((void)n.qualifies(money::from_units(2'000'000'000, currency{"EUR"})),
                         "qualified_financing = $1,000,000.00: cannot be compared with new money of \u20ac2,000,000.00 (another "
                         "currency; convert one of them first)",
                         currency_mismatch_error);
}

TEST_CASE("interest accrues to the conversion date by default, or stops at maturity") {
    // $100,000 at 8% simple, Actual/365 Fixed, issued 2024-01-01, maturing 2025-01-01 (366 days),
    // converting 2025-07-01 (547 days after issue, 181 past maturity).
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.maturity_date = year{2025} / 1 / 1;
    const calendar_date after = year{2025} / 7 / 1;
    CHECK(n.interest_accrues == note_interest_accrual::to_conversion_date);
    // To the conversion date: 8,000 x 547/365 = 11,989.041095... -> $11,989.041 (half even).
    CHECK(n.accrual_end(after) == after);
    CHECK(n.accrued_interest(after) == money::from_units(11'989'041));
    n.interest_accrues = note_interest_accrual::to_maturity;
    // To maturity: 8,000 x 366/365 = 8,021.917808... -> $8,021.918.
    CHECK(n.accrual_end(after) == n.maturity_date);
    CHECK(n.accrued_interest_exact(after) == exact_rational(fraction(8'000'000LL * 366, 365)));
    CHECK(n.accrued_interest(after) == money::from_units(8'021'918));
    CHECK(n.conversion_amount(after) == money::from_units(108'021'918));
    // On and before maturity the two agree: 2024-07-01 is 182 days, 8,000 x 182/365 = 3,989.041095...
    CHECK(n.accrual_end(year{2024} / 7 / 1) == year{2024} / 7 / 1);
    CHECK(n.accrued_interest(year{2024} / 7 / 1) == money::from_units(3'989'041));
    CHECK(n.accrued_interest(n.maturity_date) == money::from_units(8'021'918));
    // Before the issue date it is still refused.
    CHECK_THROWS_AS((void)n.accrued_interest(year{2023} / 12 / 31), invalid_argument_error);
    CHECK(to_string(note_interest_accrual::to_conversion_date) == "to the conversion date");
    CHECK(to_string(note_interest_accrual::to_maturity) == "to maturity");
}

TEST_CASE("compound interest stops at maturity too: whole years on 30/360") {
    // $100,000 at 10% compounded annually, 30/360, issued 2024-01-01, maturing 2026-01-01,
    // converting 2027-07-01: to the conversion date 1.1^3 x 1.05 - 1 = 39.755%; to maturity
    // 1.1^2 - 1 = 21%.
    convertible_note n = note_100k(note_day_count::thirty_360_us);
    n.annual_rate = fraction(1, 10);
    n.method = interest_method::compound;
    const calendar_date on = year{2027} / 7 / 1;
    CHECK(n.accrued_interest(on) == 39'755_usd);
    n.interest_accrues = note_interest_accrual::to_maturity;
    CHECK(n.accrued_interest(on) == 21'000_usd);
}

TEST_CASE("validation reports an unknown interest_accrues") {
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.interest_accrues = static_cast<note_interest_accrual>(7);
    const std::vector<diagnostic> d = n.validate(field_path("notes").index(0));
    REQUIRE(d.size() == 1);
    CHECK(d[0].message() == "notes[0].interest_accrues = 7: must be to_conversion_date or to_maturity");
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(year{2025} / 1 / 1), "interest_accrues = 7: must be to_conversion_date or to_maturity",
                         invalid_argument_error);
    CHECK(to_string(n.interest_accrues) == "unknown");
}

TEST_CASE("an unknown method, period or day count is refused and listed, not computed") {
    // Regression (review of 2026-12-06): accrued_interest() computed an unknown method as compound
    // ($8,023.671 for method 5), a compound period of 3 as three periods a year ($8,238.948) and
    // one of -1 as $21.918; validate() listed neither an unknown method nor an unknown day count.
    const calendar_date on = year{2025} / 1 / 1;
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.method = static_cast<interest_method>(5);
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(on), "method = 5: must be simple or compound", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)n.accrued_interest_exact(on), "method = 5: must be simple or compound", invalid_argument_error);
    std::vector<diagnostic> d = n.validate(field_path("notes").index(0));
    REQUIRE(d.size() == 1);
    CHECK(d[0].message() == "notes[0].method = 5: must be simple or compound");
    for (const int p : {3, 0, -1}) {
        convertible_note c = note_100k(note_day_count::actual_365_fixed);
        c.method = interest_method::compound;
        c.period = static_cast<compounding_period>(p);
        const std::string rule = "period = " + std::to_string(p) + ": must be annually, semiannually, quarterly or monthly";
        CHECK_THROWS_WITH_AS((void)c.accrued_interest(on), rule.c_str(), invalid_argument_error);
        CHECK_THROWS_WITH_AS((void)c.accrued_interest_exact(on), rule.c_str(), invalid_argument_error);
        c.method = interest_method::simple;  // simple interest has no period to use: listed, not thrown
        CHECK(c.accrued_interest(on) == money::from_units(8'021'918));
        REQUIRE(c.validate().size() == 1);
        CHECK(c.validate()[0].message() == "note." + rule);
    }
    convertible_note dc = note_100k(static_cast<note_day_count>(9));
    const char* day_rule =
        "day_count = 9: must be actual_365_fixed, actual_360, thirty_e_360, thirty_360_us or actual_actual_isda";
    CHECK_THROWS_WITH_AS((void)dc.accrued_interest(on), day_rule, invalid_argument_error);
    d = dc.validate();
    REQUIRE(d.size() == 1);
    CHECK(d[0].message() == std::string("note.") + day_rule);
}

TEST_CASE("interest stopping at a maturity before the issue date names the maturity date") {
    // Regression (review of 2026-12-06): the error said "accrual date = 2023-01-01: is before the
    // note's issue date", a date the caller never gave (it asked for 2025-01-01).
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.maturity_date = year{2023} / 1 / 1;
    n.interest_accrues = note_interest_accrual::to_maturity;
    const char* rule = "convertible_note.maturity_date = 2023-01-01: must be after the issue date 2024-01-01 "
                       "(interest accrues to maturity; a note cannot mature before it is issued)";
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(year{2025} / 1 / 1), rule, invalid_argument_error);
    n.method = interest_method::compound;
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(year{2025} / 1 / 1), rule, invalid_argument_error);
    // A date on or before the (bad) maturity is the caller's: still named as the accrual date.
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(year{2022} / 1 / 1),
                         "accrual date = 2022-01-01: is before the note's issue date 2024-01-01", invalid_argument_error);
}

TEST_CASE("interest beyond the money range: overflow_error naming the date, the amount and the terms") {
    // 1 mill at a rate of 2^63 - 1 for one 30/360 year is exactly the largest amount; one more
    // mill of rate is beyond it.
    convertible_note n = note_100k(note_day_count::thirty_360_us);
    n.principal = money::from_units(1);
    n.annual_rate = fraction(std::numeric_limits<std::int64_t>::max());
    const calendar_date on = year{2025} / 1 / 1;
    CHECK(n.accrued_interest(on) == money::from_units(std::numeric_limits<std::int64_t>::max()));
    n.annual_rate = n.annual_rate + fraction(1);
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(on),
                         "accrued interest to 2025-01-01 = 9223372036854775808 mills: beyond the money range (at most "
                         "9,223,372,036,854,775,807 mills in magnitude; the note: principal $0.001, annual_rate "
                         "9223372036854775808 (922337203685477580800.0000%), simple)",
                         overflow_error);
    // Regression (review of 2026-12-06): $100,000 at 10^6 a year compounded monthly to 9999-12-31
    // threw a message of about 490,000 characters (the whole 1.6-million-bit value, "does not fit
    // the exact 128-bit fraction") after 3.7 s; it now stops at the first lower bound beyond the
    // range and says so.
    convertible_note c = note_100k(note_day_count::actual_365_fixed);
    c.method = interest_method::compound;
    c.period = compounding_period::monthly;
    c.annual_rate = fraction(1'000'000);
    const std::string rule = ": beyond the money range (at most 9,223,372,036,854,775,807 mills in magnitude; the note: principal "
                             "$100,000.00, annual_rate 1000000 (100000000.0000%), compound monthly)";
    CHECK_THROWS_WITH_AS((void)c.accrued_interest(year{9999} / 12 / 31), ("accrued interest to 9999-12-31 = at least 2^91 mills in magnitude" + rule).c_str(),
                         overflow_error);
    c.interest_rounding = rounding::exact;  // the exact path too stops at the bound
    CHECK_THROWS_WITH_AS((void)c.accrued_interest(year{9999} / 12 / 31), ("accrued interest to 9999-12-31 = at least 2^91 mills in magnitude" + rule).c_str(),
                         overflow_error);
}

TEST_CASE("principal plus interest beyond the money range names both amounts") {
    // Regression (review of 2026-12-06): conversion_amount() threw "money addition overflows the
    // 64-bit amount range", naming neither the amounts nor the date.
    convertible_note n = note_100k(note_day_count::thirty_360_us);
    n.principal = money::from_units(std::numeric_limits<std::int64_t>::max() - 7);
    n.annual_rate = fraction(7, std::numeric_limits<std::int64_t>::max() - 7);  // 7 mills over one 30/360 year
    const calendar_date on = year{2025} / 1 / 1;
    CHECK(n.accrued_interest(on) == money::from_units(7));
    CHECK(n.conversion_amount(on) == money::from_units(std::numeric_limits<std::int64_t>::max()));
    n.annual_rate = fraction(8, std::numeric_limits<std::int64_t>::max() - 7);
    CHECK_THROWS_WITH_AS((void)n.conversion_amount(on),
                         "principal plus interest on 2025-01-01 = $9,223,372,036,854,775.80 + $0.008: beyond the money range "
                         "(at most $9,223,372,036,854,775.807 in magnitude)",
                         overflow_error);
}

TEST_CASE("day counts at month ends, on February 29 and across leap years (ISDA 2006 section 4.16)") {
    convertible_note us = note_100k(note_day_count::thirty_360_us);
    convertible_note eu = note_100k(note_day_count::thirty_e_360);
    convertible_note isda = note_100k(note_day_count::actual_actual_isda);
    convertible_note act = note_100k(note_day_count::actual_365_fixed);
    us.issue_date = eu.issue_date = isda.issue_date = act.issue_date = year{2024} / 2 / 29;  // issued on a leap day
    // To 2025-02-28: 30/360 both 360 + 0 + (28 - 29) = 359 days; Actual/Actual (ISDA) 307 days of
    // 2024 (/366) and 58 of 2025 (/365); Actual/365 Fixed 365 actual days, exactly one year.
    CHECK(us.years_to(year{2025} / 2 / 28) == fraction(359, 360));
    CHECK(eu.years_to(year{2025} / 2 / 28) == fraction(359, 360));
    CHECK(isda.years_to(year{2025} / 2 / 28) == fraction(307, 366) + fraction(58, 365));
    CHECK(act.years_to(year{2025} / 2 / 28) == fraction(1));
    CHECK(act.accrued_interest(year{2025} / 3 / 1) == money::from_units(8'021'918));  // 366 days
    // Leap day to leap day is four whole years under Actual/Actual (ISDA).
    CHECK(isda.years_to(year{2028} / 2 / 29) == fraction(4));
    // No February end-of-month rule in the bond basis: D1 = 29 stays 29, so D2 = 31 stays 31:
    // 2024-02-29 -> 2024-08-31 is 6 x 30 + 2 = 182 days (30E/360: 6 x 30 + 1 = 181).
    CHECK(us.years_to(year{2024} / 8 / 31) == fraction(182, 360));
    CHECK(eu.years_to(year{2024} / 8 / 31) == fraction(181, 360));
    // From the 30th: D2 = 31 -> 30 in both: 2024-01-30 -> 2024-03-31 is 60 days.
    us.issue_date = eu.issue_date = year{2024} / 1 / 30;
    CHECK(us.years_to(year{2024} / 3 / 31) == fraction(60, 360));
    CHECK(eu.years_to(year{2024} / 3 / 31) == fraction(60, 360));
    // ISDA, "EMU and Market Conventions: Recent Developments" (1998), the Actual/Actual (ISDA)
    // example: 2003-11-01 -> 2004-05-01 is 61/365 + 121/366 = 0.49772 of a year. At 10% on
    // $100,000: 100,000,000 mills x 10% x 66,491/133,590 = 4,977,243.8057 -> $4,977.244.
    isda.issue_date = year{2003} / 11 / 1;
    isda.annual_rate = fraction(1, 10);
    CHECK(isda.years_to(year{2004} / 5 / 1) == fraction(66'491, 133'590));
    CHECK(isda.accrued_interest(year{2004} / 5 / 1) == money::from_units(4'977'244));
}

TEST_CASE("a 100-year note at 10% compounded monthly: 1,200 whole 30/360 periods, exactly") {
    convertible_note n = note_100k(note_day_count::thirty_360_us);
    n.method = interest_method::compound;
    n.period = compounding_period::monthly;
    n.annual_rate = fraction(1, 10);
    n.maturity_date = year{2124} / 1 / 1;
    // 100,000,000 mills x ((1 + 1/120)^1200 - 1) = 2,113,141,460,016.93 mills (exact rational
    // arithmetic) -> $2,113,141,460.017.
    CHECK(n.accrued_interest(year{2124} / 1 / 1) == money::from_units(2'113'141'460'017));
    n.annual_rate = fraction(0);
    CHECK(n.accrued_interest(year{2124} / 1 / 1).is_zero());
}

namespace {

// A note drawn from @p g: principal $1 to $10M (any mill), rate 0 to 30% in basis points, any
// day count, simple or compound, any period, issued 2020-2029.
convertible_note drawn_note(detail::xoshiro256& g) {
    convertible_note n;
    n.holder = holder_id("drawn");
    n.principal = money::from_units(static_cast<std::int64_t>(g.below(10'000'000'000ULL)) + 1'000);
    n.issue_date = calendar_date{year{2020} / 1 / 1 + days{static_cast<int>(g.below(3'650))}};
    n.maturity_date = calendar_date{n.issue_date + days{730}};
    n.annual_rate = fraction(static_cast<std::int64_t>(g.below(3'001)), 10'000);
    n.day_count = static_cast<note_day_count>(g.below(5));
    n.method = g.below(2) == 0 ? interest_method::simple : interest_method::compound;
    n.period = static_cast<compounding_period>(std::vector<int>{1, 2, 4, 12}[g.below(4)]);
    return n;
}

calendar_date days_after(calendar_date d, std::uint64_t k) { return calendar_date{d + days{static_cast<int>(k)}}; }

}  // namespace

TEST_CASE("property: interest grows with time and with the rate (seeded, exact)") {
    detail::xoshiro256 g(20261206);
    for (int i = 0; i < 300; ++i) {
        convertible_note n = drawn_note(g);
        const calendar_date a = days_after(n.issue_date, g.below(2'000));
        const calendar_date b = days_after(a, g.below(2'000));
        CHECK((n.accrued_interest_exact(b) - n.accrued_interest_exact(a)).big().sign() >= 0);
        CHECK(n.accrued_interest(a) <= n.accrued_interest(b));
        convertible_note higher = n;
        higher.annual_rate = n.annual_rate + fraction(static_cast<std::int64_t>(g.below(500)), 10'000);
        CHECK((higher.accrued_interest_exact(b) - n.accrued_interest_exact(b)).big().sign() >= 0);
        CHECK(n.accrued_interest(b) <= higher.accrued_interest(b));
    }
}

TEST_CASE("property: compound interest is at least simple interest from one whole period on (seeded, exact)") {
    detail::xoshiro256 g(61220);
    for (int i = 0; i < 300; ++i) {
        convertible_note simple = drawn_note(g);
        simple.method = interest_method::simple;
        simple.annual_rate = fraction(static_cast<std::int64_t>(g.below(3'000)) + 1, 10'000);  // positive
        convertible_note compound = simple;
        compound.method = interest_method::compound;
        const calendar_date on = days_after(simple.issue_date, 400 + g.below(3'000));  // over 13 months: m t > 1 for every period
        CHECK((compound.accrued_interest_exact(on) - simple.accrued_interest_exact(on)).big().sign() > 0);
        CHECK(compound.accrued_interest(on) >= simple.accrued_interest(on));
    }
    // Exactly one period (one 30/360 year compounded annually): the two are equal.
    convertible_note one = note_100k(note_day_count::thirty_360_us);
    convertible_note c = one;
    c.method = interest_method::compound;
    CHECK(c.accrued_interest_exact(year{2025} / 1 / 1) == one.accrued_interest_exact(year{2025} / 1 / 1));
}

TEST_CASE("property: simple interest is additive over [a, b] and [b, c] on the actual day counts and 30E/360 (seeded, exact)") {
    detail::xoshiro256 g(4016);
    for (const note_day_count dc : {note_day_count::actual_365_fixed, note_day_count::actual_360, note_day_count::thirty_e_360,
                                    note_day_count::actual_actual_isda}) {
        for (int i = 0; i < 100; ++i) {
            convertible_note first = drawn_note(g);
            first.method = interest_method::simple;
            first.day_count = dc;
            const calendar_date b = days_after(first.issue_date, g.below(1'500));
            const calendar_date c = days_after(b, g.below(1'500));
            convertible_note second = first;
            second.issue_date = b;
            CHECK(first.accrued_interest_exact(b) + second.accrued_interest_exact(c) == first.accrued_interest_exact(c));
        }
    }
    // Not the US bond basis: its D2 rule looks at D1, so 2024-01-15 -> 2024-01-31 (16 days, D2
    // stays 31) and 2024-01-31 -> 2024-02-01 (D1 -> 30: 1 day) add to 17, the whole period to 16.
    convertible_note us = note_100k(note_day_count::thirty_360_us);
    us.issue_date = year{2024} / 1 / 15;
    CHECK(us.years_to(year{2024} / 1 / 31) == fraction(16, 360));
    CHECK(us.years_to(year{2024} / 2 / 1) == fraction(16, 360));
    us.issue_date = year{2024} / 1 / 31;
    CHECK(us.years_to(year{2024} / 2 / 1) == fraction(1, 360));
}

TEST_CASE("validation reports every problem of a note at once") {
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.holder = holder_id("");
    n.principal = 0_usd;
    n.maturity_date = year{2023} / 12 / 31;  // before it is issued
    n.annual_rate = fraction(-1, 100);
    n.valuation_cap = 0_usd;
    n.discount = fraction(1);
    n.qualified_financing = -5_usd;
    const std::vector<diagnostic> d = n.validate(field_path("notes").index(0));
    REQUIRE(d.size() == 7);
    CHECK(d[0].field.to_string() == "notes[0].holder");
    CHECK(d[1].field.to_string() == "notes[0].principal");
    CHECK(d[2].field.to_string() == "notes[0].maturity_date");
    CHECK(d[2].rule.find("cannot mature before it is issued") != std::string::npos);
    CHECK(d[3].field.to_string() == "notes[0].annual_rate");
    CHECK(d[4].field.to_string() == "notes[0].valuation_cap");
    CHECK(d[5].field.to_string() == "notes[0].discount");
    CHECK(d[5].rule == "must be at least 0% and below 100%");
    CHECK(d[6].field.json_pointer() == "/notes/0/qualified_financing");
    CHECK(note_100k(note_day_count::actual_365_fixed).validate().empty());
}

TEST_CASE("convertible_note: rounding, cap form, pool increase and maturity election outside their enumerations are problems") {
    // Regression: validate() accepted them; accrued_interest() rounded under an unknown mode by
    // truncation ($8,021.917 for $8,021.917808...), an unknown cap form read as "pre-money".
    const calendar_date on = year{2025} / 1 / 1;
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.interest_rounding = static_cast<rounding>(8);
    CHECK_THROWS_WITH_AS((void)n.accrued_interest(on),
                         "interest_rounding = 8: must be exact, toward_zero, away_from_zero, floor, ceiling, "
                         "half_away_from_zero, half_toward_zero or half_even",
                         invalid_argument_error);
    n.cap_form = static_cast<safe_form>(3);
    n.pool_increase = static_cast<pool_increase>(-1);
    n.at_maturity = note_maturity_terms{std::nullopt, "", static_cast<note_party>(2)};
    const std::vector<diagnostic> expected = {
        {field_path("note").member("interest_rounding"), "8",
         "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even"},
        {field_path("note").member("cap_form"), "3", "must be post_money or pre_money"},
        {field_path("note").member("pool_increase"), "-1", "must be included or excluded"},
        {field_path("note").member("at_maturity").member("elected_by"), "2", "must be holder or company"},
    };
    CHECK(n.validate() == expected);
    CHECK(to_string(static_cast<note_party>(2)) == "unknown");
    CHECK(to_string(static_cast<interest_method>(2)) == "unknown");
}

TEST_CASE("cap_basis: every problem named (no cap, a post-money cap, convertibles counted)") {
    convertible_note n = note_100k(note_day_count::actual_365_fixed);
    n.valuation_cap.reset();
    n.cap_form = safe_form::post_money;
    n.cap_basis = fully_diluted_basis::full_with_convertibles();
    const std::vector<diagnostic> d = n.validate(field_path("notes").index(0));
    REQUIRE(d.size() == 3);
    const std::string b = "notes[0].cap_basis = full_with_convertibles (issued + granted options + unallocated pool + warrants + convertibles): ";
    CHECK(d[0].message() == b + "needs a valuation cap to divide");
    CHECK(d[1].message() == b + "needs a pre-money cap_form (a post-money cap divides the capitalization after the round)");
    CHECK(d[2].message().rfind(b + "must not count convertibles", 0) == 0);
    convertible_note ok = note_100k(note_day_count::actual_365_fixed);
    ok.valuation_cap = 3_M;
    ok.cap_basis = fully_diluted_basis::outstanding();
    CHECK(ok.validate().empty());
}

}  // namespace test_convertible_note
