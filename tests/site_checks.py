"""Helpers shared by the tests of the timeline, documents and services plugins.

They find built pages by language and title (so a test does not depend on how a
slug is romanised), and break a copy of the site to check the editor's error.
"""

import functools
import os
import re
import shutil
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
