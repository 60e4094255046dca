#include "core/cons.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/store.h"
#include "util/numfmt.h"
#include "util/xalloc.h"
#include "util/banned.h"

int
cons_period_end(const struct period *p)
{
	int per = period_per_year(p->freq);

	return p->year * 12 + (p->freq == FREQ_Y ? 12 : p->sub * (12 / per));
}

/* What the observations of one year say about it. */
struct year_info {
	int year, decimals, end;
};

static int
cmp_year_info(const void *x, const void *y)
{
	const struct year_info *a = x, *b = y;

	return (a->year > b->year) - (a->year < b->year);
}

static void
normalise(struct agg_point *pt)
{
	pt->derived = false;
	if (!pt->has_yoy)
		pt->yoy = 0;
	if (!pt->has_chg)
		pt->chg = 0;
	if (!pt->has_yoy_pub)
		pt->yoy_pub = 0;
	if (!pt->has_pop)
		pt->pop = 0;
}

static const struct year_info *
info_of(const struct year_info *yi, size_t n, int year)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (yi[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && yi[lo].year == year ? &yi[lo] : NULL;
}

static void
row_add(struct cons_row **out, size_t *n, size_t *cap,
    const struct cons_row *r)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 32;
		*out = xreallocarray(*out, *cap, sizeof(**out));
	}
	(*out)[(*n)++] = *r;
}

void
cons_build(const struct obs *obs, size_t n, enum ind_kind kind, int y0,
    int y1, struct cons_row **out, size_t *nout)
{
	struct agg_series ys = AGG_SERIES_INIT, qs = AGG_SERIES_INIT;
	struct year_info *yi = NULL;
	size_t nyi = 0, i, k, cap = 0, iy = 0;

	*out = NULL;
	*nout = 0;
	/* The years that have observations, with their precision and the
	 * month their latest observation ends in. */
	for (i = 0; i < n; i++) {
		struct period p;
		struct year_info *y = NULL;
		int d, e;

		if (period_from_key(obs[i].period, &p) != 0)
			continue;
		for (k = nyi; k-- > 0;)
			if (yi[k].year == p.year) {
				y = &yi[k];
				break;
			}
		if (y == NULL) {
			yi = xreallocarray(yi, nyi + 1, sizeof(*yi));
			y = &yi[nyi++];
			y->year = p.year;
			y->decimals = 0;
			y->end = 0;
		}
		d = num_decimals(obs[i].value, AGG_MAX_DECIMALS);
		if (d > y->decimals)
			y->decimals = d;
		e = cons_period_end(&p);
		if (e > y->end)
			y->end = e;
	}
	if (nyi > 1)
		qsort(yi, nyi, sizeof(*yi), cmp_year_info);
	agg_build(obs, n, kind, FREQ_Y, NULL, &ys);
	agg_build(obs, n, kind, FREQ_Q, NULL, &qs);
	for (i = 0; i < nyi; i++) {
		const struct year_info *prev;
		struct cons_row r;

		if (yi[i].year < y0 || yi[i].year > y1)
			continue;
		memset(&r, 0, sizeof(r));
		r.period = period_key(&(struct period){ FREQ_Y, yi[i].year, 0 });
		r.decimals = yi[i].decimals;
		r.last_end = yi[i].end;
		prev = info_of(yi, nyi, yi[i].year - 1);
		if (prev && prev->end > r.last_end)
			r.last_end = prev->end;
		while (iy < ys.n && ys.pt[iy].p.year < yi[i].year)
			iy++;
		if (iy < ys.n && ys.pt[iy].p.year == yi[i].year) {
			r.has_point = true;
			r.pt = ys.pt[iy];
			normalise(&r.pt);
		} else {
			r.pt.p = (struct period){ FREQ_Y, yi[i].year, 0 };
		}
		row_add(out, nout, &cap, &r);
	}
	for (i = 0; i < qs.n; i++) {
		const struct year_info *y = info_of(yi, nyi, qs.pt[i].p.year);
		const struct year_info *prev;
		struct cons_row r;

		if (y == NULL || y->year < y0 || y->year > y1)
			continue;
		memset(&r, 0, sizeof(r));
		r.period = period_key(&qs.pt[i].p);
		r.has_point = true;
		r.decimals = y->decimals;
		r.last_end = y->end;
		prev = info_of(yi, nyi, y->year - 1);
		if (prev && prev->end > r.last_end)
			r.last_end = prev->end;
		r.pt = qs.pt[i];
		normalise(&r.pt);
		row_add(out, nout, &cap, &r);
	}
	agg_series_release(&ys);
	agg_series_release(&qs);
	free(yi);
}

bool
cons_usable(const struct cons_row *rows, size_t n, const struct period *as_of)
{
	int end;
	size_t i;

	if (as_of == NULL)
		return true;
	end = cons_period_end(as_of);
	for (i = 0; i < n; i++)
		if (rows[i].last_end > end)
			return false;
	return true;
}

void
cons_series(const struct cons_row *rows, size_t n, enum period_freq freq,
    struct agg_series *out)
{
	size_t i, k = 0;

	agg_series_release(out);
	out->freq = freq;
	out->decimals = 0;
	for (i = 0; i < n; i++) {
		if (rows[i].pt.p.freq == FREQ_Y &&
		    rows[i].decimals > out->decimals)
			out->decimals = rows[i].decimals;
		if (rows[i].has_point && rows[i].pt.p.freq == freq)
			k++;
	}
	if (k == 0)
		return;
	out->pt = xreallocarray(NULL, k, sizeof(*out->pt));
	for (i = 0; i < n; i++)
		if (rows[i].has_point && rows[i].pt.p.freq == freq)
			out->pt[out->n++] = rows[i].pt;
}

static bool
same_double(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

const char *
cons_diff(const struct cons_row *a, const struct cons_row *b)
{
	const struct agg_point *p = &a->pt, *q = &b->pt;

	if (a->period != b->period)
		return "period";
	if (a->has_point != b->has_point)
		return "point";
	if (a->decimals != b->decimals)
		return "decimals";
	if (a->last_end != b->last_end)
		return "last_end";
	if (!a->has_point)
		return NULL;
	if (!same_double(p->value, q->value))
		return "value";
	if (p->complete != q->complete)
		return "complete";
	if (p->months != q->months)
		return "months";
	if (p->mask != q->mask)
		return "mask";
	if (p->combined != q->combined)
		return "combined";
	if (p->ytd != q->ytd)
		return "ytd";
	if (p->status != q->status)
		return "status";
	if (p->at_end != q->at_end)
		return "at_end";
	if (p->has_yoy != q->has_yoy || (p->has_yoy && p->yoy != q->yoy))
		return "yoy";
	if (p->has_chg != q->has_chg || (p->has_chg && p->chg != q->chg))
		return "chg";
	if (p->has_yoy_pub != q->has_yoy_pub ||
	    (p->has_yoy_pub && p->yoy_pub != q->yoy_pub))
		return "yoy_pub";
	if (p->yoy_pub_derived != q->yoy_pub_derived)
		return "yoy_pub_derived";
	if (p->yoy_mismatch != q->yoy_mismatch)
		return "yoy_mismatch";
	if (p->has_pop != q->has_pop || (p->has_pop && p->pop != q->pop))
		return "pop";
	if (p->brk != q->brk)
		return "brk";
	return NULL;
}

void
cons_touch(struct cons_touched *t, int ind, int reg, int period)
{
	int year = period % 1000000 / 100;
	struct cons_touch *last = t->n ? &t->v[t->n - 1] : NULL;

	if (last && last->ind == ind && last->reg == reg &&
	    year >= last->y0 - 1 && year <= last->y1 + 1) {
		if (year < last->y0)
			last->y0 = year;
		if (year > last->y1)
			last->y1 = year;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].ind = ind;
	t->v[t->n].reg = reg;
	t->v[t->n].y0 = year;
	t->v[t->n].y1 = year;
	t->n++;
}

void
cons_touched_release(struct cons_touched *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int
cmp_touch(const void *x, const void *y)
{
	const struct cons_touch *a = x, *b = y;

	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->reg != b->reg)
		return a->reg < b->reg ? -1 : 1;
	return (a->y0 > b->y0) - (a->y0 < b->y0);
}

/* Rows of years y0..y1 of one series from the observations of years
 * y0-1..y1, in place of the stored ones. */
static int
redo_years(struct store *st, int ind, int reg, enum ind_kind kind, int y0,
    int y1, struct pm_err *err)
{
	struct obs *obs = NULL;
	struct cons_row *rows = NULL;
	size_t nobs = 0, nrows = 0;
	int rc;

	rc = store_obs_years(st, ind, reg,
	    y0 > PERIOD_YEAR_MIN ? y0 - 1 : y0, y1, &obs, &nobs, err);
	if (rc != 0)
		return rc;
	cons_build(obs, nobs, kind, y0, y1, &rows, &nrows);
	free(obs);
	rc = store_cons_put(st, ind, reg, y0, y1, rows, nrows, err);
	free(rows);
	return rc;
}

/* Every row of indicator 'ind', of kind 'kind'. */
static int
rebuild_indicator(struct store *st, int ind, enum ind_kind kind,
    struct pm_err *err)
{
	int *regs = NULL;
	size_t nregs = 0, i;
	int rc;

	if ((rc = store_cons_reset(st, ind, (int)kind, err)) != 0)
		return rc;
	if ((rc = store_obs_regions(st, ind, &regs, &nregs, err)) != 0)
		return rc;
	for (i = 0; i < nregs && rc == 0; i++)
		rc = redo_years(st, ind, regs[i], kind, PERIOD_YEAR_MIN,
		    PERIOD_YEAR_MAX, err);
	free(regs);
	return rc;
}

/* The touched series of indicator t->v[*i].ind from *i on, each run of
 * touched years with the year after it recomputed; *i moves past them. */
static int
redo_touched(struct store *st, const struct cons_touched *t, size_t *i,
    enum ind_kind kind, struct pm_err *err)
{
	int ind = t->v[*i].ind, reg, a, b, rc;

	while (*i < t->n && t->v[*i].ind == ind) {
		reg = t->v[*i].reg;
		a = t->v[*i].y0;
		b = t->v[*i].y1;
		/* Runs that overlap once each has its year after. */
		for ((*i)++; *i < t->n && t->v[*i].ind == ind &&
		    t->v[*i].reg == reg && t->v[*i].y0 <= b + 2; (*i)++)
			if (t->v[*i].y1 > b)
				b = t->v[*i].y1;
		if ((rc = redo_years(st, ind, reg, kind, a,
		    b < PERIOD_YEAR_MAX ? b + 1 : b, err)) != 0)
			return rc;
	}
	return 0;
}

int
cons_update(struct store *st, const struct catalog *cat,
    struct cons_touched *t, struct pm_err *err)
{
	struct store_cons_ind *inds = NULL;
	size_t ninds = 0, i, k = 0;
	int rc;

	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), cmp_touch);
	if ((rc = store_cons_indicators(st, &inds, &ninds, err)) != 0)
		goto out;
	/* Indicators in id order, each under its lock (on a server two
	 * files consolidating one indicator take turns, in one order). */
	for (i = 0; i < ninds; i++) {
		int c = catalog_indicator(cat, inds[i].code,
		    strlen(inds[i].code));
		bool touched, rebuild;

		while (k < t->n && t->v[k].ind < inds[i].id)
			k++;            /* not interned: cannot be */
		touched = k < t->n && t->v[k].ind == inds[i].id;
		if (c < 0) {            /* not in this catalogue: as is */
			while (k < t->n && t->v[k].ind == inds[i].id)
				k++;
			continue;
		}
		/* No rows yet (a store made before version 5), or of a kind
		 * the catalogue has since changed: all of it again. */
		rebuild = inds[i].kind != (int)cat->indicators[c].kind;
		if (!touched && !rebuild)
			continue;
		if ((rc = store_cons_lock(st, inds[i].id, err)) != 0)
			goto out;
		if (rebuild) {
			if ((rc = rebuild_indicator(st, inds[i].id,
			    cat->indicators[c].kind, err)) != 0)
				goto out;
			while (k < t->n && t->v[k].ind == inds[i].id)
				k++;
		} else if ((rc = redo_touched(st, t, &k,
		    cat->indicators[c].kind, err)) != 0) {
			goto out;
		}
	}
out:
	t->n = 0;
	store_cons_indicators_free(inds, ninds);
	return rc;
}

/* One series: the stored rows against the observations'. */
static int
check_series(struct store *st, const struct store_cons_ind *ind,
    const struct store_cons_reg *reg, cons_problem_fn fn, void *ctx,
    unsigned long *nrows, struct pm_err *err)
{
	struct obs *obs = NULL;
	struct cons_row *want = NULL, *have = NULL;
	size_t nobs = 0, nwant = 0, nhave = 0, i = 0, k = 0;
	int rc;

	if ((rc = store_obs_years(st, ind->id, reg->id, PERIOD_YEAR_MIN,
	    PERIOD_YEAR_MAX, &obs, &nobs, err)) != 0)
		return rc;
	cons_build(obs, nobs, (enum ind_kind)ind->kind, PERIOD_YEAR_MIN,
	    PERIOD_YEAR_MAX, &want, &nwant);
	free(obs);
	if ((rc = store_cons_rows(st, ind->id, reg->id, &have, &nhave,
	    err)) != 0)
		goto out;
	while (rc == 0 && (i < nhave || k < nwant)) {
		struct cons_problem p;

		memset(&p, 0, sizeof(p));
		p.indicator = ind->code;
		p.region = reg->code;
		if (k == nwant || (i < nhave && have[i].period < want[k].period)) {
			p.period = have[i++].period;
			p.field = "extra";
		} else if (i == nhave || want[k].period < have[i].period) {
			p.period = want[k++].period;
			p.field = "missing";
		} else {
			(*nrows)++;
			p.period = have[i].period;
			p.field = cons_diff(&have[i], &want[k]);
			p.stored = have[i].pt.value;
			p.computed = want[k].pt.value;
			i++;
			k++;
			if (p.field == NULL)
				continue;
		}
		rc = fn(ctx, &p);
	}
out:
	free(want);
	free(have);
	return rc;
}

int
cons_check(struct store *st, cons_problem_fn fn, void *ctx,
    unsigned long *nseries, unsigned long *nrows,
    unsigned long *unconsolidated, struct pm_err *err)
{
	struct store_cons_ind *inds = NULL;
	struct store_cons_reg *regs = NULL;
	size_t ninds = 0, nregs = 0, i, k;
	int rc;

	*nseries = *nrows = *unconsolidated = 0;
	if ((rc = store_cons_indicators(st, &inds, &ninds, err)) != 0)
		return rc;
	for (i = 0; i < ninds && rc == 0; i++) {
		if ((rc = store_cons_regions(st, inds[i].id, &regs, &nregs,
		    err)) != 0)
			break;
		if (inds[i].kind < 0) {
			*unconsolidated += nregs > 0;
		} else {
			for (k = 0; k < nregs && rc == 0; k++) {
				(*nseries)++;
				rc = check_series(st, &inds[i], &regs[k], fn,
				    ctx, nrows, err);
			}
		}
		store_cons_regions_free(regs, nregs);
		regs = NULL;
	}
	store_cons_indicators_free(inds, ninds);
	return rc;
}
