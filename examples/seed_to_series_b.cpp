// A company from founding to Series B (our example): two founders and a 1M-share option plan;
// a seed of $2M on $8M pre-money with a 10% pool in the pre-money; a Series A of $10M on $30M
// pre-money (the seed fund follows on with $1M) with a 15% pool in the pre-money; a Series B of
// $30M on $120M pre-money with a 15% pool in the post-money. Every price is rounded to $0.0001
// (half-even), every investor's shares down, every pool increase up.
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/core.hpp>
#include <fundround/io/pricing_report.hpp>

#include <iostream>

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
}
