/* core/reader.h - streaming CSV record reader over libcsv.
 *
 * Owns: opening an input (a path, or "-" for standard input), recognising
 * its encoding (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030,
 * or what the caller names), the SHA-256 of its raw bytes, and cutting it
 * into records with the physical line each record starts on. Memory does
 * not grow with the file: a record's fields live until the next record.
 * Never interprets fields, never writes anything but a spool file for
 * input that cannot be read twice (pipes, FIFOs).
 *
 * An input is read twice: reader_open() reads it once for the digest and
 * the encoding (so that an already-ingested file is recognised before any
 * parsing, and a conversion error is found before any row is used), and
 * reader_run() parses it.
 */
#ifndef PM_CORE_READER_H
#define PM_CORE_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define READER_MAX_FIELDS 4096          /* fields kept per record */
#define READER_MAX_FIELD_DEFAULT (1024 * 1024)  /* bytes per field */

struct reader_row {
	size_t n;                       /* fields kept, <= READER_MAX_FIELDS */
	const char *const *field;       /* NUL-terminated, valid until the
					 * callback returns */
	const size_t *len;              /* byte length of each field */
	unsigned long line;             /* physical line the record starts on */
	unsigned long nlines;           /* physical lines it spans, >= 1 */
	size_t nul_field;               /* 1-based field holding a NUL byte,
					 * 0 when none */
	size_t long_field;              /* 1-based field longer than the limit
					 * (its text is cut), 0 when none */
	bool too_many_fields;           /* more than READER_MAX_FIELDS */
	bool unterminated;              /* a quoted field runs to end of file */
};

struct reader_opts {
	const char *encoding;           /* iconv name; NULL or "auto": detect */
	size_t max_field;               /* 0: READER_MAX_FIELD_DEFAULT */
};

struct reader;

/* Open 'path' ("-" reads standard input) and scan it once. 'name' is the
 * name used in messages (NULL: 'path', or "stdin"). Fails with PM_EIO when
 * the input cannot be read (the message has strerror), PM_EDATA when it is
 * not text in a known encoding (err->line says where). On success *out
 * belongs to the caller: reader_close() it. */
int reader_open(const char *path, const char *name,
    const struct reader_opts *opts, struct reader **out, struct pm_err *err);
void reader_close(struct reader *r);            /* NULL is a no-op */

/* True when 'enc' (an --encoding value; NULL or "auto": detect) names an
 * encoding this system's iconv converts to UTF-8. */
bool reader_encoding_known(const char *enc);

const char *reader_name(const struct reader *r);
const char *reader_sha256(const struct reader *r);      /* 64 hex digits */
const char *reader_encoding(const struct reader *r);    /* "UTF-8", ... */
unsigned long long reader_size(const struct reader *r); /* raw bytes */

/* Called once per record, header included, in file order. A non-zero
 * return stops reader_run(), which then returns that value. */
typedef int (*reader_row_fn)(void *ctx, const struct reader_row *row);

/* Parse the input from its start, calling 'fn' per record. Returns 0 at
 * end of input, fn's non-zero value, or PM_EIO / PM_EDATA with 'err'
 * filled. May be called again to read the input again. */
int reader_run(struct reader *r, reader_row_fn fn, void *ctx,
    struct pm_err *err);

/* Index of the column named 'name' in a header record (ASCII case is
 * ignored, so are surrounding blanks), or -1. */
int reader_column(const struct reader_row *hdr, const char *name);

/* Trim ASCII blanks from both ends of s[0..*len); returns the new start. */
const char *reader_trim(const char *s, size_t *len);

#endif /* PM_CORE_READER_H */
