// Must not compile (with -Werror=unused-result): the sum of two amounts is discarded.
#include <fundround/numeric/money.hpp>

int main() {
    const fundround::money a = fundround::money::from_major(1);
#ifdef FUNDROUND_COMPILE_FAIL
    a.rounded_to_minor_unit(fundround::rounding::half_even);
#else
    const fundround::money b = a.rounded_to_minor_unit(fundround::rounding::half_even);
    static_cast<void>(b);
#endif
    return 0;
}
