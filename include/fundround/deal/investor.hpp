/// @file deal/investor.hpp
/// @brief Who puts money in: name, kind and whether they lead the round.
#ifndef FUNDROUND_DEAL_INVESTOR_HPP
#define FUNDROUND_DEAL_INVESTOR_HPP


#include <fundround/config.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

FUNDROUND_BEGIN_NAMESPACE

/// The kind of investor.
enum class investor_kind {
    strategic,  ///< A company investing for strategic reasons (Amazon, Nvidia).
    financial,  ///< A fund or financial investor (SoftBank Vision Fund, a VC).
    sovereign,  ///< A sovereign wealth fund or state vehicle.
    employee,   ///< Employees or founders.
    angel,      ///< An individual angel investor.
    other,      ///< Anything else.
};

namespace detail {
/// investor_kind's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view investor_kind_names[] = {"strategic", "financial", "sovereign", "employee", "angel", "other"};

/// The name of @p k ("strategic"), a view of a literal: no string to build.
[[nodiscard]] constexpr std::string_view kind_name(investor_kind k) noexcept {
    switch (k) {
        case investor_kind::strategic: return "strategic";
        case investor_kind::financial: return "financial";
        case investor_kind::sovereign: return "sovereign";
        case investor_kind::employee: return "employee";
        case investor_kind::angel: return "angel";
        case investor_kind::other: return "other";
    }
    return "unknown";
}
}  // namespace detail

/// "strategic", "financial", ...
[[nodiscard]] constexpr std::string_view to_string(investor_kind k) noexcept { return detail::kind_name(k); }

/// An investor in a round: a name (its identity within a round), a kind and a lead flag.
class investor {
public:
    /// An investor called @p name of kind @p kind; @p lead marks the round's lead investor.
    explicit investor(std::string_view name, investor_kind kind = investor_kind::other, bool lead = false)
        : name_(name), kind_(kind), lead_(lead) {}

    /// A strategic investor called @p name.
    [[nodiscard]] static investor strategic(std::string_view name) { return investor(name, investor_kind::strategic); }
    /// A financial investor called @p name.
    [[nodiscard]] static investor financial(std::string_view name) { return investor(name, investor_kind::financial); }
    /// A sovereign investor called @p name.
    [[nodiscard]] static investor sovereign(std::string_view name) { return investor(name, investor_kind::sovereign); }
    /// An angel investor called @p name.
    [[nodiscard]] static investor angel(std::string_view name) { return investor(name, investor_kind::angel); }

    /// The same investor marked as the round's lead.
    [[nodiscard]] investor as_lead() const { return investor(name_, kind_, true); }

    /// The investor's name, unique within a round.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The investor's kind.
    [[nodiscard]] investor_kind kind() const noexcept { return kind_; }
    /// True if the investor leads the round.
    [[nodiscard]] bool is_lead() const noexcept { return lead_; }

    /// True if name, kind and lead flag are all equal.
    [[nodiscard]] friend bool operator==(const investor& a, const investor& b) {
        const std::string& name = a.name_;
        return name == b.name_ && a.kind_ == b.kind_ && a.lead_ == b.lead_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const investor& a, const investor& b) { return !(a == b); }
    /// Writes e.g. "Amazon (strategic, lead)".
    friend std::ostream& operator<<(std::ostream& os, const investor& i) {
        return os << i.name_ << " (" << detail::kind_name(i.kind_) << (i.lead_ ? ", lead)" : ")");
    }

private:
    std::string name_;
    investor_kind kind_;
    bool lead_;
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_INVESTOR_HPP
