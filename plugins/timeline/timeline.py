"""Pelican entry point of the timeline plugin."""

from pelican import signals

from .generator import TimelineGenerator

PLUGIN_NAME = __package__


def get_generators(pelican):
    """Add the timeline generator; it runs after the multilingual and documents generators."""
    # Signals stay connected across builds in one process (tests, the preview):
    # a build that does not list the plugin must not get its pages.
    return TimelineGenerator if PLUGIN_NAME in pelican.settings.get("PLUGINS", []) else None


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
