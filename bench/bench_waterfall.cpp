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
//
// The evaluation path for many exits, payout_curve::at(exit, into):
//   into         payout_curve::at(exit, into) into a curve_payout reused from exit to exit: the
//                exit checked (currency, sign), binary search over the segments' first whole
//                exit values, the five class and six holder payouts as a + b x over the
//                segment's common denominator in checked 64-bit arithmetic (128-bit or exact
//                fractions where that would overflow), one division each, the leftover mills by
//                largest remainder; written as money into the caller's storage, with the segment
//                and the segment whose statuses apply (read from the curve, not copied).
//   hand_into    THE SAME work hand-written for this table with the library's techniques:
//                segments precomputed once (each class's and holder's intercept and slope
//                numerators over one common denominator per segment, the denominator's
//                reciprocal, the first whole exit value of each segment, whether it starts on a
//                whole number), then per exit: the sign checked, binary search and the state
//                segment with conditional moves (no branch on the data), eleven checked
//                64-bit multiply-adds, each divided by a multiply with the reciprocal, the
//                leftover mills by largest remainder (each entry's rank counted) for the classes
//                and for the holders, the segment and the state segment. Checked equal to the
//                library (payouts, segment, statuses through the segment) on all 4,096 exits
//                before timing.
//   hand_into_div   the same written plainly: a branching binary search, the hardware division
//                and a search for the largest remaining remainder per leftover mill
//                (information; checked equal too).
//   paired/into/2   library and hand_into alternating in chunks of 256 exits as above.
//   million/into, million/hand_into   the curve (or the hand-written segments) built once,
//                then 10^6 exits; one iteration is the whole million; counter ns_per_exit.
//
// The class payouts only, payout_curve::lines_at(exit, into) (issue 12: the peer computes payouts
// per share class and has no holders):
//   lines        payout_curve::lines_at(exit, into) into a reused curve_payout: the exit checked,
//                the same binary search and state segment as into, the five class payouts as
//                a + b x over the segment's common denominator (checked 64-bit, fallbacks as
//                into), divided by the reciprocal, the leftover mills by largest remainder among
//                the classes; the holders not computed (by_holder left empty).
//   hand_lines   THE SAME work hand-written: hand_into's segments, search and state segment, and
//                its five class payouts only (checked multiply-adds, reciprocal, ranks). Checked
//                equal to the library (payouts, segment, state segment) and the library to
//                at(exit).by_line on all 4,096 exits before timing.
//   paired/lines   library and hand_lines alternating in chunks of 256 exits as above.
//   million/lines, million/hand_lines   10^6 exits, class payouts only, as million/into.
#include <fundround/fundround.hpp>

#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace fundround;
__extension__ typedef __int128 i128;           // NOLINT(modernize-use-using)
__extension__ typedef unsigned __int128 u128;  // NOLINT(modernize-use-using)

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

// ---- The hand-written same work of payout_curve::at(exit, into) ------------------------------

// An exact rational n / d (d > 0), reduced; only for building the segments once.
struct q128 {
    i128 n = 0, d = 1;
};

q128 reduced(i128 n, i128 d) {
    if (d < 0) {
        n = -n;
        d = -d;
    }
    const i128 g = n == 0 ? d : gcd128(n, d);
    return {n / g, d / g};
}

q128 add(q128 a, q128 b) { return reduced(a.n * b.d + b.n * a.d, a.d * b.d); }
q128 mul(q128 a, q128 b) { return reduced(a.n * b.n, a.d * b.d); }

// One segment of the payout function: every class (5) and holder (6) payout is
// (a[i] + b[i] x) / den, x in mills.
struct hand_segment {
    std::int64_t first;  // the first whole exit value in the segment (its start rounded up)
    bool whole;          // the start is a whole number of mills
    std::uint64_t den;   // >= 2 (a denominator of 1 is kept as 2, the numerators doubled)
    std::uint64_t magic;  // floor(n / den) = (n magic >> 64) >> shift for n < 2^63
    unsigned shift;
    std::int64_t a[11], b[11];
};

struct hand_curve {
    std::vector<hand_segment> segs;
};

std::int64_t narrow64(i128 v) {
    if (v > i128(INT64_MAX) || v < i128(INT64_MIN)) throw std::overflow_error("hand curve: a numerator overflows");
    return static_cast<std::int64_t>(v);
}

hand_curve hand_curve_of(const hand_model& m) {
    hand_curve c;
    // Each segment as exact (intercept, slope) per class, then per holder.
    const auto push = [&](q128 from, const q128 (&ic)[5], const q128 (&sc)[5]) {
        q128 in[11], sl[11];
        for (int k = 0; k < 5; ++k) {
            in[k] = ic[k];
            sl[k] = sc[k];
        }
        for (int h = 0; h < 6; ++h) {
            const int k = m.holder_class[h];
            const q128 share = reduced(m.holder_shares[h], m.cls[k].shares);
            in[5 + h] = mul(ic[k], share);
            sl[5 + h] = mul(sc[k], share);
        }
        i128 den = 1;
        for (int i = 0; i < 11; ++i) {
            den = den / gcd128(den, in[i].d) * in[i].d;
            den = den / gcd128(den, sl[i].d) * sl[i].d;
        }
        const i128 scale = den == 1 ? 2 : 1;
        hand_segment g{};
        g.first = narrow64((from.n + from.d - 1) / from.d);
        g.whole = from.d == 1;
        g.den = static_cast<std::uint64_t>(narrow64(den * scale));
        if (g.den > (std::uint64_t{1} << 57)) throw std::overflow_error("hand curve: a denominator above 2^57");
        for (int i = 0; i < 11; ++i) {
            g.a[i] = narrow64(in[i].n * (den / in[i].d) * scale);
            g.b[i] = narrow64(sl[i].n * (den / sl[i].d) * scale);
        }
        // The reciprocal: l = ceil(log2 den), magic = ceil(2^(63 + l) / den), shift = l - 1.
        unsigned l = 0;
        while ((std::uint64_t{1} << l) < g.den) ++l;
        g.magic = static_cast<std::uint64_t>(((u128(1) << (63 + l)) + g.den - 1) / g.den);
        g.shift = l - 1;
        c.segs.push_back(g);
    };
    // The tiers: paid pro rata to the preferences, the senior ones in full.
    for (int t = 0; t < m.tier_count; ++t) {
        q128 ic[5], sc[5];
        for (int k = 1; k < 5; ++k) {
            const hand_class& cl = m.cls[k];
            if (m.tier_of[k] < t) ic[k] = reduced(cl.pref, 1);
            if (m.tier_of[k] == t) {
                sc[k] = reduced(cl.pref, m.tier_total[t]);
                ic[k] = reduced(-i128(m.tier_from[t]) * cl.pref, m.tier_total[t]);
            }
        }
        push(reduced(m.tier_from[t], 1), ic, sc);
    }
    // The pieces above the preferences (v = (x - a) / b), those of zero width left out.
    for (std::size_t p = 0; p < m.pieces.size(); ++p) {
        const hand_piece& pc = m.pieces[p];
        if (p + 1 < m.pieces.size() && m.pieces[p + 1].x_num == pc.x_num && m.pieces[p + 1].x_den == pc.x_den) continue;
        q128 ic[5], sc[5];
        for (int k = 0; k < 5; ++k) {
            const hand_class& cl = m.cls[k];
            const q128 slope = reduced(cl.shares, pc.b);                    // shares v = shares (x - a) / b
            const q128 intercept = reduced(-i128(cl.shares) * pc.a, pc.b);
            switch (k == 0 ? 3 : pc.state[k]) {
                case 0: ic[k] = reduced(cl.pref, 1); break;
                case 1: ic[k] = add(reduced(cl.pref, 1), intercept); sc[k] = slope; break;
                case 2: ic[k] = reduced(cl.cap, 1); break;
                default: ic[k] = intercept; sc[k] = slope; break;
            }
        }
        push(reduced(pc.x_num, pc.x_den), ic, sc);
    }
    return c;
}

struct hand_into_out {
    std::size_t segment = 0, state_segment = 0;
    std::int64_t cls[5];
    std::int64_t holder[6];
};

// Floor of (a + b x) / den for entries [first, first + N), the leftover mills one each to the
// largest remainders (ties to the earlier). Reciprocal: the division as a multiply by the
// segment's precomputed reciprocal and the leftover by counting each entry's rank (remainder and
// index packed in one key), as the library; otherwise the hardware division and a search for the
// largest remaining remainder per leftover mill.
template <bool Reciprocal, std::size_t N>
void hand_group(const hand_segment& g, int first, std::int64_t x, std::int64_t (&out)[N]) {
    std::uint64_t rem[N];
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < N; ++i) {
        std::int64_t bx = 0, n = 0;
        if (__builtin_mul_overflow(g.b[first + static_cast<int>(i)], x, &bx) ||
            __builtin_add_overflow(g.a[first + static_cast<int>(i)], bx, &n) || n < 0) {
            throw std::overflow_error("hand: a payout's numerator overflows 64 bits");
        }
        const auto un = static_cast<std::uint64_t>(n);
        std::uint64_t q = 0;
        if constexpr (Reciprocal) {
            q = static_cast<std::uint64_t>((static_cast<u128>(un) * g.magic) >> 64) >> g.shift;
        } else {
            q = un / g.den;
        }
        out[i] = static_cast<std::int64_t>(q);
        rem[i] = un - q * g.den;
        assigned += out[i];
    }
    const std::int64_t left = x - assigned;
    if constexpr (Reciprocal) {
        std::uint64_t key[N];
        for (std::size_t i = 0; i < N; ++i) key[i] = rem[i] << 6 | (63U - i);  // den < 2^57 here
        for (std::size_t i = 0; i < N; ++i) {
            std::int64_t ahead = 0;
            for (std::size_t j = 0; j < N; ++j) ahead += key[j] > key[i];
            out[i] += ahead < left;
        }
    } else {
        bool taken[N] = {};
        for (std::int64_t k = 0; k < left; ++k) {
            std::size_t best = N;
            for (std::size_t i = 0; i < N; ++i) {
                if (!taken[i] && (best == N || rem[i] > rem[best])) best = i;
            }
            taken[best] = true;
            out[best] += 1;
        }
    }
}

template <bool Reciprocal>
void by_hand_into(const hand_curve& c, std::int64_t x, hand_into_out& o) {
    if (x < 0) throw std::invalid_argument("hand: negative exit value");
    std::size_t lo = 0;
    if constexpr (Reciprocal) {
        // Without branches on the data (conditional moves), as the library.
        const hand_segment* base = c.segs.data();
        for (std::size_t n = c.segs.size(); n > 1;) {
            const std::size_t half = n / 2;
            base = base[half].first <= x ? base + half : base;
            n -= half;
        }
        lo = static_cast<std::size_t>(base - c.segs.data());
    } else {
        std::size_t hi = c.segs.size();
        while (hi - lo > 1) {
            const std::size_t mid = (lo + hi) / 2;
            if (c.segs[mid].first <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    const hand_segment& g = c.segs[lo];
    o.segment = lo;
    if constexpr (Reciprocal) {
        o.state_segment = lo - static_cast<std::size_t>(static_cast<unsigned>(lo > 0) & static_cast<unsigned>(g.whole) &
                                                        static_cast<unsigned>(g.first == x));
    } else {
        o.state_segment = lo > 0 && g.whole && g.first == x ? lo - 1 : lo;
    }
    hand_group<Reciprocal>(g, 0, x, o.cls);
    hand_group<Reciprocal>(g, 5, x, o.holder);
}

// The hand-written same work of payout_curve::lines_at(exit, into): by_hand_into<true> without
// the holders (the same segments, search, state segment, and the five classes' numerators,
// reciprocal division and ranks).
struct hand_lines_out {
    std::size_t segment = 0, state_segment = 0;
    std::int64_t cls[5];
};

void by_hand_lines(const hand_curve& c, std::int64_t x, hand_lines_out& o) {
    if (x < 0) throw std::invalid_argument("hand: negative exit value");
    const hand_segment* base = c.segs.data();
    for (std::size_t n = c.segs.size(); n > 1;) {
        const std::size_t half = n / 2;
        base = base[half].first <= x ? base + half : base;
        n -= half;
    }
    const auto lo = static_cast<std::size_t>(base - c.segs.data());
    const hand_segment& g = *base;
    o.segment = lo;
    o.state_segment = lo - static_cast<std::size_t>(static_cast<unsigned>(lo > 0) & static_cast<unsigned>(g.whole) &
                                                    static_cast<unsigned>(g.first == x));
    hand_group<true>(g, 0, x, o.cls);
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

const hand_curve& the_hand_curve() {
    static const hand_curve c = hand_curve_of(the_hand_model());
    return c;
}

// payout_curve::at(exit, into) against payout_curve::at(exit) and the hand-written same work.
bool check_into(benchmark::State& state) {
    const payout_curve& c = the_curve();
    const hand_curve& hc = the_hand_curve();
    if (hc.segs.size() != c.segments().size()) {
        state.SkipWithError("the hand-written segments are not the curve's");
        return false;
    }
    curve_payout p;
    hand_into_out h{};
    for (const money x : exits()) {
        c.at(x, p);
        const waterfall_payout full = c.at(x);
        by_hand_into<true>(hc, x.units(), h);
        hand_into_out h2{};
        by_hand_into<false>(hc, x.units(), h2);
        bool same = std::equal(h.cls, h.cls + 5, h2.cls) && std::equal(h.holder, h.holder + 6, h2.holder);
        same = same && p.by_line == full.by_line && p.by_holder == full.by_holder && c.status(p) == full.status &&
                    c.value_per_share(p) == full.value_per_share && p.segment == h.segment &&
                    p.state_segment == h.state_segment;
        for (int i = 0; i < 5; ++i) same = same && p.by_line[static_cast<std::size_t>(i)].units() == h.cls[i];
        for (int i = 0; i < 6; ++i) same = same && p.by_holder[static_cast<std::size_t>(i)].units() == h.holder[i];
        if (!same) {
            state.SkipWithError(("at(exit, into) differs at " + format_full(x)).c_str());
            return false;
        }
    }
    return true;
}

// payout_curve::lines_at(exit, into) against payout_curve::at(exit).by_line and the hand-written
// same work, on all 4,096 exits.
bool check_lines(benchmark::State& state) {
    const payout_curve& c = the_curve();
    const hand_curve& hc = the_hand_curve();
    if (hc.segs.size() != c.segments().size()) {
        state.SkipWithError("the hand-written segments are not the curve's");
        return false;
    }
    curve_payout p;
    hand_lines_out h{};
    for (const money x : exits()) {
        c.lines_at(x, p);
        const waterfall_payout full = c.at(x);
        by_hand_lines(hc, x.units(), h);
        bool same = p.by_line == full.by_line && p.by_holder.empty() && c.status(p) == full.status &&
                    p.segment == h.segment && p.state_segment == h.state_segment;
        for (int i = 0; i < 5; ++i) same = same && p.by_line[static_cast<std::size_t>(i)].units() == h.cls[i];
        if (!same) {
            state.SkipWithError(("lines_at(exit, into) differs at " + format_full(x)).c_str());
            return false;
        }
    }
    return true;
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

// Runs @p call (given the position of an exit in exits()) once per iteration, cycling through
// the 4,096 exits.
template <class Call>
void each_exit(benchmark::State& state, Call call) {
    std::size_t i = 0;
    for (auto _ : state) call(i++ & 4095);
}

void bm_at(benchmark::State& state) {
    const waterfall& w = the_waterfall();
    const std::vector<money>& xs = exits();
    each_exit(state, [&](std::size_t i) {
        waterfall_payout p = w.at(xs[i]);
        benchmark::DoNotOptimize(p);
    });
}

void bm_curve_at(benchmark::State& state) {
    const payout_curve& c = the_curve();
    const std::vector<money>& xs = exits();
    each_exit(state, [&](std::size_t i) {
        waterfall_payout p = c.at(xs[i]);
        benchmark::DoNotOptimize(p);
    });
}

void bm_into(benchmark::State& state) {
    const payout_curve& c = the_curve();
    const std::vector<money>& xs = exits();
    curve_payout p;
    each_exit(state, [&](std::size_t i) {
        c.at(xs[i], p);
        benchmark::DoNotOptimize(p);
        benchmark::ClobberMemory();
    });
}

// The hand-written curve into caller storage; @p reciprocal: divide by a precomputed reciprocal
// (the library's technique) or plainly.
template <bool reciprocal>
void bm_hand_into_with(benchmark::State& state) {
    const hand_curve& hc = the_hand_curve();
    const std::vector<money>& xs = exits();
    hand_into_out o{};
    each_exit(state, [&](std::size_t i) {
        by_hand_into<reciprocal>(hc, xs[i].units(), o);
        benchmark::DoNotOptimize(o);
        benchmark::ClobberMemory();
    });
}

void bm_hand_into(benchmark::State& state) { bm_hand_into_with<true>(state); }

void bm_hand_into_div(benchmark::State& state) { bm_hand_into_with<false>(state); }

void bm_lines(benchmark::State& state) {
    if (!check_lines(state)) return;
    const payout_curve& c = the_curve();
    const std::vector<money>& xs = exits();
    curve_payout p;
    each_exit(state, [&](std::size_t i) {
        c.lines_at(xs[i], p);
        benchmark::DoNotOptimize(p);
        benchmark::ClobberMemory();
    });
}

void bm_hand_lines(benchmark::State& state) {
    const hand_curve& hc = the_hand_curve();
    const std::vector<money>& xs = exits();
    hand_lines_out o{};
    each_exit(state, [&](std::size_t i) {
        by_hand_lines(hc, xs[i].units(), o);
        benchmark::DoNotOptimize(o);
        benchmark::ClobberMemory();
    });
}

void bm_hand(benchmark::State& state) {
    const hand_model& m = the_hand_model();
    const std::vector<money>& xs = exits();
    each_exit(state, [&](std::size_t i) {
        hand_out o = by_hand(m, xs[i].units());
        benchmark::DoNotOptimize(o);
    });
}

double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// Runs @p lib_call and @p hand_call (each given the position of an exit in exits()) alternately
// in chunks of 256 exits, each chunk timed with the thread's CPU clock, the side that goes first
// alternating too; sets the counters lib_ns, hand_ns (per call) and ratio.
template <class Lib, class Hand>
void paired_chunks(benchmark::State& state, Lib lib_call, Hand hand_call) {
    constexpr std::size_t chunk = 256;
    double lib = 0;
    double hand = 0;
    bool lib_first = true;
    std::size_t start = 0;
    const auto timed = [&](auto& call, double& total) {
        const double t = thread_cpu_ns();
        for (std::size_t k = 0; k < chunk; ++k) call((start + k) & 4095);
        total += thread_cpu_ns() - t;
    };
    for (auto _ : state) {
        if (lib_first) {
            timed(lib_call, lib);
            timed(hand_call, hand);
        } else {
            timed(hand_call, hand);
            timed(lib_call, lib);
        }
        lib_first = !lib_first;
        start += chunk;
    }
    const auto calls = static_cast<double>(state.iterations()) * chunk;
    state.counters["lib_ns"] = lib / calls;
    state.counters["hand_ns"] = hand / calls;
    state.counters["ratio"] = hand > 0 ? lib / hand : 0;
}

// Library and hand alternating (paired_chunks). state.range(0): 0 = waterfall::at, 1 = the curve.
void bm_paired(benchmark::State& state) {
    if (!check(state)) return;
    const bool use_curve = state.range(0) == 1;
    const waterfall& w = the_waterfall();
    const payout_curve& c = the_curve();
    const hand_model& m = the_hand_model();
    const std::vector<money>& xs = exits();
    paired_chunks(
        state,
        [&](std::size_t i) {
            waterfall_payout p = use_curve ? c.at(xs[i]) : w.at(xs[i]);
            benchmark::DoNotOptimize(p);
        },
        [&](std::size_t i) {
            hand_out o = by_hand(m, xs[i].units());
            benchmark::DoNotOptimize(o);
        });
}

// payout_curve::at(exit, into) and its hand-written same work alternating (paired_chunks).
void bm_paired_into(benchmark::State& state) {
    if (!check_into(state)) return;
    const payout_curve& c = the_curve();
    const hand_curve& hc = the_hand_curve();
    const std::vector<money>& xs = exits();
    curve_payout p;
    hand_into_out o{};
    paired_chunks(
        state,
        [&](std::size_t i) {
            c.at(xs[i], p);
            benchmark::DoNotOptimize(p);
            benchmark::ClobberMemory();
        },
        [&](std::size_t i) {
            by_hand_into<true>(hc, xs[i].units(), o);
            benchmark::DoNotOptimize(o);
            benchmark::ClobberMemory();
        });
}

// payout_curve::lines_at(exit, into) and its hand-written same work alternating (paired_chunks).
void bm_paired_lines(benchmark::State& state) {
    if (!check_lines(state)) return;
    const payout_curve& c = the_curve();
    const hand_curve& hc = the_hand_curve();
    const std::vector<money>& xs = exits();
    curve_payout p;
    hand_lines_out o{};
    paired_chunks(
        state,
        [&](std::size_t i) {
            c.lines_at(xs[i], p);
            benchmark::DoNotOptimize(p);
            benchmark::ClobberMemory();
        },
        [&](std::size_t i) {
            by_hand_lines(hc, xs[i].units(), o);
            benchmark::DoNotOptimize(o);
            benchmark::ClobberMemory();
        });
}

// Per iteration: @p prepare() (the breakpoints the evaluations use, built inside the timing),
// which returns the evaluation of one exit (given its position in exits(), returning one payout's
// mills), then that evaluation for 10^6 exits, the payouts summed; sets ns_per_exit.
template <class Prepare>
void million_exits(benchmark::State& state, Prepare prepare) {
    for (auto _ : state) {
        auto one = prepare();
        std::int64_t acc = 0;
        for (std::size_t k = 0; k < 1'000'000; ++k) acc += one(k & 4095);
        benchmark::DoNotOptimize(acc);
    }
    state.counters["ns_per_exit"] = benchmark::Counter(1'000'000.0 * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Breakpoints once, then 10^6 exit values, the class payouts only (the curve's build included).
void bm_million_lines(benchmark::State& state) {
    if (!check_lines(state)) return;
    const waterfall& w = the_waterfall();
    const std::vector<money>& xs = exits();
    million_exits(state, [&] {
        return [c = w.curve(), p = curve_payout(), &xs](std::size_t i) mutable {
            c.lines_at(xs[i], p);
            return p.by_line[1].units();
        };
    });
}

void bm_million_hand_lines(benchmark::State& state) {
    const std::vector<money>& xs = exits();
    million_exits(state, [&] {
        return [hc = hand_curve_of(hand_model_of()), o = hand_lines_out{}, &xs](std::size_t i) mutable {
            by_hand_lines(hc, xs[i].units(), o);
            return o.cls[1];
        };
    });
}

// Breakpoints once, then 10^6 exit values into the caller's storage (the curve's build included).
void bm_million_into(benchmark::State& state) {
    const waterfall& w = the_waterfall();
    const std::vector<money>& xs = exits();
    million_exits(state, [&] {
        return [c = w.curve(), p = curve_payout(), &xs](std::size_t i) mutable {
            c.at(xs[i], p);
            return p.by_holder[0].units();
        };
    });
}

void bm_million_hand_into(benchmark::State& state) {
    const std::vector<money>& xs = exits();
    million_exits(state, [&] {
        return [hc = hand_curve_of(hand_model_of()), o = hand_into_out{}, &xs](std::size_t i) mutable {
            by_hand_into<true>(hc, xs[i].units(), o);
            return o.holder[0];
        };
    });
}

// Breakpoints once, then 10^6 exit values: the library builds the curve and evaluates from it.
void bm_million_curve(benchmark::State& state) {
    const waterfall& w = the_waterfall();
    const std::vector<money>& xs = exits();
    million_exits(state, [&] { return [c = w.curve(), &xs](std::size_t i) { return c.at(xs[i]).by_holder[0].units(); }; });
}

void bm_million_hand(benchmark::State& state) {
    const std::vector<money>& xs = exits();
    million_exits(state, [&] { return [m = hand_model_of(), &xs](std::size_t i) { return by_hand(m, xs[i].units()).holder[0]; }; });
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
BENCHMARK(bm_into)->Name("into");
BENCHMARK(bm_hand_into)->Name("hand_into");
BENCHMARK(bm_hand_into_div)->Name("hand_into_div");
BENCHMARK(bm_lines)->Name("lines");
BENCHMARK(bm_hand_lines)->Name("hand_lines");
BENCHMARK(bm_paired)->Name("paired/at")->Arg(0);
BENCHMARK(bm_paired)->Name("paired/curve")->Arg(1);
BENCHMARK(bm_paired_into)->Name("paired/into")->Arg(2);
BENCHMARK(bm_paired_lines)->Name("paired/lines");
BENCHMARK(bm_million_curve)->Name("million/curve")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_million_hand)->Name("million/hand")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_million_into)->Name("million/into")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_million_hand_into)->Name("million/hand_into")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_million_lines)->Name("million/lines")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_million_hand_lines)->Name("million/hand_lines")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(bm_build)->Name("build");

BENCHMARK_MAIN();
