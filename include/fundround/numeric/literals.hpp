/// @file numeric/literals.hpp
/// @brief Compile-time-checked money literals: `730_B`, `1.25_T`, `1234.56_usd` (US dollars by
/// default); `15_B_eur`, `1234.56_eur`; `15_B` in euros with `fundround::eur_literals`.
///
/// A numeric literal that is finer than a mill (0.0001_usd), out of range (99999999_T) or not
/// decimal (0x10_K; 010_K, octal in C++) does not compile, even outside a constexpr context. The
/// string forms ("$1.25 trillion"_usd) parse at run time and live in io/money_parse.hpp.
///
/// Which namespace gives what:
/// - `fundround::literals` (inline in fundround, so `using namespace fundround;` brings it):
///   `_K _M _B _T` in US dollars; amounts in one currency unit: `_usd _eur _gbp _jpy _chf`
///   (`1234.56_eur`); and the scales with a currency, as the press writes "15B EUR":
///   `15_B_eur`, `300_M_gbp`, `2_T_jpy`, `5_K_chf`, `1_B_usd` (`_K _M _B _T` followed by
///   `_usd _eur _gbp _jpy _chf`). These never clash. `fundround::money_literals` is the same set.
/// - `fundround::usd_literals`, `eur_literals`, `gbp_literals`, `jpy_literals`, `chf_literals`
///   (not inline): `_K _M _B _T` in that currency, e.g. `using namespace fundround::eur_literals;
///   15_B` is EUR 15,000,000,000. Do not bring two of these sets into one scope (nor one of them
///   and `fundround::literals`, which `using namespace fundround;` does): `15_B` would be
///   ambiguous (but for `usd_literals` with `fundround::literals`: they name the same operators).
///   Where `using namespace fundround;` is in force, a using-declaration in a block picks one:
///   `using fundround::eur_literals::operator""_B;`.
#ifndef FUNDROUND_NUMERIC_LITERALS_HPP
#define FUNDROUND_NUMERIC_LITERALS_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>

#include <cstddef>
#include <cstdint>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// Units of a numeric literal made of digits, optional ' separators and one optional point,
/// multiplied by @p units_per_one. Used at compile time: a bad literal does not compile. Zeros
/// after the last nonzero decimal change nothing ("1.500" is 1.5); an integer literal with a
/// leading 0 ("010", octal in C++) is rejected.
[[nodiscard]] constexpr std::int64_t literal_units(const char* s, std::size_t n, std::int64_t units_per_one) {
    // The end of the significant characters: trailing zeros after a point are dropped.
    std::size_t end = n;
    std::size_t point_at = n;
    for (std::size_t i = 0; i < n; ++i) {
        if (s[i] == '.' && point_at == n) point_at = i;
    }
    if (point_at != n) {
        while (end > point_at + 1 && (s[end - 1] == '0' || s[end - 1] == '\'')) --end;
    } else if (n > 1 && s[0] == '0') {
        bool octal = false;  // digits and separators only, a digit after the 0 ("1e5", "0x10" fail below)
        bool other = false;
        for (std::size_t i = 1; i < n; ++i) {
            const bool digit_here = s[i] >= '0' && s[i] <= '9';
            octal = octal || digit_here;
            other = other || (!digit_here && s[i] != '\'');
        }
        if (octal && !other) {
            throw invalid_argument_error("money literal: a leading 0 makes an octal literal, not a decimal one");
        }
    }
    std::int64_t mantissa = 0;
    std::int64_t divisor = 1;
    bool point = false;
    bool digit = point_at != n && end < n;  // the dropped zeros were digits
    for (std::size_t i = 0; i < end; ++i) {
        const char c = s[i];
        if (c == '\'') continue;
        if (c == '.') {
            if (point) throw invalid_argument_error("money literal: two decimal points");
            point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            throw invalid_argument_error("money literal: only decimal digits are allowed");
        }
        if (mantissa > (int64_max - (c - '0')) / 10) {
            // Too many significant digits: say "finer" when the decimals are (a nonzero last
            // decimal beyond what a unit holds), else the amount is out of range.
            std::int64_t per_decimal = units_per_one;
            bool finer = false;
            for (std::size_t j = point_at + 1; j < end; ++j) {
                if (s[j] == '\'') continue;
                finer = finer || per_decimal % 10 != 0;
                per_decimal /= 10;
            }
            if (finer) throw invalid_argument_error("money literal: finer than a thousandth of a currency unit");
            throw overflow_error("money literal: out of range");
        }
        mantissa = mantissa * 10 + (c - '0');
        digit = true;
        if (point) {
            if (divisor > int64_max / 10) throw invalid_argument_error("money literal: finer than a thousandth of a currency unit");
            divisor *= 10;
        }
    }
    if (!digit) throw invalid_argument_error("money literal: no digits");
    // mantissa * units_per_one / divisor, exactly.
    std::int64_t g = units_per_one;
    std::int64_t d = divisor;
    while (d != 0) { const std::int64_t t = g % d; g = d; d = t; }  // gcd(units_per_one, divisor)
    const std::int64_t per = units_per_one / g;
    const std::int64_t div = divisor / g;
    if (mantissa % div != 0) {
        throw invalid_argument_error("money literal: finer than a thousandth of a currency unit");
    }
    const std::int64_t m = mantissa / div;
    if (per != 0 && m > int64_max / per) throw overflow_error("money literal: out of range");
    return m * per;
}

/// The money literal made of the characters @p Chars, in units of @p UnitsPerOne, in currency
/// @p C. The units are computed in a constant expression: a bad literal does not compile.
template <std::int64_t UnitsPerOne, const currency& C, char... Chars>
[[nodiscard]] constexpr money make_literal() {
    constexpr char chars[] = {Chars..., '\0'};
    constexpr std::int64_t units = literal_units(chars, sizeof...(Chars), UnitsPerOne);
    return money::from_units(units, C);
}

}  // namespace detail

/// User-defined literals for money (see the file comment for which namespace gives what).
inline namespace literals {
/// The default money literals: `_K _M _B _T` in US dollars, `_usd _eur _gbp _jpy _chf`, and
/// `_K_eur` ... `_T_chf`.
inline namespace money_literals {

/// Thousands of dollars: 25_K == $25,000.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K() { return detail::make_literal<1000LL * 1000, currencies::usd, Chars...>(); }
/// Millions of dollars: 500_M == $500,000,000.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M() { return detail::make_literal<1000LL * 1000000, currencies::usd, Chars...>(); }
/// Billions of dollars: 15_B, 1.5_B.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B() { return detail::make_literal<1000LL * 1000000000, currencies::usd, Chars...>(); }
/// Trillions of dollars: 1.25_T.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T() { return detail::make_literal<1000LL * 1000000000000, currencies::usd, Chars...>(); }
/// US dollars with up to three decimals: 1234.56_usd.
template <char... Chars>
[[nodiscard]] constexpr money operator""_usd() { return detail::make_literal<1000, currencies::usd, Chars...>(); }
/// Euros with up to three decimals: 1234.56_eur.
template <char... Chars>
[[nodiscard]] constexpr money operator""_eur() { return detail::make_literal<1000, currencies::eur, Chars...>(); }
/// Pounds sterling with up to three decimals: 2.50_gbp.
template <char... Chars>
[[nodiscard]] constexpr money operator""_gbp() { return detail::make_literal<1000, currencies::gbp, Chars...>(); }
/// Yen with up to three decimals: 1000_jpy.
template <char... Chars>
[[nodiscard]] constexpr money operator""_jpy() { return detail::make_literal<1000, currencies::jpy, Chars...>(); }
/// Swiss francs with up to three decimals: 5.05_chf.
template <char... Chars>
[[nodiscard]] constexpr money operator""_chf() { return detail::make_literal<1000, currencies::chf, Chars...>(); }
/// Thousands of US dollars, in any scope: 1.5_K_usd.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K_usd() { return detail::make_literal<1000LL * 1000, currencies::usd, Chars...>(); }
/// Millions of US dollars, in any scope: 1.5_M_usd.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M_usd() { return detail::make_literal<1000LL * 1000000, currencies::usd, Chars...>(); }
/// Billions of US dollars, in any scope: 1.5_B_usd.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B_usd() { return detail::make_literal<1000LL * 1000000000, currencies::usd, Chars...>(); }
/// Trillions of US dollars, in any scope: 1.5_T_usd.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T_usd() { return detail::make_literal<1000LL * 1000000000000, currencies::usd, Chars...>(); }
/// Thousands of euros, in any scope: 1.5_K_eur.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K_eur() { return detail::make_literal<1000LL * 1000, currencies::eur, Chars...>(); }
/// Millions of euros, in any scope: 1.5_M_eur.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M_eur() { return detail::make_literal<1000LL * 1000000, currencies::eur, Chars...>(); }
/// Billions of euros, in any scope: 1.5_B_eur.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B_eur() { return detail::make_literal<1000LL * 1000000000, currencies::eur, Chars...>(); }
/// Trillions of euros, in any scope: 1.5_T_eur.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T_eur() { return detail::make_literal<1000LL * 1000000000000, currencies::eur, Chars...>(); }
/// Thousands of pounds sterling, in any scope: 1.5_K_gbp.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K_gbp() { return detail::make_literal<1000LL * 1000, currencies::gbp, Chars...>(); }
/// Millions of pounds sterling, in any scope: 1.5_M_gbp.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M_gbp() { return detail::make_literal<1000LL * 1000000, currencies::gbp, Chars...>(); }
/// Billions of pounds sterling, in any scope: 1.5_B_gbp.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B_gbp() { return detail::make_literal<1000LL * 1000000000, currencies::gbp, Chars...>(); }
/// Trillions of pounds sterling, in any scope: 1.5_T_gbp.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T_gbp() { return detail::make_literal<1000LL * 1000000000000, currencies::gbp, Chars...>(); }
/// Thousands of yen, in any scope: 1.5_K_jpy.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K_jpy() { return detail::make_literal<1000LL * 1000, currencies::jpy, Chars...>(); }
/// Millions of yen, in any scope: 1.5_M_jpy.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M_jpy() { return detail::make_literal<1000LL * 1000000, currencies::jpy, Chars...>(); }
/// Billions of yen, in any scope: 1.5_B_jpy.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B_jpy() { return detail::make_literal<1000LL * 1000000000, currencies::jpy, Chars...>(); }
/// Trillions of yen, in any scope: 1.5_T_jpy.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T_jpy() { return detail::make_literal<1000LL * 1000000000000, currencies::jpy, Chars...>(); }
/// Thousands of Swiss francs, in any scope: 1.5_K_chf.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K_chf() { return detail::make_literal<1000LL * 1000, currencies::chf, Chars...>(); }
/// Millions of Swiss francs, in any scope: 1.5_M_chf.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M_chf() { return detail::make_literal<1000LL * 1000000, currencies::chf, Chars...>(); }
/// Billions of Swiss francs, in any scope: 1.5_B_chf.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B_chf() { return detail::make_literal<1000LL * 1000000000, currencies::chf, Chars...>(); }
/// Trillions of Swiss francs, in any scope: 1.5_T_chf.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T_chf() { return detail::make_literal<1000LL * 1000000000000, currencies::chf, Chars...>(); }

}  // namespace money_literals

/// `_K _M _B _T` in US dollars: `using namespace fundround::usd_literals; 15_B`. The same
/// operators as fundround::literals' own `_K _M _B _T` (US dollars too), brought here by name.
namespace usd_literals {
/// Thousands of US dollars: 25_K in USD (fundround::literals' own `_K`).
using money_literals::operator""_K;
/// Millions of US dollars: 500_M in USD (fundround::literals' own `_M`).
using money_literals::operator""_M;
/// Billions of US dollars: 15_B, 1.5_B in USD (fundround::literals' own `_B`).
using money_literals::operator""_B;
/// Trillions of US dollars: 1.25_T in USD (fundround::literals' own `_T`).
using money_literals::operator""_T;
}  // namespace usd_literals

/// `_K _M _B _T` in euros: `using namespace fundround::eur_literals; 15_B`.
namespace eur_literals {
/// Thousands of euros: 25_K in EUR.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K() { return detail::make_literal<1000LL * 1000, currencies::eur, Chars...>(); }
/// Millions of euros: 500_M in EUR.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M() { return detail::make_literal<1000LL * 1000000, currencies::eur, Chars...>(); }
/// Billions of euros: 15_B, 1.5_B in EUR.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B() { return detail::make_literal<1000LL * 1000000000, currencies::eur, Chars...>(); }
/// Trillions of euros: 1.25_T in EUR.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T() { return detail::make_literal<1000LL * 1000000000000, currencies::eur, Chars...>(); }
}  // namespace eur_literals

/// `_K _M _B _T` in pounds sterling: `using namespace fundround::gbp_literals; 15_B`.
namespace gbp_literals {
/// Thousands of pounds sterling: 25_K in GBP.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K() { return detail::make_literal<1000LL * 1000, currencies::gbp, Chars...>(); }
/// Millions of pounds sterling: 500_M in GBP.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M() { return detail::make_literal<1000LL * 1000000, currencies::gbp, Chars...>(); }
/// Billions of pounds sterling: 15_B, 1.5_B in GBP.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B() { return detail::make_literal<1000LL * 1000000000, currencies::gbp, Chars...>(); }
/// Trillions of pounds sterling: 1.25_T in GBP.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T() { return detail::make_literal<1000LL * 1000000000000, currencies::gbp, Chars...>(); }
}  // namespace gbp_literals

/// `_K _M _B _T` in yen: `using namespace fundround::jpy_literals; 15_B`.
namespace jpy_literals {
/// Thousands of yen: 25_K in JPY.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K() { return detail::make_literal<1000LL * 1000, currencies::jpy, Chars...>(); }
/// Millions of yen: 500_M in JPY.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M() { return detail::make_literal<1000LL * 1000000, currencies::jpy, Chars...>(); }
/// Billions of yen: 15_B, 1.5_B in JPY.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B() { return detail::make_literal<1000LL * 1000000000, currencies::jpy, Chars...>(); }
/// Trillions of yen: 1.25_T in JPY.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T() { return detail::make_literal<1000LL * 1000000000000, currencies::jpy, Chars...>(); }
}  // namespace jpy_literals

/// `_K _M _B _T` in Swiss francs: `using namespace fundround::chf_literals; 15_B`.
namespace chf_literals {
/// Thousands of Swiss francs: 25_K in CHF.
template <char... Chars>
[[nodiscard]] constexpr money operator""_K() { return detail::make_literal<1000LL * 1000, currencies::chf, Chars...>(); }
/// Millions of Swiss francs: 500_M in CHF.
template <char... Chars>
[[nodiscard]] constexpr money operator""_M() { return detail::make_literal<1000LL * 1000000, currencies::chf, Chars...>(); }
/// Billions of Swiss francs: 15_B, 1.5_B in CHF.
template <char... Chars>
[[nodiscard]] constexpr money operator""_B() { return detail::make_literal<1000LL * 1000000000, currencies::chf, Chars...>(); }
/// Trillions of Swiss francs: 1.25_T in CHF.
template <char... Chars>
[[nodiscard]] constexpr money operator""_T() { return detail::make_literal<1000LL * 1000000000000, currencies::chf, Chars...>(); }
}  // namespace chf_literals

}  // namespace literals

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_NUMERIC_LITERALS_HPP
