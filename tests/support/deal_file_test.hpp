// What the deal-file tests share: the problems of reading a document, one line each.
#ifndef FUNDROUND_TESTS_SUPPORT_DEAL_FILE_TEST_HPP
#define FUNDROUND_TESTS_SUPPORT_DEAL_FILE_TEST_HPP

#include <fundround/error.hpp>
#include <fundround/json/deal_file.hpp>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fundround_test {

// The problems of reading @p doc as a deal file, one "pointer = value: rule" line each (the
// document must not read).
inline std::vector<std::string> problems_of(const nlohmann::json& doc) {
    fundround::json_reader reader;
    const auto d = fundround::read_deal_file(reader, doc);
    CHECK(!d);
    std::vector<std::string> lines;
    for (const fundround::diagnostic& p : reader.problems()) lines.push_back(fundround::detail::json_problem_line(p));
    return lines;
}

}  // namespace fundround_test

#endif  // FUNDROUND_TESTS_SUPPORT_DEAL_FILE_TEST_HPP
