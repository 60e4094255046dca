#!/bin/sh
# t100-ingest-basic.sh: the two clean samples go into a fresh store, one
# result line each, and every row comes back out of export.
. "${0%/*}/lib.sh"

# Data rows of a CSV file, as an independent CSV reader (sqlite3) counts
# them: a quoted field may span lines.
csv_rows() {
	sqlite3 :memory: ".import --csv '$1' t" "SELECT count(*) FROM t"
}

Y=$SAMPLE/yearly.csv
M=$SAMPLE/monthly-ytd.csv
ny=$(csv_rows "$Y")
nm=$(csv_rows "$M")
if [ "$ny" -eq 0 ] || [ "$nm" -eq 0 ]; then
	fail "samples are empty"
fi

run_expect 0 "$PM" --db t.db ingest "$Y" "$M"
cat >expect.out <<EOF
$Y: $ny rows: $ny inserted, 0 revised, 0 unchanged, 0 rejected
$M: $nm rows: $nm inserted, 0 revised, 0 unchanged, 0 rejected
EOF
expect_cmp expect.out stdout
[ ! -s stderr ] || fail "clean samples: something on stderr"
[ ! -e "$Y.rejects.csv" ] || fail "clean sample: rejects file written"

# the store: one SQLite file in WAL mode, with a schema version
if on_sqlite; then
	expect_eq wal "$(sqlite3 t.db 'PRAGMA journal_mode')" "journal_mode"
	[ "$(sqlite3 t.db 'PRAGMA user_version')" -ge 1 ] ||
		fail "the store has no schema version"
fi

# export: header + every row, in the documented columns
run_expect 0 "$PM" --db t.db export
expect_eq "indicator,region,period,value,unit,basis" "$(head -n 1 stdout)" \
	"export header"
expect_eq $((1 + ny + nm)) "$(wc -l <stdout)" "export lines"
cp stdout export.csv
# regions as codes, periods in their canonical forms, basis empty or ytd
bad=$(sed 1d export.csv | grep -Ev \
	'^[a-z0-9_]+,[0-9]{6},[0-9]{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?,-?[0-9.e+-]+,[^,]+,(ytd)?$' \
	| head -n 3) || :
[ -z "$bad" ] || fail "export lines not in canonical form: $bad"
# the ytd rows are the monthly sample's
expect_eq "$nm" "$(grep -c ',ytd$' export.csv)" "ytd rows"

# same store, -q before the command: nothing on stdout, still exit 0
run_expect 0 "$PM" --db t.db -q ingest "$Y"
[ ! -s stdout ] || fail "-q: result line printed"
[ ! -s stderr ] || fail "-q: something on stderr"

# --dry-run: checked, not stored (the store is not even created)
run_expect 0 "$PM" --db dry.db ingest --dry-run "$M"
expect_stdout_has "$M: checked $nm rows: $nm valid, 0 rejected"
! store_exists dry.db || {
	run_expect 0 "$PM" --db dry.db export
	expect_eq 1 "$(wc -l <stdout)" "export after --dry-run"
}

# '--' ends the options: a file whose name starts with '-'
cp "$M" ./-m.csv
run_expect 0 "$PM" --db dash.db ingest -- -m.csv
expect_eq "-m.csv: $nm rows: $nm inserted, 0 revised, 0 unchanged, 0 rejected" \
	"$(cat stdout)" "ingest -- -m.csv"
