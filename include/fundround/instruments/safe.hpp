/// @file instruments/safe.hpp
/// @brief SAFEs (simple agreements for future equity) as value types: the post-money SAFE
/// (valuation cap, discount, both, MFN, uncapped) and the older pre-money SAFE, each with its
/// holder, purchase amount and date, and the capitalization its cap is measured on named.
///
/// A SAFE converts at an equity financing at the lower of its cap price (the valuation cap
/// divided by the capitalization its form names) and its discount price (the round price times
/// 1 - discount). The post-money SAFE's "Company Capitalization" counts every converting SAFE
/// and note; the pre-money SAFE's capitalization excludes them. Whether the option pool
/// increase made by the financing counts is a term of the document: `pool_increase` names it.
/// Conversion itself is in instruments/conversion.hpp.
#ifndef FUNDROUND_INSTRUMENTS_SAFE_HPP
#define FUNDROUND_INSTRUMENTS_SAFE_HPP

#include <fundround/config.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/time/calendar.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Which capitalization a SAFE's valuation cap is divided by.
enum class safe_form {
    post_money,  ///< Y Combinator's post-money SAFE (2018-): all shares before the new money, converting SAFEs and notes included.
    pre_money,   ///< The original pre-money SAFE: the capitalization before the round, SAFEs and notes excluded.
};

namespace detail {
/// safe_form's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view safe_form_names[] = {"post_money", "pre_money"};
/// pool_increase's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view pool_increase_names[] = {"included", "excluded"};
}  // namespace detail

/// "post-money" or "pre-money" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(safe_form f) noexcept {
    return f == safe_form::post_money ? "post-money" : f == safe_form::pre_money ? "pre-money" : "unknown";
}

/// Whether the option pool increase made in connection with the financing is in the
/// capitalization a cap is divided by (a term of the document: forms differ).
///
/// A larger capitalization means a lower cap price and more shares: with the increase counted,
/// the SAFE's `purchase amount / cap` is its fraction of the capitalization *after* the top-up,
/// so the top-up dilutes only the holders before the round; without it, the SAFE holder is
/// diluted by the top-up as well. YC's post-money safe counts "the Unissued Option Pool, except
/// that any increase to the Unissued Option Pool in connection with the Equity Financing will
/// only be included to the extent that the number of Promised Options exceeds the Unissued Option
/// Pool prior to such increase": `excluded` (unless promised options exceed the pool). The
/// original pre-money safe counts the pool "to be created or increased in connection with the
/// Equity Financing": `included`. The default of every factory is `included`, the company
/// capitalization as the project's domain notes define it; name the term your document states.
enum class pool_increase {
    included,  ///< The increase is counted: the SAFE holder is not diluted by the pool top-up (only the holders before the round are).
    excluded,  ///< The increase is not counted: the SAFE holder is diluted by the top-up with the holders before the round (YC's post-money safe).
};

/// "pool increase included" or "pool increase excluded" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(pool_increase p) noexcept {
    return p == pool_increase::included   ? "pool increase included"
           : p == pool_increase::excluded ? "pool increase excluded"
                                          : "unknown";
}

/// A SAFE's economic terms, as its title states them.
enum class safe_type {
    cap_only,          ///< "Valuation Cap, no Discount".
    discount_only,     ///< "Discount, no Valuation Cap".
    cap_and_discount,  ///< "Valuation Cap and Discount".
    mfn,               ///< "MFN, no Valuation Cap, no Discount": takes the terms of a more favourable later SAFE.
    uncapped,          ///< Neither cap nor discount: converts at the round price.
    fixed_percentage,  ///< A fixed percentage of the post-money Company Capitalization, whatever the round price (an accelerator's "$125K for 7%").
};

/// The type's name as the standard forms title it, e.g. "valuation cap and discount".
[[nodiscard]] constexpr std::string_view to_string(safe_type t) noexcept {
    switch (t) {
        case safe_type::cap_only: return "valuation cap";
        case safe_type::discount_only: return "discount";
        case safe_type::cap_and_discount: return "valuation cap and discount";
        case safe_type::mfn: return "MFN";
        case safe_type::uncapped: return "uncapped, no discount";
        case safe_type::fixed_percentage: return "fixed percentage";
    }
    return "unknown";
}

/// One SAFE: who holds it, what was paid and when, its form and its terms.
///
///     const safe a =
///         safe::post_money_cap(holder_id("angel"), 100'000_usd, 4_M, year{2025} / 3 / 1);
///     const safe b =
///         safe::post_money_cap_and_discount(holder_id("fund"), 500_K, 10_M, fraction(1, 5), d);
///
/// A plain value: build it with the named constructors or set the fields; validate() reports
/// every problem (a conversion validates its SAFEs itself).
struct safe {
    holder_id holder;                           ///< The holder, a holder id on the cap table.
    money purchase_amount;                      ///< The amount paid for the SAFE.
    calendar_date date{};                       ///< The date of the SAFE (orders MFN SAFEs).
    safe_form form = safe_form::post_money;     ///< The capitalization the cap is measured on.
    std::optional<money> valuation_cap;         ///< The (post- or pre-money) valuation cap, if any.
    std::optional<fraction> discount;           ///< The discount off the round price (1/5 = 20%), if any.
    bool mfn = false;                           ///< Most favoured nation: takes the terms of a later SAFE when more favourable (the lowest cap, then the largest discount).
    /// Whether the financing's pool increase is in the capitalization the cap is divided by.
    fundround::pool_increase pool_increase = fundround::pool_increase::included;
    /// The fixed fraction of the post-money Company Capitalization the SAFE converts into
    /// (7/100 = 7%), whatever the round price; then no cap, no discount and no MFN.
    std::optional<fraction> fixed_percentage;

    /// A post-money SAFE with a valuation cap @p cap only (it converts at the lower of the cap
    /// price and the round price).
    [[nodiscard]] static safe post_money_cap(holder_id who, money amount, money cap, calendar_date on) {
        return {std::move(who), amount, on, safe_form::post_money, cap, std::nullopt, false, fundround::pool_increase::included, std::nullopt};
    }
    /// A post-money SAFE with a discount @p d only (1/5 = 20% off the round price).
    [[nodiscard]] static safe post_money_discount(holder_id who, money amount, fraction d, calendar_date on) {
        return {std::move(who), amount, on, safe_form::post_money, std::nullopt, d, false, fundround::pool_increase::included, std::nullopt};
    }
    /// A post-money SAFE with a valuation cap @p cap and a discount @p d: the lower price applies.
    [[nodiscard]] static safe post_money_cap_and_discount(holder_id who, money amount, money cap, fraction d,
                                                          calendar_date on) {
        return {std::move(who), amount, on, safe_form::post_money, cap, d, false, fundround::pool_increase::included, std::nullopt};
    }
    /// A post-money MFN SAFE: no terms of its own; at conversion it takes the terms of the most
    /// favourable SAFE of its form dated after it (the lowest cap, then the largest discount).
    [[nodiscard]] static safe post_money_mfn(holder_id who, money amount, calendar_date on) {
        return {std::move(who), amount, on, safe_form::post_money, std::nullopt, std::nullopt, true, fundround::pool_increase::included, std::nullopt};
    }
    /// A post-money SAFE with neither cap nor discount: converts at the round price.
    [[nodiscard]] static safe post_money_uncapped(holder_id who, money amount, calendar_date on) {
        return {std::move(who), amount, on, safe_form::post_money, std::nullopt, std::nullopt, false, fundround::pool_increase::included, std::nullopt};
    }
    /// A post-money SAFE for a fixed percentage @p pct (7/100 = 7%) of the Company
    /// Capitalization: it converts into exactly @p pct of the capitalization (all shares before
    /// the new money, itself and every converting SAFE and note included) at any round price,
    /// as the post-money cap SAFE converts into amount / cap of it at its cap price (OCF's
    /// FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION; an accelerator's "$125K for 7%").
    [[nodiscard]] static safe post_money_fixed_percentage(holder_id who, money amount, fraction pct, calendar_date on) {
        return {std::move(who), amount, on, safe_form::post_money, std::nullopt, std::nullopt, false, fundround::pool_increase::included, pct};
    }
    /// A pre-money SAFE with a cap @p cap (over the capitalization before the round, SAFEs and
    /// notes excluded), an optional discount @p d, and whether the financing's pool increase
    /// counts (@p pool).
    [[nodiscard]] static safe pre_money_cap(holder_id who, money amount, money cap, calendar_date on,
                                            std::optional<fraction> d = std::nullopt,
                                            fundround::pool_increase pool = fundround::pool_increase::included) {
        return {std::move(who), amount, on, safe_form::pre_money, cap, d, false, pool, std::nullopt};
    }

    /// Its terms, as the forms title them.
    [[nodiscard]] safe_type type() const noexcept {
        if (fixed_percentage) return safe_type::fixed_percentage;
        if (mfn && !valuation_cap && !discount) return safe_type::mfn;
        if (valuation_cap && discount) return safe_type::cap_and_discount;
        if (valuation_cap) return safe_type::cap_only;
        if (discount) return safe_type::discount_only;
        return safe_type::uncapped;
    }
    /// "post-money SAFE (valuation cap)".
    [[nodiscard]] std::string description() const {
        const std::string_view f = to_string(form);
        const std::string_view t = to_string(type());
        const bool also_mfn = mfn && type() != safe_type::mfn;
        std::string out;  // one allocation
        out.reserve(f.size() + t.size() + 13);
        out.append(f).append(" SAFE (").append(t);
        if (also_mfn) out.append(", MFN");
        out.push_back(')');
        return out;
    }

    /// Every problem with the SAFE's own fields, each under @p path (e.g. `safes[2]`): a purchase
    /// amount that is not positive, a cap that is not positive or in another currency than the
    /// amount, a discount below 0% or at 100% or more, a fixed percentage not above 0% and below
    /// 100% or together with a cap, a discount, MFN or the pre-money form, an empty holder id, an
    /// invalid date, a form or pool_increase outside its enumeration.
    [[nodiscard]] std::vector<diagnostic> validate(const field_path& path = field_path("safe")) const {
        std::vector<diagnostic> out;
        if (holder.str().empty()) out.push_back({path.member("holder"), "\"\"", "name the holder (a holder id on the cap table)"});
        if (!purchase_amount.is_positive()) {
            out.push_back({path.member("purchase_amount"), format_full(purchase_amount), "must be positive"});
        }
        if (valuation_cap) {
            if (!valuation_cap->is_positive()) {
                out.push_back({path.member("valuation_cap"), format_full(*valuation_cap), "must be positive"});
            } else if (valuation_cap->currency() != purchase_amount.currency()) {
                out.push_back({path.member("valuation_cap"), format_full(*valuation_cap),
                               "must be in " + to_string(purchase_amount.currency()) + ", the purchase amount's currency"});
            }
        }
        if (discount && (discount->sign() < 0 || *discount >= fraction(1))) {
            out.push_back({path.member("discount"), discount->to_string() + " (" + discount->to_percent_string(4) + ")",
                           "must be at least 0% and below 100%"});
        }
        if (fixed_percentage) {
            const std::string pct = fixed_percentage->to_string() + " (" + fixed_percentage->to_percent_string(4) + ")";
            if (fixed_percentage->sign() <= 0 || *fixed_percentage >= fraction(1)) {
                out.push_back({path.member("fixed_percentage"), pct, "must be above 0% and below 100%"});
            }
            const std::string with = "a fixed-percentage SAFE (" + pct + " of the Company Capitalization) has ";
            if (valuation_cap) out.push_back({path.member("valuation_cap"), format_full(*valuation_cap), with + "no valuation cap: remove one of the two"});
            if (discount) {
                out.push_back({path.member("discount"), discount->to_string() + " (" + discount->to_percent_string(4) + ")",
                               with + "no discount: remove one of the two"});
            }
            if (mfn) out.push_back({path.member("mfn"), "true", with + "no MFN clause: remove one of the two"});
            if (form == safe_form::pre_money) {
                out.push_back({path.member("form"), "pre_money", with + "the post-money form (its percentage is of the post-money Company Capitalization)"});
            }
        }
        if (!is_modelled(date)) out.push_back({path.member("date"), to_string(date), date_rule(date)});
        detail::check_known_enum(out, path.member("form"), form, detail::safe_form_names);
        detail::check_known_enum(out, path.member("pool_increase"), pool_increase, detail::pool_increase_names);
        return out;
    }
};

namespace detail {

/// A fixed percentage as the reports show it: 2 decimals ("7.00%"), more when 2 would show a
/// percentage above 0% and below 100% as "0.00%" or "100.00%" (1/10^6: "0.0001%").
[[nodiscard]] inline std::string fixed_percentage_text(const fraction& pct) {
    const bool inside = pct.sign() > 0 && pct < fraction(1);
    std::string text = pct.to_percent_string(2);
    for (int decimals = 3; inside && decimals <= 40; ++decimals) {
        const fraction shown = fraction(1) - pct < pct ? fraction(1) - pct : pct;  // the side nearer 0% or 100%
        if (shown.to_percent_string(decimals - 1).find_first_not_of("0.%") != std::string::npos) break;
        text = pct.to_percent_string(decimals);
    }
    return text;
}

/// The terms SAFE @p i of @p safes converts on: its own cap and discount, or for an MFN SAFE the
/// terms of one later SAFE of its form (later by date, then by position) when they are more
/// favourable than its own: YC's MFN safe "will take on the terms of the lowest cap safe (or
/// other most favorable terms)". One SAFE's terms are taken whole, never a cap from one and a
/// discount from another. "More favourable", in this order: a cap beats no cap, a lower cap a
/// higher one, then a larger discount (none counts as 0%); at equal terms the SAFE's own, then
/// the earliest later SAFE. A fixed-percentage SAFE's terms are never taken (an MFN SAFE
/// converts at a price; a fixed percentage is not a price, and which of a percentage and a cap
/// is the more favourable depends on the round). Later SAFEs in another currency are not candidates
/// (their currency is a problem reported elsewhere). @p from names the SAFE whose terms it took
/// (empty if none: the MFN SAFE keeps its own terms, none for safe::post_money_mfn).
struct mfn_resolved {
    std::optional<money> cap;          ///< The cap used, if any.
    std::optional<fraction> discount;  ///< The discount used, if any.
    std::vector<std::size_t> from;     ///< The SAFE (index) an MFN SAFE took its terms from; empty if none.
};

/// True if the terms (@p cap, @p discount) are more favourable to the holder than (@p than_cap,
/// @p than_discount) by mfn_resolved's order.
[[nodiscard]] inline bool mfn_more_favourable(const std::optional<money>& cap, const std::optional<fraction>& discount,
                                              const std::optional<money>& than_cap,
                                              const std::optional<fraction>& than_discount) {
    if (cap.has_value() != than_cap.has_value()) return cap.has_value();
    if (cap && *cap != *than_cap) return *cap < *than_cap;
    return discount.value_or(fraction()) > than_discount.value_or(fraction());
}

/// SAFE @p i's terms after MFN (see mfn_resolved).
[[nodiscard]] inline mfn_resolved resolve_mfn(const std::vector<safe>& safes, std::size_t i) {
    const safe& s = safes[i];
    mfn_resolved r{s.valuation_cap, s.discount, {}};
    const currency c = s.purchase_amount.currency();
    // A cap in another currency is reported by validate(); nothing is compared with it.
    if (!s.mfn || (r.cap && r.cap->currency() != c)) return r;
    for (std::size_t j = 0; j < safes.size(); ++j) {
        const safe& later = safes[j];
        if (j == i || later.form != s.form || later.date < s.date || (later.date == s.date && j < i)) continue;
        if (later.fixed_percentage) continue;  // never taken (above)
        // Only terms a SAFE can have count, in the MFN SAFE's currency (validate() and the
        // callers' currency checks report the others on that SAFE).
        if (later.purchase_amount.currency() != c || (later.valuation_cap && later.valuation_cap->currency() != c)) continue;
        const std::optional<money> cap =
            later.valuation_cap && later.valuation_cap->is_positive() ? later.valuation_cap : std::nullopt;
        const std::optional<fraction> discount =
            later.discount && later.discount->sign() > 0 && *later.discount < fraction(1) ? later.discount : std::nullopt;
        if (!cap && !discount) continue;
        // At equal terms the earliest later SAFE (by date, then position), whatever the list order.
        const bool better = mfn_more_favourable(cap, discount, r.cap, r.discount);
        const bool earlier_at_equal_terms =
            !better && !r.from.empty() && !mfn_more_favourable(r.cap, r.discount, cap, discount) &&
            (later.date < safes[r.from[0]].date || (later.date == safes[r.from[0]].date && j < r.from[0]));
        if (better || earlier_at_equal_terms) {
            r.cap = cap;
            r.discount = discount;
            r.from.assign(1, j);
        }
    }
    return r;
}

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_SAFE_HPP
