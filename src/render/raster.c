/* render/raster.c - see raster.h.
 *
 * Everything that draws ends in raster_put(), the one place that checks
 * the clip rectangle, so the primitives can be simple about their edges.
 * raster_fill() cuts its rectangle to the clip first only to save the
 * calls, not for safety.
 */
#include "render/raster.h"

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

#include "util/buf.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#include "util/banned.h"

/* --- canvas -------------------------------------------------------------- */

int
raster_init(struct raster *r, int w, int h, struct font *font,
    struct pm_err *err)
{
	memset(r, 0, sizeof(*r));
	if (w < 1 || h < 1)
		return pm_fail(err, PM_EUSAGE, NULL, 0,
		    "image size %dx%d has no pixels", w, h);
	/* Callers keep to 8192 * 8192 * 3 bytes, but check rather than trust
	 * it. */
	if ((size_t)w > SIZE_MAX / 3 / (size_t)h)
		return pm_fail(err, PM_EUSAGE, NULL, 0, "chart too large");
	r->px = xmalloc((size_t)w * (size_t)h * 3);
	memset(r->px, 0xff, (size_t)w * (size_t)h * 3);        /* white */
	r->w = w;
	r->h = h;
	r->cx1 = w - 1;
	r->cy1 = h - 1;
	r->font = font;
	return 0;
}

void
raster_release(struct raster *r)
{
	if (r == NULL)
		return;
	free(r->px);
	r->px = NULL;
}

void
raster_clip(struct raster *r, int x0, int y0, int x1, int y1)
{
	r->cx0 = x0 < 0 ? 0 : x0;
	r->cy0 = y0 < 0 ? 0 : y0;
	r->cx1 = x1 >= r->w ? r->w - 1 : x1;
	r->cy1 = y1 >= r->h ? r->h - 1 : y1;
}

/* --- primitives ---------------------------------------------------------- */

void
raster_put(struct raster *r, int x, int y, unsigned rgb)
{
	unsigned char *p;

	if (x < r->cx0 || x > r->cx1 || y < r->cy0 || y > r->cy1)
		return;
	p = r->px + ((size_t)y * (size_t)r->w + (size_t)x) * 3;
	p[0] = rgb >> 16 & 0xff;
	p[1] = rgb >> 8 & 0xff;
	p[2] = rgb & 0xff;
}

void
raster_fill(struct raster *r, int x0, int y0, int x1, int y1, unsigned rgb)
{
	int x, y, t;

	if (x0 > x1) {
		t = x0, x0 = x1, x1 = t;
	}
	if (y0 > y1) {
		t = y0, y0 = y1, y1 = t;
	}
	x0 = x0 < r->cx0 ? r->cx0 : x0;
	y0 = y0 < r->cy0 ? r->cy0 : y0;
	x1 = x1 > r->cx1 ? r->cx1 : x1;
	y1 = y1 > r->cy1 ? r->cy1 : y1;
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++)
			raster_put(r, x, y, rgb);
}

/* The phase counts pixels modulo a whole on+off period, so it stays small
 * however long the polyline. */
void
raster_line(struct raster *r, int x0, int y0, int x1, int y1, unsigned rgb,
    int thick, int dash, int *phase)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int e = dx + dy, e2, k = phase != NULL ? *phase : 0;

	for (;;) {
		if (dash == 0 || k / dash % 2 == 0)
			raster_fill(r, x0, y0, x0 + thick - 1, y0 + thick - 1,
			    rgb);
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

void
raster_marker(struct raster *r, int x, int y, int rad, unsigned rgb,
    unsigned flags)
{
	bool square = (flags & RASTER_MARK_SQUARE) != 0;
	bool hollow = (flags & RASTER_MARK_HOLLOW) != 0;
	int dx, dy, q = rad - 2;

	for (dy = -rad; dy <= rad; dy++)
		for (dx = -rad; dx <= rad; dx++) {
			bool in = square ||
			    dx * dx + dy * dy <= rad * rad + rad;
			bool inner = hollow && q > 0 && (square ?
			    abs(dx) <= q && abs(dy) <= q :
			    dx * dx + dy * dy <= q * q + q);

			if (in)
				raster_put(r, x + dx, y + dy,
				    inner ? RASTER_RGB_BG : rgb);
		}
}

/* --- text ---------------------------------------------------------------- */

/* The code point at *s, moving *s past it; UINT32_MAX for a byte that
 * starts no valid sequence (RFC 3629: no overlong forms, surrogates or
 * values above U+10FFFF), which moves *s one byte. *s is not at NUL. */
static uint32_t
next_cp(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t cp;
	int n, i;

	if (p[0] < 0x80) {
		*s += 1;
		return p[0];
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 1, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 2, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 3, cp = p[0] & 0x07;
	else
		goto bad;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)      /* NUL ends here too */
			goto bad;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		goto bad;
	*s += n + 1;
	return cp;
bad:
	*s += 1;
	return UINT32_MAX;
}

static bool
drawable(uint32_t cp)
{
	return cp != UINT32_MAX && cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0);
}

size_t
raster_text_len(const char *s)
{
	size_t n = 0;

	while (s != NULL && *s != '\0' && n < 4096)
		n += drawable(next_cp(&s));
	return n;
}

/* Width in 1/64 pixels of the first 'max' drawable code points of s. */
static long
advance_of(struct font *f, const char *s, int px, size_t max)
{
	long w = 0;
	size_t n = 0;
	uint32_t cp;

	while (s != NULL && *s != '\0' && n < max)
		if (drawable(cp = next_cp(&s))) {
			w += font_glyph(f, cp, px)->advance;
			n++;
		}
	return w;
}

int
raster_text_width(struct font *f, const char *s, int scale)
{
	if (f == NULL)
		return 0;
	return (int)((advance_of(f, s, FONT_PX * scale, 4096) + 32) >> 6);
}

/* Coverage a (0..255) of rgb over the pixel that is there. */
static void
blend(struct raster *r, int x, int y, unsigned rgb, unsigned a)
{
	unsigned char *p;
	int k;

	if (x < r->cx0 || x > r->cx1 || y < r->cy0 || y > r->cy1 || a == 0)
		return;
	p = r->px + ((size_t)y * (size_t)r->w + (size_t)x) * 3;
	for (k = 0; k < 3; k++) {
		unsigned c = rgb >> (16 - 8 * k) & 0xff;

		p[k] = (unsigned char)((p[k] * (255 - a) + c * a + 127) / 255);
	}
}

/* A pen position (1/64 pixels, either sign) rounded to the nearest pixel,
 * halves up, without shifting a negative number. */
static int
pen_px(long v)
{
	v += 32;
	return (int)(v >= 0 ? v / 64 : -((-v + 63) / 64));
}

/* Draw the first 'max' drawable code points of s with the pen at x (1/64
 * pixels) on the baseline 'base'; returns the pen after them. */
static long
draw_run(struct raster *r, long pen, int base, const char *s, size_t max,
    unsigned rgb, int px)
{
	const struct font_glyph *g;
	size_t n = 0;
	uint32_t cp;
	int gx, gy, i, j;

	while (s != NULL && *s != '\0' && n < max) {
		if (!drawable(cp = next_cp(&s)))
			continue;
		g = font_glyph(r->font, cp, px);
		gx = pen_px(pen) + g->left;
		gy = base - g->top;
		for (j = 0; j < g->h; j++)
			for (i = 0; i < g->w; i++)
				blend(r, gx + i, gy + j, rgb,
				    g->mask[(size_t)j * (size_t)g->w +
				    (size_t)i]);
		pen += g->advance;
		n++;
	}
	return pen;
}

int
raster_text(struct raster *r, int x, int y, const char *s, unsigned rgb,
    int scale, enum raster_align al, int maxw)
{
	int px = FONT_PX * scale, base = y + FONT_ASCENT * scale, w;
	size_t n = raster_text_len(s), keep = n;
	long full, dots = 0, pen, a;
	const char *p = s;
	uint32_t cp;
	bool cut;

	if (r->font == NULL || n == 0)
		return 0;
	full = advance_of(r->font, s, px, n);
	cut = maxw > 0 && (full + 32) >> 6 > maxw;
	/* Keep as many characters as leave room for the "..". */
	if (cut) {
		dots = advance_of(r->font, "..", px, 2);
		for (full = 0, keep = 0; keep < n && *p != '\0';) {
			if (!drawable(cp = next_cp(&p)))
				continue;
			a = font_glyph(r->font, cp, px)->advance;
			if ((full + a + dots + 32) >> 6 > maxw)
				break;
			full += a;
			keep++;
		}
		full += dots;
	}
	w = (int)((full + 32) >> 6);
	if (al == RASTER_CENTER)
		x -= w / 2;
	else if (al == RASTER_RIGHT)
		x -= w - 1;
	pen = draw_run(r, (long)x * 64, base, s, keep, rgb, px);
	if (cut)
		draw_run(r, pen, base, "..", 2, rgb, px);
	return w;
}

void
raster_text_within(struct raster *r, int x, int y, const char *s,
    unsigned rgb, int scale, int lo, int hi)
{
	int w = raster_text_width(r->font, s, scale), l = x - w / 2;

	if (l + w - 1 > hi)
		l = hi - w + 1;
	if (l < lo)
		l = lo;
	raster_text(r, l, y, s, rgb, scale, RASTER_LEFT, hi - l + 1);
}

/* --- numbers and ticks --------------------------------------------------- */

int
raster_px(double v)
{
	v = floor(v + 0.5);
	if (isnan(v))
		return -RASTER_PXMAX;
	return v > RASTER_PXMAX ? RASTER_PXMAX : v < -RASTER_PXMAX ?
	    -RASTER_PXMAX : (int)v;
}

/* Beyond 1e15 the digits stop meaning anything, hence the exponent form. */
void
raster_format_num(char out[RASTER_NUMTXT], double v, int decimals)
{
	char tmp[RASTER_NUMTXT];
	const char *d;
	size_t nd, i, o = 0;
	bool neg;

	if (!(fabs(v) < 1e15)) {
		snprintf(out, RASTER_NUMTXT, "%.3g", v);
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
	snprintf(out + o, RASTER_NUMTXT - o, "%s", d + nd);
}

void
raster_ticks_make(struct raster_ticks *t, double lo, double hi, int want)
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

double
raster_ticks_at(const struct raster_ticks *t, int i)
{
	double v = t->first + i * t->step;

	return fabs(v) < t->step * 1e-9 ? 0 : v;
}

int
raster_ticks_width(struct font *font, const struct raster_ticks *t,
    const char *suffix, int scale)
{
	char s[RASTER_NUMTXT + 8];
	int i, w, max = 0;

	for (i = 0; i < t->count; i++) {
		raster_format_num(s, raster_ticks_at(t, i), t->decimals);
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "%s", suffix);
		w = raster_text_width(font, s, scale);
		max = w > max ? w : max;
	}
	return max;
}

/* --- writing ------------------------------------------------------------- */

int
raster_write_png(const struct raster *r, const char *path,
    struct pm_err *err)
{
	struct outfile o = OUTFILE_INIT;
	png_image img;
	FILE *f;
	int rc, e;

	if ((rc = outfile_open(&o, path, 0, err)) != 0)
		return rc;
	if ((f = outfile_stream(&o, err)) == NULL) {
		outfile_abort(&o);
		return PM_EIO;
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)r->w;
	img.height = (png_uint_32)r->h;
	img.format = PNG_FORMAT_RGB;
	/* Flat-coloured charts compress well either way; the default
	 * settings spent 90% of "chart --all" in zlib. */
	img.flags = PNG_IMAGE_FLAG_FAST;
	errno = 0;
	/* The simplified API keeps libpng's longjmp inside libpng. */
	if (!png_image_write_to_stdio(&img, f, 0, r->px, 0, NULL)) {
		e = errno;
		png_image_free(&img);
		rc = e != 0 ? pm_fail_errno(err, PM_EIO, e, path,
		    "cannot write chart") : pm_fail(err, PM_EIO, path, 0,
		    "cannot write chart: %s", img.message);
		outfile_abort(&o);
		return rc;
	}
	return outfile_commit(&o, err);
}
