"""Fingerprints of a build's inputs, and the record of the fingerprint of every output file.

A fingerprint is a SHA-256 of everything an output is made from. The record of
a folder of outputs is a text file beside it (``<folder>.fingerprints``), never
inside it, so it is not published: one line per output, ``<fingerprint> <flag>
<path>``, flag ``+`` for a file made in this build and ``=`` for one taken over
unchanged from the previous generation.
"""

import functools
import hashlib
import importlib.metadata
import os
import re
import sys
import weakref

from site_data.paths import relative_display

from .listing import listing
from .reads import file_digest, front_matter_digest, once_per_build

# Part of every fingerprint: change it when the way outputs are made from their inputs changes.
FORMAT = "site_output 1"
SUFFIX = ".fingerprints"
MADE, TAKEN = "+", "="
# Versions of the libraries whose output the pages carry.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "babel", "nh3", "icalendar", "feedgenerator", "pillow")
# Names of folders and files that are never an input (caches, editors' and tools' droppings).
NOT_INPUTS = re.compile(r"^(__pycache__|\..*|.*\.pyc|.*~)$")
# Object addresses (repr of a function) differ between processes; they never change what is made.
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def fingerprints_path(folder):
    """Return the file that records the fingerprints of the outputs in ``folder``."""
    return os.path.normpath(folder) + SUFFIX


# The records being written in this process, by path: each is read with what its writer holds back.
_OPEN_RECORDS = weakref.WeakValueDictionary()


def open_record(folder):
    """Return the record of ``folder``, opened to add lines; a reader of it in this process sees them all."""
    path = fingerprints_path(folder)
    record = _OPEN_RECORDS.get(path)
    if record is None or record.closed:
        # Buffered: a build writes some 2,500 lines, and a write per line cost 0.01 s of a save.
        record = _OPEN_RECORDS[path] = open(path, "a", encoding="utf-8")  # noqa: SIM115
    return record


def read_fingerprints(folder):
    """Return {relative path: (fingerprint, flag)} recorded for ``folder``; {} when there is no record."""
    record = _OPEN_RECORDS.get(fingerprints_path(folder))
    if record is not None and not record.closed:
        record.flush()  # steps after the generators (complete_output) read it before it is closed
    recorded = {}
    try:
        with open(fingerprints_path(folder), encoding="utf-8") as handle:
            for line in handle:
                fingerprint, flag, path = line.rstrip("\n").split(" ", 2)
                recorded[path] = (fingerprint, flag)
    except (OSError, ValueError):
        return {}  # no record, or a damaged one: nothing is taken over
    return recorded


def digest(*parts):
    """Return the SHA-256 (hex) of ``parts``, each a str or bytes, kept apart from each other."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


# The digests of remembered_digest, by their parts; cleared when it reaches REMEMBERED_DIGESTS.
_DIGESTS = {}
REMEMBERED_DIGESTS = 100_000


def remembered_digest(*parts):
    """Return ``digest(*parts)``, worked out once per process for the same parts (short, hashable).

    The preview's builds ask for the fingerprint of every page at every save,
    nearly all from the same parts as at the save before.
    """
    found = _DIGESTS.get(parts)
    if found is None:
        if len(_DIGESTS) >= REMEMBERED_DIGESTS:
            _DIGESTS.clear()
        found = _DIGESTS[parts] = digest(*parts)
    return found


def canonical(value):
    """Return a text of ``value`` that is the same in every process (sets and dicts in sorted order)."""
    if isinstance(value, dict):
        items = sorted((canonical(key), canonical(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(canonical(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(canonical(item) for item in value) + "]"
    return ADDRESS.sub("", repr(value))


def tree_digest(folder, content=False):
    """Return a digest of the names and bytes of every file under ``folder``.

    With ``content`` (the Markdown sources' folder), a Markdown source counts by
    its front matter only: its text is part of its own pages' fingerprints. Other
    files there (photos, documents, which can be large) count by size and
    modification time, which an edit changes. Worked out once per build (site_output/reads.py).
    """
    return once_per_build(("tree", os.path.abspath(folder), content), lambda: _tree_digest(folder, content))


def _tree_digest(folder, content):
    found = listing(folder)
    hashed = hashlib.sha256()
    for path, relative, by_status in found.derived(("digest parts", content), lambda: _digest_parts(found, content)):
        if by_status:
            stat = os.stat(path)
            part = f"{stat.st_size} {stat.st_mtime_ns}"
        else:
            part = front_matter_digest(path) if content else file_digest(path)
        # Each name and part behind its length, straight into the tree's hash: a hash of each file's
        # pair first cost 2,300 more SHA-256 a build at 500 pages per language.
        name, data = relative.encode(), part if isinstance(part, bytes) else part.encode()
        hashed.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(4, "big") + data)
    return hashed.hexdigest()


def _digest_parts(found, content):
    """Return (path, relative path, counted by its status) of each file a tree's digest counts, in order."""
    parts = []
    for root, folders, names in found.walk():
        folders[:] = [name for name in folders if not NOT_INPUTS.match(name)]
        for name in names:
            if not NOT_INPUTS.match(name):
                path = os.path.join(root, name)
                parts.append((path, relative_display(path, found.top), content and not name.endswith(".md")))
    return tuple(parts)


@functools.cache
def code_digest(*paths):
    """Return a digest of the Python code at ``paths`` (folders, walked, or files): each file's name and bytes.

    Worked out once per process for the same paths: Python does not load a module's code again.
    """
    hashed = hashlib.sha256()
    for top in paths:
        found = [top] if os.path.isfile(top) else []
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith((".", "__pycache__")))
            found += [os.path.join(folder, name) for name in sorted(names) if name.endswith(".py")]
        for path in found:
            with open(path, "rb") as handle:
                hashed.update(digest(os.path.relpath(path, os.path.dirname(top)), handle.read()).encode())
    return hashed.hexdigest()


@functools.cache
def library_versions():
    """Return the versions of Python and of the libraries that shape the output.

    Looked up once per process (each lookup reads a package's metadata file):
    a running process goes on with the libraries it imported, whatever is installed meanwhile.
    """
    versions = [sys.version]
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return tuple(versions)
