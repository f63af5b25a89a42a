/// @file time/calendar.hpp
/// @brief Calendar dates: `calendar_date` (`year{2026} / 2 / 27`), day counts and small helpers.
///
/// fundround's own light day type of the proleptic Gregorian calendar, with no time zone and no
/// time of day. It needs no other library; `time/date_interop.hpp` converts to and from Howard
/// Hinnant's date (`date::year_month_day`, `date::sys_days`) for those who use it.
#ifndef FUNDROUND_TIME_CALENDAR_HPP
#define FUNDROUND_TIME_CALENDAR_HPP

#include <fundround/config.hpp>
#include <fundround/detail/digits.hpp>
#include <fundround/error.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>

FUNDROUND_BEGIN_NAMESPACE

/// A number of days: the difference of two dates (`b - a`) or a step added to one (`d + days{90}`).
class days {
public:
    /// @p count days (negative: earlier).
    constexpr explicit days(std::int64_t count) noexcept : count_(count) {}
    /// The number of days.
    [[nodiscard]] constexpr std::int64_t count() const noexcept { return count_; }
    /// True if both count the same days.
    [[nodiscard]] friend constexpr bool operator==(days a, days b) noexcept { return a.count_ == b.count_; }
    /// True unless @p a == @p b.
    [[nodiscard]] friend constexpr bool operator!=(days a, days b) noexcept { return a.count_ != b.count_; }
    /// True if @p a is fewer days than @p b.
    [[nodiscard]] friend constexpr bool operator<(days a, days b) noexcept { return a.count_ < b.count_; }
    /// True if @p a is more days than @p b.
    [[nodiscard]] friend constexpr bool operator>(days a, days b) noexcept { return b.count_ < a.count_; }
    /// True unless @p a is more days than @p b.
    [[nodiscard]] friend constexpr bool operator<=(days a, days b) noexcept { return !(b.count_ < a.count_); }
    /// True unless @p a is fewer days than @p b.
    [[nodiscard]] friend constexpr bool operator>=(days a, days b) noexcept { return !(a.count_ < b.count_); }
    /// The same number of days the other way; throws invalid_argument_error for
    /// days{INT64_MIN}, whose negation no int64_t holds.
    [[nodiscard]] friend constexpr days operator-(days a) {
        if (a.count_ == INT64_MIN) throw_no_negation();
        return days{-a.count_};
    }

private:
    FUNDROUND_COLD static void throw_no_negation() {
        throw invalid_argument_error("days = -9223372036854775808: its negation is not an int64_t");
    }

private:
    std::int64_t count_;
};

/// A year of the proleptic Gregorian calendar: the start of `year{2026} / 2 / 27`.
class year {
public:
    /// The year @p value (negative years count back from year 0, as ISO 8601 does).
    constexpr explicit year(int value) noexcept : value_(value) {}
    /// The year as an int.
    [[nodiscard]] constexpr int value() const noexcept { return value_; }
    /// True for a leap year: divisible by 4, and by 400 if by 100.
    [[nodiscard]] constexpr bool is_leap() const noexcept {
        return value_ % 4 == 0 && (value_ % 100 != 0 || value_ % 400 == 0);
    }
    /// True if both are the same year.
    [[nodiscard]] friend constexpr bool operator==(year a, year b) noexcept { return a.value_ == b.value_; }
    /// True unless @p a == @p b.
    [[nodiscard]] friend constexpr bool operator!=(year a, year b) noexcept { return a.value_ != b.value_; }
    /// True if @p a is an earlier year than @p b.
    [[nodiscard]] friend constexpr bool operator<(year a, year b) noexcept { return a.value_ < b.value_; }

private:
    int value_;
};

namespace detail {

/// Throws invalid_argument_error for a year, month or day no calendar_date can hold (cold path):
/// "@p field = -1: ...", the value as written.
FUNDROUND_COLD inline void throw_unholdable(std::string_view field, bool negative, std::uint64_t magnitude) {
    throw invalid_argument_error(concat({field, " = ", negative ? "-" : "", digits(magnitude),
                                         ": a calendar_date holds the years -32767 to 32767 and the months and "
                                         "days 0 to 255"}));
}

/// @p v, a month or a day of any integer type, as the byte a calendar_date holds; throws
/// invalid_argument_error naming @p field below 0 or above 255.
template <class Int>
[[nodiscard]] constexpr unsigned date_field(Int v, std::string_view field) {
    static_assert(std::is_integral_v<Int>, "a month or a day is an integer");
    if constexpr (std::is_signed_v<Int>) {
        if (v < 0) throw_unholdable(field, true, 0 - static_cast<std::uint64_t>(v));
    }
    if (static_cast<std::uint64_t>(v) > 255U) throw_unholdable(field, false, static_cast<std::uint64_t>(v));
    return static_cast<unsigned>(v);
}

}  // namespace detail

/// A year and a month, `year{2026} / 2`: the middle step of `year{2026} / 2 / 27`.
class year_month {
public:
    /// Month @p month (1 to 12 for a real month; any integer type) of @p y; throws
    /// invalid_argument_error for a month below 0 or above 255, which no calendar_date holds.
    template <class Int>
    constexpr year_month(fundround::year y, Int month) : year_(y), month_(detail::date_field(month, "month")) {}
    /// The year.
    [[nodiscard]] constexpr fundround::year year() const noexcept { return year_; }
    /// The month, 1 to 12 for a real month.
    [[nodiscard]] constexpr unsigned month() const noexcept { return month_; }

private:
    fundround::year year_;
    unsigned month_;
};

/// `year{2026} / 2`: month 2 of 2026, the month of any integer type (one outside 1-12 but within
/// 0-255 makes a date that is not ok(); beyond that, invalid_argument_error).
template <class Int, std::enable_if_t<std::is_integral_v<Int>, int> = 0>
[[nodiscard]] constexpr year_month operator/(year y, Int month) {
    return year_month(y, month);
}

namespace detail {

/// The last day of month @p m (1-12) of year @p y.
[[nodiscard]] constexpr unsigned last_day_of_month(int y, unsigned m) noexcept {
    constexpr unsigned char lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && year(y).is_leap() ? 29U : lengths[m - 1];
}

/// Days from 1970-01-01 to day @p d of month @p m (1-12) of year @p y, by the proleptic
/// Gregorian calendar's 400-year cycle of 146,097 days, years counted from March.
[[nodiscard]] constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    if (m <= 2) --y;                                             // January and February end the year
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;      // the 400-year cycle
    const std::int64_t year_of_era = y - era * 400;              // 0-399
    const std::int64_t month_from_march = m > 2 ? m - 3 : m + 9;  // 0-11
    const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + d - 1;  // 0-365
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;  // 719,468 days from 0000-03-01 to 1970-01-01
}

/// The year, month and day of day number @p n (days since 1970-01-01): days_from_civil() inverted.
struct civil_day {
    std::int64_t year;  ///< The year.
    unsigned month;     ///< 1-12.
    unsigned day;       ///< 1-31.
};
/// The civil day of day number @p n; the inverse of days_from_civil().
[[nodiscard]] constexpr civil_day civil_from_days(std::int64_t n) noexcept {
    n += 719468;
    const std::int64_t era = (n >= 0 ? n : n - 146096) / 146097;
    const std::int64_t day_of_era = n - era * 146097;  // 0-146096
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // 0-399
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;  // 0-11
    const auto day = static_cast<unsigned>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    const auto month = static_cast<unsigned>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    return civil_day{year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

/// Appends the ISO 8601 text of year @p y, @p month, @p day ("2026-02-27") to @p out; a month or
/// day above 99 is written in full ("2026-02-130"), so a date that is not real still reads as
/// given.
inline void append_date(std::string& out, std::int64_t y, unsigned month, unsigned day) {
    // Written from the back of one small buffer: day, month (at least two digits each), then the
    // year's magnitude (at least four digits) and its sign.
    char buffer[48];  // sign, 19 digits of year, 10 each of month and day, two dashes
    char* p = buffer + sizeof buffer;
    const auto field = [&p](std::uint64_t v, int width) {
        char* const end = p;
        p = write_digits_backward(p, v);
        while (end - p < width) *--p = '0';
    };
    field(day, 2);
    *--p = '-';
    field(month, 2);
    *--p = '-';
    field(y < 0 ? 0 - static_cast<std::uint64_t>(y) : static_cast<std::uint64_t>(y), 4);
    if (y < 0) *--p = '-';
    out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

}  // namespace detail

/// A calendar day with no time zone, such as `year{2026} / 2 / 27`
/// or `calendar_date(year{2026}, 2, 27)`.
///
/// Any year from -32767 to 32767 with a month and a day up to 255 can be written, so that a
/// builder can report `year{2026} / 2 / 30` among its other problems: ok() says whether it is a
/// real day. Four bytes: one 32-bit code ordered as the dates are (year, month, day), so that
/// comparing two dates is comparing two integers.
class calendar_date {
public:
    /// 0000-00-00: not a real day (ok() is false), the state of a date not set yet.
    constexpr calendar_date() noexcept = default;
    /// Day @p day of month @p month of @p y (month and day of any integer type); throws
    /// invalid_argument_error if the year is outside -32767 to 32767 or the month or day outside
    /// 0 to 255 (a day that is merely not real, such as February 30, is held: ok() is false).
    template <class Month, class Day>
    constexpr calendar_date(fundround::year y, Month month, Day day)
        : code_(encode(hold_year(y.value()), detail::date_field(month, "month"), detail::date_field(day, "day"))) {}

    /// The first day of year -32767, the earliest a calendar_date holds.
    [[nodiscard]] static constexpr calendar_date min() noexcept { return calendar_date(-32767, 1, 1, 0); }
    /// 32767-12-31, the last day a calendar_date holds.
    [[nodiscard]] static constexpr calendar_date max() noexcept { return calendar_date(32767, 12, 31, 0); }

    /// The date of day number @p n (days since 1970-01-01, negative before); throws
    /// invalid_argument_error outside min() to max().
    [[nodiscard]] static constexpr calendar_date from_day_number(std::int64_t n) {
        if (n < min().day_number() || n > max().day_number()) throw_out_of_range(n);
        const detail::civil_day c = detail::civil_from_days(n);
        return calendar_date(static_cast<int>(c.year), c.month, c.day, 0);
    }

    /// The year.
    [[nodiscard]] constexpr int year() const noexcept { return static_cast<int>(code_ >> 16) - year_bias; }
    /// The month, 1 to 12 for a real day.
    [[nodiscard]] constexpr unsigned month() const noexcept { return code_ >> 8 & 0xFFU; }
    /// The day of the month, from 1 for a real day.
    [[nodiscard]] constexpr unsigned day() const noexcept { return code_ & 0xFFU; }

    /// True if this is a real day of the calendar (February 29 in leap years only).
    [[nodiscard]] constexpr bool ok() const noexcept {
        const unsigned m = month();
        const unsigned d = day();
        return m >= 1 && m <= 12 && d >= 1 && d <= detail::last_day_of_month(year(), m);
    }

    /// Days since 1970-01-01 (negative before), for a real day (ok()).
    [[nodiscard]] constexpr std::int32_t day_number() const noexcept {
        return static_cast<std::int32_t>(detail::days_from_civil(year(), month(), day()));
    }

    /// True if both are the same year, month and day.
    [[nodiscard]] friend constexpr bool operator==(calendar_date a, calendar_date b) noexcept {
        return a.key() == b.key();
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend constexpr bool operator!=(calendar_date a, calendar_date b) noexcept {
        return a.key() != b.key();
    }
    /// True if @p a comes before @p b (by year, then month, then day).
    [[nodiscard]] friend constexpr bool operator<(calendar_date a, calendar_date b) noexcept {
        return a.key() < b.key();
    }
    /// True if @p a comes after @p b.
    [[nodiscard]] friend constexpr bool operator>(calendar_date a, calendar_date b) noexcept { return b < a; }
    /// True unless @p a comes after @p b.
    [[nodiscard]] friend constexpr bool operator<=(calendar_date a, calendar_date b) noexcept { return !(b < a); }
    /// True unless @p a comes before @p b.
    [[nodiscard]] friend constexpr bool operator>=(calendar_date a, calendar_date b) noexcept { return !(a < b); }

    /// The day @p n days after @p d (before, if negative); throws invalid_argument_error if @p d
    /// is not a real day or the result is outside min() to max().
    [[nodiscard]] friend constexpr calendar_date operator+(calendar_date d, days n) {
        if (!d.ok()) throw_not_real(d);
        const std::int64_t from = d.day_number();
        // Both bounds are within ±12 million days: comparing before adding cannot overflow.
        if (n.count() > max().day_number() - from || n.count() < min().day_number() - from) {
            throw_out_of_range(d, n, " + ");
        }
        return from_day_number(from + n.count());
    }
    /// The day @p n days before @p d (after, if negative); throws invalid_argument_error if @p d
    /// is not a real day or the result is outside min() to max().
    [[nodiscard]] friend constexpr calendar_date operator-(calendar_date d, days n) {
        if (!d.ok()) throw_not_real(d);
        const std::int64_t from = d.day_number();
        if (n.count() > from - min().day_number() || n.count() < from - max().day_number()) {
            throw_out_of_range(d, n, " - ");
        }
        return from_day_number(from - n.count());
    }
    /// `d = d + n`.
    constexpr calendar_date& operator+=(days n) { return *this = *this + n; }
    /// `d = d - n`.
    constexpr calendar_date& operator-=(days n) { return *this = *this - n; }
    /// The days from @p from to @p to (negative if @p to comes first); throws
    /// invalid_argument_error if either is not a real day.
    [[nodiscard]] friend constexpr days operator-(calendar_date to, calendar_date from) {
        if (!to.ok()) throw_not_real(to);
        if (!from.ok()) throw_not_real(from);
        return days{std::int64_t{to.day_number()} - from.day_number()};
    }

private:
    constexpr calendar_date(int y, unsigned m, unsigned d, int /*checked*/) noexcept
        : code_(encode(y, m, d)) {}

    static constexpr int hold_year(int y) {
        if (y < -32767 || y > 32767) {
            detail::throw_unholdable("year", y < 0, y < 0 ? 0 - static_cast<std::uint64_t>(y) : static_cast<std::uint64_t>(y));
        }
        return y;
    }
    // The year biased to be positive, the month and the day, 16, 8 and 8 bits: ordered as dates.
    static constexpr int year_bias = 32768;
    static constexpr std::uint32_t encode(int y, unsigned m, unsigned d) noexcept {
        return static_cast<std::uint32_t>(y + year_bias) << 16 | m << 8 | d;
    }
    [[nodiscard]] constexpr std::uint32_t key() const noexcept { return code_; }
    [[nodiscard]] std::string text() const {
        std::string out;
        detail::append_date(out, year(), month(), day());
        return out;
    }
    FUNDROUND_COLD static void throw_out_of_range(std::int64_t n) {
        throw invalid_argument_error(detail::concat({"day number = ", detail::signed_digits(n),
                                                     ": is outside -32767-01-01 to 32767-12-31, the days a "
                                                     "calendar_date holds"}));
    }
    FUNDROUND_COLD static void throw_out_of_range(calendar_date d, days n, std::string_view op) {
        throw invalid_argument_error(detail::concat({"date = ", d.text(), op, detail::signed_digits(n.count()),
                                                     " days: is outside -32767-01-01 to 32767-12-31, the days "
                                                     "a calendar_date holds"}));
    }
    FUNDROUND_COLD static void throw_not_real(calendar_date d) {
        throw invalid_argument_error(detail::concat({"date = ", d.text(), ": is not a valid calendar date"}));
    }

    std::uint32_t code_ = encode(0, 0, 0);
};

/// `year{2026} / 2 / 27`: day 27 of February 2026, the day of any integer type (see
/// calendar_date's constructor).
template <class Int, std::enable_if_t<std::is_integral_v<Int>, int> = 0>
[[nodiscard]] constexpr calendar_date operator/(year_month ym, Int day) {
    return calendar_date(ym.year(), ym.month(), day);
}


namespace detail {
/// Appends the ISO 8601 text of @p d ("2026-02-27") to @p out.
inline void append_date(std::string& out, calendar_date d) { append_date(out, d.year(), d.month(), d.day()); }
}  // namespace detail

/// ISO 8601 text "2026-02-27".
[[nodiscard]] inline std::string to_string(calendar_date d) {
    std::string text;
    detail::append_date(text, d);
    return text;
}

/// Writes the ISO 8601 text "2026-02-27" (any narrow output stream; needs `<ostream>` to use).
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, calendar_date d) {
    return os << to_string(d);
}

/// 9999-12-31: the last day fundround models, and the day on which "in the end" is judged (a
/// world seen then knows every event). The one spelling of "end of time" in the library: every
/// date a user gives (close, expected, condition, milestone, as-of dates) must be on or before it.
[[nodiscard]] constexpr calendar_date end_of_time() noexcept { return year{9999} / 12U / 31U; }

/// True if @p d is a real calendar day no later than end_of_time(): the dates fundround models.
[[nodiscard]] constexpr bool is_modelled(calendar_date d) noexcept { return d.ok() && d <= end_of_time(); }

/// The rule @p d breaks as a diagnostic's rule text, or "" if is_modelled(@p d).
[[nodiscard]] inline std::string date_rule(calendar_date d) {
    if (!d.ok()) return "is not a valid calendar date";
    if (end_of_time() < d) return "is after 9999-12-31, the last day fundround models";
    return {};
}

/// The day after @p d. Never wraps: throws invalid_argument_error for calendar_date::max()
/// (32767-12-31) and a day that is not real; any date on or before end_of_time() has a next day.
[[nodiscard]] inline calendar_date next_day(calendar_date d) {
    if (d == calendar_date::max()) {
        throw invalid_argument_error(detail::concat({"date = ", to_string(d),
                                             ": has no next day (the last day a calendar_date can hold)"}));
    }
    return d + days{1};
}

namespace detail {
/// Throws the invalid_argument_error of require_valid() (cold path, out of line).
FUNDROUND_COLD inline void throw_invalid_date(calendar_date d, std::string_view field) {
    throw invalid_argument_error(concat({field, " = ", to_string(d), ": ", date_rule(d)}));
}

// Days since 1970-01-01 of a date the caller checked with is_modelled().
[[nodiscard]] constexpr std::int32_t day_number(calendar_date d) noexcept { return d.day_number(); }
}  // namespace detail

/// Throws invalid_argument_error naming @p field unless is_modelled(@p d): a real calendar day
/// on or before end_of_time().
inline void require_valid(calendar_date d, std::string_view field) {
    if (!is_modelled(d)) detail::throw_invalid_date(d, field);
}

FUNDROUND_END_NAMESPACE

namespace std {
/// Hash of a date: its year, month and day (any date, real or not), mixed, for
/// std::unordered_map and friends.
template <>
struct hash<fundround::calendar_date> {
    /// The hash value of @p d; equal dates hash equally.
    [[nodiscard]] std::size_t operator()(fundround::calendar_date d) const noexcept {
        // The year biased to be positive, the month and the day, 16, 8 and 8 bits: one code per
        // date.
        std::uint64_t h = (std::uint64_t{static_cast<std::uint32_t>(d.year() + 32768)} << 16 | d.month() << 8 | d.day()) *
                          0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
        return static_cast<std::size_t>(h);
    }
};
}  // namespace std

#endif  // FUNDROUND_TIME_CALENDAR_HPP
