// Importing and exporting an Open Cap Table Format package (json/ocf.hpp) against nlohmann/json
// parsing and dumping the same text alone, in this binary.
//
// The package of size n: the cap table of n stakeholders of bench_tables.hpp (each holding
// common, one in twenty also Series A Preferred, one in ten an option grant, one in fifty a warrant) and
// n/100 post-money SAFEs of holders on the table: about 1.2 n issuances, written by to_ocf() as
// the merged single file (one JSON object of the package's files by name, two-space indented as
// write_ocf_directory() writes each file).
//
//   parse/n        nlohmann::json::parse(text): the import's baseline, THE SAME text.
//   parse_checked/n  parse_json_text(text): the same parse, building the same document, that
//                  also finds member names repeated in an object (what parse_ocf_merged() uses).
//   import/n       parse_ocf_merged(text): the parse, then from_ocf(): every object read and
//                  checked, the transactions applied, the cap table built (cap_table_builder's
//                  checks), what is left out listed. The ratio import / parse is the cost of the
//                  import beyond the parse.
//   import_only/n  from_ocf() on the already parsed package (import - parse, measured alone).
//   dump/n         ocf_file_text(merged): nlohmann's dump(2) of the package's JSON: the
//                  export's baseline, THE SAME text out.
//   export/n       to_ocf(table, safes) then ocf_file_text(merged): the objects built from the
//                  cap table, then the same dump. The ratio export / dump.
//   export_only/n  to_ocf() alone (export - dump).
//   export_hand/n  THE SAME WORK written by hand for this table's kinds of objects: each
//                  holder's id looked up and each date checked as to_ocf() checks them, the same
//                  nlohmann documents built member by member, each file serialized for its MD5
//                  checksum, the manifest, then the same dump. Checked byte-identical to
//                  `export`'s text before any timing. The ratio export / export_hand is the
//                  library's cost beyond building and writing the document; export / dump says
//                  what building costs at all.
#include <fundround/company/cap_table.hpp>
#include <fundround/json/ocf.hpp>
#include <fundround/numeric/literals.hpp>

#include <benchmark/benchmark.h>

#include "bench_tables.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace fundround;
using namespace fundround::literals;

/// The cap table and SAFEs of size n, and their package as text.
struct input {
    cap_table table;
    std::vector<safe> safes;
    std::string text;
};

/// The export of @p table and @p safes written by hand for what the benchmark's table holds
/// (holders of one kind, common and non-participating preferred at ratio 1, one pool, grants,
/// warrants, post-money SAFEs with a cap; no notes or valuations; default options): the same
/// checks, documents and text as to_ocf() then ocf_file_text(merged).
std::string hand_export(const cap_table& table, const std::vector<safe>& safes) {
    using nlohmann::json;
    for (const safe& s : safes) {
        if (!s.validate(field_path("safes")).empty() || !table.holder_index(s.holder) || !detail::ocf_date_ok(s.date)) {
            throw std::logic_error("bench_ocf: a SAFE the hand export does not write");
        }
    }
    calendar_date as_of = year{1970} / 1 / 1;
    calendar_date formed = as_of;
    for (std::size_t i = 0; i < safes.size(); ++i) {
        if (i == 0 || safes[i].date > as_of) as_of = safes[i].date;
        if (i == 0 || safes[i].date < formed) formed = safes[i].date;
    }
    const std::string as_of_text = to_string(as_of);
    const std::string usd = "USD";
    const auto monetary = [&](std::string amount) { return json{{"amount", std::move(amount)}, {"currency", usd}}; };
    const auto price = [](const price_per_share& p) {
        bool rounded = false;
        return detail::ocf_decimal(p.units_per_share() / fraction(money::units_per_major), rounded);
    };

    json stakeholders = json::array();
    for (const holder& h : table.holders()) {
        stakeholders.push_back({{"object_type", "STAKEHOLDER"},
                                {"id", h.id().str()},
                                {"name", {{"legal_name", h.name()}}},
                                {"stakeholder_type", "INDIVIDUAL"},
                                {"current_relationship", "EMPLOYEE"}});
    }
    json classes = json::array();
    for (std::size_t i = 0; i < table.classes().size(); ++i) {
        const share_class& c = table.classes()[i];
        const bool preferred = c.is_preferred();
        const std::string n = std::to_string(i + 1);
        json o = {{"object_type", "STOCK_CLASS"},
                  {"id", "stock-class-" + n},
                  {"name", c.name()},
                  {"class_type", preferred ? "PREFERRED" : "COMMON"},
                  {"default_id_prefix", (preferred ? "PS" : "CS") + n + "-"},
                  {"initial_shares_authorized", "NOT APPLICABLE"},
                  {"votes_per_share", "1"},
                  {"seniority", std::to_string(c.terms().seniority)},
                  {"conversion_rights", json::array()}};
        if (preferred) {
            const std::string multiple = c.terms().multiple.to_string();
            o["price_per_share"] = monetary(price(*c.original_issue_price()));
            o["liquidation_preference_multiple"] = multiple;
            o["participation_cap_multiple"] = multiple;
            json mech = {{"type", "RATIO_CONVERSION"},
                         {"ratio", {{"numerator", "1"}, {"denominator", "1"}}},
                         {"rounding_type", "FLOOR"},
                         {"conversion_price", monetary(price(*c.original_issue_price()))}};
            o["conversion_rights"].push_back({{"type", "STOCK_CLASS_CONVERSION_RIGHT"},
                                              {"conversion_mechanism", std::move(mech)},
                                              {"converts_to_stock_class_id", "stock-class-1"}});
        }
        classes.push_back(std::move(o));
    }
    json plans = json::array();
    for (std::size_t i = 0; i < table.pools().size(); ++i) {
        const option_pool& p = table.pools()[i];
        plans.push_back({{"object_type", "STOCK_PLAN"},
                         {"id", "stock-plan-" + std::to_string(i + 1)},
                         {"plan_name", p.name},
                         {"initial_shares_reserved", std::to_string(p.authorized.value())},
                         {"stock_class_ids", json::array({"stock-class-" + std::to_string(*table.class_index(p.share_class) + 1)})}});
    }
    json tx = json::array();
    const auto issuance = [](const char* type, const char* kind, std::size_t k, const holder_id& who, const char* custom,
                             const std::string& on) {
        const std::string n = std::to_string(k);
        return json{{"object_type", type},
                    {"id", std::string("tx-") + kind + "-" + n},
                    {"security_id", kind + ("-" + n)},
                    {"custom_id", custom + ("-" + n)},
                    {"date", on},
                    {"stakeholder_id", who.str()},
                    {"security_law_exemptions", json::array()}};
    };
    for (std::size_t i = 0; i < table.holdings().size(); ++i) {
        const holding& h = table.holdings()[i];
        const std::size_t c = *table.class_index(h.share_class);
        const share_class& sc = table.classes()[c];
        json o = issuance("TX_STOCK_ISSUANCE", "stock", i + 1, h.holder, sc.is_preferred() ? "PS" : "CS", as_of_text);
        o["stock_class_id"] = "stock-class-" + std::to_string(c + 1);
        o["share_price"] = monetary(sc.is_preferred() ? price(*sc.original_issue_price()) : "0");
        o["quantity"] = std::to_string(h.shares.value());
        o["stock_legend_ids"] = json::array();
        tx.push_back(std::move(o));
    }
    for (std::size_t i = 0; i < table.grants().size(); ++i) {
        const option_grant& g = table.grants()[i];
        const std::size_t p = *table.pool_index(g.pool);
        json o = issuance("TX_EQUITY_COMPENSATION_ISSUANCE", "option", i + 1, g.holder, "OPT", as_of_text);
        o["stock_plan_id"] = "stock-plan-" + std::to_string(p + 1);
        o["stock_class_id"] = "stock-class-" + std::to_string(*table.class_index(table.pools()[p].share_class) + 1);
        o["compensation_type"] = "OPTION";
        o["quantity"] = std::to_string(g.shares.value());
        o["exercise_price"] = monetary(price(g.exercise_price));
        o["expiration_date"] = nullptr;
        o["termination_exercise_windows"] = json::array();
        tx.push_back(std::move(o));
    }
    for (std::size_t i = 0; i < table.warrants().size(); ++i) {
        const warrant& w = table.warrants()[i];
        const std::string quantity = std::to_string(w.shares.value());
        json o = issuance("TX_WARRANT_ISSUANCE", "warrant", i + 1, w.holder, "W", as_of_text);
        o["quantity"] = quantity;
        o["quantity_source"] = "INSTRUMENT_FIXED";
        o["exercise_price"] = monetary(price(w.exercise_price));
        o["purchase_price"] = monetary("0");
        o["exercise_triggers"] = json::array(
            {{{"trigger_id", "W-" + std::to_string(i + 1) + ".TRIG.1"},
              {"type", "ELECTIVE_AT_WILL"},
              {"conversion_right",
               {{"type", "WARRANT_CONVERSION_RIGHT"},
                {"conversion_mechanism", {{"type", "FIXED_AMOUNT_CONVERSION"}, {"converts_to_quantity", quantity}}},
                {"converts_to_stock_class_id", "stock-class-" + std::to_string(*table.class_index(w.share_class) + 1)}}}}});
        tx.push_back(std::move(o));
    }
    const auto major = [](money m) {
        std::string s = fraction(m.units(), money::units_per_major).to_decimal_string(3, rounding::exact);
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
        return s;
    };
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const safe& s = safes[i];
        json o = issuance("TX_CONVERTIBLE_ISSUANCE", "safe", i + 1, s.holder, "SAFE", to_string(s.date));
        o["convertible_type"] = "SAFE";
        o["investment_amount"] = monetary(major(s.purchase_amount));
        json rules = {{"include_outstanding_shares", true},
                      {"include_outstanding_options", true},
                      {"include_outstanding_unissued_options", true},
                      {"include_this_security", true},
                      {"include_other_converting_securities", true},
                      {"include_option_pool_topup_for_promised_options", true},
                      {"include_additional_option_pool_topup", true},
                      {"include_new_money", false}};
        json mech = {{"type", "SAFE_CONVERSION"},
                     {"conversion_mfn", false},
                     {"conversion_timing", "POST_MONEY"},
                     {"capitalization_definition_rules", std::move(rules)},
                     {"conversion_valuation_cap", monetary(major(*s.valuation_cap))}};
        o["conversion_triggers"] = json::array(
            {{{"trigger_id", "SAFE-" + std::to_string(i + 1) + ".TRIG.1"},
              {"type", "AUTOMATIC_ON_CONDITION"},
              {"trigger_condition", "An Equity Financing (the SAFE's definition)"},
              {"conversion_right",
               {{"type", "CONVERTIBLE_CONVERSION_RIGHT"}, {"conversion_mechanism", std::move(mech)}, {"converts_to_future_round", true}}}}});
        o["seniority"] = 1;
        tx.push_back(std::move(o));
    }
    const auto file = [](const char* type, json items) { return json{{"file_type", type}, {"items", std::move(items)}}; };
    json merged = json::object();
    merged["Stakeholders.ocf.json"] = file("OCF_STAKEHOLDERS_FILE", std::move(stakeholders));
    merged["StockClasses.ocf.json"] = file("OCF_STOCK_CLASSES_FILE", std::move(classes));
    merged["StockPlans.ocf.json"] = file("OCF_STOCK_PLANS_FILE", std::move(plans));
    merged["Transactions.ocf.json"] = file("OCF_TRANSACTIONS_FILE", std::move(tx));
    const auto listed = [&](const char* name) {
        return json::array({{{"filepath", std::string("./") + name}, {"md5", detail::ocf_md5_hex(ocf_file_text(merged[name]))}}});
    };
    merged["Manifest.ocf.json"] = {{"ocf_version", std::string(ocf_version)},
                                   {"file_type", "OCF_MANIFEST_FILE"},
                                   {"issuer",
                                    {{"object_type", "ISSUER"},
                                     {"id", "issuer"},
                                     {"legal_name", "Company"},
                                     {"formation_date", to_string(formed)},
                                     {"country_of_formation", "US"}}},
                                   {"as_of", as_of_text},
                                   {"generated_at", as_of_text + "T00:00:00Z"},
                                   {"stock_plans_files", listed("StockPlans.ocf.json")},
                                   {"stock_legend_templates_files", json::array()},
                                   {"stock_classes_files", listed("StockClasses.ocf.json")},
                                   {"vesting_terms_files", json::array()},
                                   {"valuations_files", json::array()},
                                   {"transactions_files", listed("Transactions.ocf.json")},
                                   {"stakeholders_files", listed("Stakeholders.ocf.json")}};
    return ocf_file_text(merged);
}

input make_input(std::int64_t n) {
    cap_table_builder b = fundround_bench::make_builder(n);
    std::vector<safe> safes;
    for (std::int64_t i = 0; i < n / 100; ++i) {
        safes.push_back(safe::post_money_cap(holder_id("h" + std::to_string(i * 100)), 100'000_usd, 10_M,
                                             year{2025} / 3 / 1));
    }
    cap_table table = b.build();
    std::string text = ocf_file_text(to_ocf(table, safes, {}).package.merged());
    // The text must import: a benchmark of a reader that fails would measure the error path.
    const ocf_import back = parse_ocf_merged(text);
    if (back.table.holders().size() != static_cast<std::size_t>(n) || back.safes.size() != safes.size()) {
        throw std::logic_error("bench_ocf: the package did not import as built");
    }
    // The baseline must write the same text, or it is not the same work.
    if (hand_export(table, safes) != text) throw std::logic_error("bench_ocf: export_hand writes another text than to_ocf");
    return {std::move(table), std::move(safes), std::move(text)};
}

const input& input_of(std::int64_t n) {
    static std::vector<std::pair<std::int64_t, input>> cache;
    for (const auto& [size, in] : cache) {
        if (size == n) return in;
    }
    cache.emplace_back(n, make_input(n));
    return cache.back().second;
}

void finish(benchmark::State& state, std::size_t bytes) {
    state.SetComplexityN(state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
}

void parse(benchmark::State& state) {
    const std::string& text = input_of(state.range(0)).text;
    for (auto _ : state) {
        nlohmann::json j = nlohmann::json::parse(text);
        benchmark::DoNotOptimize(j);
    }
    finish(state, text.size());
}

void parse_checked(benchmark::State& state) {
    const std::string& text = input_of(state.range(0)).text;
    for (auto _ : state) {
        parsed_json j = parse_json_text(text);
        benchmark::DoNotOptimize(j);
    }
    finish(state, text.size());
}

void import(benchmark::State& state) {
    const std::string& text = input_of(state.range(0)).text;
    for (auto _ : state) {
        ocf_import imported = parse_ocf_merged(text);
        benchmark::DoNotOptimize(imported);
    }
    finish(state, text.size());
}

void import_only(benchmark::State& state) {
    const ocf_package package = ocf_package::from_merged(nlohmann::json::parse(input_of(state.range(0)).text));
    for (auto _ : state) {
        ocf_import imported = from_ocf(package);
        benchmark::DoNotOptimize(imported);
    }
    state.SetComplexityN(state.range(0));
}

void dump(benchmark::State& state) {
    const input& in = input_of(state.range(0));
    const nlohmann::json merged = to_ocf(in.table, in.safes, {}).package.merged();
    for (auto _ : state) {
        std::string text = ocf_file_text(merged);
        benchmark::DoNotOptimize(text);
    }
    finish(state, in.text.size());
}

void export_text(benchmark::State& state) {
    const input& in = input_of(state.range(0));
    for (auto _ : state) {
        std::string text = ocf_file_text(to_ocf(in.table, in.safes, {}).package.merged());
        benchmark::DoNotOptimize(text);
    }
    finish(state, in.text.size());
}

void export_hand(benchmark::State& state) {
    const input& in = input_of(state.range(0));
    for (auto _ : state) {
        std::string text = hand_export(in.table, in.safes);
        benchmark::DoNotOptimize(text);
    }
    finish(state, in.text.size());
}

void export_only(benchmark::State& state) {
    const input& in = input_of(state.range(0));
    for (auto _ : state) {
        ocf_export out = to_ocf(in.table, in.safes, {});
        benchmark::DoNotOptimize(out);
    }
    state.SetComplexityN(state.range(0));
}

BENCHMARK(parse)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(parse_checked)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(import)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(import_only)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(dump)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(export_text)->Name("export")->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(export_hand)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(export_only)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
