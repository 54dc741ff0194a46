"""run.py DIR: runs the Python module's tests in DIR under pytest.

meson test runs it with PYTHONPATH at the built package; without pytest
(Debian's python3-pytest, which ./bootstrap installs) it exits 77, which
meson reports as skipped.
"""

import sys

try:
    import pytest
except ImportError:
    print("pytest is not installed (python3-pytest): skipped")
    sys.exit(77)

sys.exit(pytest.main([sys.argv[1], "-q", "-p", "no:cacheprovider", "-ra"]))
