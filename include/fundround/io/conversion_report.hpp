/// @file io/conversion_report.hpp
/// @brief A round with SAFEs and notes converting, printed for a person: the price and the
/// capitalization it was solved on, each instrument's terms, conversion price, shares and cash
/// not converted, the new money and the pool top-up, and every holder before and after.
#ifndef FUNDROUND_IO_CONVERSION_REPORT_HPP
#define FUNDROUND_IO_CONVERSION_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// "cap $4,000,000.00", "7.00% of the capitalization", "cap $8M (MFN from safes[1]) + 10%
/// discount", "none (MFN: no later SAFE's terms to take)", "cap $3,000,000.00 over 10,345,000
/// shares (issued + granted options)" (a note's cap_basis) ... for @p c.
[[nodiscard]] inline std::string conversion_terms_text(const instrument_conversion& c) {
    std::string text;
    if (c.fixed_percentage) text = detail::fixed_percentage_text(*c.fixed_percentage) + " of the capitalization";
    if (c.valuation_cap) text = "cap " + format_full(*c.valuation_cap);
    if (c.valuation_cap && c.cap_basis) {
        // The count is whole (the table's, before the round); empty in solve()'s shells before the
        // solve.
        text += " over " + detail::group_thousands(c.exact_capitalization.to_decimal_string(0)) + " shares (" + c.cap_basis->to_string() + ")";
    }
    if (c.discount) text += (text.empty() ? "" : ", ") + c.discount->to_percent_string(2) + " discount";
    if (text.empty()) text = "none";
    if (!c.mfn_from.empty()) {
        text += " (MFN from safes";
        for (const std::size_t i : c.mfn_from) text += "[" + std::to_string(i) + "]";
        text += ")";
    } else if (c.mfn) {
        text += " (MFN: no later SAFE's terms to take)";
    }
    return text;
}

/// The instruments table of print_converted_round() for @p target: holder, instrument, amount
/// converting, terms, the price basis that applied, the conversion price (exact in the CSV,
/// major units per share), shares, the amount not converted (exact in the CSV; "~" rounded to a
/// unit in the text), and the currency in the CSV.
[[nodiscard]] inline report_table conversions_table(const converted_round& r, table_target target,
                                                    int csv_decimals = 12) {
    const currency c = r.price().currency();
    report_table t(target, csv_decimals);
    t.column("Holder", false, "holder").column("Instrument", false, "instrument").column("Converts", true, "converts");
    t.column("Terms", false, "terms").column("At", false, "at").column("Price", true, "price", 2);
    t.column("Shares", true, "shares").column("Not converted", true, "not_converted", 2).csv_column("currency");
    t.end_header();
    const std::string cur = to_string(c);
    for (const instrument_conversion& i : r.conversions()) {
        t.text(r.after().find_holder(i.holder).name()).text(i.description).full_amount(i.amount);
        t.text(conversion_terms_text(i)).text(to_string(i.basis));
        t.units_as(t.for_text() ? i.conversion_price.to_string(6) : std::string(), i.conversion_price.units_per_share());
        t.shares(i.shares).units_as(t.for_text() ? units_text(i.not_converted_units, c) : std::string(),
                                    i.not_converted_units);
        t.text(cur);
    }
    return t;
}

/// The holders table of print_converted_round() for @p target: holder, fully diluted shares and
/// ownership before and after, the unallocated pool when the company has a pool (see
/// has_pool()); in the text a total row.
[[nodiscard]] inline report_table converted_holders_table(const converted_round& r, table_target target,
                                                          int csv_decimals = 12) {
    return before_after_holders_table(r.before(), r.after(), r.basis(), r.holders(), false, target, csv_decimals);
}

}  // namespace detail

/// Prints @p r's conversions: the capitalization and price, each converting instrument (terms,
/// conversion price, shares, amount not converted) and the notes that did not convert; the first
/// part of print_converted_round().
inline void print_conversions(std::ostream& os, const converted_round& r) {
    const currency c = r.price().currency();
    os << r.name() << " (" << to_string(c) << "): SAFEs and notes converting, price with "
       << to_string(r.convention()) << '\n';
    detail::text_table head({"", ""}, {false, false});
    const auto grouped = [](const exact_rational& v) {  // "13,103,448.28"
        const std::string text = v.to_decimal_string(2);
        const std::size_t point = text.find('.');
        return detail::group_thousands(text.substr(0, point)) + text.substr(point);
    };
    head.add({"Capitalization", grouped(r.exact_capitalization()) + " shares right before the new money (exact " +
                                    r.exact_capitalization().to_string() + "), of which pool increase " +
                                    grouped(r.exact_pool_increase())});
    // An exact price in the currency's major units per share, as print_priced_round() shows it.
    const auto major_units_text = [](const exact_rational& units) {
        const detail::big_rational b = units.big();
        return detail::big_rational(b.numerator(), b.denominator() * detail::big_int(money::units_per_major)).reduce().to_string();
    };
    std::string price = r.price().to_string(r.price_rounding() ? (r.price_rounding()->decimals < 2 ? 2 : r.price_rounding()->decimals) : 4);
    const std::string exact = detail::conv_price_text(r.exact_price_units().big(), c, 6);
    price += r.price_rounding() ? " (exact ~" + exact + ", rounded to " + std::to_string(r.price_rounding()->decimals) + " decimals, " +
                                      std::string(to_string(r.price_rounding()->mode)) + ")"
                                : " (exact " + major_units_text(r.exact_price_units()) + " " + to_string(c) + " per share)";
    head.add({"Price per share", price});
    head.add({"Conversion shares", detail::share_text(r.conversion_shares()) + " (each instrument's " +
                                       std::string(to_string(r.conversion_share_rounding())) + "), prices " +
                                       (r.conversion_price_rounding()
                                            ? "rounded to " + std::to_string(r.conversion_price_rounding()->decimals) + " decimals, " +
                                                  std::string(to_string(r.conversion_price_rounding()->mode))
                                            : std::string("exact"))});
    head.print(os, "  ");
    os << '\n';
    detail::conversions_table(r, detail::table_target::text).print(os, "  ");
    for (const outstanding_note& n : r.outstanding_notes()) {
        os << "  not converted: notes[" << n.index << "] (" << n.holder.str() << "): " << n.reason << '\n';
    }
}

/// Prints @p r: its conversions (print_conversions()), the new money and pool (as
/// print_priced_round() does; the pool it creates, if it does, as print_round_on_cap_table()
/// says it), and every holder before and after.
inline void print_converted_round(std::ostream& os, const converted_round& r) {
    print_conversions(os, r);
    os << '\n';
    detail::print_priced_round_named(os, r.new_money(), &r.after());
    if (r.pool_created()) detail::print_pool_created(os, r.after(), *r.pool());
    os << "\nCap table on a fully diluted basis (" << r.basis().to_string() << ")\n";
    detail::converted_holders_table(r, detail::table_target::text).print(os, "  ");
}

/// print_converted_round() as a string.
[[nodiscard]] inline std::string converted_round_text(const converted_round& r) {
    std::ostringstream os;
    print_converted_round(os, r);
    return os.str();
}

/// Writes print_converted_round().
inline std::ostream& operator<<(std::ostream& os, const converted_round& r) {
    print_converted_round(os, r);
    return os;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_CONVERSION_REPORT_HPP
