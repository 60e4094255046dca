#!/bin/sh
# slow: several full reports in two languages (run under ASan, not valgrind)
# t510-report-lang.sh: "pemetrics report --lang": the whole report in
# English or in Chinese (catalogue names, status words, headings, numbers
# and periods written the language's way), the same figures in both.
. "${0%/*}/lib.sh"

run_expect 0 "$PM" --db t.db -q ingest "$SAMPLE/yearly.csv" "$SAMPLE/monthly-ytd.csv"

run_expect 0 "$PM" --db t.db -q report --out en --lang en
run_expect 0 "$PM" --db t.db -q report --out zh --lang zh
for f in en/index.html zh/index.html; do
	xmllint --noout "$f" >xml.out 2>&1 || fail "$f does not parse"
	[ ! -s xml.out ] || fail "$f: parser messages"
done
# summary.json does not depend on the language.
expect_cmp en/summary.json zh/summary.json

# English.
h=en/index.html
grep -q '<html lang="en">' $h || fail "en: lang"
for s in 'Zhejiang: progress as of 2025' 'At a glance' \
	'Changes since the last report' 'Data gaps and quality' '>Method<' \
	'>On&#160;track<' '>Deterioration<' 'Platform network transaction volume' \
	'Innovation system' '75,560.4 亿元' 'Growth a year since base'; do
	grep -qF "$s" $h || fail "en: lacks '$s'"
done
! grep -q '进展顺利\|平台网络交易额\|创新体系' $h || fail "en: Chinese words"
grep -qF '| Indicator | Latest | YoY |' en/report.md || fail "en: md header"
grep -qF 'Platform network transaction volume' en/report.md ||
	fail "en: md names"

# Chinese: names from name_zh, status words and headings translated,
# numbers without separators, units kept (亿元 stays 亿元).
h=zh/index.html
grep -q '<html lang="zh-CN">' $h || fail "zh: lang"
for s in '浙江省：截至2025年实施进展' '总体情况' '与上期报告相比的变化' \
	'数据缺口与质量' '评估方法' '>进展顺利<' '>出现倒退<' '>目标已实现<' \
	'>取得进展但需加快<' '>无数据<' '平台网络交易额' '创新体系' \
	'75560.4亿元' '实际年均增速' '达标所需增速' '目标：2027年87000亿元' \
	'加拿大统计局' '数据库中没有浙江省更早时期的报告记录'; do
	grep -qF "$s" $h || fail "zh: lacks '$s'"
done
# No English status word or heading is left in the Chinese page.
for s in '>On&#160;track<' '>Deterioration<' '>No&#160;data<' 'At a glance' \
	'Platform network transaction volume' 'Innovation system' \
	'Growth a year' '75,560.4'; do
	! grep -qF "$s" $h || fail "zh: has English '$s'"
done
grep -qF '| 指标 | 最新值 | 同比 |' zh/report.md || fail "zh: md header"
grep -qF '进展顺利' zh/report.md || fail "zh: md status words"
grep -qF '75560.4亿元（2025年）' zh/report.md || fail "zh: md latest value"

# A quarter in both languages.
run_expect 0 "$PM" --db t.db -q report --period 2024Q2 --out q --lang zh
grep -qF '浙江省：截至2024年第二季度实施进展' q/index.html ||
	fail "zh: quarter"
grep -qF '2024年1—6月' q/index.html || fail "zh: partial year"
run_expect 0 "$PM" --db t.db -q report --period 2024-06 --out m
grep -qF 'Zhejiang: progress as of June 2024' m/index.html || fail "en: month"
[ "$(json_get m/summary.json '$.as_of')" = 2024-06 ] || fail "as_of month"
