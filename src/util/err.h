/* util/err.h - status codes and the error record every layer fills.
 *
 * core/, render/ and util/ never print and never exit: a failing call
 * returns a negative enum pm_status and fills a caller-owned struct pm_err
 * with the file and line it concerns (when there is one) and a message.
 * Only cli/ turns a status into words on stderr and an exit code.
 */
#ifndef PM_UTIL_ERR_H
#define PM_UTIL_ERR_H

#include <stddef.h>

enum pm_status {
	PM_OK = 0,
	PM_EDATA = -1,          /* input data is wrong (bad file, bad catalogue) */
	PM_EUSAGE = -2,         /* caller asked for something impossible */
	PM_EBUSY = -3,          /* the store is locked by another process */
	PM_EIO = -4,            /* a system call failed (read, write, rename) */
	PM_ENOTFOUND = -5,      /* a looked-up thing does not exist */
	PM_EINTR = -6,          /* stopped by a signal; nothing was changed */
};

struct pm_err {
	enum pm_status code;
	char file[512];         /* file the error is about, "" when none */
	unsigned long line;     /* 1-based line in 'file', 0 when none */
	char msg[512];          /* lowercase, no final period */
};

#define PM_ERR_INIT { PM_OK, "", 0, "" }

/* Fill 'err' (which may be NULL) and return 'code', so that a failing
 * function can end with "return pm_fail(err, PM_EIO, path, 0, ...)". */
int pm_fail(struct pm_err *err, enum pm_status code, const char *file,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Like pm_fail(), with ": strerror(errnum)" appended to the message. */
int pm_fail_errno(struct pm_err *err, enum pm_status code, int errnum,
    const char *file, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

void pm_err_clear(struct pm_err *err);

/* Map a status to the process exit code of the README (0 ok, 1 data
 * rejected, 2 usage, 3 store busy, 4 I/O). */
int pm_exit_code(int status);

#endif /* PM_UTIL_ERR_H */
