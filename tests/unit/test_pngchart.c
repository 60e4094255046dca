/* Unit tests for render/pngchart: charts written to a temporary directory,
 * decoded again with libpng, and their pixels checked against the data
 * through the documented plot area (pngchart_trend_area() and friends). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "render/chart.h"
#include "render/font.h"
#include "render/pngchart.h"
#include "util/err.h"
#include "testutil.h"

#define W 800
#define H 450
#define NPT 10

struct img {
	unsigned char *px;      /* RGB, w * h triples */
	int w, h;
};

/* Decode 'path' (checking the PNG signature first) into im. */
static void
img_read(const char *path, struct img *im)
{
	unsigned char sig[8];
	png_image p;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		fail_msg("fopen %s: %s", path, strerror(errno));
	assert_int_equal(fread(sig, 1, sizeof(sig), f), sizeof(sig));
	fclose(f);
	assert_int_equal(png_sig_cmp(sig, 0, sizeof(sig)), 0);
	memset(&p, 0, sizeof(p));
	p.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&p, path))
		fail_msg("%s: %s", path, p.message);
	p.format = PNG_FORMAT_RGB;
	im->px = malloc(PNG_IMAGE_SIZE(p));
	assert_non_null(im->px);
	if (!png_image_finish_read(&p, NULL, im->px, 0, NULL))
		fail_msg("%s: %s", path, p.message);
	im->w = (int)p.width;
	im->h = (int)p.height;
}

static unsigned
px_at(const struct img *im, int x, int y)
{
	const unsigned char *p;

	assert_in_range(x, 0, im->w - 1);
	assert_in_range(y, 0, im->h - 1);
	p = im->px + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
	return (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
}

/* Whether rgb is within r pixels (a square) of (x, y). */
static bool
near(const struct img *im, int x, int y, unsigned rgb, int r)
{
	int dx, dy;

	for (dy = -r; dy <= r; dy++)
		for (dx = -r; dx <= r; dx++)
			if (x + dx >= 0 && x + dx < im->w && y + dy >= 0 &&
			    y + dy < im->h && px_at(im, x + dx, y + dy) == rgb)
				return true;
	return false;
}

/* Pixels of colour rgb in row y between columns x0 and x1. */
static int
row_count(const struct img *im, int y, int x0, int x1, unsigned rgb)
{
	int x, n = 0;

	for (x = x0; x <= x1; x++)
		n += px_at(im, x, y) == rgb;
	return n;
}

/* Distinct colours, counting up to 'cap'. */
static int
ncolours(const struct img *im, int cap)
{
	unsigned seen[64];
	int n = 0, x, y, i;

	assert_true(cap <= 64);
	for (y = 0; y < im->h && n < cap; y++)
		for (x = 0; x < im->w && n < cap; x++) {
			unsigned c = px_at(im, x, y);

			for (i = 0; i < n && seen[i] != c; i++)
				;
			if (i == n)
				seen[n++] = c;
		}
	return n;
}

/* Entries of directory 'dir' (not . and ..). */
static int
dir_count(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* y = 0, 10, ..., 90 over 2016..2025: a straight line. */
struct series {
	double x[NPT], y[NPT], yoy[NPT];
	bool has_yoy[NPT], partial[NPT];
	char lab[NPT][8];
	const char *xlabel[NPT];
};

static void
series_fill(struct series *s, struct chart_trend *c)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	memset(c, 0, sizeof(*c));
	for (i = 0; i < NPT; i++) {
		s->x[i] = 2016 + (double)i;
		s->y[i] = 10 * (double)i;
		s->yoy[i] = (double)i - 3;
		snprintf(s->lab[i], sizeof(s->lab[i]), "%zu", 2016 + i);
		s->xlabel[i] = s->lab[i];
	}
	c->title = "Known data";
	c->subtitle = "test region, annual";
	c->unit = "units";
	c->footer = "Source: unit test";
	c->n = NPT;
	c->x = s->x;
	c->y = s->y;
	c->xlabel = s->xlabel;
}

/* Each test's state: a temporary directory and the charts' face. */
struct fx {
	char *dir;
	struct font *font;
};

#define DIR(state) (((struct fx *)*(state))->dir)
#define FONT(state) (((struct fx *)*(state))->font)

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct pm_err err = PM_ERR_INIT;

	if (f == NULL || font_open(&f->font, &err) != 0) {
		fprintf(stderr, "font_open: %s\n", err.msg);
		free(f);
		return -1;
	}
	f->dir = tu_mkdtemp();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rmrf(f->dir);
	free(f->dir);
	font_close(f->font);
	free(f);
	return 0;
}

static void
trend_points_where_the_data_says(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c;
	struct pngchart_area a;
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "trend.png");
	int i, px[NPT], py[NPT];

	series_fill(&s, &c);
	assert_int_equal(pngchart_trend_area(ft, &c, W, H, &a, &err), 0);
	assert_true(a.left > 0 && a.left < a.right && a.right < W);
	assert_true(a.top > 0 && a.top < a.bottom && a.bottom < H);
	assert_true(a.x0 < 2016 && a.x1 > 2025);
	/* All values >= 0 and the smallest 0: the axis starts at 0. */
	assert_double_exact(a.y0, 0);
	assert_true(a.y1 >= 90 && a.y1 < 100);

	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.w, W);
	assert_int_equal(im.h, H);
	assert_true(ncolours(&im, 8) > 2);
	for (i = 0; i < NPT; i++) {
		/* The rule of pngchart.h, computed here on its own. */
		px[i] = a.left + (int)floor((s.x[i] - a.x0) *
		    (a.right - a.left) / (a.x1 - a.x0) + 0.5);
		py[i] = a.bottom - (int)floor((s.y[i] - a.y0) *
		    (a.bottom - a.top) / (a.y1 - a.y0) + 0.5);
		assert_int_equal(px[i], pngchart_map_x(&a, s.x[i]));
		assert_int_equal(py[i], pngchart_map_y(&a, s.y[i]));
		assert_int_equal(px_at(&im, px[i], py[i]),
		    PNGCHART_RGB_SERIES);
	}
	assert_int_equal(py[0], a.bottom);
	for (i = 0; i + 1 < NPT; i++)   /* the line between the markers */
		assert_true(near(&im, (px[i] + px[i + 1]) / 2,
		    (py[i] + py[i + 1]) / 2, PNGCHART_RGB_SERIES, 1));
	/* Far from the line: top left and bottom right of the plot. */
	assert_false(near(&im, a.left + 20, a.top + 20,
	    PNGCHART_RGB_SERIES, 5));
	assert_false(near(&im, a.right - 20, a.bottom - 20,
	    PNGCHART_RGB_SERIES, 5));
	assert_int_equal(row_count(&im, (a.top + a.bottom) / 2, 0, W - 1,
	    PNGCHART_RGB_TARGET), 0);
	free(im.px);
	free(path);
}

static void
trend_target_row_and_marker(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c;
	struct pngchart_area a;
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "target.png");
	int ty, tx;

	series_fill(&s, &c);
	c.has_target = true;
	c.target = 120;
	c.target_x = 2030;
	assert_int_equal(pngchart_trend_area(ft, &c, W, H, &a, &err), 0);
	assert_true(a.x1 > 2030 && a.y1 > 120);
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), 0);
	img_read(path, &im);
	ty = pngchart_map_y(&a, 120);
	tx = pngchart_map_x(&a, 2030);
	/* Dashed: about half of the row, and nowhere far from it. */
	assert_true(row_count(&im, ty, a.left, a.right, PNGCHART_RGB_TARGET) >
	    (a.right - a.left) / 3);
	assert_int_equal(row_count(&im, ty + 20, a.left, a.right,
	    PNGCHART_RGB_TARGET), 0);
	assert_int_equal(px_at(&im, tx, ty), PNGCHART_RGB_TARGET);
	/* The line still reaches its last point. */
	assert_int_equal(px_at(&im, pngchart_map_x(&a, 2025),
	    pngchart_map_y(&a, 90)), PNGCHART_RGB_SERIES);
	free(im.px);
	free(path);
}

static void
trend_partial_hollow_and_yoy(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c;
	struct pngchart_area a, plain;
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "yoy.png");
	double px[2] = { 2025, 2028 }, py[2] = { 90, 93 };
	int x, y, i, n = 0;

	series_fill(&s, &c);
	assert_int_equal(pngchart_trend_area(ft, &c, W, H, &plain, &err), 0);
	for (i = 1; i < NPT; i++)
		s.has_yoy[i] = true;
	s.partial[NPT - 1] = true;
	c.has_yoy = s.has_yoy;
	c.yoy = s.yoy;
	c.partial = s.partial;
	c.nproj = 2;
	c.proj_x = px;
	c.proj_y = py;
	assert_int_equal(pngchart_trend_area(ft, &c, W, H, &a, &err), 0);
	assert_true(a.right < plain.right);     /* room for the right axis */
	/* The projection widens the time axis, not the value axis (the
	 * caller cuts it at the data's and target's). */
	assert_true(a.x1 > 2028 && a.y1 == plain.y1);
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), 0);
	img_read(path, &im);
	for (y = a.top; y <= a.bottom; y++)
		n += row_count(&im, y, a.left, a.right, PNGCHART_RGB_YOY);
	assert_true(n > 100);
	n = 0;
	for (y = a.top; y <= a.bottom; y++)
		n += row_count(&im, y, a.left, a.right, PNGCHART_RGB_PROJ);
	assert_true(n > 50);
	x = pngchart_map_x(&a, 2025);
	y = pngchart_map_y(&a, 90);
	assert_int_equal(px_at(&im, x, y), PNGCHART_RGB_BG);   /* hollow */
	assert_int_equal(px_at(&im, x, y - 3), PNGCHART_RGB_SERIES);
	assert_int_equal(px_at(&im, pngchart_map_x(&a, 2024),
	    pngchart_map_y(&a, 80)), PNGCHART_RGB_SERIES);
	free(im.px);
	free(path);
}

static void
sparkline_ends(void **state)
{
	static const double y[] = { 1, 3, 2, 5, 4, 8, 6, 9 };
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "spark.png");
	double one = 42;
	int x, y0;

	assert_int_equal(pngchart_sparkline(path, y, 8, 120, 30, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.w, 120);
	assert_int_equal(im.h, 30);
	/* First (2, 30 - 3 - 0) and last (120 - 3, 30 - 3 - 25). */
	assert_int_equal(px_at(&im, 2, 27), PNGCHART_RGB_SERIES);
	assert_int_equal(px_at(&im, 117, 2), PNGCHART_RGB_LAST);
	for (y0 = 0; y0 < 2; y0++)      /* the margin stays empty */
		assert_int_equal(row_count(&im, y0, 0, 110, PNGCHART_RGB_BG),
		    111);
	for (x = 3; x < 117; x++) {     /* continuous: every column drawn */
		int yy, hit = 0;

		for (yy = 0; yy < 30; yy++)
			hit |= px_at(&im, x, yy) != PNGCHART_RGB_BG;
		assert_true(hit);
	}
	free(im.px);

	assert_int_equal(pngchart_sparkline(path, &one, 1, 120, 30, &err), 0);
	img_read(path, &im);
	assert_int_equal(px_at(&im, 60, 15), PNGCHART_RGB_LAST);
	free(im.px);
	free(path);
}

static void
bars_colour_each_row(void **state)
{
	struct font *ft = FONT(state);
	static const char *const label[] = { "Alpha", "Beta", "Gamma",
	    "Delta", "Epsilon", "Zeta" };
	static const double value[] = { 4.5, -3, 2, 0.5, -1.25, 3.75 };
	static const int status[] = { 5, 1, 4, 3, 2, 0 };
	struct chart_bars c = { 0 };
	struct pngchart_area a;
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "bars.png");
	size_t i, j;

	c.title = "Scorecard";
	c.unit = "score";
	c.n = 6;
	c.label = label;
	c.value = value;
	c.status = status;
	c.fixed_range = true;
	c.lo = -5;
	c.hi = 5;
	assert_int_equal(pngchart_bars_area(ft, &c, W, H, &a, &err), 0);
	assert_double_exact(a.x0, -5);
	assert_double_exact(a.x1, 5);
	assert_int_equal(pngchart_bars(ft, path, &c, W, H, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.w, W);
	assert_int_equal(im.h, H);
	for (i = 0; i < c.n; i++) {
		int y = pngchart_bar_row(&a, c.n, i);
		int x0 = pngchart_map_x(&a, 0), x1 = pngchart_map_x(&a,
		    value[i]);

		assert_true(row_count(&im, y, a.left, a.right,
		    pal_status[status[i]]) >= abs(x1 - x0) - 2);
		for (j = 0; j < c.n; j++)
			if (j != i)
				assert_int_equal(row_count(&im, y, 0, W - 1,
				    pal_status[status[j]]), 0);
	}
	free(im.px);

	/* No status: one colour; 0..max with no fixed range. */
	c.status = NULL;
	c.fixed_range = false;
	assert_int_equal(pngchart_bars_area(ft, &c, W, H, &a, &err), 0);
	assert_true(a.x0 < -3 && a.x1 > 4.5);
	assert_int_equal(pngchart_bars(ft, path, &c, W, H, &err), 0);
	img_read(path, &im);
	for (i = 0; i < c.n; i++)
		assert_true(row_count(&im, pngchart_bar_row(&a, c.n, i),
		    a.left, a.right, PNGCHART_RGB_SERIES) > 5);
	free(im.px);

	c.fixed_range = true;
	c.lo = 5;
	c.hi = 5;
	assert_int_equal(pngchart_bars(ft, path, &c, W, H, &err), PM_EUSAGE);
	free(path);
}

static void
multi_grid(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c[5];
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "multi.png");
	size_t i;

	series_fill(&s, &c[0]);
	for (i = 1; i < 5; i++)
		c[i] = c[0];
	c[2].n = 0;                     /* drawn as "no data" */
	c[3].has_target = true;
	c[3].target = 200;
	c[3].target_x = 2030;
	assert_int_equal(pngchart_multi(ft, path, c, 5, 900, 600, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.w, 900);
	assert_int_equal(im.h, 600);
	assert_true(ncolours(&im, 8) > 2);
	free(im.px);
	assert_int_equal(pngchart_multi(ft, path, c, 5, 16, 16, &err),
	    PM_EUSAGE);
	free(path);
}

static void
bad_sizes(void **state)
{
	struct font *ft = FONT(state);
	static const int sz[][2] = { { 0, H }, { W, 0 }, { 100000, H },
	    { W, 100000 }, { 15, 100 }, { 8193, 100 }, { -1, -1 } };
	struct series s;
	struct chart_trend c;
	struct chart_bars b = { 0 };
	struct pm_err err = PM_ERR_INIT;
	static const char *const lab[] = { "a" };
	static const double v[] = { 1 };
	char *path = tu_path(DIR(state), "size.png");
	size_t i;

	series_fill(&s, &c);
	b.n = 1;
	b.label = lab;
	b.value = v;
	for (i = 0; i < sizeof(sz) / sizeof(sz[0]); i++) {
		int w = sz[i][0], h = sz[i][1];

		assert_int_equal(pngchart_trend(ft, path, &c, w, h, &err),
		    PM_EUSAGE);
		assert_int_equal(err.code, PM_EUSAGE);
		assert_int_equal(pngchart_bars(ft, path, &b, w, h, &err),
		    PM_EUSAGE);
		assert_int_equal(pngchart_multi(ft, path, &c, 1, w, h, &err),
		    PM_EUSAGE);
		assert_int_equal(pngchart_sparkline(path, s.y, NPT, w, h,
		    &err), PM_EUSAGE);
	}
	/* Legal canvas, but no room for a trend's plot. */
	assert_int_equal(pngchart_trend(ft, path, &c, 16, 16, &err), PM_EUSAGE);
	assert_int_equal(pngchart_sparkline(path, s.y, NPT, 16, 16, &err), 0);
	assert_int_equal(pngchart_sparkline(path, s.y, NPT, 8192, 16, &err),
	    0);
	unlink(path);
	assert_false(exists(path));
	assert_int_equal(dir_count(DIR(state)), 0);
	free(path);
}

static void
no_data(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c;
	struct chart_bars b = { 0 };
	struct pm_err err = PM_ERR_INIT;
	char *path = tu_path(DIR(state), "none.png");

	series_fill(&s, &c);
	c.n = 0;
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), PM_EDATA);
	assert_string_equal(err.msg, "no data to draw");
	assert_int_equal(pngchart_bars(ft, path, &b, W, H, &err), PM_EDATA);
	assert_int_equal(pngchart_multi(ft, path, &c, 0, W, H, &err), PM_EDATA);
	assert_int_equal(pngchart_sparkline(path, s.y, 0, 120, 30, &err),
	    PM_EDATA);
	/* Values whose difference overflows cannot be scaled. */
	c.n = 2;
	s.y[0] = -1.5e308;
	s.y[1] = 1.5e308;
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), PM_EDATA);
	assert_int_equal(pngchart_sparkline(path, s.y, 2, 120, 30, &err),
	    PM_EDATA);
	/* Non-finite values are left out, not fatal. */
	s.y[0] = NAN;
	s.y[1] = 5;
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), 0);
	assert_int_equal(pngchart_sparkline(path, s.y, 2, 120, 30, &err), 0);
	unlink(path);
	assert_int_equal(dir_count(DIR(state)), 0);
	free(path);
}

static void
unwritable_path_leaves_nothing(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c;
	struct pm_err err = PM_ERR_INIT;
	char *dir = tu_path(DIR(state), "missing");
	char *path = tu_path(dir, "x.png");

	series_fill(&s, &c);
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), PM_EIO);
	assert_int_equal(err.code, PM_EIO);
	assert_string_equal(err.file, path);
	assert_true(tu_contains(err.msg, strerror(ENOENT)));
	assert_int_equal(pngchart_sparkline(path, s.y, NPT, 120, 30, &err),
	    PM_EIO);
	assert_false(exists(path));
	/* A directory in the way: the rename fails, the temp file goes. */
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(pngchart_trend(ft, dir, &c, W, H, &err), PM_EIO);
	assert_string_equal(err.file, dir);
	assert_int_equal(dir_count(DIR(state)), 1);
	assert_int_equal(dir_count(dir), 0);
	rmdir(dir);
	free(path);
	free(dir);
}

static void
replaces_atomically(void **state)
{
	struct font *ft = FONT(state);
	struct series s;
	struct chart_trend c;
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_file_str(DIR(state), "old.png", "not a png");

	series_fill(&s, &c);
	assert_int_equal(pngchart_trend(ft, path, &c, 640, 360, &err), 0);
	assert_int_equal(pngchart_trend(ft, path, &c, 320, 200, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.w, 320);
	assert_int_equal(im.h, 200);
	free(im.px);
	assert_int_equal(dir_count(DIR(state)), 1);         /* no temp left */
	unlink(path);
	free(path);
}

static void
any_bytes_in_text(void **state)
{
	struct font *ft = FONT(state);
	static const char zh[] = "\xe6\x95\xb0\xe5\xad\x97\xe7\xbb\x8f"
	    "\xe6\xb5\x8e GDP \xe5\xa2\x9e\xe9\x95\xbf";
	char junk[300], mixed[200];
	const char *xl[NPT];
	struct series s;
	struct chart_trend c;
	struct chart_bars b = { 0 };
	struct pm_err err = PM_ERR_INIT;
	struct img im;
	char *path = tu_path(DIR(state), "junk.png");
	double v[NPT];
	size_t i;

	for (i = 0; i < 255; i++)       /* every byte but NUL, high first */
		junk[i] = (char)(255 - i);
	junk[255] = '\0';
	for (i = 0; i < sizeof(mixed) - 1; i++)
		mixed[i] = (char)(0x80 + (i * 37) % 128);
	mixed[sizeof(mixed) - 1] = '\0';
	series_fill(&s, &c);
	for (i = 0; i < NPT; i++) {
		xl[i] = i % 3 == 0 ? zh : i % 3 == 1 ? junk : mixed;
		v[i] = (double)i - 4;
	}
	c.title = zh;
	c.subtitle = junk;
	c.unit = mixed;
	c.footer = junk;
	c.xlabel = xl;
	assert_int_equal(pngchart_trend(ft, path, &c, W, H, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.w, W);
	free(im.px);
	c.title = mixed;
	assert_int_equal(pngchart_multi(ft, path, &c, 1, 300, 200, &err), 0);
	b.title = junk;
	b.subtitle = zh;
	b.unit = mixed;
	b.footer = zh;
	b.n = NPT;
	b.label = xl;
	b.value = v;
	assert_int_equal(pngchart_bars(ft, path, &b, W, H, &err), 0);
	img_read(path, &im);
	assert_int_equal(im.h, H);
	free(im.px);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test_setup_teardown(
		    trend_points_where_the_data_says, setup, teardown),
		cmocka_unit_test_setup_teardown(trend_target_row_and_marker,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(trend_partial_hollow_and_yoy,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(sparkline_ends, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(bars_colour_each_row, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(multi_grid, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_sizes, setup, teardown),
		cmocka_unit_test_setup_teardown(no_data, setup, teardown),
		cmocka_unit_test_setup_teardown(unwritable_path_leaves_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(replaces_atomically, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(any_bytes_in_text, setup,
		    teardown),
	};

	return cmocka_run_group_tests(t, NULL, NULL);
}
