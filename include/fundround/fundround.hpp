/// @file fundround.hpp
/// @brief Umbrella header: includes every public fundround header — the core (core.hpp) and the
/// opt-in parts: printing (io/), money parsing, odds, discounting and net flows. All but
/// io/fmt.hpp, which needs the {fmt} library.
#ifndef FUNDROUND_FUNDROUND_HPP
#define FUNDROUND_FUNDROUND_HPP

#include <fundround/core.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/io/report.hpp>
#include <fundround/analysis/odds.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/analysis/present_value.hpp>
#include <fundround/io/flows_report.hpp>

#endif  // FUNDROUND_FUNDROUND_HPP
