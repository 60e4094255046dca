#include "render/obsout.h"

#include <string.h>

#include "core/period.h"
#include "render/escape.h"
#include "util/numfmt.h"
#include "util/banned.h"

static const char *
period_text(int key, char out[PERIOD_TEXT_MAX])
{
	struct period p;

	if (period_from_key(key, &p) != 0) {
		snprintf(out, PERIOD_TEXT_MAX, "?%d", key);
		return out;
	}
	return period_format(&p, out);
}

void
obsout_csv_header(struct buf *b, const struct obsout_opts *o)
{
	buf_adds(b, "indicator,region,period,value,unit,basis");
	if (o->yoy)
		buf_adds(b, ",yoy");
	if (o->provenance)
		buf_adds(b, ",status,source,note");
	buf_addc(b, '\n');
}

void
obsout_csv_row(struct buf *b, const struct store_row *r,
    const struct obsout_opts *o)
{
	char n[NUMFMT_MAX], p[PERIOD_TEXT_MAX];

	esc_csv(b, r->indicator, strlen(r->indicator), !o->raw);
	buf_addc(b, ',');
	esc_csv(b, r->region, strlen(r->region), !o->raw);
	buf_addf(b, ",%s,%s,", period_text(r->period, p),
	    num_format(r->value, n));
	esc_csv(b, r->unit, strlen(r->unit), !o->raw);
	buf_adds(b, r->basis == BASIS_YTD ? ",ytd" : ",");
	if (o->yoy) {
		buf_addc(b, ',');
		if (r->has_yoy)
			buf_adds(b, num_format(r->yoy, n));
	}
	if (o->provenance) {
		buf_addc(b, ',');
		if (r->status)
			buf_addc(b, r->status);
		buf_addc(b, ',');
		if (r->source)
			esc_csv(b, r->source, strlen(r->source), !o->raw);
		buf_addc(b, ',');
		if (r->note)
			esc_csv(b, r->note, strlen(r->note), !o->raw);
	}
	buf_addc(b, '\n');
}

void
obsout_json_begin(struct buf *b)
{
	buf_adds(b, "{\"format_version\":1,\"observations\":[");
}

void
obsout_json_row(struct buf *b, const struct store_row *r, bool first)
{
	char n[NUMFMT_MAX], p[PERIOD_TEXT_MAX];

	if (!first)
		buf_addc(b, ',');
	buf_adds(b, "\n{\"indicator\":");
	esc_json(b, r->indicator, strlen(r->indicator));
	buf_adds(b, ",\"region\":");
	esc_json(b, r->region, strlen(r->region));
	buf_addf(b, ",\"period\":\"%s\",\"value\":%s,\"unit\":",
	    period_text(r->period, p), num_format(r->value, n));
	esc_json(b, r->unit, strlen(r->unit));
	buf_addf(b, ",\"basis\":%s,\"yoy\":%s",
	    r->basis == BASIS_YTD ? "\"ytd\"" : "null",
	    r->has_yoy ? num_format(r->yoy, n) : "null");
	/* Provenance only where there is some: older readers see the same
	 * objects as before. */
	if (r->status)
		buf_addf(b, ",\"status\":\"%c\"", r->status);
	if (r->source) {
		buf_adds(b, ",\"source\":");
		esc_json(b, r->source, strlen(r->source));
	}
	if (r->note) {
		buf_adds(b, ",\"note\":");
		esc_json(b, r->note, strlen(r->note));
	}
	buf_addc(b, '}');
}

void
obsout_json_end(struct buf *b)
{
	buf_adds(b, "\n]}\n");
}
