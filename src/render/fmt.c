#include "render/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

char *
fmt_value(double v, bool integer, char out[FMT_MAX])
{
	char *p;

	if (integer || fabs(v) >= 1e6)
		snprintf(out, FMT_MAX, "%.0f", v);
	else if (fabs(v) >= 100)
		snprintf(out, FMT_MAX, "%.1f", v);
	else if (fabs(v) >= 1)
		snprintf(out, FMT_MAX, "%.2f", v);
	else
		snprintf(out, FMT_MAX, "%.3g", v);
	/* Trailing zeros of a fraction say nothing. */
	if (strchr(out, '.') && !strchr(out, 'e')) {
		p = out + strlen(out) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(out, "-0") == 0)
		snprintf(out, FMT_MAX, "0");
	return out;
}

char *
fmt_pct(double v, char out[FMT_MAX])
{
	snprintf(out, FMT_MAX, "%+.1f%%", v);
	if (strcmp(out, "-0.0%") == 0)
		snprintf(out, FMT_MAX, "+0.0%%");
	return out;
}

char *
fmt_rate(double fraction, char out[FMT_MAX])
{
	snprintf(out, FMT_MAX, "%+.1f%%/yr", fraction * 100);
	if (strcmp(out, "-0.0%/yr") == 0)
		snprintf(out, FMT_MAX, "+0.0%%/yr");
	return out;
}

bool
fmt_is_count(const struct catalog *cat, const struct cat_indicator *d)
{
	return strcmp(cat->units[d->unit].dimension, "count") == 0;
}

char *
fmt_period_partial(const struct period *p, int months, bool complete,
    char out[FMT_MAX])
{
	static const char *const mon[] = { "", "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char t[PERIOD_TEXT_MAX];

	period_format(p, t);
	if (complete || p->freq != FREQ_Y || months < 1 || months > 12)
		snprintf(out, FMT_MAX, "%s", t);
	else
		snprintf(out, FMT_MAX, "%s (%s-%s)", t, mon[1], mon[months]);
	return out;
}
