// A cap table at scale: building (validating and indexing) it and its fully diluted counts and
// ownership, from 10^2 to 10^6 holders.
//
// A table of n holders: every holder holds common; one in 20 also holds Series A preferred
// (conversion ratio 1); one in 10 has an option grant from the one pool; one in 50 a warrant.
// Ids are "h<i>", names "Holder <i>" (distinct keys, so no near-duplicate is reported).
//
//   build/n          cap_table_builder::build(): holder validation (exact and near-duplicate
//                    names: a sort of ids and a sort of name keys), lookups of every holding's
//                    holder and class, the one-holding-per-holder-and-class check. The builder is
//                    filled before the timed loop. Fitted against n log n.
//   fully_diluted/n  cap_table::fully_diluted(full()) and every holder's exact ownership
//                    fraction (holder_ownership(i) for all i). Fitted against n.
//   baseline_fd/n    THE SAME work hand-written over plain arrays in this binary: per-holder
//                    sums of int64 counts from (holder index, shares) arrays for holdings, grants
//                    and warrants, the unallocated pool, the total, then a reduced fraction per
//                    holder (std::gcd on 64-bit). No overflow checks, no conversion ratio lookups.
//                    The ratio fully_diluted / baseline_fd is the cost of checked, exact, general
//                    code.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include "bench_tables.hpp"

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

using fundround_bench::make_builder;  // bench_tables.hpp

void build(benchmark::State& state) {
    const cap_table_builder b = make_builder(state.range(0));
    for (auto _ : state) {
        cap_table t = b.build();
        benchmark::DoNotOptimize(t);
        state.PauseTiming();
        { const cap_table gone = std::move(t); }
        state.ResumeTiming();
    }
    state.SetComplexityN(state.range(0));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void fully_diluted(benchmark::State& state) {
    const cap_table t = make_builder(state.range(0)).build();
    for (auto _ : state) {
        const fully_diluted_counts fd = t.fully_diluted(fully_diluted_basis::full());
        fraction::rep check = 0;
        for (std::size_t i = 0; i < t.holders().size(); ++i) check += fd.holder_ownership(i).denominator();
        benchmark::DoNotOptimize(check);
    }
    state.SetComplexityN(state.range(0));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The same table as plain arrays of (holder index, shares).
struct plain_table {
    std::size_t holders = 0;
    std::vector<std::pair<std::uint32_t, std::int64_t>> holdings, grants, warrants;
    std::int64_t pool_authorized = 0;
};

plain_table make_plain(const cap_table& t) {
    plain_table p;
    p.holders = t.holders().size();
    for (const holding& h : t.holdings()) {
        p.holdings.emplace_back(static_cast<std::uint32_t>(*t.holder_index(h.holder)), h.shares.value());
    }
    for (const option_grant& g : t.grants()) {
        p.grants.emplace_back(static_cast<std::uint32_t>(*t.holder_index(g.holder)), g.shares.value());
    }
    for (const warrant& w : t.warrants()) {
        p.warrants.emplace_back(static_cast<std::uint32_t>(*t.holder_index(w.holder)), w.shares.value());
    }
    p.pool_authorized = t.pools()[0].authorized.value();
    return p;
}

void baseline_fd(benchmark::State& state) {
    const plain_table p = make_plain(make_builder(state.range(0)).build());
    for (auto _ : state) {
        std::vector<std::int64_t> by_holder(p.holders, 0);
        std::int64_t total = 0;
        std::int64_t granted = 0;
        for (const auto& [h, s] : p.holdings) { by_holder[h] += s; total += s; }
        for (const auto& [h, s] : p.grants) { by_holder[h] += s; total += s; granted += s; }
        for (const auto& [h, s] : p.warrants) { by_holder[h] += s; total += s; }
        total += p.pool_authorized - granted;
        std::int64_t check = 0;
        for (const std::int64_t s : by_holder) check += total / std::gcd(s, total);
        benchmark::DoNotOptimize(check);
    }
    state.SetComplexityN(state.range(0));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK(build)->RangeMultiplier(10)->Range(100, 1'000'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oNLogN);
BENCHMARK(fully_diluted)->RangeMultiplier(10)->Range(100, 1'000'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(baseline_fd)->RangeMultiplier(10)->Range(100, 1'000'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

BENCHMARK_MAIN();
