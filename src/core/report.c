#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

static const char *const level_name[] = {
	[REPORT_POLICY] = "policy",
	[REPORT_SYSTEM] = "system",
	[REPORT_MEASURE] = "measure",
	[REPORT_INDICATOR] = "indicator",
};

/* A status of the earlier report, by catalogue index. */
struct old_status {
	bool found;
	enum progress_status status;
	bool has_score;
	double score;
};

struct old_report {
	const struct catalog *cat;
	struct old_status policy;
	struct old_status *systems, *measures, *indicators;
};

/* Month in which a period ends, as year * 12 + month: periods of any
 * frequency compare by it. */
static int
end_month(const struct period *p)
{
	if (p->freq == FREQ_Y)
		return p->year * 12 + 12;
	return p->year * 12 + p->sub * (12 / period_per_year(p->freq));
}

bool
report_region_within(const struct catalog *cat, int r, int top)
{
	int depth;

	/* Parents come from regions.csv and could loop: bound the walk. */
	for (depth = 0; r >= 0 && depth <= SUMMARY_MAX_DEPTH; depth++) {
		if (r == top)
			return true;
		r = cat->regions[r].parent;
	}
	return false;
}

static bool
status_parse(const char *code, enum progress_status *out)
{
	int s;

	for (s = PROGRESS_NOT_AVAILABLE; s <= PROGRESS_TARGET_ACHIEVED; s++)
		if (strcmp(code, progress_status_code(s)) == 0) {
			*out = (enum progress_status)s;
			return true;
		}
	return false;
}

static int
old_status_add(void *arg, const struct store_report_status *v)
{
	struct old_report *o = arg;
	const struct catalog *cat = o->cat;
	struct old_status *slot = NULL;
	size_t n = strlen(v->code);
	int i;

	/* Items no longer in the catalogue, and unknown status codes (a
	 * later pemetrics), are left out of the comparison. */
	if (strcmp(v->level, level_name[REPORT_POLICY]) == 0)
		slot = &o->policy;
	else if (strcmp(v->level, level_name[REPORT_SYSTEM]) == 0 &&
	    (i = catalog_system(cat, v->code, n)) >= 0)
		slot = &o->systems[i];
	else if (strcmp(v->level, level_name[REPORT_MEASURE]) == 0 &&
	    (i = catalog_measure(cat, v->code, n)) >= 0)
		slot = &o->measures[i];
	else if (strcmp(v->level, level_name[REPORT_INDICATOR]) == 0 &&
	    (i = catalog_indicator(cat, v->code, n)) >= 0)
		slot = &o->indicators[i];
	if (slot == NULL || !status_parse(v->status, &slot->status))
		return 0;
	slot->found = true;
	slot->has_score = v->has_score;
	slot->score = v->score;
	return 0;
}

static void
change_add(struct report *r, enum report_level level, int index,
    const struct old_status *o, enum progress_status now, bool has_score,
    double score)
{
	struct report_change *c;

	if (!o->found || o->status == now)
		return;
	r->changes = xreallocarray(r->changes, r->nchanges + 1,
	    sizeof(*r->changes));
	c = &r->changes[r->nchanges++];
	c->level = level;
	c->index = index;
	c->before = o->status;
	c->after = now;
	c->has_before_score = o->has_score;
	c->before_score = o->score;
	c->has_after_score = has_score;
	c->after_score = score;
}

static int
changes_build(struct store *st, const struct summary *s, long long id,
    struct report *r, struct pm_err *err)
{
	const struct catalog *cat = s->cat;
	struct old_report o;
	size_t i;
	int rc;

	memset(&o, 0, sizeof(o));
	o.cat = cat;
	o.systems = xcalloc(cat->nsystems + 1, sizeof(*o.systems));
	o.measures = xcalloc(cat->nmeasures + 1, sizeof(*o.measures));
	o.indicators = xcalloc(cat->nindicators + 1, sizeof(*o.indicators));
	rc = store_report_statuses(st, id, old_status_add, &o, err);
	if (rc != 0)
		goto out;
	change_add(r, REPORT_POLICY, -1, &o.policy, s->overall.status,
	    s->overall.has_score, s->overall.score);
	for (i = 0; i < cat->nsystems; i++)
		change_add(r, REPORT_SYSTEM, (int)i, &o.systems[i],
		    s->systems[i].r.status, s->systems[i].r.has_score,
		    s->systems[i].r.score);
	for (i = 0; i < cat->nmeasures; i++)
		change_add(r, REPORT_MEASURE, (int)i, &o.measures[i],
		    s->measures[i].r.status, s->measures[i].r.has_score,
		    s->measures[i].r.score);
	for (i = 0; i < cat->nindicators; i++) {
		const struct progress_result *p = &s->indicators[i].progress;

		change_add(r, REPORT_INDICATOR, (int)i, &o.indicators[i],
		    p->status, p->has_score, p->score);
	}
out:
	free(o.systems);
	free(o.measures);
	free(o.indicators);
	return rc;
}

/* Collects revisions: one per key, the value before the first
 * replacement since the earlier report, the file of the last one. */
struct rev_scan {
	const struct summary *s;
	struct report *r;
	long long prev_file, last_file;
	int end;                /* end_month() of the as-of */
	bool open;              /* the last entry's key is the scan's key */
	int key_period;         /* the key of the last row seen */
	enum store_basis key_basis;
	int key_ind, key_reg;
};

static int
rev_add(void *arg, const struct store_revision *v)
{
	struct rev_scan *x = arg;
	const struct catalog *cat = x->s->cat;
	struct report_revision *e;
	struct period p;
	int ind, reg;

	if (v->by_file > x->last_file)
		return 0;               /* came after this report read */
	ind = catalog_indicator(cat, v->indicator, strlen(v->indicator));
	reg = catalog_region(cat, v->region, strlen(v->region));
	if (ind < 0 || reg < 0 || period_from_key(v->period, &p) != 0 ||
	    end_month(&p) > x->end ||
	    !report_region_within(cat, reg, x->s->region))
		return 0;
	if (x->open && ind == x->key_ind && reg == x->key_reg &&
	    v->period == x->key_period && v->basis == x->key_basis) {
		/* A later replacement of the same key: the file changes,
		 * the value before stays the first one. */
		e = &x->r->revisions[x->r->nrevisions - 1];
		free(e->file);
		e->file = xstrdup(v->by_name);
		snprintf(e->at, sizeof(e->at), "%s", v->by_at);
		return 0;
	}
	x->key_ind = ind;
	x->key_reg = reg;
	x->key_period = v->period;
	x->key_basis = v->basis;
	/* A value first stated after the earlier report was not in it:
	 * its later replacements are new data, not revisions. */
	x->open = v->old_file <= x->prev_file;
	if (!x->open)
		return 0;
	x->r->revisions = xreallocarray(x->r->revisions, x->r->nrevisions + 1,
	    sizeof(*x->r->revisions));
	e = &x->r->revisions[x->r->nrevisions++];
	memset(e, 0, sizeof(*e));
	e->indicator = ind;
	e->region = reg;
	e->p = p;
	e->ytd = v->basis == BASIS_YTD;
	e->before = v->old_value;
	e->has_after = v->has_current;
	e->after = v->current;
	e->file = xstrdup(v->by_name);
	snprintf(e->at, sizeof(e->at), "%s", v->by_at);
	return 0;
}

static int
rev_cmp(const void *a, const void *b)
{
	const struct report_revision *x = a, *y = b;
	int kx = period_key(&x->p), ky = period_key(&y->p);

	if (x->indicator != y->indicator)
		return x->indicator < y->indicator ? -1 : 1;
	if (x->region != y->region)
		return x->region < y->region ? -1 : 1;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return (int)x->ytd - (int)y->ytd;
}

static void
revisions_tidy(struct report *r)
{
	size_t i, n = 0;

	/* A value revised and then revised back is no change. */
	for (i = 0; i < r->nrevisions; i++) {
		struct report_revision *e = &r->revisions[i];

		if (e->has_after && e->after == e->before) {
			free(e->file);
			continue;
		}
		r->revisions[n++] = *e;
	}
	r->nrevisions = n;
	if (n > 1)
		qsort(r->revisions, n, sizeof(*r->revisions), rev_cmp);
}

/* The window of a report: the months after the end of the period
 * before the as-of (at the as-of's frequency) up to the end of the as-of,
 * as end_month() values: (lo, hi]. */
static void
window(const struct period *as_of, int *lo, int *hi)
{
	*hi = end_month(as_of);
	*lo = *hi - 12 / period_per_year(as_of->freq);
}

/* The period keys of every frequency whose periods end in the window:
 * one contiguous range a frequency. Returns how many ranges. */
static size_t
window_keys(const struct period *as_of, struct store_key_range *out)
{
	static const enum period_freq freqs[] = { FREQ_Y, FREQ_H, FREQ_Q,
		FREQ_M };
	int lo, hi, y;
	size_t f, n = 0;

	window(as_of, &lo, &hi);
	for (f = 0; f < sizeof(freqs) / sizeof(freqs[0]); f++) {
		int per = period_per_year(freqs[f]), sub;
		bool any = false;

		for (y = lo / 12 - 1; y <= hi / 12 + 1; y++)
			for (sub = per == 1 ? 0 : 1; sub <= per; sub++) {
				struct period p = { freqs[f], y, sub };
				int e = end_month(&p), k;

				if (e <= lo || e > hi || y < PERIOD_YEAR_MIN ||
				    y > PERIOD_YEAR_MAX)
					continue;
				k = period_key(&p);
				if (!any || k < out[n].lo)
					out[n].lo = k;
				if (!any || k > out[n].hi)
					out[n].hi = k;
				any = true;
			}
		n += any;
	}
	return n;
}

struct rej_scan {
	struct report *r;
	int lo, hi;             /* the window, as end months: (lo, hi] */
	long long file;         /* id of the file of the last entry */
};

/* The rows of the report's window: a row whose period ends in it, and a
 * row without a usable period (none recorded, empty, not a period) from
 * a file that gave a value of a period in it. */
static int
rej_add(void *arg, const struct store_reject *v)
{
	struct rej_scan *x = arg;
	struct report_rejects *e;
	struct period p;
	bool in;

	if (v->period && period_parse(v->period, strlen(v->period), &p,
	    NULL) == 0)
		in = end_month(&p) > x->lo && end_month(&p) <= x->hi;
	else
		in = v->file_in_window;
	if (!in)
		return 0;
	if (x->r->nrejects == 0 || v->file != x->file) {
		x->r->rejects = xreallocarray(x->r->rejects, x->r->nrejects + 1,
		    sizeof(*x->r->rejects));
		e = &x->r->rejects[x->r->nrejects++];
		memset(e, 0, sizeof(*e));
		e->file = xstrdup(v->name);
		snprintf(e->at, sizeof(e->at), "%s", v->ingested_at);
		e->rows = v->rows;
		e->nfile = v->nrejected;
		x->file = v->file;
	}
	e = &x->r->rejects[x->r->nrejects - 1];
	e->nrejected++;
	if (e->nfirst < REPORT_REASONS_KEPT) {
		e->first[e->nfirst].line = v->line;
		e->first[e->nfirst++].reason = xstrdup(v->reason);
	}
	return 0;
}

int
report_point_end(const struct agg_point *pt)
{
	if (pt->p.freq != FREQ_Y)
		return end_month(&pt->p);
	if (pt->complete || pt->months < 1 || pt->months > 12)
		return pt->p.year * 12 + 12;
	return pt->p.year * 12 + pt->months;
}

/* The newest data, whether the window has any, and the indicators with
 * data but no value in the as-of's year. */
static void
currency(const struct summary *s, struct report *r)
{
	const struct catalog *cat = s->cat;
	int lo, hi, best = -1;
	size_t i;

	window(&s->as_of, &lo, &hi);
	r->stale = xcalloc(cat->nindicators + 1, sizeof(*r->stale));
	for (i = 0; i < cat->nindicators; i++) {
		const struct agg_series *y = &s->indicators[i].years;
		const struct agg_point *pt;
		int e;

		if (y->n == 0)
			continue;
		pt = &y->pt[y->n - 1];          /* in time order */
		e = report_point_end(pt);
		if (e > best) {
			best = e;
			r->has_newest = true;
			r->newest = *pt;
		}
		if (pt->p.year < s->as_of.year)
			r->stale[r->nstale++] = (int)i;
	}
	r->current = r->has_newest && best > lo;
}

int
report_build(struct store *st, const struct summary *s, long long last_file,
    struct report *out, struct pm_err *err)
{
	const struct catalog *cat = s->cat;
	struct store_report prev;
	struct rev_scan rs;
	struct rej_scan js;
	struct store_key_range win[4];
	size_t nwin;
	int rc;

	memset(out, 0, sizeof(*out));
	out->sum = s;
	out->last_file = last_file;
	currency(s, out);
	rc = store_report_prev(st, cat->regions[s->region].code,
	    period_key(&s->as_of), &prev, err);
	if (rc != 0 && rc != PM_ENOTFOUND)
		goto fail;
	if (rc == 0) {
		out->has_prev = true;
		if (period_from_key(prev.period, &out->prev_period) != 0)
			out->has_prev = false;
	}
	if (out->has_prev) {
		snprintf(out->prev_made_at, sizeof(out->prev_made_at), "%s",
		    prev.made_at);
		if ((rc = changes_build(st, s, prev.id, out, err)) != 0)
			goto fail;
		memset(&rs, 0, sizeof(rs));
		rs.s = s;
		rs.r = out;
		rs.prev_file = prev.last_file;
		rs.last_file = last_file;
		rs.end = end_month(&s->as_of);
		rc = store_revisions(st, prev.last_file, rev_add, &rs, err);
		if (rc != 0)
			goto fail;
		revisions_tidy(out);
	}
	memset(&js, 0, sizeof(js));
	js.r = out;
	window(&s->as_of, &js.lo, &js.hi);
	nwin = window_keys(&s->as_of, win);
	rc = store_rejects(st, last_file, win, nwin, rej_add, &js, err);
	if (rc != 0)
		goto fail;
	return 0;
fail:
	report_release(out);
	return rc;
}

static void
status_push(struct store_report_status *v, size_t *n, enum report_level lv,
    const char *code, enum progress_status status, bool has_score,
    double score)
{
	v[*n].level = level_name[lv];
	v[*n].code = code;
	v[*n].status = progress_status_code(status);
	v[*n].has_score = has_score;
	v[(*n)++].score = score;
}

int
report_record(struct store *st, const struct report *r, struct pm_err *err)
{
	const struct summary *s = r->sum;
	const struct catalog *cat = s->cat;
	struct store_report_status *v;
	size_t n = 0, i;
	int rc;

	v = xcalloc(1 + cat->nsystems + cat->nmeasures + cat->nindicators,
	    sizeof(*v));
	status_push(v, &n, REPORT_POLICY, "policy", s->overall.status,
	    s->overall.has_score, s->overall.score);
	for (i = 0; i < cat->nsystems; i++)
		status_push(v, &n, REPORT_SYSTEM, cat->systems[i].id,
		    s->systems[i].r.status, s->systems[i].r.has_score,
		    s->systems[i].r.score);
	for (i = 0; i < cat->nmeasures; i++)
		status_push(v, &n, REPORT_MEASURE, cat->measures[i].id,
		    s->measures[i].r.status, s->measures[i].r.has_score,
		    s->measures[i].r.score);
	for (i = 0; i < cat->nindicators; i++) {
		const struct progress_result *p = &s->indicators[i].progress;

		status_push(v, &n, REPORT_INDICATOR, cat->indicators[i].code,
		    p->status, p->has_score, p->score);
	}
	if ((rc = store_begin(st, err)) == 0) {
		rc = store_report_add(st, cat->regions[s->region].code,
		    period_key(&s->as_of), r->last_file, v, n, NULL, err);
		if (rc != 0)
			store_rollback(st);
	}
	free(v);
	return rc;
}

void
report_release(struct report *r)
{
	size_t i, k;

	for (i = 0; i < r->nrevisions; i++)
		free(r->revisions[i].file);
	for (i = 0; i < r->nrejects; i++) {
		free(r->rejects[i].file);
		for (k = 0; k < r->rejects[i].nfirst; k++)
			free(r->rejects[i].first[k].reason);
	}
	free(r->changes);
	free(r->stale);
	free(r->revisions);
	free(r->rejects);
	memset(r, 0, sizeof(*r));
}
