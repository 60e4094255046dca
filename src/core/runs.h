/* runs.h - an external sort for ingest: sorted runs of rows spilled to
 * one temporary file, then merged back in key order.
 *
 * A file larger than one batch is stored in the store's key order as a
 * whole: the b-tree is then written front to back once, instead of being
 * visited at every point of every batch (a period-major statistics file
 * touches every series in each batch). Memory stays flat: one batch, and
 * while merging 8 MB of read buffers shared by the runs (at least 4 kB
 * each: past 2048 runs, 1.3·10^8 rows, that grows by 4 kB a run).
 *
 *     runs_create(tmpdir, &r, err);
 *     for each batch: runs_submit(r, &batch, err);   (sorted and written
 *             by a second thread while the caller reads the next batch)
 *     while ((rc = runs_next(r, &row, err)) > 0) ... rows in (key, line)
 *     runs_close(r);
 *
 * The file is unlinked as soon as it is made: nothing is left behind,
 * whatever happens to the process. */
#ifndef PM_CORE_RUNS_H
#define PM_CORE_RUNS_H

#include <stddef.h>

#include "core/store.h"
#include "util/err.h"

struct run_row {
	struct store_obs o;
	unsigned long line;
	size_t nfields;
	size_t rawlen;
	const char *raw;        /* nfields NUL-terminated fields, rawlen
				 * bytes; from runs_next(), valid until the
				 * next call */
};

struct runs;

/* A temporary file in tmpdir (NULL or "": /tmp). PM_EIO when it cannot be
 * made. */
int runs_create(const char *tmpdir, struct runs **out, struct pm_err *err);
/* A batch becomes one run: elements of 'size' bytes, sorted with cmp
 * into (key, line) order, each turned into a row by to_row(elem, ctx). */
struct run_batch {
	void *elems;
	size_t n, size;
	int (*cmp)(const void *, const void *);
	void (*to_row)(const void *elem, const void *ctx, struct run_row *out);
	const void *ctx;
};

/* Hand a batch to the sorting thread (started on first use) and return
 * at once; the caller leaves the batch, and what its rows point to,
 * alone until the next runs_submit() or runs_wait() returns. Either
 * returns the error of an earlier batch, if it had one. */
int runs_submit(struct runs *r, const struct run_batch *b, struct pm_err *err);
/* Wait for the batch in hand to be written. */
int runs_wait(struct runs *r, struct pm_err *err);
/* The next row of all runs in (key, line) order: 1 and *row, 0 at the end,
 * or an error (PM_EIO). No runs_submit() after the first runs_next(). */
int runs_next(struct runs *r, struct run_row *row, struct pm_err *err);
/* Rows put so far. */
unsigned long runs_count(const struct runs *r);
void runs_close(struct runs *r);

#endif /* PM_CORE_RUNS_H */
