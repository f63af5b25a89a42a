/// @file error.hpp
/// @brief Exception types and the diagnostics a round builder reports.
#ifndef FUNDROUND_ERROR_HPP
#define FUNDROUND_ERROR_HPP


#include <fundround/config.hpp>
#include <cstddef>
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
        return "cannot parse \"" + input + "\" at position " + std::to_string(position) + ": " +
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
/// prints as "" and its pointer is "" (the whole document).
class field_path {
public:
    /// The root: the whole input.
    field_path() = default;
    /// A path of one member, @p member_name (not parsed: "a.b" is one member called "a.b").
    explicit field_path(std::string member_name) { steps_.push_back({path_step::member, std::move(member_name), 0, {}}); }

    /// This path followed by member @p member_name.
    [[nodiscard]] field_path member(std::string member_name) const {
        return then({path_step::member, std::move(member_name), 0, {}});
    }
    /// This path followed by position @p i, shown with @p label when it is not empty.
    [[nodiscard]] field_path index(std::size_t i, std::string label = {}) const {
        return then({path_step::index, {}, i, std::move(label)});
    }
    /// This path followed by map key @p k (printed quoted: `odds["IPO"]`).
    [[nodiscard]] field_path key(std::string k) const { return then({path_step::key, std::move(k), 0, {}}); }
    /// The same path with display label @p label on its last step (`scenario "far"`); throws
    /// invalid_argument_error on the root.
    [[nodiscard]] field_path labelled(std::string label) const {
        if (steps_.empty()) throw invalid_argument_error("field_path: the root cannot carry a label");
        field_path p = *this;
        p.steps_.back().label = std::move(label);
        return p;
    }
    /// This path followed by every step of @p rest.
    [[nodiscard]] field_path operator/(const field_path& rest) const {
        field_path p = *this;
        p.steps_.insert(p.steps_.end(), rest.steps_.begin(), rest.steps_.end());
        return p;
    }
    /// @p prefix followed by this path (a path relative to @p prefix made absolute).
    [[nodiscard]] field_path prefixed(const field_path& prefix) const { return prefix / *this; }

    /// True if the first steps of this path are exactly those of @p prefix (every path starts
    /// with the root).
    [[nodiscard]] bool starts_with(const field_path& prefix) const {
        if (prefix.steps_.size() > steps_.size()) return false;
        for (std::size_t i = 0; i < prefix.steps_.size(); ++i) {
            if (steps_[i] != prefix.steps_[i]) return false;
        }
        return true;
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
        p.steps_.insert(p.steps_.end(), steps_.begin() + static_cast<std::ptrdiff_t>(from.steps_.size()),
                        steps_.end());
        return p;
    }

    /// The steps, root first.
    [[nodiscard]] const std::vector<path_segment>& segments() const noexcept { return steps_; }
    /// The number of steps (0 for the root).
    [[nodiscard]] std::size_t size() const noexcept { return steps_.size(); }
    /// True for the root.
    [[nodiscard]] bool empty() const noexcept { return steps_.empty(); }

    /// The path for people: members joined by '.', positions as "[2]", keys as `["key"]`, each
    /// label after its step as ` "label"`: `closing.investors[0] "Amazon".tranches[1].amount`.
    [[nodiscard]] std::string to_string() const {
        std::string text;
        for (const path_segment& s : steps_) {
            switch (s.kind) {
                case path_step::member:
                    if (!text.empty()) text += '.';
                    text += s.name;
                    break;
                case path_step::index:
                    text += '[';
                    text += std::to_string(s.index);
                    text += ']';
                    break;
                case path_step::key:
                    text += "[\"";
                    text += s.name;
                    text += "\"]";
                    break;
            }
            if (!s.label.empty()) {
                text += " \"";
                text += s.label;
                text += '"';
            }
        }
        return text;
    }
    /// The path as an RFC 6901 JSON pointer: "/" before each step, '~' written "~0" and '/'
    /// written "~1" (`odds["a/b"]` is "/odds/a~1b"); labels are left out; "" for the root.
    [[nodiscard]] std::string json_pointer() const {
        std::string text;
        for (const path_segment& s : steps_) {
            text += '/';
            if (s.kind == path_step::index) {
                text += std::to_string(s.index);
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
    [[nodiscard]] friend bool operator==(const field_path& a, const field_path& b) { return a.steps_ == b.steps_; }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const field_path& a, const field_path& b) { return !(a == b); }
    /// Writes @p p.to_string().
    friend std::ostream& operator<<(std::ostream& os, const field_path& p) { return os << p.to_string(); }

private:
    [[nodiscard]] field_path then(path_segment s) const {
        field_path p = *this;
        p.steps_.push_back(std::move(s));
        return p;
    }

    std::vector<path_segment> steps_;
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
    text += std::to_string(ds.size());
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
