#!/bin/sh
# slow: a browser renders the report (run under ASan, not valgrind)
# t322-progress-report.sh: the report of the digital-economy plan
# (tests/fixtures/digital14) in Markdown, JSON and HTML, the HTML as
# headless Chromium renders it: coverage beside every headline status,
# exact decimals, official growth first, where the base was taken, the
# qualitative measure, the context and stale indicators, and "Needs
# attention" listing every headline indicator below on track, stale or
# without data.
. "${0%/*}/lib.sh"

FIX=$REPO/tests/fixtures/digital14
PEMETRICS_CATALOG=$FIX/catalog
export PEMETRICS_CATALOG
run_expect 0 "$PM" --db d.db -q ingest "$FIX/yearly.csv" "$FIX/monthly-ytd.csv"
run_expect 0 "$PM" --db d.db -q report --out en --lang en --renderer native
run_expect 0 "$PM" --db d.db -q report --out zh --lang zh --renderer native \
	--format md

# The texts a reviewer must find, in English.
cat >want <<'EOF2'
5 of 7 measures measured (1 qualitative, 1 without data); 1 of 6 headline indicators without data; 1 stale; 1 context (not scored); scores run from -5 to 5
3 of 3 measures measured; 0 of 3 headline indicators without data; 1 stale
Of the 7 measures, 4 are on track or have reached their target, 1 is progressing but needs to accelerate, 0 show limited progress or deterioration, and 1 has no data. 1 is qualitative, not measured.
Qualitative, not measured
7.67 亿户
155,200 亿元
Target 170,000 亿元 by 2025
+7.2% published
levels +0.6%
base moved to 2021 (no data for 2020)
base moved to 2023: break in series
base 117600 (2020) as the plan states; stored 2020 value 117601 differs from the plan's base 117600; growth chained from published yoy
context: monitored, not scored
stale since 2021
+30.0% a year (stale since 2021)
EOF2
# Markdown: every line of want.
while IFS= read -r w; do
	grep -qF -- "$w" en/report.md || fail "report.md lacks: $w"
done <want
attn=$(sed -n '/^### Needs attention$/,/^## /p' en/report.md | grep '^- ')
expect_eq "- Industrial internet platforms: **No data**
- Core digital industries' share of GDP: **Progress made but acceleration needed**, +2.1% a year, needs +3.1%
- Data centre racks: **On track**, +30.0% a year (stale since 2021)" "$attn" \
	"needs attention in report.md"
grep -q "No indicator shows\|Every headline indicator is on track" en/report.md &&
	fail "'nothing needs attention' while some do"
# Chinese: the coverage and the qualitative measure in its words.
grep -qF "7项举措中5项已测度（定性1项，无数据1项）；6项主要指标中1项无数据；1项数据过时；1项参考指标不计分" zh/report.md ||
	fail "zh coverage"
grep -qF "定性任务，未测度" zh/report.md || fail "zh qualitative"
grep -qF "7.67亿户" zh/report.md || fail "zh decimals"
grep -qF "基期移至2021年（2020年无数据）" zh/report.md || fail "zh moved base"
grep -qF "基期移至2023年（统计口径变化）" zh/report.md || fail "zh break"
grep -qF "基期值采用规划值117600（2020年）；2020年库存值117601与规划基期值不一致；增速按公布的同比增速连乘计算" zh/report.md ||
	fail "zh plan's base and published growth"

# JSON: the counts.
expect_eq "7 5 1 1 6 1 1 1" "$(sqlite3 :memory: "SELECT
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.measures') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.measured') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.qualitative') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.measures_without_data') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.headline_indicators') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.headline_without_data') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.stale') || ' ' ||
	json_extract(readfile('en/summary.json'), '\$.overall.coverage.context_indicators')")" \
	"coverage in the report's JSON"

# HTML, as a browser renders it: the same texts in the page's text.
chrome=
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$(command -v "$c")
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "skip: chromium not installed"
	exit 0
fi
mkdir -p home
HOME=$TMPD/home timeout 60 "$chrome" --headless --no-sandbox --disable-gpu \
	--disable-quic --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync \
	--user-data-dir="$TMPD/profile" --dump-dom "file://$TMPD/en/index.html" \
	>dom.html 2>chrome.out || { cat chrome.out >&2; fail "chromium failed"; }
# The page's text: tags out, entities and runs of blanks made plain.
sed 's/<[^>]*>/ /g; s/&nbsp;/ /g; s/&amp;/\&/g; s/&#39;/'"'"'/g; s/&quot;/"/g' dom.html |
	tr -s ' \n' '  ' >text
while IFS= read -r w; do
	w=$(printf '%s' "$w" | tr -s ' ')
	grep -qF -- "$w" text || fail "the rendered page lacks: $w"
done <want
grep -qF "Needs attention Industrial internet platforms No data Core digital industries' share of GDP Progress made but acceleration needed +2.1% a year, needs +3.1% Data centre racks On track +30.0% a year (stale since 2021)" text ||
	fail "needs attention in the rendered page"
