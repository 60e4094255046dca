#!/bin/sh
# t180-ingest-chinese.sh: a long file as a Chinese release writes it:
# Chinese column names, Chinese period forms and basis words, "not
# published" marks (skipped and counted, never stored), Excel's renderings
# of a month (stored, with a warning). Every row lands in one count.
. "${0%/*}/lib.sh"

cat >in.csv <<'EOF2'
指标,地区,时间,数值,单位,口径,同比
online_retail_sales,330000,2024年1-2月,4001.2,亿元,累计,7.1
online_retail_sales,330000,2024年1-3月,6032.5,亿元,累计,8.4
online_retail_sales,330000,2024年前三季度,20036.9,亿元,,9.0
online_retail_sales,330000,2024年4月,—,亿元,当月,
online_retail_sales,330000,2024年5月,…,亿元,当月,
online_retail_sales,330000,2024年6月,/,亿元,当月,
online_retail_sales,330000,Mar-23,1800.5,亿元,当月,
online_retail_sales,330000,2023/4/1,1750,亿元,当月,
online_retail_sales,330000,2023年,27000,亿元,,
online_retail_sales,330000,2023年一季度,5500,亿元,当季,
online_retail_sales,330000,2023年上半年,12000,亿元,,
online_retail_sales,330000,2023年1-6月,11900,亿元,当月,
online_retail_sales,330000,2023年3-6月,1,亿元,,
EOF2
run_expect 1 "$PM" --db t.db ingest in.csv
expect_stdout_has "in.csv: 13 rows: 8 inserted, 0 revised, 0 unchanged, 2 rejected, 3 skipped (not published); 2 warnings"
expect_stderr_has "pemetrics: in.csv:13: period '2023年1-6月' is year to date, basis '当月' says the period itself"
expect_stderr_has "pemetrics: in.csv:14: bad period '2023年3-6月': a span of months that does not start in January"
# a skipped cell is not a rejected row
expect_stderr_lacks "in.csv:5:"

run_expect 0 "$PM" --db t.db export
cat >expect.csv <<'EOF2'
indicator,region,period,value,unit,basis
online_retail_sales,330000,2023,27000,亿元,
online_retail_sales,330000,2023H1,12000,亿元,
online_retail_sales,330000,2023Q1,5500,亿元,
online_retail_sales,330000,2023-03,1800.5,亿元,
online_retail_sales,330000,2023-04,1750,亿元,
online_retail_sales,330000,2024-02,4001.2,亿元,ytd
online_retail_sales,330000,2024-03,6032.5,亿元,ytd
online_retail_sales,330000,2024-09,20036.9,亿元,ytd
EOF2
cut -d, -f1-6 stdout >got.csv
expect_cmp expect.csv got.csv

# each reading of a spreadsheet date is named
run_expect 1 "$PM" --db v.db ingest --dry-run in.csv --rejects r.csv
expect_stderr_has "in.csv:8: warning: period 'Mar-23' read as 2023-03"
expect_stderr_has "in.csv:9: warning: period '2023/4/1' read as 2023-04"
expect_stdout_has "checked 13 rows: 8 valid, 2 rejected, 3 skipped (dry run"

# JSON: the counts add up, with skipped and warnings

run_expect 1 "$PM" --db j.db ingest --format json in.csv
cp stdout out.json
expect_eq 3 "$(json_get out.json '$.files[0].skipped')" "skipped"
expect_eq 2 "$(json_get out.json '$.files[0].warnings')" "warnings"
expect_eq 13 "$(sqlite3 :memory: "SELECT
    json_extract(readfile('out.json'), '\$.files[0].inserted') +
    json_extract(readfile('out.json'), '\$.files[0].revised') +
    json_extract(readfile('out.json'), '\$.files[0].unchanged') +
    json_extract(readfile('out.json'), '\$.files[0].rejected') +
    json_extract(readfile('out.json'), '\$.files[0].skipped')")" \
	"rows against the five counts"

# A header that names nothing known says which names are accepted.
printf '名称,日期,金额\nx,2024,1\n' >bad.csv
run_expect 1 "$PM" --db b.db ingest bad.csv
expect_stderr_has "names accepted: 'indicator' (or 指标, 指标名称), 'region' (or 地区, 地区代码), 'period' (or 时间, 时期, 期间, 统计时间), 'value' (or 数值, 值, 本期值)"
