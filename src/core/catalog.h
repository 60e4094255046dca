/* core/catalog.h - the catalogue: systems, measures, indicators, regions
 * and units, loaded from the CSV files users edit (datasets/catalog/).
 *
 * Owns: reading and checking those files, and the look-ups every row of an
 * input needs (indicator code, region code or alias, unit), which cost one
 * hash probe and no allocation. Immutable after catalog_load(): pass it
 * around as const struct catalog *. Never prints; problems are collected
 * with file and line for the caller to show. Nothing here assumes a number
 * of systems, measures or indicators.
 */
#ifndef PM_CORE_CATALOG_H
#define PM_CORE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/strmap.h"

enum ind_kind { KIND_FLOW, KIND_STOCK, KIND_RATE };

struct cat_system {
	char *id, *name_en, *name_zh;
	unsigned long line;     /* in systems.csv */
};

struct cat_measure {
	char *id;               /* "M07" */
	int system;             /* index into systems */
	char *name_en, *name_zh, *excerpt;
	bool qualitative;       /* kind "qualitative": no numeric indicator,
				 * no score, left out of roll-ups */
	unsigned long line;
};

struct cat_indicator {
	char *code;             /* [a-z0-9_], safe in file names */
	char *name_en, *name_zh;
	int unit;               /* index into units */
	enum ind_kind kind;
	int direction;          /* +1 increase, -1 decrease */
	int *measures;          /* indexes into measures */
	size_t nmeasures;
	int base_year;          /* 0 when not given */
	bool has_target;
	double target_value;    /* in the indicator's unit */
	int target_year;        /* 0 when not given */
	bool has_growth;
	double target_growth;   /* annual %, "keep growing" */
	bool has_limit;
	double limit;           /* natural ceiling or floor */
	/* The office's extensions of the method (progress-method.md). */
	bool has_base_value;
	double base_value;      /* the plan's own base, at base_year */
	bool growth_published;  /* growth_basis "published": chain the
				 * published yearly growths */
	int *breaks;            /* years that start a new comparable
				 * stretch, ascending */
	size_t nbreaks;
	bool context;           /* role "context": shown, never rolled up */
	int decimals;           /* decimals shown; -1: from the data */
	unsigned long line;
};

/* Region levels summed below a region (summary.h's SUMMARY_MAX_DEPTH):
 * "catalog check" warns of a region deeper than that below its root. */
#define CATALOG_REGION_DEPTH_MAX 8

/* The largest target level, in its dimension's base unit (yuan, items):
 * a billion billion. */
#define CATALOG_TARGET_MAX 1e18
/* The largest growth aim, percent a year. */
#define CATALOG_GROWTH_MAX 1000.0

struct cat_region {
	char *code;             /* GB/T 2260, e.g. "330100" */
	char *name_en, *name_zh, *level;
	int parent;             /* index into regions, -1 for a root */
	char *parent_code;      /* as written */
	char *aliases;          /* as written, ';'-separated */
	unsigned long line;
};

struct cat_unit {
	char *unit;             /* "亿元" */
	char *dimension;        /* "money" */
	double factor;          /* to the dimension's base unit, > 0 */
	unsigned long line;
};

struct cat_problem {
	char *file;             /* "indicators.csv" inside the catalogue */
	unsigned long line;     /* 0 when about the whole file */
	char *msg;
	bool fatal;             /* the catalogue cannot be used */
};

#define CATALOG_MAX_AGE 2

struct catalog {
	char *dir;
	struct cat_system *systems;
	size_t nsystems;
	struct cat_measure *measures;
	size_t nmeasures;
	struct cat_indicator *indicators;
	size_t nindicators;
	struct cat_region *regions;
	size_t nregions;
	struct cat_unit *units;
	size_t nunits;
	struct cat_problem *problems;
	size_t nproblems;
	size_t nfatal;
	int max_age;            /* years before the as-of year after which
				 * an indicator is stale (settings.csv,
				 * default CATALOG_MAX_AGE) */
	struct strmap system_ix, measure_ix, indicator_ix, region_ix, unit_ix;
	struct strmap indicator_name_ix;        /* name_en, name_zh, aliases */
	struct strmap indicator_dup_ix;         /* names of two indicators */
};

/* Load the catalogue in 'dir'. Returns a catalogue even when its files have
 * problems (listed in cat->problems; cat->nfatal of them make it unusable),
 * so that "catalog check" can show them all. Fails only when 'dir' itself
 * cannot be read (PM_EIO). *out belongs to the caller: catalog_free(). */
int catalog_load(const char *dir, struct catalog **out, struct pm_err *err);
void catalog_free(struct catalog *cat);         /* NULL is a no-op */

/* Look-ups: index into the matching array, or -1. Case of ASCII letters
 * and blanks around are ignored. A region is found by code or any alias
 * (English or Chinese name, short name). */
int catalog_system(const struct catalog *cat, const char *s, size_t len);
int catalog_measure(const struct catalog *cat, const char *s, size_t len);
int catalog_indicator(const struct catalog *cat, const char *s, size_t len);
/* An indicator as a data file names it: by code, else by its English or
 * Chinese name or one of its aliases (indicators.csv, ';'-separated); a
 * name two indicators share finds neither. */
int catalog_indicator_named(const struct catalog *cat, const char *s,
    size_t len);
int catalog_region(const struct catalog *cat, const char *s, size_t len);
int catalog_unit(const struct catalog *cat, const char *s, size_t len);

const char *catalog_kind_name(enum ind_kind k);   /* "flow", ... */

#endif /* PM_CORE_CATALOG_H */
