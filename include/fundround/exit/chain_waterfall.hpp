/// @file exit/chain_waterfall.hpp
/// @brief The liquidation waterfall over a chain of rounds (company/cap_table_round.hpp): what a
/// group of holders (the founders, say) would receive at chosen exit values on the cap table at
/// the start and after each round, to see what each round's terms do to their payout.
#ifndef FUNDROUND_EXIT_CHAIN_WATERFALL_HPP
#define FUNDROUND_EXIT_CHAIN_WATERFALL_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/numeric/money.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// A group of holders' payouts at the same exit values on each cap table of a chain of rounds.
struct chain_payouts {
    std::vector<holder_id> holders;    ///< The group (each on the chain's final table).
    std::vector<money> exit_values;    ///< The exit values, in the order given.
    /// "Start", then per step of the chain (round_chain_result::steps()): "After <series>" for a
    /// round, "After <issue name>" for an issue of shares between rounds (a stage of its own); a
    /// label another stage has too gets " (step s)", s its index in steps(), as the chain's
    /// tables name their columns.
    std::vector<std::string> stages;
    /// payouts[s][e]: the group's net payout (added up over its holders) on stage s's cap table
    /// at exit_values[e]; a holder not yet on a table receives nothing there.
    std::vector<std::vector<money>> payouts;
    /// True if a stage is an issue of shares between rounds (print_payouts_by_round()'s default
    /// title then says "each step", not "each round").
    bool has_issuances = false;
};

/// The waterfall (with @p terms) on @p chain's starting cap table and after each step (each
/// round, and each issue of shares between rounds; the last stage is on final_table()), at each of @p exit_values,
/// added up for @p holders (the founders, say). Throws validation_error listing every holder
/// not on the final table or named twice, an empty group; every bad exit value as
/// waterfall::at() does.
[[nodiscard]] inline chain_payouts payouts_by_round(const round_chain_result& chain, const std::vector<holder_id>& holders,
                                                    const std::vector<money>& exit_values,
                                                    const waterfall_terms& terms = {}) {
    std::vector<diagnostic> problems;
    if (holders.empty()) problems.push_back({field_path("holders"), "", "must name at least one holder"});
    for (std::size_t i = 0; i < holders.size(); ++i) {
        if (!chain.final_table().holder_index(holders[i])) {
            problems.push_back({field_path("holders").index(i), holders[i].str(),
                                "must be a holder on the chain's final cap table"});
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (holders[j] == holders[i]) {
                problems.push_back({field_path("holders").index(i), holders[i].str(),
                                    "must not repeat holders[" + std::to_string(j) + "]"});
                break;
            }
        }
    }
    if (!problems.empty()) throw validation_error("payouts_by_round", std::move(problems));

    chain_payouts out;
    out.holders = holders;
    out.exit_values = exit_values;
    const std::vector<chain_step>& steps = chain.steps();
    for (std::size_t s = 0; s <= steps.size(); ++s) {
        const cap_table& table = s == 0 ? chain.start() : chain.after_step(s - 1);
        const chain_step* step = s == 0 ? nullptr : &steps[s - 1];
        out.stages.push_back(step == nullptr                           ? std::string("Start")
                             : step->kind == chain_step_kind::round ? "After " + chain.rounds()[step->index].series()
                                                                    : "After " + step->label);
        const waterfall w = waterfall::build(table, terms);
        const std::vector<waterfall_payout> at = w.at(exit_values);
        std::vector<money> row;
        for (const waterfall_payout& p : at) {
            money sum = money::from_units(0, w.currency());
            for (std::size_t h = 0; h < w.holders().size(); ++h) {
                for (const holder_id& id : holders) {
                    if (w.holders()[h] == id) sum = sum + p.by_holder[h];
                }
            }
            row.push_back(sum);
        }
        out.payouts.push_back(std::move(row));
    }
    out.has_issuances = !chain.issuances().empty();
    // Alike labels (a series two rounds share, an issue named as a round's series, two unnamed
    // issues to one holder) get their step, until no two stages share one: a label with its step
    // differs from every other such label, so each pass suffixes a stage or ends.
    std::vector<bool> suffixed(out.stages.size(), false);
    for (bool changed = true; changed;) {
        changed = false;
        std::vector<bool> alike(out.stages.size(), false);
        for (std::size_t a = 1; a < out.stages.size(); ++a) {
            for (std::size_t b = a + 1; b < out.stages.size(); ++b) {
                if (out.stages[a] == out.stages[b]) alike[a] = alike[b] = true;
            }
        }
        for (std::size_t a = 1; a < out.stages.size(); ++a) {
            if (!alike[a] || suffixed[a]) continue;
            out.stages[a] += " (step " + std::to_string(a - 1) + ")";
            suffixed[a] = true;
            changed = true;
        }
    }
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_EXIT_CHAIN_WATERFALL_HPP
