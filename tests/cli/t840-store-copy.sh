#!/bin/sh
# t840-store-copy.sh: pemetrics store copy moves a whole store between
# backends, both ways: a SQLite store with revisions, rejects, sources,
# notes and statuses (a revision of a status keeping the old one) and a
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
# Provenance: the columns, a wide file's note and source lines (and a
# cell not published, skipped), then the final figure replacing a
# preliminary one.
cat >prov.csv <<'EOF2'
indicator,region,period,value,unit,status,source,note
online_retail_sales,330000,2024,30610.2,亿元,初步,浙江省统计局,"初步核算数,待最终核实"
digital_economy_core_share,330000,2024,12.3,%,预计,浙江省经济和信息化厅,
net_txn_volume,330000,2022,58020.5,亿元,,,"tab	and \\ backslash"
EOF2
printf 'indicator,region,period,value,unit,status,source\nonline_retail_sales,330000,2024,30610.2,亿元,A,浙江省统计局\n' >final.csv
run_expect 0 "$PM" --db pm.db ingest prov.csv "$SAMPLE/portal-export.csv" \
    final.csv
expect_stdout_has "final.csv: 1 rows: 0 inserted, 1 revised"
[ "$(sqlite3 pm.db 'SELECT count(*) FROM prov')" -ge 4 ] ||
	fail "no provenance stored"
[ "$(sqlite3 pm.db 'SELECT count(*) FROM history WHERE status = '"'P'"'')" = 1 ] ||
	fail "the history lost the old status"
run_expect 0 "$PM" --db pm.db report --out rep --format md
[ "$(sqlite3 pm.db 'SELECT count(*) FROM report')" = 1 ] ||
	fail "no report recorded"

run_expect 0 "$PM" store copy --from pm.db --to "$PG"
expect_stdout_has "7 file,"
expect_stdout_has "counts checked"
run_expect 0 "$PM" store copy --from "$PG" --to back.db
expect_stdout_has "1 report,"
expect_stdout_has " cons; counts checked"

# Every table, row for row.
for q in "SELECT * FROM indicator ORDER BY id" \
    "SELECT * FROM region ORDER BY id" \
    "SELECT * FROM file ORDER BY id" \
    "SELECT * FROM obs ORDER BY ind, reg, period, basis" \
    "SELECT * FROM history ORDER BY replaced_by, ind, reg, period, basis" \
    "SELECT * FROM reject ORDER BY file, line" \
    "SELECT * FROM report ORDER BY id" \
    "SELECT * FROM report_status ORDER BY report, level, code" \
    "SELECT * FROM prov ORDER BY id" \
    "SELECT * FROM cons ORDER BY ind, reg, period" \
    "SELECT * FROM obs WHERE status IS NOT NULL OR prov IS NOT NULL" \
    "SELECT * FROM history WHERE status IS NOT NULL" \
    "SELECT * FROM file WHERE skipped > 0"; do
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
expect_eq 8 "$(pg_sql "$PG" 'SELECT max(id) FROM pemetrics.file')" "new file id"
# ...and a new source after the copied ones.
printf 'indicator,region,period,value,unit,source\nonline_retail_sales,330000,2026,1,亿元,MIIT\n' >new.csv
run_expect 0 "$PM" --db "$PG" ingest new.csv
expect_eq "$(( $(sqlite3 pm.db 'SELECT max(id) FROM prov') + 1 ))" \
    "$(pg_sql "$PG" "SELECT id FROM pemetrics.prov WHERE source = 'MIIT'")" \
    "new source id"

# Into a store that has data: refused, nothing written.
run_expect 1 "$PM" store copy --from back.db --to "$PG"
expect_stderr_has "the target store is not empty"
run_expect 1 "$PM" store copy --from "$PG" --to back.db
expect_stderr_has "the target store is not empty"
run_expect 2 "$PM" store copy --from back.db
expect_stderr_has "copy needs --from SRC and --to DST"
