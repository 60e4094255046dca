/* render/palette.h - every colour pemetrics draws a chart in, 0xRRGGBB,
 * in one table: the native renderer (pngchart.c, raster.c), the gnuplot
 * scripts (gnuplot.c) and the report page's status colours (html.c), so
 * that a chart, its legend and the page around it agree.
 *
 * gnuplot's own line styles (series, target, projection, YoY bars, grid)
 * live in its template charts/common.gp, which users may edit to
 * restyle; PAL_GP_SERIES is the series colour it ships with, which a bar
 * without a status takes.
 */
#ifndef PM_RENDER_PALETTE_H
#define PM_RENDER_PALETTE_H

/* A progress status's colour, indexed by enum progress_status (not
 * available, deterioration, limited, acceleration needed, on track,
 * target achieved): grey, red, orange, yellow, green, blue, the usual
 * SDG-progress palette, checked for contrast on white. */
extern const unsigned pal_status[6];

#define PAL_BG 0xffffffu        /* background, the inside of hollow marks */

/* The data of a native chart: drawn in these colours only, so that
 * tests and callers can find it (pngchart.h). */
#define PAL_SERIES 0x1f5fa8u    /* trend line, markers, sparkline */
#define PAL_TARGET 0xd81b60u    /* target line and marker */
#define PAL_PROJ 0x7e57c2u      /* projection, dashed */
#define PAL_BREAK 0x616161u     /* a break in series, dashed */
#define PAL_YOY 0xf7c9a1u       /* growth bars */
#define PAL_LAST 0xe65100u      /* last point of a sparkline */

/* What is not data: native charts. */
#define PAL_GRID 0xe8e8e8u
#define PAL_AXIS 0x616161u      /* axes, ticks */
#define PAL_ZERO 0x9e9e9eu      /* the zero line of growth bars */
#define PAL_TEXT 0x212121u      /* title, tick labels */
#define PAL_MUTED 0x666666u     /* subtitle, unit, footer, "no data" */

/* What is not data: gnuplot charts. */
#define PAL_GP_SERIES 0x1565c0u /* as charts/common.gp's line style 1 */
#define PAL_GP_SUBTITLE 0x444444u
#define PAL_GP_FOOTER 0x555555u
#define PAL_GP_ZERO 0x9e9e9eu   /* the zero line of growth bars */
#define PAL_GP_BREAK 0x616161u  /* a break in series and its label */
#define PAL_GP_MUTED 0x666666u  /* "no data" */

#endif /* PM_RENDER_PALETTE_H */
