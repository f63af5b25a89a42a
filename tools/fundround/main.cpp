// The `fundround` command-line tool: the command line (CLI11). The commands themselves are in
// commands.cpp; docs/command-line.md documents every command, option and exit code.
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

/// What a command's file argument may be.
constexpr const char* deal_file_help =
    "The deal file (JSON), or an Open Cap Table Format package: its directory, its Manifest.ocf.json or the "
    "merged single file";

/// The exit-code table printed at the end of the top-level help.
constexpr const char* exit_codes_text =
    "Exit codes:\n"
    "  0  done\n"
    "  1  the deal file or OCF package is invalid (every problem on stderr, one a line, at its file and JSON pointer)\n"
    "  2  usage error: unknown command or option, missing or bad value\n"
    "  3  a file cannot be read or written\n"
    "  4  the request does not apply to this deal (unknown round or scenario, no cap table...)\n"
    "  5  cannot be computed as the file states it: an amount overflows, or an \"exact\" rounding meets a result that needs rounding\n"
    " 70  internal error (a bug: please report it)\n";

/// Reads the whole-number options (CLI11 clamps a number above 2^64 - 1 to it and words its
/// range errors its own way): each value must be decimal digits from @p low to @p high, or the
/// problem is kept, in the tool's form; the command reports them with the problems of its other
/// options, every usage problem at once.
class whole_numbers {
public:
    /// The value @p text of @p option, or nullopt (a problem recorded) when it is not a whole
    /// number from @p low to @p high.
    std::optional<std::uint64_t> read(const char* option, const std::string& text, std::uint64_t low, std::uint64_t high) {
        std::uint64_t v = 0;
        bool ok = !text.empty();
        for (const char c : text) {
            const bool digit = c >= '0' && c <= '9';
            const auto d = static_cast<std::uint64_t>(c - '0');
            ok = ok && digit && v <= (UINT64_MAX - d) / 10;
            if (!ok) break;
            v = v * 10 + d;
        }
        if (ok && v >= low && v <= high) return v;
        problems_.push_back({option, "\"" + fundround_cli::visible(text) + "\"",
                             "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)});
        return std::nullopt;
    }
    /// The problems found, for the command to report with its own.
    [[nodiscard]] const std::vector<fundround_cli::option_problem>& problems() const noexcept { return problems_; }

private:
    std::vector<fundround_cli::option_problem> problems_;
};

}  // namespace

int main(int argc, char** argv) {
    using namespace fundround_cli;

    CLI::App app{"fundround " + library_version() +
                     ": funding rounds, cap tables and exits from a deal file (JSON) or an OCF package, exactly",
                 "fundround"};
    app.require_subcommand(1, 1);
    app.set_version_flag("--version", "fundround " + library_version());
    app.footer(std::string("Examples:\n"
                           "  fundround report deal.json\n"
                           "  fundround schedule deal.json --as-of 2026-06-30\n"
                           "  fundround captable deal.json --after \"Series A\"\n"
                           "  fundround waterfall deal.json --exit 100M..1B --steps 9 --svg payout.svg\n"
                           "  fundround odds deal.json --p \"certain conditions=0.7\"\n"
                           "  fundround convert deal.json --to json -o normalised.json\n"
                           "Run 'fundround COMMAND --help' for a command's options.\n\n") +
               exit_codes_text);

    // report
    report_request report;
    CLI::App* report_cmd = app.add_subcommand("report", "Each round's summary, the priced rounds on the cap table, "
                                                        "and the net flows with the counter-commitments");
    report_cmd->add_option("file", report.file, deal_file_help)->required();
    report_cmd->add_option("--scenario", report.scenario,
                           "See the net flows in this scenario of the deal file (default: as things stand at "
                           "close, no milestone settled)");
    report_cmd->add_flag("--full", report.full_amounts, "Every amount exact ($15,000,000,000.00), never compact");
    report_cmd->footer("Examples:\n"
                       "  fundround report deal.json\n"
                       "  fundround report deal.json --full\n");

    // schedule
    schedule_request schedule;
    CLI::App* schedule_cmd = app.add_subcommand("schedule", "The disbursement schedule: what has funded by a date, "
                                                            "what is committed, conditional or lapsed");
    schedule_cmd->add_option("file", schedule.file, deal_file_help)->required();
    schedule_cmd->add_option("--as-of", schedule.as_of, "The date looked at (ISO 8601: 2026-06-30)")->required();
    schedule_cmd->add_option("--round", schedule.round, "Only this round (default: every round of the file)");
    schedule_cmd->add_option("--scenario", schedule.scenario,
                             "The scenario of the deal file to replay (default: as things stand at close, no "
                             "milestone settled)");
    schedule_cmd->add_flag("--csv", schedule.csv,
                           "Write the payments as one CSV table instead (RFC 4180, exact amounts, a round column)");
    schedule_cmd->add_flag("--full", schedule.full_amounts, "Every amount exact, never compact");
    schedule_cmd->footer("Examples:\n"
                         "  fundround schedule deal.json --as-of 2026-06-30\n"
                         "  fundround schedule deal.json --as-of 2026-12-31 --round \"Series B\" --scenario \"met\"\n"
                         "  fundround schedule deal.json --as-of 2026-06-30 --csv > payments.csv\n");

    // captable
    captable_request captable;
    CLI::App* captable_cmd = app.add_subcommand("captable", "The cap table before the priced rounds, or after one of "
                                                            "them (with its pricing and dilution)");
    captable_cmd->add_option("file", captable.file, deal_file_help)->required();
    captable_cmd->add_option("--after", captable.after, "After this priced round (the rounds before it applied too)");
    captable_cmd->add_flag("--csv", captable.csv, "Write the cap table by holder as CSV instead (RFC 4180, exact)");
    captable_cmd->footer("Examples:\n"
                         "  fundround captable deal.json\n"
                         "  fundround captable deal.json --after \"Series A\"\n"
                         "  fundround captable deal.json --after \"Series A\" --csv > cap_table.csv\n");

    // waterfall
    waterfall_request waterfall;
    CLI::App* waterfall_cmd =
        app.add_subcommand("waterfall", "The liquidation waterfall: who receives what at exit values, and the "
                                        "breakpoints where the payout bends");
    waterfall_cmd->add_option("file", waterfall.file, deal_file_help)->required();
    waterfall_cmd
        ->add_option("--exit", waterfall.exits,
                     "Exit values, comma-separated or repeated: amounts (50M, \"$1.5B\", \"EUR 300M\", "
                     "\"1,500,000 USD\": a comma before three digits groups them; without a currency, the cap "
                     "table's) or ranges LOW..HIGH")
        ->required()
        ->expected(1)
        ->take_all();
    std::optional<std::string> steps_text;  // read below (whole_numbers), as --samples and --seed
    waterfall_cmd->add_option("--steps", steps_text, "Steps in each range, 1 to 1000 (default 4: five exit values)")
        ->type_name("N");
    waterfall_cmd->add_option("--after", waterfall.after, "On the cap table after this priced round");
    waterfall_cmd->add_option("--exit-date", waterfall.exit_date,
                              "The exit's date: cumulative dividends and the notes' interest accrue to it (ISO 8601; "
                              "required when the table has cumulative dividends or the deal file notes outstanding)");
    waterfall_cmd->add_option("--exercise", waterfall.exercise,
                              "How options and warrants exercise: net (default; the exercise price is netted) or "
                              "paid_in (each holder pays it in: the report adds the exercise prices paid)")
        ->type_name("MODE");
    waterfall_cmd->add_option("--svg", waterfall.svg, "Also write the payout chart (by class) to this SVG file");
    waterfall_cmd->add_flag("--csv", waterfall.csv,
                            "Write the payouts by line at the exit values as CSV instead (RFC 4180, exact)");
    waterfall_cmd->footer("Examples:\n"
                          "  fundround waterfall deal.json --exit 100M..1B --steps 9\n"
                          "  fundround waterfall deal.json --exit 50M,100M,250M --after \"Series B\"\n"
                          "  fundround waterfall deal.json --exit 0..500M --svg payout.svg\n"
                          "  fundround waterfall deal.json --exit 100M..1B --csv > payouts.csv\n"
                          "  fundround waterfall deal.json --exit 10M,50M --exit-date 2026-06-30   (pays its SAFEs and notes)\n"
                          "  fundround waterfall ocf/ --exit 10M,50M   (an OCF package)\n");

    // odds
    odds_request odds;
    CLI::App* odds_cmd = app.add_subcommand("odds", "Expected raise, post-money and ownership from probabilities on "
                                                    "the milestones of the rounds' conditions");
    odds_cmd
        ->add_option("--p", odds.chances,
                     "A milestone's probability, repeated for each: \"NAME=P\" (P is 0.7, 70% or 7/10, exact), "
                     "\"NAME=P@DATE\" if achieved on DATE (default: the close); every milestone the rounds' "
                     "conditions wait on needs one")
        ->expected(1)
        ->take_all();
    odds_cmd->add_option("file", odds.file, deal_file_help)->required();
    odds_cmd->add_option("--round", odds.round, "Only this round (default: every round of the file)");
    odds_cmd->add_flag("--monte-carlo", odds.monte_carlo,
                       "Sample even when every outcome can be enumerated (above 20 uncertain milestones the "
                       "tool samples anyway)");
    std::optional<std::string> samples_text;
    std::optional<std::string> seed_text;
    odds_cmd->add_option("--samples", samples_text, "Monte Carlo samples, 2 to 10000000 (default 100000)")
        ->type_name("N");
    odds_cmd->add_option("--seed", seed_text,
                         "Monte Carlo seed, 0 to 18446744073709551615 (default 1): the same seed, the same figures")
        ->type_name("S");
    odds_cmd->footer("Examples:\n"
                     "  fundround odds deal.json --p \"certain conditions=0.7\"\n"
                     "  fundround odds deal.json --p \"FDA approval=1/4@2027-03-31\" --p \"revenue target=60%\"\n");

    // convert
    convert_request convert;
    CLI::App* convert_cmd = app.add_subcommand("convert", "The deal file in another form: normalised JSON, or the "
                                                          "Open Cap Table Format");
    convert_cmd->add_option("file", convert.file, deal_file_help)->required();
    convert_cmd->add_option("--to", convert.to,
                            "json (the normalised deal file) or ocf (the Open Cap Table Format: the cap table, "
                            "its SAFEs and notes; what OCF cannot say is listed on standard error)")
        ->required()
        ->check(CLI::IsMember({"json", "ocf"}));
    convert_cmd->add_option("-o,--output", convert.output,
                            "Write here instead of standard output (with --to ocf: a directory, one file per "
                            "OCF file; without it, one JSON object of the files by name)");
    convert_cmd->add_option("--after", convert.after,
                            "With --to ocf: the cap table after this priced round (default: after the last one)");
    convert_cmd->add_option("--as-of", convert.as_of,
                            "With --to ocf: the package's as-of date, ISO 8601 (default: the latest of the deal "
                            "file's as_of, its rounds' closes and its outstanding SAFEs' and notes' dates)");
    convert_cmd->footer("Examples:\n"
                        "  fundround convert deal.json --to json\n"
                        "  fundround convert deal.json --to json -o normalised.json\n"
                        "  fundround convert deal.json --to ocf -o ocf/\n"
                        "  fundround convert ocf/ --to json -o deal.json   (an OCF package as a deal file)\n");

    // An unknown command: say so, rather than CLI11's "A subcommand is required".
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands([&](CLI::App* c) { return c->get_name() == argv[1]; }).empty()) {
        std::cerr << "fundround: unknown command \"" << argv[1]
                  << "\" (the commands: report, schedule, captable, waterfall, odds, convert)\n"
                  << "Run 'fundround --help' for the commands and options.\n";
        return exit_usage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "fundround: " << e.what() << "\n"
                  << "Run 'fundround --help' or 'fundround COMMAND --help' for the commands and options.\n";
        return exit_usage;
    }

    whole_numbers steps_number;
    if (steps_text) {
        if (const auto v = steps_number.read("--steps", *steps_text, 1, 1000)) waterfall.steps = static_cast<int>(*v);
    }
    waterfall.option_problems = steps_number.problems();
    whole_numbers odds_numbers;
    if (samples_text) {
        if (const auto v = odds_numbers.read("--samples", *samples_text, 2, 10000000)) odds.samples = *v;
    }
    if (seed_text) {
        if (const auto v = odds_numbers.read("--seed", *seed_text, 0, UINT64_MAX)) odds.seed = *v;
    }
    odds.option_problems = odds_numbers.problems();

    const streams io{std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1};
    try {
        int rc = exit_internal;
        if (report_cmd->parsed()) rc = run_report(report, io);
        if (schedule_cmd->parsed()) rc = run_schedule(schedule, io);
        if (captable_cmd->parsed()) rc = run_captable(captable, io);
        if (waterfall_cmd->parsed()) rc = run_waterfall(waterfall, io);
        if (odds_cmd->parsed()) rc = run_odds(odds, io);
        if (convert_cmd->parsed()) rc = run_convert(convert, io);
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "fundround: standard output cannot be written\n";
            return exit_io;
        }
        return rc;
    } catch (const std::exception& e) {
        std::cerr << "fundround: internal error: " << e.what() << "\n";
        return exit_internal;
    }
}
