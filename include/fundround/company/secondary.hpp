/// @file company/secondary.hpp
/// @brief Secondary sales and tender offers on a cap table: shares change hands at a price, no
/// new shares, no new money for the company; and the valuation mark a price sets.
#ifndef FUNDROUND_COMPANY_SECONDARY_HPP
#define FUNDROUND_COMPANY_SECONDARY_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The valuation a price per share implies: price x fully diluted shares on a named basis (how
/// a secondary sale or a round "sets a mark").
struct valuation_mark {
    price_per_share price;       ///< The price per share.
    fully_diluted_basis basis;   ///< What the share count includes.
    share_count fully_diluted;   ///< The fully diluted shares on that basis.
    fraction exact_units;        ///< price x shares, in money units, exact.
    money value;                 ///< exact_units rounded to a money unit by `mode`.
    rounding mode;               ///< How value was rounded.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const valuation_mark& a, const valuation_mark& b) {
        return a.price == b.price && a.basis == b.basis && a.fully_diluted == b.fully_diluted &&
               a.exact_units == b.exact_units && a.value == b.value && a.mode == b.mode;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const valuation_mark& a, const valuation_mark& b) { return !(a == b); }
};

/// The mark @p price sets on @p table: @p price x the fully diluted count on @p basis, rounded to
/// a money unit by @p mode. Throws currency_mismatch_error if the price is not in the table's
/// currency, invalid_argument_error if the count is 0 or @p mode is outside the enumeration,
/// overflow_error naming the price, the count and the basis if the value does not fit the amount
/// range, and under rounding::exact inexact_error naming them if the value is not a whole unit.
[[nodiscard]] inline valuation_mark implied_valuation(const cap_table& table, const price_per_share& price,
                                                      const fully_diluted_basis& basis,
                                                      rounding mode = rounding::half_even) {
    detail::require_known_enum("mode", mode, detail::rounding_names);
    if (price.currency() != table.currency()) {
        throw currency_mismatch_error("implied_valuation: price in " + to_string(price.currency()) +
                                      ", cap table in " + to_string(table.currency()));
    }
    const share_count shares = table.fully_diluted(basis).total();
    if (shares.value() <= 0) {
        throw invalid_argument_error("implied_valuation: fully diluted count = 0 on basis \"" +
                                     basis.to_string() + "\": no valuation follows");
    }
    money value;
    try {
        value = price.cost_of(shares, mode);
    } catch (const overflow_error&) {  // name the figures, as the other checks do
        throw overflow_error("implied_valuation: " + price.display_string() + " a share x " + std::to_string(shares.value()) +
                             " shares on basis \"" + basis.to_string() + "\" overflows the amount range (" +
                             format_full(money::from_units(detail::int64_max, table.currency())) + " at most)");
    } catch (const inexact_error&) {
        throw inexact_error("implied_valuation: " + price.display_string() + " a share x " + std::to_string(shares.value()) +
                            " shares on basis \"" + basis.to_string() + "\" is " +
                            (price.units_per_share() * fraction(shares.value())).to_string() +
                            " money units (thousandths), not whole, and the rounding is rounding::exact");
    }
    return {price, basis, shares, price.units_per_share() * fraction(shares.value()), value, mode};
}

/// One block of shares changing hands: seller, buyer, class, number of shares.
struct share_transfer {
    holder_id seller;         ///< Who sells (must hold the shares).
    holder_id buyer;          ///< Who buys (on the table, or a new buyer of the sale).
    std::string share_class;  ///< The class of the shares.
    share_count shares;       ///< How many (positive).

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const share_transfer& a, const share_transfer& b) {
        return a.seller == b.seller && a.buyer == b.buyer && a.share_class == b.share_class && a.shares == b.shares;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const share_transfer& a, const share_transfer& b) { return !(a == b); }
};

/// The outcome of secondary_sale::try_apply(): the cap table after the sale and what each
/// transfer pays, or every problem found.
struct secondary_result {
    std::optional<cap_table> after;    ///< The cap table after the sale, when there were no problems.
    std::vector<diagnostic> problems;  ///< Every problem found (empty on success).
    /// Per transfer, in order: shares x price rounded to a money unit by the sale's cash rounding.
    std::vector<money> consideration;
    money total_consideration;  ///< The sum of consideration (paid seller to buyer, not to the company).

    /// True if the sale applies.
    [[nodiscard]] bool ok() const noexcept { return after.has_value(); }
    /// True if the sale applies.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A secondary sale: existing shares change hands at one price. The company issues no shares and
/// receives no money; the fully diluted count is unchanged and only the sellers' and buyers'
/// ownership moves. Transfers apply in order (a buyer may sell on what it bought).
///
///     secondary_result r = secondary_sale("October secondary", price)
///         .new_buyer(holder::investor("fund", "Growth Fund"))
///         .transfer(holder_id("ada"), holder_id("fund"), "Common", share_count(100'000))
///         .try_apply(table);
class secondary_sale {
public:
    /// A sale called @p name at @p price per share.
    secondary_sale(std::string name, price_per_share price) : name_(std::move(name)), price_(std::move(price)) {}

    /// Adds a buyer who is not yet on the cap table.
    secondary_sale& new_buyer(holder h) { buyers_.push_back(std::move(h)); return *this; }
    /// @p seller sells @p shares of class @p share_class to @p buyer.
    secondary_sale& transfer(holder_id seller, holder_id buyer, std::string share_class, share_count shares) {
        transfers_.push_back({std::move(seller), std::move(buyer), std::move(share_class), shares});
        return *this;
    }
    /// Sets how each transfer's consideration is rounded to a money unit (default
    /// rounding::half_away_from_zero).
    secondary_sale& consideration_rounding(rounding mode) { cash_mode_ = mode; return *this; }

    /// The sale's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The price per share.
    [[nodiscard]] const price_per_share& price() const noexcept { return price_; }
    /// The transfers, in order.
    [[nodiscard]] const std::vector<share_transfer>& transfers() const noexcept { return transfers_; }
    /// The buyers new to the cap table.
    [[nodiscard]] const std::vector<holder>& new_buyers() const noexcept { return buyers_; }

    /// The mark the sale's price sets on @p table on @p basis (price x fully diluted shares).
    [[nodiscard]] valuation_mark mark(const cap_table& table, const fully_diluted_basis& basis,
                                      rounding mode = rounding::half_even) const {
        return implied_valuation(table, price_, basis, mode);
    }

    /// Every problem applying the sale to @p before would meet (empty if it applies).
    [[nodiscard]] std::vector<diagnostic> validate(const cap_table& before) const { return try_apply(before).problems; }
    /// The cap table after the sale and each transfer's consideration, or every problem found:
    /// an unknown seller, buyer or class, a seller selling to itself, shares that are not positive
    /// or more than the seller holds at that point, a price in another currency, new buyers that
    /// clash with the table's holders, a consideration or total consideration that overflows the
    /// amount range, a consideration not a whole money unit under rounding::exact. Linear in the
    /// size of the table plus the transfers.
    [[nodiscard]] secondary_result try_apply(const cap_table& before) const {
        return try_apply_as(before, "transfers", nullptr);
    }
    /// The cap table after the sale; throws validation_error listing every problem.
    [[nodiscard]] cap_table apply(const cap_table& before) const {
        secondary_result r = try_apply(before);
        if (!r.ok()) throw validation_error("secondary \"" + name_ + "\" does not apply", std::move(r.problems));
        return std::move(*r.after);
    }

private:
    friend class tender_offer;
    // try_apply() naming transfer k "<list>[index_of[k]]" (tenders name their own entries).
    secondary_result try_apply_as(const cap_table& before, std::string_view list,
                                  const std::vector<std::size_t>* index_of) const;

    std::string name_;
    price_per_share price_;
    std::vector<holder> buyers_;
    std::vector<share_transfer> transfers_;
    rounding cash_mode_ = rounding::half_away_from_zero;
};

inline secondary_result secondary_sale::try_apply_as(const cap_table& before, std::string_view list,
                                                     const std::vector<std::size_t>* index_of) const {
    const auto field = [&](std::size_t k, std::string_view member) {
        return detail::company_field(list, index_of ? (*index_of)[k] : k, member);
    };
    secondary_result result;
    result.total_consideration = money::zero(before.currency());
    std::vector<diagnostic>& out = result.problems;
    if (price_.currency() != before.currency()) {
        out.push_back({field_path("price"), price_.display_string(), detail::table_currency_rule(before.currency())});
    }
    if (transfers_.empty()) out.push_back({field_path(std::string(list)), "", "at least one transfer is required"});
    const bool cash_mode_known = detail::check_known_enum(out, field_path("consideration_rounding"), cash_mode_, detail::rounding_names);
    // The table with the new buyers added: validates them against the holders (ids, near-duplicate
    // names).
    cap_table_builder builder(before);
    for (const holder& h : buyers_) builder.add(h);
    std::vector<holder> all_holders = before.holders();
    all_holders.insert(all_holders.end(), buyers_.begin(), buyers_.end());
    for (diagnostic& d : detail::check_holders(all_holders, before.declared_distinct(), field_path("new_buyers"),
                                               before.holders().size())) {
        out.push_back(std::move(d));
    }
    // The new buyers by id (first of equal ids first): a lookup per transfer, not a scan.
    std::vector<std::size_t> buyer_order(buyers_.size());
    for (std::size_t j = 0; j < buyer_order.size(); ++j) buyer_order[j] = j;
    std::stable_sort(buyer_order.begin(), buyer_order.end(),
                     [&](std::size_t a, std::size_t b) { return buyers_[a].id() < buyers_[b].id(); });
    const auto find_buyer = [&](const holder_id& id) -> std::optional<std::size_t> {
        if (auto i = before.holder_index(id)) return i;
        const auto it = std::lower_bound(buyer_order.begin(), buyer_order.end(), id,
                                         [&](std::size_t j, const holder_id& x) { return buyers_[j].id() < x; });
        if (it != buyer_order.end() && buyers_[*it].id() == id) return before.holders().size() + *it;
        return std::nullopt;
    };
    // Running holdings keyed by (holder position, class position).
    const auto key = [](std::size_t h, std::size_t c) { return (std::uint64_t{h} << 32) | std::uint64_t{c}; };
    std::unordered_map<std::uint64_t, share_count> running;
    std::vector<std::uint64_t> first_seen;  // keys in the order holdings are met (table order first)
    running.reserve(before.holdings().size() + 2 * transfers_.size());
    for (const holding& h : before.holdings()) {
        const std::uint64_t k = key(*before.holder_index(h.holder), *before.class_index(h.share_class));
        running.emplace(k, h.shares);
        first_seen.push_back(k);
    }
    result.consideration.reserve(transfers_.size());
    bool total_overflowed = false;  // reported once; later transfers' consideration is not summed
    for (std::size_t i = 0; i < transfers_.size(); ++i) {
        const share_transfer& t = transfers_[i];
        const auto seller = find_buyer(t.seller);  // a new buyer may sell on what it bought
        const auto buyer = find_buyer(t.buyer);
        const auto c = before.class_index(t.share_class);
        const std::size_t before_problems = out.size();
        if (!seller) {
            out.push_back({field(i, "seller"), detail::quoted_text(t.seller.str()),
                           "is not a holder on the cap table"});
        }
        if (!buyer) {
            out.push_back({field(i, "buyer"), detail::quoted_text(t.buyer.str()),
                           "is neither on the cap table nor a new buyer of the sale"});
        } else if (seller && *seller == *buyer) {
            out.push_back({field(i, "buyer"), detail::quoted_text(t.buyer.str()),
                           "is the seller; a holder cannot sell to itself"});
        }
        if (!c) {
            out.push_back({field(i, "share_class"), detail::quoted_text(t.share_class),
                           "is not a share class on the cap table"});
        }
        if (t.shares.value() <= 0) {
            out.push_back({field(i, "shares"), std::to_string(t.shares.value()), "must be positive"});
        } else if (seller && c) {
            const auto it = running.find(key(*seller, *c));
            const share_count held = it == running.end() ? share_count() : it->second;
            if (t.shares > held) {
                out.push_back({field(i, "shares"), std::to_string(t.shares.value()),
                               "more than the " + std::to_string(held.value()) + " shares of \"" + t.share_class +
                                   "\" \"" + t.seller.str() + "\" holds at this point"});
            }
        }
        if (out.size() != before_problems) continue;
        running[key(*seller, *c)] -= t.shares;
        const std::uint64_t bk = key(*buyer, *c);
        const auto [at, inserted] = running.emplace(bk, t.shares);
        if (inserted) {
            first_seen.push_back(bk);
        } else {
            try {
                at->second += t.shares;
            } catch (const overflow_error&) {
                out.push_back({field(i, "shares"), std::to_string(t.shares.value()),
                               "the buyer's holding overflows 64 bits"});
            }
        }
        if (price_.currency() == before.currency() && cash_mode_known) {
            // The consideration is a money amount: one that does not fit 64 bits is a problem of
            // this transfer (and the sum's, of the list), reported with the others, not thrown.
            try {
                result.consideration.push_back(price_.cost_of(t.shares, cash_mode_));
            } catch (const overflow_error&) {
                out.push_back({field(i, "shares"), std::to_string(t.shares.value()),
                               "at " + price_.display_string() + " a share the consideration overflows the amount range (" +
                                   format_full(money::from_units(detail::int64_max, before.currency())) + " at most)"});
                continue;
            } catch (const inexact_error&) {  // rounding::exact: a problem of this transfer too
                out.push_back({field(i, "shares"), std::to_string(t.shares.value()),
                               "at " + price_.display_string() + " a share the consideration is " +
                                   (price_.units_per_share() * fraction(t.shares.value())).to_string() +
                                   " money units (thousandths), not whole, and the consideration rounding is rounding::exact"});
                continue;
            }
            if (total_overflowed) continue;
            try {
                result.total_consideration += result.consideration.back();
            } catch (const overflow_error&) {
                out.push_back({field_path(std::string(list)), "",
                               "the total consideration overflows the amount range (" +
                                   format_full(money::from_units(detail::int64_max, before.currency())) +
                                   " at most) with " + field(i, "shares").to_string()});
                total_overflowed = true;
            }
        }
    }
    std::vector<const holder_id*> buying(transfers_.size());  // the transfers' buyers, sorted
    for (std::size_t i = 0; i < transfers_.size(); ++i) buying[i] = &transfers_[i].buyer;
    std::sort(buying.begin(), buying.end(), [](const holder_id* a, const holder_id* b) { return *a < *b; });
    for (std::size_t j = 0; j < buyers_.size(); ++j) {  // nothing added silently
        const auto it = std::lower_bound(buying.begin(), buying.end(), &buyers_[j].id(),
                                         [](const holder_id* a, const holder_id* b) { return *a < *b; });
        const bool buys = it != buying.end() && **it == buyers_[j].id();
        if (!buys) {
            out.push_back({detail::company_field("new_buyers", j, "id"), detail::quoted_text(buyers_[j].id().str()),
                           "buys nothing in the sale: add only buyers of a transfer"});
        }
    }
    if (!out.empty()) {
        result.consideration.clear();
        result.total_consideration = money::zero(before.currency());
        return result;
    }
    // The holdings after the sale: the table's in their order (emptied ones dropped), then the
    // buyers' new ones in the order they were first bought.
    std::vector<holding> holdings;
    holdings.reserve(first_seen.size());
    for (const std::uint64_t k : first_seen) {
        const share_count s = running[k];
        if (s.value() == 0) continue;
        const auto h = static_cast<std::size_t>(k >> 32);
        const auto c = static_cast<std::size_t>(k & 0xFFFFFFFFU);
        const holder_id& id = h < before.holders().size() ? before.holders()[h].id()
                                                           : buyers_[h - before.holders().size()].id();
        holdings.push_back({id, before.classes()[c].name(), s});
    }
    builder.set_holdings(std::move(holdings));
    cap_table_result built = builder.try_build();
    if (!built.ok()) {
        out = std::move(built.problems);
        result.consideration.clear();
        return result;
    }
    result.after = std::move(built.table);
    return result;
}

/// One holder's offer in a tender: how many shares it tenders.
struct tendered_shares {
    holder_id seller;    ///< Who tenders.
    share_count shares;  ///< Shares tendered (positive).

    /// True if seller and shares are equal.
    [[nodiscard]] friend bool operator==(const tendered_shares& a, const tendered_shares& b) {
        return a.seller == b.seller && a.shares == b.shares;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const tendered_shares& a, const tendered_shares& b) { return !(a == b); }
};

/// The outcome of tender_offer::try_apply(): shares accepted per tender and the secondary it
/// amounts to.
struct tender_result {
    /// Per tender, in order: the shares bought — all of them if the offer is not oversubscribed,
    /// else a largest-remainder pro-ration that sums exactly to the offer's maximum.
    std::vector<share_count> accepted;
    share_count tendered;         ///< Shares tendered in all.
    bool oversubscribed = false;  ///< True if more shares were tendered than the offer buys.
    secondary_result sale;        ///< The resulting secondary (its cap table and consideration).

    /// True if the tender applies.
    [[nodiscard]] bool ok() const noexcept { return sale.ok(); }
    /// True if the tender applies.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A tender offer: one buyer offers to buy up to a maximum number of shares of a class at one
/// price; holders tender shares; if more are tendered than the maximum, each tender is cut back
/// pro rata (largest remainder, ties to the earlier tender, so the accepted shares sum exactly
/// to the maximum). No new shares, no new money for the company.
class tender_offer {
public:
    /// @p buyer offers to buy up to @p maximum shares of @p share_class at @p price.
    tender_offer(std::string name, holder_id buyer, std::string share_class, price_per_share price,
                 share_count maximum)
        : name_(std::move(name)), buyer_(std::move(buyer)), class_(std::move(share_class)),
          price_(std::move(price)), maximum_(maximum) {}

    /// The buyer is new to the cap table: @p h (its id must be the offer's buyer).
    tender_offer& new_buyer(holder h) { new_buyer_ = std::move(h); return *this; }
    /// @p seller tenders @p shares.
    tender_offer& tender(holder_id seller, share_count shares) {
        tenders_.push_back({std::move(seller), shares});
        return *this;
    }

    /// The offer's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The price per share.
    [[nodiscard]] const price_per_share& price() const noexcept { return price_; }
    /// The most shares the buyer buys.
    [[nodiscard]] share_count maximum() const noexcept { return maximum_; }
    /// The tenders, in order.
    [[nodiscard]] const std::vector<tendered_shares>& tenders() const noexcept { return tenders_; }

    /// The accepted shares and the resulting secondary, or every problem found, in r.sale.problems:
    /// a maximum that is not positive, a price not in the table's currency, an unknown buyer or
    /// class, a new buyer whose id is not the buyer's or whose name nearly duplicates a holder's,
    /// a tender by an unknown holder or by the buyer, tendered shares that are not positive or
    /// more than the holder holds.
    [[nodiscard]] tender_result try_apply(const cap_table& before) const {
        tender_result r;
        std::vector<diagnostic>& out = r.sale.problems;
        if (maximum_.value() <= 0) out.push_back({field_path("maximum"), std::to_string(maximum_.value()), "must be positive"});
        // Checked here too (the sale checks it, but runs only once the tender's own problems are
        // none): every problem at once.
        if (price_.currency() != before.currency()) {
            out.push_back({field_path("price"), price_.display_string(),
                           detail::table_currency_rule(before.currency())});
        }
        if (new_buyer_ && new_buyer_->id() != buyer_) {
            out.push_back({field_path("new_buyer").member("id"), detail::quoted_text(new_buyer_->id().str()),
                           "must be the offer's buyer \"" + buyer_.str() + "\""});
        }
        if (tenders_.empty()) out.push_back({field_path("tenders"), "", "at least one tender is required"});
        if (!before.holder_index(buyer_) && !new_buyer_) {
            out.push_back({field_path("buyer"), detail::quoted_text(buyer_.str()), "is not on the cap table; add it with new_buyer()"});
        }
        if (new_buyer_ && new_buyer_->id() == buyer_) {
            std::vector<holder> all = before.holders();
            all.push_back(*new_buyer_);
            // The one new buyer is `new_buyer`, not a list: its problems are rebased
            // from `new_buyer[0]`.
            const field_path one("new_buyer");
            for (const diagnostic& d : detail::check_holders(all, before.declared_distinct(), one,
                                                             before.holders().size())) {
                out.push_back(d.rebased(one.index(0), one));
            }
        }
        const auto c = before.class_index(class_);
        if (!c) out.push_back({field_path("share_class"), detail::quoted_text(class_), "is not a share class on the cap table"});
        // What each holder holds of the class and has not yet tendered.
        std::vector<share_count> held(before.holders().size());
        if (c) {
            for (const holding& h : before.holdings()) {
                if (h.share_class == class_) held[*before.holder_index(h.holder)] = h.shares;
            }
        }
        std::vector<std::int64_t> weights;
        weights.reserve(tenders_.size());
        bool tendered_overflowed = false;
        for (std::size_t i = 0; i < tenders_.size(); ++i) {
            const tendered_shares& t = tenders_[i];
            const auto who = before.holder_index(t.seller);
            if (!who) {
                out.push_back({detail::company_field("tenders", i, "seller"), detail::quoted_text(t.seller.str()),
                               "is not a holder on the cap table"});
            } else if (t.seller == buyer_) {
                out.push_back({detail::company_field("tenders", i, "seller"), detail::quoted_text(t.seller.str()),
                               "is the offer's buyer; a holder cannot sell to itself"});
            }
            if (t.shares.value() <= 0) {
                out.push_back({detail::company_field("tenders", i, "shares"), std::to_string(t.shares.value()),
                               "must be positive"});
            } else {
                if (who && c) {
                    share_count& left = held[*who];
                    if (t.shares > left) {
                        out.push_back({detail::company_field("tenders", i, "shares"), std::to_string(t.shares.value()),
                                       "more than the " + std::to_string(left.value()) + " shares of \"" + class_ +
                                           "\" \"" + t.seller.str() + "\" holds and has not tendered"});
                        // Nothing of this tender counts as tendered: a later tender of the holder
                        // is measured against what it really has left.
                    } else {
                        left -= t.shares;
                    }
                }
                if (!tendered_overflowed) {  // reported once, at the tender that overflows
                    try {
                        r.tendered += t.shares;
                    } catch (const overflow_error&) {
                        out.push_back({field_path("tenders"), "",
                                       "the shares tendered overflow 64 bits at " +
                                           detail::company_field("tenders", i, "shares").to_string()});
                        tendered_overflowed = true;
                    }
                }
            }
            weights.push_back(t.shares.value());
        }
        if (!out.empty()) return r;
        r.oversubscribed = r.tendered > maximum_;
        r.accepted.reserve(tenders_.size());
        if (r.oversubscribed) {
            for (const std::int64_t a : detail::allocate_units(maximum_.value(), weights)) r.accepted.emplace_back(a);
        } else {
            for (const tendered_shares& t : tenders_) r.accepted.push_back(t.shares);
        }
        secondary_sale sale(name_, price_);
        if (new_buyer_) sale.new_buyer(*new_buyer_);
        std::vector<std::size_t> index_of;  // transfer -> tender (a tender cut back to 0 sells nothing)
        for (std::size_t i = 0; i < tenders_.size(); ++i) {
            if (r.accepted[i].value() == 0) continue;
            sale.transfer(tenders_[i].seller, buyer_, class_, r.accepted[i]);
            index_of.push_back(i);
        }
        r.sale = sale.try_apply_as(before, "tenders", &index_of);
        return r;
    }

private:
    std::string name_;
    holder_id buyer_;
    std::string class_;
    price_per_share price_;
    share_count maximum_;
    std::optional<holder> new_buyer_;
    std::vector<tendered_shares> tenders_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_SECONDARY_HPP
