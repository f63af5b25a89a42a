/// @file instruments/prepared_conversion.hpp
/// @brief A conversion round checked once on a cap table, then priced at any valuation: the
/// figures of a sensitivity table (the price, each instrument's and each new investor's shares,
/// the pool top-up), exact, without text and without the cap table after.
///
/// conversion_round::solve() checks everything on every call: the terms, the holders, each
/// instrument's own rules, then solves. A table of outcomes over valuations repeats only the
/// solve. prepared_conversion does the checks once, when it is made, and keeps what does not
/// depend on the valuation (the new money, the base `F0` and `E`, each instrument's amount,
/// cap and discount after MFN); figures_at() then solves at the valuation it is given.
///
/// When every cap divides the capitalization `Q` itself (post-money SAFEs and notes whose
/// company capitalization includes the pool increase, or no cap) and the price counts the
/// conversion shares (`P = V / Q`, the pool in the pre-money or no pool), every conversion
/// rate is proportional to `Q`, the choice between cap and discount price does not depend on
/// `Q`, and the equation `Q = F0 + I + sum S_i` is linear on each side of the pool's kink:
/// figures_at() solves it directly, `Q = (F0 - E) / (1 - K - t (V + N) / V)` with
/// `K = sum A_i / min(C_i, V keep_i)` (or `Q = F0 / (1 - K)` where the existing pool already
/// meets the target), on 128-bit fractions. Every other round, and any figure the direct solve
/// cannot give (an overflow, a price that does not fit, a problem to report), goes through
/// conversion_round's general solver: the figures are the same either way (the tests compare
/// them on random rounds), only the time differs.
#ifndef FUNDROUND_INSTRUMENTS_PREPARED_CONVERSION_HPP
#define FUNDROUND_INSTRUMENTS_PREPARED_CONVERSION_HPP

#include <fundround/config.hpp>
#include <fundround/analysis/discount.hpp>
#include <fundround/company/cap_table.hpp>
#include <fundround/company/pricing.hpp>
#include <fundround/detail/checked.hpp>
#include <fundround/error.hpp>
#include <fundround/instruments/conversion.hpp>
#include <fundround/numeric/fraction.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/numeric/rounding.hpp>
#include <fundround/numeric/shares.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// One instrument's conversion in conversion_figures (instrument_conversion without its text
/// and exact intermediate figures).
struct instrument_figures {
    instrument_kind kind = instrument_kind::safe;            ///< SAFE or note.
    std::size_t index = 0;                                   ///< Its position in the SAFEs or the notes given.
    conversion_basis basis = conversion_basis::round_price;  ///< The price that applied.
    /// The conversion price after its named rounding.
    fundround::price_per_share conversion_price{money::from_units(1), share_count(1)};
    share_count shares;             ///< amount / conversion_price, rounded by the named share mode.
    fraction not_converted_units;   ///< amount - shares x conversion_price, exactly, in money units.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const instrument_figures& a, const instrument_figures& b) {
        return a.kind == b.kind && a.index == b.index && a.basis == b.basis && a.conversion_price == b.conversion_price &&
               a.shares == b.shares && a.not_converted_units == b.not_converted_units;
    }
    /// True if a field differs.
    [[nodiscard]] friend bool operator!=(const instrument_figures& a, const instrument_figures& b) { return !(a == b); }
};

/// One new investor's figures in conversion_figures, in the order of conversion_round::invest().
struct investment_figures {
    share_count shares;   ///< amount / price, rounded by the named share mode.
    money cost;           ///< shares x price, rounded to a money unit by the named cash mode.
    money not_converted;  ///< amount - cost.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const investment_figures& a, const investment_figures& b) {
        return a.shares == b.shares && a.cost == b.cost && a.not_converted == b.not_converted;
    }
    /// True if a field differs.
    [[nodiscard]] friend bool operator!=(const investment_figures& a, const investment_figures& b) { return !(a == b); }
};

/// A conversion round's figures at one valuation: what conversion_round::solve() gives, without
/// the text (descriptions, definitions) and the exact figures of each instrument.
struct conversion_figures {
    /// The valuation priced, as the round states it (pre- or post-money); empty for a round
    /// priced per share.
    std::optional<money> valuation;
    exact_rational exact_price_units;  ///< The exact round price before rounding, money units per share.
    /// The round price after its named rounding.
    fundround::price_per_share price{money::from_units(1), share_count(1)};
    exact_rational exact_capitalization;     ///< `Q`: F0 + pool increase + conversion shares, exactly.
    exact_rational exact_pool_increase;      ///< The exact pool increase the solve implies.
    exact_rational exact_post_money_shares;  ///< `T`, exactly, before rounding.
    std::vector<instrument_figures> conversions;  ///< Each instrument that converted, SAFEs first, in the order given.
    share_count conversion_shares;                ///< All conversion shares.
    std::vector<investment_figures> investments;  ///< Each new investor, in the order of invest().
    share_count new_shares;                       ///< All new investors' shares.
    share_count pool_increase;                    ///< Shares added to the pool, rounded by the named pool mode.
    share_count post_money_shares;                ///< F0 + conversion shares + pool increase + new shares.

    /// True if every field is equal.
    [[nodiscard]] friend bool operator==(const conversion_figures& a, const conversion_figures& b) {
        return a.valuation == b.valuation && a.exact_price_units == b.exact_price_units && a.price == b.price &&
               a.exact_capitalization == b.exact_capitalization && a.exact_pool_increase == b.exact_pool_increase &&
               a.exact_post_money_shares == b.exact_post_money_shares && a.conversions == b.conversions &&
               a.conversion_shares == b.conversion_shares && a.investments == b.investments && a.new_shares == b.new_shares &&
               a.pool_increase == b.pool_increase && a.post_money_shares == b.post_money_shares;
    }
    /// True if a field differs.
    [[nodiscard]] friend bool operator!=(const conversion_figures& a, const conversion_figures& b) { return !(a == b); }
};

struct prepared_conversion_result;
class prepared_conversion;

namespace detail {
/// Access for the tests to the direct solve alone (not part of the API).
struct prepared_paths;
}  // namespace detail

/// A conversion_round checked once on a cap table, then solved at any valuation: a sensitivity
/// table of a priced round with SAFEs and notes converting.
///
///     const prepared_conversion p(round, table);       // every check, once
///     conversion_figures f;
///     for (money v = 12_M; v <= 20_M; v += 1_M) {
///         p.figures_at(v, f);                          // the round at pre-money v
///         std::cout << format_compact(v) << " " << f.price << "\n";
///     }
///
/// figures_at(v) gives the figures of the same round stated at @p v (`pre_money(v)`, or
/// `post_money(v)` for a round stated by its post-money) solved on the same table, exactly.
class prepared_conversion {
public:
    /// @p round checked on @p table: every problem of `round.try_solve(table)`, reported at once
    /// in a validation_error; throws inexact_error as solve() does.
    prepared_conversion(const conversion_round& round, const cap_table& table) {
        std::vector<diagnostic> problems;
        if (!prepare(round, table, problems)) {
            throw validation_error("round \"" + round.name() + "\" with converting instruments does not solve on the cap table",
                                   std::move(problems));
        }
    }
    /// @p round prepared on @p table, or every problem found (those of `round.try_solve(table)`).
    [[nodiscard]] static prepared_conversion_result try_prepare(const conversion_round& round, const cap_table& table);

    /// The round as given.
    [[nodiscard]] const conversion_round& round() const noexcept { return round_; }
    /// What fixes the price: pre_money, post_money or price_per_share.
    [[nodiscard]] price_basis basis() const noexcept { return round_.bases_.front(); }
    /// True if figures_at() solves the round directly (see the file's comment); false if it
    /// goes through the general solver for every valuation. The figures are the same.
    [[nodiscard]] bool direct() const noexcept { return direct_; }

    /// The figures at the round's own valuation (or price): those of `round().solve(table)`.
    [[nodiscard]] conversion_figures figures() const {
        conversion_figures f;
        if (basis() == price_basis::price_per_share) {
            general(round_.valuation_, f);
        } else {
            figures_at(round_.valuation_, f);
        }
        return f;
    }
    /// The figures with the valuation @p v in place of the round's: those of the same round
    /// stated at `pre_money(v)` (or `post_money(v)`) solved on the table. Throws
    /// invalid_argument_error for a round priced per share, validation_error listing every
    /// problem for a valuation the round does not solve at (not positive, another currency, a
    /// post-money not above the new money, no price, a price that does not fit, an investment
    /// that buys no share), and inexact_error as solve() does.
    [[nodiscard]] conversion_figures figures_at(money v) const {
        conversion_figures f;
        figures_at(v, f);
        return f;
    }
    /// The same into @p out, reusing the memory of its vectors: a loop over valuations into one
    /// conversion_figures allocates nothing on the direct path.
    void figures_at(money v, conversion_figures& out) const {
        if (basis() == price_basis::price_per_share) {
            throw invalid_argument_error("prepared_conversion::figures_at: round \"" + round_.name() +
                                         "\" is priced per share, not by a valuation: use figures()");
        }
        if (direct_ && direct(v, out)) return;
        general(v, out);
    }

private:
    friend struct prepared_conversion_result;
    friend struct detail::prepared_paths;
    prepared_conversion() = default;

    /// One instrument's terms as the direct solve takes them (after MFN), in money units.
    struct term {
        money::rep amount = 0;        // A
        std::optional<money::rep> cap;  // C
        std::optional<fraction> keep;   // 1 - discount
        fraction per_cap;               // A / C, with a cap
        fraction per_keep;              // A / keep (A without a discount)
        instrument_kind kind = instrument_kind::safe;
        std::size_t index = 0;          // its position in the SAFEs or the notes
    };

    bool prepare(const conversion_round& round, const cap_table& table, std::vector<diagnostic>& problems);
    void prepare_sums();
    bool direct(money v, conversion_figures& out) const;
    bool direct_figures(money v, conversion_figures& out) const;
    void general(money v, conversion_figures& out) const;

    conversion_round round_{"", "", calendar_date{}};
    detail::conv_stage stage_;
    bool direct_ = false;
    std::vector<term> terms_;
    // The cap price applies to instrument i when C_i <= V keep_i, so to the first j of the
    // capped instruments in the order of C / keep (`by_cap_`), j growing with V. For each j,
    // 1 - K = one_minus_caps_[j] - over_price_[j] / V: 1 less the A / C of those j, and the
    // A / keep of the others.
    std::vector<std::size_t> by_cap_;
    std::vector<fraction> one_minus_caps_;
    std::vector<fraction> over_price_;
    rounding cash_mode_ = rounding::half_away_from_zero;  // set from the round's solve when prepared
};

/// A prepared_conversion, or every problem found.
struct prepared_conversion_result {
    std::optional<prepared_conversion> prepared;  ///< The round prepared, when there were no problems.
    std::vector<diagnostic> problems;             ///< Every problem found (empty on success).

    /// True if the round was prepared.
    [[nodiscard]] bool ok() const noexcept { return prepared.has_value(); }
    /// True if the round was prepared.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }

private:
    friend class prepared_conversion;
    static prepared_conversion blank() { return prepared_conversion(); }
};

inline prepared_conversion_result prepared_conversion::try_prepare(const conversion_round& round, const cap_table& table) {
    prepared_conversion_result r;
    prepared_conversion p = prepared_conversion_result::blank();
    if (p.prepare(round, table, r.problems)) r.prepared = std::move(p);
    return r;
}

inline bool prepared_conversion::prepare(const conversion_round& round, const cap_table& table, std::vector<diagnostic>& problems) {
    round_ = round;
    if (!round_.stage_into(table, stage_, problems)) return false;
    // The whole round solved once at its own valuation: every problem solve() reports, and the
    // roundings its new money takes.
    {
        detail::conv_stage st = stage_;
        conversion_solution sol = conversion_round::empty_solution();
        if (!round_.finish_into(st, round_.valuation_, detail::conv_path::automatic, sol, problems)) return false;
        cash_mode_ = sol.new_money().cash_rounding();
    }
    // The direct solve: a price V / Q (the conversion shares in the pre-money, a pool in the
    // pre-money or none), every cap on Q itself.
    const price_basis pb = round_.bases_.front();
    const bool pool = round_.pool_target_ && round_.pool_target_->sign() > 0;
    direct_ = pb != price_basis::price_per_share && round_.convention_ != conversion_pricing::conversion_shares_not_in_pre_money &&
              !(pool && round_.placement_ == pool_placement::post_money);
    terms_.clear();
    terms_.reserve(stage_.shells.size());
    for (const instrument_conversion& ic : stage_.shells) {
        const detail::conv_item it = round_.item_of(ic);
        if (it.cap && !(it.form == safe_form::post_money && it.pool == fundround::pool_increase::included)) direct_ = false;
        if (it.fixed) direct_ = false;  // a fixed percentage of Q: the general solver (its figures are the same)
        term t;
        t.amount = it.amount;
        t.cap = it.cap;
        t.keep = it.keep;
        if (it.cap) t.per_cap = fraction(it.amount, *it.cap);
        t.per_keep = it.keep ? fraction(it.amount) / *it.keep : fraction(it.amount);
        t.kind = ic.kind;
        t.index = ic.index;
        if (it.amount <= 0) direct_ = false;
        terms_.push_back(t);
    }
    if (direct_) {
        try {
            prepare_sums();
        } catch (const overflow_error&) {  // sums past 128 bits: the general solver throughout
            direct_ = false;
        } catch (const std::overflow_error&) {
            direct_ = false;
        }
    }
    return true;
}

inline void prepared_conversion::prepare_sums() {
    // The capped instruments by C / keep, ascending.
    std::vector<std::pair<fraction, std::size_t>> at;
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        const term& t = terms_[i];
        if (t.cap) at.emplace_back(t.keep ? fraction(*t.cap) / *t.keep : fraction(*t.cap), i);
    }
    std::sort(at.begin(), at.end(), [](const auto& x, const auto& y) { return x.first < y.first || (x.first == y.first && x.second < y.second); });
    by_cap_.clear();
    for (const auto& x : at) by_cap_.push_back(x.second);
    const std::size_t n = by_cap_.size();
    one_minus_caps_.assign(n + 1, fraction(1));
    for (std::size_t j = 0; j < n; ++j) one_minus_caps_[j + 1] = one_minus_caps_[j] - terms_[by_cap_[j]].per_cap;
    over_price_.assign(n + 1, fraction());
    for (const term& t : terms_) {
        if (!t.cap) over_price_[n] += t.per_keep;
    }
    for (std::size_t j = n; j > 0; --j) over_price_[j - 1] = over_price_[j] + terms_[by_cap_[j - 1]].per_keep;
}

inline bool prepared_conversion::direct(money v, conversion_figures& out) const {
    try {
        return direct_figures(v, out);
    } catch (const overflow_error&) {  // a figure past 128 bits: the general solver, on big rationals
    } catch (const std::overflow_error&) {  // Boost's checked 128-bit integers (FUNDROUND_NO_INT128)
    } catch (const inexact_error&) {   // a rounding::exact mode met an inexact figure: the general solver names it
    }
    return false;
}

inline bool prepared_conversion::direct_figures(money v, conversion_figures& out) const {
    const currency c = stage_.c;
    if (v.currency() != c || !v.is_positive()) return false;
    const money::rep n_units = stage_.n_units;
    // V: the pre-money the price divides (stated, or post-money - N; plus the converting
    // amounts under dollars_invested).
    detail::int128 v_units = v.units();
    if (basis() == price_basis::post_money) {
        if (v_units <= n_units) return false;
        v_units -= n_units;
    }
    if (round_.convention_ == conversion_pricing::dollars_invested) {
        for (const term& t : terms_) v_units += t.amount;
    }
    const fraction value(v_units);
    // 1 - K, with K = sum A_i / min(C_i, V keep_i) the conversion shares per share of Q: the
    // cap price applies to the first j capped instruments by C / keep (C_i x den(keep_i) <=
    // num(keep_i) x V; at equal prices the figure is the same), found from the lowest.
    std::size_t j = 0;
    for (; j < by_cap_.size(); ++j) {
        const term& t = terms_[by_cap_[j]];
        if (!t.keep) {
            if (*t.cap > v_units) break;
        } else {
            const auto d = detail::products_difference_if_fits(*t.cap, t.keep->denominator(), t.keep->numerator(), v_units);
            if (!d) return false;
            if (*d > 0) break;
        }
    }
    const fraction s0 = over_price_[j].sign() == 0 ? one_minus_caps_[j] : one_minus_caps_[j] - over_price_[j] / value;

    // Q solves Q = F0 + I + K Q, with I = max(0, t T - E) and T = Q (V + N) / V (the new money
    // buys N / V shares per share of Q). On integers, with 1 - K = s0 = a / b and t = tn / td,
    // every figure follows from u = Q / V = M / D, the shares a money unit buys at the round price:
    // Q = u V, P = 1 / u, T = u (V + N), where
    //   the pool binding (I >= 0):   M = (F0 - E) b td,  D = a td V - b tn (V + N),
    //                                I = (tn (F0 - E) b (V + N) - E D) / D;
    //   no pool, or the existing pool meeting the target at the root (I = 0): M = F0 b, D = a V.
    // A product past 128 bits throws overflow_error: the general solver takes the round.
    const auto mul = [](detail::int128 x, detail::int128 y) {
        const auto p = detail::product_if_fits(x, y);
        if (!p) throw overflow_error("prepared_conversion: a product past 128 bits");
        return *p;
    };
    const auto mul_minus_mul = [](detail::int128 w, detail::int128 x, detail::int128 y, detail::int128 z) {
        const auto p = detail::products_difference_if_fits(w, x, y, z);
        if (!p) throw overflow_error("prepared_conversion: a product past 128 bits");
        return *p;
    };
    const detail::int128 a = s0.numerator();
    const detail::int128 b = s0.denominator();
    const detail::int128 f0 = stage_.base.fully_diluted.value();
    const detail::int128 vn = v_units + n_units;  // V + N
    const bool pool = round_.pool_target_ && round_.pool_target_->sign() > 0;
    const detail::int128 e = pool && round_.target_basis_ == pool_target_basis::includes_existing_pool
                                 ? stage_.base.unallocated_pool.value()
                                 : 0;
    detail::int128 m = 0;
    detail::int128 den = 0;
    fraction increase;
    bool binding = false;
    if (pool) {
        const detail::int128 tn = round_.pool_target_->numerator();
        const detail::int128 td = round_.pool_target_->denominator();
        den = mul_minus_mul(mul(a, td), v_units, mul(b, tn), vn);
        if (den > 0 && f0 > e) {  // else no root where the pool binds
            const detail::int128 i_num = mul_minus_mul(mul(mul(tn, f0 - e), b), vn, e, den);
            if (i_num >= 0) {
                binding = true;
                m = mul(mul(f0 - e, b), td);
                increase = fraction(i_num, den);
            }
        }
        // Else the root below the kink, if the pool does not bind there: t T - E <= 0 at
        // T = F0 b (V + N) / (a V), that is tn F0 b (V + N) <= E td a V.
        if (!binding && a > 0 && mul_minus_mul(mul(mul(tn, f0), b), vn, mul(mul(e, td), a), v_units) > 0) return false;
    }
    if (!binding) {
        if (a <= 0) return false;  // K >= 1: the instruments claim the whole company
        m = mul(f0, b);
        den = mul(a, v_units);
    }
    const fraction u(m, den);  // Q / V = M / D: the shares a money unit buys at the round price
    const fraction q = u * value;
    const fraction exact_price = u.reciprocal();
    // A price rounded as named, or exact; it must fit a price_per_share (positive, 64-bit terms).
    // The rounded value goes to @p rounded; the result points at the price, or is null.
    const auto fitted = [](const fraction& exact, const std::optional<price_precision>& p,
                           std::optional<fraction>& rounded) -> const fraction* {
        if (p) {
            rounded = detail::conv_round_price(exact, *p);
            return rounded && rounded->sign() > 0 ? &*rounded : nullptr;
        }
        return detail::conv_fits64(exact) && exact.sign() > 0 ? &exact : nullptr;
    };
    std::optional<fraction> rounded_price;
    const fraction* const price_ptr = fitted(exact_price, round_.price_precision_, rounded_price);
    if (!price_ptr) return false;
    const fraction& price = *price_ptr;

    // Each instrument: the lower of its cap price and the discount (or round) price on the
    // rounded round price (at equal prices a discount is named, else the cap), rounded, and
    // its shares and cash not converted. On the exact price the choice is known from C and V
    // (C / Q against keep V / Q): the cap when C < keep V with a discount, C <= V without.
    out.conversions.resize(terms_.size());
    share_count conversion_total;
    for (std::size_t k_ = 0; k_ < terms_.size(); ++k_) {
        const term& t = terms_[k_];
        instrument_figures& f = out.conversions[k_];
        // The cap price C / Q, or the discount (or round) price; the cap at equal prices without
        // a discount.
        bool cap = false;
        if (t.cap && !rounded_price) {
            cap = t.keep ? mul_minus_mul(*t.cap, t.keep->denominator(), t.keep->numerator(), v_units) < 0 : *t.cap <= v_units;
        } else if (t.cap) {
            const fraction cap_price = fraction(*t.cap) / q;
            const fraction at_price = t.keep ? price * *t.keep : price;
            cap = t.keep ? cap_price < at_price : !(at_price < cap_price);
        }
        f.basis = cap ? conversion_basis::cap : t.keep ? conversion_basis::discount : conversion_basis::round_price;
        const fraction chosen = cap ? fraction(*t.cap) / q : t.keep ? price * *t.keep : price;
        std::optional<fraction> rounded_cp;
        const fraction* const cp = fitted(chosen, round_.conversion_precision_, rounded_cp);
        if (!cp) return false;
        // The shares and the cash not converted, A - shares x cp (on integers when they fit).
        const share_count shares(detail::narrow(detail::over_rounded(t.amount, *cp, round_.conversion_share_mode_), "conversion shares"));
        const auto left = detail::products_difference_if_fits(t.amount, cp->denominator(), shares.value(), cp->numerator());
        const fraction not_converted = left ? fraction(*left, cp->denominator()) : fraction(t.amount) - *cp * fraction(shares.value());
        f.kind = t.kind;
        f.index = t.index;
        // cp: positive, terms of 64 bits (conv_fraction64), in lowest terms
        f.conversion_price = fundround::price_per_share(fundround::price_per_share::in_lowest_terms{}, *cp, c);
        f.shares = shares;
        f.not_converted_units = not_converted;
        conversion_total += shares;
    }

    // The new money at the round price: each investor's shares and cost, then the pool on the
    // actual count (as priced_round_terms at this price, on F0 + conversion shares).
    out.investments.resize(round_.investors_.size());
    detail::int128 new_shares = 0;
    for (std::size_t i = 0; i < round_.investors_.size(); ++i) {
        const money amount = round_.investors_[i].second;
        investment_figures& f = out.investments[i];
        f.shares = share_count(detail::narrow(detail::over_rounded(amount.units(), price, round_.share_mode_), "shares issued"));
        if (f.shares.value() == 0) return false;  // an investment that buys no share: a problem, named by the general solver
        f.cost = money::from_units(detail::narrow(detail::times_rounded(price, f.shares.value(), cash_mode_), "cost of shares"), c);
        f.not_converted = amount - f.cost;
        new_shares += f.shares.value();
    }
    const share_count counted = stage_.base.fully_diluted + conversion_total;
    share_count pool_increase;
    if (pool) {
        // increase = (t counted - E) / (1 - t): (tn counted - td E) / (td - tn).
        const fraction& target = *round_.pool_target_;
        const auto num = detail::products_difference_if_fits(target.numerator(), detail::int128(counted.value()) + new_shares,
                                                             target.denominator(), e);
        if (!num) return false;
        if (*num > 0) {
            pool_increase = share_count(detail::narrow(
                detail::quotient_rounded(*num, target.denominator() - target.numerator(), round_.pool_mode_), "pool increase"));
        }
    }
    out.valuation = v;
    out.exact_price_units = exact_price;
    out.price = fundround::price_per_share(fundround::price_per_share::in_lowest_terms{}, price, c);
    out.exact_capitalization = q;
    out.exact_pool_increase = increase;
    out.exact_post_money_shares = u * fraction(vn);
    out.conversion_shares = conversion_total;
    out.new_shares = share_count(detail::narrow(new_shares, "new shares"));
    out.pool_increase = pool_increase;
    out.post_money_shares = counted + pool_increase + out.new_shares;
    return true;
}

inline void prepared_conversion::general(money v, conversion_figures& out) const {
    std::vector<diagnostic> problems;
    const bool priced = basis() == price_basis::price_per_share;
    if (!priced) round_.check_valuation(v, stage_.c, problems);
    if (problems.empty()) {
        detail::conv_stage st = stage_;
        conversion_solution sol = conversion_round::empty_solution();
        if (round_.finish_into(st, v, detail::conv_path::automatic, sol, problems)) {
            if (priced) {
                out.valuation.reset();
            } else {
                out.valuation = v;
            }
            out.exact_price_units = sol.exact_price_units();
            out.price = sol.price();
            out.exact_capitalization = sol.exact_capitalization();
            out.exact_pool_increase = sol.exact_pool_increase();
            out.exact_post_money_shares = sol.exact_post_money_shares();
            out.conversions.clear();
            for (const instrument_conversion& ic : sol.conversions()) {
                out.conversions.push_back({ic.kind, ic.index, ic.basis, ic.conversion_price, ic.shares, ic.not_converted_units});
            }
            out.conversion_shares = sol.conversion_shares();
            out.investments.clear();
            for (const priced_investment& i : sol.new_money().investments()) out.investments.push_back({i.shares, i.cost, i.not_converted});
            out.new_shares = sol.new_money().new_shares();
            out.pool_increase = sol.pool_increase();
            out.post_money_shares = sol.new_money().post_money_shares();
            return;
        }
    }
    throw validation_error("round \"" + round_.name() + "\" with converting instruments does not solve at " +
                               (priced ? std::string("its price") : "the valuation " + format_full(v)),
                           std::move(problems));
}

namespace detail {

/// Access for the tests to the direct solve alone (not part of the API).
struct prepared_paths {
    /// True, with @p out set, if the direct solve gives the figures at @p v; false if
    /// figures_at() would take the general solver.
    static bool direct_only(const prepared_conversion& p, money v, conversion_figures& out) { return p.direct_ && p.direct(v, out); }
};

}  // namespace detail

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_INSTRUMENTS_PREPARED_CONVERSION_HPP
