// Must not compile (with -Werror=unused-result): tranche::labelled() returns a new tranche; the
// discarded copy is a silent no-op that [[nodiscard]] turns into an error.
#include <fundround/deal/tranche.hpp>
#include <fundround/numeric/literals.hpp>

int main() {
    using namespace fundround::literals;
    fundround::tranche t = fundround::tranche::at_close(15_B);
#ifdef FUNDROUND_COMPILE_FAIL
    t.labelled("first");
#else
    t = t.labelled("first");
#endif
    return t.label() == "first" ? 0 : 1;
}
