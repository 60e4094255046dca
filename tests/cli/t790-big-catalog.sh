#!/bin/sh
# long: started first by run.sh
# slow: a report over a 20,000-indicator catalogue (run under ASan, not valgrind)
# t790-big-catalog.sh: a catalogue of 20,000 indicators: the report
# finishes (a generous CPU limit, no timing) and prunes the old charts
# of ours it did not write, keeping other files; region chains: one
# deeper than the roll-up goes is named by "catalog check", every
# region of a long chain that ends in a cycle is refused. Speed itself
# is measured by "make bench", not here.
. "${0%/*}/lib.sh"

cp -R "$REPO/datasets/catalog" cat
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "gen_%05d,Generated %d,生成%d,亿元,flow,increase,M05,2022,,,,\n", i, i, i }' \
	>>cat/indicators.csv
PEMETRICS_CATALOG=$TMPD/cat
export PEMETRICS_CATALOG
run_expect 0 "$PM" catalog check
expect_stdout_has "20052 indicators"
awk 'BEGIN { print "indicator,region,period,value"
	for (i = 0; i < 500; i++) for (y = 2020; y <= 2025; y++)
		printf "gen_%05d,330000,%d,%d\n", i, y, 100 + y - 2020 + i }' >gen.csv
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" gen.csv
mkdir -p rep/charts
i=0
while [ $i -lt 2000 ]; do
	: >rep/charts/gen_$(printf %05d $i).330100.Y.png  # another region's
	i=$((i + 1))
done
: >rep/charts/notes.txt
(ulimit -t 120; exec "$PM" --db t.db -q report --out rep --renderer native \
	--no-record) >report.out 2>report.err || fail "report: $(cat report.err)"
[ -f rep/index.html ] || fail "no report"
[ -e rep/charts/gen_00001.330100.Y.png ] && fail "an old chart stayed"
[ -f rep/charts/notes.txt ] || fail "a file not ours was removed"

# A chain of regions deeper than the roll-up sums: named.
cp "$REPO/datasets/catalog/indicators.csv" cat/indicators.csv
p=330100
for k in 1 2 3 4 5 6 7 8 9 10; do
	printf '33019%d,Deep %d,深%d,%s,county,\n' $k $k $k $p >>cat/regions.csv
	p=33019$k
done
run_expect 1 "$PM" catalog check
expect_stderr_has "regions.csv:35: region 330198 is 9 levels below 330000: region sums stop 8 levels down"
expect_stderr_lacks "330197 is"
expect_stderr_lacks "330199 is"

# A long chain ending in a cycle: each of its regions refused, at once.
cp "$REPO/datasets/catalog/regions.csv" cat/regions.csv
awk 'BEGIN { for (i = 0; i < 3000; i++)
	printf "9%05d,Chain %d,链%d,9%05d,county,\n", i, i, i, i + 1
	printf "903000,Top,顶,900000,county,\n" }' >>cat/regions.csv
(ulimit -t 60; exec "$PM" catalog check) >check.out 2>check.err && fail "a cycle passed"
expect_eq 3001 "$(grep -c 'is in a cycle of parents' check.out check.err |
	awk -F: '{ s += $NF } END { print s }')" "regions refused"
exit 0
