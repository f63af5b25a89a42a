// Unit tests for fundround/deal/condition.hpp: world_state, condition evaluation (state AND since-date),
// combinators, long stops, introspection, to_string and equality.
#include <fundround/deal/condition.hpp>
#include <fundround/detail/random.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include "support/doctest_printers.hpp"

// Allocation-failure injection for the world_state strong-guarantee test: while
// test_condition_new_budget is n >= 0, the (n+1)th operator new throws std::bad_alloc; at -1 (the
// default, and in every other test of the binary) operator new is malloc and never fails. The
// replacement is global, so it also serves the other test files of the unity build unchanged:
// every form of operator new and delete is replaced (malloc and free), none left to a sanitizer's
// own, whose memory free() would report as a mismatch. (The aligned forms stay the library's,
// new and delete alike.)
namespace test_condition {
std::atomic<long> new_budget{-1};
}  // namespace test_condition

// Every form stays out of line: inlined where the headers' code deletes what `new` allocated, g++
// 12 at -O2 sees free() (or delete[]) on a pointer from another allocation function and warns
// (-Wmismatched-new-delete, an error with -Werror in the unity build), though each pairs with
// malloc() here.
[[gnu::noinline]] void* operator new(std::size_t size) {
    const long budget = test_condition::new_budget.load(std::memory_order_relaxed);
    if (budget == 0) throw std::bad_alloc();
    if (budget > 0) test_condition::new_budget.store(budget - 1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
[[gnu::noinline]] void* operator new[](std::size_t size) { return ::operator new(size); }
// The nothrow forms too (std::stable_sort's temporary buffer comes from one and goes back through
// operator delete): each form a program may call allocates where the replaced delete frees.
[[gnu::noinline]] void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return ::operator new(size);
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}
[[gnu::noinline]] void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return ::operator new(size);
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_condition {

namespace fr = fundround;
using fr::year;
using fr::calendar_date;
using fr::condition;
using fr::condition_kind;
using fr::condition_state;
using fr::condition_status;
using fr::world_state;


namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) { return year{y} / m / dd; }

condition_status met_since(calendar_date on) { return {condition_state::met, on}; }
condition_status met_from_start() { return {condition_state::met, std::nullopt}; }
condition_status pending() { return {condition_state::pending, std::nullopt}; }
condition_status lapsed_since(calendar_date on) { return {condition_state::lapsed, on}; }
condition_status lapsed_from_start() { return {condition_state::lapsed, std::nullopt}; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// condition_state / condition_status

TEST_CASE("condition_state to_string") {
    CHECK(fr::to_string(condition_state::met) == "met");
    CHECK(fr::to_string(condition_state::pending) == "pending");
    CHECK(fr::to_string(condition_state::lapsed) == "lapsed");
    CHECK(fr::to_string(static_cast<condition_state>(3)) == "unknown");
}

TEST_CASE("condition_status predicates and equality") {
    const condition_status def{};
    CHECK(def.is_pending());
    CHECK_FALSE(def.is_met());
    CHECK_FALSE(def.is_lapsed());
    CHECK_FALSE(def.since.has_value());

    const auto m = met_since(ymd(2026, 3, 1));
    CHECK(m.is_met());
    CHECK_FALSE(m.is_pending());
    CHECK_FALSE(m.is_lapsed());
    CHECK(lapsed_since(ymd(2026, 3, 1)).is_lapsed());

    CHECK(m == met_since(ymd(2026, 3, 1)));
    CHECK(m != met_since(ymd(2026, 3, 2)));
    CHECK(m != met_from_start());
    CHECK(m != lapsed_since(ymd(2026, 3, 1)));
    CHECK(pending() == condition_status{});
}

// ---------------------------------------------------------------------------------------------
// world_state

TEST_CASE("world_state records, filters by as_of and re-views with at()") {
    world_state w(ymd(2026, 6, 30));
    CHECK(w.as_of() == ymd(2026, 6, 30));
    CHECK_FALSE(w.achieved_on("IPO").has_value());
    CHECK_FALSE(w.failed_on("IPO").has_value());

    world_state& self = w.achieve("IPO", ymd(2026, 7, 1)).fail("Merger", ymd(2026, 6, 30));
    CHECK(&self == &w);

    // Events after as_of are invisible; events on as_of are visible (inclusive).
    CHECK_FALSE(w.achieved_on("IPO").has_value());
    CHECK(w.failed_on("Merger") == std::optional<calendar_date>(ymd(2026, 6, 30)));

    const world_state later = w.at(ymd(2026, 7, 1));
    CHECK(later.as_of() == ymd(2026, 7, 1));
    CHECK(later.achieved_on("IPO") == std::optional<calendar_date>(ymd(2026, 7, 1)));
    CHECK(later.failed_on("Merger") == std::optional<calendar_date>(ymd(2026, 6, 30)));

    const world_state earlier = w.at(ymd(2026, 6, 29));
    CHECK_FALSE(earlier.failed_on("Merger").has_value());
    CHECK_FALSE(earlier.achieved_on("IPO").has_value());

    // at() does not change the original.
    CHECK(w.as_of() == ymd(2026, 6, 30));
    CHECK_FALSE(w.achieved_on("IPO").has_value());

    // The re-viewed copy is independent of later changes to the original.
    w.achieve("Other", ymd(2026, 1, 1));
    CHECK_FALSE(later.achieved_on("Other").has_value());
    CHECK(w.achieved_on("Other") == std::optional<calendar_date>(ymd(2026, 1, 1)));
}

TEST_CASE("world_state: a later achieve/fail overrides the earlier record of the same milestone") {
    const condition ipo = condition::milestone("IPO");

    world_state w(ymd(2026, 12, 31));
    w.achieve("IPO", ymd(2026, 3, 1));
    CHECK(ipo.evaluate(w) == met_since(ymd(2026, 3, 1)));

    w.fail("IPO", ymd(2026, 5, 1));
    CHECK_FALSE(w.achieved_on("IPO").has_value());
    CHECK(w.failed_on("IPO") == std::optional<calendar_date>(ymd(2026, 5, 1)));
    CHECK(ipo.evaluate(w) == lapsed_since(ymd(2026, 5, 1)));
    // The achievement is forgotten entirely, also when looking before the failure.
    CHECK(ipo.evaluate(w.at(ymd(2026, 4, 1))) == pending());

    w.achieve("IPO", ymd(2026, 9, 1));
    CHECK_FALSE(w.failed_on("IPO").has_value());
    CHECK(ipo.evaluate(w) == met_since(ymd(2026, 9, 1)));
    CHECK(ipo.evaluate(w.at(ymd(2026, 8, 31))) == pending());

    // Re-achieving moves the date.
    w.achieve("IPO", ymd(2026, 2, 1));
    CHECK(ipo.evaluate(w) == met_since(ymd(2026, 2, 1)));
}

// One fact as recorded, for the property below.
struct recorded_fact {
    std::string name;
    calendar_date on;
    bool achieved;
};

// The world after @p facts recorded in the order @p order gives.
world_state recorded_world(const std::vector<recorded_fact>& facts, const std::vector<std::size_t>& order,
                           calendar_date as_of) {
    world_state w(as_of);
    for (const std::size_t i : order) {
        if (facts[i].achieved) {
            w.achieve(facts[i].name, facts[i].on);
        } else {
            w.fail(facts[i].name, facts[i].on);
        }
    }
    return w;
}

TEST_CASE("world_state property: any recording order gives the same world; the latest record of a milestone wins") {
    // Facts on 40 milestone names (many recorded several times, achieved and failed), recorded in
    // random orders that keep each milestone's own records in their order: every order gives
    // the same answers, those of the latest record of each name (checked against a plain model),
    // on several as-of dates, compacted or not. Small and large worlds, so that the sorted runs
    // merge in many shapes.
    std::uint64_t seed = 20261207;
    const auto next = [&seed](std::uint64_t bound) { return fr::detail::splitmix64(seed) % bound; };
    for (const std::size_t n : {std::size_t(1), std::size_t(2), std::size_t(7), std::size_t(64), std::size_t(300)}) {
        std::vector<recorded_fact> facts;
        for (std::size_t i = 0; i < n; ++i) {
            const calendar_date on = ymd(2026, 1, 1) + fr::days(static_cast<std::int64_t>(next(365)));
            facts.push_back({"M" + std::to_string(next(40)), on, next(2) == 0});
        }
        // The model: each name's latest record in recording order 0, 1, ..., n - 1.
        std::vector<std::optional<recorded_fact>> latest(40);
        for (const recorded_fact& f : facts) latest[static_cast<std::size_t>(std::stoi(f.name.substr(1)))] = f;
        for (int trial = 0; trial < 6; ++trial) {
            // A random interleaving of the names' record sequences: shuffle, then give each name's
            // positions its records in their order.
            std::vector<std::size_t> order(n);
            for (std::size_t i = 0; i < n; ++i) order[i] = i;
            if (trial > 0) {
                for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[next(i)]);
                std::vector<std::vector<std::size_t>> of_name(40);
                for (std::size_t i = 0; i < n; ++i) of_name[static_cast<std::size_t>(std::stoi(facts[i].name.substr(1)))].push_back(i);
                std::vector<std::size_t> taken(40, 0);
                for (std::size_t& o : order) {
                    const std::size_t m = static_cast<std::size_t>(std::stoi(facts[o].name.substr(1)));
                    o = of_name[m][taken[m]++];
                }
            }
            const world_state w = recorded_world(facts, order, fr::end_of_time());
            world_state compacted = w;
            compacted.compact();
            for (const calendar_date as_of : {ymd(2025, 12, 31), ymd(2026, 3, 31), ymd(2026, 9, 30), fr::end_of_time()}) {
                const world_state seen = w.at(as_of);
                for (std::size_t m = 0; m < 41; ++m) {  // M40 is never recorded
                    const std::string name = "M" + std::to_string(m);
                    std::optional<calendar_date> achieved;
                    std::optional<calendar_date> failed;
                    if (m < 40 && latest[m] && latest[m]->on <= as_of) {
                        (latest[m]->achieved ? achieved : failed) = latest[m]->on;
                    }
                    CAPTURE(n);
                    CAPTURE(trial);
                    CAPTURE(name);
                    CHECK(seen.achieved_on(name) == achieved);
                    CHECK(seen.failed_on(name) == failed);
                    CHECK(compacted.at(as_of).achieved_on(name) == achieved);
                    CHECK(compacted.at(as_of).failed_on(name) == failed);
                    if (as_of == fr::end_of_time()) {
                        CHECK(w.achieved_on(name) == achieved);
                        CHECK(w.failed_on(name) == failed);
                    }
                }
            }
        }
    }
}

TEST_CASE("world_state: a milestone recorded again after many others still replaces its earlier record") {
    // The earlier record sits in an older sorted run than the later one: the later one wins, and
    // keeps winning once the runs merge.
    world_state w(fr::end_of_time());
    w.achieve("IPO", ymd(2026, 3, 1));
    for (int i = 0; i < 100; ++i) {
        w.achieve("M" + std::to_string(i), ymd(2026, 1, 1));
        if (i == 50) w.fail("IPO", ymd(2026, 5, 1));
    }
    CHECK_FALSE(w.achieved_on("IPO").has_value());
    CHECK(w.failed_on("IPO") == std::optional<calendar_date>(ymd(2026, 5, 1)));
    CHECK(w.at(ymd(2026, 4, 30)).failed_on("IPO") == std::nullopt);
    CHECK(w.at(ymd(2026, 4, 30)).achieved_on("IPO") == std::nullopt);
    w.compact();
    CHECK(w.failed_on("IPO") == std::optional<calendar_date>(ymd(2026, 5, 1)));
    CHECK(w.achieved_on("M99") == std::optional<calendar_date>(ymd(2026, 1, 1)));
}

TEST_CASE("world_state rejects invalid dates") {
    CHECK_THROWS_WITH_AS(world_state(ymd(2026, 2, 30)), "as_of = 2026-02-30: is not a valid calendar date",
                         fr::invalid_argument_error);
    world_state w(ymd(2026, 1, 1));
    CHECK_THROWS_WITH_AS((void)w.at(ymd(2027, 2, 29)), "as_of = 2027-02-29: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(w.achieve("IPO", ymd(2026, 4, 31)),
                         "milestone \"IPO\" achieved on = 2026-04-31: is not a valid calendar date",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(w.fail("IPO", ymd(2026, 13, 1)),
                         "milestone \"IPO\" failed on = 2026-13-01: is not a valid calendar date",
                         fr::invalid_argument_error);
    // Nothing was recorded by the failed calls.
    CHECK_FALSE(w.at(ymd(2030, 1, 1)).achieved_on("IPO").has_value());
    CHECK_FALSE(w.at(ymd(2030, 1, 1)).failed_on("IPO").has_value());
    CHECK_NOTHROW((void)w.at(ymd(2028, 2, 29)));
}

// ---------------------------------------------------------------------------------------------
// Leaves

TEST_CASE("always / at_close: met from the start, no since") {
    const condition c;
    CHECK(c.kind() == condition_kind::always);
    CHECK(c == condition::always());
    CHECK(c == fr::at_close());
    CHECK_FALSE(c.date().has_value());
    CHECK(c.milestone_name().empty());
    CHECK(c.parts().empty());
    CHECK(c.to_string() == "at close");
    for (const auto on : {ymd(1970, 1, 1), ymd(2026, 2, 27), ymd(2099, 12, 31)}) {
        CHECK(c.evaluate(world_state(on)) == met_from_start());
    }
}

TEST_CASE("on_or_after: pending before the date, met on and after it, since the date") {
    const calendar_date d = ymd(2026, 3, 1);
    const condition c = fr::on_or_after(d);
    CHECK(c.kind() == condition_kind::on_or_after);
    CHECK(c.date() == std::optional<calendar_date>(d));
    CHECK(c.to_string() == "on or after 2026-03-01");

    CHECK(c.evaluate(world_state(ymd(2026, 2, 28))) == pending());
    CHECK(c.evaluate(world_state(ymd(2026, 3, 1))) == met_since(d));
    CHECK(c.evaluate(world_state(ymd(2026, 3, 2))) == met_since(d));
    CHECK(c.evaluate(world_state(ymd(2031, 1, 1))) == met_since(d));
    // Milestones are irrelevant to it.
    CHECK(c.evaluate(world_state(ymd(2026, 2, 28)).achieve("X", ymd(2026, 1, 1))) == pending());

    CHECK_THROWS_WITH_AS((void)condition::on_or_after(ymd(2026, 2, 30)),
                         "on_or_after = 2026-02-30: is not a valid calendar date", fr::invalid_argument_error);
    CHECK_THROWS_AS((void)fr::on_or_after(ymd(2026, 0, 1)), fr::invalid_argument_error);
}

TEST_CASE("milestone: pending, achieved, achieved after as_of, failed") {
    const condition c = fr::milestone("IPO");
    CHECK(c.kind() == condition_kind::milestone);
    CHECK(c.milestone_name() == "IPO");
    CHECK_FALSE(c.date().has_value());
    CHECK(c.to_string() == "milestone \"IPO\"");

    world_state w(ymd(2026, 6, 30));
    SUBCASE("never achieved: pending") { CHECK(c.evaluate(w) == pending()); }
    SUBCASE("achieved before as_of: met since the achievement") {
        w.achieve("IPO", ymd(2026, 5, 15));
        CHECK(c.evaluate(w) == met_since(ymd(2026, 5, 15)));
    }
    SUBCASE("achieved on as_of: met (inclusive)") {
        w.achieve("IPO", ymd(2026, 6, 30));
        CHECK(c.evaluate(w) == met_since(ymd(2026, 6, 30)));
    }
    SUBCASE("achieved after as_of: still pending, met when seen later") {
        w.achieve("IPO", ymd(2026, 7, 1));
        CHECK(c.evaluate(w) == pending());
        CHECK(c.evaluate(w.at(ymd(2026, 7, 1))) == met_since(ymd(2026, 7, 1)));
        CHECK(c.evaluate(w.at(ymd(2027, 1, 1))) == met_since(ymd(2026, 7, 1)));
    }
    SUBCASE("failed: lapsed since the failure") {
        w.fail("IPO", ymd(2026, 4, 1));
        CHECK(c.evaluate(w) == lapsed_since(ymd(2026, 4, 1)));
        CHECK(c.evaluate(w.at(ymd(2026, 3, 31))) == pending());
    }
    SUBCASE("failed after as_of: still pending") {
        w.fail("IPO", ymd(2026, 7, 1));
        CHECK(c.evaluate(w) == pending());
    }
    SUBCASE("other milestones do not count; names are case-sensitive") {
        w.achieve("ipo", ymd(2026, 1, 1)).achieve("IPO ", ymd(2026, 1, 1)).fail("Other", ymd(2026, 1, 1));
        CHECK(c.evaluate(w) == pending());
    }
}

TEST_CASE("milestone: empty name throws") {
    CHECK_THROWS_WITH_AS((void)condition::milestone(""), "milestone name: must not be empty", fr::invalid_argument_error);
    CHECK_THROWS_AS((void)fr::milestone(std::string()), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)fr::milestone(""), fr::error);
    CHECK_NOTHROW((void)fr::milestone(" "));
    CHECK_THROWS_AS((void)fr::milestone(std::string_view("FDA", 0)), fr::invalid_argument_error);
}

TEST_CASE("milestone: the name is taken as a string view and copied into the condition") {
    std::string name = "FDA approval (US)";
    const condition c = fr::milestone(std::string_view(name).substr(0, 12));
    const condition d = fr::milestone(name);
    name = "changed";
    CHECK(c.milestone_name() == "FDA approval");
    CHECK(d.milestone_name() == "FDA approval (US)");
    CHECK(c.to_string() == "milestone \"FDA approval\"");
    CHECK(c == fr::milestone("FDA approval"));
}

// ---------------------------------------------------------------------------------------------
// all_of / any_of / negation truth tables

namespace {

// As of 2026-06-30:
//   met parts      M1 = on or after 2026-01-01 (met since 01-01), M2 = on or after 2026-02-01
//   pending parts  P1, P2 = milestones never achieved
//   lapsed parts   L1 = milestone failed 2026-04-01, L2 = milestone failed 2026-05-01
const calendar_date kAsOf = ymd(2026, 6, 30);
const calendar_date kM1 = ymd(2026, 1, 1);
const calendar_date kM2 = ymd(2026, 2, 1);
const calendar_date kL1 = ymd(2026, 4, 1);
const calendar_date kL2 = ymd(2026, 5, 1);

world_state truth_world() {
    return world_state(kAsOf).fail("L1", kL1).fail("L2", kL2);
}

enum class kind3 { met, pending, lapsed };

condition part(kind3 k, int index) {
    switch (k) {
        case kind3::met: return fr::on_or_after(index == 1 ? kM1 : kM2);
        case kind3::pending: return fr::milestone(index == 1 ? "P1" : "P2");
        case kind3::lapsed: return fr::milestone(index == 1 ? "L1" : "L2");
    }
    return condition();
}

struct truth_row {
    kind3 a;
    kind3 b;
    condition_status all;
    condition_status any;
};

}  // namespace

TEST_CASE("truth table: single parts evaluate as intended") {
    const world_state w = truth_world();
    CHECK(part(kind3::met, 1).evaluate(w) == met_since(kM1));
    CHECK(part(kind3::met, 2).evaluate(w) == met_since(kM2));
    CHECK(part(kind3::pending, 1).evaluate(w) == pending());
    CHECK(part(kind3::pending, 2).evaluate(w) == pending());
    CHECK(part(kind3::lapsed, 1).evaluate(w) == lapsed_since(kL1));
    CHECK(part(kind3::lapsed, 2).evaluate(w) == lapsed_since(kL2));
}

TEST_CASE("truth table: all_of / any_of / negation over {met, pending, lapsed} x {met, pending, lapsed}") {
    const world_state w = truth_world();
    // a is built with index 1 (M1 / P1 / L1), b with index 2 (M2 / P2 / L2).
    const truth_row rows[] = {
        // all_of: met since the LATEST met; lapsed if any lapsed, since the EARLIEST lapse.
        // any_of: met since the EARLIEST met; lapsed only if all lapsed, since the LATEST lapse.
        {kind3::met, kind3::met, met_since(kM2), met_since(kM1)},
        {kind3::met, kind3::pending, pending(), met_since(kM1)},
        {kind3::met, kind3::lapsed, lapsed_since(kL2), met_since(kM1)},
        {kind3::pending, kind3::met, pending(), met_since(kM2)},
        {kind3::pending, kind3::pending, pending(), pending()},
        {kind3::pending, kind3::lapsed, lapsed_since(kL2), pending()},
        {kind3::lapsed, kind3::met, lapsed_since(kL1), met_since(kM2)},
        {kind3::lapsed, kind3::pending, lapsed_since(kL1), pending()},
        {kind3::lapsed, kind3::lapsed, lapsed_since(kL1), lapsed_since(kL2)},
    };
    for (const auto& row : rows) {
        const condition a = part(row.a, 1);
        const condition b = part(row.b, 2);
        CAPTURE(a);
        CAPTURE(b);
        // Both argument orders give the same answer.
        CHECK(fr::all_of({a, b}).evaluate(w) == row.all);
        CHECK(fr::all_of({b, a}).evaluate(w) == row.all);
        CHECK((a && b).evaluate(w) == row.all);
        CHECK(fr::any_of({a, b}).evaluate(w) == row.any);
        CHECK(fr::any_of({b, a}).evaluate(w) == row.any);
        CHECK((a || b).evaluate(w) == row.any);

        // Negation flips met <-> lapsed keeping the since-date, leaves pending alone.
        const auto flip = [](condition_status s) {
            if (s.is_met()) return condition_status{condition_state::lapsed, s.since};
            if (s.is_lapsed()) return condition_status{condition_state::met, s.since};
            return s;
        };
        CHECK((!fr::all_of({a, b})).evaluate(w) == flip(row.all));
        CHECK((!fr::any_of({a, b})).evaluate(w) == flip(row.any));
        // De Morgan holds for state and since.
        CHECK((!a || !b).evaluate(w) == flip(row.all));
        CHECK((!a && !b).evaluate(w) == flip(row.any));
    }
}

TEST_CASE("negation of each single state") {
    const world_state w = truth_world();
    CHECK((!part(kind3::met, 1)).evaluate(w) == lapsed_since(kM1));
    CHECK((!part(kind3::pending, 1)).evaluate(w) == pending());
    CHECK((!part(kind3::lapsed, 1)).evaluate(w) == met_since(kL1));
    CHECK((!fr::at_close()).evaluate(w) == lapsed_from_start());
    CHECK((!!part(kind3::lapsed, 2)).evaluate(w) == lapsed_since(kL2));
    CHECK((!!part(kind3::met, 2)).evaluate(w) == met_since(kM2));

    const condition n = condition::negation(fr::milestone("IPO"));
    CHECK(n.kind() == condition_kind::negation);
    REQUIRE(n.parts().size() == 1);
    CHECK(n.parts().front() == fr::milestone("IPO"));
    CHECK(n == !fr::milestone("IPO"));
    CHECK(n.to_string() == "not milestone \"IPO\"");

    world_state ipo(ymd(2026, 6, 30));
    CHECK(n.evaluate(ipo) == pending());
    CHECK(n.evaluate(world_state(ipo).achieve("IPO", ymd(2026, 3, 1))) == lapsed_since(ymd(2026, 3, 1)));
    CHECK(n.evaluate(world_state(ipo).fail("IPO", ymd(2026, 4, 1))) == met_since(ymd(2026, 4, 1)));

    // not (on or after d): pending before d, lapsed from d.
    const condition before = !fr::on_or_after(ymd(2026, 3, 1));
    CHECK(before.evaluate(world_state(ymd(2026, 2, 28))) == pending());
    CHECK(before.evaluate(world_state(ymd(2026, 3, 1))) == lapsed_since(ymd(2026, 3, 1)));
}

TEST_CASE("all_of / any_of: empty lists and from-the-start parts") {
    const world_state w = truth_world();
    const condition empty_all = fr::all_of({});
    const condition empty_any = fr::any_of({});
    CHECK(empty_all.kind() == condition_kind::all_of);
    CHECK(empty_any.kind() == condition_kind::any_of);
    CHECK(empty_all.evaluate(w) == met_from_start());
    CHECK(empty_any.evaluate(w) == lapsed_from_start());
    CHECK(empty_all.to_string() == "always");
    CHECK(empty_any.to_string() == "never");
    CHECK((!empty_any).evaluate(w) == met_from_start());

    const condition m1 = part(kind3::met, 1);
    const condition l1 = part(kind3::lapsed, 1);
    // "From the start" (no since) is the earliest possible since.
    CHECK(fr::all_of({fr::at_close(), m1}).evaluate(w) == met_since(kM1));
    CHECK(fr::all_of({m1, fr::at_close()}).evaluate(w) == met_since(kM1));
    CHECK(fr::all_of({fr::at_close(), fr::at_close()}).evaluate(w) == met_from_start());
    CHECK(fr::any_of({m1, fr::at_close()}).evaluate(w) == met_from_start());
    CHECK(fr::any_of({fr::at_close(), m1}).evaluate(w) == met_from_start());
    CHECK(fr::all_of({l1, empty_any}).evaluate(w) == lapsed_from_start());
    CHECK(fr::all_of({empty_any, l1}).evaluate(w) == lapsed_from_start());
    CHECK(fr::any_of({l1, empty_any}).evaluate(w) == lapsed_since(kL1));
    CHECK(fr::any_of({empty_any, l1}).evaluate(w) == lapsed_since(kL1));
    CHECK(fr::any_of({empty_any, empty_any}).evaluate(w) == lapsed_from_start());

    // Single-part lists behave like the part.
    CHECK(fr::all_of({l1}).evaluate(w) == lapsed_since(kL1));
    CHECK(fr::any_of({m1}).evaluate(w) == met_since(kM1));
}

TEST_CASE("all_of / any_of: three parts, extreme since in the middle") {
    world_state w(ymd(2026, 12, 31));
    w.achieve("A", ymd(2026, 3, 1)).achieve("B", ymd(2026, 9, 1)).achieve("C", ymd(2026, 5, 1));
    w.fail("X", ymd(2026, 8, 1)).fail("Y", ymd(2026, 2, 1)).fail("Z", ymd(2026, 6, 1));
    const auto a = fr::milestone("A");
    const auto b = fr::milestone("B");
    const auto c = fr::milestone("C");
    const auto x = fr::milestone("X");
    const auto y = fr::milestone("Y");
    const auto z = fr::milestone("Z");
    CHECK(fr::all_of({a, b, c}).evaluate(w) == met_since(ymd(2026, 9, 1)));
    CHECK(fr::any_of({b, a, c}).evaluate(w) == met_since(ymd(2026, 3, 1)));
    CHECK(fr::all_of({x, y, z}).evaluate(w) == lapsed_since(ymd(2026, 2, 1)));
    CHECK(fr::any_of({y, x, z}).evaluate(w) == lapsed_since(ymd(2026, 8, 1)));
    CHECK(fr::all_of({a, b, c, z}).evaluate(w) == lapsed_since(ymd(2026, 6, 1)));
    CHECK(fr::any_of({x, y, z, c}).evaluate(w) == met_since(ymd(2026, 5, 1)));
    CHECK(fr::any_of({x, y, z, fr::milestone("P")}).evaluate(w) == pending());
    CHECK(fr::all_of({a, b, c, fr::milestone("P")}).evaluate(w) == pending());

    // Seen earlier, B is not achieved yet and X/Z have not failed.
    const world_state mid = w.at(ymd(2026, 5, 31));
    CHECK(fr::all_of({a, b, c}).evaluate(mid) == pending());
    CHECK(fr::any_of({b, a, c}).evaluate(mid) == met_since(ymd(2026, 3, 1)));
    CHECK(fr::any_of({y, x, z}).evaluate(mid) == pending());
    CHECK(fr::all_of({x, y, z}).evaluate(mid) == lapsed_since(ymd(2026, 2, 1)));
}

// ---------------------------------------------------------------------------------------------
// Long stop

TEST_CASE("long stop: inclusive last day, lapse the day after") {
    const calendar_date stop = ymd(2026, 12, 31);
    const calendar_date after = ymd(2027, 1, 1);
    const condition c = fr::milestone("certain conditions").with_long_stop(stop);
    CHECK(c.kind() == condition_kind::long_stop);
    CHECK(c.date() == std::optional<calendar_date>(stop));
    REQUIRE(c.parts().size() == 1);
    CHECK(c.parts().front() == fr::milestone("certain conditions"));
    CHECK(c.to_string() == "milestone \"certain conditions\" by 2026-12-31");

    SUBCASE("achieved ON the long-stop date: met since that date") {
        const world_state w = world_state(ymd(2027, 6, 1)).achieve("certain conditions", stop);
        CHECK(c.evaluate(w) == met_since(stop));
        CHECK(c.evaluate(w.at(stop)) == met_since(stop));
        CHECK(c.evaluate(w.at(ymd(2026, 12, 30))) == pending());
    }
    SUBCASE("achieved the day after: lapsed since the day after the long stop") {
        const world_state w = world_state(ymd(2027, 6, 1)).achieve("certain conditions", after);
        CHECK(c.evaluate(w) == lapsed_since(after));
        CHECK(c.evaluate(w.at(after)) == lapsed_since(after));
        CHECK(c.evaluate(w.at(stop)) == pending());
    }
    SUBCASE("achieved well after: still lapsed since the day after the long stop") {
        const world_state w = world_state(ymd(2027, 6, 1)).achieve("certain conditions", ymd(2027, 3, 1));
        CHECK(c.evaluate(w) == lapsed_since(after));
    }
    SUBCASE("achieved early: met since the achievement") {
        const world_state w = world_state(ymd(2027, 6, 1)).achieve("certain conditions", ymd(2026, 2, 1));
        CHECK(c.evaluate(w) == met_since(ymd(2026, 2, 1)));
    }
    SUBCASE("never achieved: pending through the long stop, lapsed from the next day") {
        CHECK(c.evaluate(world_state(ymd(2026, 6, 1))) == pending());
        CHECK(c.evaluate(world_state(stop)) == pending());
        CHECK(c.evaluate(world_state(after)) == lapsed_since(after));
        CHECK(c.evaluate(world_state(ymd(2030, 1, 1))) == lapsed_since(after));
    }
    SUBCASE("failed before the long stop: lapsed since the failure") {
        const world_state w = world_state(ymd(2027, 6, 1)).fail("certain conditions", ymd(2026, 6, 1));
        CHECK(c.evaluate(w) == lapsed_since(ymd(2026, 6, 1)));
        CHECK(c.evaluate(w.at(ymd(2026, 5, 31))) == pending());
    }
    SUBCASE("failed after the long stop: lapsed since the day after the long stop") {
        const world_state w = world_state(ymd(2027, 6, 1)).fail("certain conditions", ymd(2027, 3, 1));
        CHECK(c.evaluate(w) == lapsed_since(after));
    }
    SUBCASE("failed ON the day after the long stop") {
        const world_state w = world_state(ymd(2027, 6, 1)).fail("certain conditions", after);
        CHECK(c.evaluate(w) == lapsed_since(after));
    }
}

TEST_CASE("long stop over other parts") {
    // Always met: the long stop never bites.
    CHECK(fr::at_close().with_long_stop(ymd(2026, 1, 1)).evaluate(world_state(ymd(2030, 1, 1))) ==
          met_from_start());
    // A date after the long stop can never be met in time.
    const condition late = fr::on_or_after(ymd(2027, 2, 1)).with_long_stop(ymd(2026, 12, 31));
    CHECK(late.evaluate(world_state(ymd(2026, 12, 31))) == pending());
    CHECK(late.evaluate(world_state(ymd(2027, 1, 1))) == lapsed_since(ymd(2027, 1, 1)));
    CHECK(late.evaluate(world_state(ymd(2027, 3, 1))) == lapsed_since(ymd(2027, 1, 1)));
    // A date on the long stop is met.
    const condition on_time = fr::on_or_after(ymd(2026, 12, 31)).with_long_stop(ymd(2026, 12, 31));
    CHECK(on_time.evaluate(world_state(ymd(2027, 3, 1))) == met_since(ymd(2026, 12, 31)));
    // Never met: lapsed from the start, the long stop does not move it later.
    CHECK(fr::any_of({}).with_long_stop(ymd(2026, 1, 1)).evaluate(world_state(ymd(2025, 1, 1))) ==
          lapsed_from_start());
    // Nested long stops: the earlier one wins.
    const condition nested =
        fr::milestone("A").with_long_stop(ymd(2026, 12, 31)).with_long_stop(ymd(2026, 6, 30));
    CHECK(nested.evaluate(world_state(ymd(2026, 7, 1))) == lapsed_since(ymd(2026, 7, 1)));
    CHECK(nested.evaluate(world_state(ymd(2026, 8, 1)).achieve("A", ymd(2026, 7, 15))) ==
          lapsed_since(ymd(2026, 7, 1)));
    CHECK(nested.evaluate(world_state(ymd(2026, 8, 1)).achieve("A", ymd(2026, 6, 30))) ==
          met_since(ymd(2026, 6, 30)));
    const condition nested2 =
        fr::milestone("A").with_long_stop(ymd(2026, 6, 30)).with_long_stop(ymd(2026, 12, 31));
    CHECK(nested2.evaluate(world_state(ymd(2026, 8, 1))) == lapsed_since(ymd(2026, 7, 1)));
    CHECK(nested2.to_string() == "milestone \"A\" by 2026-06-30 by 2026-12-31");
    // Long stop on a leap day and across the year end.
    const condition leap = fr::milestone("A").with_long_stop(ymd(2028, 2, 28));
    CHECK(leap.evaluate(world_state(ymd(2028, 2, 29))) == lapsed_since(ymd(2028, 2, 29)));
    const condition leap2 = fr::milestone("A").with_long_stop(ymd(2028, 2, 29));
    CHECK(leap2.evaluate(world_state(ymd(2028, 2, 29))) == pending());
    CHECK(leap2.evaluate(world_state(ymd(2028, 3, 1))) == lapsed_since(ymd(2028, 3, 1)));
    // Negation under a long stop: "A has failed by the stop".
    const condition not_a = (!fr::milestone("A")).with_long_stop(ymd(2026, 6, 30));
    CHECK(not_a.evaluate(world_state(ymd(2026, 7, 1))) == lapsed_since(ymd(2026, 7, 1)));
    CHECK(not_a.evaluate(world_state(ymd(2026, 7, 1)).fail("A", ymd(2026, 6, 1))) == met_since(ymd(2026, 6, 1)));
    // Long stop under a negation: "A did not happen by the stop".
    const condition a_missed = !fr::milestone("A").with_long_stop(ymd(2026, 6, 30));
    CHECK(a_missed.evaluate(world_state(ymd(2026, 6, 30))) == pending());
    CHECK(a_missed.evaluate(world_state(ymd(2026, 7, 1))) == met_since(ymd(2026, 7, 1)));
    CHECK(a_missed.evaluate(world_state(ymd(2026, 7, 1)).achieve("A", ymd(2026, 5, 1))) ==
          lapsed_since(ymd(2026, 5, 1)));

    CHECK_THROWS_WITH_AS((void)fr::milestone("A").with_long_stop(ymd(2026, 2, 29)),
                         "long_stop = 2026-02-29: is not a valid calendar date", fr::invalid_argument_error);
}

// ---------------------------------------------------------------------------------------------
// Nested combinations

TEST_CASE("nested: (milestone A by D1) or on or after D2") {
    const calendar_date d1 = ymd(2026, 6, 30);
    const calendar_date d2 = ymd(2026, 12, 31);
    const condition c = fr::milestone("A").with_long_stop(d1) || fr::on_or_after(d2);
    CHECK(c.kind() == condition_kind::any_of);
    CHECK(c.to_string() == "(milestone \"A\" by 2026-06-30 or on or after 2026-12-31)");
    CHECK(c.depends_on_milestone());
    CHECK(c.milestones() == std::vector<std::string>{"A"});
    CHECK(c.earliest_long_stop() == std::optional<calendar_date>(d1));

    CHECK(c.evaluate(world_state(ymd(2026, 5, 1))) == pending());
    CHECK(c.evaluate(world_state(ymd(2026, 5, 1)).achieve("A", ymd(2026, 5, 1))) == met_since(ymd(2026, 5, 1)));
    CHECK(c.evaluate(world_state(ymd(2026, 7, 1))) == pending());  // first part lapsed, second pending
    CHECK(c.evaluate(world_state(d2)) == met_since(d2));
    CHECK(c.evaluate(world_state(ymd(2027, 1, 1)).achieve("A", ymd(2026, 8, 1))) == met_since(d2));
    CHECK(c.evaluate(world_state(ymd(2027, 1, 1)).achieve("A", ymd(2026, 6, 30))) == met_since(d1));
    CHECK(c.evaluate(world_state(ymd(2027, 1, 1)).fail("A", ymd(2026, 3, 1))) == met_since(d2));
}

TEST_CASE("nested: (A and on or after D) or not B, with a long stop on the whole") {
    const condition c =
        ((fr::milestone("A") && fr::on_or_after(ymd(2026, 3, 1))) || !fr::milestone("B")).with_long_stop(
            ymd(2026, 9, 30));
    CHECK(c.to_string() ==
          "((milestone \"A\" and on or after 2026-03-01) or not milestone \"B\") by 2026-09-30");
    CHECK(c.milestones() == std::vector<std::string>{"A", "B"});

    // A achieved before the date: met from the date.
    CHECK(c.evaluate(world_state(ymd(2026, 12, 1)).achieve("A", ymd(2026, 1, 15))) ==
          met_since(ymd(2026, 3, 1)));
    // A achieved after the date: met from the achievement.
    CHECK(c.evaluate(world_state(ymd(2026, 12, 1)).achieve("A", ymd(2026, 4, 15))) ==
          met_since(ymd(2026, 4, 15)));
    // B failed: met from B's failure even without A.
    CHECK(c.evaluate(world_state(ymd(2026, 12, 1)).fail("B", ymd(2026, 2, 1))) == met_since(ymd(2026, 2, 1)));
    // A failed and B achieved: lapsed since the later of the two.
    CHECK(c.evaluate(world_state(ymd(2026, 12, 1)).fail("A", ymd(2026, 5, 1)).achieve("B", ymd(2026, 4, 1))) ==
          lapsed_since(ymd(2026, 5, 1)));
    // Nothing happened: pending until the long stop, then lapsed.
    CHECK(c.evaluate(world_state(ymd(2026, 9, 30))) == pending());
    CHECK(c.evaluate(world_state(ymd(2026, 10, 1))) == lapsed_since(ymd(2026, 10, 1)));
    // A achieved too late.
    CHECK(c.evaluate(world_state(ymd(2026, 12, 1)).achieve("A", ymd(2026, 10, 2))) ==
          lapsed_since(ymd(2026, 10, 1)));
}

// ---------------------------------------------------------------------------------------------
// Operators and structure

TEST_CASE("operators &&, || and ! build all_of, any_of and negation") {
    const condition a = fr::milestone("A");
    const condition d = fr::on_or_after(ymd(2026, 3, 1));

    const condition both = a && d;
    CHECK(both.kind() == condition_kind::all_of);
    CHECK(both == fr::all_of({a, d}));
    CHECK(both == condition::all_of({fr::milestone("A"), fr::on_or_after(ymd(2026, 3, 1))}));
    REQUIRE(both.parts().size() == 2);
    CHECK(both.parts()[0] == a);
    CHECK(both.parts()[1] == d);
    CHECK(both.to_string() == "(milestone \"A\" and on or after 2026-03-01)");

    const condition either = a || d;
    CHECK(either.kind() == condition_kind::any_of);
    CHECK(either == fr::any_of({a, d}));
    CHECK(either.to_string() == "(milestone \"A\" or on or after 2026-03-01)");

    const condition not_ipo = !fr::milestone("IPO");
    CHECK(not_ipo.kind() == condition_kind::negation);
    CHECK(not_ipo.to_string() == "not milestone \"IPO\"");

    // Chaining nests (it does not flatten).
    const condition chain = a && fr::milestone("B") && fr::milestone("C");
    CHECK(chain == fr::all_of({fr::all_of({a, fr::milestone("B")}), fr::milestone("C")}));
    CHECK(chain.to_string() == "((milestone \"A\" and milestone \"B\") and milestone \"C\")");
    CHECK(fr::all_of({a, fr::milestone("B"), fr::milestone("C")}).to_string() ==
          "(milestone \"A\" and milestone \"B\" and milestone \"C\")");
    CHECK(fr::any_of({a, fr::milestone("B"), fr::milestone("C")}).to_string() ==
          "(milestone \"A\" or milestone \"B\" or milestone \"C\")");
    CHECK((!(a || d)).to_string() == "not (milestone \"A\" or on or after 2026-03-01)");
    CHECK((!!a).to_string() == "not not milestone \"A\"");
    CHECK((a && fr::at_close()).to_string() == "(milestone \"A\" and at close)");
    CHECK(fr::all_of({fr::any_of({}), fr::all_of({})}).to_string() == "(never and always)");
    CHECK(fr::milestone("certain conditions").with_long_stop(ymd(2026, 12, 31)).to_string() ==
          "milestone \"certain conditions\" by 2026-12-31");

    std::ostringstream os;
    os << (a && d);
    CHECK(os.str() == "(milestone \"A\" and on or after 2026-03-01)");

    // Short-circuiting does not apply: these are condition builders, both operands are kept.
    CHECK((fr::at_close() || a).parts().size() == 2);
}

TEST_CASE("structural equality") {
    const auto build = [](int year) {
        return (fr::milestone("A").with_long_stop(ymd(year, 6, 30)) || fr::on_or_after(ymd(year, 12, 31))) &&
               !fr::milestone("B");
    };
    const condition x = build(2026);
    const condition y = build(2026);
    CHECK(x == y);
    CHECK_FALSE(x != y);
    CHECK(x == x);
    const condition copy = x;  // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(copy == x);
    CHECK(x != build(2027));

    CHECK(fr::on_or_after(ymd(2026, 3, 1)) == fr::on_or_after(ymd(2026, 3, 1)));
    CHECK(fr::on_or_after(ymd(2026, 3, 1)) != fr::on_or_after(ymd(2026, 3, 2)));
    CHECK(fr::milestone("A").with_long_stop(ymd(2026, 3, 1)) != fr::milestone("A").with_long_stop(ymd(2026, 3, 2)));
    CHECK(fr::milestone("A").with_long_stop(ymd(2026, 3, 1)) != fr::milestone("A"));
    CHECK(fr::milestone("A") != fr::milestone("a"));
    CHECK(fr::milestone("A") != fr::at_close());
    CHECK(fr::all_of({fr::milestone("A")}) != fr::any_of({fr::milestone("A")}));
    CHECK(fr::all_of({}) != fr::any_of({}));
    CHECK(fr::all_of({}) != fr::at_close());
    CHECK(fr::all_of({fr::milestone("A"), fr::milestone("B")}) != fr::all_of({fr::milestone("B"), fr::milestone("A")}));
    CHECK(fr::all_of({fr::milestone("A")}) != fr::all_of({fr::milestone("A"), fr::milestone("A")}));
    CHECK(!fr::milestone("A") != fr::milestone("A"));
    CHECK(!fr::milestone("A") == !fr::milestone("A"));
    CHECK(fr::on_or_after(ymd(2026, 3, 1)) != fr::at_close().with_long_stop(ymd(2026, 3, 1)));
}

TEST_CASE("depends_on_milestone") {
    CHECK_FALSE(fr::at_close().depends_on_milestone());
    CHECK_FALSE(fr::on_or_after(ymd(2026, 3, 1)).depends_on_milestone());
    CHECK_FALSE(fr::on_or_after(ymd(2026, 3, 1)).with_long_stop(ymd(2026, 6, 1)).depends_on_milestone());
    CHECK_FALSE(fr::all_of({}).depends_on_milestone());
    CHECK_FALSE(fr::any_of({}).depends_on_milestone());
    CHECK_FALSE((!fr::on_or_after(ymd(2026, 3, 1)) || fr::at_close()).depends_on_milestone());
    CHECK(fr::milestone("A").depends_on_milestone());
    CHECK((!fr::milestone("A")).depends_on_milestone());
    CHECK(fr::milestone("A").with_long_stop(ymd(2026, 6, 1)).depends_on_milestone());
    CHECK((fr::on_or_after(ymd(2026, 3, 1)) && fr::milestone("A")).depends_on_milestone());
    CHECK(fr::any_of({fr::at_close(), fr::all_of({fr::on_or_after(ymd(2026, 1, 1)), !fr::milestone("deep")})})
              .with_long_stop(ymd(2027, 1, 1))
              .depends_on_milestone());
}

TEST_CASE("milestones(): every name, sorted, unique") {
    CHECK(fr::at_close().milestones().empty());
    CHECK(fr::on_or_after(ymd(2026, 3, 1)).milestones().empty());
    CHECK(fr::milestone("IPO").milestones() == std::vector<std::string>{"IPO"});
    const condition c = fr::all_of({
        fr::milestone("b"),
        fr::any_of({fr::milestone("a"), !fr::milestone("b"), fr::on_or_after(ymd(2026, 3, 1))}),
        fr::milestone("c").with_long_stop(ymd(2026, 6, 30)),
        fr::milestone("B"),
        !(fr::milestone("a") && fr::milestone("c")),
    });
    CHECK(c.milestones() == std::vector<std::string>{"B", "a", "b", "c"});
}

TEST_CASE("earliest_long_stop over nested trees") {
    CHECK_FALSE(fr::at_close().earliest_long_stop().has_value());
    CHECK_FALSE((fr::milestone("A") && fr::on_or_after(ymd(2026, 3, 1))).earliest_long_stop().has_value());
    CHECK(fr::milestone("A").with_long_stop(ymd(2026, 6, 30)).earliest_long_stop() ==
          std::optional<calendar_date>(ymd(2026, 6, 30)));

    const condition c =
        fr::all_of({
                       fr::milestone("A").with_long_stop(ymd(2027, 6, 30)),
                       fr::any_of({!fr::milestone("B").with_long_stop(ymd(2026, 9, 30)), fr::on_or_after(ymd(2026, 1, 1))}),
                       fr::milestone("C").with_long_stop(ymd(2026, 10, 31)),
                   })
            .with_long_stop(ymd(2027, 12, 31));
    CHECK(c.earliest_long_stop() == std::optional<calendar_date>(ymd(2026, 9, 30)));
    // The outermost can be the earliest too.
    CHECK(fr::milestone("A").with_long_stop(ymd(2027, 1, 1)).with_long_stop(ymd(2026, 1, 1)).earliest_long_stop() ==
          std::optional<calendar_date>(ymd(2026, 1, 1)));
    // date() only reports the outermost block's own date.
    CHECK(c.date() == std::optional<calendar_date>(ymd(2027, 12, 31)));
    CHECK_FALSE(fr::all_of({fr::milestone("A").with_long_stop(ymd(2026, 1, 1))}).date().has_value());
}

TEST_CASE("conditions are values: copies share, evaluation does not mutate") {
    const condition original = fr::milestone("A").with_long_stop(ymd(2026, 6, 30));
    condition other = original;
    other = fr::at_close();
    CHECK(original == fr::milestone("A").with_long_stop(ymd(2026, 6, 30)));
    CHECK(other == fr::at_close());
    const world_state w(ymd(2026, 7, 1));
    const auto first = original.evaluate(w);
    CHECK(original.evaluate(w) == first);
    CHECK(first == lapsed_since(ymd(2026, 7, 1)));
}

// ---------------------------------------------------------------------------------------------
// Questionable semantics (see the report): to_string is not injective for long stop vs negation.

TEST_CASE("to_string distinguishes not (A by D) from (not A) by D") {
    const condition not_of_stop = !fr::milestone("A").with_long_stop(ymd(2026, 12, 31));
    const condition stop_of_not = (!fr::milestone("A")).with_long_stop(ymd(2026, 12, 31));
    // They are different conditions with opposite outcomes when nothing happens by the stop ...
    REQUIRE(not_of_stop != stop_of_not);
    const world_state w(ymd(2027, 1, 1));
    REQUIRE(not_of_stop.evaluate(w).is_met());
    REQUIRE(stop_of_not.evaluate(w).is_lapsed());
    // ... so their "readable form" must not be the same text.
    CHECK(not_of_stop.to_string() != stop_of_not.to_string());
}

TEST_CASE("condition: deadline() is the last day the whole condition can still become met") {
    using fundround::condition;
    const auto d1 = year{2026} / 6 / 30;
    const auto d2 = year{2026} / 12 / 31;
    CHECK_FALSE(fundround::milestone("A").deadline().has_value());
    CHECK(fundround::milestone("A").with_long_stop(d1).deadline() == d1);
    // A nested earlier long-stop binds the outer one.
    CHECK(fundround::milestone("A").with_long_stop(d1).with_long_stop(d2).deadline() == d1);
    // all_of / any_of are bound only when every part is, by the latest deadline.
    CHECK((fundround::milestone("A").with_long_stop(d1) || fundround::milestone("B").with_long_stop(d2))
              .deadline() == d2);
    CHECK_FALSE((fundround::milestone("A").with_long_stop(d1) || fundround::on_or_after(d2))
                    .deadline()
                    .has_value());
    CHECK_FALSE((!fundround::milestone("A").with_long_stop(d1)).deadline().has_value());
}

TEST_CASE("condition: identity() is shared by copies, not by equal trees built apart") {
    const fundround::condition a = fundround::milestone("A");
    const fundround::condition copy = a;  // NOLINT(performance-unnecessary-copy-initialization)
    const fundround::condition twin = fundround::milestone("A");
    CHECK(copy.identity() == a.identity());
    CHECK(twin == a);
    CHECK(twin.identity() != a.identity());
}

// Issue 9, item 8: conditions recursed without bound (evaluate() crashed at 50,000-70,000
// levels, destroying a 10^6-deep chain overflowed the stack). Nesting is capped when written.
TEST_CASE("condition: nesting deeper than fr::max_condition_depth is refused when written") {
    condition c = fr::milestone("m");
    for (std::size_t level = 1; level < fr::max_condition_depth; ++level) c = !c;
    CHECK(c.depth() == fr::max_condition_depth);
    CHECK(c.evaluate(world_state(ymd(2026, 1, 1))).is_pending());
    CHECK_THROWS_WITH_AS((void)!c,
                         "condition.negation = nesting depth 1001: must be at most 1000 levels deep (flatten it "
                         "with all_of/any_of)",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS((void)(c && fr::at_close()), fr::invalid_argument_error);
    CHECK_THROWS_AS((void)c.with_long_stop(ymd(2026, 1, 1)), fr::invalid_argument_error);
    // Wide is fine: a million parts in one all_of is two levels deep, and destroyed iteratively.
    std::vector<condition> wide(1000000, fr::milestone("m"));
    const condition flat = fr::all_of(std::move(wide));
    CHECK(flat.depth() == 2);
    CHECK(flat.evaluate(world_state(ymd(2026, 1, 1)).achieve("m", ymd(2026, 1, 1))).is_met());
}

// Issue 9, items 7 and 8: a moved-from condition is always(), not a null tree.
TEST_CASE("condition: a moved-from condition is a valid value") {
    condition a = fr::milestone("m") && fr::on_or_after(ymd(2026, 1, 1));
    const condition b = std::move(a);
    CHECK(a == condition());  // NOLINT(bugprone-use-after-move): the point of the test
    CHECK(a.kind() == condition_kind::always);
    CHECK(a.parts().empty());
    CHECK(a.milestone_name().empty());
    CHECK_FALSE(a.depends_on_milestone());
    CHECK(a.to_string() == "at close");
    CHECK(a.evaluate(world_state(ymd(2026, 1, 1))).is_met());
    condition c = b;
    c = std::move(a);
    CHECK(c == fr::at_close());
    a = b;
    CHECK(a == b);
    CHECK(b.depends_on_milestone());
}

// Issue 9, item 9: a condition is one pointer to its shared node, whose reference count lives
// in the node (std::shared_ptr took two pointers); the round's tranches are 8 bytes smaller.
TEST_CASE("condition: one pointer, copies share the node, assignment from a part of its own tree") {
    static_assert(sizeof(condition) == sizeof(void*), "an intrusive count: one pointer");
    const condition m = fr::milestone("m");
    condition c = m;
    CHECK(c.identity() == m.identity());
    CHECK(condition().identity() == nullptr);
    const condition& alias = c;
    c = alias;  // self-assignment keeps the tree
    CHECK(c.identity() == m.identity());
    CHECK(c == fr::milestone("m"));
    // The only reference to a tree assigned one of its own parts: the part is read before the
    // tree is released (the tree's last reference goes, and with it the part's old holder).
    condition tree = fr::milestone("x") && fr::on_or_after(ymd(2026, 1, 1));
    tree = tree.parts()[1];
    CHECK(tree == fr::on_or_after(ymd(2026, 1, 1)));
    condition nested = !(fr::milestone("y") || fr::milestone("z"));
    nested = nested.parts().front();
    CHECK(nested == (fr::milestone("y") || fr::milestone("z")));
    nested = nested.parts().back();
    CHECK(nested == fr::milestone("z"));
    CHECK(nested.to_string() == "milestone \"z\"");
}

TEST_CASE("condition: copies made and dropped on several threads keep the count exact") {
    // The count is atomic, as std::shared_ptr's: every thread copies the same conditions many
    // times and drops its copies. A lost update would free the tree early (caught by the ASan
    // preset) or never (leaked, caught by LeakSanitizer there); here the trees must still read
    // and compare as built, and the last copy destroys them.
    const condition shared = fr::all_of({fr::milestone("a"), fr::milestone("b").with_long_stop(ymd(2027, 1, 1))});
    const condition other = !shared;
    constexpr int kThreads = 4;
    constexpr int kCopies = 20000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            std::vector<condition> copies;
            copies.reserve(kCopies);
            for (int i = 0; i < kCopies; ++i) {
                copies.push_back(i % 2 == 0 ? shared : other.parts().front());
                if (i % 3 == 0) {
                    condition moved = std::move(copies.back());
                    copies.back() = moved;
                }
            }
            copies.clear();
        });
    }
    for (auto& th : threads) th.join();
    CHECK(shared == fr::all_of({fr::milestone("a"), fr::milestone("b").with_long_stop(ymd(2027, 1, 1))}));
    CHECK(other.parts().front().identity() == shared.identity());
    CHECK(shared.evaluate(world_state(ymd(2026, 6, 1)).achieve("a", ymd(2026, 2, 1)).achieve("b", ymd(2026, 3, 1)))
              .is_met());
}

TEST_CASE("condition: dates after fr::end_of_time() are refused") {
    CHECK_THROWS_WITH_AS((void)fr::on_or_after(ymd(10000, 1, 1)),
                         "on_or_after = 10000-01-01: is after 9999-12-31, the last day fundround models",
                         fr::invalid_argument_error);
    CHECK_THROWS_AS((void)world_state(ymd(10000, 1, 1)), fr::invalid_argument_error);
    CHECK_THROWS_AS(world_state(ymd(2026, 1, 1)).achieve("m", ymd(32767, 12, 31)), fr::invalid_argument_error);
    // A long-stop on the last modelled day never lapses within the modelled time.
    const condition c = fr::milestone("m").with_long_stop(fr::end_of_time());
    CHECK(c.evaluate(world_state(fr::end_of_time())).is_pending());
    CHECK(c.evaluate(world_state(fr::end_of_time()).achieve("m", fr::end_of_time())).is_met());
}

namespace {
// What a world knows of @p names, as (achieved?, date) or absent, for comparing worlds.
std::map<std::string, std::pair<bool, calendar_date>> known(const world_state& w, const std::vector<std::string>& names) {
    std::map<std::string, std::pair<bool, calendar_date>> out;
    for (const auto& n : names) {
        if (const auto a = w.achieved_on(n)) out[n] = {true, *a};
        if (const auto f = w.failed_on(n)) out[n] = {false, *f};
    }
    return out;
}
}  // namespace

TEST_CASE("world_state: achieve() and fail() have the strong guarantee under allocation failure") {
    // Every record of a sequence (new names short and beyond the small-string buffer, names
    // recorded again in the newest run and in older ones, so that runs merge and drop records)
    // is tried with operator new failing on its 1st, 2nd, ... allocation until it succeeds; after
    // each failure the world knows exactly what a copy taken before knew, and the records after
    // it (which read the runs a broken record would leave) agree with a plain map.
    fr::detail::xoshiro256 rng(20261207);
    std::vector<std::string> names;
    for (int i = 0; i < 24; ++i) {
        names.push_back(i % 2 == 0 ? "m" + std::to_string(i) : "a milestone with a long name, number " + std::to_string(i));
    }
    world_state w(ymd(2030, 1, 1));
    std::map<std::string, std::pair<bool, calendar_date>> expected;
    int failures = 0;
    for (int step = 0; step < 200; ++step) {
        CAPTURE(step);
        const std::string& name = names[static_cast<std::size_t>(rng.next() % names.size())];
        const bool achieve = rng.next() % 3 != 0;
        const calendar_date on = ymd(2026, 1 + static_cast<unsigned>(rng.next() % 12), 1 + static_cast<unsigned>(rng.next() % 28));
        for (long budget = 0;; ++budget) {
            const world_state before = w;
            bool threw = false;
            new_budget.store(budget);
            try {
                if (achieve) {
                    w.achieve(name, on);
                } else {
                    w.fail(name, on);
                }
            } catch (const std::bad_alloc&) {
                threw = true;
            }
            new_budget.store(-1);
            if (!threw) break;
            ++failures;
            REQUIRE(known(w, names) == expected);
            REQUIRE(known(w, names) == known(before, names));
            REQUIRE(budget < 100);
        }
        expected[name] = {achieve, on};
        REQUIRE(known(w, names) == expected);
        // compact() keeps what the world knows, also when it fails.
        if (step % 50 == 49) {
            world_state c = w;
            for (long budget = 0;; ++budget) {
                new_budget.store(budget);
                bool threw = false;
                try {
                    c.compact();
                } catch (const std::bad_alloc&) {
                    threw = true;
                }
                new_budget.store(-1);
                REQUIRE(known(c, names) == expected);
                if (!threw) break;
            }
        }
    }
    CHECK(failures > 200);  // most records allocate (a name, room, a merge)
}

TEST_CASE("world_state: copy assignment has the strong guarantee under allocation failure") {
    // The source holds 31 records with long names, seen on another day; the target none (no room
    // for runs) or one. The assignment allocates for the records, their names and the runs; after
    // each failure the target knows exactly what it knew, on its own date, and records into it
    // are found (a member-by-member assignment left the source's records under the target's old
    // runs: the next record made a run of them, unsorted, and was not found in it).
    std::vector<std::string> names{"m0"};
    world_state source(ymd(2031, 6, 30));
    for (int i = 1; i <= 31; ++i) {
        names.push_back("a milestone with a long name, number " + std::to_string(i));
        source.achieve(names.back(), ymd(2026, 1 + static_cast<unsigned>(i % 12), 1));
    }
    int failures = 0;
    for (const bool empty : {true, false}) {
        CAPTURE(empty);
        for (long budget = 0;; ++budget) {
            CAPTURE(budget);
            world_state target(ymd(2030, 1, 1));
            if (!empty) target.fail("m0", ymd(2026, 1, 5));
            const auto before = known(target, names);
            bool threw = false;
            new_budget.store(budget);
            try {
                target = source;
            } catch (const std::bad_alloc&) {
                threw = true;
            }
            new_budget.store(-1);
            if (!threw) {
                CHECK(known(target, names) == known(source, names));
                CHECK(target.as_of() == ymd(2031, 6, 30));
                break;
            }
            ++failures;
            CHECK(target.as_of() == ymd(2030, 1, 1));
            CHECK(known(target, names) == before);
            target.achieve(names[5], ymd(2026, 3, 3)).achieve(names[30], ymd(2026, 4, 4)).fail("m0", ymd(2026, 1, 6));
            CHECK(target.achieved_on(names[5]) == ymd(2026, 3, 3));
            CHECK(target.achieved_on(names[30]) == ymd(2026, 4, 4));
            CHECK(target.failed_on("m0") == ymd(2026, 1, 6));
            CHECK(!target.achieved_on(names[6]));
            REQUIRE(budget < 100);
        }
    }
    CHECK(failures >= 64);  // twice: the records' buffer, 31 names (and the runs)
}

TEST_CASE("operator new replacement: every form goes through the budget and frees with its own delete") {
    // The replacement above is global in the unity test binary: operator new[] and the nothrow
    // forms must allocate where operator delete frees (under AddressSanitizer, whose own nothrow
    // new std::stable_sort's buffer came from, the replaced delete's free() was an
    // alloc-dealloc-mismatch that aborted every later test using std::stable_sort).
    new_budget.store(0);
    void* nothrow_one = ::operator new(8, std::nothrow);
    void* nothrow_many = ::operator new[](8, std::nothrow);
    bool array_threw = false;
    try {
        ::operator delete[](::operator new[](8));
    } catch (const std::bad_alloc&) {
        array_threw = true;
    }
    new_budget.store(-1);
    CHECK(nothrow_one == nullptr);
    CHECK(nothrow_many == nullptr);
    CHECK(array_threw);
    std::vector<int> v(1000);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int>((i * 7919) % 1000);
    std::stable_sort(v.begin(), v.end());  // a temporary buffer from nothrow new, freed by delete
    CHECK(std::is_sorted(v.begin(), v.end()));
    int* many = new int[3]{1, 2, 3};
    CHECK(many[2] == 3);
    delete[] many;
}

}  // namespace test_condition
