// The CSV writer's invariants (io/csv.hpp), checked on cells made from arbitrary bytes: written
// as rows (by csv_row() and through the report table model) and read back with the independent
// RFC 4180 reader of csv_reader.hpp, the cells come back exactly, every row with the same number
// of fields, and a field is quoted exactly when it holds a comma, a quote, CR or LF. Shared by
// the libFuzzer target fuzz_csv.cpp and the corpus replay test_fuzz_csv_replay.cpp.
#ifndef FUNDROUND_TESTS_FUZZ_CSV_ORACLE_HPP
#define FUNDROUND_TESTS_FUZZ_CSV_ORACLE_HPP

#include "csv_reader.hpp"

#include <fundround/io/csv.hpp>

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fundround_fuzz {

// The cells of a fuzz input: byte 0 chooses the line ending (odd: LF, even: CRLF) and the rest
// is split at every 0xFF byte (so a cell holds any byte but 0xFF; "" gives one empty cell). At
// most 64 cells.
struct csv_case {
    fundround::csv_line_ending ending = fundround::csv_line_ending::crlf;
    std::vector<std::string> cells;
};

inline csv_case csv_case_from_bytes(std::string_view data) {
    csv_case c;
    if (!data.empty()) {
        if ((static_cast<unsigned char>(data[0]) & 1U) != 0) c.ending = fundround::csv_line_ending::lf;
        data.remove_prefix(1);
    }
    std::string cell;
    for (const char ch : data) {
        if (static_cast<unsigned char>(ch) == 0xFFU) {
            if (c.cells.size() == 63) break;
            c.cells.push_back(cell);
            cell.clear();
        } else {
            cell += ch;
        }
    }
    c.cells.push_back(cell);
    return c;
}

// Every broken invariant, as a message (empty: all hold).
inline std::vector<std::string> check_csv_case(const csv_case& c) {
    std::vector<std::string> findings;
    const std::string_view eol = c.ending == fundround::csv_line_ending::crlf ? "\r\n" : "\n";
    const std::size_t n = c.cells.size();

    // Quoting: exactly the fields with a comma, a quote, CR or LF; others as they are.
    for (const std::string& cell : c.cells) {
        const bool special = cell.find_first_of(",\"\r\n") != std::string::npos;
        const std::string field = fundround::csv_field(cell);
        if (special != fundround::csv_needs_quotes(cell)) findings.push_back("csv_needs_quotes is wrong");
        if (!special && field != cell) findings.push_back("a field that needs no quotes was changed");
        if (special && (field.size() < 2 || field.front() != '"' || field.back() != '"')) {
            findings.push_back("a field that needs quotes is not quoted");
        }
    }

    // Two rows (the cells, then reversed) read back exactly, n fields each.
    std::vector<std::string> reversed(c.cells.rbegin(), c.cells.rend());
    const std::string text = fundround::csv_row(c.cells, c.ending) + fundround::csv_row(reversed, c.ending);
    const csv_read_result read = read_csv(text, eol);
    if (!read.ok) {
        findings.push_back("csv_row output is not RFC 4180: " + read.error);
    } else if (read.rows.size() != 2 || read.rows[0] != c.cells || read.rows[1] != reversed) {
        findings.push_back("csv_row output reads back as other cells");
    }

    // Through the report table model: a header and two rows, n fields each, the cells back.
    fundround::detail::report_table t(fundround::detail::table_target::csv);
    for (std::size_t i = 0; i < n; ++i) t.column("", false, "c" + std::to_string(i));
    t.end_header();
    for (const std::string& cell : c.cells) t.text(cell);
    for (const std::string& cell : reversed) t.text(cell);
    if (!t.complete()) findings.push_back("the report table has an incomplete row");
    fundround::csv_options opt;
    opt.line_ending = c.ending;
    std::ostringstream os;
    fundround::detail::write_csv_table(os, t, opt);
    const csv_read_result table = read_csv(os.str(), eol);
    if (!table.ok) {
        findings.push_back("write_csv_table output is not RFC 4180: " + table.error);
    } else {
        bool same_width = table.rows.size() == 3;
        for (const std::vector<std::string>& row : table.rows) same_width = same_width && row.size() == n;
        if (!same_width) findings.push_back("write_csv_table rows do not all have the header's field count");
        if (table.rows.size() == 3 && (table.rows[1] != c.cells || table.rows[2] != reversed)) {
            findings.push_back("write_csv_table output reads back as other cells");
        }
    }
    return findings;
}

// check_csv_case() of the case made from @p data.
inline std::vector<std::string> check_csv_input(std::string_view data) {
    return check_csv_case(csv_case_from_bytes(data));
}

}  // namespace fundround_fuzz

#endif  // FUNDROUND_TESTS_FUZZ_CSV_ORACLE_HPP
