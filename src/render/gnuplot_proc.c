/* render/gnuplot_proc.c - the gnuplot process: started without a shell,
 * fed through a socket, read through a pipe with a timeout, restarted
 * when it dies, killed when it hangs; and the verdict on each chart it
 * draws. What the charts say is written in render/gnuplot.c. */
#include "render/gnuplot_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define ANSWER_SECONDS 120  /* a chart gnuplot has not finished by then
			     * (PEMETRICS_GNUPLOT_TIMEOUT says otherwise) */
#define RESTARTS_MAX 3      /* gnuplot deaths in one batch before we stop */

bool
gnuplot_available(const char *program)
{
	const char *path = getenv("PATH");
	struct buf b = BUF_INIT;
	bool ok = false;

	if (strchr(program, '/'))
		return access(program, X_OK) == 0;
	if (path == NULL)
		path = "/usr/bin:/bin";
	while (!ok) {
		size_t n = strcspn(path, ":");

		buf_reset(&b);
		if (n)
			buf_add(&b, path, n);
		else
			buf_addc(&b, '.');
		buf_addf(&b, "/%s", program);
		ok = access(b.data, X_OK) == 0;
		if (path[n] == '\0')
			break;
		path += n + 1;
	}
	buf_release(&b);
	return ok;
}

static void
random_token(char out[17])
{
	unsigned char r[8];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t i;

	if (fd < 0 || read(fd, r, sizeof(r)) != (ssize_t)sizeof(r)) {
		unsigned long long t = (unsigned long long)time(NULL) ^
		    ((unsigned long long)getpid() << 20) ^
		    (unsigned long long)clock();

		for (i = 0; i < 8; i++)
			r[i] = (unsigned char)(t >> (8 * i));
	}
	if (fd >= 0)
		close(fd);
	for (i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* Start the process: no shell, no user init files (-d); stdin a socket,
 * stdout and stderr one pipe. */
static int
spawn(struct gnuplot *g, struct pm_err *err)
{
	int sv[2] = { -1, -1 }, pp[2] = { -1, -1 };

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 ||
	    pipe(pp) != 0 || fcntl(pp[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(pp[1], F_SETFD, FD_CLOEXEC) != 0) {
		int e = errno;

		if (sv[0] >= 0) {
			close(sv[0]);
			close(sv[1]);
		}
		if (pp[0] >= 0) {
			close(pp[0]);
			close(pp[1]);
		}
		return pm_fail_errno(err, PM_EIO, e, NULL, "cannot start gnuplot");
	}
	fflush(NULL);
	g->pid = fork();
	if (g->pid == 0) {
		char *const argv[] = { g->program, (char *)"-d", NULL };

		/* A UTF-8 locale even under cron (which has none): without
		 * one gnuplot warns on every chart. */
		setenv("LC_ALL", "C.UTF-8", 1);
		dup2(sv[1], STDIN_FILENO);
		dup2(pp[1], STDOUT_FILENO);
		dup2(pp[1], STDERR_FILENO);
		execvp(g->program, argv);
		_exit(127);
	}
	close(sv[1]);
	close(pp[1]);
	if (g->pid < 0) {
		int e = errno;

		close(sv[0]);
		close(pp[0]);
		return pm_fail_errno(err, PM_EIO, e, NULL, "cannot start gnuplot");
	}
	g->in = sv[0];
	g->out = pp[0];
	g->dead = false;
	buf_reset(&g->pending);
	return 0;
}

/* End the process: ask it to quit, or kill it when it stopped answering.
 * Returns its wait status. */
static int
reap(struct gnuplot *g, bool kill_it)
{
	int status = 0;

	if (g->in >= 0) {
		if (!g->dead && !kill_it)
			(void)send(g->in, "quit\n", 5, MSG_NOSIGNAL);
		close(g->in);
		g->in = -1;
	}
	if (g->pid > 0 && kill_it)
		kill(g->pid, SIGKILL);
	if (g->out >= 0) {
		close(g->out);
		g->out = -1;
	}
	if (g->pid > 0)
		while (waitpid(g->pid, &status, 0) < 0 && errno == EINTR)
			;
	g->pid = 0;
	return status;
}

int
gnuplot_open(const char *program, const char *templates, struct gnuplot **out,
    struct pm_err *err)
{
	struct gnuplot *g;
	const char *tmp = getenv("TMPDIR"), *t;
	struct buf dir = BUF_INIT;
	char *end;
	int rc;

	*out = NULL;
	if (!gnuplot_available(program))
		return pm_fail(err, PM_ENOTFOUND, NULL, 0,
		    "'%s' not found in PATH", program);
	buf_addf(&dir, "%s/pemetrics-gp-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir.data) == NULL) {
		int e = errno;

		buf_release(&dir);
		return pm_fail_errno(err, PM_EIO, e, NULL,
		    "cannot create a temporary directory");
	}
	g = xcalloc(1, sizeof(*g));
	g->in = g->out = -1;
	g->timeout_s = ANSWER_SECONDS;
	if ((t = getenv("PEMETRICS_GNUPLOT_TIMEOUT")) != NULL && *t) {
		long v = strtol(t, &end, 10);

		if (*end == '\0' && v > 0 && v <= 86400)
			g->timeout_s = (int)v;
	}
	g->dir = dir.data;
	g->program = xstrdup(program);
	g->templates = xstrdup(templates);
	random_token(g->token);
	if ((rc = spawn(g, err)) != 0) {
		gnuplot_close(g);
		return rc;
	}
	*out = g;
	return 0;
}

/* Before a chart: a gnuplot that died on an earlier one is started again
 * (a few times per batch), so one bad chart does not take the rest. */
int
gp_alive(struct gnuplot *g, const char *path, struct pm_err *err)
{
	if (!g->dead)
		return 0;
	reap(g, true);
	if (g->hung)
		return pm_fail(err, PM_EDATA, path, 0, "gnuplot stopped "
		    "answering earlier in this run: not started again");
	if (g->restarts >= RESTARTS_MAX)
		return pm_fail(err, PM_EDATA, path, 0, "gnuplot stopped %u "
		    "times in this run: not started again", g->restarts);
	g->restarts++;
	if (spawn(g, err) != 0) {
		g->dead = true;
		g->restarts = RESTARTS_MAX;
		return pm_fail(err, PM_EDATA, path, 0, "gnuplot stopped and "
		    "cannot be started again: %s", err->msg);
	}
	return 0;
}

bool
gnuplot_gone(const struct gnuplot *g)
{
	return g->dead && g->restarts >= RESTARTS_MAX;
}

/* One line of gnuplot's output (without its newline) into 'line'. 0: a
 * line; 1: end of output; -1: nothing for timeout_s. The output may
 * hold anything (an image written to stdout when gnuplot cannot open its
 * output file): lines are bytes, NULs included. */
static int
read_line(struct gnuplot *g, struct buf *line)
{
	char chunk[4096];

	for (;;) {
		char *nl = g->pending.len ?
		    memchr(g->pending.data, '\n', g->pending.len) : NULL;
		struct pollfd pfd = { g->out, POLLIN, 0 };
		ssize_t n;
		int pr;

		if (nl) {
			size_t k = (size_t)(nl - g->pending.data);

			buf_reset(line);
			buf_add(line, g->pending.data, k);
			memmove(g->pending.data, nl + 1, g->pending.len - k - 1);
			g->pending.len -= k + 1;
			g->pending.data[g->pending.len] = '\0';
			return 0;
		}
		pr = poll(&pfd, 1, g->timeout_s * 1000);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0)
			return -1;
		n = read(g->out, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (g->pending.len == 0)
				return 1;
			buf_reset(line);        /* the last, unended line */
			buf_add(line, g->pending.data, g->pending.len);
			buf_reset(&g->pending);
			return 0;
		}
		buf_add(&g->pending, chunk, (size_t)n);
	}
}

/* Send the script; 0, or the errno of a gnuplot gone (it is then dead). */
static int
send_all(struct gnuplot *g, const struct buf *b)
{
	size_t off = 0;

	while (off < b->len) {
		ssize_t n = send(g->in, b->data + off, b->len - off,
		    MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			g->dead = true;
			return errno;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Remove the data files (every file in it is ours) and the directory. */
static void
clean_dir(const char *dir)
{
	struct buf p = BUF_INIT;
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir, e->d_name);
		unlink(p.data);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	buf_release(&p);
}

int
gnuplot_close(struct gnuplot *g)
{
	int status;

	if (g == NULL)
		return 0;
	status = reap(g, false);
	clean_dir(g->dir);
	buf_release(&g->pending);
	free(g->dir);
	free(g->program);
	free(g->templates);
	free(g);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The first 'needle' in the bytes of 'hay', or NULL. */
static const char *
find(const char *hay, size_t n, const char *needle, size_t k)
{
	size_t i;

	for (i = 0; k && i + k <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Whether the last k bytes p[] end an SVG document: "</svg>" then
 * white space only. */
static bool
svg_ends(const unsigned char *p, size_t k)
{
	static const char end[] = "</svg>";
	size_t n = strlen(end);

	while (k > 0 && (p[k - 1] == '\n' || p[k - 1] == '\r' ||
	    p[k - 1] == ' ' || p[k - 1] == '\t'))
		k--;
	return k >= n && memcmp(p + k - n, end, n) == 0;
}

/* Whether gnuplot left a whole chart in the temporary file: still the
 * file we created (nothing swapped in under its name), and ending as a
 * finished PNG (the IEND chunk) or SVG ("</svg>") does. gnuplot does not
 * report a failed write: on a full disk it leaves an empty or cut file
 * and says it succeeded. */
static int
whole(const struct outfile *o, enum chart_format fmt, const char *path,
    const struct buf *msg, struct pm_err *err)
{
	static const unsigned char iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N',
	    'D', 0xae, 0x42, 0x60, 0x82 };
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	unsigned char head[8], tail[64];
	struct stat a, b;
	size_t k;
	ssize_t n;

	if (fstat(o->fd, &a) != 0 || lstat(o->tmp, &b) != 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return pm_fail(err, PM_EIO, path, 0, "gnuplot could not write "
		    "the chart%s%s", msg->len ? ": " : "", buf_str(msg));
	if (a.st_size == 0)
		return pm_fail(err, PM_EIO, path, 0, "gnuplot wrote an empty "
		    "chart (is the disk full?)%s%s", msg->len ? ": " : "",
		    buf_str(msg));
	k = a.st_size < (off_t)sizeof(tail) ? (size_t)a.st_size :
	    sizeof(tail);
	if (pread(o->fd, head, sizeof(head), 0) != (ssize_t)sizeof(head))
		memset(head, 0, sizeof(head));
	n = pread(o->fd, tail, k, a.st_size - (off_t)k);
	if (n != (ssize_t)k)
		return pm_fail_errno(err, PM_EIO, n < 0 ? errno : EIO, path,
		    "cannot read the chart back");
	if (fmt == CHART_PNG ? memcmp(head, sig, sizeof(sig)) == 0 &&
	    k >= sizeof(iend) &&
	    memcmp(tail + k - sizeof(iend), iend, sizeof(iend)) == 0 :
	    svg_ends(tail, k))
		return 0;
	return pm_fail(err, PM_EIO, path, 0, "gnuplot wrote a cut %s chart "
	    "(%lld bytes; is the disk full?)%s%s", fmt == CHART_PNG ? "PNG" :
	    "SVG", (long long)a.st_size, msg->len ? ": " : "", buf_str(msg));
}

/* Close the chart, ask for gnuplot's verdict and wait for it. The marker
 * is looked for anywhere in a line: output gnuplot could not send to its
 * file comes to us, unended. */
int
gp_finish(struct gnuplot *g, struct buf *s, struct outfile *o,
    enum chart_format fmt, const char *path, struct pm_err *err)
{
	struct buf msg = BUF_INIT, line = BUF_INIT, mark = BUF_INIT;
	long gperr = -1;
	int rc, got = 0;

	buf_addf(s, "unset multiplot\nset output\nset print '-'\n"
	    "print 'PMDONE %s ', GPVAL_ERRNO\n", g->token);
	buf_addf(&mark, "PMDONE %s ", g->token);
	if ((rc = send_all(g, s)) != 0) {
		/* It died before reading the chart: named, and the next
		 * chart starts a new one. */
		rc = pm_fail(err, PM_EDATA, path, 0, "gnuplot stopped: %s",
		    strerror(rc));
		goto out;
	}
	while ((got = read_line(g, &line)) == 0) {
		const char *m = find(line.data, line.len, mark.data, mark.len);
		const char *l = line.data;

		if (m) {
			gperr = strtol(m + mark.len, NULL, 10);
			break;
		}
		/* gnuplot's context lines ("gnuplot> ...", "   ^") say
		 * less than its message; binary output says nothing. */
		if (line.len && strlen(l) == line.len &&
		    strstr(l, "gnuplot>") == NULL &&
		    strspn(l, " ^") != line.len && msg.len < 400 &&
		    utf8_valid((const unsigned char *)l, line.len)) {
			buf_addf(&msg, "%s%s", msg.len ? "; " : "",
			    l + strspn(l, " \t"));
		}
	}
	if (got < 0) {
		/* One that hangs would hang again: not started again. */
		g->dead = true;
		g->hung = true;
		g->restarts = RESTARTS_MAX;
		reap(g, true);
		rc = pm_fail(err, PM_EDATA, path, 0, "gnuplot did not finish "
		    "the chart in %d s: stopped%s%s", g->timeout_s,
		    msg.len ? ": " : "", buf_str(&msg));
	} else if (gperr < 0) {
		g->dead = true;
		rc = pm_fail(err, PM_EDATA, path, 0, "gnuplot stopped%s%s",
		    msg.len ? ": " : "", buf_str(&msg));
	} else if (gperr != 0) {
		rc = pm_fail(err, PM_EDATA, path, 0, "gnuplot: %s",
		    msg.len ? msg.data : "error");
	} else if ((rc = whole(o, fmt, path, &msg, err)) == 0) {
		rc = outfile_commit(o, err);
	}
out:
	if (rc != 0)
		outfile_abort(o);
	buf_release(&msg);
	buf_release(&line);
	buf_release(&mark);
	return rc;
}
