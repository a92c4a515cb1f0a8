"""Pelican entry point of the multilingual plugin."""

from itertools import chain

from pelican import signals

from .front_matter import hold_back_news, hold_back_page
from .generator import MultilingualGenerator, derive_on_reading


def get_generators(pelican):
    """Add the generator that renders every language; it runs after Pelican has read the sources."""
    return MultilingualGenerator


# Pelican's own page writing is off when these are empty (pelicanconf.py): the core writes every page.
PAGE_SAVE_SETTINGS = ("PAGE_SAVE_AS", "PAGE_LANG_SAVE_AS", "DRAFT_PAGE_SAVE_AS", "DRAFT_PAGE_LANG_SAVE_AS")


def skip_pelican_page_writing(generator):
    """Let Pelican's page generator skip its loop of writing nothing, when it would write nothing.

    With every page save setting empty, Pelican still works out each page's
    address and output name (2,000 times per build at N = 500: its relative path,
    a copy of its metadata, the format) to hand the writer an empty name it
    ignores. When no page sets its own save_as and nothing listens for each page
    written, the loop is only that; the templates are still looked up (a missing
    one stops the build as before) and the end of the writing still announced.
    """
    if any(generator.settings.get(name) for name in PAGE_SAVE_SETTINGS):
        return
    write_pages = generator.generate_output

    def generate_output(writer):
        pages = list(
            chain(
                generator.translations,
                generator.pages,
                generator.hidden_translations,
                generator.hidden_pages,
                generator.draft_translations,
                generator.draft_pages,
            )
        )
        if signals.page_generator_write_page.receivers or any(hasattr(page, "override_save_as") for page in pages):
            write_pages(writer)
            return
        for page in pages:
            generator.get_template(page.template)
        signals.page_writer_finalized.send(generator, writer=writer)

    generator.generate_output = generate_output


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
    # Sent with each source's metadata before Pelican decides to drop it for a missing field.
    signals.page_generator_context.connect(hold_back_page)
    signals.article_generator_context.connect(hold_back_news)
    # Sent when Pelican has made a content object: what the lay-out needs of it, kept with it.
    signals.content_object_init.connect(derive_on_reading)
    signals.page_generator_init.connect(skip_pelican_page_writing)
