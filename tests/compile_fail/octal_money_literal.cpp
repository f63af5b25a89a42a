// Must not compile: 010 is an octal literal in C++ (8), so 010_K cannot mean ten thousand dollars.
#include <fundround/numeric/literals.hpp>

int main() {
    using namespace fundround::literals;
#ifdef FUNDROUND_COMPILE_FAIL
    constexpr fundround::money m = 010_K;
#else
    constexpr fundround::money m = 10_K;
#endif
    return m.is_zero() ? 1 : 0;
}
