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
#include <fundround/detail/name_key.hpp>
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
        fundround::investor investor;  ///< Who invests (an existing investor, named as at its earlier close, adds to its commitment; a name equal to its but for case, spaces or punctuation is reported).
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
        detail::throw_unknown_investor(
            name, detail::concat({"holds nothing after close \"", label, "\" on ", to_string(date)}), &all, all.size(),
            [](const void* hs, std::size_t i) noexcept -> std::string_view {
                return (*static_cast<const std::vector<closing_holding>*>(hs))[i].investor.name();
            });
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
                problems.push_back({field_path("max_size"), format_full(m),
                                    "must be in " + to_string(r.currency()) + ", the round's currency"});
            } else if (!m.is_positive()) {
                problems.push_back({field_path("max_size"), format_full(m), "must be positive"});
            } else if (r.raised() > m) {
                problems.push_back({field_path("max_size"), format_full(m),
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

    // A later close's tranche as the combined round sees it: "at close" means on @p on, the
    // close's date (or a stand-in when that date is wrong, so the other rules are still checked).
    // The rest keep their conditions (the builder checks them as written).
    [[nodiscard]] static tranche at_this_close(const tranche& t, const closing& c, calendar_date on) {
        const std::string& label = t.label().empty() ? c.label() : t.label();
        if (t.condition().kind() != condition_kind::always) return t.labelled(label);
        tranche moved(t.amount(), condition::on_or_after(on), t.expected_date() ? *t.expected_date() : on, label);
        return t.fallback() ? moved.otherwise(*t.fallback()) : moved;
    }
    // @p t (as at_this_close() made it) held to the close on @p on, if it needs to be: a condition
    // on a milestone becomes `condition && on_or_after(on)`, so a milestone achieved before the
    // close makes the money due at the close, not before it. A fallback tranche pays on its
    // settlement date, which attempt() checks is not before the close.
    /// True if a later close holds @p t's money to its close date: a milestone tranche without
    /// a fallback (held_to_close()).
    [[nodiscard]] static bool holds_to_close(const tranche& t) {
        return t.condition().kind() != condition_kind::always && !t.has_fallback() && t.condition().depends_on_milestone();
    }
    [[nodiscard]] static std::optional<tranche> held_to_close(const tranche& t, calendar_date on) {
        if (!holds_to_close(t) || t.condition().depth() >= max_condition_depth) return std::nullopt;  // (reported)
        return tranche(t.amount(), t.condition() && condition::on_or_after(on), t.expected_date(), t.label());
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
    attempt_result result;
    std::vector<diagnostic>& out = result.problems;
    const fundround::currency cur = current_.currency();
    const calendar_date previous = closes_.back().date;
    const field_path here("closing");
    const field_path investments_path = here.member("investors");

    // What only a close can get wrong: its date, an empty close, an investor twice in it or
    // changing its kind or lead flag, money falling due before it, the maximum size. Every
    // other rule is the round builder's, checked once below on the combined round.
    bool date_ok = is_modelled(c.date());
    if (!date_ok) {
        out.push_back({here.member("date"), to_string(c.date()), date_rule(c.date())});
    } else if (c.date() < previous) {
        out.push_back({here.member("date"), to_string(c.date()),
                       "must be on or after the previous close on " + to_string(previous)});
        date_ok = false;
    }
    const auto& investments = c.investments();
    if (investments.empty()) {
        out.push_back({investments_path, "", "at least one investment is required"});
        return result;
    }

    // The day before this close: a tranche whose condition is met then would fall due too early.
    std::optional<world_state> day_before;
    if (date_ok) {
        // On the first day the calendar has, there is no day before: nothing can be met earlier.
        if (c.date() != calendar_date::min()) day_before.emplace(c.date() - days{1});
    }

    // The combined round: every earlier commitment, an existing investor's new tranches appended,
    // then the newcomers in the order given. An investment goes to slot[j] of it.
    const funding_round& r = current_;
    std::vector<investor> who;
    std::vector<std::vector<tranche>> tranches;
    who.reserve(r.commitments().size() + investments.size());
    tranches.reserve(r.commitments().size() + investments.size());
    // holder_name_key() of an investor's name -> its combined position: a name equal to an
    // earlier one but for case, spaces or punctuation ("Softbank " for "SoftBank") is found too,
    // and reported (the builder's rule; it is most likely the same investor written differently).
    std::unordered_map<std::string, std::size_t> index;
    for (const auto& cm : r.commitments()) {
        index.emplace(detail::name_key(cm.investor.name()), who.size());
        who.push_back(cm.investor);
        tranches.push_back(cm.tranches);
    }
    const std::size_t earlier = who.size();
    // Where the builder's paths go: investor i of the combined round is named for the first
    // investment that adds to it; its tranche k (from a later close) for that tranche.
    struct source {
        std::size_t investment;
        field_path path;  // in the close: closing.investors[j] (single) or ...tranches[k]
    };
    std::vector<std::optional<std::size_t>> first_investment;  // per combined investor
    std::vector<std::vector<std::optional<source>>> tranche_source;  // per combined investor, per tranche
    first_investment.resize(who.size());
    tranche_source.resize(who.size());
    for (std::size_t i = 0; i < who.size(); ++i) tranche_source[i].resize(tranches[i].size());

    std::vector<std::vector<diagnostic>> own(investments.size());  // the close's own, per investment
    std::vector<field_path> paths;
    paths.reserve(investments.size());
    money money_in = money::zero(cur);
    bool summable = true;
    const calendar_date at = date_ok ? c.date() : previous;  // a stand-in when the date is wrong
    for (std::size_t j = 0; j < investments.size(); ++j) {
        const auto& inv = investments[j];
        const std::string& name = inv.investor.name();
        paths.push_back(investments_path.index(j, name));
        const field_path& path = paths.back();
        std::size_t i = who.size();
        std::string key = detail::name_key(name);  // empty: not indexed (the builder reports the name)
        const auto found = key.empty() ? index.end() : index.find(key);
        if (found != index.end()) {
            i = found->second;
            const std::string& first = first_investment[i] ? investments[*first_investment[i]].investor.name() : who[i].name();
            const char* near = first == name ? "" : " (names that differ only in case, spaces or punctuation are one investor)";
            if (first_investment[i]) {
                own[j].push_back({path.member("name"), "\"" + name + "\"",
                                  (*near ? "nearly duplicates " : "duplicates ") + paths[*first_investment[i]].to_string() +
                                      near + "; combine their tranches under one investor"});
            } else if (i < earlier) {
                if (*near) {
                    own[j].push_back({path.member("name"), "\"" + name + "\"",
                                      "nearly duplicates " + round_builder::investor_field(i, who[i]).to_string() +
                                          ", an investor of an earlier close" + near +
                                          "; write its name as there to add to its commitment"});
                }
                const investor& was = who[i];
                if (was.kind() != inv.investor.kind()) {
                    own[j].push_back({path.member("kind"), std::string(to_string(inv.investor.kind())),
                                      std::string("must be ").append(to_string(was.kind())) +
                                          ", as at its earlier close: an investor keeps its kind across closes"});
                }
                if (was.is_lead() != inv.investor.is_lead()) {
                    own[j].push_back({path.member("lead"), inv.investor.is_lead() ? "true" : "false",
                                      std::string("must be ") + (was.is_lead() ? "true" : "false") +
                                          ", as at its earlier close: an investor keeps its lead flag across closes"});
                }
            }
        } else {
            if (!key.empty()) index.emplace(std::move(key), i);
            who.push_back(inv.investor);
            tranches.emplace_back();
            first_investment.emplace_back();
            tranche_source.emplace_back();
        }
        // Checked here for every investment: the builder sees the investor's tranches of its other
        // investments (an earlier close's, a later one of this close), so cannot tell this one is
        // empty; for a newcomer written once, its own problem (the same) is superseded by this.
        if (!inv.single && inv.tranches.empty()) {
            own[j].push_back({path.member("tranches"), "", "at least one tranche is required"});
        }
        if (!first_investment[i]) first_investment[i] = j;
        for (std::size_t k = 0; k < inv.tranches.size(); ++k) {
            const tranche& t = inv.tranches[k];
            const field_path tpath = inv.single ? path : path.member("tranches").index(k);
            const bool early = date_ok && t.expected_date() && is_modelled(*t.expected_date()) &&
                               *t.expected_date() < c.date();
            if (early) {
                own[j].push_back({tpath.member("expected_date"), to_string(*t.expected_date()),
                                  "must not be before the close date " + to_string(c.date())});
            }
            if (holds_to_close(t) && t.condition().depth() >= max_condition_depth) {
                own[j].push_back({tpath.member("condition"), "nesting depth " + detail::digits(t.condition().depth()),
                                  "must be at most " + detail::digits(max_condition_depth - 1) +
                                      " levels deep in a later close, which holds the money to its close date "
                                      "with one level more (the condition && on_or_after(the close date))"});
            }
            if (!early && day_before && t.condition().kind() != condition_kind::always &&
                t.condition().evaluate(*day_before).is_met()) {
                own[j].push_back({tpath.member("condition"), detail::quoted_condition(t.condition()),
                                  "is met before the close date " + to_string(c.date()) +
                                      ": money of a later close cannot fall due before it"});
            } else if (!early && date_ok && t.has_fallback() && !t.expected_date() && t.settlement_date() &&
                       is_modelled(*t.settlement_date()) && *t.settlement_date() < c.date()) {
                // A fallback tranche pays one of its amounts on its long-stop, whatever happens.
                own[j].push_back({tpath.member("condition"), detail::quoted_condition(t.condition()),
                                  "settles on its long-stop " + to_string(*t.settlement_date()) +
                                      ", before the close date " + to_string(c.date()) +
                                      ": money of a later close cannot fall due before it"});
            }
            if (t.amount().currency() != cur || !t.amount().is_positive()) summable = false;
            if (summable) {
                try {
                    money_in += t.amount();
                } catch (const overflow_error&) {
                    summable = false;  // the round builder reports the overflow
                }
            }
            tranche_source[i].push_back(source{j, tpath});
            tranches[i].push_back(at_this_close(t, c, at));
        }
    }

    // Every rule of a round, checked once by the builder; its paths rebased onto the close.
    const auto build = [&] {
        round_builder b(r.name());
        b.currency(cur).pre_money(r.pre_money()).close_date(r.close_date());
        if (const auto shares = r.valuation().pre_money_shares()) b.pre_money_shares(*shares);
        if (r.prior_mark()) b.prior_mark(*r.prior_mark(), r.prior_mark_label());
        if (r.prior_round()) b.prior_round(*r.prior_round(), r.prior_round_label());
        for (std::size_t i = 0; i < who.size(); ++i) b.invest(who[i], tranches[i]);
        return b.try_build();
    };
    build_result built = build();
    // The tranches as written are valid: the round itself holds this close's milestone tranches
    // to the close (built again, so that problems above name the conditions as written).
    if (built.ok() && date_ok) {
        bool held = false;
        for (std::size_t i = 0; i < who.size(); ++i) {
            for (std::size_t k = 0; k < tranches[i].size(); ++k) {
                if (!tranche_source[i][k]) continue;  // an earlier close's tranche
                if (std::optional<tranche> h = held_to_close(tranches[i][k], c.date())) {
                    tranches[i][k] = std::move(*h);
                    held = true;
                }
            }
        }
        if (held) built = build();
    }

    // A path of the combined round's builder in the close's terms: a tranche of this close at its
    // path in the close, an investor this close adds to (or something of it) at its first
    // investment; the round's total (`investors` itself) at the close. An investor or a tranche of
    // an earlier close keeps its place in the round so far (current()), which the combined round
    // keeps. With it, the investment whose problem it is (none for the round's own).
    struct in_close {
        field_path path;
        std::optional<std::size_t> investment;
    };
    const field_path builder_investors("investors");
    const auto place = [&](const field_path& p) -> in_close {
        const std::vector<path_segment> steps = p.segments();
        if (p == builder_investors) return {here, std::nullopt};
        if (steps.size() < 2 || !p.starts_with(builder_investors) || steps[1].kind != path_step::index ||
            steps[1].index >= who.size()) {
            return {p, std::nullopt};  // not expected: earlier closes were valid
        }
        const std::size_t i = steps[1].index;
        const field_path investor_at = round_builder::investor_field(i, who[i]);
        const field_path tranches_at = investor_at.member("tranches");
        if (!p.starts_with(investor_at)) return {p, std::nullopt};
        if (steps.size() >= 4 && p.starts_with(tranches_at) && steps[3].kind == path_step::index &&
            steps[3].index < tranche_source[i].size()) {
            const std::optional<source>& from = tranche_source[i][steps[3].index];
            if (!from) return {p, std::nullopt};  // an earlier close's tranche
            return {p.rebased(tranches_at.index(steps[3].index), from->path), from->investment};
        }
        if (!first_investment[i]) return {p, std::nullopt};  // an earlier close's investor
        return {p.rebased(investor_at, paths[*first_investment[i]]), *first_investment[i]};
    };
    // Each problem's path, and every investor or tranche its rule names (the builder's references
    // say where: the rule, which holds names and labels, is not searched), in the close's terms.
    std::vector<std::vector<diagnostic>> theirs(investments.size());  // per investment
    std::vector<diagnostic> round_level;
    const auto named = [&](const field_path& e) { return place(e).path.to_string(); };
    // An investor's tranches' sum overflowing (`investors[i].tranches`, its rule naming the
    // tranche `investors[i].tranches[k]` that overflows): at the investment that wrote that
    // tranche, as its tranches or, given as one amount, its amount; not at the investor's first
    // investment, which may have given one amount (no tranches to name) or none (its own problem
    // there would supersede this one).
    const auto overflowing = [&](std::size_t p, const field_path& f) -> std::optional<in_close> {
        const std::vector<path_segment> steps = f.segments();
        if (steps.size() != 3 || steps[2].kind != path_step::member || steps[2].name != "tranches") return std::nullopt;
        for (const element_reference& e : built.references) {
            if (e.problem != p || e.element.size() != 4 || !e.element.starts_with(f)) continue;
            const in_close t = place(e.element);
            if (!t.investment) continue;
            const std::size_t j = *t.investment;
            return in_close{investments[j].single ? paths[j].member("amount") : paths[j].member("tranches"), j};
        }
        return std::nullopt;
    };
    for (std::size_t p = 0; p < built.problems.size(); ++p) {
        diagnostic& d = built.problems[p];
        std::optional<in_close> tranche_overflow = overflowing(p, d.field);
        in_close at_close = tranche_overflow ? std::move(*tranche_overflow) : place(d.field);
        d.field = std::move(at_close.path);
        d.rule = detail::rule_naming(std::move(d.rule), built.references, p, named);
        if (at_close.investment) {
            theirs[*at_close.investment].push_back(std::move(d));
        } else {
            round_level.push_back(std::move(d));
        }
    }
    // Per investment: the builder's problems, then the close's own; where both name one field
    // the close's is kept, phrased for the close (an expected date before this close's date,
    // not only before the first close's).
    for (std::size_t j = 0; j < investments.size(); ++j) {
        for (diagnostic& d : theirs[j]) {
            bool superseded = false;
            for (const diagnostic& o : own[j]) superseded = superseded || o.field == d.field;
            if (!superseded) out.push_back(std::move(d));
        }
        out.insert(out.end(), own[j].begin(), own[j].end());
    }
    out.insert(out.end(), round_level.begin(), round_level.end());

    if (max_size_ && summable) {
        try {
            const money after = current_.raised() + money_in;
            if (after > *max_size_) {
                out.push_back({here, format_full(money_in),
                               "the round would raise " + detail::compact_if_exact(after) + ", " +
                                   detail::compact_if_exact(after - *max_size_) + " above its maximum " +
                                   detail::compact_if_exact(*max_size_)});
            }
        } catch (const overflow_error&) {
            // The round builder reported the overflow.
        }
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
