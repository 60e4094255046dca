/* render/raster.h - the pixels under the native chart renderer: an RGB
 * canvas in memory, the primitives that draw on it (rectangles, lines,
 * dashed lines, markers, text in the face of render/font.h), nice
 * axis ticks and their labels, and the writing of the canvas as a PNG.
 *
 * Knows nothing of charts: no data, no layout, no colour scheme beyond the
 * white background. Never prints, never exits (but xalloc's out-of-memory
 * exit). Keeps no state outside the struct raster the caller passes in
 * (and the glyph cache of its font).
 *
 * Invariants: pixels are ints, x grows rightwards and y downwards from
 * (0,0) at the top left. Every pixel goes through the clip rectangle,
 * which always lies inside the canvas: a wrong coordinate costs a missing
 * pixel, never a write outside the buffer. Coordinates passed to the
 * drawing functions stay within -RASTER_PXMAX..RASTER_PXMAX (raster_px()
 * gives such values), so that their differences cannot overflow an int.
 *
 * Text: UTF-8, set in the face of render/font.h (the raster borrows it)
 * at FONT_PX * scale pixels to the em, anti-aliased over what is there.
 * Control characters, invalid UTF-8 (stray bytes, overlong forms,
 * surrogates) and code points the face has no glyph for are left out, so
 * no byte sequence can make a draw fail. A text's y is the top of its
 * line, FONT_H * scale pixels tall.
 */
#ifndef PM_RENDER_RASTER_H
#define PM_RENDER_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "render/font.h"
#include "render/palette.h"
#include "util/err.h"

#define RASTER_RGB_BG PAL_BG /* a new canvas, the inside of hollow marks */
#define RASTER_PXMAX (1 << 20)  /* raster_px() clamps to +-this */
#define RASTER_NUMTXT 48        /* bytes of a raster_format_num() text */

struct raster {
	unsigned char *px;      /* w * h RGB triples, top row first */
	int w, h;               /* pixels, >= 1 */
	int cx0, cy0, cx1, cy1; /* clip rectangle, edges included, inside */
	struct font *font;      /* of the text, borrowed; NULL: no text */
};

/* Marker shapes for raster_marker(), or'ed together; 0 is a filled
 * circle. */
enum raster_mark {
	RASTER_MARK_SQUARE = 1 << 0,
	RASTER_MARK_HOLLOW = 1 << 1,    /* 2-px rim, RASTER_RGB_BG inside */
};

/* Where raster_text() puts its text relative to x. */
enum raster_align { RASTER_LEFT, RASTER_CENTER, RASTER_RIGHT };

/* Ticks of an axis: count values first + i * step, i = 0..count-1. */
struct raster_ticks {
	double first, step;     /* first tick >= lo; distance between ticks */
	int count;              /* ticks within lo..hi, 0..50 */
	int decimals;           /* digits after the point in labels, 0..10 */
};

/* Allocate a w x h canvas, all RASTER_RGB_BG, clipped to the whole of it,
 * its text drawn in 'font' (borrowed until raster_release(); NULL: text is
 * left out). Callers check their own size limits first; this one only
 * refuses what cannot be allocated: PM_EUSAGE for a side < 1 or a byte
 * count beyond size_t. On failure 'r' is zeroed. Release with
 * raster_release(). */
int raster_init(struct raster *r, int w, int h, struct font *font,
    struct pm_err *err);
/* Free the pixels; NULL, a zeroed or a released raster is a no-op. */
void raster_release(struct raster *r);

/* Clip to the rectangle (x0,y0)..(x1,y1), edges included and cut to the
 * canvas. */
void raster_clip(struct raster *r, int x0, int y0, int x1, int y1);

/* One pixel of colour rgb (0xRRGGBB); outside the clip: nothing. */
void raster_put(struct raster *r, int x, int y, unsigned rgb);
/* The rectangle with corners (x0,y0) and (x1,y1) included, in any
 * order. */
void raster_fill(struct raster *r, int x0, int y0, int x1, int y1,
    unsigned rgb);
/* Bresenham from (x0,y0) to (x1,y1), both ends drawn, with a thick x thick
 * brush (thick >= 1) whose top left corner follows the line. dash 0 is
 * solid; dash > 0 draws runs of dash pixels on and dash off. *phase (NULL:
 * start at 0, not kept) carries the position in that rhythm from one call
 * to the next, so a dashed polyline keeps it across its joints. */
void raster_line(struct raster *r, int x0, int y0, int x1, int y1,
    unsigned rgb, int thick, int dash, int *phase);
/* A mark of radius rad centred on (x,y): a circle (rad * rad + rad makes
 * small ones round rather than diamond-shaped) or, with
 * RASTER_MARK_SQUARE, a (2 * rad + 1)-px square; 'flags' from enum
 * raster_mark. */
void raster_marker(struct raster *r, int x, int y, int rad, unsigned rgb,
    unsigned flags);

/* Code points of 's' that are drawn or measured (NULL: 0): all but
 * control characters and invalid UTF-8, counted up to 4096 so that
 * widths fit an int. */
size_t raster_text_len(const char *s);
/* Width in pixels of 's' at 'scale' in 'font' (NULL: 0), as raster_text()
 * draws it uncut. */
int raster_text_width(struct font *font, const char *s, int scale);
/* Draw 's' (NULL: nothing) with its line's top at y: starting at x
 * (RASTER_LEFT), centred on x, or ending at x (RASTER_RIGHT). Text wider
 * than maxw (when > 0) is cut and ends in "..". Returns the width drawn. */
int raster_text(struct raster *r, int x, int y, const char *s, unsigned rgb,
    int scale, enum raster_align al, int maxw);
/* Centred on x but moved to stay inside columns lo..hi when it fits there,
 * cut with ".." at hi when it does not. */
void raster_text_within(struct raster *r, int x, int y, const char *s,
    unsigned rgb, int scale, int lo, int hi);

/* A pixel coordinate from a computed one: rounded half up (floor(v +
 * 0.5)), clamped to +-RASTER_PXMAX; NaN gives -RASTER_PXMAX, off every
 * canvas. */
int raster_px(double v);

/* v as "%.*f" with thousands separators and never "-0"; "%.3g" when
 * |v| >= 1e15 or v is not finite. 'out' is always terminated. */
void raster_format_num(char out[RASTER_NUMTXT], double v, int decimals);

/* About 'want' ticks over lo..hi (lo < hi, finite) at a step that reads
 * well: 1, 2, 2.5 or 5 x 10^k, with just enough decimals to tell them
 * apart. A span too small for any step gives count 0. */
void raster_ticks_make(struct raster_ticks *t, double lo, double hi,
    int want);
/* Tick i, with rounding noise around 0 made exactly 0. */
double raster_ticks_at(const struct raster_ticks *t, int i);
/* Width of the widest tick label at 'scale' in 'font', 'suffix' appended
 * to each. */
int raster_ticks_width(struct font *font, const struct raster_ticks *t,
    const char *suffix, int scale);

/* Write the canvas as an 8-bit RGB PNG to 'path' through util/outfile
 * (a new temporary file beside it, fsync'd, then renamed onto 'path'), so a reader sees the old file or the new one,
 * never half a PNG. PM_EIO when any step fails, with err->file = path and
 * strerror (or libpng's message) in the text; then no temporary file is
 * left behind and 'path' is untouched. */
int raster_write_png(const struct raster *r, const char *path,
    struct pm_err *err);

#endif /* PM_RENDER_RASTER_H */
