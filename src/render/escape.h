/* render/escape.h - every escaper in one place: JSON strings, CSV cells.
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

#endif /* PM_RENDER_ESCAPE_H */
