/// @file deal/round_builder.hpp
/// @brief A builder that reads like the deal and validates everything at once.
#ifndef FUNDROUND_DEAL_ROUND_BUILDER_HPP
#define FUNDROUND_DEAL_ROUND_BUILDER_HPP

#include <fundround/config.hpp>
#include <fundround/time/calendar.hpp>
#include <fundround/deal/classify.hpp>
#include <fundround/deal/condition.hpp>
#include <fundround/numeric/currency.hpp>
#include <fundround/detail/enum_check.hpp>
#include <fundround/error.hpp>
#include <fundround/detail/name_key.hpp>
#include <fundround/deal/investor.hpp>
#include <fundround/numeric/money.hpp>
#include <fundround/numeric/money_format.hpp>
#include <fundround/deal/round.hpp>
#include <fundround/deal/schedule.hpp>
#include <fundround/numeric/shares.hpp>
#include <fundround/deal/tranche.hpp>
#include <fundround/deal/valuation.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

FUNDROUND_BEGIN_NAMESPACE

/// The outcome of round_builder::try_build(): a round, or every problem found.
struct build_result {
    std::optional<funding_round> round;  ///< The round, when there were no problems.
    std::vector<diagnostic> problems;    ///< Every problem found (empty on success).
    /// The investors and tranches its problems' rules name by their place (`investors[k] "name"`,
    /// `investors[k] "name".tranches[t]`).
    std::vector<element_reference> references;

    /// True if the round was built.
    [[nodiscard]] bool ok() const noexcept { return round.has_value(); }
    /// True if the round was built.
    [[nodiscard]] explicit operator bool() const noexcept { return ok(); }
};

/// Builds a funding_round step by step, the way the deal is described:
///
///     funding_round r = round_builder("Series X")
///         .pre_money(730_B).close_date(year{2026} / 2 / 27)
///         .invest(investor::strategic("Amazon"), 50_B,
///                 {tranche::at_close(15_B), tranche::when(35_B, milestone("conditions"))})
///         .invest(investor::strategic("Nvidia"), 30_B)
///         .build();
///
/// build() validates and throws one validation_error listing every problem; try_build() returns
/// them instead. Setters never throw. Each investor appears once: a name that is another's, or
/// equal to it but for case, spaces or punctuation (the same holder_name_key(), as on a cap table:
/// "SoftBank" and "Softbank "), is reported, as is a name without a letter or digit.
class round_builder {
public:

    /// A builder for a round called @p name, in US dollars.
    explicit round_builder(std::string_view name = {}) : name_(name) {}

    /// Sets the round's name.
    round_builder& name(std::string_view n) { name_ = n; return *this; }
    /// Sets the round's currency (default USD); every amount must be in it.
    round_builder& currency(fundround::currency c) { currency_ = c; return *this; }
    /// Sets the pre-money valuation (required).
    round_builder& pre_money(money m) { pre_money_ = m; return *this; }
    /// Sets the fully diluted share count before the round (fixes the price per share).
    round_builder& pre_money_shares(share_count s) { shares_ = s; return *this; }
    /// Sets the previous valuation mark and what it was ("October 2025 secondary").
    round_builder& prior_mark(money m, std::string_view label = {}) {
        prior_mark_ = m;
        prior_mark_label_ = label;
        return *this;
    }
    /// Sets the previous round's amount and what it was ("2025 round").
    round_builder& prior_round(money m, std::string_view label = {}) {
        prior_round_ = m;
        prior_round_label_ = label;
        return *this;
    }
    /// Sets the close date (required: pick one and say so if the deal does not give it).
    round_builder& close_date(calendar_date d) { close_date_ = d; return *this; }

    /// @p who commits @p amount, all funded at close.
    round_builder& invest(investor who, money amount) {
        entries_.push_back({std::move(who), {tranche::at_close(amount)}, std::nullopt, true});
        return *this;
    }
    /// @p who commits the sum of @p tranches.
    round_builder& invest(investor who, std::vector<tranche> tranches) {
        entries_.push_back({std::move(who), std::move(tranches), std::nullopt, false});
        return *this;
    }
    /// @p who commits the sum of @p tranches (a braced list; `{}` is reported by build()).
    round_builder& invest(investor who, std::initializer_list<tranche> tranches) {
        return invest(std::move(who), std::vector<tranche>(tranches));
    }
    /// @p who commits @p commitment, paid as @p tranches, which must sum to it exactly.
    round_builder& invest(investor who, money commitment, std::vector<tranche> tranches) {
        entries_.push_back({std::move(who), std::move(tranches), commitment, false});
        return *this;
    }

    /// The path of the @p i-th commitment in this builder's diagnostics: `investors[i] "name"`
    /// (no label for an empty name). Its tranches are under `.tranches[k]`, or `.commitment` for
    /// one given as a single amount (invest(who, amount)), whose amount is `.commitment` itself.
    [[nodiscard]] static field_path investor_field(std::size_t i, const investor& who) {
        return field_path("investors").index(i, who.name());
    }

    /// Every problem that build() would report (empty if the round is valid).
    [[nodiscard]] std::vector<diagnostic> validate() const { return try_build().problems; }
    /// The round, or every problem found; never throws for bad input.
    [[nodiscard]] build_result try_build() const;
    /// The round; throws validation_error listing every problem.
    [[nodiscard]] funding_round build() const {
        build_result r = try_build();
        if (!r.ok()) {
            throw validation_error(detail::concat({"round \"", name_, "\" is invalid"}), std::move(r.problems));
        }
        return std::move(*r.round);
    }

private:
    struct entry {
        investor who;
        std::vector<tranche> tranches;
        std::optional<money> stated;
        bool single = false;  // invest(who, amount): problems are reported as ".commitment"
    };
    // The path of commitment @p i (investor_field()): built only for a problem to report, out of
    // line, so that the checks hold a call, not the path's construction.
    FUNDROUND_COLD field_path investor_path(std::size_t i) const { return investor_field(i, entries_[i].who); }
    // The path of tranche @p k of commitment @p i: `.tranches[k]` under the investor, or
    // `.commitment` for a commitment given as one amount (for a problem to report, as above).
    FUNDROUND_COLD field_path tranche_field(std::size_t i, std::size_t k) const {
        const field_path p = investor_path(i);
        return entries_[i].single ? p.member("commitment") : p.member("tranches").index(k);
    }
    // What a check of the builder found wrong; report() makes its diagnostic.
    enum class problem : unsigned char {
        pre_money_missing,        // pre_money is required
        pre_money,                // pre_money: not in the round's currency, or not positive
        prior_mark,               // the same for prior_mark
        prior_round,              // the same for prior_round
        shares_not_positive,      // pre_money_shares
        close_date_missing,       // close_date is required
        close_date_not_modelled,  // close_date is not a day fundround models
        no_investors,             // at least one investor is required
        too_many_tranches,        // `extra` tranches: 2^31 or more
        name_empty,               // investor i's name
        name_keyless,             // investor i's name has no letter or digit
        name_duplicate,           // investor i's name (nearly) duplicates investor k's
        kind_unknown,             // investor i's kind is outside the enumeration
        no_tranches,              // investor i has no tranche
        tranche_currency,         // tranche k of investor i is not in the round's currency
        expected_before_close,    // tranche k of investor i is expected before the close
        tranches_overflow,        // investor i's tranches before k sum to `extra`; tranche k overflows
        commitment_currency,      // investor i's stated commitment is not in the round's currency
        commitment_mismatch,      // investor i's tranches sum to `extra`, not to the stated commitment
        total_overflow,           // the commitments before investor i sum to `extra`; i overflows
        post_money_overflow,      // pre-money + the commitments' total, `extra`, overflows
    };
    // Appends the diagnostic of @p p about investor @p i (and tranche, or other investor, @p k;
    // a count or a sum in units @p extra): the words of every check of the builder in one
    // out-of-line function, so that each check holds a call, not the building of its message.
    // A rule that names an investor or a tranche by its place records where in @p refs (given for
    // those).
    FUNDROUND_COLD void report(std::vector<diagnostic>& out, problem p, std::size_t i = 0, std::size_t k = 0,
                               std::int64_t extra = 0, std::vector<element_reference>* refs = nullptr) const {
        // Element @p element (an investor, a tranche) named at rule[@p at] of the problem about
        // to be appended.
        const auto named = [&](const field_path& element, std::size_t at) {
            if (refs != nullptr) refs->push_back({out.size(), element, at});
        };
        // An amount that is not in the round's currency, or (in it) not positive.
        const auto amount = [&](const field_path& base, const char* leaf, money m) {
            if (m.currency() != currency_) {
                detail::add_problem(out, base, leaf, format_full(m), {"must be in ", currency_.code(), ", the round's currency"});
            } else {
                detail::add_problem(out, base, leaf, format_full(m), "must be positive");
            }
        };
        const field_path root;
        const money extra_sum = money::from_units(extra, currency_);  // for the problems of a sum
        switch (p) {
            case problem::pre_money_missing: detail::add_problem(out, root, "pre_money", "", "is required"); return;
            case problem::pre_money: amount(root, "pre_money", *pre_money_); return;
            case problem::prior_mark: amount(root, "prior_mark", *prior_mark_); return;
            case problem::prior_round: amount(root, "prior_round", *prior_round_); return;
            case problem::shares_not_positive:
                detail::add_problem(out, root, "pre_money_shares", detail::signed_digits(shares_->value()), "must be positive");
                return;
            case problem::close_date_missing:
                detail::add_problem(out, root, "close_date", "", "is required (pick one and label it as an assumption)");
                return;
            case problem::close_date_not_modelled:
                detail::add_problem(out, root, "close_date", to_string(*close_date_), date_rule(*close_date_));
                return;
            case problem::no_investors: detail::add_problem(out, root, "investors", "", "at least one investor is required"); return;
            case problem::too_many_tranches:
                detail::add_problem(out, root, "investors", detail::digits(static_cast<std::uint64_t>(extra)) + " tranches",
                                    "must be fewer than 2^31");
                return;
            case problem::total_overflow: {
                const std::string next = investor_path(i).to_string();
                const std::string_view before = "the sum of the commitments before ";
                std::size_t a_at = 0;
                std::size_t b_at = 0;
                std::string rule = overflow_rule("the total of the commitments", detail::concat({before, next}), extra_sum, next,
                                                 money::from_units(units_of(entries_[i]), currency_), &a_at, &b_at);
                named(investor_path(i), a_at + before.size());
                named(investor_path(i), b_at);
                detail::add_problem(out, root, "investors", "", rule);
                return;
            }
            case problem::post_money_overflow:
                detail::add_problem(out, root, "investors", "",
                                    overflow_rule("the post-money (pre-money + the total of the commitments)", "the pre-money",
                                                  *pre_money_, "the total of the commitments", extra_sum));
                return;
            default: break;  // a problem of investor i: below
        }
        const entry& e = entries_[i];
        const std::string& name = e.who.name();
        const field_path path = investor_path(i);
        switch (p) {
            case problem::name_empty: detail::add_problem(out, path, "name", "", "must not be empty"); return;
            case problem::kind_unknown: detail::check_known_enum(out, path.member("kind"), e.who.kind(), detail::investor_kind_names); return;
            case problem::name_keyless:
                detail::add_problem(out, path, "name", detail::concat({"\"", name, "\""}), "must contain a letter or digit");
                return;
            case problem::name_duplicate: {
                const std::string& first = entries_[k].who.name();
                const std::string_view verb = first == name ? "duplicates " : "nearly duplicates ";
                named(investor_path(k), verb.size());
                detail::add_problem(out, path, "name", detail::concat({"\"", name, "\""}),
                                    {verb, investor_path(k).to_string(),
                                     first == name ? "" : " (names that differ only in case, spaces or punctuation are one investor)",
                                     "; combine their tranches under one investor"});
                return;
            }
            case problem::no_tranches: detail::add_problem(out, path, "tranches", "", "at least one tranche is required"); return;
            case problem::tranche_currency:
                // a commitment given as one amount (invest(who, amount)) is reported
                // as `.commitment`
                detail::add_problem(out, e.single ? path : tranche_field(i, k), e.single ? "commitment" : "amount",
                                    format_full(e.tranches[k].amount()),
                                    {"must be in ", currency_.code(), ", the round's currency"});
                return;
            case problem::expected_before_close:
                detail::add_problem(out, tranche_field(i, k), "expected_date", to_string(*e.tranches[k].expected_date()),
                                    {"must not be before the close date ", to_string(*close_date_)});
                return;
            case problem::tranches_overflow: {
                // The tranche by its whole path, as the total's overflow names the investor: a
                // caller that numbers tranches its own way renames it from the references.
                const field_path tranche_at = tranche_field(i, k);
                const std::string next = tranche_at.to_string();
                const std::string_view before = "the sum of the tranches before ";
                std::size_t a_at = 0;
                std::size_t b_at = 0;
                std::string rule = overflow_rule("the tranches' sum", detail::concat({before, next}), extra_sum, next,
                                                 e.tranches[k].amount(), &a_at, &b_at);
                named(tranche_at, a_at + before.size());
                named(tranche_at, b_at);
                detail::add_problem(out, path, "tranches", "", rule);
                return;
            }
            case problem::commitment_currency: amount(path, "commitment", *e.stated); return;
            case problem::commitment_mismatch:
                detail::add_problem(out, path, "commitment", format_full(*e.stated),
                                    {"the tranches sum to ", format_full(extra_sum), "; they must sum exactly to the stated commitment"});
                return;
            default: return;  // the round's own problems: above
        }
    }
    // True if @p m is in the round's currency and positive (else report() says which rule fails).
    bool amount_ok(money m) const noexcept { return m.currency() == currency_ && m.is_positive(); }

    void check_round(std::vector<diagnostic>& out) const {
        if (!pre_money_) {
            report(out, problem::pre_money_missing);
        } else if (!amount_ok(*pre_money_)) {
            report(out, problem::pre_money);
        }
        if (shares_ && shares_->value() <= 0) report(out, problem::shares_not_positive);
        if (!close_date_) {
            report(out, problem::close_date_missing);
        } else if (!is_modelled(*close_date_)) {
            report(out, problem::close_date_not_modelled);
        }
        if (prior_mark_ && !amount_ok(*prior_mark_)) report(out, problem::prior_mark);
        if (prior_round_ && !amount_ok(*prior_round_)) report(out, problem::prior_round);
        if (entries_.empty()) report(out, problem::no_investors);
    }

    // The schedule's entries as the builder places the tranches, in round order: dated ones with
    // the sort key of each (keys[j] of dated[j]; one key per tranche allocated up front, so that
    // no growth is compiled for them), undated ones (each entry holds its amount in `cumulative`
    // until the schedule totals them up).
    struct placed_entries {
        std::vector<detail::schedule_entry> dated;
        std::vector<detail::schedule_entry> undated;
        std::vector<std::uint64_t> keys;
    };

    // Validates one commitment, placing each tranche it can place in @p placed; returns true if
    // its total can be computed (its tranches are all in the round's currency and their sum fits).
    bool check_entry(std::vector<diagnostic>& out, std::vector<element_reference>& refs, std::size_t i,
                     std::size_t duplicate_of, placed_entries& placed, condition_outlook_cache& outlooks) const {
        const entry& e = entries_[i];
        // Paths and messages are built only for a commitment or tranche with something to report
        // (report()): building paths for every one was the largest constant cost of build().
        const std::string& name = e.who.name();
        if (name.empty()) {
            report(out, problem::name_empty, i);
        } else if (detail::name_key_empty(name)) {
            report(out, problem::name_keyless, i);
        } else if (duplicate_of != i) {  // an exact or a near duplicate (name_key_less() order)
            report(out, problem::name_duplicate, i, duplicate_of, 0, &refs);
        }
        if (!detail::enum_known(e.who.kind(), detail::investor_kind_names)) report(out, problem::kind_unknown, i);
        if (e.tranches.empty()) report(out, problem::no_tranches, i);
        bool summable = true;
        std::int64_t total = 0;  // the tranches' sum so far, in units of the round's currency
        for (std::size_t k = 0; k < e.tranches.size(); ++k) {
            const tranche& t = e.tranches[k];
            const auto tpath = [&] { return tranche_field(i, k); };
            // The tranche's problems go straight into `out`, in this order: currency, its own
            // (found under the root first; found again under its path only if there are any), then
            // the expected date or the placement.
            const std::size_t first = out.size();
            if (t.amount().currency() != currency_) {
                report(out, problem::tranche_currency, i, k);
                summable = false;
            }
            const std::size_t own = out.size();
            t.validate(field_path(), out);
            if (out.size() > own) {
                while (out.size() > own) out.pop_back();
                t.validate(tpath(), out);
            }
            const bool close_ok = close_date_ && is_modelled(*close_date_);
            if (close_ok && t.expected_date() && is_modelled(*t.expected_date()) &&
                *t.expected_date() < *close_date_) {
                report(out, problem::expected_before_close, i, k);
            } else if (close_ok && (!t.expected_date() || is_modelled(*t.expected_date()))) {
                // Placement problems (a condition that can never be met, an expected date before
                // the condition is met) are reported with every other problem, not only when there
                // is none.
                const tranche_placement p = place_tranche(t, *close_date_, tpath, out, &outlooks);
                const detail::schedule_entry d{t.amount().units(), p.date ? detail::day_number(*p.date) : 0,
                                               static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(k), p.status};
                if (p.date) {
                    placed.keys[placed.dated.size()] = disbursement_schedule::sort_key(d.day, placed.dated.size());
                    placed.dated.push_back(d);
                } else {
                    placed.undated.push_back(d);
                }
            }
            if (e.single && out.size() > first) {  // the user wrote one amount, not a tranche: name it that way
                const field_path amount_field = tpath().member("amount");
                for (std::size_t d = first; d < out.size(); ++d) {
                    if (out[d].field == amount_field) out[d].field = tpath();
                }
            }
            if (summable && !detail::add_fits(total, t.amount().units(), total)) {
                report(out, problem::tranches_overflow, i, k, total, &refs);
                summable = false;
            }
        }
        if (!summable) return false;
        if (e.stated) {
            if (e.stated->currency() != currency_) {
                report(out, problem::commitment_currency, i);
            } else if (e.stated->units() != total) {
                report(out, problem::commitment_mismatch, i, 0, total);
            }
        }
        return true;
    }

    // "@p what overflows the amount range: @p a_label, a, plus @p b_label, b, is above the largest
    // amount, $M" (or below the smallest): a sum that does not fit, with its figures in full.
    // Where a_label and b_label begin in it go to @p a_at and @p b_at, if given.
    FUNDROUND_COLD static std::string overflow_rule(std::string_view what, std::string_view a_label, money a,
                                                    std::string_view b_label, money b, std::size_t* a_at = nullptr,
                                                    std::size_t* b_at = nullptr) {
        const bool up = b.is_positive();
        const money limit = money::from_units(up ? INT64_MAX : INT64_MIN, a.currency());
        const std::string_view overflows = " overflows the amount range: ";
        const std::string_view plus = ", plus ";
        const std::string a_text = format_full(a);
        if (a_at != nullptr) *a_at = what.size() + overflows.size();
        if (b_at != nullptr) *b_at = what.size() + overflows.size() + a_label.size() + 2 + a_text.size() + plus.size();
        return detail::concat({what, overflows, a_label, ", ", a_text, plus, b_label, ", ", format_full(b),
                               up ? ", is above the largest amount, " : ", is below the smallest amount, ", format_full(limit)});
    }

    // The sum of @p e's tranches in units, which check_entry() found to be in the round's currency
    // and to fit (checked all the same: it would throw, never wrap).
    static std::int64_t units_of(const entry& e) {
        std::int64_t total = 0;
        for (const tranche& t : e.tranches) total = detail::money_add(total, t.amount().units());
        return total;
    }

    std::string name_;
    fundround::currency currency_;
    std::optional<money> pre_money_;
    std::optional<share_count> shares_;
    std::optional<money> prior_mark_;
    std::string prior_mark_label_;
    std::optional<money> prior_round_;
    std::string prior_round_label_;
    std::optional<calendar_date> close_date_;
    std::vector<entry> entries_;
};

inline build_result round_builder::try_build() const {
    build_result result;
    std::vector<diagnostic>& out = result.problems;
    check_round(out);
    // The one index of investors: positions sorted by holder_name_key() of the name, equal keys by
    // name, equal names by position (detail::name_key_less()). Equal names, and names equal but for
    // case, spaces or punctuation ("SoftBank", "Softbank "), are adjacent: one sort finds both
    // kinds of duplicate here, and becomes the round's name lookup.
    const auto investor_name = [this](std::size_t i) -> const std::string& { return entries_[i].who.name(); };
    std::vector<std::uint32_t> by_name = detail::positions_by_name(entries_.size(), investor_name, detail::name_order::by_key);
    // first_of[i]: the investor that i duplicates (the first with its exact name, else the first
    // with its key), or i. A name without a letter or digit is reported as such, not as a
    // duplicate.
    std::vector<std::uint32_t> first_of(entries_.size());
    const auto name_at = [&](std::size_t j) -> const std::string& { return entries_[by_name[j]].who.name(); };
    for (std::size_t j = 0, end = 0; j < by_name.size(); j = end) {
        std::uint32_t first = by_name[j];  // the first position of the key's run [j, end)
        for (end = j + 1; end < by_name.size() && detail::compare_name_keys(name_at(end), name_at(j)) == 0; ++end) {
            first = std::min(first, by_name[end]);
        }
        const bool keyless = detail::name_key_empty(name_at(j));
        for (std::size_t k = j, exact = j; k < end; ++k) {
            if (name_at(k) != name_at(exact)) exact = k;  // the first of an exact name in the run
            first_of[by_name[k]] = keyless ? by_name[k] : k != exact ? by_name[exact] : first;
        }
    }
    std::size_t tranche_count = 0;
    for (const auto& e : entries_) tranche_count += e.tranches.size();
    if (tranche_count >= (std::size_t{1} << 31)) {
        report(out, problem::too_many_tranches, 0, 0, static_cast<std::int64_t>(tranche_count));
        return result;
    }
    // The schedule's entries (24 bytes, no strings: names and conditions are read through the
    // indices), made as each tranche is placed, in round order; the schedule puts the dated ones in
    // date order by sorting 8-byte keys (day, position).
    placed_entries placed{{}, {}, std::vector<std::uint64_t>(tranche_count)};
    placed.dated.reserve(tranche_count);  // most tranches are dated
    condition_outlook_cache outlooks;
    bool summable = true;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (!check_entry(out, result.references, i, first_of[i], placed, outlooks)) summable = false;
    }
    // The round's total and post-money must fit the amount range: checked here so an overflow
    // is reported together with every other problem, naming the sum and its figures. (Each
    // commitment's total is summed again, check_entry() proved it fits: no vector of totals.)
    if (summable) {
        std::int64_t total = 0;
        std::size_t i = 0;
        while (i < entries_.size() && detail::add_fits(total, units_of(entries_[i]), total)) ++i;
        std::int64_t post = 0;
        if (i < entries_.size()) {
            report(out, problem::total_overflow, i, 0, total, &result.references);
        } else if (pre_money_ && pre_money_->currency() == currency_ && !detail::add_fits(pre_money_->units(), total, post)) {
            report(out, problem::post_money_overflow, 0, 0, total);
        }
    }
    if (!out.empty()) return result;
    // Undated entries go into the round as they are: exact, as the dated ones become in the
    // schedule's gather (the few undated ones were not reserved for).
    placed.undated.shrink_to_fit();

    funding_round r;
    r.name_ = name_;
    r.currency_ = currency_;
    r.close_date_ = *close_date_;
    r.valuation_ = shares_ ? valuation(*pre_money_, *shares_) : valuation(*pre_money_);
    r.prior_mark_ = prior_mark_;
    r.prior_mark_label_ = prior_mark_label_;
    r.prior_round_ = prior_round_;
    r.prior_round_label_ = prior_round_label_;
    r.by_name_ = std::move(by_name);

    // The commitments are shared by the round and its schedule. No overflow is possible below:
    // every amount is positive and the pre-check above proved that pre-money plus all commitments
    // fits, so every partial sum fits too (checked arithmetic would still throw rather than wrap).
    // Every amount is in the round's currency (checked above): the sums are kept in units, per
    // funding status, and made money once. Each tranche's status is read from its schedule entry:
    // every tranche has one, dated or undated, and both lists are in round order, so one pass
    // walks them side by side.
    std::vector<commitment> commitments;
    commitments.reserve(entries_.size());
    const std::int32_t close_day = close_date_->day_number();
    std::size_t next_dated = 0;
    std::size_t next_undated = 0;
    std::int64_t raised = 0;
    std::int64_t round_by_status[3] = {0, 0, 0};  // at close, scheduled, conditional (funding_status order)
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const entry& e = entries_[i];
        std::int64_t total = 0;
        std::int64_t by_status[3] = {0, 0, 0};
        for (std::size_t k = 0; k < e.tranches.size(); ++k) {
            const bool dated = next_dated < placed.dated.size() && placed.dated[next_dated].investor == i &&
                               placed.dated[next_dated].tranche == k;
            const detail::schedule_entry& placed_at = dated ? placed.dated[next_dated++] : placed.undated[next_undated++];
            const tranche& t = e.tranches[k];
            const std::int64_t amount = t.amount().units();
            const std::int64_t certain = t.has_fallback() ? t.fallback()->units() : 0;  // the fallback is certain
            total = detail::money_add(total, amount);
            std::int64_t& of_status = by_status[static_cast<int>(placed_at.status)];
            of_status = detail::money_add(of_status, amount - certain);  // 0 < fallback < amount
            // The certain fallback is paid on the settlement date (dated): at close when that is
            // the close date, scheduled after it.
            const bool settles_at_close = dated && placed_at.day == close_day;
            std::int64_t& of_fallback = by_status[settles_at_close ? 0 : 1];
            of_fallback = detail::money_add(of_fallback, certain);
        }
        raised = detail::money_add(raised, total);
        for (int s = 0; s < 3; ++s) round_by_status[s] = detail::money_add(round_by_status[s], by_status[s]);
        commitments.push_back(commitment{e.who, e.tranches, money::from_units(total, currency_),
                                         money::from_units(by_status[0], currency_), money::from_units(by_status[1], currency_),
                                         money::from_units(by_status[2], currency_)});
    }
    r.raised_ = money::from_units(raised, currency_);
    r.at_close_ = money::from_units(round_by_status[0], currency_);
    r.scheduled_ = money::from_units(round_by_status[1], currency_);
    r.conditional_ = money::from_units(round_by_status[2], currency_);
    r.post_money_ = r.valuation_.post_money(r.raised_);
    r.post_money_at_close_ = r.valuation_.post_money(r.at_close_);
    r.schedule_ = disbursement_schedule(detail::shared_commitments(std::move(commitments)), std::move(placed.dated),
                                        std::move(placed.undated), placed.keys, currency_);
    result.round.emplace(std::move(r));
    return result;
}

FUNDROUND_END_NAMESPACE

#endif  // FUNDROUND_DEAL_ROUND_BUILDER_HPP
