"""Shared by the tests of the Python module: where the command and the
fixtures are (meson test sets WINNOW and WINNOW_SOURCE_ROOT)."""

import os
import pathlib
import subprocess

import pytest

SOURCE_ROOT = pathlib.Path(os.environ.get("WINNOW_SOURCE_ROOT",
                                          pathlib.Path(__file__).resolve().parents[2]))
FIXTURES = SOURCE_ROOT / "fixtures"
HTML_PAGES = sorted(FIXTURES.glob("*.html"))
TEXT_PAGES = sorted((FIXTURES / "text").glob("*.txt"))
ENCODING_PAGES = sorted((FIXTURES / "encoding").glob("*.html"))


def winnow_command():
    cmd = os.environ.get("WINNOW")
    if not cmd:
        pytest.skip("WINNOW (the built command) is not set: run under meson test")
    return cmd


def run_cli(*args):
    """The bytes the command prints for args."""
    return subprocess.run([winnow_command(), "-q", *map(str, args)], check=True,
                          stdout=subprocess.PIPE).stdout


def ids(paths):
    return [p.name for p in paths]
