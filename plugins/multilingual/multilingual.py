"""Pelican entry point of the multilingual plugin."""

from pelican import signals

from .front_matter import hold_back_news, hold_back_page
from .generator import MultilingualGenerator, derive_on_reading


def get_generators(pelican):
    """Add the generator that renders every language; it runs after Pelican has read the sources."""
    return MultilingualGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
    # Sent with each source's metadata before Pelican decides to drop it for a missing field.
    signals.page_generator_context.connect(hold_back_page)
    signals.article_generator_context.connect(hold_back_news)
    # Sent when Pelican has made a content object: what the lay-out needs of it, kept with it.
    signals.content_object_init.connect(derive_on_reading)
