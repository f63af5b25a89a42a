/// @file instruments/safe_events.hpp
/// @brief What a SAFE pays when no priced round comes first: a liquidity event (change of
/// control or IPO: the greater of the cash-out amount and the conversion amount; on a shortfall a
/// pre-money SAFE's unpaid purchase amount converts into common), a dissolution (purchase amounts
/// returned: the pre-money SAFEs' before all capital stock, the post-money SAFEs' pari passu with
/// the preferred, pro rata when the proceeds fall short), and the pro-rata side letter's right in
/// the next priced round.
///
/// Liquidity event, as Y Combinator's post-money SAFE (the 2018 form, sections 1(b) and 2) defines
/// it: the Cash-Out Amount is the purchase amount A; the Conversion Amount is what the event pays
/// on A / liquidity price shares of common, where the liquidity price is the post-money valuation
/// cap C over the *Liquidity Capitalization* L: every share of capital stock outstanding as
/// converted, the options outstanding, and the converting securities (other SAFEs and notes that
/// convert rather than cash out), the unissued option pool excluded. A SAFE converting at price
/// p per share is worth A L p / C, so it would convert exactly when L p > C; it is paid on whole
/// shares (A L / C rounded by liquidity_terms::share_rounding), so it converts when those shares,
/// at p, pay more than its purchase amount (a fraction of a share less can tip it to the
/// cash-out: the greater of the two amounts actually paid). The post-money L counts
/// the converting post-money SAFEs, L = (B + S) / (1 - sum A_i / C_i) over them (B the base
/// capitalization, S the converting pre-money and discount-only SAFEs' shares), solved in closed
/// form on big rationals (which SAFEs convert: passes in ascending order of cap, see the code). The
/// older pre-money SAFE's Liquidity Capitalization excludes every SAFE and note: L = B. The
/// discount-only forms, pre-money (2016) and post-money alike (and an MFN SAFE that took such
/// terms), name another liquidity price: "the fair market value of the Common Stock ... multiplied
/// by the Discount Rate", p (1 - d), so it is paid about A / (1 - d) on A / (p (1 - d)) shares;
/// converting, those shares count in the post-money L with S. Any other SAFE without a cap
/// (uncapped, an MFN SAFE with no later terms) has liquidity price p, so its conversion amount
/// equals its cash-out amount: it takes the cash-out (ties go to the cash-out amount). A
/// fixed-percentage SAFE (safe::post_money_fixed_percentage) is the post-money cap SAFE with its
/// fraction pct in place of A / C: its Conversion Amount is what the event pays on pct x L shares
/// (its liquidity price A / (pct L), an equivalent cap A / pct), it joins L as a capped SAFE does,
/// and at a dissolution it is paid with the other post-money SAFEs.
///
/// A shortfall of the cash-out proceeds (liquidity_terms::cash_out_proceeds) is paid as each form
/// says. The pre-money safe (the 2016-2018 forms, section 1(b)): "all of the Company's available
/// funds" go to the Cash-Out Investors "with equal priority and pro rata ... in proportion to their
/// Purchase Amounts", and they "will automatically receive the number of shares of Common Stock
/// equal to the remaining unpaid Purchase Amount divided by the Liquidity Price": the pre-money
/// SAFEs that cash out are paid first, pro rata among them, and each one's unpaid amount U becomes
/// U / (cap / B) shares of common (U / p uncapped), valued at p. The post-money safe (section 1(d))
/// has no such clause: its cash-out is on par with the preferred, pro rata on a shortfall, the rest
/// unpaid. The choice between cash-out and conversion is made before the shortfall and not
/// revisited. A SAFE that cashes out has price >= p but for the rounding of its conversion shares,
/// so each unpaid dollar it converts is worth at most a dollar: its cash and remainder shares are
/// worth at least converting it all, less under one share's worth at p (which the rounding took;
/// e.g. $100 at a price of $99.90, p = $100, a $50 shortfall: one whole share either way, $100
/// converting, the cash-out taken on the tie, then $50 and no whole share).
#ifndef FUNDROUND_INSTRUMENTS_SAFE_EVENTS_HPP
#define FUNDROUND_INSTRUMENTS_SAFE_EVENTS_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pro_rata.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// One claim paid pari passu (on par) with the others: a SAFE's purchase amount, a series'
/// liquidation preference.
struct pari_passu_claim {
    std::string name;  ///< Who or what claims, e.g. "safes[0] angel" or "Series Seed preference".
    money amount;      ///< The full payment due.
};

/// What one claim receives.
struct claim_payment {
    std::string name;  ///< The claim's name.
    money claimed;     ///< The full payment due.
    money paid;        ///< What it receives: claimed in full, or its pro-rata part of a shortfall.
};

/// Proceeds paid to claims on par: in full when they cover them, else pro rata to the full
/// amounts, split at the mill by the largest-remainder method (ties to the earlier claim), so
/// the payments add up exactly to the proceeds.
struct pari_passu_distribution {
    money proceeds;                       ///< What was available to the claims.
    money claimed;                        ///< The sum of the full claims.
    money paid;                           ///< The sum paid (min(proceeds, claimed)).
    money left_over;                      ///< proceeds - paid: what goes on to the junior holders (common).
    bool shortfall = false;               ///< True if the proceeds did not cover every claim.
    std::vector<claim_payment> payments;  ///< One per claim, in the order given.
};

/// Pays @p claims on par from @p proceeds: in full when the proceeds cover their sum, otherwise
/// pro rata to the full amounts by the largest-remainder method at the mill (ties to the earlier
/// claim), the payments summing exactly to the proceeds. Throws validation_error listing every
/// problem: negative proceeds, a claim that is not positive or in another currency, claims
/// totalling past the 64-bit amount range.
[[nodiscard]] inline pari_passu_distribution pay_pari_passu(money proceeds, const std::vector<pari_passu_claim>& claims) {
    std::vector<diagnostic> problems;
    if (proceeds.is_negative()) problems.push_back({field_path("proceeds"), format_full(proceeds), "must not be negative"});
    detail::int128 sum = 0;  // of the valid claims: n claims below 2^63 each fit 128 bits
    for (std::size_t i = 0; i < claims.size(); ++i) {
        const field_path p = field_path("claims").index(i, claims[i].name).member("amount");
        if (!claims[i].amount.is_positive()) {
            problems.push_back({p, format_full(claims[i].amount), "must be positive"});
        } else if (claims[i].amount.currency() != proceeds.currency()) {
            problems.push_back({p, format_full(claims[i].amount), "must be in " + to_string(proceeds.currency()) + ", the proceeds' currency"});
        } else {
            sum += claims[i].amount.units();
        }
    }
    if (sum > detail::int128(detail::int64_max)) {
        problems.push_back({field_path("claims"), std::to_string(claims.size()) + " claims",
                            "must total at most " + format_full(money::from_units(detail::int64_max, proceeds.currency())) +
                                ", the 64-bit amount range: their sum would overflow"});
    }
    if (!problems.empty()) throw validation_error("pari passu distribution", std::move(problems));
    pari_passu_distribution d;
    d.proceeds = proceeds;
    d.claimed = money::zero(proceeds.currency());
    for (const pari_passu_claim& c : claims) d.claimed += c.amount;
    d.shortfall = d.claimed > proceeds;
    d.paid = d.shortfall ? proceeds : d.claimed;
    d.left_over = proceeds - d.paid;
    d.payments.reserve(claims.size());
    if (d.shortfall) {
        std::vector<money> weights;
        weights.reserve(claims.size());
        for (const pari_passu_claim& c : claims) weights.push_back(c.amount);
        const std::vector<money> parts = allocate(proceeds, weights);
        for (std::size_t i = 0; i < claims.size(); ++i) d.payments.push_back({claims[i].name, claims[i].amount, parts[i]});
    } else {
        for (const pari_passu_claim& c : claims) d.payments.push_back({c.name, c.amount, c.amount});
    }
    return d;
}

/// Which amount a SAFE takes at a liquidity event.
enum class liquidity_choice {
    cash_out,    ///< The Cash-Out Amount: the purchase amount back (also on a tie).
    conversion,  ///< The Conversion Amount: the proceeds on its shares at the liquidity price.
};

/// "cash-out" or "conversion" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(liquidity_choice c) noexcept {
    return c == liquidity_choice::cash_out ? "cash-out" : c == liquidity_choice::conversion ? "conversion" : "unknown";
}

/// The terms of a liquidity event a SAFE meets (change of control, IPO, direct listing).
struct liquidity_terms {
    /// `B`: the Liquidity Capitalization before any SAFE or note: capital stock outstanding as
    /// converted plus options outstanding (and promised options receiving proceeds), the unissued
    /// option pool excluded.
    share_count base_capitalization;
    /// `p`: what the event pays on one share of common, in money units per share, exactly.
    fraction proceeds_per_share_units;
    /// The proceeds available for the cash-out amounts (after debt and creditors): the pre-money
    /// SAFEs' first, then the post-money SAFEs' on par with other_claims; empty: enough for all.
    std::optional<money> cash_out_proceeds;
    /// Other claims on par with the post-money SAFEs' cash-out amounts (preferred liquidation
    /// preferences), junior to the pre-money SAFEs': paid from what they leave of
    /// cash_out_proceeds; without proceeds named, every claim is paid in full and they change
    /// nothing (each is still checked: positive, in the SAFEs' currency).
    std::vector<pari_passu_claim> other_claims;
    rounding share_rounding = rounding::floor;        ///< Conversion shares to whole shares.
    rounding amount_rounding = rounding::half_even;   ///< Conversion amounts (shares x p) to the mill.
};

/// One SAFE at a liquidity event.
struct safe_liquidity_payout {
    holder_id holder;                    ///< Its holder.
    std::string description;             ///< E.g. "post-money SAFE (valuation cap)".
    money cash_out_amount;               ///< The purchase amount.
    std::optional<money> valuation_cap;  ///< The cap used (an MFN SAFE's from the SAFE it follows), if any.
    std::optional<fraction> fixed_percentage;  ///< A fixed-percentage SAFE's fraction of L (then no cap).
    /// The exact liquidity price in money units per share (cap / L; A / (pct L) for a fixed
    /// percentage; p (1 - d) for a discount-only SAFE; else p).
    exact_rational exact_liquidity_price_units;
    exact_rational exact_conversion_shares;  ///< A / liquidity price, exactly.
    share_count conversion_shares;           ///< exact_conversion_shares rounded by share_rounding.
    money conversion_amount;                 ///< conversion_shares x p, rounded to the mill by amount_rounding.
    liquidity_choice choice = liquidity_choice::cash_out;  ///< The greater (on a tie, the cash-out).
    money paid;  ///< conversion_amount, or the cash-out amount (its pro-rata part if the proceeds fall short).
    /// cash_out_amount - paid for a cash-out (zero when converting): what a shortfall of the
    /// cash-out proceeds left unpaid. A pre-money SAFE's converts into common (remainder_shares);
    /// a post-money SAFE's is not paid (its form pays the shortfall pro rata and nothing more).
    money unpaid;
    /// A pre-money SAFE's unpaid / exact_liquidity_price_units shares of common, exactly (its form,
    /// section 1(b): "the remaining unpaid Purchase Amount divided by the Liquidity Price"); zero
    /// otherwise.
    exact_rational exact_remainder_shares;
    share_count remainder_shares;  ///< exact_remainder_shares rounded by share_rounding.
    money remainder_value;         ///< remainder_shares x p, rounded to the mill by amount_rounding.
};

/// Every SAFE at a liquidity event.
struct safe_liquidity_result {
    exact_rational exact_post_money_capitalization;  ///< The post-money SAFE's L, exactly (converting SAFEs included).
    share_count pre_money_capitalization;             ///< The pre-money SAFE's L = B (SAFEs and notes excluded).
    std::vector<safe_liquidity_payout> payouts;       ///< One per SAFE, in the order given.
    share_count conversion_shares;                    ///< The converting SAFEs' shares.
    /// The pre-money SAFEs' cash-out amounts, paid first from the cash-out proceeds, pro rata among
    /// themselves on a shortfall (when proceeds were named and a pre-money SAFE cashes out).
    std::optional<pari_passu_distribution> pre_money_cash_out;
    /// The other cash-out amounts with the other claims, paid on par from what the pre-money SAFEs
    /// leave (when proceeds were named and there is a claim).
    std::optional<pari_passu_distribution> cash_out;
    share_count remainder_shares;  ///< The pre-money SAFEs' remainder_shares: their unpaid cash-out amounts as common.
    /// The total of paid: the money the SAFEs receive (a pre-money SAFE's remainder shares are
    /// not in it; their worth is its remainder_value).
    [[nodiscard]] money total_paid() const {
        money t = money::zero(payouts.empty() ? currency{} : payouts.front().paid.currency());
        for (const safe_liquidity_payout& s : payouts) t += s.paid;
        return t;
    }
};

namespace detail {

/// a / b on big rationals (b nonzero).
inline big_rational safe_events_div(const big_rational& a, const big_rational& b) {
    big_int n = a.numerator() * b.denominator();
    big_int d = a.denominator() * b.numerator();
    if (d < 0) {
        n = -n;
        d = -d;
    }
    return big_rational(std::move(n), std::move(d)).reduce();
}

/// The post-money SAFE's Liquidity Capitalization L = (B + S) / (1 - T): @p base_and_pre is B + S
/// (the base capitalization and the shares of the converting securities priced off it), @p take
/// is T, the sum of purchase amount / cap over the converting post-money SAFEs (below 1).
inline big_rational safe_liquidity_capitalization(const big_rational& base_and_pre, const big_rational& take) {
    return safe_events_div(base_and_pre, big_rational(fraction(1)) - take);
}

/// The caps each SAFE uses: its own, or for an MFN SAFE the cap of the terms it takes (the same
/// rule as in a priced round: detail::resolve_mfn).
inline std::vector<std::optional<money>> safe_effective_caps(const std::vector<safe>& safes) {
    std::vector<std::optional<money>> caps(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) caps[i] = resolve_mfn(safes, i).cap;
    return caps;
}

inline void safe_list_problems(const std::vector<safe>& safes, std::vector<diagnostic>& problems) {
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const auto more = safes[i].validate(field_path("safes").index(i, safes[i].holder.str()));
        problems.insert(problems.end(), more.begin(), more.end());
        if (safes[i].purchase_amount.currency() != safes.front().purchase_amount.currency()) {
            problems.push_back({field_path("safes").index(i, safes[i].holder.str()).member("purchase_amount"),
                                format_full(safes[i].purchase_amount), "must be in " + to_string(safes.front().purchase_amount.currency()) +
                                                                           ", safes[0]'s currency"});
        }
    }
}

}  // namespace detail

/// What each of @p safes receives at a liquidity event with @p terms: the greater of its
/// cash-out amount and its conversion amount (see the file comment for the Liquidity
/// Capitalization each form names, solved exactly). When terms.cash_out_proceeds is named, the
/// pre-money SAFEs' cash-out amounts are paid from it first, then the post-money SAFEs' on par
/// with terms.other_claims (pay_pari_passu: pro rata on a shortfall); a pre-money SAFE's unpaid
/// amount converts into common at its liquidity price (remainder_shares, see the file comment).
/// Throws validation_error listing every problem: an invalid SAFE, a base
/// capitalization or proceeds per share that is not positive, negative cash-out proceeds, an
/// other claim that is not positive, a post-money SAFE whose cap (its own or one taken by MFN) is
/// at or below its purchase amount, a currency mismatch (the proceeds and the claims must be in
/// the SAFEs' currency); post-money SAFEs whose caps together would take 100% or more of the
/// company are reported by the solve.
[[nodiscard]] inline safe_liquidity_result safe_liquidity_payouts(const std::vector<safe>& safes, const liquidity_terms& terms) {
    std::vector<diagnostic> problems;
    if (safes.empty()) problems.push_back({field_path("safes"), "", "list at least one SAFE"});
    detail::safe_list_problems(safes, problems);
    if (terms.base_capitalization.value() <= 0) {
        problems.push_back({field_path("terms").member("base_capitalization"), std::to_string(terms.base_capitalization.value()),
                            "must be positive (shares outstanding as converted plus options outstanding, unissued pool excluded)"});
    }
    detail::check_known_enum(problems, field_path("terms").member("share_rounding"), terms.share_rounding, detail::rounding_names);
    detail::check_known_enum(problems, field_path("terms").member("amount_rounding"), terms.amount_rounding, detail::rounding_names);
    if (terms.proceeds_per_share_units.sign() <= 0) {
        problems.push_back({field_path("terms").member("proceeds_per_share_units"), terms.proceeds_per_share_units.to_string(), "must be positive"});
    }
    // The cash-out proceeds and the claims on par with the SAFEs, checked here with the rest
    // (pay_pari_passu() would find them only after the solve, under its own field names).
    const auto in_safes_currency = [&](const field_path& f, money m, const char* sign_rule, bool positive) {
        if (positive ? !m.is_positive() : m.is_negative()) {
            problems.push_back({f, format_full(m), sign_rule});
        } else if (!safes.empty() && m.currency() != safes.front().purchase_amount.currency()) {
            problems.push_back({f, format_full(m), "must be in " + to_string(safes.front().purchase_amount.currency()) + ", the SAFEs' currency"});
        }
    };
    if (terms.cash_out_proceeds) {
        in_safes_currency(field_path("terms").member("cash_out_proceeds"), *terms.cash_out_proceeds, "must not be negative", false);
    }
    for (std::size_t i = 0; i < terms.other_claims.size(); ++i) {
        in_safes_currency(field_path("terms").member("other_claims").index(i, terms.other_claims[i].name).member("amount"),
                          terms.other_claims[i].amount, "must be positive", true);
    }
    // A post-money SAFE's A / C is its share of the company: a cap (its own or one taken by MFN) at
    // or below the purchase amount is 100% or more on its own (with the others, the solve below
    // names the sum). Reported here with every other problem, not after them. Each SAFE's terms
    // after MFN are resolved once, for this check and for the payouts.
    std::vector<detail::mfn_resolved> resolved;
    resolved.reserve(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) resolved.push_back(detail::resolve_mfn(safes, i));
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const safe& s = safes[i];
        if (s.form != safe_form::post_money || !s.purchase_amount.is_positive()) continue;
        const detail::mfn_resolved& r = resolved[i];
        if (!r.cap || !r.cap->is_positive() || r.cap->currency() != s.purchase_amount.currency() || *r.cap > s.purchase_amount) continue;
        problems.push_back({field_path("safes").index(i, s.holder.str()).member("valuation_cap"),
                            format_full(*r.cap) + (r.from.empty() ? std::string() : " (safes[" + std::to_string(r.from[0]) + "]'s, by MFN)"),
                            "must exceed the purchase amount " + format_full(s.purchase_amount) +
                                ": a post-money SAFE's purchase amount over its cap is its share of the company, below 100%"});
    }
    if (!problems.empty()) throw validation_error("SAFEs at a liquidity event", std::move(problems));

    const currency cur = safes.front().purchase_amount.currency();
    std::vector<std::optional<money>> caps(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) caps[i] = resolved[i].cap;
    using detail::big_int;
    using detail::big_rational;
    // Each cap as an exact rational, in money units: a fixed-percentage SAFE's equivalent cap is
    // A / pct (its share of L, A / cap, is then pct exactly). Empty: no cap.
    std::vector<std::optional<big_rational>> cap_units(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) {
        if (caps[i]) {
            cap_units[i] = big_rational(fraction(caps[i]->units()));
        } else if (safes[i].fixed_percentage) {
            cap_units[i] = detail::safe_events_div(big_rational(fraction(safes[i].purchase_amount.units())), big_rational(*safes[i].fixed_percentage));
        }
    }
    // The discount-only forms, pre-money (2016) and post-money alike, price the event at p times
    // the Discount Rate (1 - d): their Liquidity Price is "the fair market value of the Common
    // Stock ... multiplied by the Discount Rate" (an MFN SAFE that took such terms included).
    // Empty: no discount price.
    std::vector<std::optional<fraction>> discount_rate(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const std::optional<fraction>& d = resolved[i].discount;
        if (!caps[i] && d && d->sign() > 0) discount_rate[i] = fraction(1) - *d;
    }
    const big_rational one(fraction(1));
    const big_rational base(fraction(terms.base_capitalization.value()));
    const big_rational p(terms.proceeds_per_share_units);
    // A capped SAFE converts when its Conversion Amount, on the whole shares A L / C rounded by
    // share_rounding, times p rounded to the mill, exceeds its purchase amount (exactly: L p > C,
    // less what the rounding of the shares takes).
    const auto gains = [&](std::size_t i, const big_rational& l) {
        const big_rational& cap = *cap_units[i];
        const big_rational amount(fraction(safes[i].purchase_amount.units()));
        const big_rational shares = detail::safe_events_div(amount * l, cap);
        const big_int whole = shares.scaled_rounded(1, terms.share_rounding);
        return (big_rational(whole, big_int(1)) * p).scaled_rounded(1, terms.amount_rounding) > amount.numerator();
    };

    // A discount-only SAFE: price p (1 - d), whatever L; it converts when its whole
    // shares, at p, pay more than its purchase amount.
    const auto discount_price = [&](std::size_t i) { return p * big_rational(*discount_rate[i]); };
    const auto discount_gains = [&](std::size_t i) {
        const big_rational amount(fraction(safes[i].purchase_amount.units()));
        const big_int whole = detail::safe_events_div(amount, discount_price(i)).scaled_rounded(1, terms.share_rounding);
        return (big_rational(whole, big_int(1)) * p).scaled_rounded(1, terms.amount_rounding) > amount.numerator();
    };

    // Pre-money SAFEs: L = B. Their conversion shares A B / C count in the post-money L, as do a
    // converting discount-only SAFE's A / (p (1 - d)) (Converting Securities not cashing out).
    std::vector<bool> converts(safes.size(), false);
    big_rational pre_shares;  // S
    std::vector<std::size_t> post_capped;
    for (std::size_t i = 0; i < safes.size(); ++i) {
        if (discount_rate[i] && discount_gains(i)) {
            converts[i] = true;
            pre_shares += detail::safe_events_div(big_rational(fraction(safes[i].purchase_amount.units())), discount_price(i));
        }
        if (!cap_units[i]) continue;
        const big_rational& cap = *cap_units[i];
        if (safes[i].form == safe_form::pre_money) {
            if (gains(i, base)) {
                converts[i] = true;
                pre_shares += detail::safe_events_div(big_rational(fraction(safes[i].purchase_amount.units())) * base, cap);
            }
        } else {
            post_capped.push_back(i);
        }
    }
    std::stable_sort(post_capped.begin(), post_capped.end(), [&](std::size_t a, std::size_t b) { return *cap_units[a] < *cap_units[b]; });
    // With a set K of post-money SAFEs converting, L = (B + S) / (1 - sum_{i in K} A_i / C_i). A
    // SAFE outside K gains by converting when L' p > C, L' the L with it joining K. Passes in
    // ascending order of cap add every SAFE that gains until a pass adds none: L only grows, so
    // each SAFE in K still gains and none outside does — at most n passes, each exact.
    big_rational take;  // sum A_i / C_i over K
    big_rational l_post = base + pre_shares;
    const auto joined = [&](std::size_t i, big_rational& share_out) {
        share_out = safes[i].fixed_percentage ? big_rational(*safes[i].fixed_percentage)
                                              : detail::safe_events_div(big_rational(fraction(safes[i].purchase_amount.units())), *cap_units[i]);
        const big_rational rest = one - take - share_out;
        if (rest.sign() <= 0) {
            const field_path at = field_path("safes").index(i, safes[i].holder.str());
            throw validation_error("SAFEs at a liquidity event",
                                   {{caps[i] ? at.member("valuation_cap") : at.member("fixed_percentage"),
                                     caps[i] ? format_full(*caps[i]) : safes[i].fixed_percentage->to_percent_string(4),
                                     "the converting post-money SAFEs' purchase amounts over their caps and fixed percentages reach "
                                     "100% of the company"}});
        }
        return detail::safe_liquidity_capitalization(base + pre_shares, take + share_out);
    };
    for (bool added = true; added;) {
        added = false;
        for (const std::size_t i : post_capped) {
            if (converts[i]) continue;
            big_rational mine;
            const big_rational l = joined(i, mine);
            if (gains(i, l)) {
                converts[i] = true;
                take += mine;
                l_post = l;
                added = true;
            }
        }
    }

    safe_liquidity_result out;
    out.exact_post_money_capitalization = exact_rational(l_post);
    out.pre_money_capitalization = terms.base_capitalization;
    // The cash-out claims in two tiers: the pre-money SAFEs' first (their form's section 1(b):
    // "all of the Company's available funds" go to the Cash-Out Investors, pro rata among them),
    // then the others' on par with the other claims (the post-money form's section 1(d)).
    std::vector<pari_passu_claim> pre_claims;
    std::vector<std::size_t> pre_index;
    std::vector<pari_passu_claim> cash_claims;
    std::vector<std::size_t> cash_index;
    std::vector<big_rational> prices(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const safe& s = safes[i];
        safe_liquidity_payout po;
        po.holder = s.holder;
        po.description = s.description();
        po.cash_out_amount = s.purchase_amount;
        po.valuation_cap = caps[i];
        po.fixed_percentage = s.fixed_percentage;
        const big_rational amount(fraction(s.purchase_amount.units()));
        big_rational price = discount_rate[i] ? discount_price(i) : p;
        if (cap_units[i]) {
            const big_rational l = s.form == safe_form::pre_money ? base : l_post;
            // A post-money SAFE that cashes out is not in L: its price is quoted at the L it would
            // join.
            big_rational unused;
            const big_rational joined_l = s.form == safe_form::post_money && !converts[i] ? joined(i, unused) : l;
            price = detail::safe_events_div(*cap_units[i], joined_l);
        }
        const big_rational exact_shares = detail::safe_events_div(amount, price);
        po.exact_liquidity_price_units = exact_rational(price);
        prices[i] = price;
        po.exact_conversion_shares = exact_rational(exact_shares);
        // Overflow names the SAFE: safes[i] "holder" conversion shares / amount.
        const std::string shares_name = "safes[" + std::to_string(i) + "] \"" + s.holder.str() + "\" conversion shares";
        const std::string amount_name = "safes[" + std::to_string(i) + "] \"" + s.holder.str() + "\" conversion amount";
        po.conversion_shares = share_count(
            detail::narrow(detail::from_big(exact_shares.scaled_rounded(1, terms.share_rounding), shares_name), shares_name.c_str()));
        const big_rational value = big_rational(fraction(po.conversion_shares.value())) * p;
        po.conversion_amount = money::from_units(
            detail::narrow(detail::from_big(value.scaled_rounded(1, terms.amount_rounding), amount_name), amount_name.c_str()), cur);
        if (converts[i]) {
            po.choice = liquidity_choice::conversion;
            po.paid = po.conversion_amount;
            out.conversion_shares += po.conversion_shares;
        } else {
            po.choice = liquidity_choice::cash_out;
            po.paid = s.purchase_amount;
            const bool pre = s.form == safe_form::pre_money;
            (pre ? pre_claims : cash_claims).push_back({"safes[" + std::to_string(i) + "] " + s.holder.str(), s.purchase_amount});
            (pre ? pre_index : cash_index).push_back(i);
        }
        po.unpaid = money::zero(cur);
        po.remainder_value = money::zero(cur);
        out.payouts.push_back(std::move(po));
    }
    if (terms.cash_out_proceeds) {
        money rest = *terms.cash_out_proceeds;
        if (!pre_claims.empty()) {
            out.pre_money_cash_out = pay_pari_passu(rest, pre_claims);
            for (std::size_t j = 0; j < pre_index.size(); ++j) out.payouts[pre_index[j]].paid = out.pre_money_cash_out->payments[j].paid;
            rest = out.pre_money_cash_out->left_over;
        }
        for (const pari_passu_claim& c : terms.other_claims) cash_claims.push_back(c);
        if (!cash_claims.empty()) {
            out.cash_out = pay_pari_passu(rest, cash_claims);
            for (std::size_t j = 0; j < cash_index.size(); ++j) out.payouts[cash_index[j]].paid = out.cash_out->payments[j].paid;
        }
    }
    // What a shortfall left unpaid; a pre-money SAFE's converts into common at its Liquidity Price
    // (section 1(b): "the remaining unpaid Purchase Amount divided by the Liquidity Price"), valued
    // at p.
    for (std::size_t i = 0; i < safes.size(); ++i) {
        safe_liquidity_payout& po = out.payouts[i];
        if (po.choice != liquidity_choice::cash_out) continue;
        po.unpaid = po.cash_out_amount - po.paid;
        if (safes[i].form != safe_form::pre_money || !po.unpaid.is_positive()) continue;
        const big_rational exact = detail::safe_events_div(big_rational(fraction(po.unpaid.units())), prices[i]);
        po.exact_remainder_shares = exact_rational(exact);
        const std::string shares_name = "safes[" + std::to_string(i) + "] \"" + safes[i].holder.str() + "\" remainder shares";
        const std::string value_name = "safes[" + std::to_string(i) + "] \"" + safes[i].holder.str() + "\" remainder value";
        po.remainder_shares =
            share_count(detail::narrow(detail::from_big(exact.scaled_rounded(1, terms.share_rounding), shares_name), shares_name.c_str()));
        const big_rational value = big_rational(fraction(po.remainder_shares.value())) * p;
        po.remainder_value = money::from_units(
            detail::narrow(detail::from_big(value.scaled_rounded(1, terms.amount_rounding), value_name), value_name.c_str()), cur);
        out.remainder_shares += po.remainder_shares;
    }
    return out;
}

/// Every SAFE and other claim at a dissolution, in two tiers.
struct safe_dissolution_result {
    /// From what pre_money leaves: the post-money SAFEs' claims (in the order given), then the
    /// preferred, on par; its left_over is what goes on to common.
    pari_passu_distribution distribution;
    std::vector<money> safe_paid;  ///< What each SAFE receives, in the order given.
    /// The pre-money SAFEs' purchase amounts (in the order given), paid first from the proceeds,
    /// pro rata among them on a shortfall; no claims when no SAFE is pre-money.
    pari_passu_distribution pre_money;
};

/// A dissolution (or winding up) before the SAFEs convert: each SAFE's Dissolution Amount is its
/// purchase amount, paid from @p proceeds — what is left after debt, creditors and notes that do
/// not convert — senior to common, in the priority its form names. The pre-money SAFE's (section
/// 1(c)) is paid "prior and in preference to" any distribution to capital stock, so before
/// every @p preferred claim: the pre-money SAFEs are paid first, pro rata among them when the
/// proceeds fall short. The post-money SAFE's (section 1(d)) is on par with the preferred: the
/// post-money SAFEs and @p preferred (liquidation preferences) share what is left, pro rata to the
/// full amounts on a shortfall (pay_pari_passu names each split). Throws validation_error listing
/// every problem: an invalid SAFE, negative proceeds, a preferred claim that is not positive, an
/// amount not in the SAFEs' currency.
[[nodiscard]] inline safe_dissolution_result safe_dissolution_payouts(const std::vector<safe>& safes, money proceeds,
                                                                      const std::vector<pari_passu_claim>& preferred = {}) {
    std::vector<diagnostic> problems;
    if (safes.empty()) problems.push_back({field_path("safes"), "", "list at least one SAFE"});
    detail::safe_list_problems(safes, problems);
    // The proceeds and the preferred claims, checked with the SAFEs (pay_pari_passu would find
    // them only once the SAFEs are valid, and name the SAFEs' currency as wrong).
    const auto in_safes_currency = [&](const field_path& f, money m, const char* sign_rule, bool positive) {
        if (positive ? !m.is_positive() : m.is_negative()) {
            problems.push_back({f, format_full(m), sign_rule});
        } else if (!safes.empty() && m.currency() != safes.front().purchase_amount.currency()) {
            problems.push_back({f, format_full(m), "must be in " + to_string(safes.front().purchase_amount.currency()) + ", the SAFEs' currency"});
        }
    };
    in_safes_currency(field_path("proceeds"), proceeds, "must not be negative", false);
    for (std::size_t i = 0; i < preferred.size(); ++i) {
        in_safes_currency(field_path("preferred").index(i, preferred[i].name).member("amount"), preferred[i].amount, "must be positive", true);
    }
    if (!problems.empty()) throw validation_error("SAFEs at a dissolution", std::move(problems));
    // Two tiers: the pre-money SAFEs, then the post-money SAFEs with the preferred from what is
    // left.
    std::vector<pari_passu_claim> senior;
    std::vector<pari_passu_claim> on_par;
    std::vector<std::size_t> at(safes.size());  // each SAFE's place in its tier
    for (std::size_t i = 0; i < safes.size(); ++i) {
        std::vector<pari_passu_claim>& tier = safes[i].form == safe_form::pre_money ? senior : on_par;
        at[i] = tier.size();
        tier.push_back({"safes[" + std::to_string(i) + "] " + safes[i].holder.str(), safes[i].purchase_amount});
    }
    on_par.insert(on_par.end(), preferred.begin(), preferred.end());
    safe_dissolution_result r;
    r.pre_money = pay_pari_passu(proceeds, senior);
    r.distribution = pay_pari_passu(r.pre_money.left_over, on_par);
    r.safe_paid.reserve(safes.size());
    for (std::size_t i = 0; i < safes.size(); ++i) {
        r.safe_paid.push_back((safes[i].form == safe_form::pre_money ? r.pre_money : r.distribution).payments[at[i]].paid);
    }
    return r;
}

/// A pro-rata side letter's right in the priced round a SAFE converted in (Y Combinator's pro
/// rata side letter): the holder may buy its pro-rata share of the new-money shares sold in the
/// round, the ratio of the shares it owned immediately before the new money (its conversion
/// shares included) to the company capitalization then (the shares after the round less the
/// new-money shares: the pool increase and every conversion counted). Returned as company/
/// pro_rata.hpp's entitlements: held, ownership = held / capitalization, exact_shares =
/// ownership x new-money shares, shares rounded by @p mode (floor by default). Throws
/// validation_error listing every problem: an unknown or repeated holder, a rounding mode outside
/// the enumeration, a sum past the new shares.
[[nodiscard]] inline std::vector<pro_rata_entitlement> safe_pro_rata_rights(const converted_round& round,
                                                                            const std::vector<holder_id>& with_side_letter,
                                                                            rounding mode = rounding::floor) {
    const cap_table& after = round.after();
    const fully_diluted_counts fd = after.fully_diluted();
    const share_count sold = round.new_money().new_shares();
    const share_count capitalization = fd.total() - sold;
    std::vector<diagnostic> problems;
    std::vector<std::size_t> index(with_side_letter.size());
    std::vector<bool> seen(after.holders().size(), false);
    for (std::size_t i = 0; i < with_side_letter.size(); ++i) {
        const auto h = after.holder_index(with_side_letter[i]);
        if (!h) {
            problems.push_back({field_path("with_side_letter").index(i), "\"" + with_side_letter[i].str() + "\"", "is not a holder on the cap table after the round"});
            continue;
        }
        if (seen[*h]) problems.push_back({field_path("with_side_letter").index(i), "\"" + with_side_letter[i].str() + "\"", "appears twice; list each holder once"});
        seen[*h] = true;
        index[i] = *h;
    }
    if (sold.value() <= 0) problems.push_back({field_path("round").member("new_shares"), std::to_string(sold.value()), "the round sold no new-money shares"});
    detail::check_known_enum(problems, field_path("mode"), mode, detail::rounding_names);
    if (!problems.empty()) throw validation_error("pro-rata side letters", std::move(problems));
    std::vector<pro_rata_entitlement> out;
    share_count total;
    for (std::size_t i = 0; i < with_side_letter.size(); ++i) {
        share_count held = fd.by_holder()[index[i]];
        for (const priced_investment& inv : round.new_money().investments()) {
            if (inv.investor == with_side_letter[i].str()) held -= inv.shares;
        }
        const fraction own(held.value(), capitalization.value());
        const fraction exact = own * fraction(sold.value());
        const share_count rounded(detail::narrow(exact.round_to_integer(mode), "pro-rata shares"));
        total += rounded;
        out.push_back({with_side_letter[i], held, own, exact, rounded});
    }
    if (total > sold) {
        throw validation_error("pro-rata side letters", {{field_path("mode"), std::string(to_string(mode)),
                                                          "the rounded rights total " + std::to_string(total.value()) + " shares, more than the " +
                                                              std::to_string(sold.value()) + " new-money shares; round down (rounding::floor)"}});
    }
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_SAFE_EVENTS_HPP
