/* core/period.h - reporting periods: years, half-years, quarters, months.
 *
 * A period is a frequency and a position in a year. It has one integer key
 * that sorts by frequency, then by time (freq * 1000000 + year * 100 +
 * sub), which the store uses as its period column. Pure functions, no
 * allocation.
 */
#ifndef PM_CORE_PERIOD_H
#define PM_CORE_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

enum period_freq {
	FREQ_Y = 1,
	FREQ_H = 2,
	FREQ_Q = 3,
	FREQ_M = 4,
};

#define PERIOD_YEAR_MIN 1000
#define PERIOD_YEAR_MAX 9999
#define PERIOD_TEXT_MAX 16      /* bytes for period_format() */

struct period {
	enum period_freq freq;
	int year;               /* PERIOD_YEAR_MIN..PERIOD_YEAR_MAX */
	int sub;                /* 0 for a year; half 1-2, quarter 1-4,
				 * month 1-12 */
};

/* Parse "2023", "2023H1", "2023-H1", "2023Q2", "2023-Q2", "2023-05",
 * "2023-5", "2023M05", "2023M5" (letters in either case, blanks around
 * ignored). On failure returns -1 and points *why (when not NULL) at a
 * static reason such as "month 13 is out of range". */
int period_parse(const char *s, size_t len, struct period *p,
    const char **why);

/* What period_parse_cell() learnt besides the period. */
#define PERIOD_CELL_YTD   0x1   /* a span from January ("2024年1-3月",
				 * "2024年前三季度"): year to date, ending
				 * in the month parsed */
#define PERIOD_CELL_EXCEL 0x2   /* a spreadsheet's rendering of a month
				 * ("2024/3/1", "Mar-24", "Mar 2024") */
#define PERIOD_CELL_END   0x4   /* an end-of-period level ("6月末") */

/* A period cell as releases and spreadsheets write it: everything
 * period_parse() takes, and "2024年", "2024年3月", "2024.03", "2024/03",
 * "2024年一季度", "2024年第一季度", "2024年上半年", "2024年下半年",
 * "2024年1-3月" (also with '—', '–', '～', '~', '至'), "2024年前三季度",
 * "2024年6月末", and the renderings "2024/3/1" (day 1 only), "Mar-24",
 * "Mar 2024". *flags gets PERIOD_CELL_* bits. On failure returns -1 with
 * a static reason in *why. */
int period_parse_cell(const char *s, size_t len, struct period *p,
    unsigned *flags, const char **why);

/* Canonical text: "2023", "2023H1", "2023Q2", "2023-05". */
char *period_format(const struct period *p, char out[PERIOD_TEXT_MAX]);

int period_key(const struct period *p);
/* Inverse of period_key(); returns -1 for a key no period has. */
int period_from_key(int key, struct period *p);

bool period_equal(const struct period *a, const struct period *b);
/* Sub-periods in a year at this frequency: 1, 2, 4 or 12. */
int period_per_year(enum period_freq f);
/* Letter for a frequency: 'Y', 'H', 'Q', 'M'. */
char period_freq_letter(enum period_freq f);
/* Frequency for a letter (either case), or 0. */
enum period_freq period_freq_parse(const char *s);

#endif /* PM_CORE_PERIOD_H */
