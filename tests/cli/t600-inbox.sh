#!/bin/sh
# t600-inbox.sh: "ingest --inbox": ready files in name order, then archived
# or quarantined; skipped names; files still being written; strict mode;
# same names never overwrite; a log line per file; -q silence; revisions
# through the inbox keep the history.
. "${0%/*}/lib.sh"

mkdir -p data/inbox
in=data/inbox
old() { touch -d '1 minute ago' "$@"; }

cp "$SAMPLE/yearly.csv" $in/b-yearly.csv
cp "$SAMPLE/errors.csv" $in/a-errors.csv
printf 'indicator,region,period,value\nnet_txn_volume,330000,2030,1\n' >$in/c-new.CSV
printf 'partial' >$in/d.csv.part
printf 'tmp' >$in/e.csv.tmp
printf 'hidden' >$in/.f.csv
printf 'notes' >$in/g.txt
old $in/* $in/.f.csv
printf 'indicator,region,period,value\n' >$in/h-young.csv     # just written

run_expect 1 "$PM" --db t.db ingest --inbox $in
# One log line per file, in name order, with an ISO 8601 time.
expect_eq 3 "$(wc -l <stdout)" "log lines"
sed -n 1p stdout | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z data/inbox/a-errors.csv: 13 rows: 5 inserted, 0 revised, 0 unchanged, 8 rejected; rejects in data/quarantine/a-errors.csv.rejects.csv; archived to data/archive/[0-9]{4}/[0-9]{2}/a-errors.csv$' ||
	fail "first log line"
sed -n 2p stdout | grep -q ' data/inbox/b-yearly.csv: 1580 rows: 1580 inserted, ' ||
	fail "second log line"
sed -n 3p stdout | grep -q ' data/inbox/c-new.CSV: 1 rows: 1 inserted, ' ||
	fail "third log line"
expect_stderr_has "pemetrics: data/inbox/a-errors.csv:8: unknown region 'Atlantis'"
arch=$(echo data/archive/*/*)
[ -f "$arch/a-errors.csv" ] && [ -f "$arch/b-yearly.csv" ] &&
	[ -f "$arch/c-new.CSV" ] || fail "archived files"
[ -f data/quarantine/a-errors.csv.rejects.csv ] || fail "rejects quarantined"
expect_eq "8" "$(($(wc -l <data/quarantine/a-errors.csv.rejects.csv) - 1))" \
	"rejected rows in the quarantine"
# What was not taken stays.
for f in d.csv.part e.csv.tmp .f.csv g.txt h-young.csv; do
	[ -f "$in/$f" ] || fail "$f should still be in the inbox"
done

# The same content again: archived as skipped, under a new name (never
# overwriting the first copy); exit 0.
cp "$SAMPLE/yearly.csv" $in/b-yearly.csv
old $in/b-yearly.csv
run_expect 0 "$PM" --db t.db ingest --inbox $in
expect_stdout_has "data/inbox/b-yearly.csv: skipped: same content was ingested before"
[ -f "$arch/b-yearly.1.csv" ] || fail "the second copy should be b-yearly.1.csv"
cmp "$arch/b-yearly.csv" "$arch/b-yearly.1.csv" || fail "copies differ"

# --strict: one bad row sends the whole file to the quarantine, nothing
# of it stored.
printf 'indicator,region,period,value\nnet_txn_volume,330000,2031,7\nnet_txn_volume,Atlantis,2031,1\n' >$in/s.csv
old $in/s.csv
run_expect 1 "$PM" --db t.db -q ingest --inbox $in --strict
[ ! -s stdout ] || fail "-q printed on stdout"
# The counts agree with the rejects file: 2 rows read, 1 of them rejected.
expect_stderr_has "data/inbox/s.csv: failed: nothing stored (--strict): 2 rows read, 1 rejected; rejects in data/quarantine/s.csv.rejects.csv; quarantined to data/quarantine/s.csv"
expect_eq 1 "$(($(wc -l <data/quarantine/s.csv.rejects.csv) - 1))" \
	"strict: rows in the rejects file"
expect_stderr_has "quarantined to data/quarantine/s.csv"
[ -f data/quarantine/s.csv ] && [ -f data/quarantine/s.csv.rejects.csv ] ||
	fail "strict: file and rejects in the quarantine"
run_expect 0 "$PM" --db t.db export
expect_stdout_lacks ",2031,"

# -q and nothing to do: silent, exit 0. A young file is left for later.
run_expect 0 "$PM" --db t.db -q ingest --inbox $in
[ ! -s stdout ] && [ ! -s stderr ] || fail "-q with nothing to report"

# Revisions through the inbox: a newer file corrects a value; the history
# keeps the old one with the file it came from.
printf 'indicator,region,period,value\nnet_txn_volume,330000,2030,2\n' >$in/i-fix.csv
old $in/i-fix.csv
run_expect 0 "$PM" --db t.db ingest --inbox $in
expect_stdout_has "data/inbox/i-fix.csv: 1 rows: 0 inserted, 1 revised"
expect_eq "1|c-new.CSV" "$(sqlite3 t.db "SELECT h.value, f.name FROM history h
    JOIN file f ON f.id = h.file" | sed 's/^1.0|/1|/; s|data/inbox/||')" \
	"history keeps the old value and its file"
run_expect 0 "$PM" --db t.db export
expect_stdout_has "net_txn_volume,330000,2030,2,亿元,"

# Usage: --inbox takes no file; --archive without --inbox.
run_expect 2 "$PM" --db t.db ingest --inbox $in x.csv
run_expect 2 "$PM" --db t.db ingest --archive a x.csv
run_expect 4 "$PM" --db t.db ingest --inbox nosuchdir
expect_stderr_has "nosuchdir: cannot read the inbox"
