"""run.py DIR: runs the Python module's tests in DIR under pytest.

meson test runs it with PYTHONPATH at the built package; without pytest
(Debian's python3-pytest, which ./bootstrap installs) it exits 77, which
meson reports as skipped.
"""

import os
import subprocess
import sys

try:
    import pytest
except ImportError:
    print("pytest is not installed (python3-pytest): skipped")
    sys.exit(77)

# In a build with AddressSanitizer the module needs the ASan runtime loaded
# before anything else, which an uninstrumented python3 does not do: run
# again with it preloaded.  Python's own allocations at exit are no leaks
# of ours: test_package.py checks the module's under LeakSanitizer.
if "address" in os.environ.get("WINNOW_SANITIZE", "") and "libasan" not in os.environ.get(
        "LD_PRELOAD", ""):
    cc = os.environ.get("CC", "cc")
    asan = subprocess.run([cc, "-print-file-name=libasan.so"], stdout=subprocess.PIPE,
                          text=True, check=True).stdout.strip()
    env = dict(os.environ, LD_PRELOAD=asan,
               ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

sys.exit(pytest.main([sys.argv[1], "-q", "-p", "no:cacheprovider", "-ra"]))
