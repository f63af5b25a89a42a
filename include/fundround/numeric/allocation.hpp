/// @file numeric/allocation.hpp
/// @brief Sums and exact allocation of money: parts that always add up to the total.
#ifndef FUNDROUND_NUMERIC_ALLOCATION_HPP
#define FUNDROUND_NUMERIC_ALLOCATION_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The sum of @p amounts, all in currency @p c; an empty list sums to zero in @p c.
/// Throws currency_mismatch_error if an amount is in another currency, overflow_error.
[[nodiscard]] inline money sum(const std::vector<money>& amounts, currency c) {
    money total = money::zero(c);
    for (const money& m : amounts) total += m;
    return total;
}

/// The sum of @p amounts in their common currency. An empty list has no currency, so it throws
/// invalid_argument_error: sum an empty list with sum(amounts, c). Throws
/// currency_mismatch_error if the amounts are in different currencies, overflow_error.
[[nodiscard]] inline money sum(const std::vector<money>& amounts) {
    if (amounts.empty()) {
        throw invalid_argument_error(
            "sum: amounts: empty, so the currency of the sum is unknown: "
            "pass it, sum(amounts, currency)");
    }
    return sum(amounts, amounts.front().currency());
}

namespace detail {

/// Largest-remainder split of @p total over @p weights (non-negative, not all zero).
/// Parts are proportional rounded down; the units left over go one each to the largest
/// remainders, ties to the earlier weight. The parts always sum exactly to @p total.
[[nodiscard]] inline std::vector<std::int64_t> allocate_units(
    std::int64_t total, const std::vector<std::int64_t>& weights) {
    using units_vector = std::vector<uint128>;
    if (weights.empty()) throw invalid_argument_error("allocate: weights: must not be empty");
    int128 weight_sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] < 0) {
            throw invalid_argument_error("allocate: weights[" + detail::digits(i) +
                                         "] = " + detail::signed_digits(weights[i]) +
                                         ": must not be negative");
        }
        weight_sum += weights[i];
    }
    if (weight_sum == 0) throw invalid_argument_error("allocate: weights: must not all be zero");
    const bool negative = total < 0;
    const uint128 magnitude_total = magnitude(int128(total));
    const auto wsum = static_cast<uint128>(weight_sum);
    units_vector magnitudes(weights.size());
    units_vector remainders(weights.size());
    uint128 assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const uint128 product = magnitude_total * static_cast<uint128>(weights[i]);
        const uint128 q = product / wsum;
        remainders[i] = product % wsum;
        magnitudes[i] = q;  // q <= |total| <= 2^63
        assigned += q;
    }
    auto leftover = static_cast<std::size_t>(magnitude_total - assigned);  // < weights.size()
    if (leftover > 0) {
        std::vector<std::size_t> order(weights.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(leftover),
                          order.end(), [&](std::size_t a, std::size_t b) {
                              if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
                              return a < b;
                          });
        for (std::size_t k = 0; k < leftover; ++k) magnitudes[order[k]] += 1;
    }
    std::vector<std::int64_t> parts(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const int128 m = static_cast<int128>(magnitudes[i]);  // <= |total| <= 2^63
        parts[i] = narrow(negative ? int128(-m) : m, "allocation");
    }
    return parts;
}

}  // namespace detail

/// Splits @p total over @p weights so the parts sum exactly to @p total (largest remainder
/// method, ties to the earlier weight). Throws on negative or all-zero weights.
[[nodiscard]] inline std::vector<money> allocate(
    money total, const std::vector<std::int64_t>& weights) {
    const auto units = detail::allocate_units(total.units(), weights);
    std::vector<money> parts;
    parts.reserve(units.size());
    for (auto u : units) parts.push_back(money::from_units(u, total.currency()));
    return parts;
}

/// Splits @p total pro rata to the amounts @p weights (same currency as each other).
[[nodiscard]] inline std::vector<money> allocate(
    money total, const std::vector<money>& weights) {
    std::vector<std::int64_t> w;
    w.reserve(weights.size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i].currency() != weights.front().currency()) {
            throw currency_mismatch_error("allocate: weights[" + detail::digits(i) +
                                          "] is in " + to_string(weights[i].currency()) +
                                          ", weights[0] in " +
                                          to_string(weights.front().currency()));
        }
        // Checked here, so that the message shows the amount as given, not its count of units.
        if (weights[i].is_negative()) {
            throw invalid_argument_error("allocate: weights[" + detail::digits(i) + "] = " + format_full(weights[i]) +
                                         ": must not be negative");
        }
        w.push_back(weights[i].units());
    }
    return allocate(total, w);
}

/// Splits @p total over @p weights in whole multiples of @p step (such as whole cents);
/// @p total must itself be a multiple of @p step.
[[nodiscard]] inline std::vector<money> allocate(
    money total, const std::vector<std::int64_t>& weights, money step) {
    if (step.currency() != total.currency()) {
        throw currency_mismatch_error("allocate: step and total are in different currencies");
    }
    if (!step.is_positive()) {
        throw invalid_argument_error("allocate: step = " + format_full(step) + ": must be positive");
    }
    if (total.units() % step.units() != 0) {
        throw invalid_argument_error("allocate: total = " + format_full(total) + ": must be a multiple of the step, " +
                                     format_full(step));
    }
    const auto steps = detail::allocate_units(total.units() / step.units(), weights);
    std::vector<money> parts;
    parts.reserve(steps.size());
    for (auto s : steps) parts.push_back(money::from_units(s * step.units(), total.currency()));
    return parts;
}

/// Splits @p total into @p count parts that differ by at most one unit and sum exactly.
[[nodiscard]] inline std::vector<money> allocate_evenly(money total, std::size_t count) {
    if (count == 0) throw invalid_argument_error("allocate_evenly: count = 0: must be positive");
    return allocate(total, std::vector<std::int64_t>(count, 1));
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_NUMERIC_ALLOCATION_HPP
