/* render/md.h - the summary and the trend as Markdown tables that render
 * on any Markdown viewer. Text from the catalogue is escaped for tables. */
#ifndef PM_RENDER_MD_H
#define PM_RENDER_MD_H

#include "core/summary.h"
#include "util/buf.h"

void md_summary(struct buf *b, const struct summary *s);
void md_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s);
/* Text for a Markdown table cell or heading: |, *, _, `, [, ], <, >, \ and
 * # escaped, line breaks and control characters made spaces. */
void md_text(struct buf *b, const char *s);

#endif /* PM_RENDER_MD_H */
