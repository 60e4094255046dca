/* core/report.h - what a periodic report adds to the summary: what changed
 * since the last report, and the rows rejected by recent ingests.
 *
 * Every report made is recorded in the store with the status of each
 * indicator, measure, system and the policy (report_record()). The next
 * report of the same region, for a later period, compares with the latest
 * recorded report of an earlier period (report_build()):
 *  - status changes: the statuses then and now;
 *  - revisions: stored values of periods up to the as-of, in the region or
 *    below it, that a file ingested after that report replaced;
 * The figures of a report come from the summary alone and never from this
 * model, so a report for 2024Q2 shows the same figures whenever it is
 * made; the changes depend on which reports were recorded before.
 *
 * The rejected rows do not depend on earlier reports: they are those of
 * the report's window, the months after the end of the period before the
 * as-of (at the as-of's frequency) up to the end of the as-of (2024Q2:
 * April to June 2024; 2024: the year). A rejected row is listed when its
 * period ends in the window (2024Q2: 2024-04..06, 2024Q2, 2024H1 do;
 * 2024 and 2024-07 do not), or when it has no usable period (none
 * recorded, empty, not a period) and its file stored a value of a period
 * that ends in the window. Rows of later periods are never listed. Per
 * file: the count and the first reasons.
 *
 * Reads and writes the store, never prints. The model borrows the summary
 * and owns everything else: report_release() it.
 */
#ifndef PM_CORE_REPORT_H
#define PM_CORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/period.h"
#include "core/progress.h"
#include "core/store.h"
#include "core/summary.h"
#include "util/err.h"

#define REPORT_REASONS_KEPT 3   /* first reasons kept per rejecting file */

enum report_level {
	REPORT_POLICY,          /* the whole policy (index -1) */
	REPORT_SYSTEM,
	REPORT_MEASURE,
	REPORT_INDICATOR,
};

/* One item whose status differs from the earlier report's. */
struct report_change {
	enum report_level level;
	int index;              /* catalogue index; -1 for the policy */
	enum progress_status before, after;
	bool has_before_score, has_after_score;
	double before_score, after_score;
};

/* One stored value replaced since the earlier report. */
struct report_revision {
	int indicator, region;  /* catalogue indexes */
	struct period p;
	bool ytd;               /* a year-to-date value */
	double before;          /* the value when the earlier report was made */
	bool has_after;
	double after;           /* the value stored now */
	char *file;             /* the file that replaced it last */
	char at[STORE_TIME_MAX];        /* when that file was ingested */
};

struct report_reason {
	unsigned long line;
	char *reason;
};

/* The rejected rows of one ingested file. */
struct report_rejects {
	char *file;             /* as given to ingest */
	char at[STORE_TIME_MAX];        /* when it was ingested */
	unsigned long rows;     /* data rows of the file */
	unsigned long nrejected;        /* its rejected rows of the window */
	unsigned long nfile;            /* its rejected rows in all */
	struct report_reason first[REPORT_REASONS_KEPT];
	size_t nfirst;
};

struct report {
	const struct summary *sum;      /* borrowed */
	long long last_file;            /* newest file when it read the store */
	bool has_prev;                  /* an earlier report was recorded */
	struct period prev_period;      /* its as-of */
	char prev_made_at[STORE_TIME_MAX];
	struct report_change *changes;  /* policy, systems, measures,
					 * indicators, each in catalogue
					 * order */
	size_t nchanges;
	struct report_revision *revisions;      /* catalogue order of
						 * indicator, region; period */
	size_t nrevisions;
	struct report_rejects *rejects; /* in the order files were ingested */
	size_t nrejects;
	bool has_newest;
	struct agg_point newest;        /* the yearly point (of any
					 * indicator) that ends latest: a
					 * complete year, or the months of an
					 * incomplete one */
	bool current;                   /* some value ends in the report's
					 * window (see the rejected rows):
					 * the as-of has data */
	int *stale;                     /* indicators with data but no value
					 * in the as-of's year, catalogue
					 * order */
	size_t nstale;
};

/* Month in which the yearly point 'pt' ends, as year * 12 + month: its
 * year's December when complete, else its last month. */
int report_point_end(const struct agg_point *pt);

/* Read what the report of 's' (built from 'st') adds. Call it before
 * report_record() of the same report, and build 's' after taking
 * store_file_last() into 'last_file', so that a file ingested meanwhile
 * counts as later. *out borrows 's'; report_release() it. */
int report_build(struct store *st, const struct summary *s,
    long long last_file, struct report *out, struct pm_err *err);

/* Record the report in the store: its region, as-of, the newest file it
 * saw, and every status it shows. Opens a transaction and leaves it open
 * on success: the caller store_commit()s it once the report is written,
 * or store_rollback()s it. It takes the write lock and waits for it as
 * long as the store's busy timeout: PM_EBUSY when another process holds
 * it. A report is worth recording when it is written as html or md and
 * 'current' (the baseline of the next report's changes). */
int report_record(struct store *st, const struct report *r,
    struct pm_err *err);

void report_release(struct report *r);

/* Whether region 'r' is 'top' or lies below it in the catalogue. */
bool report_region_within(const struct catalog *cat, int r, int top);

#endif /* PM_CORE_REPORT_H */
