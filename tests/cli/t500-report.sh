#!/bin/sh
# long: started first by run.sh
# t500-report.sh: "pemetrics report": the files it writes, index.html well
# formed (a strict XML parser) with every local image and link there,
# catalogue text escaped, the --period cut-off, summary.json equal to the
# summary JSON, report.md, "changed since the last report" after a
# revision, the schema migration, usage and data errors.
. "${0%/*}/lib.sh"

# check_html FILE: parses as XML with no message at all, has no script,
# and every src/href to a local file or fragment resolves.
check_html() {
	xmllint --noout "$1" >xml.out 2>&1 || fail "$1 does not parse"
	[ ! -s xml.out ] || { cat xml.out >&2; fail "$1: parser messages"; }
	! grep -qi '<script' "$1" || fail "$1 has a script"
	head -n 1 "$1" | grep -qx '<!DOCTYPE html>' || fail "$1: doctype"
	_d=$(dirname "$1")
	grep -o ' \(src\|href\)="[^"]*"' "$1" | sed 's/^ [a-z]*="//; s/"$//' |
	sort -u >links.txt
	[ -s links.txt ] || fail "$1 has no links"
	while IFS= read -r l; do
		case $l in
		\#*)	grep -q " id=\"${l#\#}\"" "$1" ||
				fail "$1: no id for link '$l'" ;;
		*:*)	fail "$1: link out of the report: '$l'" ;;
		*)	[ -s "$_d/$l" ] || fail "$1: '$l' does not exist" ;;
		esac
	done <links.txt
}

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk.
png_size() {
	sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || fail "$1 is not a PNG ($sig)"
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4))x$(($5 * 16777216 + $6 * 65536 + $7 * 256 + $8))"
}

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"
run_expect 1 "$PM" --db t.db -q ingest "$SAMPLE/errors.csv"

# The default report: the latest period, reports/PERIOD/, paths printed
# with index.html last.
run_expect 0 "$PM" --db t.db report
expect_eq "reports/2025/charts/
reports/2025/summary.json
reports/2025/report.md
reports/2025/index.html" "$(cat stdout)" "paths printed"
[ ! -s stderr ] || fail "stderr not empty"
r=reports/2025
check_html $r/index.html
ls -a $r $r/charts | grep -q 'tmp' && fail "a temporary file was left"
grep -q '<html lang="en">' $r/index.html || fail "lang en"
grep -q '@page{size:A4' $r/index.html || fail "A4 page"
grep -q 'section.system,section.gaps{break-before:page;page-break-before:always}' \
	$r/index.html || fail "page breaks between systems"
[ "$(grep -c '<section class="system"' $r/index.html)" = 5 ] ||
	fail "one section per system"
# Status as colour and word; a measure row; an indicator's figures.
grep -q '<span class="badge s4">On&#160;track</span>' $r/index.html ||
	fail "badge with its word"
grep -q '<span class="badge s0">No&#160;data</span>' $r/index.html ||
	fail "no-data badge"
grep -q 'M05</span><span class="mname">Improve platforms&#39; capacity' \
	$r/index.html || fail "measure row"
grep -q '<td class="num">75,560.4 亿元<div class="sub">2025</div></td>' \
	$r/index.html || fail "latest value with unit"
grep -q 'Target 87,000 亿元 by 2027' $r/index.html || fail "target"
grep -q 'charts/net_txn_volume.330000.spark.png" width="120" height="30"' \
	$r/index.html || fail "sparkline"
grep -q 'href="charts/net_txn_volume.330000.Y.png"' $r/index.html ||
	fail "link to the trend chart"
expect_eq 120x30 "$(png_size $r/charts/net_txn_volume.330000.spark.png)" \
	"sparkline size"
png_size $r/charts/net_txn_volume.330000.Y.png >/dev/null
# Data gaps: measures without data, region totals, rejected rows.
grep -q 'M19</a> Regulate platform investment' $r/index.html ||
	fail "M19 as a data gap"
grep -q 'Region totals that differ from the sum of their parts' \
	$r/index.html || fail "region totals"
grep -q 'errors.csv, ingested .*: 8 of 13 rows rejected - line 7: unknown indicator &#39;platform_gmv&#39;' \
	$r/index.html || fail "rejected rows summarised per file"
grep -q 'No report of Zhejiang for an earlier period is recorded' \
	$r/index.html || fail "no earlier report"
grep -q 'Statistics Canada' $r/index.html || fail "method source"

# summary.json is exactly "summary --format json" for that as-of.
run_expect 0 "$PM" --db t.db summary --format json
expect_cmp stdout $r/summary.json

# report.md: tables, image links that exist, the same figures.
grep -q '^| Indicator | Latest | YoY |' $r/report.md || fail "md table"
grep -q '^|---|---:|' $r/report.md || fail "md alignment row"
grep -q '75,560.4 亿元 (2025)' $r/report.md || fail "md latest value"
grep -o '](charts/[^)]*)' $r/report.md | sed 's/^](//; s/)$//' | sort -u \
	>mdlinks.txt
[ "$(wc -l <mdlinks.txt)" -gt 50 ] || fail "md has too few chart links"
while IFS= read -r l; do
	[ -s "$r/$l" ] || fail "report.md: '$l' does not exist"
done <mdlinks.txt
grep -q '!\[Trend: Platform network transaction volume\](charts/net_txn_volume.330000.spark.png)' $r/report.md ||
	fail "md sparkline image"

# -q: nothing but errors; --format picks files; --out.
run_expect 0 "$PM" --db t.db -q report --out q --format json,md
[ ! -s stdout ] && [ ! -s stderr ] || fail "-q printed something"
[ -s q/summary.json ] && [ -s q/report.md ] && [ ! -e q/index.html ] ||
	fail "--format json,md"
run_expect 0 "$PM" --db t.db report --out j/ --format json
expect_eq "j/summary.json" "$(cat stdout)" "json only"
[ ! -e j/charts ] || fail "charts made for json only"

# --period cut-off: a value ingested for a later period changes nothing
# in the report of an earlier one.
run_expect 0 "$PM" --db t.db report --period 2024 --out p1
run_expect 0 "$PM" --db t.db summary --as-of 2024 --format json
expect_cmp stdout p1/summary.json
cat >later.csv <<CSV
indicator,region,period,value,unit
net_txn_volume,330000,2025,99999.9,亿元
net_txn_volume,330000,2025-03,12345.6,亿元
internet_hospitals,330000,2025,123,个
CSV
run_expect 0 "$PM" --db t.db -q ingest later.csv
run_expect 0 "$PM" --db t.db report --period 2024 --out p2
expect_cmp p1/summary.json p2/summary.json
expect_cmp p1/index.html p2/index.html
expect_cmp p1/report.md p2/report.md
! grep -q '99,999.9\|12,345.6' p2/index.html p2/report.md ||
	fail "a later value is in the 2024 report"
grep -q '>Q2 2024<\|2024' p2/index.html || fail "period shown"
run_expect 0 "$PM" --db t.db -q report --period 2024Q2 --out p3
grep -q 'progress as of Q2 2024' p3/index.html || fail "quarter title"
grep -q 'Jan-Jun 2024: ' p3/index.html || fail "partial year shown"
[ "$(json_get p3/summary.json '$.as_of')" = 2024Q2 ] || fail "as_of 2024Q2"
check_html p3/index.html

# What changed: a store with a 2024 report, a revision, a 2025 report.
run_expect 0 "$PM" --db c.db -q ingest "$SAMPLE/yearly.csv"
run_expect 0 "$PM" --db c.db -q report --period 2024 --out c1
cat >rev.csv <<CSV
indicator,region,period,value,unit
internet_hospitals,330000,2025,100,个
net_txn_volume,330000,2023,60000,亿元
net_txn_volume,330000,2026,1,亿元
CSV
run_expect 0 "$PM" --db c.db -q ingest rev.csv
run_expect 0 "$PM" --db c.db report --period 2025 --out c2
check_html c2/index.html
grep -q 'Compared with the report for 2024, made on ' c2/index.html ||
	fail "compared with the 2024 report"
grep -q '<tr><td>Indicator</td><td>Internet hospitals</td><td><span class="badge s4">On&#160;track</span></td><td><span class="badge s1">Deterioration</span></td><td>worse</td>' \
	c2/index.html || fail "status change of internet_hospitals"
grep -q 'was: On track' c2/index.html || fail "was: in the indicator row"
grep -q 'revised 2 stored values of periods up to 2025' c2/index.html ||
	fail "revisions counted (not the 2026 value)"
grep -q '<td>Platform network transaction volume</td><td>Zhejiang</td><td>2023</td><td class="num">63,480.1 亿元</td><td class="num">60,000.0 亿元</td><td class="num">-5.5%</td><td>rev.csv</td>' \
	c2/index.html || fail "revision row"
grep -q '| Indicator | Internet hospitals | On track | Deterioration | worse |' \
	c2/report.md || fail "md status change"
expect_eq 2 "$(sqlite3 c.db 'SELECT count(*) FROM report')" "reports recorded"
on_sqlite && expect_eq 5 "$(sqlite3 c.db 'PRAGMA user_version')" "schema version"
# The same report again compares with the same earlier one.
run_expect 0 "$PM" --db c.db -q report --period 2025 --out c3
expect_cmp c2/index.html c3/index.html

# A version 1 store is migrated (to 5) when a report opens it (a SQLite
# store: test_store migrates PostgreSQL's).
if on_sqlite; then
sqlite3 c.db 'DROP TABLE cons; ALTER TABLE indicator DROP COLUMN cons_kind;
DROP TABLE report_status; DROP TABLE report;
ALTER TABLE obs DROP COLUMN status; ALTER TABLE obs DROP COLUMN prov;
ALTER TABLE history DROP COLUMN status; ALTER TABLE history DROP COLUMN prov;
ALTER TABLE file DROP COLUMN skipped; DROP TABLE prov;
CREATE TABLE r1(file INTEGER NOT NULL, line INTEGER NOT NULL,
reason TEXT NOT NULL); INSERT INTO r1 SELECT file, line, reason FROM reject;
DROP TABLE reject; ALTER TABLE r1 RENAME TO reject; PRAGMA user_version = 1'
run_expect 0 "$PM" --db c.db -q report --period 2025 --out c4 --format md
expect_eq 5 "$(sqlite3 c.db 'PRAGMA user_version')" "migrated to 5"
expect_eq 1 "$(sqlite3 c.db 'SELECT count(*) FROM report_status WHERE level = "policy"')" \
	"statuses recorded after migration"
fi

# Escaping: a catalogue whose names hold markup.
cp -r "$REPO/datasets/catalog" cat
awk -F, 'BEGIN { OFS = "," }
$1 == "M05" { $3 = "Shops <script>alert(1)</script> & '"'"'more'"'"'"
	$4 = "消费<script>alert(2)</script>&创造" }
{ print }' "$REPO/datasets/catalog/measures.csv" >cat/measures.csv
awk -F, 'BEGIN { OFS = "," }
$1 == "net_txn_volume" { $2 = "GMV <img src=x onerror=alert(3)> & <b>" }
{ print }' "$REPO/datasets/catalog/indicators.csv" >cat/indicators.csv
run_expect 0 "$PM" --catalog cat catalog check
for lang in en zh; do
	run_expect 0 "$PM" --catalog cat --db t.db -q report --out x$lang \
		--lang $lang --format html,md
	check_html x$lang/index.html
	! grep -qi '<img src=x\|&amp; <b>\|alert([0-9])</script>' \
		x$lang/index.html ||
		fail "markup from the catalogue in the $lang page"
done
grep -qF 'Shops &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;more&#39;' \
	xen/index.html || fail "measure name shown as text"
grep -qF 'GMV &lt;img src=x onerror=alert(3)&gt; &amp; &lt;b&gt;' \
	xen/index.html || fail "indicator name shown as text"
grep -qF '消费&lt;script&gt;alert(2)&lt;/script&gt;&amp;创造' xzh/index.html ||
	fail "Chinese name shown as text"
grep -qF 'Shops \<script\>alert(1)\</script\> \& ' xen/report.md ||
	fail "markup escaped in Markdown"
! grep -q '[^\\]<script' xen/report.md || fail "raw <script in report.md"

# Errors.
run_expect 2 "$PM" --db t.db report --period 2024-13
expect_stderr_has "pemetrics: report: bad period '2024-13' for --period"
run_expect 2 "$PM" --db t.db report --format pdf
expect_stderr_has "bad value 'pdf' for --format"
run_expect 2 "$PM" --db t.db report --format html,
run_expect 2 "$PM" --db t.db report --lang fr
run_expect 2 "$PM" --db t.db report extra
run_expect 2 "$PM" --db t.db report --region Atlantis
expect_stderr_has "pemetrics: unknown region 'Atlantis'"
run_expect 4 "$PM" --db nosuch.db report
expect_stderr_has "pemetrics: $(store_shown nosuch.db): cannot open store"
! store_exists nosuch.db || fail "report created a store"
run_expect 0 "$PM" --db t.db report --help
expect_stdout_has "usage: pemetrics report [--period PERIOD]"
