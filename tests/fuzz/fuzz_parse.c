/* tests/fuzz/fuzz_parse.c - libFuzzer target for the parsers a cell goes
 * through: period_parse(), value_parse() with value_convert(), and the
 * catalogue look-ups of regions, indicators and units, on arbitrary bytes
 * (NUL bytes, invalid UTF-8 and over-long input included).
 *
 * Invariants, abort() when broken:
 *  - period_parse() success: the period is in range, period_format() of
 *    it parses back to the same key, and period_from_key() of the key
 *    gives the same period; failure: a reason;
 *  - value_parse() success: a finite value, never -0, percent only when
 *    the text has a '%'; VALUE_EMPTY only for blank text; VALUE_BAD: a
 *    reason; value_convert() between any two units of the catalogue
 *    gives a finite value or false;
 *  - look-ups: -1 or an index into the table, and the entry found is
 *    found again by its own code.
 *
 * Process state: libFuzzer calls LLVMFuzzerTestOneInput() many times in
 * one process, and a fuzz target may keep state between calls as long as
 * no input's outcome depends on an earlier one. This one keeps the
 * catalogue, loaded once behind a flag from $PEMETRICS_CATALOG or
 * "datasets/catalog" under the working directory, read-only after.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/period.h"
#include "core/value.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool ready;
static struct catalog *cat;             /* read-only after setup() */

static void
die(const char *what, const char *s, size_t n)
{
	fprintf(stderr, "fuzz_parse: %s: '%.*s'\n", what,
	    (int)(n > 200 ? 200 : n), s);
	abort();
}

static void
setup(void)
{
	const char *dir = getenv("PEMETRICS_CATALOG");
	struct pm_err err = PM_ERR_INIT;

	if (dir == NULL || *dir == '\0')
		dir = "datasets/catalog";
	if (catalog_load(dir, &cat, &err) != 0 || cat->nfatal) {
		fprintf(stderr, "fuzz_parse: catalogue '%s' cannot be used "
		    "(%s); run from the source tree or set "
		    "PEMETRICS_CATALOG\n", dir, err.msg);
		exit(2);
	}
	ready = true;
}

static bool
is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static void
check_period(const char *s, size_t n)
{
	struct period p, q, k;
	const char *why = NULL;
	char text[PERIOD_TEXT_MAX];
	int per;

	if (period_parse(s, n, &p, &why) != 0) {
		if (why == NULL || *why == '\0')
			die("period_parse failed without a reason", s, n);
		return;
	}
	per = period_per_year(p.freq);
	if (per == 0 || p.year < PERIOD_YEAR_MIN || p.year > PERIOD_YEAR_MAX ||
	    (p.freq == FREQ_Y ? p.sub != 0 : p.sub < 1 || p.sub > per))
		die("period out of range", s, n);
	period_format(&p, text);
	if (period_parse(text, strlen(text), &q, &why) != 0 ||
	    period_key(&q) != period_key(&p) || !period_equal(&p, &q))
		die("period does not round-trip through period_format", s, n);
	if (period_from_key(period_key(&p), &k) != 0 || !period_equal(&p, &k))
		die("period does not round-trip through its key", s, n);
}

static void
check_value(const char *s, size_t n)
{
	const char *why = NULL;
	bool pct = false;
	double v = 0, w;
	size_t i, j;

	switch (value_parse(s, n, &v, &pct, &why)) {
	case VALUE_OK:
		if (!isfinite(v))
			die("value_parse gave a value that is not finite", s,
			    n);
		if (v == 0 && signbit(v))
			die("value_parse gave -0", s, n);
		if (pct && memchr(s, '%', n) == NULL)
			die("value_parse found a percent sign that is not "
			    "there", s, n);
		break;
	case VALUE_EMPTY:
		if (!is_blank(s, n))
			die("value_parse called text empty", s, n);
		return;
	case VALUE_BAD:
		if (why == NULL || *why == '\0')
			die("value_parse failed without a reason", s, n);
		return;
	default:
		die("value_parse returned no enum value_result", s, n);
	}
	for (i = 0; i < cat->nunits; i++)
		for (j = 0; j < cat->nunits; j++) {
			w = 0;
			if (value_convert(v, cat->units[i].factor,
			    cat->units[j].factor, &w) &&
			    (!isfinite(w) || (w == 0 && signbit(w))))
				die("value_convert gave a value that is not "
				    "finite, or -0", s, n);
		}
}

/* Look-up 'find' gives -1 or an index below n whose own code finds it. */
static void
check_lookup(const char *s, size_t len,
    int (*find)(const struct catalog *, const char *, size_t), size_t n,
    const char *(*code)(size_t), const char *what)
{
	int i = find(cat, s, len);
	const char *c;

	if (i < -1 || (i >= 0 && (size_t)i >= n))
		die(what, s, len);
	if (i < 0)
		return;
	c = code((size_t)i);
	if (find(cat, c, strlen(c)) != i)
		die(what, s, len);
}

static const char *
region_code(size_t i)
{
	return cat->regions[i].code;
}

static const char *
indicator_code(size_t i)
{
	return cat->indicators[i].code;
}

static const char *
unit_code(size_t i)
{
	return cat->units[i].unit;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The parsers take (pointer, length) and must not read past it: a
	 * copy of exactly 'size' bytes lets ASan see any such read. */
	char *s = malloc(size ? size : 1);

	if (!ready)
		setup();
	if (s == NULL)
		return 0;
	if (size)
		memcpy(s, data, size);
	check_period(s, size);
	check_value(s, size);
	check_lookup(s, size, catalog_region, cat->nregions, region_code,
	    "catalog_region");
	check_lookup(s, size, catalog_indicator, cat->nindicators,
	    indicator_code, "catalog_indicator");
	check_lookup(s, size, catalog_unit, cat->nunits, unit_code,
	    "catalog_unit");
	free(s);
	return 0;
}
