#include "render/json.h"

#include <math.h>
#include <string.h>

#include "render/escape.h"
#include "render/fmt.h"
#include "util/numfmt.h"
#include "util/banned.h"

static void
str(struct buf *b, const char *s)
{
	esc_json(b, s, strlen(s));
}

static void
num(struct buf *b, bool has, double v)
{
	char n[NUMFMT_MAX];

	buf_adds(b, has && isfinite(v) ? num_format_computed(v, n) : "null");
}

static void
key(struct buf *b, const char *k)
{
	buf_addf(b, ",\"%s\":", k);
}

static void
period(struct buf *b, const struct period *p)
{
	char t[PERIOD_TEXT_MAX];

	buf_addf(b, "\"%s\"", period_format(p, t));
}

static void
rollup(struct buf *b, const struct progress_rollup *r)
{
	buf_addf(b, ",\"status\":\"%s\",\"score\":",
	    progress_status_code(r->status));
	num(b, r->has_score, r->score);
}

/* What a roll-up stands on: the counts its status is stated with. */
static void
coverage(struct buf *b, const struct summary_coverage *c)
{
	buf_addf(b, ",\"coverage\":{\"measures\":%zu,\"measured\":%zu,"
	    "\"qualitative\":%zu,\"context_only\":%zu,"
	    "\"measures_without_data\":%zu,"
	    "\"headline_indicators\":%zu,"
	    "\"headline_without_data\":%zu,\"stale\":%zu,"
	    "\"context_indicators\":%zu}", c->measures, c->measured,
	    c->qualitative, c->context_only, c->measures_nodata, c->headline,
	    c->headline_nodata, c->stale, c->context);
}

/* A point's year-on-year growth: "yoy" the official one (published,
 * derived from the published ytd growths, else the levels'), with the
 * levels' beside it and where "yoy" comes from. 'pt' NULL: all null. */
static void
yoy_keys(struct buf *b, const struct agg_point *pt)
{
	enum agg_yoy_source src = AGG_YOY_NONE;
	double y = 0;

	if (pt)
		src = agg_yoy(pt, &y);
	key(b, "yoy");
	num(b, src != AGG_YOY_NONE, y);
	key(b, "yoy_levels");
	num(b, pt && pt->has_yoy, pt ? pt->yoy : 0);
	key(b, "yoy_source");
	if (src == AGG_YOY_NONE)
		buf_adds(b, "null");
	else
		buf_addf(b, "\"%s\"", agg_yoy_source_name(src));
	key(b, "yoy_published");
	num(b, pt && pt->has_yoy_pub && !pt->yoy_pub_derived, pt ?
	    pt->yoy_pub : 0);
}

/* Machine names of the progress warnings. */
static const char *
warning_code(unsigned bit)
{
	switch (bit) {
	case PROGRESS_WARN_ZERO_BASE:
		return "zero_base";
	case PROGRESS_WARN_ZERO_TARGET:
		return "zero_target";
	case PROGRESS_WARN_LIMIT_IGNORED:
		return "limit_ignored";
	case PROGRESS_WARN_BEYOND_LIMIT:
		return "beyond_limit";
	default:
		return "other";
	}
}

static void
indicator(struct buf *b, const struct summary *s, size_t i)
{
	const struct catalog *cat = s->cat;
	const struct cat_indicator *d = &cat->indicators[i];
	const struct summary_indicator *si = &s->indicators[i];
	const struct progress_result *p = &si->progress;
	size_t k, n;
	unsigned w;

	buf_adds(b, "{\"code\":");
	str(b, d->code);
	key(b, "region");
	str(b, cat->regions[s->region].code);
	key(b, "unit");
	str(b, cat->units[d->unit].unit);
	key(b, "measures");
	buf_addc(b, '[');
	for (k = 0; k < d->nmeasures; k++) {
		if (k)
			buf_addc(b, ',');
		str(b, cat->measures[d->measures[k]].id);
	}
	buf_addc(b, ']');
	buf_addf(b, ",\"status\":\"%s\"", progress_status_code(p->status));
	key(b, "score");
	num(b, p->has_score, p->score);
	key(b, "progress_value");
	num(b, p->has_value, p->value);
	key(b, "base_year");
	if (p->has_points)
		buf_addf(b, "%d", p->base_year);
	else
		buf_adds(b, "null");
	key(b, "base_value");
	num(b, p->has_points, p->base_value);
	key(b, "current_year");
	if (p->has_current)
		buf_addf(b, "%d", p->current_year);
	else
		buf_adds(b, "null");
	key(b, "current_value");
	num(b, p->has_current, p->current_value);
	key(b, "target");
	num(b, d->has_target, d->target_value);
	key(b, "target_year");
	if (p->has_target && p->target_year)
		buf_addf(b, "%d", p->target_year);      /* the one used */
	else if (d->target_year)
		buf_addf(b, "%d", d->target_year);
	else
		buf_adds(b, "null");
	yoy_keys(b, si->has_latest ? &si->latest : NULL);
	key(b, "actual_growth");
	num(b, p->has_actual, p->actual_growth * 100);
	key(b, "required_growth");
	num(b, p->has_required, p->required_growth * 100);
	key(b, "required_is_aim");
	buf_adds(b, p->required_is_aim ? "true" : "false");
	key(b, "latest_period");
	if (si->has_latest)
		period(b, &si->latest.p);
	else
		buf_adds(b, "null");
	key(b, "latest_value");
	num(b, si->has_latest, si->latest.value);
	key(b, "latest_derived");
	buf_adds(b, si->has_latest && si->latest.derived ? "true" : "false");
	key(b, "trend_growth");
	num(b, si->trend.ok && si->trend.exponential, si->trend.growth * 100);
	key(b, "projected_year");
	num(b, si->trend.reaches, si->trend.reach_year);
	key(b, "yoy_change");
	num(b, si->has_latest && si->latest.has_chg, si->latest.chg);
	key(b, "yoy_mismatches");
	buf_addf(b, "%zu", si->nmismatch);
	key(b, "yoy_mismatch_years");
	buf_addc(b, '[');
	for (k = 0, n = 0; k < si->years.n; k++)
		if (si->years.pt[k].yoy_mismatch)
			buf_addf(b, "%s%d", n++ ? "," : "",
			    si->years.pt[k].p.year);
	buf_addc(b, ']');
	/* The office's extensions: how base and growth were taken. */
	key(b, "role");
	str(b, d->context ? "context" : "headline");
	key(b, "stale");
	buf_adds(b, si->stale ? "true" : "false");
	key(b, "needs_attention");
	buf_adds(b, summary_attention(s, (int)i) ? "true" : "false");
	key(b, "base_year_asked");
	buf_addf(b, "%d", p->base_year_asked);
	key(b, "base_moved");
	buf_adds(b, p->base_moved ? "true" : "false");
	key(b, "base_from_plan");
	buf_adds(b, p->base_from_plan ? "true" : "false");
	key(b, "base_at_break");
	buf_adds(b, p->base_at_break ? "true" : "false");
	key(b, "stored_base_value");
	num(b, p->base_differs, p->stored_base);
	key(b, "growth_basis");
	str(b, p->growth_published ? "published" : "levels");
	key(b, "decimals");
	buf_addf(b, "%d", fmt_decimals(d, &si->years));
	key(b, "warnings");
	buf_addc(b, '[');
	for (w = 1, n = 0; w <= p->warnings; w <<= 1)
		if (p->warnings & w)
			buf_addf(b, "%s\"%s\"", n++ ? "," : "",
			    warning_code(w));
	buf_adds(b, "]}");
}

void
json_summary(struct buf *b, const struct summary *s)
{
	const struct catalog *cat = s->cat;
	size_t i, n;

	buf_addf(b, "{\"format_version\":%d,\"as_of\":", JSON_FORMAT_VERSION);
	period(b, &s->as_of);
	key(b, "region");
	str(b, cat->regions[s->region].code);
	key(b, "method");
	str(b, "open-sdg-progress-measure");
	buf_adds(b, ",\"overall\":{\"status\":");
	buf_addf(b, "\"%s\",\"score\":", progress_status_code(s->overall.status));
	num(b, s->overall.has_score, s->overall.score);
	coverage(b, &s->cov);
	buf_adds(b, "},\n\"systems\":[");
	for (i = 0; i < cat->nsystems; i++) {
		buf_adds(b, i ? ",\n{\"id\":" : "\n{\"id\":");
		str(b, cat->systems[i].id);
		rollup(b, &s->systems[i].r);
		coverage(b, &s->systems[i].cov);
		buf_addc(b, '}');
	}
	buf_adds(b, "],\n\"measures\":[");
	for (i = 0; i < cat->nmeasures; i++) {
		buf_adds(b, i ? ",\n{\"id\":" : "\n{\"id\":");
		str(b, cat->measures[i].id);
		key(b, "system");
		str(b, cat->systems[cat->measures[i].system].id);
		rollup(b, &s->measures[i].r);
		coverage(b, &s->measures[i].cov);
		buf_addf(b, ",\"kind\":\"%s\",\"data_gap\":%s,"
		    "\"context_only\":%s}",
		    cat->measures[i].qualitative ? "qualitative" :
		    "quantitative", s->measures[i].data_gap ? "true" :
		    "false", s->measures[i].context_only ? "true" : "false");
	}
	buf_adds(b, "],\n\"indicators\":[");
	for (i = 0; i < cat->nindicators; i++) {
		buf_adds(b, i ? ",\n" : "\n");
		indicator(b, s, i);
	}
	buf_adds(b, "],\n\"checks\":[");
	for (i = 0; i < s->nchecks; i++) {
		const struct summary_check *c = &s->checks[i];

		buf_adds(b, i ? ",\n{\"indicator\":" : "\n{\"indicator\":");
		str(b, cat->indicators[c->indicator].code);
		key(b, "region");
		str(b, cat->regions[c->region].code);
		key(b, "period");
		period(b, &c->c.p);
		key(b, "own");
		num(b, true, c->c.own);
		key(b, "children");
		num(b, true, c->c.children);
		/* The sum of the parts beyond double's range: no figure. */
		if (!isfinite(c->c.children))
			buf_adds(b, ",\"out_of_range\":true");
		buf_addc(b, '}');
	}
	/* Stored base-year values that differ from the plan's base. */
	buf_adds(b, "],\n\"base_checks\":[");
	for (i = 0, n = 0; i < cat->nindicators; i++) {
		const struct progress_result *p = &s->indicators[i].progress;

		if (!p->base_differs)
			continue;
		buf_adds(b, n++ ? ",\n{\"indicator\":" : "\n{\"indicator\":");
		str(b, cat->indicators[i].code);
		buf_addf(b, ",\"year\":%d", p->base_year_asked);
		key(b, "stored");
		num(b, true, p->stored_base);
		key(b, "plan");
		num(b, true, cat->indicators[i].base_value);
		buf_addc(b, '}');
	}
	buf_adds(b, "]");
	/* Only when there is something: the document is otherwise as it
	 * was. */
	if (s->nplaus) {
		buf_adds(b, ",\n\"plausibility\":[");
		for (i = 0; i < s->nplaus; i++) {
			const struct summary_plaus *w = &s->plaus[i];

			buf_adds(b, i ? ",\n{\"indicator\":" :
			    "\n{\"indicator\":");
			str(b, cat->indicators[w->indicator].code);
			key(b, "period");
			period(b, &w->p);
			key(b, "value");
			num(b, true, w->value);
			if (w->growth) {
				key(b, "yoy_published");
				num(b, true, w->yoy_pub);
			} else {
				key(b, "previous_period");
				period(b, &w->prev);
				key(b, "previous_value");
				num(b, true, w->prev_value);
			}
			buf_addc(b, '}');
		}
		buf_adds(b, "]");
	}
	buf_adds(b, "}\n");
}

void
json_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s)
{
	size_t i;

	buf_addf(b, "{\"format_version\":%d,\"indicator\":",
	    JSON_FORMAT_VERSION);
	str(b, cat->indicators[ind].code);
	key(b, "region");
	str(b, cat->regions[region].code);
	key(b, "unit");
	str(b, cat->units[cat->indicators[ind].unit].unit);
	buf_addf(b, ",\"freq\":\"%c\",\"points\":[",
	    period_freq_letter(s->freq));
	for (i = 0; i < s->n; i++) {
		const struct agg_point *pt = &s->pt[i];

		buf_adds(b, i ? ",\n{\"period\":" : "\n{\"period\":");
		period(b, &pt->p);
		key(b, "value");
		num(b, true, pt->value);
		yoy_keys(b, pt);
		key(b, "change");
		num(b, pt->has_chg, pt->chg);
		key(b, "pop");
		num(b, pt->has_pop, pt->pop);
		buf_addf(b, ",\"complete\":%s,\"months\":%d,\"combined\":%s,"
		    "\"derived\":%s", pt->complete ? "true" : "false",
		    pt->months, pt->combined ? "true" : "false",
		    pt->derived ? "true" : "false");
		/* Only where it applies: points of other series unchanged. */
		if (pt->ytd)
			buf_adds(b, ",\"ytd\":true");
		if (pt->at_end)
			buf_adds(b, ",\"at_end\":true");
		if (pt->status)
			buf_addf(b, ",\"status\":\"%c\"", pt->status);
		buf_addc(b, '}');
	}
	buf_adds(b, "]}\n");
}
