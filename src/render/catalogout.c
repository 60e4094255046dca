#include "render/catalogout.h"

#include <stdio.h>
#include <string.h>

#include "render/escape.h"
#include "util/numfmt.h"
#include "util/banned.h"

static size_t
measure_count(const struct catalog *cat, int sys)
{
	size_t i, n = 0;

	for (i = 0; i < cat->nmeasures; i++)
		n += cat->measures[i].system == sys;
	return n;
}

static void
ind_measures(struct buf *b, const struct cat_indicator *d,
    const struct catalog *cat)
{
	size_t k;

	for (k = 0; k < d->nmeasures; k++) {
		if (k)
			buf_addc(b, ';');
		esc_plain(b, cat->measures[d->measures[k]].id);
	}
}

void
catalogout_list(struct buf *b, const struct catalog *cat)
{
	size_t i, j;

	for (i = 0; i < cat->nsystems; i++) {
		const struct cat_system *s = &cat->systems[i];

		esc_plain(b, s->id);
		buf_addf(b, "  system, %zu measures  ",
		    measure_count(cat, (int)i));
		esc_plain(b, s->name_en);
		buf_adds(b, "  ");
		esc_plain(b, s->name_zh);
		buf_addc(b, '\n');
		for (j = 0; j < cat->nmeasures; j++) {
			const struct cat_measure *m = &cat->measures[j];

			if (m->system != (int)i)
				continue;
			esc_plain(b, m->id);
			buf_adds(b, "  ");
			esc_plain(b, s->id);
			buf_adds(b, "  ");
			esc_plain(b, m->name_en);
			buf_adds(b, "  ");
			esc_plain(b, m->name_zh);
			buf_addc(b, '\n');
		}
	}
	for (i = 0; i < cat->nindicators; i++) {
		const struct cat_indicator *d = &cat->indicators[i];

		esc_plain(b, d->code);
		buf_adds(b, "  ");
		esc_plain(b, cat->units[d->unit].unit);
		buf_addf(b, " %s %s  ", catalog_kind_name(d->kind),
		    d->direction > 0 ? "increase" : "decrease");
		ind_measures(b, d, cat);
		buf_adds(b, "  ");
		esc_plain(b, d->name_en);
		buf_adds(b, "  ");
		esc_plain(b, d->name_zh);
		buf_addc(b, '\n');
	}
}

static void
field(struct buf *b, const char *key, const char *val)
{
	buf_addf(b, "%-14s ", key);
	esc_plain(b, val);
	buf_addc(b, '\n');
}

static void
numfield(struct buf *b, const char *key, bool has, double v)
{
	char n[NUMFMT_MAX];

	if (has)
		field(b, key, num_format(v, n));
}

void
catalogout_system(struct buf *b, const struct catalog *cat, int i)
{
	const struct cat_system *s = &cat->systems[i];
	size_t j;

	field(b, "system", s->id);
	field(b, "name_en", s->name_en);
	field(b, "name_zh", s->name_zh);
	for (j = 0; j < cat->nmeasures; j++)
		if (cat->measures[j].system == i) {
			buf_addf(b, "%-14s ", "measure");
			esc_plain(b, cat->measures[j].id);
			buf_adds(b, "  ");
			esc_plain(b, cat->measures[j].name_en);
			buf_addc(b, '\n');
		}
}

void
catalogout_measure(struct buf *b, const struct catalog *cat, int i)
{
	const struct cat_measure *m = &cat->measures[i];
	size_t j, k;

	field(b, "measure", m->id);
	field(b, "system", cat->systems[m->system].id);
	field(b, "name_en", m->name_en);
	field(b, "name_zh", m->name_zh);
	field(b, "source_excerpt", m->excerpt);
	for (j = 0; j < cat->nindicators; j++)
		for (k = 0; k < cat->indicators[j].nmeasures; k++)
			if (cat->indicators[j].measures[k] == i) {
				buf_addf(b, "%-14s ", "indicator");
				esc_plain(b, cat->indicators[j].code);
				buf_adds(b, "  ");
				esc_plain(b, cat->indicators[j].name_en);
				buf_addc(b, '\n');
			}
}

void
catalogout_indicator(struct buf *b, const struct catalog *cat, int i)
{
	const struct cat_indicator *d = &cat->indicators[i];
	char y[16];

	field(b, "indicator", d->code);
	field(b, "name_en", d->name_en);
	field(b, "name_zh", d->name_zh);
	field(b, "unit", cat->units[d->unit].unit);
	field(b, "kind", catalog_kind_name(d->kind));
	field(b, "direction", d->direction > 0 ? "increase" : "decrease");
	buf_addf(b, "%-14s ", "measures");
	ind_measures(b, d, cat);
	buf_addc(b, '\n');
	if (d->base_year) {
		snprintf(y, sizeof(y), "%d", d->base_year);
		field(b, "base_year", y);
	}
	numfield(b, "target_value", d->has_target, d->target_value);
	if (d->target_year) {
		snprintf(y, sizeof(y), "%d", d->target_year);
		field(b, "target_year", y);
	}
	numfield(b, "target_growth", d->has_growth, d->target_growth);
	numfield(b, "limit", d->has_limit, d->limit);
}

void
catalogout_region(struct buf *b, const struct catalog *cat, int i)
{
	const struct cat_region *g = &cat->regions[i];
	size_t j;

	field(b, "region", g->code);
	field(b, "name_en", g->name_en);
	field(b, "name_zh", g->name_zh);
	field(b, "level", g->level);
	if (g->parent >= 0)
		field(b, "parent", cat->regions[g->parent].code);
	field(b, "aliases", g->aliases);
	for (j = 0; j < cat->nregions; j++)
		if (cat->regions[j].parent == i) {
			buf_addf(b, "%-14s ", "child");
			esc_plain(b, cat->regions[j].code);
			buf_adds(b, "  ");
			esc_plain(b, cat->regions[j].name_en);
			buf_addc(b, '\n');
		}
}

void
catalogout_unit(struct buf *b, const struct catalog *cat, int i)
{
	const struct cat_unit *u = &cat->units[i];

	field(b, "unit", u->unit);
	field(b, "dimension", u->dimension);
	numfield(b, "factor", true, u->factor);
}
