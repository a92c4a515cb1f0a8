"""One Python-Markdown parser per process, reset between sources, converting like a new one."""

import gc
import hashlib
import importlib
import json
import os

import markdown
from markdown import Markdown

# Bump when the layout of a cache entry changes, so that old entries are not read.
CACHE_FORMAT = 1
META_EXTENSION = "markdown.extensions.meta"
# The cycle collector's pace while Python-Markdown converts a source: Python's default.
PARSING_GC_THRESHOLD = (700, 10, 10)


def markdown_settings(settings):
    """Return the MARKDOWN settings as Pelican's MarkdownReader completes them (a copy).

    Pelican adds every configured extension and the meta extension to the list;
    doing the same here lets the cache key and the workers see the parser the
    reader will really use, before any reader exists.
    """
    original = settings["MARKDOWN"]
    completed = dict(original)
    completed["extension_configs"] = dict(original.get("extension_configs", {}))
    extensions = list(original.get("extensions", []))
    for extension in completed["extension_configs"]:
        if extension not in extensions:
            extensions.append(extension)
    if META_EXTENSION not in extensions:
        extensions.append(META_EXTENSION)
    completed["extensions"] = extensions
    return completed


def _extension_versions(extensions):
    """Return what identifies the code of each third-party extension (its version, its file)."""
    versions = {}
    for extension in extensions:
        if not isinstance(extension, str) or extension.startswith("markdown."):
            continue
        module_name = extension.split(":")[0]
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        path = getattr(module, "__file__", None)
        versions[extension] = [getattr(module, "__version__", None), os.stat(path).st_mtime_ns if path else None]
    return versions


def parse_fingerprint(settings):
    """Return a digest of everything besides the file's bytes that changes a parse's result."""
    md_settings = markdown_settings(settings)
    described = {
        "format": CACHE_FORMAT,
        "markdown": markdown.__version__,
        "settings": md_settings,
        "formatted_fields": sorted(settings["FORMATTED_FIELDS"]),
        "extension_versions": _extension_versions(md_settings["extensions"]),
    }
    # repr() for anything JSON cannot write (an Extension instance): an object
    # whose repr changes at every run simply means no entry is ever reused.
    text = json.dumps(described, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).digest()


def decode_source(data):
    """Return the text of a source as pelican_open reads it (UTF-8, no BOM, \\n line ends)."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


class MarkdownParser:
    """Convert sources one after another with one Markdown instance.

    ``reset()`` clears what one document leaves behind (metadata, footnotes,
    abbreviations, references, the table of contents). The footnotes extension
    also counts resets to make ids unique across documents; the counter is put
    back after each reset, so every source converts exactly as with a new parser.
    """

    def __init__(self, md_settings, formatted_fields):
        self.md_settings = md_settings
        self.formatted_fields = [name.lower() for name in formatted_fields]
        self._md = None
        self._plain = None
        self._initial_state = []

    def _new(self, settings):
        md = Markdown(**settings)
        state = [(ext, ext.unique_prefix) for ext in md.registeredExtensions if hasattr(ext, "unique_prefix")]
        return md, state

    def _reset(self, md, state):
        md.reset()
        for extension, prefix in state:
            extension.unique_prefix = prefix

    def parse(self, text):
        """Return (html, metadata, formatted) for a source: raw front matter, formatted fields as HTML."""
        # A build runs Python's cycle collector less often (site_build.heap.fewer_collections), but a
        # conversion leaves cycles behind, and at that pace a cold build at N = 500 took 2 s longer.
        threshold = gc.get_threshold()
        gc.set_threshold(*PARSING_GC_THRESHOLD)
        try:
            return self._parse(text)
        finally:
            gc.set_threshold(*threshold)

    def _parse(self, text):
        if self._md is None:
            self._md, self._initial_state = self._new(self.md_settings)
        self._reset(self._md, self._initial_state)
        html = self._md.convert(text)
        meta = {name: list(values) for name, values in getattr(self._md, "Meta", {}).items()}
        formatted = {}
        for name, values in meta.items():
            if name.lower() in self.formatted_fields:
                formatted[name] = self._convert_field("\n".join(values))
        return html, meta, formatted

    def _convert_field(self, text):
        """Convert a formatted metadata field, without reading front matter from it."""
        if self._plain is None:
            settings = dict(self.md_settings)
            settings["extensions"] = [e for e in settings["extensions"] if e != META_EXTENSION]
            self._plain = self._new(settings)
        md, state = self._plain
        self._reset(md, state)
        return md.convert(text)
