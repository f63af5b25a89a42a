/// @file time/calendar.hpp
/// @brief Calendar dates (Howard Hinnant's date::year_month_day) and small helpers.
#ifndef FUNDROUND_TIME_CALENDAR_HPP
#define FUNDROUND_TIME_CALENDAR_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>

#include <date/date.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

FUNDROUND_BEGIN_NAMESPACE

/// A calendar day with no time zone, such as `date::year{2026} / 2 / 27`.
using calendar_date = date::year_month_day;

namespace detail {

/// Appends the ISO 8601 text of @p d ("2026-02-27") to @p out.
inline void append_date(std::string& out, calendar_date d) {
    // Written from the back of one small buffer: day, month (two digits each), then the year's
    // magnitude (at least four digits) and its sign.
    const int y = static_cast<int>(d.year());
    const auto m = static_cast<unsigned>(d.month());
    const auto dd = static_cast<unsigned>(d.day());
    char buffer[16];
    char* p = buffer + sizeof buffer;
    const auto two = [&p](unsigned v) {
        *--p = static_cast<char>('0' + v % 10);
        *--p = static_cast<char>('0' + v / 10 % 10);
    };
    two(dd);
    *--p = '-';
    two(m);
    *--p = '-';
    auto year = static_cast<unsigned>(y < 0 ? -y : y);
    for (int digits = 0; digits < 4 || year != 0; ++digits, year /= 10) *--p = static_cast<char>('0' + year % 10);
    if (y < 0) *--p = '-';
    out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

}  // namespace detail

/// ISO 8601 text "2026-02-27".
[[nodiscard]] inline std::string to_string(calendar_date d) {
    std::string text;
    detail::append_date(text, d);
    return text;
}

/// 9999-12-31: the last day fundround models, and the day on which "in the end" is judged (a
/// world seen then knows every event). The one spelling of "end of time" in the library: every
/// date a user gives (close, expected, condition, milestone, as-of dates) must be on or before it.
[[nodiscard]] constexpr calendar_date end_of_time() noexcept {
    return calendar_date{date::year{9999}, date::month{12}, date::day{31}};
}

/// True if @p d is a real calendar day no later than end_of_time(): the dates fundround models.
[[nodiscard]] constexpr bool is_modelled(calendar_date d) noexcept { return d.ok() && d <= end_of_time(); }

/// The rule @p d breaks as a diagnostic's rule text, or "" if is_modelled(@p d).
[[nodiscard]] inline std::string date_rule(calendar_date d) {
    if (!d.ok()) return "is not a valid calendar date";
    if (end_of_time() < d) return "is after 9999-12-31, the last day fundround models";
    return {};
}

/// The day after @p d. Never wraps: throws invalid_argument_error for the last day date::year
/// can hold (32767-12-31); any date on or before end_of_time() has a next day.
[[nodiscard]] inline calendar_date next_day(calendar_date d) {
    if (d.year() == date::year::max() && d.month() == date::December && d.day() >= date::day{31}) {
        throw invalid_argument_error("date = " + to_string(d) + ": has no next day (the last day date::year can hold)");
    }
    return calendar_date{date::sys_days{d} + date::days{1}};
}

namespace detail {
/// Throws the invalid_argument_error of require_valid() (cold path, out of line).
FUNDROUND_COLD inline void throw_invalid_date(calendar_date d, std::string_view field) {
    throw invalid_argument_error(concat({field, " = ", to_string(d), ": ", date_rule(d)}));
}

// Days since 1970-01-01 of a date the caller checked with is_modelled().
[[nodiscard]] inline std::int32_t day_number(calendar_date d) noexcept {
    return static_cast<std::int32_t>(date::sys_days{d}.time_since_epoch().count());
}
}  // namespace detail

/// Throws invalid_argument_error naming @p field unless is_modelled(@p d): a real calendar day
/// on or before end_of_time().
inline void require_valid(calendar_date d, std::string_view field) {
    if (!is_modelled(d)) detail::throw_invalid_date(d, field);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_CALENDAR_HPP
