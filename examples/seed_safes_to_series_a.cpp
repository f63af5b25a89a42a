// A seed company whose three SAFEs and a bridge note convert into its Series A (our example, on
// assumed figures): two founders, a 1.5M-share plan with 500,000 options granted; a $500k
// post-money SAFE at a $10M cap (an accelerator), a $100k MFN SAFE (a friend), a $250k
// post-money SAFE at an $8M cap with a 20% discount (an angel, dated after the MFN, whose terms
// the MFN takes); a $300k note at 6% simple interest (Actual/365 Fixed) with a $12M pre-money
// cap and a 20% discount, converting if the round raises at least $3M. The Series A: $6M at a
// $24M pre-money that counts the conversion shares and a 12% post-money pool top-up. The price
// and each conversion price are rounded to $0.0001 (half-even); conversion shares down.
#include <fundround/core.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/io/conversion_report.hpp>

#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const cap_table seed = cap_table_builder()
                               .add(holder::founder("ada", "Ada"))
                               .add(holder::founder("bob", "Bob"))
                               .add(holder::employee("eng", "Engineers"))
                               .add(share_class::common("Common"))
                               .add(option_pool{"2024 Plan", "Common", share_count(1'500'000)})
                               .grant({holder_id("eng"), "2024 Plan", share_count(500'000), price_per_share(10_usd, share_count(100))})
                               .holding(holder_id("ada"), "Common", share_count(4'500'000))
                               .holding(holder_id("bob"), "Common", share_count(4'000'000))
                               .build();

    convertible_note bridge;
    bridge.holder = holder_id("bridge");
    bridge.principal = 300'000_usd;
    bridge.issue_date = year{2025} / 1 / 15;
    bridge.maturity_date = year{2026} / 1 / 15;
    bridge.annual_rate = fraction(6, 100);
    bridge.day_count = note_day_count::actual_365_fixed;
    bridge.valuation_cap = 12_M;
    bridge.cap_form = safe_form::pre_money;
    bridge.discount = fraction(1, 5);
    bridge.qualified_financing = 3_M;

    const converted_round a =
        conversion_round("Series A", "Series A Preferred", year{2025} / 9 / 30)
            .pre_money(24_M)
            .invest(holder_id("lead"), 6_M)
            .add_holder(holder::investor("lead", "Lead Ventures"))
            .add_holder(holder::investor("accel", "Accelerator"))
            .add_holder(holder::investor("friend", "Friend (MFN)"))
            .add_holder(holder::investor("angel", "Angel"))
            .add_holder(holder::investor("bridge", "Bridge Fund"))
            .option_pool(fraction(12, 100), pool_placement::pre_money, "2024 Plan")
            .price_rounded(4, rounding::half_even)
            .conversion_price_rounded(4, rounding::half_even)
            .convert(safe::post_money_cap(holder_id("accel"), 500'000_usd, 10_M, year{2024} / 3 / 1))
            .convert(safe::post_money_mfn(holder_id("friend"), 100'000_usd, year{2024} / 5 / 1))
            .convert(safe::post_money_cap_and_discount(holder_id("angel"), 250'000_usd, 8_M, fraction(1, 5),
                                                       year{2024} / 6 / 15))
            .convert(bridge)
            .apply_to(seed);
    std::cout << a << '\n';

    // The post-money SAFE's promise: purchase amount / cap of the company capitalization, exactly
    // before its shares are rounded.
    for (const instrument_conversion& c : a.conversions()) {
        if (c.kind != instrument_kind::safe) continue;
        std::cout << a.after().find_holder(c.holder).name() << ": " << format_full(c.amount) << " / "
                  << format_full(*c.valuation_cap) << " = " << fraction(c.amount.units(), c.valuation_cap->units()).to_percent_string(4)
                  << " of the company capitalization; exact shares " << c.exact_shares.to_decimal_string(4) << ", issued "
                  << c.shares << '\n';
    }
    std::cout << "Bridge note: " << format_full(a.note_conversion(0).principal) << " + interest "
              << format_full(a.note_conversion(0).interest) << " converts at "
              << a.note_conversion(0).conversion_price.to_string() << " ("
              << to_string(a.note_conversion(0).basis) << ")\n";
    return 0;
}
