#!/bin/sh
# t110-ingest-json.sh: "ingest --format json" is one JSON document on
# stdout, per file: path, status, counts that add up, rejects_path.
. "${0%/*}/lib.sh"

# j PATH: the value at PATH in out.json (sqlite3's JSON reader)
j() {
	json_get out.json "$1"
}
jtype() {
	sqlite3 :memory: "SELECT json_type(readfile('out.json'), '$1')"
}

# check_sum I: rows = inserted + revised + unchanged + rejected for file I
check_sum() {
	rows=$(j "\$.files[$1].rows")
	sum=$(sqlite3 :memory: "SELECT
	    json_extract(readfile('out.json'), '\$.files[$1].inserted') +
	    json_extract(readfile('out.json'), '\$.files[$1].revised') +
	    json_extract(readfile('out.json'), '\$.files[$1].unchanged') +
	    json_extract(readfile('out.json'), '\$.files[$1].rejected')")
	expect_eq "$rows" "$sum" "file $1: rows against the sum of the counts"
}

# 5 data rows: 2 good, 3 rejected
cat >in.csv <<'EOF'
indicator,region,period,value,unit
net_txn_volume,330000,2023,31500.2,亿元
net_txn_volume,Atlantis,2023,1,亿元
online_operators,杭州,2023,123456,户
online_operators,330100,2023,,户
nosuch,330000,2023,1,亿元
EOF
run_expect 1 "$PM" --db t.db ingest --format json in.csv
cp stdout out.json
expect_eq 1 "$(sqlite3 :memory: "SELECT json_valid(readfile('out.json'))")" \
	"stdout is valid JSON"
expect_eq 1 "$(sqlite3 :memory: \
	"SELECT json_array_length(readfile('out.json'), '\$.files')")" \
	"number of files"
expect_eq in.csv "$(j '$.files[0].path')" "path"
expect_eq ingested "$(j '$.files[0].status')" "status"
expect_eq 5 "$(j '$.files[0].rows')" "rows"
expect_eq 2 "$(j '$.files[0].inserted')" "inserted"
expect_eq 0 "$(j '$.files[0].revised')" "revised"
expect_eq 0 "$(j '$.files[0].unchanged')" "unchanged"
expect_eq 3 "$(j '$.files[0].rejected')" "rejected"
expect_eq in.csv.rejects.csv "$(j '$.files[0].rejects_path')" "rejects_path"
check_sum 0
[ -f in.csv.rejects.csv ] || fail "rejects_path names a file that is not there"
# the rejected rows are still named on stderr
expect_stderr_has "pemetrics: in.csv:3: unknown region 'Atlantis'"
# no text result line mixed into the JSON
expect_stdout_lacks "rows:"

# the exact shape of the contract
cat >expect.json <<'EOF'
{"files":[{"path":"in.csv","status":"ingested","rows":5,"inserted":2,"revised":0,"unchanged":0,"rejected":3,"skipped":0,"skipped_untracked":0,"warnings":0,"rejects_path":"in.csv.rejects.csv"}]}
EOF
expect_cmp expect.json out.json

# the same content again: skipped, exit 0, no rejects file named
run_expect 0 "$PM" --db t.db ingest --format json in.csv
cp stdout out.json
expect_eq skipped "$(j '$.files[0].status')" "status of a repeated file"
expect_eq null "$(jtype '$.files[0].rejects_path')" "rejects_path when skipped"
check_sum 0

# a clean file: rejects_path null; -q does not silence the JSON asked for
cat >good.csv <<'EOF'
indicator,region,period,value
net_txn_volume,330000,2022,28000
net_txn_volume,330000,2023,31600
EOF
run_expect 0 "$PM" --db t.db ingest --format json good.csv
cp stdout out.json
expect_eq ingested "$(j '$.files[0].status')" "status"
expect_eq 2 "$(j '$.files[0].rows')" "rows"
expect_eq 1 "$(j '$.files[0].inserted')" "inserted"
expect_eq 1 "$(j '$.files[0].revised')" "revised (31500.2 -> 31600)"
expect_eq null "$(jtype '$.files[0].rejects_path')" "rejects_path, no rejects"
check_sum 0

# several files in one document, in argument order: failed (cannot be
# read), failed (bad header), ingested
cat >nohdr.csv <<'EOF'
net_txn_volume,330000,2021,25000
net_txn_volume,330100,2021,9000
EOF
cat >more.csv <<'EOF'
indicator,region,period,value
online_retail_sales,330000,2023,27000
EOF
run_expect 4 "$PM" --db t.db ingest --format json nosuch.csv nohdr.csv more.csv
cp stdout out.json
expect_eq 1 "$(sqlite3 :memory: "SELECT json_valid(readfile('out.json'))")" \
	"stdout is valid JSON"
expect_eq 3 "$(sqlite3 :memory: \
	"SELECT json_array_length(readfile('out.json'), '\$.files')")" \
	"number of files"
expect_eq nosuch.csv "$(j '$.files[0].path')" "path 0"
expect_eq failed "$(j '$.files[0].status')" "status of a missing file"
expect_eq 0 "$(j '$.files[0].rows')" "rows of a missing file"
check_sum 0
expect_eq nohdr.csv "$(j '$.files[1].path')" "path 1"
expect_eq failed "$(j '$.files[1].status')" "status of a file without header"
expect_eq 0 "$(j '$.files[1].inserted')" "inserted from a file without header"
check_sum 1
expect_eq more.csv "$(j '$.files[2].path')" "path 2"
expect_eq ingested "$(j '$.files[2].status')" "status 2"
expect_eq 1 "$(j '$.files[2].inserted')" "inserted 2"
check_sum 2
expect_stderr_has "pemetrics: nosuch.csv: cannot open"

# a path that needs escaping stays valid JSON
cp good.csv 'q"uote\.csv'
run_expect 0 "$PM" --db t2.db ingest --format json 'q"uote\.csv'
cp stdout out.json
expect_eq 'q"uote\.csv' "$(j '$.files[0].path')" "escaped path"
