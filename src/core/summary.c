#include "core/summary.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>

#include "core/cons.h"
#include "core/obs.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* The series of one region alone: from its consolidated rows when they
 * are of the catalogue's kind and the as-of reaches its data (core/cons.h),
 * else from its observations. */
static int
own_series(struct store *st, const struct cat_indicator *d,
    const char *region, enum period_freq freq, const struct period *as_of,
    struct agg_series *out, struct pm_err *err)
{
	struct cons_row *rows = NULL;
	struct obs *obs = NULL;
	size_t n = 0;
	int rc, kind;

	if (freq == FREQ_Y || freq == FREQ_Q) {
		rc = store_cons_get(st, d->code, region, (int)freq, &kind,
		    &rows, &n, err);
		if (rc != 0)
			return rc;
		if (kind == (int)d->kind && cons_usable(rows, n, as_of)) {
			cons_series(rows, n, freq, out);
			free(rows);
			return 0;
		}
		free(rows);
	}
	if ((rc = store_series(st, d->code, region, &obs, &n, err)) != 0)
		return rc;
	agg_build(obs, n, d->kind, freq, as_of, out);
	free(obs);
	return 0;
}

static int
series_rec(struct store *st, const struct catalog *cat, int ind, int region,
    enum period_freq freq, const struct period *as_of, int depth,
    struct agg_series *out, struct summary_check **checks, size_t *nchecks,
    struct pm_err *err)
{
	const struct cat_indicator *d = &cat->indicators[ind];
	struct agg_series *kids = NULL;
	struct agg_check *c = NULL;
	size_t nkids = 0, nc = 0, i;
	int rc;

	if ((rc = own_series(st, d, cat->regions[region].code, freq, as_of,
	    out, err)) != 0)
		return rc;
	/* Rates are never summed; below a depth bound nothing is either. */
	if (d->kind == KIND_RATE || depth >= SUMMARY_MAX_DEPTH)
		return 0;
	for (i = 0; i < cat->nregions; i++) {
		if (cat->regions[i].parent != region)
			continue;
		kids = xreallocarray(kids, nkids + 1, sizeof(*kids));
		memset(&kids[nkids], 0, sizeof(*kids));
		rc = series_rec(st, cat, ind, (int)i, freq, as_of, depth + 1,
		    &kids[nkids], checks, nchecks, err);
		nkids++;
		if (rc != 0)
			goto out;
	}
	agg_region_rollup(out, kids, nkids, d->kind, &c, &nc);
	for (i = 0; i < nc; i++) {
		*checks = xreallocarray(*checks, *nchecks + 1,
		    sizeof(**checks));
		(*checks)[*nchecks].indicator = ind;
		(*checks)[*nchecks].region = region;
		(*checks)[*nchecks].c = c[i];
		(*nchecks)++;
	}
out:
	for (i = 0; i < nkids; i++)
		agg_series_release(&kids[i]);
	free(kids);
	free(c);
	return rc;
}

int
summary_series(struct store *st, const struct catalog *cat, int ind,
    int region, enum period_freq freq, const struct period *as_of,
    struct agg_series *out, struct summary_check **checks, size_t *nchecks,
    struct pm_err *err)
{
	return series_rec(st, cat, ind, region, freq, as_of, 0, out, checks,
	    nchecks, err);
}

/* Progress, latest figures and trend of one indicator from its years. */
static void
indicator_progress(const struct cat_indicator *d,
    const struct progress_config *cfg, struct summary_indicator *si)
{
	const struct agg_series *y = &si->years;
	struct progress_input in;
	int *years = xreallocarray(NULL, y->n + 1, sizeof(int));
	double *values = xreallocarray(NULL, y->n + 1, sizeof(double));
	double *pub = xreallocarray(NULL, y->n + 1, sizeof(double));
	int *breaks = xreallocarray(NULL, y->n + d->nbreaks + 1, sizeof(int));
	size_t i, n = 0, t0, nbreaks = 0;
	int base;

	/* Complete years only: a flow's incomplete year is left out, and a
	 * stock's year is its year-end value. */
	for (i = 0; i < y->n; i++) {
		if (y->pt[i].brk)
			breaks[nbreaks++] = y->pt[i].p.year;
		if (y->pt[i].complete) {
			years[n] = y->pt[i].p.year;
			pub[n] = y->pt[i].has_yoy_pub ? y->pt[i].yoy_pub : NAN;
			values[n++] = y->pt[i].value;
			si->has_latest = true;
			si->latest = y->pt[i];
			si->has_partial = false;
		} else {
			si->has_partial = true;
			si->partial = y->pt[i];
		}
		si->nmismatch += y->pt[i].yoy_mismatch;
	}
	si->has_data = y->n > 0;
	memset(&in, 0, sizeof(in));
	in.years = years;
	in.values = values;
	in.n = n;
	in.direction = d->direction;
	in.base_year = d->base_year;
	in.has_target = d->has_target;
	in.target = d->target_value;
	in.target_year = d->target_year;
	in.has_limit = d->has_limit;
	in.limit = d->limit;
	in.has_aim = !d->has_target && d->has_growth;
	in.aim = d->target_growth / 100;
	/* The office's extensions: the plan's base, published growth,
	 * breaks (the catalogue's years and observations flagged B). */
	in.has_base_value = d->has_base_value;
	in.base_value = d->base_value;
	in.use_published = d->growth_published;
	in.published = pub;
	for (i = 0; i < d->nbreaks; i++)
		breaks[nbreaks++] = d->breaks[i];
	in.breaks = breaks;
	in.nbreaks = nbreaks;
	progress_compute(&in, cfg, &si->progress);
	/* The trend from the base year (the default one when the catalogue
	 * gives none) on (all years when that leaves
	 * fewer than two). */
	base = d->base_year ? d->base_year : cfg->default_base_year;
	for (t0 = 0; t0 < n && years[t0] < base; t0++)
		;
	if (n - t0 < 2)
		t0 = 0;
	agg_trend(years + t0, values + t0, n - t0, d->has_target,
	    d->target_value, &si->trend);
	free(years);
	free(values);
	free(pub);
	free(breaks);
}

/* Indicator i counts in a roll-up of measure 'm' (>= 0), of system
 * 'sys' (>= 0), or of the whole policy (both -1). */
static bool
in_scope(const struct catalog *cat, size_t i, int m, int sys)
{
	const struct cat_indicator *d = &cat->indicators[i];
	size_t k;

	for (k = 0; k < d->nmeasures; k++)
		if ((m >= 0 && d->measures[k] == m) || (m < 0 && (sys < 0 ||
		    cat->measures[d->measures[k]].system == sys)))
			return true;
	return false;
}

static void
coverage(const struct summary *s, int m, int sys, struct summary_coverage *c)
{
	const struct catalog *cat = s->cat;
	size_t i;

	memset(c, 0, sizeof(*c));
	if (m < 0)
		for (i = 0; i < cat->nmeasures; i++) {
			if (sys >= 0 && cat->measures[i].system != sys)
				continue;
			c->measures++;
			if (cat->measures[i].qualitative)
				c->qualitative++;
			else if (s->measures[i].r.has_score)
				c->measured++;
			else if (s->measures[i].context_only)
				c->context_only++;
			else
				c->measures_nodata++;
		}
	for (i = 0; i < cat->nindicators; i++) {
		const struct summary_indicator *si = &s->indicators[i];

		if (!in_scope(cat, i, m, sys))
			continue;
		if (cat->indicators[i].context) {
			c->context++;
			continue;
		}
		c->headline++;
		c->headline_nodata += !si->has_latest;
		c->stale += si->stale;
	}
}

/* Measure 'm' has indicators and every one is a context indicator. */
static bool
context_only(const struct catalog *cat, int m)
{
	size_t i, n = 0;

	for (i = 0; i < cat->nindicators; i++) {
		if (!in_scope(cat, i, m, -1))
			continue;
		if (!cat->indicators[i].context)
			return false;
		n++;
	}
	return n > 0;
}

unsigned
summary_attention(const struct summary *s, int i)
{
	const struct summary_indicator *si = &s->indicators[i];
	enum progress_status st = si->progress.status;
	unsigned w = 0;

	if (s->cat->indicators[i].context)
		return 0;
	if (st == PROGRESS_MODERATE || st == PROGRESS_LIMITED ||
	    st == PROGRESS_DETERIORATION)
		w |= SUMMARY_ATTN_BELOW;
	if (si->stale)
		w |= SUMMARY_ATTN_STALE;
	if (!si->has_latest || st == PROGRESS_NOT_AVAILABLE)
		w |= SUMMARY_ATTN_NODATA;
	return w;
}

static void
plaus_add(struct summary *s, const struct summary_plaus *w)
{
	s->plaus = xreallocarray(s->plaus, s->nplaus + 1, sizeof(*s->plaus));
	s->plaus[s->nplaus++] = *w;
}

/* The yearly values of indicator 'ind' that look like slips. */
static void
plausibility(struct summary *s, int ind)
{
	const struct agg_series *y = &s->indicators[ind].years;
	size_t i;

	for (i = 0; i < y->n; i++) {
		const struct agg_point *pt = &y->pt[i], *q;
		struct summary_plaus w;
		double r;

		memset(&w, 0, sizeof(w));
		w.indicator = ind;
		w.p = pt->p;
		w.value = pt->value;
		if (pt->has_yoy_pub &&
		    fabs(pt->yoy_pub) > SUMMARY_PLAUS_GROWTH) {
			w.growth = true;
			w.yoy_pub = pt->yoy_pub;
			plaus_add(s, &w);
		}
		if (i == 0 || !pt->complete)
			continue;
		q = &y->pt[i - 1];
		if (!q->complete || q->value == 0 || pt->value == 0 ||
		    q->p.year != pt->p.year - 1)
			continue;
		r = fabs(pt->value / q->value);
		if (r > SUMMARY_PLAUS_RATIO || r < 1 / SUMMARY_PLAUS_RATIO) {
			w.growth = false;
			w.prev = q->p;
			w.prev_value = q->value;
			plaus_add(s, &w);
		}
	}
}

int
summary_build(struct store *st, const struct catalog *cat, int region,
    const struct period *as_of, const struct progress_config *cfg,
    struct summary *s, struct pm_err *err)
{
	size_t i, k;
	int rc, key;

	memset(s, 0, sizeof(*s));
	s->cat = cat;
	s->region = region;
	s->cfg = *cfg;
	if (as_of) {
		s->as_of = *as_of;
	} else {
		if ((rc = store_latest_period(st, &key, err)) != 0)
			return rc;
		period_from_key(key, &s->as_of);
	}
	s->has_as_of = true;
	s->indicators = xcalloc(cat->nindicators + 1, sizeof(*s->indicators));
	s->measures = xcalloc(cat->nmeasures + 1, sizeof(*s->measures));
	s->systems = xcalloc(cat->nsystems + 1, sizeof(*s->systems));

	for (i = 0; i < cat->nindicators; i++) {
		rc = summary_series(st, cat, (int)i, region, FREQ_Y, &s->as_of,
		    &s->indicators[i].years, &s->checks, &s->nchecks, err);
		if (rc != 0) {
			summary_release(s);
			return rc;
		}
		indicator_progress(&cat->indicators[i], cfg,
		    &s->indicators[i]);
		plausibility(s, (int)i);
		s->indicators[i].stale = s->indicators[i].has_latest &&
		    s->as_of.year - s->indicators[i].latest.p.year >
		    cat->max_age;
	}
	/* Indicators into measures, measures into systems, systems into the
	 * policy: the same mean-score rule at every level. */
	for (i = 0; i < cat->nmeasures; i++)
		progress_rollup_init(&s->measures[i].r);
	for (i = 0; i < cat->nindicators; i++) {
		const struct cat_indicator *d = &cat->indicators[i];
		const struct progress_result *p = &s->indicators[i].progress;

		/* A context indicator is shown, never rolled up. */
		if (d->context)
			continue;
		for (k = 0; k < d->nmeasures; k++)
			progress_rollup_add(&s->measures[d->measures[k]].r,
			    p->status, p->has_score, p->score);
	}
	for (i = 0; i < cat->nsystems; i++)
		progress_rollup_init(&s->systems[i].r);
	for (i = 0; i < cat->nmeasures; i++) {
		struct summary_rollup *m = &s->measures[i];

		progress_rollup_finish(&m->r);
		/* A qualitative measure is counted and named, never
		 * scored. */
		if (cat->measures[i].qualitative) {
			progress_rollup_init(&m->r);
			continue;
		}
		m->context_only = context_only(cat, (int)i);
		m->data_gap = !m->r.has_score && !m->context_only;
		progress_rollup_add(&s->systems[cat->measures[i].system].r,
		    m->r.status, m->r.has_score, m->r.score);
	}
	for (i = 0; i < cat->nmeasures; i++)
		coverage(s, (int)i, -1, &s->measures[i].cov);
	progress_rollup_init(&s->overall);
	for (i = 0; i < cat->nsystems; i++) {
		struct summary_rollup *y = &s->systems[i];

		progress_rollup_finish(&y->r);
		y->data_gap = !y->r.has_score;
		coverage(s, -1, (int)i, &y->cov);
		progress_rollup_add(&s->overall, y->r.status, y->r.has_score,
		    y->r.score);
	}
	progress_rollup_finish(&s->overall);
	coverage(s, -1, -1, &s->cov);
	return 0;
}

void
summary_release(struct summary *s)
{
	size_t i;

	if (s->indicators)
		for (i = 0; i < s->cat->nindicators; i++)
			agg_series_release(&s->indicators[i].years);
	free(s->indicators);
	free(s->measures);
	free(s->systems);
	free(s->checks);
	free(s->plaus);
	memset(s, 0, sizeof(*s));
}

bool
summary_measure_has_data(const struct summary *s, int m)
{
	size_t i, k;

	for (i = 0; i < s->cat->nindicators; i++)
		for (k = 0; k < s->cat->indicators[i].nmeasures; k++)
			if (s->cat->indicators[i].measures[k] == m &&
			    s->indicators[i].has_data)
				return true;
	return false;
}
