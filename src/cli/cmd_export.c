/* cli/cmd_export.c - "pemetrics export": every stored observation. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/opts.h"
#include "cli/commands.h"
#include "render/obsout.h"
#include "util/buf.h"
#include "util/banned.h"

struct export_args {
	int format;             /* enum out_format */
	bool yoy, raw;
};

static const struct opt_choice formats[] = {
	{ "csv", OUT_CSV }, { "json", OUT_JSON }, { NULL, 0 },
};

static const struct optdef options[] = {
	{ .name = "format", .type = OPT_CHOICE,
	  .off = offsetof(struct export_args, format), .arg = "F",
	  .choices = formats,
	  .help = "csv (default: indicator,region,period,value,unit,basis,\n"
	      "then status,source,note when the store holds any)\n"
	      "or json" },
	{ .name = "yoy", .type = OPT_FLAG,
	  .off = offsetof(struct export_args, yoy),
	  .help = "csv: add the published growth rate column 'yoy'" },
	{ .name = "raw", .type = OPT_FLAG,
	  .off = offsetof(struct export_args, raw),
	  .help = "csv: write cells as stored, without the guard against\n"
	      "spreadsheet formulas (cells starting = + - @)" },
	{ .name = NULL },
};

static const struct cmddef def = {
	.name = "export", .opts = options, .max_operands = 0,
};

struct export {
	struct buf b;
	struct obsout_opts o;
	bool json, first;
	int write_errno;        /* why the output failed, 0 if it did not */
};

static int
row(void *ctx, const struct store_row *r)
{
	struct export *e = ctx;

	if (e->json)
		obsout_json_row(&e->b, r, e->first);
	else
		obsout_csv_row(&e->b, r, &e->o);
	e->first = false;
	/* Stream: memory stays flat however large the store is. */
	if (e->b.len > 1 << 16) {
		if (fwrite(e->b.data, 1, e->b.len, stdout) != e->b.len) {
			e->write_errno = errno ? errno : EIO;
			return PM_EIO;
		}
		buf_reset(&e->b);
	}
	return 0;
}

int
cmd_export(int argc, char **argv, struct pm_ctx *ctx)
{
	struct export_args a = { .format = OUT_CSV };
	struct export e = { BUF_INIT, { false, false, false }, false, true, 0 };
	struct pm_err err = PM_ERR_INIT;
	struct store *st;
	int first, code, rc;

	if ((code = opts_parse(&def, argc, argv, ctx, &a, &first)) != OPTS_GO)
		return code;
	if ((st = ctx_store(ctx, STORE_READONLY, &code)) == NULL)
		return code;
	e.o.yoy = a.yoy;
	e.o.raw = a.raw;
	e.json = a.format == OUT_JSON;
	if (!e.json && (rc = store_has_provenance(st, &e.o.provenance,
	    &err)) != 0) {
		pm_print_err(&err);
		return pm_exit_code(rc);
	}
	if (e.json)
		obsout_json_begin(&e.b);
	else
		obsout_csv_header(&e.b, &e.o);
	rc = store_scan(st, row, &e, &err);
	if (rc == 0) {
		if (e.json)
			obsout_json_end(&e.b);
		fwrite(e.b.data, 1, e.b.len, stdout);
	} else if (e.write_errno) {
		pm_msg(NULL, 0, "write error: %s", strerror(e.write_errno));
	} else {
		pm_print_err(&err);
	}
	buf_release(&e.b);
	return pm_exit_code(rc);
}
