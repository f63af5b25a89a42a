/// @file detail/text_table.hpp
/// @brief Plain-text tables and amount text for the printed reports (internal).
#ifndef FUNDROUND_DETAIL_TEXT_TABLE_HPP
#define FUNDROUND_DETAIL_TEXT_TABLE_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>  // detail::concat

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// Width on screen of UTF-8 text (counts code points, not bytes).
inline std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
    }
    return n;
}

/// A table of text cells printed with aligned columns; numeric columns are right-aligned.
/// The cells are kept in one flat vector, row after row.
class text_table {
public:
    /// A table with the column titles @p header (all empty: no header row) and, for each column,
    /// whether it is right-aligned.
    text_table(std::initializer_list<std::string_view> header, std::initializer_list<bool> right_aligned) {
        for (const bool r : right_aligned) right_ += r ? 'r' : 'l';
        add(header);
    }
    /// A table whose columns are known only at run time: titles @p header (all empty: no header
    /// row) and, for each column, whether it is right-aligned.
    text_table(const std::vector<std::string>& header, const std::vector<bool>& right_aligned) : cells_(header) {
        for (const bool r : right_aligned) right_ += r ? 'r' : 'l';
    }
    /// Appends a row built at run time, of as many cells as there are columns.
    void add_row(const std::vector<std::string>& row) { cells_.insert(cells_.end(), row.begin(), row.end()); }
    /// Appends a row of as many cells as there are columns.
    void add(std::initializer_list<std::string_view> row) {
        for (const std::string_view cell : row) cells_.emplace_back(cell);
    }
    /// Appends one cell (rows fill up left to right) and returns it, to append to.
    std::string& add_cell(std::string_view text = {}) { return cells_.emplace_back(text); }
    /// Prints every row, each prefixed by @p indent, with trailing spaces trimmed.
    void print(std::ostream& os, const std::string& indent) const {
        const std::size_t columns = right_.size();
        std::vector<std::size_t> width(columns, 0);
        for (std::size_t i = 0; i < cells_.size(); ++i) {
            width[i % columns] = std::max(width[i % columns], display_width(cells_[i]));
        }
        bool header = false;
        for (std::size_t c = 0; c < columns; ++c) header = header || !cells_[c].empty();
        std::string line;
        for (std::size_t first = header ? 0 : columns; first < cells_.size(); first += columns) {
            line = indent;
            for (std::size_t c = 0; c < columns; ++c) {
                const std::string& cell = cells_[first + c];
                const std::size_t pad = width[c] - display_width(cell);
                if (c > 0) line += "  ";
                if (right_[c] == 'r') {
                    line.append(pad, ' ').append(cell);
                } else {
                    line.append(cell);
                    if (c + 1 < columns) line.append(pad, ' ');
                }
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            line += '\n';
            os << line;
        }
    }

private:
    std::vector<std::string> cells_;
    std::string right_;  // one letter per column: 'r' right-aligned, 'l' left-aligned
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_TEXT_TABLE_HPP
