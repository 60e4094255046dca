/* Unit tests for core/period: parsing every accepted spelling, the reasons
 * for rejections, canonical text, and the integer key (round trip and
 * order). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/period.h"

struct accept_case {
	const char *text;
	enum period_freq freq;
	int year, sub;
};

static const struct accept_case accepted[] = {
	{ "2023", FREQ_Y, 2023, 0 },
	{ "1000", FREQ_Y, 1000, 0 },
	{ "9999", FREQ_Y, 9999, 0 },
	{ "2023H1", FREQ_H, 2023, 1 },
	{ "2023H2", FREQ_H, 2023, 2 },
	{ "2023-H1", FREQ_H, 2023, 1 },
	{ "2023h2", FREQ_H, 2023, 2 },
	{ "2023-h2", FREQ_H, 2023, 2 },
	{ "2023Q2", FREQ_Q, 2023, 2 },
	{ "2023-Q2", FREQ_Q, 2023, 2 },
	{ "2023q2", FREQ_Q, 2023, 2 },
	{ "2023Q1", FREQ_Q, 2023, 1 },
	{ "2023Q4", FREQ_Q, 2023, 4 },
	{ "2023-q4", FREQ_Q, 2023, 4 },
	{ "2023-05", FREQ_M, 2023, 5 },
	{ "2023-5", FREQ_M, 2023, 5 },
	{ "2023M05", FREQ_M, 2023, 5 },
	{ "2023m5", FREQ_M, 2023, 5 },
	{ "2023-M05", FREQ_M, 2023, 5 },
	{ "2023-01", FREQ_M, 2023, 1 },
	{ "2023-12", FREQ_M, 2023, 12 },
	{ "2023M12", FREQ_M, 2023, 12 },
	{ " 2023", FREQ_Y, 2023, 0 },
	{ "2023 ", FREQ_Y, 2023, 0 },
	{ "  2023-05\t", FREQ_M, 2023, 5 },
	{ "\t2023Q2 ", FREQ_Q, 2023, 2 },
	{ " 2023H1  ", FREQ_H, 2023, 1 },
	{ "2023-05\r", FREQ_M, 2023, 5 },
};

static void
parse_accepts_every_spelling(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		const struct accept_case *c = &accepted[i];
		struct period p = { FREQ_Y, 0, -1 };
		const char *why = NULL;

		if (period_parse(c->text, strlen(c->text), &p, &why) != 0)
			fail_msg("'%s' rejected: %s", c->text, why);
		if (p.freq != c->freq || p.year != c->year || p.sub != c->sub)
			fail_msg("'%s' gave freq %d year %d sub %d", c->text,
			    (int)p.freq, p.year, p.sub);
	}
}

struct reject_case {
	const char *text;
	const char *why;
};

#define NOT_A_PERIOD "not a period (2023, 2023H1, 2023Q2, 2023-05)"
#define YEAR_RANGE "year out of range (1000-9999)"

static const struct reject_case rejected[] = {
	{ "2023-13", "month out of range (1-12)" },
	{ "2023M13", "month out of range (1-12)" },
	{ "2023-00", "month out of range (1-12)" },
	{ "2023M0", "month out of range (1-12)" },
	{ "2023Q5", "quarter out of range (1-4)" },
	{ "2023Q0", "quarter out of range (1-4)" },
	{ "2023H3", "half-year out of range (1-2)" },
	{ "2023H0", "half-year out of range (1-2)" },
	{ "0000", YEAR_RANGE },
	{ "0999", YEAR_RANGE },
	{ "99999", YEAR_RANGE },
	{ "2023-", NOT_A_PERIOD },
	{ "2023Q", NOT_A_PERIOD },
	{ "2023-Q", NOT_A_PERIOD },
	{ "2023-05x", NOT_A_PERIOD },
	{ "2023-005", NOT_A_PERIOD },
	{ "2023Q1Q", NOT_A_PERIOD },
	{ "2023X1", NOT_A_PERIOD },
	{ "2023 Q1", NOT_A_PERIOD },
	{ "202", NOT_A_PERIOD },
	{ "abc", NOT_A_PERIOD },
	{ "-2023", NOT_A_PERIOD },
	{ "Q1", NOT_A_PERIOD },
	{ "", "missing period" },
	{ "   ", "missing period" },
};

static void
parse_rejects_with_reason(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++) {
		const struct reject_case *c = &rejected[i];
		struct period p;
		const char *why = NULL;

		if (period_parse(c->text, strlen(c->text), &p, &why) != -1)
			fail_msg("'%s' accepted", c->text);
		if (why == NULL || strcmp(why, c->why) != 0)
			fail_msg("'%s': why '%s', want '%s'", c->text,
			    why ? why : "(null)", c->why);
		/* The reason pointer is optional. */
		assert_int_equal(period_parse(c->text, strlen(c->text), &p,
		    NULL), -1);
	}
}

static void
parse_honours_length(void **state)
{
	struct period p;
	const char *s = "2023-05junk";

	(void)state;
	assert_int_equal(period_parse(s, 7, &p, NULL), 0);
	assert_int_equal(p.freq, FREQ_M);
	assert_int_equal(p.sub, 5);
	assert_int_equal(period_parse(s, 4, &p, NULL), 0);
	assert_int_equal(p.freq, FREQ_Y);
	assert_int_equal(period_parse(s, 8, &p, NULL), -1);
	assert_int_equal(period_parse(s, 0, &p, NULL), -1);
}

static void
format_is_canonical(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2023", "2023" }, { "2023-h1", "2023H1" },
		{ "2023h2", "2023H2" }, { "2023-q2", "2023Q2" },
		{ "2023q4", "2023Q4" }, { "2023-5", "2023-05" },
		{ "2023m5", "2023-05" }, { "2023M12", "2023-12" },
		{ " 1000-01 ", "1000-01" }, { "9999Q4", "9999Q4" },
	};
	char out[PERIOD_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct period p, q;

		assert_int_equal(period_parse(cases[i].in,
		    strlen(cases[i].in), &p, NULL), 0);
		memset(out, 'x', sizeof(out));
		assert_ptr_equal(period_format(&p, out), out);
		assert_string_equal(out, cases[i].out);
		/* The canonical text reads back as the same period. */
		assert_int_equal(period_parse(out, strlen(out), &q, NULL), 0);
		assert_true(period_equal(&p, &q));
	}
}

static void
key_round_trips_for_every_freq(void **state)
{
	static const int years[] = { 1000, 1999, 2023, 9999 };
	enum period_freq f;
	size_t y;
	int sub, n = 0;

	(void)state;
	for (f = FREQ_Y; f <= FREQ_M; f++) {
		for (y = 0; y < sizeof(years) / sizeof(years[0]); y++) {
			int first = f == FREQ_Y ? 0 : 1;
			int last = f == FREQ_Y ? 0 : period_per_year(f);

			for (sub = first; sub <= last; sub++) {
				struct period p = { f, years[y], sub }, q;
				int key = period_key(&p);

				assert_int_equal(key, (int)f * 1000000 +
				    years[y] * 100 + sub);
				memset(&q, 0, sizeof(q));
				assert_int_equal(period_from_key(key, &q), 0);
				assert_true(period_equal(&p, &q));
				n++;
			}
		}
	}
	assert_int_equal(n, 4 * (1 + 2 + 4 + 12));
}

static int
key_of(const char *s)
{
	struct period p;

	if (period_parse(s, strlen(s), &p, NULL) != 0)
		fail_msg("'%s' does not parse", s);
	return period_key(&p);
}

static void
keys_sort_by_freq_then_time(void **state)
{
	/* Each strictly before the next. */
	static const char *const order[] = {
		"1000", "2022", "2023", "9999",
		"1000H1", "2022H2", "2023H1", "2023H2", "9999H2",
		"1000Q1", "2022Q4", "2023Q1", "2023Q2", "2023Q4", "9999Q4",
		"1000-01", "2022-12", "2023-01", "2023-02", "2023-09",
		"2023-10", "2023-12", "2024-01", "9999-12",
	};
	size_t i;

	(void)state;
	for (i = 1; i < sizeof(order) / sizeof(order[0]); i++)
		if (!(key_of(order[i - 1]) < key_of(order[i])))
			fail_msg("key of %s is not below key of %s",
			    order[i - 1], order[i]);
}

static void
from_key_rejects_invalid(void **state)
{
	static const int bad[] = {
		0, -1, -1202300, INT_MIN, INT_MAX, 999999, 5202301,
		1202301,        /* a year has no sub-period */
		1099900,        /* year 999 */
		2202300, 2202303, 3202300, 3202305, 4202300, 4202313,
		4202399, 1000000, 4000012,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct period p;

		if (period_from_key(bad[i], &p) != -1)
			fail_msg("key %d accepted", bad[i]);
	}
}

static void
freq_helpers(void **state)
{
	struct period a = { FREQ_Q, 2023, 2 }, b = a;

	(void)state;
	assert_int_equal(period_per_year(FREQ_Y), 1);
	assert_int_equal(period_per_year(FREQ_H), 2);
	assert_int_equal(period_per_year(FREQ_Q), 4);
	assert_int_equal(period_per_year(FREQ_M), 12);
	assert_int_equal(period_freq_letter(FREQ_Y), 'Y');
	assert_int_equal(period_freq_letter(FREQ_H), 'H');
	assert_int_equal(period_freq_letter(FREQ_Q), 'Q');
	assert_int_equal(period_freq_letter(FREQ_M), 'M');
	assert_int_equal(period_freq_parse("Y"), FREQ_Y);
	assert_int_equal(period_freq_parse("h"), FREQ_H);
	assert_int_equal(period_freq_parse("q"), FREQ_Q);
	assert_int_equal(period_freq_parse("M"), FREQ_M);
	assert_int_equal(period_freq_parse("X"), 0);
	assert_int_equal(period_freq_parse("QQ"), 0);
	assert_int_equal(period_freq_parse(""), 0);
	assert_int_equal(period_freq_parse(NULL), 0);
	assert_true(period_equal(&a, &b));
	b.sub = 3;
	assert_false(period_equal(&a, &b));
	b = a;
	b.year = 2024;
	assert_false(period_equal(&a, &b));
	b = a;
	b.freq = FREQ_M;
	assert_false(period_equal(&a, &b));
}

/* Period cells as releases and spreadsheets write them. */
struct cell_case {
	const char *text;
	enum period_freq freq;
	int year, sub;
	unsigned flags;
};

static const struct cell_case cells[] = {
	{ "2024", FREQ_Y, 2024, 0, 0 },
	{ "2024年", FREQ_Y, 2024, 0, 0 },
	{ " 2024年 ", FREQ_Y, 2024, 0, 0 },
	{ "2024年末", FREQ_Y, 2024, 0, PERIOD_CELL_END },
	{ "2024年3月", FREQ_M, 2024, 3, 0 },
	{ "2024年03月", FREQ_M, 2024, 3, 0 },
	{ "2024年12月份", FREQ_M, 2024, 12, 0 },
	{ "2024.03", FREQ_M, 2024, 3, 0 },
	{ "2024.3", FREQ_M, 2024, 3, 0 },
	{ "2024/03", FREQ_M, 2024, 3, 0 },
	{ "2024M03", FREQ_M, 2024, 3, 0 },
	{ "2024-03", FREQ_M, 2024, 3, 0 },
	{ "2024Q1", FREQ_Q, 2024, 1, 0 },
	{ "2024年一季度", FREQ_Q, 2024, 1, 0 },
	{ "2024年第一季度", FREQ_Q, 2024, 1, 0 },
	{ "2024年第四季度", FREQ_Q, 2024, 4, 0 },
	{ "2024年2季度", FREQ_Q, 2024, 2, 0 },
	{ "2024年第3季度", FREQ_Q, 2024, 3, 0 },
	{ "2024年上半年", FREQ_H, 2024, 1, 0 },
	{ "2024年下半年", FREQ_H, 2024, 2, 0 },
	{ "2024年1-3月", FREQ_M, 2024, 3, PERIOD_CELL_YTD },
	{ "2024年1—3月", FREQ_M, 2024, 3, PERIOD_CELL_YTD },
	{ "2024年1–3月", FREQ_M, 2024, 3, PERIOD_CELL_YTD },
	{ "2024年1～3月", FREQ_M, 2024, 3, PERIOD_CELL_YTD },
	{ "2024年1~12月", FREQ_M, 2024, 12, PERIOD_CELL_YTD },
	{ "2024年1至2月", FREQ_M, 2024, 2, PERIOD_CELL_YTD },
	{ "2024年前三季度", FREQ_M, 2024, 9, PERIOD_CELL_YTD },
	{ "2024年前两季度", FREQ_M, 2024, 6, PERIOD_CELL_YTD },
	{ "2023年6月末", FREQ_M, 2023, 6, PERIOD_CELL_END },
	{ "2023年6月底", FREQ_M, 2023, 6, PERIOD_CELL_END },
	{ "2024/3/1", FREQ_M, 2024, 3, PERIOD_CELL_EXCEL },
	{ "2024/12/01", FREQ_M, 2024, 12, PERIOD_CELL_EXCEL },
	{ "Mar-24", FREQ_M, 2024, 3, PERIOD_CELL_EXCEL },
	{ "mar-24", FREQ_M, 2024, 3, PERIOD_CELL_EXCEL },
	{ "Mar 2024", FREQ_M, 2024, 3, PERIOD_CELL_EXCEL },
	{ "March 2024", FREQ_M, 2024, 3, PERIOD_CELL_EXCEL },
	{ "Dec-23", FREQ_M, 2023, 12, PERIOD_CELL_EXCEL },
};

static void
cell_accepts_release_forms(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		const struct cell_case *c = &cells[i];
		struct period p = { FREQ_Y, 0, -1 };
		const char *why = NULL;
		unsigned fl = 99;

		if (period_parse_cell(c->text, strlen(c->text), &p, &fl,
		    &why) != 0)
			fail_msg("'%s' rejected: %s", c->text, why);
		if (p.freq != c->freq || p.year != c->year ||
		    p.sub != c->sub || fl != c->flags)
			fail_msg("'%s' gave freq %d year %d sub %d flags %u",
			    c->text, (int)p.freq, p.year, p.sub, fl);
	}
}

static const struct reject_case cell_rejected[] = {
	{ "2024年2-3月", "a span of months that does not start in January" },
	{ "2024年13月", "month out of range (1-12)" },
	{ "2024年1-13月", "month out of range (1-12)" },
	{ "2024.13", "month out of range (1-12)" },
	{ "2024/3/15", "a date, not a month (a month written as a date has "
	    "day 1)" },
	{ "2023-13", "month out of range (1-12)" },
	{ "", "missing period" },
	{ "2024年第五季度", NULL },
	{ "2024年前四季度", NULL },
	{ "2024年1-3月末", NULL },
	{ "Foo-24", NULL },
	{ "Mar-2", NULL },
	{ "2024年3", NULL },
	{ "去年", NULL },
	{ "2024/3/1/1", NULL },
};

static void
cell_rejects_with_reason(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cell_rejected) / sizeof(cell_rejected[0]);
	    i++) {
		const struct reject_case *c = &cell_rejected[i];
		struct period p;
		const char *why = NULL;
		unsigned fl;

		if (period_parse_cell(c->text, strlen(c->text), &p, &fl,
		    &why) == 0)
			fail_msg("'%s' accepted", c->text);
		assert_non_null(why);
		if (c->why == NULL) {
			if (strncmp(why, "not a period (2024, 2024Q1", 26) != 0)
				fail_msg("'%s': %s", c->text, why);
		} else if (strcmp(why, c->why) != 0) {
			fail_msg("'%s': '%s', expected '%s'", c->text, why,
			    c->why);
		}
	}
}

/* The cell parser reads "YYYY-MM" on a fast path: it must agree with
 * period_parse(), the general path, on every such text, good or bad. */
static void
cell_fast_path_agrees(void **state)
{
	static const int years[] = { 0, 999, 1000, 1001, 1999, 2023, 9999 };
	size_t y;
	int m;

	(void)state;
	for (y = 0; y < sizeof(years) / sizeof(years[0]); y++) {
		for (m = 0; m <= 99; m++) {
			char t[32];         /* room for any two ints */
			struct period a, b;
			const char *wa = NULL, *wb = NULL;
			unsigned fl = 7;
			int ra, rb;

			snprintf(t, sizeof(t), "%04d-%02d", years[y], m);
			memset(&a, 0, sizeof(a));
			memset(&b, 0, sizeof(b));
			ra = period_parse_cell(t, strlen(t), &a, &fl, &wa);
			rb = period_parse(t, strlen(t), &b, &wb);
			assert_int_equal(ra, rb);
			assert_int_equal(fl, 0);
			if (ra == 0) {
				assert_int_equal(a.freq, b.freq);
				assert_int_equal(a.year, b.year);
				assert_int_equal(a.sub, b.sub);
			} else {
				assert_non_null(wa);
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_every_spelling),
		cmocka_unit_test(parse_rejects_with_reason),
		cmocka_unit_test(parse_honours_length),
		cmocka_unit_test(format_is_canonical),
		cmocka_unit_test(key_round_trips_for_every_freq),
		cmocka_unit_test(keys_sort_by_freq_then_time),
		cmocka_unit_test(from_key_rejects_invalid),
		cmocka_unit_test(freq_helpers),
		cmocka_unit_test(cell_accepts_release_forms),
		cmocka_unit_test(cell_rejects_with_reason),
		cmocka_unit_test(cell_fast_path_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
