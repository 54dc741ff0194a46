"""site_dir.py PREFIX: where a package installed under PREFIX is imported
from by this Python.

The interpreter's own site directory under PREFIX when it has one
(/usr/local/lib/python3.11/dist-packages on Debian, where Meson 1.0 would
write to /usr/local/lib/python3/dist-packages, which Debian's Python does
not read), else the standard PREFIX/lib/pythonX.Y/site-packages, for
PYTHONPATH.  -Dpython.platlibdir=DIR overrides it.
"""

import os
import sys
import sysconfig

prefix = os.path.normpath(sys.argv[1])
for path in sys.path:
    if (os.path.dirname(path).startswith(prefix + os.sep)
            and os.path.basename(path) in ("site-packages", "dist-packages")):
        print(path)
        break
else:
    print(sysconfig.get_path("platlib", "posix_prefix",
                             vars={"base": prefix, "platbase": prefix}))
