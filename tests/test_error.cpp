// Unit tests for fundround's exception hierarchy, parse_error, diagnostic and validation_error.
#include <fundround/error.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

using namespace fundround;

static_assert(std::is_base_of_v<std::runtime_error, error>, "");
static_assert(std::is_base_of_v<error, overflow_error>, "");
static_assert(std::is_base_of_v<error, currency_mismatch_error>, "");
static_assert(std::is_base_of_v<error, inexact_error>, "");
static_assert(std::is_base_of_v<error, invalid_argument_error>, "");
static_assert(std::is_base_of_v<error, parse_error>, "");
static_assert(std::is_base_of_v<error, validation_error>, "");
static_assert(std::is_base_of_v<std::runtime_error, overflow_error>, "");
static_assert(std::is_base_of_v<std::runtime_error, currency_mismatch_error>, "");
static_assert(std::is_base_of_v<std::runtime_error, inexact_error>, "");
static_assert(std::is_base_of_v<std::runtime_error, invalid_argument_error>, "");
static_assert(std::is_base_of_v<std::runtime_error, parse_error>, "");
static_assert(std::is_base_of_v<std::runtime_error, validation_error>, "");
// Public, unambiguous bases: a catch clause for the base really catches them.
static_assert(std::is_convertible_v<overflow_error*, error*>, "");
static_assert(std::is_convertible_v<parse_error*, std::runtime_error*>, "");
static_assert(std::is_convertible_v<validation_error*, std::runtime_error*>, "");
// The concrete errors are distinct, unrelated types.
static_assert(!std::is_base_of_v<overflow_error, inexact_error>, "");
static_assert(!std::is_base_of_v<invalid_argument_error, parse_error>, "");
static_assert(!std::is_base_of_v<invalid_argument_error, validation_error>, "");
static_assert(std::is_nothrow_copy_constructible_v<error>, "");

namespace {

/// Throws @p e and reports which handler caught it: "error", "runtime_error" or "other".
template <class E>
std::string caught_as_error(const E& e) {
    try {
        throw e;
    } catch (const error& base) {
        return std::string("error: ") + base.what();
    } catch (...) {
        return "other";
    }
}

template <class E>
std::string caught_as_runtime_error(const E& e) {
    try {
        throw e;
    } catch (const std::runtime_error& base) {
        return std::string("runtime_error: ") + base.what();
    } catch (...) {
        return "other";
    }
}

template <class E>
std::string caught_as_exception(const E& e) {
    try {
        throw e;
    } catch (const std::exception& base) {
        return std::string("exception: ") + base.what();
    } catch (...) {
        return "other";
    }
}

}  // namespace

TEST_CASE("every exception is catchable as fundround::error, std::runtime_error and std::exception") {
    CHECK(caught_as_error(error("e")) == "error: e");
    CHECK(caught_as_error(overflow_error("o")) == "error: o");
    CHECK(caught_as_error(currency_mismatch_error("c")) == "error: c");
    CHECK(caught_as_error(inexact_error("i")) == "error: i");
    CHECK(caught_as_error(invalid_argument_error("a")) == "error: a");
    CHECK(caught_as_error(parse_error("x", 0, "r")) == "error: cannot parse \"x\" at position 0: r");
    CHECK(caught_as_error(validation_error("v", {})) == "error: v: 0 problems");

    CHECK(caught_as_runtime_error(overflow_error("o")) == "runtime_error: o");
    CHECK(caught_as_runtime_error(currency_mismatch_error("c")) == "runtime_error: c");
    CHECK(caught_as_runtime_error(inexact_error("i")) == "runtime_error: i");
    CHECK(caught_as_runtime_error(invalid_argument_error("a")) == "runtime_error: a");
    CHECK(caught_as_runtime_error(parse_error("x", 0, "r")) ==
          "runtime_error: cannot parse \"x\" at position 0: r");
    CHECK(caught_as_runtime_error(validation_error("v", {})) == "runtime_error: v: 0 problems");

    CHECK(caught_as_exception(overflow_error("o")) == "exception: o");
    CHECK(caught_as_exception(validation_error("v", {})) == "exception: v: 0 problems");
}

TEST_CASE("the most derived handler wins") {
    std::string which;
    try {
        throw inexact_error("inexact");
    } catch (const overflow_error&) {
        which = "overflow_error";
    } catch (const inexact_error& e) {
        which = std::string("inexact_error: ") + e.what();
    } catch (const error&) {
        which = "error";
    }
    CHECK(which == "inexact_error: inexact");
    CHECK_THROWS_AS(throw currency_mismatch_error("m"), currency_mismatch_error);
    CHECK_THROWS_AS(throw currency_mismatch_error("m"), error);
    CHECK_THROWS_AS(throw parse_error("", 0, "empty"), std::runtime_error);
}

TEST_CASE("parse_error: input, position and message") {
    const parse_error e("12x4", 2, "unexpected 'x'; expected a digit");
    CHECK(e.input() == "12x4");
    CHECK(e.position() == 2);
    CHECK(std::string(e.what()) == "cannot parse \"12x4\" at position 2: unexpected 'x'; expected a digit");

    const parse_error empty("", 0, "expected at least one digit");
    CHECK(empty.input().empty());
    CHECK(empty.position() == 0);
    CHECK(std::string(empty.what()) == "cannot parse \"\" at position 0: expected at least one digit");

    const parse_error far("$1,000,000,000,000,000,000", 26, "too large");
    CHECK(far.position() == 26);
    CHECK(std::string(far.what()) == "cannot parse \"$1,000,000,000,000,000,000\" at position 26: too large");

    // Copies keep everything.
    const parse_error copy = e;
    CHECK(copy.input() == "12x4");
    CHECK(copy.position() == 2);
    CHECK(std::string(copy.what()) == std::string(e.what()));

    // Caught through the base, the derived accessors are still there.
    try {
        throw parse_error("abc", 1, "bad");
    } catch (const error& base) {
        const auto* pe = dynamic_cast<const parse_error*>(&base);
        REQUIRE(pe != nullptr);
        CHECK(pe->input() == "abc");
        CHECK(pe->position() == 1);
    }
}

TEST_CASE("diagnostic: message with and without a value") {
    const diagnostic with{"investors[2].tranches[0].amount", "-$5.00", "must be positive"};
    CHECK(with.message() == "investors[2].tranches[0].amount = -$5.00: must be positive");
    const diagnostic without{"name", "", "is required"};
    CHECK(without.message() == "name: is required");
    const diagnostic space_value{"name", " ", "must not be blank"};
    CHECK(space_value.message() == "name =  : must not be blank");
    const diagnostic empty{};
    CHECK(empty.message() == ": ");
}

TEST_CASE("diagnostic: equality compares field, value and rule") {
    const diagnostic a{"f", "v", "r"};
    CHECK(a == diagnostic{"f", "v", "r"});
    CHECK_FALSE(a != diagnostic{"f", "v", "r"});
    CHECK(a != diagnostic{"g", "v", "r"});
    CHECK(a != diagnostic{"f", "w", "r"});
    CHECK(a != diagnostic{"f", "v", "s"});
    CHECK(a != diagnostic{"f", "", "r"});
    CHECK_FALSE(a == diagnostic{"f", "v", "s"});
    CHECK(diagnostic{} == diagnostic{});
}

TEST_CASE("validation_error: one problem") {
    const std::vector<diagnostic> problems = {{"amount", "$0.00", "must be positive"}};
    const validation_error e("round", problems);
    CHECK(std::string(e.what()) == "round: 1 problem\n  - amount = $0.00: must be positive");
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0] == problems[0]);
    CHECK(e.problems() == problems);
}

TEST_CASE("validation_error: two problems, in input order") {
    const std::vector<diagnostic> problems = {{"name", "", "is required"},
                                              {"investors[1].amount", "-$1.00", "must be positive"}};
    const validation_error e("funding round \"Series A\"", problems);
    CHECK(std::string(e.what()) ==
          "funding round \"Series A\": 2 problems\n"
          "  - name: is required\n"
          "  - investors[1].amount = -$1.00: must be positive");
    REQUIRE(e.problems().size() == 2);
    CHECK(e.problems()[0] == problems[0]);
    CHECK(e.problems()[1] == problems[1]);

    // Copies (as when caught by value) keep the problems.
    const validation_error copy = e;
    CHECK(copy.problems() == problems);
    try {
        throw e;
    } catch (const error& base) {
        const auto* ve = dynamic_cast<const validation_error*>(&base);
        REQUIRE(ve != nullptr);
        CHECK(ve->problems().size() == 2);
        CHECK(std::string(base.what()) == std::string(e.what()));
    }
}

TEST_CASE("validation_error: no problems and many problems") {
    const validation_error none("x", {});
    CHECK(std::string(none.what()) == "x: 0 problems");
    CHECK(none.problems().empty());

    std::vector<diagnostic> three(3, diagnostic{"f", "1", "r"});
    const validation_error many("y", three);
    CHECK(std::string(many.what()) == "y: 3 problems\n  - f = 1: r\n  - f = 1: r\n  - f = 1: r");
    CHECK(many.problems().size() == 3);
}
