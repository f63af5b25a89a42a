// The liquidation waterfall of a five-class cap table: one exit value at a time, and 10^6 exit
// values evaluated from the breakpoints.
//
// The table (fixed): Common (two founders, 4M and 3M shares); Seed, $1M at $0.50, 1x
// non-participating, seniority 0; Series A, $5M at $2.50, 1x participating capped at 3x,
// seniority 1; Series B, $15M at $5 and Series C, $30M at $10, both 1x non-participating,
// seniority 2 (pari passu). Six holders. Preferences $51M in all; the exits are 4,096 values
// drawn (fixed seed) from $0 to $400M, so every regime is hit: tiers partly paid, participation,
// the cap, conversions.
//
//   at           waterfall::at(exit): the direct solve (binary search over the pieces of the
//                exit value's function of a share's value, each class's payout at that value,
//                holders from their holdings, rounding to whole mills by the largest remainder
//                for classes and for holders, statuses). The waterfall is built once.
//   curve_at     payout_curve::at(exit): the same from the curve's segments (binary search,
//                then intercept + slope x per line and holder on a common denominator).
//   hand         THE SAME work hand-written for this table in this binary: the pieces
//                precomputed once like the library's, then per exit the tier or piece, the five
//                class payouts and six holder payouts as exact numerators over one denominator
//                in __int128, rounded down, the leftover mills by largest remainder.
//                Checked equal to the library's payouts, exit by exit, before timing.
//   paired/at, paired/curve   library and hand alternating in chunks of 256 exits, each chunk
//                timed with the thread's CPU clock; counters lib_ns, hand_ns, ratio = lib / hand
//                (goal <= 3x).
//   million/curve, million/hand   breakpoints (the curve) computed once, then 10^6 exit values
//                evaluated; one iteration is the whole million (the curve's build included for
//                the library, the pieces' for the hand-written side).
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

namespace {

using namespace fundround;
__extension__ typedef __int128 i128;  // NOLINT(modernize-use-using)

share_count sh(std::int64_t n) { return share_count(n); }
money usd(std::int64_t dollars) { return money::from_major(dollars); }

cap_table five_classes() {
    liquidation_terms seed = liquidation_terms::standard();
    liquidation_terms a;
    a.participation = participation::capped(fraction(3));
    a.seniority = 1;
    liquidation_terms bc = liquidation_terms::standard();
    bc.seniority = 2;
    return cap_table_builder()
        .add(holder::founder("f1", "Founder One"))
        .add(holder::founder("f2", "Founder Two"))
        .add(holder::investor("angel", "Angel"))
        .add(holder::investor("fa", "Fund A"))
        .add(holder::investor("fb", "Fund B"))
        .add(holder::investor("fc", "Fund C"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Seed", price_per_share(usd(1'000'000), sh(2'000'000)), seed))
        .add(share_class::preferred("Series A", price_per_share(usd(5'000'000), sh(2'000'000)), a))
        .add(share_class::preferred("Series B", price_per_share(usd(15'000'000), sh(3'000'000)), bc))
        .add(share_class::preferred("Series C", price_per_share(usd(30'000'000), sh(3'000'000)), bc))
        .holding(holder_id("f1"), "Common", sh(4'000'000))
        .holding(holder_id("f2"), "Common", sh(3'000'000))
        .holding(holder_id("angel"), "Seed", sh(2'000'000))
        .holding(holder_id("fa"), "Series A", sh(2'000'000))
        .holding(holder_id("fb"), "Series B", sh(3'000'000))
        .holding(holder_id("fc"), "Series C", sh(3'000'000))
        .build();
}

const std::vector<money>& exits() {
    static const std::vector<money> values = [] {
        std::vector<money> v;
        std::uint64_t s = 0x5eed;
        for (int i = 0; i < 4096; ++i) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            v.push_back(money::from_units(static_cast<std::int64_t>((s >> 11) % 400'000'000'000ULL)));
        }
        return v;
    }();
    return values;
}

// ---- The hand-written same work ------------------------------------------------------------

enum class kind { common, nonpart, capped };

struct hand_class {
    kind k;
    std::int64_t shares;  // as converted (ratio 1)
    std::int64_t pref;    // mills
    std::int64_t cap;     // mills (capped)
    int rank;
};

// A piece of D(v) = a + b v (v in mills per share, a rational start v_lo = vn / vd).
struct hand_piece {
    i128 x_num, x_den;  // x_lo = x_num / x_den
    std::int64_t a, b;  // a, b integers for this table (integer preferences and shares)
    unsigned char state[5];  // 0 preference (or nothing for common), 1 participating, 2 capped, 3 converted
};

struct hand_model {
    hand_class cls[5];
    std::int64_t holder_shares[6];  // of the holder's class
    int holder_class[6];
    // Tiers, highest rank first.
    int tier_count = 0;
    std::int64_t tier_from[5], tier_total[5];
    int tier_of[5];
    std::int64_t total_pref = 0;
    std::vector<hand_piece> pieces;
};

struct hand_out {
    std::int64_t cls[5];
    std::int64_t holder[6];
};

i128 gcd128(i128 a, i128 b) {
    while (b != 0) {
        const i128 t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

hand_model hand_model_of() {
    hand_model m{};
    m.cls[0] = {kind::common, 7'000'000, 0, 0, -1};
    m.cls[1] = {kind::nonpart, 2'000'000, 1'000'000'000, 0, 0};
    m.cls[2] = {kind::capped, 2'000'000, 5'000'000'000, 15'000'000'000, 1};
    m.cls[3] = {kind::nonpart, 3'000'000, 15'000'000'000, 0, 2};
    m.cls[4] = {kind::nonpart, 3'000'000, 30'000'000'000, 0, 2};
    const std::int64_t hs[6] = {4'000'000, 3'000'000, 2'000'000, 2'000'000, 3'000'000, 3'000'000};
    const int hc[6] = {0, 0, 1, 2, 3, 4};
    for (int h = 0; h < 6; ++h) {
        m.holder_shares[h] = hs[h];
        m.holder_class[h] = hc[h];
    }
    for (int rank = 2; rank >= 0; --rank) {
        std::int64_t total = 0;
        for (int c = 1; c < 5; ++c) {
            if (m.cls[c].rank == rank) {
                total += m.cls[c].pref;
                m.tier_of[c] = m.tier_count;
            }
        }
        m.tier_from[m.tier_count] = m.total_pref;
        m.tier_total[m.tier_count] = total;
        m.total_pref += total;
        ++m.tier_count;
    }
    // Kinks v = n / d: conversion of non-participating at pref / s; capped at (cap - pref) / s
    // and cap / s.
    struct kink { i128 n, d; };
    std::vector<kink> kinks{{0, 1}};
    for (int c = 1; c < 5; ++c) {
        const hand_class& k = m.cls[c];
        if (k.k == kind::nonpart) kinks.push_back({k.pref, k.shares});
        if (k.k == kind::capped) {
            kinks.push_back({k.cap - k.pref, k.shares});
            kinks.push_back({k.cap, k.shares});
        }
    }
    std::sort(kinks.begin(), kinks.end(), [](const kink& x, const kink& y) { return x.n * y.d < y.n * x.d; });
    for (const kink& v : kinks) {
        hand_piece p{};
        p.a = 0;
        p.b = 0;
        for (int c = 0; c < 5; ++c) {
            const hand_class& k = m.cls[c];
            const i128 sv_n = k.shares * v.n;  // s v = sv_n / v.d
            if (k.k == kind::common) {
                p.b += k.shares;
                p.state[c] = 1;
            } else if (k.k == kind::nonpart) {
                if (k.pref * v.d <= sv_n) {
                    p.b += k.shares;
                    p.state[c] = 3;
                } else {
                    p.a += k.pref;
                    p.state[c] = 0;
                }
            } else if (k.cap * v.d <= sv_n) {
                p.b += k.shares;
                p.state[c] = 3;
            } else if ((k.cap - k.pref) * v.d <= sv_n) {
                p.a += k.cap;
                p.state[c] = 2;
            } else {
                p.a += k.pref;
                p.b += k.shares;
                p.state[c] = 1;
            }
        }
        p.x_num = i128(p.a) * v.d + i128(p.b) * v.n;
        p.x_den = v.d;
        const i128 g = gcd128(p.x_num, p.x_den);
        p.x_num /= g;
        p.x_den /= g;
        m.pieces.push_back(p);
    }
    return m;
}

// Largest remainder: parts[i] = floor(num[i] / den[i]); leftover to the largest num % den / den.
template <std::size_t N>
void hand_round(const i128 (&num)[N], const i128 (&den)[N], std::int64_t total, std::int64_t (&out)[N]) {
    i128 rem[N];
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < N; ++i) {
        out[i] = static_cast<std::int64_t>(num[i] / den[i]);
        rem[i] = num[i] % den[i];
        assigned += out[i];
    }
    std::int64_t left = total - assigned;
    while (left-- > 0) {
        std::size_t best = N;
        for (std::size_t i = 0; i < N; ++i) {
            if (rem[i] < 0) continue;
            if (best == N || rem[i] * den[best] > rem[best] * den[i]) best = i;
        }
        out[best] += 1;
        rem[best] = -1;
    }
}

hand_out by_hand(const hand_model& m, std::int64_t x) {
    hand_out o{};
    i128 num[5], den[5];
    if (x <= m.total_pref) {
        for (int c = 0; c < 5; ++c) {
            num[c] = 0;
            den[c] = 1;
            if (m.cls[c].k == kind::common) continue;
            const int t = m.tier_of[c];
            const std::int64_t from = m.tier_from[t];
            if (x >= from + m.tier_total[t]) {
                num[c] = m.cls[c].pref;
            } else if (x > from) {
                num[c] = i128(x - from) * m.cls[c].pref;
                den[c] = m.tier_total[t];
            }
        }
    } else {
        // The last piece whose start is at most x.
        std::size_t lo = 0, hi = m.pieces.size();
        while (hi - lo > 1) {
            const std::size_t mid = (lo + hi) / 2;
            if (m.pieces[mid].x_num <= i128(x) * m.pieces[mid].x_den) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        const hand_piece& p = m.pieces[lo];
        const i128 r = i128(x) - p.a;  // v = r / b
        for (int c = 0; c < 5; ++c) {
            const hand_class& k = m.cls[c];
            den[c] = p.b;
            switch (p.state[c]) {
                case 0: num[c] = i128(k.pref) * p.b; break;
                case 1: num[c] = i128(k.pref) * p.b + i128(k.shares) * r; break;
                case 2: num[c] = i128(k.cap) * p.b; break;
                default: num[c] = i128(k.shares) * r; break;
            }
        }
    }
    hand_round(num, den, x, o.cls);
    i128 hnum[6], hden[6];
    for (int h = 0; h < 6; ++h) {
        const int c = m.holder_class[h];
        hnum[h] = num[c] * m.holder_shares[h];
        hden[h] = den[c] * m.cls[c].shares;
    }
    hand_round(hnum, hden, x, o.holder);
    return o;
}

// ---- Benchmarks ------------------------------------------------------------------------------

const waterfall& the_waterfall() {
    static const waterfall w = waterfall::build(five_classes());
    return w;
}

const payout_curve& the_curve() {
    static const payout_curve c = the_waterfall().curve();
    return c;
}

const hand_model& the_hand_model() {
    static const hand_model m = hand_model_of();
    return m;
}

bool check(benchmark::State& state) {
    const waterfall& w = the_waterfall();
    const payout_curve& c = the_curve();
    for (const money x : exits()) {
        const waterfall_payout a = w.at(x);
        const waterfall_payout b = c.at(x);
        const hand_out h = by_hand(the_hand_model(), x.units());
        for (int i = 0; i < 5; ++i) {
            if (a.by_line[static_cast<std::size_t>(i)].units() != h.cls[i] || b.by_line[static_cast<std::size_t>(i)].units() != h.cls[i]) {
                state.SkipWithError(("class payouts differ at " + format_full(x)).c_str());
                return false;
            }
        }
        for (int i = 0; i < 6; ++i) {
            if (a.by_holder[static_cast<std::size_t>(i)].units() != h.holder[i] || b.by_holder[static_cast<std::size_t>(i)].units() != h.holder[i]) {
                state.SkipWithError(("holder payouts differ at " + format_full(x)).c_str());
                return false;
            }
        }
    }
    return true;
}

void bm_at(benchmark::State& state) {
    const waterfall& w = the_waterfall();
    const std::vector<money>& xs = exits();
    std::size_t i = 0;
    for (auto _ : state) {
        waterfall_payout p = w.at(xs[i++ & 4095]);
        benchmark::DoNotOptimize(p);
    }
}

void bm_curve_at(benchmark::State& state) {
    const payout_curve& c = the_curve();
    const std::vector<money>& xs = exits();
    std::size_t i = 0;
    for (auto _ : state) {
        waterfall_payout p = c.at(xs[i++ & 4095]);
        benchmark::DoNotOptimize(p);
    }
}

void bm_hand(benchmark::State& state) {
    const hand_model& m = the_hand_model();
    const std::vector<money>& xs = exits();
    std::size_t i = 0;
    for (auto _ : state) {
        hand_out o = by_hand(m, xs[i++ & 4095].units());
        benchmark::DoNotOptimize(o);
    }
}

double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// Library and hand alternate in chunks of 256 exits, each timed with the thread's CPU clock;
// the side that goes first alternates too. state.range(0): 0 = waterfall::at, 1 = the curve.
void bm_paired(benchmark::State& state) {
    if (!check(state)) return;
    constexpr std::size_t chunk = 256;
    const bool use_curve = state.range(0) == 1;
    const waterfall& w = the_waterfall();
    const payout_curve& c = the_curve();
    const hand_model& m = the_hand_model();
    const std::vector<money>& xs = exits();
    double lib = 0;
    double hand = 0;
    bool lib_first = true;
    std::size_t start = 0;
    const auto run_lib = [&] {
        const double t = thread_cpu_ns();
        for (std::size_t k = 0; k < chunk; ++k) {
            waterfall_payout p = use_curve ? c.at(xs[(start + k) & 4095]) : w.at(xs[(start + k) & 4095]);
            benchmark::DoNotOptimize(p);
        }
        lib += thread_cpu_ns() - t;
    };
    const auto run_hand = [&] {
        const double t = thread_cpu_ns();
        for (std::size_t k = 0; k < chunk; ++k) {
            hand_out o = by_hand(m, xs[(start + k) & 4095].units());
            benchmark::DoNotOptimize(o);
        }
        hand += thread_cpu_ns() - t;
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
        start += chunk;
    }
    const auto calls = static_cast<double>(state.iterations()) * chunk;
    state.counters["lib_ns"] = lib / calls;
    state.counters["hand_ns"] = hand / calls;
    state.counters["ratio"] = hand > 0 ? lib / hand : 0;
}

// Breakpoints once, then 10^6 exit values: the library builds the curve and evaluates from it.
void bm_million_curve(benchmark::State& state) {
    const waterfall& w = the_waterfall();
    const std::vector<money>& xs = exits();
    for (auto _ : state) {
        const payout_curve c = w.curve();
        std::int64_t acc = 0;
        for (std::size_t k = 0; k < 1'000'000; ++k) acc += c.at(xs[k & 4095]).by_holder[0].units();
        benchmark::DoNotOptimize(acc);
    }
    state.counters["ns_per_exit"] = benchmark::Counter(1'000'000.0 * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void bm_million_hand(benchmark::State& state) {
    const std::vector<money>& xs = exits();
    for (auto _ : state) {
        const hand_model m = hand_model_of();
        std::int64_t acc = 0;
        for (std::size_t k = 0; k < 1'000'000; ++k) acc += by_hand(m, xs[k & 4095].units()).holder[0];
        benchmark::DoNotOptimize(acc);
    }
    state.counters["ns_per_exit"] = benchmark::Counter(1'000'000.0 * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void bm_build(benchmark::State& state) {
    const cap_table t = five_classes();
    for (auto _ : state) {
        waterfall w = waterfall::build(t);
        benchmark::DoNotOptimize(w);
    }
}

}  // namespace

BENCHMARK(bm_at)->Name("at");
BENCHMARK(bm_curve_at)->Name("curve_at");
BENCHMARK(bm_hand)->Name("hand");
BENCHMARK(bm_paired)->Name("paired/at")->Arg(0);
BENCHMARK(bm_paired)->Name("paired/curve")->Arg(1);
BENCHMARK(bm_million_curve)->Name("million/curve")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_million_hand)->Name("million/hand")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_build)->Name("build");

BENCHMARK_MAIN();
