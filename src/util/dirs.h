/* util/dirs.h - directories: create one and its parents (mkdir -p). */
#ifndef PM_UTIL_DIRS_H
#define PM_UTIL_DIRS_H

#include "util/err.h"

/* Create 'dir' and any missing parents (mode 0777 less the umask). An
 * existing directory is fine; a file of that name is not. PM_EIO naming
 * the part that failed. */
int dirs_make(const char *dir, struct pm_err *err);

/* PM_EIO unless this process can create files in 'dir'. */
int dirs_writable(const char *dir, struct pm_err *err);

#endif /* PM_UTIL_DIRS_H */
