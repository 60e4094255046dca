#include "core/store.h"

#include <assert.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/obs.h"
#include "core/period.h"
#include "core/store_int.h"
#include "core/store_pg.h"
#include "core/store_rows.h"
#include "util/buf.h"
#include "util/outfile.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Schema, version 1. Integer keys in key order: observations sit in a
 * WITHOUT ROWID table clustered on (ind, reg, period, basis), so a series
 * (one indicator in one region) is one contiguous range of the b-tree and
 * an ingest touches one index only. 'file' and 'line' say which input last
 * stated the value; they also find a key repeated inside one file without
 * keeping the file's keys in memory. */
static const char schema_v1[] =
	"CREATE TABLE indicator("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  unit TEXT NOT NULL);"
	"CREATE TABLE region("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE);"
	"CREATE TABLE file("
	"  id INTEGER PRIMARY KEY,"
	"  sha256 TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  encoding TEXT NOT NULL,"
	"  bytes INTEGER NOT NULL,"
	"  ingested_at TEXT NOT NULL,"        /* ISO 8601, UTC */
	"  rows INTEGER, inserted INTEGER, revised INTEGER,"
	"  unchanged INTEGER, rejected INTEGER);"
	"CREATE INDEX file_sha ON file(sha256);"
	"CREATE TABLE obs("
	"  ind INTEGER NOT NULL,"
	"  reg INTEGER NOT NULL,"
	"  period INTEGER NOT NULL,"          /* period_key() */
	"  basis INTEGER NOT NULL,"           /* 0 period, 1 ytd */
	"  value REAL NOT NULL,"
	"  yoy REAL,"                         /* published growth, % */
	"  file INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  PRIMARY KEY(ind, reg, period, basis)) WITHOUT ROWID;"
	"CREATE TABLE history("
	"  ind INTEGER NOT NULL, reg INTEGER NOT NULL,"
	"  period INTEGER NOT NULL, basis INTEGER NOT NULL,"
	"  value REAL NOT NULL, yoy REAL,"
	"  file INTEGER NOT NULL, line INTEGER NOT NULL,"
	"  replaced_by INTEGER NOT NULL);"    /* the file that revised it */
	"CREATE INDEX history_key ON history(ind, reg, period, basis);"
	"CREATE TABLE reject("
	"  file INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  reason TEXT NOT NULL);";


static const char *const stmt_sql[S_NSTMT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_IND_GET] = "SELECT id, unit FROM indicator WHERE code = ?1",
	[S_IND_ADD] = "INSERT INTO indicator(code, unit) VALUES(?1, ?2)",
	[S_REG_GET] = "SELECT id FROM region WHERE code = ?1",
	[S_REG_ADD] = "INSERT INTO region(code) VALUES(?1)",
	[S_FILE_FIND] = "SELECT max(id) FROM file WHERE sha256 = ?1",
	[S_FILE_ADD] = "INSERT INTO file(sha256, name, encoding, bytes,"
	    " ingested_at) VALUES(?1, ?2, ?3, ?4, ?5)",
	[S_FILE_DONE] = "UPDATE file SET rows = ?2, inserted = ?3,"
	    " revised = ?4, unchanged = ?5, rejected = ?6, skipped = ?7"
	    " WHERE id = ?1",
	[S_OBS_INS] = "INSERT INTO obs(ind, reg, period, basis, value, yoy,"
	    " file, line, status, prov) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	    " ?9, ?10) ON CONFLICT DO NOTHING",
	/* A batch at once. "WHERE true" tells the parser that ON starts
	 * the upsert, not a join. A key already stored is left alone and
	 * handed to pm_conflict(), which notes its row for store_put()'s
	 * path; the WHERE of the DO UPDATE is false, so nothing is
	 * written for it here. */
	[S_OBS_BATCH] = "INSERT INTO obs(ind, reg, period, basis, value, yoy,"
	    " file, line, status, prov) SELECT ind, reg, period, basis, value,"
	    " yoy, ?2, line, status, prov FROM pm_rows(?1) WHERE true ON CONFLICT(ind, reg, period, basis)"
	    " DO UPDATE SET line = obs.line WHERE pm_conflict(excluded.ind,"
	    " excluded.reg, excluded.period, excluded.basis)",
	[S_OBS_GET] = "SELECT value, yoy, file, line, status, prov FROM obs"
	    " WHERE ind = ?1 AND reg = ?2 AND period = ?3 AND basis = ?4",
	[S_OBS_SET] = "UPDATE obs SET value = ?5, yoy = ?6, file = ?7,"
	    " line = ?8, status = ?9, prov = ?10 WHERE ind = ?1 AND reg = ?2"
	    " AND period = ?3 AND basis = ?4",
	[S_OBS_SEEN] = "UPDATE obs SET file = ?5, line = ?6 WHERE ind = ?1"
	    " AND reg = ?2 AND period = ?3 AND basis = ?4",
	[S_HIST_ADD] = "INSERT INTO history(ind, reg, period, basis, value,"
	    " yoy, file, line, replaced_by, status, prov)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_PREV] = "SELECT value, period FROM obs WHERE ind = ?1 AND reg = ?2"
	    " AND basis = ?4 AND period < ?3 AND period >= ?5"
	    " ORDER BY period DESC LIMIT 1",
	[S_PROV_GET] = "SELECT id FROM prov WHERE source = ?1 AND note = ?2",
	[S_PROV_ADD] = "INSERT INTO prov(source, note) VALUES(?1, ?2)",
	[S_REJECT_ADD] = "INSERT INTO reject(file, line, reason, period)"
	    " VALUES(?1, ?2, ?3, ?4)",
	/* One contiguous range of the obs b-tree. */
	[S_SERIES] = "SELECT o.period, o.basis, o.value, o.yoy, o.status"
	    " FROM obs o"
	    " WHERE o.ind = (SELECT id FROM indicator WHERE code = ?1)"
	    " AND o.reg = (SELECT id FROM region WHERE code = ?2)"
	    " ORDER BY o.period, o.basis",
	/* The latest period of each series at each frequency: one b-tree
	 * seek each (keys are freq * 10^6 + year * 100 + sub, so a
	 * frequency is a key range), not a scan of every observation. */
	[S_PERIODS] = "WITH f(lo, hi) AS (VALUES (1000000, 1999999),"
	    " (2000000, 2999999), (3000000, 3999999), (4000000, 4999999))"
	    " SELECT DISTINCT m FROM (SELECT (SELECT max(o.period) FROM obs o"
	    " WHERE o.ind = i.id AND o.reg = r.id AND o.period BETWEEN f.lo"
	    " AND f.hi) AS m FROM indicator i, region r, f)"
	    " WHERE m IS NOT NULL",
};


/* One place maps SQLite's result codes to ours. */
int
store_fail_db(struct store *st, int rc, const char *what,
    struct pm_err *err)
{
	enum pm_status code;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = PM_EBUSY;
		break;
	case SQLITE_CONSTRAINT:
		code = PM_EDATA;
		break;
	/* A damaged store, or a file that is not one, is the system's
	 * trouble (exit 4), not rejected data. */
	default:
		code = PM_EIO;
		break;
	}
	if (code == PM_EBUSY)
		return pm_fail(err, code, st->path, 0,
		    "store is locked by another process (%s)", what);
	return pm_fail(err, code, st->path, 0, "%s: %s", what,
	    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
}

static int
prep(struct store *st, enum stmt_id id, sqlite3_stmt **out,
    struct pm_err *err)
{
	int rc;

	if (st->stmt[id] == NULL) {
		rc = sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL);
		if (rc != SQLITE_OK)
			return store_fail_db(st, rc, "prepare", err);
	}
	*out = st->stmt[id];
	return 0;
}

/* Run a statement that returns no rows (or whose rows are not wanted). */
int
store_run(struct store *st, sqlite3_stmt *s, const char *what,
    struct pm_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail_db(st, rc, what, err);
	return 0;
}

static int
exec(struct store *st, const char *sql, const char *what, struct pm_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail_db(st, rc, what, err);
}

static int
user_version(struct store *st, int *v, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL);

	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "read schema version", err);
	rc = sqlite3_step(s);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail_db(st, rc, "read schema version", err);
	return 0;
}

/* Bring the schema to STORE_SCHEMA_VERSION, one step per version, each in
 * the same transaction as its user_version bump. */
static int
migrate(struct store *st, bool readonly, struct pm_err *err)
{
	int v, rc;

	if ((rc = user_version(st, &v, err)) != 0)
		return rc;
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	if (v > STORE_SCHEMA_VERSION)
		return pm_fail(err, PM_EIO, st->path, 0,
		    "store schema version %d is newer than this pemetrics "
		    "(%d): upgrade pemetrics", v, STORE_SCHEMA_VERSION);
	if (readonly)
		return PM_ENOTFOUND;    /* store_open() reopens to migrate */
	if ((rc = exec(st, "BEGIN IMMEDIATE", "begin migration", err)) != 0)
		return rc;
	if ((rc = user_version(st, &v, err)) != 0)     /* raced? */
		goto fail;
	if (v == 0) {
		sqlite3_stmt *s = NULL;
		bool empty;

		rc = sqlite3_prepare_v2(st->db,
		    "SELECT count(*) FROM sqlite_schema", -1, &s, NULL);
		if (rc != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_finalize(s);
			rc = store_fail_db(st, rc, "read schema", err);
			goto fail;
		}
		empty = sqlite3_column_int(s, 0) == 0;
		sqlite3_finalize(s);
		if (!empty) {
			rc = pm_fail(err, PM_EIO, st->path, 0,
			    "not a pemetrics store (it has other tables)");
			goto fail;
		}
		if ((rc = exec(st, schema_v1, "create schema", err)) != 0)
			goto fail;
		v = 1;
	}
	/* Version 2: the reports made, and the statuses each one showed
	 * (what "changed since the last report" compares with). */
	if (v == 1) {
		rc = exec(st,
		    "CREATE TABLE report("
		    "  id INTEGER PRIMARY KEY,"
		    "  region TEXT NOT NULL,"           /* region code */
		    "  period INTEGER NOT NULL,"        /* period_key() */
		    "  made_at TEXT NOT NULL,"          /* ISO 8601, UTC */
		    "  last_file INTEGER NOT NULL);"    /* newest file seen */
		    "CREATE INDEX report_region ON report(region, period);"
		    "CREATE TABLE report_status("
		    "  report INTEGER NOT NULL,"
		    "  level TEXT NOT NULL,"            /* policy, system, ... */
		    "  code TEXT NOT NULL,"
		    "  status TEXT NOT NULL,"           /* progress code */
		    "  score REAL,"
		    "  PRIMARY KEY(report, level, code)) WITHOUT ROWID;",
		    "migrate schema to version 2", err);
		if (rc != 0)
			goto fail;
		v = 2;
	}
	/* Version 3: the raw period text of a rejected row (NULL where it
	 * was not recorded), so that a report lists the rejects of its
	 * period only. */
	if (v == 2) {
		rc = exec(st, "ALTER TABLE reject ADD COLUMN period TEXT",
		    "migrate schema to version 3", err);
		if (rc != 0)
			goto fail;
		v = 3;
	}
	/* Version 4: where a value comes from and what it is. 'status' is
	 * the SDMX observation status (A, P, E, B, F), 'prov' the source
	 * and note of the release, shared by the values of one release; a
	 * revision keeps the old ones in the history. The skipped count of
	 * a file ("not published" cells). */
	if (v == 3) {
		rc = exec(st,
		    "CREATE TABLE prov("
		    "  id INTEGER PRIMARY KEY,"
		    "  source TEXT NOT NULL,"
		    "  note TEXT NOT NULL,"
		    "  UNIQUE(source, note));"
		    "ALTER TABLE obs ADD COLUMN status TEXT;"
		    "ALTER TABLE obs ADD COLUMN prov INTEGER;"
		    "ALTER TABLE history ADD COLUMN status TEXT;"
		    "ALTER TABLE history ADD COLUMN prov INTEGER;"
		    "ALTER TABLE file ADD COLUMN skipped INTEGER;",
		    "migrate schema to version 4", err);
		if (rc != 0)
			goto fail;
		v = 4;
	}
	/* Version 5: the consolidated points of every series (core/cons.h):
	 * yearly and quarterly, keyed like obs, with the kind of indicator
	 * they were built with (NULL: none yet; the next ingest builds
	 * them). 'flags': 1 a point (else a year with observations and no
	 * yearly point), 2 complete, 4 combined, 8 ytd, 16 at_end,
	 * 32 yoy_pub_derived, 64 yoy_mismatch, 128 brk; status is the
	 * character's code, 0 none; a NULL growth is none; 'last_end' the
	 * latest month (year * 12 + month) an observation of the row's year
	 * or the year before ends in. */
	if (v == 4) {
		rc = exec(st,
		    "ALTER TABLE indicator ADD COLUMN cons_kind INTEGER;"
		    "CREATE TABLE cons("
		    "  ind INTEGER NOT NULL,"
		    "  reg INTEGER NOT NULL,"
		    "  period INTEGER NOT NULL,"        /* a year or quarter */
		    "  flags INTEGER NOT NULL,"
		    "  value REAL,"
		    "  months INTEGER NOT NULL,"
		    "  mask INTEGER NOT NULL,"
		    "  status INTEGER NOT NULL,"
		    "  yoy REAL, chg REAL, yoy_pub REAL, pop REAL,"
		    "  decimals INTEGER NOT NULL,"
		    "  last_end INTEGER NOT NULL,"
		    "  PRIMARY KEY(ind, reg, period)) WITHOUT ROWID;",
		    "migrate schema to version 5", err);
		if (rc != 0)
			goto fail;
		v = 5;
	}
	if ((rc = exec(st, "PRAGMA user_version = 5", "set schema version",
	    err)) != 0)
		goto fail;
	return exec(st, "COMMIT", "commit migration", err);
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* pm_conflict(ind, reg, period, basis): called by S_OBS_BATCH for a key
 * already stored; notes which row of the batch has it. Returns false. */
static void
on_conflict(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	const struct store_rows *b = st->batch;
	struct store_obs key;
	size_t lo = 0, hi = b ? b->n : 0;

	(void)argc;
	memset(&key, 0, sizeof(key));
	key.ind = sqlite3_value_int(argv[0]);
	key.reg = sqlite3_value_int(argv[1]);
	key.period = sqlite3_value_int(argv[2]);
	key.basis = (enum store_basis)sqlite3_value_int(argv[3]);
	while (lo < hi) {               /* the batch is in key order */
		size_t mid = lo + (hi - lo) / 2;
		int c = store_key_cmp(&store_rows_at(b, mid)->o, &key);

		if (c == 0) {
			if (st->nconflict == st->conflict_cap) {
				st->conflict_cap = st->conflict_cap ?
				    2 * st->conflict_cap : 256;
				st->conflict = xreallocarray(st->conflict,
				    st->conflict_cap, sizeof(*st->conflict));
			}
			st->conflict[st->nconflict++] = mid;
			sqlite3_result_int(ctx, 0);
			return;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	sqlite3_result_error(ctx, "pm_conflict: key not in the batch "
	    "(batch not in key order?)", -1);
}

/* A store that only may be read: a WAL store needs its -shm file, made
 * in the store's folder by the first reader. In a folder this user
 * cannot write, with no -wal file (no writer at work and none stopped
 * half-way), the store file holds every commit and is read as
 * immutable. Otherwise the message says what reading needs. */
static int
open_readonly_elsewise(const char *path, unsigned flags, struct store **out,
    struct pm_err *err)
{
	struct buf dir = BUF_INIT, wal = BUF_INIT, uri = BUF_INIT;
	const char *p;
	int rc;

	outfile_dir(&dir, path);
	buf_addf(&wal, "%s-wal", path);
	if (access(dir.data, W_OK) == 0 || access(path, R_OK) != 0) {
		rc = PM_ENOTFOUND;      /* not that case: the first error */
		goto out;
	}
	if (access(wal.data, F_OK) == 0) {
		rc = pm_fail(err, PM_EIO, path, 0, "cannot read the store: "
		    "its folder '%s' is not writable, and a writer's '%s' is "
		    "there; reading a store in WAL mode then needs write "
		    "access to the folder", dir.data, wal.data);
		goto out;
	}
	buf_adds(&uri, "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&uri, "%%%02x", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	}
	buf_adds(&uri, "?immutable=1");
	rc = store_open(uri.data, flags | STORE_URI_IMMUTABLE, out, err);
out:
	buf_release(&dir);
	buf_release(&wal);
	buf_release(&uri);
	return rc;
}

int
store_open(const char *path, unsigned flags, struct store **out,
    struct pm_err *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	bool ro = flags & STORE_READONLY, mem = flags & STORE_MEMORY;
	bool existing = ro || (flags & STORE_EXISTING);
	int oflags = ro ? SQLITE_OPEN_READONLY : existing ?
	    SQLITE_OPEN_READWRITE : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc;

	*out = NULL;
	if (!mem && store_is_uri(path)) {
		char shown[512];

		store_shown(path, shown, sizeof(shown));
		st->path = xstrdup(shown);
		if ((rc = store_pg_open(path, flags, &st->pg, err)) != 0)
			goto fail;
		*out = st;
		return 0;
	}
	st->path = xstrdup(mem ? ":memory:" : path);
	oflags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	if (flags & STORE_URI_IMMUTABLE)
		oflags |= SQLITE_OPEN_URI;
	if (mem)
		oflags |= SQLITE_OPEN_MEMORY;
	rc = sqlite3_open_v2(st->path, &st->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		if (existing && (rc & 0xff) == SQLITE_CANTOPEN)
			rc = pm_fail(err, PM_EIO, st->path, 0,
			    "cannot open store (ingest a file first?)");
		else
			rc = store_fail_db(st, rc, "cannot open store", err);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	/* WAL: readers and the one writer do not block each other, and a
	 * commit is one append. synchronous=FULL syncs the WAL at each
	 * commit: the inbox moves a file out of the inbox once its commit
	 * returns, and that commit must survive a power cut (NORMAL would
	 * make it durable only at the next checkpoint, and an archived file
	 * whose rows were lost would never be seen again). It costs one
	 * fsync per transaction, and an ingest is one transaction per file. */
	if (!ro && !mem) {
		/* Pages of 16 KiB for a new store (a no-op on one that has
		 * tables): a quarter of the pages to split, log and copy back
		 * at the checkpoint; 10^6 rows ingest in 0.78x the time of 4
		 * KiB pages. Set before WAL mode, which fixes the size. */
		rc = exec(st, "PRAGMA page_size = 16384", "set page size", err);
		if (rc == 0)
			rc = exec(st, "PRAGMA journal_mode = WAL",
			    "set WAL mode", err);
		if (rc != 0)
			goto fail;
	}
	rc = exec(st, "PRAGMA synchronous = FULL;"
	    "PRAGMA cache_size = -16384;"       /* 16 MiB, flat memory */
	    "PRAGMA foreign_keys = OFF", "set pragmas", err);
	if (rc != 0 && ro && !(flags & STORE_URI_IMMUTABLE)) {
		int r2;

		store_close(st);
		st = NULL;
		r2 = open_readonly_elsewise(path, flags, out, err);
		return r2 == PM_ENOTFOUND ? rc : r2;
	}
	if (rc != 0)
		goto fail;
	if ((rc = store_rows_register(st->db)) != SQLITE_OK ||
	    (rc = sqlite3_create_function_v2(st->db, "pm_conflict", 4,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, st, on_conflict, NULL, NULL,
	    NULL)) != SQLITE_OK) {
		rc = store_fail_db(st, rc, "register functions", err);
		goto fail;
	}
	if ((rc = migrate(st, ro, err)) == PM_ENOTFOUND) {
		/* A store of an older schema, opened to be read: upgrade it
		 * once with a writable handle, then read as asked. */
		store_close(st);
		if ((rc = store_open(path, flags & ~STORE_READONLY, out,
		    err)) != 0)
			return rc;
		store_close(*out);
		*out = NULL;
		return store_open(path, flags, out, err);
	}
	if (rc != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return rc;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	if (st->in_txn)
		store_rollback(st);
	store_read_end(st);
	store_pg_close(st->pg);
	for (i = 0; i < S_NSTMT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (i = 0; i < SC_NSTMT; i++)
		sqlite3_finalize(st->cstmt[i]);
	sqlite3_close(st->db);
	free(st->conflict);
	free(st->path);
	free(st);
}

int
store_begin(struct store *st, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_begin(st->pg, err);
	if ((rc = prep(st, S_BEGIN, &s, err)) != 0)
		return rc;
	if ((rc = store_run(st, s, "begin transaction", err)) != 0)
		return rc;
	st->in_txn = true;
	return 0;
}

int
store_commit(struct store *st, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_commit(st->pg, err);
	if ((rc = prep(st, S_COMMIT, &s, err)) != 0 ||
	    (rc = store_run(st, s, "commit", err)) != 0) {
		store_rollback(st);
		return rc;
	}
	st->in_txn = false;
	return 0;
}

void
store_rollback(struct store *st)
{
	/* Not a prepared statement: after some errors SQLite has already
	 * rolled back, and then this one fails harmlessly. */
	if (st->pg) {
		store_pg_rollback(st->pg);
		return;
	}
	if (st->in_txn)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_txn = false;
}

int
store_read_begin(struct store *st, struct pm_err *err)
{
	int rc;

	/* PostgreSQL: a handle reads one snapshot already (store_pg.c). */
	if (st->pg)
		return 0;
	assert(!st->in_txn && !st->in_read);
	/* A deferred transaction takes its snapshot at its first read:
	 * read now, so the snapshot is the one of this moment. */
	if ((rc = exec(st, "BEGIN DEFERRED; SELECT count(*) FROM "
	    "sqlite_master", "begin reading", err)) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	st->in_read = true;
	return 0;
}

void
store_read_end(struct store *st)
{
	/* Nothing was written: ending it cannot lose anything. */
	if (st->in_read)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_read = false;
}

static int
intern(struct store *st, enum stmt_id get, enum stmt_id add, const char *code,
    const char *unit, int *id, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = prep(st, get, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int(s, 0);
		if (unit && strcmp((const char *)sqlite3_column_text(s, 1),
		    unit) != 0) {
			rc = pm_fail(err, PM_EDATA, st->path, 0,
			    "indicator '%s' is stored in %s, but the "
			    "catalogue now says %s", code,
			    (const char *)sqlite3_column_text(s, 1), unit);
			sqlite3_reset(s);
			return rc;
		}
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, rc, "look up code", err);
	if ((rc = prep(st, add, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if (unit)
		sqlite3_bind_text(s, 2, unit, -1, SQLITE_STATIC);
	if ((rc = store_run(st, s, "add code", err)) != 0)
		return rc;
	*id = (int)sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_indicator_id(struct store *st, const char *code, const char *unit,
    int *id, struct pm_err *err)
{
	if (st->pg)
		return store_pg_indicator_id(st->pg, code, unit, id, err);
	return intern(st, S_IND_GET, S_IND_ADD, code, unit, id, err);
}

int
store_region_id(struct store *st, const char *code, int *id,
    struct pm_err *err)
{
	if (st->pg)
		return store_pg_region_id(st->pg, code, id, err);
	return intern(st, S_REG_GET, S_REG_ADD, code, NULL, id, err);
}

int
store_file_find(struct store *st, const char *sha256, long long *id,
    struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_file_find(st->pg, sha256, id, err);
	if ((rc = prep(st, S_FILE_FIND, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_db(st, rc, "look up file", err);
	return PM_ENOTFOUND;
}

int
store_file_add(struct store *st, const struct store_file *f, long long *id,
    struct pm_err *err)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_file_add(st->pg, f, id, err);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = prep(st, S_FILE_ADD, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, f->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f->encoding, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)f->bytes);
	sqlite3_bind_text(s, 5, when, -1, SQLITE_TRANSIENT);
	if ((rc = store_run(st, s, "record file", err)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_file_done(struct store *st, long long id, const struct store_counts *n,
    struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_file_done(st->pg, id, n, err);
	if ((rc = prep(st, S_FILE_DONE, &s, err)) != 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)n->rows);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)n->inserted);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)n->revised);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)n->unchanged);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)n->rejected);
	sqlite3_bind_int64(s, 7, (sqlite3_int64)n->skipped);
	return store_run(st, s, "record file counts", err);
}

static void
bind_key(sqlite3_stmt *s, const struct store_obs *o)
{
	sqlite3_bind_int(s, 1, o->ind);
	sqlite3_bind_int(s, 2, o->reg);
	sqlite3_bind_int(s, 3, o->period);
	sqlite3_bind_int(s, 4, (int)o->basis);
}

void
store_bind_yoy(sqlite3_stmt *s, int i, bool has, double yoy)
{
	if (has)
		sqlite3_bind_double(s, i, yoy);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_status(sqlite3_stmt *s, int i, char status)
{
	if (status)
		sqlite3_bind_text(s, i, &status, 1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_prov(sqlite3_stmt *s, int i, long long prov)
{
	if (prov)
		sqlite3_bind_int64(s, i, prov);
	else
		sqlite3_bind_null(s, i);
}

static char
column_status(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t && t[0] ? (char)t[0] : 0;
}

int
store_prov_id(struct store *st, const char *source, const char *note,
    long long *id, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_prov_id(st->pg, source, note, id, err);
	source = source ? source : "";
	note = note ? note : "";
	*id = 0;
	if (*source == '\0' && *note == '\0')
		return 0;
	if ((rc = prep(st, S_PROV_GET, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, note, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_db(st, rc, "read source", err);
	if (*id)
		return 0;
	if ((rc = prep(st, S_PROV_ADD, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, note, -1, SQLITE_STATIC);
	if ((rc = store_run(st, s, "record source", err)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_prev_value(struct store *st, const struct store_obs *o, bool same_year,
    bool *found, double *value, int *period, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc, lo;

	if (st->pg)
		return store_pg_prev_value(st->pg, o, same_year, found, value,
		    period, err);
	/* Keys are freq * 10^6 + year * 100 + sub: a frequency, or a year
	 * of it, is a key range. */
	lo = same_year ? o->period / 100 * 100 : o->period / 1000000 * 1000000;
	if ((rc = prep(st, S_PREV, &s, err)) != 0)
		return rc;
	bind_key(s, o);
	sqlite3_bind_int(s, 5, lo);
	rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	if (*found) {
		*value = sqlite3_column_double(s, 0);
		*period = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_db(st, rc, "read observation", err);
	return 0;
}

int
store_sources(struct store *st, const char *indicator, const char *region,
    struct buf *out, struct pm_err *err)
{
	static const char sql[] = "SELECT p.source FROM obs o"
	    " JOIN prov p ON p.id = o.prov"
	    " WHERE o.ind = (SELECT id FROM indicator WHERE code = ?1)"
	    " AND o.reg = (SELECT id FROM region WHERE code = ?2)"
	    " AND p.source <> '' GROUP BY p.source"
	    " ORDER BY min(o.period), p.source";
	sqlite3_stmt *s = NULL;
	size_t n = 0;
	int rc;

	if (st->pg)
		return store_pg_sources(st->pg, indicator, region, out, err);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	sqlite3_bind_text(s, 1, indicator, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, region, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++)
			buf_adds(out, "; ");
		buf_adds(out, (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail_db(st, rc, "read sources",
	    err);
}

int
store_prov_scan(struct store *st, const char *region, store_prov_fn fn,
    void *ctx, struct pm_err *err)
{
	static const char sql[] = "SELECT i.code, o.period, o.status,"
	    " coalesce(p.source, ''), coalesce(p.note, '') FROM obs o"
	    " JOIN indicator i ON i.id = o.ind LEFT JOIN prov p ON p.id = o.prov"
	    " WHERE o.reg = (SELECT id FROM region WHERE code = ?1)"
	    " AND (o.status IS NOT NULL OR o.prov IS NOT NULL)"
	    " ORDER BY i.code, o.period, o.basis";
	sqlite3_stmt *s = NULL;
	int rc, stop = 0;

	if (st->pg)
		return store_pg_prov_scan(st->pg, region, fn, ctx, err);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	sqlite3_bind_text(s, 1, region, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (stop = fn(ctx, (const char *)sqlite3_column_text(s, 0),
	    sqlite3_column_int(s, 1), column_status(s, 2),
	    (const char *)sqlite3_column_text(s, 3),
	    (const char *)sqlite3_column_text(s, 4))) == 0)
		;
	sqlite3_finalize(s);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail_db(st, rc, "read sources",
	    err);
}

int
store_has_provenance(struct store *st, bool *any, struct pm_err *err)
{
	static const char sql[] = "SELECT EXISTS(SELECT 1 FROM obs WHERE"
	    " status IS NOT NULL OR prov IS NOT NULL)";
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_has_provenance(st->pg, any, err);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	rc = sqlite3_step(s);
	*any = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail_db(st, rc, "read", err);
}

static int put_existing(struct store *st, const struct store_obs *o,
    long long file, unsigned long line, enum store_put *res,
    unsigned long *dup_line, struct pm_err *err);

int
store_put(struct store *st, const struct store_obs *o, long long file,
    unsigned long line, enum store_put *res, unsigned long *dup_line,
    struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_put(st->pg, o, file, line, res, dup_line, err);
	/* Most rows of most files are new: try the insert first, one b-tree
	 * descent, and look at the old row only when there is one. */
	if ((rc = prep(st, S_OBS_INS, &s, err)) != 0)
		return rc;
	bind_key(s, o);
	sqlite3_bind_double(s, 5, o->value);
	store_bind_yoy(s, 6, o->has_yoy, o->yoy);
	sqlite3_bind_int64(s, 7, file);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)line);
	bind_status(s, 9, o->status);
	bind_prov(s, 10, o->prov);
	if ((rc = store_run(st, s, "store observation", err)) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 1) {
		*res = PUT_INSERTED;
		return 0;
	}
	return put_existing(st, o, file, line, res, dup_line, err);
}

int
store_put_batch(struct store *st, void *rows, size_t n, size_t size,
    long long file, struct pm_err *err)
{
	struct store_rows b = { rows, n, size };
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;

	if (st->pg)
		return store_pg_put_batch(st->pg, rows, n, size, file, err);
	for (i = 0; i < n; i++)
		((struct store_put_row *)(void *)((char *)rows + i * size))->res
		    = PUT_INSERTED;
	if (n == 0)
		return 0;
	if ((rc = prep(st, S_OBS_BATCH, &s, err)) != 0)
		return rc;
	store_rows_bind(s, 1, &b);
	sqlite3_bind_int64(s, 2, file);
	st->batch = &b;
	st->nconflict = 0;
	rc = store_run(st, s, "store observations", err);
	sqlite3_clear_bindings(s);
	st->batch = NULL;
	for (i = 0; rc == 0 && i < st->nconflict; i++) {
		struct store_put_row *p = (void *)((char *)rows +
		    st->conflict[i] * size);

		rc = put_existing(st, &p->o, file, p->line, &p->res,
		    &p->dup_line, err);
	}
	return rc;
}

/* The rest of store_put() for a key already stored: a duplicate within
 * the file, an unchanged value, or a revision (the old one to history). */
static int
put_existing(struct store *st, const struct store_obs *o, long long file,
    unsigned long line, enum store_put *res, unsigned long *dup_line,
    struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	double old_value, old_yoy = 0;
	bool old_has_yoy;
	char old_status;
	long long old_file, old_prov;
	unsigned long old_line;
	int rc;

	if ((rc = prep(st, S_OBS_GET, &s, err)) != 0)
		return rc;
	bind_key(s, o);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail_db(st, rc, "read observation", err);
	}
	old_value = sqlite3_column_double(s, 0);
	old_has_yoy = sqlite3_column_type(s, 1) != SQLITE_NULL;
	if (old_has_yoy)
		old_yoy = sqlite3_column_double(s, 1);
	old_file = sqlite3_column_int64(s, 2);
	old_line = (unsigned long)sqlite3_column_int64(s, 3);
	old_status = column_status(s, 4);
	old_prov = sqlite3_column_int64(s, 5);
	sqlite3_reset(s);

	if (old_file == file) {
		*res = PUT_DUPLICATE;
		*dup_line = old_line;
		return 0;
	}
	if (old_value == o->value && old_has_yoy == o->has_yoy &&
	    (!old_has_yoy || old_yoy == o->yoy) && old_status == o->status &&
	    old_prov == o->prov) {
		/* Unchanged, but now last stated by this file: a later row
		 * of the same file with this key is then a duplicate. */
		*res = PUT_UNCHANGED;
		if ((rc = prep(st, S_OBS_SEEN, &s, err)) != 0)
			return rc;
		bind_key(s, o);
		sqlite3_bind_int64(s, 5, file);
		sqlite3_bind_int64(s, 6, (sqlite3_int64)line);
		return store_run(st, s, "store observation", err);
	}
	*res = PUT_REVISED;
	if ((rc = prep(st, S_HIST_ADD, &s, err)) != 0)
		return rc;
	bind_key(s, o);
	sqlite3_bind_double(s, 5, old_value);
	store_bind_yoy(s, 6, old_has_yoy, old_yoy);
	sqlite3_bind_int64(s, 7, old_file);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)old_line);
	sqlite3_bind_int64(s, 9, file);
	bind_status(s, 10, old_status);
	bind_prov(s, 11, old_prov);
	if ((rc = store_run(st, s, "keep history", err)) != 0)
		return rc;
	if ((rc = prep(st, S_OBS_SET, &s, err)) != 0)
		return rc;
	bind_key(s, o);
	sqlite3_bind_double(s, 5, o->value);
	store_bind_yoy(s, 6, o->has_yoy, o->yoy);
	sqlite3_bind_int64(s, 7, file);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)line);
	bind_status(s, 9, o->status);
	bind_prov(s, 10, o->prov);
	return store_run(st, s, "revise observation", err);
}

int
store_reject_add(struct store *st, long long file, unsigned long line,
    const char *reason, const char *period, size_t period_len,
    struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_reject_add(st->pg, file, line, reason, period,
		    period_len, err);
	if ((rc = prep(st, S_REJECT_ADD, &s, err)) != 0)
		return rc;
	sqlite3_bind_int64(s, 1, file);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)line);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_STATIC);
	if (period && period_len)
		sqlite3_bind_text(s, 4, period, (int)period_len, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 4);
	return store_run(st, s, "record rejected row", err);
}

int
store_scan(struct store *st, store_row_fn fn, void *ctx, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT i.code, r.code, i.unit, o.period, o.basis, o.value, o.yoy,"
	    " o.status, p.source, p.note"
	    " FROM obs o JOIN indicator i ON i.id = o.ind"
	    " JOIN region r ON r.id = o.reg LEFT JOIN prov p ON p.id = o.prov"
	    " ORDER BY i.code, r.code, o.period, o.basis";
	sqlite3_stmt *s = NULL;
	struct store_row row;
	int rc, stop = 0;

	if (st->pg)
		return store_pg_scan(st->pg, fn, ctx, err);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.indicator = (const char *)sqlite3_column_text(s, 0);
		row.region = (const char *)sqlite3_column_text(s, 1);
		row.unit = (const char *)sqlite3_column_text(s, 2);
		row.period = sqlite3_column_int(s, 3);
		row.basis = (enum store_basis)sqlite3_column_int(s, 4);
		row.value = sqlite3_column_double(s, 5);
		row.has_yoy = sqlite3_column_type(s, 6) != SQLITE_NULL;
		row.yoy = row.has_yoy ? sqlite3_column_double(s, 6) : 0;
		row.status = column_status(s, 7);
		row.source = (const char *)sqlite3_column_text(s, 8);
		row.note = (const char *)sqlite3_column_text(s, 9);
		if (row.source && *row.source == '\0')
			row.source = NULL;
		if (row.note && *row.note == '\0')
			row.note = NULL;
		if ((stop = fn(ctx, &row)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return store_fail_db(st, rc, "read observations", err);
	return 0;
}

int
store_series(struct store *st, const char *indicator, const char *region,
    struct obs **out, size_t *n, struct pm_err *err)
{
	sqlite3_stmt *s;
	struct obs *v = NULL;
	size_t k = 0, cap = 0;
	int rc;

	if (st->pg)
		return store_pg_series(st->pg, indicator, region, out, n, err);
	*out = NULL;
	*n = 0;
	if ((rc = prep(st, S_SERIES, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, indicator, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, region, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? 2 * cap : 32;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[k].period = sqlite3_column_int(s, 0);
		v[k].ytd = sqlite3_column_int(s, 1) == BASIS_YTD;
		v[k].value = sqlite3_column_double(s, 2);
		v[k].has_yoy = sqlite3_column_type(s, 3) != SQLITE_NULL;
		v[k].yoy = v[k].has_yoy ? sqlite3_column_double(s, 3) : 0;
		v[k].status = column_status(s, 4);
		k++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail_db(st, rc, "read series", err);
	}
	*out = v;
	*n = k;
	return 0;
}

/* Month in which a period ends, as year * 12 + month, for comparing
 * periods of different frequencies. */
int
store_period_end(int key)
{
	struct period p;

	if (period_from_key(key, &p) != 0)
		return -1;
	if (p.freq == FREQ_Y)
		return p.year * 12 + 12;
	return p.year * 12 + p.sub * (12 / period_per_year(p.freq));
}

int
store_latest_period(struct store *st, int *period, struct pm_err *err)
{
	sqlite3_stmt *s;
	int rc, best = -1, best_end = -1;

	if (st->pg)
		return store_pg_latest_period(st->pg, period, err);
	/* Each series' latest key per frequency; the end-month rule that
	 * compares frequencies lives in C. */
	if ((rc = prep(st, S_PERIODS, &s, err)) != 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int key = sqlite3_column_int(s, 0), end = store_period_end(key);

		/* Same end: the coarser period (a year over its December). */
		if (end > best_end || (end == best_end && key < best)) {
			best = key;
			best_end = end;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, rc, "read periods", err);
	if (best < 0)
		return PM_ENOTFOUND;
	*period = best;
	return 0;
}

int
store_stats(struct store *st, struct store_stats *out, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM obs), (SELECT count(*) FROM history),"
	    " (SELECT count(*) FROM file), (SELECT count(*) FROM reject)";
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_stats(st->pg, out, err);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->observations = (unsigned long long)sqlite3_column_int64(s, 0);
		out->history = (unsigned long long)sqlite3_column_int64(s, 1);
		out->files = (unsigned long long)sqlite3_column_int64(s, 2);
		out->rejects = (unsigned long long)sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail_db(st, rc, "count", err);
}
