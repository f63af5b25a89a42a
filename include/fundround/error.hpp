/// @file error.hpp
/// @brief Exception types and the diagnostics a round builder reports.
#ifndef FUNDROUND_ERROR_HPP
#define FUNDROUND_ERROR_HPP


#include <fundround/config.hpp>
#include <fundround/detail/digits.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// Base class of every exception fundround throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An exact computation would not fit its representation (it never wraps).
class overflow_error : public error {
public:
    using error::error;
};

/// Two amounts of different currencies were combined.
class currency_mismatch_error : public error {
public:
    using error::error;
};

/// A rounding mode of rounding::exact met a result that needs rounding.
class inexact_error : public error {
public:
    using error::error;
};

/// An argument breaks a documented rule (division by zero, negative weight, ...).
class invalid_argument_error : public error {
public:
    using error::error;
};

namespace detail {
/// What @p e says, without the "fundround: " its text starts with when it is fundround's: the
/// reason as a problem's rule quotes it after its own words ("cannot be totalled: money addition
/// overflows ...").
[[nodiscard]] inline std::string reason_of(const std::exception& e) {
    const std::string_view what = e.what();
    constexpr std::string_view prefix = "fundround: ";
    return std::string(what.substr(0, prefix.size()) == prefix ? what.substr(prefix.size()) : what);
}

/// The hex digits of the messages' escapes (a control character, a byte, a code point).
inline constexpr char hex_digits[] = "0123456789ABCDEF";

/// Appends @p c to @p out as a message shows it on one line: a newline, carriage return or tab
/// as a backslash and n, r or t, another control character as a backslash, u and four hex digits
/// (JSON's escapes); any other byte as it is.
inline void append_visible(std::string& out, char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) {
        out += c;
        return;
    }
    switch (c) {
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        default: out.append("\\u00").append(1, hex_digits[u >> 4]).append(1, hex_digits[u & 0xFU]);
    }
}

/// @p text with its control characters escaped (append_visible()): quoted in a message, it
/// stays on one line.
[[nodiscard]] inline std::string visible_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) append_visible(out, c);
    return out;
}

/// A UTF-8 character of a text: its length in bytes (0 if the bytes there start no valid
/// character) and its code point.
struct utf8_char {
    std::size_t length;  ///< 1 to 4, or 0: not a valid character.
    std::uint32_t code;  ///< The code point (when length is not 0).
};

/// The UTF-8 character of @p text starting at byte @p at: not overlong, not a surrogate, not
/// above U+10FFFF, whole within @p text; length 0 otherwise.
[[nodiscard]] inline utf8_char utf8_char_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return {1, lead};
    const std::size_t length = lead >= 0xF5 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    std::uint32_t code = length == 4 ? lead & 0x07U : length == 3 ? lead & 0x0FU : lead & 0x1FU;
    bool valid = length != 0 && at + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[at + k]);
        valid = (next & 0xC0U) == 0x80U;
        code = (code << 6) | (next & 0x3FU);
    }
    valid = valid && !(length == 3 && code < 0x800) && !(length == 4 && (code < 0x10000 || code > 0x10FFFF)) &&
            !(code >= 0xD800 && code <= 0xDFFF);
    return valid ? utf8_char{length, code} : utf8_char{0, 0};
}

/// What first keeps a text from being one line of UTF-8 (text_fault_of()).
enum class text_fault_kind {
    none,           ///< None: the text is one line of valid UTF-8.
    not_utf8,       ///< A byte that starts no valid UTF-8 character.
    control,        ///< A control character (U+0000 to U+001F, U+007F): tabs and line breaks too.
    noncharacter,   ///< U+FFFE or U+FFFF (checked only when asked: XML 1.0 cannot carry them).
};

/// The first fault of a text, at byte @p at, with its code point (for a noncharacter).
struct text_fault {
    text_fault_kind kind;  ///< What it is; none if the text has no fault.
    std::size_t at;        ///< Its byte position.
    std::uint32_t code;    ///< The code point (for control and noncharacter).
};

/// The first fault of @p text as one line of UTF-8 (U+FFFE and U+FFFF too if @p xml): the one
/// scan behind the writers' checks of the texts they carry (SVG, deal files).
[[nodiscard]] inline text_fault text_fault_of(std::string_view text, bool xml) {
    for (std::size_t at = 0; at < text.size();) {
        const utf8_char c = utf8_char_at(text, at);
        if (c.length == 0) return {text_fault_kind::not_utf8, at, 0};
        if (c.code < 0x20 || c.code == 0x7F) return {text_fault_kind::control, at, c.code};
        if (xml && (c.code == 0xFFFE || c.code == 0xFFFF)) return {text_fault_kind::noncharacter, at, c.code};
        at += c.length;
    }
    return {text_fault_kind::none, text.size(), 0};
}

/// Appends "\\x" and the two hex digits of byte @p c (a byte that starts no valid UTF-8 character).
inline void append_hex_byte(std::string& out, char c) {
    const auto u = static_cast<unsigned char>(c);
    out.append("\\x").append(1, hex_digits[u >> 4]).append(1, hex_digits[u & 0xFU]);
}

/// @p text as valid UTF-8 on one line: control characters escaped (append_visible()), every
/// valid character as it is, a byte that starts no valid character as a backslash, x and two
/// hex digits (a message quoting bytes read from a file stays valid text).
[[nodiscard]] inline std::string visible_utf8_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const utf8_char c = utf8_char_at(text, at);
        if (c.length == 1) {
            append_visible(out, text[at]);
        } else if (c.length == 0) {
            append_hex_byte(out, text[at]);
        } else {
            out.append(text.substr(at, c.length));
        }
        at += c.length == 0 ? 1 : c.length;
    }
    return out;
}

/// The character of @p text at byte @p at, quoted for a message: 'x'; a control character
/// escaped as append_visible() does; a UTF-8 character whole, with its code point (a thin space
/// shows as ' ' (U+2009)); a byte that starts no valid UTF-8 character as a backslash, x and two
/// hex digits.
[[nodiscard]] inline std::string quoted_char_at(std::string_view text, std::size_t at) {
    std::string out = "'";
    const utf8_char c = utf8_char_at(text, at);
    if (c.length == 1) {
        append_visible(out, text[at]);
        return out + "'";
    }
    if (c.length == 0) {
        append_hex_byte(out, text[at]);
        return out + "'";
    }
    out.append(text.substr(at, c.length)).append("' (U+");
    std::string digits;
    for (std::uint32_t code = c.code; code != 0 || digits.size() < 4; code >>= 4) digits.insert(digits.begin(), hex_digits[code & 0xFU]);
    return out.append(digits).append(")");
}
}  // namespace detail

/// Text that could not be parsed; says what was expected and where.
class parse_error : public error {
public:
    /// Builds the error for @p input, failing at byte @p position because of @p reason.
    parse_error(std::string input, std::size_t position, const std::string& reason)
        : error(message(input, position, reason)),
          input_(std::move(input)),
          position_(position) {}
    /// The text that failed to parse.
    [[nodiscard]] const std::string& input() const noexcept { return input_; }
    /// Zero-based byte offset of the first offending character.
    [[nodiscard]] std::size_t position() const noexcept { return position_; }

private:
    [[nodiscard]] static std::string message(const std::string& input, std::size_t position,
                               const std::string& reason) {
        return "cannot parse \"" + detail::visible_text(input) + "\" at position " + detail::digits(position) + ": " +
               reason;
    }

    std::string input_;
    std::size_t position_;
};

/// What one step of a field_path names.
enum class path_step : unsigned char {
    member,  ///< A named field: prints ".name" (no dot first).
    index,   ///< A position in a list: prints "[2]".
    key,     ///< A key in a map: prints "[\"key\"]".
};

/// One step of a field_path: a member name, a position or a key, with an optional display label
/// (the investor's name after its position, a scenario's name after "scenario").
struct path_segment {
    path_step kind = path_step::member;  ///< What the step names.
    std::string name;                    ///< The member name or the key ("" for an index).
    std::size_t index = 0;               ///< The position, for path_step::index (0 otherwise).
    std::string label;                   ///< Printed after the step as ` "label"`; not part of the JSON pointer.

    /// True if kind, name, index and label are all equal.
    [[nodiscard]] friend bool operator==(const path_segment& a, const path_segment& b) {
        return a.kind == b.kind && a.index == b.index && a.name == b.name && a.label == b.label;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const path_segment& a, const path_segment& b) { return !(a == b); }
};

/// The path of a field in the input, as a sequence of steps, e.g.
/// `field_path("investors").index(2, "Amazon").member("tranches").index(0).member("amount")`.
///
/// to_string() prints it for people (`investors[2] "Amazon".tranches[0].amount`), json_pointer()
/// for programs (RFC 6901: `/investors/2/tranches/0/amount`; labels are left out). Paths compare
/// structurally (== compares every step, labels included); there is no comparison with text:
/// compare `p.to_string()` or `p.json_pointer()` with a string instead. The root (empty path)
/// prints as "" and its pointer is "" (the whole document). An empty label is no label.
class field_path {
public:
    /// The root: the whole input.
    field_path() = default;
    /// A path of one member, @p member_name (not parsed: "a.b" is one member called "a.b").
    explicit field_path(std::string_view member_name) { write_step(path_step::member, member_name, 0, {}); }

    /// This path followed by member @p member_name.
    [[nodiscard]] field_path member(std::string_view member_name) const {
        field_path p = *this;
        p.write_step(path_step::member, member_name, 0, {});
        return p;
    }
    /// This path followed by position @p i, shown with @p label when it is not empty.
    [[nodiscard]] field_path index(std::size_t i, std::string_view label = {}) const {
        field_path p = *this;
        p.write_step(path_step::index, {}, i, label);
        return p;
    }
    /// This path followed by map key @p k (printed quoted: `odds["IPO"]`).
    [[nodiscard]] field_path key(std::string_view k) const {
        field_path p = *this;
        p.write_step(path_step::key, k, 0, {});
        return p;
    }
    /// The same path with display label @p label on its last step (`scenario "far"`); throws
    /// invalid_argument_error on the root.
    [[nodiscard]] field_path labelled(std::string_view label) const {
        if (code_.empty()) throw invalid_argument_error("field_path: the root cannot carry a label");
        std::size_t last = 0;
        for (std::size_t at = 0; at < code_.size(); skip_step(at)) last = at;
        std::size_t at = last;
        const path_segment s = read_step(at);
        field_path p;
        p.code_.assign(code_, 0, last);
        p.write_step(s.kind, s.name, s.index, label);
        return p;
    }
    /// This path followed by every step of @p rest.
    [[nodiscard]] field_path operator/(const field_path& rest) const {
        field_path p = *this;
        p.code_ += rest.code_;
        return p;
    }
    /// @p prefix followed by this path (a path relative to @p prefix made absolute).
    [[nodiscard]] field_path prefixed(const field_path& prefix) const { return prefix / *this; }

    /// True if the first steps of this path are exactly those of @p prefix (every path starts
    /// with the root).
    [[nodiscard]] bool starts_with(const field_path& prefix) const {
        // Each step's code says where it ends, so a path whose code begins with the prefix's
        // code begins with the prefix's steps, and only then.
        return code_.compare(0, prefix.code_.size(), prefix.code_) == 0;
    }
    /// This path with its prefix @p from replaced by @p to (`investors[3].tranches[5].amount`
    /// rebased from `investors[3].tranches[5]` to `closing.investors[0]` is
    /// `closing.investors[0].amount`); throws invalid_argument_error unless starts_with(@p from).
    [[nodiscard]] field_path rebased(const field_path& from, const field_path& to) const {
        if (!starts_with(from)) {
            throw invalid_argument_error("field_path: \"" + to_string() + "\" does not start with \"" +
                                         from.to_string() + "\"");
        }
        field_path p = to;
        p.code_.append(code_, from.code_.size(), std::string::npos);
        return p;
    }

    /// The steps, root first.
    [[nodiscard]] std::vector<path_segment> segments() const {
        std::vector<path_segment> steps;
        for (std::size_t at = 0; at < code_.size();) steps.push_back(read_step(at));
        return steps;
    }
    /// The number of steps (0 for the root).
    [[nodiscard]] std::size_t size() const noexcept {
        std::size_t n = 0;
        for (std::size_t at = 0; at < code_.size(); ++n) skip_step(at);
        return n;
    }
    /// True for the root.
    [[nodiscard]] bool empty() const noexcept { return code_.empty(); }

    /// The path for people: members joined by '.', positions as "[2]", keys as `["key"]`, each
    /// label after its step as ` "label"`: `closing.investors[0] "Amazon".tranches[1].amount`;
    /// control characters escaped (detail::append_visible()), so a message stays on one line.
    [[nodiscard]] std::string to_string() const {
        std::string text;
        for (std::size_t at = 0; at < code_.size();) {
            const path_step kind = step_kind(code_[at]);
            const bool labelled = (code_[at++] & label_flag) != 0;
            if (kind == path_step::index) {
                text += '[';
                detail::append_digits(text, read_number(at));
                text += ']';
            } else {
                text += kind == path_step::key ? "[\"" : text.empty() ? "" : ".";
                for (const char c : read_text(at)) detail::append_visible(text, c);  // one line
                if (kind == path_step::key) text += "\"]";
            }
            if (labelled) {
                text += " \"";
                for (const char c : read_text(at)) detail::append_visible(text, c);
                text += '"';
            }
        }
        return text;
    }
    /// The path as an RFC 6901 JSON pointer: "/" before each step, '~' written "~0" and '/'
    /// written "~1" (`odds["a/b"]` is "/odds/a~1b"); labels are left out; "" for the root.
    [[nodiscard]] std::string json_pointer() const {
        std::string text;
        for (std::size_t at = 0; at < code_.size();) {
            const path_segment s = read_step(at);
            text += '/';
            if (s.kind == path_step::index) {
                detail::append_digits(text, s.index);
                continue;
            }
            for (const char c : s.name) {
                if (c == '~') {
                    text += "~0";
                } else if (c == '/') {
                    text += "~1";
                } else {
                    text += c;
                }
            }
        }
        return text;
    }

    /// True if both paths have the same steps (labels included).
    [[nodiscard]] friend bool operator==(const field_path& a, const field_path& b) { return a.code_ == b.code_; }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const field_path& a, const field_path& b) { return !(a == b); }
    /// Writes @p p.to_string().
    friend std::ostream& operator<<(std::ostream& os, const field_path& p) { return os << p.to_string(); }

private:
    // The steps in one string, each as its kind (a byte, with label_flag if it has a label), then
    // its name (member, key: a length, then the bytes) or its position (a number), then its label
    // if any (a length, then the bytes); numbers and lengths in 7-bit groups, low first, the high
    // bit set on all but the last. Each step is one canonical code (an empty label is none), so
    // == compares codes and a prefix of steps is a prefix of the code. One string instead of a
    // vector of steps: copying, comparing and destroying a path is one string operation.
    static constexpr char label_flag = 0x10;

    [[nodiscard]] static path_step step_kind(char c) noexcept { return static_cast<path_step>(c & 0x0F); }
    void write_number(std::size_t v) {
        for (; v >= 0x80; v >>= 7) code_ += static_cast<char>((v & 0x7F) | 0x80);
        code_ += static_cast<char>(v);
    }
    void write_text(std::string_view s) {
        write_number(s.size());
        code_.append(s.data(), s.size());
    }
    void write_step(path_step kind, std::string_view name, std::size_t i, std::string_view label) {
        code_ += static_cast<char>(static_cast<char>(kind) | (label.empty() ? 0 : label_flag));
        if (kind == path_step::index) {
            write_number(i);
        } else {
            write_text(name);
        }
        if (!label.empty()) write_text(label);
    }
    [[nodiscard]] std::size_t read_number(std::size_t& at) const noexcept {
        std::size_t v = 0;
        for (unsigned shift = 0;; shift += 7) {
            const auto b = static_cast<unsigned char>(code_[at++]);
            v |= static_cast<std::size_t>(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
    }
    [[nodiscard]] std::string_view read_text(std::size_t& at) const noexcept {
        const std::size_t n = read_number(at);
        const std::string_view s(code_.data() + at, n);
        at += n;
        return s;
    }
    void skip_step(std::size_t& at) const noexcept {
        const char c = code_[at++];
        if (step_kind(c) == path_step::index) {
            (void)read_number(at);
        } else {
            (void)read_text(at);
        }
        if ((c & label_flag) != 0) (void)read_text(at);
    }
    [[nodiscard]] path_segment read_step(std::size_t& at) const {
        path_segment s;
        const char c = code_[at++];
        s.kind = step_kind(c);
        if (s.kind == path_step::index) {
            s.index = read_number(at);
        } else {
            s.name = std::string(read_text(at));
        }
        if ((c & label_flag) != 0) s.label = std::string(read_text(at));
        return s;
    }

    std::string code_;
};

/// One problem found while validating input: which field, what value, which rule it breaks.
struct diagnostic {
    field_path field;   ///< Where: e.g. investors[2].tranches[0].amount (see field_path).
    std::string value;  ///< The offending value as text ("" when the value is missing).
    std::string rule;   ///< The rule it breaks, phrased so a person can act on it.

    /// "field = value: rule" (or "field: rule" when there is no value), the field as
    /// field.to_string().
    [[nodiscard]] std::string message() const {
        std::string text = field.to_string();
        if (!value.empty()) {
            text += " = ";
            text += value;
        }
        text += ": ";
        text += rule;
        return text;
    }
    /// The same problem with its field rebased: see field_path::rebased().
    [[nodiscard]] diagnostic rebased(const field_path& from, const field_path& to) const {
        return {field.rebased(from, to), value, rule};
    }
    /// True if field, value and rule are all equal (the fields structurally).
    [[nodiscard]] friend bool operator==(const diagnostic& a, const diagnostic& b) {
        return a.field == b.field && a.value == b.value && a.rule == b.rule;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const diagnostic& a, const diagnostic& b) { return !(a == b); }
};

/// A problem whose rule names another element of the input by its place ("duplicates the id of
/// holders[0]", "duplicates investors[1] \"A\""), as facts: a caller naming that element in its
/// own terms (a file's JSON pointer) replaces the place at `at` without reading the rule back,
/// which holds user text (a name).
struct element_reference {
    std::size_t problem = 0;  ///< Its problem: the index in the problems it comes with.
    field_path element;       ///< The element the rule names (`holders[0]`), in the checked input's paths.
    std::size_t at = 0;       ///< Where the rule names it: element.to_string() begins at rule[at].

    /// True if every member is equal.
    [[nodiscard]] friend bool operator==(const element_reference& a, const element_reference& b) {
        return a.problem == b.problem && a.element == b.element && a.at == b.at;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const element_reference& a, const element_reference& b) { return !(a == b); }
};

namespace detail {
/// @p parts concatenated, in one allocation (cheaper to compile and to run than a chain of +).
[[nodiscard]] inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t n = 0;
    for (const std::string_view p : parts) n += p.size();
    std::string out;
    out.reserve(n);
    for (const std::string_view p : parts) out.append(p.data(), p.size());
    return out;
}

/// @p rule (of problem @p problem) with each element @p refs say it names replaced by @p name
/// of that element (a std::string from a field_path); a reference whose place does not hold the
/// element's name (a rule changed since) is left as it is.
template <class Name>
[[nodiscard]] std::string rule_naming(std::string rule, const std::vector<element_reference>& refs, std::size_t problem, const Name& name) {
    std::vector<const element_reference*> mine;
    for (const element_reference& r : refs) {
        if (r.problem != problem) continue;
        // From the last place back (an earlier place keeps its offset): kept in descending order
        // as they come (a rule names one or two elements; no <algorithm> in this header).
        mine.push_back(&r);
        for (std::size_t k = mine.size() - 1; k > 0 && mine[k - 1]->at < mine[k]->at; --k) {
            std::swap(mine[k - 1], mine[k]);
        }
    }
    for (const element_reference* r : mine) {
        const std::string place = r->element.to_string();
        if (r->at <= rule.size() && rule.compare(r->at, place.size(), place) == 0) rule.replace(r->at, place.size(), name(r->element));
    }
    return rule;
}

/// Appends the problem {@p field, @p value, @p rule} to @p out: the one out-of-line place where
/// the checks (builder, tranche, report options) make a diagnostic, so that their error paths
/// are not expanded into each check (less code to compile, nothing moved on the valid path).
FUNDROUND_COLD inline void add_problem(std::vector<diagnostic>& out, field_path field, std::string_view value,
                                       std::string_view rule) {
    out.push_back(diagnostic{std::move(field), std::string(value), std::string(rule)});
}

/// Appends the problem {@p base.member(@p leaf), @p value, @p rule} to @p out: the field is built
/// here, once, instead of through temporaries at each check.
FUNDROUND_COLD inline void add_problem(std::vector<diagnostic>& out, const field_path& base, const char* leaf,
                                       std::string_view value, std::string_view rule) {
    out.push_back(diagnostic{base.member(leaf), std::string(value), std::string(rule)});
}

/// Appends the problem {@p base.member(@p leaf), @p value, the @p rule pieces joined}: a rule
/// with figures in it is joined here, not at each check.
FUNDROUND_COLD inline void add_problem(std::vector<diagnostic>& out, const field_path& base, const char* leaf,
                                       std::string_view value, std::initializer_list<std::string_view> rule) {
    out.push_back(diagnostic{base.member(leaf), std::string(value), concat(rule)});
}

/// "what: N problems" followed by one line per diagnostic.
[[nodiscard]] inline std::string join_diagnostics(const std::string& what,
                             const std::vector<diagnostic>& ds) {
    std::string text = what;
    text += ": ";
    detail::append_digits(text, ds.size());
    text += ds.size() == 1 ? " problem" : " problems";
    for (const auto& d : ds) {
        text += "\n  - ";
        text += d.message();
    }
    return text;
}
}  // namespace detail

/// Validation failed; carries every problem found, not only the first.
class validation_error : public error {
public:
    /// Builds the error for the object described by @p what with all its @p problems.
    validation_error(const std::string& what, std::vector<diagnostic> problems)
        : error(detail::join_diagnostics(what, problems)), problems_(std::move(problems)) {}
    /// Every problem found, in input order.
    [[nodiscard]] const std::vector<diagnostic>& problems() const noexcept { return problems_; }

private:
    std::vector<diagnostic> problems_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_ERROR_HPP
