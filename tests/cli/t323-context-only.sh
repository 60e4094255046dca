#!/bin/sh
# t323-context-only.sh: a measure tracked by context indicators alone has
# data but no score: it is counted "context only" in every coverage, never
# "without data" nor a data gap, in text, Markdown, CSV, JSON and the
# report (English and Chinese).
. "${0%/*}/lib.sh"

FIX=$REPO/tests/fixtures/digital14
cp -R "$FIX/catalog" cat
echo 'D8,economy,Watch platform entry,关注平台准入,"Monitor platform entry.",' \
	>>cat/measures.csv
echo 'platform_count,Platforms,平台数量,万户,stock,increase,D8,2020,,,,,,,,context,' \
	>>cat/indicators.csv
PEMETRICS_CATALOG=$PWD/cat
export PEMETRICS_CATALOG
cp "$FIX/yearly.csv" y.csv
printf '%s\n' platform_count,100000,2021,100,万户, \
	platform_count,100000,2022,120,万户, \
	platform_count,100000,2023,150,万户, >>y.csv
run_expect 0 "$PM" --db d.db -q ingest y.csv

run_expect 0 "$PM" --db d.db summary
expect_stdout_has "Overall: On track, score 3.67 — 5 of 8 measures measured (1 qualitative, 1 context only, 1 without data);"
expect_stdout_has "       Context indicators only, monitored not scored"
expect_stdout_has "  D7  no data for any of its indicators"
expect_stdout_lacks "  D8  no data"
expect_stdout_lacks "  D8  too little data"

run_expect 0 "$PM" --db d.db summary --format md
expect_stdout_has "| **D8** Watch platform entry | | | | | | Context indicators only, monitored not scored | – |"

run_expect 0 "$PM" --db d.db summary --format csv
expect_stdout_has "measure,economy,D8,,100000,not_available,,,,,,,,,,,,,context indicators only: monitored not scored,,"

run_expect 0 "$PM" --db d.db summary --format json
cp stdout s.json
got=$(sqlite3 :memory: "SELECT json_extract(readfile('s.json'),
	'\$.overall.coverage.context_only') || ' ' ||
	json_extract(readfile('s.json'),
	'\$.overall.coverage.measures_without_data') || ' ' ||
	(SELECT json_extract(value, '\$.data_gap') || '/' ||
	json_extract(value, '\$.context_only') FROM
	json_each(readfile('s.json'), '\$.measures')
	WHERE json_extract(value, '\$.id') = 'D8')")
expect_eq "1 1 0/1" "$got" "JSON coverage and D8"

run_expect 0 "$PM" --db d.db report --no-record --renderer native --out en
grep -q "and 1 has no data. 1 is qualitative, not measured. 1 has context indicators only, not scored." en/report.md ||
	fail "English headline counts"
grep -q "^\*\*Context indicators only, not scored\*\*" en/report.md ||
	fail "English D8 status"
run_expect 0 "$PM" --db d.db report --no-record --renderer native --lang zh \
	--out zh
grep -q "1项无数据。另有1项为定性任务，未测度。另有1项仅有参考指标，不计分。" zh/report.md ||
	fail "Chinese headline counts"
grep -q "（定性1项，仅参考指标1项，无数据1项）" zh/report.md ||
	fail "Chinese coverage"
