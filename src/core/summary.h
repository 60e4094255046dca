/* core/summary.h - the scorecard model: for one region and an as-of
 * period, every indicator's yearly series, latest figures and progress,
 * rolled up into measures, systems and the whole policy; with the data
 * gaps and consistency checks found on the way.
 *
 * Plain structs the renderers read (text, Markdown, JSON, CSV, reports);
 * building it reads the store and computes, it never prints. Arrays run
 * parallel to the catalogue's: indicators[i] is cat->indicators[i], and so
 * on, so nothing here assumes a number of systems or measures.
 */
#ifndef PM_CORE_SUMMARY_H
#define PM_CORE_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/aggregate.h"
#include "core/catalog.h"
#include "core/period.h"
#include "core/progress.h"
#include "core/store.h"
#include "util/err.h"

struct summary_indicator {
	bool has_data;                  /* any yearly point in the region */
	struct agg_series years;        /* yearly series, own + derived */
	struct progress_result progress;
	bool has_latest;
	struct agg_point latest;        /* latest complete year */
	bool has_partial;
	struct agg_point partial;       /* a later, incomplete year */
	struct agg_trend trend;         /* least squares on complete years
					 * from the base year */
	size_t nmismatch;               /* years whose published yoy differs
					 * from the levels' */
	bool stale;                     /* latest complete year more than
					 * the catalogue's max_age years
					 * before the as-of year */
};

/* What a roll-up stands on: every headline status says it. Measures
 * count for a system and the policy; a measure's own coverage has its
 * indicators only (measures 0). */
struct summary_coverage {
	size_t measures;                /* in the roll-up */
	size_t measured;                /* ... with a score */
	size_t qualitative;             /* ... qualitative (never scored) */
	size_t context_only;            /* ... quantitative, every indicator
					 * context: monitored, never scored */
	size_t measures_nodata;         /* ... quantitative, no score */
	size_t headline;                /* headline indicators (each once) */
	size_t headline_nodata;         /* ... without a complete year */
	size_t stale;                   /* ... stale */
	size_t context;                 /* context indicators (not rolled
					 * up) */
};

struct summary_rollup {
	struct progress_rollup r;
	bool data_gap;                  /* no indicator with a score */
	bool context_only;              /* a measure whose indicators are all
					 * context ones: shown, not scored,
					 * not a data gap */
	struct summary_coverage cov;
};

/* Why a headline indicator needs attention (bits). */
enum summary_attention {
	SUMMARY_ATTN_BELOW = 1 << 0,    /* below on track: acceleration
					 * needed, limited, deterioration */
	SUMMARY_ATTN_STALE = 1 << 1,
	SUMMARY_ATTN_NODATA = 1 << 2,   /* no complete year, or too little
					 * to judge */
};

struct summary_check {
	int indicator;                  /* catalogue indexes */
	int region;                     /* whose own value differs from the
					 * sum of its children */
	struct agg_check c;
};

/* A yearly value that looks like a slip (never changed, only shown): one
 * over 1000 times or under 1/1000 of the year before, or a published
 * growth beyond +/-500%. */
struct summary_plaus {
	int indicator;                  /* catalogue index */
	struct period p;
	double value;
	bool growth;                    /* the published growth, else the
					 * ratio to the year before */
	double yoy_pub;                 /* when growth */
	struct period prev;             /* when not growth */
	double prev_value;
};

#define SUMMARY_PLAUS_RATIO 1000.0
#define SUMMARY_PLAUS_GROWTH 500.0

struct summary {
	const struct catalog *cat;      /* borrowed */
	int region;                     /* catalogue index */
	bool has_as_of;
	struct period as_of;            /* nothing after it is used */
	struct progress_config cfg;
	struct summary_indicator *indicators;   /* nindicators */
	struct summary_rollup *measures;        /* nmeasures */
	struct summary_rollup *systems;         /* nsystems */
	struct progress_rollup overall;
	struct summary_coverage cov;    /* of the overall status */
	struct summary_check *checks;
	size_t nchecks;
	struct summary_plaus *plaus;    /* in indicator, then period order */
	size_t nplaus;
};

#define SUMMARY_MAX_DEPTH CATALOG_REGION_DEPTH_MAX     /* region levels
				 * summed below the region */

/* Build the summary of 'region' (a catalogue index) from the store. With
 * 'as_of' NULL, the latest period with data is used. The summary borrows
 * 'cat' and owns everything else: summary_release() it. PM_ENOTFOUND when
 * the store has no data at all. */
int summary_build(struct store *st, const struct catalog *cat, int region,
    const struct period *as_of, const struct progress_config *cfg,
    struct summary *out, struct pm_err *err);
void summary_release(struct summary *s);

/* The summary_attention bits of indicator 'i' (0: none, and always 0
 * for a context indicator). */
unsigned summary_attention(const struct summary *s, int i);

/* True when some indicator of measure 'm' has data in the region, even
 * if too little to score (a measure that is a data gap either way). */
bool summary_measure_has_data(const struct summary *s, int m);

/* The series of one indicator in one region at any frequency, with the
 * children's sums where the region has no value of its own; consistency
 * differences are appended to *checks (caller frees). Used by the summary
 * and the trend command. Yearly and quarterly series come from the
 * consolidated points where they can (core/cons.h), with the same
 * result. */
int summary_series(struct store *st, const struct catalog *cat, int ind,
    int region, enum period_freq freq, const struct period *as_of,
    struct agg_series *out, struct summary_check **checks, size_t *nchecks,
    struct pm_err *err);

#endif /* PM_CORE_SUMMARY_H */
