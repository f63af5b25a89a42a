// Money arithmetic against baselines in the same binary, so the README can quote ratios.
//
// Every benchmark walks the same N = 4096 pseudo-random amounts (fixed seed) and reports
// items_per_second, one item being one amount (or one weight for allocation). Compare a row
// with its baseline in this binary, on this machine: the ratio is the result, not the ns.
//
//   add/, sub/, less/, sort/, times/ (the goal: money <= 1.2x, times <= 1.5x):
//       <op>/same_work   BASELINE. The same work on raw integers: a 16-byte
//                        {int64_t units; uint32_t currency} per amount (money is 16 bytes too),
//                        the currency tag compared on every op that combines two amounts,
//                        overflow checked with __builtin_*_overflow, both failures thrown from a
//                        cold, never-inlined function; times: the same 128-bit product, division,
//                        half-even rounding and checked narrowing, written by hand, with the
//                        64-bit fast path money takes when the product fits (one 64-bit
//                        division); times/same_work_128bit: always 128-bit (information).
//       <op>/money       fundround::money doing it.
//       <op>/int64_*     for information only, NOT the same work: no currency (int64_checked),
//                        or nothing checked at all (raw_int64; times/raw_int64 truncates).
//   paired/<op>          the same two loops (same_work, money) timed alternately inside one
//                        benchmark, 16 passes over the 4096 amounts per chunk, thread CPU time;
//                        counter ratio = median chunk time of money / median chunk time of the
//                        baseline (load drift cancels out).
//   times/money_fraction money::times(fraction, half_even)   (detail::scale_units: 128-bit
//                        fraction terms, exact wide product, checked narrowing)
//   alt/          the same add and mul-by-ratio with other amount types (all rounding half-even
//                 except cpp_dec_float, which rounds half away from zero):
//                 boost checked_int128_t fixed point, cpp_dec_float_50, cpp_rational
//   allocate/     allocate($110B, 3 weights) and (1000 weights) vs a raw int64 floor-share loop
//   ratio/        money::ratio_to (exact fraction, 128-bit terms) vs an int64 gcd-reduced pair
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

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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
// The same-work baseline: what money has to do, written by hand on raw integers.

struct tagged {             // 16 bytes, like money (int64 units + 3-char currency code, padded)
    std::int64_t units;
    std::uint32_t cur;      // the currency tag: one 32-bit compare per op that combines two
};
static_assert(sizeof(tagged) == sizeof(money), "the baseline walks as many bytes as money");

constexpr std::uint32_t kUsdTag = 0x445355;  // "USD"

// Cold, never-inlined failure paths, as in money (the throw never happens here).
[[noreturn]] __attribute__((cold, noinline)) void throw_mismatch() {
    throw fundround::currency_mismatch_error("baseline: currency mismatch");
}
[[noreturn]] __attribute__((cold, noinline)) void throw_overflow() {
    throw fundround::overflow_error("baseline: overflow");
}
[[noreturn]] __attribute__((cold, noinline)) void throw_div_zero() {
    throw fundround::invalid_argument_error("baseline: division by zero");
}

inline void check_cur(tagged a, tagged b) {
    if (__builtin_expect(a.cur != b.cur, 0)) throw_mismatch();
}
inline void add_to(tagged& s, tagged a) {
    check_cur(s, a);
    if (__builtin_expect(__builtin_add_overflow(s.units, a.units, &s.units), 0)) throw_overflow();
}
inline void sub_from(tagged& s, tagged a) {
    check_cur(s, a);
    if (__builtin_expect(__builtin_sub_overflow(s.units, a.units, &s.units), 0)) throw_overflow();
}
inline bool less(tagged a, tagged b) {
    check_cur(a, b);
    return a.units < b.units;
}
// a * num / den, 128-bit product, rounded half to even (any signs), narrowed with a check.
inline tagged times_half_even(tagged a, std::int64_t num, std::int64_t den) {
    using i128 = fundround::detail::int128;
    if (__builtin_expect(den == 0, 0)) throw_div_zero();
    const i128 p = i128(a.units) * i128(num);
    const i128 d = den;
    i128 q = p / d;                 // truncated toward zero
    const i128 r = p - q * d;       // same sign as p
    const auto ur = static_cast<fundround::detail::uint128>(r < 0 ? -r : r);
    const auto ud = static_cast<fundround::detail::uint128>(d < 0 ? -d : d);
    const auto rest = ud - ur;      // compare |r| with |d| - |r|: no overflow
    if (ur > rest || (ur == rest && (q & 1) != 0)) q += ((p < 0) != (d < 0)) ? -1 : 1;
    if (__builtin_expect(q > i128(fundround::detail::int64_max) ||
                         q < i128(fundround::detail::int64_min), 0)) throw_overflow();
    return {static_cast<std::int64_t>(q), a.cur};
}

// The same with the fast path money::times takes, written by hand: when the 64-bit product
// does not overflow (checked with __builtin_mul_overflow), one 64-bit division gives quotient
// and remainder, rounded half to even; otherwise the 128-bit path above. This is the paired
// baseline: the always-128-bit version does more work than a careful hand-written loop (a
// __divti3 call per item) and made money look twice as fast as the same work.
inline tagged times_half_even_fast(tagged a, std::int64_t num, std::int64_t den) {
    if (__builtin_expect(den == 0, 0)) throw_div_zero();
    std::int64_t p = 0;
    if (!__builtin_mul_overflow(a.units, num, &p) && den != -1) {
        std::int64_t q = p / den;
        const std::int64_t r = p - q * den;
        if (r != 0) {
            const std::uint64_t ur = r < 0 ? 0 - static_cast<std::uint64_t>(r) : static_cast<std::uint64_t>(r);
            const std::uint64_t ud = den < 0 ? 0 - static_cast<std::uint64_t>(den) : static_cast<std::uint64_t>(den);
            const std::uint64_t rest = ud - ur;
            if (ur > rest || (ur == rest && (q & 1) != 0)) q += ((p < 0) != (den < 0)) ? -1 : 1;
        }
        return {q, a.cur};
    }
    return times_half_even(a, num, den);
}

const std::vector<tagged>& tagged_amounts() {
    static const std::vector<tagged> v = [] {
        std::vector<tagged> out;
        out.reserve(kN);
        for (auto a : raw_amounts()) out.push_back({a, kUsdTag});
        return out;
    }();
    return v;
}

// The loops, one per operation and type; benchmarks and paired/ call the same functions.
// Each returns something the caller passes to DoNotOptimize; the inputs are re-read every call
// (DoNotOptimize's memory clobber).
// Every measured loop is its own function, never inlined, starting on a 64-byte boundary, so
// both sides of a pair get comparable code placement. These loops cost about one cycle per
// item, and where the compiler inlined them into the benchmark body their placement differed
// from side to side (the clang++ money `<` loop straddled a 32-byte boundary with its back
// edge, the baseline's did not): ratios moved by 30-60 % with no change in the instructions.
#define FUNDROUND_BENCH_LOOP __attribute__((noinline, aligned(64)))

template <class T>
struct ops;

template <>
struct ops<tagged> {
    static const std::vector<tagged>& data() { return tagged_amounts(); }
    static tagged zero() { return {0, kUsdTag}; }
    FUNDROUND_BENCH_LOOP static tagged add(const std::vector<tagged>& v) {
        tagged s = zero();
        for (const tagged& a : v) add_to(s, a);
        return s;
    }
    FUNDROUND_BENCH_LOOP static tagged sub(const std::vector<tagged>& v) {
        tagged s = zero();
        for (const tagged& a : v) sub_from(s, a);
        return s;
    }
    FUNDROUND_BENCH_LOOP static std::int64_t count_less(const std::vector<tagged>& v) {
        std::int64_t c = 0;
        for (std::size_t i = 0; i + 1 < v.size(); ++i) c += less(v[i], v[i + 1]) ? 1 : 0;
        return c;
    }
    FUNDROUND_BENCH_LOOP static void sort(std::vector<tagged>& w) {
        std::sort(w.begin(), w.end(), [](const tagged& a, const tagged& b) { return less(a, b); });
    }
    FUNDROUND_BENCH_LOOP static void times(const std::vector<tagged>& v, std::vector<tagged>& out, std::int64_t num,
                      std::int64_t den) {
        for (std::size_t i = 0; i < v.size(); ++i) out[i] = times_half_even_fast(v[i], num, den);
    }
    // Information: always the 128-bit product and division.
    FUNDROUND_BENCH_LOOP static void times_128(const std::vector<tagged>& v, std::vector<tagged>& out,
                                               std::int64_t num, std::int64_t den) {
        for (std::size_t i = 0; i < v.size(); ++i) out[i] = times_half_even(v[i], num, den);
    }
};

template <>
struct ops<money> {
    static const std::vector<money>& data() { return money_amounts(); }
    FUNDROUND_BENCH_LOOP static money add(const std::vector<money>& v) {
        money s;
        for (const money& a : v) s += a;
        return s;
    }
    FUNDROUND_BENCH_LOOP static money sub(const std::vector<money>& v) {
        money s;
        for (const money& a : v) s -= a;
        return s;
    }
    FUNDROUND_BENCH_LOOP static std::int64_t count_less(const std::vector<money>& v) {
        std::int64_t c = 0;
        for (std::size_t i = 0; i + 1 < v.size(); ++i) c += v[i] < v[i + 1] ? 1 : 0;
        return c;
    }
    FUNDROUND_BENCH_LOOP static void sort(std::vector<money>& w) { std::sort(w.begin(), w.end()); }
    FUNDROUND_BENCH_LOOP static void times(const std::vector<money>& v, std::vector<money>& out, std::int64_t num,
                      std::int64_t den) {
        for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i].times(num, den, rounding::half_even);
    }
};

// Informational only: int64 with overflow checks and no currency.
template <>
struct ops<std::int64_t> {
    static const std::vector<std::int64_t>& data() { return raw_amounts(); }
    FUNDROUND_BENCH_LOOP static std::int64_t add(const std::vector<std::int64_t>& v) {
        std::int64_t s = 0;
        for (auto a : v) {
            if (__builtin_expect(__builtin_add_overflow(s, a, &s), 0)) throw_overflow();
        }
        return s;
    }
    FUNDROUND_BENCH_LOOP static std::int64_t sub(const std::vector<std::int64_t>& v) {
        std::int64_t s = 0;
        for (auto a : v) {
            if (__builtin_expect(__builtin_sub_overflow(s, a, &s), 0)) throw_overflow();
        }
        return s;
    }
    FUNDROUND_BENCH_LOOP static std::int64_t count_less(const std::vector<std::int64_t>& v) {
        std::int64_t c = 0;
        for (std::size_t i = 0; i + 1 < v.size(); ++i) c += v[i] < v[i + 1] ? 1 : 0;
        return c;
    }
    FUNDROUND_BENCH_LOOP static void sort(std::vector<std::int64_t>& w) { std::sort(w.begin(), w.end()); }
};

// Startup check: the same-work baseline computes what money computes (else abort).
struct same_work_checks {
    same_work_checks() {
        const auto& t = tagged_amounts();
        const auto& m = money_amounts();
        if (ops<tagged>::add(t).units != ops<money>::add(m).units()) fail("same_work add");
        if (ops<tagged>::sub(t).units != ops<money>::sub(m).units()) fail("same_work sub");
        if (ops<tagged>::count_less(t) != ops<money>::count_less(m)) fail("same_work less");
        std::vector<tagged> wt = t;
        std::vector<money> wm = m;
        ops<tagged>::sort(wt);
        ops<money>::sort(wm);
        for (std::size_t i = 0; i < kN; ++i) {
            if (wt[i].units != wm[i].units()) fail("same_work sort");
        }
        std::vector<tagged> ot(kN);
        std::vector<money> om(kN);
        ops<tagged>::times(t, ot, kNum, kDen);
        ops<money>::times(m, om, kNum, kDen);
        for (std::size_t i = 0; i < kN; ++i) {
            if (ot[i].units != om[i].units()) fail("same_work times");
        }
        // Signs and exact ties (x.5 units), where half-even decides.
        for (std::int64_t a = -1000; a <= 1000; ++a) {
            for (const auto& nd : {std::pair<std::int64_t, std::int64_t>{1, 2}, {3, 4}, {5, -84},
                                   {-7, 2}, {-1, -4}, {9, 6}}) {
                const std::int64_t want =
                    money::from_units(a).times(nd.first, nd.second, rounding::half_even).units();
                if (times_half_even({a, kUsdTag}, nd.first, nd.second).units != want ||
                    times_half_even_fast({a, kUsdTag}, nd.first, nd.second).units != want) {
                    fail("same_work times (signs, ties)");
                }
            }
        }
        bool threw = false;
        try {
            (void)times_half_even({fundround::detail::int64_max, kUsdTag}, 3, 2);
        } catch (const fundround::overflow_error&) {
            threw = true;
        }
        if (!threw) fail("same_work times: narrowing not checked");
    }
};
const same_work_checks run_same_work_checks;

// Hidden from the optimiser so that no variant divides by a compile-time constant.
std::int64_t opaque(std::int64_t x) {
    benchmark::DoNotOptimize(x);
    return x;
}

template <class T>
void BM_add(benchmark::State& state) {
    const auto& v = ops<T>::data();
    for (auto _ : state) {
        auto s = ops<T>::add(v);
        benchmark::DoNotOptimize(s);  // "memory" clobber: v must be re-read every iteration
    }
    set_items(state, kItems);
}
template <class T>
void BM_sub(benchmark::State& state) {
    const auto& v = ops<T>::data();
    for (auto _ : state) {
        auto s = ops<T>::sub(v);
        benchmark::DoNotOptimize(s);
    }
    set_items(state, kItems);
}
template <class T>
void BM_less(benchmark::State& state) {
    const auto& v = ops<T>::data();
    for (auto _ : state) {
        auto c = ops<T>::count_less(v);
        benchmark::DoNotOptimize(c);
    }
    set_items(state, kItems - 1);
}
// One iteration = copy the 4096 unsorted amounts into a work vector (a memcpy) and sort it;
// both sides copy the same number of bytes (int64_t: half as many, information only).
template <class T>
void BM_sort(benchmark::State& state) {
    const auto& v = ops<T>::data();
    std::vector<T> w(v.size());
    for (auto _ : state) {
        std::copy(v.begin(), v.end(), w.begin());
        ops<T>::sort(w);
        benchmark::DoNotOptimize(w.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
template <class T>
void BM_times(benchmark::State& state) {
    const auto& v = ops<T>::data();
    std::vector<T> out(v.size());
    const std::int64_t num = opaque(kNum);
    const std::int64_t den = opaque(kDen);
    for (auto _ : state) {
        ops<T>::times(v, out, num, den);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}

BENCHMARK_TEMPLATE(BM_add, tagged)->Name("add/same_work");
BENCHMARK_TEMPLATE(BM_add, money)->Name("add/money");
BENCHMARK_TEMPLATE(BM_add, std::int64_t)->Name("add/int64_checked");
BENCHMARK_TEMPLATE(BM_sub, tagged)->Name("sub/same_work");
BENCHMARK_TEMPLATE(BM_sub, money)->Name("sub/money");
BENCHMARK_TEMPLATE(BM_sub, std::int64_t)->Name("sub/int64_checked");
BENCHMARK_TEMPLATE(BM_less, tagged)->Name("less/same_work");
BENCHMARK_TEMPLATE(BM_less, money)->Name("less/money");
BENCHMARK_TEMPLATE(BM_less, std::int64_t)->Name("less/int64");
BENCHMARK_TEMPLATE(BM_sort, tagged)->Name("sort/same_work");
BENCHMARK_TEMPLATE(BM_sort, money)->Name("sort/money");
BENCHMARK_TEMPLATE(BM_sort, std::int64_t)->Name("sort/int64");
BENCHMARK_TEMPLATE(BM_times, tagged)->Name("times/same_work");
BENCHMARK_TEMPLATE(BM_times, money)->Name("times/money_num_den");

// Information: the baseline without the 64-bit fast path (a 128-bit division per item).
void BM_times_same_work_128(benchmark::State& state) {
    const auto& v = ops<tagged>::data();
    std::vector<tagged> out(v.size());
    const std::int64_t num = opaque(kNum);
    const std::int64_t den = opaque(kDen);
    for (auto _ : state) {
        ops<tagged>::times_128(v, out, num, den);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_times_same_work_128)->Name("times/same_work_128bit");

// Information only, NOT the same work: a plain int64_t sum, which the compiler vectorises.
void BM_add_raw_int64(benchmark::State& state) {
    const auto& v = raw_amounts();
    for (auto _ : state) {
        std::int64_t s = 0;
        for (auto a : v) s += a;
        benchmark::DoNotOptimize(s);
    }
    set_items(state, kItems);
}
BENCHMARK(BM_add_raw_int64)->Name("add/raw_int64");

// Information only, NOT the same work: a * num / den on int64, truncating and unchecked
// (overflows silently for large amounts).
void BM_times_raw_int64(benchmark::State& state) {
    const auto& v = raw_amounts();
    std::vector<std::int64_t> out(kN);
    const std::int64_t num = opaque(kNum);
    const std::int64_t den = opaque(kDen);
    for (auto _ : state) {
        for (std::size_t i = 0; i < kN; ++i) out[i] = v[i] * num / den;
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_items(state, kItems);
}
BENCHMARK(BM_times_raw_int64)->Name("times/raw_int64");

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
// paired/<op>: baseline and money timed alternately in one benchmark. Each iteration times one
// chunk of each (order alternating), kReps passes over the 4096 amounts per chunk, timed in thread
// CPU time; the counters are the median chunk times per item and their ratio.

constexpr int kReps = 16;

// This thread's CPU time (not wall time: on a shared machine most chunks would otherwise include
// time spent waiting for a core). One clock_gettime per chunk end, on both sides alike.
double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

template <class Body>
double time_chunk(Body&& body) {
    const double t0 = thread_cpu_ns();
    for (int r = 0; r < kReps; ++r) body();
    return thread_cpu_ns() - t0;
}

double median_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 != 0 ? v[m] : (v[m - 1] + v[m]) / 2;
}

template <class Base, class Money>
void run_paired(benchmark::State& state, Base&& base, Money&& mon) {
    std::vector<double> tb;
    std::vector<double> tm;
    bool money_first = false;
    for (auto _ : state) {
        if (money_first) {
            tm.push_back(time_chunk(mon));
            tb.push_back(time_chunk(base));
        } else {
            tb.push_back(time_chunk(base));
            tm.push_back(time_chunk(mon));
        }
        money_first = !money_first;
    }
    const double per = static_cast<double>(kReps) * static_cast<double>(kItems);
    const double b = median_of(tb) / per;
    const double m = median_of(tm) / per;
    state.counters["base_ns"] = b;
    state.counters["money_ns"] = m;
    state.counters["ratio"] = m / b;
}

void BM_paired_add(benchmark::State& state) {
    const auto& t = tagged_amounts();
    const auto& m = money_amounts();
    run_paired(state, [&] { auto s = ops<tagged>::add(t); benchmark::DoNotOptimize(s); },
               [&] { auto s = ops<money>::add(m); benchmark::DoNotOptimize(s); });
}
void BM_paired_sub(benchmark::State& state) {
    const auto& t = tagged_amounts();
    const auto& m = money_amounts();
    run_paired(state, [&] { auto s = ops<tagged>::sub(t); benchmark::DoNotOptimize(s); },
               [&] { auto s = ops<money>::sub(m); benchmark::DoNotOptimize(s); });
}
void BM_paired_less(benchmark::State& state) {
    const auto& t = tagged_amounts();
    const auto& m = money_amounts();
    run_paired(state, [&] { auto c = ops<tagged>::count_less(t); benchmark::DoNotOptimize(c); },
               [&] { auto c = ops<money>::count_less(m); benchmark::DoNotOptimize(c); });
}
void BM_paired_sort(benchmark::State& state) {
    const auto& t = tagged_amounts();
    const auto& m = money_amounts();
    std::vector<tagged> wt(t.size());
    std::vector<money> wm(m.size());
    run_paired(state,
               [&] {
                   std::copy(t.begin(), t.end(), wt.begin());
                   ops<tagged>::sort(wt);
                   benchmark::DoNotOptimize(wt.data());
                   benchmark::ClobberMemory();
               },
               [&] {
                   std::copy(m.begin(), m.end(), wm.begin());
                   ops<money>::sort(wm);
                   benchmark::DoNotOptimize(wm.data());
                   benchmark::ClobberMemory();
               });
}
void BM_paired_times(benchmark::State& state) {
    const auto& t = tagged_amounts();
    const auto& m = money_amounts();
    std::vector<tagged> ot(t.size());
    std::vector<money> om(m.size());
    const std::int64_t num = opaque(kNum);
    const std::int64_t den = opaque(kDen);
    run_paired(state,
               [&] {
                   ops<tagged>::times(t, ot, num, den);
                   benchmark::DoNotOptimize(ot.data());
                   benchmark::ClobberMemory();
               },
               [&] {
                   ops<money>::times(m, om, num, den);
                   benchmark::DoNotOptimize(om.data());
                   benchmark::ClobberMemory();
               });
}
BENCHMARK(BM_paired_add)->Name("paired/add");
BENCHMARK(BM_paired_sub)->Name("paired/sub");
BENCHMARK(BM_paired_less)->Name("paired/less");
BENCHMARK(BM_paired_sort)->Name("paired/sort");
BENCHMARK(BM_paired_times)->Name("paired/times");
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
