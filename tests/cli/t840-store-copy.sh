#!/bin/sh
# t840-store-copy.sh: pemetrics store copy moves a whole store between
# backends, both ways: a SQLite store with revisions, rejects and a
# recorded report goes to PostgreSQL and back to a new SQLite file, whose
# every table is then the same as the first's, row for row, ids kept; the
# PostgreSQL copy gives the same outputs and takes new files after the
# copied ones; a target that is not empty is refused.
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

PG=$(pg_db t840)
cp "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv" "$SAMPLE/errors.csv" .
sed 's/^avg_commission_rate,330000,2020,6.1,%$/avg_commission_rate,330000,2020,6.2,%/' \
	yearly.csv >revised.csv
run_expect 1 "$PM" --db pm.db ingest yearly.csv monthly-ytd.csv errors.csv
run_expect 0 "$PM" --db pm.db ingest revised.csv
run_expect 0 "$PM" --db pm.db report --out rep --format md
[ "$(sqlite3 pm.db 'SELECT count(*) FROM report')" = 1 ] ||
	fail "no report recorded"

run_expect 0 "$PM" store copy --from pm.db --to "$PG"
expect_stdout_has "4 file,"
expect_stdout_has "counts checked"
run_expect 0 "$PM" store copy --from "$PG" --to back.db
expect_stdout_has "1 report,"

# Every table, row for row.
for q in "SELECT * FROM indicator ORDER BY id" \
    "SELECT * FROM region ORDER BY id" \
    "SELECT * FROM file ORDER BY id" \
    "SELECT * FROM obs ORDER BY ind, reg, period, basis" \
    "SELECT * FROM history ORDER BY replaced_by, ind, reg, period, basis" \
    "SELECT * FROM reject ORDER BY file, line" \
    "SELECT * FROM report ORDER BY id" \
    "SELECT * FROM report_status ORDER BY report, level, code"; do
	sqlite3 pm.db "$q" >a
	sqlite3 back.db "$q" >b
	[ -s a ] || fail "nothing in: $q"
	expect_cmp a b
done

# The copy on the server reads the same and goes on from there.
for c in summary export "summary --format json"; do
	# shellcheck disable=SC2086
	run_expect 0 "$PM" --db pm.db $c
	mv stdout want
	# shellcheck disable=SC2086
	run_expect 0 "$PM" --db "$PG" $c
	expect_cmp want stdout
done
echo 'avg_commission_rate,330100,2026,5.1,%' >>revised.csv
run_expect 0 "$PM" --db "$PG" ingest revised.csv
expect_stdout_has "1 inserted"
expect_eq 5 "$(pg_sql "$PG" 'SELECT max(id) FROM pemetrics.file')" "new file id"

# Into a store that has data: refused, nothing written.
run_expect 1 "$PM" store copy --from back.db --to "$PG"
expect_stderr_has "the target store is not empty"
run_expect 1 "$PM" store copy --from "$PG" --to back.db
expect_stderr_has "the target store is not empty"
run_expect 2 "$PM" store copy --from back.db
expect_stderr_has "copy needs --from SRC and --to DST"
