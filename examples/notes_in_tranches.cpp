// Convertible notes in tranches, in the style of Amazon's investment in Anthropic. PUBLIC facts:
// the investment was made as convertible notes, $1.25B first, then $2.75B, then $4B. Everything
// else is ASSUMED here and printed as such: the issue dates (the public announcement dates
// taken as issue dates), the interest (6% a year simple, Actual/365 Fixed — the real rate is not
// public), the conversion date and valuation, and the capitalization the valuation is divided
// by. The three notes convert together at maturity at the stated valuation into a preferred
// class (note_at_maturity), each priced on the same capitalization (the notes excluded).
#include <fundround/core.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/note_events.hpp>

#include <iostream>
#include <string>
#include <vector>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    struct tranche {
        money principal;       // PUBLIC
        calendar_date issued;  // ASSUMED (announcement date)
    };
    const std::vector<tranche> tranches{{1'250'000'000_usd, year{2023} / 9 / 25},
                                        {2'750'000'000_usd, year{2024} / 3 / 27},
                                        {4'000'000'000_usd, year{2024} / 11 / 22}};
    const calendar_date converts_on = year{2025} / 12 / 31;  // ASSUMED
    const money valuation = 60'000'000'000_usd;               // ASSUMED pre-money valuation
    const share_count capitalization(1'000'000'000);          // ASSUMED fully diluted shares, notes excluded

    std::cout << "PUBLIC: notes of $1.25B, then $2.75B, then $4B\n"
              << "ASSUMED: issue dates = announcement dates; interest 6% a year simple, actual/365 fixed\n"
              << "ASSUMED: all three convert on " << to_string(converts_on) << " at a " << format_compact(valuation)
              << " valuation over " << capitalization << " (notes excluded), into \"Series X Preferred\"\n";

    share_count total_shares;
    money total_amount = 0_usd;
    exact_rational total_not_converted;
    for (std::size_t i = 0; i < tranches.size(); ++i) {
        convertible_note n;
        n.holder = holder_id("amazon");
        n.principal = tranches[i].principal;
        n.issue_date = tranches[i].issued;
        n.maturity_date = converts_on;
        n.annual_rate = fraction(6, 100);
        n.day_count = note_day_count::actual_365_fixed;
        n.at_maturity = note_maturity_terms{valuation, "Series X Preferred", note_party::holder};
        const note_maturity_result r = note_at_maturity(n, maturity_outcome::conversion, capitalization);
        std::cout << "tranche " << i + 1 << ": " << format_full(r.principal) << " issued " << to_string(n.issue_date) << " (ASSUMED)"
                  << ", interest " << format_full(r.interest) << ", converts " << format_full(r.amount) << " at "
                  << price_per_share(valuation, capitalization).to_string(2) << " a share into " << r.shares << "\n";
        total_shares += r.shares;
        total_amount += r.amount;
        total_not_converted += r.not_converted_units;
    }
    const share_count after = capitalization + total_shares;
    std::cout << "total: " << format_full(total_amount) << " -> " << total_shares << " of " << after << " = "
              << fraction(total_shares.value(), after.value()).to_percent_string(4) << " (ASSUMED figures)\n"
              << "not converted (fractions of a share): $"
              << (total_not_converted.to_fraction() / fraction(money::units_per_major)).to_decimal_string(3, rounding::half_even) << '\n';
    return 0;
}
