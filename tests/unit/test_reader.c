/* Unit tests for core/reader: files written to a temporary directory, read
 * back record by record. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/reader.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "testutil.h"

#define MAXREC 16       /* records kept */
#define KEEP 8          /* fields kept per record */

struct rec {
	size_t n;
	char *f[KEEP];
	size_t len[KEEP];
	unsigned long line, nlines;
	size_t nul_field, long_field;
	bool too_many, unterminated;
};

struct fx {
	char *dir, *path;
	struct rec rec[MAXREC];
	size_t nrec;            /* records seen, even past MAXREC */
	size_t stop_at;         /* callback returns 42 at this record */
	unsigned long seq_bad;  /* records whose field 1 is not their line */
	const char *const *names;       /* columns to find in the header */
	int col[8];
	char enc[32], sha[65];
	unsigned long long size;
	struct pm_err err;
};

static void
fx_clear(struct fx *fx)
{
	size_t i, k;

	for (i = 0; i < MAXREC; i++)
		for (k = 0; k < KEEP; k++) {
			free(fx->rec[i].f[k]);
			fx->rec[i].f[k] = NULL;
		}
	memset(fx->rec, 0, sizeof(fx->rec));
	fx->nrec = 0;
	fx->seq_bad = 0;
}

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	fx->dir = tu_mkdtemp();
	fx->path = tu_path(fx->dir, "in.csv");
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	fx_clear(fx);
	tu_rmrf(fx->dir);
	free(fx->dir);
	free(fx->path);
	free(fx);
	return 0;
}

static int
on_row(void *ctx, const struct reader_row *row)
{
	struct fx *fx = ctx;
	size_t k;

	if (fx->nrec == 0 && fx->names)
		for (k = 0; fx->names[k]; k++)
			fx->col[k] = reader_column(row, fx->names[k]);
	if (row->n > 0) {
		char *end;
		unsigned long v = strtoul(row->field[0], &end, 10);

		if (fx->nrec > 0 && (*end != '\0' || v != row->line))
			fx->seq_bad++;
	}
	if (fx->nrec < MAXREC) {
		struct rec *r = &fx->rec[fx->nrec];

		r->n = row->n;
		for (k = 0; k < row->n && k < KEEP; k++) {
			assert_int_equal(row->field[k][row->len[k]], '\0');
			r->f[k] = malloc(row->len[k] + 1);
			assert_non_null(r->f[k]);
			memcpy(r->f[k], row->field[k], row->len[k] + 1);
			r->len[k] = row->len[k];
		}
		r->line = row->line;
		r->nlines = row->nlines;
		r->nul_field = row->nul_field;
		r->long_field = row->long_field;
		r->too_many = row->too_many_fields;
		r->unterminated = row->unterminated;
	}
	fx->nrec++;
	return fx->stop_at && fx->nrec == fx->stop_at ? 42 : 0;
}

/* Open, scan and parse 'path'; everything lands in fx. Returns the first
 * failing call's status. */
static int
read_path(struct fx *fx, const char *path, const struct reader_opts *o)
{
	struct reader *r = NULL;
	int rc;

	fx_clear(fx);
	pm_err_clear(&fx->err);
	rc = reader_open(path, NULL, o, &r, &fx->err);
	if (rc != 0) {
		assert_null(r);
		return rc;
	}
	snprintf(fx->enc, sizeof(fx->enc), "%s", reader_encoding(r));
	snprintf(fx->sha, sizeof(fx->sha), "%s", reader_sha256(r));
	fx->size = reader_size(r);
	rc = reader_run(r, on_row, fx, &fx->err);
	reader_close(r);
	return rc;
}

static int
read_bytes(struct fx *fx, const void *p, size_t n, const struct reader_opts *o)
{
	tu_write(fx->path, p, n);
	return read_path(fx, fx->path, o);
}

#define READ_STR(fx, s) read_bytes(fx, s, sizeof(s) - 1, NULL)

static void
header_columns_by_name(void **state)
{
	static const char *const names[] = { "indicator", "region", "period",
		"value", "unit", "INDICATOR", NULL };
	struct fx *fx = *state;

	fx->names = names;
	assert_int_equal(READ_STR(fx, "Indicator , REGION,\" period \","
	    "\tValue\nx,y,z,1\n"), 0);
	assert_int_equal(fx->nrec, 2);
	assert_int_equal(fx->col[0], 0);
	assert_int_equal(fx->col[1], 1);
	assert_int_equal(fx->col[2], 2);
	assert_int_equal(fx->col[3], 3);
	assert_int_equal(fx->col[4], -1);
	assert_int_equal(fx->col[5], 0);
	assert_string_equal(fx->enc, "UTF-8");
}

static void
bom_is_stripped(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx, "\xef\xbb\xbfindicator,region\nx,y\n"),
	    0);
	assert_int_equal(fx->nrec, 2);
	assert_string_equal(fx->rec[0].f[0], "indicator");
	assert_int_equal(fx->rec[0].len[0], 9);
	assert_string_equal(fx->enc, "UTF-8");
	assert_int_equal(fx->size, 3 + 17 + 4);
}

static void
crlf_lines(void **state)
{
	struct fx *fx = *state;
	size_t i;

	assert_int_equal(READ_STR(fx, "a,b\r\nc,d\r\n\"e\",f\r\ng,\"h\"\r\n"),
	    0);
	assert_int_equal(fx->nrec, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(fx->rec[i].n, 2);
		assert_int_equal(fx->rec[i].len[1], 1);
		assert_null(strchr(fx->rec[i].f[1], '\r'));
		assert_int_equal(fx->rec[i].line, i + 1);
		assert_int_equal(fx->rec[i].nlines, 1);
	}
	assert_string_equal(fx->rec[2].f[0], "e");
	assert_string_equal(fx->rec[3].f[1], "h");
	/* No final newline, mixed endings. */
	assert_int_equal(READ_STR(fx, "a,b\nc,d\r\ne,f"), 0);
	assert_int_equal(fx->nrec, 3);
	assert_string_equal(fx->rec[1].f[1], "d");
	assert_string_equal(fx->rec[2].f[1], "f");
	assert_int_equal(fx->rec[2].line, 3);
}

static void
quoted_newline_counts_physical_lines(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx,
	    "h1,h2\n\nx,\"multi\nline\"\ny,z\n"), 0);
	assert_int_equal(fx->nrec, 3);
	assert_int_equal(fx->rec[0].line, 1);
	assert_int_equal(fx->rec[1].line, 3);
	assert_int_equal(fx->rec[1].nlines, 2);
	assert_string_equal(fx->rec[1].f[1], "multi\nline");
	assert_int_equal(fx->rec[2].line, 5);
	assert_int_equal(fx->rec[2].nlines, 1);
	assert_string_equal(fx->rec[2].f[0], "y");
	/* The same with CRLF and a field spanning three lines. */
	assert_int_equal(READ_STR(fx,
	    "h\r\n\"a\r\nb\r\nc\",x\r\nd\r\n"), 0);
	assert_int_equal(fx->nrec, 3);
	assert_int_equal(fx->rec[1].line, 2);
	assert_int_equal(fx->rec[1].nlines, 3);
	assert_string_equal(fx->rec[1].f[0], "a\r\nb\r\nc");
	assert_string_equal(fx->rec[1].f[1], "x");
	assert_int_equal(fx->rec[2].line, 5);
}

static void
blank_lines_skipped_but_counted(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx, "a\n\n\nb\n\r\n\nc\n\n"), 0);
	assert_int_equal(fx->nrec, 3);
	assert_string_equal(fx->rec[0].f[0], "a");
	assert_int_equal(fx->rec[0].line, 1);
	assert_string_equal(fx->rec[1].f[0], "b");
	assert_int_equal(fx->rec[1].line, 4);
	assert_string_equal(fx->rec[2].f[0], "c");
	assert_int_equal(fx->rec[2].line, 7);
}

static void
nul_byte_is_flagged(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx, "a,b,c\nx,y\0z,w\nok,ok,ok\n"), 0);
	assert_int_equal(fx->nrec, 3);
	assert_int_equal(fx->rec[0].nul_field, 0);
	assert_int_equal(fx->rec[1].nul_field, 2);
	assert_int_equal(fx->rec[1].len[1], 3);
	assert_memory_equal(fx->rec[1].f[1], "y\0z", 3);
	assert_int_equal(fx->rec[2].nul_field, 0);
}

static void
unterminated_quote_at_end(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx, "a,b\n1,2\n3,\"abc\n"), 0);
	assert_int_equal(fx->nrec, 3);
	assert_false(fx->rec[0].unterminated);
	assert_false(fx->rec[1].unterminated);
	assert_true(fx->rec[2].unterminated);
	assert_int_equal(fx->rec[2].line, 3);
	/* A closed quote at the very end is fine. */
	assert_int_equal(READ_STR(fx, "a,b\n1,\"x\""), 0);
	assert_int_equal(fx->nrec, 2);
	assert_false(fx->rec[1].unterminated);
	assert_string_equal(fx->rec[1].f[1], "x");
}

static void
digest_and_size_match(void **state)
{
	struct fx *fx = *state;
	struct buf b = BUF_INIT;
	struct sha256 s;
	char want[65];
	size_t len;
	int i;

	/* Several 64 KiB chunks: lines cross chunk boundaries. */
	buf_adds(&b, "\xef\xbb\xbfline,text\n");
	for (i = 2; i <= 20000; i++)
		buf_addf(&b, "%d,\"some text, quoted\"\r\n", i);
	sha256_init(&s);
	sha256_update(&s, b.data, b.len);
	sha256_hex(&s, want);
	len = b.len;
	i = read_bytes(fx, b.data, b.len, NULL);
	buf_release(&b);
	assert_int_equal(i, 0);
	assert_int_equal(fx->size, len);
	assert_string_equal(fx->sha, want);
	assert_int_equal(fx->nrec, 20000);
	assert_int_equal(fx->seq_bad, 0);
	assert_string_equal(fx->rec[0].f[0], "line");
	assert_string_equal(fx->rec[5].f[1], "some text, quoted");
}

static void
gb18030_detected_and_converted(void **state)
{
	struct fx *fx = *state;
	struct reader_opts o = { "UTF-8", 0 };
	static const char gb[] = "region,n\n\xba\xbc\xd6\xdd,1\n";

	assert_int_equal(READ_STR(fx, gb), 0);
	assert_string_equal(fx->enc, "GB18030");
	assert_int_equal(fx->nrec, 2);
	assert_string_equal(fx->rec[1].f[0], "杭州");
	assert_string_equal(fx->rec[1].f[1], "1");
	assert_int_equal(fx->size, sizeof(gb) - 1);
	/* Named encodings: UTF-8 refuses it and says where. */
	assert_int_equal(read_bytes(fx, gb, sizeof(gb) - 1, &o), PM_EDATA);
	assert_int_equal(fx->err.code, PM_EDATA);
	assert_int_equal(fx->err.line, 2);
	o.encoding = "gb18030";
	assert_int_equal(read_bytes(fx, gb, sizeof(gb) - 1, &o), 0);
	assert_string_equal(fx->rec[1].f[0], "杭州");
}

static void
binary_file_fails(void **state)
{
	struct fx *fx = *state;
	unsigned char b[4096];
	uint32_t x = 12345;
	size_t i;

	for (i = 0; i < sizeof(b); i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (unsigned char)(x >> 16);
	}
	b[10] = 0x80;
	b[20] = 0xff;
	b[30] = 0xff;
	assert_int_equal(read_bytes(fx, b, sizeof(b), NULL), PM_EDATA);
	assert_int_equal(fx->err.code, PM_EDATA);
	assert_true(fx->err.line >= 1);
	assert_int_equal(fx->nrec, 0);
}

static void
unreadable_paths_fail(void **state)
{
	struct fx *fx = *state;
	char *missing = tu_path(fx->dir, "missing.csv");
	int rc_dir = read_path(fx, fx->dir, NULL);
	int rc_missing;
	struct pm_err e_dir = fx->err;

	rc_missing = read_path(fx, missing, NULL);
	free(missing);
	assert_int_equal(rc_dir, PM_EIO);
	assert_int_equal(e_dir.code, PM_EIO);
	assert_int_equal(rc_missing, PM_EIO);
	assert_int_equal(fx->err.code, PM_EIO);
	assert_true(tu_contains(fx->err.file, "missing.csv"));
	assert_true(tu_contains(fx->err.msg, "No such file"));
}

static void
utf16_with_bom(void **state)
{
	static const unsigned char le[] = { 0xff, 0xfe, 'a', 0, ',', 0, 'b', 0,
		'\n', 0, '1', 0, ',', 0, '2', 0, '\n', 0 };
	static const unsigned char be[] = { 0xfe, 0xff, 0, 'x', 0, ',', 0,
		'y', 0, '\r', 0, '\n' };
	struct fx *fx = *state;

	assert_int_equal(read_bytes(fx, le, sizeof(le), NULL), 0);
	assert_true(tu_contains(fx->enc, "UTF-16"));
	assert_int_equal(fx->nrec, 2);
	assert_string_equal(fx->rec[0].f[0], "a");
	assert_string_equal(fx->rec[0].f[1], "b");
	assert_string_equal(fx->rec[1].f[0], "1");
	assert_string_equal(fx->rec[1].f[1], "2");
	assert_int_equal(fx->rec[1].line, 2);
	assert_int_equal(read_bytes(fx, be, sizeof(be), NULL), 0);
	assert_int_equal(fx->nrec, 1);
	assert_string_equal(fx->rec[0].f[0], "x");
	assert_string_equal(fx->rec[0].f[1], "y");
}

static void
long_field_is_cut(void **state)
{
	struct fx *fx = *state;
	struct reader_opts o = { NULL, 64 };
	struct buf b = BUF_INIT;
	char x[1000];
	int rc;

	memset(x, 'x', sizeof(x));
	buf_adds(&b, "a,b\n2,");
	buf_add(&b, x, sizeof(x));
	buf_adds(&b, "\n3,");
	buf_add(&b, x, 64);             /* exactly the limit */
	buf_adds(&b, "\n4,ok\n");
	rc = read_bytes(fx, b.data, b.len, &o);
	buf_release(&b);
	assert_int_equal(rc, 0);
	assert_int_equal(fx->nrec, 4);
	assert_int_equal(fx->rec[1].long_field, 2);
	assert_true(fx->rec[1].len[1] <= 64);
	assert_memory_equal(fx->rec[1].f[1], x, fx->rec[1].len[1]);
	assert_int_equal(fx->rec[2].long_field, 0);
	assert_int_equal(fx->rec[2].len[1], 64);
	assert_int_equal(fx->rec[3].long_field, 0);
	assert_string_equal(fx->rec[3].f[1], "ok");
	assert_int_equal(fx->seq_bad, 0);
}

static void
long_multiline_field_is_cut(void **state)
{
	struct fx *fx = *state;
	struct reader_opts o = { NULL, 64 };
	struct buf b = BUF_INIT;
	char x[500];
	int rc;

	memset(x, 'x', sizeof(x));
	buf_adds(&b, "a,b\n2,\"");
	buf_add(&b, x, sizeof(x));
	buf_adds(&b, "\n");
	buf_add(&b, x, sizeof(x));
	buf_adds(&b, "\"\n4,ok\n");
	rc = read_bytes(fx, b.data, b.len, &o);
	buf_release(&b);
	assert_int_equal(rc, 0);
	assert_int_equal(fx->nrec, 3);
	assert_int_equal(fx->rec[1].long_field, 2);
	assert_true(fx->rec[1].len[1] <= 64);
	/* Cutting the text must not lose the physical lines it spans. */
	assert_int_equal(fx->rec[1].line, 2);
	assert_int_equal(fx->rec[1].nlines, 2);
	assert_int_equal(fx->rec[2].line, 4);
	assert_string_equal(fx->rec[2].f[1], "ok");
}

static void
too_many_fields(void **state)
{
	struct fx *fx = *state;
	struct buf b = BUF_INIT;
	int i, rc;

	buf_adds(&b, "a,b\n2");
	for (i = 1; i < READER_MAX_FIELDS; i++)
		buf_adds(&b, ",1");     /* exactly the maximum */
	buf_adds(&b, "\n3");
	for (i = 1; i < READER_MAX_FIELDS + 5; i++)
		buf_adds(&b, ",1");
	buf_adds(&b, "\n4,z\n");
	rc = read_bytes(fx, b.data, b.len, NULL);
	buf_release(&b);
	assert_int_equal(rc, 0);
	assert_int_equal(fx->nrec, 4);
	assert_int_equal(fx->rec[1].n, READER_MAX_FIELDS);
	assert_false(fx->rec[1].too_many);
	assert_int_equal(fx->rec[2].n, READER_MAX_FIELDS);
	assert_true(fx->rec[2].too_many);
	assert_false(fx->rec[3].too_many);
	assert_int_equal(fx->rec[3].n, 2);
	assert_int_equal(fx->seq_bad, 0);
}

static void
callback_stops_the_run(void **state)
{
	struct fx *fx = *state;

	fx->stop_at = 2;
	assert_int_equal(READ_STR(fx, "h\n2\n3\n4\n"), 42);
	assert_int_equal(fx->nrec, 2);
}

static void
run_twice_and_names(void **state)
{
	struct fx *fx = *state;
	struct reader *r = NULL;
	struct pm_err err = PM_ERR_INIT;

	tu_write(fx->path, "h,v\n2,x\n3,y\n", 12);
	assert_int_equal(reader_open(fx->path, "nice name", NULL, &r, &err),
	    0);
	assert_string_equal(reader_name(r), "nice name");
	assert_int_equal(reader_run(r, on_row, fx, &err), 0);
	assert_int_equal(fx->nrec, 3);
	fx_clear(fx);
	assert_int_equal(reader_run(r, on_row, fx, &err), 0);
	reader_close(r);
	assert_int_equal(fx->nrec, 3);
	assert_int_equal(fx->seq_bad, 0);
	assert_string_equal(fx->rec[2].f[1], "y");
	assert_int_equal(reader_open(fx->path, NULL, NULL, &r, &err), 0);
	assert_string_equal(reader_name(r), fx->path);
	reader_close(r);
	reader_close(NULL);
}

static void
empty_file_has_no_records(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(read_bytes(fx, "", 0, NULL), 0);
	assert_int_equal(fx->nrec, 0);
	assert_int_equal(fx->size, 0);
	assert_string_equal(fx->sha,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
trim(void **state)
{
	const char *s = " \ta b\t\r ";
	size_t n = strlen(s);
	const char *t = reader_trim(s, &n);

	(void)state;
	assert_int_equal(n, 3);
	assert_memory_equal(t, "a b", 3);
	n = 3;
	t = reader_trim("   ", &n);
	assert_int_equal(n, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(header_columns_by_name), T(bom_is_stripped), T(crlf_lines),
		T(quoted_newline_counts_physical_lines),
		T(blank_lines_skipped_but_counted), T(nul_byte_is_flagged),
		T(unterminated_quote_at_end), T(digest_and_size_match),
		T(gb18030_detected_and_converted), T(binary_file_fails),
		T(unreadable_paths_fail), T(utf16_with_bom),
		T(long_field_is_cut), T(long_multiline_field_is_cut),
		T(too_many_fields),
		T(callback_stops_the_run), T(run_twice_and_names),
		T(empty_file_has_no_records), cmocka_unit_test(trim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
