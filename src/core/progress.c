/* core/progress.c - the progress method (see progress.h and
 * the design notes' progress-method.md), checked against sdg-build's
 * sdg/ProgressMeasure.py. Where the two differ this file follows
 * progress-method.md and says so in a comment marked "sdg-build:".
 *
 * Floating point. The method's lower bounds are inclusive, but P is the
 * result of a division, pow() and a subtraction of 1, so a P that is
 * exactly on a threshold on paper is often one or two units in the last
 * place below it in binary: 1000 -> 1005 in one year is a growth of 0.005
 * exactly, but 1005.0 / 1000.0 - 1 is 0.0049999999999998934, which a
 * plain >= would call limited progress (sdg-build does). So a value
 * within one part in 10^9 of a threshold is taken as on it (snap()),
 * before both the status and the score are worked out, so that the two
 * always agree. Rounding in P is around 1e-16 relative; published data
 * carry far fewer digits than 9, so the tolerance moves no real case.
 */
#include "core/progress.h"

#include <math.h>

#include "util/banned.h"

#define REL_EPS 1e-9            /* snap(): relative tolerance */
#define SCORE_EPS 1e-9          /* roll-up bands: scores are on a fixed
				 * [-5, 5] scale, so absolute */
#define ZERO_STANDIN 0.001      /* replaces a base value or target of 0 */
#define SCORE_MAX 5.0
#define SCORE_MIN -5.0

void
progress_config_default(struct progress_config *c)
{
	c->ratio_high = 0.95;
	c->ratio_mid = 0.60;
	c->cagr_high = 0.015;
	c->cagr_mid = 0.005;
	c->limit_exponent = 4.44;
	c->default_base_year = 2015;
	c->default_target_year = 2030;
}

/* x, or t when x is within REL_EPS * |t| of t (see the top of the file).
 * A threshold of 0 gets no tolerance: P is exactly 0 only when y_i equals
 * y_0, and pow(1, e) - 1 is exactly 0. */
static double
snap(double x, double t)
{
	if (fabs(x - t) <= REL_EPS * fabs(t))
		return t;
	return x;
}

static double
cagr(double from, double to, int years)
{
	return pow(to / from, 1.0 / years) - 1.0;
}

/* The limit factor C: thresholds are scaled by it near a natural limit.
 * sdg-build: same three branches, tested in this order (so b = L = 0 gives
 * 1, not 0/0); it takes b from the base value before the 0 -> 0.001
 * replacement, we after it, as progress-method.md lists the replacement
 * among the guards, before the formulas. The difference is only for a
 * base of 0: 1 - (0.001 / L)^a instead of 1. open-sdg's methodology page
 * also says only a limit in the desired direction counts; neither sdg-build
 * nor progress-method.md looks at the direction here (we warn instead). */
static double
limit_factor(double base, double limit, double a)
{
	double b = fabs(base), l = fabs(limit);

	if (b >= 2.0 * l)
		return 1.0;
	if (b <= l)
		return 1.0 - pow(b / l, a);
	return 1.0 - pow((2.0 * l - b) / l, a);
}

/* Status and score from P with a target (P is a ratio of growth rates). */
static void
judge_ratio(double p, const struct progress_config *c,
    struct progress_result *out)
{
	p = snap(snap(p, c->ratio_high), c->ratio_mid);
	if (p >= c->ratio_high)
		out->status = PROGRESS_SUBSTANTIAL;
	else if (p >= c->ratio_mid)
		out->status = PROGRESS_MODERATE;
	else if (p >= 0.0)
		out->status = PROGRESS_LIMITED;
	else
		out->status = PROGRESS_DETERIORATION;
	/* The published constants are rounded (7.1429 for 5 / 0.7, 4.1667 for
	 * 2.5 / 0.6), so a score at P = 0.95 is 2.500055, at P = 0.6 it is
	 * 0.00004 and just below 0.6 it is about 0.00002: still in the right
	 * roll-up bands, but only just. */
	if (p >= c->ratio_mid)
		out->score = fmin(7.1429 * p - 4.2857, SCORE_MAX);
	else
		out->score = fmax(4.1667 * p - 2.5, SCORE_MIN);
	out->has_score = true;
}

/* Status and score from P without a target (P is a signed CAGR). The
 * method compares P with the thresholds times C; we compare v = P / C with
 * the thresholds, the same thing for C > 0, because the score is a
 * function of v: snapping v makes a P on a scaled threshold score exactly
 * the band edge (2.5 or 0). */
static void
judge_cagr(double p, double cf, const struct progress_config *c,
    struct progress_result *out)
{
	double v;

	out->has_score = true;
	if (p < 0.0) {
		out->status = PROGRESS_DETERIORATION;
		out->score = fmax(125.0 * p - 2.5, SCORE_MIN);  /* P, not v */
		return;
	}
	if (cf == 0.0) {
		/* Base value on the limit: every scaled threshold is 0, and
		 * holding the limit is on track. */
		out->status = PROGRESS_SUBSTANTIAL;
		out->score = SCORE_MAX;
		return;
	}
	v = snap(snap(p / cf, c->cagr_high), c->cagr_mid);
	if (v >= c->cagr_high) {
		out->status = PROGRESS_SUBSTANTIAL;
		out->score = fmin(500.0 * v - 5.0, SCORE_MAX);
	} else if (v >= c->cagr_mid) {
		out->status = PROGRESS_MODERATE;
		out->score = 250.0 * v - 1.25;
	} else {
		out->status = PROGRESS_LIMITED;
		out->score = 500.0 * v - 2.5;
	}
}

/* The two points. The current point is the latest year with a value; the
 * base point the first year at or after base_year with a value, which is
 * never after the current point. Scanning the whole array costs nothing
 * and does not lean on the order of the years. */
static void
find_points(const struct progress_input *in, int base_year,
    struct progress_result *out)
{
	size_t i, ib = 0, ic = 0;
	bool base = false, cur = false;

	for (i = 0; i < in->n; i++) {
		if (!isfinite(in->values[i]))
			continue;
		if (!cur || in->years[i] > in->years[ic]) {
			ic = i;
			cur = true;
		}
		if (in->years[i] >= base_year &&
		    (!base || in->years[i] < in->years[ib])) {
			ib = i;
			base = true;
		}
	}
	out->base_year = base_year;
	if (cur) {
		out->has_current = true;
		out->current_year = in->years[ic];
		out->current_value = in->values[ic];
	}
	if (base) {
		out->has_points = true;
		out->base_year = in->years[ib];
		out->base_value = in->values[ib];
	}
}

/* The value of year 'y' in the input, or of the first year after it
 * with one (up to 'last'); false when none. */
static bool
value_from(const struct progress_input *in, int y, int last, int *year,
    double *v)
{
	size_t i;
	bool found = false;

	for (i = 0; i < in->n; i++)
		if (isfinite(in->values[i]) && in->years[i] >= y &&
		    in->years[i] <= last && (!found || in->years[i] < *year)) {
			*year = in->years[i];
			*v = in->values[i];
			found = true;
		}
	return found;
}

/* The extensions to the two points: the plan's own base, a break in
 * series after the base, and whether the base moved for want of data. */
static void
extend_points(const struct progress_input *in, int base_year,
    struct progress_result *out)
{
	int brk = 0, y = 0;
	double v = 0;
	size_t i;

	if (in->has_base_value && out->has_current &&
	    base_year <= out->current_year) {
		/* The stored base-year value is only compared. */
		if (out->has_points && out->base_year == base_year &&
		    fabs(out->base_value - in->base_value) >
		    REL_EPS * fmax(fabs(in->base_value), 1e-300)) {
			out->base_differs = true;
			out->stored_base = out->base_value;
		}
		out->has_points = true;
		out->base_year = base_year;
		out->base_value = in->base_value;
		out->base_from_plan = true;
	} else if (out->has_points && out->base_year > base_year) {
		out->base_moved = true;
	}
	if (!out->has_points)
		return;
	/* The latest break after t_0, up to t_i, ends the comparable
	 * stretch before it. */
	for (i = 0; i < in->nbreaks; i++)
		if (in->breaks[i] > out->base_year &&
		    in->breaks[i] <= out->current_year && in->breaks[i] > brk)
			brk = in->breaks[i];
	if (brk && value_from(in, brk, out->current_year, &y, &v)) {
		out->base_at_break = true;
		out->base_from_plan = false;
		out->base_moved = false;
		out->base_year = y;
		out->base_value = v;
	}
}

/* g_a from the published yearly growths of t_0+1..t_i (the geometric
 * mean of 1 + g), when every one of those years has one. */
static bool
published_growth(const struct progress_input *in, struct progress_result *out)
{
	double prod = 1;
	int y, span = out->current_year - out->base_year;
	size_t i;

	if (!in->use_published)
		return false;
	for (y = out->base_year + 1; y <= out->current_year; y++) {
		for (i = 0; i < in->n; i++)
			if (in->years[i] == y && in->published &&
			    isfinite(in->published[i]))
				break;
		if (i == in->n) {
			out->published_missing = true;
			return false;
		}
		prod *= 1 + in->published[i] / 100;
	}
	if (span < 1 || !(prod > 0))
		return false;
	out->actual_growth = pow(prod, 1.0 / span) - 1;
	out->growth_published = true;
	return true;
}

void
progress_compute(const struct progress_input *in,
    const struct progress_config *c, struct progress_result *out)
{
	int d = in->direction < 0 ? -1 : 1;
	int base_year = in->base_year ? in->base_year : c->default_base_year;
	double y0, yi, t, p, cf = 1.0;
	bool achieved = false;

	*out = (struct progress_result){ 0 };
	out->status = PROGRESS_NOT_AVAILABLE;
	out->sign = 1;
	out->limit_factor = 1.0;
	out->target_year = in->target_year ? in->target_year :
	    c->default_target_year;
	if (in->has_target) {
		out->has_target = true;
		out->target = in->target;
		if (in->target == 0.0) {
			out->target = ZERO_STANDIN;
			out->warnings |= PROGRESS_WARN_ZERO_TARGET;
		}
		if (in->has_limit)
			out->warnings |= PROGRESS_WARN_LIMIT_IGNORED;
	}
	find_points(in, base_year, out);
	out->base_year_asked = base_year;
	extend_points(in, base_year, out);
	t = out->target;
	yi = out->current_value;

	/* Target achieved looks at the latest value only, against T after
	 * 0 -> 0.001 (as sdg-build, which replaces the target first). It
	 * overrides the status even when a guard leaves P undefined (a
	 * single year, opposite signs): the method says it overrides, and
	 * sdg-build does the same. */
	if (out->has_target && out->has_current)
		achieved = d > 0 ? yi >= t : yi <= t;

	if (out->has_points) {
		if (out->base_value == 0.0) {
			out->base_value = ZERO_STANDIN;
			out->warnings |= PROGRESS_WARN_ZERO_BASE;
		}
		y0 = out->base_value;
		out->sign = y0 < 0.0 ? -1 : 1;
		if (!out->has_target && in->has_limit) {
			cf = limit_factor(y0, in->limit, c->limit_exponent);
			out->limit_factor = cf;
			/* sdg-build warns the same way, on signed values. */
			if ((d > 0 && y0 > in->limit) ||
			    (d < 0 && y0 < in->limit))
				out->warnings |= PROGRESS_WARN_BEYOND_LIMIT;
		}
	}

	/* Guards: no data or t_0 > t_i (no base point), a single year,
	 * opposite signs. y_i = 0 is not of the opposite sign (sdg-build
	 * agrees); the growth is then -100%. */
	if (!out->has_points || out->current_year - out->base_year < 1 ||
	    (out->base_value > 0.0 && yi < 0.0) ||
	    (out->base_value < 0.0 && yi > 0.0))
		goto out;

	y0 = out->base_value;
	if (!published_growth(in, out))
		out->actual_growth = cagr(y0, yi,
		    out->current_year - out->base_year);
	out->has_actual = isfinite(out->actual_growth);
	if (!out->has_actual) {
		out->actual_growth = 0.0;
		goto out;
	}

	if (!out->has_target && in->has_aim && in->aim != 0.0 &&
	    isfinite(in->aim)) {
		/* A growth rate the policy asks for is the growth needed:
		 * the ratio and its thresholds, as with a target, but no
		 * level to achieve. */
		out->has_required = true;
		out->required_is_aim = true;
		out->required_growth = in->aim;
		p = out->sign * d * out->actual_growth / fabs(in->aim);
	} else if (out->has_target) {
		/* Guards beyond the method, where sdg-build would raise or
		 * return a complex number: a target year not after t_0 (1/0
		 * or a negative exponent), T and y_0 of opposite signs (root
		 * of a negative number), g_r = 0 (T = y_0, the method's own
		 * guard) and anything else not finite. */
		if (out->target_year <= out->base_year)
			goto out;
		out->required_growth = cagr(y0, t,
		    out->target_year - out->base_year);
		if (!isfinite(out->required_growth) ||
		    out->required_growth == 0.0) {
			out->required_growth = 0.0;
			goto out;
		}
		out->has_required = true;
		p = out->sign * d * out->actual_growth /
		    fabs(out->required_growth);
	} else {
		p = out->sign * d * out->actual_growth;
	}
	if (!isfinite(p))
		goto out;
	out->has_value = true;
	out->value = p;
	if (out->has_required)
		judge_ratio(p, c, out);
	else
		judge_cagr(p, cf, c, out);
out:
	if (achieved) {
		out->status = PROGRESS_TARGET_ACHIEVED;
		out->has_score = true;
		out->score = SCORE_MAX;
	}
}

void
progress_rollup_init(struct progress_rollup *r)
{
	*r = (struct progress_rollup){ 0 };
	r->status = PROGRESS_NOT_AVAILABLE;
}

void
progress_rollup_add(struct progress_rollup *r,
    enum progress_status child_status, bool has_score, double score)
{
	r->nitems++;
	if (child_status == PROGRESS_TARGET_ACHIEVED) {
		r->nachieved++;
		has_score = true;
		score = SCORE_MAX;
	}
	if (!has_score || !isfinite(score))
		return;
	r->nscored++;
	r->sum += score;
}

void
progress_rollup_finish(struct progress_rollup *r)
{
	double m;

	if (r->nscored == 0) {
		r->status = PROGRESS_NOT_AVAILABLE;
		r->has_score = false;
		r->score = 0.0;
		return;
	}
	m = r->sum / (double)r->nscored;
	/* A mean that is on a band edge on paper can land an ulp below it
	 * (2.8572 + 2.1428 and friends); snap it within SCORE_EPS, and keep
	 * the snapped mean as the score so that a parent sees the same
	 * number the status came from. */
	if (fabs(m - 2.5) <= SCORE_EPS)
		m = 2.5;
	else if (fabs(m) <= SCORE_EPS)
		m = 0.0;
	else if (fabs(m + 2.5) <= SCORE_EPS)
		m = -2.5;
	r->has_score = true;
	r->score = m;
	/* Bands are open-ended beyond [-5, 5]: only thresholds set away from
	 * the defaults make such scores (sdg-build then returns no status). */
	if (r->nachieved == r->nscored)
		r->status = PROGRESS_TARGET_ACHIEVED;
	else if (m >= 2.5)
		r->status = PROGRESS_SUBSTANTIAL;
	else if (m >= 0.0)
		r->status = PROGRESS_MODERATE;
	else if (m >= -2.5)
		r->status = PROGRESS_LIMITED;
	else
		r->status = PROGRESS_DETERIORATION;
}

static const struct {
	const char *code, *label;
} names[] = {
	[PROGRESS_NOT_AVAILABLE] = { "not_available", "Not available" },
	[PROGRESS_DETERIORATION] = { "deterioration", "Deterioration" },
	[PROGRESS_LIMITED] = { "limited_progress", "Limited progress" },
	[PROGRESS_MODERATE] = { "moderate_progress",
	    "Progress made but acceleration needed" },
	[PROGRESS_SUBSTANTIAL] = { "substantial_progress", "On track" },
	[PROGRESS_TARGET_ACHIEVED] = { "target_achieved", "Target achieved" },
};

const char *
progress_status_code(enum progress_status s)
{
	if ((unsigned)s >= sizeof names / sizeof names[0])
		return "unknown";
	return names[s].code;
}

const char *
progress_status_label(enum progress_status s)
{
	if ((unsigned)s >= sizeof names / sizeof names[0])
		return "Unknown";
	return names[s].label;
}
