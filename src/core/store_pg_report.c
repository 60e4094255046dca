/* store_pg_report.c - what a report records and reads back, on the
 * PostgreSQL backend: the same queries as store_report.c, in the same
 * orders. */
#include "core/store_pg.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_int.h"
#include "core/store_pg_int.h"
#include "util/banned.h"

int
store_pg_file_last(struct store_pg *pg, long long *id, struct pm_err *err)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM file";
	PGresult *r;
	int rc;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	if ((r = store_pg_exec(pg, sql, NULL, "read files", &rc, err)) == NULL)
		return rc;
	*id = store_pg_ll(r, 0, 0);
	PQclear(r);
	return 0;
}

int
store_pg_report_add(struct store_pg *pg, const char *region, int period,
    long long last_file, const struct store_report_status *v, size_t n,
    long long *id, struct pm_err *err)
{
	static const char add_report[] =
	    "INSERT INTO report(region, period, made_at, last_file)"
	    " VALUES($1, $2, $3, $4) RETURNING id";
	static const char add_status[] =
	    "INSERT INTO report_status(report, level, code, status, score)"
	    " VALUES($1, $2, $3, $4, $5) ON CONFLICT (report, level, code)"
	    " DO UPDATE SET status = excluded.status, score = excluded.score";
	struct store_pg_params p = { 0 };
	char when[STORE_TIME_MAX];
	long long rid;
	PGresult *r;
	size_t i;
	int rc = 0;

	store_pg_write(pg);
	store_pg_now(when, sizeof(when));
	store_pg_param_text(&p, region);
	store_pg_param_int(&p, period);
	store_pg_param_text(&p, when);
	store_pg_param_int(&p, last_file);
	if ((r = store_pg_exec(pg, add_report, &p, "record report", &rc,
	    err)) == NULL)
		return rc;
	rid = store_pg_ll(r, 0, 0);
	PQclear(r);
	for (i = 0; i < n && rc == 0; i++) {
		p.n = 0;
		store_pg_param_int(&p, rid);
		store_pg_param_text(&p, v[i].level);
		store_pg_param_text(&p, v[i].code);
		store_pg_param_text(&p, v[i].status);
		if (v[i].has_score)
			store_pg_param_double(&p, v[i].score);
		else
			store_pg_param_text(&p, NULL);
		PQclear(store_pg_cached(pg, add_status, &p, "record report "
		    "status", &rc, err));
	}
	if (rc == 0 && id)
		*id = rid;
	return rc;
}

int
store_pg_report_prev(struct store_pg *pg, const char *region, int period,
    struct store_report *out, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT id, period, made_at, last_file FROM report"
	    " WHERE region = $1 ORDER BY id";
	struct store_pg_params p = { 0 };
	int rc, i, end = store_period_end(period), best_end = -1;
	bool found = false;
	PGresult *r;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_text(&p, region);
	if ((r = store_pg_exec(pg, sql, &p, "read reports", &rc, err)) == NULL)
		return rc;
	/* As store_report_prev(): ids ascend, ">=" keeps the last made. */
	for (i = 0; i < PQntuples(r); i++) {
		int e = store_period_end((int)store_pg_ll(r, i, 1));

		if (e < 0 || e >= end || e < best_end)
			continue;
		best_end = e;
		found = true;
		out->id = store_pg_ll(r, i, 0);
		out->period = (int)store_pg_ll(r, i, 1);
		snprintf(out->made_at, sizeof(out->made_at), "%s",
		    PQgetvalue(r, i, 2));
		out->last_file = store_pg_ll(r, i, 3);
	}
	PQclear(r);
	return found ? 0 : PM_ENOTFOUND;
}

int
store_pg_report_statuses(struct store_pg *pg, long long id,
    store_status_fn fn, void *ctx, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT level, code, status, score FROM report_status"
	    " WHERE report = $1 ORDER BY level, code";
	struct store_pg_params p = { 0 };
	struct store_report_status v;
	PGresult *r;
	int rc, i, stop = 0;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_int(&p, id);
	if ((r = store_pg_exec(pg, sql, &p, "read report", &rc, err)) == NULL)
		return rc;
	for (i = 0; i < PQntuples(r) && !stop; i++) {
		v.level = PQgetvalue(r, i, 0);
		v.code = PQgetvalue(r, i, 1);
		v.status = PQgetvalue(r, i, 2);
		v.has_score = !store_pg_null(r, i, 3);
		v.score = v.has_score ? store_pg_double(r, i, 3) : 0;
		stop = fn(ctx, &v);
	}
	PQclear(r);
	return stop;
}

struct rev_ctx {
	store_revision_fn fn;
	void *ctx;
};

static int
rev_row(void *arg, const PGresult *r)
{
	struct rev_ctx *c = arg;
	struct store_revision v;

	v.indicator = PQgetvalue(r, 0, 0);
	v.region = PQgetvalue(r, 0, 1);
	v.period = (int)store_pg_ll(r, 0, 2);
	v.basis = (enum store_basis)store_pg_ll(r, 0, 3);
	v.old_value = store_pg_double(r, 0, 4);
	v.old_file = store_pg_ll(r, 0, 5);
	v.by_file = store_pg_ll(r, 0, 6);
	v.by_name = PQgetvalue(r, 0, 7);
	v.by_at = PQgetvalue(r, 0, 8);
	v.has_current = !store_pg_null(r, 0, 9);
	v.current = v.has_current ? store_pg_double(r, 0, 9) : 0;
	return c->fn(c->ctx, &v);
}

int
store_pg_revisions(struct store_pg *pg, long long after_file,
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
	    " WHERE h.replaced_by > $1"
	    " ORDER BY i.code, r.code, h.period, h.basis, h.replaced_by";
	struct store_pg_params p = { 0 };
	struct rev_ctx c = { fn, ctx };
	int rc;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_int(&p, after_file);
	return store_pg_each(pg, sql, &p, "read history", rev_row, &c, err);
}

/* As file_in_window() of store_report.c. */
static int
file_in_window(struct store_pg *pg, long long file,
    const struct store_key_range *win, size_t nwin, bool *out,
    struct pm_err *err)
{
	static const char sql[] =
	    "SELECT EXISTS(SELECT 1 FROM obs WHERE file = $1"
	    " AND period BETWEEN $2 AND $3)"
	    " OR EXISTS(SELECT 1 FROM history WHERE file = $1"
	    " AND period BETWEEN $2 AND $3)";
	struct store_pg_params p;
	PGresult *r;
	size_t i;
	int rc;

	*out = false;
	for (i = 0; i < nwin && !*out; i++) {
		p.n = 0;
		store_pg_param_int(&p, file);
		store_pg_param_int(&p, win[i].lo);
		store_pg_param_int(&p, win[i].hi);
		if ((r = store_pg_exec(pg, sql, &p, "read files", &rc,
		    err)) == NULL)
			return rc;
		*out = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
		PQclear(r);
	}
	return 0;
}

int
store_pg_rejects(struct store_pg *pg, long long last_file,
    const struct store_key_range *win, size_t nwin, store_reject_fn fn,
    void *ctx, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT f.id, f.name, f.ingested_at, f.rows, coalesce(f.rejected,"
	    " (SELECT count(*) FROM reject WHERE file = f.id)), x.line,"
	    " x.reason, x.period FROM reject x JOIN file f ON f.id = x.file"
	    " WHERE x.file <= $1 ORDER BY x.file, x.line";
	struct store_pg_params p = { 0 };
	struct store_reject v;
	long long cur = 0;
	bool in = false;
	PGresult *r;
	int rc, i, stop = 0;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	/* Whole: the window look-ups run between the rows. */
	store_pg_param_int(&p, last_file);
	if ((r = store_pg_exec(pg, sql, &p, "read rejects", &rc, err)) == NULL)
		return rc;
	for (i = 0; i < PQntuples(r) && !stop; i++) {
		v.file = store_pg_ll(r, i, 0);
		if (v.file != cur) {
			cur = v.file;
			if ((stop = file_in_window(pg, cur, win, nwin, &in,
			    err)) != 0)
				break;
		}
		v.name = PQgetvalue(r, i, 1);
		v.ingested_at = PQgetvalue(r, i, 2);
		v.rows = (unsigned long)store_pg_ll(r, i, 3);
		v.nrejected = (unsigned long)store_pg_ll(r, i, 4);
		v.line = (unsigned long)store_pg_ll(r, i, 5);
		v.reason = PQgetvalue(r, i, 6);
		v.period = store_pg_null(r, i, 7) ? NULL : PQgetvalue(r, i, 7);
		v.file_in_window = in;
		stop = fn(ctx, &v);
	}
	PQclear(r);
	return stop;
}
