// Unit tests for fundround's exception hierarchy, parse_error, diagnostic and validation_error.
#include <fundround/error.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_error {

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

TEST_CASE("parse_error: the input and the unexpected character stay on one line, whole characters") {
    // Regression (review of 2026-12-05): a newline in the input split the message over two lines
    // and a thin space (U+2009) showed as its first byte alone ('\xE2', invalid UTF-8).
    const parse_error nl("20M\n", 3, "unexpected " + detail::quoted_char_at("20M\n", 3) + " after the amount");
    CHECK(std::string(nl.what()) == "cannot parse \"20M\\n\" at position 3: unexpected '\\n' after the amount");
    CHECK(nl.input() == "20M\n");  // the input itself is kept as given
    CHECK(detail::quoted_char_at("a\tb", 1) == "'\\t'");
    CHECK(detail::quoted_char_at("a\x01", 1) == "'\\u0001'");
    CHECK(detail::quoted_char_at("x\x7F", 1) == "'\\u007F'");
    CHECK(detail::quoted_char_at("20\u2009M", 2) == "'\u2009' (U+2009)");
    CHECK(detail::quoted_char_at("1\u20AC", 1) == "'\u20AC' (U+20AC)");
    CHECK(detail::quoted_char_at("\xC3\xA9", 0) == "'\xC3\xA9' (U+00E9)");
    CHECK(detail::quoted_char_at("\xF0\x9F\x98\x80", 0) == "'\xF0\x9F\x98\x80' (U+1F600)");
    CHECK(detail::quoted_char_at("\xE2\x80", 0) == "'\\xE2'");  // cut short: not a character
    CHECK(detail::quoted_char_at("\x80", 0) == "'\\x80'");      // a continuation byte first
    CHECK(detail::quoted_char_at("\xFF", 0) == "'\\xFF'");
    // Overlong forms, surrogates and code points above U+10FFFF are not characters either.
    CHECK(detail::quoted_char_at("\xE0\x80\x80", 0) == "'\\xE0'");
    CHECK(detail::quoted_char_at("\xED\xA0\x80", 0) == "'\\xED'");
    CHECK(detail::quoted_char_at("\xF5\x80\x80\x80", 0) == "'\\xF5'");
    CHECK(detail::quoted_char_at("\xF4\x90\x80\x80", 0) == "'\\xF4'");
    CHECK(detail::quoted_char_at("\xF4\x8F\xBF\xBF", 0) == "'\xF4\x8F\xBF\xBF' (U+10FFFF)");
    CHECK(detail::visible_text("a\rb\x1F\xC3\xA9") == "a\\rb\\u001F\xC3\xA9");
}

TEST_CASE("visible_utf8_text: valid UTF-8 kept, control characters and invalid bytes escaped") {
    CHECK(detail::visible_utf8_text("plain") == "plain");
    CHECK(detail::visible_utf8_text("caf\xC3\xA9 \xE2\x80\x89x") == "caf\xC3\xA9 \xE2\x80\x89x");  // é, a thin space
    CHECK(detail::visible_utf8_text("a\nb\x7F") == "a\\nb\\u007F");
    CHECK(detail::visible_utf8_text("\xff\xfe") == "\\xFF\\xFE");
    CHECK(detail::visible_utf8_text("\xC0\xAF") == "\\xC0\\xAF");          // overlong '/'
    CHECK(detail::visible_utf8_text("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // a surrogate
    CHECK(detail::visible_utf8_text("x\xE2\x80") == "x\\xE2\\x80");         // cut short
    CHECK(detail::visible_utf8_text(std::string("a\0b", 3)) == "a\\u0000b");
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
    const diagnostic with{field_path("investors").index(2).member("tranches").index(0).member("amount"), "-$5.00", "must be positive"};
    CHECK(with.message() == "investors[2].tranches[0].amount = -$5.00: must be positive");
    const diagnostic without{field_path("name"), "", "is required"};
    CHECK(without.message() == "name: is required");
    const diagnostic space_value{field_path("name"), " ", "must not be blank"};
    CHECK(space_value.message() == "name =  : must not be blank");
    const diagnostic empty{};
    CHECK(empty.message() == ": ");
}

TEST_CASE("diagnostic: equality compares field, value and rule") {
    const diagnostic a{field_path("f"), "v", "r"};
    CHECK(a == diagnostic{field_path("f"), "v", "r"});
    CHECK_FALSE(a != diagnostic{field_path("f"), "v", "r"});
    CHECK(a != diagnostic{field_path("g"), "v", "r"});
    CHECK(a != diagnostic{field_path("f"), "w", "r"});
    CHECK(a != diagnostic{field_path("f"), "v", "s"});
    CHECK(a != diagnostic{field_path("f"), "", "r"});
    CHECK_FALSE(a == diagnostic{field_path("f"), "v", "s"});
    CHECK(diagnostic{} == diagnostic{});
}

TEST_CASE("validation_error: one problem") {
    const std::vector<diagnostic> problems = {{field_path("amount"), "$0.00", "must be positive"}};
    const validation_error e("round", problems);
    CHECK(std::string(e.what()) == "round: 1 problem\n  - amount = $0.00: must be positive");
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0] == problems[0]);
    CHECK(e.problems() == problems);
}

TEST_CASE("validation_error: two problems, in input order") {
    const std::vector<diagnostic> problems = {{field_path("name"), "", "is required"},
                                              {field_path("investors").index(1).member("amount"), "-$1.00", "must be positive"}};
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

    std::vector<diagnostic> three(3, diagnostic{field_path("f"), "1", "r"});
    const validation_error many("y", three);
    CHECK(std::string(many.what()) == "y: 3 problems\n  - f = 1: r\n  - f = 1: r\n  - f = 1: r");
    CHECK(many.problems().size() == 3);
}

// Text never silently becomes a path: `diagnostic{"investors[0].name", ...}` does not compile.
static_assert(!std::is_convertible_v<std::string, field_path>, "a path is built from steps, not parsed");
static_assert(!std::is_convertible_v<const char*, field_path>, "a path is built from steps, not parsed");

// ---------------------------------------------------------------------------------------------
// field_path

TEST_CASE("field_path: prints today's text, step by step") {
    CHECK(field_path().to_string().empty());
    CHECK(field_path("pre_money").to_string() == "pre_money");
    const field_path amazon = field_path("investors").index(2, "Amazon");
    CHECK(amazon.to_string() == "investors[2] \"Amazon\"");
    CHECK(amazon.member("tranches").index(0).member("amount").to_string() ==
          "investors[2] \"Amazon\".tranches[0].amount");
    CHECK(field_path("investors").index(0).member("name").to_string() == "investors[0].name");  // no label
    CHECK(field_path("closing").member("investors").index(0, "Amazon").member("kind").to_string() ==
          "closing.investors[0] \"Amazon\".kind");
    CHECK(field_path("scenario").labelled("far").member("milestones").index(0).member("date").to_string() ==
          "scenario \"far\".milestones[0].date");
    CHECK(field_path("odds").key("IPO").member("probability").to_string() == "odds[\"IPO\"].probability");
    CHECK(field_path().index(3).to_string() == "[3]");
    CHECK(field_path().key("k").member("m").to_string() == "[\"k\"].m");
    CHECK(field_path("a.b").size() == 1);  // one member: text is not parsed
    CHECK_THROWS_AS((void)field_path().labelled("x"), invalid_argument_error);
    std::ostringstream os;
    os << field_path("odds").key("IPO");
    CHECK(os.str() == "odds[\"IPO\"]");
    // Control characters in a name, key or label are escaped: a message stays on one line
    // (review of 2026-12-05, second round). The JSON pointer keeps them: it is for programs.
    CHECK(field_path("x\ny").member("z\t").to_string() == "x\\ny.z\\t");
    CHECK(field_path("odds").key("a\rb").to_string() == "odds[\"a\\rb\"]");
    CHECK(field_path("investors").index(0, "A\x01").to_string() == "investors[0] \"A\\u0001\"");
    CHECK(field_path("x\ny").json_pointer() == "/x\ny");
}

TEST_CASE("field_path: JSON pointers (RFC 6901), labels left out, ~ and / escaped") {
    CHECK(field_path().json_pointer().empty());
    CHECK(field_path("investors").index(2, "Amazon").member("tranches").index(0).member("amount").json_pointer() ==
          "/investors/2/tranches/0/amount");
    CHECK(field_path("scenario").labelled("far").member("milestones").index(10).json_pointer() ==
          "/scenario/milestones/10");
    CHECK(field_path("odds").key("a/b").json_pointer() == "/odds/a~1b");
    CHECK(field_path("odds").key("m~n").json_pointer() == "/odds/m~0n");
    // "~1" written by a user is a tilde then a 1: it must not read back as '/'.
    CHECK(field_path("odds").key("~1/").json_pointer() == "/odds/~01~1");
    CHECK(field_path("odds").key("").json_pointer() == "/odds/");
    CHECK(field_path("odds").key("IPO \"2027\"").json_pointer() == "/odds/IPO \"2027\"");
}

TEST_CASE("field_path: equality is structural, labels included") {
    const field_path a = field_path("investors").index(1, "Ada").member("name");
    CHECK(a == field_path("investors").index(1, "Ada").member("name"));
    CHECK(a != field_path("investors").index(1).member("name"));        // label differs
    CHECK(a != field_path("investors").index(2, "Ada").member("name"));  // index differs
    // Same text, different structure: a member "odds[\"x\"]" is not the key x of odds.
    CHECK(field_path("odds").key("x").to_string() == field_path("odds[\"x\"]").to_string());
    CHECK(field_path("odds").key("x") != field_path("odds[\"x\"]"));
    CHECK(field_path().member("x") == field_path("x"));
    CHECK(field_path().index(0) != field_path().key("0"));
    const diagnostic d{a, "", "must not be empty"};
    CHECK(d == diagnostic{field_path("investors").index(1, "Ada").member("name"), "", "must not be empty"});
    CHECK(d != diagnostic{field_path("investors").index(1).member("name"), "", "must not be empty"});
}

TEST_CASE("field_path: prefix, starts_with, rebase") {
    const field_path tranche_in_round = field_path("investors").index(3, "Amazon").member("tranches").index(5);
    const field_path amount = tranche_in_round.member("amount");
    CHECK(amount.starts_with(tranche_in_round));
    CHECK(amount.starts_with(field_path()));
    CHECK(amount.starts_with(amount));
    CHECK_FALSE(tranche_in_round.starts_with(amount));
    CHECK_FALSE(amount.starts_with(field_path("investors").index(3)));  // the label is part of the step
    const field_path in_close = field_path("closing").member("investors").index(0, "Amazon");
    const field_path moved = amount.rebased(tranche_in_round, in_close);
    CHECK(moved == in_close.member("amount"));
    CHECK(moved.to_string() == "closing.investors[0] \"Amazon\".amount");
    CHECK(moved.json_pointer() == "/closing/investors/0/amount");
    CHECK(amount.rebased(amount, field_path()) == field_path());
    CHECK(amount.rebased(field_path(), field_path("rounds").index(0)).json_pointer() ==
          "/rounds/0/investors/3/tranches/5/amount");
    CHECK_THROWS_AS((void)amount.rebased(field_path("closing"), in_close), invalid_argument_error);
    // Prefixing: a relative path made absolute, the same as joining with '/'.
    const field_path relative = field_path("tranches").index(1).member("amount");
    CHECK(relative.prefixed(field_path("rounds").index(2)) == field_path("rounds").index(2) / relative);
    CHECK(relative.prefixed(field_path("rounds").index(2)).json_pointer() == "/rounds/2/tranches/1/amount");
    CHECK(relative.prefixed(field_path()) == relative);
    // A diagnostic rebased keeps its value and rule.
    const diagnostic d{amount, "$0.00", "must be positive"};
    CHECK(d.rebased(tranche_in_round, in_close) == diagnostic{in_close.member("amount"), "$0.00", "must be positive"});
    CHECK(d.rebased(tranche_in_round, in_close).message() ==
          "closing.investors[0] \"Amazon\".amount = $0.00: must be positive");
}

TEST_CASE("field_path: segments") {
    const field_path p = field_path("odds").key("IPO").index(4, "x");
    REQUIRE(p.size() == 3);
    CHECK_FALSE(p.empty());
    CHECK(p.segments()[0] == path_segment{path_step::member, "odds", 0, ""});
    CHECK(p.segments()[1] == path_segment{path_step::key, "IPO", 0, ""});
    CHECK(p.segments()[2] == path_segment{path_step::index, "", 4, "x"});
    CHECK(field_path().empty());
}

TEST_CASE("field_path: steps of any length and content survive the one-string form") {
    // The path keeps its steps in one string, lengths and positions in 7-bit groups: names and
    // labels past 127 and 16,383 bytes, positions past 2^7, 2^14 and up to 2^64 - 1, and bytes
    // the encoding itself uses (0x01, 0x10, 0x80, NUL) must come back exactly.
    const std::string long_name(200, 'n');
    const std::string longer_label(20'000, 'l');
    const std::string odd_bytes = std::string("a\x01" "b\x10" "c") + '\0' + "\x80\xff";
    const std::size_t big = std::numeric_limits<std::size_t>::max();
    const field_path p = field_path(long_name).index(128, longer_label).key(odd_bytes).index(big).index(16'384, odd_bytes);
    const std::vector<path_segment> steps = p.segments();
    REQUIRE(steps.size() == 5);
    CHECK(p.size() == 5);
    CHECK(steps[0] == path_segment{path_step::member, long_name, 0, ""});
    CHECK(steps[1] == path_segment{path_step::index, "", 128, longer_label});
    CHECK(steps[2] == path_segment{path_step::key, odd_bytes, 0, ""});
    CHECK(steps[3] == path_segment{path_step::index, "", big, ""});
    CHECK(steps[4] == path_segment{path_step::index, "", 16'384, odd_bytes});
    // to_string() shows the control characters escaped (a message stays on one line).
    const std::string shown = "a\\u0001b\\u0010c\\u0000\x80\xff";
    CHECK(p.to_string() == long_name + "[128] \"" + longer_label + "\"[\"" + shown + "\"][" + std::to_string(big) +
                               "][16384] \"" + shown + "\"");
    CHECK(p.json_pointer() == "/" + long_name + "/128/" + odd_bytes + "/" + std::to_string(big) + "/16384");
    // A prefix is a prefix of steps, never of bytes: "investors" does not start "investorsX" (nor
    // does [1] start [12]), and a path does not start with a longer one.
    CHECK_FALSE(field_path("investorsX").starts_with(field_path("investors")));
    CHECK_FALSE(field_path("a").index(12).starts_with(field_path("a").index(1)));
    CHECK_FALSE(field_path("a").starts_with(field_path("a").member("b")));
    CHECK(p.starts_with(field_path(long_name).index(128, longer_label)));
    CHECK_FALSE(p.starts_with(field_path(long_name).index(128)));  // labels are part of a step
    // labelled() replaces the last step's label, and an empty label is no label: the paths are
    // then equal step for step, and print the same.
    const field_path x = field_path("scenario").index(3, "near");
    CHECK(x.labelled("far") == field_path("scenario").index(3, "far"));
    CHECK(x.labelled("far").to_string() == "scenario[3] \"far\"");
    CHECK(x.labelled("") == field_path("scenario").index(3));
    CHECK(field_path("a").index(2, "") == field_path("a").index(2));
    CHECK(field_path("a").member("b").labelled(long_name).segments()[1] ==
          path_segment{path_step::member, "b", 0, long_name});
    CHECK(p.rebased(field_path(long_name), field_path("r")).segments()[0] == path_segment{path_step::member, "r", 0, ""});
    CHECK(p.rebased(field_path(long_name), field_path("r")).size() == 5);
}

}  // namespace test_error
