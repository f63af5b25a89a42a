// Unit tests for sum and allocate (numeric/allocation.hpp).
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/numeric/money.hpp>

#include <doctest/doctest.h>

#include "support/money_test.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_allocation {

using namespace fundround;

namespace {

using fundround_test::i64_max;
using fundround_test::i64_min;
using fundround_test::usd_units;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Allocation

namespace {

std::vector<std::int64_t> units_of(const std::vector<money>& parts) {
    std::vector<std::int64_t> out;
    out.reserve(parts.size());
    for (const money& p : parts) out.push_back(p.units());
    return out;
}

using v64 = std::vector<std::int64_t>;

}  // namespace

TEST_CASE("money: allocate over integer weights") {
    CHECK(units_of(allocate(usd_units(100), v64{1, 1, 1})) == v64{34, 33, 33});
    CHECK(units_of(allocate(usd_units(-100), v64{1, 1, 1})) == v64{-34, -33, -33});
    CHECK(units_of(allocate(usd_units(2), v64{1, 1, 1})) == v64{1, 1, 0});
    CHECK(units_of(allocate(usd_units(7), v64{1, 2})) == v64{2, 5});        // 2.33 / 4.67
    CHECK(units_of(allocate(usd_units(5), v64{3, 3, 4})) == v64{2, 1, 2});  // 1.5 / 1.5 / 2
    CHECK(units_of(allocate(usd_units(3), v64{1, 1, 2})) == v64{1, 1, 1});  // .75 .75 1.5
    CHECK(units_of(allocate(usd_units(10), v64{0, 1, 0})) == v64{0, 10, 0});
    CHECK(units_of(allocate(usd_units(0), v64{1, 2, 3})) == v64{0, 0, 0});
    CHECK(units_of(allocate(usd_units(1), v64{1})) == v64{1});

    // Ties in the remainders go to the earlier weight, whatever its size.
    CHECK(units_of(allocate(usd_units(2), v64{1, 3})) == v64{1, 1});  // 0.5 / 1.5
    CHECK(units_of(allocate(usd_units(2), v64{3, 1})) == v64{2, 0});  // 1.5 / 0.5
    CHECK(units_of(allocate(usd_units(-2), v64{1, 3})) == v64{-1, -1});
    CHECK(units_of(allocate(usd_units(1), v64{1, 1, 1, 1})) == v64{1, 0, 0, 0});
    CHECK(units_of(allocate(usd_units(3), v64{1, 1, 1, 1})) == v64{1, 1, 1, 0});

    // Parts keep the total's currency.
    const auto parts = allocate(money::from_units(10, currencies::eur), v64{1, 1});
    REQUIRE(parts.size() == 2);
    CHECK(parts[0] == money::from_units(5, currencies::eur));
    CHECK(parts[1] == money::from_units(5, currencies::eur));

    // Large weights and amounts: 128-bit intermediates.
    const auto big = allocate(usd_units(i64_max), v64{i64_max, i64_max, 1});
    CHECK(sum(big) == usd_units(i64_max));
    CHECK(units_of(allocate(usd_units(i64_max), v64{1, 1})) ==
          v64{i64_max / 2 + 1, i64_max / 2});
    CHECK(units_of(allocate(usd_units(i64_min), v64{1, 1})) == v64{i64_min / 2, i64_min / 2});
}

TEST_CASE("money: allocate argument errors") {
    CHECK_THROWS_WITH_AS((void)(allocate(1_usd, v64{})), "allocate: weights: must not be empty",
                         invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(allocate(1_usd, v64{1, -1})),
                         "allocate: weights[1] = -1: must not be negative", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(allocate(1_usd, v64{0, 0})), "allocate: weights: must not all be zero",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)(allocate(1_usd, std::vector<money>{})), invalid_argument_error);
    // Regression (h7 review): money weights and steps were named by their count of mills
    // ("weights[1] = -1000", "total = 1000 units"), or not at all ("step: must be positive").
    CHECK_THROWS_WITH_AS((void)(allocate(1_usd, std::vector<money>{1_usd, -(1_usd)})),
                         "allocate: weights[1] = -$1.00: must not be negative", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(allocate(1_usd, v64{1, 2}, money::from_units(-10))),
                         "allocate: step = -$0.01: must be positive", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)(allocate(100_usd, v64{1, 2}, 0.03_usd)),
                         "allocate: total = $100.00: must be a multiple of the step, $0.03", invalid_argument_error);
    CHECK_THROWS_AS((void)(allocate(1_usd, std::vector<money>{money{}, money{}})), invalid_argument_error);
    CHECK_THROWS_AS((void)(allocate_evenly(1_usd, 0)), invalid_argument_error);
}

TEST_CASE("money: allocate over money weights") {
    // A $100 round split pro rata to commitments of $30 and $70... and $0.
    const auto parts = allocate(100_usd, std::vector<money>{30_usd, 70_usd, 0_usd});
    REQUIRE(parts.size() == 3);
    CHECK(parts[0] == 30_usd);
    CHECK(parts[1] == 70_usd);
    CHECK(parts[2] == 0_usd);

    // Weights in another currency than the total are fine as long as they agree with each other.
    const money e1 = money::from_major(1, currencies::eur);
    const money e2 = money::from_major(2, currencies::eur);
    CHECK(units_of(allocate(usd_units(10), std::vector<money>{e1, e2})) == v64{3, 7});
    CHECK(allocate(usd_units(10), std::vector<money>{e1, e2})[0].currency() == currencies::usd);
    CHECK_THROWS_AS((void)(allocate(usd_units(10), std::vector<money>{e1, 1_usd})), currency_mismatch_error);
}

TEST_CASE("money: allocate_evenly") {
    CHECK(units_of(allocate_evenly(usd_units(10), 3)) == v64{4, 3, 3});
    CHECK(units_of(allocate_evenly(usd_units(-10), 3)) == v64{-4, -3, -3});
    CHECK(units_of(allocate_evenly(usd_units(2), 5)) == v64{1, 1, 0, 0, 0});
    CHECK(units_of(allocate_evenly(100_usd, 4)) == units_of({25_usd, 25_usd, 25_usd, 25_usd}));
    const auto parts = allocate_evenly(1_B, 7);
    CHECK(sum(parts) == 1_B);
    for (const money& p : parts) {
        CHECK(p.units() >= (1_B).units() / 7);
        CHECK(p.units() <= (1_B).units() / 7 + 1);
    }
}

TEST_CASE("money: allocate in steps (whole cents)") {
    const money cent = 0.01_usd;
    const auto parts = allocate(100_usd, v64{1, 1, 1}, cent);
    REQUIRE(parts.size() == 3);
    CHECK(parts[0] == 33.34_usd);
    CHECK(parts[1] == 33.33_usd);
    CHECK(parts[2] == 33.33_usd);
    CHECK(sum(parts) == 100_usd);

    const auto neg = allocate(-(100_usd), v64{1, 1, 1}, cent);
    CHECK(units_of(neg) == v64{-33'340, -33'330, -33'330});

    CHECK(units_of(allocate(0.05_usd, v64{1, 1}, cent)) == v64{30, 20});
    CHECK(units_of(allocate(10_usd, v64{1, 2}, 1_usd)) == v64{3'000, 7'000});

    CHECK_THROWS_AS((void)(allocate(100.005_usd, v64{1, 1}, cent)), invalid_argument_error);
    CHECK_THROWS_AS((void)(allocate(100_usd, v64{1, 1}, money{})), invalid_argument_error);
    CHECK_THROWS_AS((void)(allocate(100_usd, v64{1, 1}, -cent)), invalid_argument_error);
    CHECK_THROWS_AS((void)(allocate(100_usd, v64{1, 1}, money::from_units(10, currencies::eur))),
                    currency_mismatch_error);
    CHECK_THROWS_AS((void)(allocate(100_usd, v64{}, cent)), invalid_argument_error);
}

TEST_CASE("money: allocate property: parts sum to the total and stay within one unit") {
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    auto next = [&state]() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
        return state ^ (state >> 29);
    };
    using detail::int128;
    for (int iteration = 0; iteration < 600; ++iteration) {
        // Totals of every magnitude from 0 to INT64_MAX, either sign.
        const auto total_shift = static_cast<unsigned>(next() % 64);
        auto magnitude_total = static_cast<std::int64_t>((next() >> 1) >> total_shift);
        const bool negative = (next() & 1U) != 0;
        const std::int64_t total_units = negative ? -magnitude_total : magnitude_total;

        // 1 to 12 weights up to 2^59 each (so their sum stays below 2^63), some zero.
        const std::size_t count = 1 + static_cast<std::size_t>(next() % 12);
        const auto weight_shift = static_cast<unsigned>(5 + next() % 59);
        v64 weights(count);
        bool any = false;
        for (auto& w : weights) {
            w = (next() % 5 == 0) ? 0 : static_cast<std::int64_t>((next() >> 1) >> weight_shift);
            any = any || w != 0;
        }
        if (!any) weights[static_cast<std::size_t>(next() % count)] = 1;

        CAPTURE(iteration);
        CAPTURE(total_units);
        const money total = money::from_units(total_units, currencies::gbp);
        const std::vector<money> parts = allocate(total, weights);
        REQUIRE(parts.size() == count);

        int128 weight_sum = 0;
        for (auto w : weights) weight_sum += w;
        int128 parts_sum = 0;
        bool ok = true;
        for (std::size_t i = 0; i < count; ++i) {
            ok = ok && parts[i].currency() == currencies::gbp;
            parts_sum += parts[i].units();
            // |part - total * w / W| < 1  <=>  |part * W - total * w| < W
            int128 diff = int128(parts[i].units()) * weight_sum - int128(total_units) * weights[i];
            if (diff < 0) diff = -diff;
            ok = ok && diff < weight_sum;
            // A part never has the opposite sign of the total.
            ok = ok && (negative ? parts[i].units() <= 0 : parts[i].units() >= 0);
        }
        CHECK(ok);
        CHECK((parts_sum == int128(total_units)));
    }
}

TEST_CASE("money: allocate the most negative amount") {
    // -2^63 units over a single weight is the amount itself; it must not overflow.
    const money min = usd_units(i64_min);
    std::vector<money> parts;
    CHECK_NOTHROW(parts = allocate(min, v64{1}));
    REQUIRE(parts.size() == 1);
    CHECK(parts[0] == min);
    CHECK_NOTHROW(parts = allocate_evenly(min, 1));
    CHECK(units_of(parts) == v64{i64_min});
    CHECK_NOTHROW(parts = allocate(min, v64{0, 5, 0}));
    CHECK(units_of(parts) == v64{0, i64_min, 0});
}

}  // namespace test_allocation
