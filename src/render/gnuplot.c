#include "render/gnuplot.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/gnuplot_proc.h"
#include "render/palette.h"
#include "render/raster.h"
#include "util/outfile.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define XTICS_MAX 12    /* period labels on a time axis */

void
gp_quote(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	buf_addc(b, '\'');
	while (i < n) {
		size_t k = 1;

		if (p[i] >= 0x80) {
			k = p[i] >= 0xf0 ? 4 : p[i] >= 0xe0 ? 3 : 2;
			if (i + k > n || !utf8_valid(p + i, k)) {
				i++;    /* invalid byte: dropped */
				continue;
			}
			buf_add(b, p + i, k);
		} else if (p[i] == '\'') {
			buf_adds(b, "''");
		} else if (p[i] == '>' && i >= 2 && p[i - 1] == ']' &&
		    p[i - 2] == ']') {
			/* gnuplot's SVG writes '>' as it is, and "]]>" is
			 * not allowed in XML text: a space keeps it apart. */
			buf_adds(b, " >");
		} else if (p[i] >= 0x20 && p[i] != 0x7f) {
			buf_addc(b, (char)p[i]);
		}
		i += k;
	}
	buf_addc(b, '\'');
}

/* A data file of numbers only: "x y" per line, '?' for missing. */
static int
data_file(struct gnuplot *g, unsigned sub, const char *kind, size_t n,
    const double *x, const double *y, const bool *keep, const int *extra,
    struct buf *path, struct pm_err *err)
{
	FILE *f;
	size_t i;

	buf_reset(path);
	buf_addf(path, "%s/c%u_%u%s.dat", g->dir, g->nchart, sub, kind);
	if ((f = fopen(path->data, "w")) == NULL)
		return pm_fail_errno(err, PM_EIO, errno, path->data, "fopen");
	for (i = 0; i < n; i++) {
		if (keep && !keep[i])
			continue;
		if (isfinite(y[i]))
			fprintf(f, "%.17g %.17g", x[i], y[i]);
		else
			fprintf(f, "%.17g ?", x[i]);
		if (extra)
			fprintf(f, " %d", extra[i]);
		fputc('\n', f);
	}
	if (fclose(f) != 0)
		return pm_fail_errno(err, PM_EIO, errno, path->data, "write");
	return 0;
}

static void
begin(struct gnuplot *g, struct buf *s, const char *tmp, enum chart_format fmt,
    int width, int height, const char *tpl)
{
	g->nchart++;
	buf_adds(s, "reset\nreset errors\nunset multiplot\n"
	    "set encoding utf8\nset datafile missing '?'\n");
	buf_adds(s, "load ");
	{
		struct buf p = BUF_INIT;

		buf_addf(&p, "%s/common.gp", g->templates);
		gp_quote(s, p.data);
		buf_adds(s, "\nset terminal ");
		buf_addf(s, "%s size %d,%d font pm_font.',%s' noenhanced\n",
		    fmt == CHART_SVG ? "svg dynamic background rgb 'white'" :
		    "pngcairo", width, height, "10");
		buf_adds(s, "set output ");
		gp_quote(s, tmp);
		buf_adds(s, "\nload ");
		buf_reset(&p);
		buf_addf(&p, "%s/%s", g->templates, tpl);
		gp_quote(s, p.data);
		buf_addc(s, '\n');
		buf_release(&p);
	}
}

/* Period labels on the time axis, at most XTICS_MAX of them; the years
 * after the data up to the target year when the axis is in years. */
static void
xtics(struct buf *s, const struct chart_trend *c, double per, int width)
{
	size_t i, step = c->n / XTICS_MAX + 1, w = 4, fit;
	double y;

	if (c->xlabel == NULL || c->n == 0)
		return;
	/* Labels never overlap: as many as fit the plot's width, at about
	 * 7 pixels a character (a CJK one counts two) and two between. */
	for (i = 0; i < c->n; i++)
		if (strlen(c->xlabel[i]) > w)
			w = strlen(c->xlabel[i]);
	fit = width > 0 ? (size_t)(width * 0.8) / ((w + 2) * 7) : XTICS_MAX;
	if (fit < 2)
		fit = 2;
	if (c->n > fit && (c->n + fit - 1) / fit > step)
		step = (c->n + fit - 1) / fit;
	buf_adds(s, "set xtics (");
	for (i = 0; i < c->n; i += step) {
		if (i)
			buf_adds(s, ", ");
		gp_quote(s, c->xlabel[i]);
		buf_addf(s, " %.17g", c->x[i]);
	}
	if (c->has_target && c->target_x > c->x[c->n - 1] + 0.5) {
		y = per >= 1 && step == 1 ? floor(c->x[c->n - 1]) + 1 :
		    c->target_x;
		for (; y <= c->target_x && y < c->target_x + 1; y++)
			buf_addf(s, ", '%d' %.17g", (int)y, y);
	}
	buf_adds(s, ")\n");
}

/* Explicit ticks over lo..hi with a plain number format: gnuplot's own
 * choice writes 1e+06 beside 500000. */
static void
ticks(struct buf *s, const char *axis, double lo, double hi, int want)
{
	struct raster_ticks t;

	raster_ticks_make(&t, lo, hi, want);
	if (t.count < 1)
		return;
	buf_addf(s, "set %stics %.17g, %.17g, %.17g\n", axis, t.first,
	    t.step, hi);
	buf_addf(s, "set format %s '%%.%df'\n", axis, t.decimals);
}

/* The value axis of a trend: data and target; from 0 when
 * every value is >= 0 and the smallest at most half the largest
 * (likewise to 0 for negatives), other ends padded 5%, and the target
 * kept off the edges so that its line and marker show. */
static void
y_range(const struct chart_trend *c, double *lo, double *hi)
{
	double a = HUGE_VAL, b = -HUGE_VAL, span;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (isfinite(c->y[i])) {
			a = fmin(a, c->y[i]);
			b = fmax(b, c->y[i]);
		}
	/* Not the projection: it is cut where it leaves this axis. */
	if (c->has_target && isfinite(c->target)) {
		a = fmin(a, c->target);
		b = fmax(b, c->target);
	}
	if (a > b)
		a = b = 0;
	span = b - a;
	(void)chart_range_pad(&a, &b, &span);  /* too large: gnuplot says so */
	if (c->has_target && isfinite(c->target)) {
		if (c->target - a < span * 0.04)
			a = c->target - span * 0.06;
		if (b - c->target < span * 0.04)
			b = c->target + span * 0.06;
	}
	*lo = a;
	*hi = b;
}

/* Fit 's' into about 'room' character widths (a CJK character counts
 * two), cut with an ellipsis. */
static void
fit_text(struct buf *b, const char *s, size_t room)
{
	const unsigned char *q = (const unsigned char *)s;
	size_t w = 0, i, cut = 0;

	for (i = 0; q[i]; i++) {
		if ((q[i] & 0xc0) == 0x80)
			continue;
		if (w + 1 <= room)
			cut = i;
		w += q[i] >= 0xe0 ? 2 : 1;
	}
	if (w <= room) {
		buf_adds(b, s);
		return;
	}
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	buf_add(b, s, cut);
	buf_adds(b, "\xe2\x80\xa6");
}

static void
titles(struct buf *s, const char *title, const char *subtitle,
    const char *footer, bool compact)
{
	if (title && compact) {
		buf_adds(s, "set title ");
		gp_quote(s, title);
		buf_adds(s, " noenhanced\n");
	} else if (title) {
		/* Labels rather than "set title": a subtitle line cannot be
		 * joined to it (no newline may reach the script). */
		buf_adds(s, "set label 102 ");
		gp_quote(s, title);
		buf_adds(s, " at screen 0.5, screen 1 center offset 0,-1.2 "
		    "font pm_font.',13' noenhanced\n");
	}
	if (subtitle && *subtitle) {
		buf_adds(s, "set label 100 ");
		gp_quote(s, subtitle);
		buf_addf(s, " at screen 0.5, screen 1 center offset 0,-2.7 "
		    "font pm_font.',9' tc rgb '#%06x' noenhanced\n",
		    PAL_GP_SUBTITLE);
	}
	if (footer && *footer) {
		buf_adds(s, "set label 101 ");
		gp_quote(s, footer);
		buf_addf(s, " at screen 0.01, screen 0.02 left "
		    "font pm_font.',8' tc rgb '#%06x' noenhanced\n",
		    PAL_GP_FOOTER);
	}
}

/* The plot command of one trend; 'compact' for small multiples, 'want'
 * ticks on the value axis. The line joins the complete periods only: a
 * partial one (a year so far, a combined January-February release) would
 * look like a fall. */
static int
trend_body(struct gnuplot *g, struct buf *s, unsigned sub,
    const struct chart_trend *c, bool compact, int want, int width,
    struct pm_err *err)
{
	const struct chart_words *w = c->words ? c->words : &chart_words_en;
	struct buf p = BUF_INIT;
	bool *complete = xcalloc(c->n + 1, sizeof(bool));
	bool *partial = xcalloc(c->n + 1, sizeof(bool));
	bool any_partial = false, any_yoy = false, any_complete = false;
	double xmin, xmax, per, lo, hi;
	size_t i, nbrk;
	int rc;

	for (i = 0; i < c->n; i++) {
		partial[i] = c->partial && c->partial[i];
		complete[i] = !partial[i];
		any_partial |= partial[i];
		any_complete |= complete[i];
		any_yoy |= c->has_yoy && c->has_yoy[i] && isfinite(c->yoy[i]);
	}
	if (compact)
		any_yoy = false;
	xmin = c->x[0];
	xmax = c->x[c->n - 1];
	if (c->has_target && c->target_x > xmax)
		xmax = c->target_x;
	for (i = 0; i < c->nproj; i++)
		if (c->proj_x[i] > xmax)
			xmax = c->proj_x[i];
	per = chart_period(c);
	buf_addf(s, "set xrange [%.17g:%.17g]\n", xmin - per * 0.6,
	    xmax + per * 0.6);
	xtics(s, c, per, width);
	y_range(c, &lo, &hi);
	buf_addf(s, "set yrange [%.17g:%.17g]\n", lo, hi);
	ticks(s, "y", lo, hi, want);
	/* The unit above the axis, upright (a rotated label lays Chinese
	 * characters on their side). */
	if (c->unit && *c->unit && !compact) {
		buf_adds(s, "set label 103 ");
		gp_quote(s, c->unit);
		buf_adds(s, " at graph 0, graph 1 left offset -2, 1.1 "
		    "font pm_font.',9' noenhanced\n");
	}
	if (any_yoy) {
		double ylo = 0, yhi = 0;

		for (i = 0; i < c->n; i++)
			if (c->has_yoy[i] && isfinite(c->yoy[i])) {
				ylo = fmin(ylo, c->yoy[i]);
				yhi = fmax(yhi, c->yoy[i]);
			}
		if (yhi - ylo <= 0)
			yhi = 1;
		if (ylo < 0)
			ylo -= (yhi - ylo) * 0.05;
		if (yhi > 0)
			yhi += (yhi - ylo) * 0.05;
		/* Zero always inside, bars in the lower part under the line
		 * they explain, a zero line to read them against. */
		buf_addf(s, "set y2range [%.17g:%.17g]\nset ytics nomirror\n",
		    ylo, ylo + (yhi - ylo) / 0.45);
		ticks(s, "y2", ylo, yhi, want / 2 + 1);
		buf_addf(s, "set arrow 2 from graph 0, second 0 to graph 1, "
		    "second 0 nohead lc rgb '#%06x' lw 1 back\n"
		    "set label 104 ", PAL_GP_ZERO);
		gp_quote(s, w->yoy_axis);
		buf_adds(s, " at graph 1, graph 1 right offset 2, 1.1 "
		    "font pm_font.',9' noenhanced\n");
	}
	if (c->has_target)
		buf_addf(s, "set arrow 1 from graph 0, first %.17g to graph 1, "
		    "first %.17g nohead ls 4 front\n", c->target, c->target);
	/* A break in series: a dashed upright line where it starts, named
	 * once; the series line is cut there (below). */
	for (i = 0, nbrk = 0; c->brk != NULL && i < c->n; i++) {
		double bx;

		if (!c->brk[i] || i == 0)
			continue;
		bx = (c->x[i - 1] + c->x[i]) / 2;
		buf_addf(s, "set arrow %zu from first %.17g, graph 0 to first "
		    "%.17g, graph 1 nohead dt 2 lw 1.5 lc rgb '#%06x' back\n",
		    10 + nbrk, bx, bx, PAL_GP_BREAK);
		if (nbrk++ == 0 && !compact) {
			buf_addf(s, "set label 106 ");
			gp_quote(s, w->brk);
			buf_addf(s, " at first %.17g, graph 0.97 left offset 0.5, "
			    "0 font pm_font.',8' tc rgb '#%06x' noenhanced\n",
			    bx, PAL_GP_BREAK);
		}
	}
	/* Bars a fixed share of a period wide: 'relative' needs two bars
	 * to know a width, and draws nothing for a single one. */
	if (any_yoy)
		buf_addf(s, "set boxwidth %.17g absolute\n", per * 0.45);

	buf_adds(s, "plot ");
	if (any_yoy) {
		double *yoy = xcalloc(c->n + 1, sizeof(double));
		bool *has = xcalloc(c->n + 1, sizeof(bool));

		for (i = 0; i < c->n; i++) {
			has[i] = c->has_yoy[i];
			yoy[i] = c->yoy[i];
		}
		rc = data_file(g, sub, "y", c->n, c->x, yoy, has, NULL, &p, err);
		free(yoy);
		free(has);
		if (rc != 0)
			goto out;
		gp_quote(s, p.data);
		buf_adds(s, " using 1:2 axes x1y2 with boxes ls 3 title ");
		gp_quote(s, w->yoy);
		buf_adds(s, ", ");
	}
	/* Only files with a point: gnuplot stops at a plot without one. */
	if (any_complete) {
		/* The complete points, and a row flagged 1 where the line is
		 * cut (a gap of more than a period, a break in series): its
		 * NaN ends the line there. */
		double *lx = xcalloc(2 * c->n + 1, sizeof(double));
		double *ly = xcalloc(2 * c->n + 1, sizeof(double));
		int *cutf = xcalloc(2 * c->n + 1, sizeof(int));
		size_t m = 0, last = 0;
		bool have = false;

		for (i = 0; i < c->n; i++) {
			if (!complete[i])
				continue;
			if (have && chart_cut(c, last, i, per)) {
				lx[m] = (c->x[last] + c->x[i]) / 2;
				ly[m] = c->y[i];
				cutf[m++] = 1;
			}
			lx[m] = c->x[i];
			ly[m] = c->y[i];
			cutf[m++] = 0;
			last = i;
			have = true;
		}
		rc = data_file(g, sub, "t", m, lx, ly, NULL, cutf, &p, err);
		free(lx);
		free(ly);
		free(cutf);
		if (rc != 0)
			goto out;
		gp_quote(s, p.data);
		buf_adds(s, " using 1:($3 != 0 ? NaN : $2) with linespoints "
		    "ls 1 ");
		if (compact)
			buf_adds(s, "notitle");
		else {
			buf_adds(s, "title ");
			gp_quote(s, w->value);
		}
	}
	if (any_partial) {
		if ((rc = data_file(g, sub, "p", c->n, c->x, c->y, partial,
		    NULL, &p, err)) != 0)
			goto out;
		if (any_complete)
			buf_adds(s, ", ");
		gp_quote(s, p.data);
		buf_adds(s, " using 1:2 with points ls 2 ");
		if (compact)
			buf_adds(s, "notitle");
		else {
			buf_adds(s, "title ");
			gp_quote(s, w->partial);
		}
	}
	if (c->nproj >= 2) {
		if ((rc = data_file(g, sub, "j", c->nproj, c->proj_x, c->proj_y,
		    NULL, NULL, &p, err)) != 0)
			goto out;
		buf_adds(s, ", ");
		gp_quote(s, p.data);
		buf_adds(s, " using 1:2 with lines ls 5 ");
		if (compact)
			buf_adds(s, "notitle");
		else {
			buf_adds(s, "title ");
			gp_quote(s, w->pace);
		}
	}
	if (c->has_target) {
		double tx = c->target_x, ty = c->target;

		if ((rc = data_file(g, sub, "b", 1, &tx, &ty, NULL, NULL, &p,
		    err)) != 0)
			goto out;
		buf_adds(s, ", ");
		gp_quote(s, p.data);
		buf_adds(s, " using 1:2 with points ls 4 ");
		if (compact)
			buf_adds(s, "notitle");
		else {
			buf_adds(s, "title ");
			gp_quote(s, w->target);
		}
	}
	buf_addc(s, '\n');
out:
	free(complete);
	free(partial);
	buf_release(&p);
	return rc;
}

int
gnuplot_trend(struct gnuplot *g, const char *path, enum chart_format fmt,
    int width, int height, const struct chart_trend *c, struct pm_err *err)
{
	struct buf s = BUF_INIT;
	struct outfile t = OUTFILE_INIT;
	int rc;

	if ((rc = gp_alive(g, path, err)) != 0)
		return rc;
	if (c->n == 0)
		return pm_fail(err, PM_EDATA, path, 0, "no data to draw");
	if ((rc = outfile_open_private(&t, path, 0, err)) != 0)
		return rc;
	begin(g, &s, t.tmp, fmt, width, height, "trend.gp");
	titles(&s, c->title, c->subtitle, c->footer, false);
	if ((rc = trend_body(g, &s, 0, c, false, height / 80, width,
	    err)) == 0)
		rc = gp_finish(g, &s, &t, fmt, path, err);
	buf_release(&s);
	outfile_abort(&t);
	return rc;
}

int
gnuplot_multi(struct gnuplot *g, const char *path, enum chart_format fmt,
    int width, int height, const char *title, const char *footer,
    const struct chart_trend *c, size_t n, struct pm_err *err)
{
	struct buf s = BUF_INIT, name = BUF_INIT;
	struct outfile t = OUTFILE_INIT;
	size_t i, cols = 1, rows, drawn = 0, room, ulen;
	int rc = 0;

	if ((rc = gp_alive(g, path, err)) != 0)
		return rc;
	while (cols * cols < n)
		cols++;
	rows = (n + cols - 1) / cols;
	/* A panel title at 9 points takes up to 8 pixels a character. */
	room = (size_t)width / cols / 8;
	if ((rc = outfile_open_private(&t, path, 0, err)) != 0)
		return rc;
	begin(g, &s, t.tmp, fmt, width, height, "multi.gp");
	buf_addf(&s, "set multiplot layout %zu,%zu", rows, cols);
	if (title && *title) {
		buf_adds(&s, " title ");
		gp_quote(&s, title);
		buf_adds(&s, " font pm_font.',13' noenhanced");
	}
	/* Room at the top for the page title, at the bottom for the
	 * footer, between panels for their titles and tick labels. */
	buf_addf(&s, " margins 0.07, 0.97, %.3f, %.3f spacing 0.07, %.3f\n",
	    footer && *footer ? 0.09 : 0.05, title && *title ? 0.9 : 0.95,
	    0.16 / (double)rows + 0.04);
	for (i = 0; i < n && rc == 0; i++) {
		buf_adds(&s, "unset arrow\nunset label\nunset y2tics\n"
		    "unset y2label\nset ytics nomirror\nset border 3\n");
		if (i == 0)
			titles(&s, NULL, NULL, footer, false);
		buf_reset(&name);
		ulen = c[i].unit && *c[i].unit ? strlen(c[i].unit) + 3 : 0;
		fit_text(&name, c[i].title ? c[i].title : "",
		    room > ulen + 8 ? room - ulen : 8);
		if (ulen)
			buf_addf(&name, " (%s)", c[i].unit);
		titles(&s, name.data, NULL, NULL, true);
		if (c[i].n == 0) {
			const struct chart_words *w = c[i].words ?
			    c[i].words : &chart_words_en;

			buf_adds(&s, "unset border\nunset tics\n"
			    "set label 105 ");
			gp_quote(&s, w->no_data);
			buf_addf(&s, " at graph 0.5, graph 0.5 center "
			    "tc rgb '#%06x' noenhanced\n"
			    "plot [0:1] [0:1] NaN notitle\n"
			    "set tics\n", PAL_GP_MUTED);
			continue;
		}
		rc = trend_body(g, &s, (unsigned)i, &c[i], true,
		    (int)((size_t)height / rows / 70 + 2),
		    (int)((size_t)width / cols), err);
		drawn++;
	}
	if (rc == 0 && drawn == 0)
		rc = pm_fail(err, PM_EDATA, path, 0, "no data to draw");
	if (rc == 0)
		rc = gp_finish(g, &s, &t, fmt, path, err);
	buf_release(&s);
	outfile_abort(&t);
	buf_release(&name);
	return rc;
}

int
gnuplot_bars(struct gnuplot *g, const char *path, enum chart_format fmt,
    int width, int height, const struct chart_bars *c, struct pm_err *err)
{
	const struct chart_words *w = c->words ? c->words : &chart_words_en;
	struct buf s = BUF_INIT, p = BUF_INIT, l = BUF_INIT;
	struct outfile t = OUTFILE_INIT;
	double *idx = xcalloc(c->n + 1, sizeof(double));
	double *zero = xcalloc(c->n + 1, sizeof(double));
	int *rgb = xcalloc(c->n + 1, sizeof(int));
	bool *keep = xcalloc(c->n + 1, sizeof(bool));
	bool *gone = xcalloc(c->n + 1, sizeof(bool));
	bool shown[6] = { false }, any_gone = false, any_neg = false;
	bool any_pos = false;
	size_t i, lmargin = 8, room = (size_t)width / 2 / 8;
	int rc;

	if ((rc = gp_alive(g, path, err)) != 0)
		goto out;
	if (c->n == 0) {
		rc = pm_fail(err, PM_EDATA, path, 0, "no data to draw");
		goto out;
	}
	for (i = 0; i < c->n; i++) {
		int st = c->status && c->status[i] >= 0 && c->status[i] < 6 ?
		    c->status[i] : -1;

		idx[i] = (double)i;
		gone[i] = (c->missing && c->missing[i]) ||
		    !isfinite(c->value[i]);
		keep[i] = !gone[i];
		any_gone |= gone[i];
		any_neg |= keep[i] && c->value[i] < 0;
		any_pos |= keep[i] && c->value[i] >= 0;
		rgb[i] = (int)(st >= 0 ? pal_status[st] : PAL_GP_SERIES);
		if (st >= 0 && keep[i])
			shown[st] = true;
	}
	if ((rc = outfile_open_private(&t, path, 0, err)) != 0)
		goto out;
	begin(g, &s, t.tmp, fmt, width, height, "bars.gp");
	titles(&s, c->title, c->subtitle, c->footer, false);
	/* Labels cut to at most half the width; room for the longest, in
	 * character widths (a CJK character counts two). */
	buf_adds(&s, "set ytics (");
	for (i = 0; i < c->n; i++) {
		const unsigned char *q;
		size_t cw = 0;

		buf_reset(&l);
		fit_text(&l, c->label[i], room);
		for (q = (const unsigned char *)l.data; *q; q++)
			if ((*q & 0xc0) != 0x80)
				cw += *q >= 0xe0 ? 2 : 1;
		if (cw > lmargin)
			lmargin = cw;
		if (i)
			buf_adds(&s, ", ");
		gp_quote(&s, l.data);
		buf_addf(&s, " %zu", i);
	}
	buf_adds(&s, ")\n");
	buf_addf(&s, "set lmargin %zu\n", lmargin + 2);
	buf_addf(&s, "set yrange [%g:-0.7]\n", (double)c->n - 0.3);
	if (c->unit && *c->unit) {
		buf_adds(&s, "set xlabel ");
		gp_quote(&s, c->unit);
		buf_adds(&s, " noenhanced\n");
	}
	/* The value texts sit outside the bars, beyond their ends: room on
	 * both sides of a fixed range, on the side of the values else. */
	if (c->fixed_range) {
		buf_addf(&s, "set xrange [%.17g:%.17g]\n",
		    c->lo - (c->hi - c->lo) * 0.16,
		    c->hi + (c->hi - c->lo) * 0.16);
		ticks(&s, "x", c->lo, c->hi, 10);
	} else
		buf_addf(&s, "set xrange [*:*]\nset offsets graph %s, graph "
		    "0.14, 0, 0\n", any_neg ? "0.14" : "0");
	if (c->status_name) {
		bool any = false;

		for (i = 0; i < 6; i++)
			any |= shown[i];
		if (any)
			buf_adds(&s, "set tmargin 6.5\nset key at graph 0.5, "
			    "graph 1 center bottom horizontal samplen 1 "
			    "font pm_font.',9' width 1 height 0.5\n");
	}
	/* Columns: value, index, colour; the box spans 0..value. */
	if ((rc = data_file(g, 0, "v", c->n, c->value, idx, keep, rgb, &p,
	    err)) != 0)
		goto out;
	buf_adds(&s, "plot ");
	gp_quote(&s, p.data);
	buf_adds(&s, " using ($1/2):2:(abs($1)/2):(0.38):3 with boxxyerror "
	    "ls 10 lc rgb variable notitle");
	{
		char fd[16];
		const char *f = c->fixed_range ? "'%.2f'" :
		    "(abs($1) >= 1000 ? '%.0f' : '%.4g')";

		/* Values as published: their own decimals. */
		if (!c->fixed_range && c->has_decimals && c->decimals >= 0 &&
		    c->decimals <= 6) {
			snprintf(fd, sizeof(fd), "'%%.%df'", c->decimals);
			f = fd;
		}

		/* Each only when it has a point: gnuplot 5.4.4 crashes on
		 * labels with no valid point. */
		if (any_pos) {
			buf_adds(&s, ", ");
			gp_quote(&s, p.data);
			buf_addf(&s, " using ($1 >= 0 ? $1 : NaN):2:(sprintf("
			    "' '.%s, $1)) with labels left font "
			    "pm_font.',8' notitle", f);
		}
		if (any_neg) {
			buf_adds(&s, ", ");
			gp_quote(&s, p.data);
			buf_addf(&s, " using ($1 < 0 ? $1 : NaN):2:(sprintf("
			    "%s.' ', $1)) with labels right font "
			    "pm_font.',8' notitle", f);
		}
	}
	if (any_gone) {
		if ((rc = data_file(g, 0, "n", c->n, zero, idx, gone, NULL, &p,
		    err)) != 0)
			goto out;
		buf_adds(&s, ", ");
		gp_quote(&s, p.data);
		buf_adds(&s, " using 1:2:(");
		gp_quote(&s, w->no_data);
		buf_addf(&s, ") with labels left offset 0.5, 0 font "
		    "pm_font.',8' tc rgb '#%06x' notitle", PAL_GP_MUTED);
	}
	for (i = 0; c->status_name && i < 6; i++)
		if (shown[i]) {
			buf_addf(&s, ", keyentry with boxes fc rgb '#%06x' "
			    "title ", pal_status[i]);
			gp_quote(&s, c->status_name[i]);
		}
	buf_addc(&s, '\n');
	rc = gp_finish(g, &s, &t, fmt, path, err);
out:
	free(idx);
	free(zero);
	free(rgb);
	free(keep);
	free(gone);
	buf_release(&s);
	outfile_abort(&t);
	buf_release(&p);
	buf_release(&l);
	return rc;
}
