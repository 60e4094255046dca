#!/bin/sh
# t183-ytd-share.sh: a share the bureau publishes only year to date (the
# physical-goods share of retail sales, 1-N月) is stored as ytd and never
# differenced nor averaged: a year is its latest month's value, complete
# at December, quarters the values to their ends, labelled year to date.
# A stock reported at the end of June is the level at that date.
. "${0%/*}/lib.sh"

R=$REPO/tests/fixtures/releases
cp -r "$REPO/datasets/catalog" cat
cat "$R/catalog-indicators.csv" >>cat/indicators.csv
cat "$R/catalog-regions.csv" >>cat/regions.csv
PEMETRICS_CATALOG=$PWD/cat
export PEMETRICS_CATALOG

cat >share.csv <<'EOF2'
指标,地区,单位,2023年1-2月,2023年1-3月,2023年1-6月,2023年1-12月,2024年1-2月,2024年1-3月,2024年1-6月
实物商品网上零售额占比,全国,%,24.8,23.3,26.6,27.6,23.3,23.0,25.0
EOF2
run_expect 0 "$PM" --db t.db ingest share.csv
expect_stdout_has "share.csv: 7 rows: 7 inserted, 0 revised, 0 unchanged, 0 rejected"
run_expect 0 "$PM" --db t.db export
expect_stdout_has "physical_goods_share,100000,2024-06,25,%,ytd"

run_expect 0 "$PM" --db t.db trend physical_goods_share --region 100000
cat >want <<'EOF2'
2023                27.6            year to date (Jan-Dec)
2024                25.0   -1.6 pt  year to date (Jan-Jun)
EOF2
tail -n 2 stdout >got
expect_cmp want got

run_expect 0 "$PM" --db t.db trend physical_goods_share --region 100000 --freq Q
cat >want <<'EOF2'
2023Q1              23.3            year to date (Jan-Mar)
2023Q2              26.6            year to date (Jan-Jun)
2023Q4              27.6            year to date (Jan-Dec)
2024Q1              23.0   -0.3 pt  year to date (Jan-Mar)
2024Q2              25.0   -1.6 pt  year to date (Jan-Jun)
EOF2
tail -n 5 stdout >got
expect_cmp want got
run_expect 0 "$PM" --db t.db trend physical_goods_share --region 100000 --format json
cp stdout out.json
expect_eq 1 "$(json_get out.json '$.points[1].ytd')" "ytd flag in JSON"

# A stock: a level at the end of June, not a span of months.
printf 'indicator,region,period,value,unit\nonline_operators,330000,2023年6月末,2000000,户\nonline_operators,330000,2022,1900000,户\n' >stock.csv
run_expect 0 "$PM" --db t.db ingest stock.csv
run_expect 0 "$PM" --db t.db trend online_operators --region 330000
expect_stdout_has "2023             2000000            level at end-Jun"
# but a stock is never year to date
printf 'indicator,region,period,value,unit\nonline_operators,330000,2024年1-6月,1,户\n' >bad.csv
run_expect 1 "$PM" --db t.db ingest bad.csv
expect_stderr_has "bad.csv:2: basis 'ytd' applies to flows only and to rates published year to date, not to a stock (a level at a date)"
