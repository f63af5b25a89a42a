// Conan test_package: builds the reference round against the packaged fundround, prints the
// post-money and Amazon's stake, and fails unless they are $840B and 5/84.
#include <fundround/fundround.hpp>

#include <iostream>

int main() {
    using namespace fundround;
    using namespace fundround::literals;

    const funding_round round =
        round_builder("Reference round, 2026")
            .pre_money(730_B)
            .close_date(year{2026} / 2 / 27)
            .invest(investor::strategic("Amazon"), 50_B,
                    {tranche::at_close(15_B), tranche::when(35_B, milestone("certain conditions"))})
            .invest(investor::strategic("Nvidia"), 30_B)
            .invest(investor::financial("SoftBank"), 30_B)
            .build();

    std::cout << "fundround " << FUNDROUND_VERSION_MAJOR << '.' << FUNDROUND_VERSION_MINOR << '.'
              << FUNDROUND_VERSION_PATCH << ": post-money " << round.post_money() << ", Amazon owns "
              << round.ownership("Amazon") << '\n';
    return round.post_money() == 840_B && round.ownership("Amazon") == fraction(5, 84) ? 0 : 1;
}
