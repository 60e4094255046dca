#!/bin/sh
# t321-progress-charts.sh: the charts of the digital-economy plan
# (tests/fixtures/digital14) do not mislead, checked in gnuplot's script
# and data (through a wrapper gnuplot, as t440 does) and in the native
# PNG's pixels: no pace line once the target is achieved, a pace line cut
# at the top of the value axis and said so; no line across a gap or a
# break in series, the break marked; a single YoY bar drawn; the subtitle
# says where the base moved; a single region is not "without data".
. "${0%/*}/lib.sh"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (make deps)"
real=$(command -v gnuplot)
FIX=$REPO/tests/fixtures/digital14
PEMETRICS_CATALOG=$FIX/catalog
export PEMETRICS_CATALOG

build_pngcols

gnuplot_logger "$real"

# The fixture, and digital_economy_scale for 2024 after a missing 2023.
cat >gap.csv <<'CSV'
indicator,region,period,value,unit
digital_economy_scale,100000,2024,60.1,万亿元
CSV
run_expect 0 "$PM" --db d.db -q ingest "$FIX/yearly.csv" "$FIX/monthly-ytd.csv" gap.csv

# chart IND: the gnuplot chart of IND into g/, its script in IND.gp and
# its data files in IND.keep/.
chart() {
	: >script.gp
	rm -f keep/*
	$GP "$PM" --db d.db -q chart --indicator "$1" --out g ||
		fail "gnuplot chart of $1"
	cp script.gp "$1.gp"
	mkdir "$1.keep"
	cp keep/* "$1.keep/" 2>/dev/null || :
}

# --- The pace line ------------------------------------------------------
# gigabit_users achieved its target: no pace line.
chart gigabit_users
grep -q '^plot' gigabit_users.gp || fail "no plot for gigabit_users"
grep '^plot' gigabit_users.gp | grep -q "_0j\\.dat" &&
	fail "a pace line after the target was achieved"
# ipv6_users: 7.67 (2023) at 12.3% a year would pass 8 before 2025: the
# line stops where it meets the top of the axis the data (6.08..7.67)
# and the target (8) set, 8 + 5% of 8 - 6.08 = 8.096, and says so.
chart ipv6_users
grep -q "^set label 100 'China (100000), yearly; base moved to 2021 (no data for 2020); pace line cut at the axis edge'" ipv6_users.gp ||
	fail "ipv6_users subtitle: $(grep '^set label 100' ipv6_users.gp)"
top=$(sed -n 's/^set yrange \[[^:]*:\(.*\)\]$/\1/p' ipv6_users.gp)
last=$(tail -n 1 ipv6_users.keep/*_0j.dat)
echo "$last $top" | awk '{
	if (($2 - $3) ^ 2 > 1e-18 || ($3 - 8.096) ^ 2 > 1e-18 || $1 <= 2023 ||
	    $1 >= 2025)
		exit 1
}' || fail "ipv6_users pace line ends at '$last', axis top $top"
# online_retail: on track, 155200 at 9.0% a year stays under the axis:
# drawn to the target year.
chart online_retail
expect_eq 2025 "$(tail -n 1 online_retail.keep/*_0j.dat | cut -d' ' -f1)" \
	"online_retail pace line to 2025"
grep -q "pace line cut" online_retail.gp && fail "online_retail cut"

# --- Gaps and breaks ---------------------------------------------------
# digital_economy_scale: 2020-2022, then 2024: the line is cut (a NaN
# row) between 2022 and 2024.
chart digital_economy_scale
grep '^plot' digital_economy_scale.gp |
	grep -q "_0t\\.dat' using 1:(\$3 != 0 ? NaN : \$2) with linespoints" ||
	fail "the line plot does not honour cuts"
expect_eq "2020 0,2021 0,2022 0,2023 1,2024 0" \
	"$(awk '{ printf "%s%s %s", (NR > 1 ? "," : ""), $1, $3 }' digital_economy_scale.keep/*_0t.dat)" \
	"a cut across the 2023 gap"
# core_share: the break (2023) cuts the line, and is marked and named.
chart core_share
expect_eq "2020 0,2021 0,2022 0,2022.5 1,2023 0,2024 0" \
	"$(awk '{ printf "%s%s %s", (NR > 1 ? "," : ""), $1, $3 }' core_share.keep/*_0t.dat)" \
	"a cut at the break"
grep -q "^set arrow 10 from first 2022.5, graph 0 to first 2022.5, graph 1 nohead dt 2" core_share.gp ||
	fail "no break marker"
grep -q "^set label 106 'break in series' at first 2022.5" core_share.gp ||
	fail "the break is not named"
grep -q "base moved to 2023 (break in series)" core_share.gp ||
	fail "the break's base is not said"

# --- A single YoY bar ---------------------------------------------------
chart dc_racks
grep -q '^set boxwidth 0.45[0-9]* absolute$' dc_racks.gp || fail "bar width"
expect_eq 1 "$(cat dc_racks.keep/*_0y.dat | wc -l | tr -d ' ')" "one YoY bar"
[ -s g/dc_racks.100000.Y.png ] || fail "no dc_racks chart"

# --- Native pixels ------------------------------------------------------
# The series colour (1f5fa8) along the plot: one run per stretch of the
# line (two where it is cut), the break's dashed grey (616161) between.
run_expect 0 "$PM" --db d.db -q chart --indicator core_share --out n \
	--renderer native
runs=$(./pngcols n/core_share.100000.Y.png 1f5fa8 100 470)
[ "$(echo "$runs" | wc -l)" -eq 2 ] || fail "native: the break is joined: $runs"
brk=$(./pngcols n/core_share.100000.Y.png 616161 80 470)
[ -n "$brk" ] || fail "native: no break marker"
a=$(echo "$runs" | head -1 | cut -d- -f2)
b=$(echo "$runs" | tail -1 | cut -d- -f1)
n=0
for r in $brk; do
	x=${r%-*}
	[ "$x" -gt "$a" ] && [ "$x" -lt "$b" ] && n=$((n + 1))
done
[ "$n" = 1 ] ||
	fail "native: no break marker ($brk) between the stretches ($runs)"
run_expect 0 "$PM" --db d.db -q chart --indicator digital_economy_scale \
	--out n --renderer native
runs=$(./pngcols n/digital_economy_scale.100000.Y.png 1f5fa8 100 470)
[ "$(echo "$runs" | wc -l)" -eq 2 ] || fail "native: the gap is joined: $runs"
run_expect 0 "$PM" --db d.db -q chart --indicator dc_racks --out n \
	--renderer native
[ -n "$(./pngcols n/dc_racks.100000.Y.png f7c9a1 80 470)" ] ||
	fail "native: no YoY bar"
run_expect 0 "$PM" --db d.db -q chart --indicator gigabit_users --out n \
	--renderer native
[ -z "$(./pngcols n/gigabit_users.100000.Y.png 7e57c2 0 539)" ] ||
	fail "native: a pace line after the target was achieved"
run_expect 0 "$PM" --db d.db -q chart --indicator ipv6_users --out n \
	--renderer native
[ -n "$(./pngcols n/ipv6_users.100000.Y.png 7e57c2 0 539)" ] ||
	fail "native: no pace line for ipv6_users"

# --- Counted without data: not the single region, not the qualitative
# measure; the indicator without data is.
run_expect 0 "$PM" --db d.db -v chart --all --out a --renderer native
expect_stderr_has "0 failed, 3 without data"
expect_stderr_lacks "regions.png"
expect_stderr_lacks "D6."
expect_stderr_has "no data, not drawn: a/iip_platforms.100000.Y.png"
# --- A rate's YoY bars ---------------------------------------------------
# core_share is a rate in %: its bars are the change in points, as every
# table shows it (7.8, 8.0, 8.3, then 9.4 after the 2023 break, 9.6), and
# there is none across the break (2022 to 2023 is no like-for-like change).
# (Its chart was drawn above.)
grep -q "^set label 104 'YoY, pt'" core_share.gp ||
	fail "core_share YoY axis: $(grep '^set label 104' core_share.gp)"
awk '{ printf "%s %.6f\n", $1, $2 }' core_share.keep/*_0y.dat >bars
printf '2021 0.200000\n2022 0.300000\n2024 0.200000\n' >bars.want
expect_cmp bars.want bars


# --- Region bars keep the data's decimals (32350.8 is not "32351") -----
PEMETRICS_CATALOG=$REPO/datasets/catalog
run_expect 0 "$PM" --db z.db -q ingest "$SAMPLE/yearly.csv"
: >script.gp
$GP "$PM" --db z.db -q chart --indicator online_retail_sales --out z ||
	fail "gnuplot chart of online_retail_sales"
grep -q "sprintf(' '.'%.1f', \$1)" script.gp ||
	fail "region bar labels: $(grep -o "sprintf([^)]*)" script.gp | head -1)"

# --- Period labels never overlap: thinned to what fits the width -------
# 19 monthly points of net_txn_volume, labels of 7 characters: at 400
# pixels about 400 * 0.8 / ((7 + 2) * 7) = 5 fit.
run_expect 0 "$PM" --db z.db -q ingest "$SAMPLE/monthly-ytd.csv"
: >script.gp
$GP "$PM" --db z.db -q chart --indicator net_txn_volume --freq M \
	--size 400x300 --out m || fail "monthly chart"
n=$(grep '^set xtics (' script.gp | head -1 | grep -o "'20[0-9][0-9]-[0-9][0-9]'" | wc -l)
[ "$n" -ge 2 ] && [ "$n" -le 5 ] || fail "$n month labels at 400 pixels"
: >script.gp
$GP "$PM" --db z.db -q chart --indicator net_txn_volume --freq M \
	--size 1600x600 --out m || fail "monthly chart"
n2=$(grep '^set xtics (' script.gp | head -1 | grep -o "'20[0-9][0-9]-[0-9][0-9]'" | wc -l)
[ "$n2" -gt "$n" ] || fail "$n2 month labels at 1600 pixels, $n at 400"

