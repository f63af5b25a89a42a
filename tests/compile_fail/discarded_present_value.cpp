// Must not compile (with -Werror=unused-result): discount_terms::value() computes a present value
// and changes nothing; a discarded value is a call that did nothing.
#include <fundround/analysis/discount.hpp>
#include <fundround/numeric/literals.hpp>

int main() {
    using namespace fundround::literals;
    const fundround::calendar_date on = fundround::year{2026} / 2 / 27;
    const fundround::discount_terms terms(fundround::fraction(2, 25), on, fundround::day_count::actual_365_fixed,
                                          fundround::compounding::simple);
#ifdef FUNDROUND_COMPILE_FAIL
    terms.value(100_M, fundround::year{2027} / 2 / 27, fundround::rounding::half_even);
#else
    const fundround::present_value v = terms.value(100_M, fundround::year{2027} / 2 / 27, fundround::rounding::half_even);
    static_cast<void>(v);
#endif
    return 0;
}
