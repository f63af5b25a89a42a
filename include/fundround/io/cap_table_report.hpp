/// @file io/cap_table_report.hpp
/// @brief A cap table printed for a person: by holder and by class, shares and fully diluted
/// percentages with the exact fractions beside them, totals, the basis named; and a before/after
/// view of a change side by side.
#ifndef FUNDROUND_IO_CAP_TABLE_REPORT_HPP
#define FUNDROUND_IO_CAP_TABLE_REPORT_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/detail/text_table.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <sstream>
#include <string>
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

/// "1,000,000": a share count with thousands grouped, no unit.
[[nodiscard]] inline std::string share_text(share_count s) {
    const std::int64_t v = s.value();
    const std::uint64_t m = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    return (v < 0 ? "-" : "") + group_thousands(std::to_string(m));
}

/// Throws validation_error if @p opt has problems.
inline void require_valid_report_options(const cap_table_report_options& opt) {
    if (std::vector<diagnostic> problems = opt.validate(); !problems.empty()) {
        throw validation_error("cap table report options", std::move(problems));
    }
}

/// The percentage and exact text of @p part of @p total; "n/a" twice when the total is 0 (a
/// share of nothing is undefined, not 0%).
[[nodiscard]] inline std::pair<std::string, std::string> share_of_text(share_count part, share_count total,
                                                                      int decimals) {
    if (total.value() <= 0) return {"n/a", "n/a"};
    const fraction f(part.value(), total.value());
    return {f.to_percent_string(decimals), f.to_string()};
}

}  // namespace detail

/// Prints @p table: a header naming the currency and the fully diluted basis, then by holder
/// (issued shares as converted, options, warrants, fully diluted shares, the percentage and the
/// exact fraction), one row per pool's unallocated shares, a total; then by class (issued shares,
/// fully diluted shares of the class, percentage, exact). The exact fractions sum to 1; the
/// rounded percentages need not. A table whose fully diluted total is 0 (empty, or no shares on
/// the basis) says so and shows ownership as n/a. Throws validation_error if @p opt is invalid.
inline void print_cap_table(std::ostream& os, const cap_table& table, const cap_table_report_options& opt = {}) {
    detail::require_valid_report_options(opt);
    const fully_diluted_basis& basis = opt.basis;
    const fully_diluted_counts fd = table.fully_diluted(basis);
    const fully_diluted_counts issued = table.fully_diluted(fully_diluted_basis::outstanding());
    const fully_diluted_counts with_options = table.fully_diluted(fully_diluted_basis::issued_and_granted());
    const fully_diluted_counts with_warrants = table.fully_diluted(fully_diluted_basis{false, false, true, false});
    os << "Cap table (" << to_string(table.currency()) << "), fully diluted basis \"" << basis.name()
       << "\": " << basis.to_string() << '\n';
    if (fd.total().value() == 0) {
        os << (table.holders().empty() && table.pools().empty() ? "The cap table is empty"
                                                                  : "The cap table has no shares on this basis")
           << ": the fully diluted total is 0 and ownership is undefined (shown as n/a).\n";
    }

    os << "\nBy holder\n";
    std::vector<std::string> head{"Holder", "Kind", "Issued"};
    std::vector<bool> right{false, false, true};
    if (basis.granted_options) { head.push_back("Options"); right.push_back(true); }
    if (basis.warrants) { head.push_back("Warrants"); right.push_back(true); }
    for (const char* h : {"Fully diluted", "Ownership", "Exact"}) { head.push_back(h); right.push_back(true); }
    detail::text_table by_holder(head, right);
    for (std::size_t i = 0; i < table.holders().size(); ++i) {
        const holder& h = table.holders()[i];
        std::vector<std::string> row{h.name(), std::string(to_string(h.kind())), detail::share_text(issued.by_holder()[i])};
        if (basis.granted_options) row.push_back(detail::share_text(with_options.by_holder()[i] - issued.by_holder()[i]));
        if (basis.warrants) row.push_back(detail::share_text(with_warrants.by_holder()[i] - issued.by_holder()[i]));
        const auto [pct, exact] = detail::share_of_text(fd.by_holder()[i], fd.total(), opt.percent_decimals);
        row.insert(row.end(), {detail::share_text(fd.by_holder()[i]), pct, exact});
        by_holder.add_row(std::move(row));
    }
    if (basis.unallocated_pool) {
        for (std::size_t p = 0; p < table.pools().size(); ++p) {
            std::vector<std::string> row{"Unallocated: " + table.pools()[p].name, "pool", ""};
            if (basis.granted_options) row.push_back("");
            if (basis.warrants) row.push_back("");
            const auto [pct, exact] = detail::share_of_text(fd.by_pool()[p], fd.total(), opt.percent_decimals);
            row.insert(row.end(), {detail::share_text(fd.by_pool()[p]), pct, exact});
            by_holder.add_row(std::move(row));
        }
    }
    {
        std::vector<std::string> row{"Total", "", detail::share_text(fd.issued())};
        if (basis.granted_options) row.push_back(detail::share_text(fd.granted_options()));
        if (basis.warrants) row.push_back(detail::share_text(fd.warrants()));
        const auto [pct, exact] = detail::share_of_text(fd.total(), fd.total(), opt.percent_decimals);
        row.insert(row.end(), {detail::share_text(fd.total()), pct, exact});
        by_holder.add_row(std::move(row));
    }
    by_holder.print(os, "  ");

    os << "\nBy class\n";
    detail::text_table by_class({"Class", "Kind", "Issued", "Conversion ratio", "Fully diluted", "Ownership", "Exact"},
                                {false, false, true, true, true, true, true});
    for (std::size_t c = 0; c < table.classes().size(); ++c) {
        const share_class& k = table.classes()[c];
        const auto [pct, exact] = detail::share_of_text(fd.by_class()[c], fd.total(), opt.percent_decimals);
        by_class.add({k.name(), std::string(to_string(k.kind())), detail::share_text(table.issued_shares(k.name())),
                      k.conversion_ratio().to_string(), detail::share_text(fd.by_class()[c]), pct, exact});
    }
    const auto [pct, exact] = detail::share_of_text(fd.total(), fd.total(), opt.percent_decimals);
    by_class.add({"Total", "", detail::share_text(table.issued_shares()), "", detail::share_text(fd.total()), pct, exact});
    by_class.print(os, "  ");
}

/// Prints @p before and @p after side by side by holder (holders matched by id, pools by name):
/// fully diluted shares, percentage and exact fraction in each, and the change in percentage
/// points (exact fractions beside). Holders or pools only on one side show 0 on the other.
/// Throws validation_error if @p opt is invalid.
inline void print_cap_table_change(std::ostream& os, const cap_table& before, const cap_table& after,
                                   const cap_table_report_options& opt = {}, const std::string& before_label = "Before",
                                   const std::string& after_label = "After") {
    detail::require_valid_report_options(opt);
    const fully_diluted_counts b = before.fully_diluted(opt.basis);
    const fully_diluted_counts a = after.fully_diluted(opt.basis);
    os << before_label << " -> " << after_label << ", fully diluted basis \"" << opt.basis.name()
       << "\": " << opt.basis.to_string() << '\n';
    detail::text_table t({"Holder", before_label, "%", "Exact", after_label, "%", "Exact", "Change", "Exact change"},
                         {false, true, true, true, true, true, true, true, true});
    const auto fraction_of = [](share_count part, share_count total) {
        return total.value() > 0 ? fraction(part.value(), total.value()) : fraction();
    };
    const auto add_row = [&](const std::string& name, share_count sb, share_count sa) {
        const fraction fb = fraction_of(sb, b.total());
        const fraction fa = fraction_of(sa, a.total());
        const fraction change = fa - fb;
        std::string change_text = change.to_percent_string(opt.percent_decimals);
        if (change.sign() > 0) change_text.insert(0, "+");
        t.add({name, detail::share_text(sb), fb.to_percent_string(opt.percent_decimals), fb.to_string(),
               detail::share_text(sa), fa.to_percent_string(opt.percent_decimals), fa.to_string(), change_text,
               change.to_string()});
    };
    // Holders of `before` in its order, then holders only in `after`.
    for (std::size_t i = 0; i < before.holders().size(); ++i) {
        const holder& h = before.holders()[i];
        const auto j = after.holder_index(h.id());
        add_row(h.name(), b.by_holder()[i], j ? a.by_holder()[*j] : share_count());
    }
    for (std::size_t j = 0; j < after.holders().size(); ++j) {
        const holder& h = after.holders()[j];
        if (!before.holder_index(h.id())) add_row(h.name(), share_count(), a.by_holder()[j]);
    }
    if (opt.basis.unallocated_pool) {
        for (std::size_t p = 0; p < before.pools().size(); ++p) {
            const auto q = after.pool_index(before.pools()[p].name);
            add_row("Unallocated: " + before.pools()[p].name, b.by_pool()[p], q ? a.by_pool()[*q] : share_count());
        }
        for (std::size_t q = 0; q < after.pools().size(); ++q) {
            if (!before.pool_index(after.pools()[q].name)) {
                add_row("Unallocated: " + after.pools()[q].name, share_count(), a.by_pool()[q]);
            }
        }
    }
    add_row("Total", b.total(), a.total());
    t.print(os, "  ");
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
