// Must not compile: a share count is not an amount of money.
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>

int main() {
    const fundround::money m = fundround::money::from_major(100);
    const fundround::share_count s(10);
#ifdef FUNDROUND_COMPILE_FAIL
    const auto r = m + s;
#else
    const auto r = m + m;
#endif
    return r.is_zero() || s.value() == 0 ? 1 : 0;
}
