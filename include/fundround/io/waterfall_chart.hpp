/// @file io/waterfall_chart.hpp
/// @brief The payout of a liquidation waterfall (exit/waterfall.hpp) as a chart (io/chart.hpp,
/// drawn by io/svg_chart.hpp): each class's or holder's payout against the exit value, as lines
/// or stacked areas, exact at every breakpoint (no sampling: the payout is linear between them),
/// with each breakpoint marked and labelled by what starts there ("Series B converts").
#ifndef FUNDROUND_IO_WATERFALL_CHART_HPP
#define FUNDROUND_IO_WATERFALL_CHART_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Whose payouts a payout chart shows.
enum class payout_chart_by : unsigned char {
    line,    ///< One series per waterfall line: each class, pool's options, warrants, convertible.
    holder,  ///< One series per holder (what each holder receives across its classes and options).
};

/// "line" or "holder".
[[nodiscard]] constexpr std::string_view to_string(payout_chart_by b) noexcept {
    switch (b) {
        case payout_chart_by::line: return "line";
        case payout_chart_by::holder: return "holder";
    }
    return "unknown";
}

/// How a breakpoint marker is labelled.
enum class payout_marker_labels : unsigned char {
    brief,         ///< Short, from the events: "Series B converts", "Series C paid", "Options: Plan at $0.50 exercise".
    descriptions,  ///< The events' full descriptions (waterfall_event::description), joined by "; ".
    none,          ///< Dashed lines without labels.
};

/// The choices of payout_chart(), each with a default.
struct payout_chart_options {
    payout_chart_by by = payout_chart_by::line;      ///< Per class (line) or per holder.
    series_style style = series_style::line;         ///< series_style::line or stacked_area (step is refused).
    payout_marker_labels markers = payout_marker_labels::brief;  ///< How breakpoints are labelled.
    bool mark_breakpoints = true;    ///< Draws a marker at each breakpoint up to the maximum exit.
    bool include_zero_series = false;  ///< Keeps series that receive nothing up to the maximum exit.
    std::string title{};             ///< The headline ("" for "Payout by class at each exit value" or "... by holder ...").
    std::string subtitle{};          ///< The line under it ("" for the breakpoint count and, with options or warrants, the exercise choice).
    std::string note{};              ///< Footnote ("" for none).
};

/// The short label of breakpoint @p b of @p w: each event as "Series B converts", "Series B
/// reaches its cap", "Series C paid" (a tier: its classes), "Preferences paid" (the last tier),
/// "Options: Plan at $0.50 exercise" (the exercise price: the share value there), joined by "; ".
[[nodiscard]] inline std::string brief_breakpoint_label(const waterfall& w, const waterfall_breakpoint& b) {
    std::string out;
    for (const waterfall_event& e : b.events) {
        std::string text;
        const std::string& name = e.line < w.lines().size() ? w.lines()[e.line].name : std::string();
        switch (e.kind) {
            case waterfall_event_kind::converts: text = name + " converts"; break;
            case waterfall_event_kind::reaches_cap: text = name + " reaches its cap"; break;
            case waterfall_event_kind::exercises: {
                // Options exercise where a share is worth their exercise price: the breakpoint's.
                const money price = detail::money_of_major_units(b.value_per_share / fraction(money::units_per_major), w.currency());
                text = name + " at " + format_full(price) + " exercise";
                break;
            }
            case waterfall_event_kind::preferences_paid: text = "Preferences paid"; break;
            case waterfall_event_kind::tier_paid: {
                for (const waterfall_line& l : w.lines()) {
                    if (!l.has_preference() || l.seniority != e.seniority) continue;
                    if (!text.empty()) text += ", ";
                    text += l.name;
                }
                text += " paid";
                break;
            }
        }
        if (!out.empty()) out += "; ";
        out += text;
    }
    return out;
}

/// The chart of @p w's payouts (computed from @p curve, which must be @p w.curve()) for exit
/// values from 0 to @p max_exit: one series per line or holder (options.by), as lines with a dot
/// at each breakpoint or as stacked areas (which then add up to the exit value), a marker at
/// each breakpoint in (0, max_exit]. The points are exact: 0, every breakpoint below max_exit and
/// max_exit, each evaluated exactly on its segment (the payout is continuous and linear between
/// breakpoints). Money axes in @p w's currency. Throws validation_error if max_exit is not
/// positive or in another currency, the curve is not one of a waterfall of the same lines and
/// holders, or options.style is series_style::step.
[[nodiscard]] inline chart payout_chart(const waterfall& w, const payout_curve& curve, money max_exit,
                                        const payout_chart_options& options = {}) {
    std::vector<diagnostic> problems;
    if (max_exit.currency() != w.currency()) {
        problems.push_back({field_path("max_exit"), format_full(max_exit),
                            "must be in " + to_string(w.currency()) + ", the waterfall's currency"});
    } else if (max_exit.units() <= 0) {
        problems.push_back({field_path("max_exit"), format_full(max_exit), "must be positive"});
    }
    if (curve.segments().empty() || curve.lines().size() != w.lines().size() ||
        curve.segments().front().holders.size() != w.holders().size()) {
        problems.push_back({field_path("curve"), std::to_string(curve.lines().size()) + " lines",
                            "must be the waterfall's own curve (w.curve())"});
    }
    if (options.style == series_style::step) {
        problems.push_back({field_path("options").member("style"), "step",
                            "must be line or stacked_area: a payout is piecewise linear, not a step"});
    }
    if (!problems.empty()) throw validation_error("payout_chart", std::move(problems));

    const currency c = w.currency();
    const fraction max_units(max_exit.units());
    const fraction per_major(money::units_per_major);
    std::vector<fraction> xs{fraction()};
    for (const waterfall_breakpoint& b : curve.breakpoints()) {
        if (b.exit_value.sign() > 0 && b.exit_value < max_units) xs.push_back(b.exit_value);
    }
    xs.push_back(max_units);

    const bool by_line = options.by == payout_chart_by::line;
    const std::size_t n = by_line ? w.lines().size() : w.holders().size();
    std::vector<std::vector<fraction>> ys(n);
    for (const fraction& x : xs) {
        const waterfall_segment& s = curve.segments()[curve.segment_index(x)];
        const std::vector<linear_payout>& parts = by_line ? s.lines : s.holders;
        for (std::size_t i = 0; i < n; ++i) ys[i].push_back(parts[i].at(x));
    }

    chart out;
    out.title = !options.title.empty() ? options.title
                : by_line              ? "Payout by class at each exit value"
                                       : "Payout by holder at each exit value";
    if (!options.subtitle.empty()) {
        out.subtitle = options.subtitle;
    } else {
        std::size_t shown = 0;
        for (const waterfall_breakpoint& b : curve.breakpoints()) {
            if (b.exit_value.sign() > 0 && !(max_units < b.exit_value)) ++shown;
        }
        bool exercisable = false;
        for (const waterfall_line& l : w.lines()) {
            exercisable = exercisable || l.kind == waterfall_line_kind::options || l.kind == waterfall_line_kind::warrants;
        }
        out.subtitle = "Exact: linear between " + std::to_string(shown) + (shown == 1 ? " breakpoint" : " breakpoints") +
                       " (dashed)" +
                       (exercisable ? "; options exercise " + std::string(to_string(w.terms().exercise)) : std::string()) +
                       (options.style == series_style::stacked_area ? "; the areas add up to the exit value" : "");
    }
    out.note = options.note;
    out.x_axis = money_axis("Exit value", c);
    out.y_axis = money_axis("Payout", c);
    for (std::size_t i = 0; i < n; ++i) {
        bool any = false;
        for (const fraction& y : ys[i]) any = any || !y.is_zero();
        if (!any && !options.include_zero_series) continue;
        line_series s;
        s.name = by_line ? w.lines()[i].name : w.holder_names()[i];
        s.style = options.style;
        s.show_points = options.style == series_style::line;
        for (std::size_t k = 0; k < xs.size(); ++k) {
            s.add(chart_value::amount(xs[k] / per_major, c), chart_value::amount(ys[i][k] / per_major, c));
        }
        out.lines.push_back(std::move(s));
    }
    if (options.mark_breakpoints) {
        for (const waterfall_breakpoint& b : curve.breakpoints()) {
            if (b.exit_value.sign() <= 0 || max_units < b.exit_value) continue;
            std::string label;
            if (options.markers == payout_marker_labels::brief) {
                label = brief_breakpoint_label(w, b);
            } else if (options.markers == payout_marker_labels::descriptions) {
                for (const waterfall_event& e : b.events) label += (label.empty() ? "" : "; ") + e.description;
            }
            out.markers.push_back(chart_marker{chart_value::amount(b.exit_value / per_major, c), std::move(label)});
        }
    }
    return out;
}

/// The chart of @p w's payouts for exit values from 0 to @p max_exit (payout_chart() with
/// @p w.curve()).
[[nodiscard]] inline chart payout_chart(const waterfall& w, money max_exit, const payout_chart_options& options = {}) {
    return payout_chart(w, w.curve(), max_exit, options);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_WATERFALL_CHART_HPP
