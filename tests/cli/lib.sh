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

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/pm-cli.XXXXXX")
# chmod first: a test may leave a read-only directory behind.
trap 'cd / && chmod -R u+rwx "$TMPD" 2>/dev/null; rm -rf "$TMPD"' EXIT
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
