// What io/pricing_report.hpp brings with it: the printed rounds of the company layer include no
// Boost.Multiprecision (with __int128). round_chain_result keeps its conversions and anti-dilution
// adjustments behind declarations so that the reports that take a chain stay light; the eighth
// session's print_round_chain printed the adjustments with operator<< and so included
// instruments/anti_dilution.hpp and detail/bigint.hpp: `-fsyntax-only` on the header alone went
// from 2.2 s to 5.0 s (g++ 12), examples/reference_cap_table.cpp from 3.0 s to 5.4 s. It now
// prints them through round_chain_result::print_adjustment (test_pricing_report checks the text).
// A translation unit of its own (tests/CMakeLists.txt), as test_flows.cpp.
#include <fundround/io/pricing_report.hpp>

#include "support/seed_to_series_a.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#if FUNDROUND_HAS_INT128 && defined(BOOST_MP_CPP_INT_HPP)
#error "io/pricing_report.hpp (or a header it includes) pulled in Boost.Multiprecision"
#endif

namespace test_pricing_report_includes {

TEST_CASE("pricing_report.hpp alone prints a round on a cap table (and includes no Boost.Multiprecision)") {
    std::ostringstream os;
    fundround::print_round_on_cap_table(os, fundround_test::seed_to_series_a());
    CHECK(os.str().find("Series A") != std::string::npos);
}

}  // namespace test_pricing_report_includes
