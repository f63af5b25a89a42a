/// @file time/calendar.hpp
/// @brief Calendar dates (Howard Hinnant's date::year_month_day) and small helpers.
#ifndef FUNDROUND_TIME_CALENDAR_HPP
#define FUNDROUND_TIME_CALENDAR_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>

#include <date/date.h>

#include <string>

FUNDROUND_BEGIN_NAMESPACE

/// A calendar day with no time zone, such as `date::year{2026} / 2 / 27`.
using calendar_date = date::year_month_day;

/// ISO 8601 text "2026-02-27".
[[nodiscard]] inline std::string to_string(calendar_date d) {
    const int y = static_cast<int>(d.year());
    const auto m = static_cast<unsigned>(d.month());
    const auto dd = static_cast<unsigned>(d.day());
    std::string year = std::to_string(y < 0 ? -y : y);
    if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
    std::string text = (y < 0 ? "-" : "") + year + "-";
    if (m < 10) text += "0";
    text += std::to_string(m) + "-";
    if (dd < 10) text += "0";
    text += std::to_string(dd);
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

/// Throws invalid_argument_error naming @p field unless is_modelled(@p d): a real calendar day
/// on or before end_of_time().
inline void require_valid(calendar_date d, const std::string& field) {
    if (is_modelled(d)) return;
    throw invalid_argument_error(field + " = " + to_string(d) + ": " + date_rule(d));
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_CALENDAR_HPP
