"""One Extractor used by many threads: the same results as one thread, and
the GIL released while a page is read."""

import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import winnow
from conftest import HTML_PAGES, TEXT_PAGES


def big_page(paragraphs=6000):
    words = "The council voted on the plan to rebuild the harbour line, officers said. "
    body = "".join("<p>%d %s</p>\n" % (i, words * 3) for i in range(paragraphs))
    return ("<html><head><title>Long</title></head><body><article>%s</article></body></html>"
            % body).encode()


def test_threads_give_the_same_results():
    pages = [p.read_bytes() for p in HTML_PAGES + TEXT_PAGES] * 8
    for fmt in ("text", "json"):
        ex = winnow.Extractor(format=fmt)
        serial = [ex.extract(p) for p in pages]
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(ex.extract, pages))
        assert threaded == serial
        # the module-level call too, and errors in some threads
        bad = bytes(range(256)) * 10

        def one(i):
            if i % 5 == 0:
                try:
                    winnow.extract(bad, format=fmt)
                except winnow.Error as e:
                    return e.name
            return winnow.extract(pages[i], format=fmt)
        with ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(one, range(len(pages))))
        assert got == ["WN_ERR_NOT_TEXT" if i % 5 == 0 else serial[i]
                       for i in range(len(pages))]


def test_gil_released():
    """While another thread reads a long page, this thread keeps running:
    the longest pause between its steps is well under the page's time.
    With the GIL held it would be the whole time."""
    page = big_page()
    ex = winnow.Extractor(options={"time_limit": 0})
    t0 = time.perf_counter()
    ex.extract(page)
    alone = time.perf_counter() - t0
    assert alone > 0.05, "the page is too short to tell"
    done = threading.Event()
    result = []

    def work():
        result.append(ex.extract(page))
        done.set()
    th = threading.Thread(target=work)
    gap, last = 0.0, time.perf_counter()
    th.start()
    while not done.is_set():
        now = time.perf_counter()
        gap = max(gap, now - last)
        last = now
    th.join()
    assert result and result[0]
    print("page alone %.3f s, longest pause of the other thread %.3f s" % (alone, gap))
    assert gap < alone / 2


def text_length(page):
    return len(winnow.extract(page, options={"time_limit": 0}))


def test_threads_and_processes_agree():
    """Pages on two threads give what they give on two processes.  The
    times are printed for the report, not checked: on a busy machine a
    ratio of wall clocks says nothing (test_gil_released checks that the
    GIL is let go)."""
    page = big_page(600)
    n = 16
    ex = winnow.Extractor(options={"time_limit": 0})
    expected = len(ex.extract(page))
    t0 = time.perf_counter()
    for _ in range(n):
        ex.extract(page)
    one = time.perf_counter() - t0
    best_threads = best_procs = float("inf")
    with ThreadPoolExecutor(max_workers=2) as threads, ProcessPoolExecutor(2) as procs:
        assert list(procs.map(text_length, [page] * 2)) == [expected] * 2
        for _ in range(3):
            t0 = time.perf_counter()
            assert [len(t) for t in threads.map(ex.extract, [page] * n)] == [expected] * n
            best_threads = min(best_threads, time.perf_counter() - t0)
            t0 = time.perf_counter()
            assert list(procs.map(text_length, [page] * n)) == [expected] * n
            best_procs = min(best_procs, time.perf_counter() - t0)
    print("%d pages: 1 thread %.2f s, 2 threads %.2f s, 2 processes %.2f s"
          % (n, one, best_threads, best_procs))
