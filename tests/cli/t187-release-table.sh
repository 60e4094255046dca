#!/bin/sh
# t187-release-table.sh: a monthly press-release table as it is copied
# from the release (tests/fixtures/releases/nbs-retail-release.csv): a
# title line that dates labels without a year, a two-row header of level
# and growth columns per period, "其中：" items, "—" not published, note
# and source lines. The level cells go in as values of their period with
# the growth beside them as the published yoy; rows the plan does not
# track are rejected, or skipped with --skip-unknown; counts add up.
. "${0%/*}/lib.sh"

R=$REPO/tests/fixtures/releases
cp -r "$REPO/datasets/catalog" cat
cat "$R/catalog-regions.csv" >>cat/regions.csv
# The national series under its release name, and the physical goods
# part of it.
sed 's/^\(online_retail_sales,.*\),网上零售额,/\1,网上零售额;全国网上零售额,/' \
	cat/indicators.csv >ind.csv && mv ind.csv cat/indicators.csv
echo 'physical_goods_online_retail,Online retail sales of physical goods,实物商品网上零售额,亿元,flow,increase,M05,2022,,,,,,,,,,' \
	>>cat/indicators.csv
PEMETRICS_CATALOG=$PWD/cat
export PEMETRICS_CATALOG
run_expect 0 "$PM" catalog check

cp "$R/nbs-retail-release.csv" rel.csv
# 8 items (one a heading without values) x 2 periods: 2 stored, 4 not
# published (the heading's 2, online retail's monthly "—"), 10 rows of
# items the catalogue does not have.
run_expect 1 "$PM" --db r.db ingest --region 全国 rel.csv
expect_stdout_has "rel.csv: 16 rows: 2 inserted, 0 revised, 0 unchanged, 10 rejected, 4 skipped (not published)"
expect_stderr_has "rel.csv:4: column '2024年10月': unknown indicator '社会消费品零售总额'"
run_expect 0 "$PM" --db r.db export --yoy
cat >want <<'EOF2'
indicator,region,period,value,unit,basis,yoy,status,source,note
online_retail_sales,100000,2024-10,123340,亿元,ytd,8.8,,国家统计局,此表速度均为未扣除价格因素的名义增速。
physical_goods_online_retail,100000,2024-10,103951,亿元,ytd,7.8,,国家统计局,此表速度均为未扣除价格因素的名义增速。
EOF2
expect_cmp want stdout
# The rejects file holds each cell as a long row with its period dated,
# its unit and its growth: fixed, it goes in.
expect_eq "line,reason,indicator,region,period,value,unit,basis,yoy" \
	"$(head -n 1 rel.csv.rejects.csv)" "rejects header"
grep -q "^9,column '2024年10月': unknown indicator '乡村',乡村,全国,2024年10月,6233,亿元,,5.7$" \
	rel.csv.rejects.csv || fail "rejects row of 乡村 in October"
grep ',社会消费品零售总额,' rel.csv.rejects.csv | cut -d, -f3- |
	sed 's/^社会消费品零售总额,全国/online_retail_sales,330000/' >fixed.csv
sed -i '1i indicator,region,period,value,unit,basis,yoy' fixed.csv
run_expect 0 "$PM" --db fix.db ingest fixed.csv
expect_stdout_has "fixed.csv: 2 rows: 2 inserted"

# --skip-unknown: the rows of untracked items are counted, not rejected.
run_expect 0 "$PM" --db s.db ingest --region 全国 --skip-unknown \
	--format json rel.csv
cp stdout s.json
got=$(sqlite3 :memory: "SELECT group_concat(v, ' ') FROM (SELECT
	json_extract(value, '\$.' || k) v FROM json_each(readfile('s.json'),
	'\$.files'), (SELECT 'rows' k UNION ALL SELECT 'inserted' UNION ALL
	SELECT 'rejected' UNION ALL SELECT 'skipped' UNION ALL
	SELECT 'skipped_untracked'))")
expect_eq "16 2 0 14 10" "$got" "counts with --skip-unknown"
[ ! -e rel.csv.rejects.1.csv ] || fail "a rejects file without rejects"
run_expect 0 "$PM" --db s2.db ingest --region 全国 --skip-unknown rel.csv
expect_stdout_has "rel.csv: 16 rows: 2 inserted, 0 revised, 0 unchanged, 0 rejected, 14 skipped (4 not published, 10 not in the catalogue)"

# Where the year comes from: the title, a 时间： line, --year; without
# any, a usage error that says so.
tail -n +2 rel.csv >noyear.csv
run_expect 2 "$PM" --db n.db ingest --region 全国 --skip-unknown noyear.csv
expect_stderr_has "noyear.csv:1: period label '10月' without a year: a title line naming it ('2024年...'), a '时间：2024年' line, or --year YEAR"
run_expect 0 "$PM" --db n.db ingest --region 全国 --skip-unknown \
	--year 2024 noyear.csv
run_expect 0 "$PM" --db n.db export --yoy
expect_cmp want stdout
{ echo '时间：2024年1-10月'; cat noyear.csv; } >timed.csv
run_expect 0 "$PM" --db t.db ingest --region 全国 --skip-unknown timed.csv
run_expect 0 "$PM" --db t.db export --yoy
expect_cmp want stdout

# Copied as GB18030 with CRLF, as a spreadsheet saves it.
iconv -f UTF-8 -t GB18030 rel.csv | sed 's/$/\r/' >gb.csv
run_expect 0 "$PM" --db g.db ingest --region 全国 --skip-unknown gb.csv
run_expect 0 "$PM" --db g.db export --yoy
expect_cmp want stdout

# One header row: the month, the year to date said "累计", and the growth
# column right after a period its growth; nothing is left "ignored".
cat >one.csv <<'EOF2'
2024年1-10月份网上零售主要数据
指标名称,单位,10月当月,1-10月累计,比上年同期增长(%)
网上零售额,亿元,12000,123340,8.8
EOF2
run_expect 0 "$PM" --db o.db ingest --region 全国 one.csv
expect_stdout_has "one.csv: 2 rows: 2 inserted"
expect_stderr_lacks "ignored"
run_expect 0 "$PM" --db o.db export --yoy
expect_stdout_has "online_retail_sales,100000,2024-10,12000,亿元,,"
expect_stdout_has "online_retail_sales,100000,2024-10,123340,亿元,ytd,8.8"
# A word that contradicts the label is no period: "10月累计" is not the
# span its words say, so the column is reported, not guessed.
printf '指标,2024年10月累计\n网上零售额,1\n' >contra.csv
run_expect 1 "$PM" --db c.db ingest --region 全国 contra.csv
expect_stderr_has "contra.csv:1: warning: unknown column '2024年10月累计' ignored"
expect_stdout_has "contra.csv: failed: nothing stored"

# Growth as releases word it: "增长8.8%" is 8.8, "下降1.2%" -1.2; a
# share's change in points is no growth rate: the level goes in, the
# change is not kept, with a warning that says so.
cat "$R/catalog-indicators.csv" >>cat/indicators.csv
cat >words.csv <<'EOF2'
2024年1-10月
指标,1-10月,
,绝对量,同比增长（%）
实物商品网上零售额占社会消费品零售总额比重(%),26.1,提高0.8个百分点
网上零售额,123340,增长8.8%
软件业务收入,1000,下降1.2%
EOF2
run_expect 0 "$PM" --db w.db ingest --region 全国 words.csv
expect_stdout_has "words.csv: 3 rows: 3 inserted, 0 revised, 0 unchanged, 0 rejected; 1 warning"
expect_stderr_has "words.csv:4: warning: column '2024年1-10月': growth '提高0.8个百分点' is a change in points, not a growth rate: not kept"
run_expect 0 "$PM" --db w.db export --yoy
expect_stdout_has "online_retail_sales,100000,2024-10,123340,亿元,ytd,8.8"
expect_stdout_has "physical_goods_share,100000,2024-10,26.1,%,ytd,"
expect_stdout_has "software_revenue,100000,2024-10,1000,亿元,ytd,-1.2"
