/// @file tools/fundround/commands.hpp
/// @brief The commands of the `fundround` command-line tool, between the command line (main.cpp,
/// CLI11) and the library (commands.cpp, fundround and nlohmann/json). Only the standard library
/// here, so that neither side compiles the other's headers.
#ifndef FUNDROUND_TOOLS_COMMANDS_HPP
#define FUNDROUND_TOOLS_COMMANDS_HPP

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace fundround_cli {

/// The exit codes scripts can rely on (docs/command-line.md).
enum exit_code : int {
    exit_ok = 0,             ///< Done.
    exit_invalid_deal = 1,   ///< The deal file is not a valid deal file (every problem on stderr).
    exit_usage = 2,          ///< The command line is wrong: unknown option, bad value, missing argument.
    exit_io = 3,             ///< A file cannot be read or written.
    exit_not_applicable = 4, ///< The request does not apply to this deal (unknown round, no cap table...).
    /// The deal cannot be computed as the file states it: an amount overflows the exact range
    /// (64-bit mills; 127-bit fractions), or a rounding it asks for ("exact") meets a result that
    /// needs rounding. The file reads; the figures at this date or exit value do not exist.
    exit_not_computable = 5,
    exit_internal = 70,      ///< A bug: an unexpected error (please report it).
};

/// Where a command writes: its result on out, its errors on err; err_is_terminal says whether
/// progress may be shown on err.
struct streams {
    std::ostream& out;          ///< Standard output: the result.
    std::ostream& err;          ///< Standard error: problems, notes, progress.
    bool err_is_terminal = false;  ///< True if err is a terminal (a progress bar may be drawn).
    /// Inside a command (guarded() in commands.cpp): the buffer that holds out back until the
    /// command succeeds, and the standard output it goes to; null outside.
    std::ostringstream* held = nullptr;
    std::ostream* release_to = nullptr;  ///< See held.
};

/// `fundround report FILE`: every round's summary, the priced rounds, the net flows.
struct report_request {
    std::string file;                     ///< The deal file.
    std::optional<std::string> scenario;  ///< The scenario the net flows are seen in (default: at close).
    bool full_amounts = false;            ///< Exact amounts everywhere ("$15,000,000,000.00").
};

/// `fundround schedule FILE --as-of DATE`: what has funded by a date.
struct schedule_request {
    std::string file;                     ///< The deal file.
    std::string as_of;                    ///< The date looked at, ISO 8601.
    std::optional<std::string> round;     ///< Only this round (default: every round).
    std::optional<std::string> scenario;  ///< The scenario (default: as things stand at close).
    bool csv = false;                     ///< CSV instead of text.
    bool full_amounts = false;            ///< Exact amounts everywhere.
};

/// `fundround captable FILE [--after ROUND]`: the cap table before the priced rounds or after one.
struct captable_request {
    std::string file;                  ///< The deal file.
    std::optional<std::string> after;  ///< After this priced round (default: before them all).
    bool csv = false;                  ///< The cap table by holder as CSV instead of text.
};

/// A problem the command line (main.cpp) found with an option's value, reported by the command
/// with its own (every usage problem at once): "--steps", "\"0\"", "must be a whole number ...".
struct option_problem {
    std::string option;  ///< The option: "--steps".
    std::string value;   ///< The value as given, quoted: "\"0\"".
    std::string rule;    ///< What it must be.
};

/// `fundround waterfall FILE --exit ...`: payouts at exit values, breakpoints, a chart.
struct waterfall_request {
    std::string file;                  ///< The deal file.
    std::vector<std::string> exits;    ///< Exit values ("50M") and ranges ("100M..1B").
    std::optional<int> steps;          ///< Steps of each range (default 4: five exit values).
    std::optional<std::string> after;  ///< On the cap table after this priced round.
    std::optional<std::string> exit_date;  ///< The exit's date (cumulative dividends accrue to it).
    std::optional<std::string> exercise;   ///< How options exercise: "net" (default) or "paid_in".
    std::optional<std::string> svg;    ///< Write the payout chart to this SVG file.
    bool csv = false;                  ///< The payouts by line as CSV instead of text.
    std::vector<option_problem> option_problems;  ///< Problems with --steps, reported with the others.
};

/// `fundround odds FILE --p "NAME=P"...`: expectations from probabilities on the milestones.
struct odds_request {
    std::string file;                  ///< The deal file.
    std::vector<std::string> chances;  ///< "name=0.7", "name=7/10", "name=70%@2026-09-30".
    std::optional<std::string> round;  ///< Only this round (default: every round).
    bool monte_carlo = false;          ///< Sample even when every outcome could be enumerated.
    std::uint64_t samples = 100000;    ///< Monte Carlo samples.
    std::uint64_t seed = 1;            ///< Monte Carlo seed.
    std::vector<option_problem> option_problems;  ///< Problems with --samples and --seed, reported with the others.
};

/// `fundround convert FILE --to json|ocf [-o OUT]`: the deal file in another form.
struct convert_request {
    std::string file;                  ///< The deal file.
    std::string to;                    ///< "json" or "ocf".
    std::optional<std::string> output; ///< Write here instead of standard output (ocf: a directory).
    std::optional<std::string> after;  ///< ocf: the cap table after this priced round (default: the last).
    std::optional<std::string> as_of;  ///< ocf: the package's as-of date (default: the last round's close).
};

/// Runs `report`; returns its exit code.
int run_report(const report_request& request, const streams& io);
/// Runs `schedule`; returns its exit code.
int run_schedule(const schedule_request& request, const streams& io);
/// Runs `captable`; returns its exit code.
int run_captable(const captable_request& request, const streams& io);
/// Runs `waterfall`; returns its exit code.
int run_waterfall(const waterfall_request& request, const streams& io);
/// Runs `odds`; returns its exit code.
int run_odds(const odds_request& request, const streams& io);
/// Runs `convert`; returns its exit code.
int run_convert(const convert_request& request, const streams& io);

/// The library's version, "0.x.y".
std::string library_version();

/// @p text as the tool's messages quote it: control characters and bytes that are not UTF-8
/// escaped, so that a problem stays one line of valid text.
std::string visible(const std::string& text);

}  // namespace fundround_cli

#endif  // FUNDROUND_TOOLS_COMMANDS_HPP
