#!/bin/sh
# slow: 60000 rows, three times, through script(1)
# t186-ingest-progress.sh: on a terminal, a long ingest shows where it is
# (bytes read of the total, rows, rows/s, reading or writing) on stderr,
# and erases the line when the file is done; never without a terminal
# (cron mail stays clean), with -q or with --format json.
. "${0%/*}/lib.sh"

command -v script >/dev/null || { echo "skip: no script(1)"; exit 0; }
awk 'BEGIN {
	split("330100 330200 330300 330400 330500 330600", reg, " ")
	print "indicator,region,period,value"
	for (i = 0; i < 60000; i++)
		printf "net_txn_volume,%s,%d-%02d,%d.5\n", reg[i % 6 + 1],
		    1000 + int(i / 72), int(i / 6) % 12 + 1, i
}' >big.csv

# on a terminal (script(1) gives the command one)
script -qfec "\"$PM\" --db t.db ingest big.csv" tty.out >/dev/null ||
	fail "ingest on a terminal failed: $(cat tty.out)"
grep -q 'big.csv: reading  *[0-9]*% ([0-9.]* of [0-9.]* MB), [0-9]* rows, [0-9]* rows/s' tty.out ||
	fail "no progress line: $(cat -v tty.out)"
grep -q 'big.csv: writing 100% ' tty.out || fail "no writing phase"
# erased: the result line comes after an erase, at the start of a line
grep -q "$(printf '\033\\[Kbig.csv: 60000 rows: 60000 inserted')" tty.out ||
	fail "the progress line is not erased: $(cat -v tty.out | tail -n 3)"

# not a terminal, -q, JSON: no progress
run_expect 0 "$PM" --db u.db ingest big.csv
expect_stderr_lacks "reading"
script -qfec "\"$PM\" --db v.db -q ingest big.csv" q.out >/dev/null
grep -q reading q.out && fail "progress with -q"
script -qfec "\"$PM\" --db w.db ingest --format json big.csv" j.out >/dev/null
grep -q reading j.out && fail "progress with --format json"
grep -q '"inserted":60000' j.out || fail "no JSON result: $(cat j.out)"
