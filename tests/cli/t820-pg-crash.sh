#!/bin/sh
# long
# slow (200000 rows, twice)
# t820-pg-crash.sh: one transaction per file on PostgreSQL. (a) The client
# killed (kill -9) in the middle of a file's COPY and upsert: nothing of
# that file stays, and the same file then goes in whole. (b) The server
# stopped at once in the middle of a file (a cluster of the test's own,
# stopped as a crash would): the client says the connection was lost,
# exits 4, and once the server is back nothing of the file is stored.
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

CL=$TMPD/cluster
trap 'sh "$REPO/tests/pg/cluster.sh" stop "$CL"; cd / && chmod -R u+rwx "$TMPD" 2>/dev/null; rm -rf "$TMPD"' EXIT

sh "$REPO/scripts/bench/gen-bench-data.sh" gen 200000 >/dev/null
CAT=$PWD/gen/catalog
big=gen/data-200000.csv

# busy URI: wait (up to 30 s) until the pemetrics session is inside its
# file's transaction, past the start of a COPY or the upsert.
busy() {
	_i=0
	while [ $_i -lt 300 ]; do
		_n=$(pg_sql "$1" "SELECT count(*) FROM pg_stat_activity
		    WHERE application_name = 'pemetrics'
		    AND xact_start IS NOT NULL
		    AND (query LIKE 'COPY%' OR query LIKE 'WITH cur%')" \
		    2>/dev/null || echo 0)
		[ "$_n" -gt 0 ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	fail "the ingest never reached its COPY"
}

counts() {      # counts URI: files and observations stored
	pg_sql "$1" "SELECT (SELECT count(*) FROM pemetrics.file) || ' ' ||
	    (SELECT count(*) FROM pemetrics.obs)"
}

# (a) kill -9 of the client.
PG=$(pg_db t820)
run_expect 0 "$PM" --catalog "$CAT" --db "$PG" ingest gen/revise-200000.csv
expect_eq "1 2000" "$(counts "$PG")" "before"
"$PM" --catalog "$CAT" --db "$PG" ingest "$big" >kill.out 2>&1 &
pid=$!
busy "$PG"
kill -9 $pid
wait $pid 2>/dev/null || :
# The server notices the lost client and rolls its transaction back.
i=0
while [ "$(pg_sql "$PG" "SELECT count(*) FROM pg_stat_activity
    WHERE application_name = 'pemetrics'")" -gt 0 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect_eq "1 2000" "$(counts "$PG")" "after kill -9"
run_expect 0 "$PM" --catalog "$CAT" --db "$PG" ingest "$big"
expect_stdout_has "200000 rows: 198000 inserted, 2000 revised, 0 unchanged"

# (b) the server stopped mid-ingest: a cluster of our own.
uri=$(sh "$REPO/tests/pg/cluster.sh" start "$CL") || fail "no cluster"
OWN=$(echo "$uri" | sed 's|:///postgres?|:///own?|')
pg_sql "$uri" "CREATE DATABASE own" >/dev/null
run_expect 0 "$PM" --catalog "$CAT" --db "$OWN" ingest gen/revise-200000.csv
rc=0
"$PM" --catalog "$CAT" --db "$OWN" ingest "$big" >stdout 2>stderr &
pid=$!
busy "$OWN"
sh "$REPO/tests/pg/cluster.sh" pause "$CL"
wait $pid || rc=$?
expect_eq 4 "$rc" "exit code with the server gone"
expect_stderr_has "connection to the server lost"
expect_stdout_lacks "inserted"
sh "$REPO/tests/pg/cluster.sh" resume "$CL" || fail "cluster did not resume"
expect_eq "1 2000" "$(counts "$OWN")" "after the server came back"
