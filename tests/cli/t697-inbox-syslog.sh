#!/bin/sh
# t697-inbox-syslog.sh: with --log-syslog, the errors of a run as a whole
# (the lock taken, the inbox unreadable) reach syslog as well as stderr,
# as the per-file lines do. Watched through a /dev/log of our own, in a
# mount namespace of our own (root and unshare(1) needed).
. "${0%/*}/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    ! command -v python3 >/dev/null || ! unshare -m true 2>/dev/null; then
	echo "skip: needs root, unshare and python3"
	exit 0
fi
mkdir -p data/inbox
printf 'indicator,region,period,value\nnet_txn_volume,330100,2020,1\n' >data/inbox/a.csv
touch -d '1 minute ago' data/inbox/a.csv

# In the namespace: /dev is a tmpfs with the few devices a run needs and
# a listener on /dev/log; three runs, their exit codes in rc.N. The lock
# is beside a SQLite store, in the inbox for a store on a server.
lock=t.db.lock
on_sqlite || lock=data/inbox/.pemetrics.lock
cat >inner.sh <<'EOS'
set -eu
d=$1
lock=$2
mkdir -p "$d/olddev"
mount --bind /dev "$d/olddev"
mount -t tmpfs tmpfs /dev
for n in null zero urandom random; do
	: >/dev/$n
	mount --bind "$d/olddev/$n" /dev/$n
done
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
s.settimeout(float(sys.argv[1]))
open("ready", "w").close()
try:
    while True:
        m = s.recv(8192).decode(errors="replace")
        if m.endswith("end-of-test"):
            break
        print(m, flush=True)
except socket.timeout:
    pass
' 300 >syslog.out &
while [ ! -e ready ]; do sleep 0.05; done
exec 9>"$lock"
flock -n 9
rc=0; "$PM" --db t.db -q ingest --inbox data/inbox --log-syslog >out.1 2>err.1 || rc=$?
echo $rc >rc.1
exec 9>&-
rc=0; "$PM" --db t.db -q ingest --inbox nope --log-syslog >out.2 2>err.2 || rc=$?
echo $rc >rc.2
rc=0; "$PM" --db t.db -q ingest --inbox data/inbox --log-syslog >out.3 2>err.3 || rc=$?
echo $rc >rc.3
logger -u /dev/log end-of-test
wait
EOS
unshare -m sh inner.sh "$(pwd)" "$lock" || fail "the namespace: $(cat syslog.out)"
expect_eq "3 4 0" "$(cat rc.1) $(cat rc.2) $(cat rc.3)" "exit codes"
grep -q "^<11>.*pemetrics\\[[0-9]*\\]: $lock: another ingest holds the lock (waited 0 s" syslog.out ||
	fail "lock not in syslog: $(cat syslog.out)"
grep -q 'another ingest holds the lock' err.1 || fail "lock not on stderr"
grep -q '^<11>.*pemetrics\[[0-9]*\]: nope: cannot read the inbox: No such file or directory' syslog.out ||
	fail "inbox not in syslog: $(cat syslog.out)"
grep -q '^<14>.*pemetrics\[[0-9]*\]: data/inbox/a.csv: 1 rows: 1 inserted' syslog.out ||
	fail "file line not in syslog: $(cat syslog.out)"
