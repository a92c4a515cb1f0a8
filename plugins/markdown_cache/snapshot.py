"""What Pelican made of each unchanged source, kept from one build to the next (its HTML excepted).

Reading a source from the content cache still left Pelican most of the work:
its front matter processed again, a content object made (slug, dates, URL
settings, relative paths) and checked, and its HTML searched for static links,
for every source at every build. The snapshot keeps, per source, the content
object's attributes but its HTML, and the static links its HTML names; a build
whose source has the same bytes gets a new object made from them, its HTML left
in the content cache until something asks for it (StoredHtml). Pelican's own
generator cache does the same, but keys it on the file's name and date, so it
would serve an object made under other settings; this one is keyed on the
source's bytes and on everything else that shapes what reading makes (see
``reading_key``).

A source is kept only if reading it logged no warning (a rebuild says again
what the first build said) and its content object's HTML is the content
cache's. The snapshot holds the sources of the last build, in one file per
generator in the cache's folder, and in memory for the next build of the same
process (the preview's).
"""

import contextlib
import datetime
import functools
import hashlib
import io
import logging
import os
import pickle
import zoneinfo

from pelican.utils import SafeDatetime

from site_data.kept_files import read_kept, write_kept
from site_output.fingerprints import canonical, code_digest, digest, library_versions
from site_output.later import keep_after_build
from site_output.reads import file_digest
from site_output.writer import NOT_INPUT_SETTINGS

from .parser import parse_fingerprint

logger = logging.getLogger(__name__)

# Changed when what an entry holds changes: older snapshots are then ignored.
FORMAT = "reading snapshot 2"
# Where a build writes and how many processes parse: they change between builds, never what reading makes.
NOT_READING_SETTINGS = NOT_INPUT_SETTINGS
# Snapshots kept per generator, each under another reading key.
KEPT = 3
# Objects an entry refers to but does not own: the build's own are put in their place.
SETTINGS, CONTEXT = "settings", "context"
# The attribute of a content object made or kept by the snapshot that holds its StoredHtml. Private:
# Pelican makes one attribute of every front-matter field, and a field must not take its place.
STORED_HTML = "_stored_html"

# The last snapshot each file held in this process: {file: (reading key, entries)}. Entries
# are immutable (bytes, frozensets), and every build makes its own content objects from them.
_kept = {}


@functools.cache
def plugins_code_digest(plugin_paths):
    """Return a digest of the plugins' code: a signal receiver may change what reading makes.

    Computed once per process: Python does not load a plugin's code again.
    """
    return code_digest(*plugin_paths)


def reading_key(settings, reader):
    """Return the digest of everything but a source's bytes that shapes what reading it makes.

    The settings (all of them but the output folder's: URL and slug settings,
    metadata rules, time zone, the Markdown configuration…), the content cache's
    parse fingerprint, the versions of Python and of the libraries, the reader's
    class and the code of the plugins (receivers of Pelican's reading signals).
    """
    relevant = {key: value for key, value in settings.items() if key not in NOT_READING_SETTINGS}
    return digest(
        FORMAT,
        canonical(relevant),
        parse_fingerprint(settings).hex(),
        *library_versions(),
        f"{type(reader).__module__}.{type(reader).__qualname__}",
        plugins_code_digest(tuple(settings.get("PLUGIN_PATHS", []))),
    )


def _load(path, key):
    """Return (the entries kept in ``path`` under ``key``, True if from this process's memory, not from the file)."""
    kept = _kept.get(path)
    if kept is not None and kept[0] == key:
        return kept[1], True
    # Missing, damaged or of another key: every source is read.
    return read_kept(path, key, dict) or {}, False


# What a content object's attributes may hold for a new object to be made from a template
# (``ObjectTemplate``) rather than unpickled: values no build changes in place.
IMMUTABLE = frozenset(
    {str, int, float, bool, type(None), bytes, datetime.date, datetime.datetime, SafeDatetime, zoneinfo.ZoneInfo}
)
# The templates of this process, by entry blob; cleared when it holds this many (a test run builds
# hundreds of sites).
_templates = {}
REMEMBERED_TEMPLATES = 50_000


class ObjectTemplate:
    """A content object's class and attributes, from which the preview's next builds make new objects cheaply.

    Unpickling an entry makes every string and dict of the object again, about
    a third of Pelican's reading of an unchanged site at every save of the
    preview. A template shares the immutable values (text, numbers, dates, time
    zones) and copies the lists and dicts that hold only such values; the
    build's settings and context take the place of those it was made with. An
    object holding anything else, or one list or dict twice, is unpickled at
    every build (``of`` returns None).
    """

    __slots__ = ("cls", "parts")

    @classmethod
    def of(cls, content_class, state, shared):
        """Return the template of an object of ``content_class`` with ``state``, or None if it cannot have one."""
        roles = {id(value): role for role, value in shared.items()}
        containers = set()
        parts = []
        for name, value in state.items():
            if id(value) in roles:
                parts.append((name, roles[id(value)], None))
            elif type(value) in IMMUTABLE:
                parts.append((name, None, value))
            elif type(value) in (list, dict) and id(value) not in containers:
                containers.add(id(value))
                items = [*value.keys(), *value.values()] if type(value) is dict else value
                if not all(type(item) in IMMUTABLE for item in items):
                    return None
                parts.append((name, type(value), tuple(value.items()) if type(value) is dict else tuple(value)))
            else:
                return None
        template = cls.__new__(cls)
        template.cls, template.parts = content_class, tuple(parts)
        return template

    def state(self, shared):
        """Return the attributes of a new object: new lists and dicts, and the build's settings and context."""
        made = {}
        for name, role, value in self.parts:
            if role is None:
                made[name] = value
            elif role is list:
                made[name] = list(value)
            elif role is dict:
                made[name] = dict(value)
            else:
                made[name] = shared[role]
        return made


def _save(path, key, entries):
    """Keep ``entries`` in memory and in ``path``; return whether the file was written."""
    _kept[path] = (key, entries)
    return write_kept(path, key, entries)


def _prune(prefix, keep):
    """Remove the snapshot files of ``prefix`` but ``keep`` and the most recently used others, KEPT in all."""
    folder = os.path.dirname(prefix)
    try:
        names = [name for name in os.listdir(folder) if os.path.join(folder, name).startswith(prefix)]
    except OSError:
        return
    paths = [os.path.join(folder, name) for name in names if name.endswith(".pickle")]
    older = sorted((path for path in paths if path != keep), key=_used, reverse=True)
    for path in older[KEPT - 1 :]:
        _kept.pop(path, None)
        with contextlib.suppress(OSError):
            os.remove(path)


def _used(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


class StoredHtml:
    """The HTML of a source, left in the content cache until it is asked for.

    Every content object the snapshot makes or keeps holds one instead of its
    HTML. A rebuild after one edit renders a few pages; the others' HTML need
    not be read, and the checks and the core's findings are remembered by
    ``key``, the content cache's key of the source's bytes, which stands for the
    HTML. A build that reads every source holds one page's HTML at a time
    instead of all of them. An entry removed meanwhile (by another tree's build
    sharing the cache) is parsed again from the source.
    """

    __slots__ = ("reader", "key", "source_path")

    def __init__(self, reader, key):
        self.reader = reader
        self.key = key
        self.source_path = None

    # (key, HTML) of the last body read: the checks, the link marks and the images read it one after another.
    _last = (None, None)

    @property
    def html(self):
        """Return the HTML, from the content cache."""
        key, html = StoredHtml._last
        if key == self.key:
            return html
        entry = self.reader.cache.get(self.key)
        if entry is None:
            return self.reader.read(self.source_path)[0]
        StoredHtml._last = (self.key, entry[0])
        return entry[0]


def stored_html(content):
    """Return the StoredHtml of a content object the snapshot made or kept, or None."""
    return getattr(content, STORED_HTML, None)


class _Warnings(logging.Handler):
    """Notes that a warning was logged while a source was being read."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.seen = False

    def emit(self, record):
        self.seen = True


class ReadingSnapshot:
    """The snapshot of one page or article generator, for one build.

    It takes Pelican's generator cache hooks (``get_cached_data``,
    ``cache_data``) on that generator only: Pelican asks it for each source
    before reading it, and hands it each source it read and found valid. For
    an object made from the snapshot, the generator's record of its path and
    of its static links uses what was kept instead of working them out again.
    """

    def __init__(self, generator, reader, folder):
        self.generator = generator
        self.reader = reader
        self.key = reading_key(generator.settings, reader)
        # One file per key: builds that alternate between two sets of settings (the preview's
        # and `invoke build`'s) each find their own; the least recently used beyond KEPT go.
        self.prefix = os.path.join(folder, f"reading-{type(generator).__name__}-")
        self.path = f"{self.prefix}{self.key[:32]}.pickle"
        self.entries, self.warm = _load(self.path, self.key)
        # The objects an entry refers to but does not own: this build's.
        self.shared = {SETTINGS: generator.settings, CONTEXT: generator.context}
        self.used = {}
        # The source being read: its name and the digest of its bytes.
        self.current = None
        self.warnings = _Warnings()
        # Content objects made from the snapshot in this build: id → static links.
        self.links = {}
        self.objects = []

    def install(self):
        """Put the snapshot's hooks on the generator (this instance only; a generator lives one build)."""
        generator = self.generator
        generator.get_cached_data = self.get_cached_data
        generator.cache_data = self.cache_data
        add_source_path, add_static_links = generator.add_source_path, generator.add_static_links
        generate_context = generator.generate_context

        def add_source_path_kept(content, static=False):
            if static or id(content) not in self.links:
                add_source_path(content, static)
            else:
                # Made under the same PATH: what get_relative_source_path() gave when it was read.
                generator.context["generated_content"][content.relative_source_path] = content

        def add_static_links_kept(content):
            links = self.links.get(id(content))
            if links is None:
                add_static_links(content)
            else:
                generator.context["static_links"] |= links

        def generate_context_kept():
            root = logging.getLogger()
            root.addHandler(self.warnings)
            try:
                generate_context()
            finally:
                root.removeHandler(self.warnings)
            keep_after_build(self.save)

        generator.add_source_path = add_source_path_kept
        generator.add_static_links = add_static_links_kept
        generator.generate_context = generate_context_kept

    def get_cached_data(self, filename, default=None):
        """Return a new content object for ``filename`` if its bytes are those kept, else ``default``."""
        try:
            # The digest the build's other steps read (site_output/reads.py).
            source_digest = file_digest(os.path.join(self.generator.path, filename))
        except OSError:
            self.current = None
            return default
        self.current = (filename, source_digest)
        self.warnings.seen = False
        entry = self.entries.get(filename)
        if entry is None or entry[0] != source_digest:
            return default
        try:
            content = self._restore(entry[2], StoredHtml(self.reader, self.reader.cache.key_of(source_digest)))
        except Exception:  # noqa: BLE001 - an entry that cannot be made again is read again
            return default
        self.used[filename] = entry
        self.links[id(content)] = entry[1]
        self.objects.append(content)  # keeps each id unique for the build
        return content

    def cache_data(self, filename, content):
        """Keep what reading ``filename`` made, unless it warned or its bytes changed meanwhile."""
        current, self.current = self.current, None
        if current is None or current[0] != filename or self.warnings.seen:
            return
        _filename, source_digest = current
        try:
            # Read now, not the build's digest: the file may have been saved again while it was being read.
            with open(os.path.join(self.generator.path, filename), "rb") as handle:
                if hashlib.sha256(handle.read()).digest() != source_digest:
                    return
        except OSError:
            return
        last_read = self.reader.last_read
        if last_read is None or content.source_path != last_read[0] or content._content != last_read[1]:
            return  # a plugin or setting changed the HTML after the reader: not ours to remember
        try:
            blob = self._dump(content)
        except Exception:  # noqa: BLE001 - an attribute that cannot be kept: read at every build
            return
        links = frozenset(content.get_static_links())
        self.used[filename] = (source_digest, links, blob)
        # Its HTML is the content cache's entry: held there from now on, as for an object made from
        # the snapshot, so that a build reading every source (the first, or after a change of code or
        # settings) does not hold every page's HTML at once.
        self.links[id(content)] = links
        self.objects.append(content)
        stored = StoredHtml(self.reader, last_read[2])
        stored.source_path = content.source_path
        content._content = None
        setattr(content, STORED_HTML, stored)

    def _dump(self, content):
        state = {name: value for name, value in content.__dict__.items() if name != "_content"}
        shared = {id(self.generator.settings): SETTINGS, id(self.generator.context): CONTEXT}
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = lambda obj: shared.get(id(obj))
        pickler.dump((type(content), state))
        return buffer.getvalue()

    def _restore(self, blob, stored):
        # The preview's process makes objects from the templates of the entries it made before.
        template = _templates.get(blob) if self.warm else None
        if template is not None:
            cls, state = template.cls, template.state(self.shared)
        else:
            unpickler = pickle.Unpickler(io.BytesIO(blob))
            unpickler.persistent_load = self.shared.__getitem__
            cls, state = unpickler.load()
            if self.warm and blob not in _templates:
                if len(_templates) >= REMEMBERED_TEMPLATES:
                    _templates.clear()
                _templates[blob] = ObjectTemplate.of(cls, state, self.shared)
        content = cls.__new__(cls)
        content.__dict__.update(state)
        stored.source_path = content.source_path
        # Pelican's copy stays empty: the core reads the HTML through multilingual/body.py.
        content._content = None
        setattr(content, STORED_HTML, stored)
        return content

    def save(self):
        """Keep the entries of this build's sources (a removed source's entry goes)."""
        if self.used == self.entries:
            _kept[self.path] = (self.key, self.entries)
            with contextlib.suppress(OSError):
                os.utime(self.path)  # used: the last to be pruned
            return
        if _save(self.path, self.key, self.used):
            _prune(self.prefix, self.path)
        else:
            logger.warning("the reading snapshot was not saved in %s", self.path)


def install_snapshot(generator, reader, folder):
    """Give a page or article generator the snapshot of its last build's reading."""
    ReadingSnapshot(generator, reader, folder).install()
