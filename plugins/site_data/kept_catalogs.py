"""Compiled gettext catalogs kept for the next process, each in a file of its own with the key it was made for.

Babel reads a .po file in pure Python: the site's four catalogs and the editors'
took some 35 ms of every new process's build. What compiling made (the .mo bytes)
is kept with a key that names everything it depends on (the .po file's digest,
Babel's version, the rule that compiled it); a file kept for another key, or
damaged, is never used: the catalog is compiled again.
"""

import pickle

from .kept_files import write_kept


def read_kept_catalog(path, key):
    """Return the .mo bytes kept at ``path`` for ``key``, or None (none, another key's, damaged)."""
    try:
        with open(path, "rb") as handle:
            kept = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], bytes):
        return kept[1]
    return None


def write_kept_catalog(path, key, compiled):
    """Keep ``compiled`` (.mo bytes) at ``path`` for ``key`` (``write_kept``: never fails the build)."""
    write_kept(path, lambda handle: pickle.dump((key, compiled), handle, protocol=pickle.HIGHEST_PROTOCOL))
