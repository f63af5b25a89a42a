/// @file io/waterfall_chart.hpp
/// @brief The payout of a liquidation waterfall (exit/waterfall.hpp) as a chart (io/chart.hpp,
/// drawn by io/svg_chart.hpp): each class's or holder's payout against the exit value, as lines
/// or stacked areas, exact at every breakpoint (no sampling: the payout is linear between them),
/// with each breakpoint marked and labelled by what starts there ("Series B converts").
#ifndef FUNDROUND_IO_WATERFALL_CHART_HPP
#define FUNDROUND_IO_WATERFALL_CHART_HPP

#include <fundround/config.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <cstddef>
#include <optional>
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

namespace detail {
/// payout_chart_by's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view payout_chart_by_names[] = {"line", "holder"};
/// payout_marker_labels' names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view payout_marker_labels_names[] = {"brief", "descriptions", "none"};
}  // namespace detail

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

namespace detail {

/// The problems of payout_chart()'s @p max_exit (in currency @p c, positive) and @p options
/// (not series_style::step; each choice one of its enumeration's values).
[[nodiscard]] inline std::vector<diagnostic> payout_chart_problems(currency c, money max_exit,
                                                                   const payout_chart_options& options) {
    std::vector<diagnostic> problems;
    if (max_exit.currency() != c) {
        problems.push_back({field_path("max_exit"), format_full(max_exit),
                            "must be in " + to_string(c) + ", the waterfall's currency"});
    } else if (max_exit.units() <= 0) {
        problems.push_back({field_path("max_exit"), format_full(max_exit), "must be positive"});
    }
    detail::check_known_enum(problems, field_path("options").member("by"), options.by, detail::payout_chart_by_names);
    if (options.style == series_style::step) {
        problems.push_back({field_path("options").member("style"), "step",
                            "must be line or stacked_area: a payout is piecewise linear, not a step"});
    } else {
        detail::check_known_enum(problems, field_path("options").member("style"), options.style, detail::series_style_names);
    }
    detail::check_known_enum(problems, field_path("options").member("markers"), options.markers, detail::payout_marker_labels_names);
    return problems;
}

/// One stretch of a payout chart: exit values from `from` to `to` (units; empty: no end) drawn
/// from a waterfall and its curve.
struct payout_chart_piece {
    const waterfall* w;          // the waterfall (its lines and holders: the same in every piece)
    const payout_curve* curve;   // its curve
    fraction from;               // the piece's first exit value
    std::optional<fraction> to;  // its last exit value; empty: no end
};

/// The exact payouts by line (@p by_line) or by holder at exit value @p x units of @p w, for a
/// chart point where its curve's intercept + slope x overflows: the direct exact solve, which
/// throws the overflow_error naming the exit and the price of the largest denominator where the
/// payouts overflow too. Out of line, off the drawing path.
[[nodiscard]] FUNDROUND_COLD inline std::vector<fraction> payout_chart_direct(const waterfall& w, const fraction& x, bool by_line) {
    return by_line ? w.exact_line_payouts(x) : w.exact_holder_payouts(x);
}

/// The chart of payout_chart() from @p pieces (checked by the caller), with markers at
/// @p breakpoints and @p more_subtitle after the default subtitle.
[[nodiscard]] inline chart payout_chart_of(const std::vector<payout_chart_piece>& pieces,
                                           const std::vector<waterfall_breakpoint>& breakpoints, money max_exit,
                                           const payout_chart_options& options, const std::string& more_subtitle) {
    const waterfall& w = *pieces.front().w;
    const currency c = w.currency();
    const fraction max_units(max_exit.units());
    const fraction per_major(money::units_per_major);
    const bool by_line = options.by == payout_chart_by::line;
    const std::size_t n = by_line ? w.lines().size() : w.holders().size();
    // Each piece from its start to its end (or max_exit) through its breakpoints, evaluated on
    // its own curve: where two pieces meet, the same exit value twice (a jump, drawn vertical).
    std::vector<fraction> xs;
    std::vector<std::vector<fraction>> ys(n);
    for (const payout_chart_piece& piece : pieces) {
        if (!(piece.from < max_units) && !xs.empty()) break;
        const fraction end = piece.to && *piece.to < max_units ? *piece.to : max_units;
        std::vector<fraction> at{piece.from};
        for (const waterfall_breakpoint& b : piece.curve->breakpoints()) {
            if (piece.from < b.exit_value && b.exit_value < end) at.push_back(b.exit_value);
        }
        at.push_back(end);
        for (const fraction& x : at) {
            const waterfall_segment& s = piece.curve->segments()[piece.curve->segment_index(x)];
            const std::vector<linear_payout>& parts = by_line ? s.lines : s.holders;
            xs.push_back(x);
            try {
                for (std::size_t i = 0; i < n; ++i) ys[i].push_back(parts[i].at(x));
            } catch (const overflow_error&) {
                const std::vector<fraction> direct = payout_chart_direct(*piece.w, x, by_line);
                for (std::size_t i = 0; i < n; ++i) {
                    ys[i].resize(xs.size() - 1);  // the point's values pushed before the overflow
                    ys[i].push_back(direct[i]);
                }
            }
        }
    }

    chart out;
    out.title = !options.title.empty() ? options.title
                : by_line              ? "Payout by class at each exit value"
                                       : "Payout by holder at each exit value";
    if (!options.subtitle.empty()) {
        out.subtitle = options.subtitle;
    } else {
        std::size_t shown = 0;
        for (const waterfall_breakpoint& b : breakpoints) {
            if (b.exit_value.sign() > 0 && !(max_units < b.exit_value)) ++shown;
        }
        bool exercisable = false;
        for (const waterfall_line& l : w.lines()) {
            exercisable = exercisable || l.kind == waterfall_line_kind::options || l.kind == waterfall_line_kind::warrants;
        }
        // No breakpoint up to max_exit: one straight segment, and no dashed line to point at.
        out.subtitle = (shown == 0 ? std::string("Exact: linear, no breakpoint up to the maximum exit")
                                   : "Exact: linear between " + std::to_string(shown) +
                                         (shown == 1 ? " breakpoint" : " breakpoints") +
                                         (options.mark_breakpoints ? " (dashed)" : "")) +
                       (exercisable ? "; options exercise " + std::string(to_string(w.terms().exercise)) : std::string()) +
                       (options.style == series_style::stacked_area ? "; the areas add up to the exit value" : "") +
                       more_subtitle;
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
        for (const waterfall_breakpoint& b : breakpoints) {
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


}  // namespace detail

/// The chart of @p w's payouts (computed from @p curve, which must be @p w.curve()) for exit
/// values from 0 to @p max_exit: one series per line or holder (options.by), as lines with a dot
/// at each breakpoint or as stacked areas (which then add up to the exit value), a marker at
/// each breakpoint in (0, max_exit]. The points are exact: 0, every breakpoint below max_exit and
/// max_exit, each evaluated exactly on its segment (the payout is continuous and linear between
/// breakpoints). Money axes in @p w's currency. Throws validation_error if max_exit is not
/// positive or in another currency, the curve is not one of a waterfall of the same lines and
/// holders, or options.style is series_style::step; overflow_error where a point's exact
/// payouts do not fit 128-bit fractions, naming the exit and the price with the largest
/// denominator.
[[nodiscard]] inline chart payout_chart(const waterfall& w, const payout_curve& curve, money max_exit,
                                        const payout_chart_options& options = {}) {
    std::vector<diagnostic> problems = detail::payout_chart_problems(w.currency(), max_exit, options);
    if (curve.segments().empty() || curve.lines().size() != w.lines().size() ||
        curve.segments().front().holders.size() != w.holders().size()) {
        problems.push_back({field_path("curve"), std::to_string(curve.lines().size()) + " lines",
                            "must be the waterfall's own curve (w.curve())"});
    }
    if (!problems.empty()) throw validation_error("payout_chart", std::move(problems));
    const detail::payout_chart_piece whole{&w, &curve, fraction(), std::nullopt};
    return detail::payout_chart_of({whole}, curve.breakpoints(), max_exit, options, std::string());
}

/// The chart of @p w's payouts for exit values from 0 to @p max_exit (payout_chart() with
/// @p w.curve(), whose overflow_error names the breakpoint of a segment that cannot be built).
[[nodiscard]] inline chart payout_chart(const waterfall& w, money max_exit, const payout_chart_options& options = {}) {
    return payout_chart(w, w.curve(), max_exit, options);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_WATERFALL_CHART_HPP
