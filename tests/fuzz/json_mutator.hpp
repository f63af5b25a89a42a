// A structure-aware mutation of JSON inputs for the libFuzzer targets whose input is a JSON
// document (fuzz_ocf.cpp, fuzz_cli.cpp): most mutations keep the document close to a valid one,
// so that the reader accepts it and what comes after reading is exercised too.
#ifndef FUNDROUND_TESTS_FUZZ_JSON_MUTATOR_HPP
#define FUNDROUND_TESTS_FUZZ_JSON_MUTATOR_HPP

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace fundround_fuzz {

/// Every value of @p j (objects, arrays and leaves), depth first.
inline void values_of(nlohmann::json& j, std::vector<nlohmann::json*>& out) {
    out.push_back(&j);
    if (j.is_object() || j.is_array()) {
        for (auto& v : j) values_of(v, out);
    }
}

/// One structure-keeping change to the JSON document @p j: a value's text mutated by libFuzzer,
/// a value replaced by a copy of another, a member or element removed, an element duplicated,
/// or a number written as a string (OCF's Numerics are strings: mutations stay close to valid
/// packages, so that imports succeed and the round-trip invariant is exercised).
inline void mutate_json(nlohmann::json& j, std::minstd_rand& rng) {
    std::vector<nlohmann::json*> all;
    values_of(j, all);
    nlohmann::json& v = *all[rng() % all.size()];
    switch (rng() % 6) {
        case 0:
        case 1: {  // the text of a string or number, mutated
            std::string text = v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            text.resize(text.size() + 16);
            const std::size_t n = LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(&text[0]), text.size() - 16, text.size());
            text.resize(n);
            if (v.is_string() || v.is_null()) {
                v = text;
            } else if (!v.is_object() && !v.is_array()) {
                nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
                v = parsed.is_discarded() ? nlohmann::json(text) : parsed;
            }
            break;
        }
        case 2:  // a copy of another value
            v = *all[rng() % all.size()];
            break;
        case 3:  // a member or an element removed
            if (v.is_object() && !v.empty()) {
                auto it = v.begin();
                std::advance(it, static_cast<std::ptrdiff_t>(rng() % v.size()));
                v.erase(it);
            } else if (v.is_array() && !v.empty()) {
                v.erase(rng() % v.size());
            }
            break;
        case 4:  // an element duplicated
            if (v.is_array() && !v.empty()) v.push_back(v[rng() % v.size()]);
            break;
        default:  // a number as a string, a string as a number
            if (v.is_number()) {
                v = v.dump();
            } else if (v.is_string()) {
                nlohmann::json parsed = nlohmann::json::parse(v.get<std::string>(), nullptr, false);
                if (!parsed.is_discarded() && parsed.is_number()) v = parsed;
            }
            break;
    }
}

/// The custom mutator of a target whose inputs are JSON documents (LLVMFuzzerCustomMutator's
/// arguments): most of the time one to three structure-keeping changes (mutate_json) and the
/// document written again, else (an input that is not JSON, one time in eight, or a result
/// longer than @p max_size) libFuzzer's own byte mutation. A mutated string that is not UTF-8 is
/// written with U+FFFD, so the readers always see JSON text.
inline std::size_t mutate_json_input(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned int seed) {
    std::minstd_rand rng(seed + 1);
    nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, false);
    if (j.is_discarded() || rng() % 8 == 0) return LLVMFuzzerMutate(data, size, max_size);
    for (unsigned k = 1 + rng() % 3; k > 0; --k) mutate_json(j, rng);
    const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
    std::memcpy(data, text.data(), text.size());
    return text.size();
}

}  // namespace fundround_fuzz

#endif  // FUNDROUND_TESTS_FUZZ_JSON_MUTATOR_HPP
