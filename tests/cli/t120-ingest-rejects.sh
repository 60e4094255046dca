#!/bin/sh
# t120-ingest-rejects.sh: each bad row is named by file, line and reason on
# stderr and lands in the rejects file with its original fields; the good
# rows are stored; exit 1.
. "${0%/*}/lib.sh"

cat >in.csv <<'EOF'
indicator,region,period,value,unit
net_txn_volume,330000,2023,31500.2,亿元
x,330000,2023,1,亿元
net_txn_volume,Atlantis,2023,2,亿元
net_txn_volume,330100,2023-13,3,亿元
net_txn_volume,330200,2023,n/a,亿元
net_txn_volume,330300,2023,,亿元
net_txn_volume,330400,2023,5,户
online_operators,杭州,2023,123456,户
net_txn_volume,330000,2023,31600,亿元
online_operators,330000,2023
cross_border_ecommerce,宁波,2023,"1,284.7",亿元
EOF
cat >expect.err <<'EOF'
pemetrics: in.csv:3: unknown indicator 'x'
pemetrics: in.csv:4: unknown region 'Atlantis'
pemetrics: in.csv:5: bad period '2023-13': month out of range (1-12)
pemetrics: in.csv:6: bad value 'n/a': not a number
pemetrics: in.csv:7: missing value
pemetrics: in.csv:8: unit '户' (count) does not convert to 亿元 (money) of 'net_txn_volume'
pemetrics: in.csv:10: duplicate of line 2
pemetrics: in.csv:11: too few fields (3, expected 5)
EOF
run_expect 1 "$PM" --db t.db ingest in.csv
expect_cmp expect.err stderr
expect_eq "in.csv: 11 rows: 3 inserted, 0 revised, 0 unchanged, 8 rejected; rejects in in.csv.rejects.csv" \
	"$(cat stdout)" "result line"

# the rejects file: line, reason, then the original header and fields
cat >expect.rej <<'EOF'
line,reason,indicator,region,period,value,unit
3,unknown indicator 'x',x,330000,2023,1,亿元
4,unknown region 'Atlantis',net_txn_volume,Atlantis,2023,2,亿元
5,bad period '2023-13': month out of range (1-12),net_txn_volume,330100,2023-13,3,亿元
6,bad value 'n/a': not a number,net_txn_volume,330200,2023,n/a,亿元
7,missing value,net_txn_volume,330300,2023,,亿元
8,unit '户' (count) does not convert to 亿元 (money) of 'net_txn_volume',net_txn_volume,330400,2023,5,户
10,duplicate of line 2,net_txn_volume,330000,2023,31600,亿元
11,"too few fields (3, expected 5)",online_operators,330000,2023
EOF
[ -f in.csv.rejects.csv ] || fail "no rejects file at the default path"
expect_cmp expect.rej in.csv.rejects.csv

# the good rows are stored, the first of a duplicated key wins, and a
# missing value is not stored as zero
cat >expect.csv <<'EOF'
indicator,region,period,value,unit,basis
cross_border_ecommerce,330200,2023,1284.7,亿元,
net_txn_volume,330000,2023,31500.2,亿元,
online_operators,330100,2023,123456,户,
EOF
run_expect 0 "$PM" --db t.db export
expect_cmp expect.csv stdout

# --rejects PATH: the file goes there, the result line says so, no
# default file
run_expect 1 "$PM" --db t2.db ingest --rejects other.csv in.csv
expect_cmp expect.rej other.csv
expect_stdout_has "; rejects in other.csv"
expect_cmp expect.err stderr

# -q (after the command too): no result line, still every error
run_expect 1 "$PM" --db t3.db ingest -q in.csv
[ ! -s stdout ] || fail "-q printed a result line"
expect_cmp expect.err stderr
run_expect 1 "$PM" --db t4.db -q ingest --rejects q.csv in.csv
[ ! -s stdout ] || fail "-q printed a result line"
expect_cmp expect.err stderr
expect_cmp expect.rej q.csv

# a quoted field spanning two lines: line numbers are physical lines
printf 'indicator,region,period,value,note\n%s\n%s\n%s\n' \
	'net_txn_volume,330000,2023,1,"two' \
	'lines"' \
	'net_txn_volume,Atlantis,2023,2,x' >ml.csv
run_expect 1 "$PM" --db t5.db ingest ml.csv
expect_stderr_has "pemetrics: ml.csv:4: unknown region 'Atlantis'"
expect_stdout_has "ml.csv: 2 rows: 1 inserted, 0 revised, 0 unchanged, 1 rejected"
expect_eq 4 "$(sed -n 2p ml.csv.rejects.csv | cut -d, -f1)" \
	"line of the reject in the file"

# more than 10 rejects: 10 shown, then one line for the rest; -v shows all
{
	echo 'indicator,region,period,value'
	i=1
	while [ $i -le 13 ]; do
		echo "net_txn_volume,Atlantis$i,2023,$i"
		i=$((i + 1))
	done
	echo 'net_txn_volume,330000,2023,7'
} >many.csv
run_expect 1 "$PM" --db m.db ingest many.csv
expect_eq 11 "$(wc -l <stderr)" "stderr lines with 13 rejects"
expect_eq 10 "$(grep -c "^pemetrics: many.csv:[0-9]*: unknown region 'Atlantis" stderr)" \
	"rejects shown"
expect_stderr_has "pemetrics: many.csv:11: unknown region 'Atlantis10'"
expect_stderr_lacks "'Atlantis11'"
expect_eq "pemetrics: many.csv: 3 more rejected rows in many.csv.rejects.csv" \
	"$(tail -n 1 stderr)" "the summary line"
expect_eq 14 "$(wc -l <many.csv.rejects.csv)" "rejects file: header + 13"
expect_stdout_has "many.csv: 14 rows: 1 inserted, 0 revised, 0 unchanged, 13 rejected"

run_expect 1 "$PM" --db m2.db -v ingest many.csv
expect_eq 13 "$(wc -l <stderr)" "-v: every reject shown"
expect_stderr_has "pemetrics: many.csv:14: unknown region 'Atlantis13'"
expect_stderr_lacks "more rejected rows"

run_expect 1 "$PM" --db m3.db ingest -v many.csv
expect_eq 13 "$(wc -l <stderr)" "ingest -v: every reject shown"
