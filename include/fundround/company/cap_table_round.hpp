/// @file company/cap_table_round.hpp
/// @brief A priced round applied to a cap table — the investors buy a new preferred series at
/// the round price, the pool is topped up — with every holder's fully diluted shares, ownership
/// and dilution before and after; and what a chain of rounds did (round_chain_result: each round
/// on its table, every holder's shares and ownership after each). The chain itself (seed ->
/// Series A -> Series B, SAFEs and notes converting on the way) is in instruments/round_chain.hpp.
#ifndef FUNDROUND_COMPANY_CAP_TABLE_ROUND_HPP
#define FUNDROUND_COMPANY_CAP_TABLE_ROUND_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// One holding a round issues: @p shares of the class at position @p share_class of the table
/// after, to @p holder.
struct round_issue {
    holder_id holder;         // who
    std::size_t share_class;  // the class's position in the table after
    share_count shares;       // how many (> 0)
};

/// The company layer's access to a built table's indexes: its per-class and per-pool totals
/// (for pricing in O(classes + pools)) and issuing into it without rebuilding it.
struct cap_table_access {
    /// A table with nothing on it, to build one in place (issue_round_into()).
    static cap_table empty() { return cap_table(); }

    /// pre_round_shares_of(): from the per-class and per-pool totals the table keeps; the
    /// definition is the basis's text followed by @p suffix.
    static pre_round_shares pre_round(const cap_table& t, const fully_diluted_basis& basis, std::string_view suffix = {}) {
        const auto one_to_one = [&](std::size_t c) {
            const fraction& r = t.classes_[c].conversion_ratio();
            return r.numerator() == r.denominator();
        };
        // Every count is positive and the table's fully diluted totals fit 64 bits (try_build()
        // checks them), so the order of the additions does not matter: one pass over the
        // holdings (and grants) for the classes (pools) whose shares convert at another ratio.
        share_count total;
        std::vector<char> other_ratio;  // per class, when some class converts at another ratio than 1
        for (std::size_t c = 0; c < t.classes_.size(); ++c) {
            if (one_to_one(c)) {
                total += t.class_issued_[c];
            } else {
                if (other_ratio.empty()) other_ratio.assign(t.classes_.size(), 0);
                other_ratio[c] = 1;
            }
        }
        if (!other_ratio.empty()) {
            for (std::size_t k = 0; k < t.holdings_.size(); ++k) {
                const std::size_t c = t.holding_class_[k];
                if (other_ratio[c]) total += t.as_converted(c, t.holdings_[k].shares);
            }
        }
        share_count unallocated;
        bool other_pool = false;
        for (std::size_t p = 0; p < t.pools_.size(); ++p) {
            const std::size_t c = t.pool_class_[p];
            if (basis.granted_options) {
                if (one_to_one(c)) {
                    total += t.pool_granted_[p];
                } else {
                    other_pool = true;
                }
            }
            if (basis.unallocated_pool) unallocated += t.as_converted(c, t.pools_[p].authorized - t.pool_granted_[p]);
        }
        if (other_pool) {
            for (std::size_t k = 0; k < t.grants_.size(); ++k) {
                const std::size_t c = t.pool_class_[t.grant_pool_[k]];
                if (other_ratio[c]) total += t.as_converted(c, t.grants_[k].shares);
            }
        }
        total += unallocated;
        if (basis.warrants) {
            for (std::size_t k = 0; k < t.warrants_.size(); ++k) {
                total += t.as_converted(t.warrant_class_[k], t.warrants_[k].shares);
            }
        }
        return {basis.text_then(suffix), total, unallocated};
    }

    /// @p t.fully_diluted(@p basis) without the per-class and per-pool counts (by_class() and
    /// by_pool() empty): what a round's holder changes read of the table before.
    static fully_diluted_counts holder_counts(const cap_table& t, const fully_diluted_basis& basis) {
        return t.count_fully_diluted(basis, false);
    }

    /// The first holder of @p t (lowest position) whose name has the holder_name_key() of
    /// @p name and whose id is not @p except: O(log n) on the table's name-key index.
    static std::optional<std::size_t> same_name_key(const cap_table& t, std::string_view name, const holder_id& except) {
        const auto& order = t.name_order_;
        auto it = std::lower_bound(order.begin(), order.end(), name, [&](std::uint32_t i, std::string_view x) {
            return compare_name_keys(t.holders_[i].name(), x) < 0;
        });
        for (; it != order.end() && compare_name_keys(t.holders_[*it].name(), name) == 0; ++it) {
            if (t.holders_[*it].id() != except) return static_cast<std::size_t>(*it);
        }
        return std::nullopt;
    }

    /// The problems try_build() would report for the holders @p added appended to @p before's
    /// (at positions n, n + 1, ... for n holders), in its order and words: an empty id or a name
    /// without a letter or digit, an id that duplicates an earlier one, a name with the
    /// holder_name_key() of an earlier holder (not the same id, not declared distinct). The
    /// holders of @p before were valid together, so only the added ones can be reported: O(k log
    /// k + k log n) for k added, on the table's id and name-key indexes.
    /// The holders its rules name by their place ("holders[k]") go to @p refs, if given.
    static void check_added_holders(const cap_table& before, const std::vector<holder>& added, std::vector<diagnostic>& out,
                                    std::vector<element_reference>* refs = nullptr) {
        const std::size_t n = before.holders_.size();
        const std::size_t k = added.size();
        const auto path = [](std::size_t i) { return field_path("holders").index(i); };
        for (std::size_t i = 0; i < k; ++i) {
            if (added[i].id().empty()) out.push_back({path(n + i).member("id"), "", "must not be empty"});
            if (name_key_empty(added[i].name())) {
                out.push_back({path(n + i).member("name"), quoted_text(added[i].name()), "must contain a letter or digit"});
            }
        }
        if (k == 0) return;
        // Ids: the first holder with each id (an old one, else the first added one); names: the
        // earlier added holders with the same key, in position order. A round adds a few holders:
        // up to `few`, the earlier ones are scanned for each (no scratch); past that, the added
        // ones are sorted by id and by key (std::sort with the position as the last key orders as
        // a stable sort would, without its buffer), in O(k log k).
        constexpr std::size_t few = 16;
        const bool scan = k <= few;
        std::vector<std::size_t> order;
        std::vector<std::pair<std::size_t, std::size_t>> first;  // past `few`, per added holder: (position after
                                                                 // of the first with its id, start
                                                                 // in order of its key group)
        if (!scan) {
            order.resize(k);
            first.resize(k);
            for (std::size_t i = 0; i < k; ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return added[a].id() < added[b].id() || (added[a].id() == added[b].id() && a < b);
            });
            for (std::size_t j = 0; j < k; ++j) {
                const std::size_t i = order[j];
                if (j > 0 && added[i].id() == added[order[j - 1]].id()) {
                    first[i].first = first[order[j - 1]].first;
                } else {
                    first[i].first = before.holder_index(added[i].id()).value_or(n + i);
                }
            }
            // the keys compared in place (compare_name_keys), not built
            const auto key_order = [&](std::size_t a, std::size_t b) { return compare_name_keys(added[a].name(), added[b].name()); };
            for (std::size_t i = 0; i < k; ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                const int c = key_order(a, b);
                return c < 0 || (c == 0 && a < b);
            });
            for (std::size_t j = 0; j < k; ++j) {
                first[order[j]].second = j > 0 && key_order(order[j], order[j - 1]) == 0 ? first[order[j - 1]].second : j;
            }
        }
        // The position after of the first holder with added holder i's id.
        const auto first_with_id = [&](std::size_t i) {
            if (!scan) return first[i].first;
            std::size_t j = 0;
            while (added[j].id() != added[i].id()) ++j;  // stops at i at the latest
            return before.holder_index(added[i].id()).value_or(n + j);
        };
        const auto declared = [&](const holder_id& a, const holder_id& b) {
            for (const auto& [x, y] : before.distinct_) {
                if ((x == a && y == b) || (x == b && y == a)) return true;
            }
            return false;
        };
        const auto named = [&](std::size_t at, const std::string& rule) {  // the place of holders[at] in the next problem's rule
            if (refs != nullptr) refs->push_back({out.size(), path(at), rule.size()});
        };
        const auto near = [&](std::size_t i, const holder& a, std::size_t at) {
            const holder& b = added[i];
            std::string rule = a.name() == b.name() ? "is the same name as " : "nearly duplicates ";
            named(at, rule);
            rule += path(at).to_string() + " " + quoted_text(a.name()) + " (ids \"" + a.id().str() + "\" and \"" + b.id().str() +
                    "\"); use one holder, or declare the two distinct";
            out.push_back({path(n + i).member("name"), quoted_text(b.name()), std::move(rule)});
        };
        for (std::size_t i = 0; i < k; ++i) {  // in position order, the id before the name, as try_build()
            const holder& b = added[i];
            if (!b.id().empty()) {
                const std::size_t at = first_with_id(i);
                if (at != n + i) {
                    const std::string rule = "duplicates the id of ";
                    named(at, rule);
                    out.push_back({path(n + i).member("id"), quoted_text(b.id().str()),
                                   rule + path(at).to_string() + "; a holder appears once (merge the two)"});
                }
            }
            if (name_key_empty(b.name())) continue;
            // The earlier holders of its key group in position order: the old ones (the table's
            // name-key index, ties by position), then the added ones before it.
            bool found = false;
            const auto& by_name = before.name_order_;
            auto it = std::lower_bound(by_name.begin(), by_name.end(), std::string_view(b.name()),
                                       [&](std::uint32_t x, std::string_view nm) { return compare_name_keys(before.holders_[x].name(), nm) < 0; });
            for (; it != by_name.end() && compare_name_keys(before.holders_[*it].name(), b.name()) == 0; ++it) {
                const holder& a = before.holders_[*it];
                if (a.id() == b.id() || declared(a.id(), b.id())) continue;
                near(i, a, *it);
                found = true;
                break;
            }
            const auto earlier = [&](std::size_t m) {  // added holder m, earlier than i, has b's key
                if (added[m].id() == b.id() || declared(added[m].id(), b.id())) return;
                near(i, added[m], n + m);
                found = true;
            };
            if (scan) {
                for (std::size_t m = 0; !found && m < i; ++m) {
                    if (compare_name_keys(added[m].name(), b.name()) == 0) earlier(m);
                }
            } else {
                for (std::size_t j = first[i].second; !found && j < k && order[j] != i; ++j) earlier(order[j]);
            }
        }
    }

    /// @p t with the holders @p added, the new classes @p classes (their names new to the table
    /// and distinct, exactly and by holder_name_key(): checked by the caller), the holdings in
    /// @p issues (shares > 0 of a class by its position in the table after; one per holder and
    /// class) and @p increase more shares authorized in pool @p pool: the table after a priced
    /// round, built from the table's indexes without re-validating or re-sorting its holders.
    /// O(n + k log k + k log n) for n holders and k added: the lists are copied, the k new
    /// positions merged into the sorted indexes, and only what is new validated (the added
    /// holders if @p check_added, else their ids are new and checked by the caller; the classes;
    /// the totals for overflow, the fully diluted count once). Problems are those try_build()
    /// would report for the same table, in its order.
    static cap_table_result issue_round(const cap_table& before, const std::vector<holder>& added, std::vector<share_class> classes,
                                        const std::vector<round_issue>& issues, std::optional<std::size_t> pool, share_count increase,
                                        fully_diluted_counts* full_counts = nullptr, bool check_added = false,
                                        const option_pool* created = nullptr) {
        cap_table_result result;
        cap_table t;
        if (issue_round_into(before, added, std::move(classes), issues, pool, increase, t, result.problems, full_counts, check_added,
                             created)) {
            result.table = std::move(t);
        }
        return result;
    }

    /// issue_round() into @p t, a table with nothing on it (empty()), adding its problems to
    /// @p out: true if there were none (else @p t is partly built and not a valid table). With
    /// @p created, the round creates that pool (its name and class; @p pool ignored) with
    /// @p increase shares authorized, appended to the table's pools. The holders the added
    /// holders' problems name by their place go to @p refs, if given (their problems' indexes in @p
    /// out).
    static bool issue_round_into(const cap_table& before, const std::vector<holder>& added, std::vector<share_class> classes,
                                 const std::vector<round_issue>& issues, std::optional<std::size_t> pool, share_count increase,
                                 cap_table& t, std::vector<diagnostic>& out, fully_diluted_counts* full_counts = nullptr,
                                 bool check_added = false, const option_pool* created = nullptr,
                                 std::vector<element_reference>* refs = nullptr) {
        const std::size_t problems_before = out.size();
        const std::size_t n = before.holders_.size();
        const std::size_t c = before.classes_.size();
        constexpr std::size_t index_limit = std::size_t{1} << 31;
        if (n + added.size() >= index_limit || before.holdings_.size() + issues.size() >= index_limit) {
            out.push_back({field_path("holders"), std::to_string(n + added.size()) + " entries",
                           "must have fewer than 2^31 entries"});
            return false;
        }
        // The pool top-up (first, as try_build() reports the builder's increase_pool()).
        const bool pool_known = created == nullptr && pool && *pool < before.pools_.size();
        bool top_up = false;
        if (created != nullptr) {
            // A new pool, checked as try_build() checks a pool (at its position after the round).
            const std::size_t p = before.pools_.size();
            if (name_key_empty(created->name)) {
                out.push_back({company_field("pools", p, "name"), quoted_text(created->name), "must contain a letter or digit"});
            } else if (const auto q = before.pool_index(created->name)) {
                out.push_back({company_field("pools", p, "name"), quoted_text(created->name),
                               "duplicates " + company_field("pools", *q).to_string() + "; a pool appears once"});
            }
            bool class_known = before.class_index(created->share_class).has_value();
            for (const share_class& k : classes) class_known = class_known || k.name() == created->share_class;
            if (!class_known) {
                out.push_back({company_field("pools", p, "share_class"), quoted_text(created->share_class), "is not a share class on the cap table"});
            }
            if (increase.value() <= 0) {
                out.push_back({company_field("pools", p, "authorized"), std::to_string(increase.value()),
                               "must be positive (the round creates the pool with its pool increase)"});
            }
        } else if (increase.value() != 0) {
            bool ok = pool_known && increase.value() > 0;
            if (ok) {
                share_count sum = before.pools_[*pool].authorized;
                try {
                    sum += increase;
                } catch (const overflow_error&) {
                    ok = false;
                }
            }
            if (!ok) {
                out.push_back({field_path("increase_pool"),
                               std::to_string(increase.value()) + " to \"" + (pool_known ? before.pools_[*pool].name : "") + "\"",
                               "the pool must exist and the increase be positive and fit 64 bits"});
            }
            top_up = ok;
        }
        if (check_added) check_added_holders(before, added, out, refs);
        // The new classes, validated like classes of the builder.
        for (std::size_t j = 0; j < classes.size(); ++j) {
            const share_class& k = classes[j];
            for (diagnostic d : k.validate()) {
                d.field = d.field.prefixed(company_field("classes", c + j));
                out.push_back(std::move(d));
            }
            if (k.original_issue_price() && k.original_issue_price()->currency() != before.currency_) {
                out.push_back({company_field("classes", c + j, "original_issue_price"), k.original_issue_price()->display_string(),
                               detail::table_currency_rule(before.currency_)});
            }
        }
        // A copy of every list, each allocated once at its final size (a plain copy then an
        // append would copy the largest lists twice).
        t.currency_ = before.currency_;
        const auto copy_plus = [](auto& to, const auto& from, std::size_t more) {
            to.reserve(from.size() + more);
            to.assign(from.begin(), from.end());
        };
        copy_plus(t.holders_, before.holders_, added.size());
        t.holders_.insert(t.holders_.end(), added.begin(), added.end());
        copy_plus(t.classes_, before.classes_, classes.size());
        for (share_class& k : classes) t.classes_.push_back(std::move(k));
        copy_plus(t.holdings_, before.holdings_, issues.size());
        t.pools_ = before.pools_;
        t.grants_ = before.grants_;
        t.warrants_ = before.warrants_;
        t.distinct_ = before.distinct_;
        copy_plus(t.holder_order_, before.holder_order_, added.size());
        copy_plus(t.name_order_, before.name_order_, added.size());
        copy_plus(t.holding_holder_, before.holding_holder_, issues.size());
        copy_plus(t.holding_class_, before.holding_class_, issues.size());
        t.grant_holder_ = before.grant_holder_;
        t.grant_pool_ = before.grant_pool_;
        t.warrant_holder_ = before.warrant_holder_;
        t.warrant_class_ = before.warrant_class_;
        t.pool_class_ = before.pool_class_;
        copy_plus(t.class_issued_, before.class_issued_, classes.size());
        t.class_issued_.resize(c + classes.size());
        t.pool_granted_ = before.pool_granted_;
        t.issued_total_ = before.issued_total_;
        // The indexes: the new positions, sorted, merged into the sorted ones.
        const auto merge_new = [&](std::vector<std::uint32_t>& order, auto less) {
            const std::size_t old = order.size();
            const std::size_t k = t.holders_.size() - n;
            if (k <= 16) {  // a few: sorted on the stack, merged from the back (no merge buffer)
                std::uint32_t fresh[16];
                for (std::size_t i = 0; i < k; ++i) fresh[i] = static_cast<std::uint32_t>(n + i);
                std::sort(fresh, fresh + k, less);
                order.resize(old + k);
                std::size_t i = old;
                std::size_t j = k;
                std::size_t w = old + k;
                while (j > 0) {  // the old before the new among equals, as std::inplace_merge
                    if (i > 0 && less(fresh[j - 1], order[i - 1])) {
                        order[--w] = order[--i];
                    } else {
                        order[--w] = fresh[--j];
                    }
                }
                return;
            }
            for (std::size_t i = n; i < t.holders_.size(); ++i) order.push_back(static_cast<std::uint32_t>(i));
            std::sort(order.begin() + static_cast<std::ptrdiff_t>(old), order.end(), less);
            std::inplace_merge(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(old), order.end(), less);
        };
        merge_new(t.holder_order_, [&](std::uint32_t a, std::uint32_t b) { return t.holders_[a].id() < t.holders_[b].id(); });
        merge_new(t.name_order_, [&](std::uint32_t a, std::uint32_t b) {
            const int k = compare_name_keys(t.holders_[a].name(), t.holders_[b].name());
            return k < 0 || (k == 0 && a < b);
        });
        // The class index (beyond a few classes): the table's, each new class inserted after the
        // names it does not precede (ties stay by position); the pools are the table's.
        if (before.class_order_.empty()) {
            t.index_classes_and_pools();
        } else {
            copy_plus(t.class_order_, before.class_order_, classes.size());
            for (std::size_t j = c; j < t.classes_.size(); ++j) {
                const std::string_view name = t.classes_[j].name();
                const auto at = std::upper_bound(t.class_order_.begin(), t.class_order_.end(), name, [&](std::string_view x, std::uint32_t i) {
                    return x < std::string_view(t.classes_[i].name());
                });
                t.class_order_.insert(at, static_cast<std::uint32_t>(j));
            }
            t.pool_order_ = before.pool_order_;
        }
        if (top_up) t.pools_[*pool].authorized += increase;  // fits: checked above
        if (created != nullptr && out.size() == problems_before) {
            t.pools_.push_back({created->name, created->share_class, increase});
            t.pool_class_.push_back(static_cast<std::uint32_t>(t.class_index(created->share_class).value_or(0)));
            t.pool_granted_.push_back(share_count());
            cap_table::name_order(t.pool_order_, t.pools_.size(), [&](std::uint32_t i) -> std::string_view { return t.pools_[i].name; });
        }
        // The holdings of the new classes.
        for (const round_issue& is : issues) {
            const std::size_t k = t.holdings_.size();
            const auto h = t.holder_index(is.holder);
            t.holdings_.push_back({is.holder, t.classes_[is.share_class].name(), is.shares});
            t.holding_holder_.push_back(static_cast<std::uint32_t>(h.value_or(0)));
            t.holding_class_.push_back(static_cast<std::uint32_t>(is.share_class));
            if (!h) out.push_back({company_field("holdings", k, "holder"), quoted_text(is.holder.str()), "is not a holder on the cap table"});
            if (is.shares.value() <= 0) {
                out.push_back({company_field("holdings", k, "shares"), std::to_string(is.shares.value()), "must be positive"});
                continue;
            }
            try {
                t.class_issued_[is.share_class] += is.shares;
                t.issued_total_.value += is.shares;
            } catch (const overflow_error&) {
                out.push_back({company_field("holdings", k, "shares"), std::to_string(is.shares.value()), "the total overflows 64 bits"});
            }
        }
        if (out.size() != problems_before) return false;
        try {  // every fully diluted total must fit 64 bits, as try_build() checks
            fully_diluted_counts all = t.fully_diluted(fully_diluted_basis::full_with_convertibles());
            if (full_counts) *full_counts = std::move(all);
        } catch (const overflow_error& e) {
            out.push_back({field_path("fully_diluted"), "", std::string("the cap table's fully diluted count overflows: ") + detail::reason_of(e)});
            return false;
        }
        return true;
    }
};

}  // namespace detail

/// The fully diluted base of @p table on @p basis, for pricing a round: F0 = the basis's total,
/// E = the unallocated pool shares the basis counts, named by the basis ("issued + granted
/// options + unallocated pool + warrants"). Equal to table.fully_diluted(basis).total() and
/// .unallocated_pool(), from the table's per-class and per-pool totals: O(classes x pools +
/// warrants) when every class converts 1:1, plus the holdings and grants of the classes that
/// do not (converted one by one, rounded down, as fully_diluted() does).
[[nodiscard]] inline pre_round_shares pre_round_shares_of(const cap_table& table,
                                                          const fully_diluted_basis& basis = fully_diluted_basis::full()) {
    return detail::cap_table_access::pre_round(table, basis);
}

/// One holder across a round: fully diluted shares and ownership before and after.
struct holder_change {
    holder_id holder;            ///< Who.
    std::string name;            ///< The holder's display name.
    share_count before;          ///< Fully diluted shares before the round (0 for a new holder).
    share_count after;           ///< Fully diluted shares after the round.
    fraction ownership_before;   ///< Fraction of the fully diluted total before.
    fraction ownership_after;    ///< Fraction of the fully diluted total after.

    /// The ownership lost, relative: 1 - after / before (0 for a new holder; negative for a
    /// holder whose stake grew, e.g. by investing in the round).
    [[nodiscard]] fraction dilution() const {
        if (ownership_before.is_zero()) return fraction();
        return fraction(1) - ownership_after / ownership_before;
    }
    /// The ownership lost in fraction points: before - after.
    [[nodiscard]] fraction points_lost() const { return ownership_before - ownership_after; }

    /// Field by field.
    [[nodiscard]] friend bool operator==(const holder_change& a, const holder_change& b) {
        return a.holder == b.holder && a.name == b.name && a.before == b.before && a.after == b.after &&
               a.ownership_before == b.ownership_before && a.ownership_after == b.ownership_after;
    }
    /// Not equal, field by field.
    [[nodiscard]] friend bool operator!=(const holder_change& a, const holder_change& b) { return !(a == b); }
};

namespace detail {

/// Every holder of @p after (in its order) across a round: fully diluted shares and ownership
/// before (@p was, the table before's counts: 0 for a new holder, the new ones follow the old
/// ones) and after (@p now), on one basis.
[[nodiscard]] inline std::vector<holder_change> holder_changes(const fully_diluted_counts& was, const cap_table& after,
                                                             const fully_diluted_counts& now) {
    const std::vector<holder>& hs = after.holders();
    const std::size_t old = was.by_holder().size();
    std::vector<holder_change> out;
    out.reserve(hs.size());
    for (std::size_t i = 0; i < hs.size(); ++i) {
        const share_count b = i < old ? was.by_holder()[i] : share_count();
        out.push_back({hs[i].id(), hs[i].name(), b, now.by_holder()[i], fraction(b.value(), was.total().value()),
                       fraction(now.by_holder()[i].value(), now.total().value())});
    }
    return out;
}

/// The change of holder @p id among @p changes (holder_changes() of @p after); throws
/// invalid_argument_error if @p id is not on @p after. The change_of() of every round result.
[[nodiscard]] inline const holder_change& change_of(const cap_table& after, const std::vector<holder_change>& changes,
                                                    const holder_id& id) {
    const auto i = after.holder_index(id);
    if (!i) throw invalid_argument_error("holder = \"" + id.str() + "\": not on the cap table after the round");
    return changes[*i];
}

struct round_on_cap_table_access;

}  // namespace detail

/// A priced round applied to a cap table: the pricing, the tables before and after, and every
/// holder's change. Made by cap_table_round::apply_to().
class round_on_cap_table {
public:
    /// The solved pricing (price, pool increase, each investor's shares).
    [[nodiscard]] const priced_round& pricing() const noexcept { return pricing_; }
    /// The cap table before the round.
    [[nodiscard]] const cap_table& before() const noexcept { return before_; }
    /// The cap table after the round.
    [[nodiscard]] const cap_table& after() const noexcept { return after_; }
    /// The fully diluted definition the round is priced and reported on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }
    /// The new series' name.
    [[nodiscard]] const std::string& series() const noexcept { return series_; }
    /// The pool topped up (or created), if any.
    [[nodiscard]] const std::optional<std::string>& pool() const noexcept { return pool_; }
    /// True if the round created pool() (it is on the table after, not before): its size after
    /// is the pricing's pool_increase().
    [[nodiscard]] bool pool_created() const { return pool_ && !before_.pool_index(*pool_) && after_.pool_index(*pool_); }
    /// Every holder on the table after the round, in its order: shares and ownership before and
    /// after.
    [[nodiscard]] const std::vector<holder_change>& holders() const noexcept { return changes_; }
    /// The change of holder @p id; throws invalid_argument_error if it is not on the table after.
    [[nodiscard]] const holder_change& change_of(const holder_id& id) const {
        return detail::change_of(after_, changes_, id);
    }
    /// The unallocated pool (all pools the basis counts) before / the fully diluted total before.
    [[nodiscard]] fraction pool_ownership_before() const { return pool_before_; }
    /// The unallocated pool after / the fully diluted total after.
    [[nodiscard]] fraction pool_ownership_after() const { return pool_after_; }

private:
    friend class cap_table_round;
    friend struct detail::round_on_cap_table_access;
    round_on_cap_table(priced_round p, cap_table before, cap_table after)
        : pricing_(std::move(p)), before_(std::move(before)), after_(std::move(after)) {}

    priced_round pricing_;
    cap_table before_;
    cap_table after_;
    fully_diluted_basis basis_;
    std::string series_;
    std::optional<std::string> pool_;
    std::vector<holder_change> changes_;
    fraction pool_before_;
    fraction pool_after_;
};

namespace detail {

/// Builds a round_on_cap_table: for cap_table_round, and for a round with conversions seen as a
/// priced round on the table (instruments/round_chain.hpp).
struct round_on_cap_table_access {
    /// The round @p p took @p before to @p after, issuing @p series, topping up @p pool, reported
    /// on @p basis; @p full_after, when given, is after's count on fully_diluted_basis::full()
    /// (saves counting it again).
    static round_on_cap_table make(priced_round p, cap_table before, cap_table after, const fully_diluted_basis& basis,
                                   std::string series, std::optional<std::string> pool,
                                   std::optional<fully_diluted_counts> full_after = std::nullopt) {
        round_on_cap_table r(std::move(p), std::move(before), std::move(after));
        r.basis_ = basis;
        r.series_ = std::move(series);
        r.pool_ = std::move(pool);
        const fully_diluted_counts was = r.before_.fully_diluted(basis);
        const bool full = basis == fully_diluted_basis::full() || basis == fully_diluted_basis::full_with_convertibles();
        const fully_diluted_counts now = full && full_after ? std::move(*full_after) : r.after_.fully_diluted(basis);
        r.changes_ = holder_changes(was, r.after_, now);
        r.pool_before_ = fraction(was.unallocated_pool().value(), was.total().value());
        r.pool_after_ = fraction(now.unallocated_pool().value(), now.total().value());
        return r;
    }
};

}  // namespace detail

/// The outcome of cap_table_round::try_apply_to(): the round on the table, or every problem.
struct cap_table_round_result {
    std::optional<round_on_cap_table> round;  ///< The round applied, when there were no problems.
    std::vector<diagnostic> problems;         ///< Every problem found (empty on success).
    std::vector<element_reference> references;  ///< The holders on the table its problems name by their place (`holders[k]`).

    /// True if the round was applied.
    [[nodiscard]] bool ok() const noexcept { return round.has_value(); }
    /// True if the round was applied.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A priced round to apply to a cap table: the terms (their investor names are holder ids), the
/// new preferred series the investors buy (issued at the round price), the investors new to the
/// table, the pool that receives the top-up and the fully diluted definition the price is on:
///
///     const round_on_cap_table a =
///         cap_table_round(priced_round_terms("Series A").pre_money(8_M).invest("blue", 2_M)
///                             .option_pool(fraction(1, 5), pool_placement::pre_money),
///                         "Series A Preferred")
///             .add_investor(holder::investor("blue", "Blue Shirt Capital"))
///             .top_up_pool("Plan")
///             .apply_to(table);
///
/// Setters never throw; apply_to() reports every problem at once.
class cap_table_round {
public:
    /// The round @p terms, whose investors buy the new preferred series @p series with
    /// liquidation terms @p liquidation (default 1x non-participating).
    cap_table_round(priced_round_terms terms, std::string series, liquidation_terms liquidation = {})
        : terms_(std::move(terms)), series_(std::move(series)), liquidation_(std::move(liquidation)) {}

    /// Adds @p h, an investor of the round not yet on the table.
    cap_table_round& add_investor(holder h) {
        new_holders_.push_back(std::move(h));
        return *this;
    }
    /// The pool on the table that receives the top-up (this or new_pool() is required when the
    /// terms have a pool target).
    cap_table_round& top_up_pool(std::string pool) {
        pool_ = std::move(pool);
        new_pool_class_.reset();
        return *this;
    }
    /// Creates pool @p pool, of the class @p share_class on the table (usually common), sized by
    /// the terms' pool target: its authorized shares are the round's pool increase (a company's
    /// first pool, created in the round). A pool of that name already on the table is a problem.
    /// The target and placement are the terms' (priced_round_terms::option_pool()), so it takes
    /// none, unlike conversion_round::new_pool(target, placement, pool, share_class).
    cap_table_round& new_pool(std::string pool, std::string share_class) {
        pool_ = std::move(pool);
        new_pool_class_ = std::move(share_class);
        return *this;
    }
    /// Prices the round on the fully diluted definition @p b (default fully_diluted_basis::full()).
    cap_table_round& price_on(fully_diluted_basis b) {
        basis_ = b;
        return *this;
    }

    /// The round's terms.
    [[nodiscard]] const priced_round_terms& terms() const noexcept { return terms_; }
    /// The new series' name.
    [[nodiscard]] const std::string& series() const noexcept { return series_; }
    /// The new series' liquidation terms.
    [[nodiscard]] const liquidation_terms& liquidation() const noexcept { return liquidation_; }
    /// The investors new to the table, in the order added.
    [[nodiscard]] const std::vector<holder>& new_investors() const noexcept { return new_holders_; }
    /// The pool that receives the top-up (or is created, new_pool()), if named.
    [[nodiscard]] const std::optional<std::string>& pool() const noexcept { return pool_; }
    /// The class of the pool the round creates (new_pool()); empty when it tops up a pool or none.
    [[nodiscard]] const std::optional<std::string>& new_pool_class() const noexcept { return new_pool_class_; }
    /// The fully diluted definition the round is priced on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }

    /// Every problem with applying the round to @p table (empty if none).
    [[nodiscard]] std::vector<diagnostic> validate(const cap_table& table) const {
        return try_apply_to(table).problems;
    }
    /// The round applied to @p table, or every problem found (a rounding::exact mode of the terms
    /// that meets an inexact figure too: `terms.investors[i].shares`, say; and an exact price
    /// that does not fit a price_per_share, the series' original issue price: `terms.price`).
    [[nodiscard]] cap_table_round_result try_apply_to(const cap_table& table) const;
    /// The round applied to @p table; throws validation_error listing every problem.
    [[nodiscard]] round_on_cap_table apply_to(const cap_table& table) const {
        cap_table_round_result r = try_apply_to(table);
        if (!r.ok()) {
            throw validation_error("round \"" + terms_.name() + "\" does not apply to the cap table",
                                   std::move(r.problems));
        }
        return std::move(*r.round);
    }

private:
    priced_round_terms terms_;
    std::string series_;
    liquidation_terms liquidation_;
    std::vector<holder> new_holders_;
    std::optional<std::string> pool_;
    std::optional<std::string> new_pool_class_;
    fully_diluted_basis basis_ = fully_diluted_basis::full();
};

inline cap_table_round_result cap_table_round::try_apply_to(const cap_table& table) const {
    // Everything is checked against the table's indexes (holders by id, by name key): O(k log n)
    // for k new investors, never a re-validation or re-sort of the table's n holders.
    cap_table_round_result result;
    std::vector<diagnostic>& out = result.problems;
    const pre_round_shares base = pre_round_shares_of(table, basis_);
    {
        std::vector<diagnostic> own = terms_.validate(base);
        // On a table the amounts' currency is the table's: an amount in another currency than the
        // first investor's ("like the rest") is left to the check against the table below, which
        // reports every amount not in the table's currency once.
        const auto& invs = terms_.investors();
        for (std::size_t i = 0; i < invs.size(); ++i) {
            if (invs[i].second.currency() == invs.front().second.currency()) continue;
            const field_path amount = field_path("investors").index(i).member("amount");
            own.erase(std::remove_if(own.begin(), own.end(), [&](const diagnostic& d) { return d.field == amount; }), own.end());
        }
        for (diagnostic& d : own) d.field = d.field.prefixed(field_path("terms"));
        out.insert(out.end(), own.begin(), own.end());
    }
    const std::size_t k = new_holders_.size();
    const auto new_investor = [](std::size_t i, const char* member) {
        return field_path("new_investors").index(i).member(member);
    };
    // The new investors' ids: not empty, not on the table, each once (sorted: O(k log k)).
    std::vector<std::size_t> by_id(k);
    for (std::size_t i = 0; i < k; ++i) by_id[i] = i;
    std::stable_sort(by_id.begin(), by_id.end(),
                     [&](std::size_t a, std::size_t b) { return new_holders_[a].id() < new_holders_[b].id(); });
    std::vector<std::size_t> first_with_id(k);
    for (std::size_t j = 0; j < k; ++j) {
        const bool same = j > 0 && new_holders_[by_id[j]].id() == new_holders_[by_id[j - 1]].id();
        first_with_id[by_id[j]] = same ? first_with_id[by_id[j - 1]] : by_id[j];
    }
    for (std::size_t i = 0; i < k; ++i) {
        const holder& h = new_holders_[i];
        if (h.id().empty()) {
            out.push_back({new_investor(i, "id"), "", "must not be empty"});
        } else if (table.holder_index(h.id())) {
            out.push_back({new_investor(i, "id"), "\"" + h.id().str() + "\"",
                           "is already on the cap table: invest with its id, do not add it again"});
        } else if (first_with_id[i] != i) {
            out.push_back({new_investor(i, "id"), "\"" + h.id().str() + "\"",
                           "duplicates the id of " + field_path("new_investors").index(first_with_id[i]).to_string() +
                               "; a holder appears once"});
        }
    }
    // Their names: a letter or digit; not a near-duplicate ("Softbank " for "SoftBank") of a holder
    // on the table (its name-key index, O(log n)) or of an earlier new investor (sorted keys).
    {
        std::vector<std::string> keys(k);
        for (std::size_t i = 0; i < k; ++i) keys[i] = holder_name_key(new_holders_[i].name());
        std::vector<std::size_t> by_key(k);
        for (std::size_t i = 0; i < k; ++i) by_key[i] = i;
        std::stable_sort(by_key.begin(), by_key.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
        std::vector<std::size_t> group_start(k);  // position in by_key of the first of i's key group
        for (std::size_t j = 0; j < k; ++j) {
            group_start[by_key[j]] = j > 0 && keys[by_key[j]] == keys[by_key[j - 1]] ? group_start[by_key[j - 1]] : j;
        }
        const auto nearly = [&](std::size_t i, const holder& a, const field_path& a_path) {
            const holder& b = new_holders_[i];
            std::string rule = a.name() == b.name() ? "is the same name as " : "nearly duplicates ";
            if (a_path.starts_with(field_path("holders"))) result.references.push_back({out.size(), a_path, rule.size()});
            rule += a_path.to_string() + " " + detail::quoted_text(a.name()) + " (ids \"" + a.id().str() + "\" and \"" + b.id().str() +
                    "\"); use one holder, or declare the two distinct";
            out.push_back({new_investor(i, "name"), detail::quoted_text(b.name()), std::move(rule)});
        };
        for (std::size_t i = 0; i < k; ++i) {
            const holder& b = new_holders_[i];
            if (keys[i].empty()) {
                out.push_back({new_investor(i, "name"), detail::quoted_text(b.name()), "must contain a letter or digit"});
                continue;
            }
            if (const auto a = detail::cap_table_access::same_name_key(table, b.name(), b.id())) {
                nearly(i, table.holders()[*a], field_path("holders").index(*a));
                continue;
            }
            for (std::size_t j = group_start[i]; j < k && by_key[j] != i; ++j) {  // earlier in its group
                const std::size_t m = by_key[j];
                if (new_holders_[m].id() == b.id()) continue;
                nearly(i, new_holders_[m], field_path("new_investors").index(m));
                break;
            }
        }
    }
    // The investors, by id (sorted: O(m log m)): each on the table or added, and every added
    // holder invests (nothing added silently).
    const auto& investors = terms_.investors();
    std::vector<std::string_view> investing;
    investing.reserve(investors.size());
    for (const auto& inv : investors) investing.push_back(inv.first);
    std::sort(investing.begin(), investing.end());
    for (std::size_t i = 0; i < k; ++i) {
        const std::string& id = new_holders_[i].id().str();
        if (!std::binary_search(investing.begin(), investing.end(), std::string_view(id)) &&
            !table.holder_index(new_holders_[i].id())) {
            out.push_back({new_investor(i, "id"), "\"" + id + "\"",
                           "does not invest in the round: add only the round's investors"});
        }
    }
    std::vector<std::string_view> added;
    added.reserve(k);
    for (const holder& h : new_holders_) added.push_back(h.id().str());
    std::sort(added.begin(), added.end());
    for (std::size_t i = 0; i < investors.size(); ++i) {
        const std::string& id = investors[i].first;
        if (!table.holder_index(holder_id(id)) && !std::binary_search(added.begin(), added.end(), std::string_view(id))) {
            out.push_back({field_path("terms").member("investors").index(i).member("name"), "\"" + id + "\"",
                           "is not a holder id on the cap table: add the investor with add_investor()"});
        }
        if (investors[i].second.currency() != table.currency()) {
            out.push_back({field_path("terms").member("investors").index(i).member("amount"), format_full(investors[i].second),
                           detail::table_currency_rule(table.currency())});
        }
    }
    // The series: new, by name and by near-duplicate name.
    const std::string key = holder_name_key(series_);
    if (key.empty()) {
        out.push_back({field_path("series"), "\"" + series_ + "\"", "must contain a letter or digit"});
    }
    for (const share_class& c : table.classes()) {
        if (c.name() == series_ || (!key.empty() && holder_name_key(c.name()) == key)) {
            out.push_back({field_path("series"), "\"" + series_ + "\"",
                           "is already a class on the cap table (\"" + c.name() + "\"): a priced round issues a new series"});
            break;
        }
    }
    // The pool.
    const bool target = terms_.has_pool_target();
    const bool create = new_pool_class_.has_value();
    const field_path pool_field(create ? "new_pool" : "top_up_pool");
    if (target && !pool_) {
        out.push_back({field_path("top_up_pool"), "",
                       "the terms set a pool target: name the pool to top up (top_up_pool), or the pool the round creates (new_pool)"});
    }
    if (pool_ && !create && !table.pool_index(*pool_)) {
        // A misspelt name is never a new pool: the pools that exist are named.
        std::string pools;
        for (const option_pool& q : table.pools()) pools += (pools.empty() ? "" : ", ") + detail::quoted_text(q.name);
        out.push_back({pool_field, detail::quoted_text(*pool_),
                       "is not a pool on the cap table (" + (pools.empty() ? std::string("it has none") : "its pools: " + pools) +
                           "); to create it in the round, use new_pool() (in a deal file, option_pool's \"create\")"});
    }
    if (create) {
        if (holder_name_key(*pool_).empty()) {
            out.push_back({pool_field.member("name"), detail::quoted_text(*pool_), "must contain a letter or digit"});
        } else if (const auto q = table.pool_index(*pool_)) {
            out.push_back({pool_field.member("name"), detail::quoted_text(*pool_),
                           "is already a pool on the cap table (pools[" + std::to_string(*q) + "]): top it up with top_up_pool()"});
        }
        if (!table.class_index(*new_pool_class_)) {
            out.push_back({pool_field.member("share_class"), detail::quoted_text(*new_pool_class_), "is not a share class on the cap table"});
        }
    }
    if (pool_ && !target) {
        out.push_back({pool_field, detail::quoted_text(*pool_),
                       create ? "the terms set no pool target: a new pool is sized by the round's pool target" : "the terms set no pool target"});
    }
    if (target && !basis_.unallocated_pool) {
        out.push_back({field_path("basis"), basis_.to_string(),
                       "a pool target is a fraction of a fully diluted count that includes the unallocated pool"});
    }
    if (!out.empty()) return result;

    pricing_result solved;
    try {
        solved = terms_.try_solve(base);
    } catch (const overflow_error& e) {
        // The pricing's share counts (new shares, pool increase, post-money total) do not fit 64
        // bits on this table: a problem of the round on it, reported like the table's own.
        out.push_back({field_path("terms"), std::to_string(base.fully_diluted.value()) + " shares before the round",
                       std::string("the round's share counts overflow 64 bits on this cap table: ") + detail::reason_of(e)});
        return result;
    } catch (const detail::inexact_figure_error& e) {
        // A rounding::exact mode met an inexact figure of the pricing: a problem of the terms.
        diagnostic d = e.problem();
        d.field = d.field.prefixed(field_path("terms"));
        out.push_back(std::move(d));
        return result;
    }
    if (!solved.ok()) {
        for (diagnostic& d : solved.problems) d.field = d.field.prefixed(field_path("terms"));
        out = std::move(solved.problems);
        return result;
    }
    priced_round& p = *solved.round;
    std::vector<detail::round_issue> issues;
    issues.reserve(p.investments().size());
    for (const priced_investment& i : p.investments()) issues.push_back({holder_id(i.investor), table.classes().size(), i.shares});
    // The series' original issue price is a price_per_share (64-bit money over a 64-bit count):
    // an exact price whose terms do not fit (a pool target on a huge count) is a problem of the
    // terms, not an overflow_error out of try_apply_to().
    std::optional<price_per_share> issue_price;
    try {
        issue_price = p.price();
    } catch (const overflow_error&) {
        out.push_back({field_path("terms").member("price"), p.price_units().to_string() + " units per share",
                       "does not fit a price per share (a 64-bit amount over a 64-bit share count), the new "
                       "series' original issue price: name a price rounding (price_rounded)"});
        return result;
    }
    std::vector<share_class> series;
    series.push_back(share_class::preferred(series_, *issue_price, liquidation_));
    fully_diluted_counts full_after;  // on full_with_convertibles: the full basis's counts (no convertibles yet)
    std::optional<option_pool> created;
    if (create) created = option_pool{*pool_, *new_pool_class_, p.pool_increase()};
    cap_table_result built = detail::cap_table_access::issue_round(
        table, new_holders_, std::move(series), issues,
        pool_ && !create ? table.pool_index(*pool_) : std::nullopt, p.pool_increase(), &full_after, false,
        created ? &*created : nullptr);
    if (!built.ok()) {
        // Problems of the table the round would leave: under `after`, the rule saying so.
        for (diagnostic& d : built.problems) {
            d.field = d.field.prefixed(field_path("after"));
            d.rule += " (in the cap table after the round)";
        }
        out = std::move(built.problems);
        return result;
    }

    result.round = detail::round_on_cap_table_access::make(std::move(p), table, std::move(*built.table), basis_, series_, pool_,
                                                           std::move(full_after));
    return result;
}

class converted_round;            // instruments/conversion.hpp: a round with SAFEs and notes converting
class share_issuance;             // instruments/anti_dilution.hpp: an issue of shares, for the charter
class anti_dilution_adjustment;   // instruments/anti_dilution.hpp: what a round's new shares triggered
class round_chain;                // instruments/round_chain.hpp: runs the chain
class pay_to_play_conversions;    // instruments/pay_to_play.hpp: what a round's pay-to-play converted

/// An issue of shares between the rounds of a chain, not a round
/// (round_chain::then(chain_issuance)): the shares (or a warrant for them) of a class issued to one
/// holder, the tables before and after it, every holder's change, and the anti-dilution adjustment
/// it triggered.
class issuance_on_cap_table {
public:
    /// The issue as stated: name, kind, shares (`C`), consideration and exemption.
    [[nodiscard]] const share_issuance& issuance() const noexcept { return *issuance_; }
    /// Who received the shares (or the warrant).
    [[nodiscard]] const holder_id& holder() const noexcept { return holder_; }
    /// The class of the shares issued.
    [[nodiscard]] const std::string& share_class() const noexcept { return share_class_; }
    /// True if a warrant for the shares was issued rather than the shares.
    [[nodiscard]] bool warrant() const noexcept { return warrant_; }
    /// Its place among the chain's steps, rounds and issuances in the order added (`rounds[i]`;
    /// round_chain_result::steps()[step()], its history index step() + 1).
    [[nodiscard]] std::size_t step() const noexcept { return step_; }
    /// The rounds applied before it: it comes after rounds()[rounds_before() - 1] and before
    /// rounds()[rounds_before()] (the last issuances of a chain have rounds_before() == rounds().size()).
    [[nodiscard]] std::size_t rounds_before() const noexcept { return rounds_before_; }
    /// The cap table before the issue.
    [[nodiscard]] const cap_table& before() const noexcept { return before_; }
    /// The cap table after the issue and the anti-dilution adjustment it triggered.
    [[nodiscard]] const cap_table& after() const noexcept { return after_; }
    /// Every holder on the table after, in its order: fully diluted shares and ownership before and
    /// after the issue, on the chain's basis.
    [[nodiscard]] const std::vector<holder_change>& holders() const noexcept { return changes_; }
    /// The change of holder @p id; throws invalid_argument_error if it is not on the table after.
    [[nodiscard]] const holder_change& change_of(const holder_id& id) const { return detail::change_of(after_, changes_, id); }
    /// The anti-dilution adjustment the issue triggered on the series protected then
    /// (instruments/anti_dilution.hpp), or null when no series was protected.
    [[nodiscard]] const anti_dilution_adjustment* adjustment() const noexcept { return adjustment_.get(); }

private:
    friend class round_chain;
    issuance_on_cap_table(cap_table before, cap_table after) : before_(std::move(before)), after_(std::move(after)) {}

    std::shared_ptr<const share_issuance> issuance_;
    holder_id holder_;
    std::string share_class_;
    bool warrant_ = false;
    std::size_t step_ = 0;
    std::size_t rounds_before_ = 0;
    cap_table before_;
    cap_table after_;
    std::vector<holder_change> changes_;
    std::shared_ptr<const anti_dilution_adjustment> adjustment_;
};

/// What a step of a chain is (round_chain_result::steps()): a priced round (with or without
/// conversions) or an issue of shares between rounds.
enum class chain_step_kind {
    round,     ///< A round: round_chain_result::rounds()[index].
    issuance,  ///< An issue of shares between rounds: round_chain_result::issuances()[index].
};

/// One step of a chain as run, in the order the steps were added (round_chain_result::steps()).
struct chain_step {
    chain_step_kind kind = chain_step_kind::round;  ///< A round or an issuance.
    std::size_t index = 0;                          ///< Its place in rounds() or in issuances(), by kind.
    std::string label;                              ///< The round's name, or the issue's name ("Strategic sale").
};

/// What a chain of rounds did: each round on its table (a round with conversions seen as the
/// priced round of its new money, with its conversions beside it), each issue of shares between
/// rounds, and per holder the shares and fully diluted ownership at the start and after each
/// step, rounds and issuances in the order added (on the chain's reporting basis).
class round_chain_result {
public:
    /// The cap table before the first round.
    [[nodiscard]] const cap_table& start() const noexcept { return start_; }
    /// Each round as applied, in order: the pricing of its new money, the tables before and
    /// after, every holder's change (for a round with conversions too: conversion(i) has the rest).
    /// With a charter (round_chain::charter(), protect()), a round's table after and the holders'
    /// changes include the anti-dilution adjustment its new shares triggered (adjustment(i)).
    [[nodiscard]] const std::vector<round_on_cap_table>& rounds() const noexcept { return rounds_; }
    /// Round @p i's SAFEs and notes converting (price, each conversion, the notes that did not
    /// convert; instruments/conversion.hpp), or null for a round without conversions; throws
    /// invalid_argument_error past the last round. Its tables are before any anti-dilution
    /// adjustment the round triggered (rounds()[i] and adjustment(i) have it).
    [[nodiscard]] const converted_round* conversion(std::size_t i) const {
        require_round(i);
        return converted_[i].get();
    }
    /// The anti-dilution adjustment round @p i's new shares triggered on the series protected then
    /// (instruments/anti_dilution.hpp; any_adjusted() false for a round that is not a down round
    /// for any of them), or null for a round with no protected series; throws
    /// invalid_argument_error past the last round.
    [[nodiscard]] const anti_dilution_adjustment* adjustment(std::size_t i) const {
        require_round(i);
        return adjustments_[i].get();
    }
    /// The pay-to-play conversions made immediately before round @p i (round_chain::pay_to_play();
    /// instruments/pay_to_play.hpp), or null for a round without; rounds()[i].before() is the
    /// table they leave. Throws invalid_argument_error past the last round.
    [[nodiscard]] const pay_to_play_conversions* pay_to_play(std::size_t i) const {
        require_round(i);
        return pay_to_play_[i].get();
    }
    /// The cap table at the start of round @p i: the one before its pay-to-play when it has one,
    /// else rounds()[i].before(). Throws invalid_argument_error past the last round.
    [[nodiscard]] const cap_table& table_at_start(std::size_t i) const {
        require_round(i);
        if (pay_to_play_[i] && pay_to_play_before_ != nullptr) return pay_to_play_before_(*pay_to_play_[i]);
        return rounds_[i].before();
    }
    /// Writes pay_to_play(@p i) as operator<< on pay_to_play_conversions does, nothing for a round
    /// without (the reports print it without including instruments/pay_to_play.hpp); throws
    /// invalid_argument_error past the last round.
    void print_pay_to_play(std::ostream& os, std::size_t i) const {
        require_round(i);
        if (pay_to_play_[i] && print_pay_to_play_ != nullptr) print_pay_to_play_(os, *pay_to_play_[i]);
    }
    /// Writes adjustment(@p i) as operator<< on anti_dilution_adjustment does, nothing for a round
    /// with no protected series (the reports that take a chain print it without including
    /// instruments/anti_dilution.hpp); throws invalid_argument_error past the last round.
    void print_adjustment(std::ostream& os, std::size_t i) const {
        require_round(i);
        if (adjustments_[i] && print_adjustment_ != nullptr) print_adjustment_(os, *adjustments_[i]);
    }
    /// The issues of shares between rounds (round_chain::then(chain_issuance)), in order: each
    /// with its tables and adjustment. A round's before() is the table the issues before it left.
    [[nodiscard]] const std::vector<issuance_on_cap_table>& issuances() const noexcept { return issuances_; }
    /// Writes issuances()[@p k]: a line naming the issue, its holder and class, then its
    /// anti-dilution adjustment as operator<< on anti_dilution_adjustment does (nothing without
    /// protected series); throws invalid_argument_error past the last issuance.
    void print_issuance(std::ostream& os, std::size_t k) const {
        if (k >= issuances_.size()) {
            throw invalid_argument_error("issuance = " + std::to_string(k) + ": the chain has " +
                                         std::to_string(issuances_.size()) + " issuances");
        }
        if (print_issuance_ != nullptr) print_issuance_(os, issuances_[k]);
        if (issuances_[k].adjustment() != nullptr && print_adjustment_ != nullptr) print_adjustment_(os, *issuances_[k].adjustment());
    }
    /// The cap table after the last round or issuance (the start if there are none).
    [[nodiscard]] const cap_table& final_table() const noexcept {
        if (!issuances_.empty() && issuances_.back().rounds_before() == rounds_.size()) return issuances_.back().after();
        return rounds_.empty() ? start_ : rounds_.back().after();
    }
    /// The basis shares and ownership are reported on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }
    /// Every step in the order added, rounds and issues of shares between them: steps()[s] is the
    /// step of shares_history()'s and totals()' index s + 1, and of the problems' `rounds[s]`.
    [[nodiscard]] const std::vector<chain_step>& steps() const noexcept { return steps_; }
    /// The cap table after step @p s (steps()[s]: a round's after(), an issuance's after());
    /// throws invalid_argument_error past the last step.
    [[nodiscard]] const cap_table& after_step(std::size_t s) const {
        if (s >= steps_.size()) {
            throw invalid_argument_error("step = " + std::to_string(s) + ": the chain has " + std::to_string(steps_.size()) + " steps");
        }
        const chain_step& st = steps_[s];
        return st.kind == chain_step_kind::round ? rounds_[st.index].after() : issuances_[st.index].after();
    }
    /// The step of round @p i (rounds()[i] is steps()[round_step(i)]; its history index is
    /// round_step(i) + 1); throws invalid_argument_error past the last round.
    [[nodiscard]] std::size_t round_step(std::size_t i) const {
        require_round(i);
        return round_steps_[i];
    }
    /// Fully diluted shares of @p id at the start (index 0) and after each step (index s + 1 after
    /// steps()[s]): rounds and the issues of shares between them, each its own step, in the order
    /// added (without issuances, index i + 1 is after rounds()[i]; with them, round_step(i) + 1);
    /// 0 while it is not on the table. Throws invalid_argument_error if it never is.
    /// O(steps x log holders): the counts of every stage are kept.
    [[nodiscard]] std::vector<share_count> shares_history(const holder_id& id) const {
        require_known(id);
        std::vector<share_count> out;
        out.reserve(steps_.size() + 1);
        out.push_back(shares_on(0, start_, id));
        for (std::size_t s = 0; s < steps_.size(); ++s) out.push_back(shares_on(s + 1, after_step(s), id));
        return out;
    }
    /// Fully diluted ownership of @p id at the start and after each step (as shares_history()), exactly.
    [[nodiscard]] std::vector<fraction> ownership_history(const holder_id& id) const {
        const std::vector<share_count> shares = shares_history(id);
        std::vector<fraction> out;
        out.reserve(shares.size());
        for (std::size_t i = 0; i < shares.size(); ++i) out.push_back(fraction(shares[i].value(), totals_[i].value()));
        return out;
    }
    /// Fully diluted totals at the start and after each step (index s + 1 after steps()[s]); the
    /// last is final_table()'s.
    [[nodiscard]] const std::vector<share_count>& totals() const noexcept { return totals_; }

private:
    friend class round_chain;
    round_chain_result(cap_table start, fully_diluted_basis basis) : start_(std::move(start)), basis_(basis) {}

    void require_round(std::size_t i) const {
        if (i >= rounds_.size()) {
            throw invalid_argument_error("round = " + std::to_string(i) + ": the chain has " + std::to_string(rounds_.size()) + " rounds");
        }
    }
    void require_known(const holder_id& id) const {
        if (!final_table().holder_index(id)) {
            throw invalid_argument_error("holder = \"" + id.str() + "\": never on the cap table of this chain");
        }
    }
    // @p id's count at stage @p stage (0 the start, i + 1 after round i), whose table is @p t.
    share_count shares_on(std::size_t stage, const cap_table& t, const holder_id& id) const {
        const auto i = t.holder_index(id);
        if (!i) return share_count();
        return by_holder_[stage][*i];
    }
    // Records step @p st, whose table after is @p t: its place, and its fully diluted counts (on basis_).
    void add_step(chain_step st, const cap_table& t) {
        if (st.kind == chain_step_kind::round) round_steps_.push_back(steps_.size());
        steps_.push_back(std::move(st));
        add_stage(t);
    }
    // Records the fully diluted counts of the table of the next stage (on basis_).
    void add_stage(const cap_table& t) {
        fully_diluted_counts c = t.fully_diluted(basis_);
        totals_.push_back(c.total());
        by_holder_.push_back(c.by_holder());
    }

    cap_table start_;
    fully_diluted_basis basis_;
    std::vector<round_on_cap_table> rounds_;
    // Shared and immutable: copies of the result share the rounds' conversions, and this header
    // needs only the declaration of converted_round (its solver's big rationals stay in
    // instruments/conversion.hpp, out of the reports that take a chain).
    std::vector<std::shared_ptr<const converted_round>> converted_;
    // Likewise each round's anti-dilution adjustment (null without protected series).
    std::vector<std::shared_ptr<const anti_dilution_adjustment>> adjustments_;
    // Likewise each round's pay-to-play conversions (null without).
    std::vector<std::shared_ptr<const pay_to_play_conversions>> pay_to_play_;
    // Writes one (operator<<), set by round_chain where the type is complete.
    void (*print_adjustment_)(std::ostream&, const anti_dilution_adjustment&) = nullptr;
    // Likewise writes an issuance's line (its issuance() is complete only there).
    void (*print_issuance_)(std::ostream&, const issuance_on_cap_table&) = nullptr;
    std::vector<issuance_on_cap_table> issuances_;
    // Likewise writes pay-to-play conversions.
    void (*print_pay_to_play_)(std::ostream&, const pay_to_play_conversions&) = nullptr;
    // Likewise the table before pay-to-play conversions (their before()).
    const cap_table& (*pay_to_play_before_)(const pay_to_play_conversions&) = nullptr;
    // Every step in order, and the step of each round (rounds_[i] is steps_[round_steps_[i]]).
    std::vector<chain_step> steps_;
    std::vector<std::size_t> round_steps_;
    std::vector<share_count> totals_;
    // Per stage, the fully diluted count of each holder of its table (in its holders() order).
    std::vector<std::vector<share_count>> by_holder_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_CAP_TABLE_ROUND_HPP
