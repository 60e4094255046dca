#include "core/inbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/dirs.h"
#include "util/outfile.h"
#include "util/sha256.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define MOVE_TRIES 10000        /* "stem.N.ext" names tried before giving up */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

struct entry {
	char *name;
	struct inbox_id id;
};

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

static void
note(struct inbox_skip **v, size_t *n, const char *name, const char *why,
    time_t mtime)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].why = why;
	(*v)[*n].mtime = mtime;
	(*n)++;
}

static void
skip(struct inbox_list *l, const char *name, const char *why)
{
	note(&l->skipped, &l->nskipped, name, why, 0);
}

int
inbox_scan(const char *dir, unsigned min_age_s, time_t now,
    struct inbox_list *l, struct pm_err *err)
{
	struct buf path = BUF_INIT;
	struct entry *v = NULL;
	struct dirent *e;
	size_t i;
	DIR *d;

	memset(l, 0, sizeof(*l));
	if ((d = opendir(dir)) == NULL)
		return pm_fail_errno(err, PM_EIO, errno, dir,
		    "cannot read the inbox");
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		struct stat st;

		if (name[0] == '.' || !ends_with(name, ".csv"))
			continue;       /* hidden, .part, .tmp, other files */
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, name);
		/* Links are not followed: a link in the inbox could make
		 * the run read (and copy into a rejects file) any file this
		 * user can read. */
		if (lstat(path.data, &st) != 0) {
			skip(l, name, errno == ENOENT ? "gone" :
			    "cannot be examined");
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			skip(l, name, "a symbolic link (links are not "
			    "followed; move the file itself in)");
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			skip(l, name, "not a regular file");
			continue;
		}
		if (st.st_mtime > now + INBOX_FUTURE_S) {
			note(&l->future, &l->nfuture, name, "modified in the "
			    "future", st.st_mtime);
		} else if (st.st_mtime > now - (time_t)min_age_s) {
			skip(l, name, "still being written");
			continue;
		}
		v = xreallocarray(v, l->n + 1, sizeof(*v));
		v[l->n].name = xstrdup(name);
		v[l->n].id.dev = (unsigned long long)st.st_dev;
		v[l->n].id.ino = (unsigned long long)st.st_ino;
		l->n++;
	}
	closedir(d);
	buf_release(&path);
	if (l->n > 1)
		qsort(v, l->n, sizeof(*v), cmp_names);
	if (l->n) {
		l->names = xreallocarray(NULL, l->n, sizeof(char *));
		l->ids = xreallocarray(NULL, l->n, sizeof(*l->ids));
	}
	for (i = 0; i < l->n; i++) {
		l->names[i] = v[i].name;
		l->ids[i] = v[i].id;
	}
	free(v);
	return 0;
}

void
inbox_list_release(struct inbox_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	for (i = 0; i < l->nskipped; i++)
		free(l->skipped[i].name);
	for (i = 0; i < l->nfuture; i++)
		free(l->future[i].name);
	free(l->names);
	free(l->ids);
	free(l->skipped);
	free(l->future);
	memset(l, 0, sizeof(*l));
}

static bool
same_id(const struct stat *st, const struct inbox_id *id)
{
	return (unsigned long long)st->st_dev == id->dev &&
	    (unsigned long long)st->st_ino == id->ino;
}

static int
replaced(const char *src, struct pm_err *err)
{
	return pm_fail(err, PM_EDATA, src, 0, "replaced by another file "
	    "while it was read: not moved (the new one waits for the next "
	    "run)");
}

/* Copy 'src' to a new hidden temporary file beside its destination
 * (outfile_open()) and sync it: the slow path of a move across file
 * systems. The copy then gets its name by link(), as the original
 * would, so a name in the archive is never a half-written file; a run
 * killed before that leaves only the temporary, which outfile_clean()
 * removes later. */
static int
copy_tmp(const char *src, const char *dstdir, const char *name,
    const struct inbox_id *expect, struct outfile *o, struct pm_err *err)
{
	char buf[65536];
	struct buf target = BUF_INIT;
	struct stat st;
	int in, rc = 0;
	ssize_t n;

	if ((in = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return pm_fail_errno(err, PM_EIO, errno, src, "open");
	if (expect && (fstat(in, &st) != 0 || !same_id(&st, expect))) {
		close(in);
		return replaced(src, err);
	}
	buf_addf(&target, "%s/%s", dstdir, name);
	if ((rc = outfile_open(o, target.data, 0644, err)) != 0)
		goto out;
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = pm_fail_errno(err, PM_EIO, errno, src, "read");
			break;
		}
		if ((rc = outfile_write(o, buf, (size_t)n, err)) != 0)
			break;
	}
	if (rc == 0)
		rc = outfile_sync(o, err);
	if (rc != 0)
		outfile_abort(o);
out:
	close(in);
	buf_release(&target);
	return rc;
}

void
inbox_name_fit(struct buf *b, const char *stem, size_t n, const char *tail)
{
	struct sha256 h;
	char hex[65];
	size_t keep;

	if (n + strlen(tail) <= INBOX_NAME_MAX) {
		buf_add(b, stem, n);
		buf_adds(b, tail);
		return;
	}
	/* Cut the stem, at a character boundary, and tell names apart
	 * that share the part kept by a hash of the whole stem. */
	sha256_init(&h);
	sha256_update(&h, stem, n);
	sha256_hex(&h, hex);
	keep = INBOX_NAME_MAX - strlen(tail) - 9;
	while (keep > 0 && ((unsigned char)stem[keep] & 0xc0) == 0x80)
		keep--;
	buf_add(b, stem, keep);
	buf_addf(b, "-%.8s%s", hex, tail);
}

/* "stem.ext" -> "stem.N.ext" (N > 0), or the name itself for N = 0; the
 * stem cut when that is longer than a name can be (inbox_name_fit). */
static void
candidate(struct buf *b, const char *dir, const char *name, unsigned k)
{
	const char *dot = strrchr(name, '.');
	char tail[32];

	buf_reset(b);
	buf_addf(b, "%s/", dir);
	if (dot == NULL || dot == name)
		dot = name + strlen(name);
	if (k == 0 && strlen(name) <= INBOX_NAME_MAX) {
		buf_adds(b, name);
		return;
	}
	if (k == 0)
		tail[0] = '\0';
	else
		snprintf(tail, sizeof(tail), ".%u", k);
	if (strlen(dot) < sizeof(tail) - strlen(tail))
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
		    "%s", dot);
	else
		dot = name + strlen(name);      /* no extension to speak of */
	inbox_name_fit(b, name, (size_t)(dot - name), tail);
}

/* Link 'from' to the first free name candidate() gives in 'dstdir'
 * (*dst): 0, or the errno of link() (EEXIST: no free name). link()
 * never replaces an existing name, as rename() would. */
static int
link_free(const char *from, const char *dstdir, const char *name,
    struct buf *dst)
{
	unsigned k;

	for (k = 0; k < MOVE_TRIES; k++) {
		candidate(dst, dstdir, name, k);
		if (link(from, dst->data) == 0)
			return 0;
		if (errno != EEXIST)
			return errno;
	}
	return EEXIST;
}

int
inbox_move(const char *src, const char *dstdir, const char *name,
    const struct inbox_id *expect, char **final, struct pm_err *err)
{
	struct buf dst = BUF_INIT, srcdir = BUF_INIT;
	struct outfile tmp = OUTFILE_INIT;
	struct stat st;
	bool copied = false;
	int rc, e;

	if ((rc = dirs_make(dstdir, err)) != 0)
		return rc;
	e = link_free(src, dstdir, name, &dst);
	if (e == EXDEV || e == EPERM) {
		/* Another file system, or one without hard links. */
		if ((rc = copy_tmp(src, dstdir, name, expect, &tmp, err)) != 0)
			goto out;
		copied = true;
		e = link_free(tmp.tmp, dstdir, name, &dst);
		outfile_abort(&tmp);
	}
	if (e == EEXIST) {
		rc = pm_fail(err, PM_EIO, src, 0, "no free name in '%s'",
		    dstdir);
		goto out;
	}
	if (e != 0) {
		rc = pm_fail_errno(err, PM_EIO, e, src, "cannot move to '%s'",
		    dstdir);
		goto out;
	}
	/* link() took whatever had the name by then: the file read, or
	 * nothing of it goes to the archive. */
	if (expect && !copied && (lstat(dst.data, &st) != 0 ||
	    !same_id(&st, expect))) {
		unlink(dst.data);
		rc = replaced(src, err);
		goto out;
	}
	/* The new name on disk before the old one goes: after a power cut
	 * the file is in one place or both, never nowhere. */
	if ((rc = outfile_sync_dir(dstdir, err)) != 0) {
		unlink(dst.data);
		goto out;
	}
	outfile_dir(&srcdir, src);
	/* Replaced since: the new file stays for the next run (a window of
	 * a system call remains; nothing removes by inode). */
	if (expect && (lstat(src, &st) != 0 || !same_id(&st, expect)))
		goto done;
	if (unlink(src) != 0) {
		e = errno;
		if (unlink(dst.data) == 0)
			rc = pm_fail_errno(err, PM_EIO, e, src, "not moved "
			    "(its new name '%s' was removed again): cannot "
			    "remove it from '%s'", dst.data, srcdir.data);
		else
			rc = pm_fail_errno(err, PM_EIO, e, src, "copied to "
			    "'%s', but cannot remove it from '%s'", dst.data,
			    srcdir.data);
		goto out;
	}
	/* A failure here is not one: at worst the file is back in the
	 * inbox after a power cut, and the next run archives it as
	 * skipped. */
	(void)outfile_sync_dir(srcdir.data, NULL);
done:
	if (final) {
		*final = dst.data;
		dst.data = NULL;
	}
out:
	buf_release(&dst);
	buf_release(&srcdir);
	return rc;
}

int
inbox_lock(const char *path, unsigned wait_s, int *fd, struct pm_err *err)
{
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	unsigned long tries = (unsigned long)wait_s * 10;
	int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (f < 0)
		return pm_fail_errno(err, PM_EIO, errno, path,
		    "cannot open the lock file");
	for (;;) {
		if (flock(f, LOCK_EX | LOCK_NB) == 0) {
			*fd = f;
			return 0;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int e = errno;

			close(f);
			return pm_fail_errno(err, PM_EIO, e, path, "flock");
		}
		if (tries-- == 0)
			break;
		nanosleep(&pause, NULL);
	}
	close(f);
	if (wait_s == 0)
		return pm_fail(err, PM_EBUSY, path, 0, "another ingest holds "
		    "the lock (waited 0 s; --wait SECONDS waits for it)");
	return pm_fail(err, PM_EBUSY, path, 0, "another ingest holds the lock "
	    "(waited %u s, as --wait says)", wait_s);
}
