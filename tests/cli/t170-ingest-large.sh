#!/bin/sh
# long: started first by run.sh
# slow: 156001 rows ingested twice (ASan and the fuzz replay check the runs)
# t170-ingest-large.sh: a file of more than one batch (65536 rows) is
# sorted in runs in a temporary file and merged into the store. Same
# answers as a small file: counts, duplicates across runs (the first line
# wins; the later one rejected with its original fields), revisions on a
# second ingest; nothing left in TMPDIR; an unusable TMPDIR is an I/O
# error that stores nothing.
. "${0%/*}/lib.sh"

# valgrind keeps its own files in $TMPDIR: the runs with an unusable one
# use the binary itself (the sanitizer build checks them).
PM_TMPDIR_CASES=${PM_REAL:-$PM}

mkdir tmp
TMPDIR=$(pwd)/tmp
export TMPDIR

# 4 indicators x 26 regions x 1500 months = 156000 rows, period-major as
# statistics releases are. Line 10 comes again at the end with another
# value (a duplicate two runs away), line 70000 right after itself (the
# same batch).
awk 'BEGIN {
	split("net_txn_volume online_retail_sales online_operators cross_border_ecommerce", ind, " ")
	split("330000 330100 330200 330300 330400 330500 330600 330700 330800 330900 331000 331100", reg, " ")
	print "indicator,region,period,value"
	line = 1
	for (p = 0; p < 3250 && line < 156001; p++)
		for (r = 1; r <= 12 && line < 156001; r++)
			for (i = 1; i <= 4 && line < 156001; i++) {
				line++
				printf "%s,%s,%d-%02d,%d\n", ind[i], reg[r], 1800 + int(p / 12), p % 12 + 1, line
				if (line == 10) { k10 = ind[i] "," reg[r] "," (1800 + int(p / 12)) "-" sprintf("%02d", p % 12 + 1) }
				if (line == 70000) { line++; printf "%s,%s,%d-%02d,%d\n", ind[i], reg[r], 1800 + int(p / 12), p % 12 + 1, 7 }
			}
	printf "%s,0.25\n", k10
}' >big.csv
rows=$(($(wc -l <big.csv) - 1))
expect_eq 156001 "$rows" "rows generated"

run_expect 1 "$PM" --db t.db ingest big.csv
expect_stdout_has "big.csv: 156001 rows: 155999 inserted, 0 revised, 0 unchanged, 2 rejected"
expect_stderr_has "big.csv:70001: duplicate of line 70000"
expect_stderr_has "big.csv:156002: duplicate of line 10"
grep -q '^156002,duplicate of line 10,.*,0.25$' big.csv.rejects.csv ||
	fail "rejects file: $(cat big.csv.rejects.csv)"
grep -q '^70001,duplicate of line 70000,.*,7$' big.csv.rejects.csv ||
	fail "rejects file: $(cat big.csv.rejects.csv)"
[ -z "$(ls -A tmp)" ] || fail "left in TMPDIR: $(ls -A tmp)"

# Every row stored once, in key order, the first of a duplicated key kept.
run_expect 0 "$PM" --db t.db export
expect_eq 155999 "$(($(wc -l <stdout) - 1))" "rows exported"
sed 1d stdout | cut -d, -f1-3 | sort -c -t, -k1,1 -k2,2 -k3,3 ||
	fail "export not in key order"
grep -q ',10,' stdout || fail "line 10's value was not kept"
if grep -q ",0.25," stdout; then fail "the later duplicate was stored"; fi

# Again with every 1000th value changed: revisions through the merge.
awk -F, 'NR > 1 && NR % 1000 == 0 { $4 = $4 + 1 } 1' OFS=, big.csv >big2.csv
run_expect 1 "$PM" --db t.db ingest big2.csv
expect_stdout_has "big2.csv: 156001 rows: 0 inserted, 156 revised, 155843 unchanged, 2 rejected"

# Sorting needs TMPDIR: when it cannot be used, nothing is stored.
sed 's/,1\([0-9][0-9][0-9]-\)/,3\1/' big.csv >big3.csv      # new keys
run_expect 4 env TMPDIR="$(pwd)/no-such-dir" "$PM_TMPDIR_CASES" --db t.db ingest big3.csv
expect_stderr_has "no-such-dir/pemetrics-sort."
expect_stderr_has "create a temporary file to sort a large input"
run_expect 0 "$PM" --db t.db export
expect_eq 155999 "$(($(wc -l <stdout) - 1))" "rows after the failed ingest"

# A TMPDIR that fills up while the runs are written (by the sorting
# thread): an I/O error that names the temporary file, nothing stored.
mnt=$(pwd)/small
mkdir -p "$mnt"
if mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
	trap 'umount "$mnt" 2>/dev/null || :; cd / && rm -rf "$TMPD"' EXIT
	run_expect 4 env TMPDIR="$mnt" "$PM_TMPDIR_CASES" --db t.db \
	    ingest big3.csv
	expect_stderr_has "small/pemetrics-sort."
	expect_stderr_has "write temporary file: No space left on device"
	[ -z "$(ls -A "$mnt")" ] || fail "left in TMPDIR: $(ls -A "$mnt")"
	umount "$mnt"
	run_expect 0 "$PM" --db t.db export
	expect_eq 155999 "$(($(wc -l <stdout) - 1))" "rows after the full TMPDIR"
else
	echo "skip: full TMPDIR (cannot mount a tmpfs here)"
fi
