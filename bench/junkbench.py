#!/usr/bin/env python3
"""Junk benchmark for text input: do inserted notices go and does the article stay?

  bench/junkbench.py [--corpus DIR ...] [--notices DIR] [--seed N] [--per-page]
                     [--no-baseline] [--limit N] [--jobs N] [--timeout S]
                     [--keep DIR] -- COMMAND ARGS...

  e.g. bench/junkbench.py -- build/winnow --input text {}

COMMAND runs once per page; "{}" in ARGS is replaced by the page's file
(plain UTF-8 text); without "{}" the page is fed on standard input.  What
it prints is the extracted text.  Pages run on a pool of --jobs threads
(default 2).

Corpora: ground-truth.json (id -> {"articleBody": ...}) with text/ID.txt.gz,
the layout of ../shared/bench/dragnet-text and cleaneval-text, which are the
default (--corpus may be given several times; --limit N takes the first N
pages of each).

What it does, for every page:
 - picks 2-4 notices, deterministically (random.Random seeded with --seed,
   the corpus name and the page id): one page language (en de fr es it pt
   nl pl cs sv da fi tr), then one notice per position, of a kind that fits
   the position:
     top      the start of the page      cookie, region, risk, newsletter
     between  between two paragraphs     readalso, newsletter, cookie, risk
              of the article
     after    right after the article's  comment, newsletter, readalso, risk
              last paragraph
     bottom   the end of the page        cookie, comment, region, risk,
                                         newsletter
   Every page gets "between"; the others are drawn.  The texts are in
   bench/junk/LANG.txt (own texts; see bench/junk/README for the format),
   or in DIR/LANG.txt with --notices DIR (e.g. bench/junk-fresh, a held-out
   set written without looking at the rules; the languages are those of
   the files there), with their chrome lines ("close close", "×", "Accept"
   ...); a third of the notices also get generic chrome around them.  A notice is written
   with the indent of the article's paragraphs next to it (lynx: three
   spaces, headings and buttons at the margin), as its own block between
   blank lines.
 - The article's paragraphs are found in the page as the lines of 5+ words
   whose 4-word shingles are at least 70% in the truth; "between" is a
   boundary between two consecutive such lines in the middle half of the
   article, "after" is after the last one.  A page where no two article
   lines follow each other gets "between" at a blank line in the middle
   of the page (counted as "fallback" in the summary).
 - Writes the modified pages (and the unmodified ones, for the baseline) to
   a temporary directory (--keep DIR: to DIR/CORPUS/junk and orig/, kept,
   for looking at a miss) and runs COMMAND on each.

What it measures:
 - F1: the 4-word shingle F1 of ../shared/bench/score.py (imported from
   there), averaged over pages as run.py does, of the output on the
   modified pages against the unchanged truth: the article must stay and
   the notices must go.  "baseline" is the same on the unmodified pages
   (skip with --no-baseline), so baseline - F1 is what the notices cost.
   "F1 against own output" scores the output on the modified pages
   against the command's own output on the unmodified ones: 1.0 when the
   notices change nothing, whatever the command misses of the truth
   anyway (the F1 against the truth cannot pass the baseline's).
   "input as is" is the F1 of the modified page itself (no extraction).
 - Removal: a notice is LEFT when any of its paragraphs survives in the
   output: a paragraph of 8+ words when one of its 8-word shingles is in
   the output, a shorter one (3+ words) when its whole word sequence is
   (words as \\w+ runs, case-folded).  Paragraphs whose words already occur
   in the unmodified page (e.g. a WordPress page's own "Leave a Reply") and
   chrome lines are not checked.  Reported: the share of pages where every
   inserted notice was removed, and the removal rate of notices overall,
   per kind, per language, per position and per kind and position.
 - --per-page lists the pages with notices left: kind, language, position
   and the first paragraph found.

Targets (issue #13): F1 >= 0.95 and every notice removed on >= 98% of pages.
The last line is machine-readable key=value pairs.
"""
import concurrent.futures
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench"))
JUNK = os.path.join(HERE, "junk")
DEFAULT_CORPORA = [os.path.join(SHARED, "dragnet-text"), os.path.join(SHARED, "cleaneval-text")]

KINDS = ["risk", "region", "cookie", "comment", "newsletter", "readalso"]
POSITIONS = {
    "top": ["cookie", "region", "risk", "newsletter"],
    "between": ["readalso", "newsletter", "cookie", "risk"],
    "after": ["comment", "newsletter", "readalso", "risk"],
    "bottom": ["cookie", "comment", "region", "risk", "newsletter"],
}
CHROME_BEFORE = ["close close", "×", "[X]", "Close", "close"]
CHROME_AFTER = ["OK", "Accept", "(BUTTON) OK", "Got it", "Dismiss"]
WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 8


def load_score(corpora):
    """Import score.py from the shared bench directory (beside the corpora)."""
    for d in [SHARED] + [os.path.dirname(os.path.abspath(c)) for c in corpora]:
        if os.path.isfile(os.path.join(d, "score.py")):
            sys.path.insert(0, d)
            import score  # noqa: E402
            return score
    sys.exit("junkbench: score.py not found (looked in %s)" % SHARED)


def load_notices(directory=JUNK):
    """{lang: {kind: [notice]}}; a notice is a list of (is_chrome, line)."""
    table = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".txt"):
            continue
        lang, cur = name[:-4], None
        table[lang] = {}
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if line.startswith("== "):
                    kind = line[3:].strip()
                    if kind not in KINDS:
                        sys.exit(f"junkbench: {name}:{n}: unknown kind {kind!r}")
                    cur = []
                    table[lang].setdefault(kind, []).append(cur)
                elif cur is None:
                    sys.exit(f"junkbench: {name}:{n}: text before the first '== KIND'")
                elif line.startswith("! "):
                    cur.append((True, line[2:].strip()))
                else:
                    cur.append((False, line))
    return table


def words(text):
    return [w.casefold() for w in WORD.findall(text)]


def article_lines(lines, truth):
    """Indices of the page lines that are article paragraphs."""
    tw = WORD.findall(truth)
    tset = {tuple(tw[i:i + 4]) for i in range(len(tw) - 3)}
    out = []
    for i, line in enumerate(lines):
        w = WORD.findall(line)
        if len(w) < 5:
            continue
        sh = [tuple(w[j:j + 4]) for j in range(len(w) - 3)]
        if sum(s in tset for s in sh) >= 0.7 * len(sh):
            out.append(i)
    return out


def next_nonblank(lines, i):
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def render(notice, indent, rng):
    """The notice as page lines (a block between blank lines)."""
    out = []
    body = list(notice)
    if rng.random() < 1 / 3:
        if rng.random() < 0.5:
            body.insert(0, (True, rng.choice(CHROME_BEFORE)))
        else:
            body.append((True, rng.choice(CHROME_AFTER)))
    prev_short = True
    for chrome, text in body:
        # lynx writes headings, labels and buttons at the margin; a paragraph
        # (<p>) gets a blank line before and after it, like in the page
        short = chrome or (len(WORD.findall(text)) <= 6 and not text.endswith("."))
        if out and not (short and prev_short):
            out.append("")
        out.append(("" if short and indent == "   " else indent) + text)
        prev_short = short
    return out


def plan_page(key, corpus_name, page, truth, notices, seed):
    """Insert notices into the page; return (new text, [inserted notice dicts], fallback)."""
    rng = random.Random(f"{seed}:{corpus_name}:{key}")
    lines = page.split("\n")
    lang = rng.choice(sorted(notices))
    n = rng.choice([2, 3, 4])
    positions = ["between"] + rng.sample(["top", "after", "bottom"], n - 1)
    art = article_lines(lines, truth)
    artset = set(art)

    def para(i, strict):
        t = lines[i].strip()
        return not strict or (len(WORD.findall(t)) >= 10 and t[:1] not in "*+-#@o•")

    # where "between" goes: after an article line followed by another one;
    # real paragraphs (10+ words, no bullet) first, any article lines if none
    pairs = []
    for strict in (True, False):
        pairs = [i for i in art if para(i, strict) and next_nonblank(lines, i) in artset
                 and para(next_nonblank(lines, i), strict)]
        if pairs:
            break
    fallback = False
    if pairs:
        lo, hi = len(pairs) // 4, max(len(pairs) // 4 + 1, (3 * len(pairs) + 3) // 4)
        between_at = rng.choice(pairs[lo:hi])
    else:
        fallback = True
        blanks = [i for i, l in enumerate(lines) if not l.strip()]
        third = len(lines) / 3
        mid = [i for i in blanks if third <= i <= 2 * third] or blanks
        between_at = rng.choice(mid) if mid else len(lines) // 2

    def indent_of(i):
        return lines[i][:len(lines[i]) - len(lines[i].lstrip())] if 0 <= i < len(lines) else ""
    # notices are written with the indent of the article's paragraphs
    # (lynx: three spaces); at the top and bottom with that of the first one
    art_indent = indent_of(pairs[0] if pairs else (art[0] if art else -1))
    after_at = art[-1] if art else None
    used, inserted = set(), []
    inserts = {}  # line index -> list of rendered blocks (inserted after that line)
    for pos in positions:
        kinds = [k for k in POSITIONS[pos] if k not in used and k in notices[lang]] or \
                [k for k in POSITIONS[pos] if k in notices[lang]]
        kind = rng.choice(kinds)
        used.add(kind)
        notice = rng.choice(notices[lang][kind])
        if pos == "top":
            at = -1
        elif pos == "bottom":
            at = len(lines) - 1
        elif pos == "between":
            at = between_at
        else:
            at = after_at if after_at is not None else len(lines) - 1
        block = render(notice, art_indent if pos in ("top", "bottom") else indent_of(at), rng)
        inserts.setdefault(at, []).append(block)
        inserted.append({"kind": kind, "lang": lang, "pos": pos,
                         "paras": [t for chrome, t in notice if not chrome]})
    out = []
    for block in inserts.get(-1, []):
        out += block + [""]
    for i, line in enumerate(lines):
        out.append(line)
        for block in inserts.get(i, []):
            out += [""] + block + [""]
    return "\n".join(out), inserted, fallback


def check_units(notice, original_words):
    """The word sequences that identify the notice's paragraphs, as padded strings."""
    orig = " " + " ".join(original_words) + " "
    units = []
    for para in notice["paras"]:
        w = words(para)
        if len(w) >= SHINGLE:
            seqs = [w[i:i + SHINGLE] for i in range(len(w) - SHINGLE + 1)]
        elif len(w) >= 3:
            seqs = [w]
        else:
            continue
        seqs = [" " + " ".join(s) + " " for s in seqs]
        seqs = [s for s in seqs if s not in orig]
        if seqs:
            units.append((para, seqs))
    return units


def left_para(units, output_words):
    out = " " + " ".join(output_words) + " "
    for para, seqs in units:
        if any(s in out for s in seqs):
            return para
    return None


def run_one(cmd, path, timeout):
    args = [a.replace("{}", path) for a in cmd]
    stdin = None
    if not any("{}" in a for a in cmd):
        with open(path, "rb") as f:
            stdin = f.read()
    try:
        r = subprocess.run(args, input=stdin, capture_output=True, timeout=timeout)
        return r.returncode == 0, r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return False, ""


def rate(a, b):
    return f"{a / b:.4f}" if b else "  n/a "


def main(argv):
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    opts, cmd = argv[1:argv.index("--")], argv[argv.index("--") + 1:]
    if not cmd:
        print(__doc__, file=sys.stderr)
        return 2
    corpora, seed, per_page, baseline, limit, jobs, timeout, keep = [], 13, False, True, None, 2, 60.0, None
    notices_dir = JUNK
    i = 0
    try:
        while i < len(opts):
            o = opts[i]
            if o == "--corpus":
                corpora.append(opts[i + 1]); i += 2
            elif o == "--notices":
                notices_dir = opts[i + 1]; i += 2
            elif o == "--seed":
                seed = int(opts[i + 1]); i += 2
            elif o == "--limit":
                limit = int(opts[i + 1]); i += 2
            elif o == "--jobs":
                jobs = int(opts[i + 1]); i += 2
            elif o == "--timeout":
                timeout = float(opts[i + 1]); i += 2
            elif o == "--per-page":
                per_page = True; i += 1
            elif o == "--keep":
                keep = opts[i + 1]; i += 2
            elif o == "--no-baseline":
                baseline = False; i += 1
            elif o in ("-h", "--help"):
                print(__doc__); return 0
            else:
                print(f"junkbench: unknown option {o}", file=sys.stderr); return 2
    except (IndexError, ValueError):
        print(f"junkbench: bad value for {opts[i]}", file=sys.stderr)
        return 2
    corpora = corpora or DEFAULT_CORPORA
    score = load_score(corpora)
    if not os.path.isdir(notices_dir):
        print(f"junkbench: --notices {notices_dir}: not a directory", file=sys.stderr)
        return 2
    notices = load_notices(notices_dir)
    if not notices:
        print(f"junkbench: no LANG.txt files in {notices_dir}", file=sys.stderr)
        return 2
    t_start = time.perf_counter()
    totals = {"pages": 0, "clean": 0, "notices": 0, "removed": 0}
    by = {"kind": {}, "lang": {}, "pos": {}, "kind_pos": {}}
    summary_kv = {}
    reports = []
    with tempfile.TemporaryDirectory(prefix="junkbench-") as tmp:
        if keep:
            tmp = keep
        for corpus in corpora:
            name = os.path.basename(os.path.normpath(corpus))
            with open(os.path.join(corpus, "ground-truth.json"), encoding="utf-8") as f:
                truth = json.load(f)
            keys = sorted(truth)[:limit] if limit else sorted(truth)
            truth = {k: truth[k] for k in keys}
            os.makedirs(os.path.join(tmp, name, "junk"), exist_ok=True)
            os.makedirs(os.path.join(tmp, name, "orig"), exist_ok=True)
            plans, fallbacks, modified = {}, 0, {}
            jobs_list = []
            for key in keys:
                with gzip.open(os.path.join(corpus, "text", key + ".txt.gz")) as f:
                    page = f.read().decode("utf-8", "replace")
                body = score.text_of(truth[key])
                new, inserted, fb = plan_page(key, name, page, body, notices, seed)
                fallbacks += fb
                ow = words(page)
                plans[key] = [(n, check_units(n, ow)) for n in inserted]
                modified[key] = new
                jp = os.path.join(tmp, name, "junk", key + ".txt")
                with open(jp, "w", encoding="utf-8") as f:
                    f.write(new)
                jobs_list.append(("junk", key, jp))
                if baseline:
                    op = os.path.join(tmp, name, "orig", key + ".txt")
                    with open(op, "w", encoding="utf-8") as f:
                        f.write(page)
                    jobs_list.append(("orig", key, op))
            preds = {"junk": {}, "orig": {}}
            failed = set()
            with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
                futs = {ex.submit(run_one, cmd, p, timeout): (which, key) for which, key, p in jobs_list}
                for fut in concurrent.futures.as_completed(futs):
                    which, key = futs[fut]
                    ok, text = fut.result()
                    preds[which][key] = text
                    if not ok:
                        failed.add((which, key))
            res = score.score_shingles(truth, preds["junk"])
            res_in = score.score_shingles(truth, modified)
            res_base = score.score_shingles(truth, preds["orig"]) if baseline else None
            # The command's own output on the unmodified page as the truth:
            # what the notices change, apart from what it misses anyway.
            own = {key: {"articleBody": preds["orig"].get(key, "")} for key in keys}
            res_own = score.score_shingles(own, preds["junk"]) if baseline else None
            pages = clean = nn = nr = 0
            left_pages = []
            for key in keys:
                ow = words(preds["junk"][key])
                left = []
                for notice, units in plans[key]:
                    para = left_para(units, ow)
                    ok = para is None
                    for dim in ("kind", "lang", "pos", "kind_pos"):
                        k = (notice["kind"], notice["pos"]) if dim == "kind_pos" else notice[dim]
                        d = by[dim].setdefault(k, [0, 0])
                        d[0] += ok
                        d[1] += 1
                    nn += 1
                    nr += ok
                    if not ok:
                        left.append((notice, para))
                pages += 1
                clean += not left
                if left:
                    left_pages.append((key, left))
            totals["pages"] += pages
            totals["clean"] += clean
            totals["notices"] += nn
            totals["removed"] += nr
            reports.append((name, res, res_base, res_own, res_in, pages, clean, nn, nr, fallbacks,
                            failed, left_pages))
    elapsed = time.perf_counter() - t_start

    print(f"junkbench: seed {seed}, notices: {os.path.relpath(notices_dir)}, command: {' '.join(cmd)}")
    for (name, res, res_base, res_own, res_in, pages, clean, nn, nr, fallbacks, failed,
         left_pages) in reports:
        print(f"\n{name}: {pages} pages, {nn} notices inserted"
              f" ({fallbacks} pages with 'between' at a blank line, no article paragraphs found)")
        if res_base:
            print(f"  F1 baseline (no notices)  {res_base['f1']:.4f}  P={res_base['precision']:.4f} R={res_base['recall']:.4f}")
        print(f"  F1 with notices           {res['f1']:.4f}  P={res['precision']:.4f} R={res['recall']:.4f}")
        if res_own:
            print(f"  F1 against own output     {res_own['f1']:.4f}  P={res_own['precision']:.4f} R={res_own['recall']:.4f}"
                  "  (with notices vs. without)")
        print(f"  F1 input as is (notices)  {res_in['f1']:.4f}  P={res_in['precision']:.4f} R={res_in['recall']:.4f}")
        print(f"  pages with every notice removed  {clean}/{pages} = {rate(clean, pages)}")
        print(f"  notices removed                  {nr}/{nn} = {rate(nr, nn)}")
        if failed:
            print(f"  command failed on {len(failed)} runs: "
                  + ", ".join(f"{w}:{k}" for w, k in sorted(failed)[:10]))
        summary_kv[f"{name}_f1"] = f"{res['f1']:.4f}"
        if res_base:
            summary_kv[f"{name}_f1_baseline"] = f"{res_base['f1']:.4f}"
            summary_kv[f"{name}_f1_own"] = f"{res_own['f1']:.4f}"
        summary_kv[f"{name}_clean_pages"] = rate(clean, pages)
        if per_page:
            for key, left in left_pages:
                for notice, para in left:
                    print(f"    left  {key}  {notice['kind']:<10} {notice['lang']} {notice['pos']:<7} {para[:70]!r}")
    print(f"\nall corpora: pages with every notice removed {totals['clean']}/{totals['pages']}"
          f" = {rate(totals['clean'], totals['pages'])};"
          f" notices removed {totals['removed']}/{totals['notices']} = {rate(totals['removed'], totals['notices'])}")
    for dim, title in (("kind", "per kind"), ("lang", "per language"), ("pos", "per position")):
        print(f"  removal rate {title}:")
        order = KINDS if dim == "kind" else (["top", "between", "after", "bottom"] if dim == "pos" else sorted(by[dim]))
        for k in order:
            if k in by[dim]:
                r, n = by[dim][k]
                print(f"    {k:<10} {rate(r, n)}  ({r}/{n})")
    pos_order = ["top", "between", "after", "bottom"]
    print("  removal rate per kind and position:\n    " + " " * 10 + "".join(f"{p:>9}" for p in pos_order))
    for k in KINDS:
        cells = [by["kind_pos"].get((k, p)) for p in pos_order]
        print(f"    {k:<10}" + "".join(f"{rate(*c):>9}" if c else f"{'-':>9}" for c in cells))
    f1s = [r[1]["f1"] for r in reports]
    ok = all(f >= 0.95 for f in f1s) and totals["pages"] and totals["clean"] / totals["pages"] >= 0.98
    print(f"targets (F1 >= 0.95 on each corpus, every notice removed on >= 98% of pages): "
          f"{'met' if ok else 'not met'}   ({elapsed:.0f} s)")
    summary_kv.update({
        "clean_pages": rate(totals["clean"], totals["pages"]),
        "notices_removed": rate(totals["removed"], totals["notices"]),
        "pages": totals["pages"], "notices": totals["notices"], "seed": seed,
        "targets": "met" if ok else "not_met",
    })
    for k in KINDS:
        if k in by["kind"]:
            summary_kv[f"removed_{k}"] = rate(*by["kind"][k])
    print(" ".join(f"{k}={v}" for k, v in summary_kv.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
