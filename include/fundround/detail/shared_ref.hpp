/// @file detail/shared_ref.hpp
/// @brief An intrusive reference-counted handle to an immutable block: one pointer, no
/// std::shared_ptr control block, allocator or virtual disposal to compile.
#ifndef FUNDROUND_DETAIL_SHARED_REF_HPP
#define FUNDROUND_DETAIL_SHARED_REF_HPP

#include <fundround/config.hpp>

#include <atomic>
#include <cstddef>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// A counted reference to an immutable `Block`, which holds its own count as
/// `mutable std::atomic<std::size_t> references` (1 when made) and says how it is freed with
/// `static void destroy(const Block*) noexcept` (`delete` for a block allocated with `new`).
/// Copies share the block (one relaxed increment, so copies may be made and dropped on different
/// threads, as with shared_ptr); the last reference destroys it. A moved-from or default handle
/// is null.
template <class Block>
class shared_ref {
public:
    /// Null.
    constexpr shared_ref() noexcept = default;
    /// Adopts @p b, a new block holding one reference (or null).
    explicit shared_ref(const Block* b) noexcept : block_(b) {}
    /// Shares @p other's block.
    shared_ref(const shared_ref& other) noexcept : block_(other.block_) { retain(block_); }
    /// Takes @p other's block; @p other is null.
    shared_ref(shared_ref&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
    /// Shares @p other's block. @p other may live inside the block this one releases: its block is
    /// read and retained first.
    shared_ref& operator=(const shared_ref& other) noexcept {
        const Block* incoming = other.block_;
        if (incoming != block_) {
            retain(incoming);
            const Block* old = block_;
            block_ = incoming;
            release(old);
        }
        return *this;
    }
    /// Takes @p other's block; @p other is null.
    shared_ref& operator=(shared_ref&& other) noexcept {
        if (this != &other) {
            const Block* incoming = other.block_;
            other.block_ = nullptr;
            const Block* old = block_;
            block_ = incoming;
            release(old);
        }
        return *this;
    }
    /// Releases this reference (the last one destroys the block).
    ~shared_ref() { release(block_); }

    /// The block, or null.
    [[nodiscard]] const Block* get() const noexcept { return block_; }
    /// The block (not null).
    const Block& operator*() const noexcept { return *block_; }
    /// The block (not null).
    const Block* operator->() const noexcept { return block_; }
    /// True unless null.
    explicit operator bool() const noexcept { return block_ != nullptr; }

private:
    static void retain(const Block* b) noexcept {
        if (b != nullptr) b->references.fetch_add(1, std::memory_order_relaxed);
    }
    static void release(const Block* b) noexcept {
        if (b != nullptr && b->references.fetch_sub(1, std::memory_order_acq_rel) == 1) Block::destroy(b);
    }

    const Block* block_ = nullptr;
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_SHARED_REF_HPP
