// Unit tests for fundround/deal/valuation.hpp and fundround/numeric/shares.hpp: pre/post-money, step-ups,
// ownership, price per share, share counts.
#include <fundround/numeric/shares.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/deal/valuation.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <string>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_valuation {

namespace fr = fundround;
using namespace fundround::literals;
using fr::fraction;
using fr::money;
using fr::price_per_share;
using fr::rounding;
using fr::share_count;
using fr::valuation;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

template <class T>
std::string text_of(const T& v) {
    std::ostringstream os;
    os << v;
    return os.str();
}

// An independent 128-bit integer for reference computations (GCC and Clang).
__extension__ typedef __int128 wide_int;  // NOLINT(modernize-use-using)

money usd(std::int64_t whole) { return money::from_major(whole); }

// Deterministic 64-bit LCG (Knuth MMIX constants): the same sequence on every run and platform.
struct lcg {
    std::uint64_t state;
    std::uint64_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 11;  // drop the weak low bits
    }
    // Uniform-ish integer in [lo, hi].
    std::int64_t in(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1U;
        return lo + static_cast<std::int64_t>(next() % span);
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// share_count

TEST_CASE("share_count: value, arithmetic and comparisons") {
    constexpr share_count zero;
    static_assert(zero.value() == 0);
    static_assert(share_count(1'600'000).value() == 1'600'000);
    static_assert(share_count(5) == share_count(5));
    static_assert(share_count(5) != share_count(6));
    static_assert(share_count(5) < share_count(6));
    static_assert(share_count(-1) < zero);

    const share_count a(8'000'000);
    const share_count b(1'600'000);
    CHECK((a + b) == share_count(9'600'000));
    CHECK((a - b) == share_count(6'400'000));
    CHECK((b - a) == share_count(-6'400'000));
    share_count c = a;
    c += b;
    CHECK(c.value() == 9'600'000);
    c -= a;
    CHECK(c == b);
    CHECK(a > b);
    CHECK(a >= b);
    CHECK(b <= a);
    CHECK(a >= a);
    CHECK(a <= a);
    CHECK_FALSE(a < a);
    CHECK_FALSE(a > a);
}

TEST_CASE("share_count: overflow throws and leaves the value unchanged") {
    CHECK_THROWS_AS(share_count(kMax) + share_count(1), fr::overflow_error);
    CHECK_THROWS_AS(share_count(kMin) - share_count(1), fr::overflow_error);
    CHECK_THROWS_AS(share_count(0) - share_count(kMin), fr::overflow_error);
    CHECK_THROWS_AS(share_count(kMin) + share_count(-1), fr::overflow_error);
    share_count s(kMax);
    CHECK_THROWS_AS(s += share_count(1), fr::overflow_error);
    CHECK(s.value() == kMax);
    CHECK((share_count(kMax) + share_count(0)).value() == kMax);
    CHECK((share_count(kMax) + share_count(kMin)).value() == -1);
    CHECK((share_count(kMin) - share_count(kMin)).value() == 0);
}

TEST_CASE("share_count: operator<< groups thousands") {
    CHECK(text_of(share_count(1'600'000)) == "1,600,000 shares");
    CHECK(text_of(share_count()) == "0 shares");
    CHECK(text_of(share_count(1)) == "1 shares");
    CHECK(text_of(share_count(999)) == "999 shares");
    CHECK(text_of(share_count(1'000)) == "1,000 shares");
    CHECK(text_of(share_count(100'000)) == "100,000 shares");
    CHECK(text_of(share_count(-1'234)) == "-1,234 shares");
    CHECK(text_of(share_count(-999)) == "-999 shares");
    CHECK(text_of(share_count(kMax)) == "9,223,372,036,854,775,807 shares");
    CHECK(text_of(share_count(kMin)) == "-9,223,372,036,854,775,808 shares");
}

// ---------------------------------------------------------------------------------------------
// valuation: pre / post money, step-ups, ownership

TEST_CASE("valuation: post-money = pre-money + money in, exactly") {
    const valuation v(730_B);
    CHECK(v.pre_money() == 730_B);
    CHECK(v.post_money(110_B) == 840_B);
    CHECK(v.post_money(money()) == 730_B);
    CHECK(v.post_money(money::from_units(1)).units() == 730'000'000'000'001);
    CHECK_FALSE(v.pre_money_shares().has_value());
    CHECK_FALSE(v.price().has_value());
}

TEST_CASE("valuation: step-ups against a prior mark") {
    const valuation v(730_B);
    // $730B vs $500B = 73/50 = 1.46x
    CHECK(v.step_up_from(500_B) == fraction(73, 50));
    CHECK(v.step_up_from(500_B).to_string() == "73/50");
    CHECK(v.step_up_from(500_B).to_multiple_string(2) == "1.46x");
    // ($730B + $110B) / $500B = 840/500 = 42/25 = 1.68x
    CHECK(v.post_money_step_up_from(500_B, 110_B) == fraction(42, 25));
    CHECK(v.post_money_step_up_from(500_B, 110_B).to_multiple_string(2) == "1.68x");
    // Flat and down rounds.
    CHECK(v.step_up_from(730_B) == fraction(1));
    CHECK(v.step_up_from(1'460_B) == fraction(1, 2));
    CHECK(v.step_up_from(1'460_B).to_multiple_string(2) == "0.50x");

    CHECK_THROWS_AS(v.step_up_from(money()), fr::invalid_argument_error);
    CHECK_THROWS_AS(v.step_up_from(money::from_major(500, fr::currencies::eur)), fr::currency_mismatch_error);
    CHECK_THROWS_AS(v.post_money_step_up_from(500_B, money::from_major(1, fr::currencies::eur)),
                    fr::currency_mismatch_error);
}

TEST_CASE("valuation: ownership bought by the money in") {
    const valuation v(730_B);
    CHECK(v.ownership_bought_by(110_B) == fraction(11, 84));  // 110 / 840
    CHECK(v.ownership_bought_by(110_B).to_percent_string(2) == "13.10%");
    CHECK(v.ownership_bought_by(money()) == fraction(0));
    CHECK(valuation(usd(10'000'000)).ownership_bought_by(usd(2'000'000)) == fraction(1, 6));
    CHECK(valuation(usd(3)).ownership_bought_by(usd(1)) == fraction(1, 4));
    CHECK_THROWS_AS(v.ownership_bought_by(money::from_major(1, fr::currencies::eur)), fr::currency_mismatch_error);
}

TEST_CASE("valuation: non-positive pre-money and shares throw") {
    CHECK_THROWS_WITH_AS(valuation{money()}, "pre_money = $0.00: must be positive", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(valuation(-1_M), "pre_money = -$1,000,000.00: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(valuation(money(), share_count(10)), "pre_money = $0.00: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(valuation(10_M, share_count(0)), "pre_money_shares = 0: must be positive",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(valuation(10_M, share_count(-5)), "pre_money_shares = -5: must be positive",
                         fr::invalid_argument_error);
    CHECK_NOTHROW(valuation(money::from_units(1)));
    CHECK_NOTHROW(valuation(money::from_units(1), share_count(1)));
}

TEST_CASE("valuation: overflow and currency mismatch in post-money throw") {
    const valuation v(money::from_units(kMax));
    CHECK_THROWS_AS(v.post_money(money::from_units(1)), fr::overflow_error);
    CHECK_THROWS_AS(v.ownership_bought_by(money::from_units(1)), fr::overflow_error);
    CHECK(v.post_money(money()) == money::from_units(kMax));
    CHECK_THROWS_AS(valuation(10_M).post_money(money::from_major(1, fr::currencies::eur)),
                    fr::currency_mismatch_error);
}

TEST_CASE("valuation: equality") {
    CHECK(valuation(10_M) == valuation(10_M));
    CHECK(valuation(10_M) != valuation(11_M));
    CHECK(valuation(10_M, share_count(8'000'000)) == valuation(10_M, share_count(8'000'000)));
    CHECK(valuation(10_M, share_count(8'000'000)) != valuation(10_M, share_count(8'000'001)));
    CHECK(valuation(10_M, share_count(8'000'000)) != valuation(10_M));
    CHECK(valuation(10_M) != valuation(money::from_major(10'000'000, fr::currencies::eur)));
}

// ---------------------------------------------------------------------------------------------
// Price per share

TEST_CASE("worked example: $10M pre-money over 8M shares, $2M raised") {
    // The standard priced-round worked example: price = pre-money / pre-money fully diluted shares.
    //   $10,000,000 / 8,000,000 shares = $1.25 per share
    //   $2,000,000 / $1.25 = 1,600,000 new shares
    //   post-money = $10,000,000 + $2,000,000 = $12,000,000
    //   investor owns 1,600,000 / (8,000,000 + 1,600,000) = 1,600,000 / 9,600,000 = 1/6
    //   (= $2,000,000 / $12,000,000: the share and money views agree).
    const valuation v(usd(10'000'000), share_count(8'000'000));
    REQUIRE(v.pre_money_shares().has_value());
    CHECK(*v.pre_money_shares() == share_count(8'000'000));

    const std::optional<price_per_share> p = v.price();
    REQUIRE(p.has_value());
    CHECK(p->units_per_share() == fraction(1250));  // $1.25 = 1,250 mills
    CHECK(p->currency() == fr::currencies::usd);
    CHECK(*p == price_per_share(usd(10'000'000), share_count(8'000'000)));
    CHECK(p->rounded(rounding::exact) == 1.25_usd);
    CHECK(p->to_string() == "$1.2500");
    CHECK(text_of(*p) == "$1.2500");
    CHECK(p->to_string(2) == "$1.25");
    // Large prices group thousands like amounts do: $730B over 730,000,000 shares = $1,000.
    CHECK(price_per_share(730_B, share_count(730'000'000)).to_string() == "$1,000.0000");
    CHECK(price_per_share(usd(10), share_count(3)).to_string(3, rounding::half_even) == "$3.333");

    const money raised = usd(2'000'000);
    const share_count bought = p->shares_for(raised, rounding::floor);
    CHECK(bought == share_count(1'600'000));
    CHECK(text_of(bought) == "1,600,000 shares");
    CHECK(p->cost_of(bought, rounding::exact) == raised);

    CHECK(v.post_money(raised) == usd(12'000'000));
    const share_count post_shares = *v.pre_money_shares() + bought;
    CHECK(post_shares == share_count(9'600'000));
    CHECK(fraction(bought.value(), post_shares.value()) == fraction(1, 6));
    CHECK(v.ownership_bought_by(raised) == fraction(1, 6));
    CHECK(v.ownership_bought_by(raised).to_percent_string(2) == "16.67%");
    // The post-money price equals the pre-money price.
    CHECK(price_per_share(v.post_money(raised), post_shares) == *p);
}

TEST_CASE("price per share: non-terminating price kept exact") {
    // $10,000,000 over 3,000,000 shares = $3.3333... = 10,000/3 mills per share.
    const price_per_share p(usd(10'000'000), share_count(3'000'000));
    CHECK(p.units_per_share() == fraction(10'000, 3));
    CHECK(p.to_string() == "$3.3333");
    CHECK(p.to_string(2) == "$3.33");
    CHECK(p.to_string(0) == "$3");
    CHECK(p.to_string(6) == "$3.333333");
    CHECK(p.to_string(4, rounding::ceiling) == "$3.3334");
    CHECK(p.rounded(rounding::half_even) == money::from_units(3'333));
    CHECK(p.rounded(rounding::floor) == money::from_units(3'333));
    CHECK(p.rounded(rounding::ceiling) == money::from_units(3'334));
    CHECK_THROWS_AS(p.rounded(rounding::exact), fr::inexact_error);

    // The exact fraction means 3,000,000 shares cost exactly the pre-money, no drift.
    CHECK(p.cost_of(share_count(3'000'000), rounding::exact) == usd(10'000'000));
    CHECK(p.cost_of(share_count(3), rounding::exact) == usd(10));
    CHECK(p.cost_of(share_count(1), rounding::half_even) == money::from_units(3'333));
    CHECK(p.cost_of(share_count(2), rounding::half_even) == money::from_units(6'667));
    CHECK(p.cost_of(share_count(2), rounding::floor) == money::from_units(6'666));
    CHECK_THROWS_AS(p.cost_of(share_count(1), rounding::exact), fr::inexact_error);
    CHECK(p.cost_of(share_count(), rounding::exact) == money());

    // $5 buys 1.5 shares.
    CHECK(p.shares_for(usd(5), rounding::floor) == share_count(1));
    CHECK(p.shares_for(usd(5), rounding::ceiling) == share_count(2));
    CHECK(p.shares_for(usd(5), rounding::half_even) == share_count(2));
    CHECK(p.shares_for(usd(5), rounding::half_toward_zero) == share_count(1));
    CHECK_THROWS_AS(p.shares_for(usd(5), rounding::exact), fr::inexact_error);
    CHECK(p.shares_for(usd(10), rounding::exact) == share_count(3));
    CHECK(p.shares_for(usd(1'000), rounding::exact) == share_count(300));
    CHECK(p.shares_for(money(), rounding::exact) == share_count(0));
    // $1,000,000.10 at $1.25 buys 800,000.08 shares: floor issues 800,000, costing $1,000,000.00.
    const price_per_share p125(usd(10'000'000), share_count(8'000'000));
    CHECK(p125.shares_for(1'000'000.10_usd, rounding::floor) == share_count(800'000));
    CHECK(p125.shares_for(1'000'000.10_usd, rounding::ceiling) == share_count(800'001));
    CHECK(p125.cost_of(share_count(800'000), rounding::exact) == usd(1'000'000));
}

TEST_CASE("price per share: errors, currencies, equality") {
    CHECK_THROWS_WITH_AS(price_per_share(10_M, share_count(0)),
                         "shares = 0: must be positive to derive a price per share", fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS(price_per_share(10_M, share_count(-3)),
                         "shares = -3: must be positive to derive a price per share", fr::invalid_argument_error);

    const price_per_share eur(money::from_major(10'000'000, fr::currencies::eur), share_count(8'000'000));
    CHECK(eur.currency() == fr::currencies::eur);
    CHECK(eur.to_string() == "\xE2\x82\xAC"
                             "1.2500");
    CHECK(eur.rounded(rounding::exact) == money::from_units(1'250, fr::currencies::eur));
    CHECK(eur.cost_of(share_count(2), rounding::exact) == money::from_units(2'500, fr::currencies::eur));
    CHECK_THROWS_AS(eur.shares_for(usd(100), rounding::floor), fr::currency_mismatch_error);
    CHECK(eur.shares_for(money::from_major(100, fr::currencies::eur), rounding::floor) == share_count(80));
    const price_per_share chf(money::from_major(10, fr::currencies::chf), share_count(8));
    CHECK(chf.to_string() == "CHF 1.2500");

    const price_per_share usd_price(usd(10'000'000), share_count(8'000'000));
    CHECK(usd_price != eur);
    CHECK(usd_price == price_per_share(usd(5), share_count(4)));  // same exact price
    CHECK(usd_price != price_per_share(usd(5), share_count(3)));

    // Only a valuation with shares has a price.
    CHECK_FALSE(valuation(10_M).price().has_value());
    CHECK(valuation(10_M, share_count(1)).price()->rounded(rounding::exact) == 10_M);
}

TEST_CASE("price per share: shares_for overflow throws") {
    // A price of one mill per billion shares: $10B would buy 10^22 shares.
    const price_per_share tiny(money::from_units(1), share_count(1'000'000'000));
    CHECK(tiny.shares_for(money::from_units(9), rounding::exact) == share_count(9'000'000'000));
    CHECK_THROWS_AS(tiny.shares_for(10_B, rounding::floor), fr::overflow_error);
}

// ---------------------------------------------------------------------------------------------
// Properties (deterministic pseudo-random inputs)

TEST_CASE("property: post_money(m) == pre + m and ownership_bought_by(m) == m / (pre + m)") {
    lcg rng{20260227};
    for (int i = 0; i < 2000; ++i) {
        const std::int64_t pre = rng.in(1, 1'000'000'000'000'000);      // up to $10^12
        const std::int64_t in = rng.in(0, 1'000'000'000'000'000);
        const std::int64_t prior = rng.in(1, 1'000'000'000'000'000);
        CAPTURE(pre);
        CAPTURE(in);
        const valuation v(money::from_units(pre));
        const money m = money::from_units(in);
        REQUIRE(v.post_money(m).units() == pre + in);
        REQUIRE(v.post_money(m).currency() == fr::currencies::usd);
        const fraction own = v.ownership_bought_by(m);
        REQUIRE(own == fraction(in, pre + in));
        REQUIRE(own >= fraction(0));
        REQUIRE(own < fraction(1));
        // Ownership bought plus the existing holders' share is the whole company.
        REQUIRE(own + fraction(pre, pre + in) == fraction(1));
        // Post-money step-up = pre-money step-up + money in / prior mark.
        REQUIRE(v.post_money_step_up_from(money::from_units(prior), m) ==
                v.step_up_from(money::from_units(prior)) + fraction(in, prior));
    }
}

TEST_CASE("property: shares_for(floor) is the largest whole number of shares the money pays for") {
    lcg rng{42};
    for (int i = 0; i < 2000; ++i) {
        const std::int64_t pre = rng.in(1'000'000, 1'000'000'000'000'000);  // $1,000 .. $10^12
        const std::int64_t shares = rng.in(1, 1'000'000'000);
        const std::int64_t amount = rng.in(0, 1'000'000'000'000'000);  // up to $10^12
        CAPTURE(pre);
        CAPTURE(shares);
        CAPTURE(amount);
        const valuation v(money::from_units(pre), share_count(shares));
        const price_per_share p = *v.price();
        REQUIRE(p.units_per_share() == fraction(pre, shares));
        // amount / (pre / shares) = amount * shares / pre, computed independently in 128 bits.
        const wide_int num = static_cast<wide_int>(amount) * shares;
        const auto expected_floor = static_cast<std::int64_t>(num / pre);
        const bool exact = num % pre == 0;
        const share_count n = p.shares_for(money::from_units(amount), rounding::floor);
        REQUIRE(n.value() == expected_floor);
        REQUIRE(p.shares_for(money::from_units(amount), rounding::ceiling).value() == expected_floor + (exact ? 0 : 1));
        // Never pays more than the amount for the floor, and one more share would cost more.
        REQUIRE(p.cost_of(n, rounding::ceiling) <= money::from_units(amount));
        REQUIRE(p.cost_of(n + share_count(1), rounding::ceiling) > money::from_units(amount));
    }
}

}  // namespace test_valuation
