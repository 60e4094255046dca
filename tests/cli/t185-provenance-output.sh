#!/bin/sh
# t185-provenance-output.sh: charts cite the sources of the series they
# plot in their footer, not the store's file name; the report names the
# sources of its data, lists the notes as footnotes and marks the
# provisional and estimated values. Source text is escaped like any cell.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv"
cat >rel.csv <<'EOF2'
indicator,region,period,value,unit,status,source,note
online_retail_sales,330000,2025,32350.8,亿元,初步,NBS <b>bold</b>,"初步核算数,待最终核实"
express_parcels,330000,2025,336.8,亿件,,MIIT,
digital_economy_core_share,330000,2025,12.7,%,预计,NBS <b>bold</b>,
EOF2
run_expect 0 "$PM" --db t.db ingest rel.csv

# a chart of one series: its sources in the footer
if command -v gnuplot >/dev/null 2>&1; then
	run_expect 0 "$PM" --db t.db chart --indicator express_parcels \
		--region 330000 --format svg --out ch
	grep -q 'Source: MIIT; data as of 2025' ch/express_parcels.330000.Y.svg ||
		fail "chart footer: no source"
	! grep -q 'Source: pemetrics (t.db)' ch/express_parcels.330000.Y.svg ||
		fail "chart footer: the store's name"
	# the cities compared: the sources of the cities drawn, each once
	cat >cities.csv <<'EOF2'
indicator,region,period,value,unit,source
express_parcels,330100,2025,120.5,亿件,Hangzhou Postal Bureau
express_parcels,330200,2025,60.1,亿件,MIIT
express_parcels,330300,2025,50.2,亿件,Hangzhou Postal Bureau
EOF2
	run_expect 0 "$PM" --db t.db ingest cities.csv
	run_expect 0 "$PM" --db t.db chart --indicator express_parcels \
		--region 330000 --format svg --out ch
	grep -q 'Source: Hangzhou Postal Bureau; MIIT; data as of 2025' \
	    ch/express_parcels.330000.regions.svg ||
		fail "regions chart footer: $(grep -o 'Source[^<]*' ch/express_parcels.330000.regions.svg)"
fi

run_expect 0 "$PM" --db t.db report --out rep --format md,html --renderer native
# (Markdown escapes the markup: \<b\>)
expect_eq 1 "$(grep -c '^Sources of the data: NBS \\<b\\>bold\\</b\\>; MIIT\.$' rep/report.md)" \
	"report: the sources"
grep -q 'Sources of the data: NBS .*; MIIT\. Made by pemetrics' rep/report.md ||
	fail "report footer: the sources"
grep -q '^Note 1 (Online retail sales): 初步核算数,待最终核实' rep/report.md ||
	fail "report: the note as a footnote"
grep -q 'Provisional (P) or estimated (E) values: Value added of digital economy core industries as a share of GDP 2025 (E); Online retail sales 2025 (P)\.' rep/report.md ||
	fail "report: provisional and estimated values marked"
grep -q 'NBS &lt;b&gt;bold&lt;/b&gt;' rep/index.html || fail "html: source escaped"
! grep -q 'NBS <b>bold' rep/index.html || fail "html: source not escaped"
# and beside the value itself in the indicator tables
grep -q '32,350.8 亿元 (2025, provisional)' rep/report.md ||
	fail "report: the latest value marked provisional"
grep -q '12.7% (2025, estimated)' rep/report.md ||
	fail "report: the latest value marked estimated"
