/// @file detail/random.hpp
/// @brief A small, fully specified pseudo-random generator and exact Bernoulli draws (internal).
///
/// The standard library's distributions are implementation-defined, so the same seed gives
/// different numbers under libstdc++ and libc++. Everything here is specified bit for bit:
/// splitmix64 expands a 64-bit seed into the state of xoshiro256** (Blackman and Vigna), and
/// uniform integers come from Lemire's multiply-and-reject method (exactly uniform, a division
/// only on the rare rejection path), so every compiler draws the same sequence.
#ifndef FUNDROUND_DETAIL_RANDOM_HPP
#define FUNDROUND_DETAIL_RANDOM_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>

#include <cstdint>

FUNDROUND_BEGIN_NAMESPACE
namespace detail {

/// splitmix64: advances @p state and returns the next output (used to seed xoshiro256**).
inline std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// xoshiro256** 1.0: 256 bits of state, period 2^256 - 1, 64-bit outputs.
class xoshiro256 {
public:
    /// The generator whose state is four successive splitmix64 outputs from @p seed.
    explicit xoshiro256(std::uint64_t seed) noexcept {
        for (auto& word : state_) word = splitmix64(seed);
    }
    /// The generator with exactly this state (must not be all zero).
    xoshiro256(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) noexcept
        : state_{s0, s1, s2, s3} {}

    /// The next 64 random bits.
    std::uint64_t next() noexcept {
        const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotate_left(state_[3], 45);
        return result;
    }

    /// A uniform integer in [0, @p bound) for @p bound > 0, exactly (Lemire 2019): the high 64
    /// bits of next() * bound, rejecting the draws whose low 64 bits fall below 2^64 mod bound,
    /// so every value has the same number of preimages.
    std::uint64_t below(std::uint64_t bound) noexcept {
        // The low 64 bits by mask: with FUNDROUND_NO_INT128, uint128 is Boost's checked type,
        // whose narrowing conversion throws instead of truncating.
        const uint128 low_mask = uint128(~std::uint64_t{0});
        uint128 product = uint128(next()) * bound;
        auto low = static_cast<std::uint64_t>(product & low_mask);
        if (low < bound) {
            const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
            while (low < threshold) {
                product = uint128(next()) * bound;
                low = static_cast<std::uint64_t>(product & low_mask);
            }
        }
        return static_cast<std::uint64_t>(product >> 64);
    }

    /// True with probability exactly @p numerator / @p denominator (0 <= numerator <= denominator,
    /// denominator > 0): a uniform draw below the denominator, compared with the numerator.
    bool bernoulli(std::uint64_t numerator, std::uint64_t denominator) noexcept {
        return below(denominator) < numerator;
    }

private:
    static std::uint64_t rotate_left(std::uint64_t x, int k) noexcept {
        return (x << k) | (x >> (64 - k));
    }

    std::uint64_t state_[4];
};

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_RANDOM_HPP
