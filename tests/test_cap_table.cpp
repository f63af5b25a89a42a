// The cap table: holdings, pools, grants, warrants; fully diluted counts on a named basis; exact
// ownership; the builder reporting every problem at once.
#include <fundround/company/cap_table.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_cap_table {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// $0.0001 per share: a typical founders' common price, used as an exercise price.
price_per_share strike() { return price_per_share(money::from_units(1), sh(10)); }

// The glossary example of 51percent.com ("Cap Table", Fully Diluted Ownership): founders 6M
// shares (60%), Series A investors 2M (20%), option pool 2M (20%); 10M fully diluted, of which
// only 8M are issued. Here the founders' 6M are split 4M + 2M and the pool has 500,000 granted.
cap_table glossary_table() {
    return cap_table_builder()
        .add(holder::founder("f1", "Founder One"))
        .add(holder::founder("f2", "Founder Two"))
        .add(holder::investor("vc", "Series A Fund"))
        .add(holder::employee("e1", "Employee One"))
        .add(share_class::common("Common"))
        .add(share_class::preferred("Series A Preferred", price_per_share(2_M, sh(2'000'000))))
        .add(option_pool{"Plan", "Common", sh(2'000'000)})
        .holding(holder_id("f1"), "Common", sh(4'000'000))
        .holding(holder_id("f2"), "Common", sh(2'000'000))
        .holding(holder_id("vc"), "Series A Preferred", sh(2'000'000))
        .grant({holder_id("e1"), "Plan", sh(500'000), strike()})
        .build();
}

}  // namespace

TEST_CASE("fully_diluted_basis: named presets and their texts") {
    static_assert(fully_diluted_basis::full().name() == "full");
    CHECK(fully_diluted_basis::outstanding().name() == "outstanding");
    CHECK(fully_diluted_basis::issued_and_granted().name() == "issued_and_granted");
    CHECK(fully_diluted_basis::full_with_convertibles().name() == "full_with_convertibles");
    CHECK(fully_diluted_basis{false, true, false, false}.name() == "custom");
    CHECK(fully_diluted_basis().name() == "full");
    CHECK(fully_diluted_basis::outstanding().to_string() == "issued");
    CHECK(fully_diluted_basis::full().to_string() == "issued + granted options + unallocated pool + warrants");
    CHECK(fully_diluted_basis::full_with_convertibles().to_string() ==
          "issued + granted options + unallocated pool + warrants + convertibles");
}

TEST_CASE("fully_diluted_basis: std::hash, one value per basis, for maps keyed by basis") {
    const std::hash<fully_diluted_basis> hash;
    std::unordered_set<std::size_t> hashes;
    std::unordered_map<fully_diluted_basis, int> by_basis;
    for (unsigned bits = 0; bits < 16; ++bits) {
        const fully_diluted_basis b{(bits & 1U) != 0, (bits & 2U) != 0, (bits & 4U) != 0, (bits & 8U) != 0};
        CHECK(hash(b) == hash(fully_diluted_basis(b)));
        hashes.insert(hash(b));
        by_basis[b] = static_cast<int>(bits);
    }
    CHECK(hashes.size() == 16);  // the 16 distinct bases hash apart
    CHECK(by_basis.size() == 16);
    CHECK(by_basis.at(fully_diluted_basis::full()) == 7);
    CHECK(by_basis.at(fully_diluted_basis::outstanding()) == 0);
    CHECK(by_basis.at(fully_diluted_basis::full_with_convertibles()) == 15);
}

TEST_CASE("cap table: the 51percent.com glossary example, 60/20/20 of 10M fully diluted") {
    const cap_table t = glossary_table();
    CHECK(t.issued_shares() == sh(8'000'000));  // "only 8M shares are actually issued"
    CHECK(t.issued_shares("Common") == sh(6'000'000));
    CHECK(t.granted("Plan") == sh(500'000));
    CHECK(t.unallocated("Plan") == sh(1'500'000));
    CHECK(t.shares_of(holder_id("f1"), "Common") == sh(4'000'000));
    CHECK(t.shares_of(holder_id("f1"), "Series A Preferred") == sh(0));
    CHECK(t.shares_of(holder_id("nobody"), "Common") == sh(0));

    const fully_diluted_counts fd = t.fully_diluted();
    CHECK(fd.basis() == fully_diluted_basis::full());
    CHECK(fd.total() == sh(10'000'000));
    CHECK(fd.issued() == sh(8'000'000));
    CHECK(fd.granted_options() == sh(500'000));
    CHECK(fd.unallocated_pool() == sh(1'500'000));
    CHECK(fd.warrants() == sh(0));
    CHECK(fd.convertibles() == sh(0));
    CHECK(fd.by_holder() == std::vector<share_count>{sh(4'000'000), sh(2'000'000), sh(2'000'000), sh(500'000)});
    CHECK(fd.by_class() == std::vector<share_count>{sh(8'000'000), sh(2'000'000)});
    CHECK(fd.by_pool() == std::vector<share_count>{sh(1'500'000)});
    // Founders 60%, Series A 20%, pool (granted + unallocated) 20%.
    CHECK(fd.holder_ownership(0) + fd.holder_ownership(1) == fraction(3, 5));
    CHECK(fd.holder_ownership(2) == fraction(1, 5));
    CHECK(fd.holder_ownership(3) + fd.pool_ownership(0) == fraction(1, 5));
    CHECK(fd.class_ownership(1) == fraction(1, 5));
    CHECK(t.ownership(holder_id("vc")) == fraction(1, 5));

    // Other bases: outstanding (issued only) and issued + granted.
    CHECK(t.ownership(holder_id("vc"), fully_diluted_basis::outstanding()) == fraction(1, 4));
    const fully_diluted_counts ig = t.fully_diluted(fully_diluted_basis::issued_and_granted());
    CHECK(ig.total() == sh(8'500'000));
    CHECK(ig.by_pool() == std::vector<share_count>{sh(0)});
    CHECK(ig.holder_ownership(3) == fraction(1, 17));
    CHECK(ig != fd);
    CHECK(t.fully_diluted(fully_diluted_basis::full()) == fd);
    CHECK_THROWS_AS((void)fd.holder_ownership(4), invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)t.ownership(holder_id("nobody")), "holder = \"nobody\": not on the cap table",
                         invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)t.find_holder(holder_id("nobody")), "holder = \"nobody\": not on the cap table",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)t.issued_shares("Series Z"), invalid_argument_error);
    CHECK_THROWS_AS((void)t.unallocated("No plan"), invalid_argument_error);
}

// Warrant coverage (iambenschmidt.com glossary, "What is warrant coverage": a $1,000,000
// venture-debt deal with 10% coverage grants warrants worth $100,000; at the last preferred
// price of $1.00 "the lender receives 100,000 warrants"). On the 51percent.com table above,
// whose Series A was bought at $2M / 2M shares = $1.00: the lender's warrant is for 100,000
// Series A shares at $1.00. It counts in the fully diluted total only on a basis with warrants:
// full 10,100,000 (the lender 1/101), issued + granted 8,500,000 (the lender 0).
TEST_CASE("cap table: a venture lender's warrant at 10% coverage, counted only on a basis with warrants") {
    const price_per_share series_a_price(2_M, sh(2'000'000));
    const share_count warrant_shares = series_a_price.shares_for(100'000_usd, rounding::floor);  // 10% of $1M
    CHECK(warrant_shares == sh(100'000));
    const cap_table t = cap_table_builder(glossary_table())
                            .add(holder::investor("lender", "Venture Lender"))
                            .add(warrant{holder_id("lender"), "Series A Preferred", warrant_shares, series_a_price})
                            .build();
    REQUIRE(t.warrants().size() == 1);
    CHECK(t.warrants()[0].exercise_price.rounded(rounding::exact) == 1_usd);
    const fully_diluted_counts full = t.fully_diluted();
    CHECK(full.warrants() == sh(100'000));
    CHECK(full.total() == sh(10'100'000));
    CHECK(full.by_holder()[4] == sh(100'000));
    CHECK(full.holder_ownership(4) == fraction(1, 101));
    CHECK(full.by_class() == std::vector<share_count>{sh(8'000'000), sh(2'100'000)});  // warrants of Series A in its class
    CHECK(full.holder_ownership(2) == fraction(20, 101));  // the Series A fund: 2M of 10.1M
    const fully_diluted_counts ig = t.fully_diluted(fully_diluted_basis::issued_and_granted());
    CHECK(ig.warrants() == sh(0));
    CHECK(ig.total() == sh(8'500'000));
    CHECK(ig.by_holder()[4] == sh(0));
    CHECK(t.ownership(holder_id("lender"), fully_diluted_basis::outstanding()) == fraction(0));
    CHECK(t.issued_shares("Series A Preferred") == sh(2'000'000));  // a warrant issues nothing
}

TEST_CASE("cap table: 1984.vc Cap Table 101 seed, two founders 1M each and a $2M investor at $4") {
    // 1984.vc founders handbook, "Cap Table 101": 1M shares per founder, $2M at $8M pre-money:
    // price = $8M / 2M = $4.00, 500,000 new shares, the investor owns 20% of 2.5M.
    const price_per_share seed_price(8_M, sh(2'000'000));
    const share_count bought = seed_price.shares_for(2_M, rounding::floor);
    CHECK(bought == sh(500'000));
    const cap_table before = cap_table_builder()
                                 .add(holder::founder("a", "Founder A"))
                                 .add(holder::founder("b", "Founder B"))
                                 .add(share_class::common("Common"))
                                 .holding(holder_id("a"), "Common", sh(1'000'000))
                                 .holding(holder_id("b"), "Common", sh(1'000'000))
                                 .build();
    CHECK(before.ownership(holder_id("a")) == fraction(1, 2));
    const cap_table after = cap_table_builder(before)
                                .add(holder::investor("vc", "Seed VC"))
                                .add(share_class::preferred("Seed Preferred", seed_price))
                                .issue(holder_id("vc"), "Seed Preferred", bought)
                                .build();
    CHECK(after.fully_diluted().total() == sh(2'500'000));
    CHECK(after.ownership(holder_id("vc")) == fraction(1, 5));
    CHECK(after.ownership(holder_id("a")) == fraction(2, 5));
    // The cap table is a value: the one before is unchanged, and rebuilding gives an equal table.
    CHECK(before.fully_diluted().total() == sh(2'000'000));
    CHECK(cap_table_builder(after).build() == after);
    CHECK(after != before);
}

TEST_CASE("cap table: issue() adds to a holding, remove() takes away, increase_pool() tops up") {
    const cap_table t = glossary_table();
    const cap_table more = cap_table_builder(t)
                               .issue(holder_id("f1"), "Common", sh(1'000))
                               .remove(holder_id("f2"), "Common", sh(2'000'000))
                               .increase_pool("Plan", sh(250'000))
                               .build();
    CHECK(more.holdings().size() == 2);  // f2's holding disappeared at 0
    CHECK(more.shares_of(holder_id("f1"), "Common") == sh(4'001'000));
    CHECK(more.shares_of(holder_id("f2"), "Common") == sh(0));
    CHECK(more.unallocated("Plan") == sh(1'750'000));
    CHECK(more.fully_diluted().total() == sh(10'000'000 + 1'000 - 2'000'000 + 250'000));

    const std::vector<diagnostic> d = cap_table_builder(t)
                                          .issue(holder_id("f1"), "Common", sh(0))
                                          .remove(holder_id("f2"), "Common", sh(2'000'001))
                                          .remove(holder_id("vc"), "Common", sh(1))
                                          .increase_pool("Nope", sh(5))
                                          .validate();
    REQUIRE(d.size() == 4);
    CHECK(d[0] == diagnostic{field_path("issue"), "0 of \"Common\" to \"f1\"", "must be positive"});
    CHECK(d[1] == diagnostic{field_path("remove"), "2000001 of \"Common\" from \"f2\"",
                             "must be positive and at most the 2000000 shares of the class the holder holds"});
    CHECK(d[2] == diagnostic{field_path("remove"), "1 of \"Common\" from \"vc\"",
                             "must be positive and at most the 0 shares of the class the holder holds"});
    CHECK(d[3] == diagnostic{field_path("increase_pool"), "5 to \"Nope\"",
                             "the pool must exist and the increase be positive and fit 64 bits"});
}

TEST_CASE("cap table: a class's own problems are under classes[i], as a path and a JSON pointer") {
    const std::vector<diagnostic> d = cap_table_builder()
                                          .add(holder::founder("f", "Founder"))
                                          .add(share_class::common("Common").with_conversion_ratio(fraction(2)))
                                          .holding(holder_id("f"), "Common", sh(10))
                                          .validate();
    REQUIRE(d.size() == 1);
    CHECK(d[0] == diagnostic{field_path("classes").index(0).member("conversion_ratio"), "2", "must be 1 for common stock"});
    CHECK(d[0].field.to_string() == "classes[0].conversion_ratio");
    CHECK(d[0].field.json_pointer() == "/classes/0/conversion_ratio");
}

TEST_CASE("cap table: preferred counts as converted, rounded down per holding") {
    // A 3/2 conversion ratio: 1,001 preferred shares convert into 1,501.5 -> 1,501 common.
    const cap_table t = cap_table_builder()
                            .add(holder::investor("i", "Investor"))
                            .add(holder::founder("f", "Founder"))
                            .add(share_class::common("Common"))
                            .add(share_class::preferred("Series A", price_per_share(1_M, sh(1'000)))
                                     .with_conversion_ratio(fraction(3, 2)))
                            .holding(holder_id("i"), "Series A", sh(1'001))
                            .holding(holder_id("f"), "Common", sh(1'499))
                            .add(warrant{holder_id("i"), "Series A", sh(3), price_per_share(3_K, sh(3))})
                            .build();
    CHECK(t.as_converted(1, sh(1'001)) == sh(1'501));
    const fully_diluted_counts fd = t.fully_diluted();
    CHECK(t.issued_shares("Series A") == sh(1'001));  // not converted
    CHECK(fd.issued() == sh(3'000));
    CHECK(fd.warrants() == sh(4));  // 3 x 3/2 = 4.5 -> 4
    CHECK(fd.total() == sh(3'004));
    CHECK(fd.by_holder() == std::vector<share_count>{sh(1'505), sh(1'499)});
    CHECK(fd.by_class() == std::vector<share_count>{sh(1'499), sh(1'505)});
    CHECK(t.ownership(holder_id("i"), fully_diluted_basis::outstanding()) == fraction(1'501, 3'000));
}

TEST_CASE("cap_table_builder: every problem at once, each naming field, value and rule") {
    const cap_table_result r =
        cap_table_builder()
            .add(holder::founder("f", "Founder"))
            .add(holder::founder("f", "Founder Again"))
            .add(holder::investor("sb1", "SoftBank"))
            .add(holder::investor("sb2", "Softbank "))
            .add(share_class::common("Common"))
            .add(share_class::common("common"))
            .add(share_class::preferred("Series A", price_per_share(1_eur, sh(1))))
            .add(option_pool{"Plan", "Ordinary", sh(100)})
            .add(option_pool{"Plan", "Common", sh(0)})
            .holding(holder_id("f"), "Common", sh(0))
            .holding(holder_id("ghost"), "Series Z", sh(-5))
            .holding(holder_id("sb1"), "Common", sh(10))
            .holding(holder_id("sb1"), "Common", sh(20))
            .grant({holder_id("f"), "Plan", sh(150), strike()})
            .grant({holder_id("x"), "No plan", sh(1), price_per_share(1_eur, sh(1))})
            .add(warrant{holder_id("y"), "Series Y", sh(0), strike()})
            .try_build();
    CHECK_FALSE(r.ok());
    CHECK_FALSE(static_cast<bool>(r));
    const std::vector<diagnostic> expected{
        {field_path("holders").index(1).member("id"), "\"f\"", "duplicates the id of holders[0]; a holder appears once (merge the two)"},
        {field_path("holders").index(3).member("name"), "\"Softbank \"",
         "nearly duplicates holders[2] \"SoftBank\" (ids \"sb1\" and \"sb2\"); use one holder, or declare the two distinct"},
        {field_path("classes").index(1).member("name"), "\"common\"", "nearly duplicates classes[0] \"Common\"; use one name"},
        {field_path("classes").index(2).member("original_issue_price"), "€1.0000", "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"},
        {field_path("pools").index(0).member("share_class"), "\"Ordinary\"", "is not a share class on the cap table"},
        {field_path("pools").index(1).member("name"), "\"Plan\"", "duplicates pools[0]; a pool appears once"},
        {field_path("pools").index(1).member("authorized"), "0", "must be positive"},
        {field_path("holdings").index(0).member("shares"), "0", "must be positive"},
        {field_path("holdings").index(1).member("holder"), "\"ghost\"", "is not a holder on the cap table"},
        {field_path("holdings").index(1).member("share_class"), "\"Series Z\"", "is not a share class on the cap table"},
        {field_path("holdings").index(1).member("shares"), "-5", "must be positive"},
        {field_path("holdings").index(3), "\"sb1\" in \"Common\"",
         "the holder appears twice in this class (also holdings[2]); state one holding"},
        {field_path("grants").index(1).member("holder"), "\"x\"", "is not a holder on the cap table"},
        {field_path("grants").index(1).member("pool"), "\"No plan\"", "is not an option pool on the cap table"},
        {field_path("grants").index(1).member("exercise_price"), "€1.0000", "must be in USD, the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, \"currency\" in a deal file's cap_table)"},
        {field_path("pools").index(0).member("authorized"), "100", "grants from the pool total 150 shares, more than it authorizes"},
        {field_path("warrants").index(0).member("holder"), "\"y\"", "is not a holder on the cap table"},
        {field_path("warrants").index(0).member("share_class"), "\"Series Y\"", "is not a share class on the cap table"},
        {field_path("warrants").index(0).member("shares"), "0", "must be positive"},
    };
    REQUIRE(r.problems.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CAPTURE(r.problems[i].message());
        CHECK(r.problems[i] == expected[i]);
    }
    // The facts: the elements the rules name, where (a caller names them in its own terms), and
    // the names that resolve to nothing on the table.
    CHECK(r.references == std::vector<element_reference>{{0, field_path("holders").index(0), 21},
                                                         {1, field_path("holders").index(2), 18},
                                                         {2, field_path("classes").index(0), 18},
                                                         {5, field_path("pools").index(0), 11},
                                                         {11, field_path("holdings").index(2), 45}});
    CHECK(r.unresolved == std::vector<std::size_t>{4, 8, 9, 12, 13, 16, 17});
    for (const element_reference& e : r.references) {
        CHECK(r.problems[e.problem].rule.compare(e.at, e.element.to_string().size(), e.element.to_string()) == 0);
    }
    // build() throws one validation_error carrying the same problems; validate() returns them.
    try {
        (void)cap_table_builder()
            .add(holder::founder("f", "F"))
            .add(share_class::common("Common"))
            .holding(holder_id("f"), "Common", sh(-1))
            .build();
        FAIL("no validation_error");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()) == "cap table is invalid: 1 problem\n  - holdings[0].shares = -1: must be positive");
    }
}

TEST_CASE("cap_table_builder: the same holder twice in a class is reported; declared distinct names pass") {
    const std::vector<diagnostic> d = cap_table_builder()
                                          .add(holder::investor("a", "Alpha"))
                                          .add(share_class::common("Common"))
                                          .holding(holder_id("a"), "Common", sh(1))
                                          .holding(holder_id("a"), "Common", sh(2))
                                          .validate();
    CHECK(d == std::vector<diagnostic>{{field_path("holdings").index(1), "\"a\" in \"Common\"",
                                        "the holder appears twice in this class (also holdings[0]); state one holding"}});
    CHECK(cap_table_builder()
              .add(holder::employee("js1", "John Smith"))
              .declare_distinct(holder_id("js1"), holder_id("jz"))
              .declare_distinct(holder_id("js1"), holder_id("js1"))
              .validate() ==
          std::vector<diagnostic>{{field_path("declared_distinct").index(0), "\"jz\"", "is not a holder on the cap table"},
                                  {field_path("declared_distinct").index(1), "\"js1\"", "declares a holder distinct from itself"}});
    CHECK(cap_table_builder()
              .add(holder::employee("js1", "John Smith"))
              .add(holder::employee("js2", "John Smith"))
              .declare_distinct(holder_id("js1"), holder_id("js2"))
              .validate()
              .empty());
}

TEST_CASE("cap table: an overflowing fully diluted count is reported, not wrapped") {
    const std::int64_t big = std::int64_t{1} << 62;
    const std::vector<diagnostic> d = cap_table_builder()
                                          .add(holder::investor("a", "A"))
                                          .add(holder::investor("b", "B"))
                                          .add(share_class::common("Common"))
                                          .holding(holder_id("a"), "Common", sh(big))
                                          .holding(holder_id("b"), "Common", sh(big))
                                          .validate();
    REQUIRE(d.size() == 1);
    CHECK(d[0].field.to_string() == "holdings[1].shares");
    CHECK(d[0].rule == "the total overflows 64 bits");
}

TEST_CASE("cap table: classes and pools found by name through an index, whatever the order they were added in") {
    // Names added out of order, some a prefix of another: each found at its position, a name
    // not on the table (another case, a prefix, a space more) not found.
    cap_table_builder b;
    b.add(holder::founder("ada", "Ada"));
    std::vector<std::string> names;
    for (int i = 0; i < 300; ++i) names.push_back("Class " + std::to_string((i * 7919) % 300));
    names.push_back("Class 1 Preferred");
    for (const std::string& n : names) b.add(share_class::common(n));
    for (int p = 19; p >= 0; --p) b.add(option_pool{"Plan " + std::to_string(p), names[static_cast<std::size_t>(p)], sh(1'000)});
    b.holding(holder_id("ada"), "Class 12", sh(1'000));
    const cap_table t = b.build();
    for (std::size_t c = 0; c < names.size(); ++c) CHECK(t.class_index(names[c]) == c);
    for (std::size_t p = 0; p < t.pools().size(); ++p) CHECK(t.pool_index(t.pools()[p].name) == p);
    for (const char* absent : {"Class", "Class 300", "class 1", "Class 12 ", "", "Plan"}) CHECK_FALSE(t.class_index(absent));
    for (const char* absent : {"Plan", "Plan 20", "plan 1", "Class 1"}) CHECK_FALSE(t.pool_index(absent));
    CHECK(t.issued_shares("Class 12") == sh(1'000));
    CHECK(t.unallocated("Plan 3") == sh(1'000));
    // A few classes and pools are found by scanning them: the same answers.
    const cap_table small = cap_table_builder()
                                .add(holder::founder("ada", "Ada"))
                                .add(share_class::common("B"))
                                .add(share_class::common("A"))
                                .add(option_pool{"Plan", "A", sh(10)})
                                .build();
    CHECK(small.class_index("A") == std::size_t{1});
    CHECK(small.class_index("B") == std::size_t{0});
    CHECK_FALSE(small.class_index("C"));
    CHECK(small.pool_index("Plan") == std::size_t{0});
    CHECK_FALSE(small.pool_index("plan"));
}

TEST_CASE("cap table property: components add up, ownership sums to exactly 1 on every basis") {
    fundround_test::lcg rng{20261202};
    const fully_diluted_basis bases[] = {fully_diluted_basis::outstanding(), fully_diluted_basis::issued_and_granted(),
                                         fully_diluted_basis::full(), fully_diluted_basis{false, true, true, false}};
    for (int trial = 0; trial < 40; ++trial) {
        cap_table_builder b;
        b.add(share_class::common("Common"));
        // One draw per statement: argument order is unspecified, and a seed must give the same
        // tables on every compiler.
        const auto ratio_num = static_cast<std::int64_t>(1 + rng.next(5));
        const auto ratio_den = static_cast<std::int64_t>(1 + rng.next(5));
        b.add(share_class::preferred("Series A", price_per_share(1_usd, sh(1))).with_conversion_ratio(fraction(ratio_num, ratio_den)));
        const std::size_t n = 1 + static_cast<std::size_t>(rng.next(60));
        std::int64_t granted = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const holder_id id("h" + std::to_string(i));
            b.add(holder(id, "Holder " + std::to_string(i)));
            if (i == 0 || rng.next(3) != 0) b.holding(id, "Common", sh(static_cast<std::int64_t>(1 + rng.next(1'000'000))));
            if (rng.next(3) == 0) b.holding(id, "Series A", sh(static_cast<std::int64_t>(1 + rng.next(1'000'000))));
            if (rng.next(4) == 0) {
                const auto g = static_cast<std::int64_t>(1 + rng.next(10'000));
                granted += g;
                b.grant({id, "Plan", sh(g), strike()});
            }
            if (rng.next(8) == 0) b.add(warrant{id, "Series A", sh(static_cast<std::int64_t>(1 + rng.next(5'000))), strike()});
        }
        b.add(option_pool{"Plan", "Common", sh(granted + static_cast<std::int64_t>(1 + rng.next(100'000)))});
        const cap_table t = b.build();
        for (const fully_diluted_basis& basis : bases) {
            const fully_diluted_counts fd = t.fully_diluted(basis);
            CHECK(fd.issued() + fd.granted_options() + fd.unallocated_pool() + fd.warrants() + fd.convertibles() ==
                  fd.total());
            share_count by_holders;
            fraction owned;
            for (std::size_t i = 0; i < t.holders().size(); ++i) {
                by_holders += fd.by_holder()[i];
                owned += fd.holder_ownership(i);
            }
            share_count by_pools;
            for (std::size_t p = 0; p < t.pools().size(); ++p) {
                by_pools += fd.by_pool()[p];
                owned += fd.pool_ownership(p);
            }
            CHECK(by_holders + by_pools == fd.total());
            CHECK(owned == fraction(1));
            share_count by_classes;
            fraction class_owned;
            for (std::size_t c = 0; c < t.classes().size(); ++c) {
                by_classes += fd.by_class()[c];
                class_owned += fd.class_ownership(c);
            }
            CHECK(by_classes == fd.total());
            CHECK(class_owned == fraction(1));
        }
    }
}

}  // namespace test_cap_table
