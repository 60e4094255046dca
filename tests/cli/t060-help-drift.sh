#!/bin/sh
# t060-help-drift.sh: for every command, the options its --help shows (in
# the synopsis and in the list below it), the man page's SYNOPSIS and the
# README's synopsis name the same long options. --help is generated from
# the option table the parser uses, so this is where the docs drift shows.
. "${0%/*}/lib.sh"

# Long options in stdin, one per line, sorted, without -h/-q/-v's.
opts() {
	grep -o -- '--[a-z][a-z-]*' | grep -v -x -e --help -e --quiet \
	    -e --verbose | sort -u
}

run_expect 0 "$PM" --help
sed -n '/^commands:/,/^$/p' stdout | awk 'NF >= 2 { print $1 }' |
    grep -v '^commands:' >commands
[ -s commands ] || fail "no commands in pemetrics --help"

# The man page's SYNOPSIS: '.Cm CMD' after '.Nm' starts a form, the next
# '.Nm' ends it; a command may have several forms.
sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$REPO/pemetrics.1" |
    awk '/^\.Nm/ { cmd = ""; getline; if ($1 == ".Cm") cmd = $2; next }
	cmd != "" { gsub(/Fl -/, "--"); print cmd, $0 }' >man.syn
# The README's synopsis block: a line "  CMD ..." starts a form, deeper
# indented lines continue it.
awk '/^pemetrics \[--db PATH\]/ { on = 1; next }
	on && /^```/ { exit }
	on && /^  [a-z]/ { cmd = $1; sub(/^  [a-z]+/, ""); print cmd, $0; next }
	on { print cmd, $0 }' "$REPO/README.md" >readme.syn
[ -s man.syn ] || fail "no SYNOPSIS in pemetrics.1"
[ -s readme.syn ] || fail "no synopsis block in README.md"

bad=0
while read -r cmd; do
	run_expect 0 "$PM" "$cmd" --help
	sed '/^$/q' stdout | opts >"help.syn.$cmd"
	sed '1,/^$/d' stdout | opts >"help.list.$cmd"
	awk -v c="$cmd" '$1 == c { $1 = ""; print }' man.syn | opts \
	    >"man.$cmd"
	awk -v c="$cmd" '$1 == c { $1 = ""; print }' readme.syn | opts \
	    >"readme.$cmd"
	awk -v c="$cmd" '$1 == c { f = 1 } END { exit !f }' man.syn ||
	    { echo "pemetrics.1 SYNOPSIS lacks '$cmd'" >&2; bad=1; }
	awk -v c="$cmd" '$1 == c { f = 1 } END { exit !f }' readme.syn ||
	    { echo "README.md synopsis lacks '$cmd'" >&2; bad=1; }
	for other in help.list man readme; do
		if ! cmp -s "help.syn.$cmd" "$other.$cmd"; then
			echo "$cmd: --help synopsis and $other differ:" >&2
			diff "help.syn.$cmd" "$other.$cmd" >&2 || true
			bad=1
		fi
	done
done <commands
[ "$bad" = 0 ] || fail "help, man page and README disagree"

# Every usage line fits a terminal of 80 columns.
while read -r cmd; do
	run_expect 0 "$PM" "$cmd" --help
	awk -v c="$cmd" 'length($0) > 79 { print c ": line too long: " $0;
	    f = 1 } END { exit f }' stdout >&2 || fail "long help line"
done <commands
