/// @file fwd.hpp
/// @brief Forward declarations of fundround's public types, for cheap includes in headers.
#ifndef FUNDROUND_FWD_HPP
#define FUNDROUND_FWD_HPP

#include <fundround/config.hpp>

/// Everything fundround offers: exact money and fractions, conditions, tranches, rounds, reports.
FUNDROUND_BEGIN_NAMESPACE

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
struct installment;
struct round_position;
struct payment;
class round_timeline;
class scenario;
class scenario_result;
struct milestone_chance;
class milestone_odds;
struct raised_outcome;
struct investor_odds;
struct monte_carlo_options;
class round_odds;
class closing;
struct closing_holding;
struct closing_figures;
class open_round;
struct present_value;
class discount_terms;
struct cash_flow;
class counter_commitment;
struct flow_year;
struct flows_present_value;
class net_flows;
struct net_flows_format;
class holder_id;
class holder;
struct participation;
struct dividend_terms;
struct liquidation_terms;
class share_class;
struct holding;
struct option_pool;
struct option_grant;
struct warrant;
struct fully_diluted_basis;
class fully_diluted_counts;
class cap_table;
struct cap_table_result;
class cap_table_builder;
struct valuation_mark;
struct share_transfer;
struct secondary_result;
class secondary_sale;
struct tendered_shares;
struct tender_result;
class tender_offer;
struct pro_rata_entitlement;
class pro_rata_offer;
struct cap_table_report_options;

enum class rounding;
enum class investor_kind;
enum class condition_state;
enum class condition_kind;
enum class funding_status;
enum class tranche_part;
enum class frequency;
enum class odds_method;
enum class day_count;
enum class compounding;
enum class past_flow_rule;
enum class holder_kind;
enum class share_class_kind;
enum class participation_kind;
enum class dividend_kind;

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_FWD_HPP
