#include "util/dirs.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "util/banned.h"

int
dirs_make(const char *dir, struct pm_err *err)
{
	char *p = xstrdup(dir), *s;
	struct stat st;
	int rc = 0;

	for (s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = pm_fail_errno(err, PM_EIO, errno, p,
			    "cannot create directory");
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = pm_fail_errno(err, PM_EIO, errno, p,
		    "cannot create directory");
	if (rc == 0 && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)))
		rc = pm_fail(err, PM_EIO, p, 0, "not a directory");
	free(p);
	return rc;
}

int
dirs_writable(const char *dir, struct pm_err *err)
{
	if (access(dir, W_OK | X_OK) != 0)
		return pm_fail_errno(err, PM_EIO, errno, dir,
		    "cannot write in the directory");
	return 0;
}
