/* core/cons.h - consolidated points: the yearly and quarterly figures of
 * every stored series, kept current at ingest (schema version 5), so that
 * summary, report and trend read a few rows per series instead of every
 * observation.
 *
 * A row is exactly the point agg_build() gives over all of the series'
 * observations with no as-of. A point of year Y depends on the
 * observations of years Y-1 and Y only (the previous year's same months,
 * growth against year Y-1, a first quarter against the fourth quarter of
 * Y-1), so a change in year Y is consolidated by recomputing the rows of
 * years Y and Y+1 from the observations of years Y-1 to Y+1.
 *
 * Every year with an observation has a yearly row, with or without a
 * point (a stock stated only year to date has none): it carries the most
 * decimals of that year's observations and the latest month they end in,
 * so the rows of a series say its precision and how far its data reach.
 * A reader whose as-of ends before that latest month cannot use them: it
 * builds the series from the observations, as without rows.
 *
 * The rows depend on the indicator's kind (flow, stock, rate): the store
 * records the kind they were built with; rows of another kind than the
 * catalogue's are not used, and the next ingest rebuilds them.
 */
#ifndef PM_CORE_CONS_H
#define PM_CORE_CONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/aggregate.h"
#include "core/catalog.h"
#include "core/obs.h"
#include "util/err.h"

struct cons_row {
	int period;             /* period_key() of a year or a quarter */
	bool has_point;         /* false: a year with observations but no
				 * yearly point (pt unused) */
	int decimals;           /* most decimals of the year's observations
				 * (yearly rows; quarterly rows: 0) */
	int last_end;           /* latest month (year * 12 + month) an
				 * observation of this year or the one
				 * before ends in */
	struct agg_point pt;    /* growth fields zero where has_ is false */
};

/* The rows of years y0..y1 of one series of kind 'kind' from its
 * observations (those of years y0-1..y1 are needed, others are ignored),
 * in period key order: *out is new (free()), *nout may be 0. */
void cons_build(const struct obs *obs, size_t n, enum ind_kind kind, int y0,
    int y1, struct cons_row **out, size_t *nout);

/* The month (year * 12 + month) period 'p' ends in. */
int cons_period_end(const struct period *p);

/* Whether the rows of one series (at least its yearly ones) give what
 * agg_build() gives with 'as_of' (NULL: none): every observation ends by
 * the as-of. */
bool cons_usable(const struct cons_row *rows, size_t n,
    const struct period *as_of);

/* The series at 'freq' (FREQ_Y or FREQ_Q) from the rows of one series
 * (yearly rows at least: decimals come from them). 'out' is released
 * first. */
void cons_series(const struct cons_row *rows, size_t n, enum period_freq freq,
    struct agg_series *out);

/* The first field in which a and b (same period) differ: "value",
 * "complete", ...; NULL when equal. Doubles compare exactly. */
const char *cons_diff(const struct cons_row *a, const struct cons_row *b);

/* The years of series (indicator id, region id) an ingest stored or
 * revised values of, as runs of years: rows come in key order, so a bulk
 * ingest needs about one run per series. */
struct cons_touch {
	int ind, reg, y0, y1;
};

struct cons_touched {
	struct cons_touch *v;
	size_t n, cap;
};

/* Note that a value of period key 'period' of the series (ind, reg)
 * changed: the last run grows when it is of the same series and the year
 * is in it or next to it. */
void cons_touch(struct cons_touched *t, int ind, int reg, int period);
void cons_touched_release(struct cons_touched *t);

struct store;

/* Inside a write transaction: bring the indicators of 'cat' that the
 * store has to consolidated rows of their catalogue kind (rebuilt whole
 * when they have none or of another kind), then recompute the rows of the
 * touched years (and the years after them) of the other touched series.
 * 't' is emptied. */
int cons_update(struct store *st, const struct catalog *cat,
    struct cons_touched *t, struct pm_err *err);

/* One difference store check found. 'field' is a cons_diff() name, or
 * "missing" (a point the observations give that has no row), "extra" (a
 * row they do not give). */
struct cons_problem {
	const char *indicator, *region; /* codes, borrowed */
	int period;
	const char *field;
	double stored, computed;        /* of "value", else 0 */
};
typedef int (*cons_problem_fn)(void *ctx, const struct cons_problem *p);

/* Recompute the rows of every consolidated indicator from the
 * observations and call fn with each difference; *nseries gets the
 * series checked, *nrows the rows compared, *unconsolidated the
 * indicators with observations but no consolidation yet. */
int cons_check(struct store *st, cons_problem_fn fn, void *ctx,
    unsigned long *nseries, unsigned long *nrows,
    unsigned long *unconsolidated, struct pm_err *err);

#endif /* PM_CORE_CONS_H */
