// Must not compile (with -Werror=unused-result): anti_dilution::conversion_price_rounded() returns
// a new charter (the roundings are fluent copies, so that one charter can be adjusted under
// several); discarding it leaves the charter's rounding as it was.
#include <fundround/instruments/anti_dilution.hpp>

int main() {
    fundround::anti_dilution charter;
#ifdef FUNDROUND_COMPILE_FAIL
    charter.conversion_price_rounded(3, fundround::rounding::half_even);
#else
    charter = charter.conversion_price_rounded(3, fundround::rounding::half_even);
#endif
    return charter.terms().empty() ? 0 : 1;
}
