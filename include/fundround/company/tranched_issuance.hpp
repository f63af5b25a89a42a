/// @file company/tranched_issuance.hpp
/// @brief Shares issued as each tranche of a round funds, at the round's price or at the
/// tranche's own (step-up) price; every investor's shares and fully diluted ownership on any
/// date, in any world (a scenario's or what actually happened).
///
/// When money arrives comes from round_timeline (time/timeline.hpp): each payment of the world
/// issues round(amount / price) shares with the priced round's share rounding, on the payment
/// date. The pool increase of the priced round is made at close. Shares bought at a price other
/// than the round's are a series of their own on the cap table (cap_table_as_of): one per distinct
/// own price, with that price as its original issue price and the round series' liquidation terms.
/// A round_chain round's SAFE and note conversion shares and anti-dilution adjustment take effect
/// at the close too (cap_table_as_of; tranched_issuance built from the round_on_cap_table), and
/// so does its pay-to-play (the overloads taking the round_chain_result and the round's index).
#ifndef FUNDROUND_COMPANY_TRANCHED_ISSUANCE_HPP
#define FUNDROUND_COMPANY_TRANCHED_ISSUANCE_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/time/timeline.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Terms that price @p r as a term sheet would: its name, its pre-money (on the fully diluted
/// base given to solve()) and each investor's whole commitment. Add a pool target or roundings
/// before solving.
[[nodiscard]] inline priced_round_terms priced_terms_of(const funding_round& r) {
    priced_round_terms terms(r.name());
    terms.pre_money(r.pre_money());
    for (const commitment& c : r.commitments()) terms.invest(c.investor.name(), c.total);
    return terms;
}

/// A tranche priced apart from the round: tranche @p tranche_index of @p investor's commitment
/// (in the order given to the round builder) buys shares at @p price (a step-up tranche, e.g. a
/// second tranche at a higher price once a milestone is met). Its shares are a series of their
/// own unless @p price is the round price: each series has one original issue price.
struct tranche_price {
    std::string investor;           ///< The investor's name in the round.
    std::size_t tranche_index = 0;  ///< Position of the tranche in the investor's list.
    price_per_share price;          ///< The tranche's own price.
    /// The series its shares are issued in on a cap table (empty: "<round series>-<k>", generated
    /// by own_series_names()); must be empty for a tranche at the round price.
    std::string series{};
};

/// A series of shares bought at a price other than the round's: its original issue price and
/// the name given by a tranche_price (empty: generated on the cap table, own_series_names()).
struct own_price_series {
    price_per_share price;  ///< The series' original issue price (the tranches' own price).
    std::string name;       ///< The name given, or empty.
};

/// Shares issued for one payment.
struct share_issue {
    calendar_date date;                       ///< The day the money is paid and the shares issued.
    std::string investor;                     ///< Who pays.
    std::size_t investor_index = 0;           ///< Position of the investor in the round.
    std::size_t tranche_index = 0;            ///< Position of the tranche in the investor's list.
    tranche_part part = tranche_part::whole;  ///< Which amount of the tranche is paid.
    money amount;                             ///< The money paid.
    price_per_share price;                    ///< The price per share (the round's or the tranche's own).
    share_count shares;                       ///< amount / price, rounded by the round's share mode.
    money not_converted;                      ///< amount - shares x price (cost rounded by the cash mode).
    /// The series bought: empty for the round's series, else the position in
    /// tranched_issuance::own_series().
    std::optional<std::size_t> own_series{};
};

namespace detail {

/// The shares @p round issues at its close beyond its new money, in the classes it adds: each
/// holding of such a class on the table after, less (in the round's series) the shares the
/// round's pricing issues that holder; a round_chain round's SAFE and note conversion shares
/// (none for a cap_table_round's). A holder holding fewer shares of the series than the pricing
/// issues it is a problem in @p problems (its shares beyond the new money cannot be told apart).
/// O(n log n) in the round's holdings and investments.
[[nodiscard]] inline std::vector<holding> shares_beyond_new_money(const round_on_cap_table& round,
                                                                  std::vector<diagnostic>& problems) {
    const cap_table& before = round.before();
    std::vector<holding> out;
    std::vector<std::pair<std::string_view, share_count>> bought;  // the pricing's shares by investor, sorted
    bought.reserve(round.pricing().investments().size());
    for (const priced_investment& i : round.pricing().investments()) bought.emplace_back(i.investor, i.shares);
    std::sort(bought.begin(), bought.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const holding& h : round.after().holdings()) {
        if (before.class_index(h.share_class)) continue;
        share_count extra = h.shares;
        if (h.share_class == round.series()) {
            auto it = std::lower_bound(bought.begin(), bought.end(), std::string_view(h.holder.str()),
                                       [](const auto& a, std::string_view n) { return a.first < n; });
            for (; it != bought.end() && it->first == h.holder.str(); ++it) {
                if (it->second > extra) {
                    problems.push_back({field_path("round").member("after"),
                                        "\"" + h.holder.str() + "\", " + std::to_string(h.shares.value()) + " of \"" +
                                            h.share_class + "\"",
                                        "is fewer shares than round \"" + round.pricing().name() + "\" issues them (" +
                                            std::to_string(it->second.value()) +
                                            "): its shares beyond the new money cannot be told apart"});
                    extra = share_count(0);
                    break;
                }
                extra -= it->second;
            }
        }
        if (extra.value() > 0) out.push_back({h.holder, h.share_class, extra});
    }
    return out;
}

/// @p round's table before with each of its classes at the conversion ratio @p round's table
/// after gives it (a round_chain round's anti-dilution adjustment, the chain's only change to a
/// class the round does not add); nullopt if no ratio changes. Linear in the table's size.
[[nodiscard]] inline std::optional<cap_table> before_at_ratios_after(const round_on_cap_table& round) {
    const cap_table& before = round.before();
    const cap_table& after = round.after();
    std::vector<std::optional<fraction>> ratio_after(before.classes().size());
    bool adjusted = false;
    for (std::size_t c = 0; c < before.classes().size(); ++c) {
        const share_class& was = before.classes()[c];
        const auto now = after.class_index(was.name());
        if (now && after.classes()[*now].conversion_ratio() != was.conversion_ratio()) {
            ratio_after[c] = after.classes()[*now].conversion_ratio();
            adjusted = true;
        }
    }
    if (!adjusted) return std::nullopt;
    cap_table_builder b;
    b.currency(before.currency());
    for (const holder& h : before.holders()) b.add(h);
    for (std::size_t c = 0; c < before.classes().size(); ++c) {
        const share_class& k = before.classes()[c];
        b.add(ratio_after[c] ? k.with_conversion_ratio(*ratio_after[c]) : k);
    }
    for (const option_pool& p : before.pools()) b.add(p);
    for (const holding& h : before.holdings()) b.holding(h.holder, h.share_class, h.shares);
    for (const option_grant& g : before.grants()) b.grant(g);
    for (const warrant& w : before.warrants()) b.add(w);
    for (const auto& x : before.declared_distinct()) b.declare_distinct(x.first, x.second);
    return b.build();
}

/// Round @p round of @p chain; throws invalid_argument_error naming the index and the chain's
/// rounds past its last round.
[[nodiscard]] inline const round_on_cap_table& round_of_chain(const round_chain_result& chain, std::size_t round) {
    const std::size_t n = chain.rounds().size();
    if (round >= n) {
        throw invalid_argument_error("round = " + std::to_string(round) +
                                     (n == 0 ? std::string(": must be a round of the chain, which has none")
                                             : ": must be a round of the chain, 0 to " + std::to_string(n - 1) + " (it has " +
                                                   std::to_string(n) + (n == 1 ? " round)" : " rounds)")));
    }
    return chain.rounds()[round];
}

}  // namespace detail

/// The shares a tranched round issues over time in one world, and who owns what on any date.
///
/// Fully diluted count on a date = base_shares() (the holders' shares before the round; from the
/// close date with the shares the round issues at its close beyond its new money, a round_chain
/// round's SAFE and note conversion shares, known when built from its round_on_cap_table) + the
/// pool increase (from the close date) + the shares issued by that date. From the close,
/// base_shares() is the priced round's base F0, plus a round_chain round's anti-dilution
/// adjustment (its more as-converted shares, adjustment_shares()) when built from its
/// round_on_cap_table. Construction is O(n log n) in the n payments
/// and tranche prices (the timeline's sort; the tranche prices checked and matched by index, not
/// pairwise); each as-of query is a binary search, O(log n), after finding the investor by name
/// (a binary search too).
class tranched_issuance {
public:
    /// Every problem with pricing @p r's tranches by @p priced and @p own_prices (empty if none):
    /// an own price for an investor or a tranche the round does not have, a tranche priced twice,
    /// a price in another currency, a series named for a tranche at the round price, two names
    /// for one price, one name (by holder_name_key) for two prices; a tranche whose amount (or
    /// fallback) buys no whole share at its price by the round's share rounding (as priced_round
    /// reports an investment below one share), or, under rounding::exact, a fraction of a share,
    /// whether or not it is paid in a world; under a cash rounding of rounding::exact, shares that
    /// do not cost a whole money unit; a tranche whose amount buys more shares than a share count
    /// holds, and tranches that, every one paid, take the fully diluted count past it.
    [[nodiscard]] static std::vector<diagnostic> validate(const funding_round& r, const priced_round& priced,
                                                          const std::vector<tranche_price>& own_prices) {
        std::vector<diagnostic> out;
        if (r.currency() != priced.currency()) {
            out.push_back({field_path("round").member("currency"), to_string(r.currency()),
                           "must be the priced round's currency, " + to_string(priced.currency())});
        }
        // Each tranche price's first entry for its investor and tranche (itself if none before):
        // the positions sorted by investor, tranche and position.
        std::vector<std::size_t> first_of(own_prices.size());
        {
            std::vector<std::size_t> order(own_prices.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            const auto same = [&](std::size_t a, std::size_t b) {
                return own_prices[a].investor == own_prices[b].investor && own_prices[a].tranche_index == own_prices[b].tranche_index;
            };
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                const int c = own_prices[a].investor.compare(own_prices[b].investor);
                if (c != 0) return c < 0;
                if (own_prices[a].tranche_index != own_prices[b].tranche_index) {
                    return own_prices[a].tranche_index < own_prices[b].tranche_index;
                }
                return a < b;
            });
            for (std::size_t k = 0; k < order.size(); ++k) {
                first_of[order[k]] = k > 0 && same(order[k - 1], order[k]) ? first_of[order[k - 1]] : order[k];
            }
        }
        // The named tranche prices (not at the round price) seen so far, by price and by name key.
        struct named_group {
            std::size_t first;        // the group's first entry
            std::size_t first_other;  // its first entry with another name (by price) or price (by key); size() if none
        };
        std::unordered_map<price_per_share, named_group> named_by_price;
        std::map<std::string, named_group> named_by_key;
        for (std::size_t i = 0; i < own_prices.size(); ++i) {
            const tranche_price& p = own_prices[i];
            const field_path path = field_path("tranche_prices").index(i);
            if (!r.has_investor(p.investor)) {
                out.push_back({path.member("investor"), "\"" + p.investor + "\"", "is not in round \"" + r.name() + "\""});
            } else if (p.tranche_index >= r.commitment_of(p.investor).tranches.size()) {
                out.push_back({path.member("tranche_index"), std::to_string(p.tranche_index),
                               "\"" + p.investor + "\" has " +
                                   std::to_string(r.commitment_of(p.investor).tranches.size()) + " tranches"});
            }
            if (first_of[i] != i) {
                out.push_back({path, p.investor + " tranche " + std::to_string(p.tranche_index),
                               "is priced twice (also " + field_path("tranche_prices").index(first_of[i]).to_string() + ")"});
            }
            if (p.price.currency() != priced.currency()) {
                out.push_back({path.member("price"), p.price.display_string(), "must be in " + to_string(priced.currency())});
            }
            if (p.series.empty()) continue;
            if (p.price == priced.price()) {
                out.push_back({path.member("series"), "\"" + p.series + "\"",
                               "must be empty: a tranche at the round price (" + p.price.display_string() +
                                   ") buys the round's series"});
                continue;
            }
            // The first earlier named tranche price (not at the round price) with this price and
            // another name, or with another price and this name (by holder_name_key): one lookup
            // by price and one by name key, each group keeping its first entry and the first
            // that differs from it (the earliest clash with any later entry is one of the two).
            std::string key = detail::name_key(p.series);
            auto by_price = named_by_price.find(p.price);
            auto by_key = named_by_key.find(key);
            std::size_t j = own_prices.size();
            if (by_price != named_by_price.end()) {
                const named_group& g = by_price->second;
                j = own_prices[g.first].series != p.series ? g.first : g.first_other;
            }
            if (by_key != named_by_key.end()) {
                const named_group& g = by_key->second;
                j = std::min(j, own_prices[g.first].price != p.price ? g.first : g.first_other);
            }
            if (j < own_prices.size()) {
                const tranche_price& q = own_prices[j];
                const field_path other = field_path("tranche_prices").index(j);
                if (q.price == p.price) {
                    out.push_back({path.member("series"), "\"" + p.series + "\"",
                                   "must be \"" + q.series + "\" as " + other.to_string() +
                                       " names it: one price is one series (" + p.price.display_string() + ")"});
                } else {
                    out.push_back({path.member("series"), "\"" + p.series + "\"",
                                   "is also the series of " + other.to_string() + " at " + q.price.display_string() +
                                       ": a series has one original issue price (" + p.price.display_string() + " here)"});
                }
            }
            if (by_price == named_by_price.end()) {
                named_by_price.emplace(p.price, named_group{i, own_prices.size()});
            } else if (by_price->second.first_other == own_prices.size() && own_prices[by_price->second.first].series != p.series) {
                by_price->second.first_other = i;
            }
            if (by_key == named_by_key.end()) {
                named_by_key.emplace(std::move(key), named_group{i, own_prices.size()});
            } else if (by_key->second.first_other == own_prices.size() && own_prices[by_key->second.first].price != p.price) {
                by_key->second.first_other = i;
            }
        }
        // A payment that buys no whole share is a problem, as priced_round reports an investment
        // below one share's price (nothing left silently as cash): each tranche's amount, else its
        // fallback, at its price (its own, else the round's), by the round's share rounding. Under
        // rounding::exact an amount that buys a fraction of a share is the problem, at its tranche
        // (as priced_round names an investment whose shares are not whole), whether or not it is
        // paid in a world: issuing it would throw an inexact_error that names no tranche.
        if (r.currency() != priced.currency()) return out;
        const bool exact = priced.share_rounding() == rounding::exact;
        const std::vector<commitment>& cs = r.commitments();
        // The shares of every tranche's whole amount (the most a world can issue: a fallback is
        // less): with the base and the pool increase they must fit a share count, or issuing
        // them, or fully_diluted() in the world where every tranche pays, would overflow.
        detail::int128 most_issued = detail::int128(priced.pre_round().fully_diluted.value()) + priced.pool_increase().value();
        bool each_fits = true;
        // Each tranche's own price (the first given for it), or null: tranche k of commitment i at
        // own_at[start[i] + k].
        std::vector<std::size_t> start(cs.size() + 1, 0);
        for (std::size_t i = 0; i < cs.size(); ++i) start[i + 1] = start[i] + cs[i].tranches.size();
        std::vector<const price_per_share*> own_at(start.back(), nullptr);
        for (std::size_t j = own_prices.size(); j-- > 0;) {  // backwards: the first given wins
            const tranche_price& p = own_prices[j];
            if (!r.has_investor(p.investor)) continue;
            const std::size_t i = static_cast<std::size_t>(&r.commitment_of(p.investor) - cs.data());
            if (p.tranche_index < cs[i].tranches.size()) own_at[start[i] + p.tranche_index] = &p.price;
        }
        for (std::size_t i = 0; i < cs.size(); ++i) {
            for (std::size_t k = 0; k < cs[i].tranches.size(); ++k) {
                const price_per_share* own = own_at[start[i] + k];
                if (own != nullptr && own->currency() != priced.currency()) continue;  // reported above
                const fraction& units = own != nullptr ? own->units_per_share() : priced.price_units();
                const tranche& t = cs[i].tranches[k];
                const auto at = [&](bool fallback) {
                    return field_path("round").member("investors").index(i, cs[i].investor.name()).member("tranches").index(k)
                        .member(fallback ? "fallback" : "amount");
                };
                const auto price_text = [&] {
                    return own != nullptr ? own->display_string() : detail::price_text(units, priced.currency(), priced.price_rounding());
                };
                {  // the amount's shares (under rounding::exact a fraction is reported below)
                    const fraction amount_shares = fraction(t.amount().units()) / units;
                    const detail::int128 whole = amount_shares.round_to_integer(exact ? rounding::floor : priced.share_rounding());
                    if (whole > detail::int128(detail::int64_max)) {
                        out.push_back({at(false), format_full(t.amount()),
                                       "buys " + detail::group_thousands(fraction(whole).to_string()) + " shares at the price of " +
                                           price_text() + " per share, more than a share count holds (" +
                                           detail::group_thousands(std::to_string(detail::int64_max)) +
                                           " at most); raise the price or lower the amount"});
                        each_fits = false;
                    } else {
                        most_issued += whole;
                    }
                }
                if (priced.cash_rounding() == rounding::exact) {  // each amount paid must cost whole money units
                    for (const bool fallback : {false, true}) {
                        if (fallback && !t.has_fallback()) continue;
                        const money m = fallback ? *t.fallback() : t.amount();
                        const fraction exact_shares = fraction(m.units()) / units;
                        if (exact && !exact_shares.is_integer()) continue;  // reported below
                        const detail::int128 whole = exact_shares.round_to_integer(exact ? rounding::floor : priced.share_rounding());
                        if (whole > detail::int128(detail::int64_max)) continue;  // reported above
                        const fraction cost = units * fraction(whole);
                        if (cost.is_integer()) continue;
                        out.push_back({at(fallback), format_full(m),
                                       "buys " + fraction(whole).to_string() + " shares at the price of " + price_text() +
                                           " per share, costing " + cost.to_string() +
                                           " money units (thousandths), not whole, and the round's cash rounding is rounding::exact"});
                    }
                }
                if (exact) {  // each amount paid (the amount, the fallback) must buy whole shares
                    for (const bool fallback : {false, true}) {
                        if (fallback && !t.has_fallback()) continue;
                        const money m = fallback ? *t.fallback() : t.amount();
                        const fraction shares = fraction(m.units()) / units;
                        if (shares.is_integer()) continue;
                        out.push_back({at(fallback), format_full(m),
                                       "buys " + shares.to_string() + " shares at the price of " + price_text() +
                                           " per share, not a whole number, and the round's share rounding is rounding::exact"});
                    }
                    continue;
                }
                const auto buys_none = [&](money m) {
                    return (fraction(m.units()) / units).round_to_integer(priced.share_rounding()) == 0;
                };
                // The amount, else the fallback (less than the amount: it buys no more shares).
                const bool whole = buys_none(t.amount());
                if (!whole && !(t.has_fallback() && buys_none(*t.fallback()))) continue;
                const money paid = whole ? t.amount() : *t.fallback();
                out.push_back({at(!whole), format_full(paid),
                               "buys no whole share at the price of " + price_text() + " per share (shares rounded " +
                                   std::string(to_string(priced.share_rounding())) + "): a payment must buy at least one share"});
            }
        }
        if (each_fits && most_issued > detail::int128(detail::int64_max)) {
            out.push_back({field_path("round").member("investors"),
                           detail::group_thousands(fraction(most_issued).to_string()) + " shares",
                           "every tranche paid, the fully diluted count (the base " +
                               detail::group_thousands(std::to_string(priced.pre_round().fully_diluted.value())) + ", the pool increase " +
                               detail::group_thousands(std::to_string(priced.pool_increase().value())) +
                               " and the shares issued) does not fit a share count (" +
                               detail::group_thousands(std::to_string(detail::int64_max)) + " at most)"});
        }
        return out;
    }

    /// @p r's tranches as they fund in the world @p facts, priced by @p priced (its price, base,
    /// pool increase and roundings) unless @p own_prices prices a tranche apart. Throws
    /// validation_error listing every problem.
    tranched_issuance(const funding_round& r, const priced_round& priced, const world_state& facts,
                      const std::vector<tranche_price>& own_prices = {})
        : name_(r.name()),
          currency_(priced.currency()),
          close_(r.close_date()),
          base_(priced.pre_round().fully_diluted),
          pool_increase_(priced.pool_increase()) {
        std::vector<diagnostic> problems = validate(r, priced, own_prices);
        if (!problems.empty()) {
            throw validation_error("tranche prices of round \"" + r.name() + "\" are invalid", std::move(problems));
        }
        build(round_timeline(r, facts).payments(), r, priced, own_prices);
    }
    /// @p r's tranches as they fund in scenario @p s; throws validation_error if the scenario
    /// does not fit the round or a tranche price is invalid.
    tranched_issuance(const funding_round& r, const priced_round& priced, const scenario& s,
                      const std::vector<tranche_price>& own_prices = {})
        : tranched_issuance(r, priced, checked_world(r, s), own_prices) {}
    /// @p r's tranches as they fund in the world @p facts, priced by @p round's pricing, with the
    /// shares @p round issues at its close beyond its new money (a round_chain round's SAFE and
    /// note conversion shares) counted from the close date only: before it they are still SAFEs
    /// and notes, not shares (the priced_round alone counts them in its base F0 on every date);
    /// and, from the close, the as-converted shares its anti-dilution adjustment adds to the
    /// classes before (adjustment_shares(), on @p round's basis), as cap_table_as_of has them.
    /// Throws validation_error listing every problem (also a holder holding fewer shares of
    /// @p round's series after it than its pricing issues them).
    tranched_issuance(const funding_round& r, const round_on_cap_table& round, const world_state& facts,
                      const std::vector<tranche_price>& own_prices = {})
        : tranched_issuance(r, round.pricing(), facts, own_prices) {
        std::vector<diagnostic> problems;
        for (const holding& h : detail::shares_beyond_new_money(round, problems)) converting_ += h.shares;
        if (!problems.empty()) throw validation_error("the tranched round does not fit the cap table", std::move(problems));
        if (converting_ > base_) {  // no library round makes one: its base F0 counts them
            throw validation_error("the tranched round does not fit the cap table",
                                   {{field_path("round").member("after"), std::to_string(converting_.value()) + " shares",
                                     "are more shares beyond the new money than round \"" + round.pricing().name() +
                                         "\" prices on (its base " + std::to_string(base_.value()) + ")"}});
        }
        if (const std::optional<cap_table> adjusted = detail::before_at_ratios_after(round)) {
            adjusting_ = adjusted->fully_diluted(round.basis()).total() - round.before().fully_diluted(round.basis()).total();
        }
    }
    /// @p r's tranches as they fund in scenario @p s, with @p round's conversion shares from its
    /// close (as the world_state constructor); throws validation_error if the scenario does not
    /// fit the round, a tranche price is invalid or @p round's shares do not split.
    tranched_issuance(const funding_round& r, const round_on_cap_table& round, const scenario& s,
                      const std::vector<tranche_price>& own_prices = {})
        : tranched_issuance(r, round, checked_world(r, s), own_prices) {}
    /// @p r's tranches as they fund in the world @p facts, as round @p round of @p chain (the
    /// round_on_cap_table constructor on chain.rounds()[round]), with the round's pay-to-play
    /// (chain.pay_to_play(round)) from the close only: before it, base_shares() is the table
    /// before the pay-to-play (its fully diluted count on the round's basis), as
    /// cap_table_as_of(chain, round, ...) has it. Throws invalid_argument_error past the chain's
    /// last round, validation_error as the round_on_cap_table constructor.
    tranched_issuance(const funding_round& r, const round_chain_result& chain, std::size_t round,
                      const world_state& facts, const std::vector<tranche_price>& own_prices = {})
        : tranched_issuance(r, chain_round(chain, round), facts, own_prices) {
        if (chain.pay_to_play(round) != nullptr) {
            before_close_ = chain.table_at_start(round).fully_diluted(chain.rounds()[round].basis()).total();
        }
    }
    /// @p r's tranches as they fund in scenario @p s, as round @p round of @p chain with its
    /// pay-to-play from the close (as the world_state constructor).
    tranched_issuance(const funding_round& r, const round_chain_result& chain, std::size_t round,
                      const scenario& s, const std::vector<tranche_price>& own_prices = {})
        : tranched_issuance(r, chain, round, checked_world(r, s), own_prices) {}

    /// Every issue of shares, in date order; issues on the same day keep the order of
    /// round_timeline::payments() (the schedule's: its dated entries, then its undated ones).
    [[nodiscard]] const std::vector<share_issue>& issues() const noexcept { return issues_; }
    /// The investors' names, in round order.
    [[nodiscard]] const std::vector<std::string>& investors() const noexcept { return names_; }
    /// The series bought at prices other than the round's, one per distinct own price, in the
    /// order of the tranche prices given (whether or not they fund in this world).
    [[nodiscard]] const std::vector<own_price_series>& own_series() const noexcept { return own_series_; }

    /// Shares issued to @p investor on or before @p d; throws invalid_argument_error if it is
    /// not in the round. O(log n).
    [[nodiscard]] share_count shares_of(std::string_view investor, calendar_date d) const {
        return count_at(per_investor_[index_of(investor)], d);
    }
    /// Shares issued to all investors on or before @p d. O(log n).
    [[nodiscard]] share_count new_shares(calendar_date d) const { return count_at(all_, d); }
    /// The pool increase in force on @p d (from the close date on); throws invalid_argument_error
    /// unless @p d is a real day on or before end_of_time().
    [[nodiscard]] share_count pool_increase(calendar_date d) const {
        require_valid(d, "as_of");
        return d < close_ ? share_count(0) : pool_increase_;
    }
    /// The round's close date (the pool increase, and a chain round's conversions, from it on).
    [[nodiscard]] calendar_date close_date() const noexcept { return close_; }
    /// The shares the round issues at its close beyond its new money, in force on @p d (from the
    /// close date on): a round_chain round's SAFE and note conversion shares when built from its
    /// round_on_cap_table, else 0; throws invalid_argument_error unless @p d is a real day on or
    /// before end_of_time().
    [[nodiscard]] share_count conversion_shares(calendar_date d) const {
        require_valid(d, "as_of");
        return d < close_ ? share_count(0) : converting_;
    }
    /// The as-converted shares a round_chain round's anti-dilution adjustment adds to the classes
    /// before it, in force on @p d (from the close date on), when built from its
    /// round_on_cap_table (else 0); throws invalid_argument_error unless @p d is a real day on or
    /// before end_of_time().
    [[nodiscard]] share_count adjustment_shares(calendar_date d) const {
        require_valid(d, "as_of");
        return d < close_ ? share_count(0) : adjusting_;
    }
    /// The holders' shares counted on @p d before the round's new money and pool increase: the
    /// base F0 (with adjustment_shares()) from the close date on; before it F0 less the
    /// conversion shares, or, built from a chain's round with a pay-to-play, the fully diluted
    /// count of the table before the pay-to-play. Throws invalid_argument_error unless @p d is a
    /// real day on or before end_of_time().
    [[nodiscard]] share_count base_shares(calendar_date d) const {
        require_valid(d, "as_of");
        if (d < close_ && before_close_) return *before_close_;
        return base_ - converting_ + conversion_shares(d) + adjustment_shares(d);
    }
    /// Fully diluted shares on @p d: base_shares(d) + pool increase (from close) + shares issued
    /// by @p d.
    [[nodiscard]] share_count fully_diluted(calendar_date d) const {
        return base_shares(d) + pool_increase(d) + new_shares(d);
    }
    /// @p investor's fraction of the fully diluted count on @p d.
    [[nodiscard]] fraction ownership(std::string_view investor, calendar_date d) const {
        return fraction(shares_of(investor, d).value(), fully_diluted(d).value());
    }
    /// The holders before the round (base_shares(d): existing pool and, from the close, the
    /// conversion shares included) on @p d.
    [[nodiscard]] fraction existing_ownership(calendar_date d) const {
        return fraction(base_shares(d).value(), fully_diluted(d).value());
    }
    /// The pool increase's fraction on @p d.
    [[nodiscard]] fraction pool_increase_ownership(calendar_date d) const {
        return fraction(pool_increase(d).value(), fully_diluted(d).value());
    }
    /// Money paid on or before @p d that bought no share (sum of not_converted); throws
    /// invalid_argument_error unless @p d is a real day on or before end_of_time().
    [[nodiscard]] money not_converted(calendar_date d) const {
        require_valid(d, "as_of");
        money total = money::zero(currency_);
        for (const share_issue& i : issues_) {
            if (i.date <= d) total += i.not_converted;
        }
        return total;
    }

private:
    struct track {
        std::vector<calendar_date> days;
        std::vector<share_count> after;  // cumulative shares after each day
    };

    static const round_on_cap_table& chain_round(const round_chain_result& chain, std::size_t round) {
        return detail::round_of_chain(chain, round);
    }

    static world_state checked_world(const funding_round& r, const scenario& s) {
        std::vector<diagnostic> problems = s.validate(r);
        if (!problems.empty()) {
            throw validation_error("scenario \"" + s.name() + "\" does not fit round \"" + r.name() + "\"",
                                   std::move(problems));
        }
        return s.world();
    }

    static void record(track& t, calendar_date day, share_count shares) {
        const share_count before = t.after.empty() ? share_count(0) : t.after.back();
        if (!t.days.empty() && t.days.back() == day) {
            t.after.back() = before + shares;
        } else {
            t.days.push_back(day);
            t.after.push_back(before + shares);
        }
    }

    static share_count count_at(const track& t, calendar_date d) {
        require_valid(d, "as_of");
        const auto it = std::upper_bound(t.days.begin(), t.days.end(), d);
        if (it == t.days.begin()) return share_count(0);
        return t.after[static_cast<std::size_t>(it - t.days.begin()) - 1];
    }

    std::size_t index_of(std::string_view name) const {
        const auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                                         [&](std::size_t i, std::string_view n) { return names_[i] < n; });
        if (it != by_name_.end() && names_[*it] == name) return *it;
        detail::throw_unknown_investor(name, detail::concat({"is not in round \"", name_, "\""}), &names_, names_.size(),
                                       detail::string_at);
    }

    void build(const std::vector<payment>& payments, const funding_round& r, const priced_round& priced,
               const std::vector<tranche_price>& own_prices) {
        const std::vector<commitment>& cs = r.commitments();
        names_.reserve(cs.size());
        std::vector<std::vector<const price_per_share*>> own(cs.size());
        std::vector<std::vector<std::optional<std::size_t>>> series_of(cs.size());
        for (std::size_t i = 0; i < cs.size(); ++i) {
            names_.push_back(cs[i].investor.name());
            own[i].assign(cs[i].tranches.size(), nullptr);
            series_of[i].assign(cs[i].tranches.size(), std::nullopt);
        }
        by_name_.resize(cs.size());
        for (std::size_t i = 0; i < by_name_.size(); ++i) by_name_[i] = i;
        std::sort(by_name_.begin(), by_name_.end(), [&](std::size_t a, std::size_t b) { return names_[a] < names_[b]; });
        std::unordered_map<price_per_share, std::size_t> series_at;  // own price -> own_series_ position
        for (const tranche_price& p : own_prices) {
            std::optional<std::size_t> series;
            if (p.price != priced.price()) {
                series = series_at.emplace(p.price, own_series_.size()).first->second;
                if (*series == own_series_.size()) own_series_.push_back({p.price, std::string()});
                if (own_series_[*series].name.empty()) own_series_[*series].name = p.series;
            }
            const std::size_t i = static_cast<std::size_t>(&r.commitment_of(p.investor) - cs.data());  // validated
            own[i][p.tranche_index] = &p.price;
            series_of[i][p.tranche_index] = series;
        }
        per_investor_.resize(cs.size());
        issues_.reserve(payments.size());
        const price_per_share round_price = priced.price();
        for (const payment& p : payments) {
            const price_per_share* mine = own[p.investor_index][p.tranche_index];
            const price_per_share& price = mine != nullptr ? *mine : round_price;
            const fraction exact = fraction(p.amount.units()) / price.units_per_share();
            const share_count shares(detail::narrow(exact.round_to_integer(priced.share_rounding()), "shares issued"));
            const fraction cost = price.units_per_share() * fraction(shares.value());
            const money paid =
                money::from_units(detail::narrow(cost.round_to_integer(priced.cash_rounding()), "cost of shares"), currency_);
            issues_.push_back({p.date, p.investor, p.investor_index, p.tranche_index, p.part, p.amount, price, shares,
                               p.amount - paid, series_of[p.investor_index][p.tranche_index]});
            record(all_, p.date, shares);
            record(per_investor_[p.investor_index], p.date, shares);
        }
    }

    std::string name_;
    currency currency_;
    calendar_date close_{};
    share_count base_;
    share_count converting_;  // the part of base_ issued at the close (conversion shares)
    share_count adjusting_;   // the as-converted shares the round's adjustment adds at the close (not in base_)
    share_count pool_increase_;
    // Built from a chain's round with a pay-to-play: the table before it, fully diluted (the
    // holders' shares before the close, in place of base_ - converting_).
    std::optional<share_count> before_close_;
    std::vector<std::string> names_;
    std::vector<std::size_t> by_name_;  // positions in names_, sorted by name (shares_of() and the others)
    std::vector<own_price_series> own_series_;
    std::vector<share_issue> issues_;
    track all_;
    std::vector<track> per_investor_;
};

/// The names on the cap table of @p issued's own-price series, in own_series() order: the name a
/// tranche_price gives, else "<series>-<k>" (@p round's series) with the lowest k >= 1 that no
/// class on the table after @p round, no name given and no earlier name generated takes (by
/// holder_name_key). Throws validation_error if a name given is a class on the table after @p
/// round.
[[nodiscard]] inline std::vector<std::string> own_series_names(const round_on_cap_table& round,
                                                               const tranched_issuance& issued) {
    const std::vector<own_price_series>& own = issued.own_series();
    const std::vector<share_class>& classes = round.after().classes();
    std::vector<std::string> names(own.size());
    std::vector<diagnostic> problems;
    const auto taken = [&](std::string_view name) {
        for (const share_class& c : classes) {
            if (detail::compare_name_keys(c.name(), name) == 0) return true;
        }
        for (const std::string& n : names) {
            if (!n.empty() && detail::compare_name_keys(n, name) == 0) return true;
        }
        return false;
    };
    for (std::size_t k = 0; k < own.size(); ++k) {
        if (own[k].name.empty()) continue;
        for (const share_class& c : classes) {
            if (detail::compare_name_keys(c.name(), own[k].name) == 0) {
                problems.push_back({field_path("own_series").index(k).member("name"), "\"" + own[k].name + "\"",
                                    "is class \"" + c.name() + "\" on the cap table after round \"" +
                                        round.pricing().name() + "\": shares bought at " + own[k].price.display_string() +
                                        " need a series of their own"});
                break;
            }
        }
        names[k] = own[k].name;
    }
    if (!problems.empty()) {
        throw validation_error("the own-price series of round \"" + round.pricing().name() + "\" clash with the cap table",
                               std::move(problems));
    }
    std::size_t next = 1;
    for (std::size_t k = 0; k < own.size(); ++k) {
        if (!names[k].empty()) continue;
        names[k] = detail::next_series_name(round.series(), next, taken);
    }
    return names;
}

/// The cap tables of a tranched round on any number of dates: cap_table_as_of() with what does
/// not depend on the date done once (the investors checked on the table after, the shares the
/// round issues beyond its new money, the own-price series' names and classes, the table before
/// at the conversion ratios after), so that each at() is only the date's shares on a copy of
/// the table it starts from. Holds copies of the tables it starts from (one, shared, when they
/// are the same table) and shares a copy of the issuance: the round, the chain and the issuance
/// given may go.
///
///     const tranched_cap_tables tables(chain, 1, issued);  // the checks and tables, once
///     for (const calendar_date d : dates) report(tables.at(d));
class tranched_cap_tables {
public:
    /// cap_table_as_of(@p round, @p issued, d) for any d; throws validation_error as it does.
    tranched_cap_tables(const round_on_cap_table& round, const tranched_issuance& issued)
        : tranched_cap_tables(round, std::make_shared<const tranched_issuance>(issued), owned_starts(round, nullptr)) {}
    /// cap_table_as_of(@p chain, @p round, @p issued, d) for any d; throws
    /// invalid_argument_error past the chain's last round, validation_error as it does.
    tranched_cap_tables(const round_chain_result& chain, std::size_t round, const tranched_issuance& issued)
        : tranched_cap_tables(detail::round_of_chain(chain, round), std::make_shared<const tranched_issuance>(issued),
                              owned_starts(detail::round_of_chain(chain, round), &start_of(chain, round))) {}

    /// The cap table on @p d: cap_table_as_of(...) on @p d with this object's round and issuance.
    /// Throws invalid_argument_error for an invalid date. O(m log m) in the m payments by @p d
    /// plus the table's build.
    [[nodiscard]] cap_table at(calendar_date d) const {
        require_valid(d, "as_of");
        const tranched_issuance& issued = *issued_;
        // Shares issued by d, per investor and series (0: the round's, k: own_series()[k - 1]): the
        // issues by d sorted by investor and series (stable), each run summed; only the pairs that
        // were issued, not every investor times every series.
        const std::size_t series_count = names_.size() + 1;
        struct held_shares {
            std::size_t investor;
            std::size_t series;
            share_count shares;
        };
        std::vector<held_shares> held;
        std::vector<bool> funded(series_count, false);
        for (const share_issue& i : issued.issues()) {
            if (i.date > d) break;  // issues are in date order
            const std::size_t k = i.own_series ? *i.own_series + 1 : 0;
            held.push_back({i.investor_index, k, i.shares});
            funded[k] = funded[k] || i.shares.value() > 0;
        }
        std::stable_sort(held.begin(), held.end(), [](const held_shares& a, const held_shares& b) {
            return a.investor != b.investor ? a.investor < b.investor : a.series < b.series;
        });
        std::size_t runs = 0;
        for (std::size_t j = 0; j < held.size(); ++j) {
            if (runs > 0 && held[runs - 1].investor == held[j].investor && held[runs - 1].series == held[j].series) {
                held[runs - 1].shares += held[j].shares;
            } else {
                held[runs++] = held[j];
            }
        }
        held.resize(runs);
        // From the close, the table before at the ratios after (from_close_); before it, the table
        // it starts from (a chain round's pay-to-play converts at the close too).
        const bool closed = d >= issued.close_date();
        const start_table& start = closed ? from_close_ : before_close_;
        cap_table_builder b(*start.table);  // prepared: both tables, or by one_call() the date's
        for (const holder& h : start.added_holders) b.add(h);  // the holders the round adds
        for (const share_class& c : start.added_classes) b.add(c);  // the round's series, its conversions' and pay-to-play's own series
        for (std::size_t k = 1; k < series_count; ++k) {
            if (funded[k]) b.add(own_classes_[k - 1]);
        }
        const share_count pool = issued.pool_increase(d);
        if (pool.value() > 0 && pool_) {
            if (pool_created_) {  // a pool the round creates (new_pool()): on the table from the close
                b.add(option_pool{pool_->name, pool_->share_class, pool});
            } else {
                b.increase_pool(pool_->name, pool);
            }
        }
        if (closed) {  // the conversions happen at the close, as the round's table after issues them: first
            for (const holding& h : at_close_) b.issue(h.holder, h.share_class, h.shares);
        }
        for (const held_shares& h : held) {
            if (h.shares.value() > 0) {
                b.issue(investor_ids_[h.investor], h.series == 0 ? series_ : names_[h.series - 1], h.shares);
            }
        }
        return b.build();
    }

private:
    friend cap_table cap_table_as_of(const round_on_cap_table&, const tranched_issuance&, calendar_date);
    friend cap_table cap_table_as_of(const round_chain_result&, std::size_t, const tranched_issuance&, calendar_date);

    // A table to start from (owned, or borrowed for one call by one_call(); null: not prepared),
    // with the holders and classes of the table after it does not have.
    struct start_table {
        std::shared_ptr<const cap_table> table;
        std::vector<holder> added_holders;
        std::vector<share_class> added_classes;
    };
    // The tables to start from before the close and from it.
    struct start_tables {
        std::shared_ptr<const cap_table> before_close;
        std::shared_ptr<const cap_table> from_close;
    };

    // @p round tranched as @p issued (shared, or borrowed for one call by cap_table_as_of()),
    // before its close from @p starts.before_close (its table before, or a chain round's before
    // its pay-to-play), from the close from @p starts.from_close (its table before at the ratios
    // after); a null table is not prepared (one_call(): only the date's).
    tranched_cap_tables(const round_on_cap_table& round, std::shared_ptr<const tranched_issuance> issued,
                        start_tables starts)
        : issued_(std::move(issued)),
          series_(round.series()),
          before_close_(start_from(std::move(starts.before_close), round.after())),
          from_close_(start_from(std::move(starts.from_close), round.after())) {
        const tranched_issuance& is = *issued_;
        const cap_table& after = round.after();
        std::vector<diagnostic> problems;
        investor_ids_.reserve(is.investors().size());
        for (std::size_t i = 0; i < is.investors().size(); ++i) {
            investor_ids_.emplace_back(is.investors()[i]);
            if (!after.holder_index(investor_ids_.back())) {
                problems.push_back({field_path("investors").index(i), "\"" + is.investors()[i] + "\"",
                                    "is not a holder id on the cap table after round \"" + round.pricing().name() + "\""});
            }
        }
        // The shares the round issues at its close beyond its new money, in the classes it adds:
        // the conversion shares of a round with SAFEs and notes (round_chain's round_on_cap_table
        // of a conversion_round), after less the pricing's shares; none for a cap_table_round.
        at_close_ = detail::shares_beyond_new_money(round, problems);
        if (!problems.empty()) throw validation_error("the tranched round does not fit the cap table", std::move(problems));
        names_ = own_series_names(round, is);
        const share_class& series = after.classes()[*after.class_index(round.series())];
        own_classes_.reserve(names_.size());
        for (std::size_t k = 0; k < names_.size(); ++k) {
            own_classes_.push_back(share_class::preferred(names_[k], is.own_series()[k].price, series.terms()));
        }
        if (round.pool()) {
            pool_created_ = round.pool_created();
            pool_ = pool_created_ ? after.pools()[*after.pool_index(*round.pool())] : option_pool{*round.pool(), {}, {}};
        }
    }

    static const cap_table& start_of(const round_chain_result& chain, std::size_t round) {
        (void)detail::round_of_chain(chain, round);  // the same error whichever argument is evaluated first
        return chain.table_at_start(round);
    }

    // @p t borrowed: a shared_ptr that owns nothing (for one call, while @p t lives).
    static std::shared_ptr<const cap_table> borrowed(const cap_table& t) {
        return std::shared_ptr<const cap_table>(std::shared_ptr<void>(), &t);
    }

    // From the close, the classes on the table before with the conversion ratio they have after
    // the round: a round_chain round's anti-dilution adjustment (the chain's only change to a
    // class the round does not add), in force from the close as the round's table after has it.
    // Null when no ratio changes (the table before itself).
    static std::shared_ptr<const cap_table> adjusted_before(const round_on_cap_table& round) {
        std::optional<cap_table> adjusted = detail::before_at_ratios_after(round);
        return adjusted ? std::make_shared<const cap_table>(std::move(*adjusted)) : nullptr;
    }

    // Both tables to start from, owned: copies of @p round's table before (one copy for both
    // when the ratios do not change and @p before_close is null: the round's table before) and
    // of @p before_close (a chain round's before its pay-to-play).
    static start_tables owned_starts(const round_on_cap_table& round, const cap_table* before_close) {
        std::shared_ptr<const cap_table> adjusted = adjusted_before(round);
        std::shared_ptr<const cap_table> start = std::make_shared<const cap_table>(before_close ? *before_close : round.before());
        if (adjusted) return {std::move(start), std::move(adjusted)};
        if (before_close == nullptr) return {start, start};
        return {std::move(start), std::make_shared<const cap_table>(round.before())};
    }

    // cap_table_as_of() on @p d (valid): only the table @p d starts from prepared, borrowed when
    // it is @p before_close or @p round's table before (no copy of them, nor of @p issued; the
    // table at the ratios after built only from the close), as the one call before this class.
    static cap_table one_call(const round_on_cap_table& round, const tranched_issuance& issued,
                              const cap_table& before_close, calendar_date d) {
        start_tables starts;
        if (d >= issued.close_date()) {
            starts.from_close = adjusted_before(round);
            if (!starts.from_close) starts.from_close = borrowed(round.before());
        } else {
            starts.before_close = borrowed(before_close);
        }
        return tranched_cap_tables(round, std::shared_ptr<const tranched_issuance>(std::shared_ptr<void>(), &issued),
                                   std::move(starts))
            .at(d);
    }

    static start_table start_from(std::shared_ptr<const cap_table> table, const cap_table& after) {
        start_table out{std::move(table), {}, {}};
        if (!out.table) return out;
        for (const holder& h : after.holders()) {
            if (!out.table->holder_index(h.id())) out.added_holders.push_back(h);
        }
        for (const share_class& c : after.classes()) {
            if (!out.table->class_index(c.name())) out.added_classes.push_back(c);
        }
        return out;
    }

    std::shared_ptr<const tranched_issuance> issued_;
    std::string series_;                     // the round's series
    std::vector<holder_id> investor_ids_;    // the issuance's investors, as holder ids
    std::vector<holding> at_close_;          // the shares beyond the new money, issued at the close
    std::vector<std::string> names_;         // own_series_names()
    std::vector<share_class> own_classes_;   // the own-price series, on the table once they have shares
    start_table before_close_;
    start_table from_close_;
    std::optional<option_pool> pool_;        // the round's pool (name and class; the shares are the date's)
    bool pool_created_ = false;
};

/// The cap table on @p d of a tranched round: @p round's table before, with the holders it
/// adds, its new classes and (from the close date) its pool increase, the shares it issues
/// beyond its new money (a round_chain round's SAFE and note conversion shares, in their series)
/// and the conversion ratios its table after gives the classes before (a round_chain round's
/// anti-dilution adjustment, for the round's whole new money as committed, as the pool
/// increase), and each investor's shares issued by @p d in @p issued (a pool the round creates
/// is on the table from the close date), at the round price in @p round's series, at an own
/// price in that price's series (own_series_names(); original issue price the own price, the
/// liquidation terms of @p round's series, on the table once it has shares). Every tranche paid
/// at the round price, the table is @p round's after(). The round's investor names are the
/// holder ids. Throws validation_error if an investor of @p issued is not a holder after @p round,
/// a series name given is a class on that table, or a holder holds fewer shares of @p round's
/// series after it than its pricing issues them. O(n log n) in the n payments by @p d and the
/// round's holdings (their sums by investor and series sorted; no investors x series matrix).
/// A round_chain round with a pay-to-play has its conversions in its table before, so this
/// overload shows them before the close too (it cannot know of them): take the overload with the
/// round_chain_result and the round's index for such a round. On many dates, take a
/// tranched_cap_tables: the same tables, with the work that does not depend on the date done once.
[[nodiscard]] inline cap_table cap_table_as_of(const round_on_cap_table& round, const tranched_issuance& issued,
                                               calendar_date d) {
    require_valid(d, "as_of");
    return tranched_cap_tables::one_call(round, issued, round.before(), d);
}

/// The cap table on @p d of round @p round of @p chain, tranched as @p issued (best built from the
/// chain and index too, so that its figures agree before the close): as the round_on_cap_table
/// overload on chain.rounds()[round], except that before the close date the table starts from
/// the one before the round's pay-to-play (chain.table_at_start(round)): its conversions,
/// like the round's own, happen at the closing of the financing (the NVCA charter's mandatory
/// conversion on the Qualified Financing). Throws invalid_argument_error past the chain's last
/// round, validation_error as the other overload. On many dates, take a tranched_cap_tables.
[[nodiscard]] inline cap_table cap_table_as_of(const round_chain_result& chain, std::size_t round,
                                               const tranched_issuance& issued, calendar_date d) {
    const cap_table& start = tranched_cap_tables::start_of(chain, round);  // the index first, as tranched_cap_tables
    require_valid(d, "as_of");
    return tranched_cap_tables::one_call(chain.rounds()[round], issued, start, d);
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_TRANCHED_ISSUANCE_HPP
