"""winnow: the article text and metadata of web pages.

    import winnow
    text = winnow.extract(open("page.html", "rb").read())
    meta = winnow.extract(html_bytes, format="json", url="https://example.com/a")

extract() reads one page; an Extractor builds its options and rules once
and reads any number of pages, from any number of threads (the GIL is
released while a page is read).  A page winnow cannot read raises
winnow.Error, whose .status and .name are the library's wn_status.
winnow(3) documents the library underneath, and its options.
"""

from ._winnow import (  # noqa: F401
    Error,
    Extractor,
    extract,
    option_default,
    option_names,
    WN_VERSION,
    WN_OK,
    WN_ERR_NOMEM,
    WN_ERR_TOO_LARGE,
    WN_ERR_GZIP,
    WN_ERR_NOT_TEXT,
    WN_ERR_ENCODING,
    WN_ERR_PARSE,
    WN_ERR_ARG,
    WN_ERR_TIME,
    WN_ERR_BUDGET,
)

__version__ = WN_VERSION

__all__ = [
    "Error",
    "Extractor",
    "extract",
    "option_default",
    "option_names",
    "WN_OK",
    "WN_ERR_NOMEM",
    "WN_ERR_TOO_LARGE",
    "WN_ERR_GZIP",
    "WN_ERR_NOT_TEXT",
    "WN_ERR_ENCODING",
    "WN_ERR_PARSE",
    "WN_ERR_ARG",
    "WN_ERR_TIME",
    "WN_ERR_BUDGET",
]
