#!/bin/sh
# bootstrap-deps.sh - install the Debian packages pemetrics needs, if missing.
#
# Checks for each build or run-time dependency (headers, libraries, programs)
# and installs only the packages that are absent, with apt-get. When it cannot
# install (not root and no sudo, no network), it prints the exact command to
# run and exits 1. Set PM_NO_BOOTSTRAP=1 to skip it entirely.
#
# usage: bootstrap-deps.sh [run|test|bench|fuzz]
#   run    what building and running pemetrics needs (make, make demo),
#          libpq-dev among them
#   test   that and what the tests need (make test): cmocka, valgrind,
#          sqlite3, xmllint, chromium, gdb and strace (to stop a run at
#          a chosen point, to watch its system calls), postgresql (a
#          throwaway server for the store's tests) (the default)
#   bench  that and sqlite3, /usr/bin/time, postgresql, node and npm
#          (DuckDB, from the npm registry, is the column-store yardstick)
#          (make bench)
#   fuzz   that and clang with its sanitizer runtimes (make fuzz)
set -u
what=${1:-test}

[ "${PM_NO_BOOTSTRAP:-0}" = 1 ] && exit 0

missing=""
need() {        # need PACKAGE TEST...
	pkg=$1; shift
	if ! "$@" >/dev/null 2>&1; then
		missing="$missing $pkg"
	fi
}
have_header() { [ -f "/usr/include/$1" ] || [ -f "/usr/include/x86_64-linux-gnu/$1" ] \
	|| [ -n "$(find /usr/include -path "*/$1" -print -quit 2>/dev/null)" ]; }

need build-essential  command -v cc
need make             command -v make
need pkg-config       command -v pkg-config
need libcsv-dev       have_header csv.h
need libsqlite3-dev   have_header sqlite3.h
need libpng-dev       have_header png.h
need libssl-dev       have_header openssl/evp.h
need libfreetype-dev  have_header ft2build.h
need libfontconfig-dev have_header fontconfig/fontconfig.h
need libpq-dev        have_header libpq-fe.h
need gnuplot-nox      command -v gnuplot
need fonts-noto-cjk   test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
need fontconfig       command -v fc-match
case $what in
test)
	need libcmocka-dev    have_header cmocka.h
	need sqlite3          command -v sqlite3
	need valgrind         command -v valgrind
	need libxml2-utils    command -v xmllint
	need chromium         command -v chromium
	need gdb              command -v gdb
	need strace           command -v strace
	need postgresql       test -n "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)"
	;;
bench)
	need sqlite3          command -v sqlite3
	need time             test -x /usr/bin/time
	need nodejs           command -v node
	need npm              command -v npm
	need postgresql       test -n "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)"
	;;
fuzz)
	need clang            command -v clang
	need libclang-rt-dev  test -n "$(find /usr/lib -name 'libclang_rt.fuzzer*' -print -quit 2>/dev/null)"
	;;
esac
for extra in ${PM_EXTRA_PACKAGES:-}; do
	need "$extra" dpkg -s "$extra"
done

[ -z "$missing" ] && exit 0

echo "bootstrap: missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "bootstrap: cannot install as an unprivileged user; run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be empty on a fresh machine: update first, once.
if ! $sudo apt-get update -qq >&2; then
	echo "bootstrap: 'apt-get update' failed (no network?); run:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -qq --no-install-recommends $missing >&2; then
	echo "bootstrap: 'apt-get install' failed; run:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
echo "bootstrap: installed$missing" >&2
