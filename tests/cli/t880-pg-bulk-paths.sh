#!/bin/sh
# long: started first by run.sh
# t880-pg-bulk-paths.sh: the PostgreSQL ingest stores a batch straight
# into obs by COPY when no stored key lies in its key range, else through
# the staging table and the upsert. Files of more than one batch (65536
# rows) through both backends give the same outputs byte for byte: a
# first file into an empty store (COPY; a duplicate across batches; the
# plausibility warnings against the rows before, in the batch, in the
# batch before, of two bases interleaved), a new month between the
# stored keys (staging path, warnings against stored values), a
# revision of every 40th row, a file of new and stored keys; the counts,
# the stored rows with their file and line, the history, and export.
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

PG=$(pg_db t880)
sh "$REPO/scripts/bench/gen-bench-data.sh" . 100 >/dev/null
PEMETRICS_CATALOG=$PWD/catalog
export PEMETRICS_CATALOG

# month FROM TO: 60 indicators x 100 regions a month, period-major as
# releases come; the flows (every third) also year to date, interleaved
# with their monthly values. A unit slip in region 900100's ind03 in
# 2001-05; a year-to-date value going down in 2001-07.
month() {
	awk -v from="$1" -v to="$2" 'BEGIN {
		for (m = from; m <= to; m++) for (r = 0; r < 100; r++)
		for (i = 1; i <= 60; i++) {
			reg = r == 0 ? "900000" : sprintf("9%03d00", r)
			p = sprintf("%d-%02d", 2001 + int((m - 1) / 12),
			    (m - 1) % 12 + 1)
			k = i % 3
			v = 1000 + i * 10 + r + m
			u = k == 0 ? "亿元" : k == 1 ? "户" : "%"
			if (k == 0 && r == 1 && i == 3 && m == 5)
				v = v * 10000
			printf "ind%02d,%s,%s,%s,%s,\n", i, reg, p, v, u
			if (k == 0) {
				y = v * ((m - 1) % 12 + 1)
				if (r == 2 && m == 7)
					y = 1
				printf "ind%02d,%s,%s,%s,%s,ytd\n", i, reg, p,
				    y, u
			}
		}
	}'
}
echo "indicator,region,period,value,unit,basis" >hdr
{ cat hdr; month 1 9; echo "ind01,900000,2001-01,5,户,"; } >a.csv
{ cat hdr; month 10 10; } >b.csv
awk -F, -v OFS=, 'NR == 1 { print; next } NR % 40 == 0 { $4 = $4 + 1; print }' \
	a.csv >c.csv
# A month more and a revision of the one before, in one file: in each
# batch some keys new, some stored.
{ cat hdr; month 11 11; awk -F, -v OFS=, 'NR > 1 && NR % 50 == 0 {
	$4 = $4 + 2; print }' b.csv; } >d.csv
expect_eq 72001 "$(($(wc -l <a.csv) - 1))" "rows of a.csv"

both a 1 ingest a.csv
grep -q '72001 rows: 72000 inserted' a.pg.out ||
	fail "first file: $(cat a.pg.out)"
grep -q 'duplicate of line 2' a.pg.err || fail "no duplicate: $(cat a.pg.err)"
grep -q 'a unit slip' a.pg.err || fail "no unit slip: $(cat a.pg.err)"
grep -q 'does not go down' a.pg.err ||
	fail "no year-to-date warning: $(cat a.pg.err)"
both b 0 ingest b.csv
grep -q '8000 rows: 8000 inserted' b.pg.out || fail "new month: $(cat b.pg.out)"
both c 0 ingest c.csv
grep -q '1800 rows: 0 inserted, 1800 revised' c.pg.out ||
	fail "revision: $(cat c.pg.out)"
both d 0 ingest d.csv
grep -q '8160 rows: 8000 inserted, 160 revised' d.pg.out ||
	fail "new and revised: $(cat d.pg.out)"

q="SELECT ind, reg, period, basis, CAST(value AS bigint), file, line FROM obs
    ORDER BY ind, reg, period, basis"
sqlite3 pm.db "$q" >obs.sqlite
pg_sql "$PG" "SET search_path = pemetrics; $q" >obs.pg
expect_cmp obs.sqlite obs.pg
expect_eq 88000 "$(wc -l <obs.pg)" "rows stored"
q="SELECT ind, reg, period, basis, CAST(value AS bigint), file, line, replaced_by
    FROM history ORDER BY ind, reg, period, basis, replaced_by"
sqlite3 pm.db "$q" >hist.sqlite
pg_sql "$PG" "SET search_path = pemetrics; $q" >hist.pg
expect_cmp hist.sqlite hist.pg
expect_eq 1960 "$(wc -l <hist.pg)" "rows of the history"
q="SELECT id, rows, inserted, revised, unchanged, rejected FROM file
    ORDER BY id"
sqlite3 pm.db "$q" >files.sqlite
pg_sql "$PG" "SET search_path = pemetrics; $q" >files.pg
expect_cmp files.sqlite files.pg
both export 0 export --format csv
