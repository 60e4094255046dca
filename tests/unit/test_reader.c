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
#define KEEP 4          /* fields kept per record */
#define FMAX 80         /* bytes kept per field */

struct rec {
	size_t n, len[KEEP];
	char f[KEEP][FMAX];     /* cut at FMAX - 1 bytes */
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
	struct rec *r = &fx->rec[fx->nrec < MAXREC ? fx->nrec : 0];
	char *end;
	size_t k;

	if (fx->nrec == 0 && fx->names)
		for (k = 0; fx->names[k]; k++)
			fx->col[k] = reader_column(row, fx->names[k]);
	if (fx->nrec > 0 && row->n > 0 &&
	    (strtoul(row->field[0], &end, 10) != row->line || *end))
		fx->seq_bad++;
	if (fx->nrec++ >= MAXREC)
		return fx->stop_at && fx->nrec == fx->stop_at ? 42 : 0;
	r->n = row->n;
	for (k = 0; k < row->n && k < KEEP; k++) {
		assert_int_equal(row->field[k][row->len[k]], '\0');
		r->len[k] = row->len[k];
		memcpy(r->f[k], row->field[k], r->len[k] < FMAX ? r->len[k]
		    : FMAX - 1);
	}
	r->line = row->line;
	r->nlines = row->nlines;
	r->nul_field = row->nul_field;
	r->long_field = row->long_field;
	r->too_many = row->too_many_fields;
	r->unterminated = row->unterminated;
	return fx->stop_at && fx->nrec == fx->stop_at ? 42 : 0;
}

/* Open, scan and parse 'path'; everything lands in fx. Returns the first
 * failing call's status. */
static int
read_path(struct fx *fx, const char *path, const struct reader_opts *o)
{
	struct reader *r = NULL;
	int rc;

	memset(fx->rec, 0, sizeof(fx->rec));
	fx->nrec = fx->seq_bad = 0;
	pm_err_clear(&fx->err);
	if ((rc = reader_open(path, NULL, o, &r, &fx->err)) != 0) {
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

/* Record i starts on 'line', spans 'nlines' and has fields f0, f1 (NULL:
 * not checked). */
static void
expect(const struct fx *fx, size_t i, unsigned long line,
    unsigned long nlines, const char *f0, const char *f1)
{
	const struct rec *r = &fx->rec[i];

	if (i >= fx->nrec)
		fail_msg("record %zu of %zu", i, fx->nrec);
	if (r->line != line || r->nlines != nlines)
		fail_msg("record %zu: line %lu+%lu, want %lu+%lu", i, r->line,
		    r->nlines, line, nlines);
	if (f0)
		assert_string_equal(r->f[0], f0);
	if (f1)
		assert_string_equal(r->f[1], f1);
}

static void
header_columns_by_name(void **state)
{
	static const char *const names[] = { "indicator", "region", "period",
		"value", "unit", "INDICATOR", NULL };
	static const int want[] = { 0, 1, 2, 3, -1, 0 };
	struct fx *fx = *state;
	size_t n;

	fx->names = names;
	assert_int_equal(READ_STR(fx, "Indicator , REGION,\" period \","
	    "\tValue\nx,y,z,1\n"), 0);
	assert_int_equal(fx->nrec, 2);
	for (n = 0; names[n]; n++)
		assert_int_equal(fx->col[n], want[n]);
	assert_string_equal(fx->enc, "UTF-8");
	n = 8;
	assert_memory_equal(reader_trim(" \ta b\t\r ", &n), "a b", 3);
	assert_int_equal(n, 3);
}

static void
bom_is_stripped(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx, "\xef\xbb\xbfindicator,region\nx,y\n"),
	    0);
	expect(fx, 0, 1, 1, "indicator", "region");
	assert_int_equal(fx->rec[0].len[0], 9);
	assert_string_equal(fx->enc, "UTF-8");
	assert_int_equal(fx->size, 3 + 17 + 4);
}

static void
line_ends_and_blank_lines(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx, "a,b\r\nc,d\r\n\"e\",f\r\ng,\"h\"\r\n"),
	    0);
	assert_int_equal(fx->nrec, 4);
	expect(fx, 0, 1, 1, "a", "b");
	expect(fx, 1, 2, 1, "c", "d");
	expect(fx, 2, 3, 1, "e", "f");
	expect(fx, 3, 4, 1, "g", "h");
	/* No final newline, mixed endings. */
	assert_int_equal(READ_STR(fx, "a,b\nc,d\r\ne,f"), 0);
	assert_int_equal(fx->nrec, 3);
	expect(fx, 1, 2, 1, "c", "d");
	expect(fx, 2, 3, 1, "e", "f");
	/* Blank lines are no records, but they count. */
	assert_int_equal(READ_STR(fx, "a\n\n\nb\n\r\n\nc\n\n"), 0);
	assert_int_equal(fx->nrec, 3);
	expect(fx, 0, 1, 1, "a", NULL);
	expect(fx, 1, 4, 1, "b", NULL);
	expect(fx, 2, 7, 1, "c", NULL);
}

static void
quoted_newline_counts_physical_lines(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(READ_STR(fx,
	    "h1,h2\n\nx,\"multi\nline\"\ny,z\n"), 0);
	assert_int_equal(fx->nrec, 3);
	expect(fx, 0, 1, 1, "h1", "h2");
	expect(fx, 1, 3, 2, "x", "multi\nline");
	expect(fx, 2, 5, 1, "y", "z");
	/* The same with CRLF and a field spanning three lines. */
	assert_int_equal(READ_STR(fx,
	    "h\r\n\"a\r\nb\r\nc\",x\r\nd\r\n"), 0);
	assert_int_equal(fx->nrec, 3);
	expect(fx, 1, 2, 3, "a\r\nb\r\nc", "x");
	expect(fx, 2, 5, 1, "d", NULL);
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
	/* The final newline is inside the open quote: part of the field,
	 * so the record reaches past line 3. */
	expect(fx, 2, 3, 2, "3", NULL);
	/* A closed quote at the very end is fine. */
	assert_int_equal(READ_STR(fx, "a,b\n1,\"x\""), 0);
	assert_int_equal(fx->nrec, 2);
	assert_false(fx->rec[1].unterminated);
	expect(fx, 1, 2, 1, "1", "x");
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
	struct reader_opts o = { .encoding = "UTF-8" };
	struct buf b = BUF_INIT;
	int i, rc;
	static const char gb[] = "region,n\n\xba\xbc\xd6\xdd,1\n";

	assert_int_equal(READ_STR(fx, gb), 0);
	assert_string_equal(fx->enc, "GB18030");
	assert_int_equal(fx->nrec, 2);
	expect(fx, 1, 2, 1, "杭州", "1");
	assert_int_equal(fx->size, sizeof(gb) - 1);
	/* Named encodings: UTF-8 refuses it and says where. */
	assert_int_equal(read_bytes(fx, gb, sizeof(gb) - 1, &o), PM_EDATA);
	assert_int_equal(fx->err.code, PM_EDATA);
	assert_int_equal(fx->err.line, 2);
	o.encoding = "gb18030";
	assert_int_equal(read_bytes(fx, gb, sizeof(gb) - 1, &o), 0);
	expect(fx, 1, 2, 1, "杭州", "1");
	/* The line is right when the bad byte is chunks into the file. */
	for (i = 0; i < 40000; i++)
		buf_adds(&b, "x,1\n");
	buf_adds(&b, gb);
	o.encoding = "UTF-8";
	rc = read_bytes(fx, b.data, b.len, &o);
	buf_release(&b);
	assert_int_equal(rc, PM_EDATA);
	assert_int_equal(fx->err.line, 40002);
}

static void
unreadable_inputs_fail(void **state)
{
	struct fx *fx = *state;
	unsigned char b[4096];
	uint32_t x = 12345;
	char *missing = tu_path(fx->dir, "missing.csv");
	int rc;
	size_t i;

	for (i = 0; i < sizeof(b); i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (unsigned char)(x >> 16);
	}
	b[10] = 0x80;
	b[20] = b[30] = 0xff;
	assert_int_equal(read_bytes(fx, b, sizeof(b), NULL), PM_EDATA);
	assert_int_equal(fx->err.code, PM_EDATA);
	assert_true(fx->err.line >= 1);
	assert_int_equal(fx->nrec, 0);
	assert_int_equal(read_path(fx, fx->dir, NULL), PM_EIO);
	assert_int_equal(fx->err.code, PM_EIO);
	rc = read_path(fx, missing, NULL);
	free(missing);
	assert_int_equal(rc, PM_EIO);
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
	expect(fx, 0, 1, 1, "a", "b");
	expect(fx, 1, 2, 1, "1", "2");
	assert_int_equal(read_bytes(fx, be, sizeof(be), NULL), 0);
	assert_int_equal(fx->nrec, 1);
	expect(fx, 0, 1, 1, "x", "y");
}

static void
long_field_is_cut(void **state)
{
	struct fx *fx = *state;
	struct reader_opts o = { .max_field = 64 };
	char x[1000], in[1200];
	int n;

	memset(x, 'x', sizeof(x));
	/* 1000 bytes, then exactly the limit. */
	n = snprintf(in, sizeof(in), "a,b\n2,%.1000s\n3,%.64s\n4,ok\n", x, x);
	assert_int_equal(read_bytes(fx, in, (size_t)n, &o), 0);
	assert_int_equal(fx->nrec, 4);
	assert_int_equal(fx->rec[1].long_field, 2);
	assert_true(fx->rec[1].len[1] <= 64);
	assert_memory_equal(fx->rec[1].f[1], x, fx->rec[1].len[1]);
	assert_int_equal(fx->rec[2].long_field, 0);
	assert_int_equal(fx->rec[2].len[1], 64);
	assert_int_equal(fx->rec[3].long_field, 0);
	expect(fx, 3, 4, 1, "4", "ok");
}

static void
long_multiline_field_is_cut(void **state)
{
	struct fx *fx = *state;
	struct reader_opts o = { .max_field = 64 };
	char x[500], in[1100];
	int n;

	memset(x, 'x', sizeof(x));
	n = snprintf(in, sizeof(in), "a,b\n2,\"%.500s\n%.500s\"\n4,ok\n", x,
	    x);
	assert_int_equal(read_bytes(fx, in, (size_t)n, &o), 0);
	assert_int_equal(fx->nrec, 3);
	assert_int_equal(fx->rec[1].long_field, 2);
	assert_true(fx->rec[1].len[1] <= 64);
	/* Cutting the text must not lose the physical lines it spans. */
	expect(fx, 1, 2, 2, "2", NULL);
	expect(fx, 2, 4, 1, "4", "ok");
}

static void
too_many_fields(void **state)
{
	struct fx *fx = *state;
	struct buf b = BUF_INIT;
	int i, rc;

	buf_adds(&b, "a,b\n2");
	for (i = 1; i < 2 * READER_MAX_FIELDS + 5; i++)
		buf_adds(&b, i == READER_MAX_FIELDS ? "\n3,1" : ",1");
	buf_adds(&b, "\n4,z\n");
	rc = read_bytes(fx, b.data, b.len, NULL);
	buf_release(&b);
	assert_int_equal(rc, 0);
	assert_int_equal(fx->nrec, 4);
	/* Exactly the maximum, then a few more. */
	assert_int_equal(fx->rec[1].n, READER_MAX_FIELDS);
	assert_false(fx->rec[1].too_many);
	assert_int_equal(fx->rec[2].n, READER_MAX_FIELDS);
	assert_true(fx->rec[2].too_many);
	assert_false(fx->rec[3].too_many);
	expect(fx, 3, 4, 1, "4", "z");
	assert_int_equal(fx->seq_bad, 0);
}

static void
stop_rerun_and_names(void **state)
{
	struct fx *fx = *state;
	struct reader *r = NULL;
	struct pm_err err = PM_ERR_INIT;

	fx->stop_at = 2;
	assert_int_equal(READ_STR(fx, "h,v\n2,x\n3,y\n"), 42);
	assert_int_equal(fx->nrec, 2);
	fx->stop_at = 0;
	fx->nrec = 0;
	assert_int_equal(reader_open(fx->path, "nice name", NULL, &r, &err),
	    0);
	assert_string_equal(reader_name(r), "nice name");
	assert_int_equal(reader_run(r, on_row, fx, &err), 0);
	assert_int_equal(fx->nrec, 3);
	fx->nrec = 0;
	assert_int_equal(reader_run(r, on_row, fx, &err), 0);  /* again */
	reader_close(r);
	assert_int_equal(fx->nrec, 3);
	expect(fx, 2, 3, 1, "3", "y");
	assert_int_equal(reader_open(fx->path, NULL, NULL, &r, &err), 0);
	assert_string_equal(reader_name(r), fx->path);
	reader_close(r);
	reader_close(NULL);
	/* An empty file has no records. */
	assert_int_equal(read_bytes(fx, "", 0, NULL), 0);
	assert_int_equal(fx->nrec, 0);
	assert_int_equal(fx->size, 0);
	assert_string_equal(fx->sha,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(header_columns_by_name), T(bom_is_stripped),
		T(line_ends_and_blank_lines),
		T(quoted_newline_counts_physical_lines), T(nul_byte_is_flagged),
		T(unterminated_quote_at_end), T(digest_and_size_match),
		T(gb18030_detected_and_converted), T(unreadable_inputs_fail),
		T(utf16_with_bom), T(long_field_is_cut),
		T(long_multiline_field_is_cut), T(too_many_fields),
		T(stop_rerun_and_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
