// The exact present value of many flows: present_value_of() against the same exact terms summed
// one after the other (how present_value_of() summed them before 2026-12-05).
//
// The flows (fixed): n payments of $1,000, one a day from 2026-01-02, valued on 2026-01-01 at
// 8% a year, actual/365 fixed, simple compounding: each term is $1,000 / (1 + 0.08 t), t the
// days over 365, exactly; the sum is rounded once to the cent (half even).
//
//   library/n     present_value_of(flows, terms, half_even): the exact terms (discount_terms::
//                 exact_value), summed in pairs, then pairs of pairs, then rounded.
//   sequential/n  THE SAME terms and rounding in this binary, summed into one running total, so
//                 that every step reduces an ever larger fraction. Its result is checked equal to
//                 the library's before timing.
//
// Read the time of library/n against sequential/n at the same n; sequential/10000 is left out of
// the smoke run (about 8 s for one iteration).
#include <fundround/analysis/present_value.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace {

namespace fr = fundround;

std::vector<fr::cash_flow> daily_flows(std::int64_t n) {
    std::vector<fr::cash_flow> flows;
    const fr::calendar_date first = fr::year{2026} / 1 / 2;
    for (std::int64_t k = 0; k < n; ++k) {
        flows.push_back({first + fr::days{static_cast<std::int32_t>(k)}, fr::money::from_major(1'000), ""});
    }
    return flows;
}

const fr::discount_terms& terms() {
    static const fr::discount_terms t(fr::fraction(8, 100), fr::year{2026} / 1 / 1, fr::day_count::actual_365_fixed,
                                      fr::compounding::simple);
    return t;
}

fr::money sequential(const std::vector<fr::cash_flow>& flows) {
    fr::exact_rational sum;
    for (const fr::cash_flow& f : flows) sum += terms().exact_value(f.amount, f.date);
    return fr::detail::round_exact_to_minor_unit(sum.big(), flows.front().amount.currency(), fr::rounding::half_even);
}

void library(benchmark::State& state) {
    const std::vector<fr::cash_flow> flows = daily_flows(state.range(0));
    for (auto _ : state) {
        fr::present_value pv = fr::present_value_of(flows, terms(), fr::rounding::half_even);
        benchmark::DoNotOptimize(pv);
    }
}

void sequential_sum(benchmark::State& state) {
    const std::vector<fr::cash_flow> flows = daily_flows(state.range(0));
    if (sequential(flows) != fr::present_value_of(flows, terms(), fr::rounding::half_even).rounded) {
        throw std::logic_error("bench_present_value: the sequential sum differs from present_value_of");
    }
    for (auto _ : state) {
        fr::money m = sequential(flows);
        benchmark::DoNotOptimize(m);
    }
}

}  // namespace

BENCHMARK(library)->Name("library")->Arg(1'000)->Arg(3'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(sequential_sum)->Name("sequential")->Arg(1'000)->Arg(3'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
