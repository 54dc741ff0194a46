#!/usr/bin/env python3
"""Score winnow's metadata (title, author, date) against fixtures/meta.

usage: tests/metadata.py WINNOW [--fixtures DIR] [--per-page] [--check]

For every page named in DIR/expected.json (default: the fixtures/meta of
the tree this script is in), runs `WINNOW --format json PAGE`
(20 s time-out) and reads its standard output as one JSON object whose
keys "title", "author" and "date" hold a string or null.  Each field is
compared with the hand-written expectation:

  title   equal after Unicode NFC, collapsing runs of white space and
          trimming;
  date    the first 10 characters (YYYY-MM-DD) equal the expected date;
          an expected null is right only when the output is null or the
          key is missing;
  author  the output is split on ";" into names; after NFC, casefold and
          white-space collapsing, the set of names equals the expected
          set; an expected null is right only when the output is null,
          missing or holds no name.

A page on which winnow is missing, cannot be run, times out, is killed by
a signal, exits with a non-zero status or prints anything but one JSON
object counts as wrong for all three fields.

Prints a summary such as `title 34/38 89.5%  date ...  author ...`, each
count over all pages (an expected null is a case like any other); with
--per-page, one line per page first.  With --check, exits 1 when title
< 95%, date < 90% or author < 80%.  Exit status 2 on a usage error (bad
options, no expected.json, a page it names missing).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import unicodedata

TIMEOUT = 20
# fixtures/meta of the tree this script is in, relative to the current
# directory when that is shorter (so "fixtures/meta" from the top).
DEFAULT_FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, "fixtures", "meta")
DEFAULT_FIXTURES = min(os.path.normpath(DEFAULT_FIXTURES),
                       os.path.relpath(DEFAULT_FIXTURES), key=len)
FIELDS = ("title", "date", "author")
THRESHOLDS = {"title": 95.0, "date": 90.0, "author": 80.0}


def usage_error(msg):
    print("metadata.py: " + msg, file=sys.stderr)
    sys.exit(2)


def collapse(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def author_set(value):
    """The set of normalised names in an author string (empty if none)."""
    if value is None:
        return set()
    names = set()
    for part in value.split(";"):
        name = collapse(part).casefold()
        if name:
            names.add(name)
    return names


def check_title(got, present, want):
    if want is None:
        return not present or got is None or (isinstance(got, str)
                                               and collapse(got) == "")
    return isinstance(got, str) and collapse(got) == collapse(want)


def check_date(got, present, want):
    if want is None:
        return not present or got is None
    return isinstance(got, str) and got[:10] == want


def check_author(got, present, want):
    if not present or got is None:
        return want is None
    if not isinstance(got, str):
        return False
    return author_set(got) == author_set(want)


CHECKS = {"title": check_title, "date": check_date, "author": check_author}


def run_winnow(winnow, path):
    """Return (object, None) or (None, error message)."""
    try:
        proc = subprocess.run([winnow, "--format", "json", path],
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT)
    except FileNotFoundError:
        return None, "cannot run %s: not found" % winnow
    except PermissionError:
        return None, "cannot run %s: permission denied" % winnow
    except OSError as e:
        return None, "cannot run %s: %s" % (winnow, e.strerror or e)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        if proc.returncode < 0:
            what = "killed by signal %d" % -proc.returncode
        else:
            what = "exit status %d" % proc.returncode
        return None, what + (": " + err[0] if err else "")
    try:
        obj = json.loads(proc.stdout.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "output is not UTF-8"
    except ValueError as e:
        return None, "output is not JSON (%s)" % e
    if not isinstance(obj, dict):
        return None, "output is JSON but not an object"
    return obj, None


def show(value, present=True):
    if not present:
        return "(missing)"
    return json.dumps(value, ensure_ascii=False)


def main(argv):
    ap = argparse.ArgumentParser(
        prog="metadata.py",
        description="Score winnow's title, author and date against "
                    "hand-written expectations.")
    ap.add_argument("winnow", metavar="WINNOW", help="the winnow binary")
    ap.add_argument("--fixtures", default=DEFAULT_FIXTURES, metavar="DIR",
                    help="folder holding expected.json and the pages "
                         "(default: fixtures/meta beside tests/)")
    ap.add_argument("--per-page", action="store_true",
                    help="print one line per page")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when title < 95%%, date < 90%% or "
                         "author < 80%%")
    args = ap.parse_args(argv)

    exp_path = os.path.join(args.fixtures, "expected.json")
    try:
        with open(exp_path, encoding="utf-8") as fh:
            expected = json.load(fh)
    except OSError as e:
        usage_error("cannot read %s: %s" % (exp_path, e.strerror))
    except ValueError as e:
        usage_error("%s is not valid JSON: %s" % (exp_path, e))
    if not isinstance(expected, dict) or not expected:
        usage_error("%s holds no pages" % exp_path)
    for name, exp in expected.items():
        if not isinstance(exp, dict) or not all(f in exp for f in FIELDS):
            usage_error("%s: entry %s lacks title, author or date"
                        % (exp_path, name))
        if not os.path.isfile(os.path.join(args.fixtures, name)):
            usage_error("%s names %s, which is not in %s"
                        % (exp_path, name, args.fixtures))

    right = dict.fromkeys(FIELDS, 0)
    total = len(expected)
    width = max(len(n) for n in expected)
    for name in sorted(expected):
        exp = expected[name]
        obj, err = run_winnow(args.winnow, os.path.join(args.fixtures, name))
        verdict = {}
        for f in FIELDS:
            if obj is None:
                verdict[f] = False
            else:
                verdict[f] = CHECKS[f](obj.get(f), f in obj, exp[f])
            right[f] += verdict[f]
        if args.per_page:
            status = "ok  " if all(verdict.values()) else "FAIL"
            print("%s %-*s  %s" % (status, width, name, "  ".join(
                "%s %s" % (f, "ok" if verdict[f] else "FAIL")
                for f in FIELDS)))
            if err:
                print("       error: " + err)
            else:
                for f in FIELDS:
                    if not verdict[f]:
                        print("       %-6s got %s, expected %s"
                              % (f, show(obj.get(f), f in obj),
                                 show(exp[f])))

    pct = {f: 100.0 * right[f] / total for f in FIELDS}
    print("  ".join("%s %d/%d %.1f%%" % (f, right[f], total, pct[f])
                    for f in FIELDS))
    if args.check:
        low = [f for f in FIELDS if pct[f] < THRESHOLDS[f]]
        if low:
            print("metadata.py: below target: " + ", ".join(
                "%s %.1f%% < %.0f%%" % (f, pct[f], THRESHOLDS[f])
                for f in low), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    sys.exit(main(sys.argv[1:]))
