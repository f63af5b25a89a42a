// Compile-time tests: money, share counts, prices and fractions do not mix by accident.
//
// Each "does not compile" property is checked with a detection idiom (std::void_t over the
// expression's decltype), so the check itself compiles and a regression fails the static_assert.
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <type_traits>
#include <utility>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_strong_types {

using namespace fundround;

namespace {

// clang-format off
template <class A, class B, class = void> struct has_plus : std::false_type {};
template <class A, class B>
struct has_plus<A, B, std::void_t<decltype(std::declval<A>() + std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_minus : std::false_type {};
template <class A, class B>
struct has_minus<A, B, std::void_t<decltype(std::declval<A>() - std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_times : std::false_type {};
template <class A, class B>
struct has_times<A, B, std::void_t<decltype(std::declval<A>() * std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_divide : std::false_type {};
template <class A, class B>
struct has_divide<A, B, std::void_t<decltype(std::declval<A>() / std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_equal : std::false_type {};
template <class A, class B>
struct has_equal<A, B, std::void_t<decltype(std::declval<A>() == std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_less : std::false_type {};
template <class A, class B>
struct has_less<A, B, std::void_t<decltype(std::declval<A>() < std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_plus_assign : std::false_type {};
template <class A, class B>
struct has_plus_assign<A, B, std::void_t<decltype(std::declval<A&>() += std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_times_assign : std::false_type {};
template <class A, class B>
struct has_times_assign<A, B, std::void_t<decltype(std::declval<A&>() *= std::declval<B>())>> : std::true_type {};

template <class A, class B, class = void> struct has_divided_by : std::false_type {};
template <class A, class B>
struct has_divided_by<A, B, std::void_t<decltype(std::declval<A>().divided_by(std::declval<B>(), rounding::exact))>> : std::true_type {};

template <class T, class = void> struct has_from_major : std::false_type {};
template <class T>
struct has_from_major<T, std::void_t<decltype(money::from_major(std::declval<T>()))>> : std::true_type {};

template <class T, class = void> struct has_times_ratio : std::false_type {};
template <class T>
struct has_times_ratio<T, std::void_t<decltype(std::declval<money>().times(std::declval<T>(), std::declval<T>(), rounding::exact))>> : std::true_type {};
// clang-format on

template <class A, class B>
using plus_t = decltype(std::declval<A>() + std::declval<B>());
template <class A, class B>
using times_t = decltype(std::declval<A>() * std::declval<B>());

using i64 = std::int64_t;

}  // namespace

// --- What must compile, with the right result type ---------------------------------------------

static_assert(has_plus<money, money>::value, "money + money");
static_assert(std::is_same_v<plus_t<money, money>, money>, "money + money is money");
static_assert(has_minus<money, money>::value, "money - money");
static_assert(has_times<money, i64>::value, "money * int64");
static_assert(has_times<i64, money>::value, "int64 * money");
static_assert(has_times<money, int>::value, "money * int (integral promotion)");
static_assert(std::is_same_v<times_t<money, i64>, money>, "money * int64 is money");
static_assert(has_times_assign<money, i64>::value, "money *= int64");
static_assert(has_plus_assign<money, money>::value, "money += money");
static_assert(has_equal<money, money>::value, "money == money");
static_assert(has_less<money, money>::value, "money < money");

static_assert(has_times<fraction, fraction>::value, "fraction * fraction");
static_assert(std::is_same_v<times_t<fraction, fraction>, fraction>, "is a fraction");
static_assert(has_plus<fraction, fraction>::value, "fraction + fraction");
static_assert(has_divide<fraction, fraction>::value, "fraction / fraction");
static_assert(has_times<fraction, i64>::value, "fraction * whole number (exact)");

static_assert(has_plus<share_count, share_count>::value, "share_count + share_count");
static_assert(std::is_same_v<plus_t<share_count, share_count>, share_count>, "");
static_assert(has_less<share_count, share_count>::value, "share_count < share_count");
static_assert(has_equal<price_per_share, price_per_share>::value, "price == price");

// --- What must not compile ---------------------------------------------------------------------

static_assert(!has_plus<money, share_count>::value, "money + share_count");
static_assert(!has_plus<share_count, money>::value, "share_count + money");
static_assert(!has_minus<money, share_count>::value, "money - share_count");
static_assert(!has_times<money, money>::value, "money * money");
static_assert(!has_times<money, share_count>::value, "money * share_count");
static_assert(!has_divide<money, money>::value, "money / money (use ratio_to)");
static_assert(!has_divide<money, i64>::value, "money / int64 (use divided_by with a mode)");
static_assert(!has_plus<money, i64>::value, "money + int64");
static_assert(!has_plus<i64, money>::value, "int64 + money");
static_assert(!has_plus<money, int>::value, "money + int");
static_assert(!has_minus<money, i64>::value, "money - int64");
static_assert(!has_plus_assign<money, i64>::value, "money += int64");
static_assert(!has_plus<price_per_share, money>::value, "price_per_share + money");
static_assert(!has_plus<money, price_per_share>::value, "money + price_per_share");
static_assert(!has_times<price_per_share, share_count>::value, "use cost_of() with a mode");
static_assert(!has_equal<money, share_count>::value, "money == share_count");
static_assert(!has_equal<share_count, money>::value, "share_count == money");
static_assert(!has_equal<money, i64>::value, "money == int64");
static_assert(!has_equal<share_count, i64>::value, "share_count == int64");
static_assert(!has_less<money, share_count>::value, "money < share_count");
static_assert(!has_less<money, i64>::value, "money < int64");
static_assert(!has_plus<share_count, i64>::value, "share_count + int64");
static_assert(!has_plus<money, fraction>::value, "money + fraction");
static_assert(!has_times<money, fraction>::value, "money * fraction (use times() with a mode)");
static_assert(!has_times<fraction, money>::value, "fraction * money");
static_assert(!has_plus<currency, currency>::value, "currency + currency");

// --- Conversions -------------------------------------------------------------------------------

static_assert(!std::is_convertible_v<i64, money>, "no implicit int64 -> money");
static_assert(!std::is_convertible_v<int, money>, "no implicit int -> money");
static_assert(!std::is_convertible_v<double, money>, "no implicit double -> money");
static_assert(!std::is_constructible_v<money, i64>, "money needs from_units/from_major");
static_assert(!std::is_convertible_v<money, i64>, "no implicit money -> int64");
static_assert(!std::is_convertible_v<money, double>, "no implicit money -> double");
static_assert(!std::is_convertible_v<money, fraction>, "no implicit money -> fraction");
static_assert(!std::is_convertible_v<money, share_count>, "");
static_assert(!std::is_convertible_v<share_count, money>, "");
static_assert(!std::is_convertible_v<int, share_count>, "share_count is explicit");
static_assert(!std::is_convertible_v<i64, share_count>, "share_count is explicit");
static_assert(std::is_constructible_v<share_count, i64>, "share_count(n) explicitly");
static_assert(!std::is_convertible_v<share_count, i64>, "");
static_assert(!std::is_convertible_v<money, price_per_share>, "");
static_assert(std::is_convertible_v<i64, fraction>, "a whole number is a fraction");
static_assert(!std::is_convertible_v<double, currency>, "");

// --- Value-type properties and constexpr use ---------------------------------------------------

static_assert(std::is_trivially_copyable_v<money>, "money is passed by value in registers");
static_assert(std::is_trivially_copyable_v<share_count>, "");
static_assert(std::is_nothrow_default_constructible_v<money>, "");
static_assert(std::is_nothrow_copy_constructible_v<money>, "");
static_assert(sizeof(money) <= 16, "a 64-bit count plus a 3-letter code");

static_assert((15_B).units() == 15'000'000'000'000, "literal in a constant expression");
static_assert((1.25_T).units() == 1'250'000'000'000'000, "");
static_assert((25_K).currency() == currencies::usd, "");
static_assert(money::from_units(7, currencies::eur).units() == 7, "");
static_assert(money::from_units(7, currencies::eur).currency() == currencies::eur, "");
static_assert(money::zero(currencies::jpy).is_zero(), "");
static_assert(money{}.units() == 0 && money{}.currency() == currencies::usd, "");
static_assert(money::from_units(-1).is_negative(), "");
static_assert(15_B == 15'000_M, "constexpr equality");
static_assert(money::from_units(1, currencies::usd) != money::from_units(1, currencies::eur), "");
static_assert(share_count(5).value() == 5, "");
static_assert(share_count(5) < share_count(6), "");

namespace {
constexpr money constexpr_amount = 500_M;
static_assert(constexpr_amount.units() == 500'000'000'000, "");
}  // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("strong types: the compile-time checks above hold at run time too") {
    // The detection traits must be able to say "yes": otherwise the negative checks are vacuous.
    CHECK(has_plus<money, money>::value);
    CHECK(has_plus<int, int>::value);
    CHECK_FALSE(has_plus<money, share_count>::value);
    CHECK_FALSE(has_times<money, money>::value);

    const money m = 15_B;
    CHECK(m.units() == 15'000'000'000'000);
    CHECK((m + m).units() == 30'000'000'000'000);
    CHECK((m * 2).units() == 30'000'000'000'000);
    CHECK(constexpr_amount == 500_M);

    const share_count s(1'000);
    CHECK((s + share_count(500)).value() == 1'500);
    const price_per_share p(15_B, share_count(1'000'000'000));
    CHECK(p.rounded(rounding::exact) == 15_usd);
}

TEST_CASE("strong types: money does not silently take floating-point factors") {
    // money * 1.5 would convert 1.5 to the integer 1 and multiply by one: a rounding nobody
    // named. These are run-time checks so a failure shows up as a failing test, not a build break.
    CHECK_FALSE(has_times<money, double>::value);
    CHECK_FALSE(has_times<double, money>::value);
    CHECK_FALSE(has_times_assign<money, double>::value);
    CHECK_FALSE(has_divided_by<money, double>::value);
    CHECK_FALSE(has_times_ratio<double>::value);
    CHECK_FALSE(has_from_major<double>::value);
    // The integer forms stay available.
    CHECK(has_times<money, int>::value);
    CHECK(has_times<long long, money>::value);
    CHECK(has_times_assign<money, i64>::value);
    CHECK(has_divided_by<money, int>::value);
    CHECK(has_times_ratio<int>::value);
    CHECK(has_from_major<int>::value);
    CHECK((2.5_usd).divided_by(2, rounding::half_even).units() == 1'250);
}

// A double never becomes an exact fraction by accident: 35_B .times(0.7, ...) used to compile
// (0.7 truncated to 0) and return $0.
static_assert(!std::is_convertible_v<double, fundround::fraction>);
static_assert(!std::is_constructible_v<fundround::fraction, double>);
static_assert(!std::is_constructible_v<fundround::fraction, double, std::int64_t>);
static_assert(!std::is_constructible_v<fundround::fraction, std::int64_t, float>);
static_assert(std::is_constructible_v<fundround::fraction, std::int64_t, std::int64_t>);

template <class T, class = void> struct times_accepts : std::false_type {};
template <class T>
struct times_accepts<T, std::void_t<decltype(std::declval<fundround::money>().times(
                            std::declval<T>(), fundround::rounding::half_even))>> : std::true_type {};
static_assert(times_accepts<fundround::fraction>::value);
static_assert(!times_accepts<double>::value);

TEST_CASE("strong types: floating point cannot reach a fraction") {
    CHECK(fundround::fraction::from_decimal("0.7") == fundround::fraction(7, 10));
}

}  // namespace test_strong_types
