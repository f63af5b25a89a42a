// A strict RFC 4180 CSV reader written for the tests, independent of io/csv.hpp's writer: it
// reads what a spreadsheet or pandas would, and refuses what RFC 4180 does not allow (a quote in
// an unquoted field, text after a closing quote, a bare CR or LF outside quotes, an unterminated
// quote, a last record without its line end). test_csv.cpp and the CSV fuzzer read the writer's
// output back with it.
#ifndef FUNDROUND_TESTS_FUZZ_CSV_READER_HPP
#define FUNDROUND_TESTS_FUZZ_CSV_READER_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fundround_fuzz {

// The records of a CSV text, or the first error.
struct csv_read_result {
    bool ok = true;
    std::vector<std::vector<std::string>> rows;
    std::string error;  // where and what, when !ok
};

// Reads @p text whose records end in @p eol ("\r\n" or "\n"); every record, the last included,
// must end in it. An empty text has no record.
inline csv_read_result read_csv(std::string_view text, std::string_view eol = "\r\n") {
    csv_read_result out;
    const auto fail = [&out](std::size_t at, const char* what) {
        out.ok = false;
        out.error = "at byte " + std::to_string(at) + ": " + what;
        return out;
    };
    const auto at_eol = [&](std::size_t i) { return text.substr(i, eol.size()) == eol; };
    std::size_t i = 0;
    std::vector<std::string> row;
    while (i < text.size()) {
        std::string field;
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) return fail(i, "unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            if (i < text.size() && text[i] != ',' && !at_eol(i)) return fail(i, "text after a closing quote");
        } else {
            while (i < text.size() && text[i] != ',' && !at_eol(i)) {
                if (text[i] == '"') return fail(i, "a quote in an unquoted field");
                if (text[i] == '\r' || text[i] == '\n') return fail(i, "a bare CR or LF in an unquoted field");
                field += text[i++];
            }
        }
        row.push_back(std::move(field));
        if (i >= text.size()) return fail(i, "the last record has no line end");
        if (text[i] == ',') {
            ++i;
            if (i >= text.size()) return fail(i, "the last record has no line end");
            continue;
        }
        i += eol.size();  // at_eol(i)
        out.rows.push_back(std::move(row));
        row.clear();
    }
    return out;
}

}  // namespace fundround_fuzz

#endif  // FUNDROUND_TESTS_FUZZ_CSV_READER_HPP
