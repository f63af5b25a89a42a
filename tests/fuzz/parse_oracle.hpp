// The checks that the fuzz target (fuzz_parse.cpp) and the corpus replay (test_fuzz_replay.cpp)
// run on one input: parse_money and fraction::from_decimal against the reference reading of the
// documented grammar (reference_grammar.hpp), and what the library prints parsed back.
#ifndef FUNDROUND_TESTS_FUZZ_PARSE_ORACLE_HPP
#define FUNDROUND_TESTS_FUZZ_PARSE_ORACLE_HPP

#include "reference_grammar.hpp"

#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace fundround_fuzz {

/// One disagreement between the library and the reference, or a broken round trip.
struct finding {
    std::string message;  ///< What went wrong, with the input escaped.
};

/// @p text with bytes outside printable ASCII (and '"', '\\') as \xNN, in quotes.
inline std::string escaped(std::string_view text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F && c != '"' && c != '\\') {
            out += c;
        } else {
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out + "\"";
}

namespace detail {

struct lib_money {
    bool ok = false;
    std::int64_t units = 0;
    std::string code;
    std::string error;  // what(), when rejected with parse_error
    bool other_exception = false;
};

inline lib_money library_parse_money(std::string_view text, fundround::currency fallback) {
    lib_money r;
    try {
        const fundround::money m = fundround::parse_money(text, fallback);
        r.ok = true;
        r.units = m.units();
        r.code = std::string(m.currency().code());
    } catch (const fundround::parse_error& e) {
        r.error = e.what();
        if (e.position() > text.size()) {
            r.other_exception = true;
            r.error = "parse_error position " + std::to_string(e.position()) + " past the end: " + r.error;
        }
    } catch (const std::exception& e) {
        r.other_exception = true;
        r.error = std::string("not a parse_error: ") + e.what();
    }
    return r;
}

inline bool same(const money_reading& ref, const lib_money& lib) {
    if (ref.ok != lib.ok) return false;
    return !ref.ok || (ref.units == lib.units && ref.code == lib.code);
}

inline std::string describe(const money_reading& ref) {
    return ref.ok ? std::to_string(ref.units) + " mills " + ref.code : "rejects: " + ref.why;
}

inline std::string describe(const lib_money& lib) {
    return lib.ok ? std::to_string(lib.units) + " mills " + lib.code : "rejects: " + lib.error;
}

}  // namespace detail

/// The checks on one money value: format_full parses back exactly, format_compact with 0 to 15
/// decimals parses back within half a unit of its last digit; both texts follow the grammar.
inline void check_money_value(const fundround::money& m, std::vector<finding>& out) {
    using boost::multiprecision::cpp_int;
    const std::string what = std::to_string(m.units()) + " mills " + std::string(m.currency().code());
    std::string full;
    try {
        full = fundround::format_full(m);
    } catch (const std::exception& e) {
        out.push_back({"format_full(" + what + ") threw: " + e.what()});
        return;
    }
    const detail::lib_money back = detail::library_parse_money(full, fundround::currency{});
    if (!back.ok || back.units != m.units() || back.code != m.currency().code()) {
        out.push_back({"format_full(" + what + ") = " + escaped(full) + " parses back as " + detail::describe(back)});
    }
    const money_reading ref_full = reference_parse_money(full);
    if (!ref_full.ok || ref_full.units != m.units() || ref_full.code != m.currency().code()) {
        out.push_back({"format_full(" + what + ") = " + escaped(full) +
                               " does not follow the grammar: the reference " + detail::describe(ref_full)});
    }
    for (int decimals = 0; decimals <= 15; ++decimals) {
        std::string text;
        try {
            text = fundround::format_compact(m, decimals);
        } catch (const std::exception& e) {
            out.push_back({"format_compact(" + what + ", " + std::to_string(decimals) + ") threw: " + e.what()});
            continue;
        }
        const std::string call = "format_compact(" + what + ", " + std::to_string(decimals) + ") = " + escaped(text);
        const detail::lib_money lib = detail::library_parse_money(text, fundround::currency{});
        const money_reading ref = reference_parse_money(text);
        if (!lib.ok) {
            out.push_back({call + " does not parse back: " + lib.error + "; the reference " + detail::describe(ref)});
            continue;
        }
        if (!detail::same(ref, lib)) {
            out.push_back({call + ": the library reads " + detail::describe(lib) + ", the reference " +
                                   detail::describe(ref)});
        }
        if (lib.code != m.currency().code()) {
            out.push_back({call + " parses back in " + lib.code});
            continue;
        }
        // Below 1,000 of the unit the compact form is exact. From 1,000 up the mantissa of suffix
        // 10^(3k) has at most `decimals` digits: the value shown is the amount rounded half away
        // from zero to a step of 10^(3k + 3 - decimals) mills, or, where that would leave the
        // 64-bit range, rounded toward zero (the format_compact doc comment: "near the ends of the
        // range, where rounding up would leave it, the mantissa is rounded toward zero instead").
        const cpp_int value(m.units());
        cpp_int expected = value;
        const char last = text.empty() ? '\0' : text.back();
        const int k = last == 'K' ? 1 : last == 'M' ? 2 : last == 'B' ? 3 : last == 'T' ? 4 : 0;
        if (k > 0) {
            cpp_int step = 1;  // 10^(3k + 3 - decimals) mills, at least 1
            for (int e = 0; e < 3 * k + 3 - decimals; ++e) step *= 10;
            const cpp_int toward_zero = (value / step) * step;  // cpp_int division truncates
            const cpp_int rest = value - toward_zero;
            cpp_int half_away = toward_zero;
            if (2 * abs(rest) >= step) half_away += value < 0 ? cpp_int(-step) : step;
            const cpp_int lo((std::numeric_limits<std::int64_t>::min)());
            const cpp_int hi((std::numeric_limits<std::int64_t>::max)());
            expected = (half_away >= lo && half_away <= hi) ? half_away : toward_zero;
        } else if (m.units() >= 1'000'000 || m.units() <= -1'000'000) {
            out.push_back({call + " has no K/M/B/T suffix for an amount of 1,000 or more"});
        }
        if (cpp_int(lib.units) != expected) {
            out.push_back({call + " parses back as " + std::to_string(lib.units) + " mills, expected " +
                           expected.str() + " (the amount rounded as documented)"});
        }
    }
}

/// parse_money(text, fallback) against the reference; on success, check_money_value.
inline void check_money_text(std::string_view text, fundround::currency fallback, std::vector<finding>& out) {
    const money_reading ref = reference_parse_money(text, fallback.code());
    const detail::lib_money lib = detail::library_parse_money(text, fallback);
    const std::string call = "parse_money(" + escaped(text) + ", " + std::string(fallback.code()) + ")";
    if (lib.other_exception) out.push_back({call + ": " + lib.error});
    if (!detail::same(ref, lib)) {
        out.push_back({call + ": the library " + detail::describe(lib) + "; the documented grammar " +
                       detail::describe(ref)});
    }
    if (lib.ok) check_money_value(fundround::money::from_units(lib.units, fundround::currency(lib.code)), out);
}

/// fraction::from_decimal(text) against the reference; on success, its text forms read back.
inline void check_decimal_text(std::string_view text, std::vector<finding>& out) {
    const decimal_reading ref = reference_from_decimal(text);
    const std::string call = "fraction::from_decimal(" + escaped(text) + ")";
    fundround::fraction f;
    bool ok = false;
    try {
        f = fundround::fraction::from_decimal(text);
        ok = true;
    } catch (const fundround::parse_error& e) {
        if (e.position() > text.size()) out.push_back({call + ": parse_error position past the end"});
        // Rejected for the cap: the message states it (38 digits, 36 after the point of a
        // percentage).
        const std::string what = e.what();
        if (ref.capped && what.find("at most 38") == std::string::npos && what.find("at most 36") == std::string::npos) {
            out.push_back({call + " is past the 38-digit cap, but the parse_error does not state it: " + what});
        }
    } catch (const std::exception& e) {
        out.push_back({call + " threw something other than parse_error: " + e.what()});
        return;
    }
    if (ok != ref.ok) {
        out.push_back({call + (ok ? " accepts " + f.to_string() + "; the documented grammar rejects it"
                                      : " rejects it; the documented grammar accepts it")});
        return;
    }
    if (!ok) return;
    // numerator() and denominator() are fraction::rep (128 bits): compared as text.
    const auto rep_text = [](const fundround::fraction::rep& x) {
        return fundround::fraction(x, fundround::fraction::rep(1)).to_string();
    };
    if (rep_text(f.numerator()) != ref.numerator.str() || rep_text(f.denominator()) != ref.denominator.str()) {
        out.push_back({call + " = " + f.to_string() + ", expected " + ref.numerator.str() + "/" +
                               ref.denominator.str()});
        return;
    }
    const std::string expected_text =
        ref.denominator == 1 ? ref.numerator.str() : ref.numerator.str() + "/" + ref.denominator.str();
    if (f.to_string() != expected_text) {
        out.push_back({call + ".to_string() = " + f.to_string() + ", expected " + expected_text});
    }
    try {
        if (ref.decimals <= 60) {
            const std::string decimal = f.to_decimal_string(static_cast<int>(ref.decimals));
            if (fundround::fraction::from_decimal(decimal) != f) {
                out.push_back({call + ".to_decimal_string(" + std::to_string(ref.decimals) + ") = " +
                                       decimal + " does not read back"});
            }
        }
        if (ref.percent && ref.decimals - 2 <= 60) {
            const std::string percent = f.to_percent_string(static_cast<int>(ref.decimals - 2));
            if (fundround::fraction::from_decimal(percent) != f) {
                out.push_back({call + ".to_percent_string(" + std::to_string(ref.decimals - 2) + ") = " +
                                       percent + " does not read back"});
            }
        }
    } catch (const std::exception& e) {
        out.push_back({call + ": printing or reading back threw: " + e.what()});
    }
}

/// Every check on one fuzz input: the text as money (fallback USD and EUR) and as a decimal; its
/// first 8 bytes as a count of mills (little-endian) in a currency picked by the 9th.
inline std::vector<finding> check_input(std::string_view text) {
    std::vector<finding> out;
    try {
        check_money_text(text, fundround::currencies::usd, out);
        check_money_text(text, fundround::currencies::eur, out);
        check_decimal_text(text, out);
        if (text.size() >= 8) {
            std::uint64_t bits = 0;
            for (std::size_t k = 0; k < 8; ++k) bits |= std::uint64_t{static_cast<unsigned char>(text[k])} << (8 * k);
            static const char* const codes[] = {"USD", "EUR", "GBP", "JPY", "CHF", "KWD", "SEK", "XYZ"};
            const std::size_t pick = text.size() > 8 ? static_cast<unsigned char>(text[8]) % 8u : 0u;
            std::int64_t units = 0;
            std::memcpy(&units, &bits, sizeof units);
            check_money_value(fundround::money::from_units(units, fundround::currency(codes[pick])), out);
        }
    } catch (const std::exception& e) {
        out.push_back({"unexpected exception for " + escaped(text) + ": " + e.what()});
    }
    return out;
}

}  // namespace fundround_fuzz

#endif  // FUNDROUND_TESTS_FUZZ_PARSE_ORACLE_HPP
