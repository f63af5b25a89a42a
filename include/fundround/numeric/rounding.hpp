/// @file numeric/rounding.hpp
/// @brief Named rounding modes: every rounding in fundround is one of these, chosen explicitly.
#ifndef FUNDROUND_NUMERIC_ROUNDING_HPP
#define FUNDROUND_NUMERIC_ROUNDING_HPP

#include <fundround/config.hpp>
#include <string_view>

FUNDROUND_BEGIN_NAMESPACE

/// How a quotient that is not a whole number of units becomes one. A value outside these (a cast
/// integer) throws invalid_argument_error wherever a mode is used, or is a problem of validate().
enum class rounding {
    exact,                ///< Throw inexact_error if any rounding would be needed.
    toward_zero,          ///< Truncate: 2.7 -> 2, -2.7 -> -2.
    away_from_zero,       ///< 2.1 -> 3, -2.1 -> -3.
    floor,                ///< Toward negative infinity: -2.1 -> -3.
    ceiling,              ///< Toward positive infinity: 2.1 -> 3.
    half_away_from_zero,  ///< Nearest; ties away from zero (2.5 -> 3, -2.5 -> -3). "Round half up".
    half_toward_zero,     ///< Nearest; ties toward zero (2.5 -> 2).
    half_even,            ///< Nearest; ties to the even neighbour (2.5 -> 2, 3.5 -> 4). Banker's.
};

namespace detail {
/// The modes' names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view rounding_names[] = {"exact",   "toward_zero",         "away_from_zero",   "floor",
                                                      "ceiling", "half_away_from_zero", "half_toward_zero", "half_even"};
}  // namespace detail

/// The mode's name as written in code, e.g. "half_even".
[[nodiscard]] constexpr std::string_view to_string(rounding mode) noexcept {
    switch (mode) {
        case rounding::exact: return "exact";
        case rounding::toward_zero: return "toward_zero";
        case rounding::away_from_zero: return "away_from_zero";
        case rounding::floor: return "floor";
        case rounding::ceiling: return "ceiling";
        case rounding::half_away_from_zero: return "half_away_from_zero";
        case rounding::half_toward_zero: return "half_toward_zero";
        case rounding::half_even: return "half_even";
    }
    return "unknown";
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_NUMERIC_ROUNDING_HPP
