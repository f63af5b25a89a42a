/// @file ocf.hpp
/// @brief The Open Cap Table Format (OCF 1.2): a cap table with its SAFEs and convertible notes
/// exported as an OCF package (stakeholders, stock classes, stock plans, issuances) and imported
/// back, exactly: OCF's Numeric values are decimal strings, read and written without floating
/// point. Everything OCF cannot say is listed on export; everything read but not modelled is
/// listed on import; bad input is a json_error with every problem at its JSON pointer, the file
/// name first ("/Transactions.ocf.json/items/3/quantity"). See docs/how-to-ocf.md.
#ifndef FUNDROUND_JSON_OCF_HPP
#define FUNDROUND_JSON_OCF_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/company/share_valuation.hpp>
#include <fundround/error.hpp>
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/json.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The OCF version fundround writes ("ocf_version" of the manifest): the 1.2.0 release.
inline constexpr std::string_view ocf_version = "1.2.0";

/// An OCF package: its files by name ("Manifest.ocf.json", "Stakeholders.ocf.json", ...), each
/// a JSON object {"file_type": "OCF_..._FILE", ...} as the OCF schemas define it.
struct ocf_package {
    /// The files, in the order they are written (the manifest first).
    std::vector<std::pair<std::string, nlohmann::json>> files;

    /// The file called @p name, or nullptr.
    [[nodiscard]] const nlohmann::json* find(std::string_view name) const {
        for (const auto& f : files) {
            if (f.first == name) return &f.second;
        }
        return nullptr;
    }
    /// The merged form: one object whose members are the files by name
    /// ({"Manifest.ocf.json": {...}, "Stakeholders.ocf.json": {...}}).
    [[nodiscard]] nlohmann::json merged() const& {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& f : files) j[f.first] = f.second;
        return j;
    }
    /// The merged form, moving the files out of a package about to go (no copy of their trees).
    [[nodiscard]] nlohmann::json merged() && {
        nlohmann::json j = nlohmann::json::object();
        for (auto& f : files) j[f.first] = std::move(f.second);
        return j;
    }
    /// The package of merged form @p j (each member a file); throws json_error if @p j is not
    /// an object.
    [[nodiscard]] static ocf_package from_merged(const nlohmann::json& j) {
        if (!j.is_object()) {
            throw json_error("OCF package is invalid",
                             {{field_path(), detail::json_value_text(j),
                               "must be an object whose members are the package's files by name, not " +
                                   detail::json_type_phrase(j)}});
        }
        ocf_package p;
        for (auto it = j.begin(); it != j.end(); ++it) p.files.emplace_back(it.key(), it.value());
        return p;
    }
    /// The same, taking the files out of @p j (no copy of the documents; @p j is left with its
    /// members' names and null values).
    [[nodiscard]] static ocf_package from_merged(nlohmann::json&& j) {
        if (!j.is_object()) return from_merged(static_cast<const nlohmann::json&>(j));
        ocf_package p;
        for (auto it = j.begin(); it != j.end(); ++it) p.files.emplace_back(it.key(), std::move(it.value()));
        return p;
    }

    /// True if the files, names and order are equal.
    [[nodiscard]] friend bool operator==(const ocf_package& a, const ocf_package& b) { return a.files == b.files; }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const ocf_package& a, const ocf_package& b) { return !(a == b); }
};

/// An issue of shares or of a warrant between priced rounds (a deal file's "issuances"), exported
/// as its own OCF transaction (a TX_STOCK_ISSUANCE or TX_WARRANT_ISSUANCE) rather than only as
/// part of the holding or warrant on the table after it. Its shares are on that table: the export
/// writes the holding's other shares as the position and the issue beside it.
struct ocf_issuance {
    std::string name;                 ///< The issue's name ("Strategic sale"), in fundround's comment (ocf_issuance_comment).
    holder_id holder;                 ///< Who received the shares or the warrant: a holder on the table.
    std::string share_class;          ///< The class of the shares (a warrant's: the class it is for).
    share_count shares;               ///< The shares issued, or the warrant's shares: positive.
    fraction consideration_units;     ///< The aggregate consideration in money units of the table's currency, exactly (not negative).
    std::string exemption;            ///< The charter's anti-dilution exemption it was issued under ("" for none).
    std::optional<price_per_share> exercise_price;  ///< The warrant's exercise price; none for shares.
    std::optional<calendar_date> date;  ///< Its date, if known (none: dated the as-of date, said in a comment and the left-out list).

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const ocf_issuance& a, const ocf_issuance& b) {
        return a.name == b.name && a.holder == b.holder && a.share_class == b.share_class && a.shares == b.shares &&
               a.consideration_units == b.consideration_units && a.exemption == b.exemption &&
               a.exercise_price == b.exercise_price && a.date == b.date;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const ocf_issuance& a, const ocf_issuance& b) { return !(a == b); }
};

/// The comment that marks a transaction as an issuance between rounds, before its name.
inline constexpr std::string_view ocf_issuance_comment = "fundround: issuance between priced rounds: ";
/// The comment an issuance carries when it was issued under an anti-dilution exemption of the
/// charter, before the exemption's name (OCF's security_law_exemptions are securities-law ones).
inline constexpr std::string_view ocf_exemption_comment = "fundround: anti-dilution exemption of the charter: ";
/// The comment an issuance without a known date carries: its date is the package's as-of date.
inline constexpr std::string_view ocf_undated_comment = "fundround: date not known: dated the as-of date";
/// The comment giving an amount exactly where its OCF Numeric is rounded (more than 10
/// decimals), before the member's name, ": " and the amount in currency units as a reduced
/// fraction ("share_price: 1/3").
inline constexpr std::string_view ocf_exact_comment = "fundround: exact ";

/// What an export states beside the cap table: the issuer, the as-of date and the ids. OCF
/// requires the issuer's legal name, formation date and country of formation and the as-of
/// date: each one not given here is written with a default, and ocf_export::left_out says so
/// with the value written.
struct ocf_options {
    std::string issuer_name;                    ///< The issuer's legal name ("": written as "Company", and listed).
    std::optional<calendar_date> as_of;         ///< The package's as-of date (default: the latest SAFE or note date, else 1970-01-01; listed).
    std::optional<calendar_date> formation_date;  ///< The issuer's formation date (default: the earliest date the package writes; listed).
    std::string country_of_formation;           ///< ISO 3166-1 alpha-2 country of formation, "DE" ("": written as "US", and listed).
    std::string country_subdivision_of_formation;  ///< The subdivision of formation: the part of its ISO 3166-2 code after the country, "DE" of "US-DE" ("": none written; OCF does not require it).
    std::string id_prefix;                      ///< Put before every generated OCF id ("acme-").
    /// The SAFEs' and notes' ranks at an exit, per kind (a deal file's "instrument_seniority"):
    /// each stated rank is written exactly in a comment on each convertible of its kind
    /// (ocf_rank_comment), which from_ocf() reads back; every convertible's seniority is its
    /// kind's place in OCF's convertible stack (1 the most senior) by these ranks, else the
    /// defaults.
    outstanding_seniority instrument_seniority;
    /// The issues of shares and warrants between priced rounds on the table, each exported as its
    /// own transaction (each after the rest of its holding, in the holdings' order, the warrants
    /// after them) with its date, price, class, holder and exemption; an issue whose shares the
    /// table's holding or warrants no longer hold (converted later) is written as part of the
    /// position only, and listed.
    std::vector<ocf_issuance> issuances;
};

/// An exported package and one sentence per thing the input had that OCF cannot say.
struct ocf_export {
    ocf_package package;                 ///< The OCF files.
    std::vector<std::string> left_out;   ///< What the package does not say, one sentence each.
};

/// An imported cap table with its SAFEs and notes, and what was read but not modelled.
struct ocf_import {
    cap_table table;                       ///< The cap table: stakeholders, classes, issuances, plans, grants, warrants.
    std::vector<safe> safes;               ///< The SAFEs (convertible issuances of type SAFE).
    std::vector<convertible_note> notes;   ///< The convertible notes (type NOTE).
    std::vector<share_valuation> valuations;  ///< The valuations (409A prices per share of a class).
    std::vector<std::string> left_out;     ///< What the package said that fundround does not model, one sentence each.
    std::string issuer_name;               ///< The issuer's legal name.
    std::optional<calendar_date> as_of;    ///< The package's as-of date.
    std::optional<calendar_date> formation_date;  ///< The issuer's formation date, if the package states it.
    std::string country_of_formation;      ///< The issuer's ISO 3166-1 alpha-2 country of formation ("" if not stated).
    std::string country_subdivision_of_formation;  ///< The issuer's subdivision of formation ("" if not stated).
    /// The SAFEs' and notes' ranks per kind that the package states in fundround's rank comments
    /// on its convertibles (ocf_rank_comment); a kind without them keeps the defaults.
    outstanding_seniority instrument_seniority;
    /// The issuances between rounds the package marks with fundround's comment
    /// (ocf_issuance_comment), in file order: their shares are also in the table's holdings and
    /// warrants.
    std::vector<ocf_issuance> issuances;

    /// The options that export the package again with the issuer and as-of date it states:
    /// to_ocf(table, safes, notes, valuations, options()) says what the package said of them.
    [[nodiscard]] ocf_options options() const {
        ocf_options o;
        o.issuer_name = issuer_name;
        o.as_of = as_of;
        o.formation_date = formation_date;
        o.country_of_formation = country_of_formation;
        o.country_subdivision_of_formation = country_subdivision_of_formation;
        o.instrument_seniority = instrument_seniority;
        o.issuances = issuances;
        return o;
    }
};

namespace detail {

/// The MD5 digest of @p bytes in lowercase hex (RFC 1321), for the manifest's file checksums.
[[nodiscard]] inline std::string ocf_md5_hex(std::string_view bytes) {
    static constexpr std::uint32_t k[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
    static constexpr unsigned r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                       5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                       4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                       6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    std::string msg(bytes);
    const std::uint64_t bit_length = static_cast<std::uint64_t>(bytes.size()) * 8U;
    msg.push_back(static_cast<char>(0x80));
    while (msg.size() % 64 != 56) msg.push_back('\0');
    for (unsigned i = 0; i < 8; ++i) msg.push_back(static_cast<char>((bit_length >> (8 * i)) & 0xffU));
    std::uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    for (std::size_t block = 0; block < msg.size(); block += 64) {
        std::uint32_t w[16];
        for (std::size_t i = 0; i < 16; ++i) {
            w[i] = 0;
            for (std::size_t b = 0; b < 4; ++b) {
                w[i] |= static_cast<std::uint32_t>(static_cast<unsigned char>(msg[block + 4 * i + b])) << (8 * b);
            }
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        for (unsigned i = 0; i < 64; ++i) {
            std::uint32_t f = 0;
            unsigned g = 0;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            const std::uint32_t sum = a + f + k[i] + w[g];
            a = d;
            d = c;
            c = b;
            b = b + ((sum << r[i]) | (sum >> (32 - r[i])));
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const std::uint32_t v : h) {
        for (unsigned byte = 0; byte < 4; ++byte) {
            const unsigned x = (v >> (8 * byte)) & 0xffU;
            out.push_back(hex[x >> 4]);
            out.push_back(hex[x & 0xfU]);
        }
    }
    return out;
}

/// The most decimals an OCF Numeric has.
inline constexpr int ocf_max_decimals = 10;

/// @p x as an exact decimal with at most @p max_decimals digits after the point and none
/// trailing ("0.125", "3"), or empty if it has no such form (1/3).
[[nodiscard]] inline std::optional<std::string> ocf_exact_decimal(const fraction& x, int max_decimals = ocf_max_decimals) {
    fraction::rep d = x.denominator();
    int twos = 0;
    int fives = 0;
    while (d % 2 == 0) {
        d /= 2;
        ++twos;
    }
    while (d % 5 == 0) {
        d /= 5;
        ++fives;
    }
    const int places = std::max(twos, fives);
    if (d != 1 || places > max_decimals) return std::nullopt;
    return x.to_decimal_string(places, rounding::exact);
}

/// @p x as an OCF Numeric: exact when it has at most 10 decimals, else rounded half-even to 10
/// (then @p rounded is set).
[[nodiscard]] inline std::string ocf_decimal(const fraction& x, bool& rounded) {
    if (auto exact = ocf_exact_decimal(x)) return *exact;
    rounded = true;
    std::string text = x.to_decimal_string(ocf_max_decimals, rounding::half_even);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    return text;
}

/// A price per share in currency units (major units), exactly.
[[nodiscard]] inline fraction ocf_price_major(const price_per_share& p) {
    return p.units_per_share() / fraction(money::units_per_major);
}

/// An amount in currency units, exactly.
[[nodiscard]] inline fraction ocf_money_major(money m) { return fraction(m.units(), money::units_per_major); }

/// An OCF Monetary {"amount", "currency"}.
[[nodiscard]] inline nlohmann::json ocf_monetary(const std::string& amount, currency c) {
    return nlohmann::json{{"amount", amount}, {"currency", std::string(c.code())}};
}

/// The path @p base followed by the steps of @p rel ("name/legal_name",
/// "conversion_rights/0/ratio": digits are positions).
[[nodiscard]] inline field_path ocf_sub(field_path base, std::string_view rel) {
    while (!rel.empty()) {
        const std::size_t slash = rel.find('/');
        const std::string_view step = rel.substr(0, slash);
        const auto pos = parse_json_digits(step);
        if (pos && step.size() < 10) {
            base = base.index(static_cast<std::size_t>(*pos));
        } else {
            base = base.member(std::string(step));
        }
        if (slash == std::string_view::npos) break;
        rel = rel.substr(slash + 1);
    }
    return base;
}

/// The rule every OCF date follows (a JSON Schema "date": an RFC 3339 full-date).
inline constexpr std::string_view ocf_date_rule = "an RFC 3339 full-date, YYYY-MM-DD with a four-digit year from 0000 to 9999";

/// True if @p d can be written as an OCF date: a real day from 0000-01-01 to 9999-12-31.
[[nodiscard]] inline bool ocf_date_ok(calendar_date d) noexcept {
    return is_modelled(d) && static_cast<int>(d.year()) >= 0;
}

/// True if @p s is an ISO 3166-1 alpha-2 code as OCF writes it (two capital letters, "DE").
[[nodiscard]] inline bool ocf_country_ok(std::string_view s) noexcept {
    return s.size() == 2 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

/// True if @p s is an OCF country subdivision code: the part of an ISO 3166-2 code after the
/// country, one to three capital letters or digits ("CA", "BY", "13").
[[nodiscard]] inline bool ocf_subdivision_ok(std::string_view s) noexcept {
    return !s.empty() && s.size() <= 3 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

/// The comment an exported stakeholder carries for each holder it is declared distinct from.
inline constexpr std::string_view ocf_distinct_comment = "fundround: declared distinct from stakeholder ";

/// The comment an exported convertible carries when its kind's rank at an exit is stated, before
/// the rank: OCF's seniority places it among the convertibles only.
inline constexpr std::string_view ocf_rank_comment = "fundround: liquidation rank of its kind on the stock classes' seniority scale: ";

/// Reads an OCF package, collecting every problem (json_reader) and what is not modelled.
class ocf_reader {
public:
    /// Reads @p pkg; throws json_error with every problem.
    [[nodiscard]] ocf_import read(const ocf_package& pkg);

private:
    // What is not modelled, counted by kind ("stakeholder_type of 3 stakeholders").
    struct unmodelled {
        std::string what;
        std::string why;
        std::size_t count = 0;
        std::size_t rank = 0;  // where it was first seen in file order (the transaction, then the note's turn in it)
        std::size_t turn = 0;
    };
    void note(const std::string& what, const std::string& why) {
        ++note_turn_;
        for (unmodelled& u : counted_) {
            if (u.what == what) {
                ++u.count;
                if (note_rank_ < u.rank) {
                    u.rank = note_rank_;
                    u.turn = note_turn_;
                }
                return;
            }
        }
        counted_.push_back({what, why, 1, note_rank_, note_turn_});
    }
    void note_members(const nlohmann::json& obj, std::initializer_list<const char*> members, const char* on,
                      const char* why) {
        for (const char* m : members) {
            if (obj.find(m) != obj.end()) note(std::string(m) + " of " + on, why);
        }
    }
    void note_comments(const nlohmann::json& obj, const char* on) {
        const auto it = obj.find("comments");
        if (it != obj.end() && it->is_array() && !it->empty()) note(std::string("comments on ") + on, "free text; fundround keeps no notes on its values");
    }

    // Numeric: ^[+-]?[0-9]+(\.[0-9]{1,10})?$, exactly.
    std::optional<fraction> numeric(const nlohmann::json& j, const field_path& at) {
        if (!j.is_string()) {
            r_.report(at, json_value_text(j),
                      "must be an OCF Numeric: a decimal string such as \"1000\" or \"0.125\" (a JSON number is not exact), not " +
                          json_type_phrase(j));
            return std::nullopt;
        }
        const std::string& s = j.get_ref<const std::string&>();
        std::string_view v = s;
        bool negative = false;
        if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
            negative = v[0] == '-';
            v.remove_prefix(1);
        }
        const std::size_t point = v.find('.');
        const std::string_view whole = v.substr(0, point);
        const std::string_view frac = point == std::string_view::npos ? std::string_view() : v.substr(point + 1);
        const auto digits = [](std::string_view d) {
            return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        const bool digits_ok = digits(whole) && (point == std::string_view::npos || (digits(frac) && frac.size() <= 10));
        if (!digits_ok) {
            r_.report(at, json_value_text(j),
                      "must be an OCF Numeric: an optional sign, digits, and at most 10 decimals (\"+1000.00\", \"0.125\")");
            return std::nullopt;
        }
        std::string all(whole);
        all += frac;
        std::size_t first = 0;
        while (first + 1 < all.size() && all[first] == '0') ++first;
        const auto n = parse_json_digits(std::string_view(all).substr(first));
        if (!n) {
            r_.report(at, json_value_text(j), "is out of range: fundround's exact numbers are below 2^127");
            return std::nullopt;
        }
        fraction::rep den = 1;
        for (std::size_t i = 0; i < frac.size(); ++i) den *= 10;
        try {
            return fraction(signed_from(negative, *n), den);
        } catch (const error&) {
            r_.report(at, json_value_text(j), "is out of range: fundround's exact numbers are below 2^127");
            return std::nullopt;
        }
    }
    // A Numeric that is a whole number of shares fitting 64 bits.
    std::optional<share_count> shares(const nlohmann::json& j, const field_path& at) {
        const auto x = numeric(j, at);
        if (!x) return std::nullopt;
        if (!x->is_integer()) {
            r_.report(at, json_value_text(j), "must be a whole number of shares: fundround does not model fractional shares");
            return std::nullopt;
        }
        if (x->numerator() > int64_max || x->numerator() < int64_min) {
            r_.report(at, json_value_text(j), "is out of range: a share count must fit 64 bits");
            return std::nullopt;
        }
        return share_count(static_cast<std::int64_t>(x->numerator()));
    }
    // A Percentage: a decimal from 0 to 1 with at most 10 decimals. OCF's Percentage pattern
    // (^0?(\.[0-9]{1,10})?$|^1(\.0{1,10})?$) allows the leading zero to be left out: ".2" is 20%.
    std::optional<fraction> percentage(const nlohmann::json& j, const field_path& at) {
        if (j.is_string()) {
            const std::string& s = j.get_ref<const std::string&>();
            if (s.size() >= 2 && s.size() <= 11 && s[0] == '.' &&
                std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                return numeric(nlohmann::json("0" + s), at);  // digits only: cannot fail
            }
        }
        const auto x = numeric(j, at);
        if (!x) return std::nullopt;
        if (x->sign() < 0 || *x > fraction(1)) {
            r_.report(at, json_value_text(j), "must be an OCF Percentage from 0 to 1 (\"0.2\" is 20%)");
            return std::nullopt;
        }
        return x;
    }
    // A Monetary {"amount", "currency"}: the exact amount in currency units and the currency.
    std::optional<std::pair<fraction, currency>> monetary(const nlohmann::json& j, const field_path& at) {
        if (!r_.expect_object(j, at, "an OCF Monetary", {"amount", "currency"})) return std::nullopt;
        const std::size_t before = r_.problems().size();
        std::optional<fraction> amount;
        if (const auto* a = r_.required(j, at, "amount")) amount = numeric(*a, at.member("amount"));
        std::optional<currency> c;
        if (const auto* m = r_.required(j, at, "currency")) c = r_.read_currency(*m, at.member("currency"));
        if (r_.problems().size() != before) return std::nullopt;
        return std::make_pair(*amount, *c);
    }
    // A Monetary that is an amount of money: at most 3 decimals, 64-bit thousandths.
    std::optional<money> amount(const nlohmann::json& j, const field_path& at) {
        const auto m = monetary(j, at);
        if (!m) return std::nullopt;
        const fraction units = m->first * fraction(money::units_per_major);
        if (!units.is_integer()) {
            r_.report(at.member("amount"), json_value_text(j.at("amount")),
                      "has more than 3 decimals: fundround's amounts are exact to a thousandth of a currency unit");
            return std::nullopt;
        }
        if (units.numerator() > int64_max || units.numerator() < int64_min) {
            r_.report(at.member("amount"), json_value_text(j.at("amount")), "is out of the amount range (64-bit thousandths of a unit)");
            return std::nullopt;
        }
        return money::from_units(static_cast<std::int64_t>(units.numerator()), m->second);
    }
    // A Monetary that is a positive price per share (up to 10 decimals: exact).
    std::optional<price_per_share> price(const nlohmann::json& j, const field_path& at) {
        const auto m = monetary(j, at);
        if (!m) return std::nullopt;
        if (m->first.sign() <= 0) {
            r_.report(at.member("amount"), json_value_text(j.at("amount")), "must be positive: fundround's prices per share are positive");
            return std::nullopt;
        }
        // amount = n / 10^k currency units = n units / 10^k thousandths... as total / shares.
        const fraction units = m->first * fraction(money::units_per_major);
        if (units.numerator() > int64_max || units.denominator() > int64_max) {
            r_.report(at.member("amount"), json_value_text(j.at("amount")), "is out of the price range (64-bit thousandths of a unit)");
            return std::nullopt;
        }
        return price_per_share(money::from_units(static_cast<std::int64_t>(units.numerator()), m->second),
                               share_count(static_cast<std::int64_t>(units.denominator())));
    }
    // An OCF Ratio {"numerator", "denominator"}: the exact quotient.
    std::optional<fraction> ratio(const nlohmann::json& j, const field_path& at) {
        if (!r_.expect_object(j, at, "an OCF ratio", {"numerator", "denominator"})) return std::nullopt;
        std::optional<fraction> n;
        std::optional<fraction> d;
        if (const auto* x = r_.required(j, at, "numerator")) n = numeric(*x, at.member("numerator"));
        if (const auto* x = r_.required(j, at, "denominator")) d = numeric(*x, at.member("denominator"));
        if (d && d->is_zero()) {
            r_.report(at.member("denominator"), json_value_text(j.at("denominator")), "must not be zero");
            return std::nullopt;
        }
        if (!n || !d) return std::nullopt;
        try {
            return *n / *d;
        } catch (const error& e) {
            r_.report(at, json_value_text(j), std::string("is out of range: ") + detail::reason_of(e));
            return std::nullopt;
        }
    }
    // The ratio of a RATIO_CONVERSION mechanism (its type already checked); its conversion price
    // and a rounding other than FLOOR are listed as left out.
    std::optional<fraction> ratio_mechanism(const nlohmann::json& mech, const field_path& mat) {
        std::optional<fraction> x;
        if (const auto* r = r_.required(mech, mat, "ratio")) x = ratio(*r, mat.member("ratio"));
        if (const auto* p = json_reader::member(mech, "conversion_price")) {
            if (monetary(*p, mat.member("conversion_price"))) {
                note("conversion_price of ratio conversions", "fundround converts at the ratio (the price follows from it)");
            }
        }
        if (const auto* rt = json_reader::member(mech, "rounding_type")) {
            if (auto v = enumerated(*rt, mat.member("rounding_type"), {"CEILING", "FLOOR", "NORMAL"}, "a rounding type")) {
                if (*v != "FLOOR") note("rounding_type of ratio conversions other than FLOOR", "fundround rounds as-converted shares down");
            }
        }
        return x;
    }
    // A string member of an enumeration (OCF's enums are upper-case names).
    std::optional<std::string> enumerated(const nlohmann::json& j, const field_path& at, std::initializer_list<const char*> names,
                                          const char* what) {
        std::string list;
        for (const char* n : names) list += std::string(list.empty() ? "" : ", ") + n;
        if (j.is_string()) {
            for (const char* n : names) {
                if (j.get_ref<const std::string&>() == n) return std::string(n);
            }
        }
        r_.report(at, json_value_text(j), std::string("must be ") + what + ": one of " + list);
        return std::nullopt;
    }
    // An OCF date: a date fundround reads, written with a four-digit year (RFC 3339 full-date).
    std::optional<calendar_date> ocf_date(const nlohmann::json& j, const field_path& at) {
        auto d = r_.read_date(j, at);
        if (d && (j.get_ref<const std::string&>().size() != 10 || !ocf_date_ok(*d))) {
            r_.report(at, json_value_text(j), "must be " + std::string(ocf_date_rule) + " (an OCF date)");
            return std::nullopt;
        }
        return d;
    }
    // A non-empty id string.
    std::optional<std::string> id(const nlohmann::json& obj, const field_path& at) {
        const auto* m = r_.required(obj, at, "id");
        if (m == nullptr) return std::nullopt;
        auto s = r_.read_string(*m, at.member("id"));
        if (s && s->empty()) {
            r_.report(at.member("id"), "\"\"", "must not be empty");
            return std::nullopt;
        }
        return s;
    }
    // Checks "object_type" is one of @p types; returns it.
    std::optional<std::string> object_type(const nlohmann::json& obj, const field_path& at, std::initializer_list<const char*> types) {
        const auto* m = r_.required(obj, at, "object_type");
        if (m == nullptr) return std::nullopt;
        return enumerated(*m, at.member("object_type"), types, "an object type this file holds");
    }

    json_reader r_;
    std::vector<unmodelled> counted_;
    std::size_t note_rank_ = 0;  // 1 + the place in the file of the transaction being read; past them after
    std::size_t note_turn_ = 0;
};

}  // namespace detail

/// The text write_ocf_directory() writes for file @p j (two-space indented JSON and a newline):
/// the bytes the manifest's MD5 checksums are of.
[[nodiscard]] inline std::string ocf_file_text(const nlohmann::json& j) { return j.dump(2) + "\n"; }

/// Exports @p table with its @p safes, @p notes and share @p valuations as an OCF 1.2 package
/// (Manifest, Stakeholders, StockClasses, StockPlans, Transactions files, and Valuations when
/// there are some) and lists what OCF cannot say. Throws validation_error if a SAFE or note is
/// invalid or its holder is not on the table, or a valuation breaks check_share_valuations().
[[nodiscard]] inline ocf_export to_ocf(const cap_table& table, const std::vector<safe>& safes,
                                       const std::vector<convertible_note>& notes,
                                       const std::vector<share_valuation>& valuations, const ocf_options& options);

/// Exports @p table with its @p safes and @p notes, without valuations (see the overload above).
[[nodiscard]] inline ocf_export to_ocf(const cap_table& table, const std::vector<safe>& safes,
                                       const std::vector<convertible_note>& notes, const ocf_options& options = {}) {
    return to_ocf(table, safes, notes, {}, options);
}

/// Imports an OCF package: the cap table, the SAFEs and notes, and what was read but not
/// modelled; throws json_error with every problem, each at "/<file>/<pointer in the file>".
[[nodiscard]] inline ocf_import from_ocf(const ocf_package& package) { return detail::ocf_reader().read(package); }

/// Imports the merged form {"Manifest.ocf.json": {...}, ...}; throws json_error. The files are
/// copied: nlohmann copies recursively, so pass a document of unknown depth as an rvalue.
[[nodiscard]] inline ocf_import from_ocf_merged(const nlohmann::json& merged) {
    return from_ocf(ocf_package::from_merged(merged));
}
/// The same, taking the files out of @p merged (no copy, whatever their depth).
[[nodiscard]] inline ocf_import from_ocf_merged(nlohmann::json&& merged) {
    return from_ocf(ocf_package::from_merged(std::move(merged)));
}

/// Parses @p text as the merged form and imports it; text that is not JSON is one problem at
/// the root; throws json_error.
[[nodiscard]] inline ocf_import parse_ocf_merged(std::string_view text) {
    parsed_json j = parse_json_text(text);
    if (!j.syntax_error.empty()) {
        throw json_error("OCF package is invalid", {{field_path(), "", "is not JSON (a syntax error)"}});
    }
    if (!j.repeated.empty()) throw json_error("OCF package is invalid", std::move(j.repeated));
    return from_ocf(ocf_package::from_merged(std::move(j.document)));  // the files moved, not copied
}

/// Writes every file of @p package into directory @p dir (created if missing) as
/// ocf_file_text(); throws invalid_argument_error if a file cannot be written.
inline void write_ocf_directory(const ocf_package& package, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw invalid_argument_error("directory = \"" + dir.string() + "\": cannot be created (" + ec.message() + ")");
    for (const auto& [name, content] : package.files) {
        const std::filesystem::path file = dir / name;
        std::ofstream out(file, std::ios::binary);
        const std::string text = ocf_file_text(content);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) throw invalid_argument_error("file = \"" + file.string() + "\": cannot be written");
    }
}

/// Reads the package in directory @p dir: Manifest.ocf.json and every file it lists; throws
/// json_error naming each file that is missing or not JSON.
[[nodiscard]] inline ocf_package read_ocf_directory(const std::filesystem::path& dir) {
    ocf_package p;
    std::vector<diagnostic> problems;
    const auto load = [&](const std::string& name) -> bool {
        std::ifstream in(dir / name, std::ios::binary);
        if (!in) {
            problems.push_back({field_path(name), "", "cannot be read from " + (dir / name).string()});
            return false;
        }
        std::ostringstream text;
        text << in.rdbuf();
        parsed_json j = parse_json_text(text.str());
        if (!j.syntax_error.empty()) {
            problems.push_back({field_path(name), "", "is not JSON (a syntax error)"});
            return false;
        }
        for (diagnostic& d : j.repeated) problems.push_back({d.field.prefixed(field_path(name)), std::move(d.value), std::move(d.rule)});
        if (!j.repeated.empty()) return false;
        p.files.emplace_back(name, std::move(j.document));
        return true;
    };
    if (load("Manifest.ocf.json")) {
        const nlohmann::json m = p.files.front().second;  // a copy: load() appends to p.files
        if (m.is_object()) {
            for (auto it = m.begin(); it != m.end(); ++it) {
                const std::string& key = it.key();
                if (key.size() < 6 || key.compare(key.size() - 6, 6, "_files") != 0 || !it->is_array()) continue;
                for (const nlohmann::json& f : *it) {
                    if (!f.is_object() || f.find("filepath") == f.end() || !f["filepath"].is_string()) continue;
                    std::string path = f["filepath"].get<std::string>();
                    if (path.rfind("./", 0) == 0) path = path.substr(2);
                    if (path.empty() || path.find("..") != std::string::npos || path[0] == '/' || p.find(path) != nullptr) continue;
                    (void)load(path);
                }
            }
        }
    }
    if (!problems.empty()) throw json_error("OCF directory " + dir.string() + " is invalid", std::move(problems));
    return p;
}

// ---------------------------------------------------------------------------------------------
// Import.
// ---------------------------------------------------------------------------------------------

namespace detail {

inline ocf_import ocf_reader::read(const ocf_package& pkg) {
    using nlohmann::json;
    const field_path manifest_at("Manifest.ocf.json");
    const json* manifest = pkg.find("Manifest.ocf.json");
    if (manifest == nullptr) {
        r_.report(manifest_at, "", "is required: an OCF package's manifest lists its files");
        r_.throw_if_problems("OCF package");
    }
    // The manifest: version, issuer, as-of date, and the files by kind.
    struct listed_file {
        std::string kind;  // "stakeholders", "stock_classes", ...
        std::string name;
        field_path at;
    };
    std::vector<listed_file> listed;
    // A file that cannot be found or read as a list of items: its items' ids are unknown, so
    // references to them are not checked (every one would be reported as unknown).
    bool structural = false;
    bool file_structural = false;
    std::string issuer_name;
    std::optional<calendar_date> as_of;
    std::optional<calendar_date> formation_date;
    std::string country_of_formation;
    std::string country_subdivision_of_formation;
    static constexpr std::array<std::pair<const char*, const char*>, 10> kinds = {{
        {"stakeholders_files", "OCF_STAKEHOLDERS_FILE"},
        {"stock_classes_files", "OCF_STOCK_CLASSES_FILE"},
        {"stock_plans_files", "OCF_STOCK_PLANS_FILE"},
        {"transactions_files", "OCF_TRANSACTIONS_FILE"},
        {"stock_legend_templates_files", "OCF_STOCK_LEGEND_TEMPLATES_FILE"},
        {"vesting_terms_files", "OCF_VESTING_TERMS_FILE"},
        {"valuations_files", "OCF_VALUATIONS_FILE"},
        {"financings_files", "OCF_FINANCINGS_FILE"},
        {"documents_files", "OCF_DOCUMENTS_FILE"},
        {"", "OCF_MANIFEST_FILE"},
    }};
    if (r_.expect_object(*manifest, manifest_at, "an OCF manifest",
                         {"ocf_version", "file_type", "issuer", "as_of", "generated_at", "comments", "stakeholders_files",
                          "stock_classes_files", "stock_plans_files", "transactions_files", "stock_legend_templates_files",
                          "vesting_terms_files", "valuations_files", "financings_files", "documents_files"})) {
        if (const auto* v = r_.required(*manifest, manifest_at, "ocf_version")) {
            const auto text = r_.read_string(*v, manifest_at.member("ocf_version"));
            if (text && text->rfind("1.", 0) != 0) {
                r_.report(manifest_at.member("ocf_version"), json_value_text(*v), "must be an OCF 1.x version (fundround reads OCF 1.0 to 1.2)");
            }
        }
        if (const auto* t = r_.required(*manifest, manifest_at, "file_type")) {
            (void)enumerated(*t, manifest_at.member("file_type"), {"OCF_MANIFEST_FILE"}, "the manifest's file type");
        }
        if (const auto* i = r_.required(*manifest, manifest_at, "issuer")) {
            const field_path at = manifest_at.member("issuer");
            if (i->is_object()) {
                if (const auto* n = r_.required(*i, at, "legal_name")) issuer_name = r_.read_string(*n, at.member("legal_name")).value_or("");
                if (const auto* d = json_reader::member(*i, "formation_date")) formation_date = ocf_date(*d, at.member("formation_date"));
                const auto code = [&](const char* name, bool (*ok)(std::string_view) noexcept, const char* rule, std::string& into) {
                    const auto* m = json_reader::member(*i, name);
                    if (m == nullptr) return;
                    if (auto text = r_.read_string(*m, at.member(name))) {
                        if (ok(*text)) {
                            into = std::move(*text);
                        } else {
                            r_.report(at.member(name), json_value_text(*m), rule);
                        }
                    }
                };
                code("country_of_formation", ocf_country_ok, "must be an ISO 3166-1 alpha-2 country code: two capital letters (\"DE\")",
                     country_of_formation);
                code("country_subdivision_of_formation", ocf_subdivision_ok,
                     "must be an ISO 3166-2 subdivision code after its country: one to three capital letters or digits (\"CA\" of US-CA)",
                     country_subdivision_of_formation);
                for (auto it = i->begin(); it != i->end(); ++it) {
                    if (it.key() != "legal_name" && it.key() != "object_type" && it.key() != "id" && it.key() != "formation_date" &&
                        it.key() != "country_of_formation" && it.key() != "country_subdivision_of_formation") {
                        note("the issuer's " + it.key(),
                             "fundround keeps the issuer's legal name, formation date, and country and subdivision of formation");
                    }
                }
            } else {
                r_.report(at, json_value_text(*i), "must be an object (the issuer), not " + json_type_phrase(*i));
            }
        }
        if (const auto* a = r_.required(*manifest, manifest_at, "as_of")) as_of = ocf_date(*a, manifest_at.member("as_of"));
        if (const auto* g = json_reader::member(*manifest, "generated_at")) {
            if (r_.read_string(*g, manifest_at.member("generated_at"))) note("generated_at of the manifest", "fundround keeps the as-of date");
        }
        if (const auto* c = json_reader::member(*manifest, "comments"); c != nullptr && c->is_array() && !c->empty()) {
            note("comments on the manifest", "free text; fundround keeps no notes on its values");
        }
        for (const auto& [member_name, file_type] : kinds) {
            if (*member_name == '\0') continue;
            const json* list = json_reader::member(*manifest, member_name);
            if (list == nullptr) continue;
            const field_path at = manifest_at.member(member_name);
            if (!list->is_array()) {
                r_.report(at, json_value_text(*list), "must be an array of files {\"filepath\", \"md5\"}, not " + json_type_phrase(*list));
                continue;
            }
            for (std::size_t k = 0; k < list->size(); ++k) {
                const field_path fat = at.index(k);
                if (!r_.expect_object((*list)[k], fat, "a file reference", {"filepath", "md5"})) continue;
                const json* fp = r_.required((*list)[k], fat, "filepath");
                if (const auto* md5 = json_reader::member((*list)[k], "md5")) (void)r_.read_string(*md5, fat.member("md5"));
                if (fp == nullptr) continue;
                auto path = r_.read_string(*fp, fat.member("filepath"));
                if (!path) continue;
                std::string name = path->rfind("./", 0) == 0 ? path->substr(2) : *path;
                const json* f = pkg.find(name);
                if (f == nullptr) {
                    r_.report(fat.member("filepath"), json_value_text(*fp), "is not a file of the package");
                    structural = true;
                    continue;
                }
                bool twice = false;
                for (const listed_file& l : listed) twice = twice || l.name == name;
                file_structural = structural;
                if (twice) {
                    r_.report(fat.member("filepath"), json_value_text(*fp), "is listed twice in the manifest");
                    structural = true;
                    continue;
                }
                const field_path file_at(name);
                structural = true;  // until the file is found to be sound
                if (r_.expect_object(*f, file_at, "an OCF file", {"file_type", "items"})) {
                    if (const auto* t = r_.required(*f, file_at, "file_type")) {
                        if (!t->is_string() || t->get_ref<const std::string&>() != file_type) {
                            r_.report(file_at.member("file_type"), json_value_text(*t),
                                      std::string("must be \"") + file_type + "\": the manifest lists the file in " + member_name);
                            continue;
                        }
                    } else {
                        continue;
                    }
                    const json* items = r_.required(*f, file_at, "items");
                    if (items == nullptr) continue;
                    if (!items->is_array()) {
                        r_.report(file_at.member("items"), json_value_text(*items), "must be an array, not " + json_type_phrase(*items));
                        continue;
                    }
                    std::string kind(member_name);
                    listed.push_back({kind.substr(0, kind.size() - 6), name, file_at});
                    structural = file_structural;
                }
            }
        }
    }
    // Every file of the package is named by the manifest.
    std::vector<std::string> named;
    if (manifest->is_object()) {
        for (auto it = manifest->begin(); it != manifest->end(); ++it) {
            if (!it->is_array()) continue;
            for (const json& e : *it) {
                if (!e.is_object()) continue;
                const auto fp = e.find("filepath");
                if (fp == e.end() || !fp->is_string()) continue;
                const std::string& p = fp->get_ref<const std::string&>();
                named.push_back(p.rfind("./", 0) == 0 ? p.substr(2) : p);
            }
        }
    }
    for (const auto& f : pkg.files) {
        if (f.first == "Manifest.ocf.json" || std::find(named.begin(), named.end(), f.first) != named.end()) continue;
        r_.report(field_path(f.first), "", "is not listed in the manifest (Manifest.ocf.json)");
    }
    if (structural) r_.throw_if_problems("OCF package");
    const auto items_of = [&](const char* kind) {
        std::vector<std::pair<const json*, field_path>> out;
        for (const listed_file& l : listed) {
            if (l.kind != kind) continue;
            const json& items = pkg.find(l.name)->at("items");
            for (std::size_t k = 0; k < items.size(); ++k) out.emplace_back(&items[k], l.at.member("items").index(k));
        }
        return out;
    };

    // Stakeholders.
    struct stakeholder_rec {
        std::string id;
        std::string name;
        holder_kind kind;
        field_path at;
        bool ok;
    };
    std::vector<stakeholder_rec> stakeholders;
    std::map<std::string, std::size_t> stakeholder_at;
    std::vector<std::pair<std::pair<std::string, std::string>, field_path>> distinct;
    for (const auto& [item, at] : items_of("stakeholders")) {
        if (!r_.expect_object(*item, at, "an OCF stakeholder",
                              {"object_type", "id", "comments", "name", "stakeholder_type", "issuer_assigned_id", "current_relationship",
                               "current_relationships", "current_status", "primary_contact", "contact_info", "addresses", "tax_ids"})) {
            continue;
        }
        const std::size_t before = r_.problems().size();
        (void)object_type(*item, at, {"STAKEHOLDER"});
        const auto sid = id(*item, at);
        std::optional<std::string> name;
        if (const auto* n = r_.required(*item, at, "name")) {
            const field_path nat = at.member("name");
            if (r_.expect_object(*n, nat, "an OCF name", {"legal_name", "first_name", "last_name"})) {
                if (const auto* l = r_.required(*n, nat, "legal_name")) name = r_.read_string(*l, nat.member("legal_name"));
                note_members(*n, {"first_name", "last_name"}, "stakeholders' names", "fundround keeps the legal name");
            }
        }
        if (const auto* t = r_.required(*item, at, "stakeholder_type")) {
            if (enumerated(*t, at.member("stakeholder_type"), {"INDIVIDUAL", "INSTITUTION"}, "a stakeholder type")) {
                note("stakeholder_type of stakeholders", "a fundround holder has a kind, not a legal form");
            }
        }
        const std::initializer_list<const char*> relationships = {
            "ADVISOR", "BOARD_MEMBER", "CONSULTANT", "EMPLOYEE", "EX_ADVISOR", "EX_CONSULTANT", "EX_EMPLOYEE",
            "EXECUTIVE", "FOUNDER", "INVESTOR", "NON_US_EMPLOYEE", "OFFICER", "OTHER"};
        std::vector<std::string> rel;
        if (const auto* c = json_reader::member(*item, "current_relationship")) {
            if (auto v = enumerated(*c, at.member("current_relationship"), relationships, "a stakeholder relationship")) rel.push_back(*v);
        }
        if (const auto* c = json_reader::member(*item, "current_relationships")) {
            if (!c->is_array()) {
                r_.report(at.member("current_relationships"), json_value_text(*c), "must be an array of relationships, not " + json_type_phrase(*c));
            } else {
                for (std::size_t k = 0; k < c->size(); ++k) {
                    if (auto v = enumerated((*c)[k], at.member("current_relationships").index(k), relationships, "a stakeholder relationship")) {
                        if (std::find(rel.begin(), rel.end(), *v) == rel.end()) rel.push_back(*v);
                    }
                }
            }
        }
        holder_kind kind = holder_kind::other;
        if (rel.empty() && json_reader::member(*item, "current_relationship") == nullptr &&
            json_reader::member(*item, "current_relationships") == nullptr) {
            note("stakeholders without a current_relationship (read as other)",
                 "OCF does not require one; a fundround holder has a kind (founder, employee, investor, advisor or other)");
        }
        if (!rel.empty()) {
            const std::string& f = rel.front();
            if (f == "FOUNDER") {
                kind = holder_kind::founder;
            } else if (f == "EMPLOYEE") {
                kind = holder_kind::employee;
            } else if (f == "INVESTOR") {
                kind = holder_kind::investor;
            } else if (f == "ADVISOR") {
                kind = holder_kind::advisor;
            } else if (f == "EX_EMPLOYEE" || f == "NON_US_EMPLOYEE" || f == "EXECUTIVE" || f == "OFFICER") {
                kind = holder_kind::employee;
                note("relationships read as employee (EX_EMPLOYEE, NON_US_EMPLOYEE, EXECUTIVE, OFFICER)", "fundround's holder kinds are founder, employee, investor, advisor and other");
            } else if (f == "CONSULTANT" || f == "EX_CONSULTANT" || f == "EX_ADVISOR") {
                kind = holder_kind::advisor;
                note("relationships read as advisor (CONSULTANT, EX_CONSULTANT, EX_ADVISOR)", "fundround's holder kinds are founder, employee, investor, advisor and other");
            } else if (f == "BOARD_MEMBER") {
                note("relationships read as other (BOARD_MEMBER)", "fundround's holder kinds are founder, employee, investor, advisor and other");
            }
            if (rel.size() > 1) note("stakeholders' relationships after the first", "a fundround holder has one kind");
        }
        note_members(*item, {"issuer_assigned_id", "current_status", "primary_contact", "contact_info", "addresses", "tax_ids"}, "stakeholders",
                     "fundround keeps no contact, tax or status details");
        if (const auto* c = json_reader::member(*item, "comments")) {
            if (!c->is_array()) {
                r_.report(at.member("comments"), json_value_text(*c), "must be an array of strings, not " + json_type_phrase(*c));
            } else {
                for (std::size_t k = 0; k < c->size(); ++k) {
                    const json& e = (*c)[k];
                    if (!e.is_string()) {
                        r_.report(at.member("comments").index(k), json_value_text(e), "must be a string");
                        continue;
                    }
                    const std::string& text = e.get_ref<const std::string&>();
                    if (text.rfind(ocf_distinct_comment, 0) == 0 && sid) {
                        distinct.push_back({{*sid, text.substr(ocf_distinct_comment.size())}, at.member("comments").index(k)});
                    } else {
                        note("comments on stakeholders", "free text; fundround keeps no notes on its values");
                    }
                }
            }
        }
        if (!sid) continue;
        if (stakeholder_at.count(*sid) != 0) {
            r_.report(at.member("id"), json_value_text(item->at("id")),
                      "duplicates the id of " + stakeholders[stakeholder_at[*sid]].at.json_pointer() + "; a stakeholder appears once");
            continue;
        }
        stakeholder_at.emplace(*sid, stakeholders.size());
        stakeholders.push_back({*sid, name.value_or(""), kind, at, r_.problems().size() == before && name.has_value()});
    }
    const auto stakeholder_ref = [&](const json& obj, const field_path& at) -> std::optional<std::string> {
        const auto* m = r_.required(obj, at, "stakeholder_id");
        if (m == nullptr) return std::nullopt;
        auto s = r_.read_string(*m, at.member("stakeholder_id"));
        if (!s) return std::nullopt;
        if (stakeholder_at.count(*s) == 0) {
            r_.report(at.member("stakeholder_id"), json_value_text(*m), "is not the id of a stakeholder in the package");
            return std::nullopt;
        }
        return s;
    };

    // Stock classes.
    struct class_rec {
        std::string id;
        std::optional<share_class> value;  // empty if it had problems
        bool preferred = false;
        field_path at;
        field_path ratio_at;
        std::optional<std::pair<std::string, field_path>> converts_to;
    };
    std::vector<class_rec> classes;
    std::map<std::string, std::size_t> class_at;
    std::optional<currency> table_currency;
    std::optional<currency> issuance_currency;
    for (const auto& [item, at] : items_of("stock_classes")) {
        if (!r_.expect_object(*item, at, "an OCF stock class",
                              {"object_type", "id", "comments", "name", "class_type", "default_id_prefix", "initial_shares_authorized",
                               "board_approval_date", "stockholder_approval_date", "votes_per_share", "par_value", "price_per_share",
                               "seniority", "conversion_rights", "liquidation_preference_multiple", "participation_cap_multiple"})) {
            continue;
        }
        const std::size_t before = r_.problems().size();
        (void)object_type(*item, at, {"STOCK_CLASS"});
        const auto cid = id(*item, at);
        std::optional<std::string> name;
        if (const auto* n = r_.required(*item, at, "name")) name = r_.read_string(*n, at.member("name"));
        std::optional<std::string> type;
        if (const auto* t = r_.required(*item, at, "class_type")) type = enumerated(*t, at.member("class_type"), {"COMMON", "PREFERRED"}, "a stock class type");
        const bool preferred = type == std::string("PREFERRED");
        note_members(*item, {"default_id_prefix", "initial_shares_authorized", "board_approval_date", "stockholder_approval_date",
                             "votes_per_share", "par_value"},
                     "stock classes", "fundround records no certificates, authorized shares, approvals, votes or par values");
        note_comments(*item, "stock classes");
        int seniority = 0;
        if (const auto* s = r_.required(*item, at, "seniority")) {
            if (const auto x = numeric(*s, at.member("seniority"))) {
                if (!x->is_integer() || x->numerator() > 2147483647 || x->numerator() < -2147483647) {
                    r_.report(at.member("seniority"), json_value_text(*s),
                              "must be a whole number (32 bits): fundround ranks seniority by integers (renumber the classes)");
                } else if (preferred) {
                    seniority = static_cast<int>(x->numerator());
                } else {
                    note("seniority of common classes", "fundround pays common last");
                }
            }
        }
        liquidation_terms terms;
        std::optional<price_per_share> oip;
        fraction ratio(1);
        field_path ratio_at = at.member("conversion_rights");
        std::optional<std::pair<std::string, field_path>> converts_to;
        if (preferred) {
            terms.seniority = seniority;
            if (const auto* p = json_reader::member(*item, "price_per_share")) {
                oip = price(*p, at.member("price_per_share"));
                if (oip && !table_currency) table_currency = oip->currency();
            } else {
                r_.report(at.member("price_per_share"), "",
                          "is required for a preferred class: fundround's preferences are multiples of the original issue price");
            }
            if (const auto* m = json_reader::member(*item, "liquidation_preference_multiple")) {
                if (auto x = numeric(*m, at.member("liquidation_preference_multiple"))) terms.multiple = *x;
            }
            if (const auto* m = json_reader::member(*item, "participation_cap_multiple")) {
                if (auto x = numeric(*m, at.member("participation_cap_multiple"))) {
                    if (*x == terms.multiple) {
                        terms.participation = participation::none();
                    } else if (*x > terms.multiple) {
                        terms.participation = participation::capped(*x);
                    } else {
                        r_.report(at.member("participation_cap_multiple"), json_value_text(*m),
                                  "must be at least the liquidation preference multiple " + terms.multiple.to_string() +
                                      " (equal: non-participating; above: participating up to the cap, preference included)");
                    }
                }
            }
        } else {
            note_members(*item, {"price_per_share", "liquidation_preference_multiple", "participation_cap_multiple"}, "common classes",
                         "common has no preference in fundround");
        }
        if (const auto* rights = json_reader::member(*item, "conversion_rights")) {
            const field_path rat = at.member("conversion_rights");
            if (!rights->is_array()) {
                r_.report(rat, json_value_text(*rights), "must be an array of conversion rights, not " + json_type_phrase(*rights));
            } else {
                bool found = false;
                for (std::size_t k = 0; k < rights->size(); ++k) {
                    const json& right = (*rights)[k];
                    const field_path kat = rat.index(k);
                    if (!r_.expect_object(right, kat, "a stock class conversion right",
                                          {"type", "conversion_mechanism", "converts_to_future_round", "converts_to_stock_class_id"})) {
                        continue;
                    }
                    const json* mech = r_.required(right, kat, "conversion_mechanism");
                    if (mech == nullptr) continue;
                    const field_path mat = kat.member("conversion_mechanism");
                    if (!r_.expect_object(*mech, mat, "a ratio conversion mechanism", {"type", "conversion_price", "ratio", "rounding_type"})) continue;
                    if (const auto* t = r_.required(*mech, mat, "type")) {
                        if (!enumerated(*t, mat.member("type"), {"RATIO_CONVERSION"}, "a stock class's conversion mechanism")) continue;
                    } else {
                        continue;
                    }
                    if (!preferred || found) {
                        note(preferred ? "conversion rights of preferred classes after the first" : "conversion rights of common classes",
                             "fundround converts preferred into common at one ratio");
                        continue;
                    }
                    found = true;
                    if (const auto x = ratio_mechanism(*mech, mat)) {
                        ratio = *x;
                        ratio_at = mat.member("ratio");
                    }
                    if (const auto* to = json_reader::member(right, "converts_to_stock_class_id")) {
                        if (auto s = r_.read_string(*to, kat.member("converts_to_stock_class_id"))) {
                            converts_to = std::make_pair(*s, kat.member("converts_to_stock_class_id"));
                        }
                    }
                    if (const auto* f = json_reader::member(right, "converts_to_future_round")) (void)r_.read_bool(*f, kat.member("converts_to_future_round"));
                }
                if (preferred && !found) note("preferred classes without a ratio conversion right (read as converting 1:1)", "fundround converts preferred into common");
            }
        } else if (preferred) {
            note("preferred classes without a ratio conversion right (read as converting 1:1)", "fundround converts preferred into common");
        }
        if (!cid) continue;
        if (class_at.count(*cid) != 0) {
            r_.report(at.member("id"), json_value_text(item->at("id")),
                      "duplicates the id of " + classes[class_at[*cid]].at.json_pointer() + "; a stock class appears once");
            continue;
        }
        class_rec rec{*cid, std::nullopt, preferred, at, ratio_at, converts_to};
        if (r_.problems().size() == before && name && type) {
            share_class c = preferred ? share_class::preferred(*name, *oip, terms) : share_class::common(*name);
            if (ratio != fraction(1)) c = c.with_conversion_ratio(ratio);
            rec.value = std::move(c);
        }
        class_at.emplace(*cid, classes.size());
        classes.push_back(std::move(rec));
    }
    for (const class_rec& c : classes) {
        if (!c.converts_to) continue;
        const auto it = class_at.find(c.converts_to->first);
        if (it == class_at.end()) {
            r_.report(c.converts_to->second, quoted_text(c.converts_to->first), "is not the id of a stock class in the package");
        } else if (classes[it->second].preferred) {
            r_.report(c.converts_to->second, quoted_text(c.converts_to->first), "must name a COMMON class: fundround converts preferred into common");
        }
    }
    const auto class_ref = [&](const json& obj, const field_path& at, const char* member) -> std::optional<std::size_t> {
        const auto* m = r_.required(obj, at, member);
        if (m == nullptr) return std::nullopt;
        auto s = r_.read_string(*m, at.member(member));
        if (!s) return std::nullopt;
        const auto it = class_at.find(*s);
        if (it == class_at.end()) {
            r_.report(at.member(member), json_value_text(*m), "is not the id of a stock class in the package");
            return std::nullopt;
        }
        return it->second;
    };

    // Stock plans.
    struct plan_rec {
        std::string id;
        std::string name;
        std::size_t class_index;
        share_count authorized;
        field_path at;
        field_path class_at;
        field_path authorized_at;
        bool ok;
        share_count used = share_count();      // reserve issued (restricted stock, exercises, releases) or retired
        share_count returned = share_count();  // reserve given back by TX_STOCK_PLAN_RETURN_TO_POOL from elsewhere
        std::string behavior = "RETURN_TO_POOL";  // default_cancellation_behavior (absent: RETURN_TO_POOL)
        bool added = false;                    // on the cap table
    };
    std::vector<plan_rec> plans;
    std::map<std::string, std::size_t> plan_at;
    for (const auto& [item, at] : items_of("stock_plans")) {
        if (!r_.expect_object(*item, at, "an OCF stock plan",
                              {"object_type", "id", "comments", "plan_name", "board_approval_date", "stockholder_approval_date",
                               "initial_shares_reserved", "default_cancellation_behavior", "stock_class_id", "stock_class_ids"})) {
            continue;
        }
        const std::size_t before = r_.problems().size();
        (void)object_type(*item, at, {"STOCK_PLAN"});
        const auto pid = id(*item, at);
        std::optional<std::string> name;
        if (const auto* n = r_.required(*item, at, "plan_name")) name = r_.read_string(*n, at.member("plan_name"));
        std::optional<share_count> reserved;
        if (const auto* n = r_.required(*item, at, "initial_shares_reserved")) reserved = shares(*n, at.member("initial_shares_reserved"));
        note_members(*item, {"board_approval_date", "stockholder_approval_date"}, "stock plans", "fundround records no approvals");
        std::string behavior = "RETURN_TO_POOL";
        if (const auto* c = json_reader::member(*item, "default_cancellation_behavior")) {
            behavior = enumerated(*c, at.member("default_cancellation_behavior"),
                                  {"RETIRE", "RETURN_TO_POOL", "HOLD_AS_CAPITAL_STOCK", "DEFINED_PER_PLAN_SECURITY"},
                                  "a cancellation behaviour")
                           .value_or(behavior);
        }
        note_comments(*item, "stock plans");
        std::optional<std::size_t> cls;
        field_path cat = at.member("stock_class_ids");
        const json* one = json_reader::member(*item, "stock_class_id");
        const json* many = json_reader::member(*item, "stock_class_ids");
        if ((one == nullptr) == (many == nullptr)) {
            r_.report(at, "", "must name its stock class in exactly one of stock_class_id and stock_class_ids");
        } else if (one != nullptr) {
            cat = at.member("stock_class_id");
            cls = class_ref(*item, at, "stock_class_id");
        } else if (!many->is_array() || many->size() != 1) {
            r_.report(cat, json_value_text(*many), "must list exactly one stock class id: a fundround pool is of one class");
        } else {
            cat = cat.index(0);
            if (auto s = r_.read_string((*many)[0], cat)) {
                const auto it = class_at.find(*s);
                if (it == class_at.end()) {
                    r_.report(cat, json_value_text((*many)[0]), "is not the id of a stock class in the package");
                } else {
                    cls = it->second;
                }
            }
        }
        if (!pid) continue;
        if (plan_at.count(*pid) != 0) {
            r_.report(at.member("id"), json_value_text(item->at("id")),
                      "duplicates the id of " + plans[plan_at[*pid]].at.json_pointer() + "; a stock plan appears once");
            continue;
        }
        const bool ok = r_.problems().size() == before;
        plan_at.emplace(*pid, plans.size());
        plans.push_back({*pid, name.value_or(""), cls.value_or(0), reserved.value_or(share_count()), at, cat,
                         at.member("initial_shares_reserved"), ok, share_count(), share_count(), behavior});
    }

    // The stock plan that @p m, the stock_plan_id of the object at @p at, names (a problem if
    // none).
    const auto plan_ref = [&](const json& m, const field_path& at) -> std::optional<std::size_t> {
        const auto pid = r_.read_string(m, at.member("stock_plan_id"));
        if (!pid) return std::nullopt;
        const auto it = plan_at.find(*pid);
        if (it == plan_at.end()) {
            r_.report(at.member("stock_plan_id"), json_value_text(m), "is not the id of a stock plan in the package");
            return std::nullopt;
        }
        return it->second;
    };

    // Transactions.
    struct holding_rec {
        std::string holder;
        std::size_t class_index;
        share_count shares;
        field_path at;
        std::size_t seq;  // its first issuance's place in the file: the cap table lists things in file order
    };
    struct grant_rec {
        std::string holder;
        std::size_t plan;
        share_count shares;
        price_per_share price;
        field_path at;
        std::size_t seq;
    };
    struct warrant_rec {
        std::string holder;
        std::size_t class_index;
        share_count shares;
        price_per_share price;
        field_path at;
        field_path class_at;
        std::size_t seq;
    };
    struct instrument_rec {
        bool is_safe;
        std::size_t index;
        field_path at;
        std::map<std::string, field_path> fields;  // our member -> its pointer
        std::size_t seq;
        std::string id;                                       // its "id" ("" if it has none)
        std::optional<std::pair<bool, std::uint64_t>> seniority;  // OCF's seniority, ordered: (not negative, two's complement bits)
        std::string seniority_text;                           // as written
        std::optional<int> rank;                              // its fundround rank comment's rank
        field_path rank_at;                                   // where that comment is
    };
    struct event_rec {
        ocf_issuance value;  // its share_class set from class_index at the end
        std::size_t class_index;
        std::size_t seq;
    };
    std::vector<event_rec> event_recs;
    std::vector<holding_rec> holdings;
    std::map<std::pair<std::string, std::size_t>, std::size_t> holding_of;
    std::vector<std::optional<grant_rec>> grants;
    std::vector<std::optional<warrant_rec>> warrants;
    std::vector<std::optional<safe>> safes;
    std::vector<std::optional<convertible_note>> notes;
    std::vector<instrument_rec> instruments;
    struct security_rec {
        security_rec(char k, std::size_t i, share_count r, money a, std::optional<std::size_t> p = std::nullopt, bool c = false)
            : kind(k), index(i), remaining(r), amount(a), plan(p), counted(c) {}
        char kind;              // 's' stock, 'g' equity compensation, 'w' warrant, 'c' convertible
        std::size_t index;      // its holding, grant, warrant or instrument; -1: not on the cap table (an RSU, ...)
        share_count remaining;  // a convertible: 1 while outstanding
        money amount;           // a convertible's investment
        std::optional<std::size_t> plan;  // the stock plan whose reserve holds its shares
        bool counted;                     // its shares were taken off the plan's reserve when it was issued
        share_count unrouted = share_count();  // cancelled or repurchased, not yet routed by a return to pool
        bool in_pool = false;                   // those shares went back to its plan's pool (RETURN_TO_POOL)
    };
    std::map<std::string, security_rec> securities;
    std::vector<std::string> per_item;  // left-out sentences about single items
    const auto add_shares = [&](share_count& into, share_count s, const field_path& at) {
        try {
            into += s;
        } catch (const overflow_error&) {
            r_.report(at, std::to_string(s.value()), "the total of this holder's shares of the class overflows 64 bits");
        }
    };
    const std::initializer_list<const char*> issuance_members = {
        "object_type", "id", "comments", "security_id", "date", "custom_id", "stakeholder_id", "board_approval_date",
        "stockholder_approval_date", "consideration_text", "security_law_exemptions"};
    const auto known = [&](std::initializer_list<const char*> extra) {
        std::vector<const char*> all(issuance_members);
        all.insert(all.end(), extra.begin(), extra.end());
        return all;
    };
    const auto expect = [&](const json& obj, const field_path& at, const char* what, const std::vector<const char*>& names) {
        r_.report_unknown_members(obj, at, what, names.data(), names.data() + names.size());
    };
    const auto common_issuance = [&](const json& obj, const field_path& at, const char* on, bool comments = true) {
        note_members(obj, {"custom_id", "board_approval_date", "stockholder_approval_date", "consideration_text"}, on,
                     "fundround records no certificates, approvals or consideration");
        if (const auto* e = json_reader::member(obj, "security_law_exemptions"); e != nullptr && e->is_array() && !e->empty()) {
            note(std::string("security_law_exemptions of ") + on, "fundround records no securities-law exemptions");
        }
        if (comments) note_comments(obj, on);
        if (const auto* d = r_.required(obj, at, "date")) return ocf_date(*d, at.member("date"));
        return std::optional<calendar_date>();
    };
    // fundround's comments on a stock or warrant issuance: the mark of an issuance between
    // rounds (its name), its exemption, a date not known, an amount's exact value (of member
    // @p exact_member); any other comment is free text.
    struct event_comments {
        std::optional<std::string> name;
        std::string exemption;
        bool undated = false;
        std::optional<fraction> exact;  // the exact amount of exact_member, in currency units
    };
    const auto read_event_comments = [&](const json& obj, const field_path& at, const char* on, const std::string& exact_member) {
        event_comments out;
        const auto* c = json_reader::member(obj, "comments");
        if (c == nullptr) return out;
        if (!c->is_array()) {
            r_.report(at.member("comments"), json_value_text(*c), "must be an array of strings, not " + json_type_phrase(*c));
            return out;
        }
        const auto starts = [](const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; };
        std::vector<field_path> companions;  // fundround's comments that need the mark
        field_path name_at;
        bool free_text = false;
        for (std::size_t k = 0; k < c->size(); ++k) {
            const json& e = (*c)[k];
            const field_path cat = at.member("comments").index(k);
            if (!e.is_string()) {
                r_.report(cat, json_value_text(e), "must be a string");
                continue;
            }
            const std::string& text = e.get_ref<const std::string&>();
            if (starts(text, ocf_issuance_comment)) {
                if (out.name) {
                    r_.report(cat, json_value_text(e), "repeats fundround's issuance comment " + name_at.json_pointer() + ": an issuance has one name");
                } else {
                    out.name = text.substr(ocf_issuance_comment.size());
                    name_at = cat;
                }
            } else if (starts(text, ocf_exemption_comment)) {
                companions.push_back(cat);
                out.exemption = text.substr(ocf_exemption_comment.size());
            } else if (text == ocf_undated_comment) {
                companions.push_back(cat);
                out.undated = true;
            } else if (starts(text, ocf_exact_comment)) {
                companions.push_back(cat);
                const std::string rest = text.substr(ocf_exact_comment.size());
                const std::string head = exact_member + ": ";
                if (!starts(rest, head)) {
                    r_.report(cat, json_value_text(e),
                              "must be \"" + std::string(ocf_exact_comment) + head + "\" and the exact amount in currency units "
                              "(\"1/3\"): fundround's exact amount of this transaction is its " + exact_member);
                } else if (const auto x = r_.read_fraction(json(rest.substr(head.size())), cat)) {
                    if (x->sign() < 0) {
                        r_.report(cat, json_value_text(e), "must not be negative (an issue is for some consideration or none)");
                    } else {
                        out.exact = *x;
                    }
                }
            } else {
                free_text = true;
            }
        }
        if (free_text) note(std::string("comments on ") + on, "free text; fundround keeps no notes on its values");
        if (!out.name) {
            for (const field_path& cat : companions) {
                r_.report(cat, json_value_text(c->at(cat.segments().back().index)),
                          "is fundround's comment of an issuance between priced rounds, on a transaction without its mark (a "
                          "comment \"" + std::string(ocf_issuance_comment) + "\" and the issuance's name)");
            }
        }
        return out;
    };
    const auto cap_rules = [&](const json& mech, const field_path& mat, bool post_money, pool_increase& pool, const char* on,
                               std::optional<fully_diluted_basis>* cap_basis = nullptr) {
        const json* rules = json_reader::member(mech, "capitalization_definition_rules");
        if (rules == nullptr) return;
        const field_path rat = mat.member("capitalization_definition_rules");
        static constexpr std::array<const char*, 8> names = {
            "include_outstanding_shares", "include_outstanding_options", "include_outstanding_unissued_options", "include_this_security",
            "include_other_converting_securities", "include_option_pool_topup_for_promised_options",
            "include_additional_option_pool_topup", "include_new_money"};
        if (!r_.expect_object(*rules, rat, "capitalization definition rules",
                              {names[0], names[1], names[2], names[3], names[4], names[5], names[6], names[7]})) {
            return;
        }
        std::array<std::optional<bool>, 8> v;
        for (std::size_t k = 0; k < names.size(); ++k) {
            if (const auto* b = r_.required(*rules, rat, names[k])) v[k] = r_.read_bool(*b, rat.member(names[k]));
        }
        for (const auto& b : v) {
            if (!b) return;
        }
        // A note's pre-money cap over issued shares without the options or the unallocated pool
        // (and no top-up): a count fixed before the financing, its cap_basis.
        if (cap_basis != nullptr && !post_money && *v[0] && (!*v[1] || !*v[2]) && !*v[3] && !*v[4] && !*v[5] && !*v[6] && !*v[7]) {
            *cap_basis = fully_diluted_basis{*v[1], *v[2], false, false};
            return;  // the pool increase is not used with it: left at its default
        }
        pool = *v[5] || *v[6] ? pool_increase::included : pool_increase::excluded;
        const bool standard = *v[0] && *v[1] && *v[2] && *v[3] == post_money && *v[4] == post_money && *v[5] == *v[6] && !*v[7];
        if (!standard) {
            note(std::string("capitalization rules of ") + on + " other than their form's",
                 "fundround reads the form (pre- or post-money) and whether the pool top-up counts");
        }
    };
    const auto triggers_of = [&](const json& obj, const field_path& at, const char* member) -> const json* {
        const json* t = r_.required(obj, at, member);
        if (t == nullptr) return nullptr;
        if (!t->is_array()) {
            r_.report(at.member(member), json_value_text(*t), "must be an array of conversion triggers, not " + json_type_phrase(*t));
            return nullptr;
        }
        for (std::size_t k = 0; k < t->size(); ++k) {
            const json& trig = (*t)[k];
            const field_path tat = at.member(member).index(k);
            if (!r_.expect_object(trig, tat, "a conversion trigger",
                                  {"type", "trigger_id", "nickname", "trigger_description", "trigger_condition", "trigger_date",
                                   "start_date", "end_date", "conversion_right"})) {
                continue;
            }
            if (const auto* ty = r_.required(trig, tat, "type")) {
                (void)enumerated(*ty, tat.member("type"),
                                 {"AUTOMATIC_ON_CONDITION", "AUTOMATIC_ON_DATE", "ELECTIVE_IN_RANGE", "ELECTIVE_ON_CONDITION",
                                  "ELECTIVE_AT_WILL", "UNSPECIFIED"},
                                 "a conversion trigger type");
            }
            if (const auto* rr = r_.required(trig, tat, "conversion_right")) {
                if (r_.expect_object(*rr, tat.member("conversion_right"), "a conversion right",
                                     {"type", "conversion_mechanism", "converts_to_future_round", "converts_to_stock_class_id"})) {
                    // A mechanism's type is one of OCF's (ConversionMechanismType), whether or not
                    // fundround reads it.
                    const json* m = json_reader::member(*rr, "conversion_mechanism");
                    if (m != nullptr && m->is_object() && m->find("type") != m->end() && (*m)["type"].is_string()) {
                        (void)enumerated((*m)["type"], tat.member("conversion_right").member("conversion_mechanism").member("type"),
                                         {"FIXED_AMOUNT_CONVERSION", "FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION", "RATIO_CONVERSION",
                                          "SAFE_CONVERSION", "VALUATION_BASED_CONVERSION", "CONVERTIBLE_NOTE_CONVERSION",
                                          "CUSTOM_CONVERSION", "PPS_BASED_CONVERSION"},
                                         "a conversion mechanism type");
                    }
                }
            }
        }
        return t;
    };
    // The transactions that take shares (or a convertible's investment) from a security: what
    // each reads and does (docs/how-to-ocf.md, "Transactions the import applies"). Member names
    // and what is required are the OCF schemas' (a "*": required).
    enum class effect { cancel, retract, exercise, move };
    struct consuming {
        std::string_view type;
        char kind;            // its source's: 's' stock, 'g' equity compensation, 'w' warrant, 'c' convertible
        const char* object;   // "a stock transfer", for unknown members
        const char* on;       // "stock transfers", for what is left out
        const char* verb;     // "transfer", for the rules
        const char* amount;   // "quantity", "quantity_converted", "amount" (a convertible's investment), or nullptr: all that remains
        const char* results;  // the member naming its resulting issuances (required): "resulting_security_ids", an array, or
                              // "resulting_security_id", one; nullptr: none
        bool balance;         // balance_security_id: allowed
        effect what;
        char result_kind;     // the kind of its resulting issuances
        bool conserves;       // its resulting issuances hold what it takes (transfers, reissuances)
        std::array<const char*, 4> members;  // other members, read and listed: '*' required; a suffix :m Monetary, :d date, :n Numeric, :o object
        const char* sources = "security_id";  // or "security_ids": an array of securities, each taken whole
    };
    static constexpr std::array<consuming, 27> consuming_types = {{
        {"TX_STOCK_CANCELLATION", 's', "a cancellation", "cancellations", "cancel", "quantity", nullptr, true, effect::cancel, 's', false, {"reason_text"}},
        {"TX_EQUITY_COMPENSATION_CANCELLATION", 'g', "a cancellation", "cancellations", "cancel", "quantity", nullptr, true, effect::cancel, 'g', false, {"reason_text"}},
        {"TX_PLAN_SECURITY_CANCELLATION", 'g', "a cancellation", "cancellations", "cancel", "quantity", nullptr, true, effect::cancel, 'g', false, {"reason_text"}},
        {"TX_WARRANT_CANCELLATION", 'w', "a cancellation", "cancellations", "cancel", "quantity", nullptr, true, effect::cancel, 'w', false, {"reason_text"}},
        {"TX_CONVERTIBLE_CANCELLATION", 'c', "a convertible cancellation", "cancellations", "cancel", "amount", nullptr, true, effect::cancel, 'c', false, {"reason_text"}},
        {"TX_STOCK_REPURCHASE", 's', "a stock repurchase", "repurchases", "repurchase", "quantity", nullptr, true, effect::cancel, 's', false, {"*price:m", "consideration_text"}},
        {"TX_STOCK_TRANSFER", 's', "a stock transfer", "transfers", "transfer", "quantity", "resulting_security_ids", true, effect::move, 's', true, {"consideration_text"}},
        {"TX_EQUITY_COMPENSATION_TRANSFER", 'g', "an equity compensation transfer", "transfers", "transfer", "quantity", "resulting_security_ids", true, effect::move, 'g', true, {"consideration_text"}},
        {"TX_PLAN_SECURITY_TRANSFER", 'g', "an equity compensation transfer", "transfers", "transfer", "quantity", "resulting_security_ids", true, effect::move, 'g', true, {"consideration_text"}},
        {"TX_WARRANT_TRANSFER", 'w', "a warrant transfer", "transfers", "transfer", "quantity", "resulting_security_ids", true, effect::move, 'w', true, {"consideration_text"}},
        {"TX_CONVERTIBLE_TRANSFER", 'c', "a convertible transfer", "transfers", "transfer", "amount", "resulting_security_ids", true, effect::move, 'c', false, {"consideration_text"}},
        {"TX_STOCK_CONVERSION", 's', "a stock conversion", "conversions", "convert", "quantity_converted", "resulting_security_ids", true, effect::move, 's', false, {}},
        {"TX_CONVERTIBLE_CONVERSION", 'c', "a convertible conversion", "conversions", "convert", nullptr, "resulting_security_ids", true, effect::move, 's', false,
         {"*reason_text", "*trigger_id", "quantity_converted:n", "capitalization_definition:o"}},
        {"TX_EQUITY_COMPENSATION_EXERCISE", 'g', "an equity compensation exercise", "exercises", "exercise", "quantity", "resulting_security_ids", false, effect::exercise, 's', false, {"consideration_text"}},
        {"TX_PLAN_SECURITY_EXERCISE", 'g', "an equity compensation exercise", "exercises", "exercise", "quantity", "resulting_security_ids", false, effect::exercise, 's', false, {"consideration_text"}},
        {"TX_WARRANT_EXERCISE", 'w', "a warrant exercise", "exercises", "exercise", nullptr, "resulting_security_ids", false, effect::move, 's', false, {"*trigger_id", "consideration_text"}},
        {"TX_EQUITY_COMPENSATION_RELEASE", 'g', "an equity compensation release", "releases", "release", "quantity", "resulting_security_ids", false, effect::exercise, 's', false,
         {"*settlement_date:d", "*release_price:m", "consideration_text"}},
        {"TX_PLAN_SECURITY_RELEASE", 'g', "an equity compensation release", "releases", "release", "quantity", "resulting_security_ids", false, effect::exercise, 's', false,
         {"*settlement_date:d", "*release_price:m", "consideration_text"}},
        {"TX_STOCK_REISSUANCE", 's', "a stock reissuance", "reissuances", "reissue", nullptr, "resulting_security_ids", false, effect::move, 's', true, {"split_transaction_id", "reason_text"}},
        {"TX_STOCK_RETRACTION", 's', "a retraction", "retractions", "retract", nullptr, nullptr, false, effect::retract, 's', false, {"*reason_text"}},
        {"TX_EQUITY_COMPENSATION_RETRACTION", 'g', "a retraction", "retractions", "retract", nullptr, nullptr, false, effect::retract, 'g', false, {"*reason_text"}},
        {"TX_PLAN_SECURITY_RETRACTION", 'g', "a retraction", "retractions", "retract", nullptr, nullptr, false, effect::retract, 'g', false, {"*reason_text"}},
        {"TX_WARRANT_RETRACTION", 'w', "a retraction", "retractions", "retract", nullptr, nullptr, false, effect::retract, 'w', false, {"*reason_text"}},
        {"TX_CONVERTIBLE_RETRACTION", 'c', "a retraction", "retractions", "retract", nullptr, nullptr, false, effect::retract, 'c', false, {"*reason_text"}},
        {"TX_STOCK_CONSOLIDATION", 's', "a stock consolidation", "consolidations", "consolidate", nullptr, "resulting_security_id", false, effect::move, 's', true,
         {"reason_text"}, "security_ids"},
        // Not consuming, but acting on a security: ordered after it like the others.
        {"TX_EQUITY_COMPENSATION_REPRICING", 'g', "an equity compensation repricing", "repricings", "reprice", nullptr, nullptr, false, effect::move, 'g', false, {}},
        {"TX_STOCK_PLAN_RETURN_TO_POOL", 's', "a return to pool", "returns to pool", "return", nullptr, nullptr, false, effect::move, 's', false, {}},
    }};
    const auto results_one = [](const consuming& c) { return std::string_view(c.results) == "resulting_security_id"; };
    const auto sources_many = [](const consuming& c) { return std::string_view(c.sources) == "security_ids"; };
    const auto consuming_of = [](std::string_view type) -> const consuming* {
        for (const consuming& c : consuming_types) {
            if (type == c.type) return &c;
        }
        return nullptr;
    };
    const auto issuance_kind = [](std::string_view type) -> char {
        if (type == "TX_STOCK_ISSUANCE") return 's';
        if (type == "TX_EQUITY_COMPENSATION_ISSUANCE" || type == "TX_PLAN_SECURITY_ISSUANCE") return 'g';
        if (type == "TX_WARRANT_ISSUANCE") return 'w';
        if (type == "TX_CONVERTIBLE_ISSUANCE") return 'c';
        return 0;
    };
    const auto issuance_name = [](char kind) -> std::string {
        return kind == 's' ? "TX_STOCK_ISSUANCE" : kind == 'g' ? "TX_EQUITY_COMPENSATION_ISSUANCE" : kind == 'w' ? "TX_WARRANT_ISSUANCE" : "TX_CONVERTIBLE_ISSUANCE";
    };
    const auto kind_noun = [](char kind) -> const char* {
        return kind == 's' ? "stock issuance" : kind == 'w' ? "warrant issuance" : kind == 'g' ? "equity compensation issuance" : "convertible issuance";
    };

    // First, in file order: the ids (OCF's rule for ids, docs/explainers/TraversingTransactions.md,
    // "Refresher on OCF ID Types and Uses": an id is "a unique identifier within OCF such that no
    // two objects of the same type within a given OCF export have the same id value"; ids are
    // checked within each kind and not across kinds, docs/decisions.md, 2026-12-03 (night); each
    // transaction object_type is a type of its own: an issuance and a cancellation may share an
    // id, two issuances may not), the dates, which issuance issues each security and which
    // transaction each resulting security comes from. Each transaction's problems are kept with
    // it and reported in file order, whatever the order the transactions apply in.
    constexpr std::size_t npos = static_cast<std::size_t>(-1);
    const auto tx_items = items_of("transactions");
    const std::size_t n_tx = tx_items.size();
    std::vector<std::vector<diagnostic>> tx_problems(n_tx);
    // Views into the package's documents, which outlive the read.
    std::vector<std::string_view> tx_type(n_tx);
    std::vector<std::string_view> tx_date(n_tx);        // as written: YYYY-MM-DD compares as text ("" if none)
    std::vector<std::string_view> tx_source(n_tx);      // its security_id
    std::map<std::size_t, std::vector<std::string_view>> tx_many_sources;  // a consolidation's security_ids
    std::vector<const consuming*> tx_consuming(n_tx, nullptr);  // its row, for a transaction that acts on a security
    std::vector<std::size_t> tx_parent(n_tx, npos);     // an issuance a transaction results in: that transaction
    std::vector<std::vector<std::pair<std::string, field_path>>> tx_results(n_tx);
    std::vector<std::optional<std::pair<std::string, field_path>>> tx_balance(n_tx);  // its balance_security_id
    // Security id -> the first issuance of it: the pairs (id, transaction), sorted once read.
    std::vector<std::pair<std::string_view, std::size_t>> issuances;
    const auto issued_by = [&issuances](std::string_view sid) -> std::size_t {
        const auto it = std::lower_bound(issuances.begin(), issuances.end(), std::make_pair(sid, std::size_t{0}));
        return it != issuances.end() && it->first == sid ? it->second : npos;
    };
    struct result_ref {
        std::size_t tx;
        field_path at;
        bool balance;
    };
    std::map<std::string, result_ref, std::less<>> result_of;        // security id -> the transaction it results from
    std::map<std::pair<std::string_view, std::string_view>, const field_path*> transaction_ids;
    for (std::size_t n = 0; n < n_tx; ++n) {
        const json& item = *tx_items[n].first;
        const field_path& at = tx_items[n].second;
        const json* type_j = item.is_object() ? json_reader::member(item, "object_type") : nullptr;
        if (type_j == nullptr || !type_j->is_string()) continue;
        const std::string& type = type_j->get_ref<const std::string&>();
        tx_type[n] = type;
        if (const json* tid = json_reader::member(item, "id"); tid != nullptr && tid->is_string() && !tid->get_ref<const std::string&>().empty()) {
            const auto [earlier, fresh_id] =
                transaction_ids.emplace(std::make_pair(std::string_view(type), std::string_view(tid->get_ref<const std::string&>())), &at);
            if (!fresh_id) {
                tx_problems[n].push_back({at.member("id"), json_value_text(*tid),
                                          "duplicates the id of " + earlier->second->json_pointer() + ", another " + type +
                                              "; a transaction appears once (OCF ids are unique among objects of one type)"});
            }
        }
        if (const json* d = json_reader::member(item, "date"); d != nullptr && d->is_string()) tx_date[n] = d->get_ref<const std::string&>();
        if (const json* s = json_reader::member(item, "security_id"); s != nullptr && s->is_string()) {
            tx_source[n] = s->get_ref<const std::string&>();
        }
        if (issuance_kind(type) != 0 && !tx_source[n].empty()) issuances.emplace_back(tx_source[n], n);
        const consuming* c = tx_consuming[n] = consuming_of(type);
        if (c == nullptr) continue;
        if (const json* ss = sources_many(*c) ? json_reader::member(item, c->sources) : nullptr; ss != nullptr && ss->is_array()) {
            std::vector<std::string_view>& list = tx_many_sources[n];
            for (const json& sid : *ss) {
                if (sid.is_string()) list.push_back(sid.get_ref<const std::string&>());
            }
        }
        const auto claim = [&](const json& sid, const field_path& ref, bool balance) {
            if (!sid.is_string()) return;
            const std::string_view id_text = sid.get_ref<const std::string&>();
            const auto many = tx_many_sources.find(n);
            if (id_text == tx_source[n] ||
                (many != tx_many_sources.end() && std::find(many->second.begin(), many->second.end(), id_text) != many->second.end())) {
                tx_problems[n].push_back({ref, json_value_text(sid),
                                          "names a security the transaction takes from: what results from a transaction is a new "
                                          "security, with an issuance of its own"});
                return;
            }
            const auto [it, fresh] = result_of.emplace(sid.get<std::string>(), result_ref{n, ref, balance});
            if (!fresh) {
                tx_problems[n].push_back({ref, json_value_text(sid),
                                          "is also named by " + it->second.at.json_pointer() +
                                              ": a security results from one transaction (each resulting issuance is used once)"});
            } else if (!balance) {
                tx_results[n].emplace_back(it->first, ref);
            } else {
                tx_balance[n].emplace(it->first, ref);
            }
        };
        if (const json* r = c->results == nullptr ? nullptr : json_reader::member(item, c->results); r != nullptr) {
            if (!results_one(*c) && r->is_array()) {
                for (std::size_t k = 0; k < r->size(); ++k) claim((*r)[k], at.member(c->results).index(k), false);
            } else if (results_one(*c)) {
                claim(*r, at.member(c->results), false);
            }
        }
        if (const json* b = json_reader::member(item, "balance_security_id"); c->balance && b != nullptr) claim(*b, at.member("balance_security_id"), true);
    }
    std::sort(issuances.begin(), issuances.end());
    for (const auto& [sid, ref] : result_of) {
        if (const std::size_t i = issued_by(sid); i != npos) tx_parent[i] = ref.tx;
    }
    // The order: by date (as written; undated first), on one date issuances and class and plan
    // adjustments before the transactions that act on a security, each of those after the one
    // whose result it acts on, then file order. An issuance that results from a transaction
    // applies right after it.
    std::vector<std::size_t> depth(n_tx, 0);
    {
        // A transaction's depth: one more than the deepest transaction whose result it acts on
        // (its security_id, or each of a consolidation's security_ids); walked with a stack of
        // our own, chains of transfers can be as long as the file. Each frame keeps its place
        // among the securities it acts on, so that each is looked at once (a consolidation of
        // many securities is not rescanned after each one it waits for).
        constexpr std::size_t visiting = npos - 1;
        std::vector<std::size_t> memo(n_tx, npos);
        // The transaction whose result a transaction acts on: a resulting or balance issuance's,
        // or the one whose balance_security_id, with no issuance, names the rest of its security.
        const auto producer = [&](std::string_view sid) -> std::size_t {
            const auto r = result_of.find(sid);
            return r == result_of.end() ? npos : r->second.tx;
        };
        struct frame {
            std::size_t tx;
            const std::vector<std::string_view>* many;  // a consolidation's security_ids, or nullptr: its security_id
            std::size_t next = 0;                       // the next of them to look at
            std::size_t deepest = 0;                    // the deepest producer's depth so far
        };
        const auto frame_of = [&](std::size_t m) {
            const auto it = tx_many_sources.find(m);
            return frame{m, it == tx_many_sources.end() ? nullptr : &it->second};
        };
        std::vector<frame> stack;
        for (std::size_t n = 0; n < n_tx; ++n) {
            if (tx_consuming[n] == nullptr) continue;
            if (memo[n] == npos) {
                memo[n] = visiting;
                stack.push_back(frame_of(n));
            }
            while (!stack.empty()) {
                frame& f = stack.back();
                const std::size_t count = f.many != nullptr ? f.many->size() : tx_source[f.tx].empty() ? 0 : 1;
                if (f.next == count) {
                    const std::size_t done = f.tx;
                    memo[done] = f.deepest + 1;
                    stack.pop_back();
                    if (!stack.empty()) stack.back().deepest = std::max(stack.back().deepest, memo[done]);
                    continue;
                }
                const std::size_t p = producer(f.many != nullptr ? (*f.many)[f.next] : tx_source[f.tx]);
                ++f.next;
                if (p == npos || memo[p] == visiting) continue;  // a cycle: its issuances are missing, reported below
                if (memo[p] == npos) {
                    memo[p] = visiting;
                    stack.push_back(frame_of(p));  // its depth is taken when it is done
                } else {
                    f.deepest = std::max(f.deepest, memo[p]);
                }
            }
            depth[n] = memo[n] + (tx_type[n] == "TX_STOCK_PLAN_RETURN_TO_POOL" ? 1 : 0);  // after the cancellation it routes
        }
    }
    std::vector<std::size_t> roots;
    std::vector<std::vector<std::size_t>> attached(n_tx);
    for (std::size_t n = 0; n < n_tx; ++n) {
        if (tx_parent[n] == npos) {
            roots.push_back(n);
        } else {
            attached[tx_parent[n]].push_back(n);
        }
    }
    const auto applies_before = [&](std::size_t a, std::size_t b) {
        return std::tie(tx_date[a], depth[a], a) < std::tie(tx_date[b], depth[b], b);
    };
    if (!std::is_sorted(roots.begin(), roots.end(), applies_before)) {  // exports are usually in date order already
        std::sort(roots.begin(), roots.end(), applies_before);
    }
    std::vector<std::size_t> order;
    order.reserve(n_tx);
    for (const std::size_t n : roots) {
        order.push_back(n);
        order.insert(order.end(), attached[n].begin(), attached[n].end());
    }

    // What the transactions leave: the security each one takes from, and what it takes.
    std::vector<bool> applied(n_tx, false);  // the transactions applied so far, read or not
    // The security_id of the issuance at @p at, unless another issuance applied before it has it
    // (that one is named: in a long ledger the earlier one is the thing to find).
    const auto security_id = [&](const json& obj, const field_path& at) -> std::optional<std::string> {
        const auto* m = r_.required(obj, at, "security_id");
        if (m == nullptr) return std::nullopt;
        auto s = r_.read_string(*m, at.member("security_id"));
        if (s && securities.count(*s) != 0) {
            std::string earlier;
            const auto first = std::lower_bound(issuances.begin(), issuances.end(), std::make_pair(std::string_view(*s), std::size_t{0}));
            for (auto it = first; it != issuances.end() && it->first == *s && earlier.empty(); ++it) {
                if (applied[it->second] && tx_items[it->second].second != at) earlier = tx_items[it->second].second.json_pointer();
            }
            r_.report(at.member("security_id"), json_value_text(*m),
                      earlier.empty() ? std::string("is the security id of an earlier issuance; each security has one")
                                      : "is also the security id of " + earlier + ", an earlier issuance; each security has one");
            return std::nullopt;
        }
        return s;
    };
    const auto source_at = [&](const json& m, const field_path& m_at, const char* of_kinds, const std::string& what) -> security_rec* {
        const auto sid = r_.read_string(m, m_at);
        if (!sid) return nullptr;
        const auto it = securities.find(*sid);
        if (it != securities.end() && std::string_view(of_kinds).find(it->second.kind) != std::string_view::npos) return &it->second;
        const std::size_t later = issued_by(*sid);
        if (it == securities.end() && later != npos && applied[later] &&
            std::string_view(of_kinds).find(issuance_kind(tx_type[later])) != std::string_view::npos) {
            // Its issuance applied before this transaction, and was not read: its problems say why.
            r_.report(m_at, json_value_text(m),
                      "is the security of " + tx_items[later].second.json_pointer() + ", which is not read (its problems are reported)");
        } else if (it == securities.end() && later != npos &&
                   std::string_view(of_kinds).find(issuance_kind(tx_type[later])) != std::string_view::npos) {
            r_.report(m_at, json_value_text(m),
                      "is issued by " + tx_items[later].second.json_pointer() +
                          ", which applies later: transactions apply in date order, and one acts on a security issued before it");
        } else {
            r_.report(m_at, json_value_text(m), "is not the security id of an earlier " + what + " in the transactions");
        }
        return nullptr;
    };
    const auto source = [&](const json& obj, const field_path& at, const char* of_kinds, const std::string& what) -> security_rec* {
        const auto* m = r_.required(obj, at, "security_id");
        return m == nullptr ? nullptr : source_at(*m, at.member("security_id"), of_kinds, what);
    };
    // Takes @p q from @p s (a convertible: its whole investment, one unit; all that remains when
    // empty), from the holding, grant, warrant or convertible it stands for.
    const auto reduce = [&](security_rec& s, share_count q) {
        s.remaining -= q;
        if (s.index == npos) return;
        if (s.kind == 's') {
            holdings[s.index].shares -= q;
        } else if (s.kind == 'g' && grants[s.index]) {
            grants[s.index]->shares -= q;
            if (grants[s.index]->shares.value() == 0) grants[s.index].reset();
        } else if (s.kind == 'w' && warrants[s.index]) {
            warrants[s.index]->shares -= q;
            if (warrants[s.index]->shares.value() == 0) warrants[s.index].reset();
        } else if (s.kind == 'c' && s.remaining.value() == 0) {
            const instrument_rec& rec = instruments[s.index];
            if (rec.is_safe) {
                safes[rec.index].reset();
            } else {
                notes[rec.index].reset();
            }
        }
    };
    // A balance issuance (its security id): the rest it must hold, the transaction whose balance it
    // is, and the holder of the security it comes from (none for an award not on the cap table).
    struct balance_rec {
        char kind;  // its security's
        share_count rest;
        field_path at;
        std::optional<std::string> holder;
    };
    std::map<std::string, balance_rec> balance_due;
    // A balance issuance of stakeholder @p who (the stakeholder_id of @p at) for the rest that
    // @p d left: reported unless it is the holder's (a balance stays with its holder).
    const auto check_balance_holder = [&](const balance_rec& d, const std::optional<std::string>& who, const field_path& at) {
        if (d.holder && who && *d.holder != *who) {
            r_.report(at.member("stakeholder_id"), quoted_text(*who),
                      "must be " + quoted_text(*d.holder) + ", who holds the rest after " + d.at.json_pointer() +
                          ", whose balance_security_id it is (a balance stays with its holder)");
        }
    };
    const auto holder_of = [&](const security_rec& s) -> std::optional<std::string> {
        if (s.index == npos) return std::nullopt;
        if (s.kind == 's') return holdings[s.index].holder;
        if (s.kind == 'g' && grants[s.index]) return grants[s.index]->holder;
        if (s.kind == 'w' && warrants[s.index]) return warrants[s.index]->holder;
        if (s.kind == 'c') {
            const instrument_rec& rec = instruments[s.index];
            if (rec.is_safe && safes[rec.index]) return safes[rec.index]->holder.str();
            if (!rec.is_safe && notes[rec.index]) return notes[rec.index]->holder.str();
        }
        return std::nullopt;
    };
    // A source security that an earlier transaction took whole.
    const auto report_spent = [&](const json& sid, const field_path& sid_at) {
        r_.report(sid_at, json_value_text(sid), "has nothing outstanding: an earlier transaction took all of the security");
    };
    std::vector<std::size_t> warrant_classes;  // each warrant's stock class, by its index (kept after it is exercised)
    // The stock class a stock, option or warrant security is of or for (npos for a convertible, or
    // an award outside any plan): a transaction other than a conversion keeps it.
    const auto class_of = [&](const security_rec& s) -> std::size_t {
        if (s.kind == 's' && s.index != npos) return holdings[s.index].class_index;
        if (s.kind == 'g' && s.plan) return plans[*s.plan].class_index;
        if (s.kind == 'w' && s.index != npos) return warrant_classes[s.index];
        return npos;
    };
    std::vector<std::size_t> tx_class(n_tx, npos);  // the class of what a transaction took
    const auto consume = [&](security_rec& s, std::optional<share_count> q, const json& obj, const field_path& at, const field_path& q_at,
                             const json& sid, const field_path& sid_at) -> std::optional<share_count> {
        const share_count take = q.value_or(s.remaining);
        if (q && (q->value() <= 0 || *q > s.remaining)) {
            r_.report(q_at, std::to_string(q->value()),
                      "must be positive and at most the security's " + std::to_string(s.remaining.value()) + " outstanding shares");
            return std::nullopt;
        }
        if (!q && s.remaining.value() == 0) {
            report_spent(sid, sid_at);
            return std::nullopt;
        }
        const auto holder = holder_of(s);
        reduce(s, take);
        const json* b = json_reader::member(obj, "balance_security_id");
        const auto bid = b == nullptr ? std::nullopt : r_.read_string(*b, at.member("balance_security_id"));
        if (!bid) return take;
        if (issued_by(*bid) != npos) {
            // The rest is issued again under the balance's own issuance (OCF's model); when nothing
            // is left, that issuance must not hold anything.
            balance_due.emplace(*bid, balance_rec{s.kind, s.remaining, at, holder});
            if (s.remaining.value() > 0) reduce(s, s.remaining);
        } else if (s.remaining.value() > 0) {
            // No issuance: the balance id names what remains of the same security.
            security_rec rest = s;
            s.remaining = share_count();
            // (Named by another transaction too: reported there, at the claim.)
            const auto claim = result_of.find(*bid);
            const bool ours = claim == result_of.end() || claim->second.at == at.member("balance_security_id");
            if (!securities.emplace(*bid, rest).second && ours) {
                r_.report(at.member("balance_security_id"), json_value_text(*b), "is the security id of an earlier issuance; each security has one");
            }
        } else {
            r_.report(at.member("balance_security_id"), json_value_text(*b),
                      "names a balance, but the transaction takes all that remains of the security: there is no rest to name");
        }
        return take;
    };
    // The shares a conserving transaction took, and its resulting issuances' total.
    std::map<std::size_t, std::pair<share_count, share_count>> moved;
    std::map<std::size_t, std::size_t> consolidated;  // a consolidation -> the holding it consolidates
    // The investment a convertible transfer took, and its resulting issuances' investments.
    std::map<std::size_t, std::pair<money, std::vector<money>>> moved_investment;
    std::map<std::size_t, money> transferred_part;    // a partial convertible transfer -> the investment it transfers
    std::map<std::size_t, money> balance_investment;  // a convertible transfer -> its balance issuance's investment
    // An issuance that results from a transaction: counted against what the transaction took.
    // A balance issuance holds the rest, for the same holder (@p who, the stakeholder_id at @p at).
    const auto resulting = [&](std::size_t n, share_count q, const field_path& q_at, const std::optional<std::string>& who,
                               const field_path& at) {
        if (tx_parent[n] == npos) return;
        const result_ref& ref = result_of.at(std::string(tx_source[n]));
        if (!ref.balance) {
            const auto m = moved.find(ref.tx);
            if (m != moved.end()) add_shares(m->second.second, q, q_at);
            return;
        }
        const auto due = balance_due.find(std::string(tx_source[n]));
        if (due == balance_due.end() || due->second.kind != issuance_kind(tx_type[n])) return;  // another kind: reported at the end
        const balance_rec& d = due->second;
        if (d.rest.value() == 0) {
            r_.report(q_at, std::to_string(q.value()),
                      "is a balance with nothing to hold: " + d.at.json_pointer() +
                          ", whose balance_security_id it is, takes all that remains of the security");
        } else if (d.rest != q) {
            r_.report(q_at, std::to_string(q.value()),
                      "must be the " + std::to_string(d.rest.value()) + " shares that remain after " + d.at.json_pointer() +
                          ", whose balance_security_id it is");
        }
        check_balance_holder(d, who, at);
    };

    // The id and date of a transaction other than an issuance (its date orders it, and is not
    // kept).
    const auto transaction_head = [&](const json& obj, const field_path& at) {
        (void)id(obj, at);
        if (const auto* d = r_.required(obj, at, "date")) (void)ocf_date(*d, at.member("date"));
        note("dates of transactions other than issuances", "fundround applies the transactions in date order and keeps the cap table they leave");
    };
    // A transaction dated after the package's as-of date is applied with the others (the cap table
    // is the one the whole ledger leaves), and listed: the package says it is current as of that
    // date.
    const std::string as_of_text = as_of ? to_string(*as_of) : std::string();
    for (const std::size_t tx_n : order) {
        applied[tx_n] = true;
        const json* item = tx_items[tx_n].first;
        const field_path& at = tx_items[tx_n].second;
        // This transaction's problems go with it (reported in file order below).
        struct problems_of_item {
            json_reader& r;
            std::vector<diagnostic>& into;
            json_reader outer;
            ~problems_of_item() {
                into.insert(into.end(), r.problems().begin(), r.problems().end());
                r = std::move(outer);
            }
        } keep{r_, tx_problems[tx_n], std::exchange(r_, json_reader())};
        note_rank_ = tx_n + 1;
        if (!as_of_text.empty() && tx_date[tx_n].size() == as_of_text.size() && tx_date[tx_n] > as_of_text) {
            note("transactions dated after the package's as_of date " + as_of_text,
                 "fundround applies them with the others: the cap table is the one the whole ledger leaves");
        }
        if (!item->is_object()) {
            r_.report(at, json_value_text(*item), "must be an object (an OCF transaction), not " + json_type_phrase(*item));
            continue;
        }
        const json* type_j = r_.required(*item, at, "object_type");
        if (type_j == nullptr) continue;
        if (!type_j->is_string()) {
            r_.report(at.member("object_type"), json_value_text(*type_j), "must be a string (an OCF object type)");
            continue;
        }
        const std::string& type = type_j->get_ref<const std::string&>();
        const std::size_t before = r_.problems().size();
        if (type == "TX_STOCK_ISSUANCE") {
            expect(*item, at, "a stock issuance",
                   known({"stock_class_id", "stock_plan_id", "share_numbers_issued", "share_price", "quantity", "vesting_terms_id", "vestings",
                          "cost_basis", "stock_legend_ids", "issuance_type"}));
            (void)id(*item, at);
            const event_comments ev = read_event_comments(*item, at, "stock issuances", "share_price");
            const auto on = common_issuance(*item, at, "stock issuances", false);
            if (on && !ev.name) note("date of stock issuances", "fundround records what is outstanding, not when it was issued");
            std::optional<fraction> paid;  // share_price's amount, currency units
            const auto sec = security_id(*item, at);
            const auto who = stakeholder_ref(*item, at);
            const auto cls = class_ref(*item, at, "stock_class_id");
            std::optional<share_count> q;
            if (const auto* m = r_.required(*item, at, "quantity")) {
                if (const auto v = shares(*m, at.member("quantity"))) {
                    if (v->value() > 0) {
                        q = *v;
                    } else {
                        r_.report(at.member("quantity"), json_value_text(*m), "must be positive");
                    }
                }
            }
            if (const auto* m = r_.required(*item, at, "share_price")) {
                if (const auto p = monetary(*m, at.member("share_price"))) {
                    paid = p->first;
                    if (!ev.name) note("share_price of stock issuances", "fundround records holdings, not what was paid for them");
                    if (!issuance_currency) issuance_currency = p->second;  // the table's currency if no price names one
                }
            }
            note_members(*item, {"share_numbers_issued", "cost_basis", "issuance_type"}, "stock issuances",
                         "fundround records holdings, not certificates, cost bases or issuance types");
            std::optional<std::size_t> from_plan;
            if (const auto* pj = json_reader::member(*item, "stock_plan_id")) from_plan = plan_ref(*pj, at);
            if (json_reader::member(*item, "stock_legend_ids") != nullptr && !item->at("stock_legend_ids").empty()) {
                note("stock_legend_ids of stock issuances", "fundround records no legends");
            }
            note_members(*item, {"vesting_terms_id", "vestings"}, "stock issuances", "fundround's cap table holds no vesting: every share counts as issued");
            if (r_.problems().size() != before || !sec || !who || !cls || !q) continue;
            const auto key = std::make_pair(*who, *cls);
            auto it = holding_of.find(key);
            if (it == holding_of.end()) {
                it = holding_of.emplace(key, holdings.size()).first;
                holdings.push_back({*who, *cls, share_count(), at, tx_n});
            } else {
                note("stock issuances merged into one holding per stakeholder and class", "fundround holds one holding per holder and class");
                holdings[it->second].seq = std::min(holdings[it->second].seq, tx_n);
            }
            add_shares(holdings[it->second].shares, *q, at.member("quantity"));
            if (ev.name && paid) {
                const fraction price = ev.exact ? *ev.exact : *paid;
                event_recs.push_back({ocf_issuance{*ev.name, holder_id(*who), std::string(), *q,
                                                   price * fraction(money::units_per_major) * fraction(q->value()), ev.exemption,
                                                   std::nullopt, ev.undated ? std::nullopt : on},
                                      *cls, tx_n});
            }
            const bool result = tx_parent[tx_n] != npos;
            securities.emplace(*sec, security_rec('s', it->second, *q, money(), from_plan, from_plan && !result));
            resulting(tx_n, *q, at.member("quantity"), who, at);
            if (from_plan && result) {
                note("stock_plan_id of stock issuances that result from another security",
                     "their shares were taken off the plan's reserve once, by the security they come from or its exercise");
            } else if (from_plan) {
                note("stock issuances from a stock plan (restricted stock; the plan's reserve is reduced by their shares)",
                     "fundround's pools hold options; the shares are issued, so the pool keeps only the rest");
                add_shares(plans[*from_plan].used, *q, at.member("quantity"));
            }
        } else if (type == "TX_EQUITY_COMPENSATION_ISSUANCE" || type == "TX_PLAN_SECURITY_ISSUANCE") {
            expect(*item, at, "an equity compensation issuance",
                   known({"stock_plan_id", "stock_class_id", "compensation_type", "option_grant_type", "quantity", "exercise_price",
                          "base_price", "early_exercisable", "vesting_terms_id", "vestings", "expiration_date",
                          "termination_exercise_windows", "plan_security_type"}));
            (void)id(*item, at);
            if (common_issuance(*item, at, "option grants")) note("date of option grants", "fundround records what is outstanding, not when it was issued");
            const auto sec = security_id(*item, at);
            const auto who = stakeholder_ref(*item, at);
            std::optional<std::string> comp;
            if (const auto* c = json_reader::member(*item, "compensation_type")) {
                comp = enumerated(*c, at.member("compensation_type"), {"OPTION_NSO", "OPTION_ISO", "OPTION", "RSU", "CSAR", "SSAR"}, "a compensation type");
            } else if (const auto* c2 = json_reader::member(*item, "plan_security_type")) {
                comp = enumerated(*c2, at.member("plan_security_type"), {"OPTION", "RSU", "OTHER"}, "a plan security type");
            } else {
                r_.report(at.member("compensation_type"), "", "is required");
            }
            std::optional<share_count> q;
            if (const auto* m = r_.required(*item, at, "quantity")) q = shares(*m, at.member("quantity"));
            if (r_.problems().size() != before || !comp) continue;
            std::optional<std::size_t> award_plan;  // read again below for an option
            if (const json* pj = json_reader::member(*item, "stock_plan_id"); pj != nullptr && pj->is_string()) {
                if (const auto pit = plan_at.find(pj->get<std::string>()); pit != plan_at.end()) award_plan = pit->second;
            }
            if (comp->rfind("OPTION", 0) != 0 || award_plan == std::nullopt) {
                // Not on the cap table; its transactions are applied to it all the same.
                if (sec) securities.emplace(*sec, security_rec('g', npos, *q, money(), award_plan));
                resulting(tx_n, *q, at.member("quantity"), who, at);
            }
            if (comp->rfind("OPTION", 0) != 0) {
                per_item.push_back("The " + *comp + " award " + at.json_pointer() + " for " + std::to_string(q->value()) +
                                   " shares is not on the cap table: fundround's grants are options (from a plan, its shares stay "
                                   "in the plan's unallocated reserve).");
                continue;
            }
            const json* plan_j = json_reader::member(*item, "stock_plan_id");
            if (plan_j == nullptr) {
                per_item.push_back("The plan-less option " + at.json_pointer() + " for " + std::to_string(q->value()) +
                                   " shares is not on the cap table: fundround's grants come from a pool.");
                continue;
            }
            const std::optional<std::size_t> plan = plan_ref(*plan_j, at);
            if (json_reader::member(*item, "stock_class_id") != nullptr) {
                if (const auto cls = class_ref(*item, at, "stock_class_id"); cls && plan && *cls != plans[*plan].class_index) {
                    r_.report(at.member("stock_class_id"), json_value_text(item->at("stock_class_id")),
                              "must be the stock plan's class (" + quoted_text(classes[plans[*plan].class_index].id) +
                                  "): a fundround grant is of its pool's class");
                }
            }
            std::optional<price_per_share> p;
            if (const auto* m = r_.required(*item, at, "exercise_price")) p = price(*m, at.member("exercise_price"));
            if (p && !table_currency) table_currency = p->currency();
            note_members(*item, {"option_grant_type", "early_exercisable", "expiration_date", "termination_exercise_windows"}, "option grants",
                         "fundround records the option's shares and strike only");
            note_members(*item, {"vesting_terms_id", "vestings"}, "option grants", "fundround's cap table holds no vesting: every granted option counts");
            if (r_.problems().size() != before || !sec || !who || !plan || !p) continue;
            securities.emplace(*sec, security_rec('g', grants.size(), *q, money(), plan));
            resulting(tx_n, *q, at.member("quantity"), who, at);
            grants.push_back(grant_rec{*who, *plan, *q, *p, at, tx_n});
        } else if (type == "TX_WARRANT_ISSUANCE") {
            expect(*item, at, "a warrant issuance",
                   known({"quantity", "exercise_price", "purchase_price", "exercise_triggers", "warrant_expiration_date", "vesting_terms_id",
                          "vestings", "quantity_source"}));
            (void)id(*item, at);
            const event_comments ev = read_event_comments(*item, at, "warrants", "purchase_price");
            const auto on = common_issuance(*item, at, "warrants", false);
            if (on && !ev.name) note("date of warrants", "fundround records what is outstanding, not when it was issued");
            std::optional<fraction> paid;  // purchase_price's amount, currency units
            const auto sec = security_id(*item, at);
            const auto who = stakeholder_ref(*item, at);
            std::optional<share_count> q;
            if (const auto* m = json_reader::member(*item, "quantity")) {
                q = shares(*m, at.member("quantity"));
            } else {
                r_.report(at.member("quantity"), "", "is required: fundround's warrants are for a stated number of shares");
            }
            std::optional<price_per_share> p;
            if (const auto* m = json_reader::member(*item, "exercise_price")) {
                p = price(*m, at.member("exercise_price"));
            } else {
                r_.report(at.member("exercise_price"), "", "is required: fundround's warrants have an exercise price");
            }
            if (p && !table_currency) table_currency = p->currency();
            if (const auto* m = r_.required(*item, at, "purchase_price")) {
                if (const auto pp = monetary(*m, at.member("purchase_price"))) {
                    paid = pp->first;
                    if (!ev.name) note("purchase_price of warrants", "fundround records no warrant purchase price");
                }
            }
            note_members(*item, {"warrant_expiration_date", "quantity_source"}, "warrants", "fundround records the warrant's shares, class and price only");
            note_members(*item, {"vesting_terms_id", "vestings"}, "warrants", "fundround's cap table holds no vesting");
            std::optional<std::size_t> cls;
            field_path cls_at = at.member("exercise_triggers");
            if (const json* t = triggers_of(*item, at, "exercise_triggers")) {
                for (std::size_t k = 0; k < t->size() && !cls; ++k) {
                    const json& trig = (*t)[k];
                    if (!trig.is_object() || json_reader::member(trig, "conversion_right") == nullptr) continue;
                    const json& right = trig.at("conversion_right");
                    if (!right.is_object() || json_reader::member(right, "converts_to_stock_class_id") == nullptr) continue;
                    cls_at = at.member("exercise_triggers").index(k).member("conversion_right");
                    cls = class_ref(right, cls_at, "converts_to_stock_class_id");
                    cls_at = cls_at.member("converts_to_stock_class_id");
                    if (!cls) break;
                }
                if (!cls && r_.problems().size() == before) {
                    r_.report(at.member("exercise_triggers"), "",
                              "must name the stock class the warrant is for (a conversion right's converts_to_stock_class_id)");
                }
                if (t->size() > 0) note("exercise triggers of warrants", "fundround counts a warrant as exercisable (fully diluted) without conditions");
            }
            if (r_.problems().size() != before || !sec || !who || !q || !p || !cls) continue;
            securities.emplace(*sec, security_rec('w', warrants.size(), *q, money()));
            warrant_classes.push_back(*cls);
            resulting(tx_n, *q, at.member("quantity"), who, at);
            warrants.push_back(warrant_rec{*who, *cls, *q, *p, at, cls_at, tx_n});
            if (ev.name && paid) {
                event_recs.push_back({ocf_issuance{*ev.name, holder_id(*who), std::string(), *q,
                                                   (ev.exact ? *ev.exact : *paid) * fraction(money::units_per_major), ev.exemption, *p,
                                                   ev.undated ? std::nullopt : on},
                                      *cls, tx_n});
            }
        } else if (type == "TX_CONVERTIBLE_ISSUANCE") {
            expect(*item, at, "a convertible issuance", known({"investment_amount", "convertible_type", "conversion_triggers", "pro_rata", "seniority"}));
            const auto tx_id = id(*item, at);
            const auto on = common_issuance(*item, at, "convertibles", false);
            // Its comments: free text, but for fundround's comment stating its kind's rank at an
            // exit.
            std::optional<int> rank;
            field_path rank_at;
            if (const auto* c = json_reader::member(*item, "comments")) {
                if (!c->is_array()) {
                    r_.report(at.member("comments"), json_value_text(*c), "must be an array of strings, not " + json_type_phrase(*c));
                } else {
                    for (std::size_t k = 0; k < c->size(); ++k) {
                        const json& e = (*c)[k];
                        const field_path cat = at.member("comments").index(k);
                        if (!e.is_string()) {
                            r_.report(cat, json_value_text(e), "must be a string");
                            continue;
                        }
                        const std::string& text = e.get_ref<const std::string&>();
                        if (text.rfind(ocf_rank_comment, 0) != 0) {
                            note("comments on convertibles", "free text; fundround keeps no notes on its values");
                            continue;
                        }
                        const std::string_view digits = std::string_view(text).substr(ocf_rank_comment.size());
                        const auto v = parse_json_digits(digits);
                        // The value shown is what follows the comment's fixed text.
                        const std::string shown = json_value_text(json(std::string(digits)));
                        if (rank) {
                            r_.report(cat, shown, "repeats fundround's rank comment " + rank_at.json_pointer() + ": a convertible has one rank");
                        } else if (!v || (digits.size() > 1 && digits[0] == '0') || digits.size() > 10 ||
                                   static_cast<std::uint64_t>(*v) > 2147483647U) {
                            r_.report(cat, shown,
                                      "must end in a rank from 0 to 2147483647 without leading zeros: fundround's rank comment is \"" +
                                          std::string(ocf_rank_comment) + "\" followed by its kind's rank on the stock classes' seniority scale");
                        } else {
                            rank = static_cast<int>(*v);
                            rank_at = cat;
                        }
                    }
                }
            }
            const auto sec = security_id(*item, at);
            const auto who = stakeholder_ref(*item, at);
            std::optional<money> invested;
            if (const auto* m = r_.required(*item, at, "investment_amount")) invested = amount(*m, at.member("investment_amount"));
            std::optional<std::string> ctype;
            if (const auto* c = r_.required(*item, at, "convertible_type")) {
                ctype = enumerated(*c, at.member("convertible_type"), {"NOTE", "SAFE", "CONVERTIBLE_SECURITY"}, "a convertible type");
            }
            // OCF's seniority: the convertible's place in a stack of the convertibles, 1 the most
            // senior (compared per kind and across kinds at the end).
            std::optional<std::pair<bool, std::uint64_t>> seniority;
            if (const auto* s = json_reader::member(*item, "seniority")) {
                if (!s->is_number_integer()) {
                    r_.report(at.member("seniority"), json_value_text(*s), "must be an integer");
                } else if (s->is_number_unsigned()) {
                    seniority = std::make_pair(true, s->get<std::uint64_t>());
                } else {
                    const std::int64_t v = s->get<std::int64_t>();
                    seniority = std::make_pair(v >= 0, static_cast<std::uint64_t>(v));
                }
            }
            if (const auto* p = json_reader::member(*item, "pro_rata")) {
                if (numeric(*p, at.member("pro_rata"))) note("pro_rata of convertibles", "fundround's pro-rata rights are on rounds, not on instruments");
            }
            const json* triggers = triggers_of(*item, at, "conversion_triggers");
            if (triggers != nullptr && !triggers->empty()) {
                note("conversion triggers' ids, texts, types and target classes of convertibles",
                     "fundround converts a SAFE or note at an equity financing, and a note also at its maturity date");
            }
            if (r_.problems().size() != before || !ctype || !triggers) continue;
            if (tx_parent[tx_n] != npos && invested) {  // the result of a convertible transfer: it holds what the transfer took
                const auto due = sec ? balance_due.find(*sec) : balance_due.end();
                // (An id named both as a result and as the balance is the result: the claim made
                // first decides, as for stock.)
                const auto claim = sec ? result_of.find(*sec) : result_of.end();
                if (due != balance_due.end() && due->second.kind == 'c' && claim != result_of.end() && claim->second.balance) {
                    // The rest of a partial transfer: the same holder's.
                    balance_investment.emplace(tx_parent[tx_n], *invested);
                    if (transferred_part.count(tx_parent[tx_n]) == 0 && moved_investment.count(tx_parent[tx_n]) == 0) {
                        // Not a transfer (whose whole or partial amount is checked at the end): a
                        // cancellation, which takes the whole investment, so there is no rest;
                        // read, the issuance would be a new SAFE or note.
                        r_.report(at.member("investment_amount"), format_full(*invested),
                                  "is a balance with nothing to hold: " + due->second.at.json_pointer() +
                                      ", whose balance_security_id it is, takes all of the convertible");
                    }
                    check_balance_holder(due->second, who, at);
                } else if (const auto mi = moved_investment.find(tx_parent[tx_n]); mi != moved_investment.end()) {
                    mi->second.second.push_back(*invested);
                }
            }
            if (*ctype == "CONVERTIBLE_SECURITY") {
                if (sec) securities.emplace(*sec, security_rec('c', npos, share_count(1), *invested));
                per_item.push_back("The convertible security " + at.json_pointer() + " (" + format_full(*invested) +
                                   ") is not read: fundround models SAFEs and convertible notes.");
                continue;
            }
            const bool is_safe = *ctype == "SAFE";
            const char* mech_type = is_safe ? "SAFE_CONVERSION" : "CONVERTIBLE_NOTE_CONVERSION";
            // A SAFE's own terms: its SAFE_CONVERSION mechanism wherever it is listed; a fixed
            // percentage of the capitalization only when the SAFE has no SAFE_CONVERSION (so that
            // the order of the triggers does not choose: a fixed percent on a change-of-control
            // trigger listed first is not read).
            const auto type_of = [](const json& trig) -> const json* {
                const auto r = trig.find("conversion_right");
                if (r == trig.end() || !r->is_object()) return nullptr;
                const auto m = r->find("conversion_mechanism");
                if (m == r->end() || !m->is_object()) return nullptr;
                const auto t = m->find("type");
                return t == m->end() || !t->is_string() ? nullptr : &*t;
            };
            const bool has_mech_type = std::any_of(triggers->begin(), triggers->end(), [&](const json& trig) {
                const json* t = type_of(trig);
                return t != nullptr && *t == mech_type;
            });
            const char* own_type = is_safe && !has_mech_type ? "FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION" : mech_type;
            const char* own_types = is_safe ? "SAFE_CONVERSION or FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION" : mech_type;
            // The first trigger with this mechanism; for a note, the first dated trigger is its
            // maturity.
            const json* mech = nullptr;
            field_path mat;
            // The mechanisms of another type than mech_type (a
            // FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION, say): not read.
            std::vector<std::pair<field_path, std::string>> others;
            std::optional<calendar_date> maturity;
            field_path maturity_at = at.member("conversion_triggers");
            for (std::size_t k = 0; k < triggers->size(); ++k) {
                const json& trig = (*triggers)[k];
                const field_path tat = at.member("conversion_triggers").index(k);
                if (!maturity && trig.find("type") != trig.end() && trig["type"] == "AUTOMATIC_ON_DATE") {
                    if (const auto* d = r_.required(trig, tat, "trigger_date")) {
                        maturity = ocf_date(*d, tat.member("trigger_date"));
                        maturity_at = tat.member("trigger_date");
                    }
                }
                const json& right = trig.at("conversion_right");
                const json* m = json_reader::member(right, "conversion_mechanism");
                const field_path mat_k = tat.member("conversion_right").member("conversion_mechanism");
                if (m != nullptr && (!m->is_object() || m->find("type") == m->end() || !(*m)["type"].is_string())) {
                    r_.report(mat_k, detail::json_value_text(*m), "must be an object with a type: an OCF conversion mechanism");
                } else if (m != nullptr && (*m)["type"] != own_type) {
                    // A SAFE's terms: its SAFE_CONVERSION, else a fixed percentage of the
                    // capitalization.
                    others.emplace_back(mat_k, (*m)["type"].get<std::string>());
                } else if (m != nullptr) {
                    if (mech == nullptr) {
                        mech = m;
                        mat = mat_k;
                    } else if (!detail::json_equal_bounded(*m, *mech)) {
                        // fundround holds one set of terms per SAFE or note: say which were not
                        // read.
                        per_item.push_back("The conversion terms " + mat_k.json_pointer() + " differ from " +
                                           mat.json_pointer() + ", which are read: fundround converts the " +
                                           (is_safe ? "SAFE" : "note") + " on one set of terms" +
                                           (is_safe ? "." : ", at a financing and at maturity."));
                    }
                }
            }
            if (r_.problems().size() != before) continue;
            if (triggers->size() > (is_safe ? 1U : 2U)) {
                note("conversion triggers of convertibles beyond their conversion and maturity",
                     "fundround converts at an equity financing (and a note at maturity)");
            }
            if (mech == nullptr && !others.empty()) {
                // Name the mechanism the convertible has, so that the reader sees what is not
                // modelled.
                r_.report(others.front().first.member("type"), json_value_text(json(others.front().second)),
                          std::string("is not modelled for a ") + (is_safe ? "SAFE" : "convertible note") +
                              ": fundround reads its terms from a " + own_types +
                              " conversion mechanism, and none of its conversion triggers has one");
                continue;
            }
            if (mech == nullptr) {
                r_.report(at.member("conversion_triggers"), "",
                          std::string("must hold a ") + own_types + " conversion mechanism: fundround reads a " +
                              (is_safe ? "SAFE's" : "note's") + " terms from it");
                continue;
            }
            for (const auto& [oat, otype] : others) {
                per_item.push_back("The conversion mechanism " + oat.json_pointer() + " (" + otype + ") is not read: fundround converts the " +
                                   (is_safe ? "SAFE" : "note") + " on its " + (*mech)["type"].get<std::string>() + " terms " +
                                   mat.json_pointer() + ".");
            }
            instrument_rec rec{is_safe, is_safe ? safes.size() : notes.size(), at, {}, tx_n, tx_id.value_or(""), seniority,
                               seniority ? json_value_text(item->at("seniority")) : std::string(), rank, rank_at};
            rec.fields["holder"] = at.member("stakeholder_id");
            rec.fields[is_safe ? "purchase_amount" : "principal"] = at.member("investment_amount");
            rec.fields[is_safe ? "date" : "issue_date"] = at.member("date");
            rec.fields["valuation_cap"] = mat.member("conversion_valuation_cap");
            rec.fields["discount"] = mat.member("conversion_discount");
            rec.fields["fixed_percentage"] = mat.member("converts_to_percent");
            std::optional<money> cap;
            std::optional<fraction> discount;
            if (const auto* c = json_reader::member(*mech, "conversion_valuation_cap")) cap = amount(*c, mat.member("conversion_valuation_cap"));
            if (const auto* d = json_reader::member(*mech, "conversion_discount")) discount = percentage(*d, mat.member("conversion_discount"));
            if (const auto* e = json_reader::member(*mech, "exit_multiple")) {
                const field_path eat = mat.member("exit_multiple");
                if (r_.expect_object(*e, eat, "an OCF ratio", {"numerator", "denominator"})) {
                    if (const auto* x = r_.required(*e, eat, "numerator")) (void)numeric(*x, eat.member("numerator"));
                    if (const auto* x = r_.required(*e, eat, "denominator")) (void)numeric(*x, eat.member("denominator"));
                }
                note("exit_multiple of convertibles", "fundround's change-of-control terms are not read from OCF");
            }
            if (const auto* c = json_reader::member(*mech, "capitalization_definition")) {
                if (r_.read_free_text(*c, mat.member("capitalization_definition"))) {
                    note("capitalization_definition texts of convertibles", "fundround reads the structured rules, not the text");
                }
            }
            if (is_safe && (*mech)["type"] == "FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION") {
                // A fixed-percentage SAFE (safe::post_money_fixed_percentage): converts_to_percent
                // of the post-money capitalization, the pool increase as its rules name it.
                if (!r_.expect_object(*mech, mat, "a fixed-percentage conversion mechanism",
                                      {"type", "converts_to_percent", "capitalization_definition", "capitalization_definition_rules"})) {
                    continue;
                }
                std::optional<fraction> pct;
                if (const auto* c = r_.required(*mech, mat, "converts_to_percent")) pct = percentage(*c, mat.member("converts_to_percent"));
                pool_increase pool = pool_increase::included;
                cap_rules(*mech, mat, true, pool, "SAFEs");
                if (r_.problems().size() != before) continue;
                safe s = safe::post_money_fixed_percentage(holder_id(*who), *invested, *pct, *on);
                s.pool_increase = pool;
                if (sec) securities.emplace(*sec, security_rec('c', instruments.size(), share_count(1), *invested));
                safes.push_back(std::move(s));
            } else if (is_safe) {
                if (!r_.expect_object(*mech, mat, "a SAFE conversion mechanism",
                                      {"type", "conversion_discount", "conversion_valuation_cap", "exit_multiple", "conversion_mfn",
                                       "conversion_timing", "capitalization_definition", "capitalization_definition_rules"})) {
                    continue;
                }
                bool mfn = false;
                if (const auto* m = r_.required(*mech, mat, "conversion_mfn")) mfn = r_.read_bool(*m, mat.member("conversion_mfn")).value_or(false);
                safe_form form = safe_form::post_money;
                if (const auto* t = json_reader::member(*mech, "conversion_timing")) {
                    if (auto v = enumerated(*t, mat.member("conversion_timing"), {"PRE_MONEY", "POST_MONEY"}, "a conversion timing")) {
                        form = *v == "PRE_MONEY" ? safe_form::pre_money : safe_form::post_money;
                    }
                } else {
                    note("SAFEs without conversion_timing (read as POST_MONEY)", "fundround needs the capitalization a cap is measured on");
                }
                pool_increase pool = pool_increase::included;
                cap_rules(*mech, mat, form == safe_form::post_money, pool, "SAFEs");
                if (r_.problems().size() != before) continue;
                safe s;
                s.holder = holder_id(*who);
                s.purchase_amount = *invested;
                s.date = *on;
                s.form = form;
                s.valuation_cap = cap;
                s.discount = discount;
                s.mfn = mfn;
                s.pool_increase = pool;
                if (sec) securities.emplace(*sec, security_rec('c', instruments.size(), share_count(1), *invested));
                safes.push_back(std::move(s));
            } else {
                if (!r_.expect_object(*mech, mat, "a note conversion mechanism",
                                      {"type", "interest_rates", "day_count_convention", "interest_payout", "interest_accrual_period",
                                       "compounding_type", "conversion_discount", "conversion_valuation_cap", "capitalization_definition",
                                       "capitalization_definition_rules", "exit_multiple", "conversion_mfn"})) {
                    continue;
                }
                convertible_note n;
                n.holder = holder_id(*who);
                n.principal = *invested;
                n.issue_date = on.value_or(calendar_date{});
                n.valuation_cap = cap;
                n.discount = discount;
                rec.fields["annual_rate"] = mat.member("interest_rates");
                if (const auto* rates = r_.required(*mech, mat, "interest_rates")) {
                    const field_path rat = mat.member("interest_rates");
                    if (!rates->is_array()) {
                        r_.report(rat, json_value_text(*rates), "must be an array of interest rates, not " + json_type_phrase(*rates));
                    } else if (rates->size() > 1) {
                        r_.report(rat, json_value_text(*rates), "must hold at most one rate: fundround's notes accrue at one rate");
                    } else if (rates->size() == 1) {
                        const field_path one = rat.index(0);
                        rec.fields["annual_rate"] = one.member("rate");
                        if (r_.expect_object((*rates)[0], one, "an interest rate", {"rate", "accrual_start_date", "accrual_end_date"})) {
                            if (const auto* x = r_.required((*rates)[0], one, "rate")) n.annual_rate = percentage(*x, one.member("rate")).value_or(fraction());
                            if (const auto* d = r_.required((*rates)[0], one, "accrual_start_date")) {
                                if (auto start = ocf_date(*d, one.member("accrual_start_date")); start && on && *start != *on) {
                                    n.issue_date = *start;
                                    rec.fields["issue_date"] = one.member("accrual_start_date");
                                    note("notes whose interest accrues from another date than their issuance (read as the issue date)",
                                         "fundround's interest accrues from the issue date");
                                }
                            }
                            // OCF's accrual_end_date is the "end date (inclusive)" of accrual: read
                            // as fundround's accrual from the start to that date (the day count's
                            // days between them, the end day counted, the start day not). On the
                            // maturity date it is the note's interest_accrues = to_maturity;
                            // another end date is not modelled.
                            if (const auto* e = json_reader::member((*rates)[0], "accrual_end_date")) {
                                if (const auto end = ocf_date(*e, one.member("accrual_end_date"))) {
                                    if (maturity && *end == *maturity) {
                                        n.interest_accrues = note_interest_accrual::to_maturity;
                                        rec.fields["interest_accrues"] = one.member("accrual_end_date");
                                    } else {
                                        note("accrual_end_date of interest rates other than the note's maturity date (read as none)",
                                             "fundround's interest accrues to the conversion date or to maturity");
                                    }
                                }
                            }
                        }
                    }
                }
                std::string compounding;
                if (const auto* c = r_.required(*mech, mat, "compounding_type")) {
                    compounding = enumerated(*c, mat.member("compounding_type"), {"COMPOUNDING", "SIMPLE"}, "a compounding type").value_or("");
                }
                n.method = compounding == "COMPOUNDING" ? interest_method::compound : interest_method::simple;
                if (const auto* p = r_.required(*mech, mat, "interest_accrual_period")) {
                    if (auto v = enumerated(*p, mat.member("interest_accrual_period"), {"DAILY", "MONTHLY", "QUARTERLY", "SEMI_ANNUAL", "ANNUAL"},
                                            "an accrual period")) {
                        if (*v == "MONTHLY") n.period = compounding_period::monthly;
                        if (*v == "QUARTERLY") n.period = compounding_period::quarterly;
                        if (*v == "SEMI_ANNUAL") n.period = compounding_period::semiannually;
                        if (*v == "DAILY") {
                            if (compounding == "COMPOUNDING") {
                                r_.report(mat.member("interest_accrual_period"), json_value_text(*p),
                                          "cannot compound daily: fundround compounds annually, semiannually, quarterly or monthly");
                            } else {
                                note("DAILY accrual periods of simple-interest notes (read as ANNUAL)", "simple interest does not depend on the period");
                            }
                        }
                    }
                }
                if (const auto* d = r_.required(*mech, mat, "day_count_convention")) {
                    if (auto v = enumerated(*d, mat.member("day_count_convention"), {"ACTUAL_365", "30_360"}, "a day count")) {
                        n.day_count = *v == "30_360" ? note_day_count::thirty_360_us : note_day_count::actual_365_fixed;
                    }
                }
                if (const auto* p = r_.required(*mech, mat, "interest_payout")) {
                    if (auto v = enumerated(*p, mat.member("interest_payout"), {"DEFERRED", "CASH"}, "an interest payout")) {
                        if (*v == "CASH") {
                            r_.report(mat.member("interest_payout"), json_value_text(*p),
                                      "must be DEFERRED: fundround's notes convert their accrued interest (interest paid in cash is not modelled)");
                        }
                    }
                }
                if (const auto* m = json_reader::member(*mech, "conversion_mfn")) {
                    if (r_.read_bool(*m, mat.member("conversion_mfn")).value_or(false)) note("MFN notes", "fundround's notes have no MFN term");
                }
                bool post_money = false;
                if (const auto* rules = json_reader::member(*mech, "capitalization_definition_rules")) {
                    if (rules->is_object() && rules->find("include_other_converting_securities") != rules->end() &&
                        (*rules)["include_other_converting_securities"].is_boolean()) {
                        post_money = (*rules)["include_other_converting_securities"].get<bool>();
                    }
                }
                n.cap_form = post_money ? safe_form::post_money : safe_form::pre_money;
                // Only a capped note has a cap to divide a count of its own: an uncapped note's
                // rules matter to nothing it converts on (listed as before when they are not its
                // form's).
                cap_rules(*mech, mat, post_money, n.pool_increase, "notes", n.valuation_cap ? &n.cap_basis : nullptr);
                if (maturity) {
                    n.maturity_date = *maturity;
                    rec.fields["maturity_date"] = maturity_at;
                } else if (r_.problems().size() == before) {
                    r_.report(at.member("conversion_triggers"), "",
                              "must hold an AUTOMATIC_ON_DATE trigger: its trigger_date is the note's maturity date, which fundround needs");
                }
                if (r_.problems().size() != before) continue;
                if (sec) securities.emplace(*sec, security_rec('c', instruments.size(), share_count(1), *invested));
                notes.push_back(std::move(n));
            }
            instruments.push_back(std::move(rec));
        } else if (const consuming* c = tx_consuming[tx_n];
                   c != nullptr && type != "TX_EQUITY_COMPENSATION_REPRICING" && type != "TX_STOCK_PLAN_RETURN_TO_POOL") {
            // A transaction that takes from a security: one routine for every kind.
            std::vector<const char*> names = {"object_type", "id", "comments", c->sources, "date"};
            if (c->amount != nullptr) names.push_back(c->amount);
            if (c->results != nullptr) names.push_back(c->results);
            if (c->balance) names.push_back("balance_security_id");
            std::vector<std::string> extra;
            for (const char* m : c->members) {
                if (m == nullptr) continue;
                std::string name(m + (*m == '*' ? 1 : 0));
                extra.push_back(name.substr(0, name.find(':')));
            }
            for (const std::string& e : extra) names.push_back(e.c_str());
            expect(*item, at, c->object, names);
            transaction_head(*item, at);
            note_comments(*item, c->on);
            for (std::size_t k = 0; k < extra.size(); ++k) {
                const char* spec = c->members[k];
                const char* form = std::strchr(spec, ':');
                const json* v = *spec == '*' ? r_.required(*item, at, extra[k].c_str()) : json_reader::member(*item, extra[k].c_str());
                if (v == nullptr) continue;
                const field_path mat = at.member(extra[k]);
                bool read = false;
                if (form == nullptr) {
                    read = r_.read_string(*v, mat).has_value();
                } else if (form[1] == 'm') {
                    read = monetary(*v, mat).has_value();
                } else if (form[1] == 'd') {
                    read = ocf_date(*v, mat).has_value();
                } else if (form[1] == 'n') {
                    read = numeric(*v, mat).has_value();
                } else if (!(read = v->is_object())) {
                    r_.report(mat, json_value_text(*v), "must be an object, not " + json_type_phrase(*v));
                }
                if (read) {
                    note(extra[k] + " of " + c->on,
                         extra[k] == "reason_text" ? "fundround keeps no reasons" : "fundround keeps what a transaction moves, not its prices, texts or terms");
                }
            }
            std::optional<share_count> q;
            std::optional<money> whole;
            if (c->amount != nullptr) {
                if (const auto* m = r_.required(*item, at, c->amount)) {
                    if (c->kind == 'c') {
                        whole = amount(*m, at.member(c->amount));
                    } else {
                        q = shares(*m, at.member(c->amount));
                    }
                }
            }
            if (c->results != nullptr && results_one(*c)) {
                if (const auto* rj = r_.required(*item, at, c->results)) (void)r_.read_string(*rj, at.member(c->results));
            } else if (c->results != nullptr) {
                if (const auto* rj = r_.required(*item, at, "resulting_security_ids")) {
                    if (!rj->is_array()) {
                        r_.report(at.member("resulting_security_ids"), json_value_text(*rj), "must be an array of security ids, not " + json_type_phrase(*rj));
                    } else {
                        for (std::size_t k = 0; k < rj->size(); ++k) (void)r_.read_string((*rj)[k], at.member("resulting_security_ids").index(k));
                    }
                }
            }
            if (const json* b = json_reader::member(*item, "balance_security_id");
                b != nullptr && c->kind == 'c' && c->what == effect::move && c->result_kind != 'c') {
                r_.report(at.member("balance_security_id"), json_value_text(*b),
                          std::string("names a balance: fundround does not model partial ") + c->on + " of convertibles (" + c->verb +
                              " the whole investment)");
            }
            // The sources are required like the result: both missing, both reported.
            const json* list = r_.required(*item, at, c->sources);
            if (r_.problems().size() != before) continue;
            if (sources_many(*c)) {
                // A consolidation: every security taken whole, into one resulting issuance of the
                // same stakeholder and class (checked with the other resulting issuances below).
                const field_path list_at = at.member(c->sources);
                if (!list->is_array() || list->empty()) {
                    r_.report(list_at, json_value_text(*list),
                              "must be a non-empty array of security ids, not " + (list->is_array() ? std::string("an empty array") : json_type_phrase(*list)));
                    continue;
                }
                std::vector<std::pair<security_rec*, field_path>> from;
                std::set<std::string_view> seen;  // the ids so far: a long list is checked in n log n, not n squared
                for (std::size_t k = 0; k < list->size(); ++k) {
                    const json& sid = (*list)[k];
                    const field_path sid_at = list_at.index(k);
                    if (sid.is_string() && !seen.insert(sid.get_ref<const std::string&>()).second) {
                        r_.report(sid_at, json_value_text(sid), "appears twice: a consolidation takes each security once");
                        continue;
                    }
                    security_rec* s = source_at(sid, sid_at, "s", kind_noun('s'));
                    if (s == nullptr) continue;
                    if (s->remaining.value() == 0) {
                        report_spent(sid, sid_at);
                        continue;
                    }
                    if (!from.empty()) {
                        const holding_rec& first = holdings[from.front().first->index];
                        const holding_rec& h = holdings[s->index];
                        if (h.holder != first.holder) {
                            r_.report(sid_at, json_value_text(sid),
                                      "is held by stakeholder " + quoted_text(h.holder) + ", not " + quoted_text(first.holder) + " who holds " +
                                          from.front().second.json_pointer() +
                                          ": a consolidation merges one stakeholder's positions (a transfer moves shares to another)");
                            continue;
                        }
                        if (h.class_index != first.class_index) {
                            r_.report(sid_at, json_value_text(sid),
                                      "is stock of class " + quoted_text(classes[h.class_index].id) + ", not " +
                                          quoted_text(classes[first.class_index].id) + " as " + from.front().second.json_pointer() +
                                          ": a consolidation merges positions in one class (a conversion changes the class)");
                            continue;
                        }
                    }
                    from.emplace_back(s, sid_at);
                }
                if (r_.problems().size() != before) continue;
                share_count total;
                for (const auto& [s, sid_at] : from) {
                    const share_count all = s->remaining;
                    reduce(*s, all);
                    add_shares(total, all, sid_at);
                }
                moved.emplace(tx_n, std::make_pair(total, share_count()));
                consolidated.emplace(tx_n, from.front().first->index);
                continue;
            }
            security_rec* s = source_at(*list, at.member(c->sources), std::string(1, c->kind).c_str(), kind_noun(c->kind));
            if (s == nullptr) continue;
            if (c->kind == 'c' && s->remaining.value() == 0) {
                report_spent(*list, at.member(c->sources));  // before its amount: there is nothing to take part of
                continue;
            }
            tx_class[tx_n] = class_of(*s);
            if (whole && *whole != s->amount) {
                // A transfer of part of the investment: the rest is issued to the holder under the
                // balance's own TX_CONVERTIBLE_ISSUANCE (checked at the end, with the results).
                const bool transfer = c->what == effect::move && c->result_kind == 'c';
                const json* bal = transfer ? json_reader::member(*item, "balance_security_id") : nullptr;
                const bool less = whole->currency() == s->amount.currency() && whole->is_positive() && *whole < s->amount;
                const bool part = bal != nullptr && less;
                if (transfer && !less) {
                    // Not a part at all (nothing, a negative amount, more than the investment,
                    // another currency): a balance_security_id cannot help, so the rule is the
                    // amount's own.
                    r_.report(at.member(c->amount), format_full(*whole),
                              "must be positive, in " + std::string(s->amount.currency().code()) +
                                  " and at most the convertible's investment " + format_full(s->amount) +
                                  " (all of it, or less with a balance_security_id for the rest)");
                    continue;
                }
                if (!part) {
                    r_.report(at.member(c->amount), format_full(*whole),
                              std::string("must ") + c->verb + " the whole investment " + format_full(s->amount) +
                                  (transfer ? ", or less with a balance_security_id for the rest"
                                                         : std::string(": fundround does not model partial ") + c->on + " of convertibles"));
                    continue;
                }
                if (bal->is_string() && issued_by(bal->get_ref<const std::string&>()) == npos) {
                    r_.report(at.member("balance_security_id"), json_value_text(*bal),
                              "names no issuance: the rest of the convertible, " + format_full(s->amount - *whole) +
                                  ", is a TX_CONVERTIBLE_ISSUANCE of its own with this security_id");
                    if (s->remaining.value() > 0) {
                        // The part transferred is still taken and compared with the transferees'
                        // issuances (every problem in one run); consume() would read the id as
                        // naming the rest.
                        transferred_part.emplace(tx_n, *whole);
                        reduce(*s, s->remaining);
                        moved_investment.emplace(tx_n, std::make_pair(s->amount, std::vector<money>()));
                    }
                    continue;
                }
                transferred_part.emplace(tx_n, *whole);
            }
            const auto taken = consume(*s, q, *item, at, c->amount != nullptr ? at.member(c->amount) : at.member("security_id"),
                                       item->at("security_id"), at.member("security_id"));
            if (!taken) continue;
            plan_rec* plan = s->plan ? &plans[*s->plan] : nullptr;
            if (c->what == effect::cancel) {
                // An option's or RSU's reserved shares follow the plan's
                // default_cancellation_behavior (RETURN_TO_POOL: back in the pool; else out of it)
                // until a TX_STOCK_PLAN_RETURN_TO_POOL routes them.
                if (plan != nullptr && s->kind == 'g') {
                    s->in_pool = plan->behavior == "RETURN_TO_POOL";
                    if (!s->in_pool) add_shares(plan->used, *taken, at.member(c->amount));
                }
                add_shares(s->unrouted, *taken, at.member(c->amount));
            } else if (c->what == effect::retract && plan != nullptr && s->counted) {
                plan->used -= *taken;  // the issuance is undone: its shares were never issued from the plan
            } else if (c->what == effect::exercise && plan != nullptr) {
                add_shares(plan->used, *taken, at.member(c->amount));  // issued from the reserve once, here
            }
            if (c->conserves) moved.emplace(tx_n, std::make_pair(*taken, share_count()));
            if (c->results != nullptr && !c->conserves && item->at(c->results).empty()) {
                // OCF allows an exercise, conversion or release that results in nothing: said, not
                // dropped silently.
                per_item.push_back(std::string("The ") + (std::strchr(c->object, ' ') + 1) + " " + at.json_pointer() +
                                   " has no resulting_security_ids: " +
                                   (c->kind == 'c' ? "the convertible it takes leaves the cap table"
                                                   : "the " + std::to_string(taken->value()) + " shares it takes leave the cap table") +
                                   ", and no shares are issued for them.");
            }
            if (c->kind == 'c' && c->results && c->result_kind == 'c') moved_investment.emplace(tx_n, std::make_pair(s->amount, std::vector<money>()));
        } else if (type == "TX_EQUITY_COMPENSATION_REPRICING") {
            expect(*item, at, "an equity compensation repricing", {"object_type", "id", "comments", "date", "security_id", "new_exercise_price"});
            transaction_head(*item, at);
            note_comments(*item, "repricings");
            std::optional<price_per_share> p;
            if (const auto* m = r_.required(*item, at, "new_exercise_price")) p = price(*m, at.member("new_exercise_price"));
            if (r_.problems().size() != before) continue;
            security_rec* s = source(*item, at, "g", kind_noun('g'));
            if (s == nullptr) continue;
            if (s->index == npos) {
                note("repricings of awards that are not on the cap table", "fundround's grants are options from a pool");
            } else if (grants[s->index]) {
                grants[s->index]->price = *p;
            }
        } else if (type == "TX_STOCK_PLAN_RETURN_TO_POOL") {
            expect(*item, at, "a return to pool", {"object_type", "id", "comments", "security_id", "date", "quantity", "reason_text", "stock_plan_id"});
            transaction_head(*item, at);
            note_comments(*item, "returns to pool");
            if (const auto* t = r_.required(*item, at, "reason_text")) {
                if (r_.read_string(*t, at.member("reason_text"))) note("reason_text of returns to pool", "fundround keeps no reasons");
            }
            std::optional<share_count> q;
            if (const auto* m = r_.required(*item, at, "quantity")) q = shares(*m, at.member("quantity"));
            std::optional<std::size_t> to;
            if (const auto* pj = r_.required(*item, at, "stock_plan_id")) to = plan_ref(*pj, at);
            if (r_.problems().size() != before) continue;
            security_rec* s = source(*item, at, "sg", "stock or equity compensation issuance");
            if (s == nullptr) continue;
            if (q->value() <= 0 || *q > s->unrouted) {
                r_.report(at.member("quantity"), std::to_string(q->value()),
                          "must be positive and at most the " + std::to_string(s->unrouted.value()) +
                              " shares cancelled or repurchased from the security and not yet returned to a pool");
                continue;
            }
            // A reserve holds shares of its plan's class: a share of another class is not one of
            // them (a repurchased Seed share converts into 7/5 common, say).
            const std::optional<std::size_t> from_class =
                s->kind == 's' ? std::optional<std::size_t>(holdings[s->index].class_index) : s->plan ? std::optional<std::size_t>(plans[*s->plan].class_index) : std::nullopt;
            if (from_class && *from_class != plans[*to].class_index) {
                r_.report(at.member("stock_plan_id"), json_value_text(item->at("stock_plan_id")),
                          "names a plan of class " + quoted_text(classes[plans[*to].class_index].id) + ", but the shares are of class " +
                              quoted_text(classes[*from_class].id) + ": shares return to a pool of their own class");
                continue;
            }
            s->unrouted -= *q;
            if (s->in_pool && s->plan) add_shares(plans[*s->plan].used, *q, at.member("quantity"));  // back in its pool already: moved
            add_shares(plans[*to].returned, *q, at.member("quantity"));
        } else if (type == "TX_STOCK_PLAN_POOL_ADJUSTMENT") {
            expect(*item, at, "a stock plan pool adjustment",
                   {"object_type", "id", "comments", "date", "stock_plan_id", "board_approval_date", "stockholder_approval_date", "shares_reserved"});
            transaction_head(*item, at);
            note_members(*item, {"board_approval_date", "stockholder_approval_date"}, "pool adjustments", "fundround records no approvals");
            note_comments(*item, "pool adjustments");
            std::optional<share_count> q;
            if (const auto* m = r_.required(*item, at, "shares_reserved")) q = shares(*m, at.member("shares_reserved"));
            const json* p = r_.required(*item, at, "stock_plan_id");
            if (p == nullptr || !q) continue;
            if (const auto plan = plan_ref(*p, at)) {
                plans[*plan].authorized = *q;
                plans[*plan].authorized_at = at.member("shares_reserved");
            }
        } else if (type == "TX_STOCK_CLASS_SPLIT" || type == "TX_STOCK_CLASS_CONVERSION_RATIO_ADJUSTMENT") {
            const bool split = type == "TX_STOCK_CLASS_SPLIT";
            const char* member = split ? "split_ratio" : "new_ratio_conversion_mechanism";
            expect(*item, at, split ? "a stock class split" : "a stock class conversion ratio adjustment",
                   {"object_type", "id", "comments", "date", "stock_class_id", member});
            transaction_head(*item, at);
            note_comments(*item, split ? "splits" : "conversion ratio adjustments");
            const auto cls = class_ref(*item, at, "stock_class_id");
            const json* m = r_.required(*item, at, member);
            field_path rat = at.member(member);
            std::optional<fraction> r;
            if (m != nullptr && split) {
                r = ratio(*m, rat);
            } else if (m != nullptr && r_.expect_object(*m, rat, "a ratio conversion mechanism", {"type", "conversion_price", "ratio", "rounding_type"})) {
                if (const auto* t = r_.required(*m, rat, "type")) {
                    if (enumerated(*t, rat.member("type"), {"RATIO_CONVERSION"}, "a stock class's conversion mechanism")) r = ratio_mechanism(*m, rat);
                }
                rat = rat.member("ratio");
            }
            if (r && r->sign() <= 0) {
                r_.report(rat, json_value_text(split ? *m : m->at("ratio")), "must be positive");
                continue;
            }
            if (r_.problems().size() != before || !cls || !r) continue;
            class_rec& k = classes[*cls];
            if (!split) {
                if (!k.preferred) {
                    r_.report(at.member("stock_class_id"), json_value_text(item->at("stock_class_id")),
                              "must name a PREFERRED class: fundround converts preferred into common at a ratio");
                } else if (k.value) {
                    k.value = k.value->with_conversion_ratio(*r);
                    k.ratio_at = rat;
                }
                continue;
            }
            // A split multiplies each outstanding stock security of the class by the ratio,
            // exactly, and, as the adjustment clauses of a plan, a warrant and a charter provide
            // (OCF's split names only the class): the reserve of each plan of the class, the
            // options and awards from it and the warrants for the class, whose exercise prices are
            // divided by the ratio, and the conversion ratio of each preferred series converting
            // into the class (its conversion price divided by the ratio); a preferred class's own
            // issue price and conversion ratio (below).
            // @p n shares of @p what times the ratio: whole, or a problem (nothing is rounded).
            // (@p quiet: a security whose grant or warrant below says the same, once.)
            const auto times_ratio = [&](share_count n, const std::string& what, bool quiet = false) -> std::optional<share_count> {
                fraction after;
                try {
                    after = *r * fraction(n.value());
                } catch (const error& e) {
                    if (!quiet) r_.report(rat, json_value_text(*m), std::string("is out of range: ") + detail::reason_of(e));
                    return std::nullopt;
                }
                if (quiet && !(after.is_integer() && after.numerator() <= int64_max)) return std::nullopt;
                if (after.is_integer() && after.numerator() > int64_max) {
                    // Whole, but past a share count: not a fractional result, and not to be called
                    // one.
                    r_.report(rat, json_value_text(*m),
                              "gives the " + std::to_string(n.value()) + " shares of " + what + " " + after.to_string() +
                                  " shares: out of range (a share count must fit 64 bits)");
                    return std::nullopt;
                }
                if (!after.is_integer()) {
                    r_.report(rat, json_value_text(*m),
                              "gives the " + std::to_string(n.value()) + " shares of " + what + " " + after.to_string() +
                                  " shares: fundround does not model fractional shares and rounds none (a split must give whole shares)");
                    return std::nullopt;
                }
                return share_count(static_cast<std::int64_t>(after.numerator()));
            };
            // A price per share (an exercise or issue price, @p what) divided by the ratio,
            // exactly.
            const auto price_over_ratio = [&](const price_per_share& pr, const char* what = "exercise price") -> std::optional<price_per_share> {
                try {
                    const fraction units = pr.units_per_share() / *r;
                    if (units.numerator() <= int64_max && units.denominator() <= int64_max) {
                        return price_per_share(money::from_units(static_cast<std::int64_t>(units.numerator()), pr.currency()),
                                               share_count(static_cast<std::int64_t>(units.denominator())));
                    }
                } catch (const error&) {
                }
                r_.report(rat, json_value_text(*m), std::string("divides the ") + what + " " + pr.display_string() + " past what fundround holds exactly");
                return std::nullopt;
            };
            const auto of_class = [&](const security_rec& s) {
                if (s.kind == 's') return holdings[s.index].class_index == *cls;
                if (s.kind == 'g') return s.plan && plans[*s.plan].class_index == *cls;
                return s.kind == 'w' && s.index != npos && warrants[s.index] && warrants[s.index]->class_index == *cls;
            };
            for (auto& [sid, s] : securities) {
                if (!of_class(s)) continue;
                if (s.unrouted.value() > 0) {
                    if (const auto now = times_ratio(s.unrouted, "security " + quoted_text(sid) + " cancelled and not yet returned")) s.unrouted = *now;
                }
                if (s.remaining.value() == 0) continue;
                const bool told_below = s.index != npos && ((s.kind == 'g' && grants[s.index]) || (s.kind == 'w' && warrants[s.index]));
                const auto now = times_ratio(s.remaining, "security " + quoted_text(sid), told_below);
                if (!now) continue;
                if (s.kind == 's') {
                    holdings[s.index].shares -= s.remaining;
                    add_shares(holdings[s.index].shares, *now, rat);
                }
                s.remaining = *now;
            }
            for (auto& g : grants) {
                if (!g || plans[g->plan].class_index != *cls) continue;
                const auto now = times_ratio(g->shares, "the option grant " + g->at.json_pointer());
                const auto price = price_over_ratio(g->price);
                if (now && price) {
                    g->shares = *now;
                    g->price = *price;
                }
            }
            for (auto& w : warrants) {
                if (!w || w->class_index != *cls) continue;
                const auto now = times_ratio(w->shares, "the warrant " + w->at.json_pointer());
                const auto price = price_over_ratio(w->price);
                if (now && price) {
                    w->shares = *now;
                    w->price = *price;
                }
            }
            // A preferred series' own split, as the charter's adjustment clauses provide (the NVCA
            // model's "Original Issue Price ... subject to appropriate adjustment in the event of
            // any stock split"): its original issue price and its conversion ratio are divided by
            // the ratio, so that each holder's preference, dividends, cap and as-converted shares
            // stay what they were.
            if (k.preferred && k.value) {
                const auto issue_price = price_over_ratio(*k.value->original_issue_price(), "original issue price");
                try {
                    if (issue_price) {
                        k.value = share_class::preferred(k.value->name(), *issue_price, k.value->terms())
                                      .with_conversion_ratio(k.value->conversion_ratio() / *r);
                    }
                } catch (const error& e) {
                    r_.report(rat, json_value_text(*m), "divides the conversion ratio of " + quoted_text(k.id) + " out of range: " + detail::reason_of(e));
                }
            }
            // The series converting into the class follow a split that applied; one that gave a
            // share count out of range or fractional is reported above, and is not half applied
            // here too (a multiplied ratio would overflow the fully diluted count: a second message
            // of one fault).
            const bool split_whole = r_.problems().size() == before;
            std::optional<std::size_t> first_common;  // a series without converts_to_stock_class_id converts into it
            for (std::size_t i = 0; i < classes.size() && !first_common; ++i) {
                if (!classes[i].preferred) first_common = i;
            }
            for (class_rec& series : classes) {
                if (!split_whole || !series.preferred || !series.value) continue;
                if (series.converts_to ? series.converts_to->first != k.id : first_common != *cls) continue;
                try {
                    series.value = series.value->with_conversion_ratio(series.value->conversion_ratio() * *r);
                } catch (const error& e) {
                    r_.report(rat, json_value_text(*m), "multiplies the conversion ratio of " + quoted_text(series.id) + " out of range: " + detail::reason_of(e));
                }
            }
            for (plan_rec& pl : plans) {
                if (pl.class_index != *cls) continue;
                const std::string what = "the reserve of stock plan " + quoted_text(pl.name);
                const auto authorized = times_ratio(pl.authorized, what);
                const auto used = times_ratio(pl.used, what + " issued or retired");
                const auto returned = times_ratio(pl.returned, what + " returned to it");
                if (authorized && used && returned) {
                    pl.authorized = *authorized;
                    pl.used = *used;
                    pl.returned = *returned;
                }
            }
        } else if (type == "TX_STOCK_ACCEPTANCE" || type == "TX_EQUITY_COMPENSATION_ACCEPTANCE" || type == "TX_PLAN_SECURITY_ACCEPTANCE" ||
                   type == "TX_WARRANT_ACCEPTANCE" || type == "TX_CONVERTIBLE_ACCEPTANCE" || type == "TX_VESTING_START" ||
                   type == "TX_VESTING_EVENT" || type == "TX_VESTING_ACCELERATION" || type == "CE_STAKEHOLDER_RELATIONSHIP" ||
                   type == "CE_STAKEHOLDER_STATUS" || type == "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT" ||
                   type == "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT") {
            note(type + " transactions", "they change no count fundround models (acceptances, vesting, status, authorized shares)");
        } else {
            r_.report(at.member("object_type"), json_value_text(*type_j),
                      "is not supported: fundround replays OCF's issuances, cancellations, transfers, conversions, exercises, "
                      "repurchases, retractions, reissuances, releases, consolidations, returns to pool, pool and conversion ratio "
                      "adjustments, splits and repricings; export this one's result as a snapshot");
        }
    }
    note_rank_ = n_tx + 1;
    for (const std::vector<diagnostic>& problems : tx_problems) {
        for (const diagnostic& d : problems) r_.report(d.field, d.value, d.rule);
    }
    // Each resulting security is issued in the file, by an issuance of the kind its transaction
    // results in; a transfer's or reissuance's resulting issuances hold what it took.
    for (std::size_t n = 0; n < n_tx; ++n) {
        const consuming* c = tx_consuming[n];
        bool found = true;
        // Only a conversion changes the class: the stock, options or warrants a transfer, a
        // reissuance, an exercise or a release issues, and a balance, are of (or for) the class of
        // what the transaction took (an option's: its plan's).
        const bool keeps_class = c != nullptr && std::string_view(c->verb) != "convert" && tx_class[n] != npos;
        const auto check_class = [&](const std::string& sid, const field_path& ref, bool balance) {
            const auto s = securities.find(sid);
            if (!keeps_class || s == securities.end()) return;
            const std::size_t k = class_of(s->second);
            if (k == npos || k == tx_class[n]) return;
            const char kind = balance ? c->kind : c->result_kind;
            const std::string what = kind == 's' ? "stock" : kind == 'g' ? "equity compensation" : "warrants";
            r_.report(ref, quoted_text(sid),
                      "names " + tx_items[issued_by(sid)].second.json_pointer() + ", " + what + " of class " + quoted_text(classes[k].id) + ": " +
                          (balance ? "the balance stays in the class of what " + std::string(c->object) + " takes"
                                   : std::string(c->object) + " issues " + what + " of the class of what it takes") +
                          ", " + quoted_text(classes[tx_class[n]].id) + " (only a conversion changes the class)");
        };
        for (const auto& [sid, ref] : tx_results[n]) {
            const std::size_t it = issued_by(sid);
            if (it == npos) {
                r_.report(ref, quoted_text(sid), "names no issuance in the transactions: the " + issuance_name(c->result_kind) + " with this security_id is missing");
                found = false;
            } else if (issuance_kind(tx_type[it]) != c->result_kind) {
                r_.report(ref, quoted_text(sid),
                          "names the " + std::string(tx_type[it]) + " " + tx_items[it].second.json_pointer() + ": " + c->object +
                              " results in a " + issuance_name(c->result_kind));
                found = false;
            } else if (securities.count(sid) == 0) {
                found = false;  // not read: its own problems are reported, the totals are not compared
            } else {
                check_class(sid, ref, false);
            }
        }
        const auto into = consolidated.find(n);
        if (found && into != consolidated.end() && !tx_results[n].empty()) {
            // One resulting issuance, read after the consolidation: it must hold the same position.
            const auto& [sid, ref] = tx_results[n].front();
            const auto s = securities.find(sid);
            if (s != securities.end() && s->second.index != into->second) {
                const holding_rec& h = holdings[s->second.index];
                const holding_rec& was = holdings[into->second];
                r_.report(ref, quoted_text(sid),
                          "names " + tx_items[issued_by(sid)].second.json_pointer() + ", stock of stakeholder " + quoted_text(h.holder) +
                              " in class " + quoted_text(classes[h.class_index].id) + ": the consolidated securities are " +
                              quoted_text(was.holder) + "'s in class " + quoted_text(classes[was.class_index].id) +
                              ", and a consolidation keeps the stakeholder and the class");
                found = false;
            }
        }
        // A balance issuance is of its security's kind.
        if (const auto& b = tx_balance[n]) {
            const std::size_t it = issued_by(b->first);
            if (it != npos && issuance_kind(tx_type[it]) != c->kind) {
                r_.report(b->second, quoted_text(b->first),
                          "names the " + std::string(tx_type[it]) + " " + tx_items[it].second.json_pointer() +
                              ": the balance of a security is issued as one of its kind, a " + issuance_name(c->kind));
            } else if (it != npos) {
                check_class(b->first, b->second, true);
            }
        }
        // The balance is compared whether or not the transferees' issuances were read: it is a
        // problem of its own.
        if (const auto mi = moved_investment.find(n); mi != moved_investment.end()) {
            const auto part = transferred_part.find(n);
            const auto rest = balance_investment.find(n);
            const money whole = mi->second.first;
            const money taken = part != transferred_part.end() ? part->second : whole;
            // At the balance_security_id, with its value: the issuance it names is the one that is
            // wrong.
            const std::string balance_id = tx_balance[n] ? quoted_text(tx_balance[n]->first) : std::string();
            if (part != transferred_part.end() && rest != balance_investment.end() && rest->second != whole - taken) {
                r_.report(tx_items[n].second.member("balance_security_id"), balance_id,
                          "the balance issuance invests " + format_full(rest->second) + ", not the " + format_full(whole - taken) +
                              " that remains of the convertible's " + format_full(whole));
            } else if (part == transferred_part.end() && rest != balance_investment.end()) {
                r_.report(tx_items[n].second.member("balance_security_id"), balance_id,
                          "names a balance issuance, but the transfer takes the whole investment: there is no rest to hold");
            }
            std::optional<money> total = money::zero(taken.currency());
            try {
                for (const money& a : mi->second.second) *total += a;
            } catch (const error&) {
                total.reset();  // another currency (or out of range)
            }
            if (found && (!total || *total != taken)) {
                r_.report(tx_items[n].second.member("resulting_security_ids"), "",
                          (total ? "the resulting issuances invest " + format_full(*total) + ", not the "
                                 : std::string("the resulting issuances do not invest the ")) +
                              format_full(taken) + " the " + c->verb + " takes from the convertible");
            }
        }
        const auto m = moved.find(n);
        if (found && m != moved.end() && m->second.first != m->second.second) {
            r_.report(tx_items[n].second.member(c->results), "",
                      results_one(*c) ? "the resulting issuance holds " + std::to_string(m->second.second.value()) + " shares, not the " +
                                            std::to_string(m->second.first.value()) + " of the securities it consolidates"
                                      : "the resulting issuances hold " + std::to_string(m->second.second.value()) + " shares, not the " +
                                            std::to_string(m->second.first.value()) + " the " + c->verb + " takes from the security");
        }
    }
    // Valuations: a price per share of a class from an effective date (409A).
    struct valuation_rec {
        std::size_t class_index;
        price_per_share price;
        calendar_date effective;
        std::string provider;
        std::optional<calendar_date> board;
        std::optional<calendar_date> stockholders;
        field_path at;
    };
    std::vector<valuation_rec> valuation_recs;
    std::map<std::string, field_path> valuation_ids;
    for (const auto& [item, at] : items_of("valuations")) {
        if (!r_.expect_object(*item, at, "an OCF valuation",
                              {"object_type", "id", "comments", "provider", "board_approval_date", "stockholder_approval_date",
                               "price_per_share", "effective_date", "stock_class_id", "valuation_type"})) {
            continue;
        }
        const std::size_t before = r_.problems().size();
        (void)object_type(*item, at, {"VALUATION"});
        if (const auto vid = id(*item, at)) {
            const auto [it, fresh] = valuation_ids.emplace(*vid, at);
            if (!fresh) {
                r_.report(at.member("id"), json_value_text(item->at("id")),
                          "duplicates the id of " + it->second.json_pointer() + "; a valuation appears once");
            }
        }
        const auto cls = class_ref(*item, at, "stock_class_id");
        std::optional<price_per_share> p;
        if (const auto* m = r_.required(*item, at, "price_per_share")) p = price(*m, at.member("price_per_share"));
        std::optional<calendar_date> effective;
        if (const auto* m = r_.required(*item, at, "effective_date")) effective = ocf_date(*m, at.member("effective_date"));
        if (const auto* t = r_.required(*item, at, "valuation_type")) (void)enumerated(*t, at.member("valuation_type"), {"409A"}, "a valuation type");
        std::string provider;
        if (const auto* m = json_reader::member(*item, "provider")) provider = r_.read_string(*m, at.member("provider")).value_or("");
        std::optional<calendar_date> board;
        if (const auto* m = json_reader::member(*item, "board_approval_date")) board = ocf_date(*m, at.member("board_approval_date"));
        std::optional<calendar_date> stockholders;
        if (const auto* m = json_reader::member(*item, "stockholder_approval_date")) {
            stockholders = ocf_date(*m, at.member("stockholder_approval_date"));
        }
        note_comments(*item, "valuations");
        if (r_.problems().size() != before || !cls || !p || !effective) continue;
        valuation_recs.push_back({*cls, *p, *effective, std::move(provider), board, stockholders, at});
    }
    for (const listed_file& l : listed) {
        if (l.kind == "stakeholders" || l.kind == "stock_classes" || l.kind == "stock_plans" || l.kind == "transactions" ||
            l.kind == "valuations") {
            continue;
        }
        const std::size_t n = pkg.find(l.name)->at("items").size();
        if (n == 0) continue;
        const std::string what = l.kind == "vesting_terms" ? "vesting terms"
                                 : l.kind == "stock_legend_templates" ? "stock legend templates"
                                                                      : l.kind;
        per_item.push_back(std::to_string(n) + " " + what + " in " + l.name + " are not read: fundround's cap table holds no " + what + ".");
    }
    // The cap table from the items read without problems (so that its rules are checked too),
    // its problems mapped back to the OCF pointers.
    cap_table_builder b;
    b.currency(table_currency.value_or(issuance_currency.value_or(currency("USD"))));
    std::vector<const stakeholder_rec*> holder_recs;
    for (const stakeholder_rec& s : stakeholders) {
        if (!s.ok) continue;
        b.add(holder(holder_id(s.id), s.name, s.kind));
        holder_recs.push_back(&s);
    }
    const auto holder_ok = [&](const std::string& sid) { return stakeholders[stakeholder_at.at(sid)].ok; };
    std::vector<field_path> class_paths;
    std::vector<field_path> ratio_paths;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (!classes[i].value) continue;
        b.add(*classes[i].value);
        class_paths.push_back(classes[i].at);
        ratio_paths.push_back(classes[i].ratio_at);
    }
    const auto class_name = [&](std::size_t i) { return classes[i].value ? classes[i].value->name() : classes[i].id; };
    std::vector<const plan_rec*> pool_recs;
    for (plan_rec& p : plans) {
        if (!p.ok || !classes[p.class_index].value) continue;
        // The pool: the reserve, less what was issued from it (restricted stock, exercises,
        // releases) or retired, plus what returned to it from elsewhere.
        const share_count reserve = p.authorized + p.returned;
        if (p.used.value() > 0 && reserve <= p.used) {
            const std::size_t index = static_cast<std::size_t>(&p - plans.data());
            const bool granted = std::any_of(grants.begin(), grants.end(), [&](const auto& g) { return g && g->plan == index; });
            if (reserve == p.used && !granted) {
                per_item.push_back("The stock plan " + p.at.json_pointer() + " (" + quoted_text(p.name) + ") has issued or retired all of its " +
                                   std::to_string(reserve.value()) + " reserved shares and has no options outstanding: it is not on the "
                                   "cap table (a fundround pool reserves a positive number of shares).");
                continue;
            }
            r_.report(p.authorized_at, std::to_string(p.authorized.value()),
                      "the plan's issued and retired shares use " + std::to_string(p.used.value()) + " of its " +
                          std::to_string(reserve.value()) + " reserved shares: nothing is left for a fundround pool (its options and unallocated shares)");
            continue;
        }
        b.add(option_pool{p.name, class_name(p.class_index), reserve - p.used});
        p.added = true;
        pool_recs.push_back(&p);
    }
    // Everything in the order of its (first) issuance in the file, whatever the order the
    // transactions applied in.
    const auto file_order = [](auto& list, auto seq) {
        std::vector<std::size_t> out(list.size());
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
        std::stable_sort(out.begin(), out.end(), [&](std::size_t x, std::size_t y) { return seq(list[x]) < seq(list[y]); });
        return out;
    };
    const auto seq_of = [](const auto& r) { return r ? r->seq : 0; };
    std::vector<field_path> holding_paths;
    for (const std::size_t i : file_order(holdings, [](const holding_rec& h) { return h.seq; })) {
        const holding_rec& h = holdings[i];
        if (h.shares.value() == 0 || !holder_ok(h.holder) || !classes[h.class_index].value) continue;
        b.holding(holder_id(h.holder), class_name(h.class_index), h.shares);
        holding_paths.push_back(h.at);
    }
    std::vector<field_path> grant_paths;
    for (const std::size_t i : file_order(grants, seq_of)) {
        const auto& g = grants[i];
        if (!g || !holder_ok(g->holder) || !plans[g->plan].added) continue;
        b.grant(option_grant{holder_id(g->holder), plans[g->plan].name, g->shares, g->price});
        grant_paths.push_back(g->at);
    }
    std::vector<const warrant_rec*> warrant_recs;
    for (const std::size_t i : file_order(warrants, seq_of)) {
        const auto& w = warrants[i];
        if (!w || !holder_ok(w->holder) || !classes[w->class_index].value) continue;
        b.add(warrant{holder_id(w->holder), class_name(w->class_index), w->shares, w->price});
        warrant_recs.push_back(&*w);
    }
    std::vector<field_path> distinct_paths;
    for (const auto& d : distinct) {
        const auto other = stakeholder_at.find(d.first.second);
        if (other == stakeholder_at.end()) {
            r_.report(d.second, quoted_text(d.first.second), "is not the id of a stakeholder in the package");
            continue;
        }
        if (!holder_ok(d.first.first) || !stakeholders[other->second].ok) continue;
        b.declare_distinct(holder_id(d.first.first), holder_id(d.first.second));
        distinct_paths.push_back(d.second);
    }
    // The valuations of classes read without problems (a class's own problems are reported).
    std::vector<share_valuation> out_valuations;
    std::vector<field_path> valuation_paths;
    for (const valuation_rec& v : valuation_recs) {
        if (!classes[v.class_index].value) continue;
        out_valuations.push_back({classes[v.class_index].value->name(), v.price, v.effective, share_valuation_type::section_409a,
                                  v.provider, v.board, v.stockholders});
        valuation_paths.push_back(v.at);
    }
    cap_table_result built = b.try_build();
    const auto map_field = [&](const field_path& f) -> field_path {
        const std::vector<path_segment> seg = f.segments();
        if (seg.size() < 2 || seg[0].kind != path_step::member || seg[1].kind != path_step::index) return f;
        const std::string& list = seg[0].name;
        const std::size_t i = seg[1].index;
        std::string rest;
        for (std::size_t k = 2; k < seg.size(); ++k) {
            rest += (rest.empty() ? "" : "/") + (seg[k].kind == path_step::index ? std::to_string(seg[k].index) : seg[k].name);
        }
        const auto pick = [&](const field_path& base, std::initializer_list<std::pair<const char*, const char*>> m) {
            for (const auto& [ours, theirs] : m) {
                if (rest == ours) return ocf_sub(base, theirs);
            }
            return rest.empty() ? base : ocf_sub(base, rest);
        };
        if (list == "holders" && i < holder_recs.size()) return pick(holder_recs[i]->at, {{"id", "id"}, {"name", "name/legal_name"}});
        if (list == "classes" && i < class_paths.size()) {
            if (rest == "conversion_ratio") return ratio_paths[i];
            return pick(class_paths[i], {{"name", "name"},
                                         {"original_issue_price", "price_per_share"},
                                         {"terms/multiple", "liquidation_preference_multiple"},
                                         {"terms/seniority", "seniority"},
                                         {"terms/participation/cap_multiple", "participation_cap_multiple"}});
        }
        if (list == "holdings" && i < holding_paths.size()) {
            return pick(holding_paths[i], {{"holder", "stakeholder_id"}, {"share_class", "stock_class_id"}, {"shares", "quantity"}});
        }
        if (list == "pools" && i < pool_recs.size()) {
            if (rest == "share_class") return pool_recs[i]->class_at;
            if (rest == "authorized") return pool_recs[i]->authorized_at;
            return pick(pool_recs[i]->at, {{"name", "plan_name"}});
        }
        if (list == "grants" && i < grant_paths.size()) {
            return pick(grant_paths[i], {{"holder", "stakeholder_id"}, {"pool", "stock_plan_id"}, {"shares", "quantity"}, {"exercise_price", "exercise_price"}});
        }
        if (list == "warrants" && i < warrant_recs.size()) {
            if (rest == "share_class") return warrant_recs[i]->class_at;
            return pick(warrant_recs[i]->at, {{"holder", "stakeholder_id"}, {"shares", "quantity"}, {"exercise_price", "exercise_price"}});
        }
        if (list == "declared_distinct" && i < distinct_paths.size()) return distinct_paths[i];
        if (list == "valuations" && i < valuation_paths.size()) {
            return pick(valuation_paths[i], {{"share_class", "stock_class_id"}, {"price", "price_per_share"}});
        }
        return f;
    };
    // Rules that name another element ("duplicates holders[0]") name it by its pointer (the
    // builder's facts say where: a name holding "holders[0]" is not one).
    const auto pointer_of = [&](const field_path& element) { return map_field(element).json_pointer(); };
    for (std::size_t p = 0; p < built.problems.size(); ++p) {
        // References were resolved above: an unknown one is the echo of another problem (a class
        // whose name nearly duplicates another's is not indexed).
        if (std::binary_search(built.unresolved.begin(), built.unresolved.end(), p)) continue;
        const diagnostic& d = built.problems[p];
        r_.report(map_field(d.field), d.value, detail::rule_naming(d.rule, built.references, p, pointer_of));
    }
    // SAFEs and notes: their own rules, at their pointers.
    std::vector<safe> out_safes;
    std::vector<convertible_note> out_notes;
    for (const std::size_t i : file_order(instruments, [](const instrument_rec& r) { return r.seq; })) {
        const instrument_rec& rec = instruments[i];
        std::vector<diagnostic> problems;
        if (rec.is_safe) {
            if (!safes[rec.index]) continue;
            problems = safes[rec.index]->validate(field_path());
            out_safes.push_back(*safes[rec.index]);
        } else {
            if (!notes[rec.index]) continue;
            problems = notes[rec.index]->validate(field_path());
            out_notes.push_back(*notes[rec.index]);
        }
        // Amounts in another currency than the cap table's (they convert into its shares).
        if (built.table) {
            std::vector<diagnostic> other = rec.is_safe
                                                ? detail::safe_currency_problems(*safes[rec.index], built.table->currency(), field_path())
                                                : detail::note_currency_problems(*notes[rec.index], built.table->currency(), field_path());
            for (diagnostic& d : other) {  // a cap already reported against its own amount's currency: once
                bool seen = false;
                for (const diagnostic& p : problems) seen = seen || p.field == d.field;
                if (!seen) problems.push_back(std::move(d));
            }
        }
        for (const diagnostic& d : problems) {
            const std::string first = d.field.empty() ? std::string() : d.field.segments()[0].name;
            const auto it = rec.fields.find(first);
            r_.report(it != rec.fields.end() ? it->second : rec.at / d.field, d.value, d.rule);
        }
    }
    // Seniority. fundround ranks the SAFEs and notes per kind (every post-money SAFE at one rank,
    // every pre-money SAFE at one, every note at one): the outstanding convertibles of a kind
    // must state one seniority, and one rank comment or none.
    struct kind_of_rank {
        const char* name;
        std::optional<int> outstanding_seniority::*member;
        std::vector<const instrument_rec*> recs;
    };
    std::array<kind_of_rank, 3> rank_kinds{{{"post-money SAFE", &outstanding_seniority::post_money_safes, {}},
                                       {"pre-money SAFE", &outstanding_seniority::pre_money_safes, {}},
                                       {"note", &outstanding_seniority::notes, {}}}};
    for (const std::size_t i : file_order(instruments, [](const instrument_rec& r) { return r.seq; })) {
        const instrument_rec& rec = instruments[i];
        if (rec.is_safe ? !safes[rec.index] : !notes[rec.index]) continue;
        rank_kinds[rec.is_safe ? (safes[rec.index]->form == safe_form::pre_money ? 1U : 0U) : 2U].recs.push_back(&rec);
    }
    outstanding_seniority stated_ranks;
    const auto issuance_named = [](const instrument_rec& rec) {
        return rec.at.json_pointer() + (rec.id.empty() ? std::string() : " (id " + json_value_text(json(rec.id)) + ")");
    };
    const std::string per_kind =
        "fundround ranks the SAFEs and notes per kind (one rank for every post-money SAFE, one for every pre-money SAFE, "
        "one for every note)";
    for (const kind_of_rank& k : rank_kinds) {
        const instrument_rec* first = nullptr;  // the first that states a seniority
        const instrument_rec* other = nullptr;  // the first whose seniority differs from it
        for (const instrument_rec* rec : k.recs) {
            if (!rec->seniority) continue;
            if (first == nullptr) first = rec;
            else if (other == nullptr && *rec->seniority != *first->seniority) other = rec;
        }
        if (other != nullptr) {
            std::string list;
            for (const instrument_rec* rec : k.recs) {
                if (!rec->seniority) continue;
                list += (list.empty() ? "" : ", ") + issuance_named(*rec) + " " + rec->seniority_text;
            }
            r_.report(other->at.member("seniority"), other->seniority_text,
                      "differs from the seniority of another outstanding " + std::string(k.name) + " (" + list + "): " + per_kind +
                          "; give every " + k.name + " one seniority");
        }
        const instrument_rec* ranked = nullptr;  // the first with a rank comment
        const instrument_rec* unlike = nullptr;  // the first whose rank comment differs from it, or that has none
        for (const instrument_rec* rec : k.recs) {
            if (rec->rank && ranked == nullptr) ranked = rec;
        }
        for (const instrument_rec* rec : k.recs) {
            if (ranked != nullptr && unlike == nullptr && rec->rank != ranked->rank) unlike = rec;
        }
        if (unlike != nullptr) {
            std::string list;
            for (const instrument_rec* rec : k.recs) {
                list += (list.empty() ? "" : ", ") + issuance_named(*rec) + " " + (rec->rank ? std::to_string(*rec->rank) : std::string("none"));
            }
            r_.report(unlike->rank ? unlike->rank_at : unlike->at.member("comments"),
                      unlike->rank ? std::to_string(*unlike->rank) : std::string(),
                      std::string(unlike->rank ? "differs from" : "is missing beside") + " fundround's rank comment of another outstanding " +
                          k.name + " (" + list + "): " + per_kind + "; give every " + k.name + " the same rank comment, or none");
        } else if (ranked != nullptr) {
            stated_ranks.*k.member = ranked->rank;
        }
    }
    // Valuations: their own rules, the table's currency, one per class and day.
    if (built.table) {
        std::vector<std::string> names;
        for (const share_class& c : built.table->classes()) names.push_back(c.name());
        std::vector<element_reference> earlier;  // the valuations the problems name
        const std::vector<diagnostic> found =
            detail::check_share_valuations_into(out_valuations, names, built.table->currency(), field_path("valuations"), &earlier);
        for (std::size_t p = 0; p < found.size(); ++p) {
            r_.report(map_field(found[p].field), found[p].value, detail::rule_naming(found[p].rule, earlier, p, pointer_of));
        }
    }
    r_.throw_if_problems("OCF package");

    // The seniority stack across the rank_kinds: fundround pays the rank_kinds at the stated ranks,
    // else the defaults; an order of the stack they do not keep is said (OCF does not place the
    // convertibles against the stock classes, so it gives no rank on their scale).
    {
        outstanding_instrument_terms rank_terms;
        rank_terms.safe_seniority = stated_ranks.post_money_safes;
        rank_terms.pre_money_safe_seniority = stated_ranks.pre_money_safes;
        rank_terms.note_seniority = stated_ranks.notes;
        const outstanding_ranks paid = resolve_outstanding_ranks(*built.table, rank_terms, !rank_kinds[1].recs.empty());
        const std::array<std::int64_t, 3> at_rank{{paid.post_money_safes, paid.pre_money_safes, paid.notes}};
        bool kept = true;
        std::string stack_text;
        std::string ranks_text;
        for (std::size_t ka = 0; ka < rank_kinds.size(); ++ka) {
            const instrument_rec* sa = nullptr;
            for (const instrument_rec* rec : rank_kinds[ka].recs) {
                if (sa == nullptr && rec->seniority) sa = rec;
            }
            if (sa == nullptr) continue;
            stack_text += (stack_text.empty() ? "" : ", ") + std::string(rank_kinds[ka].name) + "s " + sa->seniority_text;
            ranks_text += (ranks_text.empty() ? "" : ", ") + std::string(rank_kinds[ka].name) + "s " + std::to_string(at_rank[ka]) +
                          (stated_ranks.*rank_kinds[ka].member ? " (stated)" : " (the default)");
            for (std::size_t kb = 0; kb < ka; ++kb) {
                const instrument_rec* sb = nullptr;
                for (const instrument_rec* rec : rank_kinds[kb].recs) {
                    if (sb == nullptr && rec->seniority) sb = rec;
                }
                if (sb == nullptr) continue;
                // OCF: a smaller seniority is more senior; fundround: a higher rank.
                const int ocf_order = *sa->seniority < *sb->seniority ? 1 : *sb->seniority < *sa->seniority ? -1 : 0;
                const int our_order = at_rank[ka] > at_rank[kb] ? 1 : at_rank[kb] > at_rank[ka] ? -1 : 0;
                kept = kept && ocf_order == our_order;
            }
        }
        if (!kept) {
            per_item.push_back("The convertibles' seniority (" + stack_text +
                               "; OCF's stack, 1 the most senior) is not the order fundround pays them in: it ranks them per kind on the "
                               "stock classes' seniority scale, higher paid first (" + ranks_text +
                               "), and OCF does not place the convertibles against the stock classes; state the ranks in a deal "
                               "file's \"instrument_seniority\".");
        }
    }
    std::vector<std::string> left = std::move(per_item);
    std::stable_sort(counted_.begin(), counted_.end(), [](const unmodelled& x, const unmodelled& y) {
        return std::tie(x.rank, x.turn) < std::tie(y.rank, y.turn);
    });
    for (const unmodelled& u : counted_) {
        left.push_back(u.what + " (" + std::to_string(u.count) + "): " + u.why + ".");
    }
    // The issuances between rounds, in file order, of holders and classes read without problems.
    std::stable_sort(event_recs.begin(), event_recs.end(), [](const event_rec& x, const event_rec& y) { return x.seq < y.seq; });
    std::vector<ocf_issuance> out_issuances;
    out_issuances.reserve(event_recs.size());
    for (event_rec& e : event_recs) {
        if (!holder_ok(e.value.holder.str()) || !classes[e.class_index].value) continue;
        e.value.share_class = class_name(e.class_index);
        out_issuances.push_back(std::move(e.value));
    }
    return ocf_import{std::move(*built.table), std::move(out_safes), std::move(out_notes), std::move(out_valuations), std::move(left),
                      std::move(issuer_name), as_of, formation_date, std::move(country_of_formation),
                      std::move(country_subdivision_of_formation), stated_ranks, std::move(out_issuances)};
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Export.
// ---------------------------------------------------------------------------------------------

inline ocf_export to_ocf(const cap_table& table, const std::vector<safe>& safes, const std::vector<convertible_note>& notes,
                         const std::vector<share_valuation>& valuations, const ocf_options& options) {
    using nlohmann::json;
    {
        std::vector<diagnostic> problems = check_share_valuations(valuations, table);
        for (std::size_t i = 0; i < safes.size(); ++i) {
            const field_path at = field_path("safes").index(i);
            for (diagnostic& d : safes[i].validate(at)) problems.push_back(std::move(d));
            if (!safes[i].holder.empty() && !table.holder_index(safes[i].holder)) {
                problems.push_back({at.member("holder"), detail::quoted_text(safes[i].holder.str()), "is not a holder on the cap table"});
            }
        }
        for (std::size_t i = 0; i < notes.size(); ++i) {
            const field_path at = field_path("notes").index(i);
            for (diagnostic& d : notes[i].validate(at)) problems.push_back(std::move(d));
            if (!notes[i].holder.empty() && !table.holder_index(notes[i].holder)) {
                problems.push_back({at.member("holder"), detail::quoted_text(notes[i].holder.str()), "is not a holder on the cap table"});
            }
        }
        // A stated rank is a class rank: 0 or more (share_class::validate()).
        const auto rank_ok = [&](const std::optional<int>& r, const char* member) {
            if (r && *r < 0) {
                problems.push_back({field_path("ocf_options").member("instrument_seniority").member(member), std::to_string(*r),
                                    "must be from 0 to 2147483647: a rank on the stock classes' seniority scale"});
            }
        };
        rank_ok(options.instrument_seniority.post_money_safes, "post_money_safes");
        rank_ok(options.instrument_seniority.pre_money_safes, "pre_money_safes");
        rank_ok(options.instrument_seniority.notes, "notes");
        // Every date the package writes must be an OCF date (year 0000 to 9999).
        const auto writable = [&](const std::optional<calendar_date>& d, const field_path& at) {
            if (!d || detail::ocf_date_ok(*d)) return;
            const std::string rule = date_rule(*d);
            problems.push_back({at, detail::quoted_text(to_string(*d)),
                                rule.empty() ? "cannot be written to OCF: " + std::string(detail::ocf_date_rule) + " (an OCF date)"
                                             : rule});
        };
        writable(options.as_of, field_path("ocf_options").member("as_of"));
        writable(options.formation_date, field_path("ocf_options").member("formation_date"));
        for (std::size_t i = 0; i < safes.size(); ++i) writable(safes[i].date, field_path("safes").index(i).member("date"));
        for (std::size_t i = 0; i < notes.size(); ++i) {
            writable(notes[i].issue_date, field_path("notes").index(i).member("issue_date"));
            writable(notes[i].maturity_date, field_path("notes").index(i).member("maturity_date"));
        }
        for (std::size_t i = 0; i < valuations.size(); ++i) {
            const field_path at = field_path("valuations").index(i);
            writable(valuations[i].effective_date, at.member("effective_date"));
            writable(valuations[i].board_approval_date, at.member("board_approval_date"));
            writable(valuations[i].stockholder_approval_date, at.member("stockholder_approval_date"));
        }
        for (std::size_t k = 0; k < options.issuances.size(); ++k) {
            const ocf_issuance& n = options.issuances[k];
            const field_path at = field_path("ocf_options").member("issuances").index(k);
            if (!table.holder_index(n.holder)) {
                problems.push_back({at.member("holder"), detail::quoted_text(n.holder.str()), "is not a holder on the cap table"});
            }
            if (!table.class_index(n.share_class)) {
                problems.push_back({at.member("share_class"), detail::quoted_text(n.share_class), "is not a share class on the cap table"});
            }
            if (n.shares.value() <= 0) problems.push_back({at.member("shares"), std::to_string(n.shares.value()), "must be positive"});
            if (n.consideration_units.sign() < 0) {
                problems.push_back({at.member("consideration_units"), n.consideration_units.to_string(),
                                    "must not be negative (an issue is for some consideration or none)"});
            }
            if (n.exercise_price && n.exercise_price->currency() != table.currency()) {
                problems.push_back({at.member("exercise_price"), std::string(to_string(n.exercise_price->currency())),
                                    "must be in the cap table's currency, " + std::string(to_string(table.currency()))});
            }
            writable(n.date, at.member("date"));
        }
        if (!options.country_of_formation.empty() && !detail::ocf_country_ok(options.country_of_formation)) {
            problems.push_back({field_path("ocf_options").member("country_of_formation"), detail::quoted_text(options.country_of_formation),
                                "must be an ISO 3166-1 alpha-2 country code: two capital letters (\"DE\")"});
        }
        if (!options.country_subdivision_of_formation.empty() && !detail::ocf_subdivision_ok(options.country_subdivision_of_formation)) {
            problems.push_back({field_path("ocf_options").member("country_subdivision_of_formation"),
                                detail::quoted_text(options.country_subdivision_of_formation),
                                "must be an ISO 3166-2 subdivision code after its country: one to three capital letters or digits (\"CA\" of US-CA)"});
        }
        if (!problems.empty()) throw validation_error("cannot export to OCF", std::move(problems));
    }
    ocf_export out;
    std::vector<std::string>& left = out.left_out;
    const std::string& pre = options.id_prefix;
    const currency cur = table.currency();

    calendar_date as_of = year{1970} / 1 / 1;
    if (options.as_of) {
        as_of = *options.as_of;
    } else {
        bool any = false;
        for (const safe& s : safes) {
            if (!any || s.date > as_of) as_of = s.date;
            any = true;
        }
        for (const convertible_note& n : notes) {
            if (!any || n.issue_date > as_of) as_of = n.issue_date;
            any = true;
        }
        left.push_back(any ? "No as-of date was given: the package is dated " + to_string(as_of) +
                                 ", the latest SAFE or note date (OCF requires one)."
                           : std::string("No as-of date was given: the package is dated 1970-01-01 (OCF requires one)."));
    }
    const std::string as_of_text = to_string(as_of);

    // A price as an OCF Numeric, noting when it had to be rounded.
    const auto price_text = [&](const price_per_share& p, const std::string& what) {
        bool rounded = false;
        std::string text = detail::ocf_decimal(detail::ocf_price_major(p), rounded);
        if (rounded) {
            left.push_back(what + " " + detail::ocf_price_major(p).to_string() + " " + std::string(cur.code()) +
                           " has more than 10 decimals: written rounded half-even to " + text + " (OCF Numerics have at most 10).");
        }
        return text;
    };
    const auto fraction_text = [&](const fraction& x, const std::string& what) {
        bool rounded = false;
        std::string text = detail::ocf_decimal(x, rounded);
        if (rounded) {
            left.push_back(what + " " + x.to_string() + " has more than 10 decimals: written rounded half-even to " + text +
                           " (OCF Numerics have at most 10).");
        }
        return text;
    };
    // A fixed percentage (above 0% and below 100%) or a discount (below 100%), rounded as
    // fraction_text() does but kept inside its range: 1/10^11 written "0", or 1 - 1/10^11
    // written "1", would not read back (converts_to_percent 0% or 100%, a 100% discount).
    const auto inside_unit_text = [&](const fraction& x, const std::string& what, bool zero_allowed) {
        bool rounded = false;
        const std::string text = detail::ocf_decimal(x, rounded);
        if (!rounded) return text;
        const std::string kept = text == "1" ? "0.9999999999" : text == "0" && !zero_allowed ? "0.0000000001" : text;
        left.push_back(what + " " + x.to_string() + " has more than 10 decimals: written rounded half-even to " + kept +
                       (kept == text ? std::string() : " (" + text + " is outside its range: the nearest 10-decimal value inside)") +
                       " (OCF Numerics have at most 10).");
        return kept;
    };
    const auto money_text = [](money m) { return detail::ocf_money_major(m).to_decimal_string(3, rounding::exact); };
    const auto trimmed = [](std::string s) {
        if (s.find('.') != std::string::npos) {
            while (s.back() == '0') s.pop_back();
            if (s.back() == '.') s.pop_back();
        }
        return s;
    };

    // Stakeholders. The declared-distinct pairs are written as comments on their first holders:
    // ordered by that holder's position (a stable sort: O(n + p log p), not holders x pairs).
    const std::vector<std::pair<holder_id, holder_id>>& distinct = table.declared_distinct();
    std::vector<std::pair<std::size_t, std::size_t>> distinct_at;  // (first holder's position, pair)
    distinct_at.reserve(distinct.size());
    for (std::size_t k = 0; k < distinct.size(); ++k) {
        if (const auto at = table.holder_index(distinct[k].first)) distinct_at.emplace_back(*at, k);
    }
    std::stable_sort(distinct_at.begin(), distinct_at.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    json stakeholders = json::array();
    std::size_t next_distinct = 0;
    for (std::size_t i = 0; i < table.holders().size(); ++i) {
        const holder& h = table.holders()[i];
        json s = {{"object_type", "STAKEHOLDER"},
                  {"id", h.id().str()},
                  {"name", {{"legal_name", h.name()}}}};
        const holder_kind k = h.kind();
        s["stakeholder_type"] = k == holder_kind::investor || k == holder_kind::other ? "INSTITUTION" : "INDIVIDUAL";
        s["current_relationship"] = k == holder_kind::founder    ? "FOUNDER"
                                    : k == holder_kind::employee ? "EMPLOYEE"
                                    : k == holder_kind::investor ? "INVESTOR"
                                    : k == holder_kind::advisor  ? "ADVISOR"
                                                                 : "OTHER";
        json comments = json::array();
        for (; next_distinct < distinct_at.size() && distinct_at[next_distinct].first == i; ++next_distinct) {
            comments.push_back(std::string(detail::ocf_distinct_comment) + distinct[distinct_at[next_distinct].second].second.str());
        }
        if (!comments.empty()) s["comments"] = std::move(comments);
        stakeholders.push_back(std::move(s));
    }
    // They read back in the holders' order.
    bool distinct_in_order = true;
    for (std::size_t k = 0; k < distinct_at.size(); ++k) distinct_in_order = distinct_in_order && distinct_at[k].second == k;
    if (!distinct_in_order) {
        left.push_back("The order of the declared-distinct pairs: they are written as comments on their first holders, so they "
                       "read back in the holders' order.");
    }
    if (!table.holders().empty()) {
        left.push_back("Each stakeholder's stakeholder_type (INDIVIDUAL or INSTITUTION) is inferred from the holder's kind "
                       "(investors and others: INSTITUTION): fundround records no legal form.");
    }

    // Stock classes.
    std::vector<std::string> class_ids;
    std::string common_id;
    for (std::size_t i = 0; i < table.classes().size(); ++i) {
        class_ids.push_back(pre + "stock-class-" + std::to_string(i + 1));
        if (common_id.empty() && !table.classes()[i].is_preferred()) common_id = class_ids.back();
    }
    json classes = json::array();
    for (std::size_t i = 0; i < table.classes().size(); ++i) {
        const share_class& c = table.classes()[i];
        const std::string label = "Class \"" + c.name() + "\"";
        json o = {{"object_type", "STOCK_CLASS"},
                  {"id", class_ids[i]},
                  {"name", c.name()},
                  {"class_type", c.is_preferred() ? "PREFERRED" : "COMMON"},
                  {"default_id_prefix", c.is_preferred() ? "PS" + std::to_string(i + 1) + "-" : "CS" + std::to_string(i + 1) + "-"},
                  {"initial_shares_authorized", "NOT APPLICABLE"},
                  {"votes_per_share", "1"},
                  {"seniority", std::to_string(c.terms().seniority)},
                  {"conversion_rights", json::array()}};
        if (c.is_preferred()) {
            const liquidation_terms& t = c.terms();
            o["price_per_share"] = detail::ocf_monetary(price_text(*c.original_issue_price(), label + "'s original issue price"), cur);
            o["liquidation_preference_multiple"] = fraction_text(t.multiple, label + "'s liquidation preference multiple");
            if (t.participation.kind == participation_kind::non_participating) {
                o["participation_cap_multiple"] = o["liquidation_preference_multiple"];
            } else if (t.participation.kind == participation_kind::capped) {
                o["participation_cap_multiple"] = fraction_text(t.participation.cap_multiple, label + "'s participation cap");
            } else {
                left.push_back(label + " is fully participating: OCF has no field for uncapped participation (written without "
                               "participation_cap_multiple, which fundround reads as non-participating).");
            }
            if (t.dividends.kind != dividend_kind::none) {
                left.push_back(label + "'s " + std::string(to_string(t.dividends.kind)) + " dividends at " +
                               t.dividends.annual_rate.to_percent_string(4) + ": OCF stock classes have no dividend terms.");
            }
            const fraction& ratio = c.conversion_ratio();
            json mech = {{"type", "RATIO_CONVERSION"},
                         {"ratio", {{"numerator", detail::to_decimal_digits(ratio.numerator())},
                                    {"denominator", detail::to_decimal_digits(ratio.denominator())}}},
                         {"rounding_type", "FLOOR"}};
            bool rounded = false;
            mech["conversion_price"] =
                detail::ocf_monetary(detail::ocf_decimal(detail::ocf_price_major(*c.original_issue_price()) / ratio, rounded), cur);
            json right = {{"type", "STOCK_CLASS_CONVERSION_RIGHT"}, {"conversion_mechanism", std::move(mech)}};
            if (!common_id.empty()) {
                right["converts_to_stock_class_id"] = common_id;
            } else {
                right["converts_to_future_round"] = true;
            }
            o["conversion_rights"].push_back(std::move(right));
        }
        classes.push_back(std::move(o));
    }
    if (!table.classes().empty()) {
        left.push_back("Authorized shares and votes per share of each class: fundround records neither (written as "
                       "\"NOT APPLICABLE\" and \"1\").");
    }

    // Stock plans.
    json plans = json::array();
    std::vector<std::string> plan_ids;
    for (std::size_t i = 0; i < table.pools().size(); ++i) {
        const option_pool& p = table.pools()[i];
        plan_ids.push_back(pre + "stock-plan-" + std::to_string(i + 1));
        plans.push_back({{"object_type", "STOCK_PLAN"},
                         {"id", plan_ids.back()},
                         {"plan_name", p.name},
                         {"initial_shares_reserved", std::to_string(p.authorized.value())},
                         {"stock_class_ids", json::array({class_ids[*table.class_index(p.share_class)]})}});
    }

    // Transactions: stock issuances, option grants, warrants, SAFEs, notes.
    json tx = json::array();
    const auto issuance = [&](const char* type, const std::string& kind, std::size_t n, const holder_id& who,
                              const std::string& custom, const std::string& on) {
        return json{{"object_type", type},
                    {"id", pre + "tx-" + kind + "-" + std::to_string(n)},
                    {"security_id", pre + kind + "-" + std::to_string(n)},
                    {"custom_id", custom + "-" + std::to_string(n)},
                    {"date", on},
                    {"stakeholder_id", who.str()},
                    {"security_law_exemptions", json::array()}};
    };
    // The issuances between rounds: each placed on the holding of its holder and class (the
    // holding keeps the rest as its position) or on a warrant with its terms; one the table no
    // longer holds (a later conversion took the shares) stays in the position, and is listed.
    const std::vector<ocf_issuance>& events = options.issuances;
    std::vector<std::vector<std::size_t>> holding_events(table.holdings().size());
    std::vector<share_count> holding_rest;
    holding_rest.reserve(table.holdings().size());
    std::map<std::pair<std::string, std::string>, std::size_t> holding_at;
    for (std::size_t i = 0; i < table.holdings().size(); ++i) {
        holding_rest.push_back(table.holdings()[i].shares);
        holding_at.emplace(std::make_pair(table.holdings()[i].holder.str(), table.holdings()[i].share_class), i);
    }
    std::vector<std::optional<std::size_t>> warrant_event(table.warrants().size());
    std::vector<bool> event_written(events.size(), false);
    for (std::size_t k = 0; k < events.size(); ++k) {
        const ocf_issuance& n = events[k];
        bool placed = false;
        if (n.exercise_price) {
            for (std::size_t w = 0; w < table.warrants().size() && !placed; ++w) {
                const warrant& tw = table.warrants()[w];
                if (!warrant_event[w] && tw.holder == n.holder && tw.share_class == n.share_class && tw.shares == n.shares &&
                    tw.exercise_price == *n.exercise_price) {
                    warrant_event[w] = k;
                    placed = true;
                }
            }
        } else if (const auto it = holding_at.find(std::make_pair(n.holder.str(), n.share_class));
                   it != holding_at.end() && n.shares <= holding_rest[it->second]) {
            holding_rest[it->second] -= n.shares;
            holding_events[it->second].push_back(k);
            placed = true;
        }
        event_written[k] = placed;
        if (!placed) {
            left.push_back("Issuance \"" + n.name + "\" (" + detail::signed_digits(n.shares.value(), true) + " " + n.share_class + " to \"" +
                           n.holder.str() + "\"): the table holds no " + (n.exercise_price ? "warrant with its terms" : "such shares") +
                           " any more, so it is written only as part of the position; its date, consideration and exemption are not.");
        }
    }
    // An amount in currency units as an OCF Numeric: exact, or rounded half-even to 10 decimals
    // with the exact value (a reduced fraction) in fundround's comment, and listed.
    const auto exact_amount = [&](const fraction& major, const char* member, const ocf_issuance& n, json& comments) {
        bool rounded = false;
        std::string text = detail::ocf_decimal(major, rounded);
        if (rounded) {
            const std::string exact = major.numerator() == 0 ? std::string("0") : major.to_string();
            comments.push_back(std::string(ocf_exact_comment) + member + ": " + exact);
            left.push_back("Issuance \"" + n.name + "\"'s " + member + " " + exact + " " + std::string(cur.code()) +
                           " has more than 10 decimals: written rounded half-even to " + text +
                           " (OCF Numerics have at most 10), and exactly in the comment \"" + std::string(ocf_exact_comment) +
                           member + ": " + exact + "\".");
        }
        return text;
    };
    // An issuance's own members: its ids (numbered in the order written, which is the order
    // they read back in), date, holder and comments.
    std::size_t undated = 0;
    std::size_t events_written = 0;
    const auto event_issuance = [&](const char* type, std::size_t k, json& comments) {
        const ocf_issuance& n = events[k];
        json o = issuance(type, "issuance", ++events_written, n.holder, "ISS", n.date ? to_string(*n.date) : as_of_text);
        comments.push_back(std::string(ocf_issuance_comment) + n.name);
        if (!n.exemption.empty()) comments.push_back(std::string(ocf_exemption_comment) + n.exemption);
        if (!n.date) {
            comments.push_back(std::string(ocf_undated_comment));
            ++undated;
        }
        return o;
    };
    std::size_t stock_events = 0;
    std::size_t positions = 0;
    for (std::size_t i = 0; i < table.holdings().size(); ++i) {
        const holding& h = table.holdings()[i];
        const std::size_t c = *table.class_index(h.share_class);
        const share_class& sc = table.classes()[c];
        if (holding_rest[i].value() > 0) {
            json o = issuance("TX_STOCK_ISSUANCE", "stock", i + 1, h.holder, sc.is_preferred() ? "PS" : "CS", as_of_text);
            o["stock_class_id"] = class_ids[c];
            bool rounded = false;
            o["share_price"] = detail::ocf_monetary(
                sc.is_preferred() ? detail::ocf_decimal(detail::ocf_price_major(*sc.original_issue_price()), rounded) : "0", cur);
            o["quantity"] = std::to_string(holding_rest[i].value());
            o["stock_legend_ids"] = json::array();
            tx.push_back(std::move(o));
            ++positions;
        }
        for (const std::size_t k : holding_events[i]) {
            const ocf_issuance& n = events[k];
            json comments = json::array();
            json o = event_issuance("TX_STOCK_ISSUANCE", k, comments);
            o["stock_class_id"] = class_ids[c];
            const fraction price = n.consideration_units / fraction(n.shares.value()) / fraction(money::units_per_major);
            o["share_price"] = detail::ocf_monetary(exact_amount(price, "share_price", n, comments), cur);
            o["quantity"] = std::to_string(n.shares.value());
            o["stock_legend_ids"] = json::array();
            o["comments"] = std::move(comments);
            tx.push_back(std::move(o));
            ++stock_events;
        }
    }
    std::size_t warrant_events = 0;
    for (const auto& e : warrant_event) warrant_events += e ? 1U : 0U;
    const std::string own_terms = " (the issuances between rounds excepted: written with their own dates and consideration)";
    if (positions > 0) {
        left.push_back("Stock issuances are dated the as-of date " + as_of_text +
                       ", with the class's original issue price (0 for common) as the price paid: fundround records holdings, not "
                       "their purchase dates and prices" + (stock_events > 0 ? own_terms : std::string()) + ".");
    }
    for (std::size_t i = 0; i < table.grants().size(); ++i) {
        const option_grant& g = table.grants()[i];
        const std::size_t p = *table.pool_index(g.pool);
        json o = issuance("TX_EQUITY_COMPENSATION_ISSUANCE", "option", i + 1, g.holder, "OPT", as_of_text);
        o["stock_plan_id"] = plan_ids[p];
        o["stock_class_id"] = class_ids[*table.class_index(table.pools()[p].share_class)];
        o["compensation_type"] = "OPTION";
        o["quantity"] = std::to_string(g.shares.value());
        o["exercise_price"] = detail::ocf_monetary(price_text(g.exercise_price, "Grant " + std::to_string(i) + "'s exercise price"), cur);
        o["expiration_date"] = nullptr;
        o["termination_exercise_windows"] = json::array();
        tx.push_back(std::move(o));
    }
    for (std::size_t i = 0; i < table.warrants().size(); ++i) {
        const warrant& w = table.warrants()[i];
        json comments = json::array();
        json o = warrant_event[i] ? event_issuance("TX_WARRANT_ISSUANCE", *warrant_event[i], comments)
                                  : issuance("TX_WARRANT_ISSUANCE", "warrant", i + 1, w.holder, "W", as_of_text);
        o["quantity"] = std::to_string(w.shares.value());
        o["quantity_source"] = "INSTRUMENT_FIXED";
        o["exercise_price"] = detail::ocf_monetary(price_text(w.exercise_price, "Warrant " + std::to_string(i) + "'s exercise price"), cur);
        if (warrant_event[i]) {
            const ocf_issuance& n = events[*warrant_event[i]];
            o["purchase_price"] = detail::ocf_monetary(
                exact_amount(n.consideration_units / fraction(money::units_per_major), "purchase_price", n, comments), cur);
            o["comments"] = std::move(comments);
        } else {
            o["purchase_price"] = detail::ocf_monetary("0", cur);
        }
        o["exercise_triggers"] = json::array(
            {{{"trigger_id", "W-" + std::to_string(i + 1) + ".TRIG.1"},
              {"type", "ELECTIVE_AT_WILL"},
              {"conversion_right",
               {{"type", "WARRANT_CONVERSION_RIGHT"},
                {"conversion_mechanism", {{"type", "FIXED_AMOUNT_CONVERSION"}, {"converts_to_quantity", std::to_string(w.shares.value())}}},
                {"converts_to_stock_class_id", class_ids[*table.class_index(w.share_class)]}}}}});
        tx.push_back(std::move(o));
    }
    if (!table.grants().empty() || table.warrants().size() > warrant_events) {
        left.push_back("Option grants and warrants are dated the as-of date " + as_of_text +
                       ", without expiration dates, and warrants with a purchase price of 0: fundround records none of these" +
                       (warrant_events > 0 ? own_terms : std::string()) + ".");
    }
    if (stock_events + warrant_events > 0) {
        left.push_back("The names of the " + std::to_string(stock_events + warrant_events) +
                       " issuance(s) between priced rounds, written as their own transactions (the rest of each holding as its "
                       "position), and the anti-dilution exemptions they were issued under: OCF has no field for either (its "
                       "security_law_exemptions are securities-law exemptions, which fundround does not record); they are in "
                       "fundround's comments.");
    }
    if (undated > 0) {
        left.push_back(std::to_string(undated) + " issuance(s) between priced rounds have no date: they are dated the as-of date " +
                       as_of_text + " (OCF requires one), and marked so in the comment \"" + std::string(ocf_undated_comment) +
                       "\".");
    }
    const auto capitalization_rules = [](bool post_money, pool_increase pool) {
        const bool top_up = pool == pool_increase::included;
        return json{{"include_outstanding_shares", true},
                    {"include_outstanding_options", true},
                    {"include_outstanding_unissued_options", true},
                    {"include_this_security", post_money},
                    {"include_other_converting_securities", post_money},
                    {"include_option_pool_topup_for_promised_options", top_up},
                    {"include_additional_option_pool_topup", top_up},
                    {"include_new_money", false}};
    };
    // Seniority. OCF's convertible seniority is a stack among the convertibles (1 the most
    // senior, equal values pari passu); fundround's ranks are per kind on the stock classes'
    // scale (higher is paid first). Each convertible's seniority is its kind's place in the stack
    // by the ranks it is paid at (stated, else the defaults); a stated rank is also written
    // exactly, in a comment the import reads back.
    const outstanding_seniority& stated = options.instrument_seniority;
    const bool any_post = std::any_of(safes.begin(), safes.end(), [](const safe& s) { return s.form == safe_form::post_money; });
    const bool any_pre = std::any_of(safes.begin(), safes.end(), [](const safe& s) { return s.form == safe_form::pre_money; });
    outstanding_instrument_terms rank_terms;
    rank_terms.safe_seniority = stated.post_money_safes;
    rank_terms.pre_money_safe_seniority = stated.pre_money_safes;
    rank_terms.note_seniority = stated.notes;
    const outstanding_ranks ranks = resolve_outstanding_ranks(table, rank_terms, any_pre);
    std::vector<std::int64_t> stack;
    if (any_post) stack.push_back(ranks.post_money_safes);
    if (any_pre) stack.push_back(ranks.pre_money_safes);
    if (!notes.empty()) stack.push_back(ranks.notes);
    std::sort(stack.begin(), stack.end(), [](std::int64_t a, std::int64_t b) { return a > b; });
    stack.erase(std::unique(stack.begin(), stack.end()), stack.end());
    const auto rank_into = [&](json& o, std::int64_t rank, const std::optional<int>& own) {
        o["seniority"] = static_cast<std::int64_t>(std::find(stack.begin(), stack.end(), rank) - stack.begin()) + 1;
        if (own) o["comments"] = json::array({std::string(detail::ocf_rank_comment) + std::to_string(*own)});
    };
    const auto no_carrier = [&](const std::optional<int>& own, bool any, const char* kind, const char* member) {
        if (own && !any) {
            left.push_back("The rank of " + std::string(kind) + " (instrument_seniority " + member + ": " + std::to_string(*own) +
                           "): the package has none of them to carry it.");
        }
    };
    no_carrier(stated.post_money_safes, any_post, "post-money SAFEs", "post_money_safes");
    no_carrier(stated.pre_money_safes, any_pre, "pre-money SAFEs", "pre_money_safes");
    no_carrier(stated.notes, !notes.empty(), "notes", "notes");
    for (std::size_t i = 0; i < safes.size(); ++i) {
        const safe& s = safes[i];
        const std::string label = "SAFE " + std::to_string(i) + " (\"" + s.holder.str() + "\")";
        json o = issuance("TX_CONVERTIBLE_ISSUANCE", "safe", i + 1, s.holder, "SAFE", to_string(s.date));
        o["convertible_type"] = "SAFE";
        o["investment_amount"] = detail::ocf_monetary(trimmed(money_text(s.purchase_amount)), s.purchase_amount.currency());
        json mech = {{"type", "SAFE_CONVERSION"},
                     {"conversion_mfn", s.mfn},
                     {"conversion_timing", s.form == safe_form::post_money ? "POST_MONEY" : "PRE_MONEY"},
                     {"capitalization_definition_rules", capitalization_rules(s.form == safe_form::post_money, s.pool_increase)}};
        if (s.fixed_percentage) {  // its percentage of the post-money capitalization (validate(): no cap, discount or MFN)
            mech = {{"type", "FIXED_PERCENT_OF_CAPITALIZATION_CONVERSION"},
                    {"converts_to_percent", inside_unit_text(*s.fixed_percentage, label + "'s fixed percentage", false)},
                    {"capitalization_definition_rules", capitalization_rules(true, s.pool_increase)}};
        }
        if (s.discount) mech["conversion_discount"] = inside_unit_text(*s.discount, label + "'s discount", true);
        if (s.valuation_cap) {
            mech["conversion_valuation_cap"] = detail::ocf_monetary(trimmed(money_text(*s.valuation_cap)), s.valuation_cap->currency());
        }
        o["conversion_triggers"] = json::array(
            {{{"trigger_id", "SAFE-" + std::to_string(i + 1) + ".TRIG.1"},
              {"type", "AUTOMATIC_ON_CONDITION"},
              {"trigger_condition", "An Equity Financing (the SAFE's definition)"},
              {"conversion_right",
               {{"type", "CONVERTIBLE_CONVERSION_RIGHT"}, {"conversion_mechanism", std::move(mech)}, {"converts_to_future_round", true}}}}});
        if (s.form == safe_form::pre_money) {
            rank_into(o, ranks.pre_money_safes, stated.pre_money_safes);
        } else {
            rank_into(o, ranks.post_money_safes, stated.post_money_safes);
        }
        tx.push_back(std::move(o));
    }
    for (std::size_t i = 0; i < notes.size(); ++i) {
        const convertible_note& n = notes[i];
        const std::string label = "Note " + std::to_string(i) + " (\"" + n.holder.str() + "\")";
        json o = issuance("TX_CONVERTIBLE_ISSUANCE", "note", i + 1, n.holder, "CN", to_string(n.issue_date));
        o["convertible_type"] = "NOTE";
        o["investment_amount"] = detail::ocf_monetary(trimmed(money_text(n.principal)), n.principal.currency());
        std::string rate = "1";
        if (n.annual_rate > fraction(1)) {
            left.push_back(label + "'s annual rate " + n.annual_rate.to_percent_string(4) +
                           " is above 100%: an OCF Percentage is at most 1 (written as 1).");
        } else {
            rate = fraction_text(n.annual_rate, label + "'s annual rate");
        }
        const char* day_count = "ACTUAL_365";
        if (n.day_count == note_day_count::thirty_360_us) {
            day_count = "30_360";
        } else if (n.day_count != note_day_count::actual_365_fixed) {
            left.push_back(label + "'s day count " + std::string(to_string(n.day_count)) +
                           ": OCF names only ACTUAL_365 and 30_360 (written as ACTUAL_365).");
        }
        const compounding_period per = n.period;
        json interest = {{"rate", rate}, {"accrual_start_date", to_string(n.issue_date)}};
        // Interest to maturity: the rate's (inclusive) accrual_end_date is the maturity date.
        if (n.interest_accrues == note_interest_accrual::to_maturity) interest["accrual_end_date"] = to_string(n.maturity_date);
        json mech = {{"type", "CONVERTIBLE_NOTE_CONVERSION"},
                     {"interest_rates", json::array({std::move(interest)})},
                     {"day_count_convention", day_count},
                     {"interest_payout", "DEFERRED"},
                     {"interest_accrual_period", per == compounding_period::monthly       ? "MONTHLY"
                                                 : per == compounding_period::quarterly    ? "QUARTERLY"
                                                 : per == compounding_period::semiannually ? "SEMI_ANNUAL"
                                                                                            : "ANNUAL"},
                     {"compounding_type", n.method == interest_method::compound ? "COMPOUNDING" : "SIMPLE"},
                     {"capitalization_definition_rules", capitalization_rules(n.cap_form == safe_form::post_money, n.pool_increase)}};
        if (n.cap_basis && n.valuation_cap && n.cap_form == safe_form::pre_money) {
            // The cap over a count fixed before the financing: the shares, the granted options and
            // the unallocated pool as the basis names them, no top-up, no converting securities.
            mech["capitalization_definition_rules"] = json{{"include_outstanding_shares", true},
                                                           {"include_outstanding_options", n.cap_basis->granted_options},
                                                           {"include_outstanding_unissued_options", n.cap_basis->unallocated_pool},
                                                           {"include_this_security", false},
                                                           {"include_other_converting_securities", false},
                                                           {"include_option_pool_topup_for_promised_options", false},
                                                           {"include_additional_option_pool_topup", false},
                                                           {"include_new_money", false}};
            const fully_diluted_basis& b = *n.cap_basis;
            if (b.granted_options && b.unallocated_pool) {
                // Shares, options and pool, no top-up: the rules of the note form's default with
                // the pool increase excluded; OCF cannot tell the two apart, and reads the default.
                left.push_back(label + "'s cap_basis counts issued shares, granted options and the unallocated pool" +
                               (b.warrants ? std::string(" and warrants") : std::string()) +
                               ": OCF's capitalization rules for it are those of a pre-money note's default capitalization "
                               "with the pool increase excluded (written so; read back, a pre-money note without a cap_basis, "
                               "pool_increase excluded, whose cap divides the round's pre-money fully diluted count on the "
                               "round's basis: another figure where the round's basis counts otherwise" +
                               (b.warrants ? std::string(", e.g. warrants left out") : std::string(", e.g. warrants")) + ").");
            } else if (b.warrants) {
                left.push_back(label + "'s cap_basis counts warrants: OCF's capitalization rules have no member for them "
                                       "(written without; read back, the cap divides issued shares" +
                               std::string(b.granted_options    ? " and granted options"
                                           : b.unallocated_pool ? " and the unallocated pool"
                                                                : "") +
                               " only).");
            }
            if (!(b.granted_options && b.unallocated_pool) && n.pool_increase == pool_increase::excluded) {
                // Read back with its cap_basis and the default pool increase: no figure changes
                // (the cap divides the fixed count), but the value does, so it is said.
                left.push_back(label + "'s pool_increase excluded: with a cap_basis its cap divides a count fixed before the "
                                       "financing, whose OCF rules have no pool top-up to exclude (read back as included, "
                                       "the default; no figure changes).");
            }
        }
        if (n.discount) mech["conversion_discount"] = inside_unit_text(*n.discount, label + "'s discount", true);
        if (n.valuation_cap) {
            mech["conversion_valuation_cap"] = detail::ocf_monetary(trimmed(money_text(*n.valuation_cap)), n.valuation_cap->currency());
        }
        std::string condition = "The next equity financing";
        if (n.qualified_financing) {
            condition = "A Qualified Financing: an equity financing of at least " + format_full(*n.qualified_financing);
            left.push_back(label + "'s qualified-financing threshold " + format_full(*n.qualified_financing) +
                           ": OCF has no field for it (stated in the trigger's text only).");
        }
        o["conversion_triggers"] = json::array(
            {{{"trigger_id", "CN-" + std::to_string(i + 1) + ".TRIG.1"},
              {"type", "AUTOMATIC_ON_CONDITION"},
              {"trigger_condition", condition},
              {"conversion_right",
               {{"type", "CONVERTIBLE_CONVERSION_RIGHT"}, {"conversion_mechanism", mech}, {"converts_to_future_round", true}}}},
             {{"trigger_id", "CN-" + std::to_string(i + 1) + ".TRIG.2"},
              {"nickname", "Maturity"},
              {"type", "AUTOMATIC_ON_DATE"},
              {"trigger_date", to_string(n.maturity_date)},
              {"conversion_right",
               {{"type", "CONVERTIBLE_CONVERSION_RIGHT"}, {"conversion_mechanism", mech}, {"converts_to_future_round", true}}}}});
        rank_into(o, ranks.notes, stated.notes);
        if (n.interest_rounding != rounding::half_even) {
            left.push_back(label + "'s interest rounding " + std::string(to_string(n.interest_rounding)) +
                           ": OCF has no field for it (fundround reads half_even).");
        }
        if (n.at_maturity) {
            left.push_back(label + "'s terms at maturity (conversion at a valuation or repayment): OCF's note mechanism "
                           "cannot say them (the maturity date is the trigger's date).");
        }
        if (n.at_change_of_control) {
            left.push_back(label + "'s change-of-control terms: OCF's note mechanism cannot say them.");
        }
        tx.push_back(std::move(o));
    }
    if (table.holdings().empty() && table.classes().empty() && table.grants().empty() && table.warrants().empty() &&
        cur != currency("USD")) {
        left.push_back("The cap table's currency " + std::string(cur.code()) +
                       " appears on no amount: OCF has no table currency (it reads back as USD).");
    }

    // Valuations.
    json valuation_items = json::array();
    for (std::size_t i = 0; i < valuations.size(); ++i) {
        const share_valuation& v = valuations[i];
        json o = {{"object_type", "VALUATION"},
                  {"id", pre + "valuation-" + std::to_string(i + 1)},
                  {"price_per_share", detail::ocf_monetary(price_text(v.price, "Valuation " + std::to_string(i) + " (" + v.share_class + ", " + to_string(v.effective_date) + ")'s price per share"), cur)},
                  {"effective_date", to_string(v.effective_date)},
                  {"stock_class_id", class_ids[*table.class_index(v.share_class)]},
                  {"valuation_type", std::string(to_string(v.type))}};
        if (!v.provider.empty()) o["provider"] = v.provider;
        if (v.board_approval_date) o["board_approval_date"] = to_string(*v.board_approval_date);
        if (v.stockholder_approval_date) o["stockholder_approval_date"] = to_string(*v.stockholder_approval_date);
        valuation_items.push_back(std::move(o));
    }

    // The files, then the manifest with their checksums.
    const auto file = [](const char* type, json items) { return json{{"file_type", type}, {"items", std::move(items)}}; };
    // Emplaced, not an initializer list: that would copy every file's tree once more.
    std::vector<std::pair<std::string, json>> files;
    files.reserve(5);
    files.emplace_back("Stakeholders.ocf.json", file("OCF_STAKEHOLDERS_FILE", std::move(stakeholders)));
    files.emplace_back("StockClasses.ocf.json", file("OCF_STOCK_CLASSES_FILE", std::move(classes)));
    files.emplace_back("StockPlans.ocf.json", file("OCF_STOCK_PLANS_FILE", std::move(plans)));
    files.emplace_back("Transactions.ocf.json", file("OCF_TRANSACTIONS_FILE", std::move(tx)));
    if (!valuations.empty()) files.emplace_back("Valuations.ocf.json", file("OCF_VALUATIONS_FILE", std::move(valuation_items)));
    const auto listed = [&](std::size_t k) {
        return json::array({{{"filepath", "./" + files[k].first}, {"md5", detail::ocf_md5_hex(ocf_file_text(files[k].second))}}});
    };
    // The issuer: what OCF requires and the options do not give is written and listed.
    std::string issuer_name = options.issuer_name;
    if (issuer_name.empty()) {
        issuer_name = "Company";
        left.push_back("No issuer name was given: the issuer's legal_name is written as \"Company\" (OCF requires one).");
    }
    calendar_date formed = as_of;
    if (options.formation_date) {
        formed = *options.formation_date;
    } else {
        // The earliest date the package writes, so that nothing is dated before the issuer was
        // formed.
        const auto earlier = [&](const std::optional<calendar_date>& d) {
            if (d && *d < formed) formed = *d;
        };
        for (const safe& s : safes) earlier(s.date);
        for (const convertible_note& n : notes) earlier(n.issue_date);
        for (std::size_t k = 0; k < events.size(); ++k) {
            if (event_written[k]) earlier(events[k].date);
        }
        for (const share_valuation& v : valuations) {
            earlier(v.effective_date);
            earlier(v.board_approval_date);
            earlier(v.stockholder_approval_date);
        }
        left.push_back("No formation date was given: the issuer's formation_date is written as " + to_string(formed) +
                       ", the earliest date of the package (OCF requires one).");
    }
    std::string country = options.country_of_formation;
    if (country.empty()) {
        country = "US";
        left.push_back("No country of formation was given: the issuer's country_of_formation is written as \"US\" (OCF requires one).");
    }
    json issuer = {{"object_type", "ISSUER"},
                   {"id", pre + "issuer"},
                   {"legal_name", issuer_name},
                   {"formation_date", to_string(formed)},
                   {"country_of_formation", country}};
    if (!options.country_subdivision_of_formation.empty()) {
        issuer["country_subdivision_of_formation"] = options.country_subdivision_of_formation;
    }
    left.push_back("The manifest's generated_at is written as the as-of date at midnight UTC (" + as_of_text +
                   "T00:00:00Z): fundround records no time of export, so that an export is reproducible.");
    json manifest = {{"ocf_version", std::string(ocf_version)},
                     {"file_type", "OCF_MANIFEST_FILE"},
                     {"issuer", std::move(issuer)},
                     {"as_of", as_of_text},
                     {"generated_at", as_of_text + "T00:00:00Z"},
                     {"stock_plans_files", listed(2)},
                     {"stock_legend_templates_files", json::array()},
                     {"stock_classes_files", listed(1)},
                     {"vesting_terms_files", json::array()},
                     {"valuations_files", valuations.empty() ? json::array() : listed(4)},
                     {"transactions_files", listed(3)},
                     {"stakeholders_files", listed(0)}};
    out.package.files.emplace_back("Manifest.ocf.json", std::move(manifest));
    for (auto& f : files) out.package.files.push_back(std::move(f));
    return out;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_JSON_OCF_HPP
