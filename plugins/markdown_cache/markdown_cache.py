"""Pelican entry point of the markdown_cache plugin."""

from pelican import readers as pelican_readers
from pelican import signals

from .prepare import prepare_cache
from .reader import MarkdownReader

PLUGIN_NAME = __package__


def enabled(settings):
    """True if this build lists the plugin (signals stay connected across builds in one process)."""
    return PLUGIN_NAME in settings.get("PLUGINS", [])


def prepare(pelican):
    """Check the settings and fill the cache, if this build uses the plugin."""
    if enabled(pelican.settings):
        prepare_cache(pelican)


def use_cached_reader(readers):
    """Read Markdown with our reader (each generator makes its own Readers), unless READERS chose another."""
    if not enabled(readers.settings):
        return
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is pelican_readers.MarkdownReader:
            readers.reader_classes[extension] = MarkdownReader


SIGNAL_HANDLERS = [
    # Sent once per build, after the plugins are registered and before any
    # generator reads: the moment to check settings and fill the cache in parallel.
    (signals.initialized, prepare),
    (signals.readers_init, use_cached_reader),
]


def register():
    """Connect the plugin to Pelican's signals."""
    for signal, handler in SIGNAL_HANDLERS:
        signal.connect(handler)
