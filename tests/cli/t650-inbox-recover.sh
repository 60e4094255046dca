#!/bin/sh
# t650-inbox-recover.sh: a run stopped between its commit and its moves
# leaves the file in the inbox and its rejects under their pending name,
# quarantine/.SHA256.rejects.pending. The next run finds the content
# stored ("skipped"), completes the rejects' move to a name of their own
# and says so, exit 1 as for rejected rows. A pending file this run did
# not write (stale) never hides or replaces real rejects.
. "${0%/*}/lib.sh"

old() { touch -d '1 minute ago' "$@"; }
mkdir -p data/inbox data/quarantine
in=data/inbox
q=data/quarantine

# The state such a stop leaves, made by hand: the store committed (a
# plain ingest), the rejects where the inbox run keeps them until the
# moves, the file still in the inbox.
printf 'indicator,region,period,value\nnet_txn_volume,330100,2022,90\nbogus,330100,2022,1\n' >$in/r.csv
old $in/r.csv
sha=$(sha256sum <$in/r.csv | cut -d' ' -f1)
run_expect 1 "$PM" --db t.db -q ingest --rejects "$q/.$sha.rejects.pending" $in/r.csv
[ -f "$q/.$sha.rejects.pending" ] || fail "set-up: no pending rejects"
# An older rejects file of the same name is never overwritten.
echo 'line,reason' >$q/r.csv.rejects.csv

run_expect 1 "$PM" --db t.db -q ingest --inbox $in
expect_stderr_has "data/inbox/r.csv: skipped: same content was ingested before"
expect_stderr_has "its rejects, from a run stopped before it could move them, in data/quarantine/r.csv.rejects.1.csv"
[ ! -e "$q/.$sha.rejects.pending" ] || fail "the pending rejects stayed"
grep -q "^3,unknown indicator 'bogus'" $q/r.csv.rejects.1.csv ||
	fail "rejects: $(cat $q/r.csv.rejects.1.csv)"
expect_eq 'line,reason' "$(cat $q/r.csv.rejects.csv)" "the older rejects file"
ls data/archive/*/*/r.csv >/dev/null 2>&1 || fail "r.csv not archived"
expect_eq 1 "$(sqlite3 t.db 'SELECT count(*) FROM obs')" "stored once"

# Done once: the same content again is a plain skip, exit 0.
printf 'indicator,region,period,value\nnet_txn_volume,330100,2022,90\nbogus,330100,2022,1\n' >$in/r.csv
old $in/r.csv
run_expect 0 "$PM" --db t.db -q ingest --inbox $in
[ ! -s stderr ] || fail "a plain skip printed"

# A real stop: the run killed at the first move, after its commit.
if gdb_works && [ -z "${PM_REAL:-}" ]; then
	printf 'indicator,region,period,value\nnet_txn_volume,330100,2023,5\nnope,330100,2023,1\n' >$in/k.csv
	old $in/k.csv
	gdb -batch -ex 'break inbox_move' -ex run -ex kill \
	    --args "$PM" --db t.db -q ingest --inbox $in >gdb.out 2>&1 || :
	[ -f $in/k.csv ] || fail "gdb: k.csv moved before the kill"
	expect_eq 2 "$(sqlite3 t.db 'SELECT count(*) FROM obs')" "gdb: committed"
	run_expect 1 "$PM" --db t.db -q ingest --inbox $in
	expect_stderr_has "k.csv: skipped: same content"
	[ -f $q/k.csv.rejects.csv ] || fail "gdb: rejects of k.csv"
	[ -z "$(ls -A $q | grep pending)" ] || fail "gdb: pending left"
else
	echo "skip: a real stop (needs gdb and a plain binary)"
fi

# A stale pending file (its run stopped before the commit): the content
# is ingested afresh, its own rejects replace the stale ones, and when
# there are none the stale file goes.
printf 'indicator,region,period,value\nnet_txn_volume,330100,2024,7\n' >$in/c.csv
old $in/c.csv
sha=$(sha256sum <$in/c.csv | cut -d' ' -f1)
echo 'line,reason,stale' >"$q/.$sha.rejects.pending"
run_expect 0 "$PM" --db t.db -q ingest --inbox $in
[ ! -e "$q/.$sha.rejects.pending" ] || fail "the stale pending rejects stayed"
[ ! -e $q/c.csv.rejects.csv ] || fail "stale rejects reported"

# More than ten rejected rows: the ones not shown on stderr are counted
# "in" the rejects file's final name, never the pending one.
{
	echo 'indicator,region,period,value'
	echo 'net_txn_volume,330100,2025,1'
	i=0
	while [ $i -lt 12 ]; do i=$((i + 1)); echo "bad$i,330100,2025,1"; done
} >$in/many.csv
old $in/many.csv
echo 'line,reason' >$q/many.csv.rejects.csv
run_expect 1 "$PM" --db t.db -q ingest --inbox $in
expect_stderr_has "pemetrics: data/inbox/many.csv: 2 more rejected rows in data/quarantine/many.csv.rejects.1.csv"
expect_stderr_lacks "pending"
expect_eq 12 "$(($(wc -l <$q/many.csv.rejects.1.csv) - 1))" "rejects of many.csv"
