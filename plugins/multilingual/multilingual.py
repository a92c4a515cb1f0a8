"""Pelican entry point of the multilingual plugin."""

from pelican import signals

from .generator import MultilingualGenerator


def get_generators(pelican):
    """Add the generator that renders every language; it runs after Pelican has read the sources."""
    return MultilingualGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
