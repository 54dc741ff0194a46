#!/usr/bin/env python3
"""Segment checks of winnow's output on the fixtures.

    segments.py WINNOW [EVALDATA] [--args "OPTIONS"]

Runs WINNOW on every page of EVALDATA (default: fixtures/evaldata.json of
the tree this script is in; the "file" of each entry is relative to the
directory of EVALDATA), with OPTIONS (split as a shell would, e.g.
--args "--input text") before the file name, and checks the output the
way bench's score.py counts segments:

  with           each segment must be in the output
  without        no segment may be in the output
  without_lines  no segment may stand as a whole line of the output
  at_most_once   no segment may be in the output more than once

"In the output" is a substring test after folding every run of white space
to one space, as score.py does.  winnow must also exit 0, write nothing
that is not UTF-8 and end its output with a newline.

Pages named (without their extension) in golden/KNOWN_FAILURES or
KNOWN_FAILURES next to EVALDATA are known to fail: their failures are
shown as "xfail", and such a page that passes fails the run (XPASS).

Prints one line per failure and a summary; exits 1 when anything failed.
"""
import json
import os
import re
import shlex
import subprocess
import sys


def fold(text):
    return re.sub(r"\s+", " ", text).strip()


def check_page(winnow, path, item, args=()):
    """Returns the list of failure messages for one page."""
    fails = []
    try:
        proc = subprocess.run([winnow, *args, path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired:
        return ["timed out after 60 s"]
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        fails.append(f"exit status {proc.returncode} (stderr: {err!r})")
    try:
        raw = proc.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        fails.append(f"output is not valid UTF-8: {e}")
        raw = proc.stdout.decode("utf-8", "replace")
    if not raw.endswith("\n"):
        fails.append("output does not end in a newline")
    out = fold(raw)
    lines = {line.strip() for line in raw.splitlines()}
    for s in item["with"]:
        if fold(s) not in out:
            fails.append(f"missing: {s!r}")
    for s in item["without"]:
        if fold(s) in out:
            fails.append(f"kept junk: {s!r}")
    for s in item.get("without_lines", []):
        if s in lines:
            fails.append(f"kept junk line: {s!r}")
    for s in item.get("at_most_once", []):
        n = out.count(fold(s))
        if n > 1:
            fails.append(f"repeated {n} times: {s!r}")
    return fails


def read_known(path):
    """Fixture names listed in golden/KNOWN_FAILURES (NAME: reason)."""
    known = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    known.add(line.split(":", 1)[0].strip())
    return known


def main(argv):
    argv = list(argv)
    args = []
    if "--args" in argv[1:]:
        k = argv.index("--args", 1)
        if k + 1 >= len(argv):
            print(__doc__, file=sys.stderr)
            return 2
        args = shlex.split(argv[k + 1])
        del argv[k:k + 2]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    winnow = os.path.abspath(argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    evalpath = argv[2] if len(argv) > 2 else os.path.relpath(
        os.path.join(here, os.pardir, "fixtures", "evaldata.json"))
    with open(evalpath, encoding="utf-8") as f:
        evaldata = json.load(f)
    base = os.path.dirname(evalpath)

    known = (read_known(os.path.join(base, "golden", "KNOWN_FAILURES")) |
             read_known(os.path.join(base, "KNOWN_FAILURES")))
    failed_pages = 0
    checks = failures = 0
    for url, item in evaldata.items():
        path = os.path.join(base, item["file"])
        name = os.path.splitext(item["file"])[0]
        fails = check_page(winnow, path, item, args)
        checks += (len(item["with"]) + len(item["without"]) +
                   len(item.get("without_lines", [])) + len(item.get("at_most_once", [])))
        if name in known:
            # A known failure must still fail: once it passes, its line in
            # KNOWN_FAILURES has to go, so that it is guarded again.
            if fails:
                for msg in fails:
                    print(f"xfail {item['file']}: {msg}")
            else:
                failed_pages += 1
                print(f"XPASS {item['file']}: passes now; remove it from KNOWN_FAILURES")
            continue
        if fails:
            failed_pages += 1
            failures += len(fails)
            for msg in fails:
                print(f"FAIL {item['file']}: {msg}")
        else:
            print(f"ok   {item['file']}")
    print(f"{len(evaldata)} pages, {failed_pages} failed; "
          f"{checks} segment checks, {failures} failures")
    return 1 if failed_pages else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
