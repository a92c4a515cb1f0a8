"""The digest of each input file, read once per build however many steps ask for it.

A build looks at every source several times before it writes anything: the
check of the tree (sizes, nesting), the Markdown cache (which sources it
lacks), the reading snapshot (which sources changed), the front-matter and page
checks, and the fingerprints of the outputs. Each of them keys its work on the
source's bytes. Within ``one_read_per_build()`` the first to ask reads the file
and hashes it, and the others get the same digest; outside of it (a check
called on its own) every call reads the file. Only digests are kept, never the
bytes: at 2,000 pages per language the sources alone are about 50 MiB.

A step that must see the file as it is now (the snapshot's check that a source
was not saved again while it was being read) reads it itself.

Between builds, two memories spare the reading of files that did not change:
the preview's process is told what changed (KnownReads), and a new process
finds in the cache what the last one read and trusts it for the files whose
status did not change since (StoredReads).
"""

import contextlib
import contextvars
import hashlib
import os
import re
import time

from site_data.kept_files import read_kept, write_kept

# What os.path.abspath would change in an absolute path: "//", "/./", "/../" or a final "/" or "/.".
_NOT_NORMAL = re.compile(r"//|/\.\.?(/|$)|/$")
# {absolute path: FileDigest, (folder digest's key): digest} of the build under way; None outside of a build.
_build = contextvars.ContextVar("file_digests", default=None)
# The StoredReads of the build under way, if it has one.
_stored = contextvars.ContextVar("stored_reads", default=None)


class FileDigest:
    """The SHA-256 of a file's bytes, and of its front matter if it is a Markdown source."""

    __slots__ = ("bytes_digest", "front_matter_digest")

    def __init__(self, data, markdown):
        self.bytes_digest = hashlib.sha256(data).digest()
        self.front_matter_digest = hashlib.sha256(markdown_front_matter(data)).digest() if markdown else None

    @classmethod
    def kept(cls, bytes_digest, front_matter_digest):
        """Return the FileDigest of digests worked out before."""
        found = cls.__new__(cls)
        found.bytes_digest, found.front_matter_digest = bytes_digest, front_matter_digest
        return found


# The end of a Markdown source's front matter: its first blank line.
_BLANK_LINE = re.compile(rb"\r?\n[ \t]*\r?\n")


def markdown_front_matter(data):
    """Return the front matter of a Markdown source: its bytes up to the first blank line."""
    match = _BLANK_LINE.search(data)
    # Trailing white space is no field: a text added below the fields leaves them as they were.
    return (data[: match.start()] if match else data).rstrip()


@contextlib.contextmanager
def one_read_per_build(known=None):
    """Within: each file is read and hashed once, the first time a step asks for its digest.

    Inside another such block (a build's check of the tree, then its run of Pelican) it shares that
    block's digests. ``known`` (KnownReads, StoredReads) starts the build with the digests it carries or
    finds still valid, and keeps the build's.
    """
    if _build.get() is not None:
        yield
        return
    digests = known.carried() if known is not None else {}
    token = _build.set(digests)
    stored = _stored.set(known if isinstance(known, StoredReads) else None)
    try:
        yield
    finally:
        _stored.reset(stored)
        _build.reset(token)
        if known is not None:
            known.keep(digests)


class KnownReads:
    """The digests a warm process carries from one build to the next, for the files it watches.

    The preview of `invoke serve` is told by the kernel which files change
    (site_build/preview.py): a file it watches and was not told about has the
    bytes the last build read, so the next build need not read it again.
    ``forget`` drops what changed, and the digest of every folder that holds
    it, and its listing unless the listing still holds (site_output/listing.py).
    Files outside the watched folders are read at every build.
    """

    def __init__(self, watched):
        self.roots = [os.path.abspath(path) for path in watched]
        self.digests = {}

    def _watched(self, path):
        return any(path == root or path.startswith(root + os.sep) for root in self.roots)

    def forget(self, paths):
        """Forget the digests of ``paths`` (changed, added or removed files or folders) and of what holds them."""
        changed = [os.path.abspath(path) for path in paths]

        def touched(path):
            return any(
                path == other or path.startswith(other + os.sep) or other.startswith(path + os.sep) for other in changed
            )

        self.digests = {
            key: value
            for key, value in self.digests.items()
            # A file's path, or a folder's digest or listing (which may hold after its files are saved again).
            if not touched(key if isinstance(key, str) else key[1])
            or (hasattr(value, "survives") and value.survives(changed))
        }

    def carried(self):
        """Return the digests a build may take as read: those of the watched files and folders."""
        return {
            key: value for key, value in self.digests.items() if self._watched(key if isinstance(key, str) else key[1])
        }

    def keep(self, digests):
        """Keep what a build read, for the next one."""
        self.digests = digests
        for value in digests.values():
            if hasattr(value, "carry"):
                value.carry()


class StoredReads:
    """The digests the last build of a tree read, kept in its cache for the next process.

    A new process (`invoke build`, `invoke check`) is told nothing of what
    changed. It trusts a digest the last build kept for a file whose status is
    as it was then: size, modification and change times in nanoseconds, inode
    and device, the status Git's index compares. A program cannot choose a
    change time (any write, rename or `touch` sets it to now), so a file saved
    again, or replaced by another of the same size and dates, is read again. A
    file changed less than RACY_SECONDS before it was read is not kept: a second
    save within one tick of the file system's clock would not move its dates.

    The status is taken before the file is read, so a save during the reading
    leaves a status that the next build finds changed.
    """

    FORMAT = "stored reads 2"
    # Seconds: a file changed less than this before it was read is read again by the next process.
    RACY_SECONDS = 2

    def __init__(self, path):
        self.path = path
        # Missing, damaged or of another format: every file is read.
        self.entries = read_kept(path, self.FORMAT, dict) or {}
        # What this build read or found unchanged: the next build's memory (a removed file drops out).
        self.used = {}

    @staticmethod
    def _status(status):
        return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)

    def look_up(self, path):
        """Return (the kept FileDigest of ``path`` or None, its status now or None if it cannot be seen)."""
        try:
            status = os.stat(path)
        except OSError:
            return None, None  # the caller's reading says what is wrong
        entry = self.entries.get(path)
        if entry is not None and entry[0] == self._status(status):
            self.used[path] = entry
            return FileDigest.kept(entry[1], entry[2]), status
        return None, status

    def record(self, path, status, found):
        """Keep ``found``, read after ``status`` was taken, unless the file changed too recently to be trusted."""
        changed = max(status.st_mtime_ns, status.st_ctime_ns)
        if time.time_ns() - changed > self.RACY_SECONDS * 1_000_000_000:
            self.used[path] = (self._status(status), found.bytes_digest, found.front_matter_digest)

    def carried(self):
        """Return the digests a build may take as read without a look at the file: none."""
        return {}

    def keep(self, digests):
        """Write what this build read for the next process, if it differs (written aside, then renamed)."""
        if self.used == self.entries:
            return
        # Not written (a folder that cannot take it): only a saving of time is lost, the next process reads every file.
        if write_kept(self.path, self.FORMAT, self.used):
            self.entries = dict(self.used)


def _digest(path):
    path = os.fspath(path)
    known = _build.get()
    # Most callers give the absolute, normal path the digest is kept under: found, it needs no check.
    found = None if known is None else known.get(path)
    if found is not None:
        return found
    # abspath costs more than the lookup: a path that is absolute and normal already is its own key.
    key = path if path.startswith(os.sep) and not _NOT_NORMAL.search(path) else os.path.abspath(path)
    found = None if known is None else known.get(key)
    if found is None:
        stored = _stored.get()
        found, status = stored.look_up(key) if stored is not None else (None, None)
        if found is None:
            with open(path, "rb") as handle:
                found = FileDigest(handle.read(), path.endswith(".md"))
            if status is not None:
                stored.record(key, status, found)
        if known is not None:
            known[key] = found
    return found


def file_digest(path):
    """Return the SHA-256 (32 bytes) of the file's bytes; OSError if it cannot be read."""
    return _digest(path).bytes_digest


def front_matter_digest(path):
    """Return the SHA-256 (32 bytes) of a Markdown source's front matter; OSError if it cannot be read."""
    found = _digest(path).front_matter_digest
    if found is None:  # not a .md name, but asked as one
        with open(path, "rb") as handle:
            found = hashlib.sha256(markdown_front_matter(handle.read())).digest()
    return found


def once_per_build(key, compute):
    """Return ``compute()``, worked out once per build for ``key`` (a tuple), at every call outside of one.

    For a digest of a whole folder, which several steps of a build ask for.
    """
    known = _build.get()
    if known is None:
        return compute()
    if key not in known:
        known[key] = compute()
    return known[key]
