#!/bin/sh
# slow: holds a write lock on the store past pemetrics' 10 s busy timeout
# t165-ingest-locked.sh: a store locked by another writer past the busy
# timeout gives exit 3, and nothing of the file is stored.
. "${0%/*}/lib.sh"

good() {
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,31500.2\n'
}
good >ok.csv

# --- 3: another writer holds the store past the busy timeout
run_expect 0 "$PM" --db lk.db ingest ok.csv
mkfifo lock.fifo
sqlite3 lk.db <lock.fifo >lock.out 2>&1 &
holder=$!
exec 3>lock.fifo
# .timeout: the probe below takes the lock for an instant too; the holder
# must wait for it rather than fail.
printf '.timeout 10000\nBEGIN IMMEDIATE;\nSELECT 1;\n' >&3
# wait until the lock is really held
i=0
while sqlite3 lk.db 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;' \
    >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "sqlite3 did not take the lock"
	sleep 0.1
done
good | sed 's/2023,31500.2/2024,33000/' >lk.csv
run_expect 3 "$PM" --db lk.db ingest lk.csv
expect_stderr_has "locked"
# release it: the store is usable again and holds nothing of lk.csv
printf 'COMMIT;\n' >&3
exec 3>&-
wait "$holder" || :
run_expect 0 "$PM" --db lk.db export
expect_stdout_lacks ",2024,"
run_expect 0 "$PM" --db lk.db ingest lk.csv
expect_stdout_has "lk.csv: 1 rows: 1 inserted"
