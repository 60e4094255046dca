#include "render/reportmd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/fmt.h"
#include "render/md.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define ATTENTION_SHOWN 8
#define REVISIONS_SHOWN 25
#define CHECKS_SHOWN 12

/* Escape a plain-text buffer's content for Markdown and empty it. */
static void
mb(struct buf *b, struct buf *t)
{
	md_text(b, buf_str(t));
	buf_reset(t);
}

static void
status(struct buf *b, const struct report_doc *d, enum progress_status s)
{
	md_text(b, rl_status(d->lang, s));
}

static void
score(struct buf *b, bool has, double v)
{
	struct buf t = BUF_INIT;

	rl_score(&t, has, v);
	mb(b, &t);
	buf_release(&t);
}

static void
was(struct buf *b, const struct report_doc *d, enum report_level lv,
    int index)
{
	const struct report_change *c = rl_change_of(d, lv, index);

	if (c == NULL)
		return;
	buf_adds(b, d->lang == LANG_ZH ? "（上期：" : " (was: ");
	status(b, d, c->before);
	buf_adds(b, d->lang == LANG_ZH ? "）" : ")");
}

/* A table header row and its alignment row; 'align' has one letter per
 * column, l or r. */
static void
head(struct buf *b, const struct report_doc *d, const enum rl_word *w,
    const char *align)
{
	size_t i, n = strlen(align);

	for (i = 0; i < n; i++) {
		buf_adds(b, "| ");
		md_text(b, rl_word(d->lang, w[i]));
		buf_addc(b, ' ');
	}
	buf_adds(b, "|\n");
	for (i = 0; i < n; i++)
		buf_adds(b, align[i] == 'r' ? "|---:" : "|---");
	buf_adds(b, "|\n");
}

static void
glance(struct buf *b, const struct report_doc *d)
{
	static const enum report_level lv[] = { REPORT_SYSTEM, REPORT_MEASURE,
		REPORT_INDICATOR };
	static const enum rl_word name[] = { RL_SYSTEMS, RL_MEASURES,
		RL_INDICATORS };
	static const enum rl_word sys_head[] = { RL_SYSTEM, RL_STATUS,
		RL_SCORE, RL_MEASURES };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	size_t n[PROGRESS_TARGET_ACHIEVED + 1], i, j, k, nm;
	int idx[ATTENTION_SHOWN], st;
	char g[FMT_MAX];

	buf_adds(b, "\n## ");
	md_text(b, rl_word(d->lang, RL_GLANCE));
	buf_adds(b, "\n\n| |");
	for (st = PROGRESS_TARGET_ACHIEVED; st >= 0; st--) {
		buf_adds(b, " ");
		status(b, d, (enum progress_status)st);
		buf_adds(b, " |");
	}
	buf_adds(b, "\n|---");
	for (st = PROGRESS_TARGET_ACHIEVED; st >= 0; st--)
		buf_adds(b, "|---:");
	buf_adds(b, "|\n");
	for (i = 0; i < 3; i++) {
		rl_count(d, lv[i], n);
		buf_adds(b, "| ");
		md_text(b, rl_word(d->lang, name[i]));
		for (st = PROGRESS_TARGET_ACHIEVED; st >= 0; st--)
			buf_addf(b, " | %zu", n[st]);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n");
	head(b, d, sys_head, "llrr");
	for (i = 0; i < cat->nsystems; i++) {
		for (j = 0, nm = 0; j < cat->nmeasures; j++)
			nm += cat->measures[j].system == (int)i;
		buf_adds(b, "| ");
		md_text(b, rl_name(d->lang, cat->systems[i].name_en,
		    cat->systems[i].name_zh));
		buf_adds(b, " | ");
		status(b, d, s->systems[i].r.status);
		was(b, d, REPORT_SYSTEM, (int)i);
		buf_adds(b, " | ");
		score(b, s->systems[i].r.has_score, s->systems[i].r.score);
		buf_addf(b, " | %zu |\n", nm);
	}
	buf_adds(b, "\n### ");
	md_text(b, rl_word(d->lang, RL_ATTENTION));
	buf_adds(b, "\n\n");
	k = rl_attention(d, idx, ATTENTION_SHOWN);
	if (k == 0) {
		md_text(b, rl_word(d->lang, RL_ATTENTION_NONE));
		buf_addc(b, '\n');
	}
	for (i = 0; i < k; i++) {
		const struct cat_indicator *ci = &cat->indicators[idx[i]];
		const struct progress_result *p =
		    &s->indicators[idx[i]].progress;

		buf_adds(b, "- ");
		md_text(b, rl_name(d->lang, ci->name_en, ci->name_zh));
		buf_adds(b, d->lang == LANG_ZH ? "：**" : ": **");
		status(b, d, p->status);
		buf_adds(b, "**");
		if (p->has_actual) {
			buf_adds(b, d->lang == LANG_ZH ? "，年均" : ", ");
			md_text(b, fmt_pct(p->actual_growth * 100, g));
			buf_adds(b, d->lang == LANG_ZH ? "" : " a year");
			if (p->has_required) {
				buf_adds(b, d->lang == LANG_ZH ? "，需" :
				    ", needs ");
				md_text(b, fmt_pct(p->required_growth * 100,
				    g));
			}
		}
		buf_addc(b, '\n');
	}
}

static void
changes(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word ch_head[] = { RL_LEVEL, RL_ITEM, RL_BEFORE,
		RL_NOW, RL_CHANGE, RL_SCORE };
	static const enum rl_word rev_head[] = { RL_INDICATOR, RL_REGION,
		RL_PERIOD, RL_BEFORE, RL_NOW, RL_CHANGE, RL_FILE };
	const struct report *r = d->rep;
	const struct catalog *cat = d->sum->cat;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];
	size_t i;

	buf_adds(b, "\n## ");
	md_text(b, rl_word(d->lang, RL_CHANGES));
	buf_adds(b, "\n\n");
	rl_changes_intro(&t, d);
	mb(b, &t);
	buf_addc(b, '\n');
	if (!r->has_prev)
		goto out;
	buf_adds(b, "\n### ");
	md_text(b, rl_word(d->lang, RL_STATUS_CHANGES));
	buf_adds(b, "\n\n");
	if (r->nchanges == 0) {
		md_text(b, rl_word(d->lang, RL_NO_STATUS_CHANGE));
		buf_addc(b, '\n');
	} else {
		head(b, d, ch_head, "lllllr");
	}
	for (i = 0; i < r->nchanges; i++) {
		const struct report_change *c = &r->changes[i];

		buf_adds(b, "| ");
		md_text(b, rl_change_level(d->lang, c->level));
		buf_adds(b, " | ");
		rl_change_item(&t, d, c);
		mb(b, &t);
		buf_adds(b, " | ");
		status(b, d, c->before);
		buf_adds(b, " | ");
		status(b, d, c->after);
		buf_adds(b, " | ");
		md_text(b, rl_change_way(d->lang, c));
		buf_adds(b, " | ");
		score(b, c->has_before_score, c->before_score);
		buf_adds(b, " → ");
		score(b, c->has_after_score, c->after_score);
		buf_adds(b, " |\n");
	}
	buf_adds(b, "\n### ");
	md_text(b, rl_word(d->lang, RL_REVISIONS));
	buf_adds(b, "\n\n");
	if (r->nrevisions == 0) {
		md_text(b, rl_word(d->lang, RL_NO_REVISION));
		buf_addc(b, '\n');
		goto out;
	}
	rl_revisions_intro(&t, d);
	mb(b, &t);
	buf_adds(b, "\n\n");
	head(b, d, rev_head, "lllrrrl");
	for (i = 0; i < r->nrevisions && i < REVISIONS_SHOWN; i++) {
		const struct report_revision *e = &r->revisions[i];
		const struct cat_indicator *ci = &cat->indicators[e->indicator];
		const struct cat_region *g = &cat->regions[e->region];

		buf_adds(b, "| ");
		md_text(b, rl_name(d->lang, ci->name_en, ci->name_zh));
		buf_adds(b, " | ");
		md_text(b, rl_name(d->lang, g->name_en, g->name_zh));
		buf_adds(b, " | ");
		rl_period(&t, d->lang, &e->p);
		if (e->ytd)
			buf_addf(&t, " (%s)", rl_word(d->lang, RL_YTD));
		mb(b, &t);
		buf_adds(b, " | ");
		rl_value(&t, d, e->indicator, e->before);
		mb(b, &t);
		buf_adds(b, " | ");
		if (e->has_after)
			rl_value(&t, d, e->indicator, e->after);
		else
			buf_adds(&t, "–");
		mb(b, &t);
		buf_adds(b, " | ");
		if (e->has_after && e->before != 0)
			md_text(b, fmt_pct((e->after - e->before) /
			    fabs(e->before) * 100, v));
		buf_adds(b, " | ");
		md_text(b, e->file);
		buf_adds(b, " |\n");
	}
	if (r->nrevisions > REVISIONS_SHOWN) {
		buf_addc(b, '\n');
		rl_more(&t, d->lang, r->nrevisions - REVISIONS_SHOWN);
		mb(b, &t);
		buf_addc(b, '\n');
	}
out:
	buf_release(&t);
}

static bool
in_measure(const struct cat_indicator *ci, int m)
{
	size_t x;

	for (x = 0; x < ci->nmeasures; x++)
		if (ci->measures[x] == m)
			return true;
	return false;
}

static void
indicator_row(struct buf *b, const struct report_doc *d, int k)
{
	const struct summary *s = d->sum;
	const struct cat_indicator *ci = &s->cat->indicators[k];
	const struct summary_indicator *si = &s->indicators[k];
	const struct progress_result *p = &si->progress;
	unsigned have = d->have ? d->have[k] : 0;
	struct buf t = BUF_INIT;
	char g[FMT_MAX];

	buf_adds(b, "| ");
	md_text(b, rl_name(d->lang, ci->name_en, ci->name_zh));
	buf_adds(b, " · *");
	rl_target(&t, d, k);
	mb(b, &t);
	buf_adds(b, "* | ");
	if (!si->has_latest && !si->has_partial) {
		md_text(b, rl_word(d->lang, RL_NO_DATA));
		buf_adds(b, " | | | | | ");
		goto status;
	}
	if (si->has_latest) {
		rl_value(&t, d, k, si->latest.value);
		buf_addf(&t, d->lang == LANG_ZH ? "（" : " (");
		rl_period(&t, d->lang, &si->latest.p);
		if (si->latest.derived)
			buf_addf(&t, d->lang == LANG_ZH ? "，%s" : ", %s",
			    rl_word(d->lang, RL_SUM_OF_PARTS));
		buf_adds(&t, d->lang == LANG_ZH ? "）" : ")");
		mb(b, &t);
	}
	if (si->has_partial) {
		if (si->has_latest)
			buf_adds(b, " · ");
		rl_partial(&t, d->lang, &si->partial);
		buf_adds(&t, d->lang == LANG_ZH ? "：" : ": ");
		rl_value(&t, d, k, si->partial.value);
		if (si->partial.has_yoy)
			buf_addf(&t, d->lang == LANG_ZH ? "，同比%s" :
			    ", %s YoY", fmt_pct(si->partial.yoy, g));
		mb(b, &t);
	}
	buf_adds(b, " | ");
	if (si->has_latest && si->latest.has_yoy)
		md_text(b, fmt_pct(si->latest.yoy, g));
	buf_adds(b, " | ");
	if (p->has_actual)
		md_text(b, fmt_pct(p->actual_growth * 100, g));
	buf_adds(b, " | ");
	md_text(b, p->has_required ? fmt_pct(p->required_growth * 100, g) :
	    "–");
	buf_adds(b, " | ");
	/* Paths are built from codes: nothing in them to escape. */
	if (have & RDOC_SPARK) {
		rl_chart_path(&t, d, k, RDOC_SPARK);
		buf_adds(b, "![");
		md_text(b, rl_word(d->lang, RL_TREND));
		buf_addf(b, "](%s) ", buf_str(&t));
		buf_reset(&t);
	}
	if (have & RDOC_TREND) {
		rl_chart_path(&t, d, k, RDOC_TREND);
		buf_adds(b, "[");
		md_text(b, rl_word(d->lang, RL_CHART));
		buf_addf(b, "](%s)", buf_str(&t));
		buf_reset(&t);
	}
	if (have & RDOC_REGIONS) {
		rl_chart_path(&t, d, k, RDOC_REGIONS);
		buf_adds(b, (have & RDOC_TREND) ? " · [" : "[");
		md_text(b, rl_word(d->lang, RL_REGIONS_CHART));
		buf_addf(b, "](%s)", buf_str(&t));
		buf_reset(&t);
	}
	buf_adds(b, " | ");
status:
	status(b, d, p->status);
	was(b, d, REPORT_INDICATOR, k);
	buf_adds(b, " | ");
	score(b, p->has_score, p->score);
	buf_adds(b, " |\n");
	buf_release(&t);
}

static void
system_section(struct buf *b, const struct report_doc *d, int sys)
{
	static const enum rl_word ind_head[] = { RL_INDICATOR, RL_LATEST,
		RL_YOY, RL_GROWTH, RL_NEEDED, RL_TREND, RL_STATUS, RL_SCORE };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct progress_rollup *r = &s->systems[sys].r;
	size_t j, k;

	buf_adds(b, "\n## ");
	md_text(b, rl_name(d->lang, cat->systems[sys].name_en,
	    cat->systems[sys].name_zh));
	buf_adds(b, "\n\n**");
	status(b, d, r->status);
	buf_adds(b, "**");
	was(b, d, REPORT_SYSTEM, sys);
	buf_adds(b, d->lang == LANG_ZH ? "，得分 " : ", score ");
	score(b, r->has_score, r->score);
	buf_addc(b, '\n');
	for (j = 0; j < cat->nmeasures; j++) {
		const struct cat_measure *cm = &cat->measures[j];
		const struct progress_rollup *mr = &s->measures[j].r;

		if (cm->system != sys)
			continue;
		buf_adds(b, "\n### ");
		md_text(b, cm->id);
		buf_addc(b, ' ');
		md_text(b, rl_name(d->lang, cm->name_en, cm->name_zh));
		buf_adds(b, "\n\n**");
		status(b, d, mr->status);
		buf_adds(b, "**");
		was(b, d, REPORT_MEASURE, (int)j);
		buf_adds(b, d->lang == LANG_ZH ? "，得分 " : ", score ");
		score(b, mr->has_score, mr->score);
		buf_adds(b, "\n\n");
		head(b, d, ind_head, "lrrrrllr");
		for (k = 0; k < cat->nindicators; k++)
			if (in_measure(&cat->indicators[k], (int)j))
				indicator_row(b, d, (int)k);
	}
}

static void
checks(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word ck_head[] = { RL_INDICATOR, RL_REGION,
		RL_YEAR, RL_OWN, RL_PARTS, RL_DIFF };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	int year = rl_checks_year(s);
	size_t i, shown = 0, inyear = 0;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];

	buf_adds(b, "\n### ");
	md_text(b, rl_word(d->lang, RL_TOTALS));
	buf_adds(b, "\n\n");
	if (year < 0) {
		md_text(b, rl_word(d->lang, RL_NONE));
		buf_addc(b, '\n');
		return;
	}
	head(b, d, ck_head, "lllrrr");
	for (i = 0; i < s->nchecks; i++) {
		const struct summary_check *c = &s->checks[i];
		const struct cat_indicator *ci = &cat->indicators[c->indicator];
		const struct cat_region *g = &cat->regions[c->region];

		if (c->c.p.year != year)
			continue;
		inyear++;
		if (shown == CHECKS_SHOWN)
			continue;
		shown++;
		buf_adds(b, "| ");
		md_text(b, rl_name(d->lang, ci->name_en, ci->name_zh));
		buf_adds(b, " | ");
		md_text(b, rl_name(d->lang, g->name_en, g->name_zh));
		buf_adds(b, " | ");
		rl_period(&t, d->lang, &c->c.p);
		mb(b, &t);
		buf_adds(b, " | ");
		rl_value(&t, d, c->indicator, c->c.own);
		mb(b, &t);
		buf_adds(b, " | ");
		rl_value(&t, d, c->indicator, c->c.children);
		mb(b, &t);
		buf_adds(b, " | ");
		if (c->c.children != 0)
			md_text(b, fmt_pct((c->c.own - c->c.children) /
			    fabs(c->c.children) * 100, v));
		buf_adds(b, " |\n");
	}
	if (inyear > shown || s->nchecks > inyear) {
		buf_addc(b, '\n');
		if (inyear > shown)
			rl_more(&t, d->lang, inyear - shown);
		if (s->nchecks > inyear) {
			if (t.len)
				buf_addc(&t, ' ');
			if (d->lang == LANG_ZH)
				buf_addf(&t, "更早年份另有%zu处不一致。",
				    s->nchecks - inyear);
			else
				buf_addf(&t, "%zu more in earlier years.",
				    s->nchecks - inyear);
		}
		if (d->lang == LANG_ZH)
			buf_adds(&t, "summary.json列出全部。");
		else
			buf_adds(&t, " summary.json lists all of them.");
		mb(b, &t);
		buf_addc(b, '\n');
	}
	buf_release(&t);
}

static void
gaps(struct buf *b, const struct report_doc *d)
{
	static const enum rl_word mm_head[] = { RL_INDICATOR, RL_YEAR,
		RL_PUBLISHED, RL_FROM_LEVELS };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct report *r = d->rep;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];
	size_t i, k, n;

	buf_adds(b, "\n## ");
	md_text(b, rl_word(d->lang, RL_GAPS));
	buf_adds(b, "\n\n### ");
	md_text(b, rl_word(d->lang, RL_GAP_MEASURES));
	buf_adds(b, "\n\n");
	for (i = 0, n = 0; i < cat->nmeasures; i++) {
		if (!s->measures[i].data_gap)
			continue;
		buf_adds(b, "- ");
		md_text(b, cat->measures[i].id);
		buf_addc(b, ' ');
		md_text(b, rl_name(d->lang, cat->measures[i].name_en,
		    cat->measures[i].name_zh));
		buf_addc(b, '\n');
		n++;
	}
	if (n == 0) {
		md_text(b, rl_word(d->lang, RL_NONE));
		buf_addc(b, '\n');
	}
	buf_adds(b, "\n### ");
	md_text(b, rl_word(d->lang, RL_GAP_INDICATORS));
	buf_adds(b, "\n\n");
	for (i = 0, n = 0; i < cat->nindicators; i++) {
		if (s->indicators[i].has_data)
			continue;
		if (n++)
			buf_adds(&t, d->lang == LANG_ZH ? "、" : "; ");
		buf_adds(&t, rl_name(d->lang, cat->indicators[i].name_en,
		    cat->indicators[i].name_zh));
	}
	if (n == 0)
		buf_adds(&t, rl_word(d->lang, RL_NONE));
	else
		buf_adds(&t, d->lang == LANG_ZH ? "。" : ".");
	mb(b, &t);
	buf_adds(b, "\n\n### ");
	md_text(b, rl_word(d->lang, RL_INCOMPLETE));
	buf_adds(b, "\n\n");
	for (i = 0, n = 0; i < cat->nindicators; i++) {
		if (!s->indicators[i].has_partial)
			continue;
		buf_adds(b, "- ");
		rl_incomplete_line(&t, d, (int)i);
		mb(b, &t);
		buf_addc(b, '\n');
		n++;
	}
	if (n == 0) {
		md_text(b, rl_word(d->lang, RL_NONE));
		buf_addc(b, '\n');
	}
	buf_adds(b, "\n### ");
	md_text(b, rl_word(d->lang, RL_REJECTED));
	buf_adds(b, "\n\n");
	if (r->nrejects == 0) {
		md_text(b, rl_word(d->lang, RL_NO_REJECTED));
		buf_addc(b, '\n');
	} else {
		rl_rejects_intro(&t, d);
		mb(b, &t);
		buf_adds(b, "\n\n");
		for (i = 0; i < r->nrejects; i++) {
			buf_adds(b, "- ");
			rl_rejects_line(&t, d, i);
			mb(b, &t);
			buf_addc(b, '\n');
		}
	}
	checks(b, d);
	for (i = 0, n = 0; i < cat->nindicators; i++)
		for (k = 0; k < s->indicators[i].years.n; k++) {
			const struct agg_point *pt =
			    &s->indicators[i].years.pt[k];

			if (!pt->yoy_mismatch)
				continue;
			if (n++ == 0) {
				buf_adds(b, "\n### ");
				md_text(b, rl_word(d->lang, RL_MISMATCH));
				buf_adds(b, "\n\n");
				head(b, d, mm_head, "llrr");
			}
			buf_adds(b, "| ");
			md_text(b, rl_name(d->lang, cat->indicators[i].name_en,
			    cat->indicators[i].name_zh));
			buf_adds(b, " | ");
			rl_period(&t, d->lang, &pt->p);
			mb(b, &t);
			buf_adds(b, " | ");
			md_text(b, fmt_pct(pt->yoy_pub, v));
			buf_adds(b, " | ");
			md_text(b, fmt_pct(pt->yoy, v));
			buf_adds(b, " |\n");
		}
	buf_release(&t);
}

void
md_report(struct buf *b, const struct report_doc *d)
{
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	struct buf t = BUF_INIT;
	size_t i;

	buf_adds(b, "# ");
	rl_title(&t, d);
	mb(b, &t);
	buf_adds(b, "\n\n");
	buf_addf(&t, "%s · ", rl_word(d->lang, RL_TITLE));
	rl_meta(&t, d);
	mb(b, &t);
	buf_adds(b, "\n\n**");
	md_text(b, rl_word(d->lang, RL_OVERALL));
	buf_adds(b, d->lang == LANG_ZH ? "：" : ": ");
	status(b, d, s->overall.status);
	buf_adds(b, "**");
	was(b, d, REPORT_POLICY, -1);
	buf_adds(b, d->lang == LANG_ZH ? "，得分 " : ", score ");
	score(b, s->overall.has_score, s->overall.score);
	buf_adds(b, d->lang == LANG_ZH ? "（" : " (");
	md_text(b, rl_word(d->lang, RL_SCORE_RANGE));
	buf_adds(b, d->lang == LANG_ZH ? "）\n\n" : ")\n\n");
	rl_headline(&t, d);
	mb(b, &t);
	buf_addc(b, '\n');
	glance(b, d);
	changes(b, d);
	for (i = 0; i < cat->nsystems; i++)
		system_section(b, d, (int)i);
	gaps(b, d);
	buf_adds(b, "\n## ");
	md_text(b, rl_word(d->lang, RL_METHOD));
	buf_adds(b, "\n\n");
	rl_method(&t, d);
	mb(b, &t);
	buf_adds(b, "\n\n");
	rl_source(&t, d);
	mb(b, &t);
	buf_adds(b, "\n\n---\n\n");
	rl_footer(&t, d);
	mb(b, &t);
	buf_addc(b, '\n');
	buf_release(&t);
}
