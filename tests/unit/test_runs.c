/* Unit tests for core/runs: batches sorted and written by the second
 * thread, merged back in (key, line) order across runs, rows larger than
 * the buffers, an empty input, nothing left in the temporary directory,
 * and a directory that cannot be used. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/runs.h"
#include "testutil.h"

struct elem {
	struct store_obs o;
	unsigned long line;
	size_t raw, rawlen;     /* in the batch's text */
};

static int
cmp_elem(const void *x, const void *y)
{
	const struct elem *a = x, *b = y;
	int c = store_key_cmp(&a->o, &b->o);

	return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void
elem_row(const void *e, const void *text, struct run_row *out)
{
	const struct elem *p = e;

	memset(out, 0, sizeof(*out));
	out->o = p->o;
	out->line = p->line;
	out->nfields = 1;
	out->rawlen = p->rawlen;
	out->raw = (const char *)text + p->raw;
}

static bool
dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool empty = true;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

/* 5 batches of 1000 rows with keys drawn from a small range (so that keys
 * repeat across runs), each row's text its own line number; one row in
 * the middle 200 kB long. The merge gives every row once, in (key, line)
 * order, with its own text. */
static void
merge_orders_every_row(void **state)
{
	enum { NB = 5, N = 1000 };
	char *dir = tu_mkdtemp();
	struct elem *b[NB];
	char *text[NB];
	struct runs *r = NULL;
	struct pm_err err = PM_ERR_INIT;
	struct run_row row, prev;
	size_t k, i, got = 0, big = 200000;
	uint32_t x = 7;
	int rc;

	(void)state;
	assert_int_equal(runs_create(dir, &r, &err), 0);
	for (k = 0; k < NB; k++) {
		size_t at = 0;

		b[k] = calloc(N, sizeof(*b[k]));
		text[k] = malloc(N * 16 + big);
		assert_non_null(b[k]);
		assert_non_null(text[k]);
		for (i = 0; i < N; i++) {
			struct elem *e = &b[k][i];

			x = x * 1103515245u + 12345u;
			e->o.ind = (int)(x >> 16) % 7;
			e->o.reg = (int)(x >> 8) % 5;
			e->o.period = (int)(x >> 20) % 11;
			e->line = k * N + i + 2;
			e->raw = at;
			if (k == 2 && i == 500) {
				memset(text[k] + at, 'x', big - 1);
				text[k][at + big - 1] = '\0';
				e->rawlen = big;
			} else {
				e->rawlen = (size_t)sprintf(text[k] + at, "%lu",
				    e->line) + 1;
			}
			at += e->rawlen;
		}
	}
	for (k = 0; k < NB; k++) {
		struct run_batch rb = { b[k], N, sizeof(struct elem), cmp_elem,
			elem_row, text[k] };

		/* The batch before this one is written when this returns. */
		assert_int_equal(runs_submit(r, &rb, &err), 0);
	}
	assert_int_equal(runs_wait(r, &err), 0);
	assert_int_equal(runs_count(r), NB * N);
	memset(&prev, 0, sizeof(prev));
	while ((rc = runs_next(r, &row, &err)) > 0) {
		char want[32];

		if (got > 0) {
			struct elem a, c;

			memset(&a, 0, sizeof(a));
			memset(&c, 0, sizeof(c));
			a.o = prev.o;
			a.line = prev.line;
			c.o = row.o;
			c.line = row.line;
			assert_true(cmp_elem(&a, &c) < 0);
		}
		if (row.rawlen == big) {
			assert_int_equal(row.line, 2 * N + 500 + 2);
			assert_int_equal(row.raw[big - 2], 'x');
		} else {
			snprintf(want, sizeof(want), "%lu", row.line);
			assert_string_equal(row.raw, want);
		}
		prev = row;
		got++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(got, NB * N);
	assert_int_equal(runs_next(r, &row, &err), 0);  /* stays at end */
	runs_close(r);
	assert_true(dir_is_empty(dir));
	for (k = 0; k < NB; k++) {
		free(b[k]);
		free(text[k]);
	}
	tu_rmrf(dir);
	free(dir);
}

static void
no_batches_merge_to_nothing(void **state)
{
	char *dir = tu_mkdtemp();
	struct runs *r = NULL;
	struct pm_err err = PM_ERR_INIT;
	struct run_row row;
	struct run_batch empty = { NULL, 0, sizeof(struct elem), cmp_elem,
		elem_row, "" };

	(void)state;
	assert_int_equal(runs_create(dir, &r, &err), 0);
	assert_int_equal(runs_submit(r, &empty, &err), 0);
	assert_int_equal(runs_next(r, &row, &err), 0);
	/* No more batches once merging. */
	assert_int_equal(runs_submit(r, &empty, &err), PM_EUSAGE);
	runs_close(r);
	runs_close(NULL);
	tu_rmrf(dir);
	free(dir);
}

static void
unusable_directory(void **state)
{
	char *dir = tu_mkdtemp();
	char *missing = tu_path(dir, "no/such/dir");
	struct runs *r = NULL;
	struct pm_err err = PM_ERR_INIT;

	(void)state;
	assert_int_equal(runs_create(missing, &r, &err), PM_EIO);
	assert_null(r);
	assert_true(tu_contains(err.file, "no/such/dir/pemetrics-sort."));
	assert_true(tu_contains(err.msg, "temporary file"));
	free(missing);
	tu_rmrf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(merge_orders_every_row),
		cmocka_unit_test(no_batches_merge_to_nothing),
		cmocka_unit_test(unusable_directory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
