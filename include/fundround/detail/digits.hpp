/// @file detail/digits.hpp
/// @brief Decimal digits of 64-bit integers, for texts and messages (internal).
#ifndef FUNDROUND_DETAIL_DIGITS_HPP
#define FUNDROUND_DETAIL_DIGITS_HPP

#include <fundround/config.hpp>

#include <cstdint>
#include <string>

FUNDROUND_BEGIN_NAMESPACE
namespace detail {

/// Writes the decimal digits of @p v backwards, ending just before @p end, with a comma before
/// every group of three digits from the right if @p group; returns where the text starts (at
/// most 26 chars). The one 64-bit digit writer: money texts, positions and counts in messages
/// are all written backwards into a small buffer and appended to their string once.
inline char* write_digits_backward(char* end, std::uint64_t v, bool group = false) {
    for (int n = 0; n == 0 || v != 0; ++n, v /= 10) {
        if (group && n > 0 && n % 3 == 0) *--end = ',';
        *--end = static_cast<char>('0' + v % 10);
    }
    return end;
}

/// Appends the decimal digits of @p v to @p out, with a '-' first if @p negative and a comma
/// between groups of three digits if @p group.
inline void append_digits(std::string& out, std::uint64_t v, bool negative = false, bool group = false) {
    char buffer[32];
    char* p = write_digits_backward(buffer + sizeof buffer, v, group);
    if (negative) *--p = '-';
    out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

/// The decimal text of @p v ("42"): std::to_string's digits, one function for every unsigned
/// count and position fundround prints.
[[nodiscard]] inline std::string digits(std::uint64_t v) {
    std::string out;
    append_digits(out, v);
    return out;
}

/// The decimal text of @p v ("-42"), INT64_MIN included; with @p group, a comma between groups
/// of three digits ("-1,234,567": share counts).
[[nodiscard]] inline std::string signed_digits(std::int64_t v, bool group = false) {
    std::string out;
    append_digits(out, v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v), v < 0,
                  group);
    return out;
}

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_DIGITS_HPP
