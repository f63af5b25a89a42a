// A company from founding to Series B (our example): two founders and a 1M-share option plan;
// a seed of $2M on $8M pre-money with a 10% pool in the pre-money; a Series A of $10M on $30M
// pre-money (the seed fund follows on with $1M) with a 15% pool in the pre-money; a Series B of
// $30M on $120M pre-money with a 15% pool in the post-money. Every price is rounded to $0.0001
// (half-even), every investor's shares down, every pool increase up. Then the seed fund's pro-rata
// right in the Series A (what keeps its percentage: its share of every fully diluted share the
// round adds, pool top-up included) and the Series A with that right not used, used as in the
// chain ($1M) and used in full, the round's $10M fixed (Lead A takes the rest).
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/pro_rata.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/core.hpp>
#include <fundround/io/pricing_report.hpp>

#include <iostream>
#include <string>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const cap_table founding = cap_table_builder()
                                   .add(holder::founder("ada", "Ada"))
                                   .add(holder::founder("bob", "Bob"))
                                   .add(share_class::common("Common"))
                                   .add(option_pool{"Plan", "Common", share_count(1'000'000)})
                                   .holding(holder_id("ada"), "Common", share_count(6'000'000))
                                   .holding(holder_id("bob"), "Common", share_count(3'000'000))
                                   .build();

    const auto terms = [](const char* name, money pre) {
        return priced_round_terms(name).pre_money(pre).price_rounded(4, rounding::half_even);
    };
    const round_chain_result history =
        round_chain(founding)
            .then(cap_table_round(terms("Seed", 8_M).invest("seed", 2_M).option_pool(fraction(1, 10),
                                                                                   pool_placement::pre_money),
                                  "Seed Preferred")
                      .add_investor(holder::investor("seed", "Seed Fund"))
                      .top_up_pool("Plan"))
            .then(cap_table_round(terms("Series A", 30_M)
                                      .invest("lead-a", 9_M)
                                      .invest("seed", 1_M)
                                      .option_pool(fraction(15, 100), pool_placement::pre_money),
                                  "Series A Preferred")
                      .add_investor(holder::investor("lead-a", "Lead A"))
                      .top_up_pool("Plan"))
            .then(cap_table_round(terms("Series B", 120_M).invest("growth", 30_M).option_pool(
                                      fraction(15, 100), pool_placement::post_money),
                                  "Series B Preferred")
                      .add_investor(holder::investor("growth", "Growth Fund"))
                      .top_up_pool("Plan"))
            .run();

    for (const round_on_cap_table& r : history.rounds()) {
        print_priced_round(std::cout, r.pricing());
        std::cout << '\n';
    }
    print_round_chain(std::cout, history);

    // Pro-rata: the seed fund's right in the Series A, on the table the seed left.
    const round_on_cap_table& seed = history.rounds()[0];
    const round_on_cap_table& series_a = history.rounds()[1];
    const share_count added = series_a.pricing().post_money_shares() - series_a.pricing().pre_round().fully_diluted;
    const pro_rata_entitlement right =
        pro_rata_rights(seed.after(), {holder_id("seed")}, added, series_a.basis()).entitlements()[0];
    const money right_cost = series_a.pricing().price().cost_of(right.shares, rounding::ceiling);
    std::cout << "\nPro-rata in the Series A: the round adds " << added << " fully diluted; the Seed Fund holds "
              << right.ownership.to_percent_string(4) << " and may buy " << right.shares << " for "
              << format_full(right_cost) << " at " << series_a.pricing().price() << '\n';
    const auto series_a_with = [&](money from_seed) {
        priced_round_terms t = terms("Series A", 30_M).invest("lead-a", 10_M - from_seed);
        if (from_seed.units() > 0) t.invest("seed", from_seed);
        return cap_table_round(t.option_pool(fraction(15, 100), pool_placement::pre_money), "Series A Preferred")
            .add_investor(holder::investor("lead-a", "Lead A"))
            .top_up_pool("Plan")
            .apply_to(seed.after());
    };
    for (const money from_seed : {money::from_units(0), 1_M, right_cost}) {
        const round_on_cap_table a = series_a_with(from_seed);
        const holder_change& s = a.change_of(holder_id("seed"));
        std::cout << "  Seed Fund invests " << format_full(from_seed) << ": " << s.after << ", "
                  << s.ownership_after.to_percent_string(4) << " after the Series A (Lead A "
                  << a.change_of(holder_id("lead-a")).ownership_after.to_percent_string(4) << ", price "
                  << a.pricing().price() << ")\n";
    }
}
