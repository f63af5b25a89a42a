// Unit tests for fundround/deal/investor.hpp: kinds, factories, as_lead, equality, printing.
#include <fundround/deal/investor.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

// Everything in this file is in its own namespace so that the test files can be compiled
// together (the unity build of tests/CMakeLists.txt) without their helpers colliding.
namespace test_investor {

namespace fr = fundround;
using fr::investor;
using fr::investor_kind;

namespace {

std::string text_of(const investor& i) {
    std::ostringstream os;
    os << i;
    return os.str();
}

}  // namespace

TEST_CASE("investor_kind to_string") {
    CHECK(fr::to_string(investor_kind::strategic) == "strategic");
    CHECK(fr::to_string(investor_kind::financial) == "financial");
    CHECK(fr::to_string(investor_kind::sovereign) == "sovereign");
    CHECK(fr::to_string(investor_kind::employee) == "employee");
    CHECK(fr::to_string(investor_kind::angel) == "angel");
    CHECK(fr::to_string(investor_kind::other) == "other");
    CHECK(fr::to_string(static_cast<investor_kind>(7)) == "unknown");
}

TEST_CASE("constructor defaults: kind other, not lead") {
    const investor i("Staff pool");
    CHECK(i.name() == "Staff pool");
    CHECK(i.kind() == investor_kind::other);
    CHECK_FALSE(i.is_lead());
    CHECK(text_of(i) == "Staff pool (other)");

    const investor e("Employees", investor_kind::employee);
    CHECK(e.kind() == investor_kind::employee);
    CHECK_FALSE(e.is_lead());
    CHECK(text_of(e) == "Employees (employee)");

    const investor l("Founders", investor_kind::employee, true);
    CHECK(l.is_lead());
    CHECK(text_of(l) == "Founders (employee, lead)");

    // Not implicitly convertible from a string.
    static_assert(!std::is_convertible_v<std::string, investor>);
    static_assert(!std::is_convertible_v<const char*, investor>);
}

TEST_CASE("factories set the kind and are not leads") {
    const investor a = investor::strategic("Amazon");
    CHECK(a.name() == "Amazon");
    CHECK(a.kind() == investor_kind::strategic);
    CHECK_FALSE(a.is_lead());
    CHECK(text_of(a) == "Amazon (strategic)");

    const investor s = investor::financial("SoftBank Vision Fund");
    CHECK(s.kind() == investor_kind::financial);
    CHECK(text_of(s) == "SoftBank Vision Fund (financial)");

    const investor m = investor::sovereign("MGX");
    CHECK(m.kind() == investor_kind::sovereign);
    CHECK(text_of(m) == "MGX (sovereign)");

    const investor g = investor::angel("Jane Doe");
    CHECK(g.kind() == investor_kind::angel);
    CHECK(text_of(g) == "Jane Doe (angel)");

    CHECK(investor::strategic("Amazon") == investor("Amazon", investor_kind::strategic));
    CHECK(investor::financial("X") == investor("X", investor_kind::financial, false));
}

TEST_CASE("as_lead returns a lead copy and leaves the original alone") {
    const investor a = investor::strategic("Amazon");
    const investor lead = a.as_lead();
    CHECK(lead.is_lead());
    CHECK(lead.name() == "Amazon");
    CHECK(lead.kind() == investor_kind::strategic);
    CHECK_FALSE(a.is_lead());
    CHECK(text_of(lead) == "Amazon (strategic, lead)");
    CHECK(lead == investor("Amazon", investor_kind::strategic, true));
    CHECK(lead.as_lead() == lead);  // idempotent
    CHECK(text_of(investor::sovereign("MGX").as_lead()) == "MGX (sovereign, lead)");
    CHECK(text_of(investor("Other Co").as_lead()) == "Other Co (other, lead)");
}

TEST_CASE("equality compares name, kind and lead flag") {
    const investor a = investor::strategic("Amazon");
    CHECK(a == investor::strategic("Amazon"));
    CHECK_FALSE(a != investor::strategic("Amazon"));
    CHECK(a != investor::financial("Amazon"));
    CHECK(a != investor::strategic("amazon"));
    CHECK(a != investor::strategic("Amazon "));
    CHECK(a != a.as_lead());
    CHECK(investor("") == investor(""));
}

TEST_CASE("names are kept verbatim") {
    const investor u("Mubadala \xC3\xA9", investor_kind::sovereign);
    CHECK(u.name() == std::string("Mubadala \xC3\xA9"));
    CHECK(text_of(u) == std::string("Mubadala \xC3\xA9 (sovereign)"));
    const investor with_parens = investor::financial("Fund (II)");
    CHECK(text_of(with_parens) == "Fund (II) (financial)");
    std::ostringstream os;
    os << investor::angel("A") << " & " << investor::angel("B").as_lead();
    CHECK(os.str() == "A (angel) & B (angel, lead)");
}

TEST_CASE("names are taken as string views: literals, std::string and views alike, copied in") {
    // The constructor and the factories take std::string_view (nothing to construct or destroy
    // at the call site); the investor owns its own copy of the name.
    static_assert(std::is_constructible_v<investor, std::string_view>);
    static_assert(std::is_constructible_v<investor, const std::string&>);
    static_assert(!std::is_convertible_v<std::string_view, investor>);  // explicit
    std::string name = "Sequoia Capital";
    const investor from_string = investor::financial(name);
    const investor from_view = investor::financial(std::string_view(name).substr(0, 7));
    const std::string_view embedded("a\0b", 3);
    const investor with_nul(embedded);
    name = "changed";  // the investors keep their copies
    CHECK(from_string.name() == "Sequoia Capital");
    CHECK(from_view.name() == "Sequoia");
    CHECK(with_nul.name() == std::string("a\0b", 3));
    CHECK(investor::strategic(std::string("Amazon")) == investor::strategic("Amazon"));
    CHECK(investor::sovereign(std::string_view{}).name().empty());
}

}  // namespace test_investor
