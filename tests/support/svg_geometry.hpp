// The layout checks of the chart tests (test_svg_chart.cpp, test_waterfall_chart.cpp): every
// <text> of an SVG that to_svg() wrote, its estimated box, and the problems of the layout (a box
// outside the viewBox, two boxes that intersect). The box is the one the chart code plans with:
// the advance width of detail::text_width() (detail::bold_text_width() for bold text) at the
// element's font size, from 3/4 em above the baseline to 1/4 em below it, placed by the text
// anchor and turned by the element's rotate(a cx cy) transform. Geometry of estimated boxes, not
// money: doubles are fine here.
#ifndef FUNDROUND_TESTS_SUPPORT_SVG_GEOMETRY_HPP
#define FUNDROUND_TESTS_SUPPORT_SVG_GEOMETRY_HPP

#include <fundround/io/svg_chart.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace fundround_test {

// One <text> element of an SVG: its text (unescaped) and its box's corners, in pixels.
struct svg_text_box {
    std::string text;
    std::array<double, 4> xs{};
    std::array<double, 4> ys{};
};

// The value of attribute @p name in @p tag ("" if absent).
inline std::string svg_attribute(const std::string& tag, const std::string& name) {
    const std::string key = " " + name + "=\"";
    const std::size_t at = tag.find(key);
    if (at == std::string::npos) return std::string();
    const std::size_t from = at + key.size();
    return tag.substr(from, tag.find('"', from) - from);
}

// @p text with the five XML entities to_svg() writes replaced by their characters.
inline std::string svg_unescaped(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        const std::size_t end = text.find(';', i);
        const std::string entity = text.substr(i, end - i + 1);
        out += entity == "&amp;" ? "&" : entity == "&lt;" ? "<" : entity == "&gt;" ? ">" : entity == "&quot;" ? "\"" : "'";
        i = end;
    }
    return out;
}

// The viewBox's width and height of @p svg.
inline std::array<double, 2> svg_view_size(const std::string& svg) {
    const std::string box = svg_attribute(svg.substr(svg.find("<svg"), svg.find('>', svg.find("<svg"))), "viewBox");
    double w = 0;
    double h = 0;
    std::size_t at = box.find(' ', box.find(' ') + 1);
    w = std::stod(box.substr(at + 1));
    at = box.find(' ', at + 1);
    h = std::stod(box.substr(at + 1));
    return {w, h};
}

// Every <text> of @p svg with its estimated box.
inline std::vector<svg_text_box> svg_text_boxes(const std::string& svg) {
    std::vector<svg_text_box> out;
    for (std::size_t at = svg.find("<text "); at != std::string::npos; at = svg.find("<text ", at + 1)) {
        const std::size_t close = svg.find('>', at);
        const std::string tag = svg.substr(at, close - at);
        const std::size_t end = svg.find("</text>", close);
        svg_text_box b;
        b.text = svg_unescaped(svg.substr(close + 1, end - close - 1));
        const double x = std::stod(svg_attribute(tag, "x"));
        const double y = std::stod(svg_attribute(tag, "y"));
        const int size = std::stoi(svg_attribute(tag, "font-size"));
        const bool bold = svg_attribute(tag, "font-weight") == "bold";
        const double w = static_cast<double>(bold ? fundround::detail::bold_text_width(b.text, size)
                                                  : fundround::detail::text_width(b.text, size)) / 100.0;
        const std::string anchor = svg_attribute(tag, "text-anchor");
        const double x0 = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x;
        const double top = y - 0.75 * size;
        const double bottom = y + 0.25 * size;
        const std::array<double, 4> lx{x0, x0 + w, x0 + w, x0};
        const std::array<double, 4> ly{top, top, bottom, bottom};
        double angle = 0;
        double cx = 0;
        double cy = 0;
        const std::string transform = svg_attribute(tag, "transform");
        if (!transform.empty()) {
            std::size_t p = transform.find('(') + 1;
            std::size_t used = 0;
            angle = std::stod(transform.substr(p), &used);
            p += used;
            cx = std::stod(transform.substr(p), &used);
            p += used;
            cy = std::stod(transform.substr(p));
        }
        const double pi = 3.14159265358979323846;
        const double c = std::cos(angle * pi / 180);
        const double s = std::sin(angle * pi / 180);
        for (std::size_t k = 0; k < 4; ++k) {
            b.xs[k] = cx + (lx[k] - cx) * c - (ly[k] - cy) * s;
            b.ys[k] = cy + (lx[k] - cx) * s + (ly[k] - cy) * c;
        }
        out.push_back(b);
    }
    return out;
}

// True if the convex quadrilaterals @p a and @p b overlap by more than 0.01 px (separating axes).
inline bool svg_boxes_intersect(const svg_text_box& a, const svg_text_box& b) {
    for (const svg_text_box* q : {&a, &b}) {
        for (std::size_t k = 0; k < 4; ++k) {
            const double nx = -(q->ys[(k + 1) % 4] - q->ys[k]);
            const double ny = q->xs[(k + 1) % 4] - q->xs[k];
            const double len = std::sqrt(nx * nx + ny * ny);
            if (len == 0) continue;
            double amin = 1e300, amax = -1e300, bmin = 1e300, bmax = -1e300;
            for (std::size_t j = 0; j < 4; ++j) {
                const double pa = (a.xs[j] * nx + a.ys[j] * ny) / len;
                const double pb = (b.xs[j] * nx + b.ys[j] * ny) / len;
                amin = std::min(amin, pa);
                amax = std::max(amax, pa);
                bmin = std::min(bmin, pb);
                bmax = std::max(bmax, pb);
            }
            if (amax <= bmin + 0.01 || bmax <= amin + 0.01) return false;
        }
    }
    return true;
}

// The layout problems of @p svg, one line each: a text whose box leaves the viewBox, two texts
// whose boxes intersect. Empty for a clean layout.
inline std::vector<std::string> svg_layout_problems(const std::string& svg) {
    std::vector<std::string> problems;
    const std::array<double, 2> view = svg_view_size(svg);
    const std::vector<svg_text_box> boxes = svg_text_boxes(svg);
    for (const svg_text_box& b : boxes) {
        for (std::size_t k = 0; k < 4; ++k) {
            if (b.xs[k] < -0.01 || b.ys[k] < -0.01 || b.xs[k] > view[0] + 0.01 || b.ys[k] > view[1] + 0.01) {
                problems.push_back("outside the viewBox: \"" + b.text + "\" corner (" + std::to_string(b.xs[k]) + ", " +
                                   std::to_string(b.ys[k]) + ")");
                break;
            }
        }
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            if (svg_boxes_intersect(boxes[i], boxes[j])) {
                problems.push_back("overlap: \"" + boxes[i].text + "\" and \"" + boxes[j].text + "\"");
            }
        }
    }
    return problems;
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_SVG_GEOMETRY_HPP
