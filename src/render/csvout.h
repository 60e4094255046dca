/* render/csvout.h - the summary and the trend as CSV for spreadsheets:
 * exact numbers, cells guarded against formula execution. */
#ifndef PM_RENDER_CSVOUT_H
#define PM_RENDER_CSVOUT_H

#include "core/summary.h"
#include "util/buf.h"

/* One row per indicator:
 * system,measure,indicator,region,status,score,progress_value,base_year,
 * base_value,current_year,current_value,target,target_year,yoy,unit
 * (an indicator of several measures has a row under each). */
void csv_summary(struct buf *b, const struct summary *s);
/* period,value,yoy,complete,derived,pop,yoy_published,months */
void csv_trend(struct buf *b, const struct agg_series *s);

#endif /* PM_RENDER_CSVOUT_H */
