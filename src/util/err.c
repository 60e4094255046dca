#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util/banned.h"

static void
set_file(struct pm_err *err, const char *file, unsigned long line)
{
	if (file == NULL)
		file = "";
	snprintf(err->file, sizeof(err->file), "%s", file);
	err->line = line;
}

int
pm_fail(struct pm_err *err, enum pm_status code, const char *file,
    unsigned long line, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	set_file(err, file, line);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
pm_fail_errno(struct pm_err *err, enum pm_status code, int errnum,
    const char *file, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (err == NULL)
		return code;
	err->code = code;
	set_file(err, file, 0);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	snprintf(err->msg + n, sizeof(err->msg) - n, "%s%s",
	    n ? ": " : "", strerror(errnum));
	return code;
}

void
pm_err_clear(struct pm_err *err)
{
	struct pm_err z = PM_ERR_INIT;

	*err = z;
}

int
pm_exit_code(int status)
{
	switch (status) {
	case PM_OK:
		return 0;
	case PM_EUSAGE:
		return 2;
	case PM_EBUSY:
		return 3;
	case PM_EIO:
	case PM_EINTR:
		return 4;
	default:
		return 1;
	}
}
