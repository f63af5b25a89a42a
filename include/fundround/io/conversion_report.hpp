/// @file io/conversion_report.hpp
/// @brief A round with SAFEs and notes converting, printed for a person: the price and the
/// capitalization it was solved on, each instrument's terms, conversion price, shares and cash
/// not converted, the new money and the pool top-up, and every holder before and after.
#ifndef FUNDROUND_IO_CONVERSION_REPORT_HPP
#define FUNDROUND_IO_CONVERSION_REPORT_HPP

#include <fundround/config.hpp>
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

/// "cap $4,000,000.00", "cap $8M (MFN from safes[1]) + 10% discount", ... for @p c.
[[nodiscard]] inline std::string conversion_terms_text(const instrument_conversion& c) {
    std::string text;
    if (c.valuation_cap) text = "cap " + format_full(*c.valuation_cap);
    if (c.discount) text += (text.empty() ? "" : ", ") + c.discount->to_percent_string(2) + " discount";
    if (text.empty()) text = "none";
    if (!c.mfn_from.empty()) {
        text += " (MFN from safes";
        for (const std::size_t i : c.mfn_from) text += "[" + std::to_string(i) + "]";
        text += ")";
    }
    return text;
}

}  // namespace detail

/// Prints @p r: the price, each converting instrument, the notes that did not convert, the new
/// money and pool (as print_priced_round() does), and every holder before and after.
inline void print_converted_round(std::ostream& os, const converted_round& r) {
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
    std::string price = r.price().to_string(r.price_rounding() ? (r.price_rounding()->decimals < 2 ? 2 : r.price_rounding()->decimals) : 4);
    const std::string exact = detail::conv_price_text(r.exact_price_units().big(), c, 6);
    price += r.price_rounding() ? " (exact ~" + exact + ", rounded to " + std::to_string(r.price_rounding()->decimals) + " decimals, " +
                                      std::string(to_string(r.price_rounding()->mode)) + ")"
                                : " (exact " + r.exact_price_units().to_string() + " mills per share)";
    head.add({"Price per share", price});
    head.add({"Conversion shares", detail::share_text(r.conversion_shares()) + " (each instrument's " +
                                       std::string(to_string(r.conversion_share_rounding())) + "), prices " +
                                       (r.conversion_price_rounding()
                                            ? "rounded to " + std::to_string(r.conversion_price_rounding()->decimals) + " decimals, " +
                                                  std::string(to_string(r.conversion_price_rounding()->mode))
                                            : std::string("exact"))});
    head.print(os, "  ");
    os << '\n';
    detail::text_table t({"Holder", "Instrument", "Converts", "Terms", "At", "Price", "Shares", "Not converted"},
                         {false, false, true, false, false, true, true, true});
    for (const instrument_conversion& i : r.conversions()) {
        t.add({r.after().find_holder(i.holder).name(), i.description, format_full(i.amount), detail::conversion_terms_text(i),
               std::string(to_string(i.basis)), i.conversion_price.to_string(6), detail::share_text(i.shares),
               detail::units_text(i.not_converted_units, c)});
    }
    t.print(os, "  ");
    for (const outstanding_note& n : r.outstanding_notes()) {
        os << "  not converted: notes[" << n.index << "] (" << n.holder.str() << "): " << n.reason << '\n';
    }
    os << '\n';
    print_priced_round(os, r.new_money());
    const fully_diluted_counts before = r.before().fully_diluted(r.basis());
    const fully_diluted_counts after = r.after().fully_diluted(r.basis());
    os << "\nCap table on a fully diluted basis (" << r.basis().to_string() << ")\n";
    detail::text_table h({"Holder", "Before", "Owns", "After", "Owns"}, {false, true, true, true, true});
    for (const holder_change& x : r.holders()) {
        h.add({x.name, detail::share_text(x.before), x.ownership_before.to_percent_string(4), detail::share_text(x.after),
               x.ownership_after.to_percent_string(4)});
    }
    h.add({"Unallocated pool", detail::share_text(before.unallocated_pool()),
           fraction(before.unallocated_pool().value(), before.total().value()).to_percent_string(4),
           detail::share_text(after.unallocated_pool()),
           fraction(after.unallocated_pool().value(), after.total().value()).to_percent_string(4)});
    h.add({"Total", detail::share_text(before.total()), "100.0000%", detail::share_text(after.total()), "100.0000%"});
    h.print(os, "  ");
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
