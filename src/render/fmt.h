/* render/fmt.h - numbers and labels as every human-readable renderer shows
 * them (text, Markdown, HTML); machine formats (JSON, CSV) print exact
 * values with num_format() instead. */
#ifndef PM_RENDER_FMT_H
#define PM_RENDER_FMT_H

#include <stdbool.h>

#include "core/aggregate.h"
#include "core/catalog.h"
#include "core/period.h"
#include "core/progress.h"
#include "core/summary.h"

#define FMT_MAX 48
#define FMT_YOY_MAX 192

/* A value with 'decimals' decimals (fmt_decimals(): the precision it
 * was published with, never rounded to an integer because it counts
 * things, never padded); with decimals < 0, as it reads back exactly
 * ("58020.5", "7.67", "30000"). */
char *fmt_value(double v, int decimals, char out[FMT_MAX]);
/* The decimals an indicator's values are shown with: the catalogue's
 * `decimals` when given, else the most its series carries ('s' may be
 * NULL: -1, as exact). */
int fmt_decimals(const struct cat_indicator *d, const struct agg_series *s);
/* A percentage with sign and one decimal ("+8.5%"). */
char *fmt_pct(double v, char out[FMT_MAX]);
/* A growth fraction as percent per year ("+5.2%/yr"). */
char *fmt_rate(double fraction, char out[FMT_MAX]);
/* A rate's change with sign: in percentage points for % ("+0.4 pt"),
 * else in its unit ("+0.2 ‱"). */
char *fmt_points(double v, const char *unit, char out[FMT_MAX]);
/* True when the indicator is a rate: its year-on-year change reads as a
 * difference (百分点 for %), not as a growth rate of the rate. */
bool fmt_is_rate(const struct cat_indicator *d);
/* The year-on-year figure of a point as a reader should see it: the
 * published rate when there is one ("+7.0% published", with ", levels
 * +5.2%" when the levels disagree), else a rate's change in points, else
 * the growth of the levels. NULL when there is none. */
char *fmt_yoy(const struct catalog *cat, const struct cat_indicator *d,
    const struct agg_point *pt, char out[FMT_YOY_MAX]);
#define FMT_NOTE_MAX 320

/* How the method took an indicator's base and growth, in words ("base
 * moved to 2021 (no data for 2020); growth from published yoy"), "" when
 * the plain method applies. */
char *fmt_basis_note(const struct progress_result *p, char out[FMT_NOTE_MAX]);
/* A roll-up's coverage: "3 of 8 measures measured (3 qualitative, 2
 * without data); 2 of 8 headline indicators without data; 1 stale".
 * 'measures' false (a measure's own roll-up): the indicator part only. */
char *fmt_coverage(const struct summary_coverage *c, bool measures,
    char out[FMT_NOTE_MAX]);
/* " (stale since 2021)" for a stale indicator, else "". */
char *fmt_stale(const struct summary_indicator *si, char out[FMT_MAX]);

/* The words for a progress warning bit ("base value 0 taken as 0.001"). */
const char *fmt_warning(unsigned bit);

/* "Jan".."Dec" for month 1..12, "?" otherwise. */
const char *fmt_month_abbr(int m);

#endif /* PM_RENDER_FMT_H */
