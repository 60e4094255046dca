#!/bin/sh
# t130-ingest-revise.sh: a new value for a stored key is a revision (the old
# one kept in history), the same value is unchanged, the same file is
# skipped unless --force.
. "${0%/*}/lib.sh"

cat >a.csv <<'EOF'
indicator,region,period,value
net_txn_volume,330000,2022,28000
net_txn_volume,330000,2023,31500.2
net_txn_volume,330100,2023,12000
online_operators,330000,2023,2352480
EOF
# different content (unit column, Chinese alias, another spelling of the
# same number), same keys; one value changes
cat >b.csv <<'EOF'
indicator,region,period,value,unit
net_txn_volume,浙江省,2022,28000.0,亿元
net_txn_volume,330000,2023,31642,亿元
net_txn_volume,杭州,2023,12000,亿元
online_operators,330000,2023,2352480,户
EOF

run_expect 0 "$PM" --db t.db ingest a.csv
expect_eq "a.csv: 4 rows: 4 inserted, 0 revised, 0 unchanged, 0 rejected" \
	"$(cat stdout)" "first ingest"
expect_eq 0 "$(sqlite3 t.db 'SELECT count(*) FROM history')" \
	"history after the first ingest"

run_expect 0 "$PM" --db t.db ingest b.csv
expect_eq "b.csv: 4 rows: 0 inserted, 1 revised, 3 unchanged, 0 rejected" \
	"$(cat stdout)" "revising ingest"
[ ! -s stderr ] || fail "revising ingest: something on stderr"

cat >expect.csv <<'EOF'
indicator,region,period,value,unit,basis
net_txn_volume,330000,2022,28000,亿元,
net_txn_volume,330000,2023,31642,亿元,
net_txn_volume,330100,2023,12000,亿元,
online_operators,330000,2023,2352480,户,
EOF
run_expect 0 "$PM" --db t.db export
expect_cmp expect.csv stdout

# the old value is kept, with the file it came from
expect_eq 1 "$(sqlite3 t.db 'SELECT count(*) FROM history')" "history rows"
expect_eq "31500.2|a.csv" "$(sqlite3 t.db \
	'SELECT h.value, f.name FROM history h JOIN file f ON f.id = h.file')" \
	"the history row"

# the same file again: skipped, exit 0, nothing changes
run_expect 0 "$PM" --db t.db ingest b.csv
expect_stdout_has "b.csv: skipped"
[ ! -s stderr ] || fail "skipped file: something on stderr"
run_expect 0 "$PM" --db t.db export
expect_cmp expect.csv stdout

# the same content under another name is the same file
cp b.csv b-copy.csv
run_expect 0 "$PM" --db t.db ingest b-copy.csv
expect_stdout_has "b-copy.csv: skipped"

# --force: read again, every row unchanged, history untouched
run_expect 0 "$PM" --db t.db ingest --force b.csv
expect_eq "b.csv: 4 rows: 0 inserted, 0 revised, 4 unchanged, 0 rejected" \
	"$(cat stdout)" "forced ingest"
expect_eq 1 "$(sqlite3 t.db 'SELECT count(*) FROM history')" \
	"history after --force"
run_expect 0 "$PM" --db t.db export
expect_cmp expect.csv stdout

# the first file again (with --force, its content was seen): it revises
# the value back, and history grows
run_expect 0 "$PM" --db t.db ingest --force a.csv
expect_eq "a.csv: 4 rows: 0 inserted, 1 revised, 3 unchanged, 0 rejected" \
	"$(cat stdout)" "revising back"
expect_eq 2 "$(sqlite3 t.db 'SELECT count(*) FROM history')" \
	"history after revising back"
run_expect 0 "$PM" --db t.db export
expect_stdout_has "net_txn_volume,330000,2023,31500.2,亿元,"

# a file whose rows are all rejected leaves the store as it was
cat >bad.csv <<'EOF'
indicator,region,period,value
net_txn_volume,330000,2023,n/a
EOF
run_expect 1 "$PM" --db t.db ingest bad.csv
run_expect 0 "$PM" --db t.db export
expect_stdout_has "net_txn_volume,330000,2023,31500.2,亿元,"
expect_eq 2 "$(sqlite3 t.db 'SELECT count(*) FROM history')" \
	"history after a rejected row"
