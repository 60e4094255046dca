/* store_report.c - what a report records in the store (schema version 2)
 * and reads back: the reports made and the statuses they showed, the
 * files, revisions and rejected rows since a given file. */
#include "core/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/store_int.h"
#include "core/store_pg.h"
#include "util/banned.h"

static int
prepare_once(struct store *st, const char *sql, sqlite3_stmt **s,
    struct pm_err *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);

	return rc == SQLITE_OK ? 0 : store_fail_db(st, rc, "prepare", err);
}

static const char *
column_str(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

void
store_busy_wait(struct store *st, int ms)
{
	if (st->pg) {
		store_pg_busy_wait(st->pg, ms);
		return;
	}
	sqlite3_busy_timeout(st->db, ms);
}

int
store_file_last(struct store *st, long long *id, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (st->pg)
		return store_pg_file_last(st->pg, id, err);
	if ((rc = prepare_once(st, "SELECT coalesce(max(id), 0) FROM file",
	    &s, err)) != 0)
		return rc;
	rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail_db(st, rc, "read files", err);
}

int
store_report_add(struct store *st, const char *region, int period,
    long long last_file, const struct store_report_status *v, size_t n,
    long long *id, struct pm_err *err)
{
	static const char add_report[] =
	    "INSERT INTO report(region, period, made_at, last_file)"
	    " VALUES(?1, ?2, ?3, ?4)";
	static const char add_status[] =
	    "INSERT OR REPLACE INTO report_status(report, level, code,"
	    " status, score) VALUES(?1, ?2, ?3, ?4, ?5)";
	char when[STORE_TIME_MAX];
	time_t now = time(NULL);
	struct tm tm;
	sqlite3_stmt *s = NULL;
	long long rid;
	size_t i;
	int rc;

	if (st->pg)
		return store_pg_report_add(st->pg, region, period, last_file,
		    v, n, id, err);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = prepare_once(st, add_report, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, region, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, period);
	sqlite3_bind_text(s, 3, when, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, last_file);
	rc = store_run(st, s, "record report", err);
	sqlite3_finalize(s);
	if (rc != 0)
		return rc;
	rid = sqlite3_last_insert_rowid(st->db);
	if ((rc = prepare_once(st, add_status, &s, err)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		sqlite3_bind_int64(s, 1, rid);
		sqlite3_bind_text(s, 2, v[i].level, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, v[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, v[i].status, -1, SQLITE_STATIC);
		store_bind_yoy(s, 5, v[i].has_score, v[i].score);
		rc = store_run(st, s, "record report status", err);
	}
	sqlite3_finalize(s);
	if (rc == 0 && id)
		*id = rid;
	return rc;
}

int
store_report_prev(struct store *st, const char *region, int period,
    struct store_report *out, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT id, period, made_at, last_file FROM report"
	    " WHERE region = ?1 ORDER BY id";
	sqlite3_stmt *s = NULL;
	int rc, end = store_period_end(period), best_end = -1;
	bool found = false;

	if (st->pg)
		return store_pg_report_prev(st->pg, region, period, out, err);
	if ((rc = prepare_once(st, sql, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, region, -1, SQLITE_STATIC);
	/* A region has a report a month at most: a short scan, and the
	 * end-month rule stays in C (store_latest_period's). Ids ascend,
	 * so ">=" keeps the last made of equal ends. */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int e = store_period_end(sqlite3_column_int(s, 1));

		if (e < 0 || e >= end || e < best_end)
			continue;
		best_end = e;
		found = true;
		out->id = sqlite3_column_int64(s, 0);
		out->period = sqlite3_column_int(s, 1);
		snprintf(out->made_at, sizeof(out->made_at), "%s",
		    column_str(s, 2));
		out->last_file = sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, rc, "read reports", err);
	return found ? 0 : PM_ENOTFOUND;
}

int
store_report_statuses(struct store *st, long long id, store_status_fn fn,
    void *ctx, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT level, code, status, score FROM report_status"
	    " WHERE report = ?1";
	struct store_report_status v;
	sqlite3_stmt *s = NULL;
	int rc, stop = 0;

	if (st->pg)
		return store_pg_report_statuses(st->pg, id, fn, ctx, err);
	if ((rc = prepare_once(st, sql, &s, err)) != 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v.level = column_str(s, 0);
		v.code = column_str(s, 1);
		v.status = column_str(s, 2);
		v.has_score = sqlite3_column_type(s, 3) != SQLITE_NULL;
		v.score = v.has_score ? sqlite3_column_double(s, 3) : 0;
		if ((stop = fn(ctx, &v)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail_db(st, rc, "read report", err);
}

int
store_revisions(struct store *st, long long after_file,
    store_revision_fn fn, void *ctx, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT i.code, r.code, h.period, h.basis, h.value, h.file,"
	    " h.replaced_by, f.name, f.ingested_at, o.value"
	    " FROM history h JOIN indicator i ON i.id = h.ind"
	    " JOIN region r ON r.id = h.reg"
	    " JOIN file f ON f.id = h.replaced_by"
	    " LEFT JOIN obs o ON o.ind = h.ind AND o.reg = h.reg"
	    " AND o.period = h.period AND o.basis = h.basis"
	    " WHERE h.replaced_by > ?1"
	    " ORDER BY i.code, r.code, h.period, h.basis, h.replaced_by";
	struct store_revision v;
	sqlite3_stmt *s = NULL;
	int rc, stop = 0;

	if (st->pg)
		return store_pg_revisions(st->pg, after_file, fn, ctx, err);
	if ((rc = prepare_once(st, sql, &s, err)) != 0)
		return rc;
	sqlite3_bind_int64(s, 1, after_file);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v.indicator = column_str(s, 0);
		v.region = column_str(s, 1);
		v.period = sqlite3_column_int(s, 2);
		v.basis = (enum store_basis)sqlite3_column_int(s, 3);
		v.old_value = sqlite3_column_double(s, 4);
		v.old_file = sqlite3_column_int64(s, 5);
		v.by_file = sqlite3_column_int64(s, 6);
		v.by_name = column_str(s, 7);
		v.by_at = column_str(s, 8);
		v.has_current = sqlite3_column_type(s, 9) != SQLITE_NULL;
		v.current = v.has_current ? sqlite3_column_double(s, 9) : 0;
		if ((stop = fn(ctx, &v)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail_db(st, rc, "read history", err);
}

/* Whether file 'file' stored a value of a period in the ranges: in obs
 * (still the value) or in history (since revised). A value restated
 * unchanged by a later file is credited to the later one, so this is a
 * lower bound for the earlier file. */
static int
file_in_window(struct store *st, long long file,
    const struct store_key_range *win, size_t nwin, bool *out,
    struct pm_err *err)
{
	static const char sql[] =
	    "SELECT EXISTS(SELECT 1 FROM obs WHERE file = ?1"
	    " AND period BETWEEN ?2 AND ?3)"
	    " OR EXISTS(SELECT 1 FROM history WHERE file = ?1"
	    " AND period BETWEEN ?2 AND ?3)";
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc = 0;

	*out = false;
	if (nwin == 0)
		return 0;
	if ((rc = prepare_once(st, sql, &s, err)) != 0)
		return rc;
	for (i = 0; i < nwin && !*out; i++) {
		sqlite3_bind_int64(s, 1, file);
		sqlite3_bind_int(s, 2, win[i].lo);
		sqlite3_bind_int(s, 3, win[i].hi);
		if ((rc = sqlite3_step(s)) != SQLITE_ROW)
			break;
		*out = sqlite3_column_int(s, 0) != 0;
		sqlite3_reset(s);
		rc = SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail_db(st, rc, "read files", err);
}

int
store_rejects(struct store *st, long long last_file,
    const struct store_key_range *win, size_t nwin, store_reject_fn fn,
    void *ctx, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT f.id, f.name, f.ingested_at, f.rows, coalesce(f.rejected,"
	    " (SELECT count(*) FROM reject WHERE file = f.id)), x.line,"
	    " x.reason, x.period FROM reject x JOIN file f ON f.id = x.file"
	    " WHERE x.file <= ?1 ORDER BY x.file, x.line";
	struct store_reject v;
	sqlite3_stmt *s = NULL;
	long long cur = 0;
	bool in = false;
	int rc, stop = 0;

	if (st->pg)
		return store_pg_rejects(st->pg, last_file, win, nwin, fn, ctx,
		    err);
	if ((rc = prepare_once(st, sql, &s, err)) != 0)
		return rc;
	sqlite3_bind_int64(s, 1, last_file);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v.file = sqlite3_column_int64(s, 0);
		if (v.file != cur) {
			cur = v.file;
			if ((stop = file_in_window(st, cur, win, nwin, &in,
			    err)) != 0)
				break;
		}
		v.name = column_str(s, 1);
		v.ingested_at = column_str(s, 2);
		v.rows = (unsigned long)sqlite3_column_int64(s, 3);
		v.nrejected = (unsigned long)sqlite3_column_int64(s, 4);
		v.line = (unsigned long)sqlite3_column_int64(s, 5);
		v.reason = column_str(s, 6);
		v.period = (const char *)sqlite3_column_text(s, 7);
		v.file_in_window = in;
		if ((stop = fn(ctx, &v)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail_db(st, rc, "read rejects", err);
}
