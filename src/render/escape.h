/* render/escape.h - every escaper in one place: JSON strings, CSV cells,
 * HTML text and attribute values.
 * Text from input files and the catalogue reaches an output only through
 * these. They append to a struct buf or write to a FILE. */
#ifndef PM_RENDER_ESCAPE_H
#define PM_RENDER_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

/* A JSON string literal, quotes included. Invalid UTF-8 bytes become
 * U+FFFD, control characters \u escapes. */
void esc_json(struct buf *b, const char *s, size_t n);

/* A CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF.
 * With 'guard', a cell that a spreadsheet would run as a formula (it
 * starts with '=', '+', '-', '@', tab or CR) is prefixed with a single
 * quote, unless it is a plain number. */
void esc_csv(struct buf *b, const char *s, size_t n, bool guard);

/* HTML text or a double- or single-quoted attribute value, and well-formed
 * XML as well: & < > " ' become entities; control characters (C0 but tab
 * and line feed, DEL, C1) and Unicode noncharacters are dropped, as HTML
 * calls them parse errors and XML forbids some; invalid UTF-8 bytes become
 * U+FFFD. The only way catalogue or data text reaches an HTML report. */
void esc_html(struct buf *b, const char *s, size_t n);

/* Text for a terminal: control characters (which could move the cursor
 * or garble the screen) shown as '?', the rest as it is. */
void esc_plain(struct buf *b, const char *s);

/* One line of a message or log (stderr, cron mail, syslog) whatever a
 * file name or cell holds: C0 controls, DEL and invalid UTF-8 bytes as
 * \xNN, C1 controls as \u00NN, so that no name can end the line, forge
 * another or send the terminal an escape sequence. */
void esc_line(struct buf *b, const char *s);

#endif /* PM_RENDER_ESCAPE_H */
