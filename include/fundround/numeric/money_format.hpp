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
#include <fundround/detail/digits.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/rounding.hpp>

#include <algorithm>
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

/// The magnitude of @p units, exactly (|INT64_MIN| included).
[[nodiscard]] constexpr std::uint64_t magnitude_of_units(std::int64_t units) noexcept {
    return units < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
}

/// Room for any money text written backwards: a sign, a prefix ("CHF "), 26 grouped digits, a
/// point and up to 15 decimals, a suffix.
inline constexpr std::size_t money_text_room = 48;

/// Writes "1,234.5" style text of @p mag units backwards before @p end (the sub-unit digits with
/// trailing zeros dropped down to @p min_decimals, 0 to 3); returns where it starts.
inline char* write_units_backward(char* end, std::uint64_t mag, int min_decimals, bool group) {
    const auto frac = static_cast<unsigned>(mag % 1000);
    const char digits[3] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                            static_cast<char>('0' + frac % 10)};
    int keep = frac % 10 != 0 ? 3 : frac % 100 != 0 ? 2 : frac != 0 ? 1 : 0;
    if (keep < min_decimals) keep = min_decimals;
    for (int i = keep; i-- > 0;) *--end = digits[i];
    if (keep > 0) *--end = '.';
    return write_digits_backward(end, mag / 1000, group);
}

/// Writes the symbol of @p c ("$"), or its code and a space ("CHF ") when it has none, and
/// before it a '-' if @p negative, backwards before @p end; returns where it starts. @p t is
/// traits_of(the currency), looked up once per text.
inline char* write_prefix_backward(char* end, bool negative, const currency_traits& t) {
    std::string_view prefix = t.symbol;
    if (prefix.empty()) {
        *--end = ' ';
        prefix = t.code.code();
    }
    end -= prefix.size();
    prefix.copy(end, prefix.size());
    if (negative) *--end = '-';
    return end;
}

/// Throws the invalid_argument_error of a compact format with @p max_decimals out of 0 to 15.
[[noreturn]] FUNDROUND_COLD inline void throw_compact_decimals(int max_decimals) {
    throw invalid_argument_error(
        concat({"format_compact: max_decimals = ", signed_digits(max_decimals), ": must be between 0 and 15"}));
}

/// The forms of write_money_backward().
enum class money_style {
    full,              ///< format_full(): exact, grouped, the minor digits ("$15,000,000,000.00").
    compact,           ///< format_compact(): K, M, B, T with at most max_decimals decimals.
    compact_if_exact,  ///< compact where that is exactly the amount, else full.
};

/// Writes @p m in @p style backwards before @p end and sets @p exact to whether the text reads
/// back as exactly @p m; returns where it starts. The one writer of every money text (full,
/// compact, compact where exact), into a buffer of money_text_room chars.
inline char* write_money_backward(char* const end, money m, money_style style, int max_decimals, bool& exact) {
    if (style == money_style::compact && (max_decimals < 0 || max_decimals > 15)) {
        throw_compact_decimals(max_decimals);
    }
    const currency_traits t = traits_of(m.currency());
    const int minor = t.minor_digits;
    const std::uint64_t mag = magnitude_of_units(m.units());
    const auto pow10 = [](int n) {
        std::uint64_t p = 1;
        while (n-- > 0) p *= 10;
        return p;
    };
    char* p = end;
    exact = true;
    bool compact = style != money_style::full;
    if (compact && mag >= 1000000) {
        // The suffix K, M, B or T (index 0 to 3) is 10^(6 + 3 index) units. The mantissa with
        // max_decimals decimals, times 10^max_decimals, is mag / 10^e, e = 6 + 3 index -
        // max_decimals, rounded half away from zero: all in 64 bits (below 10^19).
        int index = 0;
        for (std::uint64_t s = 1000000000; index < 3 && mag >= s; s *= 1000) ++index;
        const std::uint64_t one = pow10(max_decimals);  // the mantissa 1 with max_decimals decimals
        std::uint64_t scaled = 0;
        for (;;) {
            const int e = 6 + 3 * index - max_decimals;
            if (e <= 0) {
                scaled = mag * pow10(-e);  // exact: below 1000 one <= 10^18
            } else {
                const std::uint64_t unit = pow10(e);
                scaled = mag / unit;
                const std::uint64_t rest = mag % unit;
                exact = rest == 0;
                // Rounding up must not leave the money range ($9,223.37204T for 2^63 - 1 units
                // with 5 decimals is more than any amount): the text must read back, so round
                // down there. The largest magnitude: 2^63 - 1 units, or 2^63 if negative.
                const std::uint64_t limit = static_cast<std::uint64_t>(int64_max) + (m.is_negative() ? 1U : 0U);
                if (rest >= unit / 2 && (scaled + 1) * unit <= limit) ++scaled;
            }
            if (index == 3 || scaled < 1000 * one) break;
            ++index;  // $999.999M -> "$1B"
        }
        if (exact || style == money_style::compact) {
            *--p = "KMBT"[index];
            if (std::uint64_t frac = scaled % one; frac != 0) {  // trailing zeros dropped
                int n = max_decimals;
                for (; frac % 10 == 0; --n) frac /= 10;
                for (; n > 0; --n, frac /= 10) *--p = static_cast<char>('0' + frac % 10);
                *--p = '.';
            }
            p = write_digits_backward(p, scaled / one, true);
        } else {
            compact = false;  // not exact: in full
        }
    }
    if (p == end) {  // in full, or compact below 1,000: the exact amount, whole ones without decimals
        p = write_units_backward(end, mag, compact && mag % 1000 == 0 ? 0 : minor, true);
    }
    return write_prefix_backward(p, m.is_negative(), t);
}

/// Appends "1,234.5" style text of |units| (see format_magnitude()).
inline void append_magnitude(std::string& out, std::int64_t units, int min_decimals, bool group) {
    char buffer[money_text_room];
    const char* p = write_units_backward(buffer + sizeof buffer, magnitude_of_units(units), min_decimals, group);
    out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

/// @p digits with a comma before every group of three digits from the right.
[[nodiscard]] inline std::string group_thousands(std::string digits) {
    for (std::ptrdiff_t pos = static_cast<std::ptrdiff_t>(digits.size()) - 3; pos > 0; pos -= 3) {
        digits.insert(static_cast<std::size_t>(pos), 1, ',');
    }
    return digits;
}

/// Appends @p number, decimal text such as "-1234567.89", with a comma before every group of
/// three digits of its whole part ("-1,234,567.89"); the sign and the part from the point on are
/// copied as they are.
inline void append_grouped(std::string& out, std::string_view number) {
    std::size_t i = !number.empty() && number[0] == '-' ? 1 : 0;
    const std::size_t point = std::min(number.find('.'), number.size());
    out.append(number.data(), i);
    for (; i < point; ++i) {
        out += number[i];
        if (i + 1 < point && (point - i - 1) % 3 == 0) out += ',';
    }
    out.append(number.data() + point, number.size() - point);
}

/// The symbol of @p c ("$"), or its code and a space ("CHF ") when it has none.
[[nodiscard]] inline std::string currency_prefix(currency c) {
    char buffer[8];
    const char* p = write_prefix_backward(buffer + sizeof buffer, false, traits_of(c));
    return std::string(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
}

/// "1,234.5" style text of |units|, showing at least @p min_decimals decimals and more only when
/// the sub-unit digits are non-zero.
[[nodiscard]] inline std::string format_magnitude(std::int64_t units, int min_decimals, bool group) {
    std::string text;
    append_magnitude(text, units, min_decimals, group);
    return text;
}

/// Appends @p m in @p style (see write_money_backward()) to @p out; returns whether the text is
/// exactly @p m.
inline bool append_money(std::string& out, money m, money_style style, int max_decimals = 2) {
    char buffer[money_text_room];
    bool exact = false;
    const char* p = write_money_backward(buffer + sizeof buffer, m, style, max_decimals, exact);
    out.append(p, static_cast<std::size_t>(buffer + sizeof buffer - p));
    return exact;
}

/// Appends format_compact(@p m, @p max_decimals) to @p out and returns whether it is exactly @p m
/// (reads back as the amount itself).
inline bool append_compact(std::string& out, money m, int max_decimals) {
    return append_money(out, m, money_style::compact, max_decimals);
}

/// The compact text of @p m (see format_compact) and whether it is exactly @p m.
struct compact_text {
    std::string text;  ///< What format_compact prints.
    bool exact;        ///< True if the text reads back as exactly the amount.
};

/// format_compact's work; also says whether the text is exact (no parse needed to know).
[[nodiscard]] inline compact_text format_compact_text(money m, int max_decimals) {
    compact_text out{std::string(), false};
    out.exact = append_compact(out.text, m, max_decimals);
    return out;
}

/// Appends format_full(@p m) to @p out.
inline void append_full(std::string& out, money m) { append_money(out, m, money_style::full); }

/// Appends @p m compact ("$125B") where that text reads back as exactly @p m, in full otherwise
/// ("$120,000,000,000.001"), or always in full if @p full: so printed figures add up.
inline void append_compact_if_exact(std::string& out, money m, bool full = false) {
    append_money(out, m, full ? money_style::full : money_style::compact_if_exact);
}

}  // namespace detail

/// Exact text with thousands separators and the currency's minor digits, such as
/// "$840,000,000,000.00"; sub-cent units are shown when present ("$0.005"). Reads back exactly
/// with parse_money().
[[nodiscard]] inline std::string format_full(money m) {
    std::string text;
    detail::append_full(text, m);
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
    std::string text;
    detail::append_compact(text, m, max_decimals);
    return text;
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
    std::string text;
    append_compact_if_exact(text, amount, full);
    return text;
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
