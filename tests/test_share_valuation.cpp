// Share valuations (409A): the valuation of a class in force on a date, and their checks
// against a cap table (class known, currency, one per class and day).
#include <fundround/company/share_valuation.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_share_valuation {

using namespace fundround;
using namespace fundround::literals;
using fundround_test::ymd;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// $0.25 = 250 mills a share; $1.0532 = 10,532 mills / 10 shares.
price_per_share usd_price(std::int64_t mills, std::int64_t per_shares = 1) {
    return price_per_share(money::from_units(mills, currency("USD")), sh(per_shares));
}

share_valuation common_409a(std::int64_t mills, calendar_date effective, std::int64_t per_shares = 1) {
    return share_valuation{"Common", usd_price(mills, per_shares), effective, share_valuation_type::section_409a, "", std::nullopt,
                           std::nullopt};
}

cap_table company() {
    return cap_table_builder()
        .add(holder::founder("a", "Ada"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Seed", usd_price(1000)))
        .holding(holder_id("a"), "Common", sh(1000))
        .build();
}

std::vector<std::string> messages(const std::vector<diagnostic>& ds) {
    std::vector<std::string> out;
    for (const diagnostic& d : ds) out.push_back(d.message());
    return out;
}

}  // namespace

TEST_CASE("share_valuation: description, equality, the type's name") {
    const share_valuation v = common_409a(250, ymd(2024, 5, 15));
    CHECK(v.description() == "409A valuation of Common: $0.2500 per share from 2024-05-15");
    static_assert(to_string(share_valuation_type::section_409a) == "409A");  // constexpr, like every enum name
    CHECK(to_string(share_valuation_type::section_409a) == "409A");
    share_valuation w = v;
    CHECK(v == w);
    w.provider = "Valuation Partners LLC";
    CHECK(v != w);
    w = v;
    w.board_approval_date = ymd(2024, 5, 30);
    CHECK(v != w);
    // $1.0532 a share exactly: 10,532 mills over 10 shares, kept as the fraction 5266/5 mills.
    const share_valuation odd = common_409a(10'532, ymd(2025, 1, 2), 10);
    CHECK(odd.price.units_per_share() == fraction(5266, 5));
    CHECK(odd.description() == "409A valuation of Common: $1.0532 per share from 2025-01-02");
    // Regression: a price below $0.0001 read "$0.0000 per share" (4 decimals whatever the price).
    const share_valuation tiny = common_409a(1, ymd(2025, 1, 2), 100);  // $0.00001
    CHECK(tiny.description() == "409A valuation of Common: $0.000010 per share from 2025-01-02");
}

TEST_CASE("share_valuation::validate: the class is named, stockholders approve on or after the board") {
    share_valuation v = common_409a(250, ymd(2024, 5, 15));
    CHECK(v.validate().empty());
    v.share_class.clear();
    v.board_approval_date = ymd(2024, 6, 1);
    v.stockholder_approval_date = ymd(2024, 5, 31);
    CHECK(messages(v.validate(field_path("valuations").index(3))) ==
          std::vector<std::string>{"valuations[3].share_class = \"\": must name the class valued",
                                   "valuations[3].stockholder_approval_date = 2024-05-31: must not be before the board's approval (2024-06-01)"});
    // Approval after the effective date (the usual order), and on the same day as the board: fine.
    v.share_class = "Common";
    v.stockholder_approval_date = ymd(2024, 6, 1);
    CHECK(v.validate().empty());
}

// Regression: a valuation effective on a day that is not real (2024-02-30) passed validate() and
// check_share_valuations(), and valuation_in_force() compared such a day as written, where every
// other as-of query refuses it ("every date a user gives must be on or before end_of_time()").
TEST_CASE("share_valuation: a date that is not a real day is a problem; valuation_in_force refuses one") {
    share_valuation v = common_409a(250, year{2024} / 2 / 30);
    v.board_approval_date = year{2024} / 13 / 1;
    v.stockholder_approval_date = year{10000} / 1 / 1;
    CHECK(messages(v.validate(field_path("valuations").index(0))) ==
          std::vector<std::string>{"valuations[0].effective_date = 2024-02-30: is not a valid calendar date",
                                   "valuations[0].board_approval_date = 2024-13-01: is not a valid calendar date",
                                   "valuations[0].stockholder_approval_date = 10000-01-01: is after 9999-12-31, the last day "
                                   "fundround models"});
    CHECK(check_share_valuations({v}, company()).size() == 3);
    const std::vector<share_valuation> vs = {common_409a(250, ymd(2024, 2, 1))};
    CHECK_THROWS_WITH_AS((void)valuation_in_force(vs, "Common", year{2024} / 2 / 30), "on = 2024-02-30: is not a valid calendar date",
                         invalid_argument_error);
    CHECK(valuation_in_force(vs, "Common", ymd(2024, 2, 29)) == &vs[0]);
}

TEST_CASE("valuation_in_force: the latest effective on or before the date, of the class and type asked") {
    const std::vector<share_valuation> vs = {
        common_409a(400, ymd(2025, 6, 1)),
        common_409a(250, ymd(2024, 5, 15)),
        share_valuation{"Seed", usd_price(900), ymd(2024, 1, 1), share_valuation_type::section_409a, "", std::nullopt, std::nullopt},
        common_409a(310, ymd(2024, 12, 1)),
    };
    CHECK(valuation_in_force(vs, "Common", ymd(2024, 5, 14)) == nullptr);  // before the first
    CHECK(valuation_in_force(vs, "Common", ymd(2024, 5, 15)) == &vs[1]);   // its first day
    CHECK(valuation_in_force(vs, "Common", ymd(2024, 11, 30)) == &vs[1]);
    CHECK(valuation_in_force(vs, "Common", ymd(2024, 12, 1)) == &vs[3]);
    CHECK(valuation_in_force(vs, "Common", ymd(2026, 1, 1)) == &vs[0]);    // the list's order does not matter
    CHECK(valuation_in_force(vs, "Seed", ymd(2026, 1, 1)) == &vs[2]);
    CHECK(valuation_in_force(vs, "Series A", ymd(2026, 1, 1)) == nullptr);
    CHECK(valuation_in_force({}, "Common", ymd(2026, 1, 1)) == nullptr);
}

TEST_CASE("valuation_in_force: two of a class in force from the same day are ambiguous") {
    const std::vector<share_valuation> vs = {common_409a(250, ymd(2024, 5, 15)), common_409a(260, ymd(2024, 5, 15))};
    CHECK(valuation_in_force(vs, "Common", ymd(2024, 5, 14)) == nullptr);  // neither in force yet: no question
    CHECK_THROWS_WITH_AS((void)valuation_in_force(vs, "Common", ymd(2024, 6, 1)),
                         "valuations[1].effective_date = 2024-05-15: valuations[0] of Common is effective the same day; which one is "
                         "in force is ambiguous",
                         invalid_argument_error);
}

// Regression: two valuations of one day that a later one replaced were reported ambiguous when
// they stood before it in the list, and not when they stood after it: the same valuations gave a
// valuation or an exception by their order. Only a twin of the one in force is ambiguous.
TEST_CASE("valuation_in_force: two of a day a later valuation replaced are no question, in any order") {
    const share_valuation a = common_409a(250, ymd(2024, 5, 15));
    const share_valuation b = common_409a(260, ymd(2024, 5, 15));
    const share_valuation later = common_409a(400, ymd(2024, 12, 1));
    for (const std::vector<share_valuation>& vs :
         {std::vector<share_valuation>{a, b, later}, {later, a, b}, {a, later, b}}) {
        const share_valuation* v = valuation_in_force(vs, "Common", ymd(2025, 1, 1));
        REQUIRE(v != nullptr);
        CHECK(*v == later);
    }
    // Before the later one, the twins are in force: ambiguous, whatever the order.
    CHECK_THROWS_WITH_AS((void)valuation_in_force({a, later, b}, "Common", ymd(2024, 6, 1)),
                         "valuations[2].effective_date = 2024-05-15: valuations[0] of Common is effective the same day; which one is "
                         "in force is ambiguous",
                         invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)valuation_in_force({later, b, a}, "Common", ymd(2024, 6, 1)),
                         "valuations[2].effective_date = 2024-05-15: valuations[1] of Common is effective the same day; which one is "
                         "in force is ambiguous",
                         invalid_argument_error);
}

TEST_CASE("valuation_in_force: property, against a scan of every valuation (random dates, one per day)") {
    fundround_test::lcg g{20261203};
    for (int round = 0; round < 200; ++round) {
        std::vector<share_valuation> vs;
        std::vector<int> used;
        const int n = static_cast<int>(g.next(12));
        for (int k = 0; k < n; ++k) {
            const int day = static_cast<int>(g.next(700));
            bool dup = false;
            for (const int u : used) dup = dup || u == day;
            if (dup) continue;
            used.push_back(day);
            vs.push_back(common_409a(static_cast<std::int64_t>(1 + g.next(5000)), calendar_date(ymd(2024, 1, 1) + days{day})));
        }
        const calendar_date on = ymd(2024, 1, 1) + days{static_cast<int>(g.next(760)) - 30};
        const share_valuation* expected = nullptr;
        for (const share_valuation& v : vs) {
            if (!(on < v.effective_date) && (expected == nullptr || expected->effective_date < v.effective_date)) expected = &v;
        }
        CHECK(valuation_in_force(vs, "Common", on) == expected);
    }
}

TEST_CASE("check_share_valuations: every problem against the cap table at once") {
    const cap_table t = company();
    std::vector<share_valuation> vs = {
        common_409a(250, ymd(2024, 5, 15)),
        share_valuation{"Series A", usd_price(900), ymd(2024, 1, 1), share_valuation_type::section_409a, "", std::nullopt, std::nullopt},
        share_valuation{"Common", price_per_share(money::from_units(250, currency("EUR")), sh(1)), ymd(2024, 7, 1),
                        share_valuation_type::section_409a, "", std::nullopt, std::nullopt},
        common_409a(260, ymd(2024, 5, 15)),
        common_409a(270, ymd(2024, 9, 1)),
    };
    vs[4].share_class.clear();
    CHECK(check_share_valuations({vs[0]}, t).empty());
    CHECK(messages(check_share_valuations(vs, t)) ==
          std::vector<std::string>{
              "valuations[1].share_class = \"Series A\": is not a share class of the company (its classes: \"Common\", \"Seed\")",
              "valuations[2].price = €0.2500: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)",
              "valuations[3].effective_date = 2024-05-15: is also the effective date of valuations[0] of Common: two valuations of a "
              "class in force from the same day are ambiguous",
              "valuations[4].share_class = \"\": must name the class valued",
          });
    // The class list given directly (a deal file adds its priced rounds' series).
    CHECK(check_share_valuations({vs[1]}, {"Common", "Series A"}, currency("USD")).empty());
    // A price below $0.0001 is quoted as display_string() shows it, never "€0.0000".
    const share_valuation tiny{"Common", price_per_share(money::from_units(1, currency("EUR")), sh(100)), ymd(2024, 7, 1),
                               share_valuation_type::section_409a, "", std::nullopt, std::nullopt};
    CHECK(messages(check_share_valuations({tiny}, t)) ==
          std::vector<std::string>{"valuations[0].price = €0.000010: must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"});
}

TEST_CASE("share_valuation: a type outside the enumeration is a problem; to_string() says \"unknown\"") {
    // Regression: it was accepted and described as a 409A valuation.
    share_valuation v = common_409a(250, ymd(2024, 5, 15));
    v.type = static_cast<share_valuation_type>(1);
    CHECK(to_string(v.type) == "unknown");
    CHECK(messages(v.validate(field_path("valuations").index(3))) ==
          std::vector<std::string>{"valuations[3].type = 1: must be section_409a"});
}

}  // namespace test_share_valuation
