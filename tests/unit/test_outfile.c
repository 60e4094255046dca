/* test_outfile.c - util/outfile: the one way output files are written. */
#include <stdarg.h>     /* cmocka 1.1.5 (Debian 12) needs these four first */
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "util/buf.h"
#include "util/outfile.h"

static char *dir;

static int
setup(void **state)
{
	(void)state;
	dir = tu_mkdtemp();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tu_rmrf(dir);
	free(dir);
	return 0;
}

/* Files in 'dir' besides '.' and '..'. */
static int
nfiles(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.' || outfile_is_tmp(e->d_name);
	closedir(d);
	return n;
}

static void
commit_replaces_abort_keeps(void **state)
{
	struct outfile o = OUTFILE_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct buf path = BUF_INIT;
	char got[16] = "";
	FILE *f;

	(void)state;
	buf_addf(&path, "%s/a.txt", dir);
	assert_int_equal(outfile_open(&o, path.data, 0, &err), 0);
	assert_true(outfile_is_tmp(strrchr(o.tmp, '/') + 1));
	assert_int_equal(outfile_write(&o, "new", 3, &err), 0);
	assert_int_equal(nfiles(), 1);          /* only the temporary */
	assert_int_equal(outfile_commit(&o, &err), 0);
	assert_null(o.tmp);
	assert_int_equal(nfiles(), 1);          /* only a.txt */
	assert_int_equal(outfile_open(&o, path.data, 0, &err), 0);
	assert_int_equal(outfile_write(&o, "other", 5, &err), 0);
	outfile_abort(&o);
	f = fopen(path.data, "r");
	assert_non_null(f);
	assert_non_null(fgets(got, sizeof(got), f));
	fclose(f);
	assert_string_equal(got, "new");
	assert_int_equal(nfiles(), 1);
	buf_release(&path);
}

static void
long_names_fit(void **state)
{
	struct outfile o = OUTFILE_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct buf path = BUF_INIT;
	int i;

	(void)state;
	buf_addf(&path, "%s/", dir);
	for (i = 0; i < 251; i++)
		buf_addc(&path, 'x');
	buf_adds(&path, ".csv");        /* 255 bytes: NAME_MAX */
	assert_int_equal(outfile_open(&o, path.data, 0, &err), 0);
	assert_true(strlen(strrchr(o.tmp, '/') + 1) <= 255);
	assert_int_equal(outfile_commit(&o, &err), 0);
	assert_int_equal(access(path.data, F_OK), 0);
	unlink(path.data);
	buf_release(&path);
}

/* A file another program writes by name is made in a folder of its own,
 * which only we can write; commit and abort leave no folder; a killed
 * run's folder is cleaned with what it holds. */
static void
private_folder(void **state)
{
	struct outfile o = OUTFILE_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct buf path = BUF_INIT, stale = BUF_INIT;
	struct stat st;
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	size_t n;
	int before;
	FILE *f;

	(void)state;
	before = nfiles();
	buf_addf(&path, "%s/c.png", dir);
	assert_int_equal(outfile_open_private(&o, path.data, 0, &err), 0);
	assert_non_null(o.dir);
	assert_true(outfile_is_tmp(strrchr(o.dir, '/') + 1));
	assert_int_equal(lstat(o.dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(strncmp(o.tmp, o.dir, strlen(o.dir)), 0);
	assert_string_equal(o.tmp + strlen(o.dir), "/c.png");
	assert_int_equal(outfile_write(&o, "png", 3, &err), 0);
	assert_int_equal(outfile_commit(&o, &err), 0);
	assert_int_equal(nfiles(), before + 1);         /* c.png, no folder */
	assert_int_equal(outfile_open_private(&o, path.data, 0, &err), 0);
	outfile_abort(&o);
	assert_null(o.dir);
	assert_int_equal(nfiles(), before + 1);
	/* What a killed run leaves: its folder and the file in it. */
	buf_addf(&stale, "%s/.d.png.tmp-Xy12Ab", dir);
	assert_int_equal(mkdir(stale.data, 0700), 0);
	buf_adds(&stale, "/d.png");
	f = fopen(stale.data, "w");
	assert_non_null(f);
	fclose(f);
	*strrchr(stale.data, '/') = '\0';
	assert_int_equal(utimensat(AT_FDCWD, stale.data, old, 0), 0);
	assert_int_equal(outfile_clean(dir, time(NULL) - 60, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(access(stale.data, F_OK), -1);
	assert_int_equal(nfiles(), before + 1);
	unlink(path.data);
	buf_release(&path);
	buf_release(&stale);
}

static void
tmp_names(void **state)
{
	(void)state;
	assert_true(outfile_is_tmp(".a.csv.tmp-Ab12Cd"));
	assert_false(outfile_is_tmp("a.csv.tmp-Ab12Cd"));
	assert_false(outfile_is_tmp(".a.csv.tmp-Ab12C"));
	assert_false(outfile_is_tmp(".a.csv.tmp-Ab12C_"));
	assert_false(outfile_is_tmp(".tmp-Ab12Cd"));
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(commit_replaces_abort_keeps),
		cmocka_unit_test(long_names_fit),
		cmocka_unit_test(private_folder),
		cmocka_unit_test(tmp_names),
	};

	return cmocka_run_group_tests(t, setup, teardown);
}
