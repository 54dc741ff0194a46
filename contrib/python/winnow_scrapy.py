"""A Scrapy item pipeline that cleans each item's HTML with winnow.

In settings.py:

    ITEM_PIPELINES = {"winnow_scrapy.WinnowPipeline": 300}
    WINNOW_FIELDS = {"html": "html", "text": "text", "metadata": "metadata"}
    WINNOW_OPTIONS = {"favor": "precision", "languages": "en,de"}
    WINNOW_DROP_EMPTY = True

and in the spider, yield {"url": response.url, "html": response.body,
"encoding": response.encoding}.  The pipeline sets item["text"] to the
article and item["metadata"] to its metadata (title, author, date,
sitename, description, language, categories, tags, image, ...) and
deletes item["html"] (WINNOW_KEEP_HTML keeps it).  "encoding" is passed as
the charset the HTTP header declared, which a byte order mark overrides.
A scrapy.Item needs those fields declared; a dict takes them as they come.

A page without an article, or one winnow cannot read (the reason in
item["winnow_error"]), is dropped with WINNOW_DROP_EMPTY, else kept with
text "".  The pipeline's counters are in the crawl's stats
(winnow/cleaned, winnow/empty, winnow/error).

Scrapy is needed only to run it in a crawl: importing this module, or
calling process_item on a dict, works without it.
"""

import winnow

try:  # Scrapy's own exception when Scrapy is installed
    from scrapy.exceptions import DropItem
except ImportError:  # pragma: no cover - depends on the machine

    class DropItem(Exception):
        """Raised to drop an item (scrapy.exceptions.DropItem under Scrapy)."""


# What an item holds, by role: the page in, the article and metadata out.
DEFAULT_FIELDS = {
    "html": "html",
    "url": "url",
    "encoding": "encoding",
    "text": "text",
    "metadata": "metadata",
    "error": "winnow_error",
}


class WinnowPipeline:
    """Cleans item["html"] into item["text"] and item["metadata"]."""

    def __init__(self, fields=None, options=None, drop_empty=False, keep_html=False, stats=None):
        self.fields = dict(DEFAULT_FIELDS, **(fields or {}))
        # One Extractor for the crawl: options and rules built once.
        self.extractor = winnow.Extractor(format="json", **(options or {}))
        self.drop_empty = drop_empty
        self.keep_html = keep_html
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(
            fields=s.getdict("WINNOW_FIELDS"),
            options=s.getdict("WINNOW_OPTIONS"),
            drop_empty=s.getbool("WINNOW_DROP_EMPTY"),
            keep_html=s.getbool("WINNOW_KEEP_HTML"),
            stats=crawler.stats,
        )

    def _count(self, what, spider):
        if self.stats is not None:
            self.stats.inc_value("winnow/" + what, spider=spider)

    def process_item(self, item, spider):
        f = self.fields
        html = item.get(f["html"])
        if html is None:
            return item
        try:
            meta = self.extractor.extract(
                html, url=item.get(f["url"]) or None,
                http_charset=item.get(f["encoding"]) if isinstance(html, bytes) else None)
        except winnow.Error as e:
            self._count("error", spider)
            item[f["error"]] = "%s: %s" % (e.name, e.message)
            meta = {"text": ""}
        text = meta.pop("text")
        if not text:
            self._count("empty", spider)
            if self.drop_empty:
                raise DropItem("winnow: no article in %s" % (item.get(f["url"]) or "the page"))
        else:
            self._count("cleaned", spider)
        item[f["text"]] = text
        item[f["metadata"]] = meta
        if not self.keep_html:
            del item[f["html"]]
        return item
