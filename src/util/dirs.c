#include "util/dirs.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "util/xalloc.h"
#include "util/banned.h"

int
dirs_make(const char *dir, struct pm_err *err)
{
	char *p = xstrdup(dir), *s;
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
	free(p);
	return rc;
}
