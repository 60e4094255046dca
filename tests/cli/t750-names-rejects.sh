#!/bin/sh
# t750-names-rejects.sh: file names reach every message escaped (no
# newline or terminal escape of a name in cron mail); the rejects file
# guards cells a spreadsheet would run as formulas, and the guard comes
# off when the file is ingested again; "ingest --force" keeps an earlier,
# edited rejects file as NAME.1.csv instead of replacing it.
. "${0%/*}/lib.sh"

esc=$(printf '\033')
name=$(printf 'x\nforged line\033[31m.csv')
printf 'indicator,region,period,value\nnet_txn_volume,Atlantis,2023,1\n' >"$name"
run_expect 1 "$PM" --db t.db -v ingest "$name"
grep -q "$esc" stderr stdout && fail "a terminal escape reached the output"
grep -q '^forged line' stderr stdout && fail "a name forged a line"
expect_stderr_has 'pemetrics: x\x0aforged line\x1b[31m.csv:2: unknown region'
expect_stdout_has 'x\x0aforged line\x1b[31m.csv: 1 rows: 0 inserted'
rm -f "$name" "$name.rejects.csv"

# Formulas in the rejects file: guarded; undone on the way back in.
printf 'indicator,region,period,value\nnet_txn_volume,Atlantis,2023,1\nnet_txn_volume,330100,2023,=HYPERLINK("http://x")\n@cmd,330100,2023,2\n' >f.csv
run_expect 1 "$PM" --db t.db ingest f.csv
grep -q ",\"'=HYPERLINK(\"\"http://x\"\")\"\$" f.csv.rejects.csv ||
	fail "formula not guarded: $(cat f.csv.rejects.csv)"
grep -q ",\"'@cmd\",330100," f.csv.rejects.csv ||
	fail "@ not guarded: $(cat f.csv.rejects.csv)"
grep -q ',=\|,@' f.csv.rejects.csv && fail "an unguarded formula cell"
sed 's/,Atlantis,/,330100,/' f.csv.rejects.csv >fixed.csv
run_expect 1 "$PM" --db t.db ingest fixed.csv
expect_stdout_has "fixed.csv: 3 rows: 1 inserted"
expect_stderr_has "fixed.csv:3: bad value '=HYPERLINK(\"http://x\")': not a number"
expect_stderr_has "fixed.csv:4: unknown indicator '@cmd'"

# --force with an edited rejects file: kept beside, said so.
echo "# checked by J." >>f.csv.rejects.csv
cp f.csv.rejects.csv edited.csv
run_expect 1 "$PM" --db t.db ingest --force f.csv
expect_stderr_has "pemetrics: f.csv.rejects.csv: the earlier rejects file differs: kept as 'f.csv.rejects.1.csv'"
cmp edited.csv f.csv.rejects.1.csv || fail "the edited file was not kept"
grep -q 'checked by' f.csv.rejects.csv && fail "the new rejects file is the old one"
# The same rejects again: nothing to keep.
run_expect 1 "$PM" --db t.db ingest --force f.csv
expect_stderr_lacks "kept as"
[ -e f.csv.rejects.2.csv ] && fail "an identical rejects file was kept"
exit 0
