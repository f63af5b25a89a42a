// Must not compile: a fraction made from a double would not be exact.
#include <fundround/numeric/fraction.hpp>

int main() {
#ifdef FUNDROUND_COMPILE_FAIL
    const fundround::fraction f(0.7);
#else
    const fundround::fraction f(7, 10);
#endif
    return f.is_zero() ? 1 : 0;
}
