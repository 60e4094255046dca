/* core/aggregate.h - from stored observations to the figures an analyst
 * reports: one series at one frequency, region roll-ups, growth.
 *
 * Owns the rules that turn what statistical releases publish into
 * comparable periods:
 *  - frequency roll-up by the indicator's kind: a flow sums its parts, a
 *    stock takes the value at the period's end, a rate averages its parts;
 *  - year-to-date series become single-period values by differencing
 *    within the year (a January-February release stays one two-month
 *    span, so quarters and years stay exact);
 *  - a period whose parts are not all there is marked incomplete (its
 *    value is what the parts present give, never presented as complete);
 *  - region roll-up: a region without its own value takes the sum of its
 *    children when every child has one (flows, stocks), marked derived;
 *    where both exist the difference is a consistency check, not an error.
 * Pure computation on caller-provided arrays; no I/O, no store.
 */
#ifndef PM_CORE_AGGREGATE_H
#define PM_CORE_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalog.h"
#include "core/obs.h"
#include "core/period.h"

/* Published and computed growth differing by more than this (percentage
 * points) is flagged: published rates are on a "comparable basis" and
 * rounded to one decimal. */
#define AGG_YOY_TOLERANCE 0.1

struct agg_point {
	struct period p;
	double value;
	bool complete;          /* every part of the period is there */
	bool derived;           /* summed from child regions */
	int months;             /* months the value covers */
	unsigned mask;          /* which: bit m-1 for month m of the year */
	bool combined;          /* covers earlier months too: a January-
				 * February release shown at February */
	bool ytd;               /* a rate or share published year to date:
				 * the value is for months 1..months, never
				 * differenced nor averaged */
	char status;            /* SDMX status of the one observation it
				 * shows ('P' provisional, ...); 0 when none
				 * or when it is computed */
	bool at_end;            /* a stock: the level at the end of month
				 * 'months' (end-June), not a span */
	bool has_yoy;
	double yoy;             /* computed, percent; for an incomplete flow
				 * against the same months a year earlier */
	bool has_chg;
	double chg;             /* the same comparison as a difference, in
				 * the unit: for a rate (%), points */
	bool has_yoy_pub;
	double yoy_pub;         /* as published with the data, percent */
	bool yoy_pub_derived;   /* yoy_pub is not published itself but
				 * derived from the published ytd growths
				 * at both ends of a differenced period */
	bool yoy_mismatch;      /* |yoy - yoy_pub| > AGG_YOY_TOLERANCE */
	bool has_pop;
	double pop;             /* against the previous period, percent */
	bool brk;               /* an observation of the period is flagged
				 * a break in series (status B) */
};

struct agg_series {
	enum period_freq freq;
	struct agg_point *pt;   /* in time order; owned */
	size_t n;
	int decimals;           /* the most decimals an observation it was
				 * built from carries (AGG_MAX_DECIMALS at
				 * most): the precision it was published
				 * with */
};

#define AGG_SERIES_INIT { FREQ_Y, NULL, 0, 0 }
#define AGG_MAX_DECIMALS 6

/* Where the year-on-year growth an office quotes comes from. */
enum agg_yoy_source {
	AGG_YOY_NONE = 0,
	AGG_YOY_PUBLISHED,      /* published with the data for the period */
	AGG_YOY_DERIVED,        /* from the published ytd growths: last
				 * year's comparable ytd level is
				 * value / (1 + g) at both ends */
	AGG_YOY_LEVELS,         /* the growth of the levels */
};

/* The official year-on-year growth of a point (percent): the published
 * one, else the one derived from published ytd growths, else the levels'.
 * Returns its source (AGG_YOY_NONE: no growth, *yoy untouched). */
enum agg_yoy_source agg_yoy(const struct agg_point *pt, double *yoy);
/* "published", "derived", "levels", "none". Static strings. */
const char *agg_yoy_source_name(enum agg_yoy_source s);

/* Build the series at 'freq' from the observations of one indicator in
 * one region (any frequencies and bases, any order). Observations of
 * periods ending after 'as_of' (when not NULL) are ignored. Growth rates
 * are filled in. 'out' is released first; release it with
 * agg_series_release(). */
void agg_build(const struct obs *obs, size_t n, enum ind_kind kind,
    enum period_freq freq, const struct period *as_of,
    struct agg_series *out);
void agg_series_release(struct agg_series *s);

/* One period where a region's own value and the sum of its children
 * differ. */
struct agg_check {
	struct period p;
	double own, children;   /* diff = own - children; children not
				 * finite: the sum of the parts is beyond
				 * double's range (no figure made of it),
				 * own NaN when the region has none */
};

/* Fill the periods where 'parent' has no complete value and every child
 * has a complete one with the children's sum (derived), for flows and
 * stocks; rates are never summed. Where every child has a value for the
 * same months but not the whole period, and the parent has none, the sum
 * is an incomplete derived point (children with different months give
 * none: their sum would be of no one span or date). Where both are complete
 * and differ, append a check to *checks (a growable array owned by the
 * caller; free() it). Growth rates are recomputed. */
void agg_region_rollup(struct agg_series *parent,
    const struct agg_series *children, size_t nchildren, enum ind_kind kind,
    struct agg_check **checks, size_t *nchecks);

/* True when the months of an incomplete point run from its period's
 * start without a hole ("Jan-Jun" describes them). */
bool agg_leading_run(const struct agg_point *pt);

/* Compound annual growth rate between (ta, a) and (tb, b), a fraction;
 * false when undefined (tb <= ta, a == 0, opposite signs). */
bool agg_cagr(double a, double b, int ta, int tb, double *out);

/* Least-squares trend of the yearly points: exponential (on ln value)
 * when all are positive, else linear. */
struct agg_trend {
	bool ok;                /* at least two points */
	bool exponential;
	double growth;          /* exponential: fitted annual growth, fraction;
				 * linear: slope per year in the unit */
	double a, b;            /* fit: ln y = a + b t, or y = a + b t */
	bool reaches;           /* the fitted trend reaches the target */
	double reach_year;      /* when, fractional year */
};

void agg_trend(const int *years, const double *values, size_t n,
    bool has_target, double target, struct agg_trend *out);
/* Value of the fitted trend in year t. */
double agg_trend_at(const struct agg_trend *t, double year);

#endif /* PM_CORE_AGGREGATE_H */
