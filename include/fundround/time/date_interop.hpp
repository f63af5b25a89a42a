/// @file time/date_interop.hpp
/// @brief Opt-in: calendar_date to and from Howard Hinnant's date (`date::year_month_day`,
/// `date::sys_days`). Needs `date/date.h` on the include path (CMake: link `date::date`).
///
/// fundround's core has its own light calendar_date and needs no date library; include this
/// header where your code already works with date's types.
#ifndef FUNDROUND_TIME_DATE_INTEROP_HPP
#define FUNDROUND_TIME_DATE_INTEROP_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>

#include <date/date.h>

FUNDROUND_BEGIN_NAMESPACE

/// The calendar_date with @p d's year, month and day, even if @p d is not ok() (February 30
/// stays February 30); throws invalid_argument_error for year -32768, which date can hold and
/// calendar_date cannot.
[[nodiscard]] constexpr calendar_date to_calendar_date(date::year_month_day d) {
    return calendar_date(year{static_cast<int>(d.year())}, static_cast<unsigned>(d.month()),
                         static_cast<unsigned>(d.day()));
}

/// The calendar_date of day @p d; throws invalid_argument_error outside calendar_date::min() to
/// calendar_date::max().
[[nodiscard]] constexpr calendar_date to_calendar_date(date::sys_days d) {
    return calendar_date::from_day_number(d.time_since_epoch().count());
}

/// The date::year_month_day with @p d's year, month and day (as given, even if not ok()).
[[nodiscard]] constexpr date::year_month_day to_year_month_day(calendar_date d) noexcept {
    return date::year{d.year()} / date::month{d.month()} / date::day{d.day()};
}

/// The date::sys_days of @p d, a real day (ok()).
[[nodiscard]] constexpr date::sys_days to_sys_days(calendar_date d) noexcept {
    return date::sys_days{date::days{d.day_number()}};
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_DATE_INTEROP_HPP
