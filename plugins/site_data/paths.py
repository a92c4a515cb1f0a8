"""The path of a file as the editors' messages show it: relative to a folder, with / between folders."""

import functools
import os


@functools.lru_cache(maxsize=64)
def _prefix(root):
    """Return ``root`` and a separator when it is absolute and normal (a build's folders are), else None."""
    if os.altsep is not None or not os.path.isabs(root) or os.path.normpath(root) != root:
        return None
    return root if root.endswith(os.sep) else root + os.sep


def relative_display(path, root):
    """Return ``os.path.relpath(path, root)`` with / between folders.

    A build asks this of every source several times (the checks' messages, the
    fingerprints); relpath makes both paths absolute and compares them part by
    part, some 10,000 calls and 0.1 s per build at N = 500. A normal path under
    an absolute, normal ``root`` (what os.walk gives under the settings' folders)
    is the part after the prefix; any other takes relpath's way. Remembered per
    process for absolute paths (a relative one depends on the working folder):
    the preview asks again at every save for each of some 2,000 sources.
    """
    path, root = os.fspath(path), os.fspath(root)
    if path.startswith(os.sep) and root.startswith(os.sep):
        return _absolute_display(path, root)
    return _display(path, root)


@functools.lru_cache(maxsize=65_536)
def _absolute_display(path, root):
    return _display(path, root)


def _display(path, root):
    prefix = _prefix(root)
    if prefix is not None and path.startswith(prefix):
        rest = path[len(prefix) :]
        # Empty, ".", ".." or (to keep the test short) hidden parts take the long way.
        framed = os.sep + rest + os.sep
        if os.sep * 2 not in framed and os.sep + "." not in framed:
            return rest
    return os.path.relpath(path, root).replace(os.sep, "/")
