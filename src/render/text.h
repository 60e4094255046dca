/* render/text.h - the summary and the trend as plain text for a terminal
 * or a mail: aligned, one indicator per line, data gaps at the end. */
#ifndef PM_RENDER_TEXT_H
#define PM_RENDER_TEXT_H

#include "core/summary.h"
#include "util/buf.h"

void text_summary(struct buf *b, const struct summary *s);
void text_trend(struct buf *b, const struct catalog *cat, int ind, int region,
    const struct agg_series *s);

/* The method in one paragraph, shared by every human-readable format. */
extern const char text_method[];

#endif /* PM_RENDER_TEXT_H */
