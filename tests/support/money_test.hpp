// Shared helpers of the money tests: the int64 limits and an amount of US dollar units.
#ifndef FUNDROUND_TESTS_SUPPORT_MONEY_TEST_HPP
#define FUNDROUND_TESTS_SUPPORT_MONEY_TEST_HPP

#include <fundround/numeric/money.hpp>

#include <cstdint>
#include <limits>

namespace fundround_test {

/// The largest int64, the money range's upper end in units.
constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
/// The smallest int64, the money range's lower end in units.
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

/// Exactly @p units mills of US dollars.
inline fundround::money usd_units(std::int64_t units) {
    return fundround::money::from_units(units, fundround::currencies::usd);
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_MONEY_TEST_HPP
