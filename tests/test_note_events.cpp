// Unit tests for fundround/instruments/note_events.hpp: a convertible note at maturity
// (conversion at a stated valuation or repayment, the electing party named) and at a change of
// control (the greatest of a multiple of principal, principal plus interest, conversion at the
// cap). Every figure is derived by hand in its comment from the note's terms; interest is
// Actual/365 Fixed simple (ISDA 2006 section 4.16), rounded half-even to the mill.
#include <fundround/instruments/note_events.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_note_events {

using namespace fundround;
using namespace fundround::literals;

namespace {

// $250,000 at 8% simple, Actual/365 Fixed, 1 January 2024 to 1 January 2026, capped at $6M.
convertible_note bridge() {
    convertible_note n;
    n.holder = holder_id("bridge");
    n.principal = 250'000_usd;
    n.issue_date = year{2024} / 1 / 1;
    n.maturity_date = year{2026} / 1 / 1;
    n.annual_rate = fraction(8, 100);
    n.valuation_cap = 6_M;
    return n;
}

}  // namespace

TEST_CASE("at maturity: conversion at the stated valuation into the named class, or repayment") {
    convertible_note n = bridge();
    n.at_maturity = note_maturity_terms{5_M, "Common", note_party::holder};
    // 731 days (2024 is a leap year): 250,000 x 8% x 731/365 = 40,054.79452 -> $40,054.795.
    // Conversion: $5M / 10,000,000 shares = $0.50; 290,054.795 / 0.50 = 580,109.59 -> 580,109
    // (floor); 580,109 x $0.50 = $290,054.50, so $0.295 (295 mills) is not converted.
    const note_maturity_result c = note_at_maturity(n, maturity_outcome::conversion, share_count(10'000'000));
    CHECK(c.interest == money::from_units(40'054'795));
    CHECK(c.amount == money::from_units(290'054'795));
    CHECK(c.exact_price_units == exact_rational(fraction(500)));
    CHECK(c.exact_shares == exact_rational(fraction(58'010'959, 100)));
    CHECK(c.shares == share_count(580'109));
    CHECK(c.share_class == "Common");
    CHECK(c.elected_by == note_party::holder);
    CHECK(c.repaid == 0_usd);
    CHECK(c.not_converted_units == exact_rational(fraction(295)));
    // Property: shares x price + not converted = amount.
    CHECK(fraction(c.shares.value()) * fraction(500) + c.not_converted_units.to_fraction() == fraction(c.amount.units()));

    n.at_maturity->elected_by = note_party::company;
    const note_maturity_result r = note_at_maturity(n, maturity_outcome::repayment);
    CHECK(r.repaid == money::from_units(290'054'795));
    CHECK(r.shares == share_count(0));
    CHECK(r.elected_by == note_party::company);
    CHECK(r.outcome == maturity_outcome::repayment);
}

TEST_CASE("at a change of control: the greatest of a multiple, principal plus interest and conversion at the cap") {
    convertible_note n = bridge();
    n.at_change_of_control = note_change_of_control_terms{fraction(2), true, true};
    // On 1 January 2025: 366 days, interest $20,054.795; principal plus interest $270,054.795.
    // Twice the principal: $500,000. Cap price $6M / 10,000,000 = $0.60: 270,054.795 / 0.60 =
    // 450,091.325 -> 450,091 shares; at $1.50 a share $675,136.50 (the greatest); at $0.80 a
    // share $360,072.80, so the multiple ($500,000) is greatest.
    const note_change_of_control_result hi =
        note_at_change_of_control(n, year{2025} / 1 / 1, share_count(10'000'000), fraction(1'500));
    CHECK(hi.interest == money::from_units(20'054'795));
    CHECK(hi.multiple_amount == 500'000_usd);
    CHECK(hi.principal_plus_interest == money::from_units(270'054'795));
    CHECK(hi.exact_cap_price_units == exact_rational(fraction(600)));
    CHECK(hi.cap_shares == share_count(450'091));
    CHECK(hi.conversion_amount == money::from_units(675'136'500));
    CHECK(hi.chosen == change_of_control_payout::conversion_at_cap);
    CHECK(hi.paid == money::from_units(675'136'500));

    const note_change_of_control_result lo =
        note_at_change_of_control(n, year{2025} / 1 / 1, share_count(10'000'000), fraction(800));
    CHECK(lo.conversion_amount == money::from_units(360'072'800));
    CHECK(lo.chosen == change_of_control_payout::principal_multiple);
    CHECK(lo.paid == 500'000_usd);

    // Only principal plus interest listed.
    n.at_change_of_control = note_change_of_control_terms{std::nullopt, true, false};
    const note_change_of_control_result pi = note_at_change_of_control(n, year{2025} / 1 / 1);
    CHECK(pi.chosen == change_of_control_payout::principal_plus_interest);
    CHECK(pi.paid == money::from_units(270'054'795));
    CHECK_FALSE(pi.conversion_amount.has_value());

    // A 1x multiple ties with nothing greater than principal plus interest: interest wins; with
    // no interest accrued (on the issue date) 1x and principal plus interest tie: the multiple,
    // listed first, is taken.
    n.at_change_of_control = note_change_of_control_terms{fraction(1), true, false};
    CHECK(note_at_change_of_control(n, year{2025} / 1 / 1).chosen == change_of_control_payout::principal_plus_interest);
    CHECK(note_at_change_of_control(n, year{2024} / 1 / 1).chosen == change_of_control_payout::principal_multiple);
}

TEST_CASE("at a change of control after maturity: interest to the event, or to maturity") {
    convertible_note n = bridge();
    n.at_change_of_control = note_change_of_control_terms{std::nullopt, true, false};
    // On 1 January 2027, 1,096 days after issue (731 to maturity, 365 past it): to the event
    // 250,000 x 8% x 1,096/365 = 60,054.79452 -> $60,054.795; to maturity 731 days, $40,054.795.
    const note_change_of_control_result to_event = note_at_change_of_control(n, year{2027} / 1 / 1);
    CHECK(to_event.interest == money::from_units(60'054'795));
    CHECK(to_event.paid == money::from_units(310'054'795));
    n.interest_accrues = note_interest_accrual::to_maturity;
    const note_change_of_control_result to_maturity = note_at_change_of_control(n, year{2027} / 1 / 1);
    CHECK(to_maturity.interest == money::from_units(40'054'795));
    CHECK(to_maturity.principal_plus_interest == money::from_units(290'054'795));
    CHECK(to_maturity.paid == money::from_units(290'054'795));
    // Before maturity nothing changes: on 1 January 2025, $20,054.795.
    CHECK(note_at_change_of_control(n, year{2025} / 1 / 1).interest == money::from_units(20'054'795));
}

TEST_CASE("FundersClub's worked note: $1M at 5% converts a year later as $1.05M, 10.5% of a $10M valuation") {
    // FundersClub, "Interest (in a convertible note)" (fundersclub.com/learn/glossary): "$1
    // million in a convertible note with 5% interest, and a year later, is converted at a
    // valuation of $10 million ... $1 million * 1.05 = $1.05 million / $10 million = 10.5%". Here
    // as conversion at maturity at a stated $10M over 10,000,000 shares: $1 a share, 1,050,000
    // shares, 10.5% of the capitalization the valuation prices (the note's own shares not in it).
    convertible_note n = bridge();
    n.principal = 1_M;
    n.issue_date = year{2023} / 1 / 1;
    n.maturity_date = year{2024} / 1 / 1;  // 365 days: one Actual/365 Fixed year
    n.annual_rate = fraction(5, 100);
    n.at_maturity = note_maturity_terms{10_M, "Series A Preferred", note_party::holder};
    const note_maturity_result m = note_at_maturity(n, maturity_outcome::conversion, share_count(10'000'000));
    CHECK(m.interest == 50'000_usd);
    CHECK(m.amount == 1'050'000_usd);
    CHECK(m.exact_price_units == exact_rational(fraction(1'000)));
    CHECK(m.shares == share_count(1'050'000));
    CHECK(fraction(m.shares.value(), m.capitalization.value()) == fraction(105, 1'000));
    CHECK(m.not_converted_units == exact_rational(fraction(0)));
}

TEST_CASE("note events: principal plus interest beyond the money range names both amounts") {
    // Regression (review of 2026-12-06): both events threw "money addition overflows the 64-bit
    // amount range", naming neither amount nor the date.
    convertible_note n = bridge();
    n.valuation_cap.reset();
    n.principal = money::from_units(std::numeric_limits<std::int64_t>::max() - 7);
    n.day_count = note_day_count::thirty_360_us;
    n.maturity_date = year{2025} / 1 / 1;  // one 30/360 year
    n.annual_rate = fraction(8, std::numeric_limits<std::int64_t>::max() - 7);  // 8 mills a year
    n.at_maturity = note_maturity_terms{std::nullopt, "", note_party::company};
    n.at_change_of_control = note_change_of_control_terms{std::nullopt, true, false};
    const char* rule = "principal plus interest on 2025-01-01 = $9,223,372,036,854,775.80 + $0.008: beyond the money range "
                       "(at most $9,223,372,036,854,775.807 in magnitude)";
    CHECK_THROWS_WITH_AS((void)note_at_maturity(n, maturity_outcome::repayment), rule, overflow_error);
    CHECK_THROWS_WITH_AS((void)note_at_change_of_control(n, year{2025} / 1 / 1), rule, overflow_error);
    n.annual_rate = fraction(7, std::numeric_limits<std::int64_t>::max() - 7);  // 7 mills: exactly the largest amount
    CHECK(note_at_maturity(n, maturity_outcome::repayment).repaid == money::from_units(std::numeric_limits<std::int64_t>::max()));
    CHECK(note_at_change_of_control(n, year{2025} / 1 / 1).paid == money::from_units(std::numeric_limits<std::int64_t>::max()));
}

TEST_CASE("note events: a multiple, cap shares, a conversion amount or maturity shares beyond their range name the figures") {
    // Regression (review of 2026-12-06): "money multiplication by a fraction overflows the 64-bit
    // amount range" and "maturity conversion shares overflows 64 bits", naming no figure.
    convertible_note n = bridge();
    n.annual_rate = fraction(0);
    n.principal = money::from_units(5'000'000'000'000'000'000LL);
    n.at_change_of_control = note_change_of_control_terms{fraction(2), true, false};
    CHECK_THROWS_WITH_AS((void)note_at_change_of_control(n, year{2025} / 1 / 1),
                         "multiple of principal = 10000000000000000000 mills (principal $5,000,000,000,000,000.00 x "
                         "principal_multiple 2): beyond the money range (at most 9,223,372,036,854,775,807 mills in magnitude)",
                         overflow_error);
    n.at_change_of_control = note_change_of_control_terms{fraction(3, 2), true, false};  // in range: rounded as before
    n.principal = money::from_units(3);
    CHECK(note_at_change_of_control(n, year{2025} / 1 / 1).multiple_amount == money::from_units(4));  // 4.5 -> 4, half even
    n.principal = 100'000_usd;
    n.valuation_cap = money::from_units(1);
    n.at_change_of_control = note_change_of_control_terms{std::nullopt, true, true};
    // $100,000 at a cap of one mill over 9 x 10^18 shares: 10^8 x 9 x 10^18 = 9 x 10^26 shares.
    CHECK_THROWS_WITH_AS((void)note_at_change_of_control(n, year{2025} / 1 / 1, share_count(9'000'000'000'000'000'000LL), fraction(1)),
                         "cap shares = 900000000000000000000000000 ($100,000.00 x capitalization 9000000000000000000 / "
                         "valuation_cap $0.001): beyond a share count (at most 9,223,372,036,854,775,807)",
                         overflow_error);
    // At a $6M cap: 1.5 x 10^17 shares, at 10^12 mills each.
    n.valuation_cap = 6_M;
    CHECK_THROWS_WITH_AS((void)note_at_change_of_control(n, year{2025} / 1 / 1, share_count(9'000'000'000'000'000'000LL), fraction(1'000'000'000'000LL)),
                         "conversion amount = 150000000000000000000000000000 mills (150000000000000000 cap shares x "
                         "proceeds_per_share_units 1000000000000): beyond the money range (at most 9,223,372,036,854,775,807 mills in magnitude)",
                         overflow_error);
    n.at_maturity = note_maturity_terms{money::from_units(1), "Common", note_party::holder};
    CHECK_THROWS_WITH_AS((void)note_at_maturity(n, maturity_outcome::conversion, share_count(9'000'000'000'000'000'000LL)),
                         "maturity conversion shares = 900000000000000000000000000 ($100,000.00 x capitalization "
                         "9000000000000000000 / conversion_valuation $0.001): beyond a share count (at most 9,223,372,036,854,775,807)",
                         overflow_error);
}

TEST_CASE("note events report every problem at once") {
    convertible_note n = bridge();
    n.valuation_cap.reset();
    n.at_change_of_control = note_change_of_control_terms{fraction(-1), false, true};
    try {
        (void)note_at_change_of_control(n, year{2023} / 1 / 1);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        std::vector<std::string> got;
        for (const diagnostic& d : e.problems()) got.push_back(d.message());
        CHECK(got == std::vector<std::string>{
                         "note.at_change_of_control.principal_multiple = -1: must be positive",
                         "note.at_change_of_control.conversion_at_cap = true: needs a valuation cap to convert at",
                         "capitalization = 0: must be positive (the capitalization the cap is divided by)",
                         "proceeds_per_share_units = 0: must be positive",
                         "on = 2023-01-01: is before the note's issue date 2024-01-01"});
    }
    convertible_note m = bridge();
    try {
        (void)note_at_maturity(m, maturity_outcome::conversion);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.to_string() == "note.at_maturity");
    }
    m.at_maturity = note_maturity_terms{0_usd, "", note_party::holder};
    try {
        (void)note_at_maturity(m, maturity_outcome::conversion);
        FAIL("expected a validation_error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].message() == "note.at_maturity.conversion_valuation = $0.00: must be positive");
        CHECK(e.problems()[1].field.to_string() == "note.at_maturity.share_class");
        CHECK(e.problems()[2].field.to_string() == "capitalization");
    }
    // An event date that is not a day is listed (review of 2026-12-05, second round: it was an
    // invalid_argument_error about an "accrual date"), and so is one after 9999-12-31.
    convertible_note c = bridge();
    c.at_change_of_control = note_change_of_control_terms{fraction(2), true, false};
    for (const auto& [on, rule] : {std::pair<calendar_date, std::string>{year{2026} / 2 / 30, "is not a valid calendar date"},
                                   {year{10000} / 1 / 1, "is after 9999-12-31, the last day fundround models"}}) {
        try {
            (void)note_at_change_of_control(c, on);
            FAIL("expected a validation_error");
        } catch (const validation_error& e) {
            REQUIRE(e.problems().size() == 1);
            CHECK(e.problems()[0].message() == "on = " + to_string(on) + ": " + rule);
        }
    }
    m.at_change_of_control = note_change_of_control_terms{std::nullopt, false, false};
    CHECK(m.validate().back().rule == "lists no amount: name a multiple, principal plus interest or conversion at the cap");
}

TEST_CASE("note events: a choice or a rounding outside its enumeration is listed, not computed") {
    // Regression: note_at_maturity() computed an unknown choice as a conversion, and both events
    // rounded shares and amounts under an unknown mode (truncating, or naming no field).
    const std::string rule = "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even";
    convertible_note n = bridge();
    n.at_maturity = note_maturity_terms{5_M, "Common", note_party::holder};
    n.at_change_of_control = note_change_of_control_terms{fraction(2), true, true};
    CHECK(to_string(static_cast<maturity_outcome>(2)) == "unknown");
    CHECK_THROWS_WITH_AS((void)note_at_maturity(n, static_cast<maturity_outcome>(2), share_count(10'000'000)),
                         "convertible note at maturity: 1 problem\n  - choice = 2: must be conversion or repayment", validation_error);
    CHECK_THROWS_WITH_AS((void)note_at_maturity(n, maturity_outcome::conversion, share_count(10'000'000), static_cast<rounding>(8)),
                         ("convertible note at maturity: 1 problem\n  - share_rounding = 8: " + rule).c_str(), validation_error);
    try {
        (void)note_at_change_of_control(n, year{2025} / 1 / 1, share_count(10'000'000), fraction(1'500), static_cast<rounding>(-1),
                                        static_cast<rounding>(9));
        FAIL("no validation_error");
    } catch (const validation_error& e) {
        const std::vector<diagnostic> expected = {{field_path("share_rounding"), "-1", rule}, {field_path("amount_rounding"), "9", rule}};
        CHECK(e.problems() == expected);
    }
}

}  // namespace test_note_events
