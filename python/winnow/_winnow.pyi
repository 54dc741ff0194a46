# Type hints of the C extension module winnow._winnow (python/winnow/_winnow.c).
import os
from typing import Any, Iterable, Literal, Union, overload

_Page = Union[bytes, bytearray, memoryview, str]
_Path = Union[str, os.PathLike[str]]
_Format = Literal["text", "markdown", "json", "jsonl", "explain"]
_Input = Literal["auto", "html", "text"]
_Favor = Literal["balanced", "precision", "recall"]

WN_VERSION: str
WN_OK: int
WN_ERR_NOMEM: int
WN_ERR_TOO_LARGE: int
WN_ERR_GZIP: int
WN_ERR_NOT_TEXT: int
WN_ERR_ENCODING: int
WN_ERR_PARSE: int
WN_ERR_ARG: int
WN_ERR_TIME: int
WN_ERR_BUDGET: int

class Error(Exception):
    status: int
    name: str
    message: str

class Extractor:
    @property
    def format(self) -> str: ...
    def __init__(
        self,
        *,
        format: _Format = ...,
        input: _Input = ...,
        favor: _Favor | None = ...,
        rules: _Path | Iterable[_Path] | None = ...,
        rules_text: str | Iterable[str] | None = ...,
        default_rules: bool = ...,
        languages: str | None = ...,
        encoding: str | None = ...,
        url: str | None = ...,
        options: dict[str, float] | None = ...,
        title: bool = ...,
        links: bool = ...,
        images: bool = ...,
        with_markdown: bool = ...,
        blocks: bool = ...,
    ) -> None: ...
    # str for text, markdown, jsonl and explain; dict for json.
    def extract(
        self,
        html: _Page,
        *,
        url: str | None = ...,
        encoding: str | None = ...,
        http_charset: str | None = ...,
        fetch_date: str | None = ...,
    ) -> Any: ...

@overload
def extract(
    html: _Page,
    *,
    format: Literal["json"],
    url: str | None = ...,
    input: _Input = ...,
    favor: _Favor | None = ...,
    rules: _Path | Iterable[_Path] | None = ...,
    rules_text: str | Iterable[str] | None = ...,
    default_rules: bool = ...,
    languages: str | None = ...,
    encoding: str | None = ...,
    http_charset: str | None = ...,
    fetch_date: str | None = ...,
    options: dict[str, float] | None = ...,
    links: bool = ...,
    images: bool = ...,
    with_markdown: bool = ...,
    blocks: bool = ...,
) -> dict[str, Any]: ...
@overload
def extract(
    html: _Page,
    *,
    format: Literal["text", "markdown", "jsonl", "explain"] = ...,
    url: str | None = ...,
    input: _Input = ...,
    favor: _Favor | None = ...,
    rules: _Path | Iterable[_Path] | None = ...,
    rules_text: str | Iterable[str] | None = ...,
    default_rules: bool = ...,
    languages: str | None = ...,
    encoding: str | None = ...,
    http_charset: str | None = ...,
    fetch_date: str | None = ...,
    options: dict[str, float] | None = ...,
    title: bool = ...,
    links: bool = ...,
    images: bool = ...,
    with_markdown: bool = ...,
    blocks: bool = ...,
) -> str: ...
def option_names() -> list[str]: ...
def option_default(name: str) -> float: ...
