/// @file fundround.hpp
/// @brief Umbrella header: includes every public fundround header — the core (core.hpp) and the
/// opt-in parts: as-of views, scenarios, progressive closings, printing (io/), money parsing,
/// odds, discounting and net flows, CSV export of the report tables (io/csv.hpp), and the company
/// layer (company/: holders, share classes, cap tables, secondaries, pro-rata rights, priced rounds
/// with option pool top-ups, rounds on a cap table and in a chain, tranches in shares), and the
/// instruments that convert (instruments/: SAFEs, convertible notes, their conversion into a priced
/// round, SAFEs at a liquidity event or dissolution, notes at maturity or a change of control,
/// fully diluted counts with them as converted), exits (exit/: the liquidation
/// waterfall with exact breakpoints, with SAFEs and notes outstanding, and over a chain of rounds),
/// and charts as SVG (io/chart.hpp, io/svg_chart.hpp and the charts of rounds, net flows, round
/// chains and waterfall payouts). All but the headers that need another library: io/fmt.hpp
/// ({fmt}), time/date_interop.hpp (Howard Hinnant's date) and the JSON support, fundround/json.hpp
/// and json/ (nlohmann/json).
#ifndef FUNDROUND_FUNDROUND_HPP
#define FUNDROUND_FUNDROUND_HPP

#include <fundround/core.hpp>

#include <fundround/time/timeline.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/deal/closing.hpp>

#include <fundround/analysis/odds.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/analysis/present_value.hpp>

#include <fundround/company/holder.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/company/fully_diluted_basis.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/secondary.hpp>
#include <fundround/company/share_valuation.hpp>
#include <fundround/company/pro_rata.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/tranched_issuance.hpp>

#include <fundround/instruments/anti_dilution.hpp>
#include <fundround/instruments/pay_to_play.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/instruments/prepared_conversion.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/instruments/safe_events.hpp>
#include <fundround/instruments/note_events.hpp>
#include <fundround/instruments/as_converted.hpp>

#include <fundround/exit/waterfall.hpp>
#include <fundround/exit/chain_waterfall.hpp>
#include <fundround/exit/outstanding_instruments.hpp>

#include <fundround/io/money_parse.hpp>
#include <fundround/io/report.hpp>
#include <fundround/io/flows_report.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/io/conversion_report.hpp>
#include <fundround/io/waterfall_report.hpp>
#include <fundround/io/outstanding_report.hpp>
#include <fundround/io/csv.hpp>
#include <fundround/io/chart.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/io/round_charts.hpp>
#include <fundround/io/flows_chart.hpp>
#include <fundround/io/chain_chart.hpp>
#include <fundround/io/waterfall_chart.hpp>

#endif  // FUNDROUND_FUNDROUND_HPP
