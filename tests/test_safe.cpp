// Unit tests for fundround/instruments/safe.hpp: the SAFE value types (post-money cap, discount,
// cap and discount, MFN, uncapped; pre-money cap with the pool-increase term named) and their
// validation. Conversion is tested in test_conversion.cpp.
#include <fundround/instruments/safe.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_safe {

using namespace fundround;
using namespace fundround::literals;
using date::year;

TEST_CASE("the named constructors give the standard forms' terms") {
    const calendar_date d = year{2025} / 3 / 1;
    const safe cap = safe::post_money_cap(holder_id("a"), 100'000_usd, 4_M, d);
    CHECK(cap.type() == safe_type::cap_only);
    CHECK(cap.form == safe_form::post_money);
    CHECK(cap.valuation_cap == 4_M);
    CHECK_FALSE(cap.discount.has_value());
    CHECK(cap.description() == "post-money SAFE (valuation cap)");

    const safe disc = safe::post_money_discount(holder_id("b"), 50'000_usd, fraction(1, 5), d);
    CHECK(disc.type() == safe_type::discount_only);
    CHECK(disc.discount == fraction(1, 5));

    const safe both = safe::post_money_cap_and_discount(holder_id("c"), 250'000_usd, 10_M, fraction(1, 10), d);
    CHECK(both.type() == safe_type::cap_and_discount);
    CHECK(both.description() == "post-money SAFE (valuation cap and discount)");

    const safe mfn = safe::post_money_mfn(holder_id("d"), 25'000_usd, d);
    CHECK(mfn.type() == safe_type::mfn);
    CHECK(mfn.mfn);

    const safe plain = safe::post_money_uncapped(holder_id("e"), 10'000_usd, d);
    CHECK(plain.type() == safe_type::uncapped);

    const safe pre = safe::pre_money_cap(holder_id("f"), 100'000_usd, 5_M, d, fraction(15, 100), pool_increase::excluded);
    CHECK(pre.form == safe_form::pre_money);
    CHECK(pre.type() == safe_type::cap_and_discount);
    CHECK(pre.pool_increase == pool_increase::excluded);
    CHECK(pre.description() == "pre-money SAFE (valuation cap and discount)");
    CHECK(to_string(pool_increase::included) == "pool increase included");
}

TEST_CASE("valid SAFEs have no problems") {
    CHECK(safe::post_money_cap(holder_id("a"), 1_usd, 1_usd, year{2025} / 1 / 1).validate().empty());
    CHECK(safe::post_money_discount(holder_id("a"), 1_usd, fraction(0), year{2025} / 1 / 1).validate().empty());
    CHECK(safe::post_money_discount(holder_id("a"), 1_usd, fraction(99, 100), year{2025} / 1 / 1).validate().empty());
}

TEST_CASE("validation reports every problem of a SAFE at once, with its path") {
    safe s = safe::post_money_cap_and_discount(holder_id(""), 0_usd, 0_usd, fraction(1), year{2025} / 2 / 30);
    const std::vector<diagnostic> d = s.validate(field_path("safes").index(3));
    REQUIRE(d.size() == 5);
    CHECK(d[0].field.to_string() == "safes[3].holder");
    CHECK(d[1].message() == "safes[3].purchase_amount = $0.00: must be positive");
    CHECK(d[2].message() == "safes[3].valuation_cap = $0.00: must be positive");
    CHECK(d[3].message() == "safes[3].discount = 1 (100.0000%): must be at least 0% and below 100%");
    CHECK(d[4].field.json_pointer() == "/safes/3/date");

    s = safe::post_money_discount(holder_id("a"), -5_usd, fraction(-1, 10), year{2025} / 2 / 1);
    const std::vector<diagnostic> e = s.validate();
    REQUIRE(e.size() == 2);
    CHECK(e[0].field.to_string() == "safe.purchase_amount");
    CHECK(e[1].message() == "safe.discount = -1/10 (-10.0000%): must be at least 0% and below 100%");

    s = safe::post_money_cap(holder_id("a"), 100_usd, 4'000'000_eur, year{2025} / 2 / 1);
    const std::vector<diagnostic> f = s.validate();
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule == "must be in USD, the purchase amount's currency");
}

}  // namespace test_safe
