/// @file core.hpp
/// @brief The light umbrella: everything needed to model a round and query it — money and
/// numbers, dates and installments, investors, conditions, tranches, the builder, the round and
/// its schedule. Without the opt-in parts: as-of views (time/timeline.hpp), scenarios
/// (time/scenario.hpp), progressive closings (deal/closing.hpp), printing in io/, money parsing,
/// the analysis headers (odds, discounting, net flows); and without Boost.Multiprecision.
/// `fundround/fundround.hpp` includes this and every opt-in header.
#ifndef FUNDROUND_CORE_HPP
#define FUNDROUND_CORE_HPP

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
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/installments.hpp>
#include <fundround/deal/valuation.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/deal/classify.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/round_builder.hpp>

#endif  // FUNDROUND_CORE_HPP
