"""Helpers shared by the tests of the timeline, documents and services plugins.

They find built pages by language and title (so a test does not depend on how a
slug is romanised), and break a copy of the site to check the editor's error.
"""

import functools
import gc
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup

from conftest import build
from site_build import BuildFailed
from site_build.publish import generations_folder


@functools.lru_cache(maxsize=8)
def _index(output):
    """Return {(language, title): path} of the pages of a built site, from each page's <html lang> and first <h1>.

    Only those two values are read, with lxml: parsing every page of a site into
    BeautifulSoup's tree took some twenty times longer.
    """
    pages = {}
    for path in sorted(Path(output).rglob("index.html")):
        root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
        heading = root.find(".//h1")
        if heading is not None:
            pages.setdefault((root.get("lang"), folded(" ".join(part.strip() for part in heading.itertext()))), path)
    return pages


def page_path(output, lang, title):
    """Return the built file of the page titled ``title`` in the ``lang`` interface."""
    pages = _index(str(output))
    assert (lang, title) in pages, f"no page titled {title!r} in {lang}"
    return pages[(lang, title)]


def page(output, lang, title):
    """Return the parsed page titled ``title`` in ``lang``."""
    return BeautifulSoup(page_path(output, lang, title).read_text(encoding="utf-8"), "html.parser")


def href_path(output, href):
    """Return the built file a root-relative link points to, and its #fragment."""
    path, _, fragment = href.partition("#")
    target = Path(output) / path.lstrip("/")
    return (target / "index.html" if path.endswith("/") else target), fragment


def folded(text):
    """Return ``text`` with every kind of space folded into one plain space."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " ")).strip()


def text_of(element):
    """Return an element's text with every kind of space folded into one plain space."""
    return folded(element.get_text(" ", strip=True))


def snapshot(output):
    """Return every file of a built site with its bytes."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(Path(output).rglob("*"))
        if path.is_file()
    }


def line_of(path, text):
    """Return the 1-based number of the first line of ``path`` that contains ``text``."""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} is not in {path}")


def replace(root, relative, old, new):
    """Replace the first ``old`` in a file of the site copy; return the file's path."""
    path = Path(root) / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def append(root, relative, text):
    """Add ``text`` at the end of a file of the site copy; return the file's path."""
    path = Path(root) / relative
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
    return path


def copy_build(output, target):
    """Copy a built site to ``target``: the link, and the generations it points into, as a build there leaves them."""
    shutil.copytree(generations_folder(str(output)), generations_folder(str(target)), symlinks=True)
    os.symlink(os.readlink(output), target)
    return Path(target)


def failed_build(site_copy, good_build):
    """Put the last good build in the copy's output/, then return a function that builds the broken copy.

    ``good_build`` is a build of the sources before the editor's change (the
    real_site fixture, for a copy of the real site): it is copied, not built
    again. The broken build must fail and leave those files untouched; the
    function returns the failure message.
    """
    output = copy_build(good_build, site_copy / "output")
    before = snapshot(output)
    assert "index.html" in before

    def rebuild(**overrides):
        with pytest.raises(BuildFailed) as failure:
            build(site_copy, output, **overrides)
        assert snapshot(output) == before, "a failed build changed the published folder"
        return str(failure.value)

    return rebuild


def error_lines(message):
    """Return the ``path:line: …`` error lines of a failed build's message (warnings left out)."""
    return [
        line for line in message.splitlines() if re.match(r"^[^\s:]+:\d+: ", line) and not line.endswith("[warning]")
    ]


def problem_paths(message):
    """Return the file of each error in a failed build's message, sorted (one entry per error)."""
    return sorted(line.split(":", 1)[0] for line in error_lines(message))


def assert_not_published(output, payloads):
    """Fail if any file of a built site contains one of ``payloads`` (strings)."""
    for relative, data in snapshot(output).items():
        for payload in payloads:
            assert payload.encode() not in data, f"{payload!r} reached output/{relative}"


def stop_process(process, timeout=10):
    """Stop a server a test started: terminate it, and kill it if it does not end in time."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class PristineTree:
    """A folder's files as they were, kept in a copy beside it, to put the folder back after a test changed it.

    Deleting the folder and copying it again made and removed every file and
    folder of it (a small site with its build: some 450), and on the project's
    disks each costs about a millisecond. ``restore`` finds what changed by the
    files' status (a write changes a file's ctime, which nothing can set back),
    touches only that, then reads the whole folder and fails unless every file,
    folder and link is as in the copy: the same bytes, modes and modification
    times (builds compare these), the same link targets.
    """

    def __init__(self, root, copy):
        self.root, self.copy = Path(root), Path(copy)
        closed_state(self.root)
        shutil.copytree(self.root, self.copy, symlinks=True)
        self.entries = tree_states(self.copy)[1]
        self.folders = sorted((name for name, entry in self.entries.items() if entry[0] == "dir"), reverse=True)
        self.status, contents = tree_states(self.root)
        assert contents == self.entries

    def restore(self):
        """Put the folder back as it was when the copy was made; return the paths that were not."""
        now = closed_state(self.root)
        changed = sorted(name for name in now.keys() | self.status.keys() if now.get(name) != self.status.get(name))
        # Children before their folder: what is not as in the copy goes first.
        for name in reversed(changed):
            path, have, want = self.root / name, now.get(name), self.entries.get(name)
            if have is None or (want is not None and have[0] == want[0] == "dir"):
                continue  # missing, or a folder whose times or mode differ (put back below)
            if have[0] == "dir":
                os.rmdir(path)
            else:
                path.unlink()
        # Folders before their children; then the folders' own times, which the changes inside them moved.
        for name in changed:
            path, want = self.root / name, self.entries.get(name)
            if want is None or os.path.lexists(path):
                continue
            if want[0] == "dir":
                path.mkdir()
            elif want[0] == "link":
                os.symlink(want[1], path)
            else:
                shutil.copy2(self.copy / name, path)
        for name in self.folders:  # deepest first
            if os.lstat(self.root / name).st_mtime_ns != self.entries[name][2]:
                shutil.copystat(self.copy / name, self.root / name)
        self.status, contents = tree_states(self.root)
        assert contents == self.entries, "the folder was not put back as it was"
        return changed


# The files SQLite keeps beside a database in WAL mode while a connection to it is open.
SQLITE_SIDE_FILES = ("-wal", "-shm")


def closed_state(root):
    """Return tree_state(root) once no SQLite database in ``root`` is open in this process.

    A content cache (markdown_cache.store) that a build of this process opened
    keeps its connection until the build's objects, which hold it in reference
    cycles, are collected; until then SQLite keeps its WAL files beside the
    database, and the database must not be replaced under the connection.
    """
    state = tree_state(root)
    if any(name.endswith(SQLITE_SIDE_FILES) for name in state):
        gc.collect()
        state = tree_state(root)
        still_open = [name for name in state if name.endswith(SQLITE_SIDE_FILES)]
        assert not still_open, f"a SQLite database in {root} is still open: {still_open}"
    return state


def tree_entry(path):
    """Return the status of a path that restoring a folder compares: its kind, mode, times, size and inode."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return ("link", os.readlink(path))
    kind = "dir" if stat.S_ISDIR(info.st_mode) else "file"
    return (kind, info.st_mode, info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def tree_state(root):
    """Return {relative path: tree_entry} of everything in ``root`` (itself as "."), links not followed."""
    root = Path(root)
    state = {".": tree_entry(root)}
    for folder, folders, names in os.walk(root):
        for name in folders + names:
            path = os.path.join(folder, name)
            state[os.path.relpath(path, root)] = tree_entry(path)
    return state


def tree_states(root):
    """Return tree_state(root), and {relative path: (kind, mode, modification time, bytes) or (link, target)}."""
    status = tree_state(root)
    contents = {
        name: entry
        if entry[0] == "link"
        else (*entry[:3], (Path(root) / name).read_bytes() if entry[0] == "file" else None)
        for name, entry in status.items()
    }
    return status, contents
