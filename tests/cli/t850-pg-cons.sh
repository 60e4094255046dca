#!/bin/sh
# t850-pg-cons.sh: the consolidated points on PostgreSQL. Files with
# incomplete years, year-to-date releases, a break, region sums and a
# revision go into both backends; "store check" is clean on the server
# after each ingest; summary, trend (yearly and quarterly) and report
# print on the server what SQLite prints from the observations alone
# (cons_kind NULL on a copy); a row corrupted with psql is named; store
# copy from the server carries the rows; four files of the months of one
# year of one series ingested at once all succeed and leave that year's
# points whole (each waits for the others' consolidation).
. "${0%/*}/lib.sh"
. "${0%/*}/pg.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (make deps)"
PG=$(pg_db t850)

awk -F, '$4 == "330000" { print $1 }' "$REPO/datasets/catalog/regions.csv" >cities
awk 'BEGIN { print "indicator,region,period,value,basis,yoy,status" }
FILENAME == "cities" { city[++nc] = $1; next }
END {
	for (y = 2022; y <= 2024; y++) for (m = 1; m <= 12; m++) {
		if (y == 2024 && m > 6) continue
		for (c = 1; c <= nc; c++)
			printf "net_txn_volume,%s,%d-%02d,%.1f,,,\n", city[c], y, m, 100 + c * 7 + m * 1.3
		if (m > 1) {
			cum = 0; for (k = 1; k <= m; k++) cum += 500 + k * 10 + y % 10
			printf "online_retail_sales,330000,%d-%02d,%.1f,ytd,%.1f,\n", y, m, cum, 5 + m / 10
		}
		if (m % 3 == 0)
			printf "online_operators,330100,%dQ%d,%d,,,%s\n", y, m / 3, 1000 + m, (y == 2023 && m == 9) ? "B" : ""
		if (m != 8)
			printf "online_consumption_share,330000,%d-%02d,%.2f,,,\n", y, m, 20 + m / 4
	}
}' cities - </dev/null >gen1.csv
cat >gen2.csv <<EOF2
indicator,region,period,value,basis,yoy,status
net_txn_volume,330100,2023-03,999.5,,,
online_retail_sales,330000,2024-04,4000,ytd,6.1,
online_operators,330100,2024Q1,7,,,B
EOF2

for f in gen1.csv gen2.csv; do
	run_expect 0 "$PM" --db pm.db -q ingest $f
	run_expect 0 "$PM" --db "$PG" -q ingest $f
	run_expect 0 "$PM" --db "$PG" store check
	expect_stdout_has "0 differences"
	expect_stdout_lacks "not consolidated"
done
[ "$(pg_sql "$PG" 'SELECT count(*) FROM pemetrics.cons')" = \
	"$(sqlite3 pm.db 'SELECT count(*) FROM cons')" ] ||
	fail "not as many rows on the server as in SQLite"

# The SQLite store read from its observations only.
sqlite3 pm.db "VACUUM INTO 'o.db'"
sqlite3 o.db 'UPDATE indicator SET cons_kind = NULL'
same() {
	"$PM" --db o.db "$@" >same.a 2>&1 || true
	"$PM" --db "$PG" "$@" >same.b 2>&1 || true
	cmp -s same.a same.b || fail "'$*' differs on the server:
$(diff same.a same.b | head -20)"
}
for f in text json; do
	same summary --format $f
	same summary --as-of 2024-03 --format $f
done
for i in net_txn_volume online_retail_sales online_operators online_consumption_share; do
	same trend $i --format csv
	same trend $i --freq Q --format csv
	same trend $i --region 330100 --freq Q --format json
done
run_expect 0 "$PM" --db o.db -q report --no-record --format json --out ra
run_expect 0 "$PM" --db "$PG" -q report --no-record --format json --out rb
expect_cmp ra/summary.json rb/summary.json

# Copied out of the server: the rows come along and check clean.
run_expect 0 "$PM" store copy --from "$PG" --to copy.db
run_expect 0 "$PM" --db copy.db store check
expect_stdout_has "0 differences"
expect_eq "$(sqlite3 pm.db 'SELECT count(*) FROM cons')" \
	"$(sqlite3 copy.db 'SELECT count(*) FROM cons')" "rows copied"

# A row corrupted on the server is named.
pg_sql "$PG" "UPDATE pemetrics.cons SET value = value + 1
	WHERE period = 1202300
	AND ind = (SELECT id FROM pemetrics.indicator WHERE code = 'net_txn_volume')
	AND reg = (SELECT id FROM pemetrics.region WHERE code = '330100')" >/dev/null
run_expect 1 "$PM" --db "$PG" store check
expect_stdout_has "net_txn_volume 330100 2023: value stored"
expect_stderr_has "1 consolidated row differs"

# Four hosts at once, each with other months of the same year and series.
PG=$(pg_db t850b)
for i in 1 2 3 4; do
	echo 'indicator,region,period,value' >"m$i.csv"
	for k in 0 1 2; do
		echo "net_txn_volume,330000,2024-$(printf %02d $((i + 4 * k))),$i$k.5"
		echo "net_txn_volume,330000,2023-$(printf %02d $((i + 4 * k))),$k$i"
	done >>"m$i.csv"
done
run_expect 0 "$PM" --db "$PG" -q ingest m1.csv     # the schema, once
# Made to overlap: a session holds the table of points while the three
# ingests store their observations and come to consolidate; then lets go.
mkfifo ctl
psql "$PG" -X -q <ctl >/dev/null 2>&1 &
lockpid=$!
exec 3>ctl
echo "BEGIN; LOCK TABLE pemetrics.cons IN EXCLUSIVE MODE;" >&3
n=0
until [ "$(pg_sql "$PG" "SELECT count(*) FROM pg_locks WHERE relation =
	'pemetrics.cons'::regclass AND granted")" -ge 1 ]; do
	n=$((n + 1)); [ $n -lt 100 ] || fail "the table was not locked"
	sleep 0.1
done
for i in 2 3 4; do
	"$PM" --db "$PG" -q ingest "m$i.csv" >"m$i.out" 2>&1 &
	eval "pid$i=\$!"
done
n=0
until [ "$(pg_sql "$PG" "SELECT count(*) FROM pg_stat_activity
	WHERE wait_event_type = 'Lock'")" -ge 3 ]; do
	n=$((n + 1)); [ $n -lt 300 ] || fail "the ingests did not meet"
	sleep 0.1
done
echo "COMMIT;" >&3
exec 3>&-
wait $lockpid || true
for i in 2 3 4; do
	eval "wait \$pid$i" || fail "m$i.csv: $(cat "m$i.out")"
done
for i in 2 3 4; do
	grep -q . "m$i.out" && fail "m$i.csv: $(cat "m$i.out")"
done
run_expect 0 "$PM" --db "$PG" store check
expect_stdout_has " 0 differences"
run_expect 0 "$PM" --db "$PG" trend net_txn_volume --format csv
grep -q '^2024,' stdout || fail "no 2024: $(cat stdout)"
exit 0
