/// @file instruments/anti_dilution.hpp
/// @brief Price-based anti-dilution protection of preferred series on a down round: broad- and
/// narrow-based weighted average and full ratchet, as the NVCA model certificate of incorporation
/// writes them, with the base `A` named, carve-outs for exempted issuances, the new conversion
/// price rounded to a named precision, the new conversion ratio and each holder's additional
/// as-converted shares; applied to a priced round on a cap table.
///
/// Notation (NVCA model charter, "Adjustment of Conversion Price Upon Issuance of Additional
/// Shares of Common Stock"): `CP1` the conversion price before the issue (original issue price /
/// conversion ratio), `CP2` after it, `A` the shares deemed outstanding before the issue (on a
/// named base), `B` the shares the aggregate consideration would buy at `CP1`, `C` the shares
/// actually issued. Weighted average: `CP2 = CP1 x (A + B) / (A + C)`, computed as
/// `(CP1 x A + consideration) / (A + C)` in big rationals (never overflows, never floating point),
/// then rounded to the named precision (the NVCA text: "to the nearest one-hundredth of a cent").
/// Full ratchet: `CP2` = the issue price, consideration / C. An issue "without consideration"
/// adjusts too (B = 0); a full ratchet to its zero price is a problem. The conversion ratio becomes
/// `original issue price / CP2`. A conversion price only ever goes down: `CP2 <= CP1`.
#ifndef FUNDROUND_INSTRUMENTS_ANTI_DILUTION_HPP
#define FUNDROUND_INSTRUMENTS_ANTI_DILUTION_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How a preferred series' conversion price reacts to a dilutive issue.
enum class anti_dilution_method {
    none,                           ///< No price-based protection.
    broad_based_weighted_average,   ///< CP2 = CP1 x (A + B) / (A + C), A on a broad base.
    narrow_based_weighted_average,  ///< The same formula, A counting only named classes.
    full_ratchet,                   ///< CP2 = the issue price (rounded as every CP2 is).
};

/// The method's name as written in code, e.g. "full_ratchet".
[[nodiscard]] constexpr std::string_view to_string(anti_dilution_method m) noexcept {
    switch (m) {
        case anti_dilution_method::none: return "none";
        case anti_dilution_method::broad_based_weighted_average: return "broad_based_weighted_average";
        case anti_dilution_method::narrow_based_weighted_average: return "narrow_based_weighted_average";
        case anti_dilution_method::full_ratchet: return "full_ratchet";
    }
    return "unknown";
}

namespace detail {
/// anti_dilution_method's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view anti_dilution_method_names[] = {"none", "broad_based_weighted_average",
                                                                  "narrow_based_weighted_average", "full_ratchet"};
}  // namespace detail

/// The broad base of the NVCA model charter: `A` = "Common Stock outstanding", treating as
/// outstanding the common issuable on exercise of options outstanding and on conversion of
/// convertible securities (the preferred) — issued shares with preferred as converted + granted
/// options + warrants; the unallocated pool is left out (reserved, not outstanding).
[[nodiscard]] constexpr fully_diluted_basis nvca_broad_base() noexcept { return {true, false, true, false}; }

/// The anti-dilution term of one preferred series, as data: the method and, for a weighted
/// average, the definition of `A` (a fully diluted basis for broad-based, the classes counted for
/// narrow-based).
struct anti_dilution_terms {
    std::string series;  ///< The protected preferred series (a class on the cap table).
    anti_dilution_method method = anti_dilution_method::none;  ///< How the price adjusts.
    /// For broad-based: what `A` counts on the cap table before the issue (nvca_broad_base() by
    /// default; fully_diluted_basis::full() adds the unallocated pool, "broadest"). With
    /// `convertibles` set, A also counts the SAFEs and notes that convert in the round, as the
    /// shares they convert into in that round (the NVCA's "Convertible Securities outstanding
    /// immediately prior"): known only in a round_chain; on a cap table alone it is a problem.
    fully_diluted_basis broad_base = nvca_broad_base();
    /// For narrow-based: the classes whose issued shares, as converted, make `A` (e.g. the series
    /// alone, or every preferred series).
    std::vector<std::string> narrow_classes;

    /// Broad-based weighted average for @p series, `A` counted on @p base.
    [[nodiscard]] static anti_dilution_terms broad_based(std::string series,
                                                         fully_diluted_basis base = nvca_broad_base()) {
        return {std::move(series), anti_dilution_method::broad_based_weighted_average, base, {}};
    }
    /// Narrow-based weighted average for @p series, `A` the issued shares of @p classes as
    /// converted.
    [[nodiscard]] static anti_dilution_terms narrow_based(std::string series, std::vector<std::string> classes) {
        return {std::move(series), anti_dilution_method::narrow_based_weighted_average, nvca_broad_base(),
                std::move(classes)};
    }
    /// Full ratchet for @p series: the conversion price falls to the issue price (rounded by the
    /// anti_dilution's conversion price rounding, as every CP2 is).
    [[nodiscard]] static anti_dilution_terms full_ratchet(std::string series) {
        return {std::move(series), anti_dilution_method::full_ratchet, nvca_broad_base(), {}};
    }
    /// No price-based protection for @p series (stated, so that a report lists it).
    [[nodiscard]] static anti_dilution_terms none(std::string series) {
        return {std::move(series), anti_dilution_method::none, nvca_broad_base(), {}};
    }

    /// What `A` counts: "issued + granted options + warrants" (broad; with convertibles "... +
    /// SAFEs and notes converting in the round, as the shares they convert into"), "issued Series A
    /// Preferred + Series B Preferred, as converted" (narrow), "" (full ratchet, none).
    [[nodiscard]] std::string base_definition() const {
        if (method == anti_dilution_method::broad_based_weighted_average) {
            if (!broad_base.convertibles) return broad_base.to_string();
            fully_diluted_basis table_part = broad_base;
            table_part.convertibles = false;
            return table_part.to_string() + " + SAFEs and notes converting in the round, as the shares they convert into";
        }
        if (method != anti_dilution_method::narrow_based_weighted_average) return {};
        std::string text = "issued ";
        for (std::size_t i = 0; i < narrow_classes.size(); ++i) text += (i == 0 ? "" : " + ") + narrow_classes[i];
        return text + ", as converted";
    }

    /// True if every term is equal.
    [[nodiscard]] friend bool operator==(const anti_dilution_terms& a, const anti_dilution_terms& b) {
        return a.series == b.series && a.method == b.method && a.broad_base == b.broad_base &&
               a.narrow_classes == b.narrow_classes;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const anti_dilution_terms& a, const anti_dilution_terms& b) { return !(a == b); }
};

/// What an issue of shares is, for the carve-outs: a sale of new securities triggers the
/// adjustment on a down round; the others are exempted ("Exempted Securities" in the NVCA charter).
enum class issuance_kind {
    new_securities,        ///< Shares sold for money: triggers an adjustment if below a conversion price.
    pool_grant,            ///< Options or shares granted from a board-approved pool: exempted.
    preferred_conversion,  ///< Common issued on conversion of existing preferred: exempted.
    exempted,              ///< Another exemption the terms name (anti_dilution::exempt()).
};

/// The kind's name as written in code, e.g. "pool_grant".
[[nodiscard]] constexpr std::string_view to_string(issuance_kind k) noexcept {
    switch (k) {
        case issuance_kind::new_securities: return "new_securities";
        case issuance_kind::pool_grant: return "pool_grant";
        case issuance_kind::preferred_conversion: return "preferred_conversion";
        case issuance_kind::exempted: return "exempted";
    }
    return "unknown";
}

/// An issue of shares ("Additional Shares of Common Stock", as converted): how many (`C`), for
/// what aggregate consideration, and what kind of issue it is (for the carve-outs).
class share_issuance {
public:
    /// @p shares sold for an aggregate @p consideration (the issue price is consideration /
    /// shares).
    [[nodiscard]] static share_issuance sale(std::string name, share_count shares, money consideration) {
        return share_issuance(std::move(name), issuance_kind::new_securities, shares,
                              fraction(consideration.units()), consideration.currency(), {});
    }
    /// @p shares sold at @p price each: the consideration is price x shares, exactly.
    [[nodiscard]] static share_issuance at_price(std::string name, share_count shares, const price_per_share& price) {
        return share_issuance(std::move(name), issuance_kind::new_securities, shares,
                              price.units_per_share() * fraction(shares.value()), price.currency(), {});
    }
    /// @p shares granted from an option pool: exempted.
    [[nodiscard]] static share_issuance pool_grant(std::string name, share_count shares) {
        return share_issuance(std::move(name), issuance_kind::pool_grant, shares, fraction(), fundround::currency(), {});
    }
    /// @p shares of common issued on conversion of existing preferred: exempted.
    [[nodiscard]] static share_issuance preferred_conversion(std::string name, share_count shares) {
        return share_issuance(std::move(name), issuance_kind::preferred_conversion, shares, fraction(), fundround::currency(), {});
    }
    /// @p shares issued for @p consideration under the exemption called @p exemption, which the
    /// terms must name (anti_dilution::exempt(), e.g. "equipment lessor").
    [[nodiscard]] static share_issuance exempted(std::string name, share_count shares, money consideration,
                                                 std::string exemption) {
        return share_issuance(std::move(name), issuance_kind::exempted, shares, fraction(consideration.units()),
                              consideration.currency(), std::move(exemption));
    }

    /// The issue's name ("Series B").
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// What kind of issue it is.
    [[nodiscard]] issuance_kind kind() const noexcept { return kind_; }
    /// `C`: the shares issued, as converted into common.
    [[nodiscard]] share_count shares() const noexcept { return shares_; }
    /// The aggregate consideration in money units (thousandths of the major unit), exactly.
    [[nodiscard]] const fraction& consideration_units() const noexcept { return consideration_; }
    /// The currency of the consideration.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }
    /// The exemption's name, for issuance_kind::exempted ("" otherwise).
    [[nodiscard]] const std::string& exemption() const noexcept { return exemption_; }
    /// The issue price in money units per share: consideration / shares; throws
    /// invalid_argument_error unless shares are positive.
    [[nodiscard]] fraction price_units() const {
        if (shares_.value() <= 0) {
            throw invalid_argument_error("issuance shares = " + std::to_string(shares_.value()) +
                                         ": must be positive to derive an issue price");
        }
        return consideration_ / fraction(shares_.value());
    }

    /// Every problem with the issue, fields under @p path: shares not positive, a negative
    /// consideration. An issue without consideration is one (the NVCA charter adjusts on an issue
    /// "without consideration or for a consideration per share less than" the conversion price).
    [[nodiscard]] std::vector<diagnostic> validate(const field_path& path = field_path("issuance")) const {
        std::vector<diagnostic> out;
        if (shares_.value() <= 0) {
            out.push_back({path.member("shares"), std::to_string(shares_.value()), "must be positive"});
        }
        if (kind_ == issuance_kind::new_securities && consideration_.sign() < 0) {
            out.push_back({path.member("consideration"), consideration_text(),
                           "must not be negative (an issue is for some consideration or, as the NVCA charter "
                           "allows, none)"});
        }
        if (kind_ == issuance_kind::exempted && consideration_.sign() < 0) {
            out.push_back({path.member("consideration"), consideration_text(),
                           "must not be negative (an exempted issue is for some consideration or none)"});
        }
        return out;
    }

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const share_issuance& a, const share_issuance& b) {
        return a.name_ == b.name_ && a.kind_ == b.kind_ && a.shares_ == b.shares_ &&
               a.consideration_ == b.consideration_ && a.currency_ == b.currency_ && a.exemption_ == b.exemption_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const share_issuance& a, const share_issuance& b) { return !(a == b); }

private:
    // round_chain charges a warrant's issue with its exercise price (NVCA 4.4.4.2).
    friend class round_chain;
    // The consideration as money ("$0.00"), or as units where it is not a whole number of them.
    std::string consideration_text() const {
        return consideration_.is_integer() && consideration_.numerator() <= detail::int64_max &&
                       consideration_.numerator() >= detail::int64_min
                   ? format_full(money::from_units(static_cast<std::int64_t>(consideration_.numerator()), currency_))
                   : consideration_.to_string() + " units";
    }

    share_issuance(std::string name, issuance_kind kind, share_count shares, fraction consideration,
                   fundround::currency c, std::string exemption)
        : name_(std::move(name)), kind_(kind), shares_(shares), consideration_(consideration), currency_(c),
          exemption_(std::move(exemption)) {}

    std::string name_;
    issuance_kind kind_;
    share_count shares_;
    fraction consideration_;
    fundround::currency currency_;
    std::string exemption_;
};

/// One holder of a protected series across the adjustment.
struct holder_conversion {
    holder_id holder;                ///< Who.
    std::string name;                ///< The holder's display name.
    share_count shares;              ///< Preferred shares of the series held (unchanged).
    share_count as_converted_before; ///< shares x the ratio before, rounded by the share mode.
    share_count as_converted_after;  ///< shares x the ratio after, rounded by the share mode.
    fraction exact_after;            ///< shares x original issue price / CP2, exactly.

    /// The additional common shares on conversion: after - before.
    [[nodiscard]] share_count additional() const { return as_converted_after - as_converted_before; }
};

/// What one protected series' term did on an issue: the figures of the formula, the conversion
/// price and ratio before and after, and each holder's as-converted shares.
struct series_adjustment {
    std::string series;               ///< The series.
    anti_dilution_method method = anti_dilution_method::none;  ///< Its method.
    std::string base;                 ///< What `A` counts (anti_dilution_terms::base_definition()).
    bool adjusted = false;            ///< True if the conversion price went down.
    /// True if the series' holders waived its adjustment for this issue (anti_dilution::waive()):
    /// the conversion price and ratio stay, and the reason says so.
    bool waived = false;
    /// Why (or why not): "exempted: ...", "not a down round: ...", "down round: ... , but the new
    /// conversion price rounds back to it at 4 decimals (...)", "waived by the series for this
    /// issue: ...".
    std::string reason;
    fraction original_issue_price_units;  ///< The series' original issue price, money units per share.
    fraction cp1_units;               ///< `CP1`: original issue price / ratio before, units per share.
    fraction issue_price_units;       ///< The issue's price, consideration / C (0 for an issue without consideration).
    fraction consideration_units;     ///< The issue's aggregate consideration, money units.
    share_count a;                    ///< `A` on the named base (0 for full ratchet and none).
    /// True if `A` counts the SAFEs and notes converting in the round (a broad base with
    /// convertibles, in a round_chain): then a = the cap table's part + a_convertibles.
    bool a_counts_convertibles = false;
    /// The part of `A` that is SAFEs and notes converting in the round: the shares they convert
    /// into in it (conversion shares; 0 in a round or issue where none convert, or if A does not
    /// count them). Those shares are not in `C` (the NVCA's exempted conversion shares).
    share_count a_convertibles;
    share_count c;                    ///< `C`: the shares issued.
    /// `CP2` before rounding (= CP1 if the issue triggers nothing); empty in the rare case its
    /// lowest terms do not fit the 128-bit fraction (CP2 is then rounded from the big rational).
    std::optional<fraction> exact_cp2_units;
    fraction cp2_units;               ///< `CP2` after the named rounding, never above CP1.
    bool capped_at_cp1 = false;       ///< True if the rounding went above CP1 and CP2 was held at CP1.
    fraction ratio_before;            ///< Common per preferred share before: OIP / CP1.
    fraction ratio_after;             ///< Common per preferred share after: OIP / CP2.
    share_count as_converted_before;  ///< The series' as-converted shares before (sum over holders and warrants).
    share_count as_converted_after;   ///< The series' as-converted shares after (sum over holders and warrants).
    std::vector<holder_conversion> holders;  ///< Each holder of the series, in holding order.
    std::vector<holder_conversion> warrants;  ///< Each warrant for the series (shares: the warrant's), in warrant order.

    /// Additional common shares for the whole series: after - before.
    [[nodiscard]] share_count additional() const { return as_converted_after - as_converted_before; }
    /// `B` = consideration / CP1, the shares the money would buy at CP1, exactly, for a weighted
    /// average (0 otherwise); throws overflow_error if its terms do not fit 128 bits.
    [[nodiscard]] fraction b() const {
        if (method != anti_dilution_method::broad_based_weighted_average &&
            method != anti_dilution_method::narrow_based_weighted_average) {
            return fraction();
        }
        return consideration_units / cp1_units;
    }
    /// The holder @p id's figures; throws invalid_argument_error if it holds none of the series.
    [[nodiscard]] const holder_conversion& holder(const holder_id& id) const {
        for (const holder_conversion& h : holders) {
            if (h.holder == id) return h;
        }
        throw invalid_argument_error("holder = \"" + id.str() + "\": holds no " + series);
    }
};

class anti_dilution;

/// The anti-dilution adjustments an issue causes: one per protected series, in the order the
/// terms were given, with the roundings used. Made by anti_dilution::adjust().
class anti_dilution_adjustment {
public:
    /// The issue that was tested.
    [[nodiscard]] const share_issuance& issuance() const noexcept { return issuance_; }
    /// The precision `CP2` was rounded to (empty: exact).
    [[nodiscard]] const std::optional<price_precision>& conversion_price_rounding() const noexcept { return precision_; }
    /// How as-converted shares were rounded (per holding).
    [[nodiscard]] rounding share_rounding() const noexcept { return share_mode_; }
    /// Each protected series, in the order the terms were given.
    [[nodiscard]] const std::vector<series_adjustment>& series() const noexcept { return series_; }
    /// The series called @p name; throws invalid_argument_error if it has no terms.
    [[nodiscard]] const series_adjustment& of(std::string_view name) const& { return series_[position_of(name)]; }
    /// The series called @p name, moved out of a temporary result (so that
    /// `adjust(t, issue).of("Series A")` never refers to a destroyed result).
    [[nodiscard]] series_adjustment of(std::string_view name) && { return std::move(series_[position_of(name)]); }
    /// True if any series' conversion price went down.
    [[nodiscard]] bool any_adjusted() const noexcept {
        for (const series_adjustment& s : series_) {
            if (s.adjusted) return true;
        }
        return false;
    }
    /// Additional common shares on conversion over every series.
    [[nodiscard]] share_count additional_shares() const {
        share_count total;
        for (const series_adjustment& s : series_) total += s.additional();
        return total;
    }

    /// @p table with each adjusted series' conversion ratio set to its ratio after (everything
    /// else as it is); throws validation_error if an adjusted series is not on @p table.
    [[nodiscard]] cap_table applied_to(const cap_table& table) const;

    /// Writes, per series, the method and base, A, B, C, the conversion price and ratio before and
    /// after (rounding named) and the as-converted shares, or why nothing changed. Prices are
    /// shown to 4 decimals, or as many more (up to 12, then the exact fraction) as it takes to
    /// show an issue price apart from a conversion price it differs from ("$0.99999" below
    /// "$1.00000", not "$1.0000").
    friend std::ostream& operator<<(std::ostream& os, const anti_dilution_adjustment& a) {
        a.print(os);
        return os;
    }

private:
    std::size_t position_of(std::string_view name) const {
        for (std::size_t i = 0; i < series_.size(); ++i) {
            if (series_[i].series == name) return i;
        }
        throw invalid_argument_error("series = \"" + std::string(name) + "\": has no anti-dilution terms");
    }

    friend class anti_dilution;
    anti_dilution_adjustment(share_issuance i, fundround::currency c)
        : issuance_(std::move(i)), currency_(c) {}
    void print(std::ostream& os) const;

    share_issuance issuance_;
    fundround::currency currency_;
    std::optional<price_precision> precision_;
    rounding share_mode_ = rounding::floor;
    std::vector<series_adjustment> series_;
};

/// The outcome of anti_dilution::try_adjust(): the adjustments, or every problem found.
struct anti_dilution_result {
    std::optional<anti_dilution_adjustment> adjustment;  ///< The adjustments, when there were no problems.
    std::vector<diagnostic> problems;                    ///< Every problem found (empty on success).

    /// True if the adjustments were computed.
    [[nodiscard]] bool ok() const noexcept { return adjustment.has_value(); }
    /// True if the adjustments were computed.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A priced round on a cap table with the anti-dilution adjustments it triggers: the round as
/// priced, the adjustments, the cap table after both, and every holder's fully diluted shares and
/// ownership before the round and after it and the adjustments. Made by anti_dilution::apply_to().
class down_round {
public:
    /// The priced round as applied to the table (before any adjustment).
    [[nodiscard]] const round_on_cap_table& round() const noexcept { return round_; }
    /// The adjustments the round's new shares trigger.
    [[nodiscard]] const anti_dilution_adjustment& adjustment() const noexcept { return adjustment_; }
    /// The cap table before the round.
    [[nodiscard]] const cap_table& before() const noexcept { return round_.before(); }
    /// The cap table after the round and the adjustments (round().after() with the new ratios).
    [[nodiscard]] const cap_table& after() const noexcept { return after_; }
    /// Every holder on the table after, in its order: fully diluted shares and ownership before the
    /// round and after it and the adjustments, on the round's basis.
    [[nodiscard]] const std::vector<holder_change>& holders() const noexcept { return changes_; }
    /// The change of holder @p id; throws invalid_argument_error if it is not on the table after.
    [[nodiscard]] const holder_change& change_of(const holder_id& id) const {
        return detail::change_of(after_, changes_, id);
    }

private:
    friend class anti_dilution;
    down_round(round_on_cap_table r, anti_dilution_adjustment a, cap_table after)
        : round_(std::move(r)), adjustment_(std::move(a)), after_(std::move(after)) {}

    round_on_cap_table round_;
    anti_dilution_adjustment adjustment_;
    cap_table after_;
    std::vector<holder_change> changes_;
};

/// The outcome of anti_dilution::try_apply_to(): the down round, or every problem found.
struct down_round_result {
    std::optional<down_round> round;   ///< The round with its adjustments, when there were no problems.
    std::vector<diagnostic> problems;  ///< Every problem found (empty on success).

    /// True if the adjustments were computed.
    [[nodiscard]] bool ok() const noexcept { return round.has_value(); }
    /// True if the adjustments were computed.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// The anti-dilution provisions of a company's charter: each protected series' terms, the named
/// exempted issuances, and the roundings:
///
///     const anti_dilution charter = anti_dilution()
///         .protect(anti_dilution_terms::broad_based("Series A Preferred"))
///         .conversion_price_rounded(4, rounding::half_away_from_zero);  // NVCA: 1/100 of a cent
///     const anti_dilution_adjustment adj =
///         charter.adjust(table,
///                        share_issuance::at_price("Series B", share_count(2'000'000), price));
///
/// Defaults, each named and reported: `CP2` rounded to $0.0001 half away from zero (the NVCA
/// model charter's "nearest one-hundredth of a cent"; the tie rule is ours), as-converted shares
/// rounded down per holding (no fractional shares on conversion, as the cap table counts them).
/// Setters never throw; adjust() and apply_to() report every problem at once. The terms
/// (protect(), exempt(), waive()) are added in place, as a builder's; the roundings
/// (conversion_price_rounded(), conversion_price_exact(), shares_rounded()) return a new charter
/// and leave this one as it was, so that one charter can be adjusted under several roundings.
///
/// Pay-to-play (a holder who does not buy its pro rata loses its protection) is
/// instruments/pay_to_play.hpp: apply the charter to its round. Left out: deemed issues of options
/// and convertibles at their exercise price, and pricing the round with the adjustment's shares in
/// its own pre-money.
class anti_dilution {
public:
    /// No protected series yet.
    anti_dilution() = default;

    /// Adds the anti-dilution term @p t of one series.
    anti_dilution& protect(anti_dilution_terms t) {
        terms_.push_back(std::move(t));
        return *this;
    }
    /// Names an exempted issuance (e.g. "equipment lessor", "strategic partner"): a
    /// share_issuance::exempted() under that name triggers no adjustment.
    anti_dilution& exempt(std::string exemption) {
        exemptions_.push_back(std::move(exemption));
        return *this;
    }
    /// The holders of @p series (its required majority, the NVCA charter's "Requisite Holders")
    /// waive its adjustment for the issue this charter is tested on: the series is reported,
    /// unchanged, with series_adjustment::waived set. A waiver is for one financing: in a chain,
    /// round_chain::waive() gives it for the next step only, a round or an issue of shares
    /// between rounds (a waiver in a charter given to round_chain::charter() holds for every step
    /// that charter governs).
    anti_dilution& waive(std::string series) {
        waivers_.push_back(std::move(series));
        return *this;
    }
    /// A copy of this charter that rounds `CP2` to @p decimals digits of the major unit by
    /// @p mode (4: $0.0001, the NVCA charter's one-hundredth of a cent; 3: a tenth of a cent).
    [[nodiscard]] anti_dilution conversion_price_rounded(int decimals, rounding mode) const {
        anti_dilution out = *this;
        out.precision_ = price_precision{decimals, mode};
        return out;
    }
    /// A copy of this charter that keeps `CP2` exact (no rounding).
    [[nodiscard]] anti_dilution conversion_price_exact() const {
        anti_dilution out = *this;
        out.precision_.reset();
        return out;
    }
    /// A copy of this charter that rounds each holding's as-converted shares by @p mode (default
    /// floor; apply_to() requires floor, the cap table's rounding, so that its figures reconcile
    /// with the table after).
    [[nodiscard]] anti_dilution shares_rounded(rounding mode) const {
        anti_dilution out = *this;
        out.share_mode_ = mode;
        return out;
    }

    /// The terms, in the order given.
    [[nodiscard]] const std::vector<anti_dilution_terms>& terms() const noexcept { return terms_; }
    /// The named exempted issuances.
    [[nodiscard]] const std::vector<std::string>& exemptions() const noexcept { return exemptions_; }
    /// The series whose holders waive their adjustment (waive()), in the order given.
    [[nodiscard]] const std::vector<std::string>& waivers() const noexcept { return waivers_; }

    /// Every problem with these terms and @p issue on @p before (empty if none).
    [[nodiscard]] std::vector<diagnostic> validate(const cap_table& before, const share_issuance& issue) const;
    /// The adjustments @p issue triggers on the table @p before it, or every problem found: a
    /// figure the named roundings cannot give (rounding::exact on an inexact CP2 or count) or that
    /// does not fit (an exact CP2 or product beyond 128 bits, a count beyond 64) is one too.
    [[nodiscard]] anti_dilution_result try_adjust(const cap_table& before, const share_issuance& issue) const;
    /// The adjustments @p issue triggers on the table @p before it; throws validation_error.
    [[nodiscard]] anti_dilution_adjustment adjust(const cap_table& before, const share_issuance& issue) const {
        anti_dilution_result r = try_adjust(before, issue);
        if (!r.ok()) throw validation_error("anti-dilution does not apply", std::move(r.problems));
        return std::move(*r.adjustment);
    }

    /// The issue a priced round makes: its new shares (not the pool top-up, a reservation whose
    /// grants are exempted) at the round price, consideration price x new shares exactly.
    [[nodiscard]] static share_issuance issuance_of(const round_on_cap_table& round) {
        return share_issuance::at_price(round.pricing().name(), round.pricing().new_shares(), round.pricing().price());
    }
    /// @p round with the adjustments its new shares trigger on the table before it, or every
    /// problem.
    [[nodiscard]] down_round_result try_apply_to(const round_on_cap_table& round) const;
    /// @p round with the adjustments its new shares trigger; throws validation_error.
    [[nodiscard]] down_round apply_to(const round_on_cap_table& round) const {
        down_round_result r = try_apply_to(round);
        if (!r.ok()) {
            throw validation_error("anti-dilution does not apply to round \"" + round.pricing().name() + "\"",
                                   std::move(r.problems));
        }
        return std::move(*r.round);
    }

private:
    friend class round_chain;

    // validate() and try_adjust(), for the issue of @p round when it is given: a protected series
    // that only the table after it has is named as the series the round issues.
    // @p convertibles: the shares the SAFEs and notes converting in the round convert into, for a
    // broad base that counts them (round_chain gives it, 0 where none convert); null: not known
    // (a cap table alone), and such a base is a problem.
    std::vector<diagnostic> check(const cap_table& before, const share_issuance& issue, const round_on_cap_table* round,
                                  const share_count* convertibles) const;
    // The problems of the exemptions' names, the roundings and the terms on @p before, whatever the
    // issue. A series not on @p before is named as one the round @p round_name issues if @p after
    // (the table after the round) has it, or, without @p after, if it is @p series or one of the
    // conversion series "<series>-1", "<series>-2"... a round with SAFEs and notes makes.
    // A broad base counting convertibles is a problem unless @p convertibles_known.
    void check_terms(std::vector<diagnostic>& out, const cap_table& before, std::string_view round_name,
                     const cap_table* after, std::string_view series, bool convertibles_known) const;
    // The problems of the waivers: each a series the terms protect (not with the method none), once.
    void check_waivers(std::vector<diagnostic>& out) const;
    // apply_to()'s requirement of the cap table's floor share rounding, a problem if not met.
    void check_floor(std::vector<diagnostic>& out) const;
    // For round_chain: what apply_to() would report for any round named @p round_name issuing
    // @p series on @p before, whatever the round's figures (the terms, the roundings, the floor
    // share rounding), reported beside the problems of a round that does not apply.
    // (A chain knows what converts in each step: a base counting convertibles is no problem there.)
    std::vector<diagnostic> check_for_round(const cap_table& before, std::string_view round_name,
                                            std::string_view series) const {
        std::vector<diagnostic> out;
        check_terms(out, before, round_name, nullptr, series, true);
        check_floor(out);
        return out;
    }
    anti_dilution_result adjust_checked(const cap_table& before, const share_issuance& issue,
                                        const round_on_cap_table* round, const share_count* convertibles) const;
    // try_apply_to() with the shares the round's SAFEs and notes convert into (round_chain).
    down_round_result apply_checked(const round_on_cap_table& round, const share_count* convertibles) const;

    std::vector<anti_dilution_terms> terms_;
    std::vector<std::string> exemptions_;
    std::vector<std::string> waivers_;
    std::optional<price_precision> precision_ = price_precision{4, rounding::half_away_from_zero};
    rounding share_mode_ = rounding::floor;
};

namespace detail {

/// @p units (money units per share) as a price "$0.8889" with @p decimals digits, rounded half
/// even; a positive price those digits would show as zero gets the digits
/// price_per_share::display_string() shows it with ("$0.000010", never "$0.0000").
[[nodiscard]] inline std::string anti_dilution_price_text(const fraction& units, fundround::currency c, int decimals = 4) {
    const fraction major = units / fraction(money::units_per_major);
    std::string text = major.to_decimal_string(decimals, rounding::half_even);
    if (units.sign() > 0 && text.find_first_not_of("0.") == std::string::npos) {
        text = major.to_decimal_string(std::max(decimals, price_display_decimals(units)), rounding::half_even);
    }
    const std::size_t point = text.find('.');
    return currency_prefix(c) + group_thousands(text.substr(0, point)) +
           (point == std::string::npos ? std::string() : text.substr(point));
}

/// The decimals (4 to 12) that print @p units apart from @p other where they differ: 4 unless
/// 4 would show a price below CP1 as CP1 ("$0.99999" against "$1.0000").
[[nodiscard]] inline int anti_dilution_decimals_apart(const fraction& units, const fraction& other, fundround::currency c) {
    int d = 4;
    while (d < 12 && units != other && anti_dilution_price_text(units, c, d) == anti_dilution_price_text(other, c, d)) ++d;
    return d;
}

/// @p units as a price with @p decimals digits, its exact value beside it where even 12 digits
/// would print it as @p other (which it differs from).
[[nodiscard]] inline std::string anti_dilution_price_text_apart(const fraction& units, const fraction& other,
                                                                fundround::currency c, int decimals) {
    std::string text = anti_dilution_price_text(units, c, decimals);
    if (units != other && text == anti_dilution_price_text(other, c, decimals)) {
        text += " (exact " + (units / fraction(money::units_per_major)).to_string() + ")";
    }
    return text;
}

/// @p value (money units per share, exactly) rounded to @p p's step, on big integers.
[[nodiscard]] inline fraction round_conversion_price(const big_rational& value, const price_precision& p) {
    if (p.decimals >= 3) {
        const big_int scale = pow10_big(p.decimals - 3);
        const big_int steps = divide_rounded(value.numerator() * scale, value.denominator(), p.mode);
        return detail::to_fraction(steps, scale, "conversion price");
    }
    const big_int step = pow10_big(3 - p.decimals);
    const big_int steps = divide_rounded(value.numerator(), value.denominator() * step, p.mode);
    return detail::to_fraction(steps * step, big_int(1), "conversion price");
}

/// @p table with the classes named in @p ratios converting at the given ratio; everything else
/// copied through the builder's public API.
[[nodiscard]] inline cap_table with_conversion_ratios(const cap_table& table,
                                                      const std::vector<std::pair<std::string, fraction>>& ratios) {
    // The ratio of each class by its position (the last given wins), found once per ratio.
    std::vector<const fraction*> ratio_of(table.classes().size(), nullptr);
    for (const auto& r : ratios) {
        if (const auto c = table.class_index(r.first)) ratio_of[*c] = &r.second;
    }
    cap_table_builder b;
    b.currency(table.currency());
    for (const holder& h : table.holders()) b.add(h);
    for (std::size_t i = 0; i < table.classes().size(); ++i) {
        const share_class& c = table.classes()[i];
        b.add(ratio_of[i] ? c.with_conversion_ratio(*ratio_of[i]) : c);
    }
    for (const option_pool& p : table.pools()) b.add(p);
    for (const holding& h : table.holdings()) b.holding(h.holder, h.share_class, h.shares);
    for (const option_grant& g : table.grants()) b.grant(g);
    for (const warrant& w : table.warrants()) b.add(w);
    for (const auto& d : table.declared_distinct()) b.declare_distinct(d.first, d.second);
    return b.build();
}

/// ", its preferred series: "A", "B"" (those with an original issue price), or ", which has no
/// preferred series with an original issue price": the hint after "is not a share class on the
/// cap table".
[[nodiscard]] inline std::string preferred_series_hint(const cap_table& table) {
    std::string names;
    for (const share_class& c : table.classes()) {
        if (!c.is_preferred() || !c.original_issue_price()) continue;
        names += (names.empty() ? "" : ", ") + detail::quoted_text(c.name());
    }
    return names.empty() ? std::string(", which has no preferred series with an original issue price")
                         : ", whose preferred series are " + names;
}

}  // namespace detail

inline cap_table anti_dilution_adjustment::applied_to(const cap_table& table) const {
    std::vector<std::pair<std::string, fraction>> ratios;
    std::vector<diagnostic> problems;
    for (std::size_t i = 0; i < series_.size(); ++i) {
        const series_adjustment& s = series_[i];
        if (!s.adjusted) continue;
        if (!table.class_index(s.series)) {
            problems.push_back({field_path("series").index(i, s.series), detail::quoted_text(s.series),
                                "is not a share class on the cap table the adjustment is applied to"});
        }
        ratios.emplace_back(s.series, s.ratio_after);
    }
    if (!problems.empty()) throw validation_error("anti-dilution adjustment does not apply", std::move(problems));
    return detail::with_conversion_ratios(table, ratios);
}

inline void anti_dilution_adjustment::print(std::ostream& os) const {
    const auto price = [&](const fraction& units) { return detail::anti_dilution_price_text(units, currency_); };
    const auto count = [](share_count s) { return detail::signed_digits(s.value(), true); };
    os << "Anti-dilution on " << issuance_.name() << " (" << to_string(issuance_.kind()) << ", "
       << count(issuance_.shares()) << " shares";
    if (issuance_.consideration_units().sign() > 0) {
        // As many decimals as it takes to show the price apart from each series' CP1.
        int decimals = 4;
        const series_adjustment* closest = nullptr;
        for (const series_adjustment& s : series_) {
            const int d = detail::anti_dilution_decimals_apart(issuance_.price_units(), s.cp1_units, currency_);
            if (d >= decimals) {
                decimals = d;
                closest = &s;
            }
        }
        os << " at "
           << (closest ? detail::anti_dilution_price_text_apart(issuance_.price_units(), closest->cp1_units, currency_, decimals)
                       : price(issuance_.price_units()));
    }
    os << ")\n";
    for (const series_adjustment& s : series_) {
        os << "  " << s.series << ": " << to_string(s.method);
        if (!s.base.empty()) os << " on " << s.base;
        os << '\n';
        if (!s.adjusted) {
            os << "    unchanged: " << s.reason << "; conversion price " << price(s.cp1_units) << ", ratio "
               << s.ratio_before.to_string() << '\n';
            continue;
        }
        if (s.method != anti_dilution_method::full_ratchet) {
            const detail::big_rational consideration(s.consideration_units);
            const detail::big_rational cp1(s.cp1_units);
            const detail::big_rational b(consideration.numerator() * cp1.denominator(),
                                         consideration.denominator() * cp1.numerator());
            // B to 4 decimals, its whole part grouped like A and C ("1,000,000.0000"; B >= 0)
            const std::string b_text = b.to_decimal_string(4, rounding::half_even);
            const std::size_t point = b_text.find('.');
            os << "    A " << count(s.a);
            if (s.a_counts_convertibles) {
                os << " (cap table " << count(s.a - s.a_convertibles) << " + SAFEs and notes converting "
                   << count(s.a_convertibles) << ")";
            }
            os << ", B " << detail::group_thousands(b_text.substr(0, point))
               << (point == std::string::npos ? std::string() : b_text.substr(point)) << ", C " << count(s.c) << '\n';
        }
        os << "    conversion price " << price(s.cp1_units) << " -> " << price(s.cp2_units) << " (exact ";
        if (s.exact_cp2_units) {
            os << detail::anti_dilution_price_text(*s.exact_cp2_units, currency_, 8);
        } else {
            os << "beyond 128 bits";
        }
        os << ", ";
        if (precision_) {
            os << precision_->decimals << " decimals, " << to_string(precision_->mode);
        } else {
            os << "not rounded";
        }
        if (s.capped_at_cp1) os << ", held at CP1";
        os << ")\n    conversion ratio " << s.ratio_before.to_string() << " -> " << s.ratio_after.to_string()
           << " = " << s.ratio_after.to_decimal_string(6, rounding::half_even) << "\n    as converted "
           << count(s.as_converted_before) << " -> " << count(s.as_converted_after) << " (+"
           << count(s.additional()) << ", " << to_string(share_mode_) << " per holding)\n";
    }
}

inline std::vector<diagnostic> anti_dilution::validate(const cap_table& before, const share_issuance& issue) const {
    return check(before, issue, nullptr, nullptr);
}

inline std::vector<diagnostic> anti_dilution::check(const cap_table& before, const share_issuance& issue,
                                                    const round_on_cap_table* round,
                                                    const share_count* convertibles) const {
    std::vector<diagnostic> out = issue.validate();
    if (issue.kind() != issuance_kind::pool_grant && issue.kind() != issuance_kind::preferred_conversion &&
        issue.currency() != before.currency()) {
        out.push_back({field_path("issuance").member("consideration"), to_string(issue.currency()),
                       detail::table_currency_rule(before.currency())});
    }
    if (issue.kind() == issuance_kind::exempted) {
        bool named = false;
        for (const std::string& e : exemptions_) named = named || e == issue.exemption();
        if (!named) {
            out.push_back({field_path("issuance").member("exemption"), detail::quoted_text(issue.exemption()),
                           "is not an exemption the terms name: add it with exempt()"});
        }
    }
    check_terms(out, before, round ? std::string_view(round->pricing().name()) : std::string_view(),
                round ? &round->after() : nullptr, {}, convertibles != nullptr);
    if (issue.kind() == issuance_kind::new_securities && issue.consideration_units().sign() == 0) {
        for (std::size_t i = 0; i < terms_.size(); ++i) {
            if (terms_[i].method != anti_dilution_method::full_ratchet) continue;
            // A weighted average takes B = 0; a full ratchet would leave no conversion price.
            out.push_back({field_path("protections").index(i, terms_[i].series).member("method"), "full_ratchet",
                           "takes the conversion price to the issue price, zero for an issue without consideration: "
                           "no conversion price is left (state the issue at the price the charter deems, e.g. par)"});
        }
    }
    return out;
}

inline void anti_dilution::check_floor(std::vector<diagnostic>& out) const {
    // A mode outside the enumeration is reported as such by check_terms(), once.
    const bool known = static_cast<std::size_t>(share_mode_) < std::size(detail::rounding_names);
    if (known && share_mode_ != rounding::floor) {
        // The table after counts each holding as converted rounded down: any other share rounding
        // would report additional shares the table after does not hold.
        out.push_back({field_path("share_rounding"), std::string(to_string(share_mode_)),
                       "must be floor to apply to a cap table, which rounds each holding as converted down"});
    }
}

inline void anti_dilution::check_terms(std::vector<diagnostic>& out, const cap_table& before, std::string_view round_name,
                                       const cap_table* after, std::string_view series,
                                       bool convertibles_known) const {
    // A name the round issues: on the table after it, or (without that table) its series or one
    // of the conversion series "<series>-<k>" a round with SAFEs and notes makes.
    const auto issued_by_round = [&](const std::string& name) {
        if (after) return after->class_index(name).has_value();
        if (series.empty() || name.compare(0, series.size(), series) != 0) return false;
        if (name.size() == series.size()) return true;
        const std::string_view rest = std::string_view(name).substr(series.size());
        return rest.size() > 1 && rest[0] == '-' && rest.find_first_not_of("0123456789", 1) == std::string_view::npos;
    };
    for (std::size_t i = 0; i < exemptions_.size(); ++i) {
        if (holder_name_key(exemptions_[i]).empty()) {
            out.push_back({field_path("exemptions").index(i), detail::quoted_text(exemptions_[i]),
                           "must contain a letter or digit"});
        }
    }
    if (precision_ && (precision_->decimals < 0 || precision_->decimals > price_precision::max_decimals)) {
        out.push_back({field_path("conversion_price_rounding").member("decimals"), std::to_string(precision_->decimals),
                       "must be from 0 to " + std::to_string(price_precision::max_decimals)});
    }
    if (precision_) {
        detail::check_known_enum(out, field_path("conversion_price_rounding").member("mode"), precision_->mode,
                                 detail::rounding_names);
    }
    detail::check_known_enum(out, field_path("share_rounding"), share_mode_, detail::rounding_names);
    std::map<std::string_view, std::size_t> first_terms;  // each series' first terms, for the repeats
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        const anti_dilution_terms& t = terms_[i];
        const field_path at = field_path("protections").index(i, t.series);
        // An enum value cast from an integer outside the four methods.
        detail::check_known_enum(out, at.member("method"), t.method, detail::anti_dilution_method_names);
        const auto c = before.class_index(t.series);
        if (!c && issued_by_round(t.series)) {
            // The series the round itself issues is on the table after it, not before.
            out.push_back({at.member("series"), detail::quoted_text(t.series),
                           "is the series round " + detail::quoted_text(std::string(round_name)) +
                               " issues, not on the cap table before it: anti-dilution protects the series issued "
                               "before the round"});
        } else if (!c) {
            out.push_back({at.member("series"), detail::quoted_text(t.series),
                           "is not a share class on the cap table" + detail::preferred_series_hint(before)});
        } else if (!before.classes()[*c].is_preferred() || !before.classes()[*c].original_issue_price()) {
            out.push_back({at.member("series"), detail::quoted_text(t.series),
                           "must be a preferred series with an original issue price"});
        }
        const auto first = first_terms.emplace(t.series, i);
        if (!first.second) {
            out.push_back({at.member("series"), detail::quoted_text(t.series),
                           "duplicates protections[" + std::to_string(first.first->second) + "]: state a series' terms once"});
        }
        if (t.method == anti_dilution_method::narrow_based_weighted_average) {
            if (t.narrow_classes.empty()) {
                out.push_back({at.member("narrow_classes"), "", "names no class: a narrow base counts named classes"});
            }
            for (std::size_t k = 0; k < t.narrow_classes.size(); ++k) {
                if (!before.class_index(t.narrow_classes[k])) {
                    out.push_back({at.member("narrow_classes").index(k), detail::quoted_text(t.narrow_classes[k]),
                                   "is not a share class on the cap table"});
                }
                for (std::size_t m = 0; m < k; ++m) {
                    if (t.narrow_classes[m] == t.narrow_classes[k]) {
                        // A class named twice would count its shares twice in A.
                        out.push_back({at.member("narrow_classes").index(k), detail::quoted_text(t.narrow_classes[k]),
                                       "duplicates narrow_classes[" + std::to_string(m) +
                                           "]: a class counts once in A"});
                        break;
                    }
                }
            }
        } else if (!t.narrow_classes.empty()) {
            out.push_back({at.member("narrow_classes"), std::to_string(t.narrow_classes.size()) + " classes",
                           "must be empty unless the method is narrow_based_weighted_average"});
        }
        if (t.method == anti_dilution_method::broad_based_weighted_average && t.broad_base.convertibles &&
            !convertibles_known) {
            // cap_table::fully_diluted() counts 0 for convertibles: A would be labelled with them
            // and count none. A round_chain knows the shares its conversion rounds' SAFEs and notes
            // convert into.
            out.push_back({at.member("broad_base"), t.broad_base.to_string(),
                           "counts convertibles, which a cap table does not hold (A would count none of them): "
                           "apply the charter in a round_chain, whose rounds with conversions give the shares their "
                           "SAFEs and notes convert into, or set broad_base.convertibles to false"});
        }
    }
    check_waivers(out);
}

inline void anti_dilution::check_waivers(std::vector<diagnostic>& out) const {
    std::vector<std::string> protected_series;  // those with price-based protection, to name
    for (const anti_dilution_terms& t : terms_) {
        if (t.method != anti_dilution_method::none) protected_series.push_back(t.series);
    }
    for (std::size_t k = 0; k < waivers_.size(); ++k) {
        const std::string& w = waivers_[k];
        const field_path at = field_path("waivers").index(k);
        bool stated = false;  // protected, or stated with the method none
        for (const anti_dilution_terms& t : terms_) stated = stated || t.series == w;
        const bool known = std::find(protected_series.begin(), protected_series.end(), w) != protected_series.end();
        if (!known) {
            std::string text = stated ? "has no price-based protection to waive (its method is none)"
                                      : "is not a series the charter protects in this round";
            // Named by the terms, the method says why; else the series the terms name but for case,
            // spaces or punctuation ("did you mean"), or the series they protect.
            if (!stated) {
                text += detail::name_suggestion(w, &protected_series, protected_series.size(), detail::string_at, "it protects",
                                                "it protects none", "series");
            }
            out.push_back({at, detail::quoted_text(w), std::move(text)});
        }
        for (std::size_t m = 0; m < k; ++m) {
            if (waivers_[m] != w) continue;
            out.push_back({at, detail::quoted_text(w), "duplicates waivers[" + std::to_string(m) + "]: a series waives once"});
            break;
        }
    }
}

inline anti_dilution_result anti_dilution::try_adjust(const cap_table& before, const share_issuance& issue) const {
    return adjust_checked(before, issue, nullptr, nullptr);
}

inline anti_dilution_result anti_dilution::adjust_checked(const cap_table& before, const share_issuance& issue,
                                                          const round_on_cap_table* round,
                                                          const share_count* convertibles) const {
    using detail::big_int;
    using detail::big_rational;
    anti_dilution_result result;
    result.problems = check(before, issue, round, convertibles);
    if (!result.problems.empty()) return result;

    anti_dilution_adjustment adj(issue, before.currency());
    adj.precision_ = precision_;
    adj.share_mode_ = share_mode_;
    const bool exempt = issue.kind() != issuance_kind::new_securities;
    const fraction issue_price = issue.consideration_units().sign() > 0 ? issue.price_units() : fraction();
    const fully_diluted_counts outstanding = before.fully_diluted(fully_diluted_basis::outstanding());
    // A on each distinct broad base, and each class's holdings and warrants, found once: the cost
    // grows with the table plus the terms, not with their product (a company after many rounds
    // protects many series).
    std::vector<std::pair<fully_diluted_basis, share_count>> broad_totals;
    const auto broad_total = [&](const fully_diluted_basis& b) {
        for (const auto& e : broad_totals) {
            if (e.first == b) return e.second;
        }
        broad_totals.emplace_back(b, before.fully_diluted(b).total());
        return broad_totals.back().second;
    };
    std::vector<std::vector<std::size_t>> holdings_of(before.classes().size());
    std::vector<std::vector<std::size_t>> warrants_of(before.classes().size());
    for (std::size_t k = 0; k < before.holdings().size(); ++k) {
        holdings_of[*before.class_index(before.holdings()[k].share_class)].push_back(k);
    }
    for (std::size_t k = 0; k < before.warrants().size(); ++k) {
        warrants_of[*before.class_index(before.warrants()[k].share_class)].push_back(k);
    }
    const big_rational consideration(issue.consideration_units());
    const auto big_count = [](share_count s) { return big_rational(big_int(s.value()), big_int(1)); };
    const auto exempt_reason = [&]() -> std::string {
        switch (issue.kind()) {
            case issuance_kind::pool_grant: return "exempted: options or shares granted from a pool";
            case issuance_kind::preferred_conversion: return "exempted: common issued on conversion of preferred";
            case issuance_kind::exempted: return "exempted: " + issue.exemption();
            case issuance_kind::new_securities: break;
        }
        return {};
    };

    for (std::size_t i = 0; i < terms_.size(); ++i) {
        const anti_dilution_terms& t = terms_[i];
        const std::size_t ci = *before.class_index(t.series);
        const share_class& cls = before.classes()[ci];
        const field_path at = field_path("protections").index(i, t.series);
        series_adjustment s;
        s.series = t.series;
        s.method = t.method;
        s.base = t.base_definition();
        s.original_issue_price_units = cls.original_issue_price()->units_per_share();
        s.ratio_before = cls.conversion_ratio();
        try {
            s.cp1_units = s.original_issue_price_units / s.ratio_before;
        } catch (const overflow_error&) {
            // Only a ratio set by hand with huge terms: every adjustment leaves OIP / ratio = CP2.
            result.problems.push_back({at.member("series"), detail::quoted_text(t.series),
                                       "its conversion price, the original issue price " +
                                           s.original_issue_price_units.to_string() + " units / the conversion ratio " +
                                           s.ratio_before.to_string() + ", does not fit the 128-bit fraction"});
            continue;
        }
        s.issue_price_units = issue_price;
        s.consideration_units = issue.consideration_units();
        s.c = issue.shares();
        if (t.method == anti_dilution_method::broad_based_weighted_average) {
            s.a = broad_total(t.broad_base);
            if (t.broad_base.convertibles && convertibles != nullptr) {
                // The NVCA's A treats as outstanding the common issuable on conversion of the
                // Convertible Securities outstanding immediately prior: here the shares the SAFEs
                // and notes convert into in the round (shadow series at ratio 1 when they close).
                s.a_counts_convertibles = true;
                s.a_convertibles = *convertibles;
                if (s.a.value() > std::numeric_limits<std::int64_t>::max() - convertibles->value()) {
                    result.problems.push_back({at.member("broad_base"), t.broad_base.to_string(),
                                               "makes A = " + detail::signed_digits(s.a.value(), true) + " + " +
                                                   detail::signed_digits(convertibles->value(), true) +
                                                   " shares of SAFEs and notes converting, which does not fit 64 bits"});
                    continue;
                }
                s.a += *convertibles;
            }
        } else if (t.method == anti_dilution_method::narrow_based_weighted_average) {
            for (const std::string& name : t.narrow_classes) s.a += outstanding.by_class()[*before.class_index(name)];
        }
        s.exact_cp2_units = s.cp1_units;
        s.cp2_units = s.cp1_units;
        s.ratio_after = s.ratio_before;
        if (t.method == anti_dilution_method::none) {
            s.reason = "no price-based anti-dilution protection";
        } else if (exempt) {
            s.reason = exempt_reason();
        } else if (std::find(waivers_.begin(), waivers_.end(), t.series) != waivers_.end()) {
            // NVCA model charter, "No Adjustment of Conversion Price": no adjustment if the
            // Requisite Holders agree in writing that none be made for this issue.
            s.waived = true;
            const int d = detail::anti_dilution_decimals_apart(issue_price, s.cp1_units, before.currency());
            s.reason = std::string("waived by the series for this issue (") +
                       (issue_price < s.cp1_units ? "a down round: the issue price " : "not a down round: the issue price ") +
                       detail::anti_dilution_price_text_apart(issue_price, s.cp1_units, before.currency(), d) +
                       (issue_price < s.cp1_units ? " is below" : " is not below") + " the conversion price " +
                       detail::anti_dilution_price_text(s.cp1_units, before.currency(), d) + ")";
        } else if (!(issue_price < s.cp1_units)) {
            const int d = detail::anti_dilution_decimals_apart(issue_price, s.cp1_units, before.currency());
            s.reason = "not a down round: the issue price " +
                       detail::anti_dilution_price_text_apart(issue_price, s.cp1_units, before.currency(), d) +
                       " is not below the conversion price " + detail::anti_dilution_price_text(s.cp1_units, before.currency(), d);
        } else {
            big_rational exact;
            if (t.method == anti_dilution_method::full_ratchet) {
                exact = consideration * big_rational(big_int(1), big_int(s.c.value()));
            } else {
                // With B = consideration / CP1: CP2 = CP1 (A + B) / (A + C) = (CP1 A +
                // consideration) / (A + C).
                const big_rational cp1(s.cp1_units);
                const big_rational numerator = cp1 * big_count(s.a) + consideration;
                exact = numerator * big_rational(big_int(1), big_int(s.a.value()) + big_int(s.c.value()));
            }
            exact.reduce();
            if (exact.sign() == 0) {
                // An issue without consideration on an A of 0 (a narrow base with no shares): the
                // weighted average falls to the zero issue price (check() refuses a full ratchet).
                result.problems.push_back({at.member("method"), std::string(to_string(t.method)),
                                           "takes the conversion price to zero (an issue without consideration, A = 0): "
                                           "no conversion price is left"});
                continue;
            }
            try {
                s.exact_cp2_units = exact.to_fraction("exact conversion price");
            } catch (const overflow_error&) {
                s.exact_cp2_units.reset();
            }
            if (!precision_ && !s.exact_cp2_units) {
                // An exact CP2 was asked for and does not fit (a chain of exact adjustments grows
                // its terms round after round): a problem, not a throw.
                result.problems.push_back(
                    {field_path("conversion_price_rounding"), "exact",
                     "leaves " + t.series + "'s conversion price, about " +
                         exact.to_decimal_string(12, rounding::half_even) +
                         " units, beyond the 128-bit fraction in lowest terms: round it (conversion_price_rounded)"});
                continue;
            }
            fraction cp2;
            try {
                cp2 = precision_ ? detail::round_conversion_price(exact, *precision_) : *s.exact_cp2_units;
            } catch (const inexact_error&) {
                result.problems.push_back(
                    {field_path("conversion_price_rounding").member("mode"), "exact",
                     t.series + "'s conversion price " + exact.to_decimal_string(12, rounding::half_even) +
                         " units is not a whole number of " +
                         detail::anti_dilution_price_text(precision_->step_units(), before.currency(),
                                                          precision_->decimals < 4 ? 4 : precision_->decimals) +
                         " steps, and its rounding is rounding::exact"});
                continue;
            }
            if (cp2 > s.cp1_units) {
                cp2 = s.cp1_units;
                s.capped_at_cp1 = true;
            }
            if (cp2.sign() <= 0) {
                // Eight decimals of a unit, or the exact fraction where they would print a zero.
                std::string shown = exact.to_decimal_string(8, rounding::half_even, 1);
                if (shown.find_first_not_of("0.") == std::string::npos) shown = exact.to_string();
                result.problems.push_back({field_path("conversion_price_rounding"),
                                           std::to_string(precision_ ? precision_->decimals : 0) + " decimals",
                                           "rounds " + t.series + "'s conversion price " + shown +
                                               " units to zero: choose a finer precision"});
                continue;
            }
            s.cp2_units = cp2;
            s.adjusted = cp2 < s.cp1_units;
            try {
                s.ratio_after = s.original_issue_price_units / cp2;
            } catch (const overflow_error&) {
                result.problems.push_back({at.member("series"), detail::quoted_text(t.series),
                                           "its conversion ratio after, the original issue price " +
                                               s.original_issue_price_units.to_string() + " units / CP2 " + cp2.to_string() +
                                               " units, does not fit the 128-bit fraction: round CP2 (conversion_price_rounded)"});
                continue;
            }
            const int d = detail::anti_dilution_decimals_apart(issue_price, s.cp1_units, before.currency());
            s.reason = "down round: the issue price " +
                       detail::anti_dilution_price_text_apart(issue_price, s.cp1_units, before.currency(), d) +
                       " is below the conversion price " + detail::anti_dilution_price_text(s.cp1_units, before.currency(), d);
            // Unrounded, CP2 is below CP1 in every down round: only a rounding brings it back.
            if (!s.adjusted && precision_) {
                s.reason += ", but the new conversion price rounds back to it at " + std::to_string(precision_->decimals) +
                            " decimals (" + std::string(to_string(precision_->mode)) + ")";
            }
        }
        // One holding (or warrant) of the series as converted at the ratios before and after; a
        // figure that does not fit (an exact product beyond 128 bits, a count beyond 64) or is not
        // whole under rounding::exact is a problem on the series, named as it is, not a throw.
        const auto convert = [&](const holder_id& holder, share_count shares, const std::string& what,
                                 std::vector<holder_conversion>& into) {
            holder_conversion hc;
            hc.holder = holder;
            hc.name = before.find_holder(holder).name();
            hc.shares = shares;
            const fraction n(shares.value());
            const std::string whose = holder.str() + what + std::to_string(shares.value()) + " shares";
            const auto fail = [&](field_path field, std::string value, std::string rule) {
                result.problems.push_back({std::move(field), std::move(value), std::move(rule)});
                return false;
            };
            try {
                hc.exact_after = n * s.ratio_after;
            } catch (const overflow_error&) {
                return fail(at.member("series"), detail::quoted_text(t.series),
                            whose + " x the ratio after, " + s.ratio_after.to_string() +
                                ", do not fit the 128-bit fraction (exact_after): round CP2 (conversion_price_rounded)");
            }
            try {
                // n x the ratio before fits: the table before counts the holding so.
                hc.as_converted_before = share_count(
                    detail::narrow((n * s.ratio_before).round_to_integer(share_mode_), "shares as converted"));
                hc.as_converted_after = share_count(
                    detail::narrow(hc.exact_after.round_to_integer(share_mode_), "shares as converted"));
            } catch (const inexact_error&) {
                return fail(field_path("share_rounding"), "exact",
                            whose + " as converted, " + (n * s.ratio_before).to_string() + " before and " +
                                hc.exact_after.to_string() + " after, are not whole, and the rounding is rounding::exact");
            } catch (const overflow_error&) {
                return fail(at.member("series"), detail::quoted_text(t.series),
                            "as converted at the ratio after, " + s.ratio_after.to_string() + ", " + whose +
                                " overflow 64 bits");
            }
            try {
                s.as_converted_before += hc.as_converted_before;
                s.as_converted_after += hc.as_converted_after;
            } catch (const overflow_error&) {
                return fail(at.member("series"), detail::quoted_text(t.series),
                            "as converted at the ratio after, " + s.ratio_after.to_string() +
                                ", the series' holdings and warrants overflow 64 bits in all");
            }
            into.push_back(std::move(hc));
            return true;
        };
        bool fits = true;
        for (const std::size_t k : holdings_of[ci]) {
            const holding& h = before.holdings()[k];
            if (!(fits = convert(h.holder, h.shares, "'s ", s.holders))) break;
        }
        // Warrants for the series: on exercise they are shares of it, converting at the new ratio
        // (the cap table counts them so), so they count in the series' totals too.
        for (const std::size_t k : warrants_of[ci]) {
            if (!fits) break;
            const warrant& w = before.warrants()[k];
            if (!(fits = convert(w.holder, w.shares, "'s warrant for ", s.warrants))) break;
        }
        if (fits) adj.series_.push_back(std::move(s));
    }
    if (!result.problems.empty()) return result;
    result.adjustment = std::move(adj);
    return result;
}

inline down_round_result anti_dilution::try_apply_to(const round_on_cap_table& round) const {
    return apply_checked(round, nullptr);
}

inline down_round_result anti_dilution::apply_checked(const round_on_cap_table& round, const share_count* convertibles) const {
    down_round_result result;
    anti_dilution_result adj = adjust_checked(round.before(), issuance_of(round), &round, convertibles);
    if (share_mode_ != rounding::floor) {
        check_floor(adj.problems);
        adj.adjustment.reset();
    }
    if (!adj.ok()) {
        result.problems = std::move(adj.problems);
        return result;
    }
    std::optional<cap_table> adjusted;
    try {
        adjusted = adj.adjustment->applied_to(round.after());
    } catch (const validation_error& e) {
        // The table after the round with the new ratios does not build (e.g. its fully diluted
        // count overflows): its problems, under `after`.
        for (diagnostic d : e.problems()) {
            d.field = d.field.prefixed(field_path("after"));
            d.rule += " (in the cap table after the round and the adjustment)";
            result.problems.push_back(std::move(d));
        }
        return result;
    }
    cap_table after = std::move(*adjusted);
    const fully_diluted_counts was = round.before().fully_diluted(round.basis());
    const fully_diluted_counts now = after.fully_diluted(round.basis());
    down_round d(round, std::move(*adj.adjustment), std::move(after));
    const std::vector<holder>& hs = d.after_.holders();
    const std::size_t old = round.before().holders().size();
    d.changes_.reserve(hs.size());
    for (std::size_t i = 0; i < hs.size(); ++i) {
        // The round keeps the table's holders first, in order, and appends its new investors.
        const share_count prior = i < old ? was.by_holder()[i] : share_count();
        d.changes_.push_back({hs[i].id(), hs[i].name(), prior, now.by_holder()[i],
                              fraction(prior.value(), was.total().value()),
                              fraction(now.by_holder()[i].value(), now.total().value())});
    }
    result.round = std::move(d);
    return result;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_ANTI_DILUTION_HPP
