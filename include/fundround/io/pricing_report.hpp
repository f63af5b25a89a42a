/// @file io/pricing_report.hpp
/// @brief A priced round printed like the price section of a term sheet (the price and how it
/// was rounded, the pool top-up, each investor's shares and unconverted cash, the valuations
/// the rounded figures imply); a round on a cap table and a chain of rounds, holder by holder.
#ifndef FUNDROUND_IO_PRICING_REPORT_HPP
#define FUNDROUND_IO_PRICING_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// An amount of exact money units (possibly a fraction of a unit) as text: the amount to the
/// unit when it is whole ("$8,000,000.00"), else rounded half-even with "~" in front.
[[nodiscard]] inline std::string units_text(const fraction& units, currency c) {
    const money m = money::from_units(narrow(units.round_to_integer(rounding::half_even), "amount"), c);
    return (units.is_integer() ? "" : "~") + format_full(m);
}

}  // namespace detail

/// Prints @p r: terms, price and its rounding, pool top-up, investors, implied valuations.
inline void print_priced_round(std::ostream& os, const priced_round& r) {
    const currency c = r.currency();
    const int decimals = detail::price_decimals(r.price_rounding());  // as diagnostics show it
    const fraction major = r.exact_price_units() / fraction(money::units_per_major);
    os << r.name() << " (" << to_string(c) << "), priced by its " << to_string(r.basis()) << '\n';
    detail::text_table head({"", ""}, {false, false});
    head.add({"Fully diluted before", detail::share_text(r.pre_round().fully_diluted) + " shares (" +
                                          r.pre_round().definition + "), unallocated pool " +
                                          detail::share_text(r.pre_round().unallocated_pool)});
    if (r.stated_pre_money()) {
        head.add({"Stated", "pre-money " + format_full(*r.stated_pre_money()) + ", post-money " +
                                format_full(*r.stated_post_money())});
    }
    const auto fits = [&](int d) {
        fraction scale(1);
        for (int i = 0; i < d; ++i) scale *= fraction(10);
        return (major * scale).is_integer();
    };
    std::string price = r.price().to_string(decimals, rounding::half_even);
    if (r.price_rounding()) {
        price += fits(r.price_rounding()->decimals)
                     ? " (exact: no rounding needed)"
                     : " (exact " + major.to_string() + ", rounded to " + std::to_string(r.price_rounding()->decimals) +
                           " decimals, " + std::string(to_string(r.price_rounding()->mode)) + ")";
    } else if (!fits(decimals)) {
        price += " (exact " + major.to_string() + ", not rounded)";
    }
    head.add({"Price per share", price});
    if (r.has_pool_target()) {
        head.add({"Option pool", r.pool_target()->to_percent_string(2) + " of post-money fully diluted, in the " +
                                     std::string(to_string(r.placement())) + " (" +
                                     std::string(to_string(r.target_basis())) + "): +" +
                                     detail::share_text(r.pool_increase()) + " shares (" +
                                     std::string(to_string(r.pool_rounding())) + "), pool after " +
                                     detail::share_text(r.pool_after()) + " = " +
                                     r.pool_ownership().to_percent_string(4)});
    }
    head.add({"New shares", detail::share_text(r.new_shares()) + " (each investor's " +
                                std::string(to_string(r.share_rounding())) + "), for " + format_full(r.new_money()) +
                                ", not converted " + format_full(r.not_converted())});
    head.add({"Post-money FD", detail::share_text(r.post_money_shares()) + " shares = " +
                                   detail::share_text(r.pre_round().fully_diluted) + " + pool " +
                                   detail::share_text(r.pool_increase()) + " + new " +
                                   detail::share_text(r.new_shares())});
    head.add({"Implied", "pre-money " + detail::units_text(r.implied_pre_money_units(), c) + ", post-money " +
                             detail::units_text(r.implied_post_money_units(), c) + " (price x shares)"});
    head.add({"Effective pre-money", detail::units_text(r.effective_pre_money_units(), c) +
                                         " (the holders before the round at the price, unallocated pool excluded)"});
    head.print(os, "  ");
    detail::text_table inv({"Investor", "Invested", "Shares", "Cost", "Not converted", "Owns"},
                           {false, true, true, true, true, true});
    for (const priced_investment& i : r.investments()) {
        inv.add({i.investor, format_full(i.amount), detail::share_text(i.shares), format_full(i.cost),
                 format_full(i.not_converted), r.ownership(i.investor).to_percent_string(4)});
    }
    os << '\n';
    inv.print(os, "  ");
}

/// Prints @p r's pricing, then every holder's fully diluted shares and ownership before and
/// after the round and the dilution it caused (exact fractions in round_on_cap_table).
inline void print_round_on_cap_table(std::ostream& os, const round_on_cap_table& r) {
    print_priced_round(os, r.pricing());
    const fully_diluted_counts before = r.before().fully_diluted(r.basis());
    const fully_diluted_counts after = r.after().fully_diluted(r.basis());
    os << "\nCap table on a fully diluted basis (" << r.basis().to_string() << ")\n";
    detail::text_table t({"Holder", "Before", "Owns", "After", "Owns", "Dilution"},
                         {false, true, true, true, true, true});
    for (const holder_change& h : r.holders()) {
        t.add({h.name, detail::share_text(h.before), h.ownership_before.to_percent_string(4),
               detail::share_text(h.after), h.ownership_after.to_percent_string(4),
               h.before.value() == 0 ? "new" : h.dilution().to_percent_string(4)});
    }
    t.add({"Unallocated pool", detail::share_text(before.unallocated_pool()),
           r.pool_ownership_before().to_percent_string(4), detail::share_text(after.unallocated_pool()),
           r.pool_ownership_after().to_percent_string(4), ""});
    t.add({"Total", detail::share_text(before.total()), "100.0000%", detail::share_text(after.total()),
           "100.0000%", ""});
    t.print(os, "  ");
}

/// Prints @p chain: each holder's fully diluted shares and ownership at the start and after
/// each round, each round's price, and the dilution each round caused each holder.
inline void print_round_chain(std::ostream& os, const round_chain_result& chain) {
    const std::vector<round_on_cap_table>& rounds = chain.rounds();
    std::vector<std::string> header{"Holder", "Start"};
    for (const round_on_cap_table& r : rounds) header.push_back("After " + r.pricing().name());
    std::vector<bool> right(header.size(), true);
    right[0] = false;
    os << "Fully diluted shares and ownership (" << chain.basis().to_string() << ")\n";
    detail::text_table t(header, right);
    for (const holder& h : chain.final_table().holders()) {
        std::vector<std::string> row{h.name()};
        const std::vector<share_count> shares = chain.shares_history(h.id());
        const std::vector<fraction> owns = chain.ownership_history(h.id());
        for (std::size_t i = 0; i < shares.size(); ++i) {
            row.push_back(shares[i].value() == 0 ? "-"
                                                 : detail::share_text(shares[i]) + " " + owns[i].to_percent_string(2));
        }
        t.add_row(row);
    }
    std::vector<std::string> pool{"Unallocated pool"};
    std::vector<std::string> total{"Total"};
    std::vector<std::string> price{"Price per share", ""};
    for (std::size_t i = 0; i <= rounds.size(); ++i) {
        const cap_table& table = i == 0 ? chain.start() : rounds[i - 1].after();
        const fully_diluted_counts c = table.fully_diluted(chain.basis());
        pool.push_back(detail::share_text(c.unallocated_pool()) + " " +
                       fraction(c.unallocated_pool().value(), c.total().value()).to_percent_string(2));
        total.push_back(detail::share_text(c.total()));
        if (i > 0) price.push_back(rounds[i - 1].pricing().price().to_string());
    }
    t.add_row(pool);
    t.add_row(total);
    t.add_row(price);
    t.print(os, "  ");
    if (rounds.empty()) return;
    os << "\nDilution caused by each round (1 - ownership after / ownership before)\n";
    std::vector<std::string> dh{"Holder"};
    for (const round_on_cap_table& r : rounds) dh.push_back(r.pricing().name());
    std::vector<bool> dr(dh.size(), true);
    dr[0] = false;
    detail::text_table d(dh, dr);
    for (const holder& h : chain.final_table().holders()) {
        std::vector<std::string> row{h.name()};
        for (const round_on_cap_table& r : rounds) {
            const auto i = r.after().holder_index(h.id());
            if (!i) {
                row.push_back("-");
                continue;
            }
            const holder_change& c = r.holders()[*i];
            row.push_back(c.before.value() == 0 ? "new" : c.dilution().to_percent_string(2));
        }
        d.add_row(row);
    }
    d.print(os, "  ");
}

/// Writes print_priced_round(@p r).
inline std::ostream& operator<<(std::ostream& os, const priced_round& r) {
    print_priced_round(os, r);
    return os;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_PRICING_REPORT_HPP
