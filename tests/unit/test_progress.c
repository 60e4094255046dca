/* Unit tests for core/progress: the published progress method worked by
 * hand, case by case, across every branch (each status with and without a
 * target, thresholds hit exactly, the limit factor, the guards, the zero
 * replacements, negative series, the two directions, default years), Open
 * SDG's own feature expectations, and the roll-up.
 *
 * Notation (progress-method.md): y0 at t0 is the base point, yi at ti the
 * latest; g_a = (yi/y0)^(1/(ti-t0)) - 1; g_r = (T/y0)^(1/(tT-t0)) - 1;
 * s = -1 when y0 < 0; d = +1 increase, -1 decrease; P = s d g_a / |g_r|
 * with a target, s d g_a without. Data are chosen so that the roots come
 * out round: (1.21)^(1/2) = 1.1, (1.4641)^(1/4) = 1.1. Values that need a
 * calculator (pow with 4.44, roots of 2) were worked with bc -l to 25
 * digits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "core/progress.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* assert_true(fabs(x - e) < 1e-9), showing both numbers on failure. */
#define assert_near(x, e) do { \
	double an_x_ = (x), an_e_ = (e); \
	if (!(fabs(an_x_ - an_e_) < 1e-9)) \
		fail_msg("%s is %.17g, expected %.17g", #x, an_x_, an_e_); \
} while (0)

#define assert_status(got, want) \
	assert_string_equal(progress_status_code(got), \
	    progress_status_code(want))

/* Status, P and score of a result that has all three. */
#define EXPECT(r, st, p, sc) do { \
	assert_status((r).status, (st)); \
	assert_true((r).has_value); \
	assert_near((r).value, (p)); \
	assert_true((r).has_score); \
	assert_near((r).score, (sc)); \
} while (0)

/* The guards: no P, no score, not available. */
#define EXPECT_NA(r) do { \
	assert_status((r).status, PROGRESS_NOT_AVAILABLE); \
	assert_false((r).has_value); \
	assert_false((r).has_score); \
} while (0)

static struct progress_config
defaults(void)
{
	struct progress_config c;

	progress_config_default(&c);
	return c;
}

/* Run one case with the default configuration. */
static struct progress_result
run(const struct progress_input *in)
{
	struct progress_config c = defaults();
	struct progress_result r;

	progress_compute(in, &c, &r);
	return r;
}

static const int y15_17[] = { 2015, 2017 };

static void
config_defaults_are_published(void **state)
{
	struct progress_config c = defaults();

	(void)state;
	assert_near(c.ratio_high, 0.95);
	assert_near(c.ratio_mid, 0.60);
	assert_near(c.cagr_high, 0.015);
	assert_near(c.cagr_mid, 0.005);
	assert_near(c.limit_exponent, 4.44);
	assert_int_equal(c.default_base_year, 2015);
	assert_int_equal(c.default_target_year, 2030);
}

/* With a target, increase, t0 = 2015 (y0 = 100), ti = 2017, T = 146.41 in
 * 2019, so g_r = 1.4641^(1/4) - 1 = 0.1 throughout:
 *   yi = 121:    g_a = 1.1 - 1 = 0.1,     P = 0.1/0.1 = 1 >= 0.95: on track,
 *                score = 7.1429 * 1 - 4.2857 = 2.8572
 *   yi = 116.64: g_a = 1.08 - 1 = 0.08,   P = 0.8: moderate,
 *                score = 7.1429 * 0.8 - 4.2857 = 5.71432 - 4.2857 = 1.42862
 *   yi = 110.25: g_a = 1.05 - 1 = 0.05,   P = 0.5 < 0.6: limited,
 *                score = 4.1667 * 0.5 - 2.5 = 2.08335 - 2.5 = -0.41665
 *   yi = 90.25:  g_a = 0.95 - 1 = -0.05,  P = -0.5: deterioration,
 *                score = 4.1667 * -0.5 - 2.5 = -4.58335
 *   yi = 81:     g_a = 0.9 - 1 = -0.1,    P = -1: deterioration,
 *                score = max(-4.1667 - 2.5, -5) = max(-6.6667, -5) = -5
 *   yi = 132.25: g_a = 1.15 - 1 = 0.15,   P = 1.5: on track (132.25 <
 *                146.41, not achieved), score = min(10.71435 - 4.2857, 5)
 *                = min(6.42865, 5) = 5 */
static void
with_target_each_status(void **state)
{
	static const struct {
		double yi, p, score;
		enum progress_status st;
	} cases[] = {
		{ 121, 1.0, 2.8572, PROGRESS_SUBSTANTIAL },
		{ 116.64, 0.8, 1.42862, PROGRESS_MODERATE },
		{ 110.25, 0.5, -0.41665, PROGRESS_LIMITED },
		{ 90.25, -0.5, -4.58335, PROGRESS_DETERIORATION },
		{ 81, -1.0, -5.0, PROGRESS_DETERIORATION },
		{ 132.25, 1.5, 5.0, PROGRESS_SUBSTANTIAL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		double v[] = { 100, cases[i].yi };
		struct progress_input in = { .years = y15_17, .values = v,
		    .n = 2, .direction = 1, .has_target = true,
		    .target = 146.41, .target_year = 2019 };
		struct progress_result r = run(&in);

		EXPECT(r, cases[i].st, cases[i].p, cases[i].score);
		assert_true(r.has_actual);
		assert_true(r.has_required);
		assert_near(r.required_growth, 0.1);
		assert_near(r.limit_factor, 1.0);
		assert_int_equal(r.warnings, 0);
	}
}

/* Same series without a target (C = 1), thresholds 0.015 and 0.005:
 *   yi = 104:      g_a = sqrt(1.04) - 1 = 0.019803902718556966 >= 0.015:
 *                  on track, score = 500 * 0.0198039... - 5
 *                  = 4.901951359278483
 *   yi = 121:      g_a = 0.1, on track, score = min(50 - 5, 5) = 5
 *   yi = 102.01:   g_a = 1.01 - 1 = 0.01: moderate,
 *                  score = 250 * 0.01 - 1.25 = 1.25
 *   yi = 100.4004: g_a = 1.002 - 1 = 0.002: limited,
 *                  score = 500 * 0.002 - 2.5 = -1.5
 *   yi = 100:      g_a = 0: limited (lower bound inclusive),
 *                  score = 500 * 0 - 2.5 = -2.5
 *   yi = 98.01:    g_a = 0.99 - 1 = -0.01: deterioration,
 *                  score = 125 * -0.01 - 2.5 = -3.75
 *   yi = 81:       g_a = -0.1, score = max(-12.5 - 2.5, -5) = -5 */
static void
without_target_each_status(void **state)
{
	static const struct {
		double yi, p, score;
		enum progress_status st;
	} cases[] = {
		{ 104, 0.019803902718556966, 4.901951359278483,
		    PROGRESS_SUBSTANTIAL },
		{ 121, 0.1, 5.0, PROGRESS_SUBSTANTIAL },
		{ 102.01, 0.01, 1.25, PROGRESS_MODERATE },
		{ 100.4004, 0.002, -1.5, PROGRESS_LIMITED },
		{ 100, 0.0, -2.5, PROGRESS_LIMITED },
		{ 98.01, -0.01, -3.75, PROGRESS_DETERIORATION },
		{ 81, -0.1, -5.0, PROGRESS_DETERIORATION },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		double v[] = { 100, cases[i].yi };
		struct progress_input in = { .years = y15_17, .values = v,
		    .n = 2, .direction = 1 };
		struct progress_result r = run(&in);

		EXPECT(r, cases[i].st, cases[i].p, cases[i].score);
		assert_true(r.has_actual);
		assert_near(r.actual_growth, cases[i].p);
		assert_false(r.has_required);
		assert_false(r.has_target);
		assert_near(r.limit_factor, 1.0);
	}
}

/* P on a threshold exactly, on paper; in binary the first three land one
 * or two units in the last place BELOW the threshold, so a plain >= would
 * put them in the band under it (sdg-build does):
 *   1000 -> 1005 in one year, no target: g_a = 0.005 exactly on paper,
 *     1005/1000 - 1 = 0.0049999999999998934 in binary. Moderate,
 *     score = 250 * 0.005 - 1.25 = 0
 *   1000 -> 1015, no target: g_a = 0.015 (0.014999999999999902).
 *     On track, score = 500 * 0.015 - 5 = 2.5
 *   1000 -> 1095, T = 1100 in 2021 (= ti): g_a = 0.095, g_r = 0.1,
 *     P = 0.95 (0.94999999999999885). On track,
 *     score = 7.1429 * 0.95 - 4.2857 = 6.785755 - 4.2857 = 2.500055
 *   100 -> 115, T = 125 in 2021: g_a = 0.15, g_r = 0.25, P = 0.6
 *     (0.59999999999999964). Moderate, score = 7.1429 * 0.6 - 4.2857
 *     = 4.28574 - 4.2857 = 0.00004
 *   100 -> 100, T = 125: g_a = 0, P = 0. Limited,
 *     score = 4.1667 * 0 - 2.5 = -2.5 */
static void
thresholds_are_inclusive(void **state)
{
	static const int y[] = { 2020, 2021 };
	static const struct {
		double y0, yi;
		bool has_target;
		double target, p, score;
		enum progress_status st;
	} cases[] = {
		{ 1000, 1005, false, 0, 0.005, 0.0, PROGRESS_MODERATE },
		{ 1000, 1015, false, 0, 0.015, 2.5, PROGRESS_SUBSTANTIAL },
		{ 1000, 1095, true, 1100, 0.95, 2.500055,
		    PROGRESS_SUBSTANTIAL },
		{ 100, 115, true, 125, 0.6, 0.00004, PROGRESS_MODERATE },
		{ 100, 100, true, 125, 0.0, -2.5, PROGRESS_LIMITED },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		double v[] = { cases[i].y0, cases[i].yi };
		struct progress_input in = { .years = y, .values = v, .n = 2,
		    .direction = 1, .base_year = 2020,
		    .has_target = cases[i].has_target,
		    .target = cases[i].target, .target_year = 2021 };
		struct progress_result r = run(&in);

		EXPECT(r, cases[i].st, cases[i].p, cases[i].score);
	}
}

/* Target achieved: latest value only, overrides, score 5.
 *   increase, 100 -> 150, T = 146.41: 150 >= 146.41. P is still worked out:
 *     g_a = sqrt(1.5) - 1 = 0.22474487139158905, P = 2.2474487139158905
 *   decrease, 100 -> 60, T = 65.61 in 2019: 60 <= 65.61
 *   increase, yi = T exactly (146.41): achieved (>=)
 *   a single year (2015 only) of 150 against T = 146.41: the guard leaves
 *     P undefined, but the target is met: achieved, score 5, no P */
static void
target_achieved_overrides(void **state)
{
	static const int y1[] = { 2015 };
	double up[] = { 100, 150 }, down[] = { 100, 60 }, on[] = { 100,
	    146.41 }, one[] = { 150 };
	struct progress_input in = { .years = y15_17, .values = up, .n = 2,
	    .direction = 1, .has_target = true, .target = 146.41,
	    .target_year = 2019 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	EXPECT(r, PROGRESS_TARGET_ACHIEVED, 2.2474487139158905, 5.0);
	assert_string_equal(progress_status_label(r.status),
	    "Target achieved");

	in.values = down;
	in.direction = -1;
	in.target = 65.61;
	r = run(&in);
	assert_status(r.status, PROGRESS_TARGET_ACHIEVED);
	assert_near(r.score, 5.0);

	in.values = on;
	in.direction = 1;
	in.target = 146.41;
	r = run(&in);
	assert_status(r.status, PROGRESS_TARGET_ACHIEVED);

	in.years = y1;
	in.values = one;
	in.n = 1;
	r = run(&in);
	assert_status(r.status, PROGRESS_TARGET_ACHIEVED);
	assert_false(r.has_value);
	assert_true(r.has_score);
	assert_near(r.score, 5.0);
}

/* Decrease (d = -1), t0 = 2015 (100), ti = 2017:
 *   no target, yi = 98.01:  g_a = -0.01, P = -1 * -0.01 = 0.01: moderate,
 *                           score = 250 * 0.01 - 1.25 = 1.25
 *   no target, yi = 102.01: g_a = 0.01, P = -0.01: deterioration,
 *                           score = 125 * -0.01 - 2.5 = -3.75
 *   T = 65.61 in 2019:      g_r = 0.6561^(1/4) - 1 = 0.9 - 1 = -0.1
 *     yi = 81:    g_a = -0.1, P = -1 * -0.1 / 0.1 = 1: on track, 2.8572
 *     yi = 92.16: g_a = 0.96 - 1 = -0.04, P = 0.4: limited,
 *                 score = 4.1667 * 0.4 - 2.5 = 1.66668 - 2.5 = -0.83332 */
static void
decrease_direction(void **state)
{
	static const struct {
		double yi;
		bool has_target;
		double p, score;
		enum progress_status st;
	} cases[] = {
		{ 98.01, false, 0.01, 1.25, PROGRESS_MODERATE },
		{ 102.01, false, -0.01, -3.75, PROGRESS_DETERIORATION },
		{ 81, true, 1.0, 2.8572, PROGRESS_SUBSTANTIAL },
		{ 92.16, true, 0.4, -0.83332, PROGRESS_LIMITED },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		double v[] = { 100, cases[i].yi };
		struct progress_input in = { .years = y15_17, .values = v,
		    .n = 2, .direction = -1,
		    .has_target = cases[i].has_target, .target = 65.61,
		    .target_year = 2019 };
		struct progress_result r = run(&in);

		EXPECT(r, cases[i].st, cases[i].p, cases[i].score);
	}
}

/* All-negative series: s = -1 flips the direction.
 *   increase, -100 -> -102.01: g_a = 1.0201^(1/2) - 1 = 0.01,
 *     P = -1 * 1 * 0.01 = -0.01: deterioration (it went down), -3.75
 *   decrease, same data: P = -1 * -1 * 0.01 = 0.01: moderate, 1.25
 *   increase, -100 -> -98.01: g_a = -0.01, P = 0.01: moderate, 1.25
 *   decrease, -100 -> -110.25, T = -146.41 in 2019: g_a = 0.05,
 *     g_r = 0.1, P = -1 * -1 * 0.05 / 0.1 = 0.5: limited, -0.41665
 *     (-110.25 <= -146.41 is false: not achieved) */
static void
negative_series(void **state)
{
	static const struct {
		double yi;
		int d;
		bool has_target;
		double p, score;
		enum progress_status st;
	} cases[] = {
		{ -102.01, 1, false, -0.01, -3.75, PROGRESS_DETERIORATION },
		{ -102.01, -1, false, 0.01, 1.25, PROGRESS_MODERATE },
		{ -98.01, 1, false, 0.01, 1.25, PROGRESS_MODERATE },
		{ -110.25, -1, true, 0.5, -0.41665, PROGRESS_LIMITED },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		double v[] = { -100, cases[i].yi };
		struct progress_input in = { .years = y15_17, .values = v,
		    .n = 2, .direction = cases[i].d,
		    .has_target = cases[i].has_target, .target = -146.41,
		    .target_year = 2019 };
		struct progress_result r = run(&in);

		EXPECT(r, cases[i].st, cases[i].p, cases[i].score);
		assert_int_equal(r.sign, -1);
	}
}

/* Every guard gives not available, no P, no score. */
static void
guards(void **state)
{
	static const int y1[] = { 2015 }, early[] = { 2010, 2012 };
	double opp[] = { 100, -5 }, zneg[] = { 0, -5 }, one[] = { 100 },
	    two[] = { 1, 2 }, down[] = { 100, 98.01 }, neg[] = { -100,
	    -98.01 };
	struct progress_input in = { .years = y15_17, .values = opp, .n = 2,
	    .direction = 1 };
	struct progress_result r;

	(void)state;
	/* y0 = 100 and yi = -5: opposite signs. */
	r = run(&in);
	EXPECT_NA(r);
	assert_true(r.has_points);
	assert_false(r.has_actual);

	/* y0 = 0 becomes 0.001 (warned), then 0.001 and -5 are opposite. */
	in.values = zneg;
	r = run(&in);
	EXPECT_NA(r);
	assert_int_equal(r.warnings, PROGRESS_WARN_ZERO_BASE);

	/* A single year: t_i - t_0 = 0 < 1. */
	in.years = y1;
	in.values = one;
	in.n = 1;
	r = run(&in);
	EXPECT_NA(r);
	assert_true(r.has_current);
	assert_int_equal(r.base_year, r.current_year);

	/* Nothing at or after the base year 2015: t_0 > t_i. */
	in.years = early;
	in.values = two;
	in.n = 2;
	r = run(&in);
	EXPECT_NA(r);
	assert_true(r.has_current);
	assert_int_equal(r.current_year, 2012);
	assert_false(r.has_points);
	assert_int_equal(r.base_year, 2015);

	/* No data at all. */
	in.n = 0;
	in.years = NULL;
	in.values = NULL;
	r = run(&in);
	EXPECT_NA(r);
	assert_false(r.has_current);

	/* Base equals target: T = y0 = 100, g_r = 1^(1/4) - 1 = 0; 98.01 is
	 * not >= 100, so not achieved either. g_a = -0.01 is still known. */
	in.years = y15_17;
	in.values = down;
	in.n = 2;
	in.has_target = true;
	in.target = 100;
	in.target_year = 2019;
	r = run(&in);
	EXPECT_NA(r);
	assert_true(r.has_actual);
	assert_near(r.actual_growth, -0.01);
	assert_false(r.has_required);

	/* Beyond the method: a target year not after t0 (1/0). */
	in.target = 146.41;
	in.target_year = 2015;
	r = run(&in);
	EXPECT_NA(r);

	/* Beyond the method: T = 50 and y0 = -100 of opposite signs (the
	 * root of -0.5); increase, -98.01 < 50, not achieved. */
	in.values = neg;
	in.target = 50;
	in.target_year = 2019;
	r = run(&in);
	EXPECT_NA(r);
}

/* The two points.
 *   base year 2015 without data: 2014 = 50 (before, ignored), 2016 = 100,
 *     2018 = 102.01. t0 = 2016, g_a = 1.0201^(1/2) - 1 = 0.01, no
 *     target: moderate, 1.25
 *   values before and in between ignored: 2010 = 1, 2012 = 1000,
 *     2015 = 100, 2016 = 500, 2017 = 102.01: t0 = 2015, ti = 2017, same
 *     P = 0.01
 *   a missing value (NaN) in the latest year: the latest year with data
 *     is the current point: 2015 = 100, 2017 = 102.01, 2018 = NaN */
static void
the_two_points(void **state)
{
	static const int ya[] = { 2014, 2016, 2018 },
	    yb[] = { 2010, 2012, 2015, 2016, 2017 },
	    yc[] = { 2015, 2017, 2018 };
	double va[] = { 50, 100, 102.01 }, vb[] = { 1, 1000, 100, 500,
	    102.01 }, vc[] = { 100, 102.01, NAN };
	struct progress_input in = { .years = ya, .values = va, .n = 3,
	    .direction = 1 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	EXPECT(r, PROGRESS_MODERATE, 0.01, 1.25);
	assert_true(r.has_points);
	assert_int_equal(r.base_year, 2016);
	assert_near(r.base_value, 100);
	assert_int_equal(r.current_year, 2018);
	assert_near(r.current_value, 102.01);

	in.years = yb;
	in.values = vb;
	in.n = 5;
	r = run(&in);
	EXPECT(r, PROGRESS_MODERATE, 0.01, 1.25);
	assert_int_equal(r.base_year, 2015);
	assert_int_equal(r.current_year, 2017);

	in.years = yc;
	in.values = vc;
	in.n = 3;
	r = run(&in);
	EXPECT(r, PROGRESS_MODERATE, 0.01, 1.25);
	assert_int_equal(r.current_year, 2017);
}

/* Zeros replaced by 0.001, with a warning.
 *   base 0 -> 0.001, yi = 0.004 in 2017, no target: g_a = 4^(1/2) - 1
 *     = 1: on track, score = min(500 - 5, 5) = 5
 *   target 0 -> 0.001, decrease, 100 -> 81 (g_a = -0.1), target year
 *     2019: g_r = (0.001/100)^(1/4) - 1 = 0.0562341325190349 - 1
 *     = -0.9437658674809651, P = 0.1 / 0.9437658674809651
 *     = 0.10595848339685469: limited, score = 4.1667 * P - 2.5
 *     = -2.0585027872303256
 *   target 0, decrease, 100 -> 0: 0 <= 0.001, achieved; P is
 *     -1 * -1 / 0.9437658674809651 = 1.0595848339685469 */
static void
zero_base_and_target(void **state)
{
	double zb[] = { 0, 0.004 }, zt[] = { 100, 81 }, to0[] = { 100, 0 };
	struct progress_input in = { .years = y15_17, .values = zb, .n = 2,
	    .direction = 1 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 1.0, 5.0);
	assert_int_equal(r.warnings, PROGRESS_WARN_ZERO_BASE);
	assert_near(r.base_value, 0.001);

	in.values = zt;
	in.direction = -1;
	in.has_target = true;
	in.target = 0;
	in.target_year = 2019;
	r = run(&in);
	EXPECT(r, PROGRESS_LIMITED, 0.10595848339685469,
	    -2.0585027872303256);
	assert_int_equal(r.warnings, PROGRESS_WARN_ZERO_TARGET);
	assert_near(r.target, 0.001);
	assert_near(r.required_growth, -0.9437658674809651);

	in.values = to0;
	r = run(&in);
	EXPECT(r, PROGRESS_TARGET_ACHIEVED, 1.0595848339685469, 5.0);
}

/* Target already met at the base year. Decrease, T = 110, y0 = 100
 * already <= 110, target year 2019:
 *   yi = 121 (2017): no longer met. g_a = 0.1, g_r = 1.1^(1/4) - 1
 *     = 0.024113689084445129 (positive: the target lies the wrong way),
 *     P = 1 * -1 * 0.1 / 0.0241136... = -4.147022035898538:
 *     deterioration, score = max(4.1667 * P - 2.5, -5) = max(-19.78, -5)
 *     = -5
 *   yi = 105: 105 <= 110, still met: achieved, 5 */
static void
target_met_at_base(void **state)
{
	double away[] = { 100, 121 }, still[] = { 100, 105 };
	struct progress_input in = { .years = y15_17, .values = away,
	    .n = 2, .direction = -1, .has_target = true, .target = 110,
	    .target_year = 2019 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	EXPECT(r, PROGRESS_DETERIORATION, -4.147022035898538, -5.0);
	assert_near(r.required_growth, 0.024113689084445129);

	in.values = still;
	r = run(&in);
	assert_status(r.status, PROGRESS_TARGET_ACHIEVED);
	assert_near(r.score, 5.0);
}

/* base_year and target_year 0 take the configuration's 2015 and 2030.
 *   2014 = 90 (ignored), 2015 = 100, 2017 = 110.25, T = 200: g_a = 0.05,
 *   g_r = 2^(1/15) - 1 = 0.047294122820626718, P = 0.05 / g_r
 *   = 1.0572138146982007: on track, score = 7.1429 * P - 4.2857
 *   = 3.2658725570077778
 * A configuration with default_base_year 2016 moves the base point:
 *   2015 = 1, 2016 = 100, 2018 = 102.01: g_a = 0.01, moderate, 1.25 */
static void
default_years(void **state)
{
	static const int y[] = { 2014, 2015, 2017 }, y2[] = { 2015, 2016,
	    2018 };
	double v[] = { 90, 100, 110.25 }, v2[] = { 1, 100, 102.01 };
	struct progress_input in = { .years = y, .values = v, .n = 3,
	    .direction = 1, .has_target = true, .target = 200 };
	struct progress_config c = defaults();
	struct progress_result r;

	(void)state;
	r = run(&in);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 1.0572138146982007,
	    3.2658725570077778);
	assert_int_equal(r.base_year, 2015);
	assert_int_equal(r.target_year, 2030);

	c.default_base_year = 2016;
	in.years = y2;
	in.values = v2;
	in.has_target = false;
	progress_compute(&in, &c, &r);
	EXPECT(r, PROGRESS_MODERATE, 0.01, 1.25);
	assert_int_equal(r.base_year, 2016);
}

/* The limit factor C (no target), a = 4.44, b = |y0|, L = |limit|; one
 * year, 2015 -> 2016:
 *   b >= 2L: decrease to a floor of 50, 100 -> 99.5, b = 100 = 2L: C = 1;
 *     P = -1 * (0.995 - 1) = 0.005: moderate, 250 * 0.005 - 1.25 = 0
 *   b <= L: increase to a ceiling of 100, 90 -> 90.36: C = 1 - 0.9^4.44
 *     = 0.37362164501282826; P = 0.004, below 0.005 but v = P / C
 *     = 0.010706017848250361 >= 0.005: moderate (limited without the
 *     limit), score = 250 v - 1.25 = 1.4265044620625903
 *   L < b < 2L: decrease to a floor of 100, 120 -> 119.4:
 *     C = 1 - ((200 - 120) / 100)^4.44 = 1 - 0.8^4.44
 *     = 0.62870462266958633; P = -1 * (0.995 - 1) = 0.005,
 *     v = 0.0079528602458323799: moderate, 250 v - 1.25
 *     = 0.73821506145809499
 *   b = L: 100 with a ceiling of 100: C = 1 - 1 = 0. 100 -> 100.5,
 *     P = 0.005 >= 0: on track, score 5
 *   b = L, 100 -> 100: P = 0 (the limit held): on track, score 5
 *   b = L, 100 -> 99: P = -0.01 < 0: deterioration as usual,
 *     125 * -0.01 - 2.5 = -3.75
 *   a floor of 0 (open-sdg's own example), decrease, 100 -> 99.5:
 *     b = 100 >= 2L = 0: C = 1, P = 0.005: moderate, 0
 *   a limit with a target is ignored (C = 1, warning): the first case of
 *     with_target_each_status, P = 1, 2.8572
 *   base above its ceiling: increase, 110 -> 111, ceiling 100: warning;
 *     C = 1 - ((200 - 110) / 100)^4.44 = 0.37362164501282826 */
static void
limit_factor(void **state)
{
	static const int y[] = { 2015, 2016 };
	static const struct {
		double y0, yi;
		int d;
		double limit, c, p, score;
		enum progress_status st;
	} cases[] = {
		{ 100, 99.5, -1, 50, 1.0, 0.005, 0.0, PROGRESS_MODERATE },
		{ 90, 90.36, 1, 100, 0.37362164501282826, 0.004,
		    1.4265044620625903, PROGRESS_MODERATE },
		{ 120, 119.4, -1, 100, 0.62870462266958633, 0.005,
		    0.73821506145809499, PROGRESS_MODERATE },
		{ 100, 100.5, 1, 100, 0.0, 0.005, 5.0,
		    PROGRESS_SUBSTANTIAL },
		{ 100, 100, 1, 100, 0.0, 0.0, 5.0, PROGRESS_SUBSTANTIAL },
		{ 100, 99, 1, 100, 0.0, -0.01, -3.75,
		    PROGRESS_DETERIORATION },
		{ 100, 99.5, -1, 0, 1.0, 0.005, 0.0, PROGRESS_MODERATE },
	};
	double t1[] = { 100, 121 }, over[] = { 110, 111 };
	struct progress_result r;
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		double v[] = { cases[i].y0, cases[i].yi };
		struct progress_input in = { .years = y, .values = v, .n = 2,
		    .direction = cases[i].d, .has_limit = true,
		    .limit = cases[i].limit };

		r = run(&in);
		EXPECT(r, cases[i].st, cases[i].p, cases[i].score);
		assert_near(r.limit_factor, cases[i].c);
		assert_int_equal(r.warnings, 0);
	}

	{
		struct progress_input in = { .years = y15_17, .values = t1,
		    .n = 2, .direction = 1, .has_target = true,
		    .target = 146.41, .target_year = 2019,
		    .has_limit = true, .limit = 120 };

		r = run(&in);
		EXPECT(r, PROGRESS_SUBSTANTIAL, 1.0, 2.8572);
		assert_near(r.limit_factor, 1.0);
		assert_int_equal(r.warnings, PROGRESS_WARN_LIMIT_IGNORED);
	}
	{
		struct progress_input in = { .years = y, .values = over,
		    .n = 2, .direction = 1, .has_limit = true,
		    .limit = 100 };

		r = run(&in);
		assert_near(r.limit_factor, 0.37362164501282826);
		assert_int_equal(r.warnings, PROGRESS_WARN_BEYOND_LIMIT);
	}
}

/* Open SDG's tests/features/ProgressStatus.feature expects "Deterioration"
 * on /1-5-3/ and "On track" on /1-5-4/.
 *
 * tests/data/data/indicator_1-5-3.csv (Year,Units,Group1,Group2,Value):
 * Total A X 2015 = 1, 2016 = 3; Total B Y 2 -> 4; Percent A X 10 -> 30;
 * Percent B Y 20 -> 40. The stored copy of its indicator config carries
 * no progress options; sdg-build's default direction is "negative" and
 * every series rises, so with no target each one is: g_a = 2 or 1, P =
 * -2 or -1: deterioration, score max(125 P - 2.5, -5) = -5.
 *
 * tests/data/data/indicator_1-5-4.csv, config: direction positive, base
 * 2015, disaggregation Group1 = "single disaggregation", unit Total,
 * limit 9, target 9, target year 2030. Data 2015 = 5, 2016 = 6:
 * g_a = 0.2, g_r = 1.8^(1/15) - 1 = 0.039963667721781093,
 * P = 5.0045456636352605: on track ("On track"), score min(31.46, 5) = 5;
 * the limit is ignored because there is a target. */
static void
open_sdg_features(void **state)
{
	static const int y[] = { 2015, 2016 };
	static const double series[][2] = { { 1, 3 }, { 2, 4 }, { 10, 30 },
	    { 20, 40 } };
	static const double p[] = { -2, -1, -2, -1 };
	double v154[] = { 5, 6 };
	struct progress_rollup roll;
	struct progress_result r;
	size_t i;

	(void)state;
	progress_rollup_init(&roll);
	for (i = 0; i < N(series); i++) {
		struct progress_input in = { .years = y,
		    .values = series[i], .n = 2, .direction = -1 };

		r = run(&in);
		EXPECT(r, PROGRESS_DETERIORATION, p[i], -5.0);
		assert_string_equal(progress_status_label(r.status),
		    "Deterioration");
		progress_rollup_add(&roll, r.status, r.has_score, r.score);
	}
	progress_rollup_finish(&roll);
	assert_status(roll.status, PROGRESS_DETERIORATION);
	assert_near(roll.score, -5.0);

	{
		struct progress_input in = { .years = y, .values = v154,
		    .n = 2, .direction = 1, .base_year = 2015,
		    .has_target = true, .target = 9, .target_year = 2030,
		    .has_limit = true, .limit = 9 };

		r = run(&in);
		EXPECT(r, PROGRESS_SUBSTANTIAL, 5.0045456636352605, 5.0);
		assert_string_equal(progress_status_label(r.status),
		    "On track");
		assert_near(r.required_growth, 0.039963667721781093);
		assert_int_equal(r.warnings, PROGRESS_WARN_LIMIT_IGNORED);
	}
}

/* Mean and bands: 2.8572, 1.25, -3.75 and one unscored child:
 * mean = 0.3572 / 3 = 0.11906666...: moderate. Then one child each at
 * 2.5 (substantial), 0 (moderate), -2.5 (limited), -2.6 (deterioration),
 * 5 and -5. */
static void
rollup_mean_and_bands(void **state)
{
	static const struct {
		double score;
		enum progress_status st;
	} one[] = {
		{ 5.0, PROGRESS_SUBSTANTIAL },
		{ 2.5, PROGRESS_SUBSTANTIAL },
		{ 2.4, PROGRESS_MODERATE },
		{ 0.0, PROGRESS_MODERATE },
		{ -0.1, PROGRESS_LIMITED },
		{ -2.5, PROGRESS_LIMITED },
		{ -2.6, PROGRESS_DETERIORATION },
		{ -5.0, PROGRESS_DETERIORATION },
	};
	struct progress_rollup r;
	size_t i;

	(void)state;
	progress_rollup_init(&r);
	progress_rollup_add(&r, PROGRESS_SUBSTANTIAL, true, 2.8572);
	progress_rollup_add(&r, PROGRESS_MODERATE, true, 1.25);
	progress_rollup_add(&r, PROGRESS_DETERIORATION, true, -3.75);
	progress_rollup_add(&r, PROGRESS_NOT_AVAILABLE, false, 0);
	progress_rollup_finish(&r);
	assert_status(r.status, PROGRESS_MODERATE);
	assert_true(r.has_score);
	assert_near(r.score, 0.3572 / 3);
	assert_int_equal(r.nitems, 4);
	assert_int_equal(r.nscored, 3);
	assert_int_equal(r.nachieved, 0);

	for (i = 0; i < N(one); i++) {
		progress_rollup_init(&r);
		progress_rollup_add(&r, PROGRESS_LIMITED, true, one[i].score);
		progress_rollup_finish(&r);
		assert_status(r.status, one[i].st);
		assert_near(r.score, one[i].score);
	}
}

/* Means on a band edge on paper that land an ulp off it in binary:
 * (1.4 + 2.8 + 3.3) / 3 = 2.5 (2.4999999999999996): substantial;
 * (-0.1 - 0.2 + 0.3) / 3 = 0 (-1.85e-17): moderate;
 * (-2.1 - 2.7 - 2.7) / 3 = -2.5 (-2.5000000000000004): limited. */
static void
rollup_band_edges(void **state)
{
	static const double sets[][3] = { { 1.4, 2.8, 3.3 },
	    { -0.1, -0.2, 0.3 }, { -2.1, -2.7, -2.7 } };
	static const enum progress_status want[] = { PROGRESS_SUBSTANTIAL,
	    PROGRESS_MODERATE, PROGRESS_LIMITED };
	static const double mean[] = { 2.5, 0.0, -2.5 };
	struct progress_rollup r;
	size_t i, j;

	(void)state;
	for (i = 0; i < N(sets); i++) {
		progress_rollup_init(&r);
		for (j = 0; j < 3; j++)
			progress_rollup_add(&r, PROGRESS_MODERATE, true,
			    sets[i][j]);
		progress_rollup_finish(&r);
		assert_status(r.status, want[i]);
		assert_near(r.score, mean[i]);
	}
}

/* Target achieved only when every scored child achieved; achieved counts
 * 5 (even when passed without a score); unscored children do not stop
 * it; no scores at all: not available. */
static void
rollup_target_achieved(void **state)
{
	struct progress_rollup r;

	(void)state;
	progress_rollup_init(&r);
	progress_rollup_add(&r, PROGRESS_TARGET_ACHIEVED, true, 5.0);
	progress_rollup_add(&r, PROGRESS_TARGET_ACHIEVED, false, 0.0);
	progress_rollup_add(&r, PROGRESS_NOT_AVAILABLE, false, 0.0);
	progress_rollup_finish(&r);
	assert_status(r.status, PROGRESS_TARGET_ACHIEVED);
	assert_near(r.score, 5.0);
	assert_int_equal(r.nachieved, 2);
	assert_int_equal(r.nscored, 2);
	assert_int_equal(r.nitems, 3);

	/* Mixed: achieved (5) and on track at 5: mean 5, on track only. */
	progress_rollup_init(&r);
	progress_rollup_add(&r, PROGRESS_TARGET_ACHIEVED, true, 5.0);
	progress_rollup_add(&r, PROGRESS_SUBSTANTIAL, true, 5.0);
	progress_rollup_finish(&r);
	assert_status(r.status, PROGRESS_SUBSTANTIAL);
	assert_near(r.score, 5.0);

	/* Mixed: achieved (5) and deterioration (-5): mean 0, moderate. */
	progress_rollup_init(&r);
	progress_rollup_add(&r, PROGRESS_TARGET_ACHIEVED, true, 5.0);
	progress_rollup_add(&r, PROGRESS_DETERIORATION, true, -5.0);
	progress_rollup_finish(&r);
	assert_status(r.status, PROGRESS_MODERATE);
	assert_near(r.score, 0.0);

	/* No scores: not available, nothing achieved. */
	progress_rollup_init(&r);
	progress_rollup_finish(&r);
	assert_status(r.status, PROGRESS_NOT_AVAILABLE);
	assert_false(r.has_score);
	progress_rollup_add(&r, PROGRESS_NOT_AVAILABLE, false, 0.0);
	progress_rollup_add(&r, PROGRESS_LIMITED, true, NAN);
	progress_rollup_finish(&r);
	assert_status(r.status, PROGRESS_NOT_AVAILABLE);
	assert_false(r.has_score);
	assert_int_equal(r.nitems, 2);
	assert_int_equal(r.nscored, 0);
}

/* Nested: measure -> system -> policy.
 *   measure A: two achieved         -> target achieved, 5
 *   measure B: -3.75 and -5         -> mean -4.375, deterioration
 *   measure C: no data              -> not available (a data gap)
 *   system 1 = A, B, C: mean (5 - 4.375) / 2 = 0.3125, moderate
 *   system 2 = one achieved measure -> target achieved, 5
 *   policy = systems 1, 2: (0.3125 + 5) / 2 = 2.65625, on track
 *   policy of system 2 twice: target achieved */
static void
rollup_nested(void **state)
{
	struct progress_rollup a, b, c, s1, s2, pol;

	(void)state;
	progress_rollup_init(&a);
	progress_rollup_add(&a, PROGRESS_TARGET_ACHIEVED, true, 5.0);
	progress_rollup_add(&a, PROGRESS_TARGET_ACHIEVED, true, 5.0);
	progress_rollup_finish(&a);
	assert_status(a.status, PROGRESS_TARGET_ACHIEVED);

	progress_rollup_init(&b);
	progress_rollup_add(&b, PROGRESS_DETERIORATION, true, -3.75);
	progress_rollup_add(&b, PROGRESS_DETERIORATION, true, -5.0);
	progress_rollup_finish(&b);
	assert_status(b.status, PROGRESS_DETERIORATION);
	assert_near(b.score, -4.375);

	progress_rollup_init(&c);
	progress_rollup_finish(&c);
	assert_status(c.status, PROGRESS_NOT_AVAILABLE);

	progress_rollup_init(&s1);
	progress_rollup_add(&s1, a.status, a.has_score, a.score);
	progress_rollup_add(&s1, b.status, b.has_score, b.score);
	progress_rollup_add(&s1, c.status, c.has_score, c.score);
	progress_rollup_finish(&s1);
	assert_status(s1.status, PROGRESS_MODERATE);
	assert_near(s1.score, 0.3125);
	assert_int_equal(s1.nitems, 3);
	assert_int_equal(s1.nscored, 2);
	assert_int_equal(s1.nachieved, 1);

	progress_rollup_init(&s2);
	progress_rollup_add(&s2, a.status, a.has_score, a.score);
	progress_rollup_finish(&s2);
	assert_status(s2.status, PROGRESS_TARGET_ACHIEVED);

	progress_rollup_init(&pol);
	progress_rollup_add(&pol, s1.status, s1.has_score, s1.score);
	progress_rollup_add(&pol, s2.status, s2.has_score, s2.score);
	progress_rollup_finish(&pol);
	assert_status(pol.status, PROGRESS_SUBSTANTIAL);
	assert_near(pol.score, 2.65625);

	progress_rollup_init(&pol);
	progress_rollup_add(&pol, s2.status, s2.has_score, s2.score);
	progress_rollup_add(&pol, s2.status, s2.has_score, s2.score);
	progress_rollup_finish(&pol);
	assert_status(pol.status, PROGRESS_TARGET_ACHIEVED);
	assert_near(pol.score, 5.0);
}

static void
status_names(void **state)
{
	static const struct {
		enum progress_status s;
		const char *code, *label;
	} names[] = {
		{ PROGRESS_TARGET_ACHIEVED, "target_achieved",
		    "Target achieved" },
		{ PROGRESS_SUBSTANTIAL, "substantial_progress", "On track" },
		{ PROGRESS_MODERATE, "moderate_progress",
		    "Progress made but acceleration needed" },
		{ PROGRESS_LIMITED, "limited_progress", "Limited progress" },
		{ PROGRESS_DETERIORATION, "deterioration", "Deterioration" },
		{ PROGRESS_NOT_AVAILABLE, "not_available", "Not available" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(names); i++) {
		assert_string_equal(progress_status_code(names[i].s),
		    names[i].code);
		assert_string_equal(progress_status_label(names[i].s),
		    names[i].label);
	}
	assert_string_equal(progress_status_code((enum progress_status)42),
	    "unknown");
}

/* A growth the policy asks for, with no target level, is the growth
 * needed: y0 = 100 (2015), yi = 110.25 (2017): g_a = 0.05; aim 10% a
 * year: P = 0.05 / 0.1 = 0.5 < 0.6: limited, score 4.1667 * 0.5 - 2.5 =
 * -0.41665 (the no-target thresholds would have said on track). Aim
 * 4%: P = 1.25: on track, score min(7.1429 * 1.25 - 4.2857, 5) = 4.6429.
 * Decrease with an aim of -5% a year and 100 -> 90.25: g_a = -0.05,
 * P = -1 * -0.05 / 0.05 = 1: on track, score 2.8572. An aim of 0 is no
 * growth asked for: the no-target thresholds (g_a = 0.05 >= 0.015: on
 * track, score min(500 * 0.05 - 5, 5) = 5). A target level wins over an
 * aim. No level: never "target achieved". */
static void
growth_aim_is_the_growth_needed(void **state)
{
	static const double v[] = { 100, 110.25 }, dv[] = { 100, 90.25 };
	struct progress_input in = { .years = y15_17, .values = v, .n = 2,
	    .direction = 1, .base_year = 2015, .target_year = 2030,
	    .has_aim = true, .aim = 0.10 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	EXPECT(r, PROGRESS_LIMITED, 0.5, 4.1667 * 0.5 - 2.5);
	assert_true(r.has_required);
	assert_true(r.required_is_aim);
	assert_near(r.required_growth, 0.10);
	assert_false(r.has_target);
	in.aim = 0.04;
	r = run(&in);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 1.25, 7.1429 * 1.25 - 4.2857);
	in.values = dv;
	in.direction = -1;
	in.aim = -0.05;
	r = run(&in);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 1, 7.1429 - 4.2857);
	in.values = v;
	in.direction = 1;
	in.aim = 0;
	r = run(&in);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 0.05, 5);
	assert_false(r.has_required);
	/* A level: g_r from it (121 in 2017 from 100 in 2015: 0.1). */
	in.aim = 0.5;
	in.has_target = true;
	in.target = 121;
	in.target_year = 2017;
	r = run(&in);
	EXPECT(r, PROGRESS_LIMITED, 0.5, 4.1667 * 0.5 - 2.5);
	assert_false(r.required_is_aim);
}

/* ---- the office's extensions (progress-method.md) ---------------------
 *
 * Chained published growth: base 100 (2020), published +10%, +5%, +8%
 * for 2021-2023, levels 100 -> 120 (the prior years were revised).
 *   g_a = (1.1 * 1.05 * 1.08)^(1/3) - 1 = 1.2474^(1/3) - 1
 *       = 0.07646995589383798 (7.6470%), not the levels'
 *         1.2^(1/3) - 1 = 0.06265856918261115 (6.2659%)
 *   target 150 in 2025: g_r = 1.5^(1/5) - 1 = 0.08447177119769855
 *   P = 0.07646995589383798 / 0.08447177119769855 = 0.9052723153497866:
 *     acceleration needed, score 7.1429 P - 4.2857 = 2.1805696213119905
 *   levels: P = 0.741769330679292, score 1.0126841521091139 */
static void
published_growth_chained(void **state)
{
	static const int ys[] = { 2020, 2021, 2022, 2023 };
	double vs[] = { 100, 104, 111, 120 };
	double pub[] = { NAN, 10, 5, 8 };
	struct progress_input in = { .years = ys, .values = vs, .n = 4,
	    .direction = 1, .base_year = 2020, .has_target = true,
	    .target = 150, .target_year = 2025, .use_published = true,
	    .published = pub };
	struct progress_result r;

	(void)state;
	r = run(&in);
	assert_true(r.growth_published);
	assert_false(r.published_missing);
	assert_near(r.actual_growth, 0.07646995589383798);
	assert_near(r.required_growth, 0.08447177119769855);
	EXPECT(r, PROGRESS_MODERATE, 0.9052723153497866, 2.1805696213119905);
	/* A year without a published growth: the levels, and it says so. */
	pub[2] = NAN;
	r = run(&in);
	assert_false(r.growth_published);
	assert_true(r.published_missing);
	assert_near(r.actual_growth, 0.06265856918261115);
	EXPECT(r, PROGRESS_MODERATE, 0.741769330679292, 1.0126841521091139);
	/* growth_basis levels: the method unchanged. */
	pub[2] = 5;
	in.use_published = false;
	r = run(&in);
	assert_false(r.growth_published);
	assert_false(r.published_missing);
	EXPECT(r, PROGRESS_MODERATE, 0.741769330679292, 1.0126841521091139);
}

/* The plan's own base: base_value 100 at 2020, the store says 98 for
 * 2020 and 120 for 2023. y_0 = 100 (not 98): g_a = 1.2^(1/3) - 1 as
 * above, P = 0.741769330679292; the stored 98 is a check. Without data
 * for 2020 at all, the base stays the plan's (2020, 100), not moved. */
static void
plan_base_value(void **state)
{
	static const int ys[] = { 2020, 2023 }, yn[] = { 2021, 2023 };
	double vs[] = { 98, 120 }, vn[] = { 105, 120 };
	struct progress_input in = { .years = ys, .values = vs, .n = 2,
	    .direction = 1, .base_year = 2020, .has_target = true,
	    .target = 150, .target_year = 2025, .has_base_value = true,
	    .base_value = 100 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	assert_true(r.base_from_plan);
	assert_true(r.base_differs);
	assert_near(r.stored_base, 98);
	assert_int_equal(r.base_year, 2020);
	assert_near(r.base_value, 100);
	EXPECT(r, PROGRESS_MODERATE, 0.741769330679292, 1.0126841521091139);
	vs[0] = 100;            /* the same value: no check */
	r = run(&in);
	assert_false(r.base_differs);
	in.years = yn;
	in.values = vn;
	r = run(&in);
	assert_true(r.base_from_plan);
	assert_false(r.base_moved);
	assert_false(r.base_differs);
	assert_int_equal(r.base_year, 2020);
	EXPECT(r, PROGRESS_MODERATE, 0.741769330679292, 1.0126841521091139);
}

/* A break in series: 100 (2020), 110 (2021), then a new basis 50 (2022),
 * 55 (2023), 60.5 (2024); break 2022, no target. t_0 = 2022, y_0 = 50:
 * g_a = (60.5 / 50)^(1/2) - 1 = 1.21^(1/2) - 1 = 0.1; P = 0.1 >= 0.015:
 * on track, score min(500 * 0.1 - 5, 5) = 5. Without the break the
 * levels 100 -> 60.5 are a deterioration. A break moves a plan's
 * base_value too. A break at the base year or after t_i changes
 * nothing. */
static void
break_in_series(void **state)
{
	static const int ys[] = { 2020, 2021, 2022, 2023, 2024 };
	static const int brk[] = { 2022 }, late[] = { 2020, 2025 };
	double vs[] = { 100, 110, 50, 55, 60.5 };
	struct progress_input in = { .years = ys, .values = vs, .n = 5,
	    .direction = 1, .base_year = 2020, .breaks = brk, .nbreaks = 1 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	assert_true(r.base_at_break);
	assert_int_equal(r.base_year, 2022);
	assert_near(r.base_value, 50);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 0.1, 5);
	in.has_base_value = true;
	in.base_value = 100;
	r = run(&in);
	assert_true(r.base_at_break);
	assert_false(r.base_from_plan);
	assert_int_equal(r.base_year, 2022);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 0.1, 5);
	in.has_base_value = false;
	in.breaks = late;
	in.nbreaks = 2;
	r = run(&in);
	assert_false(r.base_at_break);
	assert_int_equal(r.base_year, 2020);
	assert_status(r.status, PROGRESS_DETERIORATION);
}

/* The base year without data and no base_value: the base moves to the
 * first year with data, and the result says so. base_year 2020, data
 * 100 (2021), 121 (2023): g_a = 1.21^(1/2) - 1 = 0.1, on track, 5. */
static void
moved_base(void **state)
{
	static const int ys[] = { 2021, 2023 };
	double vs[] = { 100, 121 };
	struct progress_input in = { .years = ys, .values = vs, .n = 2,
	    .direction = 1, .base_year = 2020 };
	struct progress_result r;

	(void)state;
	r = run(&in);
	assert_true(r.base_moved);
	assert_int_equal(r.base_year_asked, 2020);
	assert_int_equal(r.base_year, 2021);
	EXPECT(r, PROGRESS_SUBSTANTIAL, 0.1, 5);
	in.base_year = 2021;
	r = run(&in);
	assert_false(r.base_moved);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(config_defaults_are_published),
		cmocka_unit_test(with_target_each_status),
		cmocka_unit_test(without_target_each_status),
		cmocka_unit_test(thresholds_are_inclusive),
		cmocka_unit_test(target_achieved_overrides),
		cmocka_unit_test(decrease_direction),
		cmocka_unit_test(negative_series),
		cmocka_unit_test(guards),
		cmocka_unit_test(the_two_points),
		cmocka_unit_test(zero_base_and_target),
		cmocka_unit_test(target_met_at_base),
		cmocka_unit_test(default_years),
		cmocka_unit_test(limit_factor),
		cmocka_unit_test(open_sdg_features),
		cmocka_unit_test(rollup_mean_and_bands),
		cmocka_unit_test(rollup_band_edges),
		cmocka_unit_test(rollup_target_achieved),
		cmocka_unit_test(rollup_nested),
		cmocka_unit_test(growth_aim_is_the_growth_needed),
		cmocka_unit_test(status_names),
		cmocka_unit_test(published_growth_chained),
		cmocka_unit_test(plan_base_value),
		cmocka_unit_test(break_in_series),
		cmocka_unit_test(moved_base),
	};

	return cmocka_run_group_tests(t, NULL, NULL);
}
