#!/bin/sh
# t695-inbox-messages.sh: the log lines say what happened: a file that
# vanished says it vanished; a move that was undone says the file was
# not moved; "--inbox DIR/" gives paths "DIR/x.csv".
. "${0%/*}/lib.sh"

old() { touch -d '1 minute ago' "$@"; }
mkdir -p data/inbox
in=data/inbox

# --- a trailing slash
printf 'indicator,region,period,value\nnet_txn_volume,330100,2020,1\n' >$in/x.csv
old $in/x.csv
run_expect 0 "$PM" --db t.db ingest --inbox $in/
expect_stdout_has " data/inbox/x.csv: 1 rows: 1 inserted"
expect_stdout_lacks "//"

# --- a file that vanishes after the listing, before it is read (the run
# held at ingest_file by gdb while the file goes).
if gdb_works && [ -z "${PM_REAL:-}" ]; then
	printf 'indicator,region,period,value\nnet_txn_volume,330100,2021,1\n' >$in/v.csv
	old $in/v.csv
	gdb -batch -ex 'break ingest_file' -ex run -ex "shell rm $in/v.csv" \
	    -ex continue --args "$PM" --db t.db -q ingest --inbox $in \
	    >gdb.out 2>&1 || :
	grep -q 'data/inbox/v.csv: vanished from the inbox before it was read (moved or removed by another program): nothing stored' gdb.out ||
		fail "vanished: $(cat gdb.out)"
	! grep -q 'left in the inbox' gdb.out || fail "vanished: 'left in the inbox'"
else
	echo "skip: a file that vanishes (needs gdb and a plain binary)"
fi

# --- an inbox the run may read but not write (as an unprivileged user):
# the new name in the archive is removed again, and the line says so.
if ! on_sqlite && [ "$(id -u)" = 0 ]; then
	# That user cannot reach the backend pass's server, which root started.
	echo "skip: an inbox not writable (the backend pass runs as root)"
else
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	elif [ "$(id -u)" != 0 ]; then
		as_user=
	else
		echo "skip: an inbox not writable (running as root without setpriv)"
		exit 0
	fi
	chmod 0755 .
	mkdir -p u/inbox
	chmod 0777 u
	printf 'indicator,region,period,value\nnet_txn_volume,330100,2022,1\n' >u/inbox/c.csv
	old u/inbox/c.csv
	chmod 0755 u/inbox
	[ "$(id -u)" = 0 ] || chmod 0555 u/inbox
	run_expect 4 $as_user "$PM" --db u/t.db ingest --inbox u/inbox
	expect_stderr_has "pemetrics: u/inbox/c.csv: not moved (its new name 'u/archive/"
	expect_stderr_has "/c.csv' was removed again): cannot remove it from 'u/inbox': Permission denied"
	expect_stdout_has "u/inbox/c.csv: 1 rows: 1 inserted, 0 revised, 0 unchanged, 0 rejected; not moved, left in the inbox: not moved"
	expect_stdout_lacks "archived to"
	[ -f u/inbox/c.csv ] || fail "c.csv left the inbox"
	[ -z "$(ls u/archive/*/* 2>/dev/null)" ] || fail "a copy stayed in the archive"
fi

# A newline in a file name cannot forge a log line: control characters
# are shown escaped, one line per file.
mkdir -p nl/inbox
name=$(printf 'a\n2030-01-01T00:00:00Z forged.csv')
printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,1\n' >"nl/inbox/$name"
touch -d '1 minute ago' "nl/inbox/$name"
run_expect 0 "$PM" --db nl.db ingest --inbox nl/inbox
expect_eq 1 "$(grep -c '' stdout)" "one log line"
expect_stdout_has 'nl/inbox/a\x0a2030-01-01T00:00:00Z forged.csv: 1 rows: 1 inserted'
