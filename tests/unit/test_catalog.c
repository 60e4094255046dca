/* Unit tests for core/catalog: the real catalogue in datasets/catalog (the
 * tests run from the repository root), then small broken catalogues
 * written to a temporary directory, one mistake each. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "testutil.h"

#define REAL_CATALOG "datasets/catalog"

struct fx {
	char *dir;
	struct catalog *cat;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	fx->dir = tu_mkdtemp();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	catalog_free(fx->cat);
	tu_rmrf(fx->dir);
	free(fx->dir);
	free(fx);
	return 0;
}

static void
show_problems(const struct catalog *cat)
{
	size_t i;

	for (i = 0; i < cat->nproblems; i++)
		print_message("  %s:%lu: %s%s\n", cat->problems[i].file,
		    cat->problems[i].line, cat->problems[i].msg,
		    cat->problems[i].fatal ? " (fatal)" : "");
}

static int
lookup(int (*fn)(const struct catalog *, const char *, size_t),
    const struct catalog *cat, const char *s)
{
	return fn(cat, s, strlen(s));
}

static void
real_catalogue(void **state)
{
	struct fx *fx = *state;
	struct pm_err err = PM_ERR_INIT;
	const struct catalog *cat;
	const struct cat_indicator *d;
	int hz, zj, i;

	assert_int_equal(catalog_load(REAL_CATALOG, &fx->cat, &err), 0);
	cat = fx->cat;
	if (cat->nfatal)
		show_problems(cat);
	assert_int_equal(cat->nfatal, 0);
	assert_int_equal(cat->nmeasures, 25);
	assert_int_equal(cat->nsystems, 5);
	assert_true(cat->nindicators >= 40);
	assert_true(cat->nregions >= 12);

	hz = lookup(catalog_region, cat, "330100");
	assert_true(hz >= 0);
	assert_string_equal(cat->regions[hz].code, "330100");
	assert_int_equal(lookup(catalog_region, cat, "Hangzhou"), hz);
	assert_int_equal(lookup(catalog_region, cat, "hangzhou"), hz);
	assert_int_equal(lookup(catalog_region, cat, "HANGZHOU"), hz);
	assert_int_equal(lookup(catalog_region, cat, " Hangzhou\t"), hz);
	assert_int_equal(lookup(catalog_region, cat, "杭州市"), hz);
	assert_int_equal(lookup(catalog_region, cat, "杭州"), hz);
	assert_int_equal(lookup(catalog_region, cat, "Atlantis"), -1);
	assert_int_equal(lookup(catalog_region, cat, ""), -1);
	assert_int_equal(lookup(catalog_region, cat, "杭"), -1);
	zj = lookup(catalog_region, cat, "浙江省");
	assert_true(zj >= 0 && zj != hz);
	assert_int_equal(cat->regions[hz].parent, zj);
	assert_int_equal(cat->regions[zj].parent, -1);

	i = lookup(catalog_indicator, cat, "net_txn_volume");
	assert_true(i >= 0);
	assert_int_equal(lookup(catalog_indicator, cat, " NET_TXN_VOLUME "), i);
	d = &cat->indicators[i];
	assert_string_equal(d->code, "net_txn_volume");
	assert_string_equal(cat->units[d->unit].unit, "亿元");
	assert_int_equal(d->kind, KIND_FLOW);
	assert_string_equal(catalog_kind_name(d->kind), "flow");
	assert_int_equal(d->direction, 1);
	assert_true(d->has_target);
	assert_double_exact(d->target_value, 87000);
	assert_int_equal(d->target_year, 2027);
	assert_int_equal(d->base_year, 2022);
	assert_int_equal(d->nmeasures, 2);
	assert_string_equal(cat->measures[d->measures[0]].id, "M05");
	assert_string_equal(cat->measures[d->measures[1]].id, "M11");

	i = lookup(catalog_indicator, cat, "online_operators");
	assert_true(i >= 0);
	d = &cat->indicators[i];
	assert_string_equal(cat->units[d->unit].unit, "户");
	assert_int_equal(d->kind, KIND_STOCK);
	assert_string_equal(catalog_kind_name(d->kind), "stock");
	assert_int_equal(lookup(catalog_indicator, cat, "platform_gmv"), -1);

	i = lookup(catalog_unit, cat, "万元");
	assert_true(i >= 0);
	assert_string_equal(cat->units[i].dimension, "money");
	assert_double_exact(cat->units[i].factor, 1e4);
	assert_true(lookup(catalog_measure, cat, "m05") >= 0);
	assert_true(lookup(catalog_system, cat, "Innovation") >= 0);
	assert_string_equal(catalog_kind_name(KIND_RATE), "rate");
}

/* A small good catalogue; each test replaces one file. */
static const char units_csv[] =
	"unit,dimension,factor\n亿元,money,1e8\n万元,money,1e4\n户,count,1\n";
static const char systems_csv[] =
	"id,name_en,name_zh\ninnovation,Innovation,创新\nrules,Rules,规则\n";
static const char measures_csv[] =
	"id,system,name_en,name_zh,source_excerpt\n"
	"M01,innovation,A,甲,x\n"
	"M02,rules,B,乙,\"y, with comma\"\n";
#define IND_HEAD "code,name_en,name_zh,unit,kind,direction,measures," \
	"base_year,target_value,target_year,target_growth,limit\n"
static const char indicators_csv[] = IND_HEAD
	"net_txn_volume,Net,网,亿元,flow,increase,M01,2022,87000,2027,,\n"
	"online_operators,Ops,户数,户,stock,decrease,M02;M01,2022,,,,\n";
#define REG_HEAD "code,name_en,name_zh,parent,level,aliases\n"
static const char regions_csv[] = REG_HEAD
	"330000,Zhejiang,浙江省,,province,浙江\n"
	"330100,Hangzhou,杭州市,330000,city,杭州\n";

/* Write the good catalogue with 'file' replaced by 'text' (NULL: left
 * out), and load it. */
static struct catalog *
load_with(struct fx *fx, const char *file, const char *text)
{
	static const struct {
		const char *name, *text;
	} files[] = {
		{ "units.csv", units_csv }, { "systems.csv", systems_csv },
		{ "measures.csv", measures_csv },
		{ "indicators.csv", indicators_csv },
		{ "regions.csv", regions_csv },
	};
	struct pm_err err = PM_ERR_INIT;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *p = tu_path(fx->dir, files[i].name);
		bool repl = file && strcmp(file, files[i].name) == 0;

		if (!repl)
			tu_write(p, files[i].text, strlen(files[i].text));
		else if (text)
			tu_write(p, text, strlen(text));
		else
			unlink(p);
		free(p);
	}
	catalog_free(fx->cat);
	fx->cat = NULL;
	assert_int_equal(catalog_load(fx->dir, &fx->cat, &err), 0);
	assert_non_null(fx->cat);
	return fx->cat;
}

/* The problem in 'file' at 'line' whose message contains 'msg'; fails
 * the test, showing every problem, when there is none. */
static const struct cat_problem *
expect(const struct catalog *cat, const char *file, unsigned long line,
    const char *msg, bool fatal)
{
	size_t i, nfatal = 0;

	for (i = 0; i < cat->nproblems; i++)
		nfatal += cat->problems[i].fatal;
	assert_int_equal(nfatal, cat->nfatal);
	for (i = 0; i < cat->nproblems; i++) {
		const struct cat_problem *p = &cat->problems[i];

		if (strcmp(p->file, file) == 0 && p->line == line &&
		    tu_contains(p->msg, msg)) {
			assert_int_equal(p->fatal, fatal);
			return p;
		}
	}
	show_problems(cat);
	fail_msg("no problem %s:%lu: %s", file, line, msg);
	return NULL;
}

static void
small_catalogue_is_clean(void **state)
{
	struct catalog *cat = load_with(*state, NULL, NULL);

	if (cat->nproblems)
		show_problems(cat);
	assert_int_equal(cat->nproblems, 0);
	assert_int_equal(cat->nindicators, 2);
	assert_int_equal(cat->nregions, 2);
	assert_int_equal(cat->indicators[1].direction, -1);
	assert_int_equal(cat->indicators[1].nmeasures, 2);
	assert_false(cat->indicators[1].has_target);
	assert_string_equal(cat->measures[1].excerpt, "y, with comma");
	assert_int_equal(cat->regions[1].line, 3);
}

static void
duplicate_indicator(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", IND_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01,2022,,,,\n"
	    "online_operators,Ops,户数,户,stock,increase,M02,2022,,,,\n"
	    "net_txn_volume,Again,网,亿元,flow,increase,M01,2022,,,,\n");

	expect(cat, "indicators.csv", 4,
	    "duplicate indicator 'net_txn_volume' (first on line 2)", true);
	assert_int_equal(cat->nindicators, 2);
	assert_string_equal(cat->indicators[0].name_en, "Net");
}

static void
unknown_unit(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", IND_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01,2022,,,,\n"
	    "online_operators,Ops,户数,万户,stock,increase,M02,2022,,,,\n");

	expect(cat, "indicators.csv", 3, "unit '万户' is not in units.csv",
	    true);
	assert_int_equal(cat->nindicators, 1);
}

static void
unknown_measure(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", IND_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01;M99,2022,,,,\n"
	    "online_operators,Ops,户数,户,stock,increase,M02,2022,,,,\n");

	expect(cat, "indicators.csv", 2, "unknown measure 'M99'", true);
}

static void
unknown_system(void **state)
{
	struct catalog *cat = load_with(*state, "measures.csv",
	    "id,system,name_en,name_zh,source_excerpt\n"
	    "M01,innovation,A,甲,x\n"
	    "M02,nowhere,B,乙,y\n");

	expect(cat, "measures.csv", 3, "unknown system 'nowhere'", true);
	assert_int_equal(cat->nmeasures, 1);
}

static void
unknown_parent(void **state)
{
	struct catalog *cat = load_with(*state, "regions.csv", REG_HEAD
	    "330000,Zhejiang,浙江省,,province,浙江\n"
	    "330100,Hangzhou,杭州市,339999,city,杭州\n");

	expect(cat, "regions.csv", 3, "unknown parent region '339999'", true);
}

static void
parent_cycle(void **state)
{
	struct catalog *cat = load_with(*state, "regions.csv", REG_HEAD
	    "330000,Zhejiang,浙江省,,province,浙江\n"
	    "330100,Hangzhou,杭州市,330200,city,杭州\n"
	    "330200,Ningbo,宁波市,330100,city,宁波\n"
	    "330300,Wenzhou,温州市,330300,city,温州\n");

	/* Reporting the first region of the loop is enough to refuse it. */
	expect(cat, "regions.csv", 3, "region 330100 is in a cycle", true);
	expect(cat, "regions.csv", 5, "own parent", true);
}

static void
alias_reused(void **state)
{
	struct catalog *cat = load_with(*state, "regions.csv", REG_HEAD
	    "330000,Zhejiang,浙江省,,province,浙江\n"
	    "330100,Hangzhou,杭州市,330000,city,杭州\n"
	    "330200,Ningbo,宁波市,330000,city,宁波;杭州\n");

	expect(cat, "regions.csv", 4,
	    "'杭州' already names region 330100 (line 3)", true);
	/* The first owner keeps the name. */
	assert_string_equal(cat->regions[catalog_region(cat, "杭州",
	    strlen("杭州"))].code, "330100");
}

static void
bad_kind(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", IND_HEAD
	    "net_txn_volume,Net,网,亿元,flux,increase,M01,2022,,,,\n"
	    "online_operators,Ops,户数,户,stock,increase,M02,2022,,,,\n");

	expect(cat, "indicators.csv", 2, "bad kind 'flux'", true);
}

static void
bad_target_year(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", IND_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01,2022,87000,2022,,\n"
	    "online_operators,Ops,户数,户,stock,increase,M02,2022,5,20x7,,\n");

	expect(cat, "indicators.csv", 2,
	    "target_year 2022 is not after base_year 2022", true);
	expect(cat, "indicators.csv", 3, "bad target_year '20x7'", true);
}

static void
missing_column(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv",
	    "code,name_en,name_zh,unit,direction,measures\n"
	    "net_txn_volume,Net,网,亿元,increase,M01\n");

	expect(cat, "indicators.csv", 1, "missing column 'kind'", true);
	assert_int_equal(cat->nindicators, 0);
}

static void
measure_without_indicator(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", IND_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01,2022,,,,\n");

	expect(cat, "measures.csv", 3, "measure 'M02' has no indicator",
	    false);
	assert_int_equal(cat->nfatal, 0);
	assert_int_equal(cat->nproblems, 1);
}

static void
missing_file(void **state)
{
	struct catalog *cat = load_with(*state, "systems.csv", NULL);

	expect(cat, "systems.csv", 0, "No such file", true);
	expect(cat, "measures.csv", 2, "unknown system 'innovation'", true);
}

static void
missing_directory(void **state)
{
	struct fx *fx = *state;
	struct pm_err err = PM_ERR_INIT;
	char *dir = tu_path(fx->dir, "no-such-dir");
	int rc = catalog_load(dir, &fx->cat, &err);

	free(dir);
	/* catalog.h: "Fails only when 'dir' itself cannot be read". */
	assert_int_equal(rc, PM_EIO);
	assert_null(fx->cat);
}

/* The office's extension columns, at the end of the header; a row may
 * stop before them. */
#define EXT_HEAD "code,name_en,name_zh,unit,kind,direction,measures," \
	"base_year,target_value,target_year,target_growth,limit,base_value," \
	"growth_basis,breaks,role,decimals\n"

static void
extension_columns(void **state)
{
	struct catalog *cat = load_with(*state, "indicators.csv", EXT_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01,2020,170000,2025,,,"
	    "117600,published,2023;2021,context,2\n"
	    "online_operators,Ops,户数,户,stock,decrease,M02,2022,,,,\n");
	const struct cat_indicator *d;

	if (cat->nproblems)
		show_problems(cat);
	assert_int_equal(cat->nproblems, 0);
	assert_int_equal(cat->max_age, CATALOG_MAX_AGE);
	d = &cat->indicators[0];
	assert_true(d->has_base_value);
	assert_true(d->base_value == 117600);
	assert_true(d->growth_published);
	assert_int_equal(d->nbreaks, 2);
	assert_int_equal(d->breaks[0], 2021);     /* ascending */
	assert_int_equal(d->breaks[1], 2023);
	assert_true(d->context);
	assert_int_equal(d->decimals, 2);
	d = &cat->indicators[1];
	assert_false(d->has_base_value);
	assert_false(d->growth_published);
	assert_int_equal(d->nbreaks, 0);
	assert_false(d->context);
	assert_int_equal(d->decimals, -1);
}

static void
extension_errors(void **state)
{
	struct fx *fx = *state;
	struct catalog *cat = load_with(fx, "indicators.csv", EXT_HEAD
	    "net_txn_volume,Net,网,亿元,flow,increase,M01,2020,,,,,,chained,,,\n"
	    "online_operators,Ops,户数,户,stock,decrease,M02,2022,,,,,,,20x3,"
	    "main,7\n");

	expect(cat, "indicators.csv", 2,
	    "bad growth_basis 'chained' (levels or published)", true);
	expect(cat, "indicators.csv", 3, "bad year '20x3' in breaks", true);
	expect(cat, "indicators.csv", 3, "bad role 'main'", true);
	expect(cat, "indicators.csv", 3, "bad decimals '7' (0 to 6)", true);
}

/* A qualitative measure needs no indicator; settings.csv sets max_age. */
static void
qualitative_measure_and_settings(void **state)
{
	struct fx *fx = *state;
	char *p = tu_path(fx->dir, "settings.csv");
	struct catalog *cat;

	tu_write(p, "setting,value\nmax_age,3\n", 24);
	cat = load_with(fx, "measures.csv",
	    "id,system,name_en,name_zh,source_excerpt,kind\n"
	    "M01,innovation,A,甲,x,\n"
	    "M02,rules,B,乙,y,qualitative\n"
	    "M03,rules,C,丙,z,quantitative\n");
	expect(cat, "measures.csv", 4, "measure 'M03' has no indicator",
	    false);
	assert_false(cat->measures[0].qualitative);
	assert_true(cat->measures[1].qualitative);
	assert_int_equal(cat->max_age, 3);
	/* M02 is qualitative with an indicator: said, not an error. */
	expect(cat, "measures.csv", 3, "is qualitative but has indicators",
	    false);
	assert_int_equal(cat->nfatal, 0);
	unlink(p);
	free(p);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(real_catalogue), T(small_catalogue_is_clean),
		T(duplicate_indicator), T(unknown_unit), T(unknown_measure),
		T(unknown_system), T(unknown_parent), T(parent_cycle),
		T(alias_reused), T(bad_kind), T(bad_target_year),
		T(missing_column), T(measure_without_indicator),
		T(missing_file), T(missing_directory), T(extension_columns),
		T(extension_errors), T(qualitative_measure_and_settings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
