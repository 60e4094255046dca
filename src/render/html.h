/* render/html.h - the periodic report as one self-contained HTML5 page.
 *
 * One file that opens from disk: inline CSS, no script, nothing fetched
 * from the network; the charts are PNG files beside it (report_doc's
 * chart directory), referenced by relative paths built from codes. It is
 * also well-formed XML (void elements closed, attributes quoted, only the
 * five XML entities), so a strict XML parser can check it. It prints on
 * A4 with each system on a page of its own. Every status is a coloured
 * badge that also says the status in words.
 *
 * Every text from the catalogue or the data goes through esc_html(); the
 * page holds no other text than render/reportlang.c's words.
 */
#ifndef PM_RENDER_HTML_H
#define PM_RENDER_HTML_H

#include "render/reportlang.h"
#include "util/buf.h"

void html_report(struct buf *b, const struct report_doc *d);

#endif /* PM_RENDER_HTML_H */
