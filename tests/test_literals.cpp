// Unit tests for the money literals (numeric/literals.hpp; string forms in io/money_parse.hpp).
#include <fundround/numeric/literals.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_literals {

// The default literals are tested inside namespace default_literals, which has the usual
// `using namespace fundround;`; namespace only_euro_literals shows the per-currency namespaces
// in scopes without it.
namespace default_literals {
using namespace fundround;

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();

}  // namespace

// ---------------------------------------------------------------------------------------------
// Literals

TEST_CASE("money: literals") {
    CHECK((15_B).units() == 15'000'000'000'000);
    CHECK((1.25_T).units() == 1'250'000'000'000'000);
    CHECK((500_M).units() == 500'000'000'000);
    CHECK((25_K).units() == 25'000'000);
    CHECK((1234.56_usd).units() == 1'234'560);
    CHECK((0.001_usd).units() == 1);
    CHECK((1.5_B).units() == 1'500'000'000'000);
    CHECK((2.5_K).units() == 2'500'000);
    CHECK((0.5_M).units() == 500'000'000);
    CHECK((1'000_M).units() == 1'000'000'000'000);
    CHECK((1'000_M) == 1_B);
    CHECK((1'234.5_usd).units() == 1'234'500);
    CHECK((15_B).currency() == currencies::usd);
    CHECK((1.25_T).currency() == currencies::usd);

    CHECK(("1234.56"_usd).units() == 1'234'560);
    CHECK("15,000,000,000.00"_usd == 15_B);
    CHECK("$1.25 trillion"_usd == 1.25_T);
    CHECK("-$2.5M"_usd == -(2.5_M));
    CHECK_THROWS_AS((void)("EUR 5"_usd), currency_mismatch_error);
    CHECK_THROWS_AS((void)("5 USDX"_usd), parse_error);

    // Literals are usable in constant expressions.
    constexpr money b = 15_B;
    static_assert(b.units() == 15'000'000'000'000, "15_B is 15e12 mills");
    static_assert((1.25_T).units() == 1'250'000'000'000'000, "1.25_T");
    static_assert((0.001_usd).units() == 1, "one mill");
    CHECK(b.units() == 15'000'000'000'000);
}

TEST_CASE("money: the literal parser accepts the whole 64-bit range") {
    // detail::literal_units is what the numeric literals run at compile time; run it here so a
    // failure is a failing test rather than a build break. INT64_MAX units is a valid amount.
    CHECK(detail::literal_units("9223372036854775.807", 20, 1000) == i64_max);
    CHECK(detail::literal_units("9223372036854775.806", 20, 1000) == i64_max - 1);
    CHECK_THROWS_AS((void)(detail::literal_units("9223372036854775.808", 20, 1000)), overflow_error);
    CHECK_THROWS_AS((void)(detail::literal_units("1.0001", 6, 1000)), invalid_argument_error);
    CHECK_THROWS_AS((void)(detail::literal_units("1.2.3", 5, 1000)), invalid_argument_error);
}

TEST_CASE("literals: zeros after the last decimal change nothing; a leading 0 (octal) is rejected") {
    // Regressions (review of 2026-12-05): "1.0000000000000000000" was "out of range" and
    // "0.50000000000000000000" "too many decimals", though parse_money reads both; 010_K was
    // read as 10 thousand, though 010 is octal (8) in C++.
    const auto units = [](const char* s) { return detail::literal_units(s, std::char_traits<char>::length(s), 1000); };
    CHECK(units("1.0000000000000000000") == 1000);
    CHECK(units("0.50000000000000000000") == 500);
    CHECK(units("9223372036854775.8070") == i64_max);
    CHECK(units("1'000.000'000") == 1'000'000);
    CHECK(units("0.000") == 0);
    CHECK(units("0.") == 0);
    CHECK(units("0") == 0);
    CHECK(units("10") == 10'000);
    CHECK(units("00.5") == 500);  // a floating literal is decimal, leading zeros or not
    static_assert((1.0000000000000000000_usd).units() == 1000, "trailing zeros after the point");
    static_assert((2.500_B).units() == 2'500'000'000'000, "2.500_B");
    CHECK_THROWS_WITH_AS((void)units("010"), "money literal: a leading 0 makes an octal literal, not a decimal one",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)units("0'5"), invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)units("0e5"), "money literal: only decimal digits are allowed", invalid_argument_error);
    // A 19th significant decimal is finer than any unit, whatever the scale.
    CHECK_THROWS_WITH_AS((void)units("0.0000000000000000001"),
                         "money literal: finer than a thousandth of a currency unit", invalid_argument_error);
    CHECK_THROWS_AS((void)units("9223372036854775.8080"), overflow_error);
    // 20 and more significant digits: finer when the decimals are, out of range when the
    // integer part is (the finer case said "out of range" before 2026-12-05's second review).
    CHECK_THROWS_WITH_AS((void)units("1.00000000000000000001"),
                         "money literal: finer than a thousandth of a currency unit", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)units("123456789012345678.9012"),
                         "money literal: finer than a thousandth of a currency unit", invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)units("12345678901234567890.5"), "money literal: out of range", overflow_error);
    CHECK_THROWS_WITH_AS((void)units("1234567890123456789'0.12"), "money literal: out of range", overflow_error);
    CHECK_THROWS_WITH_AS((void)detail::literal_units("12345678901234567.8901", 22, 1000LL * 1000), "money literal: out of range",
                         overflow_error);  // four decimals of a thousand: whole units, too large
}


// ---------------------------------------------------------------------------------------------
// Other currencies (issue 9, item 4)

static_assert((15_B_eur).currency() == currencies::eur, "15B EUR");
static_assert((15_B_eur).units() == 15'000'000'000'000, "");
static_assert((300_M_gbp) == money::from_major(300'000'000, currencies::gbp), "");
static_assert((2_T_jpy) == money::from_major(2'000'000'000'000, currencies::jpy), "");
static_assert((5.5_K_chf) == money::from_major(5'500, currencies::chf), "");
static_assert((1_B_usd) == 1_B, "");
static_assert((1234.56_eur) == money::from_units(1'234'560, currencies::eur), "");
static_assert((2.5_gbp).currency() == currencies::gbp && (1000_jpy).currency() == currencies::jpy &&
                  (5.05_chf).units() == 5'050,
              "");

TEST_CASE("literals: a per-currency namespace makes _K _M _B _T that currency's") {
    // This file has `using namespace fundround;`, which brings the default (USD) _B; a
    // using-declaration in a block picks the euro one there.
    using fundround::eur_literals::operator""_B;
    using fundround::eur_literals::operator""_M;
    constexpr money b = 15_B + 500_M;
    static_assert(b.currency() == currencies::eur, "");
    CHECK(b == money::from_major(15'500'000'000, currencies::eur));
    CHECK(format_compact(b) == "\xE2\x82\xAC" "15.5B");
}

TEST_CASE("literals: usd_literals' _K _M _B _T are the default ones, so both in scope are not ambiguous") {
    // This file has `using namespace fundround;`; the US dollar set on top of it names the same
    // operators (a using-declaration each), not four more.
    using namespace fundround::usd_literals;
    constexpr money m = 1.5_B + 2_T + 3_M + 4_K;
    static_assert(m.currency() == currencies::usd, "");
    CHECK(m == money::from_major(2'001'503'004'000, currencies::usd));
}

}  // namespace default_literals

namespace only_euro_literals {
// A scope without `using namespace fundround`: the using-directive alone is enough.
using fundround::money;
money ten_billion_euros() {
    using namespace fundround::eur_literals;
    return 10_B;
}
money yen() {
    using namespace fundround::literals::jpy_literals;
    return 2.5_T;
}
money pounds() {
    using namespace fundround::gbp_literals;
    return 1_K + 2_M;
}
money francs() {
    using namespace fundround::chf_literals;
    return 3_M;
}
money dollars() {
    using namespace fundround::usd_literals;
    return 3_M;
}
}  // namespace only_euro_literals

namespace default_literals {

TEST_CASE("literals: using-directives of one currency's namespace") {
    CHECK(only_euro_literals::ten_billion_euros() == money::from_major(10'000'000'000, currencies::eur));
    CHECK(only_euro_literals::yen() == money::from_major(2'500'000'000'000, currencies::jpy));
    CHECK(only_euro_literals::pounds() == money::from_major(2'001'000, currencies::gbp));
    CHECK(only_euro_literals::francs() == money::from_major(3'000'000, currencies::chf));
    CHECK(only_euro_literals::dollars() == 3_M);
}

TEST_CASE("literals: string forms in every currency") {
    CHECK("1,234.56"_eur == 1234.56_eur);
    CHECK("\xE2\x82\xAC" "300M"_eur == 300_M_eur);
    CHECK("2.5bn"_gbp == 2.5_B_gbp);
    CHECK("1,000"_jpy == 1000_jpy);
    CHECK("CHF 5.00"_chf == 5_chf);
    CHECK_THROWS_WITH_AS((void)("$5"_eur), "\"$5\"_eur: is not in EUR (it is in USD)",
                         currency_mismatch_error);
    CHECK_THROWS_WITH_AS((void)("EUR 5"_usd), "\"EUR 5\"_usd: is not in USD (it is in EUR)",
                         currency_mismatch_error);
}

TEST_CASE("literals: the compile-time parser names currency units, not dollars") {
    CHECK_THROWS_WITH_AS((void)detail::literal_units("1.0001", 6, 1000),
                         "money literal: finer than a thousandth of a currency unit",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)detail::literal_units("99999999", 8, 1000LL * 1000000000000), overflow_error);
}

}  // namespace default_literals

}  // namespace test_literals
