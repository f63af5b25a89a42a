/// @file company/cap_table.hpp
/// @brief The cap table: holders, share classes, holdings, option pools and grants, warrants, and
/// fully diluted counts and ownership on a named basis, exactly.
#ifndef FUNDROUND_COMPANY_CAP_TABLE_HPP
#define FUNDROUND_COMPANY_CAP_TABLE_HPP

#include <fundround/config.hpp>
#include <fundround/company/fully_diluted_basis.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Shares of one class held by one holder (issued and outstanding).
struct holding {
    holder_id holder;         ///< Who holds them.
    std::string share_class;  ///< The class's name.
    share_count shares;       ///< How many (positive).

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const holding& a, const holding& b) {
        return a.holder == b.holder && a.share_class == b.share_class && a.shares == b.shares;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const holding& a, const holding& b) { return !(a == b); }
};

/// An option pool: shares of a class reserved for grants. Unallocated = authorized - granted.
struct option_pool {
    std::string name;         ///< The pool's name, its identity ("2024 Equity Incentive Plan").
    std::string share_class;  ///< The class its options are for (usually common).
    share_count authorized;   ///< Shares reserved for the pool (positive).

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const option_pool& a, const option_pool& b) {
        return a.name == b.name && a.share_class == b.share_class && a.authorized == b.authorized;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const option_pool& a, const option_pool& b) { return !(a == b); }
};

/// Options granted from a pool to a holder (outstanding, not yet exercised).
struct option_grant {
    holder_id holder;                ///< Who holds the options.
    std::string pool;                ///< The pool they are granted from.
    share_count shares;              ///< Shares the options are for (positive).
    price_per_share exercise_price;  ///< The strike.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const option_grant& a, const option_grant& b) {
        return a.holder == b.holder && a.pool == b.pool && a.shares == b.shares &&
               a.exercise_price == b.exercise_price;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const option_grant& a, const option_grant& b) { return !(a == b); }
};

/// A warrant: the right to buy shares of a class at an exercise price.
struct warrant {
    holder_id holder;                ///< Who holds the warrant.
    std::string share_class;         ///< The class it is for.
    share_count shares;              ///< Shares it is for (positive).
    price_per_share exercise_price;  ///< The price per share on exercise.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const warrant& a, const warrant& b) {
        return a.holder == b.holder && a.share_class == b.share_class && a.shares == b.shares &&
               a.exercise_price == b.exercise_price;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const warrant& a, const warrant& b) { return !(a == b); }
};

namespace detail {
struct fully_diluted_access;  // sets the convertibles (instruments/as_converted.hpp)
}  // namespace detail

/// Fully diluted counts of a cap table on one basis: the components, the total, and the counts
/// per holder, per class and per pool (unallocated), all in common-equivalent shares (preferred
/// as converted). Holders' and pools' counts plus convertibles() add up to the total; so do the
/// classes' plus convertibles(). From cap_table::fully_diluted() convertibles() is 0 (a table
/// holds no SAFEs or notes); fully_diluted_as_converted() sets it.
class fully_diluted_counts {
public:
    /// No counts: every total 0, no holders, classes or pools (on the default basis).
    fully_diluted_counts() = default;
    /// A copy.
    fully_diluted_counts(const fully_diluted_counts&) = default;
    /// Copy assignment.
    fully_diluted_counts& operator=(const fully_diluted_counts&) = default;
    /// Takes @p o's counts and leaves @p o with none (its totals 0 beside its emptied lists).
    fully_diluted_counts(fully_diluted_counts&& o) noexcept
        : basis_(o.basis_), total_(std::exchange(o.total_, share_count())), issued_(std::exchange(o.issued_, share_count())),
          granted_(std::exchange(o.granted_, share_count())), unallocated_(std::exchange(o.unallocated_, share_count())),
          warrants_(std::exchange(o.warrants_, share_count())), convertibles_(std::exchange(o.convertibles_, share_count())),
          by_holder_(std::exchange(o.by_holder_, {})), by_class_(std::exchange(o.by_class_, {})),
          by_pool_(std::exchange(o.by_pool_, {})) {}
    /// Takes @p o's counts and leaves @p o with none (its totals 0 beside its emptied lists).
    fully_diluted_counts& operator=(fully_diluted_counts&& o) noexcept {
        if (this == &o) return *this;
        basis_ = o.basis_;
        total_ = std::exchange(o.total_, share_count());
        issued_ = std::exchange(o.issued_, share_count());
        granted_ = std::exchange(o.granted_, share_count());
        unallocated_ = std::exchange(o.unallocated_, share_count());
        warrants_ = std::exchange(o.warrants_, share_count());
        convertibles_ = std::exchange(o.convertibles_, share_count());
        by_holder_ = std::exchange(o.by_holder_, {});
        by_class_ = std::exchange(o.by_class_, {});
        by_pool_ = std::exchange(o.by_pool_, {});
        return *this;
    }
    /// The basis the counts are on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }
    /// The fully diluted total: the sum of the included components (convertibles included).
    [[nodiscard]] share_count total() const noexcept { return total_; }
    /// Issued shares, as converted (always included).
    [[nodiscard]] share_count issued() const noexcept { return issued_; }
    /// Granted options included (0 if the basis leaves them out).
    [[nodiscard]] share_count granted_options() const noexcept { return granted_; }
    /// Unallocated pool shares included (0 if the basis leaves them out).
    [[nodiscard]] share_count unallocated_pool() const noexcept { return unallocated_; }
    /// Warrant shares included (0 if the basis leaves them out).
    [[nodiscard]] share_count warrants() const noexcept { return warrants_; }
    /// Convertibles as converted: 0 from cap_table::fully_diluted() (a table holds no SAFEs or
    /// notes, whatever the basis); the instruments' shares from fully_diluted_as_converted().
    [[nodiscard]] share_count convertibles() const noexcept { return convertibles_; }

    /// Per holder, in cap_table::holders() order: issued + (per basis) options and warrants (not
    /// the holder's convertibles: fully_diluted_as_converted() lists those per holder).
    [[nodiscard]] const std::vector<share_count>& by_holder() const noexcept { return by_holder_; }
    /// Per class, in cap_table::classes() order: everything on the basis that is of that class.
    [[nodiscard]] const std::vector<share_count>& by_class() const noexcept { return by_class_; }
    /// Unallocated shares per pool, in cap_table::pools() order (all 0 if the basis leaves the
    /// pool out).
    [[nodiscard]] const std::vector<share_count>& by_pool() const noexcept { return by_pool_; }

    /// Holder @p index's exact fraction of the total; throws invalid_argument_error if the total
    /// is 0 or the index is out of range.
    [[nodiscard]] fraction holder_ownership(std::size_t index) const { return share_of(by_holder_, index, "holder"); }
    /// Class @p index's exact fraction of the total.
    [[nodiscard]] fraction class_ownership(std::size_t index) const { return share_of(by_class_, index, "class"); }
    /// Pool @p index's unallocated shares as an exact fraction of the total.
    [[nodiscard]] fraction pool_ownership(std::size_t index) const { return share_of(by_pool_, index, "pool"); }

    /// True if the basis and every count are equal.
    [[nodiscard]] friend bool operator==(const fully_diluted_counts& a, const fully_diluted_counts& b) {
        return a.basis_ == b.basis_ && a.total_ == b.total_ && a.issued_ == b.issued_ && a.granted_ == b.granted_ &&
               a.unallocated_ == b.unallocated_ && a.warrants_ == b.warrants_ && a.convertibles_ == b.convertibles_ &&
               a.by_holder_ == b.by_holder_ &&
               a.by_class_ == b.by_class_ && a.by_pool_ == b.by_pool_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const fully_diluted_counts& a, const fully_diluted_counts& b) { return !(a == b); }

private:
    friend class cap_table;
    friend struct detail::fully_diluted_access;

    fraction share_of(const std::vector<share_count>& v, std::size_t index, const char* what) const {
        if (index >= v.size()) {
            throw invalid_argument_error(std::string(what) + " index = " + std::to_string(index) +
                                         ": out of range (" + std::to_string(v.size()) + ")");
        }
        if (total_.value() <= 0) {
            throw invalid_argument_error("fully diluted total = 0 on basis \"" + basis_.to_string() +
                                         "\": ownership is undefined");
        }
        return fraction(v[index].value(), total_.value());
    }

    fully_diluted_basis basis_;
    share_count total_;
    share_count issued_;
    share_count granted_;
    share_count unallocated_;
    share_count warrants_;
    share_count convertibles_;
    std::vector<share_count> by_holder_;
    std::vector<share_count> by_class_;
    std::vector<share_count> by_pool_;
};

class cap_table_builder;
struct cap_table_result;

namespace detail {
struct cap_table_access;  // the company layer's access to a table's indexes (cap_table_round.hpp)

/// A share count that a move leaves at 0: cap_table's issued total, kept beside the holdings that
/// a move empties, so that a moved-from table is an empty table throughout (issued_shares() 0).
struct total_reset_on_move {
    share_count value;  ///< The total.
    /// Zero shares.
    total_reset_on_move() = default;
    /// A copy.
    total_reset_on_move(const total_reset_on_move&) = default;
    /// Copy assignment.
    total_reset_on_move& operator=(const total_reset_on_move&) = default;
    /// Takes @p o's total and leaves @p o at 0.
    total_reset_on_move(total_reset_on_move&& o) noexcept : value(std::exchange(o.value, share_count())) {}
    /// Takes @p o's total and leaves @p o at 0.
    total_reset_on_move& operator=(total_reset_on_move&& o) noexcept {
        value = std::exchange(o.value, share_count());
        return *this;
    }
};
}  // namespace detail

/// A company's capitalization: holders, classes, holdings, pools, grants and warrants, validated
/// and indexed. An immutable value; build one with cap_table_builder, change one by starting a
/// builder from it. Lookups by id are O(log n); fully diluted counts are O(n).
class cap_table {
public:
    /// The currency of every price on the table.
    [[nodiscard]] fundround::currency currency() const noexcept { return currency_; }
    /// The holders, in the order they were added.
    [[nodiscard]] const std::vector<holder>& holders() const noexcept { return holders_; }
    /// The share classes, in the order they were added.
    [[nodiscard]] const std::vector<share_class>& classes() const noexcept { return classes_; }
    /// The holdings (one per holder and class), in the order they were added.
    [[nodiscard]] const std::vector<holding>& holdings() const noexcept { return holdings_; }
    /// The option pools.
    [[nodiscard]] const std::vector<option_pool>& pools() const noexcept { return pools_; }
    /// The option grants outstanding.
    [[nodiscard]] const std::vector<option_grant>& grants() const noexcept { return grants_; }
    /// The warrants outstanding.
    [[nodiscard]] const std::vector<warrant>& warrants() const noexcept { return warrants_; }
    /// Pairs of holders declared distinct despite near-duplicate names.
    [[nodiscard]] const std::vector<std::pair<holder_id, holder_id>>& declared_distinct() const noexcept {
        return distinct_;
    }

    /// The position of holder @p id in holders(), if present (O(log n)).
    [[nodiscard]] std::optional<std::size_t> holder_index(const holder_id& id) const {
        const auto it = std::lower_bound(holder_order_.begin(), holder_order_.end(), id,
                                         [&](std::uint32_t i, const holder_id& x) { return holders_[i].id() < x; });
        if (it == holder_order_.end() || holders_[*it].id() != id) return std::nullopt;
        return static_cast<std::size_t>(*it);
    }
    /// The position of class @p name in classes(), if present (O(log n)).
    [[nodiscard]] std::optional<std::size_t> class_index(std::string_view name) const {
        return find_named(class_order_, classes_.size(), name, [this](std::uint32_t i) -> std::string_view { return classes_[i].name(); });
    }
    /// The position of pool @p name in pools(), if present (O(log n)).
    [[nodiscard]] std::optional<std::size_t> pool_index(std::string_view name) const {
        return find_named(pool_order_, pools_.size(), name, [this](std::uint32_t i) -> std::string_view { return pools_[i].name; });
    }
    /// Holder @p id; throws invalid_argument_error if it is not on the table.
    [[nodiscard]] const holder& find_holder(const holder_id& id) const { return holders_[require_holder(id)]; }

    /// Issued shares of class @p class_name (not converted); throws if the class is unknown.
    [[nodiscard]] share_count issued_shares(std::string_view class_name) const {
        return class_issued_[require_class(class_name)];
    }
    /// Issued shares of every class, not converted (the sum of holdings).
    [[nodiscard]] share_count issued_shares() const noexcept { return issued_total_.value; }
    /// Options granted from pool @p pool_name; throws if the pool is unknown.
    [[nodiscard]] share_count granted(std::string_view pool_name) const { return pool_granted_[require_pool(pool_name)]; }
    /// Unallocated shares of pool @p pool_name: authorized - granted; throws if the pool is
    /// unknown.
    [[nodiscard]] share_count unallocated(std::string_view pool_name) const {
        const std::size_t p = require_pool(pool_name);
        return pools_[p].authorized - pool_granted_[p];
    }
    /// Issued shares of class @p class_name held by @p id (0 if none), not converted. Linear in
    /// the number of holdings.
    [[nodiscard]] share_count shares_of(const holder_id& id, std::string_view class_name) const {
        const std::size_t c = require_class(class_name);
        const auto h = holder_index(id);
        if (!h) return share_count();
        for (std::size_t k = 0; k < holdings_.size(); ++k) {
            if (holding_holder_[k] == *h && holding_class_[k] == c) return holdings_[k].shares;
        }
        return share_count();
    }

    /// Fully diluted counts on @p basis: O(number of holdings + grants + warrants + pools). A
    /// table holds no SAFEs or notes: on a basis with convertibles their component is 0 and the
    /// total that of the same basis without them; to count them as converted, under a named
    /// assumption, use fully_diluted_as_converted() (instruments/as_converted.hpp).
    /// Preferred counts as converted: each holding's (each warrant's, grant's, pool's) shares times
    /// its class's conversion ratio, rounded down (rounding::floor) — no fractional share is
    /// issued on conversion; with ratio 1 nothing is rounded.
    [[nodiscard]] fully_diluted_counts fully_diluted(const fully_diluted_basis& basis = fully_diluted_basis::full()) const;

    /// Holder @p id's fully diluted shares on @p basis over the total: an exact fraction. Computes
    /// fully_diluted(@p basis), O(n): for many holders call that once and use holder_ownership().
    [[nodiscard]] fraction ownership(const holder_id& id,
                                     const fully_diluted_basis& basis = fully_diluted_basis::full()) const {
        const std::size_t i = require_holder(id);
        return fully_diluted(basis).holder_ownership(i);
    }

    /// Shares @p shares of class @p class_index as converted to common (floor).
    [[nodiscard]] share_count as_converted(std::size_t class_index, share_count shares) const {
        const fraction& r = classes_.at(class_index).conversion_ratio();
        if (r.numerator() == r.denominator()) return shares;  // 1:1 (lowest terms, den > 0)
        return share_count(detail::narrow((fraction(shares.value()) * r).round_to_integer(rounding::floor),
                                          "shares as converted"));
    }

    /// True if every list and the currency are equal.
    [[nodiscard]] friend bool operator==(const cap_table& a, const cap_table& b) {
        return a.currency_ == b.currency_ && a.holders_ == b.holders_ && a.classes_ == b.classes_ &&
               a.holdings_ == b.holdings_ && a.pools_ == b.pools_ && a.grants_ == b.grants_ &&
               a.warrants_ == b.warrants_ && a.distinct_ == b.distinct_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const cap_table& a, const cap_table& b) { return !(a == b); }

private:
    friend class cap_table_builder;
    friend struct detail::cap_table_access;
    cap_table() = default;

    // fully_diluted(@p basis); with @p per_class_and_pool false, the per-holder counts and the
    // totals only (by_class() and by_pool() left empty: what a round's holder changes read).
    fully_diluted_counts count_fully_diluted(const fully_diluted_basis& basis, bool per_class_and_pool) const;

    // Up to this many classes (pools), a name is found by scanning them and the table keeps no
    // index: most tables have a few, and copying a table (a round makes two) copies no more.
    static constexpr std::size_t name_scan_limit = 16;
    // The first (lowest) of the @p n positions whose name is @p name: by scanning them, or in
    // @p order (positions sorted by name_of, then position) when there are more than the limit.
    template <typename NameOf>
    static std::optional<std::size_t> find_named(const std::vector<std::uint32_t>& order, std::size_t n, std::string_view name,
                                                 NameOf name_of) {
        if (n <= name_scan_limit) {
            for (std::size_t i = 0; i < n; ++i) {
                if (name_of(static_cast<std::uint32_t>(i)) == name) return i;
            }
            return std::nullopt;
        }
        const auto it = std::lower_bound(order.begin(), order.end(), name,
                                         [&](std::uint32_t i, std::string_view x) { return name_of(i) < x; });
        if (it == order.end() || name_of(*it) != name) return std::nullopt;
        return static_cast<std::size_t>(*it);
    }
    // find_named()'s @p order of @p n positions: sorted by name_of, ties by position (none up to
    // the limit).
    template <typename NameOf>
    static void name_order(std::vector<std::uint32_t>& order, std::size_t n, NameOf name_of) {
        if (n <= name_scan_limit) {
            order.clear();
            return;
        }
        order.resize(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            const int c = name_of(a).compare(name_of(b));
            return c < 0 || (c == 0 && a < b);
        });
    }
    void index_classes_and_pools() {
        name_order(class_order_, classes_.size(), [this](std::uint32_t i) -> std::string_view { return classes_[i].name(); });
        name_order(pool_order_, pools_.size(), [this](std::uint32_t i) -> std::string_view { return pools_[i].name; });
    }

    std::size_t require_holder(const holder_id& id) const {
        const auto i = holder_index(id);
        if (!i) throw invalid_argument_error("holder = \"" + id.str() + "\": not on the cap table");
        return *i;
    }
    std::size_t require_class(std::string_view name) const {
        const auto c = class_index(name);
        if (!c) throw invalid_argument_error("share class = \"" + std::string(name) + "\": not on the cap table");
        return *c;
    }
    std::size_t require_pool(std::string_view name) const {
        const auto p = pool_index(name);
        if (!p) throw invalid_argument_error("pool = \"" + std::string(name) + "\": not on the cap table");
        return *p;
    }

    // detail::cap_table_access::issue_round() copies every member one by one: a new member
    // must be added there too.
    fundround::currency currency_;
    std::vector<holder> holders_;
    std::vector<share_class> classes_;
    std::vector<holding> holdings_;
    std::vector<option_pool> pools_;
    std::vector<option_grant> grants_;
    std::vector<warrant> warrants_;
    std::vector<std::pair<holder_id, holder_id>> distinct_;
    // Indexes: positions in holders_ sorted by id; per entry, the holder's and class's positions.
    std::vector<std::uint32_t> holder_order_;
    // Positions in holders_ sorted by holder_name_key() of the name (ties by position).
    std::vector<std::uint32_t> name_order_;
    // Positions in classes_ and in pools_ sorted by name (ties by position), when there are
    // more than name_scan_limit: class_index() and pool_index() in O(log n).
    std::vector<std::uint32_t> class_order_, pool_order_;
    std::vector<std::uint32_t> holding_holder_, holding_class_;
    std::vector<std::uint32_t> grant_holder_, grant_pool_;
    std::vector<std::uint32_t> warrant_holder_, warrant_class_;
    std::vector<std::uint32_t> pool_class_;
    std::vector<share_count> class_issued_;
    std::vector<share_count> pool_granted_;
    detail::total_reset_on_move issued_total_;  // the sum of class_issued_
};

/// The outcome of cap_table_builder::try_build(): a cap table, or every problem found.
struct cap_table_result {
    std::optional<cap_table> table;    ///< The table, when there were no problems.
    std::vector<diagnostic> problems;  ///< Every problem found (empty on success).
    std::vector<element_reference> references;  ///< The elements its problems name by their place (`holders[0]`, `classes[1]`).
    std::vector<std::size_t> unresolved;  ///< Its problems of a name that is no holder, class or pool on the table (their indexes, ascending).

    /// True if the table was built.
    [[nodiscard]] bool ok() const noexcept { return table.has_value(); }
    /// True if the table was built.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// Builds a cap_table from its parts and validates everything at once:
///
///     cap_table t = cap_table_builder()
///         .add(holder::founder("ada", "Ada Lovelace"))
///         .add(share_class::common("Common"))
///         .holding(holder_id("ada"), "Common", share_count(8'000'000))
///         .build();
///
/// Setters never throw; build() throws one validation_error listing every problem, try_build()
/// returns them. Fields are paths like `holders[2].name`, `classes[1].original_issue_price`,
/// `holdings[3].shares`, `grants[0].pool`.
class cap_table_builder {
public:
    /// An empty builder in US dollars.
    cap_table_builder() = default;
    /// A builder holding everything on @p table, to change it (issue shares, add a class, ...).
    explicit cap_table_builder(const cap_table& table)
        : currency_(table.currency_), holders_(table.holders_), classes_(table.classes_),
          holdings_(table.holdings_), pools_(table.pools_), grants_(table.grants_), warrants_(table.warrants_),
          distinct_(table.distinct_) {}

    /// Sets the currency of every price (default USD).
    cap_table_builder& currency(fundround::currency c) { currency_ = c; return *this; }
    /// Adds holder @p h.
    cap_table_builder& add(holder h) { holders_.push_back(std::move(h)); return *this; }
    /// Declares holders @p a and @p b distinct although their names nearly match.
    cap_table_builder& declare_distinct(holder_id a, holder_id b) {
        distinct_.emplace_back(std::move(a), std::move(b));
        return *this;
    }
    /// Adds share class @p c.
    cap_table_builder& add(share_class c) { classes_.push_back(std::move(c)); return *this; }
    /// Adds option pool @p p.
    cap_table_builder& add(option_pool p) { pools_.push_back(std::move(p)); return *this; }
    /// Adds warrant @p w.
    cap_table_builder& add(warrant w) { warrants_.push_back(std::move(w)); return *this; }
    /// Adds option grant @p g.
    cap_table_builder& grant(option_grant g) { grants_.push_back(std::move(g)); return *this; }
    /// States that @p who holds @p shares of class @p share_class (a second holding of the same
    /// holder and class is reported by build(): state each once).
    cap_table_builder& holding(holder_id who, std::string share_class, share_count shares) {
        holdings_.push_back({std::move(who), std::move(share_class), shares});
        return *this;
    }
    /// Issues @p shares of class @p share_class to @p who: added to the holder's holding of that
    /// class, or a new holding. Linear in the number of holdings.
    cap_table_builder& issue(const holder_id& who, const std::string& share_class, share_count shares) {
        if (shares.value() <= 0) {
            pending_.push_back({field_path("issue"), format_shares(shares) + " of \"" + share_class + "\" to \"" + who.str() + "\"",
                                "must be positive"});
            return *this;
        }
        for (auto& h : holdings_) {
            if (h.holder == who && h.share_class == share_class && h.shares.value() > 0) {
                try {
                    h.shares += shares;
                } catch (const overflow_error&) {
                    pending_.push_back({field_path("issue"), format_shares(shares) + " of \"" + share_class + "\" to \"" +
                                                     who.str() + "\"", "the holding overflows 64 bits"});
                }
                return *this;
            }
        }
        return holding(who, share_class, shares);
    }
    /// The holdings as they stand in the builder.
    [[nodiscard]] const std::vector<fundround::holding>& holdings() const noexcept { return holdings_; }
    /// Replaces every holding by @p all (to apply many changes at once, in linear time).
    cap_table_builder& set_holdings(std::vector<fundround::holding> all) {
        holdings_ = std::move(all);
        return *this;
    }
    /// Removes @p shares of class @p share_class from @p who's holding (a sale, a repurchase);
    /// the holding disappears at 0. Holding fewer shares is reported by build().
    cap_table_builder& remove(const holder_id& who, const std::string& share_class, share_count shares) {
        share_count held;
        for (std::size_t k = 0; k < holdings_.size(); ++k) {
            fundround::holding& h = holdings_[k];
            if (h.holder != who || h.share_class != share_class) continue;
            held = h.shares;
            if (shares.value() <= 0 || shares > h.shares) break;
            h.shares -= shares;
            if (h.shares.value() == 0) holdings_.erase(holdings_.begin() + static_cast<std::ptrdiff_t>(k));
            return *this;
        }
        pending_.push_back({field_path("remove"), format_shares(shares) + " of \"" + share_class + "\" from \"" + who.str() + "\"",
                            "must be positive and at most the " + format_shares(held) +
                                " shares of the class the holder holds"});
        return *this;
    }
    /// Adds @p shares to pool @p pool's authorized size (a pool top-up); an unknown pool or a
    /// non-positive increase is reported by build().
    cap_table_builder& increase_pool(const std::string& pool, share_count shares) {
        for (auto& p : pools_) {
            if (p.name == pool && shares.value() > 0) {
                try {
                    p.authorized += shares;
                    return *this;
                } catch (const overflow_error&) {
                    break;
                }
            }
        }
        pending_.push_back({field_path("increase_pool"), format_shares(shares) + " to \"" + pool + "\"",
                            "the pool must exist and the increase be positive and fit 64 bits"});
        return *this;
    }

    /// Every problem that build() would report (empty if the table is valid).
    [[nodiscard]] std::vector<diagnostic> validate() const { return try_build().problems; }
    /// The table, or every problem found; never throws for bad input.
    [[nodiscard]] cap_table_result try_build() const;
    /// The table; throws validation_error listing every problem.
    [[nodiscard]] cap_table build() const {
        cap_table_result r = try_build();
        if (!r.ok()) throw validation_error("cap table is invalid", std::move(r.problems));
        return std::move(*r.table);
    }

private:
    static std::string format_shares(share_count s) { return std::to_string(s.value()); }

    fundround::currency currency_;
    std::vector<holder> holders_;
    std::vector<share_class> classes_;
    std::vector<fundround::holding> holdings_;
    std::vector<option_pool> pools_;
    std::vector<option_grant> grants_;
    std::vector<warrant> warrants_;
    std::vector<std::pair<holder_id, holder_id>> distinct_;
    std::vector<diagnostic> pending_;  // problems found by issue/remove/increase_pool
};

inline cap_table_result cap_table_builder::try_build() const {
    cap_table_result result;
    std::vector<diagnostic>& out = result.problems;
    using detail::company_field;
    constexpr std::size_t index_limit = std::size_t{1} << 31;
    {
        const std::pair<const char*, std::size_t> lists[] = {{"holders", holders_.size()},
                                                             {"holdings", holdings_.size()},
                                                             {"grants", grants_.size()},
                                                             {"warrants", warrants_.size()}};
        for (const auto& [list, size] : lists) {
            if (size >= index_limit) {
                out.push_back({field_path(list), std::to_string(size) + " entries", "must have fewer than 2^31 entries"});
            }
        }
        if (!out.empty()) return result;
    }
    out = pending_;
    std::vector<std::uint32_t> name_order;  // holders by name key, kept for incremental checks
    {
        std::vector<element_reference> named;
        std::vector<diagnostic> h =
            detail::check_holders(holders_, distinct_, field_path("holders"), 0, &name_order, &named);
        for (element_reference& e : named) {
            e.problem += out.size();
            result.references.push_back(std::move(e));
        }
        out.insert(out.end(), h.begin(), h.end());
    }
    // Holder lookup: positions sorted by id (first of equal ids first).
    std::vector<std::uint32_t> order(holders_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return holders_[a].id() < holders_[b].id(); });
    const auto find_holder = [&](const holder_id& id) -> std::optional<std::uint32_t> {
        const auto it = std::lower_bound(order.begin(), order.end(), id,
                                         [&](std::uint32_t i, const holder_id& x) { return holders_[i].id() < x; });
        if (it == order.end() || holders_[*it].id() != id) return std::nullopt;
        return *it;
    };
    for (std::size_t i = 0; i < distinct_.size(); ++i) {
        const auto& [first, second] = distinct_[i];
        for (const holder_id* id : {&first, &second}) {
            if (!find_holder(*id)) {
                result.unresolved.push_back(out.size());
                out.push_back({company_field("declared_distinct", i), detail::quoted_text(id->str()),
                               "is not a holder on the cap table"});
            }
        }
        if (first == second) {
            out.push_back({company_field("declared_distinct", i), detail::quoted_text(first.str()),
                           "declares a holder distinct from itself"});
        }
    }
    // Classes: each valid, names unique (exactly and by key), prices in the table's currency.
    std::unordered_map<std::string, std::uint32_t> class_at;
    std::unordered_map<std::string, std::size_t> class_key_at;
    for (std::size_t i = 0; i < classes_.size(); ++i) {
        const share_class& c = classes_[i];
        for (diagnostic d : c.validate()) {
            d.field = d.field.prefixed(company_field("classes", i));
            out.push_back(std::move(d));
        }
        if (c.original_issue_price() && c.original_issue_price()->currency() != currency_) {
            out.push_back({company_field("classes", i, "original_issue_price"), c.original_issue_price()->display_string(),
                           detail::table_currency_rule(currency_)});
        }
        const std::string key = holder_name_key(c.name());
        if (class_at.count(c.name()) != 0) {
            result.references.push_back({out.size(), company_field("classes", class_at[c.name()]), std::strlen("duplicates ")});
            out.push_back({company_field("classes", i, "name"), detail::quoted_text(c.name()),
                           "duplicates " + company_field("classes", class_at[c.name()]).to_string() + "; a class appears once"});
        } else if (!key.empty() && class_key_at.count(key) != 0) {
            result.references.push_back({out.size(), company_field("classes", class_key_at[key]), std::strlen("nearly duplicates ")});
            out.push_back({company_field("classes", i, "name"), detail::quoted_text(c.name()),
                           "nearly duplicates " + company_field("classes", class_key_at[key]).to_string() + " " +
                               detail::quoted_text(classes_[class_key_at[key]].name()) + "; use one name"});
        } else {
            class_at.emplace(c.name(), static_cast<std::uint32_t>(i));
            class_key_at.emplace(key, i);
        }
    }
    const auto find_class = [&](const std::string& name) -> std::optional<std::uint32_t> {
        const auto it = class_at.find(name);
        if (it == class_at.end()) return std::nullopt;
        return it->second;
    };
    // The checks name a field as (list, index, member); its path is built only for a problem.
    const auto unknown_class = [&](const char* list, std::size_t i, const char* member, const std::string& name) {
        result.unresolved.push_back(out.size());
        out.push_back({company_field(list, i, member), detail::quoted_text(name), "is not a share class on the cap table"});
    };
    const auto unknown_holder = [&](const char* list, std::size_t i, const holder_id& id) {
        result.unresolved.push_back(out.size());
        out.push_back({company_field(list, i, "holder"), detail::quoted_text(id.str()), "is not a holder on the cap table"});
    };
    const auto check_positive = [&](const char* list, std::size_t i, const char* member, share_count s) {
        if (s.value() <= 0) out.push_back({company_field(list, i, member), std::to_string(s.value()), "must be positive"});
    };
    const auto check_price = [&](const char* list, std::size_t i, const price_per_share& p) {
        if (p.currency() != currency_) {
            out.push_back({company_field(list, i, "exercise_price"), p.to_string(),
                           detail::table_currency_rule(currency_)});
        }
    };

    cap_table t;
    t.currency_ = currency_;
    t.class_issued_.assign(classes_.size(), share_count());
    t.pool_granted_.assign(pools_.size(), share_count());
    const auto add_checked = [&](share_count& into, share_count s, const char* list, std::size_t i) {
        try {
            into += s;
            return true;
        } catch (const overflow_error&) {
            out.push_back({company_field(list, i, "shares"), std::to_string(s.value()), "the total overflows 64 bits"});
            return false;
        }
    };

    // Pools.
    std::unordered_map<std::string, std::uint32_t> pool_at;
    t.pool_class_.reserve(pools_.size());
    for (std::size_t i = 0; i < pools_.size(); ++i) {
        const option_pool& p = pools_[i];
        if (holder_name_key(p.name).empty()) {
            out.push_back({company_field("pools", i, "name"), detail::quoted_text(p.name), "must contain a letter or digit"});
        } else if (pool_at.count(p.name) != 0) {
            result.references.push_back({out.size(), company_field("pools", pool_at[p.name]), std::strlen("duplicates ")});
            out.push_back({company_field("pools", i, "name"), detail::quoted_text(p.name),
                           "duplicates " + company_field("pools", pool_at[p.name]).to_string() + "; a pool appears once"});
        } else {
            pool_at.emplace(p.name, static_cast<std::uint32_t>(i));
        }
        const auto c = find_class(p.share_class);
        if (!c) unknown_class("pools", i, "share_class", p.share_class);
        t.pool_class_.push_back(c.value_or(0));
        check_positive("pools", i, "authorized", p.authorized);
    }

    // Holdings: holder and class known, shares positive, one per holder and class.
    t.holding_holder_.reserve(holdings_.size());
    t.holding_class_.reserve(holdings_.size());
    std::vector<std::uint32_t> by_key;  // holdings whose holder and class are known
    by_key.reserve(holdings_.size());
    for (std::size_t k = 0; k < holdings_.size(); ++k) {
        const fundround::holding& h = holdings_[k];
        const auto who = find_holder(h.holder);
        const auto c = find_class(h.share_class);
        if (!who) unknown_holder("holdings", k, h.holder);
        if (!c) unknown_class("holdings", k, "share_class", h.share_class);
        check_positive("holdings", k, "shares", h.shares);
        if (who && c) by_key.push_back(static_cast<std::uint32_t>(k));
        t.holding_holder_.push_back(who.value_or(0));
        t.holding_class_.push_back(c.value_or(0));
        if (c && h.shares.value() > 0) {
            if (add_checked(t.class_issued_[*c], h.shares, "holdings", k)) {
                (void)add_checked(t.issued_total_.value, h.shares, "holdings", k);
            }
        }
    }
    {
        const auto key = [&](std::uint32_t k) {
            return (std::uint64_t{t.holding_holder_[k]} << 32) | t.holding_class_[k];
        };
        std::stable_sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
        std::vector<std::pair<std::size_t, diagnostic>> twice;  // (holding, problem naming holdings[first[holding]])
        std::vector<std::uint32_t> first_of(holdings_.size());
        for (std::size_t j = 1, first = 0; j < by_key.size(); ++j) {
            if (key(by_key[j]) != key(by_key[j - 1])) {
                first = j;
                continue;
            }
            const fundround::holding& h = holdings_[by_key[j]];
            first_of[by_key[j]] = by_key[first];
            twice.push_back({by_key[j],
                             {company_field("holdings", by_key[j]),
                              detail::quoted_text(h.holder.str()) + " in " + detail::quoted_text(h.share_class),
                              "the holder appears twice in this class (also " +
                                  company_field("holdings", by_key[first]).to_string() + "); state one holding"}});
        }
        std::stable_sort(twice.begin(), twice.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& d : twice) {
            result.references.push_back({out.size(), company_field("holdings", first_of[d.first]),
                                         std::strlen("the holder appears twice in this class (also ")});
            out.push_back(std::move(d.second));
        }
    }

    // Grants: holder and pool known, shares positive, price in currency; per pool at most
    // authorized.
    t.grant_holder_.reserve(grants_.size());
    t.grant_pool_.reserve(grants_.size());
    for (std::size_t k = 0; k < grants_.size(); ++k) {
        const option_grant& g = grants_[k];
        const auto who = find_holder(g.holder);
        const auto pool = pool_at.find(g.pool);
        if (!who) unknown_holder("grants", k, g.holder);
        if (pool == pool_at.end()) {
            result.unresolved.push_back(out.size());
            out.push_back({company_field("grants", k, "pool"), detail::quoted_text(g.pool), "is not an option pool on the cap table"});
        }
        check_positive("grants", k, "shares", g.shares);
        check_price("grants", k, g.exercise_price);
        t.grant_holder_.push_back(who.value_or(0));
        t.grant_pool_.push_back(pool == pool_at.end() ? 0 : pool->second);
        if (pool != pool_at.end() && g.shares.value() > 0) {
            (void)add_checked(t.pool_granted_[pool->second], g.shares, "grants", k);
        }
    }
    for (std::size_t i = 0; i < pools_.size(); ++i) {
        if (pools_[i].authorized.value() > 0 && t.pool_granted_[i] > pools_[i].authorized) {
            out.push_back({company_field("pools", i, "authorized"), std::to_string(pools_[i].authorized.value()),
                           "grants from the pool total " + std::to_string(t.pool_granted_[i].value()) +
                               " shares, more than it authorizes"});
        }
    }

    // Warrants: holder and class known, shares positive, price in currency.
    t.warrant_holder_.reserve(warrants_.size());
    t.warrant_class_.reserve(warrants_.size());
    for (std::size_t k = 0; k < warrants_.size(); ++k) {
        const warrant& w = warrants_[k];
        const auto who = find_holder(w.holder);
        const auto c = find_class(w.share_class);
        if (!who) unknown_holder("warrants", k, w.holder);
        if (!c) unknown_class("warrants", k, "share_class", w.share_class);
        check_positive("warrants", k, "shares", w.shares);
        check_price("warrants", k, w.exercise_price);
        t.warrant_holder_.push_back(who.value_or(0));
        t.warrant_class_.push_back(c.value_or(0));
    }

    if (!out.empty()) return result;
    t.holders_ = holders_;
    t.classes_ = classes_;
    t.holdings_ = holdings_;
    t.pools_ = pools_;
    t.grants_ = grants_;
    t.warrants_ = warrants_;
    t.distinct_ = distinct_;
    t.holder_order_ = std::move(order);
    t.name_order_ = std::move(name_order);
    t.index_classes_and_pools();
    // Every fully diluted total must fit 64 bits: computed once here, so later queries cannot
    // overflow and an overflow is reported with the other problems.
    try {
        (void)t.fully_diluted(fully_diluted_basis::full_with_convertibles());
    } catch (const overflow_error& e) {
        out.push_back({field_path("fully_diluted"), "", std::string("the cap table's fully diluted count overflows: ") + detail::reason_of(e)});
        return result;
    }
    result.table = std::move(t);
    return result;
}

inline fully_diluted_counts cap_table::fully_diluted(const fully_diluted_basis& basis) const {
    return count_fully_diluted(basis, true);
}

inline fully_diluted_counts cap_table::count_fully_diluted(const fully_diluted_basis& basis, bool per_class_and_pool) const {
    fully_diluted_counts r;
    r.basis_ = basis;
    r.by_holder_.assign(holders_.size(), share_count());
    if (per_class_and_pool) {
        r.by_class_.assign(classes_.size(), share_count());
        r.by_pool_.assign(pools_.size(), share_count());
    }
    for (std::size_t k = 0; k < holdings_.size(); ++k) {
        const share_count s = as_converted(holding_class_[k], holdings_[k].shares);
        r.by_holder_[holding_holder_[k]] += s;
        if (per_class_and_pool) r.by_class_[holding_class_[k]] += s;
        r.issued_ += s;
    }
    if (basis.granted_options) {
        for (std::size_t k = 0; k < grants_.size(); ++k) {
            const share_count s = as_converted(pool_class_[grant_pool_[k]], grants_[k].shares);
            r.by_holder_[grant_holder_[k]] += s;
            if (per_class_and_pool) r.by_class_[pool_class_[grant_pool_[k]]] += s;
            r.granted_ += s;
        }
    }
    if (basis.unallocated_pool) {
        for (std::size_t p = 0; p < pools_.size(); ++p) {
            const share_count s = as_converted(pool_class_[p], pools_[p].authorized - pool_granted_[p]);
            if (per_class_and_pool) {
                r.by_pool_[p] = s;
                r.by_class_[pool_class_[p]] += s;
            }
            r.unallocated_ += s;
        }
    }
    if (basis.warrants) {
        for (std::size_t k = 0; k < warrants_.size(); ++k) {
            const share_count s = as_converted(warrant_class_[k], warrants_[k].shares);
            r.by_holder_[warrant_holder_[k]] += s;
            if (per_class_and_pool) r.by_class_[warrant_class_[k]] += s;
            r.warrants_ += s;
        }
    }
    r.total_ = r.issued_ + r.granted_ + r.unallocated_ + r.warrants_;
    return r;
}

FUNDROUND_END_NAMESPACE

namespace std {

/// Hash of a fully diluted basis (its four flags), for unordered containers keyed by basis.
template <>
struct hash<fundround::fully_diluted_basis> {
    /// The hash of @p b: its flags as four bits; equal bases hash equally, distinct ones differ.
    [[nodiscard]] std::size_t operator()(const fundround::fully_diluted_basis& b) const noexcept {
        return (b.granted_options ? 1U : 0U) | (b.unallocated_pool ? 2U : 0U) | (b.warrants ? 4U : 0U) |
               (b.convertibles ? 8U : 0U);
    }
};

}  // namespace std

#endif  // FUNDROUND_COMPANY_CAP_TABLE_HPP
