/// @file company/fully_diluted_basis.hpp
/// @brief Which shares a fully diluted count includes (fully_diluted_basis), apart from the cap
/// table so that an instrument's terms can name a basis without the table (a note's cap_basis).
#ifndef FUNDROUND_COMPANY_FULLY_DILUTED_BASIS_HPP
#define FUNDROUND_COMPANY_FULLY_DILUTED_BASIS_HPP

#include <fundround/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

FUNDROUND_BEGIN_NAMESPACE

namespace detail {
struct cap_table_access;  // the company layer's access to a table's indexes (cap_table_round.hpp)
}  // namespace detail

/// Which shares a fully diluted count includes, named, because deals differ on it. Issued shares
/// (every class, preferred as converted) are always in; each flag adds a component.
struct fully_diluted_basis {
    bool granted_options = true;   ///< + options granted and outstanding.
    bool unallocated_pool = true;  ///< + the pools' unallocated shares.
    bool warrants = true;          ///< + warrants as exercised.
    /// + convertibles (SAFEs, notes) as converted. A cap table holds none, so
    /// cap_table::fully_diluted() counts 0 for them; fully_diluted_as_converted()
    /// (instruments/as_converted.hpp) counts them under a named conversion assumption.
    bool convertibles = false;

    /// Issued shares only ("outstanding").
    [[nodiscard]] static constexpr fully_diluted_basis outstanding() noexcept { return {false, false, false, false}; }
    /// Issued shares + granted options.
    [[nodiscard]] static constexpr fully_diluted_basis issued_and_granted() noexcept {
        return {true, false, false, false};
    }
    /// The usual term-sheet basis: issued + granted options + unallocated pool + warrants.
    [[nodiscard]] static constexpr fully_diluted_basis full() noexcept { return {true, true, true, false}; }
    /// full() + convertibles as converted (counted by fully_diluted_as_converted(); 0 from a cap
    /// table alone).
    [[nodiscard]] static constexpr fully_diluted_basis full_with_convertibles() noexcept {
        return {true, true, true, true};
    }

    /// The preset's name ("full", "outstanding", ...) or "custom".
    [[nodiscard]] constexpr std::string_view name() const noexcept {
        if (*this == outstanding()) return "outstanding";
        if (*this == issued_and_granted()) return "issued_and_granted";
        if (*this == full()) return "full";
        if (*this == full_with_convertibles()) return "full_with_convertibles";
        return "custom";
    }
    /// What the basis counts, e.g. "issued + granted options + unallocated pool + warrants".
    [[nodiscard]] std::string to_string() const { return text_then({}); }

    /// True if the same components are included.
    [[nodiscard]] friend constexpr bool operator==(const fully_diluted_basis& a, const fully_diluted_basis& b) noexcept {
        return a.granted_options == b.granted_options && a.unallocated_pool == b.unallocated_pool &&
               a.warrants == b.warrants && a.convertibles == b.convertibles;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend constexpr bool operator!=(const fully_diluted_basis& a, const fully_diluted_basis& b) noexcept {
        return !(a == b);
    }

private:
    friend struct detail::cap_table_access;  // a priced round's base: the text and what follows it, at once
    /// to_string() followed by @p suffix, in one allocation: it is built for every priced
    /// round's base (the text is longer than the small-string buffer).
    [[nodiscard]] std::string text_then(std::string_view suffix) const {
        constexpr std::string_view parts[] = {"issued", " + granted options", " + unallocated pool", " + warrants",
                                              " + convertibles"};
        const bool on[] = {true, granted_options, unallocated_pool, warrants, convertibles};
        char text[96];  // the parts: 69 characters at most
        std::size_t n = 0;
        for (std::size_t k = 0; k < 5; ++k) {
            if (on[k]) n += parts[k].copy(text + n, parts[k].size());
        }
        if (suffix.size() > sizeof text - n) return std::string(text, n).append(suffix);
        n += suffix.copy(text + n, suffix.size());
        return std::string(text, n);
    }
};

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_FULLY_DILUTED_BASIS_HPP
