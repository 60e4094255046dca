/* Unit tests for the text of render/raster with the face of render/font:
 * Chinese drawn as glyphs of its own inside the line box, bytes that are
 * no text left out, cutting with "..", and the same pixels every time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "render/font.h"
#include "render/raster.h"
#include "util/err.h"

#define CW 240
#define CH 48

static int
setup(void **state)
{
	struct font *f;
	struct pm_err err = PM_ERR_INIT;

	if (font_open(&f, &err) != 0) {
		print_error("font_open: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	font_close(*state);
	return 0;
}

/* A canvas with 's' drawn at (x, y) in black; returns the width drawn. */
static int
draw(struct font *f, struct raster *r, int x, int y, const char *s,
    int scale, enum raster_align al, int maxw)
{
	struct pm_err err = PM_ERR_INIT;

	assert_int_equal(raster_init(r, CW, CH, f, &err), 0);
	return raster_text(r, x, y, s, 0x000000, scale, al, maxw);
}

/* Pixels that are not background, and their bounding box. */
static int
ink(const struct raster *r, int *x0, int *y0, int *x1, int *y1)
{
	int x, y, n = 0;

	*x0 = *y0 = 1 << 20;
	*x1 = *y1 = -1;
	for (y = 0; y < r->h; y++)
		for (x = 0; x < r->w; x++) {
			const unsigned char *p = r->px +
			    ((size_t)y * (size_t)r->w + (size_t)x) * 3;

			if (p[0] == 0xff && p[1] == 0xff && p[2] == 0xff)
				continue;
			n++;
			*x0 = x < *x0 ? x : *x0;
			*x1 = x > *x1 ? x : *x1;
			*y0 = y < *y0 ? y : *y0;
			*y1 = y > *y1 ? y : *y1;
		}
	return n;
}

static void
chinese_in_its_line_box(void **state)
{
	struct font *f = *state;
	struct raster r, a, b;
	int w, x0, y0, x1, y1;

	/* The test machine has the face itself, not a stand-in. */
	assert_true(font_is_preferred(f));
	assert_string_equal(font_family(f), FONT_FAMILY);
	/* Ideographs are one em wide. */
	w = draw(f, &r, 10, 8, "中文", 1, RASTER_LEFT, 0);
	assert_int_equal(w, 2 * FONT_PX);
	assert_int_equal(raster_text_width(f, "中文", 1), w);
	assert_true(ink(&r, &x0, &y0, &x1, &y1) > 40);
	assert_in_range(x0, 10, 10 + w - 1);
	assert_in_range(x1, 10, 10 + w - 1);
	assert_in_range(y0, 8, 8 + FONT_H - 1);
	assert_in_range(y1, 8, 8 + FONT_H - 1);
	raster_release(&r);
	/* Two characters, two different glyphs (no boxes for missing ones). */
	draw(f, &a, 10, 8, "中", 1, RASTER_LEFT, 0);
	draw(f, &b, 10, 8, "文", 1, RASTER_LEFT, 0);
	assert_true(memcmp(a.px, b.px, (size_t)CW * CH * 3) != 0);
	raster_release(&a);
	raster_release(&b);
	/* Scale 2 is twice the size. */
	assert_int_equal(raster_text_width(f, "中文", 2), 4 * FONT_PX);
}

static void
what_is_no_text_is_left_out(void **state)
{
	struct font *f = *state;
	struct raster r;
	int x0, y0, x1, y1;

	/* Stray continuation, overlong NUL, a surrogate, a control
	 * character, a tab, DEL, a code point the face has no glyph for. */
	assert_int_equal(raster_text_width(f,
	    "a\x80\xc0\x80" "b\xed\xa0\x80\x01\t\x7f" "c\xf4\x8f\xbf\xbd", 1),
	    raster_text_width(f, "abc", 1));
	assert_int_equal(raster_text_len("a\x80\xc0\x80" "b\x01" "c"), 3);
	assert_int_equal(raster_text_len(NULL), 0);
	assert_int_equal(raster_text_width(f, NULL, 1), 0);
	assert_int_equal(raster_text_width(NULL, "abc", 1), 0);
	/* A truncated sequence at the end draws what came before it. */
	assert_int_equal(raster_text_width(f, "ab\xe4\xb8", 1),
	    raster_text_width(f, "ab", 1));
	assert_int_equal(draw(f, &r, 0, 0, "\x01\x80\xff", 1, RASTER_LEFT,
	    0), 0);
	assert_int_equal(ink(&r, &x0, &y0, &x1, &y1), 0);
	raster_release(&r);
}

static void
too_long_is_cut(void **state)
{
	struct font *f = *state;
	struct raster r;
	const char *s = "Platform network transaction volume 平台网络交易额";
	int w, x0, y0, x1, y1;

	assert_true(raster_text_width(f, s, 1) > 100);
	w = draw(f, &r, 20, 4, s, 1, RASTER_LEFT, 100);
	assert_in_range(w, 100 - FONT_PX, 100);
	ink(&r, &x0, &y0, &x1, &y1);
	assert_true(x0 >= 20 && x1 <= 20 + 100);
	raster_release(&r);
	/* Right-aligned text ends at x. */
	w = draw(f, &r, 200, 4, "2025", 1, RASTER_RIGHT, 0);
	ink(&r, &x0, &y0, &x1, &y1);
	assert_true(x1 <= 200 && x0 >= 200 - w);
	raster_release(&r);
}

/* Rendered glyphs are kept: drawing from the cache, or with a face opened
 * anew, gives the very same pixels. */
static void
same_pixels_every_time(void **state)
{
	struct font *f = *state, *g;
	struct pm_err err = PM_ERR_INIT;
	struct raster a, b, c;
	const char *s = "来源：pemetrics (t.db) 75,560.4 亿元";

	draw(f, &a, 3, 5, s, 1, RASTER_LEFT, 0);
	draw(f, &b, 3, 5, s, 1, RASTER_LEFT, 0);
	assert_memory_equal(a.px, b.px, (size_t)CW * CH * 3);
	assert_int_equal(font_open(&g, &err), 0);
	draw(g, &c, 3, 5, s, 1, RASTER_LEFT, 0);
	assert_memory_equal(a.px, c.px, (size_t)CW * CH * 3);
	font_close(g);
	raster_release(&a);
	raster_release(&b);
	raster_release(&c);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(chinese_in_its_line_box),
		cmocka_unit_test(what_is_no_text_is_left_out),
		cmocka_unit_test(too_long_is_cut),
		cmocka_unit_test(same_pixels_every_time),
	};

	return cmocka_run_group_tests(t, setup, teardown);
}
