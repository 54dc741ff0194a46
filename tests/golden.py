#!/usr/bin/env python3
"""Golden-output test: winnow's output for every fixture, byte for byte, in
every format.

    golden.py WINNOW              compare
    golden.py WINNOW --update [NAME ...]
                                  rewrite the goldens from WINNOW's output

For every fixtures/NAME.html the expected output is fixtures/golden/NAME.txt
(text), NAME.md (--format markdown --links --images, with the page's URL
https://example.org/news/NAME.html) and NAME.json (--format json).  The JSON
is also parsed back: it must be one valid object, with the same text as the
text output, and --format jsonl must give the same object on one line.  A
mismatch prints a unified diff (expected first) and fails the test.

fixtures/golden/KNOWN_FAILURES lists the fixtures on which winnow is known
to be wrong, one per line as "NAME: reason".  Their text goldens hold the
CORRECT extraction, written by hand, not winnow's output (they have no
Markdown or JSON goldens); a mismatch on one
of them is reported as "xfail" with its diff and does not fail the test.
When a listed fixture matches its golden, the test fails with "XPASS" so
that the entry is removed and the fixture guards against regressions again.

--update is for humans, after reading the new output and judging it a
correct extraction.  Without names it rewrites every golden except those
listed in KNOWN_FAILURES (their goldens are the hand-written truth); a name
given explicitly is rewritten even when listed.
"""
import difflib
import glob
import json
import os
import subprocess
import sys

# The fixtures of the tree this script is in, shown relative to the
# current directory when that is shorter.
FIXTURES = os.path.relpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        os.pardir, "fixtures"))
GOLDEN = os.path.join(FIXTURES, "golden")
KNOWN = os.path.join(GOLDEN, "KNOWN_FAILURES")


def load_known():
    known = {}
    if not os.path.exists(KNOWN):
        return known
    with open(KNOWN, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, reason = line.partition(":")
            if not sep or not reason.strip():
                sys.exit(f"{KNOWN}:{n}: expected 'NAME: reason', got {line!r}")
            known[name.strip()] = reason.strip()
    return known


# (golden extension, winnow arguments; {name} is the fixture's name)
FORMATS = [
    ("txt", []),
    ("md", ["--format", "markdown", "--links", "--images",
            "--url", "https://example.org/news/{name}.html"]),
    ("json", ["--format", "json"]),
]


def run(winnow, page, args=()):
    """winnow's stdout for page, or None with a message when it failed."""
    try:
        proc = subprocess.run([winnow, *args, page], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "timed out after 60 s"
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        return None, f"exit status {proc.returncode} (stderr: {err!r})"
    return proc.stdout, None


def diff(expected, got, name, ext="txt"):
    a = expected.decode("utf-8", "replace").splitlines(keepends=True)
    b = got.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, f"golden/{name}.{ext}", f"winnow {name}.html")
    text = "".join(lines)
    if not text.endswith("\n"):
        text += "\n\\ No newline at end of file\n"
    return text


def check_json(winnow, page, name, text):
    """The JSON parsed back; 1 when it is wrong."""
    out, err = run(winnow, page, ["--format", "json"])
    line, err2 = run(winnow, page, ["--format", "jsonl"])
    if err or err2:
        print(f"FAIL  {name}: json: {err or err2}")
        return 1
    try:
        obj = json.loads(out.decode("utf-8"))
        one = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        print(f"FAIL  {name}: json does not parse: {e}")
        return 1
    problems = []
    if not isinstance(obj, dict):
        problems.append("not an object")
    elif obj.get("text") != text.decode("utf-8"):
        problems.append("its text differs from the text output")
    if one != obj:
        problems.append("jsonl is not the same object")
    if line.count(b"\n") != 1 or not line.endswith(b"\n"):
        problems.append("jsonl is not one line")
    for key in ("url", "title", "author", "date", "sitename", "description",
                "language", "categories", "tags", "image", "text"):
        if isinstance(obj, dict) and key not in obj:
            problems.append(f"no key {key!r}")
    if problems:
        print(f"FAIL  {name}: json: " + "; ".join(problems))
        return 1
    return 0


def check_formats(winnow, page, name):
    """Markdown and JSON goldens of one fixture; the number of failures."""
    failed = 0
    text, err = run(winnow, page)
    if err:
        return 0  # reported with the text golden
    for ext, args in FORMATS[1:]:
        golden = os.path.join(GOLDEN, f"{name}.{ext}")
        if not os.path.exists(golden):
            print(f"FAIL  {name}: no golden/{name}.{ext}; review and run --update {name}")
            failed += 1
            continue
        with open(golden, "rb") as f:
            expected = f.read()
        got, err = run(winnow, page, [a.format(name=name) for a in args])
        if err:
            print(f"FAIL  {name}: {ext}: {err}")
            failed += 1
        elif got != expected:
            print(f"FAIL  {name}: output differs from golden/{name}.{ext}")
            sys.stdout.write(diff(expected, got, name, ext))
            failed += 1
        else:
            print(f"ok    {name}.{ext}")
    return failed + check_json(winnow, page, name, text)


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    winnow = os.path.abspath(argv[1])
    update = "--update" in argv[2:]
    only = [a for a in argv[2:] if not a.startswith("-")]
    known = load_known()
    pages = sorted(glob.glob(os.path.join(FIXTURES, "*.html")))
    if not pages:
        print(f"no fixtures in {FIXTURES}/", file=sys.stderr)
        return 1
    names = [os.path.basename(p)[:-len(".html")] for p in pages]
    for name in list(known) + only:
        if name not in names:
            print(f"unknown fixture {name!r}", file=sys.stderr)
            return 1

    if update:
        for page, name in zip(pages, names):
            if only and name not in only:
                continue
            if not only and name in known:
                print(f"skip {name}: in KNOWN_FAILURES, its golden is written by hand")
                continue
            for ext, args in FORMATS:
                if ext != "txt" and name in known:
                    continue
                out, err = run(winnow, page, [a.format(name=name) for a in args])
                if err:
                    print(f"FAIL {name}: {err}; golden not written")
                    continue
                with open(os.path.join(GOLDEN, f"{name}.{ext}"), "wb") as f:
                    f.write(out)
                print(f"wrote golden/{name}.{ext}")
        return 0

    failed = 0
    for page, name in zip(pages, names):
        if name not in known:
            failed += check_formats(winnow, page, name)
        golden = os.path.join(GOLDEN, name + ".txt")
        if not os.path.exists(golden):
            print(f"FAIL {name}: no golden/{name}.txt; review the output and run --update {name}")
            failed += 1
            continue
        with open(golden, "rb") as f:
            expected = f.read()
        got, err = run(winnow, page)
        if err:
            print(f"FAIL {name}: {err}")
            failed += 1
        elif got == expected and name in known:
            print(f"XPASS {name}: now matches its golden; remove it from KNOWN_FAILURES")
            failed += 1
        elif got == expected:
            print(f"ok    {name}")
        elif name in known:
            print(f"xfail {name}: {known[name]}")
            sys.stdout.write(diff(expected, got, name))
        else:
            print(f"FAIL  {name}: output differs from golden/{name}.txt")
            sys.stdout.write(diff(expected, got, name))
            failed += 1
    print(f"{len(pages)} fixtures, {failed} failed, "
          f"{sum(1 for n in names if n in known)} known failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
