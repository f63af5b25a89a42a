// Unit tests for the opt-in {fmt} formatters (io/fmt.hpp); built only when fmt is found.
#include <fundround/io/fmt.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_fmt {

using namespace fundround;

TEST_CASE("fmt: money specs {} {:f} {:c} {:cN}") {
    CHECK(fmt::format("{}", 15_B) == "$15,000,000,000.00");
    CHECK(fmt::format("{:f}", -(0.005_usd)) == "-$0.005");
    CHECK(fmt::format("{:c}", 1.25_T) == "$1.25T");
    CHECK(fmt::format("{:c}", 15_B_eur) == "\xE2\x82\xAC" "15B");
    CHECK(fmt::format("{:c0}", 1.5_T) == "$2T");
    CHECK(fmt::format("{:c3}", 1.2345_B) == "$1.235B");
    CHECK(fmt::format("{:c15}", money::from_units(9'223'372'036'854'775'807)) ==
          "$9,223.372036854775807T");
    CHECK(fmt::format("{} and {:c}", 5_chf, 5_M_chf) == "CHF 5.00 and CHF 5M");
}

TEST_CASE("fmt: currency takes the string specs") {
    CHECK(fmt::format("{}", currencies::eur) == "EUR");
    CHECK(fmt::format("[{:>5}]", currencies::gbp) == "[  GBP]");
    CHECK(fmt::format("[{:<4}]", currency("KWD")) == "[KWD ]");
}

TEST_CASE("fmt: a bad spec is a format_error") {
    CHECK_THROWS_AS((void)fmt::format(fmt::runtime("{:x}"), 1_usd), fmt::format_error);
    CHECK_THROWS_AS((void)fmt::format(fmt::runtime("{:c16}"), 1_usd), fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:q}"), 1_usd),
                         "fundround money format spec: expected {}, {:f}, {:c} or {:cN} (N from 0 to 15)",
                         fmt::format_error);
}

}  // namespace test_fmt
