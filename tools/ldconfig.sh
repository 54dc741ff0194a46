#!/bin/sh
# ldconfig.sh - run by `meson install`: refreshes the dynamic linker's cache
# when the library was installed into the system itself (not into a
# DESTDIR) by root, so that a program linked against the installed
# libwinnow.so finds it at once.  Meson 1.0 does not do it itself.
if [ -z "${DESTDIR:-}" ] && [ "$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; then
	ldconfig || echo "ldconfig failed: run it before using the installed libwinnow.so" >&2
fi
exit 0
