#!/bin/sh
# t165-ingest-locked.sh: a store locked by another writer past the busy
# timeout gives exit 3, and nothing of the file is stored. The timeout is
# PEMETRICS_BUSY_TIMEOUT seconds (default 10; 1 here, so that the test
# does not wait out the default).
. "${0%/*}/lib.sh"

# A bad setting is a usage error, before anything is opened.
PEMETRICS_BUSY_TIMEOUT=soon run_expect 2 "$PM" --db bad.db export
expect_stderr_has "bad PEMETRICS_BUSY_TIMEOUT 'soon' (seconds, 0 to 3600)"
! store_exists bad.db || fail "a store was made despite the bad setting"
PEMETRICS_BUSY_TIMEOUT=-1 run_expect 2 "$PM" --db bad.db export
PEMETRICS_BUSY_TIMEOUT=1
export PEMETRICS_BUSY_TIMEOUT

good() {
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,31500.2\n'
}
good >ok.csv

# --- 3: another writer holds the store past the busy timeout: SQLite's
# write lock, taken with sqlite3; on a server, a session that locks the
# observations against writers (readers go on), taken with psql.
run_expect 0 "$PM" --db lk.db ingest ok.csv
mkfifo lock.fifo
if on_sqlite; then
	sqlite3 lk.db <lock.fifo >lock.out 2>&1 &
	holder=$!
	exec 3>lock.fifo
	# .timeout: the probe below takes the lock for an instant too; the
	# holder must wait for it rather than fail.
	printf '.timeout 10000\nBEGIN IMMEDIATE;\nSELECT 1;\n' >&3
	# wait until the lock is really held
	i=0
	while sqlite3 lk.db 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;' \
	    >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "sqlite3 did not take the lock"
		sleep 0.1
	done
else
	uri=$(store_shown lk.db)
	psql "$uri" -X -q <lock.fifo >lock.out 2>&1 &
	holder=$!
	exec 3>lock.fifo
	printf 'BEGIN;\nLOCK TABLE pemetrics.obs IN EXCLUSIVE MODE;\n' >&3
	i=0
	until [ "$(psql "$uri" -X -A -t -c "SELECT count(*) FROM pg_locks l
	    JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'obs'
	    AND l.mode = 'ExclusiveLock' AND l.granted")" = 1 ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "psql did not take the lock"
		sleep 0.1
	done
	# Readers are not held up.
	run_expect 0 "$PM" --db lk.db export
	expect_stdout_has ",2023,"
fi
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
