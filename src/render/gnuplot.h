/* render/gnuplot.h - full charts through gnuplot, run as an external
 * program: one process for a whole batch of charts.
 *
 * gnuplot can run shell commands (system(), backquotes, '|cmd' outputs,
 * '< cmd' data) and no option turns that off, so nothing from an input
 * file or the catalogue reaches its script except inside single quotes,
 * with quotes doubled, control characters removed and enhanced text off
 * (gp_quote()). Data never goes into the script: it is written to files
 * of numbers in a private temporary directory. Output paths are absolute,
 * built by the caller from codes. gnuplot is started with -d (no user
 * init files), with no shell in between (fork/exec), and its stdin is a
 * socket so that a gnuplot that died cannot kill pemetrics with SIGPIPE.
 *
 * Each chart ends with a marker line and gnuplot's error number, so one
 * failed chart is reported with gnuplot's message and the batch goes on.
 * A chart is written to a temporary name and renamed when gnuplot said it
 * succeeded.
 */
#ifndef PM_RENDER_GNUPLOT_H
#define PM_RENDER_GNUPLOT_H

#include <stdbool.h>

#include "render/chart.h"
#include "util/buf.h"
#include "util/err.h"

enum chart_format { CHART_PNG, CHART_SVG };

struct gnuplot;

/* Whether 'program' (a name searched in PATH, or a path) can be run. */
bool gnuplot_available(const char *program);

/* Start gnuplot. 'templates' is the directory of the style files
 * (the .gp files of charts/); 'program' is usually "gnuplot". On success *out belongs
 * to the caller: gnuplot_close() it. */
int gnuplot_open(const char *program, const char *templates,
    struct gnuplot **out, struct pm_err *err);
/* End the process and remove the temporary directory. Returns non-zero
 * when gnuplot exited with an error. NULL is a no-op. */
int gnuplot_close(struct gnuplot *g);

/* True when gnuplot stopped and will not be started again in this run
 * (it died three times, hung, or cannot be started). */
bool gnuplot_gone(const struct gnuplot *g);

/* Draw one chart into 'path' (absolute). PM_EDATA with gnuplot's message
 * when gnuplot refused the chart (the batch can go on); PM_EIO when the
 * process is gone or a file cannot be written. */
int gnuplot_trend(struct gnuplot *g, const char *path, enum chart_format fmt,
    int width, int height, const struct chart_trend *c, struct pm_err *err);
int gnuplot_bars(struct gnuplot *g, const char *path, enum chart_format fmt,
    int width, int height, const struct chart_bars *c, struct pm_err *err);
/* Small multiples: n compact trends on one page, with a page title and a
 * footer (either may be NULL); a trend with no points is a panel saying
 * so. */
int gnuplot_multi(struct gnuplot *g, const char *path, enum chart_format fmt,
    int width, int height, const char *title, const char *footer,
    const struct chart_trend *c, size_t n, struct pm_err *err);

/* Append 's' as a gnuplot single-quoted string: ' doubled, control
 * characters and invalid UTF-8 dropped, "]]>" written "]] >" (not
 * allowed in the text of an SVG). The only way text reaches a
 * gnuplot script. */
void gp_quote(struct buf *b, const char *s);

#endif /* PM_RENDER_GNUPLOT_H */
