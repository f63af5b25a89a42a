// Holders on a cap table: stable ids, the name key, and validate_holders() — exact duplicates
// rejected, near-duplicates ("SoftBank", "Softbank", "SoftBank ") flagged unless declared distinct.
#include <fundround/company/holder.hpp>

#include <doctest/doctest.h>

#include "support/fundround_test.hpp"

#include <cstddef>
#include <sstream>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_holder {

using namespace fundround;

namespace {

std::string streamed(const holder& h) {
    std::ostringstream os;
    os << h;
    return os.str();
}

}  // namespace

TEST_CASE("holder_kind: names as written in code") {
    static_assert(to_string(holder_kind::founder) == "founder");
    CHECK(to_string(holder_kind::founder) == "founder");
    CHECK(to_string(holder_kind::employee) == "employee");
    CHECK(to_string(holder_kind::investor) == "investor");
    CHECK(to_string(holder_kind::advisor) == "advisor");
    CHECK(to_string(holder_kind::other) == "other");
}

TEST_CASE("holder: id separate from the display name") {
    const holder sb = holder::investor("softbank-vf2", "SoftBank Vision Fund 2");
    CHECK(sb.id() == holder_id("softbank-vf2"));
    CHECK(sb.name() == "SoftBank Vision Fund 2");
    CHECK(sb.kind() == holder_kind::investor);
    CHECK(streamed(sb) == "SoftBank Vision Fund 2 [softbank-vf2] (investor)");
    // Renaming keeps the identity; equality compares everything.
    const holder renamed(holder_id("softbank-vf2"), "SVF II", holder_kind::investor);
    CHECK(renamed.id() == sb.id());
    CHECK(renamed != sb);
    CHECK(holder::founder("a", "A").kind() == holder_kind::founder);
    CHECK(holder::employee("a", "A").kind() == holder_kind::employee);
    CHECK(holder::advisor("a", "A").kind() == holder_kind::advisor);
    CHECK(holder(holder_id("a"), "A").kind() == holder_kind::other);
    // Ids compare exactly: a near-identical id is another id.
    CHECK(holder_id("SoftBank") != holder_id("Softbank"));
    CHECK(holder_id("a") < holder_id("b"));
    CHECK(holder_id().empty());
    const std::unordered_set<holder_id> ids{holder_id("x"), holder_id("x"), holder_id("y")};
    CHECK(ids.size() == 2);
}

TEST_CASE("holder: std::hash, consistent with ==, for unordered sets of holders") {
    const holder sb = holder::investor("softbank-vf2", "SoftBank Vision Fund 2");
    const holder renamed(holder_id("softbank-vf2"), "SVF II", holder_kind::investor);
    const std::hash<holder> hash;
    CHECK(hash(sb) == hash(holder::investor("softbank-vf2", "SoftBank Vision Fund 2")));
    CHECK(hash(sb) == std::hash<holder_id>()(sb.id()));
    // Equal holders land in one element; a renamed holder (same id) is another holder.
    const std::unordered_set<holder> set{sb, holder::investor("softbank-vf2", "SoftBank Vision Fund 2"), renamed,
                                         holder::founder("f1", "Ada")};
    CHECK(set.size() == 3);
    CHECK(set.count(renamed) == 1);
    CHECK(set.count(holder::founder("f1", "Ada Lovelace")) == 0);
}

TEST_CASE("holder_name_key: case, whitespace and punctuation do not count") {
    CHECK(holder_name_key("SoftBank") == "softbank");
    CHECK(holder_name_key("Softbank") == "softbank");
    CHECK(holder_name_key("SoftBank ") == "softbank");
    CHECK(holder_name_key(" Soft-Bank, Inc.") == "softbankinc");
    CHECK(holder_name_key("Fund II") != holder_name_key("Fund III"));
    CHECK(holder_name_key("Fund 2") == "fund2");
    CHECK(holder_name_key("Zoë") == "zo\xc3\xab");  // UTF-8 kept byte for byte
    CHECK(holder_name_key(" \t.-") == "");
    // Control characters are dropped too (the documentation said every other byte was kept).
    CHECK(holder_name_key("Soft\x01" "Bank\x7f") == "softbank");
}

TEST_CASE("validate_holders: SoftBank, Softbank and \"SoftBank \" are flagged, not three holders") {
    const std::vector<holder> hs{holder::investor("sb1", "SoftBank"), holder::investor("sb2", "Softbank"),
                                 holder::investor("sb3", "SoftBank ")};
    const std::vector<diagnostic> d = validate_holders(hs);
    REQUIRE(d.size() == 2);
    CHECK(d[0] == diagnostic{field_path("holders").index(1).member("name"), "\"Softbank\"",
                             "nearly duplicates holders[0] \"SoftBank\" (ids \"sb1\" and \"sb2\"); use one "
                             "holder, or declare the two distinct"});
    CHECK(d[1] == diagnostic{field_path("holders").index(2).member("name"), "\"SoftBank \"",
                             "nearly duplicates holders[0] \"SoftBank\" (ids \"sb1\" and \"sb3\"); use one "
                             "holder, or declare the two distinct"});
    // The paths are structured: the same path as text and as a JSON pointer.
    CHECK(d[1].field.to_string() == "holders[2].name");
    CHECK(d[1].field.json_pointer() == "/holders/2/name");
}

TEST_CASE("validate_holders: declared distinct pairs are accepted, in either order") {
    const std::vector<holder> hs{holder::founder("js-1", "John Smith"), holder::employee("js-2", "John Smith"),
                                 holder::employee("js-3", "john smith")};
    const std::vector<diagnostic> d0 = validate_holders(hs);
    REQUIRE(d0.size() == 2);
    CHECK(d0[0].field.to_string() == "holders[1].name");
    CHECK(d0[0].rule.rfind("is the same name as holders[0]", 0) == 0);
    CHECK(d0[1].field.to_string() == "holders[2].name");
    // Declaring 1~2 only: holder 2 still nearly duplicates 0 (or 1).
    const std::vector<diagnostic> d1 = validate_holders(hs, {{holder_id("js-2"), holder_id("js-1")}});
    REQUIRE(d1.size() == 1);
    CHECK(d1[0].field.to_string() == "holders[2].name");
    // Holder 2 declared distinct from 0 but not from 1: compared with 1 next.
    const std::vector<diagnostic> d2 =
        validate_holders(hs, {{holder_id("js-1"), holder_id("js-2")}, {holder_id("js-3"), holder_id("js-1")}});
    REQUIRE(d2.size() == 1);
    CHECK(d2[0].field.to_string() == "holders[2].name");
    CHECK(d2[0].rule.find("holders[1]") != std::string::npos);
    CHECK(validate_holders(hs, {{holder_id("js-1"), holder_id("js-2")},
                                {holder_id("js-1"), holder_id("js-3")},
                                {holder_id("js-3"), holder_id("js-2")}})
              .empty());
}

TEST_CASE("validate_holders: exact duplicate ids and empty fields, every problem at once") {
    const std::vector<holder> hs{holder::founder("ada", "Ada"), holder(holder_id(), "Nobody"),
                                 holder::founder("ada", "Ada Lovelace"), holder::advisor("x", " - ")};
    const std::vector<diagnostic> d = validate_holders(hs);
    REQUIRE(d.size() == 3);
    CHECK(d[0] == diagnostic{field_path("holders").index(1).member("id"), "", "must not be empty"});
    CHECK(d[1] == diagnostic{field_path("holders").index(3).member("name"), "\" - \"", "must contain a letter or digit"});
    CHECK(d[2] == diagnostic{field_path("holders").index(2).member("id"), "\"ada\"",
                             "duplicates the id of holders[0]; a holder appears once (merge the two)"});
}

TEST_CASE("validate_holders property: n distinct names pass; each injected near-duplicate is reported once") {
    fundround_test::lcg rng{12345};
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t n = 1 + static_cast<std::size_t>(rng.next(200));
        std::vector<holder> hs;
        for (std::size_t i = 0; i < n; ++i) {
            hs.push_back(holder::investor("id" + std::to_string(i), "Holder " + std::to_string(i)));
        }
        CHECK(validate_holders(hs).empty());
        // Near-duplicates of random earlier holders: upper case plus a trailing space.
        const std::size_t extra = static_cast<std::size_t>(rng.next(5));
        for (std::size_t e = 0; e < extra; ++e) {
            const std::size_t of = static_cast<std::size_t>(rng.next(n));
            hs.push_back(holder::investor("dup" + std::to_string(e), "HOLDER " + std::to_string(of) + " "));
        }
        const std::vector<diagnostic> d = validate_holders(hs);
        CHECK(d.size() == extra);
        for (std::size_t e = 0; e < d.size(); ++e) {
            CHECK(d[e].field.to_string() == "holders[" + std::to_string(n + e) + "].name");
        }
    }
}

// The in-place key comparison the company layer uses on the success path (no key is built):
// it orders names exactly as their holder_name_key() strings compare, and finds them empty
// exactly when the key is. Random names over letters of both cases, digits, spaces,
// punctuation and UTF-8 bytes.
TEST_CASE("compare_name_keys and name_key_empty agree with holder_name_key") {
    fundround_test::lcg rng{20261202};
    const std::string alphabet = "aAbBzZ09 -.,'&\t\xc3\xa9";
    const auto random_name = [&] {
        std::string s;
        const auto n = static_cast<std::size_t>(rng.next(6));
        for (std::size_t i = 0; i < n; ++i) s += alphabet[static_cast<std::size_t>(rng.next(alphabet.size()))];
        return s;
    };
    const auto sign = [](int x) { return (x > 0) - (x < 0); };
    for (int trial = 0; trial < 40'000; ++trial) {
        // Half of the pairs share a prefix (compare_name_keys skips a common prefix first).
        const std::string prefix = trial % 2 == 0 ? random_name() : std::string();
        const std::string a = prefix + random_name();
        const std::string b = prefix + random_name();
        CAPTURE(a);
        CAPTURE(b);
        const std::string ka = holder_name_key(a);
        const std::string kb = holder_name_key(b);
        CHECK(sign(detail::compare_name_keys(a, b)) == sign(ka.compare(kb)));
        CHECK(detail::name_key_empty(a) == ka.empty());
        // The round builder's name order: by key, then by the exact name.
        CHECK(detail::name_key_less(a, b) == (ka < kb || (ka == kb && a < b)));
    }
    CHECK(detail::compare_name_keys("SoftBank ", "Soft-bank") == 0);
    CHECK(detail::compare_name_keys("Soft", "SoftBank") < 0);
    CHECK(detail::name_key_empty(" - . "));
}

TEST_CASE("validate_holders: a kind outside the enumeration is a problem naming the integer and the names") {
    // Regression: it was accepted (to_string() gave "unknown", written so into the deal file).
    const std::vector<holder> hs = {holder::founder("ada", "Ada"), holder(holder_id("x"), "Xavier", static_cast<holder_kind>(5))};
    const std::vector<diagnostic> d = validate_holders(hs);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message() == "holders[1].kind = 5: must be founder, employee, investor, advisor or other");
    CHECK(to_string(hs[1].kind()) == "unknown");
}

}  // namespace test_holder
