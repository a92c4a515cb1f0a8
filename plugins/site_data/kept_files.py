"""Writing what a build keeps for the next one (clean checks, bodies' facts, the data, Babel's texts and catalogs): it never fails the build."""

import contextlib
import os


def write_kept(path, write):
    """Write at ``path`` what a build keeps for the next: ``write(handle)`` into a file aside, then renamed over it.

    A folder that cannot take it (a file where the folder goes, a full disk)
    costs only the saving: the next build works it out again. Return whether it was written.
    """
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as handle:
            write(handle)
        os.replace(partial, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(partial)
        return False
