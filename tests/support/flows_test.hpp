// The reference deal's Amazon flows, shared by the net-flow and present-value tests.
#ifndef FUNDROUND_TESTS_SUPPORT_FLOWS_TEST_HPP
#define FUNDROUND_TESTS_SUPPORT_FLOWS_TEST_HPP

#include <fundround/analysis/flows.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/time/installments.hpp>

#include "fundround_test.hpp"

#include <vector>

namespace fundround_test {

using namespace fundround::literals;

// The reference deal (../shared/REFERENCE.md), with these labelled assumptions:
// - ASSUMPTION: the round closes 2026-02-27; Amazon pays $15B that day.
// - ASSUMPTION: the conditions are met and the other $35B arrives 2026-09-30.
// - ASSUMPTION: the $100B of new cloud spend is paid $12.5B a year, on 2026-12-31 and then each
//   2027-12-31 ... 2033-12-31 (eight yearly payments).
// - ASSUMPTION: the existing $38B contract is spread evenly over the same eight dates, $4.75B each.
inline std::vector<fundround::cash_flow> amazon_equity() {
    return {{fundround_test::ymd(2026, 2, 27), 15_B, "Amazon tranche 1 (at close)"},
            {fundround_test::ymd(2026, 9, 30), 35_B, "Amazon tranche 2 (conditions met)"}};
}
inline fundround::counter_commitment cloud_growth() {
    return fundround::counter_commitment::from_installments(
        "AWS cloud contract growth", "Amazon",
        fundround::installments(100_B, fundround_test::ymd(2026, 12, 31), 8, fundround::frequency::yearly));
}
inline fundround::counter_commitment cloud_existing() {
    return fundround::counter_commitment::from_installments(
        "AWS cloud contract (existing)", "Amazon",
        fundround::installments(38_B, fundround_test::ymd(2026, 12, 31), 8, fundround::frequency::yearly));
}
inline fundround::net_flows amazon() { return fundround::net_flows("Amazon", amazon_equity(), {cloud_growth(), cloud_existing()}); }

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_FLOWS_TEST_HPP
