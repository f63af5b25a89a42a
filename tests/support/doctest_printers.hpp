// doctest printers for fundround types the tests compare (explicit specializations of
// doctest::StringMaker, which must be defined once per program: hence one shared header).
#ifndef FUNDROUND_TESTS_SUPPORT_DOCTEST_PRINTERS_HPP
#define FUNDROUND_TESTS_SUPPORT_DOCTEST_PRINTERS_HPP

#include <fundround/deal/condition.hpp>
#include <fundround/error.hpp>
#include <fundround/time/calendar.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace doctest {
template <>
struct StringMaker<fundround::condition_status> {
    static String convert(const fundround::condition_status& s) {
        std::string text(fundround::to_string(s.state));
        text += s.since ? " since " + fundround::to_string(*s.since) : std::string(" (no since)");
        return String(text.c_str());
    }
};
template <>
struct StringMaker<std::optional<fundround::calendar_date>> {
    static String convert(const std::optional<fundround::calendar_date>& d) {
        return d ? String(fundround::to_string(*d).c_str()) : String("nullopt");
    }
};
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string text = "{";
        for (std::size_t i = 0; i < v.size(); ++i) text += (i ? ", \"" : "\"") + v[i] + "\"";
        return String((text + "}").c_str());
    }
};
template <>
struct StringMaker<fundround::diagnostic> {
    static String convert(const fundround::diagnostic& d) { return String(("{" + d.message() + "}").c_str()); }
};
}  // namespace doctest

#endif  // FUNDROUND_TESTS_SUPPORT_DOCTEST_PRINTERS_HPP
