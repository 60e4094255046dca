#!/bin/sh
# t400-chart.sh: "pemetrics chart" writes real PNG and SVG files named from
# codes, one gnuplot process for the batch, a clear message for an
# indicator without data, usage errors.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk, after checking the
# 8-byte signature.
png_size() {
	sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || fail "$1 is not a PNG ($sig)"
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4))x$(($5 * 16777216 + $6 * 65536 + $7 * 256 + $8))"
}

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"

run_expect 0 "$PM" --db t.db chart --indicator net_txn_volume --out out
expect_eq "out/net_txn_volume.330000.Y.png
out/net_txn_volume.330000.regions.png" "$(cat stdout)" "paths printed"
expect_stderr_has "written with gnuplot"
expect_eq 900x540 "$(png_size out/net_txn_volume.330000.Y.png)" "trend size"
[ "$(stat -c %s out/net_txn_volume.330000.Y.png)" -gt 10000 ] ||
	fail "trend chart too small to hold a chart"
ls out | grep -q 'part' && fail "a temporary file was left behind"

run_expect 0 "$PM" --db t.db chart --indicator online_operators --size 640x400 \
	--freq Q --out out
expect_eq 640x400 "$(png_size out/online_operators.330000.Q.png)" "--size"

# SVG parses as XML and holds the title from the catalogue (Chinese too).
run_expect 0 "$PM" --db t.db chart --indicator net_txn_volume --format svg \
	--lang zh --out svg
xmllint --noout svg/net_txn_volume.330000.Y.svg || fail "SVG is not XML"
grep -q '平台网络交易额' svg/net_txn_volume.330000.Y.svg || fail "zh title"

# --all: every file is a PNG, names are codes only.
run_expect 0 "$PM" --db t.db chart --all --out all
n=$(wc -l <stdout)
[ "$n" -ge 80 ] || fail "chart --all wrote only $n charts"
for f in all/*; do
	case ${f#all/} in
	*[!A-Za-z0-9_.-]*) fail "file name not from codes: $f" ;;
	esac
	png_size "$f" >/dev/null
done
[ -f all/policy.scores.png ] && [ -f all/M08.scores.png ] &&
	[ -f all/M08.multiples.png ] && [ -f all/innovation.scores.png ] ||
	fail "scorecards and multiples missing"

# An indicator without data: a message, no empty chart, exit 1.
run_expect 1 "$PM" --db t.db chart --indicator fin_stake_compliance_rate --out nd
expect_stderr_has "no data for 'fin_stake_compliance_rate' in 330000: no chart"
[ -z "$(ls nd)" ] || fail "a chart was written for no data"

# Usage errors.
run_expect 2 "$PM" --db t.db chart --indicator x --measure M01
run_expect 2 "$PM" --db t.db chart --format gif
run_expect 2 "$PM" --db t.db chart --renderer native --format svg
run_expect 2 "$PM" --db t.db chart --size 10x10
run_expect 2 "$PM" --db t.db chart --indicator nosuch
expect_stderr_has "unknown indicator 'nosuch'"

# -q: nothing but errors (the files are still written).
run_expect 0 "$PM" --db t.db -q chart --indicator net_txn_volume --out quiet
[ ! -s stdout ] && [ ! -s stderr ] || fail "-q printed something"
[ -s quiet/net_txn_volume.330000.Y.png ] || fail "-q wrote no chart"
