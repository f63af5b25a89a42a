// Unit tests for fundround/time/date_interop.hpp: calendar_date to and from Howard Hinnant's date.
#include <fundround/time/date_interop.hpp>

#include <doctest/doctest.h>

#include <cstdint>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_date_interop {

namespace fr = fundround;
using fr::calendar_date;

TEST_CASE("date_interop: year_month_day both ways, as written") {
    using namespace date::literals;
    static_assert(fr::to_calendar_date(2026_y / feb / 27) == fr::year{2026} / 2 / 27);
    static_assert(fr::to_year_month_day(fr::year{2026} / 2 / 27) == 2026_y / feb / 27);
    // Days that are not real pass through both ways, for diagnostics.
    CHECK(fr::to_calendar_date(2026_y / feb / 30) == fr::year{2026} / 2 / 30);
    CHECK(fr::to_year_month_day(fr::year{2026} / 2 / 30) == 2026_y / feb / 30);
    CHECK(fr::to_calendar_date(date::year::min() / 1 / 1) == calendar_date::min());
    CHECK(fr::to_calendar_date(date::year::max() / 12 / 31) == calendar_date::max());
    // date can hold year -32768 (not ok()); a calendar_date cannot.
    CHECK_THROWS_AS((void)fr::to_calendar_date(date::year{-32768} / 1 / 1), fr::invalid_argument_error);
}

TEST_CASE("date_interop: day numbers agree with date's over the whole range") {
    // Property: fundround's civil-day arithmetic against date's (an independent implementation),
    // every 7th day from the first day a calendar_date holds to the last, and the last.
    const std::int64_t lo = calendar_date::min().day_number();
    const std::int64_t hi = calendar_date::max().day_number();
    CHECK(date::sys_days{date::days{lo}} == date::sys_days{date::year::min() / 1 / 1});
    CHECK(date::sys_days{date::days{hi}} == date::sys_days{date::year::max() / 12 / 31});
    std::int64_t checked = 0;
    std::int64_t wrong = 0;  // plain comparisons, counted (a doctest assertion each would be most of the time)
    for (std::int64_t n = lo;; n = n + 7 > hi && n != hi ? hi : n + 7) {
        const date::sys_days theirs{date::days{n}};
        const calendar_date ours = calendar_date::from_day_number(n);
        if (fr::to_year_month_day(ours) != date::year_month_day{theirs}) ++wrong;
        if (fr::to_calendar_date(theirs) != ours) ++wrong;
        if (fr::to_sys_days(ours) != theirs) ++wrong;
        if (ours.day_number() != n) ++wrong;
        ++checked;
        if (n == hi) break;
    }
    CHECK(wrong == 0);
    CHECK(checked == (hi - lo) / 7 + 2);
}

}  // namespace test_date_interop
