"""A datatrove-style extractor step: HTML documents in, article text out.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from winnow_datatrove import WinnowExtractor

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/"),
        WinnowExtractor(favor="precision", languages="en"),
        ...
    ]).run()

A step is a callable (data, rank, world_size) -> data, which datatrove's
executors take as they take their own steps.  Each document holds the
page's HTML in .text (bytes or str) and its address in
.metadata["url"], as datatrove's readers give them; the step replaces
.text with the article and adds winnow's metadata under
.metadata["winnow"] (title, author, date, language ...).  Documents
without an article, or that winnow cannot read, are dropped (drop_empty),
and counted in .stats.  Documents may be datatrove Documents or plain
dicts with the same keys, so the step runs, and is tested, without
datatrove.

extract(html) -> str is the interface of datatrove's BaseExtractor, for
a pipeline that wants the text only.  The step is pickled to the workers
without its Extractor, which each worker builds on first use.
"""

import winnow


class WinnowExtractor:
    """Replaces each document's HTML by its article text."""

    name = "winnow"
    type = "EXTRACT"

    def __init__(self, drop_empty=True, metadata_key="winnow", **options):
        self.drop_empty = drop_empty
        self.metadata_key = metadata_key
        self.options = options
        self.stats = {"extracted": 0, "empty": 0, "error": 0}
        self._extractor = None
        # The options are checked here, in the process that builds the
        # pipeline, rather than on the first document of each worker.
        self._get()

    def _get(self):
        if self._extractor is None:
            self._extractor = winnow.Extractor(format="json", **self.options)
        return self._extractor

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_extractor"] = None
        return state

    def extract(self, text):
        """The article of one page as text, "" when it has none."""
        try:
            return self._get().extract(text)["text"]
        except winnow.Error:
            return ""

    def clean(self, doc):
        """Cleans one document in place; False when it has no article."""
        is_dict = isinstance(doc, dict)
        html = doc["text"] if is_dict else doc.text
        meta = doc.setdefault("metadata", {}) if is_dict else doc.metadata
        try:
            result = self._get().extract(html, url=meta.get("url") or None)
        except winnow.Error as e:
            self.stats["error"] += 1
            meta[self.metadata_key] = {"error": e.name, "message": e.message}
            text = ""
        else:
            text = result.pop("text")
            meta[self.metadata_key] = result
            self.stats["extracted" if text else "empty"] += 1
        if is_dict:
            doc["text"] = text
        else:
            doc.text = text
        return bool(text)

    def run(self, data, rank=0, world_size=1):
        for doc in data:
            if self.clean(doc) or not self.drop_empty:
                yield doc

    __call__ = run
