// libFuzzer target: arbitrary bytes given to the commands of the `fundround` tool
// (tools/fundround/commands.cpp) as the file they read: a deal file or an OCF package merged into
// one file (the tool tells them apart by content). Where fuzz_deal_file and fuzz_ocf stop at
// reading, this runs what comes after on whatever reads: the chain of priced rounds, the cap
// table reports, the waterfall with the SAFEs and notes outstanding (and after the last priced
// round), the schedule, the odds, and the exports to JSON and OCF. The invariant is the tool's
// contract (docs/command-line.md, "Errors and exit codes"): every command returns one of the
// documented exit codes 0 to 5 and lets no exception out (the tool would exit 70, "a bug").
// What a command writes on success it must read back: `convert --to json` as a deal file written
// again the same, `convert --to ocf` (also --after the first and the last priced round) as an
// OCF package, the CSVs of `captable --after` and `waterfall --after` as RFC 4180 with one field
// count. And what no command prints is run on the chain the file states
// (check_chain_history()): its history step by step, rounds and issuances between them, as the
// report, the chain CSVs (read back, header names unique), the ownership chart and the payouts
// by step, where only overflow_error and inexact_error ("cannot be computed") may stop them.
//
// The commands read the input as standard input ("-"), in process. A custom mutator changes JSON
// inputs as JSON (json_mutator.hpp), so that most inputs still read and the computations run.
//
// Built twice (tests/fuzz/CMakeLists.txt): as the libFuzzer target fuzz_cli (clang,
// FUNDROUND_BUILD_FUZZERS), and with FUNDROUND_FUZZ_CLI_REPLAY as fuzz_cli_replay, which runs the
// same checks on every file of the directories it is given (the seed corpora of fuzz_deal_file
// and fuzz_ocf, in every preset where the tool's commands build).
#include "commands.hpp"
#include "csv_reader.hpp"
#include "harness.hpp"

#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/io/chain_chart.hpp>
#include <fundround/io/csv.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/io/waterfall_report.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/json/ocf.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fundround_fuzz_cli {

using namespace fundround_cli;

/// The name of the first (@p first) or last priced round of the deal file @p text, if it names
/// one (a command run "after" the last reaches the end of the chain; after the first, the
/// issuances after it stay out).
inline std::optional<std::string> priced_round_name(std::string_view text, bool first = false) {
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const auto rounds = j.find("priced_rounds");
    if (rounds == j.end() || !rounds->is_array() || rounds->empty()) return std::nullopt;
    const nlohmann::json& last = first ? rounds->front() : rounds->back();
    if (!last.is_object()) return std::nullopt;
    const auto name = last.find("name");
    if (name == last.end() || !name->is_string()) return std::nullopt;
    return name->get<std::string>();
}

/// A CSV text @p csv (named @p what) as a spreadsheet reads it: RFC 4180 (csv_reader.hpp), every
/// record with the header's field count, the header's names unique; one line per problem.
inline void check_csv(const std::string& what, const std::string& csv, std::vector<std::string>& findings) {
    const fundround_fuzz::csv_read_result r = fundround_fuzz::read_csv(csv);
    if (!r.ok) {
        findings.push_back(what + ": the CSV does not read back: " + r.error + "\n" + csv);
        return;
    }
    if (r.rows.empty()) {
        findings.push_back(what + ": the CSV has no header");
        return;
    }
    for (std::size_t k = 1; k < r.rows.size(); ++k) {
        if (r.rows[k].size() != r.rows[0].size()) {
            findings.push_back(what + ": record " + std::to_string(k) + " has " + std::to_string(r.rows[k].size()) +
                               " fields, the header " + std::to_string(r.rows[0].size()) + "\n" + csv);
            return;
        }
    }
    std::vector<std::string> names = r.rows[0];
    std::sort(names.begin(), names.end());
    const auto twice = std::adjacent_find(names.begin(), names.end());
    if (twice != names.end()) findings.push_back(what + ": the header names \"" + *twice + "\" twice\n" + csv);
}

/// What the commands leave out of a deal file that reads and runs its chain: the chain's history
/// step by step (rounds and the issuances between them) as print_round_chain(), the chain CSVs
/// (read back, check_csv()), the ownership chart (as SVG) and the holders' payouts on each step's
/// table. Only the library's documented "cannot be computed" errors (overflow_error,
/// inexact_error) may stop them; any other exception is a finding.
inline void check_chain_history(std::string_view text, std::vector<std::string>& findings) {
    namespace fr = fundround;
    std::optional<fr::deal_file> deal;
    try {
        deal = fr::parse_deal_file(text);
    } catch (const std::exception&) {
        return;  // fuzz_deal_file's part
    }
    if (!deal->cap_table_before || (deal->priced_rounds.empty() && deal->issuances.empty())) return;
    std::optional<fr::round_chain_result> chain;
    try {
        fr::round_chain_outcome ran = deal->chain().try_run();
        if (!ran.ok()) return;  // the commands report it (exit 1)
        chain = std::move(*ran.result);
    } catch (const fr::overflow_error&) {
        return;
    } catch (const fr::inexact_error&) {
        return;
    } catch (const std::exception& e) {
        findings.push_back(std::string("chain: an exception escaped try_run(): ") + e.what());
        return;
    }
    const auto step = [&](const char* what, const auto& body) {
        try {
            body();
        } catch (const fr::overflow_error&) {
        } catch (const fr::inexact_error&) {
        } catch (const std::exception& e) {
            findings.push_back(std::string(what) + ": an exception escaped: " + e.what());
        }
    };
    step("print_round_chain", [&] {
        std::ostringstream os;
        fr::print_round_chain(os, *chain);
    });
    step("chain_csv", [&] { check_csv("chain_csv", fr::chain_csv(*chain), findings); });
    step("chain_dilution_csv", [&] { check_csv("chain_dilution_csv", fr::chain_dilution_csv(*chain), findings); });
    step("chain_adjustments_csv", [&] { check_csv("chain_adjustments_csv", fr::chain_adjustments_csv(*chain), findings); });
    step("chain_pay_to_play_csv", [&] { check_csv("chain_pay_to_play_csv", fr::chain_pay_to_play_csv(*chain), findings); });
    step("ownership_chart", [&] { (void)fr::to_svg(fr::ownership_chart(*chain)); });
    step("payouts_by_round", [&] {
        std::vector<fr::holder_id> group;
        for (const fr::holder& h : chain->final_table().holders()) {
            if (group.size() < 3) group.push_back(h.id());
        }
        if (group.empty()) return;
        const fr::currency c = chain->final_table().currency();
        fr::waterfall_terms terms;
        terms.exit_date = fr::year{2030} / 1 / 1;
        const fr::chain_payouts p = fr::payouts_by_round(
            *chain, group, {fr::money::zero(c), fr::money::from_units(1000000000, c), fr::money::from_units(100000000000, c)}, terms);
        check_csv("payouts_by_round_csv", fr::payouts_by_round_csv(p), findings);
        std::ostringstream os;
        fr::print_payouts_by_round(os, p);
    });
}

/// Every command of the tool on @p text; one line per command that broke the contract.
inline std::vector<std::string> check(std::string_view text) {
    std::vector<std::string> findings;
    const std::optional<std::string> after = priced_round_name(text);
    const std::optional<std::string> first = priced_round_name(text, true);
    std::vector<std::pair<std::string, std::function<int(const streams&)>>> commands;
    commands.emplace_back("captable", [](const streams& io) { return run_captable({"-", std::nullopt, false}, io); });
    commands.emplace_back("report", [](const streams& io) { return run_report({"-", std::nullopt, false}, io); });
    commands.emplace_back("schedule", [](const streams& io) {
        return run_schedule({"-", "2026-06-30", std::nullopt, std::nullopt, true, false}, io);
    });
    commands.emplace_back("waterfall", [](const streams& io) {
        return run_waterfall({"-", {"0..100M", "1B"}, 4, std::nullopt, std::string("2030-01-01"), std::nullopt, std::nullopt, false, {}},
                             io);
    });
    commands.emplace_back("waterfall --exercise paid_in", [](const streams& io) {
        return run_waterfall(
            {"-", {"0..100M"}, 2, std::nullopt, std::string("2030-01-01"), std::string("paid_in"), std::nullopt, false, {}}, io);
    });
    commands.emplace_back("odds", [](const streams& io) { return run_odds({"-", {}, std::nullopt, false, 100, 1, {}}, io); });
    commands.emplace_back("convert --to json", [](const streams& io) {
        return run_convert({"-", "json", std::nullopt, std::nullopt, std::nullopt}, io);
    });
    commands.emplace_back("convert --to ocf", [](const streams& io) {
        return run_convert({"-", "ocf", std::nullopt, std::nullopt, std::string("2030-01-01")}, io);
    });
    if (after) {
        commands.emplace_back("captable --after", [&](const streams& io) { return run_captable({"-", after, true}, io); });
        commands.emplace_back("waterfall --after", [&](const streams& io) {
            return run_waterfall({"-", {"0..1B"}, 3, after, std::string("2030-01-01"), std::nullopt, std::nullopt, true, {}}, io);
        });
        commands.emplace_back("convert --to ocf --after", [&](const streams& io) {
            return run_convert({"-", "ocf", std::nullopt, after, std::string("2030-01-01")}, io);
        });
    }
    if (first && first != after) {
        commands.emplace_back("captable --after first", [&](const streams& io) { return run_captable({"-", first, false}, io); });
        commands.emplace_back("waterfall --after first", [&](const streams& io) {
            return run_waterfall({"-", {"10M"}, std::nullopt, first, std::string("2030-01-01"), std::nullopt, std::nullopt, false, {}}, io);
        });
        commands.emplace_back("convert --to ocf --after first", [&](const streams& io) {
            return run_convert({"-", "ocf", std::nullopt, first, std::string("2030-01-01")}, io);
        });
    }
    std::streambuf* const cin_was = std::cin.rdbuf();
    for (const auto& [name, run] : commands) {
        std::istringstream in{std::string(text)};
        std::cin.rdbuf(in.rdbuf());
        std::cin.clear();
        std::ostringstream out, err;
        int code = 0;
        try {
            code = run(streams{out, err, false});
        } catch (const std::exception& e) {
            findings.push_back(name + ": an exception escaped (the tool would exit 70): " + e.what());
            continue;
        }
        if (code < 0 || code > 5) findings.push_back(name + ": exit code " + std::to_string(code) + ":\n" + err.str());
        if (code != exit_ok) continue;
        // What the tool writes, it reads back: a deal file written again the same, an OCF
        // package imported, a CSV as a spreadsheet reads it.
        const std::string written = out.str();
        if (name == "convert --to json") {
            try {
                const std::string again = fundround::write_deal_file(fundround::parse_deal_file(written));
                if (again != written) findings.push_back(name + ": written and read back, the file is written differently:\n" + written);
            } catch (const std::exception& e) {
                findings.push_back(name + ": the written file does not read back: " + e.what() + "\n" + written);
            }
        } else if (name.rfind("convert --to ocf", 0) == 0) {
            try {
                (void)fundround::from_ocf_merged(nlohmann::json::parse(written));
            } catch (const std::exception& e) {
                findings.push_back(name + ": the package written does not read back: " + e.what() + "\n" + written);
            }
        } else if (name == "captable --after" || name == "waterfall --after") {  // with --csv
            check_csv(name + " (CSV)", written, findings);
        }
    }
    std::cin.rdbuf(cin_was);
    check_chain_history(text, findings);
    return findings;
}

}  // namespace fundround_fuzz_cli

#ifndef FUNDROUND_FUZZ_CLI_REPLAY

#include "json_mutator.hpp"

// Mutates a JSON input as JSON (most of the time), else as bytes.
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned int seed) {
    return fundround_fuzz::mutate_json_input(data, size, max_size, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fundround_fuzz::run_one("fuzz_cli", fundround_fuzz_cli::check, data, size);
}

#else

// fuzz_cli_replay DIR...: the checks on every file of each directory (harness.hpp).
int main(int argc, char** argv) { return fundround_fuzz::replay_main("fuzz_cli_replay", fundround_fuzz_cli::check, argc, argv); }

#endif
