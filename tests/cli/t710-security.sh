#!/bin/sh
# t710-security.sh: input text never becomes a command or a path: (a) SQL
# only through prepared statements with literal SQL, checked in src/; (b)
# no "../" through codes that become file names; (c) exported cells that a
# spreadsheet would run as formulas are guarded unless --raw; (d) ingest of
# 10^6 rows stays within 256 MiB of address space.
. "${0%/*}/lib.sh"

# --- (a) SQL only through prepared statements -------------------------------
#
# sql_check DIR: print every place in DIR's .c and .h files where SQL could
# be built from data, exit 1 if there is one:
#  1. sqlite3's printf family (sqlite3_mprintf, _vmprintf, _snprintf,
#     _vsnprintf, sqlite3_str_*printf): SQL made of strings;
#  2. sqlite3_exec(), sqlite3_prepare*(), libpq's PQexec*(), PQsendQuery*(),
#     PQprepare(), PQsendPrepare(), the PostgreSQL backend's shared
#     wrappers store_pg_exec(), _cached(), _run() and _each(), the file's own
#     wrappers (a function with a "const char *sql" parameter) given SQL
#     that is not a string literal, stmt_sql[...], a schema_* array or
#     one of its elements, an array the file declares "static const char
#     NAME[]", or an element of an array of literals it declares "static
#     const char *const NAME_sql[]" (a wrapper passes its own "sql"
#     parameter: its callers are checked instead);
#  3. a string literal (adjacent literals joined) holding an SQL keyword
#     (SELECT, INSERT, UPDATE, DELETE, ...; or a lowercase statement) and a
#     printf conversion (%s, %d, %q, ...): SQL made with printf;
#  4. outside the store (src/core/store.c and src/core/store_*.[ch]),
#     SQL at all: <sqlite3.h>, a sqlite3_ name, <libpq-fe.h>, a libpq
#     call (PQname(...)), or
#     a literal that reads as a statement (SELECT ... FROM, INSERT INTO,
#     UPDATE x SET, DELETE FROM, CREATE TABLE).
# Comments are ignored. One awk run per file; -v file=NAME (as printed),
# store=1 for the store's files.
cat >sqlcheck.awk <<'EOF'
# code: the file without comments; bare: the same with the inside of string
# and character literals turned to x, so that positions match and literals
# hide no parenthesis, comma or name.
{
	line = $0
	out = ""
	bout = ""
	i = 1
	n = length(line)
	while (i <= n) {
		c = substr(line, i, 1)
		if (incomment) {
			if (c == "*" && substr(line, i + 1, 1) == "/") {
				incomment = 0
				out = out "  "
				bout = bout "  "
				i += 2
			} else {
				out = out " "
				bout = bout " "
				i++
			}
			continue
		}
		if (c == "/" && substr(line, i + 1, 1) == "*") {
			incomment = 1
			out = out "  "
			bout = bout "  "
			i += 2
			continue
		}
		if (c == "/" && substr(line, i + 1, 1) == "/")
			break
		if (c == "\"" || c == "'") {
			for (j = i + 1; j <= n; j++) {
				d = substr(line, j, 1)
				if (d == "\\")
					j++
				else if (d == c)
					break
			}
			lit = substr(line, i, j - i + 1)
			out = out lit
			x = substr(lit, 2, length(lit) - 2)
			gsub(/./, "x", x)
			bout = bout c x c
			i = j + 1
			continue
		}
		out = out c
		bout = bout c
		i++
	}
	code = code out "\n"
	bare = bare bout "\n"
}

function lineof(pos,    t) {
	t = substr(code, 1, pos)
	return gsub(/\n/, "", t) + 1
}

function complain(pos, what) {
	printf "%s:%d: %s\n", file, lineof(pos), what
	bad = 1
}

# The arguments of the call whose "(" is at pos, into A[1..k] (from code).
function args(pos,    depth, i, c, start, k) {
	delete A
	depth = 0
	start = pos + 1
	k = 0
	for (i = pos + 1; i <= length(bare); i++) {
		c = substr(bare, i, 1)
		if (c == "(" || c == "[" || c == "{") {
			depth++
		} else if ((c == ")" || c == "]" || c == "}") && depth > 0) {
			depth--
		} else if ((c == "," || c == ")") && depth == 0) {
			A[++k] = substr(code, start, i - start)
			gsub(/^[ \t\n]+|[ \t\n]+$/, "", A[k])
			start = i + 1
			if (c == ")")
				break
		}
	}
	return k
}

function literal_sql(s) {
	if (s ~ /^("([^"\\]|\\.)*"[ \t\n]*)+$/)
		return 1
	if (s ~ /^stmt_sql\[[^]]*\]$/ || s ~ /^schema_[A-Za-z0-9_]+$/ ||
	    s ~ /^schema_[A-Za-z0-9_]+\[[^]]*\]$/)
		return 1
	if (s ~ /^[A-Za-z_][A-Za-z0-9_]*\[[^]]*\]$/) {
		sub(/\[.*$/, "", s)
		return s in sqlarrays
	}
	return s in arrays
}

END {
	ws = "[ \t\n]"
	sqlkw = "(^|[^A-Za-z_])(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE" \
	    "|DROP|ALTER|PRAGMA|ATTACH|VALUES|WHERE)([^A-Za-z_]|$)"
	stmt = "(select" ws ".*" ws "from" ws "|insert" ws "+into" ws \
	    "|update" ws "+[a-z_]+" ws "+set" ws "|delete" ws "+from" ws \
	    "|create" ws "+(table|index)" ws ")"

	# Arrays the file declares static const char NAME[].
	decl = "static" ws "+const" ws "+char" ws "+[A-Za-z_][A-Za-z0-9_]*" ws "*\\["
	rest = bare
	while (match(rest, decl)) {
		d = substr(rest, RSTART, RLENGTH)
		sub(/^static[ \t\n]+const[ \t\n]+char[ \t\n]+/, "", d)
		sub(/[ \t\n]*\[$/, "", d)
		arrays[d] = 1
		rest = substr(rest, RSTART + RLENGTH)
	}

	# Arrays of literals the file declares static const char *const
	# NAME_sql[]: an element of one is a literal.
	decl = "static" ws "+const" ws "+char" ws "*\\*" ws "*const" ws \
	    "+[A-Za-z_][A-Za-z0-9_]*_sql" ws "*\\["
	rest = bare
	while (match(rest, decl)) {
		d = substr(rest, RSTART, RLENGTH)
		sub(/^.*const[ \t\n]+/, "", d)
		sub(/[ \t\n]*\[$/, "", d)
		sqlarrays[d] = 1
		rest = substr(rest, RSTART + RLENGTH)
	}

	# Functions defined here (the name starts a line), and wrappers:
	# functions with a "const char *sql" parameter. pos: where rest
	# starts in bare; paren: the "(" after the name.
	pos = 1
	rest = bare
	while (match(rest, /\n[A-Za-z_][A-Za-z0-9_]*\(/)) {
		p = pos + RSTART
		name = substr(rest, RSTART + 1, RLENGTH - 2)
		paren = pos + RSTART + RLENGTH - 2
		pos = paren + 1
		rest = substr(bare, pos)
		k = args(paren)
		for (a = 1; a <= k; a++)
			if (A[a] ~ /^const[ \t\n]+char[ \t\n]*\*[ \t\n]*sql$/)
				wrap[name] = a
		ndef++
		defpos[ndef] = p
		defname[ndef] = name
	}

	# Rules 1 and 2: the calls.
	pos = 1
	rest = bare
	while (match(rest, /[A-Za-z_][A-Za-z0-9_]*[ \t\n]*\(/)) {
		p = pos + RSTART - 1
		name = substr(rest, RSTART, RLENGTH - 1)
		sub(/[ \t\n]+$/, "", name)
		paren = pos + RSTART + RLENGTH - 2
		pos = paren + 1
		rest = substr(bare, pos)
		if (p == 1 || substr(code, p - 1, 1) == "\n")
			continue                # a definition
		if (name ~ "^sqlite3_(v?mprintf|v?snprintf|str_v?appendf" \
		    "|str_new)$") {
			complain(p, name "(): SQL built as a string")
			continue
		}
		if (name ~ /^sqlite3_(exec|prepare(16)?(_v[23])?)$/)
			want = 2
		else if (name ~ /^PQ(exec|execParams|sendQuery|sendQueryParams)$/ ||
		    name ~ /^store_pg_(exec|run|each|cached)$/)
			want = 2
		else if (name ~ /^PQ(prepare|sendPrepare)$/)
			want = 3
		else if (name in wrap)
			want = wrap[name]
		else
			continue
		if (args(paren) < want)
			continue                # a prototype
		fn = ""
		for (d = ndef; d >= 1; d--)
			if (defpos[d] < p) {
				fn = defname[d]
				break
			}
		s = A[want]
		if (literal_sql(s) || (s == "sql" && (fn in wrap)))
			continue
		if (s ~ /^const[ \t\n]+char[ \t\n]*\*[ \t\n]*sql$/)
			continue        # a prototype of a wrapper
		complain(p, name "() with SQL that is not a literal: " s)
	}

	# Rules 3 and 4: the literals, adjacent ones joined.
	pos = 1
	rest = bare
	while (match(rest, /"[^"\n]*"([ \t\n]*"[^"\n]*")*/)) {
		p = pos + RSTART - 1
		s = substr(code, p, RLENGTH)
		pos = p + RLENGTH
		rest = substr(bare, pos)
		gsub(/"[ \t\n]*"/, "", s)
		s = substr(s, 2, length(s) - 2)
		t = s
		gsub(/%%/, "", t)
		conv = t ~ /%[-+ #0-9.*]*[hlLqjzt]*[A-Za-z]/
		if (conv && (s ~ sqlkw || tolower(s) ~ stmt))
			complain(p, "SQL in a printf format: \"" s "\"")
		else if (!store && tolower(s) ~ stmt && s ~ sqlkw)
			complain(p, "SQL outside the store: \"" s "\"")
	}
	if (!store) {
		if (match(bare, /#[ \t]*include[ \t]*[<"]sqlite3\.h[>"]/))
			complain(RSTART, "includes sqlite3.h")
		if (match(bare, /(^|[^A-Za-z0-9_])sqlite3_[A-Za-z0-9_]+/))
			complain(RSTART, "SQLite outside the store")
		if (match(bare, /#[ \t]*include[ \t]*[<"]libpq-fe\.h[>"]/))
			complain(RSTART, "includes libpq-fe.h")
		if (match(bare, /(^|[^A-Za-z0-9_])PQ[a-z][A-Za-z0-9_]*[ \t]*\(/))
			complain(RSTART, "libpq outside the store")
	}
	exit bad
}
EOF
sql_check() {
	_rc=0
	for _f in $(cd "$1" && find . -name '*.[ch]' | sort); do
		_f=${_f#./}
		_store=
		case $_f in
		core/store.c|core/store_*.[ch]) _store=1 ;;
		esac
		awk -v file="$_f" -v store="$_store" -f sqlcheck.awk \
		    "$1/$_f" || _rc=1
	done
	return $_rc
}

sql_check "$REPO/src" >sql.out ||
    fail "string-built SQL in src/: $(cat sql.out)"

# The checker catches what it is for: each line below, planted in a copy
# of the tree (FILE|LINE, printf %b escapes), makes it fail and names FILE.
plant() {       # plant FILE LINE: a copy of src/ with LINE added to FILE
	rm -rf plant && cp -r "$REPO/src" plant
	printf '\nstatic void planted(struct store *st, const char *s)\n' \
	    >>"plant/$1"
	printf '{\n%s\n}\n' "$2" >>"plant/$1"
}
q='snprintf(q, sizeof(q),'
p2='	sqlite3_prepare_v2(st->db, q.data, -1, &x, NULL);'
while IFS= read -r p; do
	file=${p%%|*}
	plant "$file" "$(printf '%b' "${p#*|}")"
	if sql_check plant >sql.out; then
		fail "the SQL check missed a line planted in $file: ${p#*|}"
	fi
	grep -q "^$file:" sql.out ||
	    fail "the SQL check blamed another file: $(cat sql.out)"
done <<EOF
core/store.c|	char q[99]; $q "SELECT * FROM obs WHERE x = %s", s);
cli/cmd_export.c|	char q[99]; $q "SELECT * FROM obs WHERE x = %s", s);
core/store.c|	char q[99]; $q "select v from obs"\n " where r = '%s'", s);
core/store.c|	struct buf q = BUF_INIT; sqlite3_stmt *x; buf_adds(&q, s);\n$p2
core/store.c|	sqlite3_exec(st->db, s, NULL, NULL, NULL);
core/store.c|	char *q = sqlite3_mprintf("DELETE FROM o WHERE r = %Q", s);
core/store.c|	exec(st, s, "planted", NULL);
core/store_report.c|	sqlite3_stmt *x; prepare_once(st, s, &x, NULL);
core/report.c|	const char *q = "DELETE FROM obs WHERE 1";
render/md.c|#include <sqlite3.h>
core/store_pg.c|	PQclear(PQexec(pg->conn, s));
core/store_pg.c|	struct buf q = BUF_INIT; buf_adds(&q, s);\n	PQexecParams(pg->conn, q.data, 0, NULL, NULL, NULL, NULL, 0);
core/store_pg.c|	PQsendQueryParams(pg->conn, s, 0, NULL, NULL, NULL, NULL, 0);
core/store_pg.c|	PQprepare(pg->conn, "x", s, 0, NULL);
core/store_pg_report.c|	int rc; store_pg_run(pg, s, NULL, "planted", NULL); (void)rc;
core/store_pg_report.c|	char q[99]; $q "DELETE FROM reject WHERE file = %s", s);
core/store_copy.c|	sqlite3_stmt *x; sqlite3_prepare_v2(st->db, names[0], -1, &x, NULL);
cli/cmd_summary.c|#include <libpq-fe.h>
cli/cmd_summary.c|	PQexec(NULL, "SELECT 1");
EOF
# ... and nothing else: the copy without a plant passes.
rm -rf plant && cp -r "$REPO/src" plant
sql_check plant >sql.out ||
    fail "the SQL check fails a plain copy: $(cat sql.out)"
rm -rf plant

# --- (b) no path traversal through names that become file names -----------
cp -r "$REPO/datasets/catalog" cat
printf '../../x,Evil,evil,亿元,flow,increase,M05,,,,,\n' >>cat/indicators.csv
printf '../../m,innovation,Evil,evil,x\n' >>cat/measures.csv
printf '../s,Evil,evil\n' >>cat/systems.csv
printf '../../r,Evil,evil,330000,city,\n' >>cat/regions.csv
run_expect 1 "$PM" --catalog cat catalog check
expect_stderr_has "bad indicator code '../../x'"
expect_stderr_has "bad measure id '../../m'"
expect_stderr_has "bad system id '../s'"
expect_stderr_has "bad region code '../../r'"

# A region alias may be any text (the file is named by the region's code).
cp -r "$REPO/datasets/catalog" cat2
sed 's|^330000,Zhejiang,浙江省,,province,|&../../zj;|' \
	"$REPO/datasets/catalog/regions.csv" >cat2/regions.csv
grep -q '\.\./\.\./zj' cat2/regions.csv || fail "no alias planted"
run_expect 0 "$PM" --db w.db -q ingest "$SAMPLE/yearly.csv"
# Charts are made in a sandbox holding only w/a/b/: "../../x" from its
# --out w/a/b/out would land in w/a/, inside the sandbox, where find sees it.
mkdir -p sb/w/a/b
cd sb
# A catalogue with such codes is refused whole; nothing is written.
run_expect 1 "$PM" --catalog ../cat --db ../w.db chart --all \
	--renderer native --out w/a/b/out
[ ! -e w/a/b/out ] || fail "chart wrote with a refused catalogue"
# Codes that are not in the catalogue are refused, paths or not.
run_expect 2 "$PM" --db ../w.db chart --indicator ../../x --renderer native \
	--out w/a/b/out
run_expect 2 "$PM" --db ../w.db chart --measure ../../m --renderer native \
	--out w/a/b/out
run_expect 2 "$PM" --db ../w.db chart --system ../s --renderer native \
	--out w/a/b/out
run_expect 0 "$PM" --catalog ../cat2 --db ../w.db chart \
	--indicator net_txn_volume --region ../../zj --renderer native \
	--out w/a/b/out
[ -s w/a/b/out/net_txn_volume.330000.Y.png ] || fail "no chart for the alias"
expect_eq "" "$(find . -type f ! -path './w/a/b/out/*' ! -name stdout \
	! -name stderr)" "files written outside --out"
expect_eq "./w ./w/a ./w/a/b ./w/a/b/out" \
	"$(find . -mindepth 1 -type d | sort | tr '\n' ' ' | sed 's/ $//')" \
	"directories in the sandbox"
for f in w/a/b/out/*; do
	case ${f#w/a/b/out/} in
	*/*|.*|-*) fail "odd chart file name: $f" ;;
	esac
done
cd ..

# --- (c) spreadsheet formulas in the CSV export ----------------------------
# Indicator codes are [a-z0-9_]; region codes may start with '-', and units
# are free text: both reach the export.
cp -r "$REPO/datasets/catalog" cat3
printf '=1+1,evil1,1\n+cmd,evil2,1\n@SUM(A1),evil3,1\n' >>cat3/units.csv
printf '%s\n' 'evil_a,Evil A,evil a,=1+1,flow,increase,M05,,,,,' \
	'evil_b,Evil B,evil b,+cmd,flow,increase,M05,,,,,' \
	'evil_c,Evil C,evil c,@SUM(A1),flow,increase,M05,,,,,' \
	>>cat3/indicators.csv
printf '%s\n' '-cmd,Minus,minus,330000,city,' >>cat3/regions.csv
run_expect 0 "$PM" --catalog cat3 catalog check
cat >f.csv <<'EOF'
indicator,region,period,value
evil_a,-cmd,2023,5
evil_b,330000,2023,-6
evil_c,330000,2023,7
net_txn_volume,-cmd,2023,-1.5
EOF
run_expect 0 "$PM" --catalog cat3 --db f.db -q ingest f.csv
run_expect 0 "$PM" --catalog cat3 --db f.db export
cat >want <<'EOF'
indicator,region,period,value,unit,basis
evil_a,"'-cmd",2023,5,"'=1+1",
evil_b,330000,2023,-6,"'+cmd",
evil_c,330000,2023,7,"'@SUM(A1)",
net_txn_volume,"'-cmd",2023,-1.5,亿元,
EOF
expect_cmp want stdout
run_expect 0 "$PM" --catalog cat3 --db f.db export --raw
cat >want.raw <<'EOF'
indicator,region,period,value,unit,basis
evil_a,-cmd,2023,5,=1+1,
evil_b,330000,2023,-6,+cmd,
evil_c,330000,2023,7,@SUM(A1),
net_txn_volume,-cmd,2023,-1.5,亿元,
EOF
expect_cmp want.raw stdout
# The raw export is for machines: it ingests back to the same export.
cp stdout raw.csv
run_expect 0 "$PM" --catalog cat3 --db f2.db -q ingest raw.csv
run_expect 0 "$PM" --catalog cat3 --db f2.db export --raw
expect_cmp want.raw stdout
run_expect 0 "$PM" --catalog cat3 --db f.db export --format json
expect_stdout_has '"region":"-cmd"'
expect_stdout_has '"unit":"=1+1"'

# --- (d) memory: 10^6 rows under a 256 MiB address space -------------------
# Not under ASan (its shadow memory needs terabytes of address space) nor
# valgrind, which both ignore or break under ulimit -v.
if [ -n "${PM_REAL:-}" ]; then
	echo "skip: memory bound (pemetrics runs under valgrind)"
elif case $PM in */asan/*) true ;; *) false ;; esac ||
    grep -q __asan_init "$PM" 2>/dev/null; then
	echo "skip: memory bound (an ASan binary cannot run under ulimit -v)"
else
	awk 'BEGIN {
		n = split("330000 330100 330200 330300 330400 330500 330600 " \
		    "330700 330800 330900 331000 331100", r, " ")
		print "indicator,region,period,value"
		for (i = 0; i < 1000000; i++) {
			k = int(i / n)
			printf "net_txn_volume,%s,%d-%02d,%d.%d\n",
			    r[i % n + 1], 1000 + int(k / 12), k % 12 + 1,
			    i % 9973, i % 7
		}
	}' >big.csv
	run_expect 0 sh -c 'ulimit -v 262144 && exec "$@"' sh \
		"$PM" --db big.db ingest --format json big.csv
	cp stdout big.json
	expect_eq 1000000 "$(json_get big.json '$.files[0].inserted')" \
		"rows stored under ulimit -v 262144"
	rm -f big.csv big.db*
fi
