/// @file fundround.hpp
/// @brief Umbrella header: includes every public fundround header (all but io/fmt.hpp, which
/// needs the {fmt} library).
#ifndef FUNDROUND_FUNDROUND_HPP
#define FUNDROUND_FUNDROUND_HPP

#include <fundround/version.hpp>
#include <fundround/config.hpp>
#include <fundround/fwd.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/allocation.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/literals.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/deal/valuation.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/time/installments.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/time/timeline.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/io/report.hpp>
#include <fundround/analysis/odds.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/io/flows_report.hpp>
#include <fundround/deal/closing.hpp>

#endif  // FUNDROUND_FUNDROUND_HPP
