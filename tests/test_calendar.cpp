// Unit tests for fundround/time/calendar.hpp: calendar_date, days, ISO text, next_day, require_valid.
#include <fundround/time/calendar.hpp>

#include <doctest/doctest.h>

#include <climits>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_calendar {

namespace fr = fundround;
using fr::calendar_date;
using fr::days;
using fr::year;

namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) { return year{y} / m / dd; }

}  // namespace

TEST_CASE("to_string: ISO 8601 with zero-padded month and day") {
    CHECK(fr::to_string(year{2026} / 2 / 27) == "2026-02-27");
    CHECK(fr::to_string(year{2026} / 1 / 1) == "2026-01-01");
    CHECK(fr::to_string(year{2026} / 9 / 9) == "2026-09-09");
    CHECK(fr::to_string(year{2026} / 10 / 10) == "2026-10-10");
    CHECK(fr::to_string(year{2026} / 12 / 31) == "2026-12-31");
    CHECK(fr::to_string(year{2028} / 2 / 29) == "2028-02-29");
    CHECK(fr::to_string(year{-44} / 3 / 15) == "-0044-03-15");
    CHECK(fr::to_string(calendar_date::min()) == "-32767-01-01");
    CHECK(fr::to_string(calendar_date::max()) == "32767-12-31");
    std::ostringstream os;
    os << year{2026} / 2 / 27;
    CHECK(os.str() == "2026-02-27");
    CHECK(fr::to_string(ymd(1970, 1, 1)) == "1970-01-01");
    CHECK(fr::to_string(ymd(9999, 12, 31)) == "9999-12-31");
    CHECK(fr::to_string(ymd(2000, 1, 10)) == "2000-01-10");
}

TEST_CASE("to_string: invalid dates are shown as written (for diagnostics)") {
    CHECK(fr::to_string(ymd(2026, 2, 30)) == "2026-02-30");
    CHECK(fr::to_string(ymd(2026, 13, 1)) == "2026-13-01");
    CHECK(fr::to_string(ymd(2026, 0, 0)) == "2026-00-00");
    CHECK(fr::to_string(ymd(2027, 2, 29)) == "2027-02-29");
    CHECK(fr::to_string(ymd(2026, 2, 130)) == "2026-02-130");  // more than two digits: in full
    CHECK(fr::to_string(ymd(2026, 255, 255)) == "2026-255-255");
    CHECK(fr::to_string(calendar_date{}) == "0000-00-00");
    // The writer itself takes any year and field (charts write years far outside a date's).
    std::string text;
    fr::detail::append_date(text, INT64_MIN, 4294967295U, 7);
    CHECK(text == "-9223372036854775808-4294967295-07");
}

// Questionable (see the report): the year is not zero-padded to four digits as ISO 8601 requires.
TEST_CASE("to_string: years below 1000 are zero-padded to four digits") {
    CHECK(fr::to_string(ymd(999, 12, 31)) == "0999-12-31");
    CHECK(fr::to_string(ymd(5, 3, 4)) == "0005-03-04");
    CHECK(fr::to_string(ymd(0, 1, 1)) == "0000-01-01");
}

TEST_CASE("next_day: within a month, across month and year ends, leap years") {
    CHECK(fr::next_day(ymd(2026, 2, 27)) == ymd(2026, 2, 28));
    CHECK(fr::next_day(ymd(2026, 1, 31)) == ymd(2026, 2, 1));
    CHECK(fr::next_day(ymd(2026, 2, 28)) == ymd(2026, 3, 1));  // 2026 is not a leap year
    CHECK(fr::next_day(ymd(2026, 4, 30)) == ymd(2026, 5, 1));
    CHECK(fr::next_day(ymd(2026, 6, 30)) == ymd(2026, 7, 1));
    CHECK(fr::next_day(ymd(2026, 7, 31)) == ymd(2026, 8, 1));
    CHECK(fr::next_day(ymd(2026, 12, 31)) == ymd(2027, 1, 1));
    CHECK(fr::next_day(ymd(2028, 2, 28)) == ymd(2028, 2, 29));  // 2028 is a leap year
    CHECK(fr::next_day(ymd(2028, 2, 29)) == ymd(2028, 3, 1));
    CHECK(fr::next_day(ymd(2000, 2, 28)) == ymd(2000, 2, 29));  // divisible by 400: leap
    CHECK(fr::next_day(ymd(2100, 2, 28)) == ymd(2100, 3, 1));   // divisible by 100: not leap
    CHECK(fr::next_day(ymd(1999, 12, 31)) == ymd(2000, 1, 1));
    CHECK(fr::next_day(ymd(1969, 12, 31)) == ymd(1970, 1, 1));  // across the epoch
}

TEST_CASE("next_day: walking day by day through 2026-2029 visits every day once") {
    calendar_date d = ymd(2026, 1, 1);
    int days = 0;
    int leap_days = 0;
    while (d != ymd(2030, 1, 1)) {
        REQUIRE(d.ok());
        const calendar_date n = fr::next_day(d);
        REQUIRE(n.ok());
        REQUIRE(n > d);
        REQUIRE((n - d).count() == 1);
        // Either the next day in the same month, or the 1st of the next month.
        if (n.month() == d.month()) {
            REQUIRE(static_cast<unsigned>(n.day()) == static_cast<unsigned>(d.day()) + 1U);
        } else {
            REQUIRE(n.day() == 1);
            REQUIRE(fr::next_day(d).day() == 1);
            REQUIRE(d.day() == (d.month() == 2 ? (year{d.year()}.is_leap() ? 29U : 28U)
                                               : (d.month() == 4 || d.month() == 6 || d.month() == 9 || d.month() == 11 ? 30U : 31U)));
        }
        if (d.month() == 2 && d.day() == 29) ++leap_days;
        d = n;
        ++days;
    }
    CHECK(days == 365 + 365 + 366 + 365);
    CHECK(leap_days == 1);
}

TEST_CASE("require_valid: accepts real days, throws naming the field otherwise") {
    CHECK_NOTHROW(fr::require_valid(ymd(2026, 2, 28), "d"));
    CHECK_NOTHROW(fr::require_valid(ymd(2028, 2, 29), "d"));
    CHECK_NOTHROW(fr::require_valid(ymd(2026, 12, 31), "d"));
    CHECK_NOTHROW(fr::require_valid(ymd(2000, 2, 29), "d"));

    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2026, 2, 30), "expected_date"),
                         "expected_date = 2026-02-30: is not a valid calendar date", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2027, 2, 29), "as_of"),
                         "as_of = 2027-02-29: is not a valid calendar date", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2100, 2, 29), "x"), "x = 2100-02-29: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2026, 4, 31), "x"), "x = 2026-04-31: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2026, 13, 1), "x"), "x = 2026-13-01: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2026, 0, 1), "x"), "x = 2026-00-01: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2026, 1, 0), "x"), "x = 2026-01-00: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(2026, 1, 32), "x"), "x = 2026-01-32: is not a valid calendar date",
                         fr::invalid_argument_error);
    // It is a fundround::error and a std::runtime_error.
    CHECK_THROWS_AS(fr::require_valid(ymd(2026, 2, 30), "x"), fr::error);
    CHECK_THROWS_AS(fr::require_valid(ymd(2026, 2, 30), "x"), std::runtime_error);
}

TEST_CASE("calendar_date: four bytes, constexpr, compared by year, month, day") {
    static_assert(sizeof(calendar_date) == 4);
    static_assert(std::is_trivially_copyable_v<calendar_date>);
    constexpr calendar_date close = year{2026} / 2 / 27;
    static_assert(close.year() == 2026 && close.month() == 2 && close.day() == 27);
    static_assert(close == calendar_date(year{2026}, 2, 27));
    static_assert(close.ok());
    static_assert(close.day_number() == 20511);  // days since 1970-01-01
    static_assert(calendar_date::from_day_number(20511) == close);
    static_assert(close + days{2} == year{2026} / 3 / 1);
    static_assert((year{2027} / 1 / 1 - close).count() == 308);
    CHECK(ymd(2026, 2, 27) < ymd(2026, 2, 28));
    CHECK(ymd(2026, 12, 31) < ymd(2027, 1, 1));
    CHECK(ymd(-1, 12, 31) < ymd(0, 1, 1));
    CHECK(ymd(2026, 2, 30) < ymd(2026, 3, 1));  // not real days compare too (for diagnostics)
    CHECK(ymd(2026, 2, 28) <= ymd(2026, 2, 28));
    CHECK(ymd(2026, 3, 1) > ymd(2026, 2, 28));
    CHECK(ymd(2026, 3, 1) >= ymd(2026, 2, 28));
    CHECK(ymd(2026, 3, 1) != ymd(2026, 2, 28));
    // The default is no day at all.
    CHECK_FALSE(calendar_date{}.ok());
    CHECK(calendar_date{} == ymd(0, 0, 0));
}

TEST_CASE("calendar_date: ok() follows the Gregorian leap rules") {
    CHECK(ymd(2024, 2, 29).ok());
    CHECK(ymd(2000, 2, 29).ok());
    CHECK(ymd(0, 2, 29).ok());     // year 0 (1 BC) is divisible by 400
    CHECK(ymd(-4, 2, 29).ok());    // and so is every fourth year before it
    CHECK_FALSE(ymd(1900, 2, 29).ok());
    CHECK_FALSE(ymd(-100, 2, 29).ok());
    CHECK_FALSE(ymd(2026, 2, 29).ok());
    CHECK_FALSE(ymd(2026, 4, 31).ok());
    CHECK_FALSE(ymd(2026, 13, 1).ok());
    CHECK_FALSE(ymd(2026, 0, 1).ok());
    CHECK_FALSE(ymd(2026, 1, 0).ok());
    CHECK(ymd(2026, 1, 31).ok());
    CHECK(ymd(2026, 12, 31).ok());
    CHECK_FALSE((year{2026} / 0 / 1).ok());
    CHECK_FALSE((year{2026} / 1 / 0).ok());
}

TEST_CASE("calendar_date: months and days of any integer type, each range-checked") {
    const std::size_t m = 2;
    const long d = 27;
    const std::int64_t d64 = 27;
    const unsigned char m8 = 2;
    const short d16 = 27;
    CHECK(year{2026} / m / d == ymd(2026, 2, 27));
    CHECK(year{2026} / m8 / d16 == ymd(2026, 2, 27));
    CHECK(year{2026} / 2 / d64 == ymd(2026, 2, 27));
    CHECK(calendar_date(year{2026}, m, d64) == ymd(2026, 2, 27));
    CHECK(calendar_date(year{2026}, 2U, 27L) == ymd(2026, 2, 27));
    // Negative or above 255: no calendar_date holds it, whichever way it is written.
    CHECK_THROWS_WITH_AS((void)(year{2026} / -1 / 1),
                         "month = -1: a calendar_date holds the years -32767 to 32767 and the months and days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(year{2026} / 1 / -1),
                         "day = -1: a calendar_date holds the years -32767 to 32767 and the months and days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)calendar_date(year{2026}, 2, -1),
                         "day = -1: a calendar_date holds the years -32767 to 32767 and the months and days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(year{2026} / std::size_t{4294967296} / 1),
                         "month = 4294967296: a calendar_date holds the years -32767 to 32767 and the months and days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(year{2026} / 1 / INT64_MIN),
                         "day = -9223372036854775808: a calendar_date holds the years -32767 to 32767 and the months and "
                         "days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(year{2026} / 1 / UINT64_MAX), fr::invalid_argument_error);
    CHECK(year{2026} / 255 / 255 == calendar_date(year{2026}, 255, 255));
}

TEST_CASE("days and year: comparisons, negation, compound assignment") {
    CHECK(days{2} > days{1});
    CHECK(days{1} <= days{1});
    CHECK(days{1} >= days{1});
    CHECK_FALSE(days{1} > days{2});
    CHECK(-days{5} == days{-5});
    CHECK(-days{INT64_MAX} == days{-INT64_MAX});
    CHECK_THROWS_WITH_AS((void)-days{INT64_MIN}, "days = -9223372036854775808: its negation is not an int64_t",
                         fr::invalid_argument_error);
    CHECK(year{2026} == year{2026});
    CHECK(year{2026} != year{2027});
    CHECK(year{-1} < year{0});
    calendar_date d = ymd(2026, 2, 27);
    d += days{2};
    CHECK(d == ymd(2026, 3, 1));
    d -= days{1};
    CHECK(d == ymd(2026, 2, 28));
    CHECK((d -= days{-1}) == ymd(2026, 3, 1));
}

TEST_CASE("calendar_date: what it cannot hold is an error, never wrapped") {
    CHECK_THROWS_WITH_AS(ymd(32768, 1, 1),
                         "year = 32768: a calendar_date holds the years -32767 to 32767 and the months and days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(ymd(-32768, 1, 1),
                         "year = -32768: a calendar_date holds the years -32767 to 32767 and the months and days 0 to 255",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(year{INT_MIN} / 1 / 1), fr::invalid_argument_error);
    CHECK_THROWS_AS(ymd(-32768, 1, 1), fr::invalid_argument_error);
    CHECK_THROWS_AS(ymd(2026, 256, 1), fr::invalid_argument_error);
    CHECK_THROWS_AS(ymd(2026, 1, 256), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(year{70000} / 1 / 1), fr::invalid_argument_error);
    CHECK(ymd(-32767, 1, 1) == calendar_date::min());
    CHECK(ymd(32767, 12, 31) == calendar_date::max());
    CHECK_THROWS_WITH_AS((void)calendar_date::from_day_number(calendar_date::max().day_number() + std::int64_t{1}),
                         "day number = 11248738: is outside -32767-01-01 to 32767-12-31, the days a calendar_date holds",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS((void)calendar_date::from_day_number(calendar_date::min().day_number() - std::int64_t{1}),
                    fr::invalid_argument_error);
    CHECK_THROWS_AS((void)calendar_date::from_day_number(INT64_MIN), fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(calendar_date::max() + days{1}),
                         "date = 32767-12-31 + 1 days: is outside -32767-01-01 to 32767-12-31, the days a calendar_date holds",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(calendar_date::min() - days{1}),
                         "date = -32767-01-01 - 1 days: is outside -32767-01-01 to 32767-12-31, the days a calendar_date holds",
                         fr::invalid_argument_error);
    CHECK(calendar_date::max() - days{-1 * 0} == calendar_date::max());
    CHECK(calendar_date::min() - days{-1} == ymd(-32767, 1, 2));
    CHECK_THROWS_AS((void)(ymd(2026, 1, 1) + days{INT64_MAX}), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(ymd(2026, 1, 1) + days{INT64_MIN}), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(ymd(2026, 1, 1) - days{INT64_MIN}), fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(ymd(2026, 2, 30) + days{1}), "date = 2026-02-30: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(ymd(2026, 2, 30) - ymd(2026, 1, 1)), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(ymd(2026, 1, 1) - ymd(2026, 2, 30)), fr::invalid_argument_error);
    CHECK(calendar_date::max() - days{0} == calendar_date::max());
    CHECK((calendar_date::max() - calendar_date::min()).count() == 23936165);  // 65,535 years of 365 days and 15,891 leap days, less one
}

TEST_CASE("calendar_date: day numbers over the whole range, day by day") {
    // Property: from the first day a calendar_date holds to the last, each day's number is one more
    // than the day before's, the next day is the next calendar day, and the number reads back.
    calendar_date d = calendar_date::min();
    std::int64_t n = d.day_number();
    CHECK(n == -12687428);
    std::int64_t count = 1;
    std::int64_t leap_days = 0;
    std::int64_t wrong = 0;
    while (d != calendar_date::max()) {
        const unsigned last = d.month() == 2 ? (year{d.year()}.is_leap() ? 29U : 28U)
                              : d.month() == 4 || d.month() == 6 || d.month() == 9 || d.month() == 11 ? 30U : 31U;
        const calendar_date next = d.day() < last ? ymd(d.year(), d.month(), d.day() + 1)
                                   : d.month() < 12 ? ymd(d.year(), d.month() + 1, 1)
                                                    : ymd(d.year() + 1, 1, 1);
        if (d.month() == 2 && d.day() == 29) ++leap_days;
        // Plain comparisons (a doctest assertion per day would be most of the time), counted.
        if (next.day_number() != n + 1) ++wrong;
        d = next;
        ++n;
        ++count;
        if (count % 997 == 0) {  // the slower routes, on a sample
            if (calendar_date::from_day_number(n) != d) ++wrong;
            if (fr::next_day(d - days{1}) != d) ++wrong;
            if ((d - calendar_date::min()).count() != count - 1) ++wrong;
        }
    }
    CHECK(wrong == 0);
    CHECK(count == 23936166);
    // 65,535 years: 15,891 leap years among them (every fourth, less the centuries not divisible by 400).
    CHECK(leap_days == 15891);
    CHECK(ymd(1970, 1, 1).day_number() == 0);
    CHECK(ymd(1969, 12, 31).day_number() == -1);
    CHECK(ymd(2000, 3, 1).day_number() == 11017);
    CHECK(ymd(9999, 12, 31).day_number() == 2932896);
    CHECK(calendar_date::from_day_number(0) == ymd(1970, 1, 1));
    CHECK(calendar_date::from_day_number(-1) == ymd(1969, 12, 31));
}

TEST_CASE("calendar_date: adding and subtracting days") {
    CHECK(ymd(2026, 2, 27) + days{90} == ymd(2026, 5, 28));
    CHECK(ymd(2026, 2, 27) - days{58} == ymd(2025, 12, 31));
    CHECK(ymd(2026, 2, 27) + days{-58} == ymd(2025, 12, 31));
    CHECK(ymd(2028, 2, 28) + days{1} == ymd(2028, 2, 29));
    CHECK(ymd(2026, 2, 27) + days{0} == ymd(2026, 2, 27));
    CHECK((ymd(2026, 5, 28) - ymd(2026, 2, 27)) == days{90});
    CHECK((ymd(2026, 2, 27) - ymd(2026, 5, 28)) == days{-90});
    CHECK((ymd(2034, 2, 27) - ymd(2026, 2, 27)).count() == 8 * 365 + 2);  // 2028 and 2032 are leap years
    CHECK(days{1} < days{2});
    CHECK(days{1} != days{2});
}

// Issue 9, item 8: next_day wrapped from 32767-12-31 to -32768-01-01.
TEST_CASE("next_day: never wraps; end_of_time() is the one last modelled day") {
    static_assert(fr::end_of_time() == year{9999} / 12 / 31);
    static_assert(fr::is_modelled(fr::end_of_time()));
    CHECK(fr::next_day(fr::end_of_time()) == ymd(10000, 1, 1));
    CHECK_FALSE(fr::is_modelled(ymd(10000, 1, 1)));
    CHECK_FALSE(fr::is_modelled(ymd(2026, 2, 30)));
    CHECK(fr::next_day(ymd(32767, 12, 30)) == ymd(32767, 12, 31));
    CHECK_THROWS_WITH_AS((void)fr::next_day(ymd(32767, 12, 31)),
                         "date = 32767-12-31: has no next day (the last day a calendar_date can hold)",
                         fr::invalid_argument_error);
    CHECK(fr::date_rule(ymd(10000, 1, 1)) == "is after 9999-12-31, the last day fundround models");
    CHECK(fr::date_rule(ymd(2026, 2, 30)) == "is not a valid calendar date");
    CHECK(fr::date_rule(ymd(2026, 2, 28)).empty());
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(10000, 1, 1), "x"),
                         "x = 10000-01-01: is after 9999-12-31, the last day fundround models",
                         fr::invalid_argument_error);
}

TEST_CASE("calendar_date: std::hash, consistent with ==, for unordered maps keyed by a date") {
    static_assert(std::is_nothrow_invocable_v<std::hash<calendar_date>, const calendar_date&>);
    static_assert(std::is_nothrow_default_constructible_v<std::hash<calendar_date>>);
    const std::hash<calendar_date> h;
    CHECK(h(ymd(2026, 2, 27)) == h(calendar_date(year{2026}, 2, 27)));
    CHECK(h(ymd(2026, 2, 27)) == h(ymd(2026, 2, 26) + days{1}));
    CHECK(h(ymd(2026, 2, 27)) != h(ymd(2026, 2, 28)));
    CHECK(h(ymd(2026, 2, 27)) != h(ymd(2026, 3, 27)));
    CHECK(h(ymd(2026, 2, 27)) != h(ymd(2027, 2, 27)));
    CHECK(h(ymd(-1, 1, 1)) != h(ymd(1, 1, 1)));
    CHECK(h(calendar_date::min()) != h(calendar_date::max()));
    CHECK(h(calendar_date()) == h(calendar_date(year{0}, 0, 0)));
    // Days that are not real are distinct dates (== compares year, month and day), so they are
    // distinct keys: February 30 is not March 2, although both count as day 20,514.
    REQUIRE(ymd(2026, 2, 30).day_number() == ymd(2026, 3, 2).day_number());
    REQUIRE(ymd(2026, 2, 30) != ymd(2026, 3, 2));
    CHECK(h(ymd(2026, 2, 30)) != h(ymd(2026, 3, 2)));
    // Every day of four years, and the dates around them, are distinct keys.
    std::unordered_set<calendar_date> every_day;
    for (calendar_date d = ymd(2024, 1, 1); d < ymd(2028, 1, 1); d += days{1}) every_day.insert(d);
    CHECK(every_day.size() == 1461);
    CHECK(every_day.count(ymd(2024, 2, 29)) == 1);
    CHECK(every_day.count(ymd(2025, 2, 29)) == 0);
    CHECK(every_day.count(ymd(2028, 1, 1)) == 0);
    std::unordered_map<calendar_date, int> closings;
    for (const calendar_date d : {ymd(2026, 6, 30), ymd(2026, 12, 31), ymd(2026, 6, 30), ymd(2026, 6, 30)}) ++closings[d];
    CHECK(closings.size() == 2);
    CHECK(closings[ymd(2026, 6, 30)] == 3);
    CHECK(closings[ymd(2026, 12, 31)] == 1);
}

}  // namespace test_calendar
