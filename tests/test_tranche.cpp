// Unit tests for fundround/deal/tranche.hpp: factories, modifiers, validate() diagnostics, equality, printing.
#include <fundround/deal/tranche.hpp>
#include <fundround/numeric/literals.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include "support/doctest_printers.hpp"

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_tranche {

namespace fr = fundround;
using fr::year;
using namespace fundround::literals;
using fr::calendar_date;
using fr::condition;
using fr::diagnostic;
using fr::money;
using fr::tranche;


namespace {

calendar_date ymd(int y, unsigned m, unsigned dd) { return year{y} / m / dd; }

std::string text_of(const tranche& t) {
    std::ostringstream os;
    os << t;
    return os.str();
}

const fr::field_path kPath = fr::field_path("investors").index(0).member("tranches").index(1);

}  // namespace

TEST_CASE("tranche::at_close and the default constructor") {
    const tranche t = tranche::at_close(15_B);
    CHECK(t.amount() == 15_B);
    CHECK(t.condition() == fr::at_close());
    CHECK(t.condition().kind() == fr::condition_kind::always);
    CHECK_FALSE(t.expected_date().has_value());
    CHECK(t.label().empty());
    CHECK_FALSE(t.is_conditional());
    CHECK(text_of(t) == "$15B at close");

    CHECK(tranche(15_B) == t);
    CHECK(tranche(15_B, condition::always(), std::nullopt, "") == t);
    CHECK(tranche(15_B, fr::at_close(), ymd(2026, 2, 27), "first") ==
          t.expected_on(ymd(2026, 2, 27)).labelled("first"));
}

TEST_CASE("tranche::on: on or after the date, expected on it") {
    const tranche t = tranche::on(10_B, ymd(2026, 6, 30));
    CHECK(t.amount() == 10_B);
    CHECK(t.condition() == fr::on_or_after(ymd(2026, 6, 30)));
    CHECK(t.expected_date() == std::optional<calendar_date>(ymd(2026, 6, 30)));
    CHECK(t.label().empty());
    CHECK_FALSE(t.is_conditional());
    CHECK(text_of(t) == "$10B on or after 2026-06-30, expected 2026-06-30");
    CHECK(t.validate(kPath).empty());
    CHECK_THROWS_WITH_AS((void)tranche::on(10_B, ymd(2026, 2, 30)), "on_or_after = 2026-02-30: is not a valid calendar date",
                         fr::invalid_argument_error);
}

TEST_CASE("tranche::when: conditional payment, optional expected date") {
    const condition cond = fr::milestone("certain conditions").with_long_stop(ymd(2026, 12, 31));
    const tranche t = tranche::when(35_B, cond, ymd(2026, 9, 30));
    CHECK(t.amount() == 35_B);
    CHECK(t.condition() == cond);
    CHECK(t.expected_date() == std::optional<calendar_date>(ymd(2026, 9, 30)));
    CHECK(t.is_conditional());
    CHECK(text_of(t) == "$35B milestone \"certain conditions\" by 2026-12-31, expected 2026-09-30");

    const tranche no_date = tranche::when(35_B, fr::milestone("certain conditions"));
    CHECK_FALSE(no_date.expected_date().has_value());
    CHECK(no_date.is_conditional());
    CHECK(text_of(no_date) == "$35B milestone \"certain conditions\"");

    // Time-only conditions are not "conditional".
    CHECK_FALSE(tranche::when(1_B, fr::on_or_after(ymd(2027, 1, 1)).with_long_stop(ymd(2027, 6, 30)))
                    .is_conditional());
    CHECK(tranche::when(1_B, fr::on_or_after(ymd(2027, 1, 1)) || !fr::milestone("IPO")).is_conditional());
}

TEST_CASE("labelled and expected_on return modified copies") {
    const tranche base = tranche::when(2.5_B, fr::milestone("FDA approval"));
    const tranche named = base.labelled("second tranche");
    CHECK(named.label() == "second tranche");
    CHECK(base.label().empty());
    CHECK(named.amount() == base.amount());
    CHECK(named.condition() == base.condition());
    CHECK(text_of(named) == "$2.5B milestone \"FDA approval\" [second tranche]");

    // Labels are taken as string views and copied in: a std::string or a view of part of one.
    std::string text = "third tranche (late)";
    const tranche third = base.labelled(std::string_view(text).substr(0, 13));
    const tranche relabelled = named.labelled(text);
    text = "changed";
    CHECK(third.label() == "third tranche");
    CHECK(relabelled.label() == "third tranche (late)");
    CHECK(named.label() == "second tranche");
    CHECK(tranche(1_M, fr::condition(), std::nullopt, std::string_view("by view")).label() == "by view");

    const tranche dated = named.expected_on(ymd(2027, 3, 31));
    CHECK(dated.expected_date() == std::optional<calendar_date>(ymd(2027, 3, 31)));
    CHECK_FALSE(named.expected_date().has_value());
    CHECK(dated.label() == "second tranche");
    CHECK(text_of(dated) == "$2.5B milestone \"FDA approval\", expected 2027-03-31 [second tranche]");

    // Re-labelling and re-dating replace the previous values.
    CHECK(dated.labelled("x").label() == "x");
    CHECK(dated.labelled("").label().empty());
    CHECK(text_of(dated.labelled("")) == "$2.5B milestone \"FDA approval\", expected 2027-03-31");
    CHECK(tranche::on(1_B, ymd(2026, 6, 30)).expected_on(ymd(2026, 7, 15)).expected_date() ==
          std::optional<calendar_date>(ymd(2026, 7, 15)));
    // expected_on does not validate: validate() reports the problem instead.
    CHECK_NOTHROW((void)base.expected_on(ymd(2026, 2, 30)));
}

TEST_CASE("operator<< uses the compact amount") {
    CHECK(text_of(tranche::at_close(money::from_major(1'250'000'000'000))) == "$1.25T at close");
    CHECK(text_of(tranche::at_close(15.5_M)) == "$15.5M at close");
    CHECK(text_of(tranche::at_close(25_K)) == "$25K at close");
    CHECK(text_of(tranche::at_close(950_usd)) == "$950 at close");
    CHECK(text_of(tranche::at_close(money::from_major(300'000'000, fr::currencies::eur))) ==
          "\xE2\x82\xAC"
          "300M at close");
    CHECK(text_of(tranche::when(1_B, fr::milestone("A") && fr::on_or_after(ymd(2026, 3, 1)))) ==
          "$1B (milestone \"A\" and on or after 2026-03-01)");
}

TEST_CASE("equality compares amount, condition, expected date and label") {
    const tranche t = tranche::when(35_B, fr::milestone("C"), ymd(2026, 9, 30)).labelled("L");
    CHECK(t == tranche::when(35_B, fr::milestone("C"), ymd(2026, 9, 30)).labelled("L"));
    CHECK_FALSE(t != tranche::when(35_B, fr::milestone("C"), ymd(2026, 9, 30)).labelled("L"));
    CHECK(t != tranche::when(36_B, fr::milestone("C"), ymd(2026, 9, 30)).labelled("L"));
    CHECK(t != tranche::when(35_B, fr::milestone("D"), ymd(2026, 9, 30)).labelled("L"));
    CHECK(t != tranche::when(35_B, fr::milestone("C"), ymd(2026, 10, 1)).labelled("L"));
    CHECK(t != tranche::when(35_B, fr::milestone("C")).labelled("L"));
    CHECK(t != tranche::when(35_B, fr::milestone("C"), ymd(2026, 9, 30)).labelled("M"));
    CHECK(t != tranche::when(35_B, fr::milestone("C"), ymd(2026, 9, 30)));
    CHECK(tranche::at_close(35_B) != tranche::at_close(money::from_major(35'000'000'000, fr::currencies::eur)));
    // on() is exactly when(on_or_after) with the expected date.
    CHECK(tranche::on(1_B, ymd(2026, 6, 30)) == tranche::when(1_B, fr::on_or_after(ymd(2026, 6, 30)), ymd(2026, 6, 30)));
    CHECK(tranche::on(1_B, ymd(2026, 6, 30)) != tranche::when(1_B, fr::on_or_after(ymd(2026, 6, 30))));
}

// ---------------------------------------------------------------------------------------------
// validate()

TEST_CASE("validate: a well-formed tranche has no problems") {
    CHECK(tranche::at_close(15_B).validate(kPath).empty());
    CHECK(tranche::at_close(money::from_units(1)).validate(kPath).empty());
    CHECK(tranche::when(35_B, fr::milestone("X").with_long_stop(ymd(2026, 12, 31)), ymd(2026, 9, 30))
              .validate(kPath)
              .empty());
    // Long stop ON the expected date is fine (inclusive).
    CHECK(tranche::when(35_B, fr::milestone("X").with_long_stop(ymd(2026, 12, 31)), ymd(2026, 12, 31))
              .validate(kPath)
              .empty());
    // A long stop with no expected date cannot conflict.
    CHECK(tranche::when(35_B, fr::milestone("X").with_long_stop(ymd(2026, 1, 1))).validate(kPath).empty());
}

TEST_CASE("validate: zero amount") {
    const auto problems = tranche::at_close(money()).validate(kPath);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == diagnostic{kPath.member("amount"), "$0.00", "must be positive"});
    CHECK(problems[0].message() == "investors[0].tranches[1].amount = $0.00: must be positive");

    const auto yen = tranche::at_close(money::zero(fr::currencies::jpy)).validate(fr::field_path("t"));
    REQUIRE(yen.size() == 1);
    CHECK(yen[0] == diagnostic{fr::field_path("t").member("amount"), "\xC2\xA5"
                                           "0",
                               "must be positive"});
}

TEST_CASE("validate: negative amount") {
    const auto problems = tranche::on(-5_M, ymd(2026, 6, 30)).validate(kPath);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field.to_string() == "investors[0].tranches[1].amount");
    CHECK(problems[0].value == "-$5,000,000.00");
    CHECK(problems[0].rule == "must be positive");

    const auto tiny = tranche::at_close(money::from_units(-1)).validate(fr::field_path("x"));
    REQUIRE(tiny.size() == 1);
    CHECK(tiny[0] == diagnostic{fr::field_path("x").member("amount"), "-$0.001", "must be positive"});
}

TEST_CASE("validate: long stop before the expected date") {
    const tranche t =
        tranche::when(35_B, fr::milestone("certain conditions").with_long_stop(ymd(2026, 6, 30)), ymd(2026, 7, 1));
    const auto problems = t.validate(kPath);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == diagnostic{kPath.member("condition").member("long_stop"), "2026-06-30",
                                    "must not be before the expected date 2026-07-01"});
    CHECK(problems[0].message() ==
          "investors[0].tranches[1].condition.long_stop = 2026-06-30: must not be before the expected date "
          "2026-07-01");

    // A long stop on the whole of an all_of binds the whole condition.
    const tranche all = tranche::when(
        1_B, (fr::milestone("A") && fr::milestone("B")).with_long_stop(ymd(2026, 3, 31)), ymd(2026, 12, 31));
    const auto p2 = all.validate(fr::field_path("r"));
    REQUIRE(p2.size() == 1);
    CHECK(p2[0] == diagnostic{fr::field_path("r").member("condition").member("long_stop"), "2026-03-31", "must not be before the expected date 2026-12-31"});

    // A date condition past its own long stop, expected on the date.
    const auto p3 =
        tranche::when(1_B, fr::on_or_after(ymd(2027, 1, 1)).with_long_stop(ymd(2026, 12, 31)), ymd(2027, 1, 1))
            .validate(fr::field_path("r"));
    REQUIRE(p3.size() == 1);
    CHECK(p3[0].value == "2026-12-31");
}

TEST_CASE("validate: invalid expected date") {
    const tranche t = tranche::when(1_B, fr::milestone("X"), ymd(2026, 2, 30));
    const auto problems = t.validate(kPath);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == diagnostic{kPath.member("expected_date"), "2026-02-30", "is not a valid calendar date"});
    CHECK(problems[0].message() == "investors[0].tranches[1].expected_date = 2026-02-30: is not a valid calendar date");

    const auto p2 = tranche::at_close(1_B).expected_on(ymd(2027, 2, 29)).validate(fr::field_path("t"));
    REQUIRE(p2.size() == 1);
    CHECK(p2[0] == diagnostic{fr::field_path("t").member("expected_date"), "2027-02-29", "is not a valid calendar date"});
    CHECK(tranche::at_close(1_B).expected_on(ymd(2028, 2, 29)).validate(fr::field_path("t")).empty());

    const auto p3 = tranche::at_close(1_B).expected_on(ymd(2026, 13, 1)).validate(fr::field_path("t"));
    REQUIRE(p3.size() == 1);
    CHECK(p3[0] == diagnostic{fr::field_path("t").member("expected_date"), "2026-13-01", "is not a valid calendar date"});
}

TEST_CASE("validate: every problem at once, in field order") {
    const tranche t =
        tranche::when(money(), fr::milestone("X").with_long_stop(ymd(2026, 6, 30)), ymd(2026, 9, 30)).labelled("bad");
    const auto problems = t.validate(fr::field_path("investors").index(2).member("tranches").index(0));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == diagnostic{fr::field_path("investors").index(2).member("tranches").index(0).member("amount"), "$0.00", "must be positive"});
    CHECK(problems[1] == diagnostic{fr::field_path("investors").index(2).member("tranches").index(0).member("condition").member("long_stop"), "2026-06-30",
                                    "must not be before the expected date 2026-09-30"});

    const auto p2 = tranche::at_close(-1_B).expected_on(ymd(2026, 4, 31)).validate(fr::field_path("p"));
    REQUIRE(p2.size() == 2);
    CHECK(p2[0].field.to_string() == "p.amount");
    CHECK(p2[1].field.to_string() == "p.expected_date");
    CHECK(p2[1].value == "2026-04-31");

    // Under the root path the fields are the tranche's own (no leading '.', as text once had).
    const auto p3 = tranche::at_close(money()).validate(fr::field_path());
    REQUIRE(p3.size() == 1);
    CHECK(p3[0].field == fr::field_path("amount"));
    CHECK(p3[0].field.to_string() == "amount");
    CHECK(p3[0].field.json_pointer() == "/amount");
}

// ---------------------------------------------------------------------------------------------
// Questionable semantics (see the report): validate() compares the expected date with the
// earliest long stop ANYWHERE in the condition, so long stops that do not bind the whole
// condition produce false "long stop before expected date" diagnostics.

TEST_CASE("validate: a long stop on one alternative does not bind the whole condition") {
    // Paid when A is achieved by 2026-06-30, or else on 2026-12-31 anyway: expected 2026-12-31 is fine.
    const tranche either = tranche::when(
        1_B, fr::milestone("A").with_long_stop(ymd(2026, 6, 30)) || fr::on_or_after(ymd(2026, 12, 31)),
        ymd(2026, 12, 31));
    CHECK(either.validate(fr::field_path("t")).empty());

    // Paid once "no IPO by 2026-06-30" is settled, i.e. from 2026-07-01: expected 2026-09-30 is fine.
    const tranche no_ipo =
        tranche::when(1_B, !fr::milestone("IPO").with_long_stop(ymd(2026, 6, 30)), ymd(2026, 9, 30));
    CHECK(no_ipo.validate(fr::field_path("t")).empty());

    // Approval must come by 2026-06-30, the money then arrives on 2026-12-31: consistent.
    const tranche gated = tranche::when(
        1_B, fr::milestone("approval").with_long_stop(ymd(2026, 6, 30)) && fr::on_or_after(ymd(2026, 12, 31)),
        ymd(2026, 12, 31));
    CHECK(gated.validate(fr::field_path("t")).empty());

    // But when every alternative has passed its long stop by the expected date, it is a real problem.
    const tranche hopeless = tranche::when(
        1_B,
        fr::milestone("A").with_long_stop(ymd(2026, 3, 31)) || fr::milestone("B").with_long_stop(ymd(2026, 6, 30)),
        ymd(2026, 9, 30));
    const auto problems = hopeless.validate(fr::field_path("t"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field.to_string() == "t.condition.long_stop");
}

TEST_CASE("otherwise: a fallback amount paid if the condition lapses") {
    const condition c = fr::milestone("listing").with_long_stop(ymd(2026, 12, 31));
    const tranche all_or_nothing = tranche::when(30_B, c);
    CHECK_FALSE(all_or_nothing.fallback().has_value());
    CHECK(all_or_nothing.excess() == 30_B);

    const tranche t = all_or_nothing.otherwise(20_B);
    CHECK(t.amount() == 30_B);
    REQUIRE(t.fallback().has_value());
    CHECK(*t.fallback() == 20_B);
    CHECK(t.excess() == 10_B);
    CHECK(t.condition() == c);
    CHECK(t != all_or_nothing);  // the fallback takes part in equality
    CHECK(t == all_or_nothing.otherwise(20_B));
    CHECK(t != all_or_nothing.otherwise(25_B));
    CHECK(text_of(t) == "$30B milestone \"listing\" by 2026-12-31, otherwise $20B");
    CHECK(t.validate(kPath).empty());
}

TEST_CASE("otherwise: the fallback must be positive, smaller than the amount, in its currency (when written)") {
    const condition c = fr::milestone("listing").with_long_stop(ymd(2026, 12, 31));
    CHECK_THROWS_WITH_AS((void)tranche::when(30_B, c).otherwise(money::zero(fr::currencies::usd)),
                         "fallback = $0.00: must be positive", fr::invalid_argument_error);
    // Equal: not a fallback, say all-or-nothing.
    CHECK_THROWS_WITH_AS((void)tranche::when(30_B, c).otherwise(30_B),
                         "fallback = $30,000,000,000.00: must be less than the amount if met, $30,000,000,000.00",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)tranche::when(1_M, c).otherwise(2_M),
                         "fallback = $2,000,000.00: must be less than the amount if met, $1,000,000.00",
                         fr::invalid_argument_error);
    CHECK_THROWS_WITH_AS((void)tranche::when(30_B, c).otherwise(money::from_major(20, fr::currencies::eur)),
                         "fallback = €20.00: must be in the amount's currency, USD", fr::invalid_argument_error);
}

TEST_CASE("settlement_date: the expected date, else the condition's deadline") {
    const condition c = fr::milestone("listing").with_long_stop(ymd(2026, 12, 31));
    CHECK(tranche::when(30_B, c).settlement_date() == ymd(2026, 12, 31));
    CHECK(tranche::when(30_B, c, ymd(2026, 9, 30)).settlement_date() == ymd(2026, 9, 30));
    CHECK_FALSE(tranche::when(30_B, fr::milestone("x")).settlement_date().has_value());
    const std::vector<diagnostic> d = tranche::when(30_B, fr::milestone("x")).otherwise(20_B).validate(kPath);
    REQUIRE(d.size() == 1);
    CHECK(d[0].field == kPath.member("fallback"));
    CHECK(d[0].field.to_string() == "investors[0].tranches[1].fallback");
    CHECK(d[0].rule == "needs a settlement date: give the tranche an expected date or its condition a long-stop date");
}

TEST_CASE("tranche: a moved-from tranche is a valid value") {
    tranche a = tranche::when(30_B, fr::milestone("m") && fr::milestone("n"), ymd(2026, 9, 30)).labelled("x");
    const tranche b = std::move(a);
    CHECK(b.label() == "x");
    CHECK(a.condition() == fr::condition());  // NOLINT(bugprone-use-after-move): the point of the test
    CHECK(a.condition().kind() == fr::condition_kind::always);
    CHECK_FALSE(a.is_conditional());
    a = b;
    CHECK(a == b);
}

TEST_CASE("tranche: move assignment hands the label and fallback over and leaves no label or fallback behind") {
    tranche a = tranche::when(30_B, fr::milestone("m"), ymd(2026, 9, 30)).otherwise(20_B).labelled("x");
    tranche b = tranche::at_close(1_M).labelled("old");
    b = std::move(a);
    CHECK(b.label() == "x");
    CHECK(b.fallback() == std::optional<fr::money>(20_B));
    CHECK(a.label().empty());  // NOLINT(bugprone-use-after-move): the point of the test
    CHECK_FALSE(a.has_fallback());
    tranche& same = b;
    b = std::move(same);  // self-move keeps the value
    CHECK(b.label() == "x");
    CHECK(b.fallback() == std::optional<fr::money>(20_B));
    tranche c = b;  // a deep copy: changing the copy leaves the original alone
    c = c.labelled("y");
    CHECK(b.label() == "x");
    CHECK(c.label() == "y");
}

TEST_CASE("tranche: label and fallback are stored out of line; copies are deep and compare equal") {
    // The layout: 40 bytes (amount, condition, expected date, one pointer to the rarely given
    // label and fallback), the memory budget of a round (docs/decisions.md).
    CHECK(sizeof(tranche) <= 40);
    const tranche plain = tranche::on(1_M, ymd(2026, 9, 30));
    CHECK(plain.label().empty());
    CHECK_FALSE(plain.fallback().has_value());
    CHECK(plain.labelled("") == plain);  // an empty label is no label

    const tranche both = tranche::when(30_B, fr::milestone("m"), ymd(2026, 9, 30)).otherwise(20_B).labelled("x");
    CHECK(both.label() == "x");
    CHECK(both.fallback() == 20_B);
    CHECK(both.excess() == 10_B);
    tranche copy = both;
    CHECK(copy == both);
    copy = copy.labelled("y");  // changing the copy leaves the original alone
    CHECK(copy.label() == "y");
    CHECK(both.label() == "x");
    CHECK(copy.fallback() == 20_B);
    CHECK(copy != both);
    const tranche relabelled_first = tranche::when(30_B, fr::milestone("m"), ymd(2026, 9, 30)).labelled("x").otherwise(20_B);
    CHECK(relabelled_first == both);  // the order of labelled() and otherwise() does not matter
    copy = both;  // copy assignment
    CHECK(copy == both);
    const tranche& self = copy;
    copy = self;  // self-assignment
    CHECK(copy == both);
    CHECK(copy.label() == "x");
}

}  // namespace test_tranche
