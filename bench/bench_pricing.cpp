// A priced round with an option pool top-up on a cap table of n holders, 10^2 to 10^6.
//
// The cap table: n - n/10 founders/employees holding common, n/10 employees holding granted
// options from a plan whose unallocated pool is 5% of the table; built once per size, outside
// the timed loops. The round: a pre-money of $1 per fully diluted share, three investors
// putting in 25% of the pre-money together, a 15% post-money pool created in the
// pre-money (the shuffle), price rounded to $0.0001 half-even, shares rounded down, pool up.
//
//   price/n      the library: pre_round_shares_of(table) (the fully diluted count on the full
//                basis, from the table's per-class and per-pool totals) + priced_round_terms::
//                solve() — validation, price, pool increase, shares and cost per investor.
//                Independent of n (the totals are kept by the table); O(investors).
//   hand/n       the most direct hand-written computation of the same round from the same
//                table, doing the same work (see by_hand() below: the same checks, the same
//                roundings, the same figures including the exact price in lowest terms and each
//                investor's cost and cash not converted), in __int128 with 64-bit fast paths.
//                Checked equal to the library's figures, figure by figure, before timing.
//   paired/n     both alternating in chunks of 256 calls, each chunk timed with the thread's CPU
//                clock; counters lib_ns, hand_ns and ratio = lib / hand (goal <= 3x).
//   apply/n      cap_table_round::apply_to(): the pricing, the checks of the new investors
//                against the table's indexes, the table after the round (issued into a copy of
//                the built table: new holders merged into its sorted indexes, only the new series
//                and the totals validated), both tables' fully diluted counts and every holder's
//                exact ownership before and after. Fitted against n log n.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <time.h>

#include <chrono>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

__extension__ typedef __int128 wide;  // NOLINT(modernize-use-using)

const cap_table& table_of(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<cap_table>> cache;
    auto& slot = cache[n];
    if (!slot) {
        cap_table_builder b;
        b.add(share_class::common("Common"));
        const std::int64_t optioned = n / 10;
        std::int64_t issued = 0;
        std::int64_t granted = 0;
        for (std::int64_t i = 0; i < n; ++i) {
            const std::string id = "h" + std::to_string(i);
            b.add(holder(holder_id(id), "Holder " + std::to_string(i), holder_kind::employee));
            const std::int64_t shares = 10'000 + (i * 7919) % 90'000;
            if (i < optioned) {
                granted += shares;
            } else {
                b.holding(holder_id(id), "Common", share_count(shares));
                issued += shares;
            }
        }
        const std::int64_t unallocated = (issued + granted) / 19;  // 5% of the table
        b.add(option_pool{"Plan", "Common", share_count(granted + unallocated)});
        for (std::int64_t i = 0; i < optioned; ++i) {
            b.grant({holder_id("h" + std::to_string(i)), "Plan", share_count(10'000 + (i * 7919) % 90'000),
                     price_per_share(money::from_units(1), share_count(10))});
        }
        slot = std::make_unique<cap_table>(b.build());
    }
    return *slot;
}

money pre_money_of(const cap_table& t) {
    const fully_diluted_counts c = t.fully_diluted();
    return money::from_major(c.total().value());  // $1 per fully diluted share
}

priced_round_terms terms_of(money pre) {
    const money quarter = pre.divided_by(4, rounding::floor);
    return priced_round_terms("Series A")
        .pre_money(pre)
        .invest("i1", quarter.divided_by(2, rounding::floor))
        .invest("i2", quarter.divided_by(3, rounding::floor))
        .invest("i3", quarter.divided_by(6, rounding::floor))
        .option_pool(fraction(15, 100), pool_placement::pre_money)
        .price_rounded(4, rounding::half_even);
}

// The same round by hand: the most direct code a careful engineer would write for these terms,
// doing the same work as solve(): the same checks (each one the library makes on the success
// path: base, investors' names by case/space/punctuation-blind key, amounts positive and in one
// currency, their total fits 64 bits, pre-money positive and in that currency, pool target below
// 100% and below 100% with the new money, price decimals in range, the shuffle only when the
// existing pool does not already meet the target, a positive price before and after rounding,
// every investor buying at least one share, every product and figure checked for overflow),
// the same roundings (price to $0.0001 half-even, shares floor, pool ceiling, cost half away
// from zero), and the same figures: the exact price in lowest terms (the library reports it),
// the rounded price, per investor shares, cost and cash not converted, the totals, the pool
// increase and the post-money count. It is leaner than the library where a hand-written
// program would be: no owned strings (the library's result owns the round's name, the base's
// definition and each investor's name), modes fixed at compile time, a bool instead of
// diagnostics (the library also builds none on the success path).
struct hand_investment {
    std::int64_t amount = 0;
    std::int64_t shares = 0;
    std::int64_t cost = 0;
    std::int64_t not_converted = 0;
};
struct hand_figures {
    bool ok = false;
    wide exact_num = 0, exact_den = 1;  // exact price, money units per share, lowest terms
    wide price_tenths_of_mill = 0;      // the rounded price in 1/10 money units ($0.0001)
    std::vector<hand_investment> investments;
    std::int64_t new_money = 0, new_shares = 0, not_converted = 0;
    std::int64_t pool_increase = 0, post_shares = 0;
};

struct hand_terms {
    const std::vector<std::pair<std::string, money>>* investors = nullptr;
    money pre_money;
    std::int64_t pool_num = 15, pool_den = 100;  // pool target 15% (runtime, checked)
    int decimals = 4;                            // checked 0..12
};

// Quotient and remainder of a / b for a >= 0, b > 0: one 64-bit division when both fit (as
// the library does; a 128-bit division is several times slower).
void divmod(wide a, wide b, wide& q, wide& r) {
    if (a <= INT64_MAX && b <= INT64_MAX) {
        const auto x = static_cast<std::uint64_t>(a), y = static_cast<std::uint64_t>(b);
        q = static_cast<wide>(x / y);
        r = static_cast<wide>(x % y);
    } else {
        q = a / b;
        r = a % b;
    }
}
// floor(a / b) and ceil(a / b) for a >= 0, b > 0; round half even / half away from zero.
wide floor_div(wide a, wide b) {
    wide q = 0, r = 0;
    divmod(a, b, q, r);
    return q;
}
wide ceil_div(wide a, wide b) {
    wide q = 0, r = 0;
    divmod(a, b, q, r);
    return r != 0 ? q + 1 : q;
}
wide round_half_even(wide a, wide b) {
    wide q = 0, r = 0;
    divmod(a, b, q, r);
    if (r > b - r || (r == b - r && (q % 2) != 0)) return q + 1;
    return q;
}
wide round_half_away(wide a, wide b) {
    wide q = 0, r = 0;
    divmod(a, b, q, r);
    return r >= b - r ? q + 1 : q;
}
bool mul(wide a, wide b, wide& out) { return !__builtin_mul_overflow(a, b, &out); }
bool fits64(wide v) { return v >= INT64_MIN && v <= INT64_MAX; }
wide gcd128(wide a, wide b) {  // a, b > 0; 64-bit Euclid once both fit
    while (b != 0 && (a > INT64_MAX || b > INT64_MAX)) {
        const wide t = a % b;
        a = b;
        b = t;
    }
    return static_cast<wide>(std::gcd(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b)));
}
// The byte of a name's key at i or after (lower-cased ASCII letters, digits and non-ASCII kept),
// or -1 at the end.
int key_byte(const std::string& s, std::size_t& i) {
    while (i < s.size()) {
        const auto u = static_cast<unsigned char>(s[i++]);
        if (u >= 0x80U || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z')) return u;
        if (u >= 'A' && u <= 'Z') return u - 'A' + 'a';
    }
    return -1;
}
bool same_key(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    for (;;) {
        const int x = key_byte(a, i), y = key_byte(b, j);
        if (x != y) return false;
        if (x < 0) return true;
    }
}

// F0 and E from the table's per-class and per-pool totals (this table has one class, converting
// 1:1, and one pool), then the closed form.
hand_figures by_hand(const cap_table& t, const hand_terms& terms) {
    hand_figures out;
    const wide e = t.unallocated("Plan").value();
    const wide f0 = static_cast<wide>(t.issued_shares("Common").value()) + t.granted("Plan").value() + e;
    if (f0 <= 0 || e < 0 || e >= f0 || f0 > INT64_MAX) return out;
    const auto& inv = *terms.investors;
    const std::size_t k = inv.size();
    if (k == 0) return out;
    const currency c = inv[0].second.currency();
    wide n = 0;
    for (std::size_t i = 0; i < k; ++i) {
        std::size_t at = 0;
        if (key_byte(inv[i].first, at) < 0) return out;
        for (std::size_t j = 0; j < i; ++j) {
            if (same_key(inv[j].first, inv[i].first)) return out;
        }
        if (inv[i].second.currency() != c || inv[i].second.units() <= 0) return out;
        n += inv[i].second.units();
    }
    if (n > INT64_MAX) return out;
    if (terms.pre_money.currency() != c || terms.pre_money.units() <= 0) return out;
    if (terms.decimals < 0 || terms.decimals > 12) return out;
    const wide v = terms.pre_money.units();
    const wide a = terms.pool_num, b = terms.pool_den;
    if (a < 0 || a >= b) return out;
    const wide post = v + n;
    wide x = 0, y = 0;  // t + q < 1: a post < b (post - n)
    if (!mul(a, post, x) || !mul(b, post - n, y) || x >= y) return out;
    // P = (V - t (V + N)) / (F0 - E) = (b V - a (V + N)) / (b (F0 - E)), unless that is not below
    // V / F0 (the existing pool already meets the target): then P = V / F0.
    wide num = 0, den = 0, l = 0, r = 0;
    if (!mul(b, v, x) || !mul(a, post, y)) return out;
    num = x - y;
    if (!mul(b, f0 - e, den) || !mul(num, f0, l) || !mul(v, den, r)) return out;
    if (l >= r) {
        num = v;
        den = f0;
    }
    if (num <= 0) return out;
    const wide g = gcd128(num, den);
    out.exact_num = floor_div(num, g);
    out.exact_den = floor_div(den, g);
    // In $0.0001 steps (tenths of a unit): x 10, half even.
    wide scaled = 0;
    if (!mul(out.exact_num, 10, scaled)) return out;
    out.price_tenths_of_mill = round_half_even(scaled, out.exact_den);
    const wide p = out.price_tenths_of_mill;
    if (p <= 0) return out;
    out.investments.resize(k);
    wide s_total = 0, nc_total = 0;
    for (std::size_t i = 0; i < k; ++i) {
        hand_investment& h = out.investments[i];
        h.amount = inv[i].second.units();
        const wide s = floor_div(static_cast<wide>(h.amount) * 10, p);  // amount x 10 < 2^68: fits
        if (s <= 0 || !fits64(s)) return out;
        wide cost_tenths = 0;
        if (!mul(s, p, cost_tenths)) return out;
        const wide cost = round_half_away(cost_tenths, 10);
        if (!fits64(cost)) return out;
        h.shares = static_cast<std::int64_t>(s);
        h.cost = static_cast<std::int64_t>(cost);
        h.not_converted = static_cast<std::int64_t>(h.amount - cost);
        s_total += s;
        nc_total += h.not_converted;
        if (!fits64(nc_total)) return out;
    }
    if (!fits64(s_total)) return out;
    // increase = (t (F0 + S) - E) / (1 - t) = (a (F0 + S) - b E) / (b - a), rounded up, never < 0.
    if (!mul(a, f0 + s_total, x) || !mul(b, e, y)) return out;
    const wide inc = x - y > 0 ? ceil_div(x - y, b - a) : 0;
    const wide post_shares = f0 + inc + s_total;
    if (!fits64(inc) || !fits64(post_shares)) return out;
    out.new_money = static_cast<std::int64_t>(n);
    out.new_shares = static_cast<std::int64_t>(s_total);
    out.not_converted = static_cast<std::int64_t>(nc_total);
    out.pool_increase = static_cast<std::int64_t>(inc);
    out.post_shares = static_cast<std::int64_t>(post_shares);
    out.ok = true;
    return out;
}

bool same(const priced_round& r, const hand_figures& h) {
    if (!h.ok || r.exact_price_units() != fraction(h.exact_num, h.exact_den)) return false;
    if (r.price_units() != fraction(h.price_tenths_of_mill, wide(10))) return false;
    if (r.investments().size() != h.investments.size()) return false;
    for (std::size_t i = 0; i < h.investments.size(); ++i) {
        const priced_investment& l = r.investments()[i];
        const hand_investment& x = h.investments[i];
        if (l.amount.units() != x.amount || l.shares.value() != x.shares || l.cost.units() != x.cost ||
            l.not_converted.units() != x.not_converted) {
            return false;
        }
    }
    return r.new_money().units() == h.new_money && r.new_shares().value() == h.new_shares &&
           r.not_converted().units() == h.not_converted && r.pool_increase().value() == h.pool_increase &&
           r.post_money_shares().value() == h.post_shares;
}

hand_terms hand_terms_of(const priced_round_terms& terms, money pre) {
    hand_terms h;
    h.investors = &terms.investors();
    h.pre_money = pre;
    return h;
}

void check_or_skip(benchmark::State& state, const cap_table& t, const priced_round_terms& terms, money pre) {
    if (!same(terms.solve(pre_round_shares_of(t)), by_hand(t, hand_terms_of(terms, pre)))) {
        state.SkipWithError("the library and the hand-written computation disagree");
    }
}

void bm_price(benchmark::State& state) {
    const cap_table& t = table_of(state.range(0));
    const money pre = pre_money_of(t);
    const priced_round_terms terms = terms_of(pre);
    check_or_skip(state, t, terms, pre);
    for (auto _ : state) {
        priced_round r = terms.solve(pre_round_shares_of(t));
        benchmark::DoNotOptimize(r);
    }
    state.SetComplexityN(state.range(0));
}

void bm_hand(benchmark::State& state) {
    const cap_table& t = table_of(state.range(0));
    const money pre = pre_money_of(t);
    const priced_round_terms terms = terms_of(pre);
    const hand_terms h = hand_terms_of(terms, pre);
    check_or_skip(state, t, terms, pre);
    for (auto _ : state) {
        hand_figures f = by_hand(t, h);
        benchmark::DoNotOptimize(f);
    }
    state.SetComplexityN(state.range(0));
}

double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// Both sides alternate in chunks of 256 calls, each chunk timed with the thread's CPU clock (a
// loaded machine's waits do not count; a chunk is long enough that the clock's cost does not
// either); the side that goes first alternates too.
void bm_paired(benchmark::State& state) {
    constexpr int chunk = 256;
    const cap_table& t = table_of(state.range(0));
    const money pre = pre_money_of(t);
    const priced_round_terms terms = terms_of(pre);
    const hand_terms h = hand_terms_of(terms, pre);
    check_or_skip(state, t, terms, pre);
    double lib = 0;
    double hand = 0;
    bool lib_first = true;
    const auto run_lib = [&] {
        const double a = thread_cpu_ns();
        for (int i = 0; i < chunk; ++i) {
            priced_round r = terms.solve(pre_round_shares_of(t));
            benchmark::DoNotOptimize(r);
        }
        lib += thread_cpu_ns() - a;
    };
    const auto run_hand = [&] {
        const double a = thread_cpu_ns();
        for (int i = 0; i < chunk; ++i) {
            hand_figures f = by_hand(t, h);
            benchmark::DoNotOptimize(f);
        }
        hand += thread_cpu_ns() - a;
    };
    for (auto _ : state) {
        if (lib_first) {
            run_lib();
            run_hand();
        } else {
            run_hand();
            run_lib();
        }
        lib_first = !lib_first;
    }
    const auto calls = static_cast<double>(state.iterations()) * chunk;
    state.counters["lib_ns"] = lib / calls;
    state.counters["hand_ns"] = hand / calls;
    state.counters["ratio"] = hand > 0 ? lib / hand : 0;
}

void bm_apply(benchmark::State& state) {
    const cap_table& t = table_of(state.range(0));
    const cap_table_round round = cap_table_round(terms_of(pre_money_of(t)), "Series A Preferred")
                                      .add_investor(holder::investor("i1", "Investor One"))
                                      .add_investor(holder::investor("i2", "Investor Two"))
                                      .add_investor(holder::investor("i3", "Investor Three"))
                                      .top_up_pool("Plan");
    for (auto _ : state) {
        round_on_cap_table r = round.apply_to(t);
        benchmark::DoNotOptimize(r);
    }
    state.SetComplexityN(state.range(0));
}

}  // namespace

BENCHMARK(bm_price)->Name("price")->RangeMultiplier(10)->Range(100, 1'000'000)->Complexity(benchmark::o1);
BENCHMARK(bm_hand)->Name("hand")->RangeMultiplier(10)->Range(100, 1'000'000)->Complexity(benchmark::o1);
BENCHMARK(bm_paired)->Name("paired")->RangeMultiplier(10)->Range(100, 1'000'000);
BENCHMARK(bm_apply)->Name("apply")->RangeMultiplier(10)->Range(100, 1'000'000)->Complexity(benchmark::oNLogN)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
