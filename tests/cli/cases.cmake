# The runs of the end-to-end tests: fundround_cli_test(<name> <exit code> [PRODUCES ...] ARGS ...)
# (see CMakeLists.txt). Deal files: data/reference_round.json (the reference round,
# shared/REFERENCE.md), data/small_company.json (a cap table and a Series A with a conditional
# tranche), data/certain_round.json (a EUR seed without conditions), data/cap_table_only.json
# (no rounds), data/invalid.json (several problems), data/not_json.json (not JSON).

# Help and version (exit 0).
fundround_cli_test(help 0 ARGS --help)
fundround_cli_test(help_waterfall 0 ARGS waterfall --help)
fundround_cli_test(help_odds 0 ARGS odds --help)
fundround_cli_test(version 0 ARGS --version)

# Every command on the deal files (exit 0).
fundround_cli_test(report_reference 0 ARGS report reference_round.json)
fundround_cli_test(report_small_full 0 ARGS report small_company.json --full)
fundround_cli_test(schedule_reference 0 ARGS schedule reference_round.json --as-of 2026-06-30)
fundround_cli_test(schedule_small 0 ARGS schedule small_company.json --as-of 2026-12-31 --round "Series A")
fundround_cli_test(schedule_small_lapsed 0 ARGS schedule small_company.json --as-of 2027-07-01)
fundround_cli_test(captable_small 0 ARGS captable small_company.json)
# A scenario of a two-round file settles a milestone of the Seed only: each round takes the
# outcomes of its own milestones (the Series A stays as at close), whole or with --round.
fundround_cli_test(schedule_two_rounds_scenario 0 ARGS schedule two_rounds.json --as-of 2027-12-31 --scenario launched)
fundround_cli_test(schedule_two_rounds_scenario_other_round 0
                   ARGS schedule two_rounds.json --as-of 2027-12-31 --scenario launched --round "Series A")
# report --scenario on a file without counter-commitments: the same report, and a note saying so.
fundround_cli_test(report_scenario_no_counter_commitments 0 ARGS report two_rounds.json --scenario launched)
# The example deal files (examples/*.json): the reference round with its counter-commitment and
# scenarios, and the Series A/B/C company with its priced rounds.
fundround_cli_test(report_example_met 0 ARGS report ../../../examples/reference_round.json --scenario "conditions met (A5)")
fundround_cli_test(schedule_example_met 0
                   ARGS schedule ../../../examples/reference_round.json --as-of 2026-12-31 --scenario "conditions met (A5)")
fundround_cli_test(captable_series_abc_after_b 0 ARGS captable ../../../examples/series_abc.json --after "Series B")
fundround_cli_test(waterfall_series_abc 0
                   ARGS waterfall ../../../examples/series_abc.json --after "Series C" --exit 30M,50M,100M,250M,600M
                        --exit-date 2027-06-30)
# A course problem's preference stack (tests/test_waterfall.cpp, "Conversion order"): Series A
# with a 2x preference and B, C, D at 1x, non-participating, pari passu, over 10M founder shares;
# the same payouts and conversion points ($40M, $55M, $76M) as the library's test.
fundround_cli_test(waterfall_conversion_order 0 ARGS waterfall conversion_order.json --exit 30M,38M,50M,62M,95M)
# Startup Company Lawyer's liquidation preference spreadsheet (tests/test_waterfall.cpp): options
# at seven exercise prices, warrants on Series A and B, three 1x non-participating series pari
# passu; at $25M Series A, B and the warrants convert, Series C keeps $1,500,000 (the published
# figures), and Series C converts above $27,733,400, where a share is worth its $1.50.
fundround_cli_test(waterfall_liquidation_spreadsheet 0
                   ARGS waterfall liquidation_spreadsheet.json --exit 6.5M,25M,27733400,30M)
# The same at $25M with --exercise paid_in: the same net payouts, and each holder's exercise prices
# paid in, the spreadsheet's "aggregate exercise price" column (Alpha $104,500, CFO $23,250, ...).
fundround_cli_test(waterfall_liquidation_spreadsheet_paid_in 0
                   ARGS waterfall liquidation_spreadsheet.json --exit 25M --exercise paid_in)
# A textbook down round (Metrick & Yasuda's EBV and Talltree, tests/test_anti_dilution.cpp) with
# the founders' 3M written as 2M common and a 1M pool, the broad base "full" so that A counts the
# pool as the book does: CP2 $3.0000, EBV 2,000,000 shares, 2/11 after the Series B.
fundround_cli_test(captable_textbook_down_round 0 ARGS captable textbook_down_round.json --after "Series B")
# Smartup Academy's waterfall (tests/test_waterfall.cpp): a $10M Series A 1x non-participating
# and a $5M Series B 1x participating, pari passu, over 9,000,000 common (Series B : common =
# 1 : 9, the reading under which the published figures hold): at $50M the Series A keeps $10M,
# the Series B takes $5M + $3.5M, common $31.5M; at $15M the preferences take everything.
fundround_cli_test(waterfall_smartup 0 ARGS waterfall smartup_waterfall.json --exit 12M,15M,50M)
# MGLS's down round (tests/test_anti_dilution.cpp): 1,000,000 common, 1,000,000 Series A at $1.00,
# 1,000,000 Series B at $0.50 under a broad-based weighted average kept exact: CP2 $5/6, ratio
# 1.2 (the published figure), the Series A 1,200,000 as converted after the round.
fundround_cli_test(captable_mglick_down_round 0 ARGS captable mglick_down_round.json --after "Series B")
# Priced rounds converting the file's SAFEs and notes (examples/seed_safes_to_series_a.json): the
# round with its conversions, the table after it and what is still outstanding; converted
# instruments are not paid again by the waterfall after the round (it pays what is still
# outstanding) and not in the OCF package after it.
fundround_cli_test(captable_seed_safes 0 ARGS captable ../../../examples/seed_safes_to_series_a.json)  # with its 409A valuations
fundround_cli_test(captable_seed_safes_after_a 0 ARGS captable ../../../examples/seed_safes_to_series_a.json --after "Series A")
fundround_cli_test(captable_seed_safes_after_b 0 ARGS captable ../../../examples/seed_safes_to_series_a.json --after "Series B")
# Two SAFEs with the same terms (data/identical_safes.json: /safes/4 a second $1M 20%-discount
# SAFE of the later angel, dated the same day): the first converts in the Series B, the second in
# a Series C at $10.00, 125,000 shares (regression: "converted already in /priced_rounds/1", exit 1).
fundround_cli_test(captable_identical_safes_after_c 0 ARGS captable identical_safes.json --after "Series C")
# Anti-dilution (examples/down_rounds.json, "anti_dilution"): each down round's adjustments, the
# conversion prices before and after and the as-converted shares added, then the adjusted table;
# the report prints every round's after the chain.
fundround_cli_test(captable_down_rounds_after_c 0 ARGS captable ../../../examples/down_rounds.json --after "Series C")
fundround_cli_test(captable_down_rounds_after_d 0 ARGS captable ../../../examples/down_rounds.json --after "Series D")
fundround_cli_test(report_down_rounds 0 ARGS report ../../../examples/down_rounds.json)
# Issues of shares between the priced rounds (examples/issuances_between_rounds.json, "issuances";
# Gust's example, tests/test_round_chain.cpp): the lessor's exempted warrant and the strategic's
# 2,000,000 common at $0.50 after the Series A, each in its place, the sale adjusting Series A to
# $0.8582 and the Series B to $0.8513 (8,486,685 fully diluted), with no extra flag; the OCF
# export of the table after them, each issuance its own transaction (the sale a TX_STOCK_ISSUANCE
# at $0.5, the warrant a TX_WARRANT_ISSUANCE bought for $10,000 with its exemption in a comment),
# dated the as-of date and marked so (a deal file states no date for them).
fundround_cli_test(report_issuances 0 ARGS report ../../../examples/issuances_between_rounds.json)
fundround_cli_test(convert_issuances_to_ocf 0
                   ARGS convert ../../../examples/issuances_between_rounds.json --to ocf --as-of 2026-06-30)
# The same deal with Series A waiving its adjustment for the strategic sale ("waived_in" names the
# issuance, data/issuance_waived.json; tests/test_json_deal_issuances.cpp): the sale's adjustment
# lists Series A waived at $1.0000, and the Series B adjusts it from there to $0.9752 (8,113,576
# fully diluted). A waiver naming a round and an issuance that share the name "Series B", and one
# that differs in case from an issuance's name: each at its pointer (exit 1).
fundround_cli_test(report_issuance_waived 0 ARGS report issuance_waived.json)
fundround_cli_test(invalid_issuance_waiver 1 ARGS report issuance_waiver_ambiguous.json)
# Read back: the table after the Series B exactly (the strategic's 2,000,000 Common, the lessor's
# warrant), and a note that the issuances' dates, consideration and exemptions are not kept.
fundround_cli_test(convert_issuances_ocf_back 0
                   ARGS convert ../expected/convert_issuances_to_ocf.out --to json)
# A protection of the conversion series a round's SAFEs make (data/conversion_series_anti_dilution.json,
# docs/how-to-down-round.md section 3): "Series A Preferred-1" and "-2", protected from the Series B on.
fundround_cli_test(captable_conversion_series_after_b 0 ARGS captable conversion_series_anti_dilution.json --after "Series B")
# The report prints, after the chain's tables, round by round the SAFEs and notes each round converts
# (as captable --after prints them) and its adjustments: the Series A's conversions, then the Series B's.
fundround_cli_test(report_conversion_series 0 ARGS report conversion_series_anti_dilution.json)
# A pay-to-play (data/pay_to_play.json: examples/down_rounds.json with Series A's holders to buy
# half their Pro Rata Amount of the $1M Series C at $0.50, proportionate): captable --after prints
# its conversions after the round's pricing, before its adjustments, as the report does. Fund A's
# Pro Rata Amount is $1M x 2,500,000 / 2,500,000 = $1,000,000; it must buy $500,000 and buys
# $250,000, so 2,500,000 x $250,000 / $500,000 = 1,250,000 Series A become 1,250,000 Common
# (ratio 1): 2,750,000 Common after, Fund A 1,250,000 + 1,406,232 (its 1,250,000 Series A at
# 10000/8889, floor) + 500,000 Series C = 3,156,232 of 9,556,184 (regression: the lines were missing).
fundround_cli_test(captable_pay_to_play_after_c 0 ARGS captable pay_to_play.json --after "Series C")
# The SAFEs and notes still outstanding after a round, one a row in aligned columns
# (data/safes_outstanding.json: the Series A converts one SAFE of three; two SAFEs and a note remain).
fundround_cli_test(captable_outstanding_after_a 0 ARGS captable safes_outstanding.json --after "Series A")
fundround_cli_test(waterfall_seed_safes_after_a 0
                   ARGS waterfall ../../../examples/seed_safes_to_series_a.json --after "Series A" --exit 30M,100M)
fundround_cli_test(convert_seed_safes_to_ocf_after_a 0
                   ARGS convert ../../../examples/seed_safes_to_series_a.json --to ocf --after "Series A")
# After the last round every SAFE and note has converted: the package is dated by the rounds'
# closes (Series B's, 2026-10-31), not 1970-01-01.
fundround_cli_test(convert_seed_safes_to_ocf_after_b 0
                   ARGS convert ../../../examples/seed_safes_to_series_a.json --to ocf --after "Series B")
# The report: the chain, then each round's conversions (Series A: three SAFEs and the note; Series B: a SAFE).
fundround_cli_test(report_seed_safes 0 ARGS report ../../../examples/seed_safes_to_series_a.json)
# --csv: RFC 4180 (CRLF), exact amounts, one table (io/csv.hpp).
fundround_cli_test(schedule_reference_csv 0 ARGS schedule reference_round.json --as-of 2026-06-30 --csv)
fundround_cli_test(captable_small_csv 0 ARGS captable small_company.json --csv)
fundround_cli_test(waterfall_small_csv 0 ARGS waterfall small_company.json --exit 0..20M --csv)
fundround_cli_test(waterfall_small_range 0 PRODUCES payout.svg waterfall_small_range.svg
                   ARGS waterfall small_company.json --exit 0..20M --svg @OUT@/payout.svg)
# An exit of the largest money, 2^63 - 1 mills: the chart's axes end past it ($10,000T), their
# ticks labelled from the exact values (it exited 5, "cannot be computed", before 2026-12-06).
fundround_cli_test(waterfall_svg_money_limit 0 PRODUCES payout.svg waterfall_svg_money_limit.svg
                   ARGS waterfall small_company.json --exit 9223372036854775.807 --svg @OUT@/payout.svg)
# SAFEs and notes outstanding before the priced rounds are paid too (exit/outstanding_instruments.hpp):
# two post-money SAFEs (the payouts in two stages: the second joining L raises the first's
# shares) and a note repaid twice its principal (interest to --exit-date); the Series A/B/C
# example's SAFE and note on its starting cap table.
fundround_cli_test(waterfall_safes_stages 0
                   ARGS waterfall safes_and_notes.json --exit 6M,8.5M,9M,9.5M,13M --exit-date 2026-01-01)
fundround_cli_test(waterfall_safes_svg 0 PRODUCES payout.svg waterfall_safes_svg.svg
                   ARGS waterfall safes_and_notes.json --exit 0..20M --exit-date 2026-01-01 --svg @OUT@/payout.svg)
fundround_cli_test(waterfall_safes_csv 0 ARGS waterfall safes_and_notes.json --exit 6M,13M --exit-date 2026-01-01 --csv)
# Pre-money SAFEs (data/pre_money_safes.json, docs/how-to-waterfall.md section 5; the form's
# section 1(b)): their cash-out one rank above the Seed Preferred and the post-money SAFE. At $700K
# they share it pro rata, $420,000 / $280,000 (70%), and the capped one's unpaid $180,000 converts
# into 180,000 x 9,000,000 / 7,000,000 = 1620000/7 shares, 231,428 floored, worth $0.00 there; the
# uncapped one's $120,000 has no share count. At $1M they are paid exactly in full (none short), at
# $1.5M the Seed and the post-money SAFE share the other $500,000, at $20M the capped ones convert.
# (regression: they were paid on par with the Seed, 35% of each claim at $700K, no remainder shown)
fundround_cli_test(waterfall_pre_money_safes 0 ARGS waterfall pre_money_safes.json --exit 700K,1M,1.5M,20M)
# The ranks a deal file states for its SAFEs and notes ("instrument_seniority", figures by hand):
# 8M common, 1,000,000 Seed Preferred at $1.00 with seniority 1, a note of $500,000 at 8% simple
# from 2025-01-01 (actual/365: $40,000 to the exit on 2026-01-01, cash-out $540,000) ranked 1,
# pari passu with the Seed, and a post-money SAFE of $300,000 (cap $10M) ranked 0, below it. At
# $1M the Seed and the note share it 1,000,000 : 540,000: $649,350.649 and $350,649.351 (the
# defaults would pay the note $540,000 first, then the Seed and the SAFE $460,000 as 10 : 3:
# $353,846.154 and $106,153.846); at $1.8M both are paid and the SAFE takes the other $260,000;
# at $3M the common shares $1,160,000 ($0.1450 a share). The Seed converts at 540,000 + 300,000 +
# 9,000,000 x $1 = $9,840,000; the SAFE's 278,350 shares (3% of L = 9,000,000 / 0.97, floored)
# at 540,000 + 9,278,350 x 300,000 / 278,350 = $10,540,017.963.
fundround_cli_test(waterfall_instrument_seniority 0
                   ARGS waterfall instrument_seniority.json --exit 1M,1.8M,3M --exit-date 2026-01-01)
# The post-money SAFEs stated at the top rank (2147483647, which the reader admits) with a
# pre-money SAFE and a note whose ranks are left out: their defaults, one rank above, are past 32
# bits; both are reported at their members, to be stated (regression: the rank overflowed int,
# undefined behaviour, and the waterfall refused "convertibles[2] "SAFE: Pre".seniority =
# -2147483648: must not be negative", a field the file does not have).
fundround_cli_test(waterfall_instrument_seniority_top 4
                   ARGS waterfall instrument_seniority_top.json --exit 1M --exit-date 2026-01-01)
# Every problem of "instrument_seniority" at once: an unknown member, a negative rank, one not
# whole, one a string.
fundround_cli_test(invalid_instrument_seniority 1 ARGS waterfall bad_instrument_seniority.json --exit 1M --exit-date 2026-01-01)
# A note whose interest stops at maturity ("interest_accrues": "to_maturity"): $500,000 at 8% from
# 2025-01-01 to its maturity 2027-01-01, $80,000 of interest at an exit on 2028-01-01 (not the
# $120,000 to the exit date).
fundround_cli_test(waterfall_note_to_maturity 0 ARGS waterfall note_to_maturity.json --exit 1M,10M --exit-date 2028-01-01)
fundround_cli_test(waterfall_series_abc_instruments 0
                   ARGS waterfall ../../../examples/series_abc.json --exit 2M,10M,40M --exit-date 2025-06-30)
fundround_cli_test(waterfall_small_list 0 ARGS waterfall small_company.json --exit 2M,3.75M --exit 9187500 --exit 0..30M --steps 2)
# A comma before exactly three digits groups them, as parse_money reads it: "1,500,000 USD" is one
# exit value, "$2,000,000,2.5M" two, "0..1,000,000" a range (regression: CLI11 split them all).
fundround_cli_test(waterfall_small_grouped 0
                   ARGS waterfall small_company.json --exit "1,500,000 USD" --exit "$2,000,000,2.5M" --exit 0..1,000,000 --steps 2)
fundround_cli_test(odds_reference 0 ARGS odds reference_round.json --p "certain conditions=0.7")
# The reference round's exact ownership as a journalist quotes it (shared/REFERENCE.md; report
# prints percentages to 4 decimals): fully funded Amazon 5/84, Nvidia 1/28; if the conditions
# are never met Amazon 3/161 and Nvidia 6/161 of an $805B post-money (docs/command-line.md, report).
fundround_cli_test(odds_reference_fully_funded 0 ARGS odds reference_round.json --p "certain conditions=1")
fundround_cli_test(odds_reference_never_met 0 ARGS odds reference_round.json --p "certain conditions=0")
fundround_cli_test(odds_small_dated 0 ARGS odds small_company.json --p "revenue target=1/3@2027-01-31")
# A round whose tranches are all certain (a EUR seed): no --p needed, one outcome.
fundround_cli_test(odds_certain 0 ARGS odds certain_round.json)
fundround_cli_test(odds_reference_monte_carlo 0
                   ARGS odds reference_round.json --p "certain conditions=70%" --monte-carlo --samples 1000 --seed 7)
fundround_cli_test(convert_reference 0 ARGS convert reference_round.json --to json)
# The normalised file reads back and writes out the same (a round trip through the tool).
fundround_cli_test(convert_reference_again 0 SAME_OUTPUT_AS convert_reference ARGS convert ../expected/convert_reference.out --to json)
# "-" reads the deal file from standard input.
fundround_cli_test(convert_reference_stdin 0 SAME_OUTPUT_AS convert_reference STDIN reference_round.json
                   ARGS convert - --to json)
fundround_cli_test(convert_small_to_file 0 PRODUCES small.json convert_small_to_file.json
                   ARGS convert small_company.json --to json -o @OUT@/small.json)
# The Open Cap Table Format: the merged package on standard output (what OCF cannot say on
# standard error), and a package directory of the cap table after the last priced round.
fundround_cli_test(convert_small_to_ocf 0 ARGS convert small_company.json --to ocf --as-of 2026-06-30)
# A deal file's "instrument_seniority" in OCF: the note 1 and the SAFE 2 in OCF's convertible stack
# (the note ranked 1 above the SAFE's 0), each stated rank in a rank comment; read back, the deal
# file has the same "instrument_seniority" {"notes": 1, "post_money_safes": 0}.
fundround_cli_test(convert_instrument_seniority_to_ocf 0 ARGS convert instrument_seniority.json --to ocf --as-of 2026-01-01)
fundround_cli_test(convert_instrument_seniority_ocf_back 0
                   ARGS convert ../expected/convert_instrument_seniority_to_ocf.out --to json)
fundround_cli_test(convert_series_abc_to_ocf 0 PRODUCES ocf/Transactions.ocf.json convert_series_abc_transactions.json
                   ARGS convert ../../../examples/series_abc.json --to ocf -o @OUT@/ocf)
# After down rounds the package's classes carry the adjusted conversion prices and ratios (OCF has
# no anti-dilution terms: they are left out, said on standard error).
fundround_cli_test(convert_down_rounds_to_ocf 0
                   ARGS convert ../../../examples/down_rounds.json --to ocf --after "Series D" --as-of 2026-06-30)
# A charter naming exemptions (data/gust_exemptions.json, tests/test_json_deal_anti_dilution.cpp's
# Gust company): the priced rounds' new money is never exempted, so the report is the charter's
# without them (the Series B at $0.80 takes Series A from $1.0000 to $0.9667, A 5,000,000, B
# 800,000, C 1,000,000); OCF has no place for the exemptions: the last note says they are left out.
fundround_cli_test(report_gust_exemptions 0 ARGS report gust_exemptions.json)
fundround_cli_test(convert_gust_exemptions_to_ocf 0 ARGS convert gust_exemptions.json --to ocf --as-of 2026-06-30)
# Every command reads an OCF package too (tests/data/ocf/acme): its directory, its manifest, the
# merged single file (here from standard input); what the import left out on standard error.
fundround_cli_test(captable_ocf_directory 0 ARGS captable ../../data/ocf/acme)
fundround_cli_test(convert_ocf_to_json 0 ARGS convert ../../data/ocf/acme --to json)
fundround_cli_test(convert_ocf_merged_stdin 0 SAME_OUTPUT_AS convert_ocf_to_json STDIN ocf_acme_merged.json
                   ARGS convert - --to json)
fundround_cli_test(waterfall_ocf_manifest 0
                   ARGS waterfall ../../data/ocf/acme/Manifest.ocf.json --exit 5M,50M --exit-date 2025-06-30)
fundround_cli_test(usage_convert_ocf_options 2 ARGS convert small_company.json --to json --after "Series A" --as-of 2026-13-01)
# A package converted to OCF again keeps its as-of date and its issuer's formation date, country
# and subdivision (a German issuer in EUR here); so does a deal file that states them ("as_of",
# "formation"); a stakeholder without a relationship is read as other, and said so.
fundround_cli_test(convert_ocf_to_ocf 0 PRODUCES ocf/Manifest.ocf.json convert_ocf_to_ocf_manifest.json
                   ARGS convert ocf_de_merged.json --to ocf -o @OUT@/ocf)
fundround_cli_test(convert_issuer_facts_to_ocf 0 PRODUCES ocf/Manifest.ocf.json convert_issuer_facts_manifest.json
                   ARGS convert issuer_facts.json --to ocf -o @OUT@/ocf)
fundround_cli_test(captable_ocf_no_relationship 0 ARGS captable ocf_no_relationship.json)
# A ledger (the Acme package with a transfer and its balance, an exercise, a repurchase and a
# note's conversion, written latest first): replayed in date order.
fundround_cli_test(captable_ocf_ledger 0 ARGS captable ocf_ledger.json)

# 1: the deal file is invalid (every problem, one a line, at its JSON pointer).
fundround_cli_test(invalid_deal 1 ARGS report invalid.json)
fundround_cli_test(invalid_json 1 ARGS captable not_json.json)
# A reference to an instrument the file does not have; an instrument converting twice.
fundround_cli_test(invalid_converts 1 ARGS captable bad_converts.json)
fundround_cli_test(invalid_converts_twice 1 ARGS captable converts_twice.json --after "Series B")
# Fixed-percentage SAFEs totalling 100% or more in one round: each at its own place in the file.
fundround_cli_test(invalid_fixed_percentages_total 1 ARGS captable fixed_percentages_total.json --after "Series B")
# A bad anti-dilution charter: an unknown method, a series the file does not have, a narrow base
# without its classes, an unknown rounding mode, an exemption without a letter or digit and one
# named twice, all at once.
fundround_cli_test(invalid_anti_dilution 1 ARGS captable bad_anti_dilution.json)
# An OCF package with problems: each at its file and JSON pointer (a package directory: the file
# of the package; the merged form: the pointer in it).
fundround_cli_test(invalid_ocf_merged 1 ARGS captable ocf_invalid_merged.json)
fundround_cli_test(invalid_ocf_directory 1 ARGS report ocf_broken)
# A package file in a subdirectory is named by its path (regression: the pointer's escape "~1"
# was printed, "ocf_broken_subdir/people~1Stakeholders.ocf.json").
fundround_cli_test(invalid_ocf_subdirectory 1 ARGS captable ocf_broken_subdir)
# Cumulative dividends that overflow by a far exit date cannot be computed (exit 5), named by the
# exit date and the class (regression: exit 4, "cap_table: the waterfall's exact amounts overflow").
fundround_cli_test(nc_dividends_overflow 5 ARGS waterfall dividends_overflow.json --exit 1M --exit-date 2500-01-01)
# Five post-money SAFEs with caps of nearly coprime mills joining L at five exits: the payouts are
# computed, but the stages' L (shown in the instruments' table) does not fit the 128-bit fraction;
# nothing on standard output (regression: the report was released before that table was made, so
# its first lines were printed before the error).
fundround_cli_test(nc_liquidity_capitalization_overflow 5 ARGS waterfall liquidity_capitalization_overflow.json --exit 1M)
# An exercise price of 2^63 - 1 mills per a prime number of shares near 2^63 at the largest exit:
# the exact payouts overflow, named by the exit and that price's path.
fundround_cli_test(nc_grant_price_overflow 5 ARGS waterfall grant_price_overflow.json --exit 9223372036854775.807)
# The same with the payout chart (--svg, drawn first): the chart's point at that exit overflows
# too and is named the same way (regression: the fraction's bare "fraction: ... overflows").
fundround_cli_test(nc_grant_price_overflow_svg 5
                   ARGS waterfall grant_price_overflow.json --exit 9223372036854775.807 --svg @OUT@/payout.svg)
# Two exercise prices of 1 mill per a prime number of shares near 2^40 beside common shares near
# 2^50: the waterfall is built, but the curve the chart is drawn from cannot be (its last
# segment's intercepts need denominators near 2^130), named by the breakpoint where that segment
# starts and the price (regression: the fraction's bare "fraction: ... overflows").
fundround_cli_test(nc_curve_overflow_svg 5 ARGS waterfall curve_overflow.json --exit 1M --svg @OUT@/payout.svg)
# OCF ids are unique in their package: a transaction id that repeats is reported.
fundround_cli_test(invalid_ocf_duplicate_transaction_id 1 ARGS captable ocf_dup_tx_id.json)
# Values the reader can reject up front, not at exit time: a SAFE's amounts in another currency than
# the cap table's; a preference multiple whose preference no amount can hold.
fundround_cli_test(invalid_safe_currency 1 ARGS waterfall safe_eur_on_usd_table.json --exit 10M --exit-date 2026-01-01)
fundround_cli_test(invalid_huge_preference 1 ARGS waterfall huge_preference.json --exit 5M)
# A class with a problem of its own (terms on a common class): reported once, not again at every
# holding and pool that names it.
fundround_cli_test(invalid_class_reported_once 1 ARGS captable common_class_with_terms.json)
# "all_outstanding" on a round that closes before every SAFE and note: it would convert nothing.
fundround_cli_test(invalid_converts_nothing 1 ARGS captable converts_nothing.json --after "Series A")
# A priced round's investment in another currency (its amount shown, at read time); a chain
# problem naming a holder by its pointer.
fundround_cli_test(invalid_priced_round_currency 1 ARGS captable priced_round_eur_amount.json --after "Series A")
fundround_cli_test(invalid_new_investor_same_name 1 ARGS captable new_investor_same_name.json)

# 2: usage errors.
fundround_cli_test(usage_unknown_command 2 ARGS payout small_company.json)
fundround_cli_test(usage_no_command 2 ARGS)
fundround_cli_test(usage_exit_date_for_notes 2 ARGS waterfall safes_and_notes.json --exit 10M)
# What --exit-date is needed for, every problem at once and named by the option: a class's
# cumulative dividends and a note's interest accrue to it, from their start (regression: the
# class's was exit 4 "exit_date: is required" alone, the note's "accrual date = ...: is before").
# Every problem with a command's options at once (regression: --steps, --samples and --seed were
# reported alone, before --exit, --exit-date and --p were read).
fundround_cli_test(usage_waterfall_options_at_once 2 ARGS waterfall small_company.json --exit 12x,0..1M --exit-date 2026-02-30 --steps 0)
# An exercise mode that is neither net nor paid_in, reported with the other options' problems.
fundround_cli_test(usage_bad_exercise 2 ARGS waterfall small_company.json --exit 12x --exercise gross)
fundround_cli_test(usage_odds_options_at_once 2 ARGS odds reference_round.json --p "certain conditions=1.5" --samples 1 --seed x)
fundround_cli_test(usage_exit_date_for_dividends 2 ARGS waterfall dividends_and_note.json --exit 5M)
fundround_cli_test(usage_exit_date_too_early 2 ARGS waterfall dividends_and_note.json --exit 5M --exit-date 2020-01-01)
fundround_cli_test(usage_unknown_option 2 ARGS report small_company.json --bogus)
fundround_cli_test(usage_missing_option 2 ARGS schedule small_company.json)
fundround_cli_test(usage_bad_to 2 ARGS convert small_company.json --to xml)
fundround_cli_test(usage_bad_as_of 2 ARGS schedule small_company.json --as-of 2026-02-30)
fundround_cli_test(usage_bad_exits 2 ARGS waterfall small_company.json --exit 12x,EUR5M,-1M,0..7M --steps 3)
# A range's problem quotes the whole range as given (review of 2026-12-05: it quoted one end).
fundround_cli_test(usage_bad_exit_ranges 2 ARGS waterfall small_company.json --exit 1M..,..2M,1M..2M..3M,1x..EUR2M)
# Whole numbers: CLI11 clamped a seed above 2^64 - 1 to it; each is checked as written.
fundround_cli_test(usage_bad_numbers 2
                   ARGS odds reference_round.json --p "certain conditions=70%" --samples 1 --seed 18446744073709551616)
fundround_cli_test(usage_bad_steps 2 ARGS waterfall small_company.json --exit 0..1M --steps 1e3)
# A control character in an option's value is escaped in the message (one line; final review of
# 2026-12-05).
fundround_cli_test(usage_control_in_exit 2 ARGS waterfall small_company.json --exit "x\t..1M")
fundround_cli_test(usage_control_in_steps 2 ARGS waterfall small_company.json --exit 0..1M --steps "1\t2")
# A manifest names its files relative to its directory: not from standard input.
fundround_cli_test(usage_manifest_stdin 2 STDIN ../../data/ocf/acme/Manifest.ocf.json ARGS captable -)
fundround_cli_test(usage_steps_without_range 2 ARGS waterfall small_company.json --exit 5M --steps 2)
fundround_cli_test(usage_bad_chances 2
                   ARGS odds reference_round.json --p "certain conditions=1.5" --p x --p "a=0.5@2026-13-01" --p "b=0.x")

# 3: a file cannot be read or written.
fundround_cli_test(io_missing_file 3 ARGS report missing.json)
fundround_cli_test(io_directory 3 ARGS report .)
fundround_cli_test(io_unwritable_output 3 ARGS convert small_company.json --to json -o no-such-dir/out.json)
fundround_cli_test(io_unwritable_svg 3 ARGS waterfall small_company.json --exit 10M --svg no-such-dir/payout.svg)

# 4: the request does not apply to this deal.
fundround_cli_test(na_unknown_round 4 ARGS schedule reference_round.json --as-of 2026-06-30 --round "Series Z")
fundround_cli_test(na_unknown_scenario 4 ARGS schedule reference_round.json --as-of 2026-06-30 --scenario met)
fundround_cli_test(na_no_cap_table 4 ARGS waterfall reference_round.json --exit 100B)
fundround_cli_test(na_no_rounds_report 4 ARGS report cap_table_only.json)
fundround_cli_test(na_no_rounds_odds 4 ARGS odds cap_table_only.json --p "revenue target=0.5")
fundround_cli_test(na_unknown_priced_round 4 ARGS captable small_company.json --after "Series A")
fundround_cli_test(na_unknown_milestone 4 ARGS odds reference_round.json --p "certain conditionz=0.5")
fundround_cli_test(na_milestone_without_odds 4 ARGS odds small_company.json)
# An export that cannot be done: a SAFE dated in the year -1, which no OCF date can say.
fundround_cli_test(na_ocf_negative_year 4 ARGS convert safe_negative_year.json --to ocf)

# 5: the deal cannot be computed as the file states it: a note's interest to the exit date beyond
# the amount range, or not a whole number of mills under its interest_rounding "exact" (named by
# the note's pointer and the field to change; nothing on standard output).
fundround_cli_test(nc_note_interest_overflows 5 ARGS waterfall note_rate_huge.json --exit 5M --exit-date 2026-06-01)
fundround_cli_test(nc_note_interest_not_exact 5 ARGS waterfall note_interest_exact.json --exit 5M --exit-date 2024-01-02)
# The same note with its interest stopping at maturity: the interest named is to the maturity date.
fundround_cli_test(nc_note_interest_to_maturity_not_exact 5
                   ARGS waterfall note_interest_exact_to_maturity.json --exit 5M --exit-date 2027-01-01)
# Public worked examples checked in the library's tests, as deal files (twelfth session):
# caplink.capital's EUR 5M for 25% at 1x participating capped at 3x (tests/test_waterfall.cpp):
# EUR 8.75M at EUR 20M and EUR 13.75M at EUR 40M (the page's figures), the cap reached at EUR 45M,
# conversion above EUR 60M; amounts in --exit without a currency are in the table's, EUR.
fundround_cli_test(waterfall_caplink_capped 0 ARGS waterfall caplink_capped.json --exit 20M,40M,45M,60M)
# High Peak Financial's Brightwheel (tests/test_round_chain.cpp): a $2.2M seed at $6M pre-money
# creating a 20% pool in the pre-money ($4.36 a share, exactly the post's price), then $400K at
# $10M, shares rounded to the nearest as the post does.
fundround_cli_test(captable_brightwheel_after_sharks 0 ARGS captable brightwheel.json --after Sharks)
# Tax by Manish's $1M note ($6M cap, 20% discount) in a $2M Series A at $10M pre-money by the
# pre-money method with a 10% ESOP created in the pre-money (tests/test_conversion.cpp): $8.6333
# a share, 231,660 new shares and 193,050 note shares, as the post says.
fundround_cli_test(captable_taxbymanish_after_a 0 ARGS captable taxbymanish_note.json --after "Series A")
