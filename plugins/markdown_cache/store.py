"""The content cache: parsed sources in one SQLite file, keyed by a digest of bytes and settings.

One file rather than one file per source: on the project's disks creating a
file costs about a millisecond, so a cold build of thousands of pages would
spend seconds creating cache files; SQLite writes them in one transaction.
"""

import hashlib
import os
import pickle
import sqlite3
import time
import weakref

DATABASE = "entries.sqlite3"
# Entries in use are marked used again at most this often.
TOUCH_INTERVAL = 24 * 3600
SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, used REAL NOT NULL, value BLOB NOT NULL)"


class ContentCache:
    """Parsed sources by key; safe to share between processes and builds.

    The connection is opened on first use, in the process that uses it (never
    carried into a forked worker). A missing or unreadable entry is a miss.
    """

    def __init__(self, folder, fingerprint):
        self.folder = folder
        self.fingerprint = fingerprint
        self._connection = None

    def key(self, data):
        """Return the key of a source's bytes under the current settings."""
        return self.key_of(hashlib.sha256(data).digest())

    def key_of(self, source_digest):
        """Return the key of the source whose bytes have this SHA-256 (site_output.reads.file_digest)."""
        return hashlib.sha256(self.fingerprint + source_digest).hexdigest()

    @property
    def connection(self):
        if self._connection is None:
            os.makedirs(self.folder, exist_ok=True)
            connection = sqlite3.connect(os.path.join(self.folder, DATABASE), timeout=60, isolation_level=None)
            # WAL: readers never wait for a writer; NORMAL: no fsync per commit (a cache may lose its last entries).
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(SCHEMA)
            self._connection = connection
            # Closed when the cache is freed, or at the latest when the process exits: a command's
            # process leaves its last objects to the exit (tasks.py), and SQLite folds its log back
            # into the database, and removes it, only when the connection is closed.
            self._closing = weakref.finalize(self, connection.close)
        return self._connection

    def get(self, key):
        """Return the entry, or None if there is none (or it cannot be read)."""
        try:
            row = self.connection.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None

    def put(self, key, entry):
        """Store one entry."""
        self.put_many([(key, entry)])

    def put_many(self, entries):
        """Store entries from an iterable of (key, entry), in one transaction."""
        now = time.time()
        rows = ((key, now, _pickled(entry)) for key, entry in entries)
        with self.connection:
            self.connection.execute("BEGIN")
            self.connection.executemany("INSERT OR REPLACE INTO entries (key, used, value) VALUES (?, ?, ?)", rows)

    def known(self):
        """Return {key: time last used} of every entry."""
        return dict(self.connection.execute("SELECT key, used FROM entries"))

    def prune(self, used_keys, known, max_age_days, now=None):
        """Mark the used entries as used; delete the others no build used for ``max_age_days``."""
        now = time.time() if now is None else now
        touch = [(now, key) for key in used_keys if key in known and known[key] < now - TOUCH_INTERVAL]
        oldest = now - max_age_days * 24 * 3600
        old = [(key,) for key, used in known.items() if key not in used_keys and used < oldest]
        if touch or old:
            with self.connection:
                self.connection.execute("BEGIN")
                self.connection.executemany("UPDATE entries SET used = ? WHERE key = ?", touch)
                self.connection.executemany("DELETE FROM entries WHERE key = ?", old)

    def close(self):
        """Close the connection (a new one opens on next use)."""
        if self._connection is not None:
            self._closing()
            self._connection = None


def _pickled(entry):
    """Return ``entry`` (a tuple) pickled, leaving nothing behind in the caller's strings.

    Pickling a str makes CPython keep its UTF-8 form inside the string for as
    long as the string lives. A build that parses in its own process keeps
    every page's HTML until it is checked, and would then hold it twice (at
    2,000 pages per language, about 60 MiB more). The entry's strings are
    pickled through fresh copies instead; ``str.encode`` keeps nothing.
    """
    fresh = tuple(
        item.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass") if isinstance(item, str) else item
        for item in entry
    )
    return pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL)
