/// @file exit/waterfall.hpp
/// @brief The liquidation waterfall: who receives what of an exit, by share class and by holder,
/// with seniority tiers, pari passu sharing, participation (full or capped), accrued dividends,
/// options and warrants, outstanding SAFEs and notes, and joint conversion decisions; the payout
/// as an exact piecewise-linear function of the exit value, with its breakpoints.
///
/// The method (docs/decisions.md, "Liquidation waterfall"): once every preference is paid, what
/// each claim receives is a non-decreasing piecewise-linear function of one number, the value v
/// of a common share: common s v, options n max(0, r v - K), a non-participating class
/// max(preference, s v), a capped class max(preference + min(s v, cap - preference), s v), a
/// fully participating class preference + s v. The exit value is their sum D(v), strictly
/// increasing where anything participates; v solves D(v) = exit. Taking each class's better
/// choice at that v is a consistent joint outcome: no class gains by switching, given what every
/// other class does. The kinks of D are exact fractions, so the breakpoints in the exit value
/// are exact, and each segment is an exact line.
#ifndef FUNDROUND_EXIT_WATERFALL_HPP
#define FUNDROUND_EXIT_WATERFALL_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/installments.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How exercised options and warrants pay their exercise price (a named choice; the net value
/// to every holder is the same either way, see waterfall_payout).
enum class option_exercise {
    net,      ///< Cashless: the exercise price is netted; the holder receives (value - price) per share.
    paid_in,  ///< Paid in: the holder pays the price and receives the full value per share.
};

namespace detail {
/// option_exercise's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view option_exercise_names[] = {"net", "paid_in"};
/// payout_rounding's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view payout_rounding_names[] = {"largest_remainder", "exact"};
}  // namespace detail

/// The choice's name as written in code, e.g. "paid_in" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(option_exercise e) noexcept {
    return detail::enum_name(e, detail::option_exercise_names);
}

/// How exact payouts become whole money units (mills) that still add up to the exit value.
enum class payout_rounding {
    /// Each payout rounded down, then the mills left over one each to the largest remainders
    /// (ties to the earlier line or holder): the largest remainder method of
    /// numeric/allocation.hpp.
    largest_remainder,
    /// No rounding: throws inexact_error if a payout is not a whole number of mills.
    exact,
};

/// The mode's name as written in code, e.g. "largest_remainder" ("unknown" outside the
/// enumeration).
[[nodiscard]] constexpr std::string_view to_string(payout_rounding r) noexcept {
    return detail::enum_name(r, detail::payout_rounding_names);
}

/// A SAFE or convertible note still outstanding at the exit: it receives the greater of its
/// cash-out amount (paid as a non-participating preference at its seniority) and what its
/// conversion shares receive as common.
///
/// From a post-money SAFE: cash_out = the purchase amount, conversion_shares = purchase amount /
/// liquidity price (cap / liquidity capitalization). From a note: cash_out = principal + accrued
/// interest (or the change-of-control multiple), conversion_shares = that amount / the cap price.
struct exit_convertible {
    std::string name;             ///< Its line in the waterfall ("Angel SAFE").
    holder_id holder;             ///< Who holds it (a holder on the cap table).
    money cash_out;               ///< What it takes if it does not convert (not negative).
    share_count conversion_shares;  ///< Common shares it receives if it converts (not negative).
    int seniority = 0;            ///< Its rank among the preferences: higher is paid first.
};

/// The choices a waterfall is computed with, each named.
struct waterfall_terms {
    /// The day of the exit: cumulative dividends accrue to it. Required if a class with issued
    /// shares has cumulative dividends.
    std::optional<calendar_date> exit_date;
    option_exercise exercise = option_exercise::net;  ///< Exercise price netted or paid in.
    /// Rounding of accrued dividends to the mill (each compounding step, and the simple total).
    rounding dividend_rounding = rounding::half_even;
    /// Rounding of exercise prices paid in (shares x price) to the mill, for
    /// option_exercise::paid_in.
    rounding exercise_rounding = rounding::half_even;
    payout_rounding payouts = payout_rounding::largest_remainder;  ///< Exact payouts to whole mills.
    std::vector<exit_convertible> convertibles;  ///< SAFEs and notes outstanding at the exit.

    /// Every problem with these terms that needs no cap table: an invalid exit date, a choice
    /// (exercise, payouts, either rounding) outside its enumeration, a convertible without a
    /// name, with a negative amount, share count or seniority.
    [[nodiscard]] std::vector<diagnostic> validate() const;
};

/// What a line of the waterfall is.
enum class waterfall_line_kind {
    common,       ///< A common class.
    preferred,    ///< A preferred series.
    options,      ///< The options granted from one pool.
    warrants,     ///< The warrants for one class.
    convertible,  ///< A SAFE or note outstanding at the exit.
};

/// The kind's name as written in code, e.g. "preferred".
[[nodiscard]] constexpr std::string_view to_string(waterfall_line_kind k) noexcept {
    switch (k) {
        case waterfall_line_kind::common: return "common";
        case waterfall_line_kind::preferred: return "preferred";
        case waterfall_line_kind::options: return "options";
        case waterfall_line_kind::warrants: return "warrants";
        case waterfall_line_kind::convertible: return "convertible";
    }
    return "unknown";
}

/// One line of the waterfall (a class, a pool's options, a class's warrants or a convertible)
/// and the exact amounts its payout is made of, in money units (mills).
struct waterfall_line {
    std::string name;  ///< The class, "Options: <pool>", "Warrants: <class>", or the convertible's name.
    waterfall_line_kind kind = waterfall_line_kind::common;  ///< What the line is.
    participation_kind participation = participation_kind::non_participating;  ///< Preferred and convertibles.
    int seniority = 0;      ///< Rank of its preference (preferred and convertibles).
    fraction preference;    ///< multiple x issue price x shares + accrued dividends (or the cash-out), units.
    fraction cap;           ///< For capped participation: cap multiple x issue price x shares + dividends, units.
    money accrued_dividends;  ///< Cumulative dividends accrued to the exit date (in the preference).
    fraction shares;        ///< Common-equivalent shares it holds or would hold (exercised, converted).

    /// True if the line has a preference (preferred and convertibles).
    [[nodiscard]] bool has_preference() const noexcept {
        return kind == waterfall_line_kind::preferred || kind == waterfall_line_kind::convertible;
    }
};

/// What a line is doing on a stretch of exit values (or at one exit value).
enum class line_status {
    nothing,           ///< Receives nothing: a junior preference or common before the preferences are paid, options out of the money, a class with no shares issued.
    partly_paid,       ///< Its preference tier is being paid, pro rata to the preference amounts.
    preference,        ///< Takes its preference in full and does not convert (non-participating).
    participating,     ///< Participates as common: common stock, or a participating class below any cap.
    capped,            ///< A capped participating class at its cap, not converted.
    converted,         ///< Converted to common: gives up its preference and shares as common.
    exercised,         ///< Every option or warrant of the line is exercised.
    partly_exercised,  ///< Some of the line's options or warrants are exercised.
};

/// The status's name as written in code, e.g. "converted".
[[nodiscard]] constexpr std::string_view to_string(line_status s) noexcept {
    switch (s) {
        case line_status::nothing: return "nothing";
        case line_status::partly_paid: return "partly_paid";
        case line_status::preference: return "preference";
        case line_status::participating: return "participating";
        case line_status::capped: return "capped";
        case line_status::converted: return "converted";
        case line_status::exercised: return "exercised";
        case line_status::partly_exercised: return "partly_exercised";
    }
    return "unknown";
}

/// What happens at a breakpoint.
enum class waterfall_event_kind {
    tier_paid,         ///< A seniority tier's preferences are paid in full; the next tier starts.
    preferences_paid,  ///< Every preference is paid; what is left is shared as common.
    converts,          ///< A class (or convertible) starts converting to common.
    reaches_cap,       ///< A capped participating class reaches its cap.
    exercises,         ///< Options or warrants with one exercise price come into the money.
};

/// The kind's name as written in code, e.g. "converts".
[[nodiscard]] constexpr std::string_view to_string(waterfall_event_kind k) noexcept {
    switch (k) {
        case waterfall_event_kind::tier_paid: return "tier_paid";
        case waterfall_event_kind::preferences_paid: return "preferences_paid";
        case waterfall_event_kind::converts: return "converts";
        case waterfall_event_kind::reaches_cap: return "reaches_cap";
        case waterfall_event_kind::exercises: return "exercises";
    }
    return "unknown";
}

/// One thing that starts at a breakpoint ("above $X, Series B converts").
struct waterfall_event {
    waterfall_event_kind kind = waterfall_event_kind::converts;  ///< What happens.
    std::size_t line = 0;     ///< The line it concerns (the tier's first line for tier events).
    int seniority = 0;        ///< The tier's rank, for tier events.
    std::string description;  ///< For people: "Series B converts to common".
};

/// An exit value where the payout function bends, exactly, and what starts there.
struct waterfall_breakpoint {
    fraction exit_value;                 ///< In money units (mills); an exact fraction.
    fraction value_per_share;            ///< The value of a common share there, units per share.
    std::vector<waterfall_event> events;  ///< What starts above this exit value.
};

/// A payout that is linear in the exit value x (units): intercept + slope x, exactly.
struct linear_payout {
    fraction intercept;  ///< The payout at x = 0 of the line extended, units.
    fraction slope;      ///< Units of payout per unit of exit value.

    /// The exact payout at exit value @p x (units).
    [[nodiscard]] fraction at(const fraction& x) const { return intercept + slope * x; }
    /// True if both terms are equal.
    [[nodiscard]] friend bool operator==(const linear_payout& a, const linear_payout& b) {
        return a.intercept == b.intercept && a.slope == b.slope;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const linear_payout& a, const linear_payout& b) { return !(a == b); }
};

/// One piece of the payout function: exit values from `from` to `to` (units; `to` empty for
/// the last, unbounded piece), and on it every line's and holder's exact payout.
struct waterfall_segment {
    fraction from;                         ///< First exit value of the piece (units).
    std::optional<fraction> to;            ///< Last exit value of the piece; empty: no end.
    linear_payout value_per_share;         ///< The value of a common share (units per share).
    std::vector<linear_payout> lines;      ///< Per line, in waterfall::lines() order.
    std::vector<linear_payout> holders;    ///< Per holder, in cap_table::holders() order.
    std::vector<line_status> status;       ///< Per line, what it does inside the piece.
};

/// The waterfall at one exit value: every line's and holder's payout in whole mills, adding up
/// exactly to the exit value, with the exact value of a common share and what each line does.
///
/// Under option_exercise::paid_in, holders also pay their exercise prices in (exercise_paid) and
/// receive them back in their gross payout: gross = payout + exercise_paid. The payout (net) of
/// every holder is the same under both choices.
struct waterfall_payout {
    money exit_value;                       ///< The exit value distributed.
    fraction value_per_share;               ///< The exact value of a common share, units per share.
    std::vector<money> by_line;             ///< Net payout per line; sums to exit_value.
    std::vector<money> by_holder;           ///< Net payout per holder (cap_table::holders() order); sums to exit_value.
    std::vector<money> exercise_paid_by_line;    ///< Exercise prices paid in per line (0 under net exercise).
    std::vector<money> exercise_paid_by_holder;  ///< Exercise prices paid in per holder (0 under net exercise).
    std::vector<line_status> status;        ///< What each line does at this exit value.

    /// Holder @p i's gross payout: net payout + exercise price paid in.
    [[nodiscard]] money gross_for_holder(std::size_t i) const { return by_holder.at(i) + exercise_paid_by_holder.at(i); }
    /// Line @p i's gross payout: net payout + exercise price paid in.
    [[nodiscard]] money gross_for_line(std::size_t i) const { return by_line.at(i) + exercise_paid_by_line.at(i); }
};

class payout_curve;
class waterfall_payouts;

/// Storage the caller owns for payout_curve::at(exit, into) and payout_curve::lines_at(exit,
/// into): the payouts at one exit value in whole mills, written without allocating once it has
/// been used with the curve (its vectors keep their size or capacity). The statuses, the exact
/// value of a share and the exercise prices paid in stay on the curve, one copy per segment:
/// payout_curve::status(p), value_per_share(p), exercise_paid_by_line(p) and
/// exercise_paid_by_holder(p) read them for this exit.
struct curve_payout {
    money exit_value;                ///< The exit value distributed.
    std::size_t segment = 0;         ///< The segment holding it (payout_curve::segments(); the later one at a breakpoint).
    std::size_t state_segment = 0;   ///< The segment whose statuses and exercise prices apply (the earlier one at a breakpoint; see payout_curve::status() for exit 0).
    std::vector<money> by_line;      ///< Net payout per line; sums to exit_value (as waterfall_payout::by_line).
    std::vector<money> by_holder;    ///< Net payout per holder (cap_table::holders() order); sums to exit_value; empty after lines_at.

private:
    friend class payout_curve;
    std::vector<std::int64_t> parts_;        // scratch: whole units before the leftover
    std::vector<std::uint64_t> rem64_;       // scratch: remainders, 64-bit route
    std::vector<detail::uint128> rem128_;    // scratch: remainders, 128-bit route
    std::vector<std::size_t> order_;         // scratch: leftover order for many parts
};

namespace detail {

/// Adds to @p out what the exit date @p exit_date must satisfy on @p table (field `exit_date`):
/// given, when a preferred class with issued shares accrues cumulative dividends to the exit
/// (value empty), and not before such a class's dividend accrual start. The one statement of
/// the rule: waterfall::try_build() and the command-line tool (which names its option) use it.
inline void add_exit_date_problems(std::vector<diagnostic>& out, const cap_table& table,
                                   const std::optional<calendar_date>& exit_date) {
    for (const share_class& c : table.classes()) {
        const dividend_terms& d = c.terms().dividends;
        const bool cumulative = d.kind == dividend_kind::cumulative_simple || d.kind == dividend_kind::cumulative_compound;
        if (!c.is_preferred() || !cumulative || table.issued_shares(c.name()).value() == 0) continue;
        if (!exit_date) {
            out.push_back({field_path("exit_date"), "",
                           "is required: class " + quoted_text(c.name()) + " accrues cumulative dividends to the exit"});
        } else if (is_modelled(*exit_date) && d.accrual_start && *exit_date < *d.accrual_start) {
            out.push_back({field_path("exit_date"), to_string(*exit_date),
                           "is before class " + quoted_text(c.name()) + "'s dividend accrual start " +
                               to_string(*d.accrual_start)});
        }
    }
}


/// What a term of the waterfall is (a term is one claim: a class, a grant, a convertible).
enum class wf_term_kind : unsigned char { claim, common, strike };

/// One claim in the waterfall: a preference claim (preferred class or convertible), common
/// shares, or options or warrants with one exercise price.
struct wf_term {
    wf_term_kind kind = wf_term_kind::common;
    participation_kind participation = participation_kind::non_participating;
    std::uint32_t line = 0;
    int rank = 0;
    fraction pref;    // preference, units (claims)
    fraction cap;     // cap on the total, units (capped claims)
    fraction shares;  // common-equivalent shares (claims, common), or options x conversion ratio (strike)
    fraction strike;  // exercise price per common-equivalent share, units (strike)
    price_per_share price = price_per_share(money::from_units(1), share_count(1));  // the stated exercise price (strike), issue price (preferred class)
    share_count count;  // options or warrants (strike)
    std::uint32_t source = 0;  // its index in the cap table's grants or warrants (strike), classes, or the convertibles
};

/// A holder's part of a term: pref_share of its preference part, part_share of the rest.
struct wf_position {
    std::uint32_t holder = 0;
    std::uint32_t term = 0;
    fraction pref_share;
    fraction part_share;
};

/// A term's payout on a stretch of v: pref (constant) + part0 + part1 v.
struct wf_form {
    fraction pref;
    fraction part0;
    fraction part1;
    line_status status = line_status::nothing;
};

/// Where a term's form changes: at v = value, term's change of kind sub (0 exercised, 1 a
/// non-participating claim converts, 2 a capped claim reaches its cap, 3 it converts above it).
struct wf_kink {
    fraction value;
    std::uint32_t term = 0;
    std::uint32_t sub = 0;
};

/// One piece of the exit value's function of v on the phase after the preferences:
/// D(v) = a + b v for v from v_lo; x_lo = D(v_lo).
struct wf_piece {
    fraction v_lo;
    fraction x_lo;
    fraction a;
    fraction b;
};

/// Days from @p from to @p to (negative if @p to is earlier).
[[nodiscard]] inline std::int64_t wf_days(calendar_date from, calendar_date to) {
    return (to - from).count();
}

/// Cumulative dividends accrued from @p t's start to @p exit on @p base units (issue price x
/// shares): simple on actual/365 days, or compounded each period at rate x months / 12 with a
/// simple actual/365 stub; each step rounded to the mill by @p mode.
[[nodiscard]] inline std::int64_t wf_dividends(const dividend_terms& t, const fraction& base, calendar_date exit,
                                               rounding mode) {
    if (t.kind != dividend_kind::cumulative_simple && t.kind != dividend_kind::cumulative_compound) return 0;
    const calendar_date start = *t.accrual_start;
    if (t.kind == dividend_kind::cumulative_simple) {
        const fraction accrued = base * t.annual_rate * fraction(wf_days(start, exit), 365);
        return narrow(accrued.round_to_integer(mode), "accrued dividends");
    }
    const int months = months_per_period(t.compounding);
    const fraction per_period = t.annual_rate * fraction(months, 12);
    std::int64_t accrued = 0;
    calendar_date period_start = start;
    for (std::int64_t k = 1;; ++k) {
        const calendar_date next = add_months_checked(start, k * months, "dividend compounding");
        if (next > exit) break;
        accrued = checked_add(accrued, narrow(((base + fraction(accrued)) * per_period).round_to_integer(mode),
                                              "accrued dividends"));
        period_start = next;
    }
    const fraction stub = (base + fraction(accrued)) * t.annual_rate * fraction(wf_days(period_start, exit), 365);
    return checked_add(accrued, narrow(stub.round_to_integer(mode), "accrued dividends"));
}

/// Gives the @p leftover units of an allocation one each to the parts with the largest
/// remainders (ties to the earlier part); @p greater(i, j) says remainder i > remainder j.
template <class Greater>
void wf_distribute_leftover(std::vector<std::int64_t>& parts, std::int64_t leftover, Greater greater) {
    if (leftover < 0) throw error("waterfall: rounded payouts exceed the exit value (internal)");
    if (leftover == 0) return;
    if (parts.size() <= 64) {
        // Few parts: pick the largest remaining remainder each time (no allocation).
        if (static_cast<std::uint64_t>(leftover) > parts.size()) {
            throw error("waterfall: payouts fall short of the exit value (internal)");
        }
        std::uint64_t taken = 0;
        for (std::int64_t k = 0; k < leftover; ++k) {
            std::size_t best = parts.size();
            for (std::size_t i = 0; i < parts.size(); ++i) {
                if ((taken >> i & 1U) != 0) continue;
                if (best == parts.size() || greater(i, best)) best = i;
            }
            taken |= std::uint64_t{1} << best;
            parts[best] += 1;
        }
        return;
    }
    std::vector<std::size_t> order(parts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto n = static_cast<std::size_t>(leftover);
    if (n > order.size()) throw error("waterfall: payouts fall short of the exit value (internal)");
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n), order.end(),
                      [&](std::size_t a, std::size_t b) {
                          if (greater(a, b)) return true;
                          if (greater(b, a)) return false;
                          return a < b;
                      });
    for (std::size_t k = 0; k < n; ++k) parts[order[k]] += 1;
}

/// Rounds exact payouts @p exact (non-negative, summing to @p total units) to whole units by
/// @p mode so that they sum to @p total.
[[nodiscard]] inline std::vector<std::int64_t> wf_round(const std::vector<fraction>& exact, std::int64_t total,
                                                        payout_rounding mode) {
    std::vector<std::int64_t> parts(exact.size());
    // Remainders as (r, d) with 0 <= r < d: compared exactly without building fractions.
    std::vector<std::pair<uint128, uint128>> rem(exact.size());
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < exact.size(); ++i) {
        const fraction& e = exact[i];
        if (e.sign() < 0) throw error("waterfall: negative payout (internal)");
        const auto n = static_cast<uint128>(e.numerator());
        const auto d = static_cast<uint128>(e.denominator());
        const uint128 q = n / d;
        if (q > static_cast<uint128>(int64_max)) throw overflow_error("waterfall: a payout does not fit 64-bit money");
        parts[i] = static_cast<std::int64_t>(q);
        rem[i] = {n % d, d};
        if (mode == payout_rounding::exact && rem[i].first != 0) {
            throw inexact_error("waterfall: payout " + std::to_string(i) + " = " + e.to_string() +
                                " units: not a whole number of mills (payout_rounding::exact)");
        }
        assigned = checked_add(assigned, parts[i]);
    }
    wf_distribute_leftover(parts, checked_sub(total, assigned), [&](std::size_t a, std::size_t b) {
        return compare_ratios(rem[a].first, rem[a].second, rem[b].first, rem[b].second) > 0;
    });
    return parts;
}

/// @p acc += @p x, skipping the arithmetic when either is zero (most terms are, in a waterfall).
inline void wf_add(fraction& acc, const fraction& x) {
    if (x.is_zero()) return;
    if (acc.is_zero()) {
        acc = x;
    } else {
        acc += x;
    }
}

/// @p share x @p x, skipping the arithmetic for a share of 1 or a zero amount.
[[nodiscard]] inline fraction wf_times(const fraction& share, const fraction& x) {
    if (x.is_zero() || share.is_zero()) return fraction();
    if (share.numerator() == 1 && share.denominator() == 1) return x;
    return share * x;
}

/// The least common multiple of @p a and @p b, or 0 if it does not fit below 2^126.
[[nodiscard]] inline uint128 wf_lcm(uint128 a, uint128 b) {
    const uint128 g = gcd(a, b);
    uint128 r = 0;
    if (mul_overflow(a / g, b, r) || r > (uint128(1) << 126)) return 0;
    return r;
}

/// r = a + b x on 64 bits; false (r unspecified) if it overflows.
[[nodiscard]] inline bool wf_mul_add(std::int64_t a, std::int64_t b, std::int64_t x, std::int64_t& r) {
#if FUNDROUND_HAS_OVERFLOW_BUILTINS
    std::int64_t bx = 0;
    return !__builtin_mul_overflow(b, x, &bx) && !__builtin_add_overflow(a, bx, &r);
#else
    const int128 w = int128(b) * int128(x) + int128(a);  // |b x| < 2^126: cannot overflow
    if (w > int128(int64_max) || w < int128(int64_min)) return false;
    r = static_cast<std::int64_t>(w);
    return true;
#endif
}

/// Adds one unit to each of the @p leftover parts of @p parts[0, count) with the largest
/// remainders @p rem (ties to the earlier part), as wf_distribute_leftover, without allocating
/// once @p order (scratch) has grown: a partial sort of the parts' indices. Needs
/// 0 <= leftover < count (or leftover == 0): the remainders sum to leftover whole units.
template <class Rem>
void wf_give_leftover(std::int64_t* parts, const Rem* rem, std::size_t count, std::int64_t leftover,
                      std::vector<std::size_t>& order) {
    if (leftover == 0) return;
    if (leftover < 0) throw error("waterfall: rounded payouts exceed the exit value (internal)");
    const auto l = static_cast<std::size_t>(leftover);
    if (l >= count) throw error("waterfall: payouts fall short of the exit value (internal)");
    order.resize(count);
    for (std::size_t i = 0; i < count; ++i) order[i] = i;
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(l), order.end(),
                      [&](std::size_t a, std::size_t b) { return rem[a] > rem[b] || (rem[a] == rem[b] && a < b); });
    for (std::size_t k = 0; k < l; ++k) parts[order[k]] += 1;
}

/// A divisor 2 <= d < 2^64 prepared for dividing many numerators below 2^63 by a multiply and a
/// shift: floor(n / d) = floor(n m / 2^(64 + shift)) with m = ceil(2^(63 + l) / d), l =
/// ceil(log2 d), shift = l - 1 (Granlund and Montgomery, "Division by invariant integers using
/// multiplication", 1994, theorem 4.2 with N = 63: 2^(63 + l) <= m d <= 2^(63 + l) + 2^l; m < 2^64
/// since d > 2^(l - 1)). Exact for every 0 <= n < 2^63.
struct wf_divisor {
    std::uint64_t d = 2;
    std::uint64_t magic = 0;
    unsigned shift = 0;
};

/// @p d (2 <= d < 2^64) prepared for wf_divide.
[[nodiscard]] inline wf_divisor wf_divisor_of(std::uint64_t d) {
    if (d < 2) throw invalid_argument_error("wf_divisor_of: divisor " + std::to_string(d) + " must be at least 2");
    unsigned l = 0;
    while (l < 64 && (std::uint64_t{1} << l) < d) ++l;  // l = ceil(log2 d), 1..64
    const uint128 power = uint128(1) << (63 + l);
    const uint128 m = (power + uint128(d) - 1U) / uint128(d);
    wf_divisor r;
    r.d = d;
    r.magic = static_cast<std::uint64_t>(m);  // < 2^64 (see wf_divisor)
    r.shift = l - 1;
    return r;
}

/// floor(@p n / v.d) for 0 <= n < 2^63 (v from wf_divisor_of): a 64 x 64 -> 128-bit multiply
/// and shifts, no division.
[[nodiscard]] inline std::uint64_t wf_divide(std::uint64_t n, const wf_divisor& v) {
    const auto high = static_cast<std::uint64_t>((uint128(n) * uint128(v.magic)) >> 64);
    return high >> v.shift;
}

/// wf_give_leftover for at most 63 parts whose remainders are below 2^57: each remainder and
/// its part's index packed in one key (remainder << 6 | 63 - index: distinct, larger for a larger
/// remainder, then for an earlier part), then the @p leftover largest keys picked by passes of
/// a branch-free maximum (or the others by passes of minimum, whichever is fewer).
inline void wf_give_leftover_packed(std::int64_t* parts, const std::uint64_t* rem, std::size_t count, std::int64_t leftover) {
    if (leftover < 0) throw error("waterfall: rounded payouts exceed the exit value (internal)");
    const auto l = static_cast<std::uint64_t>(leftover);
    if (l == 0) return;
    if (l >= count) throw error("waterfall: payouts fall short of the exit value (internal)");
    std::uint64_t key[64];
    for (std::size_t i = 0; i < count; ++i) key[i] = rem[i] << 6 | (63U - i);
    if (2 * l <= count) {
        for (std::uint64_t k = 0; k < l; ++k) {  // the largest key, l times (a taken key becomes 0)
            std::size_t best = 0;
            std::uint64_t top = key[0];
            for (std::size_t i = 1; i < count; ++i) {
                const bool more = key[i] > top;
                best = more ? i : best;
                top = more ? key[i] : top;
            }
            key[best] = 0;
            parts[best] += 1;
        }
        return;
    }
    for (std::uint64_t k = l; k < count; ++k) {  // the smallest key, count - l times: these get nothing
        std::size_t worst = 0;
        std::uint64_t low = key[0];
        for (std::size_t i = 1; i < count; ++i) {
            const bool less = key[i] < low;
            worst = less ? i : worst;
            low = less ? key[i] : low;
        }
        key[worst] = ~std::uint64_t{0};
    }
    for (std::size_t i = 0; i < count; ++i) parts[i] += static_cast<std::int64_t>(key[i] != ~std::uint64_t{0});
}

/// The payouts of N entries (N <= 8) with numerators @p ab (intercept, slope, entry after
/// entry) over the denominator @p by.d < 2^57 at exit @p x, in whole units by the largest
/// remainder method (ties to the earlier entry), written to @p into in currency @p cur; false
/// (nothing written) if a numerator overflows 64 bits or is negative, or under @p exact if a
/// payout is not whole. Each numerator is divided by a multiply with the reciprocal; each entry's
/// rank among the remainders is counted on keys remainder << 6 | 63 - index (distinct, larger for
/// a larger remainder, then for an earlier entry): no branch on the data. N a constant, the
/// loops unroll and the keys stay in registers.
template <std::size_t N>
[[nodiscard]] bool wf_fill64(const std::int64_t* ab, const wf_divisor& by, std::int64_t x, bool exact,
                             fundround::currency cur, money* into) {
    std::int64_t part[N];
    std::uint64_t key[N];
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < N; ++i) {
        std::int64_t n = 0;
        if (!wf_mul_add(ab[2 * i], ab[2 * i + 1], x, n) || n < 0) return false;
        const auto un = static_cast<std::uint64_t>(n);
        const std::uint64_t q = wf_divide(un, by);  // un / d: n >= 0, so un < 2^63
        key[i] = (un - q * by.d) << 6 | (63U - i);
        part[i] = static_cast<std::int64_t>(q);
        assigned = checked_add(assigned, part[i]);
    }
    const std::int64_t leftover = checked_sub(x, assigned);
    if (exact && leftover != 0) return false;  // the caller throws
    if (leftover < 0 || (leftover != 0 && static_cast<std::uint64_t>(leftover) >= N)) {
        throw error("waterfall: rounded payouts do not add up to the exit value (internal)");
    }
    const auto l = static_cast<std::uint64_t>(leftover);
    for (std::size_t i = 0; i < N; ++i) {
        std::uint64_t ahead = 0;
        for (std::size_t j = 0; j < N; ++j) ahead += static_cast<std::uint64_t>(key[j] > key[i]);
        into[i] = money::from_units(part[i] + static_cast<std::int64_t>(ahead < l), cur);
    }
    return true;
}

/// Throws the validation_error of a bad exit value for a payout curve in @p cur (another
/// currency, negative): out of line, off the evaluation path.
[[noreturn]] FUNDROUND_COLD inline void wf_bad_curve_exit(money exit_value, fundround::currency cur) {
    std::vector<diagnostic> problems;
    if (exit_value.currency() != cur) {
        problems.push_back({field_path("exit_value"), format_full(exit_value), detail::table_currency_rule(cur)});
    }
    if (exit_value.is_negative()) problems.push_back({field_path("exit_value"), format_full(exit_value), "must not be negative"});
    throw validation_error("payout curve exit value", std::move(problems));
}

/// Throws the invalid_argument_error of a payout curve without segments: the source of a move
/// (a curve from waterfall::curve() always has one).
[[noreturn]] FUNDROUND_COLD inline void wf_empty_curve() {
    throw invalid_argument_error("payout_curve: the curve has no segments (it was moved from); "
                                 "build one with waterfall::curve()");
}

/// Where the price with the largest denominator among a waterfall's terms is stated, and the
/// price: the usual cause of exact amounts that overflow (a price is money over a share count of
/// up to 2^63). No price: none has a denominator above 1 (nothing built, nothing to name).
struct wf_price_ref {
    wf_term_kind kind = wf_term_kind::common;
    std::uint32_t line = 0;
    std::uint32_t source = 0;
    std::optional<price_per_share> price;
};

/// The price with the largest denominator among @p terms (the first of equals): a grant's or
/// warrant's exercise price, or a preferred class's issue price.
[[nodiscard]] inline wf_price_ref wf_largest_denominator(const std::vector<wf_term>& terms,
                                                         const std::vector<waterfall_line>& lines) {
    const wf_term* worst = nullptr;
    for (const wf_term& t : terms) {
        const bool priced =
            t.kind == wf_term_kind::strike || (t.kind == wf_term_kind::claim && lines[t.line].kind == waterfall_line_kind::preferred);
        if (!priced || t.price.units_per_share().denominator() == 1) continue;
        if (!worst || worst->price.units_per_share().denominator() < t.price.units_per_share().denominator()) worst = &t;
    }
    wf_price_ref r;
    if (worst) {
        r.kind = worst->kind;
        r.line = worst->line;
        r.source = worst->source;
        r.price.emplace(worst->price);
    }
    return r;
}

/// The text of exit value @p x units in @p cur for a message: the amount when it is a whole
/// number of units, else the exact units (mills) and the amount nearest to it.
[[nodiscard]] FUNDROUND_COLD inline std::string wf_exit_text(const fraction& x, fundround::currency cur) {
    const fraction::rep near = x.round_to_integer(rounding::half_even);
    const bool fits = near >= 0 && near <= static_cast<fraction::rep>(int64_max);
    const std::string amount = fits ? format_full(money::from_units(static_cast<std::int64_t>(near), cur)) : std::string();
    if (x.is_integer() && fits) return amount;
    return x.to_string() + " mills" + (fits ? " (about " + amount + ")" : std::string());
}

/// Throws the overflow_error of exact amounts that do not fit 128-bit fractions:
/// "@p what: @p field = @p value: @p overflowing overflow the exact range (fractions below
/// 2^127); the price with the largest denominator: <its path> = <price> (<mills> mills a share)",
/// the price @p worst (a class's path named with its line in @p lines).
[[noreturn]] FUNDROUND_COLD inline void wf_exact_overflow(const char* what, const field_path& field, const std::string& value,
                                                          const char* overflowing, const wf_price_ref& worst,
                                                          const std::vector<waterfall_line>& lines) {
    std::string rule = std::string(overflowing) + " overflow the exact range (fractions below 2^127)";
    if (worst.price) {
        const field_path table("cap_table");
        field_path f;
        if (worst.kind != wf_term_kind::strike) {
            f = table.member("classes").index(worst.source, lines[worst.line].name).member("original_issue_price");
        } else {
            const bool options = lines[worst.line].kind == waterfall_line_kind::options;
            f = table.member(options ? "grants" : "warrants").index(worst.source).member("exercise_price");
        }
        rule += "; the price with the largest denominator: " + f.to_string() + " = " + worst.price->display_string() + " (" +
                worst.price->units_per_share().to_string() + " mills a share)";
    }
    throw overflow_error(std::string(what) + ": " + diagnostic{field, value, rule}.message());
}

/// The payouts @p exact at exit @p x units rounded by @p mode from exact fractions into @p into
/// (money in @p cur); false, nothing written, if one does not fit the 128-bit fraction (the
/// caller names the exit); throws inexact_error where exact rounding is refused. Out of line:
/// the fallback of the 64- and 128-bit routes, kept off the code of the evaluations.
FUNDROUND_NOINLINE inline bool wf_fill_exact(std::int64_t x, const std::vector<linear_payout>& exact, payout_rounding mode,
                                             fundround::currency cur, money* into) {
    const fraction fx(x);
    std::vector<fraction> values;
    values.reserve(exact.size());
    try {
        for (const linear_payout& l : exact) values.push_back(l.at(fx));
    } catch (const overflow_error&) {
        return false;
    }
    const std::vector<std::int64_t> parts = wf_round(values, x, mode);
    for (std::size_t i = 0; i < parts.size(); ++i) into[i] = money::from_units(parts[i], cur);
    return true;
}

}  // namespace detail

struct waterfall_result;

/// A liquidation waterfall over a cap table: its lines, its exact breakpoints, and the payouts
/// at any exit value. An immutable value; build one with waterfall::build().
///
///     const waterfall w = waterfall::build(table, terms);
///     const waterfall_payout p = w.at(50_M);            // O(log breakpoints + lines + holders)
///     const payout_curve c = w.curve();                  // every segment's exact lines
///
/// Preference amounts are class totals: multiple x original issue price x issued shares, plus
/// cumulative dividends accrued to the exit date (forgone on conversion). A capped class's cap
/// is cap multiple x issue price x shares plus the same dividends (the NVCA charter's "total per
/// share incl. the preference"). Within a class, the preference part is shared by issued shares,
/// the participation part by as-converted shares. Options and warrants exercise exactly when a
/// share is worth more than their exercise price; options and warrants on a preferred class
/// exercise and convert (they claim no preference), each into its shares times the conversion
/// ratio rounded down, as cap_table::fully_diluted() counts it. Ties do not convert or exercise.
class waterfall {
public:
    /// The waterfall of @p table with @p terms; throws validation_error listing every problem,
    /// or overflow_error if the input is valid but an exact amount overflows (cumulative
    /// dividends to a far exit date).
    [[nodiscard]] static waterfall build(const cap_table& table, const waterfall_terms& terms = {});
    /// The waterfall or every problem found; never throws for bad input.
    [[nodiscard]] static waterfall_result try_build(const cap_table& table, const waterfall_terms& terms = {});

    /// The lines: classes in table order, then options per pool, warrants per class, convertibles.
    [[nodiscard]] const std::vector<waterfall_line>& lines() const noexcept { return lines_; }
    /// The holders' ids, in cap_table::holders() order.
    [[nodiscard]] const std::vector<holder_id>& holders() const noexcept { return holder_ids_; }
    /// The holders' display names, in cap_table::holders() order.
    [[nodiscard]] const std::vector<std::string>& holder_names() const noexcept { return holder_names_; }
    /// The currency of every amount.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }
    /// The terms it was built with.
    [[nodiscard]] const waterfall_terms& terms() const noexcept { return terms_; }
    /// Every preference added up (units): above it, something is shared as common.
    [[nodiscard]] const fraction& total_preference() const noexcept { return total_pref_; }
    /// The exit values where the payout function bends, in increasing order, with what starts there
    /// (and where a class changes status without a bend: a 0x capped class converts at its cap).
    [[nodiscard]] const std::vector<waterfall_breakpoint>& breakpoints() const noexcept { return breakpoints_; }

    /// The exact value of a common share at exit value @p x units (0 until the preferences are
    /// paid).
    [[nodiscard]] fraction value_per_share(const fraction& x) const;
    /// Every line's exact payout at exit value @p x units (non-negative); they sum to @p x. Throws
    /// overflow_error naming the exit (and the price with the largest denominator) where they do
    /// not fit 128-bit fractions, as at().
    [[nodiscard]] std::vector<fraction> exact_line_payouts(const fraction& x) const;
    /// Every holder's exact payout at exit value @p x units; they sum to @p x (overflow_error as
    /// exact_line_payouts()).
    [[nodiscard]] std::vector<fraction> exact_holder_payouts(const fraction& x) const;
    /// Every line's status at exit value @p x units.
    [[nodiscard]] std::vector<line_status> status_at(const fraction& x) const;

    /// The waterfall at @p exit_value, directly (O(log breakpoints + lines + holders)), rounded
    /// by terms().payouts; throws validation_error for a negative exit or another currency, and
    /// overflow_error naming the exit (and the price with the largest denominator) where the
    /// exact payouts fit 128-bit fractions neither solved directly nor from the payout curve.
    [[nodiscard]] waterfall_payout at(money exit_value) const;
    /// The waterfall at each of @p exit_values, side by side, each exactly at(exit_value): from
    /// the payout curve, built once, when there are more exit values than segments (then
    /// O(segments x (lines + holders)) once and O(log segments + lines + holders) an exit in
    /// integer arithmetic), else directly; every bad value reported at once.
    [[nodiscard]] std::vector<waterfall_payout> at(const std::vector<money>& exit_values) const;
    /// The same payouts as at(exit_values), computed one exit at a time and kept compactly
    /// (waterfall_payouts): each exit's by-holder amounts in O(1) where the payout curve's integer
    /// routes give them, not O(holders); the same errors, in the same order.
    [[nodiscard]] waterfall_payouts payouts_at(const std::vector<money>& exit_values) const;

    /// The payout function's segments with every line's and holder's exact slope and intercept.
    /// O(breakpoints x (lines + holders)). Throws overflow_error if a slope or intercept does not
    /// fit the 128-bit fraction (possible only with very large coprime prices and conversion
    /// ratios), naming the breakpoint where that segment starts and the price with the largest
    /// denominator.
    [[nodiscard]] payout_curve curve() const;

    /// Every problem with @p exit_value (negative, another currency), fields under @p field.
    [[nodiscard]] std::vector<diagnostic> check_exit(money exit_value, const field_path& field) const;

private:
    friend class payout_curve;
    waterfall() = default;

    // Phase 1 (exit below the total preference): tiers by rank, highest first.
    struct tier {
        int rank = 0;
        fraction from;   // cumulative preference before the tier
        fraction total;  // the tier's preference
        fraction end;    // from + total
        std::vector<std::uint32_t> terms;
    };

    [[nodiscard]] std::vector<detail::wf_form> forms_at(const fraction& v_lo) const;
    [[nodiscard]] detail::wf_form form_of(const detail::wf_term& t, const fraction& v_lo) const;
    [[nodiscard]] line_status term_status(const detail::wf_term& t, const fraction& v_lo) const;
    [[nodiscard]] std::vector<line_status> statuses(const fraction& v_lo) const;
    [[nodiscard]] std::vector<line_status> tier_statuses(std::size_t tier_index) const;
    /// Term payouts (preference part, participation part) at exit value x.
    void term_payouts(const fraction& x, std::vector<fraction>& pref, std::vector<fraction>& part) const;
    [[nodiscard]] std::vector<fraction> lines_from_terms(const std::vector<fraction>& pref,
                                                         const std::vector<fraction>& part) const;
    [[nodiscard]] std::vector<fraction> holders_from_terms(const std::vector<fraction>& pref,
                                                           const std::vector<fraction>& part) const;
    [[nodiscard]] std::size_t piece_of(const fraction& x) const;
    /// Throws the overflow_error of exact payouts at exit value @p x units that do not fit the
    /// 128-bit fraction: the exit named, with the price of the largest denominator (the usual
    /// cause). Out of line, off the evaluation path.
    [[noreturn]] FUNDROUND_COLD void payouts_overflow(const fraction& x) const {
        detail::wf_exact_overflow("liquidation waterfall", field_path("exit_value"), detail::wf_exit_text(x, currency_),
                                  "the exact payouts at this exit", detail::wf_largest_denominator(terms_list_, lines_), lines_);
    }
    /// Throws the overflow_error of curve() where the exact slopes and intercepts of the segment
    /// from exit value @p from units do not fit: the segment named by its start (a breakpoint),
    /// with the price of the largest denominator.
    [[noreturn]] FUNDROUND_COLD void curve_overflow(const fraction& from) const {
        // The segment is named by its start: the waterfall's breakpoint there, or the exit value
        // alone (the first segment starts at 0, not a breakpoint).
        const auto it = std::lower_bound(breakpoints_.begin(), breakpoints_.end(), from,
                                         [](const waterfall_breakpoint& b, const fraction& x) { return b.exit_value < x; });
        const bool breakpoint = it != breakpoints_.end() && it->exit_value == from;
        const auto index = static_cast<std::size_t>(it - breakpoints_.begin());
        const field_path field = breakpoint ? field_path("breakpoints").index(index).member("exit_value") : field_path("exit_value");
        detail::wf_exact_overflow("payout curve", field, detail::wf_exit_text(from, currency_),
                                  "the exact slopes and intercepts of the payouts from this exit value up",
                                  detail::wf_largest_denominator(terms_list_, lines_), lines_);
    }
    [[nodiscard]] waterfall_payout rounded(money exit_value, const fraction& v, std::vector<fraction> lines,
                                           std::vector<fraction> holders, std::vector<line_status> status) const;
    // The payouts at @p exit_values (checked by the caller), each equal to at(exit_value): from the
    // payout curve when there are more exit values than segments (the curve is built once, in
    // O(segments x (lines + holders)), then each exit costs O(log segments + lines + holders)
    // in integer arithmetic instead of a solve in fractions), else by at(). An exit value the
    // curve cannot give (curve() or its evaluation overflows the 128-bit fraction, or an exact
    // payout is not whole under payout_rounding::exact) is solved directly, which gives it or
    // throws at()'s error; one the direct solve cannot give, at() takes from the curve too: the
    // results and the errors are at()'s, in the same order, however many exits are asked.
    [[nodiscard]] std::vector<waterfall_payout> at_many(const std::vector<money>& exit_values) const;
    // The curve at_many() evaluates @p count exit values from: empty when there are not more of
    // them than segments, or where curve() overflows.
    [[nodiscard]] std::optional<payout_curve> curve_for(std::size_t count) const;
    // at(@p exit_value), from @p curve when it has one (@p scratch reused from exit to exit).
    [[nodiscard]] waterfall_payout at_from(const std::optional<payout_curve>& curve, curve_payout& scratch,
                                           money exit_value) const;
    // The payouts at @p exit_value (checked) by the direct solve in fractions: empty where the
    // terms' fractions overflow (inexact_error under exact rounding thrown).
    [[nodiscard]] std::optional<waterfall_payout> solve(money exit_value) const;
    // The payouts at @p exit_value (checked) from @p curve: empty where its evaluation overflows
    // or an exact payout is not whole.
    [[nodiscard]] std::optional<waterfall_payout> from_curve(const payout_curve& curve, curve_payout& scratch,
                                                             money exit_value) const;
    // Phase 2 from the terms' kinks sorted by (value, term, sub) and the distinct values
    // (@p kinks, each a piece's v_lo): the pieces and their statuses, by a sweep over the kinks
    // (each term's form recomputed only where it changes); on an overflow of its running sums,
    // by evaluating every term at every piece.
    void build_pieces(const std::vector<detail::wf_kink>& entries, const std::vector<fraction>& kinks);
    // try_build(), the table's lines, terms and positions (classes, options, warrants: the part
    // that does not depend on the convertibles) copied from @p table_part when given, a waterfall
    // that try_build_from(@p table, terms, nullptr, true) returned for the same table, exit date
    // and dividend rounding; with @p table_only, returns once that part is built (no
    // convertibles, no tiers or pieces). Without @p holders (only with @p table_part), a probe:
    // no holders and no positions, so only its lines, breakpoints and line payouts are right.
    // outstanding_waterfall builds one waterfall per candidate converting set on one table: the
    // table's part is built once, not once per candidate, and a candidate is a probe.
    static waterfall_result try_build_from(const cap_table& table, const waterfall_terms& terms, const waterfall* table_part,
                                           bool table_only, bool holders = true);
    friend class outstanding_waterfall;
    friend class waterfall_payouts;
    void build_breakpoints(const std::vector<detail::wf_kink>& entries);

    fundround::currency currency_{};
    waterfall_terms terms_;
    std::vector<waterfall_line> lines_;
    std::vector<holder_id> holder_ids_;
    std::vector<std::string> holder_names_;
    std::vector<detail::wf_term> terms_list_;
    std::vector<detail::wf_position> positions_;
    std::vector<tier> tiers_;
    std::vector<detail::wf_piece> pieces_;  // phase 2, by v
    std::vector<std::vector<line_status>> piece_status_;  // per piece, per line
    std::vector<std::vector<line_status>> tier_status_;   // per tier, per line
    fraction total_pref_;
    std::vector<waterfall_breakpoint> breakpoints_;
};

/// The outcome of waterfall::try_build(): a waterfall, or every problem found.
struct waterfall_result {
    std::optional<waterfall> value;    ///< The waterfall, when there were no problems.
    std::vector<diagnostic> problems;  ///< Every problem found (empty on success).
    /// True if the input was valid but an exact amount overflows (the one problem then says
    /// which): waterfall::build() throws overflow_error rather than validation_error.
    bool overflowed = false;

    /// True if the waterfall was built.
    [[nodiscard]] bool ok() const noexcept { return value.has_value(); }
};

/// The payout as an exact piecewise-linear function of the exit value: the segments between
/// breakpoints, each line's and holder's slope and intercept on each, and evaluation of any exit
/// value from them by binary search over the segments.
class payout_curve {
public:
    /// The segments, in increasing exit value; the first starts at 0, the last has no end.
    [[nodiscard]] const std::vector<waterfall_segment>& segments() const noexcept { return segments_; }
    /// The breakpoints (the waterfall's), with what starts at each.
    [[nodiscard]] const std::vector<waterfall_breakpoint>& breakpoints() const noexcept { return breakpoints_; }
    /// The lines (the waterfall's).
    [[nodiscard]] const std::vector<waterfall_line>& lines() const noexcept { return lines_; }
    /// The index of the segment holding exit value @p x units (the later one at a breakpoint).
    [[nodiscard]] std::size_t segment_index(const fraction& x) const;
    /// The payouts at @p exit_value from the segments' lines: O(log segments + lines + holders),
    /// rounded by the terms' payout_rounding; throws validation_error for a bad exit value, and
    /// overflow_error naming the exit (and the price with the largest denominator) where the
    /// exact payouts do not fit 128-bit fractions, as waterfall::at().
    [[nodiscard]] waterfall_payout at(money exit_value) const;
    /// The payouts at each of @p exit_values, side by side.
    [[nodiscard]] std::vector<waterfall_payout> at(const std::vector<money>& exit_values) const;

    /// The payouts at @p exit_value written into @p into, the same as at(exit_value): for many
    /// exits, O(log segments + lines + holders) with no allocation once @p into has been used with
    /// this curve, and no copy of statuses or names (read them with status(into) and the other
    /// accessors below). Throws validation_error for a bad exit value, as at().
    void at(money exit_value, curve_payout& into) const;
    /// The payouts by line only at @p exit_value written into @p into: into.by_line exactly as
    /// at(exit_value).by_line (same rounding and fallbacks), into.by_holder left empty, and the
    /// segment and state segment set (status(into) and the line accessors work); for charting
    /// class payouts over many exits, O(log segments + lines) with no allocation once @p into has
    /// been used with this curve. Throws validation_error for a bad exit value, as at(), and
    /// overflow_error or inexact_error only where the lines' own payouts cannot be given.
    void lines_at(money exit_value, curve_payout& into) const;
    /// What each line does at @p p's exit value (a reference into the curve; as
    /// waterfall_payout::status): the state segment's statuses, except at exit 0 when no preference
    /// comes first and nothing is shared at a share value of 0 (no common outstanding): then the
    /// state before the first segment (nothing converted or exercised, as waterfall::at), which no
    /// segment holds; the exercise accessors likewise give no exercise price paid in there.
    [[nodiscard]] const std::vector<line_status>& status(const curve_payout& p) const;
    /// The exact value of a common share at @p p's exit value (as
    /// waterfall_payout::value_per_share).
    [[nodiscard]] fraction value_per_share(const curve_payout& p) const;
    /// Exercise prices paid in per line at @p p's exit value (a reference into the curve).
    [[nodiscard]] const std::vector<money>& exercise_paid_by_line(const curve_payout& p) const;
    /// Exercise prices paid in per holder at @p p's exit value (a reference into the curve).
    [[nodiscard]] const std::vector<money>& exercise_paid_by_holder(const curve_payout& p) const;

private:
    friend class waterfall;
    friend class waterfall_payouts;
    payout_curve() = default;

    /// The segment index of @p p, checked against this curve (p may come from another curve).
    [[nodiscard]] std::size_t checked_segment(std::size_t s) const;
    /// Whether @p p is at exit 0 of a curve with a flat start (the state before the first segment).
    [[nodiscard]] bool at_flat_start(const curve_payout& p) const noexcept {
        return flat_start_ && p.exit_value.units() == 0;
    }
    /// Entries [first, first + count) of segment @p s at exit @p x, rounded, into @p into, in
    /// 64 bits; false if they do not fit (nothing thrown).
    [[nodiscard]] bool fast64(std::size_t s, std::int64_t x, std::size_t first, std::size_t count,
                              curve_payout& scratch, money* into) const;
    /// Entries [first, first + count) of segment @p s at exit @p x, rounded, into @p into, in
    /// 128 bits; false if they do not fit (the caller rounds exact fractions).
    [[nodiscard]] bool fast128(std::size_t s, std::int64_t x, std::size_t first, std::size_t count,
                               curve_payout& scratch, money* into) const;
    /// The exact payouts @p exact at exit @p x rounded from fractions into @p into.
    void slow_fill(std::int64_t x, const std::vector<linear_payout>& exact, money* into) const;
    /// Throws the overflow_error of exact payouts at exit @p x units that do not fit the 128-bit
    /// fraction, as waterfall::at(): the exit named, with the price of the largest denominator.
    [[noreturn]] FUNDROUND_COLD void payouts_overflow(std::int64_t x) const {
        detail::wf_exact_overflow("payout curve", field_path("exit_value"), format_full(money::from_units(x, currency_)),
                                  "the exact payouts at this exit", largest_denominator_, lines_);
    }
    /// Checks @p exit_value, finds its segment and state segment and writes them into @p into.
    [[nodiscard]] std::int64_t locate(money exit_value, curve_payout& into) const;
    /// Sizes @p into's scratch for @p count entries (no allocation once large enough).
    static void reserve_scratch(curve_payout& into, std::size_t count);

    std::vector<waterfall_segment> segments_;
    std::vector<waterfall_breakpoint> breakpoints_;
    std::vector<waterfall_line> lines_;
    std::vector<fraction> starts_;  // segments_[i].from, for the binary search
    // Fast evaluation: per segment a common denominator (0 if none fits) and integer numerators
    // of intercept and slope for the lines then the holders, row after row.
    std::vector<detail::uint128> den_;
    std::vector<detail::int128> num_a_;
    std::vector<detail::int128> num_b_;
    std::size_t width_ = 0;  // lines + holders
    // The 64-bit route: per segment the common denominator if it and every numerator fit 64
    // bits (else 0), and the numerators, intercept then slope, entry after entry.
    // (A denominator of 1 is kept as 2 with doubled numerators.)
    std::vector<std::uint64_t> den64_;
    std::vector<detail::wf_divisor> div64_;  // den64_ prepared for division by multiplication
    std::vector<std::int64_t> ab64_;
    // Per segment its first whole exit value (the start rounded up; segments starting beyond the
    // 64-bit range are left out), for the binary search, and whether the start is a whole number.
    std::vector<std::int64_t> first_exit_;
    std::vector<unsigned char> starts_whole_;
    fundround::currency currency_{};
    waterfall_terms terms_;
    std::vector<std::vector<money>> exercise_by_line_;    // per segment: exercise prices paid in
    std::vector<std::vector<money>> exercise_by_holder_;  // per segment
    // A share is worth 0 up to the total preference (waterfall::value_per_share), also at the
    // start of a first segment above it that starts at a positive value (no common outstanding).
    fraction total_pref_;
    // With no preference and nothing shared at a share value of 0 (no common outstanding: the
    // first segment starts where options exercise or a class converts, the piece of zero width in
    // exit value before it has no segment), the state at exit 0 is the one before: nothing
    // converted or exercised, no exercise price paid in (waterfall::at). No segment holds it.
    bool flat_start_ = false;
    std::vector<line_status> start_status_;
    std::vector<money> start_exercise_by_line_;
    std::vector<money> start_exercise_by_holder_;
    // The waterfall's price with the largest denominator, named where exact payouts overflow.
    detail::wf_price_ref largest_denominator_;
};

/// The payouts at many exit values (waterfall::payouts_at(), outstanding_waterfall::payouts_at()),
/// each equal to at(exit_value), with the by-holder amounts held compactly: a report of many
/// holders at many exits needs them all at once (holders as rows, exits as columns) but not as
/// 32 bytes a holder an exit. Each exit keeps its waterfall_payout without the per-holder vectors
/// (exit value, share value, by line, statuses). Where the payout curve's 64-bit or 128-bit
/// integer route gives an exit's by-holder payouts (the largest remainder method on the
/// segment's denominator), the exit keeps only its segment and the smallest remainder given a
/// leftover unit, checked holder by holder against the payouts at(exit_value) gave, and each
/// amount is recomputed from the curve when read (a multiply and a division); any other exit
/// (solved directly: fewer exits than segments, or past both routes) keeps its amounts, 8 bytes
/// a holder. The
/// exercise prices paid in are kept once per run of consecutive exits that share them (one per
/// segment for exit values in increasing order). Memory: O(exits x lines + segments x holders)
/// (the curves it reads from) where at(exit_values) holds O(exits x (lines + holders)).
class waterfall_payouts {
public:
    /// The number of exit values.
    [[nodiscard]] std::size_t size() const noexcept { return lines_.size(); }
    /// The number of holders (cap_table::holders() order).
    [[nodiscard]] std::size_t holders() const noexcept { return holders_; }
    /// The payouts at the @p i th exit value without by_holder and exercise_paid_by_holder (empty).
    /// Throws invalid_argument_error if @p i is not below size().
    [[nodiscard]] const waterfall_payout& without_holders(std::size_t i) const {
        (void)column_at(i);
        return lines_[i];
    }
    /// Every exit's payouts without by_holder and exercise_paid_by_holder, in the order asked.
    [[nodiscard]] const std::vector<waterfall_payout>& without_holders() const noexcept { return lines_; }
    /// Holder @p h's net payout at the @p i th exit value (at(exit_value).by_holder[h]). Throws
    /// invalid_argument_error naming @p i or @p h if it is not below size() or holders().
    [[nodiscard]] money by_holder(std::size_t i, std::size_t h) const;
    /// Holder @p h's exercise price paid in at the @p i th exit value
    /// (at(exit_value).exercise_paid_by_holder[h]); the same errors as by_holder().
    [[nodiscard]] money exercise_paid_by_holder(std::size_t i, std::size_t h) const;
    /// The whole payouts at the @p i th exit value, as at(exit_value) gives them. Throws
    /// invalid_argument_error if @p i is not below size().
    [[nodiscard]] waterfall_payout at(std::size_t i) const;

private:
    friend class waterfall;
    friend class outstanding_waterfall;
    waterfall_payouts(std::size_t holders, fundround::currency c) : holders_(holders), currency_(c) {}

    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    // One exit's by-holder amounts: from curves_[curve]'s segment at x (full == none), else
    // full_[full, full + holders); its exercise prices paid in exercise_[exercise].
    struct column {
        std::size_t curve = none;
        std::size_t segment = 0;
        std::int64_t x = 0;
        detail::uint128 rem = 0;  // a holder (rem_h, h) gets a leftover unit if rem_h > rem or
        std::size_t index = 0;    // rem_h == rem and h <= index (rem = the denominator: nobody)
        bool wide = false;        // the curve's 128-bit route (payout_curve::fast128), else 64-bit
        std::size_t full = none;
        std::size_t exercise = 0;
    };
    // Adds @p p (at(exit_value) of the waterfall whose curve is curves_[@p curve], if it has one:
    // @p curve < curves_.size()), its by-holder amounts compact where the curve gives them.
    void add(std::size_t curve, waterfall_payout p);
    // Whether @p c's by-holder amounts at its x are @p by_holder from the curve's 64-bit or
    // 128-bit route: then its segment, route and threshold are set. @p rem is scratch.
    [[nodiscard]] static bool compact(const payout_curve& curve, const std::vector<money>& by_holder, column& c,
                                      std::vector<detail::uint128>& rem);
    // compact() on segment @p s at exit @p x by one route (@p wide: the 128-bit one).
    [[nodiscard]] static bool compact_on(const payout_curve& curve, const std::vector<money>& by_holder, column& c,
                                         std::vector<detail::uint128>& rem, std::size_t s, bool wide, std::int64_t x);
    // Holder @p h's whole units @p q and remainder @p rem at exit @p x on segment @p s of
    // @p curve by the 64-bit (or, @p wide, the 128-bit) route: false where they do not fit
    // (as payout_curve::fast64 and fast128 refuse them).
    [[nodiscard]] static bool split(const payout_curve& curve, std::size_t s, bool wide, std::int64_t x, std::size_t h,
                                    std::int64_t& q, detail::uint128& rem);
    [[nodiscard]] const column& column_at(std::size_t i) const;
    // Throws invalid_argument_error unless @p h is below holders().
    void check_holder(std::size_t h) const;

    std::size_t holders_ = 0;
    fundround::currency currency_{};
    std::vector<std::optional<payout_curve>> curves_;  // per stage (one for a waterfall)
    std::vector<waterfall_payout> lines_;
    std::vector<column> columns_;
    std::vector<std::int64_t> full_;
    std::vector<std::vector<money>> exercise_;
    std::vector<detail::uint128> rem_;  // scratch of add()
};

// ---------------------------------------------------------------------------------------------

inline std::vector<diagnostic> waterfall_terms::validate() const {
    std::vector<diagnostic> out;
    if (exit_date && !is_modelled(*exit_date)) {
        out.push_back({field_path("exit_date"), to_string(*exit_date), date_rule(*exit_date)});
    }
    detail::check_known_enum(out, field_path("exercise"), exercise, detail::option_exercise_names);
    detail::check_known_enum(out, field_path("dividend_rounding"), dividend_rounding, detail::rounding_names);
    detail::check_known_enum(out, field_path("exercise_rounding"), exercise_rounding, detail::rounding_names);
    detail::check_known_enum(out, field_path("payouts"), payouts, detail::payout_rounding_names);
    for (std::size_t i = 0; i < convertibles.size(); ++i) {
        const exit_convertible& c = convertibles[i];
        const field_path f = field_path("convertibles").index(i, c.name);
        if (holder_name_key(c.name).empty()) {
            out.push_back({f.member("name"), detail::quoted_text(c.name), "must contain a letter or digit"});
        }
        if (c.cash_out.is_negative()) {
            out.push_back({f.member("cash_out"), format_full(c.cash_out), "must not be negative"});
        }
        if (c.conversion_shares.value() < 0) {
            out.push_back({f.member("conversion_shares"), std::to_string(c.conversion_shares.value()), "must not be negative"});
        }
        if (c.seniority < 0) {
            out.push_back({f.member("seniority"), std::to_string(c.seniority), "must not be negative"});
        }
    }
    return out;
}

inline waterfall waterfall::build(const cap_table& table, const waterfall_terms& terms) {
    waterfall_result r = try_build(table, terms);
    if (r.overflowed) throw overflow_error("liquidation waterfall: " + r.problems.front().message());
    if (!r.ok()) throw validation_error("liquidation waterfall", std::move(r.problems));
    return std::move(*r.value);
}

inline waterfall_result waterfall::try_build(const cap_table& table, const waterfall_terms& terms) {
    return try_build_from(table, terms, nullptr, false);
}

inline waterfall_result waterfall::try_build_from(const cap_table& table, const waterfall_terms& terms,
                                                  const waterfall* table_part, bool table_only, bool holders) {
    using detail::wf_term;
    using detail::wf_term_kind;
    waterfall_result result;
    std::vector<diagnostic>& out = result.problems;
    out = terms.validate();
    const auto& classes = table.classes();
    const fundround::currency cur = table.currency();
    // Convertibles against the table.
    std::map<std::string_view, std::size_t> first_named;  // each line name's first convertible
    for (std::size_t i = 0; i < terms.convertibles.size(); ++i) {
        const exit_convertible& c = terms.convertibles[i];
        const field_path f = field_path("convertibles").index(i, c.name);
        if (!table.holder_index(c.holder)) {
            out.push_back({f.member("holder"), detail::quoted_text(c.holder.str()), "is not a holder on the cap table"});
        }
        if (c.cash_out.currency() != cur) {
            out.push_back({f.member("cash_out"), format_full(c.cash_out), detail::table_currency_rule(cur)});
        }
        if (table.class_index(c.name)) {
            out.push_back({f.member("name"), detail::quoted_text(c.name), "is the name of a share class; name the convertible's line apart"});
        }
        const auto first = first_named.emplace(c.name, i).first;
        if (first->second != i) {
            out.push_back({f.member("name"), detail::quoted_text(c.name),
                           "duplicates convertibles[" + std::to_string(first->second) + "]; a line appears once"});
        }
    }
    // Dividends: the exit date is needed, and must not precede accrual.
    detail::add_exit_date_problems(out, table, terms.exit_date);
    if (!out.empty()) return result;

    waterfall w;
    w.currency_ = cur;
    w.terms_ = terms;
    if (table_part != nullptr) {
        const std::size_t more = terms.convertibles.size();
        w.lines_.reserve(table_part->lines_.size() + more);
        w.lines_ = table_part->lines_;
        w.terms_list_.reserve(table_part->terms_list_.size() + more);
        w.terms_list_ = table_part->terms_list_;
        if (holders) {
            w.holder_ids_ = table_part->holder_ids_;
            w.holder_names_ = table_part->holder_names_;
            w.positions_.reserve(table_part->positions_.size() + more);
            w.positions_ = table_part->positions_;
        }
    } else {
        for (const holder& h : table.holders()) {
            w.holder_ids_.push_back(h.id());
            w.holder_names_.push_back(h.name());
        }
    }
    const auto holder_at = [&](const holder_id& id) { return static_cast<std::uint32_t>(*table.holder_index(id)); };
    try {
        if (table_part == nullptr) {
            // One line and one term per class.
            std::vector<share_count> issued(classes.size());
            std::vector<share_count> converted(classes.size());
            for (const holding& h : table.holdings()) {
                const std::size_t c = *table.class_index(h.share_class);
                issued[c] += h.shares;
                converted[c] += table.as_converted(c, h.shares);
            }
            for (std::size_t c = 0; c < classes.size(); ++c) {
                const share_class& k = classes[c];
                waterfall_line line;
                line.name = k.name();
                line.shares = fraction(converted[c].value());
                wf_term t;
                t.line = static_cast<std::uint32_t>(c);
                t.source = static_cast<std::uint32_t>(c);
                t.shares = line.shares;
                if (k.is_preferred()) {
                    const liquidation_terms& lt = k.terms();
                    const fraction base = k.original_issue_price()->units_per_share() * fraction(issued[c].value());
                    std::int64_t dividends = 0;
                    if (terms.exit_date && issued[c].value() > 0) {
                        try {
                            dividends = detail::wf_dividends(lt.dividends, base, *terms.exit_date, terms.dividend_rounding);
                        } catch (const overflow_error&) {
                            out.push_back({field_path("exit_date"), to_string(*terms.exit_date),
                                           "is too far for class " + detail::quoted_text(k.name()) +
                                               ": its cumulative dividends accrued to it overflow the exact amount range "
                                               "(64-bit mills)"});
                            result.overflowed = true;
                            return result;
                        }
                    }
                    line.kind = waterfall_line_kind::preferred;
                    line.participation = lt.participation.kind;
                    line.seniority = lt.seniority;
                    line.accrued_dividends = money::from_units(dividends, cur);
                    line.preference = lt.multiple * base + fraction(dividends);
                    if (lt.participation.kind == participation_kind::capped) {
                        line.cap = lt.participation.cap_multiple * base + fraction(dividends);
                    }
                    t.kind = wf_term_kind::claim;
                    t.participation = line.participation;
                    t.rank = line.seniority;
                    t.pref = line.preference;
                    t.cap = line.cap;
                    t.price = *k.original_issue_price();
                } else {
                    line.kind = waterfall_line_kind::common;
                    line.accrued_dividends = money::zero(cur);
                    t.kind = wf_term_kind::common;
                }
                w.lines_.push_back(std::move(line));
                w.terms_list_.push_back(std::move(t));
            }
            for (const holding& h : table.holdings()) {
                const std::size_t c = *table.class_index(h.share_class);
                detail::wf_position p;
                p.holder = holder_at(h.holder);
                p.term = static_cast<std::uint32_t>(c);
                p.pref_share = fraction(h.shares.value(), issued[c].value());
                if (converted[c].value() > 0) {
                    p.part_share = fraction(table.as_converted(c, h.shares).value(), converted[c].value());
                }
                w.positions_.push_back(std::move(p));
            }
            // Options per pool, warrants per class: one term per grant or warrant.
            const auto add_strike = [&](std::uint32_t line, std::size_t class_index, std::uint32_t source, const holder_id& who,
                                        share_count n, const price_per_share& price) {
                // The common a grant or warrant converts into, rounded down as the cap table counts
                // it (cap_table::fully_diluted: no fractional share is issued on conversion); its
                // exercise price per such share is the whole price paid over them.
                wf_term t;
                t.kind = wf_term_kind::strike;
                t.line = line;
                t.shares = fraction(table.as_converted(class_index, n).value());
                t.strike = t.shares.sign() > 0 ? price.units_per_share() * fraction(n.value()) / t.shares
                                               : price.units_per_share() / classes[class_index].conversion_ratio();
                t.price = price;
                t.count = n;
                t.source = source;
                w.lines_[line].shares += t.shares;
                detail::wf_position p;
                p.holder = holder_at(who);
                p.term = static_cast<std::uint32_t>(w.terms_list_.size());
                p.part_share = fraction(1);
                w.terms_list_.push_back(std::move(t));
                w.positions_.push_back(std::move(p));
            };
            // Each pool's grants and each class's warrants, in the table's order (positions grouped
            // by pool or class: one pass, not one per pool or class).
            const auto grouped = [](std::size_t groups, std::size_t n, auto group_of) {
                std::vector<std::uint32_t> start(groups + 1, 0), order(n);
                for (std::size_t k = 0; k < n; ++k) ++start[group_of(k) + 1];
                for (std::size_t g = 0; g < groups; ++g) start[g + 1] += start[g];
                std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
                for (std::size_t k = 0; k < n; ++k) order[next[group_of(k)]++] = static_cast<std::uint32_t>(k);
                return std::make_pair(std::move(start), std::move(order));
            };
            const auto by_pool = grouped(table.pools().size(), table.grants().size(),
                                         [&](std::size_t k) { return *table.pool_index(table.grants()[k].pool); });
            for (std::size_t p = 0; p < table.pools().size(); ++p) {
                const option_pool& pool = table.pools()[p];
                if (by_pool.first[p] == by_pool.first[p + 1]) continue;
                waterfall_line line;
                line.name = "Options: " + pool.name;
                line.kind = waterfall_line_kind::options;
                line.accrued_dividends = money::zero(cur);
                const auto index = static_cast<std::uint32_t>(w.lines_.size());
                w.lines_.push_back(std::move(line));
                const std::size_t c = *table.class_index(pool.share_class);
                for (std::uint32_t j = by_pool.first[p]; j < by_pool.first[p + 1]; ++j) {
                    const option_grant& g = table.grants()[by_pool.second[j]];
                    add_strike(index, c, by_pool.second[j], g.holder, g.shares, g.exercise_price);
                }
            }
            const auto by_class = grouped(classes.size(), table.warrants().size(),
                                          [&](std::size_t k) { return *table.class_index(table.warrants()[k].share_class); });
            for (std::size_t c = 0; c < classes.size(); ++c) {
                if (by_class.first[c] == by_class.first[c + 1]) continue;
                waterfall_line line;
                line.name = "Warrants: " + classes[c].name();
                line.kind = waterfall_line_kind::warrants;
                line.accrued_dividends = money::zero(cur);
                const auto index = static_cast<std::uint32_t>(w.lines_.size());
                w.lines_.push_back(std::move(line));
                for (std::uint32_t j = by_class.first[c]; j < by_class.first[c + 1]; ++j) {
                    const warrant& x = table.warrants()[by_class.second[j]];
                    add_strike(index, c, by_class.second[j], x.holder, x.shares, x.exercise_price);
                }
            }
        }
        if (table_only) {
            result.value = std::move(w);
            return result;
        }
        for (std::size_t k = 0; k < terms.convertibles.size(); ++k) {
            const exit_convertible& x = terms.convertibles[k];
            waterfall_line line;
            line.name = x.name;
            line.kind = waterfall_line_kind::convertible;
            line.seniority = x.seniority;
            line.preference = fraction(x.cash_out.units());
            line.shares = fraction(x.conversion_shares.value());
            line.accrued_dividends = money::zero(cur);
            wf_term t;
            t.kind = wf_term_kind::claim;
            t.line = static_cast<std::uint32_t>(w.lines_.size());
            t.rank = x.seniority;
            t.pref = line.preference;
            t.shares = line.shares;
            t.source = static_cast<std::uint32_t>(k);
            if (holders) {
                detail::wf_position p;
                p.holder = holder_at(x.holder);
                p.term = static_cast<std::uint32_t>(w.terms_list_.size());
                p.pref_share = fraction(1);
                p.part_share = fraction(1);
                w.positions_.push_back(std::move(p));
            }
            w.lines_.push_back(std::move(line));
            w.terms_list_.push_back(std::move(t));
        }

        // Tiers: claims with a preference, by rank, highest first.
        // (The claims with a preference, stably by rank: each tier's terms in the terms' order.)
        std::vector<std::uint32_t> claims;
        for (std::size_t i = 0; i < w.terms_list_.size(); ++i) {
            const wf_term& t = w.terms_list_[i];
            if (t.kind == wf_term_kind::claim && t.pref.sign() > 0) claims.push_back(static_cast<std::uint32_t>(i));
        }
        std::stable_sort(claims.begin(), claims.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return w.terms_list_[a].rank > w.terms_list_[b].rank; });
        for (std::size_t k = 0; k < claims.size();) {
            tier tr;
            tr.rank = w.terms_list_[claims[k]].rank;
            tr.from = w.total_pref_;
            for (; k < claims.size() && w.terms_list_[claims[k]].rank == tr.rank; ++k) {
                tr.terms.push_back(claims[k]);
                tr.total += w.terms_list_[claims[k]].pref;
            }
            w.total_pref_ += tr.total;
            tr.end = w.total_pref_;
            w.tiers_.push_back(std::move(tr));
        }

        // Phase 2: the kinks of D(v), the pieces between them.
        std::vector<detail::wf_kink> entries;
        for (std::size_t i = 0; i < w.terms_list_.size(); ++i) {
            const wf_term& t = w.terms_list_[i];
            if (t.shares.sign() <= 0) continue;
            const auto term = static_cast<std::uint32_t>(i);
            if (t.kind == wf_term_kind::strike) entries.push_back({t.strike, term, 0});
            if (t.kind != wf_term_kind::claim) continue;
            if (t.participation == participation_kind::non_participating) entries.push_back({t.pref / t.shares, term, 1});
            if (t.participation == participation_kind::capped) {
                entries.push_back({(t.cap - t.pref) / t.shares, term, 2});
                entries.push_back({t.cap / t.shares, term, 3});
            }
        }
        std::sort(entries.begin(), entries.end(), [](const detail::wf_kink& a, const detail::wf_kink& b) {
            if (a.value < b.value) return true;
            if (b.value < a.value) return false;
            return a.term < b.term || (a.term == b.term && a.sub < b.sub);
        });
        std::vector<fraction> kinks{fraction()};
        for (const detail::wf_kink& e : entries) kinks.push_back(e.value);
        std::sort(kinks.begin(), kinks.end());
        kinks.erase(std::unique(kinks.begin(), kinks.end()), kinks.end());
        w.build_pieces(entries, kinks);
        if (w.pieces_.back().b.sign() <= 0) {
            out.push_back({field_path("cap_table"), "",
                           "has no shares to share an exit above the preferences (no common, options, warrants or "
                           "convertible shares)"});
            return result;
        }
        // Tier j's statuses: the lines of the tiers before it paid their preference, its own
        // partly paid (a copy per tier of what the tiers before left).
        std::vector<line_status> paid(w.lines_.size(), line_status::nothing);
        for (const tier& tr : w.tiers_) {
            std::vector<line_status> st = paid;
            for (const std::uint32_t i : tr.terms) st[w.terms_list_[i].line] = line_status::partly_paid;
            w.tier_status_.push_back(std::move(st));
            for (const std::uint32_t i : tr.terms) paid[w.terms_list_[i].line] = line_status::preference;
        }
        w.build_breakpoints(entries);
    } catch (const overflow_error& e) {
        out.push_back({field_path("cap_table"), "", std::string("the waterfall's exact amounts overflow: ") + detail::reason_of(e)});
        result.overflowed = true;
        return result;
    }
    result.value = std::move(w);
    return result;
}

inline detail::wf_form waterfall::form_of(const detail::wf_term& t, const fraction& v_lo) const {
    using detail::wf_term_kind;
    detail::wf_form f;
    switch (t.kind) {
        case wf_term_kind::common:
            // A common class with no shares issued receives nothing: its status says so.
            f.part1 = t.shares;
            if (t.shares.sign() > 0) f.status = line_status::participating;
            break;
        case wf_term_kind::strike:
            if (t.shares.sign() > 0 && t.strike <= v_lo) {
                f.part1 = t.shares;
                f.part0 = -(t.shares * t.strike);
                f.status = line_status::exercised;
            }
            break;
        case wf_term_kind::claim: {
            const bool has_shares = t.shares.sign() > 0;
            // A class with no shares issued (or a convertible of nothing): no preference and
            // nothing to share, so it receives nothing at every exit.
            if (!has_shares && t.pref.is_zero()) break;
            switch (t.participation) {
                case participation_kind::non_participating:
                    if (has_shares && t.pref <= t.shares * v_lo) {
                        f.part1 = t.shares;
                        f.status = line_status::converted;
                    } else {
                        f.pref = t.pref;
                        f.status = line_status::preference;
                    }
                    break;
                case participation_kind::full:
                    f.pref = t.pref;
                    f.part1 = t.shares;
                    f.status = line_status::participating;
                    break;
                case participation_kind::capped:
                    if (has_shares && t.cap <= t.shares * v_lo) {
                        f.part1 = t.shares;
                        f.status = line_status::converted;
                    } else if (has_shares && t.cap - t.pref <= t.shares * v_lo) {
                        f.pref = t.pref;
                        f.part0 = t.cap - t.pref;
                        f.status = line_status::capped;
                    } else {
                        f.pref = t.pref;
                        f.part1 = t.shares;
                        f.status = line_status::participating;
                    }
                    break;
            }
            break;
        }
    }
    return f;
}

inline std::vector<detail::wf_form> waterfall::forms_at(const fraction& v_lo) const {
    std::vector<detail::wf_form> forms;
    forms.reserve(terms_list_.size());
    for (const detail::wf_term& t : terms_list_) forms.push_back(form_of(t, v_lo));
    return forms;
}

inline line_status waterfall::term_status(const detail::wf_term& t, const fraction& v_lo) const {
    return form_of(t, v_lo).status;
}

inline std::vector<line_status> waterfall::statuses(const fraction& v_lo) const {
    std::vector<line_status> s(lines_.size(), line_status::nothing);
    std::vector<int> exercised(lines_.size(), 0);
    std::vector<int> strikes(lines_.size(), 0);
    for (const detail::wf_term& t : terms_list_) {
        const line_status ts = term_status(t, v_lo);
        if (t.kind == detail::wf_term_kind::strike) {
            ++strikes[t.line];
            if (ts == line_status::exercised) ++exercised[t.line];
        } else {
            s[t.line] = ts;
        }
    }
    for (std::size_t l = 0; l < lines_.size(); ++l) {
        if (strikes[l] == 0) continue;
        s[l] = exercised[l] == 0 ? line_status::nothing
                                 : (exercised[l] == strikes[l] ? line_status::exercised : line_status::partly_exercised);
    }
    return s;
}

inline std::vector<line_status> waterfall::tier_statuses(std::size_t tier_index) const {
    std::vector<line_status> s(lines_.size(), line_status::nothing);
    for (std::size_t j = 0; j < tiers_.size(); ++j) {
        for (const std::uint32_t i : tiers_[j].terms) {
            const std::uint32_t l = terms_list_[i].line;
            if (j < tier_index) s[l] = line_status::preference;
            if (j == tier_index) s[l] = line_status::partly_paid;
        }
    }
    return s;
}

inline std::size_t waterfall::piece_of(const fraction& x) const {
    // The last piece whose start is at most x (pieces of zero width are skipped this way).
    const auto it = std::upper_bound(pieces_.begin(), pieces_.end(), x,
                                     [](const fraction& value, const detail::wf_piece& p) { return value < p.x_lo; });
    return static_cast<std::size_t>(it - pieces_.begin()) - 1;
}

inline fraction waterfall::value_per_share(const fraction& x) const {
    if (x <= total_pref_) return fraction();
    const detail::wf_piece& p = pieces_[piece_of(x)];
    return (x - p.a) / p.b;
}

inline void waterfall::term_payouts(const fraction& x, std::vector<fraction>& pref, std::vector<fraction>& part) const {
    using detail::wf_term_kind;
    pref.assign(terms_list_.size(), fraction());
    part.assign(terms_list_.size(), fraction());
    if (x < total_pref_) {
        for (const tier& tr : tiers_) {
            if (x <= tr.from) break;
            const bool full = x >= tr.end;
            const fraction paid = full ? tr.total : x - tr.from;
            for (const std::uint32_t i : tr.terms) {
                // paid x (its share of the tier), as the curve's slope: paid x pref would leave the
                // 128-bit range for a tier whose preferences total past the money range.
                pref[i] = full ? terms_list_[i].pref : paid * (terms_list_[i].pref / tr.total);
            }
        }
        return;
    }
    const fraction v = value_per_share(x);
    for (std::size_t i = 0; i < terms_list_.size(); ++i) {
        const detail::wf_term& t = terms_list_[i];
        const fraction sv = t.shares * v;
        switch (t.kind) {
            case wf_term_kind::common: part[i] = sv; break;
            case wf_term_kind::strike:
                if (v > t.strike) part[i] = sv - t.shares * t.strike;
                break;
            case wf_term_kind::claim:
                switch (t.participation) {
                    case participation_kind::non_participating:
                        if (sv > t.pref) {
                            part[i] = sv;
                        } else {
                            pref[i] = t.pref;
                        }
                        break;
                    case participation_kind::full:
                        pref[i] = t.pref;
                        part[i] = sv;
                        break;
                    case participation_kind::capped:
                        if (sv > t.cap) {
                            part[i] = sv;
                        } else {
                            pref[i] = t.pref;
                            part[i] = std::min(sv, t.cap - t.pref);
                        }
                        break;
                }
                break;
        }
    }
}

inline std::vector<fraction> waterfall::lines_from_terms(const std::vector<fraction>& pref,
                                                         const std::vector<fraction>& part) const {
    std::vector<fraction> out(lines_.size());
    for (std::size_t i = 0; i < terms_list_.size(); ++i) {
        detail::wf_add(out[terms_list_[i].line], pref[i]);
        detail::wf_add(out[terms_list_[i].line], part[i]);
    }
    return out;
}

inline std::vector<fraction> waterfall::holders_from_terms(const std::vector<fraction>& pref,
                                                           const std::vector<fraction>& part) const {
    std::vector<fraction> out(holder_ids_.size());
    for (const detail::wf_position& p : positions_) {
        detail::wf_add(out[p.holder], detail::wf_times(p.pref_share, pref[p.term]));
        detail::wf_add(out[p.holder], detail::wf_times(p.part_share, part[p.term]));
    }
    return out;
}

inline std::vector<fraction> waterfall::exact_line_payouts(const fraction& x) const {
    try {
        std::vector<fraction> pref, part;
        term_payouts(x, pref, part);
        return lines_from_terms(pref, part);
    } catch (const overflow_error&) {
        payouts_overflow(x);
    }
}

inline std::vector<fraction> waterfall::exact_holder_payouts(const fraction& x) const {
    try {
        std::vector<fraction> pref, part;
        term_payouts(x, pref, part);
        return holders_from_terms(pref, part);
    } catch (const overflow_error&) {
        payouts_overflow(x);
    }
}

inline std::vector<line_status> waterfall::status_at(const fraction& x) const {
    // The state just below x (at a breakpoint, ties do not convert or exercise; a tier that is
    // reached exactly counts as being paid).
    if (!tiers_.empty() && x <= total_pref_) {
        for (std::size_t j = 0; j < tiers_.size(); ++j) {
            if (x <= tiers_[j].end) return tier_status_[j];
        }
    }
    const auto it = std::lower_bound(pieces_.begin(), pieces_.end(), x,
                                     [](const detail::wf_piece& p, const fraction& value) { return p.x_lo < value; });
    const std::size_t p = it == pieces_.begin() ? 0 : static_cast<std::size_t>(it - pieces_.begin()) - 1;
    return piece_status_[p];
}

inline std::vector<diagnostic> waterfall::check_exit(money exit_value, const field_path& field) const {
    std::vector<diagnostic> out;
    if (exit_value.currency() != currency_) {
        out.push_back({field, format_full(exit_value), detail::table_currency_rule(currency_)});
    }
    if (exit_value.is_negative()) out.push_back({field, format_full(exit_value), "must not be negative"});
    return out;
}

inline waterfall_payout waterfall::rounded(money exit_value, const fraction& v, std::vector<fraction> lines,
                                           std::vector<fraction> holders, std::vector<line_status> status) const {
    waterfall_payout r;
    r.exit_value = exit_value;
    r.value_per_share = v;
    const std::int64_t total = exit_value.units();
    for (const std::int64_t u : detail::wf_round(lines, total, terms_.payouts)) r.by_line.push_back(money::from_units(u, currency_));
    for (const std::int64_t u : detail::wf_round(holders, total, terms_.payouts)) {
        r.by_holder.push_back(money::from_units(u, currency_));
    }
    r.exercise_paid_by_line.assign(lines_.size(), money::zero(currency_));
    r.exercise_paid_by_holder.assign(holder_ids_.size(), money::zero(currency_));
    if (terms_.exercise == option_exercise::paid_in) {
        for (const detail::wf_position& p : positions_) {
            const detail::wf_term& t = terms_list_[p.term];
            if (t.kind != detail::wf_term_kind::strike || t.shares.sign() <= 0 || !(v > t.strike)) continue;
            const money paid = t.price.cost_of(t.count, terms_.exercise_rounding);
            r.exercise_paid_by_line[t.line] += paid;
            r.exercise_paid_by_holder[p.holder] += paid;
        }
    }
    r.status = std::move(status);
    return r;
}

inline std::optional<waterfall_payout> waterfall::solve(money exit_value) const {
    const fraction x(exit_value.units());
    fraction v;
    std::vector<fraction> lines, holders;
    try {
        std::vector<fraction> pref, part;
        term_payouts(x, pref, part);
        v = value_per_share(x);
        lines = lines_from_terms(pref, part);
        holders = holders_from_terms(pref, part);
    } catch (const overflow_error&) {
        return std::nullopt;
    }
    return rounded(exit_value, v, std::move(lines), std::move(holders), status_at(x));
}

inline waterfall_payout waterfall::at(money exit_value) const {
    if (exit_value.currency() != currency_ || exit_value.is_negative()) {
        throw validation_error("liquidation waterfall exit value", check_exit(exit_value, field_path("exit_value")));
    }
    if (std::optional<waterfall_payout> p = solve(exit_value)) return std::move(*p);
    // The terms' fractions overflow where the segment's slopes and intercepts, over one common
    // denominator, may not: the payout curve's exact payouts, as at(exit_values) gives them.
    try {
        curve_payout scratch;
        if (std::optional<waterfall_payout> p = from_curve(curve(), scratch, exit_value)) return std::move(*p);
    } catch (const overflow_error&) {
    }
    payouts_overflow(fraction(exit_value.units()));
}

inline std::vector<waterfall_payout> waterfall::at(const std::vector<money>& exit_values) const {
    std::vector<diagnostic> problems;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        for (diagnostic& d : check_exit(exit_values[i], field_path("exit_values").index(i))) problems.push_back(std::move(d));
    }
    if (!problems.empty()) throw validation_error("liquidation waterfall exit values", std::move(problems));
    return at_many(exit_values);
}

inline void waterfall::build_pieces(const std::vector<detail::wf_kink>& entries, const std::vector<fraction>& kinks) {
    using detail::wf_term_kind;
    const std::size_t n_lines = lines_.size();
    // A line's status from its terms' forms, as statuses() gives it: its last term that is not
    // a strike, or, with strikes, how many of them are exercised.
    std::vector<std::uint32_t> strikes(n_lines, 0), exercised(n_lines, 0);
    std::vector<std::optional<std::uint32_t>> own(n_lines);  // the line's last term that is not a strike
    for (std::size_t i = 0; i < terms_list_.size(); ++i) {
        const detail::wf_term& t = terms_list_[i];
        if (t.kind == wf_term_kind::strike) {
            ++strikes[t.line];
        } else {
            own[t.line] = static_cast<std::uint32_t>(i);
        }
    }
    try {
        std::vector<detail::wf_form> forms = forms_at(kinks.front());
        detail::wf_piece piece;
        for (const detail::wf_form& f : forms) {
            piece.a += f.pref + f.part0;
            piece.b += f.part1;
        }
        for (std::size_t i = 0; i < terms_list_.size(); ++i) {
            if (terms_list_[i].kind == wf_term_kind::strike && forms[i].status == line_status::exercised) ++exercised[terms_list_[i].line];
        }
        std::size_t e = 0;
        while (e < entries.size() && entries[e].value == kinks.front()) ++e;  // in the forms already
        for (std::size_t k = 0; k < kinks.size(); ++k) {
            const fraction& v = kinks[k];
            if (k > 0) {
                // The terms with a kink at v (sorted by term: each once) take their form there.
                for (std::size_t prev = entries.size(); e < entries.size() && entries[e].value == v; ++e) {
                    const std::uint32_t i = entries[e].term;
                    if (prev != entries.size() && entries[prev].term == i) continue;
                    prev = e;
                    const detail::wf_form now = form_of(terms_list_[i], v);
                    detail::wf_form& was = forms[i];
                    piece.a += (now.pref + now.part0) - (was.pref + was.part0);
                    piece.b += now.part1 - was.part1;
                    if (terms_list_[i].kind == wf_term_kind::strike) {
                        exercised[terms_list_[i].line] += (now.status == line_status::exercised ? 1 : 0);
                        exercised[terms_list_[i].line] -= (was.status == line_status::exercised ? 1 : 0);
                    }
                    was = now;
                }
            }
            piece.v_lo = v;
            piece.x_lo = piece.a + piece.b * v;
            pieces_.push_back(piece);
            std::vector<line_status> st(n_lines, line_status::nothing);
            for (std::size_t l = 0; l < n_lines; ++l) {
                if (strikes[l] != 0) {
                    st[l] = exercised[l] == 0 ? line_status::nothing
                                              : (exercised[l] == strikes[l] ? line_status::exercised : line_status::partly_exercised);
                } else if (own[l]) {
                    st[l] = forms[*own[l]].status;
                }
            }
            piece_status_.push_back(std::move(st));
        }
        return;
    } catch (const overflow_error&) {
        // A running sum overflowed where the sum at each piece itself may fit: every term at
        // every piece, as the sums are defined (an overflow there is the waterfall's).
        pieces_.clear();
        piece_status_.clear();
    }
    for (const fraction& v : kinks) {
        detail::wf_piece piece;
        piece.v_lo = v;
        for (const detail::wf_form& f : forms_at(v)) {
            piece.a += f.pref + f.part0;
            piece.b += f.part1;
        }
        piece.x_lo = piece.a + piece.b * v;
        pieces_.push_back(std::move(piece));
    }
    for (const detail::wf_piece& piece : pieces_) piece_status_.push_back(statuses(piece.v_lo));
}

inline void waterfall::build_breakpoints(const std::vector<detail::wf_kink>& entries) {
    using detail::wf_term_kind;
    std::vector<waterfall_breakpoint> bps;
    const auto at_x = [&](const fraction& x, const fraction& v) -> waterfall_breakpoint& {
        if (bps.empty() || bps.back().exit_value != x) bps.push_back({x, v, {}});
        return bps.back();
    };
    const auto tier_names = [&](const tier& tr) {
        std::string names;
        for (const std::uint32_t i : tr.terms) {
            if (!names.empty()) names += ", ";
            names += lines_[terms_list_[i].line].name;
        }
        return names;
    };
    for (std::size_t j = 0; j < tiers_.size(); ++j) {
        const tier& tr = tiers_[j];
        const bool last = j + 1 == tiers_.size();
        waterfall_event e;
        e.kind = last ? waterfall_event_kind::preferences_paid : waterfall_event_kind::tier_paid;
        e.line = terms_list_[tr.terms.front()].line;
        e.seniority = tr.rank;
        e.description = last ? "every preference paid in full (last: seniority " + std::to_string(tr.rank) + ": " +
                                   tier_names(tr) + "); the rest is shared as common"
                             : "seniority " + std::to_string(tr.rank) + " paid in full (" + tier_names(tr) +
                                   "); seniority " + std::to_string(tiers_[j + 1].rank) + " starts";
        at_x(tr.from + tr.total, fraction()).events.push_back(std::move(e));
    }
    // The events of each piece: the terms' kinks at its v_lo, in the terms' order (entries are
    // sorted by value, then term, then kind; every kink is a piece's v_lo).
    std::size_t e = 0;
    for (std::size_t k = 0; k < pieces_.size(); ++k) {
        const detail::wf_piece& p = pieces_[k];
        while (e < entries.size() && entries[e].value < p.v_lo) ++e;
        std::vector<waterfall_event> events;
        for (; e < entries.size() && entries[e].value == p.v_lo; ++e) {
            const detail::wf_term& t = terms_list_[entries[e].term];
            const std::string& name = lines_[t.line].name;
            switch (entries[e].sub) {
                case 0: {
                    bool seen = false;
                    for (const waterfall_event& x : events) seen = seen || (x.kind == waterfall_event_kind::exercises && x.line == t.line);
                    if (!seen) {
                        events.push_back({waterfall_event_kind::exercises, t.line, 0,
                                          name + " with exercise price " + t.price.display_string() + " exercise"});
                    }
                    break;
                }
                case 1: events.push_back({waterfall_event_kind::converts, t.line, t.rank, name + " converts to common"}); break;
                case 2:
                    events.push_back({waterfall_event_kind::reaches_cap, t.line, t.rank, name + " reaches its participation cap"});
                    break;
                default:
                    events.push_back({waterfall_event_kind::converts, t.line, t.rank, name + " converts to common (above its cap)"});
                    break;
            }
        }
        if (events.empty()) continue;
        waterfall_breakpoint& b = at_x(p.x_lo, p.v_lo);
        for (waterfall_event& x : events) b.events.push_back(std::move(x));
    }
    breakpoints_ = std::move(bps);
}

inline payout_curve waterfall::curve() const {
    payout_curve c;
    c.breakpoints_ = breakpoints_;
    c.lines_ = lines_;
    c.currency_ = currency_;
    c.terms_ = terms_;
    const std::size_t n_lines = lines_.size();
    const std::size_t n_holders = holder_ids_.size();
    c.total_pref_ = total_pref_;
    if (tiers_.empty() && pieces_.front().b.sign() <= 0) {
        // Exit 0 is the start of a piece of zero width (dropped below): its state, as status_at(0),
        // and a share worth 0, beneath every exercise price (nothing paid in).
        c.flat_start_ = true;
        c.start_status_ = piece_status_.front();
        c.start_exercise_by_line_.assign(n_lines, money::zero(currency_));
        c.start_exercise_by_holder_.assign(n_holders, money::zero(currency_));
    }
    c.width_ = n_lines + n_holders;
    c.largest_denominator_ = detail::wf_largest_denominator(terms_list_, lines_);
    // Per segment, the value of a share where it starts (phase 2; none in phase 1, where it is 0):
    // a grant exercises on the segment exactly when its strike is at most that value, as in
    // forms_at(), without evaluating the segment's line (whose terms may not fit).
    std::vector<std::optional<fraction>> v_lo_of;
    const auto add_segment = [&](waterfall_segment s, const std::vector<detail::wf_form>& pref_forms_x,
                                 const std::vector<detail::wf_form>& part_forms_x,
                                 std::optional<fraction> v_lo) {
        v_lo_of.push_back(std::move(v_lo));
        // pref_forms_x[i] / part_forms_x[i]: intercept in part0, slope in part1 (in x).
        s.lines.assign(n_lines, linear_payout{});
        s.holders.assign(n_holders, linear_payout{});
        for (std::size_t i = 0; i < terms_list_.size(); ++i) {
            linear_payout& l = s.lines[terms_list_[i].line];
            l.intercept += pref_forms_x[i].part0 + part_forms_x[i].part0;
            l.slope += pref_forms_x[i].part1 + part_forms_x[i].part1;
        }
        for (const detail::wf_position& p : positions_) {
            linear_payout& h = s.holders[p.holder];
            h.intercept += p.pref_share * pref_forms_x[p.term].part0 + p.part_share * part_forms_x[p.term].part0;
            h.slope += p.pref_share * pref_forms_x[p.term].part1 + p.part_share * part_forms_x[p.term].part1;
        }
        c.segments_.push_back(std::move(s));
    };
    const std::size_t n_terms = terms_list_.size();
    // The segments' exact slopes and intercepts; where they overflow, the segment being built is
    // named by its start (`building`), with the price of the largest denominator.
    const fraction* building = nullptr;
    try {
        // Phase 1: one segment per tier.
        for (std::size_t j = 0; j < tiers_.size(); ++j) {
            const tier& tr = tiers_[j];
            building = &tr.from;
            std::vector<detail::wf_form> pref(n_terms), part(n_terms);
            for (std::size_t q = 0; q < tiers_.size(); ++q) {
                for (const std::uint32_t i : tiers_[q].terms) {
                    if (q < j) pref[i].part0 = terms_list_[i].pref;
                    if (q == j) {
                        const fraction share = terms_list_[i].pref / tr.total;  // pro rata to preferences
                        pref[i].part1 = share;
                        pref[i].part0 = -(tr.from * share);
                    }
                }
            }
            waterfall_segment s;
            s.from = tr.from;
            s.to = tr.from + tr.total;
            s.status = tier_status_[j];
            add_segment(std::move(s), pref, part, std::nullopt);
        }
        // Phase 2: one segment per piece of positive width.
        for (std::size_t k = 0; k < pieces_.size(); ++k) {
            const detail::wf_piece& p = pieces_[k];
            if (p.b.sign() <= 0) continue;  // zero width in x
            building = &p.x_lo;
            const std::vector<detail::wf_form> forms = forms_at(p.v_lo);
            std::vector<detail::wf_form> pref(n_terms), part(n_terms);
            // v = (x - a) / b: a term part0 + part1 v = (part0 - part1 a / b) + (part1 / b) x.
            for (std::size_t i = 0; i < n_terms; ++i) {
                pref[i].part0 = forms[i].pref;
                const fraction slope = forms[i].part1 / p.b;
                part[i].part1 = slope;
                part[i].part0 = forms[i].part0 - slope * p.a;
            }
            waterfall_segment s;
            s.from = p.x_lo;
            if (k + 1 < pieces_.size()) s.to = pieces_[k + 1].x_lo;
            s.value_per_share = {-(p.a / p.b), fraction(1) / p.b};
            s.status = piece_status_[k];
            add_segment(std::move(s), pref, part, p.v_lo);
        }
    } catch (const overflow_error&) {
        curve_overflow(building ? *building : fraction());
    }
    // Drop zero-width segments left between pieces (kinks at the same exit value).
    std::vector<waterfall_segment> kept;
    std::vector<std::optional<fraction>> kept_v_lo;
    for (std::size_t k = 0; k < c.segments_.size(); ++k) {
        waterfall_segment& s = c.segments_[k];
        if (s.to && *s.to == s.from) continue;
        kept.push_back(std::move(s));
        kept_v_lo.push_back(std::move(v_lo_of[k]));
    }
    c.segments_ = std::move(kept);
    std::size_t segment_number = 0;
    // Fast evaluation data and exercise prices paid in.
    for (const waterfall_segment& s : c.segments_) {
        c.starts_.push_back(s.from);
        detail::uint128 den = 1;
        const auto fold = [&](const fraction& f) {
            if (den != 0) den = detail::wf_lcm(den, static_cast<detail::uint128>(f.denominator()));
        };
        for (const linear_payout& l : s.lines) { fold(l.intercept); fold(l.slope); }
        for (const linear_payout& h : s.holders) { fold(h.intercept); fold(h.slope); }
        const auto numerators = [&](const linear_payout& l) {
            const auto scaled = [&](const fraction& f) {
                const fraction g = f * fraction(static_cast<detail::int128>(den));
                return g.numerator();
            };
            c.num_a_.push_back(scaled(l.intercept));
            c.num_b_.push_back(scaled(l.slope));
        };
        if (den != 0) {
            try {
                for (const linear_payout& l : s.lines) numerators(l);
                for (const linear_payout& h : s.holders) numerators(h);
            } catch (const overflow_error&) {
                den = 0;
            }
        }
        c.num_a_.resize(c.den_.size() * c.width_ + c.width_);
        c.num_b_.resize(c.den_.size() * c.width_ + c.width_);
        // The 64-bit route when the denominator and every numerator fit.
        const auto fits64 = [](detail::int128 v) {
            return v <= static_cast<detail::int128>(detail::int64_max) && v >= static_cast<detail::int128>(detail::int64_min);
        };
        bool narrow = den != 0 && den <= static_cast<detail::uint128>(std::numeric_limits<std::uint64_t>::max());
        const std::size_t row = c.den_.size() * c.width_;
        for (std::size_t i = 0; narrow && i < c.width_; ++i) narrow = fits64(c.num_a_[row + i]) && fits64(c.num_b_[row + i]);
        // A denominator of 1 is taken as 2 (numerators doubled): every segment then divides the
        // same way, by a reciprocal (wf_divisor needs d >= 2).
        const detail::int128 scale = den == 1 ? 2 : 1;
        for (std::size_t i = 0; narrow && i < c.width_; ++i) {
            narrow = fits64(c.num_a_[row + i] * scale) && fits64(c.num_b_[row + i] * scale);
        }
        for (std::size_t i = 0; i < c.width_; ++i) {
            c.ab64_.push_back(narrow ? static_cast<std::int64_t>(c.num_a_[row + i] * scale) : 0);
            c.ab64_.push_back(narrow ? static_cast<std::int64_t>(c.num_b_[row + i] * scale) : 0);
        }
        c.den64_.push_back(narrow ? static_cast<std::uint64_t>(den * static_cast<detail::uint128>(scale)) : 0);
        c.div64_.push_back(narrow ? detail::wf_divisor_of(c.den64_.back()) : detail::wf_divisor{});
        c.den_.push_back(den);
        const detail::int128 first = s.from.round_to_integer(rounding::ceiling);
        if (first <= static_cast<detail::int128>(detail::int64_max)) {
            c.first_exit_.push_back(static_cast<std::int64_t>(first));
            c.starts_whole_.push_back(s.from.is_integer() ? 1 : 0);
        }
        // Exercise prices paid in, by segment (exercise is constant on a segment).
        std::vector<money> by_line(n_lines, money::zero(currency_));
        std::vector<money> by_holder(n_holders, money::zero(currency_));
        const std::optional<fraction>& v_lo = kept_v_lo[segment_number++];
        if (terms_.exercise == option_exercise::paid_in && v_lo) {
            for (const detail::wf_position& p : positions_) {
                const detail::wf_term& t = terms_list_[p.term];
                if (t.kind != detail::wf_term_kind::strike || t.shares.sign() <= 0 || !(t.strike <= *v_lo)) continue;
                const money paid = t.price.cost_of(t.count, terms_.exercise_rounding);
                by_line[t.line] += paid;
                by_holder[p.holder] += paid;
            }
        }
        c.exercise_by_line_.push_back(std::move(by_line));
        c.exercise_by_holder_.push_back(std::move(by_holder));
    }
    return c;
}

inline std::size_t payout_curve::segment_index(const fraction& x) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), x);
    return it == starts_.begin() ? 0 : static_cast<std::size_t>(it - starts_.begin()) - 1;
}

inline bool payout_curve::fast64(std::size_t s, std::int64_t x, std::size_t first, std::size_t count,
                                 curve_payout& scratch, money* into) const {
    // Numerators a + b x in 64 bits (checked), each divided by the segment's denominator by a
    // multiply with its precomputed reciprocal; the same number of steps in every segment.
    const std::uint64_t d = den64_[s];
    if (d == 0) return false;
    const std::int64_t* ab = ab64_.data() + 2 * (s * width_ + first);
    const detail::wf_divisor& by = div64_[s];
    if (count <= 8 && d <= (std::uint64_t{1} << 57)) {
        // Few entries (the usual table): the count as a constant.
        const bool exact = terms_.payouts == payout_rounding::exact;
        switch (count) {
            case 1: return detail::wf_fill64<1>(ab, by, x, exact, currency_, into);
            case 2: return detail::wf_fill64<2>(ab, by, x, exact, currency_, into);
            case 3: return detail::wf_fill64<3>(ab, by, x, exact, currency_, into);
            case 4: return detail::wf_fill64<4>(ab, by, x, exact, currency_, into);
            case 5: return detail::wf_fill64<5>(ab, by, x, exact, currency_, into);
            case 6: return detail::wf_fill64<6>(ab, by, x, exact, currency_, into);
            case 7: return detail::wf_fill64<7>(ab, by, x, exact, currency_, into);
            case 8: return detail::wf_fill64<8>(ab, by, x, exact, currency_, into);
            default: return false;  // no entries: the general route (it throws unless x is 0)
        }
    }
    std::int64_t* parts = scratch.parts_.data();
    std::uint64_t* rem = scratch.rem64_.data();
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < count; ++i) {
        std::int64_t n = 0;
        if (!detail::wf_mul_add(ab[2 * i], ab[2 * i + 1], x, n) || n < 0) return false;
        const auto un = static_cast<std::uint64_t>(n);
        const std::uint64_t q = detail::wf_divide(un, by);  // un / d: n >= 0, so un < 2^63
        rem[i] = un - q * d;
        parts[i] = static_cast<std::int64_t>(q);
        assigned = detail::checked_add(assigned, parts[i]);
    }
    const std::int64_t leftover = detail::checked_sub(x, assigned);
    if (terms_.payouts == payout_rounding::exact && leftover != 0) return false;  // the caller throws
    if (count < 64 && d <= (std::uint64_t{1} << 57)) {
        detail::wf_give_leftover_packed(parts, rem, count, leftover);
    } else {
        detail::wf_give_leftover(parts, rem, count, leftover, scratch.order_);
    }
    for (std::size_t i = 0; i < count; ++i) into[i] = money::from_units(parts[i], currency_);
    return true;
}

inline bool payout_curve::fast128(std::size_t s, std::int64_t x, std::size_t first, std::size_t count,
                                  curve_payout& scratch, money* into) const {
    // Numerators beyond 64 bits: a + b x in 128 bits (checked), one 128-bit division each.
    using detail::int128;
    using detail::uint128;
    const uint128 den = den_[s];
    if (den == 0) return false;
    const auto d = static_cast<int128>(den);
    if (scratch.rem128_.size() < count) scratch.rem128_.resize(count);
    std::int64_t* parts = scratch.parts_.data();
    uint128* rem = scratch.rem128_.data();
    std::int64_t assigned = 0;
    const auto ux = static_cast<uint128>(x);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t k = s * width_ + first + i;
        const int128 b = num_b_[k];
        if (b < 0) return false;
        uint128 bx = 0;
        if (detail::mul_overflow(static_cast<uint128>(b), ux, bx) || bx > detail::int128_max_magnitude / 2) return false;
        const int128 a = num_a_[k];
        if (a > static_cast<int128>(detail::int128_max_magnitude / 4) || -a > static_cast<int128>(detail::int128_max_magnitude / 4)) {
            return false;
        }
        const int128 n = a + static_cast<int128>(bx);
        if (n < 0) return false;  // cannot happen for a payout; the caller uses exact fractions
        const int128 q = n / d;
        if (q > static_cast<int128>(detail::int64_max)) return false;
        parts[i] = static_cast<std::int64_t>(q);
        rem[i] = static_cast<uint128>(n % d);
        assigned = detail::checked_add(assigned, parts[i]);
    }
    const std::int64_t leftover = detail::checked_sub(x, assigned);
    if (terms_.payouts == payout_rounding::exact && leftover != 0) return false;
    detail::wf_give_leftover(parts, rem, count, leftover, scratch.order_);
    for (std::size_t i = 0; i < count; ++i) into[i] = money::from_units(parts[i], currency_);
    return true;
}

inline void payout_curve::slow_fill(std::int64_t x, const std::vector<linear_payout>& exact, money* into) const {
    // Exact fractions (a denominator or a numerator beyond 128 bits, or exact rounding refused):
    // throws inexact_error or overflow_error where the payouts cannot be given.
    if (!detail::wf_fill_exact(x, exact, terms_.payouts, currency_, into)) payouts_overflow(x);
}

inline std::int64_t payout_curve::locate(money exit_value, curve_payout& into) const {
    if (exit_value.currency() != currency_ || exit_value.is_negative()) detail::wf_bad_curve_exit(exit_value, currency_);
    if (first_exit_.empty()) detail::wf_empty_curve();  // moved from: nothing to locate in
    const std::int64_t x = exit_value.units();
    // The last segment whose first whole exit value is at most x (the first one's is 0): the one
    // holding x. A binary search without branches on the data (conditional moves).
    const std::int64_t* base = first_exit_.data();
    for (std::size_t n = first_exit_.size(); n > 1;) {
        const std::size_t half = n / 2;
        base = base[half] <= x ? base + half : base;
        n -= half;
    }
    const auto s = static_cast<std::size_t>(base - first_exit_.data());
    into.exit_value = exit_value;
    into.segment = s;
    // At a breakpoint the state below holds (ties do not convert or exercise).
    const unsigned at_start = static_cast<unsigned>(s > 0) & static_cast<unsigned>(starts_whole_[s] != 0) &
                              static_cast<unsigned>(first_exit_[s] == x);
    into.state_segment = s - at_start;
    return x;
}

inline void payout_curve::reserve_scratch(curve_payout& into, std::size_t count) {
    if (into.parts_.size() < count) {
        into.parts_.resize(count);
        into.rem64_.resize(count);
    }
}

inline void payout_curve::at(money exit_value, curve_payout& into) const {
    const std::int64_t x = locate(exit_value, into);
    const std::size_t s = into.segment;
    const std::size_t n_lines = lines_.size();
    const std::size_t n_holders = width_ - n_lines;
    if (into.by_line.size() != n_lines) into.by_line.resize(n_lines);
    if (into.by_holder.size() != n_holders) into.by_holder.resize(n_holders);
    reserve_scratch(into, std::max(n_lines, n_holders));
    const waterfall_segment& seg = segments_[s];
    if (!fast64(s, x, 0, n_lines, into, into.by_line.data()) && !fast128(s, x, 0, n_lines, into, into.by_line.data())) {
        slow_fill(x, seg.lines, into.by_line.data());
    }
    if (!fast64(s, x, n_lines, n_holders, into, into.by_holder.data()) &&
        !fast128(s, x, n_lines, n_holders, into, into.by_holder.data())) {
        slow_fill(x, seg.holders, into.by_holder.data());
    }
}

inline void payout_curve::lines_at(money exit_value, curve_payout& into) const {
    // The lines' half of at(exit, into): the same segment, numerators, rounding and fallbacks
    // (the lines are rounded on their own in at() too), the holders not computed.
    const std::int64_t x = locate(exit_value, into);
    const std::size_t s = into.segment;
    const std::size_t n_lines = lines_.size();
    if (into.by_line.size() != n_lines) into.by_line.resize(n_lines);
    into.by_holder.clear();  // keeps its capacity
    reserve_scratch(into, n_lines);
    if (!fast64(s, x, 0, n_lines, into, into.by_line.data()) && !fast128(s, x, 0, n_lines, into, into.by_line.data())) {
        slow_fill(x, segments_[s].lines, into.by_line.data());
    }
}

inline std::size_t payout_curve::checked_segment(std::size_t s) const {
    if (s >= segments_.size()) {
        throw invalid_argument_error("payout_curve: curve_payout segment " + std::to_string(s) + " is not one of this curve's " +
                                     std::to_string(segments_.size()) + " segments (filled by another curve?)");
    }
    return s;
}

inline const std::vector<line_status>& payout_curve::status(const curve_payout& p) const {
    const std::vector<line_status>& s = segments_[checked_segment(p.state_segment)].status;
    return at_flat_start(p) ? start_status_ : s;
}

inline fraction payout_curve::value_per_share(const curve_payout& p) const {
    const linear_payout& v = segments_[checked_segment(p.segment)].value_per_share;
    const fraction x(p.exit_value.units());
    // Up to the total preference a share is worth 0, as waterfall::value_per_share (the first
    // segment above it starts at a positive value when nothing is shared at 0).
    if (x <= total_pref_) return fraction();
    return v.at(x);
}

inline const std::vector<money>& payout_curve::exercise_paid_by_line(const curve_payout& p) const {
    const std::vector<money>& e = exercise_by_line_[checked_segment(p.state_segment)];
    return at_flat_start(p) ? start_exercise_by_line_ : e;
}

inline const std::vector<money>& payout_curve::exercise_paid_by_holder(const curve_payout& p) const {
    const std::vector<money>& e = exercise_by_holder_[checked_segment(p.state_segment)];
    return at_flat_start(p) ? start_exercise_by_holder_ : e;
}

inline waterfall_payout payout_curve::at(money exit_value) const {
    curve_payout p;
    at(exit_value, p);
    waterfall_payout r;
    r.exit_value = exit_value;
    r.value_per_share = value_per_share(p);
    r.by_line = std::move(p.by_line);
    r.by_holder = std::move(p.by_holder);
    r.exercise_paid_by_line = exercise_paid_by_line(p);
    r.exercise_paid_by_holder = exercise_paid_by_holder(p);
    r.status = status(p);
    return r;
}

inline std::vector<waterfall_payout> payout_curve::at(const std::vector<money>& exit_values) const {
    std::vector<diagnostic> problems;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        const auto at = [&] { return field_path("exit_values").index(i); };  // built for a problem only
        if (exit_values[i].currency() != currency_) {
            problems.push_back({at(), format_full(exit_values[i]), detail::table_currency_rule(currency_)});
        }
        if (exit_values[i].is_negative()) problems.push_back({at(), format_full(exit_values[i]), "must not be negative"});
    }
    if (!problems.empty()) throw validation_error("payout curve exit values", std::move(problems));
    std::vector<waterfall_payout> out;
    out.reserve(exit_values.size());
    for (const money m : exit_values) out.push_back(at(m));
    return out;
}

inline std::optional<payout_curve> waterfall::curve_for(std::size_t count) const {
    if (count <= breakpoints_.size() + 1) return std::nullopt;
    try {
        return curve();
    } catch (const overflow_error&) {
        return std::nullopt;  // slopes and intercepts beyond 128-bit fractions: solved directly
    }
}

inline std::optional<waterfall_payout> waterfall::from_curve(const payout_curve& curve, curve_payout& scratch,
                                                            money exit_value) const {
    try {
        curve.at(exit_value, scratch);
        waterfall_payout r;
        r.exit_value = exit_value;
        r.value_per_share = curve.value_per_share(scratch);
        r.by_line = scratch.by_line;  // copied: the scratch keeps its storage
        r.by_holder = scratch.by_holder;
        r.exercise_paid_by_line = curve.exercise_paid_by_line(scratch);
        r.exercise_paid_by_holder = curve.exercise_paid_by_holder(scratch);
        r.status = curve.status(scratch);
        return r;
    } catch (const overflow_error&) {
    } catch (const inexact_error&) {
    }
    return std::nullopt;
}

inline waterfall_payout waterfall::at_from(const std::optional<payout_curve>& curve, curve_payout& scratch,
                                           money exit_value) const {
    if (!curve) return at(exit_value);
    if (std::optional<waterfall_payout> p = from_curve(*curve, scratch, exit_value)) return std::move(*p);
    // The curve cannot give it: at() then solves directly, or throws its error (its own fallback
    // to the curve would fail again).
    if (std::optional<waterfall_payout> p = solve(exit_value)) return std::move(*p);
    payouts_overflow(fraction(exit_value.units()));
}

inline std::vector<waterfall_payout> waterfall::at_many(const std::vector<money>& exit_values) const {
    std::vector<waterfall_payout> out;
    out.reserve(exit_values.size());
    const std::optional<payout_curve> curve = curve_for(exit_values.size());
    curve_payout scratch;
    for (const money m : exit_values) out.push_back(at_from(curve, scratch, m));
    return out;
}

inline waterfall_payouts waterfall::payouts_at(const std::vector<money>& exit_values) const {
    std::vector<diagnostic> problems;
    for (std::size_t i = 0; i < exit_values.size(); ++i) {
        for (diagnostic& d : check_exit(exit_values[i], field_path("exit_values").index(i))) problems.push_back(std::move(d));
    }
    if (!problems.empty()) throw validation_error("liquidation waterfall exit values", std::move(problems));
    // at_many(), one exit at a time: each payout is made compact before the next is computed.
    waterfall_payouts out(holder_ids_.size(), currency_);
    out.curves_.push_back(curve_for(exit_values.size()));
    out.lines_.reserve(exit_values.size());
    out.columns_.reserve(exit_values.size());
    curve_payout scratch;
    for (const money m : exit_values) out.add(0, at_from(out.curves_[0], scratch, m));
    return out;
}

inline bool waterfall_payouts::split(const payout_curve& curve, std::size_t s, bool wide, std::int64_t x, std::size_t h,
                                     std::int64_t& q, detail::uint128& rem) {
    using detail::int128;
    using detail::uint128;
    const std::size_t k = s * curve.width_ + curve.lines_.size() + h;
    if (!wide) {
        std::int64_t n = 0;
        if (!detail::wf_mul_add(curve.ab64_[2 * k], curve.ab64_[2 * k + 1], x, n) || n < 0) return false;
        const auto un = static_cast<std::uint64_t>(n);
        const std::uint64_t whole = detail::wf_divide(un, curve.div64_[s]);
        q = static_cast<std::int64_t>(whole);
        rem = uint128(un - whole * curve.den64_[s]);
        return true;
    }
    // As payout_curve::fast128: a + b x in 128 bits, checked, one division.
    const auto d = static_cast<int128>(curve.den_[s]);
    const int128 b = curve.num_b_[k];
    if (b < 0) return false;
    uint128 bx = 0;
    if (detail::mul_overflow(static_cast<uint128>(b), static_cast<uint128>(x), bx) || bx > detail::int128_max_magnitude / 2) {
        return false;
    }
    const int128 a = curve.num_a_[k];
    if (a > static_cast<int128>(detail::int128_max_magnitude / 4) || -a > static_cast<int128>(detail::int128_max_magnitude / 4)) {
        return false;
    }
    const int128 n = a + static_cast<int128>(bx);
    if (n < 0) return false;
    const int128 whole = n / d;
    if (whole > static_cast<int128>(detail::int64_max)) return false;
    q = static_cast<std::int64_t>(whole);
    rem = static_cast<uint128>(n % d);
    return true;
}

inline bool waterfall_payouts::compact(const payout_curve& curve, const std::vector<money>& by_holder, column& c,
                                       std::vector<detail::uint128>& rem) {
    curve_payout where;  // no allocation: locate() sets the exit value and the segments only
    const std::int64_t x = curve.locate(money::from_units(c.x, curve.currency_), where);
    const std::size_t s = where.segment;
    if (curve.width_ - curve.lines_.size() != by_holder.size()) return false;
    // The 64-bit route where it holds, else the 128-bit one (payout_curve::at's order).
    return (curve.den64_[s] != 0 && compact_on(curve, by_holder, c, rem, s, false, x)) ||
           (curve.den_[s] != 0 && compact_on(curve, by_holder, c, rem, s, true, x));
}

inline bool waterfall_payouts::compact_on(const payout_curve& curve, const std::vector<money>& by_holder, column& c,
                                          std::vector<detail::uint128>& rem, std::size_t s, bool wide, std::int64_t x) {
    const detail::uint128 d = wide ? curve.den_[s] : detail::uint128(curve.den64_[s]);
    rem.resize(by_holder.size());
    // The threshold: the smallest key (remainder, then the later holder) given a leftover unit.
    bool any = false;
    detail::uint128 low = 0;
    std::size_t low_index = 0;
    for (std::size_t h = 0; h < by_holder.size(); ++h) {
        std::int64_t q = 0;
        if (!split(curve, s, wide, x, h, q, rem[h])) return false;
        const std::int64_t extra = by_holder[h].units() - q;
        if (extra != 0 && extra != 1) return false;
        if (extra == 1 && (!any || rem[h] < low || (rem[h] == low && h > low_index))) {
            any = true;
            low = rem[h];
            low_index = h;
        }
    }
    if (!any) {
        low = d;  // every remainder is below d: nobody
        low_index = 0;
    }
    // Checked: the threshold gives exactly the units the payouts were given.
    for (std::size_t h = 0; h < by_holder.size(); ++h) {
        std::int64_t q = 0;
        detail::uint128 r = 0;
        (void)split(curve, s, wide, x, h, q, r);  // fits: checked above
        const bool up = r > low || (r == low && h <= low_index);
        if (by_holder[h].units() != q + (up ? 1 : 0)) return false;
    }
    c.segment = s;
    c.wide = wide;
    c.rem = low;
    c.index = low_index;
    return true;
}

inline void waterfall_payouts::add(std::size_t curve, waterfall_payout p) {
    column c;
    c.x = p.exit_value.units();
    if (curve < curves_.size() && curves_[curve] && compact(*curves_[curve], p.by_holder, c, rem_)) {
        c.curve = curve;
    } else {
        c.full = full_.size();
        for (const money m : p.by_holder) full_.push_back(m.units());
    }
    if (exercise_.empty() || exercise_.back() != p.exercise_paid_by_holder) exercise_.push_back(std::move(p.exercise_paid_by_holder));
    c.exercise = exercise_.size() - 1;
    p.by_holder = std::vector<money>();
    p.exercise_paid_by_holder = std::vector<money>();
    columns_.push_back(c);
    lines_.push_back(std::move(p));
}

inline const waterfall_payouts::column& waterfall_payouts::column_at(std::size_t i) const {
    if (i >= columns_.size()) {
        throw invalid_argument_error("waterfall_payouts: exit " + std::to_string(i) + " is not one of the " +
                                     std::to_string(columns_.size()) + " exit values");
    }
    return columns_[i];
}

inline void waterfall_payouts::check_holder(std::size_t h) const {
    if (h >= holders_) {
        throw invalid_argument_error("waterfall_payouts: holder " + std::to_string(h) + " is not one of the " +
                                     std::to_string(holders_) + " holders");
    }
}

inline money waterfall_payouts::by_holder(std::size_t i, std::size_t h) const {
    const column& c = column_at(i);
    check_holder(h);
    if (c.full != none) return money::from_units(full_[c.full + h], currency_);
    std::int64_t q = 0;
    detail::uint128 rem = 0;
    (void)split(*curves_[c.curve], c.segment, c.wide, c.x, h, q, rem);  // fits: checked by compact()
    const bool up = rem > c.rem || (rem == c.rem && h <= c.index);
    return money::from_units(q + (up ? 1 : 0), currency_);
}

inline money waterfall_payouts::exercise_paid_by_holder(std::size_t i, std::size_t h) const {
    const column& c = column_at(i);
    check_holder(h);
    return exercise_[c.exercise].at(h);
}

inline waterfall_payout waterfall_payouts::at(std::size_t i) const {
    waterfall_payout p = without_holders(i);  // i checked
    p.by_holder.reserve(holders_);
    for (std::size_t h = 0; h < holders_; ++h) p.by_holder.push_back(by_holder(i, h));
    p.exercise_paid_by_holder = exercise_[column_at(i).exercise];
    return p;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_EXIT_WATERFALL_HPP
