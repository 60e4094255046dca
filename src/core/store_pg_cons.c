/* store_pg_cons.c - the consolidated points on a PostgreSQL server: the
 * same 'cons' table and indicator.cons_kind as in SQLite (store_cons.c).
 * The rows of a series go in with one statement, as arrays unnested. */
#include "core/store_pg.h"

#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cons.h"
#include "core/obs.h"
#include "core/period.h"
#include "core/store_int.h"
#include "core/store_pg_int.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define COLS "period, flags, value, months, mask, status, yoy, chg," \
	" yoy_pub, pop, decimals, last_end"

int
store_pg_obs_years(struct store_pg *pg, int ind, int reg, int y0, int y1,
    struct obs **out, size_t *n, struct pm_err *err)
{
	/* A range of keys per frequency (freq * 10^6 + year * 100 + sub),
	 * in store_pg_series()'s order. */
	static const char sql[] =
	    "SELECT period, basis, value, yoy, status FROM obs"
	    " WHERE ind = $1 AND reg = $2 AND (period BETWEEN $3 AND $4"
	    " OR period BETWEEN $3 + 1000000 AND $4 + 1000000"
	    " OR period BETWEEN $3 + 2000000 AND $4 + 2000000"
	    " OR period BETWEEN $3 + 3000000 AND $4 + 3000000)"
	    " ORDER BY period, basis";
	struct store_pg_params p = { 0 };
	PGresult *r;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_int(&p, ind);
	store_pg_param_int(&p, reg);
	store_pg_param_int(&p, FREQ_Y * 1000000 + y0 * 100);
	store_pg_param_int(&p, FREQ_Y * 1000000 + y1 * 100 + 99);
	if ((r = store_pg_cached(pg, sql, &p, "read observations", &rc,
	    err)) == NULL)
		return rc;
	store_pg_obs_of(r, out, n);
	return 0;
}

int
store_pg_obs_regions(struct store_pg *pg, int ind, int **out, size_t *n,
    struct pm_err *err)
{
	static const char sql[] =
	    "SELECT id FROM region r WHERE EXISTS(SELECT 1 FROM obs o"
	    " WHERE o.ind = $1 AND o.reg = r.id) ORDER BY id";
	struct store_pg_params p = { 0 };
	PGresult *r;
	int rc, i, k;

	*out = NULL;
	*n = 0;
	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_int(&p, ind);
	if ((r = store_pg_exec(pg, sql, &p, "read regions", &rc, err)) == NULL)
		return rc;
	k = PQntuples(r);
	*out = k ? xreallocarray(NULL, (size_t)k, sizeof(**out)) : NULL;
	for (i = 0; i < k; i++)
		(*out)[i] = (int)store_pg_ll(r, i, 0);
	PQclear(r);
	*n = (size_t)k;
	return 0;
}

/* An element of an array literal: a number, or NULL. */
static void
elem_int(struct buf *b, long long v)
{
	buf_addf(b, "%s%lld", b->len > 1 ? "," : "", v);
}

static void
elem_double(struct buf *b, bool has, double v)
{
	if (!has || isnan(v))
		buf_addf(b, "%sNULL", b->len > 1 ? "," : "");
	else if (isinf(v))
		buf_addf(b, "%s%sInfinity", b->len > 1 ? "," : "",
		    v < 0 ? "-" : "");
	else
		buf_addf(b, "%s%.17g", b->len > 1 ? "," : "", v);
}

int
store_pg_cons_put(struct store_pg *pg, int ind, int reg, int y0, int y1,
    const struct cons_row *rows, size_t n, struct pm_err *err)
{
	static const char del_sql[] =
	    "DELETE FROM cons WHERE ind = $1 AND reg = $2"
	    " AND (period BETWEEN $3 AND $4"
	    " OR period BETWEEN $3 + 2000000 AND $4 + 2000000)";
	static const char ins_sql[] =
	    "INSERT INTO cons(ind, reg, " COLS ") SELECT $1, $2, * FROM"
	    " unnest($3::integer[], $4::integer[], $5::double precision[],"
	    " $6::integer[], $7::integer[], $8::integer[],"
	    " $9::double precision[], $10::double precision[],"
	    " $11::double precision[], $12::double precision[],"
	    " $13::integer[], $14::integer[])";
	struct store_pg_params p = { 0 };
	struct buf col[12];
	PGresult *r;
	size_t i, c;
	int rc;

	store_pg_param_int(&p, ind);
	store_pg_param_int(&p, reg);
	store_pg_param_int(&p, FREQ_Y * 1000000 + y0 * 100);
	store_pg_param_int(&p, FREQ_Y * 1000000 + y1 * 100 + 99);
	if ((rc = store_pg_run(pg, del_sql, &p, "replace consolidated rows",
	    err)) != 0 || n == 0)
		return rc;
	for (c = 0; c < 12; c++) {
		memset(&col[c], 0, sizeof(col[c]));
		buf_addc(&col[c], '{');
	}
	for (i = 0; i < n; i++) {
		const struct agg_point *q = &rows[i].pt;

		elem_int(&col[0], rows[i].period);
		elem_int(&col[1], store_cons_flags(&rows[i]));
		elem_double(&col[2], rows[i].has_point, q->value);
		elem_int(&col[3], q->months);
		elem_int(&col[4], q->mask);
		elem_int(&col[5], (unsigned char)q->status);
		elem_double(&col[6], q->has_yoy, q->yoy);
		elem_double(&col[7], q->has_chg, q->chg);
		elem_double(&col[8], q->has_yoy_pub, q->yoy_pub);
		elem_double(&col[9], q->has_pop, q->pop);
		elem_int(&col[10], rows[i].decimals);
		elem_int(&col[11], rows[i].last_end);
	}
	p.n = 2;
	for (c = 0; c < 12; c++) {
		buf_addc(&col[c], '}');
		store_pg_param_text(&p, buf_str(&col[c]));
	}
	if ((r = store_pg_cached(pg, ins_sql, &p, "store consolidated rows",
	    &rc, err)) != NULL)
		PQclear(r);
	for (c = 0; c < 12; c++)
		buf_release(&col[c]);
	return rc;
}

int
store_pg_cons_reset(struct store_pg *pg, int ind, int kind,
    struct pm_err *err)
{
	static const char del_sql[] = "DELETE FROM cons WHERE ind = $1";
	static const char kind_sql[] =
	    "UPDATE indicator SET cons_kind = $2 WHERE id = $1";
	struct store_pg_params p = { 0 };
	int rc;

	store_pg_param_int(&p, ind);
	if ((rc = store_pg_run(pg, del_sql, &p, "reset consolidated rows",
	    err)) != 0)
		return rc;
	if (kind >= 0)
		store_pg_param_int(&p, kind);
	else
		store_pg_param_text(&p, NULL);
	return store_pg_run(pg, kind_sql, &p, "reset consolidated rows", err);
}

/* Advisory lock keys: a class beside store_pg.c's, and the indicator. */
#define LOCK_CLASS_CONS 0x504f

int
store_pg_cons_lock(struct store_pg *pg, int ind, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT pg_advisory_xact_lock($1::integer, $2::integer)";
	struct store_pg_params p = { 0 };

	store_pg_param_int(&p, LOCK_CLASS_CONS);
	store_pg_param_int(&p, ind);
	return store_pg_run(pg, sql, &p, "lock consolidated rows", err);
}

int
store_pg_cons_indicators(struct store_pg *pg, struct store_cons_ind **out,
    size_t *n, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT id, coalesce(cons_kind, -1), code FROM indicator"
	    " ORDER BY id";
	struct store_cons_ind *v;
	PGresult *r;
	int rc, i, k;

	*out = NULL;
	*n = 0;
	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	if ((r = store_pg_exec(pg, sql, NULL, "read indicators", &rc,
	    err)) == NULL)
		return rc;
	k = PQntuples(r);
	v = k ? xcalloc((size_t)k, sizeof(*v)) : NULL;
	for (i = 0; i < k; i++) {
		v[i].id = (int)store_pg_ll(r, i, 0);
		v[i].kind = (int)store_pg_ll(r, i, 1);
		v[i].code = xstrdup(PQgetvalue(r, i, 2));
	}
	PQclear(r);
	*out = v;
	*n = (size_t)k;
	return 0;
}

int
store_pg_cons_regions(struct store_pg *pg, int ind,
    struct store_cons_reg **out, size_t *n, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT id, code FROM region r WHERE EXISTS(SELECT 1 FROM obs o"
	    " WHERE o.ind = $1 AND o.reg = r.id) OR EXISTS(SELECT 1"
	    " FROM cons c WHERE c.ind = $1 AND c.reg = r.id) ORDER BY id";
	struct store_pg_params p = { 0 };
	struct store_cons_reg *v;
	PGresult *r;
	int rc, i, k;

	*out = NULL;
	*n = 0;
	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_int(&p, ind);
	if ((r = store_pg_exec(pg, sql, &p, "read regions", &rc, err)) == NULL)
		return rc;
	k = PQntuples(r);
	v = k ? xcalloc((size_t)k, sizeof(*v)) : NULL;
	for (i = 0; i < k; i++) {
		v[i].id = (int)store_pg_ll(r, i, 0);
		v[i].code = xstrdup(PQgetvalue(r, i, 1));
	}
	PQclear(r);
	*out = v;
	*n = (size_t)k;
	return 0;
}

static double
opt_at(const PGresult *r, int row, int col, bool *has)
{
	*has = !store_pg_null(r, row, col);
	return *has ? store_pg_double(r, row, col) : 0;
}

/* The rows of r (COLS from column 0) into a new array. */
static void
read_rows(const PGresult *r, struct cons_row **out, size_t *n)
{
	int i, k = PQntuples(r);
	struct cons_row *v = k ? xcalloc((size_t)k, sizeof(*v)) : NULL;

	for (i = 0; i < k; i++) {
		struct cons_row *w = &v[i];
		struct agg_point *q = &w->pt;
		bool has;

		w->period = (int)store_pg_ll(r, i, 0);
		if (period_from_key(w->period, &q->p) != 0)
			memset(&q->p, 0, sizeof(q->p));
		store_cons_unflag(w, (unsigned)store_pg_ll(r, i, 1));
		q->value = opt_at(r, i, 2, &has);
		if (!has && w->has_point)
			q->value = NAN;
		q->months = (int)store_pg_ll(r, i, 3);
		q->mask = (unsigned)store_pg_ll(r, i, 4);
		q->status = (char)store_pg_ll(r, i, 5);
		q->yoy = opt_at(r, i, 6, &q->has_yoy);
		q->chg = opt_at(r, i, 7, &q->has_chg);
		q->yoy_pub = opt_at(r, i, 8, &q->has_yoy_pub);
		q->pop = opt_at(r, i, 9, &q->has_pop);
		w->decimals = (int)store_pg_ll(r, i, 10);
		w->last_end = (int)store_pg_ll(r, i, 11);
	}
	*out = v;
	*n = (size_t)k;
}

int
store_pg_cons_rows(struct store_pg *pg, int ind, int reg,
    struct cons_row **out, size_t *n, struct pm_err *err)
{
	static const char sql[] =
	    "SELECT " COLS " FROM cons WHERE ind = $1 AND reg = $2"
	    " ORDER BY period";
	struct store_pg_params p = { 0 };
	PGresult *r;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_int(&p, ind);
	store_pg_param_int(&p, reg);
	if ((r = store_pg_cached(pg, sql, &p, "read consolidated rows", &rc,
	    err)) == NULL)
		return rc;
	read_rows(r, out, n);
	PQclear(r);
	return 0;
}

int
store_pg_cons_get(struct store_pg *pg, const char *indicator,
    const char *region, int freq, int *kind, struct cons_row **out,
    size_t *n, struct pm_err *err)
{
	/* The kind in every row, and one row with no point when the series
	 * has none: one round trip. */
	static const char sql[] =
	    "SELECT c.period, c.flags, c.value, c.months, c.mask, c.status,"
	    " c.yoy, c.chg, c.yoy_pub, c.pop, c.decimals, c.last_end,"
	    " coalesce(i.cons_kind, -1)"
	    " FROM indicator i LEFT JOIN cons c ON i.cons_kind IS NOT NULL"
	    " AND c.ind = i.id"
	    " AND c.reg = (SELECT id FROM region WHERE code = $2)"
	    " AND c.period BETWEEN 1000000 AND $3"
	    " WHERE i.code = $1 ORDER BY c.period";
	struct store_pg_params p = { 0 };
	PGresult *r;
	int rc, k;

	*out = NULL;
	*n = 0;
	*kind = -1;
	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	store_pg_param_text(&p, indicator);
	store_pg_param_text(&p, region);
	store_pg_param_int(&p, freq * 1000000 + 999999);
	if ((r = store_pg_cached(pg, sql, &p, "read consolidated rows", &rc,
	    err)) == NULL)
		return rc;
	k = PQntuples(r);
	if (k > 0)
		*kind = (int)store_pg_ll(r, 0, 12);
	if (k > 0 && !store_pg_null(r, 0, 0))
		read_rows(r, out, n);
	PQclear(r);
	return 0;
}
