/// @file io/pricing_report.hpp
/// @brief A priced round printed like the price section of a term sheet (the price and how it
/// was rounded, the pool top-up, each investor's shares and unconverted cash, the valuations
/// the rounded figures imply); a round on a cap table and a chain of rounds, holder by holder,
/// with the anti-dilution adjustments the chain's rounds made.
#ifndef FUNDROUND_IO_PRICING_REPORT_HPP
#define FUNDROUND_IO_PRICING_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
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

/// The investors table of print_priced_round() for @p target: investor, invested, shares, cost,
/// not converted, ownership after the round (and the currency in the CSV). With @p holders (the
/// cap table after the round), the text names each investor as the table does; else, and in
/// the CSV, by the id the round was given.
[[nodiscard]] inline report_table priced_investors_table(const priced_round& r, table_target target,
                                                         int csv_decimals = 12, const cap_table* holders = nullptr) {
    report_table t(target, csv_decimals);
    t.column("Investor", false, "investor").column("Invested", true, "invested").column("Shares", true, "shares");
    t.column("Cost", true, "cost").column("Not converted", true, "not_converted").column("Owns", true, "ownership", 2);
    t.csv_column("currency").end_header();
    const std::string cur = to_string(r.currency());
    for (const priced_investment& i : r.investments()) {
        const std::optional<std::size_t> at = holders != nullptr && t.for_text() ? holders->holder_index(holder_id(i.investor))
                                                                                  : std::nullopt;
        t.text(at ? holders->holders()[*at].name() : i.investor).full_amount(i.amount).shares(i.shares).full_amount(i.cost).full_amount(i.not_converted);
        t.percent(r.ownership(i.investor), 4).text(cur);
    }
    return t;
}

/// Appends the dilution cell of @p h to @p t: a percentage with @p decimals; for a holder with no
/// shares before the round, "new" when the round gives it shares and "-" when it still has none
/// (a lender whose note did not convert): empty CSV fields either way.
inline void add_dilution(report_table& t, const holder_change& h, int decimals) {
    if (h.before.value() != 0) {
        t.percent(h.dilution(), decimals);
    } else {
        t.none(h.after.value() == 0 ? "-" : "new");
    }
}

/// True if @p table has an option pool (stated, or created by a round), however much of it is
/// granted: a fully granted pool still has an unallocated row (0 is a fact about it), a company
/// with no pool at all has none.
[[nodiscard]] inline bool has_pool(const cap_table& table) noexcept { return !table.pools().empty(); }

/// The holders table of a round on a cap table for @p target: holder, fully diluted shares and
/// ownership before (@p before_table) and after (@p after_table) on @p basis, one row per
/// @p holders, with @p dilution a dilution column (see add_dilution(): empty in the CSV for a
/// holder with no shares before, "new" or "-" in the text); the unallocated pool when either table
/// has a pool (see has_pool()); in the text a total row. round_holders_table() and
/// converted_holders_table() (io/conversion_report.hpp).
[[nodiscard]] inline report_table before_after_holders_table(const cap_table& before_table, const cap_table& after_table,
                                                             const fully_diluted_basis& basis,
                                                             const std::vector<holder_change>& holders, bool dilution,
                                                             table_target target, int csv_decimals) {
    const fully_diluted_counts before = before_table.fully_diluted(basis);
    const fully_diluted_counts after = after_table.fully_diluted(basis);
    report_table t(target, csv_decimals);
    t.column("Holder", false, "holder").column("Before", true, "before").column("Owns", true, "ownership_before", 2);
    t.column("After", true, "after").column("Owns", true, "ownership_after", 2);
    if (dilution) t.column("Dilution", true, "dilution", 2);
    t.end_header();
    for (const holder_change& h : holders) {
        t.text(h.name).shares(h.before).percent(h.ownership_before, 4).shares(h.after).percent(h.ownership_after, 4);
        if (dilution) add_dilution(t, h, 4);
    }
    if (has_pool(before_table) || has_pool(after_table)) {
        t.text("Unallocated pool").shares(before.unallocated_pool());
        t.percent(fraction(before.unallocated_pool().value(), before.total().value()), 4);
        t.shares(after.unallocated_pool()).percent(fraction(after.unallocated_pool().value(), after.total().value()), 4);
        if (dilution) t.none();
    }
    if (t.for_text()) {
        t.text("Total").shares(before.total()).none("100.0000%").shares(after.total()).none("100.0000%");
        if (dilution) t.none();
    }
    return t;
}

/// The holders table of print_round_on_cap_table() for @p target: holder, fully diluted shares
/// and ownership before and after, dilution (see add_dilution(): empty in the CSV for a holder
/// with no shares before, "new" or "-" in the text); the unallocated pool when the company has a
/// pool (see has_pool()); in the text a total row.
[[nodiscard]] inline report_table round_holders_table(const round_on_cap_table& r, table_target target,
                                                      int csv_decimals = 12) {
    return before_after_holders_table(r.before(), r.after(), r.basis(), r.holders(), true, target, csv_decimals);
}

/// The name of each stage of @p chain in its tables (text headers and CSV columns): "start", then
/// each step's label (round_chain_result::steps()[s]), with " (step s)" added to the label of a
/// step whose CSV columns would have another stage's name (two steps with one label, a step
/// labelled "start", one labelled "X_decimal" beside one labelled "X": ownership_X_decimal),
/// so that every column names one stage.
[[nodiscard]] inline std::vector<std::string> chain_stage_names(const round_chain_result& chain) {
    const std::vector<chain_step>& steps = chain.steps();
    std::vector<std::string> names{"start"};
    for (const chain_step& st : steps) names.push_back(st.label);
    std::vector<bool> suffixed(names.size(), false);
    for (;;) {
        // Each CSV column of a stage, by name, with the stages that have it.
        std::map<std::string, std::vector<std::size_t>> stages_of;
        for (std::size_t i = 0; i < names.size(); ++i) {
            for (const std::string& column : {"shares_" + names[i], "ownership_" + names[i], "ownership_" + names[i] + "_decimal",
                                              "dilution_" + names[i], "dilution_" + names[i] + "_decimal"}) {
                std::vector<std::size_t>& at = stages_of[column];
                if (at.empty() || at.back() != i) at.push_back(i);
            }
        }
        bool changed = false;
        for (const auto& column : stages_of) {
            if (column.second.size() < 2) continue;
            for (const std::size_t i : column.second) {
                if (i == 0 || suffixed[i]) continue;  // the start keeps "start"; a step is suffixed once
                names[i] += " (step " + std::to_string(i - 1) + ")";
                suffixed[i] = true;
                changed = true;
            }
        }
        // A name with its step's number differs from every other such name, and ends in ')' where
        // "start" and an `X_decimal` do not: each pass suffixes a step, or ends.
        if (!changed) return names;
    }
}

/// The shares table of print_round_chain() for @p target: each holder's fully diluted shares and
/// ownership at the start and after each step, rounds and issues of shares between rounds in
/// the order added ("1,000,000 12.34%" in one text column; in the CSV `shares_<stage>` and
/// `ownership_<stage>`, stage "start" or the step's label (chain_stage_names()), empty
/// where the holder had no shares), the unallocated pool when a stage has a pool (see
/// has_pool()); in the text the total and price rows (a round's price per share, "-" for an
/// issuance: its line after the tables gives its terms).
[[nodiscard]] inline report_table chain_table(const round_chain_result& chain, table_target target,
                                              int csv_decimals = 12) {
    const std::vector<chain_step>& steps = chain.steps();
    report_table t(target, csv_decimals);
    const std::vector<std::string> stages = chain_stage_names(chain);
    t.column("Holder", false, "holder");
    for (std::size_t i = 0; i <= steps.size(); ++i) {
        const std::string& stage = stages[i];
        t.column(i == 0 ? "Start" : "After " + stage, true, "", 0);
        t.csv_column("shares_" + stage).csv_column("ownership_" + stage, 2);
    }
    t.end_header();
    for (const holder& h : chain.final_table().holders()) {
        t.text(h.name());
        const std::vector<share_count> shares = chain.shares_history(h.id());
        const std::vector<fraction> owns = chain.ownership_history(h.id());
        for (std::size_t i = 0; i < shares.size(); ++i) {
            if (shares[i].value() == 0) {
                t.none("-").none().none();
            } else {
                t.none(t.for_text() ? share_text(shares[i]) + " " + owns[i].to_percent_string(2) : std::string());
                t.shares(shares[i]).percent(owns[i], 2);
            }
        }
    }
    const auto stage_table = [&](std::size_t i) -> const cap_table& { return i == 0 ? chain.start() : chain.after_step(i - 1); };
    bool any_pool = false;
    for (std::size_t i = 0; i <= steps.size(); ++i) any_pool = any_pool || has_pool(stage_table(i));
    if (any_pool) {
        t.text("Unallocated pool");
        for (std::size_t i = 0; i <= steps.size(); ++i) {
            const fully_diluted_counts c = stage_table(i).fully_diluted(chain.basis());
            const fraction f(c.unallocated_pool().value(), c.total().value());
            t.none(t.for_text() ? share_text(c.unallocated_pool()) + " " + f.to_percent_string(2) : std::string());
            t.shares(c.unallocated_pool()).percent(f, 2);
        }
    }
    if (t.for_text()) {
        t.text("Total");
        for (std::size_t i = 0; i <= steps.size(); ++i) t.text(share_text(chain.totals()[i])).none().none();
        t.text("Price per share").text("").none().none();
        for (const chain_step& st : steps) {
            t.text(st.kind == chain_step_kind::round ? chain.rounds()[st.index].pricing().price().display_string() : "-")
                .none()
                .none();
        }
    }
    return t;
}

/// The dilution table of print_round_chain() for @p target: the dilution each step (a round, or
/// an issue of shares between rounds) caused each holder (`dilution_<step label>` in the CSV,
/// the label as chain_stage_names(); empty, and "new" or "-" in the text, for a holder with no
/// shares before that step (see add_dilution()) or not yet on the table). A round with
/// pay-to-play counts from the table after the step before, its conversions included.
[[nodiscard]] inline report_table chain_dilution_table(const round_chain_result& chain, table_target target,
                                                       int csv_decimals = 12) {
    const std::vector<chain_step>& steps = chain.steps();
    report_table t(target, csv_decimals);
    t.column("Holder", false, "holder");
    const std::vector<std::string> stages = chain_stage_names(chain);
    for (std::size_t s = 0; s < steps.size(); ++s) t.column(stages[s + 1], true, "dilution_" + stages[s + 1], 2);
    t.end_header();
    bool any_pay_to_play = false;
    for (std::size_t k = 0; k < chain.rounds().size(); ++k) any_pay_to_play = any_pay_to_play || chain.pay_to_play(k) != nullptr;
    for (const holder& h : chain.final_table().holders()) {
        t.text(h.name());
        // A round with pay-to-play: its conversions, made immediately before it (rounds()[k].before()
        // is the table they leave), are part of what it did to the holder: from the stage before.
        std::vector<share_count> shares;
        std::vector<fraction> owns;
        if (any_pay_to_play) {
            shares = chain.shares_history(h.id());
            owns = chain.ownership_history(h.id());
        }
        for (std::size_t s = 0; s < steps.size(); ++s) {
            const chain_step& st = steps[s];
            const bool round = st.kind == chain_step_kind::round;
            const cap_table& after = chain.after_step(s);
            const std::vector<holder_change>& changes =
                round ? chain.rounds()[st.index].holders() : chain.issuances()[st.index].holders();
            const auto i = after.holder_index(h.id());
            if (!i) {
                t.none("-");
                continue;
            }
            if (round && chain.pay_to_play(st.index) != nullptr) {
                holder_change c = changes[*i];
                c.before = shares[s];
                c.after = shares[s + 1];
                c.ownership_before = owns[s];
                c.ownership_after = owns[s + 1];
                add_dilution(t, c, 2);
            } else {
                add_dilution(t, changes[*i], 2);
            }
        }
    }
    return t;
}

/// print_priced_round(), its investors named from @p holders when given (see
/// priced_investors_table()).
inline void print_priced_round_named(std::ostream& os, const priced_round& r, const cap_table* holders) {
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
                     : " (exact " + major.to_string() + " " + to_string(c) + " per share, rounded to " +
                           std::to_string(r.price_rounding()->decimals) + " decimals, " +
                           std::string(to_string(r.price_rounding()->mode)) + ")";
    } else if (!fits(decimals)) {
        price += " (exact " + major.to_string() + " " + to_string(c) + " per share, not rounded)";
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
    os << '\n';
    priced_investors_table(r, table_target::text, 12, holders).print(os, "  ");
}

/// The line of a round that creates pool @p name, on @p after: "The round creates option pool
/// "2027 Plan" (Common): 1,764,706 shares" (print_round_on_cap_table(), print_converted_round()).
inline void print_pool_created(std::ostream& os, const cap_table& after, const std::string& name) {
    const option_pool& p = after.pools()[*after.pool_index(name)];
    os << "\nThe round creates option pool " << quoted_text(p.name) << " (" << p.share_class << "): " << share_text(p.authorized)
       << " shares\n";
}

}  // namespace detail

/// Prints @p r: terms, price and its rounding, pool top-up, investors (by the ids the round was
/// given; print_round_on_cap_table() and print_converted_round() name them as the cap table
/// does), implied valuations.
inline void print_priced_round(std::ostream& os, const priced_round& r) { detail::print_priced_round_named(os, r, nullptr); }

/// Prints @p r's pricing (and the pool it creates, if it does), then every holder's fully
/// diluted shares and ownership before and after the round and the dilution it caused (exact
/// fractions in round_on_cap_table).
inline void print_round_on_cap_table(std::ostream& os, const round_on_cap_table& r) {
    detail::print_priced_round_named(os, r.pricing(), &r.after());
    if (r.pool_created()) detail::print_pool_created(os, r.after(), *r.pool());
    os << "\nCap table on a fully diluted basis (" << r.basis().to_string() << ")\n";
    detail::round_holders_table(r, detail::table_target::text).print(os, "  ");
}

/// Prints @p chain's tables: each holder's fully diluted shares and ownership at the start and
/// after each step (each round, and each issue of shares between rounds in its place), each
/// round's price, the dilution each step caused each holder (the first part of
/// print_round_chain(), without the adjustments).
inline void print_round_chain_tables(std::ostream& os, const round_chain_result& chain) {
    os << "Fully diluted shares and ownership (" << chain.basis().to_string() << ")\n";
    detail::chain_table(chain, detail::table_target::text).print(os, "  ");
    if (chain.steps().empty()) return;
    os << "\nDilution caused by each " << (chain.issuances().empty() ? "round" : "step (round or issuance)")
       << " (1 - ownership after / ownership before)\n";
    detail::chain_dilution_table(chain, detail::table_target::text).print(os, "  ");
}

/// Prints @p chain: its tables (print_round_chain_tables()), then for each round its pay-to-play
/// conversions (operator<< on pay_to_play_conversions; nothing for a round without) and its
/// anti-dilution adjustments when the chain has a charter (operator<< on
/// anti_dilution_adjustment; nothing without protected series); each issue of shares between
/// rounds (round_chain_result::print_issuance()) in its place among them.
inline void print_round_chain(std::ostream& os, const round_chain_result& chain) {
    print_round_chain_tables(os, chain);
    std::size_t next = 0;  // the next issuance to print
    const auto issuances_before = [&](std::size_t round) {
        for (; next < chain.issuances().size() && chain.issuances()[next].rounds_before() <= round; ++next) {
            os << '\n';
            chain.print_issuance(os, next);
        }
    };
    for (std::size_t i = 0; i <= chain.rounds().size(); ++i) {
        issuances_before(i);
        if (i == chain.rounds().size()) break;
        if (chain.pay_to_play(i) != nullptr) {
            os << '\n';
            chain.print_pay_to_play(os, i);
        }
        if (chain.adjustment(i) == nullptr) continue;
        os << '\n';
        chain.print_adjustment(os, i);
    }
}

/// Writes print_priced_round(@p r).
inline std::ostream& operator<<(std::ostream& os, const priced_round& r) {
    print_priced_round(os, r);
    return os;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_PRICING_REPORT_HPP
