/* render/pngchart.h - the native chart renderer: draws the chart model of
 * render/chart.h on an RGB canvas in memory and writes it as a PNG with
 * libpng. No external program; used for sparklines and when gnuplot is
 * missing.
 *
 * Owns the layout of each chart type (trend, bars, small multiples,
 * sparkline): where titles, axes, labels and data go. The canvas, the
 * drawing primitives, the text, the ticks and the writing of the file are
 * render/raster.h's. Never prints, never exits (but xalloc's out-of-memory
 * exit). Keeps no state between calls.
 *
 * Text is UTF-8 (Chinese as well as Latin), set in the face of
 * render/font.h that the caller opened once for its batch of charts and
 * passes in (borrowed for the call); control characters and invalid
 * UTF-8 are left out, so no byte sequence can make a draw fail. Text too
 * long for its place is cut and ends in "..". Labels are drawn at scale 1
 * (titles 2); trends and bars from 1200x700 up at scale 2 (titles 3).
 * Legend and "no data" words are the chart's words (chart_words_en when
 * it has none).
 *
 * Files: a call draws the whole picture, writes it to a new temporary file
 * next to 'path' (util/outfile.h) and renames it onto 'path', so a
 * reader sees the old file or the new one, never half a PNG. On failure no
 * file is left behind and 'path' is untouched.
 *
 * Errors (err may be NULL): PM_EUSAGE for a width or height outside
 * PNGCHART_MIN..PNGCHART_MAX pixels, or a chart whose text leaves no room
 * for its plot (a trend with title, subtitle, unit and footer needs about
 * 60 pixels wide and 170 high, a small multiple about 60x120 per cell);
 * PM_EDATA for nothing to draw or values too large to subtract; PM_EIO
 * when the file cannot be written, with err->file = path and strerror in
 * the message.
 */
#ifndef PM_RENDER_PNGCHART_H
#define PM_RENDER_PNGCHART_H

#include <stddef.h>

#include "render/chart.h"
#include "render/font.h"
#include "render/palette.h"
#include "util/err.h"

#define PNGCHART_MIN 16         /* pixels per side */
#define PNGCHART_MAX 8192

/* Colours (0xRRGGBB, from render/palette.h) that only the data is drawn
 * in, so that tests and callers can find it; bars take pal_status[] when
 * they have a status, PNGCHART_RGB_SERIES when not. */
#define PNGCHART_RGB_BG PAL_BG
#define PNGCHART_RGB_SERIES PAL_SERIES  /* trend line, markers, sparkline */
#define PNGCHART_RGB_TARGET PAL_TARGET  /* target line and marker */
#define PNGCHART_RGB_PROJ PAL_PROJ      /* projection, dashed */
#define PNGCHART_RGB_BREAK PAL_BREAK    /* a break in series, dashed */
#define PNGCHART_RGB_YOY PAL_YOY        /* growth bars */
#define PNGCHART_RGB_LAST PAL_LAST      /* last point of a sparkline */

/* Trend: title (large), subtitle, then a line with the unit on the left
 * and the legend on the right, the plot, x labels, the footer (small).
 * The series is a 2-px line through the complete points with filled
 * circles; a partial[i] point is a hollow circle off the line;
 * the target a dashed line across the plot and a square at (target_x,
 * target), the x range extended to reach it; the projection a dashed
 * line; year-on-year growth thin bars on a right axis in percent when
 * has_yoy (may be NULL) marks any point. partial and xlabel may be NULL;
 * non-finite values are left out. n == 0: PM_EDATA "no data to draw". */
int pngchart_trend(struct font *font, const char *path,
    const struct chart_trend *c, int width, int height, struct pm_err *err);

/* Horizontal bars, one row per label in the given order: label | bar |
 * value. Colour pal_status[status[i]] when status is not NULL (an
 * out-of-range status is drawn grey). Value axis lo..hi when fixed_range
 * (PM_EUSAGE unless lo < hi), else 0..max, or min..max with 0 when a
 * value is negative, padded 5%; a zero line when the range spans 0. */
int pngchart_bars(struct font *font, const char *path,
    const struct chart_bars *c, int width, int height, struct pm_err *err);

/* Small multiples: n trends on one page in a grid of ceil(sqrt(n))
 * columns, each compact (title, subtitle, axes; no legend, growth bars
 * or footer). A chart with no points shows "no data" in its cell. */
int pngchart_multi(struct font *font, const char *path,
    const struct chart_trend *charts, size_t n, int width, int height,
    struct pm_err *err);

/* Sparkline (e.g. 120x30): the values as a 1-px line, no axes, the last
 * point a dot of PNGCHART_RGB_LAST. Point i of n > 1 is at column
 * 2 + round(i * (width - 5) / (n - 1)) and row
 * height - 3 - round((y - min) * (height - 5) / (max - min)), i.e. a
 * 2-px margin. When all values are equal they sit on row height / 2;
 * n == 1 is a dot at (width / 2, height / 2). Non-finite values break the
 * line. n == 0: PM_EDATA. */
int pngchart_sparkline(const char *path, const double *y, size_t n,
    int width, int height, struct pm_err *err);

/* Where the data goes: the plot rectangle in pixels (edges included) and
 * the data values at its edges. x maps to column
 *   left + round((x - x0) * (right - left) / (x1 - x0))
 * and y to row
 *   bottom - round((y - y0) * (bottom - top) / (y1 - y0)),
 * round(v) being floor(v + 0.5). Margins depend on which texts are
 * present and on the widest tick label, so ask rather than recompute. */
struct pngchart_area {
	int left, top, right, bottom;   /* pixels, left < right, top < bottom */
	double x0, x1;                  /* data at left and right, x0 < x1 */
	double y0, y1;                  /* data at bottom and top, y0 < y1 */
};

/* The area pngchart_trend() would plot 'c' in at this size and font (the
 * margins depend on the widths of the texts), with the same
 * errors (except PM_EIO). The y range covers the data, projection and
 * target, starts at 0 when all values are >= 0 and the smallest is at
 * most half the largest (likewise at 0 for negatives), and is padded 5%
 * at ends that are not 0. The x range covers the points, projection and
 * target_x, padded 4% (0.5 when it is one point). */
int pngchart_trend_area(struct font *font, const struct chart_trend *c,
    int width, int height, struct pngchart_area *a, struct pm_err *err);

/* The area pngchart_bars() would use: x0..x1 is the value axis; y0 = 0 and
 * y1 = n. Bar i is centred on row pngchart_bar_row(a, n, i). */
int pngchart_bars_area(struct font *font, const struct chart_bars *c,
    int width, int height, struct pngchart_area *a, struct pm_err *err);

int pngchart_map_x(const struct pngchart_area *a, double x);
int pngchart_map_y(const struct pngchart_area *a, double y);
/* top + ((2i + 1) * (bottom - top + 1)) / (2n), integer division. */
int pngchart_bar_row(const struct pngchart_area *a, size_t n, size_t i);

#endif /* PM_RENDER_PNGCHART_H */
