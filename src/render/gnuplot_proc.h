/* render/gnuplot_proc.h - the gnuplot process behind render/gnuplot.h,
 * for gnuplot.c (which writes the scripts) and gnuplot_proc.c (which runs
 * the process) only: nothing else includes it.
 *
 * A chart goes: gp_alive() (start gnuplot again if it died on an earlier
 * chart), the script into a buffer, then gp_finish() (send it, wait for
 * gnuplot's verdict, check the file and rename it into place).
 */
#ifndef PM_RENDER_GNUPLOT_PROC_H
#define PM_RENDER_GNUPLOT_PROC_H

#include <stdbool.h>
#include <sys/types.h>

#include "render/gnuplot.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/outfile.h"

struct gnuplot {
	pid_t pid;
	int in;                 /* socket: our end of gnuplot's stdin */
	int out;                /* pipe: gnuplot's stdout and stderr */
	struct buf pending;     /* read from 'out', not yet a whole line */
	char *program;
	char *dir;              /* private temporary directory for data */
	char *templates;
	char token[17];         /* random: a marker no data line can fake */
	unsigned nchart;
	unsigned restarts;
	int timeout_s;
	bool dead;
	bool hung;              /* gone for not answering */
};

/* Before a chart: 0 when gnuplot is running (started again when it died
 * on an earlier chart), else PM_EDATA naming 'path'. */
int gp_alive(struct gnuplot *g, const char *path, struct pm_err *err);

/* Append the end of the chart to the script 's', send it, wait for
 * gnuplot's verdict (at most timeout_s) and commit 'o' when gnuplot said
 * it succeeded and the file is whole; 'o' is aborted otherwise. */
int gp_finish(struct gnuplot *g, struct buf *s, struct outfile *o,
    enum chart_format fmt, const char *path, struct pm_err *err);

#endif /* PM_RENDER_GNUPLOT_PROC_H */
