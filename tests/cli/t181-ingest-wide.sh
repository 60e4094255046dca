#!/bin/sh
# t181-ingest-wide.sh: wide tables as offices receive them go in without a
# converter: the statistics bureau's data-portal export (also GB18030, and
# saved by Excel with a BOM and CRLF), periods as columns with
# year-to-date spans, a yearbook with regions as rows. Every cell lands in
# one count, and export gives the same observations as the long file.
. "${0%/*}/lib.sh"

R=$REPO/tests/fixtures/releases
cp -r "$REPO/datasets/catalog" cat
cat "$R/catalog-indicators.csv" >>cat/indicators.csv
cat "$R/catalog-regions.csv" >>cat/regions.csv
PEMETRICS_CATALOG=$PWD/cat
export PEMETRICS_CATALOG
run_expect 0 "$PM" catalog check

# export_of DB: the stored observations, first six columns
export_of() {
	run_expect 0 "$PM" --db "$1" export
	cut -d, -f1-6 stdout >"$1.csv"
}

# --- the data portal's export, and its long equivalent
cp "$R/nbs-software-revenue.csv" nbs.csv
run_expect 0 "$PM" --db nbs.db ingest nbs.csv
expect_stdout_has "nbs.csv: 6 rows: 5 inserted, 0 revised, 0 unchanged, 0 rejected, 1 skipped (not published)"
run_expect 0 "$PM" --db long.db ingest "$R/nbs-software-revenue.long.csv"
export_of nbs.db
export_of long.db
expect_cmp long.db.csv nbs.db.csv

# the same file as Excel saves it on a Chinese system: GB18030, CRLF
iconv -f UTF-8 -t GB18030 nbs.csv | sed 's/$/\r/' >gb.csv
run_expect 0 "$PM" --db gb.db ingest gb.csv
expect_stdout_has "gb.csv: 6 rows: 5 inserted, 0 revised, 0 unchanged, 0 rejected, 1 skipped (not published); read as GB18030"
export_of gb.db
expect_cmp long.db.csv gb.db.csv
# and in UTF-8 with a byte-order mark and CRLF
{ printf '\357\273\277'; sed 's/$/\r/' nbs.csv; } >bom.csv
run_expect 0 "$PM" --db bom.db ingest bom.csv
export_of bom.db
expect_cmp long.db.csv bom.db.csv

# --- periods as columns, year-to-date spans, a name for the indicator,
# "not published" marks, a duplicate (全国 and 中国 are one region)
run_expect 1 "$PM" --db ytd.db ingest --format json "$R/online-retail-ytd.csv" \
	--rejects ytd.rejects.csv
cp stdout out.json
expect_eq 10 "$(json_get out.json '$.files[0].rows')" "rows"
expect_eq 5 "$(json_get out.json '$.files[0].inserted')" "inserted"
expect_eq 1 "$(json_get out.json '$.files[0].rejected')" "rejected"
expect_eq 4 "$(json_get out.json '$.files[0].skipped')" "skipped"
expect_stderr_has "online-retail-ytd.csv:3: column '2024年1-3月': duplicate of line 2"
run_expect 0 "$PM" --db ytdlong.db ingest "$R/online-retail-ytd.long.csv"
export_of ytd.db
export_of ytdlong.db
expect_cmp ytdlong.db.csv ytd.db.csv

# the rejects file holds the cell in the long layout: fixed, it goes in
cat >want <<'EOF2'
line,reason,indicator,region,period,value,unit,basis
3,column '2024年1-3月': duplicate of line 2,网上零售额,中国,2024年1-3月,3.39,万亿元,
EOF2
expect_cmp want ytd.rejects.csv
cut -d, -f3- ytd.rejects.csv | sed 's/^网上零售额,中国,2024年1-3月,3.39/online_retail_sales,中国,2024年1-3月,3.3867/' \
	>fixed.csv
run_expect 0 "$PM" --db ytd.db ingest fixed.csv
expect_stdout_has "fixed.csv: 1 rows: 0 inserted, 0 revised, 1 unchanged, 0 rejected"

# --- a yearbook: regions as rows, indicator and unit on metadata lines
run_expect 0 "$PM" --db yb.db ingest "$R/cities-yearbook.csv"
expect_stdout_has "cities-yearbook.csv: 9 rows: 8 inserted, 0 revised, 0 unchanged, 0 rejected, 1 skipped (not published)"
run_expect 0 "$PM" --db yb.db export
expect_stdout_has "online_retail_sales,330300,2022,1409.9,亿元,"

# --- a wide table with a source, a note and a status per row: each
# applies to every value of its row (stored, exported, in the rejects
# file's long row), never "ignored"
cat >rowprov.csv <<'EOF2'
指标,地区,单位,数据来源,备注,状态,2022年,2023年
网上零售额,杭州,亿元,杭州市统计局,含跨境电商,初步,1000,x
网上零售额,宁波,亿元,宁波市统计局,,,800,900
EOF2
run_expect 1 "$PM" --db rp.db ingest rowprov.csv --rejects rp.rejects.csv
expect_stdout_has "rowprov.csv: 4 rows: 3 inserted, 0 revised, 0 unchanged, 1 rejected"
expect_stderr_lacks "ignored"
run_expect 0 "$PM" --db rp.db export
expect_stdout_has "online_retail_sales,330100,2022,1000,亿元,,P,杭州市统计局,含跨境电商"
expect_stdout_has "online_retail_sales,330200,2023,900,亿元,,,宁波市统计局,"
head -n 1 rp.rejects.csv >got
expect_eq "line,reason,indicator,region,period,value,unit,basis,status,source,note" \
	"$(cat got)" "rejects header of a wide table with provenance"
grep -q ",网上零售额,杭州,2023年,x,亿元,,初步,杭州市统计局,含跨境电商$" rp.rejects.csv ||
	fail "rejects row keeps the row's status, source and note"

# --- where region or indicator come from, and usage errors that say so
printf '地区,2022,2023\n杭州,1,2\n' >noind.csv
run_expect 2 "$PM" --db u.db ingest noind.csv
expect_stderr_has "noind.csv:1: wide table without an indicator: no indicator column (indicator, 指标), no '指标：' line; give --indicator CODE"
run_expect 0 "$PM" --db u.db ingest --indicator online_retail_sales noind.csv
expect_stdout_has "noind.csv: 2 rows: 2 inserted"
printf 'indicator,unit,2023,2024\nonline_retail_sales,亿元,1,2\n' >noreg.csv
run_expect 2 "$PM" --db u.db ingest noreg.csv
expect_stderr_has "noreg.csv:1: wide table without a region: no region column (region, 地区), no '地区：' line; give --region CODE"
run_expect 0 "$PM" --db u.db ingest --region 330200 noreg.csv
run_expect 0 "$PM" --db u.db export
expect_stdout_has "online_retail_sales,330200,2024,2,亿元,"

# --- an ambiguous header names both readings; --layout chooses
printf 'indicator,region,period,value,2023\nonline_retail_sales,330000,2022,5,\n' >amb.csv
run_expect 1 "$PM" --db a.db ingest amb.csv
expect_stderr_has "amb.csv:1: ambiguous header: long (its columns 'period' and 'value') or wide (periods as columns: '2023')? --layout long or --layout wide says which"
run_expect 0 "$PM" --db a.db ingest --layout long amb.csv
expect_stdout_has "amb.csv: 1 rows: 1 inserted"
run_expect 2 "$PM" --db a.db ingest --layout sideways amb.csv

# --- a rejected cell names line and column
printf 'indicator,region,2023年,2024年\nonline_retail_sales,330000,12x,7\n' >bad.csv
run_expect 1 "$PM" --db b.db ingest bad.csv
expect_stderr_has "pemetrics: bad.csv:2: column '2023年': bad value '12x': not a number"
expect_stdout_has "bad.csv: 2 rows: 1 inserted, 0 revised, 0 unchanged, 1 rejected"
