// libFuzzer target: arbitrary bytes to the OCF reader in its merged form ({"Manifest.ocf.json":
// {...}, "Stakeholders.ocf.json": {...}, ...}, fundround/json/ocf.hpp), with two invariants:
// - an import re-exports and re-imports equal (cap table, SAFEs, notes), and the second export
//   is the first;
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
        if (!(again.table == imported.table)) return "the re-imported cap table differs";
        if (again.safes.size() != imported.safes.size() || again.notes.size() != imported.notes.size()) {
            return "the re-import has another number of SAFEs or notes";
        }
        for (std::size_t i = 0; i < again.safes.size(); ++i) {
            if (!same_safe(again.safes[i], imported.safes[i])) return "SAFE " + std::to_string(i) + " differs after re-import";
        }
        for (std::size_t i = 0; i < again.notes.size(); ++i) {
            if (!same_note(again.notes[i], imported.notes[i])) return "note " + std::to_string(i) + " differs after re-import";
        }
        if (!(again.valuations == imported.valuations)) return "the re-imported valuations differ";
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
