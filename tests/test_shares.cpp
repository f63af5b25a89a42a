// Unit tests for fundround::share_count and fundround::price_per_share.
#include <fundround/numeric/shares.hpp>

#include <doctest/doctest.h>

#include "support/money_test.hpp"

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_shares {

using namespace fundround;

namespace {

using fundround_test::i64_max;
using fundround_test::i64_min;
using fundround_test::usd_units;

std::string streamed(share_count s) {
    std::ostringstream os;
    os << s;
    return os.str();
}

std::string what_of_price(money total, share_count shares) {
    try {
        const price_per_share p(total, shares);
        (void)p;
    } catch (const invalid_argument_error& e) {
        return e.what();
    }
    return "<no invalid_argument_error>";
}

}  // namespace

static_assert(share_count{}.value() == 0, "default share_count is zero");
static_assert(share_count(42).value() == 42, "share_count keeps its value");
static_assert(share_count(1) < share_count(2), "constexpr comparison");

TEST_CASE("share_count: construction and value") {
    CHECK(share_count{}.value() == 0);
    CHECK(share_count(1'600'000).value() == 1'600'000);
    CHECK(share_count(-5).value() == -5);
    CHECK(share_count(i64_max).value() == i64_max);
    CHECK(share_count(i64_min).value() == i64_min);
}

TEST_CASE("share_count: addition and subtraction") {
    CHECK((share_count(3) + share_count(4)).value() == 7);
    CHECK((share_count(3) - share_count(4)).value() == -1);
    CHECK((share_count(-3) + share_count(-4)).value() == -7);
    share_count s(10);
    s += share_count(5);
    CHECK(s.value() == 15);
    s -= share_count(20);
    CHECK(s.value() == -5);
    // Right at the limits: no throw.
    CHECK((share_count(i64_max - 1) + share_count(1)).value() == i64_max);
    CHECK((share_count(i64_min + 1) - share_count(1)).value() == i64_min);
    CHECK((share_count(i64_max) + share_count(i64_min)).value() == -1);
}

TEST_CASE("share_count: overflow throws overflow_error and never wraps") {
    CHECK_THROWS_AS(share_count(i64_max) + share_count(1), overflow_error);
    CHECK_THROWS_AS(share_count(i64_min) + share_count(-1), overflow_error);
    CHECK_THROWS_AS(share_count(i64_min) - share_count(1), overflow_error);
    CHECK_THROWS_AS(share_count(i64_max) - share_count(-1), overflow_error);
    // The message speaks of share counts, not of money (issue 9; found again by review: it said
    // "the 64-bit amount range (about +/-9.2e15 in major units)").
    CHECK_THROWS_WITH_AS(share_count(i64_max) + share_count(1),
                         "fundround: share count addition overflows 64 bits (a value beyond +/-9,223,372,036,854,775,807)",
                         overflow_error);
    CHECK_THROWS_WITH_AS(share_count(i64_min) - share_count(1),
                         "fundround: share count subtraction overflows 64 bits (a value beyond +/-9,223,372,036,854,775,807)",
                         overflow_error);
    CHECK_THROWS_AS(share_count(0) - share_count(i64_min), overflow_error);
    CHECK_THROWS_AS(share_count(i64_max) + share_count(i64_max), overflow_error);

    share_count s(i64_max);
    CHECK_THROWS_AS(s += share_count(1), overflow_error);
    CHECK(s.value() == i64_max);  // unchanged after the failed update
    share_count t(i64_min);
    CHECK_THROWS_AS(t -= share_count(1), overflow_error);
    CHECK(t.value() == i64_min);
    // An overflow_error is also a fundround::error.
    CHECK_THROWS_AS(share_count(i64_max) + share_count(1), error);
}

TEST_CASE("share_count: comparisons") {
    const share_count a(5);
    const share_count b(7);
    CHECK(a == share_count(5));
    CHECK_FALSE(a == b);
    CHECK(a != b);
    CHECK_FALSE(a != share_count(5));
    CHECK(a < b);
    CHECK_FALSE(b < a);
    CHECK_FALSE(a < a);
    CHECK(b > a);
    CHECK_FALSE(a > b);
    CHECK_FALSE(a > a);
    CHECK(a <= b);
    CHECK(a <= a);
    CHECK_FALSE(b <= a);
    CHECK(b >= a);
    CHECK(a >= a);
    CHECK_FALSE(a >= b);
    CHECK(share_count(-1) < share_count(0));
    CHECK(share_count(i64_min) < share_count(i64_max));
}

TEST_CASE("share_count: operator<< groups thousands and keeps the sign") {
    CHECK(streamed(share_count(1'600'000)) == "1,600,000 shares");
    CHECK(streamed(share_count(-5)) == "-5 shares");
    CHECK(streamed(share_count{}) == "0 shares");
    CHECK(streamed(share_count(1)) == "1 shares");
    CHECK(streamed(share_count(999)) == "999 shares");
    CHECK(streamed(share_count(1000)) == "1,000 shares");
    CHECK(streamed(share_count(-1'234'567)) == "-1,234,567 shares");
    CHECK(streamed(share_count(i64_max)) == "9,223,372,036,854,775,807 shares");
    CHECK(streamed(share_count(i64_min)) == "-9,223,372,036,854,775,808 shares");
}

TEST_CASE("price_per_share: exact fraction and currency") {
    const price_per_share third(money::from_major(10), share_count(3));  // $10 / 3 shares
    CHECK(third.units_per_share() == fraction(10000, 3));
    CHECK(third.units_per_share().numerator() == 10000);
    CHECK(third.units_per_share().denominator() == 3);
    CHECK(third.units_per_share().to_string() == "10000/3");
    CHECK(third.currency() == currencies::usd);

    const price_per_share quarter(money::from_major(10), share_count(4));  // reduced: 2500/1
    CHECK(quarter.units_per_share().numerator() == 2500);
    CHECK(quarter.units_per_share().denominator() == 1);

    const price_per_share eur(money::from_major(6, currencies::eur), share_count(4));
    CHECK(eur.currency() == currencies::eur);
    CHECK(eur.units_per_share() == fraction(1500));
}

TEST_CASE("price_per_share: rounded() of a non-terminating price") {
    const price_per_share p(money::from_major(10), share_count(3));  // 3333.33... mills
    CHECK(p.rounded(rounding::floor) == usd_units(3333));
    CHECK(p.rounded(rounding::ceiling) == usd_units(3334));
    CHECK(p.rounded(rounding::half_even) == usd_units(3333));
    CHECK(p.rounded(rounding::toward_zero) == usd_units(3333));
    CHECK(p.rounded(rounding::away_from_zero) == usd_units(3334));
    CHECK_THROWS_AS((void)p.rounded(rounding::exact), inexact_error);

    const price_per_share two_thirds(money::from_major(20), share_count(3));  // 6666.66... mills
    CHECK(two_thirds.rounded(rounding::floor) == usd_units(6666));
    CHECK(two_thirds.rounded(rounding::ceiling) == usd_units(6667));
    CHECK(two_thirds.rounded(rounding::half_even) == usd_units(6667));

    const price_per_share tie(usd_units(5), share_count(2));  // 2.5 mills: a tie
    CHECK(tie.rounded(rounding::half_even) == usd_units(2));
    CHECK(tie.rounded(rounding::half_away_from_zero) == usd_units(3));
    CHECK(tie.rounded(rounding::half_toward_zero) == usd_units(2));

    const price_per_share exact(money::from_major(10), share_count(4));
    CHECK(exact.rounded(rounding::exact) == usd_units(2500));
    CHECK(exact.rounded(rounding::exact).currency() == currencies::usd);
    const price_per_share eur(money::from_major(10, currencies::eur), share_count(3));
    CHECK(eur.rounded(rounding::floor) == money::from_units(3333, currencies::eur));
}

TEST_CASE("price_per_share: cost_of") {
    const price_per_share p(money::from_major(10), share_count(3));
    CHECK(p.cost_of(share_count(3), rounding::exact) == usd_units(10000));
    CHECK(p.cost_of(share_count(300), rounding::exact) == usd_units(1'000'000));
    CHECK(p.cost_of(share_count(0), rounding::exact) == usd_units(0));
    // 2 shares: 20000/3 = 6666.67 mills
    CHECK(p.cost_of(share_count(2), rounding::floor) == usd_units(6666));
    CHECK(p.cost_of(share_count(2), rounding::ceiling) == usd_units(6667));
    CHECK(p.cost_of(share_count(2), rounding::half_even) == usd_units(6667));
    CHECK(p.cost_of(share_count(1), rounding::half_even) == usd_units(3333));
    CHECK_THROWS_AS((void)p.cost_of(share_count(2), rounding::exact), inexact_error);
    // Exact, not rounded per share: 1 share costs 3333 mills rounded, but 3 cost exactly $10.
    CHECK(p.cost_of(share_count(3), rounding::floor) != p.rounded(rounding::floor) * 3);

    const price_per_share eur(money::from_major(10, currencies::eur), share_count(3));
    CHECK(eur.cost_of(share_count(3), rounding::exact) == money::from_major(10, currencies::eur));
    CHECK(eur.cost_of(share_count(3), rounding::exact).currency() == currencies::eur);

    const price_per_share big(money::from_major(1'000'000), share_count(1));  // 1e9 mills
    CHECK_THROWS_AS((void)big.cost_of(share_count(i64_max), rounding::floor), overflow_error);
}

TEST_CASE("price_per_share: shares_for") {
    const price_per_share p(money::from_major(10), share_count(3));
    CHECK(p.shares_for(money::from_major(10), rounding::exact) == share_count(3));
    CHECK(p.shares_for(money::from_major(10), rounding::floor) == share_count(3));
    CHECK(p.shares_for(money::from_major(10), rounding::ceiling) == share_count(3));
    // $5 buys 1.5 shares.
    CHECK(p.shares_for(money::from_major(5), rounding::floor) == share_count(1));
    CHECK(p.shares_for(money::from_major(5), rounding::ceiling) == share_count(2));
    CHECK(p.shares_for(money::from_major(5), rounding::half_even) == share_count(2));
    CHECK(p.shares_for(money::from_major(5), rounding::toward_zero) == share_count(1));
    CHECK_THROWS_AS((void)p.shares_for(money::from_major(5), rounding::exact), inexact_error);
    // $7 buys 2.1 shares.
    CHECK(p.shares_for(money::from_major(7), rounding::floor) == share_count(2));
    CHECK(p.shares_for(money::from_major(7), rounding::ceiling) == share_count(3));
    // One mill short of $10 buys 2.9997 shares.
    CHECK(p.shares_for(usd_units(9999), rounding::floor) == share_count(2));
    CHECK(p.shares_for(usd_units(9999), rounding::ceiling) == share_count(3));
    CHECK(p.shares_for(usd_units(0), rounding::exact) == share_count(0));
    // A negative amount gives a negative count, rounded by the mode.
    CHECK(p.shares_for(money::from_major(-5), rounding::floor) == share_count(-2));
    CHECK(p.shares_for(money::from_major(-5), rounding::ceiling) == share_count(-1));

    // A tiny price: 1 mill per i64_max shares; 2 mills buy more than i64_max shares.
    const price_per_share tiny(usd_units(1), share_count(i64_max));
    CHECK(tiny.shares_for(usd_units(1), rounding::exact) == share_count(i64_max));
    CHECK_THROWS_AS((void)tiny.shares_for(usd_units(2), rounding::floor), overflow_error);
    CHECK_THROWS_AS((void)tiny.shares_for(usd_units(-2), rounding::floor), overflow_error);
}

TEST_CASE("price_per_share: shares_for with another currency throws currency_mismatch_error") {
    const price_per_share p(money::from_major(10), share_count(3));
    CHECK_THROWS_AS((void)p.shares_for(money::from_major(10, currencies::eur), rounding::floor),
                    currency_mismatch_error);
    CHECK_THROWS_WITH_AS((void)p.shares_for(money::from_major(10, currencies::eur), rounding::floor),
                         "price is in USD, amount in EUR", currency_mismatch_error);
    const price_per_share eur(money::from_major(10, currencies::eur), share_count(3));
    CHECK_THROWS_AS((void)eur.shares_for(money::from_major(10), rounding::floor), currency_mismatch_error);
    CHECK(eur.shares_for(money::from_major(10, currencies::eur), rounding::floor) == share_count(3));
}

TEST_CASE("price_per_share: invalid totals and share counts throw invalid_argument_error") {
    CHECK_THROWS_AS(price_per_share(usd_units(0), share_count(3)), invalid_argument_error);
    CHECK_THROWS_AS(price_per_share(usd_units(-1), share_count(3)), invalid_argument_error);
    CHECK_THROWS_AS(price_per_share(money::from_major(10), share_count(0)), invalid_argument_error);
    CHECK_THROWS_AS(price_per_share(money::from_major(10), share_count(-3)), invalid_argument_error);
    CHECK_THROWS_AS(price_per_share(money::from_major(10), share_count(i64_min)), invalid_argument_error);
    CHECK_NOTHROW(price_per_share(usd_units(1), share_count(1)));

    CHECK(what_of_price(usd_units(0), share_count(3)) ==
          "price total = $0.00: must be positive to derive a price per share");
    CHECK(what_of_price(money::from_major(-5), share_count(3)) ==
          "price total = -$5.00: must be positive to derive a price per share");
    CHECK(what_of_price(money::from_major(10), share_count(0)) ==
          "shares = 0: must be positive to derive a price per share");
    CHECK(what_of_price(money::from_major(10), share_count(-3)) ==
          "shares = -3: must be positive to derive a price per share");
}

TEST_CASE("price_per_share: to_string and operator<<") {
    const price_per_share thousand(money::from_major(3000), share_count(3));
    CHECK(thousand.to_string() == "$1,000.0000");
    CHECK(thousand.to_string(2) == "$1,000.00");
    CHECK(thousand.to_string(0) == "$1,000");

    const price_per_share p(money::from_major(10), share_count(3));  // $3.3333...
    CHECK(p.to_string() == "$3.3333");
    CHECK(p.to_string(2) == "$3.33");
    CHECK(p.to_string(2, rounding::ceiling) == "$3.34");
    CHECK(p.to_string(6) == "$3.333333");
    CHECK(p.to_string(0) == "$3");
    CHECK(p.to_string(0, rounding::ceiling) == "$4");
    CHECK_THROWS_AS((void)p.to_string(4, rounding::exact), inexact_error);

    const price_per_share two_thirds(money::from_major(20), share_count(3));  // $6.6666...
    CHECK(two_thirds.to_string() == "$6.6667");
    CHECK(two_thirds.to_string(4, rounding::floor) == "$6.6666");

    const price_per_share big(money::from_major(12'345'678), share_count(1));
    CHECK(big.to_string(1) == "$12,345,678.0");
    const price_per_share small(usd_units(1), share_count(8));  // $0.000125
    CHECK(small.to_string(6) == "$0.000125");
    CHECK(small.to_string() == "$0.0001");

    CHECK(price_per_share(money::from_major(9, currencies::eur), share_count(3)).to_string() ==
          "\xE2\x82\xAC" "3.0000");
    CHECK(price_per_share(money::from_major(1500, currencies::chf), share_count(1)).to_string(2) ==
          "CHF 1,500.00");

    std::ostringstream os;
    os << p;
    CHECK(os.str() == "$3.3333");

    // A price that 4 decimals would print as "$0.0000" or with one significant digit shows two
    // (found by review: founder stock at $100 / 10,000,000 shares printed "$0.0000").
    CHECK(small.display_decimals() == 5);
    CHECK(small.display_string() == "$0.00012");
    const price_per_share founder(money::from_major(100), share_count(10'000'000));  // $0.00001
    CHECK(founder.display_string() == "$0.000010");
    std::ostringstream tiny;
    tiny << founder;
    CHECK(tiny.str() == "$0.000010");
    CHECK(p.display_string() == "$3.3333");
    CHECK(price_per_share(usd_units(1), share_count(1)).display_string() == "$0.0010");  // a mill: 4 decimals
    CHECK(price_per_share(usd_units(1), share_count(INT64_MAX)).display_decimals() == 18);  // at most 18
}

TEST_CASE("price_per_share: equality compares the exact price and the currency") {
    const price_per_share a(money::from_major(10), share_count(4));
    const price_per_share b(money::from_major(5), share_count(2));
    const price_per_share c(money::from_major(10), share_count(3));
    const price_per_share d(money::from_major(10, currencies::eur), share_count(4));
    CHECK(a == b);
    CHECK_FALSE(a != b);
    CHECK(a != c);
    CHECK_FALSE(a == c);
    CHECK(a != d);  // same number, other currency
    CHECK_FALSE(a == d);
    // Prices that round to the same mill are still different.
    const price_per_share e(usd_units(10000), share_count(3));
    const price_per_share f(usd_units(10001), share_count(3));
    CHECK(e.rounded(rounding::floor) == f.rounded(rounding::floor));
    CHECK(e != f);
}

TEST_CASE("share_count: std::hash, consistent with ==, for unordered maps keyed by a count") {
    static_assert(std::is_nothrow_invocable_v<std::hash<share_count>, const share_count&>);
    static_assert(std::is_nothrow_default_constructible_v<std::hash<share_count>>);
    const std::hash<share_count> h;
    CHECK(h(share_count(1'000'000)) == h(share_count(400'000) + share_count(600'000)));
    CHECK(h(share_count(0)) == h(share_count()));
    CHECK(h(share_count(1)) != h(share_count(2)));
    CHECK(h(share_count(1)) != h(share_count(-1)));
    CHECK(h(share_count(i64_max)) != h(share_count(i64_min)));
    std::unordered_map<share_count, int> holders_by_count;
    for (const std::int64_t n : {std::int64_t{1'000'000}, std::int64_t{250'000}, std::int64_t{1'000'000}, i64_max,
                                 std::int64_t{0}, std::int64_t{1'000'000}}) {
        ++holders_by_count[share_count(n)];
    }
    CHECK(holders_by_count.size() == 4);
    CHECK(holders_by_count[share_count(1'000'000)] == 3);
    CHECK(holders_by_count[share_count(250'000)] == 1);
    CHECK(holders_by_count[share_count(i64_max)] == 1);
    CHECK(holders_by_count.count(share_count(999'999)) == 0);
}

TEST_CASE("price_per_share: std::hash of the exact price and currency, consistent with ==") {
    static_assert(std::is_nothrow_invocable_v<std::hash<price_per_share>, const price_per_share&>);
    static_assert(std::is_nothrow_default_constructible_v<std::hash<price_per_share>>);
    const std::hash<price_per_share> h;
    // $10 / 4 shares == $5 / 2 shares: one price, whatever total and count it was derived from.
    const price_per_share a(money::from_major(10), share_count(4));
    const price_per_share b(money::from_major(5), share_count(2));
    REQUIRE(a == b);
    CHECK(h(a) == h(b));
    const price_per_share third(money::from_major(10), share_count(3));
    const price_per_share third_again(money::from_major(30), share_count(9));
    REQUIRE(third == third_again);
    CHECK(h(third) == h(third_again));
    CHECK(h(a) != h(third));
    // The same units per share in another currency is another price.
    const price_per_share eur(money::from_major(10, currencies::eur), share_count(4));
    REQUIRE(eur != a);
    CHECK(h(eur) != h(a));
    // Prices that round to the same mill ($3.333 floored) are still different keys.
    const price_per_share f(usd_units(10001), share_count(3));
    REQUIRE(f.rounded(rounding::floor) == third.rounded(rounding::floor));
    CHECK(h(f) != h(third));
    std::unordered_set<price_per_share> prices{a, b, third, third_again, eur, f};
    CHECK(prices.size() == 4);
    CHECK(prices.count(price_per_share(usd_units(20000), share_count(6))) == 1);  // $10 / 3
    CHECK(prices.count(price_per_share(money::from_major(25), share_count(10))) == 1);  // $2.50
    CHECK(prices.count(price_per_share(money::from_major(25), share_count(10'000))) == 0);
    std::unordered_map<price_per_share, share_count> issued;
    issued[a] += share_count(100);
    issued[b] += share_count(50);
    issued[eur] += share_count(7);
    CHECK(issued.size() == 2);
    CHECK(issued.at(price_per_share(money::from_major(25), share_count(10))) == share_count(150));
    CHECK(issued.at(eur) == share_count(7));
}

}  // namespace test_shares
