#include "render/ingestout.h"

#include <string.h>

#include "render/escape.h"
#include "util/banned.h"

const char *
ingestout_status(enum ingest_status s)
{
	switch (s) {
	case INGEST_INGESTED:
		return "ingested";
	case INGEST_SKIPPED:
		return "skipped";
	case INGEST_CHECKED:
		return "checked";
	default:
		return "failed";
	}
}

void
ingestout_text(struct buf *b, const char *name, const struct ingest_result *r,
    const char *rejects_path)
{
	const struct store_counts *n = &r->n;

	esc_line(b, name);
	buf_adds(b, ": ");
	switch (r->status) {
	case INGEST_SKIPPED:
		buf_adds(b, "skipped: same content was ingested before "
		    "(--force ingests it again)\n");
		return;
	case INGEST_FAILED:
		buf_addf(b, "failed: nothing stored (%lu rows read, %lu "
		    "rejected)", n->rows, n->rejected);
		break;
	case INGEST_CHECKED:
		buf_addf(b, "checked %lu rows: %lu valid, %lu rejected",
		    n->rows, n->inserted, n->rejected);
		if (n->skipped)
			buf_addf(b, ", %lu skipped", n->skipped);
		buf_adds(b, " (dry run, nothing stored)");
		break;
	default:
		buf_addf(b, "%lu rows: %lu inserted, %lu revised, "
		    "%lu unchanged, %lu rejected", n->rows, n->inserted,
		    n->revised, n->unchanged, n->rejected);
		/* Only when there are some: a long file reads as before. */
		if (n->skipped && r->untracked == 0)
			buf_addf(b, ", %lu skipped (not published)",
			    n->skipped);
		else if (n->skipped)
			buf_addf(b, ", %lu skipped (%lu not published, %lu "
			    "not in the catalogue)", n->skipped,
			    n->skipped - r->untracked, r->untracked);
		break;
	}
	if (r->warnings)
		buf_addf(b, "; %lu warning%s", r->warnings,
		    r->warnings == 1 ? "" : "s");
	if (r->encoding[0] && strcmp(r->encoding, "UTF-8") != 0)
		buf_addf(b, "; read as %s", r->encoding);
	if (rejects_path) {
		buf_adds(b, "; rejects in ");
		esc_line(b, rejects_path);
	}
	buf_addc(b, '\n');
}

void
ingestout_json(struct buf *b, const char *name, const struct ingest_result *r,
    const char *rejects_path)
{
	const struct store_counts *n = &r->n;

	buf_adds(b, "{\"path\":");
	esc_json(b, name, strlen(name));
	buf_addf(b, ",\"status\":\"%s\",\"rows\":%lu,\"inserted\":%lu,"
	    "\"revised\":%lu,\"unchanged\":%lu,\"rejected\":%lu,"
	    "\"skipped\":%lu,\"skipped_untracked\":%lu,\"warnings\":%lu,"
	    "\"rejects_path\":",
	    ingestout_status(r->status), n->rows, n->inserted, n->revised,
	    n->unchanged, n->rejected, n->skipped, r->untracked,
	    r->warnings);
	if (rejects_path)
		esc_json(b, rejects_path, strlen(rejects_path));
	else
		buf_adds(b, "null");
	buf_addc(b, '}');
}

void
ingestout_rejects_header(struct buf *b, const struct reader_row *hdr)
{
	size_t i;

	buf_adds(b, "line,reason");
	for (i = 0; i < hdr->n; i++) {
		buf_addc(b, ',');
		esc_csv(b, hdr->field[i], hdr->len[i], true);
	}
	buf_addc(b, '\n');
}

void
ingestout_rejects_row(struct buf *b, const struct ingest_reject *r)
{
	size_t i;

	buf_addf(b, "%lu,", r->line);
	esc_csv(b, r->reason, strlen(r->reason), true);
	/* The original fields, so the row can be fixed and ingested again.
	 * People open this file in a spreadsheet: a cell that would run as
	 * a formula gets esc_csv()'s quote, which the reader drops on the
	 * way back in. A NUL byte cannot be written back: cut there. */
	for (i = 0; i < r->row->n; i++) {
		buf_addc(b, ',');
		esc_csv(b, r->row->field[i], strlen(r->row->field[i]), true);
	}
	buf_addc(b, '\n');
}
