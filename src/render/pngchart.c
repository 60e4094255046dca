/* render/pngchart.c - see pngchart.h.
 *
 * Pixels are integers, y grows downwards, and every pixel goes through
 * the canvas clip rectangle: a layout mistake costs a missing pixel, never
 * a write outside the buffer. Layout and drawing are separate so that
 * pngchart_trend_area() reports exactly what pngchart_trend() draws.
 */
#include "render/pngchart.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>

#include "render/font.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include "util/banned.h"

#define RGB_GRID 0xe8e8e8u
#define RGB_AXIS 0x616161u
#define RGB_ZERO 0x9e9e9eu
#define RGB_TEXT 0x212121u
#define RGB_MUTED 0x666666u

#define NUMTXT 48               /* bytes of a formatted number */
#define PXMAX (1 << 20)         /* mapped coordinates are clamped to this */

enum align { AL_LEFT, AL_CENTER, AL_RIGHT };

struct canvas {
	unsigned char *px;      /* w * h RGB triples, top row first */
	int w, h;               /* pixels */
	int cx0, cy0, cx1, cy1; /* clip rectangle, edges included */
};

struct ticks {
	double first, step;     /* first tick >= lo; distance between ticks */
	int count;              /* ticks within lo..hi, <= 50 */
	int decimals;           /* digits after the point in labels */
};

struct trend_layout {
	struct pngchart_area a;
	int ox, oy, w, h;       /* the cell drawn in */
	int ts, tts, pad;       /* text scale, title scale, margin */
	int title_y, sub_y, key_y, xlab_y, foot_y;      /* text tops, -1 none */
	struct ticks yt;        /* left axis */
	bool yoy;               /* growth bars on a right axis */
	double r0, r1;          /* right axis range, percent */
	struct ticks rt;
	size_t every;           /* x label on every k-th point from the last */
	int mark_r;             /* marker radius, 0: no markers */
	int bar_w;              /* growth bar width */
	bool compact;           /* small multiple: no legend, bars, footer */
};

struct bars_layout {
	struct pngchart_area a;
	int ts, tts, pad;
	int title_y, sub_y, tick_y, unit_y, foot_y;     /* text tops, -1 none */
	int label_w;            /* label column width */
	struct ticks t;
	int decimals;           /* of the value texts */
	size_t every;           /* label every k-th row */
};

/* --- canvas ------------------------------------------------------------ */

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

static int
canvas_init(struct canvas *cv, int w, int h, struct pm_err *err)
{
	int rc;

	memset(cv, 0, sizeof(*cv));
	if ((rc = size_check(w, h, err)) != 0)
		return rc;
	/* At most 8192 * 8192 * 3 bytes, but check rather than trust it. */
	if ((size_t)w > SIZE_MAX / 3 / (size_t)h)
		return pm_fail(err, PM_EUSAGE, NULL, 0, "chart too large");
	cv->px = xmalloc((size_t)w * (size_t)h * 3);
	memset(cv->px, 0xff, (size_t)w * (size_t)h * 3);       /* white */
	cv->w = w;
	cv->h = h;
	cv->cx1 = w - 1;
	cv->cy1 = h - 1;
	return 0;
}

static void
canvas_release(struct canvas *cv)
{
	free(cv->px);
	cv->px = NULL;
}

static void
clip_set(struct canvas *cv, int x0, int y0, int x1, int y1)
{
	cv->cx0 = x0 < 0 ? 0 : x0;
	cv->cy0 = y0 < 0 ? 0 : y0;
	cv->cx1 = x1 >= cv->w ? cv->w - 1 : x1;
	cv->cy1 = y1 >= cv->h ? cv->h - 1 : y1;
}

static void
put(struct canvas *cv, int x, int y, unsigned rgb)
{
	unsigned char *p;

	if (x < cv->cx0 || x > cv->cx1 || y < cv->cy0 || y > cv->cy1)
		return;
	p = cv->px + ((size_t)y * (size_t)cv->w + (size_t)x) * 3;
	p[0] = rgb >> 16 & 0xff;
	p[1] = rgb >> 8 & 0xff;
	p[2] = rgb & 0xff;
}

/* Rectangle with corners (x0,y0) and (x1,y1) included, in any order. */
static void
fill(struct canvas *cv, int x0, int y0, int x1, int y1, unsigned rgb)
{
	int x, y, t;

	if (x0 > x1) {
		t = x0, x0 = x1, x1 = t;
	}
	if (y0 > y1) {
		t = y0, y0 = y1, y1 = t;
	}
	x0 = x0 < cv->cx0 ? cv->cx0 : x0;
	y0 = y0 < cv->cy0 ? cv->cy0 : y0;
	x1 = x1 > cv->cx1 ? cv->cx1 : x1;
	y1 = y1 > cv->cy1 ? cv->cy1 : y1;
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++)
			put(cv, x, y, rgb);
}

/* Bresenham from (x0,y0) to (x1,y1) with a thick x thick brush whose top
 * left corner follows the line. dash 0 is solid; else runs of dash pixels
 * on and dash off, counted in *phase so a dashed polyline keeps its
 * rhythm across joints. Coordinates are clamped by the callers (PXMAX). */
static void
line(struct canvas *cv, int x0, int y0, int x1, int y1, unsigned rgb,
    int thick, int dash, int *phase)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int e = dx + dy, e2, k = phase != NULL ? *phase : 0;

	for (;;) {
		if (dash == 0 || k / dash % 2 == 0)
			fill(cv, x0, y0, x0 + thick - 1, y0 + thick - 1, rgb);
		k = (k + 1) % (2 * (dash > 0 ? dash : 1));
		if (x0 == x1 && y0 == y1)
			break;
		e2 = 2 * e;
		if (e2 >= dy) {
			e += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			e += dx;
			y0 += sy;
		}
	}
	if (phase != NULL)
		*phase = k;
}

/* A circle (r*r + r makes small ones round rather than diamond-shaped)
 * or a square; hollow ones keep a 2-px rim around a white inside. */
static void
marker(struct canvas *cv, int x, int y, int r, unsigned rgb, bool square,
    bool hollow)
{
	int dx, dy, q = r - 2;

	for (dy = -r; dy <= r; dy++)
		for (dx = -r; dx <= r; dx++) {
			bool in = square || dx * dx + dy * dy <= r * r + r;
			bool inner = hollow && q > 0 && (square ?
			    abs(dx) <= q && abs(dy) <= q :
			    dx * dx + dy * dy <= q * q + q);

			if (in)
				put(cv, x + dx, y + dy,
				    inner ? PNGCHART_RGB_BG : rgb);
		}
}

/* --- text ---------------------------------------------------------------- */

static bool
glyph_ok(unsigned char ch)
{
	return ch >= FONT_FIRST && ch <= FONT_LAST;
}

/* Characters the font can draw; every other byte, so every byte of a
 * UTF-8 sequence (all >= 0x80), is skipped. Capped to keep widths in int. */
static size_t
text_len(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n < 4096; s++)
		n += glyph_ok((unsigned char)*s);
	return n;
}

static int
text_px(size_t nch, int scale)
{
	return nch ? (int)nch * FONT_ADVANCE * scale - scale : 0;
}

static int
text_width(const char *s, int scale)
{
	return text_px(text_len(s), scale);
}

static void
glyph(struct canvas *cv, int x, int y, unsigned char ch, unsigned rgb,
    int scale)
{
	const unsigned char *g = font_glyphs[ch - FONT_FIRST];
	int r, c;

	for (r = 0; r < FONT_H; r++)
		for (c = 0; c < FONT_W; c++)
			if (g[r] & (0x10 >> c))
				fill(cv, x + c * scale, y + r * scale,
				    x + c * scale + scale - 1,
				    y + r * scale + scale - 1, rgb);
}

/* Draw 's' with its top at y: starting at x (AL_LEFT), centred on x, or
 * ending at x (AL_RIGHT). Wider than maxw (> 0) is cut and ends "..".
 * Returns the width drawn. */
static int
text_draw(struct canvas *cv, int x, int y, const char *s, unsigned rgb,
    int scale, enum align al, int maxw)
{
	size_t n = text_len(s), keep = n, i = 0;
	bool cut = maxw > 0 && text_px(n, scale) > maxw;
	int w;

	if (cut)
		for (keep = 0; text_px(keep + 3, scale) <= maxw; keep++)
			;
	w = text_px(keep + (cut ? 2 : 0), scale);
	if (al == AL_CENTER)
		x -= w / 2;
	else if (al == AL_RIGHT)
		x -= w - 1;
	for (; s != NULL && *s != '\0' && i < keep; s++)
		if (glyph_ok((unsigned char)*s)) {
			glyph(cv, x, y, (unsigned char)*s, rgb, scale);
			x += FONT_ADVANCE * scale;
			i++;
		}
	if (cut) {
		glyph(cv, x, y, '.', rgb, scale);
		glyph(cv, x + FONT_ADVANCE * scale, y, '.', rgb, scale);
	}
	return w;
}

/* Centred on x but kept inside lo..hi when it fits there. */
static void
text_centred_in(struct canvas *cv, int x, int y, const char *s, unsigned rgb,
    int scale, int lo, int hi)
{
	int w = text_width(s, scale), l = x - w / 2;

	if (l + w - 1 > hi)
		l = hi - w + 1;
	if (l < lo)
		l = lo;
	text_draw(cv, l, y, s, rgb, scale, AL_LEFT, hi - l + 1);
}

/* --- numbers and axes ---------------------------------------------------- */

/* "%.*f" with thousands separators, no "-0";
 * exponent form beyond 1e15 where digits stop meaning anything. */
static void
fmt_num(char out[NUMTXT], double v, int decimals)
{
	char tmp[NUMTXT];
	const char *d;
	size_t nd, i, o = 0;
	bool neg;

	if (!(fabs(v) < 1e15)) {
		snprintf(out, NUMTXT, "%.3g", v);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	neg = tmp[0] == '-';
	d = tmp + neg;
	if (neg && strspn(d, "0.") == strlen(d))
		neg = false;
	nd = strspn(d, "0123456789");
	if (neg)
		out[o++] = '-';
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = d[i];
	}
	snprintf(out + o, NUMTXT - o, "%s", d + nd);
}

/* About 'want' ticks over lo..hi at a nice step: 1, 2, 2.5 or 5 x 10^k. */
static void
ticks_make(struct ticks *t, double lo, double hi, int want)
{
	double raw = (hi - lo) / (want < 1 ? 1 : want), p, m;
	int k = (int)floor(log10(raw)), n;

	p = pow(10, k);
	m = raw / p;
	if (m <= 1)
		m = 1;
	else if (m <= 2)
		m = 2;
	else if (m <= 2.5)
		m = 2.5;
	else if (m <= 5)
		m = 5;
	else {
		m = 1;
		k++;
		p *= 10;
	}
	t->step = m * p;
	n = m == 2.5 ? 1 - k : -k;
	t->decimals = n < 0 ? 0 : n > 10 ? 10 : n;
	t->first = ceil(lo / t->step - 1e-9) * t->step;
	t->count = 0;
	/* Spans near the smallest doubles leave no usable step: no ticks. */
	if (!(t->step > 0) || !isfinite(t->step) || !isfinite(t->first))
		return;
	n = (int)fmin(floor((hi - t->first) / t->step + 1e-9) + 1, 50);
	t->count = n < 0 ? 0 : n;
}

static double
tick_at(const struct ticks *t, int i)
{
	double v = t->first + i * t->step;

	return fabs(v) < t->step * 1e-9 ? 0 : v;
}

/* Widest label of the ticks, with 'suffix' appended. */
static int
ticks_width(const struct ticks *t, const char *suffix, int scale)
{
	char s[NUMTXT + 8];
	int i, w, max = 0;

	for (i = 0; i < t->count; i++) {
		fmt_num(s, tick_at(t, i), t->decimals);
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "%s", suffix);
		w = text_width(s, scale);
		max = w > max ? w : max;
	}
	return max;
}

/* The axis range around lo..hi (lo <= hi): from 0 when every value is
 * >= 0 and the smallest at most half the largest (likewise to 0 for
 * negatives), padded 5% at the ends that are not 0; a single value gets
 * a band of 10% of itself (1 around 0). */
static int
range_pad(double *lo, double *hi, struct pm_err *err)
{
	double a = *lo, b = *hi, span, d;
	bool zlo = false, zhi = false;

	if (a >= 0 && a <= b / 2) {
		a = 0;
		zlo = true;
	} else if (b <= 0 && b >= a / 2) {
		b = 0;
		zhi = true;
	}
	if (!isfinite(b - a))
		return pm_fail(err, PM_EDATA, NULL, 0,
		    "values too large to draw");
	if (b - a == 0) {
		d = a != 0 ? fabs(a) * 0.1 : 1;
		a -= zlo ? 0 : d / 2;
		b += zhi ? 0 : (zlo ? d : d / 2);
	}
	span = b - a;
	*lo = zlo ? a : a - span * 0.05;
	*hi = zhi ? b : b + span * 0.05;
	return 0;
}

static int
round_px(double v)
{
	v = floor(v + 0.5);
	if (isnan(v))
		return -PXMAX;          /* off every canvas */
	return v > PXMAX ? PXMAX : v < -PXMAX ? -PXMAX : (int)v;
}

int
pngchart_map_x(const struct pngchart_area *a, double x)
{
	return a->left + round_px((x - a->x0) * (a->right - a->left) /
	    (a->x1 - a->x0));
}

int
pngchart_map_y(const struct pngchart_area *a, double y)
{
	return a->bottom - round_px((y - a->y0) * (a->bottom - a->top) /
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
	return L->a.bottom - round_px((v - L->r0) * (L->a.bottom - L->a.top) /
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
trend_layout(const struct chart_trend *c, int ox, int oy, int w, int h,
    bool compact, struct trend_layout *L, struct pm_err *err)
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
	if (text_len(c->title) > 0) {
		L->title_y = top;
		top += FONT_H * L->tts + 5 * ts;
	}
	if (text_len(c->subtitle) > 0) {
		L->sub_y = top;
		top += lh;
	}
	L->key_y = top + 2 * ts;        /* unit on the left, legend right */
	top = !compact || text_len(c->unit) > 0 ? L->key_y + lh + 4 * ts :
	    top + 4 * ts;
	bot = oy + h - L->pad;
	if (!compact && text_len(c->footer) > 0) {
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
	for (i = 0; c->proj_x != NULL && c->proj_y != NULL && i < c->nproj;
	    i++) {
		extend(&lo, &hi, c->proj_y[i]);
		extend(&xlo, &xhi, c->proj_x[i]);
	}
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
	ticks_make(&L->yt, lo, hi, x < 2 ? 2 : x > 10 ? 10 : x);
	L->a.left = ox + L->pad + ticks_width(&L->yt, "", ts) + 7 * ts;

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
		ticks_make(&L->rt, L->r0, L->r1, x < 2 ? 2 : x > 10 ? 10 : x);
		L->a.right = ox + w - 1 - L->pad -
		    ticks_width(&L->rt, "%", ts) - 7 * ts;
	}
	if (L->a.right - L->a.left < 16 * ts)
		return too_small(err, w, h);

	/* Thin the x labels out to the widest one plus a gap. */
	for (i = 0; c->xlabel != NULL && i < c->n; i++)
		if ((x = text_width(c->xlabel[i], ts)) > lw)
			lw = x;
	if (c->xlabel == NULL)
		lw = text_px(7, ts);
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

/* A line through the finite points; a non-finite one breaks it. */
static void
polyline(struct canvas *cv, const struct pngchart_area *a, const double *x,
    const double *y, size_t n, unsigned rgb, int thick, int dash)
{
	int px = 0, py = 0, qx, qy, phase = 0;
	bool have = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i])) {
			have = false;
			continue;
		}
		qx = pngchart_map_x(a, x[i]);
		qy = pngchart_map_y(a, y[i]);
		if (have)
			line(cv, px, py, qx, qy, rgb, thick, dash, &phase);
		else
			fill(cv, qx, qy, qx + thick - 1, qy + thick - 1, rgb);
		px = qx, py = qy, have = true;
	}
}

enum key_kind { KEY_SERIES, KEY_PARTIAL, KEY_TARGET, KEY_PROJ, KEY_YOY };

static void
key_sample(struct canvas *cv, enum key_kind k, int x, int y, int ts)
{
	int ph = 0, m = y + 3 * ts, e = x + 14 * ts;

	switch (k) {
	case KEY_SERIES:
		line(cv, x, m, e, m, PNGCHART_RGB_SERIES, 2 * ts, 0, NULL);
		marker(cv, x + 7 * ts, m, 3 * ts, PNGCHART_RGB_SERIES, 0, 0);
		break;
	case KEY_PARTIAL:
		marker(cv, x + 7 * ts, m, 3 * ts, PNGCHART_RGB_SERIES, 0, 1);
		break;
	case KEY_TARGET:
		line(cv, x, m, e, m, PNGCHART_RGB_TARGET, 2 * ts, 4 * ts, &ph);
		marker(cv, x + 7 * ts, m, 3 * ts, PNGCHART_RGB_TARGET, 1, 0);
		break;
	case KEY_PROJ:
		line(cv, x, m, e, m, PNGCHART_RGB_PROJ, 2 * ts, 4 * ts, &ph);
		break;
	case KEY_YOY:
		fill(cv, x + 5 * ts, y, x + 10 * ts, y + 7 * ts - 1,
		    PNGCHART_RGB_YOY);
		break;
	}
}

/* The legend, right-aligned to 'right' on the line at y; left out when
 * it would not fit in 'room' pixels. */
static void
trend_legend(struct canvas *cv, const struct chart_trend *c,
    const struct trend_layout *L, int right, int y, int room)
{
	static const char *const text[] = { "Actual", "Partial period",
	    "Target", "Projection", "YoY growth, % (right)" };
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
		w += 20 * ts + text_width(text[k[i]], ts) + (i ? 14 * ts : 0);
	if (w > room)
		return;
	for (x = right - w + 1, i = 0; i < n; i++) {
		key_sample(cv, k[i], x, y, ts);
		x += 20 * ts;
		x += text_draw(cv, x, y, text[k[i]], RGB_TEXT, ts, AL_LEFT, 0);
		x += 14 * ts;
	}
}

static void
draw_trend(struct canvas *cv, const struct chart_trend *c,
    const struct trend_layout *L)
{
	const struct pngchart_area *a = &L->a;
	int ts = L->ts, right = L->ox + L->w - 1, x, y, b, i, uw = 0, ph = 0;
	char s[NUMTXT + 1];
	size_t k;

	for (i = 0; i < L->yt.count; i++) {
		y = pngchart_map_y(a, tick_at(&L->yt, i));
		fill(cv, a->left, y, a->right, y, RGB_GRID);
		fill(cv, a->left - 4 * ts, y, a->left - 1, y + ts - 1,
		    RGB_AXIS);
		fmt_num(s, tick_at(&L->yt, i), L->yt.decimals);
		text_draw(cv, a->left - 7 * ts, y - 3 * ts, s, RGB_TEXT, ts,
		    AL_RIGHT, 0);
	}
	for (k = 0; k < c->n; k++) {
		const char *lab = c->xlabel != NULL ? c->xlabel[k] : NULL;

		if ((c->n - 1 - k) % L->every != 0 || !isfinite(c->x[k]))
			continue;
		x = pngchart_map_x(a, c->x[k]);
		fill(cv, x, a->top, x, a->bottom, RGB_GRID);
		fill(cv, x, a->bottom + 1, x + ts - 1, a->bottom + 4 * ts,
		    RGB_AXIS);
		if (c->xlabel == NULL) {
			snprintf(s, sizeof(s), "%g", c->x[k]);
			lab = s;
		}
		text_centred_in(cv, x, L->xlab_y, lab, RGB_TEXT, ts,
		    L->ox + 1, right - 1);
	}
	if (c->has_target && isfinite(c->target_x) && c->n > 0 &&
	    isfinite(c->x[c->n - 1])) {
		/* The target year, unless it would touch the last label. */
		x = pngchart_map_x(a, c->target_x);
		snprintf(s, sizeof(s), "%.0f", floor(c->target_x));
		if (x - pngchart_map_x(a, c->x[c->n - 1]) > (text_width(s, ts) +
		    text_width(c->xlabel != NULL ? c->xlabel[c->n - 1] : s,
		    ts)) / 2 + 8 * ts) {
			fill(cv, x, a->top, x, a->bottom, RGB_GRID);
			fill(cv, x, a->bottom + 1, x + ts - 1,
			    a->bottom + 4 * ts, RGB_AXIS);
			text_centred_in(cv, x, L->xlab_y, s, RGB_TEXT, ts,
			    L->ox + 1, right - 1);
		}
	}
	if (a->y0 < 0 && a->y1 > 0) {
		y = pngchart_map_y(a, 0);
		fill(cv, a->left, y, a->right, y + ts - 1, RGB_ZERO);
	}
	if (L->yoy) {
		b = map_r(L, 0);
		for (k = 0; k < c->n; k++)
			if (c->has_yoy[k] && isfinite(c->yoy[k]) &&
			    isfinite(c->x[k])) {
				x = pngchart_map_x(a, c->x[k]) - L->bar_w / 2;
				fill(cv, x, b, x + L->bar_w - 1,
				    map_r(L, c->yoy[k]), PNGCHART_RGB_YOY);
			}
		fill(cv, a->right - ts + 1, a->top, a->right, a->bottom,
		    RGB_AXIS);
		for (i = 0; i < L->rt.count; i++) {
			y = map_r(L, tick_at(&L->rt, i));
			fill(cv, a->right + 1, y, a->right + 4 * ts,
			    y + ts - 1, RGB_AXIS);
			fmt_num(s, tick_at(&L->rt, i), L->rt.decimals);
			snprintf(s + strlen(s), sizeof(s) - strlen(s), "%%");
			text_draw(cv, a->right + 7 * ts, y - 3 * ts, s,
			    RGB_TEXT, ts, AL_LEFT, 0);
		}
	}
	fill(cv, a->left, a->top, a->left + ts - 1, a->bottom, RGB_AXIS);
	fill(cv, a->left, a->bottom - ts + 1, a->right, a->bottom, RGB_AXIS);

	if (c->has_target && isfinite(c->target)) {
		y = pngchart_map_y(a, c->target);
		line(cv, a->left + ts, y, a->right, y, PNGCHART_RGB_TARGET,
		    2 * ts, 6 * ts, &ph);
	}
	if (c->proj_x != NULL && c->proj_y != NULL)
		polyline(cv, a, c->proj_x, c->proj_y, c->nproj,
		    PNGCHART_RGB_PROJ, 2 * ts, 5 * ts);
	polyline(cv, a, c->x, c->y, c->n, PNGCHART_RGB_SERIES, 2 * ts, 0);
	for (k = 0; k < c->n; k++) {
		bool hollow = c->partial != NULL && c->partial[k];
		int r = L->mark_r;

		if (!isfinite(c->x[k]) || !isfinite(c->y[k]))
			continue;
		if (r == 0 && (hollow || k == c->n - 1))
			r = 2 * ts;     /* crowded: mark only what matters */
		if (r > 0)
			marker(cv, pngchart_map_x(a, c->x[k]) + ts / 2,
			    pngchart_map_y(a, c->y[k]) + ts / 2, r,
			    PNGCHART_RGB_SERIES, false, hollow);
	}
	if (c->has_target && isfinite(c->target) && isfinite(c->target_x))
		marker(cv, pngchart_map_x(a, c->target_x) + ts / 2,
		    pngchart_map_y(a, c->target) + ts / 2, 4 * ts,
		    PNGCHART_RGB_TARGET, true, false);

	if (L->title_y >= 0)
		text_draw(cv, L->ox + L->pad, L->title_y, c->title, RGB_TEXT,
		    L->tts, AL_LEFT, L->w - 2 * L->pad);
	if (L->sub_y >= 0)
		text_draw(cv, L->ox + L->pad, L->sub_y, c->subtitle, RGB_MUTED,
		    ts, AL_LEFT, L->w - 2 * L->pad);
	if (text_len(c->unit) > 0)
		uw = text_draw(cv, L->ox + L->pad, L->key_y, c->unit, RGB_MUTED,
		    ts, AL_LEFT, L->compact ? L->w - 2 * L->pad : L->w / 2);
	if (!L->compact)
		trend_legend(cv, c, L, right - L->pad, L->key_y,
		    L->w - 2 * L->pad - uw - 24 * ts);
	if (L->foot_y >= 0)
		text_draw(cv, L->ox + L->pad, L->foot_y, c->footer, RGB_MUTED,
		    ts, AL_LEFT, L->w - 2 * L->pad);
}

/* --- writing ------------------------------------------------------------- */

/* Write to "path.PID.N.tmp" (O_EXCL, mode 0666 less the umask), fsync,
 * rename. Any failure unlinks the temporary file. */
static int
canvas_write(const struct canvas *cv, const char *path, struct pm_err *err)
{
	struct buf tmp = BUF_INIT;
	png_image img;
	FILE *f = NULL;
	int fd = -1, rc = 0, i, e;

	for (i = 0; i < 100; i++) {
		buf_reset(&tmp);
		buf_addf(&tmp, "%s.%ld.%d.tmp", path, (long)getpid(), i);
		fd = open(buf_str(&tmp),
		    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, path,
		    "cannot create chart");
		goto out;
	}
	if ((f = fdopen(fd, "wb")) == NULL) {
		e = errno;
		close(fd);
		rc = pm_fail_errno(err, PM_EIO, e, path, "cannot write chart");
		goto fail;
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)cv->w;
	img.height = (png_uint_32)cv->h;
	img.format = PNG_FORMAT_RGB;
	errno = 0;
	/* The simplified API keeps libpng's longjmp inside libpng. */
	if (!png_image_write_to_stdio(&img, f, 0, cv->px, 0, NULL)) {
		e = errno;
		png_image_free(&img);
		rc = e != 0 ? pm_fail_errno(err, PM_EIO, e, path,
		    "cannot write chart") : pm_fail(err, PM_EIO, path, 0,
		    "cannot write chart: %s", img.message);
		goto fail;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, path,
		    "cannot write chart");
		goto fail;
	}
	e = fclose(f) != 0 ? errno : 0;
	f = NULL;
	if (e != 0) {
		rc = pm_fail_errno(err, PM_EIO, e, path, "cannot write chart");
		goto fail;
	}
	if (rename(buf_str(&tmp), path) != 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, path,
		    "cannot write chart");
		goto fail;
	}
	goto out;
fail:
	if (f != NULL)
		fclose(f);
	unlink(buf_str(&tmp));
out:
	buf_release(&tmp);
	return rc;
}

/* --- public -------------------------------------------------------------- */

int
pngchart_trend_area(const struct chart_trend *c, int width, int height,
    struct pngchart_area *a, struct pm_err *err)
{
	struct trend_layout L;
	int rc;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = trend_layout(c, 0, 0, width, height, false, &L, err)) != 0)
		return rc;
	*a = L.a;
	return 0;
}

int
pngchart_trend(const char *path, const struct chart_trend *c, int width,
    int height, struct pm_err *err)
{
	struct canvas cv;
	struct trend_layout L;
	int rc;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = trend_layout(c, 0, 0, width, height, false, &L, err)) != 0)
		return rc;
	if ((rc = canvas_init(&cv, width, height, err)) != 0)
		return rc;
	draw_trend(&cv, c, &L);
	rc = canvas_write(&cv, path, err);
	canvas_release(&cv);
	return rc;
}

int
pngchart_multi(const char *path, const struct chart_trend *charts,
    size_t n, int width, int height, struct pm_err *err)
{
	struct canvas cv;
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
	if ((rc = canvas_init(&cv, width, height, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		const struct chart_trend *c = &charts[i];

		ox = (int)(i % cols) * cw;
		oy = (int)(i / cols) * ch;
		clip_set(&cv, ox, oy, ox + cw - 1, oy + ch - 1);
		if (c->n == 0) {
			text_draw(&cv, ox + 5, oy + 5, c->title, RGB_TEXT, 1,
			    AL_LEFT, cw - 10);
			text_draw(&cv, ox + cw / 2, oy + ch / 2 - 4, "no data",
			    RGB_MUTED, 1, AL_CENTER, 0);
			continue;
		}
		rc = trend_layout(c, ox, oy, cw, ch, true, &L, err);
		if (rc != 0) {
			if (rc == PM_EUSAGE)
				rc = pm_fail(err, PM_EUSAGE, NULL, 0,
				    "chart size %dx%d is too small for %zu "
				    "charts", width, height, n);
			goto out;
		}
		draw_trend(&cv, c, &L);
	}
	clip_set(&cv, 0, 0, width - 1, height - 1);
	rc = canvas_write(&cv, path, err);
out:
	canvas_release(&cv);
	return rc;
}

/* --- bars ---------------------------------------------------------------- */

static int
bars_layout(const struct chart_bars *c, int w, int h, struct bars_layout *L,
    struct pm_err *err)
{
	int ts = w >= 1200 && h >= 700 ? 2 : 1;
	int lh = (FONT_H + 4) * ts, top, bot, vw, x, want, rc;
	double lo = 0, hi = 0, m = 0, rowh;
	char s[NUMTXT];
	size_t i;

	memset(L, 0, sizeof(*L));
	if (c->n == 0)
		return pm_fail(err, PM_EDATA, NULL, 0, "no data to draw");
	assert(c->label != NULL && c->value != NULL);
	L->ts = ts;
	L->tts = ts + 1;
	L->pad = 12 * ts;
	L->title_y = L->sub_y = L->unit_y = L->foot_y = -1;
	top = L->pad;
	if (text_len(c->title) > 0) {
		L->title_y = top;
		top += FONT_H * L->tts + 5 * ts;
	}
	if (text_len(c->subtitle) > 0) {
		L->sub_y = top;
		top += lh;
	}
	top += 6 * ts;
	bot = h - L->pad;
	if (text_len(c->footer) > 0) {
		L->foot_y = bot - FONT_H * ts;
		bot = L->foot_y - 6 * ts;
	}
	if (text_len(c->unit) > 0) {
		L->unit_y = bot - FONT_H * ts;
		bot = L->unit_y - 4 * ts;
	}
	L->tick_y = bot - FONT_H * ts;
	bot = L->tick_y - 6 * ts;
	if (bot - top < 8 * ts)
		return too_small(err, w, h);

	for (i = 0; i < c->n; i++)
		if (isfinite(c->value[i])) {
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
	vw = text_width("n/a", ts);
	for (i = 0; i < c->n; i++) {
		fmt_num(s, c->value[i], L->decimals);
		if (isfinite(c->value[i]) && (x = text_width(s, ts)) > vw)
			vw = x;
		if ((x = text_width(c->label[i], ts)) > L->label_w)
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
		ticks_make(&L->t, lo, hi, want);
		x = L->t.count > 1 ? (int)((L->a.right - L->a.left) *
		    L->t.step / (hi - lo)) : INT32_MAX;
		if (x > ticks_width(&L->t, "", ts) + 12 * ts)
			break;
	}
	rowh = (bot - top + 1) / (double)c->n;
	L->every = rowh >= (FONT_H + 1) * ts ? 1 :
	    (size_t)ceil((FONT_H + 1) * ts / rowh);
	return 0;
}

int
pngchart_bars_area(const struct chart_bars *c, int width, int height,
    struct pngchart_area *a, struct pm_err *err)
{
	struct bars_layout L;
	int rc;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = bars_layout(c, width, height, &L, err)) != 0)
		return rc;
	*a = L.a;
	return 0;
}

int
pngchart_bars(const char *path, const struct chart_bars *c, int width,
    int height, struct pm_err *err)
{
	struct canvas cv;
	struct bars_layout L;
	const struct pngchart_area *a = &L.a;
	int rc, i, x, y, b, bh, ts;
	double base, v, rowh;
	char s[NUMTXT];
	size_t k;

	if ((rc = size_check(width, height, err)) != 0 ||
	    (rc = bars_layout(c, width, height, &L, err)) != 0)
		return rc;
	if ((rc = canvas_init(&cv, width, height, err)) != 0)
		return rc;
	ts = L.ts;
	for (i = 0; i < L.t.count; i++) {
		x = pngchart_map_x(a, tick_at(&L.t, i));
		fill(&cv, x, a->top, x, a->bottom, RGB_GRID);
		fill(&cv, x, a->bottom + 1, x + ts - 1, a->bottom + 4 * ts,
		    RGB_AXIS);
		fmt_num(s, tick_at(&L.t, i), L.t.decimals);
		text_centred_in(&cv, x, L.tick_y, s, RGB_TEXT, ts, 1,
		    width - 2);
	}
	base = a->x0 > 0 ? a->x0 : a->x1 < 0 ? a->x1 : 0;
	b = pngchart_map_x(a, base);
	fill(&cv, a->left, a->bottom - ts + 1, a->right, a->bottom, RGB_AXIS);
	rowh = (a->bottom - a->top + 1) / (double)c->n;
	bh = (int)fmin(fmax(rowh * 0.62, 1), 24 * ts);
	for (k = 0; k < c->n; k++) {
		unsigned rgb = PNGCHART_RGB_SERIES;

		y = pngchart_bar_row(a, c->n, k);
		if (c->status != NULL)
			rgb = chart_status_rgb[c->status[k] >= 0 &&
			    c->status[k] < 6 ? c->status[k] : 0];
		v = c->value[k];
		if (isfinite(v)) {
			v = fmin(fmax(v, a->x0), a->x1);
			if (v != base)
				fill(&cv, b, y - bh / 2, pngchart_map_x(a, v),
				    y - bh / 2 + bh - 1, rgb);
		}
		if (k % L.every != 0)
			continue;
		text_draw(&cv, a->left - 8 * ts, y - 3 * ts, c->label[k],
		    RGB_TEXT, ts, AL_RIGHT, L.label_w);
		if (isfinite(c->value[k]))
			fmt_num(s, c->value[k], L.decimals);
		else
			snprintf(s, sizeof(s), "n/a");
		text_draw(&cv, width - 1 - L.pad, y - 3 * ts, s, RGB_TEXT, ts,
		    AL_RIGHT, 0);
	}
	/* The base line last, so bars on both sides meet at a clear edge. */
	fill(&cv, b, a->top, b + ts - 1, a->bottom, RGB_AXIS);
	if (L.title_y >= 0)
		text_draw(&cv, L.pad, L.title_y, c->title, RGB_TEXT, L.tts,
		    AL_LEFT, width - 2 * L.pad);
	if (L.sub_y >= 0)
		text_draw(&cv, L.pad, L.sub_y, c->subtitle, RGB_MUTED, ts,
		    AL_LEFT, width - 2 * L.pad);
	if (L.unit_y >= 0)
		text_centred_in(&cv, (a->left + a->right) / 2, L.unit_y,
		    c->unit, RGB_MUTED, ts, 1, width - 2);
	if (L.foot_y >= 0)
		text_draw(&cv, L.pad, L.foot_y, c->footer, RGB_MUTED, ts,
		    AL_LEFT, width - 2 * L.pad);
	rc = canvas_write(&cv, path, err);
	canvas_release(&cv);
	return rc;
}

/* --- sparkline ----------------------------------------------------------- */

int
pngchart_sparkline(const char *path, const double *y, size_t n, int width,
    int height, struct pm_err *err)
{
	struct canvas cv;
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
	if ((rc = canvas_init(&cv, width, height, err)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (!isfinite(y[i])) {
			have = false;
			continue;
		}
		qx = n == 1 ? width / 2 :
		    2 + round_px((double)i * (width - 5) / (double)(n - 1));
		qy = !(hi > lo) ? height / 2 :
		    height - 3 - round_px((y[i] - lo) * (height - 5) /
		    (hi - lo));
		if (have)
			line(&cv, px, py, qx, qy, PNGCHART_RGB_SERIES, 1, 0,
			    NULL);
		else
			put(&cv, qx, qy, PNGCHART_RGB_SERIES);
		px = qx, py = qy, have = any = true;
	}
	if (any)
		marker(&cv, px, py, 2, PNGCHART_RGB_LAST, false, false);
	rc = canvas_write(&cv, path, err);
	canvas_release(&cv);
	return rc;
}
