#!/bin/sh
# t320-progress-office.sh: a second policy (the national 14th Five-Year
# Plan for the digital economy, tests/fixtures/digital14) through summary
# and trend in every format: exact decimals, official growth first (and
# derived from ytd growths), the plan's base_value, a break, a moved base,
# a context indicator, a qualitative measure, a stale indicator, an
# achieved target, and the coverage every headline status states.
. "${0%/*}/lib.sh"

FIX=$REPO/tests/fixtures/digital14
PEMETRICS_CATALOG=$FIX/catalog
export PEMETRICS_CATALOG

run_expect 0 "$PM" catalog check
expect_stdout_has "catalog ok: 2 systems, 7 measures, 7 indicators"
expect_stdout_lacks "has no indicator"
run_expect 0 "$PM" --db d.db -q ingest "$FIX/yearly.csv" "$FIX/monthly-ytd.csv"

run_expect 0 "$PM" --db d.db summary
# Coverage beside every headline status.
expect_stdout_has "Overall: On track, score 3.67 — 5 of 7 measures measured (1 qualitative, 1 without data); 1 of 6 headline indicators without data; 1 stale; 1 context (not scored)"
expect_stdout_has "economy  Digital economy  数字经济: Progress made but acceleration needed, score 2.34 — 2 of 4 measures measured (1 qualitative, 1 without data); 1 of 3 headline indicators without data; 1 context (not scored)"
expect_stdout_has "       Qualitative, not measured"
# 7.67 亿户 keeps its decimals (not "8"), and 7.00 its zeros; 15.52
# 万亿元 is 155200 亿元, not padded.
expect_stdout_has "ipv6_users                        2023  7.67 亿户"
expect_stdout_has "[base moved to 2021 (no data for 2020)]"
expect_stdout_has "online_retail                     2024  155200 亿元  yoy +7.2% published, levels +0.6%"
expect_stdout_has "[base 117600 (2020) as the plan states; stored 2020 value 117601 differs from the plan's base 117600; growth chained from published yoy]"
expect_stdout_has "  online_retail 2020  stored 117601, plan 117600"
expect_stdout_has "core_share                        2024  9.6 %  yoy +0.2 pt  growth +2.1%/yr vs needed +3.1%/yr  Progress made but acceleration needed 0.55  [base moved to 2023: break in series]"
expect_stdout_has "digital_economy_scale             2022  50.2 万亿元  yoy +10.3%  growth +13.2%/yr (no target)  On track 5.00 (context: monitored, not scored)"
expect_stdout_has "dc_racks                          2021  520 万架  yoy +30.0%  growth +30.0%/yr (no target)  On track 5.00 (stale since 2021)"
expect_stdout_has "gigabit_users                     2023  16331 万户"
grep -q '^    gigabit_users .*Target achieved 5.00$' stdout ||
	fail "gigabit_users achieved its target"
# Needs attention: below on track, stale, without data; not the context
# indicator nor the achieved one.
expect_eq "Needs attention
  core_share  Progress made but acceleration needed
  dc_racks  On track (stale since 2021)
  iip_platforms  no data" "$(sed -n '/^Needs attention$/,/^$/p' stdout | sed '/^$/d')" \
	"needs attention"

# The hand computations behind those lines, from the fixture's figures.
# online_retail, published growth chained over 2021-2024 from the plan's
# base 117600 (2020), target 170000 in 2025:
#   g_a = (1.141 * 1.040 * 1.110 * 1.072)^(1/4) - 1
#   g_r = (170000 / 117600)^(1/5) - 1, P = g_a / g_r
# core_share, from the 2023 break (9.4) to 9.6 in 2024, target 10 in 2025:
#   g_a = 9.6 / 9.4 - 1, g_r = (10 / 9.4)^(1/2) - 1
run_expect 0 "$PM" --db d.db summary --format json
cp stdout s.json
got=$(sqlite3 :memory: "SELECT json_extract(value, '\$.actual_growth') || ' ' ||
	json_extract(value, '\$.progress_value') || ' ' ||
	json_extract(value, '\$.growth_basis') || ' ' ||
	json_extract(value, '\$.base_from_plan') || ' ' ||
	json_extract(value, '\$.stored_base_value') || ' ' ||
	json_extract(value, '\$.yoy') || ' ' ||
	json_extract(value, '\$.yoy_levels') || ' ' ||
	json_extract(value, '\$.yoy_source')
	FROM json_each(readfile('s.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') = 'online_retail'")
echo "$got" | awk '{
	ga = exp(log(1.141 * 1.040 * 1.110 * 1.072) / 4) - 1
	gr = exp(log(170000 / 117600) / 5) - 1
	if (($1 - ga * 100) ^ 2 > 1e-16 || ($2 - ga / gr) ^ 2 > 1e-16 ||
	    $3 != "published" || $4 != 1 || $5 != 117601 || $6 != 7.2 ||
	    ($7 - (155200 / 154200 - 1) * 100) ^ 2 > 1e-16 ||
	    $8 != "published") {
		printf "got %s\nexpected g_a %.12g P %.12g\n", $0, ga * 100, ga / gr
		exit 1
	}
}' || fail "online_retail in JSON"
got=$(sqlite3 :memory: "SELECT json_extract(value, '\$.base_year') || ' ' ||
	json_extract(value, '\$.base_at_break') || ' ' ||
	json_extract(value, '\$.progress_value') || ' ' ||
	json_extract(value, '\$.needs_attention')
	FROM json_each(readfile('s.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') = 'core_share'")
echo "$got" | awk '{
	p = (9.6 / 9.4 - 1) / (exp(log(10 / 9.4) / 2) - 1)
	if ($1 != 2023 || $2 != 1 || ($3 - p) ^ 2 > 1e-16 || $4 != 1) {
		printf "got %s, expected P %.12g\n", $0, p
		exit 1
	}
}' || fail "core_share in JSON"
expect_eq "7 5 1 1 6 1 1 1" "$(sqlite3 :memory: "SELECT
	json_extract(readfile('s.json'), '\$.overall.coverage.measures') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.measured') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.qualitative') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.measures_without_data') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.headline_indicators') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.headline_without_data') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.stale') || ' ' ||
	json_extract(readfile('s.json'), '\$.overall.coverage.context_indicators')")" \
	"overall coverage in JSON"
expect_eq "context headline qualitative" "$(sqlite3 :memory: "SELECT
	(SELECT json_extract(value, '\$.role') FROM json_each(readfile('s.json'), '\$.indicators')
	 WHERE json_extract(value, '\$.code') = 'digital_economy_scale') || ' ' ||
	(SELECT json_extract(value, '\$.role') FROM json_each(readfile('s.json'), '\$.indicators')
	 WHERE json_extract(value, '\$.code') = 'ipv6_users') || ' ' ||
	(SELECT json_extract(value, '\$.kind') FROM json_each(readfile('s.json'), '\$.measures')
	 WHERE json_extract(value, '\$.id') = 'D6')")" "role and kind in JSON"
expect_eq "2 1 2021" "$(sqlite3 :memory: "SELECT json_extract(value, '\$.decimals') || ' ' ||
	json_extract(value, '\$.base_moved') || ' ' || json_extract(value, '\$.base_year')
	FROM json_each(readfile('s.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') = 'ipv6_users'")" "ipv6_users in JSON"

# Markdown and CSV say the same.
run_expect 0 "$PM" --db d.db summary --format md
expect_stdout_has "Overall: **On track**, score 3.67 — 5 of 7 measures measured (1 qualitative, 1 without data); 1 of 6 headline indicators without data; 1 stale; 1 context (not scored)."
expect_stdout_has "| | IPv6 active users | 7.67 亿户 (2023) | +9.6% | +12.3%/yr | +7.1%/yr | On track (base moved to 2021 (no data for 2020)) | 5.00 |"
expect_stdout_has "| **D6** Strengthen digital governance | | | | | | Qualitative, not measured | – |"
expect_stdout_has "- Data centre racks: On track (stale since 2021)"
run_expect 0 "$PM" --db d.db summary --format csv
expect_stdout_has "measure,economy,D6,,100000,not_available,,,,,,,,,,,,,qualitative: not measured"
grep -q '^indicator,infrastructure,D5,dc_racks,.*stale since 2021; needs attention,[^,]*,[^,]*$' stdout ||
	fail "dc_racks stale in CSV"

# A month from ytd releases: its growth derived from the published ytd
# growths (+11.5% Jan-May, +9.8% Jan-Jun 2024): last year's comparable
# levels 73700/1.098 and 60300/1.115, June 13400 against their difference;
# the levels (13400 against 13700, a restated base) say -2.2%.
run_expect 0 "$PM" --db d.db trend online_retail --freq M
expect_stdout_has "2024-06            13400     +2.8%  yoy derived from published ytd growth, levels -2.2% (differs)"
expect_stdout_has "2024-05            60300    +11.5%  covers 5 months to here (no value of its own for the months before) yoy published, levels +4.1% (differs)"
run_expect 0 "$PM" --db d.db trend online_retail --freq M --format json
got=$(sqlite3 :memory: "SELECT json_extract(value, '\$.yoy') || ' ' ||
	json_extract(value, '\$.yoy_source') || ' ' || json_extract(value, '\$.yoy_levels')
	FROM json_each(readfile('stdout'), '\$.points') WHERE json_extract(value, '\$.period') = '2024-06'")
echo "$got" | awk '{
	g = (13400 / (73700 / 1.098 - 60300 / 1.115) - 1) * 100
	if (($1 - g) ^ 2 > 1e-16 || $2 != "derived" ||
	    ($3 - (13400 / 13700 - 1) * 100) ^ 2 > 1e-16) {
		printf "got %s, expected %.12g derived\n", $0, g
		exit 1
	}
}' || fail "derived June growth in JSON"
run_expect 0 "$PM" --db d.db trend online_retail --freq M --format md
expect_stdout_has "| 2024-06 | 13400 | +2.8% |  yoy derived from published ytd growth, levels -2.2% |"
run_expect 0 "$PM" --db d.db trend ipv6_users
expect_stdout_has "2022                7.00"

# A decimals column wins over the data's precision; bad values name the
# file and line.
mkdir cat2
cp "$FIX"/catalog/*.csv cat2/
sed -i 's/^ipv6_users,\(.*\),,$/ipv6_users,\1,,1/' cat2/indicators.csv
PEMETRICS_CATALOG=$TMPD/cat2 run_expect 0 "$PM" --db d.db summary
expect_stdout_has "ipv6_users                        2023  7.7 亿户"
sed -i 's/^core_share,\(.*\),2023,,$/core_share,\1,2023,sideline,/' cat2/indicators.csv
sed -i 's/^max_age,2$/max_age,two/' cat2/settings.csv
PEMETRICS_CATALOG=$TMPD/cat2 run_expect 1 "$PM" catalog check
expect_stderr_has "cat2/indicators.csv:5: bad role 'sideline' (headline or context)"
expect_stderr_has "cat2/settings.csv:2: bad max_age 'two' (whole years, 0 to 100)"

# The stored base-year value that differs from the plan's base is a
# check in JSON and Markdown too.
run_expect 0 "$PM" --db d.db summary --format json
expect_eq "online_retail 2020 117601 117600" "$(sqlite3 :memory: "SELECT
	json_extract(value, '\$.indicator') || ' ' || json_extract(value, '\$.year') || ' ' ||
	json_extract(value, '\$.stored') || ' ' || json_extract(value, '\$.plan')
	FROM json_each(readfile('stdout'), '\$.base_checks')")" "base checks in JSON"
run_expect 0 "$PM" --db d.db summary --format md
expect_stdout_has "| online\\_retail | 2020 | 117601 | 117600 |"
