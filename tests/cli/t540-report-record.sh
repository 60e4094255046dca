#!/bin/sh
# t540-report-record.sh: which reports are recorded (the baseline of the
# next report's changes): html or md written, the as-of has data, no
# --no-record; a report is never held up or failed by an ingest's write
# lock (written, not recorded, a warning, exit 0); an as-of without data
# says so in the header, the overall section and the data gaps.
. "${0%/*}/lib.sh"

nrep() {
	sqlite3 t.db 'SELECT count(*) FROM report'
}

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" \
	"$SAMPLE/monthly-ytd.csv"
# Not recorded: json only, a preview, a period without data.
run_expect 0 "$PM" --db t.db -q report --period 2024 --out j --format json
run_expect 0 "$PM" --db t.db -q report --period 2024 --out n --format md \
	--no-record
grep -q 'This report is not recorded (a preview' n/report.md ||
	fail "a preview says it is not recorded"
run_expect 0 "$PM" --db t.db -q report --period 1999 --out e --format md
grep -q 'Warning: there are no data up to 1999' e/report.md ||
	fail "no data at all: a warning"
expect_stderr_has "report: no data for 1999 or before"
run_expect 0 "$PM" --db t.db -q report --period 2026-10 --out o --format md
# on stderr too, even with -q: cron mails it (the month's files did not
# come)
expect_stderr_has "report: no data for 2026-10 (latest data: 2025); the report says so"
expect_eq 0 "$(nrep)" "reports recorded"
# The header does not claim data it does not have, the overall section
# warns, the data gaps list the indicators without a value that year.
grep -q 'data as of October 2026 (latest data: 2025)' o/report.md ||
	fail "header: latest data"
grep -q '^> Warning: there are no data for October 2026; the latest data are of 2025' \
	o/report.md || fail "warning in the overall section"
grep -q '^49 indicators with no value in 2026: net\\_txn\\_volume, ' \
	o/report.md || fail "indicators without a value in the as-of year"
grep -q 'The period has no data, so this report is not recorded' \
	o/report.md || fail "says it is not recorded"
run_expect 0 "$PM" --db t.db -q report --period 2026-10 --out oz \
	--format md --lang zh
grep -q '数据截至2026年10月（最新数据：2025年）' oz/report.md ||
	fail "zh header: latest data"
# A month with data in some series only: a note, no warning.
run_expect 0 "$PM" --db t.db -q report --period 2024-06 --out m --format md
grep -q '^> Note: 46 of the 49 indicators with data have no value for 2024' \
	m/report.md || fail "note: indicators without a 2024 value"
! grep -q 'latest data:' m/report.md || fail "June 2024 has data"
expect_eq 1 "$(nrep)" "the June report is recorded"
# The baseline of a later report is a real report: June, not 2026-10.
run_expect 0 "$PM" --db t.db -q report --period 2024Q3 --out q3 --format md
grep -q 'Compared with the report for June 2024' q3/report.md ||
	fail "baseline is the June report"

# A write lock held by an ingest: the report finishes at once, written,
# not recorded, a warning, exit 0. (SQLite's write lock, taken with
# sqlite3; on PostgreSQL an ingest holds no lock a report waits for.)
if on_sqlite; then
	mkfifo lock.fifo
	sqlite3 t.db <lock.fifo >lock.out 2>&1 &
	holder=$!
	exec 3>lock.fifo
	printf '.timeout 10000\nBEGIN IMMEDIATE;\nSELECT 1;\n' >&3
	i=0
	while sqlite3 t.db 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;' \
	    >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "sqlite3 did not take the lock"
		sleep 0.1
	done
	before=$(date +%s)
	run_expect 0 "$PM" --db t.db report --period 2025 --out busy --format md,html \
		--renderer native
	after=$(date +%s)
	expect_stderr_has "store is busy (an ingest is running?): the report is written but not recorded"
	[ -s busy/index.html ] && [ -s busy/report.md ] || fail "report not written"
	grep -q 'This report is not recorded' busy/report.md ||
		fail "the busy report says it is not recorded"
	kill -0 "$holder" 2>/dev/null || fail "the lock was gone before the report ended"
	[ -n "${PM_SLOW:-}" ] || [ $((after - before)) -lt 8 ] ||
		fail "the report waited $((after - before)) s for the lock"
	printf 'ROLLBACK;\n' >&3
	exec 3>&-
	wait "$holder" || :
	expect_eq 2 "$(nrep)" "the busy report is not recorded"
fi
run_expect 0 "$PM" --db t.db -q report --period 2025 --out free --format md
expect_eq 3 "$(nrep)" "recorded once the store is free"
