/* util/numfmt.h - numbers as text: the shortest decimal that reads back
 * as exactly the same double, in plain notation where that is readable. */
#ifndef PM_UTIL_NUMFMT_H
#define PM_UTIL_NUMFMT_H

#define NUMFMT_MAX 40   /* bytes, enough for any double */

/* Write the shortest round-trip form of 'v' into 'out' ("31500.2", "0.001",
 * "1e+300"). Plain notation for 1e-6 <= |v| < 1e17, exponent otherwise.
 * -0 is written "0". 'v' must be finite. Returns 'out'. */
char *num_format(double v, char out[NUMFMT_MAX]);

/* The same for a computed value (a sum, a difference, a growth rate):
 * rounded to 12 significant digits first, so that binary noise such as
 * 16110.099999999999 reads 16110.1. */
char *num_format_computed(double v, char out[NUMFMT_MAX]);

/* Decimals 'v' carries: those of its num_format_computed() form (binary
 * noise of a unit conversion or a sum is not precision), at most 'cap';
 * 0 for an exponent form. */
int num_decimals(double v, int cap);

#endif /* PM_UTIL_NUMFMT_H */
