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
inline std::string to_string(calendar_date d) {
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

/// The day after @p d.
inline calendar_date next_day(calendar_date d) {
    return calendar_date{date::sys_days{d} + date::days{1}};
}

/// 9999-12-31: the day on which "in the end" is judged (a world seen then knows every event).
inline calendar_date end_of_time() { return date::year{9999} / 12 / 31; }

/// Throws invalid_argument_error naming @p field unless @p d is a real calendar day.
inline void require_valid(calendar_date d, const std::string& field) {
    if (!d.ok()) {
        throw invalid_argument_error(field + " = " + to_string(d) + ": is not a valid calendar date");
    }
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_CALENDAR_HPP
