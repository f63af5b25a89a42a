// Unit tests for fundround/time/calendar.hpp: ISO text, next_day, require_valid.
#include <fundround/time/calendar.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <type_traits>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_calendar {

namespace fr = fundround;
using fr::calendar_date;
using namespace date::literals;

namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) { return date::year{y} / date::month{m} / date::day{dd}; }

}  // namespace

TEST_CASE("to_string: ISO 8601 with zero-padded month and day") {
    CHECK(fr::to_string(date::year{2026} / 2 / 27) == "2026-02-27");
    CHECK(fr::to_string(2026_y / jan / 1) == "2026-01-01");
    CHECK(fr::to_string(2026_y / sep / 9) == "2026-09-09");
    CHECK(fr::to_string(2026_y / oct / 10) == "2026-10-10");
    CHECK(fr::to_string(2026_y / dec / 31) == "2026-12-31");
    CHECK(fr::to_string(2028_y / feb / 29) == "2028-02-29");
    CHECK(fr::to_string(ymd(1970, 1, 1)) == "1970-01-01");
    CHECK(fr::to_string(ymd(9999, 12, 31)) == "9999-12-31");
    CHECK(fr::to_string(ymd(2000, 1, 10)) == "2000-01-10");
}

TEST_CASE("to_string: invalid dates are shown as written (for diagnostics)") {
    CHECK(fr::to_string(ymd(2026, 2, 30)) == "2026-02-30");
    CHECK(fr::to_string(ymd(2026, 13, 1)) == "2026-13-01");
    CHECK(fr::to_string(ymd(2026, 0, 0)) == "2026-00-00");
    CHECK(fr::to_string(ymd(2027, 2, 29)) == "2027-02-29");
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
        REQUIRE((date::sys_days{n} - date::sys_days{d}).count() == 1);
        // Either the next day in the same month, or the 1st of the next month.
        if (n.month() == d.month()) {
            REQUIRE(static_cast<unsigned>(n.day()) == static_cast<unsigned>(d.day()) + 1U);
        } else {
            REQUIRE(n.day() == date::day{1});
            REQUIRE(d == d.year() / d.month() / date::last);
        }
        if (d.month() == date::feb && d.day() == date::day{29}) ++leap_days;
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

TEST_CASE("calendar_date is date::year_month_day") {
    static_assert(std::is_same_v<calendar_date, date::year_month_day>);
    CHECK(date::year{2026} / 2 / 27 == 2026_y / feb / 27);
    CHECK(ymd(2026, 2, 27) < ymd(2026, 2, 28));
    CHECK(ymd(2026, 12, 31) < ymd(2027, 1, 1));
}

// Issue 9, item 8: next_day wrapped from 32767-12-31 to -32768-01-01.
TEST_CASE("next_day: never wraps; end_of_time() is the one last modelled day") {
    static_assert(fr::end_of_time() == date::year{9999} / 12 / 31);
    static_assert(fr::is_modelled(fr::end_of_time()));
    CHECK(fr::next_day(fr::end_of_time()) == ymd(10000, 1, 1));
    CHECK_FALSE(fr::is_modelled(ymd(10000, 1, 1)));
    CHECK_FALSE(fr::is_modelled(ymd(2026, 2, 30)));
    CHECK(fr::next_day(ymd(32767, 12, 30)) == ymd(32767, 12, 31));
    CHECK_THROWS_WITH_AS((void)fr::next_day(ymd(32767, 12, 31)),
                         "date = 32767-12-31: has no next day (the last day date::year can hold)",
                         fr::invalid_argument_error);
    CHECK(fr::date_rule(ymd(10000, 1, 1)) == "is after 9999-12-31, the last day fundround models");
    CHECK(fr::date_rule(ymd(2026, 2, 30)) == "is not a valid calendar date");
    CHECK(fr::date_rule(ymd(2026, 2, 28)).empty());
    CHECK_THROWS_WITH_AS(fr::require_valid(ymd(10000, 1, 1), "x"),
                         "x = 10000-01-01: is after 9999-12-31, the last day fundround models",
                         fr::invalid_argument_error);
}

}  // namespace test_calendar
