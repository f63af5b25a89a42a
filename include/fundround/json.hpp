/// @file json.hpp
/// @brief Opt-in JSON (nlohmann/json) for the value types, rounds and cap tables: exact strings for
/// money and fractions, ISO dates, conditions as objects; reading reports every problem at once,
/// each with its JSON pointer (needs nlohmann/json: `find_package(nlohmann_json)`, or the
/// `fundround::json` target).
///
/// Forms (docs/how-to-json.md): money is a string, written "15000000000 USD" (the exact decimal
/// in major units, at most 3 decimals, then the code) and read with parse_money() ("$15B",
/// "EUR 300M"); a JSON number is rejected. A fraction is "5/84" (or "3", or a decimal "0.7");
/// a date "2026-02-27"; a share count a JSON integer; a condition an object with a "kind".
/// Not included by fundround/fundround.hpp (fundround itself needs no JSON library).
#ifndef FUNDROUND_JSON_HPP
#define FUNDROUND_JSON_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/round_builder.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/valuation.hpp>
#include <fundround/error.hpp>
#include <fundround/io/money_parse.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/time/installments.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// The exact text of @p m as JSON writes it: "15000000000 USD", "-0.125 EUR" (no grouping,
/// trailing decimal zeros dropped, the currency code last).
[[nodiscard]] inline std::string json_money_text(money m) {
    const std::int64_t u = m.units();
    const std::uint64_t mag = u < 0 ? 0 - static_cast<std::uint64_t>(u) : static_cast<std::uint64_t>(u);
    const auto per = static_cast<std::uint64_t>(money::units_per_major);
    std::string text = (u < 0 ? "-" : "") + std::to_string(mag / per);
    std::uint64_t frac = mag % per;
    if (frac != 0) {
        std::string digits = std::to_string(frac + per).substr(1);  // three digits
        while (!digits.empty() && digits.back() == '0') digits.pop_back();
        text += "." + digits;
    }
    return text + " " + std::string(m.currency().code());
}

/// Appends the JSON text of @p j to @p out until @p out holds more than @p limit bytes. Each
/// array or object writes its bracket before its elements, so however deep the value is nested,
/// the recursion stops within @p limit levels (a dump() of the whole value would recurse to its
/// full depth, and overflow the stack on a hostile file).
inline void append_json_prefix(std::string& out, const nlohmann::json& j, std::size_t limit) {
    if (out.size() > limit) return;
    if (!j.is_structured()) {
        out += j.dump();  // a scalar: no nesting
        return;
    }
    const bool object = j.is_object();
    out += object ? '{' : '[';
    bool first = true;
    for (auto it = j.begin(); it != j.end() && out.size() <= limit; ++it) {
        if (!first) out += ',';
        first = false;
        if (object) out.append(nlohmann::json(it.key()).dump()).append(":");
        append_json_prefix(out, it.value(), limit);
    }
    out += object ? '}' : ']';
}

/// True if @p a and @p b are the same JSON value, compared at most @p depth levels deep: values
/// nested deeper count as different (nlohmann's operator== recurses to the full depth, and a
/// hostile file would overflow the stack).
inline bool json_equal_bounded(const nlohmann::json& a, const nlohmann::json& b, int depth = 32) {
    if (a.type() != b.type()) return false;
    if (!a.is_structured()) return a == b;
    if (depth == 0 || a.size() != b.size()) return false;
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto other = b.find(it.key());
            if (other == b.end() || !json_equal_bounded(it.value(), *other, depth - 1)) return false;
        }
        return true;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!json_equal_bounded(a[i], b[i], depth - 1)) return false;
    }
    return true;
}

/// The value as a diagnostic shows it: its JSON text, cut to 60 bytes (57 and "...", never
/// inside a UTF-8 character), at any depth of nesting.
[[nodiscard]] inline std::string json_value_text(const nlohmann::json& j) {
    std::string text;
    append_json_prefix(text, j, 60);
    text = visible_utf8_text(text);  // a JSON text leaves U+007F as it is
    if (text.size() > 60) {
        std::size_t cut = 57;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;  // a character's start
        text.resize(cut);
        text += "...";
    }
    return text;
}

/// "a string", "a number", "an object", ... for the rule of a value of the wrong type.
[[nodiscard]] inline std::string json_type_phrase(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return "a number";
        case nlohmann::json::value_t::binary: return "binary data";
        case nlohmann::json::value_t::discarded: return "nothing";
    }
    return "unknown";
}

/// The reason of a parse_error, without the input and position it repeats.
[[nodiscard]] inline std::string parse_error_reason(const parse_error& e) {
    const std::string prefix =
        "cannot parse \"" + detail::visible_text(e.input()) + "\" at position " + std::to_string(e.position()) + ": ";
    const std::string what = e.what();
    return what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what;
}

/// Parses the unsigned decimal digits @p s (at least one) below 2^127; empty if it is not that.
[[nodiscard]] inline std::optional<uint128> parse_json_digits(std::string_view s) {
    if (s.empty()) return std::nullopt;
    uint128 v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<unsigned>(c - '0');
        if (v > (int128_max_magnitude - digit) / 10) return std::nullopt;
        v = v * 10 + digit;
    }
    return v;
}

/// The "/pointer = value: rule" line of @p d ("(root)" for the whole document, whose pointer is
/// ""), on one line: control characters in the pointer's steps are escaped (visible_text()).
[[nodiscard]] inline std::string json_problem_line(const diagnostic& d) {
    const std::string f = d.field.empty() ? std::string("(root)") : detail::visible_text(d.field.json_pointer());
    if (d.value.empty()) return f + ": " + d.rule;
    return f + " = " + d.value + ": " + d.rule;
}

/// "what: N problems" then one json_problem_line() per problem.
[[nodiscard]] inline std::string join_json_problems(const std::string& what, const std::vector<diagnostic>& ds) {
    std::string text = what + ": " + std::to_string(ds.size()) + (ds.size() == 1 ? " problem" : " problems");
    for (const auto& d : ds) text += "\n  - " + json_problem_line(d);
    return text;
}

/// @p p with its first index step @p from replaced by @p to (labels kept): the builder numbers
/// the investors it was given, the document numbers every investor it lists.
[[nodiscard]] inline field_path renumbered(const field_path& p, std::size_t step, std::size_t to) {
    field_path out;
    const std::vector<path_segment> steps = p.segments();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const path_segment& s = steps[i];
        switch (s.kind) {
            case path_step::member: out = out.member(s.name); break;
            case path_step::index: out = out.index(i == step ? to : s.index); break;
            case path_step::key: out = out.key(s.name); break;
        }
        if (!s.label.empty()) out = out.labelled(s.label);
    }
    return out;
}

/// An enumerator and its name in JSON ({safe_form::post_money, "post_money"}).
template <class E>
struct json_choice {
    E value;           ///< The enumerator.
    const char* name;  ///< Its JSON name.
};

/// The JSON name of @p v in @p choices ("unknown" if absent, as the enums' to_string() writes a
/// value outside them: read back, it is a problem naming the field).
template <class E, std::size_t N>
[[nodiscard]] const char* json_choice_name(E v, const json_choice<E> (&choices)[N]) noexcept {
    for (const auto& c : choices) {
        if (c.value == v) return c.name;
    }
    return "unknown";
}

/// True if the JSON pointer @p a equals @p b or is a prefix of it ending at a step.
[[nodiscard]] inline bool pointer_covers(const std::string& a, const std::string& b) {
    return b.compare(0, a.size(), a) == 0 && (b.size() == a.size() || b[a.size()] == '/');
}

/// JSON pointers sorted, to ask whether one of them covers a pointer or is covered by it
/// (pointer_covers() either way) in O(depth x log n): a reader compares each problem of a
/// builder with the problems already reported, and scanning them all was O(n) a problem.
class pointer_set {
public:
    explicit pointer_set(std::vector<std::string> pointers) : sorted_(std::move(pointers)) {
        std::sort(sorted_.begin(), sorted_.end());
    }
    /// True if a pointer of the set covers @p p: @p p itself or one of its ancestors (the root ""
    /// included).
    [[nodiscard]] bool covers(const std::string& p) const {
        if (has(p)) return true;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (p[i] == '/' && has(p.substr(0, i))) return true;
        }
        return false;
    }
    /// True if @p p covers a pointer of the set: that pointer itself or one inside it.
    [[nodiscard]] bool within(const std::string& p) const {
        if (has(p)) return true;
        const std::string below = p + "/";
        const auto it = std::lower_bound(sorted_.begin(), sorted_.end(), below);
        return it != sorted_.end() && it->compare(0, below.size(), below) == 0;
    }
    /// covers(@p p) || within(@p p): some pointer of the set and @p p, one inside the other.
    [[nodiscard]] bool related(const std::string& p) const { return covers(p) || within(p); }

private:
    bool has(const std::string& p) const { return std::binary_search(sorted_.begin(), sorted_.end(), p); }
    std::vector<std::string> sorted_;
};

}  // namespace detail

/// Reading JSON failed: every problem, each at its JSON pointer (what() lists them as
/// "/investors/2/tranches/1/amount = \"12x\": rule"; problems() has the diagnostics).
class json_error : public validation_error {
public:
    /// The error for the document described by @p what with all its @p problems.
    json_error(const std::string& what, std::vector<diagnostic> problems)
        : validation_error(what, problems), text_(detail::join_json_problems(what, problems)) {}
    /// "what: N problems" and one line per problem, fields as JSON pointers.
    [[nodiscard]] const char* what() const noexcept override { return text_.c_str(); }

private:
    std::string text_;
};

/// A JSON text parsed by parse_json_text(): the document, or why it cannot be read.
struct parsed_json {
    nlohmann::json document;           ///< The document (complete when ok()).
    std::string syntax_error;          ///< nlohmann/json's message if the text is not JSON; empty otherwise.
    std::vector<diagnostic> repeated;  ///< Every member whose name repeats an earlier one of the same object, at its path.

    /// True if the text is JSON and no object repeats a member name.
    [[nodiscard]] bool ok() const noexcept { return syntax_error.empty() && repeated.empty(); }
};

namespace detail {

/// The SAX handler of parse_json_text(): builds the document as nlohmann::json::parse does and
/// records each member name an object repeats (nlohmann::json keeps the last one silently).
class json_unique_members {
public:
    using json = nlohmann::json;
    json_unique_members(json& root, parsed_json& out) : root_(root), out_(out) {}

    bool null() { return put(nullptr); }
    bool boolean(bool v) { return put(v); }
    bool number_integer(json::number_integer_t v) { return put(v); }
    bool number_unsigned(json::number_unsigned_t v) { return put(v); }
    bool number_float(json::number_float_t v, const json::string_t& /*text*/) { return put(v); }
    bool string(json::string_t& v) { return put(std::move(v)); }
    bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }  // not in JSON text
    bool start_object(std::size_t /*size*/) {
        open_.push_back({place(json::value_t::object), nullptr});
        return true;
    }
    bool key(json::string_t& name) {
        frame& f = open_.back();
        const auto [at, added] = f.value->emplace(name, nullptr);
        if (!added) {
            field_path p;
            for (std::size_t k = 0; k + 1 < open_.size(); ++k) {
                p = open_[k].key != nullptr ? p.member(*open_[k].key) : p.index(open_[k].value->size() - 1);
            }
            out_.repeated.push_back({p.member(name), "",
                                     "is given more than once in the same object (JSON does not say which one "
                                     "counts): give each member once"});
        }
        f.key = &at.key();
        member_ = &at.value();
        return true;
    }
    bool end_object() {
        open_.pop_back();
        return true;
    }
    bool start_array(std::size_t /*size*/) {
        open_.push_back({place(json::value_t::array), nullptr});
        return true;
    }
    bool end_array() {
        open_.pop_back();
        return true;
    }
    template <class Exception>
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const Exception& e) {
        out_.syntax_error = detail::visible_utf8_text(e.what());  // nlohmann quotes the bytes it last read, as they are
        return false;
    }

private:
    struct frame {
        json* value;              // the open object or array
        const std::string* key;   // an object's current member name (its key in the object); nullptr for an array
    };
    // Adds @p v where the document is at (the root, the open array, the current member); true.
    template <class V>
    bool put(V&& v) {
        (void)place(std::forward<V>(v));
        return true;
    }
    // The same, returning the value added (an object or array to open).
    template <class V>
    json* place(V&& v) {
        if (open_.empty()) {
            root_ = json(std::forward<V>(v));
            return &root_;
        }
        json& top = *open_.back().value;
        if (top.is_array()) {
            top.emplace_back(std::forward<V>(v));
            return &top.back();
        }
        *member_ = json(std::forward<V>(v));
        return member_;
    }

    json& root_;
    parsed_json& out_;
    std::vector<frame> open_;
    json* member_ = nullptr;
};

}  // namespace detail

/// Parses JSON @p text as nlohmann::json::parse() does, and also finds every object member whose
/// name repeats an earlier member of the same object: JSON (RFC 8259) leaves which one counts to
/// the reader, and nlohmann::json keeps the last silently, so a file with `"shares": 4000000,
/// "shares": 5` would read as 5. Never throws for bad text: see parsed_json::ok().
[[nodiscard]] inline parsed_json parse_json_text(std::string_view text) {
    parsed_json out;
    detail::json_unique_members handler(out.document, out);
    if (!nlohmann::json::sax_parse(text.begin(), text.end(), &handler) && out.syntax_error.empty()) {
        out.syntax_error = "is not JSON";
    }
    return out;
}

namespace detail {
/// The document of JSON @p text for a reader of @p what ("round", "deal file"); throws
/// json_error("<what> is invalid") with one problem at the root if the text is not JSON, or with
/// every repeated member name (parse_json_text()).
[[nodiscard]] inline nlohmann::json parse_json_document(std::string_view text, const char* what) {
    parsed_json j = parse_json_text(text);
    if (!j.syntax_error.empty()) {
        throw json_error(std::string(what) + " is invalid", {{field_path(), "", "is not valid JSON: " + j.syntax_error}});
    }
    if (!j.repeated.empty()) throw json_error(std::string(what) + " is invalid", std::move(j.repeated));
    return std::move(j.document);
}

/// The text of a preferred class's preference (or participation cap) @p multiple x
/// @p original_issue_price x @p issued shares when it is beyond the amount range (64-bit
/// thousandths of a unit: no exit can pay it), "the multiple x the original issue price $P x its N
/// issued shares, exceed the amount range ..."; nullopt when it fits.
[[nodiscard]] inline std::optional<std::string> preference_out_of_range(const fraction& multiple,
                                                                        const price_per_share& original_issue_price,
                                                                        share_count issued) {
    bool fits = true;
    try {
        fits = multiple * original_issue_price.units_per_share() * fraction(issued.value()) <=
               fraction(std::numeric_limits<std::int64_t>::max());
    } catch (const overflow_error&) {
        fits = false;
    }
    if (fits) return std::nullopt;
    return "the multiple x the original issue price " + original_issue_price.display_string() + " x its " +
           std::to_string(issued.value()) +
           " issued shares, exceed the amount range (64-bit thousandths of a unit): no exit can pay it";
}
}  // namespace detail

/// Reads fundround values from JSON, collecting every problem (a diagnostic whose field is the
/// JSON path, printed as a JSON pointer) instead of stopping at the first. Each read_* returns
/// the value, or nothing after recording why; paths are relative to the reader's base.
class json_reader {
public:
    /// A reader whose problems are reported under @p base (the whole document by default).
    explicit json_reader(field_path base = {}) : base_(std::move(base)) {}

    /// Records a problem at @p at (relative to the base): the offending @p value, the @p rule.
    void report(const field_path& at, std::string value, std::string rule) {
        problems_.push_back({base_ / at, std::move(value), std::move(rule)});
    }
    /// The path the reader's problems are reported under.
    [[nodiscard]] const field_path& base() const noexcept { return base_; }
    /// Every problem recorded so far, in document order.
    [[nodiscard]] const std::vector<diagnostic>& problems() const noexcept { return problems_; }
    /// True if no problem was recorded.
    [[nodiscard]] bool ok() const noexcept { return problems_.empty(); }
    /// Throws json_error("@p what is invalid", every problem) unless ok().
    void throw_if_problems(const std::string& what) const {
        if (!ok()) throw json_error(what + " is invalid", problems_);
    }
    /// The currency of amounts whose text names none ("15B"); empty: such amounts are a problem.
    [[nodiscard]] std::optional<currency> default_currency() const noexcept { return default_currency_; }
    /// Sets the currency of amounts whose text names none (empty: they are a problem).
    void set_default_currency(std::optional<currency> c) noexcept { default_currency_ = c; }

    /// Reports @p j at @p at unless it is an object whose members are all in @p known; true if
    /// it is an object (unknown members are reported, one problem each).
    bool expect_object(const nlohmann::json& j, const field_path& at, const char* what,
                       std::initializer_list<const char*> known) {
        if (!j.is_object()) {
            report(at, detail::json_value_text(j), "must be an object (" + std::string(what) + "), not " +
                                                        detail::json_type_phrase(j));
            return false;
        }
        report_unknown_members(j, at, what, known.begin(), known.end());
        return true;
    }
    /// Reports each member of object @p j that is not one of [@p first, @p last) (names), one
    /// problem each at its path: "is not a member of <what>; expected <the names>".
    void report_unknown_members(const nlohmann::json& j, const field_path& at, const char* what, const char* const* first,
                                const char* const* last) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            bool found = false;
            for (const char* const* k = first; k != last; ++k) found = found || it.key() == *k;
            if (!found) {
                std::string list;
                for (const char* const* k = first; k != last; ++k) list += std::string(list.empty() ? "" : ", ") + *k;
                report(at.member(it.key()), "", "is not a member of " + std::string(what) + "; expected " + list);
            }
        }
    }
    /// The member @p name of object @p obj, or nullptr if absent.
    [[nodiscard]] static const nlohmann::json* member(const nlohmann::json& obj, const char* name) {
        const auto it = obj.find(name);
        return it == obj.end() ? nullptr : &*it;
    }
    /// The member @p name of object @p obj; reports it as required (under @p at) if absent.
    const nlohmann::json* required(const nlohmann::json& obj, const field_path& at, const char* name) {
        const nlohmann::json* m = member(obj, name);
        if (m == nullptr) report(at.member(name), "", "is required");
        return m;
    }

    /// A string on one line: a name, a label, an id, a date. A control character (a tab, a line
    /// break, another below U+0020, or U+007F) is a problem: such text prints on one line in
    /// tables, CSV and charts.
    [[nodiscard]] std::optional<std::string> read_string(const nlohmann::json& j, const field_path& at) {
        auto text = read_free_text(j, at);
        if (!text) return std::nullopt;
        for (const char c : *text) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) {
                report(at, detail::json_value_text(j),
                       "must not contain control characters (a tab, a line break...): it prints on one line");
                return std::nullopt;
            }
        }
        return text;
    }
    /// A string, whatever it holds (free text the import only notes).
    [[nodiscard]] std::optional<std::string> read_free_text(const nlohmann::json& j, const field_path& at) {
        if (!j.is_string()) return wrong_type(j, at, "a string");
        return j.get<std::string>();
    }
    /// true or false.
    [[nodiscard]] std::optional<bool> read_bool(const nlohmann::json& j, const field_path& at) {
        if (!j.is_boolean()) return wrong_type(j, at, "true or false");
        return j.get<bool>();
    }
    /// An amount: a string parse_money() reads ("15000000000 USD", "$15B"; without a currency
    /// the default_currency()); a JSON number is rejected, since readers turn it into a double.
    [[nodiscard]] std::optional<money> read_money(const nlohmann::json& j, const field_path& at) {
        if (j.is_number()) {
            report(at, detail::json_value_text(j),
                   "must be a string such as \"15000000000 USD\" or \"$15B\": a JSON number is not exact "
                   "(readers turn it into a double)");
            return std::nullopt;
        }
        if (!j.is_string()) return wrong_type(j, at, "an amount string such as \"15000000000 USD\"");
        const std::string& text = j.get_ref<const std::string&>();
        try {
            // "XXX" (ISO 4217: no currency) as the fallback tells whether the text names one.
            const currency none("XXX");
            money m = parse_money(text, none);
            if (m.currency() == none && parse_money(text, currency("USD")).currency() != none) {
                if (!default_currency_) {
                    report(at, detail::json_value_text(j),
                           "needs a currency: write it with a code, such as \"15000000000 USD\"");
                    return std::nullopt;
                }
                m = money::from_units(m.units(), *default_currency_);
            }
            return m;
        } catch (const parse_error& e) {
            report(at, detail::json_value_text(j),
                   "is not an amount (at position " + std::to_string(e.position()) + ": " +
                       detail::parse_error_reason(e) + ")");
        } catch (const overflow_error&) {
            report(at, detail::json_value_text(j), "is out of the amount range (64-bit thousandths of a unit)");
        }
        return std::nullopt;
    }
    /// A currency code: "USD".
    [[nodiscard]] std::optional<currency> read_currency(const nlohmann::json& j, const field_path& at) {
        if (!j.is_string()) return wrong_type(j, at, "a currency code such as \"USD\"");
        const std::string& code = j.get_ref<const std::string&>();
        if (!currency::valid_code(code)) {
            report(at, detail::json_value_text(j), "must be a currency code of three letters A-Z, such as \"USD\"");
            return std::nullopt;
        }
        return currency(code);
    }
    /// An exact fraction: "5/84", "-3", or a decimal "0.7" / "70%" (fraction::from_decimal).
    [[nodiscard]] std::optional<fraction> read_fraction(const nlohmann::json& j, const field_path& at) {
        if (!j.is_string()) return wrong_type(j, at, "a fraction string such as \"5/84\"");
        const std::string& text = j.get_ref<const std::string&>();
        const std::size_t slash = text.find('/');
        if (slash == std::string::npos) {
            try {
                return fraction::from_decimal(text);
            } catch (const parse_error& e) {
                report(at, detail::json_value_text(j), "is not a fraction such as \"5/84\" or a decimal (" +
                                                           detail::parse_error_reason(e) + ")");
            } catch (const error& e) {
                report(at, detail::json_value_text(j), std::string("is out of range: ") + detail::reason_of(e));
            }
            return std::nullopt;
        }
        const bool negative = !text.empty() && text[0] == '-';
        const auto n = detail::parse_json_digits(std::string_view(text).substr(negative ? 1 : 0, slash - (negative ? 1 : 0)));
        const auto d = detail::parse_json_digits(std::string_view(text).substr(slash + 1));
        if (!n || !d) {
            report(at, detail::json_value_text(j),
                   "must be \"n/d\": an optional '-', digits, '/', digits, each term below 2^127");
            return std::nullopt;
        }
        if (*d == 0) {
            report(at, detail::json_value_text(j), "has a zero denominator");
            return std::nullopt;
        }
        return fraction(detail::signed_from(negative, *n), static_cast<fraction::rep>(*d));
    }
    /// An ISO 8601 date "2026-02-27" (a year of 4 or 5 digits, '-' first for years before 1), a
    /// real calendar day no later than 9999-12-31.
    [[nodiscard]] std::optional<calendar_date> read_date(const nlohmann::json& j, const field_path& at) {
        if (!j.is_string()) return wrong_type(j, at, "a date string such as \"2026-02-27\"");
        const std::string& text = j.get_ref<const std::string&>();
        const auto bad = [&]() -> std::optional<calendar_date> {
            report(at, detail::json_value_text(j), "must be an ISO date YYYY-MM-DD, such as \"2026-02-27\"");
            return std::nullopt;
        };
        const bool negative = !text.empty() && text[0] == '-';
        const std::string_view rest = std::string_view(text).substr(negative ? 1 : 0);
        const std::size_t dash = rest.find('-');
        if (dash == std::string_view::npos || dash < 4 || dash > 5 || rest.size() != dash + 6 ||
            rest[dash + 3] != '-') {
            return bad();
        }
        const auto y = detail::parse_json_digits(rest.substr(0, dash));
        const auto m = detail::parse_json_digits(rest.substr(dash + 1, 2));
        const auto d = detail::parse_json_digits(rest.substr(dash + 4, 2));
        if (!y || !m || !d) return bad();
        const int year_number = static_cast<int>(static_cast<std::int64_t>(*y));  // at most 5 digits
        if (year_number > 32767) {  // beyond what a calendar_date holds
            report(at, detail::json_value_text(j),
                   negative ? "is before -32767-01-01, the first day fundround models"
                            : "is after 9999-12-31, the last day fundround models");
            return std::nullopt;
        }
        // Two digits each: the month and day fit what a calendar_date holds.
        const calendar_date day = year{negative ? -year_number : year_number} / static_cast<unsigned>(*m) /
                                  static_cast<unsigned>(*d);
        if (!is_modelled(day)) {
            report(at, detail::json_value_text(j), date_rule(day));
            return std::nullopt;
        }
        return day;
    }
    /// A share count: a JSON integer that fits 64 bits.
    [[nodiscard]] std::optional<share_count> read_share_count(const nlohmann::json& j, const field_path& at) {
        if (j.is_number_unsigned()) {
            const auto v = j.get<std::uint64_t>();
            if (v > static_cast<std::uint64_t>(detail::int64_max)) {
                report(at, detail::json_value_text(j), "is out of range: a share count must fit 64 bits");
                return std::nullopt;
            }
            return share_count(static_cast<std::int64_t>(v));
        }
        if (j.is_number_integer()) return share_count(j.get<std::int64_t>());
        if (j.is_number_float()) {
            // An integer beyond 64 bits reaches here as the JSON reader's double (every double of
            // magnitude 2^63 or more is a whole number): only the message depends on it (no
            // value is taken from the double).
            const double v = j.get<double>();
            // A whole number written with a decimal point or an exponent (5000000.0, 5e6) is a
            // JSON float to every reader: say how to write it, not that it is not whole.
            // Beyond 2^53 the double is not the number written (9007199254740993.0 reads as
            // ...992): the number is not named, as it may not be the one the file has.
            const bool beyond = v >= 0x1p63 || v < -0x1p63;
            const bool exact = v < 0x1p53 && v > -0x1p53;
            report(at, detail::json_value_text(j),
                   beyond                 ? std::string("is out of range: a share count must fit 64 bits")
                   : std::trunc(v) != v   ? std::string("must be a whole number of shares (a JSON integer)")
                   : exact                ? "must be written as a JSON integer: " + std::to_string(static_cast<std::int64_t>(v)) +
                                   ", without a decimal point or exponent"
                                          : std::string("must be written as a JSON integer, without a decimal point or exponent (as a "
                                                        "JSON float, its digits beyond 2^53 are not kept)"));
            return std::nullopt;
        }
        return wrong_type(j, at, "a share count (a JSON integer)");
    }
    /// A rounding mode by its to_string() name: "half_even".
    [[nodiscard]] std::optional<rounding> read_rounding(const nlohmann::json& j, const field_path& at) {
        static constexpr rounding modes[] = {rounding::exact, rounding::toward_zero, rounding::away_from_zero,
                                             rounding::floor, rounding::ceiling, rounding::half_away_from_zero,
                                             rounding::half_toward_zero, rounding::half_even};
        return read_name(j, at, modes, "a rounding mode");
    }
    /// An investor kind by its to_string() name: "strategic".
    [[nodiscard]] std::optional<investor_kind> read_investor_kind(const nlohmann::json& j, const field_path& at) {
        static constexpr investor_kind kinds[] = {investor_kind::strategic, investor_kind::financial,
                                                  investor_kind::sovereign, investor_kind::employee,
                                                  investor_kind::angel,     investor_kind::other};
        return read_name(j, at, kinds, "an investor kind");
    }
    /// A condition: {"kind": "always"}, {"kind": "on_or_after", "date": ...}, {"kind":
    /// "milestone", "name": ...}, {"kind": "all_of" or "any_of", "parts": [...]}, {"kind":
    /// "negation", "part": ...}, {"kind": "long_stop", "date": ..., "part": ...}. An all_of or
    /// any_of without parts is a problem (the one would be met at close, the other never: a
    /// tranche at close has no condition).
    [[nodiscard]] std::optional<condition> read_condition(const nlohmann::json& j, const field_path& at) {
        return read_condition_at(j, at, 1);
    }
    /// A tranche: {"amount", "condition" (default always), "expected_date", "fallback", "label"}.
    [[nodiscard]] std::optional<tranche> read_tranche(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "a tranche", {"amount", "condition", "expected_date", "fallback", "label"})) {
            return std::nullopt;
        }
        const std::size_t before = problems_.size();
        std::optional<money> amount;
        if (const auto* a = required(j, at, "amount")) amount = read_money(*a, at.member("amount"));
        condition when;
        if (const auto* c = member(j, "condition")) {
            if (auto v = read_condition(*c, at.member("condition"))) when = std::move(*v);
        }
        std::optional<calendar_date> expected;
        if (const auto* e = member(j, "expected_date")) expected = read_date(*e, at.member("expected_date"));
        std::optional<money> fallback;
        if (const auto* f = member(j, "fallback")) fallback = read_money(*f, at.member("fallback"));
        std::string label;
        if (const auto* l = member(j, "label")) label = read_string(*l, at.member("label")).value_or("");
        if (problems_.size() != before) return std::nullopt;
        tranche t(*amount, std::move(when), expected, std::move(label));
        if (fallback) {
            try {
                t = t.otherwise(*fallback);
            } catch (const invalid_argument_error&) {
                report_fallback(*fallback, *amount, at.member("fallback"));
                return std::nullopt;
            }
        }
        return t;
    }
    /// An investor: {"name", "kind" (default "other"), "lead" (default false)}.
    [[nodiscard]] std::optional<investor> read_investor(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "an investor", {"name", "kind", "lead"})) return std::nullopt;
        return read_investor_members(j, at);
    }
    /// A valuation: {"pre_money", "pre_money_shares" (optional)}.
    [[nodiscard]] std::optional<valuation> read_valuation(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "a valuation", {"pre_money", "pre_money_shares"})) return std::nullopt;
        const std::size_t before = problems_.size();
        std::optional<money> pre;
        if (const auto* p = required(j, at, "pre_money")) pre = read_money(*p, at.member("pre_money"));
        std::optional<share_count> shares;
        if (const auto* s = member(j, "pre_money_shares")) shares = read_share_count(*s, at.member("pre_money_shares"));
        if (pre && !pre->is_positive()) report(at.member("pre_money"), format_full(*pre), "must be positive");
        if (shares && shares->value() <= 0) {
            report(at.member("pre_money_shares"), std::to_string(shares->value()), "must be positive");
        }
        if (problems_.size() != before) return std::nullopt;
        return shares ? valuation(*pre, *shares) : valuation(*pre);
    }
    /// A price per share: {"amount", "shares"}, the price amount / shares (written in lowest
    /// terms).
    [[nodiscard]] std::optional<price_per_share> read_price(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "a price per share", {"amount", "shares"})) return std::nullopt;
        const std::size_t before = problems_.size();
        std::optional<money> amount;
        if (const auto* a = required(j, at, "amount")) amount = read_money(*a, at.member("amount"));
        std::optional<share_count> shares;
        if (const auto* s = required(j, at, "shares")) shares = read_share_count(*s, at.member("shares"));
        if (amount && !amount->is_positive()) report(at.member("amount"), format_full(*amount), "must be positive");
        if (shares && shares->value() <= 0) report(at.member("shares"), std::to_string(shares->value()), "must be positive");
        if (problems_.size() != before) return std::nullopt;
        return price_per_share(*amount, *shares);
    }
    /// A holder kind by its to_string() name: "founder".
    [[nodiscard]] std::optional<holder_kind> read_holder_kind(const nlohmann::json& j, const field_path& at) {
        static constexpr holder_kind kinds[] = {holder_kind::founder, holder_kind::employee, holder_kind::investor,
                                                holder_kind::advisor, holder_kind::other};
        return read_name(j, at, kinds, "a holder kind");
    }
    /// A compounding frequency by its to_string() name: "quarterly".
    [[nodiscard]] std::optional<frequency> read_frequency(const nlohmann::json& j, const field_path& at) {
        static constexpr frequency periods[] = {frequency::monthly, frequency::quarterly, frequency::semiannual,
                                                frequency::yearly};
        return read_name(j, at, periods, "a frequency");
    }
    /// A holder id: a non-empty string.
    [[nodiscard]] std::optional<holder_id> read_holder_id(const nlohmann::json& j, const field_path& at) {
        auto text = read_string(j, at);
        if (!text) return std::nullopt;
        if (text->empty()) {
            report(at, "\"\"", "must not be empty");
            return std::nullopt;
        }
        return holder_id(std::move(*text));
    }
    /// A holder: {"id", "name", "kind" (default "other")}.
    [[nodiscard]] std::optional<holder> read_holder(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "a holder", {"id", "name", "kind"})) return std::nullopt;
        const std::size_t before = problems_.size();
        std::optional<holder_id> id;
        if (const auto* m = required(j, at, "id")) id = read_holder_id(*m, at.member("id"));
        std::optional<std::string> name;
        if (const auto* m = required(j, at, "name")) name = read_string(*m, at.member("name"));
        holder_kind kind = holder_kind::other;
        if (const auto* m = member(j, "kind")) kind = read_holder_kind(*m, at.member("kind")).value_or(kind);
        if (problems_.size() != before) return std::nullopt;
        return holder(std::move(*id), std::move(*name), kind);
    }
    /// Liquidation terms: {"multiple" (default "1"), "participation": {"kind", "cap_multiple"}
    /// (default non-participating), "seniority" (default 0), "dividends": {"kind", "annual_rate",
    /// "accrual_start", "compounding"} (default none)}. Checked by share_class::validate() when
    /// read as part of a share class.
    [[nodiscard]] std::optional<liquidation_terms> read_liquidation_terms(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "liquidation terms", {"multiple", "participation", "seniority", "dividends"})) {
            return std::nullopt;
        }
        const std::size_t before = problems_.size();
        liquidation_terms t;
        if (const auto* m = member(j, "multiple")) t.multiple = read_fraction(*m, at.member("multiple")).value_or(t.multiple);
        if (const auto* m = member(j, "participation")) {
            if (auto v = read_participation(*m, at.member("participation"))) t.participation = *v;
        }
        if (const auto* m = member(j, "seniority")) {
            std::optional<std::int64_t> rank;
            if (m->is_number_unsigned()) {
                if (m->get<std::uint64_t>() <= 2147483647U) rank = static_cast<std::int64_t>(m->get<std::uint64_t>());
            } else if (m->is_number_integer()) {
                const auto v = m->get<std::int64_t>();
                if (v >= -2147483647 - 1 && v <= 2147483647) rank = v;
            }
            if (rank) {
                t.seniority = static_cast<int>(*rank);
            } else {
                report(at.member("seniority"), detail::json_value_text(*m), "must be an integer rank (a JSON integer of 32 bits)");
            }
        }
        if (const auto* m = member(j, "dividends")) {
            if (auto v = read_dividend_terms(*m, at.member("dividends"))) t.dividends = *v;
        }
        if (problems_.size() != before) return std::nullopt;
        return t;
    }
    /// A participation: {"kind" ("non_participating", "full" or "capped"), "cap_multiple"}.
    [[nodiscard]] std::optional<participation> read_participation(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "a participation", {"kind", "cap_multiple"})) return std::nullopt;
        const std::size_t before = problems_.size();
        participation out;
        static constexpr participation_kind kinds[] = {participation_kind::non_participating, participation_kind::full,
                                                       participation_kind::capped};
        if (const auto* k = required(j, at, "kind")) out.kind = read_name(*k, at.member("kind"), kinds, "a participation kind").value_or(out.kind);
        if (const auto* c = member(j, "cap_multiple")) {
            out.cap_multiple = read_fraction(*c, at.member("cap_multiple")).value_or(fraction());
        } else if (out.kind == participation_kind::capped) {
            // Without it the cap would read as 0 and be reported as "cap_multiple = 0", a value
            // the file does not have.
            report(at.member("cap_multiple"), "",
                   "is required when kind is \"capped\": the multiple of the original issue price the class "
                   "receives in all, its preference included (\"3\")");
        }
        if (problems_.size() != before) return std::nullopt;
        return out;
    }
    /// Dividend terms: {"kind" ("none", "non_cumulative", "cumulative_simple",
    /// "cumulative_compound"), "annual_rate", "accrual_start", "compounding"}.
    [[nodiscard]] std::optional<dividend_terms> read_dividend_terms(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "dividend terms", {"kind", "annual_rate", "accrual_start", "compounding"})) return std::nullopt;
        const std::size_t before = problems_.size();
        dividend_terms out;
        static constexpr dividend_kind kinds[] = {dividend_kind::none, dividend_kind::non_cumulative, dividend_kind::cumulative_simple,
                                                  dividend_kind::cumulative_compound};
        if (const auto* k = required(j, at, "kind")) out.kind = read_name(*k, at.member("kind"), kinds, "a dividend kind").value_or(out.kind);
        if (const auto* r = member(j, "annual_rate")) out.annual_rate = read_fraction(*r, at.member("annual_rate")).value_or(fraction());
        if (const auto* s = member(j, "accrual_start")) out.accrual_start = read_date(*s, at.member("accrual_start"));
        if (const auto* c = member(j, "compounding")) {
            out.compounding = read_frequency(*c, at.member("compounding")).value_or(frequency::yearly);
        }
        if (problems_.size() != before) return std::nullopt;
        return out;
    }
    /// A share class: {"name", "kind" ("common" or "preferred"), "conversion_ratio" (default
    /// "1"), and for a preferred series "original_issue_price" and "terms" (default standard)},
    /// with share_class::validate()'s problems at their pointers.
    [[nodiscard]] std::optional<share_class> read_share_class(const nlohmann::json& j, const field_path& at) {
        if (!expect_object(j, at, "a share class", {"name", "kind", "conversion_ratio", "original_issue_price", "terms"})) {
            return std::nullopt;
        }
        const std::size_t before = problems_.size();
        std::optional<std::string> name;
        if (const auto* m = required(j, at, "name")) name = read_string(*m, at.member("name"));
        static constexpr share_class_kind kinds[] = {share_class_kind::common, share_class_kind::preferred};
        std::optional<share_class_kind> kind;
        if (const auto* m = required(j, at, "kind")) kind = read_name(*m, at.member("kind"), kinds, "a share class kind");
        fraction ratio(1);
        if (const auto* m = member(j, "conversion_ratio")) ratio = read_fraction(*m, at.member("conversion_ratio")).value_or(ratio);
        std::optional<price_per_share> price;
        std::optional<liquidation_terms> terms = liquidation_terms::standard();
        if (kind == share_class_kind::common) {
            for (const char* m : {"original_issue_price", "terms"}) {
                if (member(j, m) != nullptr) report(at.member(m), "", "is not a member of a common class");
            }
        } else if (kind == share_class_kind::preferred) {
            if (const auto* m = member(j, "original_issue_price")) {
                price = read_price(*m, at.member("original_issue_price"));
            } else {
                report(at.member("original_issue_price"), "",
                       "is required for a preferred class: the price per share its preference is a multiple of, "
                       "such as {\"amount\": \"1 USD\", \"shares\": 1}");
            }
            if (const auto* m = member(j, "terms")) terms = read_liquidation_terms(*m, at.member("terms"));
        }
        if (problems_.size() != before) return std::nullopt;
        share_class c = *kind == share_class_kind::common ? share_class::common(std::move(*name))
                                                          : share_class::preferred(std::move(*name), *price, *terms);
        if (ratio != fraction(1)) c = c.with_conversion_ratio(ratio);
        for (const diagnostic& d : c.validate()) report(at / d.field, d.value, d.rule);
        if (problems_.size() != before) return std::nullopt;
        return c;
    }
    /// A cap table: {"currency", "holders", "classes", "holdings": [{"holder", "share_class",
    /// "shares"}], "pools": [{"name", "share_class", "authorized"}], "grants": [{"holder", "pool",
    /// "shares", "exercise_price"}], "warrants": [{"holder", "share_class", "shares",
    /// "exercise_price"}], "declared_distinct": [["id", "id"]]}, built with cap_table_builder;
    /// its problems are reported too, at their JSON pointers, except a reference to a holder,
    /// class or pool the document has but that did not read (its own problems are reported).
    /// A preferred class whose preference or participation cap (multiple x original issue price
    /// x issued shares) is beyond the amount range is a problem at its multiple.
    [[nodiscard]] std::optional<cap_table> read_cap_table(const nlohmann::json& j, const field_path& at);
    /// A round (see docs/how-to-json.md): {"name", "currency", "pre_money" and/or "post_money",
    /// "pre_money_shares", "prior_mark", "prior_mark_label", "prior_round", "prior_round_label",
    /// "close_date", "investors": [{"name", "kind", "lead", "commitment", "tranches"}]}, built
    /// with round_builder; its problems are reported too, at their JSON pointers. A name, when
    /// given, is not empty (rounds are named in reports; read_deal_file() requires one).
    [[nodiscard]] std::optional<funding_round> read_round(const nlohmann::json& j, const field_path& at);

    /// Reports @p j at @p at as not @p expected ("must be a string, not a number"); returns
    /// nothing.
    std::nullopt_t wrong_type(const nlohmann::json& j, const field_path& at, const std::string& expected) {
        report(at, detail::json_value_text(j), "must be " + expected + ", not " + detail::json_type_phrase(j));
        return std::nullopt;
    }
    /// One of the names of @p choices ({value, "name"} pairs), as @p what ("a SAFE form").
    template <class E, std::size_t N>
    [[nodiscard]] std::optional<E> read_choice(const nlohmann::json& j, const field_path& at, const detail::json_choice<E> (&choices)[N],
                                 const char* what) {
        std::string list;
        for (const auto& c : choices) list += std::string(list.empty() ? "" : ", ") + c.name;
        if (!j.is_string()) return wrong_type(j, at, std::string(what) + " name (" + list + ")");
        const std::string& text = j.get_ref<const std::string&>();
        for (const auto& c : choices) {
            if (text == c.name) return c.value;
        }
        report(at, detail::json_value_text(j), "must be " + std::string(what) + ": one of " + list);
        return std::nullopt;
    }

private:
    template <class E, std::size_t N>
    std::optional<E> read_name(const nlohmann::json& j, const field_path& at, const E (&values)[N], const char* what) {
        std::string list;
        for (const E v : values) list += std::string(list.empty() ? "" : ", ") + std::string(to_string(v));
        if (!j.is_string()) return wrong_type(j, at, std::string(what) + " name (" + list + ")");
        const std::string& text = j.get_ref<const std::string&>();
        for (const E v : values) {
            if (text == to_string(v)) return v;
        }
        report(at, detail::json_value_text(j), "must be " + std::string(what) + ": one of " + list);
        return std::nullopt;
    }
    void report_fallback(money fallback, money amount, const field_path& at) {
        if (fallback.currency() != amount.currency()) {
            report(at, format_full(fallback), "must be in the amount's currency, " + to_string(amount.currency()));
        } else if (!fallback.is_positive()) {
            report(at, format_full(fallback), "must be positive");
        } else {
            report(at, format_full(fallback), "must be less than the amount if met, " + format_full(amount));
        }
    }
    std::optional<investor> read_investor_members(const nlohmann::json& j, const field_path& at) {
        const std::size_t before = problems_.size();
        std::optional<std::string> name;
        if (const auto* n = required(j, at, "name")) name = read_string(*n, at.member("name"));
        investor_kind kind = investor_kind::other;
        if (const auto* k = member(j, "kind")) kind = read_investor_kind(*k, at.member("kind")).value_or(kind);
        bool lead = false;
        if (const auto* l = member(j, "lead")) lead = read_bool(*l, at.member("lead")).value_or(false);
        if (problems_.size() != before) return std::nullopt;
        return investor(*name, kind, lead);
    }
    std::optional<condition> read_condition_at(const nlohmann::json& j, const field_path& at, std::size_t depth) {
        if (depth > max_condition_depth) {
            report(at, "", "is nested deeper than " + std::to_string(max_condition_depth) + " levels");
            return std::nullopt;
        }
        if (!expect_object(j, at, "a condition", {"kind", "date", "name", "parts", "part"})) return std::nullopt;
        const nlohmann::json* k = required(j, at, "kind");
        if (k == nullptr) return std::nullopt;
        static constexpr condition_kind kinds[] = {condition_kind::always, condition_kind::on_or_after,
                                                   condition_kind::milestone, condition_kind::all_of,
                                                   condition_kind::any_of, condition_kind::negation,
                                                   condition_kind::long_stop};
        const auto kind = read_name(*k, at.member("kind"), kinds, "a condition kind");
        if (!kind) return std::nullopt;
        const auto allow = [&](std::initializer_list<const char*> members) {
            for (const char* m : {"date", "name", "parts", "part"}) {
                bool allowed = false;
                for (const char* a : members) allowed = allowed || std::string_view(a) == m;
                if (!allowed && member(j, m) != nullptr) {
                    report(at.member(m), "", std::string("is not a member of a condition of kind \"").append(to_string(*kind)) + "\"");
                }
            }
        };
        const std::size_t before = problems_.size();
        switch (*kind) {
            case condition_kind::always: allow({}); return problems_.size() == before ? std::optional<condition>(condition::always()) : std::nullopt;
            case condition_kind::on_or_after: {
                allow({"date"});
                std::optional<calendar_date> d;
                if (const auto* m = required(j, at, "date")) d = read_date(*m, at.member("date"));
                if (problems_.size() != before) return std::nullopt;
                return condition::on_or_after(*d);
            }
            case condition_kind::milestone: {
                allow({"name"});
                std::optional<std::string> name;
                if (const auto* m = required(j, at, "name")) name = read_string(*m, at.member("name"));
                if (name && name->empty()) report(at.member("name"), "\"\"", "must not be empty");
                if (problems_.size() != before) return std::nullopt;
                return condition::milestone(*name);
            }
            case condition_kind::all_of:
            case condition_kind::any_of: {
                allow({"parts"});
                std::vector<condition> parts;
                if (const auto* m = required(j, at, "parts")) {
                    if (!m->is_array()) {
                        wrong_type(*m, at.member("parts"), "an array of conditions");
                    } else if (m->empty()) {
                        // An empty all_of waits for nothing (a tranche at close, which says so by
                        // having no condition); an empty any_of is never met.
                        report(at.member("parts"), "[]",
                               *kind == condition_kind::all_of
                                   ? "must hold at least one condition: for a tranche paid at close, leave \"condition\" out (or write {\"kind\": \"always\"})"
                                   : "must hold at least one condition: an any_of without parts is never met");
                    } else {
                        for (std::size_t i = 0; i < m->size(); ++i) {
                            if (auto p = read_condition_at((*m)[i], at.member("parts").index(i), depth + 1)) {
                                parts.push_back(std::move(*p));
                            }
                        }
                    }
                }
                if (problems_.size() != before) return std::nullopt;
                return *kind == condition_kind::all_of ? condition::all_of(std::move(parts))
                                                       : condition::any_of(std::move(parts));
            }
            case condition_kind::negation: {
                allow({"part"});
                std::optional<condition> part;
                if (const auto* m = required(j, at, "part")) part = read_condition_at(*m, at.member("part"), depth + 1);
                if (problems_.size() != before) return std::nullopt;
                return condition::negation(std::move(*part));
            }
            case condition_kind::long_stop: {
                allow({"date", "part"});
                std::optional<calendar_date> d;
                if (const auto* m = required(j, at, "date")) d = read_date(*m, at.member("date"));
                std::optional<condition> part;
                if (const auto* m = required(j, at, "part")) part = read_condition_at(*m, at.member("part"), depth + 1);
                if (problems_.size() != before) return std::nullopt;
                return part->with_long_stop(*d);
            }
        }
        return std::nullopt;
    }

    field_path base_;
    std::vector<diagnostic> problems_;
    std::optional<currency> default_currency_;
};

inline std::optional<cap_table> json_reader::read_cap_table(const nlohmann::json& j, const field_path& at) {
    static constexpr const char* lists[] = {"holders", "classes", "holdings", "pools", "grants", "warrants",
                                            "declared_distinct"};
    if (!expect_object(j, at, "a cap table", {"currency", lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6]})) {
        return std::nullopt;
    }
    const std::size_t before = problems_.size();
    const std::optional<currency> outer_currency = default_currency_;
    cap_table_builder b;
    currency cur;
    if (const auto* m = member(j, "currency")) cur = read_currency(*m, at.member("currency")).value_or(cur);
    b.currency(cur);
    default_currency_ = cur;
    // positions[l][k]: the document position of the k-th element of list l given to the builder.
    std::vector<std::vector<std::size_t>> positions(std::size(lists));
    const auto each = [&](std::size_t l, auto&& read_one) {
        const nlohmann::json* m = member(j, lists[l]);
        if (m == nullptr) return;
        const field_path list = at.member(lists[l]);
        if (!m->is_array()) {
            wrong_type(*m, list, "an array");
            return;
        }
        for (std::size_t i = 0; i < m->size(); ++i) {
            if (read_one((*m)[i], list.index(i))) positions[l].push_back(i);
        }
    };
    each(0, [&](const nlohmann::json& e, const field_path& p) {
        auto h = read_holder(e, p);
        if (h) b.add(std::move(*h));
        return h.has_value();
    });
    each(1, [&](const nlohmann::json& e, const field_path& p) {
        auto c = read_share_class(e, p);
        if (c) b.add(std::move(*c));
        return c.has_value();
    });
    // holdings, pools, grants and warrants: a holder or pool reference, a class, a count, a price.
    const auto read_part = [&](const nlohmann::json& e, const field_path& p, const char* what,
                               std::initializer_list<const char*> members) {
        struct part {
            std::optional<holder_id> holder;
            std::optional<std::string> name;  // a pool's name, or the pool a grant is from
            std::optional<std::string> share_class;
            std::optional<share_count> shares;
            std::optional<price_per_share> price;
            bool ok = false;
        } out;
        if (!expect_object(e, p, what, members)) return out;
        const std::size_t first = problems_.size();
        for (const char* m : members) {
            const nlohmann::json* v = required(e, p, m);
            if (v == nullptr) continue;
            const std::string_view name = m;
            if (name == "holder") {
                out.holder = read_holder_id(*v, p.member(m));
            } else if (name == "shares" || name == "authorized") {
                out.shares = read_share_count(*v, p.member(m));
            } else if (name == "exercise_price") {
                out.price = read_price(*v, p.member(m));
            } else if (name == "share_class") {
                out.share_class = read_string(*v, p.member(m));
            } else {
                out.name = read_string(*v, p.member(m));
            }
        }
        out.ok = problems_.size() == first;
        return out;
    };
    each(2, [&](const nlohmann::json& e, const field_path& p) {
        auto v = read_part(e, p, "a holding", {"holder", "share_class", "shares"});
        if (v.ok) b.holding(std::move(*v.holder), std::move(*v.share_class), *v.shares);
        return v.ok;
    });
    each(3, [&](const nlohmann::json& e, const field_path& p) {
        auto v = read_part(e, p, "an option pool", {"name", "share_class", "authorized"});
        if (v.ok) b.add(option_pool{std::move(*v.name), std::move(*v.share_class), *v.shares});
        return v.ok;
    });
    each(4, [&](const nlohmann::json& e, const field_path& p) {
        auto v = read_part(e, p, "an option grant", {"holder", "pool", "shares", "exercise_price"});
        if (v.ok) b.grant(option_grant{std::move(*v.holder), std::move(*v.name), *v.shares, *v.price});
        return v.ok;
    });
    each(5, [&](const nlohmann::json& e, const field_path& p) {
        auto v = read_part(e, p, "a warrant", {"holder", "share_class", "shares", "exercise_price"});
        if (v.ok) b.add(warrant{std::move(*v.holder), std::move(*v.share_class), *v.shares, *v.price});
        return v.ok;
    });
    each(6, [&](const nlohmann::json& e, const field_path& p) {
        if (!e.is_array() || e.size() != 2) {
            report(p, detail::json_value_text(e), "must be a pair of holder ids: [\"id\", \"id\"]");
            return false;
        }
        auto a = read_holder_id(e[0], p.index(0));
        auto c = read_holder_id(e[1], p.index(1));
        if (a && c) b.declare_distinct(std::move(*a), std::move(*c));
        return a && c;
    });
    default_currency_ = outer_currency;
    std::vector<std::string> reported;
    for (std::size_t i = before; i < problems_.size(); ++i) reported.push_back(problems_[i].field.json_pointer());
    // The holders, classes and pools the document has but that did not read (their problems are
    // reported): a reference to one is not "not on the cap table" (a problem reported once).
    const auto unread = [&](std::size_t l, const char* key) {
        std::vector<std::string> out;
        const nlohmann::json* m = member(j, lists[l]);
        if (m == nullptr || !m->is_array()) return out;
        for (std::size_t i = 0; i < m->size(); ++i) {
            const nlohmann::json& e = (*m)[i];
            if (std::binary_search(positions[l].begin(), positions[l].end(), i) || !e.is_object()) continue;
            const nlohmann::json* name = member(e, key);
            if (name != nullptr && name->is_string()) out.push_back(detail::quoted_text(name->get_ref<const std::string&>()));
        }
        return out;
    };
    std::pair<std::vector<std::string>, const char*> unread_refs[] = {
        {unread(0, "id"), "holder"}, {unread(1, "name"), "share class"}, {unread(3, "name"), "option pool"}};
    for (auto& names : unread_refs) std::sort(names.first.begin(), names.first.end());
    const detail::pointer_set reported_set(std::move(reported));
    cap_table_result built = b.try_build();
    // An element a rule names by its place (the builder's facts say where), by its place in the
    // document.
    const auto renumbered_element = [&](const field_path& element) {
        const std::vector<path_segment> steps = element.segments();
        for (std::size_t l = 0; l < std::size(lists) && steps.size() == 2 && steps[1].kind == path_step::index; ++l) {
            if (steps[0].name == lists[l] && steps[1].index < positions[l].size()) {
                return detail::renumbered(element, 1, positions[l][steps[1].index]).to_string();
            }
        }
        return element.to_string();
    };
    for (std::size_t p = 0; p < built.problems.size(); ++p) {
        diagnostic& d = built.problems[p];
        if (std::binary_search(built.unresolved.begin(), built.unresolved.end(), p)) {
            // A holder (at "holder" or in declared_distinct), class ("share_class") or pool
            // ("pool") that is not on the table: one the document has that did not read is reported
            // already.
            const std::vector<path_segment> steps = d.field.segments();
            const std::string& last = steps.back().kind == path_step::member ? steps.back().name : steps.front().name;
            const std::size_t kind = last == "share_class" ? 1 : last == "pool" ? 2 : 0;
            const std::vector<std::string>& names = unread_refs[kind].first;
            if (std::binary_search(names.begin(), names.end(), d.value)) continue;
        }
        const std::vector<path_segment> steps = d.field.segments();
        if (steps.size() >= 2 && steps[0].kind == path_step::member && steps[1].kind == path_step::index) {
            for (std::size_t l = 0; l < std::size(lists); ++l) {
                if (steps[0].name == lists[l] && steps[1].index < positions[l].size()) {
                    d.field = detail::renumbered(d.field, 1, positions[l][steps[1].index]);
                    break;
                }
            }
        }
        d.rule = detail::rule_naming(d.rule, built.references, p, renumbered_element);
        d.field = d.field.prefixed(base_ / at);
        if (!reported_set.related(d.field.json_pointer())) problems_.push_back(std::move(d));
    }
    if (problems_.size() != before || !built.ok()) return std::nullopt;
    // A preferred class's preference (and cap), multiple x original issue price x its issued
    // shares, is an amount an exit pays: beyond the amount range, no waterfall can be computed.
    const cap_table& t = *built.table;
    for (std::size_t k = 0; k < t.classes().size(); ++k) {
        const share_class& c = t.classes()[k];
        if (!c.is_preferred()) continue;
        const share_count issued = t.issued_shares(c.name());
        const liquidation_terms& lt = c.terms();
        const field_path terms = at.member("classes").index(positions[1][k]).member("terms");
        const auto check = [&](const fraction& multiple, const field_path& where, const char* what) {
            if (const auto beyond = detail::preference_out_of_range(multiple, *c.original_issue_price(), issued)) {
                report(where, multiple.to_string(), std::string("makes the class's ") + what + ", " + *beyond);
            }
        };
        check(lt.multiple, terms.member("multiple"), "preference");
        if (lt.participation.kind == participation_kind::capped) {
            check(lt.participation.cap_multiple, terms.member("participation").member("cap_multiple"), "participation cap");
        }
    }
    if (problems_.size() != before) return std::nullopt;
    return std::move(built.table);
}

inline std::optional<funding_round> json_reader::read_round(const nlohmann::json& j, const field_path& at) {
    if (!expect_object(j, at, "a round",
                       {"name", "currency", "pre_money", "post_money", "pre_money_shares", "prior_mark",
                        "prior_mark_label", "prior_round", "prior_round_label", "close_date", "investors"})) {
        return std::nullopt;
    }
    const std::size_t before = problems_.size();
    const std::optional<currency> outer_currency = default_currency_;
    round_builder b;
    if (const auto* m = member(j, "name")) {
        const std::optional<std::string> name = read_string(*m, at.member("name"));
        if (name && name->empty()) report(at.member("name"), "\"\"", "must not be empty: rounds are named in reports");
        b.name(name.value_or(""));
    }
    currency cur;
    if (const auto* m = member(j, "currency")) cur = read_currency(*m, at.member("currency")).value_or(cur);
    b.currency(cur);
    default_currency_ = cur;  // "15B" in a round is in the round's currency
    std::optional<money> pre;
    if (const auto* m = member(j, "pre_money")) pre = read_money(*m, at.member("pre_money"));
    std::optional<money> post;
    if (const auto* m = member(j, "post_money")) post = read_money(*m, at.member("post_money"));
    if (const auto* m = member(j, "pre_money_shares")) {
        if (auto s = read_share_count(*m, at.member("pre_money_shares"))) b.pre_money_shares(*s);
    }
    std::string mark_label;
    if (const auto* m = member(j, "prior_mark_label")) mark_label = read_string(*m, at.member("prior_mark_label")).value_or("");
    if (const auto* m = member(j, "prior_mark")) {
        if (auto v = read_money(*m, at.member("prior_mark"))) b.prior_mark(*v, mark_label);
    }
    std::string round_label;
    if (const auto* m = member(j, "prior_round_label")) round_label = read_string(*m, at.member("prior_round_label")).value_or("");
    if (const auto* m = member(j, "prior_round")) {
        if (auto v = read_money(*m, at.member("prior_round"))) b.prior_round(*v, round_label);
    }
    if (const auto* m = member(j, "close_date")) {
        if (auto d = read_date(*m, at.member("close_date"))) b.close_date(*d);
    }
    // The investors: every one is read (problems collected); sums feed a post_money-only round.
    std::optional<money> committed = money::zero(cur);
    std::vector<std::size_t> positions;  // the document position of each investor given to the builder
    bool left_out = false;               // an investor of the document was not given to the builder
    if (const auto* m = member(j, "investors")) {
        const field_path list = at.member("investors");
        if (!m->is_array()) {
            wrong_type(*m, list, "an array of investors");
        } else {
            for (std::size_t i = 0; i < m->size(); ++i) {
                const nlohmann::json& e = (*m)[i];
                const field_path p = list.index(i);
                if (!expect_object(e, p, "an investor of a round", {"name", "kind", "lead", "commitment", "tranches"})) {
                    committed.reset();
                    left_out = true;
                    continue;
                }
                auto who = read_investor_members(e, p);
                std::optional<money> commitment;
                if (const auto* c = member(e, "commitment")) commitment = read_money(*c, p.member("commitment"));
                std::vector<tranche> tranches;
                const nlohmann::json* ts = member(e, "tranches");
                bool tranches_ok = true;
                if (ts != nullptr) {
                    if (!ts->is_array()) {
                        wrong_type(*ts, p.member("tranches"), "an array of tranches");
                        tranches_ok = false;
                    } else {
                        for (std::size_t k = 0; k < ts->size(); ++k) {
                            auto t = read_tranche((*ts)[k], p.member("tranches").index(k));
                            if (t) {
                                tranches.push_back(std::move(*t));
                            } else {
                                tranches_ok = false;
                            }
                        }
                    }
                } else if (member(e, "commitment") == nullptr) {
                    report(p, "", "needs \"commitment\" (all at close) or \"tranches\", or both");
                    tranches_ok = false;
                }
                if (!who || !tranches_ok || (member(e, "commitment") != nullptr && !commitment)) {
                    committed.reset();
                    left_out = true;
                    continue;
                }
                if (committed) {
                    try {
                        if (commitment) {
                            *committed += *commitment;
                        } else {
                            for (const tranche& t : tranches) *committed += t.amount();
                        }
                    } catch (const error&) {
                        committed.reset();  // the builder reports the currency or the overflow
                    }
                }
                positions.push_back(i);
                if (ts == nullptr) {
                    b.invest(std::move(*who), *commitment);
                } else if (commitment) {
                    b.invest(std::move(*who), *commitment, std::move(tranches));
                } else {
                    b.invest(std::move(*who), std::move(tranches));
                }
            }
        }
    }
    default_currency_ = outer_currency;
    std::vector<std::string> reported;
    if (pre) {
        b.pre_money(*pre);
    } else if (post && !committed) {
        // An investor could not be read: no pre-money can be derived, and that is not a new
        // problem.
        reported.push_back((base_ / at).member("pre_money").json_pointer());
    } else if (post && committed) {
        try {
            b.pre_money(*post - *committed);  // post-money only: pre = post - money in
        } catch (const error&) {
            report(at.member("post_money"), format_full(*post), "cannot be reduced by the commitments, " +
                                                                    format_full(*committed) + ", to a pre-money");
        }
    }
    // The builder's problems, at their JSON pointers, except those about something already
    // reported (a commitment whose tranche could not be read, a pre-money that could not be
    // parsed).
    for (std::size_t i = before; i < problems_.size(); ++i) reported.push_back(problems_[i].field.json_pointer());
    const detail::pointer_set reported_set(std::move(reported));
    const std::string list = (base_ / at).member("investors").json_pointer();
    const std::string inv = list + "/";
    build_result built = b.try_build();
    // An investor at place k of the builder's, at its place in the document: in a problem's path
    // and where its rule names it (the builder's facts say where: the text, which holds names and
    // labels, is not searched).
    const auto in_document = [&](const field_path& p) {
        const std::vector<path_segment> steps = p.segments();
        if (steps.size() >= 2 && steps[0].kind == path_step::member && steps[0].name == "investors" &&
            steps[1].kind == path_step::index && steps[1].index < positions.size()) {
            return detail::renumbered(p, 1, positions[steps[1].index]);
        }
        return p;
    };
    for (std::size_t p = 0; p < built.problems.size(); ++p) {
        diagnostic& d = built.problems[p];
        d.field = in_document(d.field);
        d.rule = detail::rule_naming(d.rule, built.references, p, [&](const field_path& e) { return in_document(e).to_string(); });
        d.field = d.field.prefixed(base_ / at);
        const std::string ptr = d.field.json_pointer();
        // Reported already: a problem at its pointer or above it (the investors list that is not an
        // array, an investor that is not an object). An investor's problem is its own beside the
        // document's at its other members (an unknown member: the only problem of an investor the
        // builder gets); one of the list (the total's overflow, no investor) stands unless an
        // investor was left out, the builder's count and sums then not the document's; one of the
        // round's fields, one path inside the other (a pre-money that could not be parsed).
        const bool covered = ptr == list                          ? left_out || reported_set.covers(ptr)
                             : ptr.compare(0, inv.size(), inv) == 0 ? reported_set.covers(ptr)
                                                                    : reported_set.related(ptr);
        if (!covered) problems_.push_back(std::move(d));
    }
    // Compared only when every investor read (one that did not is missing from the round: the
    // difference would repeat its problem).
    if (built.ok() && post && pre && committed && built.round->post_money() != *post) {
        report(at.member("post_money"), format_full(*post),
               "must equal the pre-money plus the commitments, " + format_full(built.round->post_money()));
    }
    if (problems_.size() != before || !built.ok()) return std::nullopt;
    return std::move(built.round);
}

// ---------------------------------------------------------------------------------------------
// Writing: to_json for every type (found by argument-dependent lookup).
// ---------------------------------------------------------------------------------------------

/// A currency as its code: "USD".
inline void to_json(nlohmann::json& j, currency c) { j = std::string(c.code()); }
/// An amount as its exact string: "15000000000 USD" (never a JSON number).
inline void to_json(nlohmann::json& j, money m) { j = detail::json_money_text(m); }
/// A fraction as "n/d" in lowest terms, or "n" when whole: "5/84".
inline void to_json(nlohmann::json& j, const fraction& f) { j = f.to_string(); }
/// A share count as a JSON integer.
inline void to_json(nlohmann::json& j, share_count s) { j = s.value(); }
/// A rounding mode by name: "half_even".
inline void to_json(nlohmann::json& j, rounding mode) { j = std::string(to_string(mode)); }
/// An investor kind by name: "strategic".
inline void to_json(nlohmann::json& j, investor_kind k) { j = to_string(k); }
/// A price per share as {"amount", "shares"} in lowest terms: {"amount": "73 USD", "shares": 1}.
inline void to_json(nlohmann::json& j, const price_per_share& p) {
    const fraction& u = p.units_per_share();
    // Built from an int64 amount and share count, its lowest terms fit 64 bits.
    j = nlohmann::json{{"amount", detail::json_money_text(money::from_units(static_cast<std::int64_t>(u.numerator()), p.currency()))},
                       {"shares", static_cast<std::int64_t>(u.denominator())}};
}
/// A condition as an object with a "kind" (see json_reader::read_condition). An all_of or
/// any_of without parts is written as it is, and is a problem when read back (the one would be
/// met at close, the other never).
inline void to_json(nlohmann::json& j, const condition& c) {
    j = nlohmann::json{{"kind", to_string(c.kind())}};
    switch (c.kind()) {
        case condition_kind::always: break;
        case condition_kind::on_or_after: j["date"] = to_string(*c.date()); break;
        case condition_kind::milestone: j["name"] = c.milestone_name(); break;
        case condition_kind::all_of:
        case condition_kind::any_of: {
            nlohmann::json parts = nlohmann::json::array();
            for (const condition& p : c.parts()) {
                nlohmann::json part;
                to_json(part, p);
                parts.push_back(std::move(part));
            }
            j["parts"] = std::move(parts);
            break;
        }
        case condition_kind::negation: to_json(j["part"], c.parts().front()); break;
        case condition_kind::long_stop:
            j["date"] = to_string(*c.date());
            to_json(j["part"], c.parts().front());
            break;
    }
}
/// A tranche as {"amount", "condition", and "expected_date", "fallback", "label" when given}.
inline void to_json(nlohmann::json& j, const tranche& t) {
    j = nlohmann::json{{"amount", detail::json_money_text(t.amount())}};
    to_json(j["condition"], t.condition());
    if (t.expected_date()) j["expected_date"] = to_string(*t.expected_date());
    if (t.fallback()) j["fallback"] = detail::json_money_text(*t.fallback());
    if (!t.label().empty()) j["label"] = t.label();
}
/// An investor as {"name", "kind", "lead"}.
inline void to_json(nlohmann::json& j, const investor& i) {
    j = nlohmann::json{{"name", i.name()}, {"kind", to_string(i.kind())}, {"lead", i.is_lead()}};
}
/// A valuation as {"pre_money", and "pre_money_shares" when given}.
inline void to_json(nlohmann::json& j, const valuation& v) {
    j = nlohmann::json{{"pre_money", detail::json_money_text(v.pre_money())}};
    if (v.pre_money_shares()) j["pre_money_shares"] = v.pre_money_shares()->value();
}
/// A round as the object json_reader::read_round reads (post_money written for readers; it is
/// checked against pre-money plus the commitments when read back).
inline void to_json(nlohmann::json& j, const funding_round& r) {
    j = nlohmann::json{{"name", r.name()},
                       {"currency", std::string(r.currency().code())},
                       {"pre_money", detail::json_money_text(r.pre_money())},
                       {"post_money", detail::json_money_text(r.post_money())}};
    if (r.valuation().pre_money_shares()) j["pre_money_shares"] = r.valuation().pre_money_shares()->value();
    if (r.prior_mark()) j["prior_mark"] = detail::json_money_text(*r.prior_mark());
    if (!r.prior_mark_label().empty()) j["prior_mark_label"] = r.prior_mark_label();
    if (r.prior_round()) j["prior_round"] = detail::json_money_text(*r.prior_round());
    if (!r.prior_round_label().empty()) j["prior_round_label"] = r.prior_round_label();
    j["close_date"] = to_string(r.close_date());
    nlohmann::json investors = nlohmann::json::array();
    for (const commitment& c : r.commitments()) {
        nlohmann::json e;
        to_json(e, c.investor);
        e["commitment"] = detail::json_money_text(c.total);
        nlohmann::json tranches = nlohmann::json::array();
        for (const tranche& t : c.tranches) {
            nlohmann::json tj;
            to_json(tj, t);
            tranches.push_back(std::move(tj));
        }
        e["tranches"] = std::move(tranches);
        investors.push_back(std::move(e));
    }
    j["investors"] = std::move(investors);
}

/// A holder kind by name: "founder".
inline void to_json(nlohmann::json& j, holder_kind k) { j = std::string(to_string(k)); }
/// A share class kind by name: "preferred".
inline void to_json(nlohmann::json& j, share_class_kind k) { j = std::string(to_string(k)); }
/// A participation kind by name: "capped".
inline void to_json(nlohmann::json& j, participation_kind k) { j = std::string(to_string(k)); }
/// A dividend kind by name: "cumulative_simple".
inline void to_json(nlohmann::json& j, dividend_kind k) { j = std::string(to_string(k)); }
/// A frequency by name: "quarterly".
inline void to_json(nlohmann::json& j, frequency f) { j = to_string(f); }
/// A holder id as its text.
inline void to_json(nlohmann::json& j, const holder_id& id) { j = id.str(); }
/// A holder as {"id", "name", "kind"}.
inline void to_json(nlohmann::json& j, const holder& h) {
    j = nlohmann::json{{"id", h.id().str()}, {"name", h.name()}, {"kind", std::string(to_string(h.kind()))}};
}
/// Participation as {"kind", and "cap_multiple" when capped or not zero} (the reader requires it
/// of a capped one, so a cap of 0 is written too and reads back as itself).
inline void to_json(nlohmann::json& j, const participation& p) {
    j = nlohmann::json{{"kind", std::string(to_string(p.kind))}};
    if (p.kind == participation_kind::capped || !p.cap_multiple.is_zero()) j["cap_multiple"] = p.cap_multiple.to_string();
}
/// Dividend terms as {"kind", and "annual_rate", "accrual_start", "compounding" unless defaults}.
inline void to_json(nlohmann::json& j, const dividend_terms& d) {
    j = nlohmann::json{{"kind", std::string(to_string(d.kind))}};
    if (!d.annual_rate.is_zero()) j["annual_rate"] = d.annual_rate.to_string();
    if (d.accrual_start) j["accrual_start"] = to_string(*d.accrual_start);
    if (d.compounding != frequency::yearly) j["compounding"] = to_string(d.compounding);
}
/// Liquidation terms as {"multiple", "participation", "seniority", "dividends"}.
inline void to_json(nlohmann::json& j, const liquidation_terms& t) {
    j = nlohmann::json{{"multiple", t.multiple.to_string()}, {"seniority", t.seniority}};
    to_json(j["participation"], t.participation);
    to_json(j["dividends"], t.dividends);
}
/// A share class as {"name", "kind", "conversion_ratio", and for a preferred series
/// "original_issue_price" and "terms"}.
inline void to_json(nlohmann::json& j, const share_class& c) {
    j = nlohmann::json{{"name", c.name()}, {"kind", std::string(to_string(c.kind()))},
                       {"conversion_ratio", c.conversion_ratio().to_string()}};
    if (c.original_issue_price()) to_json(j["original_issue_price"], *c.original_issue_price());
    if (c.is_preferred()) to_json(j["terms"], c.terms());
}

/// A cap table as the object json_reader::read_cap_table reads (every list written, even empty).
inline void to_json(nlohmann::json& j, const cap_table& t) {
    j = nlohmann::json{{"currency", std::string(t.currency().code())}};
    nlohmann::json& holders = j["holders"] = nlohmann::json::array();
    for (const holder& h : t.holders()) to_json(holders.emplace_back(), h);
    nlohmann::json& classes = j["classes"] = nlohmann::json::array();
    for (const share_class& c : t.classes()) to_json(classes.emplace_back(), c);
    nlohmann::json& holdings = j["holdings"] = nlohmann::json::array();
    for (const holding& h : t.holdings()) {
        holdings.push_back({{"holder", h.holder.str()}, {"share_class", h.share_class}, {"shares", h.shares.value()}});
    }
    nlohmann::json& pools = j["pools"] = nlohmann::json::array();
    for (const option_pool& p : t.pools()) {
        pools.push_back({{"name", p.name}, {"share_class", p.share_class}, {"authorized", p.authorized.value()}});
    }
    nlohmann::json& grants = j["grants"] = nlohmann::json::array();
    for (const option_grant& g : t.grants()) {
        nlohmann::json& e = grants.emplace_back();
        e = {{"holder", g.holder.str()}, {"pool", g.pool}, {"shares", g.shares.value()}};
        to_json(e["exercise_price"], g.exercise_price);
    }
    nlohmann::json& warrants = j["warrants"] = nlohmann::json::array();
    for (const warrant& w : t.warrants()) {
        nlohmann::json& e = warrants.emplace_back();
        e = {{"holder", w.holder.str()}, {"share_class", w.share_class}, {"shares", w.shares.value()}};
        to_json(e["exercise_price"], w.exercise_price);
    }
    nlohmann::json& distinct = j["declared_distinct"] = nlohmann::json::array();
    for (const auto& pair : t.declared_distinct()) distinct.push_back({pair.first.str(), pair.second.str()});
}

// ---------------------------------------------------------------------------------------------
// Reading: from_json for the default-constructible types (argument-dependent lookup), the
// nlohmann::adl_serializer specializations below for the others, and read_json() for all.
// ---------------------------------------------------------------------------------------------

namespace detail {
/// Runs @p read on a fresh json_reader and returns its value, or throws json_error naming @p what.
template <class F>
[[nodiscard]] auto read_json_with(const char* what, F read) {
    json_reader reader;
    auto value = read(reader);
    reader.throw_if_problems(what);
    return std::move(*value);
}
}  // namespace detail

/// Reads a participation (json_reader::read_participation); throws json_error.
inline void from_json(const nlohmann::json& j, participation& p) {
    p = detail::read_json_with("participation", [&](json_reader& r) { return r.read_participation(j, {}); });
}
/// Reads dividend terms (json_reader::read_dividend_terms); throws json_error.
inline void from_json(const nlohmann::json& j, dividend_terms& d) {
    d = detail::read_json_with("dividend terms", [&](json_reader& r) { return r.read_dividend_terms(j, {}); });
}
/// Reads a currency code; throws json_error.
inline void from_json(const nlohmann::json& j, currency& c) {
    c = detail::read_json_with("currency", [&](json_reader& r) { return r.read_currency(j, {}); });
}
/// Reads an amount string (with its currency); throws json_error (a JSON number included).
inline void from_json(const nlohmann::json& j, money& m) {
    m = detail::read_json_with("amount", [&](json_reader& r) { return r.read_money(j, {}); });
}
/// Reads "n/d", "n" or a decimal; throws json_error.
inline void from_json(const nlohmann::json& j, fraction& f) {
    f = detail::read_json_with("fraction", [&](json_reader& r) { return r.read_fraction(j, {}); });
}
/// Reads a JSON integer share count; throws json_error.
inline void from_json(const nlohmann::json& j, share_count& s) {
    s = detail::read_json_with("share count", [&](json_reader& r) { return r.read_share_count(j, {}); });
}
/// Reads a rounding mode name; throws json_error.
inline void from_json(const nlohmann::json& j, rounding& mode) {
    mode = detail::read_json_with("rounding mode", [&](json_reader& r) { return r.read_rounding(j, {}); });
}
/// Reads an investor kind name; throws json_error.
inline void from_json(const nlohmann::json& j, investor_kind& k) {
    k = detail::read_json_with("investor kind", [&](json_reader& r) { return r.read_investor_kind(j, {}); });
}
/// Reads a condition object; throws json_error with every problem.
inline void from_json(const nlohmann::json& j, condition& c) {
    c = detail::read_json_with("condition", [&](json_reader& r) { return r.read_condition(j, {}); });
}

/// Reads a holder kind name; throws json_error.
inline void from_json(const nlohmann::json& j, holder_kind& k) {
    k = detail::read_json_with("holder kind", [&](json_reader& r) { return r.read_holder_kind(j, {}); });
}
/// Reads a frequency name; throws json_error.
inline void from_json(const nlohmann::json& j, frequency& f) {
    f = detail::read_json_with("frequency", [&](json_reader& r) { return r.read_frequency(j, {}); });
}
/// Reads a non-empty holder id; throws json_error.
inline void from_json(const nlohmann::json& j, holder_id& id) {
    id = detail::read_json_with("holder id", [&](json_reader& r) { return r.read_holder_id(j, {}); });
}
/// Reads liquidation terms; throws json_error with every problem.
inline void from_json(const nlohmann::json& j, liquidation_terms& t) {
    t = detail::read_json_with("liquidation terms", [&](json_reader& r) { return r.read_liquidation_terms(j, {}); });
}

/// Reads a round from a parsed document; throws json_error with every problem at its pointer.
[[nodiscard]] inline funding_round read_round_json(const nlohmann::json& j) {
    return detail::read_json_with("round", [&](json_reader& r) { return r.read_round(j, {}); });
}
/// Parses @p text and reads a round; text that is not JSON is one problem at the root.
[[nodiscard]] inline funding_round parse_round_json(std::string_view text) {
    return read_round_json(detail::parse_json_document(text, "round"));
}

FUNDROUND_END_NAMESPACE

/// nlohmann/json support for the fundround types that have no default constructor, and for
/// calendar dates (calendar_date, written ISO "2026-02-27").
namespace nlohmann {

/// Dates as ISO text.
template <>
struct adl_serializer<fundround::calendar_date> {
    /// Writes "2026-02-27".
    static void to_json(json& j, const fundround::calendar_date& d) { j = fundround::to_string(d); }
    /// Reads "2026-02-27"; throws fundround::json_error.
    [[nodiscard]] static fundround::calendar_date from_json(const json& j) {
        return fundround::detail::read_json_with("date", [&](fundround::json_reader& r) { return r.read_date(j, {}); });
    }
};

/// Tranches (no default constructor): written by fundround::to_json, read by
/// json_reader::read_tranche.
template <>
struct adl_serializer<fundround::tranche> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::tranche& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::tranche from_json(const json& j) {
        return fundround::detail::read_json_with("tranche", [&](fundround::json_reader& r) { return r.read_tranche(j, {}); });
    }
};

/// Investors (no default constructor): written by fundround::to_json, read by
/// json_reader::read_investor.
template <>
struct adl_serializer<fundround::investor> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::investor& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::investor from_json(const json& j) {
        return fundround::detail::read_json_with("investor", [&](fundround::json_reader& r) { return r.read_investor(j, {}); });
    }
};

/// Valuations (no default constructor): written by fundround::to_json, read by
/// json_reader::read_valuation.
template <>
struct adl_serializer<fundround::valuation> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::valuation& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::valuation from_json(const json& j) {
        return fundround::detail::read_json_with("valuation", [&](fundround::json_reader& r) { return r.read_valuation(j, {}); });
    }
};

/// Prices per share (no default constructor): written by fundround::to_json, read by
/// json_reader::read_price.
template <>
struct adl_serializer<fundround::price_per_share> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::price_per_share& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::price_per_share from_json(const json& j) {
        return fundround::detail::read_json_with("price per share", [&](fundround::json_reader& r) { return r.read_price(j, {}); });
    }
};

/// Holders (no default constructor): written by fundround::to_json, read by
/// json_reader::read_holder.
template <>
struct adl_serializer<fundround::holder> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::holder& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::holder from_json(const json& j) {
        return fundround::detail::read_json_with("holder", [&](fundround::json_reader& r) { return r.read_holder(j, {}); });
    }
};

/// Share classes (no default constructor): written by fundround::to_json, read by
/// json_reader::read_share_class.
template <>
struct adl_serializer<fundround::share_class> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::share_class& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::share_class from_json(const json& j) {
        return fundround::detail::read_json_with("share class", [&](fundround::json_reader& r) { return r.read_share_class(j, {}); });
    }
};

/// Cap tables (no default constructor): written by fundround::to_json, read by
/// json_reader::read_cap_table.
template <>
struct adl_serializer<fundround::cap_table> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::cap_table& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::cap_table from_json(const json& j) {
        return fundround::detail::read_json_with("cap table", [&](fundround::json_reader& r) { return r.read_cap_table(j, {}); });
    }
};

/// Rounds (no default constructor): written by fundround::to_json, read by json_reader::read_round.
template <>
struct adl_serializer<fundround::funding_round> {
    /// Writes it with fundround::to_json.
    static void to_json(json& j, const fundround::funding_round& v) { fundround::to_json(j, v); }
    /// Reads it; throws fundround::json_error with every problem.
    [[nodiscard]] static fundround::funding_round from_json(const json& j) {
        return fundround::detail::read_json_with("round", [&](fundround::json_reader& r) { return r.read_round(j, {}); });
    }
};

}  // namespace nlohmann

#endif  // FUNDROUND_JSON_HPP
