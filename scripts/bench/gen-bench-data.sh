#!/bin/sh
# gen-bench-data.sh - deterministic benchmark data: a catalogue of 60
# indicators and 100 regions, and long-format files as a statistics bureau
# publishes them (period by period, every region, every indicator),
# with mixed units (money in 亿元 and 万元, counts in 户 and 万户).
#
# usage: gen-bench-data.sh OUTDIR ROWS...
#   writes OUTDIR/catalog/*.csv and OUTDIR/data-ROWS.csv for each ROWS,
#   plus OUTDIR/revise-ROWS.csv (1% of the rows with new values).
set -eu

out=$1
shift
mkdir -p "$out/catalog"
c=$out/catalog

printf 'id,name_en,name_zh\nbench,Benchmark system,基准体系\n' >"$c/systems.csv"
{
	echo "id,system,name_en,name_zh,source_excerpt"
	i=1
	while [ $i -le 10 ]; do
		printf 'B%02d,bench,Measure %d,措施%d,\n' $i $i $i
		i=$((i + 1))
	done
} >"$c/measures.csv"
cat >"$c/units.csv" <<'U'
unit,dimension,factor
元,money,1
万元,money,1e4
亿元,money,1e8
户,count,1
万户,count,1e4
%,percent,1
U
awk 'BEGIN {
	print "code,name_en,name_zh,unit,kind,direction,measures,base_year,target_value,target_year,target_growth,limit"
	for (i = 1; i <= 60; i++) {
		k = i % 3
		unit = k == 0 ? "亿元" : k == 1 ? "户" : "%"
		kind = k == 0 ? "flow" : k == 1 ? "stock" : "rate"
		printf "ind%02d,Indicator %d,指标%d,%s,%s,increase,B%02d,2015,,,,\n", i, i, i, unit, kind, (i - 1) % 10 + 1
	}
}' >"$c/indicators.csv"
awk 'BEGIN {
	print "code,name_en,name_zh,parent,level,aliases"
	print "900000,Bench province,基准省,,province,"
	for (r = 1; r <= 99; r++)
		printf "9%03d00,Region %d,地区%d,900000,city,\n", r, r, r
}' >"$c/regions.csv"

for rows in "$@"; do
	# Period by period, as releases come: every region, every indicator.
	awk -v rows="$rows" 'BEGIN {
		srand(8)
		print "indicator,region,period,value,unit"
		n = 0
		for (y = 1900; n < rows; y++) for (m = 1; m <= 12 && n < rows; m++)
		for (r = 0; r < 100 && n < rows; r++) for (i = 1; i <= 60 && n < rows; i++) {
			reg = r == 0 ? "900000" : sprintf("9%03d00", r)
			k = i % 3
			v = int(rand() * 1000000) / 10
			if (k == 0)
				u = (n % 2) ? "亿元" : "万元"
			else if (k == 1) {
				u = (n % 2) ? "户" : "万户"
				v = int(v)
			} else
				u = "%"
			printf "ind%02d,%s,%d-%02d,%s,%s\n", i, reg, y, m, v, u
			n++
		}
	}' >"$out/data-$rows.csv"
	# 1% revised: every hundredth row with another value.
	awk -F, -v OFS=, 'NR == 1 { print; next }
		NR % 100 == 0 { $4 = $4 + 1; print }' "$out/data-$rows.csv" \
		>"$out/revise-$rows.csv"
done
