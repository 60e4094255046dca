# tests/cli/lib.sh - sourced by every CLI test: . "${0%/*}/lib.sh"
#
# Gives the test: set -eu; a fresh temporary directory as the working
# directory, removed on exit; $PM (the binary, absolute), $REPO (the
# repository root, absolute), $SAMPLE (datasets/sample); PEMETRICS_CATALOG
# pointing at the repository's catalogue and PEMETRICS_DB unset, so that
# nothing depends on the caller's cwd or environment. POSIX sh (dash).
#
#   run_expect CODE CMD...    run CMD, stdout to ./stdout, stderr to ./stderr;
#                             fail unless it exits with CODE
#   fail MSG                  stop the test with MSG (and the last command's
#                             output)
#   expect_stdout_has STR     ./stdout contains STR (grep -F); _lacks: not
#   expect_stderr_has STR     the same for ./stderr
#   expect_cmp EXPECTED ACTUAL  identical files, else diff -u and fail
#   expect_eq WANT GOT WHAT   two strings are equal
#   json_get FILE PATH        sqlite3's json_extract of FILE at PATH
#   build_pngcols             ./pngcols, to find a colour in a PNG's columns
#   gnuplot_logger GNUPLOT    $GP: run with a gnuplot that keeps its script
#                             and data files
#   hold_ingest_lock STORE FILE  hold what an ingest of FILE into STORE
#                             waits for (fd 3 open; exec 3>&- releases)
#   on_sqlite                 the stores are SQLite files (not the backend
#                             pass, PM_BACKEND=pg: see run.sh)
#   store_shown PATH          the store's name in messages: PATH, or its URI
#   store_exists PATH         the store was made; store_rm PATH removes it
#
# In the backend pass a store is a database on a server, not a file: a
# test checks a store through these, or pemetrics, or sqlite3 (there, a
# store's sqlite3 is psql on its database: tests/cli/pg-sqlite3), never
# with test -e, cp or rm; the lock of an inbox run on a server is in the
# inbox (.pemetrics.lock), not beside the store.
#
# Always run pemetrics through run_expect: under valgrind (make test) the
# exit code is the only thing that reports a memory error.

set -eu

case $0 in
*/*)	_pm_testdir=${0%/*} ;;
*)	_pm_testdir=. ;;
esac
REPO=$(cd "$_pm_testdir/../.." && pwd)
SAMPLE=$REPO/datasets/sample
PM=${PM:-$REPO/pemetrics}
case $PM in
/*)	;;
*/*)	PM=$(pwd)/$PM ;;
esac
export PM
if [ -n "${PM_REAL:-}" ]; then
	case $PM_REAL in
	/*)	;;
	*/*)	PM_REAL=$(pwd)/$PM_REAL ;;
	esac
	export PM_REAL
fi
PEMETRICS_CATALOG=$REPO/datasets/catalog
export PEMETRICS_CATALOG
unset PEMETRICS_DB
LC_ALL=C
export LC_ALL

# The backend pass (PM_BACKEND=pg, run.sh): the same test with its stores
# on PostgreSQL (tests/cli/pg-pm); a test that says "# sqlite-only: REASON"
# in its first 4 lines is skipped.
_pm_pg_own=
if [ "${PM_BACKEND:-sqlite}" = pg ]; then
	_pm_why=$(head -n 4 "$0" | sed -n 's/^# sqlite-only: //p')
	if [ -n "$_pm_why" ]; then
		echo "skip: sqlite-only: $_pm_why"
		exit 77
	fi
	if [ -z "${PEMETRICS_TEST_PG:-}" ]; then
		echo "skip: no PostgreSQL server for the backend pass" \
		    "(PEMETRICS_TEST_PG unset)"
		exit 77
	fi
	if [ -z "${PM_PG_STATE:-}" ]; then
		PM_PG_STATE=$(mktemp -d "${TMPDIR:-/tmp}/pm-pg-state.XXXXXX")
		_pm_pg_own=$PM_PG_STATE
	fi
	PM_PG_SQLITE3=$(command -v sqlite3 || echo sqlite3)
	mkdir -p "$PM_PG_STATE/path"
	# Written out with their settings: a test may run $PM under env -i.
	_pm_q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
	for _pm_f in pemetrics:pg-pm:"$PM" path/sqlite3:pg-sqlite3:-; do
		_pm_real=${_pm_f#*:*:}
		_pm_src=${_pm_f#*:}
		_pm_src=${_pm_src%%:*}
		cat >"$PM_PG_STATE/${_pm_f%%:*}" <<EOW
#!/bin/sh
PM_PG_REAL=$(_pm_q "$_pm_real") PM_PG_BASE=$(_pm_q "$PEMETRICS_TEST_PG") \\
PM_PG_STATE=$(_pm_q "$PM_PG_STATE") PM_PG_SQLITE3=$(_pm_q "$PM_PG_SQLITE3") \\
PM_PG_PATH=$(_pm_q "$PATH") exec /bin/sh $(_pm_q "$REPO/tests/cli/$_pm_src") "\$@"
EOW
		chmod +x "$PM_PG_STATE/${_pm_f%%:*}"
	done
	# $PM is a wrapper (exec'd, same process): PM_REAL names the binary,
	# as under valgrind, for the parts that need the binary itself (gdb).
	PM_REAL=$PM
	PM=$PM_PG_STATE/pemetrics
	PATH=$PM_PG_STATE/path:$PATH
	export PM PM_REAL PATH
fi

# on_sqlite: true unless this is the backend pass (the stores are SQLite
# files), for the few checks that look into the file itself.
on_sqlite() {
	[ "${PM_BACKEND:-sqlite}" != pg ]
}

# store_shown PATH: the store's name as pemetrics shows it in messages
# and on charts: PATH, or in the backend pass the URI it went to.
store_shown() {
	if on_sqlite; then
		printf '%s\n' "$1"
	else
		"$PM" --pg-uri "$1"
	fi
}

# store_exists PATH: the store PATH names was made (its file; on the
# server, its schema). store_rm PATH: remove it, a new store next time.
store_exists() {
	if on_sqlite; then
		[ -e "$1" ]
	else
		[ "$(psql "$("$PM" --pg-uri "$1")" -X -q -A -t -c \
		    "SELECT count(*) FROM pg_namespace WHERE nspname = 'pemetrics'" \
		    2>/dev/null)" = 1 ]
	fi
}

store_rm() {
	if on_sqlite; then
		rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
	elif store_exists "$1"; then
		psql "$("$PM" --pg-uri "$1")" -X -q -c \
		    "DROP SCHEMA pemetrics CASCADE" >/dev/null 2>&1
	fi
}

# The databases the backend pass made for the test, dropped at its end
# (run.sh drops them itself: it gives PM_PG_STATE).
_pm_pg_drop() {
	[ -n "$_pm_pg_own" ] || return 0
	for _pm_f in "$_pm_pg_own"/pmt_*; do
		[ -f "$_pm_f" ] || continue
		psql "$PEMETRICS_TEST_PG" -X -q -c \
		    "DROP DATABASE IF EXISTS ${_pm_f##*/} WITH (FORCE)" \
		    >/dev/null 2>&1
	done
	rm -rf "$_pm_pg_own"
}

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/pm-cli.XXXXXX")
# chmod first: a test may leave a read-only directory behind.
trap 'cd / && chmod -R u+rwx "$TMPD" 2>/dev/null; rm -rf "$TMPD"; _pm_pg_drop' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$TMPD"

_pm_last=

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	if [ -n "$_pm_last" ]; then
		printf 'last command: %s\n' "$_pm_last" >&2
		for _pm_f in stdout stderr; do
			[ -f "$_pm_f" ] || continue
			echo "--- $_pm_f (first 40 lines)" >&2
			head -n 40 "$_pm_f" >&2
		done
	fi
	exit 1
}

run_expect() {
	_pm_want=$1
	shift
	_pm_last="$*"
	_pm_got=0
	"$@" >stdout 2>stderr || _pm_got=$?
	if [ "$_pm_got" -ne "$_pm_want" ]; then
		fail "exit code $_pm_got, expected $_pm_want"
	fi
}

expect_stdout_has() {
	grep -qF -- "$1" stdout || fail "stdout lacks: $1"
}

expect_stderr_has() {
	grep -qF -- "$1" stderr || fail "stderr lacks: $1"
}

expect_stdout_lacks() {
	! grep -qF -- "$1" stdout || fail "stdout has: $1"
}

expect_stderr_lacks() {
	! grep -qF -- "$1" stderr || fail "stderr has: $1"
}

expect_cmp() {
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -n 60 >&2 || :
		_pm_last=
		fail "$2 differs from $1"
	fi
}

expect_eq() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$1', got '$2'"
}

json_get() {
	sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"
}

# gdb can run a program here (installed, and ptrace allowed).
# hold_ingest_lock STORE FILE: hold what an ingest of FILE into STORE
# waits for after hashing it (SQLite's write lock, or on a server the
# advisory lock of FILE's content), in a background session fed by the
# FIFO ./ctl on fd 3 (its PID in $lockpid, $uri the server's store);
# returns once the lock is held. "exec 3>&-" releases it.
hold_ingest_lock() {
	rm -f ctl
	mkfifo ctl
	if on_sqlite; then
		sqlite3 "$1" <ctl >/dev/null 2>&1 &
		lockpid=$!
		exec 3>ctl
		echo "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS pm_test_lock(x);" >&3
		_pm_n=0
		until ! sqlite3 "$1" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE;
		    ROLLBACK;" >/dev/null 2>&1; do
			_pm_n=$((_pm_n + 1))
			[ $_pm_n -lt 300 ] || fail "the lock was not taken"
			sleep 0.1
		done
	else
		uri=$(store_shown "$1")
		psql "$uri" -X -q <ctl >/dev/null 2>&1 &
		lockpid=$!
		exec 3>ctl
		echo "BEGIN; SELECT pg_advisory_xact_lock($((0x504e)),
		    hashtext('$(sha256sum "$2" | cut -c1-64)'));" >&3
		_pm_n=0
		until [ "$(psql "$uri" -X -A -t -c "SELECT count(*) FROM
		    pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ]; do
			_pm_n=$((_pm_n + 1))
			[ $_pm_n -lt 300 ] || fail "the lock was not taken"
			sleep 0.1
		done
	fi
}

gdb_works() {
	command -v gdb >/dev/null 2>&1 &&
		gdb -batch -ex run --args true >/dev/null 2>&1
}

# build_pngcols: ./pngcols FILE RRGGBB Y0 Y1 prints the runs of columns
# ("a-b") holding a pixel of that colour between rows Y0 and Y1 of a PNG
# (tests/cli/pngcols.c).
build_pngcols() {
	${CC:-cc} -o pngcols "$REPO/tests/cli/pngcols.c" \
	    $(pkg-config --cflags --libs libpng) ||
		fail "cannot build the PNG reader"
}

# gnuplot_logger REAL_GNUPLOT: $GP then runs a command with a gnuplot that
# appends its script to ./script.gp and keeps a copy of every data file a
# plot names in ./keep/ (pemetrics removes them when it is done).
gnuplot_logger() {
	mkdir -p log keep
	cat >log/gnuplot <<EOG
#!/bin/sh
n=0
while IFS= read -r line; do
	case \$line in
	plot*|*keyentry*)
		for f in \$(printf '%s\\n' "\$line" | grep -o "'[^']*\\.dat'" | tr -d "'"); do
			n=\$((n + 1))
			cp "\$f" "$TMPD/keep/\$n.\${f##*/}"
		done ;;
	esac
	printf '%s\\n' "\$line" >>"$TMPD/script.gp"
	printf '%s\\n' "\$line"
done | "$1" "\$@"
EOG
	chmod +x log/gnuplot
	GP="env PATH=$TMPD/log:$PATH"
}
