#!/bin/sh
# t150-ingest-roundtrip.sh: an export, ingested into an empty store, exports
# the same bytes; the JSON export is valid JSON holding every observation.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db a.db ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
run_expect 0 "$PM" --db a.db export --format csv
cp stdout a.csv
n=$(($(wc -l <a.csv) - 1))
[ "$n" -gt 0 ] || fail "nothing exported"

run_expect 0 "$PM" --db b.db ingest a.csv
expect_eq "a.csv: $n rows: $n inserted, 0 revised, 0 unchanged, 0 rejected" \
	"$(cat stdout)" "ingesting the export"
run_expect 0 "$PM" --db b.db export
cp stdout b.csv
expect_cmp a.csv b.csv

# the same round trip with the published growth rates
run_expect 0 "$PM" --db a.db export --yoy
cp stdout ay.csv
run_expect 0 "$PM" --db c.db ingest ay.csv
run_expect 0 "$PM" --db c.db export --yoy
expect_cmp ay.csv stdout
# the monthly sample has a yoy column: some rates made it through
grep -q ',ytd,[0-9.-]\{1,\}$' ay.csv || fail "no yoy value in the export"

# edge values survive the round trip: tiny, huge, negative, many digits
cat >edge.csv <<'EOF'
indicator,region,period,value,unit
net_txn_volume,330000,2016,0.000001234,亿元
net_txn_volume,330000,2017,123456789012.25,亿元
net_txn_volume,330000,2018,0.1,万元
net_txn_volume,330000,2019,1e20,元
net_txn_volume,330000,2020,0,亿元
platform_rd_intensity,330000,2020,-0.3,%
platform_rd_intensity,330000,2021,3.3333333333333335,%
EOF
run_expect 0 "$PM" --db e.db ingest edge.csv
run_expect 0 "$PM" --db e.db export
cp stdout e1.csv
run_expect 0 "$PM" --db e2.db ingest e1.csv
run_expect 0 "$PM" --db e2.db export
expect_cmp e1.csv stdout
# read back, each is the same double as the input after conversion
expect_stdout_has "net_txn_volume,330000,2017,123456789012.25,亿元,"
expect_stdout_has "net_txn_volume,330000,2018,0.00001,亿元,"
expect_stdout_has "net_txn_volume,330000,2019,1000000000000,亿元,"
expect_stdout_has "platform_rd_intensity,330000,2021,3.3333333333333335,%,"

# JSON export: valid, one entry per observation, same values
run_expect 0 "$PM" --db a.db export --format json
cp stdout a.json
expect_eq 1 "$(sqlite3 :memory: "SELECT json_valid(readfile('a.json'))")" \
	"export --format json is valid JSON"
expect_eq "$n" "$(sqlite3 :memory: \
	"SELECT count(*) FROM json_tree(readfile('a.json'))
	 WHERE key = 'indicator'")" "observations in the JSON export"
# the JSON holds what the CSV holds (checked through sqlite3's readers)
sqlite3 :memory: >fromjson.csv <<'EOF'
.mode list
.separator "," "\n"
.headers off
SELECT json_extract(o.value, '$.indicator'), json_extract(o.value, '$.region'),
       json_extract(o.value, '$.period'), json_extract(o.value, '$.unit'),
       coalesce(json_extract(o.value, '$.basis'), '')
FROM json_tree(readfile('a.json')) o
WHERE o.type = 'object' AND json_extract(o.value, '$.indicator') IS NOT NULL;
EOF
sed 1d a.csv | awk -F, '{ print $1 "," $2 "," $3 "," $5 "," $6 }' >fromcsv.csv
sort fromjson.csv >j.sorted
sort fromcsv.csv >c.sorted
expect_cmp c.sorted j.sorted
