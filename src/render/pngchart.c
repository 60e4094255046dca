/* render/pngchart.c - see pngchart.h.
 *
 * The chart layouts: where the title, axes, labels and data of each chart
 * type go, in pixels, drawn with the primitives of render/raster.h, which
 * also writes the file. Layout and drawing are separate so that
 * pngchart_trend_area() reports exactly what pngchart_trend() draws.
 */
#include "render/pngchart.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "render/font.h"
#include "render/raster.h"

#include "util/banned.h"

/* pngchart.h promises the background colour; the raster paints it. */
_Static_assert(PNGCHART_RGB_BG == RASTER_RGB_BG, "background colours differ");


struct trend_layout {
	struct pngchart_area a;
	int ox, oy, w, h;       /* the cell drawn in */
	int ts, tts, pad;       /* text scale, title scale, margin */
	int title_y, sub_y, key_y, xlab_y, foot_y;      /* text tops, -1 none */
	struct raster_ticks yt; /* left axis */
	bool yoy;               /* growth bars on a right axis */
	double r0, r1;          /* right axis range, percent */
	struct raster_ticks rt;
	size_t every;           /* x label on every k-th point from the last */
	int mark_r;             /* marker radius, 0: no markers */
	int bar_w;              /* growth bar width */
	bool compact;           /* small multiple: no legend, bars, footer */
};

struct bars_layout {
	struct pngchart_area a;
	int ts, tts, pad;
	int title_y, sub_y, tick_y, unit_y, foot_y;     /* text tops, -1 none */
	int key_y;              /* status legend's top, -1 none */
	bool shown[6];          /* statuses drawn, for the legend */
	int label_w;            /* label column width */
	struct raster_ticks t;
	int decimals;           /* of the value texts */
	size_t every;           /* label every k-th row */
};

/* --- checks -------------------------------------------------------------- */

static int
size_check(int w, int h, struct pm_err *err)
{
	if (w < PNGCHART_MIN || w > PNGCHART_MAX || h < PNGCHART_MIN ||
	    h > PNGCHART_MAX)
		return pm_fail(err, PM_EUSAGE, NULL, 0,
		    "chart size %dx%d is outside %d..%d pixels", w, h,
		    PNGCHART_MIN, PNGCHART_MAX);
	return 0;
}

static int
too_small(struct pm_err *err, int w, int h)
{
	return pm_fail(err, PM_EUSAGE, NULL, 0,
	    "chart size %dx%d leaves no room for the plot", w, h);
}

/* --- axes ---------------------------------------------------------------- */

/* chart_range_pad(), or why not. */
static int
range_pad(double *lo, double *hi, struct pm_err *err)
{
	if (!chart_range_pad(lo, hi, NULL))
		return pm_fail(err, PM_EDATA, NULL, 0,
		    "values too large to draw");
	return 0;
}

int
pngchart_map_x(const struct pngchart_area *a, double x)
{
	return a->left + raster_px((x - a->x0) * (a->right - a->left) /
	    (a->x1 - a->x0));
}

int
pngchart_map_y(const struct pngchart_area *a, double y)
{
	return a->bottom - raster_px((y - a->y0) * (a->bottom - a->top) /
	    (a->y1 - a->y0));
}

int
pngchart_bar_row(const struct pngchart_area *a, size_t n, size_t i)
{
	size_t h = (size_t)(a->bottom - a->top + 1);

	return a->top + (int)((2 * i + 1) * h / (2 * n));
}

/* Right (growth) axis of a trend: the plot height over r0..r1. */
static int
map_r(const struct trend_layout *L, double v)
{
	return L->a.bottom - raster_px((v - L->r0) * (L->a.bottom - L->a.top) /
	    (L->r1 - L->r0));
}

/* --- trend --------------------------------------------------------------- */

static bool
yoy_present(const struct chart_trend *c)
{
	size_t i;

	if (c->has_yoy == NULL || c->yoy == NULL)
		return false;
	for (i = 0; i < c->n; i++)
		if (c->has_yoy[i] && isfinite(c->yoy[i]))
			return true;
	return false;
}

static void
extend(double *lo, double *hi, double v)
{
	if (isfinite(v)) {
		*lo = v < *lo ? v : *lo;
		*hi = v > *hi ? v : *hi;
	}
}

/* Label every k-th point, k >= need and a step that reads well: 1, 2, 3
 * or 6 months, 1 or 2 quarters, 1, 2, 5, 10... years ('ppy' points per
 * year; 1 for annual or irregular series). At most n. */
static size_t
label_step(double need, int ppy, size_t n)
{
	static const int f[] = { 1, 2, 5 };
	size_t c, p;
	int i;

	for (i = 1; i < ppy; i++)
		if (ppy % i == 0 && i >= need)
			return (size_t)i;
	for (p = 1; p < n; p *= 10)
		for (i = 0; i < 3; i++) {
			c = (size_t)ppy * (size_t)f[i] * p;
			if (c >= need)
				return c < n ? c : n;
		}
	return n;
}

static int
trend_layout(struct font *font, const struct chart_trend *c, int ox, int oy,
    int w, int h, bool compact, struct trend_layout *L, struct pm_err *err)
{
	int ts = !compact && w >= 1200 && h >= 700 ? 2 : 1;
	int lh = (FONT_H + 4) * ts, top, bot, lw = 0, x, rc;
	double lo = HUGE_VAL, hi = -HUGE_VAL, xlo = HUGE_VAL, xhi = -HUGE_VAL;
	double span, spacing;
	size_t i;

	memset(L, 0, sizeof(*L));
	if (c->n == 0)
		return pm_fail(err, PM_EDATA, NULL, 0, "no data to draw");
	assert(c->x != NULL && c->y != NULL);
	L->ox = ox, L->oy = oy, L->w = w, L->h = h;
	L->compact = compact;
	L->ts = ts;
	L->tts = compact ? ts : ts + 1;
	L->pad = (compact ? 8 : 12) * ts;
	L->title_y = L->sub_y = L->foot_y = -1;

	top = oy + L->pad;
	if (raster_text_len(c->title) > 0) {
		L->title_y = top;
		top += FONT_H * L->tts + 5 * ts;
	}
	if (raster_text_len(c->subtitle) > 0) {
		L->sub_y = top;
		top += lh;
	}
	L->key_y = top + 2 * ts;        /* unit on the left, legend right */
	top = !compact || raster_text_len(c->unit) > 0 ?
	    L->key_y + lh + 4 * ts : top + 4 * ts;
	bot = oy + h - L->pad;
	if (!compact && raster_text_len(c->footer) > 0) {
		L->foot_y = bot - FONT_H * ts;
		bot = L->foot_y - 6 * ts;
	}
	L->xlab_y = bot - FONT_H * ts;
	bot = L->xlab_y - 6 * ts;
	if (bot - top < 16 * ts)
		return too_small(err, w, h);
	L->a.top = top;
	L->a.bottom = bot;

	for (i = 0; i < c->n; i++) {
		extend(&lo, &hi, c->y[i]);
		extend(&xlo, &xhi, c->x[i]);
	}
	/* The projection widens the time axis only: it is cut where it
	 * leaves the value axis that the data and the target set. */
	for (i = 0; c->proj_x != NULL && c->proj_y != NULL && i < c->nproj;
	    i++)
		extend(&xlo, &xhi, c->proj_x[i]);
	if (c->has_target) {
		extend(&lo, &hi, c->target);
		extend(&xlo, &xhi, c->target_x);
	}
	if (lo > hi)
		lo = hi = 0;
	if (xlo > xhi)
		xlo = xhi = 0;
	if ((rc = range_pad(&lo, &hi, err)) != 0)
		return rc;
	if (!isfinite(span = xhi - xlo))
		return pm_fail(err, PM_EDATA, NULL, 0,
		    "time axis too long to draw");
	L->a.y0 = lo;
	L->a.y1 = hi;
	L->a.x0 = xlo - (span > 0 ? span * 0.04 : 0.5);
	L->a.x1 = xhi + (span > 0 ? span * 0.04 : 0.5);
	x = (bot - top) / (45 * ts);
	raster_ticks_make(&L->yt, lo, hi, x < 2 ? 2 : x > 10 ? 10 : x);
	L->a.left = ox + L->pad + raster_ticks_width(font, &L->yt, "", ts) +
	    7 * ts;

	L->yoy = !compact && yoy_present(c);
	L->a.right = ox + w - 1 - L->pad - 4 * ts;
	if (L->yoy) {
		lo = 0, hi = 0;
		for (i = 0; i < c->n; i++)
			if (c->has_yoy[i])
				extend(&lo, &hi, c->yoy[i]);
		if ((rc = range_pad(&lo, &hi, err)) != 0)
			return rc;
		/* Bars keep to the lower part, under the line they explain. */
		L->r0 = lo, L->r1 = lo + (hi - lo) / 0.45;
		raster_ticks_make(&L->rt, L->r0, L->r1,
		    x < 2 ? 2 : x > 10 ? 10 : x);
		L->a.right = ox + w - 1 - L->pad -
		    raster_ticks_width(font, &L->rt, "%", ts) - 7 * ts;
	}
	if (L->a.right - L->a.left < 16 * ts)
		return too_small(err, w, h);

	/* Thin the x labels out to the widest one plus a gap. */
	for (i = 0; c->xlabel != NULL && i < c->n; i++)
		if ((x = raster_text_width(font, c->xlabel[i], ts)) > lw)
			lw = x;
	if (c->xlabel == NULL)
		lw = raster_text_width(font, "0000.00", ts);
	spacing = c->n > 1 ? (L->a.right - L->a.left) * (c->x[c->n - 1] -
	    c->x[0]) / (double)(c->n - 1) / (L->a.x1 - L->a.x0) : 1e9;
	L->every = c->n;
	if (spacing > 0) {
		span = (c->x[c->n - 1] - c->x[0]) / (double)(c->n - 1);
		x = (int)floor(1 / span + 0.5);
		L->every = label_step((lw + 10 * ts) / spacing,
		    x == 2 || x == 4 || x == 12 ? x : 1, c->n);
	}
	L->mark_r = 3 * ts;
	if (spacing < 4 * L->mark_r)
		L->mark_r = 0;          /* markers would merge into a band */
	x = isfinite(spacing) ? (int)fmin(spacing * 0.35, 1000) : 0;
	L->bar_w = x < 2 * ts ? 2 * ts : x > 16 * ts ? 16 * ts : x;
	return 0;
}

/* A line through the finite points; a non-finite one breaks it. Points
 * with skip[i] (skip may be NULL) are passed over: the line joins the
 * points on either side of them, unless 'cut' (may be NULL: never) says
 * the line is cut between them (a gap, a break in series). */
static void
polyline(struct raster *cv, const struct pngchart_area *a, const double *x,
    const double *y, size_t n, unsigned rgb, int thick, int dash,
    const bool *skip, const struct chart_trend *cut)
{
	int px = 0, py = 0, qx, qy, phase = 0;
	bool have = false;
	size_t i, last = 0;
	double per = cut != NULL ? chart_period(cut) : 1;

	for (i = 0; i < n; i++) {
		if (skip != NULL && skip[i])
			continue;
		if (!isfinite(x[i]) || !isfinite(y[i])) {
			have = false;
			continue;
		}
		if (have && cut != NULL && chart_cut(cut, last, i, per))
			have = false;
		last = i;
		qx = pngchart_map_x(a, x[i]);
		qy = pngchart_map_y(a, y[i]);
		if (have)
			raster_line(cv, px, py, qx, qy, rgb, thick, dash,
			    &phase);
		else
			raster_fill(cv, qx, qy, qx + thick - 1,
			    qy + thick - 1, rgb);
		px = qx, py = qy, have = true;
	}
}

enum key_kind { KEY_SERIES, KEY_PARTIAL, KEY_TARGET, KEY_PROJ, KEY_YOY };

static void
key_sample(struct raster *cv, enum key_kind k, int x, int y, int ts)
{
	int ph = 0, m = y + FONT_MID * ts, e = x + 14 * ts;

	switch (k) {
	case KEY_SERIES:
		raster_line(cv, x, m, e, m, PNGCHART_RGB_SERIES, 2 * ts, 0,
		    NULL);
		raster_marker(cv, x + 7 * ts, m, 3 * ts, PNGCHART_RGB_SERIES,
		    0);
		break;
	case KEY_PARTIAL:
		raster_marker(cv, x + 7 * ts, m, 3 * ts, PNGCHART_RGB_SERIES,
		    RASTER_MARK_HOLLOW);
		break;
	case KEY_TARGET:
		raster_line(cv, x, m, e, m, PNGCHART_RGB_TARGET, 2 * ts,
		    4 * ts, &ph);
		raster_marker(cv, x + 7 * ts, m, 3 * ts, PNGCHART_RGB_TARGET,
		    RASTER_MARK_SQUARE);
		break;
	case KEY_PROJ:
		raster_line(cv, x, m, e, m, PNGCHART_RGB_PROJ, 2 * ts, 4 * ts,
		    &ph);
		break;
	case KEY_YOY:
		raster_fill(cv, x + 5 * ts, m - 3 * ts, x + 10 * ts,
		    m + 4 * ts - 1, PNGCHART_RGB_YOY);
		break;
	}
}

/* The legend, right-aligned to 'right' on the line at y; left out when
 * it would not fit in 'room' pixels. */
static void
trend_legend(struct raster *cv, const struct chart_trend *c,
    const struct trend_layout *L, int right, int y, int room)
{
	const struct chart_words *wd = c->words != NULL ? c->words :
	    &chart_words_en;
	const char *const text[] = { wd->value, wd->partial, wd->target,
	    wd->pace, wd->yoy };
	enum key_kind k[5];
	size_t n = 0, i;
	int ts = L->ts, w = 0, x;

	k[n++] = KEY_SERIES;
	for (i = 0; c->partial != NULL && i < c->n; i++)
		if (c->partial[i]) {
			k[n++] = KEY_PARTIAL;
			break;
		}
	if (c->has_target && isfinite(c->target))
		k[n++] = KEY_TARGET;
	if (c->nproj > 0 && c->proj_x != NULL && c->proj_y != NULL)
		k[n++] = KEY_PROJ;
	if (L->yoy)
		k[n++] = KEY_YOY;
	for (i = 0; i < n; i++)
		w += 20 * ts + raster_text_width(cv->font, text[k[i]], ts) +
		    (i ? 14 * ts : 0);
	if (w > room)
		return;
	for (x = right - w + 1, i = 0; i < n; i++) {
		key_sample(cv, k[i], x, y, ts);
		x += 20 * ts;
		x += raster_text(cv, x, y, text[k[i]], PAL_TEXT, ts,
		    RASTER_LEFT, 0);
		x += 14 * ts;
	}
}

static void
draw_trend(struct raster *cv, const struct chart_trend *c,
    const struct trend_layout *L)
{
	const struct pngchart_area *a = &L->a;
	int ts = L->ts, right = L->ox + L->w - 1, x, y, b, i, uw = 0, ph = 0;
	char s[RASTER_NUMTXT + 1];
	size_t k;

	for (i = 0; i < L->yt.count; i++) {
		y = pngchart_map_y(a, raster_ticks_at(&L->yt, i));
		raster_fill(cv, a->left, y, a->right, y, PAL_GRID);
		raster_fill(cv, a->left - 4 * ts, y, a->left - 1, y + ts - 1,
		    PAL_AXIS);
		raster_format_num(s, raster_ticks_at(&L->yt, i),
		    L->yt.decimals);
		raster_text(cv, a->left - 7 * ts, y - FONT_MID * ts, s,
		    PAL_TEXT, ts, RASTER_RIGHT, 0);
	}
	for (k = 0; k < c->n; k++) {
		const char *lab = c->xlabel != NULL ? c->xlabel[k] : NULL;

		if ((c->n - 1 - k) % L->every != 0 || !isfinite(c->x[k]))
			continue;
		x = pngchart_map_x(a, c->x[k]);
		raster_fill(cv, x, a->top, x, a->bottom, PAL_GRID);
		raster_fill(cv, x, a->bottom + 1, x + ts - 1,
		    a->bottom + 4 * ts, PAL_AXIS);
		if (c->xlabel == NULL) {
			snprintf(s, sizeof(s), "%g", c->x[k]);
			lab = s;
		}
		raster_text_within(cv, x, L->xlab_y, lab, PAL_TEXT, ts,
		    L->ox + 1, right - 1);
	}
	if (c->has_target && isfinite(c->target_x) && c->n > 0 &&
	    isfinite(c->x[c->n - 1])) {
		/* The target year, unless it would touch the last label. */
		x = pngchart_map_x(a, c->target_x);
		snprintf(s, sizeof(s), "%.0f", floor(c->target_x));
		if (x - pngchart_map_x(a, c->x[c->n - 1]) >
		    (raster_text_width(cv->font, s, ts) +
		    raster_text_width(cv->font, c->xlabel != NULL ?
		    c->xlabel[c->n - 1] : s, ts)) / 2 + 8 * ts) {
			raster_fill(cv, x, a->top, x, a->bottom, PAL_GRID);
			raster_fill(cv, x, a->bottom + 1, x + ts - 1,
			    a->bottom + 4 * ts, PAL_AXIS);
			raster_text_within(cv, x, L->xlab_y, s, PAL_TEXT, ts,
			    L->ox + 1, right - 1);
		}
	}
	if (a->y0 < 0 && a->y1 > 0) {
		y = pngchart_map_y(a, 0);
		raster_fill(cv, a->left, y, a->right, y + ts - 1, PAL_ZERO);
	}
	if (L->yoy) {
		b = map_r(L, 0);
		for (k = 0; k < c->n; k++)
			if (c->has_yoy[k] && isfinite(c->yoy[k]) &&
			    isfinite(c->x[k])) {
				x = pngchart_map_x(a, c->x[k]) - L->bar_w / 2;
				raster_fill(cv, x, b, x + L->bar_w - 1,
				    map_r(L, c->yoy[k]), PNGCHART_RGB_YOY);
			}
		raster_fill(cv, a->right - ts + 1, a->top, a->right, a->bottom,
		    PAL_AXIS);
		for (i = 0; i < L->rt.count; i++) {
			y = map_r(L, raster_ticks_at(&L->rt, i));
			raster_fill(cv, a->right + 1, y, a->right + 4 * ts,
			    y + ts - 1, PAL_AXIS);
			raster_format_num(s, raster_ticks_at(&L->rt, i),
			    L->rt.decimals);
			if (!c->yoy_change)
				snprintf(s + strlen(s), sizeof(s) - strlen(s),
				    "%%");
			raster_text(cv, a->right + 7 * ts, y - FONT_MID * ts,
			    s, PAL_TEXT, ts, RASTER_LEFT, 0);
		}
	}
	raster_fill(cv, a->left, a->top, a->left + ts - 1, a->bottom,
	    PAL_AXIS);
	raster_fill(cv, a->left, a->bottom - ts + 1, a->right, a->bottom,
	    PAL_AXIS);

	if (c->has_target && isfinite(c->target)) {
		y = pngchart_map_y(a, c->target);
		raster_line(cv, a->left + ts, y, a->right, y,
		    PNGCHART_RGB_TARGET, 2 * ts, 6 * ts, &ph);
	}
	if (c->proj_x != NULL && c->proj_y != NULL)
		polyline(cv, a, c->proj_x, c->proj_y, c->nproj,
		    PNGCHART_RGB_PROJ, 2 * ts, 5 * ts, NULL, NULL);
	/* A break in series: a dashed upright line where it starts. */
	for (k = 1; c->brk != NULL && k < c->n; k++)
		if (c->brk[k] && isfinite(c->x[k]) && isfinite(c->x[k - 1])) {
			int bx = pngchart_map_x(a, (c->x[k - 1] + c->x[k]) / 2);

			ph = 0;
			raster_line(cv, bx, a->top, bx, a->bottom - ts,
			    PNGCHART_RGB_BREAK, ts, 3 * ts, &ph);
		}
	/* The line joins complete periods only: a partial one (a year so
	 * far, a combined January-February release) is a hollow marker off
	 * it, or the series would seem to fall. */
	polyline(cv, a, c->x, c->y, c->n, PNGCHART_RGB_SERIES, 2 * ts, 0,
	    c->partial, c);
	for (k = 0; k < c->n; k++) {
		bool hollow = c->partial != NULL && c->partial[k];
		int r = L->mark_r;

		if (!isfinite(c->x[k]) || !isfinite(c->y[k]))
			continue;
		if (r == 0 && (hollow || k == c->n - 1))
			r = 2 * ts;     /* crowded: mark only what matters */
		if (r > 0)
			raster_marker(cv, pngchart_map_x(a, c->x[k]) + ts / 2,
			    pngchart_map_y(a, c->y[k]) + ts / 2, r,
			    PNGCHART_RGB_SERIES,
			    hollow ? RASTER_MARK_HOLLOW : 0);
	}
	if (c->has_target && isfinite(c->target) && isfinite(c->target_x))
		raster_marker(cv, pngchart_map_x(a, c->target_x) + ts / 2,
		    pngchart_map_y(a, c->target) + ts / 2, 4 * ts,
		    PNGCHART_RGB_TARGET, RASTER_MARK_SQUARE);

	if (L->title_y >= 0)
		raster_text(cv, L->ox + L->pad, L->title_y, c->title, PAL_TEXT,
		    L->tts, RASTER_LEFT, L->w - 2 * L->pad);
	if (L->sub_y >= 0)
		raster_text(cv, L->ox + L->pad, L->sub_y, c->subtitle,
		    PAL_MUTED, ts, RASTER_LEFT, L->w - 2 * L->pad);
	if (raster_text_len(c->unit) > 0)
		uw = raster_text(cv, L->ox + L->pad, L->key_y, c->unit,
		    PAL_MUTED, ts, RASTER_LEFT,
		    L->compact ? L->w - 2 * L->pad : L->w / 2);
	if (!L->compact)
		trend_legend(cv, c, L, right - L->pad, L->key_y,
		    L->w - 2 * L->pad - uw - 24 * ts);
	if (L->foot_y >= 0)
		raster_text(cv, L->ox + L->pad, L->foot_y, c->footer, PAL_MUTED,
		    ts, RASTER_LEFT, L->w - 2 * L->pad);
}

/* --- public -------------------------------------------------------------- */

int
pngchart_trend_area(struct font *font, const struct chart_trend *c,
    int width, int height, struct pngchart_area *a, struct pm_err *err)
{
	struct trend_layout L;
	int rc;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = trend_layout(font, c, 0, 0, width, height, false, &L,
	    err)) != 0)
		return rc;
	*a = L.a;
	return 0;
}

int
pngchart_trend(struct font *font, const char *path,
    const struct chart_trend *c, int width, int height, struct pm_err *err)
{
	struct raster cv;
	struct trend_layout L;
	int rc;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = trend_layout(font, c, 0, 0, width, height, false, &L,
	    err)) != 0)
		return rc;
	if ((rc = raster_init(&cv, width, height, font, err)) != 0)
		return rc;
	draw_trend(&cv, c, &L);
	rc = raster_write_png(&cv, path, err);
	raster_release(&cv);
	return rc;
}

int
pngchart_multi(struct font *font, const char *path,
    const struct chart_trend *charts, size_t n, int width, int height,
    struct pm_err *err)
{
	struct raster cv;
	struct trend_layout L;
	size_t cols, rows, i;
	int rc, cw, ch, ox, oy;

	if ((rc = size_check(width, height, err)) != 0)
		return rc;
	if (n == 0)
		return pm_fail(err, PM_EDATA, NULL, 0, "no data to draw");
	for (cols = 1; cols * cols < n; cols++)
		;
	rows = (n + cols - 1) / cols;
	if (cols > (size_t)width / PNGCHART_MIN ||
	    rows > (size_t)height / PNGCHART_MIN)
		return pm_fail(err, PM_EUSAGE, NULL, 0,
		    "chart size %dx%d is too small for %zu charts", width,
		    height, n);
	cw = width / (int)cols;
	ch = height / (int)rows;
	if ((rc = raster_init(&cv, width, height, font, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		const struct chart_trend *c = &charts[i];

		ox = (int)(i % cols) * cw;
		oy = (int)(i / cols) * ch;
		raster_clip(&cv, ox, oy, ox + cw - 1, oy + ch - 1);
		if (c->n == 0) {
			raster_text(&cv, ox + 5, oy + 5, c->title, PAL_TEXT, 1,
			    RASTER_LEFT, cw - 10);
			raster_text(&cv, ox + cw / 2, oy + ch / 2 - FONT_H / 2,
			    (c->words != NULL ? c->words :
			    &chart_words_en)->no_data, PAL_MUTED, 1,
			    RASTER_CENTER, 0);
			continue;
		}
		rc = trend_layout(font, c, ox, oy, cw, ch, true, &L, err);
		if (rc != 0) {
			if (rc == PM_EUSAGE)
				rc = pm_fail(err, PM_EUSAGE, NULL, 0,
				    "chart size %dx%d is too small for %zu "
				    "charts", width, height, n);
			goto out;
		}
		draw_trend(&cv, c, &L);
	}
	raster_clip(&cv, 0, 0, width - 1, height - 1);
	rc = raster_write_png(&cv, path, err);
out:
	raster_release(&cv);
	return rc;
}

/* --- bars ---------------------------------------------------------------- */

static bool
bar_missing(const struct chart_bars *c, size_t i)
{
	return c->missing != NULL && c->missing[i];
}

static const char *
no_data_word(const struct chart_bars *c)
{
	return c->words != NULL ? c->words->no_data : chart_words_en.no_data;
}

static int
bars_layout(struct font *font, const struct chart_bars *c, int w, int h,
    struct bars_layout *L, struct pm_err *err)
{
	int ts = w >= 1200 && h >= 700 ? 2 : 1;
	int lh = (FONT_H + 4) * ts, top, bot, vw, x, want, rc;
	double lo = 0, hi = 0, m = 0, rowh;
	char s[RASTER_NUMTXT];
	size_t i;

	memset(L, 0, sizeof(*L));
	if (c->n == 0)
		return pm_fail(err, PM_EDATA, NULL, 0, "no data to draw");
	assert(c->label != NULL && c->value != NULL);
	L->ts = ts;
	L->tts = ts + 1;
	L->pad = 12 * ts;
	L->title_y = L->sub_y = L->unit_y = L->foot_y = L->key_y = -1;
	top = L->pad;
	if (raster_text_len(c->title) > 0) {
		L->title_y = top;
		top += FONT_H * L->tts + 5 * ts;
	}
	if (raster_text_len(c->subtitle) > 0) {
		L->sub_y = top;
		top += lh;
	}
	for (i = 0; c->status != NULL && i < c->n; i++)
		if (!bar_missing(c, i) && c->status[i] >= 0 &&
		    c->status[i] < 6)
			L->shown[c->status[i]] = true;
	for (i = 0; c->status_name != NULL && i < 6; i++)
		if (L->shown[i] && L->key_y < 0) {
			L->key_y = top + 2 * ts;
			top += lh + 2 * ts;
		}
	top += 6 * ts;
	bot = h - L->pad;
	if (raster_text_len(c->footer) > 0) {
		L->foot_y = bot - FONT_H * ts;
		bot = L->foot_y - 6 * ts;
	}
	if (raster_text_len(c->unit) > 0) {
		L->unit_y = bot - FONT_H * ts;
		bot = L->unit_y - 4 * ts;
	}
	L->tick_y = bot - FONT_H * ts;
	bot = L->tick_y - 6 * ts;
	if (bot - top < 8 * ts)
		return too_small(err, w, h);

	for (i = 0; i < c->n; i++)
		if (!bar_missing(c, i) && isfinite(c->value[i])) {
			extend(&lo, &hi, c->value[i]);
			m = fmax(m, fabs(c->value[i]));
		}
	if (c->fixed_range) {
		if (!(isfinite(c->lo) && isfinite(c->hi) && c->lo < c->hi &&
		    isfinite(c->hi - c->lo)))
			return pm_fail(err, PM_EUSAGE, NULL, 0,
			    "bad value range %g..%g", c->lo, c->hi);
		lo = c->lo, hi = c->hi;
	} else if ((rc = range_pad(&lo, &hi, err)) != 0)
		return rc;
	L->a.x0 = lo, L->a.x1 = hi;
	L->a.y0 = 0, L->a.y1 = (double)c->n;
	L->decimals = m >= 100 ? 0 : m >= 10 ? 1 : 2;
	if (c->has_decimals && c->decimals >= 0 && c->decimals <= 6)
		L->decimals = c->decimals;      /* as published */
	vw = raster_text_width(font, "n/a", ts);
	if ((x = raster_text_width(font, no_data_word(c), ts)) > vw)
		vw = x;
	for (i = 0; i < c->n; i++) {
		raster_format_num(s, c->value[i], L->decimals);
		if (isfinite(c->value[i]) &&
		    (x = raster_text_width(font, s, ts)) > vw)
			vw = x;
		if ((x = raster_text_width(font, c->label[i], ts)) >
		    L->label_w)
			L->label_w = x;
	}
	if (L->label_w > (w - 2 * L->pad) * 35 / 100)
		L->label_w = (w - 2 * L->pad) * 35 / 100;
	L->a.left = L->pad + L->label_w + 8 * ts;
	L->a.right = w - 1 - L->pad - vw - 10 * ts;
	L->a.top = top;
	L->a.bottom = bot;
	if (L->a.right - L->a.left < 16 * ts)
		return too_small(err, w, h);

	/* Fewer ticks until their labels stop touching. */
	for (want = 10; want >= 2; want--) {
		raster_ticks_make(&L->t, lo, hi, want);
		x = L->t.count > 1 ? (int)((L->a.right - L->a.left) *
		    L->t.step / (hi - lo)) : INT32_MAX;
		if (x > raster_ticks_width(font, &L->t, "", ts) + 12 * ts)
			break;
	}
	rowh = (bot - top + 1) / (double)c->n;
	L->every = rowh >= (FONT_H + 1) * ts ? 1 :
	    (size_t)ceil((FONT_H + 1) * ts / rowh);
	return 0;
}

int
pngchart_bars_area(struct font *font, const struct chart_bars *c, int width,
    int height, struct pngchart_area *a, struct pm_err *err)
{
	struct bars_layout L;
	int rc;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = bars_layout(font, c, width, height, &L, err)) != 0)
		return rc;
	*a = L.a;
	return 0;
}

int
pngchart_bars(struct font *font, const char *path,
    const struct chart_bars *c, int width, int height, struct pm_err *err)
{
	struct raster cv;
	struct bars_layout L;
	const struct pngchart_area *a = &L.a;
	int rc, i, x, y, b, bh, ts;
	double base, v, rowh;
	char s[RASTER_NUMTXT];
	size_t k;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = bars_layout(font, c, width, height, &L, err)) != 0)
		return rc;
	if ((rc = raster_init(&cv, width, height, font, err)) != 0)
		return rc;
	ts = L.ts;
	for (i = 0; i < L.t.count; i++) {
		x = pngchart_map_x(a, raster_ticks_at(&L.t, i));
		raster_fill(&cv, x, a->top, x, a->bottom, PAL_GRID);
		raster_fill(&cv, x, a->bottom + 1, x + ts - 1,
		    a->bottom + 4 * ts, PAL_AXIS);
		raster_format_num(s, raster_ticks_at(&L.t, i), L.t.decimals);
		raster_text_within(&cv, x, L.tick_y, s, PAL_TEXT, ts, 1,
		    width - 2);
	}
	base = a->x0 > 0 ? a->x0 : a->x1 < 0 ? a->x1 : 0;
	b = pngchart_map_x(a, base);
	raster_fill(&cv, a->left, a->bottom - ts + 1, a->right, a->bottom,
	    PAL_AXIS);
	rowh = (a->bottom - a->top + 1) / (double)c->n;
	bh = (int)fmin(fmax(rowh * 0.62, 1), 24 * ts);
	for (k = 0; k < c->n; k++) {
		unsigned rgb = PNGCHART_RGB_SERIES;

		y = pngchart_bar_row(a, c->n, k);
		if (c->status != NULL)
			rgb = pal_status[c->status[k] >= 0 &&
			    c->status[k] < 6 ? c->status[k] : 0];
		v = c->value[k];
		if (isfinite(v) && !bar_missing(c, k)) {
			v = fmin(fmax(v, a->x0), a->x1);
			if (v != base)
				raster_fill(&cv, b, y - bh / 2,
				    pngchart_map_x(a, v), y - bh / 2 + bh - 1,
				    rgb);
		}
		if (k % L.every != 0)
			continue;
		raster_text(&cv, a->left - 8 * ts, y - FONT_MID * ts,
		    c->label[k], PAL_TEXT, ts, RASTER_RIGHT, L.label_w);
		if (bar_missing(c, k))
			snprintf(s, sizeof(s), "%s", no_data_word(c));
		else if (isfinite(c->value[k]))
			raster_format_num(s, c->value[k], L.decimals);
		else
			snprintf(s, sizeof(s), "n/a");
		raster_text(&cv, width - 1 - L.pad, y - FONT_MID * ts, s,
		    PAL_TEXT, ts, RASTER_RIGHT, 0);
	}
	/* The base line last, so bars on both sides meet at a clear edge. */
	raster_fill(&cv, b, a->top, b + ts - 1, a->bottom, PAL_AXIS);
	if (L.title_y >= 0)
		raster_text(&cv, L.pad, L.title_y, c->title, PAL_TEXT, L.tts,
		    RASTER_LEFT, width - 2 * L.pad);
	if (L.sub_y >= 0)
		raster_text(&cv, L.pad, L.sub_y, c->subtitle, PAL_MUTED, ts,
		    RASTER_LEFT, width - 2 * L.pad);
	if (L.key_y >= 0) {
		/* The status legend: a square of each colour drawn and its
		 * word, from the left edge of the plot. */
		x = a->left;
		for (i = 0; i < 6; i++) {
			if (!L.shown[i] || x > width - L.pad - 40 * ts)
				continue;
			raster_fill(&cv, x, L.key_y + (FONT_MID - 4) * ts,
			    x + 7 * ts, L.key_y + (FONT_MID + 3) * ts,
			    pal_status[i]);
			x += 11 * ts;
			x += raster_text(&cv, x, L.key_y, c->status_name[i],
			    PAL_TEXT, ts, RASTER_LEFT, width - L.pad - x);
			x += 14 * ts;
		}
	}
	if (L.unit_y >= 0)
		raster_text_within(&cv, (a->left + a->right) / 2, L.unit_y,
		    c->unit, PAL_MUTED, ts, 1, width - 2);
	if (L.foot_y >= 0)
		raster_text(&cv, L.pad, L.foot_y, c->footer, PAL_MUTED, ts,
		    RASTER_LEFT, width - 2 * L.pad);
	rc = raster_write_png(&cv, path, err);
	raster_release(&cv);
	return rc;
}

/* --- sparkline ----------------------------------------------------------- */

int
pngchart_sparkline(const char *path, const double *y, size_t n, int width,
    int height, struct pm_err *err)
{
	struct raster cv;
	double lo = HUGE_VAL, hi = -HUGE_VAL;
	int rc, px = 0, py = 0, qx, qy;
	bool have = false, any = false;
	size_t i;

	if ((rc = size_check(width, height, err)) != 0)
		return rc;
	if (n == 0 || y == NULL)
		return pm_fail(err, PM_EDATA, NULL, 0, "no data to draw");
	for (i = 0; i < n; i++)
		extend(&lo, &hi, y[i]);
	if (lo <= hi && !isfinite(hi - lo))
		return pm_fail(err, PM_EDATA, NULL, 0,
		    "values too large to draw");
	if ((rc = raster_init(&cv, width, height, NULL, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (!isfinite(y[i])) {
			have = false;
			continue;
		}
		qx = n == 1 ? width / 2 :
		    2 + raster_px((double)i * (width - 5) / (double)(n - 1));
		qy = !(hi > lo) ? height / 2 :
		    height - 3 - raster_px((y[i] - lo) * (height - 5) /
		    (hi - lo));
		if (have)
			raster_line(&cv, px, py, qx, qy, PNGCHART_RGB_SERIES,
			    1, 0, NULL);
		else
			raster_put(&cv, qx, qy, PNGCHART_RGB_SERIES);
		px = qx, py = qy, have = any = true;
	}
	if (any)
		raster_marker(&cv, px, py, 2, PNGCHART_RGB_LAST, 0);
	rc = raster_write_png(&cv, path, err);
	raster_release(&cv);
	return rc;
}
