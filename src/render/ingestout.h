/* render/ingestout.h - the ingest command's results, as text lines or as
 * the JSON document {"files":[...]}, and its rejects file (CSV: line,
 * reason, then the row's original fields). */
#ifndef PM_RENDER_INGESTOUT_H
#define PM_RENDER_INGESTOUT_H

#include <stdio.h>

#include "core/ingest.h"
#include "util/buf.h"

/* One input's outcome as one line of text, ending in '\n'. */
void ingestout_text(struct buf *b, const char *name,
    const struct ingest_result *r, const char *rejects_path);
/* One element of the "files" array (no separator). */
void ingestout_json(struct buf *b, const char *name,
    const struct ingest_result *r, const char *rejects_path);
/* The rejects file's header: line,reason and the input's header fields. */
void ingestout_rejects_header(struct buf *b, const struct reader_row *hdr);
/* One rejected row. */
void ingestout_rejects_row(struct buf *b, const struct ingest_reject *r);

const char *ingestout_status(enum ingest_status s);

#endif /* PM_RENDER_INGESTOUT_H */
