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
//   hand/n       the most direct hand-written computation of the same figures from the same
//                table: F0 and E from its per-class and per-pool totals (issued_shares, granted,
//                unallocated), then the closed form in __int128 with the same roundings. Checked
//                equal to the library's figures before timing.
//   paired/n     both in the same loop, interleaved, each timed with steady_clock; counters
//                lib_ns, hand_ns and ratio = lib / hand (goal <= 3x).
//   apply/n      cap_table_round::apply_to(): the pricing plus the new cap table (a builder
//                copy of the table, the new series, the issues, the pool increase, and the full
//                validation of the table after the round). Fitted against n log n.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
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

struct hand_figures {
    wide price_tenths_of_mill = 0;  // price in 1/10 money units ($0.0001)
    std::int64_t shares[3] = {0, 0, 0};
    std::int64_t pool_increase = 0;
};

// floor(a / b) and ceil(a / b) for b > 0; round half even of a / b for a, b > 0.
wide floor_div(wide a, wide b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
wide ceil_div(wide a, wide b) { return -floor_div(-a, b); }
wide round_half_even(wide a, wide b) {
    const wide q = a / b;
    const wide r2 = 2 * (a % b);
    if (r2 > b || (r2 == b && (q % 2) != 0)) return q + 1;
    return q;
}

// The same round by hand: F0 and E from the table's per-class and per-pool totals (this table
// has one class, converting 1:1, and one pool), then the closed form.
hand_figures by_hand(const cap_table& t, const std::int64_t* amounts) {
    const wide e = t.unallocated("Plan").value();
    const wide f0 = static_cast<wide>(t.issued_shares("Common").value()) + t.granted("Plan").value() + e;
    const wide v = static_cast<wide>(f0) * 1000;  // $1 per share, in units
    const wide n = static_cast<wide>(amounts[0]) + amounts[1] + amounts[2];
    // P = (V - t (V + N)) / (F0 - E) with t = 15/100; in $0.0001 steps: x 10.
    hand_figures out;
    out.price_tenths_of_mill = round_half_even((100 * v - 15 * (v + n)) * 10, 100 * (f0 - e));
    wide s = 0;
    for (int i = 0; i < 3; ++i) {
        out.shares[i] = static_cast<std::int64_t>(floor_div(static_cast<wide>(amounts[i]) * 10, out.price_tenths_of_mill));
        s += out.shares[i];
    }
    // increase = (t (F0 + S) - E) / (1 - t) = (15 (F0 + S) - 100 E) / 85, rounded up
    const wide inc = ceil_div(15 * (f0 + s) - 100 * e, 85);
    out.pool_increase = static_cast<std::int64_t>(inc > 0 ? inc : 0);
    return out;
}

bool same(const priced_round& r, const hand_figures& h) {
    if (r.price_units() != fraction(h.price_tenths_of_mill, wide(10))) return false;
    for (std::size_t i = 0; i < 3; ++i) {
        if (r.investments()[i].shares.value() != h.shares[i]) return false;
    }
    return r.pool_increase().value() == h.pool_increase;
}

void check_or_skip(benchmark::State& state, const cap_table& t, const priced_round_terms& terms) {
    std::int64_t amounts[3];
    for (std::size_t i = 0; i < 3; ++i) amounts[i] = terms.investors()[i].second.units();
    if (!same(terms.solve(pre_round_shares_of(t)), by_hand(t, amounts))) {
        state.SkipWithError("the library and the hand-written computation disagree");
    }
}

void bm_price(benchmark::State& state) {
    const cap_table& t = table_of(state.range(0));
    const priced_round_terms terms = terms_of(pre_money_of(t));
    check_or_skip(state, t, terms);
    for (auto _ : state) {
        priced_round r = terms.solve(pre_round_shares_of(t));
        benchmark::DoNotOptimize(r);
    }
    state.SetComplexityN(state.range(0));
}

void bm_hand(benchmark::State& state) {
    const cap_table& t = table_of(state.range(0));
    const priced_round_terms terms = terms_of(pre_money_of(t));
    std::int64_t amounts[3];
    for (std::size_t i = 0; i < 3; ++i) amounts[i] = terms.investors()[i].second.units();
    check_or_skip(state, t, terms);
    for (auto _ : state) {
        hand_figures h = by_hand(t, amounts);
        benchmark::DoNotOptimize(h);
    }
    state.SetComplexityN(state.range(0));
}

void bm_paired(benchmark::State& state) {
    using clock = std::chrono::steady_clock;
    const cap_table& t = table_of(state.range(0));
    const priced_round_terms terms = terms_of(pre_money_of(t));
    std::int64_t amounts[3];
    for (std::size_t i = 0; i < 3; ++i) amounts[i] = terms.investors()[i].second.units();
    check_or_skip(state, t, terms);
    double lib = 0;
    double hand = 0;
    for (auto _ : state) {
        const auto a = clock::now();
        priced_round r = terms.solve(pre_round_shares_of(t));
        benchmark::DoNotOptimize(r);
        const auto b = clock::now();
        hand_figures h = by_hand(t, amounts);
        benchmark::DoNotOptimize(h);
        const auto c = clock::now();
        lib += std::chrono::duration<double, std::nano>(b - a).count();
        hand += std::chrono::duration<double, std::nano>(c - b).count();
    }
    const auto iterations = static_cast<double>(state.iterations());
    state.counters["lib_ns"] = lib / iterations;
    state.counters["hand_ns"] = hand / iterations;
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
