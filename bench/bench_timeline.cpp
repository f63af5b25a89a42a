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
//   baseline_search/n  BASELINE, the same work by hand: the same calendar dates checked (ok()),
//                      converted to a day count, std::upper_bound over a sorted
//                      std::vector<std::int32_t> of the timeline's own days (probed from as_of,
//                      see below), its four int64 totals read and returned with a currency tag,
//                      post-money = pre-money + funded (checked). Checked against as_of.
//   paired/n           as_of and baseline_search timed alternately in one benchmark (thread CPU
//                      time, median chunk of each; counter ratio = as_of / baseline): the
//                      figure to quote on a loaded machine.
//   bare_upper_bound/n information: only std::upper_bound on pre-converted int32 keys over the
//                      same days and the read of the totals row (no date check or conversion,
//                      no money values built). The floor of any as-of query.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

const calendar_date kClose = year{2026} / 2 / 27;

calendar_date close_plus(std::int64_t offset) {
    return kClose + days{offset};
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

// The timeline's own days and totals, for the baselines: as_of() probed on every day from
// before the first query date to after the last (every move falls in that range), keeping the
// days on which the position changes. Built once per size (about 10^6 queries at n = 10^6).
struct search_table {
    std::int64_t pre_money = 0;
    std::array<std::int64_t, 4> initial{};
    std::vector<std::int32_t> days;
    std::vector<std::array<std::int64_t, 4>> totals;
};

std::array<std::int64_t, 4> totals_of(const round_position& p) {
    return {p.funded.units(), p.committed.units(), p.conditional.units(), p.lapsed.units()};
}

const search_table& cached_table(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<search_table>> cache;
    auto& slot = cache[n];
    if (!slot) {
        const fixture& f = cached(n);
        auto t = std::make_unique<search_table>();
        t->pre_money = f.round.pre_money().units();
        t->initial = totals_of(f.timeline.as_of(close_plus(-31)));
        std::array<std::int64_t, 4> last = t->initial;
        for (std::int64_t d = -30; d <= n + 31; ++d) {
            const calendar_date day = close_plus(d);
            const auto v = totals_of(f.timeline.as_of(day));
            if (v != last) {
                t->days.push_back(day.day_number());
                t->totals.push_back(v);
                last = v;
            }
        }
        slot = std::move(t);
    }
    return *slot;
}

constexpr std::uint32_t kUsdTag = 0x445355;
struct tagged {
    std::int64_t units;
    std::uint32_t cur;
};
struct baseline_position {
    calendar_date as_of;
    tagged funded, committed, conditional, lapsed, post_money;
};

[[noreturn]] __attribute__((cold, noinline)) void baseline_fail(const char* what) {
    throw fundround::invalid_argument_error(what);
}

inline baseline_position baseline_as_of(const search_table& t, calendar_date d) {
    if (__builtin_expect(!d.ok(), 0)) baseline_fail("not a valid calendar date");
    const std::int32_t key = d.day_number();
    const auto it = std::upper_bound(t.days.begin(), t.days.end(), key);
    const std::array<std::int64_t, 4>& v =
        it == t.days.begin() ? t.initial : t.totals[static_cast<std::size_t>(it - t.days.begin()) - 1];
    std::int64_t post = 0;
    if (__builtin_expect(__builtin_add_overflow(t.pre_money, v[0], &post), 0)) baseline_fail("overflow");
    return {d, {v[0], kUsdTag}, {v[1], kUsdTag}, {v[2], kUsdTag}, {v[3], kUsdTag}, {post, kUsdTag}};
}

void BM_baseline_search(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const search_table& t = cached_table(n);
    const std::vector<calendar_date> dates = query_dates(n);
    for (const calendar_date& d : dates) {  // outside timing: the same answers as as_of
        const round_position p = cached(n).timeline.as_of(d);
        const baseline_position b = baseline_as_of(t, d);
        if (totals_of(p) != std::array<std::int64_t, 4>{b.funded.units, b.committed.units,
                                                         b.conditional.units, b.lapsed.units} ||
            p.post_money.units() != b.post_money.units) {
            state.SkipWithError("baseline differs from as_of");
            return;
        }
    }
    for (auto _ : state) {
        for (const calendar_date& d : dates) {
            baseline_position p = baseline_as_of(t, d);
            benchmark::DoNotOptimize(p);
        }
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kQueries));
    state.counters["days"] = static_cast<double>(t.days.size());
}
BENCHMARK(BM_baseline_search)
    ->Name("baseline_search")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Complexity(benchmark::oLogN);

// paired/n: baseline_search and as_of timed alternately inside one benchmark (which goes first
// alternates too), each chunk = the 4096 queries once, this thread's CPU time; counters: the
// median chunk time per query of each (base_ns, as_of_ns) and their ratio (as_of / baseline).
// On a shared machine load drift then hits both sides alike.
double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double median_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 != 0 ? v[m] : (v[m - 1] + v[m]) / 2;
}

void BM_paired(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const fixture& f = cached(n);
    const search_table& t = cached_table(n);
    const std::vector<calendar_date> dates = query_dates(n);
    const auto run_base = [&] {
        const double t0 = thread_cpu_ns();
        for (const calendar_date& d : dates) {
            baseline_position p = baseline_as_of(t, d);
            benchmark::DoNotOptimize(p);
        }
        return thread_cpu_ns() - t0;
    };
    const auto run_lib = [&] {
        const double t0 = thread_cpu_ns();
        for (const calendar_date& d : dates) {
            round_position p = f.timeline.as_of(d);
            benchmark::DoNotOptimize(p);
        }
        return thread_cpu_ns() - t0;
    };
    std::vector<double> tb;
    std::vector<double> tl;
    bool lib_first = false;
    for (auto _ : state) {
        if (lib_first) {
            tl.push_back(run_lib());
            tb.push_back(run_base());
        } else {
            tb.push_back(run_base());
            tl.push_back(run_lib());
        }
        lib_first = !lib_first;
    }
    const double b = median_of(tb) / static_cast<double>(kQueries);
    const double l = median_of(tl) / static_cast<double>(kQueries);
    state.SetItemsProcessed(state.iterations() * 2 * static_cast<std::int64_t>(kQueries));
    state.counters["base_ns"] = b;
    state.counters["as_of_ns"] = l;
    state.counters["ratio"] = l / b;
}
BENCHMARK(BM_paired)->Name("paired")->RangeMultiplier(10)->Range(1000, 1000000);

// Information: the bare search on pre-converted keys, reading the totals row.
void BM_bare_upper_bound(benchmark::State& state) {
    const std::int64_t n = state.range(0);
    const search_table& t = cached_table(n);
    const std::vector<calendar_date> dates = query_dates(n);
    std::vector<std::int32_t> keys;
    for (const calendar_date& d : dates) keys.push_back(d.day_number());
    for (auto _ : state) {
        for (const std::int32_t k : keys) {
            const auto it = std::upper_bound(t.days.begin(), t.days.end(), k);
            std::array<std::int64_t, 4> v =
                it == t.days.begin() ? t.initial : t.totals[static_cast<std::size_t>(it - t.days.begin()) - 1];
            benchmark::DoNotOptimize(v);
        }
    }
    state.SetComplexityN(n);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kQueries));
}
BENCHMARK(BM_bare_upper_bound)
    ->Name("bare_upper_bound")
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Complexity(benchmark::oLogN);

}  // namespace

BENCHMARK_MAIN();
