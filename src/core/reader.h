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
 * reader_run() parses it. Between the two, a file can be rewritten (a
 * resend copied over the same name): reader_run() then fails rather than
 * hand over rows that are not the bytes the digest is of. The file's
 * identity, size, modification and change times are taken when it is
 * opened and compared after the parse, and the bytes parsed are counted.
 *
 * A field that starts with a single quote before '=', '+', '-', '@', tab
 * or CR is given without that quote: it is the formula guard of a
 * rejects file (render/escape.c, esc_csv), undone on the way back in.
 */
#ifndef PM_CORE_READER_H
#define PM_CORE_READER_H

#include <signal.h>
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
	const char *text;               /* when not NULL: the fields, each
					 * with its NUL, one after the other
					 * (field[0] == text), 'textlen' bytes */
	size_t textlen;
};

#define READER_SPOOL_MAX_DEFAULT (1ULL << 30)     /* bytes from a pipe */

/* What the caller saw of a file before it asked to read it (an inbox
 * scan): the file opened must be that one. */
struct reader_expect {
	bool regular_only;              /* no link followed (O_NOFOLLOW), no
					 * FIFO or device: a regular file */
	bool same_file;                 /* and the one of 'dev' and 'ino' */
	unsigned long long dev, ino;
};

struct reader_opts {
	const char *encoding;           /* iconv name; NULL or "auto": detect */
	size_t max_field;               /* 0: READER_MAX_FIELD_DEFAULT */
	unsigned long long spool_max;   /* bytes read from standard input or
					 * a pipe; 0: READER_SPOOL_MAX_DEFAULT */
	struct reader_expect expect;    /* zero: any readable input */
	const volatile sig_atomic_t *stop;      /* set by a signal: stop
						 * waiting on a pipe (PM_EINTR);
						 * NULL: none */
};

struct reader;

/* Open 'path' ("-" reads standard input) and scan it once. 'name' is the
 * name used in messages (NULL: 'path', or "stdin"). Standard input, a
 * pipe or a FIFO is copied to an unlinked spool file first, up to
 * opts->spool_max bytes. Fails with PM_EIO when the input cannot be read
 * (the message has strerror), is longer than the spool limit, or is not
 * what opts->expect says; PM_EDATA when it is not text in a known
 * encoding (err->line says where). On success *out belongs to the
 * caller: reader_close() it. */
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
/* Raw bytes the current (or last) reader_run() has read so far. */
unsigned long long reader_consumed(const struct reader *r);

/* Called once per record, header included, in file order. A non-zero
 * return stops reader_run(), which then returns that value. */
typedef int (*reader_row_fn)(void *ctx, const struct reader_row *row);

/* Parse the input from its start, calling 'fn' per record. Returns 0 at
 * end of input, fn's non-zero value, or PM_EIO / PM_EDATA with 'err'
 * filled. PM_EIO when the file changed since reader_open() (its rows
 * were then not those of reader_sha256(): the caller discards them). May
 * be called again to read the input again. */
int reader_run(struct reader *r, reader_row_fn fn, void *ctx,
    struct pm_err *err);

/* Index of the column named 'name' in a header record (ASCII case is
 * ignored, so are surrounding blanks), or -1. */
int reader_column(const struct reader_row *hdr, const char *name);

/* Trim ASCII blanks from both ends of s[0..*len); returns the new start. */
const char *reader_trim(const char *s, size_t *len);

#endif /* PM_CORE_READER_H */
