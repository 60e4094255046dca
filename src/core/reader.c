#include "core/reader.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/sha256.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define CHUNK (64 * 1024)

struct reader {
	int fd;                 /* regular file, or the spool of a pipe */
	char *name;             /* for messages */
	char sha[65];
	char encoding[32];      /* as shown to the user */
	bool convert;           /* through iconv to UTF-8 */
	size_t max_field;
	unsigned long long size;
	bool spooled;           /* 'fd' is our copy: nobody else writes it */
	struct stat at_open;    /* of the file, for unchanged() */

	/* Parsing state, reset by reader_run(). */
	struct csv_parser csv;
	struct buf text;        /* fields of the current record, NUL-separated */
	size_t *off;            /* start of each field in 'text' */
	size_t *len;
	const char **field;
	size_t nfield, capfield;
	size_t nfield_seen;     /* including those past READER_MAX_FIELDS */
	unsigned long line;     /* physical line being fed */
	unsigned long inner_nl; /* newlines inside the record's fields */
	size_t nul_field, long_field;
	bool truncated;         /* current field was cut at max_field */
	reader_row_fn fn;
	void *ctx;
	int stop;               /* fn's non-zero return */
	bool at_fini;           /* the record ends at end of input */
	bool unterminated;      /* ... inside an open quote */
	unsigned long cut_nl;   /* newlines in bytes cut from a long field */
	unsigned long long consumed;    /* raw bytes reader_run() has read */
};

static int
read_full(int fd, char *p, size_t n, ssize_t *got)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r < 0 && errno == EINTR);
	*got = r;
	return r < 0 ? -1 : 0;
}

/* A pipe or FIFO can be read once only: copy it to an unlinked file. */
static int
spool(int in, const char *name, unsigned long long max,
    const volatile sig_atomic_t *stop, int *out, struct pm_err *err)
{
	unsigned long long total = 0;
	char tmpl[] = "/tmp/pemetrics-spool-XXXXXX";
	const char *dir = getenv("TMPDIR");
	struct buf path = BUF_INIT;
	char *chunk = xmalloc(CHUNK);
	int fd, rc = 0;
	ssize_t got;

	if (dir && *dir)
		buf_addf(&path, "%s/pemetrics-spool-XXXXXX", dir);
	else
		buf_adds(&path, tmpl);
	fd = mkstemp(path.data);
	if (fd < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, name,
		    "cannot create spool file '%s'", path.data);
		goto out;
	}
	unlink(path.data);
	for (;;) {
		/* A pipe can wait for ever: SIGINT or SIGTERM ends it. */
		if ((got = read(in, chunk, CHUNK)) < 0 && errno == EINTR) {
			if (stop && *stop) {
				rc = pm_fail(err, PM_EINTR, name, 0, "stopped "
				    "by a signal while reading: nothing stored");
				break;
			}
			continue;
		}
		if (got < 0) {
			rc = pm_fail_errno(err, PM_EIO, errno, name, "read");
			break;
		}
		if (got == 0)
			break;
		if ((total += (unsigned long long)got) > max) {
			rc = pm_fail(err, PM_EIO, name, 0, "more than %llu bytes "
			    "from a pipe, device or standard input: not read "
			    "(--max-input BYTES raises the limit)", max);
			break;
		}
		for (ssize_t w = 0, n; w < got; w += n) {
			n = write(fd, chunk + w, (size_t)(got - w));
			if (n < 0 && errno == EINTR) {
				n = 0;
				continue;
			}
			if (n < 0) {
				rc = pm_fail_errno(err, PM_EIO, errno, name,
				    "cannot write spool file");
				goto out;
			}
		}
	}
out:
	if (rc == 0)
		*out = fd;
	else if (fd >= 0)
		close(fd);
	free(chunk);
	buf_release(&path);
	return rc;
}

static unsigned long
count_nl(const char *p, size_t n)
{
	unsigned long k = 0;
	const char *q;

	while (n && (q = memchr(p, '\n', n)) != NULL) {
		k++;
		n -= (size_t)(q - p) + 1;
		p = q + 1;
	}
	return k;
}

/* Newlines in a field, and whether it holds a NUL byte. Most fields are
 * a few bytes: one loop beats two library calls there. */
static unsigned long
scan_field(const char *s, size_t n, bool *nul)
{
	unsigned long k = 0;
	bool z = false;
	size_t i;

	if (n > 32) {
		*nul = memchr(s, '\0', n) != NULL;
		return count_nl(s, n);
	}
	/* One comparison a byte finds both, nearly always neither. */
	for (i = 0; i < n && (unsigned char)s[i] > '\n'; i++)
		;
	for (; i < n; i++) {
		k += s[i] == '\n';
		z |= s[i] == '\0';
	}
	*nul = z;
	return k;
}

static bool
is_utf8_name(const char *e)
{
	return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

bool
reader_encoding_known(const char *enc)
{
	iconv_t cd;

	if (enc == NULL || strcasecmp(enc, "auto") == 0 || is_utf8_name(enc))
		return true;
	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

/* Check that the whole input converts from 'enc'; on failure say where. */
static int
check_convert(struct reader *r, const char *enc, struct pm_err *err)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	char *in = xmalloc(CHUNK), *out = xmalloc(4 * CHUNK + 16);
	size_t left = 0;
	unsigned long lines = 1;
	int rc = 0;
	ssize_t got;

	if (cd == (iconv_t)-1) {
		rc = pm_fail(err, PM_EUSAGE, r->name, 0,
		    "unknown encoding '%s'", enc);
		goto out;
	}
	if (lseek(r->fd, 0, SEEK_SET) < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, r->name, "seek");
		goto out;
	}
	for (;;) {
		char *ip = in, *op = out;
		size_t il, ol = 4 * CHUNK + 16;

		if (read_full(r->fd, in + left, CHUNK - left, &got) < 0) {
			rc = pm_fail_errno(err, PM_EIO, errno, r->name, "read");
			goto out;
		}
		il = left + (size_t)got;
		if (il == 0)
			break;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    (errno == EILSEQ || (errno == EINVAL && got == 0))) {
			lines += count_nl(in, (size_t)(ip - in));
			rc = pm_fail(err, PM_EDATA, r->name, lines,
			    "not valid %s text (binary file?)", enc);
			goto out;
		}
		lines += count_nl(in, (size_t)(ip - in));
		memmove(in, ip, il);
		left = il;
		if (got == 0)
			break;
	}
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(in);
	free(out);
	return rc;
}

/* First pass: digest, size, BOM and UTF-8 validity. */
static int
scan(struct reader *r, const struct reader_opts *o, struct pm_err *err)
{
	struct sha256 sha;
	struct utf8_check u;
	unsigned char head[3] = { 0, 0, 0 };
	unsigned long lines = 1, bad_line = 0;
	char *chunk = xmalloc(CHUNK);
	const char *enc = o && o->encoding && strcasecmp(o->encoding, "auto")
	    ? o->encoding : NULL;
	bool detect = enc == NULL;
	size_t nhead = 0;
	int rc = 0;
	ssize_t got;

	sha256_init(&sha);
	utf8_check_init(&u);
	r->size = 0;
	for (;;) {
		if (read_full(r->fd, chunk, CHUNK, &got) < 0) {
			rc = pm_fail_errno(err, PM_EIO, errno, r->name, "read");
			goto out;
		}
		if (got == 0)
			break;
		sha256_update(&sha, chunk, (size_t)got);
		for (ssize_t i = 0; i < got && nhead < 3; i++)
			head[nhead++] = (unsigned char)chunk[i];
		if (!u.bad && !utf8_check_feed(&u, chunk, (size_t)got))
			bad_line = lines + count_nl(chunk,
			    u.bad_offset - (size_t)r->size);
		lines += count_nl(chunk, (size_t)got);
		r->size += (unsigned long long)got;
	}
	sha256_hex(&sha, r->sha);
	if (!u.bad && !utf8_check_done(&u))
		bad_line = lines;       /* truncated sequence at the end */

	if (enc == NULL && nhead >= 2 &&
	    ((head[0] == 0xff && head[1] == 0xfe) ||
	    (head[0] == 0xfe && head[1] == 0xff)))
		enc = "UTF-16";         /* its BOM says so; iconv reads it */
	if (enc == NULL || is_utf8_name(enc)) {
		if (bad_line == 0) {
			snprintf(r->encoding, sizeof(r->encoding), "UTF-8");
			goto out;
		}
		if (enc != NULL) {
			rc = pm_fail(err, PM_EDATA, r->name, bad_line,
			    "not valid UTF-8 (try --encoding gb18030)");
			goto out;
		}
		enc = "GB18030";        /* what Excel writes on Chinese systems */
	}
	rc = check_convert(r, enc, err);
	if (rc == 0) {
		snprintf(r->encoding, sizeof(r->encoding), "%s", enc);
		r->convert = true;
	} else if (rc == PM_EDATA && detect && strcmp(enc, "GB18030") == 0) {
		err->line = bad_line;
		snprintf(err->msg, sizeof(err->msg),
		    "neither UTF-8 nor GB18030 text (binary file?)");
	}
out:
	sha256_free(&sha);      /* after a read error: hex never ran */
	free(chunk);
	return rc;
}

/* Whether the file opened is the one 'e' says; PM_EIO naming what it is
 * instead. A file replaced after an inbox scan is left for the next run,
 * which sees it as it is then. */
static int
expected(const struct reader *r, const struct reader_expect *e,
    const struct stat *st, struct pm_err *err)
{
	if (!e->regular_only)
		return 0;
	if (!S_ISREG(st->st_mode))
		return pm_fail(err, PM_EIO, r->name, 0, "not a regular file "
		    "any more (replaced after the inbox was read): not read");
	if (e->same_file && ((unsigned long long)st->st_dev != e->dev ||
	    (unsigned long long)st->st_ino != e->ino))
		return pm_fail(err, PM_EIO, r->name, 0, "replaced after the "
		    "inbox was read: not read; the next run takes it");
	return 0;
}

int
reader_open(const char *path, const char *name, const struct reader_opts *o,
    struct reader **out, struct pm_err *err)
{
	struct reader *r = xcalloc(1, sizeof(*r));
	const struct reader_expect none = { false, false, 0, 0 };
	const struct reader_expect *e = o ? &o->expect : &none;
	bool is_stdin = strcmp(path, "-") == 0;
	struct stat st;
	int fd = -1, rc = 0;

	r->fd = -1;
	r->name = xstrdup(name ? name : is_stdin ? "stdin" : path);
	r->max_field = o && o->max_field ? o->max_field
	    : READER_MAX_FIELD_DEFAULT;
	if (is_stdin) {
		fd = dup(STDIN_FILENO);
	} else {
		/* O_NONBLOCK: opening a FIFO with no writer must not hang. */
		fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK |
		    (e->regular_only ? O_NOFOLLOW : 0));
	}
	if (fd < 0 && errno == ELOOP && e->regular_only) {
		rc = pm_fail(err, PM_EIO, r->name, 0, "a symbolic link (put "
		    "in place after the inbox was read): not followed");
		goto out;
	}
	if (fd < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, r->name, "cannot open");
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, r->name, "cannot stat");
		goto out;
	}
	if ((rc = expected(r, e, &st, err)) != 0)
		goto out;
	if (S_ISDIR(st.st_mode)) {
		rc = pm_fail(err, PM_EIO, r->name, 0, "is a directory");
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		r->fd = fd;
		r->at_open = st;
		fd = -1;
	} else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || is_stdin) {
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if ((rc = spool(fd, r->name, o && o->spool_max ? o->spool_max :
		    READER_SPOOL_MAX_DEFAULT, o ? o->stop : NULL, &r->fd,
		    err)) != 0)
			goto out;
		r->spooled = true;
	} else {
		rc = pm_fail(err, PM_EIO, r->name, 0, "not a regular file");
		goto out;
	}
	if (lseek(r->fd, 0, SEEK_SET) < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, r->name, "seek");
		goto out;
	}
	rc = scan(r, o, err);
out:
	if (fd >= 0)
		close(fd);
	if (rc != 0) {
		reader_close(r);
		r = NULL;
	}
	*out = r;
	return rc;
}

void
reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0)
		close(r->fd);
	buf_release(&r->text);
	free(r->off);
	free(r->len);
	free(r->field);
	free(r->name);
	free(r);
}

const char *
reader_name(const struct reader *r)
{
	return r->name;
}

const char *
reader_sha256(const struct reader *r)
{
	return r->sha;
}

const char *
reader_encoding(const struct reader *r)
{
	return r->encoding;
}

unsigned long long
reader_consumed(const struct reader *r)
{
	return r->consumed;
}

unsigned long long
reader_size(const struct reader *r)
{
	return r->size;
}

static void
on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	bool nul;

	if (r->stop)
		return;
	/* The formula guard of a rejects file (or of a spreadsheet's own
	 * export): '=... , '+..., '-..., '@..., a quote before a tab or CR.
	 * No field of ours begins so: it comes off, and a rejects file
	 * fixed in a spreadsheet is read as it was written. */
	if (n >= 2 && ((const char *)s)[0] == '\'' &&
	    strchr("=+-@\t\r", ((const char *)s)[1]) != NULL) {
		s = (char *)s + 1;
		n--;
	}
	r->inner_nl += scan_field(s, n, &nul) + r->cut_nl;
	r->cut_nl = 0;
	r->nfield_seen++;
	if (r->nfield == READER_MAX_FIELDS)
		return;
	if (r->nfield == r->capfield) {
		r->capfield = r->capfield ? 2 * r->capfield : 16;
		r->off = xreallocarray(r->off, r->capfield, sizeof(*r->off));
		r->len = xreallocarray(r->len, r->capfield, sizeof(*r->len));
		r->field = xreallocarray(r->field, r->capfield,
		    sizeof(*r->field));
	}
	if (nul && r->nul_field == 0)
		r->nul_field = r->nfield + 1;
	if (r->truncated && r->long_field == 0)
		r->long_field = r->nfield + 1;
	r->truncated = false;
	r->off[r->nfield] = r->text.len;
	r->len[r->nfield] = n;
	buf_add_nul(&r->text, s, n);
	r->nfield++;
}

static void
on_record(int c, void *data)
{
	struct reader *r = data;
	struct reader_row row;
	size_t i;

	(void)c;
	if (r->stop)
		return;
	for (i = 0; i < r->nfield; i++)
		r->field[i] = r->text.data + r->off[i];
	row.n = r->nfield;
	row.field = r->field;
	row.len = r->len;
	row.nlines = r->inner_nl + 1;
	row.line = r->line - r->inner_nl;
	row.nul_field = r->nul_field;
	row.long_field = r->long_field;
	row.too_many_fields = r->nfield_seen > READER_MAX_FIELDS;
	row.unterminated = r->at_fini && r->unterminated;
	row.text = r->nfield ? r->text.data : NULL;
	row.textlen = r->text.len;
	r->stop = r->fn(r->ctx, &row);
	buf_reset(&r->text);
	r->nfield = r->nfield_seen = 0;
	r->inner_nl = 0;
	r->nul_field = r->long_field = 0;
}

/* libcsv keeps a field whole until it ends: cut it at max_field (through
 * entry_pos, in its public struct; it has no API for this) and flag it.
 * libcsv's own invariants must survive the cut: 'spaces' counts blanks at
 * the end of entry_buf that it will trim, and after a closing quote
 * (state FIELD_MIGHT_HAVE_ENDED, 3 in libcsv.c) it also drops the quote
 * itself, entry_pos - spaces - 1, which must not go below zero. */
static void
cap_field(struct reader *r)
{
	size_t excess = r->csv.entry_pos - r->max_field;
	bool after_quote = r->csv.pstate == 3;

	if (after_quote && r->csv.spaces >= excess) {
		/* Only blanks after the quote: drop some, the field is whole. */
		r->csv.spaces -= excess;
		r->csv.entry_pos -= excess;
		return;
	}
	r->cut_nl += count_nl((const char *)r->csv.entry_buf + r->max_field,
	    excess);
	r->csv.entry_pos = r->max_field;
	if (after_quote && r->csv.spaces >= r->csv.entry_pos)
		r->csv.spaces = r->csv.entry_pos ? r->csv.entry_pos - 1 : 0;
	else if (r->csv.spaces > r->csv.entry_pos)
		r->csv.spaces = r->csv.entry_pos;
	r->truncated = true;
}

/* Feed one piece of UTF-8 text, one physical line at a time, so that the
 * callbacks know the line they are on (libcsv reports no positions), and
 * in slices no longer than the field limit, so that a long field can be
 * cut before libcsv hands it over. */
static void
feed(struct reader *r, const char *p, size_t n)
{
	size_t slice = r->max_field < CHUNK ? r->max_field : CHUNK;

	while (n && !r->stop) {
		const char *nl = memchr(p, '\n', n < slice ? n : slice);
		size_t seg = nl ? (size_t)(nl - p) + 1 : n < slice ? n : slice;

		/* A line that cannot take the field it is in past the limit
		 * goes in one call, its newline included. */
		if (nl && r->csv.entry_pos + seg <= r->max_field) {
			csv_parse(&r->csv, p, seg, on_field, on_record, r);
			r->line++;
			p += seg;
			n -= seg;
			continue;
		}
		/* libcsv has no limit on a field: cap the bytes it keeps
		 * (entry_pos is in its public struct) and flag the field.
		 * Done before a newline is fed, which may end the field. */
		csv_parse(&r->csv, p, nl ? seg - 1 : seg, on_field, on_record,
		    r);
		if (r->csv.entry_pos > r->max_field)
			cap_field(r);
		if (nl && !r->stop)
			csv_parse(&r->csv, nl, 1, on_field, on_record, r);
		if (nl)
			r->line++;
		p += seg;
		n -= seg;
	}
}

/* Whether the file is as it was when reader_open() took it: the same
 * size, times and identity, and 'nread' bytes parsed, as many as the
 * digest is of. A writer that rewrites the file in place (cp over the
 * same name truncates and writes the same inode) changes its size or
 * its times. */
static int
unchanged(const struct reader *r, unsigned long long nread,
    struct pm_err *err)
{
	const struct stat *a = &r->at_open;
	struct stat b;

	if (r->spooled)
		return 0;
	if (fstat(r->fd, &b) != 0)
		return pm_fail_errno(err, PM_EIO, errno, r->name,
		    "cannot stat");
	if (nread != r->size || b.st_size != a->st_size ||
	    b.st_ino != a->st_ino || b.st_dev != a->st_dev ||
	    b.st_mtim.tv_sec != a->st_mtim.tv_sec ||
	    b.st_mtim.tv_nsec != a->st_mtim.tv_nsec ||
	    b.st_ctim.tv_sec != a->st_ctim.tv_sec ||
	    b.st_ctim.tv_nsec != a->st_ctim.tv_nsec)
		return pm_fail(err, PM_EIO, r->name, 0, "changed while it was "
		    "read (written to during the ingest?): nothing of it "
		    "stored; offer it again once it is complete");
	return 0;
}

int
reader_run(struct reader *r, reader_row_fn fn, void *ctx, struct pm_err *err)
{
	unsigned long long nread = 0;
	char *chunk = xmalloc(CHUNK), *conv = NULL;
	iconv_t cd = (iconv_t)-1;
	size_t left = 0;
	bool first = true;
	int rc = 0;
	ssize_t got;

	if (csv_init(&r->csv, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(chunk);
		return pm_fail(err, PM_EIO, r->name, 0, "out of memory");
	}
	r->fn = fn;
	r->ctx = ctx;
	r->stop = 0;
	r->line = 1;
	r->inner_nl = 0;
	r->nfield = r->nfield_seen = 0;
	r->nul_field = r->long_field = 0;
	r->truncated = r->at_fini = r->unterminated = false;
	r->cut_nl = 0;
	r->consumed = 0;
	buf_reset(&r->text);
	if (r->convert) {
		cd = iconv_open("UTF-8", r->encoding);
		conv = xmalloc(4 * CHUNK + 16);
	}
	if (lseek(r->fd, 0, SEEK_SET) < 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, r->name, "seek");
		goto out;
	}
	while (!r->stop) {
		const char *p = chunk;
		size_t n;

		if (read_full(r->fd, chunk + left, CHUNK - left, &got) < 0) {
			rc = pm_fail_errno(err, PM_EIO, errno, r->name, "read");
			goto out;
		}
		nread += (unsigned long long)got;
		r->consumed = nread;
		n = left + (size_t)got;
		if (n == 0)
			break;
		left = 0;
		if (r->convert) {
			char *ip = chunk, *op = conv;
			size_t il = n, ol = 4 * CHUNK + 16;

			/* The scan proved the input converts; EINVAL here is
			 * a sequence cut by the chunk: keep it for later. */
			iconv(cd, &ip, &il, &op, &ol);
			memmove(chunk, ip, il);
			left = il;
			p = conv;
			n = (size_t)(op - conv);
		}
		if (first && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
			p += 3;         /* libcsv would keep the BOM */
			n -= 3;
		}
		first = false;
		feed(r, p, n);
		if (got == 0)
			break;
	}
	if (!r->stop) {
		/* libcsv reports an open quote at the end only in strict
		 * mode, which then drops the record: look at its state
		 * instead (FIELD_BEGUN, 2 in libcsv.c, inside quotes). */
		r->unterminated = r->csv.pstate == 2 && r->csv.quoted;
		r->at_fini = true;
		/* Before the last record goes: the caller may commit on
		 * it. */
		if ((rc = unchanged(r, nread, err)) != 0)
			goto out;
		csv_fini(&r->csv, on_field, on_record, r);
	}
	rc = r->stop;
out:
	csv_free(&r->csv);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(conv);
	free(chunk);
	return rc;
}

const char *
reader_trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n && (*s == ' ' || *s == '\t' || *s == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

int
reader_column(const struct reader_row *hdr, const char *name)
{
	size_t i, want = strlen(name);

	for (i = 0; i < hdr->n; i++) {
		size_t n = hdr->len[i];
		const char *s = reader_trim(hdr->field[i], &n);

		if (n == want && strncasecmp(s, name, n) == 0)
			return (int)i;
	}
	return -1;
}
