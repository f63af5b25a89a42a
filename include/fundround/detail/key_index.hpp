/// @file detail/key_index.hpp
/// @brief An open-addressing hash index from 64-bit keys to 32-bit values (internal).
///
/// The memo tables of the condition classification (deal/classify.hpp) map 64-bit keys
/// (node pairs, condition identities and days) to 32-bit ids. One small non-template class does
/// it with three vectors, instead of a `std::unordered_map` instantiation per table: a node-based
/// hash map allocates once per entry, and each of its instantiations is a few kilobytes of code
/// that every translation unit building a round compiles (docs/decisions.md).
#ifndef FUNDROUND_DETAIL_KEY_INDEX_HPP
#define FUNDROUND_DETAIL_KEY_INDEX_HPP

#include <fundround/config.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE
namespace detail {

/// Spreads the bits of a 64-bit key (the finalizer of SplitMix64), for hash-table slots.
[[nodiscard]] constexpr std::uint64_t mix_bits(std::uint64_t x) noexcept {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return x;
}

/// A map from 64-bit keys to 32-bit values: entries in insertion order, found through a table of
/// slots (linear probing, at most half full). Entries are never removed.
class key_index {
public:
    /// The value of @p key, or null if absent (valid until the next insertion).
    [[nodiscard]] const std::uint32_t* find(std::uint64_t key) const noexcept {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = static_cast<std::size_t>(mix_bits(key)) & mask;; s = (s + 1) & mask) {
            const std::uint32_t e = slots_[s];
            if (e == 0) return nullptr;
            if (keys_[e - 1] == key) return &values_[e - 1];
        }
    }

    /// The value of @p key, inserting @p value first if @p key is absent.
    std::uint32_t find_or_insert(std::uint64_t key, std::uint32_t value) {
        if (2 * (keys_.size() + 1) > slots_.size()) grow();
        const std::size_t mask = slots_.size() - 1;
        std::size_t s = static_cast<std::size_t>(mix_bits(key)) & mask;
        for (; slots_[s] != 0; s = (s + 1) & mask) {
            if (keys_[slots_[s] - 1] == key) return values_[slots_[s] - 1];
        }
        keys_.push_back(key);
        values_.push_back(value);
        slots_[s] = static_cast<std::uint32_t>(keys_.size());
        return value;
    }

    /// Number of entries.
    [[nodiscard]] std::size_t size() const noexcept { return keys_.size(); }

private:
    void grow() {
        std::vector<std::uint32_t> slots(slots_.empty() ? 16 : 2 * slots_.size(), 0);
        const std::size_t mask = slots.size() - 1;
        for (std::size_t e = 0; e < keys_.size(); ++e) {
            std::size_t s = static_cast<std::size_t>(mix_bits(keys_[e])) & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = static_cast<std::uint32_t>(e + 1);
        }
        slots_.swap(slots);
    }

    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> values_;
    std::vector<std::uint32_t> slots_;  // 0: empty; otherwise 1 + the entry's position
};

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_KEY_INDEX_HPP
