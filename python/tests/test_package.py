"""The package as installed: type hints that match the module, no leaks on
repeated calls, and `meson install` putting it in site-packages."""

import ast
import gc
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig

import pytest

import winnow
from conftest import FIXTURES, HTML_PAGES, SOURCE_ROOT

PACKAGE = pathlib.Path(winnow.__file__).parent


def test_stub_matches_the_module():
    stub = ast.parse((PACKAGE / "_winnow.pyi").read_text())
    names = {n.name for n in stub.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    names |= {n.target.id for n in stub.body if isinstance(n, ast.AnnAssign)}
    public = {n for n in dir(winnow._winnow) if not n.startswith("_")}
    assert names - {n for n in names if n.startswith("_")} == public
    assert (PACKAGE / "py.typed").exists()
    assert set(winnow.__all__) <= public
    assert winnow.__version__ == winnow.WN_VERSION
    assert callable(winnow.Extractor.extract) and winnow.extract.__doc__


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def leak_loop(rounds):
    pages = [p.read_bytes() for p in HTML_PAGES]
    text = pages[0].decode()
    bad = bytes(range(256)) * 10
    ex = winnow.Extractor(format="json", with_markdown=True, rules_text="x block phrase zzz\n")
    for _ in range(rounds):
        for p in pages:
            ex.extract(p, url="https://example.org/", http_charset="utf-8")
        winnow.extract(text, format="markdown", links=True, languages="en")
        winnow.Extractor(rules_text="x block phrase zzz\n", options={"short_words": 9})
        for kw in ({"options": {"nope": 1}}, {"rules_text": "bad line\n"}, {}):
            try:
                winnow.extract(bad, **kw)
            except winnow.Error:
                pass


ASAN = "address" in os.environ.get("WINNOW_SANITIZE", "")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm") or ASAN,
                    reason="needs /proc; ASan holds freed memory (test_no_leaks_under_asan)")
def test_no_leaks_on_repeated_calls():
    """Memory stays flat over thousands of calls, errors included, and the
    input's reference count is unchanged."""
    page = (FIXTURES / "article-news.html").read_bytes()
    refs = sys.getrefcount(page)
    for _ in range(20):
        winnow.extract(page)
    assert sys.getrefcount(page) == refs
    leak_loop(20)
    gc.collect()
    before = rss_kib()
    leak_loop(150)
    gc.collect()
    grown = rss_kib() - before
    print("RSS grew by %d KiB over %d pages" % (grown, 150 * (len(HTML_PAGES) + 5)))
    assert grown < 4096


@pytest.mark.skipif(not ASAN, reason="only in a build with -Db_sanitize=address")
def test_no_leaks_under_asan():
    """LeakSanitizer on the module's and the library's allocations after
    repeated calls (Python's own allocations are not its business)."""
    code = ("import ctypes, gc, os, sys\n"
            "sys.path.insert(0, %r)\n"
            "import test_package\n"
            "test_package.leak_loop(3)\n"
            "gc.collect()\n"
            "ctypes.CDLL(None).__lsan_do_recoverable_leak_check()\n"
            "sys.stderr.flush()\n"
            "os._exit(0)\n" % str(pathlib.Path(__file__).parent))
    env = dict(os.environ, PYTHONMALLOC="malloc",
               ASAN_OPTIONS="detect_leaks=1:abort_on_error=0")
    r = subprocess.run([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE,
                       text=True, check=True)
    reports = r.stderr.split("\n\n")
    ours = [rep for rep in reports if "leak of" in rep and ("winnow" in rep)]
    assert not ours, "\n\n".join(ours)


def test_meson_install(tmp_path):
    """meson install puts the package, its stub and py.typed in Python's
    site-packages under the prefix, and the installed module imports."""
    build = os.environ.get("WINNOW_BUILD_ROOT")
    if not build or not shutil.which("meson"):
        pytest.skip("WINNOW_BUILD_ROOT is not set: run under meson test")
    root = tmp_path / "root"
    subprocess.run(["meson", "install", "-C", build, "--destdir", str(root), "--no-rebuild",
                    "--quiet"], check=True, stdout=subprocess.DEVNULL)
    inits = list(root.rglob("winnow/__init__.py"))
    assert len(inits) == 1
    pkg = inits[0].parent
    assert {"__init__.py", "_winnow.pyi", "py.typed"} <= {p.name for p in pkg.iterdir()}
    # Where this Python looks, when it has a site directory under the prefix
    # (Debian: /usr/local/lib/python3.11/dist-packages).
    installed = "/" + str(pkg.parent.relative_to(root))
    prefix = installed.split("/lib/")[0]
    sites = [p for p in sys.path if os.path.dirname(p).startswith(prefix + "/")
             and os.path.basename(p) in ("site-packages", "dist-packages")]
    assert installed in sites or not sites, (installed, sites)
    ext = list(pkg.glob("_winnow*" + sysconfig.get_config_var("EXT_SUFFIX")))
    assert len(ext) == 1
    # The rpath names the prefix's libdir; under DESTDIR the library is
    # found by LD_LIBRARY_PATH instead.
    libdirs = {str(p.parent) for p in root.rglob("libwinnow.so.0")}
    env = dict(os.environ, PYTHONPATH=str(pkg.parent), LD_LIBRARY_PATH=":".join(libdirs))
    out = subprocess.run([sys.executable, "-c",
                          "import sys, winnow; print(winnow.__file__); "
                          "sys.stdout.write(winnow.extract(sys.stdin.buffer.read()))"],
                         input=(FIXTURES / "article-news.html").read_bytes(),
                         env=env, stdout=subprocess.PIPE, check=True, cwd=str(tmp_path)).stdout
    path, text = out.split(b"\n", 1)
    assert path.decode().startswith(str(root))
    assert text.decode() == winnow.extract((FIXTURES / "article-news.html").read_bytes())
    assert SOURCE_ROOT.exists()


def test_readme_example(tmp_path, monkeypatch, capsys):
    """The README's example runs, from the top of the source tree."""
    readme = (SOURCE_ROOT / "README.md").read_text()
    code = readme.split("## Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "mine.rules").write_text("mine block phrase read them below\n")
    monkeypatch.chdir(SOURCE_ROOT)
    code = code.replace('"mine.rules"', repr(str(tmp_path / "mine.rules")))
    exec(compile(code, "README.md", "exec"), {
        "page_bytes": (FIXTURES / "news-german.html").read_bytes(),
        "page_url": "https://example.de/a"})
    out = capsys.readouterr().out
    assert out.startswith("Trams will run") and "Maren Holt" in out
