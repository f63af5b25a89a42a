/// @file analysis/present_value.hpp
/// @brief Present values of dated cash flows and of a net-flow view under discount_terms: summed
/// exactly on big integers (as analysis/discount.hpp, which it includes: opt-in, Boost), each
/// rounded once to the minor unit by a named mode.
#ifndef FUNDROUND_ANALYSIS_PRESENT_VALUE_HPP
#define FUNDROUND_ANALYSIS_PRESENT_VALUE_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/time/calendar.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The present values of both sides of a net-flow view and of the net, under one set of terms.
struct flows_present_value {
    present_value money_in;   ///< Money the company receives from the counterparty.
    present_value money_out;  ///< Money the company pays to the counterparty.
    /// money_in - money_out: exact difference, rounded once from it (so it may differ by one
    /// minor unit from money_in.rounded - money_out.rounded).
    present_value net;
};

namespace detail {

/// Appends to @p out a problem for each of @p flows (named @p list) whose date is not valid (or
/// after 9999-12-31) or that @p terms rejects (past_flow_rule::reject).
inline void past_flow_problems(const std::vector<cash_flow>& flows, const char* list, const discount_terms& terms,
                               std::vector<diagnostic>& out) {
    for (std::size_t i = 0; i < flows.size(); ++i) {
        if (!is_modelled(flows[i].date)) {
            out.push_back({field_path(list).index(i).member("date"), to_string(flows[i].date),
                           flows[i].date.ok() ? date_rule(flows[i].date) : "must be a valid calendar date"});
        } else if (terms.rejects(flows[i].date)) {
            out.push_back({field_path(list).index(i).member("date"), to_string(flows[i].date),
                           "must not be before the valuation date " + to_string(terms.valuation_date()) +
                               " (past_flow_rule::reject)"});
        }
    }
}

}  // namespace detail

namespace detail {

/// present_value_of() of a list, its rounded value named @p what if it does not fit a money.
[[nodiscard]] inline present_value present_value_of_list(const std::vector<cash_flow>& flows, const discount_terms& terms,
                                                         rounding mode, currency zero_currency, std::string_view what) {
    std::vector<diagnostic> problems;
    detail::past_flow_problems(flows, "flows", terms, problems);
    if (!problems.empty()) throw validation_error("present value", std::move(problems));
    const currency c = flows.empty() ? zero_currency : flows.front().amount.currency();
    std::vector<exact_rational> parts;
    parts.reserve(flows.size());
    for (const cash_flow& f : flows) {
        if (f.amount.currency() != c) {
            throw currency_mismatch_error("present value: " + to_string(f) + " is not in " +
                                          to_string(c) + " like the first flow");
        }
        parts.push_back(terms.exact_value(f.amount, f.date));
    }
    // Summed in pairs, then pairs of pairs: the operands stay of like size. Adding each term to
    // a running sum makes every step reduce the whole, ever larger fraction (n^2 in the size of
    // the result; 10,000 daily flows took seconds).
    while (parts.size() > 1) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i + 1 < parts.size(); i += 2) {
            parts[i] += parts[i + 1];
            parts[kept++] = std::move(parts[i]);
        }
        if (parts.size() % 2 == 1) parts[kept++] = std::move(parts.back());
        parts.resize(kept);
    }
    exact_rational exact = parts.empty() ? exact_rational() : std::move(parts.front());
    const money rounded = detail::round_exact_to_minor_unit(exact, c, mode, what);
    return present_value{std::move(exact), rounded};
}

}  // namespace detail

/// The exact value of @p flows (all in one currency) under @p terms, summed exactly and rounded
/// once to the minor unit by @p mode. An empty list is worth zero in @p zero_currency.
/// Throws validation_error listing every flow dated on an invalid day (or after 9999-12-31) or
/// refused by the past_flow_rule::reject rule, currency_mismatch_error if the flows mix
/// currencies, and overflow_error naming the rounded value if it does not fit a money.
[[nodiscard]] inline present_value present_value_of(const std::vector<cash_flow>& flows, const discount_terms& terms,
                                                    rounding mode, currency zero_currency = {}) {
    return detail::present_value_of_list(flows, terms, mode, zero_currency, "present value of flows");
}

/// Present values of @p flows' money in, money out and the net under @p terms, each exact and
/// rounded once to the minor unit by @p mode. Throws validation_error listing every flow of
/// either side the past_flow_rule::reject rule refuses (`money_in[i].date`, `money_out[i].date`:
/// the positions in money_in() and money_out()), and overflow_error naming the side (money_in,
/// money_out or net) whose rounded value does not fit a money.
[[nodiscard]] inline flows_present_value present_value_of(const net_flows& flows, const discount_terms& terms,
                                                          rounding mode) {
    std::vector<diagnostic> problems;
    detail::past_flow_problems(flows.money_in(), "money_in", terms, problems);
    detail::past_flow_problems(flows.money_out(), "money_out", terms, problems);
    if (!problems.empty()) throw validation_error("present value", std::move(problems));
    present_value in = detail::present_value_of_list(flows.money_in(), terms, mode, flows.currency(), "present value of money_in");
    present_value out = detail::present_value_of_list(flows.money_out(), terms, mode, flows.currency(), "present value of money_out");
    exact_rational net = in.exact - out.exact;
    const money rounded = detail::round_exact_to_minor_unit(net, flows.currency(), mode, "present value of net");
    return flows_present_value{std::move(in), std::move(out), present_value{std::move(net), rounded}};
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_ANALYSIS_PRESENT_VALUE_HPP
