#!/bin/sh
# slow: the race is timed by the ingest's own reads (/proc/PID/io), which
# a wrapper process (valgrind) hides
# t730-ingest-race.sh: a file rewritten while it is ingested (a resend
# copied over the same name) is not stored in part under the complete
# file's hash: the ingest fails, nothing of it is stored, and offering
# the complete file afterwards stores all its rows. Made deterministic
# with the store's lock: the ingest has read the file for its hash and
# waits for the lock while the file is cut, then parses it. (On a
# server: the advisory lock of the content's hash, held with psql.)
. "${0%/*}/lib.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (make deps)"
awk 'BEGIN {
	split("net_txn_volume online_retail_sales online_operators", ind, " ")
	split("330100 330200 330300 330400 330500", reg, " ")
	print "indicator,region,period,value"
	for (p = 0; p < 120; p++)
		for (r = 1; r <= 5; r++)
			for (i = 1; i <= 3; i++)
				printf "%s,%s,%d-%02d,%d\n", ind[i], reg[r], 2000 + int(p / 12), p % 12 + 1, p + r + i
}' >full.csv
rows=$(($(wc -l <full.csv) - 1))
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
before=$("$PM" --db t.db export --format csv | wc -l)

# Hold the store's write lock; the ingest hashes the file, then waits.
hold_ingest_lock t.db full.csv
cp full.csv f.csv
size=$(wc -c <f.csv)
"$PM" --db t.db ingest f.csv >race.out 2>race.err &
pid=$!
# Until it has read the whole file once (the hash), then the resend
# begins: the file cut to its first lines, in place. On a server, until
# it waits for the lock of that hash.
n=0
while :; do
	if on_sqlite; then
		got=$(awk '/^rchar/ { print $2 }' /proc/$pid/io 2>/dev/null || echo 0)
		[ "${got:-0}" -ge "$size" ] && break
	else
		[ "$(psql "$uri" -X -A -t -c "SELECT count(*) FROM pg_locks
		    WHERE locktype = 'advisory' AND NOT granted")" = 1 ] && break
	fi
	n=$((n + 1)); [ $n -lt 200 ] || fail "the ingest did not read the file"
	sleep 0.05
done
head -n 400 full.csv >f.csv
echo "ROLLBACK;" >&3
exec 3>&-
wait $lockpid || true
code=0
wait $pid || code=$?
expect_eq 4 "$code" "exit code of the ingest that raced"
grep -q "f.csv: changed while it was read" race.err ||
	fail "no 'changed while it was read' in: $(cat race.err)"
after=$("$PM" --db t.db export --format csv | wc -l)
expect_eq "$before" "$after" "rows in the store after the failed ingest"

# The resend completes: all its rows are stored.
cp full.csv f.csv
run_expect 0 "$PM" --db t.db ingest f.csv
expect_stdout_has "f.csv: $rows rows: $rows inserted"
exit 0
