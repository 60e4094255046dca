/* Unit tests for core/store: in-memory stores for the observation rules,
 * and file-backed stores in a temporary directory for persistence and
 * refusal of foreign or newer files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/store.h"
#include "testutil.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

struct fx {
	char *dir;
	struct store *st;
	struct pm_err err;
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
	/* Out of key order the store cannot place a known key: an error,
	 * never a wrong answer. */
	b[0].put.o.period = 3202504;
	b[3].put.o.period = 3202501;
	assert_int_not_equal(store_put_batch(st, b, 4, sizeof(b[0]), f1,
	    &fx->err), 0);
	assert_true(tu_contains(fx->err.msg, "key order"));
	store_rollback(st);
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

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(fresh_store_is_empty), T(put_rules),
		T(yoy_alone_is_a_revision), T(put_batch_rules),
		T(file_find_after_add),
		T(interning), T(rollback_discards), T(scan_order),
		T(file_store_persists), T(foreign_files_refused),
		T(newer_store_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
