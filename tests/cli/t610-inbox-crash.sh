#!/bin/sh
# slow: twenty ingests of 10^5 rows killed with SIGKILL
# t610-inbox-crash.sh: an ingest killed at random moments leaves the store
# consistent (PRAGMA integrity_check), holding all of the file or none,
# and the file in the inbox unless it was committed; a last clean run
# stores it exactly once.
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
i=0
committed=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	"$PM" --db t.db -q ingest --inbox data/inbox >/dev/null 2>&1 &
	pid=$!
	# A pause of 0 to 0.4 s (an ingest takes about 0.3 s), new each time.
	sleep "$(awk -v s="$i" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * 0.4 }')"
	kill -9 "$pid" 2>/dev/null || :
	wait "$pid" 2>/dev/null || :
	[ "$(sqlite3 t.db 'PRAGMA integrity_check')" = ok ] ||
		fail "integrity check failed after kill $i"
	n=$(count)
	case $n in
	1)	[ -f data/inbox/big.csv ] || fail "kill $i: nothing stored, file gone" ;;
	$((rows + 1)))
		committed=1 ;;
	*)	fail "kill $i: $n observations, neither all nor none" ;;
	esac
	# Once committed, the file is in the inbox or in the archive.
	if [ $committed = 1 ] && [ ! -f data/inbox/big.csv ]; then
		ls data/archive/*/*/big*.csv >/dev/null 2>&1 ||
			fail "kill $i: the file is nowhere"
		# Offer it again: it must be recognised, never counted twice.
		cp big.csv data/inbox/big.csv
		touch -d '1 minute ago' data/inbox/big.csv
	fi
done
run_expect 0 "$PM" --db t.db ingest --inbox data/inbox
[ ! -f data/inbox/big.csv ] || fail "the last run left the file"
expect_eq $((rows + 1)) "$(count)" "stored exactly once"
expect_eq 1 "$(sqlite3 t.db "SELECT count(*) FROM file WHERE name LIKE '%big.csv'
    AND inserted = $rows")" "one ingest of big.csv inserted its rows"
