/// @file company/tranched_issuance.hpp
/// @brief Shares issued as each tranche of a round funds, at the round's price or at the
/// tranche's own (step-up) price; every investor's shares and fully diluted ownership on any
/// date, in any world (a scenario's or what actually happened).
///
/// When money arrives comes from round_timeline (time/timeline.hpp): each payment of the world
/// issues round(amount / price) shares with the priced round's share rounding, on the payment
/// date. The pool increase of the priced round is made at close.
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
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/time/timeline.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
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
/// second tranche at a higher price once a milestone is met).
struct tranche_price {
    std::string investor;           ///< The investor's name in the round.
    std::size_t tranche_index = 0;  ///< Position of the tranche in the investor's list.
    price_per_share price;          ///< The tranche's own price.
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
};

/// The shares a tranched round issues over time in one world, and who owns what on any date.
///
/// Fully diluted count on a date = the priced round's base F0 + its pool increase (from the
/// close date) + the shares issued by that date. Construction is O(n log n) in the n payments
/// (the timeline's sort); each as-of query is a binary search, O(log n), after finding the
/// investor by name (linear in the number of investors).
class tranched_issuance {
public:
    /// Every problem with pricing @p r's tranches by @p priced and @p own_prices (empty if none):
    /// an own price for an investor or a tranche the round does not have, a tranche priced twice,
    /// a price in another currency.
    [[nodiscard]] static std::vector<diagnostic> validate(const funding_round& r, const priced_round& priced,
                                                          const std::vector<tranche_price>& own_prices) {
        std::vector<diagnostic> out;
        if (r.currency() != priced.currency()) {
            out.push_back({field_path("round").member("currency"), to_string(r.currency()),
                           "must be the priced round's currency, " + to_string(priced.currency())});
        }
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
            for (std::size_t j = 0; j < i; ++j) {
                if (own_prices[j].investor == p.investor && own_prices[j].tranche_index == p.tranche_index) {
                    out.push_back({path, p.investor + " tranche " + std::to_string(p.tranche_index),
                                   "is priced twice (also " + field_path("tranche_prices").index(j).to_string() + ")"});
                    break;
                }
            }
            if (p.price.currency() != priced.currency()) {
                out.push_back({path.member("price"), p.price.to_string(), "must be in " + to_string(priced.currency())});
            }
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

    /// Every issue of shares, in date order (ties keep the round's order).
    [[nodiscard]] const std::vector<share_issue>& issues() const noexcept { return issues_; }
    /// The investors' names, in round order.
    [[nodiscard]] const std::vector<std::string>& investors() const noexcept { return names_; }

    /// Shares issued to @p investor on or before @p d; throws invalid_argument_error if it is
    /// not in the round. O(log n).
    [[nodiscard]] share_count shares_of(std::string_view investor, calendar_date d) const {
        return count_at(per_investor_[index_of(investor)], d);
    }
    /// Shares issued to all investors on or before @p d. O(log n).
    [[nodiscard]] share_count new_shares(calendar_date d) const { return count_at(all_, d); }
    /// The pool increase in force on @p d (from the close date on).
    [[nodiscard]] share_count pool_increase(calendar_date d) const {
        return date::sys_days{d} < date::sys_days{close_} ? share_count(0) : pool_increase_;
    }
    /// Fully diluted shares on @p d: base + pool increase (from close) + shares issued by @p d.
    [[nodiscard]] share_count fully_diluted(calendar_date d) const { return base_ + pool_increase(d) + new_shares(d); }
    /// @p investor's fraction of the fully diluted count on @p d.
    [[nodiscard]] fraction ownership(std::string_view investor, calendar_date d) const {
        return fraction(shares_of(investor, d).value(), fully_diluted(d).value());
    }
    /// The holders before the round (the base F0, existing pool included) on @p d.
    [[nodiscard]] fraction existing_ownership(calendar_date d) const {
        return fraction(base_.value(), fully_diluted(d).value());
    }
    /// The pool increase's fraction on @p d.
    [[nodiscard]] fraction pool_increase_ownership(calendar_date d) const {
        return fraction(pool_increase(d).value(), fully_diluted(d).value());
    }
    /// Money paid on or before @p d that bought no share (sum of not_converted).
    [[nodiscard]] money not_converted(calendar_date d) const {
        money total = money::zero(currency_);
        for (const share_issue& i : issues_) {
            if (date::sys_days{i.date} <= date::sys_days{d}) total += i.not_converted;
        }
        return total;
    }

private:
    struct track {
        std::vector<date::sys_days> days;
        std::vector<share_count> after;  // cumulative shares after each day
    };

    static world_state checked_world(const funding_round& r, const scenario& s) {
        std::vector<diagnostic> problems = s.validate(r);
        if (!problems.empty()) {
            throw validation_error("scenario \"" + s.name() + "\" does not fit round \"" + r.name() + "\"",
                                   std::move(problems));
        }
        return s.world();
    }

    static void record(track& t, date::sys_days day, share_count shares) {
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
        const auto it = std::upper_bound(t.days.begin(), t.days.end(), date::sys_days{d});
        if (it == t.days.begin()) return share_count(0);
        return t.after[static_cast<std::size_t>(it - t.days.begin()) - 1];
    }

    std::size_t index_of(std::string_view name) const {
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (names_[i] == name) return i;
        }
        throw invalid_argument_error("investor = \"" + std::string(name) + "\": is not in round \"" + name_ + "\"");
    }

    void build(const std::vector<payment>& payments, const funding_round& r, const priced_round& priced,
               const std::vector<tranche_price>& own_prices) {
        const std::vector<commitment>& cs = r.commitments();
        names_.reserve(cs.size());
        std::vector<std::vector<const price_per_share*>> own(cs.size());
        for (std::size_t i = 0; i < cs.size(); ++i) {
            names_.push_back(cs[i].investor.name());
            own[i].assign(cs[i].tranches.size(), nullptr);
        }
        for (const tranche_price& p : own_prices) {
            for (std::size_t i = 0; i < cs.size(); ++i) {
                if (names_[i] == p.investor) own[i][p.tranche_index] = &p.price;
            }
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
                               p.amount - paid});
            record(all_, date::sys_days{p.date}, shares);
            record(per_investor_[p.investor_index], date::sys_days{p.date}, shares);
        }
    }

    std::string name_;
    currency currency_;
    calendar_date close_{};
    share_count base_;
    share_count pool_increase_;
    std::vector<std::string> names_;
    std::vector<share_issue> issues_;
    track all_;
    std::vector<track> per_investor_;
};

/// The cap table on @p d of a tranched round: @p round's table before, with the investors it
/// adds, its new series and (from the close date) its pool increase, and each investor's shares
/// issued by @p d in @p issued. The round's investor names are the holder ids. Throws
/// validation_error if an investor of @p issued is not a holder after @p round.
[[nodiscard]] inline cap_table cap_table_as_of(const round_on_cap_table& round, const tranched_issuance& issued,
                                               calendar_date d) {
    const cap_table& before = round.before();
    const cap_table& after = round.after();
    std::vector<diagnostic> problems;
    for (std::size_t i = 0; i < issued.investors().size(); ++i) {
        if (!after.holder_index(holder_id(issued.investors()[i]))) {
            problems.push_back({field_path("investors").index(i), "\"" + issued.investors()[i] + "\"",
                                "is not a holder id on the cap table after round \"" + round.pricing().name() + "\""});
        }
    }
    if (!problems.empty()) throw validation_error("the tranched round does not fit the cap table", std::move(problems));
    cap_table_builder b(before);
    for (std::size_t i = before.holders().size(); i < after.holders().size(); ++i) b.add(after.holders()[i]);
    b.add(after.classes()[*after.class_index(round.series())]);
    const share_count pool = issued.pool_increase(d);
    if (pool.value() > 0 && round.pool()) b.increase_pool(*round.pool(), pool);
    for (const std::string& who : issued.investors()) {
        const share_count s = issued.shares_of(who, d);
        if (s.value() > 0) b.issue(holder_id(who), round.series(), s);
    }
    return b.build();
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_TRANCHED_ISSUANCE_HPP
