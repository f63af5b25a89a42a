// Unit tests for parse_money (io/money_parse.hpp): the grammar, errors with positions, and
// round trips of everything the formatting functions print.
#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <doctest/doctest.h>

#include "support/money_test.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_money_parse {

using namespace fundround;

namespace {

using fundround_test::i64_max;
using fundround_test::i64_min;
using fundround_test::usd_units;

/// The outcome of a parse that is expected to fail.
struct parse_failure {
    bool thrown = false;
    std::size_t position = 0;
    std::string what;
    std::string input;
};

parse_failure parse_fails(std::string_view text) {
    try {
        (void)parse_money(text);
    } catch (const parse_error& e) {
        return {true, e.position(), e.what(), e.input()};
    }
    return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parsing

TEST_CASE("money: parse_money accepts amounts as people write them") {
    CHECK(parse_money("$15B") == 15_B);
    CHECK(parse_money("$1.25 trillion") == 1.25_T);
    CHECK(parse_money("15,000,000,000.00") == 15_B);
    CHECK(parse_money("-$2.5M") == -(2.5_M));
    CHECK(parse_money("EUR 300M") == money::from_major(300'000'000, currencies::eur));
    CHECK(parse_money("40 bn USD") == 40_B);
    CHECK(parse_money("US$ 7") == 7_usd);
    CHECK(parse_money("$-3k") == -(3_K));
    CHECK(parse_money("$-3k").units() == -3'000'000);

    CHECK(parse_money("5 thousand") == 5_K);
    CHECK(parse_money("$15b") == 15_B);
    CHECK(parse_money("1.5 million EUR") == money::from_major(1'500'000, currencies::eur));
    CHECK(parse_money("+$5") == 5_usd);
    CHECK(parse_money("  $5  ") == 5_usd);
    CHECK(parse_money("$5 USD") == 5_usd);
    CHECK(parse_money("USD7") == 7_usd);
    CHECK(parse_money("$1,000.5K") == 1'000'500_usd);
    CHECK(parse_money("0.001") == usd_units(1));
    CHECK(parse_money("$1.0000") == 1_usd);  // trailing zeros are not extra precision
    CHECK(parse_money("-0") == money{});
    CHECK(parse_money("\xE2\x82\xAC" "5") == money::from_major(5, currencies::eur));
    CHECK(parse_money("\xC2\xA3" "2.50") == money::from_units(2'500, currencies::gbp));
    CHECK(parse_money("\xC2\xA5" "1,000") == money::from_major(1'000, currencies::jpy));
    CHECK(parse_money("CHF 5.00") == money::from_major(5, currencies::chf));
    CHECK(parse_money("1.5 tn") == 1.5_T);
    CHECK(parse_money("2 mn") == 2_M);
    CHECK(parse_money("$9,223,372,036,854,775.807") == usd_units(i64_max));

    // Amounts without a currency take the fallback; explicit ones win over it.
    CHECK(parse_money("300M", currencies::eur) == money::from_major(300'000'000, currencies::eur));
    CHECK(parse_money("$3", currencies::eur) == 3_usd);
    CHECK(parse_money("3 GBP", currencies::eur) == money::from_major(3, currencies::gbp));
}

TEST_CASE("money: parse_money rejects malformed input with a position and a reason") {
    struct bad_case {
        const char* text;
        std::size_t position;
        const char* reason;
    };
    const bad_case cases[] = {
        {"$15BB", 3,
         "unknown scale \"BB\"; expected K, M, B, T, thousand, million, billion, trillion or a "
         "currency code"},
        {"1,00", 4, "expected exactly 3 digits after a thousands separator"},
        {"abc", 0, "expected a digit"},
        {"", 0, "expected a digit"},
        {"$1 EUR", 3, "currency code EUR contradicts the symbol at the start"},
        {"1..5", 2, "expected a digit after the decimal point"},
        {"$ B", 2, "expected a digit"},
        {"5$", 1, "unexpected '$' after the amount"},
        {"$5 usd", 3,
         "unknown scale \"usd\"; expected K, M, B, T, thousand, million, billion, trillion or a "
         "currency code"},
        {"1234,567", 4, "a thousands separator must follow 1 to 3 leading digits"},
        {"$9,223,372,036,854,775.808", 0, "the amount is out of range (about +/-9.2e15 whole currency units)"},
        {"5 B EUR USD", 8, "unexpected 'U' after the amount"},
        // A character the grammar does not allow is shown whole, control characters escaped
        // (regression: a thin space showed as the byte '\xE2', a newline broke the line).
        {"20\u2009M", 2, "unexpected '\u2009' (U+2009) after the amount"},
        // "0,123" is 0.123 in continental notation: refuse rather than read it as 123.
        {"0,123", 0,
         "a number with thousands separators must not start with 0 (write a decimal point as '.')"},
        {"$00,123", 1,
         "a number with thousands separators must not start with 0 (write a decimal point as '.')"},
    };
    for (const bad_case& c : cases) {
        CAPTURE(c.text);
        const parse_failure f = parse_fails(c.text);
        REQUIRE(f.thrown);
        CHECK(f.input == c.text);
        CHECK(f.position == c.position);
        CHECK(f.what == "cannot parse \"" + std::string(c.text) + "\" at position " +
                            std::to_string(c.position) + ": " + c.reason);
    }
    // These throw parse_error too; their positions are checked in the next test case.
    CHECK_THROWS_AS((void)(parse_money("1,0000")), parse_error);
    CHECK_THROWS_AS((void)(parse_money("$1.0001")), parse_error);
    CHECK_THROWS_WITH_AS((void)(parse_money("$1.0001")),
                         doctest::Contains("more precise than a thousandth"), parse_error);
    // A parse_error is a fundround::error.
    CHECK_THROWS_AS((void)(parse_money("x")), error);
}

TEST_CASE("money: parse_error position points at the first offending character") {
    // "1,0000": the fourth digit of the group (index 5) is the first character that breaks the
    // rule, not the end of the text.
    const parse_failure group = parse_fails("1,0000");
    REQUIRE(group.thrown);
    CHECK(group.position == 5);

    // "$1.0001": the final '1' (index 6) is the digit finer than a thousandth.
    const parse_failure precise = parse_fails("$1.0001");
    REQUIRE(precise.thrown);
    CHECK(precise.position == 6);

    const parse_failure precise_zeros = parse_fails("$1.00010");
    REQUIRE(precise_zeros.thrown);
    CHECK(precise_zeros.position == 6);
}

TEST_CASE("money: parse_money never wraps huge inputs") {
    // 2^116 * 10^12 * 1000 == 2^128 * 5^15: a 128-bit product that wraps to exactly zero.
    const parse_failure wraps_to_zero = parse_fails("83076749736557242056487941267521536B");
    CHECK(wraps_to_zero.thrown);
    const parse_failure wraps_t = parse_fails("10384593717069655257060992658440192T");
    CHECK(wraps_t.thrown);
    // 36 nines: 10^36 * 1000 does not fit in 128 bits either.
    const parse_failure nines = parse_fails("999999999999999999999999999999999999");
    CHECK(nines.thrown);
    CHECK(nines.what.find("out of range") != std::string::npos);
    // A legitimate $1T written with many trailing zeros.
    money one_t;
    CHECK_NOTHROW(one_t = parse_money("1.00000000000000000000000000000000000T"));
    CHECK(one_t == 1_T);
}

TEST_CASE("money: parse_money accepts the most negative amount") {
    // format_full() can print -2^63 units, so parse_money must read it back.
    money m;
    CHECK_NOTHROW(m = parse_money("-$9,223,372,036,854,775.808"));
    CHECK(m.units() == i64_min);
}

TEST_CASE("money: parse_money(format_full(x)) == x") {
    const money values[] = {
        money{},
        usd_units(1),
        usd_units(-1),
        0.005_usd,
        1234.56_usd,
        -(1234.567_usd),
        840_B,
        -(15_B),
        1.25_T,
        usd_units(i64_max),
        usd_units(i64_min + 1),
        money::from_units(300'000'000'000, currencies::eur),
        money::from_units(-12'340, currencies::gbp),
        money::from_units(1'000'000, currencies::jpy),
        money::from_units(1'500, currencies::jpy),
        money::from_units(5'000, currencies::chf),
        money::from_units(-5'001, currencies::chf),
        money::from_units(1'234, currency("KWD")),
        money::from_units(987'654'321, currency("SEK")),
    };
    for (const money& m : values) {
        const std::string text = format_full(m);
        CAPTURE(text);
        CHECK(parse_money(text) == m);
    }
    // Compact text of whole suffix amounts parses back exactly too.
    for (const money& m : {840_B, 1.25_T, 15.5_M, 25_K, -(15_B), 950_usd, 12.5_usd}) {
        const std::string text = format_compact(m);
        CAPTURE(text);
        CHECK(parse_money(text) == m);
    }
}

TEST_CASE("money: parse_money(format_full(x)) == x at the most negative amount") {
    const money min = usd_units(i64_min);
    money back;
    CHECK_NOTHROW(back = parse_money(format_full(min)));
    CHECK(back == min);
}

TEST_CASE("money: parse_money accepts press-style spaces and surplus decimal zeros") {
    // No-break space (U+00A0) and narrow no-break space (U+202F), as press copy has them.
    CHECK(parse_money("$15\xC2\xA0" "B") == 15_B);
    CHECK(parse_money("$1.25\xE2\x80\xAF" "trillion") == 1.25_T);
    CHECK(parse_money("\xC2\xA0$15B\xC2\xA0") == 15_B);
    // Trailing decimal zeros carry no precision, however many there are.
    CHECK(parse_money("1.000000000000000000000000000000000000000") == 1_usd);
    CHECK(parse_money("$1.2500000000000000000000000000000000000000000B") == 1.25_B);
    CHECK(parse_money("0.0010000000000000000000000000000000000000") == 0.001_usd);
    // ... but a non-zero digit after them still counts.
    CHECK_THROWS_AS((void)(parse_money("1.0000000000000000000000000000000000001")), parse_error);
    CHECK_THROWS_AS((void)(parse_money("$1.0001")), parse_error);
}


// ---------------------------------------------------------------------------------------------
// Regressions (issue 9, item 8)

TEST_CASE("money: parse_money allows one sign only (regression: \"+$-5\" gave -$5)") {
    struct bad_case {
        const char* text;
        std::size_t position;
        const char* reason;
    };
    const bad_case cases[] = {
        {"+$-5", 2, "a second sign: the amount already has one at position 0"},
        {"-$-5", 2, "a second sign: the amount already has one at position 0"},
        {" - $ +5", 5, "a second sign: the amount already has one at position 1"},
        {"-EUR -5", 5, "a second sign: the amount already has one at position 0"},
        {"$+5", 1, "a '+' must come before the currency"},
        {"+-5", 1, "expected a digit"},
        {"--5", 1, "expected a digit"},
    };
    for (const bad_case& c : cases) {
        CAPTURE(c.text);
        const parse_failure f = parse_fails(c.text);
        REQUIRE(f.thrown);
        CHECK(f.position == c.position);
        CHECK(f.what == "cannot parse \"" + std::string(c.text) + "\" at position " +
                            std::to_string(c.position) + ": " + c.reason);
    }
    // One sign, before or after the prefix, is fine.
    CHECK(parse_money("+$5") == 5_usd);
    CHECK(parse_money("-$5") == -(5_usd));
    CHECK(parse_money("$-5") == -(5_usd));
    CHECK(parse_money("EUR -5") == -(5_eur));
    CHECK(parse_money("- EUR 5") == -(5_eur));
}

TEST_CASE("money: the spaces of the grammar: space, tab, no-break space, narrow no-break space") {
    // docs/concepts.md: ws = space, tab, U+00A0 and U+202F (UTF-8), as press copy has them.
    CHECK(parse_money("\t$5\t") == 5_usd);
    CHECK(parse_money("-\xC2\xA0$5") == -(5_usd));
    CHECK(parse_money("EUR\xE2\x80\xAF" "5") == 5_eur);
    CHECK(parse_money("5\xC2\xA0" "M\xC2\xA0" "EUR") == 5_M_eur);
    // Other Unicode spaces are not in the grammar: em space U+2003, thin space U+2009, and
    // the no-break space inside a number is not a thousands separator.
    CHECK(parse_fails("$5\xE2\x80\x83" "B").thrown);
    CHECK(parse_fails("$5\xE2\x80\x89" "B").thrown);
    CHECK(parse_fails("1\xC2\xA0" "000").thrown);
    // A lone byte of a no-break space is not a space.
    CHECK(parse_fails("$5\xC2").thrown);
    CHECK(parse_fails("$5\xE2\x80").thrown);
    CHECK(parse_fails("\xA0$5").thrown);
}

namespace {

/// Random amounts: every magnitude from 1 unit to the ends of the range, the ends themselves,
/// and amounts next to the K/M/B/T boundaries.
std::vector<money> round_trip_values() {
    const currency currencies_used[] = {currencies::usd, currencies::eur, currencies::gbp,
                                        currencies::jpy, currencies::chf, currency("KWD"),
                                        currency("SEK"), currency("MMK"), currency("BTN")};
    std::vector<std::int64_t> units = {0, 1, -1, 999, 1000, 999'999, 1'000'000, i64_max, i64_min,
                                       i64_max - 1, i64_min + 1, i64_max - 500'000, i64_min + 499'999};
    for (std::int64_t p = 1000; p <= i64_max / 10; p *= 10) {
        for (std::int64_t d : {-1, 0, 1, 4, 5, -5}) {
            units.push_back(p + d);
            units.push_back(-(p + d));
            units.push_back(p * 9 + p / 10 * 9 + d);  // 99..., next to a rounding boundary
        }
    }
    std::mt19937_64 gen(20261202);
    std::uniform_int_distribution<std::int64_t> any(i64_min, i64_max);
    std::uniform_int_distribution<int> shift(0, 62);
    for (int i = 0; i < 3000; ++i) units.push_back(any(gen) >> shift(gen));
    std::vector<money> out;
    std::size_t k = 0;
    for (const std::int64_t u : units) {
        out.push_back(money::from_units(u, currencies_used[k++ % std::size(currencies_used)]));
    }
    return out;
}

}  // namespace

TEST_CASE("money: what the library prints reads back (format_full and format_compact, property)") {
    int compact_checked = 0;
    for (const money m : round_trip_values()) {
        const std::string full = format_full(m);
        CAPTURE(full);
        money back;
        REQUIRE_NOTHROW(back = parse_money(full));
        CHECK(back == m);
        for (int decimals = 0; decimals <= 15; ++decimals) {
            const detail::compact_text compact = detail::format_compact_text(m, decimals);
            CHECK(compact.text == format_compact(m, decimals));
            CAPTURE(compact.text);
            money shown;
            REQUIRE_NOTHROW(shown = parse_money(compact.text));
            REQUIRE(shown.currency() == m.currency());
            // exact says whether the text is the amount; 15 decimals always are.
            CHECK(compact.exact == (shown == m));
            if (decimals == 15) CHECK(shown == m);
            // Otherwise it is within one step of the last decimal shown (half a step, except
            // where the range end forces rounding toward zero).
            const detail::int128 diff = detail::int128(shown.units()) - m.units();
            const detail::uint128 mag = detail::magnitude(diff);
            detail::int128 step = 1;  // units per last decimal of the largest suffix (T)
            for (int i = 0; i < 15 - decimals; ++i) step *= 10;
            CHECK(mag <= static_cast<detail::uint128>(step));
            ++compact_checked;
        }
    }
    CHECK(compact_checked > 50000);
}

TEST_CASE("money: format_compact near the ends of the range reads back (regression)") {
    // 2^63 - 1 units with 5 decimals rounded half up to $9,223.37204T, more than any amount.
    for (int decimals = 0; decimals <= 15; ++decimals) {
        for (const money m : {usd_units(i64_max), usd_units(i64_min), usd_units(i64_max - 1),
                              money::from_units(i64_min + 1, currencies::eur)}) {
            const std::string text = format_compact(m, decimals);
            CAPTURE(text);
            money back;
            CHECK_NOTHROW(back = parse_money(text));
        }
    }
    CHECK(format_compact(usd_units(i64_max), 5) == "$9,223.37203T");
    CHECK(format_compact(usd_units(i64_min), 5) == "-$9,223.37203T");
    CHECK(format_compact(usd_units(i64_max), 15) == "$9,223.372036854775807T");
    CHECK(format_compact(usd_units(i64_min), 15) == "-$9,223.372036854775808T");
    CHECK(format_compact(usd_units(i64_max), 4) == "$9,223.372T");
    CHECK(format_compact(usd_units(i64_max), 2) == "$9,223.37T");
}

}  // namespace test_money_parse
