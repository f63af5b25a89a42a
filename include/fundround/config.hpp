/// @file config.hpp
/// @brief Compiler feature detection used by the library.
#ifndef FUNDROUND_CONFIG_HPP
#define FUNDROUND_CONFIG_HPP

#include <fundround/version.hpp>

/// 1 when the compiler offers a native 128-bit integer (GCC, Clang); define
/// FUNDROUND_NO_INT128 (CMake: -DFUNDROUND_NO_INT128=ON, which adds the definition to the
/// fundround target for every consumer) to force the portable fallback on Boost.Multiprecision's
/// fixed-width checked 128-bit integers. Without __int128 (MSVC) the fallback is automatic.
#if defined(__SIZEOF_INT128__) && !defined(FUNDROUND_NO_INT128)
#define FUNDROUND_HAS_INT128 1
#else
#define FUNDROUND_HAS_INT128 0
#endif

/// The inline ABI namespace: every name of the library lives in fundround::FUNDROUND_ABI_NAMESPACE
/// (written fundround::name thanks to `inline`). It differs between the __int128 configuration
/// (v0_i128) and the Boost fallback (v0_mp128), whose fraction and intermediates have different
/// layouts: translation units built with and without FUNDROUND_NO_INT128 mangle to different
/// symbols, so mixing them fails to link instead of silently breaking the ODR.
#if FUNDROUND_HAS_INT128
#define FUNDROUND_ABI_NAMESPACE v0_i128
#else
#define FUNDROUND_ABI_NAMESPACE v0_mp128
#endif

/// The ABI namespace's name as a string literal ("v0_i128" or "v0_mp128").
#define FUNDROUND_ABI_NAME FUNDROUND_ABI_NAME_I(FUNDROUND_ABI_NAMESPACE)
/// Helper of FUNDROUND_ABI_NAME: expands @p x before stringizing it.
#define FUNDROUND_ABI_NAME_I(x) FUNDROUND_ABI_NAME_II(x)
/// Helper of FUNDROUND_ABI_NAME: stringizes @p x.
#define FUNDROUND_ABI_NAME_II(x) #x

/// Opens the library's namespace: `namespace fundround { inline namespace <ABI> {`.
#define FUNDROUND_BEGIN_NAMESPACE \
    namespace fundround {         \
    inline namespace FUNDROUND_ABI_NAMESPACE {
/// Closes what FUNDROUND_BEGIN_NAMESPACE opened.
#define FUNDROUND_END_NAMESPACE \
    }                           \
    }

/// 1 when the compiler offers __builtin_add_overflow and friends.
#if defined(__GNUC__) || defined(__clang__)
#define FUNDROUND_HAS_OVERFLOW_BUILTINS 1
#else
#define FUNDROUND_HAS_OVERFLOW_BUILTINS 0
#endif

/// Keeps a rarely taken but not exceptional path (e.g. 128-bit arithmetic behind a 64-bit fast
/// path) out of line, so that the fast path stays small enough to inline.
#if defined(__GNUC__) || defined(__clang__)
#define FUNDROUND_NOINLINE __attribute__((noinline))
#else
#define FUNDROUND_NOINLINE
#endif

/// Marks an error path (building a diagnostic, throwing): never inlined, laid out away from hot
/// code and optimized for size. GCC optimizes a cold function for size by itself; clang needs
/// minsize to do the same (without it, each message builder was optimized, inlining and
/// unrolling included, as if it were hot).
#if defined(__clang__)
#define FUNDROUND_COLD __attribute__((noinline, cold, minsize))
#elif defined(__GNUC__)
#define FUNDROUND_COLD __attribute__((noinline, cold))
#else
#define FUNDROUND_COLD
#endif

#endif  // FUNDROUND_CONFIG_HPP
