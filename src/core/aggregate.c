#include "core/aggregate.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Months 1..12 of a year; a period covers months [a, b]. Cumulative
 * (year-to-date) values are known at month ends: c[e] = sum of months
 * 1..e, c[0] = 0. */
#define NODES 13

struct span_obs {
	int a, b;               /* months covered */
	enum period_freq freq;
	char status;            /* as stored, 0 none */
	double value;
	bool has_yoy;
	double yoy;
};

struct year_data {
	int year;
	struct span_obs *direct;        /* basis "period" observations */
	size_t ndirect, direct_cap;
	bool has_c[NODES];              /* cumulative values known */
	double c[NODES];
	bool c_from_ytd[NODES];         /* ... from a ytd observation */
	bool has_c_yoy[NODES];
	double c_yoy[NODES];            /* published ytd growth */
	char c_status[NODES];           /* of a ytd observation */
	unsigned brk;                   /* bit m-1: an observation ending in
					 * month m is a break in series */
};

static void
span_of(const struct period *p, int *a, int *b)
{
	int len = 12 / period_per_year(p->freq);

	*a = p->freq == FREQ_Y ? 1 : (p->sub - 1) * len + 1;
	*b = p->freq == FREQ_Y ? 12 : p->sub * len;
}

static int
cmp_year(const void *x, const void *y)
{
	const struct year_data *a = x, *b = y;

	return (a->year > b->year) - (a->year < b->year);
}

static struct year_data *
year_get(struct year_data **yd, size_t *n, size_t *cap, int year)
{
	size_t i;

	/* Observations come in period order: the year is the last one. */
	for (i = *n; i-- > 0;)
		if ((*yd)[i].year == year)
			return &(*yd)[i];
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*yd = xreallocarray(*yd, *cap, sizeof(**yd));
	}
	memset(&(*yd)[*n], 0, sizeof(**yd));
	(*yd)[*n].year = year;
	(*yd)[*n].has_c[0] = true;      /* nothing before January */
	return &(*yd)[(*n)++];
}

static const struct year_data *
year_find(const struct year_data *yd, size_t n, int year)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (yd[i].year == year)
			return &yd[i];
	return NULL;
}

/* Flow value of months [a, b]: a path from boundary a-1 to boundary b over
 * edges that are direct observations or differences of cumulative values,
 * found breadth-first so the fewest pieces are used (an exact observation
 * is one piece). When b cannot be reached, the furthest boundary that can
 * gives the run of months from a. Returns the months covered (0: none). */
static int
flow_value(const struct year_data *y, int a, int b, double *out)
{
	int dist[NODES], queue[NODES], head = 0, tail = 0;
	double val[NODES];
	int i, k, best;

	for (i = 0; i < NODES; i++)
		dist[i] = -1;
	dist[a - 1] = 0;
	val[a - 1] = 0;
	queue[tail++] = a - 1;
	while (head < tail) {
		int u = queue[head++];

		/* Direct observations first: prefer what was published. */
		for (k = 0; k < (int)y->ndirect; k++) {
			const struct span_obs *s = &y->direct[k];
			int v = s->b;

			if (s->a - 1 != u || v > b || dist[v] >= 0)
				continue;
			dist[v] = dist[u] + 1;
			val[v] = val[u] + s->value;
			queue[tail++] = v;
		}
		if (!y->has_c[u])
			continue;
		for (i = u + 1; i <= b; i++) {
			if (!y->has_c[i] || dist[i] >= 0)
				continue;
			dist[i] = dist[u] + 1;
			val[i] = val[u] + (y->c[i] - y->c[u]);
			queue[tail++] = i;
		}
	}
	for (best = b; best >= a && dist[best] < 0; best--)
		;
	if (best < a)
		return 0;
	*out = val[best];
	return best - (a - 1);
}

/* Months [a, b] of a flow when b cannot be reached from a: the most months
 * that non-overlapping pieces inside the period cover (direct observations
 * and differences of cumulative values), their sum, and which months they
 * are (bit m-1 for month m). A missing first month or one in the middle
 * leaves the others counted. Returns the months covered (0: none). */
static int
flow_partial(const struct year_data *y, int a, int b, double *out,
    unsigned *months)
{
	int best[NODES];
	double val[NODES];
	unsigned mask[NODES];
	int x, u;
	size_t k;

	best[a - 1] = 0;
	val[a - 1] = 0;
	mask[a - 1] = 0;
	for (x = a; x <= b; x++) {
		best[x] = best[x - 1];
		val[x] = val[x - 1];
		mask[x] = mask[x - 1];
		for (k = 0; k < y->ndirect; k++) {
			const struct span_obs *s = &y->direct[k];

			u = s->a - 1;
			if (s->b == x && s->a >= a &&
			    best[u] + (x - u) > best[x]) {
				best[x] = best[u] + (x - u);
				val[x] = val[u] + s->value;
				mask[x] = mask[u] | (((1u << (x - u)) - 1) << u);
			}
		}
		if (!y->has_c[x])
			continue;
		for (u = a - 1; u < x; u++)
			if (y->has_c[u] && best[u] + (x - u) > best[x]) {
				best[x] = best[u] + (x - u);
				val[x] = val[u] + (y->c[x] - y->c[u]);
				mask[x] = mask[u] | (((1u << (x - u)) - 1) << u);
			}
	}
	if (best[b] > 0) {
		*out = val[b];
		*months = mask[b];
	}
	return best[b];
}

/* The next run of months set in 'months' (bit m-1 for month m) from *m
 * on: months *m..*r. False when there is none. */
static bool
next_run(unsigned months, int *m, int *r)
{
	while (*m <= 12 && !(months & (1u << (*m - 1))))
		(*m)++;
	if (*m > 12)
		return false;
	for (*r = *m; *r < 12 && (months & (1u << *r)); (*r)++)
		;
	return true;
}

/* The same months of another year (runs of the mask), when that year has
 * every one of them. */
static bool
flow_same_months(const struct year_data *y, unsigned months, double *out)
{
	double sum = 0, v;
	int m, r;

	if (months == 0)
		return false;
	for (m = 1; next_run(months, &m, &r); m = r + 1) {
		if (flow_value(y, m, r, &v) != r - m + 1)
			return false;
		sum += v;
	}
	*out = sum;
	return true;
}

/* A period no piece starts at, but that ends where a cumulative value is
 * known: the January-February release. Its value covers earlier months
 * too (from the latest known cumulative boundary before the period).
 * Returns the months covered, more than the period's (0: none). */
static int
flow_combined(const struct year_data *y, int a, int b, double *out)
{
	int s;

	/* Only year-to-date releases combine months: a yearly or
	 * half-yearly value is not a December or June figure. */
	if (!y->has_c[b] || !y->c_from_ytd[b])
		return 0;
	for (s = a - 2; s >= 0; s--)
		if (y->has_c[s] && (s == 0 || y->c_from_ytd[s])) {
			*out = y->c[b] - y->c[s];
			return b - s;
		}
	return 0;
}

/* Stock value of months [a, b]: the observation at the latest month end
 * inside the period. Returns that month (0: none). */
static int
stock_value(const struct year_data *y, int a, int b, const struct span_obs **o)
{
	int best = 0;
	size_t k;

	*o = NULL;
	for (k = 0; k < y->ndirect; k++) {
		const struct span_obs *s = &y->direct[k];

		if (s->b < a || s->b > b || s->b < best)
			continue;
		/* Same month end: the finest observation wins. */
		if (s->b == best && *o && (*o)->freq >= s->freq)
			continue;
		best = s->b;
		*o = s;
	}
	return best;
}

/* Rate value of months [a, b]: an exact observation, else the mean over
 * the months of non-overlapping observations inside the period that cover
 * the most months (the fewest observations among equals: a published
 * half-year over its quarters), each weighing its months (a quarter, then
 * months: each month weighs one). Complete when every month is covered;
 * *mask says which are (bit m-1 for month m). Returns the months covered. */
static int
rate_value(const struct year_data *y, int a, int b, double *out,
    bool *complete, const struct span_obs **exact, unsigned *mask)
{
	int cover[NODES], pieces[NODES], x;
	double sum[NODES];
	unsigned m[NODES];
	size_t k;

	*exact = NULL;
	for (k = 0; k < y->ndirect; k++)
		if (y->direct[k].a == a && y->direct[k].b == b) {
			*exact = &y->direct[k];
			*out = y->direct[k].value;
			*complete = true;
			*mask = ((1u << (b - a + 1)) - 1) << (a - 1);
			return b - a + 1;
		}
	cover[a - 1] = pieces[a - 1] = 0;
	sum[a - 1] = 0;
	m[a - 1] = 0;
	for (x = a; x <= b; x++) {
		cover[x] = cover[x - 1];
		pieces[x] = pieces[x - 1];
		sum[x] = sum[x - 1];
		m[x] = m[x - 1];
		for (k = 0; k < y->ndirect; k++) {
			const struct span_obs *s = &y->direct[k];
			int u = s->a - 1, len = s->b - s->a + 1;

			if (s->b != x || s->a < a)
				continue;
			if (cover[u] + len > cover[x] ||
			    (cover[u] + len == cover[x] &&
			    pieces[u] + 1 < pieces[x])) {
				cover[x] = cover[u] + len;
				pieces[x] = pieces[u] + 1;
				sum[x] = sum[u] + s->value * len;
				m[x] = m[u] | (((1u << len) - 1) << u);
			}
		}
	}
	if (cover[b] == 0)
		return 0;
	*out = sum[b] / cover[b];
	*complete = cover[b] == b - a + 1;
	*mask = m[b];
	return cover[b];
}

/* A rate over the same months of another year (runs of the mask), when
 * that year has every one of them. */
static bool
rate_same_months(const struct year_data *y, unsigned months, double *out)
{
	double sum = 0, v;
	const struct span_obs *o;
	unsigned got;
	int m, r, n = 0;
	bool complete;

	for (m = 1; next_run(months, &m, &r); m = r + 1) {
		if (rate_value(y, m, r, &v, &complete, &o, &got) == 0 ||
		    !complete)
			return false;
		sum += v * (r - m + 1);
		n += r - m + 1;
	}
	if (n == 0)
		return false;
	*out = sum / n;
	return true;
}

static bool
after(const struct period *p, const struct period *as_of)
{
	int a, b, aa, ab;

	span_of(p, &a, &b);
	span_of(as_of, &aa, &ab);
	return p->year > as_of->year || (p->year == as_of->year && b > ab);
}

static void
collect(const struct obs *obs, size_t n, const struct period *as_of,
    struct year_data **yd, size_t *nyd)
{
	size_t i, cap = 0;      /* *yd comes empty (NULL, 0) */

	for (i = 0; i < n; i++) {
		struct period p;
		struct year_data *y;
		int a, b;

		if (period_from_key(obs[i].period, &p) != 0)
			continue;
		if (as_of && after(&p, as_of))
			continue;
		span_of(&p, &a, &b);
		y = year_get(yd, nyd, &cap, p.year);
		if (obs[i].status == 'B')
			y->brk |= 1u << (b - 1);
		if (obs[i].ytd) {
			y->has_c[b] = true;
			y->c[b] = obs[i].value;
			y->c_from_ytd[b] = true;
			y->c_status[b] = obs[i].status;
			y->has_c_yoy[b] = obs[i].has_yoy;
			y->c_yoy[b] = obs[i].yoy;
			continue;
		}
		if (y->ndirect == y->direct_cap) {
			y->direct_cap = y->direct_cap ? 2 * y->direct_cap : 16;
			y->direct = xreallocarray(y->direct, y->direct_cap,
			    sizeof(*y->direct));
		}
		y->direct[y->ndirect].a = a;
		y->direct[y->ndirect].b = b;
		y->direct[y->ndirect].freq = p.freq;
		y->direct[y->ndirect].status = obs[i].status;
		y->direct[y->ndirect].value = obs[i].value;
		y->direct[y->ndirect].has_yoy = obs[i].has_yoy;
		y->direct[y->ndirect].yoy = obs[i].yoy;
		y->ndirect++;
	}
	/* A direct value from January is a cumulative value too, unless a
	 * ytd observation already says it. */
	for (i = 0; i < *nyd; i++) {
		struct year_data *y = &(*yd)[i];
		size_t k;

		for (k = 0; k < y->ndirect; k++)
			if (y->direct[k].a == 1 && !y->has_c[y->direct[k].b]) {
				y->has_c[y->direct[k].b] = true;
				y->c[y->direct[k].b] = y->direct[k].value;
			}
	}
	if (*nyd > 1)
		qsort(*yd, *nyd, sizeof(**yd), cmp_year);
}

/* Growth from base to v, percent; false when it is not a finite number
 * (a base of 1e-300 and a value of 1e300). */
static bool
growth_pct(double v, double base, double *out)
{
	double g;

	if (base == 0)
		return false;
	g = (v / base - 1) * 100;
	if (!isfinite(g))
		return false;
	*out = g;
	return true;
}

/* The point's year-on-year figures against 'base': the change in the
 * unit, and the growth in percent when it is a finite number. */
static void
set_yoy(struct agg_point *pt, double base)
{
	pt->has_chg = isfinite(pt->value - base);
	pt->chg = pt->value - base;
	pt->has_yoy = growth_pct(pt->value, base, &pt->yoy);
}

/* A rate or share published only year to date (the physical-goods share
 * of retail sales, 1-N月): the value of the latest month of [a, b] that
 * has one, as published, labelled year to date; complete when it reaches
 * b (a year when it is December's). False when there is none. */
static bool
rate_ytd(const struct year_data *y, const struct year_data *py, int a, int b,
    struct agg_point *pt)
{
	int m;

	for (m = b; m >= a; m--)
		if (y->has_c[m] && y->c_from_ytd[m])
			break;
	if (m < a)
		return false;
	pt->value = y->c[m];
	pt->ytd = true;
	pt->complete = m == b;
	pt->months = m;
	pt->mask = (1u << m) - 1;
	if (y->has_c_yoy[m]) {
		pt->has_yoy_pub = true;
		pt->yoy_pub = y->c_yoy[m];
	}
	if (!pt->complete && py && py->has_c[m] && py->c_from_ytd[m])
		set_yoy(pt, py->c[m]);
	return true;
}

/* The growth of months s+1..b when that span is the difference of two
 * year-to-date releases that both carry a published growth: last year's
 * comparable ytd levels are c / (1 + g/100) at both ends (a restated base
 * cancels out), so the growth is compared like with like. Percent; false
 * when the data do not allow it. */
static bool
ytd_derived_growth(const struct year_data *y, int s, int b, double *out)
{
	double cur, prev, g;

	if (s <= 0 || s >= b || !y->has_c[s] || !y->has_c[b] ||
	    !y->c_from_ytd[s] || !y->c_from_ytd[b] || !y->has_c_yoy[s] ||
	    !y->has_c_yoy[b] || y->c_yoy[s] <= -100 || y->c_yoy[b] <= -100)
		return false;
	cur = y->c[b] - y->c[s];
	prev = y->c[b] / (1 + y->c_yoy[b] / 100) -
	    y->c[s] / (1 + y->c_yoy[s] / 100);
	if (prev == 0)
		return false;
	g = (cur / prev - 1) * 100;
	if (!isfinite(g))
		return false;
	*out = g;
	return true;
}

/* One period of the series; false when there is nothing for it. */
static bool
build_value(const struct year_data *yd, size_t nyd, const struct year_data *y,
    enum ind_kind kind, const struct period *p, struct agg_point *pt)
{
	const struct year_data *py = year_find(yd, nyd, y->year - 1);
	const struct span_obs *o;
	int a, b, m, lead;
	unsigned covered, mask = 0;
	size_t k;
	double v = 0;

	memset(pt, 0, sizeof(*pt));
	pt->p = *p;
	span_of(p, &a, &b);
	pt->brk = (y->brk & (((1u << (b - a + 1)) - 1) << (a - 1))) != 0;
	switch (kind) {
	case KIND_FLOW:
		lead = flow_value(y, a, b, &pt->value);
		m = lead;
		covered = lead ? ((1u << lead) - 1) << (a - 1) : 0;
		if (lead < b - a + 1 &&
		    (m = flow_partial(y, a, b, &v, &mask)) > lead) {
			pt->value = v;          /* more months than the run */
			covered = mask;
		} else {
			m = lead;
		}
		if (m == 0) {
			if ((m = flow_combined(y, a, b, &pt->value)) == 0)
				return false;
			pt->months = m;
			pt->mask = ((1u << m) - 1) << (b - m);
			pt->complete = true;
			pt->combined = true;
			if (y->has_c_yoy[b] && b == m) {
				pt->has_yoy_pub = true;
				pt->yoy_pub = y->c_yoy[b];
			} else if (ytd_derived_growth(y, b - m, b, &v)) {
				pt->has_yoy_pub = true;
				pt->yoy_pub_derived = true;
				pt->yoy_pub = v;
			}
			return true;
		}
		pt->months = m;
		pt->mask = covered;
		pt->complete = m == b - a + 1;
		if (a == 1 && m == lead && y->has_c_yoy[a - 1 + m]) {
			pt->has_yoy_pub = true;
			pt->yoy_pub = y->c_yoy[a - 1 + m];
		} else if (pt->complete && y->has_c[a - 1] && y->has_c[b] &&
		    fabs(pt->value - (y->c[b] - y->c[a - 1])) <=
		    1e-9 * fmax(fabs(pt->value), 1) &&
		    ytd_derived_growth(y, a - 1, b, &v)) {
			/* A month or quarter by differencing ytd releases. */
			pt->has_yoy_pub = true;
			pt->yoy_pub_derived = true;
			pt->yoy_pub = v;
		}
		for (k = 0; k < y->ndirect; k++)
			if (y->direct[k].a == a && y->direct[k].b == b &&
			    y->direct[k].has_yoy) {
				pt->has_yoy_pub = true;
				pt->yoy_pub_derived = false;
				pt->yoy_pub = y->direct[k].yoy;
			}
		/* A partial period compares with the same months a year
		 * before, as year-to-date releases do. */
		if (!pt->complete && py && flow_same_months(py, covered, &v))
			set_yoy(pt, v);
		return true;
	case KIND_STOCK:
		if ((m = stock_value(y, a, b, &o)) == 0)
			return false;
		pt->value = o->value;
		pt->complete = m == b;
		pt->at_end = !pt->complete;
		pt->months = m - a + 1;
		pt->mask = ((1u << (m - a + 1)) - 1) << (a - 1);
		if (o->has_yoy) {
			pt->has_yoy_pub = true;
			pt->yoy_pub = o->yoy;
		}
		if (!pt->complete && py) {
			const struct span_obs *po;

			if (stock_value(py, a, m, &po) == m)
				set_yoy(pt, po->value);
		}
		return true;
	default:
		m = rate_value(y, a, b, &pt->value, &pt->complete, &o, &mask);
		if ((m == 0 || !pt->complete) && rate_ytd(y, py, a, b, pt))
			return true;
		if (m == 0)
			return false;
		pt->months = m;
		pt->mask = mask;
		if (!pt->complete && py && rate_same_months(py, mask, &v))
			set_yoy(pt, v);
		if (o && o->has_yoy) {
			pt->has_yoy_pub = true;
			pt->yoy_pub = o->yoy;
		}
		return true;
	}
}

/* build_value(), and the status of the observation the point shows as
 * it was stored, when it is one (not a sum, mean or difference). */
static bool
build_point(const struct year_data *yd, size_t nyd, const struct year_data *y,
    enum ind_kind kind, const struct period *p, struct agg_point *pt)
{
	int a, b, m;
	size_t k;

	if (!build_value(yd, nyd, y, kind, p, pt))
		return false;
	span_of(p, &a, &b);
	for (k = 0; k < y->ndirect; k++)
		if (y->direct[k].a == a && y->direct[k].b == b &&
		    y->direct[k].value == pt->value)
			pt->status = y->direct[k].status;
	m = pt->ytd ? pt->months : b;
	if (pt->status == 0 && (a == 1 || pt->ytd) && m >= 1 && m < NODES &&
	    y->c_from_ytd[m] && y->c[m] == pt->value)
		pt->status = y->c_status[m];
	return true;
}

/* yoy and period-on-period of complete points, from the series itself. */
static void
growth(struct agg_series *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		struct agg_point *pt = &s->pt[i];

		pt->has_pop = false;
		if (!pt->complete)
			goto mismatch;
		pt->has_yoy = pt->has_chg = false;
		for (j = 0; j < i; j++) {
			const struct agg_point *q = &s->pt[j];

			/* Like for like: a combined Jan-Feb value compares
			 * with a combined one only. */
			if (q->p.year == pt->p.year - 1 && q->p.sub == pt->p.sub &&
			    q->complete && q->months == pt->months)
				set_yoy(pt, q->value);
		}
		if (i > 0) {
			const struct agg_point *q = &s->pt[i - 1];
			int per = period_per_year(s->freq);
			int gap = (pt->p.year - q->p.year) * per +
			    (pt->p.sub - q->p.sub);

			if (gap == 1 && q->complete && !pt->combined &&
			    !q->combined && !pt->ytd && !q->ytd)
				pt->has_pop = growth_pct(pt->value, q->value,
				    &pt->pop);
		}
mismatch:
		pt->yoy_mismatch = pt->has_yoy && pt->has_yoy_pub &&
		    fabs(pt->yoy - pt->yoy_pub) > AGG_YOY_TOLERANCE + 1e-9;
	}
}

#ifndef NDEBUG
/* What agg_series promises its readers (growth() and every renderer rely
 * on it): points in time order, one per period, months of one year, the
 * decimals within their bound. */
static bool
series_ok(const struct agg_series *s)
{
	size_t i;

	if (s->decimals < 0 || s->decimals > AGG_MAX_DECIMALS)
		return false;
	for (i = 0; i < s->n; i++) {
		if (s->pt[i].months < 0 || s->pt[i].months > 12)
			return false;
		if (i > 0 && period_key(&s->pt[i - 1].p) >=
		    period_key(&s->pt[i].p))
			return false;
	}
	return true;
}
#endif

void
agg_build(const struct obs *obs, size_t n, enum ind_kind kind,
    enum period_freq freq, const struct period *as_of, struct agg_series *out)
{
	struct year_data *yd = NULL;
	size_t nyd = 0, i;
	int sub, per = period_per_year(freq);

	agg_series_release(out);
	out->freq = freq;
	out->decimals = 0;
	for (i = 0; i < n; i++) {
		int d = num_decimals(obs[i].value, AGG_MAX_DECIMALS);

		if (d > out->decimals)
			out->decimals = d;
	}
	collect(obs, n, as_of, &yd, &nyd);
	for (i = 0; i < nyd; i++) {
		for (sub = freq == FREQ_Y ? 0 : 1;
		    sub <= (freq == FREQ_Y ? 0 : per); sub++) {
			struct period p = { freq, yd[i].year, sub };
			struct agg_point pt;

			if (!build_point(yd, nyd, &yd[i], kind, &p, &pt))
				continue;
			out->pt = xreallocarray(out->pt, out->n + 1,
			    sizeof(*out->pt));
			out->pt[out->n++] = pt;
		}
	}
	growth(out);
	assert(series_ok(out));
	for (i = 0; i < nyd; i++)
		free(yd[i].direct);
	free(yd);
}

void
agg_series_release(struct agg_series *s)
{
	free(s->pt);
	s->pt = NULL;
	s->n = 0;
}

static const struct agg_point *
point_at(const struct agg_series *s, const struct period *p)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (period_equal(&s->pt[i].p, p))
			return &s->pt[i];
	return NULL;
}

static int
cmp_point(const void *x, const void *y)
{
	int a = period_key(&((const struct agg_point *)x)->p);
	int b = period_key(&((const struct agg_point *)y)->p);

	return (a > b) - (a < b);
}

void
agg_region_rollup(struct agg_series *parent,
    const struct agg_series *children, size_t nchildren, enum ind_kind kind,
    struct agg_check **checks, size_t *nchecks)
{
	size_t i, c;

	if (nchildren == 0 || kind == KIND_RATE)
		return;
	/* Every period of the first child is a candidate: a period missing
	 * from it cannot have every child. */
	for (i = 0; i < children[0].n; i++) {
		const struct agg_point *first = &children[0].pt[i];
		const struct period *p = &first->p;
		struct agg_point *own = NULL;
		bool all_complete = true, all_chg = true;
		double sum = 0, base = 0;
		size_t k;

		for (c = 0; c < nchildren; c++) {
			const struct agg_point *q = point_at(&children[c], p);

			/* Only like with like: a combined Jan-Feb is not a
			 * February. */
			if (q == NULL || q->combined != first->combined)
				break;
			if (!q->complete || q->months != first->months)
				all_complete = false;
			/* Incomplete: a sum only of the same months in every
			 * child (levels of one date, flows of one span). */
			if (!all_complete && q->mask != first->mask)
				break;
			sum += q->value;
			if (q->has_chg)
				base += q->value - q->chg;
			else
				all_chg = false;
		}
		if (c < nchildren)
			continue;
		for (k = 0; k < parent->n; k++)
			if (period_equal(&parent->pt[k].p, p))
				own = &parent->pt[k];
		/* A sum beyond double's range is no figure: said as a check
		 * of its own (children not finite), never shown as one. */
		if (!isfinite(sum)) {
			*checks = xreallocarray(*checks, *nchecks + 1,
			    sizeof(**checks));
			(*checks)[*nchecks].p = *p;
			(*checks)[*nchecks].own = own ? own->value : NAN;
			(*checks)[*nchecks].children = sum;
			(*nchecks)++;
			continue;
		}
		/* A sum short of the period (some child lacks months) only
		 * where the region has nothing of its own; a whole one also
		 * replaces an incomplete own value. */
		if (own && (!all_complete || own->complete)) {
			/* Sums of decimals carry binary noise (0.1 + 0.2 +
			 * 0.4 is not 0.7): a difference that small is none. */
			if (all_complete && fabs(own->value - sum) >
			    1e-9 * fmax(fabs(own->value), fabs(sum))) {
				*checks = xreallocarray(*checks, *nchecks + 1,
				    sizeof(**checks));
				(*checks)[*nchecks].p = *p;
				(*checks)[*nchecks].own = own->value;
				(*checks)[*nchecks].children = sum;
				(*nchecks)++;
			}
			continue;
		}
		if (own == NULL) {
			parent->pt = xreallocarray(parent->pt, parent->n + 1,
			    sizeof(*parent->pt));
			own = &parent->pt[parent->n++];
		}
		/* A sum carries the precision of its parts. */
		for (c = 0; c < nchildren; c++)
			if (children[c].decimals > parent->decimals)
				parent->decimals = children[c].decimals;
		memset(own, 0, sizeof(*own));
		own->p = *p;
		own->value = sum;
		own->complete = all_complete;
		own->derived = true;
		own->months = first->months;
		own->mask = first->mask;
		own->combined = first->combined;
		/* Incomplete: the same months a year before, each child's
		 * value then, summed. */
		if (!all_complete && all_chg)
			set_yoy(own, base);
	}
	if (parent->n > 1)
		qsort(parent->pt, parent->n, sizeof(*parent->pt),
		    cmp_point);
	growth(parent);
	assert(series_ok(parent));
}

enum agg_yoy_source
agg_yoy(const struct agg_point *pt, double *yoy)
{
	if (pt->has_yoy_pub) {
		*yoy = pt->yoy_pub;
		return pt->yoy_pub_derived ? AGG_YOY_DERIVED :
		    AGG_YOY_PUBLISHED;
	}
	if (pt->has_yoy) {
		*yoy = pt->yoy;
		return AGG_YOY_LEVELS;
	}
	return AGG_YOY_NONE;
}

const char *
agg_yoy_source_name(enum agg_yoy_source s)
{
	switch (s) {
	case AGG_YOY_PUBLISHED:
		return "published";
	case AGG_YOY_DERIVED:
		return "derived";
	case AGG_YOY_LEVELS:
		return "levels";
	default:
		return "none";
	}
}

bool
agg_leading_run(const struct agg_point *pt)
{
	int a, b;

	span_of(&pt->p, &a, &b);
	(void)b;
	return pt->months > 0 && pt->mask ==
	    ((1u << pt->months) - 1) << (a - 1);
}

bool
agg_cagr(double a, double b, int ta, int tb, double *out)
{
	if (tb <= ta || a == 0 || (a < 0) != (b < 0))
		return false;
	*out = pow(b / a, 1.0 / (tb - ta)) - 1;
	return isfinite(*out);
}

void
agg_trend(const int *years, const double *values, size_t n, bool has_target,
    double target, struct agg_trend *out)
{
	double mt = 0, my = 0, sxx = 0, sxy = 0, t;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (n < 2)
		return;
	out->exponential = true;
	for (i = 0; i < n; i++)
		if (!(values[i] > 0))
			out->exponential = false;
	for (i = 0; i < n; i++) {
		mt += years[i];
		my += out->exponential ? log(values[i]) : values[i];
	}
	mt /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		double dx = years[i] - mt;
		double dy = (out->exponential ? log(values[i]) : values[i]) - my;

		sxx += dx * dx;
		sxy += dx * dy;
	}
	if (sxx == 0)
		return;
	out->ok = true;
	out->b = sxy / sxx;
	out->a = my - out->b * mt;
	out->growth = out->exponential ? exp(out->b) - 1 : out->b;
	if (!has_target || out->b == 0)
		return;
	if (out->exponential) {
		if (!(target > 0))
			return;
		t = (log(target) - out->a) / out->b;
	} else {
		t = (target - out->a) / out->b;
	}
	/* A projection looks forward: a trend that met the target in the
	 * past, or moves away from it, reaches nothing. */
	if (isfinite(t) && t >= years[n - 1]) {
		out->reaches = true;
		out->reach_year = t;
	}
}

double
agg_trend_at(const struct agg_trend *t, double year)
{
	double v = t->a + t->b * year;

	return t->exponential ? exp(v) : v;
}
