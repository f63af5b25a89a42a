// disbursement_schedule, directly and through rounds: ordering, running totals, due_through.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_schedule {

namespace {

using namespace fundround;
using namespace fundround::literals;

calendar_date ymd(int y, unsigned m, unsigned d) {
    return year{y} / m / d;
}

money usd0() { return money::zero(currencies::usd); }

// A tranche of @p amount: on_or_after(@p when) if dated, a milestone otherwise.
tranche make_tranche(std::optional<calendar_date> when, money amount) {
    return when ? tranche::on(amount, *when) : tranche::when(amount, milestone("m"));
}

// The investors A, B, C, D with their tranches, and placements in round order, dates out of
// order, with ties.
disbursement_schedule sample() {
    const auto inv = [](const char* name, std::vector<tranche> ts) {
        money total = usd0();
        for (const tranche& t : ts) total += t.amount();
        return commitment{investor(name), std::move(ts), total, usd0(), usd0(), usd0()};
    };
    std::vector<commitment> cs = {
        inv("A", {make_tranche(ymd(2026, 3, 1), 1_M), make_tranche(ymd(2026, 3, 1), 5_M),
                  make_tranche(std::nullopt, 8_M)}),
        inv("B", {make_tranche(ymd(2026, 2, 1), 2_M), make_tranche(ymd(2026, 12, 31), 6_M)}),
        inv("C", {make_tranche(ymd(2026, 3, 1), 3_M), make_tranche(std::nullopt, 7_M)}),
        inv("D", {make_tranche(ymd(2026, 2, 1), 4_M)}),
    };
    const auto scheduled = funding_status::scheduled;
    const auto conditional = funding_status::conditional;
    const std::vector<schedule_placement> placements = {
        {0, 0, scheduled, ymd(2026, 3, 1)},   {1, 0, scheduled, ymd(2026, 2, 1)},
        {2, 0, scheduled, ymd(2026, 3, 1)},   {3, 0, scheduled, ymd(2026, 2, 1)},
        {0, 1, scheduled, ymd(2026, 3, 1)},   {1, 1, scheduled, ymd(2026, 12, 31)},
        {2, 1, conditional, std::nullopt},    {0, 2, conditional, std::nullopt},
    };
    return disbursement_schedule(std::move(cs), placements, currencies::usd);
}

}  // namespace

TEST_CASE("schedule: to_string(funding_status)") {
    CHECK(to_string(funding_status::at_close) == "at close");
    CHECK(to_string(funding_status::scheduled) == "scheduled");
    CHECK(to_string(funding_status::conditional) == "conditional");
    CHECK(to_string(static_cast<funding_status>(42)) == "unknown");
}

TEST_CASE("schedule: an empty schedule") {
    const disbursement_schedule s;
    CHECK(s.dated().empty());
    CHECK(s.undated().empty());
    CHECK(s.dated_total() == usd0());
    CHECK(s.undated_total() == usd0());
    CHECK(s.total() == usd0());
    CHECK(s.due_through(ymd(1970, 1, 1)) == usd0());
    CHECK(s.due_through(ymd(2026, 2, 27)) == usd0());
    CHECK(s.due_through(ymd(9999, 12, 31)) == usd0());

    // An empty schedule keeps its currency.
    const disbursement_schedule e(currencies::eur);
    CHECK(e.total() == money::zero(currencies::eur));
    CHECK(e.total().currency() == currencies::eur);
    CHECK(e.due_through(ymd(2026, 2, 27)) == money::zero(currencies::eur));
    CHECK(e.due_through(ymd(2026, 2, 27)).currency() == currencies::eur);

    const disbursement_schedule built({}, {}, currencies::gbp);
    CHECK(built.dated().empty());
    CHECK(built.total() == money::zero(currencies::gbp));
    CHECK(built.due_through(ymd(2026, 1, 1)) == money::zero(currencies::gbp));
}

TEST_CASE("schedule: dated entries sorted by date, ties keep round order, with running totals") {
    const disbursement_schedule s = sample();
    REQUIRE(s.dated().size() == 6);
    const char* const who[] = {"B", "D", "A", "C", "A", "B"};
    const std::size_t tranche_index[] = {0, 0, 0, 0, 1, 1};
    const calendar_date dates[] = {ymd(2026, 2, 1), ymd(2026, 2, 1), ymd(2026, 3, 1),
                                   ymd(2026, 3, 1), ymd(2026, 3, 1), ymd(2026, 12, 31)};
    const money amounts[] = {2_M, 4_M, 1_M, 3_M, 5_M, 6_M};
    const money cumulative[] = {2_M, 6_M, 7_M, 10_M, 15_M, 21_M};
    for (std::size_t i = 0; i < 6; ++i) {
        CAPTURE(i);
        const disbursement d = s.dated()[i];
        CHECK(d.investor() == who[i]);
        CHECK(d.tranche_index() == tranche_index[i]);
        REQUIRE(d.date().has_value());
        CHECK(*d.date() == dates[i]);
        CHECK(d.amount() == amounts[i]);
        CHECK(d.cumulative() == cumulative[i]);
        CHECK(d.when() == on_or_after(dates[i]));
        CHECK(d.status() == funding_status::scheduled);
        CHECK(&d.tranche() == &s.commitments()[d.investor_index()].tranches[d.tranche_index()]);
    }
    CHECK(s.dated_total() == 21_M);

    // Undated entries keep round order; their running total continues from the dated $21M.
    REQUIRE(s.undated().size() == 2);
    CHECK(s.undated()[0].investor() == "C");
    CHECK(s.undated()[0].cumulative() == 28_M);
    CHECK(s.undated()[1].investor() == "A");
    CHECK(s.undated()[1].cumulative() == 36_M);
    CHECK(s.undated_total() == 15_M);
    CHECK(s.total() == 36_M);
}

TEST_CASE("schedule: every entry's amount is its tranche's (read as a difference of running totals)") {
    // Entries store the running total, not the amount (24 bytes, issue 9): the amount of the
    // first dated entry is its running total, of the first undated one its running total minus
    // the dated total, of any other the difference with the entry before it.
    const disbursement_schedule s = sample();
    for (const disbursement_list& list : {s.dated(), s.undated()}) {
        for (const disbursement& d : list) CHECK(d.amount() == d.tranche().amount());
    }
    CHECK(s.dated().front().amount() == 2_M);
    CHECK(s.undated()[0].amount() == 7_M);
    CHECK(s.undated()[1].amount() == 8_M);
    const disbursement_schedule copy = s;  // the copy reads its own entries
    CHECK(copy.undated().front().amount() == 7_M);
    // Amounts near the limit of the range: the running total fits, so every difference is exact.
    const money big = money::from_units(std::numeric_limits<std::int64_t>::max() / 2);
    const money rest = money::from_units(std::numeric_limits<std::int64_t>::max() - big.units());
    std::vector<commitment> cs = {{investor("A"), {make_tranche(ymd(2026, 1, 1), big), make_tranche(std::nullopt, rest)},
                                   big + rest, usd0(), big, rest}};
    const disbursement_schedule edge(std::move(cs), {{0, 1, funding_status::conditional, std::nullopt},
                                                     {0, 0, funding_status::scheduled, ymd(2026, 1, 1)}},
                                     currencies::usd);
    CHECK(edge.dated()[0].amount() == big);
    CHECK(edge.undated()[0].amount() == rest);
    CHECK(edge.undated()[0].cumulative().units() == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("schedule: many entries on one date keep their order exactly") {
    std::vector<commitment> cs;
    std::vector<schedule_placement> placements;
    for (std::size_t i = 0; i < 100; ++i) {
        // Alternate two dates so the sort has real work; within a date, round order must hold.
        const calendar_date d = (i % 3 == 0) ? ymd(2026, 1, 1) : ymd(2025, 12, 31);
        const money m = money::from_units(static_cast<std::int64_t>(i) + 1);
        cs.push_back({investor("I" + std::to_string(i)), {make_tranche(d, m)}, m, usd0(), m, usd0()});
        placements.push_back({i, 0, funding_status::scheduled, d});
    }
    const disbursement_schedule s(std::move(cs), placements, currencies::usd);
    REQUIRE(s.dated().size() == 100);
    std::vector<std::size_t> order;
    for (const auto& e : s.dated()) order.push_back(e.investor_index());
    std::vector<std::size_t> want;
    for (std::size_t i = 0; i < 100; ++i) if (i % 3 != 0) want.push_back(i);
    for (std::size_t i = 0; i < 100; ++i) if (i % 3 == 0) want.push_back(i);
    CHECK(order == want);
    CHECK(s.dated_total() == money::from_units(5050));
    CHECK(s.due_through(ymd(2025, 12, 30)) == usd0());
    money first_day = usd0();
    for (std::size_t i = 0; i < 100; ++i) {
        if (i % 3 != 0) first_day += money::from_units(static_cast<std::int64_t>(i) + 1);
    }
    CHECK(s.due_through(ymd(2025, 12, 31)) == first_day);
    CHECK(s.due_through(ymd(2026, 1, 1)) == money::from_units(5050));
}

TEST_CASE("schedule: due_through before, on, between and after the dates") {
    const disbursement_schedule s = sample();
    CHECK(s.due_through(ymd(2000, 1, 1)) == usd0());
    CHECK(s.due_through(ymd(2026, 1, 31)) == usd0());  // the day before the first date
    CHECK(s.due_through(ymd(2026, 2, 1)) == 6_M);      // on the first date: both entries
    CHECK(s.due_through(ymd(2026, 2, 28)) == 6_M);     // between dates
    CHECK(s.due_through(ymd(2026, 3, 1)) == 15_M);     // all three entries of the tie
    CHECK(s.due_through(ymd(2026, 12, 30)) == 15_M);
    CHECK(s.due_through(ymd(2026, 12, 31)) == 21_M);   // on the last date
    CHECK(s.due_through(ymd(2027, 1, 1)) == 21_M);     // after the last date
    CHECK(s.due_through(ymd(9999, 12, 31)) == s.dated_total());
    // Undated entries are never "due" by a date.
    CHECK(s.due_through(ymd(9999, 12, 31)) != s.total());
}

TEST_CASE("schedule: a schedule is a value") {
    const disbursement_schedule s = sample();
    disbursement_schedule copy = s;
    CHECK(copy.total() == s.total());
    CHECK(copy.dated().size() == s.dated().size());
    copy = disbursement_schedule();
    CHECK(copy.total() == usd0());
    CHECK(s.total() == 36_M);
}

TEST_CASE("schedule: through a round, same-date entries follow round order") {
    const calendar_date close = ymd(2026, 2, 27);
    const calendar_date june = ymd(2026, 6, 30);
    const funding_round r =
        round_builder("Ties")
            .pre_money(100_M)
            .close_date(close)
            .invest(investor("X"), {tranche::on(1_M, june)})
            .invest(investor("Y"), {tranche::on(2_M, june), tranche::at_close(3_M), tranche::on(4_M, june)})
            .invest(investor("Z"), {tranche::when(5_M, milestone("m")), tranche::on(6_M, june)})
            .invest(investor("W"), 7_M)
            .build();
    const disbursement_schedule& s = r.schedule();
    REQUIRE(s.dated().size() == 6);
    // At close: Y's $3M then W's $7M (round order); then on June 30: X, Y#0, Y#2, Z#1.
    struct want {
        const char* investor;
        std::size_t tranche;
        calendar_date date;
        money amount;
        funding_status status;
        money cumulative;
    };
    const want w[] = {
        {"Y", 1, close, 3_M, funding_status::at_close, 3_M},
        {"W", 0, close, 7_M, funding_status::at_close, 10_M},
        {"X", 0, june, 1_M, funding_status::scheduled, 11_M},
        {"Y", 0, june, 2_M, funding_status::scheduled, 13_M},
        {"Y", 2, june, 4_M, funding_status::scheduled, 17_M},
        {"Z", 1, june, 6_M, funding_status::scheduled, 23_M},
    };
    for (std::size_t i = 0; i < 6; ++i) {
        CAPTURE(i);
        const disbursement& d = s.dated()[i];
        CHECK(d.investor() == w[i].investor);
        CHECK(d.tranche_index() == w[i].tranche);
        CHECK(*d.date() == w[i].date);
        CHECK(d.amount() == w[i].amount);
        CHECK(d.status() == w[i].status);
        CHECK(d.cumulative() == w[i].cumulative);
    }
    CHECK(s.dated()[2].investor_index() == 0);
    CHECK(s.dated()[1].investor_index() == 3);
    REQUIRE(s.undated().size() == 1);
    CHECK(s.undated()[0].investor() == "Z");
    CHECK(s.undated()[0].investor_index() == 2);
    CHECK(s.undated()[0].tranche_index() == 0);
    CHECK(s.undated()[0].status() == funding_status::conditional);
    CHECK(s.undated_total() == 5_M);
    CHECK(s.total() == r.raised());
    CHECK(r.raised() == 28_M);

    CHECK(s.due_through(ymd(2026, 2, 26)) == usd0());
    CHECK(s.due_through(close) == 10_M);
    CHECK(s.due_through(close) == r.raised_at_close());
    CHECK(s.due_through(ymd(2026, 6, 29)) == 10_M);
    CHECK(s.due_through(june) == 23_M);
    CHECK(s.due_through(june) == r.raised_at_close() + r.raised_scheduled());
    CHECK(s.due_through(ymd(2030, 1, 1)) == 23_M);
}

TEST_CASE("schedule: through a round in another currency") {
    const money m = money::from_major(1'000'000, currencies::eur);
    const funding_round r = round_builder("Euro")
                                .currency(currencies::eur)
                                .pre_money(money::from_major(9'000'000, currencies::eur))
                                .close_date(ymd(2026, 2, 27))
                                .invest(investor("A"), {tranche::when(m, milestone("m"))})
                                .build();
    const disbursement_schedule& s = r.schedule();
    CHECK(s.dated().empty());
    CHECK(s.dated_total() == money::zero(currencies::eur));
    CHECK(s.undated_total() == m);
    CHECK(s.total() == m);
    CHECK(s.due_through(ymd(2030, 1, 1)) == money::zero(currencies::eur));
    CHECK(r.raised_at_close() == money::zero(currencies::eur));
    CHECK(r.ownership_at_close("A") == fraction(0));
    CHECK(r.ownership("A") == fraction(1, 10));
}

TEST_CASE("schedule: a placement naming no tranche, an unmodelled date or another currency is refused") {
    const auto one = [](money m) {
        return std::vector<commitment>{{investor("A"), {tranche::at_close(m)}, m, m, usd0(), usd0()}};
    };
    const auto at_close = funding_status::at_close;
    const auto build = [&](money m, schedule_placement p) {
        return disbursement_schedule(one(m), std::vector<schedule_placement>{p}, currencies::usd);
    };
    CHECK(build(1_M, {0, 0, at_close, ymd(2026, 1, 1)}).total() == 1_M);
    CHECK_THROWS_WITH_AS(build(1_M, {1, 0, at_close, ymd(2026, 1, 1)}),
                         "placements[0]: names no tranche of the commitments", invalid_argument_error);
    CHECK_THROWS_WITH_AS(build(1_M, {0, 1, at_close, ymd(2026, 1, 1)}),
                         "placements[0]: names no tranche of the commitments", invalid_argument_error);
    CHECK_THROWS_AS(build(1_M, {0, 0, at_close, ymd(2026, 2, 30)}), invalid_argument_error);
    CHECK_THROWS_AS(build(1_M, {0, 0, at_close, ymd(10000, 1, 1)}), invalid_argument_error);
    CHECK_THROWS_AS(build(money::from_major(1, currencies::eur), {0, 0, at_close, ymd(2026, 1, 1)}),
                    invalid_argument_error);
}

TEST_CASE("schedule: entries are 24 bytes and tranches 40 (issue 9: <= 100 bytes per tranche)") {
    // Not a speed test: the layout the memory budget in bench/README.md rests on.
    CHECK(sizeof(fundround::tranche) <= 40);
    CHECK(sizeof(fundround::detail::schedule_entry) <= 24);
    const disbursement_schedule s = sample();
    CHECK(s.dated().size() + s.undated().size() == 8);
}

TEST_CASE("schedule: a fallback tranche is one entry on its settlement date, with its condition text") {
    CHECK(to_string(tranche_part::whole) == "whole");
    CHECK(to_string(tranche_part::fallback) == "fallback");
    const condition c = milestone("listing").with_long_stop(year{2026} / 12 / 31);
    const funding_round r = round_builder("R")
                                .pre_money(100_B)
                                .close_date(year{2026} / 2 / 27)
                                .invest(investor::financial("A"), {tranche::when(30_B, c).otherwise(20_B),
                                                                   tranche::when(5_B, milestone("other"))})
                                .build();
    const disbursement_schedule& s = r.schedule();
    REQUIRE(s.dated().size() == 1);
    REQUIRE(s.undated().size() == 1);
    const disbursement& f = s.dated()[0];
    CHECK(*f.date() == year{2026} / 12 / 31);  // the long-stop: it settles then
    CHECK(f.amount() == 30_B);
    CHECK(f.fallback() == 20_B);
    CHECK(f.status() == funding_status::conditional);
    CHECK(f.cumulative() == 30_B);
    CHECK(condition_text(f) == "milestone \"listing\" by 2026-12-31, otherwise $20B");
    CHECK(condition_text(s.undated()[0]) == "milestone \"other\"");
    CHECK_FALSE(s.undated()[0].fallback().has_value());
    CHECK(s.total() == 35_B);
    CHECK(s.due_through(year{2026} / 12 / 30) == money::zero(currencies::usd));
    CHECK(s.due_through(year{2026} / 12 / 31) == 30_B);
}

TEST_CASE("schedule: dated() and undated() are random-access ranges of entries") {
    const disbursement_schedule s = sample();
    const disbursement_list dated = s.dated();
    REQUIRE(dated.size() == 6);
    CHECK_FALSE(dated.empty());
    CHECK(dated.front().investor() == "B");
    CHECK(dated.back().investor() == "B");
    CHECK(dated.back().amount() == 6_M);
    CHECK(dated.at(5).cumulative() == 21_M);
    CHECK_THROWS_WITH_AS((void)dated.at(6), "index = 6: must be less than the 6 entries", invalid_argument_error);
    CHECK(dated.end() - dated.begin() == 6);
    auto it = dated.begin();
    CHECK(it->investor() == "B");
    CHECK((it + 2)->investor() == "A");
    CHECK(it[3].investor() == "C");
    it += 5;
    CHECK((*it).amount() == 6_M);
    CHECK(it < dated.end());
    CHECK(++it == dated.end());
    CHECK((--it)->amount() == 6_M);
    // Standard algorithms work on the range: the cumulative totals never decrease.
    CHECK(std::is_sorted(dated.begin(), dated.end(), [](const disbursement& a, const disbursement& b) {
        return a.cumulative() < b.cumulative();
    }));
    CHECK(std::count_if(dated.begin(), dated.end(), [](const disbursement& d) { return d.investor() == "A"; }) == 2);
    // Entries read through the schedule's own commitments.
    CHECK(s.commitments().size() == 4);
    CHECK(s.undated()[1].tranche() == s.commitments()[0].tranches[2]);
    CHECK(s.currency() == currencies::usd);
    CHECK(disbursement_schedule().commitments().empty());
}

}  // namespace test_schedule
