"""winnow.extract and winnow.Extractor against the command on the fixtures."""

import gzip
import json

import pytest

import winnow
from conftest import (ENCODING_PAGES, FIXTURES, HTML_PAGES, TEXT_PAGES, ids, run_cli)

ALL_PAGES = HTML_PAGES + TEXT_PAGES + ENCODING_PAGES


def test_fixtures_found():
    assert len(HTML_PAGES) >= 10 and len(TEXT_PAGES) >= 5 and len(ENCODING_PAGES) >= 10


@pytest.mark.parametrize("page", ALL_PAGES, ids=ids(ALL_PAGES))
def test_text_as_the_command(page):
    assert winnow.extract(page.read_bytes()).encode() == run_cli(page)


@pytest.mark.parametrize("page", HTML_PAGES, ids=ids(HTML_PAGES))
def test_markdown_as_the_command(page):
    got = winnow.extract(page.read_bytes(), format="markdown", links=True, images=True,
                         url="https://example.org/a/")
    assert got.encode() == run_cli("-f", "markdown", "--links", "--images",
                                   "-u", "https://example.org/a/", page)


@pytest.mark.parametrize("page", HTML_PAGES + TEXT_PAGES, ids=ids(HTML_PAGES + TEXT_PAGES))
def test_json_as_the_command(page):
    got = winnow.extract(page.read_bytes(), format="json")
    assert isinstance(got, dict)
    assert got == json.loads(run_cli("-f", "json", page))
    line = winnow.extract(page.read_bytes(), format="jsonl", with_markdown=True)
    assert line.encode() == run_cli("-f", "jsonl", "--with-markdown", page)


def test_explain_and_title_as_the_command():
    page = FIXTURES / "blog-wordpress.html"
    assert winnow.extract(page.read_bytes(), format="explain").encode() == run_cli("-x", page)
    assert winnow.extract(page.read_bytes(), title=True).encode() == run_cli("--title", page)
    blocks = winnow.extract(page.read_bytes(), format="json", blocks=True)
    assert blocks["blocks"] and blocks["region"]
    assert blocks == json.loads(run_cli("-f", "json", "-x", page))


def test_json_metadata():
    meta = winnow.extract((FIXTURES / "article-news.html").read_bytes(), format="json")
    assert meta["title"] == "Harbour tram line to reopen after council vote"
    assert meta["author"] == "Maren Holt"
    assert meta["date"].startswith("2026-03-12")
    assert meta["sitename"] == "The Harbour Courier"
    assert meta["language"] == "en-GB"
    assert "trams" in meta["tags"]
    assert meta["text"].startswith("Trams will run along the Port Ellery harbour front")
    assert meta["skipped"] is None
    for key in ("url", "date_modified", "description", "language_detected",
                "language_confidence", "categories", "image"):
        assert key in meta


def test_bytes_and_str():
    """bytes are decoded as the command does; a str is taken as UTF-8."""
    page = FIXTURES / "news-german.html"
    raw = page.read_bytes()
    text = winnow.extract(raw)
    assert "ß" in text or "ä" in text or "ü" in text
    assert winnow.extract(raw.decode("utf-8")) == text
    assert winnow.extract(bytearray(raw)) == text
    assert winnow.extract(memoryview(raw)) == text
    # A page in windows-1252: the bytes need detection, the str does not.
    cp = FIXTURES / "encoding" / "windows-1252.html"
    from_bytes = winnow.extract(cp.read_bytes())
    assert winnow.extract(cp.read_bytes().decode("windows-1252")) == from_bytes
    # A str ignores the <meta charset> it carries: it is already decoded.
    lying = "<meta charset=windows-1251><p>" + "Größe und Übermaß, sagte sie. " * 10 + "</p>"
    assert "Größe" in winnow.extract(lying)


def test_gzip_bytes():
    raw = (FIXTURES / "article-news.html").read_bytes()
    assert winnow.extract(gzip.compress(raw)) == winnow.extract(raw)


def test_encoding_forced():
    raw = ("<p>" + "Ärger über Öl, sagte der Bürgermeister am Montag. " * 6 + "</p>").encode(
        "iso-8859-1")
    assert "Ärger über Öl," in winnow.extract(raw, encoding="iso-8859-1")
    with pytest.raises(ValueError):
        winnow.extract("<p>text</p>", encoding="iso-8859-1")
    with pytest.raises(winnow.Error) as e:
        winnow.extract(raw, encoding="no-such-charset")
    assert e.value.status == winnow.WN_ERR_ENCODING


def test_errors():
    binary = bytes(range(256)) * 40
    with pytest.raises(winnow.Error) as e:
        winnow.extract(binary)
    err = e.value
    assert err.status == winnow.WN_ERR_NOT_TEXT
    assert err.name == "WN_ERR_NOT_TEXT"
    assert err.message and str(err) == err.message
    assert isinstance(err, Exception)
    with pytest.raises(winnow.Error) as e:
        winnow.extract(b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + b"broken")
    assert e.value.name == "WN_ERR_GZIP"
    with pytest.raises(winnow.Error) as e:
        winnow.extract(b"<p>" + b"x" * 2000 + b"</p>", options={"max_input": 1000})
    assert e.value.status == winnow.WN_ERR_TOO_LARGE and "max_input" in e.value.message


def test_bad_arguments():
    page = b"<p>text</p>"
    with pytest.raises(TypeError):
        winnow.extract(12)
    with pytest.raises(TypeError):
        winnow.extract(page, url=3)
    with pytest.raises(TypeError):
        winnow.extract(page, "text")
    for kw in ({"format": "pdf"}, {"input": "xml"}, {"favor": "speed"},
               {"links": True}, {"with_markdown": True}, {"title": True, "format": "json"},
               {"blocks": True}, {"url": "a\0b"}):
        with pytest.raises(ValueError):
            winnow.extract(page, **kw)
    with pytest.raises(TypeError):
        winnow.extract(page, no_such_keyword=1)
    for options in ({"no_such_option": 1}, {"short_words": -1}, {"short_words": 1.5}):
        with pytest.raises(winnow.Error) as e:
            winnow.extract(page, options=options)
        assert e.value.status == winnow.WN_ERR_ARG
    with pytest.raises(TypeError):
        winnow.extract(page, options={"short_words": "8"})
    with pytest.raises(winnow.Error) as e:
        winnow.extract(page, languages="en,???")
    assert e.value.status == winnow.WN_ERR_ARG


def test_options_by_name():
    names = winnow.option_names()
    assert "short_words" in names and "max_input" in names
    assert winnow.option_default("short_words") == 10
    with pytest.raises(KeyError):
        winnow.option_default("nothing")
    raw = (FIXTURES / "recipe-howto.html").read_bytes()
    assert winnow.extract(raw, options={"short_words": 8.0, "max_link_ratio": 0.5}) != ""
    assert winnow.extract(raw, format="json")["language_detected"] == "en"
    off = winnow.extract(raw, format="json", options={"lang_sample_bytes": 0})
    assert off["language_detected"] is None
    for favor in ("precision", "recall", "balanced"):
        assert (winnow.extract(raw, favor=favor).encode()
                == run_cli("--favor", favor, FIXTURES / "recipe-howto.html"))


def test_input_kind():
    page = FIXTURES / "text" / "en-harbour-news.txt"
    assert winnow.extract(page.read_bytes(), input="text").encode() == run_cli(
        "--input", "text", page)
    html = FIXTURES / "article-news.html"
    assert winnow.extract(html.read_bytes(), input="text").encode() == run_cli(
        "--input", "text", html)


def test_languages():
    german = (FIXTURES / "news-german.html").read_bytes()
    english = (FIXTURES / "article-news.html").read_bytes()
    ex = winnow.Extractor(languages="de", format="json")
    de = ex.extract(german)
    assert de["text"] and de["skipped"] is None
    en = ex.extract(english)
    assert en["text"] == "" and en["skipped"] == "language"
    assert winnow.extract(english, languages="en_GB, Deutsch") != ""
    assert winnow.extract(english, languages="de") == ""
    assert winnow.extract(english, languages="de").encode() == run_cli(
        "--lang", "de", FIXTURES / "article-news.html")


def test_rules(tmp_path):
    page = (FIXTURES / "article-news.html").read_bytes()
    full = winnow.extract(page)
    line = "The scheme, which passed by 31 votes to 12"
    assert line in full
    rule = "mine block start phrase The scheme which passed by\n"
    assert line not in winnow.extract(page, rules_text=rule)
    path = tmp_path / "mine.rules"
    path.write_text(rule)
    assert line not in winnow.extract(page, rules=path)
    assert line not in winnow.extract(page, rules=[str(path)])
    assert winnow.extract(page, rules=str(path)).encode() == run_cli(
        "--rules", path, FIXTURES / "article-news.html")
    assert winnow.extract(page, default_rules=False).encode() == run_cli(
        "--no-default-rules", FIXTURES / "article-news.html")
    with pytest.raises(winnow.Error) as e:
        winnow.extract(page, rules_text="mine block phrase fine\nnot a rule line at all\n")
    assert e.value.status == winnow.WN_ERR_ARG and "<rules_text>:2" in e.value.message
    with pytest.raises(winnow.Error) as e:
        winnow.extract(page, rules=tmp_path / "missing.rules")
    assert "missing.rules" in e.value.message


def test_extractor_reused():
    ex = winnow.Extractor(format="markdown")
    assert ex.format == "markdown"
    assert winnow.Extractor(format="json").format == "json"
    pages = [p.read_bytes() for p in HTML_PAGES]
    first = [ex.extract(p) for p in pages]
    assert [ex.extract(p) for p in reversed(pages)] == list(reversed(first))
    # per-page url: relative links resolved against it, and the metadata's url
    jx = winnow.Extractor(format="json")
    page = b"<title>T</title><p>" + b"Some words of the article here. " * 8 + b"</p>"
    assert jx.extract(page, url="https://example.org/x")["url"] == "https://example.org/x"
    assert jx.extract(page)["url"] is None
    # an error leaves the Extractor usable
    with pytest.raises(winnow.Error):
        ex.extract(bytes(range(256)) * 10)
    assert ex.extract(pages[0]) == first[0]


def test_extractor_initialised_once():
    ex = winnow.Extractor()
    with pytest.raises(RuntimeError):
        ex.__init__(format="json")
    assert ex.format == "text" and ex.extract(b"<p>" + b"Words of the page here. " * 9 + b"</p>")
    raw = winnow.Extractor.__new__(winnow.Extractor)
    with pytest.raises(RuntimeError):
        raw.extract(b"<p>x</p>")
    with pytest.raises(winnow.Error):
        raw.__init__(options={"nope": 1})
    with pytest.raises(RuntimeError):
        raw.extract(b"<p>x</p>")
