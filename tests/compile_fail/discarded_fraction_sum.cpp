// Must not compile (with -Werror=unused-result): the exact sum of two fractions is discarded
// (fraction's arithmetic and comparisons are [[nodiscard]] like money's).
#include <fundround/numeric/fraction.hpp>

int main() {
    const fundround::fraction a(1, 3);
    const fundround::fraction b(1, 6);
#ifdef FUNDROUND_COMPILE_FAIL
    a + b;
#else
    const fundround::fraction c = a + b;
    static_cast<void>(c);
#endif
    return 0;
}
