/// @file numeric/currency.hpp
/// @brief ISO 4217 currency codes as a small value type.
#ifndef FUNDROUND_NUMERIC_CURRENCY_HPP
#define FUNDROUND_NUMERIC_CURRENCY_HPP

#include <fundround/config.hpp>
#include <fundround/error.hpp>

#include <array>
#include <string>
#include <string_view>

FUNDROUND_BEGIN_NAMESPACE

/// A currency identified by its three-letter ISO 4217 code, e.g. "USD". Regular value type.
class currency {
public:
    /// US dollars.
    constexpr currency() noexcept : code_{{'U', 'S', 'D'}} {}

    /// The currency with this code; throws invalid_argument_error unless it is three letters A-Z.
    constexpr explicit currency(std::string_view code) : code_{{'X', 'X', 'X'}} {
        if (!valid_code(code)) {
            throw invalid_argument_error("currency code \"" + std::string(code) +
                                         "\": must be three upper-case letters A-Z (ISO 4217)");
        }
        code_ = {{code[0], code[1], code[2]}};
    }

    /// True if @p code is three upper-case ASCII letters.
    static constexpr bool valid_code(std::string_view code) noexcept {
        if (code.size() != 3) return false;
        for (char c : code) {
            if (c < 'A' || c > 'Z') return false;
        }
        return true;
    }

    /// The three-letter code, e.g. "USD".
    constexpr std::string_view code() const noexcept { return {code_.data(), code_.size()}; }

    /// Digits after the decimal point in the currency's minor unit (2 for USD, 0 for JPY).
    constexpr int minor_digits() const noexcept {
        const std::string_view c = code();
        if (c == "JPY" || c == "KRW" || c == "CLP" || c == "ISK" || c == "VND") return 0;
        if (c == "BHD" || c == "KWD" || c == "OMR" || c == "JOD" || c == "TND") return 3;
        return 2;
    }

    /// The symbol written before amounts ("$", "€", "£", "¥"), or "" if it has none here.
    constexpr std::string_view symbol() const noexcept {
        const std::string_view c = code();
        if (c == "USD") return "$";
        if (c == "EUR") return "\xE2\x82\xAC";  // €
        if (c == "GBP") return "\xC2\xA3";      // £
        if (c == "JPY") return "\xC2\xA5";      // ¥
        return "";
    }

    /// True if the two codes are the same.
    friend constexpr bool operator==(currency a, currency b) noexcept {
        return a.code_[0] == b.code_[0] && a.code_[1] == b.code_[1] && a.code_[2] == b.code_[2];
    }
    /// True if the two codes differ.
    friend constexpr bool operator!=(currency a, currency b) noexcept { return !(a == b); }
    /// Alphabetical order of the codes ("CHF" < "EUR" < "USD"), e.g. for std::map keys.
    friend constexpr bool operator<(currency a, currency b) noexcept { return a.code() < b.code(); }

private:
    std::array<char, 3> code_;
};

/// The code as a std::string, e.g. "USD".
inline std::string to_string(currency c) { return std::string(c.code()); }

/// Ready-made currency constants: currencies::usd, eur, gbp, jpy, chf.
namespace currencies {
inline constexpr currency usd{"USD"};  ///< US dollar.
inline constexpr currency eur{"EUR"};  ///< Euro.
inline constexpr currency gbp{"GBP"};  ///< Pound sterling.
inline constexpr currency jpy{"JPY"};  ///< Japanese yen.
inline constexpr currency chf{"CHF"};  ///< Swiss franc.
}  // namespace currencies

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_NUMERIC_CURRENCY_HPP
