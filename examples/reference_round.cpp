// The README example: the reference round (shared/REFERENCE.md), a $110B round at a $730B
// pre-money, with Amazon's $50B split into $15B at close and $35B "when certain conditions are
// met". The report gives no dates: the close date and when Nvidia and SoftBank pay are our
// assumptions, marked as such. examples/reference_deal.cpp goes further (scenarios, a later
// close, probabilities, money flowing back to Amazon).
#include <fundround/core.hpp>
#include <fundround/io/report.hpp>

#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const funding_round round =
        round_builder("Reference round, 2026")
            .pre_money(730_B)
            .prior_mark(500_B, "secondary sale, October 2025")
            .prior_round(40_B, "the previous year's round")
            .close_date(year{2026} / 2 / 27)  // assumed: the report gives no date
            .invest(investor::strategic("Amazon"), 50_B,
                    {tranche::at_close(15_B).labelled("first"),
                     tranche::when(35_B, milestone("certain conditions")).labelled("second")})
            .invest(investor::strategic("Nvidia"), 30_B)     // assumed: all at close
            .invest(investor::financial("SoftBank"), 30_B)  // assumed: all at close
            .build();

    print_summary(std::cout, round);
    std::cout << "\nAmazon owns " << round.ownership("Amazon") << " fully funded, "
              << round.ownership_at_close("Amazon") << " at close\n";
}
