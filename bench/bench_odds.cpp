// Probabilities on milestones (odds.hpp): exact enumeration and Monte Carlo.
//
// A round with k milestones has one investor per milestone with one tranche on it ($1B, $2B or
// $3B in turn, so the amount raised takes few distinct values, as with real round figures),
// three more investors on all_of pairs of milestones, and one investor at close. Every
// milestone has probability 7/10 (the 20-milestone weights need more than 64 bits: 10^20).
//
//   exact/k           enumerate_odds(): all 2^k outcomes; one item = one outcome.
//   exact_distinct/k  the same with distinct amounts ($1B + j * $1M), so the amount raised takes
//                     up to 2^k distinct values and the exact ownership sums that many fractions.
//   baseline/k        a raw, branch-free loop over the 2^k bitmasks summing int64 amounts (the k
//                     tranches and the three pairs) into a total: the floor for any per-outcome
//                     work (no probabilities, no tallies).
//   monte_carlo/k     simulate_odds() with 100,000 samples; one item = one sample. k = 21 is the
//                     first size enumerate_odds() refuses (more than 20 uncertain milestones).
//   cents_exact/k     k investors, each one tranche of a pseudo-random amount in whole cents
//                     ($1,000.00..$10,000,000.99, fixed seed) on its own milestone of
//                     probability 1/2, no one at close: all 2^k outcomes raise distinct amounts,
//                     so the distribution has 2^k entries and the exact ownership of each
//                     investor sums 2^k fractions over distinct post-money values.
//                     enumerate_odds(); one item = one outcome. k = 16, 18, 20.
//   cents_baseline/k  BASELINE for cents_exact/k: the raw loop over the 2^k bitmasks summing the
//                     int64 amounts (the floor for any per-outcome work, as baseline/k).
//   large_exact/n     8 milestones over a round of n = 10^5 tranches (n/4 investors, four
//   large_monte_carlo/n  tranches each as in bench_round: at close, on a date, on milestone
//                     i % 8 with a date, on milestone (i + 3) % 8 undated; amounts $1K..$10M,
//                     so each of the 256 outcomes raises a different amount): enumerate_odds()
//                     and simulate_odds() (100,000 samples). The case: finish() builds
//                     one exact fraction per investor over the lcm of every post-money, so the
//                     cost is outcomes x investors whichever method. One item = one tranche.
//   condition_exact/k one investor at close ($10B) and one tranche ($5B) on a single condition
//                     naming all k milestones (probability 1/2 each): any_of over the k/2 pairs
//                     all_of(m_2j, m_2j+1 with a long-stop a year after the close). Before the
//                     walk, enumerate_odds() tabulates the condition over its 2^k rows; the walk
//                     itself has one group. enumerate_odds(); one item = one outcome. k = 10, 16, 20.
//   condition_baseline/k  BASELINE for condition_exact/k: the same condition written by hand as a
//                     boolean expression of the bitmask, evaluated for every one of the 2^k
//                     outcomes and its amount summed (the floor for tabulating it and walking).
//   condition_leaves/n  n milestones achieved for sure (p = 1: the model's world holds n
//                     records), named by tranches of 500, and one tranche on any_of over n leaves
//                     naming one uncertain milestone (p = 1/2): tabulating the condition copies the
//                     world once for that milestone, not once per leaf (3.2 s at n = 8,000 when it
//                     did). enumerate_odds(); one item = one leaf. n = 2,000, 8,000.
//   condition_monte_carlo/k/n  make_condition_round(k) (above) by simulate_odds() with n samples,
//                     seed 42: the condition names k > 16 milestones, more than Monte Carlo
//                     tabulates, so each sample evaluates it on the sample's achieved milestones
//                     (before 2026-12-08: in a world_state built for the sample). One item = one
//                     sample. k = 20, 40; n = 10^4, 10^5.
//   condition_layouts_fixed/g  g tranches each on any of 990 uncertain milestones (a group each,
//                     too many for a table) beside 8,000 fixed ones, simulate_odds() with 2
//                     samples: the cost is the conditions' layouts, each uncertain milestone's
//                     status once achieved evaluated in a world holding it alone (before
//                     2026-12-08 r1: in a copy of the world, 8,000 records each). g = 1, 20.
//   condition_monte_carlo_baseline/k/n  BASELINE for condition_monte_carlo/k/n: the same draws
//                     by hand (the library's generator, detail::xoshiro256, each milestone in turn
//                     with probability 1/2, its bit kept in a word array per sample as the library
//                     keeps them), the condition as a hand-written boolean of the sample's bits,
//                     the amount raised summed with its square and counted per value.
#include <fundround/fundround.hpp>
#include <fundround/detail/random.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

struct bench_round {
    funding_round round;
    milestone_odds odds;
    std::vector<std::int64_t> amounts;  // per milestone, units
};

std::string name_of(std::int64_t j) { return "m" + std::to_string(100 + j); }

bench_round make_round(std::int64_t k, bool distinct) {
    round_builder b("bench");
    b.pre_money(730_B).close_date(year{2026} / 2 / 27).invest(investor("at close"), 10_B);
    std::vector<std::int64_t> amounts;
    milestone_odds odds;
    for (std::int64_t j = 0; j < k; ++j) {
        const money amount = distinct ? 1_B + 1_M * j : money::from_major((1 + j % 3) * 1000000000);
        amounts.push_back(amount.units());
        b.invest(investor("inv" + std::to_string(j)), {tranche::when(amount, milestone(name_of(j)))});
        odds.set(name_of(j), fraction(7, 10));
    }
    for (std::int64_t p = 0; p < 3; ++p) {
        b.invest(investor("pair" + std::to_string(p)),
                 {tranche::when(5_B, milestone(name_of(p)) && milestone(name_of(k - 1 - p)))});
    }
    return {b.build(), odds, amounts};
}

// Enumerates @p r's odds exactly in each iteration; items = outcomes.
void enumerate(benchmark::State& state, const bench_round& r) {
    std::uint64_t outcomes = 0;
    for (auto _ : state) {
        const round_odds o = enumerate_odds(r.round, r.odds);
        outcomes = o.outcome_count();
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(outcomes) * static_cast<std::int64_t>(state.iterations()));
    state.counters["outcomes"] = static_cast<double>(outcomes);
}

void BM_exact(benchmark::State& state) { enumerate(state, make_round(state.range(0), false)); }
void BM_exact_distinct(benchmark::State& state) { enumerate(state, make_round(state.range(0), true)); }

void BM_baseline(benchmark::State& state) {
    const bench_round r = make_round(state.range(0), false);
    const std::size_t k = r.amounts.size();
    const std::int64_t pair = (5_B).units();
    const std::uint64_t outcomes = std::uint64_t{1} << k;
    for (auto _ : state) {
        std::int64_t total = 0;
        for (std::uint64_t mask = 0; mask < outcomes; ++mask) {
            std::int64_t raised = (10_B).units();
            for (std::size_t j = 0; j < k; ++j) {
                raised += r.amounts[j] * static_cast<std::int64_t>((mask >> j) & 1U);
            }
            for (std::size_t p = 0; p < 3; ++p) {
                raised += pair * static_cast<std::int64_t>((mask >> p) & (mask >> (k - 1 - p)) & 1U);
            }
            total += raised;
            benchmark::DoNotOptimize(total);
        }
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(outcomes) * static_cast<std::int64_t>(state.iterations()));
}

void BM_monte_carlo(benchmark::State& state) {
    const bench_round r = make_round(state.range(0), false);
    const monte_carlo_options options{100000, 42};
    for (auto _ : state) {
        const round_odds o = simulate_odds(r.round, r.odds, options);
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(options.samples) *
                            static_cast<std::int64_t>(state.iterations()));
}

// k investors with cent amounts, one milestone each at probability 1/2 (see the header comment).
bench_round make_cents_round(std::int64_t k) {
    std::mt19937_64 gen(static_cast<std::uint64_t>(k) * 131U + 7U);
    std::uniform_int_distribution<std::int64_t> cents(100000, 1000000099);  // $1,000.00..$10M
    round_builder b("bench cents");
    b.pre_money(730_B).close_date(year{2026} / 2 / 27);
    std::vector<std::int64_t> amounts;
    milestone_odds odds;
    for (std::int64_t j = 0; j < k; ++j) {
        const money amount = money::from_units(cents(gen) * (money::units_per_major / 100));
        amounts.push_back(amount.units());
        b.invest(investor("c" + std::to_string(j)), {tranche::when(amount, milestone(name_of(j)))});
        odds.set(name_of(j), fraction(1, 2));
    }
    return {b.build(), odds, amounts};
}

void BM_cents_exact(benchmark::State& state) {
    const bench_round r = make_cents_round(state.range(0));
    std::uint64_t outcomes = 0;
    std::size_t distinct = 0;
    for (auto _ : state) {
        const round_odds o = enumerate_odds(r.round, r.odds);
        outcomes = o.outcome_count();
        distinct = o.distribution().size();
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(outcomes) * static_cast<std::int64_t>(state.iterations()));
    state.counters["outcomes"] = static_cast<double>(outcomes);
    state.counters["distinct_raised"] = static_cast<double>(distinct);
}

void BM_cents_baseline(benchmark::State& state) {
    const bench_round r = make_cents_round(state.range(0));
    const std::size_t k = r.amounts.size();
    const std::uint64_t outcomes = std::uint64_t{1} << k;
    for (auto _ : state) {
        std::int64_t total = 0;
        for (std::uint64_t mask = 0; mask < outcomes; ++mask) {
            std::int64_t raised = 0;
            for (std::size_t j = 0; j < k; ++j) {
                raised += r.amounts[j] * static_cast<std::int64_t>((mask >> j) & 1U);
            }
            total += raised;
            benchmark::DoNotOptimize(total);
        }
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(outcomes) * static_cast<std::int64_t>(state.iterations()));
}

// 8 milestones over n tranches (see the header comment).
struct large_round {
    funding_round round;
    milestone_odds odds;
};

large_round make_large_round(std::int64_t n) {
    std::mt19937_64 gen(static_cast<std::uint64_t>(n) * 31U + 11U);
    std::uniform_int_distribution<std::int64_t> amount(1000, 10000000);  // dollars
    std::uniform_int_distribution<int> day(1, 8 * 365);
    const calendar_date close = year{2026} / 2 / 27;
    std::array<condition, 8> ms;
    milestone_odds odds;
    for (std::size_t k = 0; k < ms.size(); ++k) {
        ms[k] = milestone(name_of(static_cast<std::int64_t>(k)));
        odds.set(name_of(static_cast<std::int64_t>(k)), fraction(7, 10));
    }
    round_builder b("bench large");
    b.pre_money(730_B).close_date(close);
    for (std::int64_t i = 0; i < n / 4; ++i) {
        const auto u = static_cast<std::size_t>(i);
        const std::int64_t a0 = amount(gen);
        const std::int64_t a1 = amount(gen);
        const int d1 = day(gen);
        const std::int64_t a2 = amount(gen);
        const int d2 = day(gen);
        const std::int64_t a3 = amount(gen);
        const auto on = [&](int d) { return calendar_date{close + days{d}}; };
        std::vector<tranche> ts;
        ts.reserve(4);
        ts.push_back(tranche::at_close(money::from_major(a0)));
        ts.push_back(tranche::on(money::from_major(a1), on(d1)));
        ts.push_back(tranche::when(money::from_major(a2), ms[u % 8], on(d2)));
        ts.push_back(tranche::when(money::from_major(a3), ms[(u + 3) % 8]));
        b.invest(investor("inv" + std::to_string(i)), std::move(ts));
    }
    return {b.build(), odds};
}

void large(benchmark::State& state, bool exact_method) {
    const std::int64_t n = state.range(0);
    const large_round r = make_large_round(n);
    const monte_carlo_options options{100000, 42};
    std::uint64_t outcomes = 0;
    std::size_t distinct = 0;
    for (auto _ : state) {
        const round_odds o = exact_method ? enumerate_odds(r.round, r.odds)
                                          : simulate_odds(r.round, r.odds, options);
        outcomes = o.outcome_count();
        distinct = o.distribution().size();
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(n * static_cast<std::int64_t>(state.iterations()));
    state.counters["outcomes"] = static_cast<double>(outcomes);
    state.counters["distinct_raised"] = static_cast<double>(distinct);
    state.counters["investors"] = static_cast<double>(n / 4);
}

void BM_large_exact(benchmark::State& state) { large(state, true); }
void BM_large_monte_carlo(benchmark::State& state) { large(state, false); }

// One investor at close and one tranche on a condition naming all k milestones (see the header).
bench_round make_condition_round(std::int64_t k) {
    const calendar_date close = year{2026} / 2 / 27;
    std::vector<condition> pairs;
    milestone_odds odds;
    for (std::int64_t j = 0; j + 1 < k; j += 2) {
        pairs.push_back(all_of({milestone(name_of(j)), milestone(name_of(j + 1)).with_long_stop(close + days{365})}));
    }
    for (std::int64_t j = 0; j < k; ++j) odds.set(name_of(j), fraction(1, 2));
    round_builder b("bench condition");
    b.pre_money(730_B).close_date(close).invest(investor("at close"), 10_B);
    b.invest(investor("on the condition"), {tranche::when(5_B, any_of(std::move(pairs)))});
    return {b.build(), odds, {}};
}

void BM_condition_exact(benchmark::State& state) { enumerate(state, make_condition_round(state.range(0))); }

void BM_condition_baseline(benchmark::State& state) {
    const auto k = static_cast<std::size_t>(state.range(0));
    const std::uint64_t outcomes = std::uint64_t{1} << k;
    const std::int64_t at_close = (10_B).units();
    const std::int64_t on_condition = (5_B).units();
    for (auto _ : state) {
        std::int64_t total = 0;
        for (std::uint64_t mask = 0; mask < outcomes; ++mask) {
            std::uint64_t met = 0;
            for (std::size_t j = 0; j + 1 < k; j += 2) met |= (mask >> j) & (mask >> (j + 1)) & 1U;
            total += at_close + on_condition * static_cast<std::int64_t>(met);
            benchmark::DoNotOptimize(total);
        }
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(outcomes) * static_cast<std::int64_t>(state.iterations()));
}

void BM_condition_monte_carlo(benchmark::State& state) {
    const bench_round r = make_condition_round(state.range(0));
    const monte_carlo_options options{static_cast<std::uint64_t>(state.range(1)), 42};
    for (auto _ : state) {
        const round_odds o = simulate_odds(r.round, r.odds, options);
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(state.range(1) * static_cast<std::int64_t>(state.iterations()));
}

__extension__ typedef __int128 wide;  // NOLINT(modernize-use-using): the squares' sum needs 128 bits

void BM_condition_monte_carlo_baseline(benchmark::State& state) {
    const auto k = static_cast<std::size_t>(state.range(0));
    const auto n = static_cast<std::size_t>(state.range(1));
    const std::size_t words = (k + 63) / 64;
    const std::int64_t at_close = (10_B).units();
    const std::int64_t on_condition = (5_B).units();
    for (auto _ : state) {
        fundround::detail::xoshiro256 generator(42);
        std::vector<std::uint64_t> achieved(n * words, 0U);
        wide sum = 0;
        wide squares = 0;
        std::uint64_t met_count = 0;
        for (std::size_t sample = 0; sample < n; ++sample) {
            std::uint64_t* bits = achieved.data() + sample * words;
            for (std::size_t j = 0; j < k; ++j) {
                if (generator.bernoulli(1, 2)) bits[j / 64] |= std::uint64_t{1} << (j % 64);
            }
            std::uint64_t met = 0;
            for (std::size_t j = 0; j + 1 < k; j += 2) {
                met |= (bits[j / 64] >> (j % 64)) & (bits[(j + 1) / 64] >> ((j + 1) % 64)) & 1U;
            }
            const std::int64_t raised = at_close + on_condition * static_cast<std::int64_t>(met);
            sum += raised;
            squares += static_cast<wide>(raised) * raised;
            met_count += met;
        }
        benchmark::DoNotOptimize(sum);
        benchmark::DoNotOptimize(squares);
        benchmark::DoNotOptimize(met_count);
        benchmark::DoNotOptimize(achieved.data());
    }
    state.SetItemsProcessed(state.range(1) * static_cast<std::int64_t>(state.iterations()));
}

void BM_condition_leaves(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const calendar_date close = year{2026} / 2 / 27;
    milestone_odds odds;
    std::vector<condition> fixed;
    std::vector<condition> leaves;
    for (std::size_t i = 0; i < n; ++i) {
        fixed.push_back(milestone("fixed milestone " + std::to_string(i)));
        odds.set("fixed milestone " + std::to_string(i), fraction(1));
        leaves.push_back(milestone("uncertain"));
    }
    odds.set("uncertain", fraction(1, 2));
    std::vector<tranche> certain;
    for (std::size_t i = 0; i < n; i += 500) {
        const auto first = fixed.begin() + static_cast<std::ptrdiff_t>(i);
        const auto last = fixed.begin() + static_cast<std::ptrdiff_t>(std::min(n, i + 500));
        certain.push_back(tranche::when(1_M, all_of(std::vector<condition>(first, last))));
    }
    round_builder b("bench leaves");
    b.pre_money(730_B).close_date(close).invest(investor("certain"), certain);
    b.invest(investor("on the condition"), {tranche::when(5_B, any_of(std::move(leaves)))});
    const funding_round round = b.build();
    for (auto _ : state) {
        const round_odds o = enumerate_odds(round, odds);
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(n) * static_cast<std::int64_t>(state.iterations()));
}

// g tranches, each on any of 990 uncertain milestones (its own long-stop: a group each, none
// tabulated), beside 8,000 milestones achieved for sure; simulate_odds() with 2 samples, so the
// run is the model: each condition's layout (see the header).
void BM_condition_layouts_fixed(benchmark::State& state) {
    const auto g = static_cast<int>(state.range(0));
    const calendar_date close = year{2026} / 2 / 27;
    milestone_odds odds;
    std::vector<condition> uncertain;
    std::vector<condition> fixed;
    for (int j = 0; j < 990; ++j) {
        uncertain.push_back(milestone("uncertain " + std::to_string(j)));
        odds.set("uncertain " + std::to_string(j), fraction(1, 1980), close + days{j % 28});
    }
    for (int j = 0; j < 8000; ++j) {
        fixed.push_back(milestone("fixed " + std::to_string(j)));
        odds.set("fixed " + std::to_string(j), fraction(1));
    }
    std::vector<tranche> certain;
    for (std::size_t i = 0; i < fixed.size(); i += 1000) {
        const auto first = fixed.begin() + static_cast<std::ptrdiff_t>(i);
        certain.push_back(tranche::when(1_M, all_of(std::vector<condition>(first, first + 1000))));
    }
    std::vector<tranche> on_conditions;
    for (int i = 0; i < g; ++i) {
        on_conditions.push_back(tranche::when(1_M, any_of(uncertain).with_long_stop(close + days{300 + i})));
    }
    round_builder b("bench layouts");
    b.pre_money(730_B).close_date(close).invest(investor("certain"), certain);
    b.invest(investor("on the conditions"), on_conditions);
    const funding_round round = b.build();
    for (auto _ : state) {
        const round_odds o = simulate_odds(round, odds, {2, 42});
        benchmark::DoNotOptimize(o.expected_raised());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(g) * static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK(BM_baseline)->Arg(10)->Arg(15)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_exact)->Arg(10)->Arg(15)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_exact_distinct)->Arg(10)->Arg(15)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_monte_carlo)->Arg(21)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_cents_baseline)->Name("cents_baseline")->Arg(16)->Arg(18)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_cents_exact)->Name("cents_exact")->Arg(16)->Arg(18)->Arg(20)->Unit(benchmark::kMillisecond);
// Seconds per call today: one iteration per repetition is enough.
BENCHMARK(BM_large_exact)->Name("large_exact")->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_large_monte_carlo)->Name("large_monte_carlo")->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK(BM_condition_baseline)->Name("condition_baseline")->Arg(10)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_condition_exact)->Name("condition_exact")->Arg(10)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_condition_monte_carlo_baseline)->Name("condition_monte_carlo_baseline")
    ->ArgsProduct({{20, 40}, {10000, 100000}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_condition_monte_carlo)->Name("condition_monte_carlo")
    ->ArgsProduct({{20, 40}, {10000, 100000}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_condition_leaves)->Name("condition_leaves")->Arg(2000)->Arg(8000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_condition_layouts_fixed)->Name("condition_layouts_fixed")->Arg(1)->Arg(20)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
