#include "util/outfile.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define TMP_TAIL ".tmp-"
#define TMP_RAND 6              /* random letters and digits */
/* The stem kept in a temporary name: ".", stem, ".tmp-", six letters
 * stay within NAME_MAX (255) whatever the target's name. */
#define TMP_STEM_MAX 200
#define CREATE_TRIES 100

static const char alnum[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* Six random letters and digits: getrandom(), or the clock and the
 * PID when it fails (O_EXCL still keeps us out of others' files). */
static void
random_suffix(char out[TMP_RAND + 1], unsigned attempt)
{
	unsigned char r[TMP_RAND];
	size_t i;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		struct timespec ts;
		unsigned long long t;

		clock_gettime(CLOCK_REALTIME, &ts);
		t = (unsigned long long)ts.tv_nsec ^
		    ((unsigned long long)getpid() << 24) ^ attempt;
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(t >> (7 * i));
	}
	for (i = 0; i < TMP_RAND; i++)
		out[i] = alnum[r[i] % (sizeof(alnum) - 1)];
	out[TMP_RAND] = '\0';
}

/* Length of the stem of 'name' kept in a temporary name: all of it, or
 * TMP_STEM_MAX bytes cut back to a UTF-8 character boundary. */
static size_t
stem_len(const char *name)
{
	size_t n = strlen(name);

	if (n <= TMP_STEM_MAX)
		return n;
	n = TMP_STEM_MAX;
	while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* Create ".NAME.tmp-XXXXXX" beside 'path': a file (mode 'mode', 0666 by
 * default) open in *fd, or with 'folder' a folder of mode 0700 (*fd
 * untouched). Its name in 't'; 0, or the errno. */
static int
create_tmp(const char *path, mode_t mode, bool folder, struct buf *t,
    int *fd)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char rnd[TMP_RAND + 1];
	unsigned i;
	int e = 0;

	for (i = 0; i < CREATE_TRIES; i++) {
		random_suffix(rnd, i);
		buf_reset(t);
		buf_add(t, path, dirlen);
		buf_addc(t, '.');
		buf_add(t, name, stem_len(name));
		buf_addf(t, "%s%s", TMP_TAIL, rnd);
		if (folder) {
			if (mkdir(t->data, 0700) == 0)
				return 0;
		} else {
			*fd = open(t->data, O_RDWR | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, mode ? mode : 0666);
			if (*fd >= 0)
				return 0;
		}
		if ((e = errno) != EEXIST)
			break;
	}
	return e ? e : EEXIST;
}

int
outfile_open(struct outfile *o, const char *path, mode_t mode,
    struct pm_err *err)
{
	struct buf t = BUF_INIT;
	int fd = -1, e;

	o->path = NULL;
	o->tmp = NULL;
	o->fd = -1;
	o->f = NULL;
	o->dir = NULL;
	if ((e = create_tmp(path, mode, false, &t, &fd)) != 0) {
		buf_release(&t);
		return pm_fail_errno(err, PM_EIO, e, path, "cannot create");
	}
	o->path = xstrdup(path);
	o->tmp = t.data;
	o->fd = fd;
	return 0;
}

int
outfile_open_private(struct outfile *o, const char *path, mode_t mode,
    struct pm_err *err)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	struct buf d = BUF_INIT, t = BUF_INIT;
	int fd, e;

	o->path = NULL;
	o->tmp = NULL;
	o->fd = -1;
	o->f = NULL;
	o->dir = NULL;
	if ((e = create_tmp(path, mode, true, &d, &fd)) != 0) {
		buf_release(&d);
		return pm_fail_errno(err, PM_EIO, e, path, "cannot create");
	}
	/* Inside a folder only we can write: no one can have put anything
	 * there, and no one can move what we put. */
	buf_addf(&t, "%s/", d.data);
	buf_add(&t, name, stem_len(name));
	fd = open(t.data, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode ? mode : 0666);
	if (fd < 0) {
		e = errno;
		rmdir(d.data);
		buf_release(&d);
		buf_release(&t);
		return pm_fail_errno(err, PM_EIO, e, path, "cannot create");
	}
	o->path = xstrdup(path);
	o->tmp = t.data;
	o->dir = d.data;
	o->fd = fd;
	return 0;
}

FILE *
outfile_stream(struct outfile *o, struct pm_err *err)
{
	if (o->f == NULL && (o->f = fdopen(o->fd, "wb")) == NULL)
		pm_fail_errno(err, PM_EIO, errno, o->path, "cannot write");
	return o->f;
}

int
outfile_write(struct outfile *o, const void *p, size_t n, struct pm_err *err)
{
	const char *c = p;

	assert(o->tmp != NULL && o->fd >= 0);   /* open, not yet released */

	if (o->f != NULL) {
		if (fwrite(p, 1, n, o->f) != n)
			return pm_fail_errno(err, PM_EIO, errno ? errno : EIO,
			    o->path, "cannot write");
		return 0;
	}
	/* A short write is not an error yet: the next one says why (a
	 * full disk), instead of an errno left over from before. */
	while (n > 0) {
		ssize_t k = write(o->fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return pm_fail_errno(err, PM_EIO, k < 0 ? errno : EIO,
			    o->path, "cannot write");
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

int
outfile_sync(struct outfile *o, struct pm_err *err)
{
	assert(o->tmp != NULL && o->fd >= 0);   /* open, not yet released */
	if (o->f != NULL) {
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f))
			return pm_fail_errno(err, PM_EIO, errno ? errno : EIO,
			    o->path, "cannot write");
	}
	if (fsync(o->fd) != 0)
		return pm_fail_errno(err, PM_EIO, errno, o->path,
		    "cannot write (fsync)");
	return 0;
}

void
outfile_dir(struct buf *b, const char *path)
{
	const char *slash = strrchr(path, '/');

	buf_reset(b);
	if (slash == NULL)
		buf_adds(b, ".");
	else if (slash == path)
		buf_adds(b, "/");
	else
		buf_add(b, path, (size_t)(slash - path));
}

int
outfile_commit(struct outfile *o, struct pm_err *err)
{
	struct buf dir = BUF_INIT;
	int rc, e;

	if ((rc = outfile_sync(o, err)) != 0)
		goto fail;
	e = o->f ? fclose(o->f) : close(o->fd);
	o->f = NULL;
	o->fd = -1;
	if (e != 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, o->path,
		    "cannot write (close)");
		goto fail;
	}
	if (rename(o->tmp, o->path) != 0) {
		rc = pm_fail_errno(err, PM_EIO, errno, o->path,
		    "cannot write (rename)");
		goto fail;
	}
	free(o->tmp);
	o->tmp = NULL;
	if (o->dir != NULL)
		rmdir(o->dir);  /* empty now; one left is cleaned later */
	outfile_dir(&dir, o->path);
	rc = outfile_sync_dir(dir.data, err);
	buf_release(&dir);
	outfile_abort(o);
	return rc;
fail:
	outfile_abort(o);
	return rc;
}

void
outfile_abort(struct outfile *o)
{
	/* Only an open 'o' has a 'tmp': a zeroed struct is a no-op. */
	if (o->tmp != NULL) {
		if (o->f != NULL)
			fclose(o->f);
		else if (o->fd >= 0)
			close(o->fd);
		unlink(o->tmp);
	}
	if (o->dir != NULL)
		rmdir(o->dir);
	free(o->dir);
	free(o->tmp);
	free(o->path);
	o->f = NULL;
	o->fd = -1;
	o->tmp = NULL;
	o->path = NULL;
	o->dir = NULL;
}

bool
outfile_is_tmp(const char *name)
{
	size_t n = strlen(name), k = strlen(TMP_TAIL), i;

	if (name[0] != '.' || n < 2 + k + TMP_RAND ||
	    memcmp(name + n - TMP_RAND - k, TMP_TAIL, k) != 0)
		return false;
	for (i = n - TMP_RAND; i < n; i++)
		if (strchr(alnum, name[i]) == NULL)
			return false;
	return true;
}

int
outfile_sync_dir(const char *dir, struct pm_err *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return pm_fail_errno(err, PM_EIO, errno, dir, "open to sync");
	/* EINVAL: a file system that cannot sync a directory (and has
	 * nothing to sync). */
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = pm_fail_errno(err, PM_EIO, errno, dir, "fsync");
	close(fd);
	return rc;
}

/* Remove a private folder of outfile_open_private() and the files in it
 * (a killed run's); 0, or -1 with errno. */
static int
clean_private(const char *dir)
{
	struct buf p = BUF_INIT;
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir, e->d_name);
		(void)unlink(p.data);
	}
	closedir(d);
	buf_release(&p);
	return rmdir(dir);
}

int
outfile_clean(const char *dir, time_t before, size_t *nremoved,
    struct pm_err *err)
{
	struct buf path = BUF_INIT;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	*nremoved = 0;
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : pm_fail_errno(err, PM_EIO, errno,
		    dir, "cannot read the directory");
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!outfile_is_tmp(e->d_name))
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, e->d_name);
		if (lstat(path.data, &st) != 0 || st.st_mtime >= before ||
		    !(S_ISREG(st.st_mode) || (S_ISDIR(st.st_mode) &&
		    st.st_uid == geteuid())))
			continue;
		if (S_ISDIR(st.st_mode) ? clean_private(path.data) == 0 :
		    unlink(path.data) == 0)
			(*nremoved)++;
		else if (errno != ENOENT && rc == 0)
			rc = pm_fail_errno(err, PM_EIO, errno, path.data,
			    "cannot remove a stale temporary file");
	}
	closedir(d);
	buf_release(&path);
	return rc;
}
