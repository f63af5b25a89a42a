/// @file numeric/money_format.hpp
/// @brief Text forms of money: format_full (exact), format_compact (press style), operator<<,
/// to_string, and std::formatter specializations where the standard library has `<format>`.
///
/// Format specs (std::format here, fmt::format with <fundround/io/fmt.hpp>):
/// `{}` and `{:f}` the full form ("$15,000,000,000.00"); `{:c}` the compact form with at most
/// 2 decimals ("$1.25T"); `{:cN}`, N from 0 to 15, compact with at most N decimals. A currency
/// formats as its code and takes the string specs (`{:>5}`).
///
/// Everything printed here reads back with parse_money() (io/money_parse.hpp): format_full
/// exactly, format_compact to the rounded value it shows.
#ifndef FUNDROUND_NUMERIC_MONEY_FORMAT_HPP
#define FUNDROUND_NUMERIC_MONEY_FORMAT_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/rounding.hpp>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#if defined(__has_include)
#if __has_include(<version>)
#include <version>
#endif
#endif
#if defined(__cpp_lib_format) && __cpp_lib_format >= 201907L
#include <format>
/// 1 when the standard library has `<format>`: std::formatter<money> and
/// std::formatter<currency> are then defined.
#define FUNDROUND_HAS_STD_FORMAT 1
#else
/// 0: the standard library has no `<format>` (use io/fmt.hpp with {fmt}, or operator<<).
#define FUNDROUND_HAS_STD_FORMAT 0
#endif

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// Appends the decimal digits of @p v to @p out, with a comma before every group of three digits
/// from the right if @p group: the one digit writer of the money texts (a small buffer, no
/// std::to_string and no inserts).
inline void append_digits(std::string& out, std::uint64_t v, bool group) {
    char buffer[32];
    char* p = buffer + sizeof buffer;
    for (int n = 0; n == 0 || v != 0; ++n, v /= 10) {
        if (group && n > 0 && n % 3 == 0) *--p = ',';
        *--p = static_cast<char>('0' + v % 10);
    }
    out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

/// Appends the symbol of @p c ("$"), or its code and a space ("CHF ") when it has none.
inline void append_currency_prefix(std::string& out, currency c) {
    const std::string_view symbol = c.symbol();
    if (symbol.empty()) {
        out.append(c.code().data(), c.code().size());
        out += ' ';
    } else {
        out.append(symbol.data(), symbol.size());
    }
}

/// The magnitude of @p units, exactly (|INT64_MIN| included).
[[nodiscard]] constexpr std::uint64_t magnitude_of_units(std::int64_t units) noexcept {
    return units < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
}

/// Appends "1,234.5" style text of |units| (see format_magnitude()).
inline void append_magnitude(std::string& out, std::int64_t units, int min_decimals, bool group) {
    const std::uint64_t mag = magnitude_of_units(units);
    append_digits(out, mag / 1000, group);
    const auto frac = static_cast<unsigned>(mag % 1000);
    const char decimals[3] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                              static_cast<char>('0' + frac % 10)};
    std::size_t keep = 3;
    while (keep > static_cast<std::size_t>(min_decimals) && decimals[keep - 1] == '0') --keep;
    if (keep > 0) {
        out += '.';
        out.append(decimals, keep);
    }
}

/// @p digits with a comma before every group of three digits from the right.
[[nodiscard]] inline std::string group_thousands(std::string digits) {
    for (std::ptrdiff_t pos = static_cast<std::ptrdiff_t>(digits.size()) - 3; pos > 0; pos -= 3) {
        digits.insert(static_cast<std::size_t>(pos), 1, ',');
    }
    return digits;
}

/// The symbol of @p c ("$"), or its code and a space ("CHF ") when it has none.
[[nodiscard]] inline std::string currency_prefix(currency c) {
    const std::string_view symbol = c.symbol();
    return symbol.empty() ? to_string(c) + " " : std::string(symbol);
}

/// "1,234.5" style text of |units|, showing at least @p min_decimals decimals and more only when
/// the sub-unit digits are non-zero.
[[nodiscard]] inline std::string format_magnitude(std::int64_t units, int min_decimals, bool group) {
    std::string text;
    append_magnitude(text, units, min_decimals, group);
    return text;
}

/// The compact text of @p m (see format_compact) and whether it is exactly @p m.
struct compact_text {
    std::string text;  ///< What format_compact prints.
    bool exact;        ///< True if the text reads back as exactly the amount.
};

/// format_compact's work; also says whether the text is exact (no parse needed to know).
[[nodiscard]] inline compact_text format_compact_text(money m, int max_decimals) {
    if (max_decimals < 0 || max_decimals > 15) {
        throw invalid_argument_error("format_compact: max_decimals = " + std::to_string(max_decimals) +
                                     ": must be between 0 and 15");
    }
    static constexpr const char* suffixes[] = {"K", "M", "B", "T"};
    const auto mag = static_cast<int128>(magnitude(int128(m.units())));
    std::string text;
    if (m.is_negative()) text += '-';
    append_currency_prefix(text, m.currency());
    int128 scale = 1000 * money::units_per_major;  // K in units
    int index = -1;
    for (int i = 0; i < 4; ++i) {
        if (mag >= scale) index = i;
        if (i < 3 && mag >= scale) scale *= 1000;
    }
    if (index < 0) {
        // Below 1,000: the exact amount, whole numbers without decimals.
        const bool whole = mag % money::units_per_major == 0;
        append_magnitude(text, m.units(), whole ? 0 : m.currency().minor_digits(), false);
        return {std::move(text), true};
    }
    int128 pow10 = 1;
    for (int i = 0; i < max_decimals; ++i) pow10 *= 10;
    // The largest magnitude an amount of this sign can have: 2^63 - 1 units, or 2^63 if negative.
    const int128 limit = int128(int64_max) + (m.is_negative() ? 1 : 0);
    for (;;) {
        int128 suffix_units = money::units_per_major;
        for (int i = 0; i <= index; ++i) suffix_units *= 1000;
        int128 scaled = divide_rounded(mag * pow10, suffix_units, rounding::half_away_from_zero);
        if (scaled >= 1000 * pow10 && index < 3) {
            ++index;
            continue;
        }
        // Rounding up must not leave the money range ($9,223.37204T for 2^63 - 1 units with 5
        // decimals is more than any amount): the text must read back, so round down there.
        if (scaled * suffix_units > limit * pow10) scaled = mag * pow10 / suffix_units;
        const bool exact = scaled * suffix_units == mag * pow10;
        const auto whole = static_cast<std::uint64_t>(scaled / pow10);
        auto frac = static_cast<std::uint64_t>(scaled % pow10);
        append_digits(text, whole, true);
        if (frac != 0) {  // max_decimals digits (frac < 10^max_decimals), trailing zeros dropped
            char digits[16];
            for (int i = max_decimals; i-- > 0; frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
            auto n = static_cast<std::size_t>(max_decimals);
            while (n > 0 && digits[n - 1] == '0') --n;
            text += '.';
            text.append(digits, n);
        }
        text += suffixes[index];
        return {std::move(text), exact};
    }
}

}  // namespace detail

/// Exact text with thousands separators and the currency's minor digits, such as
/// "$840,000,000,000.00"; sub-cent units are shown when present ("$0.005"). Reads back exactly
/// with parse_money().
[[nodiscard]] inline std::string format_full(money m) {
    std::string text;
    if (m.is_negative()) text += '-';
    detail::append_currency_prefix(text, m.currency());
    detail::append_magnitude(text, m.units(), m.currency().minor_digits(), true);
    return text;
}

/// Short text as in the press: "$840B", "$1.25T", "$15.5M", "$999.95M", "$25K".
///
/// Picks the largest of K, M, B, T not above the amount, rounds the mantissa half away from zero
/// to at most @p max_decimals decimals (0 to 15, else invalid_argument_error) and drops trailing
/// zeros; a mantissa that rounds up to 1000 moves to the next suffix ($999.999M -> "$1B"). Below
/// 1,000 it prints "$950" or "$12.50". This is a display form: it may round, format_full() never
/// does. The text always reads back with parse_money(), as the value shown: near the ends of the
/// range, where rounding up would leave it, the mantissa is rounded toward zero instead.
[[nodiscard]] inline std::string format_compact(money m, int max_decimals = 2) {
    return detail::format_compact_text(m, max_decimals).text;
}

/// Same as format_full().
[[nodiscard]] inline std::string to_string(money m) { return format_full(m); }

/// Writes the exact full form, e.g. "$15,000,000,000.00".
inline std::ostream& operator<<(std::ostream& os, money m) { return os << format_full(m); }

namespace detail {

/// A parsed money format spec: full, or compact with at most @p decimals decimals.
struct money_format_spec {
    bool compact = false;  ///< format_compact instead of format_full.
    int decimals = 2;      ///< max_decimals of format_compact.
};

/// Parses a money format spec ("", "f", "c", "c0" ... "c15") from [@p it, @p end) up to '}'.
/// Stores the result in @p spec and returns where it stopped; sets @p error to a message if the
/// spec is invalid. Shared by the std::format and fmt formatters.
template <class It>
constexpr It parse_money_format_spec(It it, It end, money_format_spec& spec, const char*& error) {
    error = nullptr;
    if (it == end || *it == '}') return it;
    if (*it == 'f') {
        ++it;
    } else if (*it == 'c') {
        spec.compact = true;
        ++it;
        if (it != end && *it >= '0' && *it <= '9') {
            int n = 0;
            while (it != end && *it >= '0' && *it <= '9') {
                n = n * 10 + (*it - '0');
                ++it;
                if (n > 15) {
                    error = "fundround money format spec: at most 15 decimals ({:c0} to {:c15})";
                    return it;
                }
            }
            spec.decimals = n;
        }
    } else {
        error = "fundround money format spec: expected {}, {:f}, {:c} or {:cN} (N from 0 to 15)";
        return it;
    }
    if (it != end && *it != '}') {
        error = "fundround money format spec: expected {}, {:f}, {:c} or {:cN} (N from 0 to 15)";
    }
    return it;
}

/// The text of @p m under @p spec.
[[nodiscard]] inline std::string format_money(money m, const money_format_spec& spec) {
    return spec.compact ? format_compact(m, spec.decimals) : format_full(m);
}


/// @p m compact ("$125B") where that text reads back as exactly @p m, in full otherwise
/// ("$120,000,000,000.001"), or always in full if @p full: so printed figures add up.
[[nodiscard]] inline std::string compact_if_exact(money amount, bool full = false) {
    const money& m = amount;
    if (full) return format_full(m);
    detail::compact_text compact = detail::format_compact_text(m, 2);
    return compact.exact ? std::move(compact.text) : format_full(m);
}

}  // namespace detail

FUNDROUND_END_NAMESPACE

#if FUNDROUND_HAS_STD_FORMAT
/// std::format support: `std::format("{:c}", 15_B)` is "$15B"; specs in numeric/money_format.hpp.
template <>
struct std::formatter<fundround::money, char> {
    /// Reads {}, {:f}, {:c} or {:cN}.
    constexpr std::format_parse_context::iterator parse(std::format_parse_context& ctx) {
        const char* error = nullptr;
        auto it = fundround::detail::parse_money_format_spec(ctx.begin(), ctx.end(), spec_, error);
        if (error != nullptr) throw std::format_error(error);
        return it;
    }
    /// Writes the amount in the form parsed.
    template <class FormatContext>
    typename FormatContext::iterator format(fundround::money m, FormatContext& ctx) const {
        const std::string text = fundround::detail::format_money(m, spec_);
        auto out = ctx.out();
        for (char c : text) *out++ = c;
        return out;
    }

private:
    fundround::detail::money_format_spec spec_;
};

/// std::format support for currency: its code, with the string specs (`{:>5}`).
template <>
struct std::formatter<fundround::currency, char> : std::formatter<std::string_view, char> {
    /// Writes the three-letter code.
    template <class FormatContext>
    typename FormatContext::iterator format(fundround::currency c, FormatContext& ctx) const {
        return std::formatter<std::string_view, char>::format(c.code(), ctx);
    }
};
#endif  // FUNDROUND_HAS_STD_FORMAT

#endif  // FUNDROUND_NUMERIC_MONEY_FORMAT_HPP
