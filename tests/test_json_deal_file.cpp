// Deal files (json/deal_file.hpp): the example files read to the figures the C++ examples
// print, round trips on seeded random deal files, and every problem with its pointer and rule.
#include <fundround/json/deal_file.hpp>
#include <fundround/fundround.hpp>
#include <fundround/detail/random.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/deal_file_test.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef FUNDROUND_EXAMPLES_DIR
#error "FUNDROUND_EXAMPLES_DIR must name examples/ (tests/CMakeLists.txt sets it)"
#endif

namespace test_json_deal_file {

using namespace fundround;
using namespace fundround::literals;
using nlohmann::json;

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string example(const std::string& name) { return file_text(std::string(FUNDROUND_EXAMPLES_DIR) + "/" + name); }

using fundround_test::problems_of;

// Read, written, read again: the same text both times.
void check_round_trip(const deal_file& d) {
    const std::string once = write_deal_file(d);
    const deal_file again = parse_deal_file(once);
    CHECK(write_deal_file(again) == once);
    CHECK(again.company == d.company);
    CHECK(again.cap_table_before.has_value() == d.cap_table_before.has_value());
    if (d.cap_table_before && again.cap_table_before) CHECK(*again.cap_table_before == *d.cap_table_before);
}

// examples/reference_round.json is examples/reference_round.cpp's round: the same summary,
// character for character, then the scenarios and the counter-commitment of REFERENCE.md.
TEST_CASE("deal file: examples/reference_round.json prints what examples/reference_round.cpp prints") {
    const deal_file d = parse_deal_file(example("reference_round.json"));
    REQUIRE(d.rounds.size() == 1);
    const funding_round& round = d.round("Reference round, 2026");
    std::ostringstream out;
    print_summary(out, round);
    out << "\nAmazon owns " << round.ownership("Amazon") << " fully funded, " << round.ownership_at_close("Amazon")
        << " at close\n";
    CHECK(out.str() == example("expected/reference_round.txt"));
    CHECK(round.post_money() == 840_B);
    CHECK(round.ownership("Amazon") == fraction(5, 84));
    CHECK(round.ownership_at_close("Amazon") == fraction(3, 161));
    CHECK(round.ownership("Nvidia") == fraction(1, 28));

    REQUIRE(d.scenarios.size() == 3);
    const scenario_result met = d.scenarios[0].apply_to(round);
    CHECK(met.name() == "conditions met (A5)");
    CHECK(met.raised() == 110_B);
    CHECK(met.post_money() == 840_B);
    const scenario_result failed = d.scenarios[1].apply_to(round);
    CHECK(failed.raised() == 75_B);
    CHECK(failed.lapsed() == 35_B);
    CHECK(failed.post_money() == 805_B);
    CHECK(failed.ownership("Amazon") == fraction(3, 161));
    const scenario_result never = d.scenarios[2].apply_to(round);
    CHECK(never.never_settled() == 35_B);
    CHECK(never.post_money() == 805_B);

    REQUIRE(d.counter_commitments.size() == 1);
    const counter_commitment& aws = d.counter_commitments[0];
    CHECK(aws.counterparty() == "Amazon");
    CHECK(aws.total() == 100_B);
    REQUIRE(aws.flows().size() == 8);
    for (const cash_flow& f : aws.flows()) CHECK(f.amount == 12'500_M);
    CHECK(aws.first_date() == year{2026} / 12 / 31);
    CHECK(aws.last_date() == year{2033} / 12 / 31);
    CHECK(aws.flows()[0].label == "AWS cloud contract growth 1/8");
    check_round_trip(d);
}

// examples/series_abc.json is examples/series_abc_waterfall.cpp's company: its priced rounds
// as a chain give the waterfall, breakpoints and founders' payouts the example prints.
TEST_CASE("deal file: examples/series_abc.json prints what examples/series_abc_waterfall.cpp prints") {
    const deal_file d = parse_deal_file(example("series_abc.json"));
    REQUIRE(d.cap_table_before);
    REQUIRE(d.priced_rounds.size() == 3);
    const round_chain_result history = d.chain(d.priced_rounds.size()).run();
    const waterfall w = waterfall::build(history.final_table());
    std::ostringstream out;
    print_waterfall(out, w, {30_M, 50_M, 100_M, 250_M, 600_M});
    out << '\n';
    print_breakpoints(out, w);
    out << '\n';
    const chain_payouts founders =
        payouts_by_round(history, {holder_id("ada"), holder_id("bob")}, {30_M, 100_M, 250_M, 600_M});
    print_payouts_by_round(out, founders, "Founders' payout (Ada + Bob) on the cap table after each round");
    // The file adds two holders the example does not have, the SAFE's and the note's: they hold
    // nothing until those convert, so the holder table shows them with $0.00 at every exit.
    std::istringstream lines(out.str());
    std::string printed;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  Angel ", 0) == 0 || line.rfind("  Bridge ", 0) == 0) {
            CHECK(line.find("$0.00            $0.00            $0.00            $0.00             $0.00") != std::string::npos);
            continue;
        }
        printed += line + "\n";
    }
    CHECK(printed == example("expected/series_abc_waterfall.txt"));

    // The SAFE and the note, every term as written.
    REQUIRE(d.safes.size() == 1);
    const safe& s = d.safes[0];
    CHECK(s.holder == holder_id("angel"));
    CHECK(s.purchase_amount == 500_K);
    CHECK(s.valuation_cap == std::optional<money>(10_M));
    CHECK(s.discount == std::optional<fraction>(fraction(1, 5)));
    CHECK(s.type() == safe_type::cap_and_discount);
    REQUIRE(d.notes.size() == 1);
    const convertible_note& n = d.notes[0];
    CHECK(n.principal == 250_K);
    CHECK(n.annual_rate == fraction(8, 100));
    // convertible_note.hpp's worked example: 366 days / 365 x 8% x $250,000 = $20,054.795.
    CHECK(n.accrued_interest(year{2025} / 1 / 1) == money::from_units(20'054'795));
    CHECK(n.qualifies(1_M));
    CHECK(!n.qualifies(999_K));
    check_round_trip(d);
}

// ---------------------------------------------------------------------------------------------
// Round trips on seeded random deal files: every member, written and read back equal.
// ---------------------------------------------------------------------------------------------

struct gen {
    fundround::detail::xoshiro256 rng;
    explicit gen(std::uint64_t seed) : rng(seed) {}
    std::int64_t between(std::int64_t lo, std::int64_t hi) {  // [lo, hi]
        return lo + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    bool coin() { return rng.below(2) == 1; }
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng.below(n)); }
    calendar_date day(int from_year = 2020, int to_year = 2030) {
        return year{static_cast<int>(between(from_year, to_year))} / static_cast<unsigned>(between(1, 12)) /
               static_cast<unsigned>(between(1, 28));
    }
    money usd(std::int64_t lo_units, std::int64_t hi_units) { return money::from_units(between(lo_units, hi_units)); }
    fraction share(std::int64_t max_num = 99) { return fraction(between(0, max_num), between(max_num + 1, 200)); }
};

const char* const milestone_names[] = {"approval", "launch", "revenue target", "certain conditions"};

condition random_condition(gen& g, int depth) {
    const std::int64_t kind = g.between(0, depth >= 3 ? 2 : 6);
    switch (kind) {
        case 0: return condition::always();
        case 1: return condition::on_or_after(g.day(2026, 2029));
        case 2: return milestone(milestone_names[g.pick(4)]);
        case 3:
        case 4: {
            std::vector<condition> parts;
            const std::int64_t n = g.between(1, 3);
            for (std::int64_t i = 0; i < n; ++i) parts.push_back(random_condition(g, depth + 1));
            return kind == 3 ? condition::all_of(std::move(parts)) : condition::any_of(std::move(parts));
        }
        case 5: return condition::negation(random_condition(g, depth + 1));
        default: return random_condition(g, depth + 1).with_long_stop(g.day(2027, 2030));
    }
}

std::optional<funding_round> random_round(gen& g, const std::string& name) {
    round_builder b(name);
    const calendar_date close = g.day(2024, 2026);
    b.pre_money(g.usd(1'000'000, 9'000'000'000'000)).close_date(close);
    if (g.coin()) b.pre_money_shares(share_count(g.between(1, 1'000'000'000)));
    if (g.coin()) b.prior_mark(g.usd(1'000'000, 9'000'000'000'000), g.coin() ? "secondary" : "");
    if (g.coin()) b.prior_round(g.usd(1'000'000, 900'000'000'000), g.coin() ? "last year's round" : "");
    const std::int64_t investors = g.between(1, 4);
    static constexpr investor_kind kinds[] = {investor_kind::strategic, investor_kind::financial, investor_kind::sovereign,
                                              investor_kind::employee, investor_kind::angel, investor_kind::other};
    for (std::int64_t i = 0; i < investors; ++i) {
        investor who("Investor " + std::to_string(i), kinds[g.pick(6)], i == 0 && g.coin());
        std::vector<tranche> tranches;
        const std::int64_t n = g.between(1, 3);
        for (std::int64_t k = 0; k < n; ++k) {
            // A random tranche is often one a round refuses (a condition that cannot be met by
            // its dates, a fallback never paid): draw until one fits a round of its own.
            for (int attempt = 0; attempt < 20; ++attempt) {
                const money amount = g.usd(2'000, 50'000'000'000'000);
                tranche t(amount, random_condition(g, 1), g.coin() ? std::optional<calendar_date>(g.day(2026, 2029)) : std::nullopt,
                          g.coin() ? "tranche " + std::to_string(k) : "");
                if (t.condition().kind() != condition_kind::always && g.coin()) t = t.otherwise(money::from_units(amount.units() / 2));
                if (!round_builder("fits").pre_money(1_M).close_date(close).invest(investor("x"), {t}).try_build().ok()) continue;
                tranches.push_back(std::move(t));
                break;
            }
        }
        if (tranches.empty()) tranches.push_back(tranche::at_close(g.usd(2'000, 50'000'000'000'000)));
        b.invest(std::move(who), std::move(tranches));
    }
    build_result r = b.try_build();
    if (!r.ok()) return std::nullopt;
    return std::move(r.round);
}

liquidation_terms random_liquidation(gen& g) {
    liquidation_terms t;
    t.multiple = fraction(g.between(2, 6), 2);
    const std::int64_t p = g.between(0, 2);
    if (p == 1) t.participation = participation::full();
    if (p == 2) t.participation = participation::capped(t.multiple + fraction(g.between(1, 4)));
    t.seniority = static_cast<int>(g.between(0, 3));
    if (g.coin()) t.dividends = dividend_terms::cumulative_simple(fraction(g.between(1, 12), 100), g.day(2020, 2024));
    return t;
}

cap_table random_cap_table(gen& g, std::size_t holders) {
    cap_table_builder b;
    static constexpr holder_kind kinds[] = {holder_kind::founder, holder_kind::employee, holder_kind::investor,
                                            holder_kind::advisor, holder_kind::other};
    for (std::size_t i = 0; i < holders; ++i) b.add(holder(holder_id("h" + std::to_string(i)), "Holder " + std::to_string(i), kinds[g.pick(5)]));
    b.add(share_class::common("Common"));
    const bool seed = g.coin();
    if (seed) b.add(share_class::preferred("Seed", price_per_share(g.usd(1, 5'000), share_count(g.between(1, 4))), random_liquidation(g)));
    for (std::size_t i = 1; i < holders; ++i) {
        if (g.pick(4) == 0) continue;  // some hold nothing (SAFE and note holders)
        b.holding(holder_id("h" + std::to_string(i)), seed && g.coin() ? "Seed" : "Common", share_count(g.between(1, 10'000'000)));
    }
    b.holding(holder_id("h0"), "Common", share_count(g.between(1'000'000, 10'000'000)));
    const std::int64_t authorized = g.between(1'000'000, 5'000'000);
    b.add(option_pool{"Plan", "Common", share_count(authorized)});
    std::int64_t left = authorized / 2;
    for (std::size_t i = 1; i < holders && left > 1; i += 3) {
        const std::int64_t n = g.between(1, left / 2);
        left -= n;
        b.grant({holder_id("h" + std::to_string(i)), "Plan", share_count(n), price_per_share(g.usd(1, 3'000), share_count(1))});
    }
    if (g.coin()) b.add(warrant{holder_id("h1"), "Common", share_count(g.between(1, 100'000)), price_per_share(g.usd(1, 3'000), share_count(1))});
    cap_table_result r = b.try_build();
    REQUIRE(r.ok());
    return std::move(*r.table);
}

cap_table_round random_priced_round(gen& g, std::size_t k, std::size_t holders) {
    static constexpr rounding modes[] = {rounding::floor, rounding::ceiling, rounding::half_even, rounding::half_away_from_zero};
    priced_round_terms terms("Series " + std::to_string(k));
    switch (g.between(0, 3)) {
        case 0: terms.pre_money(g.usd(5'000'000'000, 500'000'000'000)); break;
        case 1: terms.post_money(g.usd(50'000'000'000, 500'000'000'000)); break;
        case 2: terms.at_price(price_per_share(g.usd(1'000, 100'000), share_count(g.between(1, 3)))); break;
        default: terms.new_money_ownership(fraction(g.between(5, 30), 100)); break;
    }
    const std::string fresh = "p" + std::to_string(k);
    terms.invest(fresh, g.usd(1'000'000'000, 5'000'000'000));
    if (g.coin()) terms.invest("h" + std::to_string(g.pick(holders)), g.usd(1'000'000, 900'000'000));
    const bool pool = g.coin();
    if (pool) terms.option_pool(fraction(g.between(1, 15), 100), pool_placement::pre_money,
                                g.coin() ? pool_target_basis::includes_existing_pool : pool_target_basis::new_shares_only);
    if (g.coin()) terms.price_rounded(static_cast<int>(g.between(2, 6)), modes[g.pick(4)]);
    terms.shares_rounded(modes[g.pick(4)]).pool_rounded(modes[g.pick(4)]).cash_rounded(modes[g.pick(4)]);
    cap_table_round r(std::move(terms), "Series " + std::to_string(k) + " Preferred", random_liquidation(g));
    r.add_investor(holder::investor(fresh, "Priced investor " + std::to_string(k)));
    if (pool) r.top_up_pool("Plan");
    if (!pool && g.coin()) r.price_on(g.coin() ? fully_diluted_basis::issued_and_granted() : fully_diluted_basis{true, false, true, false});
    return r;
}

safe random_safe(gen& g, std::size_t holders) {
    safe s;
    s.holder = holder_id("h" + std::to_string(g.pick(holders)));
    s.purchase_amount = g.usd(1'000, 5'000'000'000);
    s.date = g.day(2020, 2025);
    s.form = g.coin() ? safe_form::post_money : safe_form::pre_money;
    if (g.coin()) s.valuation_cap = g.usd(1'000'000, 50'000'000'000);
    if (g.coin()) s.discount = g.share();
    s.mfn = g.pick(4) == 0;
    s.pool_increase = g.coin() ? pool_increase::included : pool_increase::excluded;
    if (g.pick(5) == 0) {  // a fixed percentage of the post-money capitalization instead
        s.form = safe_form::post_money;
        s.valuation_cap.reset();
        s.discount.reset();
        s.mfn = false;
        s.fixed_percentage = fraction(static_cast<std::int64_t>(g.between(1, 999)), 1000);
    }
    return s;
}

convertible_note random_note(gen& g, std::size_t holders) {
    convertible_note n;
    n.holder = holder_id("h" + std::to_string(g.pick(holders)));
    n.principal = g.usd(1'000, 5'000'000'000);
    n.issue_date = g.day(2020, 2023);
    n.maturity_date = g.day(2024, 2027);
    n.annual_rate = fraction(g.between(0, 15), 100);
    n.method = g.coin() ? interest_method::simple : interest_method::compound;
    static constexpr compounding_period periods[] = {compounding_period::annually, compounding_period::semiannually,
                                                     compounding_period::quarterly, compounding_period::monthly};
    n.period = periods[g.pick(4)];
    static constexpr note_day_count counts[] = {note_day_count::actual_365_fixed, note_day_count::actual_360,
                                                note_day_count::thirty_e_360, note_day_count::thirty_360_us,
                                                note_day_count::actual_actual_isda};
    n.day_count = counts[g.pick(5)];
    n.interest_rounding = g.coin() ? rounding::half_even : rounding::floor;
    n.interest_accrues = g.coin() ? note_interest_accrual::to_conversion_date : note_interest_accrual::to_maturity;
    if (g.coin()) n.valuation_cap = g.usd(1'000'000, 50'000'000'000);
    if (g.coin()) n.discount = g.share();
    n.cap_form = g.coin() ? safe_form::post_money : safe_form::pre_money;
    n.pool_increase = g.coin() ? pool_increase::included : pool_increase::excluded;
    if (n.cap_form == safe_form::pre_money && n.valuation_cap && g.coin()) {
        n.cap_basis = g.coin() ? fully_diluted_basis::outstanding() : fully_diluted_basis{true, false, true, false};  // a preset, or custom
    }
    if (g.coin()) n.qualified_financing = g.usd(1'000, 9'000'000'000);
    if (g.coin()) {
        note_maturity_terms m;
        if (g.coin()) m.conversion_valuation = g.usd(1'000'000, 9'000'000'000);
        m.share_class = "Common";
        m.elected_by = g.coin() ? note_party::holder : note_party::company;
        n.at_maturity = m;
    }
    if (g.coin()) {
        note_change_of_control_terms c;
        if (g.coin()) c.principal_multiple = fraction(g.between(1, 6), 2);
        c.principal_plus_interest = g.coin() || !c.principal_multiple;
        c.conversion_at_cap = n.valuation_cap.has_value() && g.coin();
        n.at_change_of_control = c;
    }
    return n;
}

deal_file random_deal_file(std::uint64_t seed) {
    gen g(seed);
    deal_file d;
    d.company = "Company " + std::to_string(seed);
    const std::size_t holders = static_cast<std::size_t>(g.between(2, 12));
    const bool table = g.pick(5) != 0;
    if (table) d.cap_table_before = random_cap_table(g, holders);
    const std::int64_t rounds = g.between(0, 3);
    for (std::int64_t i = 0; i < rounds; ++i) {
        if (auto r = random_round(g, "Round " + std::to_string(i))) d.rounds.push_back(std::move(*r));
    }
    if (table) {
        // Priced rounds while the chain applies (a random round may not: the file must read).
        const std::int64_t priced = g.between(0, 3);
        round_chain chain(*d.cap_table_before);
        for (std::int64_t k = 0; k < priced; ++k) {
            cap_table_round r = random_priced_round(g, static_cast<std::size_t>(k), holders);
            round_chain attempt = chain;
            attempt.then(r);
            try {
                (void)attempt.run();
            } catch (const error&) {
                break;
            }
            chain = attempt;
            d.priced_rounds.push_back(std::move(r));
        }
        for (std::int64_t k = g.between(0, 3); k > 0; --k) d.safes.push_back(random_safe(g, holders));
        for (std::int64_t k = g.between(0, 2); k > 0; --k) d.notes.push_back(random_note(g, holders));
        // Some priced rounds convert some of the SAFEs and notes (a conversion kept when the
        // chain still applies with it: random terms may claim the whole company).
        static constexpr rounding modes[] = {rounding::floor, rounding::ceiling, rounding::half_even, rounding::half_away_from_zero};
        static constexpr conversion_pricing conventions[] = {conversion_pricing::conversion_shares_in_pre_money,
                                                             conversion_pricing::conversion_shares_not_in_pre_money,
                                                             conversion_pricing::dollars_invested};
        for (std::size_t k = 0; k < d.priced_rounds.size(); ++k) {
            const auto& bases = d.priced_rounds[k].terms().price_bases();
            if (!g.coin() || std::find(bases.begin(), bases.end(), price_basis::new_money_ownership) != bases.end()) continue;
            priced_round_conversion c;
            c.round = k;
            c.all_outstanding = g.pick(3) == 0;
            if (!c.all_outstanding) {
                for (std::size_t i = 0; i < d.safes.size(); ++i) {
                    if (g.coin()) c.listed.safes.push_back(i);
                }
                for (std::size_t i = 0; i < d.notes.size(); ++i) {
                    if (g.coin()) c.listed.notes.push_back(i);
                }
                if (c.listed.safes.empty() && c.listed.notes.empty()) continue;
            }
            c.close_date = g.day(2026 + static_cast<int>(k), 2026 + static_cast<int>(k));
            c.convention = conventions[g.pick(3)];
            c.conversion_price_rounding = price_precision{static_cast<int>(g.between(2, 6)), modes[g.pick(4)]};
            c.conversion_share_rounding = modes[g.pick(4)];
            d.conversions.push_back(c);
            // "all_outstanding" that converts nothing does not read back (as an empty list).
            const deal_instruments in = d.converting_in(k);
            if ((in.safes.empty() && in.notes.empty()) || !d.chain(d.priced_rounds.size()).try_run().ok()) d.conversions.pop_back();
        }
    }
    std::vector<std::string> known;
    for (const funding_round& r : d.rounds) {
        for (const commitment& c : r.commitments()) {
            for (const tranche& t : c.tranches) {
                for (const std::string& m : t.condition().milestones()) known.push_back(m);
            }
        }
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    for (std::int64_t k = known.empty() ? 0 : g.between(0, 2); k > 0; --k) {
        scenario s("Scenario " + std::to_string(k));
        for (const std::string& m : known) {
            switch (g.between(0, 3)) {
                case 0: s.achieve(m, g.day(2026, 2028)); break;
                case 1: s.fail(m, g.day(2026, 2028)); break;
                case 2: s.never(m); break;
                default: break;
            }
        }
        d.scenarios.push_back(std::move(s));
    }
    for (std::int64_t k = g.between(0, 2); k > 0; --k) {
        const std::string name = "Commitment " + std::to_string(k);
        if (g.coin()) {
            d.counter_commitments.push_back(counter_commitment::from_installments(
                name, "Investor 0", installments(g.usd(1, 100'000'000'000) * 10, g.day(2026, 2028),
                                                 static_cast<std::size_t>(g.between(1, 12)), frequency::quarterly)));
        } else {
            std::vector<cash_flow> flows;
            for (std::int64_t f = g.between(1, 4); f > 0; --f) {
                flows.push_back({g.day(2026, 2034), g.usd(1, 100'000'000'000), g.coin() ? "payment " + std::to_string(f) : ""});
            }
            d.counter_commitments.push_back(counter_commitment(name, "Investor 1", std::move(flows)));
        }
    }
    // 409A valuations of the table's classes and the priced rounds' series, one per class and day.
    if (table) {
        std::vector<std::string> classes;
        for (const share_class& c : d.cap_table_before->classes()) classes.push_back(c.name());
        for (const cap_table_round& r : d.priced_rounds) classes.push_back(r.series());
        for (std::int64_t k = g.between(0, 3); k > 0; --k) {
            share_valuation v{classes[g.pick(classes.size())], price_per_share(g.usd(1, 5'000'000), share_count(g.between(1, 1000))),
                              g.day(2020, 2027), share_valuation_type::section_409a, g.coin() ? "Provider " + std::to_string(k) : "",
                              std::nullopt, std::nullopt};
            if (g.coin()) v.board_approval_date = g.day(2020, 2027);
            if (g.coin()) v.stockholder_approval_date = v.board_approval_date ? *v.board_approval_date : g.day(2020, 2027);
            bool same_day = false;
            for (const share_valuation& w : d.valuations) same_day = same_day || (w.share_class == v.share_class && w.effective_date == v.effective_date);
            if (!same_day) d.valuations.push_back(std::move(v));
        }
    }
    // The company's as-of date and formation, and an anti-dilution charter on the preferred series
    // (the table's and the priced rounds'), each series waiving in the last round now and then; kept
    // when the chain still applies with it (tenth session: the round trip did not cover them).
    if (g.coin()) d.as_of = g.day(2020, 2030);
    if (g.coin()) d.formation_date = g.day(1990, 2019);
    if (g.coin()) {
        d.country_of_formation = "US";
        if (g.coin()) d.country_subdivision_of_formation = "DE";
    }
    if (table) {
        std::vector<std::string> series;
        for (const share_class& c : d.cap_table_before->classes()) {
            if (c.is_preferred()) series.push_back(c.name());
        }
        for (const cap_table_round& r : d.priced_rounds) series.push_back(r.series());
        deal_file with = d;
        for (const std::string& s : series) {
            switch (g.between(0, 4)) {
                case 0: with.charter.protections.push_back(anti_dilution_terms::broad_based(s)); break;
                case 1: with.charter.protections.push_back(anti_dilution_terms::broad_based(s, fully_diluted_basis::full())); break;
                case 2: with.charter.protections.push_back(anti_dilution_terms::narrow_based(s, {s})); break;
                case 3: with.charter.protections.push_back(anti_dilution_terms::full_ratchet(s)); break;
                default: break;
            }
        }
        if (!with.charter.protections.empty()) {
            if (g.coin()) with.charter.conversion_price_rounding = g.coin() ? std::optional<price_precision>() : price_precision{2, rounding::floor};
            if (!with.priced_rounds.empty() && g.coin()) with.charter.waived_in = {{with.priced_rounds.back().terms().name()}};
            if (with.chain(with.priced_rounds.size()).try_run().ok()) d = std::move(with);
        }
    }
    // The SAFEs' and notes' ranks at an exit, each kind now and then (twelfth session).
    if (g.coin()) {
        if (g.coin()) d.instrument_seniority.post_money_safes = static_cast<int>(g.between(0, 3));
        if (g.coin()) d.instrument_seniority.pre_money_safes = static_cast<int>(g.between(0, 3));
        if (g.coin()) d.instrument_seniority.notes = static_cast<int>(g.between(0, 2147483647));
    }
    return d;
}

// read(write(d)) equals d, member by member (operator== where the type has one, every field
// otherwise), and writing it again gives the same text.
void check_equal_after_round_trip(const deal_file& d) {
    const std::string text = write_deal_file(d);
    deal_file back;
    try {
        back = parse_deal_file(text);
    } catch (const json_error& e) {
        FAIL_CHECK(std::string(e.what()) << "\n" << text);
        return;
    }
    CHECK(write_deal_file(back) == text);
    CHECK(back.company == d.company);
    CHECK(back.as_of == d.as_of);
    CHECK(back.formation_date == d.formation_date);
    CHECK(back.country_of_formation == d.country_of_formation);
    CHECK(back.country_subdivision_of_formation == d.country_subdivision_of_formation);
    CHECK(back.charter.protections == d.charter.protections);
    CHECK(back.charter.waived_in == d.charter.waived_in);
    CHECK(back.instrument_seniority == d.instrument_seniority);
    REQUIRE(back.charter.conversion_price_rounding.has_value() == d.charter.conversion_price_rounding.has_value());
    if (d.charter.conversion_price_rounding) {
        CHECK(back.charter.conversion_price_rounding->decimals == d.charter.conversion_price_rounding->decimals);
        CHECK(back.charter.conversion_price_rounding->mode == d.charter.conversion_price_rounding->mode);
    }
    REQUIRE(back.cap_table_before.has_value() == d.cap_table_before.has_value());
    if (d.cap_table_before) CHECK(*back.cap_table_before == *d.cap_table_before);
    REQUIRE(back.rounds.size() == d.rounds.size());
    for (std::size_t i = 0; i < d.rounds.size(); ++i) {
        const funding_round& a = d.rounds[i];
        const funding_round& b = back.rounds[i];
        CHECK(b.name() == a.name());
        CHECK(b.valuation() == a.valuation());
        CHECK(b.close_date() == a.close_date());
        CHECK(b.prior_mark() == a.prior_mark());
        CHECK(b.prior_round() == a.prior_round());
        CHECK(b.prior_mark_label() == a.prior_mark_label());
        REQUIRE(b.commitments().size() == a.commitments().size());
        for (std::size_t k = 0; k < a.commitments().size(); ++k) {
            CHECK(b.commitments()[k].investor == a.commitments()[k].investor);
            CHECK(b.commitments()[k].total == a.commitments()[k].total);
            CHECK(b.commitments()[k].tranches == a.commitments()[k].tranches);
        }
    }
    REQUIRE(back.priced_rounds.size() == d.priced_rounds.size());
    for (std::size_t i = 0; i < d.priced_rounds.size(); ++i) {
        const cap_table_round& a = d.priced_rounds[i];
        const cap_table_round& b = back.priced_rounds[i];
        CHECK(b.terms().name() == a.terms().name());
        CHECK(b.series() == a.series());
        CHECK(b.liquidation() == a.liquidation());
        CHECK(b.new_investors() == a.new_investors());
        CHECK(b.pool() == a.pool());
        CHECK(b.new_pool_class() == a.new_pool_class());
        CHECK(b.basis() == a.basis());
        CHECK(b.terms().investors() == a.terms().investors());
        CHECK(b.terms().price_bases() == a.terms().price_bases());
        CHECK(b.terms().pool_target() == a.terms().pool_target());
        CHECK(b.terms().share_rounding() == a.terms().share_rounding());
    }
    REQUIRE(back.conversions.size() == d.conversions.size());
    for (std::size_t i = 0; i < d.conversions.size(); ++i) {
        const priced_round_conversion& a = d.conversions[i];
        const priced_round_conversion& b = back.conversions[i];
        CHECK((b.round == a.round && b.all_outstanding == a.all_outstanding && b.listed.safes == a.listed.safes &&
               b.listed.notes == a.listed.notes && b.close_date == a.close_date && b.convention == a.convention &&
               b.conversion_share_rounding == a.conversion_share_rounding));
        REQUIRE(b.conversion_price_rounding.has_value() == a.conversion_price_rounding.has_value());
        if (a.conversion_price_rounding) {
            CHECK(b.conversion_price_rounding->decimals == a.conversion_price_rounding->decimals);
            CHECK(b.conversion_price_rounding->mode == a.conversion_price_rounding->mode);
        }
    }
    if (d.cap_table_before && !d.priced_rounds.empty()) {
        // The same chain (SAFEs and notes converting, the charter adjusting): the same table after
        // each round, and the same waterfall on the last one at a few exits.
        const round_chain_result a = d.chain(d.priced_rounds.size()).run();
        const round_chain_result b = back.chain(back.priced_rounds.size()).run();
        CHECK(a.final_table() == b.final_table());
        CHECK(a.totals() == b.totals());
        const waterfall_result wa = waterfall::try_build(a.final_table());
        const waterfall_result wb = waterfall::try_build(b.final_table());
        REQUIRE(wa.ok() == wb.ok());
        if (wa.ok()) {
            for (const money exit : {1_M, 37_M, 1_B, 75_B}) CHECK(wa.value->at(exit).by_holder == wb.value->at(exit).by_holder);
        }
    }
    REQUIRE(back.safes.size() == d.safes.size());
    for (std::size_t i = 0; i < d.safes.size(); ++i) {
        const safe& a = d.safes[i];
        const safe& b = back.safes[i];
        CHECK((b.holder == a.holder && b.purchase_amount == a.purchase_amount && b.date == a.date && b.form == a.form &&
               b.valuation_cap == a.valuation_cap && b.discount == a.discount && b.mfn == a.mfn && b.pool_increase == a.pool_increase &&
               b.fixed_percentage == a.fixed_percentage));
    }
    REQUIRE(back.notes.size() == d.notes.size());
    for (std::size_t i = 0; i < d.notes.size(); ++i) {
        const convertible_note& a = d.notes[i];
        const convertible_note& b = back.notes[i];
        CHECK((b.holder == a.holder && b.principal == a.principal && b.issue_date == a.issue_date &&
               b.maturity_date == a.maturity_date && b.annual_rate == a.annual_rate && b.method == a.method &&
               b.period == a.period && b.day_count == a.day_count && b.interest_rounding == a.interest_rounding &&
               b.interest_accrues == a.interest_accrues && b.valuation_cap == a.valuation_cap && b.discount == a.discount && b.cap_form == a.cap_form &&
               b.pool_increase == a.pool_increase && b.cap_basis == a.cap_basis && b.qualified_financing == a.qualified_financing));
        REQUIRE(b.at_maturity.has_value() == a.at_maturity.has_value());
        if (a.at_maturity) {
            CHECK(b.at_maturity->conversion_valuation == a.at_maturity->conversion_valuation);
            CHECK(b.at_maturity->share_class == a.at_maturity->share_class);
            CHECK(b.at_maturity->elected_by == a.at_maturity->elected_by);
        }
        REQUIRE(b.at_change_of_control.has_value() == a.at_change_of_control.has_value());
        if (a.at_change_of_control) {
            CHECK(b.at_change_of_control->principal_multiple == a.at_change_of_control->principal_multiple);
            CHECK(b.at_change_of_control->principal_plus_interest == a.at_change_of_control->principal_plus_interest);
            CHECK(b.at_change_of_control->conversion_at_cap == a.at_change_of_control->conversion_at_cap);
        }
    }
    CHECK(back.valuations == d.valuations);
    REQUIRE(back.scenarios.size() == d.scenarios.size());
    for (std::size_t i = 0; i < d.scenarios.size(); ++i) {
        CHECK(back.scenarios[i].name() == d.scenarios[i].name());
        const auto& a = d.scenarios[i].outcomes();
        const auto& b = back.scenarios[i].outcomes();
        REQUIRE(b.size() == a.size());
        for (std::size_t k = 0; k < a.size(); ++k) CHECK((b[k].milestone == a[k].milestone && b[k].kind == a[k].kind && b[k].on == a[k].on));
    }
    REQUIRE(back.counter_commitments.size() == d.counter_commitments.size());
    for (std::size_t i = 0; i < d.counter_commitments.size(); ++i) {
        CHECK(back.counter_commitments[i].name() == d.counter_commitments[i].name());
        CHECK(back.counter_commitments[i].counterparty() == d.counter_commitments[i].counterparty());
        CHECK(back.counter_commitments[i].flows() == d.counter_commitments[i].flows());
        CHECK(back.counter_commitments[i].total() == d.counter_commitments[i].total());
    }
}

TEST_CASE("deal file: each member's values read on their own with nlohmann's get<T>()") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        const deal_file d = random_deal_file(20261203 + seed);
        const json j = d;
        CHECK(write_deal_file(j.get<deal_file>()) == write_deal_file(d));
        for (const share_valuation& v : d.valuations) CHECK(json(v).get<share_valuation>() == v);
        for (const safe& s : d.safes) CHECK(json(json(s).get<safe>()) == json(s));
        for (const convertible_note& n : d.notes) CHECK(json(json(n).get<convertible_note>()) == json(n));
        for (const cap_table_round& r : d.priced_rounds) CHECK(json(json(r).get<cap_table_round>()) == json(r));
        for (const scenario& s : d.scenarios) CHECK(json(json(s).get<scenario>()) == json(s));
        for (const counter_commitment& c : d.counter_commitments) CHECK(json(json(c).get<counter_commitment>()) == json(c));
    }
    CHECK(json("full_with_convertibles").get<fully_diluted_basis>() == fully_diluted_basis::full_with_convertibles());
    CHECK(json::parse(R"({"granted_options": true, "unallocated_pool": false, "warrants": false, "convertibles": false})")
              .get<fully_diluted_basis>() == fully_diluted_basis::issued_and_granted());
    // Errors name the value read and each problem at its pointer.
    try {
        (void)json::parse(R"({"share_class": "", "price": {"amount": "0.25 USD", "shares": 0}, "effective_date": "2024-05-15"})")
            .get<share_valuation>();
        FAIL("expected a json_error");
    } catch (const json_error& e) {
        CHECK(std::string(e.what()) == "share valuation is invalid: 2 problems\n  - /price/shares = 0: must be positive\n"
                                       "  - /share_class = \"\": must name the class valued");
    }
}

TEST_CASE("deal file: seeded random deal files round-trip exactly") {
    std::size_t priced = 0, conversions = 0, safes = 0, notes = 0, rounds = 0, scenarios = 0, commitments = 0, valuations = 0, charters = 0;
    std::size_t ranked = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        CAPTURE(seed);
        const deal_file d = random_deal_file(20261202 + seed);
        priced += d.priced_rounds.size();
        conversions += d.conversions.size();
        safes += d.safes.size();
        notes += d.notes.size();
        rounds += d.rounds.size();
        scenarios += d.scenarios.size();
        commitments += d.counter_commitments.size();
        valuations += d.valuations.size();
        if (!d.charter.protections.empty()) ++charters;
        if (!d.instrument_seniority.empty()) ++ranked;
        check_equal_after_round_trip(d);
    }
    // The generator covers every member (a generator whose values all failed to build would
    // test nothing).
    CHECK(priced >= 40);
    CHECK(safes >= 40);
    CHECK(notes >= 30);
    CHECK(rounds >= 60);
    CHECK(scenarios >= 30);
    CHECK(commitments >= 40);
    CHECK(conversions >= 20);
    CHECK(valuations >= 40);
    CHECK(charters >= 20);
    CHECK(ranked >= 30);
    MESSAGE("random deal files: " << rounds << " rounds, " << priced << " priced rounds (" << conversions << " with conversions), " << safes << " SAFEs, " << notes
                                  << " notes, " << valuations << " valuations, " << charters << " charters, " << scenarios << " scenarios, " << commitments << " counter-commitments");
}

// ---------------------------------------------------------------------------------------------
// Every problem of a bad deal file at once, each at its JSON pointer with its rule.
// ---------------------------------------------------------------------------------------------

struct bad_file {
    const char* what;
    const char* document;
    std::vector<std::string> problems;
};

// True if @p pointer resolves in @p doc, or names a missing member of an object that does (a
// required member that is absent): what the fuzz target checks too.
bool resolves(const json& doc, const std::string& pointer) {
    if (pointer.empty()) return true;
    const json::json_pointer p(pointer);
    if (doc.contains(p)) return true;
    return doc.contains(p.parent_pointer()) && doc.at(p.parent_pointer()).is_object();
}

// Each file's problems are exactly @p f.problems, at pointers into it; parse_deal_file throws
// json_error listing as many.
void check_bad_files(const std::vector<bad_file>& files) {
    for (const bad_file& f : files) {
        CAPTURE(f.what);
        const json doc = json::parse(f.document);
        const std::vector<std::string> got = problems_of(doc);
        CHECK(got == f.problems);
        if (got != f.problems) {
            for (const std::string& line : got) MESSAGE(line);
        }
        json_reader reader;
        (void)read_deal_file(reader, doc);
        for (const diagnostic& d : reader.problems()) {
            CAPTURE(d.field.json_pointer());
            CHECK(resolves(doc, d.field.json_pointer()));
        }
        try {
            (void)parse_deal_file(f.document);
            FAIL_CHECK("no json_error");
        } catch (const json_error& e) {
            CHECK(e.problems().size() == f.problems.size());
            CHECK(std::string(e.what()).rfind("deal file is invalid: " + std::to_string(f.problems.size()) + " problem", 0) == 0);
        }
    }
}

TEST_CASE("deal file: a hostile value's text is cut without recursing into it or splitting a character") {
    // Regression (review of 2026-12-05): a value nested 100,000 deep crashed the reader (the
    // diagnostic dumped the whole value, recursively, before cutting it to 60 characters).
    const std::size_t depth = 200000;
    const std::string deep = "{\"fundround_deal\": 1, \"company\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
    try {
        (void)parse_deal_file(deep);
        FAIL("expected json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(detail::json_problem_line(e.problems()[0]) ==
              "/company = " + std::string(57, '[') + "...: must be a string, not an array");
    }
    // A control character in a member's name: the line stays one line (review of 2026-12-05,
    // second round: the pointer's raw newline split it in two).
    try {
        (void)parse_deal_file("{\"fundround_deal\": 1, \"x\\ny\": 1}");
        FAIL("expected json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.json_pointer() == "/x\ny");
        CHECK(detail::json_problem_line(e.problems()[0]).rfind("/x\\ny: is not a member of a deal file", 0) == 0);
    }
    // An object nested as deep, as the value of a number.
    std::string objects = "{\"fundround_deal\": ";
    for (std::size_t k = 0; k < depth; ++k) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}') + "}";
    CHECK_THROWS_AS((void)parse_deal_file(objects), json_error);
    // The cut never falls inside a UTF-8 character: after the quote and 55 x, "é" takes bytes 56
    // and 57, and the cut at 57 would split it: it goes whole.
    const json company = std::string(55, 'x') + "\xC3\xA9yyyy";
    CHECK(detail::json_value_text(company) == "\"" + std::string(55, 'x') + "...");
    const json shorter = std::string(56, 'x') + "\xC3\xA9yyyy";  // é at bytes 57-58: cut before it
    CHECK(detail::json_value_text(shorter) == "\"" + std::string(56, 'x') + "...");
    CHECK(detail::json_value_text(json::array({1, json::object({{"k", "v"}})})) == "[1,{\"k\":\"v\"}]");
    // U+007F, which a JSON text leaves as it is, is escaped (review of 2026-12-05, second round).
    CHECK(detail::json_value_text(json("a\x7F" "b")) == "\"a\\u007Fb\"");
}

TEST_CASE("deal file: a name with a control character is a problem at its pointer") {
    // Regression (review of 2026-12-05): a tab in a class name was read, then refused by --svg
    // without a pointer into the file; names, labels and ids print on one line everywhere.
    const json doc = json::parse(R"json({"fundround_deal": 1, "company": "Small\nCo", "cap_table": {"currency": "USD",
        "holders": [{"id": "ada", "name": "Ada\tFounder", "kind": "founder"}],
        "classes": [{"name": "Common", "kind": "common"}],
        "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000}]}})json");
    CHECK(problems_of(doc) == std::vector<std::string>{
        "/company = \"Small\\nCo\": must not contain control characters (a tab, a line break...): it prints on one line",
        "/cap_table/holders/0/name = \"Ada\\tFounder\": must not contain control characters (a tab, a line break...): it prints on "
        "one line"});
}

// Regression (review of the written formats): a deal file built in C++ may hold a name with a
// tab (cap_table_builder and round_builder take it); write_deal_file() wrote it and the file did
// not read back, and a name that is not UTF-8 threw nlohmann's type_error 316 with no pointer.
TEST_CASE("deal file: text the file cannot carry is refused by the writer, at its pointer") {
    deal_file d;
    d.company = "Small\tCo";
    d.cap_table_before = cap_table_builder()
                             .add(holder::founder("ada", "Ada \xFF"))
                             .add(share_class::common("Com\nmon"))
                             .holding(holder_id("ada"), "Com\nmon", share_count(1000))
                             .build();
    try {
        (void)write_deal_file(d);
        FAIL("write_deal_file did not throw");
    } catch (const json_error& e) {
        CHECK(std::string(e.what()) ==
              "deal file cannot be written: 4 problems\n"
              "  - /cap_table/classes/0/name = \"Com\\nmon\": must not contain control characters (a tab, a line break...): "
              "the deal file's reader refuses them\n"
              "  - /cap_table/holders/0/name = \"Ada \\xFF\": must be UTF-8: byte 4 (\\xFF) starts no valid character (JSON "
              "text is UTF-8)\n"
              "  - /cap_table/holdings/0/share_class = \"Com\\nmon\": must not contain control characters (a tab, a line "
              "break...): the deal file's reader refuses them\n"
              "  - /company = \"Small\\tCo\": must not contain control characters (a tab, a line break...): the deal file's "
              "reader refuses them");
    }
    d.company = "Small \xE2\x82\xAC Co \x7F";
    d.cap_table_before.reset();
    CHECK_THROWS_AS((void)write_deal_file(d), json_error);
    d.company = "Small \xE2\x82\xAC Co";
    check_round_trip(d);
}

TEST_CASE("deal file: every problem at once, each at its pointer with its rule") {
    const std::vector<bad_file> files = {
        {"the top level: unknown members, the version, the company's type",
         R"json({"fundround_deal": 2, "company": 3, "extra": 1})json",
         {
             "/extra: is not a member of a deal file; expected fundround_deal, company, as_of, formation, cap_table, rounds, priced_rounds, safes, notes, valuations, scenarios, counter_commitments, anti_dilution, instrument_seniority, issuances",
             "/fundround_deal = 2: must be 1, the deal file format this fundround reads",
             "/company = 3: must be a string, not a number",
         }},
        {"share valuations: a table first; their own problems, unknown classes, currency, two a day",
         R"json({"fundround_deal": 1, "valuations": [{"share_class": "Common", "price": {"amount": "0.25 USD", "shares": 1}, "effective_date": "2024-05-15"}]})json",
         {
             "/valuations: needs \"cap_table\": share valuations value the classes of its shares",
         }},
        {"share valuations against the cap table and the priced rounds' series",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}], "valuations": [{"share_class": "Common", "price": {"amount": "0.25", "shares": 1}, "effective_date": "2024-05-15", "type": "409A", "provider": "Valuation Partners LLC", "board_approval_date": "2024-05-30"}, {"share_class": "Series A", "price": {"amount": "2", "shares": 3}, "effective_date": "2026-01-01"}, {"share_class": "Series B", "price": {"amount": "EUR 1", "shares": 1}, "effective_date": "2024-05-15"}, {"share_class": "Common", "price": {"amount": "0.26", "shares": 1}, "effective_date": "2024-05-15"}]})json",
         {
             "/valuations/2/share_class = \"Series B\": is not a share class of the company (its classes: \"Common\", \"Series A\")",
             "/valuations/2/price = €1.0000: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/valuations/3/effective_date = 2024-05-15: is also the effective date of valuations[0] of Common: two valuations of a class in force from the same day are ambiguous",
         }},
        {"a share valuation's own problems, each at its pointer",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]}, "valuations": [{"share_class": "Common", "price": {"amount": "0", "shares": 1}, "effective_date": "2024-02-30", "type": "DCF", "board_approval_date": "2024-06-01", "stockholder_approval_date": "2024-05-31", "method": "OPM"}, {"price": "0.25"}, 3]})json",
         {
             "/valuations/0/method: is not a member of a share valuation; expected share_class, price, effective_date, type, provider, board_approval_date, stockholder_approval_date",
             "/valuations/0/price/amount = $0.00: must be positive",
             "/valuations/0/effective_date = \"2024-02-30\": is not a valid calendar date",
             "/valuations/0/type = \"DCF\": must be a share valuation type: one of 409A",
             "/valuations/0/stockholder_approval_date = 2024-05-31: must not be before the board's approval (2024-06-01)",
             "/valuations/1/share_class: is required",
             "/valuations/1/price = \"0.25\": must be an object (a price per share), not a string",
             "/valuations/1/effective_date: is required",
             "/valuations/2 = 3: must be an object (a share valuation), not a number",
         }},
        {"a class name the reader refused is not reported again; a series whose round does not read is still a class",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "x", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}], "valuations": [{"share_class": "Common\u0001", "price": {"amount": "1 USD", "shares": 1}, "effective_date": "2025-01-01"}, {"share_class": "Series A", "price": {"amount": "1 USD", "shares": 1}, "effective_date": "2025-01-01"}, {"share_class": "Nope\u0001", "price": {"amount": "1 USD", "shares": 1}, "effective_date": "2025-13-01"}]})json",
         {
             "/priced_rounds/0/pre_money = \"x\": is not an amount (at position 0: expected a digit)",
             "/valuations/0/share_class = \"Common\\u0001\": must not contain control characters (a tab, a line break...): it prints on one line",
             "/valuations/2/share_class = \"Nope\\u0001\": must not contain control characters (a tab, a line break...): it prints on one line",
             "/valuations/2/effective_date = \"2025-13-01\": is not a valid calendar date",
         }},
        {"an unknown class is listed with another valuation's problem (review of 2026-12-05, second round)",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]}, "valuations": [{"share_class": "Nope", "price": {"amount": "1 USD", "shares": 1}, "effective_date": "2025-13-01"}, {"share_class": "Also not", "price": {"amount": "1 USD", "shares": 1}, "effective_date": "2025-01-01"}]})json",
         {
             "/valuations/0/effective_date = \"2025-13-01\": is not a valid calendar date",
             "/valuations/0/share_class = \"Nope\": is not a share class of the company (its classes: \"Common\")",
             "/valuations/1/share_class = \"Also not\": is not a share class of the company (its classes: \"Common\")",
         }},
        {"the as-of date and the company's formation (an OCF issuer's facts)",
         R"json({"fundround_deal": 1, "as_of": "2025-02-30", "formation": {"date": 5, "country": "de", "subdivision": "BAVA", "city": "x"}})json",
         {
             "/as_of = \"2025-02-30\": is not a valid calendar date",
             "/formation/city: is not a member of a company's formation; expected date, country, subdivision",
             "/formation/date = 5: must be a date string such as \"2026-02-27\", not a number",
             "/formation/country = \"de\": must be an ISO 3166-1 alpha-2 country code: two capital letters (\"DE\")",
             "/formation/subdivision = \"BAVA\": must be an ISO 3166-2 subdivision code after its country: one to three capital letters or digits (\"CA\" of US-CA)",
         }},
        {"the format version is required",
         R"json({"company": "x"})json",
         {
             "/fundround_deal: is required",
         }},
        {"the document must be an object",
         R"json([])json",
         {
             "(root) = []: must be an object (a deal file), not an array",
         }},
        {"priced rounds, SAFEs and notes need a cap table",
         R"json({"fundround_deal": 1, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}], "safes": [{"holder": "angel", "purchase_amount": "$1", "date": "2025-01-01"}], "notes": "x"})json",
         {
             "/notes = \"x\": must be an array of convertible notes, not a string",
             "/priced_rounds: needs \"cap_table\": priced rounds are applied to the cap table and refer to its holders",
             "/safes: needs \"cap_table\": SAFEs refer to its holders",
         }},
        {"a priced round's own problems, a duplicate name, an investor nobody added",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}, {"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "ghost", "amount": "$1M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}, {"name": "", "series": 1, "pre_money": "$1M", "post_money": "$2M", "investors": {}, "basis": "most", "option_pool": {"placement": "middle"}, "price_rounding": {"decimals": 20, "mode": "up"}, "share_rounding": "up"}]})json",
         {
             "/priced_rounds/2/name = \"\": must not be empty: rounds are named in reports",
             "/priced_rounds/2/series = 1: must be a string, not a number",
             "/priced_rounds/2 = pre_money, post_money: must give exactly one figure that fixes the price",
             "/priced_rounds/2/basis = \"most\": must be a fully diluted basis: one of outstanding, issued_and_granted, full, full_with_convertibles",
             "/priced_rounds/2/investors = {}: must be an array of investments ({\"holder\", \"amount\"}), not an object",
             "/priced_rounds/2/option_pool/target: is required",
             "/priced_rounds/2/option_pool/placement = \"middle\": must be a pool placement: one of pre_money, post_money",
             "/priced_rounds/2/price_rounding/decimals = 20: must be a JSON integer from 0 to 12",
             "/priced_rounds/2/price_rounding/mode = \"up\": must be a rounding mode: one of exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even",
             "/priced_rounds/2/share_rounding = \"up\": must be a rounding mode: one of exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even",
             "/priced_rounds/1/name = \"Series A\": must be unique (it is also the name of /priced_rounds/0): priced rounds are named on the command line and in reports",
             "/priced_rounds/1/investors/0/holder = \"ghost\": is not a holder of /cap_table, nor in the new_investors of this round or an earlier one",
         }},
        {"a priced round must state its price",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "A", "series": "Common", "investors": [{"holder": "ada", "amount": "$1M"}]}]})json",
         {
             "/priced_rounds/0: needs the figure that fixes the price: one of pre_money, post_money, price_per_share, new_money_ownership",
         }},
        {"the chain: the first round that does not apply, at its members",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Common", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}, {"name": "Series B", "series": "Series B", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}], "option_pool": {"target": "1/10", "top_up": "Nope"}}]})json",
         {
             "/priced_rounds/0/series = \"Common\": is already a class on the cap table (\"Common\"): a priced round issues a new series (the round does not apply to the cap table before the rounds)",
         }},
        {"round names are unique",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}, {"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}]})json",
         {
             "/priced_rounds/1/name = \"Series A\": must be unique (it is also the name of /priced_rounds/0): priced rounds are named on the command line and in reports",
         }},
        {"SAFEs: every term, the holder on the cap table, safe::validate()'s rules",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "safes": [{"holder": "ghost", "purchase_amount": "-$1", "date": "2025-13-01", "form": "sideways", "discount": "1", "mfn": "no", "pool_increase": "maybe", "x": 1}, {"holder": "angel", "purchase_amount": "$1M", "date": "2025-01-01", "valuation_cap": "EUR 5M", "discount": "3/2"}]})json",
         {
             "/safes/0/x: is not a member of a SAFE; expected holder, purchase_amount, date, form, valuation_cap, discount, mfn, pool_increase, fixed_percentage",
             "/safes/0/date = \"2025-13-01\": is not a valid calendar date",
             "/safes/0/form = \"sideways\": must be a SAFE form: one of post_money, pre_money",
             "/safes/0/mfn = \"no\": must be true or false, not a string",
             "/safes/0/pool_increase = \"maybe\": must be a pool increase rule: one of included, excluded",
             "/safes/0/purchase_amount = -$1.00: must be positive",
             "/safes/0/discount = 1 (100.0000%): must be at least 0% and below 100%",
             "/safes/1/valuation_cap = €5,000,000.00: must be in USD, the purchase amount's currency",
             "/safes/1/discount = 3/2 (150.0000%): must be at least 0% and below 100%",
             "/safes/0/holder = \"ghost\": is not a holder of /cap_table (a SAFE's holder is on the cap table before the rounds)",
         }},
        {"notes: every term, the holder on the cap table, convertible_note::validate()'s rules",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "notes": [{"holder": "ghost", "principal": "$1M", "issue_date": "2025-01-01", "maturity_date": "2024-01-01", "annual_rate": "-1/10", "method": "twice", "period": "weekly", "day_count": "actual/365", "interest_rounding": "nearest", "cap_form": "x", "at_maturity": {"conversion_valuation": "$0", "elected_by": "nobody"}, "at_change_of_control": {"principal_plus_interest": false, "conversion_at_cap": true}}, {"holder": "angel"}]})json",
         {
             "/notes/0/method = \"twice\": must be an interest method: one of simple, compound",
             "/notes/0/period = \"weekly\": must be a compounding period: one of annually, semiannually, quarterly, monthly",
             "/notes/0/day_count = \"actual/365\": must be a day count: one of actual_365_fixed, actual_360, thirty_e_360, thirty_360_us, actual_actual_isda",
             "/notes/0/interest_rounding = \"nearest\": must be a rounding mode: one of exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even",
             "/notes/0/cap_form = \"x\": must be a cap form: one of post_money, pre_money",
             "/notes/0/at_maturity/elected_by = \"nobody\": must be a party: one of holder, company",
             "/notes/0/maturity_date = 2024-01-01: must be after the issue date 2025-01-01 (a note cannot mature before it is issued)",
             "/notes/0/annual_rate = -1/10 (-10.0000%): must not be negative",
             "/notes/0/at_change_of_control/conversion_at_cap = true: needs a valuation cap to convert at",
             "/notes/1/principal: is required",
             "/notes/1/issue_date: is required",
             "/notes/1/maturity_date: is required",
             "/notes/1/annual_rate: is required",
             "/notes/0/holder = \"ghost\": is not a holder of /cap_table (a note's holder is on the cap table before the rounds)",
         }},
        {"scenarios: outcomes, dates, duplicates, unknown milestones, names unique",
         R"json({"fundround_deal": 1, "rounds": [{"name": "R", "currency": "USD", "pre_money": "$10M", "close_date": "2026-01-01", "investors": [{"name": "X", "commitment": "$1M", "tranches": [{"amount": "$1M", "condition": {"kind": "milestone", "name": "launch"}}]}]}, {"name": "R", "currency": "USD", "pre_money": "$10M", "close_date": "2026-01-01", "investors": [{"name": "X", "commitment": "$1M", "tranches": [{"amount": "$1M", "condition": {"kind": "milestone", "name": "launch"}}]}]}], "scenarios": [{"name": "s", "milestones": [{"name": "launch", "outcome": "achieved", "date": "2026-05-01"}, {"name": "launch", "outcome": "never"}, {"name": "lunch", "outcome": "failed", "date": "2026-05-01"}, {"name": "x", "outcome": "never", "date": "2026-01-01"}, {"name": "y", "outcome": "achieved"}, {"name": "", "outcome": "sometimes"}]}, {"name": "s", "milestones": []}, {"name": ""}]})json",
         {
             "/scenarios/0/milestones/3/date = \"2026-01-01\": is not a member of a \"never\" outcome",
             "/scenarios/0/milestones/4/date: is required",
             "/scenarios/0/milestones/5/name = \"\": must not be empty",
             "/scenarios/0/milestones/5/outcome = \"sometimes\": must be an outcome: one of achieved, failed, never",
             "/scenarios/0/milestones/1/name = \"launch\": is given more than one outcome (first at /scenarios/0/milestones/0)",
             "/scenarios/2/name = \"\": must not be empty: scenarios are named in reports",
             "/scenarios/2/milestones: is required",
             "/rounds/1/name = \"R\": must be unique (it is also the name of /rounds/0): rounds are named on the command line and in reports",
             "/scenarios/1/name = \"s\": must be unique (it is also the name of /scenarios/0): scenarios are named on the command line and in reports",
             "/scenarios/0/milestones/2/name = \"lunch\": is not a milestone of any round of the deal file (theirs: \"launch\")",
             "/scenarios/0/milestones/3/name = \"x\": is not a milestone of any round of the deal file (theirs: \"launch\")",
             "/scenarios/0/milestones/4/name = \"y\": is not a milestone of any round of the deal file (theirs: \"launch\")",
         }},
        {"a scenario milestone needs a round that has it",
         R"json({"fundround_deal": 1, "scenarios": [{"name": "s", "milestones": [{"name": "launch", "outcome": "never"}]}]})json",
         {
             "/scenarios/0/milestones/0/name = \"launch\": is not a milestone of any round of the deal file (they have none)",
         }},
        {"counter-commitments: flows and installments",
         R"json({"fundround_deal": 1, "counter_commitments": [{"name": "", "counterparty": "", "flows": []}, {"name": "c", "counterparty": "A", "flows": [{"date": "2026-01-01", "amount": "$1B"}, {"date": "2026-02-01", "amount": "EUR 1B"}, {"date": "2026-03-01", "amount": "-$1B", "label": 3}]}, {"name": "c", "counterparty": "A"}, {"name": "c", "counterparty": "A", "flows": [], "installments": {}}, {"name": "c", "counterparty": "A", "installments": {"total": "$1B", "first": "2026-01-01", "frequency": "yearly"}}, {"name": "c", "counterparty": "A", "installments": {"total": "$0.001", "first": "2026-01-01", "count": 3, "frequency": "yearly"}}, {"name": "c", "counterparty": "A", "installments": {"total": "$1B", "first": "2026-01-01", "last": "2025-01-01", "frequency": "yearly"}}, {"name": "c", "counterparty": "A", "installments": {"total": "-$1B", "first": "2026-01-01", "count": 0, "frequency": "daily"}}]})json",
         {
             "/counter_commitments/0/name = \"\": must not be empty",
             "/counter_commitments/0/counterparty = \"\": must not be empty",
             "/counter_commitments/0/flows = []: must hold at least one payment",
             "/counter_commitments/1/flows/1/amount = €1,000,000,000.00: must be in USD like the first payment",
             "/counter_commitments/1/flows/2/label = 3: must be a string, not a number",
             "/counter_commitments/1/flows/2/amount = -$1,000,000,000.00: must be positive",
             "/counter_commitments/2: needs \"flows\" or \"installments\"",
             "/counter_commitments/3: must give \"flows\" or \"installments\", not both",
             "/counter_commitments/4/installments: needs \"count\" or \"last\"",
             "/counter_commitments/5/installments: cannot be split: installments: total = $0.001: must be a whole number of minor units ($0.01)",
             "/counter_commitments/6/installments: cannot be split: installments_between: last = 2025-01-01: must not be before first (2026-01-01)",
             "/counter_commitments/7/installments/frequency = \"daily\": must be a frequency: one of monthly, quarterly, semiannual, yearly",
             "/counter_commitments/7/installments/count = 0: must be a JSON integer from 1 to 1000000",
             "/counter_commitments/7/installments/total = -$1,000,000,000.00: must be positive",
         }},
        {"a fully diluted basis object states all four flags",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}], "basis": {"granted_options": true}}, {"name": "B", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}], "basis": {"granted_options": true, "unallocated_pool": false, "warrants": false, "convertibles": false}, "option_pool": {"target": "1/10", "top_up": "Plan"}}]})json",
         {
             "/priced_rounds/0/basis/unallocated_pool: is required",
             "/priced_rounds/0/basis/warrants: is required",
             "/priced_rounds/0/basis/convertibles: is required",
         }},
        {"the chain: a later round's problems, each at its member (an amount, the pool, the basis)",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}, {"name": "Series B", "series": "Series B", "pre_money": "-$3M", "investors": [{"holder": "fund2", "amount": "$2M"}, {"holder": "fund", "amount": "-$1"}], "new_investors": [{"id": "fund2", "name": "Fund Two"}], "option_pool": {"target": "1/10", "top_up": "Nope"}, "basis": "issued_and_granted"}]})json",
         {
             "/priced_rounds/1/investors/1/amount = -$1.00: must be positive (the round does not apply to the cap table after /priced_rounds/0)",
             "/priced_rounds/1/pre_money = -$3,000,000.00: must be positive (the round does not apply to the cap table after /priced_rounds/0)",
             "/priced_rounds/1/option_pool/top_up = \"Nope\": is not a pool on the cap table (its pools: \"Plan\"); to create it in the round, use new_pool() (in a deal file, option_pool's \"create\") (the round does not apply to the cap table after /priced_rounds/0)",
             "/priced_rounds/1/basis = issued + granted options: a pool target is a fraction of a fully diluted count that includes the unallocated pool (the round does not apply to the cap table after /priced_rounds/0)",
         }},
        {"the chain: a near-duplicate investor name in a later round",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}, {"name": "Series C", "series": "Series A Pref", "pre_money": "$8M", "investors": [{"holder": "fund3", "amount": "$1M"}], "new_investors": [{"id": "fund3", "name": "fund"}]}]})json",
         {
             "/priced_rounds/1/new_investors/0/name = \"fund\": nearly duplicates /priced_rounds/0/new_investors/0 \"Fund\" (ids \"fund\" and \"fund3\"); use one holder, or declare the two distinct (the round does not apply to the cap table after /priced_rounds/0)",
         }},
    };
    check_bad_files(files);
}

TEST_CASE("deal file: the type and form of every member, and the chain's other ways to fail") {
    const std::vector<bad_file> files = {
        {"every list must be an array, every element an object",
         R"json({"fundround_deal": 1, "rounds": {}, "priced_rounds": 5, "safes": "x", "scenarios": null, "counter_commitments": [1]})json",
         {
             "/rounds = {}: must be an array of rounds, not an object",
             "/priced_rounds = 5: must be an array of priced rounds, not a number",
             "/safes = \"x\": must be an array of SAFEs, not a string",
             "/scenarios = null: must be an array of scenarios, not null",
             "/counter_commitments/0 = 1: must be an object (a counter-commitment), not a number",
         }},
        {"a priced round: each member's type and form",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": null, "investors": [3, {"amount": "$1M"}], "new_investors": {}, "basis": 5, "option_pool": [], "price_rounding": "4", "pool_rounding": 1, "cash_rounding": "up", "price_per_share": {"amount": "$0", "shares": 0}}]})json",
         {
             "/priced_rounds/0/pre_money = null: must be an amount string such as \"15000000000 USD\", not null",
             "/priced_rounds/0/price_per_share/amount = $0.00: must be positive",
             "/priced_rounds/0/price_per_share/shares = 0: must be positive",
             "/priced_rounds/0 = pre_money, price_per_share: must give exactly one figure that fixes the price",
             "/priced_rounds/0/basis = 5: must be a fully diluted basis (a preset name or an object), not a number",
             "/priced_rounds/0/investors/0 = 3: must be an object (an investment), not a number",
             "/priced_rounds/0/investors/1/holder: is required",
             "/priced_rounds/0/new_investors = {}: must be an array of holders, not an object",
             "/priced_rounds/0/option_pool = []: must be an object (an option pool target), not an array",
             "/priced_rounds/0/price_rounding = \"4\": must be an object (a price rounding), not a string",
             "/priced_rounds/0/pool_rounding = 1: must be a rounding mode name (exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even), not a number",
             "/priced_rounds/0/cash_rounding = \"up\": must be a rounding mode: one of exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even",
         }},
        {"SAFEs and notes: required members, nested terms",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "safes": [{}], "notes": [{"holder": "angel", "principal": "$1M", "issue_date": "2025-01-01", "maturity_date": "2026-01-01", "annual_rate": "8/100", "at_maturity": "x", "at_change_of_control": {"principal_multiple": "2x", "principal_plus_interest": 1}}]})json",
         {
             "/safes/0/holder: is required",
             "/safes/0/purchase_amount: is required",
             "/safes/0/date: is required",
             "/notes/0/at_maturity = \"x\": must be an object (maturity terms), not a string",
             "/notes/0/at_change_of_control/principal_multiple = \"2x\": is not a fraction such as \"5/84\" or a decimal (unexpected 'x'; expected a decimal number such as 0.7 or 70%)",
             "/notes/0/at_change_of_control/principal_plus_interest = 1: must be true or false, not a number",
         }},
        {"scenarios: milestones an array of objects",
         R"json({"fundround_deal": 1, "scenarios": [{"name": "s", "milestones": {}}, {"name": "t", "milestones": [3]}]})json",
         {
             "/scenarios/0/milestones = {}: must be an array of milestone outcomes, not an object",
             "/scenarios/1/milestones/0 = 3: must be an object (a milestone outcome), not a number",
         }},
        {"counter-commitments: flows, installments, a total that overflows",
         R"json({"fundround_deal": 1, "counter_commitments": [{"name": "a", "counterparty": "A", "flows": {}}, {"name": "b", "counterparty": "A", "flows": [7]}, {"name": "c", "counterparty": "A", "installments": []}, {"name": "d", "counterparty": "A", "installments": {"total": "$1B", "first": "2026-01-01", "count": 2, "last": "2027-01-01", "frequency": "yearly"}}, {"name": "e", "counterparty": "A", "installments": {"total": "$1B", "first": "2026-01-01", "last": "2027-02-30", "frequency": "yearly"}}, {"name": "f", "counterparty": "A", "flows": [{"date": "2026-01-01", "amount": "9000000000000000 USD"}, {"date": "2026-01-02", "amount": "9000000000000000 USD"}]}]})json",
         {
             "/counter_commitments/0/flows = {}: must be an array of payments, not an object",
             "/counter_commitments/1/flows/0 = 7: must be an object (a payment), not a number",
             "/counter_commitments/2/installments = []: must be an object (an installment plan), not an array",
             "/counter_commitments/3/installments: must give \"count\" or \"last\", not both",
             "/counter_commitments/4/installments/last = \"2027-02-30\": is not a valid calendar date",
             "/counter_commitments/5/flows: cannot be totalled: counter_commitment \"f\": flows[1].amount = $9,000,000,000,000,000.00: takes the total past $9,223,372,036,854,775.807, the largest amount (those before it total $9,000,000,000,000,000.00)",
         }},
        {"the chain: a rounding that meets an inexact figure (an exception of the pricing)",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 100000}]}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$7M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}], "share_rounding": "exact"}]})json",
         {
             "/priced_rounds/0/investors/0 = 2200000/7: shares: is not whole, and its rounding is rounding::exact (the round does not apply to the cap table before the rounds)",
         }},
        {"the chain: a problem about what the file does not spell out (the fully diluted base) at the round, naming it in words",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [], "pools": []}, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "new_investors": [{"id": "fund", "name": "Fund", "kind": "investor"}]}]})json",
         {
             "/priced_rounds/0 = 0: the fully diluted shares its basis (\"full\") counts on the table before it: must be positive (the round does not apply to the cap table before the rounds)",
         }},
    };
    check_bad_files(files);
}

TEST_CASE("deal file: text that is not JSON is one problem at the root") {
    try {
        (void)parse_deal_file("{\"fundround_deal\": 1,");
        FAIL_CHECK("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.empty());
        CHECK(e.problems()[0].rule.rfind("is not valid JSON: [json.exception.parse_error.101]", 0) == 0);
        CHECK(std::string(e.what()).rfind("deal file is invalid: 1 problem\n  - (root): is not valid JSON: ", 0) == 0);
    }
    // Invalid UTF-8: the bytes nlohmann quotes are escaped, so the message is valid UTF-8 (review
    // of 2026-12-05, second round: the raw byte reached standard error).
    try {
        (void)parse_deal_file("{\"fundround_deal\": 1, \"company\": \"Small \xff\xfe\"}");
        FAIL_CHECK("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        const std::string& rule = e.problems()[0].rule;
        CHECK(rule.find("ill-formed UTF-8 byte") != std::string::npos);
        CHECK(rule.find("Small \\xFF") != std::string::npos);
        CHECK(detail::visible_utf8_text(rule) == rule);  // nothing left to escape: valid UTF-8, one line
    }
    // A number nlohmann cannot hold is its out_of_range error, not a parse_error (found by
    // fuzz_deal_file: corpus/deal_file/broken_number_overflow).
    try {
        (void)parse_deal_file("{\"fundround_deal\": 1e999}");
        FAIL_CHECK("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.empty());
        CHECK(e.problems()[0].rule.rfind("is not valid JSON: [json.exception.out_of_range.406] number overflow", 0) == 0);
    }
}

// Found by review: a holding written `"shares": 4000000, "shares": 5` read as 5 shares (the last
// one, nlohmann::json's choice) with no problem reported.
TEST_CASE("deal file: a member given twice is reported at its pointer, not read") {
    std::string text = example("reference_round.json");
    const std::string name = "\"name\": \"Reference round, 2026\"";
    const std::size_t at = text.find(name);
    REQUIRE(at != std::string::npos);
    text.insert(at + name.size(), ", \"name\": \"Another\"");
    try {
        (void)parse_deal_file(text);
        FAIL_CHECK("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.json_pointer() == "/rounds/0/name");
        CHECK(std::string(e.what()).rfind("deal file is invalid: 1 problem\n  - /rounds/0/name", 0) == 0);
    }
}

TEST_CASE("deal file: the as-of date and the company's formation are kept, and written only when stated") {
    const deal_file d = parse_deal_file(R"({"fundround_deal": 1, "company": "Acme GmbH", "as_of": "2025-06-30",
        "formation": {"date": "2019-04-01", "country": "DE", "subdivision": "BY"}})");
    CHECK(d.as_of == year{2025} / 6 / 30);
    CHECK(d.formation_date == year{2019} / 4 / 1);
    CHECK(d.country_of_formation == "DE");
    CHECK(d.country_subdivision_of_formation == "BY");
    const std::string text = write_deal_file(d);
    CHECK(text ==
          "{\n  \"as_of\": \"2025-06-30\",\n  \"company\": \"Acme GmbH\",\n  \"counter_commitments\": [],\n  \"formation\": {\n"
          "    \"country\": \"DE\",\n    \"date\": \"2019-04-01\",\n    \"subdivision\": \"BY\"\n  },\n  \"fundround_deal\": 1,\n"
          "  \"notes\": [],\n  \"priced_rounds\": [],\n  \"rounds\": [],\n  \"safes\": [],\n  \"scenarios\": [],\n  \"valuations\": []\n}\n");
    const deal_file back = parse_deal_file(text);
    CHECK(back.as_of == d.as_of);
    CHECK(back.formation_date == d.formation_date);
    CHECK(back.country_of_formation == d.country_of_formation);
    CHECK(back.country_subdivision_of_formation == d.country_subdivision_of_formation);
    // Only the country: the formation holds only it; nothing stated: neither member is written.
    deal_file c;
    c.country_of_formation = "US";
    CHECK(write_deal_file(c).find("\"formation\": {\n    \"country\": \"US\"\n  }") != std::string::npos);
    const std::string none = write_deal_file(deal_file());
    CHECK(none.find("as_of") == std::string::npos);
    CHECK(none.find("formation") == std::string::npos);
}

TEST_CASE("deal file: round(name) names the rounds there are") {
    const deal_file d = parse_deal_file(example("reference_round.json"));
    CHECK(d.round("Reference round, 2026").post_money() == 840_B);
    CHECK_THROWS_WITH_AS((void)d.round("Series Z"),
                         "round = \"Series Z\": not in the deal file (its rounds: \"Reference round, 2026\")", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)deal_file().round("x"), "round = \"x\": not in the deal file (its rounds: none)",
                         invalid_argument_error);
}

// A SAFE or note whose amounts are in another currency than the cap table's is a problem when the
// file is read, at each amount's pointer (not an exit-time "does not apply"); a cap in another
// currency than its own purchase amount is reported once, by the SAFE's own rule.
TEST_CASE("deal file: SAFE and note amounts in another currency than the cap table's") {
    const std::string table =
        R"("cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}, {"id": "bank", "name": "Bank"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]})";
    const std::string eur_safe = R"({"fundround_deal": 1, )" + table +
                                 R"(, "safes": [{"holder": "angel", "purchase_amount": "EUR 1M", "date": "2025-01-15", "valuation_cap": "EUR 5M"}, {"holder": "angel", "purchase_amount": "$1M", "date": "2025-01-15", "valuation_cap": "EUR 5M"}, {"holder": "angel", "purchase_amount": "1M", "date": "2025-01-15", "valuation_cap": "5M"}], "notes": [{"holder": "bank", "principal": "EUR 500K", "issue_date": "2025-01-01", "maturity_date": "2027-01-01", "annual_rate": "8/100", "valuation_cap": "EUR 6M", "qualified_financing": "EUR 1M", "at_maturity": {"conversion_valuation": "EUR 6M", "share_class": "Common", "elected_by": "holder"}}, {"holder": "bank", "principal": "$500K", "issue_date": "2025-01-01", "maturity_date": "2027-01-01", "annual_rate": "8/100", "qualified_financing": "GBP 1M", "date": 1}]})";
    const std::vector<bad_file> files = {
        {"EUR amounts on a USD cap table", eur_safe.c_str(),
         {
             "/safes/0/purchase_amount = €1,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/safes/0/valuation_cap = €5,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/safes/1/valuation_cap = €5,000,000.00: must be in USD, the purchase amount's currency",
             "/notes/0/principal = €500,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/notes/0/valuation_cap = €6,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/notes/0/qualified_financing = €1,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/notes/0/at_maturity/conversion_valuation = €6,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/notes/1/date: is not a member of a convertible note; expected holder, principal, issue_date, maturity_date, annual_rate, method, period, day_count, interest_rounding, interest_accrues, valuation_cap, discount, cap_form, pool_increase, cap_basis, qualified_financing, at_maturity, at_change_of_control",
             "/notes/1/qualified_financing = £1,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
         }},
    };
    check_bad_files(files);

    // The same rule on values, for a deal made another way (an OCF import): every amount.
    safe s;
    s.holder = holder_id("angel");
    s.purchase_amount = money::from_units(1000000000, currency("EUR"));
    s.date = year{2025} / 1 / 15;
    s.valuation_cap = money::from_units(5000000000, currency("EUR"));
    std::vector<std::string> lines;
    for (const diagnostic& d : instrument_currency_problems({s}, {}, currency("USD"))) lines.push_back(d.message());
    CHECK(lines == std::vector<std::string>{"safes[0].purchase_amount = €1,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
                                            "safes[0].valuation_cap = €5,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"});
    CHECK(instrument_currency_problems({s}, {}, currency("EUR")).empty());
}

TEST_CASE("deal file: a fixed-percentage SAFE, read, written and read back; the rules it breaks named at their pointers") {
    const std::string head =
        R"({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "yc", "name": "YC"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 10000000}]}, "safes": [{"holder": "yc", "purchase_amount": "$125K", "date": "2026-01-05")";
    // YC's "$125K for 7%" (ycombinator.com/deal).
    const deal_file d = parse_deal_file(head + R"(, "fixed_percentage": "7/100"}]})");
    REQUIRE(d.safes.size() == 1);
    CHECK(d.safes[0].type() == safe_type::fixed_percentage);
    CHECK(d.safes[0].fixed_percentage == fraction(7, 100));
    const std::string text = write_deal_file(d);
    CHECK(text.find("\"fixed_percentage\": \"7/100\"") != std::string::npos);
    CHECK(parse_deal_file(text).safes[0].fixed_percentage == fraction(7, 100));
    check_round_trip(d);
    // Out of range, or with a cap and MFN: each problem at its pointer.
    CHECK(problems_of(json::parse(head + R"(, "fixed_percentage": "1"}]})")) ==
          std::vector<std::string>{"/safes/0/fixed_percentage = 1 (100.0000%): must be above 0% and below 100%"});
    CHECK(problems_of(json::parse(head + R"(, "fixed_percentage": "7/100", "valuation_cap": "$2M", "mfn": true}]})")) ==
          std::vector<std::string>{
              "/safes/0/valuation_cap = $2,000,000.00: a fixed-percentage SAFE (7/100 (7.0000%) of the Company Capitalization) has no "
              "valuation cap: remove one of the two",
              "/safes/0/mfn = true: a fixed-percentage SAFE (7/100 (7.0000%) of the Company Capitalization) has no MFN clause: remove "
              "one of the two"});
}

TEST_CASE("deal file: a note's interest_accrues, read, written and read back; its default; values it refuses") {
    const std::string head =
        R"({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "bank", "name": "Bank"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]}, "notes": [{"holder": "bank", "principal": "$250K", "issue_date": "2024-01-01", "maturity_date": "2024-07-01", "annual_rate": "8/100")";
    // Stated "to_maturity": read, written as such, read back the same (interest to 2024-07-01,
    // 182 days, on any later date: 250,000 x 8% x 182/365 = $9,972.603).
    const deal_file d = parse_deal_file(head + R"(, "interest_accrues": "to_maturity"}]})");
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].interest_accrues == note_interest_accrual::to_maturity);
    CHECK(d.notes[0].accrued_interest(year{2025} / 1 / 1) == money::from_units(9'972'603));
    const std::string text = write_deal_file(d);
    CHECK(text.find("\"interest_accrues\": \"to_maturity\"") != std::string::npos);
    CHECK(parse_deal_file(text).notes[0].interest_accrues == note_interest_accrual::to_maturity);
    check_round_trip(d);
    // Left out: to the conversion date, written out by name (every term is written).
    const deal_file plain = parse_deal_file(head + "}]}");
    CHECK(plain.notes[0].interest_accrues == note_interest_accrual::to_conversion_date);
    CHECK(plain.notes[0].accrued_interest(year{2025} / 1 / 1) == money::from_units(20'054'795));
    CHECK(write_deal_file(plain).find("\"interest_accrues\": \"to_conversion_date\"") != std::string::npos);
    check_round_trip(plain);
    // Values it refuses: each at its pointer, with the value and the rule.
    CHECK(problems_of(json::parse(head + R"(, "interest_accrues": "at_maturity"}]})")) ==
          std::vector<std::string>{"/notes/0/interest_accrues = \"at_maturity\": must be an interest accrual: one of to_conversion_date, to_maturity"});
    CHECK(problems_of(json::parse(head + R"(, "interest_accrues": true}]})")) ==
          std::vector<std::string>{"/notes/0/interest_accrues = true: must be an interest accrual name (to_conversion_date, to_maturity), not a boolean"});
}

TEST_CASE("deal file: a note's cap_basis, read, written and read back; left out when absent; what it refuses") {
    const std::string head =
        R"({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "bank", "name": "Bank"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]}, "notes": [{"holder": "bank", "principal": "$250K", "issue_date": "2024-01-01", "maturity_date": "2024-07-01", "annual_rate": "8/100", "valuation_cap": "$3M")";
    const deal_file d = parse_deal_file(head + R"(, "cap_basis": "issued_and_granted"}]})");
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].cap_basis == fully_diluted_basis::issued_and_granted());
    const std::string text = write_deal_file(d);
    CHECK(text.find("\"cap_basis\": \"issued_and_granted\"") != std::string::npos);
    CHECK(parse_deal_file(text).notes[0].cap_basis == fully_diluted_basis::issued_and_granted());
    check_round_trip(d);
    const deal_file custom =
        parse_deal_file(head + R"(, "cap_basis": {"granted_options": true, "unallocated_pool": false, "warrants": true, "convertibles": false}}]})");
    CHECK(custom.notes[0].cap_basis == fully_diluted_basis{true, false, true, false});
    check_round_trip(custom);
    const deal_file plain = parse_deal_file(head + "}]}");
    CHECK(!plain.notes[0].cap_basis);
    CHECK(write_deal_file(plain).find("cap_basis") == std::string::npos);
    CHECK(problems_of(json::parse(head + R"(, "cap_basis": "issued"}]})")) ==
          std::vector<std::string>{"/notes/0/cap_basis = \"issued\": must be a fully diluted basis: one of outstanding, issued_and_granted, full, full_with_convertibles"});
    CHECK(problems_of(json::parse(head + R"(, "cap_form": "post_money", "cap_basis": "outstanding"}]})")) ==
          std::vector<std::string>{"/notes/0/cap_basis = outstanding (issued): needs a pre-money cap_form (a post-money cap divides the capitalization after the round)"});
}

// A preferred class whose preference (or participation cap), multiple x original issue price x
// issued shares, is beyond the amount range is a problem at its multiple when the file is read:
// no exit can pay it (before: a fraction overflow when the waterfall was evaluated).
TEST_CASE("deal file: a preference or cap beyond the amount range is a problem at its multiple") {
    const std::string doc =
        R"({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "fund", "name": "Fund"}], "classes": [{"name": "Common", "kind": "common"}, {"name": "Seed", "kind": "preferred", "original_issue_price": {"amount": "1 USD", "shares": 1}, "terms": {"multiple": "1000000000000000000000000"}}, {"name": "Series A", "kind": "preferred", "original_issue_price": {"amount": "2 USD", "shares": 1}, "terms": {"multiple": "1", "participation": {"kind": "capped", "cap_multiple": "4611686018427388"}}}, {"name": "Series B", "kind": "preferred", "original_issue_price": {"amount": "1 USD", "shares": 1}, "terms": {"multiple": "4611686018427387"}}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}, {"holder": "fund", "share_class": "Seed", "shares": 2000000}, {"holder": "fund", "share_class": "Series A", "shares": 1}, {"holder": "fund", "share_class": "Series B", "shares": 2}]}})";
    // Series B: 4611686018427387 x 1000 mills x 2 = 9223372036854774000 mills, in range.
    check_bad_files({{"a preference and a cap out of range", doc.c_str(),
                      {
                          "/cap_table/classes/1/terms/multiple = 1000000000000000000000000: makes the class's preference, the multiple x the original issue price $1.0000 x its 2000000 issued shares, exceed the amount range (64-bit thousandths of a unit): no exit can pay it",
                          "/cap_table/classes/2/terms/participation/cap_multiple = 4611686018427388: makes the class's participation cap, the multiple x the original issue price $2.0000 x its 1 issued shares, exceed the amount range (64-bit thousandths of a unit): no exit can pay it",
                      }}});
}

// Found in the tenth session's hostile review: a priced round's "liquidation" multiple (or cap)
// making its series' preference exceed the amount range read, and the chain ran; only a
// waterfall after the round failed, without a pointer ("the exact payouts at this exit
// overflow"). The same terms on a cap table class are refused at their multiple (above).
TEST_CASE("deal file: a priced round whose series' preference or cap is beyond the amount range is a problem at its multiple") {
    // Series A: $1.2000 a share ($12M over 10,000,000 shares), $4M buys 3,333,333 shares;
    // Series B: $0.9000 ($12M over 13,333,333, to 4 decimals), $4M buys 4,444,444. 10^23 x 1200
    // mills x 3,333,333 and 4611686018427388 x 900 mills x 4,444,444 are beyond 2^63 - 1 mills.
    const std::string table =
        R"("cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 10000000}]})";
    const auto round = [](const std::string& name, const std::string& liquidation) {
        return R"({"name": ")" + name + R"(", "series": ")" + name + R"( Preferred", "liquidation": )" + liquidation +
               R"(, "pre_money": "$12M", "price_rounding": {"decimals": 4, "mode": "half_even"}, "investors": [{"holder": "fund", "amount": "$4M"}]})";
    };
    json parsed = json::parse(R"({"fundround_deal": 1, )" + table + R"(, "priced_rounds": [)" +
                              round("Series A", R"({"multiple": "100000000000000000000000"})") + ", " +
                              round("Series B", R"({"multiple": "1", "participation": {"kind": "capped", "cap_multiple": "4611686018427388"}})") +
                              "]}");
    parsed["priced_rounds"][0]["new_investors"] = json::parse(R"([{"id": "fund", "name": "Fund", "kind": "investor"}])");
    const std::string text = parsed.dump();
    check_bad_files({{"a priced round's preference and cap out of range", text.c_str(),
                      {
                          "/priced_rounds/0/liquidation/multiple = 100000000000000000000000: makes the preference of \"Series A Preferred\", the series /priced_rounds/0 creates, the multiple x the original issue price $1.2000 x its 3333333 issued shares, exceed the amount range (64-bit thousandths of a unit): no exit can pay it",
                          "/priced_rounds/1/liquidation/participation/cap_multiple = 4611686018427388: makes the participation cap of \"Series B Preferred\", the series /priced_rounds/1 creates, the multiple x the original issue price $0.9000 x its 4444444 issued shares, exceed the amount range (64-bit thousandths of a unit): no exit can pay it",
                      }}});
    // In range: the same rounds at 2x, read.
    json fine = parsed;
    fine["priced_rounds"][0]["liquidation"]["multiple"] = "2";
    fine["priced_rounds"][1]["liquidation"]["participation"]["cap_multiple"] = "3";
    CHECK_NOTHROW((void)parse_deal_file(fine.dump()));
}

// A holder, class or pool the file has but that does not read is reported once, for its own
// problem: the holdings, pools, grants and warrants that name it are not also "not on the cap
// table" (before: every reference to it was a second, wrong problem).
TEST_CASE("deal file: a reference to a holder, class or pool with problems of its own is not reported again") {
    const std::vector<bad_file> files = {
        {"a preferred class with a negative multiple, a holder without a valid kind, a pool of a class with an unknown member",
         R"json({"fundround_deal": 1, "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": null}, {"id": "seed", "name": "Seed Fund", "kind": "investor"}, {"id": "eve", "name": "Eve", "kind": "employee"}], "classes": [{"name": "Common", "kind": "common", "terms": {"multiple": "2"}}, {"name": "Seed Preferred", "kind": "preferred", "original_issue_price": {"amount": "1 USD", "shares": 1}, "terms": {"multiple": "-1"}}, {"name": "Options", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 4000000}, {"holder": "seed", "share_class": "Seed Preferred", "shares": 2000000}, {"holder": "nobody", "share_class": "Series Z", "shares": 1}], "pools": [{"name": "Plan", "share_class": "Common", "authorized": 1000000}, {"name": "Other", "share_class": "Options", "authorized": -5}], "grants": [{"holder": "eve", "pool": "Plan", "shares": 250000, "exercise_price": {"amount": "0.25 USD", "shares": 1}}, {"holder": "eve", "pool": "Other", "shares": 1, "exercise_price": {"amount": "0.25 USD", "shares": 1}}], "warrants": [{"holder": "ada", "share_class": "Seed Preferred", "shares": 10, "exercise_price": {"amount": "1 USD", "shares": 1}}], "declared_distinct": [["ada", "seed"]]}})json",
         {
             "/cap_table/holders/0/kind = null: must be a holder kind name (founder, employee, investor, advisor, other), not null",
             "/cap_table/classes/0/terms: is not a member of a common class",
             "/cap_table/classes/1/terms/multiple = -1: must not be negative",
             "/cap_table/pools/1/authorized = -5: must be positive",
             "/cap_table/holdings/2/holder = \"nobody\": is not a holder on the cap table",
             "/cap_table/holdings/2/share_class = \"Series Z\": is not a share class on the cap table",
         }},
    };
    check_bad_files(files);
}

// A funding round is named as a priced round is (before: an empty or absent name read, and
// printed as " (USD), closing ..."); an empty all_of is a problem saying how to write a tranche
// at close (before: silently "at close"), and so is an empty any_of (before: "can never be met"
// from the round, and only when every other tranche of the investor read). A post-money that
// counts the tranche not read is not compared with the rest (it would repeat the problem).
TEST_CASE("deal file: a funding round's name, and an empty all_of or any_of") {
    const std::vector<bad_file> files = {
        {"empty and absent round names; empty all_of and any_of",
         R"json({"fundround_deal": 1, "rounds": [{"name": "", "pre_money": "1M", "close_date": "2026-01-01", "investors": [{"name": "F", "commitment": "1M"}]}, {"pre_money": "1M", "post_money": "35003M", "close_date": "2026-01-01", "investors": [{"name": "F", "tranches": [{"amount": "1M"}, {"amount": "35B", "condition": {"kind": "all_of", "parts": []}}, {"amount": "1M", "condition": {"kind": "any_of", "parts": []}}]}]}]})json",
         {
             "/rounds/0/name = \"\": must not be empty: rounds are named in reports",
             "/rounds/1/name: is required: rounds are named on the command line and in reports",
             "/rounds/1/investors/0/tranches/1/condition/parts = []: must hold at least one condition: for a tranche paid at close, leave \"condition\" out (or write {\"kind\": \"always\"})",
             "/rounds/1/investors/0/tranches/2/condition/parts = []: must hold at least one condition: an any_of without parts is never met",
         }},
    };
    check_bad_files(files);
}

// "all_outstanding" that resolves to nothing is a problem, as an empty list of pointers is
// (before: the round silently converted nothing): a close before every instrument's date, every
// instrument converted by an earlier round, a file without SAFEs or notes.
TEST_CASE("deal file: \"all_outstanding\" converting nothing is a problem, as [] is") {
    const std::string table =
        R"("cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}, {"id": "fund", "name": "Fund"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]})";
    const std::string round_a = R"({"name": "Series A", "series": "Series A", "pre_money": "$8M", "investors": [{"holder": "fund", "amount": "$2M"}], "converts": "all_outstanding", "close_date": ")";
    const std::string round_b = R"({"name": "Series B", "series": "Series B", "pre_money": "$20M", "investors": [{"holder": "fund", "amount": "$5M"}], "converts": "all_outstanding", "close_date": "2027-01-01"})";
    const std::string safe = R"("safes": [{"holder": "angel", "purchase_amount": "$500K", "date": "2025-03-01", "valuation_cap": "$5M"}])";
    const std::string before_safe = R"({"fundround_deal": 1, )" + table + ", " + safe + R"(, "priced_rounds": [)" + round_a + R"(2000-01-01"}]})";
    const std::string converted_earlier = R"({"fundround_deal": 1, )" + table + ", " + safe + R"(, "priced_rounds": [)" + round_a + R"(2026-01-01"}, )" + round_b + "]}";
    const std::string no_instruments = R"({"fundround_deal": 1, )" + table + R"(, "priced_rounds": [)" + round_a + R"(2026-01-01"}]})";
    check_bad_files({
        {"a close before every instrument", before_safe.c_str(),
         {"/priced_rounds/0/converts = \"all_outstanding\": converts nothing: every SAFE and note is dated after the close 2000-01-01 or converted by an earlier round (leave \"converts\" out, or check the close_date)"}},
        {"every instrument converted by an earlier round", converted_earlier.c_str(),
         {"/priced_rounds/1/converts = \"all_outstanding\": converts nothing: every SAFE and note is dated after the close 2027-01-01 or converted by an earlier round (leave \"converts\" out, or check the close_date)"}},
        {"no SAFEs or notes", no_instruments.c_str(),
         {"/priced_rounds/0/converts = \"all_outstanding\": converts nothing: the file has no SAFEs or notes (leave \"converts\" out)"}},
    });
}

// A priced round's amounts in another currency than the cap table's are problems when the file
// is read, each at its pointer with its amount (before: the chain blamed the valid USD pre-money
// with "must be in EUR" and printed the investment as "amount = EUR"); a holder a chain problem
// names is named by its pointer (before: "holders[4]", the library's numbering).
TEST_CASE("deal file: a priced round's currencies, and the holders its problems name") {
    const std::string table =
        R"("cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}]})";
    const std::string eur = R"({"fundround_deal": 1, )" + table +
                            R"(, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$12M", "investors": [{"holder": "a-fund", "amount": "EUR 4M"}], "new_investors": [{"id": "a-fund", "name": "A Fund", "kind": "investor"}]}, {"name": "Series B", "series": "Series B", "post_money": "EUR 60M", "investors": [{"holder": "a-fund", "amount": "$1M"}]}, {"name": "Series C", "series": "Series C", "price_per_share": {"amount": "2 GBP", "shares": 1}, "investors": [{"holder": "a-fund", "amount": "$1M"}]}]})";
    const std::string same_name = R"({"fundround_deal": 1, )" + table +
                                  R"(, "priced_rounds": [{"name": "Series A", "series": "Series A", "pre_money": "$12M", "investors": [{"holder": "a-fund", "amount": "$4M"}], "new_investors": [{"id": "a-fund", "name": "Angel", "kind": "investor"}]}]})";
    check_bad_files({
        {"amounts in EUR and GBP on a USD table", eur.c_str(),
         {
             "/priced_rounds/0/investors/0/amount = €4,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/priced_rounds/1/post_money = €60,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
             "/priced_rounds/2/price_per_share = £2.0000: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
         }},
        {"a new investor with a holder's name", same_name.c_str(),
         {"/priced_rounds/0/new_investors/0/name = \"Angel\": is the same name as /cap_table/holders/1 \"Angel\" (ids \"angel\" and \"a-fund\"); use one holder, or declare the two distinct (the round does not apply to the cap table before the rounds)"}},
    });
}

// Pillar VC, "Founder Playlist, Part 1: Increase to Option Pool"
// (https://www.pillar.vc/playlist/article/part-1-increase-to-option-pool/): founders hold
// 10,000,000 shares and no pool; $5M on a $10M pre-money with a 10% pool created in the
// pre-money: $0.85, a pool of 1,764,706, the VC 33.33%, the founders 56.67%, the pool 10.00% of
// 17,647,058. Round 2 tops the new pool up ($10M on $30M, 15% in the pre-money: 2,205,882 more).
TEST_CASE("deal file: a priced round that creates the company's first option pool, read, run, written and read back") {
    const std::string table =
        R"("cap_table": {"currency": "USD", "holders": [{"id": "f", "name": "Founders", "kind": "founder"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "f", "share_class": "Common", "shares": 10000000}]})";
    const std::string series_a =
        R"({"name": "Series A", "series": "Series A Preferred", "pre_money": "$10M", "investors": [{"holder": "vc", "amount": "$5M"}], "new_investors": [{"id": "vc", "name": "VC", "kind": "investor"}], "option_pool": {"target": "10%", "create": "2027 Plan", "share_class": "Common"}})";
    const std::string text = R"({"fundround_deal": 1, )" + table + R"(, "priced_rounds": [)" + series_a +
                             R"(, {"name": "Series B", "series": "Series B Preferred", "pre_money": "$30M", "investors": [{"holder": "growth", "amount": "$10M"}], "new_investors": [{"id": "growth", "name": "Growth Fund", "kind": "investor"}], "option_pool": {"target": "15%", "top_up": "2027 Plan"}}]})";
    const deal_file d = parse_deal_file(text);
    REQUIRE(d.priced_rounds.size() == 2);
    CHECK(d.priced_rounds[0].pool() == std::optional<std::string>("2027 Plan"));
    CHECK(d.priced_rounds[0].new_pool_class() == std::optional<std::string>("Common"));
    CHECK_FALSE(d.priced_rounds[1].new_pool_class());
    const round_chain_result chain = d.chain(2).run();
    REQUIRE(chain.rounds().size() == 2);
    const round_on_cap_table& a = chain.rounds()[0];
    CHECK(a.pool_created());
    CHECK(a.pricing().exact_price_units() == fraction(850));  // $0.85
    CHECK(a.after().pools() == std::vector<option_pool>{{"2027 Plan", "Common", share_count(1'764'706)}});
    CHECK(a.after().fully_diluted().total() == share_count(17'647'058));
    CHECK(a.change_of(holder_id("vc")).ownership_after.to_percent_string(2) == "33.33%");
    CHECK(a.change_of(holder_id("f")).ownership_after.to_percent_string(2) == "56.67%");
    CHECK(a.pool_ownership_after().to_percent_string(2) == "10.00%");
    CHECK(chain.rounds()[1].pricing().pool_increase() == share_count(2'205'882));
    CHECK(chain.final_table().pools() == std::vector<option_pool>{{"2027 Plan", "Common", share_count(3'970'588)}});
    // Written back as it was read: "create" and "share_class", not "top_up".
    const json written = json::parse(write_deal_file(d));
    CHECK(written["priced_rounds"][0]["option_pool"] ==
          json{{"target", "1/10"}, {"placement", "pre_money"}, {"target_basis", "includes_existing_pool"}, {"create", "2027 Plan"}, {"share_class", "Common"}});
    CHECK(written["priced_rounds"][1]["option_pool"]["top_up"] == "2027 Plan");
    check_round_trip(d);
    check_equal_after_round_trip(d);

    // The problems, at their pointers: a pool already on the table (never a silent top-up; the
    // chain stops there, before round 2's misspelt top-up), top_up and create together, create
    // without its class, a class without create (create in a round with conversions: the next test).
    const std::string twice = R"({"fundround_deal": 1, )" + table + R"(, "priced_rounds": [)" + series_a + ", " +
                              R"({"name": "Series B", "series": "Series B Preferred", "pre_money": "$30M", "investors": [{"holder": "vc", "amount": "$1M"}], "option_pool": {"target": "15%", "create": "2027 Plan", "share_class": "Common"}}, )" +
                              R"({"name": "Series C", "series": "Series C Preferred", "pre_money": "$90M", "investors": [{"holder": "vc", "amount": "$1M"}], "option_pool": {"target": "15%", "top_up": "2027 plan"}}]})";
    const std::string bad = R"({"fundround_deal": 1, )" + table +
                            R"(, "priced_rounds": [{"name": "A", "series": "A", "pre_money": "$10M", "investors": [{"holder": "f", "amount": "$1M"}], "option_pool": {"target": "10%", "create": "Plan", "share_class": "Common", "top_up": "Plan"}}, {"name": "B", "series": "B", "pre_money": "$10M", "investors": [{"holder": "f", "amount": "$1M"}], "option_pool": {"target": "10%", "create": "Plan"}}, {"name": "C", "series": "C", "pre_money": "$10M", "investors": [{"holder": "f", "amount": "$1M"}], "option_pool": {"target": "10%", "top_up": "Plan", "share_class": "Common"}}]})";
    check_bad_files({
        {"a round creating a pool already on the table", twice.c_str(),
         {
             "/priced_rounds/1/option_pool/create = \"2027 Plan\": is already a pool on the cap table (pools[0]): top it up with top_up_pool() (the round does not apply to the cap table after /priced_rounds/0)",
         }},
        {"create with top_up, without share_class, share_class alone", bad.c_str(),
         {
             "/priced_rounds/0/option_pool = top_up and create: names a pool to top up and one to create: give one of the two",
             "/priced_rounds/1/option_pool/share_class: is required",
             "/priced_rounds/2/option_pool/share_class = \"Common\": is the class of a pool the round creates: give it only with create",
         }},
    });
}

// A seed company's SAFEs convert in a Series A that creates its first pool ("converts" with
// option_pool "create"; a deal file reported "a round with conversions (converts) tops up a pool
// on the cap table; it cannot create one"), then a Series B tops it up. By hand (test_conversion's
// worked Series A, test_cap_table_round's chain): $1.60, SAFE shares 500,000 and 250,000, the
// lead's 2,500,000, a 2027 Plan of 1,250,000 (10% of 12,500,000); Series B adds 1,562,500 to
// 2,812,500 (16% of 17,578,125).
TEST_CASE("deal file: a round converting SAFEs creates the company's first pool, read, run, written and read back") {
    const std::string table =
        R"("cap_table": {"currency": "USD", "holders": [{"id": "f", "name": "Founders", "kind": "founder"}, {"id": "a", "name": "Angel A", "kind": "investor"}, {"id": "b", "name": "Fund B", "kind": "investor"}], "classes": [{"name": "Common", "kind": "common"}], "holdings": [{"holder": "f", "share_class": "Common", "shares": 8000000}]}, "safes": [{"holder": "a", "purchase_amount": "$200K", "date": "2025-01-01", "valuation_cap": "$4M"}, {"holder": "b", "purchase_amount": "$250K", "date": "2026-01-01", "valuation_cap": "$10M"}])";
    const auto series_a = [](const std::string& pool) {
        return R"({"name": "Series A", "series": "Series A Preferred", "pre_money": "$16M", "close_date": "2027-03-01", "converts": "all_outstanding", "investors": [{"holder": "lead", "amount": "$4M"}], "new_investors": [{"id": "lead", "name": "Lead", "kind": "investor"}], "option_pool": )" +
               pool + "}";
    };
    const std::string series_b =
        R"({"name": "Series B", "series": "Series B Preferred", "pre_money": "$40M", "investors": [{"holder": "growth", "amount": "$10M"}], "new_investors": [{"id": "growth", "name": "Growth Fund", "kind": "investor"}], "option_pool": {"target": "16%", "top_up": "2027 Plan"}})";
    const std::string text = R"({"fundround_deal": 1, )" + table + R"(, "priced_rounds": [)" +
                             series_a(R"({"target": "10%", "create": "2027 Plan", "share_class": "Common"})") + ", " + series_b + "]}";
    const deal_file d = parse_deal_file(text);
    REQUIRE(d.priced_rounds.size() == 2);
    CHECK(d.priced_rounds[0].new_pool_class() == std::optional<std::string>("Common"));
    const round_chain_result chain = d.chain(2).run();
    REQUIRE(chain.rounds().size() == 2);
    REQUIRE(chain.conversion(0) != nullptr);
    const converted_round& a = *chain.conversion(0);
    CHECK(a.pool_created());
    CHECK(a.price() == price_per_share(160_usd, share_count(100)));
    CHECK(a.safe_conversion(0).shares == share_count(500'000));
    CHECK(a.safe_conversion(1).shares == share_count(250'000));
    CHECK(a.new_money().investment_of("lead").shares == share_count(2'500'000));
    CHECK(chain.rounds()[0].pool_created());
    CHECK(chain.rounds()[0].after().pools() == std::vector<option_pool>{{"2027 Plan", "Common", share_count(1'250'000)}});
    CHECK(chain.rounds()[0].pool_ownership_after() == fraction(1, 10));
    CHECK(chain.rounds()[1].pricing().pool_increase() == share_count(1'562'500));
    CHECK(chain.final_table().pools() == std::vector<option_pool>{{"2027 Plan", "Common", share_count(2'812'500)}});
    CHECK(chain.final_table().fully_diluted().total() == share_count(17'578'125));
    // Written back as it was read: "create" and "share_class" next to "converts".
    const json written = json::parse(write_deal_file(d));
    CHECK(written["priced_rounds"][0]["option_pool"] ==
          json{{"target", "1/10"}, {"placement", "pre_money"}, {"target_basis", "includes_existing_pool"}, {"create", "2027 Plan"}, {"share_class", "Common"}});
    CHECK(written["priced_rounds"][0]["converts"] == "all_outstanding");
    check_round_trip(d);
    check_equal_after_round_trip(d);

    // The problems of a converting round's new pool, at their pointers, with the round's others:
    // a class not on the table, a name already a pool (never a silent top-up), a misspelt top-up
    // naming the pools there are.
    const std::string plan = R"("pools": [{"name": "Plan", "share_class": "Common", "authorized": 100}], )";
    std::string with_plan = table;
    with_plan.insert(with_plan.find(R"("holdings")"), plan);
    const std::string bad_class = R"({"fundround_deal": 1, )" + table + R"(, "priced_rounds": [)" +
                                  series_a(R"({"target": "10%", "create": "2027 Plan", "share_class": "Comon"})") + "]}";
    const std::string taken = R"({"fundround_deal": 1, )" + with_plan + R"(, "priced_rounds": [)" +
                              series_a(R"({"target": "10%", "create": "Plan", "share_class": "Common"})") + "]}";
    const std::string misspelt = R"({"fundround_deal": 1, )" + with_plan + R"(, "priced_rounds": [)" +
                                 series_a(R"({"target": "10%", "top_up": "Plna"})") + "]}";
    check_bad_files({
        {"a converting round creating a pool of a class not on the table", bad_class.c_str(),
         {"/priced_rounds/0/option_pool/share_class = \"Comon\": is not a share class on the cap table (the round does not apply to the cap table before the rounds)"}},
        {"a converting round creating a pool already on the table", taken.c_str(),
         {"/priced_rounds/0/option_pool/create = \"Plan\": is already a pool on the cap table (pools[0]): top it up with option_pool() (in a deal file, option_pool's \"top_up\") (the round does not apply to the cap table before the rounds)"}},
        {"a converting round topping up a pool not on the table", misspelt.c_str(),
         {"/priced_rounds/0/option_pool/top_up = \"Plna\": is not a pool on the cap table (its pools: \"Plan\"); to create it in the round, use new_pool() (in a deal file, option_pool's \"create\") (the round does not apply to the cap table before the rounds)"}},
    });
}

// Amounts written without a currency code in the priced rounds, SAFEs, notes and valuations are
// in the cap table's "currency" (USD when left out) even when another member of the table has a
// problem: that problem is reported once. Before, every such amount was also "needs a currency",
// a problem the file does not have, and a SAFE in EUR on the USD table went unreported.
TEST_CASE("deal file: a cap table with a problem still gives its currency to the amounts without one") {
    const auto file = [](const std::string& currency_member) {
        return json::parse(
            R"({"fundround_deal": 1, "cap_table": {)" + currency_member +
            R"("holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}],
            "classes": [{"name": "Common", "kind": "common"}],
            "holdings": [{"holder": "ada", "share_class": "Common", "shares": 1000000}, {"holder": "nobody", "share_class": "Common", "shares": 5}]},
            "priced_rounds": [{"name": "Series A", "series": "Series A Preferred", "pre_money": "20M", "investors": [{"holder": "ada", "amount": "5M"}]}],
            "safes": [{"holder": "angel", "purchase_amount": "500K", "date": "2025-01-15", "valuation_cap": "8M"}, {"holder": "angel", "purchase_amount": "EUR 1M", "date": "2025-01-15"}],
            "notes": [{"holder": "angel", "principal": "400K", "issue_date": "2025-02-01", "maturity_date": "2027-02-01", "annual_rate": "6%"}],
            "valuations": [{"share_class": "Common", "price": {"amount": "0.10", "shares": 1}, "effective_date": "2025-01-01"}]})");
    };
    const std::string holding = "/cap_table/holdings/1/holder = \"nobody\": is not a holder on the cap table";
    CHECK(problems_of(file(R"("currency": "USD", )")) ==
          std::vector<std::string>{holding, "/safes/1/purchase_amount = €1,000,000.00: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"});
    CHECK(problems_of(file("")) == problems_of(file(R"("currency": "USD", )")));
    CHECK(problems_of(file(R"("currency": "GBP", )")) ==
          std::vector<std::string>{holding, "/safes/1/purchase_amount = €1,000,000.00: must be in GBP, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"});
}

// A priced round's liquidation terms are checked when the round is read, as a class's terms are:
// each problem once, at its member. Before, the chain found them in the table after the round,
// once per series it creates (here three: the round's own and one per SAFE's conversion price),
// suffixed "(in the cap table after the round)", and a missing accrual start at a cut pointer.
TEST_CASE("deal file: a priced round's liquidation terms are checked once, at their members") {
    const std::string liquidation =
        R"("liquidation": {"multiple": "1", "seniority": -1, "participation": {"kind": "capped", "cap_multiple": "1"}, "dividends": {"kind": "cumulative_simple", "annual_rate": "8%"}})";
    const nlohmann::json doc = json::parse(
        R"({"fundround_deal": 1,
        "cap_table": {"currency": "USD", "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "angel", "name": "Angel"}],
          "classes": [{"name": "Common", "kind": "common"}],
          "holdings": [{"holder": "ada", "share_class": "Common", "shares": 10500000}]},
        "safes": [{"holder": "angel", "purchase_amount": "$1M", "date": "2025-03-01", "valuation_cap": "$20M"},
                  {"holder": "angel", "purchase_amount": "$1M", "date": "2025-03-01", "valuation_cap": "$10M"}],
        "priced_rounds": [{"name": "Series A", "series": "Series A Preferred", "pre_money": "$30M", )" +
        liquidation + R"(,
          "investors": [{"holder": "lead", "amount": "$5M"}], "new_investors": [{"id": "lead", "name": "Lead", "kind": "investor"}],
          "converts": "all_outstanding", "close_date": "2025-12-31"}]})");
    CHECK(problems_of(doc) ==
          std::vector<std::string>{
              "/priced_rounds/0/liquidation/seniority = -1: must not be negative",
              "/priced_rounds/0/liquidation/participation/cap_multiple = 1: must be above the preference multiple 1 (the cap includes the preference)",
              "/priced_rounds/0/liquidation/dividends/accrual_start: is required for cumulative dividends",
          });
    // The same terms that are valid read and apply.
    nlohmann::json valid = doc;
    valid["priced_rounds"][0]["liquidation"] = json::parse(
        R"({"multiple": "1", "seniority": 0, "participation": {"kind": "capped", "cap_multiple": "2"}, "dividends": {"kind": "cumulative_simple", "annual_rate": "8%", "accrual_start": "2025-12-31"}})");
    json_reader reader;
    CHECK(read_deal_file(reader, valid).has_value());
    CHECK(reader.problems().empty());
}

// An enum value outside its enumerators is written "unknown", as every enum's to_string() writes
// it (the deal file's choice tables wrote "", unlike the other writers); the reader refuses it.
TEST_CASE("a choice outside its enumerators is written \"unknown\", as the other writers write it") {
    CHECK(std::string(detail::json_choice_name(static_cast<safe_form>(7), detail::json_safe_forms)) == "unknown");
    CHECK(std::string(detail::json_choice_name(safe_form::pre_money, detail::json_safe_forms)) == "pre_money");
    CHECK(std::string(detail::json_choice_name(static_cast<pool_placement>(5), detail::json_pool_placements)) == "unknown");
}

// ---------------------------------------------------------------------------------------------
// The SAFEs' and notes' ranks at an exit ("instrument_seniority", twelfth session): before, the
// file could not state them (an unknown member) and `fundround waterfall` paid the library's
// defaults (post-money SAFEs on par with the most junior preferred, notes above every class).
// ---------------------------------------------------------------------------------------------

// tests/cli/data/instrument_seniority.json's company: 8M common, 1,000,000 Seed Preferred at
// $1.00 ranked 1, a $500,000 note at 8% simple from 2025-01-01 (actual/365, an exit on
// 2026-01-01: $40,000 of interest, cash-out $540,000), a $300,000 post-money SAFE capped at $10M.
const char* const ranked_company =
    R"({"fundround_deal": 1, "company": "Ranked Co", "cap_table": {"currency": "USD",
        "holders": [{"id": "ada", "name": "Ada", "kind": "founder"}, {"id": "seed", "name": "Seed Fund"},
                    {"id": "bank", "name": "Bank"}, {"id": "angel", "name": "Angel"}],
        "classes": [{"name": "Common", "kind": "common"},
                    {"name": "Seed Preferred", "kind": "preferred", "original_issue_price": {"amount": "1 USD", "shares": 1},
                     "terms": {"seniority": 1}}],
        "holdings": [{"holder": "ada", "share_class": "Common", "shares": 8000000},
                     {"holder": "seed", "share_class": "Seed Preferred", "shares": 1000000}]},
      "safes": [{"holder": "angel", "purchase_amount": "$300K", "date": "2025-03-01", "form": "post_money", "valuation_cap": "$10M"}],
      "notes": [{"holder": "bank", "principal": "$500K", "issue_date": "2025-01-01", "maturity_date": "2027-01-01",
                 "annual_rate": "8/100", "method": "simple", "day_count": "actual_365_fixed"}])";

std::string ranked_with(const std::string& ranks) { return std::string(ranked_company) + ", \"instrument_seniority\": " + ranks + "}"; }

// The waterfall `fundround waterfall` builds from @p d: its ranks into outstanding_instrument_terms.
outstanding_waterfall waterfall_of(const deal_file& d) {
    outstanding_instrument_terms terms;
    terms.safe_seniority = d.instrument_seniority.post_money_safes;
    terms.pre_money_safe_seniority = d.instrument_seniority.pre_money_safes;
    terms.note_seniority = d.instrument_seniority.notes;
    waterfall_terms base;
    base.exit_date = year{2026} / 1 / 1;
    return outstanding_waterfall::build(*d.cap_table_before, d.safes, d.notes, terms, base);
}

TEST_CASE("deal file: instrument_seniority ranks the note pari passu with the Seed and the SAFE below it; the payouts by hand") {
    const deal_file d = parse_deal_file(ranked_with(R"({"post_money_safes": 0, "notes": 1})"));
    CHECK(d.instrument_seniority.post_money_safes == 0);
    CHECK_FALSE(d.instrument_seniority.pre_money_safes.has_value());
    CHECK(d.instrument_seniority.notes == 1);
    const outstanding_waterfall w = waterfall_of(d);
    REQUIRE(w.instruments().size() == 2);
    CHECK(w.instruments()[0].seniority == 0);  // the SAFE, below the Seed's 1
    CHECK(w.instruments()[1].seniority == 1);  // the note, with the Seed
    CHECK(w.instruments()[1].cash_out == 540000_usd);
    // Holders: Ada, Seed Fund, Bank, Angel. $1M: the Seed and the note share it 1,000,000 : 540,000
    // (1M x 100/154 = $649,350.649..., 1M x 54/154 = $350,649.350...; rounded to the mill so that
    // they sum to $1M), the SAFE nothing.
    CHECK(w.at(1000000_usd).by_holder ==
          std::vector<money>{0_usd, money::from_units(649'350'649), money::from_units(350'649'351), 0_usd});
    // $1.8M: both paid ($1,540,000), the SAFE the other $260,000 of its $300,000.
    CHECK(w.at(1800000_usd).by_holder == std::vector<money>{0_usd, 1000000_usd, 540000_usd, 260000_usd});
    // $3M: every preference paid ($1,840,000), the common the other $1,160,000.
    CHECK(w.at(3000000_usd).by_holder == std::vector<money>{1160000_usd, 1000000_usd, 540000_usd, 300000_usd});
    // Without the member, the library's defaults: the note (rank 2) $540,000 first, then the Seed
    // and the SAFE (both rank 1) share $460,000 as 10 : 3: $353,846.154 and $106,153.846.
    const deal_file defaults = parse_deal_file(std::string(ranked_company) + "}");
    CHECK(defaults.instrument_seniority.empty());
    const outstanding_waterfall plain = waterfall_of(defaults);
    CHECK(plain.instruments()[0].seniority == 1);
    CHECK(plain.instruments()[1].seniority == 2);
    CHECK(plain.at(1000000_usd).by_holder ==
          std::vector<money>{0_usd, money::from_units(353'846'154), 540000_usd, money::from_units(106'153'846)});
}

TEST_CASE("deal file: instrument_seniority is written back as read, and only when stated") {
    for (const char* ranks : {R"({"post_money_safes": 0, "notes": 1})", R"({"pre_money_safes": 3})",
                              R"({"post_money_safes": 2, "pre_money_safes": 0, "notes": 2147483647})"}) {
        CAPTURE(ranks);
        const deal_file d = parse_deal_file(ranked_with(ranks));
        const json written = json::parse(write_deal_file(d));
        CHECK(written.at("instrument_seniority") == json::parse(ranks));
        check_equal_after_round_trip(d);
    }
    CHECK_FALSE(json::parse(write_deal_file(parse_deal_file(std::string(ranked_company) + "}"))).contains("instrument_seniority"));
    // A rank set in code below 0 is refused by the writer, at its pointer (the reader would refuse it).
    deal_file negative = parse_deal_file(std::string(ranked_company) + "}");
    negative.instrument_seniority.notes = -1;
    CHECK_THROWS_WITH_AS((void)write_deal_file(negative),
                         "deal file cannot be written: 1 problem\n"
                         "  - /instrument_seniority/notes = -1: must not be negative: the deal file's reader refuses it (a rank in "
                         "the liquidation stack, 0 the lowest)",
                         json_error);
    // A pre-money SAFE takes pre_money_safes, the post-money one post_money_safes.
    deal_file d = parse_deal_file(ranked_with(R"({"post_money_safes": 0, "pre_money_safes": 1, "notes": 1})"));
    safe early = d.safes[0];
    early.form = safe_form::pre_money;
    d.safes.insert(d.safes.begin(), early);
    const outstanding_waterfall w = waterfall_of(d);
    REQUIRE(w.instruments().size() == 3);
    CHECK(w.instruments()[0].seniority == 1);
    CHECK(w.instruments()[1].seniority == 0);
    CHECK(w.instruments()[2].seniority == 1);
}

TEST_CASE("deal file: instrument_seniority's problems at once, each at its pointer with its value and rule") {
    CHECK(problems_of(json::parse(ranked_with(R"({"post_money_safes": -1, "pre_money_safes": 1.5, "notes": "2", "safes": 1})"))) ==
          std::vector<std::string>{
              "/instrument_seniority/safes: is not a member of the SAFEs' and notes' liquidation ranks; expected post_money_safes, "
              "pre_money_safes, notes",
              "/instrument_seniority/post_money_safes = -1: must not be negative: a rank in the liquidation stack, 0 the lowest "
              "(higher is paid first)",
              "/instrument_seniority/pre_money_safes = 1.5: must be a whole number: ranks are integers (renumber the ranks)",
              "/instrument_seniority/notes = \"2\": must be an integer rank (a JSON integer from 0), not a string"});
    CHECK(problems_of(json::parse(ranked_with(R"({"post_money_safes": 2147483648, "pre_money_safes": 2.0, "notes": null})"))) ==
          std::vector<std::string>{"/instrument_seniority/post_money_safes = 2147483648: must be a rank of 32 bits, at most 2147483647",
                                   "/instrument_seniority/pre_money_safes = 2.0: must be a JSON integer (write it without a decimal point or exponent)",
                                   "/instrument_seniority/notes = null: must be an integer rank (a JSON integer from 0), not null"});
    CHECK(problems_of(json::parse(ranked_with(R"({"notes": -5e0, "pre_money_safes": true})"))) ==
          std::vector<std::string>{"/instrument_seniority/pre_money_safes = true: must be an integer rank (a JSON integer from 0), not a boolean",
                                   "/instrument_seniority/notes = -5.0: must not be negative: a rank in the liquidation stack, 0 the lowest "
                                   "(higher is paid first)"});
    CHECK(problems_of(json::parse(ranked_with("{}"))) ==
          std::vector<std::string>{"/instrument_seniority = {}: states no rank: give \"post_money_safes\", \"pre_money_safes\" or "
                                   "\"notes\", or leave it out (the defaults)"});
    CHECK(problems_of(json::parse(ranked_with("[0, 1]"))) ==
          std::vector<std::string>{"/instrument_seniority = [0,1]: must be an object (the SAFEs' and notes' liquidation ranks: "
                                   "\"post_money_safes\", \"pre_money_safes\", \"notes\"), not an array"});
}

}  // namespace test_json_deal_file
