/* tests/fuzz/fuzz_ingest.c - libFuzzer target over the whole ingest path:
 * the reader (libcsv, BOM, CRLF, UTF-8/GB18030/UTF-16 detection, iconv),
 * the normaliser and validator (catalogue look-ups, periods, values,
 * units) and the store (a private in-memory SQLite).
 *
 * Each input is written to a file and ingested the way a user's file is,
 * four times, and every run's invariants are checked; a broken one
 * abort()s, which libFuzzer (or replay.c under gcc) reports as a crash:
 *
 *  1. into a fresh store: rows = inserted + revised + unchanged + rejected;
 *     every reject has a line >= 1, a non-empty reason and its row; the
 *     status is one of enum ingest_status; the call returns 0 (a regular
 *     file and an in-memory store leave no room for a system error); the
 *     store holds exactly what the counts say (a fresh store has nothing
 *     to revise or leave unchanged), and nothing when the file failed;
 *  2. the same bytes again: skipped with no rows counted (or, when the
 *     first run failed and so recorded nothing, failed again alike);
 *  3. the same bytes with force: every stored row comes out unchanged,
 *     the same rows are rejected, the store does not move;
 *  4. dry runs, no store: with the default field limit the counts equal
 *     run 1's once its "duplicate of line" rejects (found by the store
 *     only) are put back; with a 32-byte field limit and strict, the
 *     counts add up and a file with a reject fails whole.
 *
 * Process state: libFuzzer calls LLVMFuzzerTestOneInput() many times in
 * one process, and a fuzz target may keep state between calls as long as
 * no input's outcome depends on an earlier input. This one keeps two
 * things, made once by setup() behind a flag: the catalogue (from
 * $PEMETRICS_CATALOG, else "datasets/catalog" under the working
 * directory; never changed after loading) and one temporary file (mkstemp
 * in $TMPDIR) that every input overwrites. The store is new per input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/ingest.h"
#include "core/store.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SMALL_FIELD 32  /* bytes: the dry run's field limit */

/* Batches of 16 rows: a fuzzed file of more than 16 rows is sorted in
 * runs and merged, as a file of more than 65536 rows is. */
#define FUZZ_BATCH_ROWS 16

static bool ready;                      /* setup() done */
static struct catalog *cat;             /* read-only after setup() */
static char path[4096];                 /* the input's file */

static void
die(const char *what)
{
	fprintf(stderr, "fuzz_ingest: %s\n", what);
	abort();
}

static void
remove_input(void)
{
	if (path[0])
		unlink(path);
}

static void
setup(void)
{
	const char *dir = getenv("PEMETRICS_CATALOG");
	const char *tmp = getenv("TMPDIR");
	struct pm_err err = PM_ERR_INIT;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "datasets/catalog";
	if (catalog_load(dir, &cat, &err) != 0 || cat->nfatal) {
		fprintf(stderr, "fuzz_ingest: catalogue '%s' cannot be used "
		    "(%s); run from the source tree or set "
		    "PEMETRICS_CATALOG\n", dir, err.msg);
		exit(2);
	}
	snprintf(path, sizeof(path), "%s/pm-fuzz-ingest-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		perror("fuzz_ingest: mkstemp");
		exit(2);
	}
	close(fd);
	atexit(remove_input);
	ready = true;
}

static void
write_input(const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	size_t done = 0;

	if (fd < 0)
		die("cannot open the input file");
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("cannot write the input file");
		done += (size_t)n;
	}
	if (close(fd) != 0)
		die("cannot close the input file");
}

/* What the sink saw of one run. */
struct seen {
	unsigned long rejects;          /* reject() calls */
	unsigned long dups;             /* of them "duplicate of line N" */
	unsigned long last_line;        /* line of the latest reject */
	bool finished;                  /* finish() was called */
};

/* The "duplicate of line N" of a reason that is one ("column '2024': "
 * before it in a wide file, whose label may hold anything), else NULL. */
static const char *
dup_of(const char *reason)
{
	static const char w[] = "duplicate of line ";
	const char *p = reason, *q = NULL, *d;

	while ((d = strstr(p, w)) != NULL) {
		q = d;
		p = d + 1;
	}
	if (q == NULL || q[sizeof(w) - 1] == '\0' ||
	    strspn(q + sizeof(w) - 1, "0123456789") != strlen(q + sizeof(w) -
	    1))
		return NULL;
	if (q == reason || (strncmp(reason, "column '", 8) == 0 &&
	    q - reason >= 11 && strncmp(q - 3, "': ", 3) == 0))
		return q;
	return NULL;
}

static int
on_reject(void *ctx, const struct ingest_reject *r, struct pm_err *err)
{
	struct seen *s = ctx;
	const char *dup;

	(void)err;
	if (r->line < 1)
		die("a rejected row without a line");
	if (r->reason == NULL || r->reason[0] == '\0')
		die("a rejected row without a reason");
	if (r->row == NULL || r->header == NULL)
		die("a rejected row without its fields or header");
	if (r->row->line != r->line || r->row->nlines < 1)
		die("a rejected row whose line is not its record's");
	if ((dup = dup_of(r->reason)) != NULL) {
		/* A key repeated from an earlier batch is found when the
		 * batches are merged, after the file is read: such rejects
		 * come last, in key order. */
		s->dups++;
		if (strtoul(dup + 18, NULL, 10) >= r->line)
			die("a duplicate of a later line");
	} else {
		/* Every other reject as its record is read: file order. */
		if (r->line < s->last_line)
			die("rejected rows out of line order");
		s->last_line = r->line;
	}
	s->rejects++;
	return 0;
}

static void
on_note(void *ctx, unsigned long line, bool is_error, const char *msg)
{
	(void)ctx;
	(void)line;
	(void)is_error;
	if (msg == NULL || msg[0] == '\0')
		die("an empty note");
}

static int
on_finish(void *ctx, const struct ingest_result *res, struct pm_err *err)
{
	struct seen *s = ctx;

	(void)err;
	if (s->finished)
		die("finish() twice");
	s->finished = true;
	if (res->n.rows != res->n.inserted + res->n.revised +
	    res->n.unchanged + res->n.rejected + res->n.skipped ||
	    res->untracked > res->n.skipped)
		die("at finish(), counts do not add up");
	return 0;
}

static void
check_counts(const struct ingest_result *res, const struct seen *s, int rc,
    const char *run)
{
	const struct store_counts *n = &res->n;

	if (rc != 0) {
		fprintf(stderr, "fuzz_ingest: %s: unexpected status %d\n", run,
		    rc);
		abort();
	}
	switch (res->status) {
	case INGEST_INGESTED:
	case INGEST_SKIPPED:
	case INGEST_FAILED:
	case INGEST_CHECKED:
		break;
	default:
		die("status not one of enum ingest_status");
	}
	if (n->rows != n->inserted + n->revised + n->unchanged + n->rejected +
	    n->skipped) {
		fprintf(stderr, "fuzz_ingest: %s: rows %lu != %lu inserted + "
		    "%lu revised + %lu unchanged + %lu rejected + %lu "
		    "skipped\n", run, n->rows, n->inserted, n->revised,
		    n->unchanged, n->rejected, n->skipped);
		abort();
	}
	switch (res->status) {
	case INGEST_FAILED:
		if (n->inserted + n->revised + n->unchanged != 0)
			die("a failed file counts stored rows");
		/* Strict counts every row rejected, seen or not. */
		if (s->rejects > n->rejected)
			die("more rejects seen than counted");
		break;
	case INGEST_SKIPPED:
		if (n->rows != 0 || s->rejects != 0)
			die("a skipped file counts rows");
		break;
	default:
		if (s->rejects != n->rejected)
			die("the sink saw another number of rejects than "
			    "counted");
		break;
	}
}

static void
check_store(struct store *st, unsigned long long obs, unsigned long long files,
    unsigned long long rejects, const char *run)
{
	struct store_stats ss;
	struct pm_err err = PM_ERR_INIT;

	if (store_stats(st, &ss, &err) != 0)
		die(err.msg);
	if (ss.observations != obs || ss.files != files ||
	    ss.rejects != rejects || ss.history != 0) {
		fprintf(stderr, "fuzz_ingest: %s: store has %llu observations, "
		    "%llu files, %llu rejects, %llu history; expected %llu, "
		    "%llu, %llu, 0\n", run, ss.observations, ss.files,
		    ss.rejects, ss.history, obs, files, rejects);
		abort();
	}
}

static int
run(struct store *st, const struct ingest_opts *o, struct ingest_result *res,
    struct seen *s)
{
	struct ingest_sink sink = { s, on_reject, on_note, on_finish };
	struct pm_err err = PM_ERR_INIT;

	memset(s, 0, sizeof(*s));
	return ingest_file(st, cat, path, "fuzz.csv", o, &sink, res, &err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A region for wide files without one (release tables by item),
	 * and every other input with rows of unknown indicators skipped
	 * instead of rejected: both paths run. */
	struct ingest_opts o = { .batch_rows = FUZZ_BATCH_ROWS,
		.region = "330000", .skip_unknown = size % 2 == 1 };
	struct ingest_result r1, r, d;
	struct seen s1, s;
	struct store *st = NULL;
	struct pm_err err = PM_ERR_INIT;
	const struct store_counts *n1 = &r1.n;
	bool stored;
	int rc;

	if (!ready)
		setup();
	write_input(data, size);
	if (store_open(NULL, STORE_MEMORY, &st, &err) != 0)
		die(err.msg);

	/* 1. A fresh store. */
	rc = run(st, &o, &r1, &s1);
	check_counts(&r1, &s1, rc, "ingest");
	if (r1.status != INGEST_INGESTED && r1.status != INGEST_FAILED)
		die("ingest: neither ingested nor failed");
	stored = r1.status == INGEST_INGESTED;
	if (n1->revised || n1->unchanged)
		die("ingest: revised or unchanged rows in a fresh store");
	if (stored && !s1.finished)
		die("ingest: committed without finish()");
	check_store(st, n1->inserted, stored, stored ? n1->rejected : 0,
	    "ingest");

	/* 2. The same bytes again. */
	rc = run(st, &o, &r, &s);
	check_counts(&r, &s, rc, "again");
	if (stored ? r.status != INGEST_SKIPPED || r.n.rows != 0 ||
	    s.rejects != 0 : r.status != INGEST_FAILED ||
	    memcmp(&r.n, n1, sizeof(r.n)) != 0)
		die("again: the same bytes were not skipped (or did not fail "
		    "alike)");
	if (strcmp(r.sha256, r1.sha256) != 0 ||
	    strcmp(r.encoding, r1.encoding) != 0)
		die("again: another digest or encoding for the same bytes");
	check_store(st, n1->inserted, stored, stored ? n1->rejected : 0,
	    "again");

	/* 3. Forced: every stored row unchanged. */
	if (stored) {
		o.force = true;
		rc = run(st, &o, &r, &s);
		o.force = false;
		check_counts(&r, &s, rc, "force");
		if (r.status != INGEST_INGESTED || r.n.rows != n1->rows ||
		    r.n.inserted != 0 || r.n.revised != 0 ||
		    r.n.unchanged != n1->inserted ||
		    r.n.rejected != n1->rejected || s.dups != s1.dups)
			die("force: the same bytes did not come out unchanged");
		check_store(st, n1->inserted, 2, 2 * n1->rejected, "force");
	}
	store_close(st);

	/* 4. Dry runs: the same verdicts, found without the store. */
	o.dry_run = true;
	rc = run(NULL, &o, &d, &s);
	check_counts(&d, &s, rc, "dry run");
	if (d.status != (stored ? INGEST_CHECKED : INGEST_FAILED))
		die("dry run: another status than the ingest");
	if (d.n.rows != n1->rows ||
	    d.n.rejected + s1.dups != n1->rejected ||
	    (stored && d.n.inserted != n1->inserted + s1.dups))
		die("dry run: other verdicts than the ingest");

	o.max_field = SMALL_FIELD;
	o.strict = true;
	rc = run(NULL, &o, &d, &s);
	/* Not the same rows as run 1: a header cut at the limit may no
	 * longer name a column, and its line then counts as data. */
	check_counts(&d, &s, rc, "dry run, strict, small fields");
	if (d.n.rejected && (d.status != INGEST_FAILED ||
	    d.n.rejected + d.n.skipped != d.n.rows))
		die("strict: a file with a rejected row did not fail whole");
	return 0;
}
