/* store_cons.c - the consolidated points in the SQLite store (schema
 * version 5; core/cons.h says what they are): the 'cons' table, keyed like
 * obs so that a series' rows are one range of its b-tree, and the
 * indicator's cons_kind. The PostgreSQL side is in store_pg_cons.c. */
#include "core/store.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/cons.h"
#include "core/obs.h"
#include "core/period.h"
#include "core/store_int.h"
#include "core/store_pg.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define COLS "period, flags, value, months, mask, status, yoy, chg," \
	" yoy_pub, pop, decimals, last_end"

static const char *const cons_sql[SC_NSTMT] = {
	/* One frequency's keys of the years at a time: a range each. */
	[SC_OBS_YEARS] = "SELECT period, basis, value, yoy, status FROM obs"
	    " WHERE ind = ?1 AND reg = ?2 AND period BETWEEN ?3 AND ?4"
	    " ORDER BY period, basis",
	[SC_OBS_REGIONS] = "SELECT id FROM region r WHERE EXISTS(SELECT 1"
	    " FROM obs o WHERE o.ind = ?1 AND o.reg = r.id) ORDER BY id",
	[SC_DEL] = "DELETE FROM cons WHERE ind = ?1 AND reg = ?2"
	    " AND period BETWEEN ?3 AND ?4",
	[SC_INS] = "INSERT INTO cons(ind, reg, " COLS ") VALUES(?1, ?2, ?3,"
	    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[SC_RESET] = "DELETE FROM cons WHERE ind = ?1",
	[SC_KIND] = "UPDATE indicator SET cons_kind = ?2 WHERE id = ?1",
	[SC_INDS] = "SELECT id, coalesce(cons_kind, -1), code FROM indicator"
	    " ORDER BY id",
	[SC_REGIONS] = "SELECT id, code FROM region r WHERE EXISTS(SELECT 1"
	    " FROM obs o WHERE o.ind = ?1 AND o.reg = r.id) OR EXISTS("
	    "SELECT 1 FROM cons c WHERE c.ind = ?1 AND c.reg = r.id)"
	    " ORDER BY id",
	[SC_ROWS] = "SELECT " COLS " FROM cons WHERE ind = ?1 AND reg = ?2"
	    " ORDER BY period",
	[SC_GET_KIND] = "SELECT coalesce(cons_kind, -1) FROM indicator"
	    " WHERE code = ?1",
	[SC_GET] = "SELECT " COLS " FROM cons"
	    " WHERE ind = (SELECT id FROM indicator WHERE code = ?1)"
	    " AND reg = (SELECT id FROM region WHERE code = ?2)"
	    " AND period BETWEEN 1000000 AND ?3 ORDER BY period",
};

unsigned
store_cons_flags(const struct cons_row *r)
{
	const struct agg_point *p = &r->pt;

	return (r->has_point ? 1u : 0) | (p->complete ? 2u : 0) |
	    (p->combined ? 4u : 0) | (p->ytd ? 8u : 0) | (p->at_end ? 16u : 0) |
	    (p->yoy_pub_derived ? 32u : 0) | (p->yoy_mismatch ? 64u : 0) |
	    (p->brk ? 128u : 0);
}

void
store_cons_unflag(struct cons_row *r, unsigned f)
{
	struct agg_point *p = &r->pt;

	r->has_point = f & 1;
	p->complete = f & 2;
	p->combined = f & 4;
	p->ytd = f & 8;
	p->at_end = f & 16;
	p->yoy_pub_derived = f & 32;
	p->yoy_mismatch = f & 64;
	p->brk = f & 128;
}

static int
prep(struct store *st, enum cons_stmt_id id, sqlite3_stmt **out,
    struct pm_err *err)
{
	int rc;

	if (st->cstmt[id] == NULL) {
		rc = sqlite3_prepare_v3(st->db, cons_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->cstmt[id], NULL);
		if (rc != SQLITE_OK)
			return store_fail_db(st, rc, "prepare", err);
	}
	*out = st->cstmt[id];
	return 0;
}

static void
bind_opt(sqlite3_stmt *s, int i, bool has, double v)
{
	if (has && !isnan(v))
		sqlite3_bind_double(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static double
column_opt(sqlite3_stmt *s, int i, bool *has)
{
	*has = sqlite3_column_type(s, i) != SQLITE_NULL;
	return *has ? sqlite3_column_double(s, i) : 0;
}

/* A row of COLS from column 0 on. */
static void
read_row(sqlite3_stmt *s, struct cons_row *r)
{
	struct agg_point *p = &r->pt;
	bool has;

	memset(r, 0, sizeof(*r));
	r->period = sqlite3_column_int(s, 0);
	if (period_from_key(r->period, &p->p) != 0)
		memset(&p->p, 0, sizeof(p->p));
	store_cons_unflag(r, (unsigned)sqlite3_column_int(s, 1));
	p->value = column_opt(s, 2, &has);
	if (!has)
		p->value = NAN;
	p->months = sqlite3_column_int(s, 3);
	p->mask = (unsigned)sqlite3_column_int(s, 4);
	p->status = (char)sqlite3_column_int(s, 5);
	p->yoy = column_opt(s, 6, &p->has_yoy);
	p->chg = column_opt(s, 7, &p->has_chg);
	p->yoy_pub = column_opt(s, 8, &p->has_yoy_pub);
	p->pop = column_opt(s, 9, &p->has_pop);
	r->decimals = sqlite3_column_int(s, 10);
	r->last_end = sqlite3_column_int(s, 11);
	if (!r->has_point)
		p->value = 0;
}

/* Step s to its end, each row read into a growing array. */
static int
read_rows(struct store *st, sqlite3_stmt *s, struct cons_row **out,
    size_t *n, struct pm_err *err)
{
	struct cons_row *v = NULL;
	size_t k = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? 2 * cap : 32;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		read_row(s, &v[k++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail_db(st, rc, "read consolidated rows", err);
	}
	*out = v;
	*n = k;
	return 0;
}

int
store_obs_years(struct store *st, int ind, int reg, int y0, int y1,
    struct obs **out, size_t *n, struct pm_err *err)
{
	struct obs *v = NULL;
	size_t k = 0, cap = 0;
	sqlite3_stmt *s;
	int rc = 0, f;

	if (st->pg)
		return store_pg_obs_years(st->pg, ind, reg, y0, y1, out, n,
		    err);
	*out = NULL;
	*n = 0;
	if ((rc = prep(st, SC_OBS_YEARS, &s, err)) != 0)
		return rc;
	/* Keys are freq * 10^6 + year * 100 + sub: frequency by frequency,
	 * which is store_series()'s order. */
	for (f = FREQ_Y; f <= FREQ_M && rc == 0; f++) {
		sqlite3_bind_int(s, 1, ind);
		sqlite3_bind_int(s, 2, reg);
		sqlite3_bind_int(s, 3, f * 1000000 + y0 * 100);
		sqlite3_bind_int(s, 4, f * 1000000 + y1 * 100 + 99);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const unsigned char *t;

			if (k == cap) {
				cap = cap ? 2 * cap : 64;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[k].period = sqlite3_column_int(s, 0);
			v[k].ytd = sqlite3_column_int(s, 1) == BASIS_YTD;
			v[k].value = sqlite3_column_double(s, 2);
			v[k].has_yoy = sqlite3_column_type(s, 3) != SQLITE_NULL;
			v[k].yoy = v[k].has_yoy ? sqlite3_column_double(s, 3)
			    : 0;
			t = sqlite3_column_text(s, 4);
			v[k].status = t && t[0] ? (char)t[0] : 0;
			k++;
		}
		sqlite3_reset(s);
		rc = rc == SQLITE_DONE ? 0 : rc;
	}
	if (rc != 0) {
		free(v);
		return store_fail_db(st, rc, "read observations", err);
	}
	*out = v;
	*n = k;
	return 0;
}

int
store_obs_regions(struct store *st, int ind, int **out, size_t *n,
    struct pm_err *err)
{
	int *v = NULL;
	size_t k = 0;
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return store_pg_obs_regions(st->pg, ind, out, n, err);
	if ((rc = prep(st, SC_OBS_REGIONS, &s, err)) != 0)
		return rc;
	sqlite3_bind_int(s, 1, ind);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k++] = sqlite3_column_int(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail_db(st, rc, "read regions", err);
	}
	*out = v;
	*n = k;
	return 0;
}

int
store_cons_put(struct store *st, int ind, int reg, int y0, int y1,
    const struct cons_row *rows, size_t n, struct pm_err *err)
{
	sqlite3_stmt *s;
	size_t i;
	int rc, f;

	if (st->pg)
		return store_pg_cons_put(st->pg, ind, reg, y0, y1, rows, n,
		    err);
	if ((rc = prep(st, SC_DEL, &s, err)) != 0)
		return rc;
	for (f = FREQ_Y; f <= FREQ_Q; f += FREQ_Q - FREQ_Y) {
		sqlite3_bind_int(s, 1, ind);
		sqlite3_bind_int(s, 2, reg);
		sqlite3_bind_int(s, 3, f * 1000000 + y0 * 100);
		sqlite3_bind_int(s, 4, f * 1000000 + y1 * 100 + 99);
		if ((rc = store_run(st, s, "replace consolidated rows",
		    err)) != 0)
			return rc;
	}
	if ((rc = prep(st, SC_INS, &s, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		const struct agg_point *p = &rows[i].pt;

		sqlite3_bind_int(s, 1, ind);
		sqlite3_bind_int(s, 2, reg);
		sqlite3_bind_int(s, 3, rows[i].period);
		sqlite3_bind_int(s, 4, (int)store_cons_flags(&rows[i]));
		bind_opt(s, 5, rows[i].has_point, p->value);
		sqlite3_bind_int(s, 6, p->months);
		sqlite3_bind_int(s, 7, (int)p->mask);
		sqlite3_bind_int(s, 8, (unsigned char)p->status);
		bind_opt(s, 9, p->has_yoy, p->yoy);
		bind_opt(s, 10, p->has_chg, p->chg);
		bind_opt(s, 11, p->has_yoy_pub, p->yoy_pub);
		bind_opt(s, 12, p->has_pop, p->pop);
		sqlite3_bind_int(s, 13, rows[i].decimals);
		sqlite3_bind_int(s, 14, rows[i].last_end);
		if ((rc = store_run(st, s, "store consolidated rows",
		    err)) != 0)
			return rc;
	}
	return 0;
}

int
store_cons_reset(struct store *st, int ind, int kind, struct pm_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return store_pg_cons_reset(st->pg, ind, kind, err);
	if ((rc = prep(st, SC_RESET, &s, err)) != 0)
		return rc;
	sqlite3_bind_int(s, 1, ind);
	if ((rc = store_run(st, s, "reset consolidated rows", err)) != 0)
		return rc;
	if ((rc = prep(st, SC_KIND, &s, err)) != 0)
		return rc;
	sqlite3_bind_int(s, 1, ind);
	if (kind >= 0)
		sqlite3_bind_int(s, 2, kind);
	else
		sqlite3_bind_null(s, 2);
	return store_run(st, s, "reset consolidated rows", err);
}

int
store_cons_lock(struct store *st, int ind, struct pm_err *err)
{
	if (st->pg)
		return store_pg_cons_lock(st->pg, ind, err);
	return 0;               /* BEGIN IMMEDIATE: one writer already */
}

int
store_cons_indicators(struct store *st, struct store_cons_ind **out,
    size_t *n, struct pm_err *err)
{
	struct store_cons_ind *v = NULL;
	size_t k = 0;
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return store_pg_cons_indicators(st->pg, out, n, err);
	*out = NULL;
	*n = 0;
	if ((rc = prep(st, SC_INDS, &s, err)) != 0)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k].id = sqlite3_column_int(s, 0);
		v[k].kind = sqlite3_column_int(s, 1);
		v[k].code = xstrdup((const char *)sqlite3_column_text(s, 2));
		k++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_cons_indicators_free(v, k);
		return store_fail_db(st, rc, "read indicators", err);
	}
	*out = v;
	*n = k;
	return 0;
}

void
store_cons_indicators_free(struct store_cons_ind *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].code);
	free(v);
}

int
store_cons_regions(struct store *st, int ind, struct store_cons_reg **out,
    size_t *n, struct pm_err *err)
{
	struct store_cons_reg *v = NULL;
	size_t k = 0;
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return store_pg_cons_regions(st->pg, ind, out, n, err);
	*out = NULL;
	*n = 0;
	if ((rc = prep(st, SC_REGIONS, &s, err)) != 0)
		return rc;
	sqlite3_bind_int(s, 1, ind);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k].id = sqlite3_column_int(s, 0);
		v[k].code = xstrdup((const char *)sqlite3_column_text(s, 1));
		k++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_cons_regions_free(v, k);
		return store_fail_db(st, rc, "read regions", err);
	}
	*out = v;
	*n = k;
	return 0;
}

void
store_cons_regions_free(struct store_cons_reg *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].code);
	free(v);
}

int
store_cons_rows(struct store *st, int ind, int reg, struct cons_row **out,
    size_t *n, struct pm_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return store_pg_cons_rows(st->pg, ind, reg, out, n, err);
	if ((rc = prep(st, SC_ROWS, &s, err)) != 0)
		return rc;
	sqlite3_bind_int(s, 1, ind);
	sqlite3_bind_int(s, 2, reg);
	return read_rows(st, s, out, n, err);
}

int
store_cons_get(struct store *st, const char *indicator, const char *region,
    int freq, int *kind, struct cons_row **out, size_t *n,
    struct pm_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->pg)
		return store_pg_cons_get(st->pg, indicator, region, freq, kind,
		    out, n, err);
	*out = NULL;
	*n = 0;
	*kind = -1;
	if ((rc = prep(st, SC_GET_KIND, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, indicator, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*kind = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_db(st, rc, "read indicator", err);
	if (*kind < 0)
		return 0;
	if ((rc = prep(st, SC_GET, &s, err)) != 0)
		return rc;
	sqlite3_bind_text(s, 1, indicator, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, region, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, freq * 1000000 + 999999);
	return read_rows(st, s, out, n, err);
}
