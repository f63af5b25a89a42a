// Must not compile (with -Werror=unused-result): share_class::with_conversion_ratio() returns a
// new class (a fluent copy of the company layer); discarding it leaves the class unchanged.
#include <fundround/company/share_class.hpp>

int main() {
    fundround::share_class common = fundround::share_class::common("Common");
#ifdef FUNDROUND_COMPILE_FAIL
    common.with_conversion_ratio(fundround::fraction(2));
#else
    common = common.with_conversion_ratio(fundround::fraction(2));
#endif
    return common.conversion_ratio() == fundround::fraction(2) ? 0 : 1;
}
