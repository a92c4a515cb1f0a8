"""Pelican entry point of the documents plugin."""

from pelican import signals

from .generator import DocumentsGenerator

PLUGIN_NAME = __package__


def get_generators(pelican):
    """Add the documents generator; it runs after the multilingual generator (plugin order)."""
    # Signals stay connected across builds in one process (tests, the preview):
    # a build that does not list the plugin must not get its pages.
    return DocumentsGenerator if PLUGIN_NAME in pelican.settings.get("PLUGINS", []) else None


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
