/// @file detail/text_table.hpp
/// @brief Plain-text tables for the printed reports: cells kept in one text, aligned columns (internal;
/// the CSV table model and the exact amount texts are in detail/report_table.hpp).
#ifndef FUNDROUND_DETAIL_TEXT_TABLE_HPP
#define FUNDROUND_DETAIL_TEXT_TABLE_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>  // detail::concat
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

/// Width on screen of UTF-8 text (counts code points, not bytes).
inline std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
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
/// percent(), date()), so that a table written once as a template over its table type builds either a
/// report_table (text or CSV) or, when only the text is wanted, a text_table: then no CSV field
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
