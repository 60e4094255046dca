/* core/layout.h - the shapes a statistical table comes in, and the lines
 * around it.
 *
 * Owns what is not a row of the table: metadata lines ("地区：浙江省",
 * "数据库：年度数据") before it, note and source lines ("注：...",
 * "数据来源：...") after it, and a unit in brackets at the end of an
 * indicator cell ("软件业务收入(亿元)"). core/ingest.c turns a wide row
 * (periods as columns) into long rows with these; everything after that
 * is the same for every shape. Pure functions over fields, no I/O.
 */
#ifndef PM_CORE_LAYOUT_H
#define PM_CORE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/reader.h"
#include "util/buf.h"

enum layout {
	LAYOUT_AUTO,            /* from the header */
	LAYOUT_LONG,            /* a row per observation */
	LAYOUT_WIDE,            /* periods as columns */
};

/* What the lines around a table say about all of its values. Empty
 * strings when not said. */
struct layout_meta {
	struct buf region;      /* 地区： */
	struct buf indicator;   /* 指标： */
	struct buf unit;        /* 单位： */
	struct buf note;        /* 注：, 备注：, 说明：, one after the other */
	struct buf source;      /* 数据来源：, 来源：, 资料来源： */
	struct buf time;        /* 时间：, 统计时间：, 时期： */
};

void layout_meta_release(struct layout_meta *m);

/* True when the record is a metadata line: "key：value" (or ':') in its
 * first field and nothing in the others; a note or source (注, 数据来源)
 * may go on in the other fields, its text cut by unquoted commas. The key is taken into 'm' (when
 * not NULL) when it is one of those above; other keys (数据库, 时间) are
 * read and left. */
bool layout_meta_line(const struct reader_row *r, struct layout_meta *m);

/* When s[0..n) ends in a bracketed unit, "(亿元)" or "（万户）", returns
 * true with the length of what comes before it (trimmed) in *name_len
 * and the unit in *unit, *unit_len. */
bool layout_split_unit(const char *s, size_t n, size_t *name_len,
    const char **unit, size_t *unit_len);

/* The year a title or a '时间：' line names: the first "2024年" in
 * s[0..n) (a year from 1900 to 2199 written with four digits before 年),
 * 0 when none. */
int layout_year(const char *s, size_t n);

/* An item's name as a release table indents it: "其中：实物商品网上零售额"
 * and "  其中:…" name "实物商品网上零售额". Returns the start of the name
 * and its length in *n; s itself when there is nothing to take off. */
const char *layout_item_name(const char *s, size_t *n);

/* What a cell of a release table's second header row says its column
 * holds: the level ("绝对量（亿元）", "累计", "本月"), or the year-on-year
 * growth ("同比增长（%）", "比上年同期增长", "增速"). */
enum layout_measure {
	LAYOUT_M_NONE,          /* empty */
	LAYOUT_M_LEVEL,
	LAYOUT_M_GROWTH,
};
enum layout_measure layout_measure_of(const char *s, size_t n);

#endif /* PM_CORE_LAYOUT_H */
