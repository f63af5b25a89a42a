// A downstream program, built against fundround the way users build against it (see
// tests/consumers/CMakeLists.txt): from an installed prefix with find_package, with
// add_subdirectory, and with FetchContent. It builds the reference round and exits non-zero
// unless the figures are the exact ones.
#include <fundround/fundround.hpp>

#include <exception>
#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    try {
        const funding_round round =
            round_builder("Reference round, 2026")
                .pre_money(730_B)
                .close_date(year{2026} / 2 / 27)
                .invest(investor::strategic("Amazon"), 50_B,
                        {tranche::at_close(15_B), tranche::when(35_B, milestone("certain conditions"))})
                .invest(investor::strategic("Nvidia"), 30_B)
                .invest(investor::financial("SoftBank"), 30_B)
                .build();

        int failures = 0;
        if (round.post_money() != 840_B) {
            std::cerr << "consumer: post-money is " << round.post_money() << ", expected $840B\n";
            ++failures;
        }
        if (round.ownership("Amazon") != fraction(5, 84)) {
            std::cerr << "consumer: Amazon owns " << round.ownership("Amazon") << ", expected 5/84\n";
            ++failures;
        }
        std::cout << "consumer (fundround " << FUNDROUND_VERSION_MAJOR << '.' << FUNDROUND_VERSION_MINOR
                  << '.' << FUNDROUND_VERSION_PATCH << "): post-money " << round.post_money()
                  << ", Amazon owns " << round.ownership("Amazon") << '\n';
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "consumer: " << e.what() << '\n';
        return 1;
    }
}
