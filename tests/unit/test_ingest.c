/* Unit tests for core/ingest: the real catalogue (datasets/catalog, read
 * from the repository root), an in-memory store, and input files written
 * to a temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/ingest.h"
#include "core/period.h"
#include "util/buf.h"
#include "core/layout.h"
#include "core/store.h"
#include "util/sha256.h"
#include "testutil.h"

#define MAXREC 32

struct obs {
	struct store_row r;     /* its strings point to the two below */
	char ind[48], reg[16];
};

struct fx {
	char *dir;
	struct catalog *cat;
	struct store *st;
	struct ingest_opts opts;
	struct ingest_result res;
	struct pm_err err;
	/* What the sink saw. */
	size_t nrej, nnotes, nfinish;
	unsigned long rej_line[MAXREC];
	char rej[MAXREC][160], notes[MAXREC][160];
	struct ingest_result at_finish;
	bool stop_on_reject, fail_reject;
	volatile sig_atomic_t stop;
	/* What store_scan() gave. */
	struct obs obs[MAXREC];
	size_t nobs;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct pm_err err = PM_ERR_INIT;

	if (fx == NULL)
		return -1;
	*state = fx;
	fx->dir = tu_mkdtemp();
	if (catalog_load("datasets/catalog", &fx->cat, &err) != 0 ||
	    fx->cat->nfatal != 0) {
		print_error("cannot load datasets/catalog (cwd must be the "
		    "repository root)\n");
		return -1;
	}
	return store_open(NULL, STORE_MEMORY, &fx->st, &err) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	store_close(fx->st);
	catalog_free(fx->cat);
	tu_rmrf(fx->dir);
	free(fx->dir);
	free(fx);
	return 0;
}

static int
sink_reject(void *ctx, const struct ingest_reject *r, struct pm_err *err)
{
	struct fx *fx = ctx;

	assert_non_null(r->row);
	assert_non_null(r->header);
	assert_int_equal(r->row->line, r->line);
	if (fx->nrej < MAXREC) {
		fx->rej_line[fx->nrej] = r->line;
		snprintf(fx->rej[fx->nrej], sizeof(fx->rej[0]), "%s",
		    r->reason);
	}
	fx->nrej++;
	if (fx->stop_on_reject)
		fx->stop = 1;
	if (fx->fail_reject)
		return pm_fail(err, PM_EIO, "rejects.csv", 0, "disk full");
	return 0;
}

static void
sink_note(void *ctx, unsigned long line, bool is_error, const char *msg)
{
	struct fx *fx = ctx;

	(void)line, (void)is_error;
	if (fx->nnotes < MAXREC)
		snprintf(fx->notes[fx->nnotes], sizeof(fx->notes[0]), "%s",
		    msg);
	fx->nnotes++;
}

static int
sink_finish(void *ctx, const struct ingest_result *res, struct pm_err *err)
{
	struct fx *fx = ctx;

	(void)err;
	fx->nfinish++;
	fx->at_finish = *res;
	return 0;
}

/* Write 'text' as 'name' and ingest it with fx->opts. */
static int
ingest(struct fx *fx, const char *name, const char *text)
{
	const struct ingest_sink sink = { fx, sink_reject, sink_note,
		sink_finish };
	char *path = tu_file_str(fx->dir, name, text);
	int rc;

	fx->nrej = fx->nnotes = fx->nfinish = 0;
	pm_err_clear(&fx->err);
	fx->opts.stop = &fx->stop;
	rc = ingest_file(fx->opts.dry_run ? NULL : fx->st, fx->cat, path, name,
	    &fx->opts, &sink, &fx->res, &fx->err);
	free(path);
	return rc;
}

static int
on_obs(void *ctx, const struct store_row *r)
{
	struct fx *fx = ctx;
	struct obs *o = &fx->obs[fx->nobs];

	if (fx->nobs == MAXREC)
		return 1;
	o->r = *r;
	o->r.indicator = o->ind;
	o->r.region = o->reg;
	o->r.unit = NULL;
	snprintf(o->ind, sizeof(o->ind), "%s", r->indicator);
	snprintf(o->reg, sizeof(o->reg), "%s", r->region);
	fx->nobs++;
	return 0;
}

static void
scan(struct fx *fx)
{
	struct pm_err err = PM_ERR_INIT;

	fx->nobs = 0;
	assert_int_equal(store_scan(fx->st, on_obs, fx, &err), 0);
}

static void
check_obs(const struct fx *fx, size_t i, const char *ind, const char *reg,
    int period, enum store_basis basis, double value)
{
	const struct store_row *o = &fx->obs[i].r;

	assert_true(i < fx->nobs);
	assert_string_equal(o->indicator, ind);
	assert_string_equal(o->region, reg);
	assert_int_equal(o->period, period);
	assert_int_equal(o->basis, basis);
	assert_double_exact(o->value, value);
}

/* The store holds this many observations, history rows, files, rejects
 * (-1: not checked). */
static void
expect_stats(struct fx *fx, int obs, int hist, int files, int rejects)
{
	struct store_stats s;
	struct pm_err err = PM_ERR_INIT;

	assert_int_equal(store_stats(fx->st, &s, &err), 0);
	if (obs >= 0)
		assert_int_equal(s.observations, obs);
	if (hist >= 0)
		assert_int_equal(s.history, hist);
	if (files >= 0)
		assert_int_equal(s.files, files);
	if (rejects >= 0)
		assert_int_equal(s.rejects, rejects);
}

static void
counts(const struct fx *fx, unsigned long rows, unsigned long ins,
    unsigned long rev, unsigned long unch, unsigned long rej)
{
	const struct store_counts *n = &fx->res.n;

	assert_int_equal(n->rows, n->inserted + n->revised + n->unchanged +
	    n->rejected + n->skipped);
	assert_int_equal(n->rows, rows);
	assert_int_equal(n->inserted, ins);
	assert_int_equal(n->revised, rev);
	assert_int_equal(n->unchanged, unch);
	assert_int_equal(n->rejected, rej);
	assert_int_equal(fx->nrej, rej);
}

static void
good_file(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbfvalue,period,region,indicator,unit\r\n"
	    "16593.4,2025Q1,330000,net_txn_volume,亿元\r\n"
	    "28164454,2025Q1,杭州,online_retail_sales,万元\r\n"
	    "\"1,284.7\",2025Q1,Hangzhou,cross_border_ecommerce,亿元\r\n"
	    " , ,,\t,\r\n"          /* blank cells only: not a row */
	    "2352480,2025-03,浙江省,online_operators,户\r\n"
	    "7115.3,2025q1, hangzhou ,NET_TXN_VOLUME,\r\n";
	struct fx *fx = *state;
	struct sha256 s;
	char sha[65];

	sha256_init(&s);
	sha256_update(&s, text, sizeof(text) - 1);
	sha256_hex(&s, sha);
	assert_int_equal(ingest(fx, "good.csv", text), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	counts(fx, 5, 5, 0, 0, 0);
	assert_string_equal(fx->res.encoding, "UTF-8");
	assert_string_equal(fx->res.sha256, sha);
	assert_int_equal(fx->nfinish, 1);
	assert_int_equal(fx->at_finish.n.inserted, 5);
	expect_stats(fx, 5, 0, 1, 0);
	scan(fx);
	assert_int_equal(fx->nobs, 5);
	check_obs(fx, 0, "cross_border_ecommerce", "330100", 3202501,
	    BASIS_PERIOD, strtod("1284.7", NULL));
	check_obs(fx, 1, "net_txn_volume", "330000", 3202501, BASIS_PERIOD,
	    strtod("16593.4", NULL));
	check_obs(fx, 2, "net_txn_volume", "330100", 3202501, BASIS_PERIOD,
	    strtod("7115.3", NULL));
	check_obs(fx, 3, "online_operators", "330000", 4202503, BASIS_PERIOD,
	    2352480);
	/* 28164454 万元 = 2816.4454 亿元, exactly as that decimal reads. */
	check_obs(fx, 4, "online_retail_sales", "330100", 3202501,
	    BASIS_PERIOD, strtod("2816.4454", NULL));
	assert_false(fx->obs[4].r.has_yoy);
}

static void
bad_rows_rejected_with_reasons(void **state)
{
	static const struct {
		unsigned long line;
		const char *reason;
	} want[] = {
		{ 3, "unknown region 'Atlantis'" },
		{ 4, "bad period '2023-13': month out of range (1-12)" },
		{ 5, "missing value" },
		{ 6, "duplicate of line 2" },
		{ 8, "unknown indicator 'platform_gmv'" },
		{ 9, "bad value 'n/a': not a number" },
		{ 10, "unit '户' (count) does not convert to 亿元 (money) of "
		    "'cross_border_ecommerce'" },
		{ 11, "too few fields (3, expected 5)" },
		{ 13, "too many fields (6, expected 5)" },
	};
	struct fx *fx = *state;
	size_t i;

	assert_int_equal(ingest(fx, "errors.csv",
	    "indicator,region,period,value,unit\n"
	    "net_txn_volume,330000,2025Q1,16593.4,亿元\n"
	    "net_txn_volume,Atlantis,2025Q1,1,亿元\n"
	    "net_txn_volume,330100,2023-13,1,亿元\n"
	    "online_retail_sales,330000,2025Q1,,亿元\n"
	    "net_txn_volume,330000,2025Q1,16642.0,亿元\n"
	    "\n"
	    "platform_gmv,330000,2025Q1,1,亿元\n"
	    "online_retail_sales,330200,2025Q1,n/a,亿元\n"
	    "cross_border_ecommerce,330200,2025Q1,268.4,户\n"
	    "rural_online_retail_sales,330000,2025Q1\n"
	    "online_retail_sales,330000,2025Q1,7115.3,亿元\n"
	    "net_txn_volume,330000,2024,1,亿元,extra\n"), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	counts(fx, 11, 2, 0, 0, 9);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(fx->rej_line[i], want[i].line);
		assert_string_equal(fx->rej[i], want[i].reason);
	}
	expect_stats(fx, 2, 0, 1, 9);
	scan(fx);
	check_obs(fx, 0, "net_txn_volume", "330000", 3202501, BASIS_PERIOD,
	    16593.4);
}

static void
reingest_skip_force_revise(void **state)
{
	static const char a[] = "indicator,region,period,value\n"
	    "net_txn_volume,330000,2024,100\n"
	    "net_txn_volume,330100,2024,40\n"
	    "online_operators,330000,2024,7\n";
	static const char b[] = "indicator,region,period,value\n"
	    "net_txn_volume,330000,2024,100\n"
	    "net_txn_volume,330100,2024,41.5\n"
	    "online_operators,330000,2024,7\n";
	struct fx *fx = *state;

	assert_int_equal(ingest(fx, "a.csv", a), 0);
	counts(fx, 3, 3, 0, 0, 0);
	assert_int_equal(ingest(fx, "copy-of-a.csv", a), 0);
	assert_int_equal(fx->res.status, INGEST_SKIPPED);
	expect_stats(fx, 3, 0, 1, 0);
	fx->opts.force = true;
	assert_int_equal(ingest(fx, "a.csv", a), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	counts(fx, 3, 0, 0, 3, 0);
	fx->opts.force = false;
	assert_int_equal(ingest(fx, "b.csv", b), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	counts(fx, 3, 0, 1, 2, 0);
	expect_stats(fx, 3, 1, 3, 0);
	scan(fx);
	check_obs(fx, 1, "net_txn_volume", "330100", 1202400, BASIS_PERIOD,
	    41.5);
}

static void
bad_header_fails_whole_file(void **state)
{
	struct fx *fx = *state;
	size_t i;
	bool noted = false;

	assert_int_equal(ingest(fx, "h.csv", "indicator,region,period,amount\n"
	    "net_txn_volume,330000,2025Q1,1\n"
	    "net_txn_volume,330100,2025Q1,2\n"), 0);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	assert_int_equal(fx->err.code, PM_EDATA);
	counts(fx, 2, 0, 0, 0, 2);
	assert_string_equal(fx->rej[0], "bad header on line 1");
	assert_int_equal(fx->rej_line[1], 3);
	for (i = 0; i < fx->nnotes && i < MAXREC; i++)
		noted |= strcmp(fx->notes[i], "missing column 'value' "
		    "(or 数值, 值, 本期值)") == 0;
	assert_true(noted);
	expect_stats(fx, 0, 0, 0, 0);
}

static void
unusable_and_empty_inputs(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(ingest(fx, "empty.csv", ""), 0);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	assert_int_equal(fx->err.code, PM_EDATA);
	assert_true(tu_contains(fx->err.msg, "empty"));
	expect_stats(fx, 0, 0, 0, 0);
	/* A missing file is a system error. */
	assert_int_equal(ingest_file(fx->st, fx->cat, "/nonexistent/x.csv",
	    "x.csv", &fx->opts, NULL, &fx->res, &fx->err), PM_EIO);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	assert_int_equal(ingest(fx, "head.csv", "indicator,region,period,"
	    "value\n"), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	counts(fx, 0, 0, 0, 0, 0);
	expect_stats(fx, 0, 0, 1, 0);
}

static void
dry_run_needs_no_store(void **state)
{
	struct fx *fx = *state;

	fx->opts.dry_run = true;
	assert_int_equal(ingest(fx, "d.csv", "indicator,region,period,value\n"
	    "net_txn_volume,330000,2024,1\n"
	    "net_txn_volume,Atlantis,2024,1\n"
	    "net_txn_volume,330100,2024,2\n"), 0);
	assert_int_equal(fx->res.status, INGEST_CHECKED);
	counts(fx, 3, 2, 0, 0, 1);
	assert_string_equal(fx->rej[0], "unknown region 'Atlantis'");
	assert_int_equal(fx->nfinish, 1);
	expect_stats(fx, 0, 0, 0, 0);
}

static void
interrupted_runs_store_nothing(void **state)
{
	static const char text[] = "indicator,region,period,value\n"
	    "net_txn_volume,330000,2024,1\n"
	    "net_txn_volume,Atlantis,2024,1\n"
	    "net_txn_volume,330100,2024,2\n";
	struct fx *fx = *state;

	fx->stop = 1;
	assert_int_equal(ingest(fx, "s.csv", text), PM_EINTR);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	counts(fx, 0, 0, 0, 0, 0);
	/* Set part-way (by the sink, on the bad row): the good row before
	 * it is rolled back too. */
	fx->stop = 0;
	fx->stop_on_reject = true;
	assert_int_equal(ingest(fx, "s.csv", text), PM_EINTR);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	assert_int_equal(fx->res.n.rows, 0);
	/* The sink failing to record a reject aborts the file too. */
	fx->stop_on_reject = false;
	fx->stop = 0;
	fx->fail_reject = true;
	assert_int_equal(ingest(fx, "s.csv", text), PM_EIO);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	assert_true(tu_contains(fx->err.msg, "disk full"));
	expect_stats(fx, 0, 0, 0, 0);
}

static void
kinds_units_and_basis(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(ingest(fx, "k.csv",
	    "indicator,region,period,value,unit,basis,yoy\n"
	    "online_operators,330000,2025-03,100,户,ytd,\n"
	    "digital_economy_core_share,330000,2025,12.5%,%,,\n"
	    "digital_economy_core_share,330100,2025,12.5%,,,\n"
	    "net_txn_volume,330000,2025-03,15376.1,亿元,YTD,8.5\n"
	    "net_txn_volume,330100,2024,100,亿元,ytd,\n"
	    "net_txn_volume,330200,2025-03,1,亿元,cumulative,\n"), 0);
	counts(fx, 6, 4, 0, 0, 2);
	assert_int_equal(fx->rej_line[0], 2);
	assert_string_equal(fx->rej[0], "basis 'ytd' applies to flows only "
	    "and to rates published year to date, not to a stock (a level "
	    "at a date)");
	assert_int_equal(fx->rej_line[1], 7);
	assert_true(tu_contains(fx->rej[1], "bad basis 'cumulative'"));
	scan(fx);
	assert_int_equal(fx->nobs, 4);
	check_obs(fx, 0, "digital_economy_core_share", "330000", 1202500,
	    BASIS_PERIOD, 12.5);
	check_obs(fx, 1, "digital_economy_core_share", "330100", 1202500,
	    BASIS_PERIOD, 12.5);
	check_obs(fx, 2, "net_txn_volume", "330000", 4202503, BASIS_YTD,
	    15376.1);
	assert_true(fx->obs[2].r.has_yoy);
	assert_double_exact(fx->obs[2].r.yoy, 8.5);
	/* A whole year to date is the year itself. */
	check_obs(fx, 3, "net_txn_volume", "330100", 1202400, BASIS_PERIOD,
	    100);
}

/* Negative counts, a percent sign on money, overflow after conversion:
 * rejected, with the value cell quoted as written. */
static void
value_reasons_quote_the_value(void **state)
{
	static const char *const want[] = {
		"negative count '-5'",
		"negative count '-5'",
		"value '12.5%': a percent sign on a value that is not a "
		    "percentage",
		"value '1e308': out of range after unit conversion",
	};
	struct fx *fx = *state;
	size_t i;

	assert_int_equal(ingest(fx, "v.csv",
	    "indicator,region,period,value,unit\n"
	    "online_operators,330000,2025-04,-5,户\n"
	    "online_operators,330000,2025-05,-5,\n"
	    "net_txn_volume,330000,2025,12.5%,亿元\n"
	    "net_txn_volume,330000,2025,1e308,万亿元\n"), 0);
	counts(fx, 4, 0, 0, 0, 4);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(fx->rej_line[i], i + 2);
		assert_string_equal(fx->rej[i], want[i]);
	}
}

static void
gb18030_input(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(ingest(fx, "gb.csv", "indicator,region,period,value\n"
	    "net_txn_volume,\xba\xbc\xd6\xdd,2025Q1,5\n"), 0);
	assert_string_equal(fx->res.encoding, "GB18030");
	counts(fx, 1, 1, 0, 0, 0);
	scan(fx);
	check_obs(fx, 0, "net_txn_volume", "330100", 3202501, BASIS_PERIOD, 5);
}

/* Each Chinese header name stands for its English column. */
static void
chinese_header_names(void **state)
{
	static const char *const hdr[] = {
		"指标,地区,时间,数值,单位,口径,同比",
		"指标名称,地区代码,时期,值,计量单位,口径,同比增长",
		"indicator,region,期间,本期值,unit,basis,增速",
		"指标,region,统计时间,value,单位,basis,yoy",
	};
	struct fx *fx = *state;
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(hdr) / sizeof(hdr[0]); i++) {
		snprintf(text, sizeof(text), "%s\n"
		    "net_txn_volume,330000,2025年1-3月,%zu,亿元,累计,8.5\n",
		    hdr[i], 100 + i);
		fx->opts.force = true;
		assert_int_equal(ingest(fx, "zh.csv", text), 0);
		assert_int_equal(fx->res.status, INGEST_INGESTED);
		counts(fx, 1, i == 0 ? 1 : 0, i == 0 ? 0 : 1, 0, 0);
	}
	scan(fx);
	assert_int_equal(fx->nobs, 1);
	check_obs(fx, 0, "net_txn_volume", "330000", 4202503, BASIS_YTD, 103);
	assert_true(fx->obs[0].r.has_yoy);
}

/* Status, source and note under their Chinese names, stored. */
static void
chinese_provenance_names(void **state)
{
	static const char *const hdr[] = {
		"指标,地区,时间,数值,状态,数据来源,备注",
		"指标,地区,时间,数值,数据状态,来源,注",
	};
	struct fx *fx = *state;
	char text[256];
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(text, sizeof(text), "%s\n"
		    "net_txn_volume,330000,2025,%zu,%s,NBS,n%zu\n", hdr[i],
		    100 + i, i ? "预计" : "初步", i);
		fx->opts.force = true;
		assert_int_equal(ingest(fx, "zp.csv", text), 0);
		counts(fx, 1, i == 0 ? 1 : 0, i == 0 ? 0 : 1, 0, 0);
		scan(fx);
		assert_int_equal(fx->nobs, 1);
		assert_int_equal(fx->obs[0].r.status, i ? 'E' : 'P');
	}
}

/* A header naming none of the columns says which names are accepted. */
static void
unknown_header_lists_names(void **state)
{
	struct fx *fx = *state;
	size_t i;
	bool noted = false;

	assert_int_equal(ingest(fx, "x.csv", "名称,日期,金额\n"
	    "a,b,c\n"), 0);
	assert_int_equal(fx->res.status, INGEST_FAILED);
	for (i = 0; i < fx->nnotes && i < MAXREC; i++)
		noted |= tu_contains(fx->notes[i], "names accepted: "
		    "'indicator' (or 指标, 指标名称), 'region' (or 地区");
	assert_true(noted);
}

/* Period forms, basis words, "not published" marks and their counts. */
static void
periods_basis_and_skips(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(ingest(fx, "p.csv",
	    "indicator,region,period,value,unit,basis\n"
	    "net_txn_volume,330000,2024年,100,亿元,\n"          /* 2 */
	    "net_txn_volume,330000,2024年一季度,10,亿元,当季\n"
	    "net_txn_volume,330000,2024年上半年,50,亿元,\n"
	    "net_txn_volume,330000,2024年前三季度,75,亿元,\n"   /* 5 ytd */
	    "net_txn_volume,330000,2024年1-2月,5,亿元,1-2月\n"
	    "net_txn_volume,330000,2024.03,4,亿元,当月\n"
	    "net_txn_volume,330000,Apr-24,4,亿元,\n"            /* 8 */
	    "net_txn_volume,330000,2024/5/1,4,亿元,\n"
	    "net_txn_volume,330000,2024年6月,—,亿元,\n"         /* skip */
	    "net_txn_volume,330000,2024年7月,…,亿元,\n"
	    "net_txn_volume,330000,2024年8月,-,亿元,\n"
	    "net_txn_volume,330000,2024年9月,..,亿元,\n"
	    "net_txn_volume,330000,2024年10月,/,亿元,\n"
	    "net_txn_volume,330000,2024年1-3月,1,亿元,当月\n"   /* 15 */
	    "net_txn_volume,330000,2024年2-3月,1,亿元,\n"
	    "net_txn_volume,330000,2024-04,1,亿元,1-3月\n"
	    "net_txn_volume,330000,2024/5/2,1,亿元,\n"
	    "net_txn_volume,330000,2024年11月,,亿元,\n"), 0);  /* 19 */
	assert_int_equal(fx->res.n.skipped, 5);
	assert_int_equal(fx->res.warnings, 2);
	counts(fx, 18, 8, 0, 0, 5);
	assert_int_equal(fx->rej_line[0], 15);
	assert_string_equal(fx->rej[0], "period '2024年1-3月' is year to "
	    "date, basis '当月' says the period itself");
	assert_true(tu_contains(fx->rej[1], "does not start in January"));
	assert_string_equal(fx->rej[2], "basis '1-3月' does not end in "
	    "period '2024-04'");
	assert_true(tu_contains(fx->rej[3], "a date, not a month"));
	assert_string_equal(fx->rej[4], "missing value");
	scan(fx);
	assert_int_equal(fx->nobs, 8);
	check_obs(fx, 0, "net_txn_volume", "330000", 1202400, BASIS_PERIOD,
	    100);
	check_obs(fx, 1, "net_txn_volume", "330000", 2202401, BASIS_PERIOD,
	    50);
	check_obs(fx, 2, "net_txn_volume", "330000", 3202401, BASIS_PERIOD,
	    10);
	check_obs(fx, 3, "net_txn_volume", "330000", 4202402, BASIS_YTD, 5);
	check_obs(fx, 4, "net_txn_volume", "330000", 4202403, BASIS_PERIOD,
	    4);
	check_obs(fx, 5, "net_txn_volume", "330000", 4202404, BASIS_PERIOD,
	    4);
	check_obs(fx, 6, "net_txn_volume", "330000", 4202405, BASIS_PERIOD,
	    4);
	check_obs(fx, 7, "net_txn_volume", "330000", 4202409, BASIS_YTD, 75);
}

/* The portal's wide export: metadata lines, unit in the indicator cell,
 * newest first, an empty cell skipped, notes after the table. */
static void
wide_portal_export(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(ingest(fx, "w.csv",
	    "数据库：年度数据\n"
	    "地区：浙江省\n"
	    "指标,2024年,2023年,2022年\n"
	    "网络零售额(亿元),28900.5,,27042.1\n"
	    "平台网络交易额（万亿元）,4.1,x,—\n"
	    "注：全省口径。\n"
	    "数据来源：浙江省统计局\n"), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	counts(fx, 6, 3, 0, 0, 1);
	assert_int_equal(fx->res.n.skipped, 2);
	assert_int_equal(fx->rej_line[0], 5);
	assert_string_equal(fx->rej[0], "column '2023年': bad value 'x': not "
	    "a number");
	scan(fx);
	assert_int_equal(fx->nobs, 3);
	check_obs(fx, 0, "net_txn_volume", "330000", 1202400, BASIS_PERIOD,
	    41000);
	check_obs(fx, 1, "online_retail_sales", "330000", 1202200,
	    BASIS_PERIOD, 27042.1);
}

/* The unit in brackets at the end of an indicator cell. */
static void
layout_split_units(void **state)
{
	const char *u;
	size_t nl, ul;

	(void)state;
	assert_true(layout_split_unit("软件业务收入(亿元)",
	    strlen("软件业务收入(亿元)"), &nl, &u, &ul));
	assert_int_equal(nl, strlen("软件业务收入"));
	assert_int_equal(ul, strlen("亿元"));
	assert_memory_equal(u, "亿元", ul);
	assert_true(layout_split_unit("用户数（万户）", strlen("用户数（万户）"),
	    &nl, &u, &ul));
	assert_int_equal(nl, strlen("用户数"));
	assert_memory_equal(u, "万户", ul);
	assert_false(layout_split_unit("(亿元)", 8, &nl, &u, &ul));
	assert_false(layout_split_unit("收入()", strlen("收入()"), &nl, &u,
	    &ul));
	assert_false(layout_split_unit("收入", strlen("收入"), &nl, &u, &ul));
}

/* What a release table's title, item names and second header row say. */
static void
layout_release_words(void **state)
{
	const char *t;
	size_t n;

	(void)state;
	t = "2024年1-10月份社会消费品零售总额主要数据";
	assert_int_equal(layout_year(t, strlen(t)), 2024);
	t = "最近5年";
	assert_int_equal(layout_year(t, strlen(t)), 0);
	t = "12024年";            /* five digits: no year */
	assert_int_equal(layout_year(t, strlen(t)), 0);
	t = "1899年";
	assert_int_equal(layout_year(t, strlen(t)), 0);
	t = "统计时间：2023年12月";
	assert_int_equal(layout_year(t, strlen(t)), 2023);
	t = "其中：实物商品网上零售额";
	n = strlen(t);
	t = layout_item_name(t, &n);
	assert_int_equal(n, strlen("实物商品网上零售额"));
	assert_memory_equal(t, "实物商品网上零售额", n);
	t = "\u3000\u3000其中:城镇";
	n = strlen(t);
	t = layout_item_name(t, &n);
	assert_int_equal(n, strlen("城镇"));
	t = "网上零售额";
	n = strlen(t);
	assert_ptr_equal(layout_item_name(t, &n), t);
	assert_int_equal(layout_measure_of("绝对量（亿元）",
	    strlen("绝对量（亿元）")), LAYOUT_M_LEVEL);
	assert_int_equal(layout_measure_of("同比增长（%）",
	    strlen("同比增长（%）")), LAYOUT_M_GROWTH);
	assert_int_equal(layout_measure_of("比上年同期增长(%)",
	    strlen("比上年同期增长(%)")), LAYOUT_M_GROWTH);
	assert_int_equal(layout_measure_of("累计", strlen("累计")),
	    LAYOUT_M_LEVEL);
	assert_int_equal(layout_measure_of(" ", 1), LAYOUT_M_NONE);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

/* The batch size is a run-time setting: with batches of 4 rows, a file of
 * 30 is sorted in runs and merged, and stores what one batch stores: the
 * same observations, a key repeated across batches rejected as a
 * duplicate of its first line, the counts adding up. */
static void
test_small_batches(void **state)
{
	struct fx *fx = *state;
	struct buf t = BUF_INIT;
	struct period p;
	int y;

	buf_adds(&t, "indicator,region,period,value\n");
	for (y = 2030; y > 2001; y--)       /* 29 rows, newest first */
		buf_addf(&t, "net_txn_volume,330000,%d,%d.5\n", y, y);
	buf_adds(&t, "net_txn_volume,330000,2029,1\n");    /* line 31 */
	fx->opts.batch_rows = 4;
	assert_int_equal(ingest(fx, "b.csv", buf_str(&t)), 0);
	fx->opts.batch_rows = 0;
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	assert_int_equal(fx->res.n.rows, 30);
	assert_int_equal(fx->res.n.inserted, 29);
	assert_int_equal(fx->res.n.rejected, 1);
	assert_int_equal(fx->nrej, 1);
	assert_string_equal(fx->rej[0], "duplicate of line 3");
	assert_int_equal(fx->rej_line[0], 31);
	scan(fx);
	assert_int_equal(fx->nobs, 29);
	assert_int_equal(period_parse("2002", 4, &p, NULL), 0);
	check_obs(fx, 0, "net_txn_volume", "330000", period_key(&p),
	    BASIS_PERIOD, 2002.5);
	assert_int_equal(period_parse("2030", 4, &p, NULL), 0);
	check_obs(fx, 28, "net_txn_volume", "330000", period_key(&p),
	    BASIS_PERIOD, 2030.5);
	/* The runs really are used: they need the temporary directory,
	 * which one batch of 30 rows never does. */
	fx->opts.tmpdir = "/nonexistent/pemetrics-test";
	fx->opts.force = true;
	assert_int_equal(ingest(fx, "b.csv", buf_str(&t)), 0);
	assert_int_equal(fx->res.status, INGEST_INGESTED);
	fx->opts.batch_rows = 4;
	assert_int_equal(ingest(fx, "b.csv", buf_str(&t)), PM_EIO);
	fx->opts.batch_rows = 0;
	fx->opts.tmpdir = NULL;
	fx->opts.force = false;
	buf_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(good_file), T(bad_rows_rejected_with_reasons),
		T(reingest_skip_force_revise), T(bad_header_fails_whole_file),
		T(unusable_and_empty_inputs), T(dry_run_needs_no_store),
		T(interrupted_runs_store_nothing), T(kinds_units_and_basis),
		T(value_reasons_quote_the_value), T(gb18030_input),
		T(chinese_header_names), T(unknown_header_lists_names),
		T(chinese_provenance_names),
		T(periods_basis_and_skips), T(wide_portal_export),
		T(test_small_batches),
		cmocka_unit_test(layout_split_units),
		cmocka_unit_test(layout_release_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
