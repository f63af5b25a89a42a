/// @file deal/closing.hpp
/// @brief An open round: a first close, then later closes at the same price per share.
#ifndef FUNDROUND_DEAL_CLOSING_HPP
#define FUNDROUND_DEAL_CLOSING_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/timeline.hpp>
#include <fundround/deal/tranche.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// One later close of an open round: who puts money in, on which date, at the round's price.
///
///     closing(year{2026} / 6 / 30, "second close")
///         .invest(investor::financial("Investor D"), 10_B)         // funded at this close
///         .invest(investor::strategic("Nvidia"), {tranche::on(5_B, year{2026} / 9 / 30)});
///
/// Setters never throw; open_round::validate() and open_round::add() check everything at once.
class closing {
public:
    /// One investor's money in this close.
    struct investment {
        fundround::investor investor;  ///< Who invests (an existing investor adds to its commitment).
        std::vector<tranche> tranches;  ///< How it is paid; a single amount is one at-close tranche.
        bool single = false;            ///< True if given as one amount funded at this close.
    };

    /// A close on @p date, called @p label ("second close"); the label is given to its tranches.
    explicit closing(calendar_date date, std::string label = {}) : label_(std::move(label)), date_(date) {}

    /// @p who puts in @p amount, funded at this close.
    closing& invest(investor who, money amount) {
        std::vector<investment>& all = investments_;
        all.push_back({std::move(who), {tranche::at_close(amount)}, true});
        return *this;
    }
    /// @p who puts in the sum of @p tranches; tranche::at_close() means at this close, and no
    /// tranche may fall due before this close's date.
    closing& invest(investor who, std::vector<tranche> tranches) {
        std::vector<investment>& all = investments_;
        all.push_back({std::move(who), std::move(tranches), false});
        return *this;
    }

    /// The close's label ("" if none).
    [[nodiscard]] const std::string& label() const noexcept { return label_; }
    /// The close's date.
    [[nodiscard]] calendar_date date() const noexcept { return date_; }
    /// Every investment, in the order given.
    [[nodiscard]] const std::vector<investment>& investments() const noexcept { return investments_; }

private:
    std::string label_;
    calendar_date date_;
    std::vector<investment> investments_;
};

/// One investor's position right after a close.
struct closing_holding {
    fundround::investor investor;  ///< The investor (as at its first close).
    money added;                   ///< Committed at this close (zero if it took no part).
    money committed;               ///< Committed at this close and every earlier one.
    fraction ownership;            ///< committed / post-money after this close.
    money funded;                  ///< Its money paid on or before this close's date (no milestone met).
    fraction ownership_funded;     ///< funded / funded post-money after this close.
};

/// The figures right after one close of an open round.
///
/// Committed figures count every tranche of this and earlier closes. Funded figures are the
/// round_timeline view on this close's date with no milestone achieved: money paid on or before
/// that date (at the first close, the round's at-close money; money waiting on a milestone is not
/// counted). Post-money = pre-money + money in, since every
/// close sells shares at the same price.
struct closing_figures {
    std::string label;                   ///< The close's label ("first close" for the first).
    calendar_date date{};                ///< The close's date.
    money money_in;                      ///< Committed at this close.
    money raised;                        ///< Committed at this close and every earlier one.
    money post_money;                    ///< Pre-money + raised.
    money funded;                        ///< Money paid on or before this close's date (no milestone met).
    money post_money_funded;             ///< Pre-money + funded.
    fraction existing_holders_ownership;  ///< The holders before the round: pre-money / post-money.
    fraction existing_holders_ownership_funded;  ///< Pre-money / funded post-money.
    std::vector<closing_holding> holders;  ///< Every investor so far, in round order.
    std::optional<price_per_share> price;  ///< The round's price per share, if it has a share count.

    /// The holding of the investor called @p name; throws invalid_argument_error if absent.
    [[nodiscard]] const closing_holding& holder(std::string_view name) const {
        const std::vector<closing_holding>& all = holders;
        for (const auto& h : all) {
            if (h.investor.name() == name) return h;
        }
        throw invalid_argument_error("investor = \"" + std::string(name) +
                                     "\": holds nothing after close \"" + label + "\" on " + to_string(date));
    }
    /// Committed ownership of @p name after this close.
    [[nodiscard]] fraction ownership(std::string_view name) const { return holder(name).ownership; }
    /// Shares bought by the money committed at this close, at the round's price: each investor's
    /// amount is converted on its own and rounded to whole shares by @p mode (usually
    /// rounding::floor), then summed. Empty if the round has no pre-money share count.
    [[nodiscard]] std::optional<share_count> shares_issued(rounding mode) const {
        using result = std::optional<share_count>;
        const std::optional<price_per_share>& at = price;
        if (!at) return result();  // std::nullopt
        share_count total;
        for (const auto& h : holders) {
            if (h.added.is_positive()) total += at->shares_for(h.added, mode);
        }
        return total;
    }
};

/// A round that stays open: an ordinary first close, then later closes at the same pre-money
/// (the same price per share) where new investors join or existing ones add. An optional maximum
/// round size caps the amount raised, committed basis.
///
/// Earlier investors are diluted only by later money: after close k every holder owns
/// committed_k / (pre-money + raised_k).
class open_round {
public:
    /// Opens a round whose first close is @p first_close, raising at most @p max_size (committed).
    /// Throws validation_error if @p max_size is not a positive amount in the round's currency or
    /// the first close already raises more.
    explicit open_round(funding_round first_close, std::optional<money> max_size = std::nullopt)
        : current_(std::move(first_close)), max_size_(max_size) {
        const funding_round& r = current_;
        std::vector<diagnostic> problems;
        if (max_size_) {
            const money m = *max_size_;
            if (m.currency() != r.currency()) {
                problems.push_back({"max_size", format_full(m),
                                    "must be in " + to_string(r.currency()) + ", the round's currency"});
            } else if (!m.is_positive()) {
                problems.push_back({"max_size", format_full(m), "must be positive"});
            } else if (r.raised() > m) {
                problems.push_back({"max_size", format_full(m),
                                    "the first close raises " + detail::compact_if_exact(r.raised()) +
                                        ", " + detail::compact_if_exact(r.raised() - m) +
                                        " above its maximum " + detail::compact_if_exact(m)});
            }
        }
        if (!problems.empty()) {
            throw validation_error("open round \"" + r.name() + "\" is invalid", std::move(problems));
        }
        std::vector<money> added;
        added.reserve(r.commitments().size());
        for (const auto& c : r.commitments()) added.push_back(c.total);
        closes_.push_back(figures_of(current_, "first close", current_.close_date(), added));
    }

    /// Every problem that add(@p c) would report (empty if it can be added).
    [[nodiscard]] std::vector<diagnostic> validate(const closing& c) const { return attempt(c).problems; }

    /// Adds close @p c; throws validation_error listing every problem and then leaves the round
    /// unchanged.
    open_round& add(const closing& c) {
        attempt_result r = attempt(c);
        if (!r.round) {
            std::string what = "closing";
            if (!c.label().empty()) what += " \"" + c.label() + "\"";
            throw validation_error(what + " on " + to_string(c.date()) + " of round \"" + current_.name() +
                                       "\" is invalid",
                                   std::move(r.problems));
        }
        closing_figures f = figures_of(*r.round, c.label(), c.date(), r.added);
        closes_.push_back(std::move(f));
        current_ = std::move(*r.round);
        return *this;
    }

    /// The figures after each close, first close first.
    [[nodiscard]] const std::vector<closing_figures>& closes() const noexcept { return closes_; }
    /// The round with every close so far, as one funding_round (its close date is the first
    /// close's; later money is scheduled on its close's date, labelled with the close's label).
    [[nodiscard]] const funding_round& current() const noexcept { return current_; }
    /// The maximum round size (committed), if any.
    [[nodiscard]] std::optional<money> max_size() const noexcept { return max_size_; }
    /// How much more the round may raise under its maximum size, if it has one.
    [[nodiscard]] std::optional<money> room() const {
        if (!max_size_) return std::nullopt;
        return *max_size_ - current_.raised();
    }

private:
    struct attempt_result {
        std::optional<funding_round> round;
        std::vector<money> added;  // per investor of the combined round
        std::vector<diagnostic> problems;
    };

    [[nodiscard]] static std::string investor_path(const std::string& prefix, std::size_t i, const investor& who) {
        std::string path = prefix + "[" + std::to_string(i) + "]";
        if (!who.name().empty()) path += " \"" + who.name() + "\"";
        return path;
    }

    // A later close's tranche as the combined round sees it: "at close" means at this close.
    [[nodiscard]] static tranche at_this_close(const tranche& t, const closing& c) {
        const std::string& label = t.label().empty() ? c.label() : t.label();
        if (t.condition().kind() != condition_kind::always) return t.labelled(label);
        tranche moved(t.amount(), condition::on_or_after(c.date()),
                      t.expected_date() ? *t.expected_date() : c.date(), label);
        return t.fallback() ? moved.otherwise(*t.fallback()) : moved;
    }

    [[nodiscard]] attempt_result attempt(const closing& c) const;

    [[nodiscard]] static closing_figures figures_of(const funding_round& r, std::string label, calendar_date date,
                                      const std::vector<money>& added) {
        const fundround::currency cur = r.currency();
        const std::size_t n = r.commitments().size();
        const round_timeline as_at_close(r);  // no milestone achieved: conditional money waits
        std::vector<money> funded;
        funded.reserve(n);
        for (const auto& c : r.commitments()) funded.push_back(as_at_close.as_of(c.investor.name(), date).funded);
        closing_figures f;
        f.label = std::move(label);
        f.date = date;
        f.money_in = sum(added, cur);
        f.raised = r.raised();
        f.post_money = r.post_money();
        f.funded = sum(funded, cur);
        f.post_money_funded = r.valuation().post_money(f.funded);
        f.existing_holders_ownership = r.pre_money().ratio_to(f.post_money);
        f.existing_holders_ownership_funded = r.pre_money().ratio_to(f.post_money_funded);
        f.holders.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            const commitment& c = r.commitments()[i];
            f.holders.push_back({c.investor, added[i], c.total, c.total.ratio_to(f.post_money), funded[i],
                                 funded[i].ratio_to(f.post_money_funded)});
        }
        f.price = r.valuation().price();
        return f;
    }

    funding_round current_;
    std::optional<money> max_size_;
    std::vector<closing_figures> closes_;
};

inline open_round::attempt_result open_round::attempt(const closing& c) const {
    using text = std::string;
    using index_map = std::unordered_map<std::string, std::size_t>;
    using path_pairs = std::vector<std::pair<std::string, std::string>>;
    attempt_result result;
    std::vector<diagnostic>& out = result.problems;
    const fundround::currency cur = current_.currency();
    const calendar_date previous = closes_.back().date;

    bool date_ok = c.date().ok();
    if (!date_ok) {
        out.push_back({"closing.date", to_string(c.date()), "is not a valid calendar date"});
    } else if (c.date() < previous) {
        out.push_back({"closing.date", to_string(c.date()),
                       "must be on or after the previous close on " + to_string(previous)});
        date_ok = false;
    }
    if (c.investments().empty()) out.push_back({"closing.investors", "", "at least one investment is required"});

    // The day before this close: a tranche whose condition is met then would fall due too early.
    std::optional<world_state> day_before;
    if (date_ok) {
        // On the first day the calendar has, there is no day before: nothing can be met earlier.
        const calendar_date before{date::sys_days{c.date()} - date::days{1}};
        if (before.ok()) day_before.emplace(before);
    }

    const auto& investments = c.investments();
    std::vector<std::string> paths(investments.size());  // "closing.investors[0] \"Name\""
    index_map seen;
    money money_in = money::zero(cur);
    bool summable = true;
    for (std::size_t j = 0; j < investments.size(); ++j) {
        const auto& inv = investments[j];
        const auto& name = inv.investor.name();
        const text path = paths[j] = investor_path("closing.investors", j, inv.investor);
        if (name.empty()) {
            out.push_back({path + ".name", "", "must not be empty"});
        } else if (const auto [it, fresh] = seen.emplace(name, j); !fresh) {
            out.push_back({path + ".name", name,
                           "duplicates closing.investors[" + std::to_string(it->second) +
                               "]; combine their tranches under one investor"});
        } else if (current_.has_investor(name)) {
            const auto& was = current_.commitment_of(name).investor;
            if (was.kind() != inv.investor.kind()) {
                out.push_back({path + ".kind", to_string(inv.investor.kind()),
                               "must be " + to_string(was.kind()) +
                                   ", as at its earlier close: an investor keeps its kind across closes"});
            }
            if (was.is_lead() != inv.investor.is_lead()) {
                out.push_back({path + ".lead", inv.investor.is_lead() ? "true" : "false",
                               text("must be ") + (was.is_lead() ? "true" : "false") +
                                   ", as at its earlier close: an investor keeps its lead flag across closes"});
            }
        }
        if (inv.tranches.empty()) out.push_back({path + ".tranches", "", "at least one tranche is required"});
        for (std::size_t k = 0; k < inv.tranches.size(); ++k) {
            const auto& t = inv.tranches[k];
            const text tpath = inv.single ? path : path + ".tranches[" + std::to_string(k) + "]";
            if (t.amount().currency() != cur) {
                out.push_back({tpath + ".amount", format_full(t.amount()),
                               "must be in " + to_string(cur) + ", the round's currency"});
            }
            if (t.amount().currency() != cur || !t.amount().is_positive()) summable = false;
            std::vector<diagnostic> own = t.validate(tpath);
            out.insert(out.end(), own.begin(), own.end());
            const bool early = date_ok && t.expected_date() && t.expected_date()->ok() &&
                               *t.expected_date() < c.date();
            if (early) {
                out.push_back({tpath + ".expected_date", to_string(*t.expected_date()),
                               "must not be before the close date " + to_string(c.date())});
            }
            if (!early && day_before && t.condition().kind() != condition_kind::always &&
                t.condition().evaluate(*day_before).is_met()) {
                out.push_back({tpath + ".condition", t.condition().to_string(),
                               "is met before the close date " + to_string(c.date()) +
                                   ": money of a later close cannot fall due before it"});
            }
            if (summable) {
                try {
                    money_in += t.amount();
                } catch (const overflow_error&) {
                    out.push_back({"closing", "", "the close's total overflows the amount range"});
                    summable = false;
                }
            }
        }
    }

    if (max_size_ && summable) {
        try {
            const money after = current_.raised() + money_in;
            if (after > *max_size_) {
                out.push_back({"closing", format_full(money_in),
                               "the round would raise " + detail::compact_if_exact(after) + ", " +
                                   detail::compact_if_exact(after - *max_size_) + " above its maximum " +
                                   detail::compact_if_exact(*max_size_)});
            }
        } catch (const overflow_error&) {
            // The round builder below reports the overflow.
        }
    }
    if (!date_ok || investments.empty()) return result;

    // Rebuild the whole round through the public builder: every earlier commitment, with an
    // existing investor's new tranches appended, then the newcomers in the order given.
    const funding_round& r = current_;
    round_builder b(r.name());
    b.currency(cur).pre_money(r.pre_money()).close_date(r.close_date());
    if (const auto shares = r.valuation().pre_money_shares()) b.pre_money_shares(*shares);
    if (r.prior_mark()) b.prior_mark(*r.prior_mark(), r.prior_mark_label());
    if (r.prior_round()) b.prior_round(*r.prior_round(), r.prior_round_label());

    std::vector<investor> who;
    std::vector<std::vector<tranche>> tranches;
    who.reserve(r.commitments().size() + investments.size());
    tranches.reserve(r.commitments().size() + investments.size());
    for (const auto& cm : r.commitments()) {
        who.push_back(cm.investor);
        tranches.push_back(cm.tranches);
    }
    path_pairs renames;    // builder's tranche path -> ours
    path_pairs newcomers;  // builder's investor path -> ours
    index_map slot;        // investor name -> combined index
    for (std::size_t i = 0; i < who.size(); ++i) slot.emplace(who[i].name(), i);
    for (std::size_t j = 0; j < investments.size(); ++j) {
        const auto& inv = investments[j];
        std::size_t i = who.size();
        const auto it = inv.investor.name().empty() ? slot.end() : slot.find(inv.investor.name());
        if (it != slot.end()) {
            i = it->second;
        } else {
            if (!inv.investor.name().empty()) slot.emplace(inv.investor.name(), i);
            newcomers.emplace_back(investor_path("investors", i, inv.investor), paths[j]);
            who.push_back(inv.investor);
            tranches.emplace_back();
        }
        for (std::size_t k = 0; k < inv.tranches.size(); ++k) {
            renames.emplace_back(investor_path("investors", i, who[i]) + ".tranches[" +
                                     std::to_string(tranches[i].size()) + "]",
                                 inv.single ? paths[j] : paths[j] + ".tranches[" + std::to_string(k) + "]");
            tranches[i].push_back(at_this_close(inv.tranches[k], c));
        }
    }
    renames.insert(renames.end(), newcomers.begin(), newcomers.end());  // tranche paths first
    for (std::size_t i = 0; i < who.size(); ++i) b.invest(who[i], tranches[i]);

    build_result built = b.try_build();
    for (auto d : built.problems) {
        for (const auto& [from, to] : renames) {
            if (d.field.compare(0, from.size(), from) == 0 &&
                (d.field.size() == from.size() || d.field[from.size()] == '.')) {
                d.field = to + d.field.substr(from.size());
                break;
            }
        }
        if (d.field == "investors") d.field = "closing";
        bool known = false;  // one problem per field: ours are phrased for the close
        for (const auto& o : out) known = known || o.field == d.field;
        if (!known) out.push_back(std::move(d));
    }
    if (!out.empty() || !built.round) return result;

    result.added.assign(who.size(), money::zero(cur));
    for (std::size_t i = 0; i < r.commitments().size(); ++i) {
        result.added[i] = built.round->commitments()[i].total - r.commitments()[i].total;
    }
    for (std::size_t i = r.commitments().size(); i < who.size(); ++i) {
        result.added[i] = built.round->commitments()[i].total;
    }
    result.round = std::move(built.round);
    return result;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_CLOSING_HPP
