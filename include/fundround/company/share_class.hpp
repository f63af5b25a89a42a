/// @file company/share_class.hpp
/// @brief Share classes: common, and preferred series with their original issue price,
/// conversion ratio and liquidation terms (multiple, participation, seniority, dividends) as data.
#ifndef FUNDROUND_COMPANY_SHARE_CLASS_HPP
#define FUNDROUND_COMPANY_SHARE_CLASS_HPP

#include <fundround/config.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/installments.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Common stock or a preferred series.
enum class share_class_kind {
    common,     ///< Common stock: no preference, converts to nothing.
    preferred,  ///< A preferred series (Series Seed, Series A, ...).
};

/// The kind's name as written in code, e.g. "preferred".
[[nodiscard]] constexpr std::string_view to_string(share_class_kind k) noexcept {
    switch (k) {
        case share_class_kind::common: return "common";
        case share_class_kind::preferred: return "preferred";
    }
    return "unknown";
}

/// Whether preferred shares share in what is left after their preference.
enum class participation_kind {
    non_participating,  ///< The greater of the preference and the as-converted share.
    full,               ///< The preference, then a share with common as converted, uncapped.
    capped,             ///< Like full, but the total is capped at a multiple of the issue price.
};

/// The kind's name as written in code, e.g. "capped".
[[nodiscard]] constexpr std::string_view to_string(participation_kind k) noexcept {
    switch (k) {
        case participation_kind::non_participating: return "non_participating";
        case participation_kind::full: return "full";
        case participation_kind::capped: return "capped";
    }
    return "unknown";
}

namespace detail {
/// participation_kind's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view participation_kind_names[] = {"non_participating", "full", "capped"};
}  // namespace detail

/// Participation of a preferred series: none, full, or capped at a multiple of the original issue
/// price (the total received, preference included, as in the NVCA charter's cap).
struct participation {
    participation_kind kind = participation_kind::non_participating;  ///< None, full or capped.
    fraction cap_multiple;  ///< For capped: total per share at most this times the issue price.

    /// Non-participating preferred (the usual venture term).
    [[nodiscard]] static participation none() { return {}; }
    /// Fully participating preferred.
    [[nodiscard]] static participation full() { return {participation_kind::full, fraction()}; }
    /// Participating preferred capped at @p multiple times the original issue price in total.
    [[nodiscard]] static participation capped(fraction multiple) {
        return {participation_kind::capped, multiple};
    }

    /// True if kind and cap are equal.
    [[nodiscard]] friend bool operator==(const participation& a, const participation& b) {
        return a.kind == b.kind && a.cap_multiple == b.cap_multiple;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const participation& a, const participation& b) { return !(a == b); }
};

/// How dividends on a preferred series accrue.
enum class dividend_kind {
    none,                 ///< No dividend preference.
    non_cumulative,       ///< Paid only when declared; nothing accrues.
    cumulative_simple,    ///< Accrues at rate x issue price x years, no compounding.
    cumulative_compound,  ///< Accrues and compounds at the stated frequency.
};

/// The kind's name as written in code, e.g. "cumulative_simple".
[[nodiscard]] constexpr std::string_view to_string(dividend_kind k) noexcept {
    switch (k) {
        case dividend_kind::none: return "none";
        case dividend_kind::non_cumulative: return "non_cumulative";
        case dividend_kind::cumulative_simple: return "cumulative_simple";
        case dividend_kind::cumulative_compound: return "cumulative_compound";
    }
    return "unknown";
}

namespace detail {
/// dividend_kind's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view dividend_kind_names[] = {"none", "non_cumulative", "cumulative_simple", "cumulative_compound"};
}  // namespace detail

/// Dividend terms of a preferred series, as data for the waterfall: kind, annual rate on the
/// original issue price, the date accrual starts, and the compounding frequency.
struct dividend_terms {
    dividend_kind kind = dividend_kind::none;          ///< How dividends accrue.
    fraction annual_rate;                              ///< E.g. 8% = fraction(8, 100).
    std::optional<calendar_date> accrual_start;        ///< Required for cumulative dividends.
    fundround::frequency compounding = frequency::yearly;  ///< Used by cumulative_compound only.

    /// No dividend preference.
    [[nodiscard]] static dividend_terms none() { return {}; }
    /// Non-cumulative dividends at @p annual_rate, when and if declared.
    [[nodiscard]] static dividend_terms non_cumulative(fraction annual_rate) {
        return {dividend_kind::non_cumulative, annual_rate, std::nullopt, frequency::yearly};
    }
    /// Cumulative simple dividends at @p annual_rate accruing from @p start.
    [[nodiscard]] static dividend_terms cumulative_simple(fraction annual_rate, calendar_date start) {
        return {dividend_kind::cumulative_simple, annual_rate, start, frequency::yearly};
    }
    /// Cumulative dividends at @p annual_rate from @p start, compounded every @p period.
    [[nodiscard]] static dividend_terms cumulative_compound(fraction annual_rate, calendar_date start,
                                                            frequency period = frequency::yearly) {
        return {dividend_kind::cumulative_compound, annual_rate, start, period};
    }

    /// True if every term is equal.
    [[nodiscard]] friend bool operator==(const dividend_terms& a, const dividend_terms& b) {
        return a.kind == b.kind && a.annual_rate == b.annual_rate && a.accrual_start == b.accrual_start &&
               a.compounding == b.compounding;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const dividend_terms& a, const dividend_terms& b) { return !(a == b); }
};

/// Liquidation terms of a preferred series, as data for the waterfall: preference multiple,
/// participation, seniority and dividends.
struct liquidation_terms {
    fraction multiple = fraction(1);  ///< Preference per share = multiple x original issue price.
    fundround::participation participation;  ///< None, full or capped.
    /// Seniority rank: a higher rank is paid first; equal ranks are paid pari passu (the Open
    /// Cap Table Format's convention). Must not be negative.
    int seniority = 0;
    dividend_terms dividends;  ///< Dividend preference.

    /// The usual venture terms: 1x, non-participating, rank 0, no dividends.
    [[nodiscard]] static liquidation_terms standard() { return {}; }

    /// True if every term is equal.
    [[nodiscard]] friend bool operator==(const liquidation_terms& a, const liquidation_terms& b) {
        return a.multiple == b.multiple && a.participation == b.participation && a.seniority == b.seniority &&
               a.dividends == b.dividends;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const liquidation_terms& a, const liquidation_terms& b) { return !(a == b); }
};

/// A class of shares: its name (its identity on a cap table), kind, and for a preferred series
/// the original issue price, the conversion ratio into common and the liquidation terms.
class share_class {
public:
    /// A common class called @p name ("Common").
    [[nodiscard]] static share_class common(std::string name) {
        return share_class(std::move(name), share_class_kind::common, std::nullopt, fraction(1), {});
    }
    /// A preferred series called @p name issued at @p original_issue_price, with liquidation
    /// terms @p terms (default 1x non-participating) converting 1:1 into common.
    [[nodiscard]] static share_class preferred(std::string name, price_per_share original_issue_price,
                                               liquidation_terms terms = {}) {
        return share_class(std::move(name), share_class_kind::preferred, std::move(original_issue_price),
                           fraction(1), std::move(terms));
    }

    /// The same class converting into @p ratio common shares per share (e.g. after an
    /// anti-dilution adjustment: original issue price / conversion price).
    [[nodiscard]] share_class with_conversion_ratio(fraction ratio) const {
        share_class c = *this;
        c.conversion_ratio_ = ratio;
        return c;
    }

    /// The class's name, its identity on a cap table ("Series A Preferred").
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// Common or preferred.
    [[nodiscard]] share_class_kind kind() const noexcept { return kind_; }
    /// True for a preferred series.
    [[nodiscard]] bool is_preferred() const noexcept { return kind_ == share_class_kind::preferred; }
    /// The original issue price (preferred only; common has none).
    [[nodiscard]] const std::optional<price_per_share>& original_issue_price() const noexcept { return price_; }
    /// Common shares per share on conversion (1 for common and by default).
    [[nodiscard]] const fraction& conversion_ratio() const noexcept { return conversion_ratio_; }
    /// The liquidation terms (preferred only; common's are the defaults and unused).
    [[nodiscard]] const liquidation_terms& terms() const noexcept { return terms_; }

    /// Every problem with this class, fields relative to it ("original_issue_price",
    /// "terms.multiple", ...): an empty name, a price that is not positive, a conversion ratio
    /// that is not positive, a negative multiple or seniority, a cap not above the multiple, a
    /// dividend rate that is not positive, a cumulative dividend without a valid start date.
    [[nodiscard]] std::vector<diagnostic> validate() const;

    /// True if every term is equal.
    [[nodiscard]] friend bool operator==(const share_class& a, const share_class& b) {
        return a.name_ == b.name_ && a.kind_ == b.kind_ && a.price_ == b.price_ &&
               a.conversion_ratio_ == b.conversion_ratio_ && a.terms_ == b.terms_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const share_class& a, const share_class& b) { return !(a == b); }
    /// Writes e.g. "Series A Preferred (preferred, $1.0000)" or "Common (common)" (the price as
    /// price_per_share::display_string() shows it: "$0.000010", never "$0.0000").
    friend std::ostream& operator<<(std::ostream& os, const share_class& c) {
        os << c.name_ << " (" << to_string(c.kind_);
        if (c.price_) os << ", " << c.price_->display_string();
        return os << ")";
    }

private:
    share_class(std::string name, share_class_kind kind, std::optional<price_per_share> price, fraction ratio,
                liquidation_terms terms)
        : name_(std::move(name)), kind_(kind), price_(std::move(price)), conversion_ratio_(ratio),
          terms_(std::move(terms)) {}

    std::string name_;
    share_class_kind kind_;
    std::optional<price_per_share> price_;
    fraction conversion_ratio_;
    liquidation_terms terms_;
};

inline std::vector<diagnostic> share_class::validate() const {
    std::vector<diagnostic> out;
    if (detail::name_key_empty(name_)) {
        out.push_back({field_path("name"), detail::quoted_text(name_), "must contain a letter or digit"});
    }
    if (kind_ == share_class_kind::common) {
        if (conversion_ratio_ != fraction(1)) {
            out.push_back({field_path("conversion_ratio"), conversion_ratio_.to_string(), "must be 1 for common stock"});
        }
        return out;
    }
    if (conversion_ratio_.sign() <= 0) {
        out.push_back({field_path("conversion_ratio"), conversion_ratio_.to_string(), "must be positive"});
    }
    // A price_per_share is positive by construction; a zero-unit price cannot be built, so the
    // only missing case is a preferred series built without one (impossible through preferred()).
    if (!price_) out.push_back({field_path("original_issue_price"), "", "is required for a preferred series"});
    const liquidation_terms& t = terms_;
    if (t.multiple.sign() < 0) {
        out.push_back({field_path("terms").member("multiple"), t.multiple.to_string(), "must not be negative"});
    }
    if (t.seniority < 0) {
        out.push_back({field_path("terms").member("seniority"), std::to_string(t.seniority), "must not be negative"});
    }
    const participation& p = t.participation;
    if (!detail::check_known_enum(out, field_path("terms").member("participation").member("kind"), p.kind,
                                  detail::participation_kind_names)) {
        // Reported: nothing else is checked against an unknown kind.
    } else if (p.kind == participation_kind::capped) {
        if (p.cap_multiple <= t.multiple) {
            out.push_back({field_path("terms").member("participation").member("cap_multiple"), p.cap_multiple.to_string(),
                           "must be above the preference multiple " + t.multiple.to_string() +
                               " (the cap includes the preference)"});
        }
    } else if (!p.cap_multiple.is_zero()) {
        out.push_back({field_path("terms").member("participation").member("cap_multiple"), p.cap_multiple.to_string(),
                       "must be 0 unless participation is capped"});
    }
    const dividend_terms& d = t.dividends;
    detail::check_known_enum(out, field_path("terms").member("dividends").member("compounding"), d.compounding,
                             detail::frequency_names);
    if (!detail::check_known_enum(out, field_path("terms").member("dividends").member("kind"), d.kind,
                                  detail::dividend_kind_names)) {
        // Reported: nothing else is checked against an unknown kind.
    } else if (d.kind == dividend_kind::none) {
        if (!d.annual_rate.is_zero()) {
            out.push_back({field_path("terms").member("dividends").member("annual_rate"), d.annual_rate.to_string(),
                           "must be 0 when there are no dividends"});
        }
    } else {
        if (d.annual_rate.sign() <= 0) {
            out.push_back({field_path("terms").member("dividends").member("annual_rate"), d.annual_rate.to_string(), "must be positive"});
        }
        const bool cumulative =
            d.kind == dividend_kind::cumulative_simple || d.kind == dividend_kind::cumulative_compound;
        if (cumulative && !d.accrual_start) {
            out.push_back({field_path("terms").member("dividends").member("accrual_start"), "", "is required for cumulative dividends"});
        } else if (d.accrual_start && !is_modelled(*d.accrual_start)) {
            out.push_back({field_path("terms").member("dividends").member("accrual_start"), to_string(*d.accrual_start), date_rule(*d.accrual_start)});
        }
    }
    return out;
}

namespace detail {

/// The name of the next series a round generates from its series @p series: "<series>-<k>" with
/// the lowest k >= @p next for which @p taken(name) is false (a class already on the cap table,
/// by holder_name_key(), or a name given or generated earlier); @p next is left past that k, so
/// that the generated series number upwards. Conversion prices and own-price tranches name
/// their series so.
template <class Taken>
[[nodiscard]] std::string next_series_name(std::string_view series, std::size_t& next, const Taken& taken) {
    for (;;) {
        std::string name(series);
        name += '-';
        name += std::to_string(next++);
        if (!taken(std::string_view(name))) return name;
    }
}

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_SHARE_CLASS_HPP
