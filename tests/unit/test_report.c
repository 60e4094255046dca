/* Unit tests for core/report (what changed since the last report, built
 * from an in-memory store and the real catalogue) and for esc_html, the
 * one escaper of the HTML report. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/period.h"
#include "core/progress.h"
#include "core/report.h"
#include "core/store.h"
#include "core/summary.h"
#include "render/escape.h"
#include "util/buf.h"
#include "util/err.h"
#include "testutil.h"

#define REAL_CATALOG "datasets/catalog"

struct fx {
	struct catalog *cat;
	struct store *st;
	long long file;
	unsigned long line;
	int nfiles;
	struct progress_config cfg;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct pm_err err = PM_ERR_INIT;

	if (fx == NULL)
		return -1;
	progress_config_default(&fx->cfg);
	if (catalog_load(REAL_CATALOG, &fx->cat, &err) != 0 ||
	    fx->cat->nfatal != 0 ||
	    store_open(NULL, STORE_MEMORY, &fx->st, &err) != 0) {
		catalog_free(fx->cat);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	store_close(fx->st);
	catalog_free(fx->cat);
	free(fx);
	return 0;
}

/* Start a new ingested file (its own transaction). */
static void
file_begin(struct fx *fx)
{
	struct pm_err err = PM_ERR_INIT;
	char sha[65];
	struct store_file f = { sha, "f.csv", "UTF-8", 1 };

	snprintf(sha, sizeof(sha), "%064d", ++fx->nfiles);
	assert_int_equal(store_begin(fx->st, &err), 0);
	assert_int_equal(store_file_add(fx->st, &f, &fx->file, &err), 0);
	fx->line = 1;
}

static void
file_end(struct fx *fx)
{
	struct pm_err err = PM_ERR_INIT;

	assert_int_equal(store_commit(fx->st, &err), 0);
}

static void
put(struct fx *fx, const char *ind, const char *reg, int year, double value,
    enum store_put want)
{
	int i = catalog_indicator(fx->cat, ind, strlen(ind));
	struct pm_err err = PM_ERR_INIT;
	struct store_obs o;
	struct period p = { FREQ_Y, year, 0 };
	enum store_put res;
	unsigned long dup = 0;

	assert_true(i >= 0);
	memset(&o, 0, sizeof(o));
	assert_int_equal(store_indicator_id(fx->st, ind,
	    fx->cat->units[fx->cat->indicators[i].unit].unit, &o.ind, &err),
	    0);
	assert_int_equal(store_region_id(fx->st, reg, &o.reg, &err), 0);
	o.period = period_key(&p);
	o.value = value;
	assert_int_equal(store_put(fx->st, &o, fx->file, ++fx->line, &res,
	    &dup, &err), 0);
	assert_int_equal(res, want);
}

/* Build the summary as of 'year', the report, and record it. */
static void
make(struct fx *fx, int year, struct summary *s, struct report *r)
{
	struct pm_err err = PM_ERR_INIT;
	struct period p = { FREQ_Y, year, 0 };
	long long last;
	int region = catalog_region(fx->cat, "330000", 6);

	assert_int_equal(store_file_last(fx->st, &last, &err), 0);
	assert_int_equal(summary_build(fx->st, fx->cat, region, &p, &fx->cfg,
	    s, &err), 0);
	if (report_build(fx->st, s, last, r, &err) != 0)
		fail_msg("report_build: %s", err.msg);
	if (report_record(fx->st, r, &err) != 0 ||
	    store_commit(fx->st, &err) != 0)
		fail_msg("report_record: %s", err.msg);
}

static void
test_changes(void **state)
{
	struct fx *fx = *state;
	struct summary s1, s2, s3;
	struct report r1, r2, r3;
	struct pm_err err = PM_ERR_INIT;
	int ih = catalog_indicator(fx->cat, "internet_hospitals", 18);
	size_t i;
	bool found = false;

	/* internet_hospitals: target 400 in 2027 from 2022. */
	file_begin(fx);
	put(fx, "internet_hospitals", "330000", 2022, 200, PUT_INSERTED);
	put(fx, "internet_hospitals", "330000", 2023, 250, PUT_INSERTED);
	put(fx, "internet_hospitals", "330000", 2024, 300, PUT_INSERTED);
	assert_int_equal(store_reject_add(fx->st, fx->file, 9, "bad value", NULL, 0,
	    &err), 0);
	file_end(fx);
	make(fx, 2024, &s1, &r1);
	assert_false(r1.has_prev);
	assert_int_equal(r1.nchanges, 0);
	assert_int_equal(r1.nrevisions, 0);
	/* No earlier report: the rejects of every file. */
	assert_int_equal(r1.nrejects, 1);
	assert_int_equal(r1.rejects[0].nrejected, 1);
	assert_int_equal(r1.rejects[0].first[0].line, 9);
	assert_string_equal(r1.rejects[0].first[0].reason, "bad value");
	assert_int_equal(s1.indicators[ih].progress.status,
	    PROGRESS_SUBSTANTIAL);

	/* A revision of 2024 down, 2025 lower still, a value for 2026 (after
	 * the as-of) revised too, and a rejected row of the new file. */
	file_begin(fx);
	put(fx, "internet_hospitals", "330000", 2024, 150, PUT_REVISED);
	put(fx, "internet_hospitals", "330000", 2025, 140, PUT_INSERTED);
	put(fx, "internet_hospitals", "330000", 2026, 1, PUT_INSERTED);
	assert_int_equal(store_reject_add(fx->st, fx->file, 4, "x", "2025-05", 7, &err), 0);
	assert_int_equal(store_reject_add(fx->st, fx->file, 2, "y", NULL, 0, &err), 0);
	file_end(fx);
	file_begin(fx);
	put(fx, "internet_hospitals", "330000", 2024, 160, PUT_REVISED);
	put(fx, "internet_hospitals", "330000", 2026, 2, PUT_REVISED);
	file_end(fx);
	make(fx, 2025, &s2, &r2);
	assert_true(r2.has_prev);
	assert_int_equal(r2.prev_period.year, 2024);
	assert_int_equal(r2.prev_period.freq, FREQ_Y);
	/* One revision per key: the value of the earlier report, the value
	 * now; the 2026 key is after the as-of and was new besides. */
	assert_int_equal(r2.nrevisions, 1);
	assert_int_equal(r2.revisions[0].indicator, ih);
	assert_int_equal(r2.revisions[0].p.year, 2024);
	assert_double_exact(r2.revisions[0].before, 300);
	assert_true(r2.revisions[0].has_after);
	assert_double_exact(r2.revisions[0].after, 160);
	/* Only the files since the earlier report, rows by line. */
	assert_int_equal(r2.nrejects, 1);
	assert_int_equal(r2.rejects[0].nrejected, 2);
	assert_int_equal(r2.rejects[0].nfirst, 2);
	assert_int_equal(r2.rejects[0].first[0].line, 2);
	assert_string_equal(r2.rejects[0].first[1].reason, "x");
	/* 200 -> 140: deterioration now, on track before. */
	assert_int_equal(s2.indicators[ih].progress.status,
	    PROGRESS_DETERIORATION);
	for (i = 0; i < r2.nchanges; i++)
		if (r2.changes[i].level == REPORT_INDICATOR &&
		    r2.changes[i].index == ih) {
			found = true;
			assert_int_equal(r2.changes[i].before,
			    PROGRESS_SUBSTANTIAL);
			assert_int_equal(r2.changes[i].after,
			    PROGRESS_DETERIORATION);
		}
	assert_true(found);

	/* The same period again still compares with 2024, not with itself;
	 * an earlier period has no earlier report. */
	make(fx, 2025, &s3, &r3);
	assert_true(r3.has_prev);
	assert_int_equal(r3.prev_period.year, 2024);
	assert_int_equal(r3.nrevisions, 1);
	report_release(&r3);
	summary_release(&s3);
	make(fx, 2023, &s3, &r3);
	assert_false(r3.has_prev);

	report_release(&r1);
	report_release(&r2);
	report_release(&r3);
	summary_release(&s1);
	summary_release(&s2);
	summary_release(&s3);
}

static void
test_region_within(void **state)
{
	struct fx *fx = *state;
	int zj = catalog_region(fx->cat, "330000", 6);
	int hz = catalog_region(fx->cat, "330100", 6);

	assert_true(report_region_within(fx->cat, hz, zj));
	assert_true(report_region_within(fx->cat, zj, zj));
	assert_false(report_region_within(fx->cat, zj, hz));
}

static void
html_is(const char *in, size_t n, const char *want)
{
	struct buf b = BUF_INIT;

	esc_html(&b, in, n);
	assert_string_equal(buf_str(&b), want);
	buf_release(&b);
}

static void
test_esc_html(void **state)
{
	(void)state;
	html_is("<script>alert(1)</script>", 25,
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	html_is("a & b \"c\" 'd'", 13, "a &amp; b &quot;c&quot; &#39;d&#39;");
	html_is("平台\t网络\n", 14, "平台\t网络\n");
	/* Control characters dropped, C1 and noncharacters too. */
	html_is("a\x01\x1b\x7f" "b", 5, "ab");
	html_is("a\xc2\x85" "b", 4, "ab");
	html_is("a\xef\xbf\xbe" "b", 5, "ab");
	html_is("a\xef\xb7\x90" "b", 5, "ab");
	/* Invalid UTF-8: each bad byte becomes U+FFFD; NUL is dropped. */
	html_is("a\xff" "b", 3, "a\xef\xbf\xbd" "b");
	html_is("\xe5\xb9", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	html_is("a\0b", 3, "ab");
	html_is("\xed\xa0\x80", 3,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_within, setup,
		    teardown),
		cmocka_unit_test(test_esc_html),
	};

	return cmocka_run_group_tests(t, NULL, NULL);
}
