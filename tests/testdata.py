"""Inputs that several tests build: pages read from the fixtures, WARC records.

Imported by stream.py, and by the Python that parallel.sh and slurm.sh run
with PYTHONPATH set to this directory.
"""
import gzip


def read_page(path):
    """A fixture page (gzip or not) as text, bytes that are not UTF-8 as U+FFFD."""
    data = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    return data.decode("utf-8", "replace")


def warc_record(version, rtype, uri, rid, body, ctype):
    """One WARC record: its header block, body and the two CRLFs after it."""
    head = (f"{version}\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"


def http(body, ctype):
    """An HTTP 200 response carrying body."""
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}"
            f"\r\n\r\n").encode() + body


def warc_response(uri, rid, html):
    """A WARC/1.1 response record of an HTML page (bytes)."""
    return warc_record("WARC/1.1", "response", uri, rid, http(html, "text/html"),
                       "application/http; msgtype=response")
