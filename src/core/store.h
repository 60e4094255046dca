/* core/store.h - the observation store: one SQLite file, its schema and
 * migrations, transactions, and every query pemetrics makes; or the same
 * on a PostgreSQL server (store_pg.c), when named by a URI.
 *
 * Only the store's files (store*.c) include <sqlite3.h> or <libpq-fe.h>
 * or hold SQL. Never parses CSV, formats output or exits.
 *
 * Model. An observation is keyed by (indicator, region, period, basis);
 * indicator and region are small integer ids interned from their codes,
 * the period is period_key() (frequency first, then time), basis is 0 for
 * the value of the period alone and 1 for year-to-date. Each key has one
 * current value; a newer, different value for it is a revision and moves
 * the old one to the history with the file it came from. Every ingested
 * file is recorded with its SHA-256, so the same content is recognised.
 *
 * Concurrency. WAL mode: readers never block the writer nor the reverse.
 * A writer that finds another writer waits up to the busy timeout, then
 * fails with PM_EBUSY. On PostgreSQL writers of different files do not
 * wait for each other; a handle reads one snapshot until it writes.
 */
#ifndef PM_CORE_STORE_H
#define PM_CORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define STORE_SCHEMA_VERSION 5
#define STORE_BUSY_TIMEOUT_MS 10000

enum store_basis { BASIS_PERIOD = 0, BASIS_YTD = 1 };

enum store_flags {
	STORE_READONLY = 1 << 0,        /* never create or write */
	STORE_MEMORY = 1 << 1,          /* path ignored: a private in-memory
					 * store (tests, fuzzing) */
	STORE_URI_IMMUTABLE = 1 << 2,   /* path is a file: URI: store_open()'s
					 * own retry of a read-only store in
					 * a folder it cannot write */
	STORE_EXISTING = 1 << 3,        /* writable, but never create the
					 * store: it must be there (report) */
};

struct store;

/* Whether 'db' names a store on a PostgreSQL server, by a URI
 * (postgresql://... or postgres://...), rather than a SQLite file. */
bool store_is_uri(const char *db);
/* 'db' as every message shows it: a URI's password replaced by "***".
 * Truncated to n bytes (with the NUL). */
void store_shown(const char *db, char *out, size_t n);

/* Open or create the store at 'path' (a file, or a URI: store_is_uri()),
 * migrating it to the current schema.
 * On success *out belongs to the caller: store_close() it. PM_EBUSY when
 * another process holds it past the busy timeout, PM_EIO when it cannot
 * be opened or written, PM_EDATA when it is not a pemetrics store or is
 * newer than this program. */
int store_open(const char *path, unsigned flags, struct store **out,
    struct pm_err *err);
void store_close(struct store *st);             /* NULL is a no-op */

/* Transactions: store_begin() takes the write lock (waiting up to the busy
 * timeout). store_commit() rolls back by itself when it fails. */
int store_begin(struct store *st, struct pm_err *err);
int store_commit(struct store *st, struct pm_err *err);
void store_rollback(struct store *st);

/* One snapshot for everything a command reads: between store_read_begin()
 * and store_read_end() every read sees the store as it was at the begin,
 * whatever ingests commit meanwhile (a summary, a report and its charts
 * never mix two versions of the data). No store_begin() in between: end
 * the read first. store_close() ends it too. */
int store_read_begin(struct store *st, struct pm_err *err);
void store_read_end(struct store *st);

/* Intern a code, giving its small integer id. An indicator is stored in
 * one unit for ever: asking with another unit is PM_EDATA. */
int store_indicator_id(struct store *st, const char *code, const char *unit,
    int *id, struct pm_err *err);
int store_region_id(struct store *st, const char *code, int *id,
    struct pm_err *err);

/* Files. */
struct store_file {
	const char *sha256;     /* 64 hex digits of the raw content */
	const char *name;       /* as given on the command line */
	const char *encoding;
	unsigned long long bytes;
};

struct store_counts {
	unsigned long rows;     /* data rows read = the five below */
	unsigned long inserted, revised, unchanged, rejected;
	unsigned long skipped;  /* "not published" cells: '—', '…', ... */
};

/* Id of the latest ingest of content 'sha256' in *id, or PM_ENOTFOUND. */
int store_file_find(struct store *st, const char *sha256, long long *id,
    struct pm_err *err);
/* Record a file being ingested (inside the file's transaction). */
int store_file_add(struct store *st, const struct store_file *f,
    long long *id, struct pm_err *err);
int store_file_done(struct store *st, long long id,
    const struct store_counts *n, struct pm_err *err);

/* Observations. */
struct store_obs {
	int ind, reg;           /* interned ids */
	int period;             /* period_key() */
	enum store_basis basis;
	double value;           /* in the indicator's stored unit */
	bool has_yoy;
	double yoy;             /* growth as published, percent */
	char status;            /* SDMX OBS_STATUS 'A', 'P', 'E', 'B', 'F';
				 * 0 when not given */
	long long prov;         /* store_prov_id() of its source and note;
				 * 0 when it has neither */
};

/* The store's key order: indicator, region, period, basis (ids and key as
 * in struct store_obs). Batches given to store_put_batch() follow it.
 * Inline: ingest calls it per row and in its sorts. */
static inline int
store_key_cmp(const struct store_obs *a, const struct store_obs *b)
{
	if (a->ind != b->ind)
		return a->ind < b->ind ? -1 : 1;
	if (a->reg != b->reg)
		return a->reg < b->reg ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	return (a->basis > b->basis) - (a->basis < b->basis);
}

enum store_put {
	PUT_INSERTED,
	PUT_REVISED,            /* old value moved to the history */
	PUT_UNCHANGED,
	PUT_DUPLICATE,          /* key already given by this same file */
};

/* Id of a source and note pair (schema version 4), NULL or "" when not
 * given, created when new; 0 when both are empty. Inside the file's
 * transaction. */
int store_prov_id(struct store *st, const char *source, const char *note,
    long long *id, struct pm_err *err);

/* The stored value of the same series, basis and frequency as 'o' just
 * before o->period (in the same year only when 'same_year'): *found says
 * whether there is one. For plausibility checks. */
int store_prev_value(struct store *st, const struct store_obs *o,
    bool same_year, bool *found, double *value, int *period,
    struct pm_err *err);

/* The sources of the current observations of one indicator in one region
 * (codes), each once, in the order of the first period they give, joined
 * with "; " into 'out' (appended; nothing when none is known). */
struct buf;
int store_sources(struct store *st, const char *indicator, const char *region,
    struct buf *out, struct pm_err *err);

/* Every current observation of region 'region' (code) with a status, a
 * source or a note, in (indicator code, period) order; strings borrowed
 * until fn returns ("" when absent), status 0 when none. A non-zero
 * return from fn stops the scan and is returned. */
typedef int (*store_prov_fn)(void *ctx, const char *indicator, int period,
    char status, const char *source, const char *note);
int store_prov_scan(struct store *st, const char *region, store_prov_fn fn,
    void *ctx, struct pm_err *err);

/* True in *any when some observation has a status, source or note. */
int store_has_provenance(struct store *st, bool *any, struct pm_err *err);

/* Store 'o' as stated by line 'line' of file 'file'. *res says what
 * happened; for PUT_DUPLICATE *dup_line is the earlier line. */
int store_put(struct store *st, const struct store_obs *o, long long file,
    unsigned long line, enum store_put *res, unsigned long *dup_line,
    struct pm_err *err);

/* Store a batch: n rows, each at the start of an element of 'size' bytes
 * (as with qsort), sorted by key (ind, reg, period, basis) with no key
 * twice. Sets each row's res (and dup_line) as store_put() would. New
 * keys go in with one statement for the whole batch; only the rows whose
 * key is already stored take store_put()'s path. */
struct store_put_row {
	struct store_obs o;
	unsigned long line;
	enum store_put res;             /* out */
	unsigned long dup_line;         /* out, for PUT_DUPLICATE */
};

int store_put_batch(struct store *st, void *rows, size_t n, size_t size,
    long long file, struct pm_err *err);

/* Remember a rejected row (for reports), inside the file's transaction,
 * with the raw text of its period cell (NULL or empty: it had none), by
 * which a report places it in its period. */
int store_reject_add(struct store *st, long long file, unsigned long line,
    const char *reason, const char *period, size_t period_len,
    struct pm_err *err);

/* Every current observation in (indicator code, region code, period,
 * basis) order. The row's strings are borrowed until fn returns; a
 * non-zero return from fn stops the scan and is returned. */
struct store_row {
	const char *indicator, *region, *unit;
	int period;
	enum store_basis basis;
	double value;
	bool has_yoy;
	double yoy;
	char status;            /* 0 when none */
	const char *source, *note;      /* NULL when none */
};
typedef int (*store_row_fn)(void *ctx, const struct store_row *row);
int store_scan(struct store *st, store_row_fn fn, void *ctx,
    struct pm_err *err);

/* The observations of one indicator in one region, by codes, in period
 * key order. *out is a new array owned by the caller (free()); *n may be
 * 0 (then *out is NULL). */
struct obs;
int store_series(struct store *st, const char *indicator, const char *region,
    struct obs **out, size_t *n, struct pm_err *err);

/* Consolidated points (schema version 5; core/cons.h says what they
 * are). By interned ids, inside a write transaction where they write. */
struct cons_row;

/* The observations of series (ind, reg) of years y0..y1 (every
 * frequency), in the order store_series() gives them. */
int store_obs_years(struct store *st, int ind, int reg, int y0, int y1,
    struct obs **out, size_t *n, struct pm_err *err);
/* The regions that have observations of indicator 'ind', ids ascending. */
int store_obs_regions(struct store *st, int ind, int **out, size_t *n,
    struct pm_err *err);
/* Replace the rows of years y0..y1 (yearly and quarterly) of series
 * (ind, reg) with rows[0..n-1], whose periods lie in those years. */
int store_cons_put(struct store *st, int ind, int reg, int y0, int y1,
    const struct cons_row *rows, size_t n, struct pm_err *err);
/* Delete every row of indicator 'ind' and record the kind (enum
 * ind_kind) the rows to come are built with; -1: none. */
int store_cons_reset(struct store *st, int ind, int kind,
    struct pm_err *err);

/* Inside a write transaction: wait for other writers consolidating
 * indicator 'ind' (on PostgreSQL; SQLite has one writer), until the end
 * of the transaction. */
int store_cons_lock(struct store *st, int ind, struct pm_err *err);

/* Every interned indicator with the kind its rows are built with (-1:
 * not consolidated), ids ascending. Free with the function below. */
struct store_cons_ind {
	int id, kind;
	char *code;
};
int store_cons_indicators(struct store *st, struct store_cons_ind **out,
    size_t *n, struct pm_err *err);
void store_cons_indicators_free(struct store_cons_ind *v, size_t n);
/* The regions that have observations or rows of indicator 'ind'. */
struct store_cons_reg {
	int id;
	char *code;
};
int store_cons_regions(struct store *st, int ind, struct store_cons_reg **out,
    size_t *n, struct pm_err *err);
void store_cons_regions_free(struct store_cons_reg *v, size_t n);
/* Every row of series (ind, reg), in period key order. */
int store_cons_rows(struct store *st, int ind, int reg, struct cons_row **out,
    size_t *n, struct pm_err *err);
/* For readers, by codes: the kind the indicator's rows are built with
 * (-1: none, and then no rows) and the series' yearly rows, with its
 * quarterly ones too when 'freq' is FREQ_Q, in period key order. */
int store_cons_get(struct store *st, const char *indicator,
    const char *region, int freq, int *kind, struct cons_row **out,
    size_t *n, struct pm_err *err);

/* The latest period key with data (any indicator, region and frequency,
 * compared by period end), or PM_ENOTFOUND when the store is empty. */
int store_latest_period(struct store *st, int *period, struct pm_err *err);

/* Totals, for tests and the ingest summary. */
struct store_stats {
	unsigned long long observations, history, files, rejects;
};
int store_stats(struct store *st, struct store_stats *s, struct pm_err *err);

/* Reports (schema version 2). Every report made is recorded with the
 * statuses it showed, so that the next one can say what changed since.
 * 'last_file' is the id of the latest ingested file when the report read
 * the store: files with a larger id came after it. */

/* From now on, wait at most 'ms' milliseconds for a lock held by another
 * process (store_open() sets STORE_BUSY_TIMEOUT_MS). */
void store_busy_wait(struct store *st, int ms);

/* The id of the latest file ingested, 0 when none. */
int store_file_last(struct store *st, long long *id, struct pm_err *err);

/* One status a report showed: level "policy", "system", "measure" or
 * "indicator", the catalogue code, progress_status_code() and the score. */
struct store_report_status {
	const char *level, *code, *status;
	bool has_score;
	double score;
};

#define STORE_TIME_MAX 32       /* bytes of an ISO 8601 UTC time */

struct store_report {
	long long id;
	int period;                     /* period_key() of its as-of */
	char made_at[STORE_TIME_MAX];   /* ISO 8601 UTC */
	long long last_file;
};

/* Record a report of 'region' (a code) as of 'period' (a key), made now,
 * with its n statuses; *id (may be NULL) gets its id. Call inside a
 * transaction (store_begin) so that it is recorded whole or not at all. */
int store_report_add(struct store *st, const char *region, int period,
    long long last_file, const struct store_report_status *v, size_t n,
    long long *id, struct pm_err *err);

/* The report of 'region' whose as-of period ends latest before the end of
 * 'period' (periods of any frequency compared by their last month; among
 * reports of that period the one made last), or PM_ENOTFOUND. */
int store_report_prev(struct store *st, const char *region, int period,
    struct store_report *out, struct pm_err *err);

/* The statuses of report 'id'; the strings are borrowed until fn returns,
 * a non-zero return from fn stops the scan and is returned. */
typedef int (*store_status_fn)(void *ctx,
    const struct store_report_status *s);
int store_report_statuses(struct store *st, long long id, store_status_fn fn,
    void *ctx, struct pm_err *err);

/* Revisions made by files with an id above 'after_file': each history row
 * whose replacing file came later, with the value it replaced, the file
 * that had stated that value, the replacing file and the value stored now.
 * In (indicator code, region code, period, basis) order, and for one key
 * in the order the replacements happened. Strings borrowed as above. */
struct store_revision {
	const char *indicator, *region;
	int period;
	enum store_basis basis;
	double old_value;
	long long old_file;             /* the file that stated old_value */
	long long by_file;              /* the file that replaced it */
	const char *by_name;            /* its name, as given to ingest */
	const char *by_at;              /* when it was ingested, ISO 8601 */
	bool has_current;
	double current;                 /* the value stored now */
};
typedef int (*store_revision_fn)(void *ctx, const struct store_revision *r);
int store_revisions(struct store *st, long long after_file,
    store_revision_fn fn, void *ctx, struct pm_err *err);

/* A range of period keys, both ends included. */
struct store_key_range {
	int lo, hi;
};

/* Every rejected row of the files with an id up to 'last_file', in file
 * and line order, with its file's counts, the raw period text and
 * whether that file stored a value (still stored or since revised) of a
 * period whose key lies in one of the 'nwin' ranges. Strings borrowed
 * as above. */
struct store_reject {
	long long file;
	const char *name;               /* as given to ingest */
	const char *ingested_at;        /* ISO 8601 UTC */
	unsigned long rows;             /* data rows the file had */
	unsigned long nrejected;        /* of them rejected */
	unsigned long line;
	const char *reason;
	const char *period;             /* raw period text; NULL: not
					 * recorded */
	bool file_in_window;            /* the file gave a value of a
					 * period in the ranges */
};
typedef int (*store_reject_fn)(void *ctx, const struct store_reject *r);
int store_rejects(struct store *st, long long last_file,
    const struct store_key_range *win, size_t nwin, store_reject_fn fn,
    void *ctx, struct pm_err *err);

/* A whole store, table by table: what "store copy" moves between
 * backends and counts on both sides after. */
enum store_table {
	STORE_T_INDICATOR, STORE_T_REGION, STORE_T_FILE, STORE_T_OBS,
	STORE_T_HISTORY, STORE_T_REJECT, STORE_T_REPORT, STORE_T_STATUS,
	STORE_T_PROV, STORE_T_CONS, STORE_NTABLES
};

struct store_totals {
	unsigned long long rows[STORE_NTABLES];
};

/* The table's name, for messages ("obs", "report_status"). */
const char *store_table_name(enum store_table t);
/* The rows of every table. */
int store_totals(struct store *st, struct store_totals *t,
    struct pm_err *err);
/* Copy every row of every table of 'from' into 'to', which must be empty
 * (PM_EDATA otherwise), ids kept, in one transaction of 'to'; then count
 * both: *t gets the totals, PM_EIO when they differ. */
int store_copy(struct store *from, struct store *to, struct store_totals *t,
    struct pm_err *err);

#endif /* PM_CORE_STORE_H */
