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
#include <fundround/company/cap_table.hpp>
#include <fundround/json/ocf.hpp>
#include <fundround/numeric/literals.hpp>

#include <benchmark/benchmark.h>

#include "bench_tables.hpp"

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
BENCHMARK(export_only)->RangeMultiplier(10)->Range(1000, 100000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
