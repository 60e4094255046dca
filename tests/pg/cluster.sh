#!/bin/sh
# tests/pg/cluster.sh - a throwaway PostgreSQL cluster for the tests.
#
#   cluster.sh run CMD...   start a cluster, run CMD with PEMETRICS_TEST_PG
#                           set to its URI, then stop and remove the
#                           cluster however CMD ends; exit with CMD's code
#   cluster.sh start DIR    start a cluster in the new directory DIR (its
#                           parent must exist); print its URI
#   cluster.sh stop DIR     stop the cluster in DIR and remove DIR
#   cluster.sh pause DIR    stop its server at once (as a crash would:
#                           pg_ctl -m immediate), keeping DIR
#   cluster.sh resume DIR   start it again (recovery runs), same URI
#
# The cluster: initdb -A trust into a directory of its own, listening on a
# Unix socket in that directory only (no TCP), on a port no other cluster
# uses there. The URI names the database "postgres" and the superuser
# "postgres": postgresql:///postgres?host=DIR&port=PORT&user=postgres.
# The server refuses to run as root: as root, initdb and pg_ctl run as the
# user "postgres" (Debian's package creates it), otherwise as the caller.
# PG_BIN overrides where the server programs are (default: pg_config's
# bindir, else /usr/lib/postgresql/15/bin). POSIX sh.
set -u

pg_bin() {
	if [ -n "${PG_BIN:-}" ]; then
		echo "$PG_BIN"
	elif [ -x /usr/lib/postgresql/15/bin/initdb ]; then
		echo /usr/lib/postgresql/15/bin
	else
		d=$(pg_config --bindir 2>/dev/null) && [ -x "$d/initdb" ] &&
		    echo "$d" && return 0
		ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -n 1
	fi
}

# as_owner CMD...: run CMD as the user who owns the cluster.
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {       # start DIR
	dir=$1
	bin=$(pg_bin)
	if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
		echo "cluster.sh: no PostgreSQL server programs (install" \
		    "postgresql, or set PG_BIN)" >&2
		return 1
	fi
	mkdir -m 700 "$dir" || return 1
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || {
			echo "cluster.sh: no user 'postgres' to run the" \
			    "server as" >&2
			return 1
		}
		chown postgres "$dir" || return 1
		# Its parents must be enterable by that user.
		chmod o+x "${dir%/*}" 2>/dev/null
	fi
	port=$(( 20000 + $$ % 30000 ))
	as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres \
	    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		echo "cluster.sh: initdb failed:" >&2
		tail -n 20 "$dir/initdb.log" >&2
		return 1
	}
	echo "$port" >"$dir/port"
	serve "$dir" || return 1
	echo "postgresql:///postgres?host=$dir&port=$port&user=postgres"
}

serve() {       # serve DIR: start the server of the cluster in DIR
	dir=$1
	bin=$(pg_bin)
	port=$(cat "$dir/port") || return 1
	# Small and quiet: the tests run on shared machines.
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	    -t 60 -o "-k $dir -p $port -c listen_addresses= \
	    -c shared_buffers=32MB -c max_connections=60 -c fsync=off \
	    -c synchronous_commit=off -c full_page_writes=off" \
	    start >/dev/null 2>&1 || {
		echo "cluster.sh: the server did not start:" >&2
		tail -n 20 "$dir/server.log" >&2
		return 1
	}
}

stop() {        # stop DIR
	dir=$1
	[ -d "$dir" ] || return 0
	bin=$(pg_bin)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop \
		    >/dev/null 2>&1
	fi
	rm -rf "$dir"
}

case ${1:-} in
start)
	[ $# -eq 2 ] || { echo "usage: cluster.sh start DIR" >&2; exit 2; }
	uri=$(start "$2") || { stop "$2"; exit 1; }
	echo "$uri"
	;;
stop)
	[ $# -eq 2 ] || { echo "usage: cluster.sh stop DIR" >&2; exit 2; }
	stop "$2"
	;;
pause)
	[ $# -eq 2 ] || { echo "usage: cluster.sh pause DIR" >&2; exit 2; }
	as_owner "$(pg_bin)/pg_ctl" -D "$2/data" -m immediate -w stop >/dev/null
	;;
resume)
	[ $# -eq 2 ] || { echo "usage: cluster.sh resume DIR" >&2; exit 2; }
	serve "$2"
	;;
run)
	shift
	[ $# -ge 1 ] || { echo "usage: cluster.sh run CMD..." >&2; exit 2; }
	base=$(mktemp -d "${TMPDIR:-/tmp}/pm-pg.XXXXXX") || exit 1
	trap 'stop "$base/c"; rm -rf "$base"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	uri=$(start "$base/c") || exit 1
	echo "cluster.sh: PostgreSQL at ${uri%%&user=*}" >&2
	PEMETRICS_TEST_PG=$uri
	PG_CLUSTER_DIR=$base/c
	export PEMETRICS_TEST_PG PG_CLUSTER_DIR
	rc=0
	"$@" || rc=$?
	exit $rc
	;;
*)
	echo "usage: cluster.sh run CMD... | start|stop|pause|resume DIR" >&2
	exit 2
	;;
esac
