/// @file instruments/round_chain.hpp
/// @brief Rounds in a chain (seed -> Series A -> Series B), each applied to the cap table the
/// previous one left: priced rounds (company/cap_table_round.hpp) and priced rounds in which
/// SAFEs and notes convert (instruments/conversion.hpp), with every holder's shares and fully
/// diluted ownership after each round. An instrument converts in one round of the chain at most;
/// given to a round that closes before its date, it is a problem of that round. With the
/// company's anti-dilution charter (instruments/anti_dilution.hpp), each round's new shares adjust
/// the series protected by then, and the next round starts from the adjusted table.
#ifndef FUNDROUND_INSTRUMENTS_ROUND_CHAIN_HPP
#define FUNDROUND_INSTRUMENTS_ROUND_CHAIN_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/detail/digits.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/pay_to_play.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// @p round with SAFEs and notes to convert in it: a conversion_round with the same name, new
/// series and liquidation terms, price figure (pre-money, post-money or price per share),
/// investors, holders added, pool target and the pool topped up or created
/// (cap_table_round::new_pool() is conversion_round::new_pool()), basis and roundings, closing on
/// @p close. Add the instruments with convert(). Throws invalid_argument_error for a round priced
/// by the new money's ownership (a conversion round is priced by a valuation or a price) and for
/// a pool named without a pool target (a conversion round sizes the pool it tops up or creates by
/// its target; cap_table_round reports the same as a problem).
[[nodiscard]] inline conversion_round with_conversions(const cap_table_round& round, calendar_date close) {
    const priced_round_terms& t = round.terms();
    conversion_round out(t.name(), round.series(), close);
    for (const price_basis b : t.price_bases()) {
        switch (b) {
            case price_basis::pre_money: out.pre_money(t.stated_valuation()); break;
            case price_basis::post_money: out.post_money(t.stated_valuation()); break;
            case price_basis::price_per_share: {
                // Set by at_price() from 64-bit figures: its lowest terms fit 64 bits.
                const fraction& u = t.price_units();
                out.at_price(fundround::price_per_share(
                    money::from_units(static_cast<std::int64_t>(u.numerator()), t.price_currency().value_or(currency())),
                    share_count(static_cast<std::int64_t>(u.denominator()))));
                break;
            }
            case price_basis::new_money_ownership:
                throw invalid_argument_error("round \"" + t.name() + "\": priced by the new money's ownership (" +
                                             t.target_ownership().to_string() +
                                             "); a round with conversions is priced by pre_money, post_money or price_per_share");
        }
    }
    if (round.pool() && !t.pool_target()) {
        throw invalid_argument_error("round \"" + t.name() + "\": names the pool \"" + *round.pool() + "\" (" +
                                     (round.new_pool_class() ? "new_pool" : "top_up_pool") +
                                     ") and its terms set no pool target; a round with conversions sizes the pool by its target");
    }
    for (const auto& [who, amount] : t.investors()) out.invest(holder_id(who), amount);
    for (const holder& h : round.new_investors()) out.add_holder(h);
    if (t.pool_target() && round.new_pool_class()) {
        out.new_pool(*t.pool_target(), t.placement(), round.pool().value_or(""), *round.new_pool_class(), t.target_basis());
    } else if (t.pool_target()) {
        out.option_pool(*t.pool_target(), t.placement(), round.pool().value_or(""), t.target_basis());
    }
    if (t.price_rounding()) out.price_rounded(t.price_rounding()->decimals, t.price_rounding()->mode);
    out.shares_rounded(t.share_rounding()).pool_rounded(t.pool_rounding()).cash_rounded(t.cash_rounding());
    out.price_on(round.basis()).liquidation(round.liquidation());
    return out;
}

namespace detail {

/// The same SAFE: holder, purchase amount, date and terms.
[[nodiscard]] inline bool same_instrument(const safe& a, const safe& b) {
    return a.holder == b.holder && a.purchase_amount == b.purchase_amount && a.date == b.date && a.form == b.form &&
           a.valuation_cap == b.valuation_cap && a.discount == b.discount && a.mfn == b.mfn && a.pool_increase == b.pool_increase &&
           a.fixed_percentage == b.fixed_percentage;
}
/// The same note: lender, principal, dates, rate and conversion terms.
[[nodiscard]] inline bool same_instrument(const convertible_note& a, const convertible_note& b) {
    return a.holder == b.holder && a.principal == b.principal && a.issue_date == b.issue_date &&
           a.maturity_date == b.maturity_date && a.annual_rate == b.annual_rate && a.method == b.method &&
           a.period == b.period && a.day_count == b.day_count && a.interest_rounding == b.interest_rounding &&
           a.interest_accrues == b.interest_accrues && a.valuation_cap == b.valuation_cap && a.discount == b.discount &&
           a.cap_form == b.cap_form && a.pool_increase == b.pool_increase && a.cap_basis == b.cap_basis && a.qualified_financing == b.qualified_financing;
}

/// What a SAFE converts: its purchase amount.
[[nodiscard]] inline const money& converting_amount(const safe& s) noexcept { return s.purchase_amount; }
/// What a note's problems name it by: its principal.
[[nodiscard]] inline const money& converting_amount(const convertible_note& n) noexcept { return n.principal; }

}  // namespace detail

/// An issue of shares between a chain's rounds that is not a round
/// (round_chain::then(chain_issuance)): shares sold to a strategic, shares or a warrant to a lender
/// or an advisor, shares issued under an exemption the charter names. The issue (@p issue:
/// share_issuance::sale(), at_price() or exempted()) gives the shares, their consideration and
/// kind; they are issued of @p share_class to @p to, a holder on the table or one added with
/// add_holder():
///
///     round_chain(founding).then(series_a)
///         .charter(anti_dilution().protect(anti_dilution_terms::broad_based("Series A Preferred"))
///                                 .exempt("equipment lessor"))
///         .then(chain_issuance(share_issuance::exempted("Lessor warrant", share_count(50'000),
///                                                       0_usd, "equipment lessor"),
///                              holder_id("lessor"), "Common")
///                   .add_holder(holder::investor("lessor", "Lessor"))
///                   .as_warrant(price_per_share(1_usd, share_count(1))))
///         .then(series_b)
///         .run();
///
/// The charter in force applies as to a round's new money: an issue below a protected series'
/// conversion price adjusts it unless exempted (an exemption the charter does not name is a
/// problem) or waived (round_chain::waive() before it). A pool grant or a conversion of preferred
/// is not issued so (the one draws on a pool, the other converts shares it would have to take
/// away): each is a problem of the step.
class chain_issuance {
public:
    /// @p issue's shares, of class @p share_class, issued to @p to.
    chain_issuance(share_issuance issue, holder_id to, std::string share_class)
        : issue_(std::move(issue)), to_(std::move(to)), class_(std::move(share_class)) {}
    /// Adds @p h, the holder the shares are issued to, to the table before the issue.
    chain_issuance& add_holder(holder h) {
        new_holder_ = std::move(h);
        return *this;
    }
    /// Issues a warrant for the shares, exercisable at @p exercise_price, rather than the shares:
    /// the fully diluted count holds it as it will the shares, and the charter prices the issue at
    /// its consideration plus the exercise price of every share (the NVCA charter's 4.4.4.2). An
    /// exercise price in a currency other than the table's is a problem (`exercise_price`).
    chain_issuance& as_warrant(price_per_share exercise_price) {
        exercise_price_ = exercise_price;
        return *this;
    }

    /// The issue: name, kind, shares, consideration, exemption.
    [[nodiscard]] const share_issuance& issuance() const noexcept { return issue_; }
    /// Who receives the shares.
    [[nodiscard]] const holder_id& to() const noexcept { return to_; }
    /// The class of the shares issued.
    [[nodiscard]] const std::string& share_class() const noexcept { return class_; }
    /// The holder added to the table before the issue, if any.
    [[nodiscard]] const std::optional<holder>& new_holder() const noexcept { return new_holder_; }
    /// The warrant's exercise price, for a warrant (as_warrant()).
    [[nodiscard]] const std::optional<price_per_share>& exercise_price() const noexcept { return exercise_price_; }

private:
    share_issuance issue_;
    holder_id to_;
    std::string class_;
    std::optional<holder> new_holder_;
    std::optional<price_per_share> exercise_price_;
};

/// Who the SAFEs and notes of a conversion_round are, for a round_chain to tell apart two
/// instruments with the same terms (round_chain::then(conversion_round, instrument_ids)):
/// safes[k] is the id of the round's safes()[k], notes[k] of its notes()[k] ("", or a list
/// shorter than the round's: no id; an id past the round's instruments is a problem). An id
/// names one instrument across the chain (a SAFE's and a note's are apart): the same id in two
/// rounds is the same instrument, two ids two instruments whatever their terms; an instrument
/// without an id is told by its terms.
struct instrument_ids {
    std::vector<std::string> safes;  ///< safes[k]: the id of the round's k-th SAFE.
    std::vector<std::string> notes;  ///< notes[k]: the id of the round's k-th note.
};

/// An instrument given to a round of a chain that converted in an earlier round (the problem
/// at `rounds[i].safes[k]` or `rounds[i].notes[k]`), as facts a caller can name in its own
/// terms (a deal file: both places by their JSON pointers) without reading the rule.
struct repeated_conversion {
    std::size_t problem = 0;                       ///< Its problem: round_chain_outcome::problems[problem].
    instrument_kind kind = instrument_kind::safe;  ///< A SAFE (both places in safes()) or a note (in notes()).
    std::size_t index = 0;                         ///< Its place in the failing round's safes() or notes().
    std::string id;                                ///< Its id in the failing round (instrument_ids; "" for none).
    std::size_t earlier_round = 0;                 ///< The step it converted in (`rounds[i]`'s i: issuances count).
    std::size_t earlier_index = 0;                 ///< Its place in that round's safes() or notes().
    std::string earlier_id;                        ///< Its id in that round ("" for none).

    /// True if every member is equal.
    [[nodiscard]] friend bool operator==(const repeated_conversion& a, const repeated_conversion& b) {
        return a.problem == b.problem && a.kind == b.kind && a.index == b.index && a.id == b.id &&
               a.earlier_round == b.earlier_round && a.earlier_index == b.earlier_index && a.earlier_id == b.earlier_id;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const repeated_conversion& a, const repeated_conversion& b) { return !(a == b); }
};

/// A round with conversions that closes before the last earlier round with conversions (the
/// problem at `rounds[i].close_date`), as facts a caller can name in its own terms.
struct close_out_of_order {
    std::size_t problem = 0;        ///< Its problem: round_chain_outcome::problems[problem].
    calendar_date close;            ///< The failing round's close.
    std::size_t earlier_round = 0;  ///< The earlier round with conversions it closes before.
    calendar_date earlier_close;    ///< That round's close (after close).

    /// True if every member is equal.
    [[nodiscard]] friend bool operator==(const close_out_of_order& a, const close_out_of_order& b) {
        return a.problem == b.problem && a.close == b.close && a.earlier_round == b.earlier_round &&
               a.earlier_close == b.earlier_close;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const close_out_of_order& a, const close_out_of_order& b) { return !(a == b); }
};

/// The outcome of round_chain::try_run(): the chain's result, or the problems of the first round
/// that does not apply (later rounds need the table it would have left), with the facts of those
/// that name an earlier round.
struct round_chain_outcome {
    std::optional<round_chain_result> result;  ///< The chain as run, when every round applied.
    std::vector<diagnostic> problems;          ///< The first failing round's problems, under `rounds[i]`.
    std::optional<std::size_t> failed_round;   ///< Which step that is, rounds and issuances counted in the order added (the number of steps for a waiver no round follows).
    std::vector<repeated_conversion> repeated;  ///< Its instruments that converted in an earlier round, in problems' order.
    std::optional<close_out_of_order> early_close;  ///< Its close before an earlier round's, if it is.
    std::vector<element_reference> references;  ///< The holders its problems name by their place (`holders[k]`: the k-th of the table it applies to, then those it adds).

    /// True if every round applied.
    [[nodiscard]] bool ok() const noexcept { return result.has_value(); }
    /// True if every round applied.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A chain of rounds on a starting cap table (seed -> Series A -> Series B ...), each applied to
/// the cap table the previous one left; a round may convert SAFEs and notes (a conversion_round):
///
///     const round_chain_result history =
///         round_chain(founding).then(seed).then(series_a_with_safes).then(series_b).run();
///     history.ownership_history(holder_id("ada"));  // at the start, after each step
///     history.conversion(1)->conversions();         // the SAFEs converted in the Series A
///
/// An instrument converts once: one that converted in a round may not be given to a later one
/// (a note that did not convert, below its qualified-financing threshold, may). The chain tells
/// instruments apart by their terms (holder, amount, dates, cap, discount ...), or by the ids
/// given with a round (instrument_ids): two SAFEs with the same terms (two tranches of one
/// commitment signed the same day) each convert once when each has its own id:
///
///     round_chain(founding)
///         .then(seed_with_tranche_1, instrument_ids{{"tranche-1"}, {}})
///         .then(series_a_with_tranche_2, instrument_ids{{"tranche-2"}, {}})
///         .run();
///
/// Two with the same terms and no ids in two rounds are taken as one converting twice (a
/// problem); in one round, they are two. The rounds with
/// conversions close in date order, and an instrument dated after a round's close cannot convert
/// in it: given to that round, it is a problem of the round (try_run() reports it).
///
/// Anti-dilution: the charter in force when a round is added (charter(), protect()) applies to
/// that round: the new money's shares at the round price are the issue (anti_dilution::issuance_of;
/// the pool top-up and, in a round with conversions, the SAFEs' and notes' conversion shares are
/// not: they issue under the instruments' own terms, the NVCA charter's exempted conversions of
/// convertible securities), each protected series' conversion price adjusts on a down round, and
/// the round's table after carries the new ratios into the next round. A broad base with
/// `convertibles` set counts in `A`, beside the table before the round, the shares the round's
/// SAFEs and notes convert into (0 in a round or issue where none convert; notes left outstanding
/// below their qualified financing have no share count and are not in it); the adjustment prints
/// A's two parts. A series is protected from the round after the one that creates it:
///
///     round_chain(founding).then(series_a)
///         .protect(anti_dilution_terms::broad_based("Series A Preferred"))
///         .then(down_round_b)   // adjusts Series A; result.adjustment(1) has the figures
///         .run();
///
/// A series may waive its adjustment for one round (waive(), given before that round: the
/// series' required majority agrees in writing before the financing closes), as protected series
/// very often do in a down round; the round's adjustment reports it waived, and the next round
/// protects it again. waive() before then(chain_issuance) waives for that issue of shares alone
/// (a strategic sale, a lender's warrant), in the same way:
///
///     round_chain(founding).then(series_a)
///         .protect(anti_dilution_terms::broad_based("Series A Preferred"))
///         .waive("Series A Preferred")  // for the next round only
///         .then(down_round_b)           // Series A waived: result.adjustment(1)->of(...).waived
///         .then(down_round_c)           // adjusts Series A again
///         .run();
class round_chain {
public:
    /// A chain starting from @p start, reporting shares and ownership on @p basis.
    explicit round_chain(cap_table start, fully_diluted_basis basis = fully_diluted_basis::full())
        : start_(std::move(start)), basis_(basis) {}
    /// Adds @p r, applied to the table the previous round leaves.
    round_chain& then(cap_table_round r) {
        steps_.emplace_back(std::move(r));
        ids_.resize(steps_.size());
        add_charter();
        return *this;
    }
    /// Adds @p r, a priced round with SAFEs and notes converting, applied to the table the previous
    /// round leaves.
    round_chain& then(conversion_round r) { return then(std::move(r), instrument_ids()); }
    /// Adds @p r with the ids of its SAFEs and notes (@p ids): an instrument with an id is the
    /// same as one of another round only with the same id. An id listed past the round's
    /// instruments, or twice in the round, is a problem of the round (`rounds[i].ids.safes[k]`).
    round_chain& then(conversion_round r, instrument_ids ids) {
        steps_.emplace_back(std::move(r));
        ids_.resize(steps_.size());
        ids_.back() = std::move(ids);
        add_charter();
        return *this;
    }
    /// Adds @p issue, an issue of shares that is not a round, applied to the table the previous
    /// step leaves (fields of its problems under `rounds[i]`, i its place among the steps): the
    /// shares (or warrant) are added under its holder and class, and the charter in force adjusts
    /// the series protected then as it would on a round's new money; the waivers given before it
    /// are for it. result.issuances() has it.
    round_chain& then(chain_issuance issue) {
        steps_.emplace_back(std::move(issue));
        ids_.resize(steps_.size());
        add_charter();
        return *this;
    }
    /// The company's anti-dilution provisions for the rounds added from now on: @p c's protected
    /// series, exemptions and roundings (replacing any charter given before).
    round_chain& charter(anti_dilution c) {
        charter_ = std::make_shared<const anti_dilution>(std::move(c));
        return *this;
    }
    /// Adds @p t to the charter for the rounds added from now on (e.g. the terms of the series the
    /// last round created, which protect it from the next round); the charter's roundings stay.
    round_chain& protect(anti_dilution_terms t) {
        auto next = std::make_shared<anti_dilution>(charter_ ? *charter_ : anti_dilution());
        next->protect(std::move(t));
        charter_ = std::move(next);
        return *this;
    }
    /// The holders of @p series waive its adjustment in the next step added, a round or an issue
    /// of shares between rounds (then(chain_issuance)), and in that step only (the NVCA
    /// charter's written notice of the Requisite Holders that no adjustment be made for an
    /// issue): the step's adjustment reports the series waived, unchanged, and the steps after
    /// protect it again. A series the charter does not protect in that step is a problem of the
    /// step (`rounds[i].anti_dilution.waivers[k]`, i its place among the steps); a waiver no step
    /// follows, of the chain (`waivers[k]`).
    round_chain& waive(std::string series) {
        waivers_.push_back(std::move(series));
        return *this;
    }
    /// The pay-to-play provisions @p p for the next round added, and that round only:
    /// immediately before it, the holders of @p p's series that do not buy their required share
    /// of it convert into common (instruments/pay_to_play.hpp); the round is priced on the table
    /// that leaves (a round with conversions too, its SAFEs and notes converting on that table)
    /// and the charter then adjusts only what is still preferred. In a round with conversions
    /// only the new cash counts: the offered amount defaults to its investments, and what a
    /// holder's SAFEs or notes convert in it is not a purchase, unless p.conversions_count()
    /// (then each one's amount counts, conversion_round::converting_amounts()).
    /// result.pay_to_play(i) has the conversions. Its problems are the round's
    /// (`rounds[i].pay_to_play`); one no round follows is a problem too (`pay_to_play`), and so is
    /// a second one for the same round (give every series' term to one pay_to_play with require()).
    round_chain& pay_to_play(fundround::pay_to_play p) {
        if (next_pay_to_play_) ++next_pay_to_play_extra_;
        next_pay_to_play_ = std::make_shared<const fundround::pay_to_play>(std::move(p));
        return *this;
    }
    /// The number of rounds added.
    [[nodiscard]] std::size_t size() const noexcept { return steps_.size(); }

    /// Applies every round in order, or reports the problems of the first that does not apply
    /// (fields under `rounds[i]`), or, every round applying, the waivers given after the last
    /// (`waivers[k]`, failed_round size()): its own, an instrument converted in an earlier round, a
    /// close before an earlier round's (these two with their facts: round_chain_outcome::repeated
    /// and early_close), and its charter's (`rounds[i].anti_dilution`: with the round's
    /// own, those of the terms and roundings whatever the round's figures). A library error a
    /// round throws (an inexact figure under rounding::exact, say) is one problem at `rounds[i]`,
    /// with its charter's.
    [[nodiscard]] round_chain_outcome try_run() const;
    /// Applies every round in order; throws validation_error with the problems of the first
    /// round that does not apply (fields under `rounds[i]`; later rounds need its table).
    [[nodiscard]] round_chain_result run() const {
        round_chain_outcome r = try_run();
        if (!r.ok()) {
            const std::size_t i = *r.failed_round;
            if (i == steps_.size()) {
                throw validation_error(next_pay_to_play_ ? "the chain's waivers or pay-to-play do not apply"
                                                         : "the chain's waivers do not apply",
                                       std::move(r.problems));
            }
            throw validation_error(std::string(std::holds_alternative<chain_issuance>(steps_[i]) ? "issuance " : "round ") +
                                       std::to_string(i) + " (\"" + name_of(i) + "\") of the chain does not apply",
                                   std::move(r.problems));
        }
        return std::move(*r.result);
    }

private:
    using step = std::variant<cap_table_round, conversion_round, chain_issuance>;

    std::string name_of(std::size_t i) const {
        if (const auto* r = std::get_if<cap_table_round>(&steps_[i])) return r->terms().name();
        if (const auto* n = std::get_if<chain_issuance>(&steps_[i])) return n->issuance().name();
        return std::get<conversion_round>(steps_[i]).name();
    }
    // The series round @p i issues ("" for an issuance: it makes no series).
    std::string series_of(std::size_t i) const {
        if (const auto* r = std::get_if<cap_table_round>(&steps_[i])) return r->series();
        if (std::holds_alternative<chain_issuance>(steps_[i])) return {};
        return std::get<conversion_round>(steps_[i]).series();
    }
    // Applies issuance step @p i to @p table under @p charter (null: none given; one without
    // terms or waivers still names exemptions) into @p out, or returns its problems (fields
    // relative to the step).
    std::vector<diagnostic> apply_issuance(std::size_t i, const cap_table& table, const anti_dilution* charter,
                                           round_chain_result& out) const;

    // The charter in force for the round just added: the chain's, with the waivers given since
    // the previous round (then cleared: a waiver is for one round).
    void add_charter() {
        pay_to_plays_.push_back(std::move(next_pay_to_play_));
        next_pay_to_play_.reset();
        pay_to_play_extra_.push_back(next_pay_to_play_extra_);
        next_pay_to_play_extra_ = 0;
        if (waivers_.empty()) {
            charters_.push_back(charter_);
            return;
        }
        auto waived = std::make_shared<anti_dilution>(charter_ ? *charter_ : anti_dilution());
        for (std::string& w : waivers_) waived->waive(std::move(w));
        waivers_.clear();
        charters_.push_back(std::move(waived));
    }
    // True if @p c has something to apply or report: terms or waivers.
    static bool in_force(const anti_dilution* c) { return c && (!c->terms().empty() || !c->waivers().empty()); }

    cap_table start_;
    fully_diluted_basis basis_;
    std::vector<step> steps_;
    // The ids of each round's instruments (empty for a round without conversions or ids).
    std::vector<instrument_ids> ids_;
    // The charter in force for the next round added, and the one in force for each round added
    // (shared and immutable: protect() makes a new one; null while nothing was given).
    std::shared_ptr<const anti_dilution> charter_;
    std::vector<std::shared_ptr<const anti_dilution>> charters_;
    // The waivers for the next round added.
    std::vector<std::string> waivers_;
    // The pay-to-play for the next round added, and the one of each round added (null: none).
    std::shared_ptr<const fundround::pay_to_play> next_pay_to_play_;
    std::vector<std::shared_ptr<const fundround::pay_to_play>> pay_to_plays_;
    // The pay_to_play() calls beyond the first for the next round, and for each round added.
    std::size_t next_pay_to_play_extra_ = 0;
    std::vector<std::size_t> pay_to_play_extra_;
};

inline round_chain_outcome round_chain::try_run() const {
    round_chain_outcome outcome;
    round_chain_result out(start_, basis_);
    out.add_stage(start_);
    // What converted so far: (round, position in its list), by holder (to compare terms) and by id.
    struct converted_at {
        std::size_t round;
        std::size_t index;
    };
    struct converted_so_far {
        std::vector<converted_at> done;
        std::map<std::string_view, std::vector<std::size_t>> by_holder;  // positions in done (the strings live in steps_)
        std::map<std::string_view, std::size_t> by_id;                   // (and in ids_)
    };
    converted_so_far safes_done, notes_done;
    const auto id_of = [](const std::vector<std::string>& ids, std::size_t k) -> const std::string* {
        return k < ids.size() && !ids[k].empty() ? &ids[k] : nullptr;
    };
    std::optional<std::size_t> last_close;
    bool after_issuance = false;  // the last step applied is an issuance: its table is the current one
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        const field_path at = field_path("rounds").index(i);
        const cap_table& table = after_issuance ? out.issuances_.back().after()
                                                : out.rounds_.empty() ? out.start_ : out.rounds_.back().after();
        std::vector<diagnostic> problems;
        const auto fail = [&](std::vector<diagnostic> found) {
            for (diagnostic& d : found) d.field = d.field.prefixed(at);
            outcome.problems = std::move(found);
            outcome.failed_round = i;
            return std::move(outcome);
        };
        if (std::holds_alternative<chain_issuance>(steps_[i])) {
            if (pay_to_plays_[i]) {
                problems.push_back({field_path("pay_to_play"), "",
                                    "is for a priced round, and this step is an issuance: give it before the round it is for"});
            }
            std::vector<diagnostic> found = apply_issuance(i, table, charters_[i].get(), out);
            problems.insert(problems.end(), found.begin(), found.end());
            if (!problems.empty()) return fail(std::move(problems));
            after_issuance = true;
            // Labelled by its name; one without a name by whom it issued to.
            const issuance_on_cap_table& made = out.issuances_.back();
            std::string label = made.issuance().name();
            if (label.empty()) label = "Issuance to " + made.after().find_holder(made.holder()).name();
            out.add_step({chain_step_kind::issuance, out.issuances_.size() - 1, std::move(label)}, made.after());
            continue;
        }
        after_issuance = false;
        // A round that does not apply is reported with what its charter reports whatever the
        // round's figures (its terms and roundings, a series misnamed), so that every problem
        // comes at once.
        const auto fail_round = [&](std::vector<diagnostic> found, const std::string& series) {
            if (const anti_dilution* charter = charters_[i].get(); in_force(charter)) {
                for (diagnostic& d : charter->check_for_round(table, name_of(i), series)) {
                    d.field = d.field.prefixed(field_path("anti_dilution"));
                    found.push_back(std::move(d));
                }
            }
            return fail(std::move(found));
        };
        const auto earlier = [&](std::size_t j) { return "rounds[" + std::to_string(j) + "] (\"" + name_of(j) + "\")"; };
        if (pay_to_play_extra_[i] > 0) {
            // A later pay_to_play() would replace the earlier one's terms without a word.
            problems.push_back({field_path("pay_to_play"), "",
                                "is given " + std::to_string(pay_to_play_extra_[i] + 1) +
                                    " times for this round: give every series' term to one pay_to_play with require()"});
        }
        // The shares the round's SAFEs and notes convert into (0 in a round without conversions):
        // what a broad base counting convertibles adds to A.
        share_count converting_shares;
        try {
            if (const auto* plain = std::get_if<cap_table_round>(&steps_[i])) {
                // Pay-to-play first: its conversions are made immediately before the round.
                std::optional<pay_to_play_result> p;
                if (pay_to_plays_[i]) {
                    p = pay_to_plays_[i]->try_convert(table, plain->terms());
                    for (diagnostic& d : p->problems) {
                        d.field = d.field.prefixed(field_path("pay_to_play"));
                        problems.push_back(std::move(d));
                    }
                }
                cap_table_round_result r = plain->try_apply_to(p && p->ok() ? p->conversions->after() : table);
                const std::size_t before_round = problems.size();  // the round's problems after the pay-to-play's
                problems.insert(problems.end(), r.problems.begin(), r.problems.end());
                if (!problems.empty()) {
                    for (element_reference& e : r.references) e.problem += before_round;
                    outcome.references = std::move(r.references);
                    return fail_round(std::move(problems), plain->series());
                }
                out.rounds_.push_back(std::move(*r.round));
                out.converted_.emplace_back();
                out.adjustments_.emplace_back();
                out.pay_to_play_.push_back(p ? std::make_shared<const pay_to_play_conversions>(std::move(*p->conversions)) : nullptr);
                if (p) {
                    out.print_pay_to_play_ = [](std::ostream& os, const pay_to_play_conversions& c) { os << c; };
                    out.pay_to_play_before_ = [](const pay_to_play_conversions& c) -> const cap_table& { return c.before(); };
                }
            } else {
                const conversion_round& c = std::get<conversion_round>(steps_[i]);
                // Pay-to-play first, as in a round without conversions: the non-participating
                // holders' preferred converts immediately before the round, which is then priced,
                // its SAFEs and notes converting, on the table that leaves. Only the new cash is
                // offered and bought (the instruments converting are not purchases), unless the
                // pay-to-play counts conversions: then each instrument that converts adds its
                // conversion amount (principal and interest to the close, which the table does
                // not change) under its holder (conversion_round::converting_amounts()).
                std::optional<pay_to_play_result> p;
                if (pay_to_plays_[i]) {
                    std::vector<std::pair<std::string, money>> cash;
                    cash.reserve(c.investors().size());
                    for (const auto& inv : c.investors()) cash.emplace_back(inv.first.str(), inv.second);
                    std::vector<std::pair<std::string, money>> converting;
                    if (pay_to_plays_[i]->counts_conversions()) {
                        // The amounts, not the round solved on this table: it may price only on
                        // the converted one (an exact rounding, a price past 64 bits), and the
                        // amounts would be lost without a word. An instrument with a problem is
                        // the round's, reported below.
                        for (const instrument_conversion& ic : c.converting_amounts(table)) converting.emplace_back(ic.holder.str(), ic.amount);
                    }
                    p = pay_to_plays_[i]->try_convert(table, c.name(), cash, converting);
                    // Nothing converting because the round's SAFEs or notes have problems of their
                    // own (converting_amounts() leaves them out; reported below) is not "nothing
                    // converts in the round": that report would be wrong, and go once they are
                    // fixed.
                    bool instruments_at_fault = false;
                    if (converting.empty() && pay_to_plays_[i]->counts_conversions() && (!c.safes().empty() || !c.notes().empty())) {
                        for (const diagnostic& d : c.validate(table)) {
                            instruments_at_fault = instruments_at_fault || d.field.starts_with(field_path("safes")) ||
                                                   d.field.starts_with(field_path("notes"));
                        }
                    }
                    for (diagnostic& d : p->problems) {
                        if (instruments_at_fault && d.field.to_string() == "conversions_count") continue;
                        d.field = d.field.prefixed(field_path("pay_to_play"));
                        problems.push_back(std::move(d));
                    }
                }
                if (last_close) {
                    const calendar_date before = std::get<conversion_round>(steps_[*last_close]).close_date();
                    if (is_modelled(c.close_date()) && c.close_date() < before) {
                        outcome.early_close = close_out_of_order{problems.size(), c.close_date(), *last_close, before};
                        problems.push_back({field_path("close_date"), to_string(c.close_date()),
                                            "is before the close " + to_string(before) + " of " + earlier(*last_close) +
                                                ": rounds with conversions close in the chain's order"});
                    }
                }
                // Each instrument converts once: the same id as, or without ids the same terms as,
                // one an earlier round converted is a problem; so are ids past the list or twice in
                // it.
                const auto once = [&](const auto& items, const std::vector<std::string>& ids, instrument_kind kind, const char* list,
                                      const char* noun, std::vector<std::string> instrument_ids::*member,
                                      const converted_so_far& so_far, const auto& items_of) {
                    std::map<std::string_view, std::size_t> first;
                    for (std::size_t k = 0; k < ids.size(); ++k) {
                        const field_path at_id = field_path("ids").member(list).index(k);
                        if (k >= items.size()) {
                            problems.push_back({at_id, detail::quoted_text(ids[k]),
                                                "names no " + std::string(noun) + ": the round converts " + std::to_string(items.size()) + " " + noun + "(s)"});
                        } else if (!ids[k].empty() && !first.emplace(ids[k], k).second) {
                            problems.push_back({at_id, detail::quoted_text(ids[k]),
                                                "appears twice (also " + field_path("ids").member(list).index(first[ids[k]]).to_string() +
                                                    "): an id names one instrument"});
                        }
                    }
                    for (std::size_t k = 0; k < items.size(); ++k) {
                        const std::string* id = id_of(ids, k);
                        std::optional<std::size_t> found;
                        if (id != nullptr) {
                            if (const auto f = so_far.by_id.find(*id); f != so_far.by_id.end()) found = f->second;
                        }
                        const auto held = so_far.by_holder.find(items[k].holder.str());
                        for (std::size_t e = 0; !found && held != so_far.by_holder.end() && e < held->second.size(); ++e) {
                            const converted_at& d = so_far.done[held->second[e]];
                            if (id != nullptr && id_of(ids_[d.round].*member, d.index) != nullptr) continue;  // two ids: apart
                            if (detail::same_instrument(items_of(d.round)[d.index], items[k])) found = held->second[e];
                        }
                        if (!found) continue;
                        const converted_at& d = so_far.done[*found];
                        std::string rule = "converted already in " + earlier(d.round) + " as its " + list + "[" + std::to_string(d.index) + "]";
                        const std::string* their = id_of(ids_[d.round].*member, d.index);
                        if (id != nullptr && their != nullptr) {
                            rule += " (id " + detail::quoted_text(*id) + "): an instrument converts once";
                        } else if (id != nullptr || their != nullptr) {
                            rule += ": an instrument converts once (the same terms, and an id on only one of the two, " +
                                    detail::quoted_text(id != nullptr ? *id : *their) +
                                    ": one without an id is told by its terms; give both an id: then(round, instrument_ids))";
                        } else {
                            rule += ": an instrument converts once (the same terms, and no ids to tell two apart: "
                                    "then(round, instrument_ids))";
                        }
                        outcome.repeated.push_back({problems.size(), kind, k, id != nullptr ? *id : std::string(), d.round, d.index,
                                                    their != nullptr ? *their : std::string()});
                        problems.push_back({field_path(list).index(k),
                                            "\"" + items[k].holder.str() + "\", " + format_full(detail::converting_amount(items[k])),
                                            std::move(rule)});
                    }
                };
                const instrument_ids& ids = ids_[i];
                once(c.safes(), ids.safes, instrument_kind::safe, "safes", "SAFE", &instrument_ids::safes, safes_done,
                     [&](std::size_t j) -> const std::vector<safe>& { return std::get<conversion_round>(steps_[j]).safes(); });
                once(c.notes(), ids.notes, instrument_kind::note, "notes", "note", &instrument_ids::notes, notes_done,
                     [&](std::size_t j) -> const std::vector<convertible_note>& { return std::get<conversion_round>(steps_[j]).notes(); });
                conversion_result r = c.try_apply_to(p && p->ok() ? p->conversions->after() : table);
                for (element_reference& named : r.references) {
                    named.problem += problems.size();
                    outcome.references.push_back(std::move(named));
                }
                problems.insert(problems.end(), r.problems.begin(), r.problems.end());
                if (!problems.empty() || !r.ok()) return fail_round(std::move(problems), c.series());
                converted_round& done = *r.round;
                converting_shares = done.conversion_shares();
                for (const instrument_conversion& ic : done.conversions()) {
                    const bool is_safe = ic.kind == instrument_kind::safe;
                    converted_so_far& so_far = is_safe ? safes_done : notes_done;
                    const holder_id& who = is_safe ? c.safes()[ic.index].holder : c.notes()[ic.index].holder;
                    so_far.by_holder[who.str()].push_back(so_far.done.size());
                    if (const std::string* id = id_of(is_safe ? ids.safes : ids.notes, ic.index)) so_far.by_id.emplace(*id, so_far.done.size());
                    so_far.done.push_back({i, ic.index});
                }
                last_close = i;
                out.rounds_.push_back(detail::round_on_cap_table_access::make(done.new_money(), done.before(), done.after(),
                                                                              done.basis(), done.series(), done.pool()));
                out.converted_.push_back(std::make_shared<const converted_round>(std::move(done)));
                out.adjustments_.emplace_back();
                out.pay_to_play_.push_back(p ? std::make_shared<const pay_to_play_conversions>(std::move(*p->conversions)) : nullptr);
                if (p) {
                    out.print_pay_to_play_ = [](std::ostream& os, const pay_to_play_conversions& q) { os << q; };
                    out.pay_to_play_before_ = [](const pay_to_play_conversions& q) -> const cap_table& { return q.before(); };
                }
            }
            if (const anti_dilution* c = charters_[i].get(); in_force(c)) {
                round_on_cap_table& applied = out.rounds_.back();
                down_round_result d = c->apply_checked(applied, &converting_shares);
                if (!d.ok()) {
                    for (diagnostic& p : d.problems) p.field = p.field.prefixed(field_path("anti_dilution"));
                    return fail(std::move(d.problems));
                }
                if (d.round->adjustment().any_adjusted()) {
                    // The round's table after, and its holders' changes, with the new ratios.
                    applied = detail::round_on_cap_table_access::make(applied.pricing(), applied.before(), d.round->after(),
                                                                      applied.basis(), applied.series(), applied.pool());
                }
                out.adjustments_.back() = std::make_shared<const anti_dilution_adjustment>(d.round->adjustment());
                out.print_adjustment_ = [](std::ostream& os, const anti_dilution_adjustment& a) { os << a; };
            }
        } catch (const error& e) {
            outcome.repeated.clear();  // their problems are not reported: the round's is this one
            outcome.early_close.reset();
            outcome.references.clear();
            return fail_round({{field_path(), "", std::string("cannot be priced: ") + detail::reason_of(e)}}, series_of(i));
        }
        out.add_step({chain_step_kind::round, out.rounds_.size() - 1, out.rounds_.back().pricing().name()},
                     out.rounds_.back().after());
    }
    if (!waivers_.empty() || next_pay_to_play_) {
        // waive() or pay_to_play() with no round after it: it would do nothing.
        for (std::size_t k = 0; k < waivers_.size(); ++k) {
            outcome.problems.push_back({field_path("waivers").index(k), detail::quoted_text(waivers_[k]),
                                        "waives for the next round added, and none follows: add the round with then() "
                                        "after waive()"});
        }
        if (next_pay_to_play_) {
            outcome.problems.push_back({field_path("pay_to_play"), "",
                                        "is for the next round added, and none follows: add the round with then() after "
                                        "pay_to_play()"});
        }
        outcome.failed_round = steps_.size();
        return outcome;
    }
    outcome.result = std::move(out);
    return outcome;
}

inline std::vector<diagnostic> round_chain::apply_issuance(std::size_t i, const cap_table& table, const anti_dilution* charter,
                                                           round_chain_result& out) const {
    const chain_issuance& n = std::get<chain_issuance>(steps_[i]);
    const share_issuance& issue = n.issuance();
    const field_path at_issue("issuance");
    std::vector<diagnostic> problems = issue.validate(at_issue);
    const bool active = in_force(charter);
    if (issue.kind() == issuance_kind::pool_grant) {
        problems.push_back({at_issue.member("kind"), "pool_grant",
                            "is a grant from a pool on the cap table (cap_table_builder::grant), which an issuance between "
                            "rounds does not draw down: state a sale (sale(), at_price()) or an exempted issue (exempted())"});
    } else if (issue.kind() == issuance_kind::preferred_conversion) {
        problems.push_back({at_issue.member("kind"), "preferred_conversion",
                            "converts preferred shares, which an issuance between rounds does not take away: a pay-to-play "
                            "converts them (round_chain::pay_to_play())"});
    } else if (issue.currency() != table.currency()) {
        problems.push_back({at_issue.member("consideration"), std::string(to_string(issue.currency())),
                            detail::table_currency_rule(table.currency())});
    }
    if (n.exercise_price() && n.exercise_price()->currency() != table.currency()) {
        problems.push_back({field_path("exercise_price"), std::string(to_string(n.exercise_price()->currency())),
                            detail::table_currency_rule(table.currency())});
    }
    if (issue.kind() == issuance_kind::exempted) {
        const std::vector<std::string> none;
        const std::vector<std::string>& named = charter != nullptr ? charter->exemptions() : none;
        if (std::find(named.begin(), named.end(), issue.exemption()) == named.end()) {
            std::string rule = "is not an exemption the charter in force names (";
            if (named.empty()) {
                rule += "it names none";
            } else {
                rule += "it names ";
                for (std::size_t k = 0; k < named.size(); ++k) rule += (k == 0 ? "" : ", ") + detail::quoted_text(named[k]);
            }
            problems.push_back({at_issue.member("exemption"), detail::quoted_text(issue.exemption()),
                                rule + "): name it with anti_dilution::exempt() in the charter before this step"});
        }
    }
    if (const auto ci = table.class_index(n.share_class()); !ci) {
        std::string names;
        for (const share_class& c : table.classes()) names += (names.empty() ? "" : ", ") + detail::quoted_text(c.name());
        problems.push_back({field_path("share_class"), detail::quoted_text(n.share_class()),
                            "is not a share class on the cap table before the issue (its classes: " + names + ")"});
    } else if (active) {
        for (const anti_dilution_terms& t : charter->terms()) {
            if (t.series != n.share_class() || t.method == anti_dilution_method::none) continue;
            problems.push_back({field_path("share_class"), detail::quoted_text(n.share_class()),
                                "is a series the charter protects at this step: its own shares issued below its conversion "
                                "price would convert at the ratio the issue adjusts; issue another class"});
            break;
        }
        const fraction& ratio = table.classes()[*ci].conversion_ratio();
        if (ratio != fraction(1)) {
            problems.push_back({field_path("share_class"), detail::quoted_text(n.share_class()),
                                "converts into common at the ratio " + ratio.to_string() +
                                    ", and the charter counts the issue's shares as common (C): issue a class converting 1:1"});
        }
    }
    if (n.new_holder()) {
        if (n.new_holder()->id() != n.to()) {
            problems.push_back({field_path("add_holder"), detail::quoted_text(n.new_holder()->id().str()),
                                "is not the holder the shares are issued to, " + detail::quoted_text(n.to().str())});
        } else if (table.holder_index(n.to())) {
            problems.push_back({field_path("add_holder"), detail::quoted_text(n.to().str()),
                                "is on the cap table before the issue already: issue to it without add_holder()"});
        }
    } else if (!table.holder_index(n.to())) {
        problems.push_back({field_path("holder"), detail::quoted_text(n.to().str()),
                            "is not on the cap table before the issue: add it with add_holder()"});
    }
    // The charter's own problems (its terms, roundings, waivers) come with the step's, whatever
    // they are.
    const auto charter_problems = [&](std::vector<diagnostic> found) {
        for (diagnostic& d : found) {
            d.field = d.field.prefixed(field_path("anti_dilution"));
            problems.push_back(std::move(d));
        }
        return std::move(problems);
    };
    if (!problems.empty()) {
        return active ? charter_problems(charter->check_for_round(table, issue.name(), "")) : std::move(problems);
    }
    try {
        std::optional<anti_dilution_adjustment> adjustment;
        if (active) {
            // A warrant's consideration per share is what the company receives for it plus the
            // minimum it is paid on exercise (NVCA charter 4.4.4.2), not the warrant's price alone.
            const share_issuance charged =
                n.exercise_price() ? share_issuance(issue.name(), issue.kind(), issue.shares(),
                                                    issue.consideration_units() + n.exercise_price()->units_per_share() *
                                                                                      fraction(issue.shares().value()),
                                                    issue.currency(), issue.exemption())
                                   : issue;
            // No SAFE or note converts in an issue between rounds: a broad base counting them counts 0.
            const share_count none_converting;
            anti_dilution_result adj = charter->adjust_checked(table, charged, nullptr, &none_converting);
            std::vector<diagnostic> found = std::move(adj.problems);
            charter->check_floor(found);
            if (!found.empty()) return charter_problems(std::move(found));
            adjustment = std::move(*adj.adjustment);
        }
        cap_table_builder b(table);
        if (n.new_holder()) b.add(*n.new_holder());
        if (n.exercise_price()) {
            b.add(warrant{n.to(), n.share_class(), issue.shares(), *n.exercise_price()});
        } else {
            b.issue(n.to(), n.share_class(), issue.shares());
        }
        cap_table_result built = b.try_build();
        if (!built.ok()) {
            for (diagnostic& d : built.problems) {
                d.field = d.field.prefixed(field_path("after"));
                d.rule += " (in the cap table after the issue)";
            }
            return std::move(built.problems);
        }
        cap_table after = adjustment && adjustment->any_adjusted() ? adjustment->applied_to(*built.table) : std::move(*built.table);
        issuance_on_cap_table record(table, std::move(after));
        record.issuance_ = std::make_shared<const share_issuance>(issue);
        record.holder_ = n.to();
        record.share_class_ = n.share_class();
        record.warrant_ = n.exercise_price().has_value();
        record.step_ = i;
        record.rounds_before_ = out.rounds_.size();
        const fully_diluted_counts was = table.fully_diluted(basis_);
        const fully_diluted_counts now = record.after_.fully_diluted(basis_);
        const std::vector<holder>& hs = record.after_.holders();
        const std::size_t old = table.holders().size();
        record.changes_.reserve(hs.size());
        for (std::size_t k = 0; k < hs.size(); ++k) {
            // The builder keeps the table's holders first, in order, and appends the new one.
            const share_count prior = k < old ? was.by_holder()[k] : share_count();
            record.changes_.push_back({hs[k].id(), hs[k].name(), prior, now.by_holder()[k], fraction(prior.value(), was.total().value()),
                                       fraction(now.by_holder()[k].value(), now.total().value())});
        }
        if (adjustment) {
            record.adjustment_ = std::make_shared<const anti_dilution_adjustment>(std::move(*adjustment));
            out.print_adjustment_ = [](std::ostream& os, const anti_dilution_adjustment& a) { os << a; };
        }
        out.print_issuance_ = [](std::ostream& os, const issuance_on_cap_table& r) {
            const share_issuance& s = r.issuance();
            os << "Issuance " << s.name() << (s.name().empty() ? "" : " ") << "(" << to_string(s.kind());
            if (s.kind() == issuance_kind::exempted) os << ": " << s.exemption();
            os << "): " << (r.warrant() ? "a warrant for " : "") << detail::signed_digits(s.shares().value(), true) << " "
               << r.share_class() << " to " << r.after().find_holder(r.holder()).name() << ", for ";
            const fraction& c = s.consideration_units();
            if (c.is_integer() && c.numerator() <= detail::int64_max && c.numerator() >= detail::int64_min) {
                os << format_full(money::from_units(static_cast<std::int64_t>(c.numerator()), s.currency()));
            } else {
                os << c.to_string() << " units";
            }
            os << '\n';
        };
        out.issuances_.push_back(std::move(record));
    } catch (const error& e) {
        return {{field_path(), "", std::string("cannot be applied: ") + detail::reason_of(e)}};
    }
    return {};
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_ROUND_CHAIN_HPP
