/* cli/ingestio.h - what both ingest modes (files on the command line,
 * an inbox) share: the sink that prints rejected rows and writes the
 * rejects file, and the rule that combines exit codes. */
#ifndef PM_CLI_INGESTIO_H
#define PM_CLI_INGESTIO_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/ctx.h"
#include "core/ingest.h"
#include "util/buf.h"
#include "util/outfile.h"

/* The sink of one input: rejected rows to stderr (the first ten, all with
 * -v) and to the rejects file, written under a temporary name and renamed
 * to 'path' before the store commits. */
struct sink {
	const char *name;       /* of the input, for messages */
	const char *path;       /* final rejects path, NULL: no file */
	struct outfile out;     /* written here, renamed at finish */
	FILE *f;                /* stream of 'out', NULL when none */
	int verbosity;
	unsigned long nrejects, shown;
	bool written;           /* the rejects file is in place */
	bool keep_old;          /* an earlier, different rejects file at
				 * 'path' is kept as stem.N.ext */
	bool *bar_shown;        /* a progress line is on stderr: erased (and
				 * this set false) before a message; NULL:
				 * none */
	struct buf line;
};

/* The ingest_sink that feeds 's'. */
struct ingest_sink sink_of(struct sink *s);
/* "N more rejected rows in WHERE" for the rows not shown on stderr; the
 * caller says where the rejects file is once it is there (NULL: none). */
void sink_more(const struct sink *s, const char *where);
/* The rejects file, when one was written and is in place. */
const char *sink_written(const struct sink *s);
/* After an abort: no half-written rejects file stays behind. */
void sink_release(struct sink *s);

bool is_dir(const char *p);
/* The worse of two exit codes: 4 and 3 (the system's fault) outrank 1
 * (the data's), which outranks 0. */
int exit_worst(int a, int b);

/* Inbox mode of "pemetrics ingest" (cli/ingest_inbox.c). */
struct inbox_opts {
	const char *inbox, *archive, *quarantine;       /* NULL: defaults */
	unsigned wait_s;        /* for the lock */
	unsigned min_age_s;     /* younger files are still being written */
	bool syslog;
	bool json;
};
int ingest_inbox(struct pm_ctx *ctx, const struct inbox_opts *o,
    const struct ingest_opts *io);

#endif /* PM_CLI_INGESTIO_H */
