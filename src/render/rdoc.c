/* render/rdoc.c - the report's content, once: which parts, which rows,
 * which sentences, in which language. The words and numbers come from
 * render/reportlang.c; this file puts them in order. */
#include "render/rdoc.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render/fmt.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define ATTENTION_SHOWN 8       /* indicators in "needs attention" */
#define REVISIONS_SHOWN 25      /* rows of the revisions table */
#define CHECKS_SHOWN 12         /* rows of the region totals table */

/* Grow an array of 'size'-byte elements so that one more fits. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xreallocarray(v, *cap, size);
}

/* A copy of the text in 't', which is emptied. */
static char *
take(struct buf *t)
{
	char *s = xstrdup(buf_str(t));

	buf_reset(t);
	return s;
}

static char *
dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
dupf(const char *fmt, ...)
{
	struct buf t = BUF_INIT;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	buf_vaddf(&t, fmt, ap);
	va_end(ap);
	s = take(&t);
	buf_release(&t);
	return s;
}

static struct rdoc_span *
span(struct rdoc_line *l, enum rdoc_span_kind kind, const char *text)
{
	struct rdoc_span *s;

	l->v = grow(l->v, l->n, &l->cap, sizeof(*l->v));
	s = &l->v[l->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->text = text ? xstrdup(text) : NULL;
	return s;
}

/* A span of the text in 't', which is emptied. */
static void
spanb(struct rdoc_line *l, enum rdoc_span_kind kind, struct buf *t)
{
	span(l, kind, buf_str(t));
	buf_reset(t);
}

static void
status(struct rdoc_line *l, enum rdoc_span_kind kind, enum progress_status s)
{
	span(l, kind, NULL)->status = s;
}

static void
add_link(struct rdoc_line *l, const char *text, char *href)
{
	span(l, RDOC_S_LINK, text)->href = href;
}

/* A new block at the end. The pointer is good until the next block is
 * added: fill a block (its rows, items) before adding another. */
static struct rdoc_block *
block(struct rdoc *r, enum rdoc_block_kind kind)
{
	struct rdoc_block *b;

	r->v = grow(r->v, r->n, &r->cap, sizeof(*r->v));
	b = &r->v[r->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static void
part(struct rdoc *r, enum rdoc_part p, char *anchor)
{
	struct rdoc_block *b = block(r, RDOC_B_PART);

	b->part = p;
	b->anchor = anchor;
}

static void
end(struct rdoc *r)
{
	block(r, RDOC_B_END);
}

static void
heading(struct rdoc *r, int level, const char *text)
{
	struct rdoc_block *b = block(r, RDOC_B_HEADING);

	b->level = level;
	b->text = xstrdup(text);
}

static struct rdoc_line *
para(struct rdoc *r, enum rdoc_para_style style)
{
	struct rdoc_block *b = block(r, RDOC_B_PARA);

	b->style = style;
	return &b->line;
}

/* A paragraph of one text. */
static void
say(struct rdoc *r, enum rdoc_para_style style, const char *text)
{
	span(para(r, style), RDOC_S_TEXT, text);
}

static void
sayb(struct rdoc *r, enum rdoc_para_style style, struct buf *t)
{
	say(r, style, buf_str(t));
	buf_reset(t);
}

/* A table with one word of the language a column. */
static struct rdoc_block *
table(struct rdoc *r, const struct report_doc *d, enum rdoc_table_style style,
    const enum rl_word *w, const char *align)
{
	struct rdoc_block *b = block(r, RDOC_B_TABLE);
	size_t i, n = strlen(align);

	b->tstyle = style;
	b->align = xstrdup(align);
	b->head = xreallocarray(NULL, n, sizeof(*b->head));
	for (i = 0; i < n; i++)
		b->head[i] = rl_word(d->lang, w[i]);
	return b;
}

static struct rdoc_row *
row(struct rdoc_block *t)
{
	struct rdoc_row *w;

	t->rows = grow(t->rows, t->nrows, &t->caprows, sizeof(*t->rows));
	w = &t->rows[t->nrows++];
	memset(w, 0, sizeof(*w));
	return w;
}

static struct rdoc_line *
cell(struct rdoc_row *w)
{
	struct rdoc_cell *c;

	w->v = grow(w->v, w->n, &w->cap, sizeof(*w->v));
	c = &w->v[w->n++];
	memset(c, 0, sizeof(*c));
	c->span = 1;
	return &c->line;
}

/* A cell of one text; NULL or "" is an empty cell. */
static void
celltext(struct rdoc_row *w, const char *text)
{
	struct rdoc_line *l = cell(w);

	if (text && *text)
		span(l, RDOC_S_TEXT, text);
}

/* A cell of the text 's', which the cell takes. */
static void
celltake(struct rdoc_row *w, char *s)
{
	span(cell(w), RDOC_S_TEXT, NULL)->text = s;
}

static void
cellb(struct rdoc_row *w, struct buf *t)
{
	celltext(w, buf_str(t));
	buf_reset(t);
}

static struct rdoc_line *
item(struct rdoc_block *list)
{
	struct rdoc_line *l;

	list->items = grow(list->items, list->nitems, &list->capitems,
	    sizeof(*list->items));
	l = &list->items[list->nitems++];
	memset(l, 0, sizeof(*l));
	return l;
}

static char *
score(bool has, double v)
{
	struct buf t = BUF_INIT;
	char *s;

	rl_score(&t, has, v);
	s = take(&t);
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
	return dupf("%s%s", d->lang == LANG_ZH ? "上期：" : "was: ",
	    rl_status(d->lang, c->before));
}

static void
was(struct rdoc_line *l, const struct report_doc *d, enum report_level lv,
    int index)
{
	char *s = was_text(d, lv, index);

	if (s == NULL)
		return;
	span(l, RDOC_S_WAS, s);
	free(s);
}

static struct rdoc_rollup *
rollup(struct rdoc *r, const struct report_doc *d, enum report_level lv,
    int index, const char *name, const struct progress_rollup *p)
{
	struct rdoc_rollup *u = &block(r, RDOC_B_ROLLUP)->rollup;

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
	r->title = take(&t);
	rl_meta(&t, d);
	r->meta = take(&t);
	rl_coverage(&t, d->lang, &s->cov, true);
	buf_addf(&t, d->lang == LANG_ZH ? "；%s" : "; %s",
	    rl_word(d->lang, RL_SCORE_RANGE));
	rollup(r, d, REPORT_POLICY, -1, rl_word(d->lang, RL_OVERALL),
	    &s->overall)->note = take(&t);
	rl_headline(&t, d);
	sayb(r, RDOC_HEADLINE, &t);
	rl_stale_warning(&t, d);
	if (t.len)
		sayb(r, RDOC_WARNING, &t);
	buf_release(&t);
}

static void
counts(struct rdoc *r, const struct report_doc *d)
{
	static const enum report_level lv[] = { REPORT_SYSTEM, REPORT_MEASURE,
		REPORT_INDICATOR };
	static const enum rl_word name[] = { RL_SYSTEMS, RL_MEASURES,
		RL_INDICATORS };
	struct rdoc_block *b = block(r, RDOC_B_COUNTS);
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

	part(r, RDOC_P_GLANCE, NULL);
	heading(r, 2, rl_word(d->lang, RL_GLANCE));
	counts(r, d);
	part(r, RDOC_P_COLUMNS, NULL);
	part(r, RDOC_P_COLUMN, NULL);
	tb = table(r, d, RDOC_T_PLAIN, sys_head, "llrr");
	for (i = 0; i < cat->nsystems; i++) {
		struct rdoc_row *w = row(tb);
		struct rdoc_line *l;

		for (j = 0, nm = 0; j < cat->nmeasures; j++)
			nm += cat->measures[j].system == (int)i;
		add_link(cell(w), rl_name(d->lang, cat->systems[i].name_en,
		    cat->systems[i].name_zh), dupf("#sys-%zu", i + 1));
		l = cell(w);
		status(l, RDOC_S_STATUS, s->systems[i].r.status);
		was(l, d, REPORT_SYSTEM, (int)i);
		celltake(w, score(s->systems[i].r.has_score,
		    s->systems[i].r.score));
		celltake(w, dupf("%zu", nm));
	}
	end(r);
	part(r, RDOC_P_COLUMN, NULL);
	heading(r, 3, rl_word(d->lang, RL_ATTENTION));
	n = rl_attention(d, idx, ATTENTION_SHOWN);
	if (n == 0)
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_ATTENTION_NONE));
	else
		list = block(r, RDOC_B_LIST);
	for (i = 0; i < n; i++) {
		const struct cat_indicator *ci = &cat->indicators[idx[i]];
		const struct progress_result *p =
		    &s->indicators[idx[i]].progress;
		struct rdoc_line *l = item(list);

		add_link(l, rl_name(d->lang, ci->name_en, ci->name_zh),
		    dupf("#ind-%d", idx[i] + 1));
		status(l, RDOC_S_STATUS_OF, p->status);
		growth(&t, d, p);
		if (s->indicators[idx[i]].stale)
			buf_addf(&t, d->lang == LANG_ZH ?
			    "（数据过时，最新为%d年）" : " (stale since %d)",
			    s->indicators[idx[i]].latest.p.year);
		spanb(l, RDOC_S_DETAIL, &t);
	}
	end(r);
	end(r);
	end(r);
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

	heading(r, 3, rl_word(d->lang, RL_STATUS_CHANGES));
	if (rep->nchanges == 0) {
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_NO_STATUS_CHANGE));
		return;
	}
	tb = table(r, d, RDOC_T_PLAIN, ch_head, "lllllr");
	for (i = 0; i < rep->nchanges; i++) {
		const struct report_change *c = &rep->changes[i];
		struct rdoc_row *w = row(tb);
		char *a, *z;

		celltext(w, rl_change_level(d->lang, c->level));
		rl_change_item(&t, d, c);
		cellb(w, &t);
		status(cell(w), RDOC_S_STATUS, c->before);
		status(cell(w), RDOC_S_STATUS, c->after);
		celltext(w, rl_change_way(d->lang, c));
		a = score(c->has_before_score, c->before_score);
		z = score(c->has_after_score, c->after_score);
		buf_addf(&t, "%s → %s", a, z);
		cellb(w, &t);
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

	heading(r, 3, rl_word(d->lang, RL_REVISIONS));
	if (rep->nrevisions == 0) {
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_NO_REVISION));
		return;
	}
	rl_revisions_intro(&t, d);
	sayb(r, RDOC_PLAIN, &t);
	tb = table(r, d, RDOC_T_PLAIN, rev_head, "lllrrrl");
	for (i = 0; i < rep->nrevisions && i < REVISIONS_SHOWN; i++) {
		const struct report_revision *e = &rep->revisions[i];
		const struct cat_indicator *ci = &cat->indicators[e->indicator];
		const struct cat_region *g = &cat->regions[e->region];
		struct rdoc_row *w = row(tb);

		celltext(w, rl_name(d->lang, ci->name_en, ci->name_zh));
		celltext(w, rl_name(d->lang, g->name_en, g->name_zh));
		rl_period(&t, d->lang, &e->p);
		if (e->ytd)
			buf_addf(&t, " (%s)", rl_word(d->lang, RL_YTD));
		cellb(w, &t);
		rl_value(&t, d, e->indicator, e->before);
		cellb(w, &t);
		if (e->has_after)
			rl_value(&t, d, e->indicator, e->after);
		else
			buf_adds(&t, "–");
		cellb(w, &t);
		/* A rate's revision is a difference, in points, as its
		 * yoy is (7.8% to 7.3%: -0.5 pt). */
		celltext(w, !e->has_after ? NULL : ci->kind == KIND_RATE ?
		    fmt_points(e->after - e->before,
		    cat->units[ci->unit].unit, v) : e->before != 0 ?
		    fmt_pct((e->after - e->before) / fabs(e->before) * 100, v) :
		    NULL);
		celltext(w, e->file);
	}
	if (rep->nrevisions > REVISIONS_SHOWN) {
		rl_more(&t, d->lang, rep->nrevisions - REVISIONS_SHOWN);
		sayb(r, RDOC_NOTE, &t);
	}
	buf_release(&t);
}

static void
changes(struct rdoc *r, const struct report_doc *d)
{
	struct buf t = BUF_INIT;

	part(r, RDOC_P_CHANGES, xstrdup("changes"));
	heading(r, 2, rl_word(d->lang, RL_CHANGES));
	rl_changes_intro(&t, d);
	sayb(r, RDOC_PLAIN, &t);
	if (d->rep->has_prev) {
		status_changes(r, d);
		revisions(r, d);
	}
	end(r);
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
		spanb(l, RDOC_S_TEXT, &t);
		rl_period(&t, d->lang, &si->latest.p);
		if (si->latest.derived)
			buf_addf(&t, d->lang == LANG_ZH ? "，%s" : ", %s",
			    rl_word(d->lang, RL_SUM_OF_PARTS));
		status_mark(&t, d, si->latest.status);
		spanb(l, RDOC_S_ASIDE, &t);
	}
	if (si->has_partial) {
		rl_partial(&t, d->lang, &si->partial);
		buf_adds(&t, d->lang == LANG_ZH ? "：" : ": ");
		rl_value(&t, d, k, si->partial.value);
		status_mark(&t, d, si->partial.status);
		spanb(l, RDOC_S_SUB, &t);
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
		spanb(l, RDOC_S_TEXT, &t);
		if (s->cat->indicators[k].kind != KIND_RATE &&
		    pt->yoy_mismatch) {
			char v[FMT_MAX];

			buf_addf(&t, d->lang == LANG_ZH ? "按总量计算%s" :
			    "levels %s", fmt_pct(pt->yoy, v));
			spanb(l, RDOC_S_ASIDE, &t);
		}
		if (s->as_of.freq != FREQ_Y ||
		    si->latest.p.year != s->as_of.year) {
			rl_period(&t, d->lang, &si->latest.p);
			spanb(l, RDOC_S_ASIDE, &t);
		}
	} else {
		span(l, RDOC_S_TEXT, "–");
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
		spanb(l, RDOC_S_SUB, &y);
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
	s = take(&t);
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
		char *alt = dupf(d->lang == LANG_ZH ? "%s%s" : "%s: %s",
		    d->lang == LANG_ZH ? rl_name(d->lang, ci->name_en,
		    ci->name_zh) : rl_word(d->lang, RL_TREND),
		    d->lang == LANG_ZH ? rl_word(d->lang, RL_TREND) :
		    rl_name(d->lang, ci->name_en, ci->name_zh));

		sp = span(l, RDOC_S_IMAGE, NULL);
		sp->text = alt;
		sp->src = chart_path(d, k, RDOC_SPARK);
		if (have & RDOC_TREND)
			sp->href = chart_path(d, k, RDOC_TREND);
	}
	if (!(have & (RDOC_TREND | RDOC_REGIONS)))
		return;
	span(l, RDOC_S_LINE_BEGIN, NULL);
	if (have & RDOC_TREND)
		add_link(l, rl_word(d->lang, RL_CHART),
		    chart_path(d, k, RDOC_TREND));
	if ((have & RDOC_TREND) && (have & RDOC_REGIONS))
		span(l, RDOC_S_TEXT, " · ");
	if (have & RDOC_REGIONS)
		add_link(l, rl_word(d->lang, RL_REGIONS_CHART),
		    chart_path(d, k, RDOC_REGIONS));
	span(l, RDOC_S_LINE_END, NULL);
}

/* The growth needed a year: towards the target level, or the growth the
 * policy asks for where it gives no level (marked as such). */
static void
needed(struct rdoc_line *l, const struct report_doc *d, int k)
{
	const struct progress_result *p = &d->sum->indicators[k].progress;
	char g[FMT_MAX];

	if (p->has_required) {
		span(l, RDOC_S_TEXT, fmt_pct(p->required_growth * 100, g));
		if (p->required_is_aim)
			span(l, RDOC_S_SUB_EM, rl_word(d->lang, RL_AIM));
		return;
	}
	span(l, RDOC_S_TEXT, "–");
}

static void
indicator_row(struct rdoc_block *tb, const struct report_doc *d, int k,
    bool first)
{
	const struct summary *s = d->sum;
	const struct cat_indicator *ci = &s->cat->indicators[k];
	const struct summary_indicator *si = &s->indicators[k];
	const struct progress_result *p = &si->progress;
	struct rdoc_row *w = row(tb);
	struct rdoc_line *l;
	struct buf t = BUF_INIT;
	char g[FMT_MAX];

	/* The anchor goes to the indicator's first appearance only. */
	if (first)
		w->anchor = dupf("ind-%d", k + 1);
	l = cell(w);
	span(l, RDOC_S_TEXT, rl_name(d->lang, ci->name_en, ci->name_zh));
	rl_target(&t, d, k);
	spanb(l, RDOC_S_SUB_EM, &t);
	if (!si->has_latest && !si->has_partial) {
		celltext(w, rl_word(d->lang, RL_NO_DATA));
		w->v[w->n - 1].span = 5;
		w->v[w->n - 1].nodata = true;
	} else {
		latest(cell(w), d, k);
		yoy_cell(cell(w), d, k);
		celltext(w, p->has_actual ?
		    fmt_pct(p->actual_growth * 100, g) : "–");
		needed(cell(w), d, k);
		pictures(cell(w), d, k);
	}
	l = cell(w);
	/* A row that shows a value but cannot be assessed (one complete
	 * year, say) is "Not available", the method's word, not "No
	 * data". */
	if (p->status == PROGRESS_NOT_AVAILABLE &&
	    (si->has_latest || si->has_partial))
		span(l, RDOC_S_STATUS, rl_word(d->lang, RL_NOT_ASSESSED))->
		    status = p->status;
	else
		status(l, RDOC_S_STATUS, p->status);
	was(l, d, REPORT_INDICATOR, k);
	rl_indicator_notes(&t, d, k);
	if (t.len)
		spanb(l, RDOC_S_ASIDE, &t);
	celltake(w, score(p->has_score, p->score));
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

	part(r, RDOC_P_MEASURE, dupf("m-%d", m + 1));
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
		u->note = take(&t);
		buf_release(&t);
	}
	/* Data too short to score (one year) is not "no data". */
	if (!cm->qualitative && !d->sum->measures[m].context_only &&
	    u->status == PROGRESS_NOT_AVAILABLE &&
	    summary_measure_has_data(d->sum, m))
		u->word = rl_word(d->lang, RL_NOT_ASSESSED);
	tb = table(r, d, RDOC_T_INDICATORS, ind_head, "nrrrrtlr");
	for (k = 0; k < cat->nindicators; k++) {
		if (!in_measure(&cat->indicators[k], m))
			continue;
		indicator_row(tb, d, (int)k, !seen[k]);
		seen[k] = true;
	}
	end(r);
}

static void
system_part(struct rdoc *r, const struct report_doc *d, int sys, bool *seen)
{
	const struct catalog *cat = d->sum->cat;
	size_t j;

	part(r, RDOC_P_SYSTEM, dupf("sys-%d", sys + 1));
	struct buf t = BUF_INIT;

	rl_coverage(&t, d->lang, &d->sum->systems[sys].cov, true);
	rollup(r, d, REPORT_SYSTEM, sys, rl_name(d->lang,
	    cat->systems[sys].name_en, cat->systems[sys].name_zh),
	    &d->sum->systems[sys].r)->note = take(&t);
	buf_release(&t);
	for (j = 0; j < cat->nmeasures; j++)
		if (cat->measures[j].system == sys)
			measure(r, d, (int)j, seen);
	end(r);
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

	heading(r, 3, rl_word(d->lang, RL_TOTALS));
	if (year < 0) {
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_NONE));
		return;
	}
	tb = table(r, d, RDOC_T_PLAIN, ck_head, "lllrrr");
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
		w = row(tb);
		celltext(w, rl_name(d->lang, ci->name_en, ci->name_zh));
		celltext(w, rl_name(d->lang, g->name_en, g->name_zh));
		rl_period(&t, d->lang, &c->c.p);
		cellb(w, &t);
		if (isfinite(c->c.own))
			rl_value_dec(&t, d, c->indicator, c->c.own, -1);
		cellb(w, &t);
		if (!isfinite(c->c.children)) {
			/* The sum of the parts beyond double's range. */
			celltext(w, d->lang == LANG_ZH ? "超出数值范围" :
			    "out of range");
			celltext(w, d->lang == LANG_ZH ? "无数值" :
			    "no figure");
			continue;
		}
		rl_value_dec(&t, d, c->indicator, c->c.children, -1);
		cellb(w, &t);
		celltext(w, c->c.children != 0 ?
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
		sayb(r, RDOC_NOTE, &t);
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
				heading(r, 3, rl_word(d->lang, RL_MISMATCH));
				tb = table(r, d, RDOC_T_PLAIN, mm_head, "llrr");
			}
			w = row(tb);
			celltext(w, rl_name(d->lang, cat->indicators[i].name_en,
			    cat->indicators[i].name_zh));
			rl_period(&t, d->lang, &pt->p);
			cellb(w, &t);
			celltext(w, fmt_pct(pt->yoy_pub, v));
			celltext(w, fmt_pct(pt->yoy, v));
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

	part(r, RDOC_P_GAPS, xstrdup("gaps"));
	heading(r, 2, rl_word(d->lang, RL_GAPS));
	heading(r, 3, rl_word(d->lang, RL_GAP_MEASURES));
	for (i = 0; i < cat->nmeasures; i++) {
		struct rdoc_line *l;

		if (!s->measures[i].data_gap)
			continue;
		if (list == NULL)
			list = block(r, RDOC_B_LIST);
		l = item(list);
		add_link(l, cat->measures[i].id, dupf("#m-%zu", i + 1));
		span(l, RDOC_S_TEXT, " ");
		span(l, RDOC_S_TEXT, rl_name(d->lang, cat->measures[i].name_en,
		    cat->measures[i].name_zh));
		if (summary_measure_has_data(s, (int)i))
			span(l, RDOC_S_TEXT, rl_word(d->lang, RL_TOO_LITTLE));
	}
	if (list == NULL)
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_NONE));
	heading(r, 3, rl_word(d->lang, RL_GAP_INDICATORS));
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
	sayb(r, RDOC_PLAIN, &t);
	if (d->rep->nstale) {
		rl_stale_line(&t, d);
		sayb(r, RDOC_PLAIN, &t);
	}
	heading(r, 3, rl_word(d->lang, RL_INCOMPLETE));
	for (i = 0, list = NULL; i < cat->nindicators; i++) {
		if (!s->indicators[i].has_partial)
			continue;
		if (list == NULL)
			list = block(r, RDOC_B_LIST);
		rl_incomplete_line(&t, d, (int)i);
		spanb(item(list), RDOC_S_TEXT, &t);
	}
	if (list == NULL)
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_NONE));
	heading(r, 3, rl_word(d->lang, RL_REJECTED));
	if (rep->nrejects == 0) {
		say(r, RDOC_PLAIN, rl_word(d->lang, RL_NO_REJECTED));
	} else {
		rl_rejects_intro(&t, d);
		sayb(r, RDOC_PLAIN, &t);
		list = block(r, RDOC_B_LIST);
		for (i = 0; i < rep->nrejects; i++) {
			rl_rejects_line(&t, d, i);
			spanb(item(list), RDOC_S_TEXT, &t);
		}
	}
	checks(r, d);
	mismatches(r, d);
	end(r);
	buf_release(&t);
}

static void
method(struct rdoc *r, const struct report_doc *d)
{
	struct buf t = BUF_INIT;

	part(r, RDOC_P_METHOD, xstrdup("method"));
	heading(r, 2, rl_word(d->lang, RL_METHOD));
	rl_method(&t, d);
	sayb(r, RDOC_PLAIN, &t);
	rl_source(&t, d);
	sayb(r, RDOC_PLAIN, &t);
	rl_data_sources(&t, d);
	if (t.len)
		sayb(r, RDOC_PLAIN, &t);
	for (size_t i = 0; d->prov && i < d->prov->nnotes; i++) {
		rl_note(&t, d, i);
		sayb(r, RDOC_NOTE, &t);
	}
	rl_marks(&t, d);
	if (t.len)
		sayb(r, RDOC_PLAIN, &t);
	end(r);
	rl_data_sources(&t, d);
	if (t.len)
		buf_addc(&t, ' ');
	rl_footer(&t, d);
	sayb(r, RDOC_FOOTER, &t);
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

static void
line_release(struct rdoc_line *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].href);
		free(l->v[i].src);
	}
	free(l->v);
}

static void
block_release(struct rdoc_block *b)
{
	size_t i, j;

	free(b->anchor);
	free(b->text);
	line_release(&b->line);
	free(b->rollup.id);
	free(b->rollup.name);
	free(b->rollup.was);
	free(b->rollup.label);
	free(b->rollup.score);
	free(b->rollup.note);
	free(b->align);
	free(b->head);
	for (i = 0; i < b->nrows; i++) {
		for (j = 0; j < b->rows[i].n; j++)
			line_release(&b->rows[i].v[j].line);
		free(b->rows[i].v);
		free(b->rows[i].anchor);
	}
	free(b->rows);
	for (i = 0; i < b->nitems; i++)
		line_release(&b->items[i]);
	free(b->items);
}

void
rdoc_release(struct rdoc *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		block_release(&r->v[i]);
	free(r->v);
	free(r->kicker);
	free(r->title);
	free(r->meta);
	memset(r, 0, sizeof(*r));
}
