/// @file company/share_valuation.hpp
/// @brief Valuations of a share class (a 409A valuation of common: the fair market value per
/// share from an effective date), the one in force on a date, and their checks against a cap
/// table. Not a round's valuation (deal/valuation.hpp): no money comes in.
#ifndef FUNDROUND_COMPANY_SHARE_VALUATION_HPP
#define FUNDROUND_COMPANY_SHARE_VALUATION_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// What a share valuation is for (the Open Cap Table Format's valuation types).
enum class share_valuation_type {
    section_409a,  ///< A US IRC section 409A valuation: the fair market value of the class's shares (the floor for option strikes).
};

/// "409A" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(share_valuation_type t) noexcept {
    switch (t) {
        case share_valuation_type::section_409a: return "409A";
    }
    return "unknown";
}

namespace detail {
/// share_valuation_type's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view share_valuation_type_names[] = {"section_409a"};
}  // namespace detail

namespace detail {

/// share_valuation::validate() of a valuation's fields (a reader checks them before the price
/// and date it needs to build one are known to be good).
[[nodiscard]] inline std::vector<diagnostic> share_valuation_problems(const std::string& share_class,
                                                                      const std::optional<calendar_date>& board,
                                                                      const std::optional<calendar_date>& stockholders,
                                                                      const field_path& at) {
    std::vector<diagnostic> out;
    if (share_class.empty()) out.push_back({at.member("share_class"), "\"\"", "must name the class valued"});
    if (board && stockholders && *stockholders < *board) {
        out.push_back({at.member("stockholder_approval_date"), to_string(*stockholders),
                       "must not be before the board's approval (" + to_string(*board) + ")"});
    }
    return out;
}

}  // namespace detail

/// A valuation of one share class: its fair market value per share from an effective date (a
/// 409A valuation of common, as the board adopted it). The price is exact (price_per_share).
struct share_valuation {
    std::string share_class;  ///< The class valued, by name (usually common).
    price_per_share price;    ///< The value of one share.
    calendar_date effective_date;  ///< The first day it is valid.
    share_valuation_type type = share_valuation_type::section_409a;  ///< What kind of valuation.
    std::string provider;     ///< Who provided it ("" when not stated).
    std::optional<calendar_date> board_approval_date;        ///< When the board approved it, if stated.
    std::optional<calendar_date> stockholder_approval_date;  ///< When the stockholders approved it, if stated.

    /// Problems of the valuation on its own, each at a member of @p at: the class must be named,
    /// each date is a real day on or before end_of_time(), stockholders approve on or after the
    /// board, the type is one of the enumeration's. (A board may adopt a valuation effective
    /// earlier or later than its approval: the dates are not compared with the effective date.)
    [[nodiscard]] std::vector<diagnostic> validate(const field_path& at = {}) const {
        std::vector<diagnostic> out =
            detail::share_valuation_problems(share_class, board_approval_date, stockholder_approval_date, at);
        const auto check_date = [&](const char* member, calendar_date d) {
            if (!is_modelled(d)) out.push_back({at.member(member), to_string(d), date_rule(d)});
        };
        check_date("effective_date", effective_date);
        if (board_approval_date) check_date("board_approval_date", *board_approval_date);
        if (stockholder_approval_date) check_date("stockholder_approval_date", *stockholder_approval_date);
        detail::check_known_enum(out, at.member("type"), type, detail::share_valuation_type_names);
        return out;
    }

    /// "409A valuation of Common: $0.2500 per share from 2024-05-15" (the price as
    /// price_per_share::display_string() shows it: "$0.000010", never "$0.0000").
    [[nodiscard]] std::string description() const {
        return std::string(to_string(type)) + " valuation of " + share_class + ": " + price.display_string() + " per share from " +
               to_string(effective_date);
    }

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const share_valuation& a, const share_valuation& b) {
        return a.share_class == b.share_class && a.price == b.price && a.effective_date == b.effective_date && a.type == b.type &&
               a.provider == b.provider && a.board_approval_date == b.board_approval_date &&
               a.stockholder_approval_date == b.stockholder_approval_date;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const share_valuation& a, const share_valuation& b) { return !(a == b); }
};

/// The valuation of class @p share_class in force on @p on: of @p valuations of that class and
/// type @p type, the one with the latest effective date on or before @p on; nullptr if none is
/// effective yet. Two of the same class, type and effective date are ambiguous when they would be
/// the one in force: throws invalid_argument_error naming both, whatever their order in the list
/// (check_share_valuations() reports every such pair as a problem). Throws
/// invalid_argument_error unless @p on is a real day on or before end_of_time(), as every as-of
/// query does.
[[nodiscard]] inline const share_valuation* valuation_in_force(const std::vector<share_valuation>& valuations,
                                                               std::string_view share_class, calendar_date on,
                                                               share_valuation_type type = share_valuation_type::section_409a) {
    require_valid(on, "on");
    // Ambiguous only if the one in force has a twin: two of a day a later valuation replaced are
    // no question, wherever they stand in the list.
    const share_valuation* best = nullptr;
    std::size_t best_at = 0;
    std::optional<std::size_t> twin;  // a later position with best's effective date
    for (std::size_t i = 0; i < valuations.size(); ++i) {
        const share_valuation& v = valuations[i];
        if (v.type != type || v.share_class != share_class || on < v.effective_date) continue;
        if (best == nullptr || best->effective_date < v.effective_date) {
            best = &v;
            best_at = i;
            twin.reset();
        } else if (v.effective_date == best->effective_date && !twin) {
            twin = i;
        }
    }
    if (twin) {
        throw invalid_argument_error("valuations[" + std::to_string(*twin) + "].effective_date = " + to_string(best->effective_date) +
                                     ": valuations[" + std::to_string(best_at) + "] of " + std::string(share_class) +
                                     " is effective the same day; which one is in force is ambiguous");
    }
    return best;
}

namespace detail {
/// Adds to @p out the problem of a valuation at @p here of class @p name when @p name is not
/// empty and not among @p class_names (the one wording of check_share_valuations() and of a deal
/// file whose other valuations do not read).
inline void check_valuation_class(std::vector<diagnostic>& out, const field_path& here, const std::string& name,
                                  const std::vector<std::string>& class_names) {
    if (name.empty() || std::find(class_names.begin(), class_names.end(), name) != class_names.end()) return;
    std::string names;
    for (const std::string& n : class_names) names += (names.empty() ? "\"" : ", \"") + n + "\"";
    out.push_back({here.member("share_class"), "\"" + visible_text(name) + "\"",
                   "is not a share class of the company (its classes: " + (names.empty() ? std::string("none") : names) + ")"});
}
}  // namespace detail

namespace detail {

/// check_share_valuations(), the valuations its problems name by their place (`valuations[0]`)
/// going to @p refs, if given.
[[nodiscard]] inline std::vector<diagnostic> check_share_valuations_into(const std::vector<share_valuation>& valuations,
                                                                         const std::vector<std::string>& class_names,
                                                                         currency table_currency, const field_path& at,
                                                                         std::vector<element_reference>* refs) {
    std::vector<diagnostic> out;
    // The first valuation of each (class, type, effective date): a later one is a duplicate.
    std::map<std::tuple<std::string_view, share_valuation_type, calendar_date>, std::size_t> first;
    for (std::size_t i = 0; i < valuations.size(); ++i) {
        const share_valuation& v = valuations[i];
        const field_path here = at.index(i);
        for (diagnostic& d : v.validate(here)) out.push_back(std::move(d));
        detail::check_valuation_class(out, here, v.share_class, class_names);
        if (v.price.currency() != table_currency) {
            out.push_back({here.member("price"), v.price.display_string(), detail::table_currency_rule(table_currency)});
        }
        const auto [it, fresh] = first.emplace(std::make_tuple(std::string_view(v.share_class), v.type, v.effective_date), i);
        if (!fresh) {
            const std::string rule = "is also the effective date of ";
            if (refs != nullptr) refs->push_back({out.size(), at.index(it->second), rule.size()});
            out.push_back({here.member("effective_date"), to_string(v.effective_date),
                           rule + at.index(it->second).to_string() + " of " + v.share_class +
                               ": two valuations of a class in force from the same day are ambiguous"});
        }
    }
    return out;
}

}  // namespace detail

/// Every problem of @p valuations against the classes @p class_names (each at
/// @p at.index(i)): its own (validate()), a class not among @p class_names, a price not in
/// @p table_currency, and two valuations of one class and type effective the same day.
[[nodiscard]] inline std::vector<diagnostic> check_share_valuations(const std::vector<share_valuation>& valuations,
                                                                    const std::vector<std::string>& class_names,
                                                                    currency table_currency, const field_path& at = field_path("valuations")) {
    return detail::check_share_valuations_into(valuations, class_names, table_currency, at, nullptr);
}

/// check_share_valuations() against the classes and currency of @p table.
[[nodiscard]] inline std::vector<diagnostic> check_share_valuations(const std::vector<share_valuation>& valuations, const cap_table& table,
                                                                    const field_path& at = field_path("valuations")) {
    std::vector<std::string> names;
    names.reserve(table.classes().size());
    for (const share_class& c : table.classes()) names.push_back(c.name());
    return check_share_valuations(valuations, names, table.currency(), at);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_SHARE_VALUATION_HPP
