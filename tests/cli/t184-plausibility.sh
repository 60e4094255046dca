#!/bin/sh
# t184-plausibility.sh: values that are probably slips are stored (they
# are what was published) with a warning, counted in the result and its
# JSON: a year-to-date flow going down within a year, a value 1000 times
# (or 1/1000 of) its neighbour in the series (万 against 亿), stored or in
# the same file, a published growth beyond +/-500%.
. "${0%/*}/lib.sh"

cat >in.csv <<'EOF2'
indicator,region,period,value,unit,basis,yoy
net_txn_volume,330000,2024-03,15376.1,亿元,ytd,8.5
net_txn_volume,330000,2024-04,14000.0,亿元,ytd,
net_txn_volume,330000,2025-03,16593.4,亿元,ytd,
net_txn_volume,330000,2023,63480.1,亿元,,
net_txn_volume,330000,2024,694801000,亿元,,
online_retail_sales,330000,2024,30610.2,亿元,,612
online_retail_sales,330000,2023,28960.5,亿元,,5.7
EOF2
run_expect 0 "$PM" --db t.db ingest in.csv
expect_stdout_has "in.csv: 7 rows: 7 inserted, 0 revised, 0 unchanged, 0 rejected; 3 warnings"
expect_stderr_has "in.csv:3: warning: year-to-date value 14000 of 2024-04 is below the 15376.1 of 2024-03: a year-to-date flow does not go down"
expect_stderr_has "in.csv:6: warning: value 694801000 of 2024 is over 1000 times the 63480.1 of 2023: a unit slip (万 and 亿)?"
expect_stderr_has "in.csv:7: warning: published growth 612% is beyond +/-500%: a slip?"
# a new year-to-date year starts low: no warning for 2025-03
expect_stderr_lacks "2025-03"
# stored all the same: a warning is never a reject
run_expect 0 "$PM" --db t.db export
expect_stdout_has "net_txn_volume,330000,2024,694801000,亿元,"

# Against a stored neighbour, and in JSON.
printf 'indicator,region,period,value,unit\nnet_txn_volume,330000,2025,75.5604,亿元\n' >next.csv
run_expect 0 "$PM" --db t.db ingest --format json next.csv
cp stdout out.json
expect_eq 1 "$(json_get out.json '$.files[0].warnings')" "warnings"
expect_stderr_has "next.csv:2: warning: value 75.5604 of 2025 is under 1/1000 of the 694801000 of 2024"

# -q keeps warnings off the terminal; the count stays
run_expect 0 "$PM" --db q.db -q ingest --format json in.csv
[ ! -s stderr ] || fail "-q: something on stderr"
cp stdout out.json
expect_eq 3 "$(json_get out.json '$.files[0].warnings')" "warnings with -q"

# summary lists them among its checks (text and JSON)
run_expect 0 "$PM" --db s.db -q ingest "$SAMPLE/yearly.csv"
printf 'indicator,region,period,value,unit,yoy\nnet_txn_volume,330000,2024,695107000,亿元,\nonline_retail_sales,330000,2025,32350.8,亿元,612\n' >slips.csv
run_expect 0 "$PM" --db s.db -q ingest slips.csv
run_expect 0 "$PM" --db s.db summary
expect_stdout_has "Values that look like slips (stored as published)"
expect_stdout_has "  net_txn_volume 2024  695107000: over 1000 times the 63480.1 of 2023 (a unit slip?)"
expect_stdout_has "  online_retail_sales 2025  32350.8: published growth +612.0% beyond +/-500%"
run_expect 0 "$PM" --db s.db summary --format json
cp stdout sum.json
expect_eq 3 "$(sqlite3 :memory: "SELECT json_array_length(readfile('sum.json'), '\$.plausibility')")" \
	"summary JSON: plausibility entries"
# the sample data alone has none: the summary is as before
run_expect 0 "$PM" --db clean.db -q ingest "$SAMPLE/yearly.csv"
run_expect 0 "$PM" --db clean.db summary --format json
cp stdout clean.json
expect_eq "" "$(json_get clean.json '$.plausibility')" "no plausibility key"
