/// @file io/fmt.hpp
/// @brief Opt-in {fmt} support: fmt::formatter for money and currency (needs the fmt library:
/// `find_package(fmt)` and link `fmt::fmt`, or the `fundround::fmt` target).
///
/// Specs, as for std::format (numeric/money_format.hpp): `{}` and `{:f}` the full form
/// ("$15,000,000,000.00"); `{:c}` compact with at most 2 decimals ("$1.25T"); `{:cN}`, N from 0
/// to 15, compact with at most N decimals. A currency formats as its code and takes the string
/// specs (`{:>5}`). Not included by fundround/fundround.hpp (fundround itself needs no fmt).
#ifndef FUNDROUND_IO_FMT_HPP
#define FUNDROUND_IO_FMT_HPP

#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>

/// fmt support for money: `fmt::format("{:c}", 15_B)` is "$15B".
template <>
struct fmt::formatter<fundround::money, char> {
    /// Reads {}, {:f}, {:c} or {:cN}.
    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        const char* error = nullptr;
        auto it = fundround::detail::parse_money_format_spec(ctx.begin(), ctx.end(), spec_, error);
        if (error != nullptr) throw fmt::format_error(error);
        return it;
    }
    /// Writes the amount in the form parsed.
    template <class FormatContext>
    auto format(fundround::money m, FormatContext& ctx) const -> decltype(ctx.out()) {
        const std::string text = fundround::detail::format_money(m, spec_);
        return fmt::format_to(ctx.out(), "{}", text);
    }

private:
    fundround::detail::money_format_spec spec_;
};

/// fmt support for currency: its code, with the string specs (`{:>5}`).
template <>
struct fmt::formatter<fundround::currency, char> : fmt::formatter<std::string_view, char> {
    /// Writes the three-letter code.
    template <class FormatContext>
    auto format(fundround::currency c, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view, char>::format(c.code(), ctx);
    }
};

#endif  // FUNDROUND_IO_FMT_HPP
