// A seed round: $1.5M at a $6M pre-money, one lead and two angels.
//
// The deal (hypothetical, for illustration):
//   Pre-money $6M over 8,000,000 fully diluted shares.
//   Northwind Ventures (financial, lead) $1.1M at close.
//   Ada (angel) $250K: $150K at close, $100K ninety days later.
//   Grace (angel) $150K at close.
//
// ASSUMPTIONS (ours, labelled):
//   S1. The round closes on 2026-03-02.
//   S2. Ada's second tranche is due 90 days after close: 2026-03-02 + 90 days = 2026-05-31
//       (29 days to 31 March, 30 in April, 31 in May).
//
// Figures checked by hand:
//   raised committed   1.1M + 0.25M + 0.15M            = $1.5M
//   post-money         6M + 1.5M                        = $7.5M
//   Northwind          1.1 / 7.5  = 11/75               = 14.6667%
//   Ada                0.25 / 7.5 = 1/30                =  3.3333%
//   Grace              0.15 / 7.5 = 1/50                =  2.0000%
//   new investors      1.5 / 7.5  = 1/5 = 20%; existing holders 6 / 7.5 = 4/5 = 80%
//   price per share    6,000,000 / 8,000,000            = $0.75
//   at close           funded 1.1M + 0.15M + 0.15M = $1.4M; post-money 6M + 1.4M = $7.4M
//                      Northwind 1.1 / 7.4 = 11/74 = 14.8649%; Ada 0.15 / 7.4 = 3/148 = 2.0270%
//                      new investors 1.4 / 7.4 = 7/37 = 18.9189%
//   scheduled          $100K (Ada, 2026-05-31); due through close $1.4M, through 2026-05-31 $1.5M
//   shares at $0.75    Northwind 1,100,000 / 0.75 = 1,466,666.67 -> 1,466,666 (no fractional shares)
//                      cost 1,466,666 * 0.75 = $1,099,999.50
//                      Ada 250,000 / 0.75 = 333,333.33 -> 333,333, cost $249,999.75
//                      Grace 150,000 / 0.75 = 200,000, cost $150,000.00
//   (Ownership is money in / post-money, exact; the whole-share counts above are a separate,
//   rounded question and are computed on each investor's full commitment.)
#include <fundround/core.hpp>
#include <fundround/io/report.hpp>

#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const calendar_date close = year{2026} / 3 / 2;            // S1
    const calendar_date ninety_days_later = close + days{90};  // S2

    const funding_round round =
        round_builder("Seed round")
            .pre_money(6_M)
            .pre_money_shares(share_count{8'000'000})
            .close_date(close)
            .invest(investor::financial("Northwind Ventures").as_lead(), 1.1_M)
            .invest(investor::angel("Ada"), 250_K,
                    {tranche::at_close(150_K), tranche::on(100_K, ninety_days_later)})
            .invest(investor::angel("Grace"), 150_K)
            .build();

    std::cout << "Assumptions: S1 close on 2026-03-02; S2 Ada's second tranche due 90 days later.\n\n";
    print_summary(std::cout, round);

    std::cout << "\nExact figures\n";
    std::cout << "  Post-money committed  " << round.post_money() << '\n';
    std::cout << "  Post-money at close   " << round.post_money_at_close() << '\n';
    std::cout << "  Ada's second tranche  due " << to_string(ninety_days_later) << '\n';
    for (const char* name : {"Northwind Ventures", "Ada", "Grace"}) {
        std::cout << "  " << name << " owns " << round.ownership(name) << " committed ("
                  << round.ownership(name).to_percent_string(4) << "), "
                  << round.ownership_at_close(name) << " at close ("
                  << round.ownership_at_close(name).to_percent_string(4) << ")\n";
    }

    const price_per_share price = *round.valuation().price();
    std::cout << "  Price per share       " << price << '\n';
    for (const commitment& c : round.commitments()) {
        const share_count shares = price.shares_for(c.total, rounding::floor);
        std::cout << "  " << c.investor.name() << " buys " << shares << " for "
                  << price.cost_of(shares, rounding::half_even) << '\n';
    }

    const disbursement_schedule& s = round.schedule();
    std::cout << "  Due through " << to_string(close) << "    " << s.due_through(close) << '\n';
    std::cout << "  Due through " << to_string(ninety_days_later) << "    " << s.due_through(ninety_days_later)
              << '\n';
    return 0;
}
