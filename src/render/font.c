/* render/font.c - see font.h.
 *
 * fontconfig is asked once, with a configuration of our own (destroyed
 * when the face is open) rather than FcInit()'s process-wide one. Glyphs
 * are rendered the first time a (code point, size) is drawn or measured
 * and kept in an open-addressing table: a batch of charts sets the same
 * few hundred characters thousands of times, and FreeType's load and
 * render cost far more than a look-up.
 */
#include "render/font.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "util/xalloc.h"

#include "util/banned.h"

#define PX_MAX 1024

struct slot {
	unsigned cp;
	int px;
	struct font_glyph *g;   /* NULL: empty slot */
};

struct font {
	FT_Library lib;
	FT_Face face;
	int cur_px;             /* size set on the face, 0 none yet */
	char family[128];       /* fontconfig's name of the face */
	bool preferred;         /* family is FONT_FAMILY */
	struct slot *slot;      /* cap entries, cap a power of 2 */
	size_t cap, n;          /* n < cap / 2 */
};

/* fontconfig's best face for FONT_FAMILY and Chinese text: its file,
 * index in the file (a .ttc holds several), family; false when there is
 * none. */
static bool
match(struct font *f, char **file, int *index)
{
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	FcPattern *pat = NULL, *m = NULL;
	FcResult res;
	FcChar8 *s;
	bool ok = false;
	int i;

	if (cfg == NULL || (pat = FcPatternCreate()) == NULL)
		goto out;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)FONT_FAMILY);
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
	FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	if ((m = FcFontMatch(cfg, pat, &res)) == NULL ||
	    FcPatternGetString(m, FC_FILE, 0, &s) != FcResultMatch)
		goto out;
	*file = xstrdup((const char *)s);
	if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
		*index = 0;
	if (FcPatternGetString(m, FC_FAMILY, 0, &s) == FcResultMatch)
		snprintf(f->family, sizeof(f->family), "%s", (const char *)s);
	/* A face has its family in several languages: any may be ours. */
	for (i = 0; FcPatternGetString(m, FC_FAMILY, i, &s) ==
	    FcResultMatch; i++)
		if (strcasecmp((const char *)s, FONT_FAMILY) == 0)
			f->preferred = true;
	ok = true;
out:
	if (m != NULL)
		FcPatternDestroy(m);
	if (pat != NULL)
		FcPatternDestroy(pat);
	if (cfg != NULL)
		FcConfigDestroy(cfg);
	return ok;
}

int
font_open(struct font **out, struct pm_err *err)
{
	struct font *f = xcalloc(1, sizeof(*f));
	char *file = NULL;
	int index = 0, rc = 0;

	*out = NULL;
	if (!match(f, &file, &index)) {
		rc = pm_fail(err, PM_EIO, NULL, 0, "no font for the native "
		    "charts: fontconfig finds none (install fonts-noto-cjk)");
		goto out;
	}
	if (FT_Init_FreeType(&f->lib) != 0) {
		f->lib = NULL;
		rc = pm_fail(err, PM_EIO, NULL, 0, "cannot start FreeType");
		goto out;
	}
	if (FT_New_Face(f->lib, file, index, &f->face) != 0) {
		f->face = NULL;
		rc = pm_fail(err, PM_EIO, file, 0, "cannot open font '%s'",
		    f->family);
		goto out;
	}
	f->cap = 256;
	f->slot = xcalloc(f->cap, sizeof(*f->slot));
	*out = f;
	f = NULL;
out:
	free(file);
	font_close(f);
	return rc;
}

void
font_close(struct font *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->cap; i++)
		free(f->slot[i].g);
	free(f->slot);
	if (f->face != NULL)
		FT_Done_Face(f->face);
	if (f->lib != NULL)
		FT_Done_FreeType(f->lib);
	free(f);
}

const char *
font_family(const struct font *f)
{
	return f->family;
}

bool
font_is_preferred(const struct font *f)
{
	return f->preferred;
}

static size_t
hash(unsigned cp, int px)
{
	uint32_t h = (uint32_t)cp * 2654435761u ^ (uint32_t)px * 40503u;

	return (size_t)(h ^ h >> 15);
}

static struct slot *
find(struct slot *slot, size_t cap, unsigned cp, int px)
{
	size_t i = hash(cp, px) & (cap - 1);

	while (slot[i].g != NULL && (slot[i].cp != cp || slot[i].px != px))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static void
grow(struct font *f)
{
	struct slot *old = f->slot;
	size_t i, cap = f->cap;

	f->cap = cap * 2;
	f->slot = xcalloc(f->cap, sizeof(*f->slot));
	for (i = 0; i < cap; i++)
		if (old[i].g != NULL)
			*find(f->slot, f->cap, old[i].cp, old[i].px) = old[i];
	free(old);
}

/* Fixed settings, whatever the user's fontconfig says: light hinting
 * (vertical only, so widths keep the design's proportions), outlines
 * rather than embedded bitmaps, 256 levels of grey. */
static struct font_glyph *
render(struct font *f, unsigned cp, int px)
{
	struct font_glyph *g;
	FT_GlyphSlot gs = f->face->glyph;
	FT_UInt gi;
	FT_Bitmap *bm;
	int r, pitch;

	if (f->cur_px != px) {
		if (FT_Set_Pixel_Sizes(f->face, 0, (FT_UInt)px) != 0)
			goto empty;
		f->cur_px = px;
	}
	if ((gi = FT_Get_Char_Index(f->face, cp)) == 0 ||
	    FT_Load_Glyph(f->face, gi, FT_LOAD_TARGET_LIGHT |
	    FT_LOAD_NO_BITMAP | FT_LOAD_RENDER) != 0)
		goto empty;
	bm = &gs->bitmap;
	if (bm->pixel_mode != FT_PIXEL_MODE_GRAY || bm->num_grays != 256 ||
	    bm->width > 4 * PX_MAX || bm->rows > 4 * PX_MAX)
		goto empty;
	g = xmalloc(sizeof(*g) + (size_t)bm->width * bm->rows);
	g->w = (int)bm->width;
	g->h = (int)bm->rows;
	g->left = gs->bitmap_left;
	g->top = gs->bitmap_top;
	g->advance = gs->advance.x > 0 ? (long)gs->advance.x : 0;
	/* A negative pitch stores the rows bottom up. */
	pitch = bm->pitch;
	for (r = 0; r < g->h; r++)
		memcpy(g->mask + (size_t)r * (size_t)g->w, bm->buffer +
		    (pitch >= 0 ? (ptrdiff_t)r * pitch :
		    (ptrdiff_t)(g->h - 1 - r) * -pitch), (size_t)g->w);
	return g;
empty:
	return xcalloc(1, sizeof(*g));
}

const struct font_glyph *
font_glyph(struct font *f, unsigned cp, int px)
{
	struct slot *s;

	px = px < 1 ? 1 : px > PX_MAX ? PX_MAX : px;
	s = find(f->slot, f->cap, cp, px);
	if (s->g != NULL)
		return s->g;
	if (2 * (f->n + 1) > f->cap) {
		grow(f);
		s = find(f->slot, f->cap, cp, px);
	}
	s->cp = cp;
	s->px = px;
	s->g = render(f, cp, px);
	f->n++;
	return s->g;
}
