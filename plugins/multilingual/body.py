"""The HTML of each source's body, held compressed from its checks until its pages are rendered.

A build holds every source at once, and the converted Markdown is most of that:
at 2,000 pages per language, 86 MiB of Python strings (Cyrillic and Greek
text takes two bytes a character, and then so does every tag around it). Once
the core has checked a source and marked its links, the HTML is needed only to
render that source's pages (after a rebuild, those few whose fingerprint
changed) and to find the images it shows. Compressed, it takes about a quarter
of the memory; packing a 6,000-character page costs about 0.15 ms, unpacking it
about 0.06 ms. That is a fifth of a rebuild's time at 500 pages per language,
so the core packs only when the HTML takes more than
``MULTILINGUAL_PACK_BODIES_MIB`` (at 500 pages per language it takes 22 MiB).
"""

import ctypes
import sys
import zlib

# zlib's fastest level: the memory saved is nearly that of the best, at a fraction of the time.
LEVEL = 1


class Body:
    """The body of one source: its HTML after the checks, compressed."""

    __slots__ = ("_packed",)

    def __init__(self, html):
        self._packed = zlib.compress(html.encode("utf-8"), LEVEL)

    @property
    def html(self):
        """Return the HTML."""
        return zlib.decompress(self._packed).decode("utf-8")


def held_mib(contents):
    """Return the memory, in MiB, that the HTML of Pelican's ``contents`` objects takes as strings."""
    return sum(sys.getsizeof(content._content or "") for content in contents) / 2**20


def pack_body(content):
    """Move the HTML of Pelican's ``content`` object into a compressed Body; return the Body.

    Pelican's ``_content`` is emptied (None), so that its string is freed; code
    that still read it would find no text, which tests/test_packed_bodies.py
    shows. The attribute's name is private: Pelican makes one attribute of every
    front-matter field, and an editor's field must not take the body's place.
    """
    content._packed_body = Body(content._content or "")
    content._content = None
    return content._packed_body


def body_html(content):
    """Return the HTML of ``content``'s body, as the core's checks left it."""
    body = getattr(content, "_packed_body", None)
    return body.html if body is not None else (content._content or "")


def rendered_body(content):
    """Return the HTML of ``content``'s body with Pelican's own links ({static}, {attach}…) resolved.

    What Pelican's ``content`` property gives, without its cache: Pelican keeps
    every result it has given for the rest of the process, a second copy of
    every page's HTML.
    """
    return content._update_content(body_html(content), content.get_siteurl())


def release_freed_memory():
    """Give the memory of the strings just freed back to the system (glibc only; elsewhere nothing).

    Python allocates large strings with malloc, and glibc keeps what is freed
    for later mallocs; the rest of the build allocates through Python's own
    arenas instead, so without this the freed HTML would stay in the process
    until its end.
    """
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
