/// @file detail/text_table.hpp
/// @brief Plain-text tables and amount text for the printed reports (internal).
#ifndef FUNDROUND_DETAIL_TEXT_TABLE_HPP
#define FUNDROUND_DETAIL_TEXT_TABLE_HPP

#include <fundround/config.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
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
class text_table {
    using row_type = std::vector<std::string>;

public:
    text_table(row_type header, std::vector<bool> right_aligned)
        : right_(std::move(right_aligned)) {
        rows_.push_back(std::move(header));
    }
    void add(row_type row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& os, const std::string& indent) const {
        std::vector<std::size_t> width(rows_.front().size(), 0);
        for (const auto& row : rows_) {
            for (std::size_t c = 0; c < row.size(); ++c) {
                if (display_width(row[c]) > width[c]) width[c] = display_width(row[c]);
            }
        }
        for (std::size_t r = 0; r < rows_.size(); ++r) {
            const auto& row = rows_[r];
            if (r == 0 && std::all_of(row.begin(), row.end(), [](const std::string& s) { return s.empty(); })) {
                continue;  // a table without a header row
            }
            std::string line = indent;
            for (std::size_t c = 0; c < row.size(); ++c) {
                const std::string pad(width[c] - display_width(row[c]), ' ');
                if (c > 0) line += "  ";
                line += right_[c] ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : "");
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            os << line << '\n';
        }
    }

private:
    std::vector<row_type> rows_;
    std::vector<bool> right_;
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_TEXT_TABLE_HPP
