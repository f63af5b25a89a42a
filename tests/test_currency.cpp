// Unit tests for fundround::currency: ISO 4217 codes, minor digits, symbols, representation,
// hashing and printing.
#include <fundround/numeric/currency.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

// Macro hygiene: the header's internal macro is #undef'd at its end, not left to the includer.
#ifdef FUNDROUND_DETAIL_BIG_ENDIAN
#error "FUNDROUND_DETAIL_BIG_ENDIAN leaks out of fundround/numeric/currency.hpp"
#endif
#include <type_traits>
#include <unordered_map>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_currency {

using namespace fundround;

// ---------------------------------------------------------------------------------------------
// Compile-time use

static_assert(std::is_trivially_copyable_v<currency>, "currency is a small value type");
static_assert(std::is_nothrow_default_constructible_v<currency>, "default is USD, cannot throw");
static_assert(!std::is_convertible_v<std::string_view, currency>, "construction is explicit");
static_assert(!std::is_convertible_v<const char*, currency>, "construction is explicit");

static_assert(currency{} == currency{"USD"}, "default currency is USD");
static_assert(currency{} == currencies::usd, "default currency is USD");
static_assert(currencies::eur == currency{"EUR"}, "");
static_assert(currencies::gbp == currency{"GBP"}, "");
static_assert(currencies::jpy == currency{"JPY"}, "");
static_assert(currencies::chf == currency{"CHF"}, "");
static_assert(currency{"SEK"} != currencies::usd, "any three upper-case letters");
static_assert(currencies::usd.minor_digits() == 2, "");
static_assert(currencies::jpy.minor_digits() == 0, "");
static_assert(currency{"KWD"}.minor_digits() == 3, "");
static_assert(currencies::eur.symbol() == "\xE2\x82\xAC", "");
static_assert(currencies::chf.symbol().empty(), "");
static_assert(currency::valid_code("USD"), "");
static_assert(!currency::valid_code("usd"), "");
static_assert(!currency::valid_code("US"), "");
static_assert(currencies::usd != currencies::eur, "");
static_assert(currencies::eur < currencies::usd, "ordered by code");

namespace {
constexpr currency constexpr_chf{"CHF"};
static_assert(constexpr_chf == currencies::chf, "");
}  // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("currency: codes") {
    CHECK(currency().code() == "USD");
    CHECK(currency("EUR").code() == "EUR");
    CHECK(currency("XAU").code() == "XAU");
    CHECK(currency("ZZZ").code() == "ZZZ");
    CHECK(currency("AAA").code() == "AAA");
    CHECK(currency("EUR").code().size() == 3);
    CHECK(to_string(currencies::gbp) == "GBP");
    CHECK(to_string(currency("CHF")) == "CHF");

    // The code is copied: the source string may go away.
    std::string source = "NOK";
    const currency nok(source);
    source = "xxx";
    CHECK(nok.code() == "NOK");
}

TEST_CASE("currency: validation") {
    for (const char* good : {"USD", "EUR", "AAA", "ZZZ", "XTS"}) {
        CAPTURE(good);
        CHECK(currency::valid_code(good));
        CHECK_NOTHROW((void)currency(good));
    }
    for (const char* bad : {"", "U", "US", "USDX", "usd", "Usd", "US1", "U$D", "US ", " US", "@AA",
                            "[AA", "AA`", "AA{", "\xC3\x89UR"}) {
        CAPTURE(bad);
        CHECK_FALSE(currency::valid_code(bad));
        CHECK_THROWS_AS((void)currency(bad), invalid_argument_error);
    }
    CHECK_FALSE(currency::valid_code(std::string_view("US\0", 3)));
    CHECK_THROWS_AS((void)currency(std::string_view("US\0", 3)), invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)currency("usd"),
                         "currency code \"usd\": must be three upper-case letters A-Z (ISO 4217)",
                         invalid_argument_error);
    CHECK_THROWS_AS((void)currency("eur"), error);  // an invalid_argument_error is a fundround::error
}

TEST_CASE("currency: minor digits") {
    for (const char* zero : {"JPY", "KRW", "CLP", "ISK", "VND"}) {
        CAPTURE(zero);
        CHECK(currency(zero).minor_digits() == 0);
    }
    for (const char* three : {"BHD", "KWD", "OMR", "JOD", "TND"}) {
        CAPTURE(three);
        CHECK(currency(three).minor_digits() == 3);
    }
    for (const char* two : {"USD", "EUR", "GBP", "CHF", "SEK", "CAD", "AUD", "XXX"}) {
        CAPTURE(two);
        CHECK(currency(two).minor_digits() == 2);
    }
}

TEST_CASE("currency: symbols") {
    CHECK(currencies::usd.symbol() == "$");
    CHECK(currencies::eur.symbol() == "\xE2\x82\xAC");  // €
    CHECK(currencies::gbp.symbol() == "\xC2\xA3");      // £
    CHECK(currencies::jpy.symbol() == "\xC2\xA5");      // ¥
    CHECK(currencies::chf.symbol() == "");
    CHECK(currency("CAD").symbol() == "");
    CHECK(currency("AUD").symbol() == "");
}

TEST_CASE("currency: equality and ordering") {
    CHECK(currency("USD") == currencies::usd);
    CHECK(currency() == currencies::usd);
    CHECK_FALSE(currency("USD") != currencies::usd);
    CHECK(currencies::usd != currencies::eur);
    CHECK_FALSE(currencies::usd == currencies::eur);
    // Every letter position matters.
    CHECK(currency("ABC") != currency("XBC"));
    CHECK(currency("ABC") != currency("AXC"));
    CHECK(currency("ABC") != currency("ABX"));

    CHECK(currencies::chf < currencies::eur);
    CHECK(currencies::eur < currencies::gbp);
    CHECK(currencies::gbp < currencies::jpy);
    CHECK(currencies::jpy < currencies::usd);
    CHECK_FALSE(currencies::usd < currencies::usd);
    CHECK_FALSE(currencies::usd < currencies::eur);
    CHECK(currency("AAB") < currency("ABA"));

    currency c = currencies::eur;
    c = currencies::jpy;
    CHECK(c == currencies::jpy);
    CHECK(c.minor_digits() == 0);
}

// ---------------------------------------------------------------------------------------------
// Representation (issue 9, item 3): four bytes, equality is one 32-bit compare.

static_assert(sizeof(currency) == 4, "three letters and a NUL");
static_assert(alignof(currency) == alignof(std::uint32_t), "copied as one 32-bit word");
static_assert(currencies::usd.key() != currencies::eur.key(), "");
static_assert(currency{"USD"}.key() == currencies::usd.key(), "equal codes, equal keys");

static_assert(currencies::eur > currencies::chf && currencies::eur >= currencies::eur &&
                  currencies::eur <= currencies::usd,
              "");

TEST_CASE("currency: key, c_str, order and hash") {
    CHECK(std::string(currency("SEK").c_str()) == "SEK");
    CHECK(std::string_view(currencies::chf.c_str(), 4) == std::string_view("CHF\0", 4));
    CHECK(currency("ABC").key() != currency("ABD").key());
    // The order is the alphabetical order of the codes whatever the byte order of the machine.
    const char* codes[] = {"AAA", "AAZ", "ABA", "AZZ", "BAA", "CHF", "EUR", "GBP", "JPY", "USD",
                           "ZZA", "ZZZ"};
    for (std::size_t i = 0; i + 1 < std::size(codes); ++i) {
        CAPTURE(codes[i]);
        CHECK(currency(codes[i]) < currency(codes[i + 1]));
        CHECK_FALSE(currency(codes[i + 1]) < currency(codes[i]));
        CHECK(currency(codes[i]) != currency(codes[i + 1]));
    }
    const std::hash<currency> h;
    CHECK(h(currencies::usd) == h(currency("USD")));
    CHECK(h(currencies::usd) != h(currencies::eur));
    std::unordered_map<currency, int> by_currency;
    by_currency[currencies::eur] = 1;
    by_currency[currency("EUR")] += 1;
    by_currency[currencies::gbp] = 5;
    CHECK(by_currency.size() == 2);
    CHECK(by_currency[currencies::eur] == 2);
}

TEST_CASE("currency: operator<< writes the code") {
    std::ostringstream os;
    os << currencies::eur << ' ' << currency("KWD") << ' ' << currency();
    CHECK(os.str() == "EUR KWD USD");
}

}  // namespace test_currency
