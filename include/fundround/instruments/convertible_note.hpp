/// @file instruments/convertible_note.hpp
/// @brief Convertible notes as value types: principal, issue and maturity dates, an interest rate
/// as an exact fraction, simple or compound interest (a named compounding period), a named day
/// count, accrued interest exact and rounded to the money unit (the mill) by a named mode,
/// accruing to the conversion date or stopping at maturity (a named term), a valuation cap and a
/// discount, and the qualified-financing threshold.
///
/// Accrued interest from the issue date to a date d (d the maturity date if interest accrues to
/// maturity and d is after it), with t the day count's year fraction and r
/// the annual rate: simple `P r t`; compound with m periods a
/// year `P ((1 + r/m)^n (1 + (r/m) f) - 1)` where n = floor(m t) whole periods and f = m t - n the
/// stub, accrued simply. Exact on big integers, then rounded once to the money unit. The issue date
/// is counted, d is not (t is 0 on the issue date). Unknown terms and interest beyond the money
/// range throw, naming them.
#ifndef FUNDROUND_INSTRUMENTS_CONVERTIBLE_NOTE_HPP
#define FUNDROUND_INSTRUMENTS_CONVERTIBLE_NOTE_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/company/fully_diluted_basis.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/time/calendar.hpp>


#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How a note's days become a fraction of a year. The first three are analysis/discount.hpp's
/// day_count (year_fraction() computes them); two more are common in note documents.
enum class note_day_count {
    actual_365_fixed,   ///< Actual days / 365 (day_count::actual_365_fixed).
    actual_360,         ///< Actual days / 360 (day_count::actual_360).
    thirty_e_360,       ///< 30E/360, Eurobond basis (day_count::thirty_e_360).
    thirty_360_us,      ///< 30/360 US bond basis: D1 = 31 -> 30; D2 = 31 -> 30 when D1 >= 30 (no February end-of-month rule).
    actual_actual_isda, ///< Actual/Actual (ISDA): days in each calendar year / that year's length (365 or 366).
};

/// The convention's market name, e.g. "actual/actual (ISDA)".
[[nodiscard]] constexpr std::string_view to_string(note_day_count c) noexcept {
    switch (c) {
        case note_day_count::actual_365_fixed: return "actual/365 fixed";
        case note_day_count::actual_360: return "actual/360";
        case note_day_count::thirty_e_360: return "30E/360";
        case note_day_count::thirty_360_us: return "30/360 (US bond basis)";
        case note_day_count::actual_actual_isda: return "actual/actual (ISDA)";
    }
    return "unknown";
}

/// Simple or compound interest.
enum class interest_method {
    simple,    ///< Principal x rate x year fraction.
    compound,  ///< Compounded every period (see compounding_period), the last partial period simply.
};

/// "simple" or "compound" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(interest_method m) noexcept {
    return m == interest_method::simple ? "simple" : m == interest_method::compound ? "compound" : "unknown";
}

/// How often compound interest is added to the principal.
enum class compounding_period {
    annually = 1,      ///< Once a year.
    semiannually = 2,  ///< Twice a year.
    quarterly = 4,     ///< Four times a year.
    monthly = 12,      ///< Twelve times a year.
};

/// "annually", "semiannually", "quarterly" or "monthly".
[[nodiscard]] constexpr std::string_view to_string(compounding_period p) noexcept {
    switch (p) {
        case compounding_period::annually: return "annually";
        case compounding_period::semiannually: return "semiannually";
        case compounding_period::quarterly: return "quarterly";
        case compounding_period::monthly: return "monthly";
    }
    return "unknown";
}

namespace detail {

/// Days from 1 January of @p d's year to @p d.
inline std::int64_t days_since_new_year(calendar_date d) {
    return (d - year{d.year()} / 1 / 1).count();
}

/// note_day_count's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view note_day_count_names[] = {"actual_365_fixed", "actual_360", "thirty_e_360", "thirty_360_us",
                                                            "actual_actual_isda"};
/// interest_method's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view interest_method_names[] = {"simple", "compound"};
/// compounding_period's names as written in code, in order (its values are 1, 2, 4 and 12:
/// known() checks them; the names give the rule).
inline constexpr std::string_view compounding_period_names[] = {"annually", "semiannually", "quarterly", "monthly"};

/// The exact year fraction from @p from to @p to (to >= from) under @p c.
inline fraction note_year_fraction(calendar_date from, calendar_date to, note_day_count c) {
    switch (c) {
        case note_day_count::actual_365_fixed: return year_fraction(from, to, day_count::actual_365_fixed);
        case note_day_count::actual_360: return year_fraction(from, to, day_count::actual_360);
        case note_day_count::thirty_e_360: return year_fraction(from, to, day_count::thirty_e_360);
        case note_day_count::thirty_360_us: {
            std::int64_t d1 = static_cast<std::int64_t>(static_cast<unsigned>(from.day()));
            std::int64_t d2 = static_cast<std::int64_t>(static_cast<unsigned>(to.day()));
            if (d1 == 31) d1 = 30;
            if (d2 == 31 && d1 >= 30) d2 = 30;
            const std::int64_t years = std::int64_t{static_cast<int>(to.year())} - std::int64_t{static_cast<int>(from.year())};
            const std::int64_t months = static_cast<std::int64_t>(static_cast<unsigned>(to.month())) -
                                        static_cast<std::int64_t>(static_cast<unsigned>(from.month()));
            return fraction(360 * years + 30 * months + d2 - d1, 360);
        }
        case note_day_count::actual_actual_isda: {
            // Whole calendar years between count 1 each; the days of the first and last year
            // over that year's length.
            const int y1 = static_cast<int>(from.year());
            const int y2 = static_cast<int>(to.year());
            const auto length = [](int y) { return year{y}.is_leap() ? std::int64_t{366} : std::int64_t{365}; };
            if (y1 == y2) {
                return fraction((to - from).count(), length(y1));
            }
            const fraction first(length(y1) - days_since_new_year(from), length(y1));
            const fraction last(days_since_new_year(to), length(y2));
            return first + fraction(y2 - y1 - 1) + last;
        }
    }
    throw_unknown_enum("day_count", c, note_day_count_names);
}

/// True if @p p is one of the named compounding periods.
[[nodiscard]] constexpr bool known(compounding_period p) noexcept {
    return p == compounding_period::annually || p == compounding_period::semiannually || p == compounding_period::quarterly ||
           p == compounding_period::monthly;
}

/// @p principal + @p interest, the amount a note converts or is paid on @p on; throws
/// overflow_error naming both and the date if the sum is beyond the money range.
inline money principal_plus_interest(money principal, money interest, calendar_date on) {
    const detail::int128 sum = detail::int128(principal.units()) + detail::int128(interest.units());
    if (sum > detail::int128(std::numeric_limits<std::int64_t>::max()) || sum < detail::int128(std::numeric_limits<std::int64_t>::min())) {
        throw overflow_error("principal plus interest on " + to_string(on) + " = " + format_full(principal) + " + " +
                             format_full(interest) + ": beyond the money range (at most " +
                             format_full(money::from_units(std::numeric_limits<std::int64_t>::max(), principal.currency())) +
                             " in magnitude)");
    }
    return principal + interest;
}

}  // namespace detail

/// Until when a note's interest accrues (a term of the note).
enum class note_interest_accrual {
    /// To the date the amount is computed for (a financing's close, an exit, an as-of date),
    /// past the maturity date too.
    to_conversion_date,
    /// To the maturity date at the latest: nothing accrues after it.
    to_maturity,
};

/// "to the conversion date" or "to maturity".
[[nodiscard]] constexpr std::string_view to_string(note_interest_accrual a) noexcept {
    switch (a) {
        case note_interest_accrual::to_conversion_date: return "to the conversion date";
        case note_interest_accrual::to_maturity: return "to maturity";
    }
    return "unknown";
}

/// Who chooses what happens to a note at maturity (a term of the note).
enum class note_party {
    holder,   ///< The holder elects conversion or repayment.
    company,  ///< The company elects conversion or repayment.
};

/// "holder" or "company" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(note_party p) noexcept {
    return p == note_party::holder ? "holder" : p == note_party::company ? "company" : "unknown";
}

namespace detail {
/// note_interest_accrual's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view note_interest_accrual_names[] = {"to_conversion_date", "to_maturity"};
/// note_party's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view note_party_names[] = {"holder", "company"};
}  // namespace detail

/// What a note may do at maturity if no qualified financing converted it: convert at a stated
/// valuation into a named class, or be repaid its principal plus accrued interest, as the named
/// party elects.
struct note_maturity_terms {
    /// The stated (pre-money) valuation conversion at maturity uses: price = valuation / the
    /// fully diluted capitalization just before the conversion (the note excluded). Empty:
    /// repayment only.
    std::optional<money> conversion_valuation;
    std::string share_class;                  ///< The class conversion issues, e.g. "Common" or "Series Seed Preferred".
    note_party elected_by = note_party::holder;  ///< Who chooses between conversion and repayment.
};

/// What a note receives at a change of control before it converts: the greatest of the amounts
/// the term lists (ties to the earlier in this order: multiple, principal plus interest,
/// conversion at the cap).
struct note_change_of_control_terms {
    std::optional<fraction> principal_multiple;  ///< A multiple of principal (2 = twice the principal), if listed.
    bool principal_plus_interest = true;         ///< Principal plus accrued interest, if listed.
    /// The proceeds on the shares the conversion amount buys at the cap price (valuation_cap /
    /// the capitalization the event names), if listed; needs a valuation cap.
    bool conversion_at_cap = false;
};

/// One convertible note: a loan that converts into the next qualified financing (principal plus
/// accrued interest) at the lower of its cap price and its discount price.
///
///     convertible_note n;
///     n.holder = holder_id("bridge");
///     n.principal = 250_K;
///     n.issue_date = year{2024} / 1 / 1;
///     n.maturity_date = year{2026} / 1 / 1;
///     n.annual_rate = fraction(8, 100);            // 8% a year, exactly
///     n.day_count = note_day_count::actual_365_fixed;
///     n.valuation_cap = 6_M;                       // over the pre-money capitalization
///                                                  // (n.cap_form)
///     n.discount = fraction(1, 5);                 // 20% off the round price
///     n.accrued_interest(year{2025} / 1 / 1);      // $20,054.795 (366 days / 365 x 8%)
///
/// A plain value: validate() reports every problem at once.
struct convertible_note {
    holder_id holder;                                      ///< The lender, a holder id on the cap table.
    money principal;                                       ///< The amount lent.
    /// Interest accrues from this date, counted, to the date an amount is computed for, not
    /// counted: a note issued and converted the same day accrues nothing, one converted the next
    /// day one day (the day counts' D1 and D2).
    calendar_date issue_date{};
    /// When the note falls due (after issue_date). Whether interest stops there is
    /// interest_accrues (by default it does not).
    calendar_date maturity_date{};
    fraction annual_rate;                                  ///< The annual interest rate, exactly (fraction(8, 100) = 8%).
    interest_method method = interest_method::simple;      ///< Simple or compound interest.
    compounding_period period = compounding_period::annually;  ///< The compounding period (compound interest only).
    note_day_count day_count = note_day_count::actual_365_fixed;  ///< How days become a year fraction.
    rounding interest_rounding = rounding::half_even;      ///< How accrued interest is rounded to the money unit (the mill).
    /// Until when interest accrues: to the conversion date (past maturity too, the default) or
    /// to the maturity date at the latest.
    note_interest_accrual interest_accrues = note_interest_accrual::to_conversion_date;
    std::optional<money> valuation_cap;                    ///< The valuation cap, if any.
    std::optional<fraction> discount;                      ///< The discount off the round price, if any.
    /// The capitalization the cap is divided by (notes: usually pre-money). Pre-money: the round's
    /// fully diluted count F0, the unallocated pool included (conversion_round::price_on() names
    /// the basis), unless cap_basis names a count of its own. Post-money: the capitalization Q
    /// right before the new money, this note's and every other instrument's conversion shares
    /// included, as a post-money SAFE's: at its cap the note holds exactly principal plus
    /// interest over the cap of Q ($1.05M at a $10M cap: 10.5% of Q).
    safe_form cap_form = safe_form::pre_money;
    /// Whether the financing's pool increase counts in it (not used with a cap_basis: that count
    /// is fixed before the round).
    fundround::pool_increase pool_increase = fundround::pool_increase::included;
    /// The shares a pre-money cap divides, if the note names them: the cap table's count on this
    /// basis just before the financing (no pool increase, no conversion shares), e.g.
    /// fully_diluted_basis::outstanding() for "the valuation cap divided by the number of shares
    /// of capital stock issued and outstanding immediately before the financing", or
    /// issued_and_granted() (granted options counted, the unallocated pool not). Empty: the
    /// round's fully diluted count (cap_form, pool_increase). Needs a valuation cap and a
    /// pre-money cap_form; convertibles cannot be counted in it.
    std::optional<fully_diluted_basis> cap_basis;
    /// The least new money (converting notes and SAFEs not counted) that makes a financing
    /// "qualified", so that the note converts; empty: any equity financing.
    std::optional<money> qualified_financing;
    std::optional<note_maturity_terms> at_maturity;  ///< What happens at maturity (instruments/note_events.hpp), if stated.
    /// What the note receives at a change of control (instruments/note_events.hpp), if stated.
    std::optional<note_change_of_control_terms> at_change_of_control;

    /// The exact year fraction from the issue date to @p on under the day count; throws
    /// invalid_argument_error if @p on is before the issue date or a date is invalid.
    [[nodiscard]] fraction years_to(calendar_date on) const {
        require_valid(issue_date, "convertible_note.issue_date");
        require_valid(on, "accrual date");
        if (on < issue_date) {
            throw invalid_argument_error("accrual date = " + to_string(on) + ": is before the note's issue date " +
                                         to_string(issue_date));
        }
        return detail::note_year_fraction(issue_date, on, day_count);
    }

    /// The date interest stops for an amount computed on @p on: @p on, or the maturity date if
    /// interest accrues to maturity and @p on is after it; throws invalid_argument_error for an
    /// invalid date (the maturity date only when it is used) or an unknown interest_accrues.
    [[nodiscard]] calendar_date accrual_end(calendar_date on) const {
        require_valid(on, "accrual date");
        if (interest_accrues == note_interest_accrual::to_conversion_date) return on;
        if (interest_accrues != note_interest_accrual::to_maturity) {
            detail::throw_unknown_enum("interest_accrues", interest_accrues, detail::note_interest_accrual_names);
        }
        require_valid(maturity_date, "convertible_note.maturity_date");
        return on > maturity_date ? maturity_date : on;
    }

    /// The interest accrued from the issue date to accrual_end(@p on), exactly, in money units
    /// (thousandths of the currency unit); throws like years_to() and accrual_end(), and
    /// invalid_argument_error for a negative rate, an unknown method, day count, interest
    /// rounding or (compound interest) period, and a maturity date before the issue date when
    /// interest stops there.
    [[nodiscard]] exact_rational accrued_interest_exact(calendar_date on) const {
        const fraction t = interest_years(on);
        const detail::big_rational p(fraction(principal.units()));
        if (method == interest_method::simple) {
            return exact_rational(p * detail::big_rational(annual_rate) * detail::big_rational(t));
        }
        const auto m = static_cast<std::int64_t>(period);
        const fraction periods = t * fraction(m);  // m t
        const fraction::rep whole = periods.numerator() / periods.denominator();
        const fraction stub = periods - fraction(whole);
        const detail::big_rational per(annual_rate / fraction(m));  // r / m
        detail::big_rational base = per;
        base += detail::big_rational(fraction(1));
        detail::big_rational growth = per * detail::big_rational(stub);
        growth += detail::big_rational(fraction(1));
        for (fraction::rep k = whole; k > 0; k /= 2) {  // square and multiply: (1 + r/m)^n exactly
            if (k % 2 == 1) growth.reduce() *= base;
            if (k > 1) base.reduce() *= base;
        }
        growth -= detail::big_rational(fraction(1));
        return exact_rational(p * growth);
    }

    /// accrued_interest_exact(@p on) rounded to the money unit by interest_rounding: the interest
    /// to @p on, or to the maturity date if it accrues to maturity and @p on is after it.
    /// Throws overflow_error naming the date, the amount and the note's terms if the interest is
    /// beyond the money range.
    [[nodiscard]] money accrued_interest(calendar_date on) const {
        std::optional<detail::big_int> bounded;
        if (method == interest_method::compound) bounded = compound_interest_bounded(on);
        const detail::big_int units =
            bounded ? *bounded : accrued_interest_exact(on).big().scaled_rounded(1, interest_rounding);
        if (units > detail::big_int(std::numeric_limits<std::int64_t>::max()) ||
            units < detail::big_int(std::numeric_limits<std::int64_t>::min())) {
            throw_interest_overflow(on, units, true);
        }
        return money::from_units(static_cast<std::int64_t>(units), principal.currency());
    }

    /// Principal + accrued_interest(@p on): the amount that converts on @p on; throws like
    /// accrued_interest(), and overflow_error naming both amounts if the sum is beyond the money
    /// range.
    [[nodiscard]] money conversion_amount(calendar_date on) const {
        return detail::principal_plus_interest(principal, accrued_interest(on), on);
    }

    /// True if a financing bringing @p new_money converts the note (no threshold, or met: at the
    /// threshold qualifies, one mill below does not); throws currency_mismatch_error naming the
    /// threshold if @p new_money is in another currency.
    [[nodiscard]] bool qualifies(money new_money) const {
        if (!qualified_financing) return true;
        if (qualified_financing->currency() != new_money.currency()) {
            throw currency_mismatch_error("qualified_financing = " + format_full(*qualified_financing) +
                                          ": cannot be compared with new money of " + format_full(new_money) +
                                          " (another currency; convert one of them first)");
        }
        return new_money >= *qualified_financing;
    }

    /// "convertible note (valuation cap and discount)".
    [[nodiscard]] std::string description() const {
        std::string terms = valuation_cap && discount ? "valuation cap and discount"
                            : valuation_cap           ? "valuation cap"
                            : discount                ? "discount"
                                                      : "no cap, no discount";
        return "convertible note (" + terms + ")";
    }

    /// Every problem with the note's own fields, each under @p path (e.g. `notes[0]`): a
    /// principal that is not positive, a maturity on or before the issue date, a negative rate,
    /// an unknown method, day count, compounding period, interest rounding, interest_accrues,
    /// cap form, pool increase or maturity election (each named by its integer and the names),
    /// a cap that is not positive, a discount below 0% or at 100% or more, a threshold that is not
    /// positive, an empty holder id, an invalid date; maturity and change-of-control terms that
    /// do not hold together (a valuation that is not positive, no class named, a multiple that
    /// is not positive, no amount listed, conversion at the cap without a cap).
    [[nodiscard]] std::vector<diagnostic> validate(const field_path& path = field_path("note")) const {
        std::vector<diagnostic> out;
        if (holder.str().empty()) out.push_back({path.member("holder"), "\"\"", "name the holder (a holder id on the cap table)"});
        if (!principal.is_positive()) out.push_back({path.member("principal"), format_full(principal), "must be positive"});
        const bool dates_ok = is_modelled(issue_date) && is_modelled(maturity_date);
        if (!is_modelled(issue_date)) out.push_back({path.member("issue_date"), to_string(issue_date), date_rule(issue_date)});
        if (!is_modelled(maturity_date)) {
            out.push_back({path.member("maturity_date"), to_string(maturity_date), date_rule(maturity_date)});
        }
        if (dates_ok && maturity_date <= issue_date) {
            out.push_back({path.member("maturity_date"), to_string(maturity_date),
                           "must be after the issue date " + to_string(issue_date) + " (a note cannot mature before it is issued)"});
        }
        if (annual_rate.sign() < 0) {
            out.push_back({path.member("annual_rate"), annual_rate.to_string() + " (" + annual_rate.to_percent_string(4) + ")",
                           "must not be negative"});
        }
        if (valuation_cap) {
            if (!valuation_cap->is_positive()) {
                out.push_back({path.member("valuation_cap"), format_full(*valuation_cap), "must be positive"});
            } else if (valuation_cap->currency() != principal.currency()) {
                out.push_back({path.member("valuation_cap"), format_full(*valuation_cap),
                               "must be in " + to_string(principal.currency()) + ", the principal's currency"});
            }
        }
        if (cap_basis) {
            const std::string b = std::string(cap_basis->name()) + " (" + cap_basis->to_string() + ")";
            if (!valuation_cap) out.push_back({path.member("cap_basis"), b, "needs a valuation cap to divide"});
            if (cap_form != safe_form::pre_money) {
                out.push_back({path.member("cap_basis"), b,
                               "needs a pre-money cap_form (a post-money cap divides the capitalization after the round)"});
            }
            if (cap_basis->convertibles) {
                out.push_back({path.member("cap_basis"), b,
                               "must not count convertibles (the count is the cap table's before the financing; the notes and SAFEs "
                               "converting in it are not shares yet)"});
            }
        }
        if (discount && (discount->sign() < 0 || *discount >= fraction(1))) {
            out.push_back({path.member("discount"), discount->to_string() + " (" + discount->to_percent_string(4) + ")",
                           "must be at least 0% and below 100%"});
        }
        if (qualified_financing && !qualified_financing->is_positive()) {
            out.push_back({path.member("qualified_financing"), format_full(*qualified_financing), "must be positive"});
        }
        if (at_maturity && at_maturity->conversion_valuation) {
            const money v = *at_maturity->conversion_valuation;
            if (!v.is_positive()) {
                out.push_back({path.member("at_maturity").member("conversion_valuation"), format_full(v), "must be positive"});
            } else if (v.currency() != principal.currency()) {
                out.push_back({path.member("at_maturity").member("conversion_valuation"), format_full(v),
                               "must be in " + to_string(principal.currency()) + ", the principal's currency"});
            }
            if (at_maturity->share_class.empty()) {
                out.push_back({path.member("at_maturity").member("share_class"), "\"\"", "name the class conversion at maturity issues"});
            }
        }
        if (at_change_of_control) {
            const note_change_of_control_terms& c = *at_change_of_control;
            if (c.principal_multiple && c.principal_multiple->sign() <= 0) {
                out.push_back({path.member("at_change_of_control").member("principal_multiple"), c.principal_multiple->to_string(),
                               "must be positive"});
            }
            if (!c.principal_multiple && !c.principal_plus_interest && !c.conversion_at_cap) {
                out.push_back({path.member("at_change_of_control"), "", "lists no amount: name a multiple, principal plus interest or conversion at the cap"});
            }
            if (c.conversion_at_cap && !valuation_cap) {
                out.push_back({path.member("at_change_of_control").member("conversion_at_cap"), "true", "needs a valuation cap to convert at"});
            }
        }
        if (!detail::known(period)) {
            detail::add_problem(out, path.member("period"), detail::enum_integer(period),
                                detail::enum_rule(detail::compounding_period_names, 4));
        }
        detail::check_known_enum(out, path.member("method"), method, detail::interest_method_names);
        detail::check_known_enum(out, path.member("day_count"), day_count, detail::note_day_count_names);
        detail::check_known_enum(out, path.member("interest_rounding"), interest_rounding, detail::rounding_names);
        detail::check_known_enum(out, path.member("interest_accrues"), interest_accrues, detail::note_interest_accrual_names);
        detail::check_known_enum(out, path.member("cap_form"), cap_form, detail::safe_form_names);
        detail::check_known_enum(out, path.member("pool_increase"), pool_increase, detail::pool_increase_names);
        if (at_maturity) {
            detail::check_known_enum(out, path.member("at_maturity").member("elected_by"), at_maturity->elected_by,
                                     detail::note_party_names);
        }
        return out;
    }

private:
    /// The year fraction interest accrues over for an amount computed on @p on, after checking
    /// the terms accrued_interest_exact() lists.
    [[nodiscard]] fraction interest_years(calendar_date on) const {
        if (annual_rate.sign() < 0) {
            throw invalid_argument_error("annual_rate = " + annual_rate.to_string() + ": must not be negative");
        }
        detail::require_known_enum("method", method, detail::interest_method_names);
        if (method == interest_method::compound && !detail::known(period)) {
            throw invalid_argument_error(detail::concat({"period = ", detail::enum_integer(period), ": ",
                                                         detail::enum_rule(detail::compounding_period_names, 4)}));
        }
        detail::require_known_enum("day_count", day_count, detail::note_day_count_names);
        detail::require_known_enum("interest_rounding", interest_rounding, detail::rounding_names);
        const calendar_date end = accrual_end(on);
        if (end != on) {  // interest stops at maturity: a maturity before issue is the note's error, not on's
            require_valid(issue_date, "convertible_note.issue_date");
            if (end < issue_date) {
                throw invalid_argument_error("convertible_note.maturity_date = " + to_string(maturity_date) +
                                             ": must be after the issue date " + to_string(issue_date) +
                                             " (interest accrues to maturity; a note cannot mature before it is issued)");
            }
        }
        return years_to(end);
    }

    /// Throws the overflow_error of interest on @p on beyond the money range: @p units the
    /// rounded interest in money units if @p exact, else a lower bound of its magnitude.
    [[noreturn]] void throw_interest_overflow(calendar_date on, const detail::big_int& units, bool exact) const {
        const detail::big_int magnitude = units < 0 ? detail::big_int(-units) : units;
        const std::size_t bits = boost::multiprecision::msb(magnitude);
        const std::string amount = exact && bits < 256 ? (units < 0 ? "-" : "") + magnitude.str() + " mills"
                                                        : "at least 2^" + std::to_string(bits) + " mills in magnitude";
        std::string terms = "principal " + format_full(principal) + ", annual_rate " + annual_rate.to_string() + " (" +
                            annual_rate.to_percent_string(4) + "), " + std::string(to_string(method));
        if (method == interest_method::compound) terms += " " + std::string(to_string(period));
        throw overflow_error("accrued interest to " + to_string(accrual_end(on)) + " = " + amount +
                             ": beyond the money range (at most " + detail::group_thousands(std::to_string(std::numeric_limits<std::int64_t>::max())) +
                                 " mills in magnitude; the note: " + terms +
                             ")");
    }

    /// Compound interest to accrual_end(@p on) rounded by interest_rounding (throws
    /// overflow_error as soon as a lower bound is beyond the money range), from a lower and an
    /// upper bound of (1 + r/m)^n (1 + (r/m) f) in fixed point with 192 fraction bits (each
    /// product rounded down for the lower bound, up for the upper): when both bounds round to the
    /// same mill, so does the exact value (every rounding mode is monotone); otherwise, and for
    /// rounding::exact, nothing, and the exact value decides. The exact powers grow by the bits of
    /// 1 + r/m every period (96,000 monthly periods at a rate of 64-bit terms took 17 s).
    [[nodiscard]] std::optional<detail::big_int> compound_interest_bounded(calendar_date on) const {
        using detail::big_int;
        const fraction t = interest_years(on);  // checks the terms (a known period among them)
        const auto m = static_cast<std::int64_t>(period);
        const big_int p(principal.units());
        if (p == 0) return big_int(0);
        const fraction periods = t * fraction(m);
        const fraction::rep whole = periods.numerator() / periods.denominator();
        const fraction stub = periods - fraction(whole);
        constexpr unsigned bits = 192;
        const big_int one = big_int(1) << bits;
        const big_int limit(std::numeric_limits<std::int64_t>::max());
        // A lower bound of the growth above this makes |interest| > limit whatever the principal
        // (at least one mill): every factor still to come is at least 1, so the loop stops there
        // (a rate of 10^6 compounded monthly to 9999 otherwise squared numbers of millions of
        // bits).
        const big_int cut = (limit + 2) << bits;
        const auto overflow_from = [&](const big_int& growth_lo) {
            throw_interest_overflow(on, (p * (growth_lo - one)) >> bits, false);
        };
        // floor and ceiling of n / d in fixed point; ceiling of x / 2^bits (x >= 0).
        const auto fixed = [&](const big_int& n, const big_int& d, big_int& lo, big_int& hi) {
            const big_int scaled = n << bits;
            lo = scaled / d;
            hi = lo * d == scaled ? lo : lo + 1;
        };
        const auto down = [&](const big_int& x) -> big_int { return x >> bits; };
        const auto up = [&](const big_int& x) -> big_int { return (x + one - 1) >> bits; };
        const big_int rn = detail::to_big(annual_rate.numerator());
        const big_int rd = detail::to_big(annual_rate.denominator()) * m;  // r / m = rn / rd
        big_int base_lo;
        big_int base_hi;
        fixed(rd + rn, rd, base_lo, base_hi);  // 1 + r/m
        const big_int sd = detail::to_big(stub.denominator());
        big_int g_lo;
        big_int g_hi;
        fixed(rd * sd + rn * detail::to_big(stub.numerator()), rd * sd, g_lo, g_hi);  // 1 + (r/m) f
        if (g_lo > cut) overflow_from(g_lo);
        for (fraction::rep k = whole; k > 0; k /= 2) {  // square and multiply, each bound its way
            if (base_lo > cut) overflow_from(base_lo);  // a factor still to come
            if (k % 2 == 1) {
                g_lo = down(g_lo * base_lo);
                g_hi = up(g_hi * base_hi);
                if (g_lo > cut) overflow_from(g_lo);
            }
            if (k > 1) {
                base_lo = down(base_lo * base_lo);
                base_hi = up(base_hi * base_hi);
            }
        }
        if (interest_rounding == rounding::exact) return std::nullopt;  // in range: the exact value decides
        const big_int a = detail::divide_rounded(p * (g_lo - one), one, interest_rounding);
        const big_int b = detail::divide_rounded(p * (g_hi - one), one, interest_rounding);
        // Bounds that round apart leave it to the exact value, unless both are beyond any amount
        // (then the interest overflows whatever the exact value).
        if (a != b && !(a > limit && b > limit)) return std::nullopt;
        return a;
    }
};

namespace detail {

/// The amounts of SAFE @p s in another currency than @p table, at @p at (purchase_amount,
/// valuation_cap).
[[nodiscard]] inline std::vector<diagnostic> safe_currency_problems(const safe& s, currency table, const field_path& at) {
    std::vector<diagnostic> out;
    if (s.purchase_amount.currency() != table) out.push_back({at.member("purchase_amount"), format_full(s.purchase_amount), table_currency_rule(table)});
    if (s.valuation_cap && s.valuation_cap->currency() != table) {
        out.push_back({at.member("valuation_cap"), format_full(*s.valuation_cap), table_currency_rule(table)});
    }
    return out;
}

/// The amounts of note @p n in another currency than @p table, at @p at (principal,
/// valuation_cap, qualified_financing, at_maturity.conversion_valuation).
[[nodiscard]] inline std::vector<diagnostic> note_currency_problems(const convertible_note& n, currency table, const field_path& at) {
    std::vector<diagnostic> out;
    const auto check = [&](const field_path& f, const std::optional<money>& m) {
        if (m && m->currency() != table) out.push_back({f, format_full(*m), table_currency_rule(table)});
    };
    check(at.member("principal"), n.principal);
    check(at.member("valuation_cap"), n.valuation_cap);
    check(at.member("qualified_financing"), n.qualified_financing);
    if (n.at_maturity) check(at.member("at_maturity").member("conversion_valuation"), n.at_maturity->conversion_valuation);
    return out;
}

}  // namespace detail

/// Every amount of @p safes and @p notes in another currency than @p table_currency, the cap
/// table's (they convert into its shares and are paid in its exits): a SAFE's purchase_amount
/// and valuation_cap, a note's principal, valuation_cap, qualified_financing and
/// at_maturity.conversion_valuation, each at safes[k] / notes[k]. read_deal_file() reports these
/// at their JSON pointers; a deal made another way (from an OCF package) can be checked with it.
[[nodiscard]] inline std::vector<diagnostic> instrument_currency_problems(const std::vector<safe>& safes,
                                                                         const std::vector<convertible_note>& notes,
                                                                         currency table_currency) {
    std::vector<diagnostic> out;
    for (std::size_t k = 0; k < safes.size(); ++k) {
        for (diagnostic& d : detail::safe_currency_problems(safes[k], table_currency, field_path("safes").index(k))) out.push_back(std::move(d));
    }
    for (std::size_t k = 0; k < notes.size(); ++k) {
        for (diagnostic& d : detail::note_currency_problems(notes[k], table_currency, field_path("notes").index(k))) out.push_back(std::move(d));
    }
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_CONVERTIBLE_NOTE_HPP
