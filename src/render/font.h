/* render/font.h - the typeface of the native chart renderer: the face
 * gnuplot's charts use (FONT_FAMILY, Noto Sans CJK SC from Debian's
 * fonts-noto-cjk), found with fontconfig and drawn by FreeType, so native
 * charts show Chinese as well as Latin text.
 *
 * Owns a FreeType library and face and a cache of rendered glyphs: open
 * one per batch of charts (a "chart --all" draws about 110) and pass it
 * down; nothing is global. Never prints, never exits (but xalloc's
 * out-of-memory exit).
 *
 * Pixels are the same from run to run on one machine: hinting, rendering
 * and sizes are fixed here (FreeType's light hinting, 8-bit anti-aliased
 * coverage, no embedded bitmaps), not taken from the user's fontconfig
 * settings. Text at scale k is set at FONT_PX * k pixels to the em, in a
 * line FONT_H * k pixels tall whose baseline is FONT_ASCENT * k below its
 * top.
 */
#ifndef PM_RENDER_FONT_H
#define PM_RENDER_FONT_H

#include <stdbool.h>

#include "util/err.h"

#define FONT_FAMILY "Noto Sans CJK SC"
#define FONT_PX 12              /* pixels per em at scale 1 */
#define FONT_H 16               /* line height at scale 1, pixels */
#define FONT_ASCENT 12          /* line top to baseline at scale 1 */
#define FONT_MID 7              /* line top to the middle of digits */

struct font;                    /* opaque */

/* A rendered glyph: an 8-bit coverage mask (0 background .. 255 ink),
 * w x h, row after row. Its top left pixel is 'left' columns right of the
 * pen and 'top' rows above the baseline; the pen then moves 'advance'
 * 1/64 pixels right. */
struct font_glyph {
	int w, h;               /* pixels, >= 0 */
	int left, top;
	long advance;           /* 26.6 fixed point, >= 0 */
	unsigned char mask[];   /* w * h bytes */
};

/* Find FONT_FAMILY with fontconfig (or, when it is not installed, the
 * face fontconfig offers for Chinese sans-serif text instead) and open it.
 * On success *out belongs to the caller: font_close() it. PM_EIO when
 * fontconfig finds no font at all or FreeType cannot open the file, with
 * a message that says what to install. */
int font_open(struct font **out, struct pm_err *err);
void font_close(struct font *f);       /* NULL is a no-op */

/* The family of the face opened, as fontconfig names it. Borrowed, lives
 * as long as f. */
const char *font_family(const struct font *f);
/* Whether that is FONT_FAMILY rather than a stand-in. */
bool font_is_preferred(const struct font *f);

/* The glyph of code point cp at px pixels to the em (1..1024), rendered
 * once and kept: the pointer is borrowed and lives as long as f. Never
 * NULL: a code point the face has no glyph for, or one FreeType fails to
 * render, gives an empty glyph of advance 0 (it is left out). */
const struct font_glyph *font_glyph(struct font *f, unsigned cp, int px);

#endif /* PM_RENDER_FONT_H */
