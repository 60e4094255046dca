/* render/charts.h - which charts a selection makes, their file names and
 * their data, drawn by gnuplot or by the native renderer.
 *
 * File names are built from catalogue codes only (checked identifiers),
 * never from free text: CODE.REGION.FREQ.EXT for a trend,
 * CODE.REGION.regions.EXT for the comparison of the region's children,
 * MEASURE.scores.EXT and MEASURE.multiples.EXT, SYSTEM.scores.EXT and
 * policy.scores.EXT. Every chart is written under a temporary name and
 * renamed, so a reader never sees half a file. With a claims set, a
 * file written earlier in the run is never overwritten: two ids that give
 * the same name make the second chart fail, naming both.
 */
#ifndef PM_RENDER_CHARTS_H
#define PM_RENDER_CHARTS_H

#include <stdbool.h>

#include "core/store.h"
#include "util/strmap.h"
#include "core/summary.h"
#include "render/font.h"
#include "render/gnuplot.h"
#include "util/err.h"

enum chart_lang { LANG_EN, LANG_ZH };

/* Called for every chart: its path when written, or the error. */
typedef void (*charts_done_fn)(void *ctx, const char *path,
    const struct pm_err *err);

/* Called for every chart not made for want of data, with the path it
 * would have had. */
typedef void (*charts_nodata_fn)(void *ctx, const char *path);

/* The files written in one run, and whose chart each is. Start from
 * CHARTS_CLAIMS_INIT; charts_claims_release() it. */
struct charts_claims {
	struct strmap map;              /* path -> index into who */
	char **who;                     /* "measure 'M05'", ... owned */
	size_t n;
};

#define CHARTS_CLAIMS_INIT { STRMAP_INIT, NULL, 0 }

void charts_claims_release(struct charts_claims *cl);

struct charts {
	struct store *st;               /* for series at other frequencies */
	const struct summary *sum;      /* yearly data, progress, as-of */
	struct gnuplot *gp;             /* NULL: the native renderer */
	bool native_fallback;           /* gnuplot gone for good: close it
					 * (gp becomes NULL) and go on with
					 * the native renderer (PNG only) */
	bool fell_back;                 /* it did */
	unsigned nnative;               /* charts drawn so after gnuplot
					 * went */
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
	charts_nodata_fn nodata;        /* NULL: not told */
	void *ctx;
	struct charts_claims *claims;   /* NULL: no check of names */
	struct font *font;              /* the native charts' face: NULL
					 * at first, opened by the first
					 * native chart, owned: the caller
					 * font_close()s it after the run */
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
