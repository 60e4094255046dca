#include "render/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/numfmt.h"
#include "util/banned.h"

char *
fmt_value(double v, int decimals, char out[FMT_MAX])
{
	char n[NUMFMT_MAX];

	if (!isfinite(v))
		snprintf(out, FMT_MAX, "%s", isnan(v) ? "nan" : v < 0 ?
		    "-inf" : "inf");
	else if (fabs(v) >= 1e15)
		snprintf(out, FMT_MAX, "%.6g", v);      /* not 300 digits */
	else if (decimals < 0)
		snprintf(out, FMT_MAX, "%s", num_format_computed(v, n));
	else
		snprintf(out, FMT_MAX, "%.*f", decimals > AGG_MAX_DECIMALS ?
		    AGG_MAX_DECIMALS : decimals, v);
	/* No "-0" nor "-0.00". */
	if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
		memmove(out, out + 1, strlen(out));
	return out;
}

int
fmt_decimals(const struct cat_indicator *d, const struct agg_series *s)
{
	if (d && d->decimals >= 0)
		return d->decimals;
	return s ? s->decimals : -1;
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

char *
fmt_points(double v, const char *unit, char out[FMT_MAX])
{
	bool pct = strcmp(unit, "%") == 0;

	/* One decimal, or two for a change too small to show with one
	 * (0.12% to 0.15%: +0.03 pt, not +0.0). */
	int dec = fabs(v) >= 0.05 || v == 0 ? 1 : 2;

	if (fabs(v) < 0.005)
		v = 0;          /* no "-0.00" */
	if (pct || strlen(unit) > 16)
		snprintf(out, FMT_MAX, "%+.*f pt", dec, v);
	else
		snprintf(out, FMT_MAX, "%+.*f %s", dec, v, unit);
	return out;
}

bool
fmt_is_rate(const struct cat_indicator *d)
{
	return d->kind == KIND_RATE;
}

char *
fmt_yoy(const struct catalog *cat, const struct cat_indicator *d,
    const struct agg_point *pt, char out[FMT_YOY_MAX])
{
	char a[FMT_MAX], c[FMT_MAX];
	const char *unit = cat->units[d->unit].unit;
	bool pp = fmt_is_rate(d);

	const char *how = pt->yoy_pub_derived ?
	    "derived from published ytd" : "published";

	if (pt->has_yoy_pub && pt->yoy_mismatch)
		snprintf(out, FMT_YOY_MAX, "%s %s, levels %s",
		    fmt_pct(pt->yoy_pub, a), how, fmt_pct(pt->yoy, c));
	else if (pt->has_yoy_pub)
		snprintf(out, FMT_YOY_MAX, "%s %s", fmt_pct(pt->yoy_pub, a),
		    how);
	else if (pp && pt->has_chg)
		fmt_points(pt->chg, unit, out);
	else if (pt->has_yoy)
		fmt_pct(pt->yoy, out);
	else
		return NULL;
	return out;
}

const char *
fmt_warning(unsigned bit)
{
	switch (bit) {
	case PROGRESS_WARN_ZERO_BASE:
		return "base value 0 taken as 0.001 (the method's rule)";
	case PROGRESS_WARN_ZERO_TARGET:
		return "target 0 taken as 0.001 (the method's rule)";
	case PROGRESS_WARN_LIMIT_IGNORED:
		return "limit ignored: the indicator has a target";
	case PROGRESS_WARN_BEYOND_LIMIT:
		return "base value beyond its limit";
	default:
		return "warning";
	}
}

const char *
fmt_month_abbr(int m)
{
	static const char *const mon[] = { "?", "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

	return mon[m >= 1 && m <= 12 ? m : 0];
}

/* Append to a note, "; " between parts. */
static void
note_add(char out[FMT_NOTE_MAX], const char *part)
{
	size_t n = strlen(out);

	snprintf(out + n, FMT_NOTE_MAX - n, "%s%s", n ? "; " : "", part);
}

char *
fmt_basis_note(const struct progress_result *p, char out[FMT_NOTE_MAX])
{
	char t[FMT_NOTE_MAX], a[NUMFMT_MAX], c[NUMFMT_MAX];

	out[0] = '\0';
	if (p->base_at_break) {
		snprintf(t, sizeof(t), "base moved to %d: break in series",
		    p->base_year);
		note_add(out, t);
	} else if (p->base_moved) {
		snprintf(t, sizeof(t), "base moved to %d (no data for %d)",
		    p->base_year, p->base_year_asked);
		note_add(out, t);
	} else if (p->base_from_plan) {
		snprintf(t, sizeof(t), "base %s (%d) as the plan states",
		    num_format_computed(p->base_value, a), p->base_year);
		note_add(out, t);
	}
	if (p->base_differs) {
		snprintf(t, sizeof(t), "stored %d value %s differs from the "
		    "plan's base %s", p->base_year_asked,
		    num_format_computed(p->stored_base, a),
		    num_format_computed(p->base_value, c));
		note_add(out, t);
	}
	if (p->growth_published)
		note_add(out, "growth chained from published yoy");
	else if (p->published_missing)
		note_add(out, "growth from levels: a year lacks a published "
		    "yoy");
	return out;
}

char *
fmt_coverage(const struct summary_coverage *c, bool measures,
    char out[FMT_NOTE_MAX])
{
	char t[FMT_NOTE_MAX];
	size_t n;

	out[0] = '\0';
	if (measures) {
		const size_t part[] = { c->qualitative, c->context_only,
		    c->measures_nodata };
		static const char *const what[] = { "qualitative",
		    "context only", "without data" };
		const char *sep = " (";
		size_t k;

		n = (size_t)snprintf(t, sizeof(t), "%zu of %zu measures "
		    "measured", c->measured, c->measures);
		for (k = 0; k < sizeof(part) / sizeof(part[0]); k++) {
			if (!part[k] || n >= sizeof(t))
				continue;
			n += (size_t)snprintf(t + n, sizeof(t) - n, "%s%zu %s",
			    sep, part[k], what[k]);
			sep = ", ";
		}
		if (*sep == ',' && n < sizeof(t))
			snprintf(t + n, sizeof(t) - n, ")");
		note_add(out, t);
	}
	snprintf(t, sizeof(t), "%zu of %zu headline indicators without data",
	    c->headline_nodata, c->headline);
	note_add(out, t);
	if (c->stale) {
		snprintf(t, sizeof(t), "%zu stale", c->stale);
		note_add(out, t);
	}
	if (c->context) {
		snprintf(t, sizeof(t), "%zu context (not scored)", c->context);
		note_add(out, t);
	}
	return out;
}

char *
fmt_stale(const struct summary_indicator *si, char out[FMT_MAX])
{
	if (si->stale)
		snprintf(out, FMT_MAX, " (stale since %d)",
		    si->latest.p.year);
	else
		out[0] = '\0';
	return out;
}
