/// @file detail/report_table.hpp
/// @brief The one table model of the reports, for their text and their CSV, and the exact
/// texts of amounts and share counts it uses (internal).
#ifndef FUNDROUND_DETAIL_REPORT_TABLE_HPP
#define FUNDROUND_DETAIL_REPORT_TABLE_HPP

#include <fundround/config.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// "$1,234.5678": an exact amount of money units shown in major units with @p decimals digits
/// (half even), for breakpoints and share values that need not be whole mills.
[[nodiscard]] inline std::string exact_units_text(const fraction& units, currency c, int decimals) {
    const fraction major = units / fraction(money::units_per_major);
    const std::string text = major.to_decimal_string(decimals, rounding::half_even);
    const bool negative = !text.empty() && text[0] == '-';
    const std::string body = negative ? text.substr(1) : text;
    const std::size_t point = body.find('.');
    const std::string whole = body.substr(0, point);
    const std::string rest = point == std::string::npos ? "" : body.substr(point);
    return (negative ? "-" : "") + currency_prefix(c) + group_thousands(whole) + rest;
}

/// "1,000,000": a share count with thousands grouped, no unit.
[[nodiscard]] inline std::string share_text(share_count s) { return detail::signed_digits(s.value(), true); }

/// "15000000000", "1234.567", "-0.5": @p m in major units, plain decimal digits (no grouping, no
/// currency, no trailing zeros after the point), exact.
[[nodiscard]] inline std::string plain_amount(money m) {
    std::string text = m.is_negative() ? "-" : "";
    append_magnitude(text, m.units(), 0, false);
    return text;
}

/// @p v exactly as decimal digits when it has a finite decimal expansion ("1234.567", "0.25"),
/// else as "n/d"; either form reads back exactly (Python's fractions.Fraction takes both).
[[nodiscard]] inline std::string exact_decimal_text(const fraction& v) {
    if (v.is_integer()) return v.to_string();
    fraction::rep d = v.denominator();
    int twos = 0;
    int fives = 0;
    while (d % 2 == 0) { d /= 2; ++twos; }
    while (d % 5 == 0) { d /= 5; ++fives; }
    if (d != 1 || std::max(twos, fives) > 60) return v.to_string();
    return v.to_decimal_string(std::max(twos, fives), rounding::exact);
}

/// What a report_table is built for: the aligned text a person reads, or CSV fields.
enum class table_target {
    text,  ///< Display cells ("$15B", "1,000,000", "5.9524%") for print_aligned().
    csv,   ///< Machine fields ("15000000000", "1000000", "5/84") for a CSV writer.
};

/// One column of a report_table: its text title and alignment, its CSV name, and how many CSV
/// fields it has (0: text only; 2: an exact value and a rounded decimal).
struct table_column {
    std::string title;          ///< The title in the text ("Fully diluted").
    bool right = false;         ///< Right-aligned in the text (numbers).
    std::string csv;            ///< The CSV header name ("fully_diluted").
    int csv_fields = 1;         ///< 0: not in the CSV; 1: one field; 2: `csv` exact and `csv`_decimal.
    bool in_text = true;        ///< False: in the CSV only (the currency code, a flag).
};

/// The one model of a report's table, from which both the printed text and the CSV come: the
/// columns say how each appears in each output, and each cell is given once by its value (an
/// amount, a share count, a fraction), rendered for the table's target only. Rows fill up left to
/// right, one cell per column; a cell of a column absent from the target is skipped.
class report_table {
public:
    /// An empty table built for @p target; fractions' `_decimal` CSV fields get @p csv_decimals
    /// digits (half even).
    explicit report_table(table_target target, int csv_decimals = 12) : target_(target), decimals_(csv_decimals) {}

    /// Adds the @p count columns of @p specs and ends the header (end_header()).
    report_table& columns(const column_spec* specs, std::size_t count) {
        for (const column_spec* c = specs; c != specs + count; ++c) {
            columns_.push_back({std::string(c->title), c->right, std::string(c->csv), c->csv_fields, c->in_text});
        }
        return end_header();
    }
    /// Adds a column (all columns come before the first cell).
    report_table& column(std::string_view title, bool right, std::string_view csv, int csv_fields = 1) {
        columns_.push_back({std::string(title), right, std::string(csv), csv_fields, true});
        return *this;
    }
    /// Adds a column of the CSV only (not printed).
    report_table& csv_column(std::string_view csv, int csv_fields = 1) {
        columns_.push_back({std::string(), false, std::string(csv), csv_fields, false});
        return *this;
    }
    /// Ends the columns: writes the header row (text titles, or CSV names with "_decimal" after
    /// the second field of a two-field column).
    report_table& end_header() {
        for (const table_column& c : columns_) {
            if (target_ == table_target::text) {
                if (!c.in_text) continue;
                cells_.push_back(std::string(c.title));
                right_ += c.right ? 'r' : 'l';
            } else {
                if (c.csv_fields >= 1) cells_.push_back(std::string(c.csv));
                if (c.csv_fields == 2) cells_.push_back(c.csv + "_decimal");
            }
        }
        width_ = target_ == table_target::text ? right_.size() : cells_.size();
        return *this;
    }

    /// The target the table is built for.
    [[nodiscard]] table_target target() const noexcept { return target_; }
    /// True if built for the text.
    [[nodiscard]] bool for_text() const noexcept { return target_ == table_target::text; }
    /// The cells, header row first, row after row.
    [[nodiscard]] const std::vector<std::string>& cells() const noexcept { return cells_; }
    /// Cells per row in the target.
    [[nodiscard]] std::size_t width() const noexcept { return width_; }
    /// True if every row is complete (no cell missing in the last row).
    [[nodiscard]] bool complete() const noexcept { return next_ == 0 && (width_ == 0 || cells_.size() % width_ == 0); }

    /// A cell with the same text in both outputs (a name, a status).
    report_table& text(std::string_view s) { return put(s, s); }
    /// A date, "2026-02-27" in both outputs.
    report_table& date(calendar_date d) {
        std::string text;
        append_date(text, d);
        return put(text, text);
    }
    /// A cell with @p display in the text and @p field in the CSV.
    report_table& cell(std::string_view display, std::string_view field) { return put(display, field); }
    /// A cell with @p display in the text and empty CSV field(s): no value ("n/a", "new", "-").
    report_table& none(std::string_view display = {}) { return put(display, {}); }
    /// An amount: compact where exact (format_full if @p full) in the text, plain_amount() in the
    /// CSV.
    report_table& amount(money m, bool full = false) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back(compact_if_exact(m, full));
        } else {
            fields(c, plain_amount(m), nullptr);
        }
        return *this;
    }
    /// An amount, format_full() in the text, plain_amount() in the CSV.
    report_table& full_amount(money m) { return amount(m, true); }
    /// An exact amount of money units (possibly a fraction of a unit): exact_units_text() with
    /// @p decimals in the text; in the CSV the exact major units (exact_decimal_text()), then a
    /// decimal if the column has two fields.
    report_table& units(const fraction& money_units, currency cur, int decimals) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back(exact_units_text(money_units, cur, decimals));
        } else {
            const fraction major = money_units / fraction(money::units_per_major);
            fields(c, exact_decimal_text(major), &major);
        }
        return *this;
    }
    /// An exact amount of money units shown as @p display in the text; in the CSV as units().
    report_table& units_as(std::string_view display, const fraction& money_units) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back(std::string(display));
        } else {
            const fraction major = money_units / fraction(money::units_per_major);
            fields(c, exact_decimal_text(major), &major);
        }
        return *this;
    }
    /// A share count: grouped ("1,000,000") in the text (@p plus: "+" before a positive one),
    /// plain digits in the CSV.
    report_table& shares(share_count s, bool plus = false) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back((plus && s.value() > 0 ? "+" : "") + share_text(s));
        } else {
            fields(c, detail::signed_digits(s.value()), nullptr);
        }
        return *this;
    }
    /// A fraction shown as a percentage with @p decimals in the text (@p plus: "+" before a
    /// positive one); in the CSV exact ("5/84"), then a decimal if the column has two fields.
    report_table& percent(const fraction& f, int decimals, bool plus = false) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back((plus && f.sign() > 0 ? "+" : "") + f.to_percent_string(decimals));
        } else {
            fields(c, f.to_string(), &f);
        }
        return *this;
    }
    /// A fraction, exact ("5/84") in both outputs (a decimal too in a two-field CSV column).
    report_table& exact(const fraction& f) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back(f.to_string());
        } else {
            fields(c, f.to_string(), &f);
        }
        return *this;
    }

    /// Prints the text (built for the text), each line prefixed by @p indent.
    void print(std::ostream& os, std::string_view indent) const {
        std::string text;
        std::vector<std::size_t> starts;
        starts.reserve(cells_.size());
        for (const std::string& c : cells_) {
            starts.push_back(text.size());
            text += c;
        }
        print_aligned(os, text, starts, right_, indent);
    }

private:
    const table_column& next() {
        const table_column& c = columns_[next_];
        next_ = next_ + 1 == columns_.size() ? 0 : next_ + 1;
        return c;
    }
    report_table& put(std::string_view display, std::string_view field) {
        const table_column& c = next();
        if (target_ == table_target::text) {
            if (c.in_text) cells_.push_back(std::string(display));
        } else {
            fields(c, std::string(field), nullptr);
        }
        return *this;
    }
    void fields(const table_column& c, std::string field, const fraction* decimal) {
        if (c.csv_fields >= 1) cells_.push_back(std::move(field));
        if (c.csv_fields == 2) {
            cells_.push_back(decimal != nullptr ? decimal->to_decimal_string(decimals_, rounding::half_even)
                                                : std::string());
        }
    }

    table_target target_;
    int decimals_;
    std::vector<table_column> columns_;
    std::vector<std::string> cells_;  // every cell pushed as a std::string rvalue (as in text_table)
    std::string right_;  // text: one letter per printed column, 'r' right-aligned, 'l' left-aligned
    std::size_t width_ = 0;
    std::size_t next_ = 0;
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_REPORT_TABLE_HPP
