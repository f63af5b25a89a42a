/// @file company/holder.hpp
/// @brief Holders on a cap table: a stable identity separate from the display name, a kind, and
/// the check that "SoftBank", "Softbank" and "SoftBank " do not silently become three holders.
#ifndef FUNDROUND_COMPANY_HOLDER_HPP
#define FUNDROUND_COMPANY_HOLDER_HPP

#include <fundround/config.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/name_key.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {

/// The field path of member @p member of element @p index of list @p list, e.g.
/// company_field("holders", 2, "name") is `holders[2].name` (no member: `holders[2]`); @p list
/// and @p member are single members, never dotted text.
[[nodiscard]] inline field_path company_field(std::string_view list, std::size_t index,
                                              std::string_view member = {}) {
    field_path path = field_path(std::string(list)).index(index);
    if (!member.empty()) path = path.member(std::string(member));
    return path;
}

/// Text of @p text in double quotes, for a diagnostic's value ("\"SoftBank \"").
[[nodiscard]] inline std::string quoted_text(std::string_view text) {
    std::string out = "\"";
    out += text;
    out += '"';
    return out;
}

}  // namespace detail

/// What a holder is to the company. Data only: no rule depends on it.
enum class holder_kind {
    founder,   ///< A founder.
    employee,  ///< An employee (option holders, usually).
    investor,  ///< An investor (angel, fund, strategic).
    advisor,   ///< An advisor or consultant.
    other,     ///< Anything else.
};

namespace detail {
/// holder_kind's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view holder_kind_names[] = {"founder", "employee", "investor", "advisor", "other"};
}  // namespace detail

/// The kind's name as written in code, e.g. "founder".
[[nodiscard]] constexpr std::string_view to_string(holder_kind k) noexcept {
    switch (k) {
        case holder_kind::founder: return "founder";
        case holder_kind::employee: return "employee";
        case holder_kind::investor: return "investor";
        case holder_kind::advisor: return "advisor";
        case holder_kind::other: return "other";
    }
    return "unknown";
}

/// A holder's stable identity ("softbank-vf2", "emp-0042"): compared exactly, never by name.
/// Not a display name: renaming a holder keeps its id.
class holder_id {
public:
    /// The empty id (invalid on a cap table; a regular type needs a default).
    holder_id() = default;
    /// The id @p text, kept exactly as given.
    explicit holder_id(std::string text) : text_(std::move(text)) {}

    /// The id's text.
    [[nodiscard]] const std::string& str() const noexcept { return text_; }
    /// True if the id is empty.
    [[nodiscard]] bool empty() const noexcept { return text_.empty(); }

    /// True if the texts are equal (exactly: "SoftBank" != "Softbank").
    [[nodiscard]] friend bool operator==(const holder_id& a, const holder_id& b) noexcept {
        return a.text_ == b.text_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const holder_id& a, const holder_id& b) noexcept {
        return !(a == b);
    }
    /// Byte order of the texts (for sorted indexes).
    [[nodiscard]] friend bool operator<(const holder_id& a, const holder_id& b) noexcept {
        return a.text_ < b.text_;
    }
    /// Writes the id's text.
    friend std::ostream& operator<<(std::ostream& os, const holder_id& id) { return os << id.text_; }

private:
    std::string text_;
};

/// Someone who holds, or may hold, shares: a stable id, a display name and a kind.
class holder {
public:
    /// A holder with id @p id, display name @p name and kind @p kind.
    holder(holder_id id, std::string name, holder_kind kind = holder_kind::other)
        : id_(std::move(id)), name_(std::move(name)), kind_(kind) {}

    /// A founder with id @p id and display name @p name.
    [[nodiscard]] static holder founder(std::string id, std::string name) {
        return holder(holder_id(std::move(id)), std::move(name), holder_kind::founder);
    }
    /// An employee with id @p id and display name @p name.
    [[nodiscard]] static holder employee(std::string id, std::string name) {
        return holder(holder_id(std::move(id)), std::move(name), holder_kind::employee);
    }
    /// An investor with id @p id and display name @p name.
    [[nodiscard]] static holder investor(std::string id, std::string name) {
        return holder(holder_id(std::move(id)), std::move(name), holder_kind::investor);
    }
    /// An advisor with id @p id and display name @p name.
    [[nodiscard]] static holder advisor(std::string id, std::string name) {
        return holder(holder_id(std::move(id)), std::move(name), holder_kind::advisor);
    }

    /// The stable identity.
    [[nodiscard]] const holder_id& id() const noexcept { return id_; }
    /// The display name (not an identity: two holders may not share it by accident, see
    /// holder_name_key()).
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The kind.
    [[nodiscard]] holder_kind kind() const noexcept { return kind_; }

    /// True if id, name and kind are all equal.
    [[nodiscard]] friend bool operator==(const holder& a, const holder& b) {
        return a.id_ == b.id_ && a.name_ == b.name_ && a.kind_ == b.kind_;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const holder& a, const holder& b) { return !(a == b); }
    /// Writes e.g. "SoftBank Vision Fund [softbank] (investor)".
    friend std::ostream& operator<<(std::ostream& os, const holder& h) {
        return os << h.name_ << " [" << h.id_ << "] (" << to_string(h.kind_) << ")";
    }

private:
    holder_id id_;
    std::string name_;
    holder_kind kind_;
};

/// The key two names are compared by to find near-duplicates: ASCII letters lower-cased, ASCII
/// whitespace, punctuation and control characters dropped, every other byte (digits, UTF-8)
/// kept. "SoftBank ", "Softbank" and "Soft-Bank" all give "softbank".
[[nodiscard]] inline std::string holder_name_key(std::string_view name) {
    return detail::name_key(name);  // the rule, with the in-place comparisons: detail/name_key.hpp
}

namespace detail {

/// validate_holders() for holders of which the first @p added_from were valid before: only
/// problems of holders[added_from...] are reported, those at @p list `[i - added_from]`
/// (e.g. `new_buyers[0].name`); earlier holders keep their `holders[i]` path in the rules.
/// If @p key_order is given, it receives the positions of all holders sorted by
/// holder_name_key() (ties in position order): the table's index for near-duplicate lookups.
/// The holders the problems name by their place go to @p refs, if given (indexes in the result).
[[nodiscard]] inline std::vector<diagnostic> check_holders(
    const std::vector<holder>& holders, const std::vector<std::pair<holder_id, holder_id>>& declared_distinct,
    const field_path& list, std::size_t added_from, std::vector<std::uint32_t>* key_order = nullptr,
    std::vector<element_reference>* refs = nullptr) {
    const auto name_of = [&](std::size_t i, std::string_view member = {}) {
        field_path path = i < added_from ? field_path("holders").index(i) : list.index(i - added_from);
        if (!member.empty()) path = path.member(std::string(member));
        return path;
    };
    std::vector<diagnostic> out;
    const std::size_t n = holders.size();
    for (std::size_t i = added_from; i < n; ++i) {
        if (holders[i].id().empty()) {
            out.push_back({name_of(i, "id"), "", "must not be empty"});
        }
        if (holder_name_key(holders[i].name()).empty()) {
            out.push_back({name_of(i, "name"), quoted_text(holders[i].name()),
                           "must contain a letter or digit"});
        }
        if (!enum_known(holders[i].kind(), holder_kind_names)) {
            check_known_enum(out, name_of(i, "kind"), holders[i].kind(), holder_kind_names);
        }
    }
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    // Exact duplicate ids: stable sort by id, compare neighbours.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return holders[a].id() < holders[b].id(); });
    struct found_problem {
        std::size_t holder;  // the offending holder's index
        diagnostic problem;
        field_path named;    // the holder its rule names
        std::size_t at;      // where
    };
    std::vector<found_problem> found;
    for (std::size_t j = 1, first = 0; j < n; ++j) {
        const holder& h = holders[order[j]];
        if (h.id() != holders[order[j - 1]].id()) {
            first = j;
        } else if (!h.id().empty()) {
            const std::string rule = "duplicates the id of ";
            found.push_back({order[j],
                             {name_of(order[j], "id"), quoted_text(h.id().str()),
                              rule + name_of(order[first]).to_string() + "; a holder appears once (merge the two)"},
                             name_of(order[first]), rule.size()});
        }
    }
    // Near-duplicate names: stable sort by key; each holder is compared with the earlier holders
    // of its group until one is neither the same id nor declared distinct (usually the first).
    std::vector<std::string> keys(n);
    for (std::size_t i = 0; i < n; ++i) keys[i] = holder_name_key(holders[i].name());
    using id_pair = std::pair<holder_id, holder_id>;
    const auto pair_less = [](const id_pair& x, const id_pair& y) {
        return x.first < y.first || (x.first == y.first && x.second < y.second);
    };
    std::vector<id_pair> distinct = declared_distinct;
    for (auto& p : distinct) {
        if (p.second < p.first) std::swap(p.first, p.second);
    }
    std::sort(distinct.begin(), distinct.end(), pair_less);
    const auto is_declared = [&](const holder_id& a, const holder_id& b) {
        const id_pair p = b < a ? id_pair(b, a) : id_pair(a, b);
        return std::binary_search(distinct.begin(), distinct.end(), p, pair_less);
    };
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    if (key_order) {  // positions < 2^31 (checked by callers)
        key_order->resize(n);
        for (std::size_t i = 0; i < n; ++i) (*key_order)[i] = static_cast<std::uint32_t>(order[i]);
    }
    for (std::size_t j = 0; j < n;) {
        std::size_t end = j + 1;
        while (end < n && keys[order[end]] == keys[order[j]]) ++end;
        for (std::size_t k = j + 1; k < end && !keys[order[j]].empty(); ++k) {
            const holder& b = holders[order[k]];
            for (std::size_t m = j; m < k; ++m) {
                const holder& a = holders[order[m]];
                if (a.id() == b.id() || is_declared(a.id(), b.id())) continue;
                const std::string rule = a.name() == b.name() ? "is the same name as " : "nearly duplicates ";
                found.push_back(
                    {order[k],
                     {name_of(order[k], "name"), quoted_text(b.name()),
                      rule + name_of(order[m]).to_string() + " " + quoted_text(a.name()) + " (ids \"" + a.id().str() + "\" and \"" +
                          b.id().str() + "\"); use one holder, or declare the two distinct"},
                     name_of(order[m]), rule.size()});
                break;
            }
        }
        j = end;
    }
    // Reported in the input order of the offending holder.
    std::stable_sort(found.begin(), found.end(),
                     [](const found_problem& a, const found_problem& b) { return a.holder < b.holder; });
    for (found_problem& f : found) {
        if (f.holder < added_from) continue;
        if (refs != nullptr) refs->push_back({out.size(), std::move(f.named), f.at});
        out.push_back(std::move(f.problem));
    }
    return out;
}

}  // namespace detail

/// Every problem with a list of holders, in one pass over a sorted index (O(n log n)):
/// an empty id or name, an id that appears twice (an exact duplicate: rejected), and two holders
/// whose names have the same holder_name_key() (a near-duplicate, or the same name under two
/// ids) unless the pair is in @p declared_distinct. Fields are `holders[i].id` / `holders[i].name`.
[[nodiscard]] inline std::vector<diagnostic> validate_holders(
    const std::vector<holder>& holders,
    const std::vector<std::pair<holder_id, holder_id>>& declared_distinct = {}) {
    return detail::check_holders(holders, declared_distinct, field_path("holders"), 0);
}

FUNDROUND_END_NAMESPACE

namespace std {

/// Hash of a holder id (of its text), for unordered containers.
template <>
struct hash<fundround::holder_id> {
    /// The hash of @p id; equal ids hash equally.
    [[nodiscard]] std::size_t operator()(const fundround::holder_id& id) const noexcept {
        return std::hash<std::string>()(id.str());
    }
};

/// Hash of a holder: the hash of its id (equal holders have equal ids), for unordered containers.
template <>
struct hash<fundround::holder> {
    /// The hash of @p h's id; equal holders hash equally.
    [[nodiscard]] std::size_t operator()(const fundround::holder& h) const noexcept {
        return std::hash<fundround::holder_id>()(h.id());
    }
};

}  // namespace std

#endif  // FUNDROUND_COMPANY_HOLDER_HPP
