"""What a build keeps for the next one, as (key, value) in a file: read only for its key, written so it never fails the build.

Every memory a build leaves in the cache folder (the files' digests, the
reading snapshot, the checks found clean, the bodies' facts, the data, Babel's
texts and catalogs) is one pickled pair: the key names everything the value
depends on, and a file kept for another key, damaged or missing is as none.
"""

import contextlib
import os
import pickle


def read_kept(path, key, kind=object):
    """Return the value (of ``kind``) kept at ``path`` for ``key``, or None (no file, another key's, damaged)."""
    try:
        with open(path, "rb") as handle:
            kept = pickle.load(handle)
    except Exception:  # noqa: BLE001 - missing, damaged or of another format: worked out again
        return None
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], kind):
        return kept[1]
    return None


def write_kept(path, key, value):
    """Keep ``value`` for ``key`` at ``path``: written aside, then renamed over the last.

    A folder that cannot take it (a file where the folder goes, a full disk)
    costs only the saving: the next build works it out again. Return whether it was written.
    """
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(partial)
        return False
