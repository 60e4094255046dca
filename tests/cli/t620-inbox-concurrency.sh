#!/bin/sh
# t620-inbox-concurrency.sh: four "ingest --inbox" runs started together on
# one inbox of 20 files: every file stored exactly once, totals exact,
# every file moved. The lock makes them take turns (--wait).
. "${0%/*}/lib.sh"

mkdir -p data/inbox
f=0
while [ $f -lt 20 ]; do
	f=$((f + 1))
	awk -v f=$f 'BEGIN {
		print "indicator,region,period,value"
		for (m = 1; m <= 12; m++) for (k = 0; k < 25; k++)
			printf "online_retail_sales,%d,%d-%02d,%d\n", 330100 + k % 11 * 100, 1900 + f * 3 + int(k / 11), m, f * 1000 + m * 25 + k
	}' >data/inbox/f$f.csv
done
touch -d '1 minute ago' data/inbox/*.csv
expect=$(cat data/inbox/*.csv | grep -vc '^indicator')

pids=
for p in 1 2 3 4; do
	"$PM" --db t.db -q ingest --inbox data/inbox --wait 120 >out$p 2>err$p &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p" || fail "a run failed: $(cat err*)"
done
[ -z "$(ls data/inbox)" ] || fail "files left in the inbox: $(ls data/inbox)"
expect_eq 20 "$(ls data/archive/*/* | wc -l)" "files archived"
expect_eq "$expect" "$(sqlite3 t.db 'SELECT count(*) FROM obs')" "observations"
expect_eq 20 "$(sqlite3 t.db 'SELECT count(*) FROM file')" "each file ingested once"
expect_eq "$expect" "$(sqlite3 t.db 'SELECT sum(inserted) FROM file')" "inserted"

# Without --wait, a second run while one holds the lock exits 3. The lock
# is beside a SQLite store, in the inbox for a store on a server.
mkdir -p lk/inbox
cp "$SAMPLE/yearly.csv" lk/inbox/y.csv
touch -d '1 minute ago' lk/inbox/y.csv
lock=t.db.lock
on_sqlite || lock=lk/inbox/.pemetrics.lock
exec 9>"$lock"
flock -n 9 || fail "could not take the lock for the test"
run_expect 3 "$PM" --db t.db ingest --inbox lk/inbox
expect_stderr_has "pemetrics: $lock: another ingest holds the lock (waited 0 s; --wait SECONDS waits for it)"
[ -f lk/inbox/y.csv ] || fail "a locked-out run moved a file"
# -q: still said (a person must know if it persists), with the time waited.
run_expect 3 "$PM" --db t.db -q ingest --inbox lk/inbox --wait 1
expect_eq "pemetrics: $lock: another ingest holds the lock (waited 1 s, as --wait says)" \
	"$(cat stderr)" "-q --wait 1"
[ ! -s stdout ] || fail "-q: stdout"
exec 9>&-
run_expect 0 "$PM" --db t.db -q ingest --inbox lk/inbox
