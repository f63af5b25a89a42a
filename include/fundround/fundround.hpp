/// @file fundround.hpp
/// @brief Umbrella header: includes every public fundround header.
#ifndef FUNDROUND_FUNDROUND_HPP
#define FUNDROUND_FUNDROUND_HPP

#include <fundround/version.hpp>
#include <fundround/config.hpp>
#include <fundround/fwd.hpp>
#include <fundround/error.hpp>
#include <fundround/rounding.hpp>
#include <fundround/currency.hpp>
#include <fundround/fraction.hpp>
#include <fundround/money.hpp>
#include <fundround/calendar.hpp>
#include <fundround/shares.hpp>
#include <fundround/valuation.hpp>
#include <fundround/investor.hpp>
#include <fundround/condition.hpp>
#include <fundround/tranche.hpp>
#include <fundround/schedule.hpp>
#include <fundround/installments.hpp>
#include <fundround/round.hpp>
#include <fundround/round_builder.hpp>
#include <fundround/timeline.hpp>
#include <fundround/scenario.hpp>
#include <fundround/report.hpp>
#include <fundround/odds.hpp>
#include <fundround/discount.hpp>
#include <fundround/flows.hpp>
#include <fundround/closing.hpp>

#endif  // FUNDROUND_FUNDROUND_HPP
