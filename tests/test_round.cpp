// funding_round queries on several rounds, plus property-style tests over many random rounds
// (deterministic LCG, so every run checks the same rounds).
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_round {

namespace {

using namespace fundround;
using namespace fundround::literals;

calendar_date ymd(int y, unsigned m, unsigned d) {
    return year{y} / m / d;
}

calendar_date plus_days(calendar_date d, int n) { return calendar_date{d + days{n}}; }

money usd0() { return money::zero(currencies::usd); }

// A seed round: two angels ($250K, $150K) and a lead ($1.1M) on a $6M pre-money.
funding_round seed_round() {
    return round_builder("Seed")
        .pre_money(6_M)
        .close_date(ymd(2025, 6, 30))
        .invest(investor::angel("Alice"), 250_K)
        .invest(investor::angel("Bob"), 150_K)
        .invest(investor::financial("Lead Ventures").as_lead(), 1.1_M)
        .build();
}

// A Series B with a date-certain tranche (tranche::on) and a conditional tranche with an
// expected date: pre $40M, close 2026-03-31.
//   Fund A   $10M: $5M at close + $5M on 2026-09-30 (scheduled)
//   Pharma   $6M:  $2M at close + $4M when "FDA approval", expected 2026-12-31 (conditional)
//   Angel    $1M at close
funding_round series_b() {
    return round_builder("Series B")
        .pre_money(40_M)
        .close_date(ymd(2026, 3, 31))
        .invest(investor::financial("Fund A").as_lead(), 10_M,
                {tranche::at_close(5_M), tranche::on(5_M, ymd(2026, 9, 30))})
        .invest(investor::strategic("Pharma"), 6_M,
                {tranche::at_close(2_M), tranche::when(4_M, milestone("FDA approval"), ymd(2026, 12, 31))})
        .invest(investor::angel("Angel"), 1_M)
        .build();
}

}  // namespace

TEST_CASE("round: a seed round") {
    const funding_round r = seed_round();
    CHECK(r.name() == "Seed");
    CHECK(r.pre_money() == 6_M);
    CHECK(r.raised() == 1.5_M);
    CHECK(r.raised_at_close() == 1.5_M);
    CHECK(r.raised_scheduled() == usd0());
    CHECK(r.raised_conditional() == usd0());
    CHECK(r.post_money() == 7.5_M);
    CHECK(r.post_money() == money::from_major(7'500'000));
    CHECK(r.post_money_at_close() == 7.5_M);
    CHECK(r.ownership("Lead Ventures") == fraction(11, 75));
    CHECK(r.ownership("Alice") == fraction(1, 30));
    CHECK(r.ownership("Bob") == fraction(1, 50));
    CHECK(r.ownership_at_close("Lead Ventures") == fraction(11, 75));
    CHECK(r.new_investors_ownership() == fraction(1, 5));
    CHECK(r.existing_holders_ownership() == fraction(4, 5));
    CHECK(r.ownership("Lead Ventures").to_percent_string(2) == "14.67%");
    CHECK(r.commitment_of("Lead Ventures").investor.is_lead());
    CHECK_FALSE(r.commitment_of("Alice").investor.is_lead());
    CHECK(r.commitment_of("Alice").investor.kind() == investor_kind::angel);
    REQUIRE(r.commitments().size() == 3);
    CHECK(r.commitments()[2].investor.name() == "Lead Ventures");
    CHECK(r.commitments()[2].total == 1.1_M);
}

TEST_CASE("round: absent prior mark and prior round give nullopt") {
    const funding_round r = seed_round();
    CHECK_FALSE(r.prior_mark().has_value());
    CHECK_FALSE(r.prior_round().has_value());
    CHECK(r.prior_mark_label().empty());
    CHECK(r.prior_round_label().empty());
    CHECK_FALSE(r.step_up().has_value());
    CHECK_FALSE(r.post_money_step_up().has_value());
    CHECK_FALSE(r.raise_multiple().has_value());

    // Only one of them given: only its figures are present.
    const funding_round m = round_builder("M")
                                .pre_money(6_M)
                                .prior_mark(4_M)
                                .close_date(ymd(2025, 6, 30))
                                .invest(investor("A"), 1.5_M)
                                .build();
    REQUIRE(m.step_up().has_value());
    CHECK(*m.step_up() == fraction(3, 2));
    CHECK(*m.post_money_step_up() == fraction(15, 8));
    CHECK(m.prior_mark_label().empty());
    CHECK_FALSE(m.raise_multiple().has_value());

    const funding_round p = round_builder("P")
                                .pre_money(6_M)
                                .prior_round(1_M, "seed")
                                .close_date(ymd(2025, 6, 30))
                                .invest(investor("A"), 1.5_M)
                                .build();
    CHECK_FALSE(p.step_up().has_value());
    CHECK_FALSE(p.post_money_step_up().has_value());
    REQUIRE(p.raise_multiple().has_value());
    CHECK(*p.raise_multiple() == fraction(3, 2));
    CHECK(p.prior_round_label() == "seed");
}

TEST_CASE("round: commitment_of and has_investor") {
    const funding_round r = seed_round();
    CHECK(r.has_investor("Alice"));
    CHECK(r.has_investor(std::string("Bob")));
    CHECK_FALSE(r.has_investor("Carol"));
    CHECK_FALSE(r.has_investor(""));
    CHECK_FALSE(r.has_investor("alice"));
    CHECK(&r.commitment_of("Alice") == &r.commitments()[0]);

    CHECK_THROWS_AS((void)r.commitment_of("Carol"), invalid_argument_error);
    // The message says what to write instead (regression: it said only "is not in round "Seed""):
    // the round's investors, or the one the name equals but for case, spaces or punctuation.
    CHECK_THROWS_WITH((void)r.commitment_of("Carol"),
                      "investor = \"Carol\": is not in round \"Seed\" (its investors: \"Alice\", \"Bob\", \"Lead Ventures\")");
    CHECK_THROWS_WITH((void)r.ownership("lead-ventures"),
                      "investor = \"lead-ventures\": is not in round \"Seed\"; did you mean \"Lead Ventures\"? (names are matched exactly; these differ only in case, spaces or punctuation)");
    CHECK_THROWS_WITH_AS((void)r.ownership("Carol"), doctest::Contains("\"Carol\""), invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)r.ownership_at_close("Dave"), doctest::Contains("\"Dave\""), invalid_argument_error);
    CHECK_THROWS_AS((void)r.commitment_of("Carol"), fundround::error);
}

TEST_CASE("round: an unknown investor's message lists the first 8 investors, then how many more") {
    round_builder b("Big");
    b.pre_money(100_M).close_date(ymd(2026, 1, 31));
    for (int i = 1; i <= 11; ++i) b.invest(investor::angel("Angel " + std::to_string(i)), 1_M);
    const funding_round r = b.build();
    CHECK_THROWS_WITH((void)r.commitment_of("Angel 12"),
                      "investor = \"Angel 12\": is not in round \"Big\" (its investors: \"Angel 1\", \"Angel 2\", "
                      "\"Angel 3\", \"Angel 4\", \"Angel 5\", \"Angel 6\", \"Angel 7\", \"Angel 8\" and 3 more)");
    CHECK_THROWS_WITH((void)r.commitment_of("angel-11"),
                      doctest::Contains("; did you mean \"Angel 11\"? (names are matched exactly;"));
    // No list to give, and no near match for a name without a letter or digit.
    const std::vector<std::string> none, odd{"?"};
    CHECK(fundround::detail::unknown_investor_message("X", "is not in the round", &none, 0, fundround::detail::string_at) ==
          "investor = \"X\": is not in the round (it has none)");
    CHECK(fundround::detail::unknown_investor_message("--", "is not in the round", &odd, 1, fundround::detail::string_at) ==
          "investor = \"--\": is not in the round (its investors: \"?\")");
}

TEST_CASE("round: milestones() names each milestone its conditions wait on, sorted, once") {
    CHECK(seed_round().milestones().empty());
    const funding_round r = round_builder("A")
                                .pre_money(20_M)
                                .close_date(ymd(2026, 3, 31))
                                .invest(investor::financial("Fund"), 6_M,
                                        {tranche::when(2_M, milestone("revenue") && milestone("audit")),
                                         tranche::when(2_M, milestone("revenue") || on_or_after(ymd(2027, 1, 1))),
                                         tranche::at_close(2_M)})
                                .invest(investor::angel("Angel"), 1_M, {tranche::when(1_M, milestone("audit"), ymd(2027, 6, 30))})
                                .build();
    CHECK(r.milestones() == std::vector<std::string>{"audit", "revenue"});
}

TEST_CASE("round: a round with scheduled and conditional tranches") {
    const funding_round r = series_b();
    CHECK(r.raised() == 17_M);
    CHECK(r.raised_at_close() == 8_M);
    CHECK(r.raised_scheduled() == 5_M);
    CHECK(r.raised_conditional() == 4_M);
    CHECK(r.post_money() == 57_M);
    CHECK(r.post_money_at_close() == 48_M);

    const commitment& a = r.commitment_of("Fund A");
    CHECK(a.total == 10_M);
    CHECK(a.at_close == 5_M);
    CHECK(a.scheduled == 5_M);
    CHECK(a.conditional == usd0());
    const commitment& p = r.commitment_of("Pharma");
    CHECK(p.total == 6_M);
    CHECK(p.at_close == 2_M);
    CHECK(p.scheduled == usd0());
    CHECK(p.conditional == 4_M);

    // Ownership fully funded vs right after close.
    CHECK(r.ownership("Fund A") == fraction(10, 57));
    CHECK(r.ownership_at_close("Fund A") == fraction(5, 48));
    CHECK(r.ownership("Pharma") == fraction(6, 57));
    CHECK(r.ownership_at_close("Pharma") == fraction(1, 24));
    CHECK(r.ownership("Angel") == fraction(1, 57));
    CHECK(r.ownership_at_close("Angel") == fraction(1, 48));
    CHECK(r.new_investors_ownership() == fraction(17, 57));
    CHECK(r.new_investors_ownership_at_close() == fraction(1, 6));
    CHECK(r.existing_holders_ownership() == fraction(40, 57));
    CHECK(r.existing_holders_ownership_at_close() == fraction(5, 6));
    // The angel, fully funded at close, is diluted by the later tranches.
    CHECK(r.ownership("Angel") < r.ownership_at_close("Angel"));

    // The schedule: the conditional tranche has an expected date, so it is dated (with its
    // status), and the undated list is empty.
    const disbursement_schedule& s = r.schedule();
    REQUIRE(s.dated().size() == 5);
    CHECK(s.undated().empty());
    struct row {
        calendar_date date;
        const char* investor;
        money amount;
        funding_status status;
        money cumulative;
    };
    const row expected[] = {
        {ymd(2026, 3, 31), "Fund A", 5_M, funding_status::at_close, 5_M},
        {ymd(2026, 3, 31), "Pharma", 2_M, funding_status::at_close, 7_M},
        {ymd(2026, 3, 31), "Angel", 1_M, funding_status::at_close, 8_M},
        {ymd(2026, 9, 30), "Fund A", 5_M, funding_status::scheduled, 13_M},
        {ymd(2026, 12, 31), "Pharma", 4_M, funding_status::conditional, 17_M},
    };
    for (std::size_t i = 0; i < 5; ++i) {
        CAPTURE(i);
        const disbursement& d = s.dated()[i];
        REQUIRE(d.date().has_value());
        CHECK(*d.date() == expected[i].date);
        CHECK(d.investor() == expected[i].investor);
        CHECK(d.amount() == expected[i].amount);
        CHECK(d.status() == expected[i].status);
        CHECK(d.cumulative() == expected[i].cumulative);
    }
    CHECK(s.dated()[3].when() == on_or_after(ymd(2026, 9, 30)));
    CHECK(s.dated()[4].when() == milestone("FDA approval"));
    CHECK(s.dated_total() == 17_M);
    CHECK(s.undated_total() == usd0());
    CHECK(s.total() == r.raised());
    CHECK(s.due_through(ymd(2026, 3, 30)) == usd0());
    CHECK(s.due_through(ymd(2026, 3, 31)) == 8_M);
    CHECK(s.due_through(ymd(2026, 9, 29)) == 8_M);
    CHECK(s.due_through(ymd(2026, 9, 30)) == 13_M);
    CHECK(s.due_through(ymd(2026, 12, 31)) == 17_M);  // conditions are not evaluated
}

TEST_CASE("round: a tranche expected later with no condition is scheduled on its expected date") {
    const funding_round r = round_builder("R")
                                .pre_money(10_M)
                                .close_date(ymd(2026, 1, 15))
                                .invest(investor("A"), {tranche(2_M, at_close(), ymd(2026, 4, 1))})
                                .invest(investor("B"), {tranche(1_M, on_or_after(ymd(2026, 2, 1)), ymd(2026, 3, 1))})
                                .build();
    CHECK(r.raised_at_close() == usd0());
    CHECK(r.raised_scheduled() == 3_M);
    CHECK(r.post_money_at_close() == 10_M);
    CHECK(r.ownership_at_close("A") == fraction(0));
    CHECK(r.new_investors_ownership_at_close() == fraction(0));
    CHECK(r.existing_holders_ownership_at_close() == fraction(1));
    REQUIRE(r.schedule().dated().size() == 2);
    CHECK(r.schedule().dated()[0].investor() == "B");
    CHECK(*r.schedule().dated()[0].date() == ymd(2026, 3, 1));
    CHECK(r.schedule().dated()[1].investor() == "A");
    CHECK(*r.schedule().dated()[1].date() == ymd(2026, 4, 1));
    CHECK(r.schedule().dated()[1].status() == funding_status::scheduled);
}

TEST_CASE("round: a round is a value (copyable, unchanged by its builder)") {
    round_builder b("R");
    b.pre_money(6_M).close_date(ymd(2025, 6, 30)).invest(investor("A"), 1_M);
    const funding_round first = b.build();
    b.invest(investor("B"), 1_M);
    const funding_round second = b.build();
    CHECK(first.raised() == 1_M);
    CHECK_FALSE(first.has_investor("B"));
    CHECK(second.raised() == 2_M);
    const funding_round copy = second;  // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(copy.ownership("B") == fraction(1, 8));
    CHECK(copy.schedule().total() == 2_M);
}

// ---------------------------------------------------------------------------------------------
// Property-style tests

namespace {

// Knuth's MMIX LCG; deterministic.
class lcg {
public:
    explicit lcg(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return state_ >> 11;
    }
    /// Uniform-ish integer in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(next() % span);
    }
    int between(int lo, int hi) { return static_cast<int>(between(std::int64_t{lo}, std::int64_t{hi})); }

private:
    std::uint64_t state_;
};

// One generated tranche with what we expect the round to make of it.
struct expected_tranche {
    money amount;
    funding_status status;
    std::optional<calendar_date> date;
};

struct random_round {
    funding_round round;
    money pre;
    calendar_date close;
    std::vector<std::vector<expected_tranche>> tranches;  // per investor
};

random_round make_random_round(lcg& g) {
    const calendar_date close = plus_days(ymd(2020, 1, 1), g.between(0, 3000));
    const money pre = money::from_units(g.between(std::int64_t{1}, std::int64_t{1'000'000'000'000'000}));
    round_builder b("random");
    b.pre_money(pre).close_date(close);
    if (g.between(0, 1) == 1) b.prior_mark(money::from_units(g.between(std::int64_t{1}, std::int64_t{1'000'000'000'000})));
    std::vector<std::vector<expected_tranche>> all;
    const int investors = g.between(1, 20);
    for (int i = 0; i < investors; ++i) {
        std::vector<tranche> ts;
        std::vector<expected_tranche> ex;
        money total = usd0();
        const int count = g.between(1, 5);
        for (int k = 0; k < count; ++k) {
            // Small amounts sometimes, to exercise sub-cent units and odd fractions.
            const money a = money::from_units(g.between(0, 3) == 0 ? g.between(std::int64_t{1}, std::int64_t{999})
                                                                   : g.between(std::int64_t{1}, std::int64_t{1'000'000'000'000'000}));
            total += a;
            const std::string m = "milestone " + std::to_string(g.between(0, 3));
            const int kind = g.between(0, 7);
            const int later = g.between(0, 3) == 0 ? 0 : g.between(1, 1000);
            const calendar_date when = plus_days(close, later);
            const funding_status dated_status = later == 0 ? funding_status::at_close : funding_status::scheduled;
            switch (kind) {
                case 0:
                    ts.push_back(tranche::at_close(a));
                    ex.push_back({a, funding_status::at_close, close});
                    break;
                case 1:
                    ts.push_back(tranche::on(a, when));
                    ex.push_back({a, dated_status, when});
                    break;
                case 2:
                    ts.push_back(tranche::when(a, milestone(m)));
                    ex.push_back({a, funding_status::conditional, std::nullopt});
                    break;
                case 3:
                    ts.push_back(tranche::when(a, milestone(m), when));
                    ex.push_back({a, funding_status::conditional, when});
                    break;
                case 4:
                    ts.push_back(tranche(a, at_close(), when));
                    ex.push_back({a, dated_status, when});
                    break;
                case 5:
                    ts.push_back(tranche::when(a, on_or_after(when) && (milestone(m) || milestone("other"))));
                    ex.push_back({a, funding_status::conditional, std::nullopt});
                    break;
                case 6: {
                    // Due on a date condition, expected on it or later.
                    const calendar_date expected = plus_days(when, g.between(0, 60));
                    ts.push_back(tranche(a, on_or_after(when), expected));
                    ex.push_back({a, expected == close ? funding_status::at_close : funding_status::scheduled,
                                  expected});
                    break;
                }
                default: {
                    // A milestone with a long-stop on or after the expected date.
                    const calendar_date stop = plus_days(when, g.between(0, 400));
                    ts.push_back(tranche::when(a, milestone(m).with_long_stop(stop), when).labelled("ls"));
                    ex.push_back({a, funding_status::conditional, when});
                    break;
                }
            }
        }
        const investor who("investor " + std::to_string(i), investor_kind::other, i == 0);
        if (g.between(0, 1) == 0) {
            b.invest(who, total, ts);
        } else {
            b.invest(who, ts);
        }
        all.push_back(ex);
    }
    build_result r = b.try_build();
    if (!r.ok()) {
        for (const auto& d : r.problems) MESSAGE(d.message());
    }
    REQUIRE(r.ok());
    return {std::move(*r.round), pre, close, std::move(all)};
}

money brute_due_through(const disbursement_schedule& s, calendar_date d) {
    money sum_due = usd0();
    for (const auto& e : s.dated()) {
        if (*e.date() <= d) sum_due += e.amount();
    }
    return sum_due;
}

}  // namespace

TEST_CASE("round properties over 200 random rounds") {
    lcg g(20260227);
    for (int n = 0; n < 200; ++n) {
        CAPTURE(n);
        const random_round rr = make_random_round(g);
        const funding_round& r = rr.round;
        const auto& cs = r.commitments();
        REQUIRE(cs.size() == rr.tranches.size());

        // Totals, by status, computed independently from what was generated.
        money raised = usd0();
        money at_close = usd0();
        money scheduled = usd0();
        money conditional = usd0();
        for (std::size_t i = 0; i < cs.size(); ++i) {
            money total = usd0();
            money ac = usd0();
            money sc = usd0();
            money co = usd0();
            for (const auto& t : rr.tranches[i]) {
                total += t.amount;
                if (t.status == funding_status::at_close) ac += t.amount;
                if (t.status == funding_status::scheduled) sc += t.amount;
                if (t.status == funding_status::conditional) co += t.amount;
            }
            CHECK(cs[i].total == total);
            CHECK(cs[i].at_close == ac);
            CHECK(cs[i].scheduled == sc);
            CHECK(cs[i].conditional == co);
            CHECK(cs[i].total == cs[i].at_close + cs[i].scheduled + cs[i].conditional);
            CHECK(r.has_investor(cs[i].investor.name()));
            CHECK(&r.commitment_of(cs[i].investor.name()) == &cs[i]);
            raised += total;
            at_close += ac;
            scheduled += sc;
            conditional += co;
        }
        CHECK(r.raised() == raised);
        CHECK(r.raised_at_close() == at_close);
        CHECK(r.raised_scheduled() == scheduled);
        CHECK(r.raised_conditional() == conditional);
        CHECK(r.raised() == r.raised_at_close() + r.raised_scheduled() + r.raised_conditional());
        CHECK(r.pre_money() == rr.pre);
        CHECK(r.close_date() == rr.close);
        CHECK(r.post_money() == r.pre_money() + r.raised());
        CHECK(r.post_money_at_close() == r.pre_money() + r.raised_at_close());
        CHECK(r.post_money_at_close() >= r.pre_money());

        // Ownership: every investor plus the existing holders is exactly 1, committed and at close.
        fraction owned = r.existing_holders_ownership();
        fraction owned_at_close = r.existing_holders_ownership_at_close();
        fraction new_owned;
        for (const auto& c : cs) {
            const fraction o = r.ownership(c.investor.name());
            CHECK(o == fraction(c.total.units(), r.post_money().units()));
            CHECK(o > fraction(0));
            CHECK(o < fraction(1));
            owned += o;
            new_owned += o;
            owned_at_close += r.ownership_at_close(c.investor.name());
        }
        CHECK(owned == fraction(1));
        CHECK(owned_at_close == fraction(1));
        CHECK(new_owned == r.new_investors_ownership());
        CHECK(r.new_investors_ownership() + r.existing_holders_ownership() == fraction(1));
        CHECK(r.new_investors_ownership_at_close() + r.existing_holders_ownership_at_close() == fraction(1));
        if (r.prior_mark()) {
            CHECK(*r.step_up() == fraction(r.pre_money().units(), r.prior_mark()->units()));
            CHECK(*r.post_money_step_up() == fraction(r.post_money().units(), r.prior_mark()->units()));
        } else {
            CHECK_FALSE(r.step_up().has_value());
        }

        // The schedule reconciles.
        const disbursement_schedule& s = r.schedule();
        CHECK(s.dated_total() + s.undated_total() == r.raised());
        CHECK(s.total() == r.raised());
        std::vector<money> per_investor(cs.size(), usd0());
        std::vector<std::size_t> entries(cs.size(), 0);
        money running = usd0();
        money by_status[3] = {usd0(), usd0(), usd0()};
        for (std::size_t e = 0; e < s.dated().size(); ++e) {
            const disbursement& d = s.dated()[e];
            REQUIRE(d.date().has_value());
            REQUIRE(d.investor_index() < cs.size());
            REQUIRE(d.tranche_index() < rr.tranches[d.investor_index()].size());
            const expected_tranche& x = rr.tranches[d.investor_index()][d.tranche_index()];
            CHECK(d.amount() == x.amount);
            CHECK(d.status() == x.status);
            CHECK(d.date() == x.date);
            CHECK(d.investor() == cs[d.investor_index()].investor.name());
            CHECK(d.when() == cs[d.investor_index()].tranches[d.tranche_index()].condition());
            CHECK(*d.date() >= r.close_date());
            if (d.status() == funding_status::at_close) CHECK(*d.date() == r.close_date());
            if (d.status() == funding_status::scheduled) CHECK(*d.date() > r.close_date());
            running += d.amount();
            CHECK(d.cumulative() == running);
            if (e > 0) {
                const disbursement& prev = s.dated()[e - 1];
                CHECK(*prev.date() <= *d.date());
                if (*prev.date() == *d.date()) {  // ties keep round order
                    const bool in_round_order =
                        prev.investor_index() < d.investor_index() ||
                        (prev.investor_index() == d.investor_index() && prev.tranche_index() < d.tranche_index());
                    CHECK(in_round_order);
                }
            }
            per_investor[d.investor_index()] += d.amount();
            ++entries[d.investor_index()];
            by_status[static_cast<int>(d.status())] += d.amount();
        }
        CHECK(s.dated_total() == running);
        money undated_running = s.dated_total();  // undated entries continue the running total
        for (std::size_t e = 0; e < s.undated().size(); ++e) {
            const disbursement& d = s.undated()[e];
            CHECK_FALSE(d.date().has_value());
            CHECK(d.status() == funding_status::conditional);
            REQUIRE(d.investor_index() < cs.size());
            REQUIRE(d.tranche_index() < rr.tranches[d.investor_index()].size());
            const expected_tranche& x = rr.tranches[d.investor_index()][d.tranche_index()];
            CHECK(d.amount() == x.amount);
            CHECK_FALSE(x.date.has_value());
            undated_running += d.amount();
            CHECK(d.cumulative() == undated_running);
            if (e > 0) {  // round order
                const disbursement& prev = s.undated()[e - 1];
                CHECK((prev.investor_index() < d.investor_index() ||
                       (prev.investor_index() == d.investor_index() && prev.tranche_index() < d.tranche_index())));
            }
            per_investor[d.investor_index()] += d.amount();
            ++entries[d.investor_index()];
            by_status[static_cast<int>(d.status())] += d.amount();
        }
        CHECK(s.dated_total() + s.undated_total() == undated_running);
        for (std::size_t i = 0; i < cs.size(); ++i) {
            CAPTURE(i);
            CHECK(per_investor[i] == cs[i].total);
            CHECK(entries[i] == cs[i].tranches.size());
        }
        CHECK(by_status[static_cast<int>(funding_status::at_close)] == r.raised_at_close());
        CHECK(by_status[static_cast<int>(funding_status::scheduled)] == r.raised_scheduled());
        CHECK(by_status[static_cast<int>(funding_status::conditional)] == r.raised_conditional());

        // due_through(d) equals a brute-force sum, on random days and around every entry's date.
        std::vector<calendar_date> days = {plus_days(rr.close, -1), rr.close, plus_days(rr.close, 2000)};
        for (int k = 0; k < 10; ++k) days.push_back(plus_days(rr.close, g.between(-30, 1100)));
        for (const auto& d : s.dated()) {
            days.push_back(*d.date());
            days.push_back(plus_days(*d.date(), -1));
            days.push_back(plus_days(*d.date(), 1));
        }
        for (const calendar_date d : days) {
            CAPTURE(to_string(d));
            CHECK(s.due_through(d) == brute_due_through(s, d));
        }
        CHECK(s.due_through(plus_days(rr.close, -1)) == usd0());
        CHECK(s.due_through(rr.close) >= r.raised_at_close());  // plus conditional tranches expected at close
        CHECK(s.due_through(plus_days(rr.close, 2000)) == s.dated_total());
    }
}

TEST_CASE("round: ownership can be asked with the investor value") {
    const fundround::investor amazon = fundround::investor::strategic("Amazon");
    const fundround::funding_round r = fundround::round_builder("R")
                                           .pre_money(fundround::money::from_major(730))
                                           .close_date(year{2026} / 2 / 27)
                                           .invest(amazon, fundround::money::from_major(50))
                                           .build();
    CHECK(r.ownership(amazon) == fundround::fraction(50, 780));
    CHECK(r.ownership(amazon) == r.ownership("Amazon"));
}

}  // namespace test_round
