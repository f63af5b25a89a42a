/// @file config.hpp
/// @brief Compiler feature detection used by the library.
#ifndef FUNDROUND_CONFIG_HPP
#define FUNDROUND_CONFIG_HPP

#include <fundround/version.hpp>

/// 1 when the compiler offers a native 128-bit integer (GCC, Clang); define
/// FUNDROUND_NO_INT128 to force the portable Boost.Multiprecision fallback.
#if defined(__SIZEOF_INT128__) && !defined(FUNDROUND_NO_INT128)
#define FUNDROUND_HAS_INT128 1
#else
#define FUNDROUND_HAS_INT128 0
#endif

/// 1 when the compiler offers __builtin_add_overflow and friends.
#if defined(__GNUC__) || defined(__clang__)
#define FUNDROUND_HAS_OVERFLOW_BUILTINS 1
#else
#define FUNDROUND_HAS_OVERFLOW_BUILTINS 0
#endif

/// Marks an error path: never inlined, laid out away from hot code.
#if defined(__GNUC__) || defined(__clang__)
#define FUNDROUND_COLD __attribute__((noinline, cold))
#else
#define FUNDROUND_COLD
#endif

#endif  // FUNDROUND_CONFIG_HPP
