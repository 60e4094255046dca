#!/bin/sh
# t063-partial-period.sh: an incomplete year reads the same wherever it
# shows: summary's text and Markdown name it as the report does
# ("Jan-Jun 2024"), one formatter for all three.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" \
	"$SAMPLE/monthly-ytd.csv"

run_expect 0 "$PM" --db t.db summary --as-of 2024-06
grep -q '^  net_txn_volume  Jan-Jun 2024 is incomplete, left out of progress$' \
	stdout || fail "summary text: the incomplete year"
! grep -q '(Jan-' stdout || fail "summary text: the old form of a partial year"

run_expect 0 "$PM" --db t.db summary --as-of 2024-06 --format md
grep -q '^- Platform network transaction volume: Jan-Jun 2024 is incomplete$' \
	stdout || fail "summary md: the incomplete year"

run_expect 0 "$PM" --db t.db -q report --period 2024-06 --out r \
	--format md --no-record
grep -q 'Jan-Jun 2024: ' r/report.md || fail "report: the incomplete year"

run_expect 0 "$PM" --db t.db summary --as-of 2025-10
grep -q '^  online_retail_sales  Jan-Oct 2025 is incomplete' stdout ||
	fail "summary text: Jan-Oct"
