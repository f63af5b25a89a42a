/// @file io/money_parse.hpp
/// @brief parse_money(): amounts as people write them ("$15B", "EUR 300M", "40 bn USD"), and the
/// string literals "..."_usd, "..."_eur, "..."_gbp, "..."_jpy, "..."_chf that use it.
///
/// Opt-in: the numeric types and literals do not need it; the umbrella header includes it.
/// The grammar is in docs/concepts.md (Parsing).
#ifndef FUNDROUND_IO_MONEY_PARSE_HPP
#define FUNDROUND_IO_MONEY_PARSE_HPP

#include <fundround/config.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/money.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// True for the ASCII spaces of the grammar: space and tab.
[[nodiscard]] inline bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }
/// True for '0' to '9'.
[[nodiscard]] inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
/// True for ASCII letters.
[[nodiscard]] inline bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/// ASCII lower case.
[[nodiscard]] inline char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Multiplier in major units for a scale word, or 0 if it is not one.
[[nodiscard]] inline std::int64_t scale_word(std::string_view word) {
    std::string w;
    for (char c : word) w += lower(c);
    if (w == "k" || w == "thousand") return 1000;
    if (w == "m" || w == "mn" || w == "mm" || w == "million") return 1000000;
    if (w == "b" || w == "bn" || w == "billion") return 1000000000;
    if (w == "t" || w == "tn" || w == "trillion") return 1000000000000;
    return 0;
}

/// The parser behind parse_money(): one pass, no allocation on success paths but the scale word.
class money_parser {
public:
    /// Parses @p text; amounts without a currency get @p fallback.
    money_parser(std::string_view text, currency fallback) : text_(text), fallback_(fallback) {}

    /// The amount, or throws parse_error.
    money parse() {
        skip_spaces();
        const std::size_t sign_at = pos_;
        const bool signed_before = peek() == '-' || peek() == '+';
        bool negative = accept_sign();
        skip_spaces();
        const bool prefixed = accept_currency_prefix();
        skip_spaces();
        if (prefixed && (peek() == '-' || peek() == '+')) {
            // "$-2.5M" is fine; "-$-2.5M" and "+$-5" have two signs: the grammar allows one.
            if (signed_before || peek() == '+') {
                fail(pos_, signed_before ? "a second sign: the amount already has one at position " +
                                               std::to_string(sign_at)
                                         : std::string("a '+' must come before the currency"));
            }
            negative = accept_sign();
        }
        read_number();
        skip_spaces();
        std::int64_t scale = 1;
        if (is_alpha(peek())) {
            const std::size_t start = pos_;
            std::string word = read_word();
            scale = scale_word(word);
            if (scale == 0) {
                if (currency::valid_code(word)) {
                    if (prefixed && currency(word) != currency_) {
                        fail(start, "currency code " + word +
                                        " contradicts the symbol at the start");
                    }
                    currency_ = currency(word);
                    suffixed_ = true;
                    scale = 1;
                } else {
                    fail(start, "unknown scale \"" + word +
                                    "\"; expected K, M, B, T, thousand, million, billion, "
                                    "trillion or a currency code");
                }
            }
            skip_spaces();
        }
        if (!suffixed_ && is_alpha(peek())) {
            const std::size_t start = pos_;
            std::string word = read_word();
            if (!currency::valid_code(word)) {
                fail(start, "unexpected \"" + word + "\"; expected a currency code such as USD");
            }
            const currency code(word);
            if (prefixed && code != currency_) {
                fail(start, "currency code " + word + " contradicts the symbol at the start");
            }
            currency_ = code;
            skip_spaces();
        }
        if (pos_ != text_.size()) {
            fail(pos_, "unexpected " + detail::quoted_char_at(text_, pos_) + " after the amount");
        }
        return make(negative, scale);
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& why) const {
        throw parse_error(std::string(text_), at, why);
    }
    char peek() const noexcept { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    bool starts_with(std::string_view s) const noexcept {
        return text_.substr(pos_, s.size()) == s;
    }
    void skip_spaces() noexcept {
        for (;;) {
            if (pos_ < text_.size() && is_space(text_[pos_])) {
                ++pos_;
            } else if (starts_with("\xC2\xA0")) {  // no-break space, common in press copy
                pos_ += 2;
            } else if (starts_with("\xE2\x80\xAF")) {  // narrow no-break space
                pos_ += 3;
            } else {
                return;
            }
        }
    }
    bool accept_sign() {
        if (peek() == '-') { ++pos_; return true; }
        if (peek() == '+') ++pos_;
        return false;
    }
    std::string read_word() {
        std::string w;
        while (is_alpha(peek())) w += text_[pos_++];
        return w;
    }
    bool accept_currency_prefix() {
        struct symbol_entry { std::string_view text; std::string_view code; };
        static constexpr symbol_entry symbols[] = {{"US$", "USD"},
                                                   {"$", "USD"},
                                                   {"\xE2\x82\xAC", "EUR"},
                                                   {"\xC2\xA3", "GBP"},
                                                   {"\xC2\xA5", "JPY"}};
        for (const auto& s : symbols) {
            if (starts_with(s.text)) {
                pos_ += s.text.size();
                currency_ = currency(s.code);
                return true;
            }
        }
        if (pos_ + 3 <= text_.size() && currency::valid_code(text_.substr(pos_, 3)) &&
            (pos_ + 3 == text_.size() || !is_alpha(text_[pos_ + 3]))) {
            currency_ = currency(text_.substr(pos_, 3));
            pos_ += 3;
            return true;
        }
        return false;
    }
    void add_digit(char c) {
        if (significant_ >= 36) fail(pos_, "too many digits: the amount is out of range");
        if (point_ != 0 && c == '0') {  // a decimal zero matters only if a non-zero digit follows
            ++pending_zeros_;
            return;
        }
        for (; pending_zeros_ > 0; --pending_zeros_) {
            if (significant_ >= 36) fail(pos_, "too many digits: the amount is out of range");
            mantissa_ = mantissa_ * 10;
            ++decimals_;
            if (mantissa_ != 0) ++significant_;
        }
        if (point_ != 0) ++decimals_;
        mantissa_ = mantissa_ * 10 + (c - '0');
        if (mantissa_ != 0) ++significant_;
    }
    void read_number() {
        if (!is_digit(peek())) fail(pos_, "expected a digit");
        std::size_t group = 0;
        while (is_digit(peek())) { add_digit(text_[pos_++]); ++group; }
        if (peek() == ',') {
            if (group > 3) fail(pos_, "a thousands separator must follow 1 to 3 leading digits");
            if (text_[pos_ - group] == '0') {
                fail(pos_ - group, "a number with thousands separators must not start with 0 "
                                   "(write a decimal point as '.')");
            }
            while (peek() == ',') {
                ++pos_;
                const std::size_t group_start = pos_;
                std::size_t n = 0;
                while (is_digit(peek())) { add_digit(text_[pos_++]); ++n; }
                if (n != 3) {
                    fail(n > 3 ? group_start + 3 : pos_,
                         "expected exactly 3 digits after a thousands separator");
                }
            }
        }
        if (peek() == '.') {
            point_ = pos_;
            ++pos_;
            if (!is_digit(peek())) fail(pos_, "expected a digit after the decimal point");
            while (is_digit(peek())) add_digit(text_[pos_++]);
        }
    }
    money make(bool negative, std::int64_t scale) const {
        // units = mantissa * scale * 1000 / 10^decimals, which must be a whole number.
        // Divide before multiplying so no intermediate can overflow 128 bits.
        const currency c = currency_;
        int128 mantissa = mantissa_;  // < 10^36
        int decimals = decimals_;
        while (decimals > 0 && mantissa % 10 == 0) { mantissa /= 10; --decimals; }
        int128 multiplier = int128(scale) * int128(money::units_per_major);  // 10^3 .. 10^15
        int allowed = 0;  // decimals the multiplier absorbs
        for (int128 m = multiplier; m % 10 == 0; m /= 10) ++allowed;
        if (decimals > allowed) {
            // The first non-zero digit beyond the allowed decimals is the offending one.
            std::size_t at = point_ + 1 + static_cast<std::size_t>(allowed);
            while (at < text_.size() && text_[at] == '0') ++at;
            fail(at, "more precise than a thousandth of a currency unit (the smallest amount)");
        }
        for (int i = 0; i < decimals; ++i) multiplier /= 10;
        // The magnitude may reach 2^63 only for a negative amount (the most negative money).
        const int128 limit = int128(int64_max) + (negative ? 1 : 0);
        if (mantissa > limit / multiplier) {
            fail(0, "the amount is out of range (about +/-9.2e15 whole currency units)");
        }
        const int128 units = mantissa * multiplier;
        return money::from_units(static_cast<std::int64_t>(negative ? int128(-units) : units), c);
    }

    std::string_view text_;
    currency fallback_;
    currency currency_ = fallback_;
    bool suffixed_ = false;
    std::size_t pos_ = 0;
    std::size_t point_ = 0;          // position of the decimal point (0: none yet)
    int pending_zeros_ = 0;          // decimal zeros not yet known to matter
    int128 mantissa_ = 0;
    int significant_ = 0;
    int decimals_ = 0;
};

}  // namespace detail

/// Parses amounts as people write them: "$15B", "$1.25 trillion", "15,000,000,000.00",
/// "-$2.5M", "EUR 300M", "40 bn USD". Amounts without a currency get @p fallback.
/// Throws parse_error naming the position and the rule broken; never rounds.
[[nodiscard]] inline money parse_money(std::string_view text, currency fallback = {}) {
    return detail::money_parser(text, fallback).parse();
}

namespace detail {

/// The amount written in @p text, which must be in @p c (the string literals' work).
[[nodiscard]] inline money parse_literal_in(const char* text, std::size_t size, currency c) {
    const money m = parse_money(std::string_view(text, size), c);
    if (m.currency() != c) {
        std::string suffix = to_string(c);
        for (char& ch : suffix) ch = lower(ch);
        throw currency_mismatch_error("\"" + std::string(text, size) + "\"_" + suffix +
                                      ": is not in " + to_string(c) + " (it is in " +
                                      to_string(m.currency()) + ")");
    }
    return m;
}

}  // namespace detail

inline namespace literals {
inline namespace money_literals {

/// Dollars from text, parsed by parse_money(): "15,000,000,000.00"_usd, "$1.25 trillion"_usd.
/// Throws parse_error on bad text, currency_mismatch_error if the text names another currency.
[[nodiscard]] inline money operator""_usd(const char* text, std::size_t size) {
    return detail::parse_literal_in(text, size, currencies::usd);
}
/// Euros from text, parsed by parse_money(): "1,234.56"_eur, "€300M"_eur.
[[nodiscard]] inline money operator""_eur(const char* text, std::size_t size) {
    return detail::parse_literal_in(text, size, currencies::eur);
}
/// Pounds sterling from text, parsed by parse_money(): "2.5bn"_gbp.
[[nodiscard]] inline money operator""_gbp(const char* text, std::size_t size) {
    return detail::parse_literal_in(text, size, currencies::gbp);
}
/// Yen from text, parsed by parse_money(): "1,000"_jpy.
[[nodiscard]] inline money operator""_jpy(const char* text, std::size_t size) {
    return detail::parse_literal_in(text, size, currencies::jpy);
}
/// Swiss francs from text, parsed by parse_money(): "CHF 5.00"_chf.
[[nodiscard]] inline money operator""_chf(const char* text, std::size_t size) {
    return detail::parse_literal_in(text, size, currencies::chf);
}

}  // namespace money_literals
}  // namespace literals

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_IO_MONEY_PARSE_HPP
