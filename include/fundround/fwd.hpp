/// @file fwd.hpp
/// @brief Forward declarations of fundround's public types, for cheap includes in headers.
#ifndef FUNDROUND_FWD_HPP
#define FUNDROUND_FWD_HPP

/// Everything fundround offers: exact money and fractions, conditions, tranches, rounds, reports.
namespace fundround {

class currency;
class fraction;
class money;
class share_count;
class price_per_share;
class valuation;
class investor;
class world_state;
class condition;
struct condition_status;
class tranche;
struct disbursement;
class disbursement_schedule;
struct commitment;
class funding_round;
class round_builder;
struct build_result;
struct diagnostic;
struct report_options;

enum class rounding;
enum class investor_kind;
enum class condition_state;
enum class condition_kind;
enum class funding_status;

}  // namespace fundround

#endif  // FUNDROUND_FWD_HPP
