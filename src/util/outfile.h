/* util/outfile.h - the one way pemetrics writes a file it produces
 * (charts, report files, rejects files, copies into the archive).
 *
 * The bytes go to a new hidden temporary file beside the target,
 * ".NAME.tmp-XXXXXX" (six random letters or digits), created with
 * O_CREAT | O_EXCL | O_NOFOLLOW, so that nothing planted in the folder
 * (a link, a file of a guessed name) is ever written through. Commit
 * flushes, fsyncs, renames it onto the target and fsyncs the folder: a
 * reader, and a power cut, see the old file or the new one, never half
 * of one. Abort removes the temporary file. A run killed in between
 * leaves the temporary behind; outfile_is_tmp() recognises the name, so
 * the next run can remove it.
 *
 * Never prints; errors fill a struct pm_err naming the target.
 */
#ifndef PM_UTIL_OUTFILE_H
#define PM_UTIL_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "util/buf.h"
#include "util/err.h"

/* A temporary file older than this is a killed run's: no run takes that
 * long between creating one and renaming it. */
#define OUTFILE_STALE_S 3600

struct outfile {
	char *path;             /* the target */
	char *tmp;              /* the temporary file, NULL once gone */
	int fd;                 /* open on 'tmp', -1 when closed */
	FILE *f;                /* stdio on 'fd' (outfile_stream), or NULL */
	char *dir;              /* outfile_open_private(): the folder that
				 * holds 'tmp', else NULL */
};

#define OUTFILE_INIT { NULL, NULL, -1, NULL, NULL }

/* Create the temporary file for 'path' (mode 0666 less the umask, or
 * 'mode' when not 0, also less the umask). PM_EIO naming 'path' when
 * it cannot be created. The caller releases 'o' with outfile_commit()
 * or outfile_abort(), on every path. */
int outfile_open(struct outfile *o, const char *path, mode_t mode,
    struct pm_err *err);

/* outfile_open() for a file another program writes by name (gnuplot's
 * 'set output'): the temporary file is made inside a new folder of its
 * own beside the target (".NAME.tmp-XXXXXX/NAME", mode 0700), so that
 * no one else can rename it away or put a link in its place between its
 * creation and the program's open, even in a shared folder without the
 * sticky bit. Commit renames it onto the target and removes the folder;
 * abort removes both. */
int outfile_open_private(struct outfile *o, const char *path, mode_t mode,
    struct pm_err *err);

/* A stdio stream on the temporary file (made on first call), or NULL
 * with 'err' filled. Owned by 'o'. */
FILE *outfile_stream(struct outfile *o, struct pm_err *err);

/* Write all of p[0..n) (after anything written to the stream). */
int outfile_write(struct outfile *o, const void *p, size_t n,
    struct pm_err *err);

/* Flush and fsync the temporary file, leaving it open: what a caller
 * that gives the file its name another way (link()) needs. */
int outfile_sync(struct outfile *o, struct pm_err *err);

/* outfile_sync(), close, rename onto the target, fsync of its folder.
 * On failure the temporary file is removed, the target is untouched,
 * and the error names the target with the cause (a short write on a
 * full disk says "No space left on device"). Releases 'o' either way. */
int outfile_commit(struct outfile *o, struct pm_err *err);

/* Close and remove the temporary file; release 'o'. An OUTFILE_INIT,
 * zeroed or already released 'o' is a no-op. */
void outfile_abort(struct outfile *o);

/* Whether 'name' (a file name, no folder) is one outfile_open() makes. */
bool outfile_is_tmp(const char *name);

/* Remove from 'dir' the temporary files outfile_open() made there that
 * were last modified before 'before' (a run killed while writing one
 * leaves it behind), and the private folders of outfile_open_private()
 * with what they hold. No other name is touched; a missing 'dir' is fine.
 * *nremoved counts the files removed. PM_EIO (naming the first file
 * that could not be removed, after trying the others) when some could
 * not be. */
int outfile_clean(const char *dir, time_t before, size_t *nremoved,
    struct pm_err *err);

/* The folder of 'path' into 'b': "a/b/c" -> "a/b", "c" -> ".". */
void outfile_dir(struct buf *b, const char *path);

/* fsync() the directory 'dir', so that names created in it or removed
 * from it survive a power cut. PM_EIO when that fails. */
int outfile_sync_dir(const char *dir, struct pm_err *err);

#endif /* PM_UTIL_OUTFILE_H */
