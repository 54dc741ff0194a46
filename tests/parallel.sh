#!/bin/bash
# parallel.sh WINNOW - contrib/parallel/winnow-parallel on workers that GNU
# parallel reaches through a real ssh.
#
# Starts an sshd of its own on 127.0.0.1 and 127.0.0.2 (a random free
# port, a host key and an authorized key made here, its PID killed on
# exit), so that the workers are "2/ssh ... root@127.0.0.1", "1/ssh ...
# root@127.0.0.2" and the local ":".  Builds a JSON Lines corpus from the
# fixtures (and the ScrapingHub pages of /work/shared/bench/scrapinghub
# when present) with bad records, a record larger than a block and a last
# line without a newline, and checks: the merged output equals one
# winnow --jsonl run byte for byte, line for line; the jobs ran on every
# worker (the job log's hosts, the sshd log's logins); -o OUT written
# through a temporary file, and not written (an old OUT kept, no temporary
# file left) when winnow fails on a worker, is not found there, or a worker
# refuses the login, with exit 1 and one winnow-parallel line; --retries
# with a winnow that fails once on every block; options and a winnow path
# with quotes, spaces and $ reach the workers intact; --warc on plain,
# gzip, truncated and empty WARC files equals winnow --warc run on each;
# usage errors; the inputs unchanged.  Needs root (sshd), sshd, ssh and
# GNU parallel; skipped (77) without them.  Prints "ok NAME" or "FAIL NAME:
# why" per check; exits 1 when one failed.

set -u

. "$(dirname "$0")/lib.sh"
test_init parallel 1 "$@"
WP="$HERE/../contrib/parallel/winnow-parallel"
SH=${WINNOW_SCRAPINGHUB:-/work/shared/bench/scrapinghub/html}

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: not root: sshd runs as root to log users in"
	exit 77
fi
for tool in /usr/sbin/sshd ssh ssh-keygen parallel python3; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "SKIP: $tool not found (./bootstrap installs it)"; exit 77; }
done

sshd_pid=
at_exit() {
	[ -z "$sshd_pid" ] || kill "$sshd_pid" 2>/dev/null
}
umask 022

# wp ARGS...: runs winnow-parallel; sets rc, with stdout in $out and
# stderr in $err.
wp() {
	{ timeout 60 "$WP" "$@" >"$out" 2>"$err"; rc=$?; } 2>/dev/null
}

# The helpers below add to why only when nothing failed before.
want_same() { # want_same FILE REFERENCE
	[ -n "$why" ] || cmp -s "$1" "$2" ||
		why="$(basename "$1") differs from $(basename "$2"): $(cmp "$1" "$2" 2>&1 | head -c 200)"
}
want_one_error() { # exactly one winnow-parallel line on stderr, the last one
	[ -n "$why" ] && return
	[ "$(grep -c '^winnow-parallel: ' "$err")" -eq 1 ] &&
		tail -n 1 "$err" | grep -q '^winnow-parallel: ' ||
		why="not one winnow-parallel line at the end of stderr: \"$(tail -c 300 "$err")\""
}
want_not_written() { # want_not_written OUT [OLD-CONTENT-FILE]
	[ -n "$why" ] && return
	if [ $# -eq 2 ]; then
		cmp -s "$1" "$2" || why="$(basename "$1") was changed"
	else
		[ ! -e "$1" ] || why="$(basename "$1") was written"
	fi
	[ -n "$why" ] || [ -z "$(find "$(dirname "$1")" -name '.*.tmp.*')" ] ||
		why="a temporary file was left: $(find "$(dirname "$1")" -name '.*.tmp.*')"
}

# --- an sshd of our own ----------------------------------------------------------

ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$T/userkey"
ssh-keygen -q -t ed25519 -N '' -f "$T/otherkey" # not authorized
cp "$T/userkey.pub" "$T/authorized_keys"
mkdir -p /run/sshd # its privilege separation directory

# ssh_to PORT KEY HOST: the ssh command of an sshlogin, without the host
ssh_to() {
	echo "ssh -F /dev/null -i $2 -p $1 -o StrictHostKeyChecking=no" \
		"-o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR" \
		"-o ConnectTimeout=10 root@$3"
}

# Random high ports until one sshd listens on both addresses and lets us
# in with our key (a port taken by another sshd would refuse the key).
port=
for _ in 1 2 3 4 5 6 7 8 9 10; do
	p=$((20000 + RANDOM % 40000))
	cat >"$T/sshd_config" <<EOF
Port $p
ListenAddress 127.0.0.1
ListenAddress 127.0.0.2
HostKey $T/hostkey
AuthorizedKeysFile $T/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $T/sshd.pid
EOF
	/usr/sbin/sshd -D -f "$T/sshd_config" -E "$T/sshd.log" &
	sshd_pid=$!
	for _ in $(seq 50); do
		kill -0 "$sshd_pid" 2>/dev/null || break
		if timeout 5 $(ssh_to $p "$T/userkey" 127.0.0.1) true 2>/dev/null &&
			timeout 5 $(ssh_to $p "$T/userkey" 127.0.0.2) true 2>/dev/null; then
			port=$p
			break
		fi
		sleep 0.1
	done
	[ -z "$port" ] || break
	kill "$sshd_pid" 2>/dev/null
	wait "$sshd_pid" 2>/dev/null
	sshd_pid=
done
if [ -z "$port" ]; then
	echo "FAIL sshd: no port on which it started and let us in: $(tail -c 300 "$T/sshd.log")"
	exit 1
fi
echo "# sshd on port $port, pid $sshd_pid"

HOSTS="$T/hosts"
{
	echo "# two jobs at a time on one, one on the other, one here"
	echo "2/$(ssh_to $port "$T/userkey" 127.0.0.1)"
	echo "1/$(ssh_to $port "$T/userkey" 127.0.0.2)"
	echo "1/:"
} >"$HOSTS"

# --- the inputs ------------------------------------------------------------------------

PYTHONPATH="$HERE" python3 - "$FIX" "$SH" "$T" <<'EOF'
import glob, gzip, json, os, sys
from testdata import read_page as read, warc_response
fix, sh, t = sys.argv[1:]

# JSON Lines: pages, scraped text, bad records, a big record, no final newline
lines = []
pages = sorted(glob.glob(f"{fix}/*.html") + glob.glob(f"{fix}/meta/*.html")
               + glob.glob(f"{fix}/encoding/*.html"))
for k in range(3):
    for p in pages:
        lines.append(json.dumps({"url": f"https://ex.org/{len(lines)}", "html": read(p),
                                 "id": len(lines)}))
    lines.append("not json")
    lines.append("")
    lines.append(json.dumps({"id": len(lines), "note": "no html"}))
for p in sorted(glob.glob(f"{fix}/text/*.txt")):
    lines.append(json.dumps({"text": read(p), "id": len(lines)}))
lines.append(json.dumps({"html": "<p>" + "A long paragraph of text. " * 20000 + "</p>",
                         "id": len(lines)}))
for p in sorted(glob.glob(f"{sh}/*.html.gz")):
    lines.append(json.dumps({"url": f"https://sh.org/{len(lines)}", "html": read(p),
                             "id": len(lines)}))
lines.append(json.dumps({"url": "https://ex.org/last", "html": read(pages[0])}))
with open(f"{t}/corpus.jsonl", "w") as f:
    f.write("\n".join(lines))  # the last line without its newline

# A field name and option values that a shell would take apart
field = "it's \"the\" $page; `x` * \\"
with open(f"{t}/quote.jsonl", "w") as f:
    for p in pages:
        f.write(json.dumps({field: read(p), "u r l": "https://ex.org/q"}) + "\n")
with open(f"{t}/field", "w") as f:
    f.write(field)

# WARC files: plain, gzip a record at a time, gzip whole, truncated, empty
recs = [warc_response(f"https://ex.org/w{i}", i, open(p, "rb").read())
        for i, p in enumerate(pages)]
os.makedirs(f"{t}/warc")
open(f"{t}/warc/a.warc", "wb").write(b"".join(recs))
open(f"{t}/warc/b.warc.gz", "wb").write(b"".join(gzip.compress(r) for r in reversed(recs)))
open(f"{t}/warc/c.warc.gz", "wb").write(gzip.compress(b"".join(recs[:5])))
open(f"{t}/warc/d.warc", "wb").write(b"".join(recs[:7])[:-300])
open(f"{t}/warc/e.warc", "wb").write(b"")
EOF
C="$T/corpus.jsonl"
WARCS=("$T/warc/a.warc" "$T/warc/b.warc.gz" "$T/warc/e.warc" "$T/warc/c.warc.gz" "$T/warc/d.warc")
sha256sum "$C" "$T/quote.jsonl" "${WARCS[@]}" >"$T/inputs.sha256"

"$W" --jsonl <"$C" >"$T/ref.jsonl" 2>/dev/null
for f in "${WARCS[@]}"; do "$W" --warc "$f"; done >"$T/ref-warc.jsonl" 2>/dev/null
nin=$(($(wc -l <"$C") + 1))
size=$(stat -c %s "$C")
block=$((size / 40 + 1)) # some 40 jobs, on 4 job slots
echo "# corpus: $nin records, $size bytes, --block $block"

# --- JSON Lines ------------------------------------------------------------------------

logins0=$(grep -c 'Accepted publickey for root' "$T/sshd.log")
why=; wp --sshloginfile "$HOSTS" --block $block --winnow "$W" --joblog "$T/joblog" "$C"
want_rc 0
want_same "$out" "$T/ref.jsonl"
check "--jsonl on ssh workers: the output of one winnow run, byte for byte"

why=
nout=$(wc -l <"$out")
[ "$nout" -eq "$nin" ] || why="$nout lines out for $nin lines in"
check "one line out for every line in"

why=
jobs=$(($(wc -l <"$T/joblog") - 1))
for host in "@127.0.0.1" "@127.0.0.2" ":"; do
	n=$(cut -f2 "$T/joblog" | grep -c -- "$host\$")
	[ -n "$why" ] || [ "$n" -gt 0 ] || why="no job on $host"
done
nssh=$(cut -f2 "$T/joblog" | grep -c '^ssh ')
logins=$(($(grep -c 'Accepted publickey for root' "$T/sshd.log") - logins0))
[ -n "$why" ] || [ "$logins" -ge "$nssh" ] || why="$logins ssh logins for $nssh ssh jobs"
[ -n "$why" ] || [ "$jobs" -ge 20 ] || why="only $jobs jobs"
check "$jobs jobs on every worker, $nssh through ssh ($logins logins)"

O="$T/out/cleaned.jsonl"
mkdir -p "$T/out"
why=; wp --sshloginfile "$HOSTS" --block $block --winnow "$W" -o "$O" "$C"
want_rc 0
want_same "$O" "$T/ref.jsonl"
[ -n "$why" ] || [ ! -s "$out" ] || why="stdout is not empty"
[ -n "$why" ] || [ "$(stat -c %a "$O")" = 644 ] || why="mode $(stat -c %a "$O"), expected 644"
[ -n "$why" ] || [ "$(ls -A "$T/out")" = cleaned.jsonl ] || why="left in out/: $(ls -A "$T/out")"
check "-o OUT: written, mode from the umask, nothing else left"

why=; wp --sshloginfile "$HOSTS" --block $block --winnow /bin/false "$C"
want_rc 1; want_one_error
check "winnow failing on the workers, to stdout: exit 1"

cp "$O" "$T/old.jsonl"
why=; wp --sshloginfile "$HOSTS" --block $block --winnow /bin/false -o "$O" "$C"
want_rc 1; want_one_error; want_not_written "$O" "$T/old.jsonl"
check "winnow failing on the workers: exit 1, the old OUT kept"

why=; wp --sshloginfile "$HOSTS" --block $block --winnow "$T/no/winnow" -o "$T/out/new.jsonl" "$C"
want_rc 1; want_one_error; want_not_written "$T/out/new.jsonl"
check "no winnow on the workers: exit 1, no OUT"

why=; wp -S "1/$(ssh_to $port "$T/otherkey" 127.0.0.1)" --block $block --winnow "$W" \
	-o "$T/out/new.jsonl" "$C"
want_rc 1; want_one_error; want_not_written "$T/out/new.jsonl"
check "a worker that refuses the login: exit 1, no OUT"

# A winnow that fails once on every block, after some output: --retries
# must send the same block again and keep only the output that succeeded.
mkdir "$T/marks"
cat >"$T/flaky" <<EOF
#!/bin/bash
in=\$(mktemp)
cat >"\$in"
if mkdir "$T/marks/\$(sha256sum <"\$in" | cut -c1-32)" 2>/dev/null; then
	head -c 100 "\$in" # some output that must not be kept
	rm -f "\$in"
	exit 3
fi
"$W" "\$@" <"\$in"
rc=\$?
rm -f "\$in"
exit \$rc
EOF
chmod +x "$T/flaky"
# Fewer, larger blocks: a retry goes to another worker, often through ssh.
why=; wp --sshloginfile "$HOSTS" --block $((block * 3)) --winnow "$T/flaky" --retries 2 \
	--joblog "$T/joblog-retries" -o "$T/out/retried.jsonl" "$C"
want_rc 0
want_same "$T/out/retried.jsonl" "$T/ref.jsonl"
nfail=$(find "$T/marks" -mindepth 1 | wc -l)
[ -n "$why" ] || [ "$nfail" -ge 8 ] || why="only $nfail blocks failed once"
check "--retries: $nfail failed first tries redone, their output dropped"

rm -rf "$T/marks"/*
why=; wp --sshloginfile "$HOSTS" --block $block --winnow "$T/flaky" -o "$T/out/new.jsonl" "$C"
want_rc 1; want_one_error; want_not_written "$T/out/new.jsonl"
check "the same without --retries: exit 1, no OUT"

mkdir -p "$T/bin dir"
cp "$W" "$T/bin dir/win'now \$HOME"
field=$(cat "$T/field")
"$W" --jsonl --html-field "$field" --url-field "u r l" <"$T/quote.jsonl" >"$T/ref-quote.jsonl"
why=; wp --sshloginfile "$HOSTS" --block 4k --winnow "$T/bin dir/win'now \$HOME" \
	"$T/quote.jsonl" -- --html-field "$field" --url-field "u r l"
want_rc 0
want_same "$out" "$T/ref-quote.jsonl"
[ -n "$why" ] || [ "$(grep -c '"text":' "$out")" -gt 10 ] || why="the field was not read"
check "quotes, spaces, \$ and \` in options and the winnow path reach the workers"

# --- WARC -------------------------------------------------------------------------------

why=; wp --warc --sshloginfile "$HOSTS" --winnow "$W" --joblog "$T/joblog-warc" \
	-o "$T/out/warc.jsonl" "${WARCS[@]}"
want_rc 0
want_same "$T/out/warc.jsonl" "$T/ref-warc.jsonl"
n=$(($(wc -l <"$T/joblog-warc") - 1))
[ -n "$why" ] || [ "$n" -eq 4 ] || why="$n jobs for 4 WARC files that are not empty"
[ -n "$why" ] || cut -f2 "$T/joblog-warc" | grep -q '^ssh ' || why="no job through ssh"
check "--warc: one job per file, equal to winnow --warc on each"

why=; wp --warc --sshloginfile "$HOSTS" --winnow "$T/no/winnow" -o "$T/out/new.jsonl" "${WARCS[@]}"
want_rc 1; want_one_error; want_not_written "$T/out/new.jsonl"
check "--warc with no winnow on the workers: exit 1, no OUT"

# --- usage ---------------------------------------------------------------------------------

why=; wp --help
want_rc 0
[ -n "$why" ] || grep -q '^Usage: winnow-parallel' "$out" || why="no usage in --help"
[ -n "$why" ] || grep -q '^Exit status:' "$out" || why="no exit statuses in --help"
check "--help"

for args in "" "--bogus $C" "$T/missing.jsonl" "$T" "$C $C" "--block 0 $C" "--block" \
	"--retries 0 $C" "--warc --retries 2 $T/warc/a.warc" "-o $C $C" \
	"--sshloginfile $T/missing $C"; do
	why=; wp $args
	want_rc 2
	[ -n "$why" ] || [ "$(grep -c '^winnow-parallel: ' "$err")" -ge 1 ] || [ -z "$args" ] ||
		why="no winnow-parallel message: \"$(head -c 300 "$err")\""
	[ -n "$why" ] || [ ! -s "$out" ] || why="wrote to stdout"
	check "usage error: winnow-parallel $args"
done

why=
sha256sum --quiet -c "$T/inputs.sha256" >"$T/sha" 2>&1 || why="changed: $(head -c 300 "$T/sha")"
[ -n "$why" ] || [ "$(ls -A "$T/warc" | wc -l)" -eq 5 ] || why="files added or removed in warc/"
check "the inputs are unchanged"

finish
