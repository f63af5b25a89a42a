/// @file instruments/as_converted.hpp
/// @brief Fully diluted counts with the SAFEs and convertible notes outstanding as converted
/// ("fully diluted, SAFEs as converted"), under a named conversion assumption, exactly.
///
/// A cap table holds no convertibles, so cap_table::fully_diluted() counts 0 for them on any
/// basis. fully_diluted_as_converted() adds them, on the table's components of the basis (issued
/// + granted options + unallocated pool + warrants by default: `F0` shares), with no financing
/// assumed (no pool increase, no new money, no qualified-financing threshold applied):
///
/// - **at_cap** (the default): each instrument at its cap price. A post-money SAFE (and a note
///   whose cap is on the post-money capitalization) converts into `A_i / C_i` of the company
///   capitalization `Q`, which counts every instrument's conversion shares itself:
///   `Q = (F0 + S) / (1 - sum A_i / C_i)` over the post-money instruments, `S` the other
///   instruments' shares — solved exactly in closed form on big rationals, as conversion.hpp
///   does; its price is `C_i / Q`. A pre-money SAFE (and a note with a pre-money cap, the note's
///   default) converts at its cap over the capitalization without SAFEs and notes: price
///   `C_i / F0`. An MFN SAFE takes the terms of the most favourable SAFE of its form dated after
///   it (the lowest cap, then the largest discount), as conversion_round does. An instrument
/// without a cap is   a problem naming it, unless a fallback price `P` is given
/// (as_converted_terms::at_cap(P)):   it then converts at its discount price `P x (1 - d)`, or `P`
/// without a discount, as in a   round at `P`. A capped instrument's discount is not used: the cap
/// is the ceiling on its price.
/// - **at_assumed_price**: every instrument at one assumed price per share `P`, its cap and
///   discount ignored (to price them as in a financing, use conversion_round).
///
/// A fixed-percentage SAFE (safe::post_money_fixed_percentage) converts into its `pct` of `Q`
/// under either assumption (whatever the price, as in a financing): it is the post-money SAFE
/// with `pct` in place of `A_i / C_i` (an equivalent cap `A_i / pct`), at a price per share of
/// A_i / (pct Q).
///
/// A note converts its principal plus the interest accrued from its issue date to the as-of date
/// (its own day count, method and interest rounding; past its maturity date interest keeps
/// accruing unless the note's interest_accrues stops it at maturity, as
/// convertible_note::accrued_interest() computes it). Each instrument's shares are
/// `amount / price`, exact, then rounded by the named share rounding (default rounding::floor,
/// as conversion_round). The holders of the instruments need not be on the table.
#ifndef FUNDROUND_INSTRUMENTS_AS_CONVERTED_HPP
#define FUNDROUND_INSTRUMENTS_AS_CONVERTED_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Which price the SAFEs and notes are counted as converted at.
enum class as_converted_method {
    at_cap,            ///< Each instrument at its cap price (post-money: over the capitalization that counts the instruments; pre-money: without them).
    at_assumed_price,  ///< Every instrument at one assumed price per share, caps and discounts ignored.
};

/// "at cap" or "at an assumed price" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(as_converted_method m) noexcept {
    return m == as_converted_method::at_cap ? "at cap" : m == as_converted_method::at_assumed_price ? "at an assumed price" : "unknown";
}

namespace detail {
/// as_converted_method's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view as_converted_method_names[] = {"at_cap", "at_assumed_price"};
}  // namespace detail

/// The price an instrument was counted as converted at.
enum class as_converted_price_basis {
    cap,                       ///< Its cap price: valuation cap / its capitalization.
    assumed_price,             ///< The assumed price (at_assumed_price, or the at_cap fallback without a discount).
    assumed_price_discounted,  ///< The at_cap fallback price x (1 - its discount).
    fixed_percentage,          ///< A fixed-percentage SAFE's price: purchase amount / (percentage x Q), under either assumption.
};

/// "cap", "assumed price", "assumed price less discount" or "fixed percentage".
[[nodiscard]] constexpr std::string_view to_string(as_converted_price_basis b) noexcept {
    switch (b) {
        case as_converted_price_basis::cap: return "cap";
        case as_converted_price_basis::assumed_price: return "assumed price";
        case as_converted_price_basis::assumed_price_discounted: return "assumed price less discount";
        case as_converted_price_basis::fixed_percentage: return "fixed percentage";
    }
    return "unknown";
}

/// The named assumption fully_diluted_as_converted() counts the instruments on.
///
///     as_converted_terms::at_cap()                                  // uncapped: a problem
///     as_converted_terms::at_cap(price_per_share(125_usd, sh(100))) // uncapped: at $1.25
///                                                                   // (less discount)
///     as_converted_terms::at_price(price_per_share(2_usd, sh(1)))   // every instrument at $2.00
struct as_converted_terms {
    as_converted_method method = as_converted_method::at_cap;  ///< At each cap, or at one assumed price.
    /// at_assumed_price: the price for every instrument (required). at_cap: the fallback price
    /// for an instrument without a cap (less its discount); empty: such an instrument is a problem.
    std::optional<price_per_share> price;
    /// The fully diluted definition: the table's components it names, plus the convertibles
    /// (which it must include).
    fully_diluted_basis basis = fully_diluted_basis::full_with_convertibles();
    rounding share_rounding = rounding::floor;  ///< Each instrument's shares to whole shares (floor: no fractional shares).

    /// Each instrument at its cap; an instrument without a cap is a problem.
    [[nodiscard]] static as_converted_terms at_cap() { return {}; }
    /// Each instrument at its cap; one without a cap at @p fallback (times 1 - its discount).
    [[nodiscard]] static as_converted_terms at_cap(const price_per_share& fallback) {
        as_converted_terms t;
        t.price = fallback;
        return t;
    }
    /// Every instrument at @p p per share, caps and discounts ignored.
    [[nodiscard]] static as_converted_terms at_price(const price_per_share& p) {
        as_converted_terms t;
        t.method = as_converted_method::at_assumed_price;
        t.price = p;
        return t;
    }
    /// The assumption in words, e.g. "at cap (uncapped at $1.2500 less discount); shares rounded
    /// floor".
    [[nodiscard]] std::string description() const {
        std::string s = method == as_converted_method::at_cap
                            ? std::string("at cap") + (price ? " (uncapped at " + price->to_string() + " less discount)" : "")
                            : "every instrument at " + (price ? price->to_string() : std::string("?")) + " per share";
        return s + "; shares rounded " + std::string(to_string(share_rounding));
    }
};

/// One SAFE or note as converted: its amount, the terms used, the exact price and shares and
/// the rounded shares.
struct as_converted_instrument {
    instrument_kind kind = instrument_kind::safe;  ///< SAFE or note.
    std::size_t index = 0;                         ///< Its position in the SAFEs or the notes given.
    holder_id holder;                              ///< Its holder (on the table or not).
    std::string description;                       ///< E.g. "post-money SAFE (valuation cap)".
    money principal;                               ///< Purchase amount or note principal.
    money interest;                                ///< Interest accrued to the as-of date (zero for a SAFE).
    money amount;                                  ///< principal + interest: what converts.
    std::optional<money> valuation_cap;            ///< The cap used (an MFN SAFE's from the SAFE it follows), if any.
    std::optional<fraction> discount;              ///< The discount used, if any (at_cap fallback only).
    std::optional<fraction> fixed_percentage;      ///< A fixed-percentage SAFE's fraction of `Q` (then no cap).
    std::vector<std::size_t> mfn_from;             ///< For an MFN SAFE: the SAFEs whose terms it took.
    safe_form cap_form = safe_form::post_money;    ///< The capitalization its cap is measured on.
    /// A note's cap_basis: its cap divides the table's count on this basis (not `F0`), if stated.
    std::optional<fully_diluted_basis> cap_basis;
    as_converted_price_basis basis = as_converted_price_basis::cap;  ///< The price used.
    exact_rational exact_capitalization;  ///< The shares its cap divides (`Q` post-money, `F0` pre-money; 0 off the cap).
    exact_rational exact_price_units;     ///< The exact price used, money units per share.
    exact_rational exact_shares;          ///< amount / exact price: the shares before rounding.
    share_count shares;                   ///< exact_shares rounded by the named share rounding.

    /// The exact price as decimal text with @p decimals digits (half even), e.g. "$0.8440".
    [[nodiscard]] std::string price_text(int decimals = 4) const {
        return detail::conv_price_text(exact_price_units.big(), amount.currency(), decimals);
    }
};

/// One holder's fully diluted shares with the convertibles: its table shares on the basis plus
/// its instruments' shares.
struct as_converted_holder {
    holder_id holder;                 ///< The holder.
    bool on_table = false;            ///< True if the holder is on the cap table.
    share_count table_shares;         ///< Its shares on the table's components of the basis.
    share_count convertible_shares;   ///< Its SAFEs' and notes' rounded shares.
    share_count shares;               ///< table_shares + convertible_shares.
    fraction ownership;               ///< shares / the fully diluted total, exactly.
};

/// Fully diluted counts with the convertibles as converted (made by fully_diluted_as_converted()).
/// The holders' shares plus the pools' unallocated shares add up to the total, so their
/// ownerships sum to exactly 1.
struct as_converted_counts {
    as_converted_terms terms;  ///< The assumption, the basis and the rounding used.
    calendar_date as_of{};     ///< The date (notes accrue interest to it).
    /// The counts on terms.basis: the table's components, convertibles() the instruments' rounded
    /// shares, total() all of them. by_holder() and by_class() hold the table's shares only (the
    /// instruments are per holder in holders).
    fully_diluted_counts counts;
    share_count table_capitalization;  ///< `F0`: the table's shares on the basis, convertibles excluded.
    /// `Q = F0 + sum exact shares`: the exact capitalization with every instrument converted (the
    /// post-money SAFE's company capitalization).
    exact_rational exact_capitalization;
    std::vector<as_converted_instrument> instruments;  ///< SAFEs, then notes, each in the order given.
    /// The table's holders in its order, then holders only of instruments, in the order first met.
    std::vector<as_converted_holder> holders;

    /// The instruments' rounded shares (counts.convertibles()).
    [[nodiscard]] share_count convertibles() const noexcept { return counts.convertibles(); }
    /// The fully diluted total with the convertibles (counts.total()).
    [[nodiscard]] share_count total() const noexcept { return counts.total(); }
    /// Holder @p id's line; throws invalid_argument_error if it holds nothing counted here.
    [[nodiscard]] const as_converted_holder& holder_line(const holder_id& id) const {
        for (const as_converted_holder& h : holders) {
            if (h.holder == id) return h;
        }
        throw invalid_argument_error("holder = \"" + id.str() + "\": neither on the cap table nor holding an instrument");
    }
    /// Holder @p id's exact fraction of the total.
    [[nodiscard]] fraction ownership(const holder_id& id) const { return holder_line(id).ownership; }
    /// The pools' unallocated shares over the total, exactly (0 if the basis leaves the pool out).
    [[nodiscard]] fraction unallocated_pool_ownership() const {
        return fraction(counts.unallocated_pool().value(), counts.total().value());
    }
    /// SAFE @p index as converted; throws invalid_argument_error if out of range.
    [[nodiscard]] const as_converted_instrument& safe_at(std::size_t index) const { return find(instrument_kind::safe, index); }
    /// Note @p index as converted; throws invalid_argument_error if out of range.
    [[nodiscard]] const as_converted_instrument& note_at(std::size_t index) const { return find(instrument_kind::note, index); }

private:
    const as_converted_instrument& find(instrument_kind k, std::size_t index) const {
        for (const as_converted_instrument& i : instruments) {
            if (i.kind == k && i.index == index) return i;
        }
        throw invalid_argument_error(std::string(k == instrument_kind::safe ? "safes" : "notes") + " index = " +
                                     std::to_string(index) + ": out of range");
    }
};

/// The outcome of try_fully_diluted_as_converted(): the counts, or every problem found.
struct as_converted_result {
    std::optional<as_converted_counts> counts;  ///< The counts, when there were no problems.
    std::vector<diagnostic> problems;           ///< Every problem found (empty on success).

    /// True if the counts were made.
    [[nodiscard]] bool ok() const noexcept { return counts.has_value(); }
    /// True if the counts were made.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

namespace detail {

/// Sets the convertibles of fully diluted counts (the company layer leaves them 0).
struct fully_diluted_access {
    /// @p c on basis @p b with @p convertibles added to the total; throws overflow_error if the
    /// total does not fit 64 bits.
    static fully_diluted_counts with_convertibles(fully_diluted_counts c, const fully_diluted_basis& b, share_count convertibles) {
        c.basis_ = b;
        c.total_ += convertibles;
        c.convertibles_ = convertibles;
        return c;
    }
};

/// a / b exactly (b non-zero), in lowest terms.
inline big_rational as_converted_div(const big_rational& a, const big_rational& b) {
    return big_rational(a.numerator() * b.denominator(), a.denominator() * b.numerator()).reduce();
}

/// One instrument as the count sees it: amount and how it prices.
struct as_converted_item {
    big_rational amount;             // A, money units
    std::optional<big_rational> cap; // C, money units, when it converts on its cap (A / pct for a fixed percentage)
    big_rational price;              // the price, money units per share, when it does not
    std::optional<fraction> fixed;   // a fixed percentage pct: A / C = pct exactly
};

}  // namespace detail

/// Every problem with counting @p safes and @p notes as converted on @p table as of @p as_of
/// under @p terms, and the counts when there is none; see the file comment for the assumptions.
/// Problems, all at once: each instrument's own (safe::validate(), convertible_note::validate())
/// under `safes[i]` / `notes[i]`; an amount in another currency than the table's; a SAFE dated
/// or a note issued after @p as_of; under at_cap, an instrument without a cap (an MFN SAFE with
/// no later cap to take) when no fallback price is given; at_assumed_price without a price; a
/// price in another currency; a basis without convertibles; a table with no shares on the
/// basis; post-money instruments whose amounts over caps reach 100%; shares or a total that do
/// not fit 64 bits. Throws only for a rounding::exact share rounding that meets a fractional
/// share (inexact_error).
[[nodiscard]] inline as_converted_result try_fully_diluted_as_converted(const cap_table& table, const std::vector<safe>& safes,
                                                                        const std::vector<convertible_note>& notes, calendar_date as_of,
                                                                        const as_converted_terms& terms = {}) {
    using detail::big_rational;
    as_converted_result result;
    std::vector<diagnostic>& out = result.problems;
    const currency cur = table.currency();
    const bool at_cap = terms.method == as_converted_method::at_cap;
    if (!terms.basis.convertibles) {
        out.push_back({field_path("terms").member("basis"), terms.basis.to_string(),
                       "must include convertibles (e.g. fully_diluted_basis::full_with_convertibles()); for a basis without "
                       "them use cap_table::fully_diluted()"});
    }
    const bool as_of_ok = is_modelled(as_of);
    if (!as_of_ok) out.push_back({field_path("as_of"), to_string(as_of), date_rule(as_of)});
    if (terms.price && terms.price->currency() != cur) {
        out.push_back({field_path("terms").member("price"), terms.price->to_string(), detail::table_currency_rule(cur)});
    }
    const bool method_known =
        detail::check_known_enum(out, field_path("terms").member("method"), terms.method, detail::as_converted_method_names);
    detail::check_known_enum(out, field_path("terms").member("share_rounding"), terms.share_rounding, detail::rounding_names);
    if (method_known && !at_cap && !terms.price) {
        out.push_back({field_path("terms").member("price"), "", "at_assumed_price needs the assumed price per share"});
    }
    if (!method_known) return result;  // the instruments' checks depend on the method: nothing is computed with this one
    const auto no_cap = [&](const field_path& p, const std::string& what) {
        out.push_back({p.member("valuation_cap"), "none",
                       what + " converting at cap needs a cap: give a fallback price (as_converted_terms::at_cap(price)) or "
                              "count every instrument at an assumed price (as_converted_terms::at_price(price))"});
    };

    std::vector<as_converted_instrument> lines;
    std::vector<detail::as_converted_item> items;
    lines.reserve(safes.size() + notes.size());
    items.reserve(safes.size() + notes.size());
    // The price for an instrument off its cap: the assumed price, less its discount at_cap.
    const auto priced_at = [&](as_converted_instrument& line, detail::as_converted_item& item, const std::optional<fraction>& d) {
        fraction p = terms.price->units_per_share();
        line.basis = as_converted_price_basis::assumed_price;
        if (at_cap && d && d->sign() > 0) {
            p = p * (fraction(1) - *d);
            line.basis = as_converted_price_basis::assumed_price_discounted;
            line.discount = d;
        }
        item.price = big_rational(p);
    };
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const safe& s = safes[i];
        const field_path p = field_path("safes").index(i);
        const std::size_t before = out.size();
        std::vector<diagnostic> own = s.validate(p);
        out.insert(out.end(), own.begin(), own.end());
        if (s.purchase_amount.currency() != cur) {
            out.push_back({p.member("purchase_amount"), format_full(s.purchase_amount), detail::table_currency_rule(cur)});
        }
        if (as_of_ok && is_modelled(s.date) && as_of < s.date) {
            out.push_back({p.member("date"), to_string(s.date), "is after the as-of date " + to_string(as_of) + ": the SAFE is not outstanding yet"});
        }
        // MFN: the terms of the most favourable later SAFE of its form (as conversion_round).
        detail::mfn_resolved terms_used = detail::resolve_mfn(safes, i);
        std::optional<money>& cap = terms_used.cap;
        std::optional<fraction>& discount = terms_used.discount;
        std::vector<std::size_t>& from = terms_used.from;
        if (at_cap && !cap && !s.fixed_percentage && !terms.price) {
            no_cap(p, s.mfn ? "an MFN SAFE with no later SAFE of its form with a cap:" : "an uncapped SAFE:");
        }
        if (out.size() != before || (!at_cap && !terms.price)) continue;
        as_converted_instrument line;
        line.kind = instrument_kind::safe;
        line.index = i;
        line.holder = s.holder;
        line.description = s.description();
        line.principal = s.purchase_amount;
        line.interest = money::zero(cur);
        line.amount = s.purchase_amount;
        line.mfn_from = std::move(from);
        line.cap_form = s.form;
        detail::as_converted_item item;
        item.amount = big_rational(fraction(s.purchase_amount.units()));
        if (s.fixed_percentage) {  // pct of Q under either assumption
            line.fixed_percentage = s.fixed_percentage;
            item.fixed = s.fixed_percentage;
            item.cap = detail::as_converted_div(item.amount, big_rational(*s.fixed_percentage));
        } else if (at_cap && cap) {
            line.valuation_cap = cap;
            item.cap = big_rational(fraction(cap->units()));
        } else {
            priced_at(line, item, discount);
        }
        lines.push_back(std::move(line));
        items.push_back(std::move(item));
    }
    for (std::size_t i = 0; i < notes.size(); ++i) {
        const convertible_note& n = notes[i];
        const field_path p = field_path("notes").index(i);
        const std::size_t before = out.size();
        std::vector<diagnostic> own = n.validate(p);
        out.insert(out.end(), own.begin(), own.end());
        if (n.principal.currency() != cur) {
            out.push_back({p.member("principal"), format_full(n.principal), detail::table_currency_rule(cur)});
        }
        if (as_of_ok && is_modelled(n.issue_date) && as_of < n.issue_date) {
            out.push_back({p.member("issue_date"), to_string(n.issue_date),
                           "is after the as-of date " + to_string(as_of) + ": the note is not outstanding yet"});
        }
        if (at_cap && !n.valuation_cap && !terms.price) no_cap(p, "a note without a cap:");
        if (out.size() != before || !as_of_ok || (!at_cap && !terms.price)) continue;
        as_converted_instrument line;
        line.kind = instrument_kind::note;
        line.index = i;
        line.holder = n.holder;
        line.description = n.description();
        line.principal = n.principal;
        line.interest = n.accrued_interest(as_of);
        line.amount = detail::principal_plus_interest(n.principal, line.interest, as_of);
        line.cap_form = n.cap_form;
        detail::as_converted_item item;
        item.amount = big_rational(fraction(line.amount.units()));
        if (at_cap && n.valuation_cap) {
            line.valuation_cap = n.valuation_cap;
            line.cap_basis = n.cap_basis;
            item.cap = big_rational(fraction(n.valuation_cap->units()));
        } else {
            priced_at(line, item, n.discount);
        }
        lines.push_back(std::move(line));
        items.push_back(std::move(item));
    }
    if (!out.empty()) return result;

    // F0, then Q = (F0 + S) / (1 - sum A_i / C_i) over the post-money instruments on their caps.
    fully_diluted_basis table_basis = terms.basis;
    table_basis.convertibles = false;
    const fully_diluted_counts table_counts = table.fully_diluted(table_basis);
    const share_count f0 = table_counts.total();
    if (f0.value() <= 0) {
        out.push_back({field_path("terms").member("basis"), terms.basis.to_string(), "the cap table has no shares on this basis"});
        return result;
    }
    const big_rational f0_big(fraction(f0.value()));
    // A note's cap_basis: the table's count on it, for its cap alone (checked positive).
    std::vector<std::optional<big_rational>> own_base(items.size());
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (!lines[k].cap_basis || !items[k].cap) continue;
        const share_count count = table.fully_diluted(*lines[k].cap_basis).total();
        if (count.value() <= 0) {
            out.push_back({field_path("notes").index(lines[k].index).member("cap_basis"),
                           std::string(lines[k].cap_basis->name()) + " (" + lines[k].cap_basis->to_string() + ")",
                           "the cap table has no shares on this basis for the cap to divide"});
            continue;
        }
        own_base[k] = big_rational(fraction(count.value()));
    }
    if (!out.empty()) return result;
    const big_rational one(fraction(1));
    big_rational fixed = f0_big;  // F0 + S
    big_rational take;            // sum A_i / C_i
    for (std::size_t k = 0; k < items.size(); ++k) {
        const detail::as_converted_item& it = items[k];
        if (!it.cap) {
            fixed += detail::as_converted_div(it.amount, it.price);
        } else if (lines[k].cap_form == safe_form::pre_money) {
            fixed += detail::as_converted_div(it.amount * (own_base[k] ? *own_base[k] : f0_big), *it.cap);
        } else {
            take += it.fixed ? big_rational(*it.fixed) : detail::as_converted_div(it.amount, *it.cap);
        }
    }
    take.reduce();
    if (!(take < one)) {
        out.push_back({field_path("safes"), take.to_decimal_string(6, rounding::half_even),
                       "the post-money instruments' amounts over their caps and fixed percentages total 100% or more of the "
                       "company: no capitalization counts them"});
        return result;
    }
    const big_rational q = detail::as_converted_div(fixed.reduce(), one - take);

    share_count convertibles;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const detail::as_converted_item& it = items[k];
        as_converted_instrument& line = lines[k];
        big_rational price = it.price;
        if (it.cap) {
            const big_rational& base = own_base[k] ? *own_base[k] : line.cap_form == safe_form::pre_money ? f0_big : q;
            line.exact_capitalization = exact_rational(base);
            line.basis = it.fixed ? as_converted_price_basis::fixed_percentage : as_converted_price_basis::cap;
            price = detail::as_converted_div(*it.cap, base);
        }
        const big_rational shares = detail::as_converted_div(it.amount, price);
        line.exact_price_units = exact_rational(price);
        line.exact_shares = exact_rational(shares);
        try {
            line.shares = share_count(detail::narrow(detail::from_big(shares.scaled_rounded(1, terms.share_rounding), "as-converted shares"),
                                                     "as-converted shares"));
            convertibles += line.shares;
        } catch (const overflow_error&) {
            out.push_back({field_path(line.kind == instrument_kind::safe ? "safes" : "notes").index(line.index).member("shares"),
                           shares.to_decimal_string(0, rounding::floor), "the shares (or their total) do not fit 64 bits"});
        }
    }
    if (!out.empty()) return result;

    as_converted_counts r;
    r.terms = terms;
    r.as_of = as_of;
    r.table_capitalization = f0;
    r.exact_capitalization = exact_rational(q);
    try {
        r.counts = detail::fully_diluted_access::with_convertibles(table_counts, terms.basis, convertibles);
    } catch (const overflow_error&) {
        out.push_back({field_path("convertibles"), std::to_string(convertibles.value()) + " shares",
                       "with the table's " + std::to_string(f0.value()) + " the fully diluted total overflows 64 bits"});
        return result;
    }
    const share_count total = r.counts.total();
    r.holders.reserve(table.holders().size());
    for (std::size_t i = 0; i < table.holders().size(); ++i) {
        const share_count s = table_counts.by_holder()[i];
        r.holders.push_back({table.holders()[i].id(), true, s, share_count(), s, fraction()});
    }
    std::map<std::string, std::size_t> others;  // holders only of instruments: their line
    for (const as_converted_instrument& line : lines) {
        std::size_t at = 0;
        if (const auto i = table.holder_index(line.holder)) {
            at = *i;
        } else {
            const auto found = others.emplace(line.holder.str(), r.holders.size());
            if (found.second) r.holders.push_back({line.holder, false, share_count(), share_count(), share_count(), fraction()});
            at = found.first->second;
        }
        r.holders[at].convertible_shares += line.shares;
        r.holders[at].shares += line.shares;
    }
    for (as_converted_holder& h : r.holders) h.ownership = fraction(h.shares.value(), total.value());
    r.instruments = std::move(lines);
    result.counts = std::move(r);
    return result;
}

/// try_fully_diluted_as_converted(), throwing validation_error listing every problem:
///
///     const as_converted_counts fd =
///         fully_diluted_as_converted(table, {safe_a, safe_b}, {note}, year{2026} / 3 / 31);
///     fd.total();                           // issued + options + pool + warrants + convertibles
///     fd.ownership(holder_id("angel"));     // exact
[[nodiscard]] inline as_converted_counts fully_diluted_as_converted(const cap_table& table, const std::vector<safe>& safes,
                                                                    const std::vector<convertible_note>& notes, calendar_date as_of,
                                                                    const as_converted_terms& terms = {}) {
    as_converted_result r = try_fully_diluted_as_converted(table, safes, notes, as_of, terms);
    if (!r.ok()) {
        throw validation_error("fully diluted counts with SAFEs and notes as converted (" + terms.description() + ")",
                               std::move(r.problems));
    }
    return std::move(*r.counts);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_AS_CONVERTED_HPP
