"""Pelican entry point of the training calendar plugin."""

from pelican import signals

from .generator import TrainingCalendarGenerator

PLUGIN_NAME = __package__


def get_generators(pelican):
    """Add the generator that lays out the calendar pages and writes the .ics files.

    Listed after "multilingual" in PLUGINS, it runs after the multilingual
    generator has read and checked the data; its pages are then rendered by it.
    """
    # Signals stay connected across builds in one process (tests, the preview):
    # a build that does not list the plugin must not get its pages.
    return TrainingCalendarGenerator if PLUGIN_NAME in pelican.settings.get("PLUGINS", []) else None


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
