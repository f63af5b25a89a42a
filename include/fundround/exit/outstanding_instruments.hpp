/// @file exit/outstanding_instruments.hpp
/// @brief SAFEs and convertible notes still outstanding at an exit, paid by the liquidation
/// waterfall: each becomes an exit_convertible line (the greater of its cash-out amount and what
/// its conversion shares receive as common; a discount-only SAFE's conversion a fixed
/// value), derived exactly from its terms, with the converting set decided jointly with the
/// classes.
///
/// A SAFE (Y Combinator's post-money SAFE, sections 1(b) and 2; instruments/safe_events.hpp):
/// cash-out = the purchase amount A; conversion shares = A / liquidity price = A L / C, C the
/// (effective) valuation cap. The pre-money SAFE's L is the base capitalization B (SAFEs and
/// notes excluded); the post-money SAFE's L is the Liquidity Capitalization with the converting
/// securities in it: L = (B + S) / (1 - T), S the conversion shares of the converting pre-money
/// SAFEs and notes (A B / C each, exact), T the sum of A / C over the converting post-money SAFEs
/// (a SAFE cashing out is not in L: the form excludes the Cash-Out Investors). A SAFE without a
/// cap or discount (uncapped, an MFN SAFE with no later terms) converts at the liquidity price p
/// itself, so its conversion equals its cash-out: it is a cash-out line only.
///
/// The discount-only SAFE, pre-money (2016 form) or post-money (its own discount d or one taken
/// by MFN): Liquidity Price =
/// p (1 - d), p the value of a common share, so converting it receives N = A / (p (1 - d))
/// shares worth V = A / (1 - d) at any p: a fixed value, taken out of what the common (and
/// everything that participates as common) receives. Its N counts in every post-money L (a
/// Converting Security not cashing out): L = (B + S + sum N) / (1 - T), so a converting
/// post-money capped member i (t_i = A_i / C_i) receives t_i L shares (A_i L / C_i), worth
///     p t_i (B + S) / (1 - T)  +  t_i sum V / (1 - T)
/// at any p: fixed shares sigma_i = t_i (B + S) / (1 - T) plus a fixed value phi_i = t_i sum V /
/// (1 - T). The value of a share then solves x = (cash-outs and preferences not converting) +
/// p (common-equivalent shares) + sum V / (1 - T), the sum V / (1 - T) being everything the
/// discount SAFEs' shares take (theirs plus what they add to the capped members' L). Conversion
/// has a price only where that p is positive: with the discount SAFEs converting, every
/// preference is paid first, so the lines of a stage whose converting set K holds a discount-only
/// SAFE are, exactly where p > 0: the discount member, a line paying V with no shares (its
/// "preference": it shows as one); a capped post-money member, its sigma_i shares and a cash-out
/// of max(0, cash-out - phi_i), plus a second line (outstanding_instrument::value_line) paying
/// phi_i, so that it receives max(cash-out, sigma_i p + phi_i), the choice the form gives it. A
/// discount-only SAFE joins K where p becomes positive with it converting (at that exit value p
/// = 0: no price, it takes its cash-out) — the exit value where every preference of the
/// waterfall of K plus it is paid, the sum of their preferences — and it converts at every
/// higher exit in the stage (V > A); a capped instrument joins a K holding a discount-only SAFE
/// where its conversion starts in the waterfall of K plus it, and not below the exit value where
/// that waterfall pays every preference (no member without a price). V and phi_i are rounded to
/// the mill by amount_rounding, sigma_i to whole shares by share_rounding (safe_liquidity_payouts
/// rounds N p instead, N to whole shares: within a share's value of V).
///
/// A note at the change of control (instruments/note_events.hpp, note_at_change_of_control):
/// cash-out = the greater of the listed multiple of principal and principal plus interest
/// accrued to the exit date; when conversion at the cap is listed, conversion shares = (principal
/// + interest) / (cap / capitalization), the capitalization B for a pre-money cap (or, for a note
/// with a cap_basis, the cap table's count on that basis), L for a post-money one (then it joins
/// T like a post-money SAFE). A note without change-of-control
/// terms is repaid principal plus interest (debt: it does not convert).
///
/// Which capitalization, exactly. B = every issued share as converted plus the granted options
/// (fully_diluted_basis::issued_and_granted(): the form's capital stock and outstanding Options;
/// the unissued pool excluded; warrants out unless stated through base_capitalization). Because
/// L counts only the converting securities, a post-money SAFE's shares depend on which others
/// convert, and a SAFE joining raises every other converting post-money SAFE's shares: the
/// payouts jump where one joins. No single waterfall with fixed share counts is exact, so the
/// exit values are cut into stages, each with its own converting set K and its exact waterfall:
/// starting from nobody converting, the next instrument to join is the one whose conversion
/// starts at the lowest exit value in the waterfall of K plus it (its true deviation: joining
/// changes L and the value of a share); above that exit value it converts, and so on, until
/// none would join. In a stage, K's members choose between cash-out and conversion in the
/// waterfall (the joint decision with the classes), the others take their cash-out. A stage
/// holds the exit values above its start up to its end (at the end itself the joining
/// instrument is indifferent and ties do not convert). This is O(n^2) waterfalls for n
/// instruments that can convert, each O(n + c) for c classes, grants and warrants: O(n^3) in the
/// instruments, by design. The table's own lines, terms and positions are built once, and a
/// candidate's waterfall has no holders (only its lines and breakpoints are read), so the
/// holders do not multiply it (bench/bench_scale.cpp measures 10 to 60 SAFEs on 10^3 and 10^4
/// holders). Two discount-only SAFEs can each have a price only if the
/// other does not convert (between the exit values where each alone and both together leave p
/// positive): there the one that could convert at the lower exit value converts, the outcome
/// the joining order gives (both are equilibria).
///
/// Seniority (waterfall_line::seniority: higher is paid first, one rank pari passu): a post-money
/// SAFE's cash-out is on par with the preferred stock (its form, 1(d): "on par with payments for
/// other Safes and/or Preferred Stock", pro rata on a shortfall) — the rank of the most junior
/// preferred class with shares, 0 without preferred. A pre-money SAFE's (the 2016-2018 forms,
/// section 1(b), as safe_liquidity_payouts pays it) is paid before all capital stock: one rank
/// above the most senior preferred class (and above the post-money SAFEs), pro rata among the
/// pre-money SAFEs on a shortfall ("with equal priority and pro rata among the Cash-Out Investors
/// in proportion to their Purchase Amounts"), and the unpaid rest converts: "the number of shares
/// of Common Stock equal to the remaining unpaid Purchase Amount divided by the Liquidity Price"
/// (outstanding_waterfall::remainders). Those shares depend on the shortfall, but not the payouts:
/// the tier is short only when the exit value is below what is ranked at or above it, and then
/// nothing reaches the preferred or the common (the value of a share p is 0), so the remainder
/// shares, priced cap / B, receive nothing at that exit; above it nothing is unpaid. An uncapped
/// or discount-only pre-money SAFE's Liquidity Price (p, p (1 - d)) is 0 there: its unpaid rest
/// has no price and no share count. A note is debt, paid first: one rank above the most senior
/// preferred class and the pre-money SAFEs. Each rank can be stated.
#ifndef FUNDROUND_EXIT_OUTSTANDING_INSTRUMENTS_HPP
#define FUNDROUND_EXIT_OUTSTANDING_INSTRUMENTS_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/note_events.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/instruments/safe_events.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The choices outstanding SAFEs and notes become waterfall lines with, each named.
struct outstanding_instrument_terms {
    /// B, the capitalization before any SAFE or note; empty: issued shares as converted plus
    /// granted options (fully_diluted_basis::issued_and_granted()).
    std::optional<share_count> base_capitalization;
    /// The post-money SAFEs' rank; empty: the most junior preferred class's with shares issued
    /// (on par with preferred), or 0.
    std::optional<int> safe_seniority;
    /// The pre-money SAFEs' rank; empty: one above the most senior preferred class with shares
    /// issued and the post-money SAFEs (their form pays the cash-out before all capital stock).
    std::optional<int> pre_money_safe_seniority;
    /// The notes' rank; empty: one above the most senior preferred class and the pre-money SAFEs
    /// (debt is paid first).
    std::optional<int> note_seniority;
    rounding share_rounding = rounding::floor;       ///< Conversion shares to whole shares.
    rounding amount_rounding = rounding::half_even;  ///< A note's multiple of principal to the mill.
};

/// The liquidation ranks of the SAFEs and notes outstanding at an exit, one per kind, as a deal
/// file states them ("instrument_seniority": {"post_money_safes", "pre_money_safes", "notes"}):
/// outstanding_instrument_terms' safe_seniority, pre_money_safe_seniority and note_seniority, on
/// the scale of the preferred classes' seniority (higher is paid first, one rank pari passu);
/// each empty: that term's default (post-money SAFEs on par with the most junior preferred
/// class, pre-money SAFEs one rank above the most senior, notes above both).
struct outstanding_seniority {
    std::optional<int> post_money_safes;  ///< "post_money_safes": the post-money SAFEs' rank (safe_seniority).
    std::optional<int> pre_money_safes;   ///< "pre_money_safes": the pre-money SAFEs' rank (pre_money_safe_seniority).
    std::optional<int> notes;             ///< "notes": the convertible notes' rank (note_seniority).

    /// True if no rank is stated (the file has no "instrument_seniority").
    [[nodiscard]] bool empty() const noexcept { return !post_money_safes && !pre_money_safes && !notes; }
    /// True if both state the same ranks.
    [[nodiscard]] friend bool operator==(const outstanding_seniority& a, const outstanding_seniority& b) noexcept {
        return a.post_money_safes == b.post_money_safes && a.pre_money_safes == b.pre_money_safes && a.notes == b.notes;
    }
    /// True if they differ.
    [[nodiscard]] friend bool operator!=(const outstanding_seniority& a, const outstanding_seniority& b) noexcept {
        return !(a == b);
    }
};

/// What an outstanding instrument is.
enum class outstanding_kind {
    safe,  ///< A SAFE.
    note,  ///< A convertible note.
};

/// "SAFE" or "note" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(outstanding_kind k) noexcept {
    return k == outstanding_kind::safe ? "SAFE" : k == outstanding_kind::note ? "note" : "unknown";
}

/// One SAFE or note outstanding at the exit, with what its waterfall line is derived from.
struct outstanding_instrument {
    std::string source;        ///< Where it was given: "safes[0]" or "notes[1]".
    outstanding_kind kind = outstanding_kind::safe;  ///< SAFE or note.
    std::string name;          ///< Its waterfall line: "SAFE: <holder's name>", "Note: <holder's name>".
    holder_id holder;          ///< Its holder.
    std::string description;   ///< E.g. "post-money SAFE (valuation cap)" or "note (principal plus interest)".
    money cash_out;            ///< What it takes if it does not convert.
    money conversion_base;     ///< What buys the conversion shares: the purchase amount, or principal + interest.
    money interest;            ///< A note's interest accrued to the exit date, or to its maturity if it stops there (zero for a SAFE).
    std::optional<money> valuation_cap;  ///< The cap its conversion uses; empty: it never converts (but for a fixed percentage).
    /// A fixed-percentage SAFE's fraction of L: it converts into pct x L shares (the post-money
    /// cap SAFE with pct in place of A / C); empty otherwise.
    std::optional<fraction> fixed_percentage;
    safe_form form = safe_form::post_money;  ///< Which capitalization its cap divides (B or L).
    /// A note's cap_basis: the cap table's count on that basis, which its pre-money cap divides
    /// in place of B; empty: B (or L).
    std::optional<share_count> capitalization;
    int seniority = 0;         ///< Its rank in the waterfall.
    /// A discount-only SAFE's discount d (its own or taken by MFN); empty otherwise.
    std::optional<fraction> discount;
    /// What its conversion is worth at any value of a share, A / (1 - d) rounded to the mill by
    /// amount_rounding (a discount-only SAFE; empty otherwise).
    std::optional<money> conversion_value;
    /// The name of its second line, which holds the value the converting discount-only SAFEs'
    /// shares add to its post-money L (see the file comment); empty: it has none (no
    /// discount-only SAFE is outstanding, or its cap does not divide L).
    std::string value_line;

    /// True if it may convert (it has a cap, a fixed percentage or a discount-only SAFE's
    /// conversion value, and conversion is one of its choices).
    [[nodiscard]] bool can_convert() const noexcept {
        return valuation_cap.has_value() || fixed_percentage.has_value() || conversion_value.has_value();
    }

};

/// A stretch of exit values on which the same instruments may convert, and its exact waterfall.
struct outstanding_stage {
    fraction from;                 ///< Exit values above this (units); the first stage starts at 0, included.
    std::optional<fraction> to;    ///< The last exit value of the stage (units); empty: no end.
    std::vector<bool> converting;  ///< Per instrument: in the converting set K (counted in L).
    /// The post-money L of K, exactly (shares): (B + S) / (1 - T), without the converting
    /// discount-only SAFEs' shares sum A / (p (1 - d)), which depend on the value of a share p.
    exact_rational liquidity_capitalization;
    /// The instruments' lines (shares 0 outside K; see the file comment for the discount-only
    /// SAFEs), then the instruments' value lines (outstanding_instrument::value_line), in order.
    std::vector<exit_convertible> convertibles;
    waterfall payouts;             ///< The waterfall of the stage (the table, the lines).
};

/// A pre-money SAFE's cash-out left unpaid by a shortfall at an exit, and the common it converts
/// into (its form, section 1(b): "the remaining unpaid Purchase Amount divided by the Liquidity
/// Price"; see the file comment).
struct outstanding_remainder {
    std::size_t instrument = 0;  ///< Its index in outstanding_waterfall::instruments().
    money unpaid;                ///< Its cash-out less what its line is paid at the exit.
    /// unpaid / (cap / B) shares of common, exactly; empty: no cap, so its Liquidity Price (p, or
    /// p (1 - d) discount-only) is 0 where a shortfall leaves the common nothing: no share count.
    std::optional<exact_rational> exact_shares;
    share_count shares;          ///< exact_shares rounded by share_rounding (0 when empty).
    money value;                 ///< shares x the value of a common share at the exit (0: see the file comment), rounded by amount_rounding.
};

/// The liquidation waterfall of a cap table with SAFEs and notes outstanding: the instruments'
/// lines derived from their terms, and the stages of exit values with their exact waterfalls
/// (see the file comment). An immutable value; build one with outstanding_waterfall::build().
///
///     const outstanding_waterfall w =
///         outstanding_waterfall::build(table, deal.safes, deal.notes, {}, terms);
///     const waterfall_payout p = w.at(20_M);
class outstanding_waterfall {
public:
    /// The waterfall of @p table with @p safes and @p notes outstanding, @p base's choices (its
    /// exit_date is the notes' interest date, required when there are notes) and @p terms';
    /// throws validation_error listing every problem.
    [[nodiscard]] static outstanding_waterfall build(const cap_table& table, const std::vector<safe>& safes,
                                                     const std::vector<convertible_note>& notes,
                                                     const outstanding_instrument_terms& terms = {},
                                                     const waterfall_terms& base = {});

    /// The instruments: the SAFEs, then the notes, in the order given.
    [[nodiscard]] const std::vector<outstanding_instrument>& instruments() const noexcept { return instruments_; }
    /// The stages in increasing exit value (one when the converting set never changes).
    [[nodiscard]] const std::vector<outstanding_stage>& stages() const noexcept { return stages_; }
    /// B, the capitalization before any SAFE or note.
    [[nodiscard]] share_count base_capitalization() const noexcept { return base_; }
    /// The rounding of conversion and remainder shares to whole shares (the terms' share_rounding).
    [[nodiscard]] rounding share_rounding() const noexcept { return share_rounding_; }
    /// The index of the stage holding exit value @p x units.
    [[nodiscard]] std::size_t stage_index(const fraction& x) const;
    /// The waterfall that pays exit value @p exit_value.
    [[nodiscard]] const waterfall& waterfall_at(money exit_value) const {
        return stages_[stage_index(fraction(exit_value.units()))].payouts;
    }
    /// The payouts at @p exit_value (waterfall::at of its stage).
    [[nodiscard]] waterfall_payout at(money exit_value) const { return waterfall_at(exit_value).at(exit_value); }
    /// The payouts at each of @p exit_values, each exactly at(exit_value)
    /// (waterfall::at(exit_values) of its stage: from the stage's payout curve when it holds more
    /// of them than it has segments); every bad value reported at once.
    [[nodiscard]] std::vector<waterfall_payout> at(const std::vector<money>& exit_values) const;
    /// The same payouts as at(exit_values), computed one exit at a time and kept compactly
    /// (waterfall_payouts, by holder in the order of the stages' common holders): each exit's
    /// by-holder amounts in O(1) where its stage's payout curve gives them; the same errors.
    [[nodiscard]] waterfall_payouts payouts_at(const std::vector<money>& exit_values) const;
    /// The breakpoints of every stage in its own exit values (from its start, included, to its
    /// end, excluded), in increasing exit value: a stage's start is where an instrument starts
    /// converting (and, a post-money one joining L, the other converting ones' payouts jump).
    [[nodiscard]] std::vector<waterfall_breakpoint> breakpoints() const;
    /// The pre-money SAFEs that take their cash-out at @p exit_value and are not paid in full,
    /// with the common their unpaid rest converts into (empty: none short).
    [[nodiscard]] std::vector<outstanding_remainder> remainders(money exit_value) const;
    /// remainders(exit_value) from @p paid, the payouts at(exit_value) already computed (from
    /// at(exit_values) or waterfall_payouts::without_holders(): its by_line, status and
    /// value_per_share are read, not its holders'), so that no exit is solved twice. Throws
    /// invalid_argument_error if @p paid is at another exit value or has not a payout and a
    /// status per line of the exit's stage.
    [[nodiscard]] std::vector<outstanding_remainder> remainders(money exit_value, const waterfall_payout& paid) const;

private:
    outstanding_waterfall() = default;
    // Checks every exit value (all problems in one validation_error) and returns the stage of
    // each; @p count gets how many of them each stage holds (at() and payouts_at()).
    [[nodiscard]] std::vector<std::size_t> checked_stages(const std::vector<money>& exit_values,
                                                          std::vector<std::size_t>& count) const;

    std::vector<outstanding_instrument> instruments_;
    std::vector<outstanding_stage> stages_;
    share_count base_;
    rounding share_rounding_ = rounding::floor;
    rounding amount_rounding_ = rounding::half_even;
};

namespace detail {

/// "SAFE: Ada" for the first line of a holder, "SAFE: Ada (2)" for the second, ...
inline std::string outstanding_line_name(const std::string& prefix, const std::string& holder_name,
                                         std::vector<std::string>& used) {
    std::string name = prefix + holder_name;
    for (int k = 2; std::find(used.begin(), used.end(), name) != used.end(); ++k) {
        name = prefix + holder_name + " (" + std::to_string(k) + ")";
    }
    used.push_back(name);
    return name;
}

/// The instruments' lines with the set @p in converting: L of that set without the
/// discount-only SAFEs' shares ((B + S) / (1 - T), exactly) and the lines: for each instrument
/// its exit_convertible (see the file comment: a capped member's conversion shares and its cash-out
/// less its value line's amount, a discount-only member's conversion value as its cash-out with
/// no shares; the others' cash-out and no shares), then, for each instrument with a value line
/// (in order), that line (the value the converting discount-only SAFEs' shares add to its
/// conversion, zero outside @p in). Shares rounded by @p share_rounding, values by @p
/// amount_rounding.
inline std::pair<big_rational, std::vector<exit_convertible>> outstanding_lines(
    const std::vector<outstanding_instrument>& list, share_count base, const std::vector<bool>& in, rounding share_rounding,
    rounding amount_rounding = rounding::half_even) {
    const big_rational b(fraction(base.value()));
    big_rational base_and_pre = b;
    big_rational take;
    big_rational values;  // the converting discount-only SAFEs' conversion values, sum of A / (1 - d)
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!in[i] || !list[i].can_convert()) continue;  // one that cannot convert takes its cash-out
        if (list[i].conversion_value) {
            values += big_rational(fraction(list[i].conversion_value->units()));
            continue;
        }
        const big_rational share_of_cap =
            list[i].fixed_percentage
                ? big_rational(*list[i].fixed_percentage)
                : safe_events_div(big_rational(fraction(list[i].conversion_base.units())), big_rational(fraction(list[i].valuation_cap->units())));
        if (list[i].form == safe_form::pre_money) {
            base_and_pre += share_of_cap * (list[i].capitalization ? big_rational(fraction(list[i].capitalization->value())) : b);
        } else {
            take += share_of_cap;
        }
    }
    if ((big_rational(fraction(1)) - take).sign() <= 0) {
        std::vector<diagnostic> problems;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (in[i] && list[i].valuation_cap && list[i].form == safe_form::post_money) {
                problems.push_back({field_path(list[i].source).member("valuation_cap"), format_full(*list[i].valuation_cap),
                                    "the converting post-money instruments' amounts over their caps reach 100% of the company"});
            } else if (in[i] && list[i].fixed_percentage) {
                problems.push_back({field_path(list[i].source).member("fixed_percentage"), list[i].fixed_percentage->to_percent_string(4),
                                    "the converting post-money instruments' fixed percentages and amounts over their caps reach 100% "
                                    "of the company"});
            }
        }
        throw validation_error("SAFEs and notes at the exit", std::move(problems));
    }
    const big_rational l = safe_liquidity_capitalization(base_and_pre, take);
    // A post-money member's value line: A / C of the discount-only SAFEs' shares V / p over 1 - T,
    // worth (A / C) sum V / (1 - T) at any p.
    const big_rational per_share_of_cap = safe_events_div(values, big_rational(fraction(1)) - take);
    std::vector<exit_convertible> lines;
    std::vector<exit_convertible> value_lines;
    lines.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const outstanding_instrument& x = list[i];
        share_count shares;
        money cash_out = x.cash_out;
        money value = money::zero(x.cash_out.currency());
        if (in[i] && x.conversion_value) {
            cash_out = *x.conversion_value;  // paid once every preference is: the stage has a positive p
        } else if (in[i] && (x.valuation_cap || x.fixed_percentage)) {
            // A / liquidity price, the price cap / (B or L), as safe_liquidity_payouts prices it
            // (a fixed percentage's cap A / pct: pct x L shares).
            const big_rational amount(fraction(x.conversion_base.units()));
            const big_rational cap =
                x.valuation_cap ? big_rational(fraction(x.valuation_cap->units())) : safe_events_div(amount, big_rational(*x.fixed_percentage));
            const big_rational price =
                safe_events_div(cap, x.form == safe_form::post_money ? l
                                     : x.capitalization       ? big_rational(fraction(x.capitalization->value()))
                                                              : b);
            const big_rational exact = safe_events_div(amount, price);
            shares = share_count(narrow(from_big(exact.scaled_rounded(1, share_rounding), "conversion shares"), "conversion shares"));
            if (x.form == safe_form::post_money && values.sign() > 0) {
                const std::string named = x.source + " value of the discount-only SAFEs' shares in L";
                const big_rational v = safe_events_div(amount, cap) * per_share_of_cap;
                value = money::from_units(narrow(from_big(v.scaled_rounded(1, amount_rounding), named), named.c_str()), x.cash_out.currency());
                cash_out = value < cash_out ? cash_out - value : money::zero(x.cash_out.currency());
            }
        }
        lines.push_back({x.name, x.holder, cash_out, shares, x.seniority});
        if (!x.value_line.empty()) value_lines.push_back({x.value_line, x.holder, value, share_count(), x.seniority});
    }
    lines.insert(lines.end(), value_lines.begin(), value_lines.end());
    return {l, std::move(lines)};
}

/// The exit value above which the value of a common share is positive in @p w: the sum of the
/// lines' preferences (every one paid in full).
inline fraction outstanding_preferences_total(const waterfall& w) {
    fraction total;
    for (const waterfall_line& line : w.lines()) {
        if (line.has_preference()) total += line.preference;
    }
    return total;
}

}  // namespace detail

/// The ranks the SAFEs and notes outstanding on a cap table are paid at, one per kind, on the
/// preferred classes' seniority scale (higher is paid first), as resolve_outstanding_ranks() finds
/// them. 64 bits wide: a default one rank above a rank stated at 2147483647 is 2147483648 here,
/// which outstanding_instruments() refuses (state that kind's rank).
struct outstanding_ranks {
    std::int64_t post_money_safes = 0;  ///< The post-money SAFEs' rank.
    std::int64_t pre_money_safes = 0;   ///< The pre-money SAFEs' rank.
    std::int64_t notes = 0;             ///< The notes' rank.
};

/// The ranks of the SAFEs and notes outstanding on @p table: @p terms' stated seniorities, else
/// the defaults (post-money SAFEs at the most junior preferred class with shares, or 0;
/// pre-money SAFEs one above the most senior preferred class and the post-money SAFEs; notes
/// one above the most senior preferred class, and above the pre-money SAFEs when
/// @p any_pre_money, as outstanding_instruments() pays them).
[[nodiscard]] inline outstanding_ranks resolve_outstanding_ranks(const cap_table& table, const outstanding_instrument_terms& terms,
                                                                 bool any_pre_money) {
    std::optional<int> junior;
    std::optional<int> senior;
    for (const share_class& k : table.classes()) {
        if (!k.is_preferred() || table.issued_shares(k.name()).value() == 0) continue;
        const int rank = k.terms().seniority;
        junior = junior ? std::min(*junior, rank) : rank;
        senior = senior ? std::max(*senior, rank) : rank;
    }
    outstanding_ranks r;
    r.post_money_safes = terms.safe_seniority.value_or(junior.value_or(0));
    // The pre-money SAFEs before all capital stock (and the post-money SAFEs); the notes before
    // both.
    const std::int64_t top = senior ? std::max<std::int64_t>(*senior, r.post_money_safes) : r.post_money_safes;
    r.pre_money_safes = terms.pre_money_safe_seniority ? std::int64_t{*terms.pre_money_safe_seniority} : top + 1;
    const std::int64_t below_notes = senior ? std::int64_t{*senior} : r.post_money_safes;
    // (Above a pre-money rank past 32 bits the notes' default is one above 2147483647, which
    // outstanding_instruments() names as the rank that must be stated.)
    const std::int64_t pre = std::min<std::int64_t>(r.pre_money_safes, std::numeric_limits<int>::max());
    r.notes = terms.note_seniority ? std::int64_t{*terms.note_seniority} : (any_pre_money ? std::max(pre, below_notes) : below_notes) + 1;
    return r;
}

/// The SAFEs and notes of @p safes and @p notes as outstanding instruments of @p table at an exit
/// on @p exit_date (the notes' interest date; required when there are notes), with @p terms'
/// seniorities and roundings: cash-out amounts, conversion bases and caps (an MFN SAFE's from
/// the later SAFEs), lines named after their holders. Throws validation_error listing every
/// problem: an invalid SAFE or note, a holder not on the table, another currency, a missing or
/// early exit date, a rounding outside its enumeration.
[[nodiscard]] inline std::vector<outstanding_instrument> outstanding_instruments(
    const cap_table& table, const std::vector<safe>& safes, const std::vector<convertible_note>& notes,
    const std::optional<calendar_date>& exit_date, const outstanding_instrument_terms& terms = {}) {
    std::vector<diagnostic> problems;
    const currency cur = table.currency();
    // Each instrument's own problems, its holder on the table, its amount in the table's currency.
    const auto check = [&](const char* list, std::size_t i, const auto& x, const char* amount_field, money amount) {
        const field_path f = field_path(list).index(i, x.holder.str());
        const std::vector<diagnostic> own = x.validate(f);
        problems.insert(problems.end(), own.begin(), own.end());
        if (!x.holder.str().empty() && !table.holder_index(x.holder)) {
            problems.push_back({f.member("holder"), detail::quoted_text(x.holder.str()), "is not a holder on the cap table"});
        }
        if (amount.currency() != cur) {
            problems.push_back({f.member(amount_field), format_full(amount), detail::table_currency_rule(cur)});
        }
    };
    for (std::size_t i = 0; i < safes.size(); ++i) check("safes", i, safes[i], "purchase_amount", safes[i].purchase_amount);
    for (std::size_t i = 0; i < notes.size(); ++i) {
        check("notes", i, notes[i], "principal", notes[i].principal);
        const std::string which = "notes[" + std::to_string(i) + "]";
        if (!exit_date) {
            problems.push_back({field_path("exit_date"), "", "is required: " + which + " accrues interest to the exit"});
        } else if (is_modelled(*exit_date) && is_modelled(notes[i].issue_date) && *exit_date < notes[i].issue_date) {
            problems.push_back({field_path("exit_date"), to_string(*exit_date),
                                "is before " + which + "'s issue date " + to_string(notes[i].issue_date)});
        }
        const convertible_note& n = notes[i];
        if (n.cap_basis && n.valuation_cap && n.cap_form == safe_form::pre_money && n.at_change_of_control &&
            n.at_change_of_control->conversion_at_cap && table.fully_diluted(*n.cap_basis).total().value() <= 0) {
            problems.push_back({field_path("notes").index(i, n.holder.str()).member("cap_basis"),
                                std::string(n.cap_basis->name()) + " (" + n.cap_basis->to_string() + ")",
                                "the cap table has no shares on this basis for the cap to divide"});
        }
    }
    detail::check_known_enum(problems, field_path("terms").member("share_rounding"), terms.share_rounding, detail::rounding_names);
    detail::check_known_enum(problems, field_path("terms").member("amount_rounding"), terms.amount_rounding, detail::rounding_names);
    if (!problems.empty()) throw validation_error("SAFEs and notes at the exit", std::move(problems));

    // Seniority: SAFEs on par with the most junior preferred class, notes above the most senior.
    const bool any_pre = std::any_of(safes.begin(), safes.end(), [](const safe& s) { return s.form == safe_form::pre_money; });
    const outstanding_ranks ranks = resolve_outstanding_ranks(table, terms, any_pre);
    // A default one rank above 2^31 - 1 (a rank stated at the top) cannot be: it is refused,
    // naming the term to state, not wrapped to a negative rank.
    std::vector<diagnostic> unstated;
    const auto fits = [&](std::int64_t rank, const char* term, bool needed) {
        if (rank <= std::numeric_limits<int>::max()) return static_cast<int>(rank);
        if (needed) {
            unstated.push_back({field_path("terms").member(term), "",
                                "must be stated: its default, one rank above " + std::to_string(rank - 1) +
                                    ", is past 32 bits (2147483647)"});
        }
        return std::numeric_limits<int>::max();
    };
    const int safe_rank = fits(ranks.post_money_safes, "safe_seniority", false);
    const int pre_rank = fits(ranks.pre_money_safes, "pre_money_safe_seniority", any_pre);
    const int note_rank = fits(ranks.notes, "note_seniority", !notes.empty());
    if (!unstated.empty()) throw validation_error("SAFEs and notes at the exit", std::move(unstated));

    std::vector<outstanding_instrument> out;
    std::vector<std::string> used;
    const auto holder_name = [&](const holder_id& h) { return table.find_holder(h).name(); };
    const std::vector<std::optional<money>> caps = detail::safe_effective_caps(safes);
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const safe& s = safes[i];
        outstanding_instrument x;
        x.source = "safes[" + std::to_string(i) + "]";
        x.kind = outstanding_kind::safe;
        x.name = detail::outstanding_line_name("SAFE: ", holder_name(s.holder), used);
        x.holder = s.holder;
        x.description = s.description();
        x.cash_out = s.purchase_amount;
        x.conversion_base = s.purchase_amount;
        x.interest = money::zero(cur);
        x.valuation_cap = caps[i];
        x.fixed_percentage = s.fixed_percentage;
        x.form = s.form;
        x.seniority = s.form == safe_form::pre_money ? pre_rank : safe_rank;
        // The discount-only forms, pre- and post-money: Liquidity Price p (1 - d), so A / (p (1 -
        // d)) shares worth A / (1 - d) at any p (safe_liquidity_payouts prices it so at a known p).
        const std::optional<fraction> d = detail::resolve_mfn(safes, i).discount;
        if (!caps[i] && d && d->sign() > 0) {
            x.discount = d;
            const std::string what = x.source + " conversion value, purchase amount / (1 - discount)";
            const detail::big_rational v = detail::safe_events_div(detail::big_rational(fraction(s.purchase_amount.units())),
                                                                   detail::big_rational(fraction(1) - *d));
            x.conversion_value =
                money::from_units(detail::narrow(detail::from_big(v.scaled_rounded(1, terms.amount_rounding), what), what.c_str()), cur);
        }
        out.push_back(std::move(x));
    }
    for (std::size_t i = 0; i < notes.size(); ++i) {
        // The amounts note_at_change_of_control lists; the waterfall values the conversion.
        convertible_note n = notes[i];
        const note_change_of_control_terms stated = n.at_change_of_control.value_or(note_change_of_control_terms{});
        n.at_change_of_control = note_change_of_control_terms{stated.principal_multiple, true, false};
        const bool converts = stated.conversion_at_cap && n.valuation_cap;
        const note_change_of_control_result r = note_at_change_of_control(n, *exit_date, share_count(), fraction(),
                                                                          terms.share_rounding, terms.amount_rounding);
        outstanding_instrument x;
        x.source = "notes[" + std::to_string(i) + "]";
        x.kind = outstanding_kind::note;
        x.name = detail::outstanding_line_name("Note: ", holder_name(n.holder), used);
        x.holder = n.holder;
        x.interest = r.interest;
        x.conversion_base = r.principal + r.interest;
        x.cash_out = money::zero(cur);
        std::string listed;  // what the term lists, for the description
        const auto list = [&](const std::string& what) { listed += (listed.empty() ? "" : ", ") + what; };
        if (r.multiple_amount) {
            x.cash_out = std::max(x.cash_out, *r.multiple_amount);
            list(stated.principal_multiple->to_string() + " x principal");
        }
        if (stated.principal_plus_interest) {
            x.cash_out = std::max(x.cash_out, *r.principal_plus_interest);
            list(std::string(to_string(change_of_control_payout::principal_plus_interest)));
        }
        if (converts) {
            x.valuation_cap = n.valuation_cap;
            x.form = n.cap_form;
            if (n.cap_basis && n.cap_form == safe_form::pre_money) x.capitalization = table.fully_diluted(*n.cap_basis).total();
            list(std::string(to_string(change_of_control_payout::conversion_at_cap)) + " (" +
                 std::string(to_string(n.cap_form)) + ")");
        }
        x.description = "note (" + listed + ")";
        x.seniority = note_rank;
        out.push_back(std::move(x));
    }
    // A converting discount-only SAFE's shares count in every post-money L: each instrument whose
    // cap divides L gets a second line for the value they add to its conversion.
    const bool any_discount =
        std::any_of(out.begin(), out.end(), [](const outstanding_instrument& x) { return x.conversion_value.has_value(); });
    for (outstanding_instrument& x : out) {
        if (any_discount && (x.valuation_cap || x.fixed_percentage) && x.form == safe_form::post_money) {
            x.value_line = detail::outstanding_line_name(x.name + " (discount SAFEs' value)", "", used);
        }
    }
    return out;
}

inline outstanding_waterfall outstanding_waterfall::build(const cap_table& table, const std::vector<safe>& safes,
                                                          const std::vector<convertible_note>& notes,
                                                          const outstanding_instrument_terms& terms,
                                                          const waterfall_terms& base) {
    outstanding_waterfall w;
    w.instruments_ = outstanding_instruments(table, safes, notes, base.exit_date, terms);
    w.share_rounding_ = terms.share_rounding;
    w.amount_rounding_ = terms.amount_rounding;
    w.base_ = terms.base_capitalization ? *terms.base_capitalization
                                        : table.fully_diluted(fully_diluted_basis::issued_and_granted()).total();
    if (w.base_.value() <= 0) {
        throw validation_error("SAFEs and notes at the exit",
                               {{field_path("base_capitalization"), std::to_string(w.base_.value()),
                                 "must be positive (issued shares as converted plus granted options)"}});
    }
    const std::vector<outstanding_instrument>& list = w.instruments_;
    const std::size_t n = list.size();
    // The table's lines, terms and positions, built once for the n^2 / 2 waterfalls below (each
    // differs from the others only in its convertibles); if that fails, each build fails as
    // waterfall::build does.
    std::optional<waterfall> table_part;
    {
        waterfall_result part = waterfall::try_build_from(table, base, nullptr, true);
        if (part.ok()) table_part = std::move(part.value);
    }
    // The waterfall with the members of @p in converting; a probe (lines, breakpoints, no
    // holders) unless @p holders: a candidate's waterfall is read only for its lines and
    // breakpoints, a stage's is kept.
    const auto build_with = [&](const std::vector<bool>& in, bool holders) {
        auto lines = detail::outstanding_lines(list, w.base_, in, terms.share_rounding, terms.amount_rounding);
        waterfall_terms t = base;
        t.convertibles.insert(t.convertibles.end(), lines.second.begin(), lines.second.end());
        if (!table_part) return std::make_pair(std::move(lines), waterfall::build(table, t));
        waterfall_result r = waterfall::try_build_from(table, t, &*table_part, false, holders);
        if (!r.ok()) return std::make_pair(std::move(lines), waterfall::build(table, t));  // its error, as before
        return std::make_pair(std::move(lines), std::move(*r.value));
    };
    // The exit value where instrument j starts converting in waterfall @p with (none: never).
    const auto conversion_start = [&](const waterfall& with, std::size_t j) -> std::optional<fraction> {
        for (const waterfall_breakpoint& b : with.breakpoints()) {
            for (const waterfall_event& e : b.events) {
                if (e.kind == waterfall_event_kind::converts && with.lines()[e.line].name == list[j].name) return b.exit_value;
            }
        }
        return std::nullopt;
    };
    // True if a discount-only SAFE is in @p set: then the common's value must stay positive.
    const auto has_discount = [&](const std::vector<bool>& set) {
        for (std::size_t i = 0; i < n; ++i) {
            if (set[i] && list[i].conversion_value) return true;
        }
        return false;
    };
    std::vector<bool> in(n, false);
    fraction from;
    std::optional<std::size_t> joiner;  // the instrument whose joining started this stage
    for (;;) {
        auto stage = build_with(in, true);
        std::optional<std::size_t> next;
        fraction at;
        for (std::size_t j = 0; j < n; ++j) {
            if (in[j] || !list[j].can_convert()) continue;
            std::vector<bool> with = in;
            with[j] = true;
            const auto joined = build_with(with, false);
            std::optional<fraction> t = conversion_start(joined.second, j);
            if (has_discount(with)) {
                // A discount-only SAFE's conversion is priced only at a positive value of a share:
                // with it converting, nothing joins below the exit value where every preference
                // is paid. There a discount-only SAFE (no shares: it takes its value) or a capped
                // one whose value line covers its cash-out (cash-out 0) converts at once.
                const fraction paid = detail::outstanding_preferences_total(joined.second);
                const exit_convertible& mine = joined.first.second[j];
                if (!t && (list[j].conversion_value || (mine.cash_out.is_zero() && mine.conversion_shares.value() > 0))) t = paid;
                if (t && *t < paid) t = paid;
            }
            if (!t) continue;
            if (*t < from) t = from;
            if (!next || *t < at) {
                next = j;
                at = *t;
            }
        }
        if (!(next && at == from)) {  // a stage of no width is skipped (two joining at one exit value)
            std::optional<fraction> to;
            if (next) to = at;
            outstanding_stage s{from, to, in, exact_rational(stage.first.first), std::move(stage.first.second),
                                std::move(stage.second)};
            // The last joiner changed no other line (nothing post-money was converting, no
            // discount-only SAFE's value moved): below its start it took its cash-out in this
            // waterfall too, so the stage before is this one and they are one stage. A
            // discount-only joiner's line pays its value, not its cash-out: never merged.
            bool same = !w.stages_.empty() && joiner && !list[*joiner].conversion_value;
            for (std::size_t i = 0; same && i < s.convertibles.size(); ++i) {
                if (i == *joiner) continue;
                const exit_convertible& before = w.stages_.back().convertibles[i];
                same = before.cash_out == s.convertibles[i].cash_out && before.conversion_shares == s.convertibles[i].conversion_shares;
            }
            if (same) {
                s.from = w.stages_.back().from;
                w.stages_.back() = std::move(s);
            } else {
                w.stages_.push_back(std::move(s));
            }
        }
        if (!next) break;
        in[*next] = true;
        joiner = next;
        from = at;
    }
    return w;
}

inline std::size_t outstanding_waterfall::stage_index(const fraction& x) const {
    std::size_t s = 0;
    while (s + 1 < stages_.size() && stages_[s + 1].from < x) ++s;
    return s;
}

inline std::vector<std::size_t> outstanding_waterfall::checked_stages(const std::vector<money>& exit_values,
                                                                     std::vector<std::size_t>& count) const {
    std::vector<diagnostic> problems;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        const std::vector<diagnostic> more = stages_.front().payouts.check_exit(exit_values[i], field_path("exit_values").index(i));
        problems.insert(problems.end(), more.begin(), more.end());
    }
    if (!problems.empty()) throw validation_error("waterfall exit values", std::move(problems));
    std::vector<std::size_t> stage(exit_values.size());
    count.assign(stages_.size(), 0);
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        stage[i] = stage_index(fraction(exit_values[i].units()));
        ++count[stage[i]];
    }
    return stage;
}

inline std::vector<waterfall_payout> outstanding_waterfall::at(const std::vector<money>& exit_values) const {
    // Each stage's payouts from its payout curve when it holds more of the exit values than it
    // has segments (waterfall::at_many), in the order given.
    std::vector<std::size_t> count;
    const std::vector<std::size_t> stage = checked_stages(exit_values, count);
    std::vector<std::optional<payout_curve>> curves(stages_.size());
    for (std::size_t s = 0; s < stages_.size(); ++s) curves[s] = stages_[s].payouts.curve_for(count[s]);
    std::vector<waterfall_payout> out;
    out.reserve(exit_values.size());
    curve_payout scratch;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        out.push_back(stages_[stage[i]].payouts.at_from(curves[stage[i]], scratch, exit_values[i]));
    }
    return out;
}

inline waterfall_payouts outstanding_waterfall::payouts_at(const std::vector<money>& exit_values) const {
    // at(exit_values), one exit at a time: each payout made compact before the next is computed.
    std::vector<std::size_t> count;
    const std::vector<std::size_t> stage = checked_stages(exit_values, count);
    const waterfall& first = stages_.front().payouts;
    waterfall_payouts out(first.holders().size(), first.currency());
    out.curves_.reserve(stages_.size());
    for (std::size_t s = 0; s < stages_.size(); ++s) out.curves_.push_back(stages_[s].payouts.curve_for(count[s]));
    out.lines_.reserve(exit_values.size());
    out.columns_.reserve(exit_values.size());
    curve_payout scratch;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        out.add(stage[i], stages_[stage[i]].payouts.at_from(out.curves_[stage[i]], scratch, exit_values[i]));
    }
    return out;
}

inline std::vector<waterfall_breakpoint> outstanding_waterfall::breakpoints() const {
    std::vector<waterfall_breakpoint> out;
    for (const outstanding_stage& st : stages_) {
        for (const waterfall_breakpoint& b : st.payouts.breakpoints()) {
            if (b.exit_value < st.from || (st.to && !(b.exit_value < *st.to))) continue;
            out.push_back(b);
        }
    }
    return out;
}

inline std::vector<outstanding_remainder> outstanding_waterfall::remainders(money exit_value) const {
    const bool pre_money = std::any_of(instruments_.begin(), instruments_.end(), [](const outstanding_instrument& x) {
        return x.kind == outstanding_kind::safe && x.form == safe_form::pre_money;
    });
    if (!pre_money) {
        // None can be short: no payout to compute (the exit value checked as at() checks it).
        const waterfall& wf = stages_.front().payouts;
        if (std::vector<diagnostic> problems = wf.check_exit(exit_value, field_path("exit_value")); !problems.empty()) {
            throw validation_error("liquidation waterfall exit value", std::move(problems));
        }
        return {};
    }
    return remainders(exit_value, waterfall_at(exit_value).at(exit_value));
}

inline std::vector<outstanding_remainder> outstanding_waterfall::remainders(money exit_value, const waterfall_payout& paid) const {
    const waterfall& wf = waterfall_at(exit_value);
    if (paid.exit_value != exit_value || paid.by_line.size() != wf.lines().size() || paid.status.size() != wf.lines().size()) {
        throw invalid_argument_error("outstanding_waterfall::remainders: the payouts given are at " + format_full(paid.exit_value) +
                                     " with " + std::to_string(paid.by_line.size()) + " line payouts and " +
                                     std::to_string(paid.status.size()) + " statuses; they must be at " +
                                     format_full(exit_value) + " with one of each per line (" +
                                     std::to_string(wf.lines().size()) + ")");
    }
    std::vector<outstanding_remainder> out;
    for (std::size_t i = 0; i < instruments_.size(); ++i) {
        const outstanding_instrument& x = instruments_[i];
        if (x.kind != outstanding_kind::safe || x.form != safe_form::pre_money) continue;
        std::optional<std::size_t> line;
        for (std::size_t k = 0; k < wf.lines().size(); ++k) {
            if (wf.lines()[k].name == x.name) line = k;
        }
        if (!line || paid.status[*line] == line_status::converted || !(paid.by_line[*line] < x.cash_out)) continue;
        outstanding_remainder r;
        r.instrument = i;
        r.unpaid = x.cash_out - paid.by_line[*line];
        r.value = money::zero(x.cash_out.currency());
        if (x.valuation_cap) {
            // The pre-money Liquidity Price: cap / B (L = B, SAFEs and notes excluded).
            const detail::big_rational exact = detail::safe_events_div(
                detail::big_rational(fraction(r.unpaid.units())) * detail::big_rational(fraction(base_.value())),
                detail::big_rational(fraction(x.valuation_cap->units())));
            r.exact_shares = exact_rational(exact);
            const std::string shares_name = x.source + " remainder shares";
            const std::string value_name = x.source + " remainder value";
            r.shares = share_count(
                detail::narrow(detail::from_big(exact.scaled_rounded(1, share_rounding_), shares_name), shares_name.c_str()));
            const detail::big_rational value =
                detail::big_rational(fraction(r.shares.value())) * detail::big_rational(paid.value_per_share);
            r.value = money::from_units(
                detail::narrow(detail::from_big(value.scaled_rounded(1, amount_rounding_), value_name), value_name.c_str()),
                x.cash_out.currency());
        }
        out.push_back(std::move(r));
    }
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_EXIT_OUTSTANDING_INSTRUMENTS_HPP
