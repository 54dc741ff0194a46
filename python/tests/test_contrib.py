"""The recipes in contrib/python on fixture pages, without Scrapy or
datatrove: a fake spider and items, documents as plain objects and dicts."""

import pickle
import subprocess
import sys

import pytest

import winnow
from conftest import FIXTURES, HTML_PAGES, SOURCE_ROOT

import winnow_datatrove
import winnow_scrapy


def test_imports_without_the_frameworks():
    """Neither module needs its framework to be imported."""
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('scrapy', 'datatrove', 'twisted'):\n"
            "            raise ImportError(name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "import winnow_scrapy, winnow_datatrove\n"
            "assert 'scrapy' not in sys.modules and 'datatrove' not in sys.modules\n"
            "winnow_scrapy.WinnowPipeline()\n"
            "winnow_datatrove.WinnowExtractor()\n")
    subprocess.run([sys.executable, "-c", code], check=True)


class FakeStats:
    def __init__(self):
        self.values = {}

    def inc_value(self, key, count=1, start=0, spider=None):
        self.values[key] = self.values.get(key, start) + count


class FakeSettings(dict):
    def getdict(self, name):
        return dict(self.get(name) or {})

    def getbool(self, name):
        return bool(self.get(name))


class FakeCrawler:
    def __init__(self, settings):
        self.settings = FakeSettings(settings)
        self.stats = FakeStats()


class FakeSpider:
    name = "fake"


@pytest.mark.parametrize("page", HTML_PAGES, ids=[p.name for p in HTML_PAGES])
def test_scrapy_pipeline(page):
    pipeline = winnow_scrapy.WinnowPipeline()
    raw = page.read_bytes()
    item = {"url": "https://example.org/" + page.name, "html": raw, "encoding": "utf-8"}
    out = pipeline.process_item(item, FakeSpider())
    assert out is item and "html" not in item
    expected = winnow.extract(raw, format="json", url=item["url"])
    assert item["text"] == expected.pop("text") and item["text"]
    assert item["metadata"] == expected
    assert item["metadata"]["title"]


def test_scrapy_pipeline_from_crawler():
    crawler = FakeCrawler({
        "WINNOW_FIELDS": {"html": "body", "text": "article"},
        "WINNOW_OPTIONS": {"languages": "de"},
        "WINNOW_DROP_EMPTY": True,
        "WINNOW_KEEP_HTML": True,
    })
    pipeline = winnow_scrapy.WinnowPipeline.from_crawler(crawler)
    spider = FakeSpider()
    german = {"body": (FIXTURES / "news-german.html").read_bytes()}
    assert pipeline.process_item(german, spider)["article"]
    assert "body" in german and german["metadata"]["language"].startswith("de")
    with pytest.raises(winnow_scrapy.DropItem):
        pipeline.process_item({"body": (FIXTURES / "article-news.html").read_bytes()}, spider)
    bad = {"body": bytes(range(256)) * 10, "url": "https://example.org/bin"}
    with pytest.raises(winnow_scrapy.DropItem):
        pipeline.process_item(bad, spider)
    assert bad["winnow_error"].startswith("WN_ERR_NOT_TEXT: ")
    assert pipeline.process_item({"other": 1}, spider) == {"other": 1}
    assert crawler.stats.values == {"winnow/cleaned": 1, "winnow/empty": 2, "winnow/error": 1}


def test_scrapy_pipeline_str_and_errors_kept():
    pipeline = winnow_scrapy.WinnowPipeline()
    html = (FIXTURES / "blog-wordpress.html").read_text(encoding="utf-8")
    item = pipeline.process_item({"html": html, "encoding": "latin-1"}, FakeSpider())
    assert item["text"] == winnow.extract(html)
    bad = pipeline.process_item({"html": b"\x00\x01\x02" * 500}, FakeSpider())
    assert bad["text"] == "" and bad["metadata"] == {} and "winnow_error" in bad


class Document:
    """As datatrove's Document: text, id, metadata."""

    def __init__(self, text, id, metadata=None):
        self.text, self.id, self.metadata = text, id, metadata or {}


def test_datatrove_step():
    step = winnow_datatrove.WinnowExtractor(favor="precision")
    docs = [Document(p.read_bytes(), p.name, {"url": "https://example.org/" + p.name})
            for p in HTML_PAGES]
    docs.append(Document(bytes(range(256)) * 10, "binary"))
    docs.append(Document("<html><body><nav>Home</nav></body></html>", "empty"))
    out = list(step(iter(docs), rank=0, world_size=1))
    assert [d.id for d in out] == [p.name for p in HTML_PAGES]
    for d, page in zip(out, HTML_PAGES):
        expected = winnow.extract(page.read_bytes(), format="json", favor="precision",
                                  url=d.metadata["url"])
        assert d.text == expected.pop("text") and d.text
        assert d.metadata["winnow"] == expected
    assert docs[-2].metadata["winnow"]["error"] == "WN_ERR_NOT_TEXT"
    assert step.stats == {"extracted": len(HTML_PAGES), "empty": 1, "error": 1}


def test_datatrove_step_dicts_and_pickle():
    step = winnow_datatrove.WinnowExtractor(drop_empty=False, languages="en")
    step.extract((FIXTURES / "article-news.html").read_bytes())
    clone = pickle.loads(pickle.dumps(step))
    docs = [{"text": (FIXTURES / n).read_text(encoding="utf-8"), "id": n}
            for n in ("article-news.html", "news-german.html")]
    out = list(clone.run(docs))
    assert len(out) == 2
    assert out[0]["text"] == winnow.extract((FIXTURES / "article-news.html").read_bytes())
    assert out[1]["text"] == "" and out[1]["metadata"]["winnow"]["skipped"] == "language"
    assert clone.extract(b"\x00" * 100) == ""
    # datatrove's BaseExtractor interface: html in, text out
    assert clone.extract((FIXTURES / "recipe-howto.html").read_bytes()) == winnow.extract(
        (FIXTURES / "recipe-howto.html").read_bytes(), languages="en")
    with pytest.raises(winnow.Error):
        winnow_datatrove.WinnowExtractor(languages="???")


def test_contrib_sources_found():
    assert (SOURCE_ROOT / "contrib" / "python" / "winnow_scrapy.py").exists()
