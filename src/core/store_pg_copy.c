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

/* --- the ingest's rows, in COPY's binary format ----------------------- */

/* Binary COPY: a header, then per row the number of fields and each
 * field as its length (-1: NULL) and its bytes, integers and doubles in
 * network byte order; a trailer of -1. Nothing is formatted as text on
 * our side nor parsed on the server's (%.17g and float8in were a third
 * of a text COPY's time). */
static const unsigned char bin_header[19] = { 'P', 'G', 'C', 'O', 'P', 'Y',
	'\n', 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0 };

static unsigned char *
put_be(unsigned char *p, unsigned long long v, int bytes)
{
	int i;

	for (i = bytes - 1; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	return p + bytes;
}

/* A field: its length, then the value in 'bytes' bytes. */
static unsigned char *
put_field(unsigned char *p, unsigned long long v, int bytes)
{
	return put_be(put_be(p, (unsigned long long)bytes, 4), v, bytes);
}

static unsigned char *
put_null(unsigned char *p)
{
	return put_be(p, 0xffffffffULL, 4);
}

static unsigned long long
double_bits(double d)
{
	unsigned long long u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

/* One row of the batch: ix (when given), the key, the value and what
 * comes with it, the file (when not negative). At most 2 + 11 fields of
 * up to 12 bytes. */
static size_t
obs_row(unsigned char *out, const struct store_put_row *w, const size_t *ix,
    long long file)
{
	unsigned char *p = out;

	p = put_be(p, (unsigned long long)(9 + (ix != NULL) + (file >= 0)), 2);
	if (ix)
		p = put_field(p, (unsigned long long)*ix, 4);
	p = put_field(p, (unsigned long long)(unsigned)w->o.ind, 4);
	p = put_field(p, (unsigned long long)(unsigned)w->o.reg, 4);
	p = put_field(p, (unsigned long long)(unsigned)w->o.period, 4);
	p = put_field(p, (unsigned long long)(unsigned)w->o.basis, 2);
	p = put_field(p, double_bits(w->o.value), 8);
	p = w->o.has_yoy ? put_field(p, double_bits(w->o.yoy), 8) :
	    put_null(p);
	p = put_field(p, (unsigned long long)w->line, 8);
	/* A status is one letter, as text. */
	p = w->o.status ? put_field(p, (unsigned char)w->o.status, 1) :
	    put_null(p);
	p = w->o.prov ? put_field(p, (unsigned long long)w->o.prov, 8) :
	    put_null(p);
	if (file >= 0)
		p = put_field(p, (unsigned long long)file, 8);
	return (size_t)(p - out);
}

int
store_pg_copy_obs(struct store_pg *pg, const char *sql, void *rows,
    size_t size, const size_t *ix, size_t n, long long file,
    const char *what, struct pm_err *err)
{
	enum { CHUNK = 1 << 18 };
	unsigned char row[160];
	struct buf b = BUF_INIT;
	PGresult *r;
	size_t i;
	int rc = 0;

	r = PQexec(pg->conn, sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		rc = store_pg_fail(pg, r, what, sql, err);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	buf_grow(&b, CHUNK + sizeof(row));
	buf_add(&b, bin_header, sizeof(bin_header));
	for (i = 0; i < n && rc == 0; i++) {
		size_t at = ix ? ix[i] : i;
		const struct store_put_row *w = (const void *)((const char *)
		    rows + at * size);

		buf_add(&b, row, obs_row(row, w, ix ? &at : NULL, file));
		if (b.len >= CHUNK) {
			if (PQputCopyData(pg->conn, b.data, (int)b.len) != 1)
				rc = store_pg_fail(pg, NULL, what, sql, err);
			buf_reset(&b);
		}
	}
	buf_add(&b, "\xff\xff", 2);
	if (rc == 0 && PQputCopyData(pg->conn, b.data, (int)b.len) != 1)
		rc = store_pg_fail(pg, NULL, what, sql, err);
	buf_release(&b);
	if (PQputCopyEnd(pg->conn, rc == 0 ? NULL : "stopped") != 1 &&
	    rc == 0)
		rc = store_pg_fail(pg, NULL, what, sql, err);
	while ((r = PQgetResult(pg->conn)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == 0)
			rc = store_pg_fail(pg, r, what, sql, err);
		PQclear(r);
	}
	return rc;
}
