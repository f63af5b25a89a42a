// Unit tests for fundround/io/flows_report.hpp: the printed year table of a net-flow view.
#include <fundround/io/flows_report.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_flows_report {

namespace fr = fundround;
using fr::year;
using fr::calendar_date;
using fr::cash_flow;
using fr::counter_commitment;
using fr::net_flows;
using namespace fr::literals;

namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) {
    return year{y} / m / dd;
}

// The reference deal (../shared/REFERENCE.md), with these labelled assumptions (as in test_flows.cpp):
// - ASSUMPTION: the round closes 2026-02-27; Amazon pays $15B that day.
// - ASSUMPTION: the conditions are met and the other $35B arrives 2026-09-30.
// - ASSUMPTION: the $100B of new cloud spend and the existing $38B contract are paid in eight
//   equal yearly installments from 2026-12-31.
net_flows amazon() {
    const std::vector<cash_flow> equity = {{ymd(2026, 2, 27), 15_B, "Amazon tranche 1 (at close)"},
                                           {ymd(2026, 9, 30), 35_B, "Amazon tranche 2 (conditions met)"}};
    return net_flows("Amazon", equity,
                     {counter_commitment::from_installments(
                          "AWS cloud contract growth", "Amazon",
                          fr::installments(100_B, ymd(2026, 12, 31), 8, fr::frequency::yearly)),
                      counter_commitment::from_installments(
                          "AWS cloud contract (existing)", "Amazon",
                          fr::installments(38_B, ymd(2026, 12, 31), 8, fr::frequency::yearly))});
}

}  // namespace

TEST_CASE("net_flows: printed year table") {
    CHECK(fr::to_string(amazon()) ==
          "Amazon: net flows in USD, net = money in - money out (company's view)\n"
          "  Year   Money in  Money out       Net  Cumulative net\n"
          "  2026       $50B    $17.25B   $32.75B         $32.75B\n"
          "  2027         $0    $17.25B  -$17.25B          $15.5B\n"
          "  2028         $0    $17.25B  -$17.25B         -$1.75B\n"
          "  2029         $0    $17.25B  -$17.25B           -$19B\n"
          "  2030         $0    $17.25B  -$17.25B        -$36.25B\n"
          "  2031         $0    $17.25B  -$17.25B         -$53.5B\n"
          "  2032         $0    $17.25B  -$17.25B        -$70.75B\n"
          "  2033         $0    $17.25B  -$17.25B           -$88B\n"
          "  Total      $50B      $138B     -$88B\n");
    // Amounts whose compact form would round print in full, so the table adds up.
    const net_flows odd("Vendor", {{ymd(2026, 1, 1), "1234567.891"_usd, "in"}},
                        {counter_commitment("Support", "Vendor",
                                            {{ymd(2026, 6, 1), 1_M, "out"}})});
    fr::net_flows_format full;
    full.full_amounts = true;
    CHECK(fr::to_string(odd) ==
          "Vendor: net flows in USD, net = money in - money out (company's view)\n"
          "  Year         Money in  Money out           Net  Cumulative net\n"
          "  2026   $1,234,567.891        $1M  $234,567.891    $234,567.891\n"
          "  Total  $1,234,567.891        $1M  $234,567.891\n");
    CHECK(fr::to_string(odd, full) ==
          "Vendor: net flows in USD, net = money in - money out (company's view)\n"
          "  Year         Money in      Money out           Net  Cumulative net\n"
          "  2026   $1,234,567.891  $1,000,000.00  $234,567.891    $234,567.891\n"
          "  Total  $1,234,567.891  $1,000,000.00  $234,567.891\n");
    std::ostringstream os;
    os << odd;
    CHECK(os.str() == fr::to_string(odd));
}

}  // namespace test_flows_report
