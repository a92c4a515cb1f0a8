"""Pelican entry point of the documents plugin."""

from pelican import signals

from .generator import DocumentsGenerator


def get_generators(pelican):
    """Add the documents generator; it runs after the multilingual generator (plugin order)."""
    return DocumentsGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
