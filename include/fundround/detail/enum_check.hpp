/// @file detail/enum_check.hpp
/// @brief The one check and the one message for an enum value outside its enumerators.
///
/// Each checked enum (enumerators 0, 1, ..., n - 1) has a detail::<enum>_names array of its
/// enumerators' names as written in code, in order; a value cast from another integer (a deal
/// file, an OCF reader, a user's integer) is reported or thrown as "field = 9: must be a, b or c".
#ifndef FUNDROUND_DETAIL_ENUM_CHECK_HPP
#define FUNDROUND_DETAIL_ENUM_CHECK_HPP

#include <fundround/config.hpp>
#include <fundround/detail/digits.hpp>
#include <fundround/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// True if @p e is one of the enumerators 0 to N - 1 named by @p names (a cast of another
/// integer is not): one unsigned compare, cheap enough for the money paths.
template <class E, std::size_t N>
[[nodiscard]] constexpr bool enum_known(E e, const std::string_view (&names)[N]) noexcept {
    static_cast<void>(names);
    return static_cast<unsigned long long>(static_cast<long long>(static_cast<std::underlying_type_t<E>>(e))) < N;
}

/// @p e's name from @p names, or "unknown" for a value outside the enumerators.
template <class E, std::size_t N>
[[nodiscard]] constexpr std::string_view enum_name(E e, const std::string_view (&names)[N]) noexcept {
    return enum_known(e, names) ? names[static_cast<std::size_t>(static_cast<std::underlying_type_t<E>>(e))] : "unknown";
}

/// The rule an unknown enum value breaks, from its enumerators' names: "must be a",
/// "must be a or b", "must be a, b or c".
[[nodiscard]] FUNDROUND_COLD inline std::string enum_rule(const std::string_view* names, std::size_t count) {
    std::string rule = "must be ";
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) rule += i + 1 == count ? " or " : ", ";
        rule += names[i];
    }
    return rule;
}

/// The integer @p e holds (9 for static_cast<rounding>(9)).
template <class E>
[[nodiscard]] constexpr std::int64_t enum_value(E e) noexcept {
    return static_cast<std::int64_t>(static_cast<std::underlying_type_t<E>>(e));
}

/// @p e as the integer it holds ("9" for static_cast<rounding>(9)).
template <class E>
[[nodiscard]] inline std::string enum_integer(E e) {
    return signed_digits(enum_value(e));
}

/// "@p field = @p value: must be ..." from the @p count names at @p names (one cold function for
/// every enum: the templates below only pass their arguments on).
[[nodiscard]] FUNDROUND_COLD inline std::string unknown_enum_text(std::string_view field, std::int64_t value,
                                                                 const std::string_view* names, std::size_t count) {
    return concat({field, " = ", signed_digits(value), ": ", enum_rule(names, count)});
}

/// Throws invalid_argument_error with unknown_enum_text().
[[noreturn]] FUNDROUND_COLD inline void throw_unknown_enum_value(std::string_view field, std::int64_t value,
                                                                const std::string_view* names, std::size_t count) {
    throw invalid_argument_error(unknown_enum_text(field, value, names, count));
}

/// Appends the problem {@p field, @p value, "must be ..."} to @p out.
FUNDROUND_COLD inline void add_unknown_enum_problem(std::vector<diagnostic>& out, const field_path& field,
                                                    std::int64_t value, const std::string_view* names,
                                                    std::size_t count) {
    add_problem(out, field, signed_digits(value), enum_rule(names, count));
}

/// "@p field = <integer>: must be ..." for @p e, a value outside the enumerators @p names: the
/// text of the throwing paths, the same as the problem check_known_enum() reports.
template <class E, std::size_t N>
[[nodiscard]] std::string unknown_enum_message(std::string_view field, E e, const std::string_view (&names)[N]) {
    return unknown_enum_text(field, enum_value(e), names, N);
}

/// Throws invalid_argument_error "@p field = <integer>: must be ..." for @p e, a value outside
/// the enumerators @p names.
template <class E, std::size_t N>
[[noreturn]] void throw_unknown_enum(std::string_view field, E e, const std::string_view (&names)[N]) {
    throw_unknown_enum_value(field, enum_value(e), names, N);
}

/// Throws like throw_unknown_enum() unless @p e is one of the enumerators @p names.
template <class E, std::size_t N>
inline void require_known_enum(std::string_view field, E e, const std::string_view (&names)[N]) {
    if (!enum_known(e, names)) throw_unknown_enum_value(field, enum_value(e), names, N);
}

/// Appends the problem {@p field, <integer>, "must be ..."} to @p out unless @p e is one of the
/// enumerators @p names; returns whether it is.
template <class E, std::size_t N>
inline bool check_known_enum(std::vector<diagnostic>& out, const field_path& field, E e, const std::string_view (&names)[N]) {
    if (enum_known(e, names)) return true;
    add_unknown_enum_problem(out, field, enum_value(e), names, N);
    return false;
}

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DETAIL_ENUM_CHECK_HPP
