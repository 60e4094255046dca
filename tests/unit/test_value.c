/* Unit tests for core/value: values as statistical files write them, and
 * exact unit conversion. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/value.h"
#include "testutil.h"

struct ok_case {
	const char *text;
	double want;
	bool percent;
};

static const struct ok_case ok_cases[] = {
	{ "1,234.5", 1234.5, false },
	{ "1,234", 1234, false },
	{ "1,234,567.25", 1234567.25, false },
	{ "-1,234", -1234, false },
	{ "123", 123, false },
	{ "999,999", 999999, false },
	{ "  42 ", 42, false },
	{ "\t42\t", 42, false },
	{ "42\r", 42, false },
	{ "+5", 5, false },
	{ "-7.25", -7.25, false },
	{ "1e5", 1e5, false },
	{ "1E5", 1e5, false },
	{ "2.5e-3", 2.5e-3, false },
	{ "1e+2", 100, false },
	{ ".5", 0.5, false },
	{ "5.", 5, false },
	{ "0.1", 0.1, false },
	{ "16593.4", 16593.4, false },
	{ "12.5%", 12.5, true },
	{ "12.5 %", 12.5, true },
	{ " -3% ", -3, true },
	{ "1,234.5%", 1234.5, true },
	{ "0", 0, false },
};

static void
parse_accepts(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok_cases) / sizeof(ok_cases[0]); i++) {
		const struct ok_case *c = &ok_cases[i];
		double v = -999;
		bool pct = !c->percent;
		const char *why = NULL;
		enum value_result r;

		r = value_parse(c->text, strlen(c->text), &v, &pct, &why);
		if (r != VALUE_OK)
			fail_msg("'%s' rejected (%d): %s", c->text, (int)r,
			    why ? why : "(null)");
		if (!(v == c->want))
			fail_msg("'%s' gave %.17g, want %.17g", c->text, v,
			    c->want);
		if (pct != c->percent)
			fail_msg("'%s': percent %d", c->text, (int)pct);
	}
}

struct bad_case {
	const char *text;
	const char *why;        /* NULL: any reason */
};

#define SEP "misplaced thousands separator"
#define NAN_ "not a number"

static const struct bad_case bad_cases[] = {
	{ "1,23", SEP }, { "12,3456", SEP }, { ",123", SEP },
	{ "1234,567", SEP }, { "1,,234", SEP }, { "1,234,56", SEP },
	{ "1,2345", SEP }, { "1,23,456", SEP }, { "1,2345,678", SEP },
	{ "NaN", NAN_ }, { "nan", NAN_ }, { "inf", NAN_ }, { "-inf", NAN_ },
	{ "Infinity", NAN_ }, { "0x1p3", NAN_ }, { "0x10", NAN_ },
	{ "1 234", NAN_ }, { "1.2.3", NAN_ }, { "--1", NAN_ },
	{ "+-1", NAN_ }, { "abc", NAN_ }, { "n/a", NAN_ }, { "12abc", NAN_ },
	{ "1e", NAN_ }, { "1e+", NAN_ }, { "e5", NAN_ }, { ".", NAN_ },
	{ "+", NAN_ }, { "-", NAN_ }, { "%", NAN_ }, { "12%%", NAN_ },
	{ "%12", NAN_ }, { "1,234 5", NAN_ },
	{ "1e999", "number out of range" },
	{ "-1e999", "number out of range" },
};

static void
parse_rejects(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		double v = 12345;
		bool pct;
		const char *why = NULL;
		enum value_result r;

		r = value_parse(c->text, strlen(c->text), &v, &pct, &why);
		if (r != VALUE_BAD)
			fail_msg("'%s' gave %d (value %.17g), want VALUE_BAD",
			    c->text, (int)r, v);
		if (why == NULL)
			fail_msg("'%s': no reason", c->text);
		if (c->why && strcmp(why, c->why) != 0)
			fail_msg("'%s': reason '%s', want '%s'", c->text, why,
			    c->why);
		/* The reason pointer is optional. */
		assert_int_equal(value_parse(c->text, strlen(c->text), &v,
		    &pct, NULL), VALUE_BAD);
	}
}

static void
parse_empty_is_missing(void **state)
{
	static const char *const empty[] = { "", " ", "  ", "\t", " \t \r" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		double v;
		bool pct = true;

		assert_int_equal(value_parse(empty[i], strlen(empty[i]), &v,
		    &pct, NULL), VALUE_EMPTY);
		assert_false(pct);
	}
}

static void
parse_negative_zero_is_zero(void **state)
{
	static const char *const zeros[] = { "-0", "-0.0", "-0e5", "-0.000%" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(zeros) / sizeof(zeros[0]); i++) {
		double v = 1;
		bool pct;

		assert_int_equal(value_parse(zeros[i], strlen(zeros[i]), &v,
		    &pct, NULL), VALUE_OK);
		assert_double_exact(v, 0.0);
		if (signbit(v))
			fail_msg("'%s' gave -0", zeros[i]);
	}
}

static void
parse_honours_length(void **state)
{
	const char *s = "42abc";
	double v = 0;
	bool pct;

	(void)state;
	assert_int_equal(value_parse(s, 2, &v, &pct, NULL), VALUE_OK);
	assert_double_exact(v, 42);
	assert_int_equal(value_parse(s, 3, &v, &pct, NULL), VALUE_BAD);
	assert_int_equal(value_parse(s, 0, &v, &pct, NULL), VALUE_EMPTY);
}

static void
convert_is_exact(void **state)
{
	double out = 0;

	(void)state;
	/* 12345 万元 is 1.2345 亿元 to the last bit. */
	assert_true(value_convert(12345, 1e4, 1e8, &out));
	assert_double_exact(out, strtod("1.2345", NULL));
	assert_true(value_convert(28164454, 1e4, 1e8, &out));
	assert_double_exact(out, strtod("2816.4454", NULL));
	assert_true(value_convert(1.5, 1e8, 1e4, &out));
	assert_double_exact(out, 15000);
	assert_true(value_convert(2352480, 1, 1e4, &out));
	assert_double_exact(out, strtod("235.248", NULL));
	assert_true(value_convert(3.7, 1e8, 1e8, &out));
	assert_double_exact(out, 3.7);
	assert_true(value_convert(0.1, 1, 1, &out));
	assert_double_exact(out, 0.1);
	assert_true(value_convert(7, 1e12, 1e8, &out));
	assert_double_exact(out, 70000);
}

static void
convert_every_four_decimals(void **state)
{
	char text[32];
	int n;

	(void)state;
	/* n 万元 in 亿元 is the decimal n / 10^4 exactly as strtod reads it. */
	for (n = 0; n < 200000; n += 7) {
		double out = -1;

		snprintf(text, sizeof(text), "%d.%04d", n / 10000, n % 10000);
		assert_true(value_convert(n, 1e4, 1e8, &out));
		if (!(out == strtod(text, NULL)))
			fail_msg("%d: %.17g != %s", n, out, text);
	}
}

static uint64_t
lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 11;
}

static void
convert_uses_the_ratio(void **state)
{
	uint64_t seed = 7;
	double out;
	int i;

	(void)state;
	/* One multiplication or division by the exact ratio 1e4, never
	 * v * from / to (two roundings, and overflow on the way). */
	for (i = 0; i < 20000; i++) {
		double v = (double)lcg(&seed) / (double)(1 << 20);

		assert_true(value_convert(v, 1e4, 1e8, &out));
		assert_double_exact(out, v / 1e4);
		assert_true(value_convert(v, 1e8, 1e4, &out));
		assert_double_exact(out, v * 1e4);
	}
	assert_true(value_convert(1e300, 1e12, 1e8, &out));
	assert_double_exact(out, 1e300 * 1e4);
}

static void
convert_overflow_fails(void **state)
{
	double out = 42;

	(void)state;
	assert_false(value_convert(DBL_MAX, 1e4, 1, &out));
	assert_false(value_convert(1e300, 1e12, 1e-8, &out));
	assert_false(value_convert(-DBL_MAX, 1e8, 1, &out));
	assert_double_exact(out, 42);   /* untouched on failure */
	assert_true(value_convert(1e300, 1e4, 1, &out));
	assert_true(out > 9.99e303 && out < 1.01e304);
}

/* Plain decimals take a fast path (digits / 10^k); it must give the
 * very double strtod gives, for every length it covers and just past. */
static void
parse_fast_path_matches_strtod(void **state)
{
	char text[40];
	uint64_t x = 88172645463325252ull;
	int k;

	(void)state;
	for (k = 0; k < 200000; k++) {
		double got = -1, want;
		bool pct;
		int digits, point, i, n = 0;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		digits = 1 + (int)(x % 17);             /* 1..17: past 15 */
		point = (int)((x >> 8) % (uint64_t)(digits + 1));
		if ((x >> 16) & 1)
			text[n++] = '-';
		for (i = 0; i < digits; i++) {
			if (i == point && i > 0)
				text[n++] = '.';
			text[n++] = (char)('0' + (x >> (20 + 2 * i % 40)) % 10);
		}
		text[n] = '\0';
		want = strtod(text, NULL);
		if (want == 0)
			want = 0;               /* no -0 */
		assert_int_equal(value_parse(text, (size_t)n, &got, &pct, NULL),
		    VALUE_OK);
		if (memcmp(&got, &want, sizeof(got)) != 0)
			fail_msg("'%s': %.17g, strtod %.17g", text, got, want);
	}
}

/* A value in 万元 stored in 亿元: the decimal scaled by 10^-4 and rounded
 * once, as strtod rounds the shifted text ("1234567.89" -> 123.456789);
 * parse then divide would miss it for one value in four or so. */
static void
scaled_parse_rounds_once(void **state)
{
	static const struct { const char *text; int e; const char *want; }
	cases[] = {
		{ "1,234,567.89", -4, "123.456789" },
		{ "0.07", 4, "700" },
		{ "12345", -4, "1.2345" },
		{ "-2.5e3", -4, "-0.25" },
		{ "1.5", 8, "150000000" },
		{ "7", 4, "70000" },
		{ "123456789012345678", -8, "1234567890.12345678" },
		{ "1e-300", -7, "1e-307" },
		{ "12.5%", -2, "0.125" },
	};
	uint64_t x = 0x9e3779b97f4a7c15ull;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double got = -1;
		bool pct;

		assert_int_equal(value_parse_scaled(cases[i].text,
		    strlen(cases[i].text), cases[i].e, &got, &pct, NULL),
		    VALUE_OK);
		assert_double_exact(got, strtod(cases[i].want, NULL));
	}
	for (k = 0; k < 100000; k++) {
		char text[40], shifted[48];
		double got = -1, want;
		bool pct;
		int e;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		e = (int)(x % 25) - 12;                 /* -12..12 */
		snprintf(text, sizeof(text), "%llu.%02llu",
		    (unsigned long long)((x >> 8) % 100000000ull),
		    (unsigned long long)((x >> 40) % 100));
		snprintf(shifted, sizeof(shifted), "%se%d", text, e);
		want = strtod(shifted, NULL);
		assert_int_equal(value_parse_scaled(text, strlen(text), e,
		    &got, &pct, NULL), VALUE_OK);
		if (memcmp(&got, &want, sizeof(got)) != 0)
			fail_msg("'%s' e%d: %.17g, strtod %.17g", text, e, got,
			    want);
	}
	/* Beyond double's range after scaling. */
	{
		double got;
		bool pct;

		assert_int_equal(value_parse_scaled("1e300", 5, 12, &got, &pct,
		    NULL), VALUE_BAD);
	}
}

static void
ratio_powers_of_ten(void **state)
{
	int e = 99;

	(void)state;
	assert_true(value_ratio_exp10(1e4, 1e8, &e));
	assert_int_equal(e, -4);
	assert_true(value_ratio_exp10(1e12, 1e8, &e));
	assert_int_equal(e, 4);
	assert_true(value_ratio_exp10(1, 1e4, &e));
	assert_int_equal(e, -4);
	assert_true(value_ratio_exp10(0.0001, 1e8, &e));
	assert_int_equal(e, -12);
	assert_true(value_ratio_exp10(1, 1, &e));
	assert_int_equal(e, 0);
	assert_false(value_ratio_exp10(3600, 1, &e));
	assert_false(value_ratio_exp10(2e4, 1e8, &e));
	assert_false(value_ratio_exp10(0, 1, &e));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(parse_empty_is_missing),
		cmocka_unit_test(parse_negative_zero_is_zero),
		cmocka_unit_test(parse_honours_length),
		cmocka_unit_test(parse_fast_path_matches_strtod),
		cmocka_unit_test(scaled_parse_rounds_once),
		cmocka_unit_test(ratio_powers_of_ten),
		cmocka_unit_test(convert_is_exact),
		cmocka_unit_test(convert_every_four_decimals),
		cmocka_unit_test(convert_uses_the_ratio),
		cmocka_unit_test(convert_overflow_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
