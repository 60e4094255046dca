/* Unit tests for core/summary: the scorecard built from an in-memory store
 * and the real catalogue (datasets/catalog, read from the repository root
 * where the tests run). Observations go in through store_put like an
 * ingest would put them; each test has a fresh store.
 *
 * Expected figures are worked by hand in the comments, from the method in
 * progress-method.md. Where a number depends on the catalogue (a target,
 * a base year) it is read from the catalogue struct, and the comment shows
 * it with the catalogue's values at the time of writing.
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
#include "core/progress.h"
#include "core/store.h"
#include "core/summary.h"
#include "util/err.h"
#include "testutil.h"

#define REAL_CATALOG "datasets/catalog"
#define PROVINCE "330000"
#define EPS 1e-9

#define assert_near(a, b, eps) do { \
	double an_a_ = (a), an_b_ = (b); \
	if (!(fabs(an_a_ - an_b_) < (eps))) \
		fail_msg("%.17g !~ %.17g (%s ~ %s)", an_a_, an_b_, #a, #b); \
} while (0)

/* The eleven prefecture-level cities of Zhejiang, children of 330000. */
static const char *const cities[] = {
	"330100", "330200", "330300", "330400", "330500", "330600",
	"330700", "330800", "330900", "331000", "331100",
};
#define NCITIES (sizeof(cities) / sizeof(cities[0]))

struct fx {
	struct catalog *cat;            /* shared by the group */
	struct store *st;
	long long file;
	unsigned long line;
	bool open;                      /* a transaction is open */
	struct progress_config cfg;
};

static struct catalog *the_cat;

static int
group_setup(void **state)
{
	struct pm_err err = PM_ERR_INIT;

	(void)state;
	if (catalog_load(REAL_CATALOG, &the_cat, &err) != 0)
		return -1;
	if (the_cat->nfatal != 0) {
		catalog_free(the_cat);
		the_cat = NULL;
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	catalog_free(the_cat);
	the_cat = NULL;
	return 0;
}

/* A fresh in-memory store with one file, its transaction left open for
 * the test's observations; load() commits it. */
static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct pm_err err = PM_ERR_INIT;
	struct store_file f = {
		"0123456789abcdef0123456789abcdef"
		"0123456789abcdef0123456789abcdef",
		"test.csv", "UTF-8", 1
	};

	if (fx == NULL)
		return -1;
	fx->cat = the_cat;
	progress_config_default(&fx->cfg);
	if (store_open(NULL, STORE_MEMORY, &fx->st, &err) != 0 ||
	    store_begin(fx->st, &err) != 0 ||
	    store_file_add(fx->st, &f, &fx->file, &err) != 0) {
		store_close(fx->st);
		free(fx);
		return -1;
	}
	fx->open = true;
	fx->line = 1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	if (fx->open)
		store_rollback(fx->st);
	store_close(fx->st);
	free(fx);
	return 0;
}

static int
ind_ix(const struct fx *fx, const char *code)
{
	int i = catalog_indicator(fx->cat, code, strlen(code));

	if (i < 0)
		fail_msg("indicator '%s' not in the catalogue", code);
	return i;
}

static int
reg_ix(const struct fx *fx, const char *code)
{
	int i = catalog_region(fx->cat, code, strlen(code));

	if (i < 0)
		fail_msg("region '%s' not in the catalogue", code);
	return i;
}

static int
meas_ix(const struct fx *fx, const char *id)
{
	int i = catalog_measure(fx->cat, id, strlen(id));

	if (i < 0)
		fail_msg("measure '%s' not in the catalogue", id);
	return i;
}

static int
sys_ix(const struct fx *fx, const char *id)
{
	int i = catalog_system(fx->cat, id, strlen(id));

	if (i < 0)
		fail_msg("system '%s' not in the catalogue", id);
	return i;
}

static struct period
per(const char *s)
{
	struct period p;

	if (period_parse(s, strlen(s), &p, NULL) != 0)
		fail_msg("bad period '%s'", s);
	return p;
}

/* Store one observation, in the indicator's catalogue unit. */
static void
put_full(struct fx *fx, const char *ind, const char *reg, const char *period,
    bool ytd, double value, bool has_yoy, double yoy)
{
	const struct cat_indicator *d = &fx->cat->indicators[ind_ix(fx, ind)];
	struct pm_err err = PM_ERR_INIT;
	struct store_obs o;
	struct period p = per(period);
	enum store_put res;
	unsigned long dup = 0;

	assert_true(fx->open);
	memset(&o, 0, sizeof(o));
	assert_int_equal(store_indicator_id(fx->st, d->code,
	    fx->cat->units[d->unit].unit, &o.ind, &err), 0);
	assert_int_equal(store_region_id(fx->st, reg, &o.reg, &err), 0);
	o.period = period_key(&p);
	o.basis = ytd ? BASIS_YTD : BASIS_PERIOD;
	o.value = value;
	o.has_yoy = has_yoy;
	o.yoy = yoy;
	if (store_put(fx->st, &o, fx->file, ++fx->line, &res, &dup, &err) != 0)
		fail_msg("store_put: %s", err.msg);
	assert_int_equal(res, PUT_INSERTED);
}

static void
put(struct fx *fx, const char *ind, const char *reg, const char *period,
    double value)
{
	put_full(fx, ind, reg, period, false, value, false, 0);
}

static void
put_ytd(struct fx *fx, const char *ind, const char *reg, const char *period,
    double value)
{
	put_full(fx, ind, reg, period, true, value, false, 0);
}

static void
load(struct fx *fx)
{
	struct pm_err err = PM_ERR_INIT;

	assert_true(fx->open);
	if (store_commit(fx->st, &err) != 0)
		fail_msg("store_commit: %s", err.msg);
	fx->open = false;
}

static void
build(struct fx *fx, const char *as_of, struct summary *s)
{
	struct pm_err err = PM_ERR_INIT;
	struct period p = { FREQ_Y, 0, 0 };

	if (as_of)
		p = per(as_of);
	if (summary_build(fx->st, fx->cat, reg_ix(fx, PROVINCE),
	    as_of ? &p : NULL, &fx->cfg, s, &err) != 0)
		fail_msg("summary_build: %s", err.msg);
}

/* The yearly point of year 'y' in the series, or NULL. */
static const struct agg_point *
year_pt(const struct agg_series *s, int y)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->pt[i].p.freq == FREQ_Y && s->pt[i].p.year == y)
			return &s->pt[i];
	return NULL;
}

static const struct agg_point *
pt_at(const struct agg_series *s, const char *ps)
{
	struct period p = per(ps);
	size_t i;

	for (i = 0; i < s->n; i++)
		if (period_equal(&s->pt[i].p, &p))
			return &s->pt[i];
	return NULL;
}

/* Status of a score mean, as progress-method.md's roll-up bands give
 * it (no target achieved among the children). */
static enum progress_status
band(double m)
{
	if (m >= 2.5)
		return PROGRESS_SUBSTANTIAL;
	if (m >= 0)
		return PROGRESS_MODERATE;
	if (m >= -2.5)
		return PROGRESS_LIMITED;
	return PROGRESS_DETERIORATION;
}

/* ---- an indicator with a target ----------------------------------------- */

/* net_txn_volume: target T = 87000 in 2027, base year 2022 (read from the
 * catalogue). Values: base year y_0 = T / 2 = 43500, two years later
 * y_i = 1.21 y_0 = 52635.
 *   g_a = (1.21)^(1/2) - 1 = 0.1
 *   g_r = (T / y_0)^(1 / (2027 - 2022)) - 1 = 2^(1/5) - 1 = 0.1486983550
 *   P = g_a / |g_r| = 0.1 / 0.1486983550 = 0.6725023959
 * 0.60 <= P < 0.95: moderate_progress; score = 7.1429 P - 4.2857 =
 * 0.5179173636 */
static void
test_target_status(void **state)
{
	struct fx *fx = *state;
	int i = ind_ix(fx, "net_txn_volume");
	const struct cat_indicator *d = &fx->cat->indicators[i];
	const struct summary_indicator *si;
	struct summary s;
	double y0, yi, p, gr;
	char y0s[32], yis[32];

	assert_true(d->has_target);
	assert_true(d->base_year > 0);
	assert_true(d->target_year > d->base_year + 2);
	assert_int_equal(d->kind, KIND_FLOW);
	assert_int_equal(d->direction, 1);
	y0 = d->target_value / 2;
	yi = y0 * 1.21;
	snprintf(y0s, sizeof(y0s), "%d", d->base_year);
	snprintf(yis, sizeof(yis), "%d", d->base_year + 2);
	put(fx, d->code, PROVINCE, y0s, y0);
	put(fx, d->code, PROVINCE, yis, yi);
	load(fx);
	build(fx, NULL, &s);

	gr = pow(2.0, 1.0 / (d->target_year - d->base_year)) - 1;
	p = (pow(1.21, 0.5) - 1) / gr;
	/* The catalogue as written: 2^(1/5) - 1 and P = 0.6725. */
	if (d->target_year - d->base_year == 5) {
		assert_near(p, 0.6725023959, 1e-9);
		assert_near(7.1429 * p - 4.2857, 0.5179173636, 1e-9);
	}
	si = &s.indicators[i];
	assert_true(si->has_data);
	assert_int_equal(si->years.n, 2);
	assert_true(si->has_latest);
	assert_int_equal(si->latest.p.year, d->base_year + 2);
	assert_double_exact(si->latest.value, yi);
	assert_false(si->has_partial);
	assert_true(si->progress.has_points);
	assert_int_equal(si->progress.base_year, d->base_year);
	assert_double_exact(si->progress.base_value, y0);
	assert_int_equal(si->progress.current_year, d->base_year + 2);
	assert_double_exact(si->progress.current_value, yi);
	assert_true(si->progress.has_value);
	assert_near(si->progress.value, p, EPS);
	assert_near(si->progress.actual_growth, 0.1, EPS);
	assert_near(si->progress.required_growth, gr, EPS);
	assert_true(p >= 0.60 && p < 0.95);
	assert_int_equal(si->progress.status, PROGRESS_MODERATE);
	assert_true(si->progress.has_score);
	assert_near(si->progress.score, 7.1429 * p - 4.2857, EPS);
	assert_string_equal(progress_status_code(si->progress.status),
	    "moderate_progress");
	/* The yearly series: growth (1.21 - 1) over two years, no yoy
	 * (the year between is missing); nothing to check or derive. */
	assert_false(year_pt(&si->years, d->base_year + 2)->has_yoy);
	assert_false(year_pt(&si->years, d->base_year + 2)->derived);
	assert_int_equal(s.nchecks, 0);
	/* as_of defaults to the latest period with data. */
	assert_true(s.has_as_of);
	assert_true(period_equal(&s.as_of, &(struct period){ FREQ_Y,
	    d->base_year + 2, 0 }));
	/* The trend through the two points: exponential, growth 0.1. */
	assert_true(si->trend.ok);
	assert_true(si->trend.exponential);
	assert_near(si->trend.growth, 0.1, EPS);
	summary_release(&s);
}

/* online_retail_sales: target 40000 (read from the catalogue). Base year
 * 30000, two years later exactly the target: target_achieved, score 5,
 * whatever P is. */
static void
test_target_achieved(void **state)
{
	struct fx *fx = *state;
	int i = ind_ix(fx, "online_retail_sales");
	const struct cat_indicator *d = &fx->cat->indicators[i];
	struct summary s;
	char y0s[32], yis[32];

	assert_true(d->has_target);
	assert_int_equal(d->direction, 1);
	snprintf(y0s, sizeof(y0s), "%d", d->base_year);
	snprintf(yis, sizeof(yis), "%d", d->base_year + 2);
	put(fx, d->code, PROVINCE, y0s, d->target_value * 0.75);
	put(fx, d->code, PROVINCE, yis, d->target_value);
	load(fx);
	build(fx, NULL, &s);
	assert_int_equal(s.indicators[i].progress.status,
	    PROGRESS_TARGET_ACHIEVED);
	assert_double_exact(s.indicators[i].progress.score, 5);
	summary_release(&s);
}

/* ---- data gaps, measure and overall means ------------------------------- */

/* Only net_txn_volume (M05, M11) has data. M13's indicators
 * (platform_digital_talent, platform_jobs) have none: M13 is a data gap,
 * not_available, no score; so are the systems with no data at all. */
static void
test_data_gap(void **state)
{
	struct fx *fx = *state;
	int n = ind_ix(fx, "net_txn_volume");
	int m13 = meas_ix(fx, "M13"), m05 = meas_ix(fx, "M05");
	struct summary s;
	size_t i, k, nin13 = 0;

	put(fx, "net_txn_volume", PROVINCE, "2022", 43500);
	put(fx, "net_txn_volume", PROVINCE, "2024", 52635);
	load(fx);
	build(fx, "2024", &s);

	for (i = 0; i < fx->cat->nindicators; i++) {
		const struct cat_indicator *d = &fx->cat->indicators[i];

		for (k = 0; k < d->nmeasures; k++) {
			if (d->measures[k] != m13)
				continue;
			nin13++;
			assert_int_not_equal((int)i, n);
			assert_false(s.indicators[i].has_data);
			assert_int_equal(s.indicators[i].years.n, 0);
			assert_int_equal(s.indicators[i].progress.status,
			    PROGRESS_NOT_AVAILABLE);
			assert_false(s.indicators[i].progress.has_score);
		}
	}
	assert_true(nin13 >= 1);
	assert_true(s.measures[m13].data_gap);
	assert_int_equal(s.measures[m13].r.status, PROGRESS_NOT_AVAILABLE);
	assert_false(s.measures[m13].r.has_score);
	assert_string_equal(progress_status_code(s.measures[m13].r.status),
	    "not_available");
	/* M05 has net_txn_volume: its score is that indicator's. */
	assert_false(s.measures[m05].data_gap);
	assert_true(s.measures[m05].r.has_score);
	assert_double_exact(s.measures[m05].r.score,
	    s.indicators[n].progress.score);
	/* The rules system has no indicator with data. */
	assert_true(s.systems[sys_ix(fx, "rules")].data_gap);
	assert_int_equal(s.systems[sys_ix(fx, "rules")].r.status,
	    PROGRESS_NOT_AVAILABLE);
	summary_release(&s);
}

/* M04 has two indicators, neither with a target nor a limit:
 *   ecny_merchants (stock): 1000 in 2022, 1010 in 2023:
 *     P = g_a = 1010 / 1000 - 1 = 0.01; 0.005 <= P < 0.015: moderate;
 *     score = 250 P - 1.25 = 1.25
 *   ecny_txn_value (flow): 1000 in 2022, 990 in 2023:
 *     P = -0.01 < 0: deterioration; score = max(125 P - 2.5, -5) = -3.75
 *   M04 = (1.25 - 3.75) / 2 = -1.25: limited_progress.
 * With net_txn_volume as in test_target_status (score s_n = 0.5179173636,
 * in M05 of innovation and M11 of ecosystem):
 *   innovation = mean(M04, M05) = (-1.25 + s_n) / 2 = -0.3660413182:
 *   limited_progress
 *   ecosystem = mean(M11) = s_n: moderate_progress
 *   overall = mean(innovation, ecosystem) = (-0.3660413182 +
 *   0.5179173636) / 2 = 0.0759380227: moderate_progress */
static void
test_measure_and_overall_means(void **state)
{
	struct fx *fx = *state;
	int im = ind_ix(fx, "ecny_merchants");
	int it = ind_ix(fx, "ecny_txn_value");
	int in = ind_ix(fx, "net_txn_volume");
	int m04 = meas_ix(fx, "M04"), m05 = meas_ix(fx, "M05");
	int m11 = meas_ix(fx, "M11");
	int inno = sys_ix(fx, "innovation"), eco = sys_ix(fx, "ecosystem");
	const struct cat_indicator *dm = &fx->cat->indicators[im];
	const struct cat_indicator *dt = &fx->cat->indicators[it];
	struct summary s;
	double sm, st, sn, m4, inn, sum = 0;
	size_t i, nsys = 0, n04 = 0, k;

	assert_false(dm->has_target);
	assert_false(dm->has_limit);
	assert_false(dt->has_target);
	assert_false(dt->has_limit);
	assert_int_equal(dm->base_year, 2022);
	assert_int_equal(dt->base_year, 2022);
	/* M04 holds exactly these two. */
	for (i = 0; i < fx->cat->nindicators; i++)
		for (k = 0; k < fx->cat->indicators[i].nmeasures; k++)
			if (fx->cat->indicators[i].measures[k] == m04)
				n04++;
	assert_int_equal(n04, 2);

	put(fx, "ecny_merchants", PROVINCE, "2022", 1000);
	put(fx, "ecny_merchants", PROVINCE, "2023", 1010);
	put(fx, "ecny_txn_value", PROVINCE, "2022", 1000);
	put(fx, "ecny_txn_value", PROVINCE, "2023", 990);
	put(fx, "net_txn_volume", PROVINCE, "2022", 43500);
	put(fx, "net_txn_volume", PROVINCE, "2024", 52635);
	load(fx);
	build(fx, NULL, &s);

	sm = s.indicators[im].progress.score;
	st = s.indicators[it].progress.score;
	sn = s.indicators[in].progress.score;
	assert_int_equal(s.indicators[im].progress.status, PROGRESS_MODERATE);
	assert_near(s.indicators[im].progress.value, 0.01, EPS);
	assert_near(sm, 1.25, EPS);
	assert_int_equal(s.indicators[it].progress.status,
	    PROGRESS_DETERIORATION);
	assert_near(s.indicators[it].progress.value, -0.01, EPS);
	assert_near(st, -3.75, EPS);

	/* The measure: the mean of its two indicators' scores. */
	m4 = (sm + st) / 2;
	assert_true(s.measures[m04].r.has_score);
	assert_int_equal(s.measures[m04].r.nscored, 2);
	assert_near(s.measures[m04].r.score, m4, EPS);
	assert_near(s.measures[m04].r.score, -1.25, EPS);
	assert_int_equal(s.measures[m04].r.status, PROGRESS_LIMITED);
	assert_false(s.measures[m04].data_gap);
	assert_near(s.measures[m05].r.score, sn, EPS);
	assert_near(s.measures[m11].r.score, sn, EPS);

	/* Systems: innovation = mean(M04, M05), ecosystem = M11 only. */
	inn = (m4 + sn) / 2;
	assert_near(s.systems[inno].r.score, inn, EPS);
	assert_int_equal(s.systems[inno].r.nscored, 2);
	assert_int_equal(s.systems[inno].r.status, band(inn));
	assert_near(s.systems[eco].r.score, sn, EPS);
	assert_int_equal(s.systems[eco].r.nscored, 1);

	/* Overall: the mean of the systems that have a score. */
	for (i = 0; i < fx->cat->nsystems; i++) {
		if (!s.systems[i].r.has_score) {
			assert_true(s.systems[i].data_gap);
			continue;
		}
		sum += s.systems[i].r.score;
		nsys++;
	}
	assert_int_equal(nsys, 2);
	assert_true(s.overall.has_score);
	assert_int_equal(s.overall.nscored, 2);
	assert_near(s.overall.score, sum / 2, EPS);
	assert_near(s.overall.score, (inn + sn) / 2, EPS);
	/* The figures above, for the catalogue's 2022 -> 2027 horizon. */
	if (fx->cat->indicators[in].target_year -
	    fx->cat->indicators[in].base_year == 5) {
		assert_near(sn, 0.5179173636, 1e-9);
		assert_near(s.overall.score, 0.0759380227, 1e-9);
		assert_int_equal(s.systems[inno].r.status,
		    PROGRESS_LIMITED);
		assert_int_equal(s.systems[eco].r.status,
		    PROGRESS_MODERATE);
		assert_int_equal(s.overall.status, PROGRESS_MODERATE);
	}
	assert_int_equal(s.overall.status, band((inn + sn) / 2));
	summary_release(&s);
}

/* ---- region roll-up ------------------------------------------------------ */

/* future_communities is a stock without a target. City k (1..11) reports
 * 5k at the end of 2022 and 10k at the end of 2023; the province reports
 * nothing. 2024: every city but Lishui (331100) reports.
 *   province 2022 = 5 * (1 + ... + 11) = 330, derived
 *   province 2023 = 10 * 66 = 660, derived; yoy (660 / 330 - 1) = 100 %
 *   province 2024: a city missing, so no point.
 * Progress from the derived years: g_a = 660 / 330 - 1 = 1 >= 0.015:
 * substantial_progress, score min(500 * 1 - 5, 5) = 5. */
static void
put_cities(struct fx *fx, const char *ind, const char *period, double f,
    size_t ncities)
{
	size_t k;

	for (k = 0; k < ncities; k++)
		put(fx, ind, cities[k], period, f * (double)(k + 1));
}

static void
test_region_rollup_stock(void **state)
{
	struct fx *fx = *state;
	int i = ind_ix(fx, "future_communities");
	int prov = reg_ix(fx, PROVINCE);
	const struct cat_indicator *d = &fx->cat->indicators[i];
	const struct summary_indicator *si;
	const struct agg_point *pt;
	struct summary s;
	size_t k, nkids = 0;

	assert_int_equal(d->kind, KIND_STOCK);
	assert_false(d->has_target);
	/* The eleven cities are exactly the province's children. */
	for (k = 0; k < fx->cat->nregions; k++)
		if (fx->cat->regions[k].parent == prov)
			nkids++;
	assert_int_equal(nkids, NCITIES);
	for (k = 0; k < NCITIES; k++)
		assert_int_equal(fx->cat->regions[reg_ix(fx, cities[k])].parent,
		    prov);

	put_cities(fx, d->code, "2022", 5, NCITIES);
	put_cities(fx, d->code, "2023", 10, NCITIES);
	put_cities(fx, d->code, "2024", 100, NCITIES - 1);
	load(fx);
	build(fx, NULL, &s);

	si = &s.indicators[i];
	assert_true(si->has_data);
	assert_int_equal(si->years.n, 2);
	pt = year_pt(&si->years, 2022);
	assert_non_null(pt);
	assert_double_exact(pt->value, 330);
	assert_true(pt->derived);
	assert_true(pt->complete);
	pt = year_pt(&si->years, 2023);
	assert_non_null(pt);
	assert_double_exact(pt->value, 660);
	assert_true(pt->derived);
	assert_true(pt->complete);
	assert_true(pt->has_yoy);
	assert_near(pt->yoy, 100, EPS);
	assert_null(year_pt(&si->years, 2024));
	assert_int_equal(s.nchecks, 0);
	assert_int_equal(si->progress.current_year, 2023);
	assert_double_exact(si->progress.current_value, 660);
	assert_double_exact(si->progress.base_value, 330);
	assert_near(si->progress.value, 1, EPS);
	assert_int_equal(si->progress.status, PROGRESS_SUBSTANTIAL);
	assert_double_exact(si->progress.score, 5);
	summary_release(&s);
}

/* The cities as above for 2023 (sum 660) and the province's own 700: the
 * province keeps its own value and the difference is one check. */
static void
test_region_check(void **state)
{
	struct fx *fx = *state;
	int i = ind_ix(fx, "future_communities");
	int prov = reg_ix(fx, PROVINCE);
	const struct agg_point *pt;
	struct summary s;

	put_cities(fx, "future_communities", "2023", 10, NCITIES);
	put(fx, "future_communities", PROVINCE, "2023", 700);
	load(fx);
	build(fx, NULL, &s);

	pt = year_pt(&s.indicators[i].years, 2023);
	assert_non_null(pt);
	assert_double_exact(pt->value, 700);
	assert_false(pt->derived);
	assert_int_equal(s.nchecks, 1);
	assert_int_equal(s.checks[0].indicator, i);
	assert_int_equal(s.checks[0].region, prov);
	assert_true(period_equal(&s.checks[0].c.p, &(struct period){ FREQ_Y,
	    2023, 0 }));
	assert_double_exact(s.checks[0].c.own, 700);
	assert_double_exact(s.checks[0].c.children, 660);
	summary_release(&s);
}

/* ---- as of --------------------------------------------------------------- */

/* net_txn_volume in the province: 2022 43500, 2023 48000, 2024 52635,
 * and ytd June 2025 30000. */
static void
test_as_of(void **state)
{
	struct fx *fx = *state;
	int i = ind_ix(fx, "net_txn_volume");
	const struct summary_indicator *si;
	struct summary s;

	put(fx, "net_txn_volume", PROVINCE, "2022", 43500);
	put(fx, "net_txn_volume", PROVINCE, "2023", 48000);
	put(fx, "net_txn_volume", PROVINCE, "2024", 52635);
	put_ytd(fx, "net_txn_volume", PROVINCE, "2025-06", 30000);
	load(fx);

	/* No as_of: the latest period with data, 2025-06. 2025 is a
	 * partial year (left out of progress); latest complete is 2024. */
	build(fx, NULL, &s);
	si = &s.indicators[i];
	assert_true(period_equal(&s.as_of, &(struct period){ FREQ_M, 2025,
	    6 }));
	assert_int_equal(si->years.n, 4);
	assert_true(si->has_partial);
	assert_int_equal(si->partial.p.year, 2025);
	assert_false(si->partial.complete);
	assert_double_exact(si->partial.value, 30000);
	assert_int_equal(si->partial.months, 6);
	assert_true(si->has_latest);
	assert_int_equal(si->latest.p.year, 2024);
	assert_int_equal(si->progress.current_year, 2024);
	assert_double_exact(si->progress.current_value, 52635);
	summary_release(&s);

	/* As of 2023: 2024 and 2025 unused. The current point is 2023:
	 * g_a = (48000 / 43500) - 1 over one year. */
	build(fx, "2023", &s);
	si = &s.indicators[i];
	assert_true(period_equal(&s.as_of, &(struct period){ FREQ_Y, 2023,
	    0 }));
	assert_int_equal(si->years.n, 2);
	assert_null(year_pt(&si->years, 2024));
	assert_false(si->has_partial);
	assert_int_equal(si->latest.p.year, 2023);
	assert_int_equal(si->progress.current_year, 2023);
	assert_double_exact(si->progress.current_value, 48000);
	assert_near(si->progress.actual_growth, 48000.0 / 43500.0 - 1, EPS);
	summary_release(&s);

	/* As of 2024-06: the 2024 year ends after it, so it is not used
	 * either. */
	build(fx, "2024-06", &s);
	si = &s.indicators[i];
	assert_null(year_pt(&si->years, 2024));
	assert_int_equal(si->progress.current_year, 2023);
	summary_release(&s);
}

/* An empty store: without as_of there is nothing to take it from
 * (PM_ENOTFOUND); with one, every status is not_available. */
static void
test_empty_store(void **state)
{
	struct fx *fx = *state;
	struct pm_err err = PM_ERR_INIT;
	struct period p = per("2024");
	struct summary s;
	size_t i;

	load(fx);
	assert_int_equal(summary_build(fx->st, fx->cat, reg_ix(fx, PROVINCE),
	    NULL, &fx->cfg, &s, &err), PM_ENOTFOUND);
	assert_int_equal(summary_build(fx->st, fx->cat, reg_ix(fx, PROVINCE),
	    &p, &fx->cfg, &s, &err), 0);
	for (i = 0; i < fx->cat->nmeasures; i++)
		assert_true(s.measures[i].data_gap);
	for (i = 0; i < fx->cat->nsystems; i++)
		assert_true(s.systems[i].data_gap);
	assert_int_equal(s.overall.status, PROGRESS_NOT_AVAILABLE);
	assert_false(s.overall.has_score);
	assert_int_equal(s.nchecks, 0);
	summary_release(&s);
}

/* ---- summary_series at another frequency ------------------------------ */

/* net_txn_volume ytd in the province: 2023 Mar 100, Jun 250, Sep 450,
 * Dec 700; 2024 Mar 120 (published +20), Jun 300.
 *   2023Q1 100, Q2 250 - 100 = 150, Q3 450 - 250 = 200, Q4 700 - 450 = 250
 *   2024Q1 120: yoy (120 / 100 - 1) * 100 = 20, agreeing with the
 *   published 20; 2024Q2 300 - 120 = 180: yoy (180 / 150 - 1) * 100 = 20.
 * future_communities (stock): each city k reports k at 2023-12; the
 * province reports 30 at 2023-06 only:
 *   province 2023Q2 = 30 (own), 2023Q4 = 1 + ... + 11 = 66 (derived). */
static void
test_series_quarterly(void **state)
{
	struct fx *fx = *state;
	int i = ind_ix(fx, "net_txn_volume");
	int fc = ind_ix(fx, "future_communities");
	int prov = reg_ix(fx, PROVINCE);
	struct agg_series q = AGG_SERIES_INIT;
	struct summary_check *checks = NULL;
	size_t nchecks = 0;
	struct pm_err err = PM_ERR_INIT;
	struct period cut = per("2024Q1");
	const struct agg_point *pt;

	put_ytd(fx, "net_txn_volume", PROVINCE, "2023-03", 100);
	put_ytd(fx, "net_txn_volume", PROVINCE, "2023-06", 250);
	put_ytd(fx, "net_txn_volume", PROVINCE, "2023-09", 450);
	put_ytd(fx, "net_txn_volume", PROVINCE, "2023-12", 700);
	put_full(fx, "net_txn_volume", PROVINCE, "2024-03", true, 120, true,
	    20);
	put_ytd(fx, "net_txn_volume", PROVINCE, "2024-06", 300);
	put_cities(fx, "future_communities", "2023-12", 1, NCITIES);
	put(fx, "future_communities", PROVINCE, "2023-06", 30);
	load(fx);

	assert_int_equal(summary_series(fx->st, fx->cat, i, prov, FREQ_Q,
	    NULL, &q, &checks, &nchecks, &err), 0);
	assert_int_equal(q.freq, FREQ_Q);
	assert_int_equal(q.n, 6);
	assert_double_exact(pt_at(&q, "2023Q1")->value, 100);
	assert_double_exact(pt_at(&q, "2023Q2")->value, 150);
	assert_double_exact(pt_at(&q, "2023Q3")->value, 200);
	assert_double_exact(pt_at(&q, "2023Q4")->value, 250);
	pt = pt_at(&q, "2024Q1");
	assert_double_exact(pt->value, 120);
	assert_true(pt->complete);
	assert_near(pt->yoy, 20, EPS);
	assert_true(pt->has_yoy_pub);
	assert_double_exact(pt->yoy_pub, 20);
	assert_false(pt->yoy_mismatch);
	pt = pt_at(&q, "2024Q2");
	assert_double_exact(pt->value, 180);
	assert_near(pt->yoy, 20, EPS);
	assert_near(pt->pop, 50, EPS);
	assert_int_equal(nchecks, 0);
	assert_null(checks);

	/* As of 2024Q1: no 2024Q2. */
	assert_int_equal(summary_series(fx->st, fx->cat, i, prov, FREQ_Q,
	    &cut, &q, &checks, &nchecks, &err), 0);
	assert_int_equal(q.n, 5);
	assert_null(pt_at(&q, "2024Q2"));

	/* The stock: own 2023Q2, derived 2023Q4. */
	assert_int_equal(summary_series(fx->st, fx->cat, fc, prov, FREQ_Q,
	    NULL, &q, &checks, &nchecks, &err), 0);
	assert_int_equal(q.n, 2);
	pt = pt_at(&q, "2023Q2");
	assert_non_null(pt);
	assert_double_exact(pt->value, 30);
	assert_false(pt->derived);
	pt = pt_at(&q, "2023Q4");
	assert_non_null(pt);
	assert_double_exact(pt->value, 66);
	assert_true(pt->derived);
	assert_true(pt->complete);
	/* pop against the own 2023Q2 is not across one quarter: none. */
	assert_false(pt->has_pop);
	assert_int_equal(nchecks, 0);

	/* A city's own series: Hangzhou's 2023Q4 is its own 1. */
	assert_int_equal(summary_series(fx->st, fx->cat, fc,
	    reg_ix(fx, "330100"), FREQ_Q, NULL, &q, &checks, &nchecks, &err),
	    0);
	assert_int_equal(q.n, 1);
	assert_double_exact(q.pt[0].value, 1);
	assert_false(q.pt[0].derived);
	agg_series_release(&q);
	free(checks);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_target_status, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_target_achieved, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_data_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_measure_and_overall_means,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_rollup_stock, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_region_check, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_as_of, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_store, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_series_quarterly, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
