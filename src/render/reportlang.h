/* render/reportlang.h - the periodic report's input (summary, what
 * changed, which charts exist) and its words in English and Chinese.
 * render/rdoc.c puts these in order once, as a document that both
 * renderers (render/html.c, render/reportmd.c) write.
 *
 * Everything here produces plain UTF-8 text into a struct buf, catalogue
 * names and data included, unescaped: each renderer escapes what it gets
 * (esc_html, md_text), so there is one place per format where that
 * happens. Numbers, periods and dates are written the way the language
 * writes them: "75,560.4 亿元", "Q2 2024", "5 January 2025" in English;
 * "75560.4亿元", "2024年第二季度", "2025年1月5日" in Chinese. Units are
 * the catalogue's (亿元 stays 亿元).
 */
#ifndef PM_RENDER_REPORTLANG_H
#define PM_RENDER_REPORTLANG_H

#include <stdbool.h>

#include "core/report.h"
#include "core/summary.h"
#include "render/charts.h"
#include "util/buf.h"

/* Which chart files of an indicator were written (bits). */
enum {
	RDOC_TREND = 1 << 0,    /* CODE.REGION.Y.png */
	RDOC_REGIONS = 1 << 1,  /* CODE.REGION.regions.png */
	RDOC_SPARK = 1 << 2,    /* CODE.REGION.spark.png */
};

#define RDOC_SPARK_W 120        /* sparkline size, pixels */
#define RDOC_SPARK_H 30

/* Where the report's figures come from (the store's source, note and
 * status of each observation of the region, up to the as-of period). */
struct rl_prov {
	struct buf sources;     /* "NBS; MIIT", each once; empty: none */
	char **note_ind;        /* indicator code of each note */
	char **note;            /* the notes, each once per indicator */
	size_t nnotes;
	char **mark_ind;        /* provisional or estimated values: */
	int *mark_period;       /* indicator, period key, status */
	char *mark_status;
	size_t nmarks;
};

void rl_prov_release(struct rl_prov *p);

struct report_doc {
	const struct summary *sum;
	const struct report *rep;
	enum chart_lang lang;
	const char *charts;             /* chart directory relative to the
					 * report: "charts" */
	const unsigned char *have;      /* per indicator: RDOC_* bits */
	const char *source;             /* the store's file name */
	bool recorded;                  /* the report is recorded in the
					 * store (the next one compares with
					 * it) */
	const struct rl_prov *prov;     /* NULL: nothing known */
};

/* "Sources of the data: ..." (empty when none is known); the notes as
 * footnotes; the provisional and estimated values. */
void rl_data_sources(struct buf *b, const struct report_doc *d);
void rl_note(struct buf *b, const struct report_doc *d, size_t i);
void rl_marks(struct buf *b, const struct report_doc *d);

enum rl_word {
	RL_TITLE, RL_GLANCE, RL_OVERALL, RL_SCORE, RL_SCORE_RANGE, RL_SYSTEM,
	RL_SYSTEMS, RL_MEASURE, RL_MEASURES, RL_INDICATOR, RL_INDICATORS,
	RL_STATUS, RL_LATEST, RL_YOY, RL_GROWTH, RL_NEEDED, RL_TREND,
	RL_CHART, RL_REGIONS_CHART, RL_ATTENTION, RL_ATTENTION_NONE,
	RL_CHANGES, RL_STATUS_CHANGES, RL_NO_STATUS_CHANGE, RL_REVISIONS,
	RL_NO_REVISION, RL_LEVEL, RL_ITEM, RL_BEFORE, RL_NOW, RL_CHANGE,
	RL_REGION, RL_PERIOD, RL_FILE, RL_BETTER, RL_WORSE, RL_NEW_DATA,
	RL_LOST_DATA, RL_POLICY, RL_GAPS, RL_GAP_MEASURES, RL_GAP_INDICATORS,
	RL_INCOMPLETE, RL_REJECTED, RL_NO_REJECTED, RL_TOTALS, RL_OWN,
	RL_PARTS, RL_DIFF, RL_YEAR, RL_MISMATCH, RL_PUBLISHED, RL_FROM_LEVELS,
	RL_METHOD, RL_NONE, RL_NO_DATA, RL_SUM_OF_PARTS, RL_LOWER_BETTER,
	RL_CONTENTS, RL_YTD, RL_NOT_ASSESSED, RL_TOO_LITTLE,
	RL_AIM, RL_NWORDS
};

/* A heading or label. Static strings. */
const char *rl_word(enum chart_lang lang, enum rl_word w);
/* A status word: "On track", "进展顺利", ... Static strings. */
const char *rl_status(enum chart_lang lang, enum progress_status s);
/* The name in the language ('zh' when it is there), else 'en'. */
const char *rl_name(enum chart_lang lang, const char *en, const char *zh);
/* "html" lang attribute: "en" or "zh-CN". */
const char *rl_tag(enum chart_lang lang);

void rl_number(struct buf *b, enum chart_lang lang, double v, int decimals);
/* The value of indicator 'ind' with its unit. */
void rl_value(struct buf *b, const struct report_doc *d, int ind, double v);
/* The same with 'dec' decimals (< 0: as exact, e.g. a sum of parts). */
void rl_value_dec(struct buf *b, const struct report_doc *d, int ind, double v,
    int dec);
/* The year-on-year change of point 'pt' of indicator 'ind': "+9.4%"; for
 * a rate the difference in points, "+0.4 pt" ("+0.4个百分点"). With
 * 'published', a flow's or stock's published rate when stored. Writes
 * nothing and returns false when unknown. */
bool rl_yoy(struct buf *b, const struct report_doc *d, int ind,
    const struct agg_point *pt, bool published);
void rl_score(struct buf *b, bool has, double score);   /* "3.73", "–" */
void rl_period(struct buf *b, enum chart_lang lang, const struct period *p);
/* An incomplete period, the one human-readable form of it (the report,
 * and summary's text and Markdown): "Jan-Oct 2025", "Jan 2025", "2025
 * (11 of 12 months)" for a year with a hole, "end-June 2025" for a
 * stock's level; "2025年1—10月", "2025年6月末". */
void rl_partial(struct buf *b, enum chart_lang lang,
    const struct agg_point *pt);
/* The date of an ISO 8601 time: "5 January 2025", "2025年1月5日". */
void rl_date(struct buf *b, enum chart_lang lang, const char *iso);

/* Path of a chart file relative to the report, for RDOC_TREND,
 * RDOC_REGIONS or RDOC_SPARK. */
void rl_chart_path(struct buf *b, const struct report_doc *d, int ind,
    unsigned which);

/* Sentences. */
void rl_meta(struct buf *b, const struct report_doc *d);
/* The measures in one sentence: how many are on track, need acceleration,
 * lag, have no data. */
void rl_headline(struct buf *b, const struct report_doc *d);
void rl_title(struct buf *b, const struct report_doc *d);
void rl_target(struct buf *b, const struct report_doc *d, int ind);
void rl_changes_intro(struct buf *b, const struct report_doc *d);
/* Why the report is not recorded: no data of the period, or a preview. */
void rl_not_recorded(struct buf *b, const struct report_doc *d);
/* The newest data: "2025", "Jan-May 2024". */
void rl_newest(struct buf *b, const struct report_doc *d);
/* A warning when the as-of has no data, or a note when indicators have
 * no value in its year; nothing when every indicator with data has. */
void rl_stale_warning(struct buf *b, const struct report_doc *d);
/* "46 indicators with no value in 2024: code, code, ..." */
void rl_stale_line(struct buf *b, const struct report_doc *d);
void rl_revisions_intro(struct buf *b, const struct report_doc *d);
void rl_rejects_intro(struct buf *b, const struct report_doc *d);
/* One file's rejected rows: name, date, counts and the first reasons. */
void rl_rejects_line(struct buf *b, const struct report_doc *d, size_t i);
void rl_incomplete_line(struct buf *b, const struct report_doc *d, int ind);
void rl_method(struct buf *b, const struct report_doc *d);
void rl_source(struct buf *b, const struct report_doc *d);
void rl_footer(struct buf *b, const struct report_doc *d);
/* "Of the 25 measures, ..." is told by tables; this says how many more
 * items a shortened list has: "… and 12 more". */
void rl_more(struct buf *b, enum chart_lang lang, size_t n);

/* The item a change is about: "Policy as a whole", a system's name,
 * "M05 name", an indicator's name. */
void rl_change_item(struct buf *b, const struct report_doc *d,
    const struct report_change *c);
const char *rl_change_level(enum chart_lang lang, enum report_level lv);
/* "better", "worse", "now has data", "no data now". */
const char *rl_change_way(enum chart_lang lang,
    const struct report_change *c);
/* The change of an item since the earlier report, or NULL. */
const struct report_change *rl_change_of(const struct report_doc *d,
    enum report_level lv, int index);

/* Counts of statuses: n[status] for systems, measures or indicators. */
void rl_count(const struct report_doc *d, enum report_level lv,
    size_t n[PROGRESS_TARGET_ACHIEVED + 1]);

/* A roll-up's coverage in the language ("3 of 8 measures measured (3
 * qualitative, 2 without data); 2 of 8 headline indicators without
 * data; 1 stale"). */
void rl_coverage(struct buf *b, enum chart_lang lang,
    const struct summary_coverage *c, bool measures);
/* An indicator's notes: stale, context, how base and growth were taken
 * (nothing when none applies). */
void rl_indicator_notes(struct buf *b, const struct report_doc *d, int ind);
/* Indicators that need attention (deterioration or limited progress),
 * worst score first, at most 'max'; returns how many in idx. */
size_t rl_attention(const struct report_doc *d, int *idx, size_t max);

/* The latest year in which a region total differs from its parts, or -1;
 * the checks of that year are the ones a report lists. */
int rl_checks_year(const struct summary *s);

#endif /* PM_RENDER_REPORTLANG_H */
