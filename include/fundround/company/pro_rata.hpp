/// @file company/pro_rata.hpp
/// @brief Pro-rata rights: what each holder with the right may buy in a new issuance to keep its
/// fully diluted percentage, exactly, with the share rounding named.
#ifndef FUNDROUND_COMPANY_PRO_RATA_HPP
#define FUNDROUND_COMPANY_PRO_RATA_HPP

#include <fundround/config.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// One holder's pro-rata entitlement in a new issuance.
struct pro_rata_entitlement {
    holder_id holder;        ///< Who has the right.
    share_count held;        ///< Its fully diluted shares before the issuance (on the named basis).
    fraction ownership;      ///< held / the fully diluted total before: the percentage it keeps.
    fraction exact_shares;   ///< new shares x ownership: what keeps the percentage exactly.
    share_count shares;      ///< exact_shares rounded to whole shares by the named mode.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const pro_rata_entitlement& a, const pro_rata_entitlement& b) {
        return a.holder == b.holder && a.held == b.held && a.ownership == b.ownership &&
               a.exact_shares == b.exact_shares && a.shares == b.shares;
    }
    /// True unless @p a == @p b.
    [[nodiscard]] friend bool operator!=(const pro_rata_entitlement& a, const pro_rata_entitlement& b) {
        return !(a == b);
    }
};

/// Pro-rata entitlements in an issuance of new shares, with the basis and rounding that define
/// them. A holder buying exact_shares keeps its percentage exactly: (F + N F / T) / (T + N) = F /
/// T.
class pro_rata_offer {
public:
    /// The fully diluted basis the percentages are measured on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }
    /// `T`: the fully diluted total before the issuance.
    [[nodiscard]] share_count total_before() const noexcept { return total_before_; }
    /// `N`: every share the issuance adds to the fully diluted count.
    [[nodiscard]] share_count new_shares() const noexcept { return new_shares_; }
    /// How each exact entitlement was rounded to whole shares.
    [[nodiscard]] rounding share_rounding() const noexcept { return mode_; }
    /// The entitlements, in the order the holders were given.
    [[nodiscard]] const std::vector<pro_rata_entitlement>& entitlements() const noexcept { return entitlements_; }
    /// The sum of the rounded entitlements (at most new_shares()).
    [[nodiscard]] share_count total_entitled() const noexcept { return entitled_; }
    /// new_shares() - total_entitled(): the shares left for new investors if every right is used.
    [[nodiscard]] share_count left_for_others() const { return new_shares_ - entitled_; }

private:
    friend pro_rata_offer pro_rata_rights(const cap_table&, const std::vector<holder_id>&, share_count,
                                          const fully_diluted_basis&, rounding);
    fully_diluted_basis basis_;
    share_count total_before_;
    share_count new_shares_;
    rounding mode_ = rounding::floor;
    std::vector<pro_rata_entitlement> entitlements_;
    share_count entitled_;
};

/// What each holder in @p with_right may buy of an issuance that adds @p new_shares to the fully
/// diluted count of @p table (new money shares and any pool increase: everything that dilutes),
/// to keep its percentage on @p basis: new_shares x its fully diluted shares / the total, rounded
/// by @p mode (rounding::floor by default: a right never buys past its percentage). The basis is
/// a term of the investors' rights agreement: the NVCA model counts common as converted plus
/// options and warrants outstanding (fully_diluted_basis::issued_and_granted() with warrants).
/// Throws validation_error listing every problem: an unknown or repeated holder, new shares that
/// are not positive, a fully diluted total of 0, a mode outside the enumeration, or rounded
/// entitlements summing past new_shares;
/// under rounding::exact, inexact_error naming the first holder whose entitlement is not whole
/// (as priced_round_terms::solve() names an inexact figure).
[[nodiscard]] inline pro_rata_offer pro_rata_rights(const cap_table& table, const std::vector<holder_id>& with_right,
                                                    share_count new_shares, const fully_diluted_basis& basis,
                                                    rounding mode = rounding::floor) {
    std::vector<diagnostic> problems;
    if (new_shares.value() <= 0) {
        problems.push_back({field_path("new_shares"), std::to_string(new_shares.value()), "must be positive"});
    }
    const fully_diluted_counts fd = table.fully_diluted(basis);
    if (fd.total().value() <= 0) {
        problems.push_back({field_path("basis"), basis.to_string(), "the fully diluted total on it is 0: no percentage to keep"});
    }
    std::vector<std::size_t> index(with_right.size());
    std::vector<bool> seen(table.holders().size(), false);
    for (std::size_t i = 0; i < with_right.size(); ++i) {
        const auto h = table.holder_index(with_right[i]);
        if (!h) {
            problems.push_back({detail::company_field("with_right", i), detail::quoted_text(with_right[i].str()),
                                "is not a holder on the cap table"});
            continue;
        }
        if (seen[*h]) {
            problems.push_back({detail::company_field("with_right", i), detail::quoted_text(with_right[i].str()),
                                "appears twice; list each holder once"});
        }
        seen[*h] = true;
        index[i] = *h;
    }
    detail::check_known_enum(problems, field_path("mode"), mode, detail::rounding_names);
    if (!problems.empty()) throw validation_error("pro-rata rights", std::move(problems));
    pro_rata_offer offer;
    offer.basis_ = basis;
    offer.total_before_ = fd.total();
    offer.new_shares_ = new_shares;
    offer.mode_ = mode;
    offer.entitlements_.reserve(with_right.size());
    detail::int128 entitled = 0;  // each entitlement is at most new_shares (ownership <= 1)
    for (std::size_t i = 0; i < with_right.size(); ++i) {
        const share_count held = fd.by_holder()[index[i]];
        const fraction own(held.value(), fd.total().value());
        const fraction exact = own * fraction(new_shares.value());
        detail::int128 whole = 0;
        try {
            whole = exact.round_to_integer(mode);
        } catch (const inexact_error&) {  // rounding::exact: name the holder and the figure
            throw inexact_error(detail::company_field("with_right", i).to_string() + " = " +
                                detail::quoted_text(with_right[i].str()) + ": its pro-rata shares " + exact.to_string() +
                                " are not whole, and the rounding is rounding::exact");
        }
        const share_count rounded(detail::narrow(whole, "pro-rata shares"));
        // Summed in 128 bits: rounded up, the entitlements may pass new_shares near the 64-bit
        // limit, which is the problem reported below, not a share count overflow.
        entitled += whole;
        offer.entitlements_.push_back({with_right[i], held, own, exact, rounded});
    }
    if (entitled > detail::int128(new_shares.value())) {
        throw validation_error("pro-rata rights",
                               {{field_path("mode"), std::string(to_string(mode)),
                                 "the rounded entitlements total " + fraction(entitled).to_string() +
                                     " shares, more than the " + std::to_string(new_shares.value()) +
                                     " new shares; round down (rounding::floor)"}});
    }
    offer.entitled_ = share_count(static_cast<std::int64_t>(entitled));
    return offer;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_COMPANY_PRO_RATA_HPP
