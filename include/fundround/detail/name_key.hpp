/// @file detail/name_key.hpp
/// @brief The rule that makes two names one ("SoftBank" = "Softbank "), read in place (internal).
///
/// holder_name_key() (company/holder.hpp) is name_key(); the others read the key byte by byte
/// without building it, for the checks that compare names: the cap table's and a priced round's,
/// and the round builder's, whose name index is ordered by it (deal/round_builder.hpp), and an
/// open round's later closes (deal/closing.hpp). One rule, here.
#ifndef FUNDROUND_DETAIL_NAME_KEY_HPP
#define FUNDROUND_DETAIL_NAME_KEY_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/digits.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE
namespace detail {

/// holder_name_key(@p name), built: ASCII letters lower-cased, ASCII whitespace, punctuation and
/// control characters dropped, every other byte (digits, UTF-8) kept.
[[nodiscard]] inline std::string name_key(std::string_view name) {
    std::string key;
    key.reserve(name.size());
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80U || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z')) {
            key += c;
        } else if (u >= 'A' && u <= 'Z') {
            key += static_cast<char>(u - 'A' + 'a');
        }
        // ASCII whitespace, punctuation and control characters are dropped.
    }
    return key;
}

/// The next byte of name_key(@p name) at or after @p i (advancing @p i past it), or -1
/// at the end: the key read in place, without building it (the rule of name_key(), byte by byte).
[[nodiscard]] inline int next_name_key_byte(std::string_view name, std::size_t& i) noexcept {
    while (i < name.size()) {
        const auto u = static_cast<unsigned char>(name[i++]);
        if (u >= 0x80U || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z')) return u;
        if (u >= 'A' && u <= 'Z') return u - 'A' + 'a';
    }
    return -1;
}

/// holder_name_key(@p a) compared with holder_name_key(@p b) (<0, 0, >0, bytes as unsigned),
/// without allocating either key.
[[nodiscard]] inline int compare_name_keys(std::string_view a, std::string_view b) noexcept {
    // First the common prefix of bytes that are their own key bytes (the usual names: one test
    // per byte), then the key bytes one by one.
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    std::size_t i = 0;
    for (; i < n && a[i] == b[i]; ++i) {
        const auto u = static_cast<unsigned char>(a[i]);
        if (!(u >= 0x80U || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z'))) break;
    }
    std::size_t j = i;
    for (;;) {
        const int x = next_name_key_byte(a, i);
        const int y = next_name_key_byte(b, j);
        if (x != y) return x < y ? -1 : 1;
        if (x < 0) return 0;
    }
}

/// The order of the round's name index: by holder_name_key(), equal keys by the exact name
/// (so that equal names, then names equal but for case, spaces or punctuation, are adjacent).
[[nodiscard]] inline bool name_key_less(std::string_view a, std::string_view b) noexcept {
    const int c = compare_name_keys(a, b);
    return c != 0 ? c < 0 : a < b;
}

/// True if holder_name_key(@p name) is empty (no letter or digit), without building it.
[[nodiscard]] inline bool name_key_empty(std::string_view name) noexcept {
    std::size_t i = 0;
    return next_name_key_byte(name, i) < 0;
}

/// Reads the i-th of the names an unknown_investor_message() lists (a plain function, so that the
/// callers' containers, of commitments, holdings or strings, need no template here).
using name_at_fn = std::string_view (*)(const void* names, std::size_t i) noexcept;

/// What to write instead of @p name, looked up among the @p count names that @p name_at reads
/// from @p names and not found: `; did you mean "<n>"? (<noun> are matched exactly; ...)` for the
/// name that equals it but for case, spaces or punctuation, or else ` (<listed>: "a", "b")` (the
/// first 8, then how many more), or ` (<none>)` when there are none. One cold, non-template
/// function for every lookup by name.
[[nodiscard]] FUNDROUND_COLD inline std::string name_suggestion(std::string_view name, const void* names, std::size_t count,
                                                                name_at_fn name_at, std::string_view listed,
                                                                std::string_view none, std::string_view noun) {
    for (std::size_t i = 0; i < count && !name_key_empty(name); ++i) {
        const std::string_view n = name_at(names, i);
        if (compare_name_keys(n, name) == 0) {
            return concat({"; did you mean \"", n, "\"? (", noun, " are matched exactly; these differ only in case, spaces or punctuation)"});
        }
    }
    if (count == 0) return concat({" (", none, ")"});
    std::string out = concat({" (", listed, ": "});
    constexpr std::size_t shown = 8;
    for (std::size_t i = 0; i < count && i < shown; ++i) {
        out.append(i > 0 ? ", \"" : "\"").append(name_at(names, i)).append("\"");
    }
    if (count > shown) out.append(" and ").append(signed_digits(static_cast<std::int64_t>(count - shown))).append(" more");
    return out.append(")");
}

/// The message for an investor looked up by @p name among the @p count names that @p name_at reads
/// from @p names, and not found: `investor = "<name>": <rule>`, then what to write instead
/// (name_suggestion()).
[[nodiscard]] FUNDROUND_COLD inline std::string unknown_investor_message(std::string_view name, std::string_view rule,
                                                                         const void* names, std::size_t count,
                                                                         name_at_fn name_at) {
    return concat({"investor = \"", name, "\": ", rule}) + name_suggestion(name, names, count, name_at, "its investors", "it has none", "names");
}

/// Throws invalid_argument_error with unknown_investor_message().
[[noreturn]] FUNDROUND_COLD inline void throw_unknown_investor(std::string_view name, std::string_view rule,
                                                             const void* names, std::size_t count,
                                                             name_at_fn name_at) {
    throw invalid_argument_error(unknown_investor_message(name, rule, names, count, name_at));
}

/// name_at_fn for a std::vector<std::string>.
inline std::string_view string_at(const void* names, std::size_t i) noexcept {
    return (*static_cast<const std::vector<std::string>*>(names))[i];
}

}  // namespace detail
FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_NAME_KEY_HPP
