#!/bin/sh
# once: builds and installs a plain binary of its own
# t050-install.sh: "make install PREFIX=... DESTDIR=..." installs the
# binary, the catalogue (found by the installed binary without --catalog),
# the chart templates and the man page.
. "${0%/*}/lib.sh"

command -v make >/dev/null || fail "make is not installed"
# A build of its own for PREFIX=/opt/pm (the paths compiled in change), in
# this test's directory: the binaries other tests are running stay as
# they are. The caller's make variables (a sanitizer build's) stay out.
MAKEFLAGS= MAKELEVEL= MFLAGS= make -s -C "$REPO" BUILD="$(pwd)/build" \
	BIN="$(pwd)/pm-bin" install DESTDIR="$(pwd)/root" PREFIX=/opt/pm \
	>make.out 2>&1 || fail "make install: $(cat make.out)"
strings "$(pwd)/pm-bin" | grep -q '^/opt/pm/share/pemetrics' ||
	fail "the installed binary was not built for PREFIX=/opt/pm"
bin=root/opt/pm/bin/pemetrics
[ -x $bin ] || fail "no binary"
[ -f root/opt/pm/share/pemetrics/catalog/indicators.csv ] || fail "no catalogue"
[ -f root/opt/pm/share/pemetrics/charts/trend.gp ] || fail "no chart templates"
[ -f root/opt/pm/share/man/man1/pemetrics.1 ] || fail "no man page"
[ -f root/opt/pm/share/man/man5/pemetrics.5 ] || fail "no man page of the file formats"
grep -q '@VERSION@' root/opt/pm/share/man/man5/pemetrics.5 && fail "version not filled in (5)"
grep -q '@VERSION@' root/opt/pm/share/man/man1/pemetrics.1 && fail "version not filled in"

# The installed binary, away from the source tree and without
# PEMETRICS_CATALOG, finds its catalogue and templates.
unset PEMETRICS_CATALOG
run_expect 0 "$(pwd)/$bin" catalog check
expect_stdout_has "catalog ok: 5 systems, 25 measures"
run_expect 0 "$(pwd)/$bin" --db t.db -q ingest "$SAMPLE/yearly.csv"
if command -v gnuplot >/dev/null; then
	run_expect 0 "$(pwd)/$bin" --db t.db chart --indicator net_txn_volume \
		--renderer gnuplot --out out
	[ -s out/net_txn_volume.330000.Y.png ] || fail "installed chart"
fi
