#include "core/catalog.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/reader.h"
#include "core/value.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define KEY_MAX 256     /* longer strings cannot be catalogue keys */
#define MAX_COLS 24

/* One catalogue file being read: its columns and where rows go. */
struct table {
	struct catalog *cat;
	const char *file;                       /* name inside the catalogue */
	const char *const *cols;                /* NULL-terminated */
	unsigned required;                      /* bit i: cols[i] required */
	int ix[MAX_COLS];                       /* column of cols[i], or -1 */
	size_t nhdr;                            /* fields of the header */
	int first_ext;                          /* cols[] from here on are
						 * extensions a row may leave
						 * out at its end (0: none) */
	size_t nmin;                            /* fields a row needs */
	bool header_done, header_bad;
	void (*row)(struct table *t, const struct reader_row *r);
};

static void
problem(struct catalog *cat, const char *file, unsigned long line, bool fatal,
    const char *fmt, ...)
{
	struct cat_problem *p;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	cat->problems = xreallocarray(cat->problems, cat->nproblems + 1,
	    sizeof(*cat->problems));
	p = &cat->problems[cat->nproblems++];
	p->file = xstrdup(file);
	p->line = line;
	p->msg = b.data ? b.data : xstrdup("");
	p->fatal = fatal;
	if (fatal)
		cat->nfatal++;
}

/* Field i of the spec, trimmed, as a new string ("" when absent). */
static char *
col(const struct table *t, const struct reader_row *r, int i)
{
	size_t n;
	const char *s;

	if (t->ix[i] < 0 || (size_t)t->ix[i] >= r->n)
		return xstrdup("");
	n = r->len[t->ix[i]];
	s = reader_trim(r->field[t->ix[i]], &n);
	return xstrndup(s, n);
}

/* Lowercase ASCII copy for the maps; false when too long to be a key. */
static bool
keyof(const char *s, size_t len, char out[KEY_MAX], size_t *outlen)
{
	size_t i;

	s = reader_trim(s, &len);
	if (len >= KEY_MAX)
		return false;
	for (i = 0; i < len; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	out[len] = '\0';
	*outlen = len;
	return true;
}

static int
lookup(const struct strmap *m, const char *s, size_t len)
{
	char k[KEY_MAX];
	size_t n;

	if (!keyof(s, len, k, &n) || n == 0)
		return -1;
	return strmap_get(m, k, n);
}

/* Add a key; -1 when new, else the index that already has it. */
static int
add_key(struct strmap *m, const char *s, int value)
{
	char k[KEY_MAX];
	size_t n;
	int old = -1;

	if (!keyof(s, strlen(s), k, &n) || n == 0)
		return -1;
	if (!strmap_put(m, k, n, value, &old))
		return old;
	return -1;
}

static bool
is_ident(const char *s, bool lower_only)
{
	const char *p;

	if (*s == '\0' || strlen(s) > 64)
		return false;
	for (p = s; *p; p++) {
		char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_')
			continue;
		if (!lower_only && ((c >= 'A' && c <= 'Z') || c == '-'))
			continue;
		return false;
	}
	return true;
}

static bool
parse_num(const char *s, double *v)
{
	bool pct;

	return value_parse(s, strlen(s), v, &pct, NULL) == VALUE_OK && !pct;
}

static bool
parse_year(const char *s, int *y)
{
	double v;

	if (!parse_num(s, &v) || v != floor(v) || v < 1000 || v > 9999)
		return false;
	*y = (int)v;
	return true;
}

/* A row needs a name; a missing one of the two languages is a warning
 * (output in that language falls back to the other). */
static bool
check_names(struct table *t, const struct reader_row *r, const char *what,
    const char *id, const char *en, const char *zh)
{
	if (*en == '\0' && *zh == '\0') {
		problem(t->cat, t->file, r->line, true,
		    "%s '%s' has no name (name_en and name_zh are empty)",
		    what, id);
		return false;
	}
	if (*en == '\0' || *zh == '\0')
		problem(t->cat, t->file, r->line, false,
		    "%s '%s' has an empty %s (output falls back to %s)", what,
		    id, *en ? "name_zh" : "name_en", *en ? "name_en" :
		    "name_zh");
	return true;
}

static int
on_row(void *ctx, const struct reader_row *r)
{
	struct table *t = ctx;
	size_t i, nonblank = 0;

	if (!t->header_done) {
		t->header_done = true;
		t->nhdr = r->n;
		t->nmin = t->first_ext ? 0 : r->n;
		for (i = 0; t->cols[i]; i++) {
			t->ix[i] = reader_column(r, t->cols[i]);
			/* Rows written before the extension columns stay
			 * good: they may stop before them. */
			if (t->first_ext && (int)i < t->first_ext &&
			    t->ix[i] >= 0 && (size_t)t->ix[i] + 1 > t->nmin)
				t->nmin = (size_t)t->ix[i] + 1;
			if (t->ix[i] < 0 && (t->required & (1u << i))) {
				problem(t->cat, t->file, r->line, true,
				    "missing column '%s'", t->cols[i]);
				t->header_bad = true;
			}
		}
		return 0;
	}
	if (t->header_bad)
		return 0;
	for (i = 0; i < r->n; i++) {
		size_t n = r->len[i];

		reader_trim(r->field[i], &n);
		nonblank += n > 0;
	}
	if (nonblank == 0)
		return 0;               /* blank line */
	if (r->nul_field || r->long_field || r->too_many_fields ||
	    r->unterminated) {
		problem(t->cat, t->file, r->line, true, "malformed row");
		return 0;
	}
	if (r->n < t->nmin) {
		problem(t->cat, t->file, r->line, true,
		    "too few fields (%zu, expected %zu)", r->n, t->nmin);
		return 0;
	}
	t->row(t, r);
	return 0;
}

static void
read_table(struct catalog *cat, struct table *t)
{
	struct buf path = BUF_INIT;
	struct reader *rd = NULL;
	struct reader_opts o = { .encoding = "UTF-8" };
	struct pm_err err = PM_ERR_INIT;

	buf_addf(&path, "%s/%s", cat->dir, t->file);
	for (size_t i = 0; i < MAX_COLS; i++)
		t->ix[i] = -1;
	if (reader_open(path.data, t->file, &o, &rd, &err) != 0 ||
	    reader_run(rd, on_row, t, &err) != 0) {
		problem(cat, t->file, err.line, true, "%s", err.msg);
	} else if (!t->header_done) {
		problem(cat, t->file, 0, true, "empty file");
	}
	reader_close(rd);
	buf_release(&path);
}

/* systems.csv: id,name_en,name_zh */
static const char *const system_cols[] = { "id", "name_en", "name_zh", NULL };

static void
system_row(struct table *t, const struct reader_row *r)
{
	struct catalog *cat = t->cat;
	struct cat_system s;
	int old;

	s.id = col(t, r, 0);
	s.name_en = col(t, r, 1);
	s.name_zh = col(t, r, 2);
	s.line = r->line;
	if (!is_ident(s.id, false)) {
		problem(cat, t->file, r->line, true,
		    "bad system id '%s' (letters, digits, '_', '-')", s.id);
		goto drop;
	}
	if (strcasecmp(s.id, "policy") == 0) {
		problem(cat, t->file, r->line, true, "system id '%s' is "
		    "reserved (the whole policy's charts are named so)", s.id);
		goto drop;
	}
	if ((old = add_key(&cat->system_ix, s.id, (int)cat->nsystems)) >= 0) {
		problem(cat, t->file, r->line, true,
		    "duplicate system '%s' (first on line %lu)", s.id,
		    cat->systems[old].line);
		goto drop;
	}
	if (!check_names(t, r, "system", s.id, s.name_en, s.name_zh))
		goto drop;
	cat->systems = xreallocarray(cat->systems, cat->nsystems + 1,
	    sizeof(s));
	cat->systems[cat->nsystems++] = s;
	return;
drop:
	free(s.id);
	free(s.name_en);
	free(s.name_zh);
}

/* measures.csv column "kind" (quantitative, the default, or
 * qualitative: a task the plan sets without a numeric indicator). */
static bool
measure_ext(struct table *t, const struct reader_row *r, struct cat_measure *m)
{
	char *kind = col(t, r, 5);
	bool ok = true;

	m->qualitative = false;
	if (strcmp(kind, "qualitative") == 0)
		m->qualitative = true;
	else if (*kind && strcmp(kind, "quantitative") != 0) {
		problem(t->cat, t->file, r->line, true, "bad kind '%s' "
		    "(quantitative or qualitative)", kind);
		ok = false;
	}
	free(kind);
	return ok;
}

/* measures.csv: id,system,name_en,name_zh,source_excerpt */
static const char *const measure_cols[] = { "id", "system", "name_en",
	"name_zh", "source_excerpt", "kind", NULL };

static void
measure_row(struct table *t, const struct reader_row *r)
{
	struct catalog *cat = t->cat;
	struct cat_measure m;
	char *sys = col(t, r, 1);
	int old;

	m.id = col(t, r, 0);
	m.name_en = col(t, r, 2);
	m.name_zh = col(t, r, 3);
	m.excerpt = col(t, r, 4);
	m.line = r->line;
	m.system = catalog_system(cat, sys, strlen(sys));
	if (!measure_ext(t, r, &m))
		goto drop;
	if (!is_ident(m.id, false)) {
		problem(cat, t->file, r->line, true,
		    "bad measure id '%s' (letters, digits, '_', '-')", m.id);
		goto drop;
	}
	if (m.system < 0) {
		problem(cat, t->file, r->line, true, "unknown system '%s'", sys);
		goto drop;
	}
	/* Charts are named by id: a measure and a system may not share one. */
	if (strcasecmp(m.id, "policy") == 0 ||
	    catalog_system(cat, m.id, strlen(m.id)) >= 0) {
		problem(cat, t->file, r->line, true, "measure id '%s' is "
		    "already a system id (or 'policy'): ids name chart files",
		    m.id);
		goto drop;
	}
	if ((old = add_key(&cat->measure_ix, m.id, (int)cat->nmeasures)) >= 0) {
		problem(cat, t->file, r->line, true,
		    "duplicate measure '%s' (first on line %lu)", m.id,
		    cat->measures[old].line);
		goto drop;
	}
	if (!check_names(t, r, "measure", m.id, m.name_en, m.name_zh))
		goto drop;
	if (*m.excerpt == '\0')
		problem(cat, t->file, r->line, false,
		    "measure '%s' has no source_excerpt", m.id);
	cat->measures = xreallocarray(cat->measures, cat->nmeasures + 1,
	    sizeof(m));
	cat->measures[cat->nmeasures++] = m;
	free(sys);
	return;
drop:
	free(sys);
	free(m.id);
	free(m.name_en);
	free(m.name_zh);
	free(m.excerpt);
}

/* units.csv: unit,dimension,factor */
static const char *const unit_cols[] = { "unit", "dimension", "factor", NULL };

static void
unit_row(struct table *t, const struct reader_row *r)
{
	struct catalog *cat = t->cat;
	struct cat_unit u;
	char *factor = col(t, r, 2);
	int old;

	u.unit = col(t, r, 0);
	u.dimension = col(t, r, 1);
	u.line = r->line;
	if (*u.unit == '\0' || *u.dimension == '\0') {
		problem(cat, t->file, r->line, true,
		    "unit and dimension must not be empty");
		goto drop;
	}
	if (!parse_num(factor, &u.factor) || !(u.factor > 0)) {
		problem(cat, t->file, r->line, true,
		    "bad factor '%s' (a number > 0)", factor);
		goto drop;
	}
	if ((old = add_key(&cat->unit_ix, u.unit, (int)cat->nunits)) >= 0) {
		problem(cat, t->file, r->line, true,
		    "duplicate unit '%s' (first on line %lu)", u.unit,
		    cat->units[old].line);
		goto drop;
	}
	cat->units = xreallocarray(cat->units, cat->nunits + 1, sizeof(u));
	cat->units[cat->nunits++] = u;
	free(factor);
	return;
drop:
	free(factor);
	free(u.unit);
	free(u.dimension);
}

/* indicators.csv */
static const char *const indicator_cols[] = { "code", "name_en", "name_zh",
	"unit", "kind", "direction", "measures", "base_year", "target_value",
	"target_year", "target_growth", "limit",
	/* added later, rows may stop before them: the names data files may
	 * use (ind_names()), the office's extensions (progress-method.md,
	 * indicator_ext()) */
	"aliases", "base_value", "growth_basis", "breaks", "role", "decimals",
	NULL };

static bool
opt_num(struct table *t, const struct reader_row *r, int i, double *v,
    bool *has)
{
	char *s = col(t, r, i);
	bool ok = true;

	*has = false;
	if (*s) {
		ok = parse_num(s, v);
		*has = ok;
		if (!ok)
			problem(t->cat, t->file, r->line, true,
			    "bad %s '%s' (a number)", t->cols[i], s);
	}
	free(s);
	return ok;
}

static bool
opt_year(struct table *t, const struct reader_row *r, int i, int *y)
{
	char *s = col(t, r, i);
	bool ok = true;

	*y = 0;
	if (*s && !(ok = parse_year(s, y)))
		problem(t->cat, t->file, r->line, true,
		    "bad %s '%s' (a year)", t->cols[i], s);
	free(s);
	return ok;
}

static bool
ind_measures(struct table *t, const struct reader_row *r,
    struct cat_indicator *d)
{
	char *list = col(t, r, 6), *p = list;
	bool ok = true;

	d->measures = NULL;
	d->nmeasures = 0;
	while (*p) {
		size_t n = strcspn(p, ";");
		size_t k = n;
		const char *s = reader_trim(p, &k);
		int m = catalog_measure(t->cat, s, k);

		if (k && m < 0) {
			problem(t->cat, t->file, r->line, true,
			    "unknown measure '%.*s'", (int)k, s);
			ok = false;
		} else if (k) {
			d->measures = xreallocarray(d->measures,
			    d->nmeasures + 1, sizeof(int));
			d->measures[d->nmeasures++] = m;
		}
		p += n + (p[n] == ';');
	}
	if (ok && d->nmeasures == 0) {
		problem(t->cat, t->file, r->line, true,
		    "indicator '%s' tracks no measure", d->code);
		ok = false;
	}
	free(list);
	return ok;
}

/* Targets no policy sets: a level beyond CATALOG_TARGET_MAX in the
 * dimension's base unit (1e308 overflows every sum and growth), a
 * negative level of something counted, a growth aim of more than
 * CATALOG_GROWTH_MAX % a year or a fall of 100% or more. Errors: the
 * method would turn them into scores that mean nothing. */
static bool
target_sane(struct catalog *cat, const struct table *t,
    const struct reader_row *r,
    const struct cat_indicator *d)
{
	const struct cat_unit *u = &cat->units[d->unit];
	const char *dim = u->dimension;
	bool counted = strcmp(dim, "count") == 0 || strcmp(dim, "items") ==
	    0 || strcmp(dim, "persons") == 0 || strcmp(dim, "visits") == 0;

	if (d->has_target && !(fabs(d->target_value) * u->factor <=
	    CATALOG_TARGET_MAX)) {
		problem(cat, t->file, r->line, true, "target_value %g of '%s' "
		    "is beyond any aim (at most %g in %s's base unit)",
		    d->target_value, d->code, CATALOG_TARGET_MAX, dim);
		return false;
	}
	if (d->has_target && counted && d->target_value < 0) {
		problem(cat, t->file, r->line, true, "target_value %g of '%s' "
		    "is negative, and %s is counted", d->target_value,
		    d->code, u->unit);
		return false;
	}
	if (d->has_growth && !(d->target_growth > -100 &&
	    d->target_growth <= CATALOG_GROWTH_MAX)) {
		problem(cat, t->file, r->line, true, "target_growth %g%% of "
		    "'%s' is beyond any aim (more than -100%% and at most "
		    "%g%% a year)", d->target_growth, d->code,
		    CATALOG_GROWTH_MAX);
		return false;
	}
	return true;
}

/* The names a data file may give an indicator instead of its code: the
 * English and Chinese names and the aliases. A name two indicators share
 * names neither (it is kept in indicator_dup_ix): a file using it has its
 * rows rejected as naming an unknown indicator, never guessed. */
static void
ind_name(struct table *t, const struct reader_row *r,
    const struct cat_indicator *d, const char *a, size_t k, int ix)
{
	char *name;
	int old;

	if (k == 0)
		return;
	name = xstrndup(a, k);
	old = add_key(&t->cat->indicator_name_ix, name, ix);
	if (old >= 0 && old != ix) {
		(void)add_key(&t->cat->indicator_dup_ix, name, ix);
		problem(t->cat, t->file, r->line, false, "'%s' names both "
		    "'%s' and '%s': a data file that uses it is rejected as "
		    "naming an unknown indicator", name,
		    t->cat->indicators[old].code, d->code);
	}
	free(name);
}

static void
ind_names(struct table *t, const struct reader_row *r,
    const struct cat_indicator *d, int ix)
{
	char *aliases = col(t, r, 12), *p = aliases;

	ind_name(t, r, d, d->name_en, strlen(d->name_en), ix);
	ind_name(t, r, d, d->name_zh, strlen(d->name_zh), ix);
	while (*p) {
		size_t len = strcspn(p, ";"), k = len;
		const char *a = reader_trim(p, &k);

		ind_name(t, r, d, a, k, ix);
		p += len + (p[len] == ';');
	}
	free(aliases);
}

/* The office's extensions (columns 13-17): base_value, growth_basis
 * (levels or published), breaks (years, ';'-separated), role (headline
 * or context), decimals (0-6). */
static bool
indicator_ext(struct table *t, const struct reader_row *r,
    struct cat_indicator *d)
{
	char *basis = col(t, r, 14), *brk = col(t, r, 15), *p = brk;
	char *role = col(t, r, 16), *dec = col(t, r, 17);
	bool ok = opt_num(t, r, 13, &d->base_value, &d->has_base_value);
	double v;

	d->decimals = -1;
	if (strcmp(basis, "published") == 0)
		d->growth_published = true;
	else if (*basis && strcmp(basis, "levels") != 0) {
		problem(t->cat, t->file, r->line, true,
		    "bad growth_basis '%s' (levels or published)", basis);
		ok = false;
	}
	if (strcmp(role, "context") == 0)
		d->context = true;
	else if (*role && strcmp(role, "headline") != 0) {
		problem(t->cat, t->file, r->line, true,
		    "bad role '%s' (headline or context)", role);
		ok = false;
	}
	if (*dec) {
		if (!parse_num(dec, &v) || v != floor(v) || v < 0 || v > 6) {
			problem(t->cat, t->file, r->line, true,
			    "bad decimals '%s' (0 to 6)", dec);
			ok = false;
		} else {
			d->decimals = (int)v;
		}
	}
	while (*p) {
		size_t n = strcspn(p, ";"), k = n;
		const char *s = reader_trim(p, &k);
		char y[16];
		int year, *at;

		if (k) {
			snprintf(y, sizeof(y), "%.*s", k < 15 ? (int)k : 15, s);
			if (k > 15 || !parse_year(y, &year)) {
				problem(t->cat, t->file, r->line, true,
				    "bad year '%.*s' in breaks", (int)k, s);
				ok = false;
			} else {
				d->breaks = xreallocarray(d->breaks,
				    d->nbreaks + 1, sizeof(int));
				/* Kept ascending. */
				at = d->breaks + d->nbreaks;
				while (at > d->breaks && at[-1] > year) {
					*at = at[-1];
					at--;
				}
				*at = year;
				d->nbreaks++;
			}
		}
		p += n + (p[n] == ';');
	}
	if (ok && d->has_base_value && !d->base_year)
		problem(t->cat, t->file, r->line, false, "base_value of '%s' "
		    "without a base_year: taken at the default base year",
		    d->code);
	free(basis);
	free(brk);
	free(role);
	free(dec);
	return ok;
}

static void
indicator_row(struct table *t, const struct reader_row *r)
{
	struct catalog *cat = t->cat;
	struct cat_indicator d;
	char *unit = col(t, r, 3), *kind = col(t, r, 4), *dir = col(t, r, 5);
	bool ok = true;
	int old;

	memset(&d, 0, sizeof(d));
	d.code = col(t, r, 0);
	d.name_en = col(t, r, 1);
	d.name_zh = col(t, r, 2);
	d.line = r->line;
	if (!is_ident(d.code, true)) {
		problem(cat, t->file, r->line, true,
		    "bad indicator code '%s' (a-z, 0-9, '_')", d.code);
		ok = false;
	}
	if ((d.unit = catalog_unit(cat, unit, strlen(unit))) < 0) {
		problem(cat, t->file, r->line, true,
		    "unit '%s' is not in units.csv", unit);
		ok = false;
	}
	if (strcmp(kind, "flow") == 0)
		d.kind = KIND_FLOW;
	else if (strcmp(kind, "stock") == 0)
		d.kind = KIND_STOCK;
	else if (strcmp(kind, "rate") == 0)
		d.kind = KIND_RATE;
	else {
		problem(cat, t->file, r->line, true,
		    "bad kind '%s' (flow, stock or rate)", kind);
		ok = false;
	}
	if (strcmp(dir, "increase") == 0 || *dir == '\0')
		d.direction = 1;
	else if (strcmp(dir, "decrease") == 0)
		d.direction = -1;
	else {
		problem(cat, t->file, r->line, true,
		    "bad direction '%s' (increase or decrease)", dir);
		ok = false;
	}
	ok &= check_names(t, r, "indicator", d.code, d.name_en, d.name_zh);
	ok &= ind_measures(t, r, &d);
	ok &= opt_year(t, r, 7, &d.base_year);
	ok &= opt_num(t, r, 8, &d.target_value, &d.has_target);
	ok &= opt_year(t, r, 9, &d.target_year);
	ok &= opt_num(t, r, 10, &d.target_growth, &d.has_growth);
	ok &= opt_num(t, r, 11, &d.limit, &d.has_limit);
	ok &= indicator_ext(t, r, &d);
	/* A growth aim the method would not use, or one that says the
	 * opposite of the direction: warnings (catalog check shows them). */
	if (ok && d.has_growth && d.has_target)
		problem(cat, t->file, r->line, false, "target_growth of '%s' "
		    "is not used: its target level sets the growth needed",
		    d.code);
	else if (ok && d.has_growth && d.target_growth == 0)
		problem(cat, t->file, r->line, false, "target_growth of '%s' "
		    "is 0: no growth asked for, judged as without a target",
		    d.code);
	else if (ok && d.has_growth && d.target_growth * d.direction < 0)
		problem(cat, t->file, r->line, false, "target_growth of '%s' "
		    "(%g%% a year) goes against its direction (%s)", d.code,
		    d.target_growth, d.direction < 0 ? "decrease" : "increase");
	if (ok)
		ok = target_sane(cat, t, r, &d);
	if (ok && d.has_target && d.target_year && d.base_year &&
	    d.target_year <= d.base_year) {
		problem(cat, t->file, r->line, true,
		    "target_year %d is not after base_year %d", d.target_year,
		    d.base_year);
		ok = false;
	}
	if (ok && (old = add_key(&cat->indicator_ix, d.code,
	    (int)cat->nindicators)) >= 0) {
		problem(cat, t->file, r->line, true,
		    "duplicate indicator '%s' (first on line %lu)", d.code,
		    cat->indicators[old].line);
		ok = false;
	}
	if (ok) {
		ind_names(t, r, &d, (int)cat->nindicators);
		cat->indicators = xreallocarray(cat->indicators,
		    cat->nindicators + 1, sizeof(d));
		cat->indicators[cat->nindicators++] = d;
	} else {
		free(d.code);
		free(d.name_en);
		free(d.name_zh);
		free(d.measures);
		free(d.breaks);
	}
	free(unit);
	free(kind);
	free(dir);
}

/* settings.csv (optional): setting,value. Known: max_age (whole years
 * before the as-of year after which an indicator's latest value is
 * stale, default CATALOG_MAX_AGE). */
static const char *const setting_cols[] = { "setting", "value", NULL };

static void
setting_row(struct table *t, const struct reader_row *r)
{
	char *name = col(t, r, 0), *val = col(t, r, 1);
	double v;

	if (strcmp(name, "max_age") == 0) {
		if (!parse_num(val, &v) || v != floor(v) || v < 0 || v > 100)
			problem(t->cat, t->file, r->line, true,
			    "bad max_age '%s' (whole years, 0 to 100)", val);
		else
			t->cat->max_age = (int)v;
	} else {
		problem(t->cat, t->file, r->line, false,
		    "unknown setting '%s' (known: max_age)", name);
	}
	free(name);
	free(val);
}

/* regions.csv: code,name_en,name_zh,parent,level,aliases */
static const char *const region_cols[] = { "code", "name_en", "name_zh",
	"parent", "level", "aliases", NULL };

/* Every name of a region row: code, English and Chinese names, aliases. */
static size_t
region_names(const struct cat_region *g, char ***out)
{
	const char *fixed[3] = { g->code, g->name_en, g->name_zh };
	char **v = NULL;
	size_t n = 0, i;
	const char *p;

	for (i = 0; i < 3; i++)
		if (*fixed[i]) {
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = xstrdup(fixed[i]);
		}
	for (p = g->aliases; *p;) {
		size_t len = strcspn(p, ";"), k = len;
		const char *a = reader_trim(p, &k);

		if (k) {
			v = xreallocarray(v, n + 1, sizeof(*v));
			v[n++] = xstrndup(a, k);
		}
		p += len + (p[len] == ';');
	}
	*out = v;
	return n;
}

static void
region_free(struct cat_region *g)
{
	free(g->code);
	free(g->name_en);
	free(g->name_zh);
	free(g->level);
	free(g->aliases);
	free(g->parent_code);
}

static void
region_row(struct table *t, const struct reader_row *r)
{
	struct catalog *cat = t->cat;
	struct cat_region g;
	char **names = NULL;
	size_t nnames = 0, i;
	bool ok = true;

	g.code = col(t, r, 0);
	g.name_en = col(t, r, 1);
	g.name_zh = col(t, r, 2);
	g.parent_code = col(t, r, 3);
	g.level = col(t, r, 4);
	g.aliases = col(t, r, 5);
	g.line = r->line;
	g.parent = -1;
	if (!is_ident(g.code, false)) {
		problem(cat, t->file, r->line, true,
		    "bad region code '%s' (letters, digits, '_', '-')", g.code);
		ok = false;
	}
	if (ok && !check_names(t, r, "region", g.code, g.name_en, g.name_zh))
		ok = false;
	nnames = region_names(&g, &names);
	for (i = 0; ok && i < nnames; i++) {
		int old = lookup(&cat->region_ix, names[i], strlen(names[i]));

		if (old >= 0) {
			problem(cat, t->file, r->line, true,
			    "'%s' already names region %s (line %lu)",
			    names[i], cat->regions[old].code,
			    cat->regions[old].line);
			ok = false;
		}
	}
	if (ok) {
		for (i = 0; i < nnames; i++)
			add_key(&cat->region_ix, names[i], (int)cat->nregions);
		cat->regions = xreallocarray(cat->regions, cat->nregions + 1,
		    sizeof(g));
		cat->regions[cat->nregions++] = g;
	} else {
		region_free(&g);
	}
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
}

/* Parents may come after their children in the file: resolve at the end,
 * and refuse cycles (each region must reach a root). */
static void
resolve_parents(struct catalog *cat)
{
	unsigned char *state;
	size_t i, steps, *depth;
	int *path, p;

	for (i = 0; i < cat->nregions; i++) {
		struct cat_region *g = &cat->regions[i];

		if (*g->parent_code == '\0')
			continue;
		g->parent = catalog_region(cat, g->parent_code,
		    strlen(g->parent_code));
		if (g->parent < 0)
			problem(cat, "regions.csv", g->line, true,
			    "unknown parent region '%s'", g->parent_code);
		else if (g->parent == (int)i)
			problem(cat, "regions.csv", g->line, true,
			    "region %s is its own parent", g->code);
	}
	/* Each region's walk to its root, in one pass over all of them (a
	 * walk stops at a region already judged): linear in the regions
	 * whatever the chains, where a walk per region was quadratic.
	 * state: 0 not seen, 1 on the walk now, 2 reaches a root, 3 in a
	 * cycle or leads into one. */
	state = xcalloc(cat->nregions + 1, sizeof(*state));
	depth = xcalloc(cat->nregions + 1, sizeof(*depth));
	path = xcalloc(cat->nregions + 1, sizeof(*path));
	for (i = 0; i < cat->nregions; i++) {
		size_t len = 0, d;
		bool cyc;

		p = (int)i;
		while (p >= 0 && state[p] == 0) {
			state[p] = 1;
			path[len++] = p;
			p = cat->regions[p].parent;
		}
		cyc = p >= 0 && state[p] != 2;
		d = p >= 0 && !cyc ? depth[p] + 1 : 0;
		while (len-- > 0) {
			state[path[len]] = cyc ? 3 : 2;
			depth[path[len]] = d++;
		}
	}
	for (i = 0; i < cat->nregions; i++) {
		struct cat_region *g = &cat->regions[i];

		if (state[i] == 3) {
			problem(cat, "regions.csv", g->line, true,
			    "region %s is in a cycle of parents", g->code);
			g->parent = -1;
		} else if (depth[i] == CATALOG_REGION_DEPTH_MAX + 1) {
			for (steps = 0, p = (int)i; cat->regions[p].parent >= 0;
			    steps++)
				p = cat->regions[p].parent;
			problem(cat, "regions.csv", g->line, false,
			    "region %s is %zu levels below %s: region sums "
			    "stop %d levels down, so it and the regions below "
			    "it are not summed into %s", g->code, depth[i],
			    cat->regions[p].code, CATALOG_REGION_DEPTH_MAX,
			    cat->regions[p].code);
		}
	}
	free(state);
	free(depth);
	free(path);
}

/* What a usable catalogue may still lack: reported by "catalog check". */
static void
check_coverage(struct catalog *cat)
{
	size_t i, j, k;

	for (i = 0; i < cat->nsystems; i++) {
		for (j = 0; j < cat->nmeasures; j++)
			if (cat->measures[j].system == (int)i)
				break;
		if (j == cat->nmeasures)
			problem(cat, "systems.csv", cat->systems[i].line, false,
			    "system '%s' has no measure", cat->systems[i].id);
	}
	for (i = 0; i < cat->nmeasures; i++) {
		bool found = false;

		for (j = 0; j < cat->nindicators && !found; j++)
			for (k = 0; k < cat->indicators[j].nmeasures; k++)
				if (cat->indicators[j].measures[k] == (int)i)
					found = true;
		if (!found && !cat->measures[i].qualitative)
			problem(cat, "measures.csv", cat->measures[i].line,
			    false, "measure '%s' has no indicator",
			    cat->measures[i].id);
		else if (found && cat->measures[i].qualitative)
			problem(cat, "measures.csv", cat->measures[i].line,
			    false, "measure '%s' is qualitative but has "
			    "indicators: they are shown, not scored",
			    cat->measures[i].id);
	}
}

/* True when the optional file 'name' exists in the catalogue. */
static bool
optional_present(const struct catalog *cat, const char *name)
{
	struct buf path = BUF_INIT;
	struct stat st;
	bool yes;

	buf_addf(&path, "%s/%s", cat->dir, name);
	yes = lstat(path.data, &st) == 0 || errno != ENOENT;
	buf_release(&path);
	return yes;
}

int
catalog_load(const char *dir, struct catalog **out, struct pm_err *err)
{
	struct catalog *cat;
	struct stat st;
	struct table t[] = {
		{ .file = "units.csv", .cols = unit_cols, .required = 0x7,
		    .row = unit_row },
		{ .file = "systems.csv", .cols = system_cols, .required = 0x1,
		    .row = system_row },
		{ .file = "measures.csv", .cols = measure_cols,
		    .required = 0x3, .row = measure_row, .first_ext = 5 },
		{ .file = "indicators.csv", .cols = indicator_cols,
		    .required = 0x5b, .row = indicator_row, .first_ext = 12 },
		{ .file = "regions.csv", .cols = region_cols, .required = 0x1,
		    .row = region_row },
		{ .file = "settings.csv", .cols = setting_cols,
		    .required = 0x3, .row = setting_row },
	};
	size_t i;

	*out = NULL;
	if (dir == NULL || *dir == '\0')
		return pm_fail(err, PM_EUSAGE, NULL, 0, "no catalogue directory");
	if (stat(dir, &st) != 0)
		return pm_fail_errno(err, PM_EIO, errno, dir,
		    "cannot read the catalogue");
	if (!S_ISDIR(st.st_mode))
		return pm_fail(err, PM_EIO, dir, 0,
		    "the catalogue is not a directory");
	cat = xcalloc(1, sizeof(*cat));
	cat->dir = xstrdup(dir);
	cat->max_age = CATALOG_MAX_AGE;
	/* Order matters: measures refer to systems, indicators to units
	 * and measures. */
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		t[i].cat = cat;
		if (strcmp(t[i].file, "settings.csv") == 0 &&
		    !optional_present(cat, t[i].file))
			continue;
		read_table(cat, &t[i]);
	}
	resolve_parents(cat);
	check_coverage(cat);
	*out = cat;
	return 0;
}

void
catalog_free(struct catalog *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->nsystems; i++) {
		free(cat->systems[i].id);
		free(cat->systems[i].name_en);
		free(cat->systems[i].name_zh);
	}
	for (i = 0; i < cat->nmeasures; i++) {
		free(cat->measures[i].id);
		free(cat->measures[i].name_en);
		free(cat->measures[i].name_zh);
		free(cat->measures[i].excerpt);
	}
	for (i = 0; i < cat->nindicators; i++) {
		free(cat->indicators[i].code);
		free(cat->indicators[i].name_en);
		free(cat->indicators[i].name_zh);
		free(cat->indicators[i].measures);
		free(cat->indicators[i].breaks);
	}
	for (i = 0; i < cat->nregions; i++)
		region_free(&cat->regions[i]);
	for (i = 0; i < cat->nunits; i++) {
		free(cat->units[i].unit);
		free(cat->units[i].dimension);
	}
	for (i = 0; i < cat->nproblems; i++) {
		free(cat->problems[i].file);
		free(cat->problems[i].msg);
	}
	free(cat->systems);
	free(cat->measures);
	free(cat->indicators);
	free(cat->regions);
	free(cat->units);
	free(cat->problems);
	strmap_release(&cat->system_ix);
	strmap_release(&cat->measure_ix);
	strmap_release(&cat->indicator_ix);
	strmap_release(&cat->indicator_name_ix);
	strmap_release(&cat->indicator_dup_ix);
	strmap_release(&cat->region_ix);
	strmap_release(&cat->unit_ix);
	free(cat->dir);
	free(cat);
}

int
catalog_system(const struct catalog *cat, const char *s, size_t len)
{
	return lookup(&cat->system_ix, s, len);
}

int
catalog_measure(const struct catalog *cat, const char *s, size_t len)
{
	return lookup(&cat->measure_ix, s, len);
}

int
catalog_indicator(const struct catalog *cat, const char *s, size_t len)
{
	return lookup(&cat->indicator_ix, s, len);
}

int
catalog_indicator_named(const struct catalog *cat, const char *s,
    size_t len)
{
	int i = lookup(&cat->indicator_ix, s, len);

	if (i >= 0 || lookup(&cat->indicator_dup_ix, s, len) >= 0)
		return i;
	return lookup(&cat->indicator_name_ix, s, len);
}

int
catalog_region(const struct catalog *cat, const char *s, size_t len)
{
	return lookup(&cat->region_ix, s, len);
}

int
catalog_unit(const struct catalog *cat, const char *s, size_t len)
{
	return lookup(&cat->unit_ix, s, len);
}

const char *
catalog_kind_name(enum ind_kind k)
{
	switch (k) {
	case KIND_FLOW:
		return "flow";
	case KIND_STOCK:
		return "stock";
	default:
		return "rate";
	}
}
