/// @file instruments/conversion.hpp
/// @brief SAFEs and convertible notes converting into a priced round on a cap table, solved
/// exactly and in closed form: the round price, each instrument's conversion price and shares,
/// the option pool top-up, the new investors' shares and the cap table after.
///
/// Notation: `F0` the fully diluted shares before the round (on a named basis, unallocated pool
/// `E` included), `Q` the capitalization right before the new money (`F0` + pool increase `I` +
/// all conversion shares), `N` the new money, `u = 1 / P` the shares one money unit buys at the
/// round price. The price is fixed by the named convention (`conversion_pricing`): for the usual
/// one, `P = V / Q` (the pre-money counts the conversion shares and the pool top-up). Instrument
/// i converting `A_i` (purchase amount, or principal + interest) gets
/// `S_i = A_i x max(Cap_i / C_i, u / (1 - d_i))`: the lower of its cap price `C_i / Cap_i` and its
/// discount price `P (1 - d_i)`, where `Cap_i` is the post-money SAFE's company capitalization
/// (`Q`, or `Q - I` when its form leaves the pool increase out) or the pre-money capitalization
/// (`F0`, plus `I` when it counts). A fixed-percentage SAFE gets `S_i = p_i x Cap_i` (its exact
/// percentage in place of `A_i / C_i`, at any round price: no lower price to take), at the
/// price `A_i / S_i`. With a pool target `t`, `E + I = t T`, `T = Q + N u`.
/// Every quantity is affine in `Q` on each piece between known breakpoints (where a cap and a
/// discount price cross, where the pool target starts to bind), so the equation
/// `Q = F0 + I + sum S_i` is solved exactly on the piece where it changes sign: a finite,
/// closed-form solve on big rationals (no iteration to convergence, no floating point), so ten
/// SAFEs with unrelated caps never overflow. Then the named roundings: the price, each
/// conversion price, the conversion shares (rounded down by default, the standard SAFE's
/// convention), and the new money and pool top-up through company/pricing.hpp at that price.
#ifndef FUNDROUND_INSTRUMENTS_CONVERSION_HPP
#define FUNDROUND_INSTRUMENTS_CONVERSION_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/company/holder.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/company/share_class.hpp>
#include <fundround/detail/bigint.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/convertible_note.hpp>
#include <fundround/instruments/safe.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/time/calendar.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// How the round price counts the shares the instruments convert into (deals differ; the price
/// depends on it). With `S` the conversion shares, `A` the amounts converting, `I` the pool
/// increase when it is in the pre-money:
enum class conversion_pricing {
    /// `P = V / (F0 + I + S)`: the pre-money counts the conversion shares, so the new money buys
    /// exactly N / (V + N) (the post-money SAFE's usual setting; the "percentage-ownership
    /// method").
    conversion_shares_in_pre_money,
    /// `P = V / (F0 + I)`: the conversion shares are not in the pre-money; they dilute every
    /// holder, the new investors included (the "pre-money method").
    conversion_shares_not_in_pre_money,
    /// `P = (V + A) / (F0 + I + S)`: the money converting is added to the pre-money (the
    /// "dollars-invested method").
    dollars_invested,
};

namespace detail {
/// conversion_pricing's names as written in code, in order (detail/enum_check.hpp).
inline constexpr std::string_view conversion_pricing_names[] = {"conversion_shares_in_pre_money",
                                                                "conversion_shares_not_in_pre_money", "dollars_invested"};
}  // namespace detail

/// The convention's name, e.g. "conversion shares in the pre-money".
[[nodiscard]] constexpr std::string_view to_string(conversion_pricing c) noexcept {
    switch (c) {
        case conversion_pricing::conversion_shares_in_pre_money: return "conversion shares in the pre-money";
        case conversion_pricing::conversion_shares_not_in_pre_money: return "conversion shares not in the pre-money";
        case conversion_pricing::dollars_invested: return "dollars invested added to the pre-money";
    }
    return "unknown";
}

/// What kind of instrument converted.
enum class instrument_kind {
    safe,  ///< A SAFE (safes()[index]).
    note,  ///< A convertible note (notes()[index]).
};

/// The kind's name as written in code: "safe" or "note".
[[nodiscard]] constexpr std::string_view to_string(instrument_kind k) noexcept {
    switch (k) {
        case instrument_kind::safe: return "safe";
        case instrument_kind::note: return "note";
    }
    return "unknown";
}

/// Which price an instrument converted at.
enum class conversion_basis {
    cap,          ///< The cap price: valuation cap / its capitalization.
    discount,     ///< The discount price: round price x (1 - discount).
    round_price,  ///< The round price: no cap and no discount, or a cap-only instrument whose cap price is higher.
    fixed_percentage,  ///< A fixed-percentage SAFE's price: purchase amount / (percentage x its capitalization), whatever the round price.
};

/// "cap", "discount", "round price" or "fixed percentage".
[[nodiscard]] constexpr std::string_view to_string(conversion_basis b) noexcept {
    switch (b) {
        case conversion_basis::cap: return "cap";
        case conversion_basis::discount: return "discount";
        case conversion_basis::round_price: return "round price";
        case conversion_basis::fixed_percentage: return "fixed percentage";
    }
    return "unknown";
}

/// One instrument's conversion: the amount, the terms that applied, the exact and rounded
/// conversion prices, the exact and rounded shares, and the cash not converted.
///
/// Invariant: `cost_units() + not_converted_units == amount` exactly, with
/// `cost_units() = shares x conversion_price`.
struct instrument_conversion {
    instrument_kind kind = instrument_kind::safe;  ///< SAFE or note.
    std::size_t index = 0;                         ///< Its position in the SAFEs or the notes given.
    holder_id holder;                              ///< Its holder.
    std::string description;                       ///< E.g. "post-money SAFE (valuation cap)".
    money principal;                               ///< Purchase amount or note principal.
    money interest;                                ///< Accrued interest (zero for a SAFE).
    money amount;                                  ///< principal + interest: what converts.
    std::optional<money> valuation_cap;            ///< The cap used (after MFN), if any.
    std::optional<fraction> discount;              ///< The discount used (after MFN), if any.
    /// A note's cap_basis: its cap divides the cap table's count on this basis before the round
    /// (exact_capitalization); empty: the round's capitalization.
    std::optional<fully_diluted_basis> cap_basis;
    std::optional<fraction> fixed_percentage;      ///< A fixed-percentage SAFE's fraction of its capitalization (then no cap, no discount).
    /// For an MFN SAFE: the SAFEs (indices) whose cap and discount it took; empty otherwise (and
    /// for an MFN SAFE with no later terms to take: it converts on its own terms, none for
    /// `safe::post_money_mfn`, at the round's price).
    std::vector<std::size_t> mfn_from;
    bool mfn = false;  ///< True for an MFN SAFE (`safe::mfn`), whether or not it took terms.
    conversion_basis basis = conversion_basis::round_price;  ///< The price that applied.
    exact_rational exact_capitalization;  ///< The capitalization its cap divides, or its fixed percentage is of (shares, exact; 0 otherwise).
    exact_rational exact_price_units;     ///< The exact conversion price, money units per share.
    exact_rational exact_shares;          ///< amount / exact price: the shares before rounding.
    /// The conversion price after its named rounding (set by the conversion).
    fundround::price_per_share conversion_price{money::from_units(1), share_count(1)};
    share_count shares;                   ///< amount / conversion_price, rounded by the named share mode.
    fraction not_converted_units;         ///< amount - shares x conversion_price, exactly, in money units.
    std::string share_class;              ///< The class its shares are issued in (named by apply_to(); empty from solve()).

    /// shares x conversion_price, exactly, in money units.
    [[nodiscard]] fraction cost_units() const { return conversion_price.units_per_share() * fraction(shares.value()); }
    /// not_converted_units rounded to the money unit by @p mode.
    [[nodiscard]] money not_converted(rounding mode = rounding::half_even) const {
        return money::from_units(detail::narrow(not_converted_units.round_to_integer(mode), "cash not converted"),
                                 amount.currency());
    }
};

/// A note that did not convert: the financing was not a qualified financing for it.
struct outstanding_note {
    std::size_t index = 0;  ///< Its position in the notes given.
    holder_id holder;       ///< Its holder.
    std::string reason;     ///< Why it did not convert.
};

class conversion_round;
class converted_round;
class prepared_conversion;

/// The figures of a priced round with SAFEs and notes converting, without the cap table after:
/// the round price, `Q`, the pool increase, each instrument's conversion and the new money.
/// Made by conversion_round::solve() (the solver alone) and inside apply_to(), which adds the
/// cap table after to the same figures.
class conversion_solution {
public:
    /// The exact round price before rounding, money units per share.
    [[nodiscard]] const exact_rational& exact_price_units() const noexcept { return exact_price_; }
    /// The round price after its named rounding.
    [[nodiscard]] const fundround::price_per_share& price() const noexcept { return price_; }
    /// `Q`: the exact capitalization right before the new money (F0 + pool increase + conversion
    /// shares).
    [[nodiscard]] const exact_rational& exact_capitalization() const noexcept { return exact_q_; }
    /// The exact pool increase the solve implies (before rounding).
    [[nodiscard]] const exact_rational& exact_pool_increase() const noexcept { return exact_i_; }
    /// The exact post-money fully diluted count (before rounding).
    [[nodiscard]] const exact_rational& exact_post_money_shares() const noexcept { return exact_t_; }
    /// Every instrument that converted, SAFEs first, each in the order given (share_class is
    /// set by apply_to(), which names the series; empty here).
    [[nodiscard]] const std::vector<instrument_conversion>& conversions() const noexcept { return conversions_; }
    /// The conversion of SAFE @p index; throws invalid_argument_error if it did not convert.
    [[nodiscard]] const instrument_conversion& safe_conversion(std::size_t index) const { return find(instrument_kind::safe, index); }
    /// The conversion of note @p index; throws invalid_argument_error if it did not convert.
    [[nodiscard]] const instrument_conversion& note_conversion(std::size_t index) const { return find(instrument_kind::note, index); }
    /// Notes that did not convert (financing below their qualified-financing threshold).
    [[nodiscard]] const std::vector<outstanding_note>& outstanding_notes() const noexcept { return outstanding_; }
    /// All conversion shares.
    [[nodiscard]] share_count conversion_shares() const noexcept { return conversion_shares_; }
    /// The new money at the round price: each investor's shares, cost and unconverted cash, the
    /// pool top-up sized on the actual post-money count (company/pricing.hpp's priced_round, on
    /// the base F0 + conversion shares).
    /// Its basis() and stated_pre_money() are the round's terms (pre_money(), post_money() or
    /// at_price()), not the price it is solved at.
    [[nodiscard]] const priced_round& new_money() const noexcept { return pricing_; }
    /// Shares added to the pool (new_money().pool_increase()).
    [[nodiscard]] share_count pool_increase() const noexcept { return pricing_.pool_increase(); }

    /// Only conversion_round makes one (the key of the constructor below).
    class key {
        friend class conversion_round;
        friend class converted_round;
        key() {}  // NOLINT(modernize-use-equals-default): user-provided, so that only friends make one
    };
    /// Made by conversion_round only (it holds @p p, the new money, and sets the rest).
    conversion_solution(key, priced_round p) : pricing_(std::move(p)), price_(money::from_units(1), share_count(1)) {}

private:
    friend class conversion_round;
    friend class converted_round;

    const instrument_conversion& find(instrument_kind k, std::size_t index) const {
        for (const instrument_conversion& c : conversions_) {
            if (c.kind == k && c.index == index) return c;
        }
        throw invalid_argument_error(std::string(k == instrument_kind::safe ? "safes" : "notes") + "[" +
                                     std::to_string(index) + "]: did not convert in round \"" + pricing_.name() + "\"");
    }

    priced_round pricing_;
    exact_rational exact_price_;
    fundround::price_per_share price_;
    exact_rational exact_q_;
    exact_rational exact_i_;
    exact_rational exact_t_;
    std::vector<instrument_conversion> conversions_;
    std::vector<outstanding_note> outstanding_;
    share_count conversion_shares_;
};

/// The outcome of conversion_round::try_solve(): the figures, or every problem found.
struct conversion_solution_result {
    std::optional<conversion_solution> solution;  ///< The figures, when there were no problems.
    std::vector<diagnostic> problems;             ///< Every problem found (empty on success).

    /// True if the round was solved.
    [[nodiscard]] bool ok() const noexcept { return solution.has_value(); }
    /// True if the round was solved.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// A priced round with SAFEs and notes converting, applied to a cap table. Made by
/// conversion_round::apply_to().
class converted_round {
public:
    /// The round's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The new series the investors buy.
    [[nodiscard]] const std::string& series() const noexcept { return series_; }
    /// The pool topped up or created (the round's option pool target), if any.
    [[nodiscard]] const std::optional<std::string>& pool() const noexcept { return pool_; }
    /// True if the round created pool() (conversion_round::new_pool(): on the table after, not
    /// before), its size after the round's pool increase.
    [[nodiscard]] bool pool_created() const { return pool_ && !before_.pool_index(*pool_) && after_.pool_index(*pool_); }
    /// The closing date (notes' interest accrues to it, or to their maturity if it stops there).
    [[nodiscard]] calendar_date close_date() const noexcept { return close_; }
    /// The pricing convention.
    [[nodiscard]] conversion_pricing convention() const noexcept { return convention_; }
    /// The fully diluted basis the round is priced and reported on.
    [[nodiscard]] const fully_diluted_basis& basis() const noexcept { return basis_; }

    /// The figures (what conversion_round::solve() returns for the same round and table; here
    /// each conversion's share_class is set).
    [[nodiscard]] const conversion_solution& solution() const noexcept { return solution_; }
    /// The exact round price before rounding, money units per share.
    [[nodiscard]] const exact_rational& exact_price_units() const noexcept { return solution_.exact_price_units(); }
    /// The round price after its named rounding.
    [[nodiscard]] const fundround::price_per_share& price() const noexcept { return solution_.price(); }
    /// The price rounding named (empty: exact).
    [[nodiscard]] const std::optional<price_precision>& price_rounding() const noexcept { return price_precision_; }
    /// `Q`: the exact capitalization right before the new money (F0 + pool increase + conversion
    /// shares).
    [[nodiscard]] const exact_rational& exact_capitalization() const noexcept { return solution_.exact_capitalization(); }
    /// The exact pool increase the solve implies (before rounding).
    [[nodiscard]] const exact_rational& exact_pool_increase() const noexcept { return solution_.exact_pool_increase(); }
    /// The exact post-money fully diluted count (before rounding).
    [[nodiscard]] const exact_rational& exact_post_money_shares() const noexcept { return solution_.exact_post_money_shares(); }

    /// Every instrument that converted, SAFEs first, each in the order given.
    [[nodiscard]] const std::vector<instrument_conversion>& conversions() const noexcept { return solution_.conversions(); }
    /// The conversion of SAFE @p index; throws invalid_argument_error if it did not convert.
    [[nodiscard]] const instrument_conversion& safe_conversion(std::size_t index) const { return solution_.safe_conversion(index); }
    /// The conversion of note @p index; throws invalid_argument_error if it did not convert.
    [[nodiscard]] const instrument_conversion& note_conversion(std::size_t index) const { return solution_.note_conversion(index); }
    /// Notes that did not convert (financing below their qualified-financing threshold).
    [[nodiscard]] const std::vector<outstanding_note>& outstanding_notes() const noexcept { return solution_.outstanding_notes(); }
    /// All conversion shares.
    [[nodiscard]] share_count conversion_shares() const noexcept { return solution_.conversion_shares(); }
    /// The conversion share rounding.
    [[nodiscard]] rounding conversion_share_rounding() const noexcept { return conversion_share_mode_; }
    /// The conversion price rounding named (empty: exact).
    [[nodiscard]] const std::optional<price_precision>& conversion_price_rounding() const noexcept { return conversion_precision_; }

    /// The new money at the round price: each investor's shares and unconverted cash, the pool
    /// top-up sized on the actual post-money count (company/pricing.hpp's priced_round, on the
    /// base F0 + conversion shares).
    /// Its basis() and stated_pre_money() are the round's terms (pre_money(), post_money() or
    /// at_price()), not the price it is solved at.
    [[nodiscard]] const priced_round& new_money() const noexcept { return solution_.new_money(); }
    /// Shares added to the pool (new_money().pool_increase()).
    [[nodiscard]] share_count pool_increase() const noexcept { return solution_.pool_increase(); }

    /// The cap table before the round.
    [[nodiscard]] const cap_table& before() const noexcept { return before_; }
    /// The cap table after: instruments converted (each conversion price its own series,
    /// "<series>-1", "<series>-2"..., skipping a name already a class on the table), the new
    /// series issued, the pool topped up.
    [[nodiscard]] const cap_table& after() const noexcept { return after_; }
    /// Every holder after the round, in the table's order: shares and ownership before and after.
    [[nodiscard]] const std::vector<holder_change>& holders() const noexcept { return changes_; }
    /// The change of holder @p id; throws invalid_argument_error if it is not on the table after.
    [[nodiscard]] const holder_change& change_of(const holder_id& id) const {
        return detail::change_of(after_, changes_, id);
    }

    /// Only conversion_round makes one (the key of the constructor below).
    class key {
        friend class conversion_round;
        key() {}  // NOLINT(modernize-use-equals-default): user-provided, so that only friends make one
    };
    /// Made by conversion_round only, empty: the round is solved and its tables built in place.
    explicit converted_round(key)
        : solution_(conversion_solution::key(), priced_round()),
          before_(detail::cap_table_access::empty()),
          after_(detail::cap_table_access::empty()) {}

private:
    friend class conversion_round;

    conversion_solution solution_;
    cap_table before_;
    cap_table after_;
    std::string name_;
    std::string series_;
    std::optional<std::string> pool_;
    calendar_date close_{};
    conversion_pricing convention_ = conversion_pricing::conversion_shares_in_pre_money;
    fully_diluted_basis basis_;
    std::optional<price_precision> price_precision_;
    std::optional<price_precision> conversion_precision_;
    rounding conversion_share_mode_ = rounding::floor;
    std::vector<holder_change> changes_;
};

/// The outcome of conversion_round::try_apply_to(): the round, or every problem found.
struct conversion_result {
    std::optional<converted_round> round;  ///< The round, when there were no problems.
    std::vector<diagnostic> problems;      ///< Every problem found (empty on success).
    std::vector<element_reference> references;  ///< The holders of the table after its problems name by their place (`holders[k]`).

    /// True if the round was applied.
    [[nodiscard]] bool ok() const noexcept { return round.has_value(); }
    /// True if the round was applied.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

namespace detail {

using conv_rational = big_rational;

// The solve runs on one of two exact rational types R with the same operations: the light
// 128-bit `fraction` (every operation overflow-checked: it throws overflow_error rather than
// wrap) first, and the big rational (Boost.Multiprecision) when an intermediate of the fast one
// would overflow. Both compute the same exact values in the same order, so the results are
// identical; only the representation differs. The helpers below are the few places they differ.

/// @p v in lowest terms (a fraction always is).
inline const fraction& conv_norm(const fraction& v) noexcept { return v; }
/// @p v in lowest terms.
inline conv_rational conv_norm(conv_rational v) { return std::move(v.reduce()); }

/// @p f as an R.
template <class R>
R conv_from(const fraction& f) {
    if constexpr (std::is_same_v<R, fraction>) {
        return f;
    } else {
        return R(f);
    }
}

/// @p v as a big rational (for messages and the big-only helpers).
inline conv_rational conv_big(const fraction& v) { return conv_rational(v); }
/// @p v itself.
inline const conv_rational& conv_big(const conv_rational& v) noexcept { return v; }

/// a / b exactly (b non-zero), in lowest terms.
inline conv_rational conv_div(const conv_rational& a, const conv_rational& b) {
    conv_rational r(a.numerator() * b.denominator(), a.denominator() * b.numerator());
    return std::move(r.reduce());
}
/// a / b exactly (b non-zero); throws overflow_error if it does not fit 128 bits.
inline fraction conv_div(const fraction& a, const fraction& b) { return a / b; }

/// 1 / a exactly (a non-zero), in lowest terms.
inline conv_rational conv_recip(const conv_rational& a) { return conv_div(conv_rational(fraction(1)), a); }
/// 1 / a exactly (a non-zero): its terms swapped, nothing to reduce or overflow.
inline fraction conv_recip(const fraction& a) { return a.reciprocal(); }

/// n as a big rational.
inline conv_rational conv_int(fraction::rep n) { return conv_rational(fraction(n)); }

// The big values of the per-instrument figures (Q has about as many digits as all the caps
// together) are kept in lowest terms by cancelling across a product, so that a gcd is always
// taken against a small term: a gcd of two big terms per instrument made a thousand SAFEs at
// unrelated caps take seconds. On fractions the same helpers are the plain operations.

/// gcd(|x|, |y|), by one Euclid step first when their sizes differ (then the gcd is small).
inline big_int conv_gcd(const big_int& x, const big_int& y) {
    big_int a = x < 0 ? big_int(-x) : x;
    big_int b = y < 0 ? big_int(-y) : y;
    if (a == 0) return b;
    if (b == 0) return a;
    if (a < b) std::swap(a, b);
    a %= b;  // a few words when b is small: the rest of the gcd is on small numbers
    if (a == 0) return b;
    return boost::multiprecision::gcd(a, b);
}
/// a x b for @p a and @p b in lowest terms, in lowest terms (cancelled across).
inline conv_rational conv_mul_lowest(const conv_rational& a, const conv_rational& b) {
    const big_int g1 = conv_gcd(a.numerator(), b.denominator());
    const big_int g2 = conv_gcd(b.numerator(), a.denominator());
    if (a.sign() == 0 || b.sign() == 0) return conv_rational();
    return conv_rational((a.numerator() / g1) * (b.numerator() / g2), (a.denominator() / g2) * (b.denominator() / g1));
}
/// a x b.
inline fraction conv_mul_lowest(const fraction& a, const fraction& b) { return a * b; }
/// 1 / a for @p a (non-zero) in lowest terms: its terms swapped, in lowest terms.
inline conv_rational conv_recip_lowest(const conv_rational& a) { return conv_rational(a.denominator(), a.numerator()); }
/// 1 / a (a non-zero).
inline fraction conv_recip_lowest(const fraction& a) { return a.reciprocal(); }
/// a / b for @p a and @p b (non-zero) in lowest terms, in lowest terms.
inline conv_rational conv_div_lowest(const conv_rational& a, const conv_rational& b) { return conv_mul_lowest(a, conv_recip_lowest(b)); }
/// a / b (b non-zero).
inline fraction conv_div_lowest(const fraction& a, const fraction& b) { return a / b; }
/// @p v, in lowest terms, as an exact_rational (no gcd).
inline exact_rational conv_exact(conv_rational v) { return exact_rational_access::lowest(std::move(v)); }
/// @p v as an exact_rational.
inline exact_rational conv_exact(const fraction& v) { return exact_rational(v); }

/// @p v as a fraction whose terms fit 64 bits (a price_per_share), if they do.
inline std::optional<fraction> conv_fraction64(const conv_rational& v) {
    const conv_rational r = v.reduced();
    const big_int limit = big_int(std::numeric_limits<std::int64_t>::max());
    const big_int n = r.numerator() < 0 ? big_int(-r.numerator()) : r.numerator();
    if (n > limit || r.denominator() > limit) return std::nullopt;
    return fraction(from_big(r.numerator(), "price"), from_big(r.denominator(), "price"));
}
/// True if the terms of @p v fit 64 bits (a price_per_share).
inline bool conv_fits64(const fraction& v) {
    const fraction::rep limit = std::numeric_limits<std::int64_t>::max();
    const fraction::rep n = v.numerator();
    return n <= limit && n >= -limit && v.denominator() <= limit;
}
/// @p v if its terms fit 64 bits (a price_per_share).
inline std::optional<fraction> conv_fraction64(const fraction& v) {
    if (!conv_fits64(v)) return std::nullopt;
    return v;
}

/// @p units_per_share rounded to @p p's step (10^(3 - decimals) money units), exactly.
inline std::optional<fraction> conv_round_price(const conv_rational& units_per_share, const price_precision& p) {
    if (p.decimals >= 3) {
        const big_int scale = pow10_big(p.decimals - 3);
        const big_int n = divide_rounded(units_per_share.numerator() * scale, units_per_share.denominator(), p.mode);
        return conv_fraction64(conv_rational(n, scale));
    }
    const big_int scale = pow10_big(3 - p.decimals);
    const big_int n = divide_rounded(units_per_share.numerator(), units_per_share.denominator() * scale, p.mode);
    return conv_fraction64(conv_rational(n * scale, big_int(1)));
}
/// The same on a fraction; throws overflow_error if a step does not fit 128 bits.
inline std::optional<fraction> conv_round_price(const fraction& units_per_share, const price_precision& p) {
    fraction::rep scale = 1;
    for (int k = 0; k < (p.decimals >= 3 ? p.decimals - 3 : 3 - p.decimals); ++k) scale *= 10;  // <= 10^9
    if (p.decimals >= 3) {
        const fraction::rep n = (units_per_share * fraction(scale)).round_to_integer(p.mode);
        return conv_fraction64(fraction(n, scale));
    }
    const fraction::rep n = (units_per_share / fraction(scale)).round_to_integer(p.mode);
    return conv_fraction64(fraction(n) * fraction(scale));
}

/// @p v, in lowest terms, as a fraction whose terms fit 64 bits, if they do (no gcd).
inline std::optional<fraction> conv_fraction64_lowest(const conv_rational& v) {
    const big_int limit = big_int(std::numeric_limits<std::int64_t>::max());
    const big_int n = v.numerator() < 0 ? big_int(-v.numerator()) : v.numerator();
    if (n > limit || v.denominator() > limit) return std::nullopt;
    return fraction(from_big(v.numerator(), "price"), from_big(v.denominator(), "price"));
}
/// @p v if its terms fit 64 bits.
inline std::optional<fraction> conv_fraction64_lowest(const fraction& v) { return conv_fraction64(v); }

/// Which terms of @p v (in lowest terms) a price_per_share cannot hold (signed 64-bit: 63 bits
/// and a sign), e.g. "its numerator has 21 digits (70 bits)"; empty if both fit. @p lowest:
/// @p v is in lowest terms already (no gcd).
inline std::string conv_terms_past_64(const conv_rational& v, bool lowest = false) {
    const conv_rational r = lowest ? v : v.reduced();
    const big_int limit = big_int(std::numeric_limits<std::int64_t>::max());
    const auto size = [&](const big_int& x) -> std::string {
        const big_int m = x < 0 ? big_int(-x) : x;
        if (m <= limit) return {};
        // The digits from the bits (10^(d-1) <= m < 10^d), not from the decimal text: a term of
        // thousands of digits is not written out for its length.
        const std::uint64_t bits = static_cast<std::uint64_t>(boost::multiprecision::msb(m)) + 1;
        unsigned d = static_cast<unsigned>(((bits - 1) * 30103U) / 100000U) + 1;  // about (bits - 1) log10(2) + 1
        const big_int ten(10);
        while (d > 1 && m < boost::multiprecision::pow(ten, d - 1)) --d;
        while (m >= boost::multiprecision::pow(ten, d)) ++d;
        return std::to_string(d) + " digits (" + std::to_string(bits) + " bits)";
    };
    const std::string n = size(r.numerator());
    const std::string d = size(r.denominator());
    if (!n.empty() && !d.empty()) return "its numerator has " + n + " and its denominator " + d;
    if (!n.empty()) return "its numerator has " + n;
    if (!d.empty()) return "its denominator has " + d;
    return {};
}

/// "$1.2345" for @p units_per_share (big), @p decimals digits.
inline std::string conv_price_text(const conv_rational& units_per_share, currency c, int decimals = 6) {
    // Only rounded to decimals: the terms need not be in lowest terms (no gcd).
    const conv_rational major(units_per_share.numerator(), units_per_share.denominator() * money::units_per_major);
    return currency_prefix(c) + major.to_decimal_string(decimals, rounding::half_even);
}

/// The ids of the holders a round adds, for lookups: scanned in place for a few (no
/// allocation), sorted once for many (one allocation, no quadratic scan).
class conv_names {
public:
    explicit conv_names(const std::vector<holder>& holders) : holders_(holders) {
        if (holders.size() <= few) return;
        ids_.reserve(holders.size());
        for (const holder& h : holders) ids_.emplace_back(h.id().str());
        std::sort(ids_.begin(), ids_.end());
    }
    /// True if @p id is one of them.
    bool contains(const holder_id& id) const {
        if (holders_.size() <= few) {
            return std::any_of(holders_.begin(), holders_.end(), [&](const holder& h) { return h.id() == id; });
        }
        return std::binary_search(ids_.begin(), ids_.end(), std::string_view(id.str()));
    }

private:
    static constexpr std::size_t few = 16;
    const std::vector<holder>& holders_;
    std::vector<std::string_view> ids_;
};

/// One converting instrument's terms as the solver takes them (after MFN, amounts in money
/// units): conversion_round::item_of() reads them from its instrument_conversion.
struct conv_item {
    instrument_kind kind = instrument_kind::safe;
    std::size_t index = 0;
    money::rep amount = 0;                 // A, money units
    std::optional<money::rep> cap;         // C, money units
    std::optional<fraction> keep;          // 1 - discount
    std::optional<fraction> fixed;         // a fixed-percentage SAFE's percentage p (then no cap, no keep)
    safe_form form = safe_form::post_money;
    fundround::pool_increase pool = fundround::pool_increase::included;
};

/// One converting instrument, as the solver sees it, on R.
template <class R>
struct conv_term {
    R amount;              // A, money units
    std::optional<R> cap;  // C, money units
    std::optional<R> keep; // 1 - discount
    R per_cap;             // A / C, with a cap
    R per_keep;            // A / keep (A without a discount)
    bool fixed = false;    // a fixed percentage p: cap = A / p, per_cap = p, and the cap branch always (no "lower of")
    safe_form form = safe_form::post_money;
    fundround::pool_increase pool = fundround::pool_increase::included;
    std::optional<R> fixed_base;  // a note's cap_basis count, fixed before the round: the cap divides it
};

/// The linear pieces of the conversion equation: u = u0 + u1 Q + u2 I; I = max(0, i0 + i1 Q).
template <class R>
struct conv_model {
    R f0;   // F0
    R n;    // new money, units
    R u0, u1, u2;
    bool pool = false;
    R i0, i1;  // I_active = i0 + i1 Q
    std::vector<conv_term<R>> items;

    R pool_at(const R& q, int side) const {  // side: -1 auto, 0 off, 1 on
        if (!pool || side == 0) return R();
        R active = i0 + i1 * q;
        if (side == 1) return active;
        return active.sign() > 0 ? active : R();
    }
    R u_at(const R& q, const R& i) const {  // zero terms skipped (one of u0 and u1 is zero, u2 often)
        R u = u1.sign() == 0 ? u0 : (u0.sign() == 0 ? u1 * q : u0 + u1 * q);
        if (u2.sign() != 0) u += u2 * i;
        return u;
    }
    /// Shares per money unit of item k's cap branch at (q, i).
    R cap_rate(const conv_term<R>& it, const R& q, const R& i) const { return conv_div(cap_base(it, q, i), *it.cap); }
    /// The capitalization item k's cap divides at (q, i).
    R cap_base(const conv_term<R>& it, const R& q, const R& i) const {
        if (it.fixed_base) return *it.fixed_base;
        return it.form == safe_form::post_money ? (it.pool == fundround::pool_increase::included ? q : q - i)
                                                : (it.pool == fundround::pool_increase::included ? f0 + i : f0);
    }
    /// Shares per money unit at the round price (discounted if the item has a discount).
    R price_rate(const conv_term<R>& it, const R& u) const { return it.keep ? conv_div(u, *it.keep) : u; }
    /// Shares per money unit item k converts at, and the branch, with @p u the shares per money
    /// unit at the round price at (q, i): the lower price wins (the greater number of shares).
    /// A capped instrument without a discount converts at the round price when that is lower
    /// than its cap price (the post-money SAFE's "greater of" the shares at the lowest price of
    /// the Standard Preferred Stock and at the Safe Price; a note's "lesser of" the two prices).
    std::pair<R, conversion_basis> rate(const conv_term<R>& it, const R& q, const R& i, const R& u) const {
        const conversion_basis price_basis = it.keep ? conversion_basis::discount : conversion_basis::round_price;
        if (!it.cap) return {price_rate(it, u), price_basis};
        if (it.fixed) return {cap_rate(it, q, i), conversion_basis::fixed_percentage};
        R c = cap_rate(it, q, i);
        R d = price_rate(it, u);
        return d > c ? std::make_pair(std::move(d), price_basis) : std::make_pair(std::move(c), conversion_basis::cap);
    }
    /// g(Q) = F0 + I + sum S_i - Q.
    R g(const R& q) const {
        const R i = pool_at(q, -1);
        R s = i.sign() == 0 ? f0 - q : f0 + i - q;  // I = 0 below the pool's kink
        const R u = u_at(q, i);  // shares per money unit at the round price
        for (const conv_term<R>& it : items) {
            R d = it.per_keep * u;  // A x u / keep: the shares at the round (or discount) price
            if (!it.cap) {
                s += d;
                continue;
            }
            R c = it.per_cap * cap_base(it, q, i);  // A x base / C: the shares at the cap price
            if (it.fixed) {  // p x base, whatever the price
                s += c;
                continue;
            }
            s += d > c ? d : c;
        }
        return conv_norm(std::move(s));
    }
};

/// The breakpoints of g: where the pool starts to bind, where a cap price and the round (or
/// discount) price cross; positive, sorted, each once.
template <class R>
std::vector<R> conv_breakpoints(const conv_model<R>& m) {
    std::vector<R> positive;
    positive.reserve(1 + 2 * m.items.size());  // the pool's kink, a crossing per capped item and side
    const auto keep = [&](R x) {
        if (x.sign() > 0) positive.push_back(conv_norm(std::move(x)));
    };
    if (m.pool && m.i1.sign() != 0) keep(conv_div(-m.i0, m.i1));
    const R one = conv_from<R>(fraction(1));
    for (int side = 0; side <= (m.pool ? 1 : 0); ++side) {
        // On this side of the pool's kink I = ia + ib Q (0 on side 0) and u = ua + ub Q.
        const bool on = side == 1;
        R ua = m.u0, ub = m.u1;
        if (on && m.u2.sign() != 0) {
            ua += m.u2 * m.i0;
            ub += m.u2 * m.i1;
        }
        for (const conv_term<R>& it : m.items) {
            if (!it.cap || it.fixed) continue;  // a fixed percentage has one branch
            // The cap branch's capitalization, ca + cb Q (cap_base on this side).
            R ca, cb;
            if (it.fixed_base) {
                ca = *it.fixed_base;  // a count fixed before the round: cb = 0
            } else if (it.form == safe_form::post_money) {
                const bool excluded = it.pool == fundround::pool_increase::excluded;
                if (excluded && on) ca = -m.i0;
                cb = excluded && on ? one - m.i1 : one;
            } else {
                ca = it.pool == fundround::pool_increase::included && on ? m.f0 + m.i0 : m.f0;
                if (it.pool == fundround::pool_increase::included && on) cb = m.i1;
            }
            // Both branches through the origin: they cross at Q = 0 at most.
            if (ca.sign() == 0 && ua.sign() == 0) continue;
            // Each branch is affine in Q: cap rate (ca + cb Q) / C, price rate (ua + ub Q) / keep.
            const R a1 = conv_div(ca, *it.cap), b1 = conv_div(cb, *it.cap);
            const R a2 = it.keep ? conv_div(ua, *it.keep) : ua;
            const R b2 = it.keep ? conv_div(ub, *it.keep) : ub;
            if (b1 != b2) keep(conv_div(a2 - a1, b1 - b2));
        }
    }
    if (positive.size() > 1) {
        std::sort(positive.begin(), positive.end(), [](const R& a, const R& b) { return a < b; });
        positive.erase(std::unique(positive.begin(), positive.end()), positive.end());
    }
    return positive;
}

/// The smallest Q > 0 with g(Q) = 0, exactly, or empty if g stays positive.
template <class R>
std::optional<R> conv_solve(const conv_model<R>& m) {
    R a;                  // segment start; g(0) = F0 + ... > 0
    std::optional<R> ga;  // g(a): g(0) is evaluated only if needed (the root in the first piece)
    const auto g_a = [&]() -> const R& {
        if (!ga) ga = m.g(a);
        return *ga;
    };
    const auto on_segment = [&](const R& lo, const R& glo, const R& hi, const R& ghi) {  // g linear on [lo, hi], glo > 0 >= ghi
        return conv_norm(lo + conv_div(glo * (hi - lo), glo - ghi));
    };
    const std::vector<R> breakpoints = conv_breakpoints(m);
    for (const R& b : breakpoints) {
        R gb = m.g(b);
        if (gb.sign() <= 0) return on_segment(a, g_a(), b, gb);
        a = b;
        ga = std::move(gb);
    }
    const R b = a + conv_from<R>(fraction(1));  // past the last breakpoint g is linear
    const R gb = m.g(b);
    if (!(gb < g_a())) return std::nullopt;  // not decreasing: no solution
    const R slope = g_a() - gb;  // per share of Q
    return conv_norm(a + conv_div(g_a(), slope));
}

/// Which exact rational type the solve runs on.
enum class conv_path {
    automatic,  // 128-bit fractions, big rationals if an intermediate would overflow
    big_only,   // big rationals throughout
    fast_only,  // 128-bit fractions; overflow_error if they do not suffice
};

/// Access for the tests to each path of conversion_round::try_apply_to() (not part of the API).
struct conversion_paths;

/// The solve's outcome that the rest of the round needs.
struct conv_numbers {
    exact_rational exact_price;  // units per share
    exact_rational q, i, t;      // Q, the pool increase, T, exact
    fraction price;              // the round price after its named rounding
    share_count conversion_total;
};

/// What conversion_round takes from the cap table before the valuation matters: the currency,
/// the new money, the base and the instruments resolved (conversion_round::stage_into()).
struct conv_stage {
    currency c;
    money::rep n_units = 0;
    pre_round_shares base;
    std::vector<instrument_conversion> shells;
    std::vector<outstanding_note> outstanding;
    std::vector<std::int64_t> fixed_bases;  // per shell: a note's cap_basis count, or 0 (the round's capitalization)
};

}  // namespace detail

/// A priced round (an "equity financing") into which SAFEs and convertible notes convert,
/// applied to a cap table:
///
///     const converted_round a =
///         conversion_round("Series A", "Series A Preferred", year{2026} / 6 / 30)
///             .pre_money(16_M)
///             .invest(holder_id("lead"), 4_M)
///             .add_holder(holder::investor("lead", "Lead Fund"))
///             .option_pool(fraction(1, 10), pool_placement::pre_money, "Plan")
///             .convert(safe::post_money_cap(holder_id("angel"), 200_K, 4_M, year{2025} / 1 / 10))
///             .apply_to(table);
///
/// Defaults, each named: the price on the convention conversion_shares_in_pre_money, the exact
/// price and conversion prices (no rounding), conversion shares and investors' shares rounded
/// down (rounding::floor: no fractional shares; the standard SAFE's convention), the pool
/// increase rounded up. Setters never throw; apply_to() reports every problem at once. solve()
/// gives the same figures without the cap table after (the solver alone).
class conversion_round {
public:
    /// A round called @p name issuing series @p series, closing on @p close (notes accrue
    /// interest to this date, or to their maturity date if their interest stops there).
    conversion_round(std::string name, std::string series, calendar_date close)
        : name_(std::move(name)), series_(std::move(series)), close_(close) {}

    /// The price is fixed by a pre-money valuation of @p v (what it counts: see convention()).
    conversion_round& pre_money(money v) { return set(price_basis::pre_money, v); }
    /// The price is fixed by a post-money valuation of @p v (pre-money = @p v - new money).
    conversion_round& post_money(money v) { return set(price_basis::post_money, v); }
    /// The price is @p p per share.
    conversion_round& at_price(const fundround::price_per_share& p) {
        bases_.push_back(price_basis::price_per_share);
        price_ = p.units_per_share();
        price_currency_ = p.currency();
        return *this;
    }
    /// @p investor (a holder id on the table, or added with add_holder()) buys the new series for
    /// @p amount; once per investor (a second invest() for it is a problem
    /// on `investors[i].holder`).
    conversion_round& invest(holder_id investor, money amount) {
        investors_.emplace_back(std::move(investor), amount);
        return *this;
    }
    /// Adds @p h, a holder not yet on the table (a new investor, a SAFE or note holder).
    conversion_round& add_holder(holder h) {
        new_holders_.push_back(std::move(h));
        return *this;
    }
    /// The unallocated pool after the round must be @p target of the post-money fully diluted
    /// count, topping up pool @p pool, in the pre- or post-money; @p basis: whether the existing
    /// unallocated pool counts toward it. In the pre-money on a valuation, the target and the
    /// new money's N / (V + N) of the post-money must be below 100% together (V the pre-money,
    /// with the converting amounts under dollars_invested); under
    /// conversion_shares_not_in_pre_money with instruments, the target times N / V must be
    /// below 100%: else a problem on `option_pool.target`.
    conversion_round& option_pool(fraction target, pool_placement where, std::string pool,
                                  pool_target_basis basis = pool_target_basis::includes_existing_pool) {
        pool_target_ = target;
        placement_ = where;
        pool_ = std::move(pool);
        target_basis_ = basis;
        new_pool_class_.reset();
        return *this;
    }
    /// As option_pool(), but the round creates pool @p pool, of the class @p share_class on the
    /// table (usually common): the company's first pool, its authorized shares the round's pool
    /// increase, solved with the instruments converting as a top-up is (the existing unallocated
    /// pool, if any, counts as @p basis says; with no pool it is zero). A name already a pool, a
    /// name without a letter or digit and a class not on the table are problems at
    /// `option_pool.pool` and `option_pool.share_class`, with the round's others. The last of
    /// option_pool() and new_pool() called wins. It takes the target and placement (the round has
    /// no separate terms), unlike cap_table_round::new_pool(pool, share_class).
    conversion_round& new_pool(fraction target, pool_placement where, std::string pool, std::string share_class,
                               pool_target_basis basis = pool_target_basis::includes_existing_pool) {
        option_pool(target, where, std::move(pool), basis);
        new_pool_class_ = std::move(share_class);
        return *this;
    }
    /// SAFE @p s converts in the round.
    conversion_round& convert(safe s) {
        safes_.push_back(std::move(s));
        return *this;
    }
    /// Note @p n converts in the round (if the round is a qualified financing for it): its
    /// principal plus the interest accrued to the close, past its maturity date too unless its
    /// interest_accrues is note_interest_accrual::to_maturity (then to the maturity date).
    conversion_round& convert(convertible_note n) {
        notes_.push_back(std::move(n));
        return *this;
    }
    /// The pricing convention (default conversion_shares_in_pre_money).
    conversion_round& convention(conversion_pricing c) {
        convention_ = c;
        return *this;
    }
    /// Round the round price to @p decimals digits of the major unit by @p mode. Without it, an
    /// exact price whose numerator or denominator does not fit a signed 64-bit integer is a
    /// problem on `price_rounding` that names the term, its digits and its bits.
    conversion_round& price_rounded(int decimals, rounding mode) {
        price_precision_ = price_precision{decimals, mode};
        return *this;
    }
    /// Round each conversion price to @p decimals digits of the major unit by @p mode. Without
    /// it, an exact conversion price past 64 bits per term is a problem on the instrument's
    /// `conversion_price`, naming the term, as for price_rounded().
    conversion_round& conversion_price_rounded(int decimals, rounding mode) {
        conversion_precision_ = price_precision{decimals, mode};
        return *this;
    }
    /// Round each instrument's conversion shares by @p mode (default floor).
    conversion_round& conversion_shares_rounded(rounding mode) {
        conversion_share_mode_ = mode;
        return *this;
    }
    /// Round each new investor's shares by @p mode (default floor).
    conversion_round& shares_rounded(rounding mode) {
        share_mode_ = mode;
        return *this;
    }
    /// Round the pool increase by @p mode (default ceiling).
    conversion_round& pool_rounded(rounding mode) {
        pool_mode_ = mode;
        return *this;
    }
    /// Round each new investor's cash not converted into shares by @p mode (default as
    /// priced_round_terms::cash_rounded()).
    conversion_round& cash_rounded(rounding mode) {
        cash_mode_ = mode;
        return *this;
    }
    /// Prices the round on the fully diluted definition @p b (default fully_diluted_basis::full()).
    /// `F0` is counted on it: the round price divides it (with the pool increase and, by the
    /// convention, the conversion shares) and so does every pre-money cap (a note's by default).
    /// A pool target needs a basis that counts the unallocated pool.
    conversion_round& price_on(fully_diluted_basis b) {
        basis_ = b;
        return *this;
    }
    /// The liquidation terms of the new series and of the conversion series (default 1x
    /// non-participating).
    conversion_round& liquidation(liquidation_terms terms) {
        liquidation_ = std::move(terms);
        return *this;
    }

    /// The round's name.
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// The new series the investors buy.
    [[nodiscard]] const std::string& series() const noexcept { return series_; }
    /// The closing date (notes' interest accrues to it, or to their maturity if it stops there;
    /// an instrument dated after it is a problem of the round: it cannot convert in it).
    [[nodiscard]] calendar_date close_date() const noexcept { return close_; }
    /// The new money: each investor (holder id) and its amount, in the order given by invest().
    [[nodiscard]] const std::vector<std::pair<holder_id, money>>& investors() const noexcept { return investors_; }
    /// The SAFEs given.
    [[nodiscard]] const std::vector<safe>& safes() const noexcept { return safes_; }
    /// The notes given.
    [[nodiscard]] const std::vector<convertible_note>& notes() const noexcept { return notes_; }
    /// The pool named by option_pool() (topped up) or new_pool() (created), if any.
    [[nodiscard]] const std::optional<std::string>& pool() const noexcept { return pool_; }
    /// The class of the pool the round creates (new_pool()); empty when it tops up a pool or none.
    [[nodiscard]] const std::optional<std::string>& new_pool_class() const noexcept { return new_pool_class_; }

    /// The instruments that convert in the round on @p table and what each converts, before the
    /// round is priced: principal, interest and amount of try_solve()'s conversions (a SAFE's
    /// purchase amount; a note's principal and interest to the close, a note the new money does
    /// not qualify left out), without their prices and shares. They do not depend on the table's
    /// shares, so that a round priced on another table converts the same amounts. An instrument
    /// with a problem is left out (try_apply_to() reports it).
    [[nodiscard]] std::vector<instrument_conversion> converting_amounts(const cap_table& table) const;
    /// The round's figures on @p table without the cap table after (the solver alone): the
    /// price, `Q`, the pool increase, each instrument's conversion and the new money, or every
    /// problem found. The same checks as try_apply_to() on the terms, instruments, holders and
    /// figures, with the same problems; only those of the cap table after (added holders that
    /// nearly duplicate a name, the new series' liquidation terms) are left to try_apply_to().
    /// Throws only for a rounding::exact mode that meets an inexact figure (inexact_error).
    [[nodiscard]] conversion_solution_result try_solve(const cap_table& table) const { return solve_on(table, detail::conv_path::automatic); }
    /// The round's figures on @p table (see try_solve()); throws validation_error listing every
    /// problem.
    [[nodiscard]] conversion_solution solve(const cap_table& table) const {
        conversion_solution s{conversion_solution::key(), priced_round()};
        std::vector<diagnostic> problems;
        if (!solve_into(table, detail::conv_path::automatic, s, problems)) {
            throw validation_error("round \"" + name_ + "\" with converting instruments does not solve on the cap table",
                                   std::move(problems));
        }
        return s;
    }
    /// Every problem with applying the round to @p table (empty if none).
    [[nodiscard]] std::vector<diagnostic> validate(const cap_table& table) const { return try_apply_to(table).problems; }
    /// The round applied to @p table, or every problem found. Throws only for a rounding::exact
    /// mode that meets an inexact figure (inexact_error). The terms and instruments are checked
    /// together first; the figures (the solve, the roundings) only on terms without problems: an
    /// exact price past 64 bits comes with every cap price that does not fit either (a cap
    /// price does not depend on the price's rounding; a discount price is checked once the
    /// price is rounded).
    [[nodiscard]] conversion_result try_apply_to(const cap_table& table) const { return apply_on(table, detail::conv_path::automatic); }
    /// The round applied to @p table; throws validation_error listing every problem.
    [[nodiscard]] converted_round apply_to(const cap_table& table) const {
        converted_round r{converted_round::key()};
        std::vector<diagnostic> problems;
        if (!apply_into(table, detail::conv_path::automatic, false, r, problems)) {
            throw validation_error("round \"" + name_ + "\" with converting instruments does not apply to the cap table",
                                   std::move(problems));
        }
        return r;
    }

private:
    friend struct detail::conversion_paths;
    friend class prepared_conversion;  // instruments/prepared_conversion.hpp: the round checked once, then solved at many valuations
    conversion_result apply_on(const cap_table& table, detail::conv_path path, bool after_by_builder_only = false) const;
    /// The round applied to @p table, solved and built in place into @p r (made empty); false if
    /// there is a problem (in @p out; @p r is then partly built). The holders those problems
    /// name by their place go to @p refs, if given.
    bool apply_into(const cap_table& table, detail::conv_path path, bool after_by_builder_only, converted_round& r,
                    std::vector<diagnostic>& out, std::vector<element_reference>* refs = nullptr) const;
    conversion_solution_result solve_on(const cap_table& table, detail::conv_path path) const;
    bool solve_into(const cap_table& table, detail::conv_path path, conversion_solution& sol, std::vector<diagnostic>& out) const;
    /// The checks and figures that do not depend on the valuation: the terms, the new money, the
    /// instruments resolved, the base. False if there is a problem (in @p out).
    bool stage_into(const cap_table& table, detail::conv_stage& st, std::vector<diagnostic>& out) const;
    /// The rest of solve_into() on @p st at @p valuation (the price basis's figure; ignored for a
    /// round priced per share); @p st's instruments move into @p sol.
    bool finish_into(detail::conv_stage& st, money valuation, detail::conv_path path, conversion_solution& sol,
                     std::vector<diagnostic>& out) const;
    /// The problems with @p v as the round's valuation on a table in @p c (its currency, its sign).
    void check_valuation(money v, currency c, std::vector<diagnostic>& out) const;
    /// A solution to solve into (conversion_solution's key and priced_round's default are for this
    /// class).
    static conversion_solution empty_solution() { return conversion_solution{conversion_solution::key(), priced_round()}; }
    conversion_round& set(price_basis b, money v) {
        bases_.push_back(b);
        valuation_ = v;
        return *this;
    }
    void check_terms(const cap_table& table, const detail::conv_names& added, std::vector<diagnostic>& out) const;
    cap_table_result after_by_builder(const cap_table& table, const std::vector<share_class>& classes,
                                      const std::vector<instrument_conversion>& shells, const priced_round& pr) const;
    void resolve(const cap_table& table, const detail::conv_names& added, money new_money,
                 std::vector<instrument_conversion>& shells, std::vector<outstanding_note>& outstanding,
                 std::vector<diagnostic>& out) const;
    detail::conv_item item_of(const instrument_conversion& ic) const;
    template <class R>
    std::optional<detail::conv_numbers> compute(currency c, const pre_round_shares& base, money::rep n_units, money valuation,
                                                std::vector<instrument_conversion>& shells, const std::vector<std::int64_t>& fixed_bases,
                                                std::vector<diagnostic>& out) const;

    std::string name_;
    std::string series_;
    calendar_date close_{};
    std::vector<price_basis> bases_;
    money valuation_;
    fraction price_;
    std::optional<fundround::currency> price_currency_;
    std::vector<std::pair<holder_id, money>> investors_;
    std::vector<holder> new_holders_;
    std::optional<fraction> pool_target_;
    pool_placement placement_ = pool_placement::pre_money;
    pool_target_basis target_basis_ = pool_target_basis::includes_existing_pool;
    std::optional<std::string> pool_;
    std::optional<std::string> new_pool_class_;
    std::vector<safe> safes_;
    std::vector<convertible_note> notes_;
    conversion_pricing convention_ = conversion_pricing::conversion_shares_in_pre_money;
    std::optional<price_precision> price_precision_;
    std::optional<price_precision> conversion_precision_;
    rounding conversion_share_mode_ = rounding::floor;
    rounding share_mode_ = rounding::floor;
    rounding pool_mode_ = rounding::ceiling;
    std::optional<rounding> cash_mode_;
    fully_diluted_basis basis_ = fully_diluted_basis::full();
    liquidation_terms liquidation_;
};

inline void conversion_round::check_valuation(money v, currency c, std::vector<diagnostic>& out) const {
    if (v.currency() == c && v.is_positive()) return;
    out.push_back({field_path(std::string(bases_.front() == price_basis::pre_money ? "pre_money" : "post_money")), format_full(v),
                   v.currency() != c ? detail::table_currency_rule(c) : std::string("must be positive")});
}

inline void conversion_round::check_terms(const cap_table& table, const detail::conv_names& added,
                                          std::vector<diagnostic>& out) const {
    const currency c = table.currency();
    if (detail::name_key_empty(series_)) out.push_back({field_path("series"), "\"" + series_ + "\"", "must contain a letter or digit"});
    for (const share_class& k : table.classes()) {
        if (k.name() == series_ || detail::compare_name_keys(k.name(), series_) == 0) {
            out.push_back({field_path("series"), "\"" + series_ + "\"",
                           "is already a class on the cap table (\"" + k.name() + "\"): a priced round issues a new series"});
            break;
        }
    }
    if (!is_modelled(close_)) out.push_back({field_path("close_date"), to_string(close_), date_rule(close_)});
    // Holders added: new, and used.
    for (std::size_t i = 0; i < new_holders_.size(); ++i) {
        if (table.holder_index(new_holders_[i].id())) {
            out.push_back({field_path("new_holders").index(i).member("id"), "\"" + new_holders_[i].id().str() + "\"",
                           "is already on the cap table: refer to it by its id, do not add it again"});
        }
    }
    // Investors: on the table or added, each once, amounts positive in the table's currency.
    if (investors_.empty()) out.push_back({field_path("investors"), "", "a priced round needs at least one investor"});
    // The first position of each investor's id: a scan for a few (no allocation), sorted once
    // for many (no quadratic scan).
    constexpr std::size_t few = 16;
    std::vector<std::size_t> first;
    if (investors_.size() > few) {
        first.resize(investors_.size());
        std::vector<std::size_t> order(investors_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return investors_[x].first < investors_[y].first || (investors_[x].first == investors_[y].first && x < y);
        });
        for (std::size_t j = 0; j < order.size(); ++j) {
            first[order[j]] = j > 0 && investors_[order[j]].first == investors_[order[j - 1]].first ? first[order[j - 1]] : order[j];
        }
    }
    const auto first_of = [&](std::size_t i) {
        if (investors_.size() > few) return first[i];
        std::size_t j = 0;
        while (!(investors_[j].first == investors_[i].first)) ++j;
        return j;
    };
    for (std::size_t i = 0; i < investors_.size(); ++i) {
        const auto p = [i] { return field_path("investors").index(i); };  // built only for a problem
        if (!table.holder_index(investors_[i].first) && !added.contains(investors_[i].first)) {
            out.push_back({p().member("holder"), "\"" + investors_[i].first.str() + "\"",
                           "is not a holder on the cap table: add it with add_holder()"});
        } else if (const std::size_t f = first_of(i); f != i) {
            out.push_back({p().member("holder"), "\"" + investors_[i].first.str() + "\"",
                           "appears twice (also " + field_path("investors").index(f).to_string() + "): invest once per investor"});
        }
        if (investors_[i].second.currency() != c) {
            out.push_back({p().member("amount"), format_full(investors_[i].second), detail::table_currency_rule(c)});
        } else if (!investors_[i].second.is_positive()) {
            out.push_back({p().member("amount"), format_full(investors_[i].second), "must be positive"});
        }
    }
    // The price.
    if (bases_.size() != 1) {
        out.push_back({field_path("price"), std::to_string(bases_.size()) + " figures",
                       "give exactly one of pre_money, post_money and at_price"});
    } else if (bases_.front() == price_basis::price_per_share) {
        if (price_currency_ != c) out.push_back({field_path("price"), price_currency_ ? to_string(*price_currency_) : "", detail::table_currency_rule(c)});
    } else {
        check_valuation(valuation_, c, out);
    }
    // The pool.
    if (pool_target_) {
        if (pool_target_->sign() < 0 || *pool_target_ >= fraction(1)) {
            out.push_back({field_path("option_pool").member("target"), detail::fraction_text(*pool_target_), "must be at least 0% and below 100%"});
        }
        if (new_pool_class_) {
            // A pool the round creates (new_pool()): a new name, of a class on the table.
            if (!pool_ || detail::name_key_empty(*pool_)) {
                out.push_back({field_path("option_pool").member("pool"), detail::quoted_text(pool_.value_or("")),
                               "must contain a letter or digit (the name of the pool the round creates)"});
            } else if (const auto q = table.pool_index(*pool_)) {
                out.push_back({field_path("option_pool").member("pool"), detail::quoted_text(*pool_),
                               "is already a pool on the cap table (pools[" + std::to_string(*q) +
                                   "]): top it up with option_pool() (in a deal file, option_pool's \"top_up\")"});
            }
            if (!table.class_index(*new_pool_class_)) {
                out.push_back({field_path("option_pool").member("share_class"), detail::quoted_text(*new_pool_class_),
                               "is not a share class on the cap table"});
            }
        } else if (!pool_ || pool_->empty()) {
            out.push_back({field_path("option_pool").member("pool"), "", "the pool target needs the pool to top up: name it"});
        } else if (!table.pool_index(*pool_)) {
            // A misspelt name is never a new pool: the pools that exist are named.
            std::string pools;
            for (const fundround::option_pool& q : table.pools()) pools += (pools.empty() ? "" : ", ") + detail::quoted_text(q.name);
            out.push_back({field_path("option_pool").member("pool"), "\"" + *pool_ + "\"",
                           "is not a pool on the cap table (" + (pools.empty() ? std::string("it has none") : "its pools: " + pools) +
                               "); to create it in the round, use new_pool() (in a deal file, option_pool's \"create\")"});
        }
        if (!basis_.unallocated_pool) {
            out.push_back({field_path("basis"), basis_.to_string(),
                           "a pool target is a fraction of a fully diluted count that includes the unallocated pool"});
        }
    }
    for (const auto& [what, p] : {std::pair<const char*, const std::optional<price_precision>*>{"price_rounding", &price_precision_},
                                  {"conversion_price_rounding", &conversion_precision_}}) {
        if (*p && ((*p)->decimals < 0 || (*p)->decimals > price_precision::max_decimals)) {
            out.push_back({field_path(what).member("decimals"), std::to_string((*p)->decimals),
                           "must be from 0 to " + std::to_string(price_precision::max_decimals)});
        }
        if (*p) detail::check_known_enum(out, field_path(what).member("mode"), (*p)->mode, detail::rounding_names);
    }
    // Values cast from integers outside the enumerations: nothing is computed with them.
    detail::check_known_enum(out, field_path("convention"), convention_, detail::conversion_pricing_names);
    detail::check_known_enum(out, field_path("conversion_share_rounding"), conversion_share_mode_, detail::rounding_names);
    detail::check_known_enum(out, field_path("share_rounding"), share_mode_, detail::rounding_names);
    detail::check_known_enum(out, field_path("pool_rounding"), pool_mode_, detail::rounding_names);
    if (cash_mode_) detail::check_known_enum(out, field_path("cash_rounding"), *cash_mode_, detail::rounding_names);
    detail::check_known_enum(out, field_path("option_pool").member("placement"), placement_, detail::pool_placement_names);
    detail::check_known_enum(out, field_path("option_pool").member("basis"), target_basis_, detail::pool_target_basis_names);
}

inline std::vector<instrument_conversion> conversion_round::converting_amounts(const cap_table& table) const {
    const currency c = table.currency();
    // The new money as the solve counts it (which notes it qualifies): amounts in the table's
    // currency and positive; a total past the money range is the round's problem.
    money::rep n_units = 0;
    for (const auto& inv : investors_) {
        if (inv.second.currency() != c || !inv.second.is_positive()) continue;
        if (!detail::add_fits(n_units, inv.second.units(), n_units)) return {};
    }
    std::vector<instrument_conversion> shells;
    std::vector<outstanding_note> outstanding;
    std::vector<diagnostic> problems;  // the round's, reported by try_apply_to()
    resolve(table, detail::conv_names(new_holders_), money::from_units(n_units, c), shells, outstanding, problems);
    return shells;
}

inline void conversion_round::resolve(const cap_table& table, const detail::conv_names& added, money new_money,
                                      std::vector<instrument_conversion>& shells, std::vector<outstanding_note>& outstanding,
                                      std::vector<diagnostic>& out) const {
    const currency c = table.currency();
    const auto known = [&](const holder_id& id) { return table.holder_index(id).has_value() || added.contains(id); };
    shells.reserve(safes_.size() + notes_.size());
    // Each instrument's problems are found relative to it, then put under its path (built only
    // for a problem).
    const auto under = [](std::vector<diagnostic>& own, const field_path& p) {
        for (diagnostic& d : own) d.field = d.field.prefixed(p);
    };
    // Every amount in another currency than the table's, on a field validate() did not already
    // report (a cap in another currency than the purchase amount's is that problem already).
    const auto add_currency_problems = [](std::vector<diagnostic>& own, std::vector<diagnostic> found) {
        for (diagnostic& d : found) {
            const bool reported = std::any_of(own.begin(), own.end(), [&](const diagnostic& o) { return o.field == d.field; });
            if (!reported) own.push_back(std::move(d));
        }
    };
    for (std::size_t i = 0; i < safes_.size(); ++i) {
        const safe& s = safes_[i];
        const field_path p;  // relative: safes[i] is put in front of every problem below
        std::vector<diagnostic> own = s.validate(p);
        if (!s.holder.empty() && !known(s.holder)) {
            own.push_back({p.member("holder"), "\"" + s.holder.str() + "\"", "is not a holder on the cap table: add it with add_holder()"});
        }
        add_currency_problems(own, detail::safe_currency_problems(s, c, p));
        if (is_modelled(s.date) && is_modelled(close_) && close_ < s.date) {
            own.push_back({p.member("date"), to_string(s.date), "is after the round's close " + to_string(close_) + ": the SAFE cannot convert in it"});
        }
        // MFN: the terms of the most favourable later SAFE of its form (detail::resolve_mfn).
        detail::mfn_resolved terms = detail::resolve_mfn(safes_, i);
        std::optional<money>& cap = terms.cap;
        std::optional<fraction>& discount = terms.discount;
        std::vector<std::size_t>& from = terms.from;
        // An MFN SAFE with no later terms to take keeps its own: none for YC's MFN safe, which
        // then converts at the round's price, as an uncapped SAFE (mfn_from empty).
        const bool ok = own.empty();
        if (!ok) under(own, field_path("safes").index(i));
        out.insert(out.end(), own.begin(), own.end());
        if (!ok) continue;
        instrument_conversion& shell = shells.emplace_back();  // made in place (reserved above)
        shell.kind = instrument_kind::safe;
        shell.index = i;
        shell.holder = s.holder;
        shell.description = s.description();
        shell.principal = s.purchase_amount;
        shell.interest = money::zero(c);
        shell.amount = s.purchase_amount;
        shell.valuation_cap = cap;
        shell.discount = discount;
        shell.fixed_percentage = s.fixed_percentage;
        shell.mfn_from = std::move(from);
        shell.mfn = s.mfn;
    }
    for (std::size_t i = 0; i < notes_.size(); ++i) {
        const convertible_note& n = notes_[i];
        const field_path p;  // relative: notes[i] is put in front of every problem below
        std::vector<diagnostic> own = n.validate(p);
        if (!n.holder.empty() && !known(n.holder)) {
            own.push_back({p.member("holder"), "\"" + n.holder.str() + "\"", "is not a holder on the cap table: add it with add_holder()"});
        }
        add_currency_problems(own, detail::note_currency_problems(n, c, p));
        if (is_modelled(n.issue_date) && is_modelled(close_) && close_ < n.issue_date) {
            own.push_back({p.member("issue_date"), to_string(n.issue_date),
                           "is after the round's close " + to_string(close_) + ": the note cannot convert in it"});
        }
        const bool ok = own.empty();
        if (!ok) under(own, field_path("notes").index(i));
        out.insert(out.end(), own.begin(), own.end());
        if (!ok || !is_modelled(close_)) continue;  // an invalid close is reported by check_terms()
        if (!n.qualifies(new_money)) {
            outstanding.push_back({i, n.holder, "the new money " + format_full(new_money) + " is below the qualified-financing threshold " +
                                                    format_full(*n.qualified_financing)});
            continue;
        }
        // The interest to the close and the amount converting must fit the amount range: a
        // problem on the note when they do not, never an exception out of try_apply_to().
        money interest;
        money amount;
        try {
            interest = n.accrued_interest(close_);
            amount = detail::principal_plus_interest(n.principal, interest, close_);
        } catch (const overflow_error& e) {
            out.push_back({field_path("notes").index(i).member("principal"), format_full(n.principal),
                           "with its interest to the close " + to_string(close_) + " does not fit the amount range (" +
                               detail::reason_of(e) + ")"});
            continue;
        }
        instrument_conversion& shell = shells.emplace_back();  // made in place (reserved above)
        shell.kind = instrument_kind::note;
        shell.index = i;
        shell.holder = n.holder;
        shell.description = n.description();
        shell.principal = n.principal;
        shell.interest = interest;
        shell.amount = amount;
        shell.valuation_cap = n.valuation_cap;
        shell.discount = n.discount;
        if (n.valuation_cap) shell.cap_basis = n.cap_basis;
    }
}

inline detail::conv_item conversion_round::item_of(const instrument_conversion& ic) const {
    detail::conv_item it;
    it.kind = ic.kind;
    it.index = ic.index;
    it.amount = ic.amount.units();
    if (ic.valuation_cap) it.cap = ic.valuation_cap->units();  // a SAFE's after MFN
    if (ic.discount && ic.discount->sign() > 0) it.keep = fraction(1) - *ic.discount;
    it.fixed = ic.fixed_percentage;
    if (ic.kind == instrument_kind::safe) {
        it.form = safes_[ic.index].form;
        it.pool = safes_[ic.index].pool_increase;
    } else {
        it.form = notes_[ic.index].cap_form;
        it.pool = notes_[ic.index].pool_increase;
    }
    return it;
}

inline bool conversion_round::stage_into(const cap_table& table, detail::conv_stage& st, std::vector<diagnostic>& out) const {
    const currency c = table.currency();
    st.c = c;
    const detail::conv_names added(new_holders_);  // the ids of the holders the round adds, sorted once
    check_terms(table, added, out);
    money::rep n_units = 0;
    bool money_ok = true;
    for (const auto& inv : investors_) {
        if (inv.second.currency() != c || !inv.second.is_positive()) {
            money_ok = false;
            continue;
        }
        try {
            n_units = detail::money_add(n_units, inv.second.units());
        } catch (const overflow_error&) {
            out.push_back({field_path("investors"), "", "the amounts total more than the largest money amount (64 bits)"});
            money_ok = false;
        }
    }
    st.n_units = n_units;
    resolve(table, added, money::from_units(n_units, c), st.shells, st.outstanding, out);
    if (!out.empty() || !money_ok) return false;

    // The base, F0 and E.
    // (Its definition names the base priced_round_terms solves on: F0 + conversion shares.)
    st.base = detail::cap_table_access::pre_round(table, basis_, " + conversion shares");
    if (st.base.fully_diluted.value() <= 0) {
        out.push_back({field_path("basis"), basis_.to_string(), "the cap table has no shares on this basis to price the round on"});
        return false;
    }
    // A note whose cap divides a count of its own (cap_basis): the table's count on that basis,
    // fixed before the round.
    st.fixed_bases.assign(st.shells.size(), 0);
    for (std::size_t k = 0; k < st.shells.size(); ++k) {
        const instrument_conversion& ic = st.shells[k];
        if (!ic.cap_basis) continue;
        const std::int64_t count = table.fully_diluted(*ic.cap_basis).total().value();
        if (count <= 0) {
            out.push_back({field_path("notes").index(ic.index).member("cap_basis"),
                           std::string(ic.cap_basis->name()) + " (" + ic.cap_basis->to_string() + ")",
                           "the cap table has no shares on this basis for the cap to divide"});
            continue;
        }
        st.fixed_bases[k] = count;
    }
    return out.empty();
}

inline bool conversion_round::solve_into(const cap_table& table, detail::conv_path path, conversion_solution& sol,
                                         std::vector<diagnostic>& out) const {
    detail::conv_stage st;
    return stage_into(table, st, out) && finish_into(st, valuation_, path, sol, out);
}

inline bool conversion_round::finish_into(detail::conv_stage& st, money valuation, detail::conv_path path,
                                          conversion_solution& sol, std::vector<diagnostic>& out) const {
    const currency c = st.c;
    const money::rep n_units = st.n_units;
    const pre_round_shares& base0 = st.base;
    std::vector<instrument_conversion>& shells = st.shells;
    const price_basis pb = bases_.front();
    if (pb == price_basis::post_money && valuation.units() <= n_units) {
        out.push_back({field_path("post_money"), format_full(valuation),
                       "must exceed the new money " + format_full(money::from_units(n_units, c))});
        return false;
    }
    if (pb == price_basis::price_per_share && price_.sign() <= 0) {
        out.push_back({field_path("price"), price_.to_string() + " units per share", "must be positive"});
        return false;
    }
    // The exact solve and the named roundings: on 128-bit fractions, every operation checked;
    // if an intermediate would overflow, again from the start on big rationals (same values,
    // same order: the same result).
    std::optional<detail::conv_numbers> nums;
    const std::size_t problems_before = out.size();
    bool overflowed = false;
    if (path == detail::conv_path::big_only) {
        nums = compute<detail::conv_rational>(c, base0, n_units, valuation, shells, st.fixed_bases, out);
    } else {
        try {
            nums = compute<fraction>(c, base0, n_units, valuation, shells, st.fixed_bases, out);
        } catch (const overflow_error&) {
            if (path == detail::conv_path::fast_only) throw;
            overflowed = true;
        } catch (const std::overflow_error&) {  // Boost's checked 128-bit integers (FUNDROUND_NO_INT128)
            if (path == detail::conv_path::fast_only) throw;
            overflowed = true;
        }
    }
    if (overflowed) {  // every field the fast path set is set again, to the same values
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(problems_before), out.end());
        nums = compute<detail::conv_rational>(c, base0, n_units, valuation, shells, st.fixed_bases, out);
    }
    if (!nums || !out.empty()) return false;
    pre_round_shares& base = st.base;
    const fraction price = nums->price;
    const share_count conversion_total = nums->conversion_total;
    // The new money and the pool at the round price, on F0 + conversion shares.
    // price: positive, terms of 64 bits (conv_fraction64, checked by compute()), in lowest terms
    const fundround::price_per_share round_price(fundround::price_per_share::in_lowest_terms{}, price, c);
    priced_round_terms terms(name_);
    terms.at_price(round_price).shares_rounded(share_mode_).pool_rounded(pool_mode_);
    if (cash_mode_) terms.cash_rounded(*cash_mode_);
    for (const auto& inv : investors_) terms.invest(inv.first.str(), inv.second);
    if (pool_target_) terms.option_pool(*pool_target_, placement_, target_basis_);
    // priced_round_terms::try_solve() on F0 + conversion shares, solved in place into the result.
    std::int64_t with_conversions = 0;
    if (!detail::add_fits(base.fully_diluted.value(), conversion_total.value(), with_conversions)) {
        const bool safes = std::any_of(shells.begin(), shells.end(), [](const instrument_conversion& ic) {
            return ic.kind == instrument_kind::safe;
        });
        out.push_back({field_path(safes ? "safes" : "notes"), detail::digits(static_cast<std::uint64_t>(conversion_total.value())) + " shares",
                       "the conversion shares and the " + detail::digits(static_cast<std::uint64_t>(base.fully_diluted.value())) +
                           " fully diluted before the round are more than a share count holds (2^63 - 1)"});
        return false;
    }
    base.fully_diluted = share_count(with_conversions);
    // The pricing's share counts (the pool increase, the post-money count) may not fit 64 bits:
    // a problem of the round, as cap_table_round reports it, never an overflow_error out of
    // try_solve() or try_apply_to().
    bool priced = false;
    const auto counts_overflow = [&](const std::exception& e) {
        out.push_back({field_path("new_money"), std::to_string(with_conversions) + " shares before the new money (F0 + conversion shares)",
                       "the round's share counts (the new shares, the pool increase, the post-money count) overflow 64 bits: " +
                           detail::reason_of(e)});
        return false;
    };
    try {
        priced = terms.solve_into(base, sol.pricing_, out);
    } catch (const overflow_error& e) {
        return counts_overflow(e);
    } catch (const std::overflow_error& e) {  // Boost's checked 128-bit integers (FUNDROUND_NO_INT128)
        return counts_overflow(e);
    }
    if (!priced) {
        for (diagnostic& d : out) d.field = d.field.prefixed(field_path("new_money"));
        return false;
    }
    // The new money is solved at the round price, but the terms the round states are its own:
    // priced by its pre- or post-money (what reports print, as for a plain priced round), or by
    // the price itself.
    sol.pricing_.basis_ = pb;
    if (pb == price_basis::pre_money) sol.pricing_.stated_pre_ = valuation;
    if (pb == price_basis::post_money) sol.pricing_.stated_pre_ = money::from_units(valuation.units() - n_units, c);
    sol.exact_price_ = std::move(nums->exact_price);
    sol.price_ = round_price;
    sol.exact_q_ = std::move(nums->q);
    sol.exact_i_ = std::move(nums->i);
    sol.exact_t_ = std::move(nums->t);
    sol.conversions_ = std::move(shells);
    sol.outstanding_ = std::move(st.outstanding);
    sol.conversion_shares_ = conversion_total;
    return true;
}

inline conversion_solution_result conversion_round::solve_on(const cap_table& table, detail::conv_path path) const {
    conversion_solution_result result;
    conversion_solution& sol = result.solution.emplace(conversion_solution::key(), priced_round());
    if (!solve_into(table, path, sol, result.problems)) result.solution.reset();
    return result;
}

inline conversion_result conversion_round::apply_on(const cap_table& table, detail::conv_path path, bool after_by_builder_only) const {
    conversion_result result;
    converted_round& r = result.round.emplace(converted_round::key());
    if (!apply_into(table, path, after_by_builder_only, r, result.problems, &result.references)) result.round.reset();
    return result;
}

inline bool conversion_round::apply_into(const cap_table& table, detail::conv_path path, bool after_by_builder_only,
                                         converted_round& r, std::vector<diagnostic>& out, std::vector<element_reference>* refs) const {
    conversion_solution& sol = r.solution_;
    if (!solve_into(table, path, sol, out)) return false;
    const priced_round& pr = sol.pricing_;
    std::vector<instrument_conversion>& shells = sol.conversions_;
    const fundround::price_per_share& round_price = sol.price_;

    // The cap table after: the new series, one series per other conversion price
    // ("<series>-1", "<series>-2"..., past the names of classes on the table), the conversions
    // and the investments issued, the pool topped up.
    const std::size_t first_class = table.classes().size();
    std::vector<share_class> classes;
    classes.reserve(1 + shells.size());  // the series, at most one more per conversion
    classes.push_back(share_class::preferred(series_, round_price, liquidation_));
    std::vector<std::size_t> class_of(shells.size(), first_class);  // each conversion's class, its position after
    std::size_t next_series = 1;
    const auto on_table = [&table](std::string_view name) {
        for (const share_class& c : table.classes()) {
            if (detail::compare_name_keys(c.name(), name) == 0) return true;
        }
        return false;
    };
    // The series made so far at a price (units per share, exact; at most one per price): by
    // scanning them, and through a map once there are more than a few.
    constexpr std::size_t scan_limit = 16;
    std::map<fraction, std::size_t> series_at_price;
    const auto series_at = [&](const fraction& units) -> std::optional<std::size_t> {
        if (classes.size() <= scan_limit) {
            for (std::size_t j = 1; j < classes.size(); ++j) {
                if (classes[j].original_issue_price()->units_per_share() == units) return j;
            }
            return std::nullopt;
        }
        if (series_at_price.empty()) {
            for (std::size_t j = 1; j < classes.size(); ++j) series_at_price.emplace(classes[j].original_issue_price()->units_per_share(), j);
        }
        const auto it = series_at_price.find(units);
        if (it == series_at_price.end()) return std::nullopt;
        return it->second;
    };
    for (std::size_t k = 0; k < shells.size(); ++k) {
        instrument_conversion& ic = shells[k];
        if (ic.conversion_price == round_price) {
            ic.share_class = series_;
            continue;
        }
        const fraction& units = ic.conversion_price.units_per_share();
        if (const auto j = series_at(units)) {
            ic.share_class = classes[*j].name();
            class_of[k] = first_class + *j;
        }
        if (ic.share_class.empty()) {
            if (!series_at_price.empty()) series_at_price.emplace(units, classes.size());
            // Not one another's either: the key of "<series>-<k>" is the series' key followed
            // by the digits of k, and k only grows.
            ic.share_class = detail::next_series_name(series_, next_series, on_table);
            class_of[k] = first_class + classes.size();
            classes.push_back(share_class::preferred(ic.share_class, ic.conversion_price, liquidation_));
        }
    }
    fully_diluted_counts full_after;  // on full_with_convertibles: the full basis's counts (no convertibles yet)
    bool have_full_after = false;
    std::vector<diagnostic> problems;  // of the table after
    if (after_by_builder_only) {
        cap_table_result built = after_by_builder(table, classes, shells, pr);
        if (built.ok()) r.after_ = std::move(*built.table);
        problems = std::move(built.problems);
    } else {
        // The issues as cap_table_builder::issue() makes them: one holding per holder and class,
        // in the order first issued, later issues added to it.
        std::vector<detail::round_issue> issues;
        issues.reserve(shells.size() + pr.investments().size());
        // Above a few issues, each holder and class's issue is found through an index.
        std::map<std::pair<std::string, std::size_t>, std::size_t> issue_at;
        const auto issue = [&](const holder_id& who, std::size_t cls, share_count shares) {
            detail::round_issue* found = nullptr;
            if (issues.size() <= scan_limit) {
                for (detail::round_issue& is : issues) {
                    if (is.holder == who && is.share_class == cls) {
                        found = &is;
                        break;
                    }
                }
            } else {
                if (issue_at.empty()) {
                    for (std::size_t j = 0; j < issues.size(); ++j) issue_at.emplace(std::make_pair(issues[j].holder.str(), issues[j].share_class), j);
                }
                const auto it = issue_at.find(std::make_pair(who.str(), cls));
                if (it != issue_at.end()) found = &issues[it->second];
            }
            if (found != nullptr) {
                try {
                    found->shares += shares;
                } catch (const overflow_error&) {  // as the builder's issue() reports it: first
                    problems.push_back({field_path("issue"),
                                        std::to_string(shares.value()) + " of \"" + classes[cls - first_class].name() + "\" to \"" +
                                            who.str() + "\"",
                                        "the holding overflows 64 bits"});
                }
                return;
            }
            if (!issue_at.empty()) issue_at.emplace(std::make_pair(who.str(), cls), issues.size());
            issues.push_back({who, cls, shares});
        };
        for (std::size_t k = 0; k < shells.size(); ++k) {
            if (shells[k].shares.value() > 0) issue(shells[k].holder, class_of[k], shells[k].shares);
        }
        for (const priced_investment& i : pr.investments()) {
            if (i.shares.value() > 0) issue(holder_id(i.investor), first_class, i.shares);
        }
        std::optional<fundround::option_pool> created;  // a pool the round creates (new_pool()), sized by the pool increase
        if (pool_target_ && new_pool_class_) created = fundround::option_pool{*pool_, *new_pool_class_, pr.pool_increase()};
        have_full_after = detail::cap_table_access::issue_round_into(table, new_holders_, std::move(classes), issues,
                                                                      pool_target_ && !created ? table.pool_index(*pool_) : std::nullopt,
                                                                      pr.pool_increase(), r.after_, problems, &full_after, true,
                                                                      created ? &*created : nullptr, refs) &&
                          problems.empty();
    }
    if (!problems.empty()) {
        for (diagnostic& d : problems) {
            d.field = d.field.prefixed(field_path("after"));
            d.rule += " (in the cap table after the round)";
        }
        out = std::move(problems);
        return false;
    }

    r.before_ = table;
    r.name_ = name_;
    r.series_ = series_;
    r.close_ = close_;
    r.convention_ = convention_;
    r.basis_ = basis_;
    r.price_precision_ = price_precision_;
    r.conversion_precision_ = conversion_precision_;
    r.conversion_share_mode_ = conversion_share_mode_;
    r.pool_ = pool_target_ ? pool_ : std::nullopt;
    const bool full = basis_ == fully_diluted_basis::full() || basis_ == fully_diluted_basis::full_with_convertibles();
    if (!(full && have_full_after)) full_after = r.after_.fully_diluted(basis_);
    const fully_diluted_counts was = detail::cap_table_access::holder_counts(table, basis_);  // per holder only
    r.changes_ = detail::holder_changes(was, r.after_, full_after);
    return true;
}

// The table after built by cap_table_builder from `table`: the new holders and `classes`
// added, each conversion and investment issued, the pool topped up, the whole validated.
inline cap_table_result conversion_round::after_by_builder(const cap_table& table, const std::vector<share_class>& classes,
                                                           const std::vector<instrument_conversion>& shells,
                                                           const priced_round& pr) const {
    cap_table_builder b(table);
    for (const holder& h : new_holders_) b.add(h);
    for (const share_class& k : classes) b.add(k);
    for (const instrument_conversion& ic : shells) {
        if (ic.shares.value() > 0) b.issue(ic.holder, ic.share_class, ic.shares);
    }
    for (const priced_investment& i : pr.investments()) {
        if (i.shares.value() > 0) b.issue(holder_id(i.investor), series_, i.shares);
    }
    if (pool_target_ && new_pool_class_) {
        b.add(fundround::option_pool{*pool_, *new_pool_class_, pr.pool_increase()});
    } else if (pr.pool_increase().value() > 0) {
        b.increase_pool(*pool_, pr.pool_increase());
    }
    return b.try_build();
}

template <class R>
std::optional<detail::conv_numbers> conversion_round::compute(currency c, const pre_round_shares& base, money::rep n_units,
                                                              money valuation, std::vector<instrument_conversion>& shells,
                                                              const std::vector<std::int64_t>& fixed_bases,
                                                              std::vector<diagnostic>& out) const {
    using detail::conv_div;
    using detail::conv_from;
    const auto whole = [](fraction::rep v) { return conv_from<R>(fraction(v)); };
    detail::conv_model<R> m;
    m.f0 = whole(base.fully_diluted.value());
    m.n = whole(n_units);
    m.items.reserve(shells.size());
    R amounts;
    for (std::size_t k = 0; k < shells.size(); ++k) {
        const instrument_conversion& ic = shells[k];
        const detail::conv_item it = item_of(ic);
        detail::conv_term<R>& term = m.items.emplace_back();  // made in place (reserved above)
        if (k < fixed_bases.size() && fixed_bases[k] > 0 && it.cap) term.fixed_base = whole(fixed_bases[k]);
        term.amount = whole(it.amount);
        if (it.cap) {
            term.cap = whole(*it.cap);
            term.per_cap = conv_from<R>(fraction(it.amount, *it.cap));
        }
        if (it.fixed) {  // the cap branch with A / C = p exactly: p x its capitalization, always
            term.fixed = true;
            term.per_cap = conv_from<R>(*it.fixed);
            term.cap = conv_div(term.amount, term.per_cap);
        }
        if (it.keep) term.keep = conv_from<R>(*it.keep);
        term.per_keep = it.keep ? conv_div(term.amount, *term.keep) : term.amount;
        term.form = it.form;
        term.pool = it.pool;
        if (convention_ == conversion_pricing::dollars_invested) amounts += term.amount;  // only that convention adds them
    }
    // The price: u = 1 / P = u0 + u1 Q + u2 I.
    const price_basis pb = bases_.front();
    const bool pre_pool = placement_ == pool_placement::pre_money;
    R v;  // the pre-money the price divides (with the converting amounts under dollars_invested)
    if (pb == price_basis::price_per_share) {
        m.u0 = detail::conv_recip(conv_from<R>(price_));
    } else {
        v = whole(pb == price_basis::pre_money ? valuation.units() : valuation.units() - n_units);
        if (convention_ == conversion_pricing::dollars_invested) v += amounts;
        const R one_over_v = detail::conv_recip(v);
        if (convention_ == conversion_pricing::conversion_shares_not_in_pre_money) {
            m.u0 = m.f0 * one_over_v;  // B = F0 (+ I)
            if (pre_pool) m.u2 = one_over_v;
        } else {
            m.u1 = one_over_v;  // B = Q (- I)
            if (!pre_pool) m.u2 = -one_over_v;
        }
    }
    // The pool: I = t T - e, T = Q + N u  =>  I (1 - t N u2) = t (Q (1 + N u1) + N u0) - e.
    if (pool_target_ && pool_target_->sign() > 0) {
        const R t = conv_from<R>(*pool_target_);
        const R e = whole(target_basis_ == pool_target_basis::includes_existing_pool ? base.unallocated_pool.value() : 0);
        const R d = m.u2.sign() == 0 ? whole(1) : whole(1) - t * m.n * m.u2;
        if (d.sign() <= 0) {  // conversion shares not in the pre-money, with instruments: t N / V >= 1
            const R per = conv_div(m.n, v);
            const std::optional<fraction> f = detail::conv_fraction64(per);
            out.push_back({field_path("option_pool").member("target"), detail::fraction_text(*pool_target_),
                           "the new money buys " +
                               (f ? detail::fraction_text(*f)
                                  : (detail::conv_big(per) * detail::conv_int(100)).to_decimal_string(4, rounding::half_even) + "%") +
                               " of the pre-money's shares (the conversion shares not in the pre-money): with it the pool leaves "
                               "nothing for the holders before the round: the target times that must be below 100%"});
            return std::nullopt;
        }
        m.pool = true;
        m.i1 = t * (whole(1) + m.n * m.u1);
        m.i0 = m.u0.sign() == 0 ? -e : t * m.n * m.u0 - e;
        if (m.u2.sign() != 0) {  // else d = 1
            m.i1 = conv_div(m.i1, d);
            m.i0 = conv_div(m.i0, d);
        }
    }
    // Fixed percentages of the Company Capitalization: each SAFE's p x Q (or p x (Q - I)) with
    // F0 > 0 besides leaves no Q when they reach 100% together: named here, before the solve, at
    // each such SAFE's own field (a deal file maps it to the SAFE's place).
    {
        R fixed_total;
        for (const instrument_conversion& ic : shells) {
            if (ic.fixed_percentage) fixed_total += conv_from<R>(*ic.fixed_percentage);
        }
        if (!(fixed_total < whole(1))) {
            const std::string total = (detail::conv_big(fixed_total) * detail::conv_int(100)).to_decimal_string(4, rounding::half_even);
            for (const instrument_conversion& ic : shells) {
                if (!ic.fixed_percentage) continue;
                out.push_back({field_path("safes").index(ic.index).member("fixed_percentage"),
                               ic.fixed_percentage->to_string() + " (" + ic.fixed_percentage->to_percent_string(4) + ")",
                               "the round's fixed percentages of the Company Capitalization total " + total +
                                   "%: together they must be below 100% (nothing would be left for the holders before the round)"});
            }
            return std::nullopt;
        }
    }
    const std::optional<R> q = detail::conv_solve(m);
    if (!q && pool_target_ && pool_target_->sign() > 0 && pre_pool && pb != price_basis::price_per_share &&
        (convention_ != conversion_pricing::conversion_shares_not_in_pre_money || m.items.empty())) {
        // Why there is no price, when it is the pool: in the pre-money on a valuation, where the
        // new money buys a fixed N / (V + N) of the post-money (the conversion shares inside V,
        // or no instruments), the pool target and that share must be below 100% together,
        // whatever the instruments take. (Checked here, once the solve has failed: a round that
        // solves pays nothing for it.)
        const R share = conv_div(m.n, v + m.n);
        if (!(conv_from<R>(*pool_target_) + share < whole(1))) {
            const std::optional<fraction> f = detail::conv_fraction64(share);
            out.push_back({field_path("option_pool").member("target"), detail::fraction_text(*pool_target_),
                           "with the new money's " +
                               (f ? detail::fraction_text(*f)
                                  : (detail::conv_big(share) * detail::conv_int(100)).to_decimal_string(4, rounding::half_even) + "%") +
                               " of the post-money it leaves nothing for the holders before the round: the two together must be "
                               "below 100%"});
            return std::nullopt;
        }
    }
    if (!q) {
        const bool any_safe =
            std::any_of(shells.begin(), shells.end(), [](const instrument_conversion& ic) { return ic.kind == instrument_kind::safe; });
        out.push_back({field_path(any_safe ? "safes" : "notes"), "",
                       "the converting instruments and the pool target claim the whole company: no price solves the round "
                       "(e.g. post-money SAFEs whose purchase amounts over caps and fixed percentages reach 100%)"});
        return std::nullopt;
    }
    const R i_exact = m.pool_at(*q, -1);
    const R u = detail::conv_norm(m.u_at(*q, i_exact));  // in lowest terms: the figures below cancel across
    if (u.sign() <= 0) {
        out.push_back({field_path("price"), "", "the terms imply a price that is not positive"});
        return std::nullopt;
    }
    const R exact_price = detail::conv_recip_lowest(u);

    // The round price, rounded as named; it must fit a price_per_share.
    const std::optional<fraction> price =
        price_precision_ ? detail::conv_round_price(exact_price, *price_precision_) : detail::conv_fraction64_lowest(exact_price);
    const bool price_fits = price && price->sign() > 0;
    if (!price_fits) {
        const detail::conv_rational big_price = detail::conv_big(exact_price);
        out.push_back({field_path("price_rounding"), detail::conv_price_text(big_price, c),
                       price_precision_ ? "rounds the price to zero or past 64 bits: use another precision"
                                        : "the exact price does not fit a price_per_share (terms of 63 bits and a sign): " +
                                              detail::conv_terms_past_64(big_price, true) +
                                              ": name a price rounding, e.g. price_rounded(4, rounding::half_even)"});
        if (price_precision_) return std::nullopt;
    }
    // An exact price that does not fit: the instruments are still gone through on it, so that
    // the cap prices that do not fit either (whatever the price's rounding) are reported in
    // the same pass; the rest of the figures wait for the price rounding.
    const R p_round = price_fits ? conv_from<R>(*price) : exact_price;

    // Each instrument: its exact price and shares, then the named roundings. The values are
    // kept in lowest terms (u, each capitalization, each rate: on big rationals every gcd is
    // then against a small term), and each capitalization a cap divides (Q, Q - I, F0 + I or
    // F0: at most four) is reduced and made an exact_rational once, not once per instrument.
    struct capitalization {
        std::optional<R> value;  // in lowest terms
        exact_rational exact;
        R u_over;  // on big rationals: u / value, in lowest terms (compares the rates in small products)
    };
    capitalization capitalizations[4];
    const auto capitalization_of = [&](const detail::conv_term<R>& it) -> const capitalization& {
        const bool included = it.pool == fundround::pool_increase::included;
        capitalization& b = capitalizations[(it.form == safe_form::post_money ? 0 : 2) + (included ? 0 : 1)];
        if (!b.value) {
            b.value = detail::conv_norm(m.cap_base(it, *q, i_exact));
            b.exact = detail::conv_exact(*b.value);
            if constexpr (!std::is_same_v<R, fraction>) b.u_over = detail::conv_div_lowest(u, *b.value);
        }
        return b;
    };
    const R one = whole(1);
    share_count conversion_total;
    for (std::size_t k = 0; k < m.items.size(); ++k) {
        const detail::conv_term<R>& it = m.items[k];
        instrument_conversion& ic = shells[k];
        capitalization own;  // a count fixed before the round (a note's cap_basis)
        if (it.fixed_base) {
            own.value = detail::conv_norm(R(*it.fixed_base));
            own.exact = detail::conv_exact(*own.value);
            if constexpr (!std::is_same_v<R, fraction>) own.u_over = detail::conv_div_lowest(u, *own.value);
        }
        const auto capitalization_for = [&](const detail::conv_term<R>& t) -> const capitalization& {
            return t.fixed_base ? own : capitalization_of(t);
        };
        const capitalization* cap_base = nullptr;  // with a cap: the capitalization it divides
        R cap_price;  // with a cap: the exact cap price C / cap_base
        R exact_units;  // the exact conversion price
        if (!it.cap) {  // the round price, discounted or not: price keep / u, shares A u / keep
            exact_units = it.keep ? detail::conv_div_lowest(*it.keep, u) : detail::conv_recip_lowest(u);
            ic.exact_shares = detail::conv_exact(detail::conv_mul_lowest(it.per_keep, u));
        } else if (it.fixed) {  // p x its capitalization at the price A / (p x capitalization), whatever the round price
            cap_base = &capitalization_for(it);
            const R cap_rate = detail::conv_div_lowest(*cap_base->value, *it.cap);
            cap_price = detail::conv_recip_lowest(cap_rate);
            exact_units = cap_price;
            ic.exact_shares = detail::conv_exact(detail::conv_mul_lowest(*cap_base->value, it.per_cap));
        } else {  // the lower of the cap price and the round (or discount) price: the greater rate (m.rate())
            cap_base = &capitalization_for(it);
            const R cap_rate = detail::conv_div_lowest(*cap_base->value, *it.cap);
            cap_price = detail::conv_recip_lowest(cap_rate);
            const R price_rate = it.keep ? detail::conv_div_lowest(u, *it.keep) : u;
            // price_rate > cap_rate: on big rationals as (u / base) C > keep, a big term times a
            // small one (the two rates' terms are both big).
            bool price_lower = false;
            if constexpr (std::is_same_v<R, fraction>) {
                price_lower = price_rate > cap_rate;
            } else {
                price_lower = detail::conv_mul_lowest(cap_base->u_over, *it.cap) > (it.keep ? *it.keep : one);
            }
            if (price_lower) {
                exact_units = detail::conv_recip_lowest(price_rate);
                ic.exact_shares = detail::conv_exact(detail::conv_mul_lowest(it.amount, price_rate));
            } else {
                exact_units = cap_price;
                ic.exact_shares = detail::conv_exact(detail::conv_mul_lowest(it.amount, cap_rate));
            }
        }
        ic.exact_price_units = detail::conv_exact(exact_units);
        // The conversion price: the lower of the exact cap price and the discount (or round)
        // price on the rounded round price; at equal prices a discount is named, else the cap.
        R chosen = it.keep ? p_round * *it.keep : p_round;
        ic.basis = it.keep ? conversion_basis::discount : conversion_basis::round_price;
        ic.exact_capitalization = exact_rational();
        if (it.fixed) {
            ic.exact_capitalization = cap_base->exact;
            chosen = std::move(cap_price);
            ic.basis = conversion_basis::fixed_percentage;
        } else if (it.cap) {
            ic.exact_capitalization = cap_base->exact;
            if (it.keep ? cap_price < chosen : !(chosen < cap_price)) {  // at equal prices: the discount, else the cap
                chosen = std::move(cap_price);
                ic.basis = conversion_basis::cap;
            }
        }
        // Without a price that fits, only a cap price is known (it does not depend on the
        // price's rounding); a discount or round price waits for the price rounding.
        const bool price_independent = ic.basis == conversion_basis::cap || ic.basis == conversion_basis::fixed_percentage;
        if (!price_fits && !price_independent) continue;
        // In lowest terms: the cap price is; the discount or round price has small terms.
        if (!price_independent) chosen = detail::conv_norm(std::move(chosen));
        const std::optional<fraction> cp =
            conversion_precision_ ? detail::conv_round_price(chosen, *conversion_precision_) : detail::conv_fraction64_lowest(chosen);
        if (!cp || cp->sign() <= 0) {
            const field_path fp = field_path(ic.kind == instrument_kind::safe ? "safes" : "notes").index(ic.index);
            out.push_back({fp.member("conversion_price"), detail::conv_price_text(detail::conv_big(chosen), c),
                           conversion_precision_ ? "rounds to zero or past 64 bits: use another precision"
                                                 : std::string("the exact conversion price ") +
                                                       (price_fits                                  ? ""
                                                        : ic.basis == conversion_basis::fixed_percentage
                                                            ? "(the fixed percentage's price, which applies at any round price) "
                                                            : "(the cap price, which applies at the exact round price) ") +
                                                       "does not fit a price_per_share (terms of 63 bits and a sign): " +
                                                       detail::conv_terms_past_64(detail::conv_big(chosen), true) +
                                                       ": name a conversion price rounding, e.g. "
                                                       "conversion_price_rounded(6, rounding::half_even)"});
            continue;
        }
        if (!price_fits) continue;
        // cp: positive, terms of 64 bits (conv_fraction64), in lowest terms
        ic.conversion_price = fundround::price_per_share(fundround::price_per_share::in_lowest_terms{}, *cp, c);
        // amount / cp rounded, and amount - shares x cp, on the integer terms of cp (both fit
        // 128 bits: every term is below 2^63), each reduced once.
        const money::rep a = ic.amount.units();
        const detail::int128 shares = detail::over_rounded(a, *cp, conversion_share_mode_);
        if (shares > detail::int128(detail::int64_max)) {  // a problem, never an overflow_error out of try_apply_to()
            const field_path fp = field_path(ic.kind == instrument_kind::safe ? "safes" : "notes").index(ic.index);
            out.push_back({fp.member("conversion_price"), detail::conv_price_text(detail::conv_big(chosen), c),
                           "converts " + format_full(ic.amount) + " into more shares than a share count holds (2^63 - 1)"});
            continue;
        }
        ic.shares = share_count(static_cast<std::int64_t>(shares));
        if (const auto left = detail::products_difference_if_fits(a, cp->denominator(), ic.shares.value(), cp->numerator())) {
            ic.not_converted_units = fraction(*left, cp->denominator());
        } else {
            ic.not_converted_units = fraction(a) - ic.cost_units();
        }
        std::int64_t total = 0;
        if (!detail::add_fits(conversion_total.value(), ic.shares.value(), total)) {  // a problem, as one instrument's are
            const field_path fp = field_path(ic.kind == instrument_kind::safe ? "safes" : "notes").index(ic.index);
            out.push_back({fp.member("conversion_price"), detail::conv_price_text(detail::conv_big(chosen), c),
                           "brings the conversion shares together past what a share count holds (2^63 - 1)"});
            continue;
        }
        conversion_total = share_count(total);
    }
    if (!out.empty()) return std::nullopt;
    return detail::conv_numbers{detail::conv_exact(exact_price), detail::conv_exact(*q), exact_rational(i_exact),
                                exact_rational(*q + m.n * u), *price, conversion_total};
}

namespace detail {

/// Each path of conversion_round::try_apply_to(), for the tests that check they agree.
struct conversion_paths {
    /// The round solved on big rationals throughout.
    static conversion_result big_only(const conversion_round& r, const cap_table& t) { return r.apply_on(t, conv_path::big_only); }
    /// The round solved on 128-bit fractions only; throws overflow_error where they do not suffice.
    static conversion_result fast_only(const conversion_round& r, const cap_table& t) { return r.apply_on(t, conv_path::fast_only); }
    /// The figures solved on big rationals throughout.
    static conversion_solution_result solve_big_only(const conversion_round& r, const cap_table& t) {
        return r.solve_on(t, conv_path::big_only);
    }
    /// The figures solved on 128-bit fractions only; throws overflow_error where they do not
    /// suffice.
    static conversion_solution_result solve_fast_only(const conversion_round& r, const cap_table& t) {
        return r.solve_on(t, conv_path::fast_only);
    }
    /// The round with the table after built by cap_table_builder (the whole table validated
    /// again): the reference for the incremental build.
    static conversion_result by_builder(const conversion_round& r, const cap_table& t) {
        return r.apply_on(t, conv_path::automatic, true);
    }
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_CONVERSION_HPP
