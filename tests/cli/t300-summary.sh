#!/bin/sh
# t300-summary.sh: "pemetrics summary" on the sample data: every format,
# figures recomputed by hand from the CSV, the data gaps, --as-of.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"

run_expect 0 "$PM" --db t.db summary
expect_stdout_has "Progress summary: Zhejiang 浙江省 (330000), as of 2025"
expect_stdout_has "Overall: "
[ "$(sed '/^Data gaps$/q' stdout | grep -c '^  M[0-9][0-9]  ')" = 25 ] ||
	fail "25 measures expected"
for m in M19 M20 M25; do
	grep -q "^  $m  no data for any of its indicators" stdout ||
		fail "$m should be a data gap"
done
grep -q '^    internet_hospitals .*Target achieved 5.00$' stdout ||
	fail "internet_hospitals passed its target"
grep -q '^    platform_complaint_rate .*Deterioration -5.00$' stdout ||
	fail "platform_complaint_rate deteriorates"
expect_stdout_has "Method: Status follows the progress measure of Statistics Canada"

# JSON: the shape of the contract, and net_txn_volume by hand from the
# CSV: base 2022 58020.5, current 2025 75560.4, target 87000 in 2027.
run_expect 0 "$PM" --db t.db summary --format json
cp stdout s.json
[ "$(json_get s.json '$.as_of')" = 2025 ] || fail "as_of"
[ "$(json_get s.json '$.region')" = 330000 ] || fail "region"
[ "$(json_get s.json '$.systems[#-1].id')" = regulatory ] || fail "systems"
[ "$(sqlite3 :memory: "SELECT json_array_length(readfile('s.json'), '\$.measures')")" = 25 ] ||
	fail "25 measures in JSON"
n=$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('s.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') = 'net_txn_volume'
	AND json_extract(value, '\$.base_year') = 2022
	AND json_extract(value, '\$.base_value') = 58020.5
	AND json_extract(value, '\$.current_year') = 2025
	AND json_extract(value, '\$.current_value') = 75560.4
	AND json_extract(value, '\$.target') = 87000
	AND json_extract(value, '\$.target_year') = 2027
	AND json_extract(value, '\$.status') = 'substantial_progress'")
[ "$n" = 1 ] || fail "net_txn_volume figures in JSON"
got=$(sqlite3 :memory: "SELECT json_extract(value, '\$.progress_value') || ' ' ||
	json_extract(value, '\$.score') FROM json_each(readfile('s.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') = 'net_txn_volume'")
# g_a = (75560.4/58020.5)^(1/3) - 1, g_r = (87000/58020.5)^(1/5) - 1,
# P = g_a / g_r, score = min(7.1429 P - 4.2857, 5) as P >= 0.6.
echo "$got" | awk '{
	ga = exp(log(75560.4 / 58020.5) / 3) - 1
	gr = exp(log(87000 / 58020.5) / 5) - 1
	p = ga / gr; s = 7.1429 * p - 4.2857; if (s > 5) s = 5
	if ((p - $1) ^ 2 > 1e-18 || (s - $2) ^ 2 > 1e-18) {
		printf "P %s score %s, expected %.12g %.12g\n", $1, $2, p, s
		exit 1
	}
}' || fail "net_txn_volume progress value"
n=$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('s.json'), '\$.measures')
	WHERE json_extract(value, '\$.status') = 'not_available'")
[ "$n" = 3 ] || fail "3 measures not available, got $n"

# Markdown and CSV.
run_expect 0 "$PM" --db t.db summary --format md
expect_stdout_has "# Progress summary: Zhejiang"
expect_stdout_has "| system | status | score |"
run_expect 0 "$PM" --db t.db summary --format csv
head -n 1 stdout | grep -qx 'level,system,measure,indicator,region,status,score,progress_value,base_year,base_value,current_year,current_value,target,target_year,yoy,unit,yoy_published,yoy_change,notes,yoy_levels,yoy_source' ||
	fail "CSV header"
grep -q '^indicator,ecosystem,M08,internet_hospitals,330000,target_achieved,5,' stdout ||
	fail "CSV internet_hospitals row"
# the roll-ups have rows of their own, as many as the catalogue has
[ "$(grep -c '^policy,,,,330000,' stdout)" = 1 ] || fail "CSV policy row"
[ "$(grep -c '^system,' stdout)" = "$(($(wc -l <"$REPO/datasets/catalog/systems.csv") - 1))" ] ||
	fail "CSV system rows"
[ "$(grep -c '^measure,' stdout)" = "$(($(wc -l <"$REPO/datasets/catalog/measures.csv") - 1))" ] ||
	fail "CSV measure rows"
grep -q '^measure,rules,M19,,330000,not_available,,' stdout ||
	fail "CSV M19 row"
# every row has the header's 21 fields (no quoted commas in these rows)
awk -F, 'NF != 21 { print NR ": " NF; bad = 1 } END { exit bad }' stdout ||
	fail "CSV rows of 21 fields"

# --as-of: nothing after it is used, whatever is ingested later.
run_expect 0 "$PM" --db t.db summary --as-of 2023 --format json
cp stdout a1.json
[ "$(json_get a1.json '$.as_of')" = 2023 ] || fail "as_of 2023"
cat >later.csv <<CSV
indicator,region,period,value
net_txn_volume,330000,2024,1
internet_hospitals,330000,2024,1
CSV
run_expect 0 "$PM" --db t.db -q ingest later.csv
run_expect 0 "$PM" --db t.db summary --as-of 2023 --format json
expect_cmp a1.json stdout
n=$(sqlite3 :memory: "SELECT json_extract(value, '\$.current_year') FROM
	json_each(readfile('a1.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') = 'net_txn_volume'")
[ "$n" = 2023 ] || fail "as-of 2023 uses 2023 as current year, got $n"

# --region by alias; errors.
run_expect 0 "$PM" --db t.db summary --region 杭州 --format json
[ "$(json_get stdout '$.region')" = 330100 ] || fail "region alias"
run_expect 2 "$PM" --db t.db summary --as-of 2023-13
expect_stderr_has "pemetrics: summary: bad period '2023-13' for --as-of"
run_expect 2 "$PM" --db t.db summary --region Atlantis
expect_stderr_has "pemetrics: unknown region 'Atlantis'"
run_expect 2 "$PM" --db t.db summary --format xml
run_expect 4 "$PM" --db nosuch.db summary
expect_stderr_has "$(store_shown nosuch.db)"

# What the scorecard says beside the figures: a published yoy as
# published (and the levels' when they differ), a rate's change in points,
# the method's zero-base rule as a warning, in text, md, csv and json; the
# region checks and published-growth flags in Markdown too.
cat >w.csv <<'CSV'
indicator,region,period,value,yoy
digital_economy_core_share,330000,2022,12.3,
digital_economy_core_share,330000,2023,12.7,
innovation_consortia,330000,2022,0,
innovation_consortia,330000,2023,24,
net_txn_volume,330000,2022,100,
net_txn_volume,330000,2023,110,7.0
net_txn_volume,330100,2023,60,
net_txn_volume,330200,2023,50.5,
CSV
for c in 330300 330400 330500 330600 330700 330800 330900 331000 331100; do
	echo "net_txn_volume,$c,2023,0,"
done >>w.csv
run_expect 0 "$PM" --db w.db ingest w.csv
run_expect 0 "$PM" --db w.db summary
expect_stdout_has "digital_economy_core_share        2023  12.7 %  yoy +0.4 pt"
expect_stdout_has "net_txn_volume                    2023  110 亿元  yoy +7.0% published, levels +10.0%"
expect_stdout_has "[base value 0 taken as 0.001 (the method's rule)]"
expect_stdout_has "net_txn_volume 330000  own 110, parts 110.5 (-0.5%)"
run_expect 0 "$PM" --db w.db summary --format md
expect_stdout_has "## Region totals that differ from the sum of their parts"
expect_stdout_has "| net\\_txn\\_volume | 330000 | 2023 | 110 | 110.5 | -0.5% |"
expect_stdout_has "| net\\_txn\\_volume | 2023 | +7.0% | +10.0% |"
expect_stdout_has "base value 0 taken as 0.001"
run_expect 0 "$PM" --db w.db summary --format csv
grep -q '^indicator,innovation,M02,innovation_consortia,330000,.*,base value 0 taken as 0.001 (the method.s rule),,$' stdout ||
	fail "CSV zero-base note"
# CSV's yoy is the official growth, as in JSON: the published 7.0, the
# levels' 10 at the end with where yoy came from.
grep -q '^indicator,[^,]*,[^,]*,net_txn_volume,330000,\([^,]*,\)\{9\}7,亿元,7,10,.*,10,published$' stdout ||
	fail "CSV yoy is the published growth"
run_expect 0 "$PM" --db w.db trend net_txn_volume --freq Y --format csv
expect_stdout_has "2023,110,7,1,0,10,7,12,10,10,published"
run_expect 0 "$PM" --db w.db summary --format json
cp stdout w.json
got=$(sqlite3 :memory: "SELECT json_extract(value, '\$.code') || ' ' ||
	ifnull(json_extract(value, '\$.warnings[0]'), '-') || ' ' ||
	ifnull(json_extract(value, '\$.yoy_mismatch_years[0]'), '-')
	FROM json_each(readfile('w.json'), '\$.indicators')
	WHERE json_extract(value, '\$.code') IN
	('innovation_consortia', 'net_txn_volume') ORDER BY 1")
expect_eq "$(printf 'innovation_consortia zero_base -\nnet_txn_volume - 2023')" \
	"$got" "JSON warnings and mismatch years"
