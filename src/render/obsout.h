/* render/obsout.h - stored observations as CSV (the input's long format,
 * so an export ingests back to the same store) or as JSON. */
#ifndef PM_RENDER_OBSOUT_H
#define PM_RENDER_OBSOUT_H

#include <stdbool.h>

#include "core/store.h"
#include "util/buf.h"

struct obsout_opts {
	bool yoy;               /* CSV: add the published growth column */
	bool raw;               /* CSV: no spreadsheet-formula guard */
	bool provenance;        /* CSV: add status,source,note at the end
				 * (when the store holds any) */
};

void obsout_csv_header(struct buf *b, const struct obsout_opts *o);
void obsout_csv_row(struct buf *b, const struct store_row *r,
    const struct obsout_opts *o);
/* {"format_version":1,"observations":[ ... ]} in three parts. */
void obsout_json_begin(struct buf *b);
void obsout_json_row(struct buf *b, const struct store_row *r, bool first);
void obsout_json_end(struct buf *b);

#endif /* PM_RENDER_OBSOUT_H */
