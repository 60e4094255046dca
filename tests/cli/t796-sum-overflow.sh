#!/bin/sh
# t796-sum-overflow.sh: a region whose children's values sum beyond
# double's range gets no figure and a check that says so, never "inf",
# in every format of summary and trend and in the report.
. "${0%/*}/lib.sh"

cp -r "$REPO/datasets/catalog" cat
cat >cat/regions.csv <<'CSV'
code,name_en,name_zh,parent,level,aliases
900000,Whole,全体,,province,
900100,East,东,900000,city,
900200,West,西,900000,city,
CSV
PEMETRICS_CATALOG=$PWD/cat
export PEMETRICS_CATALOG
cat >big.csv <<'CSV'
indicator,region,period,value,unit
net_txn_volume,900100,2023,1e308,亿元
net_txn_volume,900200,2023,1e308,亿元
net_txn_volume,900100,2024,1.5e308,亿元
net_txn_volume,900200,2024,1.5e308,亿元
CSV
run_expect 0 "$PM" --db s.db -q ingest big.csv

for f in text md json csv; do
	run_expect 0 "$PM" --db s.db summary --region 900000 --format $f
	grep -qiw 'inf' stdout && fail "summary --format $f shows inf: $(grep -iw inf stdout)"
	cp stdout "summary.$f"
done
grep -q "net_txn_volume 900000  the sum of its parts is out of range: no figure" summary.text ||
	fail "the text summary does not say the sum is out of range"
grep -q "| net\\\\_txn\\\\_volume | 900000 | 2024 |  | out of range | no figure |" summary.md ||
	fail "the Markdown summary does not say it"
expect_eq 1 "$(json_get summary.json '$.checks[0].out_of_range')" "JSON"
expect_eq "" "$(json_get summary.json '$.checks[0].children')" "JSON children"
run_expect 1 "$PM" --db s.db trend net_txn_volume --region 900000
expect_stderr_has "no data for 'net_txn_volume' in 900000"
run_expect 0 "$PM" --db s.db trend net_txn_volume --region 900100
grep -qiw 'inf' stdout && fail "trend of a child shows inf"
run_expect 0 "$PM" --db s.db report --region 900000 --out r --format html,md \
	--renderer native --no-record
grep -qw 'inf' r/index.html r/report.md && fail "the report shows inf"
grep -q "out of range" r/report.md || fail "the report does not say out of range"
