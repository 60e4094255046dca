/* Unit tests for core/aggregate: hand-built observation arrays through
 * agg_build (flows, year-to-date differencing, stocks, rates, direct
 * versus summed periods, the as-of cut-off, published and computed
 * growth), the region roll-up, CAGR and the least-squares trend.
 *
 * Every expected number is worked by hand in the comment above its check.
 * Values are small integers wherever possible so that sums and differences
 * are exact in binary and compared with ==; ratios (growth rates) are
 * compared to 1e-9.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/aggregate.h"
#include "core/catalog.h"
#include "core/obs.h"
#include "core/period.h"
#include "testutil.h"

#define EPS 1e-9

#define assert_near(a, b, eps) do { \
	double an_a_ = (a), an_b_ = (b); \
	if (!(fabs(an_a_ - an_b_) < (eps))) \
		fail_msg("%.17g !~ %.17g (%s ~ %s)", an_a_, an_b_, #a, #b); \
} while (0)

/* One observation of 'period' ("2023", "2023Q2", "2023-05"). */
static struct obs
ob(const char *period, double v, bool ytd)
{
	struct period p;
	struct obs o;
	const char *why = NULL;

	if (period_parse(period, strlen(period), &p, &why) != 0)
		fail_msg("bad period '%s': %s", period, why ? why : "?");
	memset(&o, 0, sizeof(o));
	o.period = period_key(&p);
	o.ytd = ytd;
	o.value = v;
	return o;
}

/* The same with a published growth rate (percent). */
static struct obs
oby(const char *period, double v, bool ytd, double yoy)
{
	struct obs o = ob(period, v, ytd);

	o.has_yoy = true;
	o.yoy = yoy;
	return o;
}

static struct period
per(const char *s)
{
	struct period p;

	if (period_parse(s, strlen(s), &p, NULL) != 0)
		fail_msg("bad period '%s'", s);
	return p;
}

/* The point of 's' for period 'ps', or NULL. */
static const struct agg_point *
at(const struct agg_series *s, const char *ps)
{
	struct period p = per(ps);
	size_t i;

	for (i = 0; i < s->n; i++)
		if (period_equal(&s->pt[i].p, &p))
			return &s->pt[i];
	return NULL;
}

/* The point must exist. */
static const struct agg_point *
must(const struct agg_series *s, const char *ps)
{
	const struct agg_point *pt = at(s, ps);

	if (pt == NULL)
		fail_msg("no point for %s", ps);
	return pt;
}

/* Points strictly in time order, all at the series' frequency. */
static void
check_order(const struct agg_series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		assert_int_equal(s->pt[i].p.freq, s->freq);
		if (i > 0)
			assert_true(period_key(&s->pt[i - 1].p) <
			    period_key(&s->pt[i].p));
	}
}

#define NOBS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- flows: months into quarters and years ------------------------- */

/* 2023: month m is 10m (10, 20, ..., 120), every month there.
 * 2024: month m is 10m + 1 (11, 21, ..., 121) except August (missing).
 * Observations given out of order to show order does not matter. */
static size_t
flow_months(struct obs *o)
{
	size_t n = 0;
	int m;
	char buf[32];

	for (m = 12; m >= 1; m--) {
		snprintf(buf, sizeof(buf), "2023-%02d", m);
		o[n++] = ob(buf, 10.0 * m, false);
	}
	for (m = 1; m <= 12; m++) {
		if (m == 8)
			continue;
		snprintf(buf, sizeof(buf), "2024-%02d", m);
		o[n++] = ob(buf, 10.0 * m + 1, false);
	}
	return n;
}

static void
test_flow_month_to_quarter_year(void **state)
{
	struct obs o[24];
	size_t n = flow_months(o);
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, n, KIND_FLOW, FREQ_Q, NULL, &s);
	check_order(&s);
	/* 2023Q1 = 10 + 20 + 30 = 60; Q2 = 40 + 50 + 60 = 150;
	 * Q3 = 70 + 80 + 90 = 240; Q4 = 100 + 110 + 120 = 330. */
	pt = must(&s, "2023Q1");
	assert_double_exact(pt->value, 60);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 3);
	assert_false(pt->derived);
	assert_false(pt->combined);
	assert_false(pt->has_yoy);      /* no 2022 */
	assert_false(pt->has_pop);      /* first point */
	assert_double_exact(must(&s, "2023Q2")->value, 150);
	assert_double_exact(must(&s, "2023Q3")->value, 240);
	assert_double_exact(must(&s, "2023Q4")->value, 330);
	/* pop 2023Q2 against Q1: (150 / 60 - 1) * 100 = 150. */
	pt = must(&s, "2023Q2");
	assert_true(pt->has_pop);
	assert_near(pt->pop, 150, EPS);
	/* 2024Q1 = 11 + 21 + 31 = 63: yoy (63 / 60 - 1) * 100 = 5;
	 * pop against 2023Q4: (63 / 330 - 1) * 100. */
	pt = must(&s, "2024Q1");
	assert_double_exact(pt->value, 63);
	assert_true(pt->complete);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 5, EPS);
	assert_true(pt->has_pop);
	assert_near(pt->pop, (63.0 / 330.0 - 1) * 100, EPS);
	/* 2024Q3 lacks August: no complete figure for it. aggregate.h:
	 * "a period whose parts are not all there is marked incomplete (its
	 * value is what the parts present give)": July and September,
	 * 71 + 91 = 162, two months; its yoy against the same months of
	 * 2023 (70 + 90 = 160): (162 / 160 - 1) * 100 = 1.25. */
	pt = must(&s, "2024Q3");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 162);
	assert_int_equal(pt->months, 2);
	assert_false(pt->has_pop);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 1.25, EPS);
	/* 2024Q4 = 101 + 111 + 121 = 333, complete; yoy 333 / 330 - 1;
	 * no pop: the quarter before it is not complete. */
	pt = must(&s, "2024Q4");
	assert_double_exact(pt->value, 333);
	assert_true(pt->complete);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, (333.0 / 330.0 - 1) * 100, EPS);
	assert_false(pt->has_pop);
	agg_series_release(&s);

	agg_build(o, n, KIND_FLOW, FREQ_Y, NULL, &s);
	check_order(&s);
	assert_int_equal(s.n, 2);
	/* 2023 = 10 * (1 + ... + 12) = 780, complete. */
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 780);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 12);
	/* 2024: August missing, so incomplete with the other eleven months:
	 * (11 + 21 + ... + 121) - 81 = 792 - 81 = 711, months 11. Its yoy
	 * compares with the same months of 2023: 780 - 80 = 700;
	 * (711 / 700 - 1) * 100. */
	pt = must(&s, "2024");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 711);
	assert_int_equal(pt->months, 11);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, (711.0 / 700.0 - 1) * 100, EPS);
	assert_false(pt->has_pop);
	agg_series_release(&s);
	agg_series_release(&s);         /* released twice: harmless */
	assert_null(s.pt);
	assert_int_equal(s.n, 0);
}

/* A half-year frequency from months: 2023H1 = 10 + ... + 60 = 210,
 * H2 = 70 + ... + 120 = 570. */
static void
test_flow_half_years(void **state)
{
	struct obs o[24];
	size_t n = flow_months(o);
	struct agg_series s = AGG_SERIES_INIT;

	(void)state;
	agg_build(o, n, KIND_FLOW, FREQ_H, NULL, &s);
	check_order(&s);
	assert_double_exact(must(&s, "2023H1")->value, 210);
	assert_true(must(&s, "2023H1")->complete);
	assert_double_exact(must(&s, "2023H2")->value, 570);
	/* 2024H1 = 11 + ... + 61 = 216: yoy (216 / 210 - 1) * 100. */
	assert_double_exact(must(&s, "2024H1")->value, 216);
	assert_near(must(&s, "2024H1")->yoy, (216.0 / 210.0 - 1) * 100, EPS);
	assert_false(must(&s, "2024H2")->complete);
	agg_series_release(&s);
}

/* ---- year-to-date series --------------------------------------------- */

/* 2023 ytd, no January row (Jan-Feb released together):
 *   Feb 30, Mar 55, Apr 80, May 110, Jun 140, Jul 170, Aug 200, Sep 230,
 *   Oct 260, Nov 290, Dec 330.
 * 2024 ytd, no January and no April:
 *   Feb 33, Mar 60, May 120, Jun 150, Jul 180, Aug 210, Sep 240, Oct 270,
 *   Nov 300, Dec 360. */
static size_t
ytd_obs(struct obs *o)
{
	static const double y23[13] = { 0, 0, 30, 55, 80, 110, 140, 170, 200,
	    230, 260, 290, 330 };
	static const double y24[13] = { 0, 0, 33, 60, 0, 120, 150, 180, 210,
	    240, 270, 300, 360 };
	size_t n = 0;
	int m;
	char buf[32];

	for (m = 2; m <= 12; m++) {
		snprintf(buf, sizeof(buf), "2023-%02d", m);
		o[n++] = ob(buf, y23[m], true);
	}
	for (m = 12; m >= 2; m--) {
		if (m == 4)
			continue;
		snprintf(buf, sizeof(buf), "2024-%02d", m);
		o[n++] = ob(buf, y24[m], true);
	}
	return n;
}

static void
test_ytd_monthly(void **state)
{
	struct obs o[24];
	size_t n = ytd_obs(o);
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, n, KIND_FLOW, FREQ_M, NULL, &s);
	check_order(&s);
	/* No January point in either year. */
	assert_null(at(&s, "2023-01"));
	assert_null(at(&s, "2024-01"));
	/* February stands for January-February: value ytd Feb = 30,
	 * months 2, combined, complete. */
	pt = must(&s, "2023-02");
	assert_double_exact(pt->value, 30);
	assert_int_equal(pt->months, 2);
	assert_true(pt->combined);
	assert_true(pt->complete);
	assert_false(pt->has_pop);
	/* March = ytd Mar - ytd Feb = 55 - 30 = 25, one month. No pop: the
	 * point before is a combined one. */
	pt = must(&s, "2023-03");
	assert_double_exact(pt->value, 25);
	assert_int_equal(pt->months, 1);
	assert_false(pt->combined);
	assert_true(pt->complete);
	assert_false(pt->has_pop);
	/* April = 80 - 55 = 25; pop against March (25 / 25 - 1) = 0. */
	pt = must(&s, "2023-04");
	assert_double_exact(pt->value, 25);
	assert_true(pt->has_pop);
	assert_double_exact(pt->pop, 0);
	/* December = 330 - 290 = 40. */
	assert_double_exact(must(&s, "2023-12")->value, 40);
	/* 2024 February combined 33: yoy like for like against 2023's
	 * combined 30: (33 / 30 - 1) * 100 = 10. */
	pt = must(&s, "2024-02");
	assert_true(pt->combined);
	assert_int_equal(pt->months, 2);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 10, EPS);
	/* 2024 March = 60 - 33 = 27; yoy (27 / 25 - 1) * 100 = 8. */
	pt = must(&s, "2024-03");
	assert_double_exact(pt->value, 27);
	assert_near(pt->yoy, 8, EPS);
	/* The ytd gap: no April; May covers April-May, 120 - 60 = 60,
	 * combined, 2 months, and compares with no one-month May. */
	assert_null(at(&s, "2024-04"));
	pt = must(&s, "2024-05");
	assert_double_exact(pt->value, 60);
	assert_int_equal(pt->months, 2);
	assert_true(pt->combined);
	assert_true(pt->complete);
	assert_false(pt->has_yoy);
	assert_false(pt->has_pop);
	/* June = 150 - 120 = 30, no pop after a combined point;
	 * yoy against 2023 June (140 - 110 = 30): 0. */
	pt = must(&s, "2024-06");
	assert_double_exact(pt->value, 30);
	assert_false(pt->combined);
	assert_false(pt->has_pop);
	assert_true(pt->has_yoy);
	assert_double_exact(pt->yoy, 0);
	agg_series_release(&s);
}

static void
test_ytd_quarter_year(void **state)
{
	struct obs o[24];
	size_t n = ytd_obs(o);
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, n, KIND_FLOW, FREQ_Q, NULL, &s);
	check_order(&s);
	assert_int_equal(s.n, 8);
	/* Q1 = ytd Mar exactly (55), complete, 3 months, not combined. */
	pt = must(&s, "2023Q1");
	assert_double_exact(pt->value, 55);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 3);
	assert_false(pt->combined);
	/* Q2 = 140 - 55 = 85; Q3 = 230 - 140 = 90; Q4 = 330 - 230 = 100. */
	assert_double_exact(must(&s, "2023Q2")->value, 85);
	assert_double_exact(must(&s, "2023Q3")->value, 90);
	assert_double_exact(must(&s, "2023Q4")->value, 100);
	/* 2024Q1 = 60. Q2 across the April gap = ytd Jun - ytd Mar =
	 * 150 - 60 = 90, complete; yoy (90 / 85 - 1) * 100. */
	assert_double_exact(must(&s, "2024Q1")->value, 60);
	pt = must(&s, "2024Q2");
	assert_double_exact(pt->value, 90);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 3);
	assert_false(pt->combined);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, (90.0 / 85.0 - 1) * 100, EPS);
	/* pop 2024Q2 against 2024Q1: (90 / 60 - 1) * 100 = 50. */
	assert_true(pt->has_pop);
	assert_near(pt->pop, 50, EPS);
	agg_series_release(&s);

	agg_build(o, n, KIND_FLOW, FREQ_Y, NULL, &s);
	assert_int_equal(s.n, 2);
	/* Y = ytd Dec: 330 and 360, complete; yoy (360 / 330 - 1) * 100. */
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 330);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 12);
	pt = must(&s, "2024");
	assert_double_exact(pt->value, 360);
	assert_true(pt->complete);
	assert_near(pt->yoy, (360.0 / 330.0 - 1) * 100, EPS);
	agg_series_release(&s);
}

/* A yearly value (basis period) and ytd through October in 2023:
 *   Y 1200; ytd Mar 300, Jun 600, Sep 900, Oct 1000. */
static void
test_year_plus_ytd(void **state)
{
	struct obs o[] = {
		ob("2023", 1200, false),
		ob("2023-03", 300, true),
		ob("2023-06", 600, true),
		ob("2023-09", 900, true),
		ob("2023-10", 1000, true),
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Q, NULL, &s);
	check_order(&s);
	/* Q1 300; Q2 600 - 300; Q3 900 - 600; Q4 = year - ytd Sep =
	 * 1200 - 900 = 300, complete. */
	assert_int_equal(s.n, 4);
	assert_double_exact(must(&s, "2023Q1")->value, 300);
	assert_double_exact(must(&s, "2023Q2")->value, 300);
	assert_double_exact(must(&s, "2023Q3")->value, 300);
	pt = must(&s, "2023Q4");
	assert_double_exact(pt->value, 300);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 3);
	assert_false(pt->combined);
	agg_series_release(&s);

	agg_build(o, NOBS(o), KIND_FLOW, FREQ_M, NULL, &s);
	check_order(&s);
	/* October = 1000 - 900 = 100. November and December absent: a
	 * yearly value is not a December (or November-December) figure. */
	pt = must(&s, "2023-10");
	assert_double_exact(pt->value, 100);
	assert_int_equal(pt->months, 1);
	assert_null(at(&s, "2023-11"));
	assert_null(at(&s, "2023-12"));
	agg_series_release(&s);

	/* The year itself is the published one. */
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, NULL, &s);
	assert_int_equal(s.n, 1);
	assert_double_exact(must(&s, "2023")->value, 1200);
	assert_true(must(&s, "2023")->complete);
	agg_series_release(&s);
}

/* ---- stocks ---------------------------------------------------------- */

/* 2022: month m is 100 + m (101..112); 2023: 200 + m for January to
 * August only (201..208). */
static void
test_stock(void **state)
{
	struct obs o[20];
	size_t n = 0;
	int m;
	char buf[32];
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	for (m = 1; m <= 12; m++) {
		snprintf(buf, sizeof(buf), "2022-%02d", m);
		o[n++] = ob(buf, 100.0 + m, false);
	}
	for (m = 8; m >= 1; m--) {
		snprintf(buf, sizeof(buf), "2023-%02d", m);
		o[n++] = ob(buf, 200.0 + m, false);
	}

	agg_build(o, n, KIND_STOCK, FREQ_Y, NULL, &s);
	check_order(&s);
	assert_int_equal(s.n, 2);
	/* 2022 = December value 112, complete. */
	pt = must(&s, "2022");
	assert_double_exact(pt->value, 112);
	assert_true(pt->complete);
	/* 2023: no December: incomplete with August's 208. Its yoy compares
	 * with August 2022 (108): (208 / 108 - 1) * 100. */
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 208);
	assert_false(pt->complete);
	assert_int_equal(pt->months, 8);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, (208.0 / 108.0 - 1) * 100, EPS);
	agg_series_release(&s);

	agg_build(o, n, KIND_STOCK, FREQ_Q, NULL, &s);
	check_order(&s);
	/* Q = value at the quarter's end: 2022Q1 = March 103, Q2 = 106,
	 * Q3 = 109, Q4 = 112; 2023Q2 = 206 with yoy (206 / 106 - 1) * 100
	 * and pop (206 / 203 - 1) * 100. */
	assert_double_exact(must(&s, "2022Q1")->value, 103);
	assert_double_exact(must(&s, "2022Q2")->value, 106);
	assert_double_exact(must(&s, "2022Q3")->value, 109);
	assert_double_exact(must(&s, "2022Q4")->value, 112);
	pt = must(&s, "2023Q2");
	assert_double_exact(pt->value, 206);
	assert_true(pt->complete);
	assert_near(pt->yoy, (206.0 / 106.0 - 1) * 100, EPS);
	assert_true(pt->has_pop);
	assert_near(pt->pop, (206.0 / 203.0 - 1) * 100, EPS);
	/* 2023Q3 ends in September, which is missing: August's 208,
	 * incomplete; yoy against August 2022 (108). */
	pt = must(&s, "2023Q3");
	assert_double_exact(pt->value, 208);
	assert_false(pt->complete);
	assert_near(pt->yoy, (208.0 / 108.0 - 1) * 100, EPS);
	assert_null(at(&s, "2023Q4"));
	agg_series_release(&s);
}

/* ---- rates ----------------------------------------------------------- */

/* 2021: months 1..12 -> mean 78 / 12 = 6.5.
 * 2022: quarters 2, 4, 6, 8 only -> mean of quarters 20 / 4 = 5.
 * 2023: months 1..7 only -> incomplete, mean 28 / 7 = 4. */
static void
test_rate(void **state)
{
	struct obs o[24];
	size_t n = 0;
	int m;
	char buf[32];
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	for (m = 1; m <= 12; m++) {
		snprintf(buf, sizeof(buf), "2021-%02d", m);
		o[n++] = ob(buf, m, false);
	}
	for (m = 1; m <= 4; m++) {
		snprintf(buf, sizeof(buf), "2022Q%d", m);
		o[n++] = ob(buf, 2.0 * m, false);
	}
	for (m = 1; m <= 7; m++) {
		snprintf(buf, sizeof(buf), "2023-%02d", m);
		o[n++] = ob(buf, m, false);
	}
	agg_build(o, n, KIND_RATE, FREQ_Y, NULL, &s);
	check_order(&s);
	assert_int_equal(s.n, 3);
	pt = must(&s, "2021");
	assert_double_exact(pt->value, 6.5);
	assert_true(pt->complete);
	pt = must(&s, "2022");
	assert_double_exact(pt->value, 5);
	assert_true(pt->complete);
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 4);
	assert_false(pt->complete);
	/* yoy 2022 against 2021: (5 / 6.5 - 1) * 100. */
	assert_near(must(&s, "2022")->yoy, (5 / 6.5 - 1) * 100, EPS);
	agg_series_release(&s);

	/* Quarters of 2021 from months: Q1 mean(1, 2, 3) = 2; Q4
	 * mean(10, 11, 12) = 11. 2023Q3 has July only: incomplete, 7. */
	agg_build(o, n, KIND_RATE, FREQ_Q, NULL, &s);
	assert_double_exact(must(&s, "2021Q1")->value, 2);
	assert_double_exact(must(&s, "2021Q4")->value, 11);
	assert_double_exact(must(&s, "2022Q3")->value, 6);
	pt = must(&s, "2023Q3");
	assert_double_exact(pt->value, 7);
	assert_false(pt->complete);
	agg_series_release(&s);
}

/* ---- direct periods win over their parts ------------------------------ */

/* 2023Q1 published as 100; its months as 30 + 30 + 35 = 95. */
static void
test_direct_quarter_wins(void **state)
{
	struct obs o[] = {
		ob("2023-01", 30, false),
		ob("2023-02", 30, false),
		ob("2023Q1", 100, false),
		ob("2023-03", 35, false),
	};
	struct obs r[] = {
		ob("2023-01", 4, false),
		ob("2023Q1", 5.5, false),
		ob("2023-02", 5, false),
		ob("2023-03", 6, false),
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Q, NULL, &s);
	assert_int_equal(s.n, 1);
	pt = must(&s, "2023Q1");
	assert_double_exact(pt->value, 100);
	assert_true(pt->complete);
	assert_int_equal(pt->months, 3);
	agg_series_release(&s);
	/* The year goes through the published quarter: 100 over 3 months,
	 * incomplete (April..December missing). */
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, NULL, &s);
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 100);
	assert_int_equal(pt->months, 3);
	assert_false(pt->complete);
	agg_series_release(&s);
	/* The months themselves stay as published. */
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_M, NULL, &s);
	assert_int_equal(s.n, 3);
	assert_double_exact(must(&s, "2023-03")->value, 35);
	agg_series_release(&s);
	/* A rate too: the published quarter 5.5, not mean(4, 5, 6) = 5. */
	agg_build(r, NOBS(r), KIND_RATE, FREQ_Q, NULL, &s);
	assert_double_exact(must(&s, "2023Q1")->value, 5.5);
	assert_true(must(&s, "2023Q1")->complete);
	agg_series_release(&s);
}

/* ---- as-of cut-off ----------------------------------------------------- */

/* ytd 2024: Mar 30, Jun 60, Dec 120; 2023 whole year 100; a 2025 value. */
static void
test_as_of(void **state)
{
	struct obs o[] = {
		ob("2023", 100, false),
		ob("2024-03", 30, true),
		ob("2024-06", 60, true),
		ob("2024-12", 120, true),
		ob("2025-03", 40, true),
	};
	struct agg_series s = AGG_SERIES_INIT;
	struct period cut = per("2024-06");
	const struct agg_point *pt;

	(void)state;
	/* Without a cut-off 2024 is complete: 120, and 2025 is there. */
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, NULL, &s);
	assert_int_equal(s.n, 3);
	assert_true(must(&s, "2024")->complete);
	assert_double_exact(must(&s, "2024")->value, 120);
	agg_series_release(&s);

	/* As of 2024-06: the December ytd and 2025 are ignored, so 2024 is
	 * incomplete with ytd Jun, 60 over 6 months; yoy against 2023 is
	 * unknown (2023 has no January..June). */
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, &cut, &s);
	assert_int_equal(s.n, 2);
	pt = must(&s, "2024");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 60);
	assert_int_equal(pt->months, 6);
	assert_false(pt->has_yoy);
	assert_null(at(&s, "2025"));
	agg_series_release(&s);

	/* The same cut-off given as a quarter. */
	cut = per("2024Q2");
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Q, &cut, &s);
	assert_int_equal(s.n, 2);
	assert_double_exact(must(&s, "2024Q2")->value, 30);
	assert_null(at(&s, "2024Q4"));
	agg_series_release(&s);

	/* As of 2023: nothing of 2024 at all. */
	cut = per("2023");
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, &cut, &s);
	assert_int_equal(s.n, 1);
	assert_double_exact(s.pt[0].value, 100);
	agg_series_release(&s);
}

/* ---- published growth ------------------------------------------------- */

/* ytd Mar: 2022 100; 2023 110 published +10.05; 2024 121 published
 * +10.2; 2025 133.1 published +10.1. ytd Jun 2023 230 published +99.
 * Computed: 2023Q1 (110 / 100 - 1) * 100 = 10 (to rounding), 2024Q1
 * (121 / 110 - 1) * 100 = 10, 2025Q1 (133.1 / 121 - 1) * 100 = 10. */
static void
test_published_yoy(void **state)
{
	struct obs o[] = {
		ob("2022-03", 100, true),
		oby("2023-03", 110, true, 10.05),
		oby("2023-06", 230, true, 99),
		oby("2024-03", 121, true, 10.2),
		oby("2025-03", 133.1, true, 10.1),
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Q, NULL, &s);
	check_order(&s);
	assert_false(must(&s, "2022Q1")->has_yoy_pub);
	/* |10 - 10.05| = 0.05: carried, not a mismatch. */
	pt = must(&s, "2023Q1");
	assert_true(pt->has_yoy_pub);
	assert_double_exact(pt->yoy_pub, 10.05);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 10, EPS);
	assert_false(pt->yoy_mismatch);
	/* |10 - 10.2| = 0.2 > 0.1: a mismatch. */
	pt = must(&s, "2024Q1");
	assert_true(pt->has_yoy_pub);
	assert_double_exact(pt->yoy_pub, 10.2);
	assert_near(pt->yoy, 10, EPS);
	assert_true(pt->yoy_mismatch);
	/* |10 - 10.1| = 0.1, on the tolerance: not more than it. */
	pt = must(&s, "2025Q1");
	assert_near(pt->yoy, 10, EPS);
	assert_false(pt->yoy_mismatch);
	/* 2023Q2 = 230 - 110 = 120 is not a ytd point from January: the
	 * published +99 (for January..June) is not its growth; it is
	 * derived from both ends' published growths: last year's Q2 is
	 * 230/1.99 - 110/1.1005, the growth 120 / that - 1. */
	pt = must(&s, "2023Q2");
	assert_double_exact(pt->value, 120);
	assert_true(pt->has_yoy_pub);
	assert_true(pt->yoy_pub_derived);
	assert_near(pt->yoy_pub, (120 / (230 / 1.99 - 110 / 1.1005) - 1) *
	    100, EPS);
	assert_false(pt->yoy_mismatch);
	agg_series_release(&s);

	/* At yearly frequency 2023 is January..June (incomplete): the
	 * ytd Jun growth is its published growth. */
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, NULL, &s);
	pt = must(&s, "2023");
	assert_false(pt->complete);
	assert_int_equal(pt->months, 6);
	assert_true(pt->has_yoy_pub);
	assert_double_exact(pt->yoy_pub, 99);
	agg_series_release(&s);
}

/* A direct (basis period) value's published growth, on a stock. */
static void
test_published_yoy_direct(void **state)
{
	struct obs o[] = {
		ob("2022", 200, false),
		oby("2023", 230, false, 15),    /* computed 15: agrees */
		oby("2024", 253, false, 12),    /* computed 10: mismatch */
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_STOCK, FREQ_Y, NULL, &s);
	pt = must(&s, "2023");
	assert_true(pt->has_yoy_pub);
	assert_double_exact(pt->yoy_pub, 15);
	assert_near(pt->yoy, 15, EPS);
	assert_false(pt->yoy_mismatch);
	pt = must(&s, "2024");
	assert_near(pt->yoy, 10, EPS);
	assert_true(pt->yoy_mismatch);
	agg_series_release(&s);
}

/* ---- period-on-period --------------------------------------------------- */

/* Quarterly flows 2023Q1 100, Q2 110, Q3 missing, Q4 121; 2024Q1 133.1. */
static void
test_pop(void **state)
{
	struct obs o[] = {
		ob("2023Q1", 100, false),
		ob("2023Q2", 110, false),
		ob("2023Q4", 121, false),
		ob("2024Q1", 133.1, false),
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Q, NULL, &s);
	check_order(&s);
	assert_int_equal(s.n, 4);
	assert_false(must(&s, "2023Q1")->has_pop);
	/* Q2 against Q1: (110 / 100 - 1) * 100 = 10. */
	pt = must(&s, "2023Q2");
	assert_true(pt->has_pop);
	assert_near(pt->pop, 10, EPS);
	/* Q3 missing: Q4 has no pop (Q2 is two quarters back). */
	assert_null(at(&s, "2023Q3"));
	assert_false(must(&s, "2023Q4")->has_pop);
	/* 2024Q1 against 2023Q4 across the year end: (133.1 / 121 - 1) * 100
	 * = 10; yoy against 2023Q1: 33.1. */
	pt = must(&s, "2024Q1");
	assert_true(pt->has_pop);
	assert_near(pt->pop, 10, EPS);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 33.1, EPS);
	agg_series_release(&s);
}

/* ---- region roll-up ----------------------------------------------------- */

static void
build(struct agg_series *s, const struct obs *o, size_t n, enum ind_kind k)
{
	agg_build(o, n, k, FREQ_Y, NULL, s);
}

/* Children (yearly flows):
 *        2021  2022  2023  2024  2025
 *   c1     8    10    15    30    40
 *   c2     5     5     6     7    50
 *   c3     3     1     3     -    ytd Jun 5 (incomplete)
 *   sum   16    16    24     -     -
 * Parent own: 2021 16 (= sum: no check), 2022 20 (sum 16: one check),
 * 2023 none (derived 24), 2024 none (c3 missing: nothing), 2025 none
 * (c3 has January to June, the others the year: no sum of one span). */
static void
test_rollup_flow(void **state)
{
	struct obs p[] = { ob("2021", 16, false), ob("2022", 20, false) };
	struct obs c1[] = { ob("2021", 8, false), ob("2022", 10, false),
	    ob("2023", 15, false), ob("2024", 30, false),
	    ob("2025", 40, false) };
	struct obs c2[] = { ob("2021", 5, false), ob("2022", 5, false),
	    ob("2023", 6, false), ob("2024", 7, false),
	    ob("2025", 50, false) };
	struct obs c3[] = { ob("2021", 3, false), ob("2022", 1, false),
	    ob("2023", 3, false), ob("2025-06", 5, true) };
	struct agg_series parent = AGG_SERIES_INIT;
	struct agg_series kids[3] = { AGG_SERIES_INIT, AGG_SERIES_INIT,
	    AGG_SERIES_INIT };
	struct agg_check *checks = NULL;
	size_t nchecks = 0, i;
	const struct agg_point *pt;

	(void)state;
	build(&parent, p, NOBS(p), KIND_FLOW);
	build(&kids[0], c1, NOBS(c1), KIND_FLOW);
	build(&kids[1], c2, NOBS(c2), KIND_FLOW);
	build(&kids[2], c3, NOBS(c3), KIND_FLOW);
	agg_region_rollup(&parent, kids, 3, KIND_FLOW, &checks, &nchecks);
	check_order(&parent);
	assert_int_equal(parent.n, 3);
	/* Own values stay own. */
	pt = must(&parent, "2021");
	assert_double_exact(pt->value, 16);
	assert_false(pt->derived);
	pt = must(&parent, "2022");
	assert_double_exact(pt->value, 20);
	assert_false(pt->derived);
	/* 2023 derived: 15 + 6 + 3 = 24, complete, 12 months; growth
	 * recomputed: (24 / 20 - 1) * 100 = 20, pop the same for years. */
	pt = must(&parent, "2023");
	assert_double_exact(pt->value, 24);
	assert_true(pt->complete);
	assert_true(pt->derived);
	assert_int_equal(pt->months, 12);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 20, EPS);
	/* c3 has no 2024 and an incomplete 2025: nothing. */
	assert_null(at(&parent, "2024"));
	assert_null(at(&parent, "2025"));
	/* One check: 2022, own 20 against children 16. */
	assert_int_equal(nchecks, 1);
	assert_true(period_equal(&checks[0].p, &(struct period){ FREQ_Y,
	    2022, 0 }));
	assert_double_exact(checks[0].own, 20);
	assert_double_exact(checks[0].children, 16);
	free(checks);
	agg_series_release(&parent);
	for (i = 0; i < 3; i++)
		agg_series_release(&kids[i]);
}

/* A parent with an incomplete year of its own (ytd Jun 10) and children
 * complete for it (yearly 30 and 40): the derived 70 replaces the partial
 * value. Its growth against the parent's own 2023 (50): 40 percent. */
static void
test_rollup_replaces_partial(void **state)
{
	struct obs p[] = { ob("2023", 50, false), ob("2024-06", 10, true) };
	struct obs c1[] = { ob("2024", 30, false) };
	struct obs c2[] = { ob("2024", 40, false) };
	struct agg_series parent = AGG_SERIES_INIT;
	struct agg_series kids[2] = { AGG_SERIES_INIT, AGG_SERIES_INIT };
	struct agg_check *checks = NULL;
	size_t nchecks = 0;
	const struct agg_point *pt;

	(void)state;
	build(&parent, p, NOBS(p), KIND_FLOW);
	assert_false(must(&parent, "2024")->complete);
	build(&kids[0], c1, NOBS(c1), KIND_FLOW);
	build(&kids[1], c2, NOBS(c2), KIND_FLOW);
	agg_region_rollup(&parent, kids, 2, KIND_FLOW, &checks, &nchecks);
	assert_int_equal(parent.n, 2);
	pt = must(&parent, "2024");
	assert_double_exact(pt->value, 70);
	assert_true(pt->complete);
	assert_true(pt->derived);
	assert_near(pt->yoy, 40, EPS);
	assert_int_equal(nchecks, 0);
	assert_null(checks);
	agg_series_release(&parent);
	agg_series_release(&kids[0]);
	agg_series_release(&kids[1]);
}

/* An incomplete period is summed where every child has the same months:
 * January to June 40 + 50 = 90, incomplete, six months (2024's 30 + 45
 * likewise, 75). Where one child
 * has June and the other May only, no sum: it would be of no one span. */
static void
test_rollup_incomplete(void **state)
{
	struct obs c1[] = { ob("2024-06", 30, true), ob("2025-06", 40, true),
	    ob("2026-06", 1, true) };
	struct obs c2[] = { ob("2024-06", 45, true), ob("2025-06", 50, true),
	    ob("2026-05", 2, true) };
	struct agg_series parent = AGG_SERIES_INIT;
	struct agg_series kids[2] = { AGG_SERIES_INIT, AGG_SERIES_INIT };
	struct agg_check *checks = NULL;
	size_t nchecks = 0;
	const struct agg_point *pt;

	(void)state;
	build(&kids[0], c1, NOBS(c1), KIND_FLOW);
	build(&kids[1], c2, NOBS(c2), KIND_FLOW);
	agg_region_rollup(&parent, kids, 2, KIND_FLOW, &checks, &nchecks);
	assert_int_equal(parent.n, 2);
	pt = must(&parent, "2025");
	assert_double_exact(pt->value, 90);
	assert_false(pt->complete);
	assert_true(pt->derived);
	assert_int_equal(pt->months, 6);
	/* Its yoy against the children's same months a year before:
	 * 30 + 45 = 75; (90 / 75 - 1) * 100 = 20. */
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 20, EPS);
	assert_near(pt->chg, 15, EPS);
	assert_null(at(&parent, "2026"));
	assert_null(checks);
	agg_series_release(&parent);
	agg_series_release(&kids[0]);
	agg_series_release(&kids[1]);
}

/* Stocks are summed like flows: year ends 7 + 8 = 15. */
static void
test_rollup_stock(void **state)
{
	struct obs c1[] = { ob("2023-06", 1, false), ob("2023-12", 7, false) };
	struct obs c2[] = { ob("2023-12", 8, false) };
	struct agg_series parent = AGG_SERIES_INIT;
	struct agg_series kids[2] = { AGG_SERIES_INIT, AGG_SERIES_INIT };
	struct agg_check *checks = NULL;
	size_t nchecks = 0;

	(void)state;
	build(&parent, NULL, 0, KIND_STOCK);
	assert_int_equal(parent.n, 0);
	build(&kids[0], c1, NOBS(c1), KIND_STOCK);
	build(&kids[1], c2, NOBS(c2), KIND_STOCK);
	agg_region_rollup(&parent, kids, 2, KIND_STOCK, &checks, &nchecks);
	assert_int_equal(parent.n, 1);
	assert_double_exact(must(&parent, "2023")->value, 15);
	assert_true(must(&parent, "2023")->derived);
	assert_int_equal(nchecks, 0);
	agg_series_release(&parent);
	agg_series_release(&kids[0]);
	agg_series_release(&kids[1]);
}

/* Rates are never summed, nor checked: the parent stays empty even with
 * every child there, and a differing own value gives no check. */
static void
test_rollup_rate(void **state)
{
	struct obs c1[] = { ob("2023", 50, false), ob("2024", 60, false) };
	struct obs c2[] = { ob("2023", 70, false), ob("2024", 80, false) };
	struct obs p[] = { ob("2024", 1, false) };
	struct agg_series parent = AGG_SERIES_INIT;
	struct agg_series kids[2] = { AGG_SERIES_INIT, AGG_SERIES_INIT };
	struct agg_check *checks = NULL;
	size_t nchecks = 0;

	(void)state;
	build(&parent, p, NOBS(p), KIND_RATE);
	build(&kids[0], c1, NOBS(c1), KIND_RATE);
	build(&kids[1], c2, NOBS(c2), KIND_RATE);
	agg_region_rollup(&parent, kids, 2, KIND_RATE, &checks, &nchecks);
	assert_int_equal(parent.n, 1);
	assert_double_exact(parent.pt[0].value, 1);
	assert_false(parent.pt[0].derived);
	assert_int_equal(nchecks, 0);
	assert_null(checks);
	/* No children: nothing happens either. */
	agg_region_rollup(&parent, NULL, 0, KIND_FLOW, &checks, &nchecks);
	assert_int_equal(parent.n, 1);
	assert_int_equal(nchecks, 0);
	agg_series_release(&parent);
	agg_series_release(&kids[0]);
	agg_series_release(&kids[1]);
}

/* ---- CAGR ---------------------------------------------------------------- */

/* A flow whose first month is missing still has its quarter and year,
 * incomplete: February..December 2024 (month m is m), January missing.
 * 2024Q1 = 2 + 3 = 5 (two months); 2024 = 78 - 1 = 77 (eleven months).
 * 2025 lacks March: its year is 78 - 3 = 75, eleven months, and its yoy
 * compares with the same eleven months of 2024, which lacks January: no
 * yoy. 2025Q1 = 1 + 2 = 3, its yoy against 2024's January and February:
 * none (January 2024 missing). */
static void
test_flow_first_month_missing(void **state)
{
	struct obs o[24];
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;
	size_t n = 0;
	char buf[32];
	int m;

	(void)state;
	for (m = 2; m <= 12; m++) {
		snprintf(buf, sizeof(buf), "2024-%02d", m);
		o[n++] = ob(buf, m, false);
	}
	for (m = 1; m <= 12; m++) {
		if (m == 3)
			continue;
		snprintf(buf, sizeof(buf), "2025-%02d", m);
		o[n++] = ob(buf, m, false);
	}
	agg_build(o, n, KIND_FLOW, FREQ_Q, NULL, &s);
	pt = must(&s, "2024Q1");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 5);
	assert_int_equal(pt->months, 2);
	pt = must(&s, "2025Q1");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 3);
	assert_int_equal(pt->months, 2);
	assert_false(pt->has_yoy);
	/* 2025Q2 = 4 + 5 + 6 = 15 against 15: complete, yoy 0. */
	pt = must(&s, "2025Q2");
	assert_true(pt->complete);
	assert_near(pt->yoy, 0, EPS);
	agg_build(o, n, KIND_FLOW, FREQ_Y, NULL, &s);
	assert_int_equal(s.n, 2);
	pt = must(&s, "2024");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 77);
	assert_int_equal(pt->months, 11);
	pt = must(&s, "2025");
	assert_false(pt->complete);
	assert_double_exact(pt->value, 75);
	assert_int_equal(pt->months, 11);
	assert_false(pt->has_yoy);
	agg_series_release(&s);
}

/* A rate published by quarter, then by month: 2023Q1 4, then April..
 * December 1..9. Each month weighs one: the year is (3 * 4 + 45) / 12 =
 * 4.75, complete; H1 (3 * 4 + 1 + 2 + 3) / 6 = 3; H2 (4 + ... + 9) / 6 =
 * 6.5. A year with only its first half: incomplete, H1's months. */
static void
test_rate_mixed_frequencies(void **state)
{
	struct obs o[16];
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;
	size_t n = 0;
	char buf[32];
	int m;

	(void)state;
	o[n++] = ob("2023Q1", 4, false);
	for (m = 4; m <= 12; m++) {
		snprintf(buf, sizeof(buf), "2023-%02d", m);
		o[n++] = ob(buf, m - 3, false);
	}
	o[n++] = ob("2024H1", 8, false);
	agg_build(o, n, KIND_RATE, FREQ_Y, NULL, &s);
	pt = must(&s, "2023");
	assert_true(pt->complete);
	assert_near(pt->value, 4.75, EPS);
	assert_int_equal(pt->months, 12);
	pt = must(&s, "2024");
	assert_false(pt->complete);
	assert_near(pt->value, 8, EPS);
	assert_int_equal(pt->months, 6);
	agg_build(o, n, KIND_RATE, FREQ_H, NULL, &s);
	pt = must(&s, "2023H1");
	assert_true(pt->complete);
	assert_near(pt->value, 3, EPS);
	pt = must(&s, "2023H2");
	assert_true(pt->complete);
	assert_near(pt->value, 6.5, EPS);
	agg_series_release(&s);
}

/* Overlapping releases of a rate: a half-year and its first quarter are
 * not two parts. 2024H1 6, 2024Q1 2, 2024H2 8: the year is the mean of
 * the halves, 7 (the fewest observations that cover the year), not a
 * mean that counts the quarter's months twice. 2025Q1 4 with January 1:
 * H1 is the quarter's 4 over three months, incomplete, like --freq Q. An
 * incomplete rate compares with the same months a year before: 2026Q1 5
 * against 2025Q1 4 is +25% and +1 point. */
static void
test_rate_overlap(void **state)
{
	struct obs o[] = { ob("2024H1", 6, false), ob("2024Q1", 2, false),
	    ob("2024H2", 8, false), ob("2025Q1", 4, false),
	    ob("2025-01", 1, false), ob("2026Q1", 5, false) };
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_RATE, FREQ_Y, NULL, &s);
	pt = must(&s, "2024");
	assert_true(pt->complete);
	assert_near(pt->value, 7, EPS);
	pt = must(&s, "2025");
	assert_false(pt->complete);
	assert_near(pt->value, 4, EPS);
	assert_int_equal(pt->months, 3);
	agg_build(o, NOBS(o), KIND_RATE, FREQ_H, NULL, &s);
	pt = must(&s, "2026H1");
	assert_false(pt->complete);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 25, EPS);
	assert_near(pt->chg, 1, EPS);
	agg_series_release(&s);
}

/* A rate's year-on-year change is also given in points: 12.3% then
 * 12.7% is +0.4 points and (12.7 / 12.3 - 1) * 100 percent. */
static void
test_rate_change_in_points(void **state)
{
	struct obs o[] = { ob("2021", 12.3, false), ob("2022", 12.7, false) };
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, NOBS(o), KIND_RATE, FREQ_Y, NULL, &s);
	pt = must(&s, "2022");
	assert_true(pt->has_chg);
	assert_near(pt->chg, 0.4, EPS);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, (12.7 / 12.3 - 1) * 100, EPS);
	assert_false(must(&s, "2021")->has_chg);
	agg_series_release(&s);
}

/* Growth that is not a finite number is no growth: 1e-300 then 1e300. */
static void
test_growth_overflow(void **state)
{
	struct obs o[] = { ob("2021", 1e-300, false), ob("2022", 1e300, false) };
	struct agg_series s = AGG_SERIES_INIT;

	(void)state;
	agg_build(o, NOBS(o), KIND_FLOW, FREQ_Y, NULL, &s);
	assert_false(must(&s, "2022")->has_yoy);
	assert_false(must(&s, "2022")->has_pop);
	agg_series_release(&s);
}

/* Region sums compare at the data's precision, not the last bit:
 * 0.1 + 0.2 + 0.4 is 0.7000000000000001 in binary, and an own 0.7 is no
 * difference; an own 0.71 is. */
static void
test_rollup_tolerance(void **state)
{
	struct obs p[] = { ob("2021", 0.7, false), ob("2022", 0.71, false) };
	struct obs c1[] = { ob("2021", 0.1, false), ob("2022", 0.1, false) };
	struct obs c2[] = { ob("2021", 0.2, false), ob("2022", 0.2, false) };
	struct obs c3[] = { ob("2021", 0.4, false), ob("2022", 0.4, false) };
	struct agg_series parent = AGG_SERIES_INIT;
	struct agg_series kids[3] = { AGG_SERIES_INIT, AGG_SERIES_INIT,
	    AGG_SERIES_INIT };
	struct agg_check *checks = NULL;
	size_t nchecks = 0;

	(void)state;
	build(&parent, p, NOBS(p), KIND_FLOW);
	build(&kids[0], c1, NOBS(c1), KIND_FLOW);
	build(&kids[1], c2, NOBS(c2), KIND_FLOW);
	build(&kids[2], c3, NOBS(c3), KIND_FLOW);
	agg_region_rollup(&parent, kids, 3, KIND_FLOW, &checks, &nchecks);
	assert_int_equal(nchecks, 1);
	assert_int_equal(checks[0].p.year, 2022);
	free(checks);
	agg_series_release(&parent);
	agg_series_release(&kids[0]);
	agg_series_release(&kids[1]);
	agg_series_release(&kids[2]);
}

static void
test_cagr(void **state)
{
	double g = -1;

	(void)state;
	/* (121 / 100)^(1 / 2) - 1 = 1.1 - 1 = 0.1. */
	assert_true(agg_cagr(100, 121, 2020, 2022, &g));
	assert_near(g, 0.1, 1e-12);
	/* One year: 100 -> 90 is -0.1. */
	assert_true(agg_cagr(100, 90, 2020, 2021, &g));
	assert_near(g, -0.1, 1e-12);
	/* Both negative: (-121 / -100)^(1 / 2) - 1 = 0.1. */
	assert_true(agg_cagr(-100, -121, 2020, 2022, &g));
	assert_near(g, 0.1, 1e-12);
	/* Guards. */
	assert_false(agg_cagr(100, 121, 2022, 2022, &g));
	assert_false(agg_cagr(100, 121, 2022, 2020, &g));
	assert_false(agg_cagr(0, 121, 2020, 2022, &g));
	assert_false(agg_cagr(-100, 121, 2020, 2022, &g));
	assert_false(agg_cagr(100, -121, 2020, 2022, &g));
}

/* ---- trend --------------------------------------------------------------- */

static void
test_trend_exponential(void **state)
{
	int years[6];
	double v[6];
	struct agg_trend t;
	size_t i;

	(void)state;
	/* y = 100 * 1.1^(t - 2020), 2020..2025: ln y is exactly linear in t
	 * with slope ln 1.1, so the fitted growth is e^(ln 1.1) - 1 = 0.1,
	 * and 100 * 1.1^7 is reached in 2020 + 7 = 2027. */
	for (i = 0; i < 6; i++) {
		years[i] = 2020 + (int)i;
		v[i] = 100 * pow(1.1, (double)i);
	}
	agg_trend(years, v, 6, true, 100 * pow(1.1, 7), &t);
	assert_true(t.ok);
	assert_true(t.exponential);
	assert_near(t.growth, 0.1, 1e-9);
	assert_near(t.b, log(1.1), 1e-9);
	assert_true(t.reaches);
	assert_near(t.reach_year, 2027, 1e-6);
	/* The fitted value in 2023 is the data's: 133.1. */
	assert_near(agg_trend_at(&t, 2023), 133.1, 1e-6);

	/* No target: nothing reached. */
	agg_trend(years, v, 6, false, 0, &t);
	assert_true(t.ok);
	assert_false(t.reaches);
}

static void
test_trend_linear(void **state)
{
	int years[] = { -2, -1, 0, 1, 2 };
	double v[] = { -1, 1, 3, 5, 7 };   /* y = 2t + 3, some negative */
	int years2[] = { 2020, 2021, 2022, 2023 };
	double v2[] = { 0, 2, 4, 6 };      /* y = 2(t - 2020), a zero */
	struct agg_trend t;

	(void)state;
	/* A negative value: linear fit, slope 2, intercept 3; the target 13
	 * is reached at (13 - 3) / 2 = 5; at t = 10 the fit gives 23. */
	agg_trend(years, v, 5, true, 13, &t);
	assert_true(t.ok);
	assert_false(t.exponential);
	assert_near(t.growth, 2, 1e-9);
	assert_near(t.b, 2, 1e-9);
	assert_near(t.a, 3, 1e-9);
	assert_true(t.reaches);
	assert_near(t.reach_year, 5, 1e-9);
	assert_near(agg_trend_at(&t, 10), 23, 1e-9);

	/* A zero value: linear too, slope 2, a = -4040; target 10 at 2025. */
	agg_trend(years2, v2, 4, true, 10, &t);
	assert_true(t.ok);
	assert_false(t.exponential);
	assert_near(t.growth, 2, 1e-9);
	assert_near(t.a, -4040, 1e-6);
	assert_near(t.reach_year, 2025, 1e-6);
}

static void
test_trend_degenerate(void **state)
{
	int years[] = { 2020, 2020 };
	double v[] = { 100, 110 };
	struct agg_trend t;

	(void)state;
	/* One point: no trend. */
	agg_trend(years, v, 1, true, 200, &t);
	assert_false(t.ok);
	assert_false(t.reaches);
	/* No points. */
	agg_trend(NULL, NULL, 0, false, 0, &t);
	assert_false(t.ok);
	/* Two points in the same year: no slope to fit. */
	agg_trend(years, v, 2, true, 200, &t);
	assert_false(t.ok);
}

/* A flat series never reaches another level. */
static void
test_trend_flat(void **state)
{
	int years[] = { 2020, 2021, 2022 };
	double v[] = { 5, 5, 5 };
	struct agg_trend t;

	(void)state;
	agg_trend(years, v, 3, true, 10, &t);
	assert_true(t.ok);
	assert_near(t.growth, 0, 1e-12);
	assert_false(t.reaches);
}

/* ---- empty input --------------------------------------------------------- */

static void
test_empty(void **state)
{
	struct agg_series s = AGG_SERIES_INIT;
	struct obs bad = { -1, false, 1, false, 0, 0 };

	(void)state;
	agg_build(NULL, 0, KIND_FLOW, FREQ_M, NULL, &s);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.freq, FREQ_M);
	/* A key no period has is skipped. */
	agg_build(&bad, 1, KIND_FLOW, FREQ_Y, NULL, &s);
	assert_int_equal(s.n, 0);
	agg_series_release(&s);
}

/* A share published only year to date is never differenced: a year is
 * its latest month's value (complete at December), a quarter the value
 * to its end, each labelled year to date. */
static void
test_rate_ytd_not_differenced(void **state)
{
	struct obs o[] = {
		ob("2023-02", 24.8, true), ob("2023-03", 23.3, true),
		ob("2023-06", 26.6, true), ob("2023-12", 27.6, true),
		ob("2024-03", 23.0, true), ob("2024-06", 25.0, true),
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, 6, KIND_RATE, FREQ_Y, NULL, &s);
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 27.6);
	assert_true(pt->complete);
	assert_true(pt->ytd);
	assert_int_equal(pt->months, 12);
	pt = must(&s, "2024");
	assert_double_exact(pt->value, 25.0);
	assert_false(pt->complete);
	assert_true(pt->ytd);
	assert_int_equal(pt->months, 6);
	assert_true(pt->has_chg);       /* against Jan-Jun 2023 */
	assert_near(pt->chg, 25.0 - 26.6, EPS);
	agg_build(o, 6, KIND_RATE, FREQ_Q, NULL, &s);
	pt = must(&s, "2023Q2");
	assert_double_exact(pt->value, 26.6);
	assert_true(pt->complete);
	assert_true(pt->ytd);
	assert_int_equal(pt->months, 6);
	assert_false(pt->has_pop);      /* ytd values are not compared
					 * period on period */
	pt = must(&s, "2024Q1");
	assert_double_exact(pt->value, 23.0);
	assert_true(pt->has_chg);
	assert_near(pt->chg, 23.0 - 23.3, EPS);
	agg_series_release(&s);
}

/* A stock reported mid-year is the level at that date. */
static void
test_stock_mid_year_at_end(void **state)
{
	struct obs o[] = { ob("2022", 100, false), ob("2023-06", 120, false) };
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;

	(void)state;
	agg_build(o, 2, KIND_STOCK, FREQ_Y, NULL, &s);
	pt = must(&s, "2023");
	assert_double_exact(pt->value, 120);
	assert_false(pt->complete);
	assert_true(pt->at_end);
	assert_int_equal(pt->months, 6);
	assert_false(must(&s, "2022")->at_end);
	agg_series_release(&s);
}

/* A month by differencing ytd releases takes its growth from the
 * published ytd growths at both ends, not from the levels (whose base
 * was restated): Jan-May 2024 60000 (+11.5%), Jan-Jun 72000 (+9.8%).
 * Last year's comparable levels: 72000/1.098 = 65573.77049180328 and
 * 60000/1.115 = 53811.65919282511, difference 11762.11129897817; June
 * 2024 = 12000, growth 12000/11762.11129897817 - 1 = +2.0225%. The levels
 * of 2023 (Jan-May 55000, Jan-Jun 64000: June 9000) give +33.33...%. */
static void
test_ytd_derived_growth(void **state)
{
	struct obs o[] = {
		ob("2023-05", 55000, true), ob("2023-06", 64000, true),
		oby("2024-05", 60000, true, 11.5),
		oby("2024-06", 72000, true, 9.8),
	};
	struct agg_series s = AGG_SERIES_INIT;
	const struct agg_point *pt;
	double y = 0;

	(void)state;
	agg_build(o, 4, KIND_FLOW, FREQ_M, NULL, &s);
	pt = at(&s, "2024-06");
	assert_non_null(pt);
	assert_true(pt->value == 12000);
	assert_true(pt->has_yoy_pub);
	assert_true(pt->yoy_pub_derived);
	assert_near(pt->yoy_pub, 2.0225, 1e-9);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 12000.0 / 9000 * 100 - 100, 1e-9);
	assert_true(pt->yoy_mismatch);
	assert_int_equal(agg_yoy(pt, &y), AGG_YOY_DERIVED);
	assert_near(y, 2.0225, 1e-9);
	assert_string_equal(agg_yoy_source_name(AGG_YOY_DERIVED), "derived");
	/* The ytd figure itself keeps the growth as published. */
	agg_build(o, 4, KIND_FLOW, FREQ_Y, NULL, &s);
	pt = at(&s, "2024");
	assert_non_null(pt);
	assert_false(pt->complete);
	assert_int_equal(agg_yoy(pt, &y), AGG_YOY_PUBLISHED);
	assert_near(y, 9.8, 1e-12);
	agg_series_release(&s);
	/* Without the growth at one end nothing is derived. */
	o[2].has_yoy = false;
	agg_build(o, 4, KIND_FLOW, FREQ_M, NULL, &s);
	pt = at(&s, "2024-06");
	assert_non_null(pt);
	assert_false(pt->has_yoy_pub);
	assert_int_equal(agg_yoy(pt, &y), AGG_YOY_LEVELS);
	agg_series_release(&s);
}

/* An observation with status B (break in series) flags its period, and
 * the year it falls in, so the progress method can move the base. */
static void
test_break_flag(void **state)
{
	struct obs o[] = {
		ob("2022", 100, false), ob("2023", 50, false),
		ob("2024", 55, false),
		ob("2023-06", 20, false),
	};
	struct agg_series s = AGG_SERIES_INIT;

	(void)state;
	o[1].status = 'B';
	agg_build(o, 3, KIND_FLOW, FREQ_Y, NULL, &s);
	assert_false(must(&s, "2022")->brk);
	assert_true(must(&s, "2023")->brk);
	assert_false(must(&s, "2024")->brk);
	agg_series_release(&s);
	/* A monthly break marks its month, and its year. */
	o[1].status = 0;
	o[3].status = 'B';
	agg_build(o + 3, 1, KIND_STOCK, FREQ_M, NULL, &s);
	assert_true(must(&s, "2023-06")->brk);
	agg_build(o + 3, 1, KIND_STOCK, FREQ_Y, NULL, &s);
	assert_true(must(&s, "2023")->brk);
	agg_series_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate_ytd_not_differenced),
		cmocka_unit_test(test_stock_mid_year_at_end),
		cmocka_unit_test(test_flow_month_to_quarter_year),
		cmocka_unit_test(test_flow_half_years),
		cmocka_unit_test(test_ytd_monthly),
		cmocka_unit_test(test_ytd_quarter_year),
		cmocka_unit_test(test_year_plus_ytd),
		cmocka_unit_test(test_stock),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_direct_quarter_wins),
		cmocka_unit_test(test_as_of),
		cmocka_unit_test(test_published_yoy),
		cmocka_unit_test(test_published_yoy_direct),
		cmocka_unit_test(test_pop),
		cmocka_unit_test(test_rollup_flow),
		cmocka_unit_test(test_rollup_replaces_partial),
		cmocka_unit_test(test_rollup_incomplete),
		cmocka_unit_test(test_rollup_stock),
		cmocka_unit_test(test_rollup_rate),
		cmocka_unit_test(test_flow_first_month_missing),
		cmocka_unit_test(test_rate_mixed_frequencies),
		cmocka_unit_test(test_rate_overlap),
		cmocka_unit_test(test_rate_change_in_points),
		cmocka_unit_test(test_growth_overflow),
		cmocka_unit_test(test_rollup_tolerance),
		cmocka_unit_test(test_cagr),
		cmocka_unit_test(test_trend_exponential),
		cmocka_unit_test(test_trend_linear),
		cmocka_unit_test(test_trend_degenerate),
		cmocka_unit_test(test_trend_flat),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_ytd_derived_growth),
		cmocka_unit_test(test_break_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
