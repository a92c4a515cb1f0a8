"""The files under a folder, listed once per build however many steps walk it.

A build walks content/ several times before it writes anything: the check of
the tree (links, secrets, types), the Markdown cache (which sources it parses),
the data's check that a record's file exists, the inputs' digest, and Pelican's
page and article lists. Within ``one_read_per_build()`` the first to ask lists
the folder and the others walk the same listing.

The preview's process carries the listing from one build to the next while the
files the watcher reports are only saved again: a file added or removed, or a
folder changed, lists the folder again (``Listing.survives``, asked by
``KnownReads.forget``). What the steps work out from a carried listing alone
(which files are Markdown sources, say) is worked out once (``Listing.derived``). Names no step counts as an input (site_output's
NOT_INPUTS) are reported to it as well, without a build of their own, so that a
listing never misses one of them.
"""

import os
import stat

from .reads import once_per_build

# What an entry is, as scandir tells without following a link.
FILE, FOLDER, LINK, LINK_TO_FOLDER, OTHER = "file", "folder", "link", "link to folder", "other"


def _kind(entry):
    if entry.is_symlink():
        return LINK_TO_FOLDER if entry.is_dir() else LINK
    if entry.is_dir():
        return FOLDER
    return FILE if entry.is_file() else OTHER


def _kind_now(path):
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return FILE
    return FOLDER if stat.S_ISDIR(mode) else OTHER


class Listing:
    """What was under ``top`` when a build first listed it: each folder's entries, sorted by name.

    Links are listed, never followed. A folder that cannot be listed has no
    entries, and ``walk`` skips it, as ``os.walk`` does.
    """

    def __init__(self, top):
        self.top = top
        # {folder: ((name, kind), ...)} for every folder listed.
        self._folders = {}
        # {path: kind} of every entry, made when first asked (by the preview's process only).
        self._kinds = None
        # What steps worked out from the listing, once it is carried to another build (``carry``):
        # a build of a new process asks each once, and would only hold it in memory (some 5 MiB at
        # 2,000 pages per language) through its rendering.
        self._derived = None
        if os.path.isdir(top):
            self._list(top)

    def _list(self, folder):
        try:
            with os.scandir(folder) as found:
                entries = tuple(sorted((entry.name, _kind(entry)) for entry in found))
        except OSError:
            return
        self._folders[folder] = entries
        for name, kind in entries:
            if kind == FOLDER:
                self._list(os.path.join(folder, name))

    def entries(self, folder):
        """Return ``folder``'s (name, kind) pairs sorted by name, or None if it was not listed."""
        return self._folders.get(folder)

    def walk(self, folder=None):
        """Yield (folder, subfolders, files) top-down, as ``os.walk(folder)`` would, names sorted.

        As with ``os.walk``, a link to a folder is among the subfolders but is not
        entered, and a caller may remove subfolders from the list to skip them.
        """
        folder = self.top if folder is None else folder
        entries = self._folders.get(folder)
        if entries is None:
            return
        subfolders = [name for name, kind in entries if kind in (FOLDER, LINK_TO_FOLDER)]
        files = [name for name, kind in entries if kind not in (FOLDER, LINK_TO_FOLDER)]
        yield folder, subfolders, files
        for name in subfolders:
            yield from self.walk(os.path.join(folder, name))

    def derived(self, key, compute):
        """Return ``compute()``, worked out once for this listing and ``key`` (what else it depends on) once carried."""
        if self._derived is None:
            return compute()
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def carry(self):
        """Keep what steps work out from this listing from now on: a warm process carries it to its next build."""
        if self._derived is None:
            self._derived = {}

    def survives(self, changed):
        """True if the listing still holds after a change of ``changed`` (absolute paths): files only saved again.

        A path under the folder is allowed if it was a plain file and still is
        one, or if it was not there and is not there now (an editor's file saved
        aside and renamed). Anything else (a file added or removed, a folder, a
        link) means the folder is listed again.
        """
        if self._kinds is None:
            self._kinds = {
                os.path.join(folder, name): kind for folder, entries in self._folders.items() for name, kind in entries
            }
        inside = self.top + os.sep
        for path in changed:
            if self.top.startswith(path + os.sep):
                return False  # a folder holding this one
            if path != self.top and not path.startswith(inside):
                continue
            listed = self._kinds.get(path)
            if listed not in (FILE, None) or _kind_now(path) != listed:
                return False
        return True


def listing(top):
    """Return the Listing of ``top``, made once per build (at every call outside of one)."""
    top = os.path.abspath(top)
    return once_per_build(("listing", top), lambda: Listing(top))
