// Must not compile: a floating-point factor would round money through binary floating point.
#include <fundround/numeric/money.hpp>

int main() {
    const fundround::money m = fundround::money::from_major(100);
#ifdef FUNDROUND_COMPILE_FAIL
    const fundround::money r = m * 1.5;
#else
    const fundround::money r = m.times(3, 2, fundround::rounding::half_even);
#endif
    return r.is_zero() ? 1 : 0;
}
