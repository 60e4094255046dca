#!/bin/sh
# t420-chart-native.sh: without gnuplot on PATH, --renderer auto draws with
# the native renderer and says so; --renderer gnuplot and SVG fail clearly
# (exit 4: a missing program is the machine's problem).
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
# A PATH with no gnuplot on it (pemetrics needs no other program).
mkdir empty
run_expect 0 env PATH="$(pwd)/empty" "$PM" --db t.db chart \
	--indicator net_txn_volume --out out
expect_stderr_has "gnuplot not found, using the native renderer"
expect_stderr_has "written with the native renderer"
sig=$(od -An -tx1 -N8 out/net_txn_volume.330000.Y.png | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "not a PNG"
[ -s out/net_txn_volume.330000.regions.png ] || fail "no region chart"

run_expect 4 env PATH="$(pwd)/empty" "$PM" --db t.db chart \
	--indicator net_txn_volume --out out2 --renderer gnuplot
expect_stderr_has "'gnuplot' not found in PATH"
# One message, not "using the native renderer" and then a refusal.
run_expect 4 env PATH="$(pwd)/empty" "$PM" --db t.db chart \
	--indicator net_txn_volume --out out3 --format svg
expect_eq "pemetrics: chart: SVG needs gnuplot, which is not on PATH" \
	"$(cat stderr)" "SVG without gnuplot"

# Explicitly native, all charts, with gnuplot present.
run_expect 0 "$PM" --db t.db chart --all --renderer native --out nat
[ "$(ls nat | wc -l)" -ge 80 ] || fail "native --all wrote too few charts"
