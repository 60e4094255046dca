#!/bin/sh
# t680-inbox-tmp.sh: the hidden temporary files a killed run leaves in the
# quarantine or the archive (".NAME.tmp-XXXXXX") are removed by a later
# run once they are an hour old; nothing else is touched. A move to
# another file system copies under such a name first, so the archive
# never holds a half-written file under a real name.
. "${0%/*}/lib.sh"

mkdir -p data/inbox data/quarantine
q=data/quarantine
a=data/archive/$(date +%Y/%m)
mkdir -p "$a"
for f in "$q/.r.csv.rejects.pending.tmp-4ev1oM" \
    "$q/.0123abcd.rejects.pending.tmp-yfFSa9" "$a/.big.csv.tmp-7CRCye" \
    "$q/.new.tmp-Ab12Cd" \
    "$q/.short.tmp-abc12" "$q/visible.csv.tmp-ABCdef" "$q/.under.tmp-AB_def" \
    "$q/.keep.csv" "$q/x.csv.rejects.csv"; do
	echo x >"$f"
done
touch -d '2 hours ago' "$q"/.*.tmp-* "$q"/visible* "$a"/.*tmp* "$q/.keep.csv"
touch "$q/.new.tmp-Ab12Cd"              # a run may be writing it now
printf 'indicator,region,period,value\nnet_txn_volume,330100,2020,1\n' >data/inbox/a.csv
touch -d '1 minute ago' data/inbox/a.csv
run_expect 0 "$PM" --db t.db ingest --inbox data/inbox
expect_stdout_has "data/quarantine: removed 2 stale temporary files of killed runs"
expect_stdout_has "$a: removed 1 stale temporary file of killed runs"
for f in .r.csv.rejects.pending.tmp-4ev1oM .0123abcd.rejects.pending.tmp-yfFSa9; do
	[ ! -e "$q/$f" ] || fail "$f stayed"
done
[ ! -e "$a/.big.csv.tmp-7CRCye" ] || fail "the archive's temporary stayed"
for f in .new.tmp-Ab12Cd .short.tmp-abc12 visible.csv.tmp-ABCdef \
    .under.tmp-AB_def .keep.csv x.csv.rejects.csv; do
	[ -e "$q/$f" ] || fail "$f was removed"
done
# Quiet and nothing more to remove: silent.
run_expect 0 "$PM" --db t.db -q ingest --inbox data/inbox
[ ! -s stdout ] && [ ! -s stderr ] || fail "-q printed"

# A move to another file system (a tmpfs of our own, when we can).
mnt=$(pwd)/mnt
mkdir -p "$mnt"
if mount -t tmpfs -o size=1m tmpfs "$mnt" 2>/dev/null; then
	trap 'umount "$mnt" 2>/dev/null || :; cd / && rm -rf "$TMPD"' EXIT
	printf 'indicator,region,period,value\nnet_txn_volume,330100,2021,1\n' >data/inbox/b.csv
	touch -d '1 minute ago' data/inbox/b.csv
	run_expect 0 "$PM" --db t.db -q ingest --inbox data/inbox --archive "$mnt/arch"
	[ -f "$mnt/arch/$(date +%Y/%m)/b.csv" ] || fail "b.csv not copied"
	[ ! -e data/inbox/b.csv ] || fail "b.csv stayed in the inbox"
	[ -z "$(ls -A "$mnt/arch/$(date +%Y/%m)" | grep tmp)" ] ||
		fail "a temporary stayed: $(ls -A "$mnt/arch"/*/*)"
	umount "$mnt"
else
	echo "skip: a move across file systems (cannot mount a tmpfs here)"
fi
