// Reading and validating a deal file (json/deal_file.hpp) against parsing the same text alone.
//
// The document of size n: a cap table of n holders (each holding common, one in ten an option
// grant from the one pool), one funding round of n tranches (n/4 investors of 4 tranches: at
// close, on a date, on a milestone, on all of a milestone and a long stop), n/100 SAFEs of
// holders on the table, and a scenario on the round's milestone. Written as write_deal_file()
// writes it (every member, indented), so the text is what a user's file looks like.
//
//   parse/n      nlohmann::json::parse(text): the baseline, THE SAME text in this binary.
//   parse_checked/n  parse_json_text(text): the same parse, building the same document, that
//                also finds member names repeated in an object (what parse_deal_file() parses with).
//   read/n       parse_deal_file(text): the parse plus reading every member into fundround's
//                values, with every check (cap_table_builder, round_builder, the SAFEs' and
//                scenario's references). The ratio read / parse is the cost of the checks and
//                the values; the issue's goal is linear in n and within 3x of parse.
//   read_only/n  read_deal_file on the already parsed document (read - parse, measured alone).
#include <fundround/json/deal_file.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace fundround;

std::string make_text(std::int64_t n) {
    nlohmann::json doc;
    doc["fundround_deal"] = 1;
    doc["company"] = "Bench";
    nlohmann::json& t = doc["cap_table"];
    t["currency"] = "USD";
    t["classes"] = nlohmann::json::array({{{"name", "Common"}, {"kind", "common"}}});
    t["pools"] = nlohmann::json::array({{{"name", "Plan"}, {"share_class", "Common"}, {"authorized", n * 1000}}});
    nlohmann::json& holders = t["holders"] = nlohmann::json::array();
    nlohmann::json& holdings = t["holdings"] = nlohmann::json::array();
    nlohmann::json& grants = t["grants"] = nlohmann::json::array();
    for (std::int64_t i = 0; i < n; ++i) {
        const std::string id = "h" + std::to_string(i);
        holders.push_back({{"id", id}, {"name", "Holder " + std::to_string(i)}, {"kind", "employee"}});
        holdings.push_back({{"holder", id}, {"share_class", "Common"}, {"shares", 1000 + i % 977}});
        if (i % 10 == 0) {
            grants.push_back({{"holder", id}, {"pool", "Plan"}, {"shares", 100 + i % 13},
                              {"exercise_price", {{"amount", "0.1 USD"}, {"shares", 1}}}});
        }
    }
    nlohmann::json round = {{"name", "Round"}, {"currency", "USD"}, {"pre_money", "900000000000 USD"},
                            {"close_date", "2026-02-27"}};
    const nlohmann::json last_condition = nlohmann::json::parse(R"({"kind": "long_stop", "date": "2028-12-31", "part":
        {"kind": "all_of", "parts": [{"kind": "milestone", "name": "approval"}, {"kind": "on_or_after", "date": "2027-06-30"}]}})");
    nlohmann::json& investors = round["investors"] = nlohmann::json::array();
    for (std::int64_t k = 0; k < n / 4; ++k) {
        const std::string amount = std::to_string(1000 + k % 997) + " USD";
        nlohmann::json tranches = nlohmann::json::array();
        tranches.push_back({{"amount", amount}, {"condition", {{"kind", "always"}}}});
        tranches.push_back({{"amount", amount}, {"condition", {{"kind", "on_or_after"}, {"date", "2027-01-31"}}}});
        tranches.push_back({{"amount", amount}, {"condition", {{"kind", "milestone"}, {"name", "approval"}}}});
        tranches.push_back({{"amount", amount}, {"condition", last_condition}});
        investors.push_back({{"name", "Investor " + std::to_string(k)}, {"kind", "financial"}, {"lead", false},
                             {"tranches", std::move(tranches)}});
    }
    doc["rounds"] = nlohmann::json::array({std::move(round)});
    nlohmann::json& safes = doc["safes"] = nlohmann::json::array();
    for (std::int64_t i = 0; i < n / 100; ++i) {
        safes.push_back({{"holder", "h" + std::to_string(i * 100)}, {"purchase_amount", "100000 USD"}, {"date", "2025-03-01"},
                         {"valuation_cap", "10000000 USD"}});
    }
    doc["scenarios"] = nlohmann::json::array(
        {{{"name", "approved"}, {"milestones", {{{"name", "approval"}, {"outcome", "achieved"}, {"date", "2027-03-31"}}}}}});
    std::string text = doc.dump(2);
    // The text must read: a benchmark of a reader that fails would measure the error path.
    const deal_file d = parse_deal_file(text);
    if (d.cap_table_before->holders().size() != static_cast<std::size_t>(n) ||
        d.rounds.front().commitments().size() != static_cast<std::size_t>(n / 4)) {
        throw std::logic_error("bench_json: the document did not read as built");
    }
    return text;
}

const std::string& text_of(std::int64_t n) {
    static std::vector<std::pair<std::int64_t, std::string>> cache;
    for (const auto& [size, text] : cache) {
        if (size == n) return text;
    }
    cache.emplace_back(n, make_text(n));
    return cache.back().second;
}

void parse(benchmark::State& state) {
    const std::string& text = text_of(state.range(0));
    for (auto _ : state) {
        nlohmann::json j = nlohmann::json::parse(text);
        benchmark::DoNotOptimize(j);
    }
    state.SetComplexityN(state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

void parse_checked(benchmark::State& state) {
    const std::string& text = text_of(state.range(0));
    for (auto _ : state) {
        parsed_json j = parse_json_text(text);
        benchmark::DoNotOptimize(j);
    }
    state.SetComplexityN(state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

void read(benchmark::State& state) {
    const std::string& text = text_of(state.range(0));
    for (auto _ : state) {
        deal_file d = parse_deal_file(text);
        benchmark::DoNotOptimize(d);
    }
    state.SetComplexityN(state.range(0));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

void read_only(benchmark::State& state) {
    const nlohmann::json doc = nlohmann::json::parse(text_of(state.range(0)));
    for (auto _ : state) {
        json_reader r;
        auto d = read_deal_file(r, doc);
        benchmark::DoNotOptimize(d);
    }
    state.SetComplexityN(state.range(0));
}

BENCHMARK(parse)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(parse_checked)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(read)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(read_only)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
