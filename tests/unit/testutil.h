/* tests/unit/testutil.h - helpers shared by the cmocka unit tests: a
 * private temporary directory, files written into it, recursive removal,
 * and an exact comparison of doubles that prints both values.
 *
 * Include after <cmocka.h> (which needs stdarg, stddef, stdint, setjmp
 * first). Everything here is static inline, so a test that does not use
 * a helper gets no unused-function warning. Paths returned are malloc'd:
 * the caller free()s them.
 */
#ifndef PM_TESTS_TESTUTIL_H
#define PM_TESTS_TESTUTIL_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* a == b exactly (bit for bit up to -0 == 0), with both shown on failure. */
#define assert_double_exact(a, b) do { \
	double tu_a_ = (a), tu_b_ = (b); \
	if (!(tu_a_ == tu_b_)) \
		fail_msg("%.17g != %.17g (%s == %s)", tu_a_, tu_b_, #a, #b); \
} while (0)

/* "dir/name" in a new string. */
static inline char *
tu_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* A new empty directory under $TMPDIR (or /tmp). */
static inline char *
tu_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	tmpl = tu_path(base, "pm-unit-XXXXXX");
	if (mkdtemp(tmpl) == NULL)
		fail_msg("mkdtemp %s: %s", tmpl, strerror(errno));
	return tmpl;
}

/* Write exactly n bytes to 'path', replacing it. */
static inline void
tu_write(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		fail_msg("fopen %s: %s", path, strerror(errno));
	if (n && fwrite(data, 1, n, f) != n) {
		fclose(f);
		fail_msg("fwrite %s: %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		fail_msg("fclose %s: %s", path, strerror(errno));
}

/* Write 'data' (n bytes) as dir/name; returns the new path. */
static inline char *
tu_file(const char *dir, const char *name, const void *data, size_t n)
{
	char *p = tu_path(dir, name);

	tu_write(p, data, n);
	return p;
}

/* Same for a NUL-terminated string. */
static inline char *
tu_file_str(const char *dir, const char *name, const char *s)
{
	return tu_file(dir, name, s, strlen(s));
}

/* rm -rf 'path' (never follows symbolic links). NULL is a no-op. */
static inline void
tu_rmrf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (path == NULL || lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *sub;

			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = tu_path(path, e->d_name);
			tu_rmrf(sub);
			free(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* True when 'hay' contains 'needle'. */
static inline int
tu_contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

#endif /* PM_TESTS_TESTUTIL_H */
