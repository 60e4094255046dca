#!/bin/sh
# t530-report-rejects.sh: the rejected rows a report lists are those of its
# period (rows whose period ends after the previous period and not after
# the as-of, and rows without a usable period from files that gave data of
# it), never rows of later periods, and the same whenever it is made.
. "${0%/*}/lib.sh"

# section FILE: the rejected-rows part of report.md.
section() {
	sed -n '/^### Rows rejected at ingest/,/^### Region totals/p' "$1"
}

cat >base.csv <<CSV
indicator,region,period,value,unit,basis
net_txn_volume,330000,2022,58000,亿元,
net_txn_volume,330000,2023,63480.1,亿元,
net_txn_volume,浙江省,2024-02,9804.9,亿元,ytd
net_txn_volume,浙江省,2024-03,15376.1,亿元,ytd
net_txn_volume,浙江省,2024-04,20691.4,亿元,ytd
net_txn_volume,浙江省,2024-05,26651.0,亿元,ytd
CSV
run_expect 0 "$PM" --db c.db -q ingest base.csv
# June: its data, a row of June with an unknown region (its period says
# June), a row with a bad period (no usable period: its file gave data of
# June); both are of the June report.
cat >june.csv <<CSV
indicator,region,period,value,unit,basis
net_txn_volume,浙江省,2024-06,32857.0,亿元,ytd
net_txn_volume,Atlantis,2024-06,1,亿元,ytd
net_txn_volume,330000,2024-13,2,亿元,ytd
CSV
run_expect 1 "$PM" --db c.db -q ingest june.csv
run_expect 0 "$PM" --db c.db -q report --period 2024Q2 --out q1 --format md
section q1/report.md >q1.txt
grep -q 'june.csv, ingested .*: 2 of 3 rows rejected' q1.txt ||
	fail "June's rejects in the 2024Q2 report"
grep -q "unknown region 'Atlantis'" q1.txt || fail "reason listed"

# Later periods: rejected rows of a file that gave no data of June (a
# December value that is not a number, a November row of an unknown
# region) stay out of the June report.
printf 'indicator,region,period,value,unit,basis\nnet_txn_volume,浙江省,2024-12,77777.7 approx,亿元,ytd\n' >later3.csv
printf 'indicator,region,period,value,unit,basis\nnet_txn_volume,Mordor2099,2024-11,5,亿元,ytd\n' >mordor.csv
run_expect 1 "$PM" --db c.db -q ingest later3.csv
run_expect 1 "$PM" --db c.db -q ingest mordor.csv
run_expect 0 "$PM" --db c.db -q report --period 2024-06 --out m6 --format md,html
! grep -q '77777\|Mordor\|later3\|mordor' m6/report.md m6/index.html ||
	fail "rejects of later periods in the June report"
grep -q 'june.csv, ingested' m6/report.md || fail "June's rejects (monthly)"
# Nor in the May report: June's file is of June.
run_expect 0 "$PM" --db c.db -q report --period 2024-05 --out m5 --format md
grep -q 'No row of this period was rejected' m5/report.md ||
	fail "the May report lists no rejects"
# The same whenever it is made: after other reports were recorded.
run_expect 0 "$PM" --db c.db -q report --period 2024Q2 --out q2 --format md
section q2/report.md >q2.txt
expect_cmp q1.txt q2.txt

# Each row is placed by its own period, recorded at ingest: a July row of
# a file that also gave June data is in the July report, not in June's.
cat >mixed.csv <<CSV
indicator,region,period,value,unit,basis
net_txn_volume,330100,2024-06,10,亿元,ytd
net_txn_volume,Narnia,2024-07,1,亿元,ytd
CSV
run_expect 1 "$PM" --db c.db -q ingest mixed.csv
expect_eq "2024-07" "$(sqlite3 c.db "SELECT period FROM reject WHERE reason LIKE '%Narnia%'")" \
	"the rejected row's period text is stored"
run_expect 0 "$PM" --db c.db -q report --period 2024-06 --out m6b --format md
section m6b/report.md >m6b.txt
! grep -q Narnia m6b.txt || fail "a July row in the June report"
run_expect 0 "$PM" --db c.db -q report --period 2024-07 --out m7 --format md
grep -q Narnia m7/report.md || fail "the July row in the July report"
