// Shared helpers for fundround's tests: a deterministic generator and the reference round.
#ifndef FUNDROUND_TESTS_SUPPORT_FUNDROUND_TEST_HPP
#define FUNDROUND_TESTS_SUPPORT_FUNDROUND_TEST_HPP

#include <fundround/deal/round_builder.hpp>
#include <fundround/numeric/literals.hpp>

#include <cstdint>

namespace fundround_test {

// Deterministic 64-bit LCG (Knuth's MMIX constants); next(n) is in [0, n). The same sequence
// with every compiler and standard library, unlike std:: distributions.
struct lcg {
    std::uint64_t state;
    std::uint64_t next(std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 17) % n;
    }
};

// A calendar date from plain numbers: ymd(2026, 2, 27).
inline fundround::calendar_date ymd(int y, unsigned m, unsigned d) {
    return fundround::year{y} / m / d;
}

// The close date the reference example assumes (A1 of examples/reference_round.cpp).
inline fundround::calendar_date reference_close() { return fundround::year{2026} / 2 / 27; }

// The reference round (shared/REFERENCE.md) as examples/reference_round.cpp builds it, without
// the prior mark and prior round: Amazon $15B at close + $35B on "certain conditions", Nvidia and
// SoftBank $30B each at close, $730B pre-money (assumptions A1-A4).
inline fundround::funding_round reference_round() {
    using namespace fundround;
    using namespace fundround::literals;
    return round_builder("Reference round, 2026")
        .pre_money(730_B)
        .close_date(reference_close())
        .invest(investor::strategic("Amazon"), 50_B,
                {tranche::at_close(15_B), tranche::when(35_B, milestone("certain conditions"))})
        .invest(investor::strategic("Nvidia"), 30_B)
        .invest(investor::financial("SoftBank"), 30_B)
        .build();
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_FUNDROUND_TEST_HPP
