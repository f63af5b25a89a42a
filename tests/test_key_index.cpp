// detail::key_index: the open-addressing index behind the classification's memo tables
// (deal/classify.hpp). Checked against std::map on keys chosen to collide in the slot table.
#include <fundround/detail/key_index.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_key_index {

using fundround::detail::key_index;

TEST_CASE("key_index: empty, insert, find, the first value of a key stays") {
    key_index index;
    CHECK(index.size() == 0);
    CHECK(index.find(42) == nullptr);
    CHECK(index.find_or_insert(42, 7) == 7);
    CHECK(index.find_or_insert(42, 9) == 7);  // present: the stored value, no overwrite
    REQUIRE(index.find(42) != nullptr);
    CHECK(*index.find(42) == 7);
    CHECK(index.find(43) == nullptr);
    CHECK(index.size() == 1);
    CHECK(index.find_or_insert(0, 0) == 0);  // key 0 and value 0 are ordinary
    REQUIRE(index.find(0) != nullptr);
    CHECK(*index.find(0) == 0);
    CHECK(index.size() == 2);
}

TEST_CASE("key_index: agrees with std::map through many growths (property)") {
    key_index index;
    std::map<std::uint64_t, std::uint32_t> model;
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (std::uint32_t i = 0; i < 20000; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        // Half the keys are multiples of 2^20 (equal low bits), a quarter repeat earlier keys.
        const std::uint64_t key = (i % 4 == 3) ? (x % (i + 1)) << 20 : (i % 2 == 0 ? x : x << 20);
        const auto expected = model.emplace(key, i).first->second;
        CHECK(index.find_or_insert(key, i) == expected);
    }
    CHECK(index.size() == model.size());
    for (const auto& [key, value] : model) {
        const std::uint32_t* found = index.find(key);
        REQUIRE(found != nullptr);
        CHECK(*found == value);
    }
    for (std::uint64_t k = 0; k < 5000; ++k) {  // absent keys are not found
        CHECK((index.find(k << 20) != nullptr) == (model.count(k << 20) != 0));
        CHECK((index.find(k * 7 + 1) != nullptr) == (model.count(k * 7 + 1) != 0));
    }
}

}  // namespace test_key_index
