#!/usr/bin/env python3
"""Score winnow's metadata against the hand-labelled truth set.

usage: bench/metadata_score.py WINNOW [--labels FILE] [--shared DIR]
                               [--per-page] [--check] [--floor FIELD=PCT]
                               [-j N]

The labels (bench/metadata-labels.json) hold, for pages of the shared
corpora (scrapinghub, dragnet, cleaneval: SHARED/bench/CORPUS/html/ID.html.gz)
and of fixtures/meta (corpus "meta"), what each page shows: its title,
author(s), publication day, site name and language, read by hand from the
page (the headline, the byline and date line, the masthead), not from
winnow's output.  A field's label is a string, null (the page shows none:
no byline, no date), or a list of values that are each right (a headline
and the shorter one in og:title; a day shown and the day in the metadata
when they differ).  A field left out of a page's label is not scored (the
page did not make it clear).

For each page, runs `WINNOW --format json PAGE` (20 s time-out) and
compares:

  title, sitename  equal after NFC, case folding, white space collapsed
                   and typographic quotes and dashes made plain;
  author           the set of names (output split on ";") equals the
                   label's, compared as titles are, a final dot left out
                   ("Jr" for "Jr."); null: no name;
  date             the first 10 characters (YYYY-MM-DD) are the day;
                   null: no date given;
  language         the primary subtag ("en" of "en-US") is the label's.

Prints each field's score (right / labelled), and for dates also how
many of the pages that show one got a date at all; with --per-page, the
misses first.  With --check, exits 1 when a score is below its target
(TARGETS below), or below the floor that --floor FIELD=PCT sets instead
for a field that has not reached its target yet.  Exits 77 (skipped, for meson) when the shared corpora
are not found: SHARED, else ../shared beside the source tree, else
/work/shared.  Exit status 2 on a usage error.
"""

import argparse
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import unicodedata

TIMEOUT = 20
HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, os.pardir))
FIELDS = ("title", "author", "date", "sitename", "language")
# Issue #16's targets, in per cent: date right (same day), a date given
# on pages that show one, author, title, language.  The site name is
# reported, with no target.
TARGETS = {"date": 95.0, "dated": 97.0, "author": 90.0, "title": 97.0,
           "language": 98.0}
PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"',
                       "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u2026": "...", "\u00a0": " "})


def usage_error(msg):
    print("metadata_score.py: " + msg, file=sys.stderr)
    sys.exit(2)


def plain(s):
    s = unicodedata.normalize("NFC", s).translate(PLAIN)
    return " ".join(s.split()).casefold()


def names(value):
    if value is None:
        return frozenset()
    return frozenset(n for n in (plain(p).rstrip(".") for p in value.split(";"))
                     if n)


def same(field, got, want):
    """got (winnow's value, None when null or missing) is want."""
    if field == "author":
        return names(got) == names(want)
    if want is None:
        return got is None or (isinstance(got, str) and not got.strip())
    if not isinstance(got, str):
        return False
    if field == "date":
        return got[:10] == want
    if field == "language":
        return got.split("-")[0].lower() == want.split("-")[0].lower()
    return plain(got) == plain(want)


def right(field, got, label):
    alts = label if isinstance(label, list) else [label]
    return any(same(field, got, a) for a in alts)


def shows_date(label):
    alts = label if isinstance(label, list) else [label]
    return all(a is not None for a in alts)


def find_shared(arg):
    for d in ([arg] if arg else [os.path.join(TOP, os.pardir, "shared"),
                                 "/work/shared"]):
        if d and os.path.isdir(os.path.join(d, "bench")):
            return d
    return None


def page_path(shared, corpus, pid):
    if corpus == "meta":
        return os.path.join(TOP, "fixtures", "meta", pid)
    return os.path.join(shared, "bench", corpus, "html", pid + ".html.gz")


def run_winnow(winnow, path):
    """(object, None) or (None, error)."""
    try:
        proc = subprocess.run([winnow, "--format", "json", path],
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT)
    except OSError as e:
        return None, "cannot run %s: %s" % (winnow, e.strerror or e)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT
    if proc.returncode != 0:
        return None, "exit status %d" % proc.returncode
    try:
        obj = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return None, "output is not JSON (%s)" % e
    if not isinstance(obj, dict):
        return None, "output is not a JSON object"
    return obj, None


def main(argv):
    ap = argparse.ArgumentParser(prog="metadata_score.py",
                                 description="Score winnow's metadata "
                                 "against hand-made labels.")
    ap.add_argument("winnow", metavar="WINNOW")
    ap.add_argument("--labels", default=os.path.join(HERE,
                                                     "metadata-labels.json"))
    ap.add_argument("--shared", metavar="DIR",
                    help="the shared folder holding bench/")
    ap.add_argument("--per-page", action="store_true",
                    help="print each miss")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 below the targets")
    ap.add_argument("--floor", action="append", default=[], metavar="FIELD=PCT",
                    help="with --check, PCT in place of FIELD's target")
    ap.add_argument("-j", type=int, default=2, metavar="N",
                    help="pages run at once (default 2)")
    args = ap.parse_args(argv)
    targets = dict(TARGETS)
    for f in args.floor:
        field, _, value = f.partition("=")
        try:
            targets[field] = float(value)
        except ValueError:
            usage_error("--floor wants FIELD=PCT, not %s" % f)
        if field not in TARGETS:
            usage_error("--floor: no target for %s" % field)

    try:
        with open(args.labels, encoding="utf-8") as fh:
            labels = json.load(fh)
    except (OSError, ValueError) as e:
        usage_error("cannot read %s: %s" % (args.labels, e))
    shared = find_shared(args.shared)
    if shared is None:
        print("metadata_score.py: no shared corpora (../shared/bench): "
              "skipped")
        return 77

    pages = [(c, p, lab) for c in sorted(labels)
             for p, lab in sorted(labels[c].items())]
    for c, p, _ in pages:
        if not os.path.isfile(page_path(shared, c, p)):
            usage_error("labelled page %s/%s is not in %s" % (c, p, shared))
    with concurrent.futures.ThreadPoolExecutor(max(1, args.j)) as ex:
        outs = list(ex.map(lambda t: run_winnow(args.winnow,
                                                page_path(shared, t[0], t[1])),
                           pages))

    count = dict.fromkeys(FIELDS, 0)
    ok = dict.fromkeys(FIELDS, 0)
    shown = dated = 0
    for (c, p, lab), (obj, err) in zip(pages, outs):
        misses = []
        for f in FIELDS:
            if f not in lab:
                continue
            got = obj.get(f) if obj else None
            count[f] += 1
            if obj is not None and right(f, got, lab[f]):
                ok[f] += 1
            else:
                misses.append("%s: got %s, want %s" % (
                    f, json.dumps(got, ensure_ascii=False),
                    json.dumps(lab[f], ensure_ascii=False)))
        if "date" in lab and shows_date(lab["date"]):
            shown += 1
            dated += bool(obj and obj.get("date"))
        if args.per_page and (misses or err):
            print("%s/%s" % (c, p))
            for m in ([err] if err else []) + misses:
                print("    " + m)

    pct = {f: 100.0 * ok[f] / count[f] if count[f] else 100.0 for f in FIELDS}
    pct["dated"] = 100.0 * dated / shown if shown else 100.0
    print("pages %d  " % len(pages) + "  ".join(
        "%s %d/%d %.1f%%" % (f, ok[f], count[f], pct[f]) for f in FIELDS)
        + "  dated %d/%d %.1f%%" % (dated, shown, pct["dated"]))
    if args.check:
        low = [f for f in targets if pct[f] < targets[f]]
        if low:
            print("metadata_score.py: below target: " + ", ".join(
                "%s %.1f%% < %.1f%%" % (f, pct[f], targets[f]) for f in low),
                file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv[1:]))
