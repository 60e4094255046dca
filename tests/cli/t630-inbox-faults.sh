#!/bin/sh
# t630-inbox-faults.sh: faults under an inbox run: a store on a full disk,
# a read-only store, a file that vanishes mid-run, an unreadable file. A
# clear message, the right exit code, nothing lost, nothing half-done.
. "${0%/*}/lib.sh"

old() { touch -d '1 minute ago' "$@"; }
mkdir -p data/inbox
in=data/inbox

# --- a file that vanishes between the listing and its turn: the first
# file is large enough to give the test time to remove the second.
awk 'BEGIN { print "indicator,region,period,value"
	for (i = 0; i < 60000; i++) printf "online_retail_sales,330100,%d-%02d,%d\n", 1200 + int(i / 12), i % 12 + 1, i }' >$in/a-big.csv
printf 'indicator,region,period,value\nnet_txn_volume,330000,2030,1\n' >$in/b-gone.csv
old $in/*
"$PM" --db t.db ingest --inbox $in >out 2>err &
pid=$!
i=0
while [ ! -s t.db-wal ] && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
rm -f $in/b-gone.csv
rc=0
wait $pid || rc=$?
# The timing is not ours: under valgrind the file may go before the run
# lists the inbox, between the listing and its stat, or after the run took
# it. Each outcome has one right answer; the usual one (a plain build) is
# that it vanished between the listing and its turn.
if ls data/archive/*/*/b-gone.csv >/dev/null 2>&1; then
	echo "note: the run took the file before it could vanish"
	expect_eq 0 "$rc" "both files ingested"
elif grep -q "'b-gone.csv' skipped: gone" err; then
	echo "note: the file went while the run listed the inbox"
	expect_eq 0 "$rc" "one file ingested, one skipped"
elif grep -q 'b-gone.csv' out err; then
	expect_eq 4 "$rc" "a vanished file is an I/O error"
	grep -q "pemetrics: data/inbox/b-gone.csv: cannot open: No such file or directory" err ||
		fail "message for the vanished file: $(cat err)"
	grep -q "data/inbox/b-gone.csv: vanished from the inbox before it was read" out ||
		fail "log line for the vanished file: $(cat out)"
else
	echo "note: the file went before the run listed the inbox"
	expect_eq 0 "$rc" "one file ingested"
fi
[ -f data/archive/*/*/a-big.csv ] || fail "the first file was not archived"

# --- an unreadable file (as an unprivileged user: root reads anything;
# that user cannot reach the backend pass's server, which root started)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	as_user=
fi
if ! on_sqlite && [ -n "$as_user" ]; then
	echo "skip: unreadable file (the backend pass runs as root)"
elif [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	chmod 0755 .   # the user must reach u/ (mktemp -d made this 0700)
	mkdir -p u/inbox
	chmod 0777 u u/inbox
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2030,1\n' >u/inbox/locked.csv
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2031,1\n' >u/inbox/ok.csv
	old u/inbox/*
	chmod 0666 u/inbox/ok.csv
	chmod 0000 u/inbox/locked.csv
	run_expect 4 $as_user "$PM" --db u/t.db ingest --inbox u/inbox
	expect_stderr_has "u/inbox/locked.csv: cannot open: Permission denied"
	expect_stdout_has "u/inbox/ok.csv: 1 rows: 1 inserted"
	[ -f u/inbox/locked.csv ] || fail "the unreadable file must stay"
else
	echo "skip: unreadable file (running as root without setpriv)"
fi

# --- full disk and read-only store: a small tmpfs of our own (1 MiB: an
# empty store of 16 KiB pages is 256 KiB, its first commit as much again;
# the store's file on it: SQLite's).
mnt=$(pwd)/mnt
mkdir -p "$mnt"
if ! on_sqlite; then
	echo "skip: full disk and read-only store (a SQLite file's)"
elif mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
	trap 'umount "$mnt" 2>/dev/null || :; cd / && rm -rf "$TMPD"' EXIT
	mkdir -p f/inbox
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2020,1\n' >f/seed.csv
	run_expect 0 "$PM" --db "$mnt/t.db" -q ingest f/seed.csv
	awk 'BEGIN { print "indicator,region,period,value"
		for (i = 0; i < 60000; i++) printf "online_retail_sales,330100,%d-%02d,%d\n", 1200 + int(i / 12), i % 12 + 1, i }' >f/inbox/big.csv
	old f/inbox/big.csv
	run_expect 4 "$PM" --db "$mnt/t.db" ingest --inbox f/inbox
	expect_stderr_has "full"
	[ -f f/inbox/big.csv ] || fail "full disk: the file must stay in the inbox"
	expect_eq ok "$(sqlite3 "$mnt/t.db" 'PRAGMA integrity_check')" "integrity"
	expect_eq 1 "$(sqlite3 "$mnt/t.db" 'SELECT count(*) FROM obs')" \
		"full disk: nothing of the file stored"

	# Read-only: the same store, the file system remounted read-only.
	rm -f f/inbox/big.csv
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2021,2\n' >f/inbox/small.csv
	old f/inbox/small.csv
	mount -o remount,ro "$mnt" || fail "remount read-only"
	run_expect 4 "$PM" --db "$mnt/t.db" ingest --inbox f/inbox
	[ -f f/inbox/small.csv ] || fail "read-only: the file must stay"
	mount -o remount,rw "$mnt"
	run_expect 0 "$PM" --db "$mnt/t.db" ingest --inbox f/inbox
	expect_stdout_has "f/inbox/small.csv: 1 rows: 1 inserted"
	umount "$mnt"
else
	echo "skip: full disk and read-only store (cannot mount a tmpfs here)"
fi
