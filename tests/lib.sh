# lib.sh - sourced by the shell tests: their arguments, a temporary
# directory, and the verdicts.
#
#   test_init NAME MAX_ARGS "$@"
#       checks that there are 1 to MAX_ARGS arguments, the first winnow;
#       sets W (winnow's absolute path), HERE (tests/), FIX (fixtures/)
#       and T, a temporary directory removed at exit, after the function
#       at_exit when the test defines one.  The arguments after winnow are
#       left in ARGS.
#   w ARGS...   runs winnow (60 s at most); sets rc, with standard output
#               in $out and standard error in $err
#   check NAME  reports the verdict in $why: "ok NAME" when it is empty,
#               else "FAIL NAME: $why"
#   want_rc N   sets why, unless it is set already, when rc is not N
#   skip NAME REASON
#   finish      prints "N passed, M failed[, K skipped]"; its status is 1
#               when a check failed

test_init() {
	local name=$1 max=$2
	shift 2
	if [ $# -lt 1 ] || [ $# -gt "$max" ]; then
		echo "usage: $name.sh WINNOW${ARGS_USAGE:+ $ARGS_USAGE}" >&2
		exit 2
	fi
	W=$(realpath "$1")
	shift
	ARGS=("$@")
	HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
	FIX="$HERE/../fixtures"
	T=$(mktemp -d "${TMPDIR:-/tmp}/winnow-$name.XXXXXX")
	trap lib_exit EXIT
	out="$T/stdout" err="$T/stderr"
	passed=0 failed=0 skipped=0
}

lib_exit() {
	if declare -F at_exit >/dev/null; then
		at_exit
	fi
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}

w() {
	{ timeout 60 "$W" "$@" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
}

want_rc() {
	[ -n "$why" ] || [ "$rc" -eq "$1" ] ||
		why="exit status $rc, expected $1 (stderr: \"$(head -c 300 "$err")\")"
}

check() {
	if [ -z "$why" ]; then
		echo "ok $1"
		passed=$((passed + 1))
	else
		echo "FAIL $1: $why"
		failed=$((failed + 1))
	fi
}

skip() {
	echo "SKIP $1: $2"
	skipped=$((skipped + 1))
}

finish() {
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
}
