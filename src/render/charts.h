/* render/charts.h - which charts a selection makes, their file names and
 * their data, drawn by gnuplot or by the native renderer.
 *
 * File names are built from catalogue codes only (checked identifiers),
 * never from free text: CODE.REGION.FREQ.EXT for a trend,
 * CODE.REGION.regions.EXT for the comparison of the region's children,
 * MEASURE.scores.EXT and MEASURE.multiples.EXT, SYSTEM.scores.EXT and
 * policy.scores.EXT. Every chart is written under a temporary name and
 * renamed, so a reader never sees half a file.
 */
#ifndef PM_RENDER_CHARTS_H
#define PM_RENDER_CHARTS_H

#include <stdbool.h>

#include "core/store.h"
#include "core/summary.h"
#include "render/gnuplot.h"
#include "util/err.h"

enum chart_lang { LANG_EN, LANG_ZH };

/* Called for every chart: its path when written, or the error. */
typedef void (*charts_done_fn)(void *ctx, const char *path,
    const struct pm_err *err);

struct charts {
	struct store *st;               /* for series at other frequencies */
	const struct summary *sum;      /* yearly data, progress, as-of */
	struct gnuplot *gp;             /* NULL: the native renderer */
	enum chart_format fmt;
	enum chart_lang lang;
	enum period_freq freq;          /* of trend charts */
	int width, height;              /* of a trend; others scale */
	const char *dir;                /* absolute output directory */
	const char *source;             /* for the footer, e.g. the store's
					 * file name */
	bool *drawn;                    /* NULL, or one flag per indicator:
					 * its charts are done, skip it */
	charts_done_fn done;
	void *ctx;
	unsigned nwritten, nfailed, nskipped;
	int worst;                      /* worst status of a failed chart */
};

/* Each returns 0, or a negative status when a chart failed for a system
 * reason (the done callback saw every outcome; the counts say how many). */
int charts_indicator(struct charts *c, int ind);
int charts_measure(struct charts *c, int measure);
int charts_system(struct charts *c, int system);
int charts_all(struct charts *c);

/* A sparkline of the indicator's complete years, always native. */
int charts_sparkline(const struct summary *s, int ind, const char *path,
    int width, int height, struct pm_err *err);

#endif /* PM_RENDER_CHARTS_H */
