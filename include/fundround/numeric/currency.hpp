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

/// 1 on big-endian targets, where currency's key holds the first letter in its high byte.
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define FUNDROUND_DETAIL_BIG_ENDIAN 1
#else
#define FUNDROUND_DETAIL_BIG_ENDIAN 0
#endif

FUNDROUND_BEGIN_NAMESPACE

namespace detail {
/// Throws the invalid_argument_error of a bad currency code (cold path, out of line).
[[noreturn]] FUNDROUND_COLD inline void throw_bad_currency_code(std::string_view code) {
    throw invalid_argument_error("currency code \"" + std::string(code) +
                                 "\": must be three upper-case letters A-Z (ISO 4217)");
}

/// The letters of a three-letter code as a number that orders like the text (first letter most
/// significant), e.g. for switch labels: pack_code("JPY").
[[nodiscard]] constexpr std::uint32_t pack_code(const char (&c)[4]) noexcept {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(c[0])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(c[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(c[2]));
}

}  // namespace detail

/// A currency identified by its three-letter ISO 4217 code, e.g. "USD". Regular value type.
///
/// One std::uint32_t: the three letters and a NUL, in memory order (so code() can view them).
/// Copies are one 32-bit move, ==, != and std::hash one 32-bit compare or value, < one compare
/// of the letters in alphabetical order; minor_digits() and symbol() are derived from the code.
class currency {
public:
    /// US dollars. The default exists so that currency is a regular type; where a currency is
    /// really expected (a sum, a round), fundround asks for it instead of assuming USD.
    constexpr currency() noexcept : key_(make_key('U', 'S', 'D')) {}

    /// The currency with this code; throws invalid_argument_error unless it is three letters A-Z.
    constexpr explicit currency(std::string_view code) : key_(0) {
        if (!valid_code(code)) detail::throw_bad_currency_code(code);
        key_ = make_key(code[0], code[1], code[2]);
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
    /// Not constexpr: it views the bytes of the 32-bit key; compare currencies with == instead.
    [[nodiscard]] std::string_view code() const noexcept { return {c_str(), 3}; }

    /// The code as a NUL-terminated C string, e.g. "USD" (points into this object).
    [[nodiscard]] const char* c_str() const noexcept {
        return reinterpret_cast<const char*>(&key_);  // char may view any object's bytes
    }

    /// The 32-bit key: the code's four bytes ("USD" and a NUL) in memory order. Equal codes,
    /// equal keys; used for ==, != and std::hash.
    [[nodiscard]] constexpr std::uint32_t key() const noexcept { return key_; }

    /// Digits after the decimal point in the currency's minor unit (2 for USD, 0 for JPY).
    [[nodiscard]] constexpr int minor_digits() const noexcept;

    /// The symbol written before amounts ("$", "€", "£", "¥"), or "" if it has none here.
    [[nodiscard]] constexpr std::string_view symbol() const noexcept;

    /// True if the two codes are the same (one 32-bit compare).
    [[nodiscard]] friend constexpr bool operator==(currency a, currency b) noexcept {
        return a.key() == b.key();
    }
    /// True if the two codes differ (one 32-bit compare).
    [[nodiscard]] friend constexpr bool operator!=(currency a, currency b) noexcept {
        return a.key() != b.key();
    }
    /// Alphabetical order of the codes ("CHF" < "EUR" < "USD"), e.g. for std::map keys.
    [[nodiscard]] friend constexpr bool operator<(currency a, currency b) noexcept {
        return a.order_key() < b.order_key();
    }
    /// Alphabetical order of the codes.
    [[nodiscard]] friend constexpr bool operator>(currency a, currency b) noexcept { return b < a; }
    /// Alphabetical order of the codes.
    [[nodiscard]] friend constexpr bool operator<=(currency a, currency b) noexcept { return !(b < a); }
    /// Alphabetical order of the codes.
    [[nodiscard]] friend constexpr bool operator>=(currency a, currency b) noexcept { return !(a < b); }

private:
    // The key whose bytes in memory are c0 c1 c2 NUL, whatever the byte order of the machine.
    static constexpr std::uint32_t make_key(char c0, char c1, char c2) noexcept {
        const auto b0 = static_cast<std::uint32_t>(static_cast<unsigned char>(c0));
        const auto b1 = static_cast<std::uint32_t>(static_cast<unsigned char>(c1));
        const auto b2 = static_cast<std::uint32_t>(static_cast<unsigned char>(c2));
#if FUNDROUND_DETAIL_BIG_ENDIAN
        return b0 << 24 | b1 << 16 | b2 << 8;
#else
        return b0 | b1 << 8 | b2 << 16;
#endif
    }
    // The letters as a number that orders like the text: first letter most significant.
    constexpr std::uint32_t order_key() const noexcept {
#if FUNDROUND_DETAIL_BIG_ENDIAN
        return key_ >> 8;
#else
        return (key_ & 0xFFu) << 16 | (key_ & 0xFF00u) | (key_ >> 16 & 0xFFu);
#endif
    }

    std::uint32_t key_;
};

namespace detail {

/// A currency whose minor digits are not 2 or that has a symbol: the currency, its minor digits
/// and its symbol ("" if none).
struct currency_traits {
    currency code;            ///< The currency.
    int minor_digits;         ///< Digits after the point in the minor unit.
    std::string_view symbol;  ///< The symbol written before amounts, or "".
};

/// Every currency that has not 2 minor digits and no symbol: one table, searched by
/// currency::minor_digits(), currency::symbol() and the money texts (once per text).
inline constexpr currency_traits currency_exceptions[] = {
    {currency{"USD"}, 2, "$"}, {currency{"EUR"}, 2, "\xE2\x82\xAC"}, {currency{"GBP"}, 2, "\xC2\xA3"},
    {currency{"JPY"}, 0, "\xC2\xA5"}, {currency{"KRW"}, 0, ""}, {currency{"CLP"}, 0, ""},
    {currency{"ISK"}, 0, ""}, {currency{"VND"}, 0, ""}, {currency{"BHD"}, 3, ""},
    {currency{"KWD"}, 3, ""}, {currency{"OMR"}, 3, ""}, {currency{"JOD"}, 3, ""},
    {currency{"TND"}, 3, ""},
};

/// The traits of @p c: its entry of currency_exceptions, or 2 minor digits and no symbol. The one
/// lookup of the table (minor_digits(), symbol(), the money texts once per text). By value, so
/// that it is a constant expression with every compiler option (a pointer into the table
/// compared with null is not one for g++ with -fsanitize=address).
[[nodiscard]] constexpr currency_traits traits_of(currency c) noexcept {
    for (const currency_traits& t : currency_exceptions) {
        if (t.code == c) return t;
    }
    return {c, 2, std::string_view()};
}

}  // namespace detail

constexpr int currency::minor_digits() const noexcept {
    return detail::traits_of(*this).minor_digits;
}

constexpr std::string_view currency::symbol() const noexcept {
    return detail::traits_of(*this).symbol;
}

/// The code as a std::string, e.g. "USD".
[[nodiscard]] inline std::string to_string(currency c) { return std::string(c.code()); }

namespace detail {

/// The rule an amount (or price) in another currency than the cap table's @p table breaks, with
/// what to do: every such problem says it in these words.
[[nodiscard]] inline std::string table_currency_rule(currency table) {
    return "must be in " + to_string(table) +
           ", the cap table's currency (or set the table's currency: cap_table_builder::currency(...) in C++, "
           "\"currency\" in a deal file's cap_table)";
}

}  // namespace detail

/// Writes the three-letter code, e.g. "EUR" (any narrow output stream; needs `<ostream>` to use).
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

FUNDROUND_END_NAMESPACE

namespace std {
/// Hash of a currency: its 32-bit key (for std::unordered_map and friends).
template <>
struct hash<fundround::currency> {
    /// The hash value of @p c.
    [[nodiscard]] std::size_t operator()(fundround::currency c) const noexcept { return c.key(); }
};
}  // namespace std

#undef FUNDROUND_DETAIL_BIG_ENDIAN  // internal to this header

#endif  // FUNDROUND_NUMERIC_CURRENCY_HPP
