/* tests/fuzz/replay.c - a plain main() for a libFuzzer target, so that its
 * corpus (the seeds and every crash ever found) runs as a regression test
 * under gcc with ASan and UBSan, without clang (libssh's tests/fuzz and
 * SQLite's fuzzcheck do the same).
 *
 *   replay_ingest [-v] DIR|FILE...
 *
 * Links with one target (fuzz_ingest.c or fuzz_parse.c) and calls its
 * LLVMFuzzerTestOneInput() once per file: each FILE, and each regular
 * file of each DIR and of its subdirectories (names starting with '.'
 * skipped), in name order. A broken invariant abort()s inside the target
 * and a sanitizer stops the process on a memory error, so a finished run
 * has passed every file: it prints "N passed, 0 failed". A file that
 * cannot be read is counted failed and makes the exit code 1. When a file
 * stops the process, its name goes to stderr ("replay: FILE crashed").
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* The sanitizers' hook run before they end the process; absent (NULL)
 * in a build without them. */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

static unsigned long npassed, nfailed;
static int verbose;
static const char *current;     /* the file being replayed */

/* Async-signal-safe: write(2) only. */
static void
say_current(void)
{
	static const char a[] = "replay: ", b[] = " crashed\n";

	if (current == NULL)
		return;
	(void)!write(STDERR_FILENO, a, sizeof(a) - 1);
	(void)!write(STDERR_FILENO, current, strlen(current));
	(void)!write(STDERR_FILENO, b, sizeof(b) - 1);
}

static void
on_abort(int sig)
{
	say_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
read_file(const char *path, uint8_t **out, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *p;
	size_t len = 0, cap = 0, got;

	if (f == NULL)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return -1;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	*out = buf;
	*n = len;
	return 0;
}

static void
one_file(const char *path)
{
	uint8_t *data = NULL;
	size_t n = 0;

	if (read_file(path, &data, &n) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		nfailed++;
		return;
	}
	if (verbose)
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
	current = path;
	LLVMFuzzerTestOneInput(data, n);
	current = NULL;
	free(data);
	npassed++;
}

static int
skip_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static void
walk(const char *path)
{
	struct dirent **v;
	struct stat st;
	int i, n;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		nfailed++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		one_file(path);
		return;
	}
	if ((n = scandir(path, &v, skip_dot, alphasort)) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		nfailed++;
		return;
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(path) + strlen(v[i]->d_name) + 2;
		char *sub = malloc(len);

		if (sub == NULL) {
			perror("replay");
			exit(2);
		}
		snprintf(sub, len, "%s/%s", path, v[i]->d_name);
		walk(sub);
		free(sub);
		free(v[i]);
	}
	free(v);
}

int
main(int argc, char **argv)
{
	int i = 1;

	signal(SIGABRT, on_abort);
	signal(SIGSEGV, on_abort);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(say_current);
	if (i < argc && strcmp(argv[i], "-v") == 0) {
		verbose = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "usage: %s [-v] DIR|FILE...\n", argv[0]);
		return 2;
	}
	for (; i < argc; i++)
		walk(argv[i]);
	printf("%lu passed, %lu failed\n", npassed, nfailed);
	return nfailed ? 1 : 0;
}
