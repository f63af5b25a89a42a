// Money arithmetic against baselines in the same binary, so the README can quote ratios.
//
// Every benchmark walks the same N = 4096 pseudo-random amounts (fixed seed) and reports
// items_per_second, one item being one amount (or one weight for allocation). Compare a row
// with its baseline in this binary, on this machine: the ratio is the result, not the ns.
//
//   add/          raw int64_t sum (baseline)  vs  fundround::money sum (checked, currency-checked)
//   times/        raw int64 a * num / den (baseline, unchecked, truncating)
//                 vs money::times(num, den, half_even)   (128-bit intermediate)
//                 vs money::times(fraction, half_even)   (cpp_int / cpp_rational path)
//   alt/          the same add and mul-by-ratio with other amount types (all rounding half-even
//                 except cpp_dec_float, which rounds half away from zero):
//                 boost checked_int128_t fixed point, cpp_dec_float_50, cpp_rational
//   allocate/     allocate($110B, 3 weights) and (1000 weights) vs a raw int64 floor-share loop
//   ratio/        money::ratio_to (exact fraction on cpp_rational) vs an int64 gcd-reduced pair
//
// Startup check (no benchmark involved, printed once to stderr, aborts if it does not hold):
// binary floating point misrounds half-cent ties, money does not. 1.005 has no exact double;
// the nearest is 1.00499999999999989..., so std::round(1.005 * 100) is 100 cents ($1.00) where
// the exact half-away-from-zero answer is $1.01; likewise the tie-to-even 1.015 -> 101.5 cents
// should give 102 but std::nearbyint(1.015 * 100) gives 101. money holds 1005 and 1015 mills
// exactly and rounds them to $1.01 and $1.02.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace {

namespace mp = boost::multiprecision;
using fundround::money;
using fundround::rounding;
using checked_i128 = mp::checked_int128_t;
using dec50 = mp::cpp_dec_float_50;
using rational = mp::cpp_rational;

constexpr std::size_t kN = 4096;
constexpr std::int64_t kItems = static_cast<std::int64_t>(kN);
// The ratio of the "times" benchmarks: 50/840 = 5/84 (an ownership share; not a power of ten,
// so the product is rarely exact and rounding always runs).
constexpr std::int64_t kNum = 5;
constexpr std::int64_t kDen = 84;

void set_items(benchmark::State& state, std::int64_t per_iteration) {
    state.SetItemsProcessed(state.iterations() * per_iteration);
}

// Amounts between $1 and $10M in mills (units of $0.001), fixed seed. Their sum (< 4.1e13)
// and their products with small numerators fit easily in int64, so the raw baselines are
// exact here and every variant computes the same numbers.
const std::vector<std::int64_t>& raw_amounts() {
    static const std::vector<std::int64_t> v = [] {
        std::mt19937_64 gen(20260227);
        std::uniform_int_distribution<std::int64_t> dist(1000, 10000000LL * 1000);
        std::vector<std::int64_t> out(kN);
        for (auto& a : out) a = dist(gen);
        return out;
    }();
    return v;
}

const std::vector<money>& money_amounts() {
    static const std::vector<money> v = [] {
        std::vector<money> out;
        out.reserve(kN);
        for (auto a : raw_amounts()) out.push_back(money::from_units(a));
        return out;
    }();
    return v;
}

template <class T>
std::vector<T> converted_amounts() {
    std::vector<T> out;
    out.reserve(kN);
    for (auto a : raw_amounts()) out.emplace_back(a);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Reference implementations of mul-by-ratio rounded half-even to a unit, for the alternatives.
// Amounts here are positive, which lets them skip the sign handling money does (a favour to
// the alternatives, so their ratios are if anything flattering).

checked_i128 times_checked_i128(const checked_i128& a, const checked_i128& num,
                                const checked_i128& den) {
    const checked_i128 p = a * num;
    checked_i128 q;
    checked_i128 r;
    mp::divide_qr(p, den, q, r);
    const checked_i128 twice = r * 2;
    if (twice > den || (twice == den && mp::bit_test(q, 0))) ++q;
    return q;
}

rational times_rational(const rational& a, const rational& ratio) {
    const rational p = a * ratio;
    return rational(fundround::detail::divide_rounded(mp::numerator(p), mp::denominator(p),
                                                      rounding::half_even));
}

dec50 times_dec50(const dec50& a, const dec50& num, const dec50& den) {
    return mp::round(a * num / den);  // half away from zero: cpp_dec_float has no half-even
}

// ---------------------------------------------------------------------------------------------
// Startup checks: the floating-point tie claim, and that every variant agrees with money.

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "bench_money: startup check failed: %s\n", what);
    std::abort();
}

struct startup_checks {
    startup_checks() {
        using namespace fundround::literals;
        // (f) half-cent ties. volatile keeps the compiler from folding anything at build time
        // (folding would give the same IEEE result, but this way the run shows it).
        volatile double d1005 = 1.005;
        volatile double d1015 = 1.015;
        const double cents_away = std::round(d1005 * 100.0);    // half away from zero
        const double cents_even = std::nearbyint(d1015 * 100.0);  // default mode: ties to even
        const money m1005 = 1.005_usd;
        const money m1015 = 1.015_usd;
        const money r_away = m1005.rounded_to_minor_unit(rounding::half_away_from_zero);
        const money r_even = m1015.rounded_to_minor_unit(rounding::half_even);
        if (cents_away != 100.0) fail("expected double std::round(1.005 * 100) == 100");
        if (cents_even != 101.0) fail("expected double std::nearbyint(1.015 * 100) == 101");
        if (m1005.units() != 1005 || r_away != 1.01_usd) fail("money 1.005 half_away != $1.01");
        if (m1015.units() != 1015 || r_even != 1.02_usd) fail("money 1.015 half_even != $1.02");
        std::fprintf(stderr,
                     "half-cent ties: double std::round(1.005*100)=%.0f cents (1.005*100 = %.17g), "
                     "money 1.005_usd half_away_from_zero -> %s;\n"
                     "                double std::nearbyint(1.015*100)=%.0f cents (1.015*100 = %.17g), "
                     "money 1.015_usd half_even -> %s\n",
                     cents_away, d1005 * 100.0, fundround::format_full(r_away).c_str(), cents_even,
                     d1015 * 100.0, fundround::format_full(r_even).c_str());

        // Every variant computes the same sums and products (dec50: within one unit, because it
        // rounds ties the other way).
        const auto& raw = raw_amounts();
        const fundround::fraction ratio(kNum, kDen);
        const rational rratio(kNum, kDen);
        std::int64_t raw_sum = 0;
        money money_sum;
        checked_i128 ci_sum = 0;
        for (std::size_t i = 0; i < kN; ++i) {
            raw_sum += raw[i];
            money_sum += money_amounts()[i];
            ci_sum += raw[i];
            const money t = money_amounts()[i].times(kNum, kDen, rounding::half_even);
            if (money_amounts()[i].times(ratio, rounding::half_even) != t) fail("times(fraction)");
            if (times_checked_i128(raw[i], kNum, kDen) != t.units()) fail("checked_int128");
            if (times_rational(rational(raw[i]), rratio) != t.units()) fail("cpp_rational");
            const dec50 dd = times_dec50(dec50(raw[i]), dec50(kNum), dec50(kDen)) - t.units();
            if (mp::abs(dd) > 1) fail("cpp_dec_float_50");
            const std::int64_t truncated = raw[i] * kNum / kDen;
            if (t.units() - truncated < 0 || t.units() - truncated > 1) fail("raw a*num/den");
        }
        if (money_sum.units() != raw_sum || ci_sum != raw_sum) fail("sums differ");
    }
};
const startup_checks run_startup_checks;

// ---------------------------------------------------------------------------------------------
// (a) add

void BM_add_raw_int64(benchmark::State& state) {
    const auto& v = raw_amounts();
    for (auto _ : state) {
        std::int64_t s = 0;
        for (auto a : v) s += a;
        benchmark::DoNotOptimize(s);  // "memory" clobber: v must be re-read every iteration
    }
    set_items(state, kItems);
}
BENCHMARK(BM_add_raw_int64)->Name("add/raw_int64");

// Not a library path: int64 with __builtin_add_overflow only, to split money's cost into the
// overflow check and the currency check.
void BM_add_raw_int64_overflow_checked(benchmark::State& state) {
    const auto& v = raw_amounts();
    for (auto _ : state) {
        std::int64_t s = 0;
        for (auto a : v) {
            if (__builtin_add_overflow(s, a, &s)) state.SkipWithError("overflow");
        }
        benchmark::DoNotOptimize(s);
    }
    set_items(state, kItems);
}
BENCHMARK(BM_add_raw_int64_overflow_checked)->Name("add/raw_int64_overflow_checked");

void BM_add_money(benchmark::State& state) {
    const auto& v = money_amounts();
    for (auto _ : state) {
        money s;
        for (const money& a : v) s += a;
        benchmark::DoNotOptimize(s);
    }
    set_items(state, kItems);
}
BENCHMARK(BM_add_money)->Name("add/money");

// ---------------------------------------------------------------------------------------------
// (b) multiply by a ratio

void BM_times_raw_int64(benchmark::State& state) {
    const auto& v = raw_amounts();
    std::vector<std::int64_t> out(kN);
    std::int64_t num = kNum;
    std::int64_t den = kDen;
    benchmark::DoNotOptimize(num);  // not compile-time constants: no division-by-constant trick
    benchmark::DoNotOptimize(den);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = v[i] * num / den;
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_times_raw_int64)->Name("times/raw_int64");

void BM_times_money_int128(benchmark::State& state) {
    const auto& v = money_amounts();
    std::vector<money> out(kN);
    std::int64_t num = kNum;
    std::int64_t den = kDen;
    benchmark::DoNotOptimize(num);
    benchmark::DoNotOptimize(den);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = v[i].times(num, den, rounding::half_even);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_times_money_int128)->Name("times/money_num_den");

void BM_times_money_fraction(benchmark::State& state) {
    const auto& v = money_amounts();
    std::vector<money> out(kN);
    const fundround::fraction ratio(kNum, kDen);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = v[i].times(ratio, rounding::half_even);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_times_money_fraction)->Name("times/money_fraction");

// ---------------------------------------------------------------------------------------------
// (c) other amount types: the same add and mul-by-ratio

template <class T>
void BM_alt_add(benchmark::State& state) {
    const std::vector<T> v = converted_amounts<T>();
    for (auto _ : state) {
        T s = 0;
        for (const T& a : v) s += a;
        benchmark::DoNotOptimize(s);
    }
    set_items(state, kItems);
}
BENCHMARK_TEMPLATE(BM_alt_add, checked_i128)->Name("alt/add/checked_int128");
BENCHMARK_TEMPLATE(BM_alt_add, dec50)->Name("alt/add/cpp_dec_float_50");
BENCHMARK_TEMPLATE(BM_alt_add, rational)->Name("alt/add/cpp_rational");

void BM_alt_times_checked_i128(benchmark::State& state) {
    const auto v = converted_amounts<checked_i128>();
    std::vector<checked_i128> out(kN);
    checked_i128 num = kNum;
    checked_i128 den = kDen;
    benchmark::DoNotOptimize(num);
    benchmark::DoNotOptimize(den);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = times_checked_i128(v[i], num, den);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_alt_times_checked_i128)->Name("alt/times/checked_int128");

void BM_alt_times_dec50(benchmark::State& state) {
    const auto v = converted_amounts<dec50>();
    std::vector<dec50> out(kN);
    const dec50 num = kNum;
    const dec50 den = kDen;
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = times_dec50(v[i], num, den);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_alt_times_dec50)->Name("alt/times/cpp_dec_float_50");

void BM_alt_times_rational(benchmark::State& state) {
    const auto v = converted_amounts<rational>();
    std::vector<rational> out(kN);
    const rational ratio(kNum, kDen);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = times_rational(v[i], ratio);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_alt_times_rational)->Name("alt/times/cpp_rational");

// ---------------------------------------------------------------------------------------------
// (d) allocation of $110B; one item = one weight

std::vector<std::int64_t> weights_for(std::int64_t count) {
    if (count == 3) return {50, 30, 30};  // Amazon, Nvidia, SoftBank
    std::mt19937_64 gen(42);
    std::uniform_int_distribution<std::int64_t> dist(1, 1000);
    std::vector<std::int64_t> w(static_cast<std::size_t>(count));
    for (auto& x : w) x = dist(gen);
    return w;
}

void BM_allocate_raw_floor(benchmark::State& state) {
    const auto w = weights_for(state.range(0));
    std::vector<std::int64_t> out(w.size());
    std::int64_t total = 110LL * 1000000000 * money::units_per_major;  // $110B in mills
    benchmark::DoNotOptimize(total);
    for (auto _ : state) {
        std::int64_t wsum = 0;
        for (auto x : w) wsum += x;
        for (std::size_t i = 0; i < w.size(); ++i) out[i] = total * w[i] / wsum;  // < 2^63 here
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, state.range(0));
}
BENCHMARK(BM_allocate_raw_floor)->Name("allocate/raw_int64_floor")->Arg(3)->Arg(1000);

void BM_allocate_money(benchmark::State& state) {
    using namespace fundround::literals;
    const auto w = weights_for(state.range(0));
    money total = 110_B;
    benchmark::DoNotOptimize(total);
    for (auto _ : state) {
        std::vector<money> parts = fundround::allocate(total, w);
        benchmark::DoNotOptimize(parts.data());
        benchmark::ClobberMemory();
    }
    set_items(state, state.range(0));
}
BENCHMARK(BM_allocate_money)->Name("allocate/money")->Arg(3)->Arg(1000);

// ---------------------------------------------------------------------------------------------
// (e) ownership fractions: amount / post-money ($840B)

void BM_ratio_raw_gcd(benchmark::State& state) {
    const auto& v = raw_amounts();
    std::int64_t post = 840LL * 1000000000 * money::units_per_major;
    benchmark::DoNotOptimize(post);
    std::vector<std::pair<std::int64_t, std::int64_t>> out(kN);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) {
            const std::int64_t g = std::gcd(v[i], post);
            out[i] = {v[i] / g, post / g};
        }
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_ratio_raw_gcd)->Name("ratio/raw_int64_gcd");

void BM_ratio_money(benchmark::State& state) {
    using namespace fundround::literals;
    const auto& v = money_amounts();
    money post = 840_B;
    benchmark::DoNotOptimize(post);
    std::vector<fundround::fraction> out(kN);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = v[i].ratio_to(post);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_ratio_money)->Name("ratio/money_ratio_to");

}  // namespace

BENCHMARK_MAIN();
