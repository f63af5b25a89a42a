/// @file instruments/note_events.hpp
/// @brief What a convertible note does when no qualified financing converts it: at maturity,
/// conversion at the stated valuation into the named class or repayment of principal plus
/// accrued interest (the named party elects); at a change of control, the greatest of the
/// amounts its term lists (a multiple of principal, principal plus interest, the proceeds on
/// conversion at the cap).
///
/// Prices are exact: the maturity price is the stated valuation V over the fully diluted
/// capitalization K just before the conversion (the note excluded), P = V / K; the note's
/// principal plus interest A buys A / P = A K / V shares, rounded by a named mode, and the rest,
/// A - shares x P, is not converted (kept exact). The terms are on convertible_note
/// (at_maturity, at_change_of_control).
#ifndef FUNDROUND_INSTRUMENTS_NOTE_EVENTS_HPP
#define FUNDROUND_INSTRUMENTS_NOTE_EVENTS_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// @p v as 64 bits, or an overflow_error naming @p what, its value, what it was computed from
/// and the range (@p amount: the money range, else a share count).
inline std::int64_t note_event_value(const big_int& v, const std::string& what, const std::string& from, bool amount) {
    if (v > big_int(std::numeric_limits<std::int64_t>::max()) || v < big_int(std::numeric_limits<std::int64_t>::min())) {
        const std::string most = group_thousands(std::to_string(std::numeric_limits<std::int64_t>::max()));
        throw overflow_error(what + " = " + v.str() + (amount ? " mills" : "") + " (" + from + "): beyond " +
                             (amount ? "the money range (at most " + most + " mills in magnitude)"
                                     : "a share count (at most " + most + ")"));
    }
    return static_cast<std::int64_t>(v);
}

}  // namespace detail

/// What the electing party chose at maturity.
enum class maturity_outcome {
    conversion,  ///< Convert at the stated valuation.
    repayment,   ///< Repay principal plus accrued interest.
};

namespace detail {
/// maturity_outcome's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view maturity_outcome_names[] = {"conversion", "repayment"};
}  // namespace detail

/// "conversion" or "repayment" ("unknown" outside the enumeration).
[[nodiscard]] constexpr std::string_view to_string(maturity_outcome o) noexcept {
    return detail::enum_name(o, detail::maturity_outcome_names);
}

/// A note at its maturity date.
struct note_maturity_result {
    money principal;                 ///< The principal.
    money interest;                  ///< Interest accrued to the maturity date (the note's rounding).
    money amount;                    ///< principal + interest.
    maturity_outcome outcome = maturity_outcome::repayment;  ///< What was elected.
    note_party elected_by = note_party::holder;              ///< Who elected it (the note's term).
    money repaid;                    ///< amount on repayment, zero on conversion.
    std::string share_class;         ///< The class issued on conversion ("" on repayment).
    share_count capitalization;      ///< K: the fully diluted capitalization the valuation divides.
    exact_rational exact_price_units;   ///< V / K in money units per share (0 on repayment).
    exact_rational exact_shares;        ///< amount / price, exactly (0 on repayment).
    share_count shares;                 ///< exact_shares rounded by the named mode (0 on repayment).
    exact_rational not_converted_units; ///< amount - shares x price, exactly, in money units.
};

/// Note @p n at its maturity date, @p choice elected by the party its at_maturity term names:
/// repayment of principal plus the interest accrued to maturity, or conversion at
/// at_maturity.conversion_valuation over @p capitalization (fully diluted shares just before the
/// conversion, the note excluded) into at_maturity.share_class, shares rounded by @p
/// share_rounding. Throws validation_error listing every problem: the note's own, no maturity term,
/// conversion elected without a stated valuation, a capitalization that is not positive, a choice
/// or a rounding outside its enumeration.
[[nodiscard]] inline note_maturity_result note_at_maturity(const convertible_note& n, maturity_outcome choice,
                                                           share_count capitalization = share_count(),
                                                           rounding share_rounding = rounding::floor) {
    std::vector<diagnostic> problems = n.validate();
    detail::check_known_enum(problems, field_path("choice"), choice, detail::maturity_outcome_names);
    detail::check_known_enum(problems, field_path("share_rounding"), share_rounding, detail::rounding_names);
    if (!n.at_maturity) {
        problems.push_back({field_path("note").member("at_maturity"), "", "state the maturity terms (who elects, the conversion valuation and class)"});
    } else if (choice == maturity_outcome::conversion) {
        if (!n.at_maturity->conversion_valuation) {
            problems.push_back({field_path("note").member("at_maturity").member("conversion_valuation"), "",
                                "conversion was elected: state the valuation it converts at"});
        }
        if (capitalization.value() <= 0) {
            problems.push_back({field_path("capitalization"), std::to_string(capitalization.value()),
                                "must be positive (fully diluted shares just before the conversion)"});
        }
    }
    if (!problems.empty()) throw validation_error("convertible note at maturity", std::move(problems));
    note_maturity_result r;
    r.principal = n.principal;
    r.interest = n.accrued_interest(n.maturity_date);
    r.amount = detail::principal_plus_interest(r.principal, r.interest, n.maturity_date);
    r.outcome = choice;
    r.elected_by = n.at_maturity->elected_by;
    r.capitalization = capitalization;
    r.repaid = money::zero(n.principal.currency());
    if (choice == maturity_outcome::repayment) {
        r.repaid = r.amount;
        r.not_converted_units = exact_rational(fraction(r.amount.units()));
        return r;
    }
    using detail::big_rational;
    r.share_class = n.at_maturity->share_class;
    const fraction price(n.at_maturity->conversion_valuation->units(), capitalization.value());
    r.exact_price_units = exact_rational(price);
    const big_rational exact_shares = (big_rational(fraction(r.amount.units())) * big_rational(fraction(capitalization.value())) *
                                       big_rational(fraction(1, n.at_maturity->conversion_valuation->units())))
                                          .reduced();
    r.exact_shares = exact_rational(exact_shares);
    r.shares = share_count(detail::note_event_value(
        exact_shares.scaled_rounded(1, share_rounding), "maturity conversion shares",
        format_full(r.amount) + " x capitalization " + std::to_string(capitalization.value()) + " / conversion_valuation " +
            format_full(*n.at_maturity->conversion_valuation),
        false));
    r.not_converted_units = exact_rational(big_rational(fraction(r.amount.units())) -
                                           big_rational(price) * big_rational(fraction(r.shares.value())));
    return r;
}

/// The amounts a change-of-control term lists.
enum class change_of_control_payout {
    principal_multiple,       ///< A multiple of principal.
    principal_plus_interest,  ///< Principal plus accrued interest.
    conversion_at_cap,        ///< The proceeds on the shares principal plus interest buys at the cap price.
};

/// "multiple of principal", "principal plus interest" or "conversion at the cap".
[[nodiscard]] constexpr std::string_view to_string(change_of_control_payout p) noexcept {
    switch (p) {
        case change_of_control_payout::principal_multiple: return "multiple of principal";
        case change_of_control_payout::principal_plus_interest: return "principal plus interest";
        case change_of_control_payout::conversion_at_cap: return "conversion at the cap";
    }
    return "unknown";
}

/// A note at a change of control.
struct note_change_of_control_result {
    money principal;                               ///< The principal.
    money interest;                                ///< Interest accrued to the event date.
    std::optional<money> multiple_amount;          ///< principal x multiple (rounded by the amount mode), if listed.
    std::optional<money> principal_plus_interest;  ///< principal + interest, if listed.
    exact_rational exact_cap_price_units;          ///< cap / capitalization (0 unless conversion at the cap is listed).
    share_count cap_shares;                        ///< (principal + interest) / cap price, rounded by the share mode.
    std::optional<money> conversion_amount;        ///< cap_shares x the proceeds per share (amount mode), if listed.
    change_of_control_payout chosen = change_of_control_payout::principal_plus_interest;  ///< The greatest (ties to the earlier listed).
    money paid;                                    ///< The chosen amount.
};

/// Note @p n at a change of control on @p on: the greatest of the amounts its
/// at_change_of_control term lists (ties to the earlier of multiple, principal plus interest,
/// conversion at the cap). Conversion at the cap prices shares at valuation_cap / @p
/// capitalization (the capitalization the note's cap is measured on, named by the caller) and
/// values them at @p proceeds_per_share_units (money units a share, exact); shares rounded by
/// @p share_rounding, amounts by @p amount_rounding. Throws validation_error listing every
/// problem: the note's own, no change-of-control term, the event before the issue date, a
/// capitalization or proceeds per share that is not positive when conversion is listed, a
/// rounding outside its enumeration.
[[nodiscard]] inline note_change_of_control_result note_at_change_of_control(
    const convertible_note& n, calendar_date on, share_count capitalization = share_count(),
    const fraction& proceeds_per_share_units = fraction(), rounding share_rounding = rounding::floor,
    rounding amount_rounding = rounding::half_even) {
    std::vector<diagnostic> problems = n.validate();
    detail::check_known_enum(problems, field_path("share_rounding"), share_rounding, detail::rounding_names);
    detail::check_known_enum(problems, field_path("amount_rounding"), amount_rounding, detail::rounding_names);
    if (!n.at_change_of_control) {
        problems.push_back({field_path("note").member("at_change_of_control"), "", "state what the note receives at a change of control"});
    } else if (n.at_change_of_control->conversion_at_cap) {
        if (capitalization.value() <= 0) {
            problems.push_back({field_path("capitalization"), std::to_string(capitalization.value()),
                                "must be positive (the capitalization the cap is divided by)"});
        }
        if (proceeds_per_share_units.sign() <= 0) {
            problems.push_back({field_path("proceeds_per_share_units"), proceeds_per_share_units.to_string(), "must be positive"});
        }
    }
    if (const std::string rule = date_rule(on); !rule.empty()) {
        problems.push_back({field_path("on"), to_string(on), rule});  // listed, not thrown by accrued_interest()
    } else if (is_modelled(n.issue_date) && on < n.issue_date) {
        problems.push_back({field_path("on"), to_string(on), "is before the note's issue date " + to_string(n.issue_date)});
    }
    if (!problems.empty()) throw validation_error("convertible note at a change of control", std::move(problems));
    const note_change_of_control_terms& t = *n.at_change_of_control;
    note_change_of_control_result r;
    r.principal = n.principal;
    r.interest = n.accrued_interest(on);
    const money amount = detail::principal_plus_interest(r.principal, r.interest, on);
    std::optional<money> best;
    const auto consider = [&](change_of_control_payout which, money m) {
        if (!best || m > *best) {
            best = m;
            r.chosen = which;
        }
    };
    if (t.principal_multiple) {
        const detail::big_rational multiple =
            detail::big_rational(fraction(n.principal.units())) * detail::big_rational(*t.principal_multiple);
        r.multiple_amount = money::from_units(
            detail::note_event_value(multiple.scaled_rounded(1, amount_rounding), "multiple of principal",
                                     "principal " + format_full(n.principal) + " x principal_multiple " + t.principal_multiple->to_string(),
                                     true),
            n.principal.currency());
        consider(change_of_control_payout::principal_multiple, *r.multiple_amount);
    }
    if (t.principal_plus_interest) {
        r.principal_plus_interest = amount;
        consider(change_of_control_payout::principal_plus_interest, amount);
    }
    if (t.conversion_at_cap) {
        using detail::big_rational;
        const fraction price(n.valuation_cap->units(), capitalization.value());
        r.exact_cap_price_units = exact_rational(price);
        const big_rational exact_shares = (big_rational(fraction(amount.units())) * big_rational(fraction(capitalization.value())) *
                                           big_rational(fraction(1, n.valuation_cap->units())))
                                              .reduced();
        r.cap_shares = share_count(detail::note_event_value(
            exact_shares.scaled_rounded(1, share_rounding), "cap shares",
            format_full(amount) + " x capitalization " + std::to_string(capitalization.value()) + " / valuation_cap " +
                format_full(*n.valuation_cap),
            false));
        const big_rational value = big_rational(fraction(r.cap_shares.value())) * big_rational(proceeds_per_share_units);
        r.conversion_amount = money::from_units(
            detail::note_event_value(value.scaled_rounded(1, amount_rounding), "conversion amount",
                                     std::to_string(r.cap_shares.value()) + " cap shares x proceeds_per_share_units " +
                                         proceeds_per_share_units.to_string(),
                                     true),
            n.principal.currency());
        consider(change_of_control_payout::conversion_at_cap, *r.conversion_amount);
    }
    r.paid = *best;
    return r;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_NOTE_EVENTS_HPP
