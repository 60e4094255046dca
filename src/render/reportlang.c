#include "render/reportlang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/fmt.h"
#include "util/numfmt.h"
#include "util/banned.h"

static const char *const words[RL_NWORDS][2] = {
	[RL_TITLE] = { "Policy progress report", "政策实施进展报告" },
	[RL_GLANCE] = { "At a glance", "总体情况" },
	[RL_OVERALL] = { "Overall", "总体评价" },
	[RL_SCORE] = { "Score", "得分" },
	[RL_SCORE_RANGE] = { "scores run from -5 to 5",
		"得分区间为-5至5" },
	[RL_SYSTEM] = { "System", "体系" },
	[RL_SYSTEMS] = { "Systems", "体系" },
	[RL_MEASURE] = { "Measure", "举措" },
	[RL_MEASURES] = { "Measures", "举措" },
	[RL_INDICATOR] = { "Indicator", "指标" },
	[RL_INDICATORS] = { "Indicators", "指标" },
	[RL_STATUS] = { "Status", "状态" },
	[RL_LATEST] = { "Latest", "最新值" },
	[RL_YOY] = { "YoY", "同比" },
	[RL_GROWTH] = { "Growth a year since base", "实际年均增速" },
	[RL_NEEDED] = { "Needed a year", "达标所需增速" },
	[RL_TREND] = { "Trend", "走势" },
	[RL_CHART] = { "chart", "走势图" },
	[RL_REGIONS_CHART] = { "by region", "分地区" },
	[RL_ATTENTION] = { "Needs attention", "需重点关注" },
	[RL_ATTENTION_NONE] = { "Every headline indicator is on track or "
		"has achieved its target, with recent data.",
		"各主要指标均进展顺利或已实现目标，且数据及时。" },
	[RL_CHANGES] = { "Changes since the last report",
		"与上期报告相比的变化" },
	[RL_STATUS_CHANGES] = { "Status changes", "状态变化" },
	[RL_NO_STATUS_CHANGE] = { "No status changed.",
		"各项状态均无变化。" },
	[RL_REVISIONS] = { "Revised data", "数据修订" },
	[RL_NO_REVISION] = { "No stored value was revised.",
		"无数据修订。" },
	[RL_LEVEL] = { "Level", "层级" },
	[RL_ITEM] = { "Item", "项目" },
	[RL_BEFORE] = { "Before", "上期" },
	[RL_NOW] = { "Now", "本期" },
	[RL_CHANGE] = { "Change", "变化" },
	[RL_REGION] = { "Region", "地区" },
	[RL_PERIOD] = { "Period", "时期" },
	[RL_FILE] = { "File", "文件" },
	[RL_BETTER] = { "better", "好转" },
	[RL_WORSE] = { "worse", "变差" },
	[RL_NEW_DATA] = { "now has data", "新增数据" },
	[RL_LOST_DATA] = { "no data now", "数据缺失" },
	[RL_POLICY] = { "Policy as a whole", "政策总体" },
	[RL_GAPS] = { "Data gaps and quality", "数据缺口与质量" },
	[RL_GAP_MEASURES] = { "Measures with no data", "无数据的举措" },
	[RL_GAP_INDICATORS] = { "Indicators with no data", "无数据的指标" },
	[RL_INCOMPLETE] = { "Incomplete periods", "不完整时期" },
	[RL_REJECTED] = { "Rows rejected at ingest", "导入时被拒绝的数据行" },
	[RL_NO_REJECTED] = { "No row of this period was rejected.",
		"本期无被拒绝的数据行。" },
	[RL_TOTALS] = { "Region totals that differ from the sum of their "
		"parts", "地区总量与下辖地区合计不一致" },
	[RL_OWN] = { "Own total", "本级总量" },
	[RL_PARTS] = { "Sum of parts", "下辖地区合计" },
	[RL_DIFF] = { "Difference", "差异" },
	[RL_YEAR] = { "Year", "年份" },
	[RL_MISMATCH] = { "Published growth rates the levels do not "
		"reproduce", "公布增速与总量推算增速不一致" },
	[RL_PUBLISHED] = { "Published", "公布增速" },
	[RL_FROM_LEVELS] = { "From levels", "总量推算" },
	[RL_METHOD] = { "Method", "评估方法" },
	[RL_NONE] = { "None.", "无。" },
	[RL_NO_DATA] = { "No data", "暂无数据" },
	[RL_SUM_OF_PARTS] = { "sum of parts", "下辖地区合计" },
	[RL_LOWER_BETTER] = { "lower is better", "越低越好" },
	[RL_CONTENTS] = { "Contents", "目录" },
	[RL_YTD] = { "year to date", "累计" },
	[RL_NOT_ASSESSED] = { "Not available", "无法评估" },
	[RL_TOO_LITTLE] = { " (has data, too little to judge yet: two years "
		"are needed)", "（有数据，但不足以评估：需要两年数据）" },
	[RL_AIM] = { "the policy's aim (no target level)",
		"政策预期增速（无目标值）" },
};

static const char *const status_words[PROGRESS_TARGET_ACHIEVED + 1][2] = {
	[PROGRESS_NOT_AVAILABLE] = { "No data", "无数据" },
	[PROGRESS_DETERIORATION] = { "Deterioration", "出现倒退" },
	[PROGRESS_LIMITED] = { "Limited progress", "进展有限" },
	[PROGRESS_MODERATE] = { "Progress made but acceleration needed",
		"取得进展但需加快" },
	[PROGRESS_SUBSTANTIAL] = { "On track", "进展顺利" },
	[PROGRESS_TARGET_ACHIEVED] = { "Target achieved", "目标已实现" },
};

static int
zh(enum chart_lang lang)
{
	return lang == LANG_ZH;
}

const char *
rl_word(enum chart_lang lang, enum rl_word w)
{
	if ((unsigned)w >= RL_NWORDS || words[w][0] == NULL)
		return "";
	return words[w][zh(lang)];
}

const char *
rl_status(enum chart_lang lang, enum progress_status s)
{
	if ((unsigned)s > PROGRESS_TARGET_ACHIEVED)
		return zh(lang) ? "未知" : "Unknown";
	return status_words[s][zh(lang)];
}

const char *
rl_name(enum chart_lang lang, const char *en, const char *zh_name)
{
	if (zh(lang) && zh_name && *zh_name)
		return zh_name;
	return en && *en ? en : (zh_name ? zh_name : "");
}

const char *
rl_tag(enum chart_lang lang)
{
	return zh(lang) ? "zh-CN" : "en";
}

/* A number with 'dec' decimals (fmt_value(); < 0: as exact), grouped
 * for the language. */
static void
number_dec(struct buf *b, enum chart_lang lang, double v, int dec)
{
	char t[FMT_MAX];
	const char *p = fmt_value(v, dec, t), *dot;
	size_t lead, digits, i;

	/* Chinese statistical releases write 75560.4 without separators;
	 * English groups thousands: 75,560.4 (from four digits on). */
	if (zh(lang) || strchr(p, 'e') || strchr(p, 'n') || strchr(p, 'i')) {
		buf_adds(b, p);
		return;
	}
	lead = *p == '-' ? 1 : 0;
	dot = strchr(p, '.');
	digits = (dot ? (size_t)(dot - p) : strlen(p)) - lead;
	buf_add(b, p, lead);
	for (i = 0; i < digits; i++) {
		if (i && digits >= 4 && (digits - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, p[lead + i]);
	}
	buf_adds(b, p + lead + digits);
}

void
rl_number(struct buf *b, enum chart_lang lang, double v, int decimals)
{
	number_dec(b, lang, v, decimals);
}

/* The unit after a number, as the language sets it. */
static void
unit_after(struct buf *b, enum chart_lang lang, const char *unit)
{
	/* "12.7%" in both languages; "75,560.4 亿元" in English but
	 * "75560.4亿元" in Chinese, which sets no space before a unit. */
	if (!zh(lang) && strcmp(unit, "%") != 0 && *unit)
		buf_addc(b, ' ');
	buf_adds(b, unit);
}

/* A catalogue figure (a target) with its unit, as written. */
static void
target_value(struct buf *b, const struct report_doc *d, int ind, double v)
{
	const struct catalog *cat = d->sum->cat;
	const struct cat_indicator *ci = &cat->indicators[ind];

	rl_number(b, d->lang, v, -1);
	unit_after(b, d->lang, cat->units[ci->unit].unit);
}

void
rl_value_dec(struct buf *b, const struct report_doc *d, int ind, double v,
    int dec)
{
	const struct catalog *cat = d->sum->cat;
	const struct cat_indicator *ci = &cat->indicators[ind];
	const char *unit = cat->units[ci->unit].unit;

	number_dec(b, d->lang, v, dec);
	unit_after(b, d->lang, unit);
}

void
rl_value(struct buf *b, const struct report_doc *d, int ind, double v)
{
	/* The precision the indicator was published with, the same for
	 * every value of it (one column lines up). */
	rl_value_dec(b, d, ind, v, fmt_decimals(&d->sum->cat->indicators[ind],
	    &d->sum->indicators[ind].years));
}

bool
rl_yoy(struct buf *b, const struct report_doc *d, int ind,
    const struct agg_point *pt, bool published)
{
	const struct catalog *cat = d->sum->cat;
	const struct cat_indicator *ci = &cat->indicators[ind];
	const char *unit = cat->units[ci->unit].unit;
	char t[FMT_MAX];

	/* A change in a rate is a difference, in points (百分点), never
	 * a relative percentage: 12.3% to 12.7% is +0.4 points, not +3.3%. */
	if (ci->kind == KIND_RATE) {
		double c = pt->chg;

		if (!pt->has_chg || !isfinite(c))
			return false;
		if (fabs(c) < 0.05)
			c = 0;          /* no "-0.0" */
		if (strcmp(unit, "%") == 0)
			buf_addf(b, zh(d->lang) ? "%+.1f个百分点" : "%+.1f pt",
			    c);
		else
			buf_addf(b, zh(d->lang) ? "%+.1f%s" : "%+.1f %s", c,
			    unit);
		return true;
	}
	/* The official growth first: published (or derived from the
	 * published ytd growths), else the levels'. */
	(void)published;
	if (pt->has_yoy_pub) {
		buf_adds(b, fmt_pct(pt->yoy_pub, t));
		return true;
	}
	if (!pt->has_yoy)
		return false;
	buf_adds(b, fmt_pct(pt->yoy, t));
	return true;
}

void
rl_score(struct buf *b, bool has, double score)
{
	if (has && isfinite(score))
		buf_addf(b, "%.2f", score);
	else
		buf_adds(b, "–");
}

static const char *const month_en[] = { "", "January", "February",
	"March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December" };

void
rl_period(struct buf *b, enum chart_lang lang, const struct period *p)
{
	static const char *const qzh[] = { "", "一", "二", "三", "四" };

	switch (p->freq) {
	case FREQ_H:
		if (zh(lang))
			buf_addf(b, "%d年%s半年", p->year,
			    p->sub == 1 ? "上" : "下");
		else
			buf_addf(b, "H%d %d", p->sub, p->year);
		break;
	case FREQ_Q:
		if (zh(lang))
			buf_addf(b, "%d年第%s季度", p->year,
			    qzh[p->sub >= 1 && p->sub <= 4 ? p->sub : 0]);
		else
			buf_addf(b, "Q%d %d", p->sub, p->year);
		break;
	case FREQ_M:
		if (zh(lang))
			buf_addf(b, "%d年%d月", p->year, p->sub);
		else
			buf_addf(b, "%s %d", month_en[p->sub >= 1 &&
			    p->sub <= 12 ? p->sub : 0], p->year);
		break;
	default:
		buf_addf(b, zh(lang) ? "%d年" : "%d", p->year);
		break;
	}
}

void
rl_partial(struct buf *b, enum chart_lang lang, const struct agg_point *pt)
{
	int m = pt->months;

	if (pt->at_end && pt->p.freq == FREQ_Y && m >= 1 && m <= 12) {
		/* A stock's level at a date, not a span of months. */
		if (zh(lang))
			buf_addf(b, "%d年%d月末", pt->p.year, m);
		else
			buf_addf(b, "end-%s %d", month_en[m], pt->p.year);
		return;
	}
	if (pt->ytd && pt->p.freq != FREQ_Y && m >= 1 && m <= 12) {
		if (zh(lang))
			buf_addf(b, "%d年1—%d月", pt->p.year, m);
		else
			buf_addf(b, "Jan-%s %d", fmt_month_abbr(m), pt->p.year);
		return;
	}
	if (pt->p.freq != FREQ_Y || m < 1 || m > 12) {
		rl_period(b, lang, &pt->p);
		return;
	}
	if (!agg_leading_run(pt)) {
		buf_addf(b, zh(lang) ? "%d年（%d个月）" : "%d (%d of 12 months)",
		    pt->p.year, m);
		return;
	}
	if (zh(lang))
		buf_addf(b, m == 1 ? "%d年1月" : "%d年1—%d月", pt->p.year, m);
	else if (m == 1)
		buf_addf(b, "Jan %d", pt->p.year);
	else
		buf_addf(b, "Jan-%s %d", fmt_month_abbr(m), pt->p.year);
}

void
rl_date(struct buf *b, enum chart_lang lang, const char *iso)
{
	int y, m, day;

	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &day) != 3 || m < 1 ||
	    m > 12) {
		buf_adds(b, iso);
		return;
	}
	if (zh(lang))
		buf_addf(b, "%d年%d月%d日", y, m, day);
	else
		buf_addf(b, "%d %s %d", day, month_en[m], y);
}

void
rl_chart_path(struct buf *b, const struct report_doc *d, int ind,
    unsigned which)
{
	const struct catalog *cat = d->sum->cat;

	/* Codes only: catalogue codes are [a-z0-9_], region codes digits,
	 * so the path needs no escaping in any format. */
	buf_addf(b, "%s/%s.%s.%s.png", d->charts, cat->indicators[ind].code,
	    cat->regions[d->sum->region].code,
	    which == RDOC_SPARK ? "spark" : which == RDOC_REGIONS ?
	    "regions" : "Y");
}

void
rl_title(struct buf *b, const struct report_doc *d)
{
	const struct cat_region *g = &d->sum->cat->regions[d->sum->region];

	buf_adds(b, rl_name(d->lang, g->name_en, g->name_zh));
	buf_adds(b, zh(d->lang) ? "：截至" : ": progress as of ");
	rl_period(b, d->lang, &d->sum->as_of);
	if (zh(d->lang))
		buf_adds(b, "实施进展");
}

void
rl_meta(struct buf *b, const struct report_doc *d)
{
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct cat_region *g = &cat->regions[s->region];

	if (zh(d->lang)) {
		buf_addf(b, "%s（%s）· 数据截至", rl_name(d->lang, g->name_en,
		    g->name_zh), g->code);
		rl_period(b, d->lang, &s->as_of);
		if (d->rep->has_newest && !d->rep->current) {
			buf_adds(b, "（最新数据：");
			rl_newest(b, d);
			buf_adds(b, "）");
		}
		buf_addf(b, " · %zu个体系、%zu项举措、%zu项指标",
		    cat->nsystems, cat->nmeasures, cat->nindicators);
	} else {
		buf_addf(b, "%s (%s) · data as of ", rl_name(d->lang,
		    g->name_en, g->name_zh), g->code);
		rl_period(b, d->lang, &s->as_of);
		if (d->rep->has_newest && !d->rep->current) {
			buf_adds(b, " (latest data: ");
			rl_newest(b, d);
			buf_addc(b, ')');
		}
		buf_addf(b, " · %zu systems, %zu measures, %zu indicators",
		    cat->nsystems, cat->nmeasures, cat->nindicators);
	}
}

void
rl_headline(struct buf *b, const struct report_doc *d)
{
	size_t n[PROGRESS_TARGET_ACHIEVED + 1], good, lag;

	size_t q = d->sum->cov.qualitative;
	size_t c = d->sum->cov.context_only;

	rl_count(d, REPORT_MEASURE, n);
	good = n[PROGRESS_TARGET_ACHIEVED] + n[PROGRESS_SUBSTANTIAL];
	lag = n[PROGRESS_LIMITED] + n[PROGRESS_DETERIORATION];
	if (zh(d->lang)) {
		buf_addf(b, "%zu项举措中，%zu项进展顺利或目标已实现，%zu项取"
		    "得进展但需加快，%zu项进展有限或出现倒退，%zu项无数据。",
		    d->sum->cat->nmeasures, good, n[PROGRESS_MODERATE], lag,
		    n[PROGRESS_NOT_AVAILABLE]);
		if (q)
			buf_addf(b, "另有%zu项为定性任务，未测度。", q);
		if (c)
			buf_addf(b, "另有%zu项仅有参考指标，不计分。", c);
		return;
	}
	buf_addf(b, "Of the %zu measures, %zu %s on track or %s reached "
	    "%s target, %zu %s progressing but %s to accelerate, %zu %s "
	    "limited progress or deterioration, and %zu %s no data.",
	    d->sum->cat->nmeasures, good, good == 1 ? "is" : "are",
	    good == 1 ? "has" : "have", good == 1 ? "its" : "their",
	    n[PROGRESS_MODERATE], n[PROGRESS_MODERATE] == 1 ? "is" : "are",
	    n[PROGRESS_MODERATE] == 1 ? "needs" : "need", lag,
	    lag == 1 ? "shows" : "show", n[PROGRESS_NOT_AVAILABLE],
	    n[PROGRESS_NOT_AVAILABLE] == 1 ? "has" : "have");
	if (q)
		buf_addf(b, " %zu %s qualitative, not measured.", q,
		    q == 1 ? "is" : "are");
	if (c)
		buf_addf(b, " %zu %s context indicators only, not scored.",
		    c, c == 1 ? "has" : "have");
}

void
rl_target(struct buf *b, const struct report_doc *d, int ind)
{
	const struct cat_indicator *ci = &d->sum->cat->indicators[ind];
	int ty = ci->target_year ? ci->target_year :
	    d->sum->cfg.default_target_year;

	if (ci->has_target) {
		if (zh(d->lang)) {
			buf_addf(b, "目标：%d年", ty);
			target_value(b, d, ind, ci->target_value);
		} else {
			buf_adds(b, "Target ");
			target_value(b, d, ind, ci->target_value);
			buf_addf(b, " by %d", ty);
		}
	} else if (ci->has_growth) {
		if (zh(d->lang))
			buf_addf(b, "预期年均增长%.1f%%（无目标值）",
			    ci->target_growth);
		else
			buf_addf(b, "Aim %+.1f%% a year (no target level)",
			    ci->target_growth);
	} else {
		buf_adds(b, zh(d->lang) ? "无目标值" : "No target level");
	}
	if (ci->direction < 0)
		buf_addf(b, zh(d->lang) ? "，%s" : ", %s",
		    rl_word(d->lang, RL_LOWER_BETTER));
}

void
rl_changes_intro(struct buf *b, const struct report_doc *d)
{
	const struct report *r = d->rep;
	const struct cat_region *g = &d->sum->cat->regions[d->sum->region];
	const char *name = rl_name(d->lang, g->name_en, g->name_zh);

	if (!r->has_prev) {
		if (zh(d->lang))
			buf_addf(b, "数据库中没有%s更早时期的报告记录，无从比"
			    "较。", name);
		else
			buf_addf(b, "No report of %s for an earlier period is "
			    "recorded in this store, so there is nothing to "
			    "compare with. ", name);
		if (d->recorded)
			buf_adds(b, zh(d->lang) ? "本期报告已记录，下期报告将"
			    "列出相对本期的变化。" : "This report has been "
			    "recorded: the next one will list the changes "
			    "since it.");
		else
			rl_not_recorded(b, d);
		return;
	}
	if (zh(d->lang)) {
		buf_adds(b, "与");
		rl_period(b, d->lang, &r->prev_period);
		buf_adds(b, "报告（");
		rl_date(b, d->lang, r->prev_made_at);
		buf_adds(b, "生成）相比。本节取决于此前在数据库中记录的报告；"
		    "报告其余部分的数据只取决于截至");
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, "的数据。");
	} else {
		buf_adds(b, "Compared with the report for ");
		rl_period(b, d->lang, &r->prev_period);
		buf_adds(b, ", made on ");
		rl_date(b, d->lang, r->prev_made_at);
		buf_adds(b, ". This section depends on the reports recorded in "
		    "the store before this one; the figures in the rest of "
		    "the report depend only on the data up to ");
		rl_period(b, d->lang, &d->sum->as_of);
		buf_addc(b, '.');
	}
	if (!d->recorded) {
		buf_adds(b, zh(d->lang) ? "" : " ");
		rl_not_recorded(b, d);
	}
}

void
rl_not_recorded(struct buf *b, const struct report_doc *d)
{
	if (!d->rep->current)
		buf_adds(b, zh(d->lang) ? "本期没有数据，本报告未记录，不作为"
		    "下期报告的比较基准。" : "The period has no data, so this "
		    "report is not recorded: the next one will not compare "
		    "with it.");
	else
		buf_adds(b, zh(d->lang) ? "本报告未记录（预览或数据库正忙），"
		    "不作为下期报告的比较基准。" : "This report is not "
		    "recorded (a preview, or the store was busy): the next "
		    "one will not compare with it.");
}

void
rl_newest(struct buf *b, const struct report_doc *d)
{
	const struct agg_point *pt = &d->rep->newest;

	if (pt->p.freq == FREQ_Y && !pt->complete)
		rl_partial(b, d->lang, pt);
	else
		rl_period(b, d->lang, &pt->p);
}

void
rl_stale_warning(struct buf *b, const struct report_doc *d)
{
	const struct report *r = d->rep;
	size_t n = 0, i;

	for (i = 0; i < d->sum->cat->nindicators; i++)
		n += d->sum->indicators[i].has_data;
	if (!r->has_newest) {
		buf_adds(b, zh(d->lang) ? "注意：截至" : "Warning: there are no "
		    "data up to ");
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, zh(d->lang) ? "没有任何数据，以下各项均无法评估。" :
		    ", so nothing below can be assessed.");
		return;
	}
	if (!r->current) {
		if (zh(d->lang)) {
			buf_adds(b, "注意：");
			rl_period(b, d->lang, &d->sum->as_of);
			buf_adds(b, "没有数据，最新数据为");
			rl_newest(b, d);
			buf_adds(b, "，以下数值均为更早时期的数据。");
		} else {
			buf_adds(b, "Warning: there are no data for ");
			rl_period(b, d->lang, &d->sum->as_of);
			buf_adds(b, "; the latest data are of ");
			rl_newest(b, d);
			buf_adds(b, ", and every figure below is of an earlier "
			    "period.");
		}
		return;
	}
	if (r->nstale == 0)
		return;
	if (zh(d->lang))
		buf_addf(b, "注意：有数据的%zu项指标中，%zu项在%d年尚无数值，"
		    "其最新值为更早年份的数据（见“数据缺口与质量”）。", n,
		    r->nstale, d->sum->as_of.year);
	else
		buf_addf(b, "Note: %zu of the %zu indicators with data have no "
		    "value for %d yet; their latest values are of earlier years "
		    "(see Data gaps).", r->nstale, n, d->sum->as_of.year);
}

void
rl_stale_line(struct buf *b, const struct report_doc *d)
{
	const struct report *r = d->rep;
	const struct catalog *cat = d->sum->cat;
	size_t i;

	if (zh(d->lang))
		buf_addf(b, "%zu项指标在%d年没有数值：", r->nstale,
		    d->sum->as_of.year);
	else
		buf_addf(b, "%zu indicator%s with no value in %d: ", r->nstale,
		    r->nstale == 1 ? "" : "s", d->sum->as_of.year);
	for (i = 0; i < r->nstale; i++) {
		if (i)
			buf_adds(b, zh(d->lang) ? "、" : ", ");
		buf_adds(b, cat->indicators[r->stale[i]].code);
	}
	buf_adds(b, zh(d->lang) ? "。" : ".");
}

void
rl_revisions_intro(struct buf *b, const struct report_doc *d)
{
	size_t n = d->rep->nrevisions;

	if (zh(d->lang)) {
		buf_addf(b, "上期报告之后导入的文件修订了%zu个截至", n);
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, "时期的已有数值：");
	} else {
		buf_addf(b, "Files ingested since the last report revised %zu "
		    "stored value%s of periods up to ", n, n == 1 ? "" : "s");
		rl_period(b, d->lang, &d->sum->as_of);
		buf_addc(b, ':');
	}
}

void
rl_rejects_intro(struct buf *b, const struct report_doc *d)
{
	if (zh(d->lang)) {
		buf_adds(b, "导入时被拒绝的");
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, "数据行，以及提供了该时期数据的文件中时期无法识别的"
		    "行（修正后可重新导入）：");
	} else {
		buf_adds(b, "Rows of ");
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, " rejected at ingest, and rows without a usable "
		    "period from the files that gave data of it (fix and "
		    "ingest them again):");
	}
}

void
rl_rejects_line(struct buf *b, const struct report_doc *d, size_t i)
{
	const struct report_rejects *e = &d->rep->rejects[i];
	size_t k;

	buf_adds(b, e->file);
	if (zh(d->lang)) {
		buf_adds(b, "（");
		rl_date(b, d->lang, e->at);
		if (e->nrejected == e->nfile)
			buf_addf(b, "导入）：%lu行中%lu行被拒绝", e->rows,
			    e->nrejected);
		else
			buf_addf(b, "导入）：本期%lu行被拒绝（全文件%lu行中"
			    "%lu行）", e->nrejected, e->rows, e->nfile);
	} else {
		buf_adds(b, ", ingested ");
		rl_date(b, d->lang, e->at);
		if (e->nrejected == e->nfile)
			buf_addf(b, ": %lu of %lu row%s rejected",
			    e->nrejected, e->rows, e->rows == 1 ? "" : "s");
		else
			buf_addf(b, ": %lu row%s of this period rejected (%lu "
			    "of %lu rows of the file)", e->nrejected,
			    e->nrejected == 1 ? "" : "s", e->nfile, e->rows);
	}
	for (k = 0; k < e->nfirst; k++) {
		if (zh(d->lang))
			buf_addf(b, "%s第%lu行：%s", k ? "；" : "——",
			    e->first[k].line, e->first[k].reason);
		else
			buf_addf(b, "%sline %lu: %s", k ? "; " : " - ",
			    e->first[k].line, e->first[k].reason);
	}
	if (e->nrejected > e->nfirst)
		buf_adds(b, zh(d->lang) ? "；等" : "; ...");
}

void
rl_incomplete_line(struct buf *b, const struct report_doc *d, int ind)
{
	const struct cat_indicator *ci = &d->sum->cat->indicators[ind];
	const struct summary_indicator *si = &d->sum->indicators[ind];

	buf_adds(b, rl_name(d->lang, ci->name_en, ci->name_zh));
	buf_adds(b, zh(d->lang) ? "：" : ": ");
	rl_partial(b, d->lang, &si->partial);
	buf_adds(b, zh(d->lang) ? "为不完整年度，" : " is incomplete, ");
	rl_value(b, d, ind, si->partial.value);
	{
		struct buf y = BUF_INIT;

		if (rl_yoy(&y, d, ind, &si->partial, true))
			buf_addf(b, zh(d->lang) ? "，同比%s%s" : " (%s YoY%s)",
			    buf_str(&y), d->sum->cat->indicators[ind].kind !=
			    KIND_RATE && si->partial.has_yoy_pub ?
			    (zh(d->lang) ? "（公布）" : ", published") : "");
		buf_release(&y);
	}
	buf_adds(b, zh(d->lang) ? "；仅作展示，不计入进展评估。" :
	    "; shown, but left out of the progress measure.");
}

void
rl_method(struct buf *b, const struct report_doc *d)
{
	const struct progress_config *c = &d->sum->cfg;

	if (zh(d->lang)) {
		buf_addf(b, "各指标的进展状态采用加拿大统计局设计、Open SDG发"
		    "布的进展测度方法：将指标自基期以来的年均复合增长率，与到"
		    "目标年实现目标值所需的年均增长率相比较。设有目标值的指标"
		    "，按两者之比判断：比值不低于%.2f为“进展顺利”，不低于%.2f"
		    "为“取得进展但需加快”，不低于0为“进展有限”，低于0为“出现"
		    "倒退”；最新值已达到目标值的为“目标已实现”。未设目标值的"
		    "指标，按年均增长率判断：不低于%.1f%%为“进展顺利”，不低于"
		    "%.1f%%为“取得进展但需加快”，不低于0为“进展有限”。越低越"
		    "好的指标方向相反。只使用完整年度的数据，不完整年度仅作展"
		    "示。各状态对应-5至5的得分：举措得分为其指标得分的平均值"
		    "，体系得分为其举措得分的平均值，政策总体得分为各体系得分"
		    "的平均值，并据此确定相应状态。",
		    c->ratio_high, c->ratio_mid, c->cagr_high * 100,
		    c->cagr_mid * 100);
		return;
	}
	buf_addf(b, "Each indicator's status follows the progress measure "
	    "that Statistics Canada designed and Open SDG publishes: the "
	    "compound annual growth the indicator has shown since its base "
	    "year is compared with the growth it needs to reach its target "
	    "by the target year. With a target, the ratio of the two decides: "
	    "on track at %.2f or more, progress made but acceleration needed "
	    "from %.2f, limited progress from 0, deterioration below 0; a "
	    "latest value that meets the target is target achieved. Without a "
	    "target level, the growth itself decides: %.1f%% a year or more "
	    "is on track, %.1f%% progress made but acceleration needed, 0 "
	    "limited progress. Where lower is better the direction is turned "
	    "around. Only complete years count; an incomplete year is shown "
	    "but left out. Each status carries a score from -5 to 5: a "
	    "measure's score is the mean of its indicators', a system's the "
	    "mean of its measures', the policy's the mean of its systems', "
	    "and their status follows from that score.", c->ratio_high,
	    c->ratio_mid, c->cagr_high * 100, c->cagr_mid * 100);
}

void
rl_source(struct buf *b, const struct report_doc *d)
{
	if (zh(d->lang))
		buf_adds(b, "方法来源：加拿大统计局（Statistics Canada）可持"
		    "续发展目标进展测度方法，采用Open SDG的实现（sdg-build Pr"
		    "ogressMeasure；open-sdg文档“Progress methodology”）。");
	else
		buf_adds(b, "Source of the method: Statistics Canada's progre"
		    "ss "
		    "measure for the Sustainable Development Goals, as Open S"
		    "DG "
		    "implements and documents it (sdg-build ProgressMeasure; "
		    "open-sdg documentation, \"Progress methodology\").");
}

void
rl_footer(struct buf *b, const struct report_doc *d)
{
	if (zh(d->lang)) {
		buf_addf(b, "由pemetrics根据数据库%s生成。报告中的数据只使用"
		    "截至",
		    d->source);
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, "的数据，任何时候生成结果相同。");
	} else {
		buf_addf(b, "Made by pemetrics from the store %s. The figures "
		    "use the data up to ", d->source);
		rl_period(b, d->lang, &d->sum->as_of);
		buf_adds(b, " only, and are the same whenever the report is "
		    "made.");
	}
}

void
rl_more(struct buf *b, enum chart_lang lang, size_t n)
{
	if (zh(lang))
		buf_addf(b, "……另有%zu项。", n);
	else
		buf_addf(b, "... and %zu more.", n);
}

void
rl_change_item(struct buf *b, const struct report_doc *d,
    const struct report_change *c)
{
	const struct catalog *cat = d->sum->cat;

	switch (c->level) {
	case REPORT_SYSTEM:
		buf_adds(b, rl_name(d->lang, cat->systems[c->index].name_en,
		    cat->systems[c->index].name_zh));
		break;
	case REPORT_MEASURE:
		buf_addf(b, "%s ", cat->measures[c->index].id);
		buf_adds(b, rl_name(d->lang, cat->measures[c->index].name_en,
		    cat->measures[c->index].name_zh));
		break;
	case REPORT_INDICATOR:
		buf_adds(b, rl_name(d->lang, cat->indicators[c->index].name_en,
		    cat->indicators[c->index].name_zh));
		break;
	default:
		buf_adds(b, rl_word(d->lang, RL_POLICY));
		break;
	}
}

const char *
rl_change_level(enum chart_lang lang, enum report_level lv)
{
	switch (lv) {
	case REPORT_SYSTEM:
		return rl_word(lang, RL_SYSTEM);
	case REPORT_MEASURE:
		return rl_word(lang, RL_MEASURE);
	case REPORT_INDICATOR:
		return rl_word(lang, RL_INDICATOR);
	default:
		return zh(lang) ? "总体" : "Policy";
	}
}

const char *
rl_change_way(enum chart_lang lang, const struct report_change *c)
{
	if (c->before == PROGRESS_NOT_AVAILABLE)
		return rl_word(lang, RL_NEW_DATA);
	if (c->after == PROGRESS_NOT_AVAILABLE)
		return rl_word(lang, RL_LOST_DATA);
	return rl_word(lang, c->after > c->before ? RL_BETTER : RL_WORSE);
}

const struct report_change *
rl_change_of(const struct report_doc *d, enum report_level lv, int index)
{
	size_t i;

	for (i = 0; i < d->rep->nchanges; i++)
		if (d->rep->changes[i].level == lv &&
		    d->rep->changes[i].index == index)
			return &d->rep->changes[i];
	return NULL;
}

void
rl_count(const struct report_doc *d, enum report_level lv,
    size_t n[PROGRESS_TARGET_ACHIEVED + 1])
{
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	size_t i;
	unsigned st;

	memset(n, 0, sizeof(size_t) * (PROGRESS_TARGET_ACHIEVED + 1));
	if (lv == REPORT_SYSTEM) {
		for (i = 0; i < cat->nsystems; i++)
			if ((st = s->systems[i].r.status) <=
			    PROGRESS_TARGET_ACHIEVED)
				n[st]++;
	} else if (lv == REPORT_MEASURE) {
		/* Qualitative measures are never measured, context-only
		 * ones never scored: neither is "no data". */
		for (i = 0; i < cat->nmeasures; i++)
			if (!cat->measures[i].qualitative &&
			    !s->measures[i].context_only &&
			    (st = s->measures[i].r.status) <=
			    PROGRESS_TARGET_ACHIEVED)
				n[st]++;
	} else {
		/* Context indicators are monitored, not scored. */
		for (i = 0; i < cat->nindicators; i++)
			if (!cat->indicators[i].context &&
			    (st = s->indicators[i].progress.status) <=
			    PROGRESS_TARGET_ACHIEVED)
				n[st]++;
	}
}

size_t
rl_attention(const struct report_doc *d, int *idx, size_t max)
{
	const struct summary *s = d->sum;
	size_t i, j, n = 0;

	for (i = 0; i < s->cat->nindicators; i++) {
		const struct progress_result *p = &s->indicators[i].progress;
		double sc = p->has_score ? p->score : 0;

		/* Below on track (acceleration needed included), stale,
		 * or without data: every headline indicator that is. */
		if (summary_attention(s, (int)i) == 0)
			continue;
		/* Insertion into the worst-first list, kept at max. */
		for (j = n; j > 0; j--) {
			const struct progress_result *q =
			    &s->indicators[idx[j - 1]].progress;

			if ((q->has_score ? q->score : 0) <= sc)
				break;
			if (j < max)
				idx[j] = idx[j - 1];
		}
		if (j < max) {
			idx[j] = (int)i;
			if (n < max)
				n++;
		}
	}
	return n;
}

int
rl_checks_year(const struct summary *s)
{
	size_t i;
	int last = -1;

	for (i = 0; i < s->nchecks; i++)
		if (s->checks[i].c.p.year > last)
			last = s->checks[i].c.p.year;
	return last;
}

void
rl_prov_release(struct rl_prov *p)
{
	size_t i;

	buf_release(&p->sources);
	for (i = 0; i < p->nnotes; i++) {
		free(p->note_ind[i]);
		free(p->note[i]);
	}
	for (i = 0; i < p->nmarks; i++)
		free(p->mark_ind[i]);
	free(p->note_ind);
	free(p->note);
	free(p->mark_ind);
	free(p->mark_period);
	free(p->mark_status);
	memset(p, 0, sizeof(*p));
}

/* An indicator's name in the report's language, by code. */
static const char *
ind_name(const struct report_doc *d, const char *code)
{
	const struct catalog *cat = d->sum->cat;
	int i = catalog_indicator(cat, code, strlen(code));

	return i < 0 ? code : rl_name(d->lang, cat->indicators[i].name_en,
	    cat->indicators[i].name_zh);
}

void
rl_data_sources(struct buf *b, const struct report_doc *d)
{
	if (d->prov == NULL || d->prov->sources.len == 0)
		return;
	if (zh(d->lang))
		buf_addf(b, "数据来源：%s。", d->prov->sources.data);
	else
		buf_addf(b, "Sources of the data: %s.", d->prov->sources.data);
}

void
rl_note(struct buf *b, const struct report_doc *d, size_t i)
{
	buf_addf(b, zh(d->lang) ? "注%zu（%s）：%s" : "Note %zu (%s): %s", i + 1,
	    ind_name(d, d->prov->note_ind[i]), d->prov->note[i]);
}

void
rl_marks(struct buf *b, const struct report_doc *d)
{
	struct period p;
	size_t i;

	if (d->prov == NULL || d->prov->nmarks == 0)
		return;
	buf_adds(b, zh(d->lang) ? "初步（P）或估计（E）数据："
	    : "Provisional (P) or estimated (E) values: ");
	for (i = 0; i < d->prov->nmarks; i++) {
		if (i)
			buf_adds(b, zh(d->lang) ? "；" : "; ");
		buf_addf(b, "%s ", ind_name(d, d->prov->mark_ind[i]));
		if (period_from_key(d->prov->mark_period[i], &p) == 0)
			rl_period(b, d->lang, &p);
		buf_addf(b, " (%c)", d->prov->mark_status[i]);
	}
	buf_adds(b, zh(d->lang) ? "。" : ".");
}

void
rl_coverage(struct buf *b, enum chart_lang lang,
    const struct summary_coverage *c, bool measures)
{
	char t[FMT_NOTE_MAX];

	if (!zh(lang)) {
		buf_adds(b, fmt_coverage(c, measures, t));
		return;
	}
	if (measures) {
		buf_addf(b, "%zu项举措中%zu项已测度", c->measures,
		    c->measured);
		if (c->context_only)
			buf_addf(b, "（定性%zu项，仅参考指标%zu项，无数据%zu"
			    "项）", c->qualitative, c->context_only,
			    c->measures_nodata);
		else if (c->qualitative || c->measures_nodata)
			buf_addf(b, "（定性%zu项，无数据%zu项）",
			    c->qualitative, c->measures_nodata);
		buf_adds(b, "；");
	}
	buf_addf(b, "%zu项主要指标中%zu项无数据", c->headline,
	    c->headline_nodata);
	if (c->stale)
		buf_addf(b, "；%zu项数据过时", c->stale);
	if (c->context)
		buf_addf(b, "；%zu项参考指标不计分", c->context);
}

void
rl_indicator_notes(struct buf *b, const struct report_doc *d, int ind)
{
	const struct summary_indicator *si = &d->sum->indicators[ind];
	const struct progress_result *p = &si->progress;
	char t[FMT_NOTE_MAX];

	if (si->stale)
		buf_addf(b, zh(d->lang) ? "数据过时（最新为%d年）" :
		    "stale since %d", si->latest.p.year);
	if (d->sum->cat->indicators[ind].context)
		buf_addf(b, "%s%s", b->len ? (zh(d->lang) ? "；" : "; ") : "",
		    zh(d->lang) ? "参考指标：监测，不计分" :
		    "context: monitored, not scored");
	if (!zh(d->lang)) {
		if (*fmt_basis_note(p, t))
			buf_addf(b, "%s%s", b->len ? "; " : "", t);
		return;
	}
	/* The same notes in Chinese. */
	if (p->base_at_break)
		buf_addf(b, "%s基期移至%d年（统计口径变化）", b->len ? "；" : "",
		    p->base_year);
	else if (p->base_moved)
		buf_addf(b, "%s基期移至%d年（%d年无数据）", b->len ? "；" : "",
		    p->base_year, p->base_year_asked);
	else if (p->base_from_plan)
		buf_addf(b, "%s基期值采用规划值%s（%d年）", b->len ? "；" : "",
		    num_format_computed(p->base_value, t), p->base_year);
	if (p->base_differs)
		buf_addf(b, "%s%d年库存值%s与规划基期值不一致", b->len ? "；" : "",
		    p->base_year_asked, num_format_computed(p->stored_base, t));
	if (p->growth_published)
		buf_addf(b, "%s增速按公布的同比增速连乘计算", b->len ? "；" : "");
	else if (p->published_missing)
		buf_addf(b, "%s部分年份缺少公布增速，按总量计算", b->len ? "；" :
		    "");
}
