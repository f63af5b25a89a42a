/// @file instruments/pay_to_play.hpp
/// @brief Pay-to-play in a priced round: a holder of a preferred series with a pay-to-play term
/// that does not buy its pro rata share of the round has its preferred of that series converted
/// into common immediately before the round closes (all of it, or the fraction not taken up), so
/// that it loses the series' preference and anti-dilution protection. The round is then priced on
/// the converted table, and an anti-dilution charter applied to it adjusts only what is still
/// preferred.
#ifndef FUNDROUND_INSTRUMENTS_PAY_TO_PLAY_HPP
#define FUNDROUND_INSTRUMENTS_PAY_TO_PLAY_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// One preferred series' pay-to-play term: each holder of @p series must buy at least
/// `required` x its Pro Rata Amount of the round (the offered amount x its shares of the series as
/// converted / those of every series with a term, all holders, as converted).
struct pay_to_play_terms {
    std::string series;              ///< The preferred series the term is a right of.
    fraction required = fraction(1);  ///< The share of its Pro Rata Amount a holder must buy (1: all of it).
    /// False (all_or_nothing()): a holder that buys less converts all its shares of the series.
    /// True (proportionate()): it converts shares x (required amount - bought) / required amount,
    /// the NVCA term sheet's "a proportionate amount".
    bool proportionate = false;
    /// Common per preferred share on conversion; empty: the series' conversion ratio then in effect
    /// (the usual term). A punitive ratio ("one share of common for each ten"): fraction(1, 10).
    std::optional<fraction> conversion_ratio;
    /// Empty: the shares convert into common. Else the name of a "shadow" series they become,
    /// share for share: a new preferred class with the series' original issue price and
    /// liquidation terms, converting at the ratio above, that the anti-dilution charter does not
    /// protect (it names series by name) and that has no pay-to-play term.
    std::optional<std::string> shadow_series;

    /// The term converting all of a holder's shares of @p series if it buys less than @p required
    /// x its Pro Rata Amount.
    [[nodiscard]] static pay_to_play_terms all_or_nothing(std::string series, fraction required = fraction(1)) {
        return {std::move(series), required, false, std::nullopt, std::nullopt};
    }
    /// The term converting the fraction of a holder's shares of @p series it did not take up.
    [[nodiscard]] static pay_to_play_terms proportionate_conversion(std::string series, fraction required = fraction(1)) {
        return {std::move(series), required, true, std::nullopt, std::nullopt};
    }
    /// This term, converting at @p ratio common shares per preferred share instead of the
    /// series' conversion ratio.
    [[nodiscard]] pay_to_play_terms at_ratio(fraction ratio) const {
        pay_to_play_terms t = *this;
        t.conversion_ratio = ratio;
        return t;
    }
    /// This term, the shares converting into the new preferred series @p name (a shadow series
    /// keeping the preference, without anti-dilution) instead of common.
    [[nodiscard]] pay_to_play_terms into_shadow_series(std::string name) const {
        pay_to_play_terms t = *this;
        t.shadow_series = std::move(name);
        return t;
    }
};

/// What one pay-to-play term did to one holder of its series, and why.
struct pay_to_play_holder {
    holder_id holder;            ///< Who.
    std::string name;            ///< The holder's display name.
    std::string series;          ///< The series.
    share_count held;            ///< Its shares of the series before the round.
    /// Its Pro Rata Amount, money units, exact: offered x held as converted / the shares of every
    /// series with a term, all holders, as converted (at each series' ratio then in effect).
    fraction pro_rata_units;
    fraction required_units;     ///< What it had to buy: pro_rata_units x the term's required fraction, exact.
    /// What it buys in the round (its investments, by holder id; under
    /// pay_to_play::conversions_count() with what its SAFEs and notes convert), money units; a
    /// holder of several of the series counts it once: each gets the share of it that the series'
    /// required_units is of what all its series require.
    fraction bought_units;
    share_count converted;       ///< Preferred shares of the series converted into common.
    share_count kept;            ///< Preferred shares of the series it keeps: held - converted.
    fraction ratio;              ///< Common per preferred share on conversion (the shadow series' ratio).
    std::string converted_into;  ///< The class the converted shares went to: the common class, or the shadow series.
    /// Shares received in converted_into: common, converted x ratio rounded down; shadow series,
    /// converted (share for share).
    share_count received;
    std::string reason;          ///< Why: its required amount against what it bought.

    /// True if some of its shares convert.
    [[nodiscard]] bool converts() const noexcept { return converted.value() > 0; }
};

class pay_to_play;

/// The pay-to-play conversions of a round: every holder of each term's series with what it had to
/// buy, what it bought and what converted; the table before and the table the round is priced on.
class pay_to_play_conversions {
public:
    /// The round's name.
    [[nodiscard]] const std::string& round_name() const noexcept { return round_; }
    /// The offered amount the Pro Rata Amounts are shares of, money units (exact).
    [[nodiscard]] const fraction& offered_units() const noexcept { return offered_; }
    /// The common class the shares convert into.
    [[nodiscard]] const std::string& common_class() const noexcept { return common_; }
    /// Every holder of each term's series, terms in order, holders in holding order.
    [[nodiscard]] const std::vector<pay_to_play_holder>& holders() const noexcept { return holders_; }
    /// The holder @p id's figures for @p series; throws invalid_argument_error if it holds none.
    [[nodiscard]] const pay_to_play_holder& of(const holder_id& id, std::string_view series) const {
        for (const pay_to_play_holder& h : holders_) {
            if (h.holder == id && h.series == series) return h;
        }
        throw invalid_argument_error("holder = \"" + id.str() + "\": holds no " + std::string(series) +
                                     " with a pay-to-play term in round \"" + round_ + "\"");
    }
    /// Preferred shares converted, over every holder and series.
    [[nodiscard]] share_count converted_shares() const {
        share_count n;
        for (const pay_to_play_holder& h : holders_) n += h.converted;
        return n;
    }
    /// The cap table before the conversions.
    [[nodiscard]] const cap_table& before() const noexcept { return before_; }
    /// The cap table after them, immediately before the round: the table the round is priced on.
    [[nodiscard]] const cap_table& after() const noexcept { return after_; }

    /// True if what the holders' SAFEs and notes convert in the round counts as bought
    /// (pay_to_play::conversions_count()).
    [[nodiscard]] bool conversions_counted() const noexcept { return conversions_counted_; }

    /// Writes "Pay-to-play in Series C (offered $1,000,000.00)" and a line per holder
    /// ("offered $1,324,000.00, SAFEs and notes converting counted" under conversions_count()).
    friend std::ostream& operator<<(std::ostream& os, const pay_to_play_conversions& c) {
        os << "Pay-to-play in " << c.round_ << " (offered "
           << detail::anti_dilution_price_text(c.offered_, c.before_.currency(), 2)
           << (c.conversions_counted_ ? ", SAFEs and notes converting counted" : "") << ")\n";
        for (const pay_to_play_holder& h : c.holders_) os << "  " << h.name << ", " << h.series << ": " << h.reason << '\n';
        return os;
    }

private:
    friend class pay_to_play;
    pay_to_play_conversions(std::string round, fraction offered, std::string common, cap_table before)
        : round_(std::move(round)), offered_(offered), common_(std::move(common)), before_(before), after_(std::move(before)) {}

    std::string round_;
    fraction offered_;
    std::string common_;
    std::vector<pay_to_play_holder> holders_;
    bool conversions_counted_ = false;
    cap_table before_;
    cap_table after_;
};

/// The outcome of pay_to_play::try_convert(): the conversions, or every problem found.
struct pay_to_play_result {
    std::optional<pay_to_play_conversions> conversions;  ///< The conversions, when there were no problems.
    std::vector<diagnostic> problems;                    ///< Every problem found (empty on success).

    /// True if the conversions were computed.
    [[nodiscard]] bool ok() const noexcept { return conversions.has_value(); }
    /// True if the conversions were computed.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A priced round with its pay-to-play: the conversions, then the round priced on the table they
/// leave. Made by pay_to_play::apply_to().
struct pay_to_play_round {
    pay_to_play_conversions conversions;  ///< What converted, immediately before the round.
    round_on_cap_table round;             ///< The round, on conversions.after().
};

/// The outcome of pay_to_play::try_apply_to(): the round with its conversions, or every problem.
struct pay_to_play_round_result {
    std::optional<pay_to_play_round> round;  ///< The round, when there were no problems.
    std::vector<diagnostic> problems;        ///< Every problem found (empty on success).

    /// True if the round was applied.
    [[nodiscard]] bool ok() const noexcept { return round.has_value(); }
    /// True if the round was applied.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// The pay-to-play provisions a priced round (the charter's "Qualified Financing": the round you
/// give it to) triggers: for each term's series, each holder's Pro Rata Amount is the offered
/// amount x its shares of the series as converted / the shares as converted all holders hold of
/// every series with a term (warrants not counted; the amounts add up to the offered amount), and
/// what it buys is the sum of the round's investments under its holder id (shared among its
/// series by what each requires when it holds several). A holder
/// buying less than the term's required fraction of it converts its shares of the series (all, or
/// the fraction not taken up) into common at the series' conversion ratio then in effect (or the
/// term's ratio), immediately before the round: the round is priced on the table that leaves, and
/// an anti_dilution charter applied to the round (apply_to(round).round) adjusts only the shares
/// still preferred.
///
///     const pay_to_play_round r = pay_to_play()
///         .require(pay_to_play_terms::all_or_nothing("Series A Preferred"))
///         .apply_to(table, series_c);   // offered: the round's total investment
///     const down_round d = charter.apply_to(r.round);
///
/// Defaults, each named: the offered amount is the round's total investment (offered() sets the
/// amount the board sets aside); shares converted under a proportionate term are rounded down
/// (converted_shares_rounded()); common on conversion is rounded down per holder (no fractional
/// shares, as the cap table counts them); the common class is the table's first common class
/// (into()); a term's into_shadow_series() converts into a new preferred series instead.
/// Left out: purchases by a holder's affiliates counted as its own.
class pay_to_play {
public:
    /// No term yet.
    pay_to_play() = default;

    /// Adds the pay-to-play term @p t of one series.
    pay_to_play& require(pay_to_play_terms t) {
        terms_.push_back(std::move(t));
        return *this;
    }
    /// The amount offered to the series' holders (the charter's "Offered Securities" at their
    /// price; default: the round's total investment).
    pay_to_play& offered(money amount) {
        offered_ = amount;
        return *this;
    }
    /// The common class the shares convert into (default: the table's first common class).
    pay_to_play& into(std::string common_class) {
        common_ = std::move(common_class);
        return *this;
    }
    /// In a round in which SAFEs and notes convert (round_chain::pay_to_play()), count what a
    /// holder's instruments convert (a SAFE's purchase amount, a note's principal and interest)
    /// as bought, and in the default offered amount (the round's new cash and those
    /// conversions): the charters that count converting bridge notes as participation. Default
    /// (false): the new cash only, the term sheet's purchase of the securities set aside. Set on
    /// a round in which no SAFE or note converts (a round without conversions, or one whose notes
    /// the new money does not qualify), it is a problem of the pay-to-play (`conversions_count`).
    pay_to_play& conversions_count(bool counted = true) {
        conversions_count_ = counted;
        return *this;
    }
    /// Round the shares a proportionate term converts by @p mode (default floor: a fraction of a
    /// share stays preferred).
    pay_to_play& converted_shares_rounded(rounding mode) {
        converted_mode_ = mode;
        return *this;
    }

    /// The terms, in the order given.
    [[nodiscard]] const std::vector<pay_to_play_terms>& terms() const noexcept { return terms_; }
    /// The offered amount, if set.
    [[nodiscard]] const std::optional<money>& offered_amount() const noexcept { return offered_; }
    /// The common class set by into(), if set.
    [[nodiscard]] const std::optional<std::string>& common_class() const noexcept { return common_; }
    /// True if conversions_count(): SAFEs and notes converting in the round count as bought.
    [[nodiscard]] bool counts_conversions() const noexcept { return conversions_count_; }

    /// The conversions the round @p round (its investors are holder ids) triggers on @p before, or
    /// every problem found.
    [[nodiscard]] pay_to_play_result try_convert(const cap_table& before, const priced_round_terms& round) const {
        return try_convert(before, round.name(), round.investors());
    }
    /// The conversions a round named @p round_name whose purchases are @p investments (holder
    /// id, amount) triggers on @p before, or every problem found: in a round with conversions its
    /// investors (conversion_round::investors()), its SAFEs and notes not among them (an
    /// instrument converting is not a purchase of the securities offered) unless
    /// conversions_count(), when round_chain adds each one's holder and conversion amount.
    /// @p converting (holder id, amount) is what each SAFE and note converting in the round
    /// converts: counted as bought, and in the default offered amount, under
    /// conversions_count() (each holder's line then says how much of what it bought it is),
    /// ignored otherwise; under conversions_count() an empty @p converting is a problem
    /// (`conversions_count`: nothing converts in the round, nothing to count).
    [[nodiscard]] pay_to_play_result try_convert(const cap_table& before, const std::string& round_name,
                                                 const std::vector<std::pair<std::string, money>>& investments,
                                                 const std::vector<std::pair<std::string, money>>& converting = {}) const;
    /// The conversions; throws validation_error listing every problem.
    [[nodiscard]] pay_to_play_conversions convert(const cap_table& before, const priced_round_terms& round) const {
        pay_to_play_result r = try_convert(before, round);
        if (!r.ok()) throw validation_error("pay-to-play does not apply to round \"" + round.name() + "\"", std::move(r.problems));
        return std::move(*r.conversions);
    }
    /// The conversions, then @p round applied to the table they leave, or every problem of both
    /// (the pay-to-play's under `pay_to_play`; the round's as cap_table_round reports them, on
    /// @p before when the pay-to-play has problems).
    [[nodiscard]] pay_to_play_round_result try_apply_to(const cap_table& before, const cap_table_round& round) const {
        pay_to_play_round_result out;
        pay_to_play_result p = try_convert(before, round.terms());
        for (diagnostic& d : p.problems) d.field = d.field.prefixed(field_path("pay_to_play"));
        cap_table_round_result r = round.try_apply_to(p.ok() ? p.conversions->after() : before);
        out.problems = std::move(p.problems);
        out.problems.insert(out.problems.end(), r.problems.begin(), r.problems.end());
        if (out.problems.empty()) out.round = pay_to_play_round{std::move(*p.conversions), std::move(*r.round)};
        return out;
    }
    /// The conversions and the round; throws validation_error listing every problem.
    [[nodiscard]] pay_to_play_round apply_to(const cap_table& before, const cap_table_round& round) const {
        pay_to_play_round_result r = try_apply_to(before, round);
        if (!r.ok()) {
            throw validation_error("pay-to-play round \"" + round.terms().name() + "\" does not apply", std::move(r.problems));
        }
        return std::move(*r.round);
    }

private:
    std::vector<pay_to_play_terms> terms_;
    std::optional<money> offered_;
    std::optional<std::string> common_;
    rounding converted_mode_ = rounding::floor;
    bool conversions_count_ = false;
};

namespace detail {

/// @p units (money units) as "$600,000.00", or more digits where 2 would not show it exactly.
[[nodiscard]] inline std::string pay_to_play_amount_text(const fraction& units, fundround::currency c) {
    const std::string two = anti_dilution_price_text(units, c, 2);
    const fraction cents = units * fraction(100) / fraction(money::units_per_major);
    return cents.denominator() == 1 ? two : two + " (exact " + (units / fraction(money::units_per_major)).to_string() + ")";
}

/// The class of @p t whose name is @p name but for case, spacing and punctuation (the cap
/// table's "nearly duplicates" rule), or null.
[[nodiscard]] inline const share_class* pay_to_play_near_class(const cap_table& t, const std::string& name) {
    const std::string key = holder_name_key(name);
    for (const share_class& c : t.classes()) {
        if (holder_name_key(c.name()) == key) return &c;
    }
    return nullptr;
}

}  // namespace detail

inline pay_to_play_result pay_to_play::try_convert(const cap_table& before, const std::string& round_name,
                                                   const std::vector<std::pair<std::string, money>>& investments,
                                                   const std::vector<std::pair<std::string, money>>& converting) const {
    const std::vector<std::pair<std::string, money>> no_conversions;
    const std::vector<std::pair<std::string, money>>& counted = conversions_count_ ? converting : no_conversions;
    pay_to_play_result result;
    std::vector<diagnostic>& out = result.problems;
    const fundround::currency cur = before.currency();
    // The offered amount: given, or the round's total investment.
    fraction offered;
    if (offered_) {
        if (offered_->units() <= 0) {
            out.push_back({field_path("offered"), format_full(*offered_), "must be positive"});
        } else if (offered_->currency() != cur) {
            out.push_back({field_path("offered"), format_full(*offered_), detail::table_currency_rule(cur)});
        } else {
            offered = fraction(offered_->units());
        }
    } else {
        bool ok = true;
        for (const auto* list : {&investments, &counted}) {
            for (const auto& inv : *list) {
                if (inv.second.currency() != cur) ok = false;  // the round reports it
                else offered += fraction(inv.second.units());
            }
        }
        if (ok && offered.sign() <= 0) {
            out.push_back({field_path("offered"), "",
                           "the round invests nothing: name the amount offered to the series' holders with offered()"});
        }
    }
    // The common class.
    std::string common;
    if (common_) {
        const auto c = before.class_index(*common_);
        if (!c) {
            out.push_back({field_path("into"), detail::quoted_text(*common_), "is not a share class on the cap table"});
        } else if (before.classes()[*c].is_preferred()) {
            out.push_back({field_path("into"), detail::quoted_text(*common_), "must be a common class: pay-to-play converts into common"});
        } else {
            common = *common_;
        }
    } else {
        for (const share_class& c : before.classes()) {
            if (!c.is_preferred()) {
                common = c.name();
                break;
            }
        }
        if (common.empty()) out.push_back({field_path("into"), "", "the cap table has no common class to convert into"});
    }
    if (conversions_count_ && converting.empty()) {
        // Nothing to count: the setting would be accepted and change nothing, without a word.
        out.push_back({field_path("conversions_count"), "true",
                       "no SAFE or note converts in round " + detail::quoted_text(round_name) +
                           ": there is nothing to count as bought (set it only for a round in which SAFEs or notes convert)"});
    }
    if (terms_.empty()) out.push_back({field_path("terms"), "", "name at least one series with require()"});
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        const pay_to_play_terms& t = terms_[i];
        const field_path at = field_path("terms").index(i, t.series);
        const auto c = before.class_index(t.series);
        if (!c) {
            out.push_back({at.member("series"), detail::quoted_text(t.series),
                           "is not a share class on the cap table" + detail::preferred_series_hint(before)});
        } else if (!before.classes()[*c].is_preferred()) {
            out.push_back({at.member("series"), detail::quoted_text(t.series), "must be a preferred series"});
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (terms_[j].series == t.series) {
                out.push_back({at.member("series"), detail::quoted_text(t.series),
                               "has a term already (" + field_path("terms").index(j).to_string() + "): one term per series"});
                break;
            }
        }
        if (t.required.sign() <= 0) {
            out.push_back({at.member("required"), t.required.to_string(),
                           "must be positive: the share of its Pro Rata Amount a holder must buy"});
        }
        if (t.conversion_ratio && t.conversion_ratio->sign() <= 0) {
            out.push_back({at.member("conversion_ratio"), t.conversion_ratio->to_string(), "must be positive"});
        }
        if (t.shadow_series) {
            const std::string& sh = *t.shadow_series;
            if (holder_name_key(sh).empty()) {
                out.push_back({at.member("shadow_series"), detail::quoted_text(sh), "must contain a letter or digit"});
            } else if (before.class_index(sh)) {
                out.push_back({at.member("shadow_series"), detail::quoted_text(sh),
                               "is a share class on the cap table already: name a new series"});
            } else if (const share_class* near = detail::pay_to_play_near_class(before, sh)) {
                // The cap table would refuse it ("nearly duplicates"): say so here, not by a throw.
                out.push_back({at.member("shadow_series"), detail::quoted_text(sh),
                               "nearly duplicates the share class " + detail::quoted_text(near->name()) +
                                   " on the cap table: name a new series"});
            } else {
                for (std::size_t j = 0; j < i; ++j) {
                    if (terms_[j].shadow_series &&
                        holder_name_key(*terms_[j].shadow_series) == holder_name_key(sh)) {
                        out.push_back({at.member("shadow_series"), detail::quoted_text(sh),
                                       "is the shadow series of " + field_path("terms").index(j).to_string() +
                                           " too: one per series"});
                        break;
                    }
                }
            }
        }
    }
    if (!out.empty()) return result;

    pay_to_play_conversions conv(round_name, offered, common, before);
    conv.conversions_counted_ = conversions_count_;
    // What each holder buys in the round, by holder id (amounts in another currency are the round's
    // problem).
    std::map<std::string_view, fraction> bought;
    for (const auto& inv : investments) {
        if (inv.second.currency() == cur) bought[inv.first] += fraction(inv.second.units());
    }
    // What its SAFEs and notes convert, counted (conversions_count()): in bought, and named in its
    // line.
    std::map<std::string_view, fraction> converts_of;
    for (const auto& inv : counted) {
        if (inv.second.currency() != cur) continue;
        bought[inv.first] += fraction(inv.second.units());
        converts_of[inv.first] += fraction(inv.second.units());
    }
    const auto bought_by = [&](const holder_id& id) {
        const auto f = bought.find(id.str());
        return f == bought.end() ? fraction() : f->second;
    };
    // Preferred kept per holding, and common added per holder.
    std::vector<share_count> kept(before.holdings().size());
    for (std::size_t k = 0; k < kept.size(); ++k) kept[k] = before.holdings()[k].shares;
    // Shares received per (holder, class), and the shadow series to add to the table.
    struct received_shares {
        holder_id holder;
        std::string share_class;
        share_count shares;
    };
    std::vector<received_shares> added;
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> added_at;  // (holder, class) -> position in added
    std::vector<share_class> shadows;
    try {
        // The Pro Rata Amounts share the offered amount among every holder of the terms' series,
        // as converted into common at each series' ratio then in effect: a holder's is offered x
        // its common on conversion / the common all of them convert into ("the total number of
        // shares of Common Stock issuable upon conversion of the Subject Preferred Stock held by
        // the holder" over that of "all of the Subject Preferred Stock", a charter quoted by
        // lawinsider.com), so that they add up to the offered amount however many series have a
        // term; and what a holder buys is counted once, shared among its series by what each
        // requires of it.
        fraction group;
        std::map<std::string_view, fraction> required_of;  // holder id -> what all its series require
        for (const pay_to_play_terms& t : terms_) {
            const fraction r = before.classes()[*before.class_index(t.series)].conversion_ratio();
            for (const holding& h : before.holdings()) {
                if (h.share_class == t.series) group += fraction(h.shares.value()) * r;
            }
        }
        const auto pro_rata_of = [&](const holding& h, const fraction& series_ratio) {
            return offered * (fraction(h.shares.value()) * series_ratio / group);
        };
        for (const pay_to_play_terms& t : terms_) {
            const fraction r = before.classes()[*before.class_index(t.series)].conversion_ratio();
            for (const holding& h : before.holdings()) {
                if (h.share_class == t.series) required_of[h.holder.str()] += pro_rata_of(h, r) * t.required;
            }
        }
        for (std::size_t i = 0; i < terms_.size(); ++i) {
            const pay_to_play_terms& t = terms_[i];
            const share_class& cls = before.classes()[*before.class_index(t.series)];
            const fraction ratio = t.conversion_ratio ? *t.conversion_ratio : cls.conversion_ratio();
            if (t.shadow_series) {
                shadows.push_back(share_class::preferred(*t.shadow_series, *cls.original_issue_price(), cls.terms())
                                      .with_conversion_ratio(ratio));
            }
            for (std::size_t k = 0; k < before.holdings().size(); ++k) {
                const holding& h = before.holdings()[k];
                if (h.share_class != t.series) continue;
                pay_to_play_holder p;
                p.holder = h.holder;
                p.name = before.find_holder(h.holder).name();
                p.series = t.series;
                p.held = h.shares;
                p.pro_rata_units = pro_rata_of(h, cls.conversion_ratio());
                p.required_units = p.pro_rata_units * t.required;
                const fraction all_bought = bought_by(h.holder);
                const fraction all_required = required_of[h.holder.str()];
                const bool shared = all_required != p.required_units;  // it holds more than one of the series
                p.bought_units = shared ? all_bought * p.required_units / all_required : all_bought;
                p.ratio = ratio;
                const auto money_text = [&](const fraction& u) { return detail::pay_to_play_amount_text(u, cur); };
                // Under conversions_count(), how much of what it bought its SAFEs and notes
                // convert.
                const auto by_instruments = converts_of.find(h.holder.str());
                const std::string of_which = by_instruments == converts_of.end()
                                                 ? std::string()
                                                 : money_text(by_instruments->second) + " of it what its SAFEs and notes convert";
                std::string why = "bought " + money_text(p.bought_units);
                if (!shared && !of_which.empty()) why += " (" + of_which + ")";
                why += " of the " + money_text(p.required_units) + " required";
                if (shared) {
                    why += " (its share of the " + money_text(all_bought) + " it bought" + (of_which.empty() ? "" : ", " + of_which) +
                           ", against the " + money_text(all_required) + " all its series require)";
                }
                if (t.required != fraction(1)) {
                    why += " (" + t.required.to_string() + " of its pro rata amount " + money_text(p.pro_rata_units) + ")";
                } else {
                    why += " (its pro rata amount)";
                }
                if (p.bought_units < p.required_units) {
                    if (t.proportionate) {
                        const fraction exact =
                            fraction(p.held.value()) * (p.required_units - p.bought_units) / p.required_units;
                        if (converted_mode_ == rounding::exact && exact.denominator() != 1) {
                            out.push_back({field_path("converted_share_rounding"), std::string(to_string(converted_mode_)),
                                           p.name + "'s " + t.series + " would convert " + exact.to_string() +
                                               " shares, not a whole number: name a rounding"});
                            continue;
                        }
                        p.converted = share_count(detail::narrow(exact.round_to_integer(converted_mode_), "shares converted"));
                    } else {
                        p.converted = p.held;
                    }
                }
                p.kept = p.held - p.converted;
                p.converted_into = t.shadow_series ? *t.shadow_series : common;
                p.received = t.shadow_series
                                 ? p.converted
                                 : share_count(detail::narrow((fraction(p.converted.value()) * ratio).round_to_integer(rounding::floor),
                                                              "common on conversion"));
                if (!p.converts()) {
                    why += ": keeps its " + detail::signed_digits(p.held.value(), true) + " shares";
                } else {
                    why += ": " + detail::signed_digits(p.converted.value(), true) + " of its " +
                           detail::signed_digits(p.held.value(), true) + " shares convert into " +
                           detail::signed_digits(p.received.value(), true) + " " + p.converted_into + " (" +
                           (t.shadow_series ? "shadow series, converting at " : "ratio ") + ratio.to_string() + ")";
                    kept[k] = kept[k] - p.converted;
                    const std::string& into_class = t.shadow_series ? *t.shadow_series : common;
                    const auto [it, fresh] = added_at.try_emplace({h.holder.str(), into_class}, added.size());
                    if (fresh) {
                        added.push_back({p.holder, p.converted_into, p.received});
                    } else {
                        added[it->second].shares += p.received;
                    }
                }
                p.reason = std::move(why);
                conv.holders_.push_back(std::move(p));
            }
        }
    } catch (const error& e) {
        out.push_back({field_path(), "", std::string("cannot be computed: ") + detail::reason_of(e)});
    }
    if (!out.empty()) return result;
    if (!added.empty()) {
        cap_table_builder b;
        b.currency(before.currency());
        for (const holder& h : before.holders()) b.add(h);
        for (const share_class& c : before.classes()) b.add(c);
        for (const share_class& c : shadows) b.add(c);
        for (const option_pool& p : before.pools()) b.add(p);
        for (std::size_t k = 0; k < before.holdings().size(); ++k) {
            const holding& h = before.holdings()[k];
            share_count n = kept[k];
            if (const auto f = added_at.find({h.holder.str(), h.share_class}); f != added_at.end()) {
                n += added[f->second].shares;
                added[f->second].shares = share_count(0);  // merged into this holding
            }
            if (n.value() > 0) b.holding(h.holder, h.share_class, n);
        }
        for (const received_shares& a : added) {
            if (a.shares.value() > 0) b.holding(a.holder, a.share_class, a.shares);
        }
        for (const option_grant& g : before.grants()) b.grant(g);
        for (const warrant& w : before.warrants()) b.add(w);
        for (const auto& d : before.declared_distinct()) b.declare_distinct(d.first, d.second);
        try {
            conv.after_ = b.build();
        } catch (const error& e) {  // try_convert() reports, it does not throw
            out.push_back({field_path(), "", std::string("the converted cap table cannot be built: ") + detail::reason_of(e)});
            return result;
        }
    }
    result.conversions = std::move(conv);
    return result;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_PAY_TO_PLAY_HPP
