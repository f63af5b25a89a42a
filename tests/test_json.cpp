// Unit tests for the opt-in JSON support (json.hpp); built only when nlohmann_json is found.
#include <fundround/json.hpp>
#include <fundround/detail/random.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/fundround_test.hpp"

#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_json {

using namespace fundround;
using namespace fundround::literals;
using nlohmann::json;

// The what() of the json_error that reading @p j as T throws ("" if none is thrown).
template <class T>
std::string error_of(const json& j) {
    try {
        (void)j.get<T>();
    } catch (const json_error& e) {
        return e.what();
    }
    return "";
}

// The problems of reading @p doc as a round, one "pointer = value: rule" line each.
std::vector<std::string> round_problems(const json& doc, const field_path& base = {}) {
    json_reader reader;
    const auto r = reader.read_round(doc, base);
    CHECK(!r);
    std::vector<std::string> lines;
    for (const diagnostic& d : reader.problems()) lines.push_back(fundround::detail::json_problem_line(d));
    return lines;
}

// Money: every amount round-trips through its exact string, the int64 extremes included.
TEST_CASE("json: money is an exact string with its currency, never a number") {
    CHECK(json(15_B) == json("15000000000 USD"));
    CHECK(json(money::from_units(-125, currency("EUR"))) == json("-0.125 EUR"));
    CHECK(json(money::from_units(1500, currency("JPY"))) == json("1.5 JPY"));
    CHECK(json(money::zero(currency("GBP"))) == json("0 GBP"));
    const money max = money::from_units(fundround::detail::int64_max, currency("EUR"));
    const money min = money::from_units(fundround::detail::int64_min, currency("EUR"));
    CHECK(json(max) == json("9223372036854775.807 EUR"));
    CHECK(json(min) == json("-9223372036854775.808 EUR"));
    CHECK(json(max).get<money>() == max);
    CHECK(json(min).get<money>() == min);
    // Written as people write amounts, read with parse_money().
    CHECK(json("$15B").get<money>() == 15_B);
    CHECK(json("EUR 300M").get<money>() == money::from_major(300'000'000, currency("EUR")));
    CHECK(json("1,234.567 USD").get<money>() == money::from_units(1'234'567));
}

TEST_CASE("json: money round-trips on seeded random amounts") {
    fundround::detail::xoshiro256 rng(20261202);
    const currency codes[] = {currency("USD"), currency("EUR"), currency("JPY"), currency("XXX"), currency("CHF")};
    for (int i = 0; i < 20000; ++i) {
        // Full 64-bit range, half of the draws small so that few-digit amounts are covered too.
        std::uint64_t bits = rng.next();
        if (i % 2 == 1) bits %= 1'000'000;
        const auto units = static_cast<std::int64_t>(bits);
        const money m = money::from_units(i % 4 == 3 ? -(units == fundround::detail::int64_min ? 0 : units) : units,
                                          codes[rng.below(5)]);
        const json j = m;
        REQUIRE(j.is_string());
        CHECK(j.get<money>() == m);
    }
}

TEST_CASE("json: money errors say what is wrong, at the value's pointer") {
    CHECK(error_of<money>(json(15000000000)) ==
          "amount is invalid: 1 problem\n  - (root) = 15000000000: must be a string such as \"15000000000 USD\" or "
          "\"$15B\": a JSON number is not exact (readers turn it into a double)");
    CHECK(error_of<money>(json(1.5)) ==
          "amount is invalid: 1 problem\n  - (root) = 1.5: must be a string such as \"15000000000 USD\" or "
          "\"$15B\": a JSON number is not exact (readers turn it into a double)");
    CHECK(error_of<money>(json("15B")) ==
          "amount is invalid: 1 problem\n  - (root) = \"15B\": needs a currency: write it with a code, such as "
          "\"15000000000 USD\"");
    CHECK(error_of<money>(json("12x USD")) ==
          "amount is invalid: 1 problem\n  - (root) = \"12x USD\": is not an amount (at position 2: unknown scale "
          "\"x\"; expected K, M, B, T, thousand, million, billion, trillion or a currency code)");
    // A control character in the text: the reason alone, the input not repeated (review of
    // 2026-12-05, second round: the escaped message did not match the raw prefix).
    CHECK(error_of<money>(json("20M\n")) ==
          "amount is invalid: 1 problem\n  - (root) = \"20M\\n\": is not an amount (at position 3: unexpected "
          "'\\n' after the amount)");
    CHECK(error_of<money>(json("9223372036854775.808 USD")) ==
          "amount is invalid: 1 problem\n  - (root) = \"9223372036854775.808 USD\": is not an amount (at "
          "position 0: the amount is out of range (about +/-9.2e15 whole currency units))");
    CHECK(error_of<money>(json("-9223372036854775.809 USD")) ==
          "amount is invalid: 1 problem\n  - (root) = \"-9223372036854775.809 USD\": is not an amount (at "
          "position 0: the amount is out of range (about +/-9.2e15 whole currency units))");
    CHECK(error_of<money>(json::array()) ==
          "amount is invalid: 1 problem\n  - (root) = []: must be an amount string such as \"15000000000 USD\", "
          "not an array");
    // The problems are diagnostics: field, value and rule apart.
    try {
        (void)json(7).get<money>();
        FAIL("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field == field_path());
        CHECK(e.problems()[0].value == "7");
    }
    // A reader with a default currency reads "15B" in it.
    json_reader reader;
    reader.set_default_currency(currency("EUR"));
    CHECK(reader.read_money(json("15B"), {}) == 15_B_eur);
    CHECK(reader.read_money(json("15B GBP"), {}) == money::from_major(15'000'000'000, currency("GBP")));
    CHECK(reader.ok());
}

TEST_CASE("json: fractions are exact \"n/d\" strings") {
    CHECK(json(fraction(5, 84)) == json("5/84"));
    CHECK(json(fraction(-10, 4)) == json("-5/2"));
    CHECK(json(fraction(3)) == json("3"));
    CHECK(json("10/168").get<fraction>() == fraction(5, 84));
    CHECK(json("0.7").get<fraction>() == fraction(7, 10));
    CHECK(json("70%").get<fraction>() == fraction(7, 10));
    CHECK(json("-3").get<fraction>() == fraction(-3));
    // The largest terms a fraction holds: 2^127 - 1.
    const std::string big = "170141183460469231731687303715884105727";
    CHECK(json(big + "/2").get<fraction>().to_string() == big + "/2");
    CHECK(json("-" + big + "/" + big).get<fraction>() == fraction(-1));
    fundround::detail::xoshiro256 rng(84);
    for (int i = 0; i < 20000; ++i) {
        const auto n = static_cast<std::int64_t>(rng.next());
        const auto d = static_cast<std::int64_t>(rng.next() >> 1) + 1;
        fraction f(n, d);
        if (i % 3 == 0) f = f * fraction(static_cast<std::int64_t>(rng.next() >> 2), d + 7);  // 128-bit terms
        const json j = f;
        CHECK(j.get<fraction>() == f);
    }
}

TEST_CASE("json: fraction errors") {
    CHECK(error_of<fraction>(json("5/0")) == "fraction is invalid: 1 problem\n  - (root) = \"5/0\": has a zero denominator");
    CHECK(error_of<fraction>(json("1/-2")) ==
          "fraction is invalid: 1 problem\n  - (root) = \"1/-2\": must be \"n/d\": an optional '-', digits, '/', "
          "digits, each term below 2^127");
    CHECK(error_of<fraction>(json("170141183460469231731687303715884105728/1")) ==
          "fraction is invalid: 1 problem\n  - (root) = \"170141183460469231731687303715884105728/1\": must be "
          "\"n/d\": an optional '-', digits, '/', digits, each term below 2^127");
    CHECK(error_of<fraction>(json(0.5)) ==
          "fraction is invalid: 1 problem\n  - (root) = 0.5: must be a fraction string such as \"5/84\", not a number");
    CHECK(error_of<fraction>(json("half")).rfind(
              "fraction is invalid: 1 problem\n  - (root) = \"half\": is not a fraction such as \"5/84\" or a decimal (", 0) == 0);
}

TEST_CASE("json: dates are ISO strings, round-tripped near both ends of the range") {
    const calendar_date d = year{2026} / 2 / 27;
    CHECK(json(d) == json("2026-02-27"));
    CHECK(json("2026-02-27").get<calendar_date>() == d);
    const calendar_date first = calendar_date::min();
    CHECK(json(first) == json("-32767-01-01"));
    CHECK(json(first).get<calendar_date>() == first);
    CHECK(json(end_of_time()) == json("9999-12-31"));
    CHECK(json(end_of_time()).get<calendar_date>() == end_of_time());
    CHECK(json("0000-03-01").get<calendar_date>() == year{0} / 3 / 1);
    fundround::detail::xoshiro256 rng(9999);
    const auto lo = first.day_number();
    const auto hi = end_of_time().day_number();
    for (int i = 0; i < 20000; ++i) {
        // A third near each end, a third anywhere.
        const auto span = static_cast<std::uint64_t>(hi - lo);
        const auto offset = static_cast<std::int64_t>(i % 3 == 2 ? rng.below(span + 1) : rng.below(400));
        const auto n = i % 3 == 0 ? lo + offset : (i % 3 == 1 ? hi - offset : lo + offset);
        const calendar_date day{calendar_date::from_day_number(n)};
        CHECK(json(day).get<calendar_date>() == day);
    }
}

TEST_CASE("json: date errors") {
    const auto problem = [](const json& j) { return error_of<calendar_date>(j); };
    CHECK(problem(json("2026-02-30")) == "date is invalid: 1 problem\n  - (root) = \"2026-02-30\": is not a valid calendar date");
    CHECK(problem(json("10000-01-01")) ==
          "date is invalid: 1 problem\n  - (root) = \"10000-01-01\": is after 9999-12-31, the last day fundround models");
    CHECK(problem(json("99999-01-01")) ==
          "date is invalid: 1 problem\n  - (root) = \"99999-01-01\": is after 9999-12-31, the last day fundround models");
    CHECK(problem(json("-99999-01-01")) ==
          "date is invalid: 1 problem\n  - (root) = \"-99999-01-01\": is before -32767-01-01, the first day fundround models");
    for (const char* bad : {"2026-2-27", "26-02-27", "2026/02/27", "2026-02-27T00:00", "2026-0a-27", ""}) {
        CHECK(problem(json(bad)) == "date is invalid: 1 problem\n  - (root) = " + json(bad).dump() +
                                        ": must be an ISO date YYYY-MM-DD, such as \"2026-02-27\"");
    }
    CHECK(problem(json(20260227)) ==
          "date is invalid: 1 problem\n  - (root) = 20260227: must be a date string such as \"2026-02-27\", not a number");
}

TEST_CASE("json: share counts, currencies, rounding modes and investor kinds") {
    CHECK(json(share_count(10'000'000'000)) == json(10'000'000'000));
    CHECK(json(share_count(fundround::detail::int64_max)).get<share_count>() == share_count(fundround::detail::int64_max));
    CHECK(json(share_count(fundround::detail::int64_min)).get<share_count>() == share_count(fundround::detail::int64_min));
    CHECK(error_of<share_count>(json(9223372036854775808ULL)) ==
          "share count is invalid: 1 problem\n  - (root) = 9223372036854775808: is out of range: a share count must fit 64 bits");
    CHECK(error_of<share_count>(json(1.5)) ==
          "share count is invalid: 1 problem\n  - (root) = 1.5: must be a whole number of shares (a JSON integer)");
    // 2^64 and beyond reach the reader as a double: out of range, not "a whole number" (review of
    // 2026-12-05, second round); 5.0 is still a JSON float, not an integer.
    CHECK(error_of<share_count>(json::parse("18446744073709551616")) ==
          "share count is invalid: 1 problem\n  - (root) = 1.8446744073709552e+19: is out of range: a share count must fit 64 bits");
    CHECK(error_of<share_count>(json::parse("-1e30")) ==
          "share count is invalid: 1 problem\n  - (root) = -1e+30: is out of range: a share count must fit 64 bits");
    // A whole number with a decimal point or an exponent is told how to write it, not that it is
    // not whole (tenth session's hostile review: "5000000.0: must be a whole number of shares";
    // the schema's "integer" accepts 5000000.0, the reader does not).
    CHECK(error_of<share_count>(json::parse("5.0")) ==
          "share count is invalid: 1 problem\n  - (root) = 5.0: must be written as a JSON integer: 5, without a decimal point or exponent");
    CHECK(error_of<share_count>(json::parse("5e6")) ==
          "share count is invalid: 1 problem\n  - (root) = 5000000.0: must be written as a JSON integer: 5000000, without a decimal point or exponent");
    CHECK(error_of<share_count>(json::parse("-0.0")) ==
          "share count is invalid: 1 problem\n  - (root) = -0.0: must be written as a JSON integer: 0, without a decimal point or exponent");
    // Beyond 2^53 a JSON float is not the number written: 9007199254740993.0 reads as the double
    // 9007199254740992, which the message named as the integer to write, one share less than the
    // file's (h8's review of the tenth session).
    CHECK(error_of<share_count>(json::parse("9007199254740993.0")) ==
          "share count is invalid: 1 problem\n  - (root) = 9.007199254740992e+15: must be written as a JSON integer, without a decimal "
          "point or exponent (as a JSON float, its digits beyond 2^53 are not kept)");
    CHECK(error_of<share_count>(json::parse("9007199254740991.0")) ==
          "share count is invalid: 1 problem\n  - (root) = 9.007199254740991e+15: must be written as a JSON integer: 9007199254740991, "
          "without a decimal point or exponent");
    CHECK(error_of<share_count>(json("100")) ==
          "share count is invalid: 1 problem\n  - (root) = \"100\": must be a share count (a JSON integer), not a string");

    CHECK(json(currency("CHF")) == json("CHF"));
    CHECK(json("CHF").get<currency>() == currency("CHF"));
    CHECK(error_of<currency>(json("usd")) ==
          "currency is invalid: 1 problem\n  - (root) = \"usd\": must be a currency code of three letters A-Z, such as \"USD\"");

    for (const rounding mode : {rounding::exact, rounding::toward_zero, rounding::away_from_zero, rounding::floor,
                                rounding::ceiling, rounding::half_away_from_zero, rounding::half_toward_zero,
                                rounding::half_even}) {
        const json j = mode;
        CHECK(j == json(std::string(to_string(mode))));
        CHECK(j.get<rounding>() == mode);
    }
    CHECK(error_of<rounding>(json("half_up")) ==
          "rounding mode is invalid: 1 problem\n  - (root) = \"half_up\": must be a rounding mode: one of exact, "
          "toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even");
    CHECK(error_of<rounding>(json(3)) ==
          "rounding mode is invalid: 1 problem\n  - (root) = 3: must be a rounding mode name (exact, toward_zero, "
          "away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero, half_even), not a number");
    CHECK(json(investor_kind::sovereign) == json("sovereign"));
    CHECK(json("angel").get<investor_kind>() == investor_kind::angel);
}

// A random condition tree of at most @p depth levels.
condition random_condition(fundround::detail::xoshiro256& rng, int depth) {
    const auto day = [&] {
        return calendar_date::from_day_number(static_cast<std::int64_t>(rng.below(30000)));
    };
    const std::uint64_t pick = depth <= 1 ? rng.below(3) : rng.below(7);
    switch (pick) {
        case 0: return condition::always();
        case 1: return condition::on_or_after(day());
        case 2: return condition::milestone("m" + std::to_string(rng.below(5)));
        case 3:
        case 4: {
            std::vector<condition> parts;  // at least one: read_condition() rejects an all_of or any_of without parts
            const std::uint64_t n = 1 + rng.below(3);
            for (std::uint64_t i = 0; i < n; ++i) parts.push_back(random_condition(rng, depth - 1));
            return pick == 3 ? all_of(std::move(parts)) : any_of(std::move(parts));
        }
        case 5: return !random_condition(rng, depth - 1);
        default: return random_condition(rng, depth - 1).with_long_stop(day());
    }
}

TEST_CASE("json: conditions are structured objects that round-trip") {
    const condition c = milestone("certain conditions").with_long_stop(year{2026} / 12 / 31) ||
                        on_or_after(year{2027} / 6 / 30);
    CHECK(json(c) == json::parse(R"({"kind": "any_of", "parts": [
        {"kind": "long_stop", "date": "2026-12-31", "part": {"kind": "milestone", "name": "certain conditions"}},
        {"kind": "on_or_after", "date": "2027-06-30"}]})"));
    CHECK(json(c).get<condition>() == c);
    CHECK(json(!milestone("IPO")) == json::parse(R"({"kind": "negation", "part": {"kind": "milestone", "name": "IPO"}})"));
    CHECK(json(at_close()) == json::parse(R"({"kind": "always"})"));
    fundround::detail::xoshiro256 rng(1984);
    for (int i = 0; i < 3000; ++i) {
        const condition r = random_condition(rng, 5);
        CHECK(json(r).get<condition>() == r);
    }
}

TEST_CASE("json: condition errors, every one at its pointer") {
    CHECK(error_of<condition>(json::parse(R"({"kind": "all_of", "parts": [
              {"kind": "milestone"}, {"kind": "on_or_after", "date": "2026-13-01"}, {"kind": "sometimes"},
              {"kind": "milestone", "name": "", "date": "2026-01-01"}, {"name": "x"}, {"kind": "always", "colour": 1}]})")) ==
          "condition is invalid: 7 problems\n"
          "  - /parts/0/name: is required\n"
          "  - /parts/1/date = \"2026-13-01\": is not a valid calendar date\n"
          "  - /parts/2/kind = \"sometimes\": must be a condition kind: one of always, on_or_after, milestone, "
          "all_of, any_of, negation, long_stop\n"
          "  - /parts/3/date: is not a member of a condition of kind \"milestone\"\n"
          "  - /parts/3/name = \"\": must not be empty\n"
          "  - /parts/4/kind: is required\n"
          "  - /parts/5/colour: is not a member of a condition; expected kind, date, name, parts, part");
    CHECK(error_of<condition>(json::parse(R"({"kind": "any_of", "parts": {}})")) ==
          "condition is invalid: 1 problem\n  - /parts = {}: must be an array of conditions, not an object");
    // An empty all_of would be met at close (before: read as "always", silently): said how to
    // write a tranche at close instead. Nested too. An empty any_of is never met.
    CHECK(error_of<condition>(json::parse(R"({"kind": "all_of", "parts": []})")) ==
          "condition is invalid: 1 problem\n  - /parts = []: must hold at least one condition: for a tranche paid at close, "
          "leave \"condition\" out (or write {\"kind\": \"always\"})");
    CHECK(error_of<condition>(json::parse(R"({"kind": "any_of", "parts": []})")) ==
          "condition is invalid: 1 problem\n  - /parts = []: must hold at least one condition: an any_of without parts is never met");
    CHECK(error_of<condition>(json::parse(R"({"kind": "negation", "part": {"kind": "all_of", "parts": []}})")) ==
          "condition is invalid: 1 problem\n  - /part/parts = []: must hold at least one condition: for a tranche paid at close, "
          "leave \"condition\" out (or write {\"kind\": \"always\"})");
    CHECK(error_of<condition>(json::parse(R"({"kind": "long_stop"})")) ==
          "condition is invalid: 2 problems\n  - /date: is required\n  - /part: is required");
    CHECK(error_of<condition>(json("always")) ==
          "condition is invalid: 1 problem\n  - (root) = \"always\": must be an object (a condition), not a string");
    // Deeper than max_condition_depth: reported, not a stack overflow.
    json deep = json::parse(R"({"kind": "always"})");
    for (std::size_t i = 0; i < max_condition_depth; ++i) deep = json{{"kind", "negation"}, {"part", std::move(deep)}};
    const std::string what = error_of<condition>(deep);
    CHECK(what.rfind("condition is invalid: 1 problem\n  - /part/part/part/", 0) == 0);
    CHECK(what.find(": is nested deeper than 1000 levels") != std::string::npos);
}

TEST_CASE("json: tranches, investors, valuations and prices round-trip") {
    const tranche plain = tranche::at_close(15_B);
    CHECK(json(plain) == json::parse(R"({"amount": "15000000000 USD", "condition": {"kind": "always"}})"));
    const tranche full = tranche::when(22.5_B, milestone("restructuring"), year{2026} / 12 / 31)
                             .otherwise(12.5_B)
                             .labelled("second tranche");
    CHECK(json(full) == json::parse(R"({"amount": "22500000000 USD",
        "condition": {"kind": "milestone", "name": "restructuring"}, "expected_date": "2026-12-31",
        "fallback": "12500000000 USD", "label": "second tranche"})"));
    CHECK(json(full).get<tranche>() == full);
    CHECK(json(plain).get<tranche>() == plain);
    CHECK(json::parse(R"({"amount": "$15B"})").get<tranche>() == plain);

    const investor amazon = investor::strategic("Amazon").as_lead();
    CHECK(json(amazon) == json::parse(R"({"name": "Amazon", "kind": "strategic", "lead": true})"));
    CHECK(json(amazon).get<investor>() == amazon);
    CHECK(json::parse(R"({"name": "X"})").get<investor>() == investor("X"));

    const valuation v(730_B, share_count(10'000'000'000));
    CHECK(json(v) == json::parse(R"({"pre_money": "730000000000 USD", "pre_money_shares": 10000000000})"));
    CHECK(json(v).get<valuation>() == v);
    CHECK(json(valuation(730_B)).get<valuation>() == valuation(730_B));

    const price_per_share p(730_B, share_count(10'000'000'000));  // $73 a share
    CHECK(json(p) == json::parse(R"({"amount": "73 USD", "shares": 1})"));
    CHECK(json(p).get<price_per_share>() == p);
    const price_per_share odd(money::from_units(10), share_count(3));  // $0.01 for 3 shares
    CHECK(json(odd) == json::parse(R"({"amount": "0.01 USD", "shares": 3})"));
    CHECK(json(odd).get<price_per_share>() == odd);
}

TEST_CASE("json: tranche, investor, valuation and price errors") {
    CHECK(error_of<tranche>(json::parse(R"({"amount": 5, "condition": {"kind": "x"}, "expected_date": "soon",
                                            "fallback": "1 EUR", "label": 3, "when": 1})")) ==
          "tranche is invalid: 5 problems\n"
          "  - /when: is not a member of a tranche; expected amount, condition, expected_date, fallback, label\n"
          "  - /amount = 5: must be a string such as \"15000000000 USD\" or \"$15B\": a JSON number is not exact "
          "(readers turn it into a double)\n"
          "  - /condition/kind = \"x\": must be a condition kind: one of always, on_or_after, milestone, all_of, "
          "any_of, negation, long_stop\n"
          "  - /expected_date = \"soon\": must be an ISO date YYYY-MM-DD, such as \"2026-02-27\"\n"
          "  - /label = 3: must be a string, not a number");
    CHECK(error_of<tranche>(json::parse(R"({"amount": "10 USD", "fallback": "10 USD"})")) ==
          "tranche is invalid: 1 problem\n  - /fallback = $10.00: must be less than the amount if met, $10.00");
    CHECK(error_of<tranche>(json::parse(R"({"amount": "10 USD", "fallback": "5 EUR"})")) ==
          "tranche is invalid: 1 problem\n  - /fallback = \xE2\x82\xAC" "5.00: must be in the amount's currency, USD");
    CHECK(error_of<investor>(json::parse(R"({"kind": "vc", "lead": "yes"})")) ==
          "investor is invalid: 3 problems\n  - /name: is required\n"
          "  - /kind = \"vc\": must be an investor kind: one of strategic, financial, sovereign, employee, angel, other\n"
          "  - /lead = \"yes\": must be true or false, not a string");
    CHECK(error_of<valuation>(json::parse(R"({"pre_money": "-5 USD", "pre_money_shares": 0})")) ==
          "valuation is invalid: 2 problems\n  - /pre_money = -$5.00: must be positive\n"
          "  - /pre_money_shares = 0: must be positive");
    CHECK(error_of<price_per_share>(json::parse(R"({"amount": "1 USD"})")) ==
          "price per share is invalid: 1 problem\n  - /shares: is required");
}

// The reference round, written with exact figures and read back to the same values.
TEST_CASE("json: the reference round round-trips with exact figures") {
    const funding_round r = fundround_test::reference_round();
    const json j = r;
    CHECK(j == json::parse(R"({
      "name": "Reference round, 2026", "currency": "USD",
      "pre_money": "730000000000 USD", "post_money": "840000000000 USD", "close_date": "2026-02-27",
      "investors": [
        {"name": "Amazon", "kind": "strategic", "lead": false, "commitment": "50000000000 USD",
         "tranches": [{"amount": "15000000000 USD", "condition": {"kind": "always"}},
                      {"amount": "35000000000 USD", "condition": {"kind": "milestone", "name": "certain conditions"}}]},
        {"name": "Nvidia", "kind": "strategic", "lead": false, "commitment": "30000000000 USD",
         "tranches": [{"amount": "30000000000 USD", "condition": {"kind": "always"}}]},
        {"name": "SoftBank", "kind": "financial", "lead": false, "commitment": "30000000000 USD",
         "tranches": [{"amount": "30000000000 USD", "condition": {"kind": "always"}}]}]})"));
    // read -> build -> write -> read: the same round.
    const funding_round back = j.get<funding_round>();
    CHECK(json(back) == j);
    CHECK(back.name() == r.name());
    CHECK(back.close_date() == r.close_date());
    CHECK(back.valuation() == r.valuation());
    CHECK(back.raised() == 110_B);
    CHECK(back.raised_at_close() == 75_B);
    CHECK(back.raised_conditional() == 35_B);
    CHECK(back.post_money() == 840_B);
    CHECK(back.ownership("Amazon") == fraction(5, 84));
    REQUIRE(back.commitments().size() == r.commitments().size());
    for (std::size_t i = 0; i < r.commitments().size(); ++i) {
        CHECK(back.commitments()[i].investor == r.commitments()[i].investor);
        CHECK(back.commitments()[i].tranches == r.commitments()[i].tranches);
        CHECK(back.commitments()[i].total == r.commitments()[i].total);
    }
    // The text form too.
    CHECK(json(parse_round_json(j.dump())) == j);
}

TEST_CASE("json: a round as people write it: amounts in the round's currency, post-money only") {
    const json doc = json::parse(R"({
      "name": "Series B", "currency": "EUR", "post_money": "100M", "close_date": "2026-06-30",
      "pre_money_shares": 8000000, "prior_mark": "50M", "prior_mark_label": "Series A",
      "investors": [
        {"name": "Fund", "kind": "financial", "lead": true, "commitment": "15M"},
        {"name": "Angel", "kind": "angel", "tranches": [{"amount": "2M"},
           {"amount": "3M", "condition": {"kind": "on_or_after", "date": "2027-01-01"}, "expected_date": "2027-01-01"}]}]})");
    const funding_round r = doc.get<funding_round>();
    CHECK(r.currency() == currency("EUR"));
    CHECK(r.pre_money() == money::from_major(80'000'000, currency("EUR")));
    CHECK(r.post_money() == money::from_major(100'000'000, currency("EUR")));
    CHECK(r.prior_mark() == money::from_major(50'000'000, currency("EUR")));
    CHECK(r.prior_mark_label() == "Series A");
    CHECK(r.valuation().pre_money_shares() == share_count(8'000'000));
    CHECK(r.commitment_of("Fund").investor == investor("Fund", investor_kind::financial, true));
    CHECK(r.commitment_of("Angel").total == money::from_major(5'000'000, currency("EUR")));
    const json written = r;
    CHECK(written["pre_money"] == "80000000 EUR");
    CHECK(written["investors"][1]["tranches"][1]["amount"] == "3000000 EUR");
    CHECK(json(written.get<funding_round>()) == written);
}

TEST_CASE("json: a bad round reports every problem at once, each at its JSON pointer") {
    const json doc = json::parse(R"({"rounds": [{
      "name": "Series X", "pre_money": 730000000000, "close_date": "2026-02-27", "colour": "red",
      "investors": [
        {"name": "Amazon", "commitment": "50B", "tranches": [{"amount": "15B"}, {"amount": "35B",
            "condition": {"kind": "milestone", "name": "certain conditions"}}]},
        {"name": "Nvidia", "commitment": "30B", "tranches": [{"amount": "20B"}]},
        {"name": "SoftBank", "tranches": [{"amount": "15B"}, {"amount": "15 billion dollars"}]},
        {"name": "Nvidia", "commitment": "1B"},
        {"kind": "angel", "commitment": "-1M"},
        {"name": "Solo"}]}]})");
    const field_path base = field_path("rounds").index(0);
    CHECK(round_problems(doc["rounds"][0], base) == std::vector<std::string>{
        "/rounds/0/colour: is not a member of a round; expected name, currency, pre_money, post_money, "
        "pre_money_shares, prior_mark, prior_mark_label, prior_round, prior_round_label, close_date, investors",
        "/rounds/0/pre_money = 730000000000: must be a string such as \"15000000000 USD\" or \"$15B\": a JSON "
        "number is not exact (readers turn it into a double)",
        "/rounds/0/investors/2/tranches/1/amount = \"15 billion dollars\": is not an amount (at position 11: "
        "unexpected \"dollars\"; expected a currency code such as USD)",
        "/rounds/0/investors/4/name: is required",
        "/rounds/0/investors/5: needs \"commitment\" (all at close) or \"tranches\", or both",
        // The builder's own checks, at their pointers, after the document's.
        "/rounds/0/investors/1/commitment = $30,000,000,000.00: the tranches sum to $20,000,000,000.00; they "
        "must sum exactly to the stated commitment",
        "/rounds/0/investors/3/name = \"Nvidia\": duplicates investors[1] \"Nvidia\"; combine their tranches under one "
        "investor",
    });
    // The builder numbers only the investors it was given: positions are the document's.
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "Bad", "commitment": 1}, {"name": "A", "commitment": "1M"}, {"name": "A", "commitment": "2M"}]})")) ==
          std::vector<std::string>{
              "/investors/0/commitment = 1: must be a string such as \"15000000000 USD\" or \"$15B\": a JSON number "
              "is not exact (readers turn it into a double)",
              "/investors/2/name = \"A\": duplicates investors[1] \"A\"; combine their tranches under one investor"});
    // Thrown as one json_error whose message lists them, pointers first.
    try {
        (void)parse_round_json(doc["rounds"][0].dump());
        FAIL("no json_error");
    } catch (const json_error& e) {
        CHECK(e.problems().size() == 7);
        CHECK(std::string(e.what()).rfind("round is invalid: 7 problems\n  - /colour: is not a member", 0) == 0);
        CHECK(e.problems()[2].field.json_pointer() == "/investors/2/tranches/1/amount");
    }
}

TEST_CASE("json: round errors from the builder and the document") {
    CHECK(round_problems(json::parse(R"({"investors": []})")) == std::vector<std::string>{
        "/pre_money: is required", "/close_date: is required (pick one and label it as an assumption)",
        "/investors: at least one investor is required"});
    CHECK(round_problems(json::parse(R"({"pre_money": "10M USD", "post_money": "12M USD", "close_date": "2026-01-01",
                                         "investors": [{"name": "A", "commitment": "1M"}]})")) ==
          std::vector<std::string>{"/post_money = $12,000,000.00: must equal the pre-money plus the commitments, "
                                   "$11,000,000.00"});
    CHECK(round_problems(json::parse(R"({"currency": "EUR", "pre_money": "10M EUR", "close_date": "2026-01-01",
                                         "investors": [{"name": "A", "tranches": [{"amount": "1M USD",
                                         "expected_date": "2025-12-31"}]}]})")) ==
          std::vector<std::string>{
              "/investors/0/tranches/0/amount = $1,000,000.00: must be in EUR, the round's currency",
              "/investors/0/tranches/0/expected_date = 2025-12-31: must not be before the close date 2026-01-01"});
    CHECK(round_problems(json::parse(R"({"post_money": "10M", "investors": [{"name": "A", "commitment": "x"}],
                                         "close_date": "2026-01-01"})")) ==
          std::vector<std::string>{
              "/investors/0/commitment = \"x\": is not an amount (at position 0: expected a digit)"});
    CHECK(round_problems(json::parse(R"({"investors": {}})")).at(0) ==
          "/investors = {}: must be an array of investors, not an object");
    CHECK(round_problems(json::parse("[1]")) == std::vector<std::string>{"(root) = [1]: must be an object (a round), not an array"});
    try {
        (void)parse_round_json("{\"name\": ");
        FAIL("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field == field_path());
        CHECK(e.problems()[0].rule.rfind("is not valid JSON: [json.exception.parse_error.101]", 0) == 0);
        CHECK(std::string(e.what()).rfind("round is invalid: 1 problem\n  - (root): is not valid JSON: ", 0) == 0);
    }
    // A number too large for a double is nlohmann's out_of_range, reported the same way.
    try {
        (void)parse_round_json("{\"name\": 1e999}");
        FAIL("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field == field_path());
        CHECK(e.problems()[0].rule.rfind("is not valid JSON: [json.exception.out_of_range.406]", 0) == 0);
    }
}

// RFC 8259 §4: "The names within an object SHOULD be unique"; with repeated names "the behavior
// of software that receives such an object is unpredictable" (nlohmann::json keeps the last).
// Found by review: `"shares": 4000000, "shares": 5` read as 5 shares, without a word.
TEST_CASE("json: a member name repeated in one object is a problem at its pointer, never a silent pick") {
    const parsed_json p = parse_json_text(
        R"({"a": 1, "list": [{"x": 1}, {"x": 2, "y": [0, {"z": 1, "z": 2}], "x": 3}], "a": {"a": 1}, "a": 2})");
    REQUIRE(p.syntax_error.empty());
    CHECK_FALSE(p.ok());
    std::vector<std::string> at;
    for (const diagnostic& d : p.repeated) at.push_back(d.field.json_pointer());
    CHECK(at == std::vector<std::string>{"/list/1/y/1/z", "/list/1/x", "/a", "/a"});
    CHECK(p.repeated.at(0).message() ==
          "list[1].y[1].z: is given more than once in the same object (JSON does not say which one counts): give each member once");
    // The same name in different objects, or as a value, is no problem; the document is the
    // one nlohmann::json::parse() builds.
    const std::string fine = R"({"a": {"a": "a"}, "b": [{"a": 1}, {"a": 2}], "c": [], "d": {}, "e": [[1, null], true, 1.5, -2]})";
    const parsed_json q = parse_json_text(fine);
    CHECK(q.ok());
    CHECK(q.document == json::parse(fine));
    CHECK(parse_json_text("7").document == json(7));
    // Not JSON: nlohmann's message, no document problems.
    const parsed_json bad = parse_json_text("{\"a\": ");
    CHECK_FALSE(bad.ok());
    CHECK(bad.syntax_error.rfind("[json.exception.parse_error.101]", 0) == 0);
    // The readers of whole texts refuse a repeated name with every repeat listed.
    try {
        (void)parse_round_json(R"({"name": "A", "name": "B", "investors": []})");
        FAIL("no json_error");
    } catch (const json_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field.json_pointer() == "/name");
        CHECK(std::string(e.what()).rfind("round is invalid: 1 problem\n  - /name", 0) == 0);
    }
}

// The investor a round builder's rule names is renumbered from the builder's facts
// (build_result::references): every "investors[k]" in the rule's text was, names included (a name
// "investors[0]" became "investors[1]", one "investors[1]" "investors[2]").
TEST_CASE("json: an investor a round's rule names is renumbered to the document's position, whatever the names hold") {
    const std::string not_exact = "/investors/0/commitment = 1: must be a string such as \"15000000000 USD\" or \"$15B\": a "
                                  "JSON number is not exact (readers turn it into a double)";
    // The builder's investors[0] is the document's investors[1]: named "investors[0]".
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "Bad", "commitment": 1}, {"name": "investors[0]", "commitment": "1M"},
        {"name": "investors[0]", "commitment": "2M"}]})")) ==
          std::vector<std::string>{not_exact, "/investors/2/name = \"investors[0]\": duplicates investors[1] \"investors[0]\"; "
                                              "combine their tranches under one investor"});
    // Named "investors[1]" (the builder's investors[0], the document's investors[1]).
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "Bad", "commitment": 1}, {"name": "investors[1]", "commitment": "1M"},
        {"name": "investors[1]", "commitment": "2M"}]})")) ==
          std::vector<std::string>{not_exact, "/investors/2/name = \"investors[1]\": duplicates investors[1] \"investors[1]\"; "
                                              "combine their tranches under one investor"});
    // A tranche labelled, and investors named, with a place the builder numbers another investor
    // by (its investors[2] is the document's investors[3]); every problem at once.
    json_reader reader;
    const auto r = reader.read_round(json::parse(R"j({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "Bad", "commitment": 1},
        {"name": "A (investors[2].tranches[0])", "tranches": [
            {"amount": "1M", "expected_date": "2025-12-01", "label": "investors[2].tranches[0]"}]},
        {"name": "B", "commitment": "1M"},
        {"name": "a (investors[2].tranches[0])", "commitment": "1M"}]})j"), field_path("rounds").index(0));
    CHECK(!r);
    std::vector<std::string> lines;
    for (const diagnostic& d : reader.problems()) lines.push_back(fundround::detail::json_problem_line(d));
    CHECK(lines == std::vector<std::string>{
        "/rounds/0" + not_exact,
        "/rounds/0/investors/1/tranches/0/expected_date = 2025-12-01: must not be before the close date 2026-01-01",
        "/rounds/0/investors/3/name = \"a (investors[2].tranches[0])\": nearly duplicates investors[1] \"A "
        "(investors[2].tranches[0])\" (names that differ only in case, spaces or punctuation are one investor); combine "
        "their tranches under one investor",
    });
    REQUIRE(reader.problems().size() == 3);
    CHECK(reader.problems()[1].field.to_string() ==
          "rounds[0].investors[1] \"A (investors[2].tranches[0])\".tranches[0].expected_date");
    CHECK(reader.problems()[2].field.to_string() == "rounds[0].investors[3] \"a (investors[2].tranches[0])\".name");
    // A tranche the tranches' overflow names, in the document's numbering (the builder's
    // investors[0] is the document's investors[1]).
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "Bad", "commitment": 1}, {"name": "F", "tranches": [
            {"amount": "4611686018427387.904 USD"}, {"amount": "4611686018427387.904 USD"}]}]})")) ==
          std::vector<std::string>{not_exact, "/investors/1/tranches: the tranches' sum overflows the amount range: the sum "
                                              "of the tranches before investors[1] \"F\".tranches[1], "
                                              "$4,611,686,018,427,387.904, plus investors[1] \"F\".tranches[1], "
                                              "$4,611,686,018,427,387.904, is above the largest amount, "
                                              "$9,223,372,036,854,775.807"});
}

// Found by review (fifteenth session, h5): a builder's problem was dropped when the document's
// problems held any pointer of the same investor, or any inside the investors list; a member
// that is not one (the only problem an investor the builder still gets can have) hid its name's
// problem, a tranche's date before the close and the total's overflow: the user saw them only
// after fixing the member. 20,000 seeded random rounds had 539 problems so dropped.
TEST_CASE("json: an investor's unknown member hides none of the round builder's problems") {
    const std::string not_member = ": is not a member of an investor of a round; expected name, kind, lead, commitment, tranches";
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "A", "commitment": "1M"}, {"name": "a", "commitment": "2M", "note": "x"},
        {"name": "  ", "commitment": "1M", "lead_investor": true}]})")) ==
          std::vector<std::string>{
              "/investors/1/note" + not_member, "/investors/2/lead_investor" + not_member,
              "/investors/1/name = \"a\": nearly duplicates investors[0] \"A\" (names that differ only in case, spaces or "
              "punctuation are one investor); combine their tranches under one investor",
              "/investors/2/name = \"  \": must contain a letter or digit"});
    // A tranche's unknown member beside its date before the close, and beside the tranches'
    // overflow (at the tranches, the pointer that holds it).
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "A", "tranches": [{"amount": "1M", "expected_date": "2025-12-01", "memo": "x"}]},
        {"name": "B", "tranches": [{"amount": "9000000000000000"}, {"amount": "9000000000000000", "memo": "x"}]}]})")) ==
          std::vector<std::string>{
              "/investors/0/tranches/0/memo: is not a member of a tranche; expected amount, condition, expected_date, "
              "fallback, label",
              "/investors/1/tranches/1/memo: is not a member of a tranche; expected amount, condition, expected_date, "
              "fallback, label",
              "/investors/0/tranches/0/expected_date = 2025-12-01: must not be before the close date 2026-01-01",
              "/investors/1/tranches: the tranches' sum overflows the amount range: the sum of the tranches before "
              "investors[1] \"B\".tranches[1], $9,000,000,000,000,000.00, plus investors[1] \"B\".tranches[1], "
              "$9,000,000,000,000,000.00, is above the largest amount, $9,223,372,036,854,775.807"});
    // The total's overflow, every investor read (one with an unknown member): its figures are the
    // document's, the investor named at its place.
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": "Bad", "commitment": "1M", "note": 1}, {"name": "investors[0]", "commitment": "5000000000000000"},
        {"name": "B", "commitment": "5000000000000000"}]})")) ==
          std::vector<std::string>{
              "/investors/0/note" + not_member,
              "/investors: the total of the commitments overflows the amount range: the sum of the commitments before "
              "investors[2] \"B\", $5,000,000,001,000,000.00, plus investors[2] \"B\", $5,000,000,000,000,000.00, is above "
              "the largest amount, $9,223,372,036,854,775.807"});
    // An investor that could not be read is not in the builder's sum: its total is not the
    // document's, and is not reported (the investor's own problem is).
    CHECK(round_problems(json::parse(R"({"pre_money": "1B", "close_date": "2026-01-01", "investors": [
        {"name": 1, "commitment": "1M"}, {"name": "A", "commitment": "5000000000000000"},
        {"name": "B", "commitment": "5000000000000000"}]})")) ==
          std::vector<std::string>{"/investors/0/name = 1: must be a string, not a number"});
}

}  // namespace test_json

namespace test_json {

TEST_CASE("json: holders and share classes round-trip") {
    const holder h = holder::founder("f-1", "Ada Founder");
    CHECK(json(h) == json::parse(R"({"id": "f-1", "name": "Ada Founder", "kind": "founder"})"));
    CHECK(json(h).get<holder>() == h);
    CHECK(json::parse(R"({"id": "x", "name": "X"})").get<holder>() == holder(holder_id("x"), "X"));

    const share_class common = share_class::common("Common");
    CHECK(json(common) == json::parse(R"({"name": "Common", "kind": "common", "conversion_ratio": "1"})"));
    CHECK(json(common).get<share_class>() == common);

    liquidation_terms terms;
    terms.multiple = fraction(3, 2);
    terms.participation = participation::capped(fraction(3));
    terms.seniority = 2;
    terms.dividends = dividend_terms::cumulative_compound(fraction(8, 100), year{2024} / 1 / 15, frequency::quarterly);
    const share_class a = share_class::preferred("Series A", price_per_share(money::from_units(1'250), share_count(1)), terms)
                              .with_conversion_ratio(fraction(5, 4));
    CHECK(json(a) == json::parse(R"({"name": "Series A", "kind": "preferred", "conversion_ratio": "5/4",
        "original_issue_price": {"amount": "1.25 USD", "shares": 1},
        "terms": {"multiple": "3/2", "seniority": 2, "participation": {"kind": "capped", "cap_multiple": "3"},
                  "dividends": {"kind": "cumulative_compound", "annual_rate": "2/25", "accrual_start": "2024-01-15",
                                "compounding": "quarterly"}}})"));
    CHECK(json(a).get<share_class>() == a);
    // Defaults left out: 1x non-participating, rank 0, no dividends.
    CHECK(json::parse(R"({"name": "Seed", "kind": "preferred", "original_issue_price": {"amount": "0.5 USD", "shares": 1}})")
              .get<share_class>() == share_class::preferred("Seed", price_per_share(money::from_units(500), share_count(1))));

    // Seeded random terms.
    fundround::detail::xoshiro256 rng(155);
    const participation_kind pk[] = {participation_kind::non_participating, participation_kind::full, participation_kind::capped};
    const dividend_kind dk[] = {dividend_kind::none, dividend_kind::non_cumulative, dividend_kind::cumulative_simple,
                                dividend_kind::cumulative_compound};
    const frequency fq[] = {frequency::monthly, frequency::quarterly, frequency::semiannual, frequency::yearly};
    for (int i = 0; i < 2000; ++i) {
        liquidation_terms t;
        t.multiple = fraction(static_cast<std::int64_t>(rng.below(1000)), static_cast<std::int64_t>(rng.below(100) + 1));
        t.participation.kind = pk[rng.below(3)];
        if (t.participation.kind == participation_kind::capped) t.participation.cap_multiple = t.multiple + fraction(1, static_cast<std::int64_t>(rng.below(9) + 1));
        t.seniority = static_cast<int>(rng.below(10));
        t.dividends.kind = dk[rng.below(4)];
        if (t.dividends.kind != dividend_kind::none) {
            t.dividends.annual_rate = fraction(static_cast<std::int64_t>(rng.below(30) + 1), 100);
            t.dividends.accrual_start = calendar_date::from_day_number(static_cast<std::int64_t>(rng.below(20000)));
            t.dividends.compounding = fq[rng.below(4)];
        }
        CHECK(json(t).get<liquidation_terms>() == t);
        CHECK(json(t.participation).get<participation>() == t.participation);
        CHECK(json(t.dividends).get<dividend_terms>() == t.dividends);
        const share_class c = share_class::preferred(
            "P" + std::to_string(i),
            price_per_share(money::from_units(static_cast<std::int64_t>(rng.below(1'000'000) + 1)),
                            share_count(static_cast<std::int64_t>(rng.below(1000) + 1))),
            t);
        CHECK(json(c).get<share_class>() == c);
    }
}

TEST_CASE("json: participation and dividend terms read on their own, with their errors") {
    CHECK(json::parse(R"({"kind": "capped", "cap_multiple": "3"})").get<participation>() == participation::capped(fraction(3)));
    CHECK(json::parse(R"({"kind": "non_cumulative", "annual_rate": "8%"})").get<dividend_terms>() ==
          dividend_terms::non_cumulative(fraction(8, 100)));
    CHECK(error_of<participation>(json::parse(R"({"kind": "some", "cap": 3})")) ==
          "participation is invalid: 2 problems\n"
          "  - /cap: is not a member of a participation; expected kind, cap_multiple\n"
          "  - /kind = \"some\": must be a participation kind: one of non_participating, full, capped");
    // Regression: "capped" without its cap_multiple read as a cap of 0, reported by the class as
    // "cap_multiple = 0: must be above the preference multiple", a value the file does not have.
    const std::string cap_required =
        "/cap_multiple: is required when kind is \"capped\": the multiple of the original issue price the class "
        "receives in all, its preference included (\"3\")";
    CHECK(error_of<participation>(json::parse(R"({"kind": "capped"})")) == "participation is invalid: 1 problem\n  - " + cap_required);
    CHECK(error_of<share_class>(json::parse(R"({"name": "A", "kind": "preferred",
        "original_issue_price": {"amount": "1 USD", "shares": 1}, "terms": {"participation": {"kind": "capped"}}})")) ==
          "share class is invalid: 1 problem\n  - /terms/participation" + cap_required);
    // Regression (review of the eighth session): the writer left out a cap of 0 ("unless zero"),
    // so participation::capped(0) was written as {"kind": "capped"}, which the reader now refuses
    // for the missing member: a capped participation is written with its cap, whatever it is.
    const participation zero_cap = participation::capped(fraction(0));
    CHECK(json(zero_cap) == json::parse(R"({"kind": "capped", "cap_multiple": "0"})"));
    CHECK(json(zero_cap).get<participation>() == zero_cap);
    CHECK(json(participation::full()) == json::parse(R"({"kind": "full"})"));
    CHECK(error_of<dividend_terms>(json::parse(R"({"annual_rate": 8})")) ==
          "dividend terms is invalid: 2 problems\n"
          "  - /kind: is required\n"
          "  - /annual_rate = 8: must be a fraction string such as \"5/84\", not a number");
}

TEST_CASE("json: holder and share class errors, the class's own rules at their pointers") {
    CHECK(error_of<holder>(json::parse(R"({"id": "", "kind": "ceo"})")) ==
          "holder is invalid: 3 problems\n  - /id = \"\": must not be empty\n  - /name: is required\n"
          "  - /kind = \"ceo\": must be a holder kind: one of founder, employee, investor, advisor, other");
    CHECK(error_of<share_class>(json::parse(R"({"name": "Common", "kind": "common", "terms": {}})")) ==
          "share class is invalid: 1 problem\n  - /terms: is not a member of a common class");
    CHECK(error_of<share_class>(json::parse(R"({"name": "Common", "kind": "common", "conversion_ratio": "2"})")) ==
          "share class is invalid: 1 problem\n  - /conversion_ratio = 2: must be 1 for common stock");
    CHECK(error_of<share_class>(json::parse(R"({"name": "A", "kind": "preferred"})")) ==
          "share class is invalid: 1 problem\n  - /original_issue_price: is required for a preferred class: the price "
          "per share its preference is a multiple of, such as {\"amount\": \"1 USD\", \"shares\": 1}");
    CHECK(error_of<share_class>(json::parse(R"({"name": "A", "kind": "preferred",
        "original_issue_price": {"amount": "1 USD", "shares": 1},
        "terms": {"multiple": "-1", "seniority": 4294967295, "participation": {"kind": "capped", "cap_multiple": "1/2"},
                  "dividends": {"kind": "cumulative_simple", "annual_rate": "8%"}}})")) ==
          "share class is invalid: 1 problem\n  - /terms/seniority = 4294967295: must be an integer rank (a JSON "
          "integer of 32 bits)");
    CHECK(error_of<share_class>(json::parse(R"({"name": "A", "kind": "preferred",
        "original_issue_price": {"amount": "1 USD", "shares": 1},
        "terms": {"multiple": "-1", "seniority": -1, "participation": {"kind": "capped", "cap_multiple": "-2"},
                  "dividends": {"kind": "cumulative_simple", "annual_rate": "8%"}}})")) ==
          "share class is invalid: 4 problems\n"
          "  - /terms/multiple = -1: must not be negative\n"
          "  - /terms/seniority = -1: must not be negative\n"
          "  - /terms/participation/cap_multiple = -2: must be above the preference multiple -1 (the cap includes "
          "the preference)\n"
          "  - /terms/dividends/accrual_start: is required for cumulative dividends");
    CHECK(error_of<liquidation_terms>(json::parse(R"({"participation": {"cap_multiple": 2}, "dividends": {"kind": "x",
        "compounding": "daily"}})")) ==
          "liquidation terms is invalid: 4 problems\n"
          "  - /participation/kind: is required\n"
          "  - /participation/cap_multiple = 2: must be a fraction string such as \"5/84\", not a number\n"
          "  - /dividends/kind = \"x\": must be a dividend kind: one of none, non_cumulative, cumulative_simple, "
          "cumulative_compound\n"
          "  - /dividends/compounding = \"daily\": must be a frequency: one of monthly, quarterly, semiannual, yearly");
}

}  // namespace test_json

namespace test_json {

// The glossary table of test_cap_table.cpp (51percent.com), with a warrant and a declared pair.
cap_table sample_table() {
    const auto sh = [](std::int64_t n) { return share_count(n); };
    return cap_table_builder()
        .add(holder::founder("f1", "Founder One"))
        .add(holder::founder("f2", "Founder Two"))
        .add(holder::investor("vc", "Series A Fund"))
        .add(holder::employee("e1", "Employee One"))
        .add(holder::investor("vc2", "Series A Fund 2"))
        .declare_distinct(holder_id("vc"), holder_id("vc2"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Series A Preferred", price_per_share(2_M, sh(2'000'000))))
        .add(option_pool{"Plan", "Common", sh(2'000'000)})
        .holding(holder_id("f1"), "Common", sh(4'000'000))
        .holding(holder_id("f2"), "Common", sh(2'000'000))
        .holding(holder_id("vc"), "Series A Preferred", sh(2'000'000))
        .grant({holder_id("e1"), "Plan", sh(500'000), price_per_share(money::from_units(1), sh(10))})
        .add(warrant{holder_id("vc2"), "Series A Preferred", sh(3), price_per_share(3_K, sh(3))})
        .build();
}

TEST_CASE("json: a cap table round-trips") {
    const cap_table t = sample_table();
    const json j = t;
    CHECK(j["holdings"][2] == json::parse(R"({"holder": "vc", "share_class": "Series A Preferred", "shares": 2000000})"));
    CHECK(j["pools"] == json::parse(R"([{"name": "Plan", "share_class": "Common", "authorized": 2000000}])"));
    CHECK(j["grants"][0]["exercise_price"] == json::parse(R"({"amount": "0.001 USD", "shares": 10})"));
    CHECK(j["warrants"][0]["exercise_price"] == json::parse(R"({"amount": "1000 USD", "shares": 1})"));
    CHECK(j["declared_distinct"] == json::parse(R"([["vc", "vc2"]])"));
    const cap_table back = j.get<cap_table>();
    CHECK(back == t);
    CHECK(json(back) == j);
    CHECK(back.fully_diluted().total() == t.fully_diluted().total());
}

TEST_CASE("json: a bad cap table reports the document's problems and the builder's, at the document's positions") {
    // The grant's "1" is an amount in the table's currency (USD): not a problem.
    json_reader reader;
    const auto t = reader.read_cap_table(json::parse(R"({
        "holders": [{"id": "a", "name": "A"}, {"id": 7, "name": "B"}, {"id": "c", "name": "C"}, {"id": "c", "name": "C2"}],
        "classes": [{"name": "Common", "kind": "common"}],
        "holdings": [{"holder": "c", "share_class": "Common", "shares": 0}, {"holder": "a", "share_class": "Commn"}],
        "pools": [{"name": "Plan", "share_class": "Common", "authorized": 10, "vesting": "4y"}],
        "grants": [{"holder": "a", "pool": "Plan", "shares": 5, "exercise_price": {"amount": "1", "shares": 1}}],
        "warrants": "none",
        "declared_distinct": [["a"]]})"), field_path("company"));
    CHECK(!t);
    std::vector<std::string> lines;
    for (const diagnostic& d : reader.problems()) lines.push_back(fundround::detail::json_problem_line(d));
    CHECK(lines == std::vector<std::string>{
        "/company/holders/1/id = 7: must be a string, not a number",
        "/company/holdings/1/shares: is required",
        "/company/pools/0/vesting: is not a member of an option pool; expected name, share_class, authorized",
        "/company/warrants = \"none\": must be an array, not a string",
        "/company/declared_distinct/0 = [\"a\"]: must be a pair of holder ids: [\"id\", \"id\"]",
        // The builder's, its positions renumbered to the document's (holder 1 could not be read).
        "/company/holders/3/id = \"c\": duplicates the id of holders[2]; a holder appears once (merge the two)",
        "/company/holdings/0/shares = 0: must be positive",
    });
}

// The holder a builder's rule names is renumbered from the builder's facts (eleventh session:
// every "holders[k]" in the rule's text was, and a name holding "holders[1]" became "holders[2]").
TEST_CASE("json: a holder a rule names is renumbered to the document's position, whatever the names hold") {
    json_reader reader;
    const auto t = reader.read_cap_table(json::parse(R"j({
        "holders": [{"id": "a", "name": "A"}, {"id": 7, "name": "B"}, {"id": "c", "name": "C (holders[1])"},
                    {"id": "c2", "name": "c (holders[1])"}],
        "classes": [{"name": "Common", "kind": "common"}],
        "holdings": [{"holder": "a", "share_class": "Common", "shares": 10}]})j"), field_path("company"));
    CHECK(!t);
    std::vector<std::string> lines;
    for (const diagnostic& d : reader.problems()) lines.push_back(fundround::detail::json_problem_line(d));
    CHECK(lines == std::vector<std::string>{
        "/company/holders/1/id = 7: must be a string, not a number",
        "/company/holders/3/name = \"c (holders[1])\": nearly duplicates holders[2] \"C (holders[1])\" (ids \"c\" and \"c2\"); use "
        "one holder, or declare the two distinct",
    });
}

}  // namespace test_json
