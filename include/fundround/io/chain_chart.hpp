/// @file io/chain_chart.hpp
/// @brief The chart of a chain of rounds (company/cap_table_round.hpp): each holder's fully
/// diluted ownership at the start and after each round or issue of shares between rounds, as
/// steps (io/chart.hpp, io/svg_chart.hpp).
#ifndef FUNDROUND_IO_CHAIN_CHART_HPP
#define FUNDROUND_IO_CHAIN_CHART_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/numeric/fraction.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Each holder's fully diluted ownership over @p chain as steps on a category axis ("Start",
/// "After Seed", ...; an issue of shares between rounds is a band of its own, "After Strategic
/// sale", labelled by round_chain_result::steps()): one level per band, from the first band in
/// which the holder holds shares (so investors start at the step they join), then the
/// unallocated pool, each labelled with its last value. Titled "Fully diluted ownership, round
/// by round" ("..., step by step" when the chain has issues of shares between rounds) unless
/// @p title is given; the subtitle names the basis.
[[nodiscard]] inline chart ownership_chart(const round_chain_result& chain, std::string title = {}) {
    chart out;
    if (title.empty()) {
        title = chain.issuances().empty() ? "Fully diluted ownership, round by round" : "Fully diluted ownership, step by step";
    }
    out.title = std::move(title);
    out.subtitle = "Fully diluted: " + chain.basis().to_string();
    out.x_axis = category_axis("");
    out.y_axis = percent_axis("Ownership");
    const std::vector<chain_step>& steps = chain.steps();
    out.categories.push_back("Start");
    for (const chain_step& s : steps) out.categories.push_back("After " + s.label);
    const auto n = static_cast<std::int64_t>(out.categories.size());
    const auto add_steps = [&](std::string name, const std::vector<fraction>& owns, const std::vector<bool>& held) {
        line_series s{std::move(name), {}, series_style::step, false, {}, true};
        for (std::size_t k = 0; k < owns.size(); ++k) {
            if (held[k]) s.add(static_cast<std::int64_t>(k), owns[k]);
        }
        if (s.points.empty()) return;
        s.add(n, owns.back());
        out.lines.push_back(std::move(s));
    };
    for (const holder& h : chain.final_table().holders()) {
        const std::vector<share_count> shares = chain.shares_history(h.id());
        std::vector<bool> held(shares.size());
        bool joined = false;
        for (std::size_t k = 0; k < shares.size(); ++k) {
            joined = joined || shares[k].value() != 0;
            held[k] = joined;
        }
        add_steps(h.name(), chain.ownership_history(h.id()), held);
    }
    std::vector<fraction> pool;
    for (std::size_t i = 0; i <= steps.size(); ++i) {
        const cap_table& table = i == 0 ? chain.start() : chain.after_step(i - 1);
        const fully_diluted_counts c = table.fully_diluted(chain.basis());
        pool.push_back(fraction(c.unallocated_pool().value(), c.total().value()));
    }
    bool any_pool = false;
    for (const fraction& f : pool) any_pool = any_pool || !f.is_zero();
    if (any_pool) add_steps("Unallocated pool", pool, std::vector<bool>(pool.size(), true));
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_CHAIN_CHART_HPP
