/// @file tools/fundround/deal_commands.hpp
/// @brief The commands of the `fundround` tool on a deal already read (commands.cpp): for tests
/// that build a deal_file in code, with members a deal file cannot state yet. Messages name the
/// request's file as if the deal had been read from it.
#ifndef FUNDROUND_TOOLS_DEAL_COMMANDS_HPP
#define FUNDROUND_TOOLS_DEAL_COMMANDS_HPP

#include "commands.hpp"

#include <fundround/json/deal_file.hpp>

namespace fundround_cli {

/// Runs `report` on @p deal; returns its exit code.
int run_report(const fundround::deal_file& deal, const report_request& request, const streams& io);
/// Runs `schedule` on @p deal; returns its exit code.
int run_schedule(const fundround::deal_file& deal, const schedule_request& request, const streams& io);
/// Runs `captable` on @p deal; returns its exit code.
int run_captable(const fundround::deal_file& deal, const captable_request& request, const streams& io);
/// Runs `waterfall` on @p deal; returns its exit code.
int run_waterfall(const fundround::deal_file& deal, const waterfall_request& request, const streams& io);
/// Runs `odds` on @p deal; returns its exit code.
int run_odds(const fundround::deal_file& deal, const odds_request& request, const streams& io);
/// Runs `convert` on @p deal; returns its exit code.
int run_convert(const fundround::deal_file& deal, const convert_request& request, const streams& io);

}  // namespace fundround_cli

#endif  // FUNDROUND_TOOLS_DEAL_COMMANDS_HPP
