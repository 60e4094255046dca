#!/bin/sh
# t160-ingest-errors.sh: the exit codes of ingest: 4 unreadable input or
# store, 1 bad data or header, 0 header only (3, store locked: t165).
. "${0%/*}/lib.sh"

good() {
	printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,31500.2\n'
}

# export_lines DB: lines of the export (the header counts)
export_lines() {
	run_expect 0 "$PM" --db "$1" export
	wc -l <stdout
}

# --- 4: the input cannot be read
run_expect 4 "$PM" --db t.db ingest nosuch.csv
expect_eq "pemetrics: nosuch.csv: cannot open: No such file or directory" \
	"$(cat stderr)" "missing file"
mkdir adir
run_expect 4 "$PM" --db t.db ingest adir
expect_stderr_has "pemetrics: adir: "
# a bad file does not stop the others; the worst exit code wins
good >ok.csv
run_expect 4 "$PM" --db t.db ingest nosuch.csv ok.csv
expect_stdout_has "ok.csv: 1 rows: 1 inserted"
expect_eq 2 "$(export_lines t.db)" "stored after a missing file"

# --- 1: an empty file, named in the message
: >empty.csv
run_expect 1 "$PM" --db t.db ingest empty.csv
expect_stderr_has "pemetrics: empty.csv"
expect_stdout_has "empty.csv: failed"

# --- 0: a header and no rows
printf 'indicator,region,period,value\n' >hdr.csv
run_expect 0 "$PM" --db h.db ingest hdr.csv
expect_stdout_has "hdr.csv: 0 rows: 0 inserted, 0 revised, 0 unchanged, 0 rejected"
expect_eq 1 "$(export_lines h.db)" "header-only file"

# --- 1: no header row (the first line is data): nothing stored, every
# row rejected, line 1 included, the reason points at the header
cat >nohdr.csv <<'EOF'
net_txn_volume,330000,2023,31500.2
net_txn_volume,330100,2023,12000
net_txn_volume,330200,2023,9000
EOF
run_expect 1 "$PM" --db n.db ingest --format json nohdr.csv
cp stdout out.json
expect_eq failed "$(json_get out.json '$.files[0].status')" "status"
expect_eq 0 "$(json_get out.json '$.files[0].inserted')" "inserted"
expect_eq "$(json_get out.json '$.files[0].rows')" \
	"$(json_get out.json '$.files[0].rejected')" "rows = rejected"
expect_stderr_has "header"
[ -f nohdr.csv.rejects.csv ] || fail "no rejects file"
expect_eq 3 "$(json_get out.json '$.files[0].rows')" "all three lines are rows"
expect_eq "1 2 3" "$(sed 1d nohdr.csv.rejects.csv | cut -d, -f1 | tr '\n' ' ' |
	sed 's/ $//')" "rejected lines"
! store_exists n.db || expect_eq 1 "$(export_lines n.db)" "stored from nohdr.csv"

# --- 1: a required column missing
printf 'indicator,region,period\nnet_txn_volume,330000,2023\n' >f.csv
run_expect 1 "$PM" --db f.db ingest f.csv
expect_stderr_has "pemetrics: f.csv:1: missing column 'value'"
expect_stdout_lacks "inserted"
! store_exists f.db || expect_eq 1 "$(export_lines f.db)" "stored from f.csv"

# --- 1: a column twice (names are case-insensitive)
printf 'indicator,region,period,value,Value\nnet_txn_volume,330000,2023,1,2\n' \
	>dup.csv
run_expect 1 "$PM" --db d.db ingest dup.csv
expect_stderr_has "pemetrics: dup.csv:1: duplicate column 'Value'"
! store_exists d.db || expect_eq 1 "$(export_lines d.db)" "stored from dup.csv"

# --- 0: an unknown column is reported, not fatal
printf 'indicator,region,period,value,comment\nnet_txn_volume,330000,2023,1,nbs\n' \
	>u.csv
run_expect 0 "$PM" --db u.db ingest u.csv
expect_stderr_has "pemetrics: u.csv:1: "
expect_stderr_has "'comment'"
expect_eq 1 "$(grep -c "'comment'" stderr)" "times the unknown column is reported"
expect_stdout_has "u.csv: 1 rows: 1 inserted"
expect_eq 2 "$(export_lines u.db)" "stored from u.csv"

# --- 1: a binary file
printf 'a\200\377\376\000b,\377\n\000\200\200\376\n' >bin.csv
run_expect 1 "$PM" --db b.db ingest bin.csv
expect_stderr_has "pemetrics: bin.csv"
! store_exists b.db || expect_eq 1 "$(export_lines b.db)" "stored from bin.csv"

# --- 1: a NUL byte inside a field rejects that row only
printf 'indicator,region,period,value\nnet_txn_volume,330000,2023,1\000\nnet_txn_volume,330100,2023,2\n' \
	>nul.csv
run_expect 1 "$PM" --db nul.db ingest nul.csv
expect_stderr_has "pemetrics: nul.csv:2: "
expect_stdout_has "nul.csv: 2 rows: 1 inserted, 0 revised, 0 unchanged, 1 rejected"

# --- 4: the store cannot be written (a file in a directory: SQLite's)
if on_sqlite; then
	good >w.csv
	if [ "$(id -u)" -eq 0 ]; then
		echo "running as root, which ignores permissions: checking a store" \
		    "in a directory that does not exist instead"
		run_expect 4 "$PM" --db nodir/t.db ingest w.csv
		expect_stderr_has "nodir/t.db"
		[ ! -e nodir ] || fail "pemetrics created the store's directory"
	else
		mkdir ro
		run_expect 0 "$PM" --db ro/t.db ingest ok.csv
		chmod 0444 ro/t.db
		chmod 0555 ro
		run_expect 4 "$PM" --db ro/t.db ingest w.csv
		expect_stderr_has "ro/t.db"
		chmod 0755 ro
		chmod 0644 ro/t.db
	fi
fi

# --- 4: the rejects file cannot be written
printf 'indicator,region,period,value\nnet_txn_volume,Atlantis,2023,1\n' >rj.csv
run_expect 4 "$PM" --db rj.db ingest --rejects nodir/r.csv rj.csv
expect_stderr_has "nodir/r.csv"

# --- a file that is no CSV of ours (a JSON export, say) gets ten
# unknown-column warnings and a count, not one per cell
h=indicator,region,period,value
for k in $(seq 1 15); do h="$h,extra$k"; done
printf '%s\nnet_txn_volume,330000,2023,1\n' "$h" >wide.csv
run_expect 0 "$PM" --db wide.db ingest wide.csv
expect_eq 11 "$(grep -c 'wide.csv:1: warning' stderr)" "ten warnings and a count"
expect_stderr_has "wide.csv:1: warning: 5 more unknown columns ignored"

# --- a percent sign on a value whose unit says otherwise (‱)
printf 'indicator,region,period,value,unit\nplatform_complaint_rate,330000,2020,12.5%%,‱\n' >pm.csv
run_expect 1 "$PM" --db pm.db ingest pm.csv
expect_stderr_has "pm.csv:2: value '12.5%': a percent sign on a value in another unit"
