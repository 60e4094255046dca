/* core/progress.h - the published progress method: is an indicator on
 * track? Statistics Canada's method as Open SDG ships it (sdg-build
 * sdg/ProgressMeasure.py, open-sdg docs/progress-methodology.md), written
 * down for this project in its design notes (progress-method.md).
 *
 * It compares the compound annual growth an indicator has shown since a
 * base year with the growth it needs to reach its target by the target
 * year (or, without a target, with fixed growth rates), gives a status and
 * a score in [-5, 5], and rolls scores up: indicators into a measure,
 * measures into a system, systems into the policy.
 *
 * Pure computation: no I/O, no allocation, no global state. Every struct
 * is the caller's. Annual values only: sub-annual data are aggregated to
 * years before they come here (core/aggregate).
 */
#ifndef PM_CORE_PROGRESS_H
#define PM_CORE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* Ordered from no information up to the best outcome; 0 is "not
 * available", so a zeroed result says nothing. */
enum progress_status {
	PROGRESS_NOT_AVAILABLE = 0,
	PROGRESS_DETERIORATION,
	PROGRESS_LIMITED,
	PROGRESS_MODERATE,
	PROGRESS_SUBSTANTIAL,
	PROGRESS_TARGET_ACHIEVED,
};

/* The method's thresholds. The lower bound of "limited progress" is 0 and
 * is not configurable. The score formulas use the published constants
 * (which assume the default thresholds); only their switch points follow
 * these thresholds, as in sdg-build. */
struct progress_config {
	double ratio_high;      /* with a target: on track when P >= (0.95) */
	double ratio_mid;       /* with a target: moderate when P >= (0.60) */
	double cagr_high;       /* no target: on track when P >= this * C
				 * (0.015, i.e. 1.5% a year) */
	double cagr_mid;        /* no target: moderate when P >= this * C
				 * (0.005) */
	double limit_exponent;  /* a in the limit factor C (4.44) */
	int default_base_year;  /* used when progress_input.base_year is 0
				 * (2015) */
	int default_target_year;        /* same for target_year (2030) */
};

/* Fill *c with the published defaults shown above. */
void progress_config_default(struct progress_config *c);

/* One indicator series in one region. All pointers are borrowed for the
 * call only. */
struct progress_input {
	const int *years;       /* n years, strictly ascending */
	const double *values;   /* n values; a NaN or infinity is a missing
				 * value and is skipped */
	size_t n;               /* 0 is allowed (no data) */
	int direction;          /* +1: increase is desired, -1: decrease
				 * (only the sign is used) */
	int base_year;          /* 0: config default_base_year */
	bool has_target;
	double target;          /* target value T, when has_target */
	int target_year;        /* 0: config default_target_year */
	bool has_limit;         /* natural ceiling or floor; used only
				 * without a target */
	double limit;
	bool has_aim;           /* no target level, but a growth the policy
				 * asks for: g_r itself (not 0) */
	double aim;             /* a fraction a year (0.12 = 12%) */
	/* The office's extensions (progress-method.md, "Extensions an
	 * office needs"); zeroed, the method is unchanged. */
	bool has_base_value;    /* the plan's own base: y_0 at t_0 =
				 * base_year, whatever the data hold */
	double base_value;
	bool use_published;     /* growth_basis published: g_a chains the
				 * published yearly growths */
	const double *published;        /* n published growths (percent)
					 * of years[]; NaN: none. NULL: none
					 * at all */
	const int *breaks;      /* years that start a new comparable
				 * stretch (a break in series), any order */
	size_t nbreaks;
};

enum progress_warning {
	PROGRESS_WARN_ZERO_BASE = 1 << 0,       /* y0 was 0: 0.001 used */
	PROGRESS_WARN_ZERO_TARGET = 1 << 1,     /* T was 0: 0.001 used */
	PROGRESS_WARN_LIMIT_IGNORED = 1 << 2,   /* limit given with a target */
	PROGRESS_WARN_BEYOND_LIMIT = 1 << 3,    /* y0 above its ceiling
						 * (increase) or below its
						 * floor (decrease) */
};

/* What progress_compute() found. A field behind a false has_* flag is 0
 * (base_year excepted, as noted). */
struct progress_result {
	enum progress_status status;
	bool has_value;
	double value;           /* P: ratio with a target, signed CAGR
				 * without; as computed (see score) */
	bool has_score;
	double score;           /* [-5, 5] with the default thresholds;
				 * 5 when the target is achieved */
	bool has_current;       /* the latest year with data */
	int current_year;       /* t_i */
	double current_value;   /* y_i */
	bool has_points;        /* a base point exists: t_0 <= t_i */
	int base_year;          /* t_0: the base year, or the first year
				 * after it with data; when !has_points the
				 * base year asked for */
	double base_value;      /* y_0, after 0 -> 0.001 */
	int sign;               /* s: -1 when y_0 < 0, else +1 */
	bool has_actual;
	double actual_growth;   /* g_a, a fraction (0.01 = 1% a year) */
	bool has_target;
	double target;          /* T, after 0 -> 0.001 */
	int target_year;        /* the target year used */
	bool has_required;
	double required_growth; /* g_r, a fraction */
	bool required_is_aim;   /* g_r is the input's aim, not from a level */
	double limit_factor;    /* C in [0, 1]; 1 unless there is no target
				 * and a limit is given */
	unsigned warnings;      /* enum progress_warning bits */
	/* How the base and the growth were taken (the extensions). */
	bool base_moved;        /* the base year has no data (and no
				 * base_value): t_0 is the first year after
				 * it with data */
	int base_year_asked;    /* the base year asked for */
	bool base_from_plan;    /* y_0 is the input's base_value */
	bool base_differs;      /* a stored base-year value differs from
				 * base_value: a check */
	double stored_base;     /* that stored value */
	bool base_at_break;     /* t_0 moved to a break in series */
	bool growth_published;  /* g_a chained from published growths */
	bool published_missing; /* published asked for, but a year lacks
				 * one: g_a from the levels */
};

/* Apply the method to one series: the two points, the guards (no data,
 * t_0 > t_i, a single year, y_0 and y_i of opposite signs, base equal to
 * target, a target year not after t_0, a result that is not finite: status
 * not available, no value, no score), the growth rates, the status and the
 * score. A latest value that meets the target gives "target achieved" and
 * score 5 whatever else holds. Never fails; *out is overwritten. */
void progress_compute(const struct progress_input *in,
    const struct progress_config *c, struct progress_result *out);

/* Roll children up: indicators into a measure, measures into a system,
 * systems into the policy (a finished roll-up is a child like any other:
 * pass its status, has_score and score). The score is the mean of the
 * children's scores that exist; the status comes from that mean: [2.5, 5]
 * substantial, [0, 2.5) moderate, [-2.5, 0) limited, [-5, -2.5)
 * deterioration, no scores: not available. It is target achieved only
 * when every scored child achieved its target. */
struct progress_rollup {
	enum progress_status status;    /* valid after _finish */
	bool has_score;                 /* valid after _finish */
	double score;                   /* the mean, valid after _finish */
	double sum;                     /* running sum of child scores */
	size_t nscored;                 /* children with a score */
	size_t nachieved;               /* children that achieved their
					 * target (all are scored) */
	size_t nitems;                  /* children added, scored or not */
};

void progress_rollup_init(struct progress_rollup *r);
/* Add one child. A target-achieved child counts 5 in the mean whatever
 * score is passed; a non-finite score counts as none. */
void progress_rollup_add(struct progress_rollup *r,
    enum progress_status child_status, bool has_score, double score);
/* Compute status and score from the children added so far. May be called
 * again after more children are added. */
void progress_rollup_finish(struct progress_rollup *r);

/* "target_achieved", "substantial_progress", "moderate_progress",
 * "limited_progress", "deterioration", "not_available" (the codes Open
 * SDG uses); "unknown" for a value outside the enum. Static strings. */
const char *progress_status_code(enum progress_status s);
/* "Target achieved", "On track", "Progress made but acceleration needed",
 * "Limited progress", "Deterioration", "Not available"; "Unknown" for a
 * value outside the enum. Static strings. */
const char *progress_status_label(enum progress_status s);

#endif /* PM_CORE_PROGRESS_H */
