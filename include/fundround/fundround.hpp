/// @file fundround.hpp
/// @brief Umbrella header: includes every public fundround header — the core (core.hpp) and the
/// opt-in parts: as-of views, scenarios, progressive closings, printing (io/), money parsing,
/// odds, discounting and net flows. All but io/fmt.hpp, which needs the {fmt} library.
#ifndef FUNDROUND_FUNDROUND_HPP
#define FUNDROUND_FUNDROUND_HPP

#include <fundround/core.hpp>
#include <fundround/time/timeline.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/deal/closing.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/io/report.hpp>
#include <fundround/analysis/odds.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/io/flows_report.hpp>

#endif  // FUNDROUND_FUNDROUND_HPP
