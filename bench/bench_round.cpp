// Building a round and its disbursement schedule at scale, and querying the schedule.
//
// A round of n tranches has n/4 investors with four tranches each:
//   1. at close;
//   2. on a date spread pseudo-randomly over the 8 years after close (tranche::on);
//   3. conditional on a milestone, with an expected date (dated, status conditional);
//   4. conditional on a milestone, undated.
// So 3n/4 entries are dated and sorted by date (many ties: 2,920 distinct days plus the close),
// n/4 are undated. Milestones are 8 shared condition objects, as in a real round with a few
// named conditions.
//
//   build/n        round_builder::build() (validation, totals, schedule with its stable sort).
//                  The builder is filled before the timed loop (build() is const); the returned
//                  round is destroyed with the timer paused. Fitted against n log n.
//   schedule/n     disbursement_schedule's constructor alone (the stable sort by date and the
//                  running totals), to show the sort's share of build/n.
//   setup/n        filling the builder (tranche vectors + invest() calls) and destroying it:
//                  the caller's cost, excluded from build/n, shown for scale.
//   due_through/n  disbursement_schedule::due_through(date) on a prebuilt round, one item = one
//                  query at a pseudo-random date; binary search, fitted against log n.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

const calendar_date kClose = date::year{2026} / 2 / 27;
constexpr int kSpreadDays = 8 * 365;

calendar_date close_plus(std::int64_t days) {
    return calendar_date{date::sys_days{kClose} + date::days{static_cast<int>(days)}};
}

round_builder make_builder(std::int64_t n) {
    std::mt19937_64 gen(static_cast<std::uint64_t>(n) * 7919U + 1U);
    std::uniform_int_distribution<std::int64_t> amount(1000, 10000000);  // $1K..$10M, in dollars
    std::uniform_int_distribution<std::int64_t> day(1, kSpreadDays);
    std::array<condition, 8> milestones;
    for (std::size_t k = 0; k < milestones.size(); ++k) {
        milestones[k] = milestone("milestone " + std::to_string(k));
    }
    round_builder b("benchmark round");
    b.pre_money(730_B).close_date(kClose);
    const std::int64_t investors = n / 4;
    for (std::int64_t i = 0; i < investors; ++i) {
        const condition& m = milestones[static_cast<std::size_t>(i) % milestones.size()];
        std::vector<tranche> ts;
        ts.reserve(4);
        ts.push_back(tranche::at_close(money::from_major(amount(gen))));
        ts.push_back(tranche::on(money::from_major(amount(gen)), close_plus(day(gen))));
        ts.push_back(tranche::when(money::from_major(amount(gen)), m, close_plus(day(gen))));
        ts.push_back(tranche::when(money::from_major(amount(gen)), m));
        b.invest(investor("inv" + std::to_string(i)), std::move(ts));  // short names: SSO
    }
    return b;
}

// One-time sanity check on a built round (outside any timing).
bool consistent(const funding_round& r, std::int64_t n) {
    const auto& s = r.schedule();
    return s.dated().size() == static_cast<std::size_t>(3 * (n / 4)) &&
           s.undated().size() == static_cast<std::size_t>(n / 4) && s.total() == r.raised() &&
           r.raised() == r.raised_at_close() + r.raised_scheduled() + r.raised_conditional();
}

void BM_build(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const round_builder b = make_builder(n);
    {
        const funding_round check = b.build();
        if (!consistent(check, n)) {
            state.SkipWithError("inconsistent round");
            return;
        }
    }
    for (auto _ : state) {
        std::optional<funding_round> r(b.build());
        benchmark::DoNotOptimize(r);
        benchmark::ClobberMemory();
        state.PauseTiming();  // destroying n tranches' copies is not build()'s cost
        r.reset();
        state.ResumeTiming();
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * n);  // tranches per second
    state.counters["per_tranche"] = benchmark::Counter(
        static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
// Google Benchmark sets Iterations() per family, not per argument, and one family is needed for
// the complexity fit. So no fixed count: with min_time 0.5 s a 10^6 build (about a second)
// runs once per repetition, smaller n run hundreds or thousands of times.
BENCHMARK(BM_build)
    ->Name("build")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// The schedule alone: disbursement_schedule's constructor (stable sort of the dated entries by
// date, running totals) on the round's own entries put back in round order. The copies it
// consumes are made with the timer paused. Shows how much of build/n is the sort.
void BM_schedule(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    std::vector<disbursement> dated;
    std::vector<disbursement> undated;
    {
        const funding_round r = make_builder(n).build();
        dated = r.schedule().dated();
        undated = r.schedule().undated();
    }
    const auto round_order = [](const disbursement& a, const disbursement& b) {
        return std::pair(a.investor_index, a.tranche_index) < std::pair(b.investor_index, b.tranche_index);
    };
    std::sort(dated.begin(), dated.end(), round_order);
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<disbursement> d = dated;
        std::vector<disbursement> u = undated;
        state.ResumeTiming();
        std::optional<disbursement_schedule> s(std::in_place, std::move(d), std::move(u),
                                               currencies::usd);
        benchmark::DoNotOptimize(s);
        benchmark::ClobberMemory();
        state.PauseTiming();
        s.reset();
        state.ResumeTiming();
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * n);
    state.counters["per_tranche"] = benchmark::Counter(
        static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_schedule)
    ->Name("schedule")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

void BM_setup(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    for (auto _ : state) {
        round_builder b = make_builder(n);
        benchmark::DoNotOptimize(b);
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * n);
    state.counters["per_tranche"] = benchmark::Counter(
        static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_setup)
    ->Name("setup")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

// Rounds for the query benchmark, built once per size and kept for the whole run.
const funding_round& cached_round(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<funding_round>> cache;
    auto& slot = cache[n];
    if (!slot) slot = std::make_unique<funding_round>(make_builder(n).build());
    return *slot;
}

void BM_due_through(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const disbursement_schedule& s = cached_round(n).schedule();
    constexpr std::size_t kQueries = 4096;
    std::vector<calendar_date> dates;
    dates.reserve(kQueries);
    std::mt19937_64 gen(99);
    std::uniform_int_distribution<std::int64_t> day(-30, kSpreadDays + 30);
    for (std::size_t q = 0; q < kQueries; ++q) dates.push_back(close_plus(day(gen)));
    for (auto _ : state) {
        for (const calendar_date& d : dates) {
            money m = s.due_through(d);
            benchmark::DoNotOptimize(m);
        }
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kQueries));
}
BENCHMARK(BM_due_through)
    ->Name("due_through")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Complexity(benchmark::oLogN);

}  // namespace

BENCHMARK_MAIN();
