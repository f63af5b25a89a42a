// SAFEs converting into a priced round (issue 11, "Speed"): the three shapes the issue times the
// 1984 `cap-table` TypeScript library on (solver only, in-process on node: ~11.8 us, 6.2 us,
// 1.1 us), each through fundround and through a hand-written C++ computation of the same exact
// figures, in this one binary.
//
// The round (test_conversion.cpp, "two post-money SAFEs and a pool top-up, in closed form";
// shaped like the standard post-money SAFE user guide's first worked example): a cap table of
// 9,500,000 common and an unallocated pool of 500,000 (F0 = 10,000,000); a $4M Series A at a
// $16M pre-money from one new investor, a 10% post-money pool target topped up in the
// pre-money; conversion shares in the pre-money (the post-money SAFE's convention), exact price
// and conversion prices, conversion and investor shares rounded down, pool increase up.
//   two_safes     $200k at a $4M post-money cap and $800k at an $8M post-money cap.
//   one_discount  one post-money SAFE, $1M at a 20% discount, no cap.
//   no_safes      the same round with nothing converting.
//
//   lib/<case>    conversion_round::apply_to(table) on a round built before the timed loop: all
//                 validation (terms, holders, currencies, dates, each SAFE's own rules), the
//                 exact closed-form solve, the named roundings, the new money and the pool
//                 through priced_round_terms, the cap table after (new series, one series per
//                 conversion price, the issues, the pool top-up, the table validated) and every
//                 holder's before/after: the whole converted_round.
//   solve/<case>  conversion_round::solve(table): the solver alone, what the peer is timed on (no
//                 cap table after): the same validation as lib/ of the terms, holders,
//                 currencies, dates and each SAFE's own rules, the exact closed-form solve, the
//                 named roundings, the new money and the pool through priced_round_terms: the
//                 price (exact and rounded), Q, the exact pool increase and T, each SAFE's
//                 conversion (exact and rounded price, exact and rounded shares, cash not
//                 converted, its description), the investor's shares, cost and cash not
//                 converted, the pool increase. Checked equal to apply_to()'s figures and to
//                 hand/ before timing.
//   hand/<case>   the same exact closed-form solve and the same roundings written directly on
//                 checked __int128 rationals (every product/sum overflow-checked, terms reduced
//                 by gcd), with the same level of validation of the figures (positive amounts,
//                 caps, discount in (0, 1), pool target in [0, 1), a solution that exists, a
//                 price whose terms fit 64 bits): Q, the pool increase, T, the price, each
//                 SAFE's conversion price (lower of cap and discount price), exact shares, its
//                 capitalization, shares (floor) and cash not converted, the investor's shares
//                 (floor), cost (half away from zero) and cash not converted, the pool top-up on
//                 the actual count (ceiling), the post-money count. It builds no cap table, no
//                 strings and no diagnostics text.
//                 Checked equal to the library's figures before timing.
//   hand_table/<case>  the same work as lib/<case>: the hand-written solve above, then the cap
//                 table after as plain structs (holders copied and added, the new series and
//                 one class per other conversion price, holdings copied and issued, the pool
//                 topped up) and every holder's fully diluted shares and exact ownership before
//                 and after. Checked equal to the library's table and changes before timing.
//   paired/<case> lib and hand, alternately in the same loop, each timed with steady_clock;
//                 counters lib_ns, hand_ns, ratio = lib / hand.
//   paired_table/<case>  lib and hand_table the same way: the same-work ratio of apply_to().
//   paired_solve/<case>  solve and hand the same way: the same-work ratio of the solver alone.
//   prepared/<case>  prepared_conversion::figures_at(v, into) at the round's pre-money, the round
//                 prepared before the loop (every check of solve() and each SAFE's A / C and
//                 A / (1 - d), once): each SAFE's branch, Q, the pool, the exact and rounded
//                 price, each SAFE's conversion price, shares and cash not converted, the
//                 investor's shares, cost and cash not converted, the pool top-up, T and the
//                 post-money count, into one conversion_figures reused from call to call: the
//                 solver given its inputs, what the peer is timed on.
//   prepared_sweep/<case>  the same at 64 pre-money valuations in turn ($8M to $23.75M).
//   hand_prepared/<case>  the same work by hand on checked __int128 rationals, prepared the same
//                 way, into a reused output; checked equal to the library at the round's and
//                 all 64 valuations before timing.
//   paired_prepared/<case>, paired_prepared_sweep/<case>  prepared and hand_prepared the same way
//                 as paired/: the same-work ratio of the prepared solve.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

__extension__ typedef __int128 wide;  // NOLINT(modernize-use-using)

// ---- the library ---------------------------------------------------------------------------

const cap_table& table() {
    static const cap_table t = cap_table_builder()
                                   .add(holder::founder("ada", "Ada"))
                                   .add(share_class::common("Common"))
                                   .add(option_pool{"Plan", "Common", share_count(500'000)})
                                   .holding(holder_id("ada"), "Common", share_count(9'500'000))
                                   .build();
    return t;
}

enum shape { two_safes, one_discount, no_safes };

conversion_round round_of(shape s) {
    conversion_round r("Series A", "Series A Preferred", year{2026} / 6 / 30);
    r.pre_money(16_M)
        .invest(holder_id("lead"), 4_M)
        .add_holder(holder::investor("lead", "Lead"))
        .option_pool(fraction(1, 10), pool_placement::pre_money, "Plan");
    if (s == two_safes) {
        r.add_holder(holder::investor("a", "Angel A"))
            .add_holder(holder::investor("b", "Fund B"))
            .convert(safe::post_money_cap(holder_id("a"), 200'000_usd, 4_M, year{2025} / 1 / 1))
            .convert(safe::post_money_cap(holder_id("b"), 800'000_usd, 8_M, year{2025} / 2 / 1));
    } else if (s == one_discount) {
        r.add_holder(holder::investor("a", "Angel A"))
            .convert(safe::post_money_discount(holder_id("a"), 1_M, fraction(1, 5), year{2025} / 1 / 1));
    }
    return r;
}

// ---- the hand-written computation ------------------------------------------------------------

[[noreturn]] void fail() { throw std::overflow_error("hand: overflow or invalid"); }

wide mul(wide a, wide b) {
    wide r;
    if (__builtin_mul_overflow(a, b, &r)) fail();
    return r;
}
wide add(wide a, wide b) {
    wide r;
    if (__builtin_add_overflow(a, b, &r)) fail();
    return r;
}
wide gcd(wide a, wide b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) {
        const wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}
struct rat {
    wide n = 0, d = 1;
};
rat mk(wide n, wide d) {
    if (d == 0) fail();
    if (d < 0) {
        n = -n;
        d = -d;
    }
    const wide g = gcd(n, d);
    return g > 1 ? rat{n / g, d / g} : rat{n, d};
}
rat operator+(rat a, rat b) { return mk(add(mul(a.n, b.d), mul(b.n, a.d)), mul(a.d, b.d)); }
rat operator-(rat a, rat b) { return a + rat{-b.n, b.d}; }
rat operator*(rat a, rat b) { return mk(mul(a.n, b.n), mul(a.d, b.d)); }
rat operator/(rat a, rat b) { return mk(mul(a.n, b.d), mul(a.d, b.n)); }
bool operator<(rat a, rat b) { return mul(a.n, b.d) < mul(b.n, a.d); }
wide floor_of(rat a) { return a.n >= 0 ? a.n / a.d : -((-a.n + a.d - 1) / a.d); }
wide ceil_of(rat a) { return -floor_of(rat{-a.n, a.d}); }
bool fits64(rat a) { return a.n <= INT64_MAX && a.n >= -INT64_MAX && a.d <= INT64_MAX; }

struct hand_safe {
    std::int64_t amount;               // money units (mills)
    std::optional<std::int64_t> cap;   // post-money cap, units
    std::optional<rat> discount;       // e.g. 1/5
};
struct hand_round {
    std::int64_t f0, pool;              // F0 and the unallocated pool E
    std::int64_t pre_money, new_money;  // units
    rat target;                         // pool target, in the pre-money, existing pool counted
    std::vector<hand_safe> safes;
};
struct hand_conversion {
    rat price;                 // conversion price, units per share (exact: no rounding named)
    rat exact_shares;          // amount / price, before rounding
    rat capitalization;        // the capitalization its cap divides (Q; 0 without a cap)
    std::int64_t shares;       // floor(amount / price)
    rat not_converted;         // amount - shares x price
    bool cap;                  // the cap price applied
};
struct hand_result {
    rat q, pool_exact, price, post_exact;  // post_exact: T = Q + N / P
    std::vector<hand_conversion> conversions;
    std::int64_t investor_shares = 0, pool_increase = 0;
    std::int64_t investor_cost = 0, investor_not_converted = 0;  // shares x price to the unit, half away from zero
    std::int64_t post_shares = 0;                                // F0 + conversion shares + investor shares + pool increase
};

// Q = F0 + I + K Q with I = max(0, t (V + N) / V x Q - E), given 1 - K; the price V / Q; each
// SAFE's conversion price (the lower of cap and discount price), shares (floor) and cash not
// converted (with @p exact, its exact shares and capitalization too); the investor's shares
// (floor), cost (half away from zero) and cash not converted; the pool top-up on the actual count
// (ceiling); T and the post-money count. Into @p out, its vector reused.
void hand_core(const hand_round& r, std::int64_t pre_money, rat one_minus, bool exact, hand_result& out) {
    if (one_minus.n <= 0) fail();
    const rat v{pre_money, 1};
    const rat beta = r.target * rat{add(pre_money, r.new_money), pre_money};
    rat q = rat{r.f0, 1} / one_minus;
    rat i{0, 1};
    if (rat{r.pool, 1} < beta * q) {
        const rat den = one_minus - beta;
        if (den.n <= 0) fail();
        q = rat{r.f0 - r.pool, 1} / den;
        i = beta * q - rat{r.pool, 1};
    }
    const rat p = v / q;
    if (!fits64(p)) fail();
    out.q = q;
    out.pool_exact = i;
    out.price = p;
    out.conversions.resize(r.safes.size());
    std::int64_t converted = 0;
    for (std::size_t k = 0; k < r.safes.size(); ++k) {
        const hand_safe& s = r.safes[k];
        hand_conversion& c = out.conversions[k];
        c.price = s.discount ? p * (rat{1, 1} - *s.discount) : p;
        c.cap = false;
        if (s.cap) {
            const rat cap_price = rat{*s.cap, 1} / q;
            if (cap_price < c.price || (!s.discount && !(c.price < cap_price))) {
                c.price = cap_price;
                c.cap = true;
            }
        }
        if (!fits64(c.price)) fail();
        const rat a{s.amount, 1};
        if (exact) {
            c.capitalization = s.cap ? q : rat{0, 1};
            c.exact_shares = a / c.price;
        }
        c.shares = static_cast<std::int64_t>(floor_of(rat{mul(s.amount, c.price.d), c.price.n}));
        c.not_converted = a - rat{c.shares, 1} * c.price;
        converted += c.shares;
    }
    // The new money at the price, and the pool on the actual post-money count.
    out.investor_shares = static_cast<std::int64_t>(floor_of(rat{mul(r.new_money, p.d), p.n}));
    if (out.investor_shares == 0) fail();
    const rat before_pool{add(add(r.f0, converted), out.investor_shares), 1};
    const rat need = (r.target * before_pool - rat{r.pool, 1}) / (rat{1, 1} - r.target);
    out.pool_increase = need.n > 0 ? static_cast<std::int64_t>(ceil_of(need)) : 0;
    // The investor's cost (shares x price to the unit, half away from zero; the price is
    // positive) and the cash not converted; T exact; the post-money count.
    const rat cost = rat{out.investor_shares, 1} * p;
    out.investor_cost = static_cast<std::int64_t>(floor_of(rat{add(mul(cost.n, 2), cost.d), mul(cost.d, 2)}));
    out.investor_not_converted = r.new_money - out.investor_cost;
    out.post_exact = q + rat{r.new_money, 1} / p;
    out.post_shares = static_cast<std::int64_t>(add(before_pool.n, out.pool_increase));
}

hand_result hand_solve(const hand_round& r) {
    if (r.f0 <= 0 || r.pool < 0 || r.pool >= r.f0 || r.pre_money <= 0 || r.new_money <= 0) fail();
    if (r.target.n < 0 || !(r.target < rat{1, 1})) fail();
    const rat v{r.pre_money, 1};
    // Every post-money SAFE converts Q x A / D: D = the lower of its cap and V (1 - d) (V
    // without a discount: a cap-only SAFE takes the round price when that is lower).
    rat sigma{0, 1};
    for (const hand_safe& s : r.safes) {
        if (s.amount <= 0 || (s.cap && *s.cap <= 0)) fail();
        if (s.discount && (s.discount->n <= 0 || !(*s.discount < rat{1, 1}))) fail();
        rat d = s.discount ? v * (rat{1, 1} - *s.discount) : v;
        if (s.cap && rat{*s.cap, 1} < d) d = rat{*s.cap, 1};
        sigma = sigma + rat{s.amount, 1} / d;
    }
    hand_result out;
    hand_core(r, r.pre_money, rat{1, 1} - sigma, true, out);
    return out;
}

hand_round hand_of(shape s) {
    hand_round r{10'000'000, 500'000, 16'000'000'000, 4'000'000'000, {1, 10}, {}};
    if (s == two_safes) {
        r.safes.push_back({200'000'000, 4'000'000'000, std::nullopt});
        r.safes.push_back({800'000'000, 8'000'000'000, std::nullopt});
    } else if (s == one_discount) {
        r.safes.push_back({1'000'000'000, std::nullopt, rat{1, 5}});
    }
    return r;
}

// ---- a round prepared once, solved at a valuation: what prepared_conversion::figures_at() does ----
//
// The terms that do not depend on the valuation computed once (each SAFE's A / C and
// A / (1 - d), checked), then at each pre-money V: each SAFE's branch (the cap when C <= V (1 - d)),
// K, Q, the pool, the price, each SAFE's conversion price, shares and cash not converted, the
// investor's shares, cost and cash not converted, the pool top-up and the post-money count, into
// an output reused from call to call. The same figures as conversion_figures: no exact shares or
// capitalization per SAFE (hand_solve's extra work), no strings.

struct hand_prepared {
    hand_round r;
    std::vector<rat> per_cap;   // A / C (0 without a cap)
    std::vector<rat> per_keep;  // A / (1 - d) (A without a discount)
};
hand_prepared hand_prepare(const hand_round& r) {
    if (r.f0 <= 0 || r.pool < 0 || r.pool >= r.f0 || r.new_money <= 0) fail();
    if (r.target.n < 0 || !(r.target < rat{1, 1})) fail();
    hand_prepared h{r, {}, {}};
    for (const hand_safe& s : r.safes) {
        if (s.amount <= 0 || (s.cap && *s.cap <= 0)) fail();
        if (s.discount && (s.discount->n <= 0 || !(*s.discount < rat{1, 1}))) fail();
        h.per_cap.push_back(s.cap ? rat{s.amount, 1} / rat{*s.cap, 1} : rat{0, 1});
        h.per_keep.push_back(s.discount ? rat{s.amount, 1} / (rat{1, 1} - *s.discount) : rat{s.amount, 1});
    }
    return h;
}

void hand_figures_at(const hand_prepared& h, std::int64_t pre_money, hand_result& out) {
    const hand_round& r = h.r;
    if (pre_money <= 0) fail();
    const rat v{pre_money, 1};
    // K: each SAFE at the lower of its cap and V (1 - d).
    rat at_cap{0, 1}, at_price{0, 1};
    for (std::size_t k = 0; k < r.safes.size(); ++k) {
        const hand_safe& s = r.safes[k];
        const bool cap = s.cap && !(v * (s.discount ? rat{1, 1} - *s.discount : rat{1, 1}) < rat{*s.cap, 1});
        if (cap) {
            at_cap = at_cap + h.per_cap[k];
        } else {
            at_price = at_price + h.per_keep[k];
        }
    }
    hand_core(r, pre_money, rat{1, 1} - (at_price.n == 0 ? at_cap : at_cap + at_price / v), false, out);
}

// ---- the same with the cap table after: what apply_to() returns -------------------------------
//
// The hand-written solve above, then the table after as plain structs: the holders copied and
// the new ones added (id and name strings), the classes (the new series at the round price, one
// more per other conversion price, named "<series>-k"), the holdings copied and the new issues
// appended, the pool topped up, and every holder's fully diluted shares and exact ownership
// (reduced fractions) before and after. No validation beyond the solve's, no lookups by name.

struct hand_holder {
    std::string id, name;
};
struct hand_class {
    std::string name;
    rat price;  // original issue price, units per share (0 for common)
};
struct hand_holding {
    std::uint32_t holder, cls;
    std::int64_t shares;
};
struct hand_table {
    std::vector<hand_holder> holders;
    std::vector<hand_class> classes;
    std::vector<hand_holding> holdings;
    std::int64_t pool_authorized = 0;  // one pool, nothing granted
};
struct hand_change {
    std::string id, name;
    std::int64_t before, after;
    rat own_before, own_after;
};
struct hand_full {
    hand_result numbers;
    hand_table after;
    std::vector<hand_change> changes;
};

const hand_table& hand_start() {
    static const hand_table t{{{"ada", "Ada"}}, {{"Common", {0, 1}}}, {{0, 0, 9'500'000}}, 500'000};
    return t;
}

// Fully diluted shares per holder and the total (issued + the pool, nothing granted).
std::vector<std::int64_t> fd_by_holder(const hand_table& t, std::int64_t& total) {
    std::vector<std::int64_t> by(t.holders.size(), 0);
    total = t.pool_authorized;
    for (const hand_holding& h : t.holdings) {
        by[h.holder] = static_cast<std::int64_t>(add(by[h.holder], h.shares));
        total = static_cast<std::int64_t>(add(total, h.shares));
    }
    return by;
}

hand_full hand_apply(const hand_table& start, const hand_round& r, const std::vector<hand_holder>& added,
                     const std::vector<std::uint32_t>& safe_holders, std::uint32_t investor) {
    hand_full out;
    out.numbers = hand_solve(r);
    hand_table& t = out.after;
    t = start;
    t.holders.insert(t.holders.end(), added.begin(), added.end());
    t.classes.push_back({"Series A Preferred", out.numbers.price});
    const auto series = static_cast<std::uint32_t>(t.classes.size() - 1);
    std::vector<std::uint32_t> class_of(out.numbers.conversions.size(), series);
    for (std::size_t k = 0; k < out.numbers.conversions.size(); ++k) {
        const rat& cp = out.numbers.conversions[k].price;
        if (cp.n == out.numbers.price.n && cp.d == out.numbers.price.d) continue;
        for (std::size_t c = series + 1; c < t.classes.size() && class_of[k] == series; ++c) {
            if (t.classes[c].price.n == cp.n && t.classes[c].price.d == cp.d) class_of[k] = static_cast<std::uint32_t>(c);
        }
        if (class_of[k] == series) {
            t.classes.push_back({"Series A Preferred-" + std::to_string(t.classes.size() - series), cp});
            class_of[k] = static_cast<std::uint32_t>(t.classes.size() - 1);
        }
    }
    for (std::size_t k = 0; k < out.numbers.conversions.size(); ++k) {
        if (out.numbers.conversions[k].shares > 0) t.holdings.push_back({safe_holders[k], class_of[k], out.numbers.conversions[k].shares});
    }
    if (out.numbers.investor_shares > 0) t.holdings.push_back({investor, series, out.numbers.investor_shares});
    t.pool_authorized = static_cast<std::int64_t>(add(t.pool_authorized, out.numbers.pool_increase));
    std::int64_t total_before = 0, total_after = 0;
    const std::vector<std::int64_t> before = fd_by_holder(start, total_before);
    const std::vector<std::int64_t> after = fd_by_holder(t, total_after);
    out.changes.reserve(t.holders.size());
    for (std::size_t i = 0; i < t.holders.size(); ++i) {
        const std::int64_t b = i < before.size() ? before[i] : 0;
        out.changes.push_back({t.holders[i].id, t.holders[i].name, b, after[i], mk(b, total_before), mk(after[i], total_after)});
    }
    return out;
}

struct hand_case {
    hand_round round;
    std::vector<hand_holder> added;
    std::vector<std::uint32_t> safe_holders;
    std::uint32_t investor;
};

hand_case hand_case_of(shape s);

bool same(rat a, const exact_rational& b) { return fraction(a.n, a.d) == b.to_fraction(); }
bool same(rat a, const fraction& b) { return fraction(a.n, a.d) == b; }

hand_case hand_case_of(shape s) {
    hand_case c{hand_of(s), {{"lead", "Lead"}}, {}, 1};
    if (s == two_safes) {
        c.added.push_back({"a", "Angel A"});
        c.added.push_back({"b", "Fund B"});
        c.safe_holders = {2, 3};
    } else if (s == one_discount) {
        c.added.push_back({"a", "Angel A"});
        c.safe_holders = {2};
    }
    return c;
}

// The hand-written cap table after equals the library's, or the benchmark aborts.
bool same_table(const hand_full& h, const converted_round& l) {
    const cap_table& a = l.after();
    bool ok = h.after.holders.size() == a.holders().size() && h.after.classes.size() == a.classes().size() &&
              h.after.holdings.size() == a.holdings().size() && h.changes.size() == l.holders().size();
    for (std::size_t i = 0; ok && i < h.after.holdings.size(); ++i) {
        const holding& x = a.holdings()[i];
        const hand_holding& y = h.after.holdings[i];
        ok = x.holder.str() == h.after.holders[y.holder].id && x.share_class == h.after.classes[y.cls].name && x.shares.value() == y.shares;
    }
    for (std::size_t i = 0; ok && i < h.changes.size(); ++i) {
        const holder_change& x = l.holders()[i];
        const hand_change& y = h.changes[i];
        ok = x.holder.str() == y.id && x.before.value() == y.before && x.after.value() == y.after && same(y.own_before, x.ownership_before) &&
             same(y.own_after, x.ownership_after);
    }
    return ok;
}

// The hand-written figures equal the library's, or the benchmark aborts.
void check_equal(shape s) {
    const converted_round l = round_of(s).apply_to(table());
    const hand_result h = hand_solve(hand_of(s));
    bool ok = same(h.q, l.exact_capitalization()) && same(h.pool_exact, l.exact_pool_increase()) &&
              same(h.price, l.exact_price_units()) && same(h.price, l.price().units_per_share()) &&
              h.investor_shares == l.new_money().investment_of("lead").shares.value() &&
              h.pool_increase == l.pool_increase().value() && h.conversions.size() == l.conversions().size() &&
              same(h.post_exact, l.exact_post_money_shares()) && h.post_shares == l.new_money().post_money_shares().value() &&
              h.investor_cost == l.new_money().investment_of("lead").cost.units() &&
              h.investor_not_converted == l.new_money().investment_of("lead").not_converted.units();
    for (std::size_t k = 0; ok && k < h.conversions.size(); ++k) {
        const instrument_conversion& c = l.conversions()[k];
        ok = same(h.conversions[k].price, c.conversion_price.units_per_share()) && same(h.conversions[k].price, c.exact_price_units) &&
             same(h.conversions[k].exact_shares, c.exact_shares) && same(h.conversions[k].capitalization, c.exact_capitalization) &&
             h.conversions[k].shares == c.shares.value() && same(h.conversions[k].not_converted, c.not_converted_units) &&
             h.conversions[k].cap == (c.basis == conversion_basis::cap);
    }
    // The solver alone gives the same figures as apply_to().
    const conversion_solution so = round_of(s).solve(table());
    ok = ok && same(h.q, so.exact_capitalization()) && same(h.pool_exact, so.exact_pool_increase()) &&
         same(h.price, so.exact_price_units()) && same(h.price, so.price().units_per_share()) &&
         same(h.post_exact, so.exact_post_money_shares()) && h.investor_shares == so.new_money().investment_of("lead").shares.value() &&
         h.investor_cost == so.new_money().investment_of("lead").cost.units() && h.pool_increase == so.pool_increase().value() &&
         h.post_shares == so.new_money().post_money_shares().value() && h.conversions.size() == so.conversions().size();
    for (std::size_t k = 0; ok && k < h.conversions.size(); ++k) {
        const instrument_conversion& c = so.conversions()[k];
        ok = same(h.conversions[k].price, c.conversion_price.units_per_share()) && same(h.conversions[k].exact_shares, c.exact_shares) &&
             same(h.conversions[k].capitalization, c.exact_capitalization) && h.conversions[k].shares == c.shares.value() &&
             same(h.conversions[k].not_converted, c.not_converted_units) && h.conversions[k].cap == (c.basis == conversion_basis::cap);
    }
    const hand_case hc = hand_case_of(s);
    ok = ok && same_table(hand_apply(hand_start(), hc.round, hc.added, hc.safe_holders, hc.investor), l);
    if (!ok) {
        std::cerr << "bench_conversion: hand-written figures differ from the library's (case " << s << ")\n";
        std::abort();
    }
}

// The pre-money valuations the sweeps cycle through: $8M to $23.75M in $250K steps.
constexpr int sweep_size = 64;
std::int64_t sweep_units(int k) { return 8'000'000'000LL + 250'000'000LL * k; }

// The prepared round's figures equal the hand-written ones and solve()'s at the round's
// valuation and at every valuation of the sweep, or the benchmark aborts.
void check_prepared(shape s) {
    const prepared_conversion p(round_of(s), table());
    const hand_prepared h = hand_prepare(hand_of(s));
    bool ok = p.direct() && p.figures() == p.figures_at(16_M);
    for (int k = -1; ok && k < sweep_size; ++k) {
        const std::int64_t v = k < 0 ? 16'000'000'000LL : sweep_units(k);
        const conversion_figures f = p.figures_at(money::from_units(v));
        hand_result x;
        hand_figures_at(h, v, x);
        ok = same(x.q, f.exact_capitalization) && same(x.pool_exact, f.exact_pool_increase) && same(x.price, f.exact_price_units) &&
             same(x.price, f.price.units_per_share()) && same(x.post_exact, f.exact_post_money_shares) &&
             f.investments.size() == 1 && x.investor_shares == f.investments[0].shares.value() &&
             x.investor_cost == f.investments[0].cost.units() && x.investor_not_converted == f.investments[0].not_converted.units() &&
             x.pool_increase == f.pool_increase.value() && x.post_shares == f.post_money_shares.value() &&
             x.conversions.size() == f.conversions.size();
        for (std::size_t j = 0; ok && j < x.conversions.size(); ++j) {
            const instrument_figures& c = f.conversions[j];
            ok = same(x.conversions[j].price, c.conversion_price.units_per_share()) && x.conversions[j].shares == c.shares.value() &&
                 same(x.conversions[j].not_converted, c.not_converted_units) && x.conversions[j].cap == (c.basis == conversion_basis::cap);
        }
        if (ok && k < 0) ok = f == p.figures();
    }
    if (!ok) {
        std::cerr << "bench_conversion: prepared figures differ from the hand-written ones (case " << s << ")\n";
        std::abort();
    }
}

// prepared_conversion::figures_at() at the round's own valuation, into one conversion_figures.
void prepared(benchmark::State& state, shape s) {
    check_prepared(s);
    const prepared_conversion p(round_of(s), table());
    conversion_figures f;
    const money v = 16_M;
    for (auto _ : state) {
        benchmark::DoNotOptimize(v);
        p.figures_at(v, f);
        benchmark::DoNotOptimize(f);
    }
}

// The same over 64 pre-money valuations in turn (a sensitivity table).
void prepared_sweep(benchmark::State& state, shape s) {
    check_prepared(s);
    const prepared_conversion p(round_of(s), table());
    conversion_figures f;
    int k = 0;
    for (auto _ : state) {
        p.figures_at(money::from_units(sweep_units(k)), f);
        benchmark::DoNotOptimize(f);
        k = k + 1 == sweep_size ? 0 : k + 1;
    }
}

void hand_prepared_bm(benchmark::State& state, shape s) {
    check_prepared(s);
    const hand_prepared h = hand_prepare(hand_of(s));
    hand_result x;
    std::int64_t v = 16'000'000'000LL;
    for (auto _ : state) {
        benchmark::DoNotOptimize(v);
        hand_figures_at(h, v, x);
        benchmark::DoNotOptimize(x);
    }
}

void lib(benchmark::State& state, shape s) {
    check_equal(s);
    const conversion_round r = round_of(s);
    const cap_table& t = table();
    for (auto _ : state) {
        converted_round c = r.apply_to(t);
        benchmark::DoNotOptimize(c);
    }
}

void solve(benchmark::State& state, shape s) {
    check_equal(s);
    const conversion_round r = round_of(s);
    const cap_table& t = table();
    for (auto _ : state) {
        conversion_solution c = r.solve(t);
        benchmark::DoNotOptimize(c);
    }
}

void hand(benchmark::State& state, shape s) {
    check_equal(s);
    const hand_round r = hand_of(s);
    for (auto _ : state) {
        benchmark::DoNotOptimize(r);
        hand_result h = hand_solve(r);
        benchmark::DoNotOptimize(h);
    }
}

void hand_table_bm(benchmark::State& state, shape s) {
    check_equal(s);
    const hand_case c = hand_case_of(s);
    for (auto _ : state) {
        benchmark::DoNotOptimize(c);
        hand_full h = hand_apply(hand_start(), c.round, c.added, c.safe_holders, c.investor);
        benchmark::DoNotOptimize(h);
    }
}

// The library (@p by_lib) and a hand-written computation (@p by_hand), each returning its
// result, alternately in one loop, each timed with steady_clock.
template <class Lib, class Hand>
void paired_with(benchmark::State& state, shape s, Lib by_lib, Hand by_hand) {
    check_equal(s);
    using clock = std::chrono::steady_clock;
    double lib_ns = 0, hand_ns = 0;
    for (auto _ : state) {
        const auto t0 = clock::now();
        auto c = by_lib();
        benchmark::DoNotOptimize(c);
        const auto t1 = clock::now();
        auto h = by_hand();
        benchmark::DoNotOptimize(h);
        const auto t2 = clock::now();
        lib_ns += std::chrono::duration<double, std::nano>(t1 - t0).count();
        hand_ns += std::chrono::duration<double, std::nano>(t2 - t1).count();
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["lib_ns"] = lib_ns / n;
    state.counters["hand_ns"] = hand_ns / n;
    state.counters["ratio"] = hand_ns > 0 ? lib_ns / hand_ns : 0;
}

// Against the same work: the solve with its cap table after.
void paired_table(benchmark::State& state, shape s) {
    const hand_case c = hand_case_of(s);
    const conversion_round r = round_of(s);
    paired_with(
        state, s, [&] { return r.apply_to(table()); },
        [&] {
            benchmark::DoNotOptimize(c);
            return hand_apply(hand_start(), c.round, c.added, c.safe_holders, c.investor);
        });
}

// apply_to() against the solve alone (for scale: not the same work).
void paired(benchmark::State& state, shape s) {
    const hand_round hr = hand_of(s);
    const conversion_round r = round_of(s);
    paired_with(
        state, s, [&] { return r.apply_to(table()); },
        [&] {
            benchmark::DoNotOptimize(hr);
            return hand_solve(hr);
        });
}

// Against the same work: prepared_conversion::figures_at() and the hand-written prepared
// solve, each into its reused output, at the round's valuation (sweep = false) or over the 64
// valuations of the sweep (the same valuation for both in each iteration).
void paired_prepared_at(benchmark::State& state, shape s, bool sweep) {
    check_prepared(s);
    const prepared_conversion p(round_of(s), table());
    const hand_prepared h = hand_prepare(hand_of(s));
    conversion_figures f;
    hand_result x;
    int k = 0;
    std::int64_t v = 16'000'000'000LL;
    paired_with(
        state, s,
        [&] {
            if (sweep) {
                k = k + 1 == sweep_size ? 0 : k + 1;
                v = sweep_units(k);
            }
            benchmark::DoNotOptimize(v);
            p.figures_at(money::from_units(v), f);
            return f.conversion_shares;
        },
        [&] {
            benchmark::DoNotOptimize(v);
            hand_figures_at(h, v, x);
            return x.pool_increase;
        });
}
void paired_prepared(benchmark::State& state, shape s) { paired_prepared_at(state, s, false); }
void paired_prepared_sweep(benchmark::State& state, shape s) { paired_prepared_at(state, s, true); }

// Against the same work: conversion_round::solve() and the hand-written solve.
void paired_solve(benchmark::State& state, shape s) {
    const hand_round hr = hand_of(s);
    const conversion_round r = round_of(s);
    paired_with(
        state, s, [&] { return r.solve(table()); },
        [&] {
            benchmark::DoNotOptimize(hr);
            return hand_solve(hr);
        });
}

// tests/test_conversion.cpp's thousand-SAFE round cut to @p n SAFEs: 10,000,000 common and a
// 500,000-share pool; $15M at a $60M pre-money; SAFE i $10,000 at a post-money cap of
// $20,000,000.001 + $1,000.006 i (unrelated caps: the exact capitalization has about as many
// digits as the caps together, so the solve runs in big rationals throughout). @p rounded:
// the price to 4 decimals and the conversion prices to 6 (half even), else nothing named.
struct odd_caps_case {
    cap_table table;
    conversion_round round;
};
odd_caps_case odd_caps_round(std::int64_t n, bool rounded) {
    cap_table_builder tb;
    tb.add(holder::founder("ada", "Ada")).add(holder::investor("lead", "Lead")).add(share_class::common("Common"));
    tb.add(option_pool{"Plan", "Common", share_count(500'000)});
    tb.holding(holder_id("ada"), "Common", share_count(10'000'000));
    conversion_round round("Series A", "Series A Preferred", year{2026} / 9 / 1);
    round.pre_money(60_M).invest(holder_id("lead"), 15_M);
    for (std::int64_t i = 0; i < n; ++i) {
        const std::string id = "s" + std::to_string(i);
        tb.add(holder::investor(id, "SAFE " + std::to_string(i)));
        round.convert(safe::post_money_cap(holder_id(id), 10'000_usd,
                                           money::from_units(20'000'000'001 + 1'000'006 * i), year{2025} / 1 / 1));
    }
    if (rounded) round.price_rounded(4, rounding::half_even).conversion_price_rounded(6, rounding::half_even);
    return {tb.build(), std::move(round)};
}

// conversion_round::solve() of odd_caps_round(n, rounded): every SAFE converts at its cap.
void odd_caps(benchmark::State& state) {
    const odd_caps_case c = odd_caps_round(state.range(0), true);
    for (auto _ : state) {
        conversion_solution s = c.round.solve(c.table);
        benchmark::DoNotOptimize(s);
    }
}

// conversion_round::try_solve() of odd_caps_round(n, unrounded): no rounding named, so the
// price and each SAFE's conversion price are past 64 bits: n + 1 problems in one pass, each
// naming the sizes of its exact terms.
void odd_caps_unrounded(benchmark::State& state) {
    const odd_caps_case c = odd_caps_round(state.range(0), false);
    const conversion_solution_result first = c.round.try_solve(c.table);
    if (first.problems.size() != static_cast<std::size_t>(state.range(0)) + 1) {
        std::cerr << "odd_caps_unrounded: " << first.problems.size() << " problems\n";
        std::abort();
    }
    for (auto _ : state) {
        conversion_solution_result r = c.round.try_solve(c.table);
        benchmark::DoNotOptimize(r);
    }
}

}  // namespace

BENCHMARK(odd_caps)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(odd_caps_unrounded)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Registers @p fn as "<name>/two_safes", "<name>/one_discount" and "<name>/no_safes".
#define FUNDROUND_BENCH_SHAPES(fn, name)                                              \
    BENCHMARK_CAPTURE(fn, two_safes, two_safes)->Name(name "/two_safes");             \
    BENCHMARK_CAPTURE(fn, one_discount, one_discount)->Name(name "/one_discount");    \
    BENCHMARK_CAPTURE(fn, no_safes, no_safes)->Name(name "/no_safes")

FUNDROUND_BENCH_SHAPES(lib, "lib");
FUNDROUND_BENCH_SHAPES(solve, "solve");
FUNDROUND_BENCH_SHAPES(hand, "hand");
FUNDROUND_BENCH_SHAPES(hand_table_bm, "hand_table");
FUNDROUND_BENCH_SHAPES(paired_table, "paired_table");
FUNDROUND_BENCH_SHAPES(paired, "paired");
FUNDROUND_BENCH_SHAPES(paired_solve, "paired_solve");

FUNDROUND_BENCH_SHAPES(prepared, "prepared");
FUNDROUND_BENCH_SHAPES(prepared_sweep, "prepared_sweep");
FUNDROUND_BENCH_SHAPES(hand_prepared_bm, "hand_prepared");
FUNDROUND_BENCH_SHAPES(paired_prepared, "paired_prepared");
FUNDROUND_BENCH_SHAPES(paired_prepared_sweep, "paired_prepared_sweep");

BENCHMARK_MAIN();
