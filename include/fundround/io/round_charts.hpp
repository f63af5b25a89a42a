/// @file io/round_charts.hpp
/// @brief Charts of a round (io/chart.hpp, drawn by io/svg_chart.hpp): the disbursement schedule
/// as stacked bars per date or per year, the payments of one world (a round_timeline) the same
/// way, and each holder's ownership over time as steps.
#ifndef FUNDROUND_IO_ROUND_CHARTS_HPP
#define FUNDROUND_IO_ROUND_CHARTS_HPP

#include <fundround/config.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/error.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/timeline.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The chart value of day @p d (its day number, days since 1970-01-01).
[[nodiscard]] inline chart_value chart_date(calendar_date d) {
    return chart_value::day_number(std::int64_t{d.day_number()});
}

/// Which bars a chart of money over time has.
enum class chart_period : unsigned char {
    by_date,  ///< One bar per date with money ("2026-02-27").
    by_year,  ///< One bar per calendar year from the first to the last (years without money too).
};

/// How a schedule chart splits each bar.
enum class schedule_stack : unsigned char {
    by_investor,  ///< One colour per investor, in round order.
    by_status,    ///< At close, scheduled, conditional.
};

namespace detail {
/// chart_period's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view chart_period_names[] = {"by_date", "by_year"};
/// schedule_stack's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view schedule_stack_names[] = {"by_investor", "by_status"};
}  // namespace detail

/// Choices for schedule_chart().
struct schedule_chart_options {
    std::string title;                                  ///< "" for "<round>: disbursement schedule" (of a funding_round), "Disbursement schedule" (of a schedule).
    chart_period period = chart_period::by_date;        ///< Bars per date or per year.
    schedule_stack stack = schedule_stack::by_investor;  ///< What the colours tell apart.
    std::string note;                                   ///< Footnote (e.g. the assumptions).
};

namespace detail {

/// One amount for a bar chart over time: when (empty for undated), which series, how much.
struct dated_amount {
    bool dated = true;         ///< False for undated money (a last "Undated" bar).
    calendar_date date{};      ///< When, if dated.
    std::size_t series = 0;    ///< Position of the series.
    money amount;              ///< How much.
};

/// The stacked-bar chart of @p amounts (series @p names, currency @p c) per date or per year;
/// undated amounts go to a last category "Undated". Series with no money are left out.
[[nodiscard]] inline chart money_over_time_chart(const std::vector<dated_amount>& amounts,
                                                 const std::vector<std::string>& names, currency c,
                                                 chart_period period) {
    std::vector<std::int64_t> keys;  // day numbers or years
    bool undated = false;
    for (const dated_amount& a : amounts) {
        if (!a.dated) {
            undated = true;
            continue;
        }
        keys.push_back(period == chart_period::by_date ? std::int64_t{a.date.day_number()}
                                                       : std::int64_t{static_cast<int>(a.date.year())});
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (period == chart_period::by_year && !keys.empty()) {
        const std::int64_t first = keys.front();
        const std::int64_t last = keys.back();
        keys.clear();
        for (std::int64_t y = first; y <= last; ++y) keys.push_back(y);
    }
    chart out;
    out.x_axis = category_axis(period == chart_period::by_date ? "Date" : "Year");
    out.y_axis = money_axis("Amount (" + to_string(c) + ")", c);
    out.layout = bar_layout::stacked;
    out.label_bars = true;
    for (const std::int64_t k : keys) {
        out.categories.push_back(period == chart_period::by_date ? iso_date_text(k) : std::to_string(k));
    }
    if (undated) out.categories.push_back("Undated");
    std::vector<std::vector<money>> sums(names.size(), std::vector<money>(out.categories.size(), money::zero(c)));
    std::vector<bool> used(names.size(), false);
    for (const dated_amount& a : amounts) {
        std::size_t k = out.categories.size() - 1;
        if (a.dated) {
            const std::int64_t key = period == chart_period::by_date ? std::int64_t{a.date.day_number()}
                                                                     : std::int64_t{static_cast<int>(a.date.year())};
            k = static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
        }
        sums[a.series][k] += a.amount;  // throws overflow_error
        used[a.series] = used[a.series] || !a.amount.is_zero();
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (!used[i]) continue;
        bar_series b{names[i], {}, {}};
        for (const money m : sums[i]) b.values.emplace_back(m);
        out.bars.push_back(std::move(b));
    }
    return out;
}

}  // namespace detail

/// The disbursement schedule @p s as stacked bars: one bar per date (or per year) with the dated
/// entries, then one "Undated" bar for the undated (conditional) ones; each bar split by
/// investor or by status and labelled with its total. Amounts are the entries' amounts (a
/// fallback tranche's amount if met). Throws validation_error if the schedule has no entry, or
/// if options.period or options.stack is outside its enumeration.
[[nodiscard]] inline chart schedule_chart(const disbursement_schedule& s, const schedule_chart_options& options = {}) {
    {
        std::vector<diagnostic> problems;
        detail::check_known_enum(problems, field_path("options").member("period"), options.period, detail::chart_period_names);
        detail::check_known_enum(problems, field_path("options").member("stack"), options.stack, detail::schedule_stack_names);
        if (!problems.empty()) throw validation_error("schedule_chart", std::move(problems));
    }
    std::vector<detail::dated_amount> amounts;
    std::vector<std::string> names;
    if (options.stack == schedule_stack::by_investor) {
        for (const commitment& c : s.commitments()) names.push_back(c.investor.name());
    } else {
        names = {"At close", "Scheduled", "Conditional"};
    }
    const auto add = [&](const disbursement& d) {
        const std::size_t series = options.stack == schedule_stack::by_investor
                                       ? d.investor_index()
                                       : static_cast<std::size_t>(d.status());
        amounts.push_back({d.date().has_value(), d.date().value_or(calendar_date{}), series, d.amount()});
    };
    for (const disbursement& d : s.dated()) add(d);
    for (const disbursement& d : s.undated()) add(d);
    if (amounts.empty()) {
        throw validation_error("schedule_chart", {{field_path("schedule"), "", "has no entry to chart"}});
    }
    chart out = detail::money_over_time_chart(amounts, names, s.currency(), options.period);
    out.title = options.title.empty() ? "Disbursement schedule" : options.title;
    out.subtitle = "Committed " + detail::compact_money_label(s.total()) + " = dated " + detail::compact_money_label(s.dated_total()) +
                   " + undated " + detail::compact_money_label(s.undated_total());
    out.note = options.note;
    if (options.stack == schedule_stack::by_status) {
        const char* colours[3] = {"#0072B2", "#56B4E9", "#E69F00"};  // at close, scheduled, conditional
        for (bar_series& b : out.bars) {
            for (std::size_t i = 0; i < 3; ++i) {
                if (b.name == names[i]) b.colour = colours[i];
            }
        }
    }
    return out;
}

/// schedule_chart() of @p r's schedule, titled "<round name>: disbursement schedule" unless
/// options.title is set.
[[nodiscard]] inline chart schedule_chart(const funding_round& r, schedule_chart_options options = {}) {
    if (options.title.empty()) options.title = r.name() + ": disbursement schedule";
    return schedule_chart(r.schedule(), options);
}

/// The payments of one world (@p t: a round replayed with its milestones) as stacked bars per
/// date or per year, one colour per investor, each bar labelled with its total, titled @p title.
/// Throws validation_error if nothing is paid in that world, or if @p period is outside its
/// enumeration.
[[nodiscard]] inline chart payments_chart(const round_timeline& t, std::string title,
                                          chart_period period = chart_period::by_date) {
    if (!detail::enum_known(period, detail::chart_period_names)) {
        std::vector<diagnostic> problems;
        detail::check_known_enum(problems, field_path("period"), period, detail::chart_period_names);
        throw validation_error("payments_chart", std::move(problems));
    }
    std::vector<detail::dated_amount> amounts;
    for (const payment& p : t.payments()) amounts.push_back({true, p.date, p.investor_index, p.amount});
    if (amounts.empty()) {
        throw validation_error("payments_chart", {{field_path("timeline").member("payments"), "",
                                                   "is empty: nothing is paid in this world"}});
    }
    chart out = detail::money_over_time_chart(amounts, t.investors(), t.pre_money().currency(), period);
    out.title = std::move(title);
    return out;
}

/// Choices for ownership_chart() of a timeline.
struct timeline_ownership_options {
    std::string title;            ///< "" for "Ownership over time".
    bool existing_holders = true; ///< Includes the existing holders' line (near 100%, which flattens the rest).
};

/// Each investor's ownership (funded / post-money) and the existing holders' (pre-money /
/// post-money) over time in the world @p t, as steps from @p from to @p until with a level per
/// payment date in between, each labelled with its last value. Investors whose steps are the
/// same are one line named "A, B (each)". Throws validation_error unless from < until (both
/// modelled dates).
[[nodiscard]] inline chart ownership_chart(const round_timeline& t, calendar_date from, calendar_date until,
                                           const timeline_ownership_options& options = {}) {
    std::vector<diagnostic> problems;
    if (!is_modelled(from)) problems.push_back({field_path("from"), to_string(from), date_rule(from)});
    if (!is_modelled(until)) problems.push_back({field_path("until"), to_string(until), date_rule(until)});
    if (problems.empty() && !(from < until)) {
        problems.push_back({field_path("until"), to_string(until), "must be after from = " + to_string(from)});
    }
    if (!problems.empty()) throw validation_error("ownership_chart", std::move(problems));
    std::vector<calendar_date> days{from};
    for (const payment& p : t.payments()) {
        if (from < p.date && p.date < until && days.back() != p.date) days.push_back(p.date);
    }
    days.push_back(until);
    chart out;
    out.title = options.title.empty() ? "Ownership over time" : options.title;
    out.x_axis = date_axis("");
    out.y_axis = percent_axis("Ownership");
    if (options.existing_holders) {
        line_series existing{"Existing holders", {}, series_style::step, false, {}, true};
        for (const calendar_date d : days) existing.add(chart_date(d), t.existing_holders_ownership(d));
        out.lines.push_back(std::move(existing));
    }
    std::vector<line_series> investors;
    std::vector<std::size_t> sharing;  // how many investors each line stands for
    for (const std::string& name : t.investors()) {
        line_series s{name, {}, series_style::step, false, {}, true};
        for (const calendar_date d : days) s.add(chart_date(d), t.ownership(name, d));
        std::size_t same = 0;
        while (same < investors.size()) {
            bool equal = true;
            for (std::size_t k = 0; k < days.size() && equal; ++k) {
                equal = investors[same].points[k].y == s.points[k].y;
            }
            if (equal) break;
            ++same;
        }
        if (same < investors.size()) {
            investors[same].name += ", " + name;
            ++sharing[same];
        } else {
            investors.push_back(std::move(s));
            sharing.push_back(1);
        }
    }
    for (std::size_t i = 0; i < investors.size(); ++i) {
        if (sharing[i] > 1) investors[i].name += " (each)";
        out.lines.push_back(std::move(investors[i]));
    }
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_ROUND_CHARTS_HPP
