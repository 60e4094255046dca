/* render/fmt.h - numbers and labels as every human-readable renderer shows
 * them (text, Markdown, HTML); machine formats (JSON, CSV) print exact
 * values with num_format() instead. */
#ifndef PM_RENDER_FMT_H
#define PM_RENDER_FMT_H

#include <stdbool.h>

#include "core/catalog.h"
#include "core/period.h"
#include "core/progress.h"

#define FMT_MAX 48

/* A value rounded for reading: counts as integers, otherwise two
 * significant decimals at most ("58020.5", "11.6", "0.035"). */
char *fmt_value(double v, bool integer, char out[FMT_MAX]);
/* A percentage with sign and one decimal ("+8.5%"). */
char *fmt_pct(double v, char out[FMT_MAX]);
/* A growth fraction as percent per year ("+5.2%/yr"). */
char *fmt_rate(double fraction, char out[FMT_MAX]);
/* True when the indicator's unit counts things (户, 家, 个). */
bool fmt_is_count(const struct catalog *cat, const struct cat_indicator *d);
/* "2025", or "2025 (Jan-Oct)" for a partial year. */
char *fmt_period_partial(const struct period *p, int months, bool complete,
    char out[FMT_MAX]);

#endif /* PM_RENDER_FMT_H */
