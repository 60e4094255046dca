/* render/reportmd.h - the periodic report as Markdown (report.md): the
 * content of the HTML page in tables and lists that any Markdown viewer
 * renders, with image links to the charts beside it. Text from the
 * catalogue or the data goes through md_text() (render/md.h).
 */
#ifndef PM_RENDER_REPORTMD_H
#define PM_RENDER_REPORTMD_H

#include "render/reportlang.h"
#include "util/buf.h"

void md_report(struct buf *b, const struct report_doc *d);

#endif /* PM_RENDER_REPORTMD_H */
