/// @file io/chart.hpp
/// @brief Charts as data: exact series (lines, steps, stacked areas, grouped or stacked bars),
/// axes, breakpoint markers, their validation, and the "nice" axis scales (1-2-5 x 10^k ticks
/// chosen exactly, compact money labels). Drawing is in io/svg_chart.hpp; charts of rounds,
/// net flows and round chains are in io/round_charts.hpp, io/flows_chart.hpp, io/chain_chart.hpp.
///
/// Every value is exact: money, fractions and integers never pass through floating point, and a
/// date is a whole number of days. A piecewise-linear function (a payout as a function of the exit
/// value) is a line_series whose points are its breakpoints; chart_marker labels an x position
/// ("Series B converts").
#ifndef FUNDROUND_IO_CHART_HPP
#define FUNDROUND_IO_CHART_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/time/calendar.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// "2026-02-27" for day number @p days.
[[nodiscard]] inline std::string iso_date_text(std::int64_t days) {
    // civil_from_days() adds 719,468 days (0000-03-01 to 1970-01-01): every day number but the
    // last 719,468 before INT64_MAX has a date.
    if (days > INT64_MAX - 719468) {
        throw invalid_argument_error(concat({"day number = ", signed_digits(days),
                                             ": is after the last day a chart date can show"}));
    }
    const civil_day c = civil_from_days(days);
    std::string text;
    append_date(text, c.year, c.month, c.day);
    return text;
}

/// floor(a / b) for b > 0.
[[nodiscard]] constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    return a / b - ((a % b != 0 && a < 0) ? 1 : 0);
}

}  // namespace detail

/// What a chart value measures: a plain number (a count, a fraction), money, or a date.
enum class chart_value_kind : unsigned char {
    number,  ///< An exact fraction or integer.
    money,   ///< An amount of one currency, kept in major units ($1.5 is 3/2).
    date,    ///< A calendar day, kept as a day number (days since 1970-01-01).
};

/// "number", "money" or "date".
[[nodiscard]] constexpr std::string_view to_string(chart_value_kind k) noexcept {
    switch (k) {
        case chart_value_kind::number: return "number";
        case chart_value_kind::money: return "money";
        case chart_value_kind::date: return "date";
    }
    return "unknown";
}

/// One exact coordinate of a chart: a number, an amount of money or a date. Implicit from an
/// integer, a fraction or money, so `{15_B, 30_B}` is a point; dates through chart_value::date().
class chart_value {
public:
    /// The number 0.
    chart_value() = default;
    /// The whole number @p n.
    template <class I, std::enable_if_t<detail::is_fraction_integer_v<I>, int> = 0>
    chart_value(I n)  // NOLINT(google-explicit-constructor)
        : value_(n) {}
    /// The exact number @p f.
    chart_value(const fraction& f)  // NOLINT(google-explicit-constructor)
        : value_(f) {}
    /// The amount @p m, exactly (in major units of its currency).
    chart_value(money m)  // NOLINT(google-explicit-constructor)
        : value_(fraction(m.units(), money::units_per_major)), kind_(chart_value_kind::money), currency_(m.currency()) {}
    /// Deleted: a binary floating-point value is not exact; use integers, a fraction or money.
    template <class F, std::enable_if_t<std::is_floating_point_v<F>, int> = 0>
    chart_value(F) = delete;

    /// Exactly @p major_units major units of @p c, any fraction of them: an exact breakpoint
    /// of a payout curve ($10M x 7/3) need not be a whole number of mills as money is.
    [[nodiscard]] static chart_value amount(const fraction& major_units, fundround::currency c) {
        chart_value v;
        v.value_ = major_units;
        v.kind_ = chart_value_kind::money;
        v.currency_ = c;
        return v;
    }
    /// The most days from 1970-01-01 a date value may be (about 273,000 years either way).
    static constexpr std::int64_t max_day_number = 100'000'000;
    /// The date @p days days after 1970-01-01 (calendar_date::day_number()); throws
    /// invalid_argument_error beyond +/- max_day_number days.
    [[nodiscard]] static chart_value day_number(std::int64_t days) {
        if (days > max_day_number || days < -max_day_number) {
            throw invalid_argument_error("chart_value::day_number(" + std::to_string(days) +
                                         "): must be within 100,000,000 days of 1970-01-01");
        }
        chart_value v;
        v.value_ = fraction(days);
        v.kind_ = chart_value_kind::date;
        return v;
    }
    /// The date @p year-@p month-@p day; throws invalid_argument_error unless it is a real day.
    [[nodiscard]] static chart_value date(int year, unsigned month, unsigned day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw invalid_argument_error("chart_value::date(" + std::to_string(year) + ", " + std::to_string(month) +
                                         ", " + std::to_string(day) + "): is not a calendar day");
        }
        const std::int64_t days = detail::days_from_civil(year, month, day);
        const detail::civil_day back = detail::civil_from_days(days);
        if (month < 1 || month > 12 || day < 1 || back.year != year || back.month != month || back.day != day) {
            throw invalid_argument_error("chart_value::date(" + std::to_string(year) + ", " + std::to_string(month) +
                                         ", " + std::to_string(day) + "): is not a calendar day");
        }
        return day_number(days);
    }

    /// Number, money or date.
    [[nodiscard]] chart_value_kind kind() const noexcept { return kind_; }
    /// The exact value: the number, the amount in major units, or the day number.
    [[nodiscard]] const fraction& value() const noexcept { return value_; }
    /// The currency of a money value (USD for the other kinds).
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }

    /// The value as text for people: "7/2", "$1,500,000.00" (an amount that is not a whole
    /// number of mills: rounded half-even to a mill, with its exact fraction of major units
    /// after it) or "2026-02-27".
    [[nodiscard]] std::string to_string() const {
        switch (kind_) {
            case chart_value_kind::money: {
                const fraction units = value_ * fraction(money::units_per_major);
                const detail::int128 rounded = units.round_to_integer(rounding::half_even);
                if (rounded > detail::int128(detail::int64_max) || rounded < detail::int128(detail::int64_min)) {
                    return fundround::to_string(currency_) + " " + value_.to_string();
                }
                std::string text = format_full(money::from_units(static_cast<money::rep>(rounded), currency_));
                if (!units.is_integer()) text += " (" + value_.to_string() + ")";
                return text;
            }
            case chart_value_kind::date:
                return detail::iso_date_text(static_cast<std::int64_t>(value_.round_to_integer(rounding::floor)));
            case chart_value_kind::number: break;
        }
        return value_.to_string();
    }

    /// True if kind, value and currency are equal.
    [[nodiscard]] friend bool operator==(const chart_value& a, const chart_value& b) noexcept {
        return a.kind_ == b.kind_ && a.value_ == b.value_ && a.currency_ == b.currency_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const chart_value& a, const chart_value& b) noexcept { return !(a == b); }

private:
    fraction value_;
    chart_value_kind kind_ = chart_value_kind::number;
    fundround::currency currency_;
};

/// How an axis reads its values and labels its ticks.
enum class axis_format : unsigned char {
    number,    ///< Plain numbers: "0", "2,500", "0.25".
    percent,   ///< Fractions shown as percentages: 1/5 is "20%".
    money,     ///< Money of the axis' currency, compact: "$0", "$250K", "$1.5B", "CHF 2M".
    date,      ///< Dates: "2026", "Mar 2026" or "2026-03-02", by the tick step.
    category,  ///< Named bands (x axis only): category k spans [k, k + 1], its centre is k + 1/2.
};

/// "number", "percent", "money", "date" or "category".
[[nodiscard]] constexpr std::string_view to_string(axis_format f) noexcept {
    switch (f) {
        case axis_format::number: return "number";
        case axis_format::percent: return "percent";
        case axis_format::money: return "money";
        case axis_format::date: return "date";
        case axis_format::category: return "category";
    }
    return "unknown";
}

namespace detail {
/// axis_format's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view axis_format_names[] = {"number", "percent", "money", "date", "category"};
/// series_style's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view series_style_names[] = {"line", "step", "stacked_area"};
/// bar_layout's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view bar_layout_names[] = {"grouped", "stacked"};
}  // namespace detail

/// One axis: its title, how it reads values and whether its range must reach zero.
struct chart_axis {
    std::string title{};                        ///< Shown beside the axis ("" for none).
    axis_format format = axis_format::number;   ///< How values read and ticks print.
    fundround::currency currency{};             ///< The currency of a money axis.
    bool include_zero = true;                   ///< The range reaches 0 (number, percent, money axes).
};

/// A money axis titled @p title in currency @p c.
[[nodiscard]] inline chart_axis money_axis(std::string title, currency c) {
    return chart_axis{std::move(title), axis_format::money, c, true};
}
/// A percentage axis titled @p title (values are fractions: 1/4 is 25%).
[[nodiscard]] inline chart_axis percent_axis(std::string title) {
    return chart_axis{std::move(title), axis_format::percent, currency{}, true};
}
/// A plain number axis titled @p title.
[[nodiscard]] inline chart_axis number_axis(std::string title) {
    return chart_axis{std::move(title), axis_format::number, currency{}, true};
}
/// A date axis titled @p title (values made with chart_value::date() or day_number()).
[[nodiscard]] inline chart_axis date_axis(std::string title) {
    return chart_axis{std::move(title), axis_format::date, currency{}, false};
}
/// A category axis titled @p title: the chart's categories, as bands.
[[nodiscard]] inline chart_axis category_axis(std::string title) {
    return chart_axis{std::move(title), axis_format::category, currency{}, false};
}

/// One exact point of a line.
struct chart_point {
    chart_value x{};  ///< Position along the x axis.
    chart_value y{};  ///< Value on the y axis.
};

/// How a line_series is drawn.
enum class series_style : unsigned char {
    line,          ///< Straight segments between the points: a piecewise-linear function.
    step,          ///< Each point's level holds until the next point's x, then jumps.
    stacked_area,  ///< Filled, stacked on the stacked areas before it (evaluated exactly in between).
};

/// A named series of points with strictly increasing x (a line may repeat an x once: a jump).
struct line_series {
    std::string name{};                      ///< Legend text (not empty).
    std::vector<chart_point> points{};       ///< The points, x strictly increasing; a line's may repeat an x once (a vertical jump).
    series_style style = series_style::line; ///< Line, step or stacked area.
    bool show_points = false;                ///< Draws a dot at each point (e.g. the breakpoints).
    std::string colour{};                    ///< "#rrggbb", or "" for the next palette colour.
    bool label_end = false;                  ///< Prints the last value right of the plot ("24.04%").

    /// Appends the point (@p x, @p y); returns *this.
    line_series& add(chart_value x, chart_value y) {
        points.push_back(chart_point{std::move(x), std::move(y)});
        return *this;
    }
};

/// A named series of bars: one value per category of the chart.
struct bar_series {
    std::string name{};                ///< Legend text (not empty).
    std::vector<chart_value> values{}; ///< One value per category, in category order.
    std::string colour{};              ///< "#rrggbb", or "" for the next palette colour.
};

/// How several bar series share a category.
enum class bar_layout : unsigned char {
    grouped,  ///< Side by side.
    stacked,  ///< On top of each other: positive values up from 0, negative ones down from 0.
};

/// A labelled vertical line at an x position, e.g. a breakpoint "Series B converts".
struct chart_marker {
    chart_value x{};       ///< Where, on the x axis.
    std::string label{};   ///< What happens there.
};

/// A chart as exact data, drawn by write_svg() (io/svg_chart.hpp). Lines are drawn over bars;
/// stacked areas under lines. Validate with validate_chart().
struct chart {
    std::string title{};                      ///< Headline above the plot.
    std::string subtitle{};                   ///< Smaller line under the title ("" for none).
    chart_axis x_axis{};                      ///< The horizontal axis.
    chart_axis y_axis{};                      ///< The vertical axis (not category).
    std::vector<std::string> categories{};    ///< Band names of a category x axis, left to right.
    std::vector<bar_series> bars{};           ///< Bar series (need a category x axis).
    bar_layout layout = bar_layout::grouped;  ///< How bar series share a category.
    bool label_bars = false;                  ///< Prints each bar's value (each stack's totals).
    std::vector<line_series> lines{};         ///< Lines, steps and stacked areas.
    std::vector<chart_marker> markers{};      ///< Labelled x positions (breakpoints).
    std::string note{};                       ///< Footnote under the plot ("" for none).
    int width = 880;                          ///< Width in pixels, 240 to 4000.
    int height = 500;                         ///< Height in pixels, 200 to 4000.
};


namespace detail {

/// @p text in double quotes, control characters and bytes that start no valid UTF-8 character
/// escaped (visible_utf8_text()), for a diagnostic's value.
[[nodiscard]] inline std::string quoted_visible(std::string_view text) { return "\"" + visible_utf8_text(text) + "\""; }

/// Appends a diagnostic if @p text has a control character, a byte that starts no valid UTF-8
/// character, or U+FFFE or U+FFFF: an SVG is UTF-8 XML 1.0, which cannot carry them.
inline void check_chart_text(const std::string& text, const field_path& at, std::vector<diagnostic>& out) {
    const text_fault f = text_fault_of(text, true);
    if (f.kind == text_fault_kind::not_utf8) {
        std::string byte;
        append_hex_byte(byte, text[f.at]);
        out.push_back({at, quoted_visible(text),
                       "must be UTF-8: byte " + digits(f.at) + " (" + byte + ") starts no valid character (an SVG is UTF-8 XML)"});
    } else if (f.kind == text_fault_kind::control) {
        out.push_back({at, quoted_visible(text),
                       "must not contain control characters (tabs and line breaks included): SVG text is one line"});
    } else if (f.kind == text_fault_kind::noncharacter) {
        out.push_back({at, quoted_visible(text),
                       std::string("must not contain U+") + (f.code == 0xFFFE ? "FFFE" : "FFFF") + " (at byte " + digits(f.at) +
                           "): XML 1.0 cannot carry it"});
    }
}

/// True for "#rrggbb" (hex digits, either case).
[[nodiscard]] inline bool is_hex_colour(std::string_view c) noexcept {
    if (c.size() != 7 || c[0] != '#') return false;
    for (std::size_t i = 1; i < 7; ++i) {
        const char h = c[i];
        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return false;
    }
    return true;
}

/// Appends a diagnostic unless @p colour is "" or "#rrggbb".
inline void check_colour(const std::string& colour, const field_path& at, std::vector<diagnostic>& out) {
    if (!colour.empty() && !is_hex_colour(colour)) {
        out.push_back({at, quoted_visible(colour), "must be \"\" (the palette) or \"#rrggbb\" (six hex digits)"});
    }
}

/// The kind of value an axis of format @p f takes.
[[nodiscard]] constexpr chart_value_kind kind_for(axis_format f) noexcept {
    switch (f) {
        case axis_format::money: return chart_value_kind::money;
        case axis_format::date: return chart_value_kind::date;
        default: return chart_value_kind::number;
    }
}

/// Appends a diagnostic and returns false if @p v does not fit axis @p a: its kind, its currency,
/// a whole day for a date, and within [0, @p categories] on a category axis.
/// (@p categories is null for the y axis, which has no bands.)
inline bool check_axis_value(const chart_value& v, const chart_axis& a, const char* axis_name,
                             const std::size_t* categories, const field_path& at, std::vector<diagnostic>& out) {
    const chart_value_kind want = kind_for(a.format);
    if (v.kind() != want) {
        out.push_back({at, v.to_string(),
                       "must be a " + std::string(to_string(want)) + " value like the " + axis_name + " (a " +
                           std::string(to_string(a.format)) + " axis)"});
        return false;
    }
    if (want == chart_value_kind::money && v.currency() != a.currency) {
        out.push_back({at, v.to_string(), "must be in " + to_string(a.currency) + " like the " + axis_name});
        return false;
    }
    if (want == chart_value_kind::date && !v.value().is_integer()) {
        out.push_back({at, v.value().to_string(), "must be a whole day number"});
        return false;
    }
    if (a.format == axis_format::category && categories != nullptr &&
        (v.value().sign() < 0 || fraction(static_cast<std::int64_t>(*categories)) < v.value())) {
        out.push_back({at, v.to_string(),
                       "must be between 0 and " + std::to_string(*categories) +
                           ", the number of categories (category k spans [k, k + 1], its centre is k + 1/2)"});
        return false;
    }
    return true;
}

}  // namespace detail

/// Every problem of @p c (empty if it can be drawn), each naming its field, value and rule:
/// sizes, texts XML can carry (UTF-8 without control characters, U+FFFE or U+FFFF), colours, at
/// least one series, bars only on a category x axis with one value per category, lines with enough
/// points (two, or one for a step) and strictly increasing x (a line may repeat an x once: a
/// vertical jump), values of the kind and currency of their axis, stacked areas
/// spanning the same x range, markers on the x axis.
[[nodiscard]] inline std::vector<diagnostic> validate_chart(const chart& c) {
    std::vector<diagnostic> out;
    detail::check_chart_text(c.title, field_path("title"), out);
    detail::check_chart_text(c.subtitle, field_path("subtitle"), out);
    detail::check_chart_text(c.note, field_path("note"), out);
    detail::check_chart_text(c.x_axis.title, field_path("x_axis").member("title"), out);
    detail::check_chart_text(c.y_axis.title, field_path("y_axis").member("title"), out);
    if (c.width < 240 || c.width > 4000) {
        out.push_back({field_path("width"), std::to_string(c.width), "must be between 240 and 4000 pixels"});
    }
    if (c.height < 200 || c.height > 4000) {
        out.push_back({field_path("height"), std::to_string(c.height), "must be between 200 and 4000 pixels"});
    }
    // Values cast from integers outside the enumerations: nothing is drawn with them.
    detail::check_known_enum(out, field_path("x_axis").member("format"), c.x_axis.format, detail::axis_format_names);
    detail::check_known_enum(out, field_path("y_axis").member("format"), c.y_axis.format, detail::axis_format_names);
    detail::check_known_enum(out, field_path("layout"), c.layout, detail::bar_layout_names);
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        if (!detail::enum_known(c.lines[i].style, detail::series_style_names)) {
            detail::check_known_enum(out, field_path("lines").index(i).member("style"), c.lines[i].style, detail::series_style_names);
        }
    }
    if (c.y_axis.format == axis_format::category) {
        out.push_back({field_path("y_axis").member("format"), "category",
                       "must not be category: only the x axis has bands"});
    }
    const bool banded = c.x_axis.format == axis_format::category;
    const std::size_t n = c.categories.size();
    if (banded && n == 0) {
        out.push_back({field_path("categories"), "", "must not be empty: the x axis is a category axis"});
    }
    if (!banded && n != 0) {
        out.push_back({field_path("categories"), std::to_string(n) + " categories",
                       "must be empty unless the x axis is a category axis"});
    }
    for (std::size_t i = 0; i < n; ++i) {
        detail::check_chart_text(c.categories[i], field_path("categories").index(i), out);
    }
    if (c.bars.empty() && c.lines.empty()) {
        out.push_back({field_path("lines"), "", "a chart needs at least one series: lines and bars are both empty"});
    }
    if (!c.bars.empty() && !banded) {
        out.push_back({field_path("x_axis").member("format"), std::string(to_string(c.x_axis.format)),
                       "must be category: bars stand on categories"});
    }
    for (std::size_t i = 0; i < c.bars.size(); ++i) {
        const bar_series& b = c.bars[i];
        const field_path at = field_path("bars").index(i, b.name);
        if (b.name.empty()) out.push_back({at.member("name"), "", "must not be empty: the legend shows it"});
        detail::check_chart_text(b.name, at.member("name"), out);
        detail::check_colour(b.colour, at.member("colour"), out);
        if (b.values.size() != n) {
            out.push_back({at.member("values"), std::to_string(b.values.size()) + " values",
                           "must hold one value per category (" + std::to_string(n) + ")"});
        }
        for (std::size_t k = 0; k < b.values.size(); ++k) {
            detail::check_axis_value(b.values[k], c.y_axis, "y axis", nullptr, at.member("values").index(k), out);
        }
    }
    const line_series* first_area = nullptr;
    std::size_t first_area_index = 0;
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const line_series& s = c.lines[i];
        const field_path at = field_path("lines").index(i, s.name);
        if (s.name.empty()) out.push_back({at.member("name"), "", "must not be empty: the legend shows it"});
        detail::check_chart_text(s.name, at.member("name"), out);
        detail::check_colour(s.colour, at.member("colour"), out);
        const std::size_t need = s.style == series_style::step ? 1 : 2;
        if (s.points.size() < need) {
            out.push_back({at.member("points"), std::to_string(s.points.size()) + " points",
                           need == 1 ? "must hold at least one point"
                                     : "must hold at least two points (a line joins them)"});
        }
        bool all_x_ok = true;
        for (std::size_t k = 0; k < s.points.size(); ++k) {
            const field_path p = at.member("points").index(k);
            all_x_ok = detail::check_axis_value(s.points[k].x, c.x_axis, "x axis", &n, p.member("x"), out) && all_x_ok;
            detail::check_axis_value(s.points[k].y, c.y_axis, "y axis", nullptr, p.member("y"), out);
            if (all_x_ok && k > 0 && !(s.points[k - 1].x.value() < s.points[k].x.value())) {
                // A line may repeat an x once (a jump drawn vertical); anything else goes back.
                const bool jump = s.style == series_style::line && s.points[k - 1].x.value() == s.points[k].x.value() &&
                                  (k < 2 || s.points[k - 2].x.value() < s.points[k - 1].x.value());
                if (!jump) {
                    out.push_back({p.member("x"), s.points[k].x.to_string(),
                                   "must be greater than points[" + std::to_string(k - 1) + "].x = " +
                                       s.points[k - 1].x.to_string() +
                                       (s.style == series_style::line
                                            ? ": x must increase (a line may repeat an x once, a vertical jump)"
                                            : ": x must increase strictly")});
                }
            }
        }
        if (s.style == series_style::stacked_area && s.points.size() >= 2 && all_x_ok) {
            if (first_area == nullptr) {
                first_area = &s;
                first_area_index = i;
            } else if (first_area->points.size() >= 2 &&
                       (s.points.front().x.value() != first_area->points.front().x.value() ||
                        s.points.back().x.value() != first_area->points.back().x.value())) {
                out.push_back({at.member("points"), s.points.front().x.to_string() + " to " + s.points.back().x.to_string(),
                               "must span the same x range as lines[" + std::to_string(first_area_index) +
                                   "], the first stacked area (" + first_area->points.front().x.to_string() + " to " +
                                   first_area->points.back().x.to_string() + ")"});
            }
        }
    }
    for (std::size_t i = 0; i < c.markers.size(); ++i) {
        const field_path at = field_path("markers").index(i, c.markers[i].label);
        detail::check_axis_value(c.markers[i].x, c.x_axis, "x axis", &n, at.member("x"), out);
        detail::check_chart_text(c.markers[i].label, at.member("label"), out);
    }
    return out;
}

/// Throws validation_error listing every problem of @p c (see validate_chart()); does nothing
/// if there is none.
inline void check_chart(const chart& c) {
    std::vector<diagnostic> problems = validate_chart(c);
    if (!problems.empty()) throw validation_error("chart \"" + c.title + "\"", std::move(problems));
}

/// One labelled position on an axis.
struct axis_tick {
    fraction value;     ///< Where (in the axis' values: major units, fractions or day numbers).
    std::string label;  ///< What it prints ("$250K", "20%", "Mar 2026").

    /// True if value and label are equal.
    [[nodiscard]] friend bool operator==(const axis_tick& a, const axis_tick& b) {
        return a.value == b.value && a.label == b.label;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const axis_tick& a, const axis_tick& b) { return !(a == b); }
};

/// The range and ticks of an axis, chosen by nice_scale(): the ticks start at from and end at to.
struct axis_scale {
    fraction from;                 ///< The low end of the axis (the first tick).
    fraction to;                   ///< The high end of the axis (the last tick).
    std::vector<axis_tick> ticks;  ///< Every tick, ascending.
};

namespace detail {

/// The money @p major_units (an exact number of major units of @p c) rounded half-even to a mill;
/// throws overflow_error outside the money range.
[[nodiscard]] inline money money_of_major_units(const fraction& major_units, currency c) {
    const int128 units = (major_units * fraction(money::units_per_major)).round_to_integer(rounding::half_even);
    if (units > int128(int64_max) || units < int128(int64_min)) throw_money_overflow("conversion of a chart value");
    return money::from_units(static_cast<money::rep>(units), c);
}

/// @p m in the shortest compact form that reads back exactly ("$1.5B", "$250K", "$0",
/// "CHF 2M"), else in full.
[[nodiscard]] inline std::string compact_money_label(money m) {
    for (int d = 0; d <= 15; ++d) {
        compact_text t = format_compact_text(m, d);
        if (t.exact) return std::move(t.text);
    }
    return format_full(m);
}

/// The compact label of @p units mills of @p c: compact_money_label() where @p units is a money
/// (within +/-(2^63 - 1) mills, INT64_MIN included); beyond that range (an axis end or a stack's
/// total past the largest money) the same form in trillions, from the exact 128-bit value:
/// "$10,000T", "-$9,300T", "CHF 9,223.372036854775808T". Never throws for a 128-bit value.
[[nodiscard]] inline std::string compact_money_label(int128 units, currency c) {
    if (units <= int128(int64_max) && units >= int128(int64_min)) {
        return compact_money_label(money::from_units(static_cast<money::rep>(units), c));
    }
    // |units| >= 2^63 mills is above 10^18, so the suffix is T (10^15 mills), as it is for every
    // amount from $1T; a whole number of mills is exact with 15 decimals, and the shortest exact
    // form drops the trailing zeros.
    const uint128 mag = magnitude(units);
    const uint128 trillion = 1000000000000000U;  // 10^15 mills, the T
    std::string text = units < 0 ? "-" : "";
    text += currency_prefix(c);
    text += group_thousands(to_decimal_digits(mag / trillion));
    if (const auto rest = static_cast<std::uint64_t>(mag % trillion); rest != 0) {
        std::string digits = std::to_string(rest);
        digits.insert(0, 15 - digits.size(), '0');
        digits.erase(digits.find_last_not_of('0') + 1);
        text += "." + digits;
    }
    return text + "T";
}

/// The label of @p major_units (an exact number of major units of @p c) on a money axis: rounded
/// half-even to a mill, compact and exact (compact_money_label()), within the money range or
/// beyond it. Throws overflow_error naming the value only beyond +/-(2^127 - 1) mills, which no
/// 128-bit count holds.
[[nodiscard]] inline std::string money_axis_label(const fraction& major_units, currency c) {
    const fraction most(fraction::rep(int128_max_magnitude / money::units_per_major));
    if (most < major_units || major_units < -most) {
        throw overflow_error("money axis label: " + major_units.to_string() + " " + to_string(c) +
                             ": a money label counts mills in 128 bits, at most (2^127 - 1) / 1000 major units");
    }
    return compact_money_label((major_units * fraction(money::units_per_major)).round_to_integer(rounding::half_even), c);
}

/// @p v x 10^@p shift as a decimal with @p decimals digits (rounded half-even), thousands grouped:
/// "12,500.5" (shift 2: a fraction as a percentage). Never overflows (digit-by-digit division).
[[nodiscard]] inline std::string grouped_decimal(const fraction& v, int decimals, int shift = 0) {
    std::string text;
    append_decimal(text, v, decimals, shift, rounding::half_even, true);
    return text;
}

/// The fewest decimals (0 to @p most) that write @p v x 10^@p shift exactly, or @p most if none
/// does: the first d whose 10^(d + shift) the denominator divides (nothing is multiplied).
[[nodiscard]] inline int decimals_needed(const fraction& v, int most, int shift = 0) {
    uint128 den = static_cast<uint128>(v.denominator());
    int twos = 0;
    int fives = 0;
    for (; den % 2U == 0; den /= 2U) ++twos;
    for (; den % 5U == 0; den /= 5U) ++fives;
    if (den != 1U) return most;  // not a finite decimal
    const int need = (twos > fives ? twos : fives) - shift;
    return need <= 0 ? 0 : need < most ? need : most;
}

/// "Jan" to "Dec" for month 1 to 12.
[[nodiscard]] inline std::string_view month_abbreviation(unsigned m) noexcept {
    static constexpr std::string_view names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return m >= 1 && m <= 12 ? names[m - 1] : std::string_view("?");
}

/// The day number as an int64 (a date value is a whole day; checked by validate_chart()).
[[nodiscard]] inline std::int64_t day_of(const fraction& v, rounding mode) {
    const int128 d = v.round_to_integer(mode);
    if (d > int128(int64_max) || d < int128(int64_min)) throw overflow_error("chart: day number out of range");
    return static_cast<std::int64_t>(d);
}

/// A date scale: the coarsest-enough step among 1, 2, 7 days; 1, 2, 3, 6 months; 1, 2, 5 x 10^k
/// years, with at most @p max_intervals intervals covering [lo, hi].
[[nodiscard]] inline axis_scale date_scale(std::int64_t lo, std::int64_t hi, int max_intervals) {
    if (hi <= lo) hi = lo + 1;
    axis_scale out;
    // Days.
    for (const std::int64_t n : {1, 2, 7}) {
        const std::int64_t offset = n == 7 ? 4 : 0;  // weekly ticks on Mondays (1970-01-05 is one)
        const std::int64_t first = floor_div(lo - offset, n) * n + offset;
        const std::int64_t last = -floor_div(-(hi - offset), n) * n + offset;
        if ((last - first) / n > max_intervals) continue;
        out.from = fraction(first);
        out.to = fraction(last);
        for (std::int64_t d = first; d <= last; d += n) out.ticks.push_back({fraction(d), iso_date_text(d)});
        return out;
    }
    const civil_day clo = civil_from_days(lo);
    const civil_day chi = civil_from_days(hi);
    // Months: index y * 12 + (m - 1).
    const std::int64_t mlo = clo.year * 12 + std::int64_t(clo.month) - 1;
    const std::int64_t mhi = chi.year * 12 + std::int64_t(chi.month) - 1 + (chi.day == 1 ? 0 : 1);
    for (const std::int64_t n : {1, 2, 3, 6}) {
        const std::int64_t first = floor_div(mlo, n) * n;
        const std::int64_t last = -floor_div(-mhi, n) * n;
        if ((last - first) / n > max_intervals) continue;
        for (std::int64_t m = first; m <= last; m += n) {
            const std::int64_t y = floor_div(m, 12);
            const auto month = static_cast<unsigned>(m - y * 12 + 1);
            out.ticks.push_back({fraction(days_from_civil(y, month, 1)),
                                 std::string(month_abbreviation(month)) + " " + std::to_string(y)});
        }
        out.from = out.ticks.front().value;
        out.to = out.ticks.back().value;
        return out;
    }
    // Years: 1, 2, 5 x 10^k.
    const std::int64_t ylo = clo.year;
    const std::int64_t yhi = chi.year + (chi.month == 1 && chi.day == 1 ? 0 : 1);
    for (std::int64_t decade = 1;; decade *= 10) {
        for (const std::int64_t m : {1, 2, 5}) {
            const std::int64_t n = m * decade;
            const std::int64_t first = floor_div(ylo, n) * n;
            const std::int64_t last = -floor_div(-yhi, n) * n;
            if ((last - first) / n > max_intervals) continue;
            for (std::int64_t y = first; y <= last; y += n) {
                out.ticks.push_back({fraction(days_from_civil(y, 1, 1)), std::to_string(y)});
            }
            out.from = out.ticks.front().value;
            out.to = out.ticks.back().value;
            return out;
        }
    }
}

}  // namespace detail

namespace detail {

/// nice_scale()'s number, percent and money scale of [@p min, @p max] (min < max), every tick
/// labelled exactly; fraction arithmetic past 2^127 throws overflow_error.
[[nodiscard]] inline axis_scale linear_scale(const chart_axis& a, const fraction& min, const fraction& max,
                                             int max_intervals) {
    const fraction range = max - min;
    fraction decade(1);
    int exponent = 0;
    while (decade <= range / fraction(10)) {
        decade *= fraction(10);
        ++exponent;
    }
    while (range < decade) {
        decade /= fraction(10);
        --exponent;
    }
    decade /= fraction(10);  // start one decade below: m x 10^(k-1)
    --exponent;
    const fraction mill(1, money::units_per_major);
    for (;; decade *= fraction(10), ++exponent) {
        for (const int m : {1, 2, 5}) {
            const fraction step = decade * fraction(m);
            if (a.format == axis_format::money && step < mill) continue;
            const int128 first = (min / step).round_to_integer(rounding::floor);
            const int128 last = (max / step).round_to_integer(rounding::ceiling);
            if (last - first > int128(max_intervals)) continue;
            axis_scale out;
            out.from = fraction(first) * step;
            out.to = fraction(last) * step;
            const int decimals = exponent < 0 ? -exponent : 0;
            for (int128 i = first; i <= last; ++i) {
                const fraction v = fraction(i) * step;
                std::string label;
                switch (a.format) {
                    case axis_format::money: label = money_axis_label(v, a.currency); break;
                    case axis_format::percent:
                        label = grouped_decimal(v, decimals_needed(v, decimals > 2 ? decimals - 2 : 0, 2), 2) + "%";
                        break;
                    default: label = grouped_decimal(v, decimals_needed(v, decimals)); break;
                }
                out.ticks.push_back({v, std::move(label)});
            }
            return out;
        }
    }
}

}  // namespace detail

/// @p v as axis @p a prints a value that need not be a tick (a bar's total, a breakpoint):
/// money compact and exact ("$17.25B"; rounded half-even to a mill), percentages and numbers
/// with the fewest decimals that are exact, at most 2 for percentages ("5.95%") and 4 for
/// numbers, rounded half-even, dates ISO. Money past the largest money (2^63 - 1 mills, a
/// stack's total, an axis end) reads the same way from its exact value, in trillions
/// ("$10,000T", "$18,446.744073709551614T"); only money past (2^127 - 1) mills throws
/// overflow_error, naming the value.
[[nodiscard]] inline std::string format_axis_value(const chart_axis& a, const fraction& v) {
    switch (a.format) {
        case axis_format::money: return detail::money_axis_label(v, a.currency);
        case axis_format::percent: return detail::grouped_decimal(v, detail::decimals_needed(v, 2, 2), 2) + "%";
        case axis_format::date: return detail::iso_date_text(detail::day_of(v, rounding::floor));
        case axis_format::number:
        case axis_format::category: break;
    }
    return detail::grouped_decimal(v, detail::decimals_needed(v, 4));
}

/// The "nice" range and ticks of axis @p a for data from @p min to @p max (widened to reach 0
/// if a.include_zero, on number, percent and money axes), with at most @p max_intervals
/// intervals (1 to 100).
///
/// Number, percent and money axes: the smallest step s = m x 10^k, m in {1, 2, 5}, chosen
/// exactly (fractions, no logarithms), such that floor(min / s) to ceil(max / s) is at most
/// max_intervals steps; money steps are at least a mill. Labels are exact, without trailing
/// zeros: "$0", "$250K", "$1.5B" (the currency's symbol, or its code: "CHF 2M"), "20%", "2.5%",
/// "1%", "1,000", "0.25". The ends may lie past the largest money (2^63 - 1 mills): data from
/// about $9,000T ends at "$10,000T", each label written from the exact tick (format_axis_value()).
/// A range of one value v is widened to [v - |v|, v + |v|] (to [0, 1] for 0).
/// Date axes (day numbers): the smallest step among 1, 2, 7 days (weeks start on Mondays);
/// 1, 2, 3, 6 months (from January); 1, 2, 5 x 10^k years; labelled "2026-03-02", "Mar 2026",
/// "2026". Throws invalid_argument_error for a category axis, min > max or max_intervals out of
/// range, and overflow_error naming the axis and its data range if its ends or ticks do not fit
/// exact fractions (numerators and denominators below 2^127: data within a step of that limit).
[[nodiscard]] inline axis_scale nice_scale(const chart_axis& a, fraction min, fraction max, int max_intervals) {
    if (a.format == axis_format::category) {
        throw invalid_argument_error("nice_scale: a category axis has bands, not ticks");
    }
    if (max < min) {
        throw invalid_argument_error("nice_scale: min = " + min.to_string() + " is greater than max = " + max.to_string());
    }
    if (max_intervals < 1 || max_intervals > 100) {
        throw invalid_argument_error("nice_scale: max_intervals = " + std::to_string(max_intervals) +
                                     ": must be between 1 and 100");
    }
    if (a.format == axis_format::date) {
        return detail::date_scale(detail::day_of(min, rounding::floor), detail::day_of(max, rounding::ceiling),
                                  max_intervals);
    }
    // The scale is exact fractions: an end, a step or a tick past +/-(2^127 - 1) (data within a
    // step of the fraction limit) has no nice scale; the error names the data range and the rule.
    try {
        fraction lo = min;
        fraction hi = max;
        if (a.include_zero) {
            if (fraction() < lo) lo = fraction();
            if (hi < fraction()) hi = fraction();
        }
        if (lo == hi) {
            if (lo.is_zero()) {
                hi = fraction(1);
            } else {
                const fraction m = lo.sign() < 0 ? -lo : lo;
                hi = lo + m;
                lo = lo - m;
            }
        }
        return detail::linear_scale(a, lo, hi, max_intervals);
    } catch (const overflow_error& e) {
        throw overflow_error("nice_scale: a " + std::string(to_string(a.format)) + " axis for " + min.to_string() +
                             " to " + max.to_string() +
                             ": its 1-2-5 x 10^k ticks do not fit exact fractions (numerators and denominators "
                             "below 2^127): " + e.what());
    }
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_CHART_HPP
