/* Unit tests for the exact display of values: a value is shown with the
 * precision it was published with (render/fmt, util/numfmt decimals,
 * core/aggregate's series precision). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/aggregate.h"
#include "render/fmt.h"
#include "util/numfmt.h"

static void
decimals_counted_robustly(void **state)
{
	(void)state;
	assert_int_equal(num_decimals(7.67, 6), 2);
	assert_int_equal(num_decimals(30000, 6), 0);
	assert_int_equal(num_decimals(11.76 * 10000, 6), 0);   /* noise */
	assert_int_equal(num_decimals(0.1 + 0.2, 6), 1);       /* noise */
	assert_int_equal(num_decimals(6.08, 6), 2);
	assert_int_equal(num_decimals(1.0 / 3, 6), 6);         /* capped */
	assert_int_equal(num_decimals(-2.5, 6), 1);
	assert_int_equal(num_decimals(1e-300, 6), 0);
}

static void
values_shown_as_published(void **state)
{
	char out[FMT_MAX];

	(void)state;
	/* A count keeps its decimals: 7.67 亿户 is not "8". */
	assert_string_equal(fmt_value(7.67, 2, out), "7.67");
	/* Never padded: 3 万亿元 in 亿元. */
	assert_string_equal(fmt_value(30000, 0, out), "30000");
	assert_string_equal(fmt_value(7.6, 2, out), "7.60");
	assert_string_equal(fmt_value(-0.001, 1, out), "0.0");
	assert_string_equal(fmt_value(117599.99999999999, -1, out),
	    "117600");
	assert_string_equal(fmt_value(58020.5, -1, out), "58020.5");
}

static void
series_carries_its_precision(void **state)
{
	struct obs o[3];
	struct agg_series s = AGG_SERIES_INIT;
	struct cat_indicator d;

	(void)state;
	memset(o, 0, sizeof(o));
	memset(&d, 0, sizeof(d));
	for (int i = 0; i < 3; i++) {
		struct period p = { FREQ_Y, 2020 + i, 0 };

		o[i].period = period_key(&p);
	}
	o[0].value = 4.6;
	o[1].value = 5.28;
	o[2].value = 7;
	agg_build(o, 3, KIND_STOCK, FREQ_Y, NULL, &s);
	assert_int_equal(s.decimals, 2);
	d.decimals = -1;
	assert_int_equal(fmt_decimals(&d, &s), 2);
	d.decimals = 1;         /* the catalogue's decimals win */
	assert_int_equal(fmt_decimals(&d, &s), 1);
	assert_int_equal(fmt_decimals(NULL, NULL), -1);
	agg_series_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decimals_counted_robustly),
		cmocka_unit_test(values_shown_as_published),
		cmocka_unit_test(series_carries_its_precision),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
