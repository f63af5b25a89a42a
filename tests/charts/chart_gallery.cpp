// Writes every chart of the examples as SVG: the reference round's disbursement schedule, its
// payments and ownership over time when the conditions are met, its money flowing both ways with
// Amazon by year, the seed-to-Series-B chain's ownership round by round, the payouts at an exit
// of the Series A/B/C company and of the reference round (the docs/images/ set), and, unless
// --docs, a gallery of the other chart kinds the render test also draws.
//
//   chart_gallery <output directory> [--docs]
//
// Regenerate docs/images/ from the source root (after building the target chart_gallery):
//   ./build/dev/tests/chart_gallery docs/images --docs
//
// The reference round is built as in examples/reference_deal.cpp, with the same assumptions
// A1-A8 (the report gives no dates and no payment schedule for the cloud contracts). The payout
// charts are those of examples/series_abc_waterfall.cpp and examples/reference_waterfall.cpp
// (the latter with its ASSUMED cap table and preference stack).
#include <fundround/fundround.hpp>
#include <fundround/io/chain_chart.hpp>
#include <fundround/io/flows_chart.hpp>
#include <fundround/io/round_charts.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/io/waterfall_chart.hpp>

#include "support/series_abc.hpp"
#include "support/crowded_charts.hpp"

#include <fstream>
#include <iostream>
#include <string>

namespace {

using namespace fundround;
using namespace fundround::literals;

bool write(const std::string& dir, const std::string& name, const chart& c) {
    const std::string path = dir + "/" + name + ".svg";
    std::ofstream out(path, std::ios::binary);
    out << to_svg(c);
    out.close();
    if (!out) {
        std::cerr << "chart_gallery: cannot write " << path << '\n';
        return false;
    }
    std::cout << path << '\n';
    return true;
}

funding_round reference_round() {
    return round_builder("Reference round, 2026")
        .pre_money(730_B)
        .prior_mark(500_B, "secondary sale, October 2025")
        .prior_round(40_B, "the previous year's round")
        .close_date(year{2026} / 2 / 27)  // A1
        .invest(investor::strategic("Amazon"), 50_B,
                {tranche::at_close(15_B).labelled("first"),
                 tranche::when(35_B, milestone("certain conditions")).labelled("second")})  // A3
        .invest(investor::strategic("Nvidia"), 30_B)     // A2
        .invest(investor::financial("SoftBank"), 30_B)  // A2, A4
        .build();
}

round_chain_result seed_to_series_b() {  // examples/seed_to_series_b.cpp
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
    return round_chain(founding)
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
}

waterfall series_abc_waterfall() {  // examples/series_abc_waterfall.cpp
    return waterfall::build(fundround_test::series_abc().final_table());
}

waterfall reference_waterfall(const funding_round& round) {  // examples/reference_waterfall.cpp (ASSUMED terms)
    liquidation_terms series_2025;
    liquidation_terms series_2026;
    series_2026.seniority = 1;
    const cap_table before =
        cap_table_builder()
            .add(holder(holder_id("common"), "Common holders (assumed, as one)"))
            .add(holder(holder_id("prior"), "2025 investors (assumed, as one)"))
            .add(share_class::common("Common"))
            .add(share_class::preferred("Series 2025 Preferred", price_per_share(40_B, share_count(100'000'000)),
                                        series_2025))
            .holding(holder_id("common"), "Common", share_count(900'000'000))
            .holding(holder_id("prior"), "Series 2025 Preferred", share_count(100'000'000))
            .build();
    const round_on_cap_table after = cap_table_round(priced_terms_of(round), "Series 2026 Preferred", series_2026)
                                         .add_investor(holder::investor("Amazon", "Amazon"))
                                         .add_investor(holder::investor("Nvidia", "Nvidia"))
                                         .add_investor(holder::investor("SoftBank", "SoftBank"))
                                         .apply_to(before);
    return waterfall::build(after.after());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && std::string(argv[2]) != "--docs")) {
        std::cerr << "usage: chart_gallery <output directory> [--docs]\n";
        return 2;
    }
    const std::string dir = argv[1];
    const bool docs_only = argc == 3;
    bool ok = true;

    // The reference round (docs/images/).
    const funding_round round = reference_round();
    const scenario_result met =
        scenario("conditions met (A5)").achieve("certain conditions", year{2026} / 9 / 30).apply_to(round);
    schedule_chart_options schedule_options;
    schedule_options.note = "Assumed (A1-A3): close on 2026-02-27; Nvidia and SoftBank in full at close; "
                            "Amazon's $35B waits on \"certain conditions\".";
    ok = write(dir, "reference_schedule", schedule_chart(round, schedule_options)) && ok;

    chart payments = payments_chart(met.timeline(), "Reference round: payments if the conditions are met");
    payments.note = "Assumed (A1-A5): close on 2026-02-27; the conditions are met on 2026-09-30.";
    ok = write(dir, "reference_payments", payments) && ok;

    timeline_ownership_options investors_only;
    investors_only.title = "Reference round: the new investors' ownership if the conditions are met";
    investors_only.existing_holders = false;
    chart ownership = ownership_chart(met.timeline(), year{2026} / 1 / 1, year{2026} / 12 / 31, investors_only);
    const round_timeline& world = met.timeline();
    ownership.subtitle = "Funded money / post-money on each day (the existing holders: " +
                         world.existing_holders_ownership(year{2026} / 1 / 1).to_percent_string(2) + " -> " +
                         world.existing_holders_ownership(round.close_date()).to_percent_string(2) + " -> " +
                         world.existing_holders_ownership(year{2026} / 12 / 31).to_percent_string(2) + ")";
    ownership.note = "Assumed (A1-A5): close on 2026-02-27; the conditions are met on 2026-09-30.";
    ok = write(dir, "reference_ownership", ownership) && ok;

    const counter_commitment growth = counter_commitment::from_installments(
        "AWS cloud contract growth", "Amazon", installments(100_B, year{2026} / 12 / 31, 8, frequency::yearly));
    const counter_commitment existing = counter_commitment::from_installments(
        "AWS cloud contract (existing)", "Amazon", installments(38_B, year{2026} / 12 / 31, 8, frequency::yearly));
    const net_flows amazon("Amazon", equity_flows(met.timeline(), "Amazon"), {growth, existing});
    chart flows = net_flows_chart(amazon, "Company <-> Amazon: money in and out by year");
    flows.note = "Assumed (A5, A7, A8): conditions met on 2026-09-30; cloud commitments of $100B + $38B "
                 "paid evenly each 31 December, 2026-2033.";
    ok = write(dir, "reference_net_flows", flows) && ok;

    timeline_ownership_options everyone;
    everyone.title = "Reference round: ownership over time if the conditions are met";
    chart ownership_all = ownership_chart(met.timeline(), year{2026} / 1 / 1, year{2026} / 12 / 31, everyone);
    ownership_all.note = ownership.note;
    ok = write(dir, "reference_ownership_all", ownership_all) && ok;

    ok = write(dir, "seed_to_series_b_ownership", ownership_chart(seed_to_series_b())) && ok;

    // Payouts at an exit (examples/series_abc_waterfall.cpp, examples/reference_waterfall.cpp).
    const waterfall abc = series_abc_waterfall();
    const payout_curve abc_curve = abc.curve();
    payout_chart_options by_class;
    by_class.title = "Series A/B/C company: payout by class";
    ok = write(dir, "series_abc_payout", payout_chart(abc, abc_curve, 300_M, by_class)) && ok;
    payout_chart_options by_holder;
    by_holder.title = "Series A/B/C company: payout by holder, stacked";
    by_holder.by = payout_chart_by::holder;
    by_holder.style = series_style::stacked_area;
    by_holder.markers = payout_marker_labels::none;
    ok = write(dir, "series_abc_payout_by_holder", payout_chart(abc, abc_curve, 300_M, by_holder)) && ok;
    payout_chart_options reference_options;
    reference_options.title = "Reference round at an exit: payout by class (assumed preferences)";
    reference_options.note = "ASSUMED: 900M common + 100M Series 2025 Preferred ($40B, 1x non-participating); "
                             "Series 2026 1x non-participating, senior.";
    ok = write(dir, "reference_waterfall", payout_chart(reference_waterfall(round), 1_T, reference_options)) && ok;
    if (docs_only) return ok ? 0 : 1;

    // The other kinds, for the render test: the schedule by status per year, grouped bars,
    // stacked areas with breakpoints, other currencies, texts that need escaping.
    schedule_chart_options by_status;
    by_status.period = chart_period::by_year;
    by_status.stack = schedule_stack::by_status;
    ok = write(dir, "gallery_schedule_by_status", schedule_chart(round, by_status)) && ok;

    chart grouped;
    grouped.title = "Money in and out by year (grouped)";
    grouped.x_axis = category_axis("Year");
    grouped.y_axis = money_axis("Amount", currencies::usd);
    grouped.label_bars = true;
    bar_series in{"Money in", {}, ""};
    bar_series out{"Money out", {}, ""};
    for (const flow_year& y : amazon.by_year()) {
        grouped.categories.push_back(std::to_string(y.year));
        in.values.emplace_back(y.money_in);
        out.values.emplace_back(y.money_out);
    }
    grouped.bars = {in, out};
    ok = write(dir, "gallery_grouped_bars", grouped) && ok;

    // A piecewise-linear split of an exit value between two classes and common (a hand-made
    // function for drawing, not a waterfall result): stacked areas that add up to the exit value.
    chart areas;
    areas.title = "Stacked areas: <Series A> & \"Common\" by exit value";
    areas.subtitle = "Hand-made piecewise-linear split, for the renderer (not a waterfall result)";
    areas.x_axis = money_axis("Exit value", currencies::eur);
    areas.y_axis = money_axis("Proceeds", currencies::eur);
    line_series a{"Series A", {}, series_style::stacked_area, true, ""};
    a.add(money::from_major(0, currencies::eur), money::from_major(0, currencies::eur))
        .add(money::from_major(20'000'000, currencies::eur), money::from_major(20'000'000, currencies::eur))
        .add(money::from_major(80'000'000, currencies::eur), money::from_major(20'000'000, currencies::eur))
        .add(money::from_major(250'000'000, currencies::eur), money::from_major(62'500'000, currencies::eur));
    line_series common{"Common", {}, series_style::stacked_area, true, ""};
    common.add(money::from_major(0, currencies::eur), money::from_major(0, currencies::eur))
        .add(money::from_major(80'000'000, currencies::eur), money::from_major(60'000'000, currencies::eur))
        .add(money::from_major(250'000'000, currencies::eur), money::from_major(187'500'000, currencies::eur));
    areas.lines = {a, common};
    areas.markers = {{money::from_major(20'000'000, currencies::eur), "Preference paid in full"},
                     {money::from_major(80'000'000, currencies::eur), "Series A converts"}};
    ok = write(dir, "gallery_stacked_areas", areas) && ok;

    chart chf;
    chf.title = "A CHF line with a step";
    chf.x_axis = date_axis("Date");
    chf.y_axis = money_axis("Balance", currencies::chf);
    line_series balance{"Balance", {}, series_style::step, true, ""};
    balance.add(chart_value::date(2025, 11, 15), money::from_major(250'000, currencies::chf))
        .add(chart_value::date(2026, 3, 1), money::from_major(1'500'000, currencies::chf))
        .add(chart_value::date(2027, 6, 30), money::from_major(900'000, currencies::chf));
    chf.lines = {balance};
    ok = write(dir, "gallery_chf_steps", chf) && ok;

    // Many series and long category names: palette colours then dashes, a wrapped legend, x
    // labels turned 45 degrees, end labels pushed apart (values made up for the renderer).
    chart many;
    many.title = "Ten series over fourteen long category names (made-up values, for the renderer)";
    many.x_axis = category_axis("Quarter");
    many.y_axis = percent_axis("Share");
    for (int q = 0; q < 14; ++q) {
        many.categories.push_back("Quarter " + std::to_string(q % 4 + 1) + " of " + std::to_string(2026 + q / 4));
    }
    for (int i = 0; i < 10; ++i) {
        line_series s{"Series number " + std::to_string(i + 1)};
        s.style = i % 2 == 0 ? series_style::step : series_style::line;
        s.label_end = true;
        for (int q = 0; q <= 14; ++q) s.add(q, fraction((i * 7 + q * 3) % 23 + 1, 100));
        many.lines.push_back(std::move(s));
    }
    ok = write(dir, "gallery_many_series", many) && ok;

    // Crowded texts (tests/support/crowded_charts.hpp): wrapped, shortened, merged, turned.
    for (const auto& [name, c] : fundround_test::crowded_charts()) ok = write(dir, name, c) && ok;
    return ok ? 0 : 1;
}
