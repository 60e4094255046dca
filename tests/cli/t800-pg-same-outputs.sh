#!/bin/sh
# t800-pg-same-outputs.sh: the sample data through both backends, SQLite
# and PostgreSQL, gives the same outputs byte for byte: ingest (counts,
# rejects, a revision, content seen before), summary as text and json,
# trend, export as csv and json, report --no-record. PEMETRICS_DB may
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

# both NAME CODE ARGS...: run ARGS on each store with the same exit code
# CODE, outputs to NAME.sqlite.{out,err} and NAME.pg.{out,err}, which
# must be equal.
both() {
	_n=$1 _c=$2
	shift 2
	run_expect "$_c" "$PM" --db pm.db "$@"
	mv stdout "$_n.sqlite.out"
	mv stderr "$_n.sqlite.err"
	run_expect "$_c" "$PM" --db "$PG" "$@"
	mv stdout "$_n.pg.out"
	mv stderr "$_n.pg.err"
	expect_cmp "$_n.sqlite.out" "$_n.pg.out"
	expect_cmp "$_n.sqlite.err" "$_n.pg.err"
}

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
both sum 0 summary
both sumjson 0 summary --format json
both sumcity 0 summary --region 330100
both trend 0 trend platform_rd_expenditure
both trendm 0 trend net_txn_volume --freq Q --format csv
both export 0 export
both exportjson 0 export --format json
[ "$(wc -l <export.pg.out)" -gt 1500 ] || fail "export too short"

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
