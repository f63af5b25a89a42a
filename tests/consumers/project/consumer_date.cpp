// The optional component fundround::date, built against fundround the way users build against it:
// calendar_date to and from Howard Hinnant's date (<fundround/time/date_interop.hpp>, date::date).
// It exits non-zero unless the reference round's close date converts both ways exactly.
#include <fundround/time/calendar.hpp>
#include <fundround/time/date_interop.hpp>

#include <date/date.h>

#include <exception>
#include <iostream>

int main() {
    using namespace fundround;
    using namespace date::literals;

    try {
        const calendar_date close = year{2026} / 2 / 27;
        int failures = 0;
        if (to_year_month_day(close) != 2026_y / date::feb / 27 ||
            to_calendar_date(date::sys_days{2026_y / date::feb / 27}) != close ||
            to_calendar_date(to_sys_days(close)) != close) {
            std::cerr << "consumer_date: " << to_string(close) << " does not convert both ways to date's types\n";
            ++failures;
        }
        std::cout << "consumer_date: " << to_string(close) << " is date's " << to_year_month_day(close)
                  << ", day " << to_sys_days(close).time_since_epoch().count() << " since 1970-01-01\n";
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "consumer_date: " << e.what() << '\n';
        return 1;
    }
}
