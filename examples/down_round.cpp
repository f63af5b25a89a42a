// A down round with broad-based weighted-average anti-dilution protection (issue 11).
// A software company: two founders with 5,000,000 common shares each, an option plan of 2,000,000
// shares of which 1,200,000 are granted; Seed Preferred (2,500,000 shares issued at $0.80) and
// Series A Preferred (4,000,000 shares at $2.00), both with broad-based weighted-average
// protection on the NVCA base (issued, preferred as converted, + granted options + warrants; the
// unallocated pool left out), the new conversion price to the nearest one-hundredth of a cent.
// The company then raises a $9M Series B at $1.20 a share, the pool topped up to 10% of the
// post-money in the pre-money. $1.20 is below the Series A's $2.00 (a down round for it) and above
// the Seed's $0.80 (not one for the seed). Every figure is computed by the library;
// examples/expected/down_round.txt holds the output. Pay-to-play is not modelled.
#include <fundround/company/cap_table_round.hpp>
#include <fundround/core.hpp>
#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/io/pricing_report.hpp>

#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const cap_table before =
        cap_table_builder()
            .add(holder::founder("ana", "Ana (founder)"))
            .add(holder::founder("ben", "Ben (founder)"))
            .add(holder::employee("staff", "Employees"))
            .add(holder::investor("seed", "Seed Fund"))
            .add(holder::investor("alpha", "Alpha Ventures"))
            .add(holder::investor("angel", "Angel"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Seed Preferred", price_per_share(0.80_usd, share_count(1))))
            .add(share_class::preferred("Series A Preferred", price_per_share(2_usd, share_count(1))))
            .add(option_pool{"Plan", "Common", share_count(2'000'000)})
            .holding(holder_id("ana"), "Common", share_count(5'000'000))
            .holding(holder_id("ben"), "Common", share_count(5'000'000))
            .holding(holder_id("seed"), "Seed Preferred", share_count(2'500'000))
            .holding(holder_id("alpha"), "Series A Preferred", share_count(3'500'000))
            .holding(holder_id("angel"), "Series A Preferred", share_count(500'000))
            .grant({holder_id("staff"), "Plan", share_count(1'200'000), price_per_share(0.20_usd, share_count(1))})
            .build();

    // The Series B as priced: new shares at $1.20, the pool topped up in the pre-money.
    const round_on_cap_table series_b =
        cap_table_round(priced_round_terms("Series B")
                            .at_price(1.20_usd)
                            .invest("beta", 9_M)
                            .option_pool(fraction(1, 10), pool_placement::pre_money),
                        "Series B Preferred")
            .add_investor(holder::investor("beta", "Beta Capital"))
            .top_up_pool("Plan")
            .apply_to(before);
    print_round_on_cap_table(std::cout, series_b);

    // The charter's anti-dilution terms, and what the Series B triggers.
    const anti_dilution charter = anti_dilution()
                                      .protect(anti_dilution_terms::broad_based("Seed Preferred"))
                                      .protect(anti_dilution_terms::broad_based("Series A Preferred"))
                                      .conversion_price_rounded(4, rounding::half_away_from_zero);
    const down_round result = charter.apply_to(series_b);
    std::cout << '\n' << result.adjustment();

    const series_adjustment& a = result.adjustment().of("Series A Preferred");
    std::cout << "\nSeries A holders on conversion:\n";
    for (const holder_conversion& h : a.holders) {
        std::cout << "  " << h.name << ": " << h.shares << " of Series A Preferred convert into " << h.as_converted_after
                  << " of common (+" << h.additional() << ", exact " << h.exact_after.to_decimal_string(4) << ")\n";
    }

    std::cout << "\nFully diluted, before the round -> after the round and the adjustment:\n";
    for (const holder_change& h : result.holders()) {
        std::cout << "  " << h.name << ": " << h.before << " (" << h.ownership_before.to_percent_string(2) << ") -> "
                  << h.after << " (" << h.ownership_after.to_percent_string(2) << ")\n";
    }
    std::cout << "Total: " << series_b.before().fully_diluted().total() << " -> " << result.after().fully_diluted().total()
              << " (the round alone: " << series_b.after().fully_diluted().total() << ")\n";
    // The pool was sized at 10% of the round's post-money count; the adjustment's shares dilute it.
    const fully_diluted_counts after_round = series_b.after().fully_diluted();
    const fully_diluted_counts after_all = result.after().fully_diluted();
    std::cout << "Unallocated pool: "
              << fraction(after_round.unallocated_pool().value(), after_round.total().value()).to_percent_string(4)
              << " after the round, "
              << fraction(after_all.unallocated_pool().value(), after_all.total().value()).to_percent_string(4)
              << " after the adjustment\n";
}
