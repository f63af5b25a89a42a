/// @file detail/text_table.hpp
/// @brief Plain-text tables for the printed reports: cells kept in one text, aligned columns
/// (internal; the CSV table model and the exact amount texts are in detail/report_table.hpp).
#ifndef FUNDROUND_DETAIL_TEXT_TABLE_HPP
#define FUNDROUND_DETAIL_TEXT_TABLE_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>  // detail::concat, detail::utf8_char_at
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// Columns a terminal gives code point @p c: 0 for combining marks and zero-width format
/// characters, 2 for East Asian wide and fullwidth characters (CJK, Hangul, kana, fullwidth
/// forms, the emoji blocks), 1 otherwise. The common ranges of Unicode's EastAsianWidth (W, F)
/// and of the combining blocks, as terminals' wcwidth() has them; scripts shaped by the font
/// (Indic conjuncts) may still differ.
[[nodiscard]] constexpr std::size_t code_point_width(char32_t c) noexcept {
    struct range {
        char32_t first, last;
    };
    constexpr range zero[] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
        {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
        {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0E31, 0x0E31},
        {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
        {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},
        {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF}};
    constexpr range wide[] = {
        {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
        {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
        {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
        {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
        {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
        {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
        {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
        {0x2E80, 0x3029},   {0x302E, 0x303E},   {0x3041, 0x3098},   {0x309B, 0x33FF},   {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
        {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
        {0x17000, 0x18AFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
        {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF},
        {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};
    if (c < 0x0300) return 1;
    for (const range& r : zero) {
        if (c >= r.first && c <= r.last) return 0;
    }
    if (c < 0x1100) return 1;
    for (const range& r : wide) {
        if (c >= r.first && c <= r.last) return 2;
    }
    return 1;
}

/// Width on screen of UTF-8 text, in terminal columns: the sum of code_point_width() over its
/// code points (a byte that starts no valid character counts 1).
inline std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII, one column (code_point_width()): no decoding
            ++n;
            ++i;
            continue;
        }
        const utf8_char c = utf8_char_at(s, i);
        if (c.length == 0) {  // a byte that starts no valid character (overlong, a surrogate, cut short)
            ++n;
            ++i;
            continue;
        }
        n += code_point_width(static_cast<char32_t>(c.code));
        i += c.length;
    }
    return n;
}

/// Prints the cells of a table kept as one text (cell i is @p text from @p starts[i] to the next
/// cell's start, the last one to the end), row after row, as many per row as @p right has
/// letters ('r' for a right-aligned column), with aligned columns, each line prefixed by
/// @p indent and trailing spaces trimmed; the first row is a header, left out when all its cells
/// are empty. Appends to @p out.
inline void append_aligned(std::string& out, std::string_view text, const std::vector<std::size_t>& starts,
                           std::string_view right, std::string_view indent) {
    const std::size_t columns = right.size();
    const std::size_t count = starts.size();
    const auto cell = [&](std::size_t i) {
        const std::size_t end = i + 1 < count ? starts[i + 1] : text.size();
        return std::string_view(text.data() + starts[i], end - starts[i]);
    };
    // The width of each column, then of each cell (display_width() once per cell).
    std::vector<std::size_t> width(columns + count, 0);
    bool header = false;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view c = cell(i);
        width[columns + i] = display_width(c);
        width[i % columns] = std::max(width[i % columns], width[columns + i]);
        if (i < columns && !c.empty()) header = true;
    }
    for (std::size_t first = header ? 0 : columns; first < count; first += columns) {
        const std::size_t line = out.size();
        out.append(indent.data(), indent.size());
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string_view value = cell(first + c);
            const bool right_aligned = right[c] == 'r';
            const std::size_t pad = c + 1 < columns || right_aligned ? width[c] - width[columns + first + c] : 0;
            if (c > 0) out += "  ";
            if (right_aligned) out.append(pad, ' ');
            out.append(value.data(), value.size());
            if (!right_aligned) out.append(pad, ' ');
        }
        while (out.size() > line && out.back() == ' ') out.pop_back();
        out += '\n';
    }
}

/// append_aligned() written to @p os, the whole table at once.
inline void print_aligned(std::ostream& os, std::string_view text, const std::vector<std::size_t>& starts,
                          std::string_view right, std::string_view indent) {
    std::string out;
    append_aligned(out, text, starts, right, indent);
    os << out;
}

/// One column of a report table as its table function declares it, in a constant array
/// (report_table::columns(), text_table::columns()): no code to build the declarations.
struct column_spec {
    std::string_view title;  ///< The title in the text ("Fully diluted").
    bool right;              ///< Right-aligned in the text (numbers).
    std::string_view csv;    ///< The CSV header name ("fully_diluted").
    int csv_fields = 1;      ///< 0: not in the CSV; 1: one field; 2: `csv` exact and `csv`_decimal.
    bool in_text = true;     ///< False: in the CSV only (the currency code, a flag).
};

/// A table of text cells printed with aligned columns; numeric columns are right-aligned.
/// The cells are kept in one flat vector, row after row.
///
/// It also takes the building calls of a report_table (columns(), text(), cell(), amount(),
/// percent(), date()), so that a table written once as a template over its table type builds either
/// a report_table (text or CSV) or, when only the text is wanted, a text_table: then no CSV field
/// and no column model is compiled.
class text_table {
public:
    /// An empty table: its columns come from columns().
    text_table() = default;
    /// A table with the column titles @p header (all empty: no header row) and, for each column,
    /// whether it is right-aligned.
    text_table(std::initializer_list<std::string_view> header, std::initializer_list<bool> right_aligned) {
        for (const bool r : right_aligned) right_ += r ? 'r' : 'l';
        kinds_ = right_;
        add(header);
    }
    /// A table whose columns are known only at run time: titles @p header (all empty: no header
    /// row) and, for each column, whether it is right-aligned.
    text_table(const std::vector<std::string>& header, const std::vector<bool>& right_aligned) {
        for (const bool r : right_aligned) right_ += r ? 'r' : 'l';
        kinds_ = right_;
        add_row(header);
    }
    /// Appends a row built at run time, of as many cells as there are columns.
    void add_row(const std::vector<std::string>& row) {
        for (const std::string& cell : row) add_cell(cell);
    }
    /// Appends a row of as many cells as there are columns.
    void add(std::initializer_list<std::string_view> row) {
        for (const std::string_view cell : row) add_cell(cell);
    }
    /// Starts a new cell (rows fill up left to right) holding @p text and returns the table's
    /// text, whose end is that cell: what is appended to it, until the next cell starts, is the
    /// cell's.
    std::string& add_cell(std::string_view text = {}) {
        starts_.push_back(text_.size());
        text_.append(text.data(), text.size());
        return text_;
    }
    /// Prints every row, each prefixed by @p indent, with trailing spaces trimmed.
    void print(std::ostream& os, std::string_view indent) const { print_aligned(os, text_, starts_, right_, indent); }
    /// What print() writes, appended to @p out.
    void append_to(std::string& out, std::string_view indent) const { append_aligned(out, text_, starts_, right_, indent); }
    /// Empties the table, columns and cells, to build another.
    void clear() noexcept {
        text_.clear();
        starts_.clear();
        right_.clear();
        kinds_.clear();
        next_ = 0;
    }

    /// As report_table::columns(): the @p count columns of @p specs (those of the CSV only are
    /// not printed; their cells are skipped), their titles the header row.
    text_table& columns(const column_spec* specs, std::size_t count) {
        for (const column_spec* c = specs; c != specs + count; ++c) {
            const char kind = !c->in_text ? '-' : c->right ? 'r' : 'l';
            kinds_ += kind;
            if (kind == '-') continue;
            right_ += kind;
            add_cell(c->title);
        }
        return *this;
    }
    /// True: built for the text.
    [[nodiscard]] static constexpr bool for_text() noexcept { return true; }
    /// As report_table::text(): a cell @p s.
    text_table& text(std::string_view s) {
        if (std::string* c = next()) c->append(s.data(), s.size());
        return *this;
    }
    /// As report_table::cell(): a cell showing @p display.
    text_table& cell(std::string_view display, std::string_view /*field*/) { return text(display); }
    /// As report_table::date(): a date "2026-02-27".
    text_table& date(calendar_date d) {
        if (std::string* c = next()) append_date(*c, d);
        return *this;
    }
    /// As report_table::amount(): compact where exact, in full if @p full.
    text_table& amount(money m, bool full = false) {
        if (std::string* c = next()) append_compact_if_exact(*c, m, full);
        return *this;
    }
    /// As report_table::percent(): a percentage with @p decimals ("+" before a positive one if
    /// @p plus).
    text_table& percent(const fraction& f, int decimals, bool plus = false) {
        if (std::string* c = next()) {
            if (plus && f.sign() > 0) *c += '+';
            append_decimal(*c, f, decimals, 2, rounding::half_even);
            *c += '%';
        }
        return *this;
    }

private:
    // The next cell of a row (nullptr for a column not printed), rows filling up left to right.
    std::string* next() {
        const char kind = kinds_[next_];
        next_ = next_ + 1 == kinds_.size() ? 0 : next_ + 1;
        return kind == '-' ? nullptr : &add_cell();
    }

private:
    std::string text_;                 // every cell's text, one after the other
    std::vector<std::size_t> starts_;  // where each cell starts in text_
    std::string right_;  // one letter per printed column: 'r' right-aligned, 'l' left-aligned
    std::string kinds_;  // one letter per column of the building calls: 'r', 'l', or '-' not printed
    std::size_t next_ = 0;  // the column of the next building call's cell
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_TEXT_TABLE_HPP
