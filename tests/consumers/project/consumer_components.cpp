// The optional components, built against fundround the way users build against them: a deal file
// read with fundround::json (nlohmann/json) and amounts printed with fundround::fmt ({fmt}). It
// exits non-zero unless the figures are the exact ones and the file writes back equal.
#include <fundround/io/fmt.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/numeric/literals.hpp>

#include <fmt/core.h>

#include <exception>
#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    try {
        const deal_file deal = parse_deal_file(R"({
          "fundround_deal": 1,
          "rounds": [ {
            "name": "Reference round, 2026", "currency": "USD", "pre_money": "$730B",
            "close_date": "2026-02-27",
            "investors": [
              { "name": "Amazon", "kind": "strategic", "commitment": "$50B",
                "tranches": [ { "amount": "$15B" },
                              { "amount": "$35B", "condition": { "kind": "milestone", "name": "certain conditions" } } ] },
              { "name": "Nvidia", "kind": "strategic", "commitment": "$30B" },
              { "name": "SoftBank", "kind": "financial", "commitment": "$30B" } ] } ] })");
        const funding_round& round = deal.rounds.at(0);
        int failures = 0;
        if (round.post_money() != 840_B || round.ownership("Amazon") != fraction(5, 84)) {
            std::cerr << "consumer_components: post-money " << round.post_money() << ", Amazon owns "
                      << round.ownership("Amazon") << "; expected $840B and 5/84\n";
            ++failures;
        }
        if (!(parse_deal_file(write_deal_file(deal)).rounds.at(0).post_money() == round.post_money())) {
            std::cerr << "consumer_components: the deal file does not read back equal\n";
            ++failures;
        }
        fmt::print("consumer_components: post-money {:c}, Amazon owns {}\n", round.post_money(),
                   round.ownership("Amazon").to_string());
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "consumer_components: " << e.what() << '\n';
        return 1;
    }
}
