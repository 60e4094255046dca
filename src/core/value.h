/* core/value.h - observation values: parsing as published, and unit
 * conversion. Pure functions, no allocation, no locale (the decimal point
 * is always '.').
 */
#ifndef PM_CORE_VALUE_H
#define PM_CORE_VALUE_H

#include <stdbool.h>
#include <stddef.h>

enum value_result {
	VALUE_OK = 0,
	VALUE_EMPTY = 1,        /* blank cell: a missing value, not zero */
	VALUE_BAD = -1,
};

/* Parse a decimal as statistical files write it: optional sign, digits
 * with optional thousands separators in groups of three ("1,234.5"), an
 * optional fraction and exponent, an optional trailing '%' (*percent is
 * then true). Blanks around are ignored. NaN, infinity, hex floats,
 * blanks inside and values beyond double's range are VALUE_BAD with *why
 * pointing at a static reason. -0 becomes 0. */
enum value_result value_parse(const char *s, size_t len, double *out,
    bool *percent, const char **why);

/* value_parse, the number then multiplied by 10^exp10 with one rounding:
 * "1,234,567.89" with exp10 -4 is the double nearest 123.456789, which
 * parsing and then dividing by 1e4 (two roundings) may miss. */
enum value_result value_parse_scaled(const char *s, size_t len, int exp10,
    double *out, bool *percent, const char **why);

/* True, with *exp10, when the ratio from/to of two unit factors is a
 * power of ten (万元 1e4 to 亿元 1e8: -4). */
bool value_ratio_exp10(double from, double to, int *exp10);

/* Convert v from a unit whose factor to the dimension's base is 'from' to
 * one whose factor is 'to' (亿元 1e8 -> 万元 1e4). Multiplies or divides by
 * the exact ratio: 12345 万元 is 1.2345 亿元 to the last bit, but a value
 * that was already rounded (123456789 / 100) is rounded a second time;
 * value_parse_scaled avoids that where the ratio is a power of ten.
 * Returns false when the result is not finite. */
bool value_convert(double v, double from, double to, double *out);

#endif /* PM_CORE_VALUE_H */
