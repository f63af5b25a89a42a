/// @file io/cap_table_report.hpp
/// @brief A cap table printed for a person: by holder and by class, shares and fully diluted
/// percentages with the exact fractions beside them, totals, the basis named; and a before/after
/// view of a change side by side, by holder and by class; the share valuations (409A) of its
/// classes.
#ifndef FUNDROUND_IO_CAP_TABLE_REPORT_HPP
#define FUNDROUND_IO_CAP_TABLE_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/share_valuation.hpp>
#include <fundround/detail/report_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Choices for print_cap_table() and print_cap_table_change().
struct cap_table_report_options {
    fully_diluted_basis basis = fully_diluted_basis::full();  ///< The basis of the percentages.
    int percent_decimals = 4;  ///< Digits after the point in percentages (0 to 60).

    /// Every problem with these options (empty if they are valid).
    [[nodiscard]] std::vector<diagnostic> validate() const {
        std::vector<diagnostic> out;
        if (percent_decimals < 0 || percent_decimals > 60) {
            out.push_back({field_path("cap_table_report_options").member("percent_decimals"), std::to_string(percent_decimals),
                           "must be between 0 and 60"});
        }
        return out;
    }
};

namespace detail {

/// Throws validation_error if @p opt has problems.
inline void require_valid_report_options(const cap_table_report_options& opt) {
    if (std::vector<diagnostic> problems = opt.validate(); !problems.empty()) {
        throw validation_error("cap table report options", std::move(problems));
    }
}

/// Appends to @p t the ownership of @p part in @p total, as a percentage and (in the text) the
/// exact fraction; "n/a" twice (empty CSV fields) when the total is 0 (a share of nothing is
/// undefined, not 0%).
inline void add_share_of(report_table& t, share_count part, share_count total, int decimals) {
    if (total.value() <= 0) {
        t.none("n/a").none("n/a");
        return;
    }
    const fraction f(part.value(), total.value());
    t.percent(f, decimals).exact(f);
}

/// The by-holder table of print_cap_table() for @p target: holder, kind, issued shares (as
/// converted), options and warrants (when the basis counts them), fully diluted shares,
/// ownership and its exact fraction; one row per pool's unallocated shares (kind "pool"; in the
/// CSV the holder is the pool's name); in the text a total row.
[[nodiscard]] inline report_table cap_table_holders_table(const cap_table& table, const cap_table_report_options& opt,
                                                          table_target target, int csv_decimals = 12) {
    const fully_diluted_basis& basis = opt.basis;
    const fully_diluted_counts fd = table.fully_diluted(basis);
    const fully_diluted_counts issued = table.fully_diluted(fully_diluted_basis::outstanding());
    const fully_diluted_counts with_options = table.fully_diluted(fully_diluted_basis::issued_and_granted());
    const fully_diluted_counts with_warrants = table.fully_diluted(fully_diluted_basis{false, false, true, false});
    const int d = opt.percent_decimals;
    report_table t(target, csv_decimals);
    t.column("Holder", false, "holder").column("Kind", false, "kind").column("Issued", true, "issued");
    if (basis.granted_options) t.column("Options", true, "options");
    if (basis.warrants) t.column("Warrants", true, "warrants");
    t.column("Fully diluted", true, "fully_diluted").column("Ownership", true, "ownership", 2);
    t.column("Exact", true, "", 0).end_header();
    for (std::size_t i = 0; i < table.holders().size(); ++i) {
        const holder& h = table.holders()[i];
        t.text(h.name()).text(to_string(h.kind())).shares(issued.by_holder()[i]);
        if (basis.granted_options) t.shares(with_options.by_holder()[i] - issued.by_holder()[i]);
        if (basis.warrants) t.shares(with_warrants.by_holder()[i] - issued.by_holder()[i]);
        t.shares(fd.by_holder()[i]);
        add_share_of(t, fd.by_holder()[i], fd.total(), d);
    }
    if (basis.unallocated_pool) {
        for (std::size_t p = 0; p < table.pools().size(); ++p) {
            const std::string& name = table.pools()[p].name;
            t.cell(t.for_text() ? "Unallocated: " + name : name, name).text("pool").none();
            if (basis.granted_options) t.none();
            if (basis.warrants) t.none();
            t.shares(fd.by_pool()[p]);
            add_share_of(t, fd.by_pool()[p], fd.total(), d);
        }
    }
    if (t.for_text()) {
        t.text("Total").text("").shares(fd.issued());
        if (basis.granted_options) t.shares(fd.granted_options());
        if (basis.warrants) t.shares(fd.warrants());
        t.shares(fd.total());
        add_share_of(t, fd.total(), fd.total(), d);
    }
    return t;
}

/// The by-class table of print_cap_table() for @p target: class, kind, issued shares,
/// conversion ratio (exact), fully diluted shares, ownership and its exact fraction; in the
/// text a total row.
[[nodiscard]] inline report_table cap_table_classes_table(const cap_table& table, const cap_table_report_options& opt,
                                                          table_target target, int csv_decimals = 12) {
    const fully_diluted_counts fd = table.fully_diluted(opt.basis);
    report_table t(target, csv_decimals);
    t.column("Class", false, "class").column("Kind", false, "kind").column("Issued", true, "issued");
    t.column("Conversion ratio", true, "conversion_ratio").column("Fully diluted", true, "fully_diluted");
    t.column("Ownership", true, "ownership", 2).column("Exact", true, "", 0).end_header();
    for (std::size_t c = 0; c < table.classes().size(); ++c) {
        const share_class& k = table.classes()[c];
        t.text(k.name()).text(to_string(k.kind())).shares(table.issued_shares(k.name()));
        t.exact(k.conversion_ratio()).shares(fd.by_class()[c]);
        add_share_of(t, fd.by_class()[c], fd.total(), opt.percent_decimals);
    }
    if (t.for_text()) {
        t.text("Total").text("").shares(table.issued_shares()).text("").shares(fd.total());
        add_share_of(t, fd.total(), fd.total(), opt.percent_decimals);
    }
    return t;
}

/// @p part over @p total, exactly; 0 when the total is 0 (the change tables' convention).
[[nodiscard]] inline fraction fraction_of_total(share_count part, share_count total) {
    return total.value() > 0 ? fraction(part.value(), total.value()) : fraction();
}

/// Appends one side of a change row to @p t: @p s shares, their fraction of @p total as a
/// percentage with @p decimals and exactly; when @p s is empty (the row is not on that side),
/// @p missing and two empty cells (empty CSV fields). Returns the fraction (0 when missing).
inline fraction add_change_side(report_table& t, const std::optional<share_count>& s, share_count total, int decimals,
                                std::string_view missing) {
    if (!s) {
        t.none(missing).none().none();
        return fraction();
    }
    const fraction f = fraction_of_total(*s, total);
    t.shares(*s).percent(f, decimals).exact(f);
    return f;
}

/// Per class of @p table (in its order), the class's fully diluted shares in @p fd without its
/// pools' unallocated shares (fully_diluted_counts::by_class() counts those in the pool's class):
/// the class's issued shares as converted, and its granted options and warrants when the basis
/// counts them. With fd.by_pool() they add up to fd.total().
[[nodiscard]] inline std::vector<share_count> class_shares_without_pools(const cap_table& table,
                                                                        const fully_diluted_counts& fd) {
    std::vector<share_count> out = fd.by_class();
    for (std::size_t p = 0; p < table.pools().size(); ++p) {
        const option_pool& pool = table.pools()[p];
        const auto c = table.class_index(pool.share_class);
        if (!c) {
            throw invalid_argument_error("pool \"" + pool.name + "\" share_class = \"" + pool.share_class +
                                         "\": not a class on the cap table");
        }
        out[*c] -= fd.by_pool()[p];
    }
    return out;
}

/// The fully diluted counts of both sides of a change on one basis, computed once for the
/// by-holder and the by-class tables.
struct change_counts {
    change_counts(const cap_table& before_table, const cap_table& after_table, const fully_diluted_basis& basis)
        : before(before_table.fully_diluted(basis)), after(after_table.fully_diluted(basis)) {}
    fully_diluted_counts before;  ///< On the table before.
    fully_diluted_counts after;   ///< On the table after.
};

/// The by-holder table of print_cap_table_change() for @p target: by holder (matched by id,
/// pools by name), fully diluted shares and ownership before and after, and the change in
/// ownership (exact fractions in the text's "Exact" columns and in the CSV); in the text a total
/// row. The CSV names are fixed ("before", "after"); the labels title the text's columns.
[[nodiscard]] inline report_table cap_table_change_table(const cap_table& before, const cap_table& after,
                                                         const change_counts& counts, const cap_table_report_options& opt,
                                                         const std::string& before_label,
                                                         const std::string& after_label, table_target target,
                                                         int csv_decimals = 12) {
    const fully_diluted_counts& b = counts.before;
    const fully_diluted_counts& a = counts.after;
    const int d = opt.percent_decimals;
    report_table t(target, csv_decimals);
    t.column("Holder", false, "holder").column(before_label, true, "before");
    t.column("%", true, "before_ownership", 2).column("Exact", true, "", 0);
    t.column(after_label, true, "after").column("%", true, "after_ownership", 2).column("Exact", true, "", 0);
    t.column("Change", true, "change", 2).column("Exact change", true, "", 0).end_header();
    const auto add_row = [&](std::string_view display, std::string_view name, share_count sb, share_count sa) {
        t.cell(display, name);
        const fraction fb = add_change_side(t, sb, b.total(), d, {});
        const fraction change = add_change_side(t, sa, a.total(), d, {}) - fb;
        t.percent(change, d, true).exact(change);
    };
    const auto add_pool = [&](const std::string& name, share_count sb, share_count sa) {
        add_row(t.for_text() ? "Unallocated: " + name : name, name, sb, sa);
    };
    // Holders of `before` in its order, then holders only in `after`.
    for (std::size_t i = 0; i < before.holders().size(); ++i) {
        const holder& h = before.holders()[i];
        const auto j = after.holder_index(h.id());
        add_row(h.name(), h.name(), b.by_holder()[i], j ? a.by_holder()[*j] : share_count());
    }
    for (std::size_t j = 0; j < after.holders().size(); ++j) {
        const holder& h = after.holders()[j];
        if (!before.holder_index(h.id())) add_row(h.name(), h.name(), share_count(), a.by_holder()[j]);
    }
    if (opt.basis.unallocated_pool) {
        for (std::size_t p = 0; p < before.pools().size(); ++p) {
            const auto q = after.pool_index(before.pools()[p].name);
            add_pool(before.pools()[p].name, b.by_pool()[p], q ? a.by_pool()[*q] : share_count());
        }
        for (std::size_t q = 0; q < after.pools().size(); ++q) {
            if (!before.pool_index(after.pools()[q].name)) add_pool(after.pools()[q].name, share_count(), a.by_pool()[q]);
        }
    }
    if (t.for_text()) add_row("Total", "Total", b.total(), a.total());
    return t;
}

/// The by-class table of print_cap_table_change() for @p target: each class (matched by name;
/// the classes of @p before in its order, then the new ones) and, when the basis counts them,
/// each pool's unallocated shares (matched by name; kind "pool"): fully diluted shares and
/// ownership before and after (exact fractions in the text's "Exact" columns and in the CSV),
/// the change in shares and in ownership. A class's shares are its issued shares as converted,
/// granted options and warrants on the basis, without its pools' unallocated shares (their own
/// rows), so the rows add up to the fully diluted total on each side. A class or pool not on
/// the table before shows "new" (empty CSV fields) and no ownership before; one not on the
/// table after shows "removed". In the text a total row.
[[nodiscard]] inline report_table cap_table_class_change_table(const cap_table& before, const cap_table& after,
                                                               const change_counts& counts,
                                                               const cap_table_report_options& opt,
                                                               const std::string& before_label,
                                                               const std::string& after_label, table_target target,
                                                               int csv_decimals = 12) {
    const fully_diluted_counts& b = counts.before;
    const fully_diluted_counts& a = counts.after;
    const std::vector<share_count> classes_b = class_shares_without_pools(before, b);
    const std::vector<share_count> classes_a = class_shares_without_pools(after, a);
    const int d = opt.percent_decimals;
    report_table t(target, csv_decimals);
    t.column("Class", false, "class").column("Kind", false, "kind").column(before_label, true, "before");
    t.column("%", true, "before_ownership", 2).column("Exact", true, "", 0);
    t.column(after_label, true, "after").column("%", true, "after_ownership", 2).column("Exact", true, "", 0);
    t.column("Shares change", true, "shares_change").column("Change", true, "change", 2);
    t.column("Exact change", true, "", 0).end_header();
    using side = std::optional<share_count>;
    const auto add_row = [&](std::string_view display, std::string_view name, std::string_view kind, const side& sb,
                             const side& sa) {
        t.cell(display, name).text(kind);
        const fraction fb = add_change_side(t, sb, b.total(), d, "new");
        const fraction change = add_change_side(t, sa, a.total(), d, "removed") - fb;
        t.shares(sa.value_or(share_count()) - sb.value_or(share_count()), true);
        t.percent(change, d, true).exact(change);
    };
    const auto kind_of = [](const share_class& k) { return to_string(k.kind()); };
    for (std::size_t c = 0; c < before.classes().size(); ++c) {
        const share_class& k = before.classes()[c];
        const auto e = after.class_index(k.name());
        add_row(k.name(), k.name(), kind_of(e ? after.classes()[*e] : k), classes_b[c],
                e ? side(classes_a[*e]) : side());
    }
    for (std::size_t e = 0; e < after.classes().size(); ++e) {
        const share_class& k = after.classes()[e];
        if (!before.class_index(k.name())) add_row(k.name(), k.name(), kind_of(k), side(), classes_a[e]);
    }
    if (opt.basis.unallocated_pool) {
        const auto add_pool = [&](const std::string& name, const side& sb, const side& sa) {
            add_row(t.for_text() ? "Unallocated: " + name : name, name, "pool", sb, sa);
        };
        for (std::size_t p = 0; p < before.pools().size(); ++p) {
            const auto q = after.pool_index(before.pools()[p].name);
            add_pool(before.pools()[p].name, b.by_pool()[p], q ? side(a.by_pool()[*q]) : side());
        }
        for (std::size_t q = 0; q < after.pools().size(); ++q) {
            if (!before.pool_index(after.pools()[q].name)) add_pool(after.pools()[q].name, side(), a.by_pool()[q]);
        }
    }
    if (t.for_text()) add_row("Total", "Total", "", b.total(), a.total());
    return t;
}

}  // namespace detail

namespace detail {

/// The table of print_share_valuations() for @p target: class, type, price per share (exact to
/// 4 decimals in the text; in the CSV the exact major units, a decimal and the currency),
/// effective date, board and stockholder approval dates ("-" in the text, empty in the CSV when
/// not stated), provider; in the order given.
[[nodiscard]] inline report_table share_valuations_table(const std::vector<share_valuation>& valuations, table_target target,
                                                         int csv_decimals = 12) {
    report_table t(target, csv_decimals);
    t.column("Class", false, "class").column("Type", false, "type").column("Price per share", true, "price_per_share", 2);
    t.csv_column("currency").column("Effective", false, "effective_date").column("Board approval", false, "board_approval_date");
    t.column("Stockholder approval", false, "stockholder_approval_date").column("Provider", false, "provider").end_header();
    const auto day = [&](const std::optional<calendar_date>& d) -> report_table& { return d ? t.text(to_string(*d)) : t.none("-"); };
    for (const share_valuation& v : valuations) {
        t.text(v.share_class).text(to_string(v.type)).units(v.price.units_per_share(), v.price.currency(), 4);
        t.text(v.price.currency().code()).text(to_string(v.effective_date));
        day(v.board_approval_date);
        day(v.stockholder_approval_date);
        t.text(v.provider);
    }
    return t;
}

}  // namespace detail

/// Prints @p table: a header naming the currency and the fully diluted basis, then by holder
/// (issued shares as converted, options, warrants, fully diluted shares, the percentage and the
/// exact fraction), one row per pool's unallocated shares, a total (and, when a class converts at
/// a ratio other than 1, a line saying so); then by class (issued shares of the class itself,
/// fully diluted shares of the class, percentage, exact). The exact fractions sum to 1; the
/// rounded percentages need not. A table whose fully diluted total is 0 (empty, or no shares on
/// the basis) says so and shows ownership as n/a. Throws validation_error if @p opt is invalid.
inline void print_cap_table(std::ostream& os, const cap_table& table, const cap_table_report_options& opt = {}) {
    detail::require_valid_report_options(opt);
    const fully_diluted_basis& basis = opt.basis;
    const fully_diluted_counts fd = table.fully_diluted(basis);
    os << "Cap table (" << to_string(table.currency()) << "), fully diluted basis \"" << basis.name()
       << "\": " << basis.to_string() << '\n';
    if (fd.total().value() == 0) {
        os << (table.holders().empty() && table.pools().empty() ? "The cap table is empty"
                                                                  : "The cap table has no shares on this basis")
           << ": the fully diluted total is 0 and ownership is undefined (shown as n/a).\n";
    }
    os << "\nBy holder\n";
    detail::cap_table_holders_table(table, opt, detail::table_target::text).print(os, "  ");
    // With a conversion ratio other than 1 the two Issued columns differ: say which is which.
    for (const share_class& k : table.classes()) {
        if (k.conversion_ratio() != fraction(1)) {
            os << "  Issued by holder counts preferred as converted (at its class's conversion ratio); by class, each "
                  "class's own shares.\n";
            break;
        }
    }
    os << "\nBy class\n";
    detail::cap_table_classes_table(table, opt, detail::table_target::text).print(os, "  ");
}

/// Prints @p before and @p after side by side, as print_cap_table() prints one table: by holder
/// (holders matched by id, pools by name; fully diluted shares, percentage and exact fraction in
/// each, the change in percentage points with the exact fraction; a holder or pool on one side
/// only shows 0 on the other), then by class (classes matched by name, then each pool's
/// unallocated shares: shares, percentage and exact fraction in each, the change in shares and in
/// percentage points; a class or pool not on @p before shows "new", one not on @p after
/// "removed"). Each section's rows add up to the fully diluted total on each side.
/// Throws validation_error if @p opt is invalid.
inline void print_cap_table_change(std::ostream& os, const cap_table& before, const cap_table& after,
                                   const cap_table_report_options& opt = {}, const std::string& before_label = "Before",
                                   const std::string& after_label = "After") {
    detail::require_valid_report_options(opt);
    os << before_label << " -> " << after_label << ", fully diluted basis \"" << opt.basis.name()
       << "\": " << opt.basis.to_string() << '\n';
    const detail::change_counts counts(before, after, opt.basis);
    os << "\nBy holder\n";
    detail::cap_table_change_table(before, after, counts, opt, before_label, after_label, detail::table_target::text)
        .print(os, "  ");
    os << "\nBy class\n";
    detail::cap_table_class_change_table(before, after, counts, opt, before_label, after_label, detail::table_target::text)
        .print(os, "  ");
}

/// Prints @p valuations, one row each in the order given: class, type, price per share, the
/// effective date, the board's and the stockholders' approval dates and the provider; or says
/// there are none.
inline void print_share_valuations(std::ostream& os, const std::vector<share_valuation>& valuations) {
    if (valuations.empty()) {
        os << "No share valuations\n";
        return;
    }
    os << "Share valuations (" << valuations.size() << ")\n";
    detail::share_valuations_table(valuations, detail::table_target::text).print(os, "  ");
}

/// print_cap_table() as a string.
[[nodiscard]] inline std::string cap_table_text(const cap_table& table, const cap_table_report_options& opt = {}) {
    std::ostringstream os;
    print_cap_table(os, table, opt);
    return os.str();
}

/// print_cap_table_change() as a string.
[[nodiscard]] inline std::string cap_table_change_text(const cap_table& before, const cap_table& after,
                                                       const cap_table_report_options& opt = {},
                                                       const std::string& before_label = "Before",
                                                       const std::string& after_label = "After") {
    std::ostringstream os;
    print_cap_table_change(os, before, after, opt, before_label, after_label);
    return os.str();
}

/// Writes print_cap_table() with default options (the "full" basis).
inline std::ostream& operator<<(std::ostream& os, const cap_table& table) {
    print_cap_table(os, table);
    return os;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_CAP_TABLE_REPORT_HPP
