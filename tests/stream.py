#!/usr/bin/env python3
"""The stream modes of winnow: --jsonl and --warc.

    stream.py WINNOW

--jsonl: exactly one output line per input line, in order, the record's
other fields kept, bad records with "error", the field names settable, a
record over --max-size an error and not a stall, output byte-identical on
a rerun (a retried task), each line flushed while winnow waits for the
next record (a co-process writes one and reads one).  --warc: WARC files built here (1.0 and 1.1,
plain, gzip per record, whole-file gzip, truncated): HTML responses in,
one line each with url, warc_record_id and warc_date; other records and
non-HTML payloads skipped; the HTTP charset used.
"""
import gzip
import json
import os
import select
import subprocess
import sys
import time

from testdata import http, warc_record, warc_response

ARTICLE = ("<html><head><title>Bridge opens</title></head><body><nav><a href='/'>Home</a>"
           "</nav><article><p>After ten years of planning and three years of construction, "
           "the new river crossing opened to traffic on Monday morning, linking the two halves "
           "of the old town for the first time since the great flood.</p><p>Engineers say the "
           "bridge was designed to withstand a flood twice as large as the one that destroyed "
           "its predecessor.</p></article></body></html>")

failures = 0


def check(cond, what):
    global failures
    if cond:
        print(f"ok    {what}")
    else:
        print(f"FAIL  {what}")
        failures += 1


def run(winnow, args, data):
    p = subprocess.run([winnow, *args], input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def lines(out):
    return [json.loads(l) for l in out.decode("utf-8").split("\n")[:-1]]


def test_jsonl(winnow):
    records = [
        json.dumps({"url": "https://ex.org/news/1", "html": ARTICLE, "id": 1,
                    "tags": ["crawl-7"], "image": "https://ex.org/own.png", "categories": None}),
        "not json at all",
        "",
        "[1, 2]",
        json.dumps({"text": "Scraped text of an article about a bridge that opened on Monday "
                            "after ten years of planning and three of work.", "id": 5}),
        json.dumps({"id": 6}),
        json.dumps({"html": "<p>caf\u00e9 \u2028 \"quoted\"</p>" + ARTICLE, "id": 7,
                    "nested": {"a": [1, 2]}}),
        json.dumps({"html": "\u0000\u0001\u0002binary" * 10, "id": 8}),
    ]
    data = ("\n".join(records) + "\n").encode("utf-8")
    rc, out, err = run(winnow, ["--jsonl"], data)
    check(rc == 0, f"--jsonl exits 0 with bad records (stderr: {err.strip()!r})")
    objs = lines(out)
    check(len(objs) == len(records), f"one line out per line in ({len(objs)} for {len(records)})")
    if len(objs) != len(records):
        return
    check(objs[0]["id"] == 1 and objs[0]["url"] == "https://ex.org/news/1"
          and "html" not in objs[0] and "river crossing" in objs[0]["text"]
          and objs[0]["title"] == "Bridge opens" and "Home" not in objs[0]["text"],
          "an HTML record: its fields kept, html replaced by the json fields")
    check("error" in objs[1] and "error" in objs[2] and "error" in objs[3],
          "lines that are not objects get an error")
    check(objs[4]["id"] == 5 and "bridge" in objs[4]["text"], "a text record")
    check(objs[5] == {"id": 6, "error": objs[5].get("error")} and objs[5]["error"],
          "a record without html or text gets an error and keeps its fields")
    check(objs[0]["tags"] == ["crawl-7"] and objs[0]["image"] == "https://ex.org/own.png"
          and objs[0]["categories"] == [],
          "metadata keys the record has (tags, image) keep its values; a null one is filled")
    check(objs[6]["nested"] == {"a": [1, 2]} and b"\xe2\x80\xa8" not in out,
          "other fields kept as they were; U+2028 escaped")
    check(objs[7]["id"] == 8 and ("error" in objs[7] or "text" in objs[7]),
          "a binary page is a record, not the end of the stream")
    rc2, out2, _ = run(winnow, ["--jsonl"], data)
    check(rc2 == 0 and out2 == out, "a rerun gives byte-identical output")
    cut = data.index(b"\n") + 1  # the bad records go to the second process
    parts = [run(winnow, ["--jsonl"], half)[1] for half in (data[:cut], data[cut:])]
    check(parts[0] + parts[1] == out,
          "a stream cut in two and cleaned in two processes gives the same bytes")

    data = (json.dumps({"body": ARTICLE, "link": "https://ex.org/x", "k": 1}) + "\n").encode()
    rc, out, _ = run(winnow, ["--jsonl", "--html-field", "body", "--url-field", "link",
                              "--with-markdown"], data)
    objs = lines(out)
    check(rc == 0 and len(objs) == 1 and "river crossing" in objs[0].get("text", "")
          and "body" not in objs[0] and "markdown" in objs[0], "--html-field, --url-field")

    big = json.dumps({"html": "<p>" + "x" * 200000 + "</p>", "id": 1})
    data = (big + "\n" + records[0] + "\n").encode()
    rc, out, _ = run(winnow, ["--jsonl", "--max-size", "10k"], data)
    objs = lines(out)
    check(rc == 0 and len(objs) == 2 and "error" in objs[0] and "text" in objs[1],
          "a record over --max-size is an error line and the stream goes on")

    # A record's own "error" key (an earlier stage's) is winnow's to set:
    # gone when the page is cleaned, winnow's message when it is not.
    data = (json.dumps({"id": 1, "error": "fetch timed out", "html": json.loads(records[0])["html"]})
            + "\n" + json.dumps({"id": 2, "error": "old", "html": 5}) + "\n").encode()
    rc, out, _ = run(winnow, ["--jsonl"], data)
    objs = lines(out) if rc == 0 else []
    check(rc == 0 and len(objs) == 2 and "error" not in objs[0] and "text" in objs[0]
          and objs[1].get("error") not in (None, "old"),
          "a record's own error key: dropped on success, replaced on failure")

    rc, out, _ = run(winnow, ["--jsonl"], records[0].encode())  # no final newline
    check(rc == 0 and len(lines(out)) == 1, "a last line without a newline is a record")

    # fuzz_jsonl: jansson's message on a bad line quotes it, and may cut a
    # character in two ('"\\\xf0'); it was dropped as not UTF-8 and the
    # stream ended with "out of memory".
    data = b'{"k":"\\\xf0\x9f\x98\x80"}\n{"e":"\xf1\xf1"}\n' + records[0].encode() + b"\n"
    rc, out, err = run(winnow, ["--jsonl"], data)
    objs = lines(out) if rc == 0 else []
    check(rc == 0 and len(objs) == 3 and "not JSON" in objs[0]["error"]
          and "not JSON" in objs[1]["error"] and "text" in objs[2],
          f"a bad line quoting a cut UTF-8 character is an error line (stderr: {err.strip()!r})")

    # A --max-size so large that 6 times it wrapped around made the line
    # limit small (0 bytes, 64 KiB): records were "over the limit".
    for size in ("3074457345618247680", str(2**64 - 1)):
        rc, out, _ = run(winnow, ["--jsonl", "--max-size", size], (big + "\n").encode() + data)
        objs = lines(out) if rc == 0 else []
        check(rc == 0 and len(objs) == 4 and "error" not in objs[0] and "text" in objs[3],
              f"--jsonl --max-size {size}: no limit, not a wrapped one")


def test_warc(winnow):
    latin = ARTICLE.replace("Bridge opens", "Br\u00fccke \u00f6ffnet").encode("latin-1")
    recs = [
        warc_record("WARC/1.1", "warcinfo", "", "0", b"software: test\r\n",
                    "application/warc-fields"),
        warc_record("WARC/1.1", "request", "https://ex.org/a", "1",
                    b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
        warc_record("WARC/1.1", "response", "https://ex.org/a", "2",
                    http(ARTICLE.encode(), "text/html; charset=utf-8"),
                    "application/http; msgtype=response"),
        warc_record("WARC/1.0", "response", "https://ex.org/i.png", "3",
                    http(b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "image/png"),
                    "application/http; msgtype=response"),
        warc_record("WARC/1.0", "response", "https://ex.org/l", "4",
                    http(latin, "text/html; charset=ISO-8859-1"),
                    "application/http; msgtype=response"),
    ]
    plain = b"".join(recs)
    per_record = b"".join(gzip.compress(r) for r in recs)
    whole = gzip.compress(plain)
    outs = []
    for name, data in (("plain", plain), ("gzip per record", per_record),
                       ("whole-file gzip", whole)):
        rc, out, err = run(winnow, ["--warc"], data)
        objs = lines(out) if rc == 0 else []
        outs.append(out)
        check(rc == 0 and [o["url"] for o in objs] == ["https://ex.org/a", "https://ex.org/l"],
              f"--warc {name}: the two HTML responses, in order (stderr {err.strip()!r})")
        if len(objs) == 2:
            check(objs[0]["warc_record_id"] == "<urn:uuid:2>"
                  and objs[0]["warc_date"] == "2024-01-02T03:04:05Z"
                  and "river crossing" in objs[0]["text"], f"--warc {name}: fields and text")
            check(objs[1]["title"] == "Br\u00fccke \u00f6ffnet",
                  f"--warc {name}: the HTTP charset is used")
    check(outs[0] == outs[1] == outs[2], "--warc: the same output whatever the compression")
    # A date more than a day after the WARC-Date (2024-01-02) is not the
    # page's: the record's own day is the upper bound, not the clock's.
    for day, want in (("2024-01-03", "2024-01-03"), ("2024-01-05", None)):
        page = ARTICLE.replace("<head>", "<head><meta property=\"article:published_time\" "
                               f"content=\"{day}\">", 1).encode()
        rec = warc_record("WARC/1.1", "response", "https://ex.org/d", "5",
                          http(page, "text/html; charset=utf-8"),
                          "application/http; msgtype=response")
        rc, out, err = run(winnow, ["--warc"], rec)
        objs = lines(out) if rc == 0 else []
        check(len(objs) == 1 and objs[0]["date"] == want,
              f"--warc: published {day}, fetched 2024-01-02: date {want}")
    for cut in (len(plain) - 30, len(plain) // 2, 10):
        rc, out, err = run(winnow, ["--warc"], plain[:cut])
        ok = rc == 0
        try:
            objs = lines(out)
        except ValueError:
            ok = False
        check(ok, f"--warc truncated at {cut}: no crash, valid lines (exit {rc})")
    rc, out, err = run(winnow, ["--warc"], per_record[:-20])
    check(rc == 0 and any("error" in o for o in lines(out)),
          "--warc truncated gzip: the last record is an error line")

    # WARC header values are bytes, not always UTF-8: a Target-URI that is
    # not UTF-8 ended the stream with "out of memory".
    bad_uri = warc_record("WARC/1.1", "response", "https://ex.org/BAD", "5",
                          http(ARTICLE.encode(), "text/html"),
                          "application/http; msgtype=response").replace(b"BAD", b"\xff\xe9")
    rc, out, err = run(winnow, ["--warc"], bad_uri + recs[2])
    objs = lines(out) if rc == 0 else []
    check(rc == 0 and len(objs) == 2 and objs[0]["url"] == "https://ex.org/\ufffd\ufffd"
          and "river crossing" in objs[0]["text"] and objs[1]["url"] == "https://ex.org/a",
          f"--warc: a header value that is not UTF-8 gets U+FFFD (stderr: {err.strip()!r})")


    # A charset= byte that is not UTF-8 went into the record's error
    # message, which jansson refused: the stream ended with "out of memory"
    # and every later record was lost (#14).  A charset that names no
    # encoding is now ignored, as browsers do: the page is read without it.
    bad_cs = warc_record("WARC/1.1", "response", "https://ex.org/cs", "6",
                         http(ARTICLE.encode(), "text/html; charset=CS"),
                         "application/http; msgtype=response").replace(b"=CS", b"=x\xff")
    rc, out, err = run(winnow, ["--warc"], bad_cs + recs[2] + recs[4])
    objs = lines(out) if rc == 0 else []
    check(rc == 0 and [o["url"] for o in objs] == ["https://ex.org/cs", "https://ex.org/a",
                                                   "https://ex.org/l"]
          and "river crossing" in objs[0].get("text", "") and "text" in objs[1],
          f"--warc: a charset that is no encoding (a byte not UTF-8 in it) is ignored, "
          f"the records after it kept (stderr: {err.strip()!r})")
    # A declared UTF-8 over a Latin-1 page is checked like a <meta>.
    latin = ARTICLE.replace("the great flood", "the great flood of caf\u00e9 d\u00e9j\u00e0 "
                            "vu and \u00e9t\u00e9 \u00e0 la fa\u00e7on").encode("latin-1")
    rec = warc_record("WARC/1.1", "response", "https://ex.org/l1", "7",
                      http(latin, "text/html; charset=utf-8"), "application/http; msgtype=response")
    rc, out, err = run(winnow, ["--warc"], rec)
    objs = lines(out) if rc == 0 else []
    check(rc == 0 and len(objs) == 1 and "caf\u00e9 d\u00e9j\u00e0" in objs[0].get("text", ""),
          "--warc: an HTTP charset=utf-8 over a Latin-1 page keeps its accents")

    # A Content-Length 1000 times too long swallowed the records after it
    # behind one error line; a too short one left a nameless "garbage"
    # error (#14).  Both are the liar's error now, and the rest is read.
    many = b"".join(warc_response(f"https://ex.org/{i}", f"r{i}", ARTICLE.encode())
                    for i in range(1000))
    liar = recs[2].replace(b"uuid:2", b"uuid:liar")
    head, sep, rest = liar.partition(b"\r\n\r\n")
    size = int(head.split(b"Content-Length: ")[1])
    for name, claimed in (("too long", size * 1000), ("too short", size - 40)):
        lie = head.replace(b"Content-Length: %d" % size, b"Content-Length: %d" % claimed)
        for gz in (False, True):
            data = recs[4] + lie + sep + rest + many
            if gz:
                data = gzip.compress(recs[4]) + gzip.compress(lie + sep + rest) + b"".join(
                    gzip.compress(warc_response(f"https://ex.org/{i}", f"r{i}", ARTICLE.encode()))
                    for i in range(1000))
            rc, out, err = run(winnow, ["--warc"], data)
            objs = lines(out) if rc == 0 else []
            errors = [o for o in objs if "error" in o]
            check(rc == 0 and len(objs) == 1002 and len(errors) == 1
                  and errors[0]["warc_record_id"] == "<urn:uuid:liar>"
                  and objs[-1]["url"] == "https://ex.org/999",
                  f"--warc {'gzip ' if gz else ''}Content-Length {name}: the liar is one error, "
                  f"1,000 records after it kept ({len(objs)} lines)")


def test_limits(winnow):
    """Pages over their work budget or memory cap are their records'
    errors, the same bytes on every run however busy the machine (two
    busy loops run beside it here); only the wall clock's error is
    retryable."""
    big = ("<html><body><article>" + "<p>The harbour plans were discussed again, and "
           "the members agreed to meet on Monday.</p>" * 6000 + "</article></body></html>")
    records = []
    for i in range(60):
        records.append({"id": i, "html": big if i % 20 == 3 else ARTICLE})
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    hogs = [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(2)]
    try:
        outs = [run(winnow, ["--jsonl", "--work-budget", "10", "--max-memory", "64M"], data)
                for _ in range(3)]
        mem = run(winnow, ["--jsonl", "--max-memory", "2M"], data)
    finally:
        for h in hogs:
            h.kill()
            h.wait()
    rc, out, _ = outs[0]
    objs = lines(out) if rc == 0 else []
    bad = [o["id"] for o in objs if "error" in o]
    check(rc == 0 and len(objs) == 60 and bad == [3, 23, 43]
          and all("work_budget" in objs[k]["error"] and "retryable" not in objs[k]
                  for k in bad),
          f"--jsonl: pages over --work-budget are their records' errors, the others kept "
          f"(errors at {bad})")
    check(all(o == outs[0] for o in outs), "--jsonl: the same bytes three times with the "
          "machine busy")
    rc, out, _ = mem
    objs = lines(out) if rc == 0 else []
    bad = [o["id"] for o in objs if "error" in o]
    check(rc == 0 and len(objs) == 60 and bad == [3, 23, 43]
          and "max_memory" in objs[3]["error"],
          f"--jsonl: pages over --max-memory are their records' errors (errors at {bad})")
    rc, out, _ = run(winnow, ["--jsonl", "--time-limit", "0.000001"],
                     (json.dumps({"id": 1, "html": big}) + "\n").encode())
    objs = lines(out) if rc == 0 else []
    check(rc == 0 and len(objs) == 1 and objs[0].get("retryable") is True
          and "retry" in objs[0].get("error", ""),
          "--jsonl: a page past --time-limit is retryable")


def read_line(fd, buf, deadline):
    """One line from fd (bytes, without its newline), buf holding what was
    read past the last line; None when deadline passes first."""
    while b"\n" not in buf[0]:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return None
        buf[0] += chunk
    line, _, buf[0] = buf[0].partition(b"\n")
    return line


def coprocess(winnow, args, records, seconds):
    """Runs winnow as a co-process: writes one record, reads one line, for
    each record.  The number of lines read before one did not come within
    the time (a winnow that holds its output back deadlocks here), and
    the lines."""
    p = subprocess.Popen([winnow, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + seconds
    buf, out = [b""], []
    try:
        for rec in records:
            p.stdin.write(rec)
            p.stdin.flush()
            line = read_line(p.stdout.fileno(), buf, deadline)
            if line is None:
                break
            out.append(line)
    finally:
        p.kill()
        p.wait()
    return out


def test_coprocess(winnow):
    """A program that keeps winnow beside it writes one record and reads
    its line, 1,000 times: winnow must flush each line while it waits for
    the next record (on a pipe its output is block-buffered)."""
    recs = [(json.dumps({"id": i, "html": ARTICLE.replace("Monday", f"day {i}")}) + "\n").encode()
            for i in range(1000)]
    t = time.monotonic()
    out = coprocess(winnow, ["--jsonl"], recs, 60)
    t = time.monotonic() - t
    ok = len(out) == 1000 and all(json.loads(l)["id"] == i and "river crossing" in json.loads(l)["text"]
                                  for i, l in enumerate(out))
    check(ok, f"--jsonl as a co-process: 1,000 records written one at a time, each line "
              f"read before the next record ({len(out)} lines in {t:.1f} s)")
    for gz in (False, True):
        recs = [warc_response(f"https://ex.org/{i}", f"r{i}", ARTICLE.encode()) for i in range(100)]
        if gz:
            recs = [gzip.compress(r) for r in recs]
        out = coprocess(winnow, ["--warc"], recs, 60)
        check(len(out) == 100 and json.loads(out[-1])["url"] == "https://ex.org/99",
              f"--warc{' (gzip)' if gz else ''} as a co-process: 100 records, one line each "
              f"at once ({len(out)} lines)")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    test_coprocess(argv[1])
    test_jsonl(argv[1])
    test_warc(argv[1])
    test_limits(argv[1])
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
