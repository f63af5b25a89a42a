// Moved-from values of the types with owning members (strings, vectors, shared nodes) are valid
// values: their accessors, ==, copies, printing, reassignment and destructor all work on the
// source of a move (STYLE: "Moved-from objects are valid values"). Nothing here asserts what a
// moved-from value holds (the standard leaves a moved-from string or vector unspecified), only
// that using it is defined, that it equals its own copy, and that it takes a new value. The
// ASan + UBSan preset runs this file: a null dereference or an out-of-range read fails it there.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"
#include "support/note_chain.hpp"
#include "support/seed_to_series_a.hpp"
#include "support/waterfall_test.hpp"

#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_moved_from {

using namespace fundround;
using namespace fundround::literals;

namespace {

template <class T, class = void>
struct has_equal : std::false_type {};
template <class T>
struct has_equal<T, std::void_t<decltype(std::declval<const T&>() == std::declval<const T&>())>> : std::true_type {};

template <class T, class = void>
struct has_print : std::false_type {};
template <class T>
struct has_print<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>>
    : std::true_type {};

// Calls f, which may throw a fundround error for a value the moved-from object no longer has
// (e.g. a holder no longer on a table); any other outcome than returning or throwing fails.
template <class F>
void tolerant(F&& f) {
    try {
        f();
    } catch (const fundround::error&) {
    }
}

// Moves @p value out (by construction and by assignment) and uses each source with @p use:
// accessors, == with itself and with its copy, printing, reassignment, destruction.
template <class T, class Use>
void check_moved_from(const T& original, Use use) {
    T source = original;
    const T taken(std::move(source));
    use(source);
    const T copy = source;  // NOLINT: the point is to copy a moved-from value
    use(copy);
    if constexpr (has_equal<T>::value) {
        CHECK(source == source);
        CHECK(copy == source);
        CHECK(taken == original);
    }
    if constexpr (has_print<T>::value) {
        std::ostringstream os;
        os << source;
        static_cast<void>(os.str());
    }
    source = original;  // a moved-from value takes a new value
    if constexpr (has_equal<T>::value) CHECK(source == original);
    use(source);

    T assigned_to = original;
    T source2 = original;
    assigned_to = std::move(source2);  // moved out by assignment
    use(source2);
    if constexpr (has_equal<T>::value) CHECK(assigned_to == original);
    source2 = std::move(assigned_to);  // moved into from a value
    use(assigned_to);
    if constexpr (has_equal<T>::value) CHECK(source2 == original);
}

}  // namespace

TEST_CASE("moved-from: holders, share classes and cap tables") {
    check_moved_from(holder_id("softbank-vf2"), [](const holder_id& id) {
        static_cast<void>(id.str().size());
        static_cast<void>(id.empty());
        static_cast<void>(std::hash<holder_id>()(id));
    });
    check_moved_from(holder::investor("softbank-vf2", "SoftBank Vision Fund 2"), [](const holder& h) {
        static_cast<void>(h.id().str().size());
        static_cast<void>(h.name().size());
        static_cast<void>(h.kind());
        static_cast<void>(std::hash<holder>()(h));
    });
    check_moved_from(share_class::preferred("Series A Preferred", price_per_share(4_M, share_count(1'000'000)))
                         .with_conversion_ratio(fraction(3, 2)),
                     [](const share_class& c) {
                         static_cast<void>(c.name().size());
                         static_cast<void>(c.kind());
                         static_cast<void>(c.conversion_ratio());
                         static_cast<void>(c.validate().size());
                     });
    check_moved_from(fundround_test::after_seed(), [](const cap_table& t) {
        static_cast<void>(t.holders().size());
        static_cast<void>(t.holdings().size());
        static_cast<void>(t.holder_index(holder_id("a")));
        static_cast<void>(t.class_index("Common"));
        static_cast<void>(t.pool_index("Plan"));
        static_cast<void>(t.issued_shares());
        tolerant([&] { static_cast<void>(t.issued_shares("Common")); });
        tolerant([&] { static_cast<void>(t.granted("Plan")); });
        tolerant([&] { static_cast<void>(t.shares_of(holder_id("a"), "Common")); });
        const fully_diluted_counts counts = t.fully_diluted();
        static_cast<void>(counts.total());
        static_cast<void>(counts.by_holder().size());
        tolerant([&] { static_cast<void>(counts.holder_ownership(0)); });
        // A moved-from table is a table: its counts add up like any other's.
        CHECK(counts.total() == counts.issued() + counts.granted_options() + counts.unallocated_pool() +
                                    counts.warrants());
        CHECK(t.issued_shares() == counts.issued());
    });
    check_moved_from(fundround_test::after_seed().fully_diluted(), [](const fully_diluted_counts& c) {
        static_cast<void>(c.total());
        static_cast<void>(c.by_class().size());
        tolerant([&] { static_cast<void>(c.class_ownership(0)); });
        // Its counts add up like any other's.
        CHECK(c.total() == c.issued() + c.granted_options() + c.unallocated_pool() + c.warrants() + c.convertibles());
    });
}

TEST_CASE("moved-from: fully diluted counts are empty, their totals 0") {
    // Regression (review of 2026-12-06): a moved-from fully_diluted_counts kept its totals beside
    // emptied lists of holders, classes and pools.
    const fully_diluted_counts original = fundround_test::after_seed().fully_diluted();
    REQUIRE(original.total().value() > 0);
    REQUIRE_FALSE(original.by_holder().empty());
    const auto check_empty = [](const fully_diluted_counts& c) {
        CHECK(c.total() == share_count());
        CHECK(c.issued() == share_count());
        CHECK(c.granted_options() == share_count());
        CHECK(c.unallocated_pool() == share_count());
        CHECK(c.warrants() == share_count());
        CHECK(c.convertibles() == share_count());
        CHECK(c.by_holder().empty());
        CHECK(c.by_class().empty());
        CHECK(c.by_pool().empty());
        CHECK(c == fully_diluted_counts());
    };
    fully_diluted_counts source = original;
    const fully_diluted_counts taken(std::move(source));
    CHECK(taken == original);
    check_empty(source);  // NOLINT: the point is to use a moved-from value
    fully_diluted_counts assigned = original;
    fully_diluted_counts source2 = original;
    assigned = std::move(source2);
    CHECK(assigned == original);
    check_empty(source2);  // NOLINT: the point is to use a moved-from value
}

TEST_CASE("moved-from: priced rounds, chains, instruments and conversions") {
    check_moved_from(fundround_test::seed_to_series_a(), [](const round_on_cap_table& r) {
        static_cast<void>(r.series().size());
        static_cast<void>(r.before().holders().size());
        static_cast<void>(r.after().fully_diluted().total());
        static_cast<void>(r.holders().size());
        tolerant([&] { static_cast<void>(r.change_of(holder_id("af"))); });
        static_cast<void>(r.pool_ownership_after());
    });
    check_moved_from(fundround_test::note_chain(), [](const round_chain_result& c) {
        static_cast<void>(c.rounds().size());
        static_cast<void>(c.final_table().holders().size());
        static_cast<void>(c.totals().size());
        tolerant([&] { static_cast<void>(c.conversion(0)); });
        tolerant([&] { static_cast<void>(c.ownership_history(holder_id("lender"))); });
    });
    const convertible_note note = fundround_test::unqualified_note();
    check_moved_from(note, [](const convertible_note& n) {
        static_cast<void>(n.holder.str().size());
        static_cast<void>(n.principal);
    });
    check_moved_from(fundround_test::note_chain_seed(note), [](const conversion_round& r) {
        tolerant([&] { static_cast<void>(r.try_apply_to(fundround_test::note_chain_founding())); });
    });
}

TEST_CASE("moved-from: waterfalls and payout curves") {
    const cap_table table = fundround_test::one_series(8'000'000, 2'000'000, 10'000'000, liquidation_terms{});
    check_moved_from(waterfall::build(table), [](const waterfall& w) {
        static_cast<void>(w.lines().size());
        static_cast<void>(w.holders().size());
        static_cast<void>(w.breakpoints().size());
        tolerant([&] { static_cast<void>(w.exact_holder_payouts(fraction(20'000'000))); });
    });
    check_moved_from(waterfall::build(table).curve(), [](const payout_curve& c) {
        static_cast<void>(c.segments().size());
        static_cast<void>(c.lines().size());
        tolerant([&] { static_cast<void>(c.at(30_M)); });
    });
}

TEST_CASE("moved-from: rounds, conditions, tranches, odds and exact values") {
    const funding_round round = fundround_test::reference_round();
    check_moved_from(round, [](const funding_round& r) {
        static_cast<void>(r.name().size());
        static_cast<void>(r.commitments().size());
        static_cast<void>(r.milestones().size());
        static_cast<void>(r.post_money());
        tolerant([&] { static_cast<void>(r.ownership("Amazon")); });
    });
    check_moved_from(condition::milestone("IPO") && condition::on_or_after(year{2027} / 1 / 1),
                     [](const condition& c) {
                         static_cast<void>(c.to_string());
                         static_cast<void>(c.milestones().size());
                         static_cast<void>(c.deadline());
                     });
    check_moved_from(tranche::when(35_B, condition::milestone("certain conditions")).labelled("second"),
                     [](const tranche& t) {
                         static_cast<void>(t.label().size());
                         static_cast<void>(t.condition().to_string());
                         static_cast<void>(t.fallback());
                     });
    milestone_odds odds;
    odds.set("certain conditions", fraction(7, 10));
    check_moved_from(odds, [](const milestone_odds& o) {
        static_cast<void>(o.size());
        static_cast<void>(o.contains("certain conditions"));
    });
    check_moved_from(enumerate_odds(round, odds), [](const round_odds& o) {
        static_cast<void>(o.method());
    });
    // An exact value too large for a fraction lives behind a shared pointer.
    const discount_terms terms(fraction(2, 25), year{2026} / 2 / 27, day_count::actual_365_fixed,
                               compounding::annual_with_simple_stub);
    const exact_rational big = terms.exact_value(1_M, year{2526} / 2 / 27);  // 1.08^-500: past 128 bits
    check_moved_from(big, [](const exact_rational& v) {
        static_cast<void>(v.to_string().size());
        static_cast<void>(v == exact_rational(fraction(0)));
    });
}

}  // namespace test_moved_from
