"""Pelican entry point of the markdown_cache plugin."""

from pelican import readers as pelican_readers
from pelican import signals

from .prepare import prepare_cache
from .reader import MarkdownReader


def use_cached_reader(readers):
    """Read Markdown with our reader (each generator makes its own Readers), unless READERS chose another."""
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is pelican_readers.MarkdownReader:
            readers.reader_classes[extension] = MarkdownReader


SIGNAL_HANDLERS = [
    # Sent once per build, after the plugins are registered and before any
    # generator reads: the moment to check settings and fill the cache in parallel.
    (signals.initialized, prepare_cache),
    (signals.readers_init, use_cached_reader),
]


def register():
    """Connect the plugin to Pelican's signals."""
    for signal, handler in SIGNAL_HANDLERS:
        signal.connect(handler)
