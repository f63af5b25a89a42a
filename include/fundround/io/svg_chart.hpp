/// @file io/svg_chart.hpp
/// @brief Drawing a chart (io/chart.hpp) as a standalone SVG document: nice axes with compact
/// money labels, grid, legend, title, axis titles, breakpoint markers, a colour-blind safe
/// palette. No floating point: coordinates are exact fractions rounded to 0.01 px by a named
/// rule and printed with integer formatting, so the output is byte-identical on every compiler.
#ifndef FUNDROUND_IO_SVG_CHART_HPP
#define FUNDROUND_IO_SVG_CHART_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/text_table.hpp>  // display_width
#include <fundround/error.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/rounding.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How exact chart coordinates become hundredths of a pixel: half away from zero.
inline constexpr rounding svg_coordinate_rounding = rounding::half_away_from_zero;

/// The number of colours of chart_palette_colour() before it repeats (bar series, then lines, take
/// them in order; a repeated colour is dashed on a line, and outlined with that dash on a bar or
/// an area).
inline constexpr std::size_t chart_palette_size = 8;

/// Colour @p i (mod 8) of the Okabe-Ito palette, safe for the common colour-vision deficiencies,
/// in the order series take them: blue, orange, bluish green, vermillion, reddish purple, sky
/// blue, yellow, black.
[[nodiscard]] constexpr std::string_view chart_palette_colour(std::size_t i) noexcept {
    constexpr std::string_view colours[chart_palette_size] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                              "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
    return colours[i % chart_palette_size];
}

namespace detail {

/// Dark text with a white outline under it, readable over lines and bars.
inline constexpr std::string_view halo =
    "fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

/// A length or coordinate in hundredths of a pixel.
using svg_px = std::int64_t;

/// @p v hundredths of a pixel as the shortest decimal: 12345 -> "123.45", 12300 -> "123".
[[nodiscard]] inline std::string px_text(svg_px v) {
    const bool negative = v < 0;
    const std::uint64_t m = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    std::string text = (negative ? "-" : "") + std::to_string(m / 100);
    const std::uint64_t cents = m % 100;
    if (cents != 0) {
        text += '.';
        text += static_cast<char>('0' + cents / 10);
        if (cents % 10 != 0) text += static_cast<char>('0' + cents % 10);
    }
    return text;
}

/// Appends @p text to @p out with &, <, >, " and ' escaped for XML text and attributes.
inline void append_xml_escaped(std::string& out, std::string_view text) {
    for (const char ch : text) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += ch; break;
        }
    }
}

/// @p text escaped for XML.
[[nodiscard]] inline std::string xml_escaped(std::string_view text) {
    std::string out;
    append_xml_escaped(out, text);
    return out;
}

/// Estimated advance width of @p text at @p font_size px, in hundredths of a pixel: per
/// character class, in hundredths of an em, close to DejaVu Sans (no font metrics at hand); a
/// wide (CJK) character a whole em, a combining mark nothing (code_point_width()).
[[nodiscard]] inline svg_px text_width(std::string_view text, int font_size) {
    svg_px em_hundredths = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        const auto u = static_cast<unsigned char>(ch);
        if (u >= 0x80) {
            // A non-ASCII character, measured by its width; a byte that starts no valid character
            // counts as one narrow character, as display_width() counts it.
            const utf8_char c = utf8_char_at(text, i);
            const std::size_t columns = c.length == 0 ? 1 : code_point_width(static_cast<char32_t>(c.code));
            em_hundredths += columns == 0 ? 0 : columns == 1 ? 70 : 100;
            if (c.length > 1) i += c.length - 1;
        } else if (ch == ' ' || ch == '.' || ch == ',' || ch == ':' || ch == ';' || ch == '\'' || ch == '!' ||
                   ch == '|' || ch == 'i' || ch == 'l' || ch == 'j' || ch == 'I') {
            em_hundredths += 32;
        } else if (ch == 'f' || ch == 't' || ch == 'r' || ch == '(' || ch == ')' || ch == '-' || ch == '/') {
            em_hundredths += 40;
        } else if (ch == 'm' || ch == 'w' || ch == 'M' || ch == 'W' || ch == '%') {
            em_hundredths += 92;
        } else if (ch >= 'A' && ch <= 'Z') {
            em_hundredths += 72;
        } else if (ch >= '0' && ch <= '9') {
            em_hundredths += 64;
        } else {
            em_hundredths += 62;
        }
    }
    return em_hundredths * font_size;
}

/// Estimated advance width of @p text in bold at @p font_size px, in hundredths of a pixel:
/// text_width() x 112/100 rounded up (DejaVu Sans Bold is about 12% wider than Book).
[[nodiscard]] inline svg_px bold_text_width(std::string_view text, int font_size) {
    return (text_width(text, font_size) * 112 + 99) / 100;
}

/// The ellipsis (U+2026) that ends a shortened text.
inline constexpr std::string_view ellipsis = "\xE2\x80\xA6";

/// Estimated width of @p text at @p size px, bold or not (text_width(), bold_text_width()).
[[nodiscard]] inline svg_px text_width(std::string_view text, int size, bool bold) {
    return bold ? bold_text_width(text, size) : text_width(text, size);
}

/// The length in bytes of the character that starts at byte @p i of @p text (1 for a byte
/// that starts no valid character, as text_width() counts it).
[[nodiscard]] inline std::size_t char_length_at(std::string_view text, std::size_t i) {
    if (static_cast<unsigned char>(text[i]) < 0x80) return 1;
    const utf8_char c = utf8_char_at(text, i);
    return c.length == 0 ? 1 : c.length;
}

/// A text as drawn within a width: the text shown and whether it was shortened.
struct fitted_text {
    std::string shown;  ///< The text, or its longest prefix that fits followed by the ellipsis.
    bool cut = false;   ///< True if shortened (the drawing keeps the whole text in an SVG title element).
};

/// @p text if its estimated width at @p size px is at most @p room; else its longest prefix of
/// whole characters (a combining mark stays with its base: it has no width) whose width with
/// the ellipsis after it is at most @p room, trailing spaces dropped; the ellipsis alone if
/// no character fits.
[[nodiscard]] inline fitted_text fit_text(std::string_view text, int size, svg_px room, bool bold = false) {
    if (text_width(text, size, bold) <= room) return {std::string(text), false};
    std::size_t keep = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t next = i + char_length_at(text, i);
        if (text_width(std::string(text.substr(0, next)) + std::string(ellipsis), size, bold) > room) break;
        keep = next;
        i = next;
    }
    while (keep > 0 && text[keep - 1] == ' ') --keep;
    return {std::string(text.substr(0, keep)) + std::string(ellipsis), true};
}

/// @p text broken into lines of estimated width at most @p room at @p size px: at spaces,
/// each line as many words as fit; a word wider than @p room (a long name, CJK text without
/// spaces) is broken between characters. Never empty.
[[nodiscard]] inline std::vector<std::string> wrap_text(std::string_view text, int size, svg_px room, bool bold = false) {
    std::vector<std::string> lines;
    std::string line;
    const auto width = [&](const std::string& t) { return text_width(t, size, bold); };
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find(' ', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string word(text.substr(at, end - at));
        at = end + 1;
        if (word.empty()) continue;
        const std::string joined = line.empty() ? word : line + " " + word;
        if (width(joined) <= room) {
            line = joined;
            continue;
        }
        if (!line.empty()) lines.push_back(line);
        line = word;
        while (width(line) > room) {
            // The longest prefix of whole characters that fits (at least one character).
            std::size_t keep = char_length_at(line, 0);
            for (std::size_t i = keep; i < line.size();) {
                const std::size_t next = i + char_length_at(line, i);
                if (width(line.substr(0, next)) > room) break;
                keep = next;
                i = next;
            }
            if (keep == line.size()) break;
            lines.push_back(line.substr(0, keep));
            line.erase(0, keep);
        }
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

/// A linear map from axis values [from, to] onto pixels: start + (v - from) * length / (to -
/// from), rounded to hundredths by svg_coordinate_rounding; `up` measures from start upwards
/// (y axes: start is the bottom of the plot).
struct axis_map {
    fraction from;        ///< The axis value at start.
    fraction to;          ///< The axis value at start + length.
    svg_px start = 0;     ///< The pixel of from.
    svg_px length = 0;    ///< Pixels from from to to.
    bool up = false;      ///< Pixels decrease as values increase.

    /// The pixel of @p v.
    [[nodiscard]] svg_px at(const fraction& v) const {
        const svg_px o = scaled_offset((v - from) / (to - from), v);
        return up ? start - o : start + o;
    }

private:
    /// @p ratio x length rounded by svg_coordinate_rounding, the product formed by binary long
    /// multiplication modulo the ratio's denominator: it never overflows, so an axis of values
    /// near 2^127 maps as exactly as any other. Throws overflow_error naming @p v if the offset
    /// is far outside the plot (beyond a quarter of the 64-bit range).
    [[nodiscard]] svg_px scaled_offset(const fraction& ratio, const fraction& v) const {
        const bool negative = (ratio.sign() < 0) != (length < 0);
        const uint128 d = static_cast<uint128>(ratio.denominator());
        const uint128 n = magnitude(ratio.numerator());
        const auto len = static_cast<std::uint64_t>(length < 0 ? -length : length);
        const uint128 far = static_cast<uint128>(int64_max / 4);
        const uint128 whole = n / d;
        const uint128 part = n % d;
        if (len != 0 && whole > far / len) {
            throw overflow_error("svg chart: coordinate " + v.to_string() + " is far outside the plot");
        }
        // part x len = carried x d + rest, bit by bit from the top of len (rest, part < d < 2^127).
        uint128 carried = 0;
        uint128 rest = 0;
        for (int bit = 63; bit >= 0; --bit) {
            carried *= 2U;
            if (rest >= d - rest) {
                rest -= d - rest;
                ++carried;
            } else {
                rest += rest;
            }
            if (((len >> bit) & 1U) != 0) {
                if (rest >= d - part) {
                    rest -= d - part;
                    ++carried;
                } else {
                    rest += part;
                }
            }
        }
        uint128 q = whole * len + carried;
        if (round_increment(q, rest, d, negative, svg_coordinate_rounding)) ++q;
        if (q > far) throw overflow_error("svg chart: coordinate " + v.to_string() + " is far outside the plot");
        const auto o = static_cast<svg_px>(q);
        return negative ? -o : o;
    }
};

/// Appends an SVG text element at (@p x, @p y) with the given size, anchor, extra attributes and
/// escaped @p text.
inline void svg_text(std::string& out, svg_px x, svg_px y, int size, std::string_view anchor, std::string_view extra,
                     std::string_view text) {
    out += "<text x=\"" + px_text(x) + "\" y=\"" + px_text(y) + "\" font-size=\"" + std::to_string(size) + "\"";
    if (anchor != "start") {
        out += " text-anchor=\"";
        out += anchor;
        out += '"';
    }
    if (!extra.empty()) {
        out += ' ';
        out += extra;
    }
    out += '>';
    append_xml_escaped(out, text);
    out += "</text>\n";
}

/// Appends @p t as svg_text() does; a shortened text goes in a group whose SVG title element holds
/// @p full (a tooltip, and what a screen reader reads).
inline void svg_fitted_text(std::string& out, svg_px x, svg_px y, int size, std::string_view anchor, std::string_view extra,
                            const fitted_text& t, std::string_view full) {
    if (t.cut) {
        out += "<g><title>";
        append_xml_escaped(out, full);
        out += "</title>\n";
    }
    svg_text(out, x, y, size, anchor, extra, t.shown);
    if (t.cut) out += "</g>\n";
}

/// Appends a <line> from (@p x1, @p y1) to (@p x2, @p y2) with @p style attributes.
inline void svg_line(std::string& out, svg_px x1, svg_px y1, svg_px x2, svg_px y2, std::string_view style) {
    out += "<line x1=\"" + px_text(x1) + "\" y1=\"" + px_text(y1) + "\" x2=\"" + px_text(x2) + "\" y2=\"" +
           px_text(y2) + "\" ";
    out += style;
    out += "/>\n";
}

/// The value of the piecewise-linear series @p s at @p x (within its x range), exactly.
[[nodiscard]] inline fraction value_at(const line_series& s, const fraction& x) {
    const std::vector<chart_point>& p = s.points;
    std::size_t k = 0;
    while (k + 1 < p.size() && p[k + 1].x.value() < x) ++k;
    if (k + 1 >= p.size() || p[k].x.value() == x) return p[k].y.value();
    const fraction& x0 = p[k].x.value();
    const fraction& x1 = p[k + 1].x.value();
    const fraction& y0 = p[k].y.value();
    const fraction& y1 = p[k + 1].y.value();
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

/// The stacked areas of a chart evaluated at the union of their x positions: xs ascending and,
/// per stacked area in chart order, the cumulative top at each x (the previous area's top is its
/// bottom; the first stands on 0).
struct stacked_areas {
    std::vector<std::size_t> series;          ///< Positions in chart::lines.
    std::vector<fraction> xs;                 ///< Union of the x positions.
    std::vector<std::vector<fraction>> tops;  ///< tops[j][i]: top of area j at xs[i].
};

/// The stacked areas of @p c (validated: they share their first and last x).
[[nodiscard]] inline stacked_areas stack_areas(const chart& c) {
    stacked_areas out;
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        if (c.lines[i].style != series_style::stacked_area) continue;
        out.series.push_back(i);
        for (const chart_point& p : c.lines[i].points) out.xs.push_back(p.x.value());
    }
    std::sort(out.xs.begin(), out.xs.end());
    out.xs.erase(std::unique(out.xs.begin(), out.xs.end()), out.xs.end());
    std::vector<fraction> running(out.xs.size());
    for (const std::size_t i : out.series) {
        for (std::size_t k = 0; k < out.xs.size(); ++k) running[k] += value_at(c.lines[i], out.xs[k]);
        out.tops.push_back(running);
    }
    return out;
}

/// The top of stacked area lines[@p series] at @p x (one of the x positions of @p a).
[[nodiscard]] inline fraction stacked_top(const stacked_areas& a, std::size_t series, const fraction& x) {
    const std::size_t j = static_cast<std::size_t>(std::find(a.series.begin(), a.series.end(), series) - a.series.begin());
    const std::size_t k = static_cast<std::size_t>(std::lower_bound(a.xs.begin(), a.xs.end(), x) - a.xs.begin());
    return a.tops[j][k];
}

/// The legend's swatch for a series.
enum class swatch : unsigned char { box, line, line_with_dot };

/// One legend entry.
struct legend_entry {
    std::string name;       ///< The series' name.
    std::string colour;     ///< Its colour.
    std::string dash;       ///< Its stroke-dasharray ("" for solid).
    swatch kind = swatch::box;  ///< What is drawn before the name.
};

/// The dash pattern of the @p round -th pass through the palette ("" for the first).
[[nodiscard]] inline std::string_view dash_for(std::size_t round) noexcept {
    constexpr std::string_view dashes[4] = {"", "7 4", "2 3", "9 3 2 3"};
    return dashes[round % 4];
}

/// The stroke of a filled shape (a bar, an area, a legend box) whose colour is on a repeated
/// pass through the palette (@p dash not empty): a dark outline with that dash, so that it is
/// told from the series with the same fill; otherwise @p plain (e.g. a white edge, or nothing).
[[nodiscard]] inline std::string fill_stroke(const std::string& dash, std::string_view plain) {
    if (dash.empty()) return std::string(plain);
    return " stroke=\"#222222\" stroke-width=\"1.5\" stroke-dasharray=\"" + dash + "\"";
}

/// Which of @p n labels in order are drawn when every @p k -th is: the first and each k-th
/// after it; the last in place of the last k-th before it when there is such a one (not the
/// first), so both ends are drawn. The rule by which turned category names are thinned.
[[nodiscard]] inline std::vector<bool> every_kth(std::size_t n, std::size_t k) {
    std::vector<bool> drawn(n, false);
    for (std::size_t i = 0; i < n; i += k) drawn[i] = true;
    if (n > 0) {
        const std::size_t last = n - 1;
        const std::size_t before = last / k * k;
        if (before != last && before > 0) {
            drawn[before] = false;
            drawn[last] = true;
        }
    }
    return drawn;
}

/// Which of the labels centred at @p at (hundredths of a pixel, ascending) are drawn so that
/// the drawn ones stand more than @p apart from each other: every_kth() with the smallest k
/// that keeps each drawn label more than @p apart from the next drawn one.
[[nodiscard]] inline std::vector<bool> thinned_apart(const std::vector<svg_px>& at, svg_px apart) {
    for (std::size_t k = 1;; ++k) {
        std::vector<bool> drawn = every_kth(at.size(), k);
        bool fits = true;
        bool any = false;
        svg_px previous = 0;
        for (std::size_t i = 0; i < at.size() && fits; ++i) {
            if (!drawn[i]) continue;
            fits = !any || at[i] - previous > apart;
            previous = at[i];
            any = true;
        }
        if (fits || k >= at.size()) return drawn;
    }
}

}  // namespace detail

/// @p c as a standalone SVG 1.1 document (UTF-8, width x height pixels); throws
/// validation_error listing every problem of the chart (validate_chart()), or naming the width
/// or height that leaves less than 40 px for the plot, and overflow_error if an exact
/// coordinate does not fit.
///
/// Layout, top to bottom: title, subtitle, legend (wrapped), the plot with its axes, the x axis
/// title, the note. Axis ranges and ticks come from nice_scale() (about one interval per
/// 110 px across, per 60 px up, from 2 to 10), a category x axis puts its labels under the band
/// centres; x labels that would overlap are turned 45 degrees. Bars stand on zero; stacked areas
/// are evaluated exactly at the union of their points; a step holds each level until the next
/// point; markers are dashed vertical lines labelled along the line.
///
/// No text leaves the chart or covers another, by these rules: a title, subtitle or note wider
/// than the chart wraps, and each line past the first, like each legend row past the first,
/// makes the drawing taller than chart::height (22, 17, 15 and 20 px), so the plot keeps its
/// height; a legend name, a turned category name (at most 150 px), an axis title or a marker
/// label wider than its room ends in an ellipsis, the whole text in an SVG title element (a
/// tooltip); turned category names in bands under 17 px name every k-th band (the smallest k
/// keeping them 12 px apart, the first and the last band named), each other band's name in an SVG
/// title element on its bars;
/// marker labels closer than 13 px join into one label naming each with its x value ("Series B
/// converts at $1M; Series A converts at $1.0001M"); bar labels wider than their bars turn to
/// read upwards, and turned ones on bars (stacks) under 11 px apart are thinned by the rule of
/// the category names (each side of the axis apart: every k-th, the first and the last drawn,
/// each drawn one more than 11 px from the next), each other label in an SVG title element on
/// its bar; end labels stand right of the plot by their lines' ends, at least 13 px apart and
/// within the plot's height, and more than fit there are thinned by the same rule (the highest
/// and the lowest drawn), each other label in an SVG title element on its line. Text widths are
/// estimated from character classes (detail::text_width(); the renderer's font decides the real
/// width). The output is the same bytes for the same chart on every platform.
[[nodiscard]] inline std::string to_svg(const chart& c) {
    using detail::svg_px;
    using detail::px_text;
    check_chart(c);
    const bool banded = c.x_axis.format == axis_format::category;
    const svg_px W = svg_px(c.width) * 100;
    const svg_px H = svg_px(c.height) * 100;

    // Colours and dashes: explicit ones, else the palette in series order (bars, then lines).
    std::size_t next_colour = 0;
    const auto pick = [&next_colour](const std::string& explicit_colour, std::string& dash) {
        if (!explicit_colour.empty()) return explicit_colour;
        const std::size_t i = next_colour++;
        dash = std::string(detail::dash_for(i / chart_palette_size));
        return std::string(chart_palette_colour(i));
    };
    std::vector<std::string> bar_colour(c.bars.size());
    std::vector<std::string> bar_dash(c.bars.size());
    std::vector<std::string> line_colour(c.lines.size());
    std::vector<std::string> line_dash(c.lines.size());
    std::vector<detail::legend_entry> legend;
    for (std::size_t i = 0; i < c.bars.size(); ++i) {
        bar_colour[i] = pick(c.bars[i].colour, bar_dash[i]);
        legend.push_back({c.bars[i].name, bar_colour[i], bar_dash[i], detail::swatch::box});
    }
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        line_colour[i] = pick(c.lines[i].colour, line_dash[i]);
        const series_style st = c.lines[i].style;
        legend.push_back({c.lines[i].name, line_colour[i], line_dash[i],
                          st == series_style::stacked_area ? detail::swatch::box
                          : c.lines[i].show_points         ? detail::swatch::line_with_dot
                                                           : detail::swatch::line});
    }

    // Data ranges.
    const detail::stacked_areas areas = detail::stack_areas(c);
    std::vector<fraction> ys;
    std::vector<fraction> xs;
    for (const line_series& s : c.lines) {
        for (const chart_point& p : s.points) {
            xs.push_back(p.x.value());
            if (s.style != series_style::stacked_area) ys.push_back(p.y.value());
        }
    }
    for (const std::vector<fraction>& top : areas.tops) ys.insert(ys.end(), top.begin(), top.end());
    if (!areas.series.empty()) ys.emplace_back();
    if (!c.bars.empty()) {
        ys.emplace_back();  // bars stand on zero
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            fraction up;
            fraction down;
            for (const bar_series& b : c.bars) {
                const fraction& v = b.values[k].value();
                if (c.layout == bar_layout::grouped) {
                    ys.push_back(v);
                } else if (v.sign() >= 0) {
                    up += v;
                } else {
                    down += v;
                }
            }
            ys.push_back(up);
            ys.push_back(down);
        }
    }
    for (const chart_marker& m : c.markers) xs.push_back(m.x.value());
    const fraction ymin = *std::min_element(ys.begin(), ys.end());
    const fraction ymax = *std::max_element(ys.begin(), ys.end());
    // Bar labels may stand above the top of the axis (below its bottom): 14 px kept for them.
    bool bars_up = false;
    bool bars_down = false;
    for (const bar_series& b : c.bars) {
        for (const chart_value& v : b.values) {
            bars_up = bars_up || (c.label_bars && v.value().sign() > 0);
            bars_down = bars_down || (c.label_bars && v.value().sign() < 0);
        }
    }

    // Vertical layout: title, subtitle and legend at the top, note and x axis title at the bottom.
    // A title, subtitle or note wider than the chart wraps; a legend entry wider than the chart
    // is shortened with an ellipsis (its whole name in a <title>). Every line or legend row past
    // the first makes the drawing taller (grow), so the plot keeps its height.
    const svg_px pad = 1600;
    const svg_px text_room = W - 2 * pad;
    svg_px grow = 0;
    svg_px top = pad;
    std::string head;  // title, subtitle, legend
    if (!c.title.empty()) {
        const std::vector<std::string> lines = detail::wrap_text(c.title, 18, text_room, true);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (k > 0) top += 2200;
            detail::svg_text(head, pad, top + 1800, 18, "start", "font-weight=\"bold\" fill=\"#222222\"", lines[k]);
        }
        grow += svg_px(lines.size() - 1) * 2200;
        top += 2600;
    }
    if (!c.subtitle.empty()) {
        const std::vector<std::string> lines = detail::wrap_text(c.subtitle, 13, text_room);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (k > 0) top += 1700;
            detail::svg_text(head, pad, top + 1300, 13, "start", "fill=\"#555555\"", lines[k]);
        }
        grow += svg_px(lines.size() - 1) * 1700;
        top += 2200;
    }
    {
        svg_px x = pad;
        svg_px row = top;
        bool any = false;
        for (const detail::legend_entry& e : legend) {
            const svg_px swatch_w = e.kind == detail::swatch::box ? 1200 : 2200;
            const detail::fitted_text name = detail::fit_text(e.name, 12, text_room - swatch_w - 600);
            const svg_px w = swatch_w + 600 + detail::text_width(name.shown, 12);
            if (any && x + w > W - pad) {
                x = pad;
                row += 2000;
                grow += 2000;
            }
            any = true;
            const svg_px mid = row + 1000;
            if (e.kind == detail::swatch::box) {
                head += "<rect x=\"" + px_text(x) + "\" y=\"" + px_text(mid - 600) +
                        "\" width=\"12\" height=\"12\" fill=\"" + e.colour + "\"" + detail::fill_stroke(e.dash, "") + "/>\n";
            } else {
                std::string style = "stroke=\"" + e.colour + "\" stroke-width=\"2.5\"";
                if (!e.dash.empty()) style += " stroke-dasharray=\"" + e.dash + "\"";
                detail::svg_line(head, x, mid, x + swatch_w, mid, style);
                if (e.kind == detail::swatch::line_with_dot) {
                    head += "<circle cx=\"" + px_text(x + swatch_w / 2) + "\" cy=\"" + px_text(mid) +
                            "\" r=\"3.5\" fill=\"" + e.colour + "\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n";
                }
            }
            detail::svg_fitted_text(head, x + swatch_w + 600, mid + 420, 12, "start", "fill=\"#333333\"", name, e.name);
            x += w + 1800;
        }
        if (any) top = row + 2000 + 400;
    }
    std::vector<std::string> note_lines;
    if (!c.note.empty()) note_lines = detail::wrap_text(c.note, 11, text_room);
    if (!note_lines.empty()) grow += svg_px(note_lines.size() - 1) * 1500;
    const svg_px drawn_height = H + grow;  // the SVG's height
    svg_px plot_top = top + 1000 + (bars_up ? 1400 : 0);
    svg_px bottom = drawn_height - pad;
    std::string foot;  // note and x axis title
    if (!note_lines.empty()) {
        for (std::size_t k = 0; k < note_lines.size(); ++k) {
            detail::svg_text(foot, pad, bottom - svg_px(note_lines.size() - 1 - k) * 1500, 11, "start", "fill=\"#666666\"",
                             note_lines[k]);
        }
        bottom -= 2000 + svg_px(note_lines.size() - 1) * 1500;
    }
    const bool has_x_title = !c.x_axis.title.empty();
    const svg_px x_title_baseline = bottom;
    if (has_x_title) bottom -= 2200;

    // The y scale, then the left margin from its labels.
    const svg_px y_room_guess = bottom - 2400 - plot_top;
    const int y_intervals = static_cast<int>(std::clamp<svg_px>(y_room_guess / 6000, 2, 10));
    axis_scale yscale = nice_scale(c.y_axis, ymin, ymax, y_intervals);
    svg_px ylabel_w = 0;
    for (const axis_tick& t : yscale.ticks) ylabel_w = std::max(ylabel_w, detail::text_width(t.label, 12));
    const bool has_y_title = !c.y_axis.title.empty();
    const svg_px plot_left = pad + (has_y_title ? 2400 : 0) + ylabel_w + 800;

    // The x scale and its labels.
    axis_scale xscale;
    if (banded) {
        xscale.from = fraction();
        xscale.to = fraction(static_cast<std::int64_t>(c.categories.size()));
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            xscale.ticks.push_back({fraction(static_cast<std::int64_t>(2 * k + 1), 2), c.categories[k]});
        }
    } else {
        const fraction xmin = *std::min_element(xs.begin(), xs.end());
        const fraction xmax = *std::max_element(xs.begin(), xs.end());
        const int x_intervals = static_cast<int>(std::clamp<svg_px>((W - plot_left) / 11000, 2, 10));
        xscale = nice_scale(c.x_axis, xmin, xmax, x_intervals);
    }
    svg_px xlabel_w = 0;
    for (const axis_tick& t : xscale.ticks) xlabel_w = std::max(xlabel_w, detail::text_width(t.label, 12));
    const svg_px last_half = banded ? 0 : detail::text_width(xscale.ticks.back().label, 12) / 2;
    // End labels: the last value of each line that asks for one, right of the plot.
    std::vector<std::pair<std::size_t, std::string>> end_labels;
    svg_px end_label_w = 0;
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const line_series& s = c.lines[i];
        if (!s.label_end) continue;
        const fraction last = s.style == series_style::stacked_area ? areas.tops[static_cast<std::size_t>(
                                                                          std::find(areas.series.begin(), areas.series.end(), i) -
                                                                          areas.series.begin())].back()
                                                                    : s.points.back().y.value();
        end_labels.emplace_back(i, format_axis_value(c.y_axis, last));
        end_label_w = std::max(end_label_w, detail::text_width(end_labels.back().second, 11));
    }
    const svg_px right_room = end_labels.empty() ? 2400 : end_label_w + 1400;
    const svg_px plot_right = W - std::max<svg_px>(right_room, last_half + 800);
    const svg_px plot_w = plot_right - plot_left;
    const svg_px spacing = banded ? plot_w / static_cast<svg_px>(c.categories.size())
                                  : plot_w / static_cast<svg_px>(std::max<std::size_t>(1, xscale.ticks.size() - 1));
    const bool turned = xlabel_w + 1000 > spacing;
    // Turned category names are parallel 12 px boxes a band apart across, band x sin 45 degrees
    // apart square to the text: under 17 px a band they would overlap. Then every k-th band is
    // named, the smallest k that keeps the names more than 12 px apart (by sin 45 > 0.70711, and
    // 0.01 px of rounding), from the first band; the last band is named instead of the last k-th
    // one before it when there is such a one (its gap to the previous name grows). Each band left
    // unnamed keeps its whole name in a <title> on its bars (or, with no bar drawn, on a
    // transparent rectangle over the band).
    std::vector<bool> named(xscale.ticks.size(), true);
    if (turned && banded) {
        std::size_t step = 1;
        while (step < named.size() && (static_cast<svg_px>(step) * spacing - 1) * 70711 < 120100000) ++step;
        if (step > 1) {
            for (std::size_t k = 0; k < named.size(); ++k) named[k] = k % step == 0;
            const std::size_t last = named.size() - 1;
            const std::size_t before = last / step * step;
            if (before != last && before > 0) {
                named[before] = false;
                named[last] = true;
            }
        }
    }
    // A turned category name reads up to its band from the lower left: shortened with an
    // ellipsis (its whole text in a <title>) to at most 150 px and to end inside the chart's
    // left edge. Tick values are never shortened.
    std::vector<detail::fitted_text> xlabels;
    {
        const bool shorten = turned && banded;
        const svg_px turned_room = std::min<svg_px>(15000, std::max<svg_px>(0, plot_left + spacing / 2 + 400 - 900) * 100 / 71);
        if (shorten) xlabel_w = 0;
        for (const axis_tick& t : xscale.ticks) {
            xlabels.push_back(shorten ? detail::fit_text(t.label, 12, turned_room) : detail::fitted_text{t.label, false});
            if (shorten && named[xlabels.size() - 1]) xlabel_w = std::max(xlabel_w, detail::text_width(xlabels.back().shown, 12));
        }
    }
    // Bar labels: when one is wider than its slot (a grouped bar's own width when the group has
    // several, since a neighbour's label can stand at the same height, its width and 6 px when it
    // is alone in its band; a stack's band less 2 px), every bar label turns to read upwards from
    // its bar, and the plot keeps room above (below) it for the longest.
    bool bar_labels_turned = false;
    svg_px bar_label_up_w = 0;
    svg_px bar_label_down_w = 0;
    if (c.label_bars && !c.bars.empty()) {
        const auto m = static_cast<svg_px>(c.layout == bar_layout::grouped ? c.bars.size() : 1);
        const svg_px group = std::min<svg_px>(spacing * 7 / 10, m * 11000);
        const svg_px slot = c.layout == bar_layout::grouped ? group / m + (m > 1 ? 0 : 600) : spacing - 200;
        const auto measure = [&](const fraction& v) {
            const svg_px w = detail::text_width(format_axis_value(c.y_axis, v), 11);
            bar_labels_turned = bar_labels_turned || w > slot;
            (v.sign() > 0 ? bar_label_up_w : bar_label_down_w) = std::max(v.sign() > 0 ? bar_label_up_w : bar_label_down_w, w);
        };
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            fraction up;
            fraction down;
            bool any_up = false;
            bool any_down = false;
            for (const bar_series& b : c.bars) {
                const fraction& v = b.values[k].value();
                if (c.layout == bar_layout::grouped) {
                    if (!v.is_zero()) measure(v);
                } else if (v.sign() >= 0) {
                    up += v;
                    any_up = any_up || v.sign() > 0;
                } else {
                    down += v;
                    any_down = true;
                }
            }
            if (any_up) measure(up);
            if (any_down) measure(down);
        }
    }
    if (bar_labels_turned && bars_up) plot_top += bar_label_up_w + 700 - 1400;
    const svg_px below = !bars_down ? 0 : bar_labels_turned ? bar_label_down_w + 700 : 1400;
    const svg_px label_room = (turned ? xlabel_w * 71 / 100 + 1200 + 1000 : 2400) + below;
    const svg_px plot_bottom = bottom - label_room;
    if (plot_bottom - plot_top < 4000 || plot_w < 4000) {
        std::vector<diagnostic> room;
        if (plot_bottom - plot_top < 4000) {
            room.push_back({field_path("height"), std::to_string(c.height),
                            "leaves less than 40 px for the plot under the title, subtitle and legend "
                            "and above the axis labels: make the chart taller or the texts fewer"});
        }
        if (plot_w < 4000) {
            room.push_back({field_path("width"), std::to_string(c.width),
                            "leaves less than 40 px for the plot beside the axis and end labels: make "
                            "the chart wider or the labels shorter"});
        }
        throw validation_error("chart \"" + c.title + "\"", std::move(room));
    }
    // Turned bar labels and category names take their room from the plot after the y scale was
    // chosen for the taller one: if the plot's final height has room for fewer intervals (one per
    // 60 px, at least 2), the y scale is chosen again, with labels no wider than the margin made
    // for the first (nice_scale() with fewer intervals rarely writes longer labels).
    const int y_fit = static_cast<int>(std::clamp<svg_px>((plot_bottom - plot_top) / 6000, 2, 10));
    const auto widest_y_label = [](const axis_scale& s) {
        svg_px w = 0;
        for (const axis_tick& t : s.ticks) w = std::max(w, detail::text_width(t.label, 12));
        return w;
    };
    for (int n = y_fit; yscale.ticks.size() > static_cast<std::size_t>(y_fit) + 1 && n >= 2; --n) {
        axis_scale fewer = nice_scale(c.y_axis, ymin, ymax, n);
        if (widest_y_label(fewer) <= ylabel_w) yscale = std::move(fewer);
    }
    // Tick labels (12 px boxes) closer than 12.01 px overlap. When every scale with at most y_fit
    // intervals writes labels wider than the margin, the scale is the first with more intervals
    // (but fewer than the crowded one) whose labels fit the margin and stand apart; failing that,
    // every k-th tick is labelled (detail::thinned_apart(): the first and the last labelled), each
    // grid line kept.
    const auto y_spacing = [&](const axis_scale& s) {
        return (plot_bottom - plot_top) / static_cast<svg_px>(std::max<std::size_t>(1, s.ticks.size() - 1));
    };
    for (int n = y_fit + 1; y_spacing(yscale) <= 1201 && static_cast<std::size_t>(n) + 1 < yscale.ticks.size(); ++n) {
        axis_scale more = nice_scale(c.y_axis, ymin, ymax, n);
        if (more.ticks.size() < yscale.ticks.size() && y_spacing(more) > 1201 && widest_y_label(more) <= ylabel_w) {
            yscale = std::move(more);
        }
    }
    const detail::axis_map xmap{xscale.from, xscale.to, plot_left, plot_w, false};
    const detail::axis_map ymap{yscale.from, yscale.to, plot_bottom, plot_bottom - plot_top, true};

    std::string out;
    out.reserve(16384);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + std::to_string(c.width) +
           "\" height=\"" + px_text(drawn_height) + "\" viewBox=\"0 0 " + std::to_string(c.width) + " " +
           px_text(drawn_height) + "\" font-family=\"DejaVu Sans, Verdana, Arial, Helvetica, sans-serif\">\n";
    out += "<title>";
    detail::append_xml_escaped(out, c.title);
    out += "</title>\n";
    out += "<rect width=\"" + std::to_string(c.width) + "\" height=\"" + px_text(drawn_height) +
           "\" fill=\"#ffffff\"/>\n";

    // Grid and tick labels.
    out += "<g class=\"grid\">\n";
    for (const axis_tick& t : yscale.ticks) {
        const svg_px y = ymap.at(t.value);
        detail::svg_line(out, plot_left, y, plot_right, y, "stroke=\"#e3e3e3\" stroke-width=\"1\"");
    }
    if (!banded) {
        for (const axis_tick& t : xscale.ticks) {
            const svg_px x = xmap.at(t.value);
            detail::svg_line(out, x, plot_top, x, plot_bottom, "stroke=\"#f0f0f0\" stroke-width=\"1\"");
        }
    }
    out += "</g>\n<g class=\"axes\" fill=\"#444444\">\n";
    std::vector<svg_px> ytick_at;
    for (const axis_tick& t : yscale.ticks) ytick_at.push_back(-ymap.at(t.value));
    const std::vector<bool> ytick_labelled = detail::thinned_apart(ytick_at, 1201);
    for (std::size_t k = 0; k < yscale.ticks.size(); ++k) {
        if (!ytick_labelled[k]) continue;
        const axis_tick& t = yscale.ticks[k];
        detail::svg_text(out, plot_left - 800, ymap.at(t.value) + 420, 12, "end", "", t.label);
    }
    for (const axis_tick& t : xscale.ticks) {
        const svg_px x = xmap.at(t.value);
        const auto at = static_cast<std::size_t>(&t - xscale.ticks.data());
        const detail::fitted_text& label = xlabels[at];
        if (!named[at]) continue;
        if (turned) {
            const svg_px y = plot_bottom + below + 1400;
            detail::svg_fitted_text(out, x + 400, y, 12, "end",
                                    "transform=\"rotate(-45 " + px_text(x + 400) + " " + px_text(y) + ")\"", label, t.label);
        } else {
            detail::svg_text(out, x, plot_bottom + below + 1800, 12, "middle", "", t.label);
        }
    }
    out += "</g>\n";

    // End labels right of the plot, in order of height, their baselines from 4 px under the top of
    // the plot (a label at the top value) to 4 px under its bottom, at least 13 px apart: each at
    // its line's end, pushed down from the one above it, then up from the bottom. More than fit
    // in the plot's height are thinned as turned category names are (detail::every_kth(): the
    // smallest k that fits, the highest and the lowest drawn); the text of a label not drawn is
    // in an SVG title element on its line (or area).
    std::vector<std::pair<svg_px, std::size_t>> end_at;  // (baseline, position in end_labels)
    std::vector<std::string> end_hidden(c.lines.size());  // by line: its label's text, not drawn
    if (!end_labels.empty()) {
        for (std::size_t e = 0; e < end_labels.size(); ++e) {
            const line_series& s = c.lines[end_labels[e].first];
            const fraction last = s.style == series_style::stacked_area
                                      ? detail::stacked_top(areas, end_labels[e].first, s.points.back().x.value())
                                      : s.points.back().y.value();
            end_at.emplace_back(ymap.at(last) + 400, e);
        }
        std::sort(end_at.begin(), end_at.end());
        const auto fit = static_cast<std::size_t>((plot_bottom - plot_top) / 1300) + 1;
        if (end_at.size() > fit) {
            std::size_t step = 2;
            std::vector<bool> drawn = detail::every_kth(end_at.size(), step);
            while (static_cast<std::size_t>(std::count(drawn.begin(), drawn.end(), true)) > fit) {
                drawn = detail::every_kth(end_at.size(), ++step);
            }
            std::vector<std::pair<svg_px, std::size_t>> kept;
            for (std::size_t k = 0; k < end_at.size(); ++k) {
                if (drawn[k]) {
                    kept.push_back(end_at[k]);
                } else {
                    end_hidden[end_labels[end_at[k].second].first] = end_labels[end_at[k].second].second;
                }
            }
            end_at = std::move(kept);
        }
        for (std::size_t k = 1; k < end_at.size(); ++k) end_at[k].first = std::max(end_at[k].first, end_at[k - 1].first + 1300);
        const svg_px lowest = plot_bottom + 400;
        if (end_at.back().first > lowest) {
            end_at.back().first = lowest;
            for (std::size_t k = end_at.size() - 1; k-- > 0;) end_at[k].first = std::min(end_at[k].first, end_at[k + 1].first - 1300);
        }
    }
    // A line's or area's path, in a group whose SVG title element holds its end label's text when
    // that label is not drawn.
    const auto series_path = [&out, &end_hidden](std::size_t i, const std::string& path) {
        if (!end_hidden[i].empty()) {
            out += "<g><title>";
            detail::append_xml_escaped(out, end_hidden[i]);
            out += "</title>\n";
        }
        out += path;
        if (!end_hidden[i].empty()) out += "</g>\n";
    };

    // Stacked areas.
    for (std::size_t j = 0; j < areas.series.size(); ++j) {
        const std::size_t i = areas.series[j];
        std::string d;
        for (std::size_t k = 0; k < areas.xs.size(); ++k) {
            d += (k == 0 ? "M" : " L") + px_text(xmap.at(areas.xs[k])) + " " + px_text(ymap.at(areas.tops[j][k]));
        }
        for (std::size_t k = areas.xs.size(); k-- > 0;) {
            const fraction base = j == 0 ? fraction() : areas.tops[j - 1][k];
            d += " L" + px_text(xmap.at(areas.xs[k])) + " " + px_text(ymap.at(base));
        }
        series_path(i, "<path class=\"area\" d=\"" + d + " Z\" fill=\"" + line_colour[i] + "\" fill-opacity=\"0.85\"" +
                           detail::fill_stroke(line_dash[i], " stroke=\"#ffffff\" stroke-width=\"1\"") + "/>\n");
    }

    // Bars: a group of width 7/10 of the band (at most 110 px a bar), grouped or stacked.
    std::vector<bool> titled(named.size(), false);  // an unnamed band's name is on its bars
    if (!c.bars.empty()) {
        out += "<g class=\"bars\">\n";
        const auto m = static_cast<std::int64_t>(c.layout == bar_layout::grouped ? c.bars.size() : 1);
        const svg_px band = xmap.at(fraction(1)) - xmap.at(fraction());
        fraction group(7, 10);
        const fraction widest(m * 11000, band);
        if (widest < group) group = widest;
        const fraction inset = (fraction(1) - group) / fraction(2);
        std::string labels;
        // A bar's label 5 px above its end (under it, going down), centred on @p lx; turned, it
        // reads upwards from there, its 11 px of height centred on the bar.
        const auto bar_label = [&labels, bar_labels_turned](svg_px lx, svg_px yb, bool up_bar, const std::string& text) {
            if (!bar_labels_turned) {
                detail::svg_text(labels, lx, up_bar ? yb - 500 : yb + 1500, 11, "middle", detail::halo, text);
                return;
            }
            const svg_px x = lx + 275;
            const svg_px y = up_bar ? yb - 500 : yb + 500;
            detail::svg_text(labels, x, y, 11, up_bar ? "start" : "end",
                             "transform=\"rotate(-90 " + px_text(x) + " " + px_text(y) + ")\" " + std::string(detail::halo), text);
        };
        // A label not drawn whose bar has no height: its text on a transparent rectangle over the
        // bar's place, the plot's height.
        const auto hidden_title = [&out, plot_top, plot_bottom](svg_px x0, svg_px x1, const std::string& text) {
            out += "<g><title>";
            detail::append_xml_escaped(out, text);
            out += "</title><rect x=\"" + px_text(x0) + "\" y=\"" + px_text(plot_top) + "\" width=\"" + px_text(x1 - x0) +
                   "\" height=\"" + px_text(plot_bottom - plot_top) + "\" fill=\"none\" pointer-events=\"all\"/></g>\n";
        };
        // Turned labels are 11 px boxes across, centred on their bars: those standing above the
        // axis, and apart those below it (they never meet), each in x order, are thinned as turned
        // category names are (detail::thinned_apart(): every k-th, the first and the last drawn,
        // each drawn one more than 11.01 px from the next). A label not drawn is in an SVG title
        // element on its bar (a stack's total on each bar of its side of the axis), or on a
        // transparent rectangle over the bar's place when no bar is drawn there.
        const std::size_t nb = c.bars.size();
        std::vector<bool> label_drawn(c.categories.size() * (c.layout == bar_layout::grouped ? nb : 2), true);
        if (c.label_bars && bar_labels_turned) {
            std::vector<svg_px> at[2];          // centres of the labels above (0) and below (1) the axis
            std::vector<std::size_t> which[2];  // their positions in label_drawn
            const auto add = [&at, &which](bool above, svg_px x, std::size_t i) {
                at[above ? 0 : 1].push_back(x);
                which[above ? 0 : 1].push_back(i);
            };
            for (std::size_t k = 0; k < c.categories.size(); ++k) {
                const fraction left = fraction(static_cast<std::int64_t>(k)) + inset;
                bool any_up = false;
                bool any_down = false;
                for (std::size_t j = 0; j < nb; ++j) {
                    const fraction& v = c.bars[j].values[k].value();
                    if (c.layout == bar_layout::grouped) {
                        const svg_px x0 = xmap.at(left + group * fraction(static_cast<std::int64_t>(j)) / fraction(m));
                        const svg_px x1 = xmap.at(left + group * fraction(static_cast<std::int64_t>(j + 1)) / fraction(m));
                        if (!v.is_zero()) add(v.sign() > 0, (x0 + x1) / 2, k * nb + j);
                    } else {
                        any_up = any_up || v.sign() > 0;
                        any_down = any_down || v.sign() < 0;
                    }
                }
                if (c.layout == bar_layout::stacked) {
                    const svg_px lx = xmap.at(left + group / fraction(2));
                    if (any_up) add(true, lx, 2 * k);
                    if (any_down) add(false, lx, 2 * k + 1);
                }
            }
            for (std::size_t side = 0; side < 2; ++side) {
                const std::vector<bool> drawn = detail::thinned_apart(at[side], 1101);
                for (std::size_t i = 0; i < drawn.size(); ++i) label_drawn[which[side][i]] = drawn[i];
            }
        }
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            const fraction left = fraction(static_cast<std::int64_t>(k)) + inset;
            const std::size_t band_start = out.size();
            // A stack's totals (for the title of a label not drawn), and whether a bar carries it.
            fraction up_total;
            fraction down_total;
            if (c.layout == bar_layout::stacked) {
                for (std::size_t j = 0; j < nb; ++j) {
                    const fraction& v = c.bars[j].values[k].value();
                    (v.sign() >= 0 ? up_total : down_total) += v;
                }
            }
            bool up_carried = false;
            bool down_carried = false;
            fraction up;
            fraction down;
            bool any_up = false;
            bool any_down = false;
            for (std::size_t j = 0; j < c.bars.size(); ++j) {
                const fraction& v = c.bars[j].values[k].value();
                fraction x0 = left;
                fraction x1 = left + group;
                fraction base;
                if (c.layout == bar_layout::grouped) {
                    x0 = left + group * fraction(static_cast<std::int64_t>(j)) / fraction(m);
                    x1 = left + group * fraction(static_cast<std::int64_t>(j + 1)) / fraction(m);
                } else if (v.sign() >= 0) {
                    base = up;
                    up += v;
                    any_up = any_up || v.sign() > 0;
                } else {
                    base = down;
                    down += v;
                    any_down = true;
                }
                const svg_px px0 = xmap.at(x0);
                const svg_px px1 = xmap.at(x1);
                const svg_px ya = ymap.at(base);
                const svg_px yb = ymap.at(base + v);
                const svg_px y_top = std::min(ya, yb);
                const svg_px h = std::max(ya, yb) - y_top;
                // The text of a label not drawn that this bar carries ("" for none).
                std::string hidden;
                if (c.label_bars && !v.is_zero()) {
                    if (c.layout == bar_layout::grouped) {
                        if (!label_drawn[k * nb + j]) hidden = format_axis_value(c.y_axis, v);
                    } else if (!label_drawn[2 * k + (v.sign() > 0 ? 0 : 1)]) {
                        hidden = format_axis_value(c.y_axis, v.sign() > 0 ? up_total : down_total);
                    }
                }
                if (h > 0) {
                    if (!hidden.empty()) {
                        out += "<g><title>";
                        detail::append_xml_escaped(out, hidden);
                        out += "</title>\n";
                        (v.sign() > 0 ? up_carried : down_carried) = true;
                    }
                    out += "<rect x=\"" + px_text(px0) + "\" y=\"" + px_text(y_top) + "\" width=\"" +
                           px_text(px1 - px0) + "\" height=\"" + px_text(h) + "\" fill=\"" + bar_colour[j] + "\"";
                    out += detail::fill_stroke(bar_dash[j], c.layout == bar_layout::stacked ? " stroke=\"#ffffff\" stroke-width=\"1\"" : "");
                    out += "/>\n";
                    if (!hidden.empty()) out += "</g>\n";
                } else if (!hidden.empty() && c.layout == bar_layout::grouped) {
                    hidden_title(px0, px1, hidden);
                }
                if (c.label_bars && c.layout == bar_layout::grouped && !v.is_zero() && label_drawn[k * nb + j]) {
                    bar_label((px0 + px1) / 2, yb, v.sign() > 0, format_axis_value(c.y_axis, v));
                }
            }
            if (c.label_bars && c.layout == bar_layout::stacked) {
                const svg_px x0 = xmap.at(left);
                const svg_px x1 = xmap.at(left + group);
                if (any_up && !label_drawn[2 * k] && !up_carried) hidden_title(x0, x1, format_axis_value(c.y_axis, up_total));
                if (any_down && !label_drawn[2 * k + 1] && !down_carried) {
                    hidden_title(x0, x1, format_axis_value(c.y_axis, down_total));
                }
            }
            if (!named[k] && out.size() > band_start) {
                std::string band_title = "<g><title>";
                detail::append_xml_escaped(band_title, c.categories[k]);
                band_title += "</title>\n";
                out.insert(band_start, band_title);
                out += "</g>\n";
                titled[k] = true;
            }
            if (c.label_bars && c.layout == bar_layout::stacked) {
                const svg_px lx = xmap.at(left + group / fraction(2));
                if (any_up && label_drawn[2 * k]) bar_label(lx, ymap.at(up), true, format_axis_value(c.y_axis, up));
                if (any_down && label_drawn[2 * k + 1]) bar_label(lx, ymap.at(down), false, format_axis_value(c.y_axis, down));
            }
        }
        out += labels;
        out += "</g>\n";
    }

    // An unnamed band with no bar drawn: its name on a transparent rectangle over the band.
    for (std::size_t k = 0; k < named.size(); ++k) {
        if (named[k] || titled[k]) continue;
        const svg_px x0 = xmap.at(fraction(static_cast<std::int64_t>(k)));
        const svg_px x1 = xmap.at(fraction(static_cast<std::int64_t>(k + 1)));
        out += "<g><title>";
        detail::append_xml_escaped(out, c.categories[k]);
        out += "</title><rect x=\"" + px_text(x0) + "\" y=\"" + px_text(plot_top) + "\" width=\"" + px_text(x1 - x0) +
               "\" height=\"" + px_text(plot_bottom - plot_top) + "\" fill=\"none\" pointer-events=\"all\"/></g>\n";
    }

    // The zero line and the x axis line.
    const bool zero_inside = yscale.from.sign() < 0 && yscale.to.sign() > 0;
    detail::svg_line(out, plot_left, plot_bottom, plot_right, plot_bottom, "stroke=\"#888888\" stroke-width=\"1\"");
    if (zero_inside) {
        const svg_px y0 = ymap.at(fraction());
        detail::svg_line(out, plot_left, y0, plot_right, y0, "stroke=\"#333333\" stroke-width=\"1.2\"");
    }

    // Lines and steps, then their points.
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const line_series& s = c.lines[i];
        if (s.style == series_style::stacked_area) continue;
        std::string d;
        for (std::size_t k = 0; k < s.points.size(); ++k) {
            const svg_px x = xmap.at(s.points[k].x.value());
            const svg_px y = ymap.at(s.points[k].y.value());
            if (k == 0) {
                d += "M" + px_text(x) + " " + px_text(y);
            } else if (s.style == series_style::step) {
                d += " H" + px_text(x) + " V" + px_text(y);
            } else {
                d += " L" + px_text(x) + " " + px_text(y);
            }
        }
        std::string path = "<path class=\"series\" d=\"" + d + "\" fill=\"none\" stroke=\"" + line_colour[i] +
                           "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"";
        if (!line_dash[i].empty()) path += " stroke-dasharray=\"" + line_dash[i] + "\"";
        series_path(i, path + "/>\n");
    }
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const line_series& s = c.lines[i];
        if (!s.show_points) continue;
        for (const chart_point& p : s.points) {
            const svg_px y = ymap.at(s.style == series_style::stacked_area ? detail::stacked_top(areas, i, p.x.value())
                                                                           : p.y.value());
            out += "<circle cx=\"" + px_text(xmap.at(p.x.value())) + "\" cy=\"" + px_text(y) + "\" r=\"3.5\" fill=\"" +
                   line_colour[i] + "\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n";
        }
    }

    // End labels, pushed apart to at least 13 px between baselines, in order of height.
    for (const auto& [y, e] : end_at) {
        detail::svg_text(out, plot_right + 600, y, 11, "start", "fill=\"" + line_colour[end_labels[e].first] + "\"",
                         end_labels[e].second);
    }

    // Markers: a dashed line each, and labels along them reading upwards from 6 px under the top
    // of the plot, 5 px left of the line (right of it where that would leave the plot). Labels
    // closer than 13 px (an 11 px label and 2 px) would overlap: in x order, a marker whose label
    // would stand within 13 px of the previous label joins it, and the joined label names each
    // marker's label with its x value ("Series B converts at $1M; Series A converts at
    // $1.0001M"). A label longer than the plot is high is shortened with an ellipsis; the whole
    // text is in a <title>.
    std::vector<std::pair<svg_px, std::size_t>> labelled;  // (label x, marker)
    for (std::size_t i = 0; i < c.markers.size(); ++i) {
        if (!c.markers[i].label.empty()) labelled.emplace_back(std::max(xmap.at(c.markers[i].x.value()) - 500, plot_left + 900), i);
    }
    std::stable_sort(labelled.begin(), labelled.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> marker_labels(c.markers.size());  // by the marker the label follows
    for (std::size_t k = 0; k < labelled.size();) {
        std::size_t end = k + 1;
        while (end < labelled.size() && labelled[end].first < labelled[k].first + 1300) ++end;
        std::string text;
        if (end == k + 1) {
            text = c.markers[labelled[k].second].label;
        } else {
            for (std::size_t j = k; j < end; ++j) {
                const chart_marker& m = c.markers[labelled[j].second];
                text += (j == k ? "" : "; ") + m.label + " at " + format_axis_value(c.x_axis, m.x.value());
            }
        }
        const svg_px lx = labelled[k].first;
        const svg_px ly = plot_top + 600;
        detail::svg_fitted_text(marker_labels[labelled[k].second], lx, ly, 11, "end",
                                "transform=\"rotate(-90 " + px_text(lx) + " " + px_text(ly) + ")\" " + std::string(detail::halo),
                                detail::fit_text(text, 11, plot_bottom - 200 - ly), text);
        k = end;
    }
    for (std::size_t i = 0; i < c.markers.size(); ++i) {
        const svg_px x = xmap.at(c.markers[i].x.value());
        detail::svg_line(out, x, plot_top, x, plot_bottom,
                         "stroke=\"#555555\" stroke-width=\"1\" stroke-dasharray=\"4 3\"");
        out += marker_labels[i];
    }

    // An axis title longer than its room (the chart's width about the plot's centre, the plot's
    // height) is shortened with an ellipsis; the whole title is in a <title>.
    if (has_x_title) {
        const svg_px centre = (plot_left + plot_right) / 2;
        detail::svg_fitted_text(out, centre, x_title_baseline, 13, "middle", "fill=\"#333333\"",
                                detail::fit_text(c.x_axis.title, 13, 2 * std::min(centre - pad, W - pad - centre)),
                                c.x_axis.title);
    }
    if (has_y_title) {
        const svg_px x = pad + 1300;
        const svg_px y = (plot_top + plot_bottom) / 2;
        detail::svg_fitted_text(out, x, y, 13, "middle",
                                "transform=\"rotate(-90 " + px_text(x) + " " + px_text(y) + ")\" fill=\"#333333\"",
                                detail::fit_text(c.y_axis.title, 13, plot_bottom - plot_top), c.y_axis.title);
    }
    out += head;
    out += foot;
    out += "</svg>\n";
    return out;
}

/// Writes to_svg(@p c) to @p os.
inline void write_svg(std::ostream& os, const chart& c) { os << to_svg(c); }

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_SVG_CHART_HPP
