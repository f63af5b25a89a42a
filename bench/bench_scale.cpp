// The company layer at scale, where it used to grow faster than its input (docs/decisions.md,
// 2026-12-07, tenth session): a tranched round with a step-up price for every investor, and the
// waterfall of a cap table with SAFEs outstanding, a secondary sale with many new buyers.
//
//   tranched/lib/<n>     tranched_issuance(round, priced, scenario, own_prices): n investors, each
//                        $10,000 + i at close and $10,000 on a milestone met in the scenario at
//                        its own price ($6, $7 or $8 by i mod 3: three own series); every check
//                        of the tranche prices, the timeline, each payment's shares and cash.
//   tranched/hand/<n>    THE SAME work by hand in this binary: the same round_timeline payments,
//                        the own prices checked (investor in the round, tranche in range, no
//                        tranche priced twice: sorted keys; currency; every tranche's amount buys
//                        a whole share at its price), the series by price (a hash map), each
//                        payment's shares (amount / price, floor), cost (half-even) and cash not
//                        converted, every investor's and the round's running totals by date.
//                        Checked equal to the library's issues (shares, cash, series) before
//                        timing. The library also builds each problem's field path lazily and
//                        keeps each issue's investor name; the hand side keeps indexes.
//   secondary/lib/<n>    secondary_sale::try_apply(table): a table of n holders of common and n
//                        new buyers, each buying 100 shares from one holder (n transfers): every
//                        check (buyers, sellers, classes, what each holds at each point, every new
//                        buyer buying), the consideration, and the table after.
//   secondary/direct/<n> The same table after built directly: the holdings after the transfers
//                        written out and given to cap_table_builder (checked equal to the sale's
//                        table before timing). A lower bound of the same work: none of the sale's
//                        checks and no consideration.
//   outstanding/lib/<holders>/<safes>   outstanding_waterfall::build(table, safes, {}): a table of
//                        <holders> common holders (one in 20 also Series A, 1x non-participating)
//                        and <safes> post-money SAFEs ($10,000 + i, all at a $20M cap): the
//                        stages of the conversion equilibrium, about safes^2 / 2 waterfalls.
//   outstanding/one/<holders>/<safes>   ONE waterfall::build of the same table with the last
//                        stage's convertibles: NOT the same work, the unit of it (the ratio
//                        lib / one is the number of waterfalls' worth the equilibrium costs).
//   exits/lib/<holders>/<steps>     outstanding_waterfall::at(exit_values): the table of
//                        outstanding/ with 10 SAFEs, built once outside the timing; the exit
//                        values 0 to $1B in <steps> equal steps (what `fundround waterfall --exit
//                        0..1B --steps <steps>` evaluates): each stage's payout curve built once,
//                        then every exit from its segment (waterfall::at_many), every holder's and
//                        line's payout, rounded and reconciled.
//   exits/direct/<holders>/<steps>  THE SAME payouts by the direct solve of each exit,
//                        outstanding_waterfall::at(exit) one at a time (what at(exit_values) did
//                        before the eleventh session). Checked equal, every field of every
//                        payout, before timing. Counter ns_per_payout: CPU ns per holder and exit.
//   facts/lib/<n>        world_state: n milestones achieved, in a scrambled order (a fixed
//                        permutation of their names), then each looked up (achieved_on): the
//                        records in sorted runs merged as they grow (thirteenth session; before,
//                        one insertion into a sorted vector per record: quadratic).
//   facts/hand/<n>       THE SAME work by hand: each date checked, each record (a copy of the
//                        name) appended, the records stably sorted by name and the latest of each
//                        name kept, a binary search per name. Both checked to find every fact
//                        before timing. Counter ns_per_fact: CPU ns per fact (record + lookup).
//   asof/call/<holders>  cap_table_as_of(chain, 1, issued, d) on 1,000 days: a chain of <holders>
//                        Common holders, a Series A protected broad-based and a down Series B
//                        from ten funds in two tranches each; every call redoes the work that
//                        does not depend on the date (the checks, the own series, the table
//                        before at the conversion ratios after).
//   asof/prepared/<holders>  The same 1,000 tables from one tranched_cap_tables (its construction
//                        timed too), checked equal to cap_table_as_of before timing. Counter
//                        us_per_query: CPU microseconds per table.
#include <fundround/company/cap_table.hpp>
#include <fundround/company/secondary.hpp>
#include <fundround/company/tranched_issuance.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/time/timeline.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

namespace fr = fundround;
using namespace fundround::literals;

// ---------------------------------------------------------------- tranched issuance

struct tranched_input {
    fr::funding_round round;
    fr::priced_round priced;
    fr::scenario met;
    std::vector<fr::tranche_price> own;
};

tranched_input make_tranched(std::int64_t n) {
    fr::round_builder b("Series A");
    b.pre_money(40_M).close_date(fr::year{2026} / 3 / 31);
    for (std::int64_t i = 0; i < n; ++i) {
        b.invest(fr::investor::financial("Fund " + std::to_string(i)),
                 {fr::tranche::at_close(fr::money::from_major(10'000 + i)),
                  fr::tranche::when(fr::money::from_major(10'000), fr::milestone("IND cleared"))});
    }
    fr::funding_round round = b.build();
    fr::priced_round priced = fr::priced_terms_of(round).solve({"base", fr::share_count(10'000'000), fr::share_count(0)});
    std::vector<fr::tranche_price> own;
    for (std::int64_t i = 0; i < n; ++i) {
        own.push_back({"Fund " + std::to_string(i), 1, fr::price_per_share(fr::money::from_major(6 + i % 3), fr::share_count(1))});
    }
    fr::scenario met = fr::scenario("met").achieve("IND cleared", fr::year{2027} / 1 / 15);
    return {std::move(round), std::move(priced), std::move(met), std::move(own)};
}

struct hand_issue {
    std::int64_t shares;
    std::int64_t not_converted;  // units
    int series;                  // -1: the round's
};

struct hand_result {
    std::vector<hand_issue> issues;
    std::vector<std::vector<std::pair<fr::calendar_date, std::int64_t>>> per_investor;  // running totals by day
    std::vector<std::pair<fr::calendar_date, std::int64_t>> all;
    std::size_t problems = 0;
};

void record(std::vector<std::pair<fr::calendar_date, std::int64_t>>& track, fr::calendar_date day, std::int64_t shares) {
    const std::int64_t before = track.empty() ? 0 : track.back().second;
    if (!track.empty() && track.back().first == day) {
        track.back().second = before + shares;
    } else {
        track.emplace_back(day, before + shares);
    }
}

hand_result by_hand(const tranched_input& in) {
    hand_result out;
    const fr::funding_round& r = in.round;
    const std::vector<fr::commitment>& cs = r.commitments();
    // The own prices: investor in the round, tranche in range, currency, none priced twice.
    std::vector<std::size_t> start(cs.size() + 1, 0);
    for (std::size_t i = 0; i < cs.size(); ++i) start[i + 1] = start[i] + cs[i].tranches.size();
    std::vector<int> own_of(start.back(), -1);  // position in in.own
    std::vector<std::pair<std::size_t, std::size_t>> keys;  // (tranche slot, position)
    keys.reserve(in.own.size());
    for (std::size_t k = 0; k < in.own.size(); ++k) {
        const fr::tranche_price& p = in.own[k];
        if (!r.has_investor(p.investor)) { ++out.problems; continue; }
        const auto i = static_cast<std::size_t>(&r.commitment_of(p.investor) - cs.data());
        if (p.tranche_index >= cs[i].tranches.size()) { ++out.problems; continue; }
        if (p.price.currency() != in.priced.currency()) ++out.problems;
        keys.emplace_back(start[i] + p.tranche_index, k);
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (k > 0 && keys[k - 1].first == keys[k].first) { ++out.problems; continue; }
        own_of[keys[k].first] = static_cast<int>(keys[k].second);
    }
    // Every tranche's amount buys a whole share at its price.
    const fr::fraction& round_units = in.priced.price_units();
    for (std::size_t i = 0; i < cs.size(); ++i) {
        for (std::size_t t = 0; t < cs[i].tranches.size(); ++t) {
            const int o = own_of[start[i] + t];
            const fr::fraction& units = o >= 0 ? in.own[static_cast<std::size_t>(o)].price.units_per_share() : round_units;
            if ((fr::fraction(cs[i].tranches[t].amount().units()) / units).round_to_integer(in.priced.share_rounding()) == 0) ++out.problems;
        }
    }
    // The series: one per distinct own price, in the order given.
    std::unordered_map<fr::price_per_share, int> series_at;
    std::vector<int> series_of_own(in.own.size(), -1);
    for (std::size_t k = 0; k < in.own.size(); ++k) {
        if (in.own[k].price == in.priced.price()) continue;
        series_of_own[k] = series_at.emplace(in.own[k].price, static_cast<int>(series_at.size())).first->second;
    }
    // The payments of the world, their shares, cost and cash not converted; the running totals.
    out.problems += in.met.validate(r).size();
    const fr::world_state facts = in.met.world();
    const fr::round_timeline timeline(r, facts);
    out.per_investor.resize(cs.size());
    out.issues.reserve(timeline.payments().size());
    for (const fr::payment& p : timeline.payments()) {
        const int o = own_of[start[p.investor_index] + p.tranche_index];
        const fr::fraction& units = o >= 0 ? in.own[static_cast<std::size_t>(o)].price.units_per_share() : round_units;
        const fr::fraction exact = fr::fraction(p.amount.units()) / units;
        const auto shares = static_cast<std::int64_t>(exact.round_to_integer(in.priced.share_rounding()));
        const auto cost = static_cast<std::int64_t>((units * fr::fraction(shares)).round_to_integer(in.priced.cash_rounding()));
        out.issues.push_back({shares, p.amount.units() - cost, o >= 0 ? series_of_own[static_cast<std::size_t>(o)] : -1});
        record(out.all, p.date, shares);
        record(out.per_investor[p.investor_index], p.date, shares);
    }
    return out;
}

void check_tranched(const tranched_input& in) {
    const fr::tranched_issuance lib(in.round, in.priced, in.met, in.own);
    const hand_result hand = by_hand(in);
    bool same = hand.problems == 0 && hand.issues.size() == lib.issues().size();
    for (std::size_t k = 0; same && k < hand.issues.size(); ++k) {
        const fr::share_issue& i = lib.issues()[k];
        same = hand.issues[k].shares == i.shares.value() && hand.issues[k].not_converted == i.not_converted.units() &&
               hand.issues[k].series == (i.own_series ? static_cast<int>(*i.own_series) : -1);
    }
    if (!same) {
        std::fprintf(stderr, "bench_scale: the hand-written tranched issuance differs from the library's\n");
        std::abort();
    }
}

void BM_tranched_lib(benchmark::State& state) {
    const tranched_input in = make_tranched(state.range(0));
    check_tranched(in);
    for (auto _ : state) {
        fr::tranched_issuance t(in.round, in.priced, in.met, in.own);
        benchmark::DoNotOptimize(t);
    }
    state.counters["ns_per_investor"] =
        benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_tranched_hand(benchmark::State& state) {
    const tranched_input in = make_tranched(state.range(0));
    check_tranched(in);
    for (auto _ : state) {
        hand_result h = by_hand(in);
        benchmark::DoNotOptimize(h);
    }
    state.counters["ns_per_investor"] =
        benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_tranched_lib)->Name("tranched/lib")->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_tranched_hand)->Name("tranched/hand")->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- a secondary with many new buyers

struct secondary_input {
    fr::cap_table table;
    fr::secondary_sale sale;
    std::vector<fr::holder> buyers;
};

secondary_input make_secondary(std::int64_t n) {
    fr::cap_table_builder b;
    b.add(fr::share_class::common("Common"));
    for (std::int64_t i = 0; i < n; ++i) {
        const fr::holder_id id("h" + std::to_string(i));
        b.add(fr::holder(id, "Holder " + std::to_string(i), fr::holder_kind::employee));
        b.holding(id, "Common", fr::share_count(1'000 + i % 977));
    }
    fr::secondary_sale sale("secondary", fr::price_per_share(5_usd, fr::share_count(1)));
    std::vector<fr::holder> buyers;
    for (std::int64_t j = 0; j < n; ++j) {
        buyers.push_back(fr::holder::investor("b" + std::to_string(j), "Buyer " + std::to_string(j)));
        sale.new_buyer(buyers.back());
    }
    for (std::int64_t j = 0; j < n; ++j) {
        sale.transfer(fr::holder_id("h" + std::to_string(j)), fr::holder_id("b" + std::to_string(j)), "Common", fr::share_count(100));
    }
    return {b.build(), std::move(sale), std::move(buyers)};
}

fr::cap_table secondary_direct(const secondary_input& in) {
    fr::cap_table_builder b(in.table);
    for (const fr::holder& h : in.buyers) b.add(h);
    std::vector<fr::holding> holdings;
    holdings.reserve(2 * in.table.holdings().size());
    for (const fr::holding& h : in.table.holdings()) holdings.push_back({h.holder, h.share_class, h.shares - fr::share_count(100)});
    for (const fr::holder& h : in.buyers) holdings.push_back({h.id(), "Common", fr::share_count(100)});
    b.set_holdings(std::move(holdings));
    return b.build();
}

void check_secondary(const secondary_input& in) {
    const fr::secondary_result r = in.sale.try_apply(in.table);
    if (!r.ok() || !(*r.after == secondary_direct(in))) {
        std::fprintf(stderr, "bench_scale: the secondary's table differs from the one built directly\n");
        std::abort();
    }
}

void BM_secondary_lib(benchmark::State& state) {
    const secondary_input in = make_secondary(state.range(0));
    check_secondary(in);
    for (auto _ : state) {
        fr::secondary_result r = in.sale.try_apply(in.table);
        benchmark::DoNotOptimize(r);
    }
}

void BM_secondary_direct(benchmark::State& state) {
    const secondary_input in = make_secondary(state.range(0));
    check_secondary(in);
    for (auto _ : state) {
        fr::cap_table t = secondary_direct(in);
        benchmark::DoNotOptimize(t);
    }
}

BENCHMARK(BM_secondary_lib)->Name("secondary/lib")->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_secondary_direct)->Name("secondary/direct")->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- SAFEs outstanding at an exit

struct outstanding_input {
    fr::cap_table table;
    std::vector<fr::safe> safes;
};

outstanding_input make_outstanding(std::int64_t holders, std::int64_t safes) {
    fr::cap_table_builder b;
    b.add(fr::share_class::common("Common"));
    b.add(fr::share_class::preferred("Series A", fr::price_per_share(1_usd, fr::share_count(1))));
    for (std::int64_t i = 0; i < holders; ++i) {
        const fr::holder_id id("h" + std::to_string(i));
        b.add(fr::holder(id, "Holder " + std::to_string(i), fr::holder_kind::employee));
        b.holding(id, "Common", fr::share_count(1'000 + i % 977));
        if (i % 20 == 0) b.holding(id, "Series A", fr::share_count(5'000 + i % 101));
    }
    std::vector<fr::safe> out;
    for (std::int64_t i = 0; i < safes; ++i) {
        const fr::holder_id id("s" + std::to_string(i));
        b.add(fr::holder(id, "SAFE holder " + std::to_string(i), fr::holder_kind::investor));
        out.push_back(fr::safe::post_money_cap(id, fr::money::from_major(10'000 + i), 20_M, fr::year{2024} / 3 / 1));
    }
    return {b.build(), std::move(out)};
}

void BM_outstanding_lib(benchmark::State& state) {
    const outstanding_input in = make_outstanding(state.range(0), state.range(1));
    for (auto _ : state) {
        fr::outstanding_waterfall w = fr::outstanding_waterfall::build(in.table, in.safes, {});
        benchmark::DoNotOptimize(w);
    }
}

void BM_outstanding_one(benchmark::State& state) {
    const outstanding_input in = make_outstanding(state.range(0), state.range(1));
    const fr::outstanding_waterfall w = fr::outstanding_waterfall::build(in.table, in.safes, {});
    fr::waterfall_terms terms;
    terms.convertibles = w.stages().back().convertibles;
    for (auto _ : state) {
        fr::waterfall one = fr::waterfall::build(in.table, terms);
        benchmark::DoNotOptimize(one);
    }
}

void outstanding_sizes(benchmark::internal::Benchmark* b) {
    for (const std::int64_t holders : {1'000, 10'000}) {
        for (const std::int64_t safes : {10, 30, 60}) b->Args({holders, safes});
    }
}

struct exits_input {
    outstanding_input in;
    fr::outstanding_waterfall w;
    std::vector<fr::money> exits;
};

exits_input make_exits(std::int64_t holders, std::int64_t steps) {
    outstanding_input in = make_outstanding(holders, 10);
    fr::outstanding_waterfall w = fr::outstanding_waterfall::build(in.table, in.safes, {});
    std::vector<fr::money> exits;
    for (std::int64_t k = 0; k <= steps; ++k) exits.push_back(fr::money::from_major(1'000'000'000 / steps * k));
    return {std::move(in), std::move(w), std::move(exits)};
}

std::vector<fr::waterfall_payout> exits_direct(const exits_input& x) {
    std::vector<fr::waterfall_payout> out;
    out.reserve(x.exits.size());
    for (const fr::money m : x.exits) out.push_back(x.w.at(m));
    return out;
}

bool same_payouts(const std::vector<fr::waterfall_payout>& a, const std::vector<fr::waterfall_payout>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].exit_value != b[i].exit_value || a[i].value_per_share != b[i].value_per_share || a[i].by_line != b[i].by_line ||
            a[i].by_holder != b[i].by_holder || a[i].exercise_paid_by_line != b[i].exercise_paid_by_line ||
            a[i].exercise_paid_by_holder != b[i].exercise_paid_by_holder || a[i].status != b[i].status) {
            return false;
        }
    }
    return true;
}

void set_payout_counter(benchmark::State& state, const exits_input& x) {
    const double payouts = static_cast<double>(x.in.table.holders().size() * x.exits.size());
    state.counters["ns_per_payout"] =
        benchmark::Counter(payouts * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_exits_lib(benchmark::State& state) {
    const exits_input x = make_exits(state.range(0), state.range(1));
    if (!same_payouts(x.w.at(x.exits), exits_direct(x))) {
        state.SkipWithError("at(exit_values) differs from the direct solve");
        return;
    }
    for (auto _ : state) {
        std::vector<fr::waterfall_payout> p = x.w.at(x.exits);
        benchmark::DoNotOptimize(p);
    }
    set_payout_counter(state, x);
}

void BM_exits_direct(benchmark::State& state) {
    const exits_input x = make_exits(state.range(0), state.range(1));
    for (auto _ : state) {
        std::vector<fr::waterfall_payout> p = exits_direct(x);
        benchmark::DoNotOptimize(p);
    }
    set_payout_counter(state, x);
}

void exits_sizes(benchmark::internal::Benchmark* b) {
    for (const std::int64_t holders : {1'000, 10'000}) {
        for (const std::int64_t steps : {100, 1'000}) b->Args({holders, steps});
    }
}

BENCHMARK(BM_exits_lib)->Name("exits/lib")->Apply(exits_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_exits_direct)->Name("exits/direct")->Apply(exits_sizes)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_outstanding_lib)->Name("outstanding/lib")->Apply(outstanding_sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_outstanding_one)->Name("outstanding/one")->Apply(outstanding_sizes)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- milestone facts (world_state)

// n distinct milestone names in a scrambled order (a fixed permutation), each with a date.
struct facts_input {
    std::vector<std::string> names;
    std::vector<fr::calendar_date> dates;
};

facts_input make_facts(std::int64_t n) {
    facts_input in;
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    std::uint64_t x = 88172645463325252ULL;  // xorshift64: the same permutation on every run
    for (std::size_t i = order.size(); i > 1; --i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::swap(order[i - 1], order[static_cast<std::size_t>(x % i)]);
    }
    for (const std::int64_t k : order) {
        in.names.push_back("milestone " + std::to_string(k));
        in.dates.push_back(fr::year{2026} / 1 / 1 + fr::days(k % 3'000));
    }
    return in;
}

// world_state: every fact recorded, then every name looked up; the sum of the days found.
std::int64_t facts_lib(const facts_input& in) {
    fr::world_state w(fr::end_of_time());
    for (std::size_t i = 0; i < in.names.size(); ++i) w.achieve(in.names[i], in.dates[i]);
    std::int64_t sum = 0;
    for (const std::string& name : in.names) {
        if (const auto on = w.achieved_on(name)) sum += on->day_number();
    }
    return sum;
}

struct hand_fact {
    std::string name;
    fr::calendar_date on;
    bool achieved;
};

// THE SAME work by hand: each fact's date checked, its record (a copy of the name) appended, the
// records sorted by name (stable) with the latest of each name kept, then a binary search per name.
std::int64_t facts_hand(const facts_input& in) {
    std::vector<hand_fact> records;
    for (std::size_t i = 0; i < in.names.size(); ++i) {
        if (!fr::is_modelled(in.dates[i])) std::abort();
        records.push_back({in.names[i], in.dates[i], true});
    }
    std::stable_sort(records.begin(), records.end(), [](const hand_fact& a, const hand_fact& b) { return a.name < b.name; });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (kept > 0 && records[kept - 1].name == records[i].name) {
            records[kept - 1] = std::move(records[i]);
        } else {
            if (kept != i) records[kept] = std::move(records[i]);
            ++kept;
        }
    }
    records.resize(kept);
    std::int64_t sum = 0;
    for (const std::string& name : in.names) {
        const auto it = std::lower_bound(records.begin(), records.end(), name,
                                         [](const hand_fact& r, const std::string& n) { return r.name < n; });
        if (it != records.end() && it->name == name && it->achieved) sum += it->on.day_number();
    }
    return sum;
}

void check_facts(const facts_input& in) {
    std::int64_t expected = 0;
    for (const fr::calendar_date d : in.dates) expected += d.day_number();
    if (facts_lib(in) != expected || facts_hand(in) != expected) {
        std::fprintf(stderr, "bench_scale: world_state and the hand-written facts differ\n");
        std::abort();
    }
}

void BM_facts_lib(benchmark::State& state) {
    const facts_input in = make_facts(state.range(0));
    check_facts(in);
    for (auto _ : state) benchmark::DoNotOptimize(facts_lib(in));
    state.counters["ns_per_fact"] =
        benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_facts_hand(benchmark::State& state) {
    const facts_input in = make_facts(state.range(0));
    check_facts(in);
    for (auto _ : state) benchmark::DoNotOptimize(facts_hand(in));
    state.counters["ns_per_fact"] =
        benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_facts_lib)->Name("facts/lib")->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_facts_hand)->Name("facts/hand")->RangeMultiplier(10)->Range(1'000, 100'000)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- as-of tables of a chain's round

// A chain of <holders> founders' holders (10,000 Common each), a Series A ($2M at $8M pre-money,
// protected broad-based) and a down Series B ($2M at $5M pre-money from ten funds, each $100,000
// at the close and $100,000 on a later day): the Series B tranched, its table asked on 1,000
// days (from 100 days before the close).
struct asof_input {
    fr::round_chain_result chain;
    fr::tranched_issuance issued;
    std::vector<fr::calendar_date> days;
};

asof_input make_asof(std::int64_t holders) {
    fr::cap_table_builder t;
    t.add(fr::share_class::common("Common"));
    for (std::int64_t i = 0; i < holders; ++i) {
        const std::string id = "h" + std::to_string(i);
        t.add(fr::holder::founder(id, "Holder " + std::to_string(i))).holding(fr::holder_id(id), "Common", fr::share_count(10'000));
    }
    const fr::cap_table founders = t.build();
    fr::priced_round_terms b_terms("Series B");
    b_terms.pre_money(5_M);
    for (int i = 0; i < 10; ++i) b_terms.invest("b" + std::to_string(i), 200_K);
    fr::cap_table_round b_round(b_terms, "Series B Preferred");
    for (int i = 0; i < 10; ++i) b_round.add_investor(fr::holder::investor("b" + std::to_string(i), "Fund B" + std::to_string(i)));
    fr::round_chain_result chain =
        fr::round_chain(founders)
            .then(fr::cap_table_round(fr::priced_round_terms("Series A").pre_money(8_M).invest("a", 2_M), "Series A Preferred")
                      .add_investor(fr::holder::investor("a", "Fund A")))
            .protect(fr::anti_dilution_terms::broad_based("Series A Preferred"))
            .then(b_round)
            .run();
    const fr::calendar_date close = fr::year{2027} / 3 / 1;
    fr::round_builder rb("Series B");
    rb.pre_money(5_M).close_date(close);
    for (int i = 0; i < 10; ++i) {
        rb.invest(fr::investor::financial("b" + std::to_string(i)), 200_K,
                  {fr::tranche::at_close(100_K), fr::tranche::on(100_K, close + fr::days(30 * (i + 1)))});
    }
    const fr::funding_round round = rb.build();
    fr::tranched_issuance issued(round, chain, 1, fr::scenario("as planned"));
    std::vector<fr::calendar_date> days;
    for (int k = 0; k < 1'000; ++k) days.push_back(close + fr::days(k - 100));
    return {std::move(chain), std::move(issued), std::move(days)};
}

#ifndef FUNDROUND_BENCH_BEFORE_TRANCHED_CAP_TABLES
void check_asof(const asof_input& in) {
    const fr::tranched_cap_tables tables(in.chain, 1, in.issued);
    for (std::size_t k = 0; k < in.days.size(); k += 37) {
        if (!(tables.at(in.days[k]) == fr::cap_table_as_of(in.chain, 1, in.issued, in.days[k]))) {
            std::fprintf(stderr, "bench_scale: tranched_cap_tables::at and cap_table_as_of differ\n");
            std::abort();
        }
    }
}
#endif

// cap_table_as_of(chain, 1, issued, d) on each of the 1,000 days: every call does the date-free
// work (the checks, the own series, the table before at the ratios after) again.
void BM_asof_call(benchmark::State& state) {
    const asof_input in = make_asof(state.range(0));
    for (auto _ : state) {
        std::int64_t sum = 0;
        for (const fr::calendar_date d : in.days) sum += fr::cap_table_as_of(in.chain, 1, in.issued, d).fully_diluted().total().value();
        benchmark::DoNotOptimize(sum);
    }
    state.counters["us_per_query"] = benchmark::Counter(1e-6 * static_cast<double>(in.days.size()),
                                                        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

#ifndef FUNDROUND_BENCH_BEFORE_TRANCHED_CAP_TABLES
// The same 1,000 tables from one tranched_cap_tables (its construction timed too).
void BM_asof_prepared(benchmark::State& state) {
    const asof_input in = make_asof(state.range(0));
    check_asof(in);
    for (auto _ : state) {
        const fr::tranched_cap_tables tables(in.chain, 1, in.issued);
        std::int64_t sum = 0;
        for (const fr::calendar_date d : in.days) sum += tables.at(d).fully_diluted().total().value();
        benchmark::DoNotOptimize(sum);
    }
    state.counters["us_per_query"] = benchmark::Counter(1e-6 * static_cast<double>(in.days.size()),
                                                        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_asof_prepared)->Name("asof/prepared")->Arg(100)->Arg(1'000)->Unit(benchmark::kMillisecond);
#endif
BENCHMARK(BM_asof_call)->Name("asof/call")->Arg(100)->Arg(1'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
