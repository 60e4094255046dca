#include "render/charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/fmt.h"
#include "render/pngchart.h"
#include "render/reportlang.h"
#include "util/buf.h"
#include "util/numfmt.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define LABEL_MAX 36    /* bytes of a bar label before it is cut */

/* The data behind one trend chart, owned. */
struct trend_data {
	struct chart_trend c;
	double *x, *y, *yoy, *px, *py;
	bool *partial, *has_yoy, *brk;
	char **xlabel;
	struct buf title, subtitle, unit, footer, yoy_axis;
	struct chart_words words;
};

static const char *
name_of(const struct charts *c, const char *en, const char *zh)
{
	if (c->lang == LANG_ZH && zh && *zh)
		return zh;
	return en;
}

static const struct chart_words *
words_of(const struct charts *c)
{
	return c->lang == LANG_ZH ? &chart_words_zh : &chart_words_en;
}

static const char *
ext(const struct charts *c)
{
	return c->fmt == CHART_SVG ? "svg" : "png";
}

static void footer(const struct charts *c, struct buf *b);

/* Append source 'p' (k bytes) to the "; "-joined list 'all' unless it is
 * there already. */
static void
source_add(struct buf *all, const char *p, size_t k)
{
	const char *s = buf_str(all), *q;

	for (q = s; *q; ) {
		const char *e = strstr(q, "; ");
		size_t n = e ? (size_t)(e - q) : strlen(q);

		if (n == k && memcmp(q, p, k) == 0)
			return;
		if (e == NULL)
			break;
		q = e + 2;
	}
	if (all->len)
		buf_adds(all, "; ");
	buf_add(all, p, k);
}

/* The footer of a chart of indicator 'ind' in the regions regs[0..n):
 * the sources of what it plots, each once, as the store has them, else
 * the store's name. */
static void
footer_sources(const struct charts *c, int ind, const int *regs, size_t n,
    struct buf *b)
{
	const struct catalog *cat = c->sum->cat;
	struct buf all = BUF_INIT, one = BUF_INIT;
	struct pm_err err = PM_ERR_INIT;
	char t[PERIOD_TEXT_MAX];
	const char *p, *e;
	size_t i;

	for (i = 0; c->st != NULL && i < n; i++) {
		buf_reset(&one);
		if (store_sources(c->st, cat->indicators[ind].code,
		    cat->regions[regs[i]].code, &one, &err) != 0)
			break;
		for (p = buf_str(&one); *p; p = e ? e + 2 : p + strlen(p)) {
			e = strstr(p, "; ");
			source_add(&all, p, e ? (size_t)(e - p) : strlen(p));
		}
	}
	if (all.len == 0) {
		footer(c, b);
	} else {
		period_format(&c->sum->as_of, t);
		if (c->lang == LANG_ZH)
			buf_addf(b, "来源：%s；数据截至 %s", all.data, t);
		else
			buf_addf(b, "Source: %s; data as of %s", all.data, t);
	}
	buf_release(&all);
	buf_release(&one);
}

static void
footer_series(const struct charts *c, int ind, struct buf *b)
{
	footer_sources(c, ind, &c->sum->region, 1, b);
}

static void
footer(const struct charts *c, struct buf *b)
{
	char t[PERIOD_TEXT_MAX];

	period_format(&c->sum->as_of, t);
	if (c->lang == LANG_ZH)
		buf_addf(b, "来源：pemetrics（%s），数据截至 %s", c->source, t);
	else
		buf_addf(b, "Source: pemetrics (%s), data as of %s", c->source,
		    t);
}

static void
trend_free(struct trend_data *d)
{
	size_t i;

	if (d->xlabel)
		for (i = 0; i < d->c.n; i++)
			free(d->xlabel[i]);
	free(d->xlabel);
	free(d->x);
	free(d->y);
	free(d->yoy);
	free(d->px);
	free(d->py);
	free(d->partial);
	free(d->has_yoy);
	free(d->brk);
	buf_release(&d->title);
	buf_release(&d->subtitle);
	buf_release(&d->unit);
	buf_release(&d->yoy_axis);
	buf_release(&d->footer);
	memset(d, 0, sizeof(*d));
}

/* Fill d from a series; the projection runs from the latest complete
 * year at the growth shown since the base year to the target year. */
static void
trend_fill(const struct charts *c, int ind, const struct agg_series *s,
    struct trend_data *d)
{
	const struct catalog *cat = c->sum->cat;
	const struct cat_indicator *ci = &cat->indicators[ind];
	const struct cat_region *g = &cat->regions[c->sum->region];
	const struct progress_result *p = &c->sum->indicators[ind].progress;
	static const char *const fen[] = { "", "yearly", "half-yearly",
		"quarterly", "monthly" };
	static const char *const fzh[] = { "", "年度", "半年度", "季度",
		"月度" };
	char t[PERIOD_TEXT_MAX];
	size_t i;

	memset(d, 0, sizeof(*d));
	d->c.n = s->n;
	d->x = xcalloc(s->n + 1, sizeof(double));
	d->y = xcalloc(s->n + 1, sizeof(double));
	d->yoy = xcalloc(s->n + 1, sizeof(double));
	d->partial = xcalloc(s->n + 1, sizeof(bool));
	d->has_yoy = xcalloc(s->n + 1, sizeof(bool));
	d->brk = xcalloc(s->n + 1, sizeof(bool));
	d->xlabel = xcalloc(s->n + 1, sizeof(char *));
	for (i = 0; i < s->n; i++) {
		size_t k;

		/* A break in series: flagged in the data, or the first
		 * period of a year the catalogue lists. */
		d->brk[i] = s->pt[i].brk;
		for (k = 0; k < ci->nbreaks; k++)
			if (ci->breaks[k] == s->pt[i].p.year &&
			    (i == 0 || s->pt[i - 1].p.year != s->pt[i].p.year))
				d->brk[i] = true;
		d->x[i] = chart_x(&s->pt[i].p);
		d->y[i] = s->pt[i].value;
		/* A combined January-February release is not one month. */
		d->partial[i] = !s->pt[i].complete || s->pt[i].combined;
		/* The official growth: published first (or derived from the
		 * published ytd growths), else the levels'. A rate's is its
		 * change in the unit (points for %), as every table says
		 * it. Nothing across a break in series: the two years are
		 * not comparable. */
		if (ci->kind == KIND_RATE) {
			d->has_yoy[i] = s->pt[i].complete && s->pt[i].has_chg;
			d->yoy[i] = s->pt[i].chg;
		} else {
			d->has_yoy[i] = s->pt[i].complete &&
			    agg_yoy(&s->pt[i], &d->yoy[i]) != AGG_YOY_NONE;
		}
		if (d->brk[i])
			d->has_yoy[i] = false;
		d->xlabel[i] = xstrdup(period_format(&s->pt[i].p, t));
	}
	buf_adds(&d->title, name_of(c, ci->name_en, ci->name_zh));
	buf_addf(&d->subtitle, "%s (%s), %s",
	    name_of(c, g->name_en, g->name_zh), g->code,
	    c->lang == LANG_ZH ? fzh[s->freq] : fen[s->freq]);
	/* Where the method took its base, said where the status is. */
	if (p->base_at_break)
		buf_addf(&d->subtitle, c->lang == LANG_ZH ?
		    "；基期移至%d年（口径变化）" :
		    "; base moved to %d (break in series)", p->base_year);
	else if (p->base_moved)
		buf_addf(&d->subtitle, c->lang == LANG_ZH ?
		    "；基期移至%d年（%d年无数据）" :
		    "; base moved to %d (no data for %d)", p->base_year,
		    p->base_year_asked);
	buf_adds(&d->unit, cat->units[ci->unit].unit);
	footer_series(c, ind, &d->footer);
	d->words = *words_of(c);
	if (ci->kind == KIND_RATE) {
		const char *u = cat->units[ci->unit].unit;
		bool pct = strcmp(u, "%") == 0;

		d->c.yoy_change = true;
		if (c->lang == LANG_ZH)
			buf_addf(&d->yoy_axis, "同比（%s）", pct ? "百分点" :
			    u);
		else
			buf_addf(&d->yoy_axis, "YoY, %s", pct ? "pt" : u);
		d->words.yoy = d->words.yoy_axis = d->yoy_axis.data;
	}
	d->c.words = &d->words;
	d->c.title = d->title.data;
	d->c.subtitle = d->subtitle.data;
	d->c.unit = d->unit.data;
	d->c.footer = d->footer.data;
	d->c.x = d->x;
	d->c.y = d->y;
	d->c.partial = d->partial;
	d->c.has_yoy = d->has_yoy;
	d->c.yoy = d->yoy;
	d->c.brk = d->brk;
	d->c.xlabel = (const char *const *)d->xlabel;
	/* A flow's target is a yearly level: not drawn against quarters. */
	if (ci->has_target && (s->freq == FREQ_Y || ci->kind != KIND_FLOW)) {
		d->c.has_target = true;
		d->c.target = ci->target_value;
		d->c.target_x = ci->target_year ? ci->target_year
		    : c->sum->cfg.default_target_year;
	}
	/* The pace line: only while the target is not achieved, only up
	 * to the target year, and never past the value axis that the data
	 * and the target set (cut there, and said). */
	if (p->has_actual && p->has_current && ci->target_year >
	    p->current_year && s->freq == FREQ_Y &&
	    p->status != PROGRESS_TARGET_ACHIEVED) {
		int k, n = ci->target_year - p->current_year + 1;
		double lo = HUGE_VAL, hi = -HUGE_VAL;
		bool clipped = false;

		for (i = 0; i < s->n; i++)
			if (isfinite(d->y[i])) {
				lo = fmin(lo, d->y[i]);
				hi = fmax(hi, d->y[i]);
			}
		if (d->c.has_target) {
			lo = fmin(lo, d->c.target);
			hi = fmax(hi, d->c.target);
		}
		(void)chart_range_pad(&lo, &hi, NULL);
		d->px = xcalloc((size_t)n, sizeof(double));
		d->py = xcalloc((size_t)n, sizeof(double));
		for (k = 0; k < n; k++) {
			double y = p->current_value *
			    pow(1 + p->actual_growth, k);

			d->px[k] = p->current_year + k;
			d->py[k] = y;
			if (k > 0 && (y > hi || y < lo)) {
				/* Cut the segment where it leaves the axis. */
				double edge = y > hi ? hi : lo,
				    y0 = d->py[k - 1];

				d->px[k] = d->px[k - 1] + (edge - y0) /
				    (y - y0);
				d->py[k] = edge;
				n = k + 1;
				clipped = true;
				break;
			}
		}
		d->c.nproj = (size_t)n;
		d->c.proj_x = d->px;
		d->c.proj_y = d->py;
		if (clipped)
			buf_adds(&d->subtitle, c->lang == LANG_ZH ?
			    "；按当前速度的推算线在坐标轴边缘截断" :
			    "; pace line cut at the axis edge");
		d->c.subtitle = d->subtitle.data;       /* may have moved */
	}
}

void
charts_claims_release(struct charts_claims *cl)
{
	size_t i;

	if (cl == NULL)
		return;
	for (i = 0; i < cl->n; i++)
		free(cl->who[i]);
	free(cl->who);
	strmap_release(&cl->map);
	memset(cl, 0, sizeof(*cl));
}

/* Take 'path' for the chart of 'who' ("measure 'M05'"), or fail when an
 * earlier chart of this run has it: ids that clash must not overwrite
 * each other's files in silence. */
static int
claim(struct charts *c, const char *path, const char *who,
    struct pm_err *err)
{
	struct charts_claims *cl = c->claims;
	int old;

	if (cl == NULL)
		return 0;
	if (!strmap_put(&cl->map, path, strlen(path), (int)cl->n, &old))
		return pm_fail(err, PM_EDATA, path, 0, "%s and %s have the "
		    "same file name: not overwritten", who, cl->who[old]);
	cl->who = xreallocarray(cl->who, cl->n + 1, sizeof(*cl->who));
	cl->who[cl->n++] = xstrdup(who);
	return 0;
}

static void
nodata(struct charts *c, const char *path)
{
	c->nskipped++;
	if (c->nodata)
		c->nodata(c->ctx, path);
}

static void
report(struct charts *c, const char *path, int rc, const struct pm_err *err)
{
	if (rc == 0) {
		c->nwritten++;
	} else {
		c->nfailed++;
		if (c->worst == 0 || rc == PM_EIO)
			c->worst = rc;
	}
	if (c->done)
		c->done(c->ctx, path, rc ? err : NULL);
	/* The charts after this one, natively, when gnuplot is gone. */
	if (c->gp && c->native_fallback && c->fmt == CHART_PNG &&
	    gnuplot_gone(c->gp)) {
		gnuplot_close(c->gp);
		c->gp = NULL;
		c->fell_back = true;
	}
	if (c->fell_back && c->gp == NULL && rc == 0)
		c->nnative++;
}

static void
path_of(const struct charts *c, struct buf *b, const char *a, const char *m,
    const char *z)
{
	buf_reset(b);
	buf_addf(b, "%s/%s.%s%s%s.%s", c->dir, a, m, z ? "." : "", z ? z : "",
	    ext(c));
}

/* The face of the native charts, opened by the first one drawn: a run
 * that gnuplot draws whole never looks for it. Failing to find any is a
 * system error, which stops the run. */
static int
native_font(struct charts *c, struct pm_err *err)
{
	return c->font != NULL ? 0 : font_open(&c->font, err);
}

static int
draw_trend(struct charts *c, const char *path, const char *who,
    const struct chart_trend *t)
{
	struct pm_err err = PM_ERR_INIT;
	int rc;

	if ((rc = claim(c, path, who, &err)) != 0)
		;
	else if (c->gp)
		rc = gnuplot_trend(c->gp, path, c->fmt, c->width, c->height, t,
		    &err);
	else if ((rc = native_font(c, &err)) == 0)
		rc = pngchart_trend(c->font, path, t, c->width, c->height,
		    &err);
	report(c, path, rc, &err);
	return rc == PM_EIO ? rc : 0;
}

static int
draw_bars(struct charts *c, const char *path, const char *who,
    const struct chart_bars *b)
{
	struct pm_err err = PM_ERR_INIT;
	int h = 130 + 30 * (int)b->n + (b->status_name ? 30 : 0), rc;

	if (h < 260)
		h = 260;
	if ((rc = claim(c, path, who, &err)) != 0)
		;
	else if (c->gp)
		rc = gnuplot_bars(c->gp, path, c->fmt, c->width, h, b, &err);
	else if ((rc = native_font(c, &err)) == 0)
		rc = pngchart_bars(c->font, path, b, c->width, h, &err);
	report(c, path, rc, &err);
	return rc == PM_EIO ? rc : 0;
}

/* The indicator's series at the chart frequency (the summary has years). */
static int
series_at(struct charts *c, int ind, struct agg_series *s)
{
	struct summary_check *chk = NULL;
	size_t nchk = 0;
	struct pm_err err = PM_ERR_INIT;
	int rc;

	rc = summary_series(c->st, c->sum->cat, ind, c->sum->region, c->freq,
	    &c->sum->as_of, s, &chk, &nchk, &err);
	free(chk);
	return rc;
}

/* Latest complete value of each child region up to the as-of, sorted,
 * as bars; a region whose latest year is not the region's own says which
 * year its value is of. */
static int
region_bars(struct charts *c, int ind)
{
	const struct catalog *cat = c->sum->cat;
	const struct summary_indicator *si = &c->sum->indicators[ind];
	const struct cat_indicator *ci = &cat->indicators[ind];
	struct chart_bars b;
	char **label = NULL;
	double *value = NULL;
	int *regs = NULL;       /* the regions drawn, for the sources */
	struct buf path = BUF_INIT, title = BUF_INIT, sub = BUF_INIT,
	    foot = BUF_INIT, who = BUF_INIT, l = BUF_INIT;
	size_t n = 0, i, j;
	int year, rc = 0;

	path_of(c, &path, ci->code, cat->regions[c->sum->region].code,
	    "regions");
	if (!si->has_latest)
		goto out;
	/* Fewer than two regions below: nothing to compare, and not a
	 * chart without data. */
	for (i = 0, j = 0; i < cat->nregions; i++)
		j += cat->regions[i].parent == c->sum->region;
	if (j < 2)
		goto out;
	year = si->latest.p.year;
	for (i = 0; i < cat->nregions; i++) {
		struct agg_series s = AGG_SERIES_INIT;
		struct summary_check *chk = NULL;
		size_t nchk = 0;
		struct pm_err err = PM_ERR_INIT;

		if (cat->regions[i].parent != c->sum->region)
			continue;
		rc = summary_series(c->st, cat, ind, (int)i, FREQ_Y,
		    &c->sum->as_of, &s, &chk, &nchk, &err);
		free(chk);
		for (j = s.n; rc == 0 && j-- > 0;)
			if (s.pt[j].complete && isfinite(s.pt[j].value)) {
				label = xreallocarray(label, n + 1,
				    sizeof(*label));
				value = xreallocarray(value, n + 1,
				    sizeof(*value));
				buf_reset(&l);
				buf_adds(&l, name_of(c,
				    cat->regions[i].name_en,
				    cat->regions[i].name_zh));
				if (s.pt[j].p.year != year)
					buf_addf(&l, " (%d)", s.pt[j].p.year);
				regs = xreallocarray(regs, n + 1,
				    sizeof(*regs));
				regs[n] = (int)i;
				label[n] = xstrdup(l.data);
				value[n++] = s.pt[j].value;
				break;
			}
		agg_series_release(&s);
		if (rc != 0)
			goto out;
	}
	if (n < 2) {
		nodata(c, path.data);
		goto out;
	}
	/* Largest first: insertion sort, n is a handful of regions. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && value[j] > value[j - 1]; j--) {
			double tv = value[j];
			char *tl = label[j];

			value[j] = value[j - 1];
			value[j - 1] = tv;
			label[j] = label[j - 1];
			label[j - 1] = tl;
		}
	memset(&b, 0, sizeof(b));
	buf_adds(&title, name_of(c, ci->name_en, ci->name_zh));
	buf_addf(&sub, "%s %d", c->lang == LANG_ZH ? "各地区" :
	    "by region,", year);
	footer_sources(c, ind, regs, n, &foot);
	b.title = title.data;
	b.subtitle = sub.data;
	b.unit = cat->units[ci->unit].unit;
	b.footer = foot.data;
	b.n = n;
	b.label = (const char *const *)label;
	b.value = value;
	b.words = words_of(c);
	/* Labels with the data's precision, never fewer decimals than a
	 * value carries. */
	b.has_decimals = true;
	b.decimals = fmt_decimals(ci, &si->years);
	for (i = 0; ci->decimals < 0 && i < n; i++)
		if (num_decimals(value[i], AGG_MAX_DECIMALS) > b.decimals)
			b.decimals = num_decimals(value[i], AGG_MAX_DECIMALS);
	buf_addf(&who, "the regions of indicator '%s'", ci->code);
	rc = draw_bars(c, path.data, who.data, &b);
out:
	for (i = 0; i < n; i++)
		free(label[i]);
	free(label);
	free(regs);
	free(value);
	buf_release(&path);
	buf_release(&title);
	buf_release(&sub);
	buf_release(&foot);
	buf_release(&who);
	buf_release(&l);
	return rc;
}

int
charts_indicator(struct charts *c, int ind)
{
	const struct catalog *cat = c->sum->cat;
	const struct cat_indicator *ci = &cat->indicators[ind];
	struct agg_series s = AGG_SERIES_INIT;
	struct trend_data d;
	struct buf path = BUF_INIT, who = BUF_INIT;
	char f[2] = { period_freq_letter(c->freq), '\0' };
	int rc;

	if (c->drawn && c->drawn[ind])
		return 0;
	if (c->drawn)
		c->drawn[ind] = true;
	if ((rc = series_at(c, ind, &s)) != 0)
		return rc;
	path_of(c, &path, ci->code, cat->regions[c->sum->region].code, f);
	if (s.n == 0) {
		nodata(c, path.data);
		agg_series_release(&s);
		buf_release(&path);
		return 0;
	}
	trend_fill(c, ind, &s, &d);
	buf_addf(&who, "indicator '%s'", ci->code);
	rc = draw_trend(c, path.data, who.data, &d.c);
	trend_free(&d);
	agg_series_release(&s);
	buf_release(&path);
	buf_release(&who);
	if (rc == 0)
		rc = region_bars(c, ind);
	return rc;
}

static const char *
cut(struct buf *b, const char *id, const char *name)
{
	size_t n = strlen(name);

	buf_reset(b);
	if (id)
		buf_addf(b, "%s ", id);
	if (n > LABEL_MAX) {
		n = LABEL_MAX;
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;
		buf_add(b, name, n);
		buf_adds(b, "...");
	} else {
		buf_adds(b, name);
	}
	return b->data;
}

/* Scores of some children as bars coloured by status, best first, with a
 * legend of the statuses drawn; children without a score at the end as
 * "no data" rows. Nothing when no child has a score. */
static int
score_bars(struct charts *c, const char *file_id, const char *who,
    const char *title, size_t n, char **label, const double *score,
    const int *status, const bool *has)
{
	struct chart_bars b;
	struct buf path = BUF_INIT, foot = BUF_INIT;
	size_t *order = xcalloc(n + 1, sizeof(size_t)), i, j, nhas = 0;
	const char **l = xcalloc(n + 1, sizeof(char *));
	const char *names[6];
	double *v = xcalloc(n + 1, sizeof(double));
	bool *missing = xcalloc(n + 1, sizeof(bool));
	int *st = xcalloc(n + 1, sizeof(int)), rc = 0;

	for (i = 0; i < n; i++)
		order[i] = i;
	/* Scores down, rows without a score last, catalogue order kept. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			size_t p = order[j - 1], q = order[j], t;

			if (has[p] && (!has[q] || score[q] <= score[p]))
				break;
			if (!has[p] && !has[q])
				break;
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		l[i] = label[order[i]];
		missing[i] = !has[order[i]];
		v[i] = missing[i] ? 0 : score[order[i]];
		st[i] = missing[i] ? 0 : status[order[i]];
		nhas += !missing[i];
	}
	path_of(c, &path, file_id, "scores", NULL);
	if (nhas == 0) {
		nodata(c, path.data);
		goto out;
	}
	for (i = 0; i < 6; i++)
		names[i] = rl_status(c->lang, (enum progress_status)i);
	memset(&b, 0, sizeof(b));
	footer(c, &foot);
	b.title = title;
	b.subtitle = c->lang == LANG_ZH ? "进展得分（-5 至 5）" :
	    "progress score (-5 to 5)";
	b.unit = words_of(c)->score;
	b.footer = foot.data;
	b.n = n;
	b.label = l;
	b.value = v;
	b.status = st;
	b.status_name = names;
	b.missing = missing;
	b.fixed_range = true;
	b.lo = -5;
	b.hi = 5;
	b.words = words_of(c);
	rc = draw_bars(c, path.data, who, &b);
out:
	free(order);
	free(l);
	free(v);
	free(st);
	free(missing);
	buf_release(&path);
	buf_release(&foot);
	return rc;
}

static void
free_labels(char **label, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(label[i]);
	free(label);
}

/* Rows of a scorecard, grown one at a time. */
struct rows {
	char **label;
	double *score;
	int *status;
	bool *has;
	size_t n;
};

static void
rows_add(struct rows *r, const char *label, bool has, double score,
    int status)
{
	r->label = xreallocarray(r->label, r->n + 1, sizeof(*r->label));
	r->score = xreallocarray(r->score, r->n + 1, sizeof(*r->score));
	r->status = xreallocarray(r->status, r->n + 1, sizeof(*r->status));
	r->has = xreallocarray(r->has, r->n + 1, sizeof(*r->has));
	r->label[r->n] = xstrdup(label);
	r->score[r->n] = has ? score : 0;
	r->status[r->n] = has ? status : 0;
	r->has[r->n++] = has;
}

static void
rows_free(struct rows *r)
{
	free_labels(r->label, r->n);
	free(r->score);
	free(r->status);
	free(r->has);
	memset(r, 0, sizeof(*r));
}

static int
measure_scores(struct charts *c, int m)
{
	const struct catalog *cat = c->sum->cat;
	const struct cat_measure *cm = &cat->measures[m];
	struct rows r = { 0 };
	size_t i, k;
	struct buf b = BUF_INIT, who = BUF_INIT;
	int rc;

	for (i = 0; i < cat->nindicators; i++) {
		const struct cat_indicator *ci = &cat->indicators[i];
		const struct progress_result *p =
		    &c->sum->indicators[i].progress;

		for (k = 0; k < ci->nmeasures; k++)
			if (ci->measures[k] == m)
				rows_add(&r, cut(&b, NULL, name_of(c,
				    ci->name_en, ci->name_zh)), p->has_score,
				    p->score, (int)p->status);
	}
	buf_reset(&b);
	buf_addf(&b, "%s %s", cm->id, name_of(c, cm->name_en, cm->name_zh));
	buf_addf(&who, "measure '%s'", cm->id);
	rc = score_bars(c, cm->id, who.data, b.data, r.n, r.label, r.score,
	    r.status, r.has);
	rows_free(&r);
	buf_release(&b);
	buf_release(&who);
	return rc;
}

static int
measure_multiples(struct charts *c, int m)
{
	const struct catalog *cat = c->sum->cat;
	const struct cat_measure *cm = &cat->measures[m];
	struct trend_data *d = NULL;
	struct chart_trend *t = NULL;
	struct buf path = BUF_INIT, title = BUF_INIT, foot = BUF_INIT,
	    who = BUF_INIT;
	struct pm_err err = PM_ERR_INIT;
	size_t n = 0, i, k, nhas = 0;
	int rc = 0;

	for (i = 0; i < cat->nindicators; i++) {
		const struct cat_indicator *ci = &cat->indicators[i];
		const struct agg_series *s = &c->sum->indicators[i].years;

		for (k = 0; k < ci->nmeasures; k++)
			if (ci->measures[k] == m) {
				d = xreallocarray(d, n + 1, sizeof(*d));
				trend_fill(c, (int)i, s, &d[n]);
				d[n].c.has_yoy = NULL;
				nhas += s->n > 0;
				n++;
			}
	}
	path_of(c, &path, cm->id, "multiples", NULL);
	if (nhas == 0) {
		nodata(c, path.data);
		goto out;
	}
	t = xcalloc(n, sizeof(*t));
	for (i = 0; i < n; i++) {
		t[i] = d[i].c;
		t[i].words = &d[i].words;       /* d moved as it grew */
	}
	buf_addf(&title, "%s %s", cm->id, name_of(c, cm->name_en,
	    cm->name_zh));
	footer(c, &foot);
	buf_addf(&who, "the indicators of measure '%s'", cm->id);
	if ((rc = claim(c, path.data, who.data, &err)) != 0)
		;
	else if (c->gp)
		rc = gnuplot_multi(c->gp, path.data, c->fmt, c->width * 4 / 3,
		    c->height * 3 / 2, title.data, foot.data, t, n, &err);
	else if ((rc = native_font(c, &err)) == 0)
		rc = pngchart_multi(c->font, path.data, t, n, c->width * 4 / 3,
		    c->height * 3 / 2, &err);
	report(c, path.data, rc, &err);
	rc = rc == PM_EIO ? rc : 0;
out:
	for (i = 0; i < n; i++)
		trend_free(&d[i]);
	free(d);
	free(t);
	buf_release(&path);
	buf_release(&title);
	buf_release(&foot);
	buf_release(&who);
	return rc;
}

int
charts_measure(struct charts *c, int m)
{
	const struct catalog *cat = c->sum->cat;
	size_t i, k;
	int rc;

	/* A qualitative measure has nothing to chart: not "without
	 * data". */
	if (cat->measures[m].qualitative)
		return 0;
	if ((rc = measure_scores(c, m)) != 0 ||
	    (rc = measure_multiples(c, m)) != 0)
		return rc;
	for (i = 0; i < cat->nindicators; i++)
		for (k = 0; k < cat->indicators[i].nmeasures; k++)
			if (cat->indicators[i].measures[k] == m &&
			    (rc = charts_indicator(c, (int)i)) != 0)
				return rc;
	return 0;
}

static int
system_scores(struct charts *c, int sys)
{
	const struct catalog *cat = c->sum->cat;
	struct rows r = { 0 };
	size_t i;
	struct buf b = BUF_INIT, who = BUF_INIT;
	int rc;

	for (i = 0; i < cat->nmeasures; i++) {
		const struct progress_rollup *p = &c->sum->measures[i].r;

		if (cat->measures[i].system != sys)
			continue;
		rows_add(&r, cut(&b, cat->measures[i].id, name_of(c,
		    cat->measures[i].name_en, cat->measures[i].name_zh)),
		    p->has_score, p->score, (int)p->status);
	}
	buf_addf(&who, "system '%s'", cat->systems[sys].id);
	rc = score_bars(c, cat->systems[sys].id, who.data, name_of(c,
	    cat->systems[sys].name_en, cat->systems[sys].name_zh), r.n,
	    r.label, r.score, r.status, r.has);
	rows_free(&r);
	buf_release(&b);
	buf_release(&who);
	return rc;
}

int
charts_system(struct charts *c, int sys)
{
	const struct catalog *cat = c->sum->cat;
	size_t i;
	int rc;

	if ((rc = system_scores(c, sys)) != 0)
		return rc;
	for (i = 0; i < cat->nmeasures; i++)
		if (cat->measures[i].system == sys &&
		    (rc = charts_measure(c, (int)i)) != 0)
			return rc;
	return 0;
}

int
charts_all(struct charts *c)
{
	const struct catalog *cat = c->sum->cat;
	struct rows r = { 0 };
	size_t i;
	int rc = 0;

	for (i = 0; i < cat->nsystems; i++) {
		const struct progress_rollup *p = &c->sum->systems[i].r;

		rows_add(&r, name_of(c, cat->systems[i].name_en,
		    cat->systems[i].name_zh), p->has_score, p->score,
		    (int)p->status);
	}
	rc = score_bars(c, "policy", "the policy scorecard",
	    c->lang == LANG_ZH ? "政策总体进展" :
	    "Progress by system", r.n, r.label, r.score, r.status, r.has);
	rows_free(&r);
	/* Each system's scorecard, each measure's scorecard and multiples,
	 * then every indicator once (an indicator of several measures is
	 * not drawn twice). */
	for (i = 0; rc == 0 && i < cat->nsystems; i++)
		rc = system_scores(c, (int)i);
	for (i = 0; rc == 0 && i < cat->nmeasures; i++)
		if (!cat->measures[i].qualitative &&
		    (rc = measure_scores(c, (int)i)) == 0)
			rc = measure_multiples(c, (int)i);
	for (i = 0; rc == 0 && i < cat->nindicators; i++)
		rc = charts_indicator(c, (int)i);
	return rc;
}

int
charts_sparkline(const struct summary *s, int ind, const char *path,
    int width, int height, struct pm_err *err)
{
	const struct agg_series *y = &s->indicators[ind].years;
	double *v = xcalloc(y->n + 1, sizeof(double));
	size_t i, n = 0;
	int rc;

	for (i = 0; i < y->n; i++)
		if (y->pt[i].complete)
			v[n++] = y->pt[i].value;
	rc = pngchart_sparkline(path, v, n, width, height, err);
	free(v);
	return rc;
}
