/// @file company/cap_table_round.hpp
/// @brief A priced round applied to a cap table — the investors buy a new preferred series at
/// the round price, the pool is topped up — and rounds in a chain (seed -> Series A -> Series B),
/// each on the table the previous one left, with every holder's shares, fully diluted ownership
/// and dilution after each round.
#ifndef FUNDROUND_COMPANY_CAP_TABLE_ROUND_HPP
#define FUNDROUND_COMPANY_CAP_TABLE_ROUND_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The fully diluted base of @p table on @p basis, for pricing a round: F0 = the basis's total,
/// E = the unallocated pool shares the basis counts, named by the basis ("issued + granted
/// options + unallocated pool + warrants"). Equal to table.fully_diluted(basis).total() and
/// .unallocated_pool(), from the table's per-class and per-pool totals: O(classes x pools +
/// warrants) when every class converts 1:1, plus the holdings and grants of the classes that
/// do not (converted one by one, rounded down, as fully_diluted() does).
[[nodiscard]] inline pre_round_shares pre_round_shares_of(const cap_table& table,
                                                          const fully_diluted_basis& basis = fully_diluted_basis::full()) {
    const std::vector<share_class>& classes = table.classes();
    const auto class_of = [&](const std::string& name) { return *table.class_index(name); };
    const auto one_to_one = [&](std::size_t c) { return classes[c].conversion_ratio() == fraction(1); };
    share_count total;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        if (one_to_one(c)) {
            total += table.issued_shares(classes[c].name());
            continue;
        }
        for (const holding& h : table.holdings()) {
            if (h.share_class == classes[c].name()) total += table.as_converted(c, h.shares);
        }
    }
    share_count unallocated;
    for (const option_pool& p : table.pools()) {
        const std::size_t c = class_of(p.share_class);
        if (basis.granted_options) {
            if (one_to_one(c)) {
                total += table.granted(p.name);
            } else {
                for (const option_grant& g : table.grants()) {
                    if (g.pool == p.name) total += table.as_converted(c, g.shares);
                }
            }
        }
        if (basis.unallocated_pool) unallocated += table.as_converted(c, table.unallocated(p.name));
    }
    total += unallocated;
    if (basis.warrants) {
        for (const warrant& w : table.warrants()) total += table.as_converted(class_of(w.share_class), w.shares);
    }
    return {basis.to_string(), total, unallocated};
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
};

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
    /// The pool topped up, if any.
    [[nodiscard]] const std::optional<std::string>& pool() const noexcept { return pool_; }
    /// Every holder on the table after the round, in its order: shares and ownership before and after.
    [[nodiscard]] const std::vector<holder_change>& holders() const noexcept { return changes_; }
    /// The change of holder @p id; throws invalid_argument_error if it is not on the table after.
    [[nodiscard]] const holder_change& change_of(const holder_id& id) const {
        const auto i = after_.holder_index(id);
        if (!i) throw invalid_argument_error("holder = \"" + id.str() + "\": not on the cap table after the round");
        return changes_[*i];
    }
    /// The unallocated pool (all pools the basis counts) before / the fully diluted total before.
    [[nodiscard]] fraction pool_ownership_before() const { return pool_before_; }
    /// The unallocated pool after / the fully diluted total after.
    [[nodiscard]] fraction pool_ownership_after() const { return pool_after_; }

private:
    friend class cap_table_round;
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

/// The outcome of cap_table_round::try_apply_to(): the round on the table, or every problem.
struct cap_table_round_result {
    std::optional<round_on_cap_table> round;  ///< The round applied, when there were no problems.
    std::vector<diagnostic> problems;         ///< Every problem found (empty on success).

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
    /// The pool that receives the top-up (required when the terms have a pool target).
    cap_table_round& top_up_pool(std::string pool) {
        pool_ = std::move(pool);
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

    /// Every problem with applying the round to @p table (empty if none).
    [[nodiscard]] std::vector<diagnostic> validate(const cap_table& table) const {
        return try_apply_to(table).problems;
    }
    /// The round applied to @p table, or every problem found.
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
    fully_diluted_basis basis_ = fully_diluted_basis::full();
};

inline cap_table_round_result cap_table_round::try_apply_to(const cap_table& table) const {
    cap_table_round_result result;
    std::vector<diagnostic>& out = result.problems;
    const pre_round_shares base = pre_round_shares_of(table, basis_);
    {
        std::vector<diagnostic> own = terms_.validate(base);
        for (diagnostic& d : own) d.field = d.field.prefixed(field_path("terms"));
        out.insert(out.end(), own.begin(), own.end());
    }
    // The investors: on the table, or added.
    std::unordered_set<std::string> added;
    for (std::size_t i = 0; i < new_holders_.size(); ++i) {
        const holder& h = new_holders_[i];
        if (table.holder_index(h.id())) {
            out.push_back({field_path("new_investors").index(i).member("id"), "\"" + h.id().str() + "\"",
                           "is already on the cap table: invest with its id, do not add it again"});
        }
        added.insert(h.id().str());
    }
    {  // near-duplicate names ("Softbank " for "SoftBank"), before any pricing
        std::vector<holder> all = table.holders();
        all.insert(all.end(), new_holders_.begin(), new_holders_.end());
        for (diagnostic& d : detail::check_holders(all, table.declared_distinct(), field_path("new_investors"),
                                                   table.holders().size())) {
            const std::vector<path_segment>& steps = d.field.segments();  // keep the `...name` problems
            if (!steps.empty() && steps.back().kind == path_step::member && steps.back().name == "name") {
                out.push_back(std::move(d));
            }
        }
    }
    const auto& investors = terms_.investors();
    for (std::size_t i = 0; i < new_holders_.size(); ++i) {  // nothing added silently
        const std::string& id = new_holders_[i].id().str();
        bool invests = false;
        for (const auto& inv : investors) invests = invests || inv.first == id;
        if (!invests && !table.holder_index(new_holders_[i].id())) {
            out.push_back({field_path("new_investors").index(i).member("id"), "\"" + id + "\"",
                           "does not invest in the round: add only the round's investors"});
        }
    }
    for (std::size_t i = 0; i < investors.size(); ++i) {
        const std::string& id = investors[i].first;
        if (!table.holder_index(holder_id(id)) && added.count(id) == 0) {
            out.push_back({field_path("terms").member("investors").index(i).member("name"), "\"" + id + "\"",
                           "is not a holder id on the cap table: add the investor with add_investor()"});
        }
        if (investors[i].second.currency() != table.currency()) {
            out.push_back({field_path("terms").member("investors").index(i).member("amount"), to_string(investors[i].second.currency()),
                           "must be in the cap table's currency, " + to_string(table.currency())});
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
    if (target && !pool_) {
        out.push_back({field_path("top_up_pool"), "", "the terms set a pool target: name the pool to top up"});
    }
    if (pool_ && !table.pool_index(*pool_)) {
        out.push_back({field_path("top_up_pool"), "\"" + *pool_ + "\"", "is not a pool on the cap table"});
    }
    if (pool_ && !target) {
        out.push_back({field_path("top_up_pool"), "\"" + *pool_ + "\"", "the terms set no pool target"});
    }
    if (target && !basis_.unallocated_pool) {
        out.push_back({field_path("basis"), basis_.to_string(),
                       "a pool target is a fraction of a fully diluted count that includes the unallocated pool"});
    }
    if (!out.empty()) return result;

    pricing_result solved = terms_.try_solve(base);
    if (!solved.ok()) {
        for (diagnostic& d : solved.problems) d.field = d.field.prefixed(field_path("terms"));
        out = std::move(solved.problems);
        return result;
    }
    priced_round& p = *solved.round;
    cap_table_builder b(table);
    for (const holder& h : new_holders_) b.add(h);
    b.add(share_class::preferred(series_, p.price(), liquidation_));
    for (const priced_investment& i : p.investments()) {
        if (i.shares.value() > 0) b.issue(holder_id(i.investor), series_, i.shares);
    }
    if (p.pool_increase().value() > 0) b.increase_pool(*pool_, p.pool_increase());
    cap_table_result built = b.try_build();
    if (!built.ok()) {
        // Problems of the table the round would leave: under `after`, the rule saying so.
        for (diagnostic& d : built.problems) {
            d.field = d.field.prefixed(field_path("after"));
            d.rule += " (in the cap table after the round)";
        }
        out = std::move(built.problems);
        return result;
    }

    round_on_cap_table r(std::move(p), table, std::move(*built.table));
    r.basis_ = basis_;
    r.series_ = series_;
    r.pool_ = pool_;
    const fully_diluted_counts before = r.before_.fully_diluted(basis_);
    const fully_diluted_counts after = r.after_.fully_diluted(basis_);
    const std::vector<holder>& hs = r.after_.holders();
    r.changes_.reserve(hs.size());
    const std::size_t old = r.before_.holders().size();
    for (std::size_t i = 0; i < hs.size(); ++i) {
        // The builder keeps the table's holders first, in order, and appends the new ones.
        const share_count was = i < old ? before.by_holder()[i] : share_count();
        r.changes_.push_back({hs[i].id(), hs[i].name(), was, after.by_holder()[i],
                              fraction(was.value(), before.total().value()),
                              fraction(after.by_holder()[i].value(), after.total().value())});
    }
    r.pool_before_ = fraction(before.unallocated_pool().value(), before.total().value());
    r.pool_after_ = fraction(after.unallocated_pool().value(), after.total().value());
    result.round = std::move(r);
    return result;
}

class round_chain;

/// What a chain of rounds did: each round on its table, and per holder the shares and fully
/// diluted ownership at the start and after each round (on the chain's reporting basis).
class round_chain_result {
public:
    /// The cap table before the first round.
    [[nodiscard]] const cap_table& start() const noexcept { return start_; }
    /// Each round as applied, in order.
    [[nodiscard]] const std::vector<round_on_cap_table>& rounds() const noexcept { return rounds_; }
    /// The cap table after the last round (the start if there are no rounds).
    [[nodiscard]] const cap_table& final_table() const noexcept {
        return rounds_.empty() ? start_ : rounds_.back().after();
    }
    /// The basis shares and ownership are reported on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }
    /// Fully diluted shares of @p id at the start (index 0) and after each round (index i + 1);
    /// 0 while it is not on the table. Throws invalid_argument_error if it never is.
    [[nodiscard]] std::vector<share_count> shares_history(const holder_id& id) const {
        require_known(id);
        std::vector<share_count> out;
        out.reserve(rounds_.size() + 1);
        out.push_back(shares_on(start_, id));
        for (const round_on_cap_table& r : rounds_) out.push_back(shares_on(r.after(), id));
        return out;
    }
    /// Fully diluted ownership of @p id at the start and after each round, exactly.
    [[nodiscard]] std::vector<fraction> ownership_history(const holder_id& id) const {
        const std::vector<share_count> shares = shares_history(id);
        std::vector<fraction> out;
        out.reserve(shares.size());
        for (std::size_t i = 0; i < shares.size(); ++i) out.push_back(fraction(shares[i].value(), totals_[i].value()));
        return out;
    }
    /// Fully diluted totals at the start and after each round.
    [[nodiscard]] const std::vector<share_count>& totals() const noexcept { return totals_; }

private:
    friend class round_chain;
    round_chain_result(cap_table start, fully_diluted_basis basis) : start_(std::move(start)), basis_(basis) {}

    void require_known(const holder_id& id) const {
        if (!final_table().holder_index(id)) {
            throw invalid_argument_error("holder = \"" + id.str() + "\": never on the cap table of this chain");
        }
    }
    share_count shares_on(const cap_table& t, const holder_id& id) const {
        const auto i = t.holder_index(id);
        if (!i) return share_count();
        return t.fully_diluted(basis_).by_holder()[*i];
    }

    cap_table start_;
    fully_diluted_basis basis_;
    std::vector<round_on_cap_table> rounds_;
    std::vector<share_count> totals_;
};

/// A chain of priced rounds on a starting cap table (seed -> Series A -> Series B ...), each
/// applied to the cap table the previous one left:
///
///     const round_chain_result history =
///         round_chain(founding).then(seed).then(series_a).then(series_b).run();
///     history.ownership_history(holder_id("ada"));  // at the start, after each round
class round_chain {
public:
    /// A chain starting from @p start, reporting shares and ownership on @p basis.
    explicit round_chain(cap_table start, fully_diluted_basis basis = fully_diluted_basis::full())
        : start_(std::move(start)), basis_(basis) {}
    /// Adds @p r, applied to the table the previous round leaves.
    round_chain& then(cap_table_round r) {
        rounds_.push_back(std::move(r));
        return *this;
    }
    /// Applies every round in order; throws validation_error with the problems of the first
    /// round that does not apply (fields under `rounds[i]`; later rounds need its table).
    [[nodiscard]] round_chain_result run() const {
        round_chain_result out(start_, basis_);
        out.totals_.push_back(start_.fully_diluted(basis_).total());
        for (std::size_t i = 0; i < rounds_.size(); ++i) {
            const cap_table& table = out.rounds_.empty() ? out.start_ : out.rounds_.back().after();
            cap_table_round_result r = rounds_[i].try_apply_to(table);
            if (!r.ok()) {
                for (diagnostic& d : r.problems) d.field = d.field.prefixed(field_path("rounds").index(i));
                throw validation_error("round " + std::to_string(i) + " (\"" + rounds_[i].terms().name() +
                                           "\") of the chain does not apply",
                                       std::move(r.problems));
            }
            out.rounds_.push_back(std::move(*r.round));
            out.totals_.push_back(out.rounds_.back().after().fully_diluted(basis_).total());
        }
        return out;
    }

private:
    cap_table start_;
    fully_diluted_basis basis_;
    std::vector<cap_table_round> rounds_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_CAP_TABLE_ROUND_HPP
