/* Unit tests for core/store: in-memory stores for the observation rules,
 * and file-backed stores in a temporary directory for persistence and
 * refusal of foreign or newer files. With PEMETRICS_TEST_PG set (a URI:
 * tests/pg/cluster.sh run gives one), the observation rules run again on
 * the PostgreSQL backend, each in a fresh schema, with its own tests:
 * refusal of foreign and newer schemas, a reader on an empty one, two
 * handles offering the same content. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/obs.h"
#include "core/store.h"
#include "testutil.h"
#include "util/buf.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

struct fx {
	char *dir;
	struct store *st;
	struct pm_err err;
	bool pg;                /* on the PostgreSQL backend */
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	if (store_open(NULL, STORE_MEMORY, &fx->st, &fx->err) != 0) {
		free(fx);
		return -1;
	}
	fx->dir = tu_mkdtemp();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	store_close(fx->st);
	tu_rmrf(fx->dir);
	free(fx->dir);
	free(fx);
	return 0;
}

/* PostgreSQL: the test's schema, emptied by setup_pg(); the URI that
 * selects it. */
#define PG_SCHEMA "pm_unit"

static char pg_uri[1024];

static int
pg_sql(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("PEMETRICS_TEST_PG"));
	PGresult *r;
	int ok;

	PQclear(PQexec(c, "SET client_min_messages = warning"));
	r = PQexec(c, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "test_store: %s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : -1;
}

static int
setup_pg(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	const char *base = getenv("PEMETRICS_TEST_PG");

	if (fx == NULL)
		return -1;
	snprintf(pg_uri, sizeof(pg_uri), "%s%soptions=-csearch_path%%3D"
	    PG_SCHEMA, base, strchr(base, '?') ? "&" : "?");
	if (pg_sql("DROP SCHEMA IF EXISTS " PG_SCHEMA " CASCADE;"
	    "CREATE SCHEMA " PG_SCHEMA) != 0 ||
	    store_open(pg_uri, 0, &fx->st, &fx->err) != 0) {
		fprintf(stderr, "test_store: %s\n", fx->err.msg);
		free(fx);
		return -1;
	}
	fx->dir = tu_mkdtemp();
	fx->pg = true;
	*state = fx;
	return 0;
}

static long long
add_file(struct store *st, const char *sha, const char *name)
{
	struct store_file f = { sha, name, "UTF-8", 123 };
	struct pm_err err = PM_ERR_INIT;
	long long id = -1;

	assert_int_equal(store_file_add(st, &f, &id, &err), 0);
	assert_true(id > 0);
	return id;
}

static struct store_obs
obs(struct store *st, const char *ind, const char *unit, const char *reg,
    int period, double value)
{
	struct store_obs o;
	struct pm_err err = PM_ERR_INIT;

	memset(&o, 0, sizeof(o));
	assert_int_equal(store_indicator_id(st, ind, unit, &o.ind, &err), 0);
	assert_int_equal(store_region_id(st, reg, &o.reg, &err), 0);
	o.period = period;
	o.basis = BASIS_PERIOD;
	o.value = value;
	return o;
}

static enum store_put
put(struct store *st, const struct store_obs *o, long long file,
    unsigned long line, unsigned long *dup)
{
	struct pm_err err = PM_ERR_INIT;
	enum store_put res;

	assert_int_equal(store_put(st, o, file, line, &res, dup, &err), 0);
	return res;
}

static struct store_stats
stats(struct store *st)
{
	struct store_stats s;
	struct pm_err err = PM_ERR_INIT;

	memset(&s, 0xff, sizeof(s));
	assert_int_equal(store_stats(st, &s, &err), 0);
	return s;
}

static void
fresh_store_is_empty(void **state)
{
	struct fx *fx = *state;
	struct store_stats s = stats(fx->st);
	long long id = 0;

	assert_int_equal(s.observations, 0);
	assert_int_equal(s.history, 0);
	assert_int_equal(s.files, 0);
	assert_int_equal(s.rejects, 0);
	assert_int_equal(store_file_find(fx->st, SHA_A, &id, &fx->err),
	    PM_ENOTFOUND);
	store_close(NULL);
}

static void
put_rules(void **state)
{
	struct fx *fx = *state;
	struct store *st = fx->st;
	struct store_obs o;
	unsigned long dup = 0;
	long long f1, f2, f3;
	struct store_stats s;

	assert_int_equal(store_begin(st, &fx->err), 0);
	f1 = add_file(st, SHA_A, "one.csv");
	o = obs(st, "net_txn_volume", "亿元", "330000", 3202501, 16593.4);
	assert_int_equal(put(st, &o, f1, 2, &dup), PUT_INSERTED);
	/* Same key again from the same file: a duplicate of line 2. */
	o.value = 16642.0;
	assert_int_equal(put(st, &o, f1, 13, &dup), PUT_DUPLICATE);
	assert_int_equal(dup, 2);
	/* Another file, same value: unchanged. */
	f2 = add_file(st, SHA_B, "two.csv");
	o.value = 16593.4;
	assert_int_equal(put(st, &o, f2, 5, &dup), PUT_UNCHANGED);
	/* ...and now that file stated it: repeating it there is a dup. */
	dup = 0;
	assert_int_equal(put(st, &o, f2, 9, &dup), PUT_DUPLICATE);
	assert_int_equal(dup, 5);
	s = stats(st);
	assert_int_equal(s.history, 0);
	/* A third file with another value: revised, old value kept. */
	f3 = add_file(st, SHA_A, "three.csv");
	o.value = 16600;
	assert_int_equal(put(st, &o, f3, 2, &dup), PUT_REVISED);
	s = stats(st);
	assert_int_equal(s.observations, 1);
	assert_int_equal(s.history, 1);
	assert_int_equal(s.files, 3);
	assert_int_equal(store_commit(st, &fx->err), 0);
}

static void
yoy_alone_is_a_revision(void **state)
{
	struct fx *fx = *state;
	struct store *st = fx->st;
	struct store_obs o;
	unsigned long dup;
	long long f[4];
	int i;

	assert_int_equal(store_begin(st, &fx->err), 0);
	for (i = 0; i < 4; i++)
		f[i] = add_file(st, SHA_A, "f.csv");
	o = obs(st, "net_txn_volume", "亿元", "330000", 4202403, 15376.1);
	o.has_yoy = true;
	o.yoy = 8.5;
	assert_int_equal(put(st, &o, f[0], 2, &dup), PUT_INSERTED);
	o.yoy = 8.6;
	assert_int_equal(put(st, &o, f[1], 2, &dup), PUT_REVISED);
	o.has_yoy = false;              /* growth withdrawn */
	assert_int_equal(put(st, &o, f[2], 2, &dup), PUT_REVISED);
	assert_int_equal(put(st, &o, f[3], 2, &dup), PUT_UNCHANGED);
	assert_int_equal(stats(st).history, 2);
	/* The basis is part of the key. */
	o.basis = BASIS_YTD;
	assert_int_equal(put(st, &o, f[3], 3, &dup), PUT_INSERTED);
	assert_int_equal(stats(st).observations, 2);
	assert_int_equal(store_commit(st, &fx->err), 0);
}

/* Status and source (schema version 4): a change of either alone is a
 * revision, whose history keeps the old ones; the readers give them back
 * and the same pair is one id. */
struct prov_seen {
	int n;
	char text[8][96];
};

static int
on_prov_row(void *ctx, const struct store_row *r)
{
	struct prov_seen *s = ctx;

	if (s->n < 8)
		snprintf(s->text[s->n], sizeof(s->text[0]), "%d %c %s|%s",
		    r->period, r->status ? r->status : '-',
		    r->source ? r->source : "(none)",
		    r->note ? r->note : "(none)");
	s->n++;
	return 0;
}

static int
on_prov(void *ctx, const char *indicator, int period, char status,
    const char *source, const char *note)
{
	struct prov_seen *s = ctx;

	if (s->n < 8)
		snprintf(s->text[s->n], sizeof(s->text[0]), "%s %d %c %s|%s",
		    indicator, period, status ? status : '-', source, note);
	s->n++;
	return 0;
}

static int
on_revision_count(void *ctx, const struct store_revision *r)
{
	struct prov_seen *s = ctx;

	(void)r;
	s->n++;
	return 0;
}

static void
provenance_rules(void **state)
{
	struct fx *fx = *state;
	struct store *st = fx->st;
	struct store_obs o;
	struct store_put_row w[2];
	struct prov_seen seen;
	struct buf b = BUF_INIT;
	struct obs *v = NULL;
	long long f[5], nbs, nbs2, miit, none, id1, id2;
	static char longnote[9000];
	unsigned seed;
	unsigned long dup;
	size_t n = 0;
	double prev = 0;
	int i, prev_period = 0;
	bool any = true, found = false;

	assert_int_equal(store_has_provenance(st, &any, &fx->err), 0);
	assert_false(any);
	assert_int_equal(store_begin(st, &fx->err), 0);
	for (i = 0; i < 5; i++)
		f[i] = add_file(st, SHA_A, "f.csv");
	assert_int_equal(store_prov_id(st, "NBS", "初步核算", &nbs, &fx->err),
	    0);
	assert_true(nbs > 0);
	assert_int_equal(store_prov_id(st, "NBS", "初步核算", &nbs2, &fx->err),
	    0);
	assert_int_equal(nbs2, nbs);
	assert_int_equal(store_prov_id(st, "MIIT", NULL, &miit, &fx->err), 0);
	assert_true(miit > 0 && miit != nbs);
	assert_int_equal(store_prov_id(st, "", NULL, &none, &fx->err), 0);
	assert_int_equal(none, 0);
	/* A note of some kilobytes, as a release's may be (letters that do
	 * not compress, past what one b-tree entry holds): one pair too. */
	for (i = 0, seed = 1; i < (int)sizeof(longnote) - 1; i++) {
		seed = seed * 1103515245u + 12345u;
		longnote[i] = (char)('a' + (seed >> 16) % 26);
	}
	longnote[sizeof(longnote) - 1] = '\0';
	assert_int_equal(store_prov_id(st, "NBS", longnote, &id1, &fx->err),
	    0);
	assert_int_equal(store_prov_id(st, "NBS", longnote, &id2, &fx->err),
	    0);
	assert_true(id1 > 0 && id1 == id2 && id1 != nbs);

	o = obs(st, "online_retail_sales", "亿元", "330000", 1202400, 30610.2);
	o.status = 'P';
	o.prov = nbs;
	assert_int_equal(put(st, &o, f[0], 2, &dup), PUT_INSERTED);
	assert_int_equal(put(st, &o, f[1], 2, &dup), PUT_UNCHANGED);
	o.status = 'A';                 /* the status alone */
	assert_int_equal(put(st, &o, f[2], 2, &dup), PUT_REVISED);
	o.prov = miit;                  /* the source alone */
	assert_int_equal(put(st, &o, f[3], 2, &dup), PUT_REVISED);
	assert_int_equal(stats(st).history, 2);
	/* The batch path the same: the source withdrawn, and a new key. */
	memset(w, 0, sizeof(w));
	w[0].o = o;
	w[0].o.prov = 0;
	w[0].line = 3;
	w[1].o = o;
	w[1].o.period = 1202500;
	w[1].o.value = 32350.8;
	w[1].o.status = 'E';
	w[1].line = 4;
	assert_int_equal(store_put_batch(st, w, 2, sizeof(w[0]), f[4],
	    &fx->err), 0);
	assert_int_equal(w[0].res, PUT_REVISED);
	assert_int_equal(w[1].res, PUT_INSERTED);
	assert_int_equal(stats(st).history, 3);
	assert_int_equal(store_prev_value(st, &w[1].o, false, &found, &prev,
	    &prev_period, &fx->err), 0);
	assert_true(found);
	assert_true(prev == 30610.2);
	assert_int_equal(prev_period, 1202400);
	assert_int_equal(store_prev_value(st, &w[1].o, true, &found, &prev,
	    &prev_period, &fx->err), 0);
	assert_false(found);            /* none before in 2025 */
	assert_int_equal(store_commit(st, &fx->err), 0);

	assert_int_equal(store_has_provenance(st, &any, &fx->err), 0);
	assert_true(any);
	assert_int_equal(store_series(st, "online_retail_sales", "330000", &v,
	    &n, &fx->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].status, 'A');
	assert_int_equal(v[1].status, 'E');
	free(v);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_scan(st, on_prov_row, &seen, &fx->err), 0);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.text[0], "1202400 A (none)|(none)");
	assert_string_equal(seen.text[1], "1202500 E MIIT|(none)");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_prov_scan(st, "330000", on_prov, &seen,
	    &fx->err), 0);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.text[0], "online_retail_sales 1202400 A |");
	assert_string_equal(seen.text[1],
	    "online_retail_sales 1202500 E MIIT|");
	assert_int_equal(store_sources(st, "online_retail_sales", "330000",
	    &b, &fx->err), 0);
	assert_string_equal(buf_str(&b), "MIIT");
	buf_release(&b);
	/* Each revision is one, the value the same. */
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_revisions(st, 0, on_revision_count, &seen,
	    &fx->err), 0);
	assert_int_equal(seen.n, 3);
}

/* The batch path gives each row what store_put() would: new keys in one
 * statement, known keys (unchanged, revised, repeated by the same file)
 * through the per-row rules; elements larger than the row, as ingest's. */
struct elem {
	struct store_put_row put;
	int tag;
};

static void
put_batch_rules(void **state)
{
	struct fx *fx = *state;
	struct store *st = fx->st;
	struct elem b[4];
	struct store_obs o;
	long long f1, f2;
	unsigned long dup = 0;
	int i;

	assert_int_equal(store_begin(st, &fx->err), 0);
	f1 = add_file(st, SHA_A, "one.csv");
	o = obs(st, "net_txn_volume", "亿元", "330000", 3202501, 10);
	assert_int_equal(put(st, &o, f1, 2, &dup), PUT_INSERTED);
	o.period = 3202502;
	assert_int_equal(put(st, &o, f1, 3, &dup), PUT_INSERTED);
	/* Another file: the first key unchanged, the second revised, two
	 * new ones; all in key order. */
	f2 = add_file(st, SHA_B, "two.csv");
	memset(b, 0, sizeof(b));
	for (i = 0; i < 4; i++) {
		b[i].put.o = o;
		b[i].put.o.period = 3202501 + i;
		b[i].put.o.value = 10;
		b[i].put.line = 10 + (unsigned long)i;
		b[i].tag = i;
	}
	b[1].put.o.value = 11;
	assert_int_equal(store_put_batch(st, b, 4, sizeof(b[0]), f2,
	    &fx->err), 0);
	assert_int_equal(b[0].put.res, PUT_UNCHANGED);
	assert_int_equal(b[1].put.res, PUT_REVISED);
	assert_int_equal(b[2].put.res, PUT_INSERTED);
	assert_int_equal(b[3].put.res, PUT_INSERTED);
	assert_int_equal(b[3].tag, 3);          /* the rest untouched */
	assert_int_equal(stats(st).observations, 4);
	assert_int_equal(stats(st).history, 1);
	/* The same file again: every key is now a duplicate of its line. */
	assert_int_equal(store_put_batch(st, b, 4, sizeof(b[0]), f2,
	    &fx->err), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(b[i].put.res, PUT_DUPLICATE);
		assert_int_equal(b[i].put.dup_line, 10 + (unsigned long)i);
	}
	assert_int_equal(store_put_batch(st, b, 0, sizeof(b[0]), f2,
	    &fx->err), 0);
	/* Out of key order SQLite cannot place a known key: an error,
	 * never a wrong answer. PostgreSQL joins on the key: any order. */
	b[0].put.o.period = 3202504;
	b[3].put.o.period = 3202501;
	if (fx->pg) {
		assert_int_equal(store_put_batch(st, b, 4, sizeof(b[0]), f1,
		    &fx->err), 0);
		for (i = 0; i < 4; i++)
			assert_int_equal(b[i].put.res, PUT_UNCHANGED);
	} else {
		assert_int_not_equal(store_put_batch(st, b, 4, sizeof(b[0]),
		    f1, &fx->err), 0);
		assert_true(tu_contains(fx->err.msg, "key order"));
	}
	store_rollback(st);
}

/* PostgreSQL: a batch whose key range holds nothing stored goes straight
 * into obs by COPY (binary); its values come back bit for bit. A batch
 * that breaks the key there (a key twice) is undone and sorted out by
 * the staging path in the same transaction; a range with stored keys
 * takes that path at once; past the cap on savepoints too. */
static void
pg_fresh_batches(void **state)
{
	static const double vals[] = { 0.1, -1e300, 4.9e-324, 123456789.125 };
	struct fx *fx = *state;
	struct store *st = fx->st;
	struct elem b[64];
	struct store_obs o;
	struct obs *got = NULL;
	long long f1, prov = 0;
	size_t n = 0;
	int i;

	assert_int_equal(store_begin(st, &fx->err), 0);
	f1 = add_file(st, SHA_A, "one.csv");
	assert_int_equal(store_prov_id(st, "NBS", "note", &prov, &fx->err), 0);
	o = obs(st, "net_txn_volume", "亿元", "330000", 3202501, 10);
	memset(b, 0, sizeof(b));
	for (i = 0; i < 4; i++) {
		b[i].put.o = o;
		b[i].put.o.period = 3202501 + 2 * i;
		b[i].put.o.value = vals[i];
		b[i].put.o.has_yoy = i % 2 == 0;
		b[i].put.o.yoy = -3.25 * i;
		b[i].put.o.status = i == 1 ? 'P' : 0;
		b[i].put.o.prov = i == 2 ? prov : 0;
		b[i].put.line = 2 + (unsigned long)i;
	}
	assert_int_equal(store_put_batch(st, b, 4, sizeof(b[0]), f1,
	    &fx->err), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(b[i].put.res, PUT_INSERTED);
	assert_int_equal(store_series(st, "net_txn_volume", "330000", &got,
	    &n, &fx->err), 0);
	assert_int_equal(n, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(got[i].period, 3202501 + 2 * i);
		assert_memory_equal(&got[i].value, &vals[i], sizeof(double));
		assert_int_equal(got[i].has_yoy, i % 2 == 0);
		if (got[i].has_yoy)
			assert_true(got[i].yoy == -3.25 * i);
		assert_int_equal(got[i].status, i == 1 ? 'P' : 0);
	}
	free(got);
	/* A key twice, past the stored ones: the COPY breaks the key and
	 * is undone; the staging path stores one and calls the other a
	 * duplicate. */
	for (i = 0; i < 3; i++) {
		b[i].put.o = o;
		b[i].put.o.period = 3202510 + (i > 0);
		b[i].put.line = 20 + (unsigned long)i;
	}
	assert_int_equal(store_put_batch(st, b, 3, sizeof(b[0]), f1,
	    &fx->err), 0);
	assert_int_equal(b[0].put.res, PUT_INSERTED);
	assert_int_equal((b[1].put.res == PUT_DUPLICATE) +
	    (b[2].put.res == PUT_DUPLICATE), 1);
	assert_int_equal(stats(st).observations, 6);
	/* Between stored keys: the staging path. */
	b[0].put.o = o;
	b[0].put.o.period = 3202502;
	b[1].put.o = o;
	b[1].put.o.period = 3202503;
	b[1].put.o.value = 99;
	assert_int_equal(store_put_batch(st, b, 2, sizeof(b[0]), f1,
	    &fx->err), 0);
	assert_int_equal(b[0].put.res, PUT_INSERTED);
	assert_int_equal(b[1].put.res, PUT_DUPLICATE);
	assert_int_equal(b[1].put.dup_line, 3);
	/* More fresh batches than savepoints allowed: all stored. */
	for (i = 0; i < 64; i++) {
		b[0].put.o = o;
		b[0].put.o.period = 3203001 + 100 * i;
		assert_int_equal(store_put_batch(st, b, 1, sizeof(b[0]), f1,
		    &fx->err), 0);
		assert_int_equal(b[0].put.res, PUT_INSERTED);
	}
	assert_int_equal(stats(st).observations, 7 + 64);
	assert_int_equal(store_commit(st, &fx->err), 0);
	assert_int_equal(stats(st).observations, 7 + 64);
}

static void
file_find_after_add(void **state)
{
	struct fx *fx = *state;
	long long a, b, id = -1;

	assert_int_equal(store_begin(fx->st, &fx->err), 0);
	a = add_file(fx->st, SHA_A, "a.csv");
	assert_int_equal(store_file_find(fx->st, SHA_A, &id, &fx->err), 0);
	assert_int_equal(id, a);
	b = add_file(fx->st, SHA_A, "again.csv");
	assert_true(b != a);
	assert_int_equal(store_file_find(fx->st, SHA_A, &id, &fx->err), 0);
	assert_int_equal(id, b);        /* the latest */
	assert_int_equal(store_file_find(fx->st, SHA_B, &id, &fx->err),
	    PM_ENOTFOUND);
	assert_int_equal(store_commit(fx->st, &fx->err), 0);
	assert_int_equal(store_file_find(fx->st, SHA_A, &id, &fx->err), 0);
	assert_int_equal(id, b);
}

static void
interning(void **state)
{
	struct fx *fx = *state;
	struct store *st = fx->st;
	int a = -1, b = -1, c = -1, r1 = -1, r2 = -1;

	assert_int_equal(store_begin(st, &fx->err), 0);
	assert_int_equal(store_indicator_id(st, "net_txn_volume", "亿元", &a,
	    &fx->err), 0);
	assert_int_equal(store_indicator_id(st, "online_operators", "户", &b,
	    &fx->err), 0);
	assert_true(a != b);
	assert_int_equal(store_indicator_id(st, "net_txn_volume", "亿元", &c,
	    &fx->err), 0);
	assert_int_equal(c, a);
	assert_int_equal(store_indicator_id(st, "net_txn_volume", "万元", &c,
	    &fx->err), PM_EDATA);
	assert_int_equal(fx->err.code, PM_EDATA);
	assert_true(tu_contains(fx->err.msg, "net_txn_volume"));
	assert_int_equal(store_region_id(st, "330100", &r1, &fx->err), 0);
	assert_int_equal(store_region_id(st, "330000", &r2, &fx->err), 0);
	assert_true(r1 != r2);
	assert_int_equal(store_region_id(st, "330100", &r2, &fx->err), 0);
	assert_int_equal(r2, r1);
	assert_int_equal(store_commit(st, &fx->err), 0);
}

static void
rollback_discards(void **state)
{
	struct fx *fx = *state;
	struct store *st = fx->st;
	struct store_obs o;
	unsigned long dup;
	long long f, id;

	assert_int_equal(store_begin(st, &fx->err), 0);
	f = add_file(st, SHA_A, "a.csv");
	o = obs(st, "net_txn_volume", "亿元", "330000", 1202400, 1);
	assert_int_equal(put(st, &o, f, 2, &dup), PUT_INSERTED);
	assert_int_equal(store_reject_add(st, f, 3, "bad", "2023", 4, &fx->err), 0);
	assert_int_equal(stats(st).rejects, 1);
	store_rollback(st);
	assert_int_equal(stats(st).observations, 0);
	assert_int_equal(stats(st).files, 0);
	assert_int_equal(stats(st).rejects, 0);
	assert_int_equal(store_file_find(st, SHA_A, &id, &fx->err),
	    PM_ENOTFOUND);
	store_rollback(st);             /* no transaction: harmless */
}

struct seen {
	size_t n;
	char text[16][64];
	int stop_at;
};

static int
on_obs(void *ctx, const struct store_row *r)
{
	struct seen *s = ctx;

	if (s->n < 16)
		snprintf(s->text[s->n], sizeof(s->text[0]),
		    "%s %s %s %d %d %g%s", r->indicator, r->region, r->unit, r->period, (int)r->basis,
		    r->value, r->has_yoy ? " yoy" : "");
	s->n++;
	return s->stop_at && (int)s->n == s->stop_at ? 7 : 0;
}

static void
scan_order(void **state)
{
	static const struct {
		const char *ind, *unit, *reg;
		int period;
		double v;
	} in[] = {
		{ "zz_last", "个", "330100", 4202401, 6 },
		{ "b_ind", "户", "330100", 4202312, 4 },
		{ "b_ind", "户", "330000", 4202401, 3 },
		{ "a_ind", "亿元", "330100", 1202300, 2 },
		{ "b_ind", "户", "330100", 1202300, 5 },
		{ "a_ind", "亿元", "330000", 1202300, 1 },
		{ "b_ind", "户", "330000", 3202301, 7 },
	};
	static const char *const want[] = {
		"a_ind 330000 亿元 1202300 0 1", "a_ind 330100 亿元 1202300 0 2",
		"b_ind 330000 户 3202301 0 7", "b_ind 330000 户 4202401 0 3",
		"b_ind 330100 户 1202300 0 5", "b_ind 330100 户 4202312 0 4",
		"zz_last 330100 个 4202401 0 6",
	};
	struct fx *fx = *state;
	struct seen seen;
	unsigned long dup;
	long long f;
	size_t i;

	assert_int_equal(store_begin(fx->st, &fx->err), 0);
	f = add_file(fx->st, SHA_A, "a.csv");
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct store_obs o = obs(fx->st, in[i].ind, in[i].unit,
		    in[i].reg, in[i].period, in[i].v);

		assert_int_equal(put(fx->st, &o, f, i + 2, &dup), PUT_INSERTED);
	}
	assert_int_equal(store_commit(fx->st, &fx->err), 0);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_scan(fx->st, on_obs, &seen, &fx->err), 0);
	assert_int_equal(seen.n, 7);
	for (i = 0; i < 7; i++)
		assert_string_equal(seen.text[i], want[i]);
	memset(&seen, 0, sizeof(seen));
	seen.stop_at = 3;
	assert_int_equal(store_scan(fx->st, on_obs, &seen, &fx->err), 7);
	assert_int_equal(seen.n, 3);
}

static void
file_store_persists(void **state)
{
	struct fx *fx = *state;
	char *path = tu_path(fx->dir, "pm.db");
	struct store *st = NULL;
	struct store_obs o;
	struct seen seen;
	unsigned long dup;
	long long f, id = 0;
	int rc;

	rc = store_open(path, 0, &st, &fx->err);
	if (rc == 0) {
		store_begin(st, &fx->err);
		f = add_file(st, SHA_B, "b.csv");
		o = obs(st, "net_txn_volume", "亿元", "330000", 1202400, 2.5);
		o.has_yoy = true;
		o.yoy = -1.25;
		put(st, &o, f, 2, &dup);
		rc = store_commit(st, &fx->err);
		store_close(st);
		st = NULL;
	}
	assert_int_equal(rc, 0);
	rc = store_open(path, STORE_READONLY, &st, &fx->err);
	free(path);
	assert_int_equal(rc, 0);
	memset(&seen, 0, sizeof(seen));
	rc = store_scan(st, on_obs, &seen, &fx->err);
	if (rc == 0)
		rc = store_file_find(st, SHA_B, &id, &fx->err);
	store_close(st);
	assert_int_equal(rc, 0);
	assert_true(id > 0);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.text[0],
	    "net_txn_volume 330000 亿元 1202400 0 2.5 yoy");
}

static void
foreign_files_refused(void **state)
{
	struct fx *fx = *state;
	char *hello = tu_file_str(fx->dir, "hello.db", "hello");
	char *other = tu_path(fx->dir, "other.db");
	char *missing = tu_path(fx->dir, "missing.db");
	struct store *st = NULL;
	sqlite3 *db = NULL;
	int rc[4];

	rc[0] = store_open(hello, 0, &st, &fx->err);
	store_close(st);
	rc[1] = store_open(missing, STORE_READONLY, &st, &fx->err);
	store_close(st);
	/* A writer that must not create it (a report): refused too. */
	assert_int_equal(store_open(missing, STORE_EXISTING, &st, &fx->err),
	    PM_EIO);
	assert_true(tu_contains(fx->err.msg, "cannot open store (ingest a "
	    "file first?)"));
	assert_int_equal(access(missing, F_OK), -1);
	/* An SQLite database that is someone else's. */
	rc[2] = sqlite3_open(other, &db);
	if (rc[2] == SQLITE_OK)
		rc[2] = sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	rc[3] = store_open(other, 0, &st, &fx->err);
	store_close(st);
	free(hello);
	free(other);
	free(missing);
	/* The system's trouble, not rejected data: exit 4. */
	assert_int_equal(rc[0], PM_EIO);
	assert_int_equal(rc[1], PM_EIO);
	assert_int_equal(rc[2], SQLITE_OK);
	assert_int_equal(rc[3], PM_EIO);
	assert_true(tu_contains(fx->err.msg, "not a pemetrics store"));
	assert_null(st);
}

static void
newer_store_refused(void **state)
{
	struct fx *fx = *state;
	char *path = tu_path(fx->dir, "new.db");
	struct store *st = NULL;
	sqlite3 *db = NULL;
	int rc;

	rc = store_open(path, 0, &st, &fx->err);
	store_close(st);
	st = NULL;
	if (rc == 0) {
		rc = sqlite3_open(path, &db);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
			    NULL, NULL);
		sqlite3_close(db);
	}
	assert_int_equal(rc, 0);
	rc = store_open(path, 0, &st, &fx->err);
	store_close(st);
	free(path);
	assert_int_equal(rc, PM_EIO);
	assert_int_equal(fx->err.code, PM_EIO);
	assert_true(tu_contains(fx->err.msg, "newer"));
}

/* The URI as messages show it: the password replaced, wherever it is. */
static void
uri_shown(void **state)
{
	static const char *const cases[][2] = {
		{ "postgresql://u:secret@db.example/pm",
		  "postgresql://u:***@db.example/pm" },
		{ "postgres://u@h/pm?password=secret&sslmode=require",
		  "postgres://u@h/pm?password=***&sslmode=require" },
		{ "postgresql://u:p%40ss@h:5433/pm?sslmode=require&password=x",
		  "postgresql://u:***@h:5433/pm?sslmode=require&password=***" },
		{ "postgresql:///pm?host=/run/pg", "postgresql:///pm?host=/run/pg" },
		{ "stores/pm.db", "stores/pm.db" },
	};
	char out[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		store_shown(cases[i][0], out, sizeof(out));
		assert_string_equal(out, cases[i][1]);
	}
	assert_true(store_is_uri("postgres://h/pm"));
	assert_true(store_is_uri("postgresql:///pm"));
	assert_false(store_is_uri("pm.db"));
	assert_false(store_is_uri("postgresql:"));
}

/* A schema with someone else's tables, a newer store, and a reader on a
 * schema with no store are refused, each with its reason. */
static void
pg_refusals(void **state)
{
	struct fx *fx = *state;
	struct store *st = NULL;
	int rc[3];

	store_close(fx->st);
	fx->st = NULL;
	assert_int_equal(pg_sql("DROP SCHEMA " PG_SCHEMA " CASCADE;"
	    "CREATE SCHEMA " PG_SCHEMA ";"
	    "CREATE TABLE " PG_SCHEMA ".t(x int)"), 0);
	rc[0] = store_open(pg_uri, 0, &st, &fx->err);
	store_close(st);
	st = NULL;
	assert_int_equal(rc[0], PM_EDATA);
	assert_true(tu_contains(fx->err.msg, "not a pemetrics store"));
	assert_int_equal(pg_sql("DROP TABLE " PG_SCHEMA ".t"), 0);
	rc[1] = store_open(pg_uri, STORE_READONLY, &st, &fx->err);
	store_close(st);
	st = NULL;
	assert_int_equal(rc[1], PM_EIO);
	assert_true(tu_contains(fx->err.msg, "ingest a file first"));
	/* A writer that must not create it (a report): refused the same
	 * way, and no store made (a reader is still refused). */
	assert_int_equal(store_open(pg_uri, STORE_EXISTING, &st, &fx->err),
	    PM_EIO);
	assert_true(tu_contains(fx->err.msg, "cannot open store (none in "
	    "schema " PG_SCHEMA ": ingest a file first?)"));
	assert_int_equal(store_open(pg_uri, STORE_READONLY, &st, &fx->err),
	    PM_EIO);
	assert_int_equal(store_open(pg_uri, 0, &st, &fx->err), 0);
	store_close(st);
	st = NULL;
	assert_int_equal(pg_sql("UPDATE " PG_SCHEMA ".schema_version"
	    " SET version = 99"), 0);
	rc[2] = store_open(pg_uri, STORE_READONLY, &st, &fx->err);
	store_close(st);
	assert_int_equal(rc[2], PM_EDATA);
	assert_true(tu_contains(fx->err.msg, "newer"));
}

/* An older schema (version 1: no reports, no period of rejects) is
 * brought to the current one on open, its data kept. */
static void
pg_migrates(void **state)
{
	struct fx *fx = *state;
	struct store *st = NULL;
	struct store_stats s;
	struct store_obs o;
	long long f = 0, prov = 0;
	unsigned long dup;
	bool any = false;

	store_close(fx->st);
	fx->st = NULL;
	/* Back to version 1: the later versions' tables and columns gone. */
	assert_int_equal(pg_sql("DROP TABLE " PG_SCHEMA ".cons;"
	    "ALTER TABLE " PG_SCHEMA ".indicator DROP COLUMN cons_kind;"
	    "DROP TABLE " PG_SCHEMA ".prov;"
	    "ALTER TABLE " PG_SCHEMA ".obs DROP COLUMN status,"
	    " DROP COLUMN prov;"
	    "ALTER TABLE " PG_SCHEMA ".history DROP COLUMN status,"
	    " DROP COLUMN prov;"
	    "ALTER TABLE " PG_SCHEMA ".file DROP COLUMN skipped;"
	    "DROP TABLE " PG_SCHEMA ".report_status;"
	    "DROP TABLE " PG_SCHEMA ".report;"
	    "ALTER TABLE " PG_SCHEMA ".reject DROP COLUMN period;"
	    "UPDATE " PG_SCHEMA ".schema_version SET version = 1;"
	    "INSERT INTO " PG_SCHEMA ".file(sha256, name, encoding, bytes,"
	    " ingested_at) VALUES('" SHA_A "', 'a.csv', 'UTF-8', 1, 'x')"), 0);
	assert_int_equal(store_open(pg_uri, STORE_READONLY, &st, &fx->err),
	    0);
	assert_int_equal(store_file_find(st, SHA_A, &f, &fx->err), 0);
	assert_int_equal(store_report_add(st, "330000", 1202400, f, NULL, 0,
	    NULL, &fx->err), PM_EIO);   /* read-only: one snapshot */
	store_close(st);
	st = NULL;
	assert_int_equal(store_open(pg_uri, 0, &st, &fx->err), 0);
	assert_int_equal(store_reject_add(st, f, 3, "bad", "2024", 4,
	    &fx->err), 0);
	assert_int_equal(store_report_add(st, "330000", 1202400, f, NULL, 0,
	    NULL, &fx->err), 0);
	/* Version 4's: a value with a status and a source. */
	assert_int_equal(store_begin(st, &fx->err), 0);
	assert_int_equal(store_prov_id(st, "NBS", "", &prov, &fx->err), 0);
	o = obs(st, "online_retail_sales", "亿元", "330000", 1202400, 1);
	o.status = 'P';
	o.prov = prov;
	assert_int_equal(put(st, &o, f, 2, &dup), PUT_INSERTED);
	assert_int_equal(store_commit(st, &fx->err), 0);
	assert_int_equal(store_has_provenance(st, &any, &fx->err), 0);
	assert_true(any);
	s = stats(st);
	assert_int_equal(s.files, 1);
	assert_int_equal(s.rejects, 1);
	fx->st = st;
}

/* Two handles offered the same content at once: the second waits for
 * the first's transaction and then finds its file. */
static void
pg_same_content_once(void **state)
{
	struct fx *fx = *state;
	struct store *b = NULL;
	long long f1, f2 = 0;

	assert_int_equal(store_open(pg_uri, 0, &b, &fx->err), 0);
	assert_int_equal(store_begin(fx->st, &fx->err), 0);
	assert_int_equal(store_file_find(fx->st, SHA_B, &f1, &fx->err),
	    PM_ENOTFOUND);
	f1 = add_file(fx->st, SHA_B, "b.csv");
	assert_int_equal(store_begin(b, &fx->err), 0);
	/* b waits on a's lock: with a short wait it gives up, busy. */
	store_busy_wait(b, 200);
	assert_int_equal(store_file_find(b, SHA_B, &f2, &fx->err), PM_EBUSY);
	store_rollback(b);
	assert_int_equal(store_commit(fx->st, &fx->err), 0);
	assert_int_equal(store_begin(b, &fx->err), 0);
	assert_int_equal(store_file_find(b, SHA_B, &f2, &fx->err), 0);
	store_rollback(b);
	store_close(b);
	assert_int_equal(f1, f2);
}

/* A writable handle reads one snapshot until it writes: a report made
 * while a file goes in sees the store before that file or after it,
 * across all of its queries. */
static void
pg_reads_one_snapshot(void **state)
{
	struct fx *fx = *state;
	struct store *b = NULL;
	long long last = -1;

	assert_int_equal(stats(fx->st).files, 0);
	assert_int_equal(store_open(pg_uri, 0, &b, &fx->err), 0);
	assert_int_equal(store_begin(b, &fx->err), 0);
	add_file(b, SHA_A, "a.csv");
	assert_int_equal(store_commit(b, &fx->err), 0);
	store_close(b);
	assert_int_equal(stats(fx->st).files, 0);       /* the snapshot */
	assert_int_equal(store_file_last(fx->st, &last, &fx->err), 0);
	assert_int_equal(last, 0);
	assert_int_equal(store_begin(fx->st, &fx->err), 0);
	assert_int_equal(store_commit(fx->st, &fx->err), 0);
	assert_int_equal(stats(fx->st).files, 1);       /* a new one */
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
#define P(f) cmocka_unit_test_setup_teardown(f, setup_pg, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(fresh_store_is_empty), T(put_rules),
		T(yoy_alone_is_a_revision), T(provenance_rules),
		T(put_batch_rules), T(file_find_after_add),
		T(interning), T(rollback_discards), T(scan_order),
		T(file_store_persists), T(foreign_files_refused),
		T(newer_store_refused), cmocka_unit_test(uri_shown),
	};
	const struct CMUnitTest pg_tests[] = {
		P(fresh_store_is_empty), P(put_rules),
		P(yoy_alone_is_a_revision), P(provenance_rules),
		P(put_batch_rules), P(file_find_after_add),
		P(interning), P(rollback_discards), P(scan_order),
		P(pg_refusals), P(pg_migrates), P(pg_same_content_once),
		P(pg_reads_one_snapshot), P(pg_fresh_batches),
	};
	int rc = cmocka_run_group_tests_name("store (SQLite)", tests, NULL,
	    NULL);
	const char *uri = getenv("PEMETRICS_TEST_PG");

	if (uri == NULL || *uri == '\0') {
		printf("test_store: PEMETRICS_TEST_PG not set: the PostgreSQL "
		    "backend's tests skipped (tests/pg/cluster.sh run ...)\n");
		return rc;
	}
	return rc | cmocka_run_group_tests_name("store (PostgreSQL)",
	    pg_tests, NULL, NULL);
}
