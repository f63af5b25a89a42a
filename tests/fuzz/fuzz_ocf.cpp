// libFuzzer target: arbitrary bytes to the OCF reader in its merged form ({"Manifest.ocf.json":
// {...}, "Stakeholders.ocf.json": {...}, ...}, fundround/json/ocf.hpp), with two invariants:
// - an import re-exports and re-imports equal (cap table, SAFEs, notes), and the second export
//   is the first; where a price has more than the 10 decimals an OCF Numeric writes (a split
//   divides exercise and issue prices exactly: $5 / 22), the export writes it rounded and says
//   so in left_out, and the re-import is equal but for those prices, which it holds exactly;
// - a rejected input is a json_error whose every problem has a rule and a JSON pointer into the
//   input: the root only when the input is not a JSON object, else one starting with a file of
//   the package (or the missing manifest's name).
// Any other exception, or a broken invariant, aborts (libFuzzer saves the input as a crash).
//
// A custom mutator changes JSON inputs as JSON (a value's text, a copy of another value, a member
// removed, an element duplicated), so that most inputs stay packages the reader imports.
//
// Built twice (tests/fuzz/CMakeLists.txt): as the libFuzzer target fuzz_ocf (clang), and with
// FUNDROUND_FUZZ_OCF_REPLAY as fuzz_ocf_replay, which runs the same checks on every file of the
// seed corpus tests/fuzz/corpus/ocf with any compiler.
#include "harness.hpp"

#include <fundround/json/ocf.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fundround_fuzz_ocf {

using namespace fundround;

inline bool same_safe(const safe& a, const safe& b) {
    return a.holder == b.holder && a.purchase_amount == b.purchase_amount && a.date == b.date && a.form == b.form &&
           a.valuation_cap == b.valuation_cap && a.discount == b.discount && a.mfn == b.mfn && a.pool_increase == b.pool_increase;
}

inline bool same_note(const convertible_note& a, const convertible_note& b) {
    return a.holder == b.holder && a.principal == b.principal && a.issue_date == b.issue_date &&
           a.maturity_date == b.maturity_date && a.annual_rate == b.annual_rate && a.method == b.method && a.period == b.period &&
           a.day_count == b.day_count && a.interest_rounding == b.interest_rounding && a.valuation_cap == b.valuation_cap &&
           a.discount == b.discount && a.cap_form == b.cap_form && a.pool_increase == b.pool_increase &&
           a.qualified_financing == b.qualified_financing;
}

/// True if an OCF Numeric (at most 10 decimals of the major unit) writes @p p exactly: its
/// price in thousandths of the unit has a denominator dividing 10^7.
inline bool ocf_exact(const price_per_share& p) {
    return fraction::rep(10'000'000) % p.units_per_share().denominator() == 0;
}

/// True if every price of @p in (issue, exercise and valuation prices) is ocf_exact(): the only
/// values of an import an export has to round. Exact prices read from decimals are; a split
/// divides them by its ratio (a $5 option after a 22-for-1 split is $5/22), which need not be.
inline bool prices_ocf_exact(const ocf_import& in) {
    for (const share_class& c : in.table.classes()) {
        if (c.original_issue_price() && !ocf_exact(*c.original_issue_price())) return false;
    }
    for (const option_grant& g : in.table.grants()) {
        if (!ocf_exact(g.exercise_price)) return false;
    }
    for (const warrant& w : in.table.warrants()) {
        if (!ocf_exact(w.exercise_price)) return false;
    }
    for (const share_valuation& v : in.valuations) {
        if (!ocf_exact(v.price)) return false;
    }
    return true;
}

/// What differs between the cap tables @p a and @p b apart from their prices ("" if nothing).
inline std::string differs_but_prices(const cap_table& a, const cap_table& b) {
    if (a.currency() != b.currency()) return "the currency";
    if (a.holders() != b.holders()) return "the holders";
    if (a.holdings() != b.holdings()) return "the holdings";
    if (a.pools() != b.pools()) return "the pools";
    if (a.declared_distinct() != b.declared_distinct()) return "the declared-distinct pairs";
    if (a.classes().size() != b.classes().size() || a.grants().size() != b.grants().size() ||
        a.warrants().size() != b.warrants().size()) {
        return "the number of classes, grants or warrants";
    }
    for (std::size_t i = 0; i < a.classes().size(); ++i) {
        const share_class& x = a.classes()[i];
        const share_class& y = b.classes()[i];
        if (x.name() != y.name() || x.kind() != y.kind() || x.conversion_ratio() != y.conversion_ratio() || x.terms() != y.terms() ||
            x.original_issue_price().has_value() != y.original_issue_price().has_value()) {
            return "class " + std::to_string(i);
        }
    }
    for (std::size_t i = 0; i < a.grants().size(); ++i) {
        const option_grant& x = a.grants()[i];
        const option_grant& y = b.grants()[i];
        if (x.holder != y.holder || x.pool != y.pool || x.shares != y.shares) return "grant " + std::to_string(i);
    }
    for (std::size_t i = 0; i < a.warrants().size(); ++i) {
        const warrant& x = a.warrants()[i];
        const warrant& y = b.warrants()[i];
        if (x.holder != y.holder || x.share_class != y.share_class || x.shares != y.shares) return "warrant " + std::to_string(i);
    }
    return {};
}

/// What is wrong with the reader's handling of @p text ("" if nothing).
inline std::string check(std::string_view text) {
    const nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    try {
        const ocf_import imported = parse_ocf_merged(text);
        const ocf_options o = imported.options();
        const ocf_export first = to_ocf(imported.table, imported.safes, imported.notes, imported.valuations, o);
        const ocf_import again = from_ocf(first.package);
        // What the package stated of its issuer and date is exported again, unchanged.
        if (imported.as_of && again.as_of != imported.as_of) return "the re-imported as-of date differs";
        if (imported.formation_date && again.formation_date != imported.formation_date) return "the re-imported formation date differs";
        if (!imported.country_of_formation.empty() && again.country_of_formation != imported.country_of_formation) {
            return "the re-imported country of formation differs";
        }
        if (again.country_subdivision_of_formation != imported.country_subdivision_of_formation) {
            return "the re-imported subdivision of formation differs";
        }
        // A price no OCF Numeric writes is written rounded, and the export says so: the re-import
        // holds the rounded price, which is written exactly (the second export is the first, below).
        // Everything else comes back equal.
        if (prices_ocf_exact(imported)) {
            if (!(again.table == imported.table)) return "the re-imported cap table differs";
            if (!(again.valuations == imported.valuations)) return "the re-imported valuations differ";
        } else {
            const auto said = [&](const std::string& line) { return line.find("has more than 10 decimals: written rounded") != std::string::npos; };
            if (std::none_of(first.left_out.begin(), first.left_out.end(), said)) return "a price written rounded without a word in left_out";
            if (!prices_ocf_exact(again)) return "a re-imported price that OCF does not write exactly";
            const std::string what = differs_but_prices(again.table, imported.table);
            if (!what.empty()) return "the re-imported cap table differs in " + what;
            if (again.valuations.size() != imported.valuations.size()) return "the re-import has another number of valuations";
            for (std::size_t i = 0; i < again.valuations.size(); ++i) {
                if (again.valuations[i].share_class != imported.valuations[i].share_class ||
                    again.valuations[i].effective_date != imported.valuations[i].effective_date) {
                    return "the re-imported valuation " + std::to_string(i) + " differs";
                }
            }
        }
        if (again.safes.size() != imported.safes.size() || again.notes.size() != imported.notes.size()) {
            return "the re-import has another number of SAFEs or notes";
        }
        for (std::size_t i = 0; i < again.safes.size(); ++i) {
            if (!same_safe(again.safes[i], imported.safes[i])) return "SAFE " + std::to_string(i) + " differs after re-import";
        }
        for (std::size_t i = 0; i < again.notes.size(); ++i) {
            if (!same_note(again.notes[i], imported.notes[i])) return "note " + std::to_string(i) + " differs after re-import";
        }
        if (!(to_ocf(again.table, again.safes, again.notes, again.valuations, o).package == first.package)) return "the second export differs";
    } catch (const json_error& e) {
        if (e.problems().empty()) return "a json_error without problems";
        for (const diagnostic& d : e.problems()) {
            if (d.rule.empty()) return "a problem without a rule at " + d.field.json_pointer();
            if (!parsed.is_object()) {
                if (!d.field.empty()) return "a problem of a non-object input not at the root: " + d.field.json_pointer();
                continue;
            }
            if (d.field.empty()) return "a problem at the root of an object: " + d.rule;
            const std::string file = d.field.segments()[0].name;
            if (file != "Manifest.ocf.json" && parsed.find(file) == parsed.end()) {
                return "a problem whose pointer names no file of the package: " + d.field.json_pointer();
            }
        }
    } catch (const std::exception& e) {
        return std::string("an exception other than json_error: ") + e.what();
    }
    return {};
}

/// check() as the harness takes it: one line per finding.
inline std::vector<std::string> findings(std::string_view text) {
    std::string found = check(text);
    if (found.empty()) return {};
    return {std::move(found)};
}

}  // namespace fundround_fuzz_ocf

#ifndef FUNDROUND_FUZZ_OCF_REPLAY

#include "json_mutator.hpp"

// Mutates a JSON input as JSON (most of the time), else as bytes.
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned int seed) {
    return fundround_fuzz::mutate_json_input(data, size, max_size, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fundround_fuzz::run_one("fuzz_ocf", fundround_fuzz_ocf::findings, data, size);
}

#else

// fuzz_ocf_replay DIR...: the checks on every file of each directory (harness.hpp).
int main(int argc, char** argv) { return fundround_fuzz::replay_main("fuzz_ocf_replay", fundround_fuzz_ocf::findings, argc, argv); }

#endif
