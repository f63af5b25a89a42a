// Share classes: common, preferred series with original issue price, conversion ratio and the
// liquidation terms as data; validate() reports every problem with the field relative to the class.
#include <fundround/company/share_class.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_share_class {

using namespace fundround;
using namespace fundround::literals;

namespace {

std::string streamed(const share_class& c) {
    std::ostringstream os;
    os << c;
    return os.str();
}

// $4.00 per share: the seed price of 1984.vc's "Cap Table 101" ($8M pre-money / 2M shares).
price_per_share four_dollars() { return price_per_share(8_M, share_count(2'000'000)); }

}  // namespace

TEST_CASE("share_class: common") {
    const share_class c = share_class::common("Common");
    CHECK(c.name() == "Common");
    CHECK(c.kind() == share_class_kind::common);
    CHECK_FALSE(c.is_preferred());
    CHECK_FALSE(c.original_issue_price().has_value());
    CHECK(c.conversion_ratio() == fraction(1));
    CHECK(c.validate().empty());
    CHECK(streamed(c) == "Common (common)");
    CHECK(to_string(share_class_kind::common) == "common");
    CHECK(to_string(share_class_kind::preferred) == "preferred");
}

TEST_CASE("share_class: a preferred series with the usual terms") {
    const share_class a = share_class::preferred("Seed Preferred", four_dollars());
    CHECK(a.is_preferred());
    CHECK(a.original_issue_price()->to_string() == "$4.0000");
    CHECK(a.conversion_ratio() == fraction(1));
    CHECK(a.terms() == liquidation_terms::standard());
    CHECK(a.terms().multiple == fraction(1));
    CHECK(a.terms().participation.kind == participation_kind::non_participating);
    CHECK(a.terms().seniority == 0);
    CHECK(a.terms().dividends.kind == dividend_kind::none);
    CHECK(a.validate().empty());
    CHECK(streamed(a) == "Seed Preferred (preferred, $4.0000)");
    // An anti-dilution adjustment changes the ratio: OIP $4.00 / new conversion price $3.20 = 5/4.
    const share_class adjusted = a.with_conversion_ratio(fraction(4, 1) / fraction::from_decimal("3.2"));
    CHECK(adjusted.conversion_ratio() == fraction(5, 4));
    CHECK(adjusted != a);
    CHECK(adjusted.validate().empty());
}

// Regression: a series issued below $0.00005 a share was written "$0.0000" (price_per_share's
// 4-digit to_string), a positive price shown as zero; it is written as display_string() shows
// it, as share_valuation's description is. 1 mill / 100 shares = $0.00001.
TEST_CASE("share_class: a tiny original issue price is never written as $0.0000") {
    const share_class tiny = share_class::preferred("Seed", price_per_share(money::from_units(1), share_count(100)));
    CHECK(streamed(tiny) == "Seed (preferred, $0.000010)");
}

TEST_CASE("share_class: liquidation terms as data") {
    liquidation_terms t;
    t.multiple = fraction(3, 2);
    t.participation = participation::capped(fraction(3));
    t.seniority = 2;
    t.dividends = dividend_terms::cumulative_compound(fraction(8, 100), fundround_test::ymd(2026, 1, 15),
                                                      frequency::quarterly);
    const share_class b = share_class::preferred("Series B Preferred", four_dollars(), t);
    CHECK(b.terms().participation.cap_multiple == fraction(3));
    CHECK(b.terms().dividends.kind == dividend_kind::cumulative_compound);
    CHECK(b.terms().dividends.compounding == frequency::quarterly);
    CHECK(*b.terms().dividends.accrual_start == fundround_test::ymd(2026, 1, 15));
    CHECK(b.validate().empty());
    CHECK(participation::full().kind == participation_kind::full);
    CHECK(participation::none() == participation{});
    CHECK(dividend_terms::non_cumulative(fraction(6, 100)).kind == dividend_kind::non_cumulative);
    CHECK(dividend_terms::cumulative_simple(fraction(6, 100), fundround_test::ymd(2026, 1, 1)).kind ==
          dividend_kind::cumulative_simple);
    CHECK(to_string(participation_kind::capped) == "capped");
    CHECK(to_string(dividend_kind::cumulative_simple) == "cumulative_simple");
}

TEST_CASE("share_class::validate: every problem at once, each naming field, value and rule") {
    liquidation_terms t;
    t.multiple = fraction(-1);
    t.participation = participation::capped(fraction(-2));
    t.seniority = -1;
    t.dividends = {dividend_kind::cumulative_simple, fraction(0), std::nullopt, frequency::yearly};
    const share_class bad = share_class::preferred(" ", four_dollars(), t).with_conversion_ratio(fraction(0));
    const std::vector<diagnostic> d = bad.validate();
    REQUIRE(d.size() == 7);
    CHECK(d[0] == diagnostic{field_path("name"), "\" \"", "must contain a letter or digit"});
    CHECK(d[1] == diagnostic{field_path("conversion_ratio"), "0", "must be positive"});
    CHECK(d[2] == diagnostic{field_path("terms").member("multiple"), "-1", "must not be negative"});
    CHECK(d[3] == diagnostic{field_path("terms").member("seniority"), "-1", "must not be negative"});
    CHECK(d[4] == diagnostic{field_path("terms").member("participation").member("cap_multiple"), "-2",
                             "must be above the preference multiple -1 (the cap includes the preference)"});
    CHECK(d[5] == diagnostic{field_path("terms").member("dividends").member("annual_rate"), "0", "must be positive"});
    CHECK(d[6] == diagnostic{field_path("terms").member("dividends").member("accrual_start"), "", "is required for cumulative dividends"});
}

TEST_CASE("share_class::validate: cap not above the multiple; stray cap and rate; bad date; common ratio") {
    liquidation_terms t;
    t.multiple = fraction(2);
    t.participation = participation::capped(fraction(2));
    CHECK(share_class::preferred("A", four_dollars(), t).validate() ==
          std::vector<diagnostic>{{field_path("terms").member("participation").member("cap_multiple"), "2",
                                   "must be above the preference multiple 2 (the cap includes the preference)"}});
    liquidation_terms stray;
    stray.participation = {participation_kind::full, fraction(3)};
    stray.dividends = {dividend_kind::none, fraction(8, 100), std::nullopt, frequency::yearly};
    CHECK(share_class::preferred("A", four_dollars(), stray).validate() ==
          std::vector<diagnostic>{
              {field_path("terms").member("participation").member("cap_multiple"), "3", "must be 0 unless participation is capped"},
              {field_path("terms").member("dividends").member("annual_rate"), "2/25", "must be 0 when there are no dividends"}});
    liquidation_terms bad_date;
    bad_date.dividends = dividend_terms::cumulative_simple(fraction(8, 100), fundround_test::ymd(2026, 2, 30));
    CHECK(share_class::preferred("A", four_dollars(), bad_date).validate() ==
          std::vector<diagnostic>{{field_path("terms").member("dividends").member("accrual_start"), "2026-02-30", "is not a valid calendar date"}});
    CHECK(share_class::common("Common").with_conversion_ratio(fraction(2)).validate() ==
          std::vector<diagnostic>{{field_path("conversion_ratio"), "2", "must be 1 for common stock"}});
    // A zero multiple is allowed (no preference); a price that is not positive cannot be built.
    liquidation_terms zero;
    zero.multiple = fraction(0);
    CHECK(share_class::preferred("A", four_dollars(), zero).validate().empty());
    CHECK_THROWS_AS(price_per_share(0_usd, share_count(1)), invalid_argument_error);
}

TEST_CASE("share_class::validate(): participation, dividend kind and compounding outside their enumerations are problems") {
    // Regression: validate() accepted them (an unknown dividend kind was checked as a dividend
    // that is not cumulative, an unknown participation as non-participating).
    liquidation_terms t;
    t.participation.kind = static_cast<participation_kind>(3);
    t.dividends.kind = static_cast<dividend_kind>(-1);
    t.dividends.annual_rate = fraction(8, 100);
    t.dividends.compounding = static_cast<frequency>(4);
    const share_class a = share_class::preferred("Series A", four_dollars(), t);
    const std::vector<diagnostic> expected = {
        {field_path("terms").member("participation").member("kind"), "3", "must be non_participating, full or capped"},
        {field_path("terms").member("dividends").member("compounding"), "4", "must be monthly, quarterly, semiannual or yearly"},
        {field_path("terms").member("dividends").member("kind"), "-1",
         "must be none, non_cumulative, cumulative_simple or cumulative_compound"},
    };
    CHECK(a.validate() == expected);
    CHECK(to_string(t.participation.kind) == "unknown");
    CHECK(to_string(t.dividends.kind) == "unknown");
}

}  // namespace test_share_class
