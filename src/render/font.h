/* render/font.h - the bitmap font of the native chart renderer: printable
 * ASCII (0x20 space .. 0x7E tilde), 5 pixels wide and 8 rows tall.
 *
 * Rows 0..6 hold capitals and digits (the baseline is under row 6), row 7
 * the descenders of g j p q y and the comma. Row r of a glyph is one byte
 * whose bit 4 is the leftmost column and bit 0 the rightmost. Glyphs are
 * drawn FONT_ADVANCE pixels apart (one blank column between letters).
 * There is nothing here for any other byte: the renderer skips them.
 */
#ifndef PM_RENDER_FONT_H
#define PM_RENDER_FONT_H

#define FONT_FIRST 0x20         /* code of font_glyphs[0] */
#define FONT_LAST 0x7e          /* code of the last glyph */
#define FONT_COUNT 95
#define FONT_W 5                /* pixels */
#define FONT_H 8                /* rows, descender included */
#define FONT_ADVANCE 6          /* pixels from one glyph to the next */

extern const unsigned char font_glyphs[FONT_COUNT][FONT_H];

#endif /* PM_RENDER_FONT_H */
