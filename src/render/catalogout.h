/* render/catalogout.h - the catalogue as text: the list (one line per
 * system, measure and indicator) and one entry in full. */
#ifndef PM_RENDER_CATALOGOUT_H
#define PM_RENDER_CATALOGOUT_H

#include "core/catalog.h"
#include "util/buf.h"

/* Systems each followed by their measures, then the indicators; every
 * line starts with the id or code it is about. */
void catalogout_list(struct buf *b, const struct catalog *cat);
/* Everything about one system, measure, indicator, region or unit. */
void catalogout_system(struct buf *b, const struct catalog *cat, int i);
void catalogout_measure(struct buf *b, const struct catalog *cat, int i);
void catalogout_indicator(struct buf *b, const struct catalog *cat, int i);
void catalogout_region(struct buf *b, const struct catalog *cat, int i);
void catalogout_unit(struct buf *b, const struct catalog *cat, int i);

#endif /* PM_RENDER_CATALOGOUT_H */
