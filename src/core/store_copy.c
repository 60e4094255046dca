/* store_copy.c - a whole store copied into another, either backend to
 * either: every table's rows in key order, ids kept, written in one
 * transaction of the target, then both sides counted. Rows travel as
 * text (NULL for SQL NULL; integers as %lld, reals as %.17g, which reads
 * back to the same double), so SQLite and PostgreSQL meet in the middle;
 * the SQLite side is here, the PostgreSQL side in store_pg_copy.c. */
#include "core/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_int.h"
#include "core/store_pg.h"
#include "util/banned.h"

static const char *const table_names[STORE_NTABLES] = {
	"indicator", "region", "file", "obs", "history", "reject", "report",
	"report_status", "prov", "cons",
};

/* Column types, in the order of the statements below: i integer,
 * d real, t text. */
static const char *const table_types[STORE_NTABLES] = {
	"itti", "it", "itttitiiiiii", "iiiiddiiti", "iiiiddiiiti", "iitt",
	"ititi", "itttd", "itt", "iiiidiiiddddii",
};

static const char *const dump_sql[STORE_NTABLES] = {
	"SELECT id, code, unit, cons_kind FROM indicator ORDER BY id",
	"SELECT id, code FROM region ORDER BY id",
	"SELECT id, sha256, name, encoding, bytes, ingested_at, rows,"
	" inserted, revised, unchanged, rejected, skipped FROM file ORDER BY id",
	"SELECT ind, reg, period, basis, value, yoy, file, line, status, prov"
	" FROM obs ORDER BY ind, reg, period, basis",
	"SELECT ind, reg, period, basis, value, yoy, file, line, replaced_by,"
	" status, prov FROM history ORDER BY rowid",
	"SELECT file, line, reason, period FROM reject ORDER BY rowid",
	"SELECT id, region, period, made_at, last_file FROM report"
	" ORDER BY id",
	"SELECT report, level, code, status, score FROM report_status"
	" ORDER BY report, level, code",
	"SELECT id, source, note FROM prov ORDER BY id",
	"SELECT ind, reg, period, flags, value, months, mask, status, yoy, chg,"
	" yoy_pub, pop, decimals, last_end FROM cons ORDER BY ind, reg, period",
};

static const char *const load_sql[STORE_NTABLES] = {
	"INSERT INTO indicator(id, code, unit, cons_kind)"
	" VALUES(?1, ?2, ?3, ?4)",
	"INSERT INTO region(id, code) VALUES(?1, ?2)",
	"INSERT INTO file(id, sha256, name, encoding, bytes, ingested_at,"
	" rows, inserted, revised, unchanged, rejected, skipped)"
	" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	"INSERT INTO obs(ind, reg, period, basis, value, yoy, file, line,"
	" status, prov) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	"INSERT INTO history(ind, reg, period, basis, value, yoy, file, line,"
	" replaced_by, status, prov)"
	" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	"INSERT INTO reject(file, line, reason, period)"
	" VALUES(?1, ?2, ?3, ?4)",
	"INSERT INTO report(id, region, period, made_at, last_file)"
	" VALUES(?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO report_status(report, level, code, status, score)"
	" VALUES(?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO prov(id, source, note) VALUES(?1, ?2, ?3)",
	"INSERT INTO cons(ind, reg, period, flags, value, months, mask,"
	" status, yoy, chg, yoy_pub, pop, decimals, last_end) VALUES(?1, ?2,"
	" ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
};

static const char totals_sql[] =
	"SELECT (SELECT count(*) FROM indicator), (SELECT count(*) FROM region),"
	" (SELECT count(*) FROM file), (SELECT count(*) FROM obs),"
	" (SELECT count(*) FROM history), (SELECT count(*) FROM reject),"
	" (SELECT count(*) FROM report), (SELECT count(*) FROM report_status),"
	" (SELECT count(*) FROM prov), (SELECT count(*) FROM cons)";

const char *
store_table_name(enum store_table t)
{
	return (unsigned)t < STORE_NTABLES ? table_names[t] : "?";
}

int
store_totals(struct store *st, struct store_totals *t, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc, i;

	if (st->pg)
		return store_pg_totals(st->pg, t, err);
	rc = sqlite3_prepare_v2(st->db, totals_sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (i = 0; i < STORE_NTABLES; i++)
			t->rows[i] = (unsigned long long)
			    sqlite3_column_int64(s, i);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail_db(st, rc, "count", err);
}

/* The target's side of a copy: a row of the current table in. */
struct sink {
	struct store *to;
	enum store_table t;
	sqlite3_stmt *ins;              /* SQLite target */
	struct pm_err *err;
};

static int
sink_row(void *arg, const char *const *v, int n)
{
	struct sink *k = arg;
	const char *ty = table_types[k->t];
	int i, rc;

	if (k->to->pg)
		return store_pg_load_row(k->to->pg, v, n, k->err);
	for (i = 0; i < n; i++) {
		if (v[i] == NULL)
			sqlite3_bind_null(k->ins, i + 1);
		else if (ty[i] == 'i')
			sqlite3_bind_int64(k->ins, i + 1,
			    strtoll(v[i], NULL, 10));
		else if (ty[i] == 'd')
			sqlite3_bind_double(k->ins, i + 1, strtod(v[i], NULL));
		else
			sqlite3_bind_text(k->ins, i + 1, v[i], -1,
			    SQLITE_STATIC);
	}
	rc = store_run(k->to, k->ins, "copy rows", k->err);
	sqlite3_clear_bindings(k->ins);
	return rc;
}

/* The source's side: every row of table t, as text, to fn. */
static int
dump(struct store *st, enum store_table t, store_pg_values_fn fn, void *ctx,
    struct pm_err *err)
{
	const char *ty = table_types[t];
	char num[16][32];
	const char *v[16];
	sqlite3_stmt *s = NULL;
	int rc, i, n = (int)strlen(ty), stop = 0;

	if (st->pg)
		return store_pg_dump(st->pg, t, fn, ctx, err);
	rc = sqlite3_prepare_v2(st->db, dump_sql[t], -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(st, rc, "prepare", err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			if (sqlite3_column_type(s, i) == SQLITE_NULL) {
				v[i] = NULL;
			} else if (ty[i] == 'i') {
				snprintf(num[i], sizeof(num[i]), "%lld",
				    (long long)sqlite3_column_int64(s, i));
				v[i] = num[i];
			} else if (ty[i] == 'd') {
				snprintf(num[i], sizeof(num[i]), "%.17g",
				    sqlite3_column_double(s, i));
				v[i] = num[i];
			} else {
				v[i] = (const char *)sqlite3_column_text(s, i);
			}
		}
		if ((stop = fn(ctx, v, n)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_fail_db(st, rc, "copy rows", err);
}

static int
copy_table(struct store *from, struct store *to, enum store_table t,
    struct pm_err *err)
{
	struct sink k = { to, t, NULL, err };
	int rc;

	if (to->pg) {
		if ((rc = store_pg_load_begin(to->pg, t, err)) != 0)
			return rc;
		rc = dump(from, t, sink_row, &k, err);
		/* Ended even after a failure: the connection must leave
		 * COPY mode. */
		if (store_pg_load_end(to->pg, rc == 0 ? err : NULL) != 0 &&
		    rc == 0)
			rc = PM_EIO;
		return rc;
	}
	rc = sqlite3_prepare_v2(to->db, load_sql[t], -1, &k.ins, NULL);
	if (rc != SQLITE_OK)
		return store_fail_db(to, rc, "prepare", err);
	rc = dump(from, t, sink_row, &k, err);
	sqlite3_finalize(k.ins);
	return rc;
}

int
store_copy(struct store *from, struct store *to, struct store_totals *t,
    struct pm_err *err)
{
	struct store_totals there;
	int rc, i;

	if ((rc = store_totals(to, &there, err)) != 0)
		return rc;
	for (i = 0; i < STORE_NTABLES; i++)
		if (there.rows[i] != 0)
			return pm_fail(err, PM_EDATA, to->path, 0, "the target "
			    "store is not empty (%llu rows in %s): copy into "
			    "a new one", there.rows[i], table_names[i]);
	if ((rc = store_begin(to, err)) != 0)
		return rc;
	for (i = 0; i < STORE_NTABLES && rc == 0; i++)
		rc = copy_table(from, to, (enum store_table)i, err);
	if (rc == 0 && to->pg)
		rc = store_pg_load_done(to->pg, err);
	if (rc != 0) {
		store_rollback(to);
		return rc;
	}
	if ((rc = store_commit(to, err)) != 0)
		return rc;
	if ((rc = store_totals(from, t, err)) != 0 ||
	    (rc = store_totals(to, &there, err)) != 0)
		return rc;
	for (i = 0; i < STORE_NTABLES; i++)
		if (there.rows[i] != t->rows[i])
			return pm_fail(err, PM_EIO, to->path, 0, "copied %s "
			    "has %llu rows, the source %llu", table_names[i],
			    there.rows[i], t->rows[i]);
	return 0;
}
