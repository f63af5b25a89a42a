// libFuzzer target: arbitrary bytes given to the commands of the `fundround` tool
// (tools/fundround/commands.cpp) as the file they read: a deal file or an OCF package merged into
// one file (the tool tells them apart by content). Where fuzz_deal_file and fuzz_ocf stop at
// reading, this runs what comes after on whatever reads: the chain of priced rounds, the cap
// table reports, the waterfall with the SAFEs and notes outstanding (and after the last priced
// round), the schedule, the odds, and the exports to JSON and OCF. The invariant is the tool's
// contract (docs/command-line.md, "Errors and exit codes"): every command returns one of the
// documented exit codes 0 to 5 and lets no exception out (the tool would exit 70, "a bug").
//
// The commands read the input as standard input ("-"), in process. A custom mutator changes JSON
// inputs as JSON (json_mutator.hpp), so that most inputs still read and the computations run.
//
// Built twice (tests/fuzz/CMakeLists.txt): as the libFuzzer target fuzz_cli (clang,
// FUNDROUND_BUILD_FUZZERS), and with FUNDROUND_FUZZ_CLI_REPLAY as fuzz_cli_replay, which runs the
// same checks on every file of the directories it is given (the seed corpora of fuzz_deal_file
// and fuzz_ocf, in every preset where the tool's commands build).
#include "commands.hpp"
#include "harness.hpp"

#include <nlohmann/json.hpp>

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

/// The name of the last priced round of the deal file @p text, if it names one (a command run
/// "after" it reaches the end of the chain).
inline std::optional<std::string> last_priced_round(std::string_view text) {
    const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object()) return std::nullopt;
    const auto rounds = j.find("priced_rounds");
    if (rounds == j.end() || !rounds->is_array() || rounds->empty()) return std::nullopt;
    const nlohmann::json& last = rounds->back();
    if (!last.is_object()) return std::nullopt;
    const auto name = last.find("name");
    if (name == last.end() || !name->is_string()) return std::nullopt;
    return name->get<std::string>();
}

/// Every command of the tool on @p text; one line per command that broke the contract.
inline std::vector<std::string> check(std::string_view text) {
    std::vector<std::string> findings;
    const std::optional<std::string> after = last_priced_round(text);
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
    }
    std::cin.rdbuf(cin_was);
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
