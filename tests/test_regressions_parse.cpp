// Regression cases for defects in parse_money, format_compact and fraction::from_decimal that the
// fuzz checks (tests/fuzz/) found, all fixed: each case guards its fix.
//
// The rules come from the documentation: the parse_money grammar in docs/concepts.md ("Parsing":
// one sign; ws = space, tab, U+00A0, U+202F), format_compact in docs/concepts.md ("Formatting"),
// the round trip of printed amounts (docs/exactness.md: parse_money reads what the library
// prints) and from_decimal's cap (docs/reference.md: at most 38 significant digits and 38 after
// the point, 36 for a percentage, else parse_error). No timings here: speed is measured in bench/.
#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_regressions_parse {

using namespace fundround;

namespace {

constexpr std::int64_t i64_max = (std::numeric_limits<std::int64_t>::max)();
constexpr std::int64_t i64_min = (std::numeric_limits<std::int64_t>::min)();

bool rejects(const std::string& text) {
    try {
        (void)parse_money(text);
    } catch (const parse_error&) {
        return true;
    }
    return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// A second sign: "One sign at most: either before the prefix (-$2.5M, +$5) or a - after it
// ($-2.5M); +$-5 and -$-5 are errors". "+$-5" used to read as -$5.

TEST_CASE("regression parse: a '-' after a prefix is rejected after a '+' sign") {
    CHECK(rejects("+$-5"));
    CHECK(rejects("+US$-5"));
    CHECK(rejects("+ EUR -3M"));
    CHECK(rejects("+\xE2\x82\xAC-1"));
}

TEST_CASE("regression parse: the other second signs are rejected") {
    CHECK(rejects("-$-5"));
    CHECK(rejects("--5"));
    CHECK(rejects("+-5"));
    CHECK(rejects("$+5"));
    CHECK(parse_money("$-5") == money::from_major(-5));
    CHECK(parse_money("+$5") == money::from_major(5));
}

// ---------------------------------------------------------------------------------------------
// ws = { " " | TAB | NBSP | NNBSP }: the no-break space (U+00A0, UTF-8 C2 A0) and the narrow
// no-break space (U+202F, E2 80 AF) are ws wherever ws is; no other Unicode space is, and ws is
// never inside a number.

TEST_CASE("regression parse: no-break spaces are ws, as documented") {
    const money b15 = money::from_major(15'000'000'000);
    CHECK(parse_money("$15\xC2\xA0" "B") == b15);
    CHECK(parse_money("\xC2\xA0$15B") == b15);
    CHECK(parse_money("$15B\xC2\xA0") == b15);
    CHECK(parse_money("\xC2\xA0\xE2\x80\xAF \t$\xC2\xA0" "15\xE2\x80\xAF" "B\xC2\xA0USD\xE2\x80\xAF") == b15);
    CHECK(parse_money("$1.25\xE2\x80\xAF" "trillion") == money::from_major(1'250'000'000'000));
    CHECK(parse_money("-\xC2\xA0" "EUR\xE2\x80\xAF" "300M") == -money::from_major(300'000'000, currencies::eur));
    CHECK(parse_money("\xE2\x82\xAC\xC2\xA0-5") == -money::from_major(5, currencies::eur));
}

TEST_CASE("regression parse: other Unicode spaces and broken no-break spaces are not ws") {
    CHECK(rejects("\xE2\x80\x83$15B"));          // U+2003 em space
    CHECK(rejects("$15\xE2\x80\x89" "B"));       // U+2009 thin space
    CHECK(rejects("$15\xE3\x80\x80" "B"));       // U+3000 ideographic space
    CHECK(rejects("$15\xC2"));                     // half of C2 A0
    CHECK(rejects("$15\xA0" "B"));                 // A0 without its lead byte
    CHECK(rejects("$15\xE2\x80" "B"));            // two bytes of E2 80 AF
    CHECK(rejects("$1\xC2\xA0" "000"));           // never inside a number
    CHECK(rejects("$1,000\xE2\x80\xAF" "000"));
}

TEST_CASE("regression parse: spaces and tabs are ws") {
    CHECK(parse_money(" \t$15\t B \t") == money::from_major(15'000'000'000));
    CHECK(rejects("$15\n"));
    CHECK(rejects("$15\r"));
}

// ---------------------------------------------------------------------------------------------
// format_compact near the ends of the range: rounding the mantissa half away from zero used to
// print amounts past the 64-bit range ("$9,223.4T" for the largest amount), which parse_money
// rejected. Near the limit it now rounds toward zero, so every printed amount parses back.

TEST_CASE("regression parse: format_compact text parses back at the ends of the range") {
    for (const std::int64_t units : {i64_max, i64_min, i64_max - 1, i64_min + 1,
                                     std::int64_t{9'223'370'000'000'000'000},
                                     std::int64_t{9'223'350'000'000'000'000}}) {
        for (int decimals = 0; decimals <= 15; ++decimals) {
            const std::string text = format_compact(money::from_units(units), decimals);
            CAPTURE(units);
            CAPTURE(decimals);
            CAPTURE(text);
            CHECK_NOTHROW((void)parse_money(text));
        }
    }
    // Within the rounding step of the printed form: the last digit shown is 10^(12 - decimals)
    // dollars for T, so the text is within one step of the amount, toward zero.
    for (int decimals = 0; decimals <= 15; ++decimals) {
        CAPTURE(decimals);
        const money back = parse_money(format_compact(money::from_units(i64_max), decimals));
        CHECK(back.units() <= i64_max);
        CHECK(back.is_positive());
        const money back_min = parse_money(format_compact(money::from_units(i64_min), decimals));
        CHECK(back_min.is_negative());
    }
}

TEST_CASE("regression parse: format_compact text parses back below $9,223.35T") {
    for (const std::int64_t units : {std::int64_t{9'223'349'999'999'999'999}, std::int64_t{1'000'000'000'000'000'000},
                                     -std::int64_t{9'223'349'999'999'999'999}}) {
        for (int decimals = 0; decimals <= 15; ++decimals) {
            const std::string text = format_compact(money::from_units(units), decimals);
            CAPTURE(text);
            CHECK_NOTHROW((void)parse_money(text));
        }
    }
    // With 15 decimals the largest amount is exact.
    CHECK(parse_money(format_compact(money::from_units(i64_max), 15)).units() == i64_max);
}

// ---------------------------------------------------------------------------------------------
// fraction::from_decimal had no length cap and was quadratic in the number of digits (a million
// digits took about 44 s). It is now linear with a documented cap: at most 38 significant digits
// and 38 after the point (36 for a percentage), beyond which it throws a parse_error stating the
// rule. Behaviour, not timing, is checked here (speed is measured in bench/).

namespace {

/// The parse_error from_decimal throws on @p text (empty message if it does not throw one).
std::string cap_error(const std::string& text, std::size_t* position = nullptr) {
    try {
        (void)fraction::from_decimal(text);
    } catch (const parse_error& e) {
        if (position != nullptr) *position = e.position();
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("regression parse: a million-digit decimal is rejected with a parse_error stating the cap") {
    static_assert(fraction::max_decimal_digits == 38, "the documented cap");
    const std::string million = "1" + std::string(999'999, '0');
    std::size_t position = million.size() + 1;
    const std::string what = cap_error(million, &position);
    CAPTURE(what);
    REQUIRE_FALSE(what.empty());
    CHECK(what.find("1000000 significant digits") != std::string::npos);  // what it read
    CHECK(what.find("at most 38") != std::string::npos);                  // the rule
    CHECK(position <= million.size());
    // The same after the point, and for a percentage.
    const std::string tail = cap_error("0." + std::string(999'998, '7'));
    CAPTURE(tail);
    CHECK(tail.find("at most 38") != std::string::npos);
    const std::string pct = cap_error("-" + std::string(500'000, '3') + "." + std::string(500'000, '3') + "%");
    CAPTURE(pct);
    CHECK(pct.find("at most 38") != std::string::npos);
    CHECK_THROWS_AS((void)fraction::from_decimal("+" + std::string(999'999, '9')), parse_error);
}

TEST_CASE("regression parse: from_decimal reads exactly up to the cap") {
    const auto text_of = [](const fraction::rep& x) { return fraction(x, fraction::rep(1)).to_string(); };
    // 38 nines: the largest whole number read, 10^38 - 1 < 2^127.
    const fraction nines = fraction::from_decimal(std::string(38, '9'));
    CHECK(text_of(nines.numerator()) == std::string(38, '9'));
    CHECK(nines.denominator() == 1);
    CHECK_THROWS_AS((void)fraction::from_decimal(std::string(39, '9')), parse_error);
    CHECK(cap_error(std::string(39, '9')).find("39 significant digits") != std::string::npos);
    // 38 after the point; 36 after the point of a percentage.
    const fraction tiny = fraction::from_decimal("0." + std::string(37, '0') + "1");
    CHECK(tiny.numerator() == 1);
    CHECK(text_of(tiny.denominator()) == "1" + std::string(38, '0'));
    CHECK(cap_error("0." + std::string(38, '0') + "1").find("at most 38") != std::string::npos);
    CHECK(fraction::from_decimal("0." + std::string(35, '0') + "1%") == fraction::from_decimal("0." + std::string(37, '0') + "1"));
    CHECK(cap_error("0." + std::string(36, '0') + "1%").find("at most 36") != std::string::npos);
    // Zeros that are not significant do not count: leading zeros, trailing zeros after the point.
    CHECK(fraction::from_decimal(std::string(10'000, '0') + "7.5" + std::string(10'000, '0')) == fraction(15, 2));
    CHECK(fraction::from_decimal("-" + std::string(100'000, '0')) == fraction(0));
    CHECK(fraction::from_decimal("0." + std::string(100'000, '0')) == fraction(0));
}

TEST_CASE("regression parse: fraction::from_decimal of 2,000 digits is rejected, not misread") {
    // Used to be read exactly on big integers; past the 128-bit cap it is now a parse_error.
    const std::string text = "-1" + std::string(1'000, '0') + "." + std::string(999, '0') + "5";
    const std::string what = cap_error(text);
    CAPTURE(what);
    CHECK(what.find("2001 significant digits") != std::string::npos);
    CHECK(what.find("at most 38") != std::string::npos);
}

}  // namespace test_regressions_parse
