#!/bin/sh
# sqlite-only: the WAL's sync before a file leaves the inbox, seen with strace
# t660-inbox-durable.sh: a file leaves the inbox only once its commit is
# on disk (the WAL synced after the file's rows and before its move), and
# a move syncs the directory it created the new name in before removing
# the old one. Watched with strace: the order of the system calls.
. "${0%/*}/lib.sh"

if ! command -v strace >/dev/null || [ -n "${PM_REAL:-}" ] ||
    ! strace -f -qq -o /dev/null true 2>/dev/null; then
	echo "skip: needs strace and a plain binary"
	exit 0
fi
old() { touch -d '1 minute ago' "$@"; }
mkdir -p data/inbox
printf 'indicator,region,period,value\nnet_txn_volume,330100,2020,1\n' >seed.csv
run_expect 0 "$PM" --db t.db -q ingest seed.csv
# Three files in one run: the second and third commit into a WAL that
# already exists, where only synchronous=FULL syncs at commit.
for f in a b c; do
	printf 'indicator,region,period,value\nnet_txn_volume,330100,2031,1\nbogus,330100,2021,1\n' \
	    >data/inbox/$f.csv
	echo "net_txn_volume,330200,2031,$f" | tr abc 123 >>data/inbox/$f.csv
done
old data/inbox/*.csv
run_expect 1 strace -f -y -qq -o trace \
    -e trace=fsync,fdatasync,link,unlink,rename "$PM" --db t.db -q ingest --inbox data/inbox
[ -f data/archive/*/*/c.csv ] || fail "c.csv not archived"
awk '
BEGIN { rejsynced = 1 }
/(fsync|fdatasync)\(.*-wal>/ { committed = 1 }
/ link\("data\/inbox\// {
	if (!committed) print "moved before its commit was synced: " $0
	committed = 0; dirsynced = 0
}
/ fsync\(.*\/data\/archive\/[0-9]+\/[0-9]+>/ { dirsynced = 1 }
/ unlink\("data\/inbox\// {
	if (!dirsynced) print "removed from the inbox before the archive was synced: " $0
}
/ rename\(.*rejects\.pending"/ { rejsynced = 0 }
/ fsync\(.*\/data\/quarantine>/ { rejsynced = 1 }
/ (fsync|fdatasync)\(.*-wal>/ && rejsynced == 0 {
	print "committed before the rejects file name was synced: " $0
}
' trace >bad
[ ! -s bad ] || fail "$(cat bad)"
expect_eq 3 "$(grep -c ' link("data/inbox/' trace)" "three moves seen"
