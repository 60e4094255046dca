#!/bin/sh
# t560-report-out.sh: a reused --out directory: charts/ ends with the
# charts this report uses, and files not named like pemetrics' charts stay.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
run_expect 0 "$PM" --db t.db -q report --period 2024 --out f --renderer native \
	--format html,md --no-record
[ -s f/charts/online_retail_sales.330000.Y.png ] || fail "province chart"
echo keep >f/charts/notes.txt
echo keep >f/charts/My\ chart.png
run_expect 0 "$PM" --db t.db -q report --period 2024 --region 330100 --out f \
	--renderer native --format html,md --no-record
[ ! -e f/charts/online_retail_sales.330000.Y.png ] ||
	fail "the province's chart is left in charts/"
[ -s f/charts/online_retail_sales.330100.Y.png ] || fail "Hangzhou chart"
[ -e f/charts/notes.txt ] && [ -e "f/charts/My chart.png" ] ||
	fail "a file that is not ours was removed"
# Every chart left is used by the report.
(cd f/charts && ls) | grep '\.png$' | grep -v '^My chart' | while IFS= read -r c; do
	grep -q "charts/$c" f/index.html || fail "charts/$c is not used"
done
