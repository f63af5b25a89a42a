// As-of queries on a round's timeline (issue 3): the cost per query must grow like log n.
//
// A round of n tranches has n/4 investors with four tranches each: at close; on a date; when a
// milestone is achieved (with an expected date); when a milestone is achieved by a long-stop.
// Dates are spread over n days after close (so the number of distinct days grows with n, and a
// query really searches among ~n days: up to the year ~4700 at n = 10^6). Eight shared
// milestones; the world achieves four of them on random dates, fails two, leaves two unsettled.
//
//   timeline_build/n   round_timeline's constructor (evaluate, sort the moves, prefix totals).
//   as_of/n            round_timeline::as_of(date) at pseudo-random dates; fitted against log n.
//   as_of_investor/n   round_timeline::as_of(name, date): hash lookup + search of one investor.
//   baseline_search/n  std::upper_bound over a sorted std::vector<std::int32_t> of the same
//                      number of days, reading four int64 totals: the bare search as_of wraps.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

const calendar_date kClose = date::year{2026} / 2 / 27;

calendar_date close_plus(std::int64_t days) {
    return calendar_date{date::sys_days{kClose} + date::days{static_cast<int>(days)}};
}

funding_round make_round(std::int64_t n) {
    std::mt19937_64 gen(static_cast<std::uint64_t>(n) * 104729U + 7U);
    std::uniform_int_distribution<std::int64_t> amount(1000, 10000000);
    std::uniform_int_distribution<std::int64_t> day(1, n);
    std::array<condition, 8> milestones;
    for (std::size_t k = 0; k < milestones.size(); ++k) milestones[k] = milestone("m" + std::to_string(k));
    round_builder b("timeline benchmark");
    b.pre_money(730_B).close_date(kClose);
    for (std::int64_t i = 0; i < n / 4; ++i) {
        const condition& m = milestones[static_cast<std::size_t>(i) % milestones.size()];
        const std::int64_t d1 = day(gen);
        const std::int64_t d2 = day(gen);
        b.invest(investor("inv" + std::to_string(i)),
                 {tranche::at_close(money::from_major(amount(gen))),
                  tranche::on(money::from_major(amount(gen)), close_plus(d1)),
                  tranche::when(money::from_major(amount(gen)), m, close_plus(d2)),
                  tranche::when(money::from_major(amount(gen)), m.with_long_stop(close_plus(d2)))});
    }
    return b.build();
}

world_state make_world(std::int64_t n) {
    std::mt19937_64 gen(5);
    std::uniform_int_distribution<std::int64_t> day(1, n);
    world_state w(kClose);
    for (int k = 0; k < 4; ++k) w.achieve("m" + std::to_string(k), close_plus(day(gen)));
    for (int k = 4; k < 6; ++k) w.fail("m" + std::to_string(k), close_plus(day(gen)));
    return w;
}

struct fixture {
    funding_round round;
    round_timeline timeline;
};

const fixture& cached(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<fixture>> cache;
    auto& slot = cache[n];
    if (!slot) {
        funding_round r = make_round(n);
        round_timeline t(r, make_world(n));
        slot = std::make_unique<fixture>(fixture{std::move(r), std::move(t)});
    }
    return *slot;
}

constexpr std::size_t kQueries = 4096;

std::vector<calendar_date> query_dates(std::int64_t n) {
    std::mt19937_64 gen(99);
    std::uniform_int_distribution<std::int64_t> day(-30, n + 30);
    std::vector<calendar_date> dates;
    dates.reserve(kQueries);
    for (std::size_t q = 0; q < kQueries; ++q) dates.push_back(close_plus(day(gen)));
    return dates;
}

void BM_timeline_build(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const funding_round& r = cached(n).round;
    const world_state w = make_world(n);
    for (auto _ : state) {
        round_timeline t(r, w);
        benchmark::DoNotOptimize(t);
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_timeline_build)
    ->Name("timeline_build")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

void BM_as_of(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const fixture& f = cached(n);
    const std::vector<calendar_date> dates = query_dates(n);
    {  // sanity, outside timing: the four parts always add up to the commitments
        const round_position p = f.timeline.as_of(dates.front());
        if (p.total() != f.round.raised()) {
            state.SkipWithError("as_of does not reconcile");
            return;
        }
    }
    for (auto _ : state) {
        for (const calendar_date& d : dates) {
            round_position p = f.timeline.as_of(d);
            benchmark::DoNotOptimize(p);
        }
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kQueries));
}
BENCHMARK(BM_as_of)->Name("as_of")->RangeMultiplier(10)->Range(1000, 1000000)->Complexity(benchmark::oLogN);

void BM_as_of_investor(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const fixture& f = cached(n);
    const std::vector<calendar_date> dates = query_dates(n);
    std::vector<std::string> names;
    std::mt19937_64 gen(3);
    std::uniform_int_distribution<std::int64_t> who(0, n / 4 - 1);
    for (std::size_t q = 0; q < kQueries; ++q) names.push_back("inv" + std::to_string(who(gen)));
    for (auto _ : state) {
        for (std::size_t q = 0; q < kQueries; ++q) {
            round_position p = f.timeline.as_of(names[q], dates[q]);
            benchmark::DoNotOptimize(p);
        }
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kQueries));
}
BENCHMARK(BM_as_of_investor)
    ->Name("as_of_investor")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Complexity(benchmark::oLogN);

// The bare search: as many sorted days as the round's timeline has, four int64 totals each.
void BM_baseline_search(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    std::vector<std::int32_t> days;
    std::vector<std::array<std::int64_t, 4>> totals;
    {
        // Same count of distinct days as the timeline: count them from the payments' dates.
        std::vector<std::int32_t> all;
        for (const payment& p : cached(n).timeline.payments()) {
            all.push_back(date::sys_days{p.date}.time_since_epoch().count());
        }
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        days = all;
        totals.resize(days.size(), {1, 2, 3, 4});
    }
    const std::vector<calendar_date> dates = query_dates(n);
    std::vector<std::int32_t> keys;
    for (const calendar_date& d : dates) keys.push_back(date::sys_days{d}.time_since_epoch().count());
    for (auto _ : state) {
        for (const std::int32_t k : keys) {
            const auto it = std::upper_bound(days.begin(), days.end(), k);
            std::array<std::int64_t, 4> v{};
            if (it != days.begin()) v = totals[static_cast<std::size_t>(it - days.begin()) - 1];
            benchmark::DoNotOptimize(v);
        }
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kQueries));
}
BENCHMARK(BM_baseline_search)
    ->Name("baseline_search")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Complexity(benchmark::oLogN);

}  // namespace

BENCHMARK_MAIN();
