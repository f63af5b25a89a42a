/// @file numeric/currency.hpp
/// @brief ISO 4217 currency codes as a 4-byte value type: equality is one 32-bit compare.
#ifndef FUNDROUND_NUMERIC_CURRENCY_HPP
#define FUNDROUND_NUMERIC_CURRENCY_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace fundround {

namespace detail {
/// Throws the invalid_argument_error of a bad currency code (cold path, out of line).
[[noreturn]] FUNDROUND_COLD inline void throw_bad_currency_code(std::string_view code) {
    throw invalid_argument_error("currency code \"" + std::string(code) +
                                 "\": must be three upper-case letters A-Z (ISO 4217)");
}

/// The letters of a three-letter code as a number that orders like the text (first letter most
/// significant), e.g. for switch labels: pack_code("JPY").
constexpr std::uint32_t pack_code(const char (&c)[4]) noexcept {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(c[0])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(c[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(c[2]));
}

}  // namespace detail

/// A currency identified by its three-letter ISO 4217 code, e.g. "USD". Regular value type.
///
/// Four bytes, aligned as a 32-bit integer: the three letters and a NUL. Copies are one 32-bit
/// move; ==, != and < compare one 32-bit key (compilers turn key() into a single load);
/// minor_digits() and symbol() are derived from the code.
class currency {
public:
    /// US dollars. The default exists so that currency is a regular type; where a currency is
    /// really expected (a sum, a round), fundround asks for it instead of assuming USD.
    constexpr currency() noexcept : code_{'U', 'S', 'D', '\0'} {}

    /// The currency with this code; throws invalid_argument_error unless it is three letters A-Z.
    constexpr explicit currency(std::string_view code) : code_{'X', 'X', 'X', '\0'} {
        if (!valid_code(code)) detail::throw_bad_currency_code(code);
        code_[0] = code[0];
        code_[1] = code[1];
        code_[2] = code[2];
    }

    /// True if @p code is three upper-case ASCII letters.
    [[nodiscard]] static constexpr bool valid_code(std::string_view code) noexcept {
        if (code.size() != 3) return false;
        for (char c : code) {
            if (c < 'A' || c > 'Z') return false;
        }
        return true;
    }

    /// The three-letter code, e.g. "USD" (a view of this object: valid while it lives).
    [[nodiscard]] constexpr std::string_view code() const noexcept { return {code_, 3}; }

    /// The code as a NUL-terminated C string, e.g. "USD" (points into this object).
    [[nodiscard]] constexpr const char* c_str() const noexcept { return code_; }

    /// The four code bytes as one 32-bit integer in memory order: equal codes, equal keys.
    /// Used for ==, != and std::hash; compilers compile it to a single 32-bit load.
    [[nodiscard]] constexpr std::uint32_t key() const noexcept {
        return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
    }

    /// Digits after the decimal point in the currency's minor unit (2 for USD, 0 for JPY).
    [[nodiscard]] constexpr int minor_digits() const noexcept {
        switch (order_key()) {
            case detail::pack_code("JPY"): case detail::pack_code("KRW"): case detail::pack_code("CLP"): case detail::pack_code("ISK"):
            case detail::pack_code("VND"):
                return 0;
            case detail::pack_code("BHD"): case detail::pack_code("KWD"): case detail::pack_code("OMR"): case detail::pack_code("JOD"):
            case detail::pack_code("TND"):
                return 3;
            default:
                return 2;
        }
    }

    /// The symbol written before amounts ("$", "€", "£", "¥"), or "" if it has none here.
    [[nodiscard]] constexpr std::string_view symbol() const noexcept {
        switch (order_key()) {
            case detail::pack_code("USD"): return "$";
            case detail::pack_code("EUR"): return "\xE2\x82\xAC";  // €
            case detail::pack_code("GBP"): return "\xC2\xA3";      // £
            case detail::pack_code("JPY"): return "\xC2\xA5";      // ¥
            default: return "";
        }
    }

    /// True if the two codes are the same (one 32-bit compare).
    friend constexpr bool operator==(currency a, currency b) noexcept { return a.key() == b.key(); }
    /// True if the two codes differ (one 32-bit compare).
    friend constexpr bool operator!=(currency a, currency b) noexcept { return a.key() != b.key(); }
    /// Alphabetical order of the codes ("CHF" < "EUR" < "USD"), e.g. for std::map keys.
    friend constexpr bool operator<(currency a, currency b) noexcept {
        return a.order_key() < b.order_key();
    }
    /// Alphabetical order of the codes.
    friend constexpr bool operator>(currency a, currency b) noexcept { return b < a; }
    /// Alphabetical order of the codes.
    friend constexpr bool operator<=(currency a, currency b) noexcept { return !(b < a); }
    /// Alphabetical order of the codes.
    friend constexpr bool operator>=(currency a, currency b) noexcept { return !(a < b); }

private:
    constexpr std::uint32_t byte(std::size_t i) const noexcept {
        return static_cast<unsigned char>(code_[i]);
    }
    // The letters as a number that orders like the text: first letter most significant.
    constexpr std::uint32_t order_key() const noexcept { return byte(0) << 16 | byte(1) << 8 | byte(2); }

    alignas(std::uint32_t) char code_[4];
};

/// The code as a std::string, e.g. "USD".
[[nodiscard]] inline std::string to_string(currency c) { return std::string(c.code()); }

/// Writes the three-letter code, e.g. "EUR" (any narrow output stream; needs <ostream> to use).
template <class Traits>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& os, currency c) {
    return os << c.c_str();
}

/// Ready-made currency constants: currencies::usd, eur, gbp, jpy, chf.
namespace currencies {
inline constexpr currency usd{"USD"};  ///< US dollar.
inline constexpr currency eur{"EUR"};  ///< Euro.
inline constexpr currency gbp{"GBP"};  ///< Pound sterling.
inline constexpr currency jpy{"JPY"};  ///< Japanese yen.
inline constexpr currency chf{"CHF"};  ///< Swiss franc.
}  // namespace currencies

}  // namespace fundround

namespace std {
/// Hash of a currency: its 32-bit key (for std::unordered_map and friends).
template <>
struct hash<fundround::currency> {
    /// The hash value of @p c.
    [[nodiscard]] std::size_t operator()(fundround::currency c) const noexcept { return c.key(); }
};
}  // namespace std

#endif  // FUNDROUND_NUMERIC_CURRENCY_HPP
