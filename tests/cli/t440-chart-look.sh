#!/bin/sh
# t440-chart-look.sh: what the charts show, checked in gnuplot's script
# (through a wrapper gnuplot that logs it and keeps the data files) and in
# the native PNG's pixels: a partial period is off the solid line; the
# value axis holds the target with a margin, the growth axis holds 0;
# plain tick numbers; legend and axis words in the chart's language;
# small multiples with a page title and footer; scorecards with a legend
# of statuses, "no data" rows and negative values labelled outside.
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
real=$(command -v gnuplot)

build_pngcols

gnuplot_logger "$real"

# Complete years 2019-2024 and the first half of 2025 (year to date).
cat >own.csv <<EOF
indicator,region,period,value,unit,basis
net_txn_volume,330000,2019,60000,亿元,
net_txn_volume,330000,2020,62000,亿元,
net_txn_volume,330000,2021,66000,亿元,
net_txn_volume,330000,2022,70000,亿元,
net_txn_volume,330000,2023,72000,亿元,
net_txn_volume,330000,2024,76000,亿元,
net_txn_volume,330000,2025-02,12000,亿元,ytd
net_txn_volume,330000,2025-06,36000,亿元,ytd
net_txn_volume,Hangzhou,2024,30000,亿元,
net_txn_volume,Ningbo,2024,-500,亿元,
avg_days_register,330000,2021,3,天,
avg_days_register,330000,2022,2,天,
avg_days_register,330000,2023,1.5,天,
avg_days_register,330000,2024,1,天,
EOF
run_expect 0 "$PM" --db own.db -q ingest own.csv

# --- A partial year is not joined to the complete ones -----------------
$GP "$PM" --db own.db -q chart --indicator net_txn_volume --out g ||
	fail "gnuplot chart"
line=$(grep '^plot' script.gp | head -1 | grep -o "[^/']*_0t\.dat' using 1:(\$3 != 0 ? NaN : \$2) with linespoints" | cut -d"'" -f1)
part=$(grep '^plot' script.gp | head -1 | grep -o "[^/']*_0p\.dat' using 1:2 with points ls 2" | cut -d"'" -f1)
[ -n "$line" ] && [ -n "$part" ] || fail "no line and partial plots: $(grep '^plot' script.gp | head -1)"
expect_eq "2019 2020 2021 2022 2023 2024" \
	"$(cut -d' ' -f1 keep/*.$line | tr '\n' ' ' | sed 's/ $//')" \
	"points on the solid line"
expect_eq 2025 "$(cut -d' ' -f1 keep/*.$part)" "the partial point"

# Native: the series colour (1f5fa8) over the plot's rows forms the line
# up to 2024 and, after a gap, the hollow 2025 marker.
run_expect 0 "$PM" --db own.db chart --indicator net_txn_volume --out n \
	--renderer native
runs=$(./pngcols n/net_txn_volume.330000.Y.png 1f5fa8 80 520)
[ "$(echo "$runs" | wc -l)" -eq 2 ] ||
	fail "native: the partial year is joined to the line: $runs"

# --- Ranges and numbers ------------------------------------------------
# avg_days_register: every YoY negative, target 0.5 below every value.
: >script.gp
$GP "$PM" --db own.db -q chart --indicator avg_days_register --out g ||
	fail "gnuplot chart"
set -- $(sed -n 's/^set yrange \[\(.*\):\(.*\)\]$/\1 \2/p' script.gp)
awk -v lo="$1" -v hi="$2" 'BEGIN { m = (hi - lo) * 0.03;
	exit !(lo < 0.5 - m && hi > 3 + m) }' ||
	fail "y range $1..$2 does not hold the target 0.5 with a margin"
set -- $(sed -n 's/^set y2range \[\(.*\):\(.*\)\]$/\1 \2/p' script.gp)
awk -v lo="$1" -v hi="$2" 'BEGIN { exit !(lo < 0 && hi > 0) }' ||
	fail "YoY range $1..$2 without 0"
grep -q "^set arrow 2 from graph 0, second 0 to graph 1, second 0" \
	script.gp || fail "no zero line for the growth bars"
grep -q "^set format y '%\.[0-9]f'" script.gp || fail "y format not plain"

# Large values: no 1e+06 on the axis.
: >script.gp
run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
$GP "$PM" --db t.db -q chart --indicator online_operators --out g ||
	fail "gnuplot chart"
grep -q "^set format y '%.0f'" script.gp || fail "y format for millions"
grep "^set format" script.gp | grep -q "g'" && fail "a %g format on an axis"
grep -q "^set ylabel" script.gp && fail "the unit is rotated on the axis"
grep -q "^set label 103 '户' at graph 0, graph 1" script.gp ||
	fail "the unit is not above the axis"
grep -q "^set style line 5 .*dt 2" "$REPO/charts/common.gp" ||
	fail "the projection is not dashed"

# Quarterly: the x range is padded by less than a period, not half a year.
: >script.gp
$GP "$PM" --db t.db -q chart --indicator net_txn_volume --freq Q --out g ||
	fail "gnuplot chart"
first=$(grep -o "^set xtics ('[^']*' [0-9.]*" script.gp | sed 's/.* //')
lo=$(sed -n 's/^set xrange \[\(.*\):.*/\1/p' script.gp)
awk -v a="$first" -v b="$lo" 'BEGIN { exit !(a - b > 0.1 && a - b < 0.25) }' ||
	fail "quarterly x padding $first - $lo"

# --- Words in the chart's language -------------------------------------
: >script.gp
$GP "$PM" --db own.db -q chart --indicator net_txn_volume --lang zh --out g ||
	fail "gnuplot chart"
for w in "'同比 %'" "'数值'" "'不完整时期'" "'按当前速度'" "'目标'"; do
	grep -q "$w" script.gp || fail "zh chart lacks $w"
done
grep -q "YoY\|'value'\|partial period\|at current pace\|'target'" script.gp &&
	fail "English words in a zh chart"

# --- Small multiples: page title, footer, short panel titles -----------
: >script.gp
$GP "$PM" --db t.db -q chart --measure M05 --out g || fail "gnuplot chart"
grep -q "^set multiplot layout .* title 'M05 Improve" script.gp ||
	fail "small multiples without a page title"
grep -qF "set label 101 'Source: pemetrics ($(store_shown t.db)), data as of" script.gp ||
	fail "small multiples without a footer"
grep -q "^set title 'Residents.*…" script.gp ||
	fail "a long panel title is not shortened"
[ -s g/M05.multiples.png ] || fail "no multiples"

# --- Scorecards --------------------------------------------------------
: >script.gp
$GP "$PM" --db t.db -q chart --system rules --out g || fail "gnuplot chart"
grep -q "keyentry with boxes fc rgb '#[0-9a-f]*' title 'On track'" \
	script.gp || fail "no status legend"
grep -q "M19 .*' [0-9]" script.gp || fail "no row for M19, which has no data"
grep -q "'no data') with labels" script.gp || fail "no 'no data' text"
: >script.gp
$GP "$PM" --db own.db -q chart --indicator net_txn_volume --out g ||
	fail "gnuplot chart"
grep -q "(\$1 < 0 ? \$1 : NaN):2:(sprintf(.*' ', \$1)) with labels right" \
	script.gp || fail "a negative value's label is not outside its bar"
run_expect 0 "$PM" --db t.db chart --system rules --out n --renderer native
# Native legend: a square of the "on track" green above the bars (under
# a title 32 px tall and a subtitle line of 20 at the default size).
[ -n "$(./pngcols n/rules.scores.png 2e7d32 60 95)" ] ||
	fail "native scorecard without a legend"
