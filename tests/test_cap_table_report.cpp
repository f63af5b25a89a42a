// The printed cap table: by holder and by class, shares, fully diluted percentages with the exact
// fractions beside them, totals and the basis named; a before/after change side by side.
#include <fundround/io/cap_table_report.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/share_valuation.hpp>
#include <fundround/numeric/literals.hpp>

#include "support/seed_to_series_a.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_cap_table_report {

using namespace fundround;
using namespace fundround::literals;

namespace {

share_count sh(std::int64_t n) { return share_count(n); }

// @p text with every run of spaces made one space (to find a row without its column widths).
std::string collapsed(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
    }
    return out;
}

// 1984.vc founders handbook, "Cap Table 101": two founders with 1M shares each; a VC invests $2M
// at $8M pre-money, $4.00 a share, for 500,000 shares (20% of 2.5M). A 250,000-share pool with
// 50,000 granted is added here (not in the source) to show the pool rows.
cap_table seed_before() {
    return cap_table_builder()
        .add(holder::founder("a", "Founder A"))
        .add(holder::founder("b", "Founder B"))
        .add(holder::employee("e", "Employee"))
        .add(share_class::common("Common"))
        .add(option_pool{"Plan", "Common", sh(250'000)})
        .holding(holder_id("a"), "Common", sh(1'000'000))
        .holding(holder_id("b"), "Common", sh(1'000'000))
        .grant({holder_id("e"), "Plan", sh(50'000), price_per_share(money::from_units(1), sh(10))})
        .build();
}

cap_table seed_after() {
    return cap_table_builder(seed_before())
        .add(holder::investor("vc", "Seed VC"))
        .add(share_class::preferred("Seed Preferred", price_per_share(8_M, sh(2'000'000))))
        .issue(holder_id("vc"), "Seed Preferred", sh(500'000))
        .build();
}

}  // namespace

TEST_CASE("print_cap_table: by holder and by class, exact fractions beside rounded percentages") {
    // After the seed: 2M common + 500,000 preferred issued, 50,000 options, 200,000 unallocated:
    // 2,750,000 fully diluted; each founder 1M / 2.75M = 4/11, the VC 2/11.
    const std::string expected =
        "Cap table (USD), fully diluted basis \"full\": issued + granted options + unallocated pool + warrants\n"
        "\n"
        "By holder\n"
        "  Holder             Kind         Issued  Options  Warrants  Fully diluted  Ownership  Exact\n"
        "  Founder A          founder   1,000,000        0         0      1,000,000   36.3636%   4/11\n"
        "  Founder B          founder   1,000,000        0         0      1,000,000   36.3636%   4/11\n"
        "  Employee           employee          0   50,000         0         50,000    1.8182%   1/55\n"
        "  Seed VC            investor    500,000        0         0        500,000   18.1818%   2/11\n"
        "  Unallocated: Plan  pool                                          200,000    7.2727%   4/55\n"
        "  Total                        2,500,000   50,000         0      2,750,000  100.0000%      1\n"
        "\n"
        "By class\n"
        "  Class           Kind          Issued  Conversion ratio  Fully diluted  Ownership  Exact\n"
        "  Common          common     2,000,000                 1      2,250,000   81.8182%   9/11\n"
        "  Seed Preferred  preferred    500,000                 1        500,000   18.1818%   2/11\n"
        "  Total                      2,500,000                        2,750,000  100.0000%      1\n";
    CHECK(cap_table_text(seed_after()) == expected);
    std::ostringstream os;
    os << seed_after();
    CHECK(os.str() == expected);
}

TEST_CASE("print_cap_table: with a conversion ratio other than 1, a line says which Issued column is as converted") {
    // The seed's preferred converting 2 for 1 (after a 2-for-1 split of common, say): the VC's
    // 500,000 preferred count 1,000,000 by holder, 500,000 by class.
    const cap_table t = cap_table_builder(seed_before())
                            .add(holder::investor("vc", "Seed VC"))
                            .add(share_class::preferred("Seed Preferred", price_per_share(8_M, sh(2'000'000))).with_conversion_ratio(fraction(2)))
                            .issue(holder_id("vc"), "Seed Preferred", sh(500'000))
                            .build();
    const std::string text = collapsed(cap_table_text(t));
    CHECK(text.find(" Seed VC investor 1,000,000 0 0 1,000,000 ") != std::string::npos);
    CHECK(text.find(" Seed Preferred preferred 500,000 2 1,000,000 ") != std::string::npos);
    CHECK(text.find(" Total 3,000,000 50,000 0 3,250,000 100.0000% 1\n Issued by holder counts preferred as converted (at its "
                    "class's conversion ratio); by class, each class's own shares.\n\nBy class\n") != std::string::npos);
    // At ratio 1 the columns agree and no line is printed (the test above pins the whole text).
    CHECK(cap_table_text(seed_after()).find("as converted") == std::string::npos);
}

TEST_CASE("print_cap_table: another basis drops its columns and rows, and says so") {
    cap_table_report_options opt;
    opt.basis = fully_diluted_basis::outstanding();
    opt.percent_decimals = 1;
    CHECK(cap_table_text(seed_after(), opt) ==
          "Cap table (USD), fully diluted basis \"outstanding\": issued\n"
          "\n"
          "By holder\n"
          "  Holder     Kind         Issued  Fully diluted  Ownership  Exact\n"
          "  Founder A  founder   1,000,000      1,000,000      40.0%    2/5\n"
          "  Founder B  founder   1,000,000      1,000,000      40.0%    2/5\n"
          "  Employee   employee          0              0       0.0%      0\n"
          "  Seed VC    investor    500,000        500,000      20.0%    1/5\n"
          "  Total                2,500,000      2,500,000     100.0%      1\n"
          "\n"
          "By class\n"
          "  Class           Kind          Issued  Conversion ratio  Fully diluted  Ownership  Exact\n"
          "  Common          common     2,000,000                 1      2,000,000      80.0%    4/5\n"
          "  Seed Preferred  preferred    500,000                 1        500,000      20.0%    1/5\n"
          "  Total                      2,500,000                        2,500,000     100.0%      1\n");
    opt.percent_decimals = 61;
    CHECK_THROWS_AS((void)cap_table_text(seed_after(), opt), validation_error);
}

TEST_CASE("print_cap_table_change: before and after side by side, by holder and by class") {
    // Before: 2,250,000 fully diluted (founders 4/9 each). After the seed each founder has 4/11:
    // a change of 4/11 - 4/9 = -8/99 of the company; the VC gains 2/11; the total is unchanged at 1.
    // By class: Common without the pool (2M issued + 50,000 granted) 41/45 -> 41/55, a change of
    // -82/495; Seed Preferred is new (2/11 = 90/495); the pool 4/45 -> 4/55 (-8/495): 0 in all.
    CHECK(cap_table_change_text(seed_before(), seed_after(), {}, "Before seed", "After seed") ==
          "Before seed -> After seed, fully diluted basis \"full\": issued + granted options + unallocated pool + warrants\n"
          "\n"
          "By holder\n"
          "  Holder             Before seed          %  Exact  After seed          %  Exact     Change  Exact change\n"
          "  Founder A            1,000,000   44.4444%    4/9   1,000,000   36.3636%   4/11   -8.0808%         -8/99\n"
          "  Founder B            1,000,000   44.4444%    4/9   1,000,000   36.3636%   4/11   -8.0808%         -8/99\n"
          "  Employee                50,000    2.2222%   1/45      50,000    1.8182%   1/55   -0.4040%        -2/495\n"
          "  Seed VC                      0    0.0000%      0     500,000   18.1818%   2/11  +18.1818%          2/11\n"
          "  Unallocated: Plan      200,000    8.8889%   4/45     200,000    7.2727%   4/55   -1.6162%        -8/495\n"
          "  Total                2,250,000  100.0000%      1   2,750,000  100.0000%      1    0.0000%             0\n"
          "\n"
          "By class\n"
          "  Class              Kind       Before seed          %  Exact  After seed          %  Exact  Shares change     Change  Exact change\n"
          "  Common             common       2,050,000   91.1111%  41/45   2,050,000   74.5455%  41/55              0  -16.5657%       -82/495\n"
          "  Seed Preferred     preferred          new                       500,000   18.1818%   2/11       +500,000  +18.1818%          2/11\n"
          "  Unallocated: Plan  pool           200,000    8.8889%   4/45     200,000    7.2727%   4/55              0   -1.6162%        -8/495\n"
          "  Total                           2,250,000  100.0000%      1   2,750,000  100.0000%      1       +500,000    0.0000%             0\n");
    // Holders and pools only on the left show 0 on the right; a class only on the left is "removed".
    const std::string reverse = collapsed(cap_table_change_text(seed_after(), seed_before()));
    CHECK(reverse.find(" Seed VC 500,000 18.1818% 2/11 0 0.0000% 0 -18.1818% -2/11\n") != std::string::npos);
    CHECK(reverse.find(" Seed Preferred preferred 500,000 18.1818% 2/11 removed -500,000 -18.1818% -2/11\n") !=
          std::string::npos);
}

// Issue 10, "a cap table printed before and after a round (by holder and by class ...)": the
// by-class change of a Series A with a pool top-up and a new series (tests/support/
// seed_to_series_a.hpp works the figures: 2,750,000 -> 4,000,000 fully diluted at $4.00).
// Common without the pool 2,050,000: 41/55 -> 41/80 (-41/176); Seed Preferred 2/11 -> 1/8
// (-5/88); Series A Preferred new, 1/4; the pool 200,000 -> 450,000, 4/55 -> 9/80 (+7/176).
TEST_CASE("print_cap_table_change by class: seed -> Series A with a pool top-up and a new series") {
    const round_on_cap_table a = fundround_test::seed_to_series_a();
    const std::string text = cap_table_change_text(a.before(), a.after(), {}, "Seed", "Series A");
    const std::string by_class = text.substr(text.find("\nBy class\n"));
    CHECK(by_class ==
          "\nBy class\n"
          "  Class               Kind            Seed          %  Exact   Series A          %  Exact  Shares change     Change  Exact change\n"
          "  Common              common     2,050,000   74.5455%  41/55  2,050,000   51.2500%  41/80              0  -23.2955%       -41/176\n"
          "  Seed Preferred      preferred    500,000   18.1818%   2/11    500,000   12.5000%    1/8              0   -5.6818%         -5/88\n"
          "  Series A Preferred  preferred        new                    1,000,000   25.0000%    1/4     +1,000,000  +25.0000%           1/4\n"
          "  Unallocated: Plan   pool         200,000    7.2727%   4/55    450,000   11.2500%   9/80       +250,000   +3.9773%         7/176\n"
          "  Total                          2,750,000  100.0000%      1  4,000,000  100.0000%      1     +1,250,000    0.0000%             0\n");
    // The by-holder section comes first, as in print_cap_table, and is the table it printed alone.
    CHECK(text.find("\nBy holder\n  Holder ") != std::string::npos);
    CHECK(text.find("  A Fund                     0    0.0000%      0  1,000,000   25.0000%    1/4  +25.0000%           1/4\n") <
          text.find("\nBy class\n"));
    // The class rows are print_cap_table's "By class" figures with the pool on its own row: on
    // each side Common's fully diluted count there is Common here plus the pool.
    const std::string after_table = collapsed(cap_table_text(a.after()));
    CHECK(after_table.find(" Common common 2,000,000 1 2,500,000 62.5000% 5/8\n") != std::string::npos);
    // On the outstanding basis the pool rows go, and the classes hold only issued shares.
    cap_table_report_options outstanding;
    outstanding.basis = fully_diluted_basis::outstanding();
    const std::string issued = collapsed(cap_table_change_text(a.before(), a.after(), outstanding));
    CHECK(issued.find("Unallocated") == std::string::npos);
    CHECK(issued.find(" Common common 2,000,000 80.0000% 4/5 2,000,000 57.1429% 4/7 0 -22.8571% -8/35\n") !=
          std::string::npos);
    CHECK(issued.find(" Series A Preferred preferred new 1,000,000 28.5714% 2/7 +1,000,000 +28.5714% 2/7\n") !=
          std::string::npos);
}

// Issue 10 loose end: an empty table (and a table with no shares on the basis) printed a total
// of "0.0000%" with exact "0", as if nothing owned 0% of something. It now says the total is 0
// and shows ownership as n/a.
TEST_CASE("print_cap_table: an empty table says so; no 0% of nothing") {
    const cap_table empty = cap_table_builder().build();
    const std::string text = cap_table_text(empty);
    CHECK(text.find("The cap table is empty: the fully diluted total is 0 and ownership is undefined") !=
          std::string::npos);
    CHECK(text.find("0.0000%") == std::string::npos);
    CHECK(collapsed(text).find(" Total 0 0 0 0 n/a n/a\n") != std::string::npos);
    // Holders with options only, on the outstanding basis: no shares on that basis.
    const cap_table options_only = cap_table_builder()
                                       .add(holder::employee("e", "Employee"))
                                       .add(share_class::common("Common"))
                                       .add(option_pool{"Plan", "Common", sh(100)})
                                       .grant({holder_id("e"), "Plan", sh(100), price_per_share(money::from_units(1), sh(10))})
                                       .build();
    cap_table_report_options outstanding;
    outstanding.basis = fully_diluted_basis::outstanding();
    const std::string none = cap_table_text(options_only, outstanding);
    CHECK(none.find("The cap table has no shares on this basis") != std::string::npos);
    CHECK(collapsed(none).find(" Employee employee 0 0 n/a n/a\n") != std::string::npos);
    // A table with shares is unchanged: no such line.
    CHECK(cap_table_text(seed_before()).find("fully diluted total is 0") == std::string::npos);
}

TEST_CASE("print_share_valuations: one row each, exact prices, unstated dates as -") {
    // A 409A of common at $1.0532 (10,532 mills over 10 shares) adopted by the board, then one at
    // $1.25 with no approval dates stated.
    const std::vector<share_valuation> vs = {
        {"Common", price_per_share(money::from_units(10'532), sh(10)), year{2025} / 2 / 1, share_valuation_type::section_409a,
         "Appraisers LLP", year{2025} / 2 / 20, std::nullopt},
        {"Common", price_per_share(money::from_units(1'250), sh(1)), year{2026} / 1 / 15, share_valuation_type::section_409a, "",
         std::nullopt, std::nullopt}};
    std::ostringstream os;
    print_share_valuations(os, vs);
    CHECK(os.str() ==
          "Share valuations (2)\n"
          "  Class   Type  Price per share  Effective   Board approval  Stockholder approval  Provider\n"
          "  Common  409A          $1.0532  2025-02-01  2025-02-20      -                     Appraisers LLP\n"
          "  Common  409A          $1.2500  2026-01-15  -               -\n");
    std::ostringstream none;
    print_share_valuations(none, {});
    CHECK(none.str() == "No share valuations\n");
}

}  // namespace test_cap_table_report
