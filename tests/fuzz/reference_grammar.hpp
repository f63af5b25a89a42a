// An independent reading of the documented text grammars, for the fuzz targets and their replay
// test. Written from the documentation, not from include/fundround/numeric/money.hpp or fraction.hpp:
//
// parse_money (docs/concepts.md, "Parsing"):
//
//     amount  = ws [sign] ws [prefix] ws ["-"] number ws [scale ws] [code ws]
//     sign    = "-" | "+"
//     prefix  = "US$" | "$" | "€" | "£" | "¥" | CODE   (a CODE prefix must not be followed by a letter)
//     number  = digits ["." digits]
//             | d{1,3} ("," ddd)+ ["." digits]         (thousands separators: groups of exactly 3)
//     scale   = K | M | MN | MM | B | BN | T | TN | THOUSAND | MILLION | BILLION | TRILLION (any case)
//     code    = CODE                                   (after the number, instead of or after a scale)
//     CODE    = three upper-case letters A-Z (ISO 4217)
//     ws      = { " " | TAB | NBSP | NNBSP }             (NBSP U+00A0, NNBSP U+202F, in UTF-8)
//
//   - one sign at most: the "-" after a prefix is accepted only if there was no sign before the
//     prefix ("+$-5" and "-$-5" are errors);
//   - ws is spaces, tabs and the no-break spaces U+00A0 and U+202F (C2 A0 and E2 80 AF in UTF-8);
//     no other Unicode space, and never inside a number;
//   - a code after the number must agree with the prefix; without either, the fallback currency;
//   - rejected: more precision than 0.001 of the unit, amounts out of range (the value is a signed
//     64-bit count of mills, docs/exactness.md), an unknown word (a "word" is a run of letters, so
//     "40bnUSD" is one unknown word), a missing leading digit, anything left over at the end.
//   - One rule beyond concepts.md, taken from the tested behaviour (tests/test_money.cpp,
//     "0,123" and "$00,123"): a number with thousands separators must not start with 0.
//     concepts.md should say so; see kLeadingZeroGroupRule.
//
// fraction::from_decimal (docs/concepts.md, "Fractions"): "optional sign, digits with at most one
// point, optional trailing %". Read like parse_money's number: a digit is needed on both sides of
// the point ("5." and ".5" are rejected, as for money), the sign is "-" or "+", no spaces.
// The cap (docs/reference.md, docs/exactness.md): "at most 38 significant digits and 38 digits
// after the point (36 for a percentage)", else parse_error. Read with the usual meaning of
// significant: leading zeros (and, for a value below 1, the zeros after the point before the
// first non-zero digit) and trailing zeros after the point are not significant; "digits after
// the point" counts up to the last non-zero one (1.5000...0 with 50 zeros is 3/2, accepted).
// See kMaxDecimalDigits.
//
// Values are computed on decimal digit strings (money) and on Boost's cpp_int (fractions).
#ifndef FUNDROUND_TESTS_FUZZ_REFERENCE_GRAMMAR_HPP
#define FUNDROUND_TESTS_FUZZ_REFERENCE_GRAMMAR_HPP

#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace fundround_fuzz {

/// The reading of a "a number with thousands separators must not start with 0" (see above).
inline constexpr bool kLeadingZeroGroupRule = true;

/// fraction::from_decimal's cap: significant digits, and digits after the point (two fewer for
/// a percentage), per docs/reference.md ("at most 38 significant digits and 38 digits after the
/// point (36 for a percentage)").
inline constexpr std::size_t kMaxDecimalDigits = 38;

/// The reference reading of one text as money.
struct money_reading {
    bool ok = false;
    std::int64_t units = 0;  ///< Mills, when ok.
    std::string code;        ///< The currency's ISO code, when ok.
    std::string why;         ///< Why the text is rejected, when not ok.
};

namespace detail {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
inline char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

/// The power of ten of a scale word (any case), or -1 if it is not one.
inline int scale_exponent(std::string_view word) {
    std::string w;
    for (char c : word) w += upper(c);
    if (w == "K" || w == "THOUSAND") return 3;
    if (w == "M" || w == "MN" || w == "MM" || w == "MILLION") return 6;
    if (w == "B" || w == "BN" || w == "BILLION") return 9;
    if (w == "T" || w == "TN" || w == "TRILLION") return 12;
    return -1;
}

inline bool is_code(std::string_view word) {
    return word.size() == 3 && is_upper(word[0]) && is_upper(word[1]) && is_upper(word[2]);
}

class money_reader {
public:
    money_reader(std::string_view text, std::string_view fallback) : s_(text), fallback_(fallback) {}

    money_reading read() {
        money_reading r;
        skip_ws();
        bool has_sign = false;
        bool negative = false;
        if (at('-') || at('+')) {
            has_sign = true;
            negative = s_[i_] == '-';
            ++i_;
        }
        skip_ws();
        std::string prefix_code;
        if (starts("US$")) {
            prefix_code = "USD";
            i_ += 3;
        } else if (starts("$")) {
            prefix_code = "USD";
            i_ += 1;
        } else if (starts("\xE2\x82\xAC")) {
            prefix_code = "EUR";
            i_ += 3;
        } else if (starts("\xC2\xA3")) {
            prefix_code = "GBP";
            i_ += 2;
        } else if (starts("\xC2\xA5")) {
            prefix_code = "JPY";
            i_ += 2;
        } else if (i_ + 3 <= s_.size() && is_code(s_.substr(i_, 3)) &&
                   (i_ + 3 == s_.size() || !is_letter(s_[i_ + 3]))) {
            prefix_code = std::string(s_.substr(i_, 3));
            i_ += 3;
        }
        skip_ws();
        if (at('-')) {
            // Only after a prefix can a "-" come here: without one it was read as the sign.
            if (has_sign) return fail(r, "a second sign");
            negative = true;
            ++i_;
        }
        // number
        if (!at_digit()) return fail(r, "expected a digit");
        std::string digits;
        std::size_t first = i_;
        while (at_digit()) digits += s_[i_++];
        if (at(',')) {
            const std::size_t lead = i_ - first;
            if (lead > 3) return fail(r, "more than 3 digits before a thousands separator");
            if (kLeadingZeroGroupRule && s_[first] == '0') return fail(r, "grouped number starts with 0");
            while (at(',')) {
                ++i_;
                for (int k = 0; k < 3; ++k) {
                    if (!at_digit()) return fail(r, "a group of fewer than 3 digits");
                    digits += s_[i_++];
                }
            }
        }
        std::size_t fraction_digits = 0;
        if (at('.')) {
            ++i_;
            if (!at_digit()) return fail(r, "expected a digit after the point");
            while (at_digit()) {
                digits += s_[i_++];
                ++fraction_digits;
            }
        }
        skip_ws();
        int scale = 0;
        std::string suffix_code;
        if (at_letter()) {
            const std::string_view word = read_word();
            const int e = scale_exponent(word);
            if (e >= 0) {
                scale = e;
                skip_ws();
                if (at_letter()) {
                    const std::string_view code = read_word();
                    if (!is_code(code)) return fail(r, "unknown word after the scale");
                    suffix_code = std::string(code);
                    skip_ws();
                }
            } else if (is_code(word)) {
                suffix_code = std::string(word);
                skip_ws();
            } else {
                return fail(r, "unknown word");
            }
        }
        if (i_ != s_.size()) return fail(r, "left over at the end");
        if (!prefix_code.empty() && !suffix_code.empty() && prefix_code != suffix_code) {
            return fail(r, "the code contradicts the prefix");
        }
        r.code = !prefix_code.empty() ? prefix_code : !suffix_code.empty() ? suffix_code : std::string(fallback_);
        // value in mills = digits * 10^(scale + 3 - fraction_digits)
        long exponent = static_cast<long>(scale) + 3 - static_cast<long>(fraction_digits);
        std::size_t lo = 0;
        while (lo < digits.size() && digits[lo] == '0') ++lo;
        std::size_t hi = digits.size();
        while (hi > lo && digits[hi - 1] == '0') {
            --hi;
            ++exponent;
        }
        if (lo == hi) {  // zero, however written
            r.ok = true;
            r.units = 0;
            return r;
        }
        if (exponent < 0) return fail(r, "more precise than a mill");
        if (static_cast<long>(hi - lo) + exponent > 19) return fail(r, "out of range");
        std::uint64_t magnitude = 0;  // < 10^19 < 2^64
        for (std::size_t k = lo; k < hi; ++k) magnitude = magnitude * 10 + static_cast<std::uint64_t>(digits[k] - '0');
        for (long k = 0; k < exponent; ++k) magnitude *= 10;
        constexpr std::uint64_t max_positive = 9223372036854775807ULL;
        if (negative ? magnitude > max_positive + 1 : magnitude > max_positive) return fail(r, "out of range");
        r.ok = true;
        r.units = negative ? (magnitude == max_positive + 1 ? (std::numeric_limits<std::int64_t>::min)() : -static_cast<std::int64_t>(magnitude))
                           : static_cast<std::int64_t>(magnitude);
        return r;
    }

private:
    bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
    bool at_digit() const { return i_ < s_.size() && is_digit(s_[i_]); }
    bool at_letter() const { return i_ < s_.size() && is_letter(s_[i_]); }
    bool starts(std::string_view p) const { return s_.substr(i_).substr(0, p.size()) == p; }
    std::string_view read_word() {
        const std::size_t b = i_;
        while (at_letter()) ++i_;
        return s_.substr(b, i_ - b);
    }
    void skip_ws() {
        for (;;) {
            if (at(' ') || at('\t')) {
                ++i_;
            } else if (starts("\xC2\xA0")) {  // NBSP
                i_ += 2;
            } else if (starts("\xE2\x80\xAF")) {  // NNBSP
                i_ += 3;
            } else {
                return;
            }
        }
    }
    money_reading& fail(money_reading& r, const char* why) {
        r.ok = false;
        r.why = std::string(why) + " (at byte " + std::to_string(i_) + ")";
        return r;
    }

    std::string_view s_;
    std::string_view fallback_;
    std::size_t i_ = 0;
};

}  // namespace detail

/// The reference reading of @p text as parse_money(text, fallback) should read it.
inline money_reading reference_parse_money(std::string_view text, std::string_view fallback = "USD") {
    return detail::money_reader(text, fallback).read();
}

/// The reference reading of one text as an exact decimal.
struct decimal_reading {
    bool ok = false;
    boost::multiprecision::cpp_int numerator;    ///< In lowest terms, with the sign.
    boost::multiprecision::cpp_int denominator;  ///< In lowest terms, positive.
    std::size_t decimals = 0;  ///< Digits after the point, plus 2 for a trailing '%'.
    bool percent = false;
    bool capped = false;       ///< Rejected only for the cap (kMaxDecimalDigits).
};

/// The reference reading of @p text as fraction::from_decimal(text) should read it.
inline decimal_reading reference_from_decimal(std::string_view text) {
    decimal_reading r;
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    std::string digits;
    while (i < text.size() && detail::is_digit(text[i])) digits += text[i++];
    if (digits.empty()) return r;
    std::size_t decimals = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && detail::is_digit(text[i])) {
            digits += text[i++];
            ++decimals;
        }
        if (decimals == 0) return r;
    }
    if (i < text.size() && text[i] == '%') {
        r.percent = true;
        decimals += 2;
        ++i;
    }
    if (i != text.size()) return r;
    {
        // The cap, on the digits as written: whole part without its leading zeros, fraction part
        // without its trailing zeros.
        const std::size_t whole_digits = digits.size() - (decimals - (r.percent ? 2 : 0));
        const std::string_view whole = std::string_view(digits).substr(0, whole_digits);
        std::string_view frac = std::string_view(digits).substr(whole_digits);
        while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
        const std::size_t lead = whole.find_first_not_of('0');
        std::size_t significant = 0;
        if (lead != std::string_view::npos) {
            significant = whole.size() - lead + frac.size();
        } else {
            const std::size_t first = frac.find_first_not_of('0');
            significant = first == std::string_view::npos ? 0 : frac.size() - first;
        }
        if (significant > kMaxDecimalDigits || frac.size() + (r.percent ? 2 : 0) > kMaxDecimalDigits) {
            r.capped = true;
            return r;
        }
    }
    using boost::multiprecision::cpp_int;
    // Boost reads a leading 0 as octal: strip the leading zeros first.
    const std::size_t nz = digits.find_first_not_of('0');
    cpp_int n(nz == std::string::npos ? std::string("0") : digits.substr(nz));
    cpp_int d = 1;
    for (std::size_t k = 0; k < decimals; ++k) d *= 10;
    const cpp_int g = gcd(n, d);
    if (g != 0) {
        n /= g;
        d /= g;
    }
    if (n == 0) d = 1;
    r.ok = true;
    r.numerator = negative ? cpp_int(-n) : n;
    r.denominator = d;
    r.decimals = decimals;
    return r;
}

}  // namespace fundround_fuzz

#endif  // FUNDROUND_TESTS_FUZZ_REFERENCE_GRAMMAR_HPP
