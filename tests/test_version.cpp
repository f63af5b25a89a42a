// The version macros, the config macros, and fwd.hpp: forward declarations alone are enough to
// declare functions on fundround types; the full headers come later.
#include <fundround/fwd.hpp>  // first, on purpose: it must compile on its own

#include <cstdint>

namespace {
// money is only forward-declared here: a reference parameter needs no definition.
std::int64_t units_of(const fundround::money& m);
bool same_price(const fundround::price_per_share& a, const fundround::price_per_share& b);
struct holder {
    const fundround::fraction* ratio = nullptr;  // pointers to incomplete types are fine too
    fundround::rounding* mode = nullptr;
};
}  // namespace

#include <fundround/config.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/version.hpp>
// The umbrella header after fwd.hpp: every forward declaration must agree with its definition.
#include <fundround/fundround.hpp>

#include <doctest/doctest.h>

#include <type_traits>

namespace {
std::int64_t units_of(const fundround::money& m) { return m.units(); }
bool same_price(const fundround::price_per_share& a, const fundround::price_per_share& b) {
    return a == b;
}
}  // namespace

// The version macros are integer constant expressions usable by the preprocessor.
#if !defined(FUNDROUND_VERSION_MAJOR) || !defined(FUNDROUND_VERSION_MINOR) || \
    !defined(FUNDROUND_VERSION_PATCH) || !defined(FUNDROUND_VERSION)
#error "fundround version macros missing"
#endif
#if FUNDROUND_VERSION != FUNDROUND_VERSION_MAJOR * 10000 + FUNDROUND_VERSION_MINOR * 100 + FUNDROUND_VERSION_PATCH
#error "FUNDROUND_VERSION does not match its parts"
#endif

static_assert(std::is_same_v<decltype(FUNDROUND_VERSION_MAJOR), int>, "major is an int literal");
static_assert(std::is_same_v<decltype(FUNDROUND_VERSION_MINOR), int>, "minor is an int literal");
static_assert(std::is_same_v<decltype(FUNDROUND_VERSION_PATCH), int>, "patch is an int literal");
static_assert(std::is_same_v<decltype(FUNDROUND_VERSION), int>, "version is an int");
static_assert(FUNDROUND_VERSION_MAJOR >= 0, "");
static_assert(FUNDROUND_VERSION_MINOR >= 0 && FUNDROUND_VERSION_MINOR < 100, "minor fits two digits");
static_assert(FUNDROUND_VERSION_PATCH >= 0 && FUNDROUND_VERSION_PATCH < 100, "patch fits two digits");
static_assert(FUNDROUND_VERSION ==
                  FUNDROUND_VERSION_MAJOR * 10000 + FUNDROUND_VERSION_MINOR * 100 + FUNDROUND_VERSION_PATCH,
              "FUNDROUND_VERSION == major * 10000 + minor * 100 + patch");
// The macro is parenthesised: it composes in expressions.
static_assert(FUNDROUND_VERSION / 10000 == FUNDROUND_VERSION_MAJOR, "");
static_assert(FUNDROUND_VERSION % 10000 / 100 == FUNDROUND_VERSION_MINOR, "");
static_assert(FUNDROUND_VERSION % 100 == FUNDROUND_VERSION_PATCH, "");
static_assert(-FUNDROUND_VERSION == -(FUNDROUND_VERSION_MAJOR * 10000 + FUNDROUND_VERSION_MINOR * 100 +
                                      FUNDROUND_VERSION_PATCH), "");

// Config macros are 0 or 1 (usable in #if).
#if !defined(FUNDROUND_HAS_INT128) || (FUNDROUND_HAS_INT128 != 0 && FUNDROUND_HAS_INT128 != 1)
#error "FUNDROUND_HAS_INT128 must be 0 or 1"
#endif
#if !defined(FUNDROUND_HAS_OVERFLOW_BUILTINS) || \
    (FUNDROUND_HAS_OVERFLOW_BUILTINS != 0 && FUNDROUND_HAS_OVERFLOW_BUILTINS != 1)
#error "FUNDROUND_HAS_OVERFLOW_BUILTINS must be 0 or 1"
#endif
static_assert(FUNDROUND_HAS_INT128 == 0 || FUNDROUND_HAS_INT128 == 1, "");
static_assert(FUNDROUND_HAS_OVERFLOW_BUILTINS == 0 || FUNDROUND_HAS_OVERFLOW_BUILTINS == 1, "");
#if defined(__SIZEOF_INT128__) && !defined(FUNDROUND_NO_INT128)
static_assert(FUNDROUND_HAS_INT128 == 1, "GCC and Clang on 64-bit targets have __int128");
#else
static_assert(FUNDROUND_HAS_INT128 == 0, "");
#endif

// After the full headers the forward-declared types are complete.
static_assert(sizeof(fundround::money) > 0, "");
static_assert(std::is_class_v<fundround::price_per_share>, "");
static_assert(std::is_enum_v<fundround::rounding>, "");

TEST_CASE("version macros") {
    CHECK(FUNDROUND_VERSION == FUNDROUND_VERSION_MAJOR * 10000 + FUNDROUND_VERSION_MINOR * 100 +
                                   FUNDROUND_VERSION_PATCH);
    CHECK(FUNDROUND_VERSION_MAJOR >= 0);
    CHECK(FUNDROUND_VERSION >= 100);  // at least 0.1.0
}

TEST_CASE("functions declared against fwd.hpp work once the definitions are included") {
    CHECK(units_of(fundround::money::from_units(1234)) == 1234);
    const fundround::price_per_share a(fundround::money::from_major(10), fundround::share_count(4));
    const fundround::price_per_share b(fundround::money::from_major(5), fundround::share_count(2));
    CHECK(same_price(a, b));
    const fundround::fraction half(1, 2);
    fundround::rounding mode = fundround::rounding::half_even;
    const holder h{&half, &mode};
    CHECK(h.ratio->to_string() == "1/2");
    CHECK(*h.mode == fundround::rounding::half_even);
}
