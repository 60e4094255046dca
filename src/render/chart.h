/* render/chart.h - the model of one chart, as both renderers draw it:
 * gnuplot (render/gnuplot.c) for full charts, and the native libpng
 * renderer (render/pngchart.c) for sparklines and when gnuplot is missing.
 *
 * Plain data borrowed from the caller for the duration of a draw call.
 * Text fields are UTF-8 as the catalogue has them; each renderer makes
 * them safe for itself (gnuplot quoting; the native renderer leaves out
 * control characters and invalid UTF-8).
 * Time runs on a continuous axis in years: a year t is plotted at t, a
 * sub-period at its middle (2024Q1 at 2024.125), see chart_x().
 */
#ifndef PM_RENDER_CHART_H
#define PM_RENDER_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/period.h"
#include "render/palette.h"

/* Status colours: pal_status[] of render/palette.h. Colour is never the
 * only carrier: labels say the status. */

/* The words a chart draws besides its titles: legend entries, axis
 * titles, in English or Chinese for either renderer; chart_words_en when
 * a chart has none. */
struct chart_words {
	const char *value;      /* the series */
	const char *partial;    /* an incomplete period */
	const char *target;
	const char *pace;       /* the projection at the current pace */
	const char *yoy;        /* growth bars, legend */
	const char *yoy_axis;   /* growth axis title (percent) */
	const char *score;      /* scorecard value axis */
	const char *no_data;    /* a row or panel without data */
	const char *brk;        /* a break in series, at its marker */
};

extern const struct chart_words chart_words_en, chart_words_zh;

/* One indicator over time. */
struct chart_trend {
	const char *title;      /* indicator name */
	const char *subtitle;   /* region, frequency */
	const char *unit;       /* y axis label */
	const char *footer;     /* source and as-of */
	size_t n;               /* points */
	const double *x;        /* chart_x() of each period, ascending */
	const char *const *xlabel;      /* period text of each point */
	const double *y;        /* values */
	const bool *partial;    /* incomplete period (a year so far, a
				 * combined January-February release): a
				 * hollow marker off the line, which joins
				 * the complete periods only */
	const bool *has_yoy;    /* NULL: no growth bars */
	const double *yoy;      /* year-on-year growth, percent (right axis) */
	bool yoy_change;        /* yoy is a change in the unit (a rate's, in
				 * points for %), not a growth in percent */
	bool has_target;
	double target;          /* a level, in the unit */
	double target_x;        /* when: chart_x() of the target year */
	size_t nproj;           /* projection at the current pace, dashed */
	const double *proj_x;
	const double *proj_y;
	const bool *brk;        /* NULL, or per point: a break in series
				 * starts here (the line is cut before it
				 * and the place marked) */
	const struct chart_words *words;        /* NULL: English */
};

/* Labelled bars: a region comparison (values, sorted) or a scorecard
 * (scores in [-5, 5], coloured by status). */
struct chart_bars {
	const char *title;
	const char *subtitle;
	const char *unit;       /* value axis label */
	const char *footer;
	size_t n;
	const char *const *label;       /* one per bar */
	const double *value;
	const int *status;      /* NULL, or an enum progress_status per bar:
				 * the bar takes pal_status[status] */
	const char *const *status_name; /* NULL, or a word per status: a
					 * legend of the statuses drawn */
	const bool *missing;    /* NULL, or per bar: no data, the row holds
				 * its label and words->no_data only */
	bool has_decimals;      /* value labels with 'decimals' decimals
				 * (the precision of the data) */
	int decimals;
	bool fixed_range;       /* use lo..hi for the value axis (scores) */
	double lo, hi;
	const struct chart_words *words;        /* NULL: English */
};

/* Position of a period on the time axis: the year for a year, else the
 * middle of the sub-period in fractional years. */
double chart_x(const struct period *p);

/* The value axis around lo..hi (lo <= hi), as both renderers draw it:
 * from 0 when every value is >= 0 and the smallest at most half the
 * largest (likewise to 0 for negatives), padded 5% at the ends that are
 * not 0; a single value gets a band of 10% of itself (1 around 0); *span
 * (when not NULL) is the range before the 5%. False, with lo and hi
 * untouched, when the values are too large to draw. */
bool chart_range_pad(double *lo, double *hi, double *span);

/* True when the line of a trend from point j to a later point i is cut:
 * a break in series starts after j up to i, or i is more than one period
 * 'per' after j (no line across a gap). */
bool chart_cut(const struct chart_trend *c, size_t j, size_t i, double per);
/* The period of a trend's time axis: the smallest step between points,
 * a year at most (and for a single point). */
double chart_period(const struct chart_trend *c);

#endif /* PM_RENDER_CHART_H */
