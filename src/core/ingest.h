/* core/ingest.h - one input file into the store: read, normalise through
 * the catalogue, validate, store or reject every row.
 *
 * Owns the rules a data row must meet and the counts that prove nothing
 * was lost: every data row read (blank lines are not rows) is inserted,
 * revised, unchanged, rejected or skipped (a value cell that says "not
 * published": '—', '-', '…', '..', '/'), and rows = the sum of the five. One file
 * is one transaction: after a crash or an error the store holds all of the
 * file's rows or none of them. Never prints: rejected rows and notes go to
 * the caller's sink, which writes them where it likes.
 */
#ifndef PM_CORE_INGEST_H
#define PM_CORE_INGEST_H

#include <signal.h>
#include <stdbool.h>

#include "core/catalog.h"
#include "core/layout.h"
#include "core/reader.h"
#include "core/store.h"
#include "util/err.h"

#define INGEST_BATCH_ROWS 65536
#define INGEST_PROGRESS_ROWS 8192       /* rows between progress calls */

/* Where a long ingest is, for a progress display. */
enum ingest_phase {
	INGEST_READING,         /* parsing and checking (large files are
				 * sorted meanwhile) */
	INGEST_WRITING,         /* storing, committing */
};

struct ingest_progress {
	enum ingest_phase phase;
	unsigned long long bytes;       /* of the input read so far */
	unsigned long long total;       /* the input's size */
	unsigned long rows;             /* data rows read so far */
};

struct ingest_opts {
	const char *encoding;   /* NULL: detect (UTF-8, else GB18030) */
	size_t max_field;       /* bytes; 0: READER_MAX_FIELD_DEFAULT */
	bool dry_run;           /* check every row, touch no store */
	bool force;             /* ingest content that was ingested before */
	bool strict;            /* any rejected row: store nothing of the
				 * file (status failed, every row counted
				 * rejected) */
	const char *tmpdir;     /* where a large file is sorted; NULL:
				 * /tmp */
	const volatile sig_atomic_t *stop;      /* polled between rows; when
						 * set, roll back: PM_EINTR */
	size_t batch_rows;      /* rows sorted and stored at a time, a power
				 * of two; 0: INGEST_BATCH_ROWS */
	/* Called every INGEST_PROGRESS_ROWS rows while reading and once
	 * before storing; NULL: none. Must not fail. */
	void (*progress)(void *ctx, const struct ingest_progress *p);
	void *progress_ctx;
	unsigned long long spool_max;   /* bytes from a pipe; 0: default */
	struct reader_expect expect;    /* the file an inbox scan saw */
	enum layout layout;     /* LAYOUT_AUTO: from the header */
	const char *region;     /* of a wide file without a region column or
				 * a '地区：' line; NULL: none */
	const char *indicator;  /* of a wide file without an indicator
				 * column or a '指标：' line; NULL: none */
	bool skip_unknown;      /* a row naming an indicator the catalogue
				 * does not have is skipped (counted in
				 * n.skipped and untracked), not rejected */
	int year;               /* of a wide file's period labels without
				 * one ("10月"); 0: from a title or '时间：'
				 * line */
};

enum ingest_status {
	INGEST_INGESTED,        /* committed (possibly with rejected rows) */
	INGEST_SKIPPED,         /* same content ingested before */
	INGEST_FAILED,          /* nothing stored: unreadable, bad header */
	INGEST_CHECKED,         /* --dry-run: checked, nothing stored */
};

struct ingest_result {
	enum ingest_status status;
	struct store_counts n;  /* n.rows = inserted+revised+unchanged+rejected
				 * +skipped */
	unsigned long untracked;        /* of n.skipped: rows of indicators
					 * not in the catalogue
					 * (skip_unknown) */
	unsigned long warnings; /* plausibility and reading warnings (never
				 * rejects), each also a note */
	char encoding[32];      /* of the input, as detected or given */
	char sha256[65];
};

struct ingest_reject {
	unsigned long line;             /* where the record starts */
	const char *reason;             /* lowercase, no final period */
	const struct reader_row *row;   /* the record as read */
	const struct reader_row *header;        /* the file's header row */
};

/* Where rejected rows and notes go. reject() returning non-zero (with
 * 'err' filled) aborts the file: it is rolled back. finish() runs once
 * the file's rows are all read and before the commit, so that a rejects
 * file is in place before its good rows become visible; it may be NULL. */
struct ingest_sink {
	void *ctx;
	int (*reject)(void *ctx, const struct ingest_reject *r,
	    struct pm_err *err);
	void (*note)(void *ctx, unsigned long line, bool is_error,
	    const char *msg);
	int (*finish)(void *ctx, const struct ingest_result *res,
	    struct pm_err *err);
};

/* Ingest 'path' ("-" = standard input), named 'name' in messages and in
 * the store. 'st' may be NULL only with opts->dry_run. Returns 0 when the
 * file was ingested, skipped or checked (rejected rows do not fail the
 * call) or failed for its data (res->status INGEST_FAILED, err says why;
 * err->code is PM_EUSAGE when a wide file needs --region or --indicator);
 * a negative status when a system or store error stopped it (PM_EIO,
 * PM_EBUSY, PM_EINTR): nothing of the file is stored then. */
int ingest_file(struct store *st, const struct catalog *cat,
    const char *path, const char *name, const struct ingest_opts *opts,
    const struct ingest_sink *sink, struct ingest_result *res,
    struct pm_err *err);

#endif /* PM_CORE_INGEST_H */
