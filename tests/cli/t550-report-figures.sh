#!/bin/sh
# t550-report-figures.sh: how the report states its figures: a rate's
# year-on-year change in points, the YoY column's period in monthly and
# quarterly reports with the published YoY of the incomplete year, "–"
# for unknown cells and "Not available" beside a value.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" \
	"$SAMPLE/monthly-ytd.csv"
# A rate's change is in points: 12.3% to 12.7% is +0.4 points.
run_expect 0 "$PM" --db t.db -q report --period 2025 --out y --format md,html \
	--no-record
grep -q '^| Value added of digital economy core industries as a share of GDP .* | 12.7% (2025) | +0.4 pt | ' \
	y/report.md || fail "rate YoY in points (md)"
grep -q '<td class="num">+0.4 pt</td>' y/index.html ||
	fail "rate YoY in points (html)"
grep -q '^| Average commission rate .* | 5.1% (2025) | -0.2 pt | ' y/report.md ||
	fail "a falling rate in points"
! grep -q '| +3.3% |' y/report.md || fail "a relative change of a rate"
run_expect 0 "$PM" --db t.db -q report --period 2025 --out yz --format md \
	--lang zh --no-record
grep -q '| 12.7%（2025年） | +0.4个百分点 | ' yz/report.md ||
	fail "rate YoY in 百分点"

# A monthly report: the YoY column names the year it is of, and gives the
# published YoY of January-June (9.2 in monthly-ytd.csv).
run_expect 0 "$PM" --db t.db -q report --period 2024-06 --out m --format md \
	--no-record
grep -q '^| Platform network transaction volume .* | 63,480.1 亿元 (2023) · Jan-Jun 2024: 32,857.0 亿元 | +9.4% (2023) · Jan-Jun 2024: +9.2% published | ' \
	m/report.md || fail "YoY column of a monthly report"
run_expect 0 "$PM" --db t.db -q report --period 2025 --out y2 --format md \
	--no-record
grep -q '^| Platform network transaction volume .* | 75,560.4 亿元 (2025) | +8.7% | ' \
	y2/report.md || fail "the headline year's YoY needs no label"

# One complete year: "–" for what cannot be computed, "Not available"
# (not "No data") beside the value.
cat >one.csv <<CSV
indicator,region,period,value,unit
net_txn_volume,330000,2022,300,亿元
net_txn_volume,330000,2023Q1,100,亿元
net_txn_volume,330000,2023Q2,100,亿元
net_txn_volume,330000,2023Q3,100,亿元
CSV
run_expect 0 "$PM" --db o.db -q ingest one.csv
run_expect 0 "$PM" --db o.db -q report --period 2023 --out o --format md,html
grep -q '^| Platform network transaction volume .* | 300 亿元 (2022) · Jan-Sep 2023: 300 亿元 | – | – | – | .* | Not available | – |' \
	o/report.md || fail "one complete year: dashes and Not available"
grep -q '<span class="badge s0">Not&#160;available</span>' o/index.html ||
	fail "Not available badge"
# ... and its measure, which has data, is "Not available" too, listed
# among the gaps as having too little data, not as having none.
grep -A2 '^### M05 ' o/report.md | grep -q '^\*\*Not available\*\*, score –' ||
	fail "measure with data but no score: Not available"
grep -q '^- M05 .* (has data, too little to judge yet: two years are needed)$' \
	o/report.md || fail "gap: too little data, not no data"
grep -q '^- M19 Regulate platform investment.* rules$' o/report.md ||
	fail "gap: a measure with no data at all"
! grep -q '|  |' o/report.md || fail "an empty cell"

# One indicator's numbers in one column have the same decimals; badges do
# not wrap; a sparkline's alt text names its indicator.
cat >dec.csv <<CSV
indicator,region,period,value,unit
net_txn_volume,330000,2022,15400,亿元
net_txn_volume,330000,2023,15376.1,亿元
CSV
run_expect 0 "$PM" --db d.db -q ingest dec.csv
run_expect 0 "$PM" --db d.db -q report --period 2023 --out d --format md,html
printf 'indicator,region,period,value,unit\nnet_txn_volume,330000,2022,15500,亿元\n' >dec2.csv
run_expect 0 "$PM" --db d.db -q ingest dec2.csv
run_expect 0 "$PM" --db d.db -q report --period 2024 --out d2 --format md
grep -q '| 15,400.0 亿元 | 15,500.0 亿元 |' d2/report.md ||
	fail "revision table: one number of decimals"
# A two-word status stays on one line; a longer one wraps in its cell
# (never over the next column).
grep -q '>On&#160;track</span>' d/index.html || fail "two-word badge on one line"
! grep -q '\.badge{[^}]*white-space:nowrap' d/index.html ||
	fail "badges must be able to wrap"
! grep -q 'td \.badge{white-space:normal\|th \.badge' d/index.html ||
	fail "badges may wrap"
grep -q 'alt="Trend: Platform network transaction volume"' d/index.html ||
	fail "sparkline alt text"

# A growth aim without a target level is the growth needed: in "Needed a
# year", marked as the policy's aim, and the status follows from it
# (+5.0% against +12.0%: limited progress).
grep -q '^| R\\&D expenditure of platform enterprises .* | +5.0% | +12.0% · \*the policy.s aim (no target level)\* | .* | Limited progress | -0.76 |$' \
	y/report.md || fail "growth aim shown and judged"
grep -q '<td class="num">+12.0%<div class="sub">the policy&#39;s aim (no target level)</div></td>' \
	y/index.html || fail "growth aim in html"
grep -q '| +12.0% · \*政策预期增速（无目标值）\* |' yz/report.md ||
	fail "growth aim in zh"
