/* core/obs.h - one stored observation of a series (one indicator in one
 * region), as the store hands it to the aggregation stage. Plain data. */
#ifndef PM_CORE_OBS_H
#define PM_CORE_OBS_H

#include <stdbool.h>

struct obs {
	int period;             /* period_key() */
	bool ytd;               /* cumulative from January */
	double value;           /* in the indicator's unit */
	bool has_yoy;
	double yoy;             /* growth as published, percent */
	char status;            /* SDMX OBS_STATUS as stored: 'A' normal,
				 * 'P' provisional, 'E' estimated, 'B' break
				 * in series, 'F' forecast; 0 when none */
};

#endif /* PM_CORE_OBS_H */
