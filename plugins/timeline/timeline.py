"""Pelican entry point of the timeline plugin."""

from pelican import signals

from .generator import TimelineGenerator


def get_generators(pelican):
    """Add the timeline generator; it runs after the multilingual and documents generators."""
    return TimelineGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
