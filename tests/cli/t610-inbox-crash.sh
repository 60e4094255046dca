#!/bin/sh
# slow: twenty ingests of 10^5 rows killed with SIGKILL
# t610-inbox-crash.sh: an ingest killed at random moments leaves the store
# consistent (PRAGMA integrity_check, for a SQLite file), holding all of
# the file or none, and the file in the inbox unless it was committed; a
# last clean run stores it exactly once.
. "${0%/*}/lib.sh"

mkdir -p data/inbox
awk 'BEGIN {
	print "indicator,region,period,value"
	split("330100 330200 330300 330400 330500 330600 330700 330800 330900 331000", r, " ")
	n = 0
	for (y = 1100; n < 100000; y++) for (m = 1; m <= 12 && n < 100000; m++)
		for (k = 1; k <= 10 && n < 100000; k++) {
			printf "net_txn_volume,%s,%d-%02d,%d.5\n", r[k], y, m, n
			n++
		}
}' >big.csv
rows=100000
cp big.csv data/inbox/big.csv
touch -d '1 minute ago' data/inbox/big.csv
# A first store with something in it, so "none" is not "empty".
printf 'indicator,region,period,value\nonline_operators,330000,2020,5\n' >seed.csv
run_expect 0 "$PM" --db t.db -q ingest seed.csv

count() { sqlite3 t.db "SELECT count(*) FROM obs"; }
# The store as it is now, put back after each kill: a copy of the file;
# on a server, a new store with the same file in it.
if on_sqlite; then
	cp t.db base.db
fi
restore() {
	if on_sqlite; then
		cp base.db t.db
		rm -f t.db-wal t.db-shm
	else
		store_rm t.db
		run_expect 0 "$PM" --db t.db -q ingest seed.csv
	fi
}

# How long a whole run takes here (valgrind included, when it runs us):
# the kills are spread over that time, so that they land mid-ingest.
mkdir -p timing/inbox
cp big.csv timing/inbox/big.csv
touch -d '1 minute ago' timing/inbox/big.csv
t0=$(date +%s%N)
run_expect 0 "$PM" --db timing.db -q ingest --inbox timing/inbox
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$ms" -gt 0 ] || ms=1

i=0
landed=0
none=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	"$PM" --db t.db -q ingest --inbox data/inbox >/dev/null 2>&1 &
	pid=$!
	# A pause between 0 and the run's time, new each time.
	sleep "$(awk -v s="$i" -v ms="$ms" 'BEGIN { srand(s * 7919);
	    printf "%.3f", rand() * ms / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then
		landed=$((landed + 1))
	fi
	wait "$pid" 2>/dev/null || :
	! on_sqlite || [ "$(sqlite3 t.db 'PRAGMA integrity_check')" = ok ] ||
		fail "integrity check failed after kill $i"
	n=$(count)
	case $n in
	1)	[ -f data/inbox/big.csv ] || fail "kill $i: nothing stored, file gone"
		none=$((none + 1)) ;;
	$((rows + 1)))
		# All of it; the file is in the inbox or in the archive.
		[ -f data/inbox/big.csv ] ||
			ls data/archive/*/*/big*.csv >/dev/null 2>&1 ||
			fail "kill $i: the file is nowhere" ;;
	*)	fail "kill $i: $n observations, neither all nor none" ;;
	esac
	# Each round a real ingest: the store as before, the file back.
	restore
	rm -rf data/archive data/quarantine
	cp big.csv data/inbox/big.csv
	touch -d '1 minute ago' data/inbox/big.csv
done
echo "kills: $landed of 20 while running ($none left nothing stored); a run takes ${ms} ms"
# Most kills must land while the ingest runs, or this tests nothing.
[ "$landed" -ge 8 ] || fail "only $landed kills landed while the ingest ran"
[ "$none" -ge 4 ] || fail "only $none kills landed before the commit"

# A last clean run stores it exactly once; offered again, it is
# recognised and archived, never counted twice.
run_expect 0 "$PM" --db t.db ingest --inbox data/inbox
[ ! -f data/inbox/big.csv ] || fail "the last run left the file"
expect_eq $((rows + 1)) "$(count)" "stored exactly once"
cp big.csv data/inbox/big.csv
touch -d '1 minute ago' data/inbox/big.csv
run_expect 0 "$PM" --db t.db ingest --inbox data/inbox
expect_stdout_has "skipped"
expect_eq $((rows + 1)) "$(count)" "still stored exactly once"
expect_eq 1 "$(sqlite3 t.db "SELECT count(*) FROM file WHERE name LIKE '%big.csv'
    AND inserted = $rows")" "one ingest of big.csv inserted its rows"
