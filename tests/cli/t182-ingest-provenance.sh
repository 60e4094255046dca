#!/bin/sh
# t182-ingest-provenance.sh: source, note and status (SDMX codes, or the
# words releases use) travel with each value: stored, kept in the history
# by a revision, shown by export (at the end, the first six columns as
# before) and its JSON, and an export ingests back to the same.
. "${0%/*}/lib.sh"

cat >in.csv <<'EOF2'
indicator,region,period,value,unit,status,source,note
online_retail_sales,330000,2024,30610.2,亿元,初步,浙江省统计局,"初步核算数,待最终核实"
online_retail_sales,330000,2023,28960.5,亿元,A,浙江省统计局,
digital_economy_core_share,330000,2024,12.3,%,预计,浙江省经济和信息化厅,
digital_economy_core_share,330000,2023,11.9,%,估计,,
net_txn_volume,330000,2023,63480.1,亿元,X,,
net_txn_volume,330000,2022,58020.5,亿元,,,
EOF2
run_expect 1 "$PM" --db t.db ingest in.csv
expect_stdout_has "in.csv: 6 rows: 5 inserted, 0 revised, 0 unchanged, 1 rejected"
expect_stderr_has "in.csv:6: bad status 'X': A, P, E, B or F (or 初步, 预计, 估计)"

run_expect 0 "$PM" --db t.db export
cat >want.csv <<'EOF2'
indicator,region,period,value,unit,basis,status,source,note
digital_economy_core_share,330000,2023,11.9,%,,E,,
digital_economy_core_share,330000,2024,12.3,%,,E,浙江省经济和信息化厅,
net_txn_volume,330000,2022,58020.5,亿元,,,,
online_retail_sales,330000,2023,28960.5,亿元,,A,浙江省统计局,
online_retail_sales,330000,2024,30610.2,亿元,,P,浙江省统计局,"初步核算数,待最终核实"
EOF2
expect_cmp want.csv stdout

# JSON: the keys where there is something to say
run_expect 0 "$PM" --db t.db export --format json
cp stdout out.json
expect_eq P "$(json_get out.json '$.observations[4].status')" "status"
expect_eq 浙江省统计局 "$(json_get out.json '$.observations[4].source')" "source"
expect_eq "初步核算数,待最终核实" "$(json_get out.json '$.observations[4].note')" "note"
expect_eq "" "$(json_get out.json '$.observations[2].status')" "no status"

# the export ingests back to the same observations, provenance included
cp want.csv back.csv
run_expect 0 "$PM" --db back.db ingest back.csv
run_expect 0 "$PM" --db back.db export
expect_cmp want.csv stdout

# The final figure replaces the preliminary one: a revision, and the
# history keeps the old status and source.
printf 'indicator,region,period,value,unit,status,source\nonline_retail_sales,330000,2024,30610.2,亿元,A,浙江省统计局\n' >final.csv
run_expect 0 "$PM" --db t.db ingest final.csv
expect_stdout_has "final.csv: 1 rows: 0 inserted, 1 revised, 0 unchanged, 0 rejected"
expect_eq "P|浙江省统计局|初步核算数,待最终核实" "$(sqlite3 t.db "SELECT h.status, p.source, p.note FROM history h JOIN prov p ON p.id = h.prov")" \
	"history keeps the old status, source and note"

# A wide file's note and source lines go with every value of the file.
cat >wide.csv <<'EOF2'
数据库：分省年度数据
地区：浙江省
指标,2024年,2023年
快递业务量(亿件),303.2,265.0
注：快递服务企业业务量,2024年为初步数。
数据来源：浙江省邮政管理局
EOF2
run_expect 0 "$PM" --db w.db ingest wide.csv
run_expect 0 "$PM" --db w.db export
cat >want.csv <<'EOF2'
indicator,region,period,value,unit,basis,status,source,note
express_parcels,330000,2023,265,亿件,,,浙江省邮政管理局,"快递服务企业业务量,2024年为初步数。"
express_parcels,330000,2024,303.2,亿件,,,浙江省邮政管理局,"快递服务企业业务量,2024年为初步数。"
EOF2
expect_cmp want.csv stdout

# A store without provenance exports the six columns as before.
printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,1\n' >plain.csv
run_expect 0 "$PM" --db p.db ingest plain.csv
run_expect 0 "$PM" --db p.db export
expect_eq "indicator,region,period,value,unit,basis" "$(head -n 1 stdout)" "header"

# trend: a value shown as stored says its status, and the sources follow
printf 'indicator,region,period,value,unit,status,source\nonline_retail_sales,330000,2025,32350.8,亿元,P,NBS\nonline_retail_sales,330000,2024,30610.2,亿元,,NBS\n' >tr.csv
run_expect 0 "$PM" --db tr.db ingest tr.csv
run_expect 0 "$PM" --db tr.db trend online_retail_sales
expect_stdout_has "2025             32350.8     +5.7%  provisional"
expect_eq "source: NBS" "$(tail -n 1 stdout)" "trend: the source"
run_expect 0 "$PM" --db tr.db trend online_retail_sales --format json
cp stdout tr.json
expect_eq P "$(json_get tr.json '$.points[1].status')" "trend JSON: status"
