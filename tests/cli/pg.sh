# tests/cli/pg.sh - sourced after lib.sh by the tests that run against a
# PostgreSQL server (t800-t849): . "${0%/*}/pg.sh"
#
# The server is the one PEMETRICS_TEST_PG names (a URI of the form
# tests/pg/cluster.sh prints: postgresql:///postgres?host=DIR&port=N&
# user=postgres; make test starts one). Without it the test is skipped:
# it says so and exits 77, which run.sh counts as skipped. The backend
# pass (PM_BACKEND=pg) skips these tests: they are PostgreSQL's already.
#
#   pg_db NAME      create database NAME (dropped first if there), print
#                   its URI (the superuser's)
#   pg_uri DB USER  the URI of database DB as role USER
#   pg_sql URI SQL  run SQL with psql, quietly; its rows on stdout
#   pg_cluster      the directory of the server, when the harness gave it
#                   (PG_CLUSTER_DIR), for tests that start their own
#   both NAME CODE ARGS...  ARGS on the SQLite store pm.db and on the
#                   server's store $PG, the same exit code CODE, outputs
#                   in NAME.sqlite.{out,err} and NAME.pg.{out,err}, which
#                   must be equal

if [ "${PM_BACKEND:-sqlite}" = pg ]; then
	echo "skip: runs against PostgreSQL in the default pass already"
	exit 77
fi
if [ -z "${PEMETRICS_TEST_PG:-}" ]; then
	echo "skip: no PostgreSQL server (PEMETRICS_TEST_PG unset; make test" \
	    "starts one, or: sh tests/pg/cluster.sh run make cli-run)"
	exit 77
fi
command -v psql >/dev/null 2>&1 || {
	echo "skip: no psql (install postgresql-client)"
	exit 77
}
PG_BASE=$PEMETRICS_TEST_PG
PG_QUERY=${PG_BASE#*\?}
unset PGOPTIONS PGPASSWORD PGSERVICE PGDATABASE PGUSER

pg_sql() {
	psql "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "$2"
}

pg_uri() {      # pg_uri DB USER
	echo "postgresql:///$1?$(echo "$PG_QUERY" | sed "s/user=[^&]*/user=$2/")"
}

pg_db() {       # pg_db NAME
	pg_sql "$PG_BASE" "DROP DATABASE IF EXISTS \"$1\"" >/dev/null &&
	pg_sql "$PG_BASE" "CREATE DATABASE \"$1\"" >/dev/null &&
	pg_uri "$1" postgres
}

both() {
	_n=$1 _c=$2
	shift 2
	run_expect "$_c" "$PM" --db pm.db "$@"
	mv stdout "$_n.sqlite.out"
	mv stderr "$_n.sqlite.err"
	run_expect "$_c" "$PM" --db "$PG" "$@"
	mv stdout "$_n.pg.out"
	mv stderr "$_n.pg.err"
	expect_cmp "$_n.sqlite.out" "$_n.pg.out"
	expect_cmp "$_n.sqlite.err" "$_n.pg.err"
}
