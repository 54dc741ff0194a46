#!/usr/bin/env python3
"""pathological.py WINNOW [--full] [--only NAME ...] [--list]

Pathological inputs must neither crash nor hang winnow, and the time it
takes on them must grow about linearly with their size.  Modelled on
cmark's test/pathological_tests.py.

Each case generates its input into a temporary directory (nothing big is
kept in the tree) at two sizes, N and 4N, and runs `WINNOW ARGS FILE` on
each with --max-size 0 and --time-limit 0 (when winnow has that option),
so that the limits do not hide the behaviour.  A case passes when every
run

  - ends with an expected exit status (0 or 1; exactly 1 for the cases
    that must be refused), never a signal or the timeout (60 s a run,
    300 s with --full);
  - writes valid UTF-8 to standard output;

and the time grows about linearly: (t(4N) - t0) / (t(N) - t0) <= 6,
where t0 is the time of winnow on an empty file (process start-up and the
built-in rules).  Quadratic growth would give about 16.

Robustness against a busy machine (a fuzzer and other builds share its
two cores):

  - the time is the CPU time (user + system) of the winnow process, from
    wait4(), which time spent waiting for a core does not inflate; the
    wall time is printed too;
  - each size is run 3 times and the fastest run counts;
  - the default sizes are chosen so that t(N) - t0 is 0.05 s or more;
  - a case whose ratio is over 8 is measured once more before it fails,
    and each size's fastest run of both rounds counts (on a busy machine
    the CPU time of a memory-heavy case, a 9.5 MB text node at 4N, varied
    its ratio from 2.6 to 6.2 for the same build; linear is 4, quadratic
    16, and 8 is halfway between them);
  - when t(4N) - t0 is under 0.1 s the ratio is printed but not enforced
    (cases that refuse their input early take milliseconds at any size).

Then each case runs once more at 4N with the default limits (no
--max-size, no --time-limit); that run must not crash either, and an
input over the default --max-size of 8 MiB must be refused with exit 1
("over the limit").  gzip-bomb runs with the default limits only: 1 GiB
of zeros in 1 MB of gzip must be refused ("too large") in under 10 s.

By default the sizes keep the whole test well under 3 minutes on a
2-core machine.  --full runs the sizes of the issue (nested tags up to
1,000,000, 200,000 attributes, a 50 MB text node, 20 MB comments ...),
which takes about 4 minutes.  Where the default N differs from the
issue's, the comment of the case says why.

Prints one line per case and "N passed, M failed" at the end; exits 1
when a case failed.  A line reads

  ok NAME N=n (bytes) t=CPU wall=WALL rss=MAXRSS 4N=... ratio=R exit=A/B
     [reason winnow gave for exit 1] default-limits: ...

or "FAIL NAME: why".  Uses only the Python standard library.
"""

import codecs
import os
import random
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

MAX_RATIO = 8.0        # 4N/N; linear is 4, quadratic 16: 8 is halfway (in log)
MIN_ENFORCED = 0.10    # s of t(4N) - t0 under which the ratio is not enforced
RUNS = 3               # runs per size; the fastest counts
DEFAULT_LIMIT = 8 << 20
NO_LIMITS = ["--max-size", "0"]   # and --time-limit 0 where supported
MEM_LIMIT = 6 << 30    # RLIMIT_AS for winnow: keeps a runaway off the machine

SENTENCE = (b"The quick brown fox jumps over the lazy dog while the patient "
            b"reader waits for the end of a very long and very strange page.")
HEAD = (b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>pathological'
        b'</title></head><body>')
# A clean start of more than 4 KB: winnow's binary sniffer reads the first
# 4096 bytes, and the NUL cases must reach the parser, not be refused.
PREFIX = HEAD + b"<article>" + (b"<p>" + SENTENCE + b"</p>\n") * 40

# ---- generators: gen(n) -> bytes -------------------------------------------


def nest(unit, tail=b""):
    return lambda n: HEAD + unit * n + b"<p>" + SENTENCE + b"</p>" + tail * n + b"\n"


# A page whose text is all in embedded HTML (script templates, noscript),
# which winnow parses and reads in place (dom.c, read_embed).
TEMPLATE = b'<p>Header</p><script type="text/template">'


def template_nest(n):
    return (HEAD + TEMPLATE + b"<div>" * n + b"<p>" + SENTENCE * 3 + b"</p>" +
            b"</div>" * n + b"</script>\n")


def templates_many(n):
    return HEAD + b"<p>Header</p>" + b"".join(
        b'<script type="text/template"><div><p>%d ' % i + SENTENCE * 2 +
        b"</p></div></script><noscript><p>%d " % i + SENTENCE * 2 + b"</p></noscript>"
        for i in range(n)) + b"\n"


def attributes(n):
    attrs = b"".join(b" a%d=x" % i for i in range(n))
    return HEAD + b"<p" + attrs + b">" + SENTENCE + b"</p>\n"


def nul_mixed(n):
    unit = (b'<p>a\0b <span ti\0tle="x\0y">c\0d</span><!-- \0 -->'
            b'<script>var s = "\0";</script><svg><text>\0</text></svg>'
            b"<textarea>\0</textarea> " + SENTENCE + b"</p>\n")
    return PREFIX + unit * n


BAD_UTF8 = (b"bad \xc0\x80 \xe0\x80\x80 \xf0\x80\x80\x80 \xed\xa0\x80 "
            b"\xf4\x90\x80\x80 \x80 \xbf \xfe \xff end ")


def utf16le(n):
    para = ("<p>Die Größe des Straßennetzes überraschte die Prüfer, "
            "sagte der Bürgermeister am Dienstag in München. %d</p>\n")
    page = "<html><head><title>utf-16</title></head><body><article>"
    page += "".join(para % i for i in range(n)) + "</article></body></html>\n"
    return page.encode("utf-16-le")


def meta_lies(n):
    para = ("<p>Die Größe des Straßennetzes überraschte die Prüfer; café, "
            "naïve, déjà vu, “quotes” and – dashes € %d.</p>\n")
    return (b"<html><head><meta charset=iso-8859-1><title>lies</title></head>"
            b"<body><article>"
            + "".join(para % i for i in range(n)).encode("utf-8")
            + b"</article></body></html>\n")


def binary_png(n):
    rnd = random.Random(n)
    return b"\x89PNG\r\n\x1a\n" + rnd.randbytes(n)


def gzip_truncated(n):
    page = HEAD + b"<article>" + b"".join(
        b"<p>Paragraph %d: " % i + SENTENCE + b"</p>\n" for i in range(n))
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    data = c.compress(page) + c.flush()
    return data[: len(data) // 2]


def gzip_bomb():
    """1 GiB of zeros as one valid gzip member of about 1 MB.

    Deflate blocks after a full flush do not refer back, so one compressed
    MiB of zeros can be repeated; the trailer has the real CRC and size."""
    chunk = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(chunk, crc)
    # 03 00: an empty final block with fixed codes.
    return (first + block * 1023 + b"\x03\x00"
            + struct.pack("<II", crc, (1 << 30) & 0xFFFFFFFF))


def text_lines(n):
    return b"".join(b"Short line %d here\n" % i for i in range(n))


def text_paragraphs(n):
    return b"".join(b"Paragraph %d has a few words of text in it.\n\n" % i
                    for i in range(n))


def text_columns(n):
    """Two columns side by side, as w3m lays out a page's table: a menu
    word at the left, a long line of prose after a gutter (every line a
    candidate for columns.c)."""
    return b"".join(b"Menu %-12d      The council met again on Tuesday and "
                    b"voted to reopen the old valley line, line %d.\n" % (i, i)
                    for i in range(n))


def text_near_repeats(n):
    """Long paragraphs, each the one before with a word changed: every
    one is looked up in the near-repeat table (repeats.c)."""
    return b"".join(b"The council met again on Tuesday, day %d, and voted to reopen "
                    b"the old valley line between the two towns, closed to "
                    b"passengers since the seventies, once the budget is found.\n\n"
                    % i for i in range(n))


TEXT_ARTICLE = (b"The regional council approved on Thursday a plan to reopen the old "
                b"railway line between the two valley towns, closed since then.\n\n") * 3


def text_related_chain(n):
    """"Related" boxes one under the other: each box's heading chains to
    the next (score_text.c related_box), at most MAX_BOXES of them, so
    that each reads a bounded stretch (unbounded, 2 MB took 25 s)."""
    return TEXT_ARTICLE + b"Related\n\nValley towns argue\n\n" * n + TEXT_ARTICLE


def text_table_rows(n):
    """A table of figures under the article (table_after), read after the
    main run and after each run kept beside it."""
    return (TEXT_ARTICLE + b"Final standings:\n\n" +
            b"".join(b"%d Anna Berg %d 5 1 17 27\n\n" % (i, 5000 - i % 5000) for i in range(n)) +
            TEXT_ARTICLE)


def text_tag_cloud(n):
    """Long lines of keywords with no sentence: their function words are
    counted (function_words.c)."""
    return TEXT_ARTICLE + (b"railway timetable valley towns council budget trains buses "
                           b"farmers crossings tracks passengers opposition villages spring "
                           b"museum station ferry lake cyclists bakery\n\n") * n


def text_notices(n):
    """Paragraphs full of a notice's words, in and out of quotation marks,
    each looked up stem by stem (notice_words.c), and a line of
    alphabetical tags (text_tag_order)."""
    return TEXT_ARTICLE + (b"Our partners use cookies on your device to measure traffic "
                           b"\xe2\x80\x9cand \"personalise\" advertising\xe2\x80\x9d: "
                           b"accept or reject in the settings.\n\n"
                           b"alpha beta cookies delta echo foxtrot golf hotel india juliet "
                           b"kilo lima mike november oscar papa quebec romeo sierra tango\n\n") * n


def text_strays(n):
    """Article paragraphs of words never seen before, each followed by a
    pitch in another language with a newsletter word: every pitch is
    looked up in the vocabulary of the kept text (cohesion.c), which
    grows to its cap of different words."""
    return b"".join(b"The council met on day w%da and voted on plan w%db for the line "
                    b"w%dc, with works w%dd due before w%de.\n\n"
                    b"Co tydzie\xc5\x84 wysy\xc5\x82amy najlepsze teksty w naszym "
                    b"newsletterze dla czytelnik\xc3\xb3w, kt\xc3\xb3rzy otrzymuj\xc4\x85 "
                    b"go w pi\xc4\x85tek.\n\n" % (i, i, i, i, i) for i in range(n))


def text_same_paragraph(n):
    return (b"The same paragraph of text comes again and again here.\n\n") * n


WORDS = ("news market report city council police court school water energy "
         "price share people world home page menu cookie reply comment "
         "search login sign account privacy policy terms contact about "
         "follow read more related story video photo image credit source "
         "week month year today yesterday morning evening north south east "
         "west river road bridge house street train station airport").split()


def rules_file(path):
    """10,000 distinct phrases of 3-5 words drawn from the words the page
    uses, so that many phrases start matching in every paragraph."""
    rnd = random.Random(1)
    seen = set()
    lines = []
    while len(lines) < 10000:
        p = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 5)))
        if p not in seen:
            seen.add(p)
            lines.append("junk block phrase %s\n" % p)
    with open(path, "w") as f:
        f.write("# generated by tests/pathological.py\n")
        f.writelines(lines)


def rules_page(n):
    rnd = random.Random(n)
    paras = []
    for i in range(n):
        words = " ".join(rnd.choice(WORDS) for _ in range(30))
        paras.append("<p>%s %d.</p>\n" % (words.capitalize(), i))
    return HEAD + b"<article>" + "".join(paras).encode() + b"</article></body></html>\n"


def pre_lines_page(n):
    """n lines of a's ending in b, in one <pre>: a backtracking line-scope
    regex tries every line."""
    return HEAD + b"<article><pre>" + b"".join(
        b"a" * (20 + i % 7) + b"b\n" for i in range(n)) + b"</pre></article>\n"


def regex_page(n):
    return HEAD + b"<article>" + b"".join(
        b"<p>" + b"a" * (30 + i % 11) + b"b</p>\n" for i in range(n)) + b"</article>\n"


# ---- cases -----------------------------------------------------------------
#
# name, generator, extra args, N by default, N with --full[, accepted exit
# statuses, {0, 1} when absent].  Each case runs at N and 4N.  --full runs
# the sizes of the issue (its sizes are 4N).  By default, cases that reach
# Gumbo with much work (div, ul/li, adoption agency, text) run smaller, to
# keep the test short; cases that winnow finishes at 100-700 MB/s run
# larger than the sizes, so that t(N) - t0 is measurable.

SENTENCE = (b"The council met again on Monday to discuss the plans for the old "
            b"harbour, and most members said they would support the new budget. ")


def region_posts(n):
    return HEAD + b"<div id=main>" + (b"<div class=\"post entry\"><h2>Post</h2><div class=body><p>"
                                      + SENTENCE * 4 + b"</p></div></div>") * n + b"</div>"


def region_hidden_pages(n):
    return HEAD + b"<article><div class=gallery><div class=\"page\"><p>" + SENTENCE + b"</p></div>" + (
        b"<div class=\"page hidden\"><p>" + SENTENCE + b"</p></div>") * n + b"</div></article>"


def region_articles(n):
    return (b"<html><head><title>Harbour plans</title></head><body><div class=stream>"
            + (b"<article class=entry><h1>Harbour plans</h1><div class=text><p>" + SENTENCE
               + b"</p></div></article>") * n + b"</div>")


def region_deep_blocks(n):
    # 300 wrappers (under the prescan's 400), then n paragraphs and n
    # short lines at that depth: every per-block walk up the tree is 300
    # steps.
    return (HEAD + b"<div class=w>" * 300 + b"<article><h1>Harbour plans</h1>"
            + (b"<p>Short line.</p>") * n + (b"<p>" + SENTENCE + b"</p>") * n)


def region_article_start(n):
    return (HEAD + b"<article><h1>Harbour plans</h1>" + b"<p>Short line here.</p>" * n
            + b"<div class=body>" + (b"<p>" + SENTENCE + b"</p>") * 20 + b"</div></article>")


def region_parts(n):
    return (HEAD + b"<div class=story>" + (b"<p>" + SENTENCE + b"</p>") + b"<div class=inner>"
            + (b"<p>" + SENTENCE + b"</p>") * (4 * n) + b"</div>"
            + (b"<section class=part><p>" + SENTENCE + b"</p></section><div class=ad>Ad</div>") * n
            + b"</div>")


M = 1000000
CASES = [
    # Nesting, up to 1,000,000 tags (100,000 for <table><tr><td>) with
    # --full.  winnow's prescan leaves out start tags nested deeper than
    # 400 and attributes past the 400th, so Gumbo never sees the deep
    # part; b, svg, template and table then run at prescan speed, and by
    # default at 6-8 times the sizes (up to 57 MB).
    ("div-unclosed", nest(b"<div>"), [], 125000, 250000),
    ("div-closed", nest(b"<div>", b"</div>"), [], 125000, 250000),
    ("b-i", nest(b"<b><i>"), [], 2 * M, 250000),
    ("b-i-adoption", nest(b"<b><i></b></i>"), [], 50000, 250000),
    ("b-div-adoption", nest(b"<b><div></b>"), [], 150000, 250000),
    ("ul-li", nest(b"<ul><li>"), [], 50000, 250000),
    ("table-tr-td", nest(b"<table><tr><td>"), [], 1 * M, 25000),
    ("svg", nest(b"<svg>"), [], 750000, 250000),
    ("template", nest(b"<template>"), [], 1500000, 250000),
    # The same inside embedded HTML, which goes through the prescan's
    # bounds too: nested divs in a script template, noscripts nested in
    # one another (each holds the rest of the page: what is parsed of
    # them is bounded by twice the page), and n script templates each
    # with its noscript copy (read once).
    ("script-template-div", template_nest, [], 125000, 250000),
    ("noscript-nested", nest(b"<noscript>", b"</noscript>"), [], 125000, 250000),
    ("script-templates", templates_many, [], 5000, 25000),
    # extra: a dense tree, 1,600,000 <br> (6.4 MB) at 4N, about 480 MB of
    # the 512 MiB of tree memory winnow allows (about 75 bytes a byte of
    # input): from about 1,750,000 <br> (7 MB, under the default
    # --max-size) the page is refused with exit 1 (max_memory).
    ("br", nest(b"<br>"), [], 400000, 400000),
    # One tag with distinct attributes: 50,000 at N and 200,000 at 4N with
    # --full; by default 6,000,000 at 4N (62 MB), since the prescan drops
    # all but 400 of them at about 300 MB/s.
    ("attributes", attributes, [], 1500000, 50000),
    # One text node: 12.5 MB at N and 50 MB at 4N with --full; by default
    # 2.4 and 9.5 MB.
    ("text-node", lambda n: HEAD + b"<p>" + b"word " * n, [], 500000, 2500000),
    # 1,000,000 links at 4N with --full (where winnow refuses 4N: it needs
    # more than its 512 MiB of tree memory); 200,000 by default.
    ("links", lambda n: HEAD + b"<a href=x>w</a> " * n, [], 50000, 250000),
    # Unterminated comment and script, 20 MB at 4N (script: 8 MB by
    # default).  The prescan drops their content at about 1 GB/s, so the
    # ratio is not enforced.
    ("comment-unterminated", lambda n: HEAD + b"<!--" + b"x" * n, [], 5 * M, 5 * M),
    ("script-unterminated", lambda n: HEAD + b"<script>" + b"x" * n, [], 2 * M, 5 * M),
    # NUL bytes after a clean first 4 KB, so that the parser sees them (a
    # page that starts with them is refused as binary): 20 MB at 4N with
    # --full, 64 MB by default (winnow takes 1-2 ms a MB).  Mixed: NUL in
    # text, an attribute name and value, a comment, a script, svg and
    # textarea, 19 MB at 4N with --full.
    ("nul-body", lambda n: PREFIX + b"<p>" + b"\0" * n, [], 16 * M, 5 * M),
    ("nul-mixed", nul_mixed, [], 5000, 20000),
    # Invalid UTF-8 (overlongs, a surrogate, past U+10FFFF, lone bytes),
    # 36 bytes a unit: 20 MB at 4N with --full, 1.4 MB by default.
    ("invalid-utf8", lambda n: HEAD + b"<p>" + BAD_UTF8 * n, [], 10000, 145000),
    # the same without <meta charset>: the encoding is detected
    ("invalid-utf8-nometa", lambda n: b"<p>" + BAD_UTF8 * n, [], 10000, 145000),
    # Numeric references past U+10FFFF.
    ("charref-big", lambda n: HEAD + b"<p>a&#4294967040;b " * n, [], 50000, 250000),
    # 20M digits at 4N with --full, 48M by default.
    ("charref-digits", lambda n: HEAD + b"<p>x &#" + b"1" * n + b" tail</p>\n",
     [], 12 * M, 5 * M),
    ("utf16le-nobom", utf16le, [], 5000, 50000),
    ("meta-lies", meta_lies, [], 5000, 50000),
    # Refused after the first 4 KB is sniffed; the time is reading the file.
    ("binary-png", binary_png, [], 5 * M, 5 * M, {1}),
    # A gzip'd page cut in half: refused when the data runs out.
    ("gzip-truncated", gzip_truncated, [], 50000, 250000, {1}),
    # Text input: 1,000,000 lines, one 20 MB line and 200,000 paragraphs
    # at 4N with --full; a quarter to a half of that by default.
    ("text-lines", text_lines, ["--input", "text"], 50000, 250000),
    ("text-one-line", lambda n: b"word " * n, ["--input", "text"], 500000, 1 * M),
    ("text-paragraphs", text_paragraphs, ["--input", "text"], 12500, 50000),
    # Text laid out in two columns, every line split at the gutter.
    ("text-columns", text_columns, ["--input", "text"], 12500, 50000),
    # extra: one paragraph again and again (the repeat filter)
    ("text-same-paragraph", text_same_paragraph, ["--input", "text"], 12500, 50000),
    # extra: paragraphs that each nearly repeat the one before (near repeats)
    ("text-near-repeats", text_near_repeats, ["--input", "text"], 6000, 24000),
    # Session 13: chained "Related" boxes, a table under the article,
    # long lines of keywords.
    ("text-related-chain", text_related_chain, ["--input", "text"], 20000, 80000),
    ("text-table-rows", text_table_rows, ["--input", "text"], 20000, 80000),
    ("text-tag-cloud", text_tag_cloud, ["--input", "text"], 5000, 20000),
    ("text-notices", text_notices, ["--input", "text"], 5000, 20000),
    # Session 16: pitches in another language between paragraphs of
    # ever new words (cohesion.c's vocabulary, capped at 2^18 words).
    ("text-strays", text_strays, ["--input", "text"], 10000, 40000),
    ("html-strays", lambda n: HEAD + b"<article>" + b"".join(
        b"<p>" + para.replace(b"\n\n", b"</p><p>") + b"</p>"
        for para in [text_strays(n)]) + b"</article>", [], 10000, 40000),
    # Rules: 10,000 generated phrases on N paragraphs; a backtracking
    # regular expression on paragraphs of 30-40 a's and a b (each match
    # gives up at PCRE2's match limit, so each paragraph costs the same).
    ("rules-phrases", rules_page, ["--rules", "@phrases"], 2000, 10000),
    ("rules-regex", regex_page, ["--rules", "@regex"], 200, 1000),
    # A user's backtracking regex at line scope (was 80 s for 500 KB, past
    # any time limit): each line may take 16 steps a byte, charged to the
    # work budget.
    ("rules-regex-line", pre_lines_page, ["--rules", "@regexline"], 20000, 80000),
    # The article's region (issue #12): streams of posts of one kind, gallery
    # pages hidden by class, articles one after another under the page's
    # headline, deep wrappers around the text, many short lines before an
    # article element's first paragraph, and many parts beside a container.
    # Issue #14: <select> elements that nothing closes.  The prescan
    # looked for </select> from every one of them (40,000: 19 s;
    # 160,000: 294 s); it now searches once.
    ("select-unclosed", lambda n: HEAD + b"<p>x</p>" + b"<select><option>a</option>" * n, [],
     100000, 400000),
    # Issue #14: text whose tag scanner looked for '>' to the end of the
    # line at every '<' (4.8 MB took 53 s); a tag is at most 512 bytes.
    ("text-open-tags", lambda n: b"x " + b"<b " * n, ["--input", "text"], 400000, 1600000),
    # Issue #14: a <pre> of short lines; line rules with max= counted the
    # words of the whole block once per line (300 KB took 3.4 s).
    ("pre-short-lines", lambda n: PREFIX + b"<pre>" + b"ab cd\n" * n + b"</pre>", [],
     250000, 400000),
    # Issue #14: a run of combining marks of alternating classes, which
    # utf8proc's NFC orders by insertion (20,000 pairs took 3.6 s); a
    # grapheme joiner after every 30 marks (UAX #15) bounds every run.
    ("combining-marks", lambda n: HEAD + b"<article><p>Some text. a" + "\u0301\u0316".encode() * n
     + b" end.</p></article>", [], 250000, 400000),
    ("combining-marks-title", lambda n: b"<html><head><title>a" + "\u0301\u0316".encode() * n
     + b"</title></head><body><p>Some text.</p>", ["-f", "json"], 250000, 400000),
    ("region-posts", region_posts, [], 5000, 20000),
    ("region-hidden-pages", region_hidden_pages, [], 10000, 40000),
    ("region-articles", region_articles, [], 5000, 20000),
    ("region-deep-blocks", region_deep_blocks, [], 2000, 8000),
    ("region-article-start", region_article_start, [], 20000, 80000),
    ("region-parts", region_parts, [], 2500, 10000),
    # ---- issue #14: the prescan's bounds, everywhere ----------------------
    # Each took super-linear time or memory in Gumbo before the prescan
    # followed it there.  A noscript after an svg the prescan cannot strip
    # (an icon with a title) went to Gumbo unread: n nested divs in it.
    ("noscript-after-svg", lambda n: HEAD + b'<svg viewBox="0 0 1 1"><title>icon</title>'
     b'<path d="M0"/></svg><noscript>' + b"<div>" * n + b"<p>" + SENTENCE + b"</p></noscript>",
     [], 125000, 250000),
    # Custom elements: Gumbo 0.10.1 closes the nearest unknown element, so
    # each unit nests one level deeper.
    ("custom-elements", nest(b"<x-a><x-b></x-a>"), [], 100000, 250000),
    # Attributes merged into the one html (body) element from n tags: each
    # is looked up among those already there.
    ("html-attributes", lambda n: HEAD + b"".join(b"<html a%d=x>" % i for i in range(n))
     + b"<p>" + SENTENCE + b"</p>\n", [], 100000, 100000),
    ("body-attributes", lambda n: HEAD + b"".join(b"<body a%d=x>" % i for i in range(n))
     + b"<p>" + SENTENCE + b"</p>\n", [], 100000, 100000),
    # Formatting elements the a closes and Gumbo reopens, deeper each time.
    ("inline-reopened", nest(b"<a><b><i><u><s><em>"), [], 100000, 100000),
    # A b in every paragraph, never closed, each with its own id: every
    # paragraph reopens all the b before it (29 KB reached 512 MiB).  Four
    # elements in 17 bytes: from about 6 MB the page is refused for
    # max_memory, as other pages that dense are ("br", "links").
    ("formatting-reopened", lambda n: HEAD + b"".join(b"<p><b id=%d>x " % i for i in range(n)),
     [], 50000, 100000),
    # Found by fuzz_prescan and a random search (tests/test_prescan.c): the
    # prescan's model of Gumbo's parser was wrong there, and the bound on
    # nesting did not hold.  An <a> in svg is svg's, not a formatting
    # element; </form> takes the form alone off the stack, so what was
    # opened in it stays open; a MathML thead puts Gumbo in the table body
    # mode when a table closes, and later tables are ignored.
    ("svg-anchors", nest(b"<svg><a></a>"), [], 300000, 1000000),
    ("form-reopened", nest(b"</form><form><s>"), [], 100000, 250000),
    ("mathml-table-reset", nest(b"<math><thead><mtext><table>"), [], 50000, 250000),
]

# ---- running ---------------------------------------------------------------


def generate(gen, n, path):
    """Writes gen(n) to path from a forked child, so that this process
    stays small: a child forked from it inherits its peak RSS, which would
    show in winnow's ru_maxrss."""
    pid = os.fork()
    if pid == 0:
        try:
            with open(path, "wb") as f:
                f.write(gen(n))
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise RuntimeError("could not generate %s" % path)


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEM_LIMIT, MEM_LIMIT))


class Run:
    pass


def run(winnow, args, path, tmp, timeout):
    """Runs winnow; returns a Run with rc (negative: signal), cpu, wall,
    maxrss (KB), timed_out, out (path) and err (first line)."""
    r = Run()
    out = os.path.join(tmp, "out")
    err = os.path.join(tmp, "err")
    with open(out, "wb") as fo, open(err, "wb") as fe:
        start = time.perf_counter()
        p = subprocess.Popen([winnow] + args + [path], stdout=fo, stderr=fe,
                             stdin=subprocess.DEVNULL, preexec_fn=limit_memory)
        r.timed_out = False

        def kill():
            r.timed_out = True
            p.kill()
        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        r.wall = time.perf_counter() - start
        timer.cancel()
        p.returncode = 0  # reaped here, not by Popen
    r.rc = os.waitstatus_to_exitcode(status)
    r.cpu = ru.ru_utime + ru.ru_stime
    r.maxrss = ru.ru_maxrss
    r.out = out
    with open(err, "rb") as f:
        r.err = f.read(300).split(b"\n")[0].decode("utf-8", "replace")
    return r


def check(r, accepted, timeout):
    """Returns why the run failed, or None."""
    if r.timed_out:
        return "timed out after %d s" % timeout
    if r.rc < 0:
        try:
            name = signal.Signals(-r.rc).name
        except ValueError:
            name = "?"
        return "killed by signal %d (%s)" % (-r.rc, name)
    if r.rc not in accepted:
        return "exit status %d, expected %s (stderr: %s)" % (
            r.rc, "/".join(map(str, sorted(accepted))), r.err)
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        with open(r.out, "rb") as f:
            while True:
                b = f.read(1 << 20)
                dec.decode(b, final=not b)
                if not b:
                    break
    except UnicodeDecodeError as e:
        return "standard output is not valid UTF-8 (%s)" % e
    return None


def measure(winnow, args, path, tmp, accepted, timeout):
    """Fastest of RUNS runs: (cpu, wall, maxrss KB, rc, why)."""
    best = None
    for _ in range(RUNS):
        r = run(winnow, args, path, tmp, timeout)
        why = check(r, accepted, timeout)
        if why:
            return None, why
        if best is None or r.cpu < best.cpu:
            best = r
    return best, None


def reason(r):
    """The reason winnow gave, without "winnow: FILE: "."""
    return r.err.split(": ", 2)[-1] if r.err.startswith("winnow: ") else r.err


def run_case(winnow, case, full, tmp, t0, timeout, subst):
    """Runs one case at N and 4N; returns (passed, line)."""
    name, gen, args, n_def, n_full = case[:5]
    accepted = case[5] if len(case) > 5 else {0, 1}
    n = n_full if full else n_def
    extra = [subst.get(a, a) for a in args]
    args = NO_LIMITS + extra
    sizes = (n, 4 * n)
    path, nbytes = {}, {}
    try:
        for k in sizes:
            path[k] = os.path.join(tmp, "%s-%d" % (name, k))
            generate(gen, k, path[k])
            nbytes[k] = os.path.getsize(path[k])
        best = {}
        for attempt in (1, 2):
            for k in sizes:
                r, why = measure(winnow, args, path[k], tmp, accepted, timeout)
                if why:
                    return False, "%s: at n=%d (%s): %s" % (name, k, human(nbytes[k]), why)
                if k not in best or r.cpu < best[k].cpu:
                    best[k] = r
            a, b = best[n], best[4 * n]
            ratio = max(b.cpu - t0, 1e-3) / max(a.cpu - t0, 1e-3)
            enforced = b.cpu - t0 >= MIN_ENFORCED
            if ratio <= MAX_RATIO or not enforced:
                break
        line = ("%s N=%d (%s) t=%.3fs wall=%.3fs rss=%dMB 4N=%d (%s) t=%.3fs "
                "wall=%.3fs rss=%dMB ratio=%.2f%s exit=%d/%d"
                % (name, n, human(nbytes[n]), a.cpu, a.wall, a.maxrss // 1024,
                   4 * n, human(nbytes[4 * n]), b.cpu, b.wall, b.maxrss // 1024,
                   ratio, "" if enforced else " (not enforced)", a.rc, b.rc))
        if attempt == 2:
            line += " (measured twice)"
        for k, r in ((n, a), (4 * n, b)):
            if r.rc != 0:
                line += " [%s: %s]" % ("N" if k == n else "4N", reason(r))
        if ratio > MAX_RATIO and enforced:
            return False, "%s: time ratio %.2f > %.0f, twice: %s" % (
                name, ratio, MAX_RATIO, line)
        # Once more at 4N with the default limits: over 8 MiB the default
        # --max-size must refuse it.
        r = run(winnow, extra, path[4 * n], tmp, timeout)
        why = check(r, accepted, timeout)
        if not why and nbytes[4 * n] > DEFAULT_LIMIT and (
                r.rc != 1 or "over the limit" not in r.err):
            why = "not refused"
        if why:
            return False, ("%s: at 4N (%s) with the default limits: %s (exit %d, %s)"
                           % (name, human(nbytes[4 * n]), why, r.rc, r.err))
        if r.rc == 1 and "over the limit" in r.err:
            line += " default-limits: refused-by-size"
        elif r.rc != 0:
            line += " default-limits: exit %d [%s]" % (r.rc, reason(r))
        else:
            line += " default-limits: exit 0"
        return True, line
    finally:
        for p in path.values():
            if os.path.exists(p):
                os.unlink(p)


def human(n):
    for unit, div in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= div:
            return "%.1f%s" % (n / div, unit)
    return "%dB" % n


def main():
    argv = sys.argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip().split("\n")[0], file=sys.stderr)
        return 2
    winnow = os.path.realpath(argv[0])
    full = "--full" in argv
    only = []
    if "--only" in argv:
        only = argv[argv.index("--only") + 1:]
    if "--list" in argv:
        for c in CASES:
            print(c[0])
        print("gzip-bomb")
        return 0
    timeout = 300 if full else 60
    # No limit on the size and, when winnow has one, on the time, so that
    # the limits do not hide the behaviour.
    helptext = subprocess.run([winnow, "--help"], capture_output=True).stdout
    NO_LIMITS[:] = ["--max-size", "0"]
    if b"--time-limit" in helptext:
        NO_LIMITS.extend(["--time-limit", "0"])
    if b"--work-budget" in helptext:
        NO_LIMITS.extend(["--work-budget", "0"])

    tmp = tempfile.mkdtemp(prefix="winnow-patho.")
    passed = failed = 0
    started = time.perf_counter()
    try:
        # rules files
        phrases = os.path.join(tmp, "phrases.rules")
        rules_file(phrases)
        regex = os.path.join(tmp, "regex.rules")
        with open(regex, "w") as f:
            f.write("x block regex ^(a+)+$\n")
        regexline = os.path.join(tmp, "regexline.rules")
        with open(regexline, "w") as f:
            f.write("x line regex ^(a+)+$\n")
        subst = {"@phrases": phrases, "@regex": regex, "@regexline": regexline}

        empty = os.path.join(tmp, "empty.html")
        open(empty, "wb").close()
        times = []
        for _ in range(5):
            r = run(winnow, NO_LIMITS, empty, tmp, 30)
            why = check(r, {0}, 30)
            if why:
                print("FAIL baseline: winnow on an empty file: %s" % why)
                return 1
            times.append(r.cpu)
        t0 = min(times)
        print("# %s mode; winnow %s FILE; baseline t0=%.4fs (CPU time on an "
              "empty file); rss= includes this process, %d MB, forked before winnow starts"
              % ("full" if full else "default", " ".join(NO_LIMITS), t0,
                 resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))
        sys.stdout.flush()

        for case in CASES:
            if only and case[0] not in only:
                continue
            ok, line = run_case(winnow, case, full, tmp, t0, timeout, subst)
            print(("ok " if ok else "FAIL ") + line)
            sys.stdout.flush()
            if ok:
                passed += 1
            else:
                failed += 1

        if not only or "gzip-bomb" in only:
            # 1 GiB of zeros in about 1 MB of gzip, with the default limit:
            # must be refused quickly.
            path = os.path.join(tmp, "bomb.gz")
            generate(lambda n: gzip_bomb(), 0, path)
            r = run(winnow, [], path, tmp, 60)
            why = check(r, {1}, 60)
            if not why and r.wall >= 10:
                why = "took %.1f s" % r.wall
            if not why and not ("too large" in r.err or "limit" in r.err):
                why = "message does not say too large: %s" % r.err
            if why:
                print("FAIL gzip-bomb: %s" % why)
                failed += 1
            else:
                print("ok gzip-bomb gz=%s unpacked=1GB t=%.3fs wall=%.3fs rss=%dMB "
                      "exit=%d [%s]" % (human(os.path.getsize(path)), r.cpu, r.wall,
                                        r.maxrss // 1024, r.rc, reason(r)))
                passed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed (%.0f s)" % (passed, failed,
                                               time.perf_counter() - started))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
