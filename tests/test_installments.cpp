// Unit tests for fundround/time/installments.hpp: add_months, installments, installments_between.
#include <fundround/time/installments.hpp>
#include <fundround/io/money_parse.hpp>

#include <date/date.h>
#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_installments {

namespace fr = fundround;
using fr::year;
using fr::calendar_date;
using fr::frequency;
using fr::money;
using namespace fr::literals;

namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) {
    return year{y} / m / dd;
}

money usd_cents(std::int64_t cents) { return money::from_units(cents * 10); }

std::vector<calendar_date> dates_of(const std::vector<fr::installment>& xs) {
    std::vector<calendar_date> out;
    for (const auto& x : xs) out.push_back(x.date);
    return out;
}

std::vector<money> amounts_of(const std::vector<fr::installment>& xs) {
    std::vector<money> out;
    for (const auto& x : xs) out.push_back(x.amount);
    return out;
}

using fundround_test::lcg;

}  // namespace

TEST_CASE("frequency: names and months per period") {
    CHECK(fr::to_string(frequency::monthly) == "monthly");
    CHECK(fr::to_string(frequency::quarterly) == "quarterly");
    CHECK(fr::to_string(frequency::semiannual) == "semiannual");
    CHECK(fr::to_string(frequency::yearly) == "yearly");
    CHECK(fr::months_per_period(frequency::monthly) == 1);
    CHECK(fr::months_per_period(frequency::quarterly) == 3);
    CHECK(fr::months_per_period(frequency::semiannual) == 6);
    CHECK(fr::months_per_period(frequency::yearly) == 12);
    CHECK_THROWS_WITH_AS(fr::months_per_period(static_cast<frequency>(7)),
                         "frequency = 7: must be monthly, quarterly, semiannual or yearly",
                         fr::invalid_argument_error);
}

TEST_CASE("installment: equality compares date and amount") {
    const fr::installment a{ymd(2026, 1, 31), 5_M};
    CHECK(a == fr::installment{ymd(2026, 1, 31), 5_M});
    CHECK(a != fr::installment{ymd(2026, 2, 1), 5_M});
    CHECK(a != fr::installment{ymd(2026, 1, 31), 6_M});
    CHECK(a != fr::installment{ymd(2026, 1, 31), money::from_major(5000000, fr::currencies::eur)});
}

TEST_CASE("add_months: month-end safe, computed from the anchor") {
    CHECK(fr::add_months(ymd(2026, 1, 31), 0) == ymd(2026, 1, 31));
    CHECK(fr::add_months(ymd(2026, 1, 31), 1) == ymd(2026, 2, 28));
    CHECK(fr::add_months(ymd(2026, 1, 31), 2) == ymd(2026, 3, 31));
    CHECK(fr::add_months(ymd(2026, 1, 31), 3) == ymd(2026, 4, 30));
    CHECK(fr::add_months(ymd(2026, 1, 31), 4) == ymd(2026, 5, 31));
    CHECK(fr::add_months(ymd(2026, 1, 31), 11) == ymd(2026, 12, 31));
    CHECK(fr::add_months(ymd(2026, 1, 31), 12) == ymd(2027, 1, 31));
    CHECK(fr::add_months(ymd(2026, 1, 31), 13) == ymd(2027, 2, 28));
    CHECK(fr::add_months(ymd(2026, 1, 31), 25) == ymd(2028, 2, 29));
    CHECK(fr::add_months(ymd(2027, 1, 31), 13) == ymd(2028, 2, 29));
    CHECK(fr::add_months(ymd(2028, 1, 31), 1) == ymd(2028, 2, 29));
    CHECK(fr::add_months(ymd(2026, 8, 31), 6) == ymd(2027, 2, 28));
    CHECK(fr::add_months(ymd(2027, 8, 31), 6) == ymd(2028, 2, 29));
    CHECK(fr::add_months(ymd(2026, 8, 31), 1) == ymd(2026, 9, 30));
    CHECK(fr::add_months(ymd(2026, 5, 30), 9) == ymd(2027, 2, 28));
    CHECK(fr::add_months(ymd(2028, 2, 29), 12) == ymd(2029, 2, 28));
    CHECK(fr::add_months(ymd(2028, 2, 29), 48) == ymd(2032, 2, 29));
    CHECK(fr::add_months(ymd(2028, 2, 29), 1) == ymd(2028, 3, 29));  // not moved to month end
    CHECK(fr::add_months(ymd(2026, 2, 28), 1) == ymd(2026, 3, 28));
    CHECK(fr::add_months(ymd(2026, 12, 15), 1) == ymd(2027, 1, 15));
    CHECK(fr::add_months(ymd(2099, 12, 31), 2) == ymd(2100, 2, 28));  // 2100 is not leap
    CHECK(fr::add_months(ymd(1999, 12, 31), 2) == ymd(2000, 2, 29));  // 2000 is leap
}

TEST_CASE("add_months: negative months") {
    CHECK(fr::add_months(ymd(2026, 3, 31), -1) == ymd(2026, 2, 28));
    CHECK(fr::add_months(ymd(2028, 3, 31), -1) == ymd(2028, 2, 29));
    CHECK(fr::add_months(ymd(2026, 3, 31), -13) == ymd(2025, 2, 28));
    CHECK(fr::add_months(ymd(2026, 1, 15), -1) == ymd(2025, 12, 15));
    CHECK(fr::add_months(ymd(2026, 5, 31), -12) == ymd(2025, 5, 31));
    CHECK(fr::add_months(ymd(2026, 7, 31), -1) == ymd(2026, 6, 30));
    CHECK(fr::add_months(ymd(2029, 2, 28), -12) == ymd(2028, 2, 28));
    CHECK(fr::add_months(ymd(2026, 1, 1), -24312) == ymd(0, 1, 1));
    CHECK(fr::add_months(ymd(2026, 1, 31), -24313) == ymd(-1, 12, 31));
}

TEST_CASE("add_months: invalid anchor and out-of-range results throw") {
    CHECK_THROWS_WITH_AS(fr::add_months(ymd(2027, 2, 29), 1),
                         "add_months: anchor = 2027-02-29: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::add_months(ymd(2026, 13, 1), 1),
                         "add_months: anchor = 2026-13-01: is not a valid calendar date",
                         fr::invalid_argument_error);
    // One horizon (issue 9): nothing after end_of_time(), 9999-12-31.
    CHECK_THROWS_WITH_AS(fr::add_months(ymd(9999, 12, 1), 1),
                         "add_months: 9999-12-01 + 1 months: is outside the years fundround models "
                         "(up to 9999-12-31)",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::add_months(ymd(32767, 12, 1), 1),
                         "add_months: anchor = 32767-12-01: is after 9999-12-31, the last day fundround models",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS(fr::add_months(ymd(2026, 1, 1), 2147483647), fr::invalid_argument_error);
    CHECK_THROWS_AS(fr::add_months(ymd(2026, 1, 1), -2147483647 - 1), fr::invalid_argument_error);
    CHECK(fr::add_months(ymd(9999, 11, 30), 1) == ymd(9999, 12, 30));
}

TEST_CASE("installments: the reference case, $100B yearly over eight years") {
    const auto xs = fr::installments(100_B, ymd(2026, 2, 27), 8, frequency::yearly);
    REQUIRE(xs.size() == 8);
    for (std::size_t k = 0; k < xs.size(); ++k) {
        CHECK(xs[k].date == ymd(2026 + static_cast<int>(k), 2, 27));
        CHECK(xs[k].amount == 12.5_B);
    }
    CHECK(xs.back().date == ymd(2033, 2, 27));
    CHECK(fr::sum(amounts_of(xs)) == 100_B);
}

TEST_CASE("installments: $100 over three months is $33.34, $33.33, $33.33") {
    const auto xs = fr::installments(100_usd, ymd(2026, 1, 31), 3, frequency::monthly);
    const std::vector<fr::installment> expected{
        {ymd(2026, 1, 31), 33.34_usd}, {ymd(2026, 2, 28), 33.33_usd}, {ymd(2026, 3, 31), 33.33_usd}};
    CHECK(xs == expected);
    CHECK(fr::sum(amounts_of(xs)) == 100_usd);
}

TEST_CASE("installments: monthly dates from a month end are never chained") {
    const auto xs = fr::installments(1_usd, ymd(2026, 1, 31), 6, frequency::monthly);
    CHECK(dates_of(xs) == std::vector<calendar_date>{ymd(2026, 1, 31), ymd(2026, 2, 28),
                                                     ymd(2026, 3, 31), ymd(2026, 4, 30),
                                                     ymd(2026, 5, 31), ymd(2026, 6, 30)});
    // 100 cents over 6: 4 x 17 cents then 2 x 16 cents, larger parts first.
    CHECK(amounts_of(xs) == std::vector<money>{usd_cents(17), usd_cents(17), usd_cents(17),
                                               usd_cents(17), usd_cents(16), usd_cents(16)});
}

TEST_CASE("installments: quarterly and semiannual") {
    const auto q = fr::installments(1_M, ymd(2025, 11, 30), 5, frequency::quarterly);
    CHECK(dates_of(q) == std::vector<calendar_date>{ymd(2025, 11, 30), ymd(2026, 2, 28),
                                                    ymd(2026, 5, 30), ymd(2026, 8, 30),
                                                    ymd(2026, 11, 30)});
    for (const auto& x : q) CHECK(x.amount == 200_K);

    const auto s = fr::installments(10_usd, ymd(2027, 8, 31), 4, frequency::semiannual);
    CHECK(s == std::vector<fr::installment>{{ymd(2027, 8, 31), 2.5_usd},
                                            {ymd(2028, 2, 29), 2.5_usd},
                                            {ymd(2028, 8, 31), 2.5_usd},
                                            {ymd(2029, 2, 28), 2.5_usd}});
}

TEST_CASE("installments: yearly from Feb 29") {
    const auto xs = fr::installments(1_usd, ymd(2028, 2, 29), 5, frequency::yearly);
    CHECK(dates_of(xs) == std::vector<calendar_date>{ymd(2028, 2, 29), ymd(2029, 2, 28),
                                                     ymd(2030, 2, 28), ymd(2031, 2, 28),
                                                     ymd(2032, 2, 29)});
    CHECK(amounts_of(xs) == std::vector<money>{usd_cents(20), usd_cents(20), usd_cents(20),
                                               usd_cents(20), usd_cents(20)});
}

TEST_CASE("installments: a single payment is the whole total on the first date") {
    const auto xs = fr::installments(0.01_usd, ymd(2026, 6, 1), 1, frequency::monthly);
    CHECK(xs == std::vector<fr::installment>{{ymd(2026, 6, 1), 0.01_usd}});
}

TEST_CASE("installments: JPY splits in whole yen") {
    const money total = money::from_major(100000, fr::currencies::jpy);
    const auto xs = fr::installments(total, ymd(2026, 4, 1), 3, frequency::monthly);
    CHECK(amounts_of(xs) == std::vector<money>{money::from_major(33334, fr::currencies::jpy),
                                               money::from_major(33333, fr::currencies::jpy),
                                               money::from_major(33333, fr::currencies::jpy)});
    CHECK(fr::sum(amounts_of(xs), fr::currencies::jpy) == total);
    // Seven yen over four payments: 2, 2, 2, 1.
    const auto ys = fr::installments(money::from_major(7, fr::currencies::jpy), ymd(2026, 4, 1), 4,
                                     frequency::monthly);
    CHECK(amounts_of(ys) == std::vector<money>{money::from_major(2, fr::currencies::jpy),
                                               money::from_major(2, fr::currencies::jpy),
                                               money::from_major(2, fr::currencies::jpy),
                                               money::from_major(1, fr::currencies::jpy)});
    // Fewer yen than payments: the later payments are zero.
    const auto zs = fr::installments(money::from_major(2, fr::currencies::jpy), ymd(2026, 4, 1), 3,
                                     frequency::monthly);
    CHECK(amounts_of(zs) == std::vector<money>{money::from_major(1, fr::currencies::jpy),
                                               money::from_major(1, fr::currencies::jpy),
                                               money::zero(fr::currencies::jpy)});
}

TEST_CASE("installments: EUR quarterly from a month end") {
    const money total = money::from_major(1000, fr::currencies::eur);
    const auto xs = fr::installments(total, ymd(2026, 1, 31), 7, frequency::quarterly);
    auto eur_cents = [](std::int64_t c) { return money::from_units(c * 10, fr::currencies::eur); };
    const std::vector<fr::installment> expected{
        {ymd(2026, 1, 31), eur_cents(14286)}, {ymd(2026, 4, 30), eur_cents(14286)},
        {ymd(2026, 7, 31), eur_cents(14286)}, {ymd(2026, 10, 31), eur_cents(14286)},
        {ymd(2027, 1, 31), eur_cents(14286)}, {ymd(2027, 4, 30), eur_cents(14285)},
        {ymd(2027, 7, 31), eur_cents(14285)}};
    CHECK(xs == expected);
    CHECK(fr::sum(amounts_of(xs), fr::currencies::eur) == total);
}

TEST_CASE("installments: three-digit currencies split in mills") {
    const fr::currency kwd{"KWD"};
    const auto xs =
        fr::installments(money::from_units(1000, kwd), ymd(2026, 1, 1), 3, frequency::monthly);
    CHECK(amounts_of(xs) == std::vector<money>{money::from_units(334, kwd),
                                               money::from_units(333, kwd),
                                               money::from_units(333, kwd)});
}

TEST_CASE("installments: property over 200 pseudo-random cases") {
    lcg rng{20260227};
    const frequency freqs[] = {frequency::monthly, frequency::quarterly, frequency::semiannual,
                               frequency::yearly};
    const fr::currency curs[] = {fr::currencies::usd, fr::currencies::eur, fr::currencies::jpy};
    for (int i = 0; i < 200; ++i) {
        const frequency f = freqs[rng.next(4)];
        const fr::currency c = curs[rng.next(3)];
        const std::int64_t step = c.minor_digits() == 0 ? 1000 : 10;
        const auto minor_units = static_cast<std::int64_t>(1 + rng.next(1000000000000ULL));
        const money total = money::from_units(minor_units * step, c);
        const std::size_t count = 1 + static_cast<std::size_t>(rng.next(60));
        const int y = 2000 + static_cast<int>(rng.next(100));
        const unsigned m = 1 + static_cast<unsigned>(rng.next(12));
        // The month's length from date (an oracle independent of fundround's calendar).
        const auto last_day = static_cast<unsigned>(
            date::year_month_day_last{date::year{y}, date::month_day_last{date::month{m}}}.day());
        const unsigned d = 1 + static_cast<unsigned>(rng.next(last_day));
        const calendar_date first = ymd(y, m, d);
        CAPTURE(i);
        CAPTURE(fr::to_string(total));
        CAPTURE(count);
        CAPTURE(fr::to_string(first));
        CAPTURE(fr::to_string(f));

        const auto xs = fr::installments(total, first, count, f);
        REQUIRE(xs.size() == count);
        CHECK(fr::sum(amounts_of(xs), c) == total);
        const int period = fr::months_per_period(f);
        for (std::size_t k = 0; k < count; ++k) {
            CHECK(xs[k].amount.currency() == c);
            CHECK(xs[k].amount.units() % step == 0);
            CHECK(xs[k].amount.units() >= 0);
            // Larger parts first, and all within one minor unit of each other.
            CHECK(xs[k].amount.units() <= xs[0].amount.units());
            CHECK(xs[0].amount.units() - xs[k].amount.units() <= step);
            if (k > 0) {
                CHECK(xs[k].amount.units() <= xs[k - 1].amount.units());
                CHECK(xs[k - 1].date < xs[k].date);
            }
            CHECK(xs[k].date.ok());
            CHECK(xs[k].date == fr::add_months(first, static_cast<int>(k) * period));
        }

        // installments_between up to the last date reproduces the same schedule.
        CHECK(fr::installments_between(total, first, xs.back().date, f) == xs);
    }
}

TEST_CASE("installments_between: last date is inclusive") {
    CHECK(dates_of(fr::installments_between(100_usd, ymd(2026, 1, 15), ymd(2026, 4, 15),
                                            frequency::monthly)) ==
          std::vector<calendar_date>{ymd(2026, 1, 15), ymd(2026, 2, 15), ymd(2026, 3, 15),
                                     ymd(2026, 4, 15)});
    CHECK(dates_of(fr::installments_between(100_usd, ymd(2026, 1, 15), ymd(2026, 4, 14),
                                            frequency::monthly)) ==
          std::vector<calendar_date>{ymd(2026, 1, 15), ymd(2026, 2, 15), ymd(2026, 3, 15)});
    CHECK(fr::installments_between(100_usd, ymd(2026, 1, 15), ymd(2026, 4, 14),
                                   frequency::monthly)
              .front()
              .amount == 33.34_usd);
    // first == last: one payment of the whole total.
    CHECK(fr::installments_between(100_usd, ymd(2026, 1, 15), ymd(2026, 1, 15), frequency::yearly) ==
          std::vector<fr::installment>{{ymd(2026, 1, 15), 100_usd}});
    // Last before the second period: still one payment.
    CHECK(fr::installments_between(100_usd, ymd(2026, 1, 15), ymd(2026, 12, 31), frequency::yearly)
              .size() == 1);
}

TEST_CASE("installments_between: month ends") {
    const auto xs = fr::installments_between(100_usd, ymd(2026, 1, 31), ymd(2026, 4, 30),
                                             frequency::monthly);
    CHECK(xs == std::vector<fr::installment>{{ymd(2026, 1, 31), 25_usd},
                                             {ymd(2026, 2, 28), 25_usd},
                                             {ymd(2026, 3, 31), 25_usd},
                                             {ymd(2026, 4, 30), 25_usd}});
    CHECK(fr::installments_between(1_usd, ymd(2026, 1, 31), ymd(2026, 2, 28), frequency::monthly)
              .size() == 2);
    CHECK(fr::installments_between(1_usd, ymd(2026, 1, 31), ymd(2026, 2, 27), frequency::monthly)
              .size() == 1);
    CHECK(dates_of(fr::installments_between(1_usd, ymd(2026, 8, 31), ymd(2027, 3, 1),
                                            frequency::semiannual)) ==
          std::vector<calendar_date>{ymd(2026, 8, 31), ymd(2027, 2, 28)});
}

TEST_CASE("installments_between: the reference case") {
    const auto xs =
        fr::installments_between(100_B, ymd(2026, 2, 27), ymd(2033, 2, 27), frequency::yearly);
    CHECK(xs == fr::installments(100_B, ymd(2026, 2, 27), 8, frequency::yearly));
    const auto ys =
        fr::installments_between(100_B, ymd(2026, 2, 27), ymd(2033, 2, 26), frequency::yearly);
    REQUIRE(ys.size() == 7);
    CHECK(ys.back().date == ymd(2032, 2, 27));
    CHECK(fr::sum(amounts_of(ys)) == 100_B);
    CHECK(ys.front().amount == "14,285,714,285.72"_usd);
    CHECK(ys.back().amount == "14,285,714,285.71"_usd);
}

TEST_CASE("installments: errors name the field, the value and the rule") {
    CHECK_THROWS_WITH_AS(fr::installments(100_usd, ymd(2026, 1, 1), 0, frequency::monthly),
                         "installments: count = 0: must be positive", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::installments(money{}, ymd(2026, 1, 1), 3, frequency::monthly),
                         "installments: total = $0.00: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::installments(-5_usd, ymd(2026, 1, 1), 3, frequency::monthly),
                         "installments: total = -$5.00: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments(100.005_usd, ymd(2026, 1, 1), 3, frequency::monthly),
        "installments: total = $100.005: must be a whole number of minor units ($0.01)",
        fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments(money::from_units(100500, fr::currencies::jpy), ymd(2026, 1, 1), 3,
                         frequency::monthly),
        "installments: total = \xC2\xA5" "100.5: must be a whole number of minor units (\xC2\xA5" "1)",
        fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::installments(100_usd, ymd(2026, 2, 30), 3, frequency::monthly),
                         "installments: first = 2026-02-30: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::installments(100_usd, ymd(2026, 1, 1), 1000001, frequency::monthly),
                         "installments: count = 1000001: must be at most 1000000",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS(fr::installments(100_usd, ymd(32760, 1, 1), 100, frequency::yearly),
                    fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments(100_usd, ymd(2026, 1, 1), 3, static_cast<frequency>(-1)),
        "installments: frequency = -1: must be monthly, quarterly, semiannual or yearly",
        fr::invalid_argument_error);
}

TEST_CASE("installments_between: errors") {
    CHECK_THROWS_WITH_AS(
        fr::installments_between(100_usd, ymd(2026, 1, 31), ymd(2026, 1, 30), frequency::monthly),
        "installments_between: last = 2026-01-30: must not be before first (2026-01-31)",
        fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments_between(100_usd, ymd(2026, 4, 31), ymd(2026, 6, 30), frequency::monthly),
        "installments_between: first = 2026-04-31: is not a valid calendar date",
        fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments_between(100_usd, ymd(2026, 4, 30), ymd(2027, 2, 29), frequency::monthly),
        "installments_between: last = 2027-02-29: is not a valid calendar date",
        fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments_between(money{}, ymd(2026, 1, 1), ymd(2026, 6, 1), frequency::monthly),
        "installments_between: total = $0.00: must be positive", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments_between(0.001_usd, ymd(2026, 1, 1), ymd(2026, 6, 1), frequency::monthly),
        "installments_between: total = $0.001: must be a whole number of minor units ($0.01)",
        fr::invalid_argument_error);
}

// Regression: installments() and installments_between() stopped at the first problem (count 0
// hid a negative total and an invalid first date); they now name every problem at once.
TEST_CASE("installments: every problem is reported at once (regression)") {
    CHECK_THROWS_WITH_AS(fr::installments(-5_usd, ymd(2026, 2, 30), 0, frequency::monthly),
                         "installments: 3 problems\n"
                         "  - first = 2026-02-30: is not a valid calendar date\n"
                         "  - count = 0: must be positive\n"
                         "  - total = -$5.00: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::installments(100.005_usd, ymd(2026, 1, 1), 3, static_cast<frequency>(7)),
                         "installments: 2 problems\n"
                         "  - frequency = 7: must be monthly, quarterly, semiannual or yearly\n"
                         "  - total = $100.005: must be a whole number of minor units ($0.01)",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::installments(money{}, ymd(9999, 11, 30), 3, frequency::monthly),
                         "installments: 2 problems\n"
                         "  - count = 3: the last payment, 9999-11-30 + 2 months, is after 9999-12-31, "
                         "the last day fundround models\n"
                         "  - total = $0.00: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments_between(-1_usd, ymd(2027, 1, 1), ymd(2026, 1, 1), frequency::monthly),
        "installments_between: 2 problems\n"
        "  - last = 2026-01-01: must not be before first (2027-01-01)\n"
        "  - total = -$1.00: must be positive",
        fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(
        fr::installments_between(0.001_usd, ymd(2026, 4, 31), ymd(2027, 2, 29), frequency::monthly),
        "installments_between: 3 problems\n"
        "  - first = 2026-04-31: is not a valid calendar date\n"
        "  - last = 2027-02-29: is not a valid calendar date\n"
        "  - total = $0.001: must be a whole number of minor units ($0.01)",
        fr::invalid_argument_error);
}

TEST_CASE("installments: a schedule ending exactly on 9999-12-31 sums to its total") {
    const auto xs = fr::installments(100_usd, ymd(9999, 1, 31), 12, frequency::monthly);
    REQUIRE(xs.size() == 12);
    CHECK(xs[1].date == ymd(9999, 2, 28));
    CHECK(xs.back().date == fr::end_of_time());
    money sum = money::zero(fr::currencies::usd);
    for (const auto& x : xs) sum += x.amount;
    CHECK(sum == 100_usd);
    CHECK(xs.front().amount == 8.34_usd);
    CHECK(xs.back().amount == 8.33_usd);
    CHECK_THROWS_WITH_AS(fr::installments(100_usd, ymd(9999, 1, 31), 13, frequency::monthly),
                         "installments: count = 13: the last payment, 9999-01-31 + 12 months, is after "
                         "9999-12-31, the last day fundround models",
                         fr::invalid_argument_error);
}

}  // namespace test_installments
