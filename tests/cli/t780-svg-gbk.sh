#!/bin/sh
# t780-svg-gbk.sh: catalogue text holding "]]>" gives a well-formed SVG
# (the sequence is not allowed in XML text); a file name in GBK bytes is
# valid UTF-8 in report.md (U+FFFD for what is not UTF-8).
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
cp -R "$REPO/datasets/catalog" cat
sed 's/^net_txn_volume,Platform network transaction volume,/net_txn_volume,Volume ]]> of <trade> \& more,/' \
	"$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
PEMETRICS_CATALOG=$TMPD/cat
export PEMETRICS_CATALOG
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume --out o \
	--renderer gnuplot --format svg
svg=o/net_txn_volume.330000.Y.svg
grep -q 'Volume' $svg || fail "the title is not in the chart"
grep -q ']]>' $svg && fail "']]>' in the SVG's text"
if command -v xmllint >/dev/null; then
	xmllint --noout $svg || fail "the SVG is not well-formed"
fi

# A file name in GBK bytes ("浙江.csv"), with a rejected row: named in the
# report's list of rejects.
gbk=$(printf '\325\343\275\255.csv')
printf 'indicator,region,period,value\nnet_txn_volume,Atlantis,2025,1\n' >"$gbk"
run_expect 1 "$PM" --db t.db -q ingest "$gbk"
run_expect 0 "$PM" --db t.db -q report --out rep --format md --renderer native
grep -q '\.csv' rep/report.md || fail "the file is not named in report.md"
iconv -f UTF-8 -t UTF-8 rep/report.md >/dev/null 2>&1 ||
	fail "report.md is not valid UTF-8"
exit 0
