/* render/rdoc.c - the report's content, once: which parts, which rows,
 * which sentences, in which language. The words and numbers come from
 * render/reportlang.c; this file puts them in order. */
#include "render/rdoc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/fmt.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define ATTENTION_SHOWN 8       /* indicators in "needs attention" */
#define REVISIONS_SHOWN 25      /* rows of the revisions table */
#define CHECKS_SHOWN 12         /* rows of the region totals table */

static char *
score(bool has, double v)
{
	struct buf t = BUF_INIT;
	char *s;

	rl_score(&t, has, v);
	s = rdoc_take(&t);
	buf_release(&t);
	return s;
}

/* "was: Limited progress" for an item whose status changed, or NULL. */
static char *
was_text(const struct report_doc *d, enum report_level lv, int index)
{
	const struct report_change *c = rl_change_of(d, lv, index);

	if (c == NULL)
		return NULL;
	return rdoc_dupf("%s%s", d->lang == LANG_ZH ? "上期：" : "was: ",
	    rl_status(d->lang, c->before));
}

static void
was(struct rdoc_line *l, const struct report_doc *d, enum report_level lv,
    int index)
{
	char *s = was_text(d, lv, index);

	if (s == NULL)
		return;
	rdoc_span(l, RDOC_S_WAS, s);
	free(s);
}

static struct rdoc_rollup *
rollup(struct rdoc *r, const struct report_doc *d, enum report_level lv,
    int index, const char *name, const struct progress_rollup *p)
{
	struct rdoc_rollup *u = &rdoc_block(r, RDOC_B_ROLLUP)->rollup;

	u->level = lv;
	u->name = xstrdup(name);
	u->status = p->status;
	u->was = was_text(d, lv, index);
	u->label = xstrdup(rl_word(d->lang, RL_SCORE));
	u->score = score(p->has_score, p->score);
	return u;
}

static void
cover(struct rdoc *r, const struct report_doc *d)
{
	const struct summary *s = d->sum;
	struct buf t = BUF_INIT;

	r->lang = d->lang;
	r->tag = rl_tag(d->lang);
	r->kicker = xstrdup(rl_word(d->lang, RL_TITLE));
	rl_title(&t, d);
	r->title = rdoc_take(&t);
	rl_meta(&t, d);
	r->meta = rdoc_take(&t);
	rl_coverage(&t, d->lang, &s->cov, true);
	buf_addf(&t, d->lang == LANG_ZH ? "；%s" : "; %s",
	    rl_word(d->lang, RL_SCORE_RANGE));
	rollup(r, d, REPORT_POLICY, -1, rl_word(d->lang, RL_OVERALL),
	    &s->overall)->note = rdoc_take(&t);
	rl_headline(&t, d);
	rdoc_sayb(r, RDOC_HEADLINE, &t);
	rl_stale_warning(&t, d);
	if (t.len)
		rdoc_sayb(r, RDOC_WARNING, &t);
	buf_release(&t);
}

static void
counts(struct rdoc *r, const struct report_doc *d)
{
	static const enum report_level lv[] = { REPORT_SYSTEM, REPORT_MEASURE,
		REPORT_INDICATOR };
	static const enum rl_word name[] = { RL_SYSTEMS, RL_MEASURES,
		RL_INDICATORS };
	struct rdoc_block *b = rdoc_block(r, RDOC_B_COUNTS);
	size_t i;

	for (i = 0; i < 3; i++) {
		b->names[i] = rl_word(d->lang, name[i]);
		rl_count(d, lv[i], b->counts[i]);
	}
}

/* "3.1% a year, needs 5.0%", "年均3.1%，需5.0%", or "". */
static void
growth(struct buf *t, const struct report_doc *d,
    const struct progress_result *p)
{
	char g[FMT_MAX];

	if (!p->has_actual)
		return;
	buf_adds(t, d->lang == LANG_ZH ? "年均" : "");
	buf_adds(t, fmt_pct(p->actual_growth * 100, g));
	buf_adds(t, d->lang == LANG_ZH ? "" : " a year");
	if (p->has_required) {
		buf_adds(t, d->lang == LANG_ZH ? "，需" : ", needs ");
		buf_adds(t, fmt_pct(p->required_growth * 100, g));
	}
}

static void
glance(struct rdoc *r, const struct report_doc *d)
{
	static const enum rl_word sys_head[] = { RL_SYSTEM, RL_STATUS,
		RL_SCORE, RL_MEASURES };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	int idx[ATTENTION_SHOWN];
	size_t i, j, n, nm;
	struct rdoc_block *tb, *list = NULL;
	struct buf t = BUF_INIT;

	rdoc_part(r, RDOC_P_GLANCE, NULL);
	rdoc_heading(r, 2, rl_word(d->lang, RL_GLANCE));
	counts(r, d);
	rdoc_part(r, RDOC_P_COLUMNS, NULL);
	rdoc_part(r, RDOC_P_COLUMN, NULL);
	tb = rdoc_table(r, d, RDOC_T_PLAIN, sys_head, "llrr");
	for (i = 0; i < cat->nsystems; i++) {
		struct rdoc_row *w = rdoc_row(tb);
		struct rdoc_line *l;

		for (j = 0, nm = 0; j < cat->nmeasures; j++)
			nm += cat->measures[j].system == (int)i;
		rdoc_link(rdoc_cell(w), rl_name(d->lang,
		    cat->systems[i].name_en, cat->systems[i].name_zh),
		    rdoc_dupf("#sys-%zu", i + 1));
		l = rdoc_cell(w);
		rdoc_status(l, RDOC_S_STATUS, s->systems[i].r.status);
		was(l, d, REPORT_SYSTEM, (int)i);
		rdoc_celltake(w, score(s->systems[i].r.has_score,
		    s->systems[i].r.score));
		rdoc_celltake(w, rdoc_dupf("%zu", nm));
	}
	rdoc_end(r);
	rdoc_part(r, RDOC_P_COLUMN, NULL);
	rdoc_heading(r, 3, rl_word(d->lang, RL_ATTENTION));
	n = rl_attention(d, idx, ATTENTION_SHOWN);
	if (n == 0)
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_ATTENTION_NONE));
	else
		list = rdoc_block(r, RDOC_B_LIST);
	for (i = 0; i < n; i++) {
		const struct cat_indicator *ci = &cat->indicators[idx[i]];
		const struct progress_result *p =
		    &s->indicators[idx[i]].progress;
		struct rdoc_line *l = rdoc_item(list);

		rdoc_link(l, rl_name(d->lang, ci->name_en, ci->name_zh),
		    rdoc_dupf("#ind-%d", idx[i] + 1));
		rdoc_status(l, RDOC_S_STATUS_OF, p->status);
		growth(&t, d, p);
		if (s->indicators[idx[i]].stale)
			buf_addf(&t, d->lang == LANG_ZH ?
			    "（数据过时，最新为%d年）" : " (stale since %d)",
			    s->indicators[idx[i]].latest.p.year);
		rdoc_spanb(l, RDOC_S_DETAIL, &t);
	}
	rdoc_end(r);
	rdoc_end(r);
	rdoc_end(r);
	buf_release(&t);
}

static void
status_changes(struct rdoc *r, const struct report_doc *d)
{
	static const enum rl_word ch_head[] = { RL_LEVEL, RL_ITEM, RL_BEFORE,
		RL_NOW, RL_CHANGE, RL_SCORE };
	const struct report *rep = d->rep;
	struct rdoc_block *tb;
	struct buf t = BUF_INIT;
	size_t i;

	rdoc_heading(r, 3, rl_word(d->lang, RL_STATUS_CHANGES));
	if (rep->nchanges == 0) {
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_NO_STATUS_CHANGE));
		return;
	}
	tb = rdoc_table(r, d, RDOC_T_PLAIN, ch_head, "lllllr");
	for (i = 0; i < rep->nchanges; i++) {
		const struct report_change *c = &rep->changes[i];
		struct rdoc_row *w = rdoc_row(tb);
		char *a, *z;

		rdoc_celltext(w, rl_change_level(d->lang, c->level));
		rl_change_item(&t, d, c);
		rdoc_cellb(w, &t);
		rdoc_status(rdoc_cell(w), RDOC_S_STATUS, c->before);
		rdoc_status(rdoc_cell(w), RDOC_S_STATUS, c->after);
		rdoc_celltext(w, rl_change_way(d->lang, c));
		a = score(c->has_before_score, c->before_score);
		z = score(c->has_after_score, c->after_score);
		buf_addf(&t, "%s → %s", a, z);
		rdoc_cellb(w, &t);
		free(a);
		free(z);
	}
	buf_release(&t);
}

static void
revisions(struct rdoc *r, const struct report_doc *d)
{
	static const enum rl_word rev_head[] = { RL_INDICATOR, RL_REGION,
		RL_PERIOD, RL_BEFORE, RL_NOW, RL_CHANGE, RL_FILE };
	const struct report *rep = d->rep;
	const struct catalog *cat = d->sum->cat;
	struct rdoc_block *tb;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];
	size_t i;

	rdoc_heading(r, 3, rl_word(d->lang, RL_REVISIONS));
	if (rep->nrevisions == 0) {
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_NO_REVISION));
		return;
	}
	rl_revisions_intro(&t, d);
	rdoc_sayb(r, RDOC_PLAIN, &t);
	tb = rdoc_table(r, d, RDOC_T_PLAIN, rev_head, "lllrrrl");
	for (i = 0; i < rep->nrevisions && i < REVISIONS_SHOWN; i++) {
		const struct report_revision *e = &rep->revisions[i];
		const struct cat_indicator *ci = &cat->indicators[e->indicator];
		const struct cat_region *g = &cat->regions[e->region];
		struct rdoc_row *w = rdoc_row(tb);

		rdoc_celltext(w, rl_name(d->lang, ci->name_en, ci->name_zh));
		rdoc_celltext(w, rl_name(d->lang, g->name_en, g->name_zh));
		rl_period(&t, d->lang, &e->p);
		if (e->ytd)
			buf_addf(&t, " (%s)", rl_word(d->lang, RL_YTD));
		rdoc_cellb(w, &t);
		rl_value(&t, d, e->indicator, e->before);
		rdoc_cellb(w, &t);
		if (e->has_after)
			rl_value(&t, d, e->indicator, e->after);
		else
			buf_adds(&t, "–");
		rdoc_cellb(w, &t);
		/* A rate's revision is a difference, in points, as its
		 * yoy is (7.8% to 7.3%: -0.5 pt). */
		rdoc_celltext(w, !e->has_after ? NULL : ci->kind == KIND_RATE ?
		    fmt_points(e->after - e->before,
		    cat->units[ci->unit].unit, v) : e->before != 0 ?
		    fmt_pct((e->after - e->before) / fabs(e->before) * 100, v) :
		    NULL);
		rdoc_celltext(w, e->file);
	}
	if (rep->nrevisions > REVISIONS_SHOWN) {
		rl_more(&t, d->lang, rep->nrevisions - REVISIONS_SHOWN);
		rdoc_sayb(r, RDOC_NOTE, &t);
	}
	buf_release(&t);
}

static void
changes(struct rdoc *r, const struct report_doc *d)
{
	struct buf t = BUF_INIT;

	rdoc_part(r, RDOC_P_CHANGES, xstrdup("changes"));
	rdoc_heading(r, 2, rl_word(d->lang, RL_CHANGES));
	rl_changes_intro(&t, d);
	rdoc_sayb(r, RDOC_PLAIN, &t);
	if (d->rep->has_prev) {
		status_changes(r, d);
		revisions(r, d);
	}
	rdoc_end(r);
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

/* A provisional or estimated value says so beside it. */
static void
status_mark(struct buf *t, const struct report_doc *d, char status)
{
	bool zh = d->lang == LANG_ZH;

	if (status == 'P')
		buf_adds(t, zh ? "，初步" : ", provisional");
	else if (status == 'E')
		buf_adds(t, zh ? "，估计" : ", estimated");
}

/* The latest value, its period, and the incomplete year after it. */
static void
latest(struct rdoc_line *l, const struct report_doc *d, int k)
{
	const struct summary_indicator *si = &d->sum->indicators[k];
	struct buf t = BUF_INIT;

	if (si->has_latest) {
		rl_value(&t, d, k, si->latest.value);
		rdoc_spanb(l, RDOC_S_TEXT, &t);
		rl_period(&t, d->lang, &si->latest.p);
		if (si->latest.derived)
			buf_addf(&t, d->lang == LANG_ZH ? "，%s" : ", %s",
			    rl_word(d->lang, RL_SUM_OF_PARTS));
		status_mark(&t, d, si->latest.status);
		rdoc_spanb(l, RDOC_S_ASIDE, &t);
	}
	if (si->has_partial) {
		rl_partial(&t, d->lang, &si->partial);
		buf_adds(&t, d->lang == LANG_ZH ? "：" : ": ");
		rl_value(&t, d, k, si->partial.value);
		status_mark(&t, d, si->partial.status);
		rdoc_spanb(l, RDOC_S_SUB, &t);
	}
	buf_release(&t);
}

/* The YoY of the latest complete year, with its year when the report's
 * as-of is of another period (a month, a quarter, a later year), and the
 * YoY of the incomplete year after it (the published one when stored). */
static void
yoy_cell(struct rdoc_line *l, const struct report_doc *d, int k)
{
	const struct summary *s = d->sum;
	const struct summary_indicator *si = &s->indicators[k];
	struct buf t = BUF_INIT;
	bool pub;

	if (si->has_latest && rl_yoy(&t, d, k, &si->latest, true)) {
		const struct agg_point *pt = &si->latest;

		/* Say how the figure was made, and give the levels' growth
		 * beside it where the two differ by more than rounding. */
		if (s->cat->indicators[k].kind != KIND_RATE &&
		    pt->has_yoy_pub)
			buf_adds(&t, d->lang == LANG_ZH ? (pt->yoy_pub_derived ?
			    "（据公布累计增速推算）" : "（公布）") :
			    pt->yoy_pub_derived ? " derived from published ytd" :
			    " published");
		rdoc_spanb(l, RDOC_S_TEXT, &t);
		if (s->cat->indicators[k].kind != KIND_RATE &&
		    pt->yoy_mismatch) {
			char v[FMT_MAX];

			buf_addf(&t, d->lang == LANG_ZH ? "按总量计算%s" :
			    "levels %s", fmt_pct(pt->yoy, v));
			rdoc_spanb(l, RDOC_S_ASIDE, &t);
		}
		if (s->as_of.freq != FREQ_Y ||
		    si->latest.p.year != s->as_of.year) {
			rl_period(&t, d->lang, &si->latest.p);
			rdoc_spanb(l, RDOC_S_ASIDE, &t);
		}
	} else {
		rdoc_span(l, RDOC_S_TEXT, "–");
	}
	if (si->has_partial && rl_yoy(&t, d, k, &si->partial, true)) {
		struct buf y = BUF_INIT;

		pub = s->cat->indicators[k].kind != KIND_RATE &&
		    si->partial.has_yoy_pub;
		rl_partial(&y, d->lang, &si->partial);
		buf_addf(&y, d->lang == LANG_ZH ? "：%s%s" : ": %s%s",
		    buf_str(&t), pub ? (d->lang == LANG_ZH ? "（公布）" :
		    " published") : "");
		buf_reset(&t);
		rdoc_spanb(l, RDOC_S_SUB, &y);
		buf_release(&y);
	}
	buf_release(&t);
}

static char *
chart_path(const struct report_doc *d, int k, unsigned which)
{
	struct buf t = BUF_INIT;
	char *s;

	rl_chart_path(&t, d, k, which);
	s = rdoc_take(&t);
	buf_release(&t);
	return s;
}

/* The sparkline, linked to the trend chart, and links to the charts. */
static void
pictures(struct rdoc_line *l, const struct report_doc *d, int k)
{
	unsigned have = d->have ? d->have[k] : 0;
	struct rdoc_span *sp;

	if (have & RDOC_SPARK) {
		const struct cat_indicator *ci = &d->sum->cat->indicators[k];
		char *alt = rdoc_dupf(d->lang == LANG_ZH ? "%s%s" : "%s: %s",
		    d->lang == LANG_ZH ? rl_name(d->lang, ci->name_en,
		    ci->name_zh) : rl_word(d->lang, RL_TREND),
		    d->lang == LANG_ZH ? rl_word(d->lang, RL_TREND) :
		    rl_name(d->lang, ci->name_en, ci->name_zh));

		sp = rdoc_span(l, RDOC_S_IMAGE, NULL);
		sp->text = alt;
		sp->src = chart_path(d, k, RDOC_SPARK);
		if (have & RDOC_TREND)
			sp->href = chart_path(d, k, RDOC_TREND);
	}
	if (!(have & (RDOC_TREND | RDOC_REGIONS)))
		return;
	rdoc_span(l, RDOC_S_LINE_BEGIN, NULL);
	if (have & RDOC_TREND)
		rdoc_link(l, rl_word(d->lang, RL_CHART),
		    chart_path(d, k, RDOC_TREND));
	if ((have & RDOC_TREND) && (have & RDOC_REGIONS))
		rdoc_span(l, RDOC_S_TEXT, " · ");
	if (have & RDOC_REGIONS)
		rdoc_link(l, rl_word(d->lang, RL_REGIONS_CHART),
		    chart_path(d, k, RDOC_REGIONS));
	rdoc_span(l, RDOC_S_LINE_END, NULL);
}

/* The growth needed a year: towards the target level, or the growth the
 * policy asks for where it gives no level (marked as such). */
static void
needed(struct rdoc_line *l, const struct report_doc *d, int k)
{
	const struct progress_result *p = &d->sum->indicators[k].progress;
	char g[FMT_MAX];

	if (p->has_required) {
		rdoc_span(l, RDOC_S_TEXT, fmt_pct(p->required_growth * 100, g));
		if (p->required_is_aim)
			rdoc_span(l, RDOC_S_SUB_EM, rl_word(d->lang, RL_AIM));
		return;
	}
	rdoc_span(l, RDOC_S_TEXT, "–");
}

static void
indicator_row(struct rdoc_block *tb, const struct report_doc *d, int k,
    bool first)
{
	const struct summary *s = d->sum;
	const struct cat_indicator *ci = &s->cat->indicators[k];
	const struct summary_indicator *si = &s->indicators[k];
	const struct progress_result *p = &si->progress;
	struct rdoc_row *w = rdoc_row(tb);
	struct rdoc_line *l;
	struct buf t = BUF_INIT;
	char g[FMT_MAX];

	/* The anchor goes to the indicator's first appearance only. */
	if (first)
		w->anchor = rdoc_dupf("ind-%d", k + 1);
	l = rdoc_cell(w);
	rdoc_span(l, RDOC_S_TEXT, rl_name(d->lang, ci->name_en, ci->name_zh));
	rl_target(&t, d, k);
	rdoc_spanb(l, RDOC_S_SUB_EM, &t);
	if (!si->has_latest && !si->has_partial) {
		rdoc_celltext(w, rl_word(d->lang, RL_NO_DATA));
		w->v[w->n - 1].span = 5;
		w->v[w->n - 1].nodata = true;
	} else {
		latest(rdoc_cell(w), d, k);
		yoy_cell(rdoc_cell(w), d, k);
		rdoc_celltext(w, p->has_actual ?
		    fmt_pct(p->actual_growth * 100, g) : "–");
		needed(rdoc_cell(w), d, k);
		pictures(rdoc_cell(w), d, k);
	}
	l = rdoc_cell(w);
	/* A row that shows a value but cannot be assessed (one complete
	 * year, say) is "Not available", the method's word, not "No
	 * data". */
	if (p->status == PROGRESS_NOT_AVAILABLE &&
	    (si->has_latest || si->has_partial))
		rdoc_span(l, RDOC_S_STATUS, rl_word(d->lang, RL_NOT_ASSESSED))->
		    status = p->status;
	else
		rdoc_status(l, RDOC_S_STATUS, p->status);
	was(l, d, REPORT_INDICATOR, k);
	rl_indicator_notes(&t, d, k);
	if (t.len)
		rdoc_spanb(l, RDOC_S_ASIDE, &t);
	rdoc_celltake(w, score(p->has_score, p->score));
	buf_release(&t);
}

static void
measure(struct rdoc *r, const struct report_doc *d, int m, bool *seen)
{
	static const enum rl_word ind_head[] = { RL_INDICATOR, RL_LATEST,
		RL_YOY, RL_GROWTH, RL_NEEDED, RL_TREND, RL_STATUS, RL_SCORE };
	const struct catalog *cat = d->sum->cat;
	const struct cat_measure *cm = &cat->measures[m];
	struct rdoc_rollup *u;
	struct rdoc_block *tb;
	size_t k;

	rdoc_part(r, RDOC_P_MEASURE, rdoc_dupf("m-%d", m + 1));
	u = rollup(r, d, REPORT_MEASURE, m, rl_name(d->lang, cm->name_en,
	    cm->name_zh), &d->sum->measures[m].r);
	u->id = xstrdup(cm->id);
	if (cm->qualitative) {
		/* Counted and named, never scored. */
		u->word = d->lang == LANG_ZH ? "定性任务，未测度" :
		    "Qualitative, not measured";
	} else if (d->sum->measures[m].context_only) {
		/* Monitored through context indicators, never scored. */
		u->word = d->lang == LANG_ZH ? "仅参考指标，不计分" :
		    "Context indicators only, not scored";
	} else {
		struct buf t = BUF_INIT;

		rl_coverage(&t, d->lang, &d->sum->measures[m].cov, false);
		u->note = rdoc_take(&t);
		buf_release(&t);
	}
	/* Data too short to score (one year) is not "no data". */
	if (!cm->qualitative && !d->sum->measures[m].context_only &&
	    u->status == PROGRESS_NOT_AVAILABLE &&
	    summary_measure_has_data(d->sum, m))
		u->word = rl_word(d->lang, RL_NOT_ASSESSED);
	tb = rdoc_table(r, d, RDOC_T_INDICATORS, ind_head, "nrrrrtlr");
	for (k = 0; k < cat->nindicators; k++) {
		if (!in_measure(&cat->indicators[k], m))
			continue;
		indicator_row(tb, d, (int)k, !seen[k]);
		seen[k] = true;
	}
	rdoc_end(r);
}

static void
system_part(struct rdoc *r, const struct report_doc *d, int sys, bool *seen)
{
	const struct catalog *cat = d->sum->cat;
	size_t j;

	rdoc_part(r, RDOC_P_SYSTEM, rdoc_dupf("sys-%d", sys + 1));
	struct buf t = BUF_INIT;

	rl_coverage(&t, d->lang, &d->sum->systems[sys].cov, true);
	rollup(r, d, REPORT_SYSTEM, sys, rl_name(d->lang,
	    cat->systems[sys].name_en, cat->systems[sys].name_zh),
	    &d->sum->systems[sys].r)->note = rdoc_take(&t);
	buf_release(&t);
	for (j = 0; j < cat->nmeasures; j++)
		if (cat->measures[j].system == sys)
			measure(r, d, (int)j, seen);
	rdoc_end(r);
}

static void
checks(struct rdoc *r, const struct report_doc *d)
{
	static const enum rl_word ck_head[] = { RL_INDICATOR, RL_REGION,
		RL_YEAR, RL_OWN, RL_PARTS, RL_DIFF };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	int year = rl_checks_year(s);
	size_t i, shown = 0, inyear = 0;
	struct rdoc_block *tb;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];

	rdoc_heading(r, 3, rl_word(d->lang, RL_TOTALS));
	if (year < 0) {
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_NONE));
		return;
	}
	tb = rdoc_table(r, d, RDOC_T_PLAIN, ck_head, "lllrrr");
	for (i = 0; i < s->nchecks; i++) {
		const struct summary_check *c = &s->checks[i];
		const struct cat_indicator *ci = &cat->indicators[c->indicator];
		const struct cat_region *g = &cat->regions[c->region];
		struct rdoc_row *w;

		if (c->c.p.year != year)
			continue;
		inyear++;
		if (shown == CHECKS_SHOWN)
			continue;
		shown++;
		w = rdoc_row(tb);
		rdoc_celltext(w, rl_name(d->lang, ci->name_en, ci->name_zh));
		rdoc_celltext(w, rl_name(d->lang, g->name_en, g->name_zh));
		rl_period(&t, d->lang, &c->c.p);
		rdoc_cellb(w, &t);
		if (isfinite(c->c.own))
			rl_value_dec(&t, d, c->indicator, c->c.own, -1);
		rdoc_cellb(w, &t);
		if (!isfinite(c->c.children)) {
			/* The sum of the parts beyond double's range. */
			rdoc_celltext(w, d->lang == LANG_ZH ? "超出数值范围" :
			    "out of range");
			rdoc_celltext(w, d->lang == LANG_ZH ? "无数值" :
			    "no figure");
			continue;
		}
		rl_value_dec(&t, d, c->indicator, c->c.children, -1);
		rdoc_cellb(w, &t);
		rdoc_celltext(w, c->c.children != 0 ?
		    fmt_pct((c->c.own - c->c.children) / fabs(c->c.children) *
		    100, v) : NULL);
	}
	if (inyear > shown || s->nchecks > inyear) {
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
		rdoc_sayb(r, RDOC_NOTE, &t);
	}
	buf_release(&t);
}

static void
mismatches(struct rdoc *r, const struct report_doc *d)
{
	static const enum rl_word mm_head[] = { RL_INDICATOR, RL_YEAR,
		RL_PUBLISHED, RL_FROM_LEVELS };
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	struct rdoc_block *tb = NULL;
	struct buf t = BUF_INIT;
	char v[FMT_MAX];
	size_t i, k;

	for (i = 0; i < cat->nindicators; i++)
		for (k = 0; k < s->indicators[i].years.n; k++) {
			const struct agg_point *pt =
			    &s->indicators[i].years.pt[k];
			struct rdoc_row *w;

			if (!pt->yoy_mismatch)
				continue;
			if (tb == NULL) {
				rdoc_heading(r, 3,
				    rl_word(d->lang, RL_MISMATCH));
				tb = rdoc_table(r, d, RDOC_T_PLAIN, mm_head,
				    "llrr");
			}
			w = rdoc_row(tb);
			rdoc_celltext(w, rl_name(d->lang,
			    cat->indicators[i].name_en,
			    cat->indicators[i].name_zh));
			rl_period(&t, d->lang, &pt->p);
			rdoc_cellb(w, &t);
			rdoc_celltext(w, fmt_pct(pt->yoy_pub, v));
			rdoc_celltext(w, fmt_pct(pt->yoy, v));
		}
	buf_release(&t);
}

static void
gaps(struct rdoc *r, const struct report_doc *d)
{
	const struct summary *s = d->sum;
	const struct catalog *cat = s->cat;
	const struct report *rep = d->rep;
	struct rdoc_block *list = NULL;
	struct buf t = BUF_INIT;
	size_t i, n;

	rdoc_part(r, RDOC_P_GAPS, xstrdup("gaps"));
	rdoc_heading(r, 2, rl_word(d->lang, RL_GAPS));
	rdoc_heading(r, 3, rl_word(d->lang, RL_GAP_MEASURES));
	for (i = 0; i < cat->nmeasures; i++) {
		struct rdoc_line *l;

		if (!s->measures[i].data_gap)
			continue;
		if (list == NULL)
			list = rdoc_block(r, RDOC_B_LIST);
		l = rdoc_item(list);
		rdoc_link(l, cat->measures[i].id, rdoc_dupf("#m-%zu", i + 1));
		rdoc_span(l, RDOC_S_TEXT, " ");
		rdoc_span(l, RDOC_S_TEXT, rl_name(d->lang,
		    cat->measures[i].name_en, cat->measures[i].name_zh));
		if (summary_measure_has_data(s, (int)i))
			rdoc_span(l, RDOC_S_TEXT,
			    rl_word(d->lang, RL_TOO_LITTLE));
	}
	if (list == NULL)
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_NONE));
	rdoc_heading(r, 3, rl_word(d->lang, RL_GAP_INDICATORS));
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
	rdoc_sayb(r, RDOC_PLAIN, &t);
	if (d->rep->nstale) {
		rl_stale_line(&t, d);
		rdoc_sayb(r, RDOC_PLAIN, &t);
	}
	rdoc_heading(r, 3, rl_word(d->lang, RL_INCOMPLETE));
	for (i = 0, list = NULL; i < cat->nindicators; i++) {
		if (!s->indicators[i].has_partial)
			continue;
		if (list == NULL)
			list = rdoc_block(r, RDOC_B_LIST);
		rl_incomplete_line(&t, d, (int)i);
		rdoc_spanb(rdoc_item(list), RDOC_S_TEXT, &t);
	}
	if (list == NULL)
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_NONE));
	rdoc_heading(r, 3, rl_word(d->lang, RL_REJECTED));
	if (rep->nrejects == 0) {
		rdoc_say(r, RDOC_PLAIN, rl_word(d->lang, RL_NO_REJECTED));
	} else {
		rl_rejects_intro(&t, d);
		rdoc_sayb(r, RDOC_PLAIN, &t);
		list = rdoc_block(r, RDOC_B_LIST);
		for (i = 0; i < rep->nrejects; i++) {
			rl_rejects_line(&t, d, i);
			rdoc_spanb(rdoc_item(list), RDOC_S_TEXT, &t);
		}
	}
	checks(r, d);
	mismatches(r, d);
	rdoc_end(r);
	buf_release(&t);
}

static void
method(struct rdoc *r, const struct report_doc *d)
{
	struct buf t = BUF_INIT;

	rdoc_part(r, RDOC_P_METHOD, xstrdup("method"));
	rdoc_heading(r, 2, rl_word(d->lang, RL_METHOD));
	rl_method(&t, d);
	rdoc_sayb(r, RDOC_PLAIN, &t);
	rl_source(&t, d);
	rdoc_sayb(r, RDOC_PLAIN, &t);
	rl_data_sources(&t, d);
	if (t.len)
		rdoc_sayb(r, RDOC_PLAIN, &t);
	for (size_t i = 0; d->prov && i < d->prov->nnotes; i++) {
		rl_note(&t, d, i);
		rdoc_sayb(r, RDOC_NOTE, &t);
	}
	rl_marks(&t, d);
	if (t.len)
		rdoc_sayb(r, RDOC_PLAIN, &t);
	rdoc_end(r);
	rl_data_sources(&t, d);
	if (t.len)
		buf_addc(&t, ' ');
	rl_footer(&t, d);
	rdoc_sayb(r, RDOC_FOOTER, &t);
	buf_release(&t);
}

void
rdoc_build(struct rdoc *r, const struct report_doc *d)
{
	const struct catalog *cat = d->sum->cat;
	bool *seen = xcalloc(cat->nindicators + 1, sizeof(bool));
	size_t i;

	cover(r, d);
	glance(r, d);
	changes(r, d);
	for (i = 0; i < cat->nsystems; i++)
		system_part(r, d, (int)i, seen);
	gaps(r, d);
	method(r, d);
	free(seen);
}
