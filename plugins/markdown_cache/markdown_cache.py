"""Pelican entry point of the markdown_cache plugin."""

from pelican import readers as pelican_readers
from pelican import signals

from .listing import list_quickly
from .prepare import prepare_cache
from .reader import MarkdownReader
from .settings import read_settings
from .snapshot import install_snapshot

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


def keep_reading(generator):
    """Give the page or article generator a quicker listing, and the snapshot of what the last build read."""
    if not enabled(generator.settings):
        return
    list_quickly(generator)
    reader = generator.readers.readers.get("md")
    if isinstance(reader, MarkdownReader) and reader.cache is not None:
        install_snapshot(generator, reader, read_settings(generator.settings)["MARKDOWN_CACHE_PATH"])


SIGNAL_HANDLERS = [
    # Sent once per build, after the plugins are registered and before any
    # generator reads: the moment to check settings and fill the cache in parallel.
    (signals.initialized, prepare),
    (signals.readers_init, use_cached_reader),
    # Sent when each generator is made, before it reads.
    (signals.page_generator_init, keep_reading),
    (signals.article_generator_init, keep_reading),
]


def register():
    """Connect the plugin to Pelican's signals."""
    for signal, handler in SIGNAL_HANDLERS:
        signal.connect(handler)
