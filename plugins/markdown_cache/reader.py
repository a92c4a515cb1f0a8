"""Pelican's Markdown reader, with one reused parser and the content cache."""

import logging

from pelican import readers

from .parser import MarkdownParser, decode_source, markdown_settings, parse_fingerprint
from .settings import read_settings
from .store import ContentCache

logger = logging.getLogger(__name__)


def open_cache(settings, options):
    """Return the content cache for these settings, or None when caching is off."""
    if not options["MARKDOWN_CACHE_ENABLED"]:
        return None
    return ContentCache(options["MARKDOWN_CACHE_PATH"], parse_fingerprint(settings))


class MarkdownReader(readers.MarkdownReader):
    """Read Markdown sources like Pelican's reader, parsing each unchanged file only once.

    Same class name as Pelican's, so that a content's ``reader`` metadata stays "markdown".
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.options = read_settings(settings)
        self.parser = MarkdownParser(markdown_settings(settings), settings["FORMATTED_FIELDS"])
        self.cache = open_cache(settings, self.options)
        # (source path, HTML, content cache key) of the last source read: the reading snapshot compares
        # the content object made of it with what the reader gave, without asking the store again.
        self.last_read = None

    def read(self, source_path):
        """Return (HTML, metadata) of a source, from the cache when its bytes are known."""
        self._source_path = source_path
        self.last_read = None
        with open(source_path, "rb") as handle:
            data = handle.read()
        key = self.cache.key(data) if self.cache else None
        entry = self.cache.get(key) if self.cache else None
        if entry is None:
            try:
                text = decode_source(data)
            except UnicodeDecodeError:
                # Skipped quietly: the multilingual plugin's front-matter check says what
                # the file looks like and how to save it; Pelican would log a traceback.
                return "", {"status": "skip"}
            entry = self.parser.parse(text)
            if self.cache:
                self.cache.put(key, entry)
        html, meta, formatted = entry
        self.last_read = (source_path, html, key)
        return html, self._metadata(meta, formatted)

    def _metadata(self, meta, formatted):
        """Process the front matter as Pelican's MarkdownReader._parse_metadata does."""
        output = {}
        try:
            self._process_metadata(meta, formatted, output)
        except ValueError:
            # A value Pelican cannot read (a date such as "31.13.2026"): the
            # front-matter check names the line and the fix; skip the source quietly.
            return {"status": "skip"}
        return output

    def _process_metadata(self, meta, formatted, output):
        for name, values in meta.items():
            name = name.lower()
            if name in formatted:
                output[name] = self.process_metadata(name, formatted[name])
            elif not readers.DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(values) > 1:
                    logger.warning("Duplicate definition of `%s` for %s. Using first one.", name, self._source_path)
                output[name] = self.process_metadata(name, values[0])
            elif len(values) > 1:
                output[name] = self.process_metadata(name, values)
            else:
                output[name] = self.process_metadata(name, values[0])
