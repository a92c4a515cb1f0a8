"""The HTML of each source's body, however it is held between its reading and its rendering.

A build holds every source at once, and the converted Markdown is most of that:
at 2,000 pages per language, 86 MiB of Python strings (Cyrillic and Greek
text takes two bytes a character, and then so does every tag around it). With
the Markdown cache on, a source's HTML stays in the cache's store
(markdown_cache's StoredHtml) and is read when something asks for it: its
checks, its link marks and its images are remembered by the store's key (the
checks' memory, BodyFacts), so a rebuild reads only the HTML of the pages it
renders again, and a build from nothing holds one page's HTML at a time.

Without the cache, the HTML is Pelican's ``_content``. Once the core has
checked a source and marked its links, it is needed only to render that
source's pages and to find the images it shows; compressed, it takes about a
quarter of the memory (packing a 6,000-character page costs about 0.15 ms,
unpacking it about 0.06 ms), so the core packs it when the HTML takes more
than ``MULTILINGUAL_PACK_BODIES_MIB`` (at 500 pages per language it takes 22 MiB).
"""

import ctypes
import sys
import zlib

from markdown_cache.snapshot import stored_html
from site_data.kept_files import read_kept, write_kept

# zlib's fastest level: the memory saved is nearly that of the best, at a fraction of the time.
LEVEL = 1
# The attribute of a content object whose HTML was left in the content cache that marks its page
# links when it is read (content_files.mark_page_links). Private, as _packed_body is.
MARKS = "_page_link_marks"


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


def body_key(content):
    """Return the key that stands for the HTML of ``content`` as read, if it was left in the content cache, else None.

    The content cache's key of the source's bytes (markdown_cache's StoredHtml):
    what the checks and BodyFacts remember a body by, without reading it.
    """
    stored = stored_html(content)
    return None if stored is None else stored.key


def set_page_link_marks(content, marks):
    """Mark the page links of ``content``'s HTML with ``marks`` (a PageLinkMarks): now, or when it is read."""
    if stored_html(content) is None:
        content._content = marks(content._content or "")
    else:
        setattr(content, MARKS, marks)


def marks_signature(content):
    """Return what the page-link marks of ``content`` make of its links ("" if none): part of a marked body's key."""
    marks = getattr(content, MARKS, None)
    return "" if marks is None else marks.signature


class BodyFacts:
    """What the core and the features find in a body left in the content cache, remembered by its key.

    Which pages a body links to, which images it shows: found once in its HTML,
    then known from the body's key (``body_key``) without reading the HTML,
    from one build to the next (a file in the cache's folder, and this
    process's memory for the preview's next build). A fact is kept with the
    digest of the plugins' code, which may change how it is found; a body read
    again (no key) is searched at every build.
    """

    def __init__(self, path, code_digest):
        self.path = path
        self.code_digest = code_digest
        self.known = _load_facts(path, code_digest)
        self.used = {}

    def find(self, content, name, compute, *inputs):
        """Return ``compute()``, the fact ``name`` of ``content``'s body (a tuple, immutable), remembered by body key."""
        key = body_key(content)
        if key is None:
            return compute()
        fact_key = (name, key, *inputs)
        value = self.known[fact_key] if fact_key in self.known else compute()
        self.used[fact_key] = value
        return value

    def save(self):
        """Keep the facts this build used (so they never outgrow the site); never fails the build."""
        if self.path is None:
            return
        _facts_kept[self.path] = (self.code_digest, self.used)
        if self.used == self.known:
            return
        write_kept(self.path, self.code_digest, self.used)


# {file: (code digest, facts)} of the last build in this process.
_facts_kept = {}


def _load_facts(path, code_digest):
    if path is None:
        return {}
    kept = _facts_kept.get(path)
    if kept is not None:
        return kept[1] if kept[0] == code_digest else {}
    # None yet, damaged or of other code: every fact is found again.
    return read_kept(path, code_digest, dict) or {}


def pack_body(content):
    """Move the HTML of Pelican's ``content`` object into a compressed Body; return the Body.

    Pelican's ``_content`` is emptied (None), so that its string is freed; code
    that still read it would find no text, which tests/test_packed_bodies.py
    shows. The attribute's name is private: Pelican makes one attribute of every
    front-matter field, and an editor's field must not take the body's place.
    """
    if stored_html(content) is not None:
        return None  # held in the content cache, not here: nothing to pack
    content._packed_body = Body(content._content or "")
    content._content = None
    return content._packed_body


def body_html(content):
    """Return the HTML of ``content``'s body, as the core's checks left it."""
    body = getattr(content, "_packed_body", None)
    if body is not None:
        return body.html
    stored = stored_html(content)
    if stored is not None:
        marks = getattr(content, MARKS, None)
        return marks(stored.html) if marks is not None else stored.html
    return content._content or ""


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
