#!/bin/sh
# t735-inbox-swap.sh: a file of the inbox swapped after the run read the
# folder is not read: a symbolic link (to a private file) is not
# followed, a FIFO does not hang the run, another file under the same
# name waits for the next run. Standard input and pipes are read up to
# --max-input bytes, and SIGTERM ends a wait on a FIFO. Deterministic:
# the store's lock holds the run at its first file while the second is
# swapped (on a server: the advisory lock of the first file's content,
# held with psql).
. "${0%/*}/lib.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (make deps)"
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
mkdir -p data/inbox
in=data/inbox
printf 'indicator,region,period,value\nSECRET-TOKEN,330000,2020,1\n' >secret.csv
chmod 600 secret.csv

# race SWAP: an inbox of a.csv and b.csv; the run is held at a.csv while
# SWAP runs, then goes on; its exit code in $code, output in run.out/err.
race() {
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2030,1\n' >$in/a.csv
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2031,2\n' >$in/b.csv
	touch -d '1 minute ago' $in/a.csv $in/b.csv
	hold_ingest_lock t.db $in/a.csv

	"$PM" --db t.db ingest --inbox $in >run.out 2>run.err &
	pid=$!
	n=0
	until ls -l /proc/$pid/fd 2>/dev/null | grep -q 'inbox/a\.csv' &&
	    { on_sqlite || [ "$(psql "$uri" -X -A -t -c "SELECT count(*)
	    FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")" = 1 ]; }
	do
		n=$((n + 1)); [ $n -lt 600 ] || fail "the run did not open a.csv"
		sleep 0.05
	done
	"$@"
	echo "ROLLBACK;" >&3
	exec 3>&-
	wait $lockpid || true
	n=0
	while kill -0 $pid 2>/dev/null; do
		n=$((n + 1))
		if [ $n -ge 200 ]; then
			kill -9 $pid
			fail "the run hung: $*"
		fi
		sleep 0.1
	done
	code=0
	wait $pid || code=$?
}

# A link to a private file: not followed, nothing of it anywhere.
to_link() { rm $in/b.csv && ln -s "$TMPD/secret.csv" $in/b.csv; }
race to_link
expect_eq 4 "$code" "exit code (link)"
grep -q "b.csv: a symbolic link (put in place after the inbox was read): not followed" run.err ||
	fail "link not named: $(cat run.err)"
grep -rq SECRET-TOKEN run.out run.err data && fail "the private file was read"
[ -L $in/b.csv ] || fail "the link was moved"
rm $in/b.csv

# A FIFO with a writer that never closes it: the run does not wait on it.
to_fifo() { rm $in/b.csv && mkfifo $in/b.csv && exec 4<>$in/b.csv; }
race to_fifo
exec 4>&-
expect_eq 4 "$code" "exit code (FIFO)"
grep -q "b.csv: not a regular file any more" run.err ||
	fail "FIFO not named: $(cat run.err)"
rm $in/b.csv

# Another file moved over the name: left for the next run, which takes it.
to_other() {
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2032,3\n' >other.csv
	mv other.csv $in/b.csv
}
race to_other
expect_eq 4 "$code" "exit code (replaced)"
grep -q "b.csv: replaced after the inbox was read: not read; the next run takes it" run.err ||
	fail "replacement not named: $(cat run.err)"
[ -f $in/b.csv ] || fail "the replaced file left the inbox"
touch -d '1 minute ago' $in/b.csv
run_expect 0 "$PM" --db t.db ingest --inbox $in
expect_stdout_has "inbox/b.csv: 1 rows: 1 inserted"

# Standard input and devices: spooled up to --max-input bytes.
head -c 5000 /dev/zero >zeros
run_expect 4 sh -c 'cat zeros | "$PM" --db t.db ingest --max-input 1000 -'
expect_stderr_has "pemetrics: stdin: more than 1000 bytes from a pipe, device or standard input: not read (--max-input BYTES raises the limit)"
run_expect 4 "$PM" --db t.db ingest --max-input 100000 /dev/zero
expect_stderr_has "pemetrics: /dev/zero: more than 100000 bytes"
run_expect 2 "$PM" --db t.db ingest --max-input 0 -
# Under valgrind $PM is a wrapper, which the signal would end instead of
# pemetrics: the signal part runs with the plain binary only.
[ -z "${PM_REAL:-}" ] || exit 0

# A FIFO named on the command line whose writer never ends: SIGTERM
# ends the wait, nothing stored.
mkfifo pipe.csv
exec 5<>pipe.csv
"$PM" --db t.db ingest pipe.csv >fifo.out 2>fifo.err &
pid=$!
n=0
until grep -q pipe_read /proc/$pid/wchan 2>/dev/null ||
	ls -l /proc/$pid/fd 2>/dev/null | grep -q pipe.csv; do
	n=$((n + 1)); [ $n -lt 100 ] || fail "the ingest did not open the FIFO"
	sleep 0.05
done
sleep 0.2
kill -TERM $pid
n=0
while kill -0 $pid 2>/dev/null; do
	n=$((n + 1))
	if [ $n -ge 100 ]; then
		kill -9 $pid
		fail "SIGTERM did not end an ingest waiting on a FIFO"
	fi
	sleep 0.1
done
code=0
wait $pid || code=$?
exec 5>&-
expect_eq 4 "$code" "exit code (FIFO, SIGTERM)"
grep -q "pipe.csv: stopped by a signal while reading: nothing stored" fifo.err ||
	fail "no message: $(cat fifo.err)"

# Replaced after it was read and stored, before the move (the run held at
# inbox_move by gdb while another program puts a new file at the name):
# the new file is not archived as the one stored; it stays for the next
# run, which ingests it.
if gdb_works && [ -z "${PM_REAL:-}" ]; then
	mkdir -p g/inbox
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2040,1\n' >g/inbox/r.csv
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2041,2\n' >new.csv
	touch -d '1 minute ago' g/inbox/r.csv
	gdb -batch -ex 'break inbox_move' -ex run \
	    -ex 'shell mv new.csv g/inbox/r.csv' -ex continue \
	    --args "$PM" --db g.db -q ingest --inbox g/inbox >gdb.out 2>&1 || :
	grep -q "r.csv: replaced by another file while it was read: not moved" gdb.out ||
		fail "gdb: no message: $(tail -5 gdb.out)"
	[ -z "$(find g/archive -name 'r*.csv' 2>/dev/null)" ] ||
		fail "gdb: the new file was archived as the one stored"
	grep -q 2041 g/inbox/r.csv || fail "gdb: the new file is not in the inbox"
	touch -d '1 minute ago' g/inbox/r.csv
	run_expect 0 "$PM" --db g.db -q ingest --inbox g/inbox
	expect_eq "1 2" "$(sqlite3 g.db "SELECT group_concat(v, ' ') FROM
	    (SELECT CAST(value AS INT) v FROM obs ORDER BY 1)")" "both stored"
	grep -q 2041 g/archive/*/*/r.csv || fail "gdb: the new file not archived"
else
	echo "skip: a file replaced before its move (needs gdb and a plain binary)"
fi
exit 0
