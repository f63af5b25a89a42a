/// @file deal_file.hpp
/// @brief A deal as one JSON document (a "deal file"): the company's cap table, its SAFEs and
/// notes, its share valuations (409A), its funding rounds with tranches and conditions, its
/// priced rounds on the cap table and the issues of shares between them, scenarios and
/// counter-commitments; read with every problem at its JSON pointer (references
/// between members checked, the priced rounds and issuances applied as a chain) and written back exactly
/// (docs/deal-file.schema.json; needs nlohmann/json: the `fundround::json` target).
#ifndef FUNDROUND_JSON_DEAL_FILE_HPP
#define FUNDROUND_JSON_DEAL_FILE_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/share_valuation.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/pay_to_play.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/time/installments.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/error.hpp>
#include <fundround/json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The format version a deal file states in "fundround_deal" (written by to_json, checked on
/// reading).
inline constexpr int deal_file_version = 1;

/// Some of a deal file's SAFEs and notes, by position in deal_file::safes and deal_file::notes.
struct deal_instruments {
    std::vector<std::size_t> safes;  ///< Positions in deal_file::safes.
    std::vector<std::size_t> notes;  ///< Positions in deal_file::notes.
};

/// The SAFEs and notes converting in one priced round of a deal file, and the conversion's own
/// terms (the round's price, investors, pool and roundings are its cap_table_round's).
struct priced_round_conversion {
    std::size_t round = 0;          ///< The priced round (position in deal_file::priced_rounds).
    /// Every SAFE and note outstanding at the close: dated on or before it, not listed by an
    /// earlier priced round. When false, `listed` names them.
    bool all_outstanding = false;
    deal_instruments listed;        ///< The instruments converting, when not all_outstanding.
    calendar_date close_date{};     ///< The round's close: interest accrues to it (or to a note's maturity); nothing dated after it converts.
    conversion_pricing convention = conversion_pricing::conversion_shares_in_pre_money;  ///< How the price counts the conversion shares.
    std::optional<price_precision> conversion_price_rounding;  ///< Each conversion price's rounding (none: exact).
    rounding conversion_share_rounding = rounding::floor;      ///< Each instrument's shares' rounding.
};

/// A priced round's pay-to-play ("pay_to_play"): the terms its preferred series' holders must
/// meet by buying in it (round_chain::pay_to_play() before the round).
struct priced_round_pay_to_play {
    std::size_t round = 0;  ///< The priced round (position in deal_file::priced_rounds).
    pay_to_play terms;      ///< Its terms, offered amount and common class.
};

/// A deal file's anti-dilution charter ("anti_dilution"): each protected series' terms and how
/// each new conversion price is rounded. A series on the cap table before the priced rounds is
/// protected from the first of them; a series a priced round creates, from the round after it
/// (deal_file::chain(); round_chain::protect()). Each priced round's new money at its price is
/// the issue (round_chain); a share rounding other than floor is not written in a file (a chain
/// requires floor). The exemptions it names ("exemptions") are given to the chain's charter, for
/// the issues of shares between rounds (deal_file::issuances, "issuances": an issue under one
/// adjusts no series; a priced round's new money is never exempted).
struct anti_dilution_charter {
    /// The protected series' terms, in the file's order (empty: no charter).
    std::vector<anti_dilution_terms> protections;
    /// Each new conversion price's rounding (none: exact); the NVCA model charter's $0.0001 half
    /// away from zero unless the file says otherwise (anti_dilution's default).
    std::optional<price_precision> conversion_price_rounding = price_precision{4, rounding::half_away_from_zero};
    /// The priced rounds and issuances (by name: a priced round's, or an issue of shares between
    /// rounds, deal_file::issuances) in which each protected series waives its adjustment
    /// (protections[k]'s "waived_in": round_chain::waive() before each): waived_in[k] for
    /// protections[k]; empty, or shorter than protections, where none waives. A name both a
    /// priced round and an issuance have is refused (deal_file::ambiguous_waivers()).
    std::vector<std::vector<std::string>> waived_in;
    /// The exempted issuances the charter names, in the file's order ("exemptions";
    /// anti_dilution::exempt()): an issue share_issuance::exempted() under one of these names
    /// adjusts no series. Each has a letter or digit and is named once.
    std::vector<std::string> exemptions;
};

/// An issue of shares between a deal file's priced rounds ("issuances"): a sale to a strategic,
/// shares or a warrant to a lender, an issue under an exemption the charter names, as the
/// chain_issuance deal_file::chain() adds in its place among the priced rounds.
struct deal_issuance {
    /// How many priced rounds come before it: 0 before the first, i + 1 after priced_rounds[i]
    /// (the file's "after": that round's name). Issuances with the same count follow one another
    /// in the file's order.
    std::size_t rounds_before = 0;
    /// The issue: its name, shares, consideration and exemption, the holder (and the holder it
    /// adds), the class, and the warrant's exercise price.
    chain_issuance issue;
};

/// A step of deal_file::chain(): a priced round or an issuance, by its place in its list
/// (deal_file::priced_rounds or deal_file::issuances).
struct deal_chain_step {
    bool issuance = false;  ///< True for issuances[index], false for priced_rounds[index].
    std::size_t index = 0;  ///< Its place in that list.
};

namespace detail {

/// True if @p name is a conversion series of a round whose series is @p series:
/// "<series>-<digits>", as a round converting SAFEs and notes names the series of each conversion
/// price other than the round price (next_series_name(): "Series A Preferred-1", "-2", ...).
[[nodiscard]] inline bool is_conversion_series_name(std::string_view name, std::string_view series) {
    if (series.empty() || name.size() < series.size() + 2 || name.compare(0, series.size(), series) != 0) return false;
    const std::string_view rest = name.substr(series.size());
    return rest[0] == '-' && rest.find_first_not_of("0123456789", 1) == std::string_view::npos;
}

}  // namespace detail

/// A deal as one document: the company, its cap table before the rounds, its instruments, its
/// funding rounds and priced rounds, scenarios and counter-commitments.
struct deal_file {
    /// The company's name ("" when the file names none).
    std::string company;
    /// The date cap_table_before is as of ("as_of"), when the file states it: an imported OCF
    /// package's as-of date, which `convert --to ocf` writes again.
    std::optional<calendar_date> as_of;
    /// The company's formation date ("formation": {"date"}), when the file states it (an OCF
    /// package's issuer does).
    std::optional<calendar_date> formation_date;
    /// The ISO 3166-1 alpha-2 country the company was formed in ("formation": {"country"}: "DE"),
    /// "" when not stated.
    std::string country_of_formation;
    /// The subdivision it was formed in ("formation": {"subdivision"}): the part of its ISO 3166-2
    /// code after the country ("DE" of US-DE), "" when not stated.
    std::string country_subdivision_of_formation;
    /// The cap table before the rounds of this file (none when the file describes rounds only).
    std::optional<cap_table> cap_table_before;
    /// The funding rounds (investors, tranches, conditions), in the file's order.
    std::vector<funding_round> rounds;
    /// Priced rounds on the cap table, applied in order (round_chain from cap_table_before).
    std::vector<cap_table_round> priced_rounds;
    /// Which SAFEs and notes convert in which priced round, in round order (at most one entry per
    /// round).
    std::vector<priced_round_conversion> conversions;
    /// The priced rounds' pay-to-play, in round order (at most one entry per round).
    std::vector<priced_round_pay_to_play> pay_to_plays;
    /// SAFEs outstanding on cap_table_before.
    std::vector<safe> safes;
    /// Convertible notes outstanding on cap_table_before.
    std::vector<convertible_note> notes;
    /// Valuations of the company's share classes (409A), of classes of cap_table_before or of
    /// a series a priced round creates.
    std::vector<share_valuation> valuations;
    /// Named scenarios (milestones settling on dates) for the funding rounds.
    std::vector<scenario> scenarios;
    /// What the company commits to pay beside its equity (the net-flows report).
    std::vector<counter_commitment> counter_commitments;
    /// The anti-dilution protection of preferred series, applied by chain() to the priced rounds.
    anti_dilution_charter charter;
    /// Issues of shares between the priced rounds ("issuances"), in the file's order; chain()
    /// applies each in its place (after deal_issuance::rounds_before priced rounds).
    std::vector<deal_issuance> issuances;
    /// The liquidation ranks of the SAFEs and notes outstanding at an exit
    /// ("instrument_seniority"), per kind: give them to outstanding_instrument_terms
    /// (exit/outstanding_instruments.hpp) as `fundround waterfall` does; empty: the library's
    /// defaults.
    outstanding_seniority instrument_seniority;

    /// The round called @p name; throws invalid_argument_error naming the rounds there are.
    [[nodiscard]] const funding_round& round(std::string_view name) const {
        std::string names;
        for (const funding_round& r : rounds) {
            if (r.name() == name) return r;
            names += std::string(names.empty() ? "" : ", ") + "\"" + r.name() + "\"";
        }
        throw invalid_argument_error("round = \"" + std::string(name) + "\": not in the deal file (its rounds: " +
                                     (names.empty() ? std::string("none") : names) + ")");
    }
    /// The conversion of priced round @p round, or null if nothing converts in it.
    [[nodiscard]] const priced_round_conversion* conversion_of(std::size_t round) const noexcept {
        for (const priced_round_conversion& c : conversions) {
            if (c.round == round) return &c;
        }
        return nullptr;
    }
    /// The pay-to-play of priced round @p round, or null when it has none.
    [[nodiscard]] const pay_to_play* pay_to_play_of(std::size_t round) const noexcept {
        for (const priced_round_pay_to_play& p : pay_to_plays) {
            if (p.round == round) return &p.terms;
        }
        return nullptr;
    }
    /// The SAFEs and notes converting in priced round @p round (all_outstanding resolved: every
    /// one dated on or before its close that no earlier round lists), in the file's order;
    /// throws invalid_argument_error for a position past the file's lists.
    [[nodiscard]] deal_instruments converting_in(std::size_t round) const {
        std::vector<bool> safe_used(safes.size()), note_used(notes.size());
        deal_instruments out;
        for (const priced_round_conversion& c : conversions) {
            if (c.round > round) continue;
            deal_instruments now;
            if (c.all_outstanding) {
                for (std::size_t k = 0; k < safes.size(); ++k) {
                    if (!safe_used[k] && !(c.close_date < safes[k].date)) now.safes.push_back(k);
                }
                for (std::size_t k = 0; k < notes.size(); ++k) {
                    if (!note_used[k] && !(c.close_date < notes[k].issue_date)) now.notes.push_back(k);
                }
            } else {
                now = c.listed;
            }
            for (const std::size_t k : now.safes) {
                if (k >= safes.size()) throw invalid_argument_error("conversions: safe " + std::to_string(k) + ": the deal file has " + std::to_string(safes.size()) + " SAFEs");
                safe_used[k] = true;
            }
            for (const std::size_t k : now.notes) {
                if (k >= notes.size()) throw invalid_argument_error("conversions: note " + std::to_string(k) + ": the deal file has " + std::to_string(notes.size()) + " notes");
                note_used[k] = true;
            }
            if (c.round == round) out = std::move(now);
        }
        return out;
    }
    /// The first priced round charter.protections[@p k] applies to: 0 for a series of
    /// cap_table_before, i + 1 for the series priced round i creates first (its series, or for a
    /// round converting SAFEs and notes one of its conversion series "<series>-<n>", which the
    /// chain then finds on the table or reports), nothing for a series none has (a problem
    /// read_deal_file() reports).
    [[nodiscard]] std::optional<std::size_t> protected_from(std::size_t k) const {
        const std::string& series = charter.protections.at(k).series;
        if (cap_table_before && cap_table_before->class_index(series)) return std::size_t{0};
        for (std::size_t i = 0; i < priced_rounds.size(); ++i) {
            if (priced_rounds[i].series() == series) return i + 1;
            if (conversion_of(i) != nullptr && detail::is_conversion_series_name(series, priced_rounds[i].series())) return i + 1;
        }
        return std::nullopt;
    }
    /// The round charter.protections[@p k] is given to by chain(): protected_from(), or the first
    /// round for a series that exists nowhere (a deal_file built in code; the reader reports it),
    /// so that running the chain names it instead of dropping it.
    [[nodiscard]] std::size_t applies_from(std::size_t k) const { return protected_from(k).value_or(0); }
    /// The positions in charter.protections of the terms in force in priced round @p round, in the
    /// order chain() gives them to the round's charter (by the round they apply from, then the
    /// file's order; a series protected_from() finds nowhere from round 0, as chain() gives it):
    /// position k of the charter's `protections[k]` is element k.
    [[nodiscard]] std::vector<std::size_t> protections_in_force(std::size_t round) const {
        std::vector<std::pair<std::size_t, std::size_t>> from;  // (first round, position)
        for (std::size_t k = 0; k < charter.protections.size(); ++k) {
            const std::size_t f = applies_from(k);
            if (f <= round) from.emplace_back(f, k);
        }
        std::stable_sort(from.begin(), from.end());
        std::vector<std::size_t> out;
        for (const auto& e : from) out.push_back(e.second);
        return out;
    }
    /// The positions in charter.protections of the series that waive their adjustment in priced
    /// round @p round (its name in charter.waived_in), in the file's order.
    [[nodiscard]] std::vector<std::size_t> waiving_in(std::size_t round) const {
        return waiving_by_name(priced_rounds.at(round).terms().name());
    }
    /// The positions in charter.protections of the series that waive their adjustment for
    /// issuances[@p k] (its issue's name in charter.waived_in), in the file's order.
    [[nodiscard]] std::vector<std::size_t> waiving_for_issuance(std::size_t k) const {
        return waiving_by_name(issuances.at(k).issue.issuance().name());
    }
    /// The waivers of charter.waived_in whose name is both a priced round's and an issuance's
    /// (the two lists may share a name; taking either would be a silent pick): one problem per
    /// such name, at `anti_dilution.protections[k].waived_in[m]`, naming both. chain() throws
    /// them; read_deal_file() reports them at their pointers; write_deal_file() refuses them.
    [[nodiscard]] std::vector<diagnostic> ambiguous_waivers() const {
        std::vector<diagnostic> out;
        for (std::size_t k = 0; k < charter.waived_in.size() && k < charter.protections.size(); ++k) {
            for (std::size_t m = 0; m < charter.waived_in[k].size(); ++m) {
                const std::string& name = charter.waived_in[k][m];
                std::optional<std::size_t> round, issue;
                for (std::size_t i = 0; i < priced_rounds.size() && !round; ++i) {
                    if (priced_rounds[i].terms().name() == name) round = i;
                }
                for (std::size_t i = 0; i < issuances.size() && !issue; ++i) {
                    if (issuances[i].issue.issuance().name() == name) issue = i;
                }
                if (!round || !issue) continue;
                out.push_back({field_path("anti_dilution").member("protections").index(k).member("waived_in").index(m),
                               detail::quoted_text(name),
                               "names both " + field_path("priced_rounds").index(*round).to_string() + " and " +
                                   field_path("issuances").index(*issue).to_string() +
                                   ": a waiver is for one round or issuance; rename one of them"});
            }
        }
        return out;
    }
    /// The steps of chain(@p count) in the order it adds them: before each of the first @p count
    /// priced rounds, the issuances it follows (rounds_before equal to its place, in the file's
    /// order), then the round; an issuance after the last of them only when @p count is every
    /// priced round (chain()); throws invalid_argument_error for @p count past the priced rounds.
    [[nodiscard]] std::vector<deal_chain_step> chain_steps(std::size_t count) const {
        if (count > priced_rounds.size()) {
            throw invalid_argument_error("count = " + std::to_string(count) + ": the deal file has " +
                                         std::to_string(priced_rounds.size()) + " priced rounds");
        }
        for (std::size_t k = 0; k < issuances.size(); ++k) {
            if (issuances[k].rounds_before > priced_rounds.size()) {
                throw invalid_argument_error("issuances[" + std::to_string(k) + "].rounds_before = " +
                                             std::to_string(issuances[k].rounds_before) + ": the deal file has " +
                                             std::to_string(priced_rounds.size()) + " priced rounds to follow");
            }
        }
        std::vector<deal_chain_step> out;
        for (std::size_t i = 0; i <= count; ++i) {
            if (i < count || count == priced_rounds.size()) {
                for (std::size_t k = 0; k < issuances.size(); ++k) {
                    if (issuances[k].rounds_before == i) out.push_back({true, k});
                }
            }
            if (i < count) out.push_back({false, i});
        }
        return out;
    }
    /// The first @p count priced rounds as a chain on cap_table_before, each round with
    /// conversions a conversion_round (with_conversions()) converting its SAFEs and notes, each
    /// identified by its place in the file (instrument_ids "/safes/k", "/notes/k": two with the
    /// same terms at two places are two instruments, one place in two rounds one), under
    /// the anti-dilution charter (each series protected from the round protected_from() gives; a
    /// series neither the table nor a round has from the first round, whose run reports it; each
    /// series waiving in the rounds and issuances its waived_in names, round_chain::waive()
    /// before each); the issuances in their places (chain_steps(): those after the last of the
    /// @p count rounds only when @p count is every priced round), each under the charter in
    /// force for the round after it (a series a priced round creates protected from the
    /// issuances after it); throws invalid_argument_error without a cap table or for @p count
    /// past the priced rounds, validation_error for a waiver naming both a priced round and an
    /// issuance (ambiguous_waivers()).
    [[nodiscard]] round_chain chain(std::size_t count) const {
        if (!cap_table_before) throw invalid_argument_error("deal file: has no cap table for its priced rounds to apply to");
        if (std::vector<diagnostic> a = ambiguous_waivers(); !a.empty()) {
            throw validation_error("deal file: a waiver names both a priced round and an issuance", std::move(a));
        }
        const std::vector<deal_chain_step> steps = chain_steps(count);
        round_chain out(*cap_table_before);
        std::vector<std::size_t> from;  // the round each of charter.protections applies from
        if (!charter.protections.empty()) {
            anti_dilution base;
            if (charter.conversion_price_rounding) {
                base = base.conversion_price_rounded(charter.conversion_price_rounding->decimals,
                                                     charter.conversion_price_rounding->mode);
            } else {
                base = base.conversion_price_exact();
            }
            for (const std::string& e : charter.exemptions) base.exempt(e);
            out.charter(std::move(base));
            for (std::size_t k = 0; k < charter.protections.size(); ++k) from.push_back(applies_from(k));
        }
        std::size_t protected_to = 0;  // the rounds whose protections were given (the next round's, for an issuance)
        for (const deal_chain_step& s : steps) {
            const std::size_t i = s.issuance ? issuances[s.index].rounds_before : s.index;
            for (; protected_to <= i; ++protected_to) {
                for (std::size_t k = 0; k < from.size(); ++k) {
                    if (from[k] == protected_to) out.protect(charter.protections[k]);
                }
            }
            if (s.issuance) {
                for (const std::size_t k : waiving_for_issuance(s.index)) out.waive(charter.protections[k].series);
                out.then(issuances[s.index].issue);
                continue;
            }
            for (const std::size_t k : waiving_in(i)) out.waive(charter.protections[k].series);
            if (const fundround::pay_to_play* p = pay_to_play_of(i)) out.pay_to_play(*p);
            const priced_round_conversion* c = conversion_of(i);
            if (c == nullptr) {
                out.then(priced_rounds[i]);
                continue;
            }
            conversion_round r = with_conversions(priced_rounds[i], c->close_date);
            r.convention(c->convention).conversion_shares_rounded(c->conversion_share_rounding);
            if (c->conversion_price_rounding) r.conversion_price_rounded(c->conversion_price_rounding->decimals, c->conversion_price_rounding->mode);
            // Each instrument's id is its place in the file ("/safes/2"): two with the same terms
            // at two places are two instruments.
            const deal_instruments in = converting_in(i);
            instrument_ids ids;
            for (const std::size_t k : in.safes) {
                r.convert(safes[k]);
                ids.safes.push_back("/safes/" + std::to_string(k));
            }
            for (const std::size_t k : in.notes) {
                r.convert(notes[k]);
                ids.notes.push_back("/notes/" + std::to_string(k));
            }
            out.then(std::move(r), std::move(ids));
        }
        return out;
    }
    /// Every priced round and issuance as a chain on cap_table_before: chain(priced_rounds.size()).
    [[nodiscard]] round_chain chain() const { return chain(priced_rounds.size()); }
    /// The SAFEs and notes that did not convert in @p ran (a chain() of this file's rounds):
    /// those no round converted, a note below its qualified-financing threshold included.
    [[nodiscard]] deal_instruments outstanding_after(const round_chain_result& ran) const {
        std::vector<bool> safe_done(safes.size()), note_done(notes.size());
        for (std::size_t i = 0; i < ran.rounds().size(); ++i) {
            const converted_round* c = ran.conversion(i);
            if (c == nullptr) continue;
            const deal_instruments in = converting_in(i);
            for (const instrument_conversion& ic : c->conversions()) {
                if (ic.kind == instrument_kind::safe) {
                    safe_done.at(in.safes.at(ic.index)) = true;
                } else {
                    note_done.at(in.notes.at(ic.index)) = true;
                }
            }
        }
        deal_instruments out;
        for (std::size_t k = 0; k < safes.size(); ++k) {
            if (!safe_done[k]) out.safes.push_back(k);
        }
        for (std::size_t k = 0; k < notes.size(); ++k) {
            if (!note_done[k]) out.notes.push_back(k);
        }
        return out;
    }

private:
    // The positions in charter.protections whose waived_in lists @p name, in the file's order.
    std::vector<std::size_t> waiving_by_name(const std::string& name) const {
        std::vector<std::size_t> out;
        for (std::size_t k = 0; k < charter.waived_in.size() && k < charter.protections.size(); ++k) {
            const std::vector<std::string>& w = charter.waived_in[k];
            if (std::find(w.begin(), w.end(), name) != w.end()) out.push_back(k);
        }
        return out;
    }
};

namespace detail {

/// SAFE forms and note cap forms in JSON.
inline constexpr json_choice<safe_form> json_safe_forms[] = {{safe_form::post_money, "post_money"},
                                                            {safe_form::pre_money, "pre_money"}};
/// Whether a financing's pool increase counts, in JSON.
inline constexpr json_choice<pool_increase> json_pool_increases[] = {{pool_increase::included, "included"},
                                                                    {pool_increase::excluded, "excluded"}};
/// Interest methods in JSON.
inline constexpr json_choice<interest_method> json_interest_methods[] = {{interest_method::simple, "simple"},
                                                                        {interest_method::compound, "compound"}};
/// Compounding periods in JSON.
inline constexpr json_choice<compounding_period> json_compounding_periods[] = {
    {compounding_period::annually, "annually"},
    {compounding_period::semiannually, "semiannually"},
    {compounding_period::quarterly, "quarterly"},
    {compounding_period::monthly, "monthly"}};
/// Note day counts in JSON (the enumerators' names).
inline constexpr json_choice<note_day_count> json_note_day_counts[] = {
    {note_day_count::actual_365_fixed, "actual_365_fixed"},
    {note_day_count::actual_360, "actual_360"},
    {note_day_count::thirty_e_360, "thirty_e_360"},
    {note_day_count::thirty_360_us, "thirty_360_us"},
    {note_day_count::actual_actual_isda, "actual_actual_isda"}};
/// Until when a note's interest accrues, in JSON (the enumerators' names).
inline constexpr json_choice<note_interest_accrual> json_note_interest_accruals[] = {
    {note_interest_accrual::to_conversion_date, "to_conversion_date"},
    {note_interest_accrual::to_maturity, "to_maturity"}};
/// Who elects at a note's maturity, in JSON.
inline constexpr json_choice<note_party> json_note_parties[] = {{note_party::holder, "holder"},
                                                               {note_party::company, "company"}};
/// Pool placements in JSON.
inline constexpr json_choice<pool_placement> json_pool_placements[] = {{pool_placement::pre_money, "pre_money"},
                                                                      {pool_placement::post_money, "post_money"}};
/// Pool target bases in JSON.
inline constexpr json_choice<pool_target_basis> json_pool_target_bases[] = {
    {pool_target_basis::includes_existing_pool, "includes_existing_pool"},
    {pool_target_basis::new_shares_only, "new_shares_only"}};
/// Conversion pricing conventions in JSON.
inline constexpr json_choice<conversion_pricing> json_conversion_pricings[] = {
    {conversion_pricing::conversion_shares_in_pre_money, "conversion_shares_in_pre_money"},
    {conversion_pricing::conversion_shares_not_in_pre_money, "conversion_shares_not_in_pre_money"},
    {conversion_pricing::dollars_invested, "dollars_invested"}};
/// True if @p choices name the enumerators as @p names (their header's list, which the checks of
/// unknown values use) does, in the same order: the JSON names are the enumerators' names, and a
/// list that gains an enumerator without the other fails to compile (the sizes must agree too).
template <class E, std::size_t N>
constexpr bool json_names_match(const json_choice<E> (&choices)[N], const std::string_view (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
        if (std::string_view(choices[i].name) != names[i]) return false;
    }
    return true;
}
static_assert(json_names_match(json_safe_forms, safe_form_names), "safe_form: JSON names");
static_assert(json_names_match(json_pool_increases, pool_increase_names), "pool_increase: JSON names");
static_assert(json_names_match(json_interest_methods, interest_method_names), "interest_method: JSON names");
static_assert(json_names_match(json_compounding_periods, compounding_period_names), "compounding_period: JSON names");
static_assert(json_names_match(json_note_day_counts, note_day_count_names), "note_day_count: JSON names");
static_assert(json_names_match(json_note_interest_accruals, note_interest_accrual_names), "note_interest_accrual: JSON names");
static_assert(json_names_match(json_note_parties, note_party_names), "note_party: JSON names");
static_assert(json_names_match(json_pool_placements, pool_placement_names), "pool_placement: JSON names");
static_assert(json_names_match(json_pool_target_bases, pool_target_basis_names), "pool_target_basis: JSON names");
static_assert(json_names_match(json_conversion_pricings, conversion_pricing_names), "conversion_pricing: JSON names");
/// Anti-dilution methods in JSON (the enumerators' names).
inline constexpr json_choice<anti_dilution_method> json_anti_dilution_methods[] = {
    {anti_dilution_method::none, "none"},
    {anti_dilution_method::broad_based_weighted_average, "broad_based_weighted_average"},
    {anti_dilution_method::narrow_based_weighted_average, "narrow_based_weighted_average"},
    {anti_dilution_method::full_ratchet, "full_ratchet"}};
static_assert(json_names_match(json_anti_dilution_methods, anti_dilution_method_names), "anti_dilution_method: JSON names");
/// Share valuation types in JSON (their to_string()).
inline constexpr json_choice<share_valuation_type> json_share_valuation_types[] = {{share_valuation_type::section_409a, "409A"}};
/// Scenario outcomes in JSON.
inline constexpr json_choice<scenario::outcome_kind> json_outcome_kinds[] = {
    {scenario::outcome_kind::achieved, "achieved"},
    {scenario::outcome_kind::failed, "failed"},
    {scenario::outcome_kind::never, "never"}};
/// The fully diluted presets in JSON (fully_diluted_basis::name()).
inline constexpr json_choice<int> json_basis_presets[] = {
    {0, "outstanding"}, {1, "issued_and_granted"}, {2, "full"}, {3, "full_with_convertibles"}};

/// The preset of json_basis_presets numbered @p k.
[[nodiscard]] constexpr fully_diluted_basis basis_preset(int k) noexcept {
    return k == 0   ? fully_diluted_basis::outstanding()
           : k == 1 ? fully_diluted_basis::issued_and_granted()
           : k == 2 ? fully_diluted_basis::full()
                    : fully_diluted_basis::full_with_convertibles();
}

/// The JSON pointer of @p p inside document @p doc cut to its longest prefix that exists there
/// (a diagnostic of a library component may name a field the document does not spell out);
/// @p cut is set when steps were dropped.
[[nodiscard]] inline field_path existing_prefix(const nlohmann::json& doc, const field_path& p, bool& cut) {
    field_path out;
    const nlohmann::json* at = &doc;
    cut = false;
    for (const path_segment& s : p.segments()) {
        const nlohmann::json* next = nullptr;
        if (s.kind == path_step::index) {
            if (at->is_array() && s.index < at->size()) next = &(*at)[s.index];
        } else if (at->is_object()) {
            const auto it = at->find(s.name);
            if (it != at->end()) next = &*it;
        }
        if (next == nullptr) {
            cut = true;
            return out;
        }
        at = next;
        out = s.kind == path_step::index ? out.index(s.index) : out.member(s.name);
    }
    return out;
}

/// The document path (relative to the priced round) of a cap_table_round diagnostic's field:
/// terms.investors[k].name is investors/k/holder, top_up_pool is option_pool/top_up, new_pool is
/// option_pool/create (its share_class option_pool/share_class), ...
[[nodiscard]] inline field_path priced_round_field(const field_path& f) {
    const std::vector<path_segment> s = f.segments();
    field_path out;
    std::size_t i = 0;
    const auto name_at = [&](std::size_t k) -> std::string {
        return k < s.size() && s[k].kind == path_step::member ? s[k].name : std::string();
    };
    if (name_at(0) == "terms") {
        i = 1;
        const std::string n = name_at(1);
        if (n == "price") return field_path("price_per_share");
        if (n == "base") return f;  // not in the document: reported at the round, naming it
        if (n == "investors" && s.size() >= 3 && s[2].kind == path_step::index) {
            out = field_path("investors").index(s[2].index);
            if (name_at(3) == "name") return out.member("holder");
            if (name_at(3) == "amount") return out.member("amount");
            // An investor's shares or cost (an inexact figure under rounding::exact): not in the
            // document, reported at the investor naming it.
            if (name_at(3) == "shares" || name_at(3) == "cost") return out.member(name_at(3));
            return out;
        }
    } else if (name_at(0) == "top_up_pool") {
        return field_path("option_pool").member("top_up");
    } else if (name_at(0) == "new_pool") {
        return field_path("option_pool").member(name_at(1) == "share_class" ? "share_class" : "create");
    } else if (name_at(0) == "after") {
        // The new class: the round's liquidation terms.
        if (name_at(1) == "classes" && name_at(3) == "terms") {
            out = field_path("liquidation");
            for (std::size_t k = 4; k < s.size(); ++k) out = s[k].kind == path_step::index ? out.index(s[k].index) : out.member(s[k].name);
            return out;
        }
        return f;  // the table the round would leave: reported at the round, naming the field
    }
    for (; i < s.size(); ++i) out = s[i].kind == path_step::index ? out.index(s[i].index) : out.member(s[i].name);
    return out;
}

/// The document path (relative to the priced round @p round, an object of the document) of a
/// conversion_round diagnostic's field @p f, for a round converting @p in: safes[k] and
/// notes[k] are reported at the round's "converts" entry naming them (or at "converts" for
/// "all_outstanding"), with the instrument's pointer and field in @p about ("/safes/2/date: ");
/// new_holders is new_investors, option_pool.pool is option_pool/top_up (option_pool/create in a
/// round that creates its pool; option_pool.share_class stays), price is
/// price_per_share, new_money is the round's terms (priced_round_field()).
[[nodiscard]] inline field_path conversion_round_field(const field_path& f, const nlohmann::json& round, const deal_instruments& in,
                                                       std::string& about) {
    const std::vector<path_segment> s = f.segments();
    const auto name_at = [&](std::size_t k) -> std::string {
        return k < s.size() && s[k].kind == path_step::member ? s[k].name : std::string();
    };
    const std::string first = name_at(0);
    if ((first == "safes" || first == "notes") && s.size() >= 2 && s[1].kind == path_step::index) {
        const std::vector<std::size_t>& which = first == "safes" ? in.safes : in.notes;
        if (s[1].index >= which.size()) return field_path("converts");
        const field_path instrument = field_path(first).index(which[s[1].index]);
        about = (f.rebased(field_path(first).index(s[1].index), instrument)).json_pointer() + ": ";
        const std::string pointer = instrument.json_pointer();
        const nlohmann::json* list = round.is_object() ? json_reader::member(round, "converts") : nullptr;
        if (list != nullptr && list->is_array()) {
            for (std::size_t k = 0; k < list->size(); ++k) {
                if ((*list)[k].is_string() && (*list)[k].get_ref<const std::string&>() == pointer) return field_path("converts").index(k);
            }
        }
        return field_path("converts");
    }
    if (first == "new_holders") return f.rebased(field_path("new_holders"), field_path("new_investors"));
    if (first == "price") return field_path("price_per_share");
    if (first == "option_pool" && name_at(1) == "pool") {
        // The pool topped up ("top_up") or created ("create", conversion_round::new_pool()).
        const nlohmann::json* pool = round.is_object() ? json_reader::member(round, "option_pool") : nullptr;
        const bool create = pool != nullptr && pool->is_object() && json_reader::member(*pool, "create") != nullptr;
        return field_path("option_pool").member(create ? "create" : "top_up");
    }
    if (first == "new_money") return priced_round_field(f.rebased(field_path("new_money"), field_path("terms")));
    if (first == "after") return priced_round_field(f);
    return f;
}

/// Where the chain's @p again (an instrument of a priced round of @p file that converted in an
/// earlier one) converted, in the file's terms: "converted already in /priced_rounds/j ("Series
/// A"), listed at /priced_rounds/j/converts/n" (or "listed by its "all_outstanding"
/// (/priced_rounds/j/converts)"), round j's entry of the document @p doc that lists it (its
/// priced rounds at @p priced).
[[nodiscard]] inline std::string converted_already_in(const repeated_conversion& again, const deal_file& file,
                                                      const nlohmann::json& doc, const field_path& priced) {
    const std::size_t j = again.earlier_round;
    const field_path there = priced.index(j);
    std::string out = "converted already in " + there.json_pointer();
    if (j >= file.priced_rounds.size()) return out;
    out += " (\"" + file.priced_rounds[j].terms().name() + "\")";
    const nlohmann::json* list = json_reader::member(doc, "priced_rounds");
    const nlohmann::json* converts = list != nullptr && list->is_array() && j < list->size() && (*list)[j].is_object()
                                         ? json_reader::member((*list)[j], "converts")
                                         : nullptr;
    if (converts != nullptr && converts->is_string()) {
        return out + ", listed by its \"all_outstanding\" (" + there.member("converts").json_pointer() + ")";
    }
    // Its place in the file: the earlier round's list of instruments, position earlier_index.
    const deal_instruments in = file.converting_in(j);
    const bool is_safe = again.kind == instrument_kind::safe;
    const std::vector<std::size_t>& which = is_safe ? in.safes : in.notes;
    if (again.earlier_index >= which.size()) return out;
    const std::string pointer = (is_safe ? "/safes/" : "/notes/") + std::to_string(which[again.earlier_index]);
    for (std::size_t n = 0; converts != nullptr && converts->is_array() && n < converts->size(); ++n) {
        if ((*converts)[n].is_string() && (*converts)[n].get_ref<const std::string&>() == pointer) {
            return out + ", listed at " + there.member("converts").index(n).json_pointer();
        }
    }
    return out;
}

/// The chain's fact about problem @p p of @p ran when it is an instrument converting again, or
/// null.
[[nodiscard]] inline const repeated_conversion* repeated_at(const round_chain_outcome& ran, std::size_t p) noexcept {
    for (const repeated_conversion& again : ran.repeated) {
        if (again.problem == p) return &again;
    }
    return nullptr;
}

/// The position of the first duplicate of each name in @p names (sorted: O(n log n)), as
/// (later, first) pairs in the later one's order.
[[nodiscard]] inline std::vector<std::pair<std::size_t, std::size_t>> duplicate_names(const std::vector<std::string>& names) {
    std::vector<std::size_t> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t k = 1; k < order.size(); ++k) {
        std::size_t first = k - 1;
        while (first > 0 && names[order[first - 1]] == names[order[k]]) --first;
        if (names[order[first]] == names[order[k]]) out.emplace_back(order[k], order[first]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// True if member @p name of object @p j is absent or has a problem among those @p r recorded
/// at positions [@p from, @p to) (its value is a default, not the document's).
[[nodiscard]] inline bool member_failed(const json_reader& r, const nlohmann::json& j, const field_path& at, std::size_t from,
                                        std::size_t to, const std::string& name) {
    if (json_reader::member(j, name.c_str()) == nullptr) return true;
    const std::string ptr = (r.base() / at.member(name)).json_pointer();
    for (std::size_t i = from; i < to; ++i) {
        if (pointer_covers(ptr, r.problems()[i].field.json_pointer())) return true;
    }
    return false;
}

/// Reports the problems @p checks of a value's own validate() (fields relative to @p at), except
/// those about a member that is absent or already has a problem, or that depends (@p depends:
/// {member, the member its check compares it with}) on one that does: a value read with problems
/// is still checked, and only what the document says is reported.
inline void report_checks(json_reader& r, const nlohmann::json& j, const field_path& at, std::size_t from,
                          const std::vector<diagnostic>& checks,
                          std::initializer_list<std::pair<const char*, const char*>> depends) {
    const std::size_t mine = r.problems().size();
    for (const diagnostic& d : checks) {
        const std::vector<path_segment> steps = d.field.segments();
        if (steps.empty() || steps[0].kind != path_step::member) continue;
        const std::string& first = steps[0].name;
        bool skip = member_failed(r, j, at, from, mine, first);
        for (const auto& dep : depends) skip = skip || (first == dep.first && member_failed(r, j, at, from, mine, dep.second));
        if (!skip) r.report(at / d.field, d.value, d.rule);
    }
}

/// Reports @p problem (relative to @p at) unless its member already has a problem among those
/// recorded since @p from (a currency rule is not stacked on the value's own rule).
inline void report_unless_failed(json_reader& r, const nlohmann::json& j, const field_path& at, std::size_t from,
                                 const diagnostic& problem) {
    const std::string first = problem.field.segments().front().name;
    if (!member_failed(r, j, at, from, r.problems().size(), first)) r.report(at / problem.field, problem.value, problem.rule);
}


}  // namespace detail

/// Reads a fully diluted basis: a preset name ("full", "outstanding", "issued_and_granted",
/// "full_with_convertibles") or {"granted_options", "unallocated_pool", "warrants",
/// "convertibles"}.
[[nodiscard]] inline std::optional<fully_diluted_basis> read_fully_diluted_basis(json_reader& r, const nlohmann::json& j,
                                                                   const field_path& at) {
    if (j.is_string()) {
        if (auto k = r.read_choice(j, at, detail::json_basis_presets, "a fully diluted basis")) return detail::basis_preset(*k);
        return std::nullopt;
    }
    if (!j.is_object()) return r.wrong_type(j, at, "a fully diluted basis (a preset name or an object)");
    if (!r.expect_object(j, at, "a fully diluted basis", {"granted_options", "unallocated_pool", "warrants", "convertibles"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    fully_diluted_basis b = fully_diluted_basis::outstanding();
    const auto flag = [&](const char* name, bool& out) {
        if (const auto* m = r.required(j, at, name)) out = r.read_bool(*m, at.member(name)).value_or(false);
    };
    flag("granted_options", b.granted_options);
    flag("unallocated_pool", b.unallocated_pool);
    flag("warrants", b.warrants);
    flag("convertibles", b.convertibles);
    if (r.problems().size() != before) return std::nullopt;
    return b;
}

/// Reads a price rounding: {"decimals" (0 to price_precision::max_decimals), "mode"}.
[[nodiscard]] inline std::optional<price_precision> read_price_precision(json_reader& r, const nlohmann::json& j, const field_path& at) {
    if (!r.expect_object(j, at, "a price rounding", {"decimals", "mode"})) return std::nullopt;
    std::optional<int> decimals;
    if (const auto* d = r.required(j, at, "decimals")) {
        if (d->is_number_integer() && d->get<std::int64_t>() >= 0 && d->get<std::int64_t>() <= price_precision::max_decimals) {
            decimals = static_cast<int>(d->get<std::int64_t>());
        } else {
            r.report(at.member("decimals"), detail::json_value_text(*d),
                     "must be a JSON integer from 0 to " + std::to_string(price_precision::max_decimals));
        }
    }
    std::optional<rounding> mode;
    if (const auto* d = r.required(j, at, "mode")) mode = r.read_rounding(*d, at.member("mode"));
    if (!decimals || !mode) return std::nullopt;
    return price_precision{*decimals, *mode};
}

/// The members of a priced round that say what converts in it (read by
/// read_priced_round_conversion()).
inline constexpr const char* priced_round_conversion_members[] = {"converts", "close_date", "conversion_pricing",
                                                                  "conversion_price_rounding", "conversion_share_rounding"};

/// Reads what converts in priced round @p round (the object @p j at @p at) of a deal file with
/// @p safes SAFEs and @p notes notes: "converts" ("all_outstanding", or JSON pointers to them:
/// ["/safes/0", "/notes/1"], each once), "close_date" (required with it), "conversion_pricing"
/// (default "conversion_shares_in_pre_money"), "conversion_price_rounding" ({"decimals",
/// "mode"}), "conversion_share_rounding" (default "floor"). Nothing when the round has none of
/// these members; the others without "converts" are problems, and so is "new_money_ownership"
/// with it (a round with conversions is priced by a valuation or a price).
[[nodiscard]] inline std::optional<priced_round_conversion> read_priced_round_conversion(json_reader& r, const nlohmann::json& j, const field_path& at,
                                                                           std::size_t round, std::size_t safes, std::size_t notes) {
    if (!j.is_object()) return std::nullopt;
    const nlohmann::json* converts = json_reader::member(j, "converts");
    if (converts == nullptr) {
        for (const char* name : priced_round_conversion_members) {
            if (const auto* m = json_reader::member(j, name)) {
                r.report(at.member(name), detail::json_value_text(*m),
                         "applies only to a round that converts SAFEs or notes (\"converts\")");
            }
        }
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    priced_round_conversion out;
    out.round = round;
    const field_path list = at.member("converts");
    if (converts->is_string() && converts->get_ref<const std::string&>() == "all_outstanding") {
        out.all_outstanding = true;
    } else if (!converts->is_array()) {
        r.report(list, detail::json_value_text(*converts),
                 "must be \"all_outstanding\" or an array of JSON pointers to the file's SAFEs and notes (\"/safes/0\", \"/notes/1\")");
    } else if (converts->empty()) {
        r.report(list, "[]", "must name at least one SAFE or note (or leave \"converts\" out)");
    } else {
        std::vector<std::string> seen;
        for (std::size_t k = 0; k < converts->size(); ++k) {
            const nlohmann::json& e = (*converts)[k];
            const field_path p = list.index(k);
            seen.emplace_back();
            if (!e.is_string()) {
                r.wrong_type(e, p, "a JSON pointer to a SAFE or a note of the file (\"/safes/0\")");
                continue;
            }
            const std::string& text = e.get_ref<const std::string&>();
            const bool is_safe = text.rfind("/safes/", 0) == 0;
            const bool is_note = text.rfind("/notes/", 0) == 0;
            const std::string digits = is_safe || is_note ? text.substr(7) : std::string();
            const bool number = !digits.empty() && digits.size() <= 9 && digits.find_first_not_of("0123456789") == std::string::npos &&
                                (digits.size() == 1 || digits[0] != '0');
            if (!number) {
                r.report(p, detail::json_value_text(e), "must be a JSON pointer to a SAFE or a note of the file (\"/safes/0\", \"/notes/1\")");
                continue;
            }
            const auto index = static_cast<std::size_t>(std::stoul(digits));
            const std::size_t count = is_safe ? safes : notes;
            if (index >= count) {
                r.report(p, detail::json_value_text(e),
                         std::string("is not in the file: it has ") + std::to_string(count) + (is_safe ? " SAFE(s)" : " note(s)"));
                continue;
            }
            seen.back() = text;
            (is_safe ? out.listed.safes : out.listed.notes).push_back(index);
        }
        for (const auto& [later, first] : detail::duplicate_names(seen)) {
            if (seen[later].empty()) continue;
            r.report(list.index(later), detail::json_value_text(nlohmann::json(seen[later])),
                     "is listed twice (first at " + (r.base() / list.index(first)).json_pointer() + "): an instrument converts once");
        }
    }
    if (const auto* m = json_reader::member(j, "close_date")) {
        out.close_date = r.read_date(*m, at.member("close_date")).value_or(calendar_date{});
    } else {
        r.report(at.member("close_date"), "",
                 "is required with \"converts\": the round's close, to which interest accrues and after which nothing converts");
    }
    if (const auto* m = json_reader::member(j, "conversion_pricing")) {
        out.convention = r.read_choice(*m, at.member("conversion_pricing"), detail::json_conversion_pricings, "a conversion pricing")
                             .value_or(out.convention);
    }
    if (const auto* m = json_reader::member(j, "conversion_price_rounding")) {
        out.conversion_price_rounding = read_price_precision(r, *m, at.member("conversion_price_rounding"));
    }
    if (const auto* m = json_reader::member(j, "conversion_share_rounding")) {
        out.conversion_share_rounding = r.read_rounding(*m, at.member("conversion_share_rounding")).value_or(out.conversion_share_rounding);
    }
    if (const auto* m = json_reader::member(j, "new_money_ownership")) {
        r.report(at.member("new_money_ownership"), detail::json_value_text(*m),
                 "a round that converts SAFEs or notes is priced by pre_money, post_money or price_per_share");
    }
    if (r.problems().size() != before) return std::nullopt;
    return out;
}

/// Reads a priced round on the cap table (see docs/how-to-json.md, "Deal files"): {"name",
/// "series", "liquidation", exactly one of "pre_money", "post_money", "price_per_share",
/// "new_money_ownership", "basis", "investors": [{"holder", "amount"}], "new_investors":
/// [holders], "option_pool": {"target", "placement", "target_basis", "top_up" or "create" and
/// "share_class" (a pool the round creates)}, "price_rounding": {"decimals", "mode"},
/// "share_rounding", "pool_rounding", "cash_rounding"}, and what converts in it (read by
/// read_priced_round_conversion(), which needs the file's SAFEs and notes). With @p table_currency
/// (the cap table's, as read_deal_file() gives it), a pre-money, post-money, price or investment in
/// another currency is a problem too.
[[nodiscard]] inline std::optional<cap_table_round> read_priced_round(json_reader& r, const nlohmann::json& j, const field_path& at,
                                                        std::optional<currency> table_currency = std::nullopt) {
    if (!r.expect_object(j, at, "a priced round",
                         {"name", "series", "liquidation", "pre_money", "post_money", "price_per_share",
                          "new_money_ownership", "basis", "investors", "new_investors", "option_pool", "price_rounding",
                          "share_rounding", "pool_rounding", "cash_rounding", "converts", "close_date", "conversion_pricing",
                          "conversion_price_rounding", "conversion_share_rounding", "pay_to_play"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    // An amount in another currency than the cap table's, reported at @p where.
    const auto in_table_currency = [&](const field_path& where, currency c, const std::string& shown) {
        if (!table_currency || c == *table_currency) return true;
        r.report(where, shown, detail::table_currency_rule(*table_currency));
        return false;
    };
    std::optional<std::string> name;
    if (const auto* m = r.required(j, at, "name")) name = r.read_string(*m, at.member("name"));
    if (name && name->empty()) r.report(at.member("name"), "\"\"", "must not be empty: rounds are named in reports");
    std::optional<std::string> series;
    if (const auto* m = r.required(j, at, "series")) series = r.read_string(*m, at.member("series"));
    liquidation_terms liquidation;
    if (const auto* m = json_reader::member(j, "liquidation")) {
        if (const auto t = r.read_liquidation_terms(*m, at.member("liquidation"))) {
            liquidation = *t;
            // The series' terms are checked here as a class's are (share_class::validate(): a
            // negative multiple or seniority, a cap not above the multiple, cumulative dividends
            // without their accrual start), each problem once: the chain would report it at
            // every series the round creates (its own and one per conversion price).
            const share_class series_class =
                share_class::preferred("series", price_per_share(money::from_units(1000, currency()), share_count(1)), liquidation);
            const field_path terms_field("terms");
            for (const diagnostic& d : series_class.validate()) {
                if (d.field.starts_with(terms_field)) {
                    r.report(at.member("liquidation") / d.field.rebased(terms_field, field_path()), d.value, d.rule);
                }
            }
        }
    }
    priced_round_terms terms(name.value_or(""));
    std::string given;
    for (const char* figure : {"pre_money", "post_money", "price_per_share", "new_money_ownership"}) {
        const nlohmann::json* m = json_reader::member(j, figure);
        if (m == nullptr) continue;
        given += std::string(given.empty() ? "" : ", ") + figure;
        const std::string_view f = figure;
        const field_path p = at.member(figure);
        if (f == "pre_money") {
            if (auto v = r.read_money(*m, p); v && in_table_currency(p, v->currency(), format_full(*v))) terms.pre_money(*v);
        } else if (f == "post_money") {
            if (auto v = r.read_money(*m, p); v && in_table_currency(p, v->currency(), format_full(*v))) terms.post_money(*v);
        } else if (f == "price_per_share") {
            if (auto v = r.read_price(*m, p); v && in_table_currency(p, v->currency(), v->to_string())) terms.at_price(*v);
        } else if (auto v = r.read_fraction(*m, p)) {
            terms.new_money_ownership(*v);
        }
    }
    if (given.empty()) {
        r.report(at, "", "needs the figure that fixes the price: one of pre_money, post_money, price_per_share, new_money_ownership");
    } else if (given.find(',') != std::string::npos) {
        r.report(at, given, "must give exactly one figure that fixes the price");
    }
    fully_diluted_basis basis = fully_diluted_basis::full();
    if (const auto* m = json_reader::member(j, "basis")) basis = read_fully_diluted_basis(r, *m, at.member("basis")).value_or(basis);
    if (const auto* m = r.required(j, at, "investors")) {
        const field_path list = at.member("investors");
        if (!m->is_array()) {
            r.wrong_type(*m, list, "an array of investments ({\"holder\", \"amount\"})");
        } else {
            for (std::size_t i = 0; i < m->size(); ++i) {
                const nlohmann::json& e = (*m)[i];
                const field_path p = list.index(i);
                if (!r.expect_object(e, p, "an investment", {"holder", "amount"})) continue;
                std::optional<holder_id> who;
                if (const auto* h = r.required(e, p, "holder")) who = r.read_holder_id(*h, p.member("holder"));
                std::optional<money> amount;
                if (const auto* a = r.required(e, p, "amount")) amount = r.read_money(*a, p.member("amount"));
                if (amount && !in_table_currency(p.member("amount"), amount->currency(), format_full(*amount))) amount.reset();
                if (who && amount) terms.invest(who->str(), *amount);
            }
        }
    }
    std::vector<holder> added;
    if (const auto* m = json_reader::member(j, "new_investors")) {
        const field_path list = at.member("new_investors");
        if (!m->is_array()) {
            r.wrong_type(*m, list, "an array of holders");
        } else {
            for (std::size_t i = 0; i < m->size(); ++i) {
                if (auto h = r.read_holder((*m)[i], list.index(i))) added.push_back(std::move(*h));
            }
        }
    }
    std::optional<std::string> top_up;
    std::optional<std::string> create;  // the pool the round creates, and its class
    std::optional<std::string> create_class;
    if (const auto* m = json_reader::member(j, "option_pool")) {
        const field_path p = at.member("option_pool");
        if (r.expect_object(*m, p, "an option pool target", {"target", "placement", "target_basis", "top_up", "create", "share_class"})) {
            std::optional<fraction> target;
            if (const auto* t = r.required(*m, p, "target")) target = r.read_fraction(*t, p.member("target"));
            pool_placement where = pool_placement::pre_money;
            if (const auto* t = json_reader::member(*m, "placement")) {
                where = r.read_choice(*t, p.member("placement"), detail::json_pool_placements, "a pool placement").value_or(where);
            }
            pool_target_basis measured = pool_target_basis::includes_existing_pool;
            if (const auto* t = json_reader::member(*m, "target_basis")) {
                measured = r.read_choice(*t, p.member("target_basis"), detail::json_pool_target_bases, "a pool target basis")
                               .value_or(measured);
            }
            if (const auto* t = json_reader::member(*m, "top_up")) top_up = r.read_string(*t, p.member("top_up"));
            // "create": the round creates the pool (cap_table_round::new_pool()), of "share_class".
            const nlohmann::json* c = json_reader::member(*m, "create");
            if (c != nullptr) {
                create = r.read_string(*c, p.member("create"));
                if (json_reader::member(*m, "top_up") != nullptr) {
                    r.report(p, "top_up and create", "names a pool to top up and one to create: give one of the two");
                }
                if (const auto* k = r.required(*m, p, "share_class")) create_class = r.read_string(*k, p.member("share_class"));
            } else if (const auto* k = json_reader::member(*m, "share_class")) {
                r.report(p.member("share_class"), k->is_string() ? detail::quoted_text(k->get_ref<const std::string&>()) : k->dump(),
                         "is the class of a pool the round creates: give it only with create");
            }
            if (target) terms.option_pool(*target, where, measured);
        }
    }
    if (const auto* m = json_reader::member(j, "price_rounding")) {
        if (auto p = read_price_precision(r, *m, at.member("price_rounding"))) terms.price_rounded(p->decimals, p->mode);
    }
    if (const auto* m = json_reader::member(j, "share_rounding")) {
        if (auto v = r.read_rounding(*m, at.member("share_rounding"))) terms.shares_rounded(*v);
    }
    if (const auto* m = json_reader::member(j, "pool_rounding")) {
        if (auto v = r.read_rounding(*m, at.member("pool_rounding"))) terms.pool_rounded(*v);
    }
    if (const auto* m = json_reader::member(j, "cash_rounding")) {
        if (auto v = r.read_rounding(*m, at.member("cash_rounding"))) terms.cash_rounded(*v);
    }
    if (r.problems().size() != before) return std::nullopt;
    cap_table_round out(std::move(terms), std::move(*series), liquidation);
    for (holder& h : added) out.add_investor(std::move(h));
    if (create && create_class) {
        out.new_pool(std::move(*create), std::move(*create_class));
    } else if (top_up) {
        out.top_up_pool(std::move(*top_up));
    }
    out.price_on(basis);
    return out;
}

namespace detail {

/// Reads a protection's "waived_in" (@p j, the protection at @p at; none when absent): the names
/// of the priced rounds and issuances in which its series waives its adjustment, each a non-empty
/// string, each once; into @p out[@p k] (resized). Whether each names one priced round or
/// issuance in which the series is protected is checked by read_deal_file() (check_waived_in()).
inline void read_waived_in(json_reader& r, const nlohmann::json& j, const field_path& at,
                           std::vector<std::vector<std::string>>& out, std::size_t k) {
    const nlohmann::json* m = j.is_object() ? json_reader::member(j, "waived_in") : nullptr;
    if (m == nullptr) return;
    const field_path list = at.member("waived_in");
    if (!m->is_array()) {
        r.wrong_type(*m, list, "an array of names of priced rounds or issuances");
        return;
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < m->size(); ++i) {
        auto v = r.read_string((*m)[i], list.index(i));
        if (!v) continue;
        if (v->empty()) r.report(list.index(i), "\"\"", "must name a priced round or an issuance");
        names.push_back(std::move(*v));
    }
    if (names.size() == m->size()) {
        for (const auto& [later, first] : duplicate_names(names)) {
            r.report(list.index(later), json_value_text((*m)[later]),
                     "is listed twice (first at " + (r.base() / list.index(first)).json_pointer() + "): a series waives once in a round or issuance");
        }
    }
    if (out.size() <= k) out.resize(k + 1);
    out[k] = std::move(names);
}

}  // namespace detail

namespace detail {

/// The cross-references of each protection's "waived_in" (@p terms, the file's protections at
/// @p list): each name a priced round of @p priced (at @p priced_at) or an issuance of @p issued
/// (at @p issued_at, each after the number of priced rounds @p issued_after gives; none: its
/// "after" names no round, reported already), not both (a round and an issuance may share a
/// name: a waiver naming it is a problem naming both); did you mean one that differs only in
/// case, spaces or punctuation, or else the names listed. It must be one in which the series is
/// protected: a series of @p table from the first priced round, a priced round's series from the
/// round after it (and the issuances after that round), with a method other than none, and not
/// an exempted issuance (it adjusts no series: the waiver would waive nothing). A protection
/// whose series is neither is reported already.
inline void check_waived_in(json_reader& r, const nlohmann::json& terms, const field_path& list, const cap_table& table,
                            const nlohmann::json& priced, const field_path& priced_at, const nlohmann::json& issued,
                            const field_path& issued_at, const std::vector<std::optional<std::size_t>>& issued_after) {
    std::vector<std::string> rounds;  // each priced round's name and series as the file writes them ("" if not)
    std::vector<std::string> series;
    const auto text = [](const nlohmann::json& e, const char* name) {
        const nlohmann::json* m = e.is_object() ? json_reader::member(e, name) : nullptr;
        return m != nullptr && m->is_string() ? m->get<std::string>() : std::string();
    };
    for (const nlohmann::json& pr : priced) {
        rounds.push_back(text(pr, "name"));
        series.push_back(text(pr, "series"));
    }
    std::vector<std::string> issues;  // each issuance's name ("" if not)
    for (const nlohmann::json& e : issued) issues.push_back(text(e, "name"));
    const auto pointer = [&](std::size_t i) {
        return (r.base() / priced_at.index(i)).json_pointer() + " (" + json_value_text(nlohmann::json(rounds[i])) + ")";
    };
    const auto issue_pointer = [&](std::size_t k) {
        return (r.base() / issued_at.index(k)).json_pointer() + " (" + json_value_text(nlohmann::json(issues[k])) + ")";
    };
    for (std::size_t k = 0; k < terms.size(); ++k) {
        const nlohmann::json& p = terms[k];
        const nlohmann::json* w = p.is_object() ? json_reader::member(p, "waived_in") : nullptr;
        const nlohmann::json* name = p.is_object() ? json_reader::member(p, "series") : nullptr;
        if (w == nullptr || !w->is_array() || name == nullptr || !name->is_string()) continue;
        const std::string& protected_series = name->get_ref<const std::string&>();
        std::optional<std::size_t> from;  // the first priced round protecting it
        if (table.class_index(protected_series)) {
            from = 0;
        } else if (const auto made = std::find(series.begin(), series.end(), protected_series); made != series.end()) {
            from = static_cast<std::size_t>(made - series.begin()) + 1;
        }
        if (!from) continue;
        const nlohmann::json* method = json_reader::member(p, "method");
        const bool none = method != nullptr && method->is_string() && method->get_ref<const std::string&>() == "none";
        for (std::size_t m = 0; m < w->size(); ++m) {
            if (!(*w)[m].is_string()) continue;
            const std::string& round = (*w)[m].get_ref<const std::string&>();
            if (round.empty()) continue;
            const field_path at = list.index(k).member("waived_in").index(m);
            const auto i = std::find(rounds.begin(), rounds.end(), round);
            const auto n = std::find(issues.begin(), issues.end(), round);
            if (i != rounds.end() && n != issues.end()) {
                r.report(at, json_value_text((*w)[m]),
                         "names both " + pointer(static_cast<std::size_t>(i - rounds.begin())) + " and " +
                             issue_pointer(static_cast<std::size_t>(n - issues.begin())) +
                             ": a waiver is for one round or issuance; rename one of them (names are unique within each "
                             "list, not across the two)");
                continue;
            }
            if (i == rounds.end() && n == issues.end()) {
                std::vector<std::string> named;  // the priced rounds (and issuances) that have a name
                std::copy_if(rounds.begin(), rounds.end(), std::back_inserter(named), [](const std::string& x) { return !x.empty(); });
                if (issues.empty()) {
                    r.report(at, json_value_text((*w)[m]),
                             "is not the name of a priced round of the deal file" +
                                 name_suggestion(round, &named, named.size(), string_at, "its priced rounds", "it has none", "names"));
                    continue;
                }
                std::copy_if(issues.begin(), issues.end(), std::back_inserter(named), [](const std::string& x) { return !x.empty(); });
                r.report(at, json_value_text((*w)[m]),
                         "is not the name of a priced round or an issuance of the deal file" +
                             name_suggestion(round, &named, named.size(), string_at, "its priced rounds and issuances",
                                             "it has none", "names"));
                continue;
            }
            if (none) {
                r.report(at, json_value_text((*w)[m]),
                         "waives nothing: " + json_value_text(*name) + " has no price-based protection (its method is none)");
                continue;
            }
            if (n != issues.end()) {
                // An issuance after b priced rounds is under the protections of the round after it.
                const std::size_t issue = static_cast<std::size_t>(n - issues.begin());
                // An exempted issue adjusts no series: a waiver of it would be silently without effect.
                if (const std::string exemption = text(issued[issue], "exemption"); !exemption.empty()) {
                    r.report(at, json_value_text((*w)[m]),
                             "waives nothing: " + issue_pointer(issue) + " is exempted (" +
                                 json_value_text(nlohmann::json(exemption)) + "), so no series adjusts for it");
                    continue;
                }
                const std::optional<std::size_t> b = issue < issued_after.size() ? issued_after[issue] : std::nullopt;
                if (b && *b < *from) {
                    r.report(at, json_value_text((*w)[m]),
                             "is " + issue_pointer(issue) + ", before " + pointer(*from - 1) + " creates " + json_value_text(*name) +
                                 " (protected from the issuances after it): a series waives only a protection it has");
                }
                continue;
            }
            const std::size_t index = static_cast<std::size_t>(i - rounds.begin());
            if (index < *from) {
                const std::string since = *from < rounds.size() ? "from " + pointer(*from) + ", the round after the one that creates it"
                                                               : "by no priced round: the last one creates it";
                r.report(at, json_value_text((*w)[m]),
                         "is " + pointer(index) + ", in which " + json_value_text(*name) + " is not protected yet (" + since +
                             "): a series waives only a protection it has");
            }
        }
    }
}

}  // namespace detail

/// Reads a priced round's "pay_to_play" (@p j, at @p at): {"terms": [{"series", "conversion"
/// ("all_or_nothing", default, or "proportionate"), "required" (the share of its Pro Rata Amount a
/// holder must buy, a fraction "1/2" or decimal, default 1), "conversion_ratio" (common per
/// preferred share, default the series' ratio), "shadow_series" (a new preferred series to
/// convert into instead of common)}, at least one], "offered" (an amount, default the round's
/// total investment), "into" (the common class, default the table's first), "conversions_count"
/// (true: what a holder's SAFEs and notes convert in the round counts as bought,
/// pay_to_play::conversions_count(); default false; true on a round without "converts" is
/// reported by read_deal_file(), and on one whose SAFEs and notes do not convert by the chain,
/// both at the member)}. A series or shadow series two terms name
/// is reported here, naming the other term by its pointer; whether the
/// series and classes exist is checked when the chain runs (read_deal_file()).
[[nodiscard]] inline std::optional<pay_to_play> read_pay_to_play(json_reader& r, const nlohmann::json& j, const field_path& at) {
    if (!r.expect_object(j, at, "a pay-to-play", {"terms", "offered", "into", "conversions_count"})) return std::nullopt;
    const std::size_t before = r.problems().size();
    pay_to_play out;
    // Each series and shadow series once, named by the pointer of the term that has it (the
    // chain would name that term "terms[k]", in the library's paths).
    std::map<std::string, std::size_t> series_at;
    std::map<std::string, std::size_t> shadow_at;  // by holder_name_key(): "Series A-1" and "Series A 1" are one
    if (const auto* m = r.required(j, at, "terms")) {
        const field_path list = at.member("terms");
        if (!m->is_array()) {
            r.wrong_type(*m, list, "an array of pay-to-play terms");
        } else if (m->empty()) {
            r.report(list, "[]", "must name at least one series (or leave \"pay_to_play\" out)");
        } else {
            for (std::size_t k = 0; k < m->size(); ++k) {
                const nlohmann::json& e = (*m)[k];
                const field_path p = list.index(k);
                if (!r.expect_object(e, p, "a series' pay-to-play terms",
                                     {"series", "conversion", "required", "conversion_ratio", "shadow_series"})) {
                    continue;
                }
                pay_to_play_terms t;
                if (const auto* v = r.required(e, p, "series")) {
                    if (auto name = r.read_string(*v, p.member("series"))) {
                        if (name->empty()) {
                            r.report(p.member("series"), "\"\"", "must name a preferred series");
                        } else if (const auto [seen, first] = series_at.emplace(*name, k); !first) {
                            r.report(p.member("series"), detail::json_value_text(*v),
                                     "has a term already (" + (r.base() / list.index(seen->second)).json_pointer() +
                                         "): one term per series");
                        }
                        t.series = std::move(*name);
                    }
                }
                if (const auto* v = json_reader::member(e, "conversion")) {
                    if (auto c = r.read_string(*v, p.member("conversion"))) {
                        if (*c == "proportionate") {
                            t.proportionate = true;
                        } else if (*c != "all_or_nothing") {
                            r.report(p.member("conversion"), detail::json_value_text(*v),
                                     "must be \"all_or_nothing\" or \"proportionate\"");
                        }
                    }
                }
                if (const auto* v = json_reader::member(e, "required")) {
                    if (auto f = r.read_fraction(*v, p.member("required"))) {
                        if (f->sign() <= 0) {
                            r.report(p.member("required"), detail::json_value_text(*v),
                                     "must be positive: the share of its Pro Rata Amount a holder must buy");
                        }
                        t.required = *f;
                    }
                }
                if (const auto* v = json_reader::member(e, "conversion_ratio")) {
                    if (auto f = r.read_fraction(*v, p.member("conversion_ratio"))) {
                        if (f->sign() <= 0) r.report(p.member("conversion_ratio"), detail::json_value_text(*v), "must be positive");
                        t.conversion_ratio = *f;
                    }
                }
                if (const auto* v = json_reader::member(e, "shadow_series")) {
                    if (auto name = r.read_string(*v, p.member("shadow_series"))) {
                        if (name->empty()) {
                            r.report(p.member("shadow_series"), "\"\"", "must name the new series");
                        } else if (const std::string key = holder_name_key(*name); !key.empty()) {
                            if (const auto [seen, first] = shadow_at.emplace(key, k); !first) {
                                r.report(p.member("shadow_series"), detail::json_value_text(*v),
                                         "is the shadow series of " + (r.base() / list.index(seen->second)).json_pointer() +
                                             " too: one per series");
                            }
                        }
                        t.shadow_series = std::move(*name);
                    }
                }
                out.require(std::move(t));
            }
        }
    }
    if (const auto* m = json_reader::member(j, "offered")) {
        if (auto v = r.read_money(*m, at.member("offered"))) {
            if (v->units() <= 0) r.report(at.member("offered"), format_full(*v), "must be positive");
            out.offered(*v);
        }
    }
    if (const auto* m = json_reader::member(j, "into")) {
        if (auto v = r.read_string(*m, at.member("into"))) {
            if (v->empty()) r.report(at.member("into"), "\"\"", "must name the common class");
            out.into(std::move(*v));
        }
    }
    if (const auto* m = json_reader::member(j, "conversions_count")) {
        if (auto v = r.read_bool(*m, at.member("conversions_count"))) out.conversions_count(*v);
    }
    if (r.problems().size() != before) return std::nullopt;
    return out;
}

/// Reads one series' anti-dilution terms: {"series", "method" ("none",
/// "broad_based_weighted_average", "narrow_based_weighted_average", "full_ratchet"), "base" (for
/// broad_based_weighted_average only: a fully diluted basis, default the NVCA broad base
/// {"granted_options": true, "warrants": true}), "narrow_classes" (required for, and only for,
/// narrow_based_weighted_average: the classes whose shares make `A`, each once), "waived_in"
/// (read by read_anti_dilution_charter(): detail::read_waived_in())}. Whether the
/// series and classes exist is checked by read_deal_file() against the cap table and priced rounds.
[[nodiscard]] inline std::optional<anti_dilution_terms> read_anti_dilution_terms(json_reader& r, const nlohmann::json& j,
                                                                                 const field_path& at) {
    if (!r.expect_object(j, at, "a series' anti-dilution terms", {"series", "method", "base", "narrow_classes", "waived_in"})) return std::nullopt;
    const std::size_t before = r.problems().size();
    anti_dilution_terms t;
    if (const auto* m = r.required(j, at, "series")) {
        if (auto v = r.read_string(*m, at.member("series"))) {
            if (v->empty()) r.report(at.member("series"), "\"\"", "must name the protected preferred series");
            t.series = std::move(*v);
        }
    }
    std::optional<anti_dilution_method> method;
    if (const auto* m = r.required(j, at, "method")) {
        method = r.read_choice(*m, at.member("method"), detail::json_anti_dilution_methods, "an anti-dilution method");
    }
    if (method) t.method = *method;
    if (const auto* m = json_reader::member(j, "base")) {
        if (method && *method != anti_dilution_method::broad_based_weighted_average) {
            r.report(at.member("base"), detail::json_value_text(*m),
                     "applies only to the method broad_based_weighted_average (A on a fully diluted basis)");
        } else if (auto b = read_fully_diluted_basis(r, *m, at.member("base"))) {
            // "convertibles": A also counts the SAFEs and notes converting in each round (the
            // file's rounds run as a round_chain, which knows them; 0 where none convert).
            t.broad_base = *b;
        }
    }
    const nlohmann::json* narrow = json_reader::member(j, "narrow_classes");
    if (method && *method == anti_dilution_method::narrow_based_weighted_average) {
        const field_path list = at.member("narrow_classes");
        if (narrow == nullptr) {
            r.report(list, "", "is required with narrow_based_weighted_average: the classes whose issued shares, as converted, make A");
        } else if (!narrow->is_array()) {
            r.wrong_type(*narrow, list, "an array of share class names");
        } else if (narrow->empty()) {
            r.report(list, "[]", "names no class: a narrow base counts named classes");
        } else {
            for (std::size_t k = 0; k < narrow->size(); ++k) {
                if (auto v = r.read_string((*narrow)[k], list.index(k))) t.narrow_classes.push_back(std::move(*v));
            }
            if (t.narrow_classes.size() == narrow->size()) {
                for (const auto& [later, first] : detail::duplicate_names(t.narrow_classes)) {
                    r.report(list.index(later), detail::json_value_text((*narrow)[later]),
                             "is listed twice (first at " + (r.base() / list.index(first)).json_pointer() + "): a class counts once in A");
                }
            }
        }
    } else if (narrow != nullptr && method) {
        r.report(at.member("narrow_classes"), detail::json_value_text(*narrow),
                 "applies only to the method narrow_based_weighted_average");
    }
    if (r.problems().size() != before) return std::nullopt;
    return t;
}

/// Reads a deal file's anti-dilution charter: {"protections": [terms (read_anti_dilution_terms()),
/// at least one], "conversion_price_rounding": {"decimals", "mode"} (default 4 decimals,
/// "half_away_from_zero") or "exact", "exemptions": [the names of the exempted issuances, each
/// with a letter or digit, each once] (default none)}.
[[nodiscard]] inline std::optional<anti_dilution_charter> read_anti_dilution_charter(json_reader& r, const nlohmann::json& j,
                                                                                     const field_path& at) {
    if (!r.expect_object(j, at, "an anti-dilution charter", {"protections", "conversion_price_rounding", "exemptions"})) return std::nullopt;
    const std::size_t before = r.problems().size();
    anti_dilution_charter out;
    if (const auto* m = r.required(j, at, "protections")) {
        const field_path list = at.member("protections");
        if (!m->is_array()) {
            r.wrong_type(*m, list, "an array of series' anti-dilution terms");
        } else if (m->empty()) {
            r.report(list, "[]", "must protect at least one series (or leave \"anti_dilution\" out)");
        } else {
            for (std::size_t k = 0; k < m->size(); ++k) {
                if (auto t = read_anti_dilution_terms(r, (*m)[k], list.index(k))) out.protections.push_back(std::move(*t));
                detail::read_waived_in(r, (*m)[k], list.index(k), out.waived_in, k);
            }
        }
    }
    if (const auto* m = json_reader::member(j, "conversion_price_rounding")) {
        const field_path p = at.member("conversion_price_rounding");
        if (m->is_string() && m->get_ref<const std::string&>() == "exact") {
            out.conversion_price_rounding.reset();
        } else if (m->is_object()) {
            out.conversion_price_rounding = read_price_precision(r, *m, p);
        } else {
            r.report(p, detail::json_value_text(*m), "must be \"exact\" or a price rounding {\"decimals\", \"mode\"}");
        }
    }
    if (const auto* m = json_reader::member(j, "exemptions")) {
        const field_path list = at.member("exemptions");
        if (!m->is_array()) {
            r.wrong_type(*m, list, "an array of exempted issuances' names");
        } else {
            for (std::size_t k = 0; k < m->size(); ++k) {
                auto name = r.read_string((*m)[k], list.index(k));
                if (!name) continue;
                if (holder_name_key(*name).empty()) {
                    r.report(list.index(k), detail::json_value_text((*m)[k]),
                             "must contain a letter or digit: the name an exempted issue gives (share_issuance::exempted())");
                }
                out.exemptions.push_back(std::move(*name));
            }
            if (out.exemptions.size() == m->size()) {
                for (const auto& [later, first] : detail::duplicate_names(out.exemptions)) {
                    r.report(list.index(later), detail::json_value_text((*m)[later]),
                             "is listed twice (first at " + (r.base() / list.index(first)).json_pointer() +
                                 "): the charter names an exemption once");
                }
            }
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    return out;
}

/// Reads a SAFE: {"holder", "purchase_amount", "date", "form" (default "post_money"),
/// "valuation_cap", "discount", "mfn" (default false), "pool_increase" (default "included"),
/// "fixed_percentage" (a fraction of the Company Capitalization, e.g. "7/100", without a cap,
/// a discount or MFN)},
/// with safe::validate()'s problems at their pointers; with @p table_currency (the cap table's,
/// as read_deal_file() gives it), an amount in another currency is a problem too.
[[nodiscard]] inline std::optional<safe> read_safe(json_reader& r, const nlohmann::json& j, const field_path& at,
                                     std::optional<currency> table_currency = std::nullopt) {
    if (!r.expect_object(j, at, "a SAFE",
                         {"holder", "purchase_amount", "date", "form", "valuation_cap", "discount", "mfn", "pool_increase",
                          "fixed_percentage"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    safe s;
    if (const auto* m = r.required(j, at, "holder")) {
        if (auto v = r.read_holder_id(*m, at.member("holder"))) s.holder = std::move(*v);
    }
    if (const auto* m = r.required(j, at, "purchase_amount")) {
        if (auto v = r.read_money(*m, at.member("purchase_amount"))) s.purchase_amount = *v;
    }
    if (const auto* m = r.required(j, at, "date")) {
        if (auto v = r.read_date(*m, at.member("date"))) s.date = *v;
    }
    if (const auto* m = json_reader::member(j, "form")) {
        s.form = r.read_choice(*m, at.member("form"), detail::json_safe_forms, "a SAFE form").value_or(s.form);
    }
    if (const auto* m = json_reader::member(j, "valuation_cap")) s.valuation_cap = r.read_money(*m, at.member("valuation_cap"));
    if (const auto* m = json_reader::member(j, "discount")) s.discount = r.read_fraction(*m, at.member("discount"));
    if (const auto* m = json_reader::member(j, "mfn")) s.mfn = r.read_bool(*m, at.member("mfn")).value_or(false);
    if (const auto* m = json_reader::member(j, "fixed_percentage")) s.fixed_percentage = r.read_fraction(*m, at.member("fixed_percentage"));
    if (const auto* m = json_reader::member(j, "pool_increase")) {
        s.pool_increase = r.read_choice(*m, at.member("pool_increase"), detail::json_pool_increases, "a pool increase rule")
                              .value_or(s.pool_increase);
    }
    detail::report_checks(r, j, at, before, s.validate(field_path()),
                          {{"valuation_cap", "purchase_amount"}});
    if (table_currency) {
        for (const diagnostic& d : detail::safe_currency_problems(s, *table_currency, field_path())) {
            detail::report_unless_failed(r, j, at, before, d);
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    return s;
}

/// Reads a share valuation: {"share_class", "price": {"amount", "shares"}, "effective_date",
/// "type" (default "409A", the only one), "provider", "board_approval_date",
/// "stockholder_approval_date"}, with share_valuation::validate()'s problems at their pointers.
[[nodiscard]] inline std::optional<share_valuation> read_share_valuation(json_reader& r, const nlohmann::json& j, const field_path& at) {
    if (!r.expect_object(j, at, "a share valuation",
                         {"share_class", "price", "effective_date", "type", "provider", "board_approval_date",
                          "stockholder_approval_date"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    std::optional<std::string> share_class;
    if (const auto* m = r.required(j, at, "share_class")) share_class = r.read_string(*m, at.member("share_class"));
    std::optional<price_per_share> price;
    if (const auto* m = r.required(j, at, "price")) price = r.read_price(*m, at.member("price"));
    std::optional<calendar_date> effective;
    if (const auto* m = r.required(j, at, "effective_date")) effective = r.read_date(*m, at.member("effective_date"));
    share_valuation_type type = share_valuation_type::section_409a;
    if (const auto* m = json_reader::member(j, "type")) {
        type = r.read_choice(*m, at.member("type"), detail::json_share_valuation_types, "a share valuation type").value_or(type);
    }
    std::string provider;
    if (const auto* m = json_reader::member(j, "provider")) provider = r.read_string(*m, at.member("provider")).value_or("");
    std::optional<calendar_date> board;
    if (const auto* m = json_reader::member(j, "board_approval_date")) board = r.read_date(*m, at.member("board_approval_date"));
    std::optional<calendar_date> stockholders;
    if (const auto* m = json_reader::member(j, "stockholder_approval_date")) {
        stockholders = r.read_date(*m, at.member("stockholder_approval_date"));
    }
    detail::report_checks(r, j, at, before, detail::share_valuation_problems(share_class.value_or(""), board, stockholders, field_path()),
                          {{"stockholder_approval_date", "board_approval_date"}});
    if (r.problems().size() != before) return std::nullopt;
    return share_valuation{std::move(*share_class), *price, *effective, type, std::move(provider), board, stockholders};
}

/// Reads a convertible note: {"holder", "principal", "issue_date", "maturity_date",
/// "annual_rate", "method", "period", "day_count", "interest_rounding", "interest_accrues"
/// ("to_conversion_date", the default, or "to_maturity"), "valuation_cap",
/// "discount", "cap_form", "pool_increase", "cap_basis" (a fully diluted basis, as
/// read_fully_diluted_basis() reads it: e.g. "outstanding"; absent: the round's count),
/// "qualified_financing", "at_maturity":
/// {"conversion_valuation", "share_class", "elected_by"}, "at_change_of_control":
/// {"principal_multiple", "principal_plus_interest", "conversion_at_cap"}}, with
/// convertible_note::validate()'s problems at their pointers; with @p table_currency (the cap
/// table's, as read_deal_file() gives it), an amount in another currency is a problem too.
[[nodiscard]] inline std::optional<convertible_note> read_convertible_note(json_reader& r, const nlohmann::json& j, const field_path& at,
                                                             std::optional<currency> table_currency = std::nullopt) {
    if (!r.expect_object(j, at, "a convertible note",
                         {"holder", "principal", "issue_date", "maturity_date", "annual_rate", "method", "period", "day_count",
                          "interest_rounding", "interest_accrues", "valuation_cap", "discount", "cap_form", "pool_increase",
                          "cap_basis", "qualified_financing", "at_maturity", "at_change_of_control"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    convertible_note n;
    if (const auto* m = r.required(j, at, "holder")) {
        if (auto v = r.read_holder_id(*m, at.member("holder"))) n.holder = std::move(*v);
    }
    if (const auto* m = r.required(j, at, "principal")) {
        if (auto v = r.read_money(*m, at.member("principal"))) n.principal = *v;
    }
    if (const auto* m = r.required(j, at, "issue_date")) {
        if (auto v = r.read_date(*m, at.member("issue_date"))) n.issue_date = *v;
    }
    if (const auto* m = r.required(j, at, "maturity_date")) {
        if (auto v = r.read_date(*m, at.member("maturity_date"))) n.maturity_date = *v;
    }
    if (const auto* m = r.required(j, at, "annual_rate")) {
        if (auto v = r.read_fraction(*m, at.member("annual_rate"))) n.annual_rate = *v;
    }
    if (const auto* m = json_reader::member(j, "method")) {
        n.method = r.read_choice(*m, at.member("method"), detail::json_interest_methods, "an interest method").value_or(n.method);
    }
    if (const auto* m = json_reader::member(j, "period")) {
        n.period = r.read_choice(*m, at.member("period"), detail::json_compounding_periods, "a compounding period").value_or(n.period);
    }
    if (const auto* m = json_reader::member(j, "day_count")) {
        n.day_count = r.read_choice(*m, at.member("day_count"), detail::json_note_day_counts, "a day count").value_or(n.day_count);
    }
    if (const auto* m = json_reader::member(j, "interest_rounding")) {
        n.interest_rounding = r.read_rounding(*m, at.member("interest_rounding")).value_or(n.interest_rounding);
    }
    if (const auto* m = json_reader::member(j, "interest_accrues")) {
        n.interest_accrues = r.read_choice(*m, at.member("interest_accrues"), detail::json_note_interest_accruals, "an interest accrual")
                                 .value_or(n.interest_accrues);
    }
    if (const auto* m = json_reader::member(j, "valuation_cap")) n.valuation_cap = r.read_money(*m, at.member("valuation_cap"));
    if (const auto* m = json_reader::member(j, "discount")) n.discount = r.read_fraction(*m, at.member("discount"));
    if (const auto* m = json_reader::member(j, "cap_form")) {
        n.cap_form = r.read_choice(*m, at.member("cap_form"), detail::json_safe_forms, "a cap form").value_or(n.cap_form);
    }
    if (const auto* m = json_reader::member(j, "pool_increase")) {
        n.pool_increase = r.read_choice(*m, at.member("pool_increase"), detail::json_pool_increases, "a pool increase rule")
                              .value_or(n.pool_increase);
    }
    if (const auto* m = json_reader::member(j, "cap_basis")) n.cap_basis = read_fully_diluted_basis(r, *m, at.member("cap_basis"));
    if (const auto* m = json_reader::member(j, "qualified_financing")) {
        n.qualified_financing = r.read_money(*m, at.member("qualified_financing"));
    }
    if (const auto* m = json_reader::member(j, "at_maturity")) {
        const field_path p = at.member("at_maturity");
        if (r.expect_object(*m, p, "maturity terms", {"conversion_valuation", "share_class", "elected_by"})) {
            note_maturity_terms t;
            if (const auto* v = json_reader::member(*m, "conversion_valuation")) {
                t.conversion_valuation = r.read_money(*v, p.member("conversion_valuation"));
            }
            if (const auto* v = json_reader::member(*m, "share_class")) t.share_class = r.read_string(*v, p.member("share_class")).value_or("");
            if (const auto* v = json_reader::member(*m, "elected_by")) {
                t.elected_by = r.read_choice(*v, p.member("elected_by"), detail::json_note_parties, "a party").value_or(t.elected_by);
            }
            n.at_maturity = std::move(t);
        }
    }
    if (const auto* m = json_reader::member(j, "at_change_of_control")) {
        const field_path p = at.member("at_change_of_control");
        if (r.expect_object(*m, p, "change-of-control terms", {"principal_multiple", "principal_plus_interest", "conversion_at_cap"})) {
            note_change_of_control_terms t;
            if (const auto* v = json_reader::member(*m, "principal_multiple")) {
                t.principal_multiple = r.read_fraction(*v, p.member("principal_multiple"));
            }
            if (const auto* v = json_reader::member(*m, "principal_plus_interest")) {
                t.principal_plus_interest = r.read_bool(*v, p.member("principal_plus_interest")).value_or(true);
            }
            if (const auto* v = json_reader::member(*m, "conversion_at_cap")) {
                t.conversion_at_cap = r.read_bool(*v, p.member("conversion_at_cap")).value_or(false);
            }
            n.at_change_of_control = t;
        }
    }
    detail::report_checks(r, j, at, before, n.validate(field_path()),
                          {{"maturity_date", "issue_date"}, {"valuation_cap", "principal"}, {"at_maturity", "principal"}});
    if (table_currency) {
        for (const diagnostic& d : detail::note_currency_problems(n, *table_currency, field_path())) {
            detail::report_unless_failed(r, j, at, before, d);
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    return n;
}

/// Reads a scenario: {"name", "milestones": [{"name", "outcome" ("achieved", "failed" or
/// "never"), "date" (for achieved and failed)}]}; each milestone at most once. Whether the
/// milestones exist is checked by read_deal_file() against its rounds.
[[nodiscard]] inline std::optional<scenario> read_scenario(json_reader& r, const nlohmann::json& j, const field_path& at) {
    if (!r.expect_object(j, at, "a scenario", {"name", "milestones"})) return std::nullopt;
    const std::size_t before = r.problems().size();
    std::optional<std::string> name;
    if (const auto* m = r.required(j, at, "name")) name = r.read_string(*m, at.member("name"));
    if (name && name->empty()) r.report(at.member("name"), "\"\"", "must not be empty: scenarios are named in reports");
    scenario out(name.value_or(""));
    if (const auto* m = r.required(j, at, "milestones")) {
        const field_path list = at.member("milestones");
        if (!m->is_array()) {
            r.wrong_type(*m, list, "an array of milestone outcomes");
        } else {
            std::vector<std::string> names;
            for (std::size_t i = 0; i < m->size(); ++i) {
                const nlohmann::json& e = (*m)[i];
                const field_path p = list.index(i);
                names.emplace_back();
                if (!r.expect_object(e, p, "a milestone outcome", {"name", "outcome", "date"})) continue;
                std::optional<std::string> milestone;
                if (const auto* v = r.required(e, p, "name")) milestone = r.read_string(*v, p.member("name"));
                if (milestone && milestone->empty()) r.report(p.member("name"), "\"\"", "must not be empty");
                std::optional<scenario::outcome_kind> kind;
                if (const auto* v = r.required(e, p, "outcome")) {
                    kind = r.read_choice(*v, p.member("outcome"), detail::json_outcome_kinds, "an outcome");
                }
                std::optional<calendar_date> on;
                const nlohmann::json* d = json_reader::member(e, "date");
                if (kind == scenario::outcome_kind::never) {
                    if (d != nullptr) r.report(p.member("date"), detail::json_value_text(*d), "is not a member of a \"never\" outcome");
                } else if (kind) {
                    if (const auto* v = r.required(e, p, "date")) on = r.read_date(*v, p.member("date"));
                }
                if (!milestone || milestone->empty() || !kind) continue;
                names.back() = *milestone;
                if (*kind == scenario::outcome_kind::never) {
                    out.never(*milestone);
                } else if (on) {
                    if (*kind == scenario::outcome_kind::achieved) {
                        out.achieve(*milestone, *on);
                    } else {
                        out.fail(*milestone, *on);
                    }
                }
            }
            for (const auto& [later, first] : detail::duplicate_names(names)) {
                if (names[later].empty()) continue;
                r.report(list.index(later).member("name"), detail::json_value_text(nlohmann::json(names[later])),
                         "is given more than one outcome (first at " + (r.base() / list.index(first)).json_pointer() + ")");
            }
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    return out;
}

/// Reads a counter-commitment: {"name", "counterparty", and either "flows": [{"date", "amount",
/// "label"}] or "installments": {"total", "first", "count" or "last", "frequency"}} (equal
/// installments, labelled "<name> k/n"; written back as their flows).
[[nodiscard]] inline std::optional<counter_commitment> read_counter_commitment(json_reader& r, const nlohmann::json& j, const field_path& at) {
    if (!r.expect_object(j, at, "a counter-commitment", {"name", "counterparty", "flows", "installments"})) return std::nullopt;
    const std::size_t before = r.problems().size();
    std::optional<std::string> name;
    if (const auto* m = r.required(j, at, "name")) name = r.read_string(*m, at.member("name"));
    if (name && name->empty()) r.report(at.member("name"), "\"\"", "must not be empty");
    std::optional<std::string> counterparty;
    if (const auto* m = r.required(j, at, "counterparty")) counterparty = r.read_string(*m, at.member("counterparty"));
    if (counterparty && counterparty->empty()) r.report(at.member("counterparty"), "\"\"", "must not be empty");
    const nlohmann::json* flows_json = json_reader::member(j, "flows");
    const nlohmann::json* plan = json_reader::member(j, "installments");
    std::vector<cash_flow> flows;
    std::vector<installment> payments;
    if ((flows_json == nullptr) == (plan == nullptr)) {
        r.report(at, "", flows_json == nullptr ? "needs \"flows\" or \"installments\"" : "must give \"flows\" or \"installments\", not both");
    } else if (flows_json != nullptr) {
        const field_path list = at.member("flows");
        if (!flows_json->is_array()) {
            r.wrong_type(*flows_json, list, "an array of payments");
        } else if (flows_json->empty()) {
            r.report(list, "[]", "must hold at least one payment");
        } else {
            std::optional<currency> first;
            for (std::size_t i = 0; i < flows_json->size(); ++i) {
                const nlohmann::json& e = (*flows_json)[i];
                const field_path p = list.index(i);
                if (!r.expect_object(e, p, "a payment", {"date", "amount", "label"})) continue;
                std::optional<calendar_date> d;
                if (const auto* m = r.required(e, p, "date")) d = r.read_date(*m, p.member("date"));
                std::optional<money> amount;
                if (const auto* m = r.required(e, p, "amount")) amount = r.read_money(*m, p.member("amount"));
                std::string label;
                if (const auto* m = json_reader::member(e, "label")) label = r.read_string(*m, p.member("label")).value_or("");
                if (amount) {
                    if (i == 0) first = amount->currency();
                    if (first && amount->currency() != *first) {
                        r.report(p.member("amount"), format_full(*amount), "must be in " + to_string(*first) + " like the first payment");
                    } else if (!amount->is_positive()) {
                        r.report(p.member("amount"), format_full(*amount), "must be positive");
                    }
                }
                if (d && amount) flows.push_back(cash_flow{*d, *amount, std::move(label)});
            }
        }
    } else {
        const field_path p = at.member("installments");
        if (r.expect_object(*plan, p, "an installment plan", {"total", "first", "count", "last", "frequency"})) {
            const std::size_t plan_before = r.problems().size();
            std::optional<money> total;
            if (const auto* m = r.required(*plan, p, "total")) total = r.read_money(*m, p.member("total"));
            std::optional<calendar_date> first;
            if (const auto* m = r.required(*plan, p, "first")) first = r.read_date(*m, p.member("first"));
            std::optional<frequency> f;
            if (const auto* m = r.required(*plan, p, "frequency")) f = r.read_frequency(*m, p.member("frequency"));
            const nlohmann::json* count = json_reader::member(*plan, "count");
            const nlohmann::json* last_json = json_reader::member(*plan, "last");
            std::optional<std::size_t> n;
            std::optional<calendar_date> last;
            if ((count == nullptr) == (last_json == nullptr)) {
                r.report(p, "", count == nullptr ? "needs \"count\" or \"last\"" : "must give \"count\" or \"last\", not both");
            } else if (count != nullptr) {
                if (count->is_number_integer() && count->get<std::int64_t>() >= 1 && count->get<std::int64_t>() <= 1000000) {
                    n = static_cast<std::size_t>(count->get<std::int64_t>());
                } else {
                    r.report(p.member("count"), detail::json_value_text(*count), "must be a JSON integer from 1 to 1000000");
                }
            } else {
                last = r.read_date(*last_json, p.member("last"));
            }
            if (total && !total->is_positive()) r.report(p.member("total"), format_full(*total), "must be positive");
            if (r.problems().size() == plan_before) {
                try {
                    payments = n ? installments(*total, *first, *n, *f) : installments_between(*total, *first, *last, *f);
                } catch (const error& e) {
                    r.report(p, "", std::string("cannot be split: ") + detail::reason_of(e));
                }
            }
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    try {
        if (plan != nullptr) return counter_commitment::from_installments(std::move(*name), std::move(*counterparty), payments);
        return counter_commitment(std::move(*name), std::move(*counterparty), std::move(flows));
    } catch (const validation_error& e) {
        for (const diagnostic& d : e.problems()) r.report(at / d.field, d.value, d.rule);
    } catch (const error& e) {
        r.report(at.member(plan != nullptr ? "installments" : "flows"), "", std::string("cannot be totalled: ") + detail::reason_of(e));
    }
    return std::nullopt;
}

namespace detail {

/// Reads the array member @p name of @p j with @p read_one (each element at its index);
/// returns false if the member is there but not an array.
template <class T, class F>
bool read_json_list(json_reader& r, const nlohmann::json& j, const field_path& at, const char* name, const char* what,
                    std::vector<T>& out, F read_one) {
    const nlohmann::json* m = json_reader::member(j, name);
    if (m == nullptr) return true;
    const field_path list = at.member(name);
    if (!m->is_array()) {
        r.wrong_type(*m, list, std::string("an array of ") + what);
        return false;
    }
    out.reserve(m->size());
    for (std::size_t i = 0; i < m->size(); ++i) {
        if (auto v = read_one(r, (*m)[i], list.index(i))) out.push_back(std::move(*v));
    }
    return true;
}

/// Reports every name of @p names met before (at the later one's "name" member, under @p list).
inline void report_duplicate_names(json_reader& r, const field_path& list, const std::vector<std::string>& names,
                                   const std::vector<std::size_t>& positions, const char* why) {
    for (const auto& [later, first] : duplicate_names(names)) {
        r.report(list.index(positions[later]).member("name"), json_value_text(nlohmann::json(names[later])),
                 "must be unique (it is also the name of " + (r.base() / list.index(positions[first])).json_pointer() + "): " + why);
    }
}

}  // namespace detail

namespace detail {

/// The members of a deal file's "instrument_seniority", in the order they are documented.
inline constexpr const char* outstanding_seniority_members[] = {"post_money_safes", "pre_money_safes", "notes"};

/// Reads a deal file's "instrument_seniority": {"post_money_safes"?, "pre_money_safes"?, "notes"?},
/// at least one, each a rank: a JSON integer from 0 to 2^31 - 1 (as a class's "seniority").
/// Every problem is reported (an unknown member, a rank that is negative, not whole, not a number
/// or past 32 bits, an object stating none); the ranks that read are kept in @p out.
inline void read_outstanding_seniority(json_reader& r, const nlohmann::json& j, const field_path& at, outstanding_seniority& out) {
    if (!j.is_object()) {
        r.report(at, json_value_text(j), "must be an object (the SAFEs' and notes' liquidation ranks: \"post_money_safes\", "
                                         "\"pre_money_safes\", \"notes\"), not " + json_type_phrase(j));
        return;
    }
    r.report_unknown_members(j, at, "the SAFEs' and notes' liquidation ranks", std::begin(outstanding_seniority_members),
                             std::end(outstanding_seniority_members));
    const auto rank = [&](const char* name, std::optional<int>& into) {
        const nlohmann::json* m = json_reader::member(j, name);
        if (m == nullptr) return;
        const field_path where = at.member(name);
        static const char* const negative = "must not be negative: a rank in the liquidation stack, 0 the lowest (higher is paid first)";
        static const char* const too_large = "must be a rank of 32 bits, at most 2147483647";
        if (m->is_number_unsigned()) {
            if (m->get<std::uint64_t>() <= 2147483647U) {
                into = static_cast<int>(m->get<std::uint64_t>());
            } else {
                r.report(where, json_value_text(*m), too_large);
            }
        } else if (m->is_number_integer()) {  // signed: negative when parsed, either sign when built in code
            const std::int64_t v = m->get<std::int64_t>();
            if (v >= 0 && v <= 2147483647) {
                into = static_cast<int>(v);
            } else {
                r.report(where, json_value_text(*m), v < 0 ? negative : too_large);
            }
        } else if (m->is_number_float()) {
            const double v = m->get<double>();
            r.report(where, json_value_text(*m),
                     std::trunc(v) != v ? "must be a whole number: ranks are integers (renumber the ranks)"
                     : v < 0            ? negative
                     : v > 2147483647.0 ? too_large
                                        : "must be a JSON integer (write it without a decimal point or exponent)");
        } else {
            r.report(where, json_value_text(*m), "must be an integer rank (a JSON integer from 0), not " + json_type_phrase(*m));
        }
    };
    rank("post_money_safes", out.post_money_safes);
    rank("pre_money_safes", out.pre_money_safes);
    rank("notes", out.notes);
    if (j.empty()) {
        r.report(at, "{}", "states no rank: give \"post_money_safes\", \"pre_money_safes\" or \"notes\", or leave it out (the defaults)");
    }
}

/// Reads a deal file's "formation": {"date"?, "country"?, "subdivision"?} into @p out: the
/// country two capital letters (ISO 3166-1 alpha-2), the subdivision one to three capital
/// letters or digits (the part of an ISO 3166-2 code after the country), as OCF writes them.
inline void read_deal_formation(json_reader& r, const nlohmann::json& j, const field_path& at, deal_file& out) {
    if (!r.expect_object(j, at, "a company's formation", {"date", "country", "subdivision"})) return;
    if (const auto* v = json_reader::member(j, "date")) out.formation_date = r.read_date(*v, at.member("date"));
    const auto code = [&](const char* name, std::size_t most, bool digits, const char* rule, std::string& into) {
        const auto* v = json_reader::member(j, name);
        if (v == nullptr) return;
        auto text = r.read_string(*v, at.member(name));
        if (!text) return;
        const bool ok = !text->empty() && text->size() <= most && (digits || text->size() == most) &&
                        std::all_of(text->begin(), text->end(), [&](char c) { return (c >= 'A' && c <= 'Z') || (digits && c >= '0' && c <= '9'); });
        if (ok) {
            into = std::move(*text);
        } else {
            r.report(at.member(name), json_value_text(*v), rule);
        }
    };
    code("country", 2, false, "must be an ISO 3166-1 alpha-2 country code: two capital letters (\"DE\")", out.country_of_formation);
    code("subdivision", 3, true,
         "must be an ISO 3166-2 subdivision code after its country: one to three capital letters or digits (\"CA\" of US-CA)",
         out.country_subdivision_of_formation);
}


/// An element of a deal file's "issuances" as read: the priced round it follows ("after"; none:
/// before the first), resolved by read_deal_file(), and the issue.
struct read_issuance {
    std::optional<std::string> after;  ///< The "after" member: a priced round's name.
    chain_issuance issue;              ///< The issue of shares.
};

/// The money units of @p units when it is a whole number that fits 64 bits.
[[nodiscard]] inline std::optional<std::int64_t> whole_units(const fraction& units) {
    if (!units.is_integer() || units.numerator() > int64_max || units.numerator() < int64_min) return std::nullopt;
    return static_cast<std::int64_t>(units.numerator());
}

/// Reads an issue of shares between priced rounds (an element of "issuances", see
/// docs/how-to-json.md): {"name", "after" (the name of the priced round it follows; absent:
/// before the first), "holder" (a holder id, or a holder {"id", "name", "kind"} the issue adds),
/// "share_class", "shares" (positive), exactly one of "consideration" (the aggregate, not
/// negative; "0" for none) and "price_per_share" (the consideration is price x shares),
/// "exemption" (the name of an exemption the charter lists: an exempted issue), "warrant":
/// {"exercise_price"} (a warrant for the shares)}. With @p table_currency, an amount in another
/// currency is a problem. Whether the names refer to what the file has is checked by read_deal_file().
[[nodiscard]] inline std::optional<read_issuance> read_deal_issuance(json_reader& r, const nlohmann::json& j, const field_path& at,
                                                                    std::optional<currency> table_currency) {
    if (!r.expect_object(j, at, "an issuance",
                         {"name", "after", "holder", "share_class", "shares", "consideration", "price_per_share", "exemption",
                          "warrant"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    const auto in_table_currency = [&](const field_path& where, currency c, const std::string& shown) {
        if (!table_currency || c == *table_currency) return true;
        r.report(where, shown, table_currency_rule(*table_currency));
        return false;
    };
    const auto named = [&](const char* member, bool needed) -> std::optional<std::string> {
        const nlohmann::json* m = needed ? r.required(j, at, member) : json_reader::member(j, member);
        if (m == nullptr) return std::nullopt;
        std::optional<std::string> v = r.read_string(*m, at.member(member));
        if (v && v->empty()) {
            r.report(at.member(member), "\"\"",
                     std::string("must not be empty: ") +
                         (std::string_view(member) == "name" ? "issuances are named in reports and problems" : "it names what the file has"));
            return std::nullopt;
        }
        return v;
    };
    std::optional<std::string> name = named("name", true);
    std::optional<std::string> after = named("after", false);
    std::optional<holder_id> to;
    std::optional<holder> added;
    if (const auto* m = r.required(j, at, "holder")) {
        if (m->is_object()) {
            added = r.read_holder(*m, at.member("holder"));
            if (added) to = added->id();
        } else if (m->is_string()) {
            to = r.read_holder_id(*m, at.member("holder"));
        } else {
            r.wrong_type(*m, at.member("holder"), "a holder id, or a holder {\"id\", \"name\", \"kind\"} the issue adds");
        }
    }
    std::optional<std::string> share_class = named("share_class", true);
    // The count as a plain value (read when shares_read): g++ -O2 takes an optional's copy in
    // the issue's construction below for one that may be uninitialized.
    share_count shares(0);
    bool shares_read = false;
    if (const auto* m = r.required(j, at, "shares")) {
        if (const std::optional<share_count> v = r.read_share_count(*m, at.member("shares"))) {
            if (v->value() <= 0) {
                r.report(at.member("shares"), std::to_string(v->value()), "must be positive: an issuance issues shares");
            } else {
                shares = *v;
                shares_read = true;
            }
        }
    }
    std::optional<money> consideration;
    std::optional<price_per_share> price;
    const nlohmann::json* c = json_reader::member(j, "consideration");
    const nlohmann::json* p = json_reader::member(j, "price_per_share");
    if (c != nullptr && p != nullptr) {
        r.report(at, "consideration, price_per_share", "must give exactly one of consideration (the aggregate) and price_per_share");
    } else if (c == nullptr && p == nullptr) {
        r.report(at, "", "needs what the shares are issued for: consideration (the aggregate; \"0\" for none) or price_per_share");
    }
    if (c != nullptr) {
        consideration = r.read_money(*c, at.member("consideration"));
        if (consideration && consideration->is_negative()) {
            r.report(at.member("consideration"), format_full(*consideration),
                     "must not be negative (an issue is for some consideration or, as the NVCA charter allows, none)");
            consideration.reset();
        }
        if (consideration && !in_table_currency(at.member("consideration"), consideration->currency(), format_full(*consideration))) {
            consideration.reset();
        }
    }
    if (p != nullptr) {
        price = r.read_price(*p, at.member("price_per_share"));
        if (price && !in_table_currency(at.member("price_per_share"), price->currency(), price->to_string())) price.reset();
    }
    std::optional<std::string> exemption = named("exemption", false);
    std::optional<price_per_share> exercise;
    if (const auto* m = json_reader::member(j, "warrant")) {
        const field_path w = at.member("warrant");
        if (r.expect_object(*m, w, "a warrant", {"exercise_price"})) {
            if (const auto* e = r.required(*m, w, "exercise_price")) {
                exercise = r.read_price(*e, w.member("exercise_price"));
                if (exercise && !in_table_currency(w.member("exercise_price"), exercise->currency(), exercise->to_string())) {
                    exercise.reset();
                }
            }
        }
    }
    // An exempted issue is for a consideration in whole money units (share_issuance::exempted()).
    if (exemption && price && shares_read && c == nullptr) {
        if (const auto units = whole_units(price->units_per_share() * fraction(shares.value()))) {
            consideration = money::from_units(*units, price->currency());
        } else {
            r.report(at.member("price_per_share"), price->to_string(),
                     "times the " + std::to_string(shares.value()) +
                         " shares is not a whole amount of money, which an exempted issue's consideration is: state the consideration");
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    // Every member read (no problem recorded): name, holder, class, and the consideration or
    // price are set; value_or() keeps g++ -O2 from taking them for uninitialized.
    const money paid = consideration.value_or(money());
    share_issuance issue =
        exemption ? share_issuance::exempted(name.value_or(""), shares, paid, exemption.value_or(""))
        : price   ? share_issuance::at_price(name.value_or(""), shares, price.value_or(price_per_share(money::from_units(1, paid.currency()), share_count(1))))
                  : share_issuance::sale(name.value_or(""), shares, paid);
    read_issuance out{std::move(after), chain_issuance(std::move(issue), to.value_or(holder_id("")), share_class.value_or(""))};
    if (added) out.issue.add_holder(std::move(*added));
    if (exercise) out.issue.as_warrant(*exercise);
    return out;
}

}  // namespace detail

/// Reads a deal file: {"fundround_deal": 1, "company", "as_of", "formation", "cap_table", "rounds",
/// "priced_rounds", "safes", "notes", "valuations", "scenarios", "counter_commitments",
/// "anti_dilution", "instrument_seniority", "issuances"} (every member but the
/// version optional). Every problem is reported at its JSON pointer (returns nothing after recording
/// them): each member's own (a funding round named; SAFE and note amounts in the cap table's
/// currency), then the references between them (round names unique, investors and SAFE and
/// note holders on the cap table, a priced round's "all_outstanding" converting at least one
/// instrument, scenario milestones in a round, anti-dilution protecting a preferred series
/// of the table or a priced round, an issuance's round, holder, class and exemption), then whether
/// the priced rounds and issuances apply as a chain on the cap table (the first step that does
/// not, with the chain's problems under its /priced_rounds/i or /issuances/k).
[[nodiscard]] inline std::optional<deal_file> read_deal_file(json_reader& r, const nlohmann::json& j, const field_path& at = {}) {
    if (!r.expect_object(j, at, "a deal file",
                         {"fundround_deal", "company", "as_of", "formation", "cap_table", "rounds", "priced_rounds", "safes", "notes",
                          "valuations", "scenarios", "counter_commitments", "anti_dilution", "instrument_seniority", "issuances"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    deal_file out;
    if (const auto* v = r.required(j, at, "fundround_deal")) {
        if (!v->is_number_integer() || v->get<long long>() != deal_file_version) {
            r.report(at.member("fundround_deal"), detail::json_value_text(*v),
                     "must be " + std::to_string(deal_file_version) + ", the deal file format this fundround reads");
        }
    }
    if (const auto* v = json_reader::member(j, "company")) {
        out.company = r.read_string(*v, at.member("company")).value_or("");
    }
    if (const auto* v = json_reader::member(j, "as_of")) out.as_of = r.read_date(*v, at.member("as_of"));
    if (const auto* v = json_reader::member(j, "formation")) detail::read_deal_formation(r, *v, at.member("formation"), out);
    bool table_ok = true;
    if (const auto* v = json_reader::member(j, "cap_table")) {
        out.cap_table_before = r.read_cap_table(*v, at.member("cap_table"));
        table_ok = out.cap_table_before.has_value();
    }
    detail::read_json_list(r, j, at, "rounds", "rounds", out.rounds, [](json_reader& rr, const nlohmann::json& e, const field_path& p) {
        // Named, as a priced round is: rounds are named on the command line and in reports.
        if (e.is_object() && json_reader::member(e, "name") == nullptr) rr.report(p.member("name"), "", "is required: rounds are named on the command line and in reports");
        return rr.read_round(e, p);
    });
    // Amounts without a currency in the priced rounds, SAFEs and notes are in the cap table's:
    // its "currency" (USD when left out) even when another member of the table has a problem
    // (that problem is reported once, not again at every amount written without a code).
    const std::optional<currency> outer_currency = r.default_currency();
    std::optional<currency> table_currency;
    if (out.cap_table_before) {
        table_currency = out.cap_table_before->currency();
    } else if (const auto* t = json_reader::member(j, "cap_table"); t != nullptr && t->is_object()) {
        if (const auto* c = json_reader::member(*t, "currency")) {
            json_reader quiet;  // the cap table's reading reported its problem
            table_currency = quiet.read_currency(*c, at.member("cap_table").member("currency"));
        } else {
            table_currency = currency();
        }
    }
    if (table_currency) r.set_default_currency(*table_currency);
    detail::read_json_list(r, j, at, "priced_rounds", "priced rounds", out.priced_rounds,
                           [&](json_reader& rr, const nlohmann::json& e, const field_path& p) { return read_priced_round(rr, e, p, table_currency); });
    // SAFEs and notes: their amounts in the cap table's currency.
    detail::read_json_list(r, j, at, "safes", "SAFEs", out.safes, [&](json_reader& rr, const nlohmann::json& e, const field_path& p) {
        return read_safe(rr, e, p, table_currency);
    });
    detail::read_json_list(r, j, at, "notes", "convertible notes", out.notes,
                           [&](json_reader& rr, const nlohmann::json& e, const field_path& p) {
                               return read_convertible_note(rr, e, p, table_currency);
                           });
    detail::read_json_list(r, j, at, "valuations", "share valuations", out.valuations, read_share_valuation);
    // Issues of shares between the priced rounds: amounts in the cap table's currency; the round
    // each follows ("after") resolved once every priced round reads (below).
    std::vector<detail::read_issuance> issuances_read;
    detail::read_json_list(r, j, at, "issuances", "issuances", issuances_read,
                           [&](json_reader& rr, const nlohmann::json& e, const field_path& p) {
                               return detail::read_deal_issuance(rr, e, p, table_currency);
                           });
    r.set_default_currency(outer_currency);
    // What converts in each priced round: pointers into the document's SAFEs and notes.
    if (const nlohmann::json* priced = json_reader::member(j, "priced_rounds"); priced != nullptr && priced->is_array()) {
        const auto count = [&](const char* name) {
            const nlohmann::json* m = json_reader::member(j, name);
            return m != nullptr && m->is_array() ? m->size() : std::size_t{0};
        };
        for (std::size_t i = 0; i < priced->size(); ++i) {
            if (auto c = read_priced_round_conversion(r, (*priced)[i], at.member("priced_rounds").index(i), i, count("safes"), count("notes"))) {
                out.conversions.push_back(std::move(*c));
            }
            const nlohmann::json* p2p = (*priced)[i].is_object() ? json_reader::member((*priced)[i], "pay_to_play") : nullptr;
            if (p2p != nullptr) {
                const field_path p2p_at = at.member("priced_rounds").index(i).member("pay_to_play");
                const std::size_t problems_before = r.problems().size();
                std::optional<pay_to_play> p = read_pay_to_play(r, *p2p, p2p_at);
                // "conversions_count" on a round that converts nothing would be accepted and
                // change nothing; reported with the member's other problems (a round whose
                // "converts" the new money does not qualify is the chain's, at the same pointer).
                const nlohmann::json* counts = p2p->is_object() ? json_reader::member(*p2p, "conversions_count") : nullptr;
                if (counts != nullptr && *counts == true && json_reader::member((*priced)[i], "converts") == nullptr) {
                    const nlohmann::json* name = json_reader::member((*priced)[i], "name");
                    r.report(p2p_at.member("conversions_count"), "true",
                             "no SAFE or note converts in " +
                                 (name != nullptr && name->is_string() ? "round " + detail::quoted_text(name->get<std::string>()) + " "
                                                                       : std::string("this round ")) +
                                 "(it has no \"converts\"): there is nothing to count as bought (leave "
                                 "\"conversions_count\" out, or name what converts with \"converts\")");
                }
                if (p && r.problems().size() == problems_before) out.pay_to_plays.push_back({i, std::move(*p)});
            }
        }
    }
    // "all_outstanding" that converts nothing (every instrument dated after the close or converted
    // by an earlier round, or none at all) is a problem, as an empty list of pointers is: the
    // round would silently convert nothing. Known once every SAFE and note reads.
    const auto all_read = [&](const char* name, std::size_t count) {
        const nlohmann::json* m = json_reader::member(j, name);
        return m == nullptr || (m->is_array() && m->size() == count);
    };
    if (all_read("safes", out.safes.size()) && all_read("notes", out.notes.size())) {
        for (const priced_round_conversion& c : out.conversions) {
            if (!c.all_outstanding) continue;
            const deal_instruments in = out.converting_in(c.round);
            if (!in.safes.empty() || !in.notes.empty()) continue;
            r.report(at.member("priced_rounds").index(c.round).member("converts"), "\"all_outstanding\"",
                     out.safes.empty() && out.notes.empty()
                         ? std::string("converts nothing: the file has no SAFEs or notes (leave \"converts\" out)")
                         : "converts nothing: every SAFE and note is dated after the close " + to_string(c.close_date) +
                               " or converted by an earlier round (leave \"converts\" out, or check the close_date)");
        }
    }
    detail::read_json_list(r, j, at, "scenarios", "scenarios", out.scenarios, read_scenario);
    detail::read_json_list(r, j, at, "counter_commitments", "counter-commitments", out.counter_commitments,
                           read_counter_commitment);
    if (const auto* v = json_reader::member(j, "anti_dilution")) {
        if (auto c = read_anti_dilution_charter(r, *v, at.member("anti_dilution"))) out.charter = std::move(*c);
    }
    if (const auto* v = json_reader::member(j, "instrument_seniority")) {
        detail::read_outstanding_seniority(r, *v, at.member("instrument_seniority"), out.instrument_seniority);
    }

    // References between the members, checked on the document (an element with problems of its
    // own is still checked): names unique, holders on the cap table, milestones in a round.
    const auto elements = [&](const char* name) -> const nlohmann::json& {
        static const nlohmann::json none = nlohmann::json::array();
        const nlohmann::json* m = json_reader::member(j, name);
        return m != nullptr && m->is_array() ? *m : none;
    };
    const auto text_of = [](const nlohmann::json& e, const char* name) -> const std::string* {
        if (!e.is_object()) return nullptr;
        const nlohmann::json* m = json_reader::member(e, name);
        return m != nullptr && m->is_string() ? &m->get_ref<const std::string&>() : nullptr;
    };
    for (const auto& [list, why] : {std::pair<const char*, const char*>{"rounds", "rounds are named on the command line and in reports"},
                                    {"priced_rounds", "priced rounds are named on the command line and in reports"},
                                    {"issuances", "issuances are named in reports and problems"},
                                    {"scenarios", "scenarios are named on the command line and in reports"}}) {
        std::vector<std::string> names;
        std::vector<std::size_t> pos;
        const nlohmann::json& e = elements(list);
        for (std::size_t i = 0; i < e.size(); ++i) {
            if (const std::string* n = text_of(e[i], "name")) {
                names.push_back(*n);
                pos.push_back(i);
            }
        }
        detail::report_duplicate_names(r, at.member(list), names, pos, why);
    }
    // Issuances: the priced round each follows ("after", by name), as a number of priced rounds
    // before it (0: before the first), per element of the document (none where it names no round).
    std::vector<std::optional<std::size_t>> issuance_steps;
    {
        std::vector<std::string> round_names;
        for (const nlohmann::json& pr : elements("priced_rounds")) {
            const std::string* n = text_of(pr, "name");
            round_names.push_back(n != nullptr ? *n : std::string());
        }
        const nlohmann::json& listed_issuances = elements("issuances");
        for (std::size_t k = 0; k < listed_issuances.size(); ++k) {
            const nlohmann::json& e = listed_issuances[k];
            issuance_steps.emplace_back();
            if (!e.is_object()) continue;
            const nlohmann::json* a = json_reader::member(e, "after");
            if (a == nullptr) {
                issuance_steps.back() = std::size_t{0};
                continue;
            }
            if (!a->is_string() || a->get_ref<const std::string&>().empty()) continue;  // reported by its reading
            const std::string& name = a->get_ref<const std::string&>();
            const auto found = std::find(round_names.begin(), round_names.end(), name);
            if (found != round_names.end()) {
                issuance_steps.back() = static_cast<std::size_t>(found - round_names.begin()) + 1;
                continue;
            }
            std::string names;
            for (const std::string& n : round_names) names += std::string(names.empty() ? "" : ", ") + detail::quoted_text(n);
            r.report(at.member("issuances").index(k).member("after"), detail::json_value_text(*a),
                     "is not the name of a priced round of /priced_rounds (" +
                         (names.empty() ? std::string("there is none: leave \"after\" out for an issue before the priced rounds")
                                        : "they are: " + names) +
                         ")");
        }
        if (issuances_read.size() == listed_issuances.size()) {
            for (std::size_t k = 0; k < issuances_read.size(); ++k) {
                if (issuance_steps[k]) out.issuances.push_back({*issuance_steps[k], std::move(issuances_read[k].issue)});
            }
        }
    }
    const nlohmann::json* table_json = json_reader::member(j, "cap_table");
    const auto listed = [&](const char* name) { return !elements(name).empty(); };
    const auto needs_table = [&](const char* list, const char* what) {
        if (table_json == nullptr) r.report(at.member(list), "", std::string("needs \"cap_table\": ") + what + " refer to its holders");
    };
    if (listed("priced_rounds")) needs_table("priced_rounds", "priced rounds are applied to the cap table and");
    if (listed("issuances")) needs_table("issuances", "issuances are applied to the cap table and");
    if (listed("issuances") && !listed("priced_rounds")) {
        r.report(at.member("issuances"), "",
                 "needs \"priced_rounds\": an issuance is placed among them (\"after\" names the one it follows; without it, "
                 "it comes before the first); shares issued before any round are the cap table's holdings and warrants");
    }
    if (listed("safes")) needs_table("safes", "SAFEs");
    if (listed("notes")) needs_table("notes", "convertible notes");
    if (listed("valuations") && table_json == nullptr) {
        r.report(at.member("valuations"), "", "needs \"cap_table\": share valuations value the classes of its shares");
    }
    if (out.cap_table_before) {
        const cap_table& t = *out.cap_table_before;
        const auto on_table = [&](const std::string& id) { return t.holder_index(holder_id(id)).has_value(); };
        // Priced-round investors: on the table, or added by this round or an earlier one.
        std::vector<std::string> added;
        const nlohmann::json& priced = elements("priced_rounds");
        for (std::size_t i = 0; i < priced.size(); ++i) {
            if (!priced[i].is_object()) continue;
            for (std::size_t k = 0; k < issuance_steps.size(); ++k) {  // the holders the issuances before it add
                const nlohmann::json* h = json_reader::member(elements("issuances")[k], "holder");
                if (issuance_steps[k] && *issuance_steps[k] == i && h != nullptr) {
                    if (const std::string* id = text_of(*h, "id")) added.push_back(*id);
                }
            }
            std::sort(added.begin(), added.end());
            const nlohmann::json* adds = json_reader::member(priced[i], "new_investors");
            if (adds != nullptr && adds->is_array()) {
                for (const nlohmann::json& h : *adds) {
                    if (const std::string* id = text_of(h, "id")) added.push_back(*id);
                }
                std::sort(added.begin(), added.end());
            }
            const nlohmann::json* inv = json_reader::member(priced[i], "investors");
            if (inv == nullptr || !inv->is_array()) continue;
            for (std::size_t k = 0; k < inv->size(); ++k) {
                const std::string* id = text_of((*inv)[k], "holder");
                if (id == nullptr || id->empty() || on_table(*id) || std::binary_search(added.begin(), added.end(), *id)) continue;
                r.report(at.member("priced_rounds").index(i).member("investors").index(k).member("holder"), "\"" + *id + "\"",
                         std::string("is not a holder of /cap_table, nor in the new_investors of this round or an earlier one") +
                             (elements("issuances").empty() ? "" : ", nor one an issuance before this round adds"));
            }
        }
        for (const auto& [list, what] : {std::pair<const char*, const char*>{"safes", "a SAFE's"}, {"notes", "a note's"}}) {
            const nlohmann::json& e = elements(list);
            for (std::size_t i = 0; i < e.size(); ++i) {
                const std::string* id = text_of(e[i], "holder");
                if (id == nullptr || id->empty() || on_table(*id)) continue;
                r.report(at.member(list).index(i).member("holder"), "\"" + *id + "\"",
                         std::string("is not a holder of /cap_table (") + what + " holder is on the cap table before the rounds)");
            }
        }
    }
    // Issuances on the cap table: each issued to a holder of the table or one a priced round or
    // an issuance before it adds (or one it adds, not added before), of a class of the table or
    // a series of a priced round before it, under an exemption the charter lists.
    if (out.cap_table_before && !elements("issuances").empty()) {
        const cap_table& t = *out.cap_table_before;
        const nlohmann::json& listed_issuances = elements("issuances");
        const nlohmann::json& priced = elements("priced_rounds");
        std::vector<std::string> exemptions;
        if (const nlohmann::json* charter = json_reader::member(j, "anti_dilution"); charter != nullptr && charter->is_object()) {
            const nlohmann::json* e = json_reader::member(*charter, "exemptions");
            for (std::size_t m = 0; e != nullptr && e->is_array() && m < e->size(); ++m) {
                if ((*e)[m].is_string()) exemptions.push_back((*e)[m].get<std::string>());
            }
        }
        // Chain order: by the rounds before, then the file's order.
        const auto earlier = [&](std::size_t a, std::size_t b) {
            return *issuance_steps[a] < *issuance_steps[b] || (*issuance_steps[a] == *issuance_steps[b] && a < b);
        };
        for (std::size_t k = 0; k < listed_issuances.size(); ++k) {
            const nlohmann::json& e = listed_issuances[k];
            if (!e.is_object()) continue;
            if (const std::string* x = text_of(e, "exemption");
                x != nullptr && !x->empty() && std::find(exemptions.begin(), exemptions.end(), *x) == exemptions.end()) {
                std::string names;
                for (const std::string& n : exemptions) names += std::string(names.empty() ? "" : ", ") + detail::quoted_text(n);
                r.report(at.member("issuances").index(k).member("exemption"), detail::json_value_text(nlohmann::json(*x)),
                         "is not an exemption /anti_dilution/exemptions names (" +
                             (names.empty() ? std::string("it names none") : "it names " + names) +
                             "): an issue is exempted only under a name the charter gives");
            }
            if (!issuance_steps[k]) continue;  // its "after" names no round: reported above
            const std::size_t before_it = *issuance_steps[k];
            const field_path here = at.member("issuances").index(k);
            // Where holder @p id is added before this issue: a pointer, or "" if not.
            const auto added_at = [&](const std::string& id) -> std::string {
                for (std::size_t i = 0; i < before_it && i < priced.size(); ++i) {
                    const nlohmann::json* adds = priced[i].is_object() ? json_reader::member(priced[i], "new_investors") : nullptr;
                    for (std::size_t m = 0; adds != nullptr && adds->is_array() && m < adds->size(); ++m) {
                        const std::string* other = text_of((*adds)[m], "id");
                        if (other != nullptr && *other == id) {
                            return (r.base() / at.member("priced_rounds").index(i).member("new_investors").index(m)).json_pointer();
                        }
                    }
                }
                for (std::size_t m = 0; m < listed_issuances.size(); ++m) {
                    if (m == k || !issuance_steps[m] || !earlier(m, k)) continue;
                    const nlohmann::json* h = json_reader::member(listed_issuances[m], "holder");
                    const std::string* other = h != nullptr ? text_of(*h, "id") : nullptr;
                    if (other != nullptr && *other == id) return (r.base() / at.member("issuances").index(m).member("holder")).json_pointer();
                }
                return std::string();
            };
            if (const nlohmann::json* h = json_reader::member(e, "holder")) {
                if (h->is_string() && !h->get_ref<const std::string&>().empty()) {
                    const std::string& id = h->get_ref<const std::string&>();
                    if (!t.holder_index(holder_id(id)) && added_at(id).empty()) {
                        r.report(here.member("holder"), detail::json_value_text(*h),
                                 "is not a holder of /cap_table nor one a priced round or issuance before this one adds: give "
                                 "the holder {\"id\", \"name\", \"kind\"} to add it");
                    }
                } else if (const std::string* id = text_of(*h, "id"); id != nullptr && !id->empty()) {
                    const std::string where = t.holder_index(holder_id(*id))
                                                  ? (r.base() / at.member("cap_table").member("holders").index(*t.holder_index(holder_id(*id)))).json_pointer()
                                                  : added_at(*id);
                    if (!where.empty()) {
                        r.report(here.member("holder").member("id"), detail::json_value_text(nlohmann::json(*id)),
                                 "is a holder before this issue already (" + where + "): give its id as \"holder\"");
                    }
                }
            }
            if (const std::string* c = text_of(e, "share_class"); c != nullptr && !c->empty() && !t.class_index(*c)) {
                bool made = false;
                std::string series;
                for (std::size_t i = 0; i < priced.size(); ++i) {
                    const std::string* sname = text_of(priced[i], "series");
                    if (sname == nullptr) continue;
                    const bool converts = priced[i].is_object() && json_reader::member(priced[i], "converts") != nullptr;
                    if (i < before_it && (*sname == *c || (converts && detail::is_conversion_series_name(*c, *sname)))) made = true;
                    if (i < before_it) series += ", " + detail::quoted_text(*sname);
                }
                if (!made) {
                    std::string classes;
                    for (const share_class& sc : t.classes()) classes += std::string(classes.empty() ? "" : ", ") + detail::quoted_text(sc.name());
                    r.report(here.member("share_class"), detail::json_value_text(nlohmann::json(*c)),
                             "is not a class of /cap_table nor the series of a priced round before this issue (the classes: " +
                                 classes + series + ")");
                }
            }
        }
    }
    // Share valuations: of a class of the table or a priced round's series, in the table's
    // currency, one per class and day (checked in full once every valuation reads; when one does
    // not, each class named is still checked, so every problem is listed at once).
    if (out.cap_table_before && !elements("valuations").empty()) {
        std::vector<std::string> classes;
        for (const share_class& c : out.cap_table_before->classes()) classes.push_back(c.name());
        // Each priced round's series as the file names it, whether or not the round reads (a
        // round with a problem of its own must not make its series "not a share class").
        for (const nlohmann::json& pr : elements("priced_rounds")) {
            if (const std::string* series = text_of(pr, "series")) classes.push_back(*series);
        }
        const nlohmann::json& listed_valuations = elements("valuations");
        std::vector<diagnostic> found;
        if (listed_valuations.size() == out.valuations.size()) {
            found = check_share_valuations(out.valuations, classes, out.cap_table_before->currency());
        } else {
            for (std::size_t i = 0; i < listed_valuations.size(); ++i) {
                const std::string* name = text_of(listed_valuations[i], "share_class");
                const field_path field = field_path("valuations").index(i).member("share_class");
                const bool reported = std::any_of(r.problems().begin(), r.problems().end(),
                                                  [&](const diagnostic& d) { return d.field == at / field; });
                if (name != nullptr && !reported) {
                    detail::check_valuation_class(found, field_path("valuations").index(i), *name, classes);
                }
            }
        }
        for (const diagnostic& d : found) r.report(at / d.field, d.value, d.rule);
    }
    // Anti-dilution: each protected series a preferred class of the table (with an original issue
    // price) or a priced round's series, each once; each narrow class a class of either.
    if (const nlohmann::json* charter = json_reader::member(j, "anti_dilution"); charter != nullptr && charter->is_object()) {
        const field_path list = at.member("anti_dilution").member("protections");
        const nlohmann::json* terms = json_reader::member(*charter, "protections");
        if (table_json == nullptr) {
            r.report(at.member("anti_dilution"), "", "needs \"cap_table\": anti-dilution protects series of its preferred");
        } else if (out.cap_table_before && terms != nullptr && terms->is_array()) {
            const cap_table& t = *out.cap_table_before;
            std::vector<std::string> series_made;  // each priced round's series as the file names it
            std::vector<std::string> converting;   // the series of each priced round that converts SAFEs and notes
            for (const nlohmann::json& pr : elements("priced_rounds")) {
                const std::string* series = text_of(pr, "series");
                if (series == nullptr) continue;
                series_made.push_back(*series);
                if (json_reader::member(pr, "converts") != nullptr) converting.push_back(*series);
            }
            std::string preferred;  // the table's preferred series and the rounds', for the hint
            for (const share_class& c : t.classes()) {
                if (c.is_preferred()) preferred += std::string(preferred.empty() ? "" : ", ") + "\"" + c.name() + "\"";
            }
            for (const std::string& m : series_made) {
                if (!t.class_index(m)) preferred += std::string(preferred.empty() ? "" : ", ") + "\"" + m + "\"";
            }
            for (const std::string& m : converting) {
                preferred += std::string(preferred.empty() ? "" : ", ") + "\"" + m + "-1\", ...";
            }
            // A round's series, or a conversion series "<series>-<n>" of a round that converts (the
            // chain finds whether its conversions make it: checked once it runs, below).
            const auto made = [&](const std::string& name) {
                return std::find(series_made.begin(), series_made.end(), name) != series_made.end() ||
                       std::any_of(converting.begin(), converting.end(),
                                   [&](const std::string& m) { return detail::is_conversion_series_name(name, m); });
            };
            std::vector<std::string> names;
            std::vector<std::size_t> positions;
            for (std::size_t k = 0; k < terms->size(); ++k) {
                const std::string* series = text_of((*terms)[k], "series");
                if (series == nullptr || series->empty()) continue;
                names.push_back(*series);
                positions.push_back(k);
                const std::string shown = detail::json_value_text(nlohmann::json(*series));
                if (const auto c = t.class_index(*series)) {
                    if (!t.classes()[*c].is_preferred() || !t.classes()[*c].original_issue_price()) {
                        r.report(list.index(k).member("series"), shown,
                                 "must be a preferred series with an original issue price (a class of /cap_table that is not)");
                    }
                } else if (!made(*series)) {
                    r.report(list.index(k).member("series"), shown,
                             "is not a preferred series of /cap_table nor the series of a priced round (" +
                                 (preferred.empty() ? std::string("there is none") : "they are: " + preferred) + ")");
                }
                const nlohmann::json* narrow = json_reader::member((*terms)[k], "narrow_classes");
                if (narrow == nullptr || !narrow->is_array()) continue;
                for (std::size_t m = 0; m < narrow->size(); ++m) {
                    if (!(*narrow)[m].is_string()) continue;
                    const std::string& name = (*narrow)[m].get_ref<const std::string&>();
                    if (t.class_index(name) || made(name)) continue;
                    r.report(list.index(k).member("narrow_classes").index(m), detail::json_value_text((*narrow)[m]),
                             "is not a share class of /cap_table nor the series of a priced round");
                }
            }
            for (const auto& [later, first] : detail::duplicate_names(names)) {
                r.report(list.index(positions[later]).member("series"), detail::json_value_text(nlohmann::json(names[later])),
                         "is also protected by " + (r.base() / list.index(positions[first])).json_pointer() +
                             ": state a series' terms once");
            }
            detail::check_waived_in(r, *terms, list, t, elements("priced_rounds"), at.member("priced_rounds"), elements("issuances"),
                                    at.member("issuances"), issuance_steps);
        }
    }
    // Scenario milestones: each a milestone of some round (known once every round reads).
    const nlohmann::json* rounds_json = json_reader::member(j, "rounds");
    const bool every_round_read = rounds_json == nullptr || (rounds_json->is_array() && rounds_json->size() == out.rounds.size());
    if (every_round_read) {
        std::vector<std::string> known;
        for (const funding_round& x : out.rounds) {
            for (std::string& m : x.milestones()) known.push_back(std::move(m));
        }
        std::sort(known.begin(), known.end());
        known.erase(std::unique(known.begin(), known.end()), known.end());
        std::string names;
        for (const std::string& m : known) names += std::string(names.empty() ? "" : ", ") + "\"" + m + "\"";
        const nlohmann::json& e = elements("scenarios");
        for (std::size_t i = 0; i < e.size(); ++i) {
            const nlohmann::json* ms = e[i].is_object() ? json_reader::member(e[i], "milestones") : nullptr;
            if (ms == nullptr || !ms->is_array()) continue;
            for (std::size_t k = 0; k < ms->size(); ++k) {
                const std::string* m = text_of((*ms)[k], "name");
                if (m == nullptr || m->empty() || std::binary_search(known.begin(), known.end(), *m)) continue;
                r.report(at.member("scenarios").index(i).member("milestones").index(k).member("name"),
                         detail::json_value_text(nlohmann::json(*m)),
                         "is not a milestone of any round of the deal file (" +
                             (names.empty() ? std::string("they have none") : "theirs: " + names) + ")");
            }
        }
    }
    // The priced rounds as a chain on the cap table (SAFEs and notes converting), once everything
    // else reads: the first round that does not apply, its problems at their pointers.
    if (r.problems().size() == before && table_ok && out.cap_table_before && (!out.priced_rounds.empty() || !out.issuances.empty())) {
        const nlohmann::json& list = elements("priced_rounds");
        const round_chain_outcome ran = out.chain().try_run();
        // The chain's steps (priced rounds and issuances, in its order) and their pointers: its
        // problems name steps by their place among them.
        const std::vector<deal_chain_step> chain_steps = out.chain_steps(out.priced_rounds.size());
        const auto step_at = [&](std::size_t s) {
            return chain_steps[s].issuance ? at.member("issuances").index(chain_steps[s].index) : at.member("priced_rounds").index(chain_steps[s].index);
        };
        const auto step_name = [&](std::size_t s) {
            return chain_steps[s].issuance ? out.issuances[chain_steps[s].index].issue.issuance().name() : out.priced_rounds[chain_steps[s].index].terms().name();
        };
        if (!ran.ok() && *ran.failed_round < chain_steps.size()) {
            const std::size_t failed = *ran.failed_round;
            const bool issuance = chain_steps[failed].issuance;
            const std::size_t i = chain_steps[failed].index;  // the failing round's (or issuance's) place in its list
            const std::string after = std::string(issuance ? " (the issuance" : " (the round") + " does not apply to the cap table " +
                                      (failed == 0 ? std::string("before the rounds")
                                                   : "after " + field_path(chain_steps[failed - 1].issuance ? "issuances" : "priced_rounds")
                                                                    .index(chain_steps[failed - 1].index)
                                                                    .json_pointer()) +
                                      ")";
            const field_path step = field_path("rounds").index(failed);
            const priced_round_conversion* conversion = issuance ? nullptr : out.conversion_of(i);
            const deal_instruments in = conversion ? out.converting_in(i) : deal_instruments{};
            std::vector<std::string> holder_pointers;  // the holders of the table after the failing step, in order
            for (std::size_t k = 0; k < out.cap_table_before->holders().size(); ++k) {
                holder_pointers.push_back((r.base() / at.member("cap_table").member("holders").index(k)).json_pointer());
            }
            for (std::size_t s = 0; s <= failed; ++s) {
                if (chain_steps[s].issuance) {
                    if (out.issuances[chain_steps[s].index].issue.new_holder()) holder_pointers.push_back((r.base() / step_at(s).member("holder")).json_pointer());
                    continue;
                }
                for (std::size_t m = 0; m < out.priced_rounds[chain_steps[s].index].new_investors().size(); ++m) {
                    holder_pointers.push_back((r.base() / step_at(s).member("new_investors").index(m)).json_pointer());
                }
            }
            // The step's element of the document, its pointer and name.
            const nlohmann::json& element = issuance ? elements("issuances")[i] : list[i];
            const field_path element_at = step_at(failed);
            const std::string element_text = (r.base() / element_at).json_pointer() + " (\"" + step_name(failed) + "\")";
            std::set<std::string> reported;  // a problem of every series the round creates, once
            const std::vector<std::size_t> in_force =
                out.protections_in_force(issuance ? out.issuances[i].rounds_before : i);
            for (std::size_t p = 0; p < ran.problems.size(); ++p) {
                const diagnostic& d = ran.problems[p];
                const field_path own = d.field.rebased(step, field_path());
                if (own.starts_with(field_path("anti_dilution"))) {
                    // The charter's problem in this round, at the file's "anti_dilution": its
                    // protections[k] is the file's protections[in_force[k]].
                    const std::vector<path_segment> steps = own.segments();
                    field_path rel("anti_dilution");
                    std::size_t from = 1;
                    if (steps.size() >= 3 && steps[1].kind == path_step::member && steps[1].name == "protections" &&
                        steps[2].kind == path_step::index && steps[2].index < in_force.size()) {
                        rel = rel.member("protections").index(in_force[steps[2].index]);
                        from = 3;
                    }
                    for (std::size_t k = from; k < steps.size(); ++k) {
                        // the library's anti_dilution_terms::broad_base is the file's "base"
                        rel = steps[k].kind == path_step::index ? rel.index(steps[k].index)
                                                                : rel.member(steps[k].name == "broad_base" ? "base" : steps[k].name);
                    }
                    bool cut = false;
                    const field_path inside = detail::existing_prefix(j, rel, cut);
                    const std::string named = cut ? rel.rebased(field_path("anti_dilution"), field_path()).to_string() + ": " : std::string();
                    const std::string text = "in " + element_text + ": " + named + d.rule + after;
                    if (reported.insert(inside.json_pointer() + '\n' + d.value + '\n' + text).second) r.report(at / inside, d.value, text);
                    continue;
                }
                // A holder the rule names ("holders[4]", the chain's facts say where) by its
                // pointer: /cap_table/holders/k, the new_investors entry of a round or the holder
                // of an issuance that adds it.
                const auto holder_text = [&](const field_path& holder) {
                    const std::vector<path_segment> hs = holder.segments();
                    const bool known = hs.size() == 2 && hs[1].kind == path_step::index && hs[1].index < holder_pointers.size();
                    return known ? holder_pointers[hs[1].index] : holder.to_string();
                };
                if (issuance) {
                    // The issuance's fields: its issue's (shares, consideration or price_per_share,
                    // exemption), its warrant's exercise price, its class and holder.
                    const std::vector<path_segment> fs = own.segments();
                    const auto name_at = [&](std::size_t k) -> std::string {
                        return k < fs.size() && fs[k].kind == path_step::member ? fs[k].name : std::string();
                    };
                    field_path mapped;
                    if (name_at(0) == "issuance" && name_at(1) == "consideration") {
                        mapped = field_path(json_reader::member(element, "consideration") != nullptr ? "consideration" : "price_per_share");
                    } else if (name_at(0) == "issuance" && (name_at(1) == "shares" || name_at(1) == "exemption")) {
                        mapped = field_path(name_at(1));
                    } else if (name_at(0) == "exercise_price") {
                        mapped = field_path("warrant").member("exercise_price");
                    } else if (name_at(0) == "share_class") {
                        mapped = field_path("share_class");
                    } else if (name_at(0) == "holder" || name_at(0) == "add_holder") {
                        const nlohmann::json* h = json_reader::member(element, "holder");
                        mapped = h != nullptr && h->is_object() ? field_path("holder").member("id") : field_path("holder");
                    } else if (name_at(0) == "after") {
                        // The cap table after the issue does not build: the holder the issue adds
                        // (the only holder new to it), its warrant's exercise price, or the shares
                        // it issues (a holding or fully diluted total past 64 bits).
                        const nlohmann::json* h = json_reader::member(element, "holder");
                        if (name_at(1) == "holders" && h != nullptr && h->is_object()) {
                            mapped = name_at(3).empty() ? field_path("holder") : field_path("holder").member(name_at(3));
                        } else if (name_at(1) == "warrants" && name_at(3) == "exercise_price") {
                            mapped = field_path("warrant").member("exercise_price");
                        } else if (name_at(1) == "holdings" || name_at(1) == "warrants" || name_at(1) == "fully_diluted") {
                            mapped = field_path("shares");
                        }
                    }
                    const std::string named = mapped.empty() && !own.empty() ? own.to_string() + ": " : std::string();
                    const std::string rule = detail::rule_naming(d.rule, ran.references, p, holder_text);
                    const field_path where = element_at / mapped;
                    if (!reported.insert(where.json_pointer() + '\n' + d.value + '\n' + named + rule).second) continue;
                    r.report(where, d.value, named + rule + after);
                    continue;
                }
                std::string about;  // the instrument a problem is about, when reported at "converts"
                const field_path mapped = conversion ? detail::conversion_round_field(own, list[i], in, about) : detail::priced_round_field(own);
                bool cut = false;
                const field_path inside = detail::existing_prefix(list[i], mapped, cut);
                std::string rule = detail::rule_naming(d.rule, ran.references, p, holder_text);
                // The chain's problems naming an earlier round, from its facts (a step: issuances
                // count): that round (and the place that lists the instrument again) by its
                // pointer in the file.
                const field_path priced = r.base() / at.member("priced_rounds");
                if (const repeated_conversion* again = detail::repeated_at(ran, p); again != nullptr) {
                    repeated_conversion in_file = *again;
                    if (in_file.earlier_round < chain_steps.size()) in_file.earlier_round = chain_steps[in_file.earlier_round].index;
                    rule = detail::converted_already_in(in_file, out, j, priced) + ": an instrument converts once";
                } else if (ran.early_close && ran.early_close->problem == p) {
                    const close_out_of_order& early = *ran.early_close;
                    const std::size_t earlier = early.earlier_round < chain_steps.size() ? chain_steps[early.earlier_round].index : early.earlier_round;
                    rule = "is before the close " + to_string(early.earlier_close) + " of " + priced.index(earlier).json_pointer() +
                           " (\"" + out.priced_rounds.at(earlier).terms().name() +
                           "\"): rounds with conversions close in the chain's order";
                }
                // A field the file does not spell out is named in words (the fully diluted base)
                // or by the library's name.
                std::string named;
                if (cut && !own.empty()) {
                    const std::vector<path_segment> steps = own.segments();
                    const bool base = steps.size() >= 2 && steps[0].kind == path_step::member && steps[0].name == "terms" &&
                                      steps[1].kind == path_step::member && steps[1].name == "base";
                    // A member of the file the round leaves out ("top_up" under "option_pool") by
                    // its JSON name; a field without one by the library's name.
                    std::string missing;
                    const std::vector<path_segment> want = mapped.segments();
                    for (std::size_t k = inside.segments().size(); mapped != own && k < want.size(); ++k) {
                        missing += (missing.empty() ? "" : "/") +
                                   (want[k].kind == path_step::index ? std::to_string(want[k].index) : want[k].name);
                    }
                    named = base ? "the fully diluted shares its basis (\"" + std::string(out.priced_rounds[i].basis().name()) +
                                       "\") counts on the table before it: "
                                 : (missing.empty() ? own.to_string() : missing) + ": ";
                }
                const field_path where = at.member("priced_rounds").index(i) / inside;
                std::string line = where.json_pointer() + '\n' + d.value + '\n' + about + named + rule;
                if (!reported.insert(std::move(line)).second) continue;
                r.report(where, d.value, about + named + rule + after);
            }
        }
        if (!ran.ok() && *ran.failed_round >= chain_steps.size()) {
            // The chain's own problems (a waiver or pay-to-play no round follows), which a file's
            // rounds do not make: reported as the chain gives them.
            for (const diagnostic& d : ran.problems) r.report(at / d.field, d.value, d.rule);
        }
        // A series a priced round creates (its own, and each conversion series, which take the
        // round's "liquidation") whose preference or participation cap, multiple x original issue
        // price x its issued shares, is beyond the amount range: no exit can pay it. The cap
        // table's classes are refused by that rule at their multiple; the round's at its own.
        if (ran.ok()) {
            const cap_table& last = ran.result->final_table();
            std::set<std::string> reported;
            for (std::size_t i = 0; i < out.priced_rounds.size(); ++i) {
                const nlohmann::json* liquidation = json_reader::member(list[i], "liquidation");
                if (liquidation == nullptr) continue;  // 1x: the round's price x its shares, in range
                const round_on_cap_table& made = ran.result->rounds()[i];
                const liquidation_terms& lt = out.priced_rounds[i].liquidation();
                const field_path terms_at = at.member("priced_rounds").index(i).member("liquidation");
                for (const share_class& c : made.after().classes()) {
                    if (!c.is_preferred() || made.before().class_index(c.name()) || !c.original_issue_price()) continue;
                    const share_count issued = last.issued_shares(c.name());
                    const auto check = [&](const fraction& multiple, const field_path& where, const char* what) {
                        const auto beyond = detail::preference_out_of_range(multiple, *c.original_issue_price(), issued);
                        if (!beyond || !reported.insert(where.json_pointer()).second) return;
                        r.report(where, multiple.to_string(),
                                 std::string("makes the ") + what + " of \"" + c.name() + "\", the series " +
                                     (r.base() / at.member("priced_rounds").index(i)).json_pointer() + " creates, " + *beyond);
                    };
                    check(lt.multiple, terms_at.member("multiple"), "preference");
                    if (lt.participation.kind == participation_kind::capped) {
                        check(lt.participation.cap_multiple, terms_at.member("participation").member("cap_multiple"), "participation cap");
                    }
                }
            }
        }
        // The rounds as run, for the names below: when the chain failed, the rounds run again
        // without the charter (which conversion series a round makes does not depend on it but
        // where two conversion prices meet), so that these problems come with the failure's.
        std::optional<round_chain_outcome> plain;
        if (!ran.ok() && json_reader::member(j, "anti_dilution") != nullptr) {
            deal_file without = out;
            without.charter = anti_dilution_charter{};
            plain = without.chain(out.priced_rounds.size()).try_run();
        }
        const round_chain_result* run = ran.ok() ? &*ran.result : plain && plain->ok() ? &*plain->result : nullptr;
        if (run != nullptr && json_reader::member(j, "anti_dilution") != nullptr) {
            // A protected series or narrow class named as a conversion series ("Series A
            // Preferred-2") of a round that converts: on the table after that round only if its
            // conversions made it. A protection in force in a later round was checked there by the
            // chain; this finds the rest (a series of the last round, a term of a protection never
            // in force) too.
            const nlohmann::json* terms = json_reader::member(*json_reader::member(j, "anti_dilution"), "protections");
            if (terms != nullptr && !terms->is_array()) terms = nullptr;
            const field_path protections_at = at.member("anti_dilution").member("protections");
            const auto check = [&](const nlohmann::json& v, const field_path& where) {
                if (!v.is_string()) return;
                const field_path full = r.base() / where;
                for (const diagnostic& d : r.problems()) {
                    if (d.field == full) return;  // the failed round reported it already
                }
                const std::string& name = v.get_ref<const std::string&>();
                if (out.cap_table_before->class_index(name)) return;
                for (std::size_t i = 0; i < out.priced_rounds.size(); ++i) {
                    const std::string& series = out.priced_rounds[i].series();
                    if (series == name) return;
                    if (out.conversion_of(i) == nullptr || !detail::is_conversion_series_name(name, series)) continue;
                    const round_on_cap_table& made = run->rounds()[i];
                    if (made.after().class_index(name)) return;
                    std::string names;  // the conversion series the round made
                    for (const share_class& c : made.after().classes()) {
                        if (!made.before().class_index(c.name()) && detail::is_conversion_series_name(c.name(), series)) {
                            names += std::string(names.empty() ? "" : ", ") + "\"" + c.name() + "\"";
                        }
                    }
                    r.report(where, detail::json_value_text(v),
                             "is not a series " + (r.base() / at.member("priced_rounds").index(i)).json_pointer() + " (\"" +
                                 out.priced_rounds[i].terms().name() + "\") creates: " +
                                 (names.empty() ? std::string("its SAFEs and notes all convert at the round price, into \"" +
                                                              series + "\"")
                                                : "its conversions make " + names));
                    return;
                }
            };
            for (std::size_t k = 0; terms != nullptr && k < terms->size(); ++k) {
                const nlohmann::json& term = (*terms)[k];
                if (const nlohmann::json* v = json_reader::member(term, "series")) check(*v, protections_at.index(k).member("series"));
                const nlohmann::json* narrow = json_reader::member(term, "narrow_classes");
                for (std::size_t m = 0; narrow != nullptr && narrow->is_array() && m < narrow->size(); ++m) {
                    check((*narrow)[m], protections_at.index(k).member("narrow_classes").index(m));
                }
            }
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    return out;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// A fully diluted basis as its preset name ("full"), or as an object of its four flags.
inline void to_json(nlohmann::json& j, const fully_diluted_basis& b) {
    for (const auto& c : detail::json_basis_presets) {
        if (detail::basis_preset(c.value) == b) {
            j = c.name;
            return;
        }
    }
    j = nlohmann::json{{"granted_options", b.granted_options}, {"unallocated_pool", b.unallocated_pool},
                       {"warrants", b.warrants}, {"convertibles", b.convertibles}};
}

/// A priced round as read_priced_round() reads it (every term written, defaults included).
inline void to_json(nlohmann::json& j, const cap_table_round& pr) {
    const priced_round_terms& t = pr.terms();
    j = nlohmann::json{{"name", t.name()}, {"series", pr.series()}};
    to_json(j["liquidation"], pr.liquidation());
    for (const price_basis b : t.price_bases()) {
        switch (b) {
            case price_basis::pre_money: j["pre_money"] = detail::json_money_text(t.stated_valuation()); break;
            case price_basis::post_money: j["post_money"] = detail::json_money_text(t.stated_valuation()); break;
            case price_basis::price_per_share: {
                const fraction& u = t.price_units();
                // Set by at_price() from 64-bit figures: its lowest terms fit 64 bits.
                j["price_per_share"] = nlohmann::json{
                    {"amount", detail::json_money_text(money::from_units(static_cast<std::int64_t>(u.numerator()),
                                                                         t.price_currency().value_or(currency())))},
                    {"shares", static_cast<std::int64_t>(u.denominator())}};
                break;
            }
            case price_basis::new_money_ownership: j["new_money_ownership"] = t.target_ownership().to_string(); break;
        }
    }
    to_json(j["basis"], pr.basis());
    nlohmann::json& investors = j["investors"] = nlohmann::json::array();
    for (const auto& [who, amount] : t.investors()) {
        investors.push_back({{"holder", who}, {"amount", detail::json_money_text(amount)}});
    }
    nlohmann::json& added = j["new_investors"] = nlohmann::json::array();
    for (const holder& h : pr.new_investors()) to_json(added.emplace_back(), h);
    if (t.pool_target()) {
        nlohmann::json& pool = j["option_pool"] = nlohmann::json{
            {"target", t.pool_target()->to_string()},
            {"placement", detail::json_choice_name(t.placement(), detail::json_pool_placements)},
            {"target_basis", detail::json_choice_name(t.target_basis(), detail::json_pool_target_bases)}};
        if (pr.pool() && pr.new_pool_class()) {
            pool["create"] = *pr.pool();
            pool["share_class"] = *pr.new_pool_class();
        } else if (pr.pool()) {
            pool["top_up"] = *pr.pool();
        }
    } else if (pr.pool() && pr.new_pool_class()) {  // read back as a problem, as the round reports it
        j["option_pool"] = nlohmann::json{{"create", *pr.pool()}, {"share_class", *pr.new_pool_class()}};
    } else if (pr.pool()) {
        j["option_pool"] = nlohmann::json{{"top_up", *pr.pool()}};  // read back as a problem, as the round reports it
    }
    if (t.price_rounding()) {
        j["price_rounding"] = nlohmann::json{{"decimals", t.price_rounding()->decimals},
                                             {"mode", std::string(to_string(t.price_rounding()->mode))}};
    }
    j["share_rounding"] = std::string(to_string(t.share_rounding()));
    j["pool_rounding"] = std::string(to_string(t.pool_rounding()));
    j["cash_rounding"] = std::string(to_string(t.cash_rounding()));
}

/// An issue of shares between rounds as a deal file's "issuances" element without its "after"
/// (to_json(deal_file) adds it): "holder" its id, or the holder it adds; "consideration" when
/// it is a whole amount, else "price_per_share" (consideration / shares, in lowest terms: from
/// share_issuance::at_price()'s 64-bit figures); "exemption" for an exempted issue; "warrant"
/// with its exercise price.
inline void to_json(nlohmann::json& j, const chain_issuance& n) {
    const share_issuance& issue = n.issuance();
    j = nlohmann::json{{"name", issue.name()}, {"share_class", n.share_class()}, {"shares", issue.shares().value()}};
    if (n.new_holder()) {
        to_json(j["holder"], *n.new_holder());
    } else {
        j["holder"] = n.to().str();
    }
    if (const auto units = detail::whole_units(issue.consideration_units())) {
        j["consideration"] = detail::json_money_text(money::from_units(*units, issue.currency()));
    } else {
        const fraction price = issue.shares().value() > 0 ? issue.price_units() : issue.consideration_units();
        j["price_per_share"] = nlohmann::json{
            {"amount", detail::json_money_text(money::from_units(static_cast<std::int64_t>(price.numerator()), issue.currency()))},
            {"shares", static_cast<std::int64_t>(price.denominator())}};
    }
    if (issue.kind() == issuance_kind::exempted) j["exemption"] = issue.exemption();
    if (n.exercise_price()) to_json(j["warrant"]["exercise_price"], *n.exercise_price());
}

/// Writes @p c's members into its priced round's object @p j, as read_priced_round_conversion()
/// reads them: "converts" ("all_outstanding", or the SAFEs' then the notes' pointers), every term
/// written.
inline void to_json_members(nlohmann::json& j, const priced_round_conversion& c) {
    if (c.all_outstanding) {
        j["converts"] = "all_outstanding";
    } else {
        nlohmann::json& list = j["converts"] = nlohmann::json::array();
        for (const std::size_t k : c.listed.safes) list.push_back("/safes/" + std::to_string(k));
        for (const std::size_t k : c.listed.notes) list.push_back("/notes/" + std::to_string(k));
    }
    j["close_date"] = to_string(c.close_date);
    j["conversion_pricing"] = detail::json_choice_name(c.convention, detail::json_conversion_pricings);
    if (c.conversion_price_rounding) {
        j["conversion_price_rounding"] = nlohmann::json{{"decimals", c.conversion_price_rounding->decimals},
                                                        {"mode", std::string(to_string(c.conversion_price_rounding->mode))}};
    }
    j["conversion_share_rounding"] = std::string(to_string(c.conversion_share_rounding));
}

/// Writes @p p as read_pay_to_play() reads it: "terms" (each with "series", "conversion",
/// "required"; "conversion_ratio" and "shadow_series" when set), "offered" and "into" when set,
/// "conversions_count" when true.
inline void to_json(nlohmann::json& j, const pay_to_play& p) {
    j = nlohmann::json::object();
    nlohmann::json& list = j["terms"] = nlohmann::json::array();
    for (const pay_to_play_terms& t : p.terms()) {
        nlohmann::json& e = list.emplace_back();
        e["series"] = t.series;
        e["conversion"] = t.proportionate ? "proportionate" : "all_or_nothing";
        e["required"] = t.required.to_string();
        if (t.conversion_ratio) e["conversion_ratio"] = t.conversion_ratio->to_string();
        if (t.shadow_series) e["shadow_series"] = *t.shadow_series;
    }
    if (p.offered_amount()) j["offered"] = detail::json_money_text(*p.offered_amount());
    if (p.common_class()) j["into"] = *p.common_class();
    if (p.counts_conversions()) j["conversions_count"] = true;
}

/// One series' anti-dilution terms as read_anti_dilution_terms() reads them ("base" written for
/// broad_based_weighted_average, "narrow_classes" for narrow_based_weighted_average; either also
/// for another method when set, so that reading the file back reports it rather than drop it).
inline void to_json(nlohmann::json& j, const anti_dilution_terms& t) {
    j = nlohmann::json{{"series", t.series}, {"method", detail::json_choice_name(t.method, detail::json_anti_dilution_methods)}};
    if (t.method == anti_dilution_method::broad_based_weighted_average || t.broad_base != nvca_broad_base()) {
        to_json(j["base"], t.broad_base);
    }
    if (t.method == anti_dilution_method::narrow_based_weighted_average || !t.narrow_classes.empty()) {
        j["narrow_classes"] = t.narrow_classes;
    }
}

/// An anti-dilution charter as read_anti_dilution_charter() reads it (the rounding always
/// written; a protection's "waived_in" when it names a round or issuance; "exemptions" when it
/// names one).
inline void to_json(nlohmann::json& j, const anti_dilution_charter& c) {
    nlohmann::json& list = j["protections"] = nlohmann::json::array();
    for (std::size_t k = 0; k < c.protections.size(); ++k) {
        to_json(list.emplace_back(), c.protections[k]);
        if (k < c.waived_in.size() && !c.waived_in[k].empty()) list.back()["waived_in"] = c.waived_in[k];
    }
    if (c.conversion_price_rounding) {
        j["conversion_price_rounding"] = nlohmann::json{{"decimals", c.conversion_price_rounding->decimals},
                                                        {"mode", std::string(to_string(c.conversion_price_rounding->mode))}};
    } else {
        j["conversion_price_rounding"] = "exact";
    }
    if (!c.exemptions.empty()) j["exemptions"] = c.exemptions;
}

/// A SAFE as read_safe() reads it (form, mfn and pool_increase always written).
inline void to_json(nlohmann::json& j, const safe& s) {
    j = nlohmann::json{{"holder", s.holder.str()},
                       {"purchase_amount", detail::json_money_text(s.purchase_amount)},
                       {"date", to_string(s.date)},
                       {"form", detail::json_choice_name(s.form, detail::json_safe_forms)},
                       {"mfn", s.mfn},
                       {"pool_increase", detail::json_choice_name(s.pool_increase, detail::json_pool_increases)}};
    if (s.valuation_cap) j["valuation_cap"] = detail::json_money_text(*s.valuation_cap);
    if (s.discount) j["discount"] = s.discount->to_string();
    if (s.fixed_percentage) j["fixed_percentage"] = s.fixed_percentage->to_string();
}

/// A share valuation as read_share_valuation() reads it (the type always written, the
/// provider and approval dates when stated).
inline void to_json(nlohmann::json& j, const share_valuation& v) {
    j = nlohmann::json{{"share_class", v.share_class},
                       {"effective_date", to_string(v.effective_date)},
                       {"type", detail::json_choice_name(v.type, detail::json_share_valuation_types)}};
    to_json(j["price"], v.price);
    if (!v.provider.empty()) j["provider"] = v.provider;
    if (v.board_approval_date) j["board_approval_date"] = to_string(*v.board_approval_date);
    if (v.stockholder_approval_date) j["stockholder_approval_date"] = to_string(*v.stockholder_approval_date);
}

/// A convertible note as read_convertible_note() reads it (every term written).
inline void to_json(nlohmann::json& j, const convertible_note& n) {
    j = nlohmann::json{{"holder", n.holder.str()},
                       {"principal", detail::json_money_text(n.principal)},
                       {"issue_date", to_string(n.issue_date)},
                       {"maturity_date", to_string(n.maturity_date)},
                       {"annual_rate", n.annual_rate.to_string()},
                       {"method", detail::json_choice_name(n.method, detail::json_interest_methods)},
                       {"period", detail::json_choice_name(n.period, detail::json_compounding_periods)},
                       {"day_count", detail::json_choice_name(n.day_count, detail::json_note_day_counts)},
                       {"interest_rounding", std::string(to_string(n.interest_rounding))},
                       {"interest_accrues", detail::json_choice_name(n.interest_accrues, detail::json_note_interest_accruals)},
                       {"cap_form", detail::json_choice_name(n.cap_form, detail::json_safe_forms)},
                       {"pool_increase", detail::json_choice_name(n.pool_increase, detail::json_pool_increases)}};
    if (n.valuation_cap) j["valuation_cap"] = detail::json_money_text(*n.valuation_cap);
    if (n.discount) j["discount"] = n.discount->to_string();
    if (n.cap_basis) to_json(j["cap_basis"], *n.cap_basis);
    if (n.qualified_financing) j["qualified_financing"] = detail::json_money_text(*n.qualified_financing);
    if (n.at_maturity) {
        nlohmann::json& m = j["at_maturity"] = nlohmann::json{
            {"share_class", n.at_maturity->share_class},
            {"elected_by", detail::json_choice_name(n.at_maturity->elected_by, detail::json_note_parties)}};
        if (n.at_maturity->conversion_valuation) m["conversion_valuation"] = detail::json_money_text(*n.at_maturity->conversion_valuation);
    }
    if (n.at_change_of_control) {
        nlohmann::json& c = j["at_change_of_control"] = nlohmann::json{
            {"principal_plus_interest", n.at_change_of_control->principal_plus_interest},
            {"conversion_at_cap", n.at_change_of_control->conversion_at_cap}};
        if (n.at_change_of_control->principal_multiple) c["principal_multiple"] = n.at_change_of_control->principal_multiple->to_string();
    }
}

/// A scenario as {"name", "milestones": [{"name", "outcome", "date"}]}.
inline void to_json(nlohmann::json& j, const scenario& s) {
    j = nlohmann::json{{"name", s.name()}};
    nlohmann::json& list = j["milestones"] = nlohmann::json::array();
    for (const scenario::outcome& o : s.outcomes()) {
        nlohmann::json& e = list.emplace_back();
        e = {{"name", o.milestone}, {"outcome", detail::json_choice_name(o.kind, detail::json_outcome_kinds)}};
        if (o.on) e["date"] = to_string(*o.on);
    }
}

/// A counter-commitment as {"name", "counterparty", "flows": [{"date", "amount", "label"}]}
/// (in date order; a label only when not empty).
inline void to_json(nlohmann::json& j, const counter_commitment& c) {
    j = nlohmann::json{{"name", c.name()}, {"counterparty", c.counterparty()}};
    nlohmann::json& flows = j["flows"] = nlohmann::json::array();
    for (const cash_flow& f : c.flows()) {
        nlohmann::json& e = flows.emplace_back();
        e = {{"date", to_string(f.date)}, {"amount", detail::json_money_text(f.amount)}};
        if (!f.label.empty()) e["label"] = f.label;
    }
}

/// A deal file as the object read_deal_file() reads (the format version first, every list
/// written, even empty; "as_of", "formation", "anti_dilution" and "instrument_seniority" only when
/// stated; keys in nlohmann::json's sorted order).
inline void to_json(nlohmann::json& j, const deal_file& d) {
    j = nlohmann::json::object();
    j["fundround_deal"] = deal_file_version;
    j["company"] = d.company;
    if (d.as_of) j["as_of"] = to_string(*d.as_of);
    if (d.formation_date || !d.country_of_formation.empty() || !d.country_subdivision_of_formation.empty()) {
        nlohmann::json& f = j["formation"] = nlohmann::json::object();
        if (d.formation_date) f["date"] = to_string(*d.formation_date);
        if (!d.country_of_formation.empty()) f["country"] = d.country_of_formation;
        if (!d.country_subdivision_of_formation.empty()) f["subdivision"] = d.country_subdivision_of_formation;
    }
    if (d.cap_table_before) to_json(j["cap_table"], *d.cap_table_before);
    const auto list = [&](const char* name, const auto& values) {
        nlohmann::json& a = j[name] = nlohmann::json::array();
        for (const auto& v : values) to_json(a.emplace_back(), v);
    };
    list("rounds", d.rounds);
    list("priced_rounds", d.priced_rounds);
    for (const priced_round_conversion& c : d.conversions) {
        if (c.round < d.priced_rounds.size()) to_json_members(j["priced_rounds"][c.round], c);
    }
    for (const priced_round_pay_to_play& p : d.pay_to_plays) {
        if (p.round < d.priced_rounds.size()) to_json(j["priced_rounds"][p.round]["pay_to_play"], p.terms);
    }
    if (!d.issuances.empty()) {
        nlohmann::json& a = j["issuances"] = nlohmann::json::array();
        for (const deal_issuance& n : d.issuances) {
            nlohmann::json& e = a.emplace_back();
            to_json(e, n.issue);
            // "after" names the round it follows; a count past the rounds is written as is, and
            // read back as a problem, as chain() reports it.
            if (n.rounds_before > 0 && n.rounds_before <= d.priced_rounds.size()) {
                e["after"] = d.priced_rounds[n.rounds_before - 1].terms().name();
            } else if (n.rounds_before > d.priced_rounds.size()) {
                e["after"] = "(priced round " + std::to_string(n.rounds_before) + " of " + std::to_string(d.priced_rounds.size()) + ")";
            }
        }
    }
    list("safes", d.safes);
    list("notes", d.notes);
    list("valuations", d.valuations);
    list("scenarios", d.scenarios);
    list("counter_commitments", d.counter_commitments);
    if (!d.charter.protections.empty()) to_json(j["anti_dilution"], d.charter);
    if (!d.instrument_seniority.empty()) {
        nlohmann::json& o = j["instrument_seniority"] = nlohmann::json::object();
        if (d.instrument_seniority.post_money_safes) o["post_money_safes"] = *d.instrument_seniority.post_money_safes;
        if (d.instrument_seniority.pre_money_safes) o["pre_money_safes"] = *d.instrument_seniority.pre_money_safes;
        if (d.instrument_seniority.notes) o["notes"] = *d.instrument_seniority.notes;
    }
}

/// Reads a deal file from a parsed document; throws json_error with every problem at its pointer.
[[nodiscard]] inline deal_file read_deal_file_json(const nlohmann::json& j) {
    return detail::read_json_with("deal file", [&](json_reader& r) { return read_deal_file(r, j); });
}

/// Parses @p text and reads a deal file; text that is not JSON is one problem at the root.
[[nodiscard]] inline deal_file parse_deal_file(std::string_view text) {
    return read_deal_file_json(detail::parse_json_document(text, "deal file"));
}

namespace detail {

/// Appends a problem for each string in @p j (at @p at, at any depth) that a deal file cannot
/// carry: bytes that are not UTF-8 (JSON text is UTF-8) or a control character (the reader
/// refuses it: names and labels print on one line).
inline void unwritable_text_problems(const nlohmann::json& j, const field_path& at, std::vector<diagnostic>& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) unwritable_text_problems(it.value(), at.member(it.key()), out);
        return;
    }
    if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) unwritable_text_problems(j[i], at.index(i), out);
        return;
    }
    if (!j.is_string()) return;
    const std::string& text = j.get_ref<const std::string&>();
    const text_fault f = text_fault_of(text, false);
    if (f.kind == text_fault_kind::not_utf8) {
        std::string byte;
        append_hex_byte(byte, text[f.at]);
        out.push_back({at, "\"" + visible_utf8_text(text) + "\"",
                       "must be UTF-8: byte " + digits(f.at) + " (" + byte + ") starts no valid character (JSON text is UTF-8)"});
    } else if (f.kind == text_fault_kind::control) {
        out.push_back({at, json_value_text(j),
                       "must not contain control characters (a tab, a line break...): the deal file's reader refuses them"});
    }
}

}  // namespace detail

/// The deal file as JSON text, indented by two spaces (what parse_deal_file() reads back equal).
/// Throws json_error listing, at its JSON pointer, every text the file cannot carry, which a value
/// built in C++ may hold: bytes that are not UTF-8, or a control character (a tab, a line break...)
/// the reader refuses; and the values it refuses (a negative rank, a pool grant or conversion as
/// an issuance, a waiver naming both a priced round and an issuance).
[[nodiscard]] inline std::string write_deal_file(const deal_file& d) {
    nlohmann::json j = d;
    std::vector<diagnostic> problems;
    detail::unwritable_text_problems(j, field_path(), problems);
    // A rank set in code below 0, which the reader refuses.
    const auto rank = [&](const char* name, const std::optional<int>& v) {
        if (v && *v < 0) {
            problems.push_back({field_path("instrument_seniority").member(name), std::to_string(*v),
                                "must not be negative: the deal file's reader refuses it (a rank in the liquidation stack, 0 the lowest)"});
        }
    };
    rank("notes", d.instrument_seniority.notes);
    rank("post_money_safes", d.instrument_seniority.post_money_safes);
    rank("pre_money_safes", d.instrument_seniority.pre_money_safes);
    // An issuance a file cannot state: a pool grant or a conversion of preferred (the chain
    // refuses both between rounds; a file states sales and exempted issues).
    for (std::size_t k = 0; k < d.issuances.size(); ++k) {
        const issuance_kind kind = d.issuances[k].issue.issuance().kind();
        if (kind == issuance_kind::pool_grant || kind == issuance_kind::preferred_conversion) {
            problems.push_back({field_path("issuances").index(k).member("kind"), std::string(to_string(kind)),
                                "is not an issue a deal file states between rounds (a sale, or an issue under an exemption): "
                                "the chain refuses it there"});
        }
    }
    // A waiver naming both a priced round and an issuance, which the reader refuses.
    for (diagnostic& a : d.ambiguous_waivers()) problems.push_back(std::move(a));
    if (!problems.empty()) throw json_error("deal file cannot be written", std::move(problems));
    return j.dump(2) + "\n";
}

/// Reads a deal file (read_deal_file()); throws json_error with every problem at its pointer.
inline void from_json(const nlohmann::json& j, deal_file& d) { d = read_deal_file_json(j); }
/// Reads a fully diluted basis (read_fully_diluted_basis()); throws json_error.
inline void from_json(const nlohmann::json& j, fully_diluted_basis& b) {
    b = detail::read_json_with("fully diluted basis", [&](json_reader& r) { return read_fully_diluted_basis(r, j, {}); });
}
/// Reads a SAFE (read_safe()); throws json_error with every problem.
inline void from_json(const nlohmann::json& j, safe& s) {
    s = detail::read_json_with("SAFE", [&](json_reader& r) { return read_safe(r, j, {}); });
}
/// Reads a convertible note (read_convertible_note()); throws json_error with every problem.
inline void from_json(const nlohmann::json& j, convertible_note& n) {
    n = detail::read_json_with("convertible note", [&](json_reader& r) { return read_convertible_note(r, j, {}); });
}

FUNDROUND_END_NAMESPACE

namespace nlohmann {

/// Share valuations (no default constructor): written by fundround::to_json, read by
/// fundround::read_share_valuation.
template <>
struct adl_serializer<fundround::share_valuation> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::share_valuation& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::share_valuation from_json(const json& j) {
        return fundround::detail::read_json_with("share valuation",
                                                 [&](fundround::json_reader& r) { return fundround::read_share_valuation(r, j, {}); });
    }
};

/// Priced rounds on a cap table (no default constructor): written by fundround::to_json, read by
/// fundround::read_priced_round (without "converts": that names the deal file's instruments).
template <>
struct adl_serializer<fundround::cap_table_round> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::cap_table_round& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::cap_table_round from_json(const json& j) {
        return fundround::detail::read_json_with("priced round",
                                                 [&](fundround::json_reader& r) { return fundround::read_priced_round(r, j, {}); });
    }
};

/// Scenarios (no default constructor): written by fundround::to_json, read by
/// fundround::read_scenario.
template <>
struct adl_serializer<fundround::scenario> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::scenario& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::scenario from_json(const json& j) {
        return fundround::detail::read_json_with("scenario", [&](fundround::json_reader& r) { return fundround::read_scenario(r, j, {}); });
    }
};

/// Counter-commitments (no default constructor): written by fundround::to_json, read by
/// fundround::read_counter_commitment.
template <>
struct adl_serializer<fundround::counter_commitment> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::counter_commitment& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::counter_commitment from_json(const json& j) {
        return fundround::detail::read_json_with("counter-commitment",
                                                 [&](fundround::json_reader& r) { return fundround::read_counter_commitment(r, j, {}); });
    }
};

}  // namespace nlohmann

#endif  // FUNDROUND_JSON_DEAL_FILE_HPP
