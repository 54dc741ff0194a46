#!/bin/bash
# slurm.sh WINNOW - the Slurm recipe (contrib/slurm) on a one-node cluster.
#
# Starts munged, slurmctld and slurmd from Debian's munge and slurm-wlm
# packages in a temporary directory (own key, socket, ports, state and
# logs; nothing under /etc is read or changed), then runs winnow-slurm:
#   - a JSON Lines corpus (the fixtures and, when present, the ScrapingHub
#     pages, many times over, with bad records among them) in 7 shards:
#     the merged output must equal one winnow --jsonl process byte for
#     byte, and every task must have run as a task of the array job;
#   - two parts removed and the command run again: only those two tasks
#     are submitted, and the output is the same;
#   - a winnow the nodes cannot run: exit 1, a one-line error per task,
#     and the earlier output file untouched;
#   - WARC files, one shard each: equal to winnow --warc on each in turn.
# Needs root (slurmd runs the tasks as root here).  Exits 77 (skipped)
# when not root or the packages are missing: ./bootstrap installs them.
# Prints "ok NAME" or "FAIL NAME: why" per check; exits 1 when one failed.

set -u
. "$(dirname "$0")/lib.sh"
test_init slurm 1 "$@"
chmod 755 "$T"
RECIPE="$HERE/../contrib/slurm/winnow-slurm"
SH=${WINNOW_SCRAPINGHUB:-/work/shared/bench/scrapinghub/html}

if [ "$(id -u)" != 0 ]; then
	echo "skipped: slurmd has to run as root"
	exit 77
fi
PATH=$PATH:/usr/sbin
for p in munged slurmctld slurmd sbatch python3; do
	if ! command -v $p >/dev/null; then
		echo "skipped: $p not found (./bootstrap installs slurm-wlm and munge)"
		exit 77
	fi
done

# stop DAEMON...: kills those whose PID file exists.
stop() {
	for d in "$@"; do
		[ -f "$T/$d.pid" ] && kill "$(cat "$T/$d.pid")" 2>/dev/null
	done
}
at_exit() {
	stop slurmd slurmctld munged
	sleep 0.2
}

show_logs() {
	for f in "$T"/log/*; do
		echo "--- $f"
		tail -n 20 "$f"
	done
}

# --- the cluster -----------------------------------------------------------------------

mkdir -p "$T/log" "$T/state" "$T/spool"
head -c 1024 /dev/urandom > "$T/munge.key"
chmod 600 "$T/munge.key"
if ! munged --force --key-file="$T/munge.key" --socket="$T/munge.sock" \
	--pid-file="$T/munged.pid" --log-file="$T/log/munged.log" --seed-file="$T/munge.seed"; then
	echo "FAIL munged: does not start"
	show_logs
	exit 1
fi

# Ports: a random pair; another pair when slurmctld cannot bind.
export SLURM_CONF="$T/slurm.conf"
node=$(hostname -s)
started=0
for _ in 1 2 3 4 5; do
	port=$((20000 + RANDOM % 20000))
	cat > "$SLURM_CONF" <<-EOF
	ClusterName=winnowtest
	SlurmctldHost=$node(127.0.0.1)
	SlurmUser=root
	SlurmdUser=root
	SlurmctldPort=$port
	SlurmdPort=$((port + 1))
	AuthType=auth/munge
	AuthInfo=socket=$T/munge.sock
	CredType=cred/munge
	StateSaveLocation=$T/state
	SlurmdSpoolDir=$T/spool
	SlurmctldPidFile=$T/slurmctld.pid
	SlurmdPidFile=$T/slurmd.pid
	SlurmctldLogFile=$T/log/slurmctld.log
	SlurmdLogFile=$T/log/slurmd.log
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	JobAcctGatherType=jobacct_gather/none
	JobCompType=jobcomp/none
	AccountingStorageType=accounting_storage/none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_Core
	MpiDefault=none
	SwitchType=switch/none
	ReturnToService=2
	NodeName=$node NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
	PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
	EOF
	rm -f "$T/slurmctld.pid" "$T/slurmd.pid"
	if ! slurmctld -i || ! slurmd; then
		continue
	fi
	for _ in $(seq 1 100); do
		if sinfo -h -o '%T' 2>/dev/null | grep -q idle; then
			started=1
			break
		fi
		sleep 0.1
	done
	[ $started = 1 ] && break
	stop slurmd slurmctld
	sleep 0.5
done
if [ $started = 0 ]; then
	echo "FAIL cluster: the node never became idle"
	show_logs
	exit 1
fi
echo "ok cluster: slurmctld and slurmd on ports $port, $((port + 1))"

# --- the corpus --------------------------------------------------------------------------

C="$T/corpus"
mkdir -p "$C" "$T/shared"
PYTHONPATH="$HERE" python3 - "$FIX" "$SH" "$C/pages.jsonl" <<'EOF'
import glob, json, os, sys
from testdata import read_page
fix, sh, out = sys.argv[1:]
pages = sorted(glob.glob(os.path.join(fix, "*.html")))
if os.path.isdir(sh):
    pages += sorted(glob.glob(os.path.join(sh, "*.html.gz")))[:60]
with open(out, "w", encoding="utf-8") as f:
    for k in range(3):
        for i, p in enumerate(pages):
            rec = {"id": k * 1000 + i, "url": "https://example.com/%d/%s" % (k, os.path.basename(p)),
                   "html": read_page(p)}
            f.write(json.dumps(rec, ensure_ascii=k == 1) + "\n")
            if i % 17 == 5:
                f.write("not json at all\n")
            if i % 23 == 7:
                f.write('{"id": "no page here"}\n')
    # The last record has no newline: it is a record all the same.
    f.write('{"text": "A last line with no newline at its end, which is still a record."}')
EOF
"$W" --jsonl "$C/pages.jsonl" > "$C/reference.jsonl" 2> "$T/reference.err"
records=$(awk 'END { print NR }' "$C/pages.jsonl")

# --- the recipe ----------------------------------------------------------------------------

out="$T/shared/cleaned.jsonl"
work="$T/shared/work"
"$RECIPE" -n 7 -k -w "$work" -W "$W" -o "$out" "$C/pages.jsonl" > "$T/run1.out" 2> "$T/run1.err"
rc=$?
why=
[ $rc = 0 ] || why="exit $rc: $(head -n 3 "$T/run1.err")"
[ -z "$why" ] && ! cmp -s "$out" "$C/reference.jsonl" && why="output differs from one winnow --jsonl process"
check "jsonl: $records records in 7 shards, output equal to one process"

why=
logs=$(find "$work/logs" -name '*.log' | wc -l)
[ "$logs" = 7 ] || why="$logs task logs, not 7"
tasks=$(grep -c 'Launching batch job' "$T/log/slurmd.log")
[ "$tasks" -ge 7 ] || why="slurmd launched $tasks jobs, not 7"
check "jsonl: 7 array tasks ran on the node"

why=
[ ! -s "$T/run1.out" ] || why="wrote to standard output: $(head -c 200 "$T/run1.out")"
check "jsonl: nothing on standard output"

# Resume: two parts lost; only their tasks run again.
rm -f "$work/parts/part-00002.jsonl" "$work/parts/part-00005.jsonl"
before=$(grep -c 'Launching batch job' "$T/log/slurmd.log")
"$RECIPE" -n 7 -k -w "$work" -W "$W" -o "$out" "$C/pages.jsonl" 2> "$T/run2.err"
rc=$?
after=$(grep -c 'Launching batch job' "$T/log/slurmd.log")
why=
[ $rc = 0 ] || why="exit $rc: $(head -n 3 "$T/run2.err")"
[ -z "$why" ] && [ $((after - before)) != 2 ] && why="$((after - before)) tasks launched, not 2"
[ -z "$why" ] && ! grep -q 'submitting 2 of 7 tasks' "$T/run2.err" && why="$(cat "$T/run2.err")"
[ -z "$why" ] && ! cmp -s "$out" "$C/reference.jsonl" && why="output differs after the resumed run"
check "resume: only the 2 missing parts redone, same output"

# A winnow the node cannot run: every task fails, the output stays.
cp "$out" "$T/before.jsonl"
"$RECIPE" -n 3 -w "$T/shared/work-bad" -W /nonexistent/winnow -o "$out" "$C/pages.jsonl" 2> "$T/run3.err"
rc=$?
why=
[ $rc = 1 ] || why="exit $rc, not 1"
[ -z "$why" ] && ! cmp -s "$out" "$T/before.jsonl" && why="the earlier output was changed"
[ -z "$why" ] && [ "$(grep -c '^winnow-slurm: task [0-9]*.*no output' "$T/run3.err")" != 3 ] && why="not one line per failed task: $(cat "$T/run3.err")"
[ -z "$why" ] && ls "$T/shared"/.cleaned.jsonl.* >/dev/null 2>&1 && why="a temporary file was left"
check "failure: exit 1, one line per failed task, output untouched"

# WARC files, one shard each, in the order given.
PYTHONPATH="$HERE" python3 - "$FIX" "$C" <<'EOF'
import glob, gzip, os, sys
from testdata import warc_response
fix, out = sys.argv[1:]
pages = sorted(glob.glob(os.path.join(fix, "*.html")))
n = 0
for name, gz in (("a.warc.gz", True), ("b.warc", False), ("c.warc.gz", True)):
    with open(os.path.join(out, name), "wb") as f:
        for p in pages:
            n += 1
            r = warc_response("https://example.org/%s/%s" % (name, os.path.basename(p)), n,
                              open(p, "rb").read())
            f.write(gzip.compress(r) if gz else r)
EOF
for f in a.warc.gz b.warc c.warc.gz; do
	"$W" --warc "$C/$f"
done > "$C/reference-warc.jsonl"
"$RECIPE" -W "$W" -o "$T/shared/warc.jsonl" "$C/a.warc.gz" "$C/b.warc" "$C/c.warc.gz" 2> "$T/run4.err"
rc=$?
why=
[ $rc = 0 ] || why="exit $rc: $(head -n 3 "$T/run4.err")"
[ -z "$why" ] && [ "$(wc -l < "$C/reference-warc.jsonl")" -lt 3 ] && why="the reference is almost empty"
[ -z "$why" ] && ! cmp -s "$T/shared/warc.jsonl" "$C/reference-warc.jsonl" && why="output differs from winnow --warc on each file"
[ -z "$why" ] && [ -e "$T/shared/warc.jsonl.work" ] && why="the work directory was not removed"
check "warc: 3 files, one task each, output equal to winnow --warc in turn"

if [ "$failed" != 0 ]; then
	show_logs
fi
finish
