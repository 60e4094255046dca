#!/bin/sh
# long: some 200 runs of the binary
# slow: 6 minutes under valgrind for what ASan runs through in seconds
# sqlite-only: copies of the SQLite file (VACUUM INTO) marked unconsolidated; t850 does this on PostgreSQL
# t330-cons-same.sh: the consolidated points (schema version 5) change
# nothing summary, report and trend print. Each output from a store is
# compared with the same command on a copy whose indicators are marked not
# consolidated (indicator.cons_kind NULL: readers then build every series
# from the observations, the code path of before; see tests/README.md),
# on the sample data and on generated files with incomplete years,
# year-to-date differencing, a January-February release, breaks,
# revisions, region sums and a mid-year as-of. "store check" is clean
# after every ingest; a corrupted row is named and changes what is read;
# a catalogue that changes an indicator's kind makes the next ingest
# rebuild its rows; "store copy" carries them.
. "${0%/*}/lib.sh"

command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (make deps)"

# check DB: "store check" finds no difference.
check() {
	run_expect 0 "$PM" --db "$1" store check
	expect_stdout_has "0 differences"
	expect_stdout_lacks "not consolidated"
}

# same DB CMD...: CMD prints the same on DB as on o.db, a copy of DB
# read from the observations only (made by every()).
same() {
	db=$1
	shift
	"$PM" --db "$db" "$@" >same.a 2>&1 || true
	"$PM" --db o.db "$@" >same.b 2>&1 || true
	cmp -s same.a same.b || fail "'$*' differs with the consolidated rows:
$(diff same.b same.a | head -20)"
}

# every DB: the commands that read series, every indicator given.
every() {
	rm -f o.db o.db-wal o.db-shm
	sqlite3 "$1" "VACUUM INTO 'o.db'"
	sqlite3 o.db 'UPDATE indicator SET cons_kind = NULL'
	for f in text json md csv; do
		same "$1" summary --format $f
	done
	same "$1" summary --as-of 2024-06 --format json
	same "$1" summary --as-of 2023 --format json
	same "$1" summary --region 330100 --format json
	for i in $inds; do
		same "$1" trend "$i" --format csv
		same "$1" trend "$i" --freq Q --format csv
		same "$1" trend "$i" --region 330100 --format json
		same "$1" trend "$i" --freq Q --as-of 2024-06 --format csv
	done
	rm -rf ra rb
	for p in 2024-06 ""; do
		run_expect 0 "$PM" --db "$1" -q report ${p:+--period $p} \
			--no-record --format md,json --renderer native --out ra
		run_expect 0 "$PM" --db o.db -q report ${p:+--period $p} \
			--no-record --format md,json --renderer native --out rb
		# The store is named in the report: the copy's name is not.
		sed "s/from the store o\.db\./from the store $1./" rb/report.md >rb/r.md
		expect_cmp rb/r.md ra/report.md
		expect_cmp rb/summary.json ra/summary.json
		rm -rf ra rb
	done
}

# The sample data.
inds="net_txn_volume online_retail_sales online_operators avg_commission_rate"
run_expect 0 "$PM" --db s.db -q ingest "$SAMPLE/yearly.csv"
check s.db
run_expect 0 "$PM" --db s.db -q ingest "$SAMPLE/monthly-ytd.csv" \
	"$SAMPLE/portal-export.csv"
check s.db
[ "$(sqlite3 s.db 'SELECT count(*) FROM cons')" -gt 1000 ] ||
	fail "no consolidated rows"
every s.db

# Generated: flows by month in every city and none for the province
# (region sums), a flow released year to date with growth from February
# (the January-February release, differencing) with cities' months
# missing, a stock by quarter with a break, a rate by month with a gap and
# year-to-date in 2023, yearly values with published growth. 2024 ends in
# June: incomplete years.
inds="net_txn_volume online_retail_sales online_operators online_consumption_share express_parcels"
awk -F, '$4 == "330000" { print $1 }' "$REPO/datasets/catalog/regions.csv" >cities
awk 'BEGIN { print "indicator,region,period,value,basis,yoy,status" }
FILENAME == "cities" { city[++nc] = $1; next }
END {
	for (y = 2021; y <= 2024; y++) for (m = 1; m <= 12; m++) {
		if (y == 2024 && m > 6) continue
		for (c = 1; c <= nc; c++)
			if (!(c == 3 && m == 5 && y == 2022))
				printf "net_txn_volume,%s,%d-%02d,%.1f,,,\n", city[c], y, m, 100 + c * 7 + m * 1.3 + (y - 2021) * 11
		if (m > 1) {
			cum = 0; for (k = 1; k <= m; k++) cum += 500 + k * 10 + (y - 2021) * 40
			printf "online_retail_sales,330000,%d-%02d,%.1f,ytd,%.1f,\n", y, m, cum, 5 + m / 10
		}
		if (!(m % 4 == 0 && y == 2023))
			printf "online_retail_sales,330100,%d-%02d,%.1f,,,\n", y, m, 200 + m + y % 10
		if (!(m == 8 && y == 2022))
			printf "online_consumption_share,330000,%d-%02d,%.2f,%s,,\n", y, m, 20 + m / 4 + (y - 2021), y == 2023 ? "ytd" : ""
		if (m % 3 == 0)
			for (c = 1; c <= 3; c++)
				printf "online_operators,%s,%dQ%d,%d,,,%s\n", city[c], y, m / 3, 1000 * c + y % 100 * 10 + m, (c == 1 && y == 2022 && m == 9) ? "B" : ""
	}
	for (y = 2018; y <= 2023; y++)
		printf "express_parcels,330000,%d,%.2f,,%.1f,%s\n", y, 80 + y % 100 * 3.25, 4 + y % 5, y == 2020 ? "P" : ""
}' cities - </dev/null >gen1.csv
run_expect 0 "$PM" --db g.db ingest gen1.csv
expect_stdout_lacks " rejected, " || true
grep -q ", 0 rejected" stdout || fail "gen1.csv rows rejected: $(cat stdout)"
check g.db
every g.db

# Revisions in 2022 and 2024 (a status becomes a break), then three more
# months: only those years are recomputed, and the check stays clean.
cat >gen2.csv <<EOF
indicator,region,period,value,basis,yoy,status
net_txn_volume,330100,2022-03,999.5,,,
net_txn_volume,330200,2024-02,1.25,,,
online_retail_sales,330000,2022-06,4000,ytd,6.1,
online_operators,330200,2024Q1,7,,,B
express_parcels,330000,2021,150.5,,9.9,
EOF
run_expect 0 "$PM" --db g.db ingest gen2.csv
expect_stdout_has "5 revised"
check g.db
awk 'FILENAME == "cities" { city[++nc] = $1; next }
END {
	print "indicator,region,period,value,basis,yoy"
	for (m = 7; m <= 9; m++) {
		for (c = 1; c <= nc; c++)
			printf "net_txn_volume,%s,2024-%02d,%.1f,,\n", city[c], m, 150 + c + m
		cum = 0; for (k = 1; k <= m; k++) cum += 620 + k * 10
		printf "online_retail_sales,330000,2024-%02d,%.1f,ytd,%.1f\n", m, cum, 5.5
	}
}' cities </dev/null >gen3.csv
run_expect 0 "$PM" --db g.db ingest gen3.csv
check g.db
every g.db

# A corrupted row: named with its series, period and field, exit 1, and
# it is what the readers use (the rows are read, not recomputed).
cp g.db c.db
sqlite3 c.db "UPDATE cons SET value = value + 1 WHERE period = 1202300
	AND ind = (SELECT id FROM indicator WHERE code = 'net_txn_volume')
	AND reg = (SELECT id FROM region WHERE code = '330100')"
run_expect 1 "$PM" --db c.db store check
expect_stdout_has "net_txn_volume 330100 2023: value stored"
expect_stdout_has "1 difference"
expect_stderr_has "1 consolidated row differs from the observations"
"$PM" --db g.db trend net_txn_volume --region 330100 --format csv >t.a
"$PM" --db c.db trend net_txn_volume --region 330100 --format csv >t.b
cmp -s t.a t.b && fail "the corrupted row was not read"
sqlite3 c.db "UPDATE cons SET flags = flags & ~2 WHERE period = 3202402
	AND ind = (SELECT id FROM indicator WHERE code = 'online_operators')
	AND reg = (SELECT id FROM region WHERE code = '330200')"
run_expect 1 "$PM" --db c.db store check
expect_stdout_has "online_operators 330200 2024Q2: complete differs"
sqlite3 c.db "DELETE FROM cons WHERE period = 1202200
	AND ind = (SELECT id FROM indicator WHERE code = 'express_parcels')"
run_expect 1 "$PM" --db c.db store check
expect_stdout_has "express_parcels 330000 2022: missing row"

# store copy carries the rows and the kinds.
run_expect 0 "$PM" store copy --from g.db --to copy.db
check copy.db
expect_eq "$(sqlite3 g.db 'SELECT count(*) FROM cons')" \
	"$(sqlite3 copy.db 'SELECT count(*) FROM cons')" "rows copied"

# The catalogue makes a rate a flow: its rows are of the old kind, so
# readers build it from the observations; the next ingest rebuilds it.
cp -r "$REPO/datasets/catalog" cat
awk -F, 'BEGIN { OFS = "," } $1 == "online_consumption_share" { sub(/,rate,/, ",flow,") } { print }' \
	"$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
grep -q '^online_consumption_share,.*,flow,' cat/indicators.csv ||
	fail "the catalogue edit did not take"
PEMETRICS_CATALOG=$PWD/cat
export PEMETRICS_CATALOG
inds=online_consumption_share
every g.db
printf 'indicator,region,period,value\nexpress_parcels,330000,2024,99.5\n' >gen4.csv
run_expect 0 "$PM" --db g.db -q ingest gen4.csv
expect_eq 0 "$(sqlite3 g.db "SELECT cons_kind FROM indicator WHERE code = 'online_consumption_share'")" \
	"the kind the rows are rebuilt with (flow)"
check g.db
every g.db
exit 0
