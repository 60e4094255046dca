/* core/inbox.h - the file side of unattended ingestion: which files of an
 * inbox are ready, moving a file without ever overwriting another, and
 * the lock that lets one run at a time work on a store.
 *
 * Never parses data and never prints. Moves are link + unlink (a crash
 * leaves the file in one place or both, never nowhere), with a copy to a
 * hidden temporary name (then linked) when the two directories are on
 * different file systems.
 */
#ifndef PM_CORE_INBOX_H
#define PM_CORE_INBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"
#include "util/err.h"

/* A modification time further than this ahead of the clock is not a file
 * being written but a sender's clock that is wrong: the file is taken. */
#define INBOX_FUTURE_S 60

/* A file of the inbox that was passed over (or taken with a warning),
 * and why. */
struct inbox_skip {
	char *name;
	const char *why;        /* static: "still being written", ... */
	time_t mtime;           /* its modification time */
};

/* Which file a name was when the inbox was read: reading it later
 * requires the same one (a file swapped in meanwhile is not read). */
struct inbox_id {
	unsigned long long dev, ino;
};

struct inbox_list {
	char **names;           /* ready files, in name (byte) order */
	struct inbox_id *ids;   /* ids[i]: the file names[i] was */
	size_t n;
	struct inbox_skip *skipped;     /* *.csv files not taken this time */
	size_t nskipped;
	struct inbox_skip *future;      /* taken, though modified more than
					 * INBOX_FUTURE_S in the future */
	size_t nfuture;
};

/* The files of 'dir' that are ready: regular files (links are not
 * followed) named *.csv (any case), not hidden, not *.part or *.tmp, not modified
 * in the last 'min_age_s' seconds (still being written) as of 'now'. A
 * file modified up to INBOX_FUTURE_S seconds in the future is still being
 * written too; one modified further ahead is taken and listed in
 * 'future' as well (clock skew: it would otherwise wait unseen until the
 * clock caught up). PM_EIO when the directory cannot be read. Release
 * with inbox_list_release(). */
int inbox_scan(const char *dir, unsigned min_age_s, time_t now,
    struct inbox_list *out, struct pm_err *err);
void inbox_list_release(struct inbox_list *l);

/* Move 'src' into directory 'dstdir' (created with its parents) under
 * 'name', or "stem.1.ext", "stem.2.ext"... when that name is taken: an
 * existing file is never overwritten. The new name is synced to disk
 * (fsync of 'dstdir') before the old one is removed, and the removal
 * after. On success *final (when not NULL) is the new path, a string the
 * caller frees.
 * With 'expect' (not NULL), only the file it names moves: one put at
 * 'src' in its place since (another program's) is never archived, PM_EDATA
 * ("replaced while it was read"), nothing moved; one put there between
 * the new name and the removal of the old stays in the inbox. */
int inbox_move(const char *src, const char *dstdir, const char *name,
    const struct inbox_id *expect, char **final, struct pm_err *err);

#define INBOX_NAME_MAX 255       /* bytes of a file name (NAME_MAX) */

/* Append to 'b' the name stem[0..n) + 'tail' ("stem.1.csv",
 * "stem.rejects.csv"), with the stem cut (at a UTF-8 character
 * boundary) and "-" and 8 hex digits of its SHA-256 added when the
 * whole would be longer than INBOX_NAME_MAX: a name made from an inbox
 * file's name always fits. */
void inbox_name_fit(struct buf *b, const char *stem, size_t n,
    const char *tail);

/* Take the exclusive lock on 'path' (created if needed), waiting up to
 * 'wait_s' seconds (0: do not wait). PM_EBUSY when another process holds
 * it after that. *fd is the lock, released by closing it (the kernel
 * releases it too when the process dies). */
int inbox_lock(const char *path, unsigned wait_s, int *fd,
    struct pm_err *err);

#endif /* PM_CORE_INBOX_H */
