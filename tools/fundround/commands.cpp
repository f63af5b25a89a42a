// The commands of the `fundround` command-line tool (docs/command-line.md): each reads a deal
// file (fundround/json/deal_file.hpp) and prints the library's reports. Every problem goes to
// stderr, one a line, as "FILE: /json/pointer = value: rule" (problems in the deal file) or
// "fundround: --option = value: rule" (problems on the command line), and sets the exit code.
#include "commands.hpp"
#include "deal_commands.hpp"

#include <fundround/analysis/flows.hpp>
#include <fundround/analysis/odds.hpp>
#include <fundround/company/cap_table_round.hpp>
#include <fundround/instruments/round_chain.hpp>
#include <fundround/exit/waterfall.hpp>
#include <fundround/io/cap_table_report.hpp>
#include <fundround/io/conversion_report.hpp>
#include <fundround/io/csv.hpp>
#include <fundround/exit/outstanding_instruments.hpp>
#include <fundround/io/flows_report.hpp>
#include <fundround/io/outstanding_report.hpp>
#include <fundround/io/pricing_report.hpp>
#include <fundround/io/report.hpp>
#include <fundround/io/svg_chart.hpp>
#include <fundround/io/waterfall_chart.hpp>
#include <fundround/io/waterfall_report.hpp>
#include <fundround/json/deal_file.hpp>
#include <fundround/json/ocf.hpp>
#include <fundround/time/scenario.hpp>
#include <fundround/time/timeline.hpp>
#include <fundround/version.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

namespace fundround_cli {

namespace fr = fundround;

namespace {

/// Thrown once the problems are on stderr: unwinds to the command's entry with its exit code.
struct failure {
    int code;  ///< The exit code.
};

/// Writes one "fundround: ..." line per problem of the command line and fails with @p code.
[[noreturn]] void fail_options(const streams& io, const std::vector<fr::diagnostic>& problems,
                               int code = exit_usage) {
    for (const fr::diagnostic& d : problems) io.err << "fundround: " << d.message() << '\n';
    throw failure{code};
}

/// Writes "FILE: line" for each line and fails with @p code.
[[noreturn]] void fail_file(const streams& io, const std::string& file, const std::vector<std::string>& lines,
                            int code) {
    for (const std::string& l : lines) io.err << file << ": " << l << '\n';
    throw failure{code};
}

/// "\"a\", \"b\"" or "none".
std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
    return out.empty() ? std::string("none") : out;
}

/// The whole text of @p path ("-": standard input); fails with exit_io if it cannot be read.
std::string read_text(const std::string& path, const streams& io) {
    if (path == "-") {
        return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) fail_file(io, path, {"cannot be read: it is a directory"}, exit_io);
    std::ifstream in(path, std::ios::binary);
    if (!in) fail_file(io, path, {std::string("cannot be read: ") + std::strerror(errno)}, exit_io);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) fail_file(io, path, {std::string("cannot be read: ") + std::strerror(errno)}, exit_io);
    return text.str();
}

/// Writes @p text to @p path; fails with exit_io if it cannot be written.
void write_text(const std::string& path, const std::string& text, const streams& io) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) out << text;
    if (out) out.close();
    if (!out) fail_file(io, path, {std::string("cannot be written: ") + std::strerror(errno)}, exit_io);
}

/// Writes @p e's problems as "FILE: /pointer = value: rule" lines and fails with
/// exit_invalid_deal. With @p package_dir, the problems of an OCF package directory: each
/// pointer's first step is a file of the package, named instead as "DIR/FILE: /pointer ...".
[[noreturn]] void fail_json(const streams& io, const std::string& path, const fr::json_error& e,
                            bool package_dir = false) {
    if (!package_dir) {
        std::vector<std::string> lines;
        for (const fr::diagnostic& d : e.problems()) lines.push_back(fr::detail::json_problem_line(d));
        fail_file(io, path, lines, exit_invalid_deal);
    }
    const std::string dir = !path.empty() && path.back() == '/' ? path : path + "/";
    for (const fr::diagnostic& d : e.problems()) {
        const std::string pointer = d.field.json_pointer();
        const std::size_t second = pointer.find('/', 1);
        // The first step names the package's file, escaped as a JSON pointer's step ("sub~1x.json").
        std::string file;
        const std::string step = pointer.empty() ? std::string() : pointer.substr(1, second == std::string::npos ? std::string::npos : second - 1);
        for (std::size_t k = 0; k < step.size(); ++k) {
            const bool escape = step[k] == '~' && k + 1 < step.size() && (step[k + 1] == '0' || step[k + 1] == '1');
            file += escape ? (step[++k] == '1' ? '/' : '~') : step[k];
        }
        const std::string rest = second == std::string::npos ? std::string("(root)") : pointer.substr(second);
        io.err << fr::detail::visible_text(file.empty() ? path : dir + file) << ": " << fr::detail::visible_text(rest)
               << (d.value.empty() ? "" : " = " + d.value) << ": "
               << d.rule << '\n';
    }
    throw failure{exit_invalid_deal};
}

/// The deal of an imported OCF package (read from @p path): its cap table, SAFEs and notes, the
/// issuer as the company with its formation, and the package's as-of date. Says on io.err what
/// was read and what the import left out.
fr::deal_file deal_of_ocf(fr::ocf_import imported, const std::string& path, const streams& io) {
    io.err << "fundround: " << path << ": OCF package of " << imported.issuer_name
           << (imported.as_of ? " as of " + fr::to_string(*imported.as_of) : std::string()) << ", read as a deal file\n";
    for (const std::string& s : imported.left_out) io.err << "fundround: note: left out: " << s << '\n';
    if (!imported.issuances.empty()) {
        io.err << "fundround: note: left out: the package's " << imported.issuances.size()
               << " issuance(s) between priced rounds as events: their shares and warrants are the cap table's holdings and "
                  "warrants; their dates, consideration and exemptions are not kept (a deal file's \"issuances\" follow its "
                  "priced rounds, which a package does not state)\n";
    }
    fr::deal_file d;
    d.company = std::move(imported.issuer_name);
    d.as_of = imported.as_of;
    d.formation_date = imported.formation_date;
    d.country_of_formation = std::move(imported.country_of_formation);
    d.country_subdivision_of_formation = std::move(imported.country_subdivision_of_formation);
    d.cap_table_before = std::move(imported.table);
    d.safes = std::move(imported.safes);
    d.notes = std::move(imported.notes);
    d.valuations = std::move(imported.valuations);
    d.instrument_seniority = imported.instrument_seniority;
    return d;
}

/// The deal at @p path: a deal file, or an Open Cap Table Format package (a directory with its
/// Manifest.ocf.json, the manifest itself, or the merged single-file form), imported
/// (json/ocf.hpp), then @p ocf set; fails with exit_invalid_deal listing every problem at its
/// file and JSON pointer.
fr::deal_file load_deal(const std::string& path, const streams& io, bool* ocf = nullptr) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
        if (!fs::exists(fs::path(path) / "Manifest.ocf.json", ec)) {
            fail_file(io, path, {"cannot be read: it is a directory without an OCF manifest (Manifest.ocf.json)"}, exit_io);
        }
        try {
            if (ocf != nullptr) *ocf = true;
            return deal_of_ocf(fr::from_ocf(fr::read_ocf_directory(path)), path, io);
        } catch (const fr::json_error& e) {
            fail_json(io, path, e, true);
        }
    }
    const std::string text = read_text(path, io);
    fr::parsed_json parsed = fr::parse_json_text(text);
    const nlohmann::json& j = parsed.document;
    if (parsed.syntax_error.empty() && j.is_object()) {
        const auto type = j.find("file_type");
        if (type != j.end() && *type == "OCF_MANIFEST_FILE" && path == "-") {
            // Its files are named relative to a directory standard input does not have.
            fail_file(io, path,
                      {"is an OCF manifest (file_type \"OCF_MANIFEST_FILE\"), whose files are named relative to its "
                       "directory: give the manifest's path or its directory instead of standard input, or the "
                       "package merged into one file"},
                      exit_usage);
        }
        if (type != j.end() && *type == "OCF_MANIFEST_FILE") {
            // A package's manifest: the package is its directory.
            const std::string dir = fs::path(path).parent_path().empty() ? std::string(".") : fs::path(path).parent_path().string();
            try {
                if (ocf != nullptr) *ocf = true;
                return deal_of_ocf(fr::from_ocf(fr::read_ocf_directory(dir)), dir, io);
            } catch (const fr::json_error& e) {
                fail_json(io, dir, e, true);
            }
        }
        if (j.contains("Manifest.ocf.json")) {
            try {
                if (ocf != nullptr) *ocf = true;
                if (!parsed.repeated.empty()) throw fr::json_error("OCF package is invalid", parsed.repeated);
                return deal_of_ocf(fr::from_ocf_merged(std::move(parsed.document)), path, io);  // moved: any depth
            } catch (const fr::json_error& e) {
                fail_json(io, path, e);
            }
        }
    }
    try {
        return fr::parse_deal_file(text);
    } catch (const fr::json_error& e) {
        fail_json(io, path, e);
    }
}

/// Reads values given on the command line with the deal file's rules (dates, amounts,
/// fractions), collecting every problem under the option's name.
class option_reader {
public:
    /// A calendar date "2026-06-30" given as @p option.
    std::optional<fr::calendar_date> date(const std::string& option, const std::string& text) {
        return reader_.read_date(nlohmann::json(text), fr::field_path(option));
    }
    /// An amount given as @p option; without a currency it is in @p c.
    std::optional<fr::money> amount(const std::string& option, const std::string& text, fr::currency c) {
        reader_.set_default_currency(c);
        std::optional<fr::money> m = reader_.read_money(nlohmann::json(text), fr::field_path(option));
        if (m && m->currency() != c) {
            problem(option, text, fr::detail::table_currency_rule(c));
            return std::nullopt;
        }
        return m;
    }
    /// An exact fraction ("0.7", "7/10", "70%") given as @p option.
    std::optional<fr::fraction> fraction(const std::string& option, const std::string& text) {
        return reader_.read_fraction(nlohmann::json(text), fr::field_path(option));
    }
    /// The amount @p part (@p end: "the low end" or "the high end") of the range @p whole given as
    /// @p option: its problem names the whole value, as given.
    std::optional<fr::money> part_amount(const std::string& option, const std::string& whole, const std::string& part,
                                         const char* end, fr::currency c) {
        fr::json_reader r;
        r.set_default_currency(c);
        std::optional<fr::money> m = r.read_money(nlohmann::json(part), fr::field_path(option));
        for (const fr::diagnostic& p : r.problems()) problem(option, whole, std::string(end) + " " + p.value + " " + p.rule);
        if (m && m->currency() != c) {
            problem(option, whole, std::string(end) + " " + fr::detail::table_currency_rule(c));
            return std::nullopt;
        }
        return m;
    }
    /// The date @p part of @p whole, given as @p option: its problem names the whole value.
    std::optional<fr::calendar_date> part_date(const std::string& option, const std::string& whole,
                                               const std::string& part) {
        fr::json_reader r;
        std::optional<fr::calendar_date> d = r.read_date(nlohmann::json(part), fr::field_path(option));
        for (const fr::diagnostic& p : r.problems()) problem(option, whole, "the date " + p.value + " " + p.rule);
        return d;
    }
    /// The fraction @p part of @p whole, given as @p option: its problem names the whole value.
    std::optional<fr::fraction> part_fraction(const std::string& option, const std::string& whole,
                                              const std::string& part) {
        fr::json_reader r;
        std::optional<fr::fraction> f = r.read_fraction(nlohmann::json(part), fr::field_path(option));
        for (const fr::diagnostic& p : r.problems()) {
            problem(option, whole, "the probability " + p.value + " " + p.rule);
        }
        return f;
    }
    /// Records a problem with @p text given as @p option.
    void problem(const std::string& option, const std::string& text, const std::string& rule) {
        reader_.report(fr::field_path(option), "\"" + visible(text) + "\"", rule);
    }
    /// Records the problems the command line found (main.cpp's whole-number options).
    void add(const std::vector<option_problem>& found) {
        for (const option_problem& p : found) reader_.report(fr::field_path(p.option), p.value, p.rule);
    }
    /// Records that @p option is required, for @p why.
    void required(const std::string& option, const std::string& why) { reader_.report(fr::field_path(option), "", why); }
    /// Fails with exit_usage listing every problem, if there is any.
    void check(const streams& io) const {
        if (!reader_.ok()) fail_options(io, reader_.problems());
    }

private:
    fr::json_reader reader_;
};

/// The funding round called @p name; fails with exit_not_applicable naming the rounds there are.
const fr::funding_round& find_round(const fr::deal_file& deal, const std::string& name, const std::string& option,
                                    const std::string& file, const streams& io) {
    try {
        return deal.round(name);
    } catch (const fr::invalid_argument_error& e) {
        fail_file(io, file, {option + ": " + e.what()}, exit_not_applicable);
    }
}

/// The rounds a command looks at: the one called @p only, or every round (at least one).
std::vector<const fr::funding_round*> selected_rounds(const fr::deal_file& deal, const std::optional<std::string>& only,
                                                      const std::string& file, const streams& io) {
    std::vector<const fr::funding_round*> out;
    if (only) {
        out.push_back(&find_round(deal, *only, "--round", file, io));
        return out;
    }
    for (const fr::funding_round& r : deal.rounds) out.push_back(&r);
    if (out.empty()) {
        fail_file(io, file, {"has no funding rounds (\"rounds\" is empty or absent)"}, exit_not_applicable);
    }
    return out;
}

/// The scenario called @p name; fails with exit_not_applicable naming the scenarios there are.
const fr::scenario& find_scenario(const fr::deal_file& deal, const std::string& name, const std::string& file,
                                  const streams& io) {
    std::vector<std::string> names;
    for (const fr::scenario& s : deal.scenarios) {
        if (s.name() == name) return s;
        names.push_back(s.name());
    }
    fail_file(io, file,
              {"--scenario = \"" + name + "\": not in the deal file (its scenarios: " + quoted_list(names) + ")"},
              exit_not_applicable);
}

/// @p round replayed as things stand at close, or in @p whole without its outcomes for the
/// milestones of the file's other rounds (@p rounds); those of no round at all stay, and are this
/// round's problems; fails with exit_not_applicable listing the scenario's problems with this round.
fr::round_timeline timeline_of(const fr::funding_round& round, const fr::scenario* whole,
                               const std::vector<fr::funding_round>& rounds, const std::string& file, const streams& io) {
    if (!whole) return fr::round_timeline(round);
    // A deal file's scenario may settle milestones of its other rounds too: they leave this round
    // as it is (the reader checks that each is some round's; a deal built in code may not be).
    const std::vector<std::string> own = round.milestones();
    std::vector<std::string> anywhere;
    for (const fr::funding_round& r : rounds) {
        for (std::string& m : r.milestones()) anywhere.push_back(std::move(m));
    }
    std::sort(anywhere.begin(), anywhere.end());
    const auto in = [](const std::vector<std::string>& names, const std::string& m) {
        return std::binary_search(names.begin(), names.end(), m);
    };
    fr::scenario mine(whole->name());
    for (const fr::scenario::outcome& o : whole->outcomes()) {
        if (!in(own, o.milestone) && in(anywhere, o.milestone)) continue;
        if (o.kind == fr::scenario::outcome_kind::achieved) mine.achieve(o.milestone, *o.on);
        if (o.kind == fr::scenario::outcome_kind::failed) mine.fail(o.milestone, *o.on);
        if (o.kind == fr::scenario::outcome_kind::never) mine.never(o.milestone);
    }
    const fr::scenario* s = &mine;
    const std::vector<fr::diagnostic> problems = s->validate(round);
    if (!problems.empty()) {
        std::vector<std::string> lines;
        for (const fr::diagnostic& d : problems) {
            lines.push_back("--scenario \"" + s->name() + "\" on round \"" + round.name() + "\": " + d.message());
        }
        fail_file(io, file, lines, exit_not_applicable);
    }
    return s->apply_to(round).timeline();
}

/// "as things stand at close (no milestone settled)" or "in scenario \"name\"".
std::string world_text(const fr::scenario* s) {
    return s ? "in scenario \"" + s->name() + "\"" : std::string("with no milestone settled (as things stand at close)");
}

/// The cap table before the priced rounds; fails with exit_not_applicable if the file has none.
const fr::cap_table& table_before(const fr::deal_file& deal, const std::string& file, const streams& io) {
    if (!deal.cap_table_before) fail_file(io, file, {"has no cap table (\"cap_table\")"}, exit_not_applicable);
    return *deal.cap_table_before;
}

/// The priced rounds up to and including the one called @p after, applied to the cap table.
/// Fails with exit_not_applicable for an unknown name, exit_invalid_deal if a round does not apply.
fr::round_chain_result chain_until(const fr::deal_file& deal, const std::optional<std::string>& after,
                                   const std::string& file, const streams& io) {
    (void)table_before(deal, file, io);  // fails without a cap table
    std::size_t count = deal.priced_rounds.size();
    if (after) {
        std::vector<std::string> names;
        count = 0;
        for (const fr::cap_table_round& r : deal.priced_rounds) {
            names.push_back(r.terms().name());
            if (count == 0 && r.terms().name() == *after) count = names.size();
        }
        if (count == 0) {
            fail_file(io, file,
                      {"--after = \"" + *after + "\": not a priced round of the deal file (its priced rounds: " +
                       quoted_list(names) + ")"},
                      exit_not_applicable);
        }
    }
    try {
        return deal.chain(count).run();  // the rounds' SAFEs and notes converting ("converts")
    } catch (const fr::validation_error& e) {
        std::vector<std::string> lines;
        for (const fr::diagnostic& d : e.problems()) lines.push_back("priced " + d.message());
        fail_file(io, file, lines, exit_invalid_deal);
    }
}

/// The deal's SAFEs and notes still outstanding after @p chain (all of them without one): those
/// no priced round of it converted.
std::pair<std::vector<fr::safe>, std::vector<fr::convertible_note>> outstanding_instruments(const fr::deal_file& deal,
                                                                                         const fr::round_chain_result* chain) {
    if (!chain) return {deal.safes, deal.notes};
    const fr::deal_instruments left = deal.outstanding_after(*chain);
    std::pair<std::vector<fr::safe>, std::vector<fr::convertible_note>> out;
    for (const std::size_t k : left.safes) out.first.push_back(deal.safes[k]);
    for (const std::size_t k : left.notes) out.second.push_back(deal.notes[k]);
    return out;
}


/// Writes what @p held holds to @p out and empties it.
void write_held(std::ostringstream& held, std::ostream& out) {
    out << held.str();
    held.str(std::string());
}

/// The streams for the rest of a command's result once nothing can fail any more (every figure
/// computed): the output held back so far is written out, and the rest goes straight to
/// standard output, so that a large result (the waterfall of 10^4 holders at 1,001 exits: 169 MB
/// of text) is not held in memory. Outside guarded(), @p io itself.
streams released(const streams& io) {
    if (io.held == nullptr || io.release_to == nullptr) return io;
    write_held(*io.held, *io.release_to);
    return streams{*io.release_to, io.err, io.err_is_terminal};
}

/// Runs @p body on @p io with standard output held back until it succeeds (a command that fails
/// prints nothing there: its result is whole or absent), turning a failure into its exit code,
/// a computation that overflows or cannot round as the file asks into exit_not_computable, and
/// another library error the tool did not foresee into exit_not_applicable, with its message
/// after "FILE: " (@p file, the deal file). The body may call released() once every figure is
/// computed: from then on its output goes straight out and must not fail.
template <class Body>
int guarded(const streams& io, const std::string& file, Body&& body) {
    std::ostringstream held;
    const streams buffered{held, io.err, io.err_is_terminal, &held, &io.out};
    try {
        body(buffered);
        write_held(held, io.out);
        return exit_ok;
    } catch (const failure& f) {
        return f.code;
    } catch (const fr::overflow_error& e) {
        io.err << file << ": cannot be computed: " << fr::detail::reason_of(e) << '\n';
        return exit_not_computable;
    } catch (const fr::inexact_error& e) {
        io.err << file << ": cannot be computed as the file rounds it: " << fr::detail::reason_of(e) << '\n';
        return exit_not_computable;
    } catch (const fr::validation_error& e) {
        for (const fr::diagnostic& d : e.problems()) io.err << "fundround: " << d.message() << '\n';
        return exit_not_applicable;
    } catch (const fr::error& e) {
        io.err << "fundround: " << fr::detail::reason_of(e) << '\n';
        return exit_not_applicable;
    }
}

/// A money amount as the library's reports print it: compact where that is exact.
std::string amount_text(fr::money m, bool full) { return fr::detail::compact_if_exact(m, full); }

// --- CSV and OCF: the wiring points -----------------------------------------------------------

/// The columns of the payments table (print_schedule's last table; the CSV of `schedule --csv`):
/// one model for both, the CSV adding the round, the tranche's label and part, and the currency.
fr::detail::report_table payments_table(fr::calendar_date as_of, fr::detail::table_target target) {
    fr::detail::report_table table(target);
    table.csv_column("round")
        .column("Date", false, "date")
        .column("Investor", false, "investor")
        .column("Tranche", false, "tranche")
        .csv_column("label")
        .csv_column("part")
        .column("Amount", true, "amount")
        .column("Cumulative", true, "cumulative")
        .csv_column("currency")
        .column("On " + fr::to_string(as_of), false, "status_on_" + fr::to_string(as_of))
        .end_header();
    return table;
}

/// Adds the payments of @p t (round @p r) to @p table: in date order, the cumulative amount
/// running within the round, "paid" on or before @p as_of, else "due later".
void add_payments(fr::detail::report_table& table, const fr::funding_round& r, const fr::round_timeline& t,
                  fr::calendar_date as_of, bool full) {
    fr::money cumulative = fr::money::zero(r.currency());
    for (const fr::payment& p : t.payments()) {
        cumulative += p.amount;
        const fr::tranche& tr = r.commitments()[p.investor_index].tranches[p.tranche_index];
        const std::string number = std::to_string(p.tranche_index + 1);
        std::string shown = number;
        if (!tr.label().empty()) shown += " (" + tr.label() + ")";
        if (p.part == fr::tranche_part::fallback) shown += ", fallback";
        table.text(r.name())
            .text(fr::to_string(p.date))
            .text(p.investor)
            .cell(shown, number)
            .text(tr.label())
            .text(p.part == fr::tranche_part::fallback ? "fallback" : "amount")
            .amount(p.amount, full)
            .amount(cumulative, full)
            .text(fr::to_string(r.currency()))
            .text(p.date <= as_of ? "paid" : "due later");
    }
}

/// Writes the payments of @p rounds (each replayed as @p timelines, in the same order), with
/// their status on @p as_of, as one CSV table on io.out (io/csv.hpp's writer: RFC 4180, CRLF).
void write_schedule_csv(const std::vector<const fr::funding_round*>& rounds,
                        const std::vector<fr::round_timeline>& timelines, fr::calendar_date as_of,
                        const streams& io) {
    fr::detail::report_table table = payments_table(as_of, fr::detail::table_target::csv);
    for (std::size_t i = 0; i < rounds.size(); ++i) add_payments(table, *rounds[i], timelines[i], as_of, false);
    fr::detail::write_csv_table(io.out, table, fr::csv_options{});
}

/// The deal's cap table as Open Cap Table Format files: the table after the last priced round
/// (or after rq.after's), with the deal's SAFEs and notes. Says on io.err what it left out: what
/// OCF cannot say of the table and instruments, and the deal file's members OCF has no place for
/// (they stay in the deal file).
fr::ocf_export deal_as_ocf(const fr::deal_file& deal, const convert_request& rq, const streams& io) {
    option_reader read;
    std::optional<fr::calendar_date> as_of;
    if (rq.as_of) as_of = read.date("--as-of", *rq.as_of);
    read.check(io);
    const fr::cap_table* table = &table_before(deal, rq.file, io);
    std::optional<fr::round_chain_result> chain;
    std::string which = "the cap table";
    if (!deal.priced_rounds.empty()) {
        chain = chain_until(deal, rq.after, rq.file, io);
        which = "the cap table after " + chain->rounds().back().pricing().name();
        if (rq.after) {
            // Just after the round --after names, as `captable --after` shows it: the file's last
            // round too (its chain goes on with the issuances after it, which are not exported).
            table = &chain->rounds().back().after();
        } else {
            // The whole file: the issuances after the last round come with it (deal_file::chain()).
            table = &chain->final_table();
            std::string trailing;
            for (const fr::issuance_on_cap_table& n : chain->issuances()) {
                if (n.rounds_before() == chain->rounds().size()) trailing += (trailing.empty() ? "" : ", ") + n.issuance().name();
            }
            if (!trailing.empty()) which += " and the issuances after it (" + trailing + ")";
        }
    } else if (rq.after) {
        fail_file(io, rq.file, {"has no priced rounds (\"priced_rounds\"): --after \"" + *rq.after + "\" does not apply"},
                  exit_not_applicable);
    }
    fr::ocf_options options;
    options.issuer_name = deal.company;
    options.formation_date = deal.formation_date;
    options.country_of_formation = deal.country_of_formation;
    options.country_subdivision_of_formation = deal.country_subdivision_of_formation;
    options.instrument_seniority = deal.instrument_seniority;
    // The issuances on the exported table (with --after, those before its round), each its own
    // transaction, in the chain's order (by the rounds before them, then the file's). A deal
    // file states no date for them: the package dates them the as-of date and says so.
    std::vector<const fr::deal_issuance*> exported;
    for (const fr::deal_issuance& n : deal.issuances) {
        if (chain && (!rq.after || n.rounds_before < chain->rounds().size())) exported.push_back(&n);
    }
    std::stable_sort(exported.begin(), exported.end(),
                     [](const fr::deal_issuance* a, const fr::deal_issuance* b) { return a->rounds_before < b->rounds_before; });
    for (const fr::deal_issuance* n : exported) {
        const fr::share_issuance& s = n->issue.issuance();
        options.issuances.push_back(fr::ocf_issuance{s.name(), n->issue.to(), n->issue.share_class(), s.shares(),
                                                     s.consideration_units(), s.exemption(), n->issue.exercise_price(),
                                                     std::nullopt});
    }
    const auto [safes, notes] = outstanding_instruments(deal, chain ? &*chain : nullptr);
    // The package's date: --as-of, else the latest of the deal file's as-of date, the closes of
    // its funding rounds, those of the priced rounds up to the exported table that convert SAFEs
    // or notes (the others have no date), and the dates of the SAFEs and notes outstanding on
    // it; with no date at all, the library's default (1970-01-01, said in its left-out list).
    options.as_of = as_of ? as_of : deal.as_of;
    bool chosen = false;  // a date the file does not state as its as-of date
    const auto later = [&](fr::calendar_date d) {
        if (as_of || (options.as_of && !(*options.as_of < d))) return;
        options.as_of = d;
        chosen = true;
    };
    for (const fr::funding_round& r : deal.rounds) later(r.close_date());
    for (std::size_t i = 0; chain && i < chain->rounds().size(); ++i) {
        if (const fr::converted_round* c = chain->conversion(i)) later(c->close_date());
    }
    for (const fr::safe& s : safes) later(s.date);
    for (const fr::convertible_note& n : notes) later(n.issue_date);
    // The valuations of the exported table's classes (a series of a later round is not on it).
    std::vector<fr::share_valuation> valuations;
    std::vector<std::size_t> valuation_at;  // their positions in the deal file
    for (std::size_t k = 0; k < deal.valuations.size(); ++k) {
        if (table->class_index(deal.valuations[k].share_class)) {
            valuations.push_back(deal.valuations[k]);
            valuation_at.push_back(k);
        }
    }
    fr::ocf_export out;
    try {
        out = fr::to_ocf(*table, safes, notes, valuations, options);
    } catch (const fr::validation_error& e) {
        // What OCF cannot write (a date before the year 0000): the export cannot be done. Each
        // problem at the deal file's member that holds the value (--as-of for the option).
        fr::deal_instruments left;
        if (chain) left = deal.outstanding_after(*chain);
        const auto position = [&](const std::string& list, std::size_t i) {
            if (list == "safes") return chain ? left.safes.at(i) : i;
            if (list == "notes") return chain ? left.notes.at(i) : i;
            return valuation_at.at(i);
        };
        std::vector<std::string> lines;
        for (const fr::diagnostic& d : e.problems()) {
            const std::vector<fr::path_segment> steps = d.field.segments();
            fr::field_path at;
            if (!steps.empty() && steps[0].name == "ocf_options") {
                const std::string member = steps.size() > 1 ? steps[1].name : std::string();
                if (member == "as_of" && rq.as_of) {
                    lines.push_back("--as-of = " + d.value + ": " + d.rule);
                    continue;
                }
                at = member == "as_of" && deal.as_of && options.as_of == deal.as_of ? fr::field_path("as_of")
                     : member == "formation_date"                                    ? fr::field_path("formation").member("date")
                                                                                     : d.field;
            } else if (steps.size() > 1 && steps[1].kind == fr::path_step::index) {
                at = fr::field_path(steps[0].name).index(position(steps[0].name, steps[1].index));
                for (std::size_t k = 2; k < steps.size(); ++k) at = at.member(steps[k].name);
            } else {
                at = d.field;
            }
            lines.push_back(fr::detail::json_problem_line({at, d.value, d.rule}));
        }
        fail_file(io, rq.file, lines, exit_not_applicable);
    }
    if (chosen) {
        out.left_out.insert(out.left_out.begin(),
                            "No as-of date was given (--as-of): the package is dated " + fr::to_string(*options.as_of) +
                                ", the latest of the deal file's dates: its as_of, its rounds' closes and the dates of the SAFEs "
                                "and notes outstanding (OCF requires one).");
    }
    io.err << "fundround: OCF " << fr::ocf_version << " package of " << which << '\n';
    for (const std::string& s : out.left_out) io.err << "fundround: note: left out: " << s << '\n';
    if (valuations.size() < deal.valuations.size()) {
        io.err << "fundround: note: left out: the deal file's " << deal.valuations.size() - valuations.size()
               << " valuation(s) of classes not on " << which << " (of a later round's series)\n";
    }
    const auto kept = [&](std::size_t n, const char* what) {
        if (n > 0) {
            io.err << "fundround: note: left out: the deal file's " << n << ' ' << what
                   << " (OCF has no place for them; they stay in the deal file)\n";
        }
    };
    kept(deal.rounds.size(), "funding round(s) with their tranches and conditions");
    kept(deal.scenarios.size(), "scenario(s)");
    kept(deal.counter_commitments.size(), "counter-commitment(s)");
    kept(deal.charter.protections.size(), "anti-dilution protection(s), whose adjusted conversion prices the package's classes carry");
    kept(deal.charter.exemptions.size(), "anti-dilution exemption(s) the charter names");
    return out;
}

// --- report -----------------------------------------------------------------------------------

/// `report`: on @p given, or on the deal file rq.file when it is null (so for every command below).
void report(const fr::deal_file* given, const report_request& rq, const streams& io) {
    std::optional<fr::deal_file> loaded;
    const fr::deal_file& deal = given ? *given : loaded.emplace(load_deal(rq.file, io));
    const fr::scenario* world = rq.scenario ? &find_scenario(deal, *rq.scenario, rq.file, io) : nullptr;
    if (deal.rounds.empty() && deal.priced_rounds.empty()) {
        fail_file(io, rq.file,
                  {"has no funding rounds to report (\"rounds\" is empty or absent); `fundround captable` "
                   "prints its cap table"},
                  exit_not_applicable);
    }
    std::ostream& os = io.out;
    if (!deal.company.empty()) os << "Company: " << deal.company << "\n\n";
    fr::report_options options;
    options.full_amounts = rq.full_amounts;
    bool first = true;
    for (const fr::funding_round& r : deal.rounds) {
        if (!first) os << '\n';
        first = false;
        fr::print_summary(os, r, options);
    }
    if (!deal.priced_rounds.empty()) {
        const fr::round_chain_result chain = chain_until(deal, std::nullopt, rq.file, io);
        if (!first) os << '\n';
        first = false;
        os << "Priced rounds on the cap table\n";
        // The chain's tables, then round by round: its pay-to-play conversions, the SAFEs and notes
        // it converts (as `captable --after` prints them), and with the file's "anti_dilution" its adjustments (the conversion
        // prices before and after, the as-converted shares each protected series gains), as
        // print_round_chain() prints them after the tables.
        fr::print_round_chain_tables(os, chain);
        // Each issue of shares between rounds ("issuances") in its place among them, as
        // print_round_chain() prints it: the issue, and with the charter its adjustments.
        std::size_t next_issuance = 0;
        const auto issuances_before = [&](std::size_t round) {
            for (; next_issuance < chain.issuances().size() && chain.issuances()[next_issuance].rounds_before() <= round; ++next_issuance) {
                os << '\n';
                chain.print_issuance(os, next_issuance);
            }
        };
        for (std::size_t i = 0; i < chain.rounds().size(); ++i) {
            issuances_before(i);
            // A pay-to-play converts its preferred immediately before the round, so before the
            // SAFEs and notes the round converts.
            if (chain.pay_to_play(i) != nullptr) {
                os << '\n';
                chain.print_pay_to_play(os, i);
            }
            if (const fr::converted_round* c = chain.conversion(i)) {
                os << '\n';
                fr::print_conversions(os, *c);
            }
            if (chain.adjustment(i) != nullptr) {
                os << '\n';
                chain.print_adjustment(os, i);
            }
        }
        issuances_before(chain.rounds().size());
    }
    // Net flows: each counterparty's commitments against the equity it pays in every round.
    std::vector<std::string> counterparties;
    for (const fr::counter_commitment& c : deal.counter_commitments) {
        if (std::find(counterparties.begin(), counterparties.end(), c.counterparty()) == counterparties.end()) {
            counterparties.push_back(c.counterparty());
        }
    }
    if (counterparties.empty()) {
        if (world) {
            io.err << "fundround: note: --scenario \"" << world->name()
                   << "\" changes only the net flows with counter-commitments, and " << rq.file
                   << " has none: the report is the same in every scenario\n";
        }
        return;
    }
    std::vector<fr::round_timeline> timelines;
    for (const fr::funding_round& r : deal.rounds) timelines.push_back(timeline_of(r, world, deal.rounds, rq.file, io));
    fr::net_flows_format format;
    format.full_amounts = rq.full_amounts;
    os << "\nNet flows with the counter-commitments, the equity paid " << world_text(world) << '\n';
    for (const std::string& who : counterparties) {
        std::vector<fr::cash_flow> in;
        for (std::size_t i = 0; i < deal.rounds.size(); ++i) {
            const std::vector<std::string>& investors = timelines[i].investors();
            if (std::find(investors.begin(), investors.end(), who) == investors.end()) continue;
            std::vector<fr::cash_flow> paid = fr::equity_flows(timelines[i], who);
            in.insert(in.end(), paid.begin(), paid.end());
        }
        std::vector<fr::counter_commitment> out;
        for (const fr::counter_commitment& c : deal.counter_commitments) {
            if (c.counterparty() == who) out.push_back(c);
        }
        const fr::net_flows flows(who, std::move(in), std::move(out));
        os << '\n';
        fr::print_net_flows(os, flows, format);
    }
}

// --- schedule ---------------------------------------------------------------------------------

/// Prints where @p t stands on @p as_of: the totals, by investor, and every payment.
void print_schedule(std::ostream& os, const fr::funding_round& r, const fr::round_timeline& t,
                    fr::calendar_date as_of, const fr::scenario* world, bool full) {
    const fr::round_position all = t.as_of(as_of);
    const std::string date = fr::to_string(as_of);
    os << r.name() << " (" << fr::to_string(r.currency()) << ") on " << date << ", " << world_text(world) << '\n';
    fr::detail::text_table head({"", "", ""}, {false, true, false});
    head.add({"Funded", amount_text(all.funded, full), "paid on or before " + date});
    head.add({"Committed", amount_text(all.committed, full), "certain, not yet paid"});
    head.add({"Conditional", amount_text(all.conditional, full), "waiting on a milestone"});
    head.add({"Lapsed", amount_text(all.lapsed, full), "its condition lapsed"});
    head.add({"Total", amount_text(all.total(), full), "committed in the round"});
    head.add({"Post-money", amount_text(all.post_money, full),
              "pre-money " + amount_text(t.pre_money(), full) + " + funded " + amount_text(all.funded, full)});
    head.print(os, "  ");

    os << "\nBy investor on " << date << '\n';
    fr::detail::text_table inv({"Investor", "Funded", "Committed", "Conditional", "Lapsed", "Total", "Owns"},
                               {false, true, true, true, true, true, true});
    for (const std::string& name : t.investors()) {
        const fr::round_position p = t.as_of(name, as_of);
        inv.add({name, amount_text(p.funded, full), amount_text(p.committed, full), amount_text(p.conditional, full),
                 amount_text(p.lapsed, full), amount_text(p.total(), full),
                 t.ownership(name, as_of).to_percent_string(4)});
    }
    inv.add({"Total", amount_text(all.funded, full), amount_text(all.committed, full),
             amount_text(all.conditional, full), amount_text(all.lapsed, full), amount_text(all.total(), full),
             t.new_investors_ownership(as_of).to_percent_string(4)});
    inv.print(os, "  ");

    os << "\nPayments " << world_text(world) << '\n';
    const std::vector<fr::payment>& payments = t.payments();
    if (payments.empty()) {
        os << "  none\n";
        return;
    }
    fr::detail::report_table pay = payments_table(as_of, fr::detail::table_target::text);
    add_payments(pay, r, t, as_of, full);
    pay.print(os, "  ");
}

/// `schedule`: the --as-of date checked first, then each selected round replayed and printed.
void schedule(const fr::deal_file* given, const schedule_request& rq, const streams& io) {
    option_reader options;
    const std::optional<fr::calendar_date> as_of = options.date("--as-of", rq.as_of);
    options.check(io);
    std::optional<fr::deal_file> loaded;
    const fr::deal_file& deal = given ? *given : loaded.emplace(load_deal(rq.file, io));
    const fr::scenario* world = rq.scenario ? &find_scenario(deal, *rq.scenario, rq.file, io) : nullptr;
    const std::vector<const fr::funding_round*> rounds = selected_rounds(deal, rq.round, rq.file, io);
    std::vector<fr::round_timeline> timelines;
    for (const fr::funding_round* r : rounds) timelines.push_back(timeline_of(*r, world, deal.rounds, rq.file, io));
    if (rq.csv) {
        write_schedule_csv(rounds, timelines, *as_of, io);
        return;
    }
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        if (i > 0) io.out << '\n';
        print_schedule(io.out, *rounds[i], timelines[i], *as_of, world, rq.full_amounts);
    }
}

// --- captable ---------------------------------------------------------------------------------

/// `captable`: the cap table before the priced rounds, or the round --after names and the table after it.
void captable(const fr::deal_file* given, const captable_request& rq, const streams& io) {
    std::optional<fr::deal_file> loaded;
    const fr::deal_file& deal = given ? *given : loaded.emplace(load_deal(rq.file, io));
    if (!rq.after) {
        const fr::cap_table& table = table_before(deal, rq.file, io);
        if (rq.csv) {
            fr::write_cap_table_csv(io.out, table);
            return;
        }
        io.out << (deal.priced_rounds.empty() ? "Cap table" : "Cap table before the priced rounds");
        io.out << (deal.company.empty() ? std::string() : " of " + deal.company) << '\n';
        fr::print_cap_table(io.out, table);
        if (!deal.valuations.empty()) {
            io.out << '\n';
            fr::print_share_valuations(io.out, deal.valuations);
        }
        return;
    }
    const fr::round_chain_result chain = chain_until(deal, rq.after, rq.file, io);
    const fr::round_on_cap_table& last = chain.rounds().back();
    if (rq.csv) {
        fr::write_cap_table_csv(io.out, last.after());
        return;
    }
    if (const auto& converted = chain.conversion(chain.rounds().size() - 1)) {
        fr::print_converted_round(io.out, *converted);  // its SAFEs and notes converting, then its new money
    } else {
        fr::print_round_on_cap_table(io.out, last);
    }
    // The preferred its pay-to-play converts into common (why a holder of the series holds common
    // after it), as `report` prints it: after the round's pricing, before its adjustments.
    if (chain.pay_to_play(chain.rounds().size() - 1) != nullptr) {
        io.out << '\n';
        chain.print_pay_to_play(io.out, chain.rounds().size() - 1);
    }
    if (const fr::anti_dilution_adjustment* a = chain.adjustment(chain.rounds().size() - 1)) {
        io.out << '\n' << *a;  // the protected series' conversion prices, before and after the round
    }
    io.out << "\nCap table after " << *rq.after << (deal.company.empty() ? std::string() : " of " + deal.company)
           << '\n';
    fr::print_cap_table(io.out, last.after());
    if (!deal.valuations.empty()) {
        io.out << '\n';
        fr::print_share_valuations(io.out, deal.valuations);
    }
    if (deal.safes.empty() && deal.notes.empty()) return;
    const auto [safes, notes] = outstanding_instruments(deal, &chain);
    io.out << "\nSAFEs and notes outstanding after " << *rq.after << ": " << safes.size() << " of " << deal.safes.size()
           << " SAFE(s), " << notes.size() << " of " << deal.notes.size() << " note(s)\n";
    fr::detail::text_table list({"", "", "", ""}, {false, false, true, false});  // no header: one instrument a row
    for (const fr::safe& s : safes) {
        list.add({last.after().find_holder(s.holder).name(), s.description(), amount_text(s.purchase_amount, false),
                  "dated " + fr::to_string(s.date)});
    }
    for (const fr::convertible_note& n : notes) {
        list.add({last.after().find_holder(n.holder).name(), n.description(), amount_text(n.principal, false),
                  "issued " + fr::to_string(n.issue_date)});
    }
    list.print(io.out, "  ");
}

// --- waterfall --------------------------------------------------------------------------------

/// The items of the --exit arguments @p args: each split at its commas, except a comma between a
/// digit and a group of exactly three digits (then not followed by another digit), which is a
/// thousands separator as parse_money reads it: "2M,3.75M" is two items, "1,500,000 USD" and
/// "0..1,250M" one each.
std::vector<std::string> exit_items(const std::vector<std::string>& args) {
    const auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    std::vector<std::string> items;
    for (const std::string& arg : args) {
        std::string item;
        for (std::size_t i = 0; i < arg.size(); ++i) {
            const bool grouping = arg[i] == ',' && i > 0 && digit(arg[i - 1]) && i + 3 < arg.size() &&
                                  digit(arg[i + 1]) && digit(arg[i + 2]) && digit(arg[i + 3]) &&
                                  (i + 4 == arg.size() || !digit(arg[i + 4]));
            if (arg[i] == ',' && !grouping) {
                items.push_back(item);
                item.clear();
            } else {
                item += arg[i];
            }
        }
        items.push_back(item);
    }
    return items;
}

/// The exit values of @p rq, in increasing order without repeats: each amount, each range split
/// in equal steps of whole mills (a range that does not split so is a problem, never rounded);
/// problems recorded in @p options (not checked here: the caller reports them with the others).
std::vector<fr::money> exit_values(const waterfall_request& rq, fr::currency c, option_reader& options) {
    // --steps with a problem of its own (main.cpp) is not used to split a range.
    const bool steps_bad = !rq.option_problems.empty();
    const int steps = rq.steps.value_or(4);
    bool any_range = false;
    std::vector<fr::money> out;
    for (const std::string& item : exit_items(rq.exits)) {
        const std::size_t dots = item.find("..");
        if (dots == std::string::npos) {
            if (const auto m = options.amount("--exit", item, c)) {
                if (m->is_negative()) {
                    options.problem("--exit", item, "must not be negative");
                } else {
                    out.push_back(*m);
                }
            }
            continue;
        }
        any_range = true;
        const auto low = options.part_amount("--exit", item, item.substr(0, dots), "the low end", c);
        const auto high = options.part_amount("--exit", item, item.substr(dots + 2), "the high end", c);
        if (!low || !high) continue;
        if (low->is_negative() || !(*low < *high)) {
            options.problem("--exit", item, "a range LOW..HIGH needs 0 <= LOW < HIGH");
            continue;
        }
        const fr::money::rep span = high->units() - low->units();
        if (steps_bad) continue;
        if (span % steps != 0) {
            options.problem("--exit", item,
                            "does not split into " + std::to_string(steps) +
                                " equal steps of whole mills (thousandths of a " + std::string(c.code()) +
                                "): choose another --steps");
            continue;
        }
        const fr::money::rep step = span / steps;
        for (int k = 0; k <= steps; ++k) out.push_back(fr::money::from_units(low->units() + step * k, c));
    }
    if (rq.steps && !any_range) {
        options.problem("--steps", std::to_string(*rq.steps), "applies to a range LOW..HIGH in --exit; there is none");
    }
    // Columns in increasing order, each exit value once.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Fails with exit_not_computable if the interest of a note of @p deal (positions @p notes)
/// accrued to @p on cannot be computed as the file states it: it overflows the amount range, or
/// its interest_rounding "exact" meets interest that is not a whole number of mills. Each such
/// note is named by its JSON pointer in @p file (@p pointers; an OCF package's by its position
/// and holder) with the field to change.
void check_note_interest(const fr::deal_file& deal, const std::vector<std::size_t>& notes, fr::calendar_date on,
                         const std::string& file, bool pointers, const streams& io) {
    std::vector<std::string> lines;
    for (const std::size_t k : notes) {
        const fr::convertible_note& n = deal.notes[k];
        const auto field = [&](const char* member) {
            return pointers ? "/notes/" + std::to_string(k) + "/" + member
                            : "notes[" + std::to_string(k) + "] (\"" + n.holder.str() + "\")." + member;
        };
        const fr::calendar_date end = n.accrual_end(on);  // dates checked when the file was read
        const std::string span = "accrued from " + fr::to_string(n.issue_date) +
                                 (end == on ? " to the exit date " + fr::to_string(on)
                                            : " to the maturity date " + fr::to_string(end) + " (interest_accrues = \"to_maturity\")");
        try {
            (void)n.conversion_amount(on);
        } catch (const fr::inexact_error&) {
            fr::convertible_note rounded = n;
            rounded.interest_rounding = fr::rounding::half_even;
            std::string about;
            try {
                about = " (about " + fr::format_full(rounded.accrued_interest(on)) + ")";
            } catch (const fr::overflow_error&) {
                about = " (and beyond the amount range)";
            }
            lines.push_back(field("interest_rounding") + " = \"exact\": the interest " + span + " is not a whole number of mills" +
                            about + ": state the rounding the note's agreement uses");
        } catch (const fr::overflow_error&) {
            bool interest_fits = true;
            try {
                (void)n.accrued_interest(on);
            } catch (const fr::overflow_error&) {
                interest_fits = false;
            }
            if (interest_fits) {
                lines.push_back(field("principal") + " = " + fr::format_full(n.principal) + ": with the interest " + span +
                                " it is beyond the amount range (64-bit thousandths of a unit)");
            } else {
                lines.push_back(field("annual_rate") + " = " + n.annual_rate.to_string() + ": the interest " + span +
                                " on the principal " + fr::format_full(n.principal) +
                                " is beyond the amount range (64-bit thousandths of a unit)");
            }
        }
    }
    if (!lines.empty()) fail_file(io, file, lines, exit_not_computable);
}

/// Writes the payout chart of @p w (a waterfall or an outstanding_waterfall; by class, up to the
/// highest of @p exits) to @p path.
template <class Waterfall>
void write_payout_svg(const Waterfall& w, const std::vector<fr::money>& exits, const std::string& path,
                      const streams& io) {
    fr::money top = exits.front();
    for (const fr::money m : exits) top = std::max(top, m);
    if (!top.is_positive()) {
        fail_options(io, {{fr::field_path("--svg"), "\"" + path + "\"", "the chart needs an exit value above zero in --exit"}});
    }
    write_text(path, fr::to_svg(fr::payout_chart(w, top)), io);
}

/// `waterfall`: the payouts at the exit values on the chosen cap table, the breakpoints, the chart.
void waterfall(const fr::deal_file* given, const waterfall_request& rq, const streams& io) {
    std::optional<fr::deal_file> loaded;
    bool ocf = false;
    const fr::deal_file& deal = given ? *given : loaded.emplace(load_deal(rq.file, io, &ocf));
    const fr::cap_table* table = &table_before(deal, rq.file, io);
    std::optional<fr::round_chain_result> chain;
    if (rq.after) {
        // Just after the round --after names, as `captable --after` shows it: the file's last
        // round too (its chain goes on with the issuances after it).
        chain = chain_until(deal, rq.after, rq.file, io);
        table = &chain->rounds().back().after();
    }
    // Every option's problems at once, once the file reads (the exit values are in its table's
    // currency; what the exit date is needed for depends on the table and its notes).
    option_reader options;
    options.add(rq.option_problems);
    std::optional<fr::calendar_date> exit_date;
    if (rq.exit_date) exit_date = options.date("--exit-date", *rq.exit_date);
    const std::vector<fr::money> exits = exit_values(rq, table->currency(), options);
    fr::waterfall_terms terms;
    terms.exit_date = exit_date;
    if (rq.exercise) {
        if (*rq.exercise == fr::to_string(fr::option_exercise::paid_in)) {
            terms.exercise = fr::option_exercise::paid_in;
        } else if (*rq.exercise != fr::to_string(fr::option_exercise::net)) {
            options.problem("--exercise", *rq.exercise, "must be \"net\" or \"paid_in\"");
        }
    }
    // The SAFEs and notes outstanding on the chosen table (none of the chain's rounds converted
    // them) are paid too.
    const auto [safes, notes] = outstanding_instruments(deal, chain ? &*chain : nullptr);
    // The table the header names: after --after's round, before the file's priced rounds, or
    // (a file without any) the file's cap table itself, as captable's header says.
    const std::string on_table = "On the cap table" +
                                 (rq.after                       ? " after " + *rq.after
                                  : deal.priced_rounds.empty() ? std::string()
                                                               : std::string(" before the priced rounds")) +
                                 (deal.company.empty() ? std::string() : " of " + deal.company);
    // What the exit date is needed for, checked here with the option's name (the library names
    // its own field, exit_date or the accrual date).
    const bool pointers = given == nullptr && !ocf;
    if (!rq.exit_date || exit_date) {  // a date that does not read is reported already
        std::vector<fr::diagnostic> dividends;
        fr::detail::add_exit_date_problems(dividends, *table, exit_date);
        for (const fr::diagnostic& d : dividends) {
            if (rq.exit_date) {
                options.problem("--exit-date", *rq.exit_date, d.rule);
            } else {
                options.required("--exit-date", d.rule);
            }
        }
    }
    if (!notes.empty() && !rq.exit_date) {
        options.required("--exit-date", "is required: the deal file's " + std::to_string(notes.size()) +
                                            " outstanding note(s) accrue interest to the exit");
    }
    // The positions in the deal file of the notes outstanding on the chosen table.
    std::vector<std::size_t> note_positions(deal.notes.size());
    for (std::size_t k = 0; k < note_positions.size(); ++k) note_positions[k] = k;
    if (chain) note_positions = deal.outstanding_after(*chain).notes;
    if (exit_date) {
        for (const std::size_t k : note_positions) {
            if (*exit_date < deal.notes[k].issue_date) {
                options.problem("--exit-date", *rq.exit_date,
                                "is before the issue date " + fr::to_string(deal.notes[k].issue_date) + " of the note " +
                                    (pointers ? "/notes/" + std::to_string(k)
                                              : "notes[" + std::to_string(k) + "] (\"" + deal.notes[k].holder.str() + "\")"));
            }
        }
    }
    if (rq.svg && !exits.empty() && !std::any_of(exits.begin(), exits.end(), [](fr::money m) { return m.is_positive(); })) {
        options.problem("--svg", *rq.svg, "the chart needs an exit value above zero in --exit");
    }
    options.check(io);
    if (safes.empty() && notes.empty()) {
        const fr::waterfall w = fr::waterfall::build(*table, terms);
        if (rq.svg) write_payout_svg(w, exits, *rq.svg, io);
        if (rq.csv) {
            fr::write_waterfall_csv(io.out, w, exits);
            return;
        }
        // Every payout computed first; the report (many holders at many exits: hundreds of MB of
        // text) then goes straight to standard output.
        const fr::waterfall_payouts payouts = w.payouts_at(exits);
        const streams out = released(io);
        out.out << on_table << '\n';
        fr::print_waterfall(out.out, w, exits, payouts);
        out.out << '\n';
        fr::print_breakpoints(out.out, w);
        return;
    }
    if (exit_date) check_note_interest(deal, note_positions, *exit_date, rq.file, pointers, io);
    // The ranks the file states for the SAFEs and notes ("instrument_seniority"); the others default.
    fr::outstanding_instrument_terms ranks;
    ranks.safe_seniority = deal.instrument_seniority.post_money_safes;
    ranks.pre_money_safe_seniority = deal.instrument_seniority.pre_money_safes;
    ranks.note_seniority = deal.instrument_seniority.notes;
    // A default rank past 32 bits (one above a rank stated at 2147483647) is a rank the file must
    // state: reported at its member of "instrument_seniority".
    try {
        (void)fr::outstanding_instruments(*table, safes, notes, terms.exit_date, ranks);
    } catch (const fr::validation_error& e) {
        std::vector<std::string> unstated;
        for (const fr::diagnostic& d : e.problems()) {
            const std::string f = d.field.to_string();
            const char* member = f == "terms.pre_money_safe_seniority" ? "pre_money_safes"
                                 : f == "terms.note_seniority"         ? "notes"
                                                                       : nullptr;
            if (member == nullptr) throw;
            unstated.push_back((pointers ? "/instrument_seniority/" : "instrument_seniority.") + std::string(member) + ": " +
                               d.rule);
        }
        fail_file(io, rq.file, unstated, exit_not_applicable);
    }
    const fr::outstanding_waterfall ow = fr::outstanding_waterfall::build(*table, safes, notes, ranks, terms);
    // Every stage has the same lines and holders: the first one's describe them all.
    const fr::waterfall& lines = ow.stages().front().payouts;
    // One exit at a time, every holder's payout kept compact (not 32 bytes a holder an exit).
    const fr::waterfall_payouts payouts = ow.payouts_at(exits);
    if (rq.svg) write_payout_svg(ow, exits, *rq.svg, io);
    if (rq.csv) {
        const fr::csv_options csv;
        fr::detail::write_csv_table(
            io.out,
            fr::detail::waterfall_lines_table(lines, exits, payouts.without_holders(), fr::detail::table_target::csv, csv.decimals),
            csv);
        return;
    }
    const std::vector<fr::waterfall_breakpoint> breakpoints = ow.breakpoints();
    // A pre-money SAFE short at an exit value: its unpaid amount and the common it converts into
    // (computed, like every figure, before anything is written).
    std::ostringstream short_safes;
    if (fr::print_outstanding_remainders(short_safes, ow, exits, payouts)) short_safes << '\n';
    // The instruments' table (a few lines) may still fail (a stage's L beyond the 128-bit
    // fraction): written before anything goes out.
    std::ostringstream instruments;
    fr::print_outstanding_instruments(instruments, ow);
    const streams out = released(io);  // every figure computed: the report goes straight out
    out.out << on_table << ", with the SAFEs and notes outstanding\n";
    out.out << instruments.str() << '\n';
    fr::print_waterfall(out.out, lines, exits, payouts);
    out.out << '\n';
    out.out << short_safes.str();
    fr::print_breakpoints(out.out, breakpoints, lines.currency());
}

// --- odds -------------------------------------------------------------------------------------

/// Shows progress on a terminal's stderr while a long computation runs: nothing for the first
/// second, then, redrawn every 200 ms and erased at the end, a bar of the samples drawn
/// ("NAME [#######.............]  35% 3.2 s"; at 100% "drawn, summing" while the figures are
/// summed) once the library reports them (update()), or the elapsed time alone before that (an
/// exact enumeration reports nothing).
class progress_line {
public:
    progress_line(const streams& io, std::string what) : io_(io), what_(std::move(what)) {
        if (io_.err_is_terminal) thread_ = std::thread([this] { run(); });
    }
    ~progress_line() { stop(); }
    progress_line(const progress_line&) = delete;
    progress_line& operator=(const progress_line&) = delete;
    /// Records that @p drawn of @p total samples are drawn (from any thread).
    void update(std::uint64_t drawn, std::uint64_t total) {
        drawn_.store(drawn);
        total_.store(total);
    }
    /// Stops and erases the line.
    void stop() {
        if (!thread_.joinable()) return;
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        thread_.join();
        if (shown_) io_.err << "\r\033[K" << std::flush;
    }

private:
    void run() {
        const auto start = std::chrono::steady_clock::now();
        std::unique_lock<std::mutex> lock(mutex_);
        if (wake_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) return;
        do {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
            const long long tenths = static_cast<long long>(ms.count() / 100);
            io_.err << "\r" << what_ << ' ' << bar() << tenths / 10 << '.' << tenths % 10 << " s\033[K" << std::flush;
            shown_ = true;
        } while (!wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_; }));
    }

    /// "[#####...............]  25% " for the samples drawn so far, or "... " before any.
    std::string bar() const {
        const std::uint64_t total = total_.load();
        if (total == 0) return "... ";
        const std::uint64_t drawn = std::min(drawn_.load(), total);
        constexpr std::uint64_t width = 30;
        const auto filled = static_cast<std::size_t>(drawn * width / total);
        const std::uint64_t percent = drawn * 100 / total;
        std::string out = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
        out += std::string(percent < 10 ? 2 : percent < 100 ? 1 : 0, ' ') + std::to_string(percent) + "% ";
        if (drawn == total) out += "drawn, summing ";
        return out;
    }

    const streams& io_;
    std::string what_;
    std::atomic<std::uint64_t> drawn_{0};
    std::atomic<std::uint64_t> total_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    bool shown_ = false;
    std::thread thread_;
};

/// One --p: the milestone, its probability and the day it is achieved on if it is.
struct chance_option {
    std::string text;                           ///< As given.
    std::string milestone;                      ///< The milestone's name.
    fr::fraction probability;                   ///< Exact.
    std::optional<fr::calendar_date> achieved;  ///< Empty: the round's close.
};

/// Every --p read, each problem with it recorded; fails with exit_usage if there is any.
std::vector<chance_option> parse_chances(const std::vector<std::string>& given,
                                        const std::vector<option_problem>& found, const streams& io) {
    option_reader options;
    options.add(found);
    std::vector<chance_option> out;
    for (const std::string& text : given) {
        const std::size_t eq = text.rfind('=');
        if (eq == std::string::npos || eq == 0) {
            options.problem("--p", text, "must be NAME=P (P as 0.7, 70% or 7/10), or NAME=P@DATE");
            continue;
        }
        chance_option c{text, text.substr(0, eq), fr::fraction(0), std::nullopt};
        std::string p = text.substr(eq + 1);
        const std::size_t at = p.find('@');
        bool ok = true;
        if (at != std::string::npos) {
            c.achieved = options.part_date("--p", text, p.substr(at + 1));
            ok = c.achieved.has_value();
            p = p.substr(0, at);
        }
        const auto probability = options.part_fraction("--p", text, p);
        if (!probability) continue;
        if (probability->sign() < 0 || *probability > fr::fraction(1)) {
            options.problem("--p", text, "the probability must be between 0 and 1");
            continue;
        }
        c.probability = *probability;
        for (const chance_option& earlier : out) {
            if (earlier.milestone == c.milestone) {
                options.problem("--p", text, "gives milestone \"" + c.milestone + "\" a second probability");
                ok = false;
            }
        }
        if (ok) out.push_back(std::move(c));
    }
    options.check(io);
    return out;
}

/// An expected amount (an exact rational of currency units) as money: exact when it is a whole
/// number of mills, else rounded half-even with "~" in front.
std::string expected_amount_text(const fr::round_odds& o, const std::string& investor) {
    try {
        return amount_text(o.expected_amount(investor, fr::rounding::exact), false);
    } catch (const fr::inexact_error&) {
        return "~" + amount_text(o.expected_amount(investor, fr::rounding::half_even), false);
    }
}

/// @p v as "n/d (p%)", or its enclosure "[lo, hi]" when the percentage is not certain.
std::string odds_value_text(const fr::odds_value& v) {
    try {
        return v.to_string() + " (" + v.to_percent_string(4) + ")";
    } catch (const fr::inexact_error&) {
        return v.to_string();
    }
}

/// Prints @p o, the odds @p odds applied to @p r: the milestones, the expectations, the
/// distribution of the amount raised and each investor's expectations.
void print_odds(std::ostream& os, const fr::funding_round& r, const fr::milestone_odds& odds, const fr::round_odds& o) {
    os << r.name() << " (" << fr::to_string(r.currency()) << "): " << o.milestone_count() << " milestone"
       << (o.milestone_count() == 1 ? "" : "s") << ", " << o.uncertain_milestone_count() << " uncertain; ";
    if (o.method() == fr::odds_method::exact) {
        os << "exact over " << o.outcome_count() << " outcome" << (o.outcome_count() == 1 ? "" : "s") << '\n';
    } else {
        os << "Monte Carlo over " << o.outcome_count() << " samples, seed " << o.seed().value_or(0) << '\n';
    }
    if (odds.empty()) os << "  No milestone: every tranche is certain.\n";
    fr::detail::text_table m({"Milestone", "Probability", "Achieved on, if it is"}, {false, false, false});
    for (const auto& [name, chance] : odds.chances()) {
        m.add({name, chance.probability.to_string() + " (" + chance.probability.to_percent_string(4) + ")",
               chance.achieved_on ? fr::to_string(*chance.achieved_on)
                                  : fr::to_string(r.close_date()) + " (the close)"});
    }
    if (!odds.empty()) m.print(os, "  ");
    const auto money_of = [](const fr::round_odds& x, bool post) {
        try {
            return amount_text(post ? x.expected_post_money(fr::rounding::exact) : x.expected_raised(fr::rounding::exact),
                               false);
        } catch (const fr::inexact_error&) {
            return "~" + amount_text(post ? x.expected_post_money(fr::rounding::half_even)
                                          : x.expected_raised(fr::rounding::half_even),
                                     false) +
                   " (exactly " + (post ? x.expected_post_money() : x.expected_raised()).to_string() + " " +
                   std::string(x.currency().code()) + ", rounded half-even to the mill)";
        }
    };
    os << "\n  Expected raise       " << money_of(o, false) << " of " << amount_text(r.raised(), false)
       << " committed\n";
    os << "  Expected post-money  " << money_of(o, true) << '\n';
    if (const auto se = o.standard_error(fr::rounding::half_even)) {
        os << "  Standard error of the expected raise  " << amount_text(*se, false) << '\n';
    }
    os << "  New investors own    " << odds_value_text(o.expected_new_investors_ownership())
       << " (probability-weighted)\n";

    os << "\nAmount raised\n";
    fr::detail::text_table d({"Raised", "Post-money", "Probability"}, {true, true, false});
    for (const fr::raised_outcome& x : o.distribution()) {
        d.add({amount_text(x.raised, false), amount_text(x.post_money, false), odds_value_text(x.probability)});
    }
    d.print(os, "  ");

    os << "\nBy investor\n";
    fr::detail::text_table inv({"Investor", "Committed", "Expected amount", "Expected ownership"},
                               {false, true, true, false});
    for (const fr::commitment& c : r.commitments()) {
        const std::string& name = c.investor.name();
        inv.add({name, amount_text(c.total, false), expected_amount_text(o, name),
                 odds_value_text(o.investor(name).expected_ownership)});
    }
    inv.print(os, "  ");
}

/// `odds`: each selected round with the --p of the milestones its conditions use.
void odds(const fr::deal_file* given, const odds_request& rq, const streams& io) {
    const std::vector<chance_option> chances = parse_chances(rq.chances, rq.option_problems, io);
    std::optional<fr::deal_file> loaded;
    const fr::deal_file& deal = given ? *given : loaded.emplace(load_deal(rq.file, io));
    const std::vector<const fr::funding_round*> rounds = selected_rounds(deal, rq.round, rq.file, io);
    // Each round gets the probabilities of the milestones its conditions use; a milestone no
    // round uses is a typo.
    std::vector<std::vector<std::string>> used;
    std::vector<std::string> all_used;
    for (const fr::funding_round* r : rounds) {
        used.push_back(fr::detail::round_milestones(*r));
        all_used.insert(all_used.end(), used.back().begin(), used.back().end());
    }
    std::vector<std::string> lines;
    for (const chance_option& c : chances) {
        if (std::find(all_used.begin(), all_used.end(), c.milestone) == all_used.end()) {
            lines.push_back("--p = \"" + c.text + "\": no condition of " +
                            (rq.round ? "round \"" + *rq.round + "\"" : std::string("the deal file")) +
                            " waits on milestone \"" + c.milestone + "\" (its milestones: " + quoted_list(all_used) +
                            ")");
        }
    }
    std::vector<fr::milestone_odds> per_round;
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        fr::milestone_odds o;
        for (const chance_option& c : chances) {
            if (std::find(used[i].begin(), used[i].end(), c.milestone) != used[i].end()) {
                o.set(c.milestone, c.probability, c.achieved);
            }
        }
        std::vector<fr::field_path> missing;  // odds["m"] of each milestone without a probability
        for (const std::string& m : used[i]) {
            if (!o.contains(m)) {
                lines.push_back("round \"" + rounds[i]->name() + "\" waits on milestone \"" + m +
                                "\": give its probability with --p \"" + m + "=P\"");
                missing.push_back(fr::field_path("odds").key(m));
            }
        }
        for (const fr::diagnostic& d : o.validate(*rounds[i])) {
            // A milestone without a probability was reported above, with the option to add: its
            // problem is the one at odds["m"] of a milestone the odds do not contain.
            if (std::find(missing.begin(), missing.end(), d.field) == missing.end()) {
                lines.push_back("round \"" + rounds[i]->name() + "\": " + d.message());
            }
        }
        per_round.push_back(std::move(o));
    }
    if (!lines.empty()) fail_file(io, rq.file, lines, exit_not_applicable);

    const fr::monte_carlo_options mc{rq.samples, rq.seed};
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        std::optional<fr::round_odds> result;
        {
            std::size_t uncertain = 0;
            for (const auto& [name, chance] : per_round[i].chances()) {
                if (chance.probability.sign() > 0 && chance.probability < fr::fraction(1)) ++uncertain;
            }
            const bool sampled = rq.monte_carlo || uncertain > fr::max_exact_milestones;
            progress_line progress(io, "odds: " + rounds[i]->name() + ": " +
                                           (sampled ? "Monte Carlo, " + std::to_string(rq.samples) + " samples"
                                                    : "exact, 2^" + std::to_string(uncertain) + " outcomes"));
            const fr::monte_carlo_progress report = [&progress](std::uint64_t drawn, std::uint64_t total) {
                progress.update(drawn, total);
            };
            result = rq.monte_carlo ? fr::simulate_odds(*rounds[i], per_round[i], mc, report)
                                    : fr::evaluate_odds(*rounds[i], per_round[i], mc, report);
        }
        if (i > 0) io.out << '\n';
        print_odds(io.out, *rounds[i], per_round[i], *result);
    }
}

// --- convert ----------------------------------------------------------------------------------

/// `convert`: the deal file as write_deal_file() writes it, or as OCF.
void convert(const fr::deal_file* given, const convert_request& rq, const streams& io) {
    std::optional<fr::deal_file> loaded;
    const fr::deal_file& deal = given ? *given : loaded.emplace(load_deal(rq.file, io));
    if (rq.to == "ocf") {
        const fr::ocf_export ocf = deal_as_ocf(deal, rq, io);
        if (!rq.output) {
            io.out << fr::ocf_file_text(ocf.package.merged());
            return;
        }
        try {
            fr::write_ocf_directory(ocf.package, *rq.output);
        } catch (const fr::invalid_argument_error& e) {
            fail_file(io, *rq.output, {e.what()}, exit_io);
        }
        return;
    }
    std::vector<fr::diagnostic> misplaced;
    if (rq.after) misplaced.push_back({fr::field_path("--after"), "\"" + *rq.after + "\"", "applies to --to ocf only"});
    if (rq.as_of) misplaced.push_back({fr::field_path("--as-of"), "\"" + *rq.as_of + "\"", "applies to --to ocf only"});
    if (!misplaced.empty()) fail_options(io, misplaced);
    const std::string text = fr::write_deal_file(deal);
    if (rq.output) {
        write_text(*rq.output, text, io);
    } else {
        io.out << text;
    }
}

}  // namespace

int run_report(const report_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { report(nullptr, request, s); });
}
int run_report(const fr::deal_file& deal, const report_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { report(&deal, request, s); });
}
int run_schedule(const schedule_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { schedule(nullptr, request, s); });
}
int run_schedule(const fr::deal_file& deal, const schedule_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { schedule(&deal, request, s); });
}
int run_captable(const captable_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { captable(nullptr, request, s); });
}
int run_captable(const fr::deal_file& deal, const captable_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { captable(&deal, request, s); });
}
int run_waterfall(const waterfall_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { waterfall(nullptr, request, s); });
}
int run_waterfall(const fr::deal_file& deal, const waterfall_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { waterfall(&deal, request, s); });
}
int run_odds(const odds_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { odds(nullptr, request, s); });
}
int run_odds(const fr::deal_file& deal, const odds_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { odds(&deal, request, s); });
}
int run_convert(const convert_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { convert(nullptr, request, s); });
}
int run_convert(const fr::deal_file& deal, const convert_request& request, const streams& io) {
    return guarded(io, request.file, [&](const streams& s) { convert(&deal, request, s); });
}

std::string library_version() {
    return std::to_string(FUNDROUND_VERSION_MAJOR) + "." + std::to_string(FUNDROUND_VERSION_MINOR) + "." +
           std::to_string(FUNDROUND_VERSION_PATCH);
}

std::string visible(const std::string& text) { return fr::detail::visible_utf8_text(text); }

}  // namespace fundround_cli
