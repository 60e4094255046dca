/* render/json.h - the summary and the trend as JSON documents for
 * machines: exact numbers, null where undefined, a format_version. */
#ifndef PM_RENDER_JSON_H
#define PM_RENDER_JSON_H

#include "core/summary.h"
#include "util/buf.h"

#define JSON_FORMAT_VERSION 1

void json_summary(struct buf *b, const struct summary *s);
void json_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s);

#endif /* PM_RENDER_JSON_H */
