/// @file deal_file.hpp
/// @brief A deal as one JSON document (a "deal file"): the company's cap table and its funding
/// rounds, read with every problem at its JSON pointer and written back exactly (needs
/// nlohmann/json: the `fundround::json` target).
#ifndef FUNDROUND_JSON_DEAL_FILE_HPP
#define FUNDROUND_JSON_DEAL_FILE_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/flows.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/error.hpp>
#include <fundround/json.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The format version a deal file states in "fundround_deal" (written by to_json, checked on reading).
inline constexpr int deal_file_version = 1;

/// A deal as one document: the company, its cap table before the rounds, and its funding rounds.
struct deal_file {
    /// The company's name ("" when the file names none).
    std::string company;
    /// The cap table before the rounds of this file (none when the file describes rounds only).
    std::optional<cap_table> cap_table_before;
    /// The funding rounds (investors, tranches, conditions), in the file's order.
    std::vector<funding_round> rounds;
    /// Priced rounds on the cap table, applied in order (round_chain from cap_table_before).
    std::vector<cap_table_round> priced_rounds;
    /// SAFEs outstanding on cap_table_before.
    std::vector<safe> safes;
    /// Convertible notes outstanding on cap_table_before.
    std::vector<convertible_note> notes;
    /// Named scenarios (milestones settling on dates) for the funding rounds.
    std::vector<scenario> scenarios;
    /// What the company commits to pay beside its equity (the net-flows report).
    std::vector<counter_commitment> counter_commitments;

    /// The round called @p name; throws invalid_argument_error naming the rounds there are.
    [[nodiscard]] const funding_round& round(std::string_view name) const {
        std::string names;
        for (const funding_round& r : rounds) {
            if (r.name() == name) return r;
            names += std::string(names.empty() ? "" : ", ") + "\"" + r.name() + "\"";
        }
        throw invalid_argument_error("round = \"" + std::string(name) + "\": not in the deal file (its rounds: " +
                                     (names.empty() ? std::string("none") : names) + ")");
    }
};

/// Reads a deal file: {"fundround_deal": 1, "company", "cap_table"?, "rounds"?}; every problem
/// is reported at its JSON pointer (returns nothing after recording them).
inline std::optional<deal_file> read_deal_file(json_reader& r, const nlohmann::json& j, const field_path& at = {}) {
    if (!r.expect_object(j, at, "a deal file", {"fundround_deal", "company", "cap_table", "rounds"})) {
        return std::nullopt;
    }
    const std::size_t before = r.problems().size();
    deal_file out;
    if (const auto* v = r.required(j, at, "fundround_deal")) {
        if (!v->is_number_integer() || v->get<long long>() != deal_file_version) {
            r.report(at.member("fundround_deal"), detail::json_value_text(*v),
                     "must be " + std::to_string(deal_file_version) + ", the deal file format this fundround reads");
        }
    }
    if (const auto* v = json_reader::member(j, "company")) {
        out.company = r.read_string(*v, at.member("company")).value_or("");
    }
    if (const auto* v = json_reader::member(j, "cap_table")) {
        out.cap_table_before = r.read_cap_table(*v, at.member("cap_table"));
    }
    if (const auto* v = json_reader::member(j, "rounds")) {
        const field_path list = at.member("rounds");
        if (!v->is_array()) {
            r.report(list, detail::json_value_text(*v), "must be an array of rounds, not " + detail::json_type_phrase(*v));
        } else {
            for (std::size_t i = 0; i < v->size(); ++i) {
                if (auto round = r.read_round((*v)[i], list.index(i))) out.rounds.push_back(std::move(*round));
            }
            for (std::size_t i = 0; i < out.rounds.size(); ++i) {
                for (std::size_t k = 0; k < i; ++k) {
                    if (out.rounds[k].name() == out.rounds[i].name()) {
                        r.report(list.index(i).member("name"), "\"" + out.rounds[i].name() + "\"",
                                 "must be unique: rounds are named on the command line and in reports");
                    }
                }
            }
        }
    }
    if (r.problems().size() != before) return std::nullopt;
    return out;
}

/// A deal file as the object read_deal_file() reads (the format version first).
inline void to_json(nlohmann::json& j, const deal_file& d) {
    j = nlohmann::json::object();
    j["fundround_deal"] = deal_file_version;
    j["company"] = d.company;
    if (d.cap_table_before) j["cap_table"] = *d.cap_table_before;
    j["rounds"] = d.rounds;
}

/// Reads a deal file from a parsed document; throws json_error with every problem at its pointer.
[[nodiscard]] inline deal_file read_deal_file_json(const nlohmann::json& j) {
    return detail::read_json_with("deal file", [&](json_reader& r) { return read_deal_file(r, j); });
}

/// Parses @p text and reads a deal file; text that is not JSON is one problem at the root.
[[nodiscard]] inline deal_file parse_deal_file(std::string_view text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw json_error("deal file is invalid", {{field_path(), "", std::string("is not valid JSON: ") + e.what()}});
    }
    return read_deal_file_json(j);
}

/// The deal file as JSON text, indented by two spaces (what parse_deal_file() reads back equal).
[[nodiscard]] inline std::string write_deal_file(const deal_file& d) {
    nlohmann::json j = d;
    return j.dump(2) + "\n";
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_JSON_DEAL_FILE_HPP
