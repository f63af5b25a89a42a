/// @file time/installments.hpp
/// @brief Installment schedules: equal payments monthly, quarterly, semiannually or yearly,
/// month-end safe, with the total split exactly in whole minor units.
#ifndef FUNDROUND_TIME_INSTALLMENTS_HPP
#define FUNDROUND_TIME_INSTALLMENTS_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/money_format.hpp>


#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How often an installment falls due: every 1, 3, 6 or 12 months.
enum class frequency {
    monthly,     ///< Every month.
    quarterly,   ///< Every three months.
    semiannual,  ///< Every six months.
    yearly       ///< Every twelve months.
};

namespace detail {
/// frequency's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view frequency_names[] = {"monthly", "quarterly", "semiannual", "yearly"};
}  // namespace detail

/// The frequency's name as written in code, e.g. "quarterly".
[[nodiscard]] constexpr std::string_view to_string(frequency f) noexcept {
    switch (f) {
        case frequency::monthly: return "monthly";
        case frequency::quarterly: return "quarterly";
        case frequency::semiannual: return "semiannual";
        case frequency::yearly: return "yearly";
    }
    return "unknown";
}

/// The number of months in one period of @p f: 1, 3, 6 or 12; throws on an unknown value.
[[nodiscard]] inline int months_per_period(frequency f) {
    switch (f) {
        case frequency::monthly: return 1;
        case frequency::quarterly: return 3;
        case frequency::semiannual: return 6;
        case frequency::yearly: return 12;
    }
    detail::throw_unknown_enum("frequency", f, detail::frequency_names);
}

/// One payment of an installment schedule: the day it is due and its amount.
struct installment {
    calendar_date date;  ///< The day the payment falls due.
    money amount;        ///< The amount paid that day.

    /// True if both the date and the amount are equal.
    [[nodiscard]] friend bool operator==(const installment& a, const installment& b) noexcept {
        return a.date == b.date && a.amount == b.amount;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const installment& a, const installment& b) noexcept {
        return !(a == b);
    }
};

namespace detail {

/// Months since year 0 of the first day of @p d's month (year * 12 + month - 1).
[[nodiscard]] inline std::int64_t month_index(calendar_date d) {
    return std::int64_t{static_cast<int>(d.year())} * 12 +
           static_cast<std::int64_t>(static_cast<unsigned>(d.month())) - 1;
}

/// add_months() with a 64-bit month count; @p what names the caller in messages.
[[nodiscard]] inline calendar_date add_months_checked(calendar_date anchor, std::int64_t months,
                                 const std::string& what) {
    require_valid(anchor, what + ": anchor");
    const std::int64_t min_index = month_index(calendar_date::min());
    const std::int64_t max_index = month_index(end_of_time());  // the one horizon
    const std::int64_t start = month_index(anchor);
    if (months > max_index - start || months < min_index - start) {
        throw invalid_argument_error(what + ": " + to_string(anchor) + " + " +
                                     detail::signed_digits(months) + " months: is outside the years "
                                     "fundround models (up to 9999-12-31)");
    }
    const std::int64_t target = start + months;  // within the years a calendar_date holds
    const std::int64_t target_year = (target >= 0 ? target : target - 11) / 12;
    const auto target_month = static_cast<unsigned>(target - target_year * 12 + 1);
    const unsigned last_day = last_day_of_month(static_cast<int>(target_year), target_month);
    return year{static_cast<int>(target_year)} / target_month / (anchor.day() < last_day ? anchor.day() : last_day);
}

/// Appends to @p out the problems of @p total as a schedule's total: not positive, or not a
/// whole number of minor units.
inline void installment_total_problems(money total, std::vector<diagnostic>& out) {
    if (!total.is_positive()) {
        out.push_back({field_path("total"), to_string(total), "must be positive"});
        return;
    }
    money::rep step = money::units_per_major;
    for (int i = 0; i < total.currency().minor_digits(); ++i) step /= 10;
    if (total.units() % step != 0) {
        out.push_back({field_path("total"), to_string(total),
                       "must be a whole number of minor units (" +
                           to_string(money::from_units(step, total.currency())) + ")"});
    }
}

/// Throws for @p problems of @p what, if any: invalid_argument_error with the message
/// "what: field = value: rule" for one problem, every problem listed ("what: N problems" and
/// one line each, as validation_error) for several.
inline void throw_installment_problems(const std::string& what, const std::vector<diagnostic>& problems) {
    if (problems.empty()) return;
    if (problems.size() == 1) throw invalid_argument_error(what + ": " + problems.front().message());
    throw invalid_argument_error(join_diagnostics(what, problems));
}

/// Appends to @p out a problem for an unknown frequency @p f (one not in the enum).
inline void frequency_problems(frequency f, std::vector<diagnostic>& out) {
    detail::check_known_enum(out, field_path("frequency"), f, detail::frequency_names);
}

/// Appends to @p out a problem for a date @p d (named @p field) that is not a valid calendar
/// date or is after 9999-12-31.
inline void schedule_date_problems(calendar_date d, const char* field, std::vector<diagnostic>& out) {
    if (!is_modelled(d)) out.push_back({field_path(field), to_string(d), date_rule(d)});
}

/// The split rule shared by installments() and installments_between() (@p total checked).
[[nodiscard]] inline std::vector<money> split_installments(money total, std::size_t count) {
    money::rep step = money::units_per_major;
    for (int i = 0; i < total.currency().minor_digits(); ++i) step /= 10;
    const money minor_unit = money::from_units(step, total.currency());
    return allocate(total, std::vector<std::int64_t>(count, 1), minor_unit);
}

/// Pairs the dates first + k periods with @p amounts.
[[nodiscard]] inline std::vector<installment> build_installments(
    const std::vector<money>& amounts, calendar_date first, int period,
    const std::string& what) {
    std::vector<installment> out;
    out.reserve(amounts.size());
    for (std::size_t k = 0; k < amounts.size(); ++k) {
        const std::int64_t offset = static_cast<std::int64_t>(k) * period;
        out.push_back(installment{add_months_checked(first, offset, what), amounts[k]});
    }
    return out;
}

}  // namespace detail

/// @p anchor moved by @p months (may be negative), month-end safe: the day is the anchor's day,
/// or the last day of the target month if that is earlier (Jan 31 + 1 month = Feb 28 or 29,
/// Jan 31 + 2 months = Mar 31). Throws invalid_argument_error for an invalid anchor.
[[nodiscard]] inline calendar_date add_months(calendar_date anchor, int months) {
    return detail::add_months_checked(anchor, months, "add_months");
}

/// @p count equal payments of @p total, the k-th on add_months(first, k * months of @p f),
/// split exactly in whole minor units with the larger parts first (they differ by at most one
/// minor unit and sum to @p total). Throws invalid_argument_error naming every problem at once:
/// @p count 0 or above 10^6, a last date after 9999-12-31, @p total not positive or not a whole
/// number of minor units, @p first not a valid date, an unknown @p f.
[[nodiscard]] inline std::vector<installment> installments(money total, calendar_date first,
                                                            std::size_t count, frequency f) {
    const std::string what = "installments";
    std::vector<diagnostic> problems;  // every problem at once
    detail::frequency_problems(f, problems);
    detail::schedule_date_problems(first, "first", problems);
    constexpr std::size_t max_count = 1000000;
    if (count == 0) {
        problems.push_back({field_path("count"), "0", "must be positive"});
    } else if (count > max_count) {
        problems.push_back({field_path("count"), detail::digits(count),
                            "must be at most " + detail::digits(max_count)});
    } else if (problems.empty()) {  // every date must be representable: the last one is latest
        const int months = months_per_period(f);
        const std::int64_t last = static_cast<std::int64_t>(count - 1) * months;
        if (detail::month_index(first) + last > detail::month_index(end_of_time())) {
            problems.push_back({field_path("count"), detail::digits(count),
                                "the last payment, " + to_string(first) + " + " +
                                    detail::signed_digits(last) +
                                    " months, is after 9999-12-31, the last day fundround models"});
        }
    }
    detail::installment_total_problems(total, problems);
    detail::throw_installment_problems(what, problems);
    const int period = months_per_period(f);
    return detail::build_installments(detail::split_installments(total, count), first, period, what);
}

/// Equal payments of @p total on @p first, first + one period of @p f, ... while the date is on
/// or before @p last (inclusive; always at least one), split as installments() does.
/// Throws invalid_argument_error naming every problem at once: @p last before @p first, either
/// date invalid, @p total not positive or not a whole number of minor units, an unknown @p f.
[[nodiscard]] inline std::vector<installment> installments_between(money total,
                                                                    calendar_date first,
                                                                    calendar_date last,
                                                                    frequency f) {
    const std::string what = "installments_between";
    std::vector<diagnostic> problems;  // every problem at once
    detail::frequency_problems(f, problems);
    detail::schedule_date_problems(first, "first", problems);
    detail::schedule_date_problems(last, "last", problems);
    if (is_modelled(first) && is_modelled(last) && last < first) {
        problems.push_back({field_path("last"), to_string(last),
                            "must not be before first (" + to_string(first) + ")"});
    }
    detail::installment_total_problems(total, problems);
    detail::throw_installment_problems(what, problems);
    const int period = months_per_period(f);
    const std::int64_t span = detail::month_index(last) - detail::month_index(first);
    std::int64_t k_max = span / period;
    if (detail::add_months_checked(first, k_max * period, what) > last) --k_max;
    const auto count = static_cast<std::size_t>(k_max + 1);
    return detail::build_installments(detail::split_installments(total, count), first, period, what);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_TIME_INSTALLMENTS_HPP
