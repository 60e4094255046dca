#!/bin/sh
# tests/cli/run.sh - run every tests/cli/tNNN-*.sh, the long ones first, each in
# its own sh; show a test's output only when it fails.
#
#   PM=/abs/pemetrics sh tests/cli/run.sh
#   PM=/abs/tests/cli/valgrind-pm PM_REAL=/abs/pemetrics PM_SLOW=1 \
#       sh tests/cli/run.sh
#
# With PM_SLOW=1 (every run of the binary is slow, as under valgrind), a
# test that says "# slow" in its first 3 lines is skipped. A test that
# says "# once: REASON" there runs in the first pass only: it is skipped
# with PM_SLOW=1, with PM_AGAIN=1 (make test's sanitizer pass) and in the
# backend pass (it builds its own binary, or runs none). Tests that say
# "# long" there are started first; with PM_QUICK=1 (make check) they are
# skipped. A test that exits 77 skipped itself (no PostgreSQL server,
# say), with a line "skip: REASON". PM_TEST_TIMEOUT (seconds, default 600) bounds one test when
# timeout(1) is there. PM_JOBS tests run at once (default: the number of
# cores, at least 2); results are printed in name order, with the
# seconds each took. Exit 1 if any test failed.
# Operands, if any, pick tests by name prefix: sh tests/cli/run.sh t630 t7
#
# PM_BACKEND=pg is the backend pass: the same tests, every store they
# name on the PostgreSQL server PEMETRICS_TEST_PG names (tests/pg/
# cluster.sh), a database per test and store path, dropped after the
# test (lib.sh, tests/cli/pg-pm). Tests that say "# sqlite-only: REASON"
# in their first 3 lines, and the PostgreSQL tests (t8xx), are skipped.

LC_ALL=C        # name order is byte order
export LC_ALL

case $0 in
*/*)	dir=${0%/*} ;;
*)	dir=. ;;
esac
dir=$(cd "$dir" && pwd) || exit 2

if [ -z "${PM:-}" ]; then
	echo "run.sh: set PM to the pemetrics binary" >&2
	exit 2
fi
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

slow=${PM_SLOW:-0}
quick=${PM_QUICK:-0}
again=${PM_AGAIN:-0}
[ "$slow" = 1 ] || [ "${PM_BACKEND:-sqlite}" = pg ] && again=1
limit=${PM_TEST_TIMEOUT:-600}
if command -v timeout >/dev/null 2>&1; then
	tmo="timeout $limit"
else
	tmo=
fi

cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
[ "$cores" -ge 2 ] 2>/dev/null || cores=2
jobs=${PM_JOBS:-$cores}
out=$(mktemp -d "${TMPDIR:-/tmp}/pm-cli-run.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# picked NAME: true when no operands were given or one prefixes NAME.
picked() {
	[ $# -eq 1 ] || return 2
	[ -z "$picks" ] && return 0
	for p in $picks; do
		case $1 in "$p"*) return 0 ;; esac
	done
	return 1
}
picks=$*

# The tests to run, one per line; the skipped ones noted now. Tests that
# say "# long" in their first 3 lines start first, so that two of them do
# not end up running alone at the end.
: >"$out/list"
: >"$out/rest"
for t in "$dir"/t[0-9][0-9][0-9]-*.sh; do
	[ -f "$t" ] || continue
	name=${t##*/}
	name=${name%.sh}
	picked $name || continue
	if [ "$slow" = 1 ] && head -n 3 "$t" | grep -q '^# slow'; then
		echo skip >"$out/$name.rc"
		continue
	fi
	if [ "$again" = 1 ] && head -n 3 "$t" | grep -q '^# once: '; then
		head -n 3 "$t" | sed -n 's/^# once: //p' >"$out/$name.once"
		echo skip-once >"$out/$name.rc"
		continue
	fi
	if [ "$quick" = 1 ] && head -n 3 "$t" | grep -q '^# long'; then
		echo skip-long >"$out/$name.rc"
		continue
	fi
	if head -n 3 "$t" | grep -q '^# long'; then
		echo "$t" >>"$out/list"
	else
		echo "$t" >>"$out/rest"
	fi
done
cat "$out/rest" >>"$out/list"

# One test: its output to NAME.log, its exit code to NAME.rc. In the
# backend pass, the databases its stores went to (NAME.pg/pmt_*) are
# dropped after it, however it ended.
export out tmo
# shellcheck disable=SC2016 # expanded by the inner sh
xargs -P "$jobs" -I '{}' sh -c '
	t=$1; name=${t##*/}; name=${name%.sh}
	rc=0
	t0=$(date +%s)
	if [ "${PM_BACKEND:-sqlite}" = pg ]; then
		PM_PG_STATE=$out/$name.pg
		export PM_PG_STATE
		mkdir "$PM_PG_STATE"
	fi
	$tmo sh "$t" </dev/null >"$out/$name.log" 2>&1 || rc=$?
	if [ -n "${PM_PG_STATE:-}" ]; then
		for f in "$PM_PG_STATE"/pmt_*; do
			[ -f "$f" ] || continue
			psql "$PEMETRICS_TEST_PG" -X -q -c "DROP DATABASE IF EXISTS ${f##*/} WITH (FORCE)" \
			    >/dev/null 2>>"$out/$name.log" || rc=1
		done
	fi
	echo $(($(date +%s) - t0)) >"$out/$name.s"
	echo "$rc" >"$out/$name.rc"' sh '{}' <"$out/list"

npass=0
nfail=0
nskip=0
for t in "$dir"/t[0-9][0-9][0-9]-*.sh; do
	[ -f "$t" ] || continue
	name=${t##*/}
	name=${name%.sh}
	picked $name || continue
	rc=$(cat "$out/$name.rc" 2>/dev/null || echo lost)
	s=$(cat "$out/$name.s" 2>/dev/null || echo '?')
	case $rc in
	skip)
		echo "skip ${name%%-*} (slow under valgrind)"
		nskip=$((nskip + 1)) ;;
	skip-long)
		echo "skip ${name%%-*} (long: make test runs it)"
		nskip=$((nskip + 1)) ;;
	skip-once)
		echo "skip ${name%%-*} (once: $(cat "$out/$name.once"))"
		nskip=$((nskip + 1)) ;;
	77)
		echo "skip ${name%%-*} ($(grep '^skip: ' "$out/$name.log" |
		    head -n 1 | cut -c7-))"
		nskip=$((nskip + 1)) ;;
	0)
		echo "ok   $name ($s s)"
		npass=$((npass + 1)) ;;
	*)
		echo "FAIL $name (exit $rc, $s s)"
		sed 's/^/    /' "$out/$name.log" 2>/dev/null
		nfail=$((nfail + 1)) ;;
	esac
done

case ${PM_BACKEND:-sqlite} in
pg)	on=" (stores on PostgreSQL)" ;;
*)	on= ;;
esac
if [ "$slow" = 1 ] || [ "$quick" = 1 ] || [ "$again" = 1 ] ||
    [ "$nskip" -gt 0 ]; then
	echo "$npass passed, $nfail failed, $nskip skipped$on"
else
	echo "$npass passed, $nfail failed$on"
fi
[ "$nfail" -eq 0 ]
