#!/bin/sh
# t410-chart-injection.sh: text from the catalogue and the store reaches
# gnuplot as literal text only. Names built to run commands through
# backquotes, system(), a newline or a pipe output come out in the chart
# and nothing runs.
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
cp -r "$REPO/datasets/catalog" cat
mark=$(pwd)/pwned
# Replace the English names of two indicators and a region.
awk -F, -v OFS=, -v m="$mark" '
	$1 == "net_txn_volume" { $2 = "\"`touch " m "1` system(\"\"touch " m "2\"\") \x27; system(\x27touch " m "3\x27)\"" }
	$1 == "online_operators" { $2 = "\"x\x27\nprint system(\x27touch " m "4\x27)\nset output \x27|touch " m "5\x27\"" }
	{ print }' "$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
sed 's/^330000,Zhejiang,/330000,"Zhe`touch '"$(echo "$mark" | sed 's/\//\\\//g')"'6`jiang",/' \
	"$REPO/datasets/catalog/regions.csv" >cat/regions.csv
run_expect 0 "$PM" --catalog cat catalog check
run_expect 0 "$PM" --catalog cat catalog show net_txn_volume
expect_stdout_has '`touch'

run_expect 0 "$PM" --catalog cat --db t.db -q ingest "$SAMPLE/yearly.csv"
run_expect 0 "$PM" --catalog cat --db t.db chart --indicator net_txn_volume \
	--out out --renderer gnuplot
run_expect 0 "$PM" --catalog cat --db t.db chart --indicator online_operators \
	--out out --format svg --renderer gnuplot
run_expect 0 "$PM" --catalog cat --db t.db chart --measure M11 --out out \
	--renderer gnuplot
for i in 1 2 3 4 5 6; do
	[ ! -e "${mark}$i" ] || fail "gnuplot ran a command from a name ($i)"
done
# The names are in the chart as text.
grep -q 'touch' out/online_operators.330000.Y.svg ||
	fail "the name is not in the SVG as text"
xmllint --noout out/online_operators.330000.Y.svg || fail "SVG is not XML"
[ -s out/net_txn_volume.330000.Y.png ] || fail "no chart"
