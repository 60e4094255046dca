/* store_pg_copy.c - the PostgreSQL side of copying a whole store
 * (store_copy.c): rows out in key order, rows in by COPY, the identity
 * sequences moved past the ids loaded. */
#include "core/store_pg.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store_pg_int.h"
#include "util/buf.h"
#include "util/banned.h"

static const char *const dump_sql[STORE_NTABLES] = {
	"SELECT id, code, unit, cons_kind FROM indicator ORDER BY id",
	"SELECT id, code FROM region ORDER BY id",
	"SELECT id, sha256, name, encoding, bytes, ingested_at, rows,"
	" inserted, revised, unchanged, rejected, skipped FROM file ORDER BY id",
	"SELECT ind, reg, period, basis, value, yoy, file, line, status, prov"
	" FROM obs ORDER BY ind, reg, period, basis",
	"SELECT ind, reg, period, basis, value, yoy, file, line, replaced_by,"
	" status, prov FROM history ORDER BY replaced_by, ind, reg, period,"
	" basis",
	"SELECT file, line, reason, period FROM reject ORDER BY file, line",
	"SELECT id, region, period, made_at, last_file FROM report"
	" ORDER BY id",
	"SELECT report, level, code, status, score FROM report_status"
	" ORDER BY report, level, code",
	"SELECT id, source, note FROM prov ORDER BY id",
	"SELECT ind, reg, period, flags, value, months, mask, status, yoy, chg,"
	" yoy_pub, pop, decimals, last_end FROM cons ORDER BY ind, reg, period",
};

static const char *const copy_sql[STORE_NTABLES] = {
	"COPY indicator(id, code, unit, cons_kind) FROM STDIN",
	"COPY region(id, code) FROM STDIN",
	"COPY file(id, sha256, name, encoding, bytes, ingested_at, rows,"
	" inserted, revised, unchanged, rejected, skipped) FROM STDIN",
	"COPY obs(ind, reg, period, basis, value, yoy, file, line, status,"
	" prov) FROM STDIN",
	"COPY history(ind, reg, period, basis, value, yoy, file, line,"
	" replaced_by, status, prov) FROM STDIN",
	"COPY reject(file, line, reason, period) FROM STDIN",
	"COPY report(id, region, period, made_at, last_file) FROM STDIN",
	"COPY report_status(report, level, code, status, score) FROM STDIN",
	"COPY prov(id, source, note) FROM STDIN",
	"COPY cons(ind, reg, period, flags, value, months, mask, status, yoy,"
	" chg, yoy_pub, pop, decimals, last_end) FROM STDIN",
};

/* The identity sequences after ids were given explicitly. */
static const char sequences_sql[] =
	"SELECT setval(pg_get_serial_sequence('indicator', 'id'),"
	"  (SELECT coalesce(max(id), 0) + 1 FROM indicator), false),"
	" setval(pg_get_serial_sequence('region', 'id'),"
	"  (SELECT coalesce(max(id), 0) + 1 FROM region), false),"
	" setval(pg_get_serial_sequence('file', 'id'),"
	"  (SELECT coalesce(max(id), 0) + 1 FROM file), false),"
	" setval(pg_get_serial_sequence('report', 'id'),"
	"  (SELECT coalesce(max(id), 0) + 1 FROM report), false),"
	" setval(pg_get_serial_sequence('prov', 'id'),"
	"  (SELECT coalesce(max(id), 0) + 1 FROM prov), false)";

static const char totals_sql[] =
	"SELECT (SELECT count(*) FROM indicator), (SELECT count(*) FROM region),"
	" (SELECT count(*) FROM file), (SELECT count(*) FROM obs),"
	" (SELECT count(*) FROM history), (SELECT count(*) FROM reject),"
	" (SELECT count(*) FROM report), (SELECT count(*) FROM report_status),"
	" (SELECT count(*) FROM prov), (SELECT count(*) FROM cons)";

int
store_pg_totals(struct store_pg *pg, struct store_totals *t,
    struct pm_err *err)
{
	PGresult *r;
	int rc, i;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	if ((r = store_pg_exec(pg, totals_sql, NULL, "count", &rc,
	    err)) == NULL)
		return rc;
	for (i = 0; i < STORE_NTABLES; i++)
		t->rows[i] = (unsigned long long)store_pg_ll(r, 0, i);
	PQclear(r);
	return 0;
}

struct dump_ctx {
	store_pg_values_fn fn;
	void *ctx;
};

static int
dump_row(void *arg, const PGresult *r)
{
	struct dump_ctx *c = arg;
	const char *v[16];
	int i, n = PQnfields(r);

	if (n > 16)
		n = 16;
	for (i = 0; i < n; i++)
		v[i] = PQgetisnull(r, 0, i) ? NULL : PQgetvalue(r, 0, i);
	return c->fn(c->ctx, v, n);
}

int
store_pg_dump(struct store_pg *pg, enum store_table t, store_pg_values_fn fn,
    void *ctx, struct pm_err *err)
{
	struct dump_ctx c = { fn, ctx };
	int rc;

	if ((rc = store_pg_read(pg, err)) != 0)
		return rc;
	return store_pg_each(pg, dump_sql[t], NULL, "copy rows", dump_row, &c,
	    err);
}

int
store_pg_load_begin(struct store_pg *pg, enum store_table t,
    struct pm_err *err)
{
	PGresult *r = PQexec(pg->conn, copy_sql[t]);
	int rc = 0;

	if (PQresultStatus(r) != PGRES_COPY_IN)
		rc = store_pg_fail(pg, r, "copy rows", copy_sql[t], err);
	PQclear(r);
	return rc;
}

/* One row in COPY's text format: tabs between fields, \N for NULL, and
 * backslash, tab, newline and carriage return escaped. */
int
store_pg_load_row(struct store_pg *pg, const char *const *v, int n,
    struct pm_err *err)
{
	struct buf b = BUF_INIT;
	const char *p;
	int i, rc = 0;

	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, '\t');
		if (v[i] == NULL) {
			buf_adds(&b, "\\N");
			continue;
		}
		for (p = v[i]; *p; p++) {
			switch (*p) {
			case '\\': buf_adds(&b, "\\\\"); break;
			case '\t': buf_adds(&b, "\\t"); break;
			case '\n': buf_adds(&b, "\\n"); break;
			case '\r': buf_adds(&b, "\\r"); break;
			default: buf_addc(&b, *p); break;
			}
		}
	}
	buf_addc(&b, '\n');
	if (PQputCopyData(pg->conn, b.data, (int)b.len) != 1)
		rc = store_pg_fail(pg, NULL, "copy rows", "COPY", err);
	buf_release(&b);
	return rc;
}

int
store_pg_load_end(struct store_pg *pg, struct pm_err *err)
{
	PGresult *r;
	int rc = 0;

	if (PQputCopyEnd(pg->conn, err ? NULL : "stopped") != 1)
		rc = store_pg_fail(pg, NULL, "copy rows", "COPY", err);
	while ((r = PQgetResult(pg->conn)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == 0)
			rc = store_pg_fail(pg, r, "copy rows", "COPY", err);
		PQclear(r);
	}
	return rc;
}

int
store_pg_load_done(struct store_pg *pg, struct pm_err *err)
{
	return store_pg_run(pg, sequences_sql, NULL, "set id sequences", err);
}
