// Unit tests for fundround/instruments/safe.hpp: the SAFE value types (post-money cap, discount,
// cap and discount, MFN, uncapped, fixed percentage; pre-money cap with the pool-increase term named) and their
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

TEST_CASE("an MFN SAFE takes one later SAFE's terms whole: the most favourable of its form") {
    // YC's MFN safe "will take on the terms of the lowest cap safe (or other most favorable
    // terms)" (ycombinator.com/deal, footnote 1): one SAFE's terms, never a cap from one SAFE and
    // a discount from another.
    const auto on = [](unsigned m) { return calendar_date{year{2025} / m / 1}; };
    const std::vector<safe> s{
        safe::post_money_mfn(holder_id("m"), 100'000_usd, on(1)),
        safe::post_money_cap(holder_id("a"), 500'000_usd, 8_M, on(3)),
        safe::post_money_cap_and_discount(holder_id("b"), 500'000_usd, 12_M, fraction(1, 5), on(4)),
        safe::post_money_cap(holder_id("early"), 500'000_usd, 6_M, year{2024} / 12 / 1),  // before the MFN: not a term it can take
        safe::pre_money_cap(holder_id("pre"), 500'000_usd, 5_M, on(5)),                   // another form
    };
    detail::mfn_resolved r = detail::resolve_mfn(s, 0);
    CHECK(r.cap == 8_M);  // a's terms whole: no 20% discount from b
    CHECK_FALSE(r.discount);
    CHECK(r.from == std::vector<std::size_t>{1});

    // At equal caps the larger discount; a cap beats no cap; no discount counts as 0%.
    std::vector<safe> t{safe::post_money_mfn(holder_id("m"), 100'000_usd, on(1)),
                        safe::post_money_discount(holder_id("d"), 1_M, fraction(1, 2), on(2)),
                        safe::post_money_cap(holder_id("a"), 500'000_usd, 10_M, on(3)),
                        safe::post_money_cap_and_discount(holder_id("b"), 500'000_usd, 10_M, fraction(1, 10), on(4))};
    r = detail::resolve_mfn(t, 0);
    CHECK(r.cap == 10_M);
    CHECK(r.discount == fraction(1, 10));
    CHECK(r.from == std::vector<std::size_t>{3});

    // Only discounts later: the largest; at equal terms the earliest.
    t = {safe::post_money_mfn(holder_id("m"), 100'000_usd, on(1)), safe::post_money_discount(holder_id("d"), 1_M, fraction(1, 5), on(2)),
         safe::post_money_discount(holder_id("e"), 1_M, fraction(1, 4), on(3)), safe::post_money_discount(holder_id("f"), 1_M, fraction(1, 4), on(4))};
    r = detail::resolve_mfn(t, 0);
    CHECK_FALSE(r.cap);
    CHECK(r.discount == fraction(1, 4));
    CHECK(r.from == std::vector<std::size_t>{2});

    // Regression (audit of 2026-12-05): at equal terms the earliest by date, not the first in
    // the list; at equal dates the first in the list. Before, the list order decided.
    t = {safe::post_money_mfn(holder_id("m"), 100'000_usd, on(1)), safe::post_money_cap(holder_id("june"), 1_M, 8_M, year{2025} / 6 / 1),
         safe::post_money_cap(holder_id("march"), 1_M, 8_M, year{2025} / 3 / 1),
         safe::post_money_cap(holder_id("march2"), 1_M, 8_M, year{2025} / 3 / 1)};
    r = detail::resolve_mfn(t, 0);
    CHECK(r.cap == 8_M);
    CHECK(r.from == std::vector<std::size_t>{2});
    std::swap(t[2], t[3]);  // the two March SAFEs: the first listed
    CHECK(detail::resolve_mfn(t, 0).from == std::vector<std::size_t>{2});
    CHECK(t[2].holder == holder_id("march2"));

    // A SAFE with terms of its own and MFN keeps them unless a later SAFE's are more favourable.
    safe own = safe::post_money_cap(holder_id("m"), 100'000_usd, 9_M, on(1));
    own.mfn = true;
    t = {own, safe::post_money_cap(holder_id("a"), 500'000_usd, 9_M, on(2)), safe::post_money_cap(holder_id("b"), 500'000_usd, 10_M, on(3))};
    r = detail::resolve_mfn(t, 0);
    CHECK(r.cap == 9_M);
    CHECK(r.from.empty());
    t.push_back(safe::post_money_cap(holder_id("c"), 500'000_usd, 7_M, on(4)));
    r = detail::resolve_mfn(t, 0);
    CHECK(r.cap == 7_M);
    CHECK(r.from == std::vector<std::size_t>{3});

    // Not an MFN SAFE, or nothing later with terms: its own terms.
    CHECK(detail::resolve_mfn(s, 1).cap == 8_M);
    CHECK(detail::resolve_mfn(s, 1).from.empty());
    const std::vector<safe> alone{safe::post_money_mfn(holder_id("m"), 100'000_usd, on(1)),
                                  safe::post_money_uncapped(holder_id("u"), 100'000_usd, on(2))};
    r = detail::resolve_mfn(alone, 0);
    CHECK_FALSE(r.cap);
    CHECK_FALSE(r.discount);
    CHECK(r.from.empty());
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

TEST_CASE("fixed_percentage_text: 2 decimals, more only where 2 would show 0.00% or 100.00%") {
    CHECK(detail::fixed_percentage_text(fraction(7, 100)) == "7.00%");
    CHECK(detail::fixed_percentage_text(fraction(1, 3)) == "33.33%");
    CHECK(detail::fixed_percentage_text(fraction(1, 10'000)) == "0.01%");
    CHECK(detail::fixed_percentage_text(fraction(1, 1'000'000)) == "0.0001%");
    CHECK(detail::fixed_percentage_text(fraction(3, 2'000'000)) == "0.0002%");  // 0.00015% half-even
    CHECK(detail::fixed_percentage_text(fraction(999'999, 1'000'000)) == "99.9999%");
    CHECK(detail::fixed_percentage_text(fraction(1, 100'000'000'000'000'000)) == "0.000000000000001%");
    CHECK(detail::fixed_percentage_text(fraction(1)) == "100.00%");  // outside: as it is
}

TEST_CASE("a fixed-percentage SAFE: its type, its validation, and an MFN SAFE does not take its terms") {
    // Y Combinator's standard deal: "$125,000 on a post-money safe for 7%" (ycombinator.com/deal).
    const calendar_date d = year{2026} / 1 / 5;
    const safe yc = safe::post_money_fixed_percentage(holder_id("yc"), 125'000_usd, fraction(7, 100), d);
    CHECK(yc.type() == safe_type::fixed_percentage);
    CHECK(yc.form == safe_form::post_money);
    CHECK(yc.fixed_percentage == fraction(7, 100));
    CHECK_FALSE(yc.valuation_cap);
    CHECK_FALSE(yc.discount);
    CHECK_FALSE(yc.mfn);
    CHECK(to_string(safe_type::fixed_percentage) == "fixed percentage");
    CHECK(yc.description() == "post-money SAFE (fixed percentage)");
    CHECK(yc.validate().empty());
    CHECK(safe::post_money_fixed_percentage(holder_id("a"), 1_usd, fraction(9999, 10'000), d).validate().empty());

    // 0% and 100% are out; each conflicting term is named with its value and the rule.
    for (const fraction& pct : {fraction(0), fraction(1), fraction(-7, 100), fraction(107, 100)}) {
        const std::vector<diagnostic> p = safe::post_money_fixed_percentage(holder_id("a"), 1_usd, pct, d).validate();
        REQUIRE(p.size() == 1);
        CHECK(p[0].field.to_string() == "safe.fixed_percentage");
        CHECK(p[0].rule == "must be above 0% and below 100%");
    }
    safe mixed = safe::pre_money_cap(holder_id("a"), 125'000_usd, 5_M, d, fraction(1, 5));
    mixed.mfn = true;
    mixed.fixed_percentage = fraction(7, 100);
    CHECK(mixed.type() == safe_type::fixed_percentage);
    const std::vector<diagnostic> m = mixed.validate(field_path("safes").index(2));
    REQUIRE(m.size() == 4);
    CHECK(m[0].message() ==
          "safes[2].valuation_cap = $5,000,000.00: a fixed-percentage SAFE (7/100 (7.0000%) of the Company Capitalization) has no "
          "valuation cap: remove one of the two");
    CHECK(m[1].message() ==
          "safes[2].discount = 1/5 (20.0000%): a fixed-percentage SAFE (7/100 (7.0000%) of the Company Capitalization) has no "
          "discount: remove one of the two");
    CHECK(m[2].field.to_string() == "safes[2].mfn");
    CHECK(m[3].message() ==
          "safes[2].form = pre_money: a fixed-percentage SAFE (7/100 (7.0000%) of the Company Capitalization) has the post-money "
          "form (its percentage is of the post-money Company Capitalization)");

    // An MFN SAFE converts at a price: a later fixed-percentage SAFE's terms are not taken; a
    // later cap SAFE's are.
    const std::vector<safe> s{safe::post_money_mfn(holder_id("m"), 100'000_usd, year{2025} / 12 / 1), yc,
                              safe::post_money_cap(holder_id("c"), 500'000_usd, 10_M, year{2026} / 2 / 1)};
    const detail::mfn_resolved r = detail::resolve_mfn(s, 0);
    CHECK(r.cap == 10_M);
    CHECK(r.from == std::vector<std::size_t>{2});
    const detail::mfn_resolved none = detail::resolve_mfn({s[0], s[1]}, 0);
    CHECK_FALSE(none.cap);
    CHECK(none.from.empty());
}

TEST_CASE("safe: a form or pool_increase outside its enumeration is a problem naming the integer and the names") {
    // Regression: validate() accepted them; an unknown form read as "pre-money" (and divided the
    // cap by the pre-money capitalization in some paths, the post-money one in others), an unknown
    // pool_increase as "pool increase excluded".
    safe s = safe::post_money_cap(holder_id("a"), 100'000_usd, 4_M, year{2025} / 3 / 1);
    s.form = static_cast<safe_form>(2);
    s.pool_increase = static_cast<pool_increase>(-1);
    CHECK(to_string(s.form) == "unknown");
    CHECK(to_string(s.pool_increase) == "unknown");
    CHECK(to_string(safe_form::pre_money) == "pre-money");
    CHECK(to_string(pool_increase::excluded) == "pool increase excluded");
    const std::vector<diagnostic> expected = {
        {field_path("safes").index(1).member("form"), "2", "must be post_money or pre_money"},
        {field_path("safes").index(1).member("pool_increase"), "-1", "must be included or excluded"},
    };
    CHECK(s.validate(field_path("safes").index(1)) == expected);
    s.form = static_cast<safe_form>(9);
    s.pool_increase = pool_increase::excluded;
    REQUIRE(s.validate().size() == 1);
    CHECK(s.validate()[0].message() == "safe.form = 9: must be post_money or pre_money");
}

}  // namespace test_safe
