#!/bin/sh
# t800-pg-same-outputs.sh: the sample data through both backends, SQLite
# and PostgreSQL, gives the same outputs byte for byte: ingest (counts,
# rejects, a revision, content seen before), summary as text and json,
# trend, export as csv and json, report --no-record; with statuses,
# sources and notes (their columns, a release's wide file, a revision of
# the status alone and of the source alone, whose history keeps the old
# ones). PEMETRICS_DB may
# name the server; an inbox run stores into it with the inbox's own lock.
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

PG=$(pg_db t800)
cp "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv" "$SAMPLE/errors.csv" .
# A revision: one value changed, one row more.
sed 's/^avg_commission_rate,330000,2020,6.1,%$/avg_commission_rate,330000,2020,6.2,%/' \
	yearly.csv >revised.csv
echo 'avg_commission_rate,330100,2025,5.1,%' >>revised.csv
cmp -s yearly.csv revised.csv && fail "no revision planted"

mkdir rej
both ingest 1 ingest --rejects rej yearly.csv monthly-ytd.csv errors.csv
grep -q '1580 rows: 1580 inserted' ingest.pg.out ||
	fail "ingest into PostgreSQL: $(cat ingest.pg.out)"
both again 0 ingest yearly.csv
grep -q 'same content was ingested before' again.pg.out ||
	fail "same content not seen: $(cat again.pg.out)"
both revise 0 ingest revised.csv
grep -q '1581 rows: 1 inserted, 1 revised, 1579 unchanged' revise.pg.out ||
	fail "revision on PostgreSQL: $(cat revise.pg.out)"

# Provenance (the sample stated these values without: revisions):
# status, source and note columns; the data portal's wide export with its
# note and source lines and a value not published; then the final figure
# (the status alone changes) and a new source (the source alone changes):
# two revisions, the old status and source kept.
cat >prov.csv <<'EOF2'
indicator,region,period,value,unit,status,source,note
online_retail_sales,330000,2024,30610.2,亿元,初步,浙江省统计局,"初步核算数,待最终核实"
online_retail_sales,330000,2023,28960.5,亿元,A,浙江省统计局,
digital_economy_core_share,330000,2024,12.3,%,预计,浙江省经济和信息化厅,
digital_economy_core_share,330000,2023,11.9,%,估计,,
net_txn_volume,330000,2023,63480.1,亿元,X,,
net_txn_volume,330100,2022,58020.5,亿元,,,"tab	and \\ backslash"
EOF2
cp "$SAMPLE/portal-export.csv" portal.csv
printf 'indicator,region,period,value,unit,status,source,note\nonline_retail_sales,330000,2024,30610.2,亿元,P,浙江省统计局,"初步核算数,待最终核实"\n' >prelim.csv
printf 'indicator,region,period,value,unit,status,source,note\nonline_retail_sales,330000,2024,30610.2,亿元,A,浙江省统计局,"初步核算数,待最终核实"\n' >final.csv
printf 'indicator,region,period,value,unit,status,source,note\nonline_retail_sales,330000,2024,30610.2,亿元,A,国家统计局,"初步核算数,待最终核实"\n' >nbs.csv
both prov 1 ingest prov.csv portal.csv
grep -q 'prov.csv: 6 rows: 0 inserted, 5 revised, 0 unchanged, 1 rejected' \
    prov.pg.out || fail "provenance into PostgreSQL: $(cat prov.pg.out)"
both prelim 0 ingest prelim.csv
both final 0 ingest final.csv
grep -q '1 rows: 0 inserted, 1 revised, 0 unchanged' final.pg.out ||
	fail "a status alone is a revision: $(cat final.pg.out)"
both nbs 0 ingest nbs.csv
grep -q '1 rows: 0 inserted, 1 revised, 0 unchanged' nbs.pg.out ||
	fail "a source alone is a revision: $(cat nbs.pg.out)"
both nbsagain 0 ingest --force nbs.csv
grep -q '1 rows: 0 inserted, 0 revised, 1 unchanged' nbsagain.pg.out ||
	fail "the same status and source: $(cat nbsagain.pg.out)"
q="SELECT h.value, h.status, p.source, p.note FROM history h
    LEFT JOIN prov p ON p.id = h.prov JOIN indicator i ON i.id = h.ind
    WHERE i.code = 'online_retail_sales' ORDER BY h.replaced_by"
sqlite3 pm.db "$q" >hist.sqlite
pg_sql "$PG" "SET search_path = pemetrics; $q" >hist.pg
expect_cmp hist.sqlite hist.pg
grep -q '^30610.2|A|浙江省统计局|初步核算数,待最终核实$' hist.pg ||
	fail "the history lost the old status and source: $(cat hist.pg)"
q="SELECT file, status, prov FROM obs ORDER BY ind, reg, period, basis"
sqlite3 pm.db "$q" >obs.sqlite
pg_sql "$PG" "SET search_path = pemetrics; $q" >obs.pg
expect_cmp obs.sqlite obs.pg
q="SELECT id, rows, inserted, revised, unchanged, rejected, skipped FROM file
    ORDER BY id"
sqlite3 pm.db "$q" >files.sqlite
pg_sql "$PG" "SET search_path = pemetrics; $q" >files.pg
expect_cmp files.sqlite files.pg

both sum 0 summary
both sumjson 0 summary --format json
both sumcity 0 summary --region 330100
both trend 0 trend platform_rd_expenditure
both trendm 0 trend net_txn_volume --freq Q --format csv
both trendp 0 trend online_retail_sales
grep -q '^source: 浙江省统计局; 国家统计局$' trendp.pg.out ||
	fail "trend without its source: $(cat trendp.pg.out)"
both trendpj 0 trend digital_economy_core_share --format json
both export 0 export
both exportjson 0 export --format json
[ "$(wc -l <export.pg.out)" -gt 1500 ] || fail "export too short"
expect_eq "indicator,region,period,value,unit,basis,status,source,note" \
    "$(head -n 1 export.pg.out)" "export's columns"
grep -q '^online_retail_sales,330000,2024,30610.2,亿元,,A,国家统计局,"初步核算数,待最终核实"$' \
    export.pg.out || fail "export without provenance"
grep -q 'tab	and' export.pg.out || fail "export without the note"

# The report: its pages name the store they were made from (the URI,
# escaped for Markdown: it ends in user=postgres); the rest is the same.
run_expect 0 "$PM" --db pm.db report --no-record --out rs
run_expect 0 "$PM" --db "$PG" report --no-record --out rp
for f in report.md summary.json; do
	[ -s "rs/$f" ] || fail "no $f"
	sed 's/pm\.db/STORE/g' "rs/$f" >a
	sed 's|postgresql://[^ ]*user=postgres|STORE|g' "rp/$f" >b
	expect_cmp a b
done

# PEMETRICS_DB names the server as --db does.
run_expect 0 "$PM" --db "$PG" summary --format json
mv stdout want
PEMETRICS_DB=$PG run_expect 0 "$PM" summary --format json
expect_cmp want stdout
unset PEMETRICS_DB

# The inbox into PostgreSQL: its run lock is the inbox's own.
PG2=$(pg_db t800i)
mkdir in
cp monthly-ytd.csv in/
touch -t 202001010000 in/monthly-ytd.csv
run_expect 0 "$PM" --db "$PG2" ingest --inbox in
expect_stdout_has "60 rows: 60 inserted"
[ -f in/.pemetrics.lock ] || fail "no lock in the inbox"
ls archive/*/*/monthly-ytd.csv >/dev/null 2>&1 || fail "not archived"
expect_eq 60 "$(pg_sql "$PG2" 'SELECT count(*) FROM pemetrics.obs')" \
    "observations from the inbox"
