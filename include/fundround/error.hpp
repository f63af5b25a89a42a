/// @file error.hpp
/// @brief Exception types and the diagnostics a round builder reports.
#ifndef FUNDROUND_ERROR_HPP
#define FUNDROUND_ERROR_HPP


#include <fundround/config.hpp>
#include <cstddef>
#include <stdexcept>
#include <string>
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

/// One problem found while validating input: which field, what value, which rule it breaks.
struct diagnostic {
    std::string field;  ///< Path of the offending field, e.g. "investors[2].tranches[0].amount".
    std::string value;  ///< The offending value as text ("" when the value is missing).
    std::string rule;   ///< The rule it breaks, phrased so a person can act on it.

    /// "field = value: rule" (or "field: rule" when there is no value).
    [[nodiscard]] std::string message() const {
        const std::string& f = field;
        if (value.empty()) return f + ": " + rule;
        return f + " = " + value + ": " + rule;
    }
    /// True if field, value and rule are all equal.
    [[nodiscard]] friend bool operator==(const diagnostic& a, const diagnostic& b) {
        const std::string& a_field = a.field;
        return a_field == b.field && a.value == b.value && a.rule == b.rule;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const diagnostic& a, const diagnostic& b) { return !(a == b); }
};

namespace detail {
/// "what: N problems" followed by one line per diagnostic.
[[nodiscard]] inline std::string join_diagnostics(const std::string& what,
                             const std::vector<diagnostic>& ds) {
    std::string text = what + ": " + std::to_string(ds.size()) +
                       (ds.size() == 1 ? " problem" : " problems");
    for (const auto& d : ds) text += "\n  - " + d.message();
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
