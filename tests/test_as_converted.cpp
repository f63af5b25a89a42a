// Unit tests for fundround/instruments/as_converted.hpp: fully diluted counts with SAFEs and
// convertible notes as converted ("fully diluted, SAFEs as converted"): at each instrument's cap
// (the post-money capitalization solved in closed form), with a fallback price for uncapped
// instruments, or at one assumed price; exact figures from the Y Combinator post-money SAFE user
// guide, a note with interest, mixed SAFEs; property tests (ownership sums to exactly 1; a
// post-money SAFE owns exactly amount / cap of the capitalization; the shares equal
// conversion_round's where the round converts every instrument at its cap with no pool
// increase); every problem reported at once.
#include <fundround/instruments/as_converted.hpp>
#include <fundround/numeric/literals.hpp>

#include "support/public_examples.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_as_converted {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// The invariants every result keeps: holders' shares plus the unallocated pool add up to the
// total and their ownerships to exactly 1; the total is F0 + the convertibles; each instrument's
// rounded shares are its exact shares rounded by the named mode; F0 + the exact shares = Q.
void check_adds_up(const as_converted_counts& fd) {
    share_count held;
    fraction owned;
    for (const as_converted_holder& h : fd.holders) {
        CHECK(h.shares == h.table_shares + h.convertible_shares);
        CHECK(h.ownership == fraction(h.shares.value(), fd.total().value()));
        held += h.shares;
        owned += h.ownership;
    }
    CHECK(held + fd.counts.unallocated_pool() == fd.total());
    CHECK(owned + fd.unallocated_pool_ownership() == fraction(1));
    share_count conv;
    detail::big_rational exact(fraction(fd.table_capitalization.value()));
    for (const as_converted_instrument& i : fd.instruments) {
        conv += i.shares;
        exact += i.exact_shares.big();
        CHECK(i.amount == i.principal + i.interest);
        CHECK(i.shares.value() ==
              detail::from_big(i.exact_shares.big().scaled_rounded(1, fd.terms.share_rounding), "shares"));
        // amount = exact shares x exact price.
        CHECK(i.exact_shares.big() * i.exact_price_units.big() == detail::big_rational(fraction(i.amount.units())));
    }
    CHECK(conv == fd.convertibles());
    CHECK(fd.counts.convertibles() == conv);
    CHECK(fd.total() == fd.table_capitalization + conv);
    CHECK(fd.counts.total() == fd.counts.issued() + fd.counts.granted_options() + fd.counts.unallocated_pool() +
                                   fd.counts.warrants() + fd.counts.convertibles());
    CHECK(exact == fd.exact_capitalization.big());
    CHECK(fd.counts.basis().convertibles);
}

// A post-money instrument on its cap owns exactly amount / cap of the capitalization Q.
void check_owns_amount_over_cap(const as_converted_counts& fd, const as_converted_instrument& i) {
    REQUIRE(i.basis == as_converted_price_basis::cap);
    REQUIRE(i.cap_form == safe_form::post_money);
    REQUIRE(i.valuation_cap.has_value());
    CHECK(i.exact_capitalization == fd.exact_capitalization);
    CHECK(i.exact_shares.big() * detail::big_rational(fraction(i.valuation_cap->units())) ==
          i.exact_capitalization.big() * detail::big_rational(fraction(i.amount.units())));
}

// The capitalization of the Y Combinator post-money SAFE user guide: 9,250,000 shares, 650,000
// options issued and promised and an unissued pool of 100,000: 10,000,000 on the full basis.
cap_table yc_guide_table() {
    return cap_table_builder()
        .add(holder::founder("founders", "Founders"))
        .add(holder::employee("staff", "Staff"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", sh(750'000)})
        .grant({holder_id("staff"), "Plan", sh(650'000), price_per_share(10_usd, sh(100))})
        .holding(holder_id("founders"), "Common", sh(9'250'000))
        .build();
}

cap_table ten_million() {
    return cap_table_builder()
        .add(holder::founder("ada", "Ada"))
        .add(share_class::common("Common"))
        .holding(holder_id("ada"), "Common", sh(10'000'000))
        .build();
}

}  // namespace

// Y Combinator, "Post-Money Safe User Guide" (2018, ycombinator.com/documents): the safes
// convert into 15% of the company capitalization, 10,000,000 shares before them, so the
// capitalization is 10,000,000 / 0.85 = 11,764,705.88... and the safes' shares 1,764,705.88...
// (the guide: 1,764,706). The split of the 15% — a $1M and a $500k SAFE at a $10M post-money
// cap, 10% and 5% — is our assumption (test_conversion.cpp uses the same). Each price is
// 10M / Q = $0.85 exactly.
TEST_CASE("YC post-money user guide: SAFEs as converted at their cap, capitalization 10,000,000 / 0.85") {
    const cap_table t = yc_guide_table();
    const std::vector<safe> safes = {safe::post_money_cap(holder_id("a"), 1_M, 10_M, year{2024} / 1 / 15),
                                     safe::post_money_cap(holder_id("b"), 500'000_usd, 10_M, year{2024} / 4 / 2)};
    const as_converted_counts fd = fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1);
    CHECK(fd.table_capitalization == sh(10'000'000));
    CHECK(fd.exact_capitalization.to_fraction() == fraction(200'000'000, 17));
    const as_converted_instrument& a = fd.safe_at(0);
    const as_converted_instrument& b = fd.safe_at(1);
    CHECK(a.exact_price_units.to_fraction() == fraction(850));  // $0.85
    CHECK(b.exact_price_units.to_fraction() == fraction(850));
    CHECK(a.exact_shares.to_fraction() == fraction(20'000'000, 17));
    CHECK(a.shares == sh(1'176'470));  // rounded down, as conversion
    CHECK(b.shares == sh(588'235));
    CHECK(fd.convertibles() == sh(1'764'705));
    CHECK(fd.total() == sh(11'764'705));
    CHECK(fd.counts.basis() == fully_diluted_basis::full_with_convertibles());
    CHECK(fd.counts.issued() == sh(9'250'000));
    CHECK(fd.counts.granted_options() == sh(650'000));
    CHECK(fd.counts.unallocated_pool() == sh(100'000));
    // The $1M SAFE at a $10M post-money cap owns 10% of the capitalization, exactly, before
    // share rounding; on the rounded counts 1,176,470 / 11,764,705.
    check_owns_amount_over_cap(fd, a);
    check_owns_amount_over_cap(fd, b);
    CHECK(a.exact_shares.big() * detail::big_rational(fraction(10)) == fd.exact_capitalization.big());
    CHECK(fd.ownership(holder_id("a")) == fraction(1'176'470, 11'764'705));
    CHECK(fd.ownership(holder_id("a")).to_percent_string(2) == "10.00%");
    CHECK(!fd.holder_line(holder_id("a")).on_table);
    CHECK(fd.holder_line(holder_id("founders")).table_shares == sh(9'250'000));
    CHECK(fd.ownership(holder_id("founders")) == fraction(9'250'000, 11'764'705));
    check_adds_up(fd);
    // The guide's 1,764,706: each SAFE rounded half away from zero, 1,176,471 + 588,235.
    as_converted_terms half = as_converted_terms::at_cap();
    half.share_rounding = rounding::half_away_from_zero;
    CHECK(fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1, half).convertibles() == sh(1'764'706));

    // The same figures as the SAFEs' conversion in a $6M Series A at a $30M pre-money with no
    // pool increase (test_conversion.cpp): there the cap price applies and Q is the same
    // capitalization, so each SAFE's conversion shares are its as-converted shares.
    const converted_round r = conversion_round("Series A", "Series A Preferred", year{2025} / 1 / 1)
                                  .pre_money(30_M)
                                  .invest(holder_id("lead"), 6_M)
                                  .add_holder(holder::investor("lead", "Lead"))
                                  .add_holder(holder::investor("a", "SAFE A"))
                                  .add_holder(holder::investor("b", "SAFE B"))
                                  .convert(safes[0])
                                  .convert(safes[1])
                                  .apply_to(t);
    CHECK(r.exact_capitalization() == fd.exact_capitalization);
    CHECK(r.safe_conversion(0).shares == a.shares);
    CHECK(r.safe_conversion(1).shares == b.shares);
}

// Y Combinator, "Post-Money Safe User Guide", Quick Start Guide: "Post-Money Valuation Cap is
// $6.7 million"; raising $500k "the ownership sold would be 0.5/6.7 = ~7.5%"; and with two caps,
// $5.5M and $8.3M, "~9%" and "~6%" sold (as the guide's example splits the $1M: $500k each, our
// reading). On 10,000,000 shares: Q = 10,000,000 / (1 - 5/67) = 335,000,000 / 31, the SAFE's
// shares 25,000,000 / 31 = 806,451.6...; with the two caps Q = 10,000,000 / (1 - 1/11 - 5/83)
// = 365,200,000 / 31, shares 33,200,000 / 31 and 22,000,000 / 31.
TEST_CASE("YC post-money quick start guide: ownership sold = amount / post-money cap") {
    const cap_table t = ten_million();
    const as_converted_counts one =
        fully_diluted_as_converted(t, {safe::post_money_cap(holder_id("s"), 500'000_usd, 6'700'000_usd, year{2024} / 5 / 1)}, {},
                                   year{2024} / 12 / 31);
    CHECK(one.exact_capitalization.to_fraction() == fraction(335'000'000, 31));
    CHECK(one.safe_at(0).exact_shares.to_fraction() == fraction(25'000'000, 31));
    CHECK(one.safe_at(0).shares == sh(806'451));
    CHECK(one.total() == sh(10'806'451));
    CHECK(one.ownership(holder_id("s")).to_percent_string(1) == "7.5%");
    check_owns_amount_over_cap(one, one.safe_at(0));
    check_adds_up(one);

    const as_converted_counts two = fully_diluted_as_converted(
        t,
        {safe::post_money_cap(holder_id("x"), 500'000_usd, 5'500'000_usd, year{2024} / 5 / 1),
         safe::post_money_cap(holder_id("y"), 500'000_usd, 8'300'000_usd, year{2024} / 6 / 1)},
        {}, year{2024} / 12 / 31);
    CHECK(two.exact_capitalization.to_fraction() == fraction(365'200'000, 31));
    CHECK(two.safe_at(0).exact_shares.to_fraction() == fraction(33'200'000, 31));
    CHECK(two.safe_at(1).exact_shares.to_fraction() == fraction(22'000'000, 31));
    CHECK(two.safe_at(0).shares == sh(1'070'967));
    CHECK(two.safe_at(1).shares == sh(709'677));
    CHECK(two.total() == sh(11'780'644));
    CHECK(two.ownership(holder_id("x")).to_percent_string(0) == "9%");
    CHECK(two.ownership(holder_id("y")).to_percent_string(0) == "6%");
    check_owns_amount_over_cap(two, two.safe_at(0));
    check_owns_amount_over_cap(two, two.safe_at(1));
    check_adds_up(two);
}

// Mixed, by hand. F0 = 8,000,000 issued + 500,000 granted + 1,000,000 unallocated + 500,000
// warrants = 10,000,000. A pre-money SAFE, $300k at a $6M cap: 300k x F0 / 6M = 500,000 at
// $0.60. A note, $250,000 at 8% simple, Actual/365, issued 2024-01-01, as of 2025-01-01: 366
// days, interest 250,000 x 0.08 x 366/365 = 20,054.7945... -> $20,054.795 (half even, the
// mill); $270,054.795 at its $9M pre-money cap, $0.90: 18,003,653 / 60 = 300,060.88 shares. A
// post-money SAFE, $500k at a $5M cap (10%): Q = (F0 + 500,000 + 18,003,653/60) / 0.9 =
// 648,003,653 / 54; its shares Q / 10 = 1,200,006.76. Total 10,000,000 + 500,000 + 300,060 +
// 1,200,006 = 12,000,066.
TEST_CASE("mixed: a post-money SAFE, a pre-money SAFE and a note with interest, on a table with options, pool and warrants") {
    const cap_table t = cap_table_builder()
                            .add(holder::founder("ada", "Ada"))
                            .add(holder::employee("eve", "Eve"))
                            .add(holder::investor("bank", "Venture Bank"))
                            .add(holder::investor("fund", "Fund"))
                            .add(share_class::common("Common"))
                            .add(option_pool{"Plan", "Common", sh(1'500'000)})
                            .grant({holder_id("eve"), "Plan", sh(500'000), price_per_share(10_usd, sh(100))})
                            .add(warrant{holder_id("bank"), "Common", sh(500'000), price_per_share(50_usd, sh(100))})
                            .holding(holder_id("ada"), "Common", sh(8'000'000))
                            .build();
    convertible_note n;
    n.holder = holder_id("bridge");
    n.principal = 250'000_usd;
    n.issue_date = year{2024} / 1 / 1;
    n.maturity_date = year{2026} / 1 / 1;
    n.annual_rate = fraction(8, 100);
    n.day_count = note_day_count::actual_365_fixed;
    n.valuation_cap = 9_M;
    const std::vector<safe> safes = {safe::post_money_cap(holder_id("angel"), 500'000_usd, 5_M, year{2024} / 3 / 1),
                                     safe::pre_money_cap(holder_id("fund"), 300'000_usd, 6_M, year{2024} / 2 / 1)};
    const as_converted_counts fd = fully_diluted_as_converted(t, safes, {n}, year{2025} / 1 / 1);
    CHECK(fd.table_capitalization == sh(10'000'000));
    const as_converted_instrument& pre = fd.safe_at(1);
    CHECK(pre.cap_form == safe_form::pre_money);
    CHECK(pre.exact_capitalization.to_fraction() == fraction(10'000'000));
    CHECK(pre.exact_price_units.to_fraction() == fraction(600));
    CHECK(pre.shares == sh(500'000));
    const as_converted_instrument& note = fd.note_at(0);
    CHECK(note.interest == money::from_units(20'054'795));
    CHECK(note.amount == money::from_units(270'054'795));
    CHECK(note.exact_price_units.to_fraction() == fraction(900));
    CHECK(note.exact_shares.to_fraction() == fraction(18'003'653, 60));
    CHECK(note.shares == sh(300'060));
    CHECK(fd.exact_capitalization.to_fraction() == fraction(648'003'653, 54));
    const as_converted_instrument& post = fd.safe_at(0);
    CHECK(post.exact_shares.to_fraction() == fraction(648'003'653, 540));
    CHECK(post.shares == sh(1'200'006));
    check_owns_amount_over_cap(fd, post);
    CHECK(fd.convertibles() == sh(2'000'066));
    CHECK(fd.total() == sh(12'000'066));
    CHECK(fd.counts.warrants() == sh(500'000));
    // The fund is on the table (no shares) and holds the pre-money SAFE; angel and bridge are not.
    CHECK(fd.holder_line(holder_id("fund")).on_table);
    CHECK(fd.holder_line(holder_id("fund")).convertible_shares == sh(500'000));
    CHECK(fd.ownership(holder_id("bridge")) == fraction(300'060, 12'000'066));
    CHECK(fd.holders.size() == 6);  // ada, eve, bank, fund; then angel, bridge
    CHECK(fd.holders[4].holder == holder_id("angel"));
    CHECK(fd.holders[5].holder == holder_id("bridge"));
    CHECK(fd.unallocated_pool_ownership() == fraction(1'000'000, 12'000'066));
    check_adds_up(fd);
    // A day later the note has accrued more interest: 367 days.
    const as_converted_counts later = fully_diluted_as_converted(t, safes, {n}, year{2025} / 1 / 2);
    CHECK(later.note_at(0).interest == n.accrued_interest(year{2025} / 1 / 2));
    CHECK(later.note_at(0).interest > note.interest);
    // The basis names the table's components: without the pool, F0 is 9,000,000.
    as_converted_terms no_pool;
    no_pool.basis.unallocated_pool = false;
    const as_converted_counts np = fully_diluted_as_converted(t, safes, {n}, year{2025} / 1 / 1, no_pool);
    CHECK(np.table_capitalization == sh(9'000'000));
    CHECK(np.counts.basis().name() == "custom");
    CHECK(np.safe_at(1).shares == sh(450'000));  // 300k x 9,000,000 / 6M
    check_owns_amount_over_cap(np, np.safe_at(0));
    check_adds_up(np);
}

TEST_CASE("a note past maturity: interest to the as-of date, or to maturity when it stops there") {
    // 10,000,000 common; a note of $250,000 at 8% simple, Actual/365 Fixed, issued 2024-01-01,
    // matured 2024-07-01 (182 days), $6M pre-money cap: price $6M / 10,000,000 = $0.60. As of
    // 2025-01-01 (366 days): to the as-of date 250,000 x 8% x 366/365 = $20,054.795, 270,054.795
    // / 0.60 = 450,091.325 -> 450,091 shares; to maturity 250,000 x 8% x 182/365 = $9,972.603,
    // 259,972.603 / 0.60 = 433,287.671 -> 433,287 shares.
    convertible_note n;
    n.holder = holder_id("bridge");
    n.principal = 250'000_usd;
    n.issue_date = year{2024} / 1 / 1;
    n.maturity_date = year{2024} / 7 / 1;
    n.annual_rate = fraction(8, 100);
    n.valuation_cap = 6_M;
    const as_converted_counts to_date = fully_diluted_as_converted(ten_million(), {}, {n}, year{2025} / 1 / 1);
    CHECK(to_date.note_at(0).interest == money::from_units(20'054'795));
    CHECK(to_date.note_at(0).shares == sh(450'091));
    n.interest_accrues = note_interest_accrual::to_maturity;
    const as_converted_counts fd = fully_diluted_as_converted(ten_million(), {}, {n}, year{2025} / 1 / 1);
    CHECK(fd.note_at(0).interest == money::from_units(9'972'603));
    CHECK(fd.note_at(0).amount == money::from_units(259'972'603));
    CHECK(fd.note_at(0).exact_price_units.to_fraction() == fraction(600));
    CHECK(fd.note_at(0).shares == sh(433'287));
    CHECK(fd.total() == sh(10'433'287));
    check_adds_up(fd);
}

// Chris Harvey's note (tests/test_conversion.cpp): $750,000 at a $4M cap over the 8,500,000
// issued and outstanding (cap_basis) is 1,593,750 shares as converted; over F0 = 10,000,000 (the
// pool included, the default) 1,875,000.
TEST_CASE("a note's cap_basis: as converted, its cap divides the count on that basis, not F0") {
    const cap_table t = fundround_test::harvey_table();
    convertible_note n = fundround_test::harvey_note();
    CHECK(fully_diluted_as_converted(t, {}, {n}, year{2020} / 10 / 1).note_at(0).shares == sh(1'875'000));
    n.cap_basis = fully_diluted_basis::issued_and_granted();
    const as_converted_counts fd = fully_diluted_as_converted(t, {}, {n}, year{2020} / 10 / 1);
    CHECK(fd.note_at(0).exact_capitalization.to_fraction() == fraction(8'500'000));
    CHECK(fd.note_at(0).shares == sh(1'593'750));
    CHECK(fd.total() == sh(11'593'750));
    check_adds_up(fd);
}

TEST_CASE("a note whose principal plus interest is beyond the money range: overflow_error naming both amounts") {
    // Regression (review of 2026-12-06): "money addition overflows the 64-bit amount range",
    // naming neither amount. 2024-01-01 -> 2025-01-01 is one 30/360 year: 8 mills on 2^63 - 8.
    convertible_note n;
    n.holder = holder_id("bridge");
    n.principal = money::from_units(std::numeric_limits<std::int64_t>::max() - 7);
    n.issue_date = year{2024} / 1 / 1;
    n.maturity_date = year{2026} / 1 / 1;
    n.day_count = note_day_count::thirty_360_us;
    n.annual_rate = fraction(8, std::numeric_limits<std::int64_t>::max() - 7);
    n.valuation_cap = 6_M;
    CHECK_THROWS_WITH_AS((void)fully_diluted_as_converted(ten_million(), {}, {n}, year{2025} / 1 / 1),
                         "principal plus interest on 2025-01-01 = $9,223,372,036,854,775.80 + $0.008: beyond the money range "
                         "(at most $9,223,372,036,854,775.807 in magnitude)",
                         overflow_error);
}

// Uncapped instruments: at cap they are a problem unless a fallback price is given; with one
// they convert at it less their discount. At an assumed price every instrument converts at it.
TEST_CASE("uncapped instruments: a fallback price, or one assumed price for all") {
    const cap_table t = ten_million();
    const std::vector<safe> safes = {safe::post_money_cap(holder_id("capped"), 500'000_usd, 5_M, year{2024} / 1 / 1),
                                     safe::post_money_discount(holder_id("disc"), 400'000_usd, fraction(1, 5), year{2024} / 2 / 1),
                                     safe::post_money_uncapped(holder_id("plain"), 100'000_usd, year{2024} / 3 / 1)};
    const calendar_date on = year{2025} / 1 / 1;
    const as_converted_result bad = try_fully_diluted_as_converted(t, safes, {}, on);
    REQUIRE(!bad.ok());
    REQUIRE(bad.problems.size() == 2);  // both named, at once
    CHECK(bad.problems[0].field.to_string() == "safes[1].valuation_cap");
    CHECK(bad.problems[1].field.to_string() == "safes[2].valuation_cap");
    CHECK(bad.problems[1].rule.find("fallback price") != std::string::npos);
    CHECK_THROWS_AS(fully_diluted_as_converted(t, safes, {}, on), validation_error);

    // Fallback $2.00: the discount SAFE at $1.60 (250,000), the plain one at $2.00 (50,000);
    // the capped one owns 10% of Q = (10,000,000 + 300,000) / 0.9.
    const as_converted_counts fb = fully_diluted_as_converted(t, safes, {}, on, as_converted_terms::at_cap(price_per_share(2_usd, sh(1))));
    CHECK(fb.safe_at(1).basis == as_converted_price_basis::assumed_price_discounted);
    CHECK(fb.safe_at(1).exact_price_units.to_fraction() == fraction(1600));
    CHECK(fb.safe_at(1).shares == sh(250'000));
    CHECK(fb.safe_at(2).basis == as_converted_price_basis::assumed_price);
    CHECK(fb.safe_at(2).shares == sh(50'000));
    CHECK(fb.exact_capitalization.to_fraction() == fraction(103'000'000, 9));
    CHECK(fb.safe_at(0).shares == sh(1'144'444));  // 10,300,000 / 9 = 1,144,444.4
    check_owns_amount_over_cap(fb, fb.safe_at(0));
    check_adds_up(fb);
    CHECK(fb.terms.description() == "at cap (uncapped at $2.0000 less discount); shares rounded floor");

    // Every instrument at $2.50, caps and discounts ignored: 200,000 + 160,000 + 40,000.
    const as_converted_counts all = fully_diluted_as_converted(t, safes, {}, on, as_converted_terms::at_price(price_per_share(250_usd, sh(100))));
    CHECK(all.safe_at(0).basis == as_converted_price_basis::assumed_price);
    CHECK(!all.safe_at(0).valuation_cap.has_value());
    CHECK(all.safe_at(0).shares == sh(200'000));
    CHECK(all.safe_at(1).shares == sh(160'000));
    CHECK(all.safe_at(2).shares == sh(40'000));
    CHECK(all.exact_capitalization.to_fraction() == fraction(10'400'000));
    CHECK(all.total() == sh(10'400'000));
    check_adds_up(all);
}

// An MFN SAFE takes the lowest cap of the later SAFEs of its form, as in conversion_round.
TEST_CASE("an MFN SAFE converts at the cap it takes from a later SAFE") {
    const cap_table t = ten_million();
    const std::vector<safe> safes = {safe::post_money_mfn(holder_id("early"), 250'000_usd, year{2024} / 1 / 1),
                                     safe::post_money_cap(holder_id("late"), 250'000_usd, 5_M, year{2024} / 6 / 1),
                                     safe::post_money_cap(holder_id("later"), 250'000_usd, 10_M, year{2024} / 9 / 1)};
    const as_converted_counts fd = fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1);
    CHECK(fd.safe_at(0).valuation_cap == 5_M);
    CHECK(fd.safe_at(0).mfn_from == std::vector<std::size_t>{1});
    // 1/20 + 1/20 + 1/40 = 1/8: Q = 10,000,000 / 0.875 = 80,000,000 / 7.
    CHECK(fd.exact_capitalization.to_fraction() == fraction(80'000'000, 7));
    CHECK(fd.safe_at(0).shares == fd.safe_at(1).shares);
    CHECK(fd.safe_at(0).shares == sh(571'428));
    for (const as_converted_instrument& i : fd.instruments) check_owns_amount_over_cap(fd, i);
    check_adds_up(fd);
    // An MFN SAFE with no later cap to take is uncapped: a problem naming it at cap.
    const as_converted_result alone = try_fully_diluted_as_converted(t, {safes[0]}, {}, year{2025} / 1 / 1);
    REQUIRE(alone.problems.size() == 1);
    CHECK(alone.problems[0].field.to_string() == "safes[0].valuation_cap");
    CHECK(alone.problems[0].rule.find("MFN") != std::string::npos);
}

TEST_CASE("a fixed-percentage SAFE as converted: its percentage of Q at cap and at an assumed price") {
    // YC's "$125K for 7%" (ycombinator.com/deal) with a $1M SAFE at a $10M post-money cap (10%) on
    // 10,000,000 shares: Q = 10,000,000 / (1 - 0.07 - 0.10) = 1,000,000,000/83; the fixed SAFE's
    // 7% = 70,000,000/83 = 843,373.49 -> 843,373 at 125,000,000 x 83 / 70,000,000 = 2075/14 mills; the cap
    // SAFE's 10% = 1,204,819.28 -> 1,204,819.
    const cap_table t = ten_million();
    const std::vector<safe> safes = {safe::post_money_fixed_percentage(holder_id("yc"), 125'000_usd, fraction(7, 100), year{2024} / 1 / 1),
                                     safe::post_money_cap(holder_id("fund"), 1_M, 10_M, year{2024} / 6 / 1)};
    const as_converted_counts fd = fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1);
    CHECK(fd.exact_capitalization.to_fraction() == fraction(1'000'000'000, 83));
    const as_converted_instrument& yc = fd.safe_at(0);
    CHECK(yc.basis == as_converted_price_basis::fixed_percentage);
    CHECK(to_string(yc.basis) == "fixed percentage");
    CHECK(yc.fixed_percentage == fraction(7, 100));
    CHECK_FALSE(yc.valuation_cap);
    CHECK(yc.exact_capitalization == fd.exact_capitalization);
    CHECK(yc.exact_shares.to_fraction() == fraction(70'000'000, 83));
    CHECK(yc.exact_price_units.to_fraction() == fraction(2'075, 14));  // $0.1482
    CHECK(yc.shares == sh(843'373));
    CHECK(fd.safe_at(1).shares == sh(1'204'819));
    check_owns_amount_over_cap(fd, fd.safe_at(1));
    check_adds_up(fd);
    // At an assumed $1.00 a share the cap SAFE is 1,000,000 shares; the fixed SAFE keeps 7% of
    // Q = 11,000,000 / 0.93 = 1,100,000,000/93: 77,000,000/93 = 827,956.99 -> 827,956.
    const as_converted_counts at = fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1,
                                                              as_converted_terms::at_price(price_per_share(1_usd, sh(1))));
    CHECK(at.exact_capitalization.to_fraction() == fraction(1'100'000'000, 93));
    CHECK(at.safe_at(0).basis == as_converted_price_basis::fixed_percentage);
    CHECK(at.safe_at(0).exact_shares.to_fraction() == fraction(77'000'000, 93));
    CHECK(at.safe_at(0).shares == sh(827'956));
    CHECK(at.safe_at(1).shares == sh(1'000'000));
    check_adds_up(at);
}

TEST_CASE("no instruments: the table's own counts, convertibles 0") {
    const cap_table t = yc_guide_table();
    const as_converted_counts fd = fully_diluted_as_converted(t, {}, {}, year{2025} / 1 / 1);
    CHECK(fd.convertibles() == sh(0));
    CHECK(fd.total() == t.fully_diluted().total());
    CHECK(fd.exact_capitalization.to_fraction() == fraction(10'000'000));
    // The table alone counts no convertibles on any basis.
    CHECK(t.fully_diluted(fully_diluted_basis::full_with_convertibles()).convertibles() == sh(0));
    CHECK(t.fully_diluted(fully_diluted_basis::full_with_convertibles()).total() == t.fully_diluted().total());
    check_adds_up(fd);
}

TEST_CASE("every problem at once: instruments, dates, currencies, assumption inputs") {
    const cap_table t = ten_million();
    safe late = safe::post_money_cap(holder_id("late"), 100'000_usd, 5_M, year{2025} / 6 / 1);
    safe euro = safe::post_money_cap(holder_id("euro"), money::from_units(100'000'000, currencies::eur), money::from_units(5'000'000'000, currencies::eur),
                                     year{2024} / 1 / 1);
    safe broken = safe::post_money_cap(holder_id(""), -100'000_usd, 5_M, year{2024} / 1 / 1);
    convertible_note n;
    n.holder = holder_id("bridge");
    n.principal = 100'000_usd;
    n.issue_date = year{2025} / 3 / 1;
    n.maturity_date = year{2027} / 3 / 1;
    n.annual_rate = fraction(5, 100);
    n.valuation_cap = 8_M;
    as_converted_terms terms;
    terms.method = as_converted_method::at_assumed_price;  // and no price
    terms.basis = fully_diluted_basis::full();               // no convertibles
    const as_converted_result r = try_fully_diluted_as_converted(t, {late, euro, broken}, {n}, year{2025} / 1 / 1, terms);
    REQUIRE(!r.ok());
    std::vector<std::string> fields;
    for (const diagnostic& d : r.problems) fields.push_back(d.field.to_string());
    const std::vector<std::string> expected = {"terms.basis",       "terms.price",          "safes[0].date",
                                               "safes[1].purchase_amount", "safes[2].holder", "safes[2].purchase_amount",
                                               "notes[0].issue_date"};
    CHECK(fields == expected);
    // A price in another currency; an invalid as-of date.
    as_converted_terms eur = as_converted_terms::at_price(price_per_share(money::from_units(1'000, currencies::eur), sh(1)));
    const as_converted_result r2 = try_fully_diluted_as_converted(t, {}, {}, year{2025} / 2 / 30, eur);
    REQUIRE(r2.problems.size() == 2);
    CHECK(r2.problems[0].field.to_string() == "as_of");
    CHECK(r2.problems[1].field.to_string() == "terms.price");
    // Post-money SAFEs taking 100% of the company: no capitalization counts them.
    const as_converted_result whole = try_fully_diluted_as_converted(
        t, {safe::post_money_cap(holder_id("x"), 3_M, 5_M, year{2024} / 1 / 1), safe::post_money_cap(holder_id("y"), 2_M, 5_M, year{2024} / 1 / 1)}, {},
        year{2025} / 1 / 1);
    REQUIRE(whole.problems.size() == 1);
    CHECK(whole.problems[0].field.to_string() == "safes");
    CHECK(whole.problems[0].value == "1.000000");
    // A basis on which the table has no shares: a pool, nothing issued, counted without it.
    const cap_table pool_only = cap_table_builder()
                                    .add(share_class::common("Common"))
                                    .add(option_pool{"Plan", "Common", sh(1'000)})
                                    .build();
    const as_converted_result empty = try_fully_diluted_as_converted(
        pool_only, {safe::post_money_cap(holder_id("x"), 100'000_usd, 5_M, year{2024} / 1 / 1)}, {}, year{2025} / 1 / 1,
        [] {
            as_converted_terms x;
            x.basis = fully_diluted_basis{false, false, false, true};  // issued + convertibles
            return x;
        }());
    REQUIRE(empty.problems.size() == 1);
    CHECK(empty.problems[0].field.to_string() == "terms.basis");
    CHECK(empty.problems[0].rule == "the cap table has no shares on this basis");
    CHECK_THROWS_AS(fully_diluted_as_converted(t, {}, {}, year{2025} / 1 / 1, terms), validation_error);
    // Shares past 64 bits: $1B (10^12 mills) at 10^-12 mills a share is 10^24 shares.
    const as_converted_result huge = try_fully_diluted_as_converted(
        t, {safe::post_money_uncapped(holder_id("x"), 1'000'000'000_usd, year{2024} / 1 / 1)}, {}, year{2025} / 1 / 1,
        as_converted_terms::at_price(price_per_share(money::from_units(1), sh(1'000'000'000'000))));
    REQUIRE(huge.problems.size() == 1);
    CHECK(huge.problems[0].field.to_string() == "safes[0].shares");
    CHECK(huge.problems[0].value == "1000000000000000000000000");
    const as_converted_counts fd = fully_diluted_as_converted(t, {}, {}, year{2025} / 1 / 1);
    CHECK_THROWS_AS(fd.holder_line(holder_id("nobody")), invalid_argument_error);
    CHECK_THROWS_AS(fd.safe_at(0), invalid_argument_error);
}

// Random tables and instruments (cap-only post- and pre-money SAFEs, notes with a pre-money cap):
// every invariant holds; each post-money SAFE owns exactly amount / cap of Q; and the shares are
// conversion_round's in a round that converts every instrument at its cap with no pool increase
// (pre-money above every cap, closing on the as-of date): the same capitalization, the same
// prices, the same rounding. The notes accrue whole mills (one year of Actual/365) so that every
// exact conversion price fits conversion_round's 64-bit price without a price rounding.
TEST_CASE("property: adds up to exactly 1, amount / cap of Q, and conversion_round's shares at the cap") {
    std::uint64_t state = 0x2026120311ULL;
    const auto next = [&](std::int64_t lo, std::int64_t hi) {  // uniform enough in [lo, hi]
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return lo + static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
    };
    const calendar_date on = year{2025} / 6 / 30;
    for (int trial = 0; trial < 60; ++trial) {
        cap_table_builder b;
        b.add(share_class::common("Common"));
        const int holders = static_cast<int>(next(1, 5));
        for (int h = 0; h < holders; ++h) {
            const std::string id = "h" + std::to_string(h);
            b.add(holder::founder(id, "Holder " + std::to_string(h)));
            b.holding(holder_id(id), "Common", sh(next(1, 5'000'000)));
        }
        b.add(option_pool{"Plan", "Common", sh(next(1, 2'000'000))});
        const cap_table t = b.build();
        std::vector<safe> safes;
        std::vector<convertible_note> notes;
        conversion_round round("Series A", "Series A Preferred", on);
        const int n_safes = static_cast<int>(next(0, 4));
        for (int i = 0; i < n_safes; ++i) {
            const std::string id = "s" + std::to_string(i);
            const money amount = money::from_units(next(1, 50) * 10'000'000);  // $10k steps, to $500k
            const money cap = money::from_units(next(5, 30) * 1'000'000'000);  // $1M steps, $5M to $30M
            const calendar_date d = year{2024} / 1 / static_cast<unsigned>(next(1, 28));
            safes.push_back(next(0, 2) == 0 ? safe::pre_money_cap(holder_id(id), amount, cap, d)
                                            : safe::post_money_cap(holder_id(id), amount, cap, d));
            round.add_holder(holder::investor(id, "SAFE " + id)).convert(safes.back());
        }
        const int n_notes = static_cast<int>(next(0, 2));
        for (int i = 0; i < n_notes; ++i) {
            convertible_note n;
            n.holder = holder_id("n" + std::to_string(i));
            n.principal = money::from_units(next(1, 30) * 10'000'000);
            n.issue_date = year{2024} / 6 / 30;  // one year of Actual/365 to the as-of date: interest P x r, whole mills
            n.maturity_date = year{2026} / 12 / 31;
            n.annual_rate = fraction(next(2, 10), 100);
            n.valuation_cap = money::from_units(next(5, 30) * 1'000'000'000);
            notes.push_back(n);
            round.add_holder(holder::investor(n.holder.str(), "Note " + n.holder.str())).convert(n);
        }
        const as_converted_counts fd = fully_diluted_as_converted(t, safes, notes, on);
        check_adds_up(fd);
        for (const as_converted_instrument& i : fd.instruments) {
            if (i.cap_form == safe_form::post_money) check_owns_amount_over_cap(fd, i);
        }
        if (fd.instruments.empty()) continue;
        // The round price rounded (it does not enter a cap-only conversion: Q is solved first).
        const converted_round r = round.pre_money(100_M).price_rounded(4, rounding::half_even).invest(holder_id("lead"), 5_M).add_holder(holder::investor("lead", "Lead")).apply_to(t);
        CHECK(r.pool_increase() == sh(0));
        CHECK(r.exact_capitalization() == fd.exact_capitalization);
        for (const as_converted_instrument& i : fd.instruments) {
            const instrument_conversion& c = i.kind == instrument_kind::safe ? r.safe_conversion(i.index) : r.note_conversion(i.index);
            CHECK(c.basis == conversion_basis::cap);
            CHECK(c.amount == i.amount);
            CHECK(c.exact_shares == i.exact_shares);
            CHECK(c.shares == i.shares);
        }
        CHECK(r.conversion_shares() == fd.convertibles());
    }
}

TEST_CASE("as_converted_terms: a method or share rounding outside its enumeration is a problem, not computed") {
    // Regression: an unknown method was counted at the assumed price (or, with none given, read
    // as "at_assumed_price needs the assumed price"), an unknown rounding truncated; to_string()
    // said "at an assumed price".
    const cap_table t = ten_million();
    const std::vector<safe> safes{safe::post_money_cap(holder_id("late"), 100'000_usd, 5_M, year{2024} / 6 / 1)};
    as_converted_terms terms;
    terms.method = static_cast<as_converted_method>(2);
    terms.share_rounding = static_cast<rounding>(8);
    const as_converted_result r = try_fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1, terms);
    const std::vector<diagnostic> expected = {
        {field_path("terms").member("method"), "2", "must be at_cap or at_assumed_price"},
        {field_path("terms").member("share_rounding"), "8", "must be exact, toward_zero, away_from_zero, floor, ceiling, half_away_from_zero, half_toward_zero or half_even"},
    };
    CHECK(r.problems == expected);
    CHECK_THROWS_AS((void)fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1, terms), validation_error);
    CHECK(to_string(terms.method) == "unknown");
    CHECK(try_fully_diluted_as_converted(t, safes, {}, year{2025} / 1 / 1).ok());
}

}  // namespace test_as_converted
