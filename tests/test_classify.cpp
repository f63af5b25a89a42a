// Unit tests for fundround/deal/classify.hpp: exact classification of conditions over every
// outcome of their milestones, checked against brute-force enumeration of outcomes.
#include <fundround/deal/classify.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_classify {

namespace {

using namespace fundround;

calendar_date ymd(int y, unsigned m, unsigned d) {
    return year{y} / m / d;
}

calendar_date close_day() { return ymd(2026, 2, 27); }

calendar_date plus(calendar_date d, int n) { return d + days{n}; }

}  // namespace

TEST_CASE("classify_condition: exact outlooks") {
    const calendar_date close = close_day();
    const condition m = milestone("m");
    condition_outlook o = classify_condition(m, close);
    CHECK(o.possible);
    CHECK_FALSE(o.certain);
    o = classify_condition(m || !m, close);  // m may never settle
    CHECK(o.possible);
    CHECK_FALSE(o.certain);
    const condition stopped = m.with_long_stop(ymd(2026, 12, 31));
    o = classify_condition(stopped || !stopped, close);  // settled by the day after the long-stop
    CHECK(o.certain);
    CHECK(o.certain_from == ymd(2027, 1, 1));
    o = classify_condition(stopped || !stopped, close, ymd(2026, 12, 31));  // not yet on the long-stop
    CHECK_FALSE(o.certain);
    o = classify_condition(m && !m, close);
    CHECK_FALSE(o.possible);
    o = classify_condition(on_or_after(ymd(2026, 6, 1)), close);
    CHECK(o.certain);
    CHECK(o.certain_from == ymd(2026, 6, 1));
    o = classify_condition(at_close(), close);
    CHECK(o.certain_from == close);
    o = classify_condition(m.with_long_stop(ymd(2026, 1, 1)), close);  // long-stop before the close
    CHECK_FALSE(o.possible);
    // A milestone achieved on a long-stop date still counts; a day later it does not.
    const condition a = milestone("a").with_long_stop(ymd(2026, 6, 30));
    const condition b = milestone("b").with_long_stop(ymd(2026, 9, 30));
    o = classify_condition((a && b) || (!a && on_or_after(ymd(2026, 8, 1))) || (!b && on_or_after(ymd(2026, 11, 1))),
                           close);
    CHECK(o.certain);  // a and b in time; a late (from 08-01); b late (from 11-01): the worst
    CHECK(o.certain_from == ymd(2026, 11, 1));
    o = classify_condition((a && b) || (!a && on_or_after(ymd(2026, 8, 1))), close);
    CHECK(o.possible);
    CHECK_FALSE(o.certain);  // a in time, b late
}


namespace {

// A random condition over milestones a, b, c and a few dates around the close.
condition random_condition(std::mt19937& gen, int depth) {
    const calendar_date days[] = {ymd(2026, 1, 31), close_day(), ymd(2026, 5, 31), ymd(2026, 6, 1),
                                  ymd(2026, 9, 30), ymd(2027, 1, 1)};
    std::uniform_int_distribution<int> pick(0, depth <= 0 ? 2 : 7);
    std::uniform_int_distribution<std::size_t> day(0, 5);
    switch (pick(gen)) {
        case 0: return milestone(std::string(1, static_cast<char>('a' + std::uniform_int_distribution<int>(0, 2)(gen))));
        case 1: return on_or_after(days[day(gen)]);
        case 2: return std::uniform_int_distribution<int>(0, 3)(gen) == 0 ? at_close() : milestone("a");
        case 3: return !random_condition(gen, depth - 1);
        case 4: return random_condition(gen, depth - 1).with_long_stop(days[day(gen)]);
        case 5: return any_of({random_condition(gen, depth - 1), random_condition(gen, depth - 1)});
        case 6: return all_of({random_condition(gen, depth - 1), random_condition(gen, depth - 1)});
        default: return all_of({random_condition(gen, depth - 1), random_condition(gen, depth - 1),
                                random_condition(gen, depth - 1)});
    }
}

// Brute force: every milestone never settles, or is achieved or fails on one of the days where
// the rules can change (close, each date and the day after it, the horizon).
condition_outlook enumerate(const condition& c, calendar_date close, calendar_date by) {
    std::vector<calendar_date> days{close, by};
    for (const calendar_date d : {ymd(2026, 1, 31), close_day(), ymd(2026, 5, 31), ymd(2026, 6, 1), ymd(2026, 9, 30),
                                  ymd(2027, 1, 1)}) {
        for (const calendar_date e : {d, plus(d, 1)}) {
            if (close <= e && e <= by) days.push_back(e);
        }
    }
    const std::vector<std::string> names = c.milestones();
    const std::size_t options = 1 + 2 * days.size();
    std::size_t combinations = 1;
    for (std::size_t i = 0; i < names.size(); ++i) combinations *= options;
    condition_outlook o;
    o.certain = true;
    for (std::size_t n = 0; n < combinations; ++n) {
        world_state w(by);
        std::size_t code = n;
        for (const auto& name : names) {
            const std::size_t v = code % options;
            code /= options;
            if (v == 0) continue;
            if (v % 2 == 1) {
                w.achieve(name, days[(v - 1) / 2]);
            } else {
                w.fail(name, days[(v - 1) / 2]);
            }
        }
        const condition_status s = c.evaluate(w);
        if (s.is_met()) {
            o.possible = true;
            const calendar_date since = s.since && close < *s.since ? *s.since : close;
            if (!o.certain_from || *o.certain_from < since) o.certain_from = since;
        } else {
            o.certain = false;
        }
    }
    if (!o.certain) o.certain_from.reset();
    return o;
}

}  // namespace

TEST_CASE("classify_condition: agrees with brute-force enumeration on random conditions") {
    std::mt19937 gen(20261202);
    int certain = 0;
    int impossible = 0;
    for (int i = 0; i < 500; ++i) {
        const condition c = random_condition(gen, 4);
        for (const calendar_date by : {end_of_time(), ymd(2026, 6, 1), ymd(2026, 9, 30)}) {
            CAPTURE(c);
            CAPTURE(by);
            const condition_outlook want = enumerate(c, close_day(), by);
            const condition_outlook got = classify_condition(c, close_day(), by);
            CHECK(got.possible == want.possible);
            CHECK(got.certain == want.certain);
            CHECK(got.certain_from == want.certain_from);
            certain += want.certain ? 1 : 0;
            impossible += want.possible ? 0 : 1;
        }
    }
    CHECK(certain > 30);  // the generator reaches every case
    CHECK(impossible > 30);
}

TEST_CASE("classify_condition: the limits are reported, not hit silently") {
    std::vector<condition> many;
    for (std::size_t k = 0; k <= max_classified_milestones; ++k) many.push_back(milestone("m" + std::to_string(k)));
    CHECK_THROWS_WITH_AS((void)classify_condition(all_of(many), close_day()),
                         "it names 1001 milestones, more than 1000 (max_classified_milestones)",
                         classification_limit_error);
    many.pop_back();
    const condition_outlook o = classify_condition(all_of(many) || !all_of(many), close_day());
    CHECK(o.possible);
    CHECK_FALSE(o.certain);
}

TEST_CASE("condition_outlook_cache: empty until the first insert, found by identity, first outlook kept") {
    condition_outlook_cache cache;
    const condition c = all_of({milestone("A"), on_or_after(ymd(2027, 1, 1))});
    const condition copy = c;  // the same tree: the same identity
    const condition twin = all_of({milestone("A"), on_or_after(ymd(2027, 1, 1))});  // equal, built apart
    CHECK(cache.size() == 0);
    CHECK(cache.find(c) == nullptr);
    const condition_outlook o = classify_condition(c, close_day());
    CHECK(o.possible);
    CHECK_FALSE(o.certain);
    cache.insert(c, o);
    CHECK(cache.size() == 1);
    REQUIRE(cache.find(copy) != nullptr);
    CHECK(cache.find(copy)->possible == o.possible);
    CHECK(cache.find(copy)->certain == o.certain);
    CHECK(cache.find(twin) == nullptr);
    condition_outlook other;
    other.possible = false;
    cache.insert(copy, other);  // already cached: keeps its outlook
    CHECK(cache.size() == 1);
    CHECK(cache.find(c)->possible);
    std::vector<condition> more;  // the conditions must outlive the cache (identities are addresses)
    for (int i = 0; i < 100; ++i) more.push_back(on_or_after(plus(close_day(), i)) && milestone("B"));
    for (const condition& m : more) cache.insert(m, other);
    CHECK(cache.size() == 101);
    CHECK(cache.find(c)->possible);
}

}  // namespace test_classify
