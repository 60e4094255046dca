/* Unit tests for util/numfmt: shortest round-trip text for doubles, plain
 * notation in the readable range. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"

/* Format v, check the text reads back as v and is plain or exponent as
 * the header promises; returns the text in out. */
static const char *
check(double v, char out[NUMFMT_MAX])
{
	char *end;
	double back;
	size_t n;

	memset(out, 'x', NUMFMT_MAX);
	if (num_format(v, out) != out)
		fail_msg("num_format did not return its buffer");
	n = strnlen(out, NUMFMT_MAX);
	if (n == 0 || n >= NUMFMT_MAX)
		fail_msg("%.17g: bad length %zu", v, n);
	back = strtod(out, &end);
	if (*end != '\0' || !(back == v))
		fail_msg("%.17g: '%s' reads back as %.17g", v, out, back);
	if (fabs(v) >= 1e-6 && fabs(v) < 1e17) {
		if (strpbrk(out, "eE"))
			fail_msg("%.17g: '%s' not plain", v, out);
	} else if (v != 0 && !strchr(out, 'e')) {
		fail_msg("%.17g: '%s' has no exponent", v, out);
	}
	return out;
}

static void
known_texts(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 31500.2, "31500.2" }, { 100000, "100000" },
		{ 0.001, "0.001" }, { 1.2345, "1.2345" }, { 0, "0" },
		{ -2.5, "-2.5" }, { 1, "1" }, { -1, "-1" }, { 10, "10" },
		{ 0.5, "0.5" }, { 16593.4, "16593.4" },
		{ 2816.4454, "2816.4454" }, { 1e-6, "0.000001" },
		{ 1e16, "10000000000000000" }, { 123456789, "123456789" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 1e300, "1e+300" }, { 1e17, "1e+17" },
	};
	char out[NUMFMT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check(cases[i].v, out);
		if (strcmp(out, cases[i].text) != 0)
			fail_msg("%.17g gave '%s', want '%s'", cases[i].v, out,
			    cases[i].text);
	}
}

static void
negative_zero_is_zero(void **state)
{
	char out[NUMFMT_MAX];

	(void)state;
	assert_string_equal(num_format(-0.0, out), "0");
}

static void
tiny_and_huge_use_exponent(void **state)
{
	char out[NUMFMT_MAX];

	(void)state;
	check(1e-7, out);
	assert_non_null(strchr(out, 'e'));
	check(-1e-7, out);
	assert_int_equal(out[0], '-');
	check(1e300, out);
	check(-1.7976931348623157e308, out);
	check(4.9406564584124654e-324, out);        /* smallest subnormal */
	check(2.2250738585072014e-308, out);
	check(123456789012345680.0, out);
	assert_string_equal(out, "1.2345678901234568e+17");
}

/* Values k / 10^d have a short decimal form: num_format must find it. */
static void
shortest_for_decimals(void **state)
{
	char out[NUMFMT_MAX], want[NUMFMT_MAX];
	int k;

	(void)state;
	for (k = 1; k < 100000; k += 3) {
		double v = k / 100.0;
		size_t n;

		snprintf(want, sizeof(want), "%d.%02d", k / 100, k % 100);
		n = strlen(want);
		while (want[n - 1] == '0')
			want[--n] = '\0';
		if (want[n - 1] == '.')
			want[--n] = '\0';
		check(v, out);
		if (strcmp(out, want) != 0)
			fail_msg("%.17g gave '%s', want '%s'", v, out, want);
	}
}

static uint64_t
lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s;
}

static void
round_trips_many(void **state)
{
	char out[NUMFMT_MAX];
	uint64_t seed = 20240601;
	int i;

	(void)state;
	for (i = -50000; i < 50000; i++)
		check(i / 7.0, out);
	for (i = 0; i < 100000; i++) {
		uint64_t bits = lcg(&seed) ^ (lcg(&seed) >> 29);
		double v;

		memcpy(&v, &bits, sizeof(v));
		if (isfinite(v))
			check(v, out);
	}
	for (i = 0; i < 50000; i++) {
		/* In the plain range, with many digits either side. */
		double m = (double)(lcg(&seed) >> 11) / 9007199254740992.0;
		int e = (int)(lcg(&seed) >> 33) % 23 - 6;

		check(m * pow(10, e), out);
		check(-m * pow(10, e), out);
	}
}

/* num_decimals() as formatting gives it: what its fast path must agree
 * with. */
static int
decimals_by_text(double v, int cap)
{
	char t[NUMFMT_MAX];
	const char *dot;
	int n;

	if (!isfinite(v))
		return 0;
	num_format_computed(v, t);
	if (strchr(t, 'e') || (dot = strchr(t, '.')) == NULL)
		return 0;
	n = (int)strlen(dot + 1);
	return n < cap ? n : cap;
}

static void
decimals_fast_path_agrees(void **state)
{
	static const double known[] = { 0, -0.0, 1, -1, 0.1, 0.2, 0.1 + 0.2,
	    69510.7, 1e-6, 1.5e-6, 9.99e-7, 123456789012.5, 1e11 + 0.25,
	    999999999999, 1e12, 1e15 + 1, 1e17, 2.5e300, 1.0 / 3, 2.0 / 3,
	    -1234.5678, 0.000123, 5e-324, 12.3456789 };
	unsigned long x = 88172645463325252ul;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(*known); i++)
		for (k = 0; k <= 8; k++)
			if (num_decimals(known[i], k) !=
			    decimals_by_text(known[i], k))
				fail_msg("%.17g cap %d: %d, by text %d",
				    known[i], k, num_decimals(known[i], k),
				    decimals_by_text(known[i], k));
	for (i = 0; i < 200000; i++) {
		double v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* Decimals of 0-8 places and 1-14 digits, sums of them,
		 * and arbitrary doubles. */
		v = (double)(x % 100000000000000ul) /
		    pow(10, (double)((x >> 60 & 15) % 9));
		if (i % 3 == 1)
			v = v * 0.1 + 0.2;
		else if (i % 3 == 2)
			v = (double)x / 3e9 - 1e9;
		if (x & 1)
			v = -v;
		if (num_decimals(v, 6) != decimals_by_text(v, 6))
			fail_msg("%.17g: %d, by text %d", v,
			    num_decimals(v, 6), decimals_by_text(v, 6));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_texts),
		cmocka_unit_test(negative_zero_is_zero),
		cmocka_unit_test(tiny_and_huge_use_exponent),
		cmocka_unit_test(shortest_for_decimals),
		cmocka_unit_test(round_trips_many),
		cmocka_unit_test(decimals_fast_path_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
