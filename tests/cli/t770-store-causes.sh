#!/bin/sh
# t770-store-causes.sh: failures say their real cause. A foreign SQLite
# file or a damaged store is an I/O error (exit 4), not rejected rows; a
# store in a folder the user cannot write is read all the same; a full archive disk says so, not a
# stale errno ("Invalid cross-device link").
. "${0%/*}/lib.sh"

# SQLite files: a foreign one, a damaged one.
if on_sqlite; then
	sqlite3 foreign.db "CREATE TABLE t(x)" 2>/dev/null ||
		fail "sqlite3 is not installed (make deps)"
	run_expect 4 "$PM" --db foreign.db summary
	expect_stderr_has "foreign.db: not a pemetrics store (it has other tables)"
	run_expect 4 "$PM" --db foreign.db ingest "$SAMPLE/yearly.csv"
	awk 'BEGIN { for (i = 0; i < 512; i++) printf "garbage!" }' >damaged.db
	run_expect 4 "$PM" --db damaged.db summary
	expect_stderr_has "damaged.db: "
	run_expect 4 "$PM" --db damaged.db ingest "$SAMPLE/yearly.csv"
fi

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "t770: not root: the read-only folder and full disk parts are skipped" >&2
	exit 0
fi
# A store in a folder another user cannot write: read as it is (a file's
# permissions: SQLite's).
mkdir ro
run_expect 0 "$PM" --db ro/t.db -q ingest "$SAMPLE/yearly.csv"
if on_sqlite; then
	run_expect 0 "$PM" --db ro/t.db summary --format csv
	cp stdout want.csv
	chmod 755 "$TMPD" ro
	as_nobody() {
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	}
	run_expect 0 as_nobody "$PM" --db ro/t.db summary --format csv
	expect_cmp want.csv stdout
	run_expect 0 as_nobody "$PM" --db ro/t.db trend net_txn_volume
fi

# A full archive disk (another file system: the file is copied).
mkdir -p data/inbox data/archive
mount -t tmpfs -o size=64k tmpfs data/archive 2>/dev/null || {
	echo "t770: cannot mount a tmpfs: the full-disk part is skipped" >&2
	exit 0
}
trap 'umount "$TMPD/data/archive" 2>/dev/null; cd / && rm -rf "$TMPD"' EXIT
cp "$SAMPLE/yearly.csv" data/inbox/y.csv
touch -d '1 minute ago' data/inbox/y.csv
run_expect 4 "$PM" --db ro/t.db ingest --inbox data/inbox
expect_stderr_has "No space left on device"
expect_stderr_lacks "cross-device"
[ -f data/inbox/y.csv ] || fail "the file left the inbox"
ls -A data/archive/*/* 2>/dev/null | grep -q . && fail "a partial copy stayed"
exit 0
