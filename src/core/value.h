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

/* Convert v from a unit whose factor to the dimension's base is 'from' to
 * one whose factor is 'to' (亿元 1e8 -> 万元 1e4). Multiplies or divides by
 * the exact ratio, so 12345 万元 is 1.2345 亿元 to the last bit. Returns
 * false when the result is not finite. */
bool value_convert(double v, double from, double to, double *out);

#endif /* PM_CORE_VALUE_H */
